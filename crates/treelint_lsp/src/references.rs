//! `textDocument/references`: every place that names a check — outline labels, jumps,
//! Node Details headings, and other trees' `file.md#check-N` jumps into this document.
//! Rename edits exactly these places (see [`check_places`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{Location, Position, Range as LspRange};
use treelint_core::workspace::normalize;

use crate::cursor::{self, Target};
use crate::position::Positions;
use crate::world::Snapshot;

/// How a place names a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// `[Check N]` on a node: the declaration (the first one) or a duplicate.
    Label,
    Jump,
    Details,
    /// `other.md#check-N` in another tree.
    FileJump,
}

/// One place that names a check.
#[derive(Debug, Clone)]
pub struct Place {
    pub path: PathBuf,
    pub kind: PlaceKind,
    /// The whole reference (`[Check 3]`, the heading line), as bytes of its file.
    pub span: Range<usize>,
    /// The same, in the snapshot's position encoding.
    pub range: LspRange,
    /// Just the ID inside it: what a rename replaces.
    pub id_range: LspRange,
}

/// Every place naming check `id` of the snapshot's document, in this and other trees.
pub fn check_places(snap: &Snapshot, id: &str) -> Vec<Place> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let mut out = Vec::new();
    let place = |kind, span: Range<usize>, id_span| Place {
        path: snap.path.clone(),
        kind,
        range: p.range(&span),
        id_range: p.range(&id_span),
        span,
    };
    for (_, node) in doc.model.nodes() {
        if let Some(c) = node.check.as_ref().filter(|c| c.id == id) {
            out.push(place(PlaceKind::Label, c.span.clone(), cursor::label_id_span(&c.span, id)));
        }
        if let Some(c) = node.jump_check().filter(|c| c.id == id) {
            out.push(place(PlaceKind::Jump, c.span.clone(), cursor::label_id_span(&c.span, id)));
        }
    }
    for d in doc.sections.details.iter().filter(|d| d.id == id) {
        let line = cursor::heading_line(doc, &d.heading);
        out.push(place(PlaceKind::Details, line, cursor::details_id_span(doc, &d.heading, id)));
    }
    let root = &snap.workspace.root;
    for (path, other) in snap.other_trees() {
        for jump in other.jumps.iter().filter(|j| j.id == id && names_file(path, root, &j.target, &snap.path)) {
            out.push(Place {
                path: path.to_path_buf(),
                kind: PlaceKind::FileJump,
                span: jump.span.clone(),
                range: jump.outcome.range(snap.enc),
                id_range: jump.id_place.range(snap.enc),
            });
        }
    }
    out
}

/// Whether `target`, written in the tree at `from`, names the file `file` (relative to the
/// tree's folder or the workspace root, `.md` optional: the core's resolution order).
fn names_file(from: &Path, root: &Path, target: &str, file: &Path) -> bool {
    let dir = from.parent().unwrap_or(Path::new(""));
    let names = [target.to_string(), format!("{target}.md")];
    [dir, root].iter().any(|d| names.iter().any(|n| normalize(d.join(n)) == file))
}

/// References of the check at `pos`.
pub fn references(snap: &Snapshot, pos: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let doc = snap.doc();
    let target = cursor::target_at(doc, Positions::of(doc, snap.enc).offset(pos))?;
    let id = match &target {
        Target::CheckLabel { id, .. } | Target::CheckJump { id, .. } | Target::DetailsHeading { id, .. } => id.clone(),
        _ => return None,
    };
    let declaration = doc.model.checks.get(&id).and_then(|&n| doc.model.node(n).check.as_ref().map(|c| c.span.clone()));
    let locations = check_places(snap, &id)
        .into_iter()
        .filter(|p| {
            include_declaration
                || !(p.path == snap.path && p.kind == PlaceKind::Label && Some(&p.span) == declaration.as_ref())
        })
        .filter_map(|p| Some(Location::new(snap.uri_of(&p.path)?, p.range)))
        .collect();
    Some(locations)
}
