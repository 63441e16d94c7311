//! `treelint rule NAME`: prints a rule's documentation — the doc comment its source file
//! opens with, the same text as its page in the book.

use clap::Args;
use treelint_core::Rule;
use treelint_core::config::{DEFAULT_DOCS_URL, did_you_mean};

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's name (`missing-details`) or code (`TL301`).
    #[arg(required_unless_present = "all", value_parser = RuleName, hide_possible_values = true)]
    pub name: Option<String>,
    /// Print every rule's page, in catalogue order.
    #[arg(long, conflicts_with = "name")]
    pub all: bool,
}

/// A rule's name or code: any text parses (an unknown one gets a "did you mean" below), and
/// the rule names are offered to shell completion.
#[derive(Debug, Clone, Copy)]
pub struct RuleName;

impl clap::builder::TypedValueParser for RuleName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Rule::ALL.iter().map(|r| clap::builder::PossibleValue::new(r.name()).help(r.summary()))))
    }
}

pub fn run(args: RuleArgs) -> u8 {
    let Some(name) = args.name else {
        let pages: Vec<String> = Rule::ALL.iter().map(|&r| page(r, DEFAULT_DOCS_URL)).collect();
        print!("{}", pages.join("\n"));
        return 0;
    };
    match Rule::lookup(&name) {
        Some(rule) => {
            print!("{}", page(rule, DEFAULT_DOCS_URL));
            0
        }
        None => {
            let shown = crate::render::sanitize_line(&name);
            match did_you_mean(&name, Rule::ALL.iter().map(|r| r.name())) {
                Some(s) => {
                    eprintln!("error: unknown rule `{shown}` (did you mean `{s}`?); `treelint rules` lists them all")
                }
                None => eprintln!("error: unknown rule `{shown}`; `treelint rules` lists them all"),
            }
            2
        }
    }
}

/// A rule's documentation page as Markdown: title, facts, then its doc comment.
pub fn page(rule: Rule, docs_url: &str) -> String {
    let fix = if rule.fixable() { "yes (see Fix safety)" } else { "no" };
    format!(
        "# {} ({})\n\nDefault severity: {}. Fixable: {}. Applies to: {}. Documentation: {}\n\n{}",
        rule.name(),
        rule.code(),
        rule.default_severity(),
        fix,
        rule.scope().describe(),
        rule.url(docs_url),
        rule.doc()
    )
}
