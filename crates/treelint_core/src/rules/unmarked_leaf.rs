//! ## What it does
//! Reports a leaf that is neither a terminal (`→ ✅ …`, `→ ⚠️ …`) nor a jump: the path
//! simply stops, or ends in plain text.
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
        out.push(
            Diagnostic::new(Rule::UnmarkedLeaf, node.text.clone(), format!("path ends at {} without an outcome", ctx.node_name(n)))
                .with_label("neither a terminal nor a jump")
                .with_help("end it with `→ ✅ ACTION` (and a Terminal Actions section), `→ ⚠️ …`, or `→ go to [Check N]`"),
        );
    }
}
