//! `--tree N|TEXT`: the one way `paths`, `export` and `walk` pick a tree of a file that holds
//! several (FORMAT.md §1: in ordinary Markdown each block, and each root line in a block, is
//! a tree of its own). A tree is named by its number, its root's text or its heading, as
//! `Document::select_tree` matches them.

use std::fmt::Write as _;

use clap::Args;
use treelint_core::Document;
use treelint_core::document::TreeInfo;

use crate::render::sanitize_line;

#[derive(Debug, Clone, Default, Args)]
pub struct TreeArgs {
    /// Which tree of the file: its number (`2`), its root's text or its heading
    /// (case-insensitive; a unique part is enough). Without it, a file with several trees
    /// is taken whole.
    #[arg(long, value_name = "N|TEXT")]
    pub tree: Option<String>,
}

impl TreeArgs {
    /// The tree `--tree` names: `Ok(None)` without the flag, an error (for exit 2) that
    /// lists the trees when it names none or several.
    pub fn select(&self, doc: &Document, shown: &str) -> Result<Option<TreeInfo>, String> {
        let Some(wanted) = &self.tree else { return Ok(None) };
        let trees = doc.trees();
        let w = wanted.trim().to_lowercase();
        // A heading over several trees (a chain of numbered questions under one heading)
        // names none of them: `select_tree` would take the first.
        let exact = trees
            .iter()
            .filter(|t| t.root_text.to_lowercase() == w || t.heading.as_ref().is_some_and(|h| h.to_lowercase() == w))
            .count();
        if exact > 1 {
            return Err(format!(
                "--tree {} matches {exact} trees of {}; name one:{}",
                sanitize_line(wanted),
                sanitize_line(shown),
                listing(doc, &trees)
            ));
        }
        if let Some(t) = doc.select_tree(wanted) {
            return Ok(Some(t));
        }
        let matching = trees
            .iter()
            .filter(|t| {
                t.root_text.to_lowercase().contains(&w)
                    || t.heading.as_ref().is_some_and(|h| h.to_lowercase().contains(&w))
            })
            .count();
        let why = if trees.is_empty() {
            format!("{} holds no tree", sanitize_line(shown))
        } else if matching > 1 {
            format!("--tree {} matches {matching} trees of {}; name one:", sanitize_line(wanted), sanitize_line(shown))
        } else {
            format!("{} has no tree {}; its trees:", sanitize_line(shown), sanitize_line(wanted))
        };
        Err(format!("{why}{}", listing(doc, &trees)))
    }
}

/// One tree in a line, without its number: `Is the pod restarting?  (under "Pods", line 14)`.
pub fn describe(doc: &Document, t: &TreeInfo) -> String {
    let line = doc.lines.line_col(&doc.text, t.span.start).line + 1;
    let root = sanitize_line(&short(&t.root_text));
    match &t.heading {
        Some(h) if !h.trim().eq_ignore_ascii_case(t.root_text.trim()) => {
            format!("{root}  (under \"{}\", line {line})", sanitize_line(&short(h)))
        }
        _ => format!("{root}  (line {line})"),
    }
}

/// The trees, each on a line of its own after a newline, numbered, for a message.
pub fn listing(doc: &Document, trees: &[TreeInfo]) -> String {
    let mut s = String::new();
    for t in trees {
        let _ = write!(s, "\n{:>3}. {}", t.number, describe(doc, t));
    }
    s
}

fn short(s: &str) -> String {
    let cut: String = s.chars().take(70).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}
