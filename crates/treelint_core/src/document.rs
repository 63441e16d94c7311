//! One document through the pipeline: Markdown → syntax → model. Pure and total: any text
//! gives a `Document`.

use rustc_hash::FxHashMap;

use petgraph::graph::NodeIndex;

use crate::config::Config;
use crate::line_index::LineIndex;
use crate::markdown::Markdown;
use crate::model::{self, Model, Resolution};
use crate::syntax::blocks::{find_tree_blocks, TreeBlock};
use crate::syntax::sections::Sections;

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
        let lines = LineIndex::new(&text);
        let markdown = Markdown::parse(&text);
        let blocks = find_tree_blocks(&text, &markdown, &lines, config);
        let sections = Sections::parse(&text, &markdown, config);
        let model = model::build(&text, &markdown, &blocks, config);
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

    /// The document's title: its H1, else its first root.
    pub fn title(&self) -> Option<&str> {
        self.sections.title.map(|h| self.markdown.headings[h].text.as_str())
    }
}
