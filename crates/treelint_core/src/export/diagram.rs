//! The diagram both graph exports draw: the model with answers moved onto edges.
//!
//! A reader of a flowchart wants questions as boxes and answers as the labels of the arrows
//! that leave them. So: a terminal, a jump or an unmarked outcome written `ANSWER → OUTCOME`
//! becomes an edge labelled `ANSWER` into a box showing `OUTCOME`; an answer written on its
//! own line with exactly one child (and whose child carries no answer of its own) becomes
//! the label of the edge from its question to that child; a jump to a check of the same
//! document becomes a dashed edge to that check. Every other node stays a box.
//!
//! Invariant: labels are the document's text, unescaped; each format escapes them.

use petgraph::graph::NodeIndex;

use crate::config::OutcomeKind;
use crate::document::Document;
use crate::model::{Edge, Node, NodeKind};
use crate::syntax::node_text::{OutcomeTarget, strip_parentheticals};

/// How a box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A starting point that does not ask anything.
    Start,
    /// A question (decision diamond).
    Decision,
    /// An intermediate step or answer that stays a box.
    Step,
    /// Where a walk ends.
    Outcome,
    /// Another tree file.
    File,
}

/// The style class of a box: its role, or for an outcome the meaning of its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Question,
    Step,
    Action,
    Warning,
    Reject,
    Stop,
    /// A leaf with no marker (`unmarked-leaf`).
    Unmarked,
    /// A jump to another file.
    External,
    /// A jump to a check that does not exist.
    Broken,
}

impl Class {
    /// The class name used in the exported text.
    pub fn name(self) -> &'static str {
        match self {
            Class::Question => "question",
            Class::Step => "step",
            Class::Action => "action",
            Class::Warning => "warning",
            Class::Reject => "reject",
            Class::Stop => "stop",
            Class::Unmarked => "unmarked",
            Class::External => "external",
            Class::Broken => "broken",
        }
    }

    /// Fill and stroke colours, shared by both formats.
    pub fn colors(self) -> (&'static str, &'static str) {
        match self {
            Class::Question => ("#e0ecff", "#1d4ed8"),
            Class::Step => ("#f3f4f6", "#6b7280"),
            Class::Action => ("#dcfce7", "#15803d"),
            Class::Warning => ("#fef3c7", "#b45309"),
            Class::Reject => ("#fee2e2", "#b91c1c"),
            Class::Stop => ("#fecaca", "#7f1d1d"),
            Class::Unmarked => ("#ffffff", "#9ca3af"),
            Class::External => ("#ede9fe", "#6d28d9"),
            Class::Broken => ("#ffffff", "#dc2626"),
        }
    }
}

/// One box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Box {
    /// `n` and the model's node index: stable for a given document.
    pub id: String,
    /// The text shown, unescaped.
    pub label: String,
    pub shape: Shape,
    pub class: Class,
}

/// One arrow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrow {
    /// Box ids.
    pub from: String,
    pub to: String,
    /// The answer, unescaped.
    pub label: Option<String>,
    /// A jump (drawn dashed).
    pub jump: bool,
}

/// Boxes and arrows, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagram {
    /// The document's H1.
    pub title: Option<String>,
    pub boxes: Vec<Box>,
    pub arrows: Vec<Arrow>,
    /// With several trees in one diagram, the boxes of each (a Mermaid subgraph, a DOT
    /// cluster), so each tree stays recognisable; empty for a single tree.
    pub groups: Vec<Group>,
}

/// One tree's boxes in a diagram of several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `t<number>`.
    pub id: String,
    /// The tree's heading, else its root's text; unescaped.
    pub label: String,
    /// Box ids, in document order.
    pub members: Vec<String>,
}

/// The diagram of one tree only: the boxes reachable from `root` (through its branches
/// and its jumps) and the arrows between them.
pub fn build_tree(doc: &Document, root: NodeIndex) -> Diagram {
    let mut diagram = build_all(doc);
    let model = &doc.model;
    let mut seen = vec![false; model.graph.node_count()];
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n.index()], true) {
            continue;
        }
        stack.extend(model.graph.neighbors(n));
    }
    let keep: rustc_hash::FxHashSet<String> =
        seen.iter().enumerate().filter(|(_, s)| **s).map(|(i, _)| node_id(NodeIndex::new(i))).collect();
    diagram.boxes.retain(|b| keep.contains(&b.id));
    diagram.arrows.retain(|a| keep.contains(&a.from) && keep.contains(&a.to));
    diagram
}

/// The node's id in every export.
pub fn node_id(n: NodeIndex) -> String {
    format!("n{}", n.index())
}

/// The answer a node carries before its arrow, when it has both (`YES → ✅ GO`).
pub fn answer_label(doc: &Document, node: &Node) -> Option<String> {
    let outcome = node.outcome.as_ref()?;
    (!node.label.is_empty() && outcome.span.start >= node.label.end).then(|| doc.text[node.label.clone()].to_string())
}

/// Builds the diagram of a document: every tree, each in a group of its own when it holds
/// several.
pub fn build(doc: &Document) -> Diagram {
    let mut diagram = build_all(doc);
    let trees = doc.trees();
    if trees.len() > 1 {
        let model = &doc.model;
        let mut owner = vec![0usize; model.graph.node_count()];
        for t in &trees {
            // A tree's subtree through its branches (not jumps, which may enter another).
            let mut stack = vec![t.root];
            while let Some(n) = stack.pop() {
                owner[n.index()] = t.number;
                stack.extend(model.children_unordered(n));
            }
        }
        for t in &trees {
            let members = diagram
                .boxes
                .iter()
                .filter(|b| b.id[1..].parse::<usize>().is_ok_and(|i| owner[i] == t.number))
                .map(|b| b.id.clone())
                .collect::<Vec<_>>();
            if members.is_empty() {
                continue;
            }
            let label = t.heading.clone().filter(|h| !h.trim().is_empty()).unwrap_or_else(|| t.root_text.clone());
            diagram.groups.push(Group { id: format!("t{}", t.number), label, members });
        }
    }
    diagram
}

fn build_all(doc: &Document) -> Diagram {
    let model = &doc.model;
    let n = model.graph.node_count();
    let jump_targets: Vec<bool> = {
        let mut t = vec![false; n];
        for e in model.graph.raw_edges().iter().filter(|e| e.weight == Edge::Jump) {
            t[e.target().index()] = true;
        }
        t
    };
    // Which nodes fold into the label of the edge above their only child.
    let mut folded = vec![false; n];
    for (i, node) in model.nodes() {
        let children = model.children(i);
        folded[i.index()] = node.kind == NodeKind::Answer
            && node.outcome.is_none()
            && node.check.is_none()
            && !jump_targets[i.index()]
            && node.parent.is_some_and(|p| !folded[p.index()])
            && children.len() == 1
            && answer_label(doc, model.node(children[0])).is_none();
    }
    let mut diagram = Diagram { title: doc.title().map(str::to_string), ..Diagram::default() };
    for (i, node) in model.nodes() {
        if folded[i.index()] {
            continue;
        }
        let jump_inside = model
            .jump_target(i)
            .filter(|_| node.kind == NodeKind::Jump && node.check.is_none() && !jump_targets[i.index()]);
        if jump_inside.is_none() {
            diagram.boxes.push(node_box(doc, i, node));
        }
        let Some(parent) = node.parent else { continue };
        let (from, label) = if folded[parent.index()] {
            let above = model.node(parent).parent.expect("a folded node has a parent");
            (above, Some(doc.text[model.node(parent).text.clone()].to_string()))
        } else {
            (parent, answer_label(doc, node))
        };
        let (to, jump) = match jump_inside {
            Some(target) => (target, true),
            None => (i, node.kind == NodeKind::Jump),
        };
        diagram.arrows.push(Arrow { from: node_id(from), to: node_id(to), label, jump });
        if jump_inside.is_none() {
            // A jump that is also a box (it is itself a target, or labelled) still leads on.
            if let Some(target) = model.jump_target(i).filter(|_| node.kind == NodeKind::Jump) {
                diagram.arrows.push(Arrow { from: node_id(i), to: node_id(target), label: None, jump: true });
            }
        }
    }
    diagram
}

fn node_box(doc: &Document, i: NodeIndex, node: &Node) -> Box {
    let text = |span: &std::ops::Range<usize>| doc.text[span.clone()].to_string();
    let outcome_text = || node.outcome.as_ref().map_or_else(|| text(&node.text), |o| text(&o.span));
    let (label, shape, class) = match node.kind {
        NodeKind::Root => {
            let label = if node.implicit && node.text.is_empty() { "Start".to_string() } else { text(&node.text) };
            let asks = node.check.is_some() || strip_parentheticals(&doc.text[node.label.clone()]).ends_with('?');
            if asks { (label, Shape::Decision, Class::Question) } else { (label, Shape::Start, Class::Step) }
        }
        NodeKind::Question => (text(&node.text), Shape::Decision, Class::Question),
        NodeKind::Terminal => {
            let class = match node.outcome.as_ref().map(|o| &o.target) {
                Some(OutcomeTarget::Terminal { marker, .. }) => match marker.kind {
                    OutcomeKind::Action => Class::Action,
                    OutcomeKind::Warning => Class::Warning,
                    OutcomeKind::Reject => Class::Reject,
                    OutcomeKind::Stop => Class::Stop,
                },
                _ => Class::Action,
            };
            (outcome_text(), Shape::Outcome, class)
        }
        NodeKind::Jump => match node.outcome.as_ref().map(|o| &o.target) {
            Some(OutcomeTarget::File { .. }) => (outcome_text(), Shape::File, Class::External),
            _ if doc.model.jump_target(i).is_none() => (outcome_text(), Shape::Outcome, Class::Broken),
            _ => (text(&node.text), Shape::Step, Class::Step),
        },
        NodeKind::Answer => match &node.outcome {
            Some(o) => (text(&o.span), Shape::Outcome, Class::Unmarked),
            None if doc.model.child_count(i) == 0 => (text(&node.text), Shape::Outcome, Class::Unmarked),
            None => (text(&node.text), Shape::Step, Class::Step),
        },
    };
    Box { id: node_id(i), label, shape, class }
}
