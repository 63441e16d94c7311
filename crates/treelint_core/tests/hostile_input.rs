//! Hostile documents through the whole core: analysis (parse → model → rules) and the
//! formatter. Each must give findings (or none) without panicking, without overflowing a
//! normal thread's stack, and without a quadratic step that would make it hang: the sizes
//! here are large enough that an O(n²) rule takes minutes in a debug build.
//!
//! Files that cannot be read at all (invalid UTF-8, unreadable, deleted, symlink loops, over
//! the size limit) are the CLI's concern: see `tests/cli/hostile_files.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use treelint_core::format::format_document;
use treelint_core::workspace::NoFiles;
use treelint_core::{Analysis, Config, Workspace, analyze};

/// Documents up to this size are also formatted (twice).
const FORMAT_LIMIT: usize = 1 << 20;

/// Analyses and formats `text` on a thread with the default 2 MiB stack (what a rayon
/// worker or a language-server task gets), so that recursion anywhere in the pipeline
/// shows up as a stack overflow here.
fn check(text: String) -> Analysis {
    std::thread::Builder::new()
        .name("hostile".into())
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let ws = Workspace::new(PathBuf::from("/hostile"), Config::default(), Arc::new(NoFiles));
            let analysis = analyze(Path::new("/hostile/tree.md"), text.as_str(), &ws);
            // The formatter too, on all but the multi-megabyte documents (whose cost in a
            // debug build would dominate the suite; the fuzz target covers it at any size).
            if text.len() <= FORMAT_LIMIT {
                let formatted = format_document(&text, &ws.config);
                // Formatting is idempotent on whatever it produced, hostile or not.
                let again = format_document(&formatted.text, &ws.config);
                assert_eq!(again.text, formatted.text, "formatting twice changes the text");
            }
            analysis
        })
        .expect("spawn")
        .join()
        .expect("analysis must not panic or overflow the stack")
}

fn count(a: &Analysis, rule: &str) -> usize {
    a.diagnostics.iter().filter(|d| d.rule.name() == rule).count()
}

/// Every finding's span lies within the text and on character boundaries.
fn spans_are_valid(a: &Analysis) {
    let text = &a.document.text;
    for d in &a.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "{d:?}");
    }
}

/// The canonical example (FORMAT.md), from `tests/fixtures/`.
fn canonical() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rollback-or-fix-forward.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fenced(outline: &str) -> String {
    format!("# Decision Tree: Hostile\n\n## The Tree\n\n```tree\n{outline}```\n")
}

#[test]
fn a_5000_level_deep_outline_on_a_default_stack() {
    let depth = 5_000;
    let mut outline = String::from("Where do I start?\n");
    for d in 0..depth {
        let _ = writeln!(outline, "{}└── step {d}", " ".repeat(d));
    }
    let _ = writeln!(outline, "{}└── done → ✅ FINISH", " ".repeat(depth));
    let a = check(fenced(&outline));
    assert_eq!(a.document.model.graph.node_count(), depth + 2);
    assert_eq!(count(&a, "unresolved-terminal"), 1);
    assert_eq!(count(&a, "unreachable-node") + count(&a, "dead-end") + count(&a, "inconsistent-indent"), 0);
    spans_are_valid(&a);
}

#[test]
fn a_deep_chain_of_wrong_glyphs_and_jumps_back_to_the_top() {
    // Every only child drawn as a middle child (a last-child-glyph fix per level), and the
    // deepest node jumping back to the first check: a cycle through the whole depth.
    let depth = 1_000;
    let mut outline = String::from("Start?\n");
    for d in 0..depth {
        let _ = writeln!(outline, "{}├── [Check {}] Step {d}?", "│".repeat(d), d + 1);
    }
    let _ = writeln!(outline, "{}└── again → go to [Check 1]", "│".repeat(depth));
    let a = check(fenced(&outline));
    assert_eq!(count(&a, "last-child-glyph"), depth);
    assert_eq!(count(&a, "dead-end"), depth + 2, "root, checks and the jump: the only way on is back to the top");
    spans_are_valid(&a);
}

#[test]
fn a_100_000_node_outline() {
    // 10,000 checks of 9 answers each, under one root, with details for every check, an
    // action for every tenth terminal and a jump on every answer 9: every rule has work to
    // do on every node, so one quadratic rule makes this test hang.
    let checks = 10_000;
    let mut outline = String::from("Which service is down?\n");
    let mut details = String::from("## Node Details\n\n");
    let mut actions = String::from("## Terminal Actions\n\n");
    for c in 1..=checks {
        let glyph = if c == checks { "└──" } else { "├──" };
        let bar = if c == checks { " " } else { "│" };
        let _ = writeln!(outline, "{glyph} [Check {c}] Is service {c} down?");
        for a in 1..=9 {
            let g = if a == 9 { "└──" } else { "├──" };
            if a == 9 {
                let _ = writeln!(outline, "{bar}   {g} unsure → go to [Check {}]", c % checks + 1);
            } else {
                let _ = writeln!(outline, "{bar}   {g} case {a} → ✅ S{c}STEP{a}");
            }
        }
        let _ = write!(
            details,
            "### Check {c}: Is service {c} down\n\n```bash\ncurl -s https://s{c}.internal/health\n```\n\n"
        );
        if c % 10 == 0 {
            let _ = write!(actions, "### ✅ Action: S{c}Step1\n\n**Do:**\n\n```bash\nsystemctl restart s{c}\n```\n\n");
        }
    }
    let text = format!("{}\n{details}{actions}", fenced(&outline));
    let a = check(text);
    assert_eq!(a.document.model.graph.node_count(), 1 + checks * 10);
    assert_eq!(count(&a, "missing-details"), 0);
    // Only the first terminal of every tenth check has an action; with one word per title,
    // no two titles share a word, so a resolver that compares every terminal with every
    // action (80,000 × 1,000) stands out here.
    assert_eq!(count(&a, "unresolved-terminal"), checks * 8 - checks / 10);
    assert_eq!(count(&a, "cycle"), 1, "the jumps chain every check into one cycle with exits");
    spans_are_valid(&a);
}

#[test]
fn a_flat_outline_of_100_000_siblings() {
    let n = 100_000;
    let mut outline = String::from("Pick one?\n");
    for i in 0..n {
        // Every sibling but the last drawn as a last child: one fix each.
        let _ = writeln!(outline, "└── option {i} → ✅ DO {i}");
    }
    let a = check(fenced(&outline));
    assert_eq!(count(&a, "last-child-glyph"), n - 1);
    spans_are_valid(&a);
}

#[test]
fn a_one_megabyte_line_inside_and_outside_the_tree() {
    let long = "x".repeat(1 << 20);
    let text = format!(
        "# Decision Tree: Long\n\n{long}\n\n```tree\nStart?\n├── [Check 1] {long}?\n│   ├── YES → ✅ {long}\n│   └── NO → go to {long}.md\n└── └── {long}\n```\n\n## Cross-References\n\n- **Runbooks:** {long}\n"
    );
    let a = check(text);
    assert!(
        count(&a, "broken-runbook-link") == 1,
        "{:?}",
        a.diagnostics.iter().map(|d| d.rule.name()).collect::<Vec<_>>()
    );
    spans_are_valid(&a);
}

#[test]
fn nul_bytes_and_control_characters() {
    let text = fenced(
        "Start\0?\n├── [Check 1] Is it\0 down?\n│   ├── \0 → ✅ \0\n│   └── NO\u{7}\u{1b}[31m → ✅ RED\n└── \0\0\0\n",
    );
    let a = check(text);
    assert!(a.document.model.graph.node_count() >= 5);
    spans_are_valid(&a);
    check("\0".repeat(10_000));
}

#[test]
fn a_byte_order_mark() {
    let canonical = &canonical();
    let plain = check(canonical.to_string());
    let bom = check(format!("\u{feff}{canonical}"));
    let rules = |a: &Analysis| {
        a.diagnostics.iter().map(|d| (d.rule, a.document.lines.line_of(d.span.start))).collect::<Vec<_>>()
    };
    assert_eq!(rules(&bom), rules(&plain), "a BOM changes nothing but the offsets");
    spans_are_valid(&bom);
}

#[test]
fn cr_only_and_mixed_line_endings() {
    let canonical = &canonical();
    let plain = check(canonical.to_string());
    let lines = |a: &Analysis| {
        a.diagnostics.iter().map(|d| (d.rule, a.document.lines.line_of(d.span.start))).collect::<Vec<_>>()
    };
    for (name, text) in [
        ("CRLF", canonical.replace('\n', "\r\n")),
        ("CR", canonical.replace('\n', "\r")),
        (
            "mixed",
            canonical.split('\n').enumerate().map(|(i, l)| format!("{l}{}", ["\n", "\r\n", "\r"][i % 3])).collect(),
        ),
    ] {
        let a = check(text);
        spans_are_valid(&a);
        if name == "CRLF" {
            assert_eq!(lines(&a), lines(&plain), "{name}: same findings on the same lines");
        } else {
            // CommonMark reads a lone CR as a line ending too; the tree must still be seen.
            assert!(a.document.is_tree(), "{name}");
            assert!(a.document.model.graph.node_count() > 20, "{name}: the outline is read");
        }
    }
}

#[test]
fn tabs_for_indentation() {
    let text = fenced(
        "Start?\n├── [Check 1] A?\n│\t├── YES → ✅ GO\n│\t└── NO → ✅ STOP\n└──\t[Check 2] B?\n\t├── YES → ✅ GO\n\t\t└── deeper\n\t└── NO → ✅ STOP\n",
    );
    let a = check(text);
    assert!(a.document.model.graph.node_count() >= 8);
    spans_are_valid(&a);
    check("\t".repeat(100_000));
}

#[test]
fn zero_width_and_combining_characters() {
    let text = fenced(
        "Sta\u{200b}rt?\n├\u{200d}── [Check 1] Is ca\u{0301}fe\u{0301} down?\n│   ├── YE\u{0336}S → ✅ GO\u{200b}\n│   └── NO → ⚠\u{fe0f}\u{fe0f}\u{fe0f} STOP\n└── [Check\u{00a0}2] e\u{0301}\u{0301}\u{0301}\u{0301}?\n    └── \u{200b}\n",
    );
    let a = check(text);
    spans_are_valid(&a);
    // Glyphs and bars made only of combining marks and joiners.
    check(fenced(&"\u{0301}\u{200d}│\u{0301}├\u{0301}──\u{0301} x\n".repeat(1_000)));
}

#[test]
fn unterminated_and_pathological_markdown() {
    for text in [
        "```tree\nStart?\n├── a".to_string(),
        "<!--".repeat(10_000),
        "<!-- treelint-disable-next-line -->\n".repeat(5_000),
        format!("{}{}", "[".repeat(20_000), "]".repeat(20_000)),
        format!("{}x{}", "(".repeat(20_000), ")".repeat(20_000)),
        "> ".repeat(5_000) + "```tree\nS?\n└── a\n```",
        "- ".repeat(5_000) + "├── a",
        "#".repeat(10_000),
        "├── a\n".repeat(20_000),
        "|-- a\n".repeat(20_000),
        format!("# T\n\n## The Tree\n\n```\n{}```\n", "├─".repeat(50_000)),
    ] {
        let a = check(text);
        spans_are_valid(&a);
    }
}
