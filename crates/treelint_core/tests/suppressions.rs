//! Each suppression form silences what it covers and nothing else, and every suppression
//! (or named rule) that silences nothing is reported as `unused-suppression`, with a safe
//! fix that never brings a silenced finding back.

use std::path::Path;
use std::sync::Arc;
use treelint_core::workspace::NoFiles;

use treelint_core::fix::{FixOptions, fix_document};
use treelint_core::{Config, Workspace, analyze};

fn workspace() -> Workspace {
    Workspace::new("/ws".into(), Config::default(), Arc::new(NoFiles))
}

/// Findings: missing-metadata (line 1), unmarked-leaf (6, 7), orphan-details (16, 20).
const BASE: &str = "# Decision Tree: Sup

```tree
Start?
└── [Check 1] Is it up?
    ├── YES → keep watching
    └── NO → maybe later
```

## Node Details

### Check 1: Up

Look.

### Check 7: Orphan A

Text.

### Check 8: Orphan B

Text.
";

/// `BASE` with `line` inserted before 1-based line `before`.
fn insert(before: usize, line: &str) -> String {
    let mut lines: Vec<&str> = BASE.lines().collect();
    lines.insert(before - 1, line);
    lines.join("\n") + "\n"
}

/// (rule, 1-based line) of every finding.
fn findings(text: &str) -> Vec<(String, usize)> {
    let a = analyze(Path::new("/ws/t.md"), text, &workspace());
    a.diagnostics.iter().map(|d| (d.rule.name().to_string(), a.document.lines.line_of(d.span.start) + 1)).collect()
}

fn f(items: &[(&str, usize)]) -> Vec<(String, usize)> {
    items.iter().map(|(r, l)| (r.to_string(), *l)).collect()
}

fn messages(text: &str) -> Vec<String> {
    analyze(Path::new("/ws/t.md"), text, &workspace())
        .diagnostics
        .iter()
        .filter(|d| d.rule.name() == "unused-suppression")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn base_findings() {
    assert_eq!(
        findings(BASE),
        f(&[
            ("missing-metadata", 1),
            ("unmarked-leaf", 6),
            ("unmarked-leaf", 7),
            ("orphan-details", 16),
            ("orphan-details", 20)
        ])
    );
}

#[test]
fn disable_next_line() {
    let text = insert(16, "<!-- treelint-disable-next-line orphan-details -->");
    assert_eq!(
        findings(&text),
        f(&[("missing-metadata", 1), ("unmarked-leaf", 6), ("unmarked-leaf", 7), ("orphan-details", 21)])
    );
}

#[test]
fn disable_line_in_a_trailing_comment() {
    let text =
        BASE.replace("### Check 8: Orphan B", "### Check 8: Orphan B <!-- treelint-disable-line orphan-details -->");
    assert_eq!(
        findings(&text),
        f(&[("missing-metadata", 1), ("unmarked-leaf", 6), ("unmarked-leaf", 7), ("orphan-details", 16)])
    );
}

#[test]
fn disable_enable_range() {
    let text = insert(16, "<!-- treelint-disable orphan-details -->")
        .replace("\nText.\n\n### Check 8", "\nText.\n\n<!-- treelint-enable orphan-details -->\n\n### Check 8");
    assert_eq!(
        findings(&text),
        f(&[("missing-metadata", 1), ("unmarked-leaf", 6), ("unmarked-leaf", 7), ("orphan-details", 23)])
    );
    // Without an enable the range runs to the end.
    let text = insert(16, "<!-- treelint-disable orphan-details -->");
    assert_eq!(findings(&text), f(&[("missing-metadata", 1), ("unmarked-leaf", 6), ("unmarked-leaf", 7)]));
}

#[test]
fn enable_of_one_rule_keeps_the_others_disabled() {
    let text = insert(3, "<!-- treelint-disable -->")
        .replace("## Node Details", "<!-- treelint-enable orphan-details -->\n\n## Node Details");
    assert_eq!(findings(&text), f(&[("missing-metadata", 1), ("orphan-details", 19), ("orphan-details", 23)]));
    // With named rules, the one enabled again before any finding silenced nothing.
    let text = insert(3, "<!-- treelint-disable unmarked-leaf orphan-details -->")
        .replace("## Node Details", "<!-- treelint-enable orphan-details -->\n\n## Node Details");
    assert_eq!(
        findings(&text),
        f(&[("missing-metadata", 1), ("unused-suppression", 3), ("orphan-details", 19), ("orphan-details", 23)])
    );
    assert_eq!(messages(&text), vec!["suppression of orphan-details silences no finding"]);
}

#[test]
fn disable_file_with_and_without_rules() {
    let text = insert(2, "<!-- treelint-disable-file unmarked-leaf orphan-details -->");
    assert_eq!(findings(&text), f(&[("missing-metadata", 1)]));
    let text = BASE.to_string() + "\n<!-- treelint-disable-file -->\n";
    assert_eq!(findings(&text), f(&[]));
}

#[test]
fn disable_node_silences_outline_lines_from_outside_the_fence() {
    let text = insert(3, "<!-- treelint-disable-node \"keep watching\" unmarked-leaf -->");
    assert_eq!(
        findings(&text),
        f(&[("missing-metadata", 1), ("unmarked-leaf", 8), ("orphan-details", 17), ("orphan-details", 21)])
    );
    // Unquoted: the first word is the text.
    let text = insert(3, "<!-- treelint-disable-node later unmarked-leaf -->");
    assert_eq!(
        findings(&text),
        f(&[("missing-metadata", 1), ("unmarked-leaf", 7), ("orphan-details", 17), ("orphan-details", 21)])
    );
}

#[test]
fn codes_work_like_names() {
    let text = insert(16, "<!-- treelint-disable-next-line TL302 -->");
    assert!(!findings(&text).contains(&("orphan-details".to_string(), 17)));
}

#[test]
fn each_form_that_silences_nothing_is_reported() {
    for comment in [
        "<!-- treelint-disable-next-line cycle -->",
        "<!-- treelint-disable-line cycle -->",
        "<!-- treelint-disable cycle -->",
        "<!-- treelint-disable-file cycle -->",
        "<!-- treelint-disable-node \"keep\" cycle -->",
    ] {
        let text = insert(10, comment);
        assert!(findings(&text).contains(&("unused-suppression".to_string(), 10)), "{comment}: {:?}", findings(&text));
        assert_eq!(messages(&text), vec!["suppression of cycle silences no finding"], "{comment}");
    }
    let text = insert(10, "<!-- treelint-disable-next-line -->");
    assert_eq!(messages(&text), vec!["suppression silences no finding"]);
    let text = insert(3, "<!-- treelint-disable-node \"no such node\" -->");
    assert_eq!(messages(&text), vec!["no outline node contains \"no such node\""]);
}

#[test]
fn a_misspelt_rule_silences_nothing_and_is_reported() {
    // Naming only unknown rules must not mean "every rule".
    let text = insert(16, "<!-- treelint-disable-next-line orphan-detail -->");
    assert!(findings(&text).contains(&("orphan-details".to_string(), 17)), "{:?}", findings(&text));
    assert_eq!(messages(&text), vec!["suppression names unknown rule(s): orphan-detail"]);
}

#[test]
fn each_dead_name_in_a_working_comment_is_reported_at_the_name() {
    let text = insert(16, "<!-- treelint-disable-next-line orphan-details, cycle nope -->");
    assert!(!findings(&text).contains(&("orphan-details".to_string(), 17)));
    assert_eq!(
        messages(&text),
        vec!["suppression of cycle silences no finding", "suppression names unknown rule `nope`"]
    );
    let a = analyze(Path::new("/ws/t.md"), text.as_str(), &workspace());
    let cols: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| d.rule.name() == "unused-suppression")
        .map(|d| text[d.span.clone()].to_string())
        .collect();
    assert_eq!(cols, vec!["cycle", "nope"]);
}

#[test]
fn the_safe_fix_removes_dead_names_and_dead_comments_only() {
    let text = insert(16, "<!-- treelint-disable-next-line orphan-details, cycle nope -->")
        .replace("## Node Details", "<!-- treelint-disable-next-line cycle -->\n## Node Details");
    let out = fix_document(Path::new("/ws/t.md"), &text, &workspace(), FixOptions { unsafe_fixes: false });
    assert!(out.text.contains("<!-- treelint-disable-next-line orphan-details -->\n### Check 7"), "{}", out.text);
    assert!(!out.text.contains("cycle"), "{}", out.text);
    let rules: Vec<&str> = out.analysis.diagnostics.iter().map(|d| d.rule.name()).collect();
    assert!(!rules.contains(&"unused-suppression"), "{rules:?}");
    assert_eq!(rules.iter().filter(|r| **r == "orphan-details").count(), 1, "the used suppression still works");
    let again = fix_document(Path::new("/ws/t.md"), &out.text, &workspace(), FixOptions { unsafe_fixes: false });
    assert_eq!(again.text, out.text, "idempotent");
    assert_eq!(again.total(), 0);
}

#[test]
fn comments_in_code_blocks_are_not_suppressions() {
    let text = BASE.replace("Look.", "```html\n<!-- treelint-disable-file -->\n```");
    assert_eq!(findings(&text).len(), 5);
}
