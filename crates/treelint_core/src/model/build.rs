//! Outline lines → graph. The placement rule of FORMAT.md §2: a branch joins the open level
//! whose column it shares; deeper than the current node it opens a new level; otherwise it
//! is an indentation slip, placed at the nearest open level (the deeper on a tie) so that one
//! slip gives one finding.

use petgraph::graph::NodeIndex;

use crate::config::Config;
use crate::markdown::Markdown;
use crate::model::{Edge, Model, Node, NodeKind, OutlineProblem};
use crate::syntax::blocks::{TreeBlock, lines_in};
use crate::syntax::node_text::{NodeText, OutcomeTarget};
use crate::syntax::outline::OutlineLine;

/// A node on the path from the root to the line being read.
struct Frame {
    node: NodeIndex,
    /// The glyph column of the node (`None` for a root: any column is deeper).
    column: Option<usize>,
    /// The column its children are drawn at, once the first one is.
    child_column: Option<usize>,
}

/// Builds the model of all tree blocks of a document.
pub fn build(text: &str, md: &Markdown, blocks: &[TreeBlock], config: &Config) -> Model {
    let mut model = Model::default();
    for (b, block) in blocks.iter().enumerate() {
        read_block(text, md, b, block, config, &mut model);
    }
    link_jumps(text, &mut model);
    model
}

fn read_block(text: &str, md: &Markdown, b: usize, block: &TreeBlock, config: &Config, model: &mut Model) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut branched = false;
    for (line, offset) in lines_in(text, block.content.clone()) {
        let line_span = offset..offset + line.len();
        match OutlineLine::parse(line, offset) {
            OutlineLine::Blank => {}
            OutlineLine::Text { column, text: span } => {
                let is_root_line = stack.is_empty() || (column == 0 && branched);
                if is_root_line {
                    let node = add_node(text, model, config, b, line_span, None, span, None);
                    model.roots.push(node);
                    stack = vec![Frame { node, column: None, child_column: None }];
                } else {
                    // A note belongs to the deepest open node drawn left of it.
                    let owner = stack
                        .iter()
                        .rev()
                        .find(|f| f.column.is_none_or(|c| c < column))
                        .map_or(stack[0].node, |f| f.node);
                    model.graph[owner].notes.push(span);
                }
            }
            OutlineLine::Branch { glyph, text: span } => {
                branched = true;
                if stack.is_empty() {
                    let node = implicit_root(text, md, model, config, b, block);
                    stack.push(Frame { node, column: None, child_column: None });
                }
                let column = glyph.column;
                let (depth, problem) = place(&mut stack, column);
                let parent = stack[depth].node;
                stack.truncate(depth + 1);
                let node = add_node(text, model, config, b, line_span, Some(glyph), span.clone(), Some(parent));
                model.graph.add_edge(parent, node, Edge::Child);
                if let Some((placed_column, expected)) = problem {
                    model.problems.push(OutlineProblem::Indent { node, column, placed_column, expected });
                }
                if span.is_empty() {
                    model.problems.push(OutlineProblem::EmptyNode { node });
                }
                stack.push(Frame { node, column: Some(column), child_column: None });
            }
        }
    }
}

/// Which frame a branch at `column` is a child of, and, for a slip, the column it was
/// placed at and the columns that would have been right.
fn place(stack: &mut [Frame], column: usize) -> (usize, Option<(usize, Vec<usize>)>) {
    if let Some(depth) = stack.iter().rposition(|f| f.child_column == Some(column)) {
        return (depth, None);
    }
    let deepest = stack.len() - 1;
    if stack[deepest].column.is_none_or(|c| column > c) {
        stack[deepest].child_column = Some(column);
        return (deepest, None);
    }
    let expected: Vec<usize> = stack.iter().filter_map(|f| f.child_column).collect();
    let depth = stack
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.child_column.map(|c| (i, c)))
        // Nearest level; on a tie, the deeper one (larger index wins in max_by_key on -distance).
        .min_by_key(|&(i, c)| (c.abs_diff(column), std::cmp::Reverse(i)))
        .map_or(deepest, |(i, _)| i);
    let placed = stack[depth].child_column.unwrap_or(column);
    (depth, Some((placed, expected)))
}

fn implicit_root(
    text: &str,
    md: &Markdown,
    model: &mut Model,
    config: &Config,
    b: usize,
    block: &TreeBlock,
) -> NodeIndex {
    let start = block.content.start;
    let label = block.heading.map_or(start..start, |h| md.headings[h].text_span.clone());
    let node = add_node(text, model, config, b, start..start, None, label, None);
    model.graph[node].implicit = true;
    model.roots.push(node);
    node
}

#[allow(clippy::too_many_arguments)]
fn add_node(
    text: &str,
    model: &mut Model,
    config: &Config,
    block: usize,
    line: std::ops::Range<usize>,
    glyph: Option<crate::syntax::outline::Glyph>,
    span: std::ops::Range<usize>,
    parent: Option<NodeIndex>,
) -> NodeIndex {
    let parsed = NodeText::parse(text, span.clone(), config);
    let kind = if parent.is_none() {
        NodeKind::Root
    } else {
        match parsed.outcome.as_ref().map(|o| &o.target) {
            Some(OutcomeTarget::Terminal { .. }) => NodeKind::Terminal,
            Some(OutcomeTarget::Check(_) | OutcomeTarget::File { .. }) => NodeKind::Jump,
            _ if parsed.is_question(text) => NodeKind::Question,
            _ => NodeKind::Answer,
        }
    };
    let check = parsed.check.clone();
    let node = model.graph.add_node(Node {
        kind,
        block,
        line,
        glyph,
        text: span,
        label: parsed.label,
        check: parsed.check,
        outcome: parsed.outcome,
        notes: Vec::new(),
        parent,
        implicit: false,
    });
    if let Some(check) = check {
        match model.checks.get(&check.id) {
            Some(&first) => model.duplicate_checks.push((node, first)),
            None => {
                model.checks.insert(check.id, node);
            }
        }
    }
    node
}

/// Adds a jump edge for every `→ [Check N]` that names a check of this document.
fn link_jumps(_text: &str, model: &mut Model) {
    let jumps: Vec<(NodeIndex, NodeIndex)> = model
        .nodes()
        .filter_map(|(n, node)| {
            let id = &node.jump_check()?.id;
            model.checks.get(id).map(|&target| (n, target))
        })
        .collect();
    for (from, to) in jumps {
        model.graph.add_edge(from, to, Edge::Jump);
    }
}
