//! `--format concise`: one line per finding, `path:line:col: severity [rule] message (url)`,
//! the shape compilers and grep-based tools read. Columns count characters, 1-based.

use std::fmt::Write;

use super::{FileReport, sanitize_line};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for (d, at) in report.findings() {
            let start = at.start;
            let _ = writeln!(
                out,
                "{}:{}:{}: {} [{}] {} ({})",
                sanitize_line(&report.path),
                start.line + 1,
                start.col + 1,
                d.severity,
                d.rule.name(),
                sanitize_line(&d.message),
                report.url(d.rule)
            );
        }
    }
    out
}
