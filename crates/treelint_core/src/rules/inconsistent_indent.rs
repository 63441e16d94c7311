//! ## What it does
//! Reports a branch whose glyph stands at a column that matches no open level of the
//! outline: siblings that disagree, or a child drawn left of its parent's children.
//!
//! ## Why is this bad?
//! A node's place in the tree is given by the column of its glyph. A glyph one column off
//! silently moves a node under another parent in every renderer and in `treelint walk`.
//! treelint places the node at the nearest open level (the deeper on a tie) so that the
//! rest of the tree reads as meant and one slip gives one finding.
//!
//! ## Example
//! ```text
//! Root?
//! ├── [Check 1] Is it down?
//! │   ├── YES → ✅ PAGE
//! │  └── NO → ✅ WAIT
//! ```
//!
//! ## Use instead
//! ```text
//! Root?
//! └── [Check 1] Is it down?
//!     ├── YES → ✅ PAGE
//!     └── NO → ✅ WAIT
//! ```

use crate::diagnostics::Diagnostic;
use crate::model::OutlineProblem;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for problem in &model.problems {
        let OutlineProblem::Indent { node, column, placed_column, expected } = problem else { continue };
        let Some(glyph) = &model.node(*node).glyph else { continue };
        let levels: Vec<String> = expected.iter().map(|c| (c + 1).to_string()).collect();
        out.push(
            Diagnostic::new(
                Rule::InconsistentIndent,
                glyph.span.clone(),
                format!(
                    "branch at column {} matches no open level (levels at columns {})",
                    column + 1,
                    levels.join(", ")
                ),
            )
            .with_label(format!("read as if at column {}", placed_column + 1))
            .with_help(format!("move the glyph to column {} so it lines up with its siblings", placed_column + 1)),
        );
    }
}
