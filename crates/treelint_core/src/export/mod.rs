//! Exports of one document's model: Mermaid and Graphviz DOT diagrams (through the shared
//! [`diagram`] projection, so both show the same boxes and arrows) and the whole model as
//! versioned JSON described by [`SCHEMA`].
//!
//! Invariant: pure functions of a [`Document`]; no I/O. Output is deterministic (document
//! order, ids `n<node index>`).

pub mod diagram;
pub mod dot;
pub mod json;
pub mod mermaid;

use crate::document::Document;

/// The JSON Schema of the JSON export (version [`json::VERSION`]).
pub const SCHEMA: &str = include_str!("schema.json");

/// A format `treelint export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Mermaid,
    Dot,
    Json,
}

/// Bidirectional overrides and isolates: invisible, and able to reorder what a terminal or
/// a viewer shows, so the diagram formats write them as character references.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Exports `doc` in `format`.
pub fn export(doc: &Document, format: Format) -> String {
    match format {
        Format::Mermaid => mermaid::render(&diagram::build(doc)),
        Format::Dot => dot::render(&diagram::build(doc)),
        Format::Json => json::render(doc),
    }
}

/// Exports one tree of `doc`, the one whose root is `root`. The JSON export is the whole
/// model (its `roots` name every tree), so it is the same as [`export`].
pub fn export_tree(doc: &Document, root: petgraph::graph::NodeIndex, format: Format) -> String {
    match format {
        Format::Mermaid => mermaid::render(&diagram::build_tree(doc, root)),
        Format::Dot => dot::render(&diagram::build_tree(doc, root)),
        Format::Json => json::render(doc),
    }
}
