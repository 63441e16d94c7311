//! ## What it does
//! Reports a terminal outcome that matches no Terminal Actions section of the same marker,
//! matches several equally well, or links (`#anchor`) to an action that does not exist.
//!
//! ## Why is this bad?
//! The action section holds the commands for the outcome ("Do:") or the risk and the
//! mitigation. A terminal without one leaves the responder with a slogan and no steps.
//!
//! A terminal matches the action whose title shares most of its meaningful words (case,
//! emoji, punctuation, trailing parentheticals and filler words are ignored). To link
//! explicitly, end the terminal with the action's anchor: `→ ✅ ROLL BACK #roll-back-immediately`
//! (the slug of the action's title, or its `{#id}`).
//!
//! ## Example
//! ```text
//! ├── YES → ⚠️ ESCALATE IMMEDIATELY + partial traffic split
//! ```
//! with no `### ⚠️ …` section about escalating with a traffic split.
//!
//! ## Use instead
//! Add `### ⚠️ Warning: Escalate Immediately With a Partial Traffic Split`, or retitle the
//! terminal after an existing action.
//!
//! ## Fix safety
//! Unsafe: the fix adds a stub action section that a person must fill in.

use crate::diagnostics::{Applicability, Diagnostic, Edit, Fix, Intent};
use crate::model::Resolution;
use crate::rules::missing_details::ensure_blank_line_before;
use crate::rules::{Rule, RuleContext};
use crate::syntax::node_text::{strip_parentheticals, OutcomeTarget};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let mut terminals: Vec<_> = doc.terminals.iter().collect();
    terminals.sort_by_key(|(n, _)| **n);
    // Found once, not per terminal, so that thousands of terminals stay linear.
    // So is the end of its section, where stubs go (finding it scans the headings after it).
    let actions_end = doc
        .markdown
        .headings
        .iter()
        .position(|h| h.text.eq_ignore_ascii_case(&ctx.config.sections.actions))
        .map(|h| doc.markdown.section_body(h, doc.text.len()).end);
    for (&n, resolution) in terminals {
        let node = doc.model.node(n);
        let Some(OutcomeTarget::Terminal { marker, text }) = node.outcome.as_ref().map(|o| &o.target) else { continue };
        let terminal = ctx.slice(text);
        let span = node.outcome.as_ref().map_or(node.text.clone(), |o| o.span.clone());
        let diagnostic = match resolution {
            Resolution::Action { .. } => continue,
            Resolution::UnknownAnchor(anchor) => {
                Diagnostic::new(Rule::UnresolvedTerminal, span, format!("no Terminal Actions section has the anchor #{anchor}"))
                    .with_label("unknown anchor")
                    .with_help("use the slug of an action's title, or give the action heading a `{#id}`")
            }
            Resolution::Ambiguous(candidates) => {
                // Name a few: a message is read by a person, and a large tree can tie dozens.
                const SHOWN: usize = 3;
                let mut titles: Vec<String> =
                    candidates.iter().take(SHOWN).map(|&i| format!("\"{}\"", doc.sections.actions[i].title)).collect();
                if candidates.len() > SHOWN {
                    titles.push(format!("and {} more", candidates.len() - SHOWN));
                }
                Diagnostic::new(
                    Rule::UnresolvedTerminal,
                    span,
                    format!("terminal matches {} actions equally: {}", candidates.len(), titles.join(", ")),
                )
                .with_label("ambiguous")
                .with_help(format!("link it explicitly: end it with `#{}`", doc.sections.actions[candidates[0]].anchor()))
            }
            Resolution::Unresolved(best) => {
                let help = match best {
                    Some((i, _)) => format!(
                        "add a `### {} …` section under `## {}`; the closest is \"{}\"",
                        marker.symbol, ctx.config.sections.actions, doc.sections.actions[*i].title
                    ),
                    None => format!("add a `### {} …` section under `## {}`", marker.symbol, ctx.config.sections.actions),
                };
                Diagnostic::new(Rule::UnresolvedTerminal, span, format!("terminal \"{}\" matches no Terminal Actions section", terminal.trim()))
                    .with_label("no action for this outcome")
                    .with_help(help)
                    .with_fix(stub(ctx, &marker.symbol, terminal, actions_end))
            }
        };
        out.push(diagnostic);
    }
}

/// `actions_end`: where the Terminal Actions section ends, found once per document by the
/// caller (`None` without one).
fn stub(ctx: &RuleContext, marker: &str, terminal: &str, actions_end: Option<usize>) -> Fix {
    let doc = ctx.doc;
    let title = title_case(strip_parentheticals(terminal));
    let (kind, body) = if marker == "✅" {
        ("Action", "**Do:**\n\n```bash\n# TODO: steps for this outcome\n```\n")
    } else {
        ("Warning", "**When:** TODO\n\n**Risk:** TODO\n\n**Mitigation:** TODO\n")
    };
    let symbol = if marker == "⚠" { "⚠️" } else { marker };
    let section = format!("### {symbol} {kind}: {title}\n\n{body}\n");
    let (at, text) = match actions_end {
        Some(end) => (end, ensure_blank_line_before(&doc.text, end, section)),
        None => {
            let end = doc.text.len();
            (end, ensure_blank_line_before(&doc.text, end, format!("## {}\n\n{section}", ctx.config.sections.actions)))
        }
    };
    Fix {
        title: format!("Add a Terminal Actions section \"{title}\""),
        applicability: Applicability::Unsafe,
        edits: vec![Edit { span: at..at, text }],
        intent: Intent::AddAction,
    }
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
