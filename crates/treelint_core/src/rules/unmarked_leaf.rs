//! ## What it does
//! Reports a leaf that is neither a terminal (`→ ✅ …`, `→ ⚠️ …`) nor a jump: the path
//! simply stops, ends in an outcome written in words without a marker, or ends at a
//! question that has no answers (reported here only, not also as `unlabeled-question`).
//!
//! ## Why is this bad?
//! The reader reaches the end of a path without a clear action. "rollback still viable with
//! caution" is advice, not a decision; it also has no Terminal Actions section with the
//! commands to run.
//!
//! ## Example
//! ```text
//! └── NO → attempt fix forward with timer
//! ```
//!
//! ## Use instead
//! ```text
//! └── NO → ✅ FIX FORWARD WITH A TIMER
//! ```
//! and add `### ✅ Action: Fix Forward With a Timer` under Terminal Actions.

use crate::diagnostics::Diagnostic;
use crate::model::NodeKind;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for (n, node) in model.nodes() {
        let is_leaf_kind = matches!(node.kind, NodeKind::Answer | NodeKind::Question);
        if !is_leaf_kind || node.text.is_empty() || model.child_count(n) != 0 {
            continue;
        }
        let name = ctx.node_name(n);
        // Say what the path ends in: an outcome in words is still an outcome to the reader,
        // just not one the tools can act on; a question with no answers is a different slip.
        let (message, label) = if node.outcome.as_ref().is_some_and(|o| !o.span.is_empty()) {
            (format!("path ends at {name} with an outcome in words, not a terminal or a jump"), "outcome without a marker")
        } else if node.kind == NodeKind::Question {
            (format!("question {name} has no answers: the path ends here"), "no answers below")
        } else {
            (format!("path ends at {name} without an outcome"), "neither a terminal nor a jump")
        };
        out.push(
            Diagnostic::new(Rule::UnmarkedLeaf, node.text.clone(), message)
                .with_label(label)
                .with_help("end it with `→ ✅ ACTION` (and a Terminal Actions section), `→ ⚠️ …`, or `→ go to [Check N]`"),
        );
    }
}
