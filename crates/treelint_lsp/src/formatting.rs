//! `textDocument/formatting` and `textDocument/rangeFormatting`: `treelint fmt`'s code
//! ([`treelint_core::format`]), so the editor and the CLI draw trees identically. A range
//! formats every tree block it touches, whole (a block's bars depend on all its lines). A
//! block the formatter cannot redraw faithfully (FORMAT.md §4, fix safety) gets no edit.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Range, TextEdit};
use treelint_core::format::{format_document, format_range};

use crate::position::Positions;
use crate::world::Snapshot;

/// The edits that format the document (or the blocks that `range` touches).
pub fn format(snap: &Snapshot, range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
    let doc = snap.doc();
    let config = &snap.workspace.config;
    let p = Positions::of(doc, snap.enc);
    let result = match range {
        Some(r) => format_range(&doc.text, p.span(r), config),
        None => format_document(&doc.text, config),
    };
    // A block the formatter cannot redraw faithfully gets no edit (`result.skipped` says
    // why; `treelint fmt` prints it as a note): formatting never fails for it.
    // The core's edits are byte spans of the text it was given: this snapshot's text.
    Ok(Some(result.edits.iter().map(|e| TextEdit::new(p.range(&e.span), e.text.clone())).collect()))
}
