//! Renderers: findings from the core turned into what a terminal or a program reads.
//! Positions become lines and columns here, and document text is sanitised here.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use treelint_core::config::DEFAULT_DOCS_URL;
use treelint_core::line_index::LineCol;
use treelint_core::{Analysis, Diagnostic, Rule};

/// The outcome of checking one file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    pub analysis: Option<Analysis>,
    /// Why the file could not be checked.
    pub error: Option<String>,
    /// The base of rule documentation URLs in this file's workspace (`docs-url`).
    pub docs_url: String,
}

impl FileReport {
    pub fn analysed(path: String, analysis: Analysis) -> Self {
        FileReport { path, analysis: Some(analysis), error: None, docs_url: DEFAULT_DOCS_URL.into() }
    }

    pub fn failed(path: String, error: String) -> Self {
        FileReport { path, analysis: None, error: Some(error), docs_url: DEFAULT_DOCS_URL.into() }
    }

    /// The same report, linking rules under `docs_url`.
    pub fn with_docs_url(mut self, docs_url: &str) -> Self {
        self.docs_url = docs_url.to_string();
        self
    }

    /// The documentation page of `rule` for this file.
    pub fn url(&self, rule: Rule) -> String {
        rule.url(&self.docs_url)
    }

    /// Where a finding starts and ends (0-based lines; columns in characters and UTF-16).
    pub fn range(&self, d: &Diagnostic) -> (LineCol, LineCol) {
        let Some(a) = &self.analysis else {
            let zero = LineCol { line: 0, col: 0, col_utf16: 0 };
            return (zero, zero);
        };
        let doc = &a.document;
        (doc.lines.line_col(&doc.text, d.span.start), doc.lines.line_col(&doc.text, d.span.end))
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.analysis.as_ref().map_or(&[], |a| &a.diagnostics)
    }
}

/// A shown path as CI services match it against the repository: without a leading `./`.
pub fn repo_relative(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p
}

/// Replaces control characters (and bidirectional overrides) with `?` per byte, so that
/// document text can never drive the terminal and byte offsets stay valid. Line breaks and
/// tabs stay; a lone `\r` becomes `\n` so lines are drawn as numbered.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            '\r' => out.push('\n'),
            c if c.is_control() || is_bidi_control(c) => out.extend(std::iter::repeat_n('?', c.len_utf8())),
            c => out.push(c),
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Sanitises a one-line message: also turns line breaks into spaces.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace(['\n', '\r', '\t'], " ")
}
