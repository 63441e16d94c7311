//! Rule documentation from the command line (`rule`, `rules`), the generated book pages
//! (one per rule, compared with `treelint rule NAME` so the book never drifts from the doc
//! comments), completions and the man page.
//!
//! After changing a rule's doc comment, regenerate the pages with
//! `TREELINT_BLESS=1 cargo test -p treelint --test cli rules::`.

use std::path::{Path, PathBuf};

use crate::cli_support::{stderr, stdout, treelint};
use serde_json::Value;

/// FORMAT.md §4 plus `unused-suppression`: the public names, in FORMAT.md's order. Written
/// out (not read from the rule table) so that renaming a rule fails here; checked against
/// the table in `the_catalogue_is_the_rule_table`.
const CATALOGUE: &[&str] = &[
    "missing-tree",
    "empty-tree",
    "undrawn-outline",
    "inconsistent-indent",
    "empty-node",
    "duplicate-check",
    "broken-jump",
    "terminal-has-children",
    "unreachable-node",
    "dead-end",
    "broken-related-tree",
    "missing-details",
    "orphan-details",
    "unmarked-leaf",
    "unresolved-terminal",
    "unused-action",
    "single-answer",
    "cycle",
    "broken-runbook-link",
    "empty-details",
    "missing-metadata",
    "unlabeled-question",
    "parallel-questions",
    "check-order",
    "last-child-glyph",
    "unfenced-tree",
    "unused-suppression",
];

#[test]
fn the_catalogue_is_the_rule_table() {
    let mut table: Vec<&str> = treelint_core::Rule::ALL.iter().map(|r| r.name()).collect();
    table.sort_unstable();
    let mut catalogue = CATALOGUE.to_vec();
    catalogue.sort_unstable();
    assert_eq!(table, catalogue, "the rule table and FORMAT.md's catalogue name the same rules");
}

fn here() -> PathBuf {
    std::env::temp_dir()
}

fn rules_json() -> Vec<Value> {
    let out = treelint(&here(), &["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

#[test]
fn rules_json_lists_the_whole_catalogue() {
    let rules = rules_json();
    let mut names: Vec<&str> = rules.iter().map(|r| r["name"].as_str().unwrap()).collect();
    names.sort();
    let mut expected = CATALOGUE.to_vec();
    expected.sort();
    assert_eq!(names, expected);
    for r in &rules {
        assert!(r["code"].as_str().unwrap().starts_with("TL"), "{r}");
        assert!(["error", "warning", "info", "hint"].contains(&r["severity"].as_str().unwrap()), "{r}");
        assert!(r["fixable"].is_boolean());
        assert!(["all", "tree-documents"].contains(&r["scope"].as_str().unwrap()), "{r}");
        assert_eq!(r["url"], format!("https://treelint.dev/rules/{}", r["name"].as_str().unwrap()));
        assert!(!r["summary"].as_str().unwrap().is_empty(), "{r}");
    }
    let fixable: Vec<&str> =
        rules.iter().filter(|r| r["fixable"] == true).map(|r| r["name"].as_str().unwrap()).collect();
    for name in ["last-child-glyph", "unused-suppression", "missing-details", "unresolved-terminal", "check-order"] {
        assert!(fixable.contains(&name), "{name} is fixable");
    }
    let severity =
        |name: &str| rules.iter().find(|r| r["name"] == name).unwrap()["severity"].as_str().unwrap().to_string();
    assert_eq!(severity("missing-details"), "warning");
    assert_eq!(severity("broken-jump"), "error");
    assert_eq!(severity("last-child-glyph"), "hint");
    let scope = |name: &str| rules.iter().find(|r| r["name"] == name).unwrap()["scope"].as_str().unwrap().to_string();
    // The drawing applies to every tree; the format's sections only to tree documents.
    assert_eq!(scope("last-child-glyph"), "all");
    assert_eq!(scope("missing-details"), "tree-documents");
}

#[test]
fn rules_table_has_a_row_per_rule() {
    let out = stdout(&treelint(&here(), &["rules"]));
    assert!(out.starts_with("CODE   NAME"), "{out}");
    assert_eq!(out.lines().count(), CATALOGUE.len() + 1);
    assert!(
        out.lines().any(|l| l.starts_with("TL301  missing-details") && l.contains("warning  yes     tree-docs")),
        "{out}"
    );
}

#[test]
fn rule_prints_its_documentation_by_name_or_code() {
    let out = treelint(&here(), &["rule", "missing-details"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.starts_with("# missing-details (TL301)\n"), "{page}");
    assert!(page.contains(". Applies to: tree documents only. "), "{page}");
    for section in ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"] {
        assert!(page.contains(section), "{section} in {page}");
    }
    assert!(page.contains("https://treelint.dev/rules/missing-details"));
    assert_eq!(stdout(&treelint(&here(), &["rule", "TL301"])), page);
}

#[test]
fn an_unknown_rule_suggests_the_closest() {
    let out = treelint(&here(), &["rule", "missing-detail"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown rule `missing-detail` (did you mean `missing-details`?)"),
        "{}",
        stderr(&out)
    );
}

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book/src")
}

/// `book/src/rules.md`: the catalogue as a table linking each rule's page.
fn index(rules: &[Value]) -> String {
    let mut s = String::from(
        "# Rules\n\n<!-- Generated by tests/cli/rules.rs from the rules' doc comments; do not edit. -->\n\n\
         Every finding names its rule. `treelint rule NAME` prints the page of a rule, `treelint rules`\n\
         lists them all, and every diagnostic links to its page. Severities are configurable per rule\n\
         (see [Configuration](configuration.md)); \"fix\" says whether `--fix` (safe) or `--unsafe-fixes`\n\
         can repair some of its findings. \"applies to\" says which trees it checks: every tree, or tree\n\
         documents only (see [Trees in ordinary Markdown](embedded.md)).\n\n\
         | code | rule | default | fix | applies to | what it reports |\n|---|---|---|---|---|---|\n",
    );
    for r in rules {
        let name = r["name"].as_str().unwrap();
        let fix = if r["fixable"] == true { "yes" } else { "" };
        let scope = if r["scope"] == "all" { "all trees" } else { "tree documents" };
        s.push_str(&format!(
            "| {} | [`{name}`](rules/{name}.md) | {} | {fix} | {scope} | {} |\n",
            r["code"].as_str().unwrap(),
            r["severity"].as_str().unwrap(),
            r["summary"].as_str().unwrap().replace('|', "\\|")
        ));
    }
    s
}

/// `book/src/SUMMARY.md` with its list of rule pages (under "Rules", in name order)
/// generated from the rule table; the rest of the file is kept as written.
fn summary(rules: &[Value]) -> String {
    let text = std::fs::read_to_string(book().join("SUMMARY.md")).expect("book/src/SUMMARY.md is readable");
    let head = "  - [Rules](rules.md)\n";
    let start = text.find(head).expect("SUMMARY.md lists the Rules page") + head.len();
    let end = start + text[start..].find("\n  - ").map_or(text.len() - start, |i| i + 1);
    let mut names: Vec<&str> = rules.iter().map(|r| r["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    let list: String = names.iter().map(|name| format!("    - [{name}](rules/{name}.md)\n")).collect();
    [&text[..start], &list, &text[end..]].concat()
}

#[test]
fn book_rule_pages_match_the_rule_docs() {
    let bless = std::env::var_os("TREELINT_BLESS").is_some();
    let rules = rules_json();
    let mut expected: Vec<(PathBuf, String)> =
        vec![(book().join("rules.md"), index(&rules)), (book().join("SUMMARY.md"), summary(&rules))];
    for r in &rules {
        let name = r["name"].as_str().unwrap();
        let page = stdout(&treelint(&here(), &["rule", name]));
        expected.push((book().join("rules").join(format!("{name}.md")), page));
    }
    let mut stale = Vec::new();
    for (path, text) in &expected {
        if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "book pages differ from the rule docs; run `TREELINT_BLESS=1 cargo test -p treelint --test cli rules::`: {stale:?}"
    );
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = treelint(&here(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(script.contains("check") && script.contains("unsafe-fixes"), "{shell}: {script}");
        // `treelint rule <TAB>` offers the rule names (clap_complete's fish, elvish and
        // PowerShell scripts complete options and subcommands only, not positional values).
        if matches!(shell, "bash" | "zsh") {
            for rule in ["missing-details", "unlabeled-question", "broken-runbook-link"] {
                assert!(script.contains(rule), "{shell} does not complete {rule}");
            }
        }
    }
    assert_eq!(treelint(&here(), &["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn man_page_documents_the_subcommands() {
    let out = treelint(&here(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.contains(".TH treelint 1"), "{page}");
    assert!(page.contains("check") && page.contains("completions"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["man", "--out-dir", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let check = std::fs::read_to_string(dir.path().join("treelint-check.1")).unwrap();
    assert!(check.contains("unsafe\\-fixes"), "{check}");
}

#[test]
fn rule_all_prints_every_page() {
    let out = stdout(&treelint(&here(), &["rule", "--all"]));
    assert_eq!(out.matches("\n## What it does").count(), CATALOGUE.len());
    assert!(out.starts_with("# missing-tree (TL001)\n"), "{out}");
    assert_eq!(treelint(&here(), &["rule"]).status.code(), Some(2), "a name or --all is required");
}

/// The book practises what it preaches: `treelint check book/` passes. Its rule pages show a
/// wrong tree on purpose and are excluded by `book/treelint.toml`; any other tree drawn in
/// the book must be right, or say why not with a suppression comment.
#[test]
fn the_book_passes_its_own_check() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = treelint(&repo, &["check", "book/", "--format", "concise"]);
    assert!(out.status.success(), "treelint check book/ found:\n{}{}", stdout(&out), stderr(&out));
}
