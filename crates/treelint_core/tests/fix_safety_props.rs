//! Properties of `fmt`, `--fix` and `--unsafe-fixes` on documents drawn in the styles of
//! FORMAT.md §2b (indented blocks, box, short and ASCII glyphs, CRLF, tabs, blockquotes,
//! flowcharts, several roots per block, no final newline), not only the canonical form:
//!
//! - nothing changes outside the drawing of a tree block (and, for unsafe fixes, outside
//!   the stub sections they insert and the check numbers they rename);
//! - the tree read back after fixing is the tree before, plus only the intended change
//!   (safe fixes: the same nodes, parents, texts, notes and jumps; unsafe fixes: the same
//!   up to a renumbering of checks), and no finding appears that was not there before
//!   (fixes never combine into a new finding), apart from the stubs' `empty-details`;
//! - fixing twice changes nothing; formatting twice changes nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use treelint_core::fix::{FixOptions, fix_document};
use treelint_core::format::format_document;
use treelint_core::model::Edge;
use treelint_core::workspace::NoFiles;
use treelint_core::{Config, Document, Rule, Workspace, analyze};

/// How a block is drawn.
#[derive(Debug, Clone)]
struct Style {
    /// Glyphs: middle, last, bar, and the width of one level.
    glyphs: (&'static str, &'static str, &'static str, usize),
    /// Put before every line of the block.
    indent: &'static str,
    /// The fence's info string; `None`: unfenced; blockquoted: every line starts with `> `.
    fence: Option<&'static str>,
    blockquote: bool,
    crlf: bool,
    final_newline: bool,
    /// An H1 that makes the file a tree document.
    tree_document: bool,
}

fn style() -> impl Strategy<Value = Style> {
    let glyphs = prop::sample::select(vec![
        ("├── ", "└── ", "│   ", 4),
        ("├─ ", "└─ ", "│  ", 3),
        ("|-- ", "`-- ", "|   ", 4),
        ("+-- ", "\\-- ", "|   ", 4),
    ]);
    let indent = prop::sample::select(vec!["", "", "  ", "    ", "\t"]);
    let fence = prop::sample::select(vec![Some("tree"), Some(""), Some("text"), None]);
    (glyphs, indent, fence, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(glyphs, indent, fence, blockquote, crlf, final_newline, tree_document)| Style {
            glyphs,
            indent,
            fence,
            blockquote: blockquote && fence.is_some(),
            crlf,
            final_newline,
            tree_document,
        },
    )
}

/// One node below a root: its depth (1 = child of the root), its text, whether its glyph
/// is drawn wrong, and a note line under it.
type Item = (usize, &'static str, bool, bool);

fn items() -> impl Strategy<Value = Vec<Item>> {
    let text = prop::sample::select(vec![
        "[Check 1] Is it up?",
        "[Check 2] Is it slow?",
        "[Check 3] Did it change?",
        "Is the queue long?",
        "YES → ✅ Roll back",
        "NO → ⚠️ Page the on-call",
        "YES → [Check 1]",
        "NO → go to [Check 3]",
        "yes",
        "no → keep watching",
        "Sí → ✅ Reiniciar",
    ]);
    prop::collection::vec((0usize..3, text, prop::bool::weighted(0.2), prop::bool::weighted(0.1)), 1..9).prop_map(
        |raw| {
            // Depths that a drawing can express: each at most one deeper than the one before.
            let mut depth: usize = 0;
            raw.into_iter()
                .map(|(step, text, wrong, note)| {
                    depth = match step {
                        0 => depth + 1,
                        1 => depth.max(1),
                        _ => depth.saturating_sub(1).max(1),
                    };
                    (depth, text, wrong, note)
                })
                .collect()
        },
    )
}

/// The lines of one tree: a root line, then its branches drawn in `style`.
fn draw_tree(root: &str, items: &[Item], style: &Style) -> Vec<String> {
    let (middle, last, bar, width) = style.glyphs;
    let gap = " ".repeat(width);
    let later_sibling = |i: usize| {
        let d = items[i].0;
        items[i + 1..].iter().take_while(|it| it.0 >= d).any(|it| it.0 == d)
    };
    let mut lines = vec![root.to_string()];
    for (i, &(depth, text, wrong, note)) in items.iter().enumerate() {
        // The bar of each level above: drawn where that ancestor has a later sibling.
        let mut prefix = String::new();
        for level in 1..depth {
            let ancestor = (0..i).rev().find(|&j| items[j].0 == level).expect("a parent exists");
            prefix.push_str(if later_sibling(ancestor) { bar } else { &gap });
        }
        let is_last = !later_sibling(i);
        let glyph = if is_last != wrong { last } else { middle };
        lines.push(format!("{prefix}{glyph}{text}"));
        if note {
            let own = if is_last { gap.clone() } else { bar.to_string() };
            lines.push(format!("{prefix}{own}kubectl get pods"));
        }
    }
    lines
}

/// A vertical flowchart: steps joined by `|` and `v` lines, with one branching step.
fn flowchart(style: &Style) -> Vec<String> {
    let (middle, _, _, _) = style.glyphs;
    let mut lines = vec!["Build the image".to_string(), "  |".into(), "  v".into(), "Did the tests pass?".into()];
    lines.push(format!("  {middle}no --> fix and rebuild"));
    lines.push(format!("  {middle}yes"));
    lines.extend(["  |".into(), "  v".into(), "Deploy to staging".to_string()]);
    lines
}

#[derive(Debug, Clone)]
struct Doc {
    text: String,
}

fn document() -> impl Strategy<Value = Doc> {
    (
        style(),
        prop::collection::vec(items(), 1..3),
        any::<bool>(),
        prop::sample::select(vec!["", "1", "2", "3", "2 1", "3 1"]),
        any::<bool>(),
    )
        .prop_map(|(style, trees, flow, details, comment)| {
            let mut out: Vec<String> = Vec::new();
            out.push(if style.tree_document { "# Decision Tree: Service health" } else { "# Service guide" }.into());
            out.push(String::new());
            out.push("Read the questions top to bottom.".into());
            out.push(String::new());
            if comment {
                out.push("<!-- treelint-disable-next-line cycle -->".into());
            }
            let mut block: Vec<String> = Vec::new();
            for (t, items) in trees.iter().enumerate() {
                if t > 0 {
                    block.push(String::new());
                }
                let root = ["Is the service healthy?", "Is the database healthy?"][t % 2];
                block.extend(draw_tree(root, items, &style));
            }
            let mut blocks = vec![block];
            if flow {
                blocks.push(flowchart(&style));
            }
            for block in blocks {
                let q = if style.blockquote { "> " } else { "" };
                if let Some(info) = style.fence {
                    out.push(format!("{q}```{info}"));
                }
                for line in block {
                    let line = if line.is_empty() { line } else { format!("{}{line}", style.indent) };
                    out.push(format!("{q}{line}").trim_end().to_string());
                }
                if style.fence.is_some() {
                    out.push(format!("{q}```"));
                }
                out.push(String::new());
                out.push("Then tell the team.".into());
                out.push(String::new());
            }
            if !details.is_empty() {
                out.push("## Node Details".into());
                out.push(String::new());
                for id in details.split(' ') {
                    out.push(format!("### Check {id}: Step {id}"));
                    out.push(String::new());
                    out.push("```bash".into());
                    out.push(format!("echo step {id}"));
                    out.push("```".into());
                    out.push(String::new());
                }
            }
            out.push("The end.".into());
            let newline = if style.crlf { "\r\n" } else { "\n" };
            let mut text = out.join(newline);
            if style.final_newline {
                text.push_str(newline);
            }
            Doc { text }
        })
}

fn workspace() -> Workspace {
    Workspace::new("/ws".into(), Config::default(), Arc::new(NoFiles))
}

/// A line with its drawing (leading spaces, tabs, bars and glyph characters) taken away,
/// and check numbers written `#` when `renumbered` (an unsafe fix may rename them).
fn content(line: &str, renumbered: bool) -> String {
    let rest = line.trim_start_matches(|c: char| " \t│┃|├└┣┗─━-`+\\".contains(c));
    let mut out = rest.trim_end().to_string();
    if renumbered {
        // `Check 12` → `Check #`.
        let mut masked = String::new();
        let mut chars = out.chars().peekable();
        let mut after_check = false;
        while let Some(c) = chars.next() {
            if after_check && c.is_ascii_digit() {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                masked.push('#');
                after_check = false;
                continue;
            }
            masked.push(c);
            after_check = masked.ends_with("Check ");
        }
        out = masked;
    }
    out
}

/// Lines of the stubs that unsafe fixes insert.
fn stub_line(line: &str) -> bool {
    let l = line.trim();
    l.is_empty()
        || l.starts_with("## ")
        || l.starts_with("### ")
        || [
            "**Command/method:**",
            "```bash",
            "```",
            "# TODO: commands for this check",
            "**Do:**",
            "# TODO: steps for this outcome",
            "**When:** TODO",
            "**Risk:** TODO",
            "**Mitigation:** TODO",
        ]
        .contains(&l)
}

/// The lines of `text` that lie in a tree block's drawing (its content lines), by index.
fn tree_lines(text: &str) -> Vec<bool> {
    let doc = Document::parse(text, &Config::default());
    let mut starts = vec![0];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            starts.push(i + 1);
        }
    }
    let lines = text.lines().count();
    (0..lines).map(|i| doc.blocks.iter().any(|b| b.content.start <= starts[i] && starts[i] < b.content.end)).collect()
}

/// Checks that `after` changes `before` only in the drawing of tree lines; with `unsafe_`,
/// also by inserting stub lines and renaming check numbers.
fn only_drawing_changed(before: &str, after: &str, unsafe_: bool) -> Result<(), String> {
    let in_tree = tree_lines(before);
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    // Only a removed suppression comment may take a line away (skipped below).
    let (mut i, mut j) = (0, 0);
    while i < b.len() {
        if b[i].starts_with("<!-- treelint-disable") && a.get(j) != Some(&b[i]) {
            i += 1;
            continue;
        }
        let Some(next) = a.get(j) else { return Err(format!("line {} lost: {:?}", i + 1, b[i])) };
        let same = if in_tree[i] { content(b[i], unsafe_) == content(next, unsafe_) } else { b[i] == *next };
        let renamed = unsafe_ && content(b[i], true) == content(next, true) && b[i].starts_with("### Check");
        if same || renamed {
            i += 1;
            j += 1;
        } else if unsafe_ && stub_line(next) {
            j += 1;
        } else {
            return Err(format!("line {} changed: {:?} → {:?}", i + 1, b[i], next));
        }
    }
    if let Some(extra) = a[j..].iter().find(|l| !(unsafe_ && stub_line(l))) {
        return Err(format!("line added: {extra:?}"));
    }
    Ok(())
}

/// What a reader takes from the trees: per node its kind, block, parent, text (check
/// numbers masked when `renumbered`), notes; the edges.
fn meaning(text: &str, renumbered: bool) -> (Vec<String>, Vec<(usize, usize, bool)>) {
    let doc = Document::parse(text, &Config::default());
    let nodes = doc
        .model
        .nodes()
        .map(|(_, n)| {
            let notes: Vec<&str> = n.notes.iter().map(|s| &doc.text[s.clone()]).collect();
            format!(
                "{:?} block={} parent={:?} text={:?} notes={notes:?}",
                n.kind,
                n.block,
                n.parent.map(|p| p.index()),
                content(&doc.text[n.text.clone()], renumbered),
            )
        })
        .collect();
    let mut edges: Vec<(usize, usize, bool)> = doc
        .model
        .graph
        .raw_edges()
        .iter()
        .map(|e| (e.source().index(), e.target().index(), e.weight == Edge::Jump))
        .collect();
    edges.sort();
    (nodes, edges)
}

/// Checks that the lines of every block `fmt` leaves alone (a flowchart, a block whose
/// redrawing would read differently) are kept as they are: fixes and `fmt` share one check.
/// With `renumbered`, check numbers may change (a renumbering renames labels, not drawings).
fn blocks_fmt_refuses_kept(before: &str, after: &str, renumbered: bool) -> Result<(), String> {
    let refused = format_document(before, &Config::default()).skipped;
    if refused.is_empty() {
        return Ok(());
    }
    let doc = Document::parse(before, &Config::default());
    for s in &refused {
        let Some(block) = doc.blocks.iter().find(|b| b.content.start <= s.span.start && s.span.start <= b.content.end)
        else {
            continue;
        };
        let first = before[..block.content.start].lines().count();
        let count = before[block.content.clone()].lines().count();
        let masked = |l: &str| if renumbered { content(l, true) } else { l.to_string() };
        let b: Vec<String> = before.lines().skip(first).take(count).map(masked).collect();
        // Stubs go after the trees, so the block's lines keep their numbers (a removed
        // suppression comment above it moves them up by one).
        let shifted = |k: usize| after.lines().skip(first - k).take(count).map(masked).collect::<Vec<String>>();
        if shifted(0) != b && (first == 0 || shifted(1) != b) {
            return Err(format!("a block `fmt` leaves alone was changed ({})", s.message));
        }
    }
    Ok(())
}

fn findings(text: &str) -> BTreeMap<Rule, usize> {
    let mut out = BTreeMap::new();
    for d in analyze(Path::new("/ws/t.md"), text, &workspace()).diagnostics {
        *out.entry(d.rule).or_default() += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, .. ProptestConfig::default() })]

    #[test]
    fn fmt_changes_only_drawings_keeps_the_tree_and_is_idempotent(doc in document()) {
        let config = Config::default();
        let once = format_document(&doc.text, &config);
        if let Err(e) = only_drawing_changed(&doc.text, &once.text, false) {
            prop_assert!(false, "{e}\n--- before\n{}\n--- after\n{}", doc.text, once.text);
        }
        prop_assert_eq!(meaning(&once.text, false), meaning(&doc.text, false), "{}", once.text);
        let twice = format_document(&once.text, &config);
        prop_assert_eq!(&twice.text, &once.text);
        // A flowchart is never redrawn.
        for line in doc.text.lines().filter(|l| l.trim() == "|" || l.trim() == "v") {
            prop_assert!(once.text.lines().any(|l| l == line));
        }
    }

    #[test]
    fn safe_fixes_change_only_drawings_and_keep_the_tree(doc in document()) {
        let out = fix_document(Path::new("/ws/t.md"), &doc.text, &workspace(), FixOptions { unsafe_fixes: false });
        prop_assert!(out.converged);
        if let Err(e) = only_drawing_changed(&doc.text, &out.text, false) {
            prop_assert!(false, "{e}\n--- before\n{}\n--- after\n{}", doc.text, out.text);
        }
        prop_assert_eq!(meaning(&out.text, false), meaning(&doc.text, false), "{}", out.text);
        if let Err(e) = blocks_fmt_refuses_kept(&doc.text, &out.text, false) {
            prop_assert!(false, "{e}\n--- before\n{}\n--- after\n{}", doc.text, out.text);
        }
        let (before, after) = (findings(&doc.text), findings(&out.text));
        for (rule, n) in &after {
            prop_assert!(before.get(rule).is_some_and(|b| b >= n), "new {rule} findings:\n{}", out.text);
        }
        let twice = fix_document(Path::new("/ws/t.md"), &out.text, &workspace(), FixOptions { unsafe_fixes: false });
        prop_assert_eq!(&twice.text, &out.text);
        prop_assert_eq!(twice.total(), 0);
    }

    #[test]
    fn unsafe_fixes_add_only_stubs_and_never_combine_into_new_findings(doc in document()) {
        let out = fix_document(Path::new("/ws/t.md"), &doc.text, &workspace(), FixOptions { unsafe_fixes: true });
        prop_assert!(out.converged);
        if let Err(e) = only_drawing_changed(&doc.text, &out.text, true) {
            prop_assert!(false, "{e}\n--- before\n{}\n--- after\n{}", doc.text, out.text);
        }
        prop_assert_eq!(meaning(&out.text, true), meaning(&doc.text, true), "{}", out.text);
        if let Err(e) = blocks_fmt_refuses_kept(&doc.text, &out.text, true) {
            prop_assert!(false, "{e}\n--- before\n{}\n--- after\n{}", doc.text, out.text);
        }
        let (before, after) = (findings(&doc.text), findings(&out.text));
        for (rule, n) in after.iter().filter(|(r, _)| **r != Rule::EmptyDetails) {
            prop_assert!(before.get(rule).is_some_and(|b| b >= n), "new {rule} findings:\n{}", out.text);
        }
        let twice = fix_document(Path::new("/ws/t.md"), &out.text, &workspace(), FixOptions { unsafe_fixes: true });
        prop_assert_eq!(&twice.text, &out.text);
        prop_assert_eq!(twice.total(), 0);
    }
}
