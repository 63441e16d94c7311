//! A walk's steps as plain text, for the plain and scripted modes. Every piece of document
//! text goes through [`crate::render::sanitize`]: a tree cannot drive the terminal.

use std::fmt::Write as _;

use treelint_core::walk::{Block, Crumb, End, OutcomeView, QuestionView};

use crate::render::{sanitize, sanitize_line};

/// `Check 1: NO › Check 6: 30 min – 2 hours ago`.
pub fn breadcrumbs(crumbs: &[Crumb]) -> String {
    crumbs.iter().map(|c| sanitize_line(&c.short())).collect::<Vec<_>>().join(" › ")
}

/// `[Check 6] How long ago was the deployment?`
pub fn question_title(q: &QuestionView) -> String {
    match &q.check {
        Some(id) => format!("[Check {}] {}", sanitize_line(id), sanitize_line(&q.text)),
        None => sanitize_line(&q.text),
    }
}

/// A question with its details and numbered answers.
pub fn question(q: &QuestionView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", question_title(q));
    if q.revisit {
        out.push_str("  (you answered this question before on this path: the jumps went round)\n");
    }
    for n in &q.notes {
        let _ = writeln!(out, "  {}", sanitize_line(n));
    }
    if let Some(d) = &q.details {
        let _ = writeln!(out, "\n  Check {}: {}", sanitize_line(&d.id), sanitize_line(&d.title));
        out.push_str(&blocks(&d.blocks, "  "));
    }
    out.push('\n');
    for (i, c) in q.choices.iter().enumerate() {
        let _ = write!(out, "  {}) {}", i + 1, sanitize_line(&c.label));
        if let Some(o) = &c.outcome {
            let _ = write!(out, " → {}", sanitize_line(o));
        }
        out.push('\n');
    }
    out
}

/// An outcome: the resolved action, or why there is none.
pub fn outcome(o: &OutcomeView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Outcome: {}", sanitize_line(&o.text));
    for n in &o.notes {
        let _ = writeln!(out, "  {}", sanitize_line(n));
    }
    match &o.end {
        End::Terminal { action: Some(a), .. } => {
            let _ = writeln!(out, "\n  {}: {}", sanitize_line(&a.kind), sanitize_line(&a.title));
            out.push_str(&blocks(&a.blocks, "  "));
        }
        End::Terminal { unresolved, .. } => {
            let _ = writeln!(
                out,
                "  (no details for this outcome: {})",
                sanitize_line(unresolved.as_deref().unwrap_or("unresolved"))
            );
        }
        End::UnmarkedLeaf => out.push_str(
            "  WARNING: this is an unmarked leaf, not a terminal action: the tree does not say what to do here.\n",
        ),
        End::JumpOut { target, reason } => {
            let _ = writeln!(
                out,
                "  WARNING: the jump {} could not be followed: {}",
                sanitize_line(target),
                sanitize_line(reason)
            );
        }
        End::Loop { chain } => {
            out.push_str("  WARNING: these jumps lead back where they started; the walk stopped:\n");
            for c in chain {
                let _ = writeln!(out, "    {}", sanitize_line(c));
            }
        }
    }
    out
}

/// Details or action blocks, indented; code blocks indented once more.
pub fn blocks(blocks: &[Block], indent: &str) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Field { key, text } if text.is_empty() => {
                let _ = writeln!(out, "{indent}{}:", sanitize_line(key));
            }
            Block::Field { key, text } => {
                let _ = writeln!(
                    out,
                    "{indent}{}: {}",
                    sanitize_line(key),
                    sanitize(text).replace('\n', &format!("\n{indent}  "))
                );
            }
            Block::Text { text } => {
                for line in sanitize(text).lines() {
                    let _ = writeln!(out, "{indent}{line}");
                }
            }
            Block::Code { code, .. } => {
                for line in sanitize(code).lines() {
                    let _ = writeln!(out, "{indent}    {line}");
                }
            }
        }
    }
    out
}
