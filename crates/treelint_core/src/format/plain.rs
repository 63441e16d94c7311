//! Plain indented outlines: the quick way to author a tree, redrawn in box drawing.
//!
//! A block is read as a plain outline when it is a fenced block declared `tree` or
//! `decision-tree`, none of its lines draws a branch glyph, and at least one node is indented
//! under another. Two forms are recognised:
//!
//! - **Bullets** (`-`, `*` or `+` followed by a space): every bullet is a node, its depth
//!   given by the bullet's indentation. A line without a bullet is the root when it comes
//!   first (or at column 0 after bullets began: a new root); any other line without a bullet
//!   is a note of the node above. Bullets at the root's own column under a root written
//!   without a bullet are its children.
//! - **Indentation only** (no bullet anywhere): every line is a node, its depth given by its
//!   indentation; lines at the first line's indentation are roots (until a root has a
//!   child, such a line continues it as a note, as a column-0 line before the first branch
//!   does in a drawn outline).
//!
//! A level is any indentation width (two spaces, four, a tab counts to the next multiple of
//! four); all children of a node must share one. A line whose indentation matches no open
//! level is refused with its line named, never guessed at.

use crate::diagnostics::Span;
use crate::syntax::blocks::lines_in;
use crate::syntax::outline::OutlineLine;

use super::outline::{Item, Outline, Refusal, Row};

/// One line of a plain outline, split.
struct PlainLine {
    width: usize,
    bullet: bool,
    text: Span,
}

/// Reads `content` as a plain outline; `None` when it is not one (it draws glyphs, or it
/// has no indented node).
pub(crate) fn read(text: &str, content: Span) -> Option<Result<Outline, Refusal>> {
    let mut parsed: Vec<(Span, Option<PlainLine>)> = Vec::new();
    for (line, offset) in lines_in(text, content) {
        let span = offset..offset + line.len();
        match OutlineLine::parse(line, offset) {
            OutlineLine::Branch { .. } => return None,
            OutlineLine::Blank => parsed.push((span, None)),
            OutlineLine::Text { .. } => parsed.push((span, Some(split(line, offset)))),
        }
    }
    let bullets = parsed.iter().any(|(_, l)| l.as_ref().is_some_and(|l| l.bullet));
    let mut items: Vec<Item> = Vec::new();
    let mut rows = Vec::new();
    // Open levels: the indentation of each (None for a root written without a bullet in
    // bullet form: every bullet is deeper) and the item that holds it.
    let mut stack: Vec<(Option<usize>, usize)> = Vec::new();
    let mut bullet_since_root = false;
    // Until a root has a child, a line at the root's own level continues the root, as a
    // column-0 line before any branch does in a drawn outline.
    let mut child_since_root = false;
    for (span, line) in &parsed {
        let Some(line) = line else {
            rows.push(Row::Blank { original: span.clone() });
            continue;
        };
        let idx = items.len();
        if bullets && !line.bullet {
            let new_root = items.is_empty() || (line.width == 0 && bullet_since_root);
            if new_root {
                items.push(Item { parent: None, text: line.text.clone(), implicit: false });
                stack = vec![(None, idx)];
                bullet_since_root = false;
                child_since_root = false;
                rows.push(Row::Node(idx));
            } else {
                rows.push(Row::Note { owner: idx - 1, text: line.text.clone() });
            }
            continue;
        }
        bullet_since_root |= line.bullet;
        let w = line.width;
        if !child_since_root && stack.len() == 1 && stack[0].0 == Some(w) {
            rows.push(Row::Note { owner: idx - 1, text: line.text.clone() });
            continue;
        }
        let parent = if stack.is_empty() {
            None
        } else if let Some(pos) = stack.iter().rposition(|&(sw, _)| sw == Some(w)) {
            let parent = items[stack[pos].1].parent;
            stack.truncate(pos);
            parent
        } else if stack.last().is_some_and(|&(sw, _)| sw.is_none_or(|sw| w > sw)) {
            stack.last().map(|&(_, i)| i)
        } else {
            let levels: Vec<String> = stack.iter().filter_map(|&(sw, _)| sw.map(|c| (c + 1).to_string())).collect();
            return Some(Err(Refusal {
                span: span.clone(),
                message: format!(
                    "inconsistent indentation: a node at column {} matches no open level (levels at columns {}); \
                     block left unformatted",
                    w + 1,
                    levels.join(", ")
                ),
            }));
        };
        if parent.is_none() {
            stack.clear();
            child_since_root = false;
        } else {
            child_since_root = true;
        }
        items.push(Item { parent, text: line.text.clone(), implicit: false });
        stack.push((Some(w), idx));
        rows.push(Row::Node(idx));
    }
    if !items.iter().any(|i| i.parent.is_some()) {
        return None;
    }
    let lines = parsed.into_iter().map(|(s, _)| s).collect();
    Some(Ok(Outline { items, rows, lines }))
}

/// Indentation width, bullet and text of a line that holds text.
fn split(line: &str, offset: usize) -> PlainLine {
    let mut width = 0;
    let mut at = line.len();
    for (i, ch) in line.char_indices() {
        match ch {
            ' ' => width += 1,
            '\t' => width = (width / 4 + 1) * 4,
            _ => {
                at = i;
                break;
            }
        }
    }
    let rest = &line[at..];
    let bullet = !rest.is_empty()
        && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+')
        && (rest.len() == 1 || matches!(rest.as_bytes()[1], b' ' | b'\t'));
    let body_start = if bullet { at + 1 + (rest[1..].len() - rest[1..].trim_start().len()) } else { at };
    let body_end = line.trim_end().len().max(body_start);
    PlainLine { width, bullet, text: offset + body_start..offset + body_end }
}
