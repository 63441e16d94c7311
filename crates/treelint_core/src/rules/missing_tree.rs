//! ## What it does
//! Reports a document whose H1 says it is a decision tree ("Decision Tree: …") but that
//! holds no tree block.
//!
//! ## Why is this bad?
//! The outline is the tree. Without it, readers find only the details and actions, and no
//! way to decide between them; it usually means the block lost its fence info or heading.
//!
//! ## Example
//! ```markdown
//! # Decision Tree: Disk Filling Up
//!
//! ## Node Details
//! ```
//!
//! ## Use instead
//! Add the outline in a fenced block under `## The Tree`:
//! ````markdown
//! ## The Tree
//!
//! ```tree
//! Is the disk filling up?
//! └── [Check 1] Is usage above 90%?
//! ```
//! ````

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    if doc.is_tree() {
        return;
    }
    let Some(h) = doc.sections.title.map(|i| &doc.markdown.headings[i]) else { return };
    if h.text.trim_start().to_lowercase().starts_with("decision tree") {
        out.push(
            Diagnostic::new(Rule::MissingTree, h.text_span.clone(), "this decision tree document has no tree block")
                .with_label("no outline follows")
                .with_help("add the outline in a ```tree fenced block under `## The Tree`"),
        );
    }
}
