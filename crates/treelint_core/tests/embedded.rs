//! Trees in ordinary Markdown (FORMAT.md §1): which documents are tree documents, the list
//! of trees a user picks from, and the settings that turn embedded checking off or make a
//! folder strict.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use treelint_core::document::{Document, DocumentKind};
use treelint_core::{Config, FileSystem, Workspace, analyze};

struct NoFiles;

impl FileSystem for NoFiles {
    fn is_file(&self, _: &Path) -> bool {
        false
    }
    fn read_to_string(&self, _: &Path) -> Option<String> {
        None
    }
}

fn rules(config: Config, path: &str, text: &str) -> Vec<&'static str> {
    let ws = Workspace::new(PathBuf::from("/ws"), config, Arc::new(NoFiles));
    analyze(Path::new(path), text, &ws).diagnostics.iter().map(|d| d.rule.name()).collect()
}

const README: &str = "# Service\n\n## Which database?\n\n```\nNeed transactions?\n├── Yes → PostgreSQL\n└── No → Is the data larger than 1 TB?\n    └── Yes → Cassandra\n```\n\n## Which queue?\n\n```\nNeed ordering?\n├── Yes → Kafka\n└── No → SQS\n```\n";

#[test]
fn what_makes_a_tree_document() {
    let kind = |text: &str| Document::parse(text, &Config::default()).kind;
    assert_eq!(kind("# Decision Tree: X\n"), DocumentKind::TreeDocument);
    assert_eq!(kind("# X\n\n```tree\nA?\n├── Y\n└── N\n```\n"), DocumentKind::TreeDocument);
    assert_eq!(kind("---\ntreelint: true\n---\n# X\n"), DocumentKind::TreeDocument);
    assert_eq!(kind("# X\n\n## Node Details\n"), DocumentKind::TreeDocument);
    assert_eq!(kind("# X\n\n## Terminal Actions\n"), DocumentKind::TreeDocument);
    assert_eq!(kind(README), DocumentKind::Embedded);
    assert_eq!(kind("# Notes on our trees\n\n## The Tree\n"), DocumentKind::Embedded);
}

#[test]
fn a_colon_answer_with_children_is_an_answer_and_its_question() {
    use treelint_core::model::NodeKind;
    let text = "# Integrations\n\n```\nDo you need live data?\n├── YES: Does an MCP server exist?\n│   ├── YES: Use the MCP server\n│   └── NO: Write a small adapter\n└── NO: Export a snapshot nightly\n```\n\n```\nStorage\n├── Cache: keeps hot rows in memory\n└── Archive: keeps cold rows on disk\n```\n";
    let doc = Document::parse(text, &Config::default());
    // The glossary under a noun is no decision: one tree only.
    assert_eq!(doc.trees().len(), 1);
    let root = doc.trees()[0].root;
    let first = doc.model.children(root)[0];
    let node = doc.model.node(first);
    assert_eq!(node.kind, NodeKind::Question);
    assert_eq!(doc.slice(&node.label), "YES");
    assert_eq!(doc.slice(&node.outcome.as_ref().unwrap().span), "Does an MCP server exist?");
    // Read exactly as the same tree drawn with arrows.
    let arrows = text.replace("YES: ", "YES → ").replace("NO: ", "NO → ");
    let as_arrows = Document::parse(arrows.as_str(), &Config::default());
    let shape = |d: &Document| -> Vec<(NodeKind, String, Option<String>)> {
        d.model
            .nodes()
            .map(|(_, n)| {
                (n.kind, d.slice(&n.label).to_string(), n.outcome.as_ref().map(|o| d.slice(&o.span).to_string()))
            })
            .collect()
    };
    assert_eq!(shape(&doc), shape(&as_arrows));
    assert!(rules(Config::default(), "/ws/integrations.md", text).is_empty());
}

#[test]
fn each_embedded_tree_is_listed_and_can_be_picked() {
    let doc = Document::parse(README, &Config::default());
    let trees = doc.trees();
    let listed: Vec<(usize, &str, Option<&str>)> =
        trees.iter().map(|t| (t.number, t.root_text.as_str(), t.heading.as_deref())).collect();
    assert_eq!(
        listed,
        vec![(1, "Need transactions?", Some("Which database?")), (2, "Need ordering?", Some("Which queue?"))]
    );
    assert_eq!(&README[trees[1].span.clone()], "Need ordering?\n├── Yes → Kafka\n└── No → SQS");
    assert_eq!(doc.select_tree("2").map(|t| t.number), Some(2));
    assert_eq!(doc.select_tree("need ORDERING?").map(|t| t.number), Some(2), "by root text");
    assert_eq!(doc.select_tree("Which database?").map(|t| t.number), Some(1), "by heading");
    assert_eq!(doc.select_tree("database").map(|t| t.number), Some(1), "by a unique part");
    assert_eq!(doc.select_tree("Which"), None, "ambiguous");
    assert_eq!(doc.select_tree("3"), None);
}

#[test]
fn only_the_drawing_and_graph_rules_apply_to_embedded_trees() {
    // The second tree is not unreachable, outcomes in words are no unmarked leaves, questions
    // need no check labels; the single answer under "Is the data larger…" is a true slip.
    assert_eq!(rules(Config::default(), "/ws/README.md", README), vec!["single-answer"]);
}

#[test]
fn embedded_checking_can_be_turned_off() {
    let config = Config { embedded: false, ..Config::default() };
    assert!(rules(config, "/ws/README.md", README).is_empty());
}

#[test]
fn a_tree_dir_makes_its_files_tree_documents() {
    let config = Config { tree_dirs: vec![PathBuf::from("decisions")], ..Config::default() };
    let strict = rules(config.clone(), "/ws/decisions/README.md", README);
    assert!(strict.contains(&"unreachable-node"), "strict: the second root is unreachable: {strict:?}");
    assert!(strict.contains(&"unlabeled-question"), "{strict:?}");
    assert_eq!(rules(config, "/ws/docs/README.md", README), vec!["single-answer"], "outside the folder");
}

/// The text after applying every fix of `rule` (edits in reverse order; they never overlap).
fn fixed(text: &str, rule: &str) -> String {
    let ws = Workspace::new(PathBuf::from("/ws"), Config::default(), Arc::new(NoFiles));
    let a = analyze(Path::new("/ws/README.md"), text, &ws);
    let mut edits: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.rule.name() == rule)
        .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.clone()))
        .collect();
    edits.sort_by_key(|e| e.span.start);
    let mut out = text.to_string();
    for e in edits.iter().rev() {
        out.replace_range(e.span.clone(), &e.text);
    }
    out
}

#[test]
fn a_last_child_glyph_is_redrawn_in_the_blocks_own_ascii_convention() {
    // `tree /A`: `+--` a middle child, `\--` the last.
    let windows = "```\nInstall for all users?\n+-- Yes => Use the MSI\n+-- No => Is auto-update needed?\n    +-- Yes => MSIX\n    \\-- No => Portable zip\n```\n";
    assert_eq!(fixed(windows, "last-child-glyph"), windows.replace("+-- No =>", "\\-- No =>"));
    // `|--` with `+--` as the last child.
    let plus = "```\nIs it urgent?\n|-- Yes --> Page someone\n|-- No --> Is it a bug?\n    |-- Yes --> Ticket\n    +-- No --> Ignore\n```\n";
    assert_eq!(fixed(plus, "last-child-glyph"), plus.replace("|-- No --> Is", "+-- No --> Is"));
}

#[test]
fn a_fence_in_a_blockquote_keeps_its_positions_and_is_never_redrawn_by_a_fix() {
    let text = "> ```\n> Is the queue deep?\n> ├── Yes → Scale up\n> ├── No → Leave it\n> ```\n";
    let ws = Workspace::new(PathBuf::from("/ws"), Config::default(), Arc::new(NoFiles));
    let a = analyze(Path::new("/ws/README.md"), text, &ws);
    let d: Vec<_> = a.diagnostics.iter().map(|d| (d.rule.name(), &text[d.span.clone()], d.fix.is_some())).collect();
    assert_eq!(d, vec![("last-child-glyph", "├──", false)]);
    assert_eq!(a.document.lines.line_of(a.diagnostics[0].span.start), 3);
}
