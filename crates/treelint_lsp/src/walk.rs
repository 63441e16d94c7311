//! `treelint/walk`: one step of a walk through the tree, for the editor's walk UI (the
//! VS Code extension's quick picks, Neovim's `:TreelintWalk`).
//!
//! The request is stateless: the client sends where it started (`from`, a check ID, or
//! null for the root) and every answer chosen so far (`choices`, 0-based), and the server
//! replays them on the current text with the core's walk ([`treelint_core::walk`]), which
//! passes through single-child steps and jumps. Jumps into other trees are followed through
//! the index and open buffers.
//!
//! Wire format (shared with `editors/vscode/src/protocol.ts`):
//! params `{uri, from: string|null, tree?: string|null, choices: number[], started?: string,
//! times?: string[]}` (`tree`: which tree of a file with several, by number, root text or
//! heading); result `{breadcrumbs: [{question, answer}], step: {kind: "question", check, text,
//! details, choices} | {kind: "outcome", text, marker, action, warning}, transcript:
//! string|null, started: string, times: string[]}`.
//!
//! Resuming: with `record` (a transcript's text), the walk first replays that record on the
//! tree (see `treelint_core::walk::Walk::resume`), then `choices`; `started` is then the time
//! of the resume, and `times` those of the choices after it.
//!
//! Timestamps: the server has a clock (UTC, to the second). A replay stamps the start and
//! each choice with the times the client sends back (`started`, `times[i]`: what the server
//! returned when that step was first taken) and the rest with the clock now, and returns the
//! stamps it used; so a client that echoes them gets a record with the time of every step.
//! Tests inject a clock ([`walk_with_clock`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::Uri;
use treelint_core::Document;
use treelint_core::walk::{Clock, Crumb, End, Event, Loader, Setup, Step, Tree, Walk, read_record};
use treelint_core::workspace::normalize;

use crate::server::{Backend, guard, invalid};
use crate::world::FileAnalysis;
use crate::world::Snapshot;

/// Params of `treelint/walk`.
#[derive(Debug, Deserialize)]
pub struct WalkParams {
    pub uri: Uri,
    /// The check to start at; null for the root.
    #[serde(default)]
    pub from: Option<String>,
    /// Which tree of the document to walk from its root: its number (`"2"`), its root's
    /// text or its heading; null for the first.
    #[serde(default)]
    pub tree: Option<String>,
    /// 0-based indices of the answers chosen so far, in order.
    #[serde(default)]
    pub choices: Vec<usize>,
    /// When the walk started, as an earlier result said.
    #[serde(default)]
    pub started: Option<String>,
    /// When each choice was made, as earlier results said (may be shorter than `choices`).
    #[serde(default)]
    pub times: Vec<String>,
    /// A walk's record (a transcript): the walk resumes where it stopped, as
    /// `treelint walk --resume` does, and `choices` go on from there (`from` is ignored).
    #[serde(default)]
    pub record: Option<String>,
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breadcrumb {
    pub question: String,
    pub answer: String,
}

/// Where the walk rests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum WalkStep {
    Question {
        check: Option<String>,
        text: String,
        /// Markdown of the check's Node Details section, or "".
        details: String,
        choices: Vec<String>,
    },
    Outcome {
        text: String,
        marker: Option<String>,
        /// Markdown of the resolved Terminal Actions section, or "".
        action: String,
        warning: Option<String>,
    },
}

/// Result of `treelint/walk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkResult {
    pub breadcrumbs: Vec<Breadcrumb>,
    pub step: WalkStep,
    /// Markdown record of the walk, only at an outcome.
    pub transcript: Option<String>,
    /// When the walk started (send it back as `started`).
    #[serde(default)]
    pub started: String,
    /// When each choice was made (send them back as `times`).
    #[serde(default)]
    pub times: Vec<String>,
}

impl Backend {
    /// Handles `treelint/walk`.
    pub async fn walk_request(&self, params: WalkParams) -> Result<WalkResult> {
        let snap = guard("treelint/walk", || Ok(self.snapshot(&params.uri)))?;
        let snap = snap.ok_or_else(|| invalid(format!("{} is not an open document", params.uri.as_str())))?;
        guard("treelint/walk", || walk(&snap, &params))
    }
}

/// The server's clock: UTC, ISO 8601, to the second.
pub fn system_now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Replays `params` on the snapshot's document, stamping with the system clock.
pub fn walk(snap: &Snapshot, params: &WalkParams) -> Result<WalkResult> {
    walk_with_clock(snap, params, Arc::new(system_now))
}

/// Stamps a replay: the times the client sent back, in order, then `now`.
struct ReplayClock {
    given: std::sync::Mutex<std::collections::VecDeque<String>>,
    now: Arc<dyn Fn() -> String + Send + Sync>,
}

impl Clock for ReplayClock {
    fn now(&self) -> String {
        let given = self.given.lock().ok().and_then(|mut g| g.pop_front());
        given.unwrap_or_else(|| (self.now)())
    }
}

/// `2026-11-29T05:06:24Z` and nothing else: what a client sends back is no place for text.
fn is_stamp(s: &str) -> bool {
    s.len() == 20 && s.parse::<jiff::Timestamp>().is_ok() && s.ends_with('Z')
}

/// [`walk`] with the clock given (tests).
pub fn walk_with_clock(
    snap: &Snapshot,
    params: &WalkParams,
    now: Arc<dyn Fn() -> String + Send + Sync>,
) -> Result<WalkResult> {
    let mut document = snap.analysis.doc.clone();
    if let Some(wanted) = params.tree.as_deref().filter(|t| !t.trim().is_empty()) {
        let chosen = document.select_tree(wanted).ok_or_else(|| {
            let names: Vec<String> =
                document.trees().iter().map(|t| format!("{}. {}", t.number, t.root_text)).collect();
            invalid(format!("no single tree matches `{wanted}`; the trees: {}", names.join("; ")))
        })?;
        Arc::make_mut(&mut document).begin_at(chosen.root);
    }
    let tree = tree(&snap.path, document);
    let loader = IndexLoader {
        open: snap.open_trees.clone(),
        root: snap.workspace.root.clone(),
        workspace: snap.workspace.clone(),
    };
    // The start, then one reading per choice; a time that is not a timestamp is not used,
    // and neither is any after it (they would no longer be in order).
    let given: std::collections::VecDeque<String> = match &params.started {
        Some(started) if is_stamp(started) => std::iter::once(started)
            .chain(params.times.iter().take(params.choices.len()).take_while(|s| is_stamp(s)))
            .cloned()
            .collect(),
        _ => std::collections::VecDeque::new(),
    };
    let clock = ReplayClock { given: std::sync::Mutex::new(given), now };
    let setup = Setup { loader: Some(Box::new(loader)), clock: Box::new(clock) };
    let mut w = match &params.record {
        Some(text) => {
            let recorded = read_record(text).map_err(|e| invalid(format!("not a walk's record: {e}")))?;
            let (mut w, problem) = Walk::resume(tree, &recorded, setup).map_err(|e| invalid(e.to_string()))?;
            w.resumed(problem);
            w
        }
        None => Walk::with_setup(tree, params.from.as_deref().filter(|f| !f.is_empty()), setup)
            .map_err(|e| invalid(e.to_string()))?,
    };
    for (i, &choice) in params.choices.iter().enumerate() {
        w.choose(choice).map_err(|e| invalid(format!("choice {} ({choice}): {e}", i + 1)))?;
    }
    let breadcrumbs = w
        .breadcrumbs()
        .into_iter()
        .filter_map(|c| match c {
            Crumb::Answer { question, answer, .. } => Some(Breadcrumb { question, answer }),
            _ => None,
        })
        .collect();
    let text_of = |name: &str, span: &std::ops::Range<usize>| -> String {
        w.trees()
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.document.text.get(span.clone()))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let (step, transcript) = match w.current() {
        Step::Question(q) => {
            let details = q.details.as_ref().map_or(String::new(), |d| text_of(&q.tree, &d.span));
            let choices = q
                .choices
                .iter()
                .map(|c| match &c.outcome {
                    Some(o) if !c.label.is_empty() && *o != c.label => format!("{} → {o}", c.label),
                    _ if c.label.is_empty() => c.outcome.clone().unwrap_or_default(),
                    _ => c.label.clone(),
                })
                .collect();
            (WalkStep::Question { check: q.check, text: q.text, details, choices }, None)
        }
        Step::Outcome(o) => {
            let also = o.also.as_ref().map(|a| match &a.check {
                Some(id) => format!("Also check: Check {id}: {}", a.text),
                None => format!("Also check: {}", a.text),
            });
            let (marker, action, warning) = match &o.end {
                End::Terminal { marker, action, unresolved, .. } => {
                    let action = action.as_ref().map_or(String::new(), |a| text_of(&o.tree, &a.span));
                    (Some(marker.clone()), action, unresolved.clone())
                }
                End::UnmarkedLeaf => (
                    None,
                    String::new(),
                    Some("This leaf has no terminal marker (✅, ⚠️…): it is not a defined outcome.".into()),
                ),
                End::JumpOut { target, reason } => {
                    (None, String::new(), Some(format!("Cannot follow the jump to {target}: {reason}")))
                }
                End::Loop { chain } => (
                    None,
                    String::new(),
                    Some(format!("These jumps lead back without a question: {}", chain.join(" → "))),
                ),
            };
            let warning = match (warning, also) {
                (Some(w), Some(a)) => Some(format!("{w}\n{a}")),
                (w, a) => w.or(a),
            };
            (WalkStep::Outcome { text: o.text, marker, action, warning }, Some(w.transcript()))
        }
    };
    // What this request stamped: from the resume on, when there is one.
    let log = w.log();
    let since = log.iter().rposition(|e| matches!(e, Event::Resumed { .. }));
    let started = since.map_or_else(|| w.started_at().to_string(), |i| log[i].at().to_string());
    let times = log[since.unwrap_or(0)..]
        .iter()
        .filter_map(|e| match e {
            Event::Answered { at, .. } => Some(at.clone()),
            _ => None,
        })
        .collect();
    Ok(WalkResult { breadcrumbs, step, transcript, started, times })
}

fn tree(path: &Path, document: Arc<Document>) -> Tree {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("tree.md").to_string();
    Tree { id: path.to_string_lossy().into_owned(), name, document }
}

/// Other trees for jumps: open documents' analyses, then the file (the index only keeps
/// summaries, so a closed tree is parsed when a walk enters it).
struct IndexLoader {
    open: Arc<std::collections::HashMap<PathBuf, Arc<FileAnalysis>>>,
    root: PathBuf,
    workspace: Arc<treelint_core::Workspace>,
}

impl Loader for IndexLoader {
    fn load(&mut self, from: &Tree, target: &str) -> std::result::Result<Tree, String> {
        let target = target.split('#').next().unwrap_or("");
        let dir = Path::new(&from.id).parent().map(Path::to_path_buf).unwrap_or_default();
        let names = [target.to_string(), format!("{target}.md")];
        for d in [&dir, &self.root] {
            for n in &names {
                let path = normalize(d.join(n));
                if let Some(a) = self.open.get(&path).filter(|a| a.doc.is_tree()) {
                    return Ok(tree(&path, a.doc.clone()));
                }
                if let Some(text) = self.workspace.fs().read_to_string(&path) {
                    return Ok(tree(&path, Arc::new(Document::parse(text, &self.workspace.config))));
                }
            }
        }
        Err(format!("no tree file `{target}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replay_clock_uses_what_was_sent_back_then_the_clock() {
        let now: Arc<dyn Fn() -> String + Send + Sync> = Arc::new(|| "2026-12-01T00:00:09Z".to_string());
        let given = ["2026-12-01T00:00:01Z", "2026-12-01T00:00:02Z"].map(String::from).into_iter().collect();
        let clock = ReplayClock { given: std::sync::Mutex::new(given), now };
        let read: Vec<String> = (0..3).map(|_| clock.now()).collect();
        assert_eq!(read, ["2026-12-01T00:00:01Z", "2026-12-01T00:00:02Z", "2026-12-01T00:00:09Z"]);
        assert!(is_stamp("2026-12-01T00:00:01Z"));
        assert!(!is_stamp("2026-12-01T00:00:01+01:00") && !is_stamp("-") && !is_stamp(""));
        assert!(is_stamp(&system_now()));
    }
}
