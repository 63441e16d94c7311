//! `--statistics`: how many findings each rule reported, most first, as a table or JSON.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;
use treelint_core::Rule;

use super::FileReport;

#[derive(Serialize)]
struct Row {
    code: &'static str,
    name: &'static str,
    count: usize,
    fixable: usize,
    url: String,
}

fn rows(reports: &[FileReport]) -> Vec<Row> {
    let mut counts: BTreeMap<Rule, (usize, usize, String)> = BTreeMap::new();
    for report in reports {
        for d in report.diagnostics() {
            let entry = counts.entry(d.rule).or_insert_with(|| (0, 0, report.url(d.rule)));
            entry.0 += 1;
            entry.1 += usize::from(d.fix.is_some());
        }
    }
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|(rule, (count, fixable, url))| Row { code: rule.code(), name: rule.name(), count, fixable, url })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// `COUNT  CODE   [*] NAME  URL` per rule; `[*]` marks rules whose findings have fixes.
pub fn render_text(reports: &[FileReport]) -> String {
    let rows = rows(reports);
    let width = rows.iter().map(|r| r.count.to_string().len()).max().unwrap_or(1);
    let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        let mark = if r.fixable > 0 { "[*]" } else { "   " };
        let _ = writeln!(out, "{:>width$}\t{}\t{mark} {:<name_width$}  {}", r.count, r.code, r.name, r.url);
    }
    let total: usize = rows.iter().map(|r| r.count).sum();
    let _ = writeln!(out, "Found {total} finding(s).");
    out
}

/// The same rows in the versioned object every JSON output has:
/// `{"version": 1, "statistics": [rows], "total": N}`.
pub fn render_json(reports: &[FileReport]) -> String {
    #[derive(Serialize)]
    struct Output {
        version: u32,
        statistics: Vec<Row>,
        total: usize,
    }
    let statistics = rows(reports);
    let total = statistics.iter().map(|r| r.count).sum();
    let mut s = serde_json::to_string_pretty(&Output { version: 1, statistics, total }).expect("plain data serializes");
    s.push('\n');
    s
}
