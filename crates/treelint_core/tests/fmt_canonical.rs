//! Formatting the canonical example (`tests/fixtures/rollback-or-fix-forward.md`) and the
//! outlines people write by hand: ASCII, two-space levels, bullets, indentation only.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use treelint_core::workspace::NoFiles;

use treelint_core::format::{format_document, format_range};
use treelint_core::{Config, Rule, Workspace, analyze};

fn canonical() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rollback-or-fix-forward.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (rule, line, column) of every finding, checked alone in an empty folder.
fn findings(text: &str) -> Vec<(Rule, u32, u32)> {
    let ws = Workspace::new(PathBuf::from("/empty"), Config::default(), Arc::new(NoFiles));
    let a = analyze(Path::new("/empty/rollback-or-fix-forward.md"), text, &ws);
    a.diagnostics
        .iter()
        .map(|d| {
            let lc = a.document.lines.line_col(text, d.span.start);
            (d.rule, lc.line + 1, lc.col + 1)
        })
        .collect()
}

fn is_drawing(c: char) -> bool {
    matches!(c, ' ' | '│' | '├' | '└' | '─')
}

#[test]
fn canonical_example_changes_only_drawing_prefixes() {
    let before = canonical();
    let result = format_document(&before, &Config::default());
    assert!(result.skipped.is_empty());
    assert!(result.changed());
    let after = &result.text;
    let (old, new): (Vec<&str>, Vec<&str>) = (before.split('\n').collect(), after.split('\n').collect());
    assert_eq!(old.len(), new.len());
    let tree = 11..=50; // the lines of the tree block, 1-based
    let mut changed = 0;
    for (i, (o, n)) in old.iter().zip(&new).enumerate() {
        if o == n {
            continue;
        }
        changed += 1;
        assert!(tree.contains(&(i + 1)), "line {} outside the tree changed", i + 1);
        assert_eq!(
            o.trim_start_matches(is_drawing),
            n.trim_start_matches(is_drawing),
            "text of line {} changed",
            i + 1
        );
    }
    assert!(changed >= 6);
}

#[test]
fn canonical_example_after_fmt_reports_the_same_findings_minus_six_last_child_glyph() {
    let before = canonical();
    let after = format_document(&before, &Config::default()).text;
    let old = findings(&before);
    let new = findings(&after);
    let glyph_lines: Vec<u32> = old.iter().filter(|f| f.0 == Rule::LastChildGlyph).map(|f| f.1).collect();
    assert_eq!(glyph_lines, [13, 15, 22, 32, 35, 39]);
    let expected: Vec<(Rule, u32, u32)> = old.into_iter().filter(|f| f.0 != Rule::LastChildGlyph).collect();
    assert_eq!(new, expected);
}

#[test]
fn a_formatted_canonical_example_is_already_formatted() {
    let once = format_document(&canonical(), &Config::default()).text;
    let twice = format_document(&once, &Config::default());
    assert!(!twice.changed());
    assert_eq!(twice.text, once);
}

fn fmt(text: &str) -> String {
    let r = format_document(text, &Config::default());
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    r.text
}

#[test]
fn ascii_outline_with_two_space_levels_is_redrawn() {
    let input = "\
## The Tree

```
Is the service down?
|
+-- [Check 1] Are users impacted?
| |-- YES -> ✅ ROLL BACK
| |   rollout undo
| `-- NO (internal only)
|   `-- [Check 2] Is a fix known?
|     +-- YES => ✅ FIX FORWARD
|     \\-- NO -> go to [Check 1]
`-- unsure -> should-i-page.md
```
";
    insta::assert_snapshot!(fmt(input));
}

#[test]
fn bullet_outline_is_redrawn() {
    let input = "\
```tree
Something broke after a deployment — roll back or fix forward?
- [Check 1] Are users actively impacted?
  - YES
    - [Check 2] Is rollback safe?
      - YES → ✅ ROLL BACK IMMEDIATELY
        kubectl rollout undo
      - NO → ⚠️ ESCALATE
  - NO → ✅ FIX FORWARD
- [Check 3] Is it a config change? → config-change.md
```
";
    insta::assert_snapshot!(fmt(input));
}

#[test]
fn indentation_only_outline_is_redrawn() {
    let input = "\
```decision-tree
Is the disk filling up?
\t[Check 1] Is it above 90%?
\t\tYES → ✅ EXTEND THE VOLUME
\t\tNO
\t\t\t[Check 2] Is it growing faster than 1%/hour?

\t\t\t\tYES → ⚠️ PAGE STORAGE ON-CALL
\t\t\t\tNO → ✅ OPEN A TICKET
```
";
    insta::assert_snapshot!(fmt(input));
}

#[test]
fn inconsistent_plain_outline_is_left_alone_naming_the_line() {
    let input = "```tree\nRoot?\n    YES\n        a\n      b\n```\n";
    let r = format_document(input, &Config::default());
    assert_eq!(r.text, input);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 5);
    assert!(r.skipped[0].message.contains("inconsistent indentation"), "{}", r.skipped[0].message);
}

#[test]
fn notes_of_the_root_are_aligned_under_it_and_an_undeclared_block_is_no_plain_outline() {
    // In a tree document, under "The Tree" a fence without `tree` is a tree block, but only a
    // declared one is read as a plain outline: these indented lines stay notes of the root.
    let input = "# Decision Tree: X\n\n## The Tree\n\n```\nWhat now?\n  first note\n  second note\n```\n";
    assert_eq!(fmt(input), "# Decision Tree: X\n\n## The Tree\n\n```\nWhat now?\nfirst note\nsecond note\n```\n");
}

#[test]
fn a_fence_indented_in_a_list_keeps_its_indentation() {
    let input = "- step one\n\n  ```tree\n  Ready?\n  |-- YES -> ✅ GO\n  |-- NO -> ❌ STOP\n  ```\n";
    assert_eq!(fmt(input), "- step one\n\n  ```tree\n  Ready?\n  ├── YES -> ✅ GO\n  └── NO -> ❌ STOP\n  ```\n");
}

#[test]
fn range_formatting_redraws_the_block_under_the_cursor() {
    let input = "```tree\nA?\n|-- a -> ✅ X\n|-- b -> ✅ Y\n```\n";
    let at = input.find("b ->").unwrap();
    let r = format_range(input, at..at, &Config::default());
    assert_eq!(r.edits.len(), 2);
    assert_eq!(r.text, "```tree\nA?\n├── a -> ✅ X\n└── b -> ✅ Y\n```\n");
}
