//! `treelint rule NAME`: prints a rule's documentation — the doc comment its source file
//! opens with, the same text as its page in the book.

use clap::Args;
use treelint_core::config::{did_you_mean, DEFAULT_DOCS_URL};
use treelint_core::Rule;

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's name (`missing-details`) or code (`TL301`).
    pub name: String,
}

pub fn run(args: RuleArgs) -> u8 {
    match Rule::lookup(&args.name) {
        Some(rule) => {
            print!("{}", page(rule, DEFAULT_DOCS_URL));
            0
        }
        None => {
            let name = crate::render::sanitize_line(&args.name);
            match did_you_mean(&args.name, Rule::ALL.iter().map(|r| r.name())) {
                Some(s) => eprintln!("error: unknown rule `{name}` (did you mean `{s}`?); `treelint rules` lists them all"),
                None => eprintln!("error: unknown rule `{name}`; `treelint rules` lists them all"),
            }
            2
        }
    }
}

/// A rule's documentation page as Markdown: title, facts, then its doc comment.
pub fn page(rule: Rule, docs_url: &str) -> String {
    let fix = if rule.fixable() { "yes (see Fix safety)" } else { "no" };
    format!(
        "# {} ({})\n\nDefault severity: {}. Fixable: {}. Documentation: {}\n\n{}",
        rule.name(),
        rule.code(),
        rule.default_severity(),
        fix,
        rule.url(docs_url),
        rule.doc()
    )
}
