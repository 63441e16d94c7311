//! Taking a walk up again from its record (`treelint walk --resume TRANSCRIPT`).
//!
//! The record carries, beside each human line, an HTML comment (invisible once rendered)
//! with the event as JSON: `<!-- treelint-event {…} -->`, and one `<!-- treelint-walk {…} -->`
//! naming the tree and the check the walk started from. [`read_record`] reads them back;
//! [`Walk::resume`] replays the inputs (answers, back, restart, notes, commands run…) on the
//! tree as it is now, with their original times. Questions are matched by their check ID
//! (or, without one, their text) and answers by their label, so the walk still resumes after
//! the tree was edited elsewhere; where a step no longer exists, the replay stops there and
//! says why, and the events it could not replay stay in the record as they were.
//!
//! The JSON is ASCII only (`<`, `>` and everything past `~` escaped as `\uXXXX`), so no
//! text can close the comment early and sanitising the file cannot change it.

use serde::{Deserialize, Serialize};

use super::view::Step;
use super::{At, Event, Setup, Tree, Walk, WalkError};

const WALK_TAG: &str = "<!-- treelint-walk ";
const EVENT_TAG: &str = "<!-- treelint-event ";

/// What a record says about its walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// Format version (1).
    pub version: u32,
    /// The first tree's id (the CLI: its absolute path).
    pub tree: String,
    /// The check the walk started from; `None`: the root.
    pub from: Option<String>,
    #[serde(skip)]
    pub events: Vec<Event>,
}

/// The machine-readable line that opens a record.
pub(super) fn walk_comment(walk: &Walk) -> String {
    let r = Recorded {
        version: 1,
        tree: walk.trees()[0].id.clone(),
        from: walk.from_check_id().map(str::to_string),
        events: Vec::new(),
    };
    format!("{WALK_TAG}{} -->", ascii_json(&r))
}

/// The machine-readable line under an event of the record.
pub(super) fn event_comment(e: &Event) -> String {
    format!("{EVENT_TAG}{} -->", ascii_json(e))
}

fn ascii_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        // Outside strings JSON holds none of these, so escaping them everywhere is safe.
        if c == '<' || c == '>' || c == '&' || u32::from(c) >= 0x7f {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads a record written by a walk; an error says why it is not one.
pub fn read_record(text: &str) -> Result<Recorded, String> {
    let mut recorded: Option<Recorded> = None;
    let mut events = Vec::new();
    // Inside a fenced block (a command's output) nothing is an event, whatever it looks like.
    let mut fence: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        let ticks = t.len() - t.trim_start_matches('`').len();
        match fence {
            Some(open) if ticks >= open && t[ticks..].trim().is_empty() => {
                fence = None;
                continue;
            }
            Some(_) => continue,
            None if ticks >= 3 => {
                fence = Some(ticks);
                continue;
            }
            None => {}
        }
        let Some(json) = t.strip_suffix("-->") else { continue };
        if let Some(json) = json.strip_prefix(WALK_TAG) {
            let r: Recorded = serde_json::from_str(json.trim())
                .map_err(|e| format!("line {}: unreadable walk header: {e}", n + 1))?;
            recorded.get_or_insert(r);
        } else if let Some(json) = json.strip_prefix(EVENT_TAG) {
            let e: Event =
                serde_json::from_str(json.trim()).map_err(|e| format!("line {}: unreadable event: {e}", n + 1))?;
            events.push(e);
        }
    }
    let mut r = recorded.ok_or("it is not the record of a walk (no `treelint-walk` line)")?;
    if !matches!(events.first(), Some(Event::Started { .. })) {
        return Err("the record holds no start of a walk".into());
    }
    r.events = events;
    Ok(r)
}

impl Walk {
    /// Starts `tree` again where `recorded` left it: every input replayed with its original
    /// time. Also returns why the replay stopped early, when a step no longer exists (the
    /// walk then rests on the last step that does, and the rest of the record is kept).
    pub fn resume(tree: Tree, recorded: &Recorded, setup: Setup) -> Result<(Walk, Option<String>), WalkError> {
        let started = recorded.events.first().map(|e| e.at().to_string());
        let mut walk = Walk::start_at(tree, recorded.from.as_deref(), setup, started)?;
        let mut problem = None;
        let mut events = recorded.events.iter().skip(1);
        for e in events.by_ref() {
            walk.fixed_at = Some(e.at().to_string());
            if let Err(why) = walk.replay(e) {
                problem = Some(why);
                walk.log.push(e.clone());
                break;
            }
        }
        // What could not be replayed stays in the record as it was.
        walk.log.extend(events.cloned());
        walk.fixed_at = None;
        Ok((walk, problem))
    }

    /// Records that the walk was resumed, and what could not be replayed.
    pub fn resumed(&mut self, note: Option<String>) {
        let at = self.now();
        self.log.push(Event::Resumed { at, note });
    }

    fn replay(&mut self, e: &Event) -> Result<(), String> {
        match e {
            // These follow from the inputs and are logged again as they happen.
            Event::Started { .. } | Event::Jumped { .. } | Event::Reached { .. } => Ok(()),
            Event::Answered { check, question, answer, .. } => {
                let Step::Question(q) = self.current() else {
                    return Err(format!(
                        "the record answers {} next, but the walk is at an outcome",
                        named(check, question)
                    ));
                };
                let same = match check {
                    Some(id) => q.check.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(id)),
                    None => q.check.is_none() && q.text == *question,
                };
                if !same {
                    return Err(format!(
                        "the record answers {} next, but the tree now asks {}",
                        named(check, question),
                        named(&q.check, &q.text)
                    ));
                }
                let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                let index = q
                    .choices
                    .iter()
                    .position(|c| c.label == *answer)
                    .or_else(|| q.choices.iter().position(|c| fold(&c.label) == fold(answer)))
                    .ok_or_else(|| format!("{} no longer has the answer \"{answer}\"", named(&q.check, &q.text)))?;
                self.choose(index).map_err(|e| e.to_string())
            }
            Event::Continued { check, question, .. } => {
                self.continue_also().map_err(|_| format!("{} is no longer offered here", named(check, question)))
            }
            Event::Back { .. } => {
                self.back();
                Ok(())
            }
            Event::Restarted { .. } => {
                self.restart();
                Ok(())
            }
            Event::Finished { .. } => {
                if matches!(self.state.at, At::End(..)) {
                    self.finish();
                }
                Ok(())
            }
            Event::Note { text, .. } => {
                self.note(text.clone());
                Ok(())
            }
            Event::Ran { run, .. } => {
                self.record_run(run.clone());
                Ok(())
            }
            Event::Interrupted { .. } | Event::Resumed { .. } | Event::Ended { .. } => {
                self.log.push(e.clone());
                Ok(())
            }
        }
    }
}

fn named(check: &Option<String>, question: &str) -> String {
    match check {
        Some(id) => format!("[Check {id}]"),
        None => format!("\"{question}\""),
    }
}
