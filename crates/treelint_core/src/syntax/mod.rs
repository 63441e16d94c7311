//! The syntax layer: reads the parts of a document that the Markdown layer leaves as plain
//! text (tree outlines, node texts, section headings, cross-reference lists) into spanned
//! syntax. Parsing is total: every function here accepts any text and never panics.

pub mod blocks;
pub mod node_text;
pub mod outline;
pub mod sections;
