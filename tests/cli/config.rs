//! `treelint.toml`: discovery from the nearest ancestor, precedence (`--config`,
//! `--isolated`), every key's effect on `check`, and config errors as exit status 2.

use std::path::Path;

use crate::cli_support::{CANONICAL, canonical_dir, canonical_text, stderr, stdout, treelint};
use serde_json::Value;

fn json(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = treelint(dir, &all);
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

fn count(v: &Value, rule: &str) -> usize {
    v["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == rule).count()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn broken_related_tree_as_warning_lets_the_canonical_example_pass() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "[rules]\nbroken-related-tree = \"warning\"\n");
    let out = treelint(dir.path(), &["check", CANONICAL]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let (code, v) = json(dir.path(), &[CANONICAL]);
    assert_eq!(code, Some(0));
    assert_eq!(v["summary"]["error"], 0);
    assert_eq!(v["summary"]["warning"], 13);
}

#[test]
fn the_nearest_treelint_toml_wins() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "treelint.toml", "[rules]\nmissing-details = \"error\"\n");
    write(dir.path(), "top.md", &canonical_text());
    write(dir.path(), "team/treelint.toml", "[rules]\nmissing-details = \"off\"\n");
    write(dir.path(), "team/deep/nested.md", &canonical_text());
    let (_, v) = json(dir.path(), &["."]);
    let severities: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "missing-details")
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(severities.len(), 4, "only top.md reports missing-details: {severities:?}");
    assert!(severities.iter().all(|(p, s)| p.ends_with("top.md") && s == "error"), "{severities:?}");
    // The nearer file replaces the farther one; it does not merge with it.
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn the_workspace_root_is_where_treelint_toml_lives() {
    // Related trees resolve against the workspace root: with treelint.toml one level up,
    // `should-i-page.md` there is found from `team/`.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "treelint.toml", "");
    write(dir.path(), "should-i-page.md", "# Page\n");
    write(dir.path(), "config-change.md", "# Config\n");
    write(dir.path(), &format!("team/{CANONICAL}"), &canonical_text());
    let (_, v) = json(&dir.path().join("team"), &[CANONICAL]);
    assert_eq!(count(&v, "broken-related-tree"), 0, "{v}");
}

#[test]
fn config_flag_overrides_and_isolated_ignores() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "[rules]\nlast-child-glyph = \"off\"\n");
    write(dir.path(), "other.toml", "[rules]\nunmarked-leaf = \"off\"\n");
    let (_, discovered) = json(dir.path(), &[CANONICAL]);
    assert_eq!((count(&discovered, "last-child-glyph"), count(&discovered, "unmarked-leaf")), (0, 4));
    let (_, forced) = json(dir.path(), &[CANONICAL, "--config", "other.toml"]);
    assert_eq!((count(&forced, "last-child-glyph"), count(&forced, "unmarked-leaf")), (6, 0));
    let (_, isolated) = json(dir.path(), &[CANONICAL, "--isolated"]);
    assert_eq!((count(&isolated, "last-child-glyph"), count(&isolated, "unmarked-leaf")), (6, 4));
    let out = treelint(dir.path(), &["check", CANONICAL, "--isolated", "--config", "other.toml"]);
    assert_eq!(out.status.code(), Some(2), "the two flags contradict each other");
}

#[test]
fn a_bad_config_is_a_clear_error_with_exit_status_2() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "[rules]\nmissing-detail = \"error\"\n");
    let out = treelint(dir.path(), &["check", CANONICAL]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no half report");
    assert_eq!(
        stderr(&out).trim(),
        "error: treelint.toml:2:1: key `rules.missing-detail`: unknown rule `missing-detail` (did you mean `missing-details`?)"
    );
    write(dir.path(), "bad.toml", "sections = { detail = \"X\" }\n");
    let out = treelint(dir.path(), &["check", CANONICAL, "--config", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.toml:1:14: key `sections.detail`: unknown key `detail`"), "{}", stderr(&out));
    assert!(stderr(&out).contains("(did you mean `details`?)"), "{}", stderr(&out));
    let out = treelint(dir.path(), &["check", CANONICAL, "--config", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.toml: cannot read"), "{}", stderr(&out));
}

#[test]
fn include_and_exclude_globs_pick_the_files_found_in_folders() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "treelint.toml", "exclude = [\"drafts/**\", \"*.wip.md\"]\n");
    for name in ["a.md", "drafts/b.md", "c.wip.md", "sub/d.md"] {
        write(dir.path(), name, &canonical_text());
    }
    let paths = |v: &Value| {
        let mut p: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().trim_start_matches("./").to_string())
            .collect();
        p.dedup();
        p
    };
    let (_, v) = json(dir.path(), &["."]);
    assert_eq!(paths(&v), vec!["a.md", "sub/d.md"]);
    // A file named on the command line is checked anyway, unless --force-exclude.
    let (_, v) = json(dir.path(), &["drafts/b.md"]);
    assert_eq!(paths(&v), vec!["drafts/b.md"]);
    let (code, v) = json(dir.path(), &["drafts/b.md", "--force-exclude"]);
    assert_eq!((code, v["summary"]["files"].as_u64()), (Some(0), Some(0)));

    write(dir.path(), "treelint.toml", "include = [\"sub/**\", \"**/*.tree.txt\"]\n");
    write(dir.path(), "x.tree.txt", &canonical_text());
    let (_, v) = json(dir.path(), &["."]);
    assert_eq!(paths(&v), vec!["sub/d.md", "x.tree.txt"]);
}

#[test]
fn docs_url_sets_every_link() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "docs-url = \"https://docs.example.com/treelint/rules\"\n");
    let (_, v) = json(dir.path(), &[CANONICAL]);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["url"].as_str().unwrap().starts_with("https://docs.example.com/treelint/rules/"))
    );
    let out = stdout(&treelint(dir.path(), &["check", CANONICAL, "--format", "concise"]));
    assert!(out.contains("(https://docs.example.com/treelint/rules/missing-details)"), "{out}");
}

#[test]
fn runbook_dirs_and_sections_are_configurable() {
    let dir = canonical_dir();
    write(dir.path(), "ops/rollback-procedure.md", "# Rollback\n");
    write(dir.path(), "ops/hotfix-deploy.md", "# Hotfix\n");
    write(dir.path(), "treelint.toml", "runbook-dirs = [\"ops\"]\n\n[sections]\ndetails = \"Check Details\"\n");
    let (_, v) = json(dir.path(), &[CANONICAL]);
    assert_eq!(count(&v, "broken-runbook-link"), 0);
    // "Node Details" is no longer the details section: every check lacks details now.
    assert_eq!(count(&v, "missing-details"), 10);
}

#[test]
fn fail_on_and_exit_zero_gate_the_exit_status() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "[rules]\nbroken-related-tree = \"off\"\n");
    assert_eq!(treelint(dir.path(), &["check", CANONICAL]).status.code(), Some(0));
    assert_eq!(treelint(dir.path(), &["check", CANONICAL, "--fail-on", "warning"]).status.code(), Some(1));
    assert_eq!(treelint(dir.path(), &["check", CANONICAL, "--fail-on", "info"]).status.code(), Some(1));
    std::fs::remove_file(dir.path().join("treelint.toml")).unwrap();
    assert_eq!(treelint(dir.path(), &["check", CANONICAL]).status.code(), Some(1));
    assert_eq!(treelint(dir.path(), &["check", CANONICAL, "--exit-zero"]).status.code(), Some(0));
    assert_eq!(
        treelint(dir.path(), &["check", "nope.md", "--exit-zero"]).status.code(),
        Some(2),
        "bad input still fails"
    );
}

#[test]
fn config_command_shows_what_applies() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "[rules]\ncycle = \"error\"\n");
    let out = stdout(&treelint(dir.path(), &["config", CANONICAL]));
    assert!(out.contains("configuration: treelint.toml"), "{out}");
    assert!(out.contains("cycle                  error (configured)"), "{out}");
    let schema: Value =
        serde_json::from_slice(&treelint(dir.path(), &["config", "--schema"]).stdout).expect("the schema is JSON");
    assert_eq!(schema["title"], "treelint.toml");
    assert!(schema["properties"]["rules"]["properties"]["missing-details"].is_object());
}

#[test]
fn every_mistake_of_a_config_file_is_reported_at_once() {
    let dir = canonical_dir();
    write(
        dir.path(),
        "treelint.toml",
        "docs-url = 3\n\n[rules]\nmissing-detail = \"error\"\ncycle = \"warn\"\n\n[sectons]\ntree = \"X\"\n",
    );
    let out = treelint(dir.path(), &["check", CANONICAL]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no half report");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    for (line, expected) in lines.iter().zip([
        "error: treelint.toml:1:12: key `docs-url`: invalid type",
        "error: treelint.toml:4:1: key `rules.missing-detail`: unknown rule",
        "error: treelint.toml:5:9: key `rules.cycle`: unknown level `warn`",
        "error: treelint.toml:7:2: key `sectons`: unknown key `sectons`",
    ]) {
        assert!(line.starts_with(expected), "{line:?} does not start with {expected:?}");
    }
    // `treelint config` says the same.
    let out = treelint(dir.path(), &["config"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 4, "{}", stderr(&out));
}

#[test]
fn the_workspace_root_is_never_shown_empty() {
    let dir = canonical_dir();
    write(dir.path(), "treelint.toml", "");
    for args in [&["config"][..], &["config", "."], &["config", CANONICAL]] {
        let out = stdout(&treelint(dir.path(), args));
        assert!(out.starts_with("workspace root: .\n"), "{args:?}: {out}");
    }
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let out = stdout(&treelint(&sub, &["config"]));
    assert!(out.starts_with("workspace root: "), "{out}");
    assert!(!out.starts_with("workspace root: \n"), "{out}");
}
