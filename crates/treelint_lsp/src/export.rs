//! `treelint/export`: the document as Mermaid, DOT or JSON, by the core's exporter
//! ([`treelint_core::export`]), the same text `treelint export` prints.

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::Uri;
use treelint_core::export::{Format, export};

use crate::server::{Backend, guard, invalid};

/// `{"uri": string, "format": "mermaid" | "dot" | "json"}`.
#[derive(Debug, Deserialize)]
pub struct ExportParams {
    pub uri: Uri,
    pub format: String,
}

/// `{"text": string}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExportResult {
    pub text: String,
}

impl Backend {
    /// Handles `treelint/export`.
    pub async fn export_request(&self, params: ExportParams) -> Result<ExportResult> {
        let format = match params.format.as_str() {
            "mermaid" => Format::Mermaid,
            "dot" => Format::Dot,
            "json" => Format::Json,
            other => return Err(invalid(format!("unknown export format `{other}` (expected mermaid, dot or json)"))),
        };
        let snap = guard("treelint/export", || Ok(self.snapshot(&params.uri)))?;
        let snap = snap.ok_or_else(|| invalid(format!("{} is not an open document", params.uri.as_str())))?;
        if !snap.doc().is_tree() {
            return Err(invalid("the document has no decision tree to export"));
        }
        guard("treelint/export", || Ok(ExportResult { text: export(snap.doc(), format) }))
    }
}
