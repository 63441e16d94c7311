//! The default output: each finding as a miette report with the source snippet, labels,
//! help line and rule name, then a summary line.

use std::fmt::Write;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, Report,
    SourceCode, SourceSpan, SpanContents,
};
use treelint_core::{Analysis, Severity};

use super::{sanitize, sanitize_line, FileReport};

/// The findings of one analysed file as miette reports, made while its document is at hand.
pub fn render_file(path: &str, analysis: &Analysis, docs_url: &str, color: bool) -> String {
    let mut out = String::new();
    if analysis.diagnostics.is_empty() {
        return out;
    }
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_context_lines(1);
    let source = sanitize(&analysis.document.text);
    let name = sanitize_line(path);
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
        let source = CharColumns { name: name.clone(), text: source.clone() };
        let report = Report::new(diagnostic).with_source_code(source);
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out
}

/// The rendered findings of every file, then a summary line.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 4];
    let mut files = 0;
    for report in reports.iter().filter(|r| r.analysed) {
        files += 1;
        for d in report.diagnostics() {
            counts[d.severity as usize] += 1;
        }
        out.push_str(report.human.as_deref().unwrap_or_default());
    }
    let [hint, info, warning, error] = counts;
    let total = error + warning + info + hint;
    if total == 0 {
        let _ = writeln!(out, "All checks passed ({files} file(s)).");
    } else {
        let _ = writeln!(
            out,
            "Found {total} finding(s) in {files} file(s): {error} error(s), {warning} warning(s), {info} info, {hint} hint(s)."
        );
    }
    out
}

/// A named source whose reported columns count characters, as the JSON output and editors
/// do (miette counts bytes, which puts a finding after `│   ├── ` at column 13, not 9).
struct CharColumns {
    name: String,
    text: String,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        let start = inner.span().offset().min(self.text.len());
        let line_start = self.text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let column = self.text.get(line_start..start).map_or(inner.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
