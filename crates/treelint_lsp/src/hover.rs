//! `textDocument/hover`: a check shows its title and commands, a terminal the steps of its
//! action, a Related tree or cross-tree jump that tree's title and starting question.
//!
//! Hover text is Markdown built from the document itself; fences are widened so that a
//! code block inside the document cannot close ours.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use treelint_core::Document;
use treelint_core::model::Resolution;
use treelint_core::syntax::sections::RefKind;
use treelint_core::workspace::Link;

use crate::cursor::{self, Target};
use crate::position::Positions;
use crate::world::{Snapshot, TreeSummary};

/// The hover for the thing at `pos`.
pub fn hover(snap: &Snapshot, pos: Position) -> Option<Hover> {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let target = cursor::target_at(doc, p.offset(pos))?;
    let text = match &target {
        Target::CheckLabel { id, .. } | Target::CheckJump { id, .. } | Target::DetailsHeading { id, .. } => {
            check(doc, id)
        }
        Target::Terminal { node, .. } => terminal(doc, *node),
        Target::ActionHeading { index, .. } => {
            let count = doc
                .terminals
                .values()
                .filter(|r| matches!(r, Resolution::Action { index: i, .. } if i == index))
                .count();
            format!("Reached from {count} terminal(s) of the outline.")
        }
        Target::CrossRef { index, .. } => {
            let r = &doc.sections.cross_refs[*index];
            match (r.kind, snap.analysis.links.cross_refs.get(*index)) {
                (RefKind::TopicPacks, _) => return None,
                (RefKind::RelatedTrees, Some(Link::Found(path))) => tree_summary(snap, path),
                (_, Some(Link::Found(path))) => format!("`{}`", path.display()),
                (_, Some(Link::Missing(tried))) => missing(tried),
                _ => return None,
            }
        }
        Target::FileJump { node, .. } => match snap.analysis.links.jumps.get(node) {
            Some(Link::Found(path)) => tree_summary(snap, path),
            Some(Link::MissingCheck { path, id }) => {
                format!("{}\n\n**{} has no Check {id}.**", tree_summary(snap, path), file_name(path))
            }
            Some(Link::Missing(tried)) => missing(tried),
            _ => return None,
        },
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(p.range(&target.span())),
    })
}

/// `**Check 2: Is rollback safe?**`, the question as drawn, and the commands.
fn check(doc: &Document, id: &str) -> String {
    let details = doc.sections.details.iter().find(|d| d.id == id);
    let question = doc.model.checks.get(id).map(|&n| doc.check_question(n));
    let in_outline = question.is_some();
    let title = details.map(|d| d.title.clone()).filter(|t| !t.is_empty()).or(question.clone()).unwrap_or_default();
    let mut out = format!("**Check {id}: {}**", escape(&title));
    if let Some(q) = question.filter(|q| *q != title) {
        out.push_str(&format!("\n\n{}", escape(&q)));
    }
    match details {
        Some(d) if !d.commands.is_empty() => {
            for c in &d.commands {
                out.push_str("\n\n");
                out.push_str(&fenced(&c.info, &doc.text[c.content.clone()]));
            }
        }
        Some(d) => {
            let body = doc.text[d.body.clone()].trim();
            if !body.is_empty() {
                out.push_str("\n\n");
                out.push_str(body);
            }
        }
        None if in_outline => out.push_str("\n\n_No Node Details section for this check._"),
        None => out.push_str("\n\n_No node of the outline has this check._"),
    }
    out
}

fn terminal(doc: &Document, node: petgraph::graph::NodeIndex) -> String {
    match doc.terminals.get(&node) {
        Some(Resolution::Action { index, .. }) => {
            let a = &doc.sections.actions[*index];
            let heading = doc.text[cursor::heading_line(doc, &a.heading)].trim_start_matches('#').trim();
            format!("**{}**\n\n{}", escape(heading), doc.text[a.body.clone()].trim())
        }
        Some(Resolution::UnknownAnchor(anchor)) => format!("_No Terminal Actions section has the anchor `#{anchor}`._"),
        Some(Resolution::Ambiguous(indices)) => {
            let names: Vec<String> =
                indices.iter().map(|&i| format!("- {}", escape(&doc.sections.actions[i].title))).collect();
            format!("_Several actions match equally well; add `#anchor` to pick one:_\n\n{}", names.join("\n"))
        }
        _ => "_No Terminal Actions section matches this terminal._".to_string(),
    }
}

/// A tree's title and starting question.
fn tree_summary(snap: &Snapshot, path: &Path) -> String {
    let tree = match snap.tree(path) {
        Some(t) => t,
        None => match snap.workspace.fs().read_to_string(path) {
            Some(text) => Arc::new(TreeSummary::of(&Document::parse(text, &snap.workspace.config))),
            None => return format!("`{}`", file_name(path)),
        },
    };
    let title = tree.title.as_deref().unwrap_or_else(|| file_name(path));
    let mut out = format!("**{}**  \n`{}`", escape(title), file_name(path));
    if let Some(q) = &tree.starting_question {
        out.push_str(&format!("\n\nStarting question: {}", escape(q)));
    }
    out
}

fn missing(tried: &[std::path::PathBuf]) -> String {
    let list: Vec<String> = tried.iter().map(|p| format!("- `{}`", p.display())).collect();
    format!("**Not found.** Tried:\n\n{}", list.join("\n"))
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// A fenced block whose fence is longer than any backtick run inside it.
pub fn fenced(info: &str, body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let info = info.split_whitespace().next().unwrap_or("");
    format!("{fence}{info}\n{}\n{fence}", body.trim_end_matches(['\n', '\r']))
}

/// Escapes the characters that would turn a plain title into Markdown markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
