//! `treelint paths FILE`: every root-to-outcome path of a tree with the answers taken, the
//! outcome of each, the count and the longest (the core's `paths` module). The review view
//! of a tree: every case it covers, one after the other.
//!
//! Exit status: 0 when the paths were listed; 2 for bad usage, a bad configuration or an
//! unreadable input. Document text is sanitised before it reaches a terminal.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;
use treelint_core::Document;
use treelint_core::config::OutcomeKind;
use treelint_core::document::TreeInfo;
use treelint_core::export::diagram::node_id;
use treelint_core::model::NodeKind;
use treelint_core::paths::{End, Limits, NodeIndex, Paths, TreePath, Via, enumerate, enumerate_from};

use crate::commands::export::{load, write_output};
use crate::commands::tree_arg::{TreeArgs, describe};
use crate::discover::ConfigArgs;
use crate::render::sanitize_line;

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// The tree file (`-` reads standard input).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Stop after this many paths (the listing says when it stopped early).
    #[arg(long, default_value_t = Limits::default().max_paths, value_name = "N")]
    pub max_paths: usize,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub tree: TreeArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One block per path: questions, the answers taken, the outcome.
    Human,
    /// One JSON object (`version` 1).
    Json,
}

pub fn run(args: PathsArgs) -> u8 {
    let (doc, shown) = match load(&args.file, &args.config) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {}", sanitize_line(&e));
            return 2;
        }
    };
    if !doc.is_tree() {
        eprintln!("warning: {}: holds no tree block", sanitize_line(&shown));
    }
    let chosen = match args.tree.select(&doc, &shown) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let limits = Limits { max_paths: args.max_paths.max(1), ..Limits::default() };
    let trees = doc.trees();
    // One tree (named, or the file's only one) keeps the listing of one tree; a file with
    // several lists each, numbered, so none is silently left out.
    let text = match (chosen, trees.len()) {
        (Some(t), _) => one(&doc, &shown, args.format, t.root, Some(&t), enumerate_from(&doc.model, t.root, limits)),
        (None, n) if n > 1 => {
            let each: Vec<(TreeInfo, Paths)> =
                trees.into_iter().map(|t| (t.clone(), enumerate_from(&doc.model, t.root, limits))).collect();
            match args.format {
                Format::Human => {
                    let mut out = format!("{}: {} trees\n", sanitize_line(&shown), each.len());
                    for (t, paths) in &each {
                        let _ = writeln!(out, "\nTree {}: {}", t.number, describe(&doc, t));
                        out.push_str(&human_paths(&doc, paths));
                    }
                    out
                }
                Format::Json => {
                    let out = JsonTrees {
                        version: 1,
                        path: &shown,
                        trees: each
                            .iter()
                            .map(|(t, paths)| {
                                let mut one = json_out(&doc, &shown, Some(t.root), paths);
                                one.tree = Some(t.number);
                                one.heading = t.heading.as_deref();
                                one
                            })
                            .collect(),
                    };
                    let mut s = serde_json::to_string_pretty(&out).expect("paths serialize");
                    s.push('\n');
                    s
                }
            }
        }
        (None, _) => {
            let root = trees.first().map(|t| t.root).or_else(|| doc.model.roots.first().copied());
            let paths = match root {
                Some(r) => enumerate_from(&doc.model, r, limits),
                None => enumerate(&doc.model, limits),
            };
            match root {
                Some(r) => one(&doc, &shown, args.format, r, None, paths),
                None => one_rootless(&doc, &shown, args.format, &paths),
            }
        }
    };
    write_output(args.output.as_deref(), &text)
}

/// The listing of one tree, from `root` (`named` when `--tree` chose it).
fn one(doc: &Document, shown: &str, format: Format, root: NodeIndex, named: Option<&TreeInfo>, paths: Paths) -> String {
    match format {
        Format::Human => {
            let mut out = format!("{}: {}\n", sanitize_line(shown), sanitize_line(text_of(doc, root)));
            out.push_str(&human_paths(doc, &paths));
            out
        }
        Format::Json => {
            let mut out = json_out(doc, shown, Some(root), &paths);
            out.tree = named.map(|t| t.number);
            out.heading = named.and_then(|t| t.heading.as_deref());
            let mut s = serde_json::to_string_pretty(&out).expect("paths serialize");
            s.push('\n');
            s
        }
    }
}

/// A file without a tree: no paths, said in the format asked for.
fn one_rootless(doc: &Document, shown: &str, format: Format, paths: &Paths) -> String {
    match format {
        Format::Human => format!("{}: \n{}", sanitize_line(shown), human_paths(doc, paths)),
        Format::Json => {
            let out = json_out(doc, shown, None, paths);
            let mut s = serde_json::to_string_pretty(&out).expect("paths serialize");
            s.push('\n');
            s
        }
    }
}

fn text_of(doc: &Document, n: NodeIndex) -> &str {
    doc.slice(&doc.model.node(n).text)
}

/// The outcome of a path in words, with its marker.
fn outcome(doc: &Document, path: &TreePath) -> String {
    let last = doc.model.node(path.last());
    let outcome_text = last.outcome.as_ref().map_or_else(|| doc.slice(&last.text), |o| doc.slice(&o.span));
    match &path.end {
        End::Terminal(_) | End::Unmarked => outcome_text.to_string(),
        End::File { .. } => format!("continue in {outcome_text}"),
        End::BrokenJump(id) => format!("broken jump to [Check {id}]"),
        End::Loop(target) => format!("loops back to {}", short(text_of(doc, *target))),
    }
}

fn short(s: &str) -> String {
    let cut: String = s.chars().take(60).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}

/// The numbered paths of one tree and its summary line.
fn human_paths(doc: &Document, paths: &Paths) -> String {
    let mut out = String::new();
    for (i, path) in paths.paths.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{:>3}. {}  ({} step{})",
            i + 1,
            sanitize_line(&outcome(doc, path)),
            path.len(),
            if path.len() == 1 { "" } else { "s" }
        );
        let mut after_question = false;
        for step in path.steps.iter().skip(1) {
            let node = doc.model.node(step.node);
            let text = sanitize_line(text_of(doc, step.node));
            let lead = match (step.via, after_question) {
                (Via::Jump, _) => "     ↪ ",
                (_, true) => "       → ",
                _ => "     ",
            };
            let _ = writeln!(out, "{lead}{text}");
            after_question = matches!(node.kind, NodeKind::Question);
        }
    }
    let _ = writeln!(out);
    let count = paths.paths.len();
    let _ = write!(out, "{count} path{}", if count == 1 { "" } else { "s" });
    if paths.truncated {
        out.push_str(" (stopped early: raise --max-paths to see more)");
    }
    if let Some(l) = paths.longest() {
        let steps = paths.paths[l].len();
        let _ = write!(out, "; longest: path {} ({steps} step{})", l + 1, if steps == 1 { "" } else { "s" });
    }
    let tally = tally(paths);
    if !tally.is_empty() {
        let _ =
            write!(out, "; outcomes: {}", tally.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", "));
    }
    out.push('\n');
    out
}

/// How many paths end in each kind of outcome, in a fixed order.
fn tally(paths: &Paths) -> Vec<(&'static str, usize)> {
    let kinds = ["action", "warning", "reject", "stop", "unmarked", "other tree", "broken jump", "loop"];
    kinds
        .iter()
        .map(|&k| (k, paths.paths.iter().filter(|p| end_kind(&p.end).1 == k).count()))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// The JSON kind of an end and its word in the summary.
fn end_kind(end: &End) -> (&'static str, &'static str) {
    match end {
        End::Terminal(OutcomeKind::Action) => ("terminal", "action"),
        End::Terminal(OutcomeKind::Warning) => ("terminal", "warning"),
        End::Terminal(OutcomeKind::Reject) => ("terminal", "reject"),
        End::Terminal(OutcomeKind::Stop) => ("terminal", "stop"),
        End::Unmarked => ("unmarked", "unmarked"),
        End::File { .. } => ("file", "other tree"),
        End::BrokenJump(_) => ("broken-jump", "broken jump"),
        End::Loop(_) => ("loop", "loop"),
    }
}

/// `paths --format json` of a file with several trees: one object per tree.
#[derive(Serialize)]
struct JsonTrees<'a> {
    version: u32,
    path: &'a str,
    trees: Vec<JsonOut<'a>>,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    version: u32,
    path: &'a str,
    /// The tree's number in the file, when it holds several or one was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    tree: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<&'a str>,
    root: Option<&'a str>,
    count: usize,
    truncated: bool,
    /// 0-based index into `paths`.
    longest: Option<usize>,
    paths: Vec<JsonPath<'a>>,
}

#[derive(Serialize)]
struct JsonPath<'a> {
    length: usize,
    outcome: JsonOutcome,
    steps: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonOutcome {
    kind: &'static str,
    meaning: Option<&'static str>,
    text: String,
    node: String,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    id: String,
    kind: &'static str,
    text: &'a str,
    via: &'static str,
    line: u32,
}

fn json_out<'a>(doc: &'a Document, shown: &'a str, root: Option<NodeIndex>, paths: &Paths) -> JsonOut<'a> {
    JsonOut {
        version: 1,
        path: shown,
        tree: None,
        heading: None,
        root: root.map(|r| text_of(doc, r)),
        count: paths.paths.len(),
        truncated: paths.truncated,
        longest: paths.longest(),
        paths: paths
            .paths
            .iter()
            .map(|p| {
                let (kind, word) = end_kind(&p.end);
                JsonPath {
                    length: p.len(),
                    outcome: JsonOutcome {
                        kind,
                        meaning: (kind == "terminal").then_some(word),
                        text: outcome(doc, p),
                        node: node_id(p.last()),
                    },
                    steps: p
                        .steps
                        .iter()
                        .map(|s| {
                            let node = doc.model.node(s.node);
                            JsonStep {
                                id: node_id(s.node),
                                kind: node.kind.as_str(),
                                text: text_of(doc, s.node),
                                via: match s.via {
                                    Via::Start => "start",
                                    Via::Child => "child",
                                    Via::Jump => "jump",
                                },
                                line: doc.lines.line_col(&doc.text, node.text.start).line + 1,
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}
