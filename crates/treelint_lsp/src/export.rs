//! `treelint/export`: the document as Mermaid, DOT or JSON, by the core's exporter.

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::Uri;

use crate::server::{invalid, Backend};

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
        if !matches!(params.format.as_str(), "mermaid" | "dot" | "json") {
            return Err(invalid(format!("unknown export format `{}` (expected mermaid, dot or json)", params.format)));
        }
        let _ = params.uri;
        Err(Error { code: tower_lsp_server::jsonrpc::ErrorCode::MethodNotFound, message: "treelint/export: the exporter is not available in this build".into(), data: None })
    }
}
