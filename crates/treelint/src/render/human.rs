//! The default output: each finding as a miette report with the source snippet, labels,
//! help line and rule name, then a summary line.

use std::borrow::Cow;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use treelint_core::line_index::LineIndex;
use treelint_core::{Analysis, Severity};

use super::{sanitize, sanitize_line, FileReport};

/// The findings of one analysed file as miette reports, made while its document is at hand.
pub fn render_file(path: &str, analysis: &Analysis, docs_url: &str, color: bool) -> String {
    let mut out = String::new();
    if analysis.diagnostics.is_empty() {
        return out;
    }
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // Lines wrap at spaces only: miette's default (Unicode line breaking) cost some 5–10 %
    // of a run with many findings, and would break a path or rule name at its hyphens.
    let wrapping = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_context_lines(1)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace);
    // A finding whose message and help fit on their lines is drawn the same without the
    // line wrapper (textwrap), a sizeable part of miette's cost for such a finding.
    let unwrapped = wrapping.clone().with_wrap_lines(false);
    let text = sanitize(&analysis.document.text);
    // Sanitising turns a lone `\r` into `\n`, where the document's line index already
    // starts a line, so its line starts are those of the sanitised text too.
    let source = CharColumns { name: sanitize_line(path), lines: &analysis.document.lines, text };
    for d in &analysis.diagnostics {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.as_deref().map(sanitize_line),
            d.span.start..d.span.end.max(d.span.start),
        )];
        for related in d.related.iter().filter(|r| r.path.is_none()) {
            labels.push(LabeledSpan::new_with_span(Some(sanitize_line(&related.message)), related.span.clone()));
        }
        let mut diagnostic = MietteDiagnostic::new(sanitize_line(&d.message))
            .with_code(format!("{}[{}] {}", d.severity, d.rule.code(), d.rule.name()))
            .with_severity(match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info | Severity::Hint => miette::Severity::Advice,
            })
            .with_labels(labels);
        if let Some(help) = &d.help {
            diagnostic = diagnostic.with_help(sanitize_line(help));
        }
        // In a terminal the rule code links to its documentation (OSC 8); piped output
        // stays plain text.
        if color {
            diagnostic = diagnostic.with_url(d.rule.url(docs_url));
        }
        let fits = [Some(&d.message), d.help.as_ref()].into_iter().flatten().all(|s| fits_unwrapped(s));
        let handler = if fits { &unwrapped } else { &wrapping };
        let _ = handler.render_report(&mut out, &WithSource { diagnostic, source: &source });
        out.push('\n');
    }
    out
}

/// The width findings are wrapped to.
const WIDTH: usize = 100;

/// Whether a message or help line fits beside its prefix (`  × `, `  help: `: at most 8
/// columns, within miette's width less 2) with nothing for the wrapper to trim, so that
/// wrapping it would change nothing. The width is measured as the wrapper measures it.
fn fits_unwrapped(line: &str) -> bool {
    !line.contains(['\n', '\r']) && line.trim() == line && textwrap::core::display_width(line) <= WIDTH - 2 - 8
}

/// The rendered findings of every file, then a summary line, written file by file: the
/// findings of a large run are not gathered into one string first.
pub fn write(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut counts = [0usize; 4];
    let mut files = 0;
    for report in reports.iter().filter(|r| r.analysed) {
        files += 1;
        for d in report.diagnostics() {
            counts[d.severity as usize] += 1;
        }
        out.write_all(report.human.as_deref().unwrap_or_default().as_bytes())?;
    }
    let [hint, info, warning, error] = counts;
    let total = error + warning + info + hint;
    if total == 0 {
        writeln!(out, "All checks passed ({files} file(s)).")
    } else {
        writeln!(
            out,
            "Found {total} finding(s) in {files} file(s): {error} error(s), {warning} warning(s), {info} info, {hint} hint(s)."
        )
    }
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
/// report cost the size of the file before it; this source hands miette only the window of
/// lines around the span (found in its line index) and shifts the answer back, so a report
/// costs its context, whatever the file's size.
#[derive(Debug)]
struct CharColumns<'t> {
    name: String,
    text: Cow<'t, str>,
    /// Line starts of `text`, which has no lone `\r` (sanitised), so they are where miette
    /// starts lines too.
    lines: &'t LineIndex,
}

impl SourceCode for CharColumns<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.text;
        let first_line = self.lines.line_of(span.offset()).saturating_sub(context_lines_before);
        let last_line = self.lines.line_of((span.offset() + span.len()).saturating_sub(1).max(span.offset()));
        // One line more than miette reads, so that it stops where it would in the whole text.
        let window_start = self.lines.line_start(first_line);
        let window_end = self.lines.line_start(last_line + context_lines_after + 2).min(text.len());
        // Line starts are character boundaries, so the window is always a valid slice.
        let window = &text[window_start..window_end];
        let inner_span = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let inner = window.read_span(&inner_span, context_lines_before, context_lines_after)?;
        let start = window_start + inner.span().offset();
        let data_start = start.min(text.len());
        let line_start = text[..data_start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = text.get(line_start..data_start).map_or(inner.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(start.into(), inner.span().len()),
            inner.line() + first_line,
            column,
            inner.line_count() + first_line,
        )))
    }
}
