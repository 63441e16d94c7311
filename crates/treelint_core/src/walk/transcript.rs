//! The record of a walk as Markdown, for an incident document or a postmortem: the tree,
//! the start time, the path taken, every event with its timestamp (answers, jumps, notes,
//! commands run, steps undone), and the outcomes with their commands; when it ended (or was
//! interrupted), how long it took and the question it stopped at. Under each event a
//! comment holds it as JSON, for `--resume` (see `resume.rs`).
//!
//! A record can also be written as the walk goes ([`journal_head`], then one [`entry`] per
//! event), so that a walk cut short leaves everything up to its last step.
//!
//! Text from the trees is copied as written; code is fenced with a fence longer than any
//! run of backticks inside it, so a command can never close its block early. Sanitising
//! control characters is the writer's job (the CLI does it before writing the file).

use std::fmt::Write as _;

use super::content::Block;
use super::view::{Crumb, End, OutcomeView};
use super::{Event, Walk};

/// Renders the walk's record.
pub fn render(walk: &Walk) -> String {
    let mut out = String::new();
    head(walk, &mut out);
    let outcomes = walk.outcomes();
    match outcomes.last() {
        Some(o) => {
            let _ = writeln!(out, "- **Outcome:** {}", headline(o));
        }
        None => {
            let _ = writeln!(out, "- **Outcome:** none yet (the walk stopped at a question)");
        }
    }
    if outcomes.is_empty() || !walk.is_finished() && matches!(walk.current(), super::Step::Question(_)) {
        let _ = writeln!(out, "- **Stopped at:** {}", one_line(&walk.resting_at()));
    }
    out.push('\n');
    out.push_str(&super::resume::walk_comment(walk));
    out.push('\n');

    out.push_str("\n## Path\n\n");
    let crumbs = walk.breadcrumbs();
    if crumbs.is_empty() {
        out.push_str("No answer given.\n");
    }
    // "Also checked" and the answer to that question are one step, said once.
    let mut n = 0;
    let mut also = false;
    for (i, c) in crumbs.iter().enumerate() {
        if let (Crumb::Also { check, question, .. }, Some(Crumb::Answer { check: next, question: asked, .. })) =
            (c, crumbs.get(i + 1))
        {
            if check == next && question == asked {
                also = true;
                continue;
            }
        }
        n += 1;
        let lead = if std::mem::take(&mut also) { "Also checked: " } else { "" };
        let _ = writeln!(out, "{n}. {lead}{}", crumb(c));
    }

    out.push_str("\n## Record\n\n");
    for e in walk.log() {
        out.push_str(&entry(e));
    }

    if !outcomes.is_empty() {
        out.push_str(if outcomes.len() == 1 { "\n## Outcome\n" } else { "\n## Outcomes\n" });
        for o in &outcomes {
            outcome(&mut out, o);
        }
    }
    out
}

/// The start of a record written as the walk goes: the header, then `## Record`, to which
/// each [`entry`] is appended.
pub fn journal_head(walk: &Walk) -> String {
    let mut out = String::new();
    head(walk, &mut out);
    out.push_str("- **Status:** in progress: this record is written as the walk goes and completed when it ends\n\n");
    out.push_str(&super::resume::walk_comment(walk));
    out.push_str("\n\n## Record\n\n");
    out
}

/// One event of the record: its line, and under it the event for `--resume`.
pub fn entry(e: &Event) -> String {
    let mut out = String::new();
    event(&mut out, e);
    let _ = writeln!(out, "  {}", super::resume::event_comment(e));
    out
}

/// Title, trees, start and end.
fn head(walk: &Walk, out: &mut String) {
    let first = &walk.trees()[0];
    let title = first.document.title().map(str::to_string).unwrap_or_else(|| walk.start_text());
    let title = title.strip_prefix("Decision Tree:").map_or(title.as_str(), str::trim);
    let _ = writeln!(out, "# Walk: {}\n", one_line(title));
    let named =
        |t: &super::Tree| if t.id == t.name { format!("`{}`", t.name) } else { format!("`{}` (`{}`)", t.name, t.id) };
    let _ = writeln!(out, "- **Tree:** {}", named(first));
    for other in &walk.trees()[1..] {
        let _ = writeln!(out, "- **Also entered:** {}", named(other));
    }
    let _ = writeln!(out, "- **Started:** {}", or_dash(walk.started_at()));
    let ending = walk.log().iter().rev().find_map(|e| match e {
        Event::Ended { at } => Some((at, None)),
        Event::Interrupted { at, reason } => Some((at, Some(reason))),
        // A walk taken up again has not ended, whatever ended it before.
        Event::Resumed { .. } => Some((&EMPTY, None)),
        _ => None,
    });
    match ending {
        Some((at, how)) if !at.is_empty() => {
            let took = duration(walk.started_at(), at).map(|d| format!(", after {d}")).unwrap_or_default();
            match how {
                Some(reason) => {
                    let _ = writeln!(
                        out,
                        "- **Ended:** {at}{took}: interrupted ({}); `treelint walk --resume` on this file continues it",
                        one_line(reason)
                    );
                }
                None => {
                    let _ = writeln!(out, "- **Ended:** {at}{took}");
                }
            }
        }
        _ => {
            if let Some(last) = walk.log().last().map(Event::at).filter(|a| !a.is_empty()) {
                let took =
                    duration(walk.started_at(), last).map(|d| format!(" ({d} after the start)")).unwrap_or_default();
                let _ = writeln!(out, "- **Last step:** {last}{took}");
            }
        }
    }
    let _ = writeln!(out, "- **Starting question:** {}", one_line(&walk.start_text()));
}

static EMPTY: String = String::new();

/// `1 h 02 min 05 s`, `3 min 20 s`, `12 s` between two UTC ISO 8601 stamps.
fn duration(from: &str, to: &str) -> Option<String> {
    let secs = seconds(to)? - seconds(from)?;
    if secs < 0 {
        return None;
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    Some(if h > 0 {
        format!("{h} h {m:02} min {s:02} s")
    } else if m > 0 {
        format!("{m} min {s:02} s")
    } else {
        format!("{s} s")
    })
}

/// Seconds since 1970 of `2026-11-29T05:06:24Z` (the form the clocks write).
fn seconds(ts: &str) -> Option<i64> {
    let b = ts.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z'
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| ts.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, s) = (n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?, n(17..19)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

fn crumb(c: &Crumb) -> String {
    match c {
        Crumb::Answer { check, question, answer, .. } => {
            format!("{}{} → **{}**", check_tag(check), one_line(question), one_line(answer))
        }
        Crumb::Jump { tree, to_tree, target } if tree != to_tree => {
            format!("Jumped `{}` into `{to_tree}`", one_line(target))
        }
        Crumb::Jump { target, .. } => format!("Jumped `{}`", one_line(target)),
        Crumb::Reached { text, .. } => format!("Reached: {}", one_line(text)),
        Crumb::Also { check, question, .. } => format!("Also checked: {}{}", check_tag(check), one_line(question)),
    }
}

fn check_tag(check: &Option<String>) -> String {
    check.as_ref().map(|id| format!("**[Check {id}]** ")).unwrap_or_default()
}

fn event(out: &mut String, e: &Event) {
    let (at, text) = match e {
        Event::Started { at, tree, text } => (at, format!("Started in `{tree}` at: {}", one_line(text))),
        Event::Answered { at, check, question, answer, .. } => {
            (at, format!("{}{} → **{}**", check_tag(check), one_line(question), one_line(answer)))
        }
        Event::Jumped { at, from, to, target } if from != to => {
            (at, format!("Jumped `{}` from `{from}` into `{to}`", one_line(target)))
        }
        Event::Jumped { at, target, .. } => (at, format!("Jumped `{}`", one_line(target))),
        Event::Reached { at, text, .. } => (at, format!("Reached: {}", one_line(text))),
        Event::Continued { at, check, question } => {
            (at, format!("Also checking: {}{}", check_tag(check), one_line(question)))
        }
        Event::Back { at } => (at, "Went back one step".to_string()),
        Event::Restarted { at } => (at, "Restarted from the beginning".to_string()),
        Event::Finished { at } => (at, "Finished".to_string()),
        Event::Interrupted { at, reason } => (at, format!("Interrupted ({})", one_line(reason))),
        Event::Resumed { at, note: None } => (at, "Resumed from this record".to_string()),
        Event::Resumed { at, note: Some(n) } => (at, format!("Resumed from this record; {}", one_line(n))),
        Event::Ended { at } => (at, "Ended".to_string()),
        Event::Note { at, text } => (at, format!("Note: {}", indent_rest(text.trim()))),
        Event::Ran { at, step, run } => {
            let secs = run.duration_ms as f64 / 1000.0;
            let status = match run.exit_code {
                _ if run.stopped => format!("stopped after {secs:.1} s"),
                Some(code) => format!("exit status {code}, {secs:.1} s"),
                None => format!("no exit status (killed, or it did not start), {secs:.1} s"),
            };
            let mut s = format!("Ran at {}: {status}:\n\n", one_line(step));
            s.push_str(&indent(&fenced("sh", &run.command), "  "));
            if !run.output.trim().is_empty() {
                s.push_str("\n  Output:\n\n");
                s.push_str(&indent(&fenced("text", run.output.trim_end()), "  "));
            }
            (at, s.trim_end().to_string())
        }
    };
    let _ = writeln!(out, "- `{}` {}", or_dash(at), text);
}

fn headline(o: &OutcomeView) -> String {
    let text = one_line(&o.text);
    match &o.end {
        End::Terminal { action: Some(a), .. } => format!("{text} ({}: {})", a.kind, one_line(&a.title)),
        End::Terminal { .. } => text,
        End::UnmarkedLeaf => format!("{text} (unmarked leaf: not a terminal action)"),
        End::JumpOut { target, reason } => format!("jump `{}` not followed: {}", one_line(target), one_line(reason)),
        End::Loop { .. } => "a loop of jumps (not followed)".to_string(),
    }
}

fn outcome(out: &mut String, o: &OutcomeView) {
    let _ = writeln!(out, "\n### {}\n", one_line(&o.text));
    if let Some(a) = &o.answer {
        let _ = writeln!(out, "Reached by answering **{}** in `{}`.\n", one_line(a), o.tree);
    }
    for n in &o.notes {
        let _ = writeln!(out, "> {}\n", one_line(n));
    }
    match &o.end {
        End::Terminal { action: Some(a), .. } => {
            let _ = writeln!(out, "**{}: {}**\n", a.kind, one_line(&a.title));
            blocks(out, &a.blocks);
        }
        End::Terminal { unresolved, .. } => {
            let _ = writeln!(out, "No details for this outcome: {}.", unresolved.as_deref().unwrap_or("unresolved"));
        }
        End::UnmarkedLeaf => {
            out.push_str("**Warning:** this is an unmarked leaf, not a terminal action: the tree does not say what to do here.\n");
        }
        End::JumpOut { target, reason } => {
            let _ = writeln!(
                out,
                "**Warning:** the jump `{}` could not be followed: {}.",
                one_line(target),
                one_line(reason)
            );
        }
        End::Loop { chain } => {
            out.push_str("**Warning:** these jumps lead back where they started, so the walk stopped:\n\n");
            for c in chain {
                let _ = writeln!(out, "- {}", one_line(c));
            }
        }
    }
}

fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Field { key, text } if text.is_empty() => {
                let _ = writeln!(out, "**{key}:**\n");
            }
            Block::Field { key, text } => {
                let _ = writeln!(out, "**{key}:** {text}\n");
            }
            Block::Text { text } => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::Code { lang, code } => {
                let _ = writeln!(out, "{}", fenced(lang, code));
            }
        }
    }
}

/// A fenced code block whose fence no run of backticks inside can close.
fn fenced(lang: &str, code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{code}\n{fence}\n")
}

fn indent(s: &str, by: &str) -> String {
    s.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("{by}{l}\n") }).collect()
}

/// Continuation lines of a list item, indented under it; a line that would open an HTML
/// comment or a code fence is escaped, so a note can neither hide text nor pass for an event.
fn indent_rest(s: &str) -> String {
    s.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("<!--") || t.starts_with("```") || t.starts_with("~~~") {
                format!("\\{t}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}
