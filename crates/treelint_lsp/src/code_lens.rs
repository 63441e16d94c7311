//! `textDocument/codeLens`: "▶ Walk from here" above each check. The lens runs the client
//! command `treelint.walk` with `[uri, checkId]`; the editor extension answers it by walking
//! with the `treelint/walk` request from that check.

use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command};

use crate::position::Positions;
use crate::world::Snapshot;

/// The client command a lens runs.
pub const WALK_COMMAND: &str = "treelint.walk";

/// One lens per check of the outline.
pub fn code_lenses(snap: &Snapshot) -> Vec<CodeLens> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    doc.model
        .check_order()
        .into_iter()
        .filter_map(|(id, n)| {
            let label = doc.model.node(n).check.as_ref()?;
            Some(CodeLens {
                range: p.range(&label.span),
                command: Some(Command {
                    title: "▶ Walk from here".into(),
                    command: WALK_COMMAND.into(),
                    arguments: Some(vec![json!(snap.uri.as_str()), json!(id)]),
                }),
                data: None,
            })
        })
        .collect()
}
