//! The embedded-tree corpus (`tests/corpus/embedded/` at the top of the repository): decision
//! trees as people write them in READMEs, runbooks and guides (FORMAT.md §1 and §2b), in
//! several languages and drawing styles, next to diagrams that are not decisions.
//!
//! Each `NAME.md` has a `NAME.expected` beside it: the trees treelint reads in it (every node
//! with its kind, label and outcome, so each style is held to the reading its author meant)
//! and its findings. On top of matching those files exactly, the corpus holds these promises:
//! no panic; a correct tree has no finding at error severity; a block that is not a decision
//! (`nd-*` files) is no tree and gets no finding; every slip planted in a `*slip*` file is
//! found. `UPDATE_EXPECT=1 cargo test --test embedded_corpus` rewrites the `.expected` files
//! (review the diff before committing it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use petgraph::graph::NodeIndex;
use treelint_core::document::Document;
use treelint_core::syntax::node_text::OutcomeTarget;
use treelint_core::{Config, RealFs, Severity, Workspace, analyze};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/embedded")
}

fn files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("the corpus folder exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    out.sort();
    out
}

/// Labels and outcomes are quoted with `{:?}`, so control characters and line ends show.
fn node_line(doc: &Document, n: NodeIndex, depth: usize, out: &mut String) {
    let node = doc.model.node(n);
    let kind = node.kind.as_str();
    let _ = write!(out, "{}{kind} {:?}", "  ".repeat(depth + 1), &doc.text[node.label.clone()]);
    if let Some(check) = &node.check {
        let _ = write!(out, " [check {}]", check.id);
    }
    if let Some(outcome) = &node.outcome {
        let target = match &outcome.target {
            OutcomeTarget::Terminal { marker, .. } => format!("terminal {}", marker.kind.as_str()),
            OutcomeTarget::Check(label) => format!("jump to check {}", label.id),
            OutcomeTarget::File { path, .. } => format!("jump to file {path}"),
            OutcomeTarget::Text => "text".to_string(),
        };
        let _ = write!(out, " -> {target} {:?}", &doc.text[outcome.span.clone()]);
    }
    out.push('\n');
}

/// The trees of a document, one node per line, children indented under their parent.
fn outline(doc: &Document) -> String {
    let mut out = String::new();
    for tree in doc.trees() {
        let heading = tree.heading.as_deref().map(|h| format!(" (under {h:?})")).unwrap_or_default();
        let _ = writeln!(out, "tree {}{heading}", tree.number);
        let mut stack = vec![(tree.root, 0usize)];
        while let Some((n, depth)) = stack.pop() {
            node_line(doc, n, depth, &mut out);
            for child in doc.model.children(n).into_iter().rev() {
                stack.push((child, depth + 1));
            }
        }
    }
    out
}

/// What the `.expected` file of one document says.
fn report(path: &Path) -> (String, Vec<(Severity, String)>, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let ws = Workspace::new(corpus(), Config::default(), Arc::new(RealFs));
    let analysis = analyze(path, text, &ws);
    let doc = &analysis.document;
    let mut out = outline(doc);
    out.push_str("findings\n");
    let mut findings = Vec::new();
    for d in &analysis.diagnostics {
        let at = doc.lines.line_col(&doc.text, d.span.start);
        let line = format!("{}:{} {} {}", at.line + 1, at.col + 1, d.severity.as_str(), d.rule.name());
        let _ = writeln!(out, "  {line}");
        findings.push((d.severity, line));
    }
    (out, findings, doc.trees().len())
}

#[test]
fn the_corpus_reads_as_its_authors_meant() {
    let files = files();
    assert!(files.len() >= 40, "the corpus holds at least 40 documents, found {}", files.len());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    let (mut total, mut errors) = (0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (got, findings, trees) = report(path);
        total += findings.len();
        errors += findings.iter().filter(|(s, _)| *s == Severity::Error).count();
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != got {
                mismatches.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
            }
        }
        if name.starts_with("nd-") {
            assert_eq!(trees, 0, "{name}: a diagram that is not a decision is no tree");
            assert!(findings.is_empty(), "{name}: no finding on a non-decision block: {findings:?}");
        } else {
            assert!(trees >= 1, "{name}: its decision trees are recognised");
        }
        if name.contains("slip") {
            assert!(!findings.is_empty(), "{name}: the planted slip is found");
        } else {
            let errs: Vec<_> = findings.iter().filter(|(s, _)| *s == Severity::Error).collect();
            assert!(errs.is_empty(), "{name}: a correct tree has no error: {errs:?}");
        }
    }
    eprintln!("embedded corpus: {} documents, {total} findings, {errors} errors", files.len());
    assert!(
        mismatches.is_empty(),
        "{} documents differ from their .expected:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
