//! Plain mode: numbered prompts, one answer per line. Works in a pipe, over any SSH
//! session and on terminals the full-screen UI cannot drive. Chosen when standard input
//! or output is not a terminal, or with `--plain`.
//!
//! Commands are never run here unless `--exec --yes`: a `y` typed into a pipe is no
//! confirmation.
//!
//! Lines are read on a thread of their own ([`Lines`]), so that a signal (Ctrl-C, SIGTERM,
//! SIGHUP) is noticed while the walk waits for an answer: the walk then ends as
//! [`Ended::Interrupted`] and the caller completes the record.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

use treelint_core::walk::{Step, Walk, match_choice};

use super::{Exec, Session, commands, text};
use crate::render::sanitize_line;

const HELP: &str = "\
Type an answer's number or the start of its label (case does not matter).
  b  go back one step        r  restart from the first question
  n  add a note (n TEXT)     q  quit
At an outcome that offers another question: c continue, f finish.
";

/// How plain mode ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// At an outcome, with nothing more to check.
    Finished,
    /// `q`, or the input ran out before an outcome.
    Quit,
    /// A signal arrived (its name).
    Interrupted(String),
}

/// Lines of input read on a background thread.
pub struct Lines {
    rx: Receiver<io::Result<String>>,
}

/// What waiting for a line gave.
enum Next {
    Line(String),
    End,
    Interrupted(&'static str),
}

impl Lines {
    /// Reads `input` on a thread of its own until it ends.
    pub fn spawn<R: BufRead + Send + 'static>(mut input: R) -> Lines {
        let (tx, rx) = sync_channel(0);
        std::thread::spawn(move || {
            loop {
                let mut line = String::new();
                let got = match input.read_line(&mut line) {
                    Ok(0) => break,
                    Ok(_) => Ok(line),
                    Err(e) => Err(e),
                };
                let failed = got.is_err();
                if tx.send(got).is_err() || failed {
                    break;
                }
            }
        });
        Lines { rx }
    }

    /// The next line without its end, or why there is none.
    fn next(&mut self, session: &Session) -> io::Result<Next> {
        loop {
            if let Some(signal) = session.interrupted() {
                return Ok(Next::Interrupted(signal));
            }
            match self.rx.recv_timeout(Duration::from_millis(50)) {
                Ok(line) => return Ok(Next::Line(line?.trim_end_matches(['\n', '\r']).to_string())),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(Next::End),
            }
        }
    }
}

/// Walks with prompts on `out` and answers from `input`; the session's record follows
/// every step.
pub fn run(
    walk: &mut Walk,
    input: &mut Lines,
    out: &mut dyn Write,
    exec: Exec,
    session: &mut Session,
) -> io::Result<Ended> {
    let mut shown: Option<Step> = None;
    let mut ran: HashSet<(String, usize)> = HashSet::new();
    writeln!(out, "{}", sanitize_line(&walk.start_text()))?;
    loop {
        session.step(walk);
        let step = walk.current();
        if shown.as_ref() != Some(&step) {
            writeln!(out)?;
            let crumbs = walk.breadcrumbs();
            if !crumbs.is_empty() {
                writeln!(out, "Path: {}\n", text::breadcrumbs(&crumbs))?;
            }
            match &step {
                Step::Question(q) => {
                    write!(out, "{}", text::question(q))?;
                    if let Some(next) = walk.unchecked().first() {
                        let id =
                            next.check.as_ref().map(|id| format!("[Check {}] ", sanitize_line(id))).unwrap_or_default();
                        writeln!(out, "  (after this path's outcome: also {id}{})", sanitize_line(&next.text))?;
                    }
                }
                Step::Outcome(o) => write!(out, "{}", text::outcome(o))?,
            }
            if let (Step::Question(q), Exec::Yes) = (&step, exec) {
                if ran.insert((q.tree.clone(), q.node)) {
                    run_commands(walk, q.details.as_ref().map_or(&[], |d| d.blocks.as_slice()), out, session)?;
                }
            }
            shown = Some(step.clone());
        }
        let offer = match &step {
            Step::Outcome(o) => match &o.also {
                Some(also) => Some(also.clone()),
                None => return Ok(Ended::Finished),
            },
            Step::Question(_) => None,
        };
        if let Some(also) = &offer {
            let id = also.check.as_ref().map(|id| format!("[Check {}] ", sanitize_line(id))).unwrap_or_default();
            writeln!(out, "\nAlso check {id}{}  (c continue · f finish)", sanitize_line(&also.text))?;
        }
        write!(out, "> ")?;
        out.flush()?;
        let line = match input.next(session)? {
            Next::Line(line) => line,
            Next::Interrupted(signal) => {
                writeln!(out)?;
                return Ok(Ended::Interrupted(signal.to_string()));
            }
            Next::End => {
                writeln!(out)?;
                if offer.is_some() {
                    walk.finish();
                    return Ok(Ended::Finished);
                }
                return Ok(Ended::Quit);
            }
        };
        let line = line.trim();
        match line {
            "" => shown = None,
            "q" | "quit" => return Ok(Ended::Quit),
            "?" | "h" | "help" => write!(out, "{HELP}")?,
            "b" | "back" => {
                if !walk.back() {
                    writeln!(out, "Nothing to go back to.")?;
                }
            }
            "r" | "restart" => walk.restart(),
            "n" | "note" => {
                write!(out, "note> ")?;
                out.flush()?;
                match input.next(session)? {
                    Next::Line(note) => add_note(walk, &note, out)?,
                    Next::Interrupted(signal) => return Ok(Ended::Interrupted(signal.to_string())),
                    Next::End => {}
                }
            }
            _ if line.starts_with("n ") => add_note(walk, &line[2..], out)?,
            "c" | "continue" if offer.is_some() => {
                let _ = walk.continue_also();
            }
            "f" | "finish" if offer.is_some() => {
                walk.finish();
                return Ok(Ended::Finished);
            }
            answer => match &step {
                Step::Question(q) => match match_choice(&q.choices, answer) {
                    Ok(i) => {
                        let _ = walk.choose(i);
                    }
                    Err(e) => writeln!(out, "{}", crate::render::sanitize(&e.to_string()))?,
                },
                Step::Outcome(_) => writeln!(out, "Type c to continue, f to finish, b to go back.")?,
            },
        }
    }
}

fn add_note(walk: &mut Walk, note: &str, out: &mut dyn Write) -> io::Result<()> {
    let note = note.trim();
    if !note.is_empty() {
        walk.note(note);
        writeln!(out, "Noted.")?;
    }
    Ok(())
}

/// Runs a check's commands (only with `--exec --yes`), showing and recording each; a
/// signal stops the running one and skips the rest.
pub fn run_commands(
    walk: &mut Walk,
    blocks: &[treelint_core::walk::Block],
    out: &mut dyn Write,
    session: &mut Session,
) -> io::Result<()> {
    for cmd in commands::split(blocks) {
        if session.interrupted().is_some() {
            break;
        }
        // Shown as it will run: every line of it.
        writeln!(out)?;
        for (i, line) in crate::render::sanitize(&cmd).lines().enumerate() {
            writeln!(out, "{} {line}", if i == 0 { "$" } else { ">" })?;
        }
        let record = commands::run(&cmd, &|| session.interrupted().is_some());
        write!(out, "{}", crate::render::sanitize(&record.output))?;
        if !record.output.is_empty() && !record.output.ends_with('\n') {
            writeln!(out)?;
        }
        let secs = record.duration_ms as f64 / 1000.0;
        match record.exit_code {
            _ if record.stopped => writeln!(out, "[stopped after {secs:.1} s]")?,
            Some(c) => writeln!(out, "[exit status {c}, {secs:.1} s]")?,
            None => writeln!(out, "[no exit status, {secs:.1} s]")?,
        }
        walk.record_run(record);
        session.step(walk);
    }
    Ok(())
}
