//! `textDocument/documentSymbol` (the sections as a heading hierarchy, each tree block
//! inside its heading with the outline's nodes nested under it) and `workspace/symbol`
//! (titles, checks and actions of every tree).
//!
//! Invariant: nesting depth is capped at [`MAX_DEPTH`]; deeper nodes are listed flat under
//! the node at the cap, so a very deep outline neither recurses deeply here nor produces
//! JSON deeper than clients parse.

use petgraph::graph::NodeIndex;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, WorkspaceSymbolResponse,
};
use treelint_core::Document;
use treelint_core::model::NodeKind;

use crate::cursor::heading_line;
use crate::outline_shape::subtree_ends;
use crate::position::Positions;
use crate::world::Snapshot;
use crate::world::summary::Place;

/// Deepest nesting of outline nodes in document symbols.
pub const MAX_DEPTH: usize = 32;
/// Most workspace symbols returned for one query.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

/// The document's symbol tree.
pub fn document_symbols(snap: &Snapshot) -> DocumentSymbolResponse {
    let doc = snap.doc();
    let p = Positions::of(doc, snap.enc);
    let ends = subtree_ends(&doc.model);
    // With several trees, each block is named by the trees it holds, so the outline shows
    // every tree a walk or an export can pick (by the same number).
    let trees = doc.trees();
    let block_name = |b: usize| -> (String, Option<String>) {
        let mine: Vec<_> = trees.iter().filter(|t| t.block == b).collect();
        match mine.as_slice() {
            [t] if trees.len() > 1 => (format!("Tree {}", t.number), Some(t.root_text.chars().take(120).collect())),
            [first, .., last] => (format!("Trees {}–{}", first.number, last.number), None),
            _ => ("Tree".into(), None),
        }
    };
    // Headings and tree blocks in document order; a block is a leaf of the current heading.
    enum Item {
        Heading(usize),
        Block(usize),
    }
    let mut items: Vec<(usize, Item)> =
        doc.markdown.headings.iter().enumerate().map(|(i, h)| (h.span.start, Item::Heading(i))).collect();
    items.extend(
        doc.blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (b.fence.clone().unwrap_or(b.content.clone()).start, Item::Block(i))),
    );
    items.sort_by_key(|(at, _)| *at);
    let mut stack: Vec<(u8, DocumentSymbol)> = Vec::new();
    let mut top: Vec<DocumentSymbol> = Vec::new();
    fn pop(stack: &mut Vec<(u8, DocumentSymbol)>, top: &mut Vec<DocumentSymbol>) {
        if let Some((_, sym)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(sym),
                None => top.push(sym),
            }
        }
    }
    for (_, item) in items {
        match item {
            Item::Heading(i) => {
                let h = &doc.markdown.headings[i];
                while stack.last().is_some_and(|(level, _)| *level >= h.level) {
                    pop(&mut stack, &mut top);
                }
                let body = doc.markdown.section_body(i, doc.text.len());
                let kind = if doc.sections.details.iter().any(|d| d.heading == h.span) {
                    SymbolKind::KEY
                } else if doc.sections.actions.iter().any(|a| a.heading == h.span) {
                    SymbolKind::EVENT
                } else if h.level == 1 {
                    SymbolKind::FILE
                } else {
                    SymbolKind::NAMESPACE
                };
                let name = if h.text.trim().is_empty() { "(untitled)".to_string() } else { h.text.clone() };
                let range = h.span.start..body.end.max(h.span.end);
                stack.push((h.level, symbol(name, None, kind, p.range(&range), p.range(&heading_line(doc, &h.span)))));
            }
            Item::Block(b) => {
                let block = &doc.blocks[b];
                let whole = block.fence.clone().unwrap_or(block.content.clone());
                let roots: Vec<DocumentSymbol> = doc
                    .model
                    .roots
                    .iter()
                    .filter(|&&r| doc.model.node(r).block == b)
                    .map(|&r| node_symbol(doc, &p, &ends, r, 0))
                    .collect();
                let (name, detail) = block_name(b);
                let mut sym =
                    symbol(name, detail, SymbolKind::STRUCT, p.range(&whole), p.range(&(whole.start..whole.start)));
                sym.children = Some(roots);
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(sym),
                    None => top.push(sym),
                }
            }
        }
    }
    while !stack.is_empty() {
        pop(&mut stack, &mut top);
    }
    DocumentSymbolResponse::Nested(top)
}

fn node_symbol(doc: &Document, p: &Positions, ends: &[usize], n: NodeIndex, depth: usize) -> DocumentSymbol {
    let node = doc.model.node(n);
    let (kind, what) = match node.kind {
        NodeKind::Root => (SymbolKind::CLASS, "root"),
        NodeKind::Question => (SymbolKind::FUNCTION, "question"),
        NodeKind::Answer => (SymbolKind::ENUM_MEMBER, "answer"),
        NodeKind::Terminal => (SymbolKind::EVENT, "outcome"),
        NodeKind::Jump => (SymbolKind::OPERATOR, "jump"),
    };
    let mut name: String = doc.text[node.text.clone()].trim().chars().take(120).collect();
    if name.is_empty() {
        name = "(empty)".into();
    }
    let detail = node.check.as_ref().map_or_else(|| what.to_string(), |c| format!("Check {}", c.id));
    let range = node.line.start..ends[n.index()].max(node.line.end);
    let selection = if node.text.is_empty() { node.line.clone() } else { node.text.clone() };
    let mut sym = symbol(name, Some(detail), kind, p.range(&range), p.range(&selection));
    let children = doc.model.children(n);
    if children.is_empty() {
        return sym;
    }
    let kids = if depth + 1 >= MAX_DEPTH {
        // Past the cap, the rest of the subtree is listed flat, in document order.
        let mut flat = Vec::new();
        let mut todo: Vec<NodeIndex> = children.into_iter().rev().collect();
        while let Some(c) = todo.pop() {
            flat.push(leaf_symbol(doc, p, ends, c));
            todo.extend(doc.model.children(c).into_iter().rev());
        }
        flat
    } else {
        children.into_iter().map(|c| node_symbol(doc, p, ends, c, depth + 1)).collect()
    };
    sym.children = Some(kids);
    sym
}

/// A node's symbol without children.
fn leaf_symbol(doc: &Document, p: &Positions, ends: &[usize], n: NodeIndex) -> DocumentSymbol {
    let node = doc.model.node(n);
    let mut name: String = doc.text[node.text.clone()].trim().chars().take(120).collect();
    if name.is_empty() {
        name = "(empty)".into();
    }
    let range = node.line.start..ends[n.index()].max(node.line.end);
    symbol(name, None, SymbolKind::ENUM_MEMBER, p.range(&range), p.range(&node.line))
}

/// The hierarchy flattened, for clients without hierarchical document symbols: each
/// symbol names its parent as container.
pub fn flatten(uri: &tower_lsp_server::ls_types::Uri, nested: Vec<DocumentSymbol>) -> Vec<SymbolInformation> {
    let mut out = Vec::new();
    let mut todo: Vec<(DocumentSymbol, Option<String>)> = nested.into_iter().rev().map(|s| (s, None)).collect();
    while let Some((mut sym, container)) = todo.pop() {
        let children = sym.children.take().unwrap_or_default();
        todo.extend(children.into_iter().rev().map(|c| (c, Some(sym.name.clone()))));
        #[allow(deprecated)]
        out.push(SymbolInformation {
            name: sym.name,
            kind: sym.kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), sym.range),
            container_name: container,
        });
    }
    out
}

#[allow(deprecated)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
    selection_range: tower_lsp_server::ls_types::Range,
) -> DocumentSymbol {
    DocumentSymbol { name, detail, kind, tags: None, deprecated: None, range, selection_range, children: None }
}

/// Trees, checks and actions of every tree whose name matches `query` (its characters in
/// order, case-insensitively; an empty query matches all).
pub fn workspace_symbols(snap: &Snapshot, query: &str) -> WorkspaceSymbolResponse {
    let query: Vec<char> = query.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let matches = |name: &str| {
        let mut q = query.iter().peekable();
        for c in name.to_lowercase().chars() {
            if q.peek() == Some(&&c) {
                q.next();
            }
        }
        q.peek().is_none()
    };
    let mut trees = snap.all_trees();
    trees.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::new();
    for (path, tree) in trees {
        let Some(uri) = snap.uri_of(path) else { continue };
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let title = tree.title.clone().unwrap_or_else(|| file.clone());
        let mut push = |name: String, kind, place: &Place, container: &str| {
            if out.len() < MAX_WORKSPACE_SYMBOLS && matches(&name) {
                #[allow(deprecated)]
                out.push(SymbolInformation {
                    name,
                    kind,
                    tags: None,
                    deprecated: None,
                    location: Location::new(uri.clone(), place.range(snap.enc)),
                    container_name: Some(container.to_string()),
                });
            }
        };
        push(title.clone(), SymbolKind::FILE, &tree.title_place, &file);
        for c in &tree.checks {
            push(format!("Check {}: {}", c.id, c.question), SymbolKind::FUNCTION, &c.label, &title);
        }
        for a in &tree.actions {
            push(a.name.clone(), SymbolKind::EVENT, &a.heading, &title);
        }
    }
    WorkspaceSymbolResponse::Flat(out)
}
