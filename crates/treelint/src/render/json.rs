//! `--format json`: one object, as FORMAT.md §5 specifies. Columns count Unicode scalar
//! values, 1-based; `end_column` is exclusive.
//!
//! The object is written as the files are checked: `version`, then the `diagnostics` of
//! each file in path order (rendered in the file's parallel job by [`entries`]), then the
//! `summary` and the `errors`, which are only known at the end. So the output streams and
//! memory does not grow with the number of findings. The layout is serde_json's pretty one.

use std::fmt::Write as _;

use super::FileReport;

/// The counts of the `summary` object.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub trees: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
}

impl Summary {
    /// Counts one report in.
    pub fn add(&mut self, report: &FileReport) {
        if !report.analysed {
            return;
        }
        self.files += 1;
        self.trees += usize::from(report.is_tree);
        let [hint, info, warning, error] = report.tally.by_severity;
        self.hint += hint;
        self.info += info;
        self.warning += warning;
        self.error += error;
    }
}

/// The findings of one file as entries of the `diagnostics` array, separated by commas,
/// indented for their place in the object. Written by hand: per finding, serde's generic
/// serialiser cost several times this (and a string and a URL copied for each).
pub fn entries(report: &FileReport) -> String {
    let mut out = String::with_capacity(report.diagnostics().len() * 400);
    let path = quoted(&report.path);
    let base = report.docs_url.as_str();
    let sep = if base.is_empty() || base.ends_with('/') { "" } else { "/" };
    // The rule's URL is `docs-url` and its name (see `Rule::url`); only the base needs escaping.
    let mut url_base = quoted(&format!("{base}{sep}"));
    url_base.pop();
    for (i, (d, at)) in report.findings().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        let message = super::sanitize_line(&d.message);
        let _ = write!(
            out,
            "    {{\n      \"path\": {path},\n      \"rule\": \"{}\",\n      \"code\": \"{}\",\n      \"severity\": \"{}\",\n      \"message\": ",
            d.rule.name(),
            d.rule.code(),
            d.severity.as_str(),
        );
        push_quoted(&mut out, &message);
        let _ = write!(
            out,
            ",\n      \"line\": {},\n      \"column\": {},\n      \"end_line\": {},\n      \"end_column\": {},\n      \"fixable\": {},\n      \"url\": {url_base}{}\"\n    }}",
            at.start.line + 1,
            at.start.col + 1,
            at.end.line + 1,
            at.end.col + 1,
            d.fix.is_some(),
            d.rule.name(),
        );
    }
    out
}

/// The start of the object, up to the `diagnostics` array's opening bracket.
pub fn write_head(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")
}

/// The entries of one file, after those written before (`first`: none were).
pub fn write_entries(out: &mut dyn std::io::Write, entries: &str, first: bool) -> std::io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    out.write_all(entries.as_bytes())
}

/// The end of the object: the array closed, the summary and the files that could not be checked.
pub fn write_tail(
    out: &mut dyn std::io::Write,
    any_entries: bool,
    summary: &Summary,
    errors: &[(String, String)],
) -> std::io::Result<()> {
    let mut tail = String::from(if any_entries { "\n  ],\n" } else { "],\n" });
    let Summary { files, trees, error, warning, info, hint } = *summary;
    let _ = write!(
        tail,
        "  \"summary\": {{\n    \"files\": {files},\n    \"trees\": {trees},\n    \"error\": {error},\n    \"warning\": {warning},\n    \"info\": {info},\n    \"hint\": {hint}\n  }}"
    );
    if !errors.is_empty() {
        tail.push_str(",\n  \"errors\": [");
        for (i, (path, message)) in errors.iter().enumerate() {
            tail.push_str(if i == 0 { "\n" } else { ",\n" });
            tail.push_str("    {\n      \"path\": ");
            push_quoted(&mut tail, path);
            tail.push_str(",\n      \"message\": ");
            push_quoted(&mut tail, message);
            tail.push_str("\n    }");
        }
        tail.push_str("\n  ]");
    }
    tail.push_str("\n}\n");
    out.write_all(tail.as_bytes())
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    out
}

/// `s` as a JSON string, escaped exactly as serde_json escapes it.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut kept_from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[kept_from..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        kept_from = i + 1;
    }
    out.push_str(&s[kept_from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Strings are escaped exactly as serde_json escapes them.
        #[test]
        fn quoting_matches_serde_json(s in "(\\PC|\\p{Cc}|\"|\\\\)*") {
            prop_assert_eq!(super::quoted(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
