//! `check --fix`, `--unsafe-fixes` and `--diff` on fixtures: the file after the fix
//! (snapshot), idempotence, line endings, and that safe fixes touch only the drawing.

use std::path::Path;

use crate::cli_support::{CANONICAL, canonical_dir, canonical_text, stderr, stdout, treelint};
use serde_json::Value;

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn rules_found(dir: &Path, name: &str) -> Vec<String> {
    let json: Value = serde_json::from_slice(&treelint(dir, &["check", name, "--format", "json"]).stdout).unwrap();
    json["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_string()).collect()
}

/// A line with its drawing (bars, glyphs, spaces) removed.
fn without_drawing(line: &str) -> &str {
    line.trim_start_matches(['│', '├', '└', '─', ' '])
}

#[test]
fn fix_repairs_glyphs_and_changes_nothing_but_the_drawing() {
    let dir = canonical_dir();
    let before = canonical_text();
    let out = treelint(dir.path(), &["check", CANONICAL, "--fix", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1), "errors remain: {}", stderr(&out));
    assert!(stderr(&out).contains("Fixed 6 finding(s) in 1 file(s)."), "{}", stderr(&out));
    assert!(!stdout(&out).contains("last-child-glyph"), "the report shows what remains");
    let after = read(dir.path(), CANONICAL);
    assert_ne!(before, after);
    assert_eq!(before.lines().count(), after.lines().count());
    for (old, new) in before.lines().zip(after.lines()) {
        assert_eq!(without_drawing(old), without_drawing(new), "only the drawing may change:\n{old}\n{new}");
        assert_eq!(old.chars().count(), new.chars().count(), "columns stay where they were:\n{old}\n{new}");
    }
    let remaining = rules_found(dir.path(), CANONICAL);
    assert!(!remaining.iter().any(|r| r == "last-child-glyph"), "{remaining:?}");
    assert_eq!(remaining.len(), 22 - 6);
    insta::assert_snapshot!(after);
}

#[test]
fn fix_is_idempotent() {
    let dir = canonical_dir();
    treelint(dir.path(), &["check", CANONICAL, "--fix"]);
    let once = read(dir.path(), CANONICAL);
    let out = treelint(dir.path(), &["check", CANONICAL, "--fix"]);
    assert!(stderr(&out).contains("Fixed 0 finding(s)"), "{}", stderr(&out));
    assert_eq!(once, read(dir.path(), CANONICAL));
    let out = treelint(dir.path(), &["check", CANONICAL, "--diff"]);
    assert_eq!(out.status.code(), Some(0), "nothing left to fix");
    assert!(out.stdout.is_empty());
}

#[test]
fn diff_shows_the_fix_and_writes_nothing() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--diff"]);
    assert_eq!(out.status.code(), Some(1), "a file would change");
    assert_eq!(read(dir.path(), CANONICAL), canonical_text(), "--diff never writes");
    let diff = stdout(&out);
    assert!(diff.starts_with(&format!("--- a/{CANONICAL}\n+++ b/{CANONICAL}\n")), "{diff}");
    insta::assert_snapshot!(diff);
}

#[test]
fn unsafe_fixes_add_stub_sections() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--unsafe-fixes", "--format", "concise"]);
    assert!(stderr(&out).contains("Fixed 11 finding(s)"), "{}", stderr(&out));
    let after = read(dir.path(), CANONICAL);
    for id in [5, 7, 9, 10] {
        assert!(after.contains(&format!("### Check {id}: ")), "a stub for Check {id}");
    }
    assert!(after.contains("### ⚠️ Warning: Escalate Immediately + Partial Traffic Split"), "{after}");
    let remaining = rules_found(dir.path(), CANONICAL);
    for gone in ["missing-details", "unresolved-terminal", "last-child-glyph"] {
        assert!(!remaining.iter().any(|r| r == gone), "{gone}: {remaining:?}");
    }
    insta::assert_snapshot!(after);
    // Again: nothing more to do.
    treelint(dir.path(), &["check", CANONICAL, "--unsafe-fixes"]);
    assert_eq!(after, read(dir.path(), CANONICAL));
}

#[test]
fn fixes_keep_crlf_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = canonical_text().replace('\n', "\r\n");
    std::fs::write(dir.path().join(CANONICAL), &crlf).unwrap();
    treelint(dir.path(), &["check", CANONICAL, "--unsafe-fixes"]);
    let after = read(dir.path(), CANONICAL);
    assert_ne!(after, crlf);
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count(), "every line still ends with CRLF");
    let lf: String = after.replace("\r\n", "\n");
    let dir2 = canonical_dir();
    treelint(dir2.path(), &["check", CANONICAL, "--unsafe-fixes"]);
    assert_eq!(lf, read(dir2.path(), CANONICAL), "the same fix as on the LF file");
}

const OUT_OF_ORDER: &str = "# Decision Tree: Order

```tree
Is it broken?
├── [Check 1] Is it down?
│   ├── YES → [Check 3]
│   └── NO → ✅ WAIT
└── [Check 3] Is it slow?
    ├── YES → [Check 2]
    └── NO → ✅ DONE
        
Second root
└── [Check 2] Is it cold?
    ├── YES → ✅ HEAT
    └── NO → ✅ DONE
```

## Node Details

### Check 1: Down

Look.

### Check 2: Cold

Feel.

### Check 3: Slow

Time it.
";

#[test]
fn unsafe_fix_renumbers_checks_in_outline_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("order.md"), OUT_OF_ORDER).unwrap();
    assert!(rules_found(dir.path(), "order.md").iter().any(|r| r == "check-order"));
    let out = treelint(dir.path(), &["check", "order.md", "--fix"]);
    assert!(stderr(&out).contains("Fixed 0"), "renumbering is unsafe: {}", stderr(&out));
    treelint(dir.path(), &["check", "order.md", "--unsafe-fixes"]);
    let after = read(dir.path(), "order.md");
    assert!(!rules_found(dir.path(), "order.md").iter().any(|r| r == "check-order"));
    insta::assert_snapshot!(after);
}

#[test]
fn unused_suppression_is_removed_by_the_safe_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Decision Tree: S\n\n<!-- treelint-disable-next-line cycle -->\n```tree\nGo?\n├── YES → ✅ GO\n└── NO → ✅ STAY\n```\n";
    std::fs::write(dir.path().join("s.md"), text).unwrap();
    assert!(rules_found(dir.path(), "s.md").iter().any(|r| r == "unused-suppression"));
    treelint(dir.path(), &["check", "s.md", "--fix"]);
    assert_eq!(read(dir.path(), "s.md"), text.replace("<!-- treelint-disable-next-line cycle -->\n", ""));
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permissions_and_no_temporary_file_remains() {
    use std::os::unix::fs::PermissionsExt;
    let dir = canonical_dir();
    let path = dir.path().join(CANONICAL);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    treelint(dir.path(), &["check", CANONICAL, "--fix"]);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec![CANONICAL.to_string()]);
}

#[test]
fn the_report_says_how_many_findings_a_fix_would_repair() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL]);
    assert!(stderr(&out).contains("[*] 6 fixable with --fix (5 more with --unsafe-fixes)."), "{}", stderr(&out));
    let out = treelint(dir.path(), &["check", CANONICAL, "--format", "json"]);
    assert!(!stderr(&out).contains("fixable"), "machine formats stay quiet");
}

fn safety_fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fix-safety").join(name))
        .unwrap()
}

#[test]
fn fixes_that_would_damage_a_block_are_skipped_with_a_note() {
    // A flowchart (its `|` connectors were erased), a chain of questions indented as a whole
    // (three correct `└──` became `├──`), and a block with an indentation slip (a fix there
    // builds on a guess): `--fix` leaves each as it is, as `fmt` does.
    let names = ["flowchart.md", "indented-question-chain.md", "slipped-branch.md"];
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::write(dir.path().join(name), safety_fixture(name)).unwrap();
    }
    let out = treelint(dir.path(), &["check", "--fix", "--format", "concise", "."]);
    let err = stderr(&out);
    assert!(err.contains("Fixed 0 finding(s) in 0 file(s)."), "{err}");
    for name in names {
        assert_eq!(read(dir.path(), name), safety_fixture(name), "{name} must not change");
    }
    // Every skipped fix is named, where it was and why.
    let skipped = "(last-child-glyph) skipped: it would change the drawing of a block that `fmt` leaves alone: \
                   inconsistent indentation";
    assert!(err.contains(&format!("note: ./slipped-branch.md:7:5: Draw as middle child (├──) {skipped}")), "{err}");
    assert!(err.contains(&format!("note: ./slipped-branch.md:9:1: Draw as last child (└──) {skipped}")), "{err}");
    assert!(err.lines().all(|l| l.starts_with("note: ./") || l.starts_with("Fixed ")), "{err}");
}

#[test]
fn unsafe_fixes_renumber_then_add_the_stub_without_a_duplicate_section() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("disk.md"), safety_fixture("checks-out-of-order.md")).unwrap();
    let before = treelint(dir.path(), &["check", "disk.md"]);
    assert_eq!(before.status.code(), Some(0));
    let out = treelint(dir.path(), &["check", "--unsafe-fixes", "--format", "concise", "disk.md"]);
    assert_eq!(out.status.code(), Some(0), "no new error: {}", stdout(&out));
    assert!(!stdout(&out).contains("duplicate-check"), "{}", stdout(&out));
    // The stub is reported as empty until someone fills it in.
    assert!(
        stdout(&out).contains("[empty-details] details for Check 2 are still the inserted stub"),
        "{}",
        stdout(&out)
    );
    let after = read(dir.path(), "disk.md");
    assert_eq!(after.matches("### Check 1").count(), 1, "{after}");
    assert_eq!(after.matches("### Check 2").count(), 1, "{after}");
}
