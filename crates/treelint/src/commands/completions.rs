//! `treelint completions SHELL`: a completion script for the shell, from the same clap
//! definition that parses the command line, so it never lags behind the options.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> u8 {
    let mut command = crate::Cli::command();
    clap_complete::generate(args.shell, &mut command, "treelint", &mut std::io::stdout());
    0
}
