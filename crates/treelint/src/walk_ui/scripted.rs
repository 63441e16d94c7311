//! Scripted mode (`--answers "NO,30 min,Minimal"`): the answers are given up front, matched
//! like typed ones (1-based numbers, or label prefixes, case-insensitive), and the walk
//! runs without prompts. An answer given at an outcome that offers another question takes
//! up that question; when the answers run out at such an outcome, the walk finishes there.

use std::io::{self, Write};

use treelint_core::walk::{Step, Walk, match_choice};

use super::{Exec, Session, plain, text};
use crate::render::sanitize;

/// Why the answers could not be followed (exit status 2).
#[derive(Debug)]
pub struct ScriptError(pub String);

/// Splits `--answers` at commas; `\,` is a comma inside an answer (`YES\, a deploy`).
pub fn parse_answers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => current.push(chars.next().unwrap_or(',')),
            ',' => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out.into_iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect()
}

/// Applies the answers in order; `log` receives the output of commands run (`--exec --yes`).
/// A signal stops it where it is (the caller sees it in the session).
pub fn run(
    walk: &mut Walk,
    answers: &[String],
    exec: Exec,
    log: &mut dyn Write,
    session: &mut Session,
) -> Result<(), ScriptError> {
    let io_err = |e: io::Error| ScriptError(e.to_string());
    let mut ran = std::collections::HashSet::new();
    for (n, answer) in answers.iter().enumerate() {
        session.step(walk);
        if session.interrupted().is_some() {
            return Ok(());
        }
        if let Step::Outcome(o) = walk.current() {
            if o.also.is_none() {
                return Err(ScriptError(format!(
                    "answer {} (\"{}\") is one too many: the walk already ended at {}",
                    n + 1,
                    sanitize(answer),
                    sanitize(&o.text)
                )));
            }
            let _ = walk.continue_also();
        }
        let Step::Question(q) = walk.current() else { unreachable!("continue_also leads to a question or an outcome") };
        if exec == Exec::Yes && ran.insert((q.tree.clone(), q.node)) {
            plain::run_commands(walk, q.details.as_ref().map_or(&[], |d| d.blocks.as_slice()), log, session)
                .map_err(io_err)?;
            if session.interrupted().is_some() {
                return Ok(());
            }
        }
        match match_choice(&q.choices, answer) {
            Ok(i) => walk.choose(i).map_err(|e| ScriptError(e.to_string()))?,
            Err(e) => {
                return Err(ScriptError(format!(
                    "answer {} at {}: {}",
                    n + 1,
                    text::question_title(&q),
                    sanitize(&e.to_string())
                )));
            }
        }
    }
    if let Step::Outcome(o) = walk.current() {
        if o.also.is_some() {
            walk.finish();
        }
    }
    session.step(walk);
    Ok(())
}

/// The human summary of a scripted walk: path, then each outcome (or where it stopped).
pub fn summary(walk: &Walk) -> String {
    let mut out = String::new();
    let crumbs = walk.breadcrumbs();
    out.push_str(&format!(
        "Path: {}\n",
        if crumbs.is_empty() { "(none)".to_string() } else { text::breadcrumbs(&crumbs) }
    ));
    let outcomes = walk.outcomes();
    for o in &outcomes {
        out.push('\n');
        out.push_str(&text::outcome(o));
    }
    for u in walk.unchecked() {
        let id = u.check.map(|id| format!("[Check {}] ", sanitize(&id))).unwrap_or_default();
        out.push_str(&format!("\nNot checked (a parallel question): {id}{}\n", sanitize(&u.text)));
    }
    if let Step::Question(q) = walk.current() {
        out.push_str("\nStopped at a question:\n");
        out.push_str(&text::question(&q));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_split_at_commas_unless_escaped() {
        assert_eq!(parse_answers("NO, 30 min ,Minimal"), vec!["NO", "30 min", "Minimal"]);
        assert_eq!(parse_answers("YES\\, a deploy,2"), vec!["YES, a deploy", "2"]);
        assert!(parse_answers("").is_empty());
    }
}
