//! One document through the pipeline: Markdown → syntax → model. Pure and total: any text
//! gives a `Document`.

use rustc_hash::FxHashMap;

use petgraph::graph::NodeIndex;

use crate::config::Config;
use crate::line_index::LineIndex;
use crate::markdown::Markdown;
use crate::model::{self, Model, Resolution};
use crate::syntax::blocks::{TreeBlock, find_tree_blocks};
use crate::syntax::sections::Sections;

/// The size from which a document's independent stages (and the rules) run on two threads.
pub const PARALLEL_FROM: usize = 256 * 1024;

/// `a` and `b`, on two threads when `split`.
pub(crate) fn join<A: Send, B: Send>(
    split: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if split { rayon::join(a, b) } else { (a(), b()) }
}

/// A parsed document and its model.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub lines: LineIndex,
    pub markdown: Markdown,
    pub blocks: Vec<TreeBlock>,
    pub sections: Sections,
    pub model: Model,
    /// Where each terminal leads.
    pub terminals: FxHashMap<NodeIndex, Resolution>,
}

impl Document {
    pub fn parse(text: impl Into<String>, config: &Config) -> Document {
        let text = text.into();
        // A large document (the language server re-parses it on every edit) is parsed on
        // two threads where stages do not depend on each other; a small one on the caller's
        // thread, which is cheaper than handing work over.
        let split = text.len() >= PARALLEL_FROM;
        let (lines, markdown) = join(split, || LineIndex::new(&text), || Markdown::parse(&text));
        let ((blocks, model), sections) = join(
            split,
            || {
                let blocks = find_tree_blocks(&text, &markdown, &lines, config);
                let model = model::build(&text, &markdown, &blocks, config);
                (blocks, model)
            },
            || Sections::parse(&text, &markdown, config),
        );
        let terminals = model::resolve_terminals(&text, &model, &sections.actions);
        Document { text, lines, markdown, blocks, sections, model, terminals }
    }

    /// Whether the document holds a tree (FORMAT.md §1).
    pub fn is_tree(&self) -> bool {
        !self.blocks.is_empty()
    }

    /// The text of a span.
    pub fn slice(&self, span: &std::ops::Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    /// A check's question as drawn: the label of node `n` without the `[Check N]` in it.
    pub fn check_question(&self, n: NodeIndex) -> String {
        let node = self.model.node(n);
        let check = node.check.as_ref().map_or("", |c| &self.text[c.span.clone()]);
        self.text[node.label.clone()].replacen(check, "", 1).trim().to_string()
    }

    /// The document's title: its H1, else its first root.
    pub fn title(&self) -> Option<&str> {
        self.sections.title.map(|h| self.markdown.headings[h].text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_question_is_its_label_without_the_check() {
        let doc = Document::parse(
            "```tree\nStart?\n└── [Check 2] Is it safe? (no migration)\n    └── YES → ✅ GO\n```\n",
            &Config::default(),
        );
        let n = doc.model.checks["2"];
        assert_eq!(doc.check_question(n), "Is it safe? (no migration)");
    }
}
