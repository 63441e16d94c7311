//! The model: each document's outline as a petgraph directed graph (child edges from the
//! drawing, jump edges from `→ [Check N]`), with the sections linked to the nodes they serve.
//!
//! Invariants: node indices follow document order (a node is added when its line is read
//! and none is removed), so sorting indices sorts by position; every node carries the byte
//! spans of its line, glyph, text, label and outcome; building never fails: problems of the
//! drawing are recorded in [`Model::problems`] and the node is still placed.

mod build;
pub mod flow;
mod resolve;

use rustc_hash::FxHashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::diagnostics::Span;
use crate::syntax::node_text::{CheckLabel, Outcome, OutcomeTarget};
use crate::syntax::outline::Glyph;

pub use build::{build, decides};
pub use resolve::{Resolution, resolve_terminals};

/// What a node is in the decision flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// Where a walk begins (the starting question), or a second root reachable only by jumps.
    Root,
    /// A check: it has a `[Check ID]` or its label ends in `?`. Its children are answers.
    Question,
    /// An answer, or any other intermediate node.
    Answer,
    /// An outcome with a terminal marker (`✅`, `⚠️`, …).
    Terminal,
    /// An outcome that continues at a check or in another tree.
    Jump,
}

impl NodeKind {
    /// The kind's name in machine-readable output (`root`, `question`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Root => "root",
            NodeKind::Question => "question",
            NodeKind::Answer => "answer",
            NodeKind::Terminal => "terminal",
            NodeKind::Jump => "jump",
        }
    }
}

/// One node of an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Which tree block of the document it is drawn in.
    pub block: usize,
    /// The whole line (for an implicit root, an empty span at the block's start).
    pub line: Span,
    /// `None` for roots.
    pub glyph: Option<Glyph>,
    /// The text after the glyph, trimmed.
    pub text: Span,
    /// The text before the arrow.
    pub label: Span,
    pub check: Option<CheckLabel>,
    pub outcome: Option<Outcome>,
    /// Lines of text under the node that have no glyph.
    pub notes: Vec<Span>,
    /// The node it is drawn under.
    pub parent: Option<NodeIndex>,
    /// A root with no line of its own, named by the heading above its block.
    pub implicit: bool,
}

impl Node {
    /// The check this node's outcome jumps to, if any.
    pub fn jump_check(&self) -> Option<&CheckLabel> {
        match &self.outcome {
            Some(Outcome { target: OutcomeTarget::Check(label), .. }) => Some(label),
            _ => None,
        }
    }

    /// The span a finding about this node points at: its text, or its glyph if it has none.
    pub fn anchor(&self) -> Span {
        if !self.text.is_empty() {
            self.text.clone()
        } else if let Some(g) = &self.glyph {
            g.span.clone()
        } else {
            self.line.clone()
        }
    }
}

/// How two nodes are connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Drawn under its parent.
    Child,
    /// `→ go to [Check N]`.
    Jump,
}

/// A defect of the drawing, found while building the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutlineProblem {
    /// A glyph whose column matches no open level; the node was placed at `placed_column`.
    Indent { node: NodeIndex, column: usize, placed_column: usize, expected: Vec<usize> },
    /// A glyph with no text.
    EmptyNode { node: NodeIndex },
}

/// The graph of one document's outlines.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub graph: DiGraph<Node, Edge>,
    /// The roots in document order; the first is where a walk begins.
    pub roots: Vec<NodeIndex>,
    /// The roots where a tree begins: in a tree document the first root only (the others
    /// are reached by jumps or not at all); in ordinary Markdown every root, since each
    /// block, and each root line in a block, is a tree of its own (FORMAT.md §1).
    pub trees: Vec<NodeIndex>,
    /// The first node labelled with each check ID.
    pub checks: FxHashMap<String, NodeIndex>,
    /// Nodes whose check ID an earlier node already has: (later, first).
    pub duplicate_checks: Vec<(NodeIndex, NodeIndex)>,
    pub problems: Vec<OutlineProblem>,
}

impl Model {
    pub fn node(&self, n: NodeIndex) -> &Node {
        &self.graph[n]
    }

    /// Every node in document order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.graph.node_indices().map(|n| (n, &self.graph[n]))
    }

    /// The children of a node as drawn, in document order.
    pub fn children(&self, n: NodeIndex) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self.children_unordered(n).collect();
        out.sort();
        out
    }

    /// How many children a node has, without collecting them (rules ask this of every node).
    pub fn child_count(&self, n: NodeIndex) -> usize {
        self.children_unordered(n).count()
    }

    /// The children of a node in no particular order.
    pub fn children_unordered(&self, n: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.edges_directed(n, Direction::Outgoing).filter(|e| *e.weight() == Edge::Child).map(|e| e.target())
    }

    /// The node a jump leads to, when it names a check of this document.
    pub fn jump_target(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.graph.edges_directed(n, Direction::Outgoing).find(|e| *e.weight() == Edge::Jump).map(|e| e.target())
    }

    /// Check IDs in outline order, first occurrence each.
    pub fn check_order(&self) -> Vec<(&str, NodeIndex)> {
        let mut out: Vec<(&str, NodeIndex)> = self.checks.iter().map(|(id, &n)| (id.as_str(), n)).collect();
        out.sort_by_key(|&(_, n)| n);
        out
    }
}
