//! `textDocument/foldingRange`: sections (a heading to the end of its section), code
//! blocks, and every subtree of an outline.

use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

use crate::outline_shape::subtree_ends;
use crate::world::Snapshot;

/// The folding ranges of the snapshot's document.
pub fn folding_ranges(snap: &Snapshot) -> Vec<FoldingRange> {
    let doc = snap.doc();
    let line = |offset: usize| doc.lines.line_of(offset) as u32;
    // The last line of a span ending in a newline is the line before it.
    let last_line = |start: usize, end: usize| line(if end > start { end - 1 } else { end });
    let mut out = Vec::new();
    let mut push = |start: u32, end: u32, kind: FoldingRangeKind| {
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(kind),
                collapsed_text: None,
            });
        }
    };
    for (i, h) in doc.markdown.headings.iter().enumerate() {
        let body = doc.markdown.section_body(i, doc.text.len());
        let mut end = last_line(h.span.start, body.end.max(h.span.end));
        // Leave the blank line before the next heading visible.
        while end > line(h.span.start)
            && doc.text[doc.lines.line_start(end as usize)..].lines().next().is_some_and(|l| l.trim().is_empty())
        {
            end -= 1;
        }
        push(line(h.span.start), end, FoldingRangeKind::Region);
    }
    for c in &doc.markdown.code_blocks {
        push(line(c.span.start), last_line(c.span.start, c.span.end), FoldingRangeKind::Region);
    }
    let ends = subtree_ends(&doc.model);
    for (n, node) in doc.model.nodes() {
        if node.implicit {
            continue;
        }
        push(line(node.line.start), last_line(node.line.start, ends[n.index()]), FoldingRangeKind::Region);
    }
    out
}
