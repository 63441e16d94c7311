//! `treelint paths` and `treelint new` end to end.

use crate::cli_support::treelint;

/// The canonical example, as `tree.md` in an empty folder.
fn canonical_dir() -> tempfile::TempDir {
    crate::cli_support::canonical_dir_as("tree.md")
}

#[test]
fn paths_of_the_canonical_example() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["paths", "tree.md"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("tree.md: Something broke after a deployment — roll back or fix forward?\n"));
    assert!(text.contains("\n  1. ✅ ROLL BACK IMMEDIATELY  (4 steps)\n     [Check 1] Is the service completely down or are users actively impacted?\n       → YES (production down, revenue impact, error rate > 50%)\n"));
    assert!(
        text.ends_with("15 paths; longest: path 3 (8 steps); outcomes: 9 action, 2 warning, 4 unmarked\n"),
        "{text}"
    );
}

#[test]
fn paths_as_json() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["paths", "tree.md", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["count"], 15);
    assert_eq!(json["truncated"], false);
    let paths = json["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 15);
    let longest = json["longest"].as_u64().unwrap() as usize;
    assert_eq!(paths[longest]["length"], 8);
    assert!(paths.iter().all(|p| p["steps"][0]["via"] == "start"));
    let unmarked = paths.iter().filter(|p| p["outcome"]["kind"] == "unmarked").count();
    assert_eq!(unmarked, 4);
    let limited = treelint(dir.path(), &["paths", "tree.md", "--format", "json", "--max-paths", "3"]);
    let json: serde_json::Value = serde_json::from_slice(&limited.stdout).unwrap();
    assert_eq!((json["count"].as_u64(), json["truncated"].as_bool()), (Some(3), Some(true)));
}

#[test]
fn new_scaffolds_a_tree_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["new", "disk.md", "--title", "Disk filling up"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(dir.path().join("disk.md")).unwrap();
    assert!(text.starts_with("# Decision Tree: Disk filling up\n"));
    let check = treelint(dir.path(), &["check", "disk.md", "--format", "json"]);
    assert_eq!(check.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{json}");
    assert_eq!(treelint(dir.path(), &["fmt", "--check", "disk.md"]).status.code(), Some(0));

    std::fs::write(dir.path().join("disk.md"), "mine").unwrap();
    let out = treelint(dir.path(), &["new", "disk.md", "--title", "Other"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists (use --force to replace it)"));
    assert_eq!(std::fs::read_to_string(dir.path().join("disk.md")).unwrap(), "mine");
    let out = treelint(dir.path(), &["new", "disk.md", "--title", "Other", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.path().join("disk.md")).unwrap().starts_with("# Decision Tree: Other\n"));
}
