//! `textDocument/formatting` and `textDocument/rangeFormatting`: `treelint fmt`'s code.
//! (Filled in once the core formatter lands; until then formatting changes nothing.)

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Range, TextEdit};

use crate::world::Snapshot;

/// The edits that format the document (or the part of it that `range` touches).
pub fn format(_snap: &Snapshot, _range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
    Ok(None)
}
