//! ## What it does
//! Reports a terminal outcome (`✅ …`, `⚠️ …`) that has branches drawn under it. Reported
//! once, on the terminal; its children are not also reported as unreachable.
//!
//! ## Why is this bad?
//! A terminal ends the walk: the reader acts and stops. Branches under it are either a
//! missing question or leftovers of an edit, and a walk never shows them.
//!
//! ## Example
//! ```text
//! ├── YES → ✅ ROLL BACK
//! │   └── If the rollback fails → ⚠️ ESCALATE
//! ```
//!
//! ## Use instead
//! Turn the terminal into an answer that leads to a question, or move the branches to the
//! action's section as steps.

use crate::diagnostics::Diagnostic;
use crate::model::NodeKind;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for (n, node) in model.nodes() {
        if node.kind != NodeKind::Terminal {
            continue;
        }
        let count = model.child_count(n);
        if count > 0 {
            let branches = if count == 1 { "1 child branch".to_string() } else { format!("{count} child branches") };
            out.push(
                Diagnostic::new(Rule::TerminalHasChildren, node.anchor(), format!("terminal outcome has {branches}"))
                    .with_label("a walk ends here")
                    .with_help("remove the arrow and marker to make it an answer, or move the branches elsewhere"),
            );
        }
    }
}
