//! ## What it does
//! Reports a check ID that labels two nodes of the outline, or two Node Details sections.
//! The finding stands at the second occurrence and points back to the first.
//!
//! ## Why is this bad?
//! A check ID is an address: jumps (`→ go to [Check 3]`), details sections and incident
//! transcripts refer to it. Two nodes with one ID make every such reference ambiguous.
//!
//! ## Example
//! ```text
//! ├── [Check 3] Is the fix known?
//! └── [Check 3] Is a flag available?
//! ```
//!
//! ## Use instead
//! ```text
//! ├── [Check 3] Is the fix known?
//! └── [Check 4] Is a flag available?
//! ```

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Related};
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for &(dup, first) in &model.duplicate_checks {
        let (Some(label), Some(first_label)) = (&model.node(dup).check, &model.node(first).check) else { continue };
        out.push(
            Diagnostic::new(Rule::DuplicateCheck, label.span.clone(), format!("Check {} labels two nodes", label.id))
                .with_label("second use of this ID")
                .with_help("give this check its own ID (and update jumps and details)")
                .with_related(Related { path: None, span: first_label.span.clone(), message: "first used here".into() }),
        );
    }
    let mut seen: FxHashMap<&str, &std::ops::Range<usize>> = FxHashMap::default();
    for d in &ctx.doc.sections.details {
        match seen.get(d.id.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(Rule::DuplicateCheck, d.heading.clone(), format!("Check {} has two details sections", d.id))
                    .with_label("second details section")
                    .with_help("merge the two sections")
                    .with_related(Related { path: None, span: (*first).clone(), message: "first details section".into() }),
            ),
            None => {
                seen.insert(&d.id, &d.heading);
            }
        }
    }
}
