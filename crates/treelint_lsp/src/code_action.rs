//! `textDocument/codeAction`: a quick fix for every finding in range that carries a core
//! [`Fix`] (safe ones marked preferred, so "fix on save"/auto-fix picks them), and
//! `source.fixAll.treelint`, which applies every safe fix of the document at once.
//!
//! Invariants: the edits of one action never overlap. Every fix is held to the core's
//! safety check first ([`fix::check`], FORMAT.md §4): one that would not read back as it
//! declares is not offered (or offered disabled, with the reason, to a client that shows
//! disabled actions). Fix-all applies what one pass of `treelint check --fix` applies (the
//! core's [`fix::checked`]: document order, each fix checked; a fix that conflicts with an
//! earlier one is left for the next run on the re-analysed text).

use std::collections::HashMap;
use std::ops::Range;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionDisabled, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use treelint_core::diagnostics::{Applicability, Fix};
use treelint_core::fix;
use treelint_core::{Config, Document};

use crate::diagnostics::to_lsp;
use crate::position::Positions;
use crate::world::Snapshot;

/// The kind of the fix-all action, for `editor.codeActionsOnSave`.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.treelint")
}

/// Code actions for `params.range`; `disabled_support`: the client shows disabled actions.
pub fn code_actions(snap: &Snapshot, params: &CodeActionParams, disabled_support: bool) -> Vec<CodeActionOrCommand> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
        })
    };
    let range = p.span(params.range);
    let mut out = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for d in &snap.analysis.diagnostics {
            let Some(fix) = &d.fix else { continue };
            if d.span.end < range.start || d.span.start > range.end {
                continue;
            }
            let (edit, disabled) = match fix::check(doc, &[fix], &snap.workspace.config) {
                Ok(_) => (Some(workspace_edit(snap, edits_of(&doc.text, fix))), None),
                Err(_) if !disabled_support => continue,
                Err(reason) => (None, Some(CodeActionDisabled { reason: format!("not applied: {reason}") })),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(snap, d)]),
                is_preferred: Some(fix.applicability == Applicability::Safe && edit.is_some()),
                edit,
                disabled,
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = fix_all_kind();
    // Fix-all is a source action: offered when asked for by kind, or in the general menu.
    if wanted(&fix_all) {
        let edits =
            safe_edits(doc, snap.analysis.diagnostics.iter().filter_map(|d| d.fix.as_ref()), &snap.workspace.config);
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

/// The edits of every safe fix that `treelint check --fix` would apply in one pass: the
/// core's [`fix::checked`] picks them (in document order, skipping conflicts, each held to
/// the safety check).
pub fn safe_edits<'a>(
    doc: &Document,
    fixes: impl Iterator<Item = &'a Fix>,
    config: &Config,
) -> Vec<(Range<usize>, String)> {
    let safe: Vec<&Fix> = fixes.filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty()).collect();
    let applied = fix::checked(doc, &safe, config).applied;
    let text = &doc.text;
    let mut out: Vec<(Range<usize>, String)> = applied.into_iter().flat_map(|i| edits_of(text, safe[i])).collect();
    out.sort_by_key(|(span, _)| (span.start, span.end));
    out
}

/// A fix's edits, with inserted line breaks in the document's own line ending (as the
/// core writes them when it applies fixes).
fn edits_of(text: &str, fix: &Fix) -> Vec<(Range<usize>, String)> {
    let newline = fix::dominant_newline(text);
    fix.edits
        .iter()
        .map(|e| {
            let insert =
                if newline == "\n" { e.text.clone() } else { e.text.replace("\r\n", "\n").replace('\n', newline) };
            (e.span.clone(), insert)
        })
        .collect()
}

fn workspace_edit(snap: &Snapshot, edits: Vec<(Range<usize>, String)>) -> WorkspaceEdit {
    let p = Positions::of(snap.doc(), snap.enc);
    let edits = edits.into_iter().map(|(span, text)| TextEdit::new(p.range(&span), text)).collect();
    WorkspaceEdit { changes: Some(HashMap::from([(snap.uri.clone(), edits)])), ..WorkspaceEdit::default() }
}
