//! `treelint fmt`: redraws tree blocks in the canonical box drawing. The CLI and the
//! language server's formatting both call [`format_document`] / [`format_range`].
//!
//! Invariants:
//! - Only the lines of tree blocks change, and only their drawing (glyphs, bars, spaces):
//!   node and note texts are kept byte for byte, everything outside tree blocks is kept
//!   byte for byte, and each line keeps its own line ending (lines are never added, removed
//!   or reordered).
//! - The result means the same tree: before anything is returned, the formatted text is
//!   parsed again and its model compared, node by node, with the outline that was drawn. A
//!   block that would not read back the same is left alone and reported, never guessed at;
//!   so is a block with an `inconsistent-indent` slip.
//! - Formatting is idempotent: a formatted document formats to itself.

mod draw;
mod outline;
mod plain;

use crate::config::Config;
use crate::diagnostics::{Edit, Span};
use crate::document::Document;
use crate::syntax::blocks::TreeBlock;

use crate::readback::{self, Expectation, Reading, Sketch};
use outline::{Outline, Refusal, Row};

/// A tree block that was left as it is, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where the problem is (a glyph, or a line).
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column (Unicode scalar values) of `span.start`.
    pub column: usize,
    /// What is wrong and what was done (the block was left as it is).
    pub message: String,
}

/// The outcome of formatting a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatResult {
    /// The formatted document (the input itself when nothing changes).
    pub text: String,
    /// The line edits that turn the input into `text`: sorted, non-overlapping, each
    /// replacing one line's content (never its line ending).
    pub edits: Vec<Edit>,
    /// Blocks left alone.
    pub skipped: Vec<Skipped>,
}

impl FormatResult {
    /// Whether formatting changes the document.
    pub fn changed(&self) -> bool {
        !self.edits.is_empty()
    }
}

/// Formats every tree block of `text`.
pub fn format_document(text: &str, config: &Config) -> FormatResult {
    format_blocks(text, config, |_| true)
}

/// Formats the tree blocks that overlap `range` (byte offsets), for an editor's range
/// formatting: a block is always redrawn whole, since its bars depend on all its lines.
pub fn format_range(text: &str, range: Span, config: &Config) -> FormatResult {
    format_blocks(text, config, |block| {
        // A fenced block counts from fence to fence, so a range on a fence line selects it.
        let c = block.fence.as_ref().unwrap_or(&block.content);
        c.start <= range.end && range.start <= c.end
    })
}

/// A block's drawing, once read.
struct Planned {
    block: usize,
    outline: Outline,
    edits: Vec<Edit>,
}

fn format_blocks(text: &str, config: &Config, select: impl Fn(&TreeBlock) -> bool) -> FormatResult {
    let doc = Document::parse(text, config);
    let before = Reading::of(&doc);
    let mut planned = Vec::new();
    let mut skipped = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        if !select(block) {
            continue;
        }
        match plan(&doc, b) {
            Ok(Some(p)) => planned.push(p),
            Ok(None) => {}
            Err(refusal) => skipped.push(skip(&doc, refusal)),
        }
    }
    // Verify all blocks at once (the usual case), else each on its own.
    let all: Vec<&Planned> = planned.iter().collect();
    let accepted: Vec<&Planned> = if reads_back(&doc, &before, &all, config).is_ok() {
        all
    } else {
        let mut ok = Vec::new();
        for p in &planned {
            match reads_back(&doc, &before, &[p], config) {
                Ok(()) => ok.push(p),
                Err(why) => skipped.push(skip(&doc, unfaithful(&doc, p.block, &why))),
            }
        }
        if reads_back(&doc, &before, &ok, config).is_ok() { ok } else { Vec::new() }
    };
    let edits: Vec<Edit> = accepted.iter().flat_map(|p| p.edits.iter().cloned()).collect();
    skipped.sort_by_key(|s| s.span.start);
    FormatResult { text: apply(text, &edits), edits, skipped }
}

/// The drawing of block `b`, or `None` when it is already drawn canonically.
fn plan(doc: &Document, b: usize) -> Result<Option<Planned>, Refusal> {
    let outline = read_block(doc, b)?;
    let edits = block_edits(doc, &doc.blocks[b], &outline);
    Ok((!edits.is_empty()).then_some(Planned { block: b, outline, edits }))
}

/// The note for a block whose redrawing would read differently.
fn unfaithful(doc: &Document, b: usize, why: &str) -> Refusal {
    let span = doc.blocks[b].content.clone();
    Refusal {
        span: span.start..span.start,
        message: format!("this block cannot be redrawn without changing how it reads ({why}), so it is left as it is"),
    }
}

/// Why block `b`'s drawing may not be changed (by `fmt` or by a fix): `None` when the
/// formatter reads it and its canonical redrawing reads back the same. See
/// [`crate::readback::redrawable`].
pub(crate) fn refusal(doc: &Document, b: usize, config: &Config) -> Option<(Span, String)> {
    let refused = match plan(doc, b) {
        Ok(None) => return None,
        Ok(Some(p)) => match reads_back(doc, &Reading::of(doc), &[&p], config) {
            Ok(()) => return None,
            Err(why) => unfaithful(doc, b, &why),
        },
        Err(refusal) => refusal,
    };
    Some((refused.span, refused.message))
}

/// How the formatter reads block `b`, as the read-back check compares it.
pub(crate) fn sketch_of_block(doc: &Document, b: usize) -> Option<Vec<Sketch>> {
    read_block(doc, b).ok().map(|outline| sketch_outline(&doc.text, &outline))
}

fn skip(doc: &Document, refusal: Refusal) -> Skipped {
    let at = doc.lines.line_col(&doc.text, refusal.span.start);
    Skipped { span: refusal.span, line: at.line as usize + 1, column: at.col as usize + 1, message: refusal.message }
}

/// Reads a block as a plain outline when it is one, else through the model.
fn read_block(doc: &Document, b: usize) -> Result<Outline, Refusal> {
    let block = &doc.blocks[b];
    if let Some(span) = readback::flow_connector(&doc.text, block) {
        return Err(Refusal {
            span,
            message: "this block draws a flowchart (a line holds only a vertical connector); left as it is".into(),
        });
    }
    if declared_tree(doc, block) {
        if let Some(plain) = plain::read(&doc.text, block.content.clone()) {
            return plain;
        }
    }
    outline::from_model(doc, b)
}

/// Whether `block` is a declared tree block holding a plain bullet or indented outline that
/// can be drawn (the `undrawn-outline` and `empty-tree` rules ask).
pub(crate) fn is_plain_outline(text: &str, block: &TreeBlock) -> bool {
    block.declared && matches!(plain::read(text, block.content.clone()), Some(Ok(_)))
}

/// A fenced block whose info string says `tree` or `decision-tree`.
fn declared_tree(doc: &Document, block: &TreeBlock) -> bool {
    let Some(fence) = &block.fence else { return false };
    doc.markdown.code_blocks.iter().any(|c| {
        c.span == *fence && {
            let info = c.info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            info == "tree" || info == "decision-tree"
        }
    })
}

fn block_edits(doc: &Document, block: &TreeBlock, outline: &Outline) -> Vec<Edit> {
    let text = &doc.text;
    let indent = block_indent(text, block, outline);
    let drawn = draw::draw(outline, text, &indent, block.fence.is_none());
    outline
        .lines
        .iter()
        .zip(drawn)
        .filter(|(span, new)| text[(*span).clone()] != **new)
        .map(|(span, new)| Edit { span: span.clone(), text: new })
        .collect()
}

/// The indentation a fenced block keeps on every line: that of its least indented line.
/// Inside a list item that is the item's indentation; a block indented as a whole (FORMAT.md
/// §2b) keeps its indentation too, since columns count from its least indented line.
fn block_indent(text: &str, block: &TreeBlock, outline: &Outline) -> String {
    if block.fence.is_none() {
        return String::new();
    }
    let least = outline
        .lines
        .iter()
        .map(|s| &text[s.clone()])
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    " ".repeat(least)
}

/// Applies sorted, non-overlapping edits.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether the text with `planned` applied reads as: the drawn outlines for those blocks,
/// and as before everywhere else (the check `fixes` share, [`crate::readback`]).
fn reads_back(doc: &Document, before: &Reading, planned: &[&Planned], config: &Config) -> Result<(), String> {
    if planned.is_empty() {
        return Ok(());
    }
    let mut edits: Vec<Edit> = planned.iter().flat_map(|p| p.edits.iter().cloned()).collect();
    edits.sort_by_key(|e| e.span.start);
    let after = Document::parse(apply(&doc.text, &edits), config);
    let mut expected = Expectation::new(before);
    for p in planned {
        expected.redraw(p.block, sketch_outline(&doc.text, &p.outline));
    }
    expected.check(&Reading::of(&after))
}

fn sketch_outline(text: &str, outline: &Outline) -> Vec<Sketch> {
    let mut out: Vec<Sketch> = outline
        .items
        .iter()
        .map(|i| Sketch {
            parent: i.parent,
            // An implicit root's text comes from the heading, which formatting does not touch.
            text: if i.implicit { String::new() } else { text[i.text.clone()].to_string() },
            implicit: i.implicit,
            notes: Vec::new(),
        })
        .collect();
    for row in &outline.rows {
        if let Row::Note { owner, text: span } = row {
            out[*owner].notes.push(text[span.clone()].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format_document(text, &Config::default()).text
    }

    #[test]
    fn redraws_last_children_and_bars() {
        let input = "```\nRoot?\n├── [Check 1] Down?\n│   ├── YES → ✅ PAGE\n│   ├── NO → ✅ WAIT\n```\n";
        let want = "```\nRoot?\n└── [Check 1] Down?\n    ├── YES → ✅ PAGE\n    └── NO → ✅ WAIT\n```\n";
        assert_eq!(fmt(input), want);
        assert_eq!(fmt(want), want);
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let input = "```tree\r\nRoot?\r\n|-- a\r\n`-- b\r\n```\r\n";
        assert_eq!(fmt(input), "```tree\r\nRoot?\r\n├── a\r\n└── b\r\n```\r\n");
    }

    #[test]
    fn a_block_indented_as_a_whole_keeps_its_indentation() {
        let input = "```tree\n  Root?\n  |-- a\n  |-- b\n```\n";
        assert_eq!(fmt(input), "```tree\n  Root?\n  ├── a\n  └── b\n```\n");
    }

    #[test]
    fn a_flowchart_is_left_alone_with_a_note() {
        let input = "```\nBuild\n  |\n  v\nPassed?\n  |-- no --> fix it\n  |-- yes\n  |\n  v\nShip\n```\n";
        let r = format_document(input, &Config::default());
        assert_eq!(r.text, input);
        if let [s] = &r.skipped[..] {
            assert_eq!((s.line, s.column), (4, 3));
            assert!(s.message.contains("flowchart"), "{}", s.message);
        }
    }

    #[test]
    fn refuses_an_inconsistent_indent_naming_its_line() {
        let input = "```tree\nRoot?\n├── a\n│   ├── b\n│  └── c\n└── d\n```\n";
        let r = format_document(input, &Config::default());
        assert_eq!(r.text, input);
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].line, 5);
    }

    #[test]
    fn range_formatting_touches_only_overlapping_blocks() {
        let input = "```tree\nA\n|-- a\n`-- b\n```\n\n```tree\nB\n|-- c\n`-- d\n```\n";
        let second = input.find("B\n").unwrap();
        let r = format_range(input, second..second + 1, &Config::default());
        assert!(r.text.starts_with("```tree\nA\n|-- a\n"));
        assert!(r.text.ends_with("B\n├── c\n└── d\n```\n"));
    }
}
