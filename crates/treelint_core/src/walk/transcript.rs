//! The record of a walk as Markdown, for an incident document or a postmortem: the tree,
//! the start time, the path taken, every event with its timestamp (answers, jumps, notes,
//! commands run, steps undone), and the outcomes with their commands.
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
    let _ = writeln!(out, "- **Starting question:** {}", one_line(&walk.start_text()));
    let outcomes = walk.outcomes();
    match outcomes.last() {
        Some(o) => {
            let _ = writeln!(out, "- **Outcome:** {}", headline(o));
        }
        None => {
            let _ = writeln!(out, "- **Outcome:** none yet (the walk stopped at a question)");
        }
    }

    out.push_str("\n## Path\n\n");
    let crumbs = walk.breadcrumbs();
    if crumbs.is_empty() {
        out.push_str("No answer given.\n");
    }
    for (i, c) in crumbs.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, crumb(c));
    }

    out.push_str("\n## Record\n\n");
    for e in walk.log() {
        event(&mut out, e);
    }

    if !outcomes.is_empty() {
        out.push_str(if outcomes.len() == 1 { "\n## Outcome\n" } else { "\n## Outcomes\n" });
        for o in &outcomes {
            outcome(&mut out, o);
        }
    }
    out
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
        Event::Note { at, text } => (at, format!("Note: {}", indent_rest(text.trim()))),
        Event::Ran { at, step, run } => {
            let status = match run.exit_code {
                Some(code) => format!("exit status {code}"),
                None => "no exit status (killed, or it did not start)".to_string(),
            };
            let secs = run.duration_ms as f64 / 1000.0;
            let mut s = format!("Ran at {}: {status}, {secs:.1} s:\n\n", one_line(step));
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

/// Continuation lines of a list item, indented under it.
fn indent_rest(s: &str) -> String {
    s.lines().collect::<Vec<_>>().join("\n  ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}
