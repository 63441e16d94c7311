//! The `treelint` command line: one shell over `treelint_core` for every subcommand.
//!
//! A library so that both the `treelint` binary and the repository root's pre-commit
//! package (which `cargo install --path .` builds) run the same `main`.

mod commands;
mod discover;
mod render;
mod walk_ui;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Lint, format, export and walk decision-tree Markdown.
#[derive(Debug, Parser)]
#[command(name = "treelint", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check decision trees and report every finding.
    Check(commands::check::CheckArgs),
    /// Run the language server over stdio (for editors).
    Lsp(commands::lsp::LspArgs),
    /// Print a rule's documentation.
    Rule(commands::rule::RuleArgs),
    /// List every rule: code, name, default severity, fixable.
    Rules(commands::rules::RulesArgs),
    /// Show the configuration that applies to a path, or the JSON Schema of treelint.toml.
    Config(commands::config::ConfigArgs),
    /// Print a shell completion script.
    Completions(commands::completions::CompletionsArgs),
    /// Print the man page.
    Man(commands::man::ManArgs),
    /// Redraw tree blocks in the canonical box drawing (--check for CI, --diff to preview).
    Fmt(commands::fmt::FmtArgs),
    /// Export a tree as a Mermaid or Graphviz diagram, or its model as JSON.
    Export(commands::export::ExportArgs),
    /// List every root-to-outcome path of a tree with its answers and outcome.
    Paths(commands::paths::PathsArgs),
    /// Create a new tree with every section in place.
    New(commands::new::NewArgs),
    /// Walk a tree one question at a time and keep a timestamped record.
    Walk(commands::walk::WalkArgs),
}

/// Parses the command line and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Lsp(args) => commands::lsp::run(args),
        Command::Rule(args) => commands::rule::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Config(args) => commands::config::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
        Command::Fmt(args) => commands::fmt::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Paths(args) => commands::paths::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Walk(args) => commands::walk::run(args),
    };
    ExitCode::from(code)
}
