//! The `treelint` binary: one command-line shell over `treelint_core` for every subcommand.

mod commands;
mod discover;
mod render;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => commands::check::run(args),
    };
    ExitCode::from(code)
}
