//! treelint's core: decision-tree Markdown in, findings out. No terminal or editor I/O.
//!
//! The pipeline, one module each:
//! [`markdown`] (pulldown-cmark pass, spans) → [`syntax`] (outline lines, node texts,
//! sections) → [`model`] (petgraph graph, terminal resolution) → [`workspace`] (links across
//! files) → [`rules`] (the catalogue) → [`suppressions`] → [`diagnostics`]. [`analysis`]
//! runs it for one file; renderers live in the CLI and the language server.

pub mod analysis;
pub mod config;
pub mod diagnostics;
pub mod document;
pub mod export;
pub mod fix;
pub mod format;
pub mod line_index;
pub mod markdown;
pub mod model;
pub mod paths;
mod readback;
pub mod rules;
pub mod scaffold;
pub mod suppressions;
pub mod syntax;
pub mod walk;
pub mod workspace;

pub use analysis::{Analysis, analyze};
pub use config::Config;
pub use diagnostics::{Diagnostic, Severity};
pub use document::Document;
pub use rules::Rule;
pub use workspace::{FileSystem, RealFs, Workspace};
