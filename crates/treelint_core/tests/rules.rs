//! One fixture per rule: a small document on which the rule fires (at the expected line) and
//! one on which it stays silent. Documents are written in full, as an author would.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use treelint_core::{Config, FileSystem, Workspace, analyze};

/// Files that exist around the document under test.
struct MemFs(HashSet<PathBuf>);

impl FileSystem for MemFs {
    fn is_file(&self, path: &Path) -> bool {
        self.0.contains(path)
    }
    fn read_to_string(&self, path: &Path) -> Option<String> {
        self.0.contains(path).then(|| OTHER_TREE.to_string())
    }
}

/// The tree that `other.md` holds, for cross-file jumps.
const OTHER_TREE: &str =
    "# Decision Tree: Other\n\n```tree\nOther?\n└── [Check 1] Is it?\n    ├── YES → ✅ A\n    └── NO → ✅ B\n```\n";

/// (rule, 1-based line) of every finding on `text`, checked as `ws/tree.md` with
/// `ws/other.md` and `ws/runbooks/known.md` present.
fn findings(text: &str) -> Vec<(String, usize)> {
    let root = PathBuf::from("/ws");
    let files = ["/ws/other.md", "/ws/runbooks/known.md"].into_iter().map(PathBuf::from).collect();
    let ws = Workspace::new(root, Config::default(), Arc::new(MemFs(files)));
    let analysis = analyze(Path::new("/ws/tree.md"), text, &ws);
    let doc = &analysis.document;
    analysis.diagnostics.iter().map(|d| (d.rule.name().to_string(), doc.lines.line_of(d.span.start) + 1)).collect()
}

fn lines_of(text: &str, rule: &str) -> Vec<usize> {
    findings(text).into_iter().filter(|(r, _)| r == rule).map(|(_, l)| l).collect()
}

/// A clean tree: the base of most fixtures. Every rule is silent on it.
const CLEAN: &str = r#"# Decision Tree: Is It Down?

**Category:** Incidents
**Starting Question:** "Is the service down?"
**Domains:** sre

## The Tree

```tree
Is the service down?
└── [Check 1] Are health checks failing?
    ├── YES → ✅ RESTART THE SERVICE
    └── NO
        └── [Check 2] Are users reporting errors?
            ├── YES → ⚠️ ESCALATE TO ON-CALL
            └── NO → ✅ CLOSE THE ALERT
```

## Node Details

### Check 1: Health checks

```bash
curl -fsS https://service.example.com/health
```

### Check 2: User reports

Look at the support queue for the last 15 minutes.

## Terminal Actions

### ✅ Action: Restart the Service

**Do:**

```bash
kubectl rollout restart deployment/service
```

### ⚠️ Warning: Escalate to On-Call

**When:** users see errors that health checks miss.

### ✅ Action: Close the Alert

**Do:** close it with a note.

## Cross-References

- **Runbooks:** known.md
- **Related trees:** other.md
"#;

/// The clean tree with `from` replaced by `to` (which must occur).
fn edit(from: &str, to: &str) -> String {
    assert!(CLEAN.contains(from), "fixture edit does not apply: {from}");
    CLEAN.replacen(from, to, 1)
}

#[test]
fn the_clean_fixture_is_clean() {
    assert_eq!(findings(CLEAN), vec![]);
}

#[test]
fn missing_tree() {
    let text = "# Decision Tree: Nothing Here\n\n## Node Details\n";
    assert_eq!(lines_of(text, "missing-tree"), vec![1]);
    assert_eq!(lines_of("# Notes on trees\n\nNo outline.\n", "missing-tree"), Vec::<usize>::new());
}

#[test]
fn inconsistent_indent() {
    let text = edit("            └── NO → ✅ CLOSE THE ALERT", "           └── NO → ✅ CLOSE THE ALERT");
    assert_eq!(lines_of(&text, "inconsistent-indent"), vec![16]);
    // Placed at the nearest level, so the rest of the tree is read as meant.
    assert_eq!(findings(&text).len(), 1, "{:?}", findings(&text));
    assert!(lines_of(CLEAN, "inconsistent-indent").is_empty());
}

#[test]
fn empty_node() {
    let text =
        edit("            └── NO → ✅ CLOSE THE ALERT", "            ├── NO → ✅ CLOSE THE ALERT\n            └──");
    assert_eq!(lines_of(&text, "empty-node"), vec![17]);
    assert!(lines_of(CLEAN, "empty-node").is_empty());
}

#[test]
fn last_child_glyph() {
    let text = edit("└── [Check 1]", "├── [Check 1]");
    assert_eq!(lines_of(&text, "last-child-glyph"), vec![11]);
    let text = edit("    ├── YES → ✅ RESTART", "    └── YES → ✅ RESTART");
    assert_eq!(lines_of(&text, "last-child-glyph"), vec![12]);
}

#[test]
fn unfenced_tree() {
    let text = edit("```tree\n", "").replacen("```\n\n## Node Details", "\n## Node Details", 1);
    assert_eq!(lines_of(&text, "unfenced-tree"), vec![9]);
    assert!(lines_of(CLEAN, "unfenced-tree").is_empty());
}

#[test]
fn duplicate_check() {
    let text = edit("[Check 2] Are users", "[Check 1] Are users");
    assert_eq!(lines_of(&text, "duplicate-check"), vec![14]);
    let text = edit("### Check 2: User reports", "### Check 1: User reports");
    assert_eq!(lines_of(&text, "duplicate-check"), vec![27]);
}

#[test]
fn broken_jump() {
    let text = edit("NO → ✅ CLOSE THE ALERT", "NO → go to [Check 9]");
    assert_eq!(lines_of(&text, "broken-jump"), vec![16]);
    let text = edit("NO → ✅ CLOSE THE ALERT", "NO → missing.md");
    assert_eq!(lines_of(&text, "broken-jump"), vec![16]);
    let text = edit("NO → ✅ CLOSE THE ALERT", "NO → other.md#check-7");
    assert_eq!(lines_of(&text, "broken-jump"), vec![16]);
    let text = edit("NO → ✅ CLOSE THE ALERT", "NO → other.md#check-1");
    assert!(lines_of(&text, "broken-jump").is_empty());
}

#[test]
fn terminal_has_children() {
    let text = edit(
        "            └── NO → ✅ CLOSE THE ALERT",
        "            └── NO → ✅ CLOSE THE ALERT\n                └── then watch it",
    );
    assert_eq!(lines_of(&text, "terminal-has-children"), vec![16]);
    assert!(lines_of(&text, "unreachable-node").is_empty());
    assert!(lines_of(CLEAN, "terminal-has-children").is_empty());
    // Counted in words: "1 child branch", "2 child branches".
    let message = |text: &str| {
        let root = PathBuf::from("/ws");
        let ws = Workspace::new(root, Config::default(), Arc::new(MemFs(HashSet::new())));
        let analysis = analyze(Path::new("/ws/tree.md"), text, &ws);
        let d = analysis.diagnostics.iter().find(|d| d.rule.name() == "terminal-has-children").expect("a finding");
        d.message.clone()
    };
    assert_eq!(message(&text), "terminal outcome has 1 child branch");
    let two = text.replace("└── then watch it", "├── then watch it\n                └── and log it");
    assert_eq!(message(&two), "terminal outcome has 2 child branches");
}

#[test]
fn unreachable_node() {
    let text = edit(
        "```\n\n## Node Details",
        "Stray question?\n├── YES → ✅ CLOSE THE ALERT\n└── NO → ✅ CLOSE THE ALERT\n```\n\n## Node Details",
    );
    assert_eq!(lines_of(&text, "unreachable-node"), vec![17]);
    // A jump to the second root makes it reachable.
    let text = edit(
        "```\n\n## Node Details",
        "[Check 3] Stray question?\n├── YES → ✅ CLOSE THE ALERT\n└── NO → ✅ CLOSE THE ALERT\n```\n\n## Node Details",
    )
    .replacen("NO → ✅ CLOSE THE ALERT", "NO → go to [Check 3]", 1);
    assert!(lines_of(&text, "unreachable-node").is_empty(), "{:?}", findings(&text));
}

#[test]
fn dead_end_and_cycle() {
    // Both answers of Check 2 jump back to Check 1, and Check 1's YES to Check 2: a trap.
    let trap = edit("├── YES → ✅ RESTART THE SERVICE", "├── YES → go to [Check 2]")
        .replacen("YES → ⚠️ ESCALATE TO ON-CALL", "YES → go to [Check 1]", 1)
        .replacen("NO → ✅ CLOSE THE ALERT", "NO → go to [Check 1]", 1);
    let dead = lines_of(&trap, "dead-end");
    assert!(dead.contains(&11) && dead.contains(&14), "{dead:?}");
    assert!(lines_of(&trap, "cycle").is_empty());
    // With an exit, the loop is a cycle reported once at the closing jump.
    let looped = edit("NO → ✅ CLOSE THE ALERT", "NO → go to [Check 1]");
    assert_eq!(lines_of(&looped, "cycle"), vec![16]);
    assert!(lines_of(&looped, "dead-end").is_empty());
    assert!(lines_of(CLEAN, "cycle").is_empty() && lines_of(CLEAN, "dead-end").is_empty());
}

#[test]
fn unmarked_leaf() {
    let text = edit("NO → ✅ CLOSE THE ALERT", "NO → keep an eye on it");
    assert_eq!(lines_of(&text, "unmarked-leaf"), vec![16]);
    assert!(lines_of(CLEAN, "unmarked-leaf").is_empty());
}

#[test]
fn a_question_without_answers_is_one_finding_not_two() {
    let text = edit("NO → ✅ CLOSE THE ALERT", "NO → Did anyone complain?");
    assert_eq!(lines_of(&text, "unmarked-leaf"), vec![16]);
    let text = edit("            └── NO → ✅ CLOSE THE ALERT", "            └── Did anyone complain?");
    let at_16: Vec<String> = findings(&text).into_iter().filter(|(_, l)| *l == 16).map(|(r, _)| r).collect();
    assert_eq!(at_16, vec!["unmarked-leaf"], "not also unlabeled-question");
}

#[test]
fn unmarked_leaf_says_when_the_outcome_is_in_words() {
    let root = PathBuf::from("/ws");
    let ws = Workspace::new(root, Config::default(), Arc::new(MemFs(HashSet::new())));
    let message = |text: &str| {
        let a = analyze(Path::new("/ws/tree.md"), text, &ws);
        a.diagnostics.iter().find(|d| d.rule.name() == "unmarked-leaf").map(|d| d.message.clone()).unwrap()
    };
    let words = edit("NO → ✅ CLOSE THE ALERT", "NO → keep an eye on it");
    assert_eq!(
        message(&words),
        "path ends at \"NO → keep an eye on it\" with an outcome in words, not a terminal or a jump"
    );
    let bare = edit("NO → ✅ CLOSE THE ALERT", "NO");
    assert_eq!(message(&bare), "path ends at \"NO\" without an outcome");
}

#[test]
fn empty_tree() {
    let text = edit(
        "```tree\nIs the service down?\n└── [Check 1] Are health checks failing?\n    ├── YES → ✅ RESTART THE SERVICE\n    └── NO\n        └── [Check 2] Are users reporting errors?\n            ├── YES → ⚠️ ESCALATE TO ON-CALL\n            └── NO → ✅ CLOSE THE ALERT\n```",
        "```tree\nIs the service down?\n```",
    );
    assert_eq!(lines_of(&text, "empty-tree"), vec![10]);
    let text = edit(
        "```tree\nIs the service down?\n└── [Check 1] Are health checks failing?\n    ├── YES → ✅ RESTART THE SERVICE\n    └── NO\n        └── [Check 2] Are users reporting errors?\n            ├── YES → ⚠️ ESCALATE TO ON-CALL\n            └── NO → ✅ CLOSE THE ALERT\n```",
        "```tree\n```",
    );
    assert_eq!(lines_of(&text, "empty-tree"), vec![9], "an empty block is reported at its fence");
    assert!(lines_of(CLEAN, "empty-tree").is_empty());
}

#[test]
fn undrawn_outline() {
    let outline = "```tree\nIs the service down?\n- [Check 1] Are health checks failing?\n  - YES → ✅ RESTART THE SERVICE\n  - NO → ✅ CLOSE THE ALERT\n```";
    let text = format!("# Decision Tree: Is It Down?\n\n## The Tree\n\n{outline}\n");
    assert_eq!(lines_of(&text, "undrawn-outline"), vec![6]);
    assert!(lines_of(&text, "empty-tree").is_empty(), "a plain outline is not also an empty tree");
    let root = PathBuf::from("/ws");
    let ws = Workspace::new(root, Config::default(), Arc::new(MemFs(HashSet::new())));
    let a = analyze(Path::new("/ws/tree.md"), text.as_str(), &ws);
    let fix = a.diagnostics.iter().find(|d| d.rule.name() == "undrawn-outline").and_then(|d| d.fix.clone()).unwrap();
    let mut fixed = text.clone();
    for e in fix.edits.iter().rev() {
        fixed.replace_range(e.span.clone(), &e.text);
    }
    assert!(fixed.contains("└── [Check 1] Are health checks failing?\n    ├── YES → ✅ RESTART THE SERVICE\n    └── NO → ✅ CLOSE THE ALERT\n"), "{fixed}");
    assert!(lines_of(&fixed, "undrawn-outline").is_empty());
    assert!(lines_of(CLEAN, "undrawn-outline").is_empty());
}

#[test]
fn single_answer() {
    let text = edit("            ├── YES → ⚠️ ESCALATE TO ON-CALL\n", "");
    assert_eq!(lines_of(&text, "single-answer"), vec![14]);
    assert!(lines_of(CLEAN, "single-answer").is_empty());
}

#[test]
fn unlabeled_question() {
    let text = edit("[Check 2] Are users reporting errors?", "Are users reporting errors? (support queue)");
    assert_eq!(lines_of(&text, "unlabeled-question"), vec![14]);
    // The root asks a question but is exempt.
    assert!(lines_of(CLEAN, "unlabeled-question").is_empty());
}

#[test]
fn parallel_questions() {
    let text = edit(
        "        └── [Check 2] Are users reporting errors?",
        "        ├── [Check 3] Is it Monday?\n        │   ├── YES → ✅ CLOSE THE ALERT\n        │   └── NO → ✅ CLOSE THE ALERT\n        └── [Check 2] Are users reporting errors?",
    );
    assert_eq!(lines_of(&text, "parallel-questions"), vec![13]);
    assert!(lines_of(CLEAN, "parallel-questions").is_empty());
}

#[test]
fn check_order() {
    let text = edit("[Check 2] Are users", "[Check 3] Are users").replacen("### Check 2:", "### Check 3:", 1);
    assert_eq!(lines_of(&text, "check-order"), vec![14]);
    assert!(lines_of(CLEAN, "check-order").is_empty());
}

#[test]
fn missing_details() {
    let text = edit("### Check 2: User reports\n\nLook at the support queue for the last 15 minutes.\n\n", "");
    assert_eq!(lines_of(&text, "missing-details"), vec![14]);
    assert!(lines_of(CLEAN, "missing-details").is_empty());
}

#[test]
fn orphan_details() {
    let text = edit("### Check 2: User reports", "### Check 2: User reports\n\nText.\n\n### Check 7: Gone");
    assert_eq!(lines_of(&text, "orphan-details"), vec![31]);
    assert!(lines_of(CLEAN, "orphan-details").is_empty());
}

#[test]
fn empty_details() {
    let text = edit("Look at the support queue for the last 15 minutes.\n", "");
    assert_eq!(lines_of(&text, "empty-details"), vec![27]);
    assert!(lines_of(CLEAN, "empty-details").is_empty());
}

#[test]
fn unresolved_terminal() {
    let text = edit("YES → ⚠️ ESCALATE TO ON-CALL", "YES → ⚠️ PANIC QUIETLY");
    assert_eq!(lines_of(&text, "unresolved-terminal"), vec![15]);
    // An explicit anchor links it anyway.
    let text = edit("YES → ⚠️ ESCALATE TO ON-CALL", "YES → ⚠️ PANIC QUIETLY #escalate-to-on-call");
    assert!(lines_of(&text, "unresolved-terminal").is_empty(), "{:?}", findings(&text));
    let text = edit("YES → ⚠️ ESCALATE TO ON-CALL", "YES → ⚠️ PANIC #no-such-anchor");
    assert_eq!(lines_of(&text, "unresolved-terminal"), vec![15]);
}

#[test]
fn unused_action() {
    let text =
        edit("## Cross-References", "### ✅ Action: Reboot the Datacenter\n\n**Do:** no.\n\n## Cross-References");
    assert_eq!(lines_of(&text, "unused-action").len(), 1);
    assert!(lines_of(CLEAN, "unused-action").is_empty());
}

#[test]
fn missing_metadata() {
    let text = edit("**Domains:** sre\n", "");
    assert_eq!(lines_of(&text, "missing-metadata"), vec![1]);
    // Front matter counts as metadata.
    let text = format!("---\ndomains: sre\n---\n{}", edit("**Domains:** sre\n", ""));
    assert!(lines_of(&text, "missing-metadata").is_empty(), "{:?}", findings(&text));
}

#[test]
fn broken_related_tree() {
    let text = edit("- **Related trees:** other.md", "- **Related trees:** other.md, gone.md");
    assert_eq!(lines_of(&text, "broken-related-tree"), vec![52]);
    assert!(lines_of(CLEAN, "broken-related-tree").is_empty());
}

#[test]
fn broken_runbook_link() {
    let text = edit("- **Runbooks:** known.md", "- **Runbooks:** known.md, unknown.md");
    assert_eq!(lines_of(&text, "broken-runbook-link"), vec![51]);
    assert!(lines_of(CLEAN, "broken-runbook-link").is_empty());
}

#[test]
fn unused_suppression() {
    let text = edit("## Node Details", "<!-- treelint-disable-next-line unmarked-leaf -->\n## Node Details");
    assert_eq!(lines_of(&text, "unused-suppression"), vec![19]);
    // A suppression that silences a finding is used, and the finding is gone.
    let text = edit(
        "            └── NO → ✅ CLOSE THE ALERT",
        "            ├── MAYBE → keep an eye on it\n            └── NO → ✅ CLOSE THE ALERT",
    )
    .replacen(
        "## Node Details",
        "<!-- treelint-disable-node \"keep an eye\" unmarked-leaf -->\n\n## Node Details",
        1,
    );
    assert_eq!(lines_of(&text.replace("<!-- treelint-disable-node", "<!-- off"), "unmarked-leaf"), vec![16]);
    assert!(findings(&text).is_empty(), "{:?}", findings(&text));
    let text = edit("## Node Details", "<!-- treelint-disable no-such-rule -->\n## Node Details");
    assert_eq!(lines_of(&text, "unused-suppression"), vec![19]);
}

#[test]
fn an_ambiguous_terminal_names_its_candidates_briefly() {
    let actions: String = (0..6).map(|i| format!("### ✅ Action: Reboot Variant{i}\n\n**Do:** x.\n\n")).collect();
    let text = edit("## Cross-References", &format!("{actions}## Cross-References")).replacen(
        "NO → ✅ CLOSE THE ALERT",
        "NO → ✅ REBOOT NOW",
        1,
    );
    let root = PathBuf::from("/ws");
    let ws = Workspace::new(root, Config::default(), Arc::new(MemFs(HashSet::new())));
    let analysis = analyze(Path::new("/ws/tree.md"), text, &ws);
    let d = analysis.diagnostics.iter().find(|d| d.rule.name() == "unresolved-terminal").expect("ambiguous");
    assert!(d.message.starts_with("terminal matches 6 actions equally: \"Reboot Variant0\""), "{}", d.message);
    assert!(d.message.ends_with("and 3 more"), "{}", d.message);
}
