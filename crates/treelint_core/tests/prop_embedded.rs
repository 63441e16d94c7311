//! Documents in the styles of FORMAT.md §2b (trees embedded in ordinary Markdown, in any
//! language, indented, quoted, in list items, ASCII or box drawing) never make the analysis
//! panic, and what it reports stays inside the text: findings, fixes and the tree list.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use treelint_core::{Config, FileSystem, Workspace, analyze};

struct NoFiles;

impl FileSystem for NoFiles {
    fn is_file(&self, _: &Path) -> bool {
        false
    }
    fn read_to_string(&self, _: &Path) -> Option<String> {
        None
    }
}

/// One line of an embedded tree, built from the pieces authors use.
fn line() -> impl Strategy<Value = String> {
    let container = prop_oneof![Just(""), Just("> "), Just(">"), Just("   "), Just("  "), Just("\t"), Just("> > ")];
    let prefix =
        prop::collection::vec(prop_oneof![Just("│   "), Just("|   "), Just("    "), Just("│  "), Just("  ")], 0..4)
            .prop_map(|v| v.concat());
    let glyph = prop_oneof![
        Just("├── "),
        Just("└── "),
        Just("├─ "),
        Just("└─"),
        Just("|-- "),
        Just("`-- "),
        Just("+-- "),
        Just("\\-- "),
        Just(""),
        Just("v"),
        Just("↓ (Yes)"),
        Just("│")
    ];
    let label = prop_oneof![
        Just("Yes".to_string()),
        Just("**NO**".to_string()),
        Just("`No`".to_string()),
        Just("SÍ".to_string()),
        Just("是".to_string()),
        Just("いいえ".to_string()),
        Just("예:".to_string()),
        Just("YES:".to_string()),
        Just("1. CHECK: Is it up?".to_string()),
        Just("Is it up？".to_string()),
        Just("需要（强一致）".to_string()),
        Just("[Check 1]".to_string()),
        Just("".to_string()),
        "[a-z ]{0,8}".prop_map(|s| s),
    ];
    let arrow =
        prop_oneof![Just(""), Just(" → "), Just("）→"), Just(" -> "), Just(" --> "), Just(" => "), Just(" ─────→ ")];
    let outcome = prop_oneof![
        Just(""),
        Just("Use Fargate ✅"),
        Just("✅ Done"),
        Just("⚠️"),
        Just("go to [Check 1]"),
        Just("[Check 2] Is it?"),
        Just("other.md"),
        Just("Continue"),
        Just("Is the pod restarting?"),
    ];
    let ending = prop_oneof![Just("\n"), Just("\r\n"), Just("  \n"), Just("")];
    (container, prefix, glyph, label, arrow, outcome, ending)
        .prop_map(|(c, p, g, l, a, o, e)| format!("{c}{p}{g}{l}{a}{o}{e}"))
}

/// A document: some prose, headings and fences (with and without info strings) around lines.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => line(),
        1 => Just("```\n".to_string()),
        1 => Just("> ```\n".to_string()),
        1 => Just("   ```text\n".to_string()),
        1 => Just("```js\n".to_string()),
        1 => Just("## A heading?\n".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("- item\n".to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn embedded_style_documents_never_panic(text in document()) {
        let ws = Workspace::new(PathBuf::from("/ws"), Config::default(), Arc::new(NoFiles));
        let a = analyze(Path::new("/ws/README.md"), text.as_str(), &ws);
        let t = &a.document.text;
        let valid = |s: &std::ops::Range<usize>| {
            s.start <= s.end && s.end <= t.len() && t.is_char_boundary(s.start) && t.is_char_boundary(s.end)
        };
        for d in &a.diagnostics {
            prop_assert!(valid(&d.span), "finding span {:?} of {}", d.span, d.rule);
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                prop_assert!(valid(&e.span), "fix edit {:?} of {}", e.span, d.rule);
            }
        }
        let trees = a.document.trees();
        for (i, tree) in trees.iter().enumerate() {
            prop_assert_eq!(tree.number, i + 1);
            prop_assert!(valid(&tree.span), "tree span {:?}", tree.span);
            let picked = a.document.select_tree(&tree.number.to_string());
            prop_assert_eq!(picked.map(|p| p.root), Some(tree.root));
        }
    }
}
