//! `treelint walk --format json`: the path taken and the outcome, for scripts and tests.
//!
//! `{"version": 1, "tree", "started", "complete", "path": [crumbs], "outcome", "outcomes",
//! "question", "unchecked", "runs"}`: `outcome` is the last outcome reached (or null), each outcome
//! says whether it is a terminal action (`terminal`), and `question` is where the walk
//! stopped when the answers ran out first; `unchecked` lists the parallel questions the
//! walk finished without (see `parallel-questions`).

use serde_json::{Value, json};
use treelint_core::walk::{End, Event, OutcomeView, Step, Walk};

/// The walk as one JSON object.
pub fn render(walk: &Walk) -> String {
    let outcomes: Vec<Value> = walk.outcomes().iter().map(outcome).collect();
    let question = match walk.current() {
        Step::Question(q) => serde_json::to_value(q).unwrap_or(Value::Null),
        Step::Outcome(_) => Value::Null,
    };
    let runs: Vec<&treelint_core::walk::RunRecord> = walk
        .log()
        .iter()
        .filter_map(|e| match e {
            Event::Ran { run, .. } => Some(run),
            _ => None,
        })
        .collect();
    let value = json!({
        "version": 1,
        "tree": walk.trees()[0].name,
        "started": walk.started_at(),
        "complete": walk.is_finished(),
        "path": walk.breadcrumbs(),
        "outcome": outcomes.last().cloned().unwrap_or(Value::Null),
        "outcomes": outcomes,
        "question": question,
        "unchecked": walk.unchecked(),
        "runs": runs,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn outcome(o: &OutcomeView) -> Value {
    let mut v = serde_json::to_value(o).unwrap_or(Value::Null);
    let terminal = matches!(o.end, End::Terminal { .. });
    if let Value::Object(map) = &mut v {
        map.insert("terminal".into(), Value::Bool(terminal));
        if matches!(o.end, End::UnmarkedLeaf) {
            map.insert("warning".into(), Value::String("unmarked leaf: not a terminal action".into()));
        }
    }
    v
}
