//! Plain mode: numbered prompts, one answer per line. Works in a pipe, over any SSH
//! session and on terminals the full-screen UI cannot drive. Chosen when standard input
//! or output is not a terminal, or with `--plain`.
//!
//! Commands are never run here unless `--exec --yes`: a `y` typed into a pipe is no
//! confirmation.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use treelint_core::walk::{Step, Walk, match_choice};

use super::{Exec, commands, text};
use crate::render::sanitize_line;

const HELP: &str = "\
Type an answer's number or the start of its label (case does not matter).
  b  go back one step        r  restart from the first question
  n  add a note (n TEXT)     q  quit
At an outcome that offers another question: c continue, f finish.
";

/// How plain mode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// At an outcome, with nothing more to check.
    Finished,
    /// `q`, or the input ran out before an outcome.
    Quit,
}

/// Walks with prompts on `out` and answers from `input`.
pub fn run(walk: &mut Walk, input: &mut dyn BufRead, out: &mut dyn Write, exec: Exec) -> io::Result<Ended> {
    let mut shown: Option<Step> = None;
    let mut ran: HashSet<(String, usize)> = HashSet::new();
    writeln!(out, "{}", sanitize_line(&walk.start_text()))?;
    loop {
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
                    run_commands(walk, q.details.as_ref().map_or(&[], |d| d.blocks.as_slice()), out)?;
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
        let Some(line) = read_line(input)? else {
            writeln!(out)?;
            if offer.is_some() {
                walk.finish();
                return Ok(Ended::Finished);
            }
            return Ok(Ended::Quit);
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
                if let Some(note) = read_line(input)? {
                    add_note(walk, &note, out)?;
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

/// One line without its end; `None` at the end of the input.
fn read_line(input: &mut dyn BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
}

/// Runs a check's commands (only with `--exec --yes`), showing and recording each.
pub fn run_commands(walk: &mut Walk, blocks: &[treelint_core::walk::Block], out: &mut dyn Write) -> io::Result<()> {
    for cmd in commands::split(blocks) {
        writeln!(out, "\n$ {}", sanitize_line(&cmd))?;
        let record = commands::run(&cmd);
        write!(out, "{}", crate::render::sanitize(&record.output))?;
        let status = record.exit_code.map_or("none".to_string(), |c| c.to_string());
        writeln!(out, "[exit status {status}, {:.1} s]", record.duration_ms as f64 / 1000.0)?;
        walk.record_run(record);
    }
    Ok(())
}
