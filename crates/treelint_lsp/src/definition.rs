//! `textDocument/definition`: from a `[Check N]` (outline label or jump) to its Node Details
//! heading (a jump to a check without one: to the check), from the heading to the label, from a terminal to its action section, from a Related tree, runbook or
//! cross-tree jump to that file (at the named check when the jump has `#check-N`).

use std::path::Path;

use tower_lsp_server::ls_types::{GotoDefinitionResponse, Location, Position, Range};
use treelint_core::model::Resolution;
use treelint_core::syntax::node_text::OutcomeTarget;
use treelint_core::workspace::Link;

use crate::cursor::{self, Target};
use crate::position::Positions;
use crate::world::Snapshot;

/// Where the thing at `pos` is defined.
pub fn definition(snap: &Snapshot, pos: Position) -> Option<GotoDefinitionResponse> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let here = |span: &std::ops::Range<usize>| Location::new(snap.uri.clone(), p.range(span));
    let details_of = |id: &str| -> Vec<Location> {
        doc.sections
            .details
            .iter()
            .filter(|d| d.id == id)
            .map(|d| here(&cursor::heading_line(doc, &d.heading)))
            .collect()
    };
    let label_of = |id: &str| -> Option<Location> {
        let n = *doc.model.checks.get(id)?;
        doc.model.node(n).check.as_ref().map(|c| here(&c.span))
    };
    let locations: Vec<Location> = match cursor::target_at(doc, p.offset(pos))? {
        Target::CheckLabel { id, .. } => details_of(&id),
        // A jump leads to the check's details (what the reader wants next), else to the check.
        Target::CheckJump { id, .. } => {
            let details = details_of(&id);
            if details.is_empty() { label_of(&id).into_iter().collect() } else { details }
        }
        Target::DetailsHeading { id, .. } => label_of(&id).into_iter().collect(),
        Target::Terminal { node, .. } => match doc.terminals.get(&node) {
            Some(Resolution::Action { index, .. }) => {
                let a = &doc.sections.actions[*index];
                vec![here(&cursor::heading_line(doc, &a.heading))]
            }
            _ => Vec::new(),
        },
        Target::ActionHeading { .. } => Vec::new(),
        Target::CrossRef { index, .. } => match snap.analysis.links.cross_refs.get(index) {
            Some(Link::Found(path)) => file_start(snap, path).into_iter().collect(),
            _ => Vec::new(),
        },
        Target::FileJump { node, .. } => {
            let fragment = match &doc.model.node(node).outcome.as_ref()?.target {
                OutcomeTarget::File { fragment, .. } => fragment.clone(),
                _ => None,
            };
            match snap.analysis.links.jumps.get(&node) {
                Some(Link::Found(path)) => {
                    check_in(snap, path, fragment.as_deref()).or_else(|| file_start(snap, path)).into_iter().collect()
                }
                Some(Link::MissingCheck { path, .. }) => file_start(snap, path).into_iter().collect(),
                _ => Vec::new(),
            }
        }
    };
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}

fn file_start(snap: &Snapshot, path: &Path) -> Option<Location> {
    Some(Location::new(snap.uri_of(path)?, Range::default()))
}

/// The `[Check N]` label that `#check-N` names in the tree at `path`, if indexed.
fn check_in(snap: &Snapshot, path: &Path, fragment: Option<&str>) -> Option<Location> {
    let fragment = fragment?;
    let id = fragment.get(..6).filter(|p| p.eq_ignore_ascii_case("check-")).and_then(|_| fragment.get(6..))?;
    let other = snap.tree(path)?;
    let range = other.check(id)?.label.range(snap.enc);
    Some(Location::new(snap.uri_of(path)?, range))
}
