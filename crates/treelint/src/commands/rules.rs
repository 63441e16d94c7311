//! `treelint rules`: the catalogue — code, name, default severity, whether fixable, which
//! trees it applies to, and a one-line summary — as a table or JSON.

use clap::{Args, ValueEnum};
use serde::Serialize;
use treelint_core::Rule;
use treelint_core::config::DEFAULT_DOCS_URL;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned table.
    Text,
    /// A JSON array of objects.
    Json,
}

#[derive(Serialize)]
struct Entry {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    fixable: bool,
    /// `all` (every tree) or `tree-documents`.
    scope: &'static str,
    summary: String,
    url: String,
}

pub fn run(args: RulesArgs) -> u8 {
    let entries: Vec<Entry> = Rule::ALL
        .iter()
        .map(|&r| Entry {
            code: r.code(),
            name: r.name(),
            severity: r.default_severity().as_str(),
            fixable: r.fixable(),
            scope: r.scope().as_str(),
            summary: r.summary(),
            url: r.url(DEFAULT_DOCS_URL),
        })
        .collect();
    match args.format {
        RulesFormat::Json => println!("{}", serde_json::to_string_pretty(&entries).expect("plain data serializes")),
        RulesFormat::Text => {
            let width = entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
            println!("{:<6} {:<width$} {:<8} {:<7} {:<9} SUMMARY", "CODE", "NAME", "SEVERITY", "FIXABLE", "SCOPE");
            for e in &entries {
                let fixable = if e.fixable { "yes" } else { "-" };
                // `all`: every tree; `tree-docs`: tree documents only (FORMAT.md §1).
                let scope = if e.scope == "all" { "all" } else { "tree-docs" };
                println!("{:<6} {:<width$} {:<8} {:<7} {scope:<9} {}", e.code, e.name, e.severity, fixable, e.summary);
            }
        }
    }
    0
}
