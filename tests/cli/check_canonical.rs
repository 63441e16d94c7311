//! `treelint check` end to end on the canonical example, the collapsed seed and the tree
//! library: the findings FORMAT.md §4 expects, on the right lines, with the right exit status.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli_support::{canonical_dir, fixtures, treelint};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn canonical_example_gives_exactly_the_expected_findings() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "an error-level finding exits 1");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut by_rule: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for d in json["diagnostics"].as_array().unwrap() {
        by_rule.entry(d["rule"].as_str().unwrap().to_string()).or_default().push(d["line"].as_u64().unwrap());
    }
    let expected: BTreeMap<String, Vec<u64>> = [
        ("missing-details", vec![25, 32, 43, 47]),
        ("unmarked-leaf", vec![27, 37, 40, 49]),
        ("unresolved-terminal", vec![26]),
        ("unlabeled-question", vec![35]),
        ("parallel-questions", vec![18, 29]),
        ("last-child-glyph", vec![13, 15, 22, 32, 35, 39]),
        ("broken-related-tree", vec![237, 237]),
        ("broken-runbook-link", vec![236, 236]),
    ]
    .into_iter()
    .map(|(r, l)| (r.to_string(), l))
    .collect();
    assert_eq!(by_rule, expected);
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 1, "trees": 1, "error": 2, "warning": 11, "info": 3, "hint": 6})
    );
    // A check finding starts at its `[Check ID]` label (FORMAT.md §5's example).
    let first = &json["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "missing-details").unwrap();
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64(), first["end_column"].as_u64()),
        (Some(25), Some(21), Some(30))
    );
}

#[test]
fn canonical_example_json_snapshot() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", "--format", "json"]);
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn canonical_example_human_snapshot() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", "rollback-or-fix-forward.md"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn collapsed_seed_gives_findings_without_crashing() {
    let seed = fixtures().join("seed-collapsed.txt");
    let out = treelint(&repo(), &["check", seed.to_str().unwrap(), "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"unfenced-tree"), "{rules:?}");
    assert_eq!(json["summary"]["trees"], 1);
}

#[test]
fn the_tree_library_checks_clean() {
    let out = treelint(&repo(), &["check", "trees/"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let json = treelint(&repo(), &["check", "trees/", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(json["summary"]["trees"].as_u64().unwrap() >= 6, "the library has at least six trees");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn an_unreadable_file_is_named_and_the_others_are_still_reported() {
    let dir = canonical_dir();
    // A tree (its outline reads through the bad bytes), so it is an error, not skipped.
    std::fs::write(dir.path().join("broken.md"), b"# Decision Tree: X\n\n```tree\nA?\n\xff\xfe\n\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80 YES -> \xe2\x9c\x85 STOP\n```\n").unwrap();
    let out = treelint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.md") && stderr.contains("not valid UTF-8 (line 5, column 1)"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "the canonical example is still checked");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 22);
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["check", "nope.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.md"));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Decision Tree: X\n\n```tree\nRoot?\n└── [Check 1] Evil \u{1b}]52;c;aGk=\u{7} question?\n    ├── YES → \u{1b}[2J wipe\n    └── NO → \u{202e}gnp.exe\n```\n";
    std::fs::write(dir.path().join("evil.md"), text).unwrap();
    for format in ["human", "json"] {
        let out = treelint(dir.path(), &["check", "evil.md", "--format", format]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{202e}'),
            "{format}: {stdout}"
        );
    }
}
