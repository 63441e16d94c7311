//! One module per subcommand; each takes its parsed arguments and returns the exit status.

pub mod check;
pub mod completions;
pub mod config;
pub mod export;
pub mod fmt;
pub mod lsp;
pub mod man;
pub mod new;
pub mod paths;
pub mod rule;
pub mod rules;
pub mod tree_arg;
pub mod walk;
