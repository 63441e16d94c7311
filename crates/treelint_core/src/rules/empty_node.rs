//! ## What it does
//! Reports a branch glyph with no text after it.
//!
//! ## Why is this bad?
//! An empty branch is a choice with no name: a reader cannot tell what it stands for, and
//! a walk would offer a blank answer.
//!
//! ## Example
//! ```text
//! [Check 1] Is the service down?
//! ├── YES → ✅ PAGE
//! └──
//! ```
//!
//! ## Use instead
//! ```text
//! [Check 1] Is the service down?
//! ├── YES → ✅ PAGE
//! └── NO → ✅ OPEN A TICKET
//! ```

use crate::diagnostics::Diagnostic;
use crate::model::OutlineProblem;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for problem in &model.problems {
        let OutlineProblem::EmptyNode { node } = problem else { continue };
        let Some(glyph) = &model.node(*node).glyph else { continue };
        out.push(
            Diagnostic::new(Rule::EmptyNode, glyph.span.clone(), "branch has no text")
                .with_label("nothing after the glyph")
                .with_help("name the answer or outcome, or delete the line"),
        );
    }
}
