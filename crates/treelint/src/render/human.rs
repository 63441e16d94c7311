//! The default output: each finding as a miette report with the source snippet, labels,
//! help line and rule name, then a summary line.

use std::fmt::Write;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report};
use treelint_core::Severity;

use super::{sanitize, sanitize_line, FileReport};

pub fn render(reports: &[FileReport], color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_context_lines(1);
    let mut out = String::new();
    let mut counts = [0usize; 4];
    let mut files = 0;
    for report in reports {
        let Some(analysis) = &report.analysis else { continue };
        files += 1;
        let source = sanitize(&analysis.document.text);
        for d in &analysis.diagnostics {
            counts[d.severity as usize] += 1;
            let mut labels = vec![LabeledSpan::new_primary_with_span(
                d.label.as_deref().map(sanitize_line),
                d.span.start..d.span.end.max(d.span.start),
            )];
            for related in d.related.iter().filter(|r| r.path.is_none()) {
                labels.push(LabeledSpan::new_with_span(Some(sanitize_line(&related.message)), related.span.clone()));
            }
            let mut diagnostic = MietteDiagnostic::new(sanitize_line(&d.message))
                .with_code(format!("{}({})", d.rule.code(), d.rule.name()))
                .with_severity(match d.severity {
                    Severity::Error => miette::Severity::Error,
                    Severity::Warning => miette::Severity::Warning,
                    Severity::Info | Severity::Hint => miette::Severity::Advice,
                })
                .with_labels(labels);
            if let Some(help) = &d.help {
                diagnostic = diagnostic.with_help(sanitize_line(help));
            }
            let report = Report::new(diagnostic).with_source_code(NamedSource::new(sanitize_line(&report.path), source.clone()));
            let _ = handler.render_report(&mut out, report.as_ref());
            out.push('\n');
        }
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
