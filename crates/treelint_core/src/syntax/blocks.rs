//! Where the tree outlines of a document are: fenced blocks (FORMAT.md §1) and runs of
//! branch lines outside any fence.

use crate::config::Config;
use crate::diagnostics::Span;
use crate::document::DocumentKind;
use crate::line_index::LineIndex;
use crate::markdown::Markdown;
use crate::syntax::node_text::strip_parentheticals;
use crate::syntax::outline::{GlyphKind, GlyphStyle, OutlineLine};

/// A tree outline inside a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeBlock {
    /// The outline's lines.
    pub content: Span,
    /// The whole code block for a fenced outline; `None` when it stands outside a fence.
    pub fence: Option<Span>,
    /// Index of the heading the block stands under.
    pub heading: Option<usize>,
    /// A fenced block whose info string is `tree` or `decision-tree`.
    pub declared: bool,
    /// A fence inside a blockquote: every line starts with `>` markers, which are not part
    /// of the drawing (see [`block_lines`]). Positions still point into the original lines.
    pub quoted: bool,
    /// The block's ASCII convention pairs `|--` with `+--` (and has no `` `-- `` or `\--`):
    /// there `+--` draws the last child (FORMAT.md §2b).
    pub plus_is_last: bool,
    /// The block distinguishes last children: it draws box drawing (where `└──` is the
    /// universal last-child glyph), some ASCII last-child glyph, or follows the `+--`
    /// convention. An ASCII block that draws only `|--` or only `+--` does not.
    pub marks_last: bool,
    /// The ASCII glyphs the block itself draws a middle and a last child with (`|` and `` ` ``
    /// unless it shows another convention: `+` and `\` as `tree /A` does, `|` and `+`), so
    /// a fix redraws a glyph the author's way.
    pub ascii_glyphs: (char, char),
}

impl TreeBlock {
    pub(crate) fn new(
        text: &str,
        content: Span,
        fence: Option<Span>,
        heading: Option<usize>,
        declared: bool,
    ) -> TreeBlock {
        let quoted = fence.as_ref().is_some_and(|f| {
            let line_start = text[..f.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            text[line_start..f.start].contains('>')
        });
        let mut block = TreeBlock {
            content,
            fence,
            heading,
            declared,
            quoted,
            plus_is_last: false,
            marks_last: false,
            ascii_glyphs: ('|', '`'),
        };
        let (mut pipe, mut plus, mut last, mut backslash) = (false, false, false, false);
        for (line, offset) in block_lines(text, &block) {
            if let OutlineLine::Branch { glyph, .. } = OutlineLine::parse(line, offset) {
                if glyph.style == GlyphStyle::Unicode {
                    last = true;
                }
                match text[glyph.span.clone()].chars().next() {
                    Some('|') => pipe = true,
                    Some('+') => plus = true,
                    Some('\\') => (last, backslash) = (true, true),
                    _ if glyph.kind == GlyphKind::Last => last = true,
                    _ => {}
                }
            }
        }
        block.plus_is_last = pipe && plus && !last;
        block.marks_last = last || block.plus_is_last;
        block.ascii_glyphs = if block.plus_is_last {
            ('|', '+')
        } else if backslash {
            (if plus && !pipe { '+' } else { '|' }, '\\')
        } else {
            ('|', '`')
        };
        block
    }
}

/// The lines of a block as the outline reader sees them: (line, start offset), with the
/// blockquote markers of a quoted block stepped over (the offset moves with them).
pub fn block_lines<'t>(text: &'t str, block: &TreeBlock) -> impl Iterator<Item = (&'t str, usize)> {
    let quoted = block.quoted;
    lines_in(text, block.content.clone()).map(move |(line, offset)| {
        if quoted {
            let skip = quote_prefix_len(line);
            (&line[skip..], offset + skip)
        } else {
            (line, offset)
        }
    })
}

/// The byte length of the blockquote markers a line starts with: spaces, `>` and the one
/// space after each `>`.
pub fn quote_prefix_len(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 3 || !rest[spaces..].starts_with('>') {
            return at;
        }
        at += spaces + 1;
        if line[at..].starts_with(' ') {
            at += 1;
        }
    }
}

/// Info strings that declare a tree.
const TREE_INFO: [&str; 2] = ["tree", "decision-tree"];
/// Info strings of blocks that may hold a tree without declaring it.
const PLAIN_INFO: [&str; 4] = ["", "text", "txt", "plain"];
/// Also accepted for an embedded tree (FORMAT.md §1).
const EMBEDDED_INFO: [&str; 1] = ["ascii"];

/// Whether a fenced block's info string declares a tree.
pub fn declares_tree(info: &str) -> bool {
    TREE_INFO.contains(&info.split_whitespace().next().unwrap_or("").to_ascii_lowercase().as_str())
}

/// Every tree block of a document, in document order. In a tree document these are the
/// blocks FORMAT.md §1 names; in any other document, the *candidates* for an embedded tree
/// (blocks that draw branches, outside any programming-language fence): the model decides
/// which of them read as a decision.
pub fn find_tree_blocks(
    text: &str,
    md: &Markdown,
    lines: &LineIndex,
    config: &Config,
    kind: DocumentKind,
) -> Vec<TreeBlock> {
    let mut blocks = Vec::new();
    for code in &md.code_blocks {
        let info = code.info.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        let heading = heading_index(md, code.span.start);
        let declared = TREE_INFO.contains(&info.as_str());
        let plain = PLAIN_INFO.contains(&info.as_str());
        let block = TreeBlock::new(text, code.content.clone(), Some(code.span.clone()), heading, declared);
        let is_tree = match kind {
            DocumentKind::TreeDocument => {
                let under_tree_heading = heading
                    .is_some_and(|h| md.headings[h].text.trim().eq_ignore_ascii_case(config.sections.tree.trim()));
                declared || (plain && (under_tree_heading || draws_branches(text, &block)))
            }
            DocumentKind::Embedded => {
                (plain || EMBEDDED_INFO.contains(&info.as_str()))
                    && draws_branches(text, &block)
                    && !has_flow_connectors(text, &block)
            }
        };
        if is_tree {
            blocks.push(block);
        }
    }
    let runs = unfenced_runs(text, md, lines);
    match kind {
        DocumentKind::TreeDocument => blocks.extend(runs),
        DocumentKind::Embedded => blocks.extend(runs.into_iter().filter(|b| !has_flow_connectors(text, b))),
    }
    blocks.sort_by_key(|b| b.content.start);
    blocks
}

/// A block with vertical flow connectors (a line that is only `v`, `↓` or `▼`, perhaps
/// with a label) is a flowchart, not a tree (FORMAT.md §1).
fn has_flow_connectors(text: &str, block: &TreeBlock) -> bool {
    block_lines(text, block).any(|(line, _)| {
        let s = line.trim_start_matches([' ', '\t', '│', '|']).trim_end();
        let mut chars = s.chars();
        matches!(chars.next(), Some('v' | 'V' | '↓' | '▼' | '⬇'))
            && chars.next().is_none_or(|c| c.is_whitespace() || c == '(')
    })
}

fn heading_index(md: &Markdown, offset: usize) -> Option<usize> {
    md.headings.partition_point(|h| h.span.start < offset).checked_sub(1)
}

/// Iterates the lines of `span` as (line text without its ending, start offset). `\n`,
/// `\r\n` and a lone `\r` each end a line.
pub fn lines_in(text: &str, span: Span) -> impl Iterator<Item = (&str, usize)> {
    let end = span.end;
    let mut at = span.start;
    std::iter::from_fn(move || {
        if at >= end {
            return None;
        }
        let rest = &text[at..end];
        // memchr, not `str::find` with a char set: this runs over every line of every tree.
        let len = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let start = at;
        at += len;
        if text[at..end].starts_with("\r\n") {
            at += 2;
        } else if at < end {
            at += 1;
        }
        Some((&text[start..start + len], start))
    })
}

/// Whether an undeclared block draws a *decision* tree: at least one clearly drawn branch
/// (two in ASCII), and some line that decides (a question, a check label or an arrow).
/// Directory listings and box-drawn tables draw branches too, but never decide.
fn draws_branches(text: &str, block: &TreeBlock) -> bool {
    let mut unicode = false;
    let mut ascii = 0;
    let mut decides = false;
    for (line, offset) in block_lines(text, block) {
        let parsed = OutlineLine::parse(line, offset);
        let body = match &parsed {
            OutlineLine::Branch { glyph, text: t } => {
                if parsed.is_clear_branch(text) {
                    match glyph.style {
                        GlyphStyle::Unicode => unicode = true,
                        GlyphStyle::Ascii => ascii += 1,
                    }
                }
                &text[t.clone()]
            }
            OutlineLine::Text { text: t, .. } => &text[t.clone()],
            OutlineLine::Blank => "",
        };
        decides |= is_decision_text(body);
    }
    (unicode || ascii >= 2) && decides
}

/// A question, a `[Check ID]`, an arrow, or (embedded trees) a yes/no answer before a colon.
fn is_decision_text(s: &str) -> bool {
    strip_parentheticals(s).ends_with(['?', '？'])
        || crate::syntax::node_text::starts_with_yes_no(s)
        || s.to_ascii_lowercase().contains("[check ")
        || ["→", "->", "=>"].iter().any(|a| s.contains(a))
}

/// Runs of branch lines outside code blocks, front matter and HTML comments, each with the
/// root line just above it (past any spacer lines).
fn unfenced_runs(text: &str, md: &Markdown, lines: &LineIndex) -> Vec<TreeBlock> {
    let excluded: Vec<Span> = md
        .code_blocks
        .iter()
        .map(|c| c.span.clone())
        .chain(md.front_matter.clone())
        .chain(md.comments.iter().cloned())
        .collect();
    // Fast path: a run starts only at a clear branch line outside the excluded spans, and
    // most documents fence their outline, so look for one before parsing every line.
    if !any_clear_branch_outside(text, lines, &excluded) {
        return Vec::new();
    }
    let inside = |line: &Span| {
        let offset = probe(text, line);
        excluded.iter().any(|s| s.start <= offset && offset < s.end)
    };
    let parsed: Vec<(OutlineLine, Span)> = (0..lines.line_count())
        .map(|i| {
            let start = lines.line_start(i);
            let end = lines.line_start(i + 1);
            let line = text[start..end].trim_end_matches(['\n', '\r']);
            (OutlineLine::parse(line, start), start..start + line.len())
        })
        .collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < parsed.len() {
        let (line, span) = &parsed[i];
        if inside(span) || !line.is_clear_branch(text) {
            i += 1;
            continue;
        }
        // Back over spacers to a root line, if one stands there.
        let mut first = i;
        while first > 0 && is_spacer(&parsed[first - 1], text) && !inside(&parsed[first - 1].1) {
            first -= 1;
        }
        if first > 0 {
            if let (OutlineLine::Text { column: 0, .. }, s) = &parsed[first - 1] {
                let t = &text[s.clone()];
                if !inside(s) && !t.starts_with('#') && !is_taken(&runs, s.start) {
                    first -= 1;
                }
            }
        }
        if is_taken(&runs, parsed[first].1.start) {
            first = i;
        }
        let mut last = i;
        while last + 1 < parsed.len() {
            let (next, s) = &parsed[last + 1];
            let continues = !inside(s)
                && match next {
                    OutlineLine::Branch { .. } => true,
                    OutlineLine::Text { column, .. } => *column > 0,
                    OutlineLine::Blank => !s.is_empty() && !text[s.clone()].trim().is_empty(),
                };
            if !continues {
                break;
            }
            last += 1;
        }
        let start = parsed[first].1.start;
        let end = parsed[last].1.end;
        let block = TreeBlock::new(text, start..end, None, heading_index(md, start), false);
        if draws_branches(text, &block) {
            runs.push(block);
        }
        i = last + 1;
    }
    runs
}

/// Whether some line that starts outside `excluded` is a clear branch: the condition under
/// which [`unfenced_runs`] starts a run.
///
/// Every glyph has a box-drawing character (lead byte E2) or ASCII dashes, and a branch
/// line's glyph lies outside the excluded spans whenever its start and first non-blank
/// character do (only spaces and bars come before a glyph, and no span starts with those).
/// So only the lines holding such a byte between the spans are parsed, found by memchr
/// over the gaps: the cost is that of the bytes outside code blocks, not of every line.
fn any_clear_branch_outside(text: &str, lines: &LineIndex, excluded: &[Span]) -> bool {
    let mut sorted: Vec<&Span> = excluded.iter().filter(|s| !s.is_empty()).collect();
    sorted.sort_by_key(|s| s.start);
    // The union of the spans, as sorted disjoint ranges.
    let mut merged: Vec<Span> = Vec::with_capacity(sorted.len());
    for s in sorted {
        match merged.last_mut() {
            Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
            _ => merged.push(s.clone()),
        }
    }
    let inside = |offset: usize| {
        let k = merged.partition_point(|s| s.start <= offset);
        k > 0 && offset < merged[k - 1].end
    };
    let gap_starts = std::iter::once(0).chain(merged.iter().map(|s| s.end));
    let gap_ends = merged.iter().map(|s| s.start).chain(std::iter::once(text.len()));
    let mut last_line = None;
    for (from, to) in gap_starts.zip(gap_ends).filter(|(from, to)| from < to) {
        for hit in memchr::memchr2_iter(0xE2, b'-', &text.as_bytes()[from..to]) {
            let i = lines.line_of(from + hit);
            if last_line.replace(i) == Some(i) {
                continue;
            }
            let start = lines.line_start(i);
            if inside(start) {
                continue;
            }
            let line = text[start..lines.line_start(i + 1)].trim_end_matches(['\n', '\r']);
            let at = probe(text, &(start..start + line.len()));
            if at != start && inside(at) {
                continue;
            }
            if OutlineLine::parse(line, start).is_clear_branch(text) {
                return true;
            }
        }
    }
    false
}

/// Where a line is tested against the excluded spans: its first non-blank character (an
/// indented code block's span starts after the first line's indentation, so the line's
/// start lies outside it), or its start when it is blank.
fn probe(text: &str, line: &Span) -> usize {
    let s = &text[line.clone()];
    let lead = s.len() - s.trim_start().len();
    if lead < s.len() { line.start + lead } else { line.start }
}

fn is_spacer((line, span): &(OutlineLine, Span), text: &str) -> bool {
    matches!(line, OutlineLine::Blank) && !text[span.clone()].trim().is_empty()
}

fn is_taken(runs: &[TreeBlock], offset: usize) -> bool {
    runs.last().is_some_and(|r| offset < r.content.end)
}
