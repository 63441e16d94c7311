//! ## What it does
//! Reports numeric check IDs that, taken in outline order (first occurrence each), do not
//! read 1, 2, 3, …: each check whose number differs from its position. IDs that are not
//! plain numbers (`2b`, `disk.1`) are skipped.
//!
//! ## Why is this bad?
//! Readers and responders navigate by number ("go to Check 7"); numbers out of order make
//! the details hard to find and suggest a lost or moved check.
//!
//! ## Example
//! ```text
//! ├── [Check 1] …
//! │   └── [Check 3] …
//! └── [Check 2] …
//! ```
//!
//! ## Use instead
//! Renumber so the outline reads Check 1, 2, 3 from top to bottom (and rename the details
//! sections and jumps with them).

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    let numeric = model.check_order().into_iter().filter_map(|(id, n)| Some((id.parse::<u64>().ok()?, n)));
    for (position, (number, n)) in numeric.enumerate() {
        let expected = position as u64 + 1;
        if number == expected {
            continue;
        }
        let Some(label) = &model.node(n).check else { continue };
        out.push(
            Diagnostic::new(Rule::CheckOrder, label.span.clone(), format!("Check {number} is check number {expected} in outline order"))
                .with_label(format!("expected Check {expected}"))
                .with_help("renumber the checks so they read 1, 2, 3, … from top to bottom"),
        );
    }
}
