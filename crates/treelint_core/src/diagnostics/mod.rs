//! Findings as the core produces them: byte spans into one document, a rule, a severity,
//! and optionally related places and a fix. Conversion to lines and columns happens at the
//! edges (see [`crate::line_index`]); nothing here knows about terminals or editors.

use std::ops::Range;
use std::path::PathBuf;

use crate::rules::Rule;
use crate::syntax::outline::GlyphKind;

mod severity;
pub use severity::Severity;

/// A byte range into a document's text.
pub type Span = Range<usize>;

/// One finding of one rule in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    /// Where the finding is, in the document that was analysed.
    pub span: Span,
    /// A short label shown under the span in rich output.
    pub label: Option<String>,
    /// How to fix it, in words.
    pub help: Option<String>,
    /// Other places that explain the finding (the first occurrence of a duplicate…).
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity; the configuration may change it later.
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            span,
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// A second place that belongs to a finding. `path` is `None` for the same document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub path: Option<PathBuf>,
    pub span: Span,
    pub message: String,
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// Only the drawing changes; the meaning of the tree does not.
    Safe,
    /// Adds or renames content: correct in shape, but a person must fill it in or confirm it.
    Unsafe,
}

/// A set of non-overlapping edits to the analysed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
    /// What the fix means to change in how the document reads: it is applied only if the
    /// document then reads back as before with exactly this change (see `crate::fix`).
    pub intent: Intent,
}

/// The change a fix declares (FORMAT.md §4, fix safety). The fixer reads the document back
/// after the fix and skips it unless the trees and sections read as before, changed only so.
/// Spans and offsets refer to the document the fix was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Nothing a reader takes from the document changes (an unused suppression removed).
    Nothing,
    /// The branch whose glyph starts at byte `glyph` gets a `kind` glyph; only the drawing of
    /// its block changes (bars below it follow), in a block the formatter can redraw.
    Glyph { glyph: usize, kind: GlyphKind },
    /// Block `block` (an index into the document's tree blocks) is redrawn: afterwards it
    /// reads as the formatter reads it now.
    Redraw { block: usize },
    /// One Node Details section is added, for check `id` of the outline, which has none.
    AddDetails { id: String },
    /// One Terminal Actions section is added.
    AddAction,
    /// Check IDs are renamed, `(old, new)`: in labels, jumps and details headings alike.
    Renumber { renames: Vec<(String, String)> },
}

/// Replace `span` of the document with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}
