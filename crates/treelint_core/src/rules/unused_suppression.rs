//! ## What it does
//! Reports a suppression comment that silences nothing: the rule it names reports nothing
//! where it applies, or it names a rule that does not exist.
//!
//! Suppressions are HTML comments, invisible in rendered Markdown:
//! - `<!-- treelint-disable-next-line RULE… -->`, `<!-- treelint-disable-line RULE… -->`
//! - `<!-- treelint-disable RULE… -->` … `<!-- treelint-enable RULE… -->`
//! - `<!-- treelint-disable-file RULE… -->`
//! - `<!-- treelint-disable-node "TEXT" RULE… -->`: the outline lines whose node text
//!   contains TEXT (a fenced outline cannot hold comments, so the comment stands anywhere
//!   in the document, usually just above the fence).
//!
//! Without a rule name a suppression covers every rule; rules are named by name or code,
//! separated by spaces or commas. `treelint-enable RULE` ends the suppression of RULE only.
//! Each named rule counts on its own: in a comment that silences something, a rule that
//! silences nothing (or a name that is no rule) is reported at the name. A comment that
//! names only unknown rules silences nothing.
//!
//! ## Why is this bad?
//! A stale suppression hides the next real finding at that place and misleads readers.
//!
//! ## Example
//! `<!-- treelint-disable-next-line unmarked-leaf -->` above a line that has no finding.
//!
//! ## Use instead
//! Delete the comment.
//!
//! ## Fix safety
//! Safe: the fix deletes the comment (its whole line when it stands alone), or only the
//! dead rule name when other names in it are in use, so no silenced finding comes back.

use crate::diagnostics::{Applicability, Diagnostic, Edit, Fix, Intent, Span};
use crate::rules::{Rule, RuleContext};

pub(super) fn check(_ctx: &RuleContext, _out: &mut Vec<Diagnostic>) {
    // Findings of this rule come from the suppression stage, once every other rule has run.
}

/// The finding for a suppression comment at `span` that silenced nothing.
pub(crate) fn unused(text: &str, span: Span, why: String) -> Diagnostic {
    // Delete the whole line when the comment stands alone on it.
    let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i + 1);
    let alone = text[line_start..span.start].trim().is_empty() && text[span.end..line_end].trim().is_empty();
    let delete = if alone { line_start..line_end } else { span.clone() };
    Diagnostic::new(Rule::UnusedSuppression, span, why)
        .with_label("silences nothing")
        .with_help("delete the comment")
        .with_fix(Fix {
            title: "Remove the unused suppression".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit { span: delete, text: String::new() }],
            intent: Intent::Nothing,
        })
}
