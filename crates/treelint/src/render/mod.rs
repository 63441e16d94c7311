//! Renderers: findings from the core turned into what a terminal or a program reads.
//! Positions become lines and columns here, and document text is sanitised here.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use treelint_core::config::DEFAULT_DOCS_URL;
use treelint_core::diagnostics::Applicability;
use treelint_core::line_index::LineCol;
use treelint_core::{Analysis, Diagnostic, Rule, Severity};

/// Where a finding and each of its related places (in the same document) start and end.
#[derive(Debug, Clone)]
pub struct Positions {
    pub start: LineCol,
    pub end: LineCol,
    pub related: Vec<(LineCol, LineCol)>,
}

/// How many findings of each severity a file has, and how many of them a fix can mend: what
/// the summary line, the fix hint and the exit status need, whatever the format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Indexed by `Severity as usize` (hint, info, warning, error).
    pub by_severity: [usize; 4],
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Tally {
    fn of(diagnostics: &[Diagnostic]) -> Tally {
        let mut tally = Tally::default();
        for d in diagnostics {
            tally.by_severity[d.severity as usize] += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => tally.safe_fixes += 1,
                Some(Applicability::Unsafe) => tally.unsafe_fixes += 1,
                None => {}
            }
        }
        tally
    }

    /// Whether some finding is at `threshold` or above.
    pub fn any_at_least(&self, threshold: Severity) -> bool {
        self.by_severity[threshold as usize..].iter().any(|&n| n > 0)
    }
}

/// How a file's findings are kept once it is analysed: drawn there and then (in the
/// parallel job, while the document is at hand) for the formats that are written file by
/// file, or kept whole for those that need every file first (SARIF, JUnit, statistics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    Human(human::Style),
    Json,
    Concise,
    Github,
    /// The findings and their positions are kept.
    Keep,
}

/// The outcome of checking one file.
///
/// Invariant: it holds no document. Positions (or, for the formats written file by file,
/// the rendered text) are computed in the parallel job while the document is at hand, and
/// the document is dropped there, so memory does not grow with the size of the tree library.
/// Rendered, the findings themselves are dropped there too: only their [`Tally`] is kept.
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
    /// Empty when the findings were rendered ([`FileReport::rendered`]).
    diagnostics: Vec<Diagnostic>,
    /// Parallel to `diagnostics`.
    positions: Vec<Positions>,
    pub tally: Tally,
    /// The findings in the output format, when it is written file by file (for JSON: the
    /// entries of the `diagnostics` array, comma-separated).
    pub rendered: Option<String>,
}

impl FileReport {
    /// A file that was analysed, its findings rendered or kept as `render` says.
    pub fn analysed(path: String, analysis: Analysis, docs_url: &str, render: Render) -> Self {
        let tally = Tally::of(&analysis.diagnostics);
        let is_tree = analysis.document.is_tree();
        let mut report = FileReport {
            is_tree,
            path,
            error: None,
            docs_url: docs_url.to_string(),
            analysed: true,
            diagnostics: Vec::new(),
            positions: Vec::new(),
            tally,
            rendered: None,
        };
        if let Render::Human(style) = render {
            // Drawn now; the summary needs only the tally, so ten thousand files' findings
            // are not kept until the end.
            report.rendered = Some(human::render_file(&report.path, &analysis, docs_url, style));
            return report;
        }
        let doc = &analysis.document;
        let at = |offset: usize| doc.lines.line_col(&doc.text, offset);
        report.positions = analysis
            .diagnostics
            .iter()
            .map(|d| Positions {
                start: at(d.span.start),
                end: at(d.span.end),
                related: d
                    .related
                    .iter()
                    .filter(|r| r.path.is_none())
                    .map(|r| (at(r.span.start), at(r.span.end)))
                    .collect(),
            })
            .collect();
        report.diagnostics = analysis.diagnostics;
        let rendered = match render {
            Render::Json => json::entries(&report),
            Render::Concise => concise::render(std::slice::from_ref(&report)),
            Render::Github => github::render(std::slice::from_ref(&report)),
            Render::Human(_) | Render::Keep => return report,
        };
        report.rendered = Some(rendered);
        report.diagnostics = Vec::new();
        report.positions = Vec::new();
        report
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
            tally: Tally::default(),
            rendered: None,
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

    /// The findings, when they were kept ([`Render::Keep`]).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// `1 file`, `2 files`: a count with its noun, singular or plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
/// tabs stay; a lone `\r` becomes `\n` so lines are drawn as numbered. Clean text (nearly
/// all of it) is borrowed, not copied.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if is_clean(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // Runs of bytes that stay are copied whole, and a character is decoded only where a
    // control could start (every C1 and bidi control starts with C2, D8 or E2).
    let mut kept_from = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let width = match b {
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let replacement = match b {
            b'\n' | b'\t' | 0x20..=0x7E => None,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => None,
            b'\r' => Some("\n"),
            0x00..=0x1F | 0x7F => Some("?"),
            0xC2 | 0xD8 | 0xE2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => text[i..]
                .chars()
                .next()
                .filter(|&c| c.is_control() || is_bidi_control(c))
                // A two-byte control (U+0080–U+009F, U+061C) or a three-byte bidi control
                // becomes that many `?`, so byte offsets stay valid.
                .map(|c| &"???"[..c.len_utf8()]),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&text[kept_from..i]);
            out.push_str(replacement);
            kept_from = i + width;
        }
        i += width;
    }
    out.push_str(&text[kept_from..]);
    Cow::Owned(out)
}

/// Whether `bytes` hold nothing [`sanitize`] would replace: no C0 control but `\n` and `\t`
/// (so no `\r` either: CRLF text takes the careful path), no DEL, no C1 control
/// (C2 80–9F), no ALM (D8 9C), no bidi control (E2 80 8E/8F/AA–AE, E2 81 A6–A9).
///
/// This looks at every byte of every file with findings, so it is made of vectorised
/// passes: a block-wise test for single-byte controls (no early exit inside a block, so the
/// compiler vectorises it), then memchr searches for the rare lead bytes of the others.
fn is_clean(bytes: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let single_byte_clean = bytes
        .chunks(BLOCK)
        .all(|block| !block.iter().fold(false, |bad, &b| bad | ((b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7F))));
    if !single_byte_clean {
        return false;
    }
    let is_control_at = |i: usize| match (bytes.get(i + 1), bytes.get(i + 2)) {
        (Some(0x80..=0x9F), _) if bytes[i] == 0xC2 => true,
        (Some(0x9C), _) if bytes[i] == 0xD8 => true,
        (Some(0x80), Some(0x8E | 0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9)) => bytes[i] == 0xE2,
        _ => false,
    };
    // E2 leads every box-drawing character, so its controls are searched by their first two
    // bytes (E2 80 is rare: dashes, quotes; E2 81 rarer). The searchers are built once:
    // building one costs more than searching a message or a few lines.
    static E2_80: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"\xE2\x80"));
    static E2_81: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"\xE2\x81"));
    memchr::memchr2_iter(0xC2, 0xD8, bytes).all(|i| !is_control_at(i))
        && E2_80.find_iter(bytes).all(|i| !is_control_at(i))
        && E2_81.find_iter(bytes).all(|i| !is_control_at(i))
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Sanitises a one-line message: also turns line breaks into spaces.
pub fn sanitize_line(text: &str) -> String {
    let clean = sanitize(text);
    // Nearly every message is one line without tabs: copied, not searched char by char.
    if memchr::memchr3(b'\n', b'\r', b'\t', clean.as_bytes()).is_none() {
        return clean.into_owned();
    }
    clean.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::sanitize;

    #[test]
    fn controls_become_one_question_mark_per_byte() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a?[31mb");
        assert_eq!(sanitize("x\u{85}y\u{202E}z\u{61C}"), "x??y???z??");
        assert_eq!(sanitize("one\rtwo\r\nthree\n\tfour"), "one\ntwo\r\nthree\n\tfour");
        assert_eq!(sanitize("├── ✅ ROLL BACK — “now” • …"), "├── ✅ ROLL BACK — “now” • …");
        assert!(matches!(sanitize("├── ✅ clean"), std::borrow::Cow::Borrowed(_)));
        // At the very start, where the clean test has no bytes before it.
        assert_eq!(sanitize("\u{85}"), "??");
        assert_eq!(sanitize("\u{202E}x"), "???x");
        assert_eq!(sanitize("\u{7f}"), "?");
    }

    proptest! {
        /// Offsets into the original text stay valid in the sanitised one, and nothing
        /// that could drive a terminal is left.
        #[test]
        fn sanitized_text_keeps_offsets_and_has_no_controls(text in "(\\PC|\\p{Cc}|\u{202E}|\u{2066}|\u{200F}|\u{61C}|\r|\n)*") {
            let clean = sanitize(&text);
            prop_assert_eq!(clean.len(), text.len());
            let mut chars = clean.chars().peekable();
            while let Some(c) = chars.next() {
                let allowed = matches!(c, '\n' | '\t') || (c == '\r' && chars.peek() == Some(&'\n'));
                prop_assert!(allowed || !(c.is_control() || super::is_bidi_control(c)), "{:?} left in {:?}", c, clean);
            }
            for (i, c) in text.char_indices() {
                if !c.is_control() && !super::is_bidi_control(c) {
                    prop_assert_eq!(&clean[i..i + c.len_utf8()], &text[i..i + c.len_utf8()]);
                }
            }
        }
    }
}
