//! ## What it does
//! Reports a Node Details section whose check ID no node of the outline has.
//!
//! ## Why is this bad?
//! Usually a check was renumbered or removed and its details stayed behind: readers of the
//! details look for a step that no longer exists, and the real step has none.
//!
//! ## Example
//! `### Check 11: Verify the rollback` with no `[Check 11]` in the outline.
//!
//! ## Use instead
//! Rename the section to the check it describes, or delete it.

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    if !doc.is_tree() {
        return;
    }
    for d in &doc.sections.details {
        if !doc.model.checks.contains_key(&d.id) {
            out.push(
                Diagnostic::new(Rule::OrphanDetails, d.heading.clone(), format!("details for Check {}, which is not in the outline", d.id))
                    .with_label("no such check")
                    .with_help("rename the section to the check it describes, or delete it"),
            );
        }
    }
}
