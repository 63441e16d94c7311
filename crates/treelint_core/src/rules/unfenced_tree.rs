//! ## What it does
//! Reports a tree outline written outside a fenced code block, at its first line.
//!
//! ## Why is this bad?
//! Markdown renderers collapse the spaces of ordinary paragraphs and join their lines, so
//! the drawing loses its shape on GitHub, in wikis and in scraped copies: exactly how the
//! indentation of many published trees was lost.
//!
//! ## Example
//! ```markdown
//! Is it down?
//! ├── YES → ✅ PAGE
//! └── NO → ✅ WAIT
//! ```
//!
//! ## Use instead
//! ````markdown
//! ```tree
//! Is it down?
//! ├── YES → ✅ PAGE
//! └── NO → ✅ WAIT
//! ```
//! ````

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    for block in ctx.doc.blocks.iter().filter(|b| b.fence.is_none()) {
        let text = ctx.slice(&block.content);
        let first = text.find(['\n', '\r']).unwrap_or(text.len());
        let span = block.content.start..block.content.start + first;
        out.push(
            Diagnostic::new(Rule::UnfencedTree, span, "tree outline is not inside a fenced code block")
                .with_label("renderers collapse this drawing")
                .with_help("wrap the outline in a ```tree fenced block"),
        );
    }
}
