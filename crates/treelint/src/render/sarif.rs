//! `--format sarif`: one SARIF 2.1.0 log (the format of GitHub code scanning and most
//! security dashboards): the rule catalogue in `tool.driver.rules` (id = code, name = rule
//! name, helpUri = documentation page), one result per finding.
//!
//! Invariant: the run declares `columnKind: utf16CodeUnits` (SARIF's default) and every
//! column is counted that way, 1-based; `endColumn` is exclusive. Artifact URIs are
//! relative (percent-encoded, `/`-separated) unless the file lies outside the current folder.

use serde_json::{Value, json};
use treelint_core::config::DEFAULT_DOCS_URL;
use treelint_core::{Rule, Severity};

use super::{FileReport, repo_relative, sanitize_line};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let docs_url = reports.iter().find(|r| r.analysed).map_or(DEFAULT_DOCS_URL, |r| r.docs_url.as_str());
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|&rule| {
            json!({
                "id": rule.code(),
                "name": rule.name(),
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.summary()},
                "help": {"text": rule.doc(), "markdown": rule.doc()},
                "helpUri": rule.url(docs_url),
                "defaultConfiguration": {"level": level(rule.default_severity())},
                "properties": {"fixable": rule.fixable(), "tags": [rule.name()]},
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        let uri = artifact_uri(repo_relative(&report.path));
        if let Some(error) = &report.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": sanitize_line(error)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            }));
        }
        for (d, at) in report.findings() {
            let (start, end) = (at.start, at.end);
            let region = |s: &treelint_core::line_index::LineCol, e: &treelint_core::line_index::LineCol| {
                json!({
                    "startLine": s.line + 1,
                    "startColumn": s.col_utf16 + 1,
                    "endLine": e.line + 1,
                    "endColumn": e.col_utf16 + 1,
                })
            };
            let mut result = json!({
                "ruleId": d.rule.code(),
                "ruleIndex": Rule::ALL.iter().position(|&r| r == d.rule).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": sanitize_line(&d.message)},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(&start, &end)},
                }],
                "properties": {"name": d.rule.name(), "severity": d.severity.as_str(), "helpUri": report.url(d.rule)},
            });
            let related: Vec<Value> = d
                .related
                .iter()
                .filter(|r| r.path.is_none())
                .zip(&at.related)
                .enumerate()
                .map(|(i, (r, (s, e)))| {
                    json!({
                        "id": i,
                        "message": {"text": sanitize_line(&r.message)},
                        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(s, e)},
                    })
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "treelint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://treelint.dev",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("plain data serializes");
    s.push('\n');
    s
}

/// A path as a SARIF artifact URI: relative paths stay relative, with `/` separators and
/// RFC 3986 percent-encoding; absolute ones become `file://` URIs.
fn artifact_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut out = String::new();
    for b in slashed.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if slashed.starts_with('/') { format!("file://{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(artifact_uri("trees/a b#1.md"), "trees/a%20b%231.md");
        assert_eq!(artifact_uri("/tmp/ü.md"), "file:///tmp/%C3%BC.md");
    }
}
