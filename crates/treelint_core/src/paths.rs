//! Every root-to-outcome path of a tree: the review view of `treelint paths`, and the list
//! of every case a tree covers.
//!
//! A path starts at the first root and follows child edges and jumps until an outcome: a
//! terminal (its children, an error of its own, are not followed), a leaf with no marker, a
//! jump to another file or to a check that does not exist, or a jump back to a node already
//! on the path (a loop, followed once and reported as such, never gone round again).
//!
//! Invariants: the walk is iterative (an explicit stack; a 5,000-level outline cannot
//! overflow the thread's stack) and bounded: it stops after [`Limits::max_paths`] paths or
//! [`Limits::max_steps`] recorded steps and says so in [`Paths::truncated`].

/// The index of a node of the model (re-exported so callers need not name petgraph).
pub use petgraph::graph::NodeIndex;

use crate::config::OutcomeKind;
use crate::model::{Model, NodeKind};
use crate::syntax::node_text::OutcomeTarget;

/// How far the enumeration goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Paths recorded at most.
    pub max_paths: usize,
    /// Steps over all recorded paths (paths share prefixes, so this bounds memory).
    pub max_steps: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_paths: 10_000, max_steps: 2_000_000 }
    }
}

/// How a path reached a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The first root.
    Start,
    /// Drawn under the previous node.
    Child,
    /// A jump of the previous node (`→ go to [Check N]`).
    Jump,
}

/// One node of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub node: NodeIndex,
    /// How the path came to `node`.
    pub via: Via,
}

/// Where a path ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// A terminal outcome and the meaning of its marker.
    Terminal(OutcomeKind),
    /// A leaf with no marker.
    Unmarked,
    /// A jump to another tree file.
    File { path: String, fragment: Option<String> },
    /// A jump to a check that does not exist.
    BrokenJump(String),
    /// A jump back to a node already on the path.
    Loop(NodeIndex),
}

/// One root-to-outcome path; its last step is the outcome (for a loop, the jump).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreePath {
    /// From the root to the outcome.
    pub steps: Vec<Step>,
    pub end: End,
}

impl TreePath {
    /// The number of steps after the root: the decisions a reader takes.
    pub fn len(&self) -> usize {
        self.steps.len().saturating_sub(1)
    }

    /// Whether the path is the root alone.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The node where the path ends.
    pub fn last(&self) -> NodeIndex {
        self.steps.last().expect("a path has a step").node
    }
}

/// Every path, in outline order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    pub paths: Vec<TreePath>,
    /// A limit stopped the enumeration early.
    pub truncated: bool,
}

impl Paths {
    /// The index of the longest path (the first of equals).
    pub fn longest(&self) -> Option<usize> {
        let max = self.paths.iter().map(TreePath::len).max()?;
        self.paths.iter().position(|p| p.len() == max)
    }
}

/// Enumerates the paths from the model's first root.
pub fn enumerate(model: &Model, limits: Limits) -> Paths {
    match model.roots.first() {
        Some(&root) => enumerate_from(model, root, limits),
        None => Paths::default(),
    }
}

/// Enumerates the paths from `root`: one tree of a document with several (see
/// [`crate::Document::trees`]).
pub fn enumerate_from(model: &Model, root: NodeIndex, limits: Limits) -> Paths {
    let mut out = Paths::default();
    let mut on_path = vec![false; model.graph.node_count()];
    let mut path: Vec<Step> = Vec::new();
    let mut stack: Vec<(Step, usize)> = vec![(Step { node: root, via: Via::Start }, 0)];
    let mut steps = 0usize;
    while let Some((step, depth)) = stack.pop() {
        for gone in path.drain(depth..) {
            on_path[gone.node.index()] = false;
        }
        path.push(step);
        on_path[step.node.index()] = true;
        let n = step.node;
        let node = model.node(n);
        let end = match (&node.kind, node.outcome.as_ref().map(|o| &o.target)) {
            (NodeKind::Terminal, Some(OutcomeTarget::Terminal { marker, .. })) => Some(End::Terminal(marker.kind)),
            (NodeKind::Jump, Some(OutcomeTarget::File { path, fragment })) => {
                Some(End::File { path: path.clone(), fragment: fragment.clone() })
            }
            (NodeKind::Jump, Some(OutcomeTarget::Check(label))) => match model.jump_target(n) {
                None => Some(End::BrokenJump(label.id.clone())),
                Some(t) if on_path[t.index()] => Some(End::Loop(t)),
                Some(t) => {
                    stack.push((Step { node: t, via: Via::Jump }, depth + 1));
                    None
                }
            },
            _ => {
                let children = model.children(n);
                if children.is_empty() {
                    Some(End::Unmarked)
                } else {
                    stack.extend(children.into_iter().rev().map(|c| (Step { node: c, via: Via::Child }, depth + 1)));
                    None
                }
            }
        };
        if let Some(end) = end {
            steps += path.len();
            out.paths.push(TreePath { steps: path.clone(), end });
            if out.paths.len() >= limits.max_paths || steps >= limits.max_steps {
                out.truncated = !stack.is_empty();
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::Document;

    fn paths(text: &str) -> (Document, Paths) {
        let doc = Document::parse(text, &Config::default());
        let p = enumerate(&doc.model, Limits::default());
        (doc, p)
    }

    #[test]
    fn lists_each_outcome_once_in_outline_order() {
        let (doc, p) =
            paths("```tree\nGo?\n├── [Check 1] Down?\n│   ├── YES → ✅ PAGE\n│   └── NO\n└── other → x.md\n```\n");
        let ends: Vec<&End> = p.paths.iter().map(|p| &p.end).collect();
        assert_eq!(
            ends,
            [&End::Terminal(OutcomeKind::Action), &End::Unmarked, &End::File { path: "x.md".into(), fragment: None }]
        );
        assert_eq!(p.longest(), Some(0));
        assert_eq!(p.paths[0].len(), 2);
        assert_eq!(doc.slice(&doc.model.node(p.paths[1].last()).text), "NO");
    }

    #[test]
    fn each_tree_of_a_readme_has_its_own_paths() {
        let text = "# Notes\n\n```\nNeed ordering?\n├── Yes → Kafka\n└── No → SQS\n```\n\n```\nNeed SQL?\n├── Yes → PostgreSQL\n├── No → Is it a cache?\n│   ├── Yes → Redis\n│   └── No → DynamoDB\n```\n";
        let doc = Document::parse(text, &Config::default());
        let second = doc.select_tree("Need SQL?").unwrap();
        let p = enumerate_from(&doc.model, second.root, Limits::default());
        let ends: Vec<&str> = p.paths.iter().map(|p| doc.slice(&doc.model.node(p.last()).text)).collect();
        assert_eq!(ends, ["Yes → PostgreSQL", "Yes → Redis", "No → DynamoDB"]);
    }

    #[test]
    fn follows_a_jump_once_and_reports_the_loop() {
        let (_, p) = paths(
            "```tree\nGo?\n└── [Check 1] Down?\n    ├── YES → ✅ PAGE\n    └── NO → go to [Check 2]\n        \n```\n\n```tree\nMore?\n└── [Check 2] Again?\n    ├── back → go to [Check 1]\n    └── no → [Check 9]\n```\n",
        );
        let ends: Vec<String> = p.paths.iter().map(|p| format!("{:?}", p.end)).collect();
        assert_eq!(ends.len(), 3, "{ends:?}");
        assert!(matches!(p.paths[1].end, End::Loop(_)));
        assert_eq!(p.paths[2].end, End::BrokenJump("9".into()));
        assert_eq!(p.paths[1].steps.iter().filter(|s| s.via == Via::Jump).count(), 1);
    }

    #[test]
    fn stops_at_the_limit() {
        let (doc, _) = paths("```tree\nGo?\n├── a → ✅ A\n├── b → ✅ B\n└── c → ✅ C\n```\n");
        let p = enumerate(&doc.model, Limits { max_paths: 2, max_steps: 100 });
        assert_eq!(p.paths.len(), 2);
        assert!(p.truncated);
    }

    #[test]
    fn a_deep_outline_does_not_overflow() {
        let mut text = String::from("```tree\nGo?\n");
        for depth in 0..1500 {
            text.push_str(&"\t".repeat(depth));
            text.push_str("└── step?\n");
        }
        text.push_str("```\n");
        let (_, p) = paths(&text);
        assert_eq!(p.paths.len(), 1);
        assert_eq!(p.paths[0].len(), 1500);
    }
}
