//! `--format github`: one GitHub Actions workflow command per finding, which the runner
//! turns into an annotation on the pull request's diff:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//!
//! Invariant: every value is escaped as the runner expects (`%`, CR and LF in messages;
//! also `:` and `,` in properties), so document text can neither end the command early nor
//! inject a second one.

use std::fmt::Write;

use treelint_core::Severity;

use super::{FileReport, repo_relative, sanitize};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        if let Some(error) = &report.error {
            let _ =
                writeln!(out, "::error file={},title=treelint::{}", property(repo_relative(&report.path)), data(error));
        }
        for (d, at) in report.findings() {
            let (start, end) = (at.start, at.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let title = format!("{} ({})", d.rule.name(), d.rule.code());
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            message.push('\n');
            message.push_str(&report.url(d.rule));
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(repo_relative(&report.path)),
                start.line + 1,
                start.col + 1,
                end.line + 1,
                end.col + 1,
                property(&title),
                data(&message)
            );
        }
    }
    out
}

/// Escapes a message (the part after `::`).
fn data(s: &str) -> String {
    sanitize(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (`file=…`, `title=…`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_or_split_a_command() {
        assert_eq!(data("50% done\nnext::x"), "50%25 done%0Anext::x");
        assert_eq!(property("a,b:c%\r\n"), "a%2Cb%3Ac%25%0D%0A");
    }
}
