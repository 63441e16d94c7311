//! The treelint language server: everything `treelint check` knows, live in the editor,
//! plus the navigation that makes a tree easy to edit.
//!
//! Layout (as taplo-lsp): [`world`] owns the documents, their analyses and the workspace
//! index; [`server`] is the protocol plumbing; every LSP method has its own handler module
//! ([`hover`], [`completion`], [`definition`], [`references`], [`symbols`],
//! [`code_action`], [`formatting`], [`rename`], [`folding`], [`code_lens`],
//! [`diagnostics`]) plus the custom requests [`walk`] (`treelint/walk`) and [`export`]
//! (`treelint/export`). [`cursor`] says what stands at a position; [`position`] converts
//! byte spans to LSP positions in the negotiated encoding.
//!
//! Invariant: the server analyses with the core exactly as the CLI does
//! ([`treelint_core::analyze`]), so the editor and `treelint check` always agree.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod cursor;
pub mod definition;
pub mod diagnostics;
pub mod export;
pub mod folding;
pub mod formatting;
pub mod hover;
mod outline_shape;
pub mod position;
pub mod references;
pub mod rename;
pub mod server;
pub mod symbols;
mod transport;
pub mod walk;
pub mod world;

use tower_lsp_server::{ClientSocket, LspService, Server};

pub use server::Backend;
use world::WireOrder;

/// The service and its client socket, with the custom requests registered: what
/// [`run_stdio`] serves, and what tests drive over an in-memory stream.
pub fn service() -> (LspService<Backend>, ClientSocket) {
    service_with(WireOrder::default(), None)
}

fn service_with(wire: WireOrder, outbox: Option<transport::Outbox>) -> (LspService<Backend>, ClientSocket) {
    LspService::build(move |client| Backend::with_transport(client, wire, outbox))
        .custom_method("treelint/walk", Backend::walk_request)
        .custom_method("treelint/export", Backend::export_request)
        .custom_method(transport::INVALID_MESSAGE, Backend::invalid_message)
        .finish()
}

/// Serves the language server over any byte streams until the client says `exit`.
pub async fn serve<I, O>(input: I, output: O)
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite,
{
    let wire = WireOrder::default();
    let (outbox, outgoing) = transport::Outbox::new();
    let (service, socket) = service_with(wire.clone(), Some(outbox));
    // tower-lsp stops at the first message it cannot decode: filter the input first (and
    // note the order edits come in, which its concurrent handlers may not keep).
    let (checked, sink) = tokio::io::duplex(1 << 16);
    tokio::spawn(transport::sanitize(input, sink, wire));
    // Its output goes through `merge`, which adds the diagnostics the server serialised
    // itself; when tower-lsp stops (and drops its end), `merge` finishes the output.
    let (server_out, merged) = tokio::io::duplex(1 << 20);
    let server = async move { Server::new(checked, server_out, socket).serve(service).await };
    tokio::join!(server, transport::merge(merged, outgoing, output));
}

/// Serves the language server over stdin/stdout (`treelint lsp`).
pub async fn run_stdio() {
    serve(tokio::io::stdin(), tokio::io::stdout()).await;
}
