//! The whole model as JSON, version 1, described by `schema.json` ([`super::SCHEMA`]):
//! nodes (kind, texts, check, outcome, notes, glyph), edges (child and jump, with the
//! answer as label), roots, tree blocks, metadata and sections, every place given as a
//! [`Span`]: byte offsets and 1-based line/column (columns count Unicode scalar values,
//! `end_column` is exclusive), as `treelint check --format json` counts them.
//!
//! Invariant: adding a field is compatible; renaming, removing or changing the meaning of
//! one bumps `version`.

use serde::Serialize;

use crate::document::Document;
use crate::model::{Edge, NodeKind, Resolution};
use crate::syntax::node_text::OutcomeTarget;
use crate::syntax::outline::{GlyphKind, GlyphStyle};
use crate::syntax::sections::RefKind;

use super::diagram::{answer_label, node_id};

/// The version of the JSON export; see `schema.json`.
pub const VERSION: u32 = 1;

/// A place in the document.
#[derive(Debug, Serialize)]
pub struct Span {
    /// Byte offsets; `end` exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based; columns count Unicode scalar values, `end_column` exclusive.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    fn of(doc: &Document, span: &std::ops::Range<usize>) -> Span {
        let a = doc.lines.line_col(&doc.text, span.start);
        let b = doc.lines.line_col(&doc.text, span.end);
        Span {
            start: span.start,
            end: span.end,
            line: a.line + 1,
            column: a.col + 1,
            end_line: b.line + 1,
            end_column: b.col + 1,
        }
    }
}

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    title: Option<&'a str>,
    metadata: Vec<Metadata<'a>>,
    blocks: Vec<Block<'a>>,
    roots: Vec<String>,
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut>,
    sections: SectionsOut<'a>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    key: &'a str,
    value: &'a str,
    span: Span,
}

#[derive(Serialize)]
struct Block<'a> {
    span: Span,
    fenced: bool,
    heading: Option<&'a str>,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: String,
    kind: &'static str,
    text: &'a str,
    label: &'a str,
    span: Span,
    line: Span,
    block: usize,
    parent: Option<String>,
    depth: usize,
    implicit: bool,
    check: Option<Check<'a>>,
    outcome: Option<OutcomeOut<'a>>,
    notes: Vec<Note<'a>>,
    glyph: Option<GlyphOut>,
}

#[derive(Serialize)]
struct Check<'a> {
    id: &'a str,
    span: Span,
}

#[derive(Serialize)]
struct OutcomeOut<'a> {
    kind: &'static str,
    text: &'a str,
    span: Span,
    marker: Option<&'a str>,
    meaning: Option<&'static str>,
    /// Index into `sections.actions` of the action a terminal resolves to.
    action: Option<usize>,
    check: Option<&'a str>,
    file: Option<&'a str>,
    fragment: Option<&'a str>,
}

#[derive(Serialize)]
struct Note<'a> {
    text: &'a str,
    span: Span,
}

#[derive(Serialize)]
struct GlyphOut {
    kind: &'static str,
    style: &'static str,
    column: usize,
    span: Span,
}

#[derive(Serialize)]
struct EdgeOut {
    from: String,
    to: String,
    kind: &'static str,
    label: Option<String>,
}

#[derive(Serialize)]
struct SectionsOut<'a> {
    details: Vec<Details<'a>>,
    actions: Vec<Action<'a>>,
    cross_references: Vec<CrossRef<'a>>,
}

#[derive(Serialize)]
struct Details<'a> {
    check: &'a str,
    title: &'a str,
    span: Span,
    commands: Vec<Command<'a>>,
    has_text: bool,
}

#[derive(Serialize)]
struct Command<'a> {
    language: &'a str,
    code: &'a str,
    span: Span,
}

#[derive(Serialize)]
struct Action<'a> {
    marker: &'a str,
    meaning: &'static str,
    kind: &'a str,
    title: &'a str,
    anchor: std::borrow::Cow<'a, str>,
    span: Span,
    commands: Vec<Command<'a>>,
}

#[derive(Serialize)]
struct CrossRef<'a> {
    kind: &'static str,
    name: &'a str,
    target: &'a str,
    span: Span,
}

/// The model of `doc` as a JSON document (pretty-printed, ending in a newline).
pub fn render(doc: &Document) -> String {
    let mut out = serde_json::to_string_pretty(&export(doc)).expect("the export serializes");
    out.push('\n');
    out
}

fn export<'a>(doc: &'a Document) -> Export<'a> {
    let text = doc.text.as_str();
    let model = &doc.model;
    let slice = |s: &std::ops::Range<usize>| &text[s.clone()];
    let span = |s: &std::ops::Range<usize>| Span::of(doc, s);
    let mut depth = vec![0usize; model.graph.node_count()];
    let nodes = model
        .nodes()
        .map(|(i, node)| {
            if let Some(p) = node.parent {
                depth[i.index()] = depth[p.index()] + 1;
            }
            let outcome = node.outcome.as_ref().map(|o| {
                let mut out = OutcomeOut {
                    kind: "text",
                    text: slice(&o.span),
                    span: span(&o.span),
                    marker: None,
                    meaning: None,
                    action: None,
                    check: None,
                    file: None,
                    fragment: None,
                };
                match &o.target {
                    OutcomeTarget::Terminal { marker, .. } => {
                        out.kind = "terminal";
                        out.marker = Some(marker.symbol.as_str());
                        out.meaning = Some(marker.kind.as_str());
                        if let Some(Resolution::Action { index, .. }) = doc.terminals.get(&i) {
                            out.action = Some(*index);
                        }
                    }
                    OutcomeTarget::Check(label) => {
                        out.kind = "check";
                        out.check = Some(label.id.as_str());
                    }
                    OutcomeTarget::File { path, fragment } => {
                        out.kind = "file";
                        out.file = Some(path.as_str());
                        out.fragment = fragment.as_deref();
                    }
                    OutcomeTarget::Text => {}
                }
                out
            });
            NodeOut {
                id: node_id(i),
                kind: node.kind.as_str(),
                text: slice(&node.text),
                label: slice(&node.label),
                span: span(&node.text),
                line: span(&node.line),
                block: node.block,
                parent: node.parent.map(node_id),
                depth: depth[i.index()],
                implicit: node.implicit,
                check: node.check.as_ref().map(|c| Check { id: c.id.as_str(), span: span(&c.span) }),
                outcome,
                notes: node.notes.iter().map(|s| Note { text: slice(s), span: span(s) }).collect(),
                glyph: node.glyph.as_ref().map(|g| GlyphOut {
                    kind: if g.kind == GlyphKind::Middle { "middle" } else { "last" },
                    style: if g.style == GlyphStyle::Unicode { "unicode" } else { "ascii" },
                    column: g.column,
                    span: span(&g.span),
                }),
            }
        })
        .collect();
    let mut edges: Vec<EdgeOut> = model
        .graph
        .raw_edges()
        .iter()
        .map(|e| {
            let (from, to) = (e.source(), e.target());
            let child = model.node(to);
            let label = match e.weight {
                Edge::Child => model
                    .node(from)
                    .kind
                    .eq(&NodeKind::Question)
                    .then(|| slice(&child.label).to_string())
                    .filter(|l| !l.is_empty()),
                Edge::Jump => answer_label(doc, model.node(from)),
            };
            EdgeOut {
                from: node_id(from),
                to: node_id(to),
                kind: if e.weight == Edge::Child { "child" } else { "jump" },
                label,
            }
        })
        .collect();
    edges.sort_by_key(|e| (e.kind, id_index(&e.from), id_index(&e.to)));
    let md = &doc.markdown;
    let commands = |blocks: &'a [crate::markdown::CodeBlock]| -> Vec<Command<'a>> {
        blocks
            .iter()
            .map(|c| Command {
                language: c.info.split_whitespace().next().unwrap_or(""),
                code: slice(&c.content),
                span: span(&c.span),
            })
            .collect()
    };
    Export {
        version: VERSION,
        title: doc.title(),
        metadata: doc
            .sections
            .metadata
            .iter()
            .map(|m| Metadata { key: &m.key, value: &m.value, span: span(&m.span) })
            .collect(),
        blocks: doc
            .blocks
            .iter()
            .map(|b| Block {
                span: span(&b.content),
                fenced: b.fence.is_some(),
                heading: b.heading.map(|h| md.headings[h].text.as_str()),
            })
            .collect(),
        roots: model.roots.iter().map(|&r| node_id(r)).collect(),
        nodes,
        edges,
        sections: SectionsOut {
            details: doc
                .sections
                .details
                .iter()
                .map(|d| Details {
                    check: &d.id,
                    title: &d.title,
                    span: span(&d.heading),
                    commands: commands(&d.commands),
                    has_text: d.has_text,
                })
                .collect(),
            actions: doc
                .sections
                .actions
                .iter()
                .map(|a| Action {
                    marker: &a.marker.symbol,
                    meaning: a.marker.kind.as_str(),
                    kind: &a.kind,
                    title: &a.title,
                    anchor: a.anchor(),
                    span: span(&a.heading),
                    commands: commands(&a.code_blocks),
                })
                .collect(),
            cross_references: doc
                .sections
                .cross_refs
                .iter()
                .map(|r| CrossRef {
                    kind: match r.kind {
                        RefKind::TopicPacks => "topic-packs",
                        RefKind::Runbooks => "runbooks",
                        RefKind::RelatedTrees => "related-trees",
                    },
                    name: &r.name,
                    target: &r.target,
                    span: span(&r.span),
                })
                .collect(),
        },
    }
}

fn id_index(id: &str) -> usize {
    id[1..].parse().unwrap_or(usize::MAX)
}
