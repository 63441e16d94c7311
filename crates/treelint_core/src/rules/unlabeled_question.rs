//! ## What it does
//! Reports a question (a label ending in `?`) that has no `[Check ID]`. The root is exempt,
//! and so is a question with no answers, which `unmarked-leaf` reports.
//!
//! ## Why is this bad?
//! Only labelled checks get Node Details (the commands to run), can be jumped to, and can
//! be named in a transcript or a chat ("we're at Check 7").
//!
//! ## Example
//! ```text
//! ├── Is migration purely additive (new column, new table)?
//! ```
//!
//! ## Use instead
//! ```text
//! ├── [Check 8] Is migration purely additive (new column, new table)?
//! ```
//! and add `### Check 8: …` under Node Details.

use crate::diagnostics::Diagnostic;
use crate::model::NodeKind;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for (n, node) in model.nodes() {
        // A question with no answers ends its path: `unmarked-leaf` reports it, once.
        if node.kind == NodeKind::Question && node.check.is_none() && model.child_count(n) > 0 {
            out.push(
                Diagnostic::new(Rule::UnlabeledQuestion, node.text.clone(), format!("question {} has no [Check ID]", ctx.node_name(n)))
                    .with_label("unlabeled question")
                    .with_help("prefix it with `[Check N]` and add a Node Details section"),
            );
        }
    }
}
