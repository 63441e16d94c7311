//! `fmt` keeps the meaning of a tree and is idempotent: for generated outlines in every
//! drawing style treelint reads, and for every file of the tree library (`trees/`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use treelint_core::workspace::NoFiles;

use proptest::prelude::*;
use treelint_core::format::format_document;
use treelint_core::model::Edge;
use treelint_core::{Config, Document, Rule, Workspace, analyze};

/// Everything a reader takes from a model: per node its kind, text, parent and notes;
/// the edges; the roots. Spans are left out (the drawing moves texts).
type Meaning = (Vec<String>, Vec<(usize, usize, String)>, Vec<usize>);

fn meaning(text: &str) -> Meaning {
    let doc = Document::parse(text, &Config::default());
    let m = &doc.model;
    let nodes = m
        .nodes()
        .map(|(_, n)| {
            let notes: Vec<&str> = n.notes.iter().map(|s| &doc.text[s.clone()]).collect();
            format!(
                "{:?} block={} parent={:?} implicit={} text={:?} notes={:?}",
                n.kind,
                n.block,
                n.parent.map(|p| p.index()),
                n.implicit,
                &doc.text[n.text.clone()],
                notes
            )
        })
        .collect();
    let mut edges: Vec<(usize, usize, String)> = m
        .graph
        .raw_edges()
        .iter()
        .map(|e| {
            (e.source().index(), e.target().index(), if e.weight == Edge::Jump { "jump" } else { "child" }.to_string())
        })
        .collect();
    edges.sort();
    (nodes, edges, m.roots.iter().map(|r| r.index()).collect())
}

fn last_child_glyphs(text: &str) -> usize {
    let ws = Workspace::new(PathBuf::from("/nowhere"), Config::default(), Arc::new(NoFiles));
    analyze(Path::new("/nowhere/t.md"), text, &ws).diagnostics.iter().filter(|d| d.rule == Rule::LastChildGlyph).count()
}

fn assert_formats_well(input: &str) {
    let config = Config::default();
    let once = format_document(input, &config);
    assert!(once.skipped.is_empty(), "skipped {:?}\n{input}", once.skipped);
    assert_eq!(meaning(&once.text), meaning(input), "meaning changed:\n{input}\n---\n{}", once.text);
    let twice = format_document(&once.text, &config);
    assert_eq!(twice.text, once.text, "not idempotent:\n{input}\n---\n{}", once.text);
    assert!(!twice.changed());
    assert_eq!(last_child_glyphs(&once.text), 0, "{}", once.text);
    assert_eq!(input.lines().count(), once.text.lines().count());
    assert!(once.text.lines().all(|l| l == l.trim_end()) || input.lines().any(|l| l != l.trim_end()));
}

#[test]
fn every_file_of_the_tree_library() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../trees");
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_formats_well(&text);
                seen += 1;
            }
        }
    }
    // The library is written alongside; an empty or missing folder is not a failure here.
    eprintln!("formatted {seen} library files");
}

/// How a generated outline is drawn.
#[derive(Debug, Clone)]
struct Style {
    width: usize,
    glyphs: (&'static str, &'static str),
    bar: char,
    crlf: bool,
    implicit_root: bool,
    fenced: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        2usize..6,
        prop::sample::select(vec![("├──", "└──"), ("├─", "└─"), ("|--", "`--"), ("+--", "\\--"), ("┣━━", "┗━━")]),
        prop::sample::select(vec!['│', '|', ' ']),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.9),
    )
        .prop_map(|(width, glyphs, bar, crlf, implicit_root, fenced)| Style {
            width,
            glyphs,
            bar,
            crlf,
            implicit_root,
            fenced,
        })
}

fn node_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "[Check 1] Is it down?",
        "[Check 2] Is rollback safe? (no migration)",
        "Is it additive?",
        "YES",
        "NO (partial)",
        "YES → ✅ ROLL BACK",
        "NO → ⚠️ ESCALATE — page \"now\"",
        "maybe -> go to [Check 1]",
        "other → config-change.md#check-2",
        "Ready? ──────→ ✅ GO <fast> | {x}",
        "a -x",
        "😀 emoji 🛑 text",
        "",
    ])
    .prop_map(str::to_string)
}

/// One generated line: a node at a depth (1 = child of the root), or a note, or a spacer.
#[derive(Debug, Clone)]
enum Gen {
    Node { depth_step: i8, text: String, last: bool },
    Note(String),
    Spacer(bool),
}

fn lines() -> impl Strategy<Value = Vec<Gen>> {
    let item = prop_oneof![
        6 => (-3i8..=1, node_text(), any::<bool>()).prop_map(|(depth_step, text, last)| Gen::Node { depth_step, text, last }),
        1 => prop::sample::select(vec!["kubectl rollout undo", "note: see \"docs\" [here]", "plain words"]).prop_map(|s| Gen::Note(s.to_string())),
        1 => any::<bool>().prop_map(Gen::Spacer),
    ];
    prop::collection::vec(item, 1..30)
}

fn render(style: &Style, gens: &[Gen]) -> String {
    let nl = if style.crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    if style.fenced {
        out.push_str("# T\n\n## The Tree\n\n```tree");
        out.push_str(nl);
    } else {
        out.push_str("# T\n\n");
    }
    if !style.implicit_root || !style.fenced {
        out.push_str("Something broke — what now?");
        out.push_str(nl);
    }
    let mut depth = 0usize;
    let mut has_node = false;
    for g in gens {
        match g {
            Gen::Node { depth_step, text, last } => {
                depth = (depth as i64 + *depth_step as i64).clamp(1, depth as i64 + 1) as usize;
                let mut line = String::new();
                for _ in 1..depth {
                    line.push(style.bar);
                    line.push_str(&" ".repeat(style.width - 1));
                }
                line.push_str(if *last { style.glyphs.1 } else { style.glyphs.0 });
                if !text.is_empty() {
                    line.push(' ');
                    line.push_str(text);
                }
                out.push_str(&line);
                has_node = true;
            }
            Gen::Note(text) if has_node => {
                out.push_str(&" ".repeat(depth * style.width + 1));
                out.push_str(text);
            }
            Gen::Note(_) => {}
            Gen::Spacer(bars) => {
                if style.fenced && !*bars {
                    // An empty line inside the fence.
                } else {
                    out.push(if style.bar == ' ' { '│' } else { style.bar });
                }
            }
        }
        out.push_str(nl);
    }
    if style.fenced {
        out.push_str("```");
        out.push_str(nl);
    }
    out.push_str(nl);
    out.push_str("After the tree.");
    out.push_str(nl);
    out
}

/// The same outline as a plain bullet list (or bare indentation) in a ```tree block.
fn render_plain(gens: &[Gen], width: usize, bullet: Option<char>) -> String {
    let mut out = String::from("# T\n\n## The Tree\n\n```tree\nSomething broke — what now?\n");
    let mut depth = 0usize;
    let mut has_node = false;
    for g in gens {
        match g {
            Gen::Node { depth_step, text, .. } => {
                depth = (depth as i64 + *depth_step as i64).clamp(1, depth as i64 + 1) as usize;
                let indent = match bullet {
                    Some(_) => (depth - 1) * width,
                    None => depth * width,
                };
                out.push_str(&" ".repeat(indent));
                if let Some(b) = bullet {
                    out.push(b);
                    if !text.is_empty() {
                        out.push(' ');
                    }
                }
                out.push_str(text);
                has_node = true;
            }
            // Notes exist only in the bullet form.
            Gen::Note(text) if has_node && bullet.is_some() => {
                out.push_str(&" ".repeat((depth - 1) * width + 2));
                out.push_str(text);
            }
            Gen::Note(_) => continue,
            Gen::Spacer(_) => {}
        }
        out.push('\n');
    }
    out.push_str("```\n\nAfter the tree.\n");
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fmt_keeps_the_model_and_is_idempotent(style in style(), gens in lines()) {
        let input = render(&style, &gens);
        let config = Config::default();
        let once = format_document(&input, &config);
        // A generated outline may slip (a depth drawn at an odd column never happens here,
        // but an unfenced run can end early); what is formatted must keep its meaning.
        prop_assert_eq!(meaning(&once.text), meaning(&input), "{}\n---\n{}", input, once.text);
        let twice = format_document(&once.text, &config);
        prop_assert_eq!(&twice.text, &once.text);
        if once.skipped.is_empty() {
            prop_assert_eq!(last_child_glyphs(&once.text), 0, "{}", once.text);
        }
        // Outside the tree block not a byte changes.
        prop_assert!(once.text.starts_with("# T\n\n"));
        prop_assert!(once.text.ends_with("After the tree.\n") || once.text.ends_with("After the tree.\r\n"));
    }

    #[test]
    fn fmt_never_panics_on_any_text(s in "(\\PC|\n|\r|\t| |│|├──|└──|`-- |```tree\n){0,200}") {
        let once = format_document(&s, &Config::default());
        prop_assert_eq!(&format_document(&once.text, &Config::default()).text, &once.text);
    }

    #[test]
    fn plain_outlines_read_as_the_drawn_tree(gens in lines(), width in 1usize..5, bullet in prop::sample::select(vec![Some('-'), Some('*'), Some('+'), None])) {
        // Bare indentation cannot hold an empty node or a note; keep to what it can say.
        let gens: Vec<Gen> = gens
            .into_iter()
            .filter(|g| bullet.is_some() || matches!(g, Gen::Node { text, .. } if !text.is_empty()))
            .collect();
        prop_assume!(gens.iter().any(|g| matches!(g, Gen::Node { .. })));
        let plain = render_plain(&gens, width, bullet);
        let drawn = render(&Style { width: 4, glyphs: ("├──", "└──"), bar: '│', crlf: false, implicit_root: false, fenced: true }, &gens);
        let once = format_document(&plain, &Config::default());
        prop_assert!(once.skipped.is_empty(), "{:?}\n{}", once.skipped, plain);
        prop_assert_eq!(meaning(&once.text), meaning(&drawn), "{}\n---\n{}", plain, once.text);
        prop_assert_eq!(&format_document(&once.text, &Config::default()).text, &once.text);
        prop_assert_eq!(last_child_glyphs(&once.text), 0);
    }
}
