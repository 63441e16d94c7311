//! `textDocument/prepareRename` and `textDocument/rename` of a check ID: the outline labels,
//! jumps, Node Details heading and other trees' `#check-N` jumps change together.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{Position, PrepareRenameResponse, TextEdit, WorkspaceEdit};

use crate::cursor::{self, Target};
use crate::position::Positions;
use crate::references::check_places;
use crate::world::Snapshot;

/// The ID under the cursor, when it can be renamed.
pub fn prepare(snap: &Snapshot, pos: Position) -> Option<PrepareRenameResponse> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let span = match cursor::target_at(doc, p.offset(pos))? {
        Target::CheckLabel { id, span, .. } | Target::CheckJump { id, span, .. } => cursor::label_id_span(&span, &id),
        Target::DetailsHeading { span, .. } => span,
        _ => return None,
    };
    Some(PrepareRenameResponse::RangeWithPlaceholder { range: p.range(&span), placeholder: doc.text[span].to_string() })
}

/// Renames the check at `pos` to `new_name` (`7`, `2b`, or `Check 7`) everywhere.
pub fn rename(snap: &Snapshot, pos: Position, new_name: &str) -> Result<Option<WorkspaceEdit>> {
    let doc = snap.doc();
    let Some(id) =
        cursor::target_at(doc, Positions::of(doc, snap.enc).offset(pos)).and_then(|t| t.check_id().map(str::to_string))
    else {
        return Ok(None);
    };
    let new_id = new_name.trim();
    let new_id = new_id.get(..6).filter(|p| p.eq_ignore_ascii_case("check ")).map_or(new_id, |_| new_id[6..].trim());
    if new_id.is_empty() || !new_id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(Error::invalid_params(format!("`{new_name}` is not a check ID (letters, digits, `.`, `_`, `-`)")));
    }
    if new_id != id && (doc.model.checks.contains_key(new_id) || doc.sections.details.iter().any(|d| d.id == new_id)) {
        return Err(Error::invalid_params(format!("Check {new_id} already exists in this tree")));
    }
    let mut changes: HashMap<_, Vec<TextEdit>> = HashMap::new();
    for place in check_places(snap, &id) {
        let Some(uri) = snap.uri_of(&place.path) else { continue };
        changes.entry(uri).or_default().push(TextEdit::new(place.id_range, new_id.to_string()));
    }
    Ok(Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }))
}
