//! Properties of fixing: on any outline, fixing never panics, reaches a fixed point within
//! the pass bound, and a second run changes nothing (idempotence); edits never overlap.

use std::path::Path;
use std::sync::Arc;
use treelint_core::workspace::NoFiles;

use proptest::prelude::*;
use treelint_core::diagnostics::{Applicability, Edit, Fix, Intent};
use treelint_core::fix::{FixOptions, apply, fix_document};
use treelint_core::{Config, Workspace};

/// One outline line: depth, glyph, label, outcome.
fn line() -> impl Strategy<Value = String> {
    let glyph = prop::sample::select(vec!["├── ", "└── ", "|-- ", "`-- ", "├─ "]);
    let label = prop::sample::select(vec![
        "[Check 1] Up?",
        "[Check 3] Slow?",
        "[Check 2] Cold?",
        "Is it?",
        "YES",
        "NO",
        "maybe",
        "",
    ]);
    let outcome = prop::sample::select(vec![
        "",
        " → ✅ GO",
        " → ⚠️ STOP NOW",
        " → [Check 2]",
        " → [Check 9]",
        " → later",
        " → other.md",
    ]);
    (0usize..4, glyph, label, outcome, any::<bool>()).prop_map(|(depth, glyph, label, outcome, note)| {
        let prefix: String = (0..depth).map(|_| "│   ").collect();
        if note { format!("{prefix}│   a note") } else { format!("{prefix}{glyph}{label}{outcome}") }
    })
}

fn document() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 1..12), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(lines, crlf, details, comment)| {
            let mut doc = String::from("# Decision Tree: P\n\n");
            if comment {
                doc.push_str("<!-- treelint-disable-next-line cycle nope -->\n");
            }
            doc.push_str("```tree\nRoot?\n");
            doc.push_str(&lines.join("\n"));
            doc.push_str("\n```\n");
            if details {
                doc.push_str("\n## Node Details\n\n### Check 2: Cold\n\nFeel.\n");
            }
            if crlf { doc.replace('\n', "\r\n") } else { doc }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn fixing_converges_and_is_idempotent(doc in document(), unsafe_fixes in any::<bool>()) {
        let ws = Workspace::new("/ws".into(), Config::default(), Arc::new(NoFiles));
        let path = Path::new("/ws/t.md");
        let options = FixOptions { unsafe_fixes };
        let once = fix_document(path, &doc, &ws, options);
        prop_assert!(once.converged, "no fixed point within the bound:\n{}", once.text);
        let twice = fix_document(path, &once.text, &ws, options);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.total(), 0);
        if doc.contains("\r\n") {
            prop_assert_eq!(once.text.matches('\n').count(), once.text.matches("\r\n").count(), "line endings kept");
        }
    }

    #[test]
    fn apply_never_lets_edits_overlap(text in "[a-c\n]{0,24}", raw in prop::collection::vec((0usize..30, 0usize..6, "[xy]{0,2}"), 0..8)) {
        let fixes: Vec<Fix> = raw
            .iter()
            .map(|(start, len, insert)| Fix {
                title: String::new(),
                applicability: Applicability::Safe,
                edits: vec![Edit { span: *start..start + len, text: insert.clone() }],
                intent: Intent::Nothing,
            })
            .collect();
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (out, applied) = apply(&text, &refs);
        // Re-apply the chosen edits by hand, back to front: same result.
        let mut chosen: Vec<&Edit> = applied.iter().map(|&i| &fixes[i].edits[0]).collect();
        chosen.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
        for pair in chosen.windows(2) {
            let (later, earlier) = (&pair[0].span, &pair[1].span);
            prop_assert!(earlier.end <= later.start && earlier.start < later.start, "{:?} and {:?} overlap", earlier, later);
        }
        let mut expected = text.clone();
        for e in chosen {
            expected.replace_range(e.span.clone(), &e.text);
        }
        prop_assert_eq!(out, expected);
    }
}
