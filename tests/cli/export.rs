//! `treelint export` end to end: the three formats, `--output`, `--schema`, errors.

use crate::cli_support::treelint;

/// The canonical example, as `tree.md` in an empty folder.
fn canonical_dir() -> tempfile::TempDir {
    crate::cli_support::canonical_dir_as("tree.md")
}

#[test]
fn mermaid_goes_to_stdout_by_default() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["export", "tree.md"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("---\ntitle: \"Decision Tree: Roll Back or Fix Forward?\"\n---\nflowchart TD\n"));
    assert!(
        text.contains("    n1{\"[Check 1] Is the service completely down or are users actively impacted?\"}\n"),
        "{text}"
    );
}

#[test]
fn dot_and_json_go_to_the_output_file() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["export", "tree.md", "--format", "dot", "--output", "tree.dot"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(dir.path().join("tree.dot")).unwrap().starts_with("digraph "));
    let out = treelint(dir.path(), &["export", "tree.md", "-f", "json", "-o", "tree.json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("tree.json")).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["nodes"][0]["kind"], "root");
}

#[test]
fn schema_is_printed_without_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["export", "--schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["properties"]["version"]["const"], 1);
}

#[test]
fn a_missing_file_exits_2_and_a_file_without_tree_warns() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["export", "nope.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.md"));
    std::fs::write(dir.path().join("plain.md"), "# Just notes\n").unwrap();
    let out = treelint(dir.path(), &["export", "plain.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no tree block"));
}
