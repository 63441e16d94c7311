//! `treelint lsp`: the language server over stdin/stdout, for editors. Everything is in the
//! `treelint_lsp` crate; this only builds the async runtime it runs on.

use clap::Args;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for clients that always pass it (VS Code's `TransportKind.stdio`); stdio is
    /// the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

pub fn run(_args: LspArgs) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the language server: {e}");
            return 2;
        }
    };
    runtime.block_on(treelint_lsp::run_stdio());
    // A read of stdin may still be parked on a blocking thread (the client need not close
    // the pipe after `exit`); do not wait for it.
    runtime.shutdown_background();
    0
}
