//! Walking a tree: a pure state machine over the model, one question at a time, used alike
//! by the terminal UI, the plain and scripted modes of `treelint walk` and the language
//! server's `treelint/walk` request.
//!
//! # API
//!
//! ```
//! use std::sync::Arc;
//! use treelint_core::{Config, Document};
//! use treelint_core::walk::{Step, Tree, Walk};
//!
//! let text = "```tree\nBroken?\n├── [Check 1] Down?\n│   ├── YES → ✅ ROLL BACK\n│   └── NO → wait\n```\n";
//! let doc = Arc::new(Document::parse(text, &Config::default()));
//! let mut walk = Walk::new(Tree::new("t.md", doc)).unwrap(); // or Walk::from_check(tree, "Check 1")
//! let Step::Question(q) = walk.current() else { panic!() };   // the root's only child is passed through
//! assert_eq!(q.check.as_deref(), Some("1"));
//! walk.choose(0).unwrap();                                   // YES (0-based index into q.choices)
//! assert!(matches!(walk.current(), Step::Outcome(_)));
//! assert_eq!(walk.breadcrumbs()[0].short(), "Check 1: YES");
//! walk.back();                                               // undo the last decision
//! ```
//!
//! Inputs: [`Walk::choose`], [`Walk::back`], [`Walk::restart`], [`Walk::note`],
//! [`Walk::jump`] (to a check), [`Walk::continue_also`] / [`Walk::finish`] (at an outcome
//! that offers a parallel question) and [`Walk::record_run`] (a command the caller ran).
//! Queries: [`Walk::current`] (a [`Step`]), [`Walk::breadcrumbs`], [`Walk::outcomes`],
//! [`Walk::log`], and [`Walk::transcript`] (Markdown for the incident record).
//! [`match_choice`] turns a typed answer (`NO`, `30 min`, `2`) into an index.
//!
//! # Invariants
//!
//! - No I/O and no clock: other trees come from a caller's [`Loader`], timestamps from a
//!   caller's [`Clock`] (UTC ISO 8601 strings, stored verbatim).
//! - The walk never rests on a step with a single way on: the root's only child, an answer
//!   leading to one node, and jumps are passed through. It rests only on a [`Step::Question`]
//!   (a node with answers, or a node with several children that are not all questions) or a
//!   [`Step::Outcome`].
//! - An answer with several question children (`parallel-questions`) asks the first; the
//!   others wait, innermost first, and each outcome offers the next as "also check …".
//! - Jumps followed without a question in between that come back to a node already passed
//!   end in [`End::Loop`]: the walk never follows jumps forever.
//! - Every decision (choose, continue, jump, restart, finish) can be undone by `back`; the
//!   [`log`](Walk::log) keeps everything, undone steps and notes included.

mod content;
mod matching;
mod resume;
mod transcript;
mod units;
mod view;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::Arc;

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::model::NodeKind;
use crate::syntax::node_text::OutcomeTarget;

pub use content::{Block, commands};
pub use matching::{ChoiceError, match_choice};
pub use resume::{Recorded, read_record};
pub use transcript::entry as record_entry;
pub use units::command_units;
pub use view::{ActionView, Choice, Crumb, DetailsView, End, Offer, OutcomeView, QuestionView, Step};

/// One tree a walk moves through.
#[derive(Debug, Clone)]
pub struct Tree {
    /// What identifies the file (a normalised path): two jumps to the same file agree on it.
    pub id: String,
    /// How it is shown: `config-change.md`.
    pub name: String,
    pub document: Arc<Document>,
}

impl Tree {
    /// A tree whose id is its name.
    pub fn new(name: impl Into<String>, document: Arc<Document>) -> Tree {
        let name = name.into();
        Tree { id: name.clone(), name, document }
    }
}

/// Finds the trees that jumps name (`→ config-change.md`). The CLI reads the disk; the
/// language server reads open buffers.
pub trait Loader: Send {
    /// The tree `target` (as written, without `#fragment`) names, seen from tree `from`;
    /// an error says why there is none.
    fn load(&mut self, from: &Tree, target: &str) -> Result<Tree, String>;
}

/// Says what time it is, as a UTC ISO 8601 string (`2026-11-29T05:06:24Z`).
pub trait Clock: Send {
    fn now(&self) -> String;
}

/// A clock for callers that keep no record: every timestamp is empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoClock;

impl Clock for NoClock {
    fn now(&self) -> String {
        String::new()
    }
}

/// What a walk may use besides its first tree.
pub struct Setup {
    /// Follows jumps into other trees; without one they end the walk as [`End::JumpOut`].
    pub loader: Option<Box<dyn Loader>>,
    pub clock: Box<dyn Clock>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup { loader: None, clock: Box::new(NoClock) }
    }
}

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkError {
    /// The document has no tree block.
    NotATree,
    /// No check of the tree has this ID.
    UnknownCheck(String),
    /// `choose` away from a question, or with an index past its answers.
    NoSuchChoice { index: usize, choices: usize },
    /// `continue_also` where no parallel question waits.
    NothingToContinue,
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkError::NotATree => write!(f, "the document has no decision tree"),
            WalkError::UnknownCheck(id) => write!(f, "the tree has no check {id}"),
            WalkError::NoSuchChoice { index, choices } => {
                write!(f, "there is no answer {} (the step has {choices})", index + 1)
            }
            WalkError::NothingToContinue => write!(f, "no other question waits to be checked"),
        }
    }
}

impl std::error::Error for WalkError {}

/// A command the caller ran at a check (`--exec`), for the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    pub command: String,
    /// `None` when it was killed by a signal or could not start.
    pub exit_code: Option<i32>,
    pub duration_ms: u64,
    /// What it printed (stdout and stderr as they came), possibly shortened by the caller.
    pub output: String,
    /// The user stopped it before it ended.
    #[serde(default)]
    pub stopped: bool,
}

/// Everything that happened, in order, with the time it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Started {
        at: String,
        tree: String,
        text: String,
    },
    Answered {
        at: String,
        tree: String,
        check: Option<String>,
        question: String,
        answer: String,
    },
    Jumped {
        at: String,
        from: String,
        to: String,
        target: String,
    },
    Reached {
        at: String,
        tree: String,
        text: String,
    },
    Continued {
        at: String,
        check: Option<String>,
        question: String,
    },
    Back {
        at: String,
    },
    Restarted {
        at: String,
    },
    Note {
        at: String,
        text: String,
    },
    /// A command run at `step` (the check or outcome the walk rested on).
    Ran {
        at: String,
        step: String,
        run: RunRecord,
    },
    Finished {
        at: String,
    },
    /// The walk was cut short (`Ctrl-C`, `SIGTERM`, `SIGHUP`…): `reason` says by what.
    Interrupted {
        at: String,
        reason: String,
    },
    /// The walk was taken up again from its record; `note` says what could not be replayed.
    Resumed {
        at: String,
        note: Option<String>,
    },
    /// The user ended the walk (quit).
    Ended {
        at: String,
    },
}

impl Event {
    /// When it happened.
    pub fn at(&self) -> &str {
        match self {
            Event::Started { at, .. }
            | Event::Answered { at, .. }
            | Event::Jumped { at, .. }
            | Event::Reached { at, .. }
            | Event::Continued { at, .. }
            | Event::Back { at }
            | Event::Restarted { at }
            | Event::Note { at, .. }
            | Event::Ran { at, .. }
            | Event::Finished { at }
            | Event::Interrupted { at, .. }
            | Event::Resumed { at, .. }
            | Event::Ended { at } => at,
        }
    }
}

/// A node of one of the walk's trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Pos {
    tree: usize,
    node: NodeIndex,
}

/// Where the walk rests.
#[derive(Debug, Clone, PartialEq, Eq)]
enum At {
    Ask(Pos),
    End(Pos, End),
}

/// One step of the path, as recorded for breadcrumbs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PathEntry {
    Answer { question: Pos, choice: Pos },
    Jump { from: Pos, to: Pos, target: String },
    Reached(Pos, End),
    Also(Pos),
}

/// What `back` restores.
#[derive(Debug, Clone)]
struct State {
    at: At,
    /// Parallel questions still to ask; the last is next.
    pending: Vec<Pos>,
    path: Vec<PathEntry>,
    finished: bool,
}

/// A walk through one tree and the trees its jumps lead to.
pub struct Walk {
    trees: Vec<Tree>,
    loader: Option<Box<dyn Loader>>,
    clock: Box<dyn Clock>,
    /// While a record is replayed, the time of the event being replayed.
    fixed_at: Option<String>,
    start: Pos,
    /// The check the walk started from, as an ID (`None`: the root).
    from: Option<String>,
    started_at: String,
    state: State,
    undo: Vec<State>,
    log: Vec<Event>,
}

impl std::fmt::Debug for Walk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk").field("start", &self.start).field("state", &self.state).finish_non_exhaustive()
    }
}

impl Walk {
    /// Starts at the root of `tree`, with no loader and no clock.
    pub fn new(tree: Tree) -> Result<Walk, WalkError> {
        Walk::with_setup(tree, None, Setup::default())
    }

    /// Starts at a check of `tree`: `6`, `Check 6` or `[Check 6]`.
    pub fn from_check(tree: Tree, check: &str) -> Result<Walk, WalkError> {
        Walk::with_setup(tree, Some(check), Setup::default())
    }

    /// Starts at the root, or at `check`, with a loader and a clock.
    pub fn with_setup(tree: Tree, check: Option<&str>, setup: Setup) -> Result<Walk, WalkError> {
        Walk::start_at(tree, check, setup, None)
    }

    fn start_at(tree: Tree, check: Option<&str>, setup: Setup, at: Option<String>) -> Result<Walk, WalkError> {
        let node = match check {
            Some(c) => {
                find_check(&tree.document, c).ok_or_else(|| WalkError::UnknownCheck(check_id_of(c).to_string()))?
            }
            None => *tree.document.model.roots.first().ok_or(WalkError::NotATree)?,
        };
        let start = Pos { tree: 0, node };
        let placeholder = State { at: At::Ask(start), pending: Vec::new(), path: Vec::new(), finished: false };
        let mut walk = Walk {
            trees: vec![tree],
            loader: setup.loader,
            clock: setup.clock,
            fixed_at: at,
            start,
            from: check.map(|c| check_id_of(c).to_string()),
            started_at: String::new(),
            state: placeholder,
            undo: Vec::new(),
            log: Vec::new(),
        };
        let at = walk.now();
        walk.started_at = at.clone();
        walk.log.push(Event::Started { at: at.clone(), tree: walk.trees[0].name.clone(), text: walk.label(start) });
        walk.state = walk.begin(start, &at);
        Ok(walk)
    }

    // ---- queries ----

    /// The step the walk rests on.
    pub fn current(&self) -> Step {
        match &self.state.at {
            At::Ask(p) => Step::Question(view::question(&self.trees[p.tree], p.node, self.answered_before(*p))),
            At::End(p, end) => {
                let also = if self.state.finished { None } else { self.state.pending.last().map(|q| self.offer(*q)) };
                Step::Outcome(view::outcome(&self.trees[p.tree], p.node, end.clone(), also))
            }
        }
    }

    /// The path so far, one crumb per answer, jump, earlier outcome and "also check".
    pub fn breadcrumbs(&self) -> Vec<Crumb> {
        self.state
            .path
            .iter()
            .map(|e| match e {
                PathEntry::Answer { question, choice } => Crumb::Answer {
                    tree: self.trees[question.tree].name.clone(),
                    check: self.check(*question),
                    question: self.label(*question),
                    answer: self.label(*choice),
                },
                PathEntry::Jump { from, to, target } => Crumb::Jump {
                    tree: self.trees[from.tree].name.clone(),
                    to_tree: self.trees[to.tree].name.clone(),
                    target: target.clone(),
                },
                PathEntry::Reached(p, end) => Crumb::Reached {
                    tree: self.trees[p.tree].name.clone(),
                    text: view::outcome(&self.trees[p.tree], p.node, end.clone(), None).text,
                },
                PathEntry::Also(q) => Crumb::Also {
                    tree: self.trees[q.tree].name.clone(),
                    check: self.check(*q),
                    question: self.label(*q),
                },
            })
            .collect()
    }

    /// Every outcome reached on the current path, the current one last (when the walk rests
    /// on an outcome).
    pub fn outcomes(&self) -> Vec<OutcomeView> {
        let mut out: Vec<OutcomeView> = self
            .state
            .path
            .iter()
            .filter_map(|e| match e {
                PathEntry::Reached(p, end) => Some(view::outcome(&self.trees[p.tree], p.node, end.clone(), None)),
                _ => None,
            })
            .collect();
        if let Step::Outcome(o) = self.current() {
            out.push(o);
        }
        out
    }

    /// Parallel questions left unchecked on this path (after [`Walk::finish`], or still
    /// waiting), next first.
    pub fn unchecked(&self) -> Vec<Offer> {
        self.state.pending.iter().rev().map(|q| self.offer(*q)).collect()
    }

    /// Whether [`Walk::finish`] was given (or the last outcome offers nothing more).
    pub fn is_finished(&self) -> bool {
        self.state.finished || matches!(self.state.at, At::End(..)) && self.state.pending.is_empty()
    }

    /// Everything that happened, in order.
    pub fn log(&self) -> &[Event] {
        &self.log
    }

    /// The trees visited so far; the first is where the walk began.
    pub fn trees(&self) -> &[Tree] {
        &self.trees
    }

    /// When the walk began, as the clock said.
    pub fn started_at(&self) -> &str {
        &self.started_at
    }

    /// The check the walk started from (`--from`), as an ID; `None` for the root.
    pub fn from_check_id(&self) -> Option<&str> {
        self.from.as_deref()
    }

    /// Where the walk rests, as the record names it: `[Check 6] How long ago…?`, or the
    /// outcome's text.
    pub fn resting_at(&self) -> String {
        match &self.state.at {
            At::Ask(p) => match self.check(*p) {
                Some(id) => format!("[Check {id}] {}", self.label(*p)),
                None => self.label(*p),
            },
            At::End(p, end) => view::outcome(&self.trees[p.tree], p.node, end.clone(), None).text,
        }
    }

    /// The first question's text (the root's, or the check started from).
    pub fn start_text(&self) -> String {
        self.label(self.start)
    }

    /// The record of the walk as Markdown, ready for an incident document.
    pub fn transcript(&self) -> String {
        transcript::render(self)
    }

    /// The head of a record written as the walk goes; each event of [`Walk::log`] is then
    /// appended with [`record_entry`], and [`Walk::transcript`] replaces it all at the end.
    pub fn journal_head(&self) -> String {
        transcript::journal_head(self)
    }

    // ---- inputs ----

    /// Answers the current question with its `index`-th answer (0-based).
    pub fn choose(&mut self, index: usize) -> Result<(), WalkError> {
        let At::Ask(q) = self.state.at else {
            return Err(WalkError::NoSuchChoice { index, choices: 0 });
        };
        let children = self.trees[q.tree].document.model.children(q.node);
        let Some(&child) = children.get(index) else {
            return Err(WalkError::NoSuchChoice { index, choices: children.len() });
        };
        let at = self.now();
        let choice = Pos { tree: q.tree, node: child };
        self.log.push(Event::Answered {
            at: at.clone(),
            tree: self.trees[q.tree].name.clone(),
            check: self.check(q),
            question: self.label(q),
            answer: self.label(choice),
        });
        self.undo.push(self.state.clone());
        self.state.path.push(PathEntry::Answer { question: q, choice });
        self.state.at = self.settle(choice, &at);
        Ok(())
    }

    /// Takes up the parallel question the current outcome offers ("also check …").
    pub fn continue_also(&mut self) -> Result<(), WalkError> {
        let (At::End(p, end), false) = (&self.state.at, self.state.finished) else {
            return Err(WalkError::NothingToContinue);
        };
        let (p, end) = (*p, end.clone());
        let Some(&q) = self.state.pending.last() else {
            return Err(WalkError::NothingToContinue);
        };
        let at = self.now();
        self.log.push(Event::Continued { at: at.clone(), check: self.check(q), question: self.label(q) });
        self.undo.push(self.state.clone());
        self.state.pending.pop();
        self.state.path.push(PathEntry::Reached(p, end));
        self.state.path.push(PathEntry::Also(q));
        self.state.at = self.settle(q, &at);
        Ok(())
    }

    /// Ends the walk at its outcome, leaving any parallel question unchecked.
    pub fn finish(&mut self) {
        if self.state.finished {
            return;
        }
        self.log.push(Event::Finished { at: self.now() });
        self.undo.push(self.state.clone());
        self.state.finished = true;
    }

    /// Undoes the last decision; `false` when there is none.
    pub fn back(&mut self) -> bool {
        match self.undo.pop() {
            Some(state) => {
                self.log.push(Event::Back { at: self.now() });
                self.state = state;
                true
            }
            None => false,
        }
    }

    /// Goes back to the start (undoable).
    pub fn restart(&mut self) {
        let at = self.now();
        self.log.push(Event::Restarted { at: at.clone() });
        self.undo.push(self.state.clone());
        self.state = self.begin(self.start, &at);
    }

    /// Continues at a check of the current tree, as if a jump led there (undoable).
    pub fn jump(&mut self, check: &str) -> Result<(), WalkError> {
        let tree = match &self.state.at {
            At::Ask(p) | At::End(p, _) => p.tree,
        };
        let node = find_check(&self.trees[tree].document, check)
            .ok_or_else(|| WalkError::UnknownCheck(check_id_of(check).to_string()))?;
        let at = self.now();
        let to = Pos { tree, node };
        let from = match &self.state.at {
            At::Ask(p) | At::End(p, _) => *p,
        };
        let target = format!("[Check {}]", check_id_of(check));
        self.log.push(Event::Jumped {
            at: at.clone(),
            from: self.trees[tree].name.clone(),
            to: self.trees[tree].name.clone(),
            target: target.clone(),
        });
        self.undo.push(self.state.clone());
        self.state.finished = false;
        self.state.path.push(PathEntry::Jump { from, to, target });
        self.state.at = self.settle(to, &at);
        Ok(())
    }

    /// Adds a note to the record at the current step.
    pub fn note(&mut self, text: impl Into<String>) {
        self.log.push(Event::Note { at: self.now(), text: text.into() });
    }

    /// Records a command the caller ran at the current step.
    pub fn record_run(&mut self, run: RunRecord) {
        let step = self.resting_at();
        self.log.push(Event::Ran { at: self.now(), step, run });
    }

    /// Records that the walk was cut short, and by what (`SIGTERM`, `Ctrl-C`…).
    pub fn interrupted(&mut self, reason: impl Into<String>) {
        self.log.push(Event::Interrupted { at: self.now(), reason: reason.into() });
    }

    /// Records that the user ended the walk.
    pub fn end(&mut self) {
        self.log.push(Event::Ended { at: self.now() });
    }

    /// Reads the clock from now on with `clock`.
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.clock = clock;
    }

    fn now(&self) -> String {
        self.fixed_at.clone().unwrap_or_else(|| self.clock.now())
    }

    // ---- the machine ----

    fn begin(&mut self, start: Pos, at: &str) -> State {
        let saved = std::mem::replace(
            &mut self.state,
            State { at: At::Ask(start), pending: Vec::new(), path: Vec::new(), finished: false },
        );
        let resting = self.settle(start, at);
        let mut fresh = std::mem::replace(&mut self.state, saved);
        fresh.at = resting;
        fresh
    }

    /// Moves from `pos` through every step with a single way on, and returns where the
    /// walk rests. Jumps and parallel questions met on the way go into `self.state`.
    fn settle(&mut self, mut pos: Pos, at: &str) -> At {
        let mut seen: HashSet<Pos> = HashSet::new();
        let mut chain: Vec<String> = Vec::new();
        loop {
            if !seen.insert(pos) {
                let end = End::Loop { chain };
                return self.reach(pos, end, at);
            }
            let doc = self.trees[pos.tree].document.clone();
            let node = doc.model.node(pos.node);
            match node.kind {
                NodeKind::Terminal => {
                    let end = view::terminal(&self.trees[pos.tree], pos.node);
                    return self.reach(pos, end, at);
                }
                NodeKind::Jump => {
                    chain.push(self.describe(pos));
                    match self.follow(pos, at) {
                        Ok(next) => pos = next,
                        Err((target, reason)) => return self.reach(pos, End::JumpOut { target, reason }, at),
                    }
                }
                NodeKind::Question => {
                    if doc.model.child_count(pos.node) == 0 {
                        return self.reach(pos, End::UnmarkedLeaf, at);
                    }
                    return At::Ask(pos);
                }
                NodeKind::Root | NodeKind::Answer => {
                    let children = doc.model.children(pos.node);
                    match children.as_slice() {
                        [] => return self.reach(pos, End::UnmarkedLeaf, at),
                        [only] => pos = Pos { tree: pos.tree, node: *only },
                        [first, rest @ ..]
                            if children.iter().all(|&c| doc.model.node(c).kind == NodeKind::Question) =>
                        {
                            self.state.pending.extend(rest.iter().rev().map(|&c| Pos { tree: pos.tree, node: c }));
                            pos = Pos { tree: pos.tree, node: *first };
                        }
                        _ => return At::Ask(pos),
                    }
                }
            }
        }
    }

    fn reach(&mut self, pos: Pos, end: End, at: &str) -> At {
        let text = view::outcome(&self.trees[pos.tree], pos.node, end.clone(), None).text;
        self.log.push(Event::Reached { at: at.to_string(), tree: self.trees[pos.tree].name.clone(), text });
        At::End(pos, end)
    }

    /// Follows the jump at `pos`: the node it leads to, or the jump as written and why it
    /// cannot be followed.
    fn follow(&mut self, pos: Pos, at: &str) -> Result<Pos, (String, String)> {
        let doc = self.trees[pos.tree].document.clone();
        let node = doc.model.node(pos.node);
        let outcome = node.outcome.as_ref().expect("a jump node has an outcome");
        let written = doc.slice(&outcome.span).trim().to_string();
        let to = match &outcome.target {
            OutcomeTarget::Check(label) => match doc.model.jump_target(pos.node) {
                Some(n) => Pos { tree: pos.tree, node: n },
                None => {
                    return Err((written, format!("the tree has no check {}", label.id)));
                }
            },
            OutcomeTarget::File { path, fragment } => {
                let Some(loader) = self.loader.as_mut() else {
                    return Err((written, "other trees are not loaded here".into()));
                };
                let tree = match loader.load(&self.trees[pos.tree], path) {
                    Ok(t) => t,
                    Err(reason) => return Err((written, reason)),
                };
                let index = match self.trees.iter().position(|t| t.id == tree.id) {
                    Some(i) => i,
                    None => {
                        self.trees.push(tree);
                        self.trees.len() - 1
                    }
                };
                let entry = match fragment {
                    Some(f) => {
                        let id =
                            f.get(..6).filter(|p| p.eq_ignore_ascii_case("check-")).map_or(f.as_str(), |_| &f[6..]);
                        find_check(&self.trees[index].document, id)
                            .ok_or_else(|| (written.clone(), format!("{} has no check {id}", self.trees[index].name)))?
                    }
                    None => {
                        *self.trees[index].document.model.roots.first().ok_or_else(|| {
                            (written.clone(), format!("{} has no decision tree", self.trees[index].name))
                        })?
                    }
                };
                Pos { tree: index, node: entry }
            }
            _ => unreachable!("a jump node's outcome is a check or a file"),
        };
        self.log.push(Event::Jumped {
            at: at.to_string(),
            from: self.trees[pos.tree].name.clone(),
            to: self.trees[to.tree].name.clone(),
            target: written.clone(),
        });
        self.state.path.push(PathEntry::Jump { from: pos, to, target: written });
        Ok(to)
    }

    fn answered_before(&self, q: Pos) -> bool {
        self.state.path.iter().any(|e| matches!(e, PathEntry::Answer { question, .. } if *question == q))
    }

    fn offer(&self, q: Pos) -> Offer {
        Offer { check: self.check(q), text: self.label(q) }
    }

    fn label(&self, p: Pos) -> String {
        view::label(&self.trees[p.tree], p.node)
    }

    fn check(&self, p: Pos) -> Option<String> {
        view::check_id(&self.trees[p.tree], p.node)
    }

    /// `config-change.md: → go to [Check 3]` for a loop's chain.
    fn describe(&self, p: Pos) -> String {
        let tree = &self.trees[p.tree];
        let text = tree.document.slice(&tree.document.model.node(p.node).text).trim().to_string();
        format!("{}: {}", tree.name, if text.is_empty() { self.label(p) } else { text })
    }
}

/// `Check 6`, `[Check 6]`, `check 6` or `6` → `6`.
fn check_id_of(s: &str) -> &str {
    let s = s.trim().trim_start_matches('[').trim_end_matches(']').trim();
    match s.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("check") && s[5..].starts_with([' ', '\t', '-']) => s[6..].trim(),
        _ => s,
    }
}

/// The node labelled with check `s` (IDs compare exactly, then case-insensitively).
fn find_check(doc: &Document, s: &str) -> Option<NodeIndex> {
    let id = check_id_of(s);
    doc.model
        .checks
        .get(id)
        .copied()
        .or_else(|| doc.model.check_order().into_iter().find(|(k, _)| k.eq_ignore_ascii_case(id)).map(|(_, n)| n))
}
