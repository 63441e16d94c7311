//! `treelint/export`: the document as Mermaid, DOT or JSON, by the core's exporter
//! ([`treelint_core::export`]), the same text `treelint export` prints.

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::Uri;
use treelint_core::export::{Format, export, export_tree};

use crate::server::{Backend, guard, invalid};

/// `{"uri": string, "format": "mermaid" | "dot" | "json", "tree"?: string | null}`.
#[derive(Debug, Deserialize)]
pub struct ExportParams {
    pub uri: Uri,
    pub format: String,
    /// One tree of a document with several (its number, root text or heading), as
    /// `treelint export --tree`; without it every tree is drawn, each as a group.
    #[serde(default)]
    pub tree: Option<String>,
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
        guard("treelint/export", || {
            let doc = snap.doc();
            let text = match params.tree.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(wanted) => {
                    let t =
                        doc.select_tree(wanted).ok_or_else(|| invalid(format!("no single tree matches `{wanted}`")))?;
                    export_tree(doc, t.root, format)
                }
                None => export(doc, format),
            };
            Ok(ExportResult { text })
        })
    }
}
