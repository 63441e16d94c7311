//! Parsing, the rules and the formatter are total: any text gives a model and findings
//! whose spans (and fix edits) are valid ranges of that text, and never a panic. Two kinds
//! of input: arbitrary strings biased towards the tree syntax, and random edits of the
//! canonical example (lines deleted, duplicated, re-indented, glyphs swapped, line endings
//! changed), which keep a document close to a real one so that the deep paths are reached.
//!
//! Case counts stay moderate so CI stays fast; the fuzz target (`fuzz/`) runs the same
//! pipeline for as long as one likes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use treelint_core::format::format_document;
use treelint_core::{Config, FileSystem, Workspace, analyze};

/// `other.md` exists (with Check 1), nothing else does.
struct OneFile;

impl FileSystem for OneFile {
    fn is_file(&self, path: &Path) -> bool {
        path.ends_with("other.md")
    }
    fn read_to_string(&self, path: &Path) -> Option<String> {
        self.is_file(path)
            .then(|| "```tree\nO?\n└── [Check 1] A?\n    ├── Y → ✅ A\n    └── N → ✅ B\n```\n".to_string())
    }
}

fn workspace() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| Workspace::new(PathBuf::from("/ws"), Config::default(), Arc::new(OneFile)))
}

fn canonical() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rollback-or-fix-forward.md");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

/// The whole pipeline on `text`, with the invariants every result must hold.
fn holds(text: &str) -> Result<(), TestCaseError> {
    let ws = workspace();
    let a = analyze(Path::new("/ws/tree.md"), text, ws);
    let t = &a.document.text;
    let valid = |s: &std::ops::Range<usize>| {
        s.start <= s.end && s.end <= t.len() && t.is_char_boundary(s.start) && t.is_char_boundary(s.end)
    };
    for d in &a.diagnostics {
        prop_assert!(valid(&d.span), "finding span {:?} of {}", d.span, d.rule);
        let _ = a.document.lines.line_col(t, d.span.start);
        for r in &d.related {
            prop_assert!(r.path.is_some() || valid(&r.span), "related span {:?}", r.span);
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            prop_assert!(valid(&e.span), "fix edit {:?} of {}", e.span, d.rule);
        }
    }
    let formatted = format_document(text, &ws.config);
    let again = format_document(&formatted.text, &ws.config);
    prop_assert_eq!(&again.text, &formatted.text, "formatting is idempotent");
    Ok(())
}

/// Pieces of the syntax, so that random strings often look like trees.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("├── ".to_string()),
        Just("└── ".to_string()),
        Just("│   ".to_string()),
        Just("|-- ".to_string()),
        Just("`-- ".to_string()),
        Just("+-- ".to_string()),
        Just("\\-- ".to_string()),
        Just("┣━ ".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("[Check 1] ".to_string()),
        Just("[Check 2b] ".to_string()),
        Just("[check x]".to_string()),
        Just("? ".to_string()),
        Just("(a (b) c) ".to_string()),
        Just(" → ".to_string()),
        Just(" -> ".to_string()),
        Just(" ──────→ ".to_string()),
        Just("✅ ".to_string()),
        Just("⚠️ ".to_string()),
        Just("go to [Check 1]".to_string()),
        Just("other.md#check-1".to_string()),
        Just("missing.md".to_string()),
        Just("#roll-back".to_string()),
        Just("```tree\n".to_string()),
        Just("```\n".to_string()),
        Just("~~~\n".to_string()),
        Just("# Decision Tree: T\n".to_string()),
        Just("## The Tree\n".to_string()),
        Just("## Node Details\n### Check 1: A\n".to_string()),
        Just("## Terminal Actions\n### ✅ Action: Roll Back {#roll-back}\n".to_string()),
        Just("## Cross-References\n- **Runbooks:** a.md, [B](b.md)\n- **Related trees:** other.md\n".to_string()),
        Just("**Category:** x\n".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("<!-- treelint-disable-next-line -->\n".to_string()),
        Just("<!-- treelint-disable-node \"A\" unmarked-leaf -->\n".to_string()),
        Just("<!-- treelint-enable -->".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{200b}".to_string()),
        Just("e\u{301}".to_string()),
        Just("\0".to_string()),
        "[a-zA-Z0-9 ?]{0,12}",
        any::<String>(),
    ]
}

/// A line of the canonical example changed the way authors (and bad merges) change lines.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    /// Adds (or with a negative count removes) leading characters.
    Reindent(usize, i8, char),
    /// Replaces the `n`th occurrence of a glyph on the line with another.
    SwapGlyph(usize, usize, &'static str),
    /// Ends the line with `\r\n` or `\r` instead of `\n`.
    LineEnding(usize, &'static str),
    Insert(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let glyph = prop_oneof![
        Just("├──"),
        Just("└──"),
        Just("│"),
        Just(" "),
        Just("|--"),
        Just("`--"),
        Just("├"),
        Just(""),
        Just("→"),
        Just("✅"),
        Just("⚠️")
    ];
    let line = 0..260usize;
    prop_oneof![
        line.clone().prop_map(Edit::Delete),
        line.clone().prop_map(Edit::Duplicate),
        (line.clone(), -8i8..8, prop_oneof![Just(' '), Just('│'), Just('\t'), Just('|')])
            .prop_map(|(l, n, c)| Edit::Reindent(l, n, c)),
        (line.clone(), 0..4usize, glyph).prop_map(|(l, n, g)| Edit::SwapGlyph(l, n, g)),
        (line.clone(), prop_oneof![Just("\r\n"), Just("\r")]).prop_map(|(l, e)| Edit::LineEnding(l, e)),
        (line, fragment()).prop_map(|(l, s)| Edit::Insert(l, s)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(|l| format!("{l}\n")).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let at = |l: usize| l % lines.len();
        match e {
            Edit::Delete(l) => {
                let i = at(*l);
                lines.remove(i);
            }
            Edit::Duplicate(l) => {
                let i = at(*l);
                lines.insert(i, lines[i].clone());
            }
            Edit::Reindent(l, n, c) => {
                let i = at(*l);
                if *n >= 0 {
                    lines[i] = format!("{}{}", c.to_string().repeat(*n as usize), lines[i]);
                } else {
                    let skip =
                        lines[i].char_indices().nth(n.unsigned_abs() as usize).map_or(lines[i].len(), |(b, _)| b);
                    lines[i] = lines[i][skip..].to_string();
                }
            }
            Edit::SwapGlyph(l, n, with) => {
                let i = at(*l);
                let found: Vec<(usize, usize)> =
                    lines[i].match_indices(['├', '└', '│', '→', '✅']).map(|(b, g)| (b, g.len())).collect();
                if let Some(&(b, len)) = found.get(n % found.len().max(1)) {
                    lines[i].replace_range(b..b + len, with);
                }
            }
            Edit::LineEnding(l, ending) => {
                let i = at(*l);
                let body = lines[i].trim_end_matches('\n').to_string();
                lines[i] = format!("{body}{ending}");
            }
            Edit::Insert(l, s) => {
                let i = at(*l);
                lines.insert(i, s.clone());
            }
        }
    }
    lines.concat()
}

proptest! {
    // 256 cases each in CI; `PROPTEST_CASES=20000` for a longer hunt.
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        holds(&s)?;
    }

    #[test]
    fn tree_like_strings_never_panic(parts in prop::collection::vec(fragment(), 0..60)) {
        holds(&parts.concat())?;
    }

    #[test]
    fn edits_of_the_canonical_example_never_panic(edits in prop::collection::vec(edit(), 1..12)) {
        holds(&apply(canonical(), &edits))?;
    }
}

#[test]
fn the_unedited_canonical_example_holds() {
    holds(canonical()).unwrap();
    assert_eq!(apply(canonical(), &[]), format!("{}\n", canonical()), "apply without edits only adds a final newline");
}

/// Found by `tree_like_strings_never_panic`: a branch in an indented code block was read as
/// both that block and an unfenced run (the block's span starts after the indentation, the
/// line before it), and the formatter's two overlapping edits panicked.
#[test]
fn regression_branch_in_an_indented_code_block_is_one_block() {
    let text = "**Category:** x\n\n    ┣━ [Check 1] ";
    holds(text).unwrap();
    // Read as a tree document: in ordinary Markdown a lone branch is no decision, no block.
    let kind = Some(treelint_core::document::DocumentKind::TreeDocument);
    let doc = treelint_core::Document::parse_as(text, &Config::default(), kind);
    assert_eq!(doc.blocks.len(), 1, "{:?}", doc.blocks);
}
