//! ## What it does
//! Reports every node from which no outcome can be reached: its paths only lead around a
//! cycle of jumps. An outcome is any leaf (terminal or not) or a jump out of the tree.
//!
//! ## Why is this bad?
//! A reader who enters such a region loops forever and never learns what to do.
//!
//! ## Example
//! ```text
//! Root?
//! └── [Check 1] Is it up?
//!     ├── YES → go to [Check 2]
//!     └── NO → go to [Check 2]
//! [Check 2] Still up?
//! ├── YES → go to [Check 1]
//! └── NO → go to [Check 1]
//! ```
//!
//! ## Use instead
//! Give at least one branch of the cycle an exit: a terminal outcome.

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    for (n, node) in ctx.doc.model.nodes() {
        if !ctx.flow.can_finish[n.index()] {
            out.push(
                Diagnostic::new(Rule::DeadEnd, node.anchor(), format!("no outcome can be reached from {}", ctx.node_name(n)))
                    .with_label("trapped in a cycle of jumps")
                    .with_help("give one branch of the cycle a terminal outcome"),
            );
        }
    }
}
