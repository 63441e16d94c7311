//! What a walk shows at each step: owned, serialisable views of the model (so the terminal
//! UI, the JSON output and the language server render the same facts), built on demand
//! from a tree and a node.

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::Tree;
use super::content::{self, Block};
use crate::diagnostics::Span;
use crate::model::{NodeKind, Resolution};
use crate::syntax::node_text::{OutcomeTarget, strip_parentheticals};

/// Where the walk stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A question to answer with [`super::Walk::choose`].
    Question(QuestionView),
    /// An end of the path; `also` may offer a parallel question still to check.
    Outcome(OutcomeView),
}

/// A question and its answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionView {
    /// The display name of the tree it is in.
    pub tree: String,
    /// Index of the node in that tree's model graph.
    pub node: usize,
    /// The byte span of the node's text in that tree's document.
    pub span: Span,
    /// `6` for `[Check 6]`.
    pub check: Option<String>,
    /// The question as written (its label, without any outcome).
    pub text: String,
    /// Note lines drawn under the node.
    pub notes: Vec<String>,
    /// The check's Node Details section, if it has one.
    pub details: Option<DetailsView>,
    /// The answers, in drawing order; [`super::Walk::choose`] takes an index into this.
    pub choices: Vec<Choice>,
    /// The walk already answered this question earlier on the current path (a jump led
    /// back to it).
    pub revisit: bool,
}

/// One answer of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub node: usize,
    /// The answer before any arrow: `YES`, `30 min – 2 hours ago`. Scripted answers match it.
    pub label: String,
    /// What it leads to straight away, when it says so: `✅ ROLL BACK IMMEDIATELY`.
    pub outcome: Option<String>,
}

/// A check's `## Node Details` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetailsView {
    pub id: String,
    pub title: String,
    /// From its heading to the end of its body.
    pub span: Span,
    pub blocks: Vec<Block>,
}

/// A `## Terminal Actions` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionView {
    /// `Action`, `Warning`…
    pub kind: String,
    pub title: String,
    pub span: Span,
    /// Its Do steps, or When / Risk / Mitigation.
    pub blocks: Vec<Block>,
}

/// An end of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeView {
    pub tree: String,
    pub node: usize,
    pub span: Span,
    /// The outcome as written (after the arrow, or the whole leaf).
    pub text: String,
    /// The answer that led here when it is the same node (`YES` of `YES → ✅ …`).
    pub answer: Option<String>,
    pub notes: Vec<String>,
    #[serde(flatten)]
    pub end: End,
    /// A parallel question not yet checked, offered as "also check …".
    pub also: Option<Offer>,
}

/// What kind of end a path reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum End {
    /// A terminal outcome (`✅`, `⚠️`, …), and the action section it resolves to.
    Terminal {
        marker: String,
        /// `action`, `warning`, `reject` or `stop`.
        meaning: String,
        action: Option<ActionView>,
        /// Why no action is shown, when none is.
        unresolved: Option<String>,
    },
    /// A leaf with neither marker nor jump: not a terminal action.
    UnmarkedLeaf,
    /// A jump the walk could not follow (a broken jump, or no way to load other trees).
    JumpOut { target: String, reason: String },
    /// Jumps that lead back to where they started without a question in between.
    Loop { chain: Vec<String> },
}

/// A question still to check after this outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub check: Option<String>,
    pub text: String,
}

/// One step of the path so far, as breadcrumbs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Crumb {
    /// A question answered.
    Answer { tree: String, check: Option<String>, question: String, answer: String },
    /// The walk moved on by a jump: into another tree when `to_tree` differs from `tree`.
    Jump { tree: String, to_tree: String, target: String },
    /// An outcome reached earlier on the path (before an "also check").
    Reached { tree: String, text: String },
    /// A parallel question taken up after an outcome.
    Also { tree: String, check: Option<String>, question: String },
}

impl Crumb {
    /// A short form for a breadcrumb bar: `Check 1: NO`, `→ config-change.md`.
    pub fn short(&self) -> String {
        match self {
            Crumb::Answer { check, question, answer, .. } => {
                let answer = strip_parentheticals(answer);
                match check {
                    Some(id) => format!("Check {id}: {answer}"),
                    None => format!("{}: {answer}", clip(strip_parentheticals(question), 24)),
                }
            }
            Crumb::Jump { tree, to_tree, target } if tree != to_tree => format!("→ {to_tree}{}", fragment(target)),
            Crumb::Jump { target, .. } => format!("→ {target}"),
            Crumb::Reached { text, .. } => format!("⊙ {}", clip(text, 24)),
            Crumb::Also { check: Some(id), .. } => format!("also Check {id}"),
            Crumb::Also { question, .. } => format!("also {}", clip(question, 24)),
        }
    }
}

fn fragment(target: &str) -> String {
    target.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_default()
}

/// At most `n` characters, with `…` when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The label of a node; for an implicit root, the heading above its block.
pub(super) fn label(tree: &Tree, n: NodeIndex) -> String {
    let doc = &tree.document;
    let node = doc.model.node(n);
    if node.implicit || node.label.is_empty() {
        if node.kind == NodeKind::Root {
            return doc.markdown.heading_before(node.line.start).map_or_else(|| tree.name.clone(), |h| h.text.clone());
        }
        return doc.slice(&node.text).trim().to_string();
    }
    // The check is shown on its own (`Check 6`); the question reads better without it.
    match &node.check {
        Some(c) if node.label.start <= c.span.start && c.span.end <= node.label.end => {
            let before = doc.text[node.label.start..c.span.start].trim();
            let after = doc.text[c.span.end..node.label.end].trim();
            let joined = format!("{before} {after}");
            let joined = joined.trim();
            if joined.is_empty() { format!("Check {}", c.id) } else { joined.to_string() }
        }
        _ => doc.slice(&node.label).trim().to_string(),
    }
}

pub(super) fn check_id(tree: &Tree, n: NodeIndex) -> Option<String> {
    tree.document.model.node(n).check.as_ref().map(|c| c.id.clone())
}

fn notes(tree: &Tree, n: NodeIndex) -> Vec<String> {
    tree.document.model.node(n).notes.iter().map(|s| tree.document.slice(s).trim().to_string()).collect()
}

pub(super) fn question(tree: &Tree, n: NodeIndex, revisit: bool) -> QuestionView {
    let doc = &tree.document;
    let node = doc.model.node(n);
    let check = check_id(tree, n);
    let details = check.as_ref().and_then(|id| details(tree, id));
    let choices = doc
        .model
        .children(n)
        .into_iter()
        .map(|c| {
            let child = doc.model.node(c);
            Choice {
                node: c.index(),
                label: label(tree, c),
                outcome: child.outcome.as_ref().map(|o| doc.slice(&o.span).trim().to_string()),
            }
        })
        .collect();
    QuestionView {
        tree: tree.name.clone(),
        node: n.index(),
        span: node.text.clone(),
        check,
        text: label(tree, n),
        notes: notes(tree, n),
        details,
        choices,
        revisit,
    }
}

/// The Node Details section of check `id` (IDs compare case-insensitively).
pub(super) fn details(tree: &Tree, id: &str) -> Option<DetailsView> {
    let doc = &tree.document;
    let d = doc.sections.details.iter().find(|d| d.id.eq_ignore_ascii_case(id))?;
    Some(DetailsView {
        id: d.id.clone(),
        title: d.title.clone(),
        span: d.heading.start..d.body.end,
        blocks: content::blocks(&doc.text, &d.body, &doc.markdown.code_blocks),
    })
}

/// The outcome shown for an end at node `n`.
pub(super) fn outcome(tree: &Tree, n: NodeIndex, end: End, also: Option<Offer>) -> OutcomeView {
    let doc = &tree.document;
    let node = doc.model.node(n);
    let (text, answer) = match &node.outcome {
        Some(o) if o.span.start > node.label.start || node.label.is_empty() => {
            (doc.slice(&o.span).trim().to_string(), Some(label(tree, n)).filter(|l| !l.is_empty()))
        }
        Some(o) => (doc.slice(&o.span).trim().to_string(), None),
        None => (label(tree, n), None),
    };
    OutcomeView {
        tree: tree.name.clone(),
        node: n.index(),
        span: node.text.clone(),
        text,
        answer,
        notes: notes(tree, n),
        end,
        also,
    }
}

/// The end a terminal node reaches: its marker and resolved action.
pub(super) fn terminal(tree: &Tree, n: NodeIndex) -> End {
    let doc = &tree.document;
    let node = doc.model.node(n);
    let (marker, meaning) = match node.outcome.as_ref().map(|o| &o.target) {
        Some(OutcomeTarget::Terminal { marker, .. }) => (marker.symbol.clone(), marker.kind.as_str()),
        _ => (String::new(), "action"),
    };
    let (action, unresolved) = match doc.terminals.get(&n) {
        Some(Resolution::Action { index, .. }) => {
            let a = &doc.sections.actions[*index];
            let view = ActionView {
                kind: a.kind.clone(),
                title: a.title.clone(),
                span: a.heading.start..a.body.end,
                blocks: content::blocks(&doc.text, &a.body, &doc.markdown.code_blocks),
            };
            (Some(view), None)
        }
        Some(Resolution::UnknownAnchor(anchor)) => {
            (None, Some(format!("no Terminal Actions section has the anchor #{anchor}")))
        }
        Some(Resolution::Ambiguous(_)) => {
            (None, Some("several Terminal Actions sections match it equally well".to_string()))
        }
        Some(Resolution::Unresolved(_)) | None => (None, Some("no Terminal Actions section matches it".to_string())),
    };
    End::Terminal { marker, meaning: meaning.to_string(), action, unresolved }
}
