//! ## What it does
//! Reports an answer that has several question children.
//!
//! ## Why is this bad?
//! A reader at that answer must pick which question to ask first, and the tree does not
//! say. `treelint walk` asks them in order and offers the next as "also check…", but the
//! author likely meant one of them to follow from the other.
//!
//! ## Example
//! ```text
//! └── NO (migration already ran)
//!     ├── [Check 3] Is the fix known?
//!     └── [Check 5] Is blast radius growing?
//! ```
//!
//! ## Use instead
//! Nest one question under an answer of the other, so the order is explicit.

use crate::diagnostics::Diagnostic;
use crate::model::NodeKind;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for (n, node) in model.nodes() {
        if node.kind != NodeKind::Answer {
            continue;
        }
        let is_question = |c: &petgraph::graph::NodeIndex| model.node(*c).kind == NodeKind::Question;
        // Counted first: nearly every answer leads to one question, and naming is not free.
        if model.children_unordered(n).filter(is_question).count() >= 2 {
            let questions: Vec<String> =
                model.children(n).into_iter().filter(is_question).map(|c| ctx.node_name(c)).collect();
            out.push(
                Diagnostic::new(
                    Rule::ParallelQuestions,
                    node.text.clone(),
                    format!("answer {} leads to {} questions: {}", ctx.node_name(n), questions.len(), questions.join(", ")),
                )
                .with_label("the reader must pick one")
                .with_help("nest one question under an answer of the other so the order is explicit"),
            );
        }
    }
}
