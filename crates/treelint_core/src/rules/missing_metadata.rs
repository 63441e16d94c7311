//! ## What it does
//! Reports a tree whose metadata lacks Starting Question, Category or Domains, at the H1
//! (bold-key lines under it, or front matter keys).
//!
//! ## Why is this bad?
//! The starting question is how people find the right tree in an incident; category and
//! domains group trees in indexes and search.
//!
//! ## Example
//! ```markdown
//! # Decision Tree: Disk Filling Up
//!
//! ## The Tree
//! ```
//!
//! ## Use instead
//! ```markdown
//! # Decision Tree: Disk Filling Up
//!
//! **Category:** Capacity
//! **Starting Question:** "A disk is filling up — what do I do?"
//! **Domains:** storage, linux
//! ```

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};

const REQUIRED: [(&str, &str); 3] = [("starting question", "Starting Question"), ("category", "Category"), ("domains", "Domains")];

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    if !doc.is_tree() {
        return;
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|(key, _)| !doc.sections.metadata.iter().any(|m| m.key == *key && !m.value.is_empty()))
        .map(|(_, name)| *name)
        .collect();
    if missing.is_empty() {
        return;
    }
    let span = match doc.sections.title {
        Some(h) => doc.markdown.headings[h].text_span.clone(),
        None => 0..doc.text.find(['\n', '\r']).unwrap_or(doc.text.len()),
    };
    out.push(
        Diagnostic::new(Rule::MissingMetadata, span, format!("metadata lacks {}", missing.join(", ")))
            .with_label("missing metadata")
            .with_help(format!("add `**{}:** …` under the title", missing[0])),
    );
}
