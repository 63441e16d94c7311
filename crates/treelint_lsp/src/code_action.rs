//! `textDocument/codeAction`: a quick fix for every finding in range that carries a core
//! [`Fix`] (safe ones marked preferred, so "fix on save"/auto-fix picks them), and
//! `source.fixAll.treelint`, which applies every safe fix of the document at once.
//!
//! Invariant: the edits of one action never overlap. Fix-all takes fixes in document order
//! and skips one that touches bytes an earlier one already changed (the next run picks it
//! up on the re-analysed text), as `treelint check --fix` does.

use std::collections::HashMap;
use std::ops::Range;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use treelint_core::diagnostics::{Applicability, Fix};

use crate::diagnostics::to_lsp;
use crate::position::Positions;
use crate::world::Snapshot;

/// The kind of the fix-all action, for `editor.codeActionsOnSave`.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.treelint")
}

/// Code actions for `params.range`.
pub fn code_actions(snap: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| only.iter().any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))))
    };
    let range = p.span(params.range);
    let mut out = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for d in &snap.analysis.diagnostics {
            let Some(fix) = &d.fix else { continue };
            if d.span.end < range.start || d.span.start > range.end {
                continue;
            }
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(snap, d)]),
                edit: Some(workspace_edit(snap, fix.edits.iter().map(|e| (e.span.clone(), e.text.clone())).collect())),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = fix_all_kind();
    // Fix-all is a source action: offered when asked for by kind, or in the general menu.
    if wanted(&fix_all) {
        let edits = safe_edits(snap.analysis.diagnostics.iter().filter_map(|d| d.fix.as_ref()));
        if !edits.is_empty() {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe treelint problems".into(),
                kind: Some(fix_all),
                edit: Some(workspace_edit(snap, edits)),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The edits of every safe fix, in order, leaving out fixes that overlap an earlier one.
pub fn safe_edits<'a>(fixes: impl Iterator<Item = &'a Fix>) -> Vec<(Range<usize>, String)> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut out = Vec::new();
    let mut fixes: Vec<&Fix> = fixes.filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty()).collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| {
            taken.iter().any(|t| e.span.start < t.end && t.start < e.span.end || (e.span.is_empty() || t.is_empty()) && e.span.start == t.start)
        });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            taken.push(e.span.clone());
            out.push((e.span.clone(), e.text.clone()));
        }
    }
    out.sort_by_key(|(span, _)| span.start);
    out
}

fn workspace_edit(snap: &Snapshot, edits: Vec<(Range<usize>, String)>) -> WorkspaceEdit {
    let p = Positions::of(snap.doc(), snap.enc);
    let edits = edits.into_iter().map(|(span, text)| TextEdit::new(p.range(&span), text)).collect();
    WorkspaceEdit { changes: Some(HashMap::from([(snap.uri.clone(), edits)])), ..WorkspaceEdit::default() }
}
