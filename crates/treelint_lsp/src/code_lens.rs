//! `textDocument/codeLens`: "▶ Walk from here" above each check, and "▶ Walk this tree" at
//! each tree's root when a document holds several. The lens runs the client command
//! `treelint.walk` with `[uri, checkId]` or `[uri, null, treeNumber]`; the editor extension
//! answers it by walking with the `treelint/walk` request from that check or tree.

use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command};

use crate::position::Positions;
use crate::world::Snapshot;

/// The client command a lens runs.
pub const WALK_COMMAND: &str = "treelint.walk";

/// One lens per tree of a document with several, then one per check of the outline.
pub fn code_lenses(snap: &Snapshot) -> Vec<CodeLens> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let trees = doc.trees();
    let mut lenses: Vec<CodeLens> = if trees.len() > 1 {
        trees
            .iter()
            .map(|t| {
                let root = doc.model.node(t.root);
                let at = if root.implicit { t.span.start..t.span.start } else { root.line.clone() };
                CodeLens {
                    range: p.range(&at),
                    command: Some(Command {
                        title: format!("▶ Walk this tree ({} of {})", t.number, trees.len()),
                        command: WALK_COMMAND.into(),
                        arguments: Some(vec![json!(snap.uri.as_str()), json!(null), json!(t.number.to_string())]),
                    }),
                    data: None,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let checks = doc
        .model
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
        .collect::<Vec<_>>();
    lenses.extend(checks);
    lenses
}
