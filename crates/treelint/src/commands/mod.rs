//! One module per subcommand; each takes its parsed arguments and returns the exit status.

pub mod check;
