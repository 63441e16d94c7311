//! ## What it does
//! Reports a tree block that draws no branches: it holds only a root line, or nothing at
//! all. A block that holds a plain bullet or indented outline is reported as
//! `undrawn-outline` instead, since `fmt` can draw it.
//!
//! ## Why is this bad?
//! The document says it holds a decision tree, but there is nothing to decide: `walk` ends
//! at once and `paths` lists one path of no steps, while `check` would otherwise pass.
//!
//! ## Example
//! ````markdown
//! ```tree
//! Is the service down?
//! ```
//! ````
//!
//! ## Use instead
//! ````markdown
//! ```tree
//! Is the service down?
//! └── [Check 1] Are health checks failing?
//!     ├── YES → ✅ RESTART THE SERVICE
//!     └── NO → ✅ CLOSE THE ALERT
//! ```
//! ````

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (b, block) in doc.blocks.iter().enumerate() {
        if doc.model.nodes().any(|(_, n)| n.block == b && n.glyph.is_some()) {
            continue;
        }
        if crate::format::is_plain_outline(&doc.text, block) {
            continue;
        }
        // At the block's first line: its root, or the fence of an empty block.
        let text = ctx.slice(&block.content);
        let first = text.find(['\n', '\r']).unwrap_or(text.len());
        let span = if text.trim().is_empty() {
            block.fence.clone().map_or(block.content.clone(), |f| {
                let fence = ctx.slice(&f);
                f.start..f.start + fence.find(['\n', '\r']).unwrap_or(fence.len())
            })
        } else {
            let lead = text[..first].len() - text[..first].trim_start().len();
            block.content.start + lead..block.content.start + first
        };
        out.push(
            Diagnostic::new(Rule::EmptyTree, span, "this tree block draws no branches")
                .with_label("nothing to decide")
                .with_help("draw the answers under the root with `├──` and `└──`"),
        );
    }
}
