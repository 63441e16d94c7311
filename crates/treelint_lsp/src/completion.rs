//! `textDocument/completion`, from what precedes the cursor on its line:
//! - `[Check ` (anywhere) and `go to ` → the check IDs of the document;
//! - a terminal marker (`✅ `, `⚠️ `) in the outline → the titles of that marker's actions;
//! - an arrow in the outline, or an entry of `**Related trees:**` → the tree files of the
//!   workspace, relative to the document.
//!
//! Each item replaces the partial word before the cursor (a text edit), so what was typed
//! is completed, not duplicated.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, Position, TextEdit,
};
use treelint_core::Document;

use crate::position::Positions;
use crate::world::Snapshot;

/// Completions at `pos`.
pub fn completion(snap: &Snapshot, pos: Position) -> Option<CompletionResponse> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let offset = p.offset(pos);
    let line_start = doc.lines.line_start(doc.lines.line_of(offset));
    let prefix = &doc.text[line_start..offset];
    let lower = prefix.to_lowercase();
    let in_tree = doc.blocks.iter().any(|b| b.content.start <= offset && offset <= b.content.end);
    let edit = |start: usize, label: String, insert: String, kind, detail: Option<String>| CompletionItem {
        label,
        kind: Some(kind),
        detail,
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(p.range(&(start..offset)), insert))),
        ..CompletionItem::default()
    };

    // `[Check 1` → IDs.
    if let Some(open) = lower.rfind("[check") {
        let after = &prefix[open + 6..];
        let partial = after.trim_start();
        if after.len() > partial.len() && is_id(partial) {
            let start = offset - partial.len();
            let closes = doc.text[offset..].starts_with(']');
            let items = check_ids(doc)
                .into_iter()
                .map(|(id, title)| {
                    let insert = if closes { id.clone() } else { format!("{id}]") };
                    edit(start, id, insert, CompletionItemKind::REFERENCE, title)
                })
                .collect();
            return Some(CompletionResponse::Array(items));
        }
    }
    // `go to ` → `[Check N]`.
    for word in ["go to ", "goto ", "jump to ", "continue at "] {
        if let Some(at) = lower.rfind(word) {
            let partial = &prefix[at + word.len()..];
            if partial.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '[' | ' ')) && !partial.contains("  ") {
                let start = offset - partial.len();
                let items = check_ids(doc)
                    .into_iter()
                    .map(|(id, title)| {
                        edit(
                            start,
                            format!("[Check {id}]"),
                            format!("[Check {id}]"),
                            CompletionItemKind::REFERENCE,
                            title,
                        )
                    })
                    .collect();
                return Some(CompletionResponse::Array(items));
            }
        }
    }
    if in_tree {
        // `→ ✅ ROLL` → action titles of that marker.
        let config = &snap.workspace.config;
        for (i, _) in prefix.char_indices().rev() {
            if let Some((marker, len)) = config.marker_at_start(&prefix[i..]) {
                let partial = prefix[i + len..].trim_start();
                if prefix[i + len..].len() > partial.len() || partial.is_empty() {
                    let start = offset - partial.len();
                    let items = doc
                        .sections
                        .actions
                        .iter()
                        .filter(|a| a.marker.symbol == marker.symbol)
                        .map(|a| {
                            edit(
                                start,
                                a.title.clone(),
                                a.title.clone(),
                                CompletionItemKind::EVENT,
                                Some(format!("{} {}", a.marker.symbol, a.kind)),
                            )
                        })
                        .collect();
                    return Some(CompletionResponse::Array(items));
                }
                break;
            }
        }
        // `→ ` → tree files.
        for arrow in ["→", "->", "=>"] {
            if let Some(at) = prefix.rfind(arrow) {
                let partial = prefix[at + arrow.len()..].trim_start();
                if !partial.contains(char::is_whitespace) {
                    return Some(CompletionResponse::Array(tree_files(snap, offset - partial.len(), &edit)));
                }
            }
        }
    }
    // `- **Related trees:** a.md, b` → tree files.
    let key = lower.trim_start_matches(['-', '*', '+', ' ', '\t']);
    if key.starts_with("**related tree") {
        if let Some(close) = prefix.find(":**").or_else(|| prefix.rfind("**:")) {
            let value = &prefix[close + 3..];
            let partial = value.rsplit(',').next().unwrap_or("").trim_start();
            return Some(CompletionResponse::Array(tree_files(snap, offset - partial.len(), &edit)));
        }
    }
    None
}

fn is_id(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The check IDs of the outline and of the details sections, in numeric then text order,
/// with their titles.
fn check_ids(doc: &Document) -> Vec<(String, Option<String>)> {
    let mut ids: Vec<(String, Option<String>)> =
        doc.model.check_order().into_iter().map(|(id, n)| (id.to_string(), Some(doc.check_question(n)))).collect();
    for d in &doc.sections.details {
        if !ids.iter().any(|(id, _)| *id == d.id) {
            ids.push((d.id.clone(), Some(d.title.clone())));
        }
    }
    ids.sort_by(|a, b| match (a.0.parse::<u64>(), b.0.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.0.cmp(&b.0),
    });
    ids
}

type Edit<'a> = dyn Fn(usize, String, String, CompletionItemKind, Option<String>) -> CompletionItem + 'a;

/// The workspace's tree files other than this one, named relative to this document's folder.
fn tree_files(snap: &Snapshot, start: usize, edit: &Edit) -> Vec<CompletionItem> {
    let dir = snap.path.parent().unwrap_or(Path::new(""));
    let mut files: Vec<(String, Option<String>)> = snap
        .other_trees()
        .into_iter()
        .map(|(p, t)| (relative(dir, &snap.workspace.root, p), t.title.clone()))
        .collect();
    files.sort();
    files.into_iter().map(|(name, title)| edit(start, name.clone(), name, CompletionItemKind::FILE, title)).collect()
}

/// `path` relative to `dir` when below it, else to the workspace root, else absolute.
fn relative(dir: &Path, root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(dir)
        .or_else(|_| path.strip_prefix(root))
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}
