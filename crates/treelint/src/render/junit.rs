//! `--format junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as test
//! results, in the shape they expect: one `<testcase>` per file; a file fails (one
//! `<failure>`, listing its findings) only when a finding reaches the failing severity
//! (`--fail-on`, error by default), as the exit status does; findings below it are listed in
//! the test case's `<system-out>`, and a file that could not be read is an `<error>`. So
//! `tests`, `failures` and `errors` count test cases, and agree with the test cases below them.
//!
//! Invariant: all text passes [`escape`], which also drops the characters XML 1.0 cannot
//! hold at all, so any document text yields well-formed XML.

use std::fmt::Write;

use treelint_core::Severity;

use super::FileReport;

pub fn render(reports: &[FileReport], fail_on: Severity) -> String {
    let tests = reports.len();
    let failures = reports.iter().filter(|r| r.error.is_none() && r.tally.any_at_least(fail_on)).count();
    let errors = reports.iter().filter(|r| r.error.is_some()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\"");
    let _ = writeln!(out, "<testsuites name=\"treelint\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"treelint\" {counts}>");
    for report in reports {
        let path = escape(&report.path);
        let _ = write!(out, "    <testcase name=\"{path}\" classname=\"treelint\" file=\"{path}\"");
        if report.error.is_none() && report.diagnostics().is_empty() {
            out.push_str(" />\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(error) = &report.error {
            let _ = writeln!(out, "      <error message=\"{}\" type=\"io\" />", escape(error));
        }
        let line = |d: &treelint_core::Diagnostic, at: &super::Positions| {
            let (line, col) = (at.start.line + 1, at.start.col + 1);
            format!(
                "{path}:{line}:{col}: {} [{}] {}&#10;{}",
                d.severity,
                d.rule.name(),
                escape(&d.message),
                escape(&report.url(d.rule))
            )
        };
        let failing: Vec<String> =
            report.findings().filter(|(d, _)| d.severity >= fail_on).map(|(d, at)| line(d, at)).collect();
        if !failing.is_empty() {
            let first = report.findings().find(|(d, _)| d.severity >= fail_on).map(|(d, _)| d);
            let kind = first.map_or("", |d| d.rule.name());
            let _ = writeln!(
                out,
                "      <failure message=\"{} at {} or above\" type=\"{kind}\">{}</failure>",
                super::count(failing.len(), "finding", "findings"),
                fail_on,
                failing.join("&#10;")
            );
        }
        let below: Vec<String> =
            report.findings().filter(|(d, _)| d.severity < fail_on).map(|(d, at)| line(d, at)).collect();
        if !below.is_empty() {
            let _ = writeln!(out, "      <system-out>{}</system-out>", below.join("&#10;"));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for an XML attribute or element, dropping characters XML 1.0 forbids
/// (controls other than tab, CR and LF; lone surrogates cannot occur in a `str`; U+FFFE/F).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Terminal controls and bidirectional overrides go first, as in every renderer.
    for c in super::sanitize(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("bell\u{7}\nnext\u{FFFF}"), "bell?&#10;next\u{FFFD}");
    }
}
