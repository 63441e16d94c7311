//! ## What it does
//! Reports a question (a check, or a label ending in `?`) with exactly one answer. The root
//! is exempt: its children are the first steps, not answers. A question with no answer at
//! all is reported as `unmarked-leaf`.
//!
//! ## Why is this bad?
//! A question with one answer is no decision: either the other answer was lost, or the
//! node is a step that should not be phrased as a question.
//!
//! ## Example
//! ```text
//! └── [Check 4] Can a feature flag disable it?
//!     └── YES → ✅ FLAG OFF
//! ```
//!
//! ## Use instead
//! ```text
//! └── [Check 4] Can a feature flag disable it?
//!     ├── YES → ✅ FLAG OFF
//!     └── NO → ⚠️ ESCALATE
//! ```

use crate::diagnostics::Diagnostic;
use crate::model::NodeKind;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for (n, node) in model.nodes() {
        if node.kind != NodeKind::Question || model.child_count(n) != 1 {
            continue;
        }
        let span = node.check.as_ref().map_or(node.text.clone(), |c| c.span.clone());
        out.push(
            Diagnostic::new(Rule::SingleAnswer, span, format!("{} has only one answer", ctx.node_name(n)))
                .with_label("one answer")
                .with_help("add the other answer, or rephrase the node as a step"),
        );
    }
}
