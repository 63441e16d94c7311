//! The default output: each finding as a miette report with the source snippet, labels,
//! help line and rule name, then a summary line.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, SourceCode,
    SourceSpan, SpanContents,
};
use treelint_core::line_index::LineIndex;
use treelint_core::{Analysis, Severity};

use super::{is_clean, sanitize, sanitize_line};

/// How findings are drawn: for the terminal at hand, or plain for a pipe or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// The rule's name links to its documentation (OSC 8), for terminals that show such links.
    pub links: bool,
    /// The width messages and helps are wrapped to.
    pub width: usize,
    /// Source lines wider than `width` are cut (a terminal, or `COLUMNS`, says how wide the
    /// lines may be; a pipe or a file keeps them whole).
    pub cut_lines: bool,
}

impl Style {
    /// Plain text at the default width: a pipe or a file.
    pub const PLAIN: Style = Style { color: false, links: false, width: DEFAULT_WIDTH, cut_lines: false };

    /// The style for standard output: colours, links and the width of the terminal when it
    /// is one (`COLUMNS`, when set, wins for the width, as for most command-line tools).
    pub fn for_stdout(is_terminal: bool) -> Style {
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
        let terminal_width = || {
            is_terminal.then(terminal_size::terminal_size).flatten().map(|(terminal_size::Width(w), _)| usize::from(w))
        };
        let width = columns.or_else(terminal_width).unwrap_or(DEFAULT_WIDTH);
        Style {
            color: is_terminal,
            links: is_terminal && supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout),
            width: width.clamp(MIN_WIDTH, MAX_WIDTH),
            cut_lines: is_terminal || columns.is_some(),
        }
    }
}

/// The findings of one analysed file as miette reports, made while its document is at hand.
pub fn render_file(path: &str, analysis: &Analysis, docs_url: &str, style: Style) -> String {
    let mut out = String::new();
    if analysis.diagnostics.is_empty() {
        return out;
    }
    let width = style.width;
    let wrapping = wrapping_handler(style.color, width);
    // A finding whose message and help fit on their lines is drawn the same without the
    // line wrapper (textwrap), a sizeable part of miette's cost for such a finding.
    let unwrapped = wrapping.clone().with_wrap_lines(false);
    let document = &analysis.document;
    // Only the lines around findings reach the terminal: the text is shown as it is while
    // they are clean (nearly always), and sanitised whole from the first finding whose lines
    // are not, rather than every byte of every file being tested first.
    let mut source = CharColumns {
        name: sanitize_line(path),
        lines: &document.lines,
        text: Cow::Borrowed(&document.text),
        first_line: 0,
        header: None,
    };
    for d in &analysis.diagnostics {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.as_deref().map(sanitize_line),
            d.span.start..d.span.end.max(d.span.start),
        )];
        for related in d.related.iter().filter(|r| r.path.is_none()) {
            labels.push(LabeledSpan::new_with_span(Some(sanitize_line(&related.message)), related.span.clone()));
        }
        if matches!(source.text, Cow::Borrowed(_)) && !is_clean(source.shown(&labels)) {
            source.text = sanitize(&document.text);
        }
        let mut message = sanitize_line(&d.message);
        let mut help = d.help.as_deref().map(sanitize_line);
        let fits = [Some(&d.message), d.help.as_ref()].into_iter().flatten().all(|s| fits_unwrapped(s, width));
        let mut handler = &unwrapped;
        if !fits {
            // miette's wrapper would fill the message and the help: they are broken into
            // lines here instead, as it would break them, and only the one that needs it.
            match (
                as_wrapped(&message, MESSAGE_INDENT, width),
                help.as_deref().map(|h| as_wrapped(h, HELP_INDENT, width)),
            ) {
                (Some(lines), None) => message = lines,
                (Some(lines), Some(Some(help_lines))) => {
                    message = lines;
                    help = Some(help_lines);
                }
                _ => handler = &wrapping,
            }
        }
        let mut diagnostic = MietteDiagnostic::new(message)
            .with_code([d.severity.as_str(), "[", d.rule.code(), "] ", d.rule.name()].concat())
            .with_severity(match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info | Severity::Hint => miette::Severity::Advice,
            })
            .with_labels(labels);
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        // In a terminal that shows links, the rule's name links to its documentation (OSC 8);
        // elsewhere no link at all, not even miette's "(link)" text.
        if style.links {
            diagnostic = diagnostic.with_url(d.rule.url(docs_url));
        }
        // Source lines wider than the terminal would be wrapped by it, and the underlines
        // drawn under the wrong characters: such lines are cut around the labels.
        let clipped = style
            .cut_lines
            .then(|| clip(&document.text, &document.lines, diagnostic.labels.as_deref().unwrap_or_default(), width))
            .flatten();
        match clipped {
            Some(clipped) => {
                let text = sanitize(&clipped.text).into_owned();
                let lines = LineIndex::new(&text);
                let narrow = CharColumns {
                    name: source.name.clone(),
                    lines: &lines,
                    text: Cow::Owned(text),
                    first_line: clipped.first_line,
                    header: Some(clipped.header),
                };
                diagnostic.labels = Some(clipped.labels);
                let _ = handler.render_report(&mut out, &WithSource { diagnostic, source: &narrow });
            }
            None => {
                let _ = handler.render_report(&mut out, &WithSource { diagnostic, source: &source });
            }
        }
        out.push('\n');
    }
    out
}

/// miette's renderer, as findings are drawn when their lines are wrapped.
fn wrapping_handler(color: bool, width: usize) -> GraphicalReportHandler {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // Lines wrap at spaces only: miette's default (Unicode line breaking) cost some 5–10 %
    // of a run with many findings, and would break a path or rule name at its hyphens.
    GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_context_lines(CONTEXT_LINES)
        .with_word_separator(WORD_SEPARATOR)
        // The rule's name is the link itself (when links are on): no "(link)" after it.
        .with_link_display_text("")
}

/// Words are separated by ASCII spaces outside code spans: a line never breaks inside
/// `` `kubectl rollout undo` ``.
const WORD_SEPARATOR: textwrap::WordSeparator = textwrap::WordSeparator::Custom(words_outside_code);

/// textwrap's `AsciiSpace` separator, with the spaces inside backticks kept in their word.
fn words_outside_code(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut start = 0;
    let mut in_whitespace = false;
    let mut in_code = false;
    let mut chars = line.char_indices();
    Box::new(std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            let space = c == ' ' && !in_code;
            if in_whitespace && !space {
                let word = textwrap::core::Word::from(&line[start..i]);
                start = i;
                in_whitespace = false;
                in_code ^= c == '`';
                return Some(word);
            }
            in_code ^= c == '`';
            in_whitespace = space;
        }
        if start < line.len() {
            let word = textwrap::core::Word::from(&line[start..]);
            start = line.len();
            return Some(word);
        }
        None
    }))
}

/// The width findings are wrapped to when the output is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;
/// The narrowest width drawn (the gutter and the help's indent need some room).
const MIN_WIDTH: usize = 40;
/// The widest: beyond this, prose is hard to read.
const MAX_WIDTH: usize = 200;

/// The lines shown above and below a finding.
const CONTEXT_LINES: usize = 1;

/// The columns miette puts before each line of a message (`  × `, then `  │ `) and of a
/// help (`  help: `, then spaces). The test below checks them against miette's own wrapping.
const MESSAGE_INDENT: usize = 4;
const HELP_INDENT: usize = 8;

/// A one-line message or help as miette's wrapper would draw it after `indent` columns:
/// broken into lines by textwrap with miette's options, for the non-wrapping handler to
/// indent each line (which it does as the wrapper would, lines being neither empty nor
/// blank). `None` when that would not draw the same, for the wrapper to draw it.
fn as_wrapped(text: &str, indent: usize, width: usize) -> Option<String> {
    // (The wrapper draws an empty text as its indent alone.)
    if !text.is_empty() && fits_unwrapped(text, width) {
        return Some(text.to_owned());
    }
    thread_local! {
        /// Texts this thread has broken into lines, with their indent: a rule's help is
        /// often the same for each of its findings, in every file. Emptied when full.
        static WRAPPED: RefCell<HashMap<String, Wrapped>> = RefCell::new(HashMap::new());
    }
    WRAPPED.with_borrow_mut(|wrapped| {
        if let Some((_, lines)) = wrapped.get(text).filter(|(cached, _)| *cached == (indent, width)) {
            return lines.clone();
        }
        if wrapped.len() >= 256 {
            wrapped.clear();
        }
        let lines = wrap_lines(text, indent, width);
        wrapped.insert(text.to_owned(), ((indent, width), lines.clone()));
        lines
    })
}

/// A text as [`as_wrapped`] broke it, with the (indent, width) it was broken for.
type Wrapped = ((usize, usize), Option<String>);

/// [`as_wrapped`] for a text that does not fit.
fn wrap_lines(text: &str, indent: usize, width: usize) -> Option<String> {
    // Only the indent's width matters to where lines break.
    let indent = &"        "[..indent];
    let options = textwrap::Options::new(width - 2)
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_separator(WORD_SEPARATOR);
    let mut lines = String::with_capacity(text.len() + 8);
    for line in textwrap::wrap(text, options) {
        let line = line.strip_prefix(indent).filter(|line| !line.trim().is_empty())?;
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(line);
    }
    Some(lines)
}

/// Whether a message or help line fits beside its prefix (`  × `, `  help: `: at most 8
/// columns, within miette's width less 2) with nothing for the wrapper to trim, so that
/// wrapping it would change nothing. The width is measured as the wrapper measures it, if
/// need be: no character is wider than its UTF-8 bytes, so a line short in bytes fits.
fn fits_unwrapped(line: &str, width: usize) -> bool {
    let room = width - 2 - 8;
    !line.contains(['\n', '\r'])
        && line.trim() == line
        && (line.len() <= room || textwrap::core::display_width(line) <= room)
}

/// The summary line: how many files were checked and what was found, and, when some paths
/// could not be checked, how many (never "All checks passed" then: the run is incomplete).
pub fn summary(files: usize, by_severity: [usize; 4], unchecked: usize) -> String {
    let [hint, info, warning, error] = by_severity;
    let total = error + warning + info + hint;
    let mut line = if total == 0 && unchecked == 0 {
        format!("All checks passed ({files} file(s)).")
    } else if total == 0 {
        format!("No findings in {files} file(s) checked.")
    } else {
        format!(
            "Found {total} finding(s) in {files} file(s): {error} error(s), {warning} warning(s), {info} info, {hint} hint(s)."
        )
    };
    if unchecked > 0 {
        line.push_str(&format!(
            " {} could not be checked (see the errors on standard error).",
            super::count(unchecked, "path", "paths")
        ));
    }
    line
}

/// The lines around a finding's labels, cut to the terminal's width (see [`clip`]).
struct Clipped {
    /// The lines, each cut to the same columns, an ellipsis where something was cut.
    text: String,
    /// The document's line number of the first of them.
    first_line: usize,
    /// The labels, moved to their places in `text`.
    labels: Vec<LabeledSpan>,
    /// The primary label's offset in `text` and its column (in characters) in the document.
    header: (usize, usize),
}

/// The lines miette would show around `labels`, cut to the columns that hold the labels when
/// some of them are wider than the room beside the gutter at `width`; `None` when they all
/// fit, or when the labels cannot be shown together in that room (they are then drawn
/// uncut, as before). Each line keeps the same columns (by display width), so underlines
/// stay under their text.
fn clip(text: &str, lines: &LineIndex, labels: &[LabeledSpan], width: usize) -> Option<Clipped> {
    let first_offset = labels.iter().map(|l| l.offset()).min()?;
    let last_offset = labels.iter().map(|l| l.offset() + l.len()).max()?;
    let line_count = lines.line_count();
    let first = lines.line_of(first_offset).saturating_sub(CONTEXT_LINES);
    // A line further than miette may show (a span ending in a line break): harmless.
    let last = (lines.line_of(last_offset) + CONTEXT_LINES + 1).min(line_count.saturating_sub(1));
    let line_text = |n: usize| {
        let start = lines.line_start(n);
        let end = if n + 1 < line_count { lines.line_start(n + 1) } else { text.len() };
        (start, text[start..end].trim_end_matches(['\n', '\r']))
    };
    // miette's gutter: a space, the widest line number, a space, `│`, a space.
    let gutter = (last + 1).to_string().len() + 4;
    let room = width.checked_sub(gutter + 1)?;
    // (No character is wider than its bytes: a line short in bytes fits.)
    if (first..=last).all(|n| line_text(n).1.len() <= room || textwrap::core::display_width(line_text(n).1) <= room) {
        return None;
    }
    // The labels' columns; a label over several lines is not cut.
    let column_of = |offset: usize| {
        let (start, _) = line_text(lines.line_of(offset));
        text.get(start..offset).map(textwrap::core::display_width)
    };
    let (mut min_start, mut max_end) = (usize::MAX, 0);
    for l in labels {
        let line = lines.line_of(l.offset());
        if !l.is_empty() && lines.line_of(l.offset() + l.len() - 1) != line {
            return None;
        }
        let start = column_of(l.offset())?;
        let end = column_of(l.offset() + l.len())?.max(start + 1);
        min_start = min_start.min(start);
        max_end = max_end.max(end);
    }
    // Columns [c0, c0 + room): an ellipsis in the first when c0 > 0, in the last when the
    // line goes on; the labels must fall between them.
    let c0 = if max_end < room { 0 } else { max_end + 1 - room };
    if c0 > 0 && c0 >= min_start {
        return None;
    }
    let mut out = String::new();
    // Where each label's ends land in `out` (a few labels: a list, not a map).
    let mut moved: Vec<(usize, usize)> =
        labels.iter().flat_map(|l| [l.offset(), l.offset() + l.len()]).map(|o| (o, usize::MAX)).collect();
    let mut record = |offset: usize, at: usize| {
        for m in moved.iter_mut().filter(|m| m.0 == offset) {
            m.1 = at;
        }
    };
    for n in first..=last {
        let (start, line) = line_text(n);
        let wide = textwrap::core::display_width(line);
        let limit = if wide > c0 + room { c0 + room - 1 } else { c0 + room };
        let mut column = 0;
        let mut shown = 0;
        if c0 > 0 && wide > c0 {
            out.push('…');
            shown = 1;
        }
        for (i, c) in line.char_indices() {
            record(start + i, out.len());
            let w = textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
            let from = if c0 > 0 { c0 + 1 } else { 0 };
            if column >= from && column + w <= limit {
                while shown < column - c0 {
                    out.push(' ');
                    shown += 1;
                }
                out.push(c);
                shown += w;
            }
            column += w;
        }
        record(start + line.len(), out.len());
        if wide > c0 + room {
            while shown < room - 1 {
                out.push(' ');
                shown += 1;
            }
            out.push('…');
        }
        if n < last {
            out.push('\n');
        }
    }
    let mut header = (0, 0);
    let mut moved_labels = Vec::with_capacity(labels.len());
    for l in labels {
        let place = |offset: usize| moved.iter().find(|m| m.0 == offset).map(|m| m.1).filter(|&at| at != usize::MAX);
        let (from, to) = (place(l.offset())?, place(l.offset() + l.len())?);
        if l.primary() {
            let (line_start, _) = line_text(lines.line_of(l.offset()));
            header = (from, text[line_start..l.offset()].chars().count());
        }
        let span = SourceSpan::new(from.into(), to - from);
        moved_labels.push(if l.primary() {
            LabeledSpan::new_primary_with_span(l.label().map(str::to_owned), span)
        } else {
            LabeledSpan::new_with_span(l.label().map(str::to_owned), span)
        });
    }
    Some(Clipped { text: out, first_line: first, labels: moved_labels, header })
}

/// A finding with the file it is in, rendered as is: a `miette::Report` would run miette's
/// global hook (terminal and environment detection) once per finding.
#[derive(Debug)]
struct WithSource<'a> {
    diagnostic: MietteDiagnostic,
    source: &'a CharColumns<'a>,
}

impl std::fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl std::error::Error for WithSource<'_> {}

impl Diagnostic for WithSource<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.diagnostic.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic.help()
    }

    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic.url()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.diagnostic.labels()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
}

/// A named source whose reported columns count characters, as the JSON output and editors
/// do (miette counts bytes, which puts a finding after `│   ├── ` at column 13, not 9).
///
/// miette finds a span's context lines by scanning the text from its start, which makes a
/// report cost the size of the file before it; this source answers from the document's
/// line index instead, so a report costs its context, whatever the file's size.
#[derive(Debug)]
struct CharColumns<'t> {
    name: String,
    /// The document's text, sanitised wherever it is shown.
    text: Cow<'t, str>,
    /// Line starts of the document. Sanitising turns a lone `\r` into `\n`, where they
    /// already start a line, so they are where miette starts lines too.
    lines: &'t LineIndex,
    /// The document's line number of the text's first line (0 but for a [`clip`]).
    first_line: usize,
    /// For a [`clip`]: the offset of the primary label and its column in the document, for
    /// the snippet's `[path:line:column]` header.
    header: Option<(usize, usize)>,
}

impl SourceCode for CharColumns<'_> {
    /// What miette's `str::read_span` answers for the whole text (`context_info` in its
    /// `source_impls.rs`), found from the line index rather than by reading every byte before
    /// the span. Its rules, kept here byte for byte (the test below compares the two):
    /// - the data starts `before` lines above the span's line, or at the span itself when
    ///   `before` is 0; `line` is the line it starts on;
    /// - miette stops at the span's last byte (a `\r\n` counts at its `\n`; an empty span's
    ///   "last byte" is the one before it); with `after` 0 the data ends just past that byte,
    ///   otherwise at the end of the `after`-th line below the stopping byte's line, or one
    ///   line further when that byte is a line break (miette then takes the next line as the
    ///   span's own);
    /// - `line_count` is the number of line breaks from the start of the text to the data's
    ///   end.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_bytes();
        let start = span.offset();
        let Some(end) = start.checked_add(span.len()).filter(|&end| end <= text.len()) else {
            // Our spans never leave the text; for one that did, miette's own answer.
            let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
            return Ok(Box::new(self.window(inner.data(), inner.span().offset(), inner.line(), inner.line_count())));
        };
        let span_line = self.lines.line_of(start);
        let (data_start, line) = match context_lines_before {
            0 => (start, span_line),
            before => {
                let first = span_line.saturating_sub(before);
                (self.lines.line_start(first), first)
            }
        };
        let data_end = if text.is_empty() {
            0
        } else {
            let last = end.saturating_sub(1);
            let stop = if text[last] == b'\r' && text.get(last + 1) == Some(&b'\n') { last + 1 } else { last };
            let stop_line = self.lines.line_of(stop);
            match context_lines_after {
                0 => stop + 1,
                after if matches!(text[stop], b'\n' | b'\r') => self.lines.line_start(stop_line + after + 2),
                after => self.lines.line_start(stop_line + after + 1),
            }
        };
        Ok(Box::new(self.window(&text[data_start..data_end], data_start, line, self.lines.line_of(data_end))))
    }
}

impl CharColumns<'_> {
    /// The text miette may show around `labels`: it draws them as one snippet, from the line
    /// above the first to the line below the last, a line further when a span ends in a line
    /// break (see `read_span`).
    fn shown(&self, labels: &[LabeledSpan]) -> &[u8] {
        let first = labels.iter().map(|l| l.offset()).min().unwrap_or(0);
        let last = labels.iter().map(|l| l.offset() + l.len()).max().unwrap_or(0);
        let start = self.lines.line_start(self.lines.line_of(first).saturating_sub(CONTEXT_LINES));
        let end = self.lines.line_start(self.lines.line_of(last) + CONTEXT_LINES + 2).min(self.text.len());
        &self.text.as_bytes()[start..end]
    }

    /// The answer for `data`, which starts at `data_start` on `line`, with its column
    /// counted in characters from the last line break before it (a `\r\n`'s `\r` counts, as
    /// for miette), or in bytes where the data starts inside a character.
    fn window<'a>(&'a self, data: &'a [u8], data_start: usize, line: usize, line_count: usize) -> Window<'a> {
        let text = self.text.as_bytes();
        let at = data_start.min(text.len());
        let line_start =
            if at > 0 && text[at - 1] == b'\r' { at } else { self.lines.line_start(self.lines.line_of(at)) };
        let column = self.text.get(line_start..at).map_or(at - line_start, |s| s.chars().count());
        let column = match self.header {
            Some((at, header_column)) if at == data_start => header_column,
            _ => column,
        };
        Window {
            name: &self.name,
            data,
            span: SourceSpan::new(data_start.into(), data.len()),
            line: line + self.first_line,
            column,
            line_count: line_count + self.first_line,
        }
    }
}

/// What [`CharColumns::read_span`] answers: miette's `MietteSpanContents`, but borrowing the
/// source's name instead of copying it for each of the several reads of every finding.
struct Window<'a> {
    name: &'a str,
    data: &'a [u8],
    span: SourceSpan,
    line: usize,
    column: usize,
    line_count: usize,
}

impl<'a> SpanContents<'a> for Window<'a> {
    fn data(&self) -> &'a [u8] {
        self.data
    }

    fn span(&self) -> &SourceSpan {
        &self.span
    }

    fn name(&self) -> Option<&str> {
        Some(self.name)
    }

    fn line(&self) -> usize {
        self.line
    }

    fn column(&self) -> usize {
        self.column
    }

    fn line_count(&self) -> usize {
        self.line_count
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Messages and helps: words of every kind, usually one space apart.
    const TEXT: &str = "( ?( |[a-z]{1,9}|[a-z]{2,5}-[a-z]{1,6}|-|[a-z]{90,110}|`→ ✅ ACTION`|⚠️|回滚安全|😀|\\[Check [0-9]\\]|\"[A-Z][a-z]{3,12}\")){0,40}";

    /// What lets `fits_unwrapped` skip measuring a line that is short in bytes.
    #[test]
    fn no_character_is_wider_than_its_bytes() {
        let mut buffer = [0; 4];
        for c in char::MIN..=char::MAX {
            let text = c.encode_utf8(&mut buffer);
            assert!(textwrap::core::display_width(text) <= text.len(), "{c:?}");
        }
    }

    /// A help is broken at spaces, never inside a code span, however narrow the terminal.
    #[test]
    fn lines_never_break_inside_code_spans() {
        let help = "run `kubectl rollout undo api` then watch the `deployment status` and `kubectl get pods -w` until every pod is ready";
        for width in [MIN_WIDTH, 60, 80, DEFAULT_WIDTH] {
            let lines = as_wrapped(help, HELP_INDENT, width).expect("plain text is wrapped ahead");
            for line in lines.lines() {
                assert_eq!(line.matches('`').count() % 2, 0, "a code span is cut at width {width}: {line:?}");
            }
            assert_eq!(lines.replace('\n', " "), help);
        }
    }

    proptest! {
        /// A clip keeps every shown line within the room beside the gutter, keeps each label's
        /// text whole (so its underline is under it), leaves its column alone where nothing
        /// is cut on the left, and the header keeps the label's column in the document.
        #[test]
        fn clipped_lines_fit_and_keep_their_labels(
            lines in prop::collection::vec("[a-z│├─ ✅→]{0,140}", 1..6),
            at in any::<prop::sample::Index>(),
            start in any::<prop::sample::Index>(),
            length in 0usize..30,
            width in prop::sample::select(vec![MIN_WIDTH, 60, 80]),
        ) {
            let text = lines.join("\n");
            let index = LineIndex::new(&text);
            let line = at.index(lines.len());
            let line_start = index.line_start(line);
            let chars: Vec<(usize, char)> = lines[line].char_indices().collect();
            let from = if chars.is_empty() { 0 } else { start.index(chars.len()) };
            let to = (from + length).min(chars.len());
            let offset = |i: usize| line_start + chars.get(i).map_or(lines[line].len(), |c| c.0);
            let label = LabeledSpan::new_primary_with_span(Some("here".into()), offset(from)..offset(to));
            if let Some(clipped) = clip(&text, &index, std::slice::from_ref(&label), width) {
                let gutter = (clipped.first_line + clipped.text.lines().count()).to_string().len() + 4;
                for shown in clipped.text.lines() {
                    prop_assert!(textwrap::core::display_width(shown) < width - gutter, "{:?}", shown);
                }
                let moved = &clipped.labels[0];
                let original = &text[label.offset()..label.offset() + label.len()];
                prop_assert_eq!(&clipped.text[moved.offset()..moved.offset() + moved.len()], original);
                let column = |t: &str, o: usize| {
                    let s = t[..o].rfind('\n').map_or(0, |i| i + 1);
                    textwrap::core::display_width(&t[s..o])
                };
                // Where nothing is cut on the left, a label keeps its column.
                if !clipped.text.lines().any(|l| l.starts_with('…')) {
                    prop_assert_eq!(column(&text, label.offset()), column(&clipped.text, moved.offset()));
                }
                prop_assert_eq!(clipped.header, (moved.offset(), text[line_start..label.offset()].chars().count()));
            }
        }

        /// The line index answers exactly what miette's own reading of the whole sanitised
        /// text answers (columns aside: ours count characters), for any mix of line endings,
        /// wide and control characters, spans (empty, at the end, past it) and context sizes.
        #[test]
        fn read_span_matches_miette_on_the_whole_text(
            raw in "(a|é|│|\t|\u{1}|\r\n|\n|\r){0,24}",
            start in any::<prop::sample::Index>(),
            length in any::<prop::sample::Index>(),
            // Now and then a span that runs past the end (not one that starts past it:
            // miette itself panics on that, slicing the text from the span's start).
            overshoot in prop::sample::select(vec![0, 0, 0, 0, 0, 0, 1, 2]),
            before in 0usize..4,
            after in 0usize..4,
        ) {
            let offset = start.index(raw.len() + 1);
            let span = SourceSpan::new(offset.into(), length.index(raw.len() - offset + 1) + overshoot);
            let lines = LineIndex::new(&raw);
            let source = CharColumns { name: "f.md".into(), text: sanitize(&raw), lines: &lines, first_line: 0, header: None };
            let ours = source.read_span(&span, before, after);
            let miette = source.text.as_ref().read_span(&span, before, after);
            match (ours, miette) {
                (Ok(ours), Ok(miette)) => {
                    prop_assert_eq!(ours.data(), miette.data());
                    prop_assert_eq!(ours.span(), miette.span());
                    prop_assert_eq!(ours.line(), miette.line());
                    prop_assert_eq!(ours.line_count(), miette.line_count());
                    prop_assert_eq!(ours.name(), Some("f.md"));
                    let data_start = ours.span().offset();
                    if let Some(before_data) = source.text.get(..data_start) {
                        let on_its_line = before_data.rsplit(['\n', '\r']).next().unwrap_or_default();
                        prop_assert_eq!(ours.column(), on_its_line.chars().count());
                    }
                }
                (ours, miette) => prop_assert_eq!(ours.is_ok(), miette.is_ok()),
            }
        }

        /// A message and help broken into lines by `as_wrapped` and drawn without wrapping
        /// look exactly as miette's wrapper draws them, whatever the severity, the colours,
        /// the hyphens, long words, wide characters and spaces; and `as_wrapped` only
        /// declines text with spaces at its ends, runs of spaces or words too long for a line.
        #[test]
        fn wrapping_ahead_draws_as_miette_wraps(
            message in TEXT,
            help in proptest::option::of(TEXT),
            severity in prop::sample::select(vec![
                miette::Severity::Error,
                miette::Severity::Warning,
                miette::Severity::Advice,
            ]),
            color: bool,
            width in prop::sample::select(vec![MIN_WIDTH, 60, DEFAULT_WIDTH]),
        ) {
            let draw = |handler: &GraphicalReportHandler, message: &str, help: Option<&str>| {
                let mut diagnostic = MietteDiagnostic::new(message).with_severity(severity);
                if let Some(help) = help {
                    diagnostic = diagnostic.with_help(help);
                }
                let mut out = String::new();
                handler.render_report(&mut out, &diagnostic).unwrap();
                out
            };
            let wrapping = wrapping_handler(color, width);
            let unwrapped = wrapping.clone().with_wrap_lines(false);
            let message_lines = as_wrapped(&message, MESSAGE_INDENT, width);
            let help_lines = help.as_deref().map(|h| as_wrapped(h, HELP_INDENT, width));
            let declined = message_lines.is_none() || help_lines.as_ref().is_some_and(Option::is_none);
            let plain = |text: &str| !text.is_empty() && text.trim() == text && !text.contains("  ") && text.split(' ').all(|w| w.chars().count() < 40);
            prop_assert!(!declined || !plain(&message) || !help.as_deref().is_none_or(plain));
            if let (Some(message_lines), Some(help_lines)) = (message_lines, help_lines.map_or(Some(None), |h| h.map(Some))) {
                prop_assert_eq!(
                    draw(&unwrapped, &message_lines, help_lines.as_deref()),
                    draw(&wrapping, &message, help.as_deref())
                );
            }
        }
    }
}
