//! The formatter's view of one tree block: its nodes (parent links, text spans) and one row
//! per line of the block, read either from the model (drawn outlines, any glyph style or
//! indentation width) or from a plain indented outline ([`super::plain`]).
//!
//! Invariant: `rows` has exactly one entry per line of the block, in order, so rewriting a
//! block never adds, removes or reorders lines and every line keeps its own line ending.

use std::collections::HashMap;

use crate::diagnostics::Span;
use crate::document::Document;
use crate::model::OutlineProblem;
use crate::syntax::blocks::lines_in;
use crate::syntax::outline::OutlineLine;

/// A node of a block, in document order (a parent always comes before its children).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub parent: Option<usize>,
    /// The node's text, kept byte for byte.
    pub text: Span,
    /// A root with no line of its own (the block starts with a glyph).
    pub implicit: bool,
}

/// What one line of the block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Row {
    Node(usize),
    Note {
        owner: usize,
        text: Span,
    },
    /// An empty line or a spacer (bars only); `original` is the line without its ending.
    Blank {
        original: Span,
    },
}

/// A block ready to be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outline {
    pub items: Vec<Item>,
    pub rows: Vec<Row>,
    /// The line spans (without line endings), parallel to `rows`.
    pub lines: Vec<Span>,
}

/// Why a block is left as it is: the 0-based line to name and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub span: Span,
    pub message: String,
}

/// Reads block `b` of `doc` through its model. Refuses a block whose drawing has an
/// `inconsistent-indent` slip: where the author meant a node to go is a guess.
pub(crate) fn from_model(doc: &Document, b: usize) -> Result<Outline, Refusal> {
    let model = &doc.model;
    if let Some(slip) = model.problems.iter().find_map(|p| match p {
        OutlineProblem::Indent { node, column, expected, .. } if model.node(*node).block == b => {
            Some((*node, *column, expected.clone()))
        }
        _ => None,
    }) {
        let (node, column, expected) = slip;
        let span = model.node(node).glyph.as_ref().map_or(model.node(node).line.clone(), |g| g.span.clone());
        let levels: Vec<String> = expected.iter().map(|c| (c + 1).to_string()).collect();
        return Err(Refusal {
            span,
            message: format!(
                "inconsistent indentation: branch at column {} matches no open level (levels at columns {}); \
                 block left unformatted, move the glyph onto a level first",
                column + 1,
                levels.join(", ")
            ),
        });
    }
    let mut local: HashMap<usize, usize> = HashMap::new();
    let mut items = Vec::new();
    let mut by_line: HashMap<usize, usize> = HashMap::new();
    let mut notes: HashMap<usize, usize> = HashMap::new();
    for (n, node) in model.nodes().filter(|(_, node)| node.block == b) {
        let idx = items.len();
        local.insert(n.index(), idx);
        let parent = node.parent.and_then(|p| local.get(&p.index()).copied());
        items.push(Item { parent, text: node.text.clone(), implicit: node.implicit });
        if !node.implicit {
            by_line.insert(node.line.start, idx);
        }
        for note in &node.notes {
            notes.insert(note.start, idx);
        }
    }
    let block = &doc.blocks[b];
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for (line, offset) in lines_in(&doc.text, block.content.clone()) {
        let span = offset..offset + line.len();
        let row = match OutlineLine::parse(line, offset) {
            OutlineLine::Blank => Row::Blank { original: span.clone() },
            OutlineLine::Branch { .. } => Row::Node(lookup(&by_line, offset, &span)?),
            OutlineLine::Text { text, .. } => match notes.get(&text.start) {
                Some(&owner) => Row::Note { owner, text },
                None => Row::Node(lookup(&by_line, offset, &span)?),
            },
        };
        rows.push(row);
        lines.push(span);
    }
    Ok(Outline { items, rows, lines })
}

fn lookup(by_line: &HashMap<usize, usize>, offset: usize, span: &Span) -> Result<usize, Refusal> {
    by_line.get(&offset).copied().ok_or_else(|| Refusal {
        span: span.clone(),
        message: "this line could not be matched to a node of the tree; block left unformatted".into(),
    })
}
