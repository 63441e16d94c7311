//! Fix safety (FORMAT.md §4): a fix is applied only if the document then reads back as the
//! same tree apart from what the fix meant to change; `fmt` and fixes refuse the same blocks;
//! fixes applied one after another never combine into a new finding. Each case here damaged
//! a document before the shared read-back check existed.

use std::path::Path;
use std::sync::Arc;

use treelint_core::fix::{FixOptions, FixOutcome, fix_document};
use treelint_core::format::format_document;
use treelint_core::workspace::NoFiles;
use treelint_core::{Config, Rule, Severity, Workspace, analyze};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fix-safety").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn workspace() -> Workspace {
    Workspace::new("/ws".into(), Config::default(), Arc::new(NoFiles))
}

fn fix(text: &str, unsafe_fixes: bool) -> FixOutcome {
    fix_document(Path::new("/ws/t.md"), text, &workspace(), FixOptions { unsafe_fixes })
}

fn count(outcome: &FixOutcome, rule: Rule) -> usize {
    outcome.analysis.diagnostics.iter().filter(|d| d.rule == rule).count()
}

#[test]
fn a_whole_block_indented_two_spaces_keeps_its_correct_last_glyphs() {
    // Four questions at the block's left edge, each with its answers. Read with columns
    // from the page's edge, the later questions become notes of the first and their
    // answers its children, so three correct `└──` look like slips.
    let text = fixture("indented-question-chain.md");
    let before = analyze(Path::new("/ws/t.md"), text.clone(), &workspace());
    let glyph_findings =
        before.diagnostics.iter().filter(|d| d.rule == Rule::LastChildGlyph && d.fix.is_some()).count();
    let out = fix(&text, false);
    assert_eq!(out.text, text, "the drawing must not change");
    assert_eq!(out.total(), 0);
    // Whatever the reading, no fix may be forced on a block `fmt` leaves alone; when the
    // block is read as a chain of trees there is nothing to fix and nothing to skip.
    assert_eq!(out.skipped.len(), glyph_findings, "{:?}", out.skipped);
    for s in &out.skipped {
        assert_eq!(s.rule, Rule::LastChildGlyph);
        assert!(s.reason.contains("`fmt` leaves alone"), "{}", s.reason);
        assert!([8, 12, 16].contains(&s.line), "line {}", s.line);
    }
    let formatted = format_document(&text, &Config::default());
    assert_eq!(formatted.text, text);
}

#[test]
fn a_vertical_flowchart_keeps_its_connectors() {
    let text = fixture("flowchart.md");
    for unsafe_fixes in [false, true] {
        let out = fix(&text, unsafe_fixes);
        let connectors = |t: &str| t.lines().filter(|l| l.trim() == "|").count();
        assert_eq!(connectors(&out.text), connectors(&text), "a `|` connector was erased:\n{}", out.text);
        assert_eq!(out.text, text);
        assert!(out.skipped.iter().all(|s| s.reason.contains("flowchart")), "{:?}", out.skipped);
    }
    let formatted = format_document(&text, &Config::default());
    assert_eq!(formatted.text, text, "a flowchart is never redrawn");
    assert!(formatted.skipped.iter().all(|s| s.message.contains("flowchart")), "{:?}", formatted.skipped);
}

#[test]
fn renumbering_and_a_stub_never_make_two_sections_for_one_check() {
    // Check 2 is drawn before Check 1, and Check 1 has no details. Renumbering renames the
    // details of Check 2 to Check 1; a stub for the old Check 1 must then not be added.
    let text = fixture("checks-out-of-order.md");
    let before = analyze(Path::new("/ws/t.md"), text.clone(), &workspace());
    assert!(before.diagnostics.iter().all(|d| d.severity < Severity::Error));
    let out = fix(&text, true);
    assert!(out.converged);
    let headings: Vec<&str> = out.text.lines().filter(|l| l.starts_with("### Check")).collect();
    assert_eq!(headings, ["### Check 1: Log volume", "### Check 2: Is it growing fast?"], "{}", out.text);
    assert!(out.text.contains("├── [Check 1] Is it the log volume?"));
    assert!(out.text.contains("└── [Check 2] Is it growing fast?"));
    assert_eq!(count(&out, Rule::DuplicateCheck), 0);
    assert!(out.analysis.diagnostics.iter().all(|d| d.severity < Severity::Error), "{:?}", out.analysis.diagnostics);
    assert_eq!(out.fixed.get(&Rule::CheckOrder), Some(&1));
    assert_eq!(out.fixed.get(&Rule::MissingDetails), Some(&1));
    // Fixing twice changes nothing.
    let again = fix(&out.text, true);
    assert_eq!(again.text, out.text);
    assert_eq!(again.total(), 0);
}

#[test]
fn an_inserted_stub_counts_as_empty_until_filled_in() {
    let text = "# Decision Tree: Stub\n\n```tree\nStart?\n└── [Check 1] Is it up?\n    ├── YES → ✅ GO\n    └── NO → ✅ STOP\n```\n";
    let out = fix(text, true);
    assert!(out.text.contains("### Check 1: Is it up?"), "{}", out.text);
    let empty: Vec<_> = out.analysis.diagnostics.iter().filter(|d| d.rule == Rule::EmptyDetails).collect();
    assert_eq!(empty.len(), 1, "{:?}", out.analysis.diagnostics);
    assert!(empty[0].message.contains("stub"), "{}", empty[0].message);
    // Filled in, it is documentation like any other.
    let filled = out.text.replace("# TODO: commands for this check", "curl -fsS https://status.example/health");
    let after = analyze(Path::new("/ws/t.md"), filled, &workspace());
    assert!(after.diagnostics.iter().all(|d| d.rule != Rule::EmptyDetails), "{:?}", after.diagnostics);
    // So is the stub with one line of text added to it.
    let noted = out.text.replace("**Command/method:**", "Look at the uptime graph first.\n\n**Command/method:**");
    let after = analyze(Path::new("/ws/t.md"), noted, &workspace());
    assert!(after.diagnostics.iter().all(|d| d.rule != Rule::EmptyDetails));
}

#[test]
fn a_drawing_fix_is_still_applied_where_the_block_reads_back() {
    // The everyday case keeps working: a lone child drawn `├──` is redrawn `└──`.
    let text = "# Decision Tree: Up\n\n```tree\nStart?\n├── [Check 1] Is it up?\n│   ├── YES → ✅ GO\n│   └── NO → ✅ STOP\n```\n";
    let out = fix(text, false);
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    assert_eq!(out.fixed.get(&Rule::LastChildGlyph), Some(&1));
    assert!(
        out.text.contains("Start?\n└── [Check 1] Is it up?\n    ├── YES → ✅ GO\n    └── NO → ✅ STOP\n"),
        "{}",
        out.text
    );
}
