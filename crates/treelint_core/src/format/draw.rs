//! The canonical drawing of an [`Outline`]: levels of four columns, `├── ` on a child that
//! has a later sibling and `└── ` on the last, `│` exactly where a later sibling follows,
//! notes at the text column of their node, spacers reduced to the bars that pass through
//! them, and no trailing whitespace.
//!
//! Invariant: the drawing reads back (through `model::build`) as the same nodes, parents
//! and notes: each line is drawn so that the placement rules of FORMAT.md §2 give it the
//! owner it had. Roots stand at column 0; a note of a root stands at column 0 only while no
//! branch has been drawn in the block (later a column-0 line would start a new root).

use super::outline::{Outline, Row};

const BAR: &str = "│   ";
const GAP: &str = "    ";
const MIDDLE: &str = "├── ";
const LAST: &str = "└── ";

/// Facts about each node that the drawing needs.
struct Shape {
    depth: Vec<usize>,
    later_sibling: Vec<bool>,
    has_children: Vec<bool>,
}

impl Shape {
    fn new(outline: &Outline) -> Shape {
        let n = outline.items.len();
        let mut depth = vec![0; n];
        let mut later_sibling = vec![false; n];
        let mut has_children = vec![false; n];
        let mut last_child: Vec<Option<usize>> = vec![None; n];
        for (i, item) in outline.items.iter().enumerate() {
            if let Some(p) = item.parent {
                depth[i] = depth[p] + 1;
                has_children[p] = true;
                if let Some(prev) = last_child[p] {
                    later_sibling[prev] = true;
                }
                last_child[p] = Some(i);
            }
        }
        Shape { depth, later_sibling, has_children }
    }

    /// The bar or gap of each level from 1 to `upto` on the way down to `node`: a bar where
    /// the ancestor at that level (or the node itself) has a later sibling.
    fn levels(&self, outline: &Outline, node: usize, upto: usize) -> String {
        let mut chain = Vec::with_capacity(self.depth[node]);
        let mut at = Some(node);
        while let Some(i) = at {
            if self.depth[i] == 0 {
                break;
            }
            if self.depth[i] <= upto {
                chain.push(if self.later_sibling[i] { BAR } else { GAP });
            }
            at = outline.items[i].parent;
        }
        chain.reverse();
        chain.concat()
    }
}

/// Draws every row; `text` is the document the spans point into, `indent` is put before
/// every non-empty line (a fenced block indented inside a list keeps its indentation).
/// `keep_empty_spacers`: an unfenced outline ends at an empty line, so a spacer that would
/// lose all its bars keeps its original drawing instead.
pub(crate) fn draw(outline: &Outline, text: &str, indent: &str, keep_empty_spacers: bool) -> Vec<String> {
    let shape = Shape::new(outline);
    // The first row after each row that is not blank, found in one backward pass so a run
    // of blank rows costs linear time.
    let mut next_drawn = vec![None; outline.rows.len()];
    let mut seen = None;
    for (r, row) in outline.rows.iter().enumerate().rev() {
        next_drawn[r] = seen;
        if !matches!(row, Row::Blank { .. }) {
            seen = Some(r);
        }
    }
    let mut out = Vec::with_capacity(outline.rows.len());
    let mut branched = false;
    for (r, row) in outline.rows.iter().enumerate() {
        let line = match row {
            Row::Node(i) => {
                let d = shape.depth[*i];
                if d == 0 {
                    text[outline.items[*i].text.clone()].to_string()
                } else {
                    branched = true;
                    let glyph = if shape.later_sibling[*i] { MIDDLE } else { LAST };
                    format!("{}{}{}", shape.levels(outline, *i, d - 1), glyph, &text[outline.items[*i].text.clone()])
                }
            }
            Row::Note { owner, text: span } => {
                format!("{}{}", note_prefix(&shape, outline, *owner, branched), &text[span.clone()])
            }
            Row::Blank { original } => {
                let bars = spacer(&shape, outline, next_drawn[r].map(|n| &outline.rows[n]), branched);
                let bars = bars.trim_end();
                if bars.is_empty() && keep_empty_spacers {
                    text[original.clone()].trim_end().to_string()
                } else {
                    bars.to_string()
                }
            }
        };
        let line = line.trim_end();
        out.push(if line.is_empty() { String::new() } else { format!("{indent}{line}") });
    }
    out
}

/// What stands before a note of `owner`: the bars down to its level, so the note starts at
/// the column of the owner's text.
fn note_prefix(shape: &Shape, outline: &Outline, owner: usize, branched: bool) -> String {
    let d = shape.depth[owner];
    if d > 0 {
        return shape.levels(outline, owner, d);
    }
    match (branched, shape.has_children[owner]) {
        (false, _) => String::new(),
        (true, true) => BAR.into(),
        (true, false) => GAP.into(),
    }
}

/// The bars of a blank row: those that pass through it down to `next`, the next row drawn.
fn spacer(shape: &Shape, outline: &Outline, next: Option<&Row>, branched: bool) -> String {
    match next {
        Some(Row::Node(m)) => {
            let d = shape.depth[*m];
            if d == 0 { String::new() } else { format!("{}│", shape.levels(outline, *m, d - 1)) }
        }
        Some(Row::Note { owner, .. }) => note_prefix(shape, outline, *owner, branched),
        Some(Row::Blank { .. }) | None => String::new(),
    }
}
