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

/// Where a finding and each of its related places (in the same document) start and end.
#[derive(Debug, Clone)]
pub struct Positions {
    pub start: LineCol,
    pub end: LineCol,
    pub related: Vec<(LineCol, LineCol)>,
}

/// The outcome of checking one file, kept until every file is done.
///
/// Invariant: it holds no document. Positions (and, for the human format, the rendered
/// snippets) are computed in the parallel job while the document is at hand, and the
/// document is dropped there, so memory does not grow with the size of the tree library.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    /// Why the file could not be checked.
    pub error: Option<String>,
    /// The base of rule documentation URLs in this file's workspace (`docs-url`).
    pub docs_url: String,
    /// Whether the file was read and analysed.
    pub analysed: bool,
    pub is_tree: bool,
    diagnostics: Vec<Diagnostic>,
    /// Parallel to `diagnostics`.
    positions: Vec<Positions>,
    /// The human rendering of the findings, when that is the output format.
    pub human: Option<String>,
}

impl FileReport {
    /// A file that was analysed; `human` renders its findings for a terminal (`Some(color)`).
    pub fn analysed(path: String, analysis: Analysis, docs_url: &str, human: Option<bool>) -> Self {
        let doc = &analysis.document;
        let at = |offset: usize| doc.lines.line_col(&doc.text, offset);
        let positions = analysis
            .diagnostics
            .iter()
            .map(|d| Positions {
                start: at(d.span.start),
                end: at(d.span.end),
                related: d.related.iter().filter(|r| r.path.is_none()).map(|r| (at(r.span.start), at(r.span.end))).collect(),
            })
            .collect();
        let human = human.map(|color| human::render_file(&path, &analysis, docs_url, color));
        FileReport {
            is_tree: doc.is_tree(),
            path,
            error: None,
            docs_url: docs_url.to_string(),
            analysed: true,
            positions,
            human,
            diagnostics: analysis.diagnostics,
        }
    }

    pub fn failed(path: String, error: String) -> Self {
        FileReport {
            path,
            error: Some(error),
            docs_url: DEFAULT_DOCS_URL.into(),
            analysed: false,
            is_tree: false,
            diagnostics: Vec::new(),
            positions: Vec::new(),
            human: None,
        }
    }

    /// The documentation page of `rule` for this file.
    pub fn url(&self, rule: Rule) -> String {
        rule.url(&self.docs_url)
    }

    /// Each finding with where it is.
    pub fn findings(&self) -> impl Iterator<Item = (&Diagnostic, &Positions)> {
        self.diagnostics.iter().zip(&self.positions)
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
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
