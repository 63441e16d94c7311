//! Outline lines → graph. The placement rule of FORMAT.md §2: a branch joins the open level
//! whose column it shares; deeper than the current node it opens a new level; otherwise it
//! is an indentation slip, placed at the nearest open level (the deeper on a tie) so that one
//! slip gives one finding.

use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::document::DocumentKind;
use crate::markdown::Markdown;
use crate::model::{Edge, Model, Node, NodeKind, OutlineProblem};
use crate::syntax::blocks::{TreeBlock, block_lines};
use crate::syntax::node_text::{NodeText, OutcomeTarget, find_check_label, is_question_text, starts_with_yes_no};
use crate::syntax::outline::{GlyphKind, OutlineLine};

/// A node on the path from the root to the line being read.
struct Frame {
    node: NodeIndex,
    /// The glyph column of the node (`None` for a root: any column is deeper).
    column: Option<usize>,
    /// The column its children are drawn at, once the first one is.
    child_column: Option<usize>,
}

/// What building needs besides the model.
struct Builder<'a> {
    text: &'a str,
    md: &'a Markdown,
    config: &'a Config,
    kind: DocumentKind,
    /// In ordinary Markdown a check ID is scoped to its block: (block, ID) → first node.
    scoped: FxHashMap<(usize, String), NodeIndex>,
}

/// Builds the model of all tree blocks of a document of `kind`.
pub fn build(text: &str, md: &Markdown, blocks: &[TreeBlock], config: &Config, kind: DocumentKind) -> Model {
    let mut model = Model::default();
    let mut builder = Builder { text, md, config, kind, scoped: FxHashMap::default() };
    for (b, block) in blocks.iter().enumerate() {
        read_block(&mut builder, b, block, &mut model);
    }
    questions_after_arrows(text, &mut model);
    if kind == DocumentKind::Embedded {
        decorated_answers(text, &mut model);
    }
    link_jumps(&builder, &mut model);
    model.trees = match kind {
        DocumentKind::TreeDocument => model.roots.first().copied().into_iter().collect(),
        DocumentKind::Embedded => model.roots.clone(),
    };
    model
}

/// Whether a model reads as a decision (FORMAT.md §1): some node is a question with at
/// least two children, or has at least two children that are answers (a yes or a no in any
/// language before an arrow, a colon or nothing, or any label whose arrow leads to a marked
/// outcome or a check).
pub fn decides(text: &str, model: &Model) -> bool {
    let is_answer = |n: NodeIndex| {
        let node = model.node(n);
        starts_with_yes_no(&text[node.label.clone()])
            || node.outcome.as_ref().is_some_and(|o| {
                matches!(o.target, OutcomeTarget::Terminal { .. } | OutcomeTarget::Check(_)) && !node.label.is_empty()
            })
    };
    model.nodes().any(|(n, node)| {
        let children = model.child_count(n);
        if children < 2 {
            return false;
        }
        let asks =
            node.check.is_some() || is_question_text(&text[node.label.clone()]) || node.kind == NodeKind::Question;
        asks || model.children_unordered(n).filter(|&c| is_answer(c)).take(2).count() == 2
    })
}

/// The column of a line's first character that is not a space or tab (bars count: they
/// are drawing), or `None` for a blank line.
fn indent_of(line: &str) -> Option<usize> {
    let mut column = 0;
    for ch in line.chars() {
        match ch {
            ' ' => column += 1,
            '\t' => column = (column / 4 + 1) * 4,
            _ => return Some(column),
        }
    }
    None
}

fn read_block(builder: &mut Builder, b: usize, block: &TreeBlock, model: &mut Model) {
    let text = builder.text;
    let embedded = builder.kind == DocumentKind::Embedded;
    // Columns are relative to the block's least indented line: a block indented as a whole
    // (in a list item, or by taste) reads as if it were not (FORMAT.md §2b).
    let base = block_lines(text, block).filter_map(|(line, _)| indent_of(line)).min().unwrap_or(0);
    let mut stack: Vec<Frame> = Vec::new();
    let mut branched = false;
    for (line, offset) in block_lines(text, block) {
        let line_span = offset..offset + line.len();
        match OutlineLine::parse(line, offset) {
            OutlineLine::Blank => {}
            OutlineLine::Text { column, text: span } => {
                // In a tree document a line at the left edge is a new root once branches
                // began; in ordinary Markdown every such line starts a tree of its own.
                let is_root_line = stack.is_empty() || (column <= base && (branched || embedded));
                if is_root_line {
                    let node = add_node(builder, model, b, line_span, None, span, None);
                    model.roots.push(node);
                    stack = vec![Frame { node, column: None, child_column: None }];
                } else {
                    // A note belongs to the deepest open node drawn left of it.
                    let owner = stack
                        .iter()
                        .rev()
                        .find(|f| f.column.is_none_or(|c| c < column))
                        .map_or(stack[0].node, |f| f.node);
                    if embedded {
                        outcome_from_note(builder, model, owner, span.clone());
                    }
                    model.graph[owner].notes.push(span);
                }
            }
            OutlineLine::Branch { mut glyph, text: span } => {
                branched = true;
                if block.plus_is_last && text[glyph.span.clone()].starts_with('+') {
                    glyph.kind = GlyphKind::Last;
                }
                if stack.is_empty() {
                    let node = implicit_root(builder, model, b, block);
                    stack.push(Frame { node, column: None, child_column: None });
                }
                let column = glyph.column;
                let (depth, problem) = place(&mut stack, column);
                let parent = stack[depth].node;
                stack.truncate(depth + 1);
                let node = add_node(builder, model, b, line_span, Some(glyph), span.clone(), Some(parent));
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

/// A bare answer whose outcome is written on the next line (`└── No` then `    → Use X`):
/// the note is the answer's outcome.
fn outcome_from_note(builder: &Builder, model: &mut Model, owner: NodeIndex, span: std::ops::Range<usize>) {
    let text = builder.text;
    let note = &text[span.clone()];
    let node = &model.graph[owner];
    if node.parent.is_none() || node.outcome.is_some() || !node.notes.is_empty() || model.child_count(owner) > 0 {
        return;
    }
    if !["→", "->", "=>", "-->"].iter().any(|a| note.starts_with(a)) {
        return;
    }
    let parsed = NodeText::parse_in(text, span, builder.config, false);
    let Some(outcome) = parsed.outcome else { return };
    let node = &mut model.graph[owner];
    node.kind = match &outcome.target {
        OutcomeTarget::Terminal { .. } => NodeKind::Terminal,
        OutcomeTarget::Check(_) | OutcomeTarget::File { .. } => NodeKind::Jump,
        OutcomeTarget::Text => node.kind,
    };
    node.outcome = Some(outcome);
}

/// In ordinary Markdown a marker that starts a label with no arrow and with branches under
/// it (`├── ✅ Yes`, `├── ⚠️ Careful: is it the primary?`) decorates an answer: it is no
/// terminal (a terminal with children would be an error the author did not make).
fn decorated_answers(text: &str, model: &mut Model) {
    let decorated: Vec<NodeIndex> = model
        .nodes()
        .filter(|&(n, node)| {
            node.kind == NodeKind::Terminal
                && node.outcome.as_ref().is_some_and(|o| o.span.start <= node.label.start)
                && model.child_count(n) > 0
        })
        .map(|(n, _)| n)
        .collect();
    for n in decorated {
        let node = &mut model.graph[n];
        node.outcome = None;
        let asks = node.check.is_some() || is_question_text(&text[node.label.clone()]);
        node.kind = if asks { NodeKind::Question } else { NodeKind::Answer };
    }
}

/// An answer whose arrow leads to a question and that has children (`├── Yes → Is the pod
/// restarting?`) is a question too: its children answer the text after the arrow.
fn questions_after_arrows(text: &str, model: &mut Model) {
    let asking: Vec<NodeIndex> = model
        .nodes()
        .filter(|&(n, node)| {
            node.kind == NodeKind::Answer
                && node
                    .outcome
                    .as_ref()
                    .is_some_and(|o| matches!(o.target, OutcomeTarget::Text) && is_question_text(&text[o.span.clone()]))
                && model.child_count(n) > 0
        })
        .map(|(n, _)| n)
        .collect();
    for n in asking {
        model.graph[n].kind = NodeKind::Question;
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

fn implicit_root(builder: &mut Builder, model: &mut Model, b: usize, block: &TreeBlock) -> NodeIndex {
    let start = block.content.start;
    let label = block.heading.map_or(start..start, |h| builder.md.headings[h].text_span.clone());
    let node = add_node(builder, model, b, start..start, None, label, None);
    model.graph[node].implicit = true;
    model.roots.push(node);
    node
}

fn add_node(
    builder: &mut Builder,
    model: &mut Model,
    block: usize,
    line: std::ops::Range<usize>,
    glyph: Option<crate::syntax::outline::Glyph>,
    span: std::ops::Range<usize>,
    parent: Option<NodeIndex>,
) -> NodeIndex {
    let text = builder.text;
    // In ordinary Markdown a file name after an arrow is outcome text, not a jump.
    let files = builder.kind == DocumentKind::TreeDocument;
    let mut parsed = NodeText::parse_in(text, span.clone(), builder.config, files);
    // In ordinary Markdown a follow-up question after an answer's arrow may carry the check
    // label (`├── Yes → [Check 2] Is the lag under 10 s?`): it labels this node.
    if !files && parsed.check.is_none() {
        if let Some(o) = parsed.outcome.as_ref().filter(|o| matches!(o.target, OutcomeTarget::Text)) {
            parsed.check = find_check_label(text, o.span.clone()).filter(|c| c.span.start == o.span.start);
        }
    }
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
        let first = match builder.kind {
            DocumentKind::TreeDocument => model.checks.get(&check.id).copied(),
            DocumentKind::Embedded => builder.scoped.get(&(block, check.id.clone())).copied().or_else(|| {
                builder.scoped.insert((block, check.id.clone()), node);
                None
            }),
        };
        match first {
            Some(first) => model.duplicate_checks.push((node, first)),
            None => {
                model.checks.entry(check.id).or_insert(node);
            }
        }
    }
    node
}

/// Adds a jump edge for every `→ [Check N]` that names a check of this document (in
/// ordinary Markdown, of the same block).
fn link_jumps(builder: &Builder, model: &mut Model) {
    let jumps: Vec<(NodeIndex, NodeIndex)> = model
        .nodes()
        .filter_map(|(n, node)| {
            let id = &node.jump_check()?.id;
            let target = match builder.kind {
                DocumentKind::TreeDocument => model.checks.get(id),
                DocumentKind::Embedded => builder.scoped.get(&(node.block, id.clone())),
            };
            target.map(|&target| (n, target))
        })
        .collect();
    for (from, to) in jumps {
        model.graph.add_edge(from, to, Edge::Jump);
    }
}
