//! `--format json`: one object, as FORMAT.md §5 specifies. Columns count Unicode scalar
//! values, 1-based; `end_column` is exclusive.

use serde::Serialize;
use treelint_core::Severity;

use super::FileReport;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Entry<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FileError<'a>>,
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    trees: usize,
    error: usize,
    warning: usize,
    info: usize,
    hint: usize,
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    rule: &'static str,
    code: &'static str,
    severity: &'static str,
    message: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    fixable: bool,
    /// The rule's documentation page.
    url: String,
}

#[derive(Serialize)]
struct FileError<'a> {
    path: &'a str,
    message: &'a str,
}

/// The report as one JSON object, serialised straight into `out` rather than into one
/// string first (25,000 findings make some 10 MB of JSON).
pub fn write(reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut summary = Summary::default();
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    for report in reports {
        if let Some(error) = &report.error {
            errors.push(FileError { path: &report.path, message: error });
        }
        if !report.analysed {
            continue;
        }
        summary.files += 1;
        summary.trees += usize::from(report.is_tree);
        for (d, at) in report.findings() {
            match d.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Info => summary.info += 1,
                Severity::Hint => summary.hint += 1,
            }
            let (start, end) = (at.start, at.end);
            diagnostics.push(Entry {
                path: &report.path,
                rule: d.rule.name(),
                code: d.rule.code(),
                severity: d.severity.as_str(),
                message: super::sanitize_line(&d.message),
                line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
                fixable: d.fix.is_some(),
                url: report.url(d.rule),
            });
        }
    }
    let output = Output { version: 1, summary, diagnostics, errors };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    out.write_all(b"\n")
}
