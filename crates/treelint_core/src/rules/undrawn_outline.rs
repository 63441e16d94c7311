//! ## What it does
//! Reports a declared tree block (```` ```tree ````) that holds a plain bullet or indented
//! outline instead of a drawing.
//!
//! ## Why is this bad?
//! A plain outline is the quick way to write a tree, but until it is drawn the other tools
//! read it as one root with notes: `check` finds nothing to check, `walk` ends at once and
//! `paths` lists no steps.
//!
//! ## Example
//! ````markdown
//! ```tree
//! Is the service down?
//! - [Check 1] Are health checks failing?
//!   - YES → ✅ RESTART THE SERVICE
//!   - NO → ✅ CLOSE THE ALERT
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
//!
//! ## Fix safety
//! Safe: the fix is what `treelint fmt` does to the block: it draws the outline in box
//! drawing, keeping every node's text byte for byte, and is applied only if the block then
//! reads back as the outline that was drawn.

use crate::diagnostics::{Applicability, Diagnostic, Fix, Intent};
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (index, block) in doc.blocks.iter().enumerate() {
        if !crate::format::is_plain_outline(&doc.text, block) {
            continue;
        }
        let text = ctx.slice(&block.content);
        let lead = text.len() - text.trim_start().len();
        let first = text[lead..].find(['\n', '\r']).map_or(text.len(), |i| lead + i);
        let span = block.content.start + lead..block.content.start + first;
        let diagnostic = Diagnostic::new(Rule::UndrawnOutline, span, "this tree is a plain outline, not drawn")
            .with_label("the other tools read this as one root with notes")
            .with_help("run `treelint fmt` to draw it with `├──` and `└──`");
        let drawn = crate::format::format_range(&doc.text, block.content.clone(), ctx.config);
        let edits: Vec<_> = drawn
            .edits
            .into_iter()
            .filter(|e| block.content.start <= e.span.start && e.span.end <= block.content.end)
            .collect();
        out.push(if edits.is_empty() {
            diagnostic
        } else {
            diagnostic.with_fix(Fix {
                title: "Draw the outline".into(),
                applicability: Applicability::Safe,
                edits,
                intent: Intent::Redraw { block: index },
            })
        });
    }
}
