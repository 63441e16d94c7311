//! ## What it does
//! Reports a Node Details section with neither commands (a non-empty code block) nor text,
//! and one that is still the stub the `missing-details` fix inserted (a `# TODO` command
//! under `**Command/method:**`, nothing else), until someone fills it in.
//!
//! ## Why is this bad?
//! An empty section looks like documentation but tells the responder nothing.
//!
//! ## Example
//! ```markdown
//! ### Check 4: Feature flag availability
//!
//! ### Check 5: …
//! ```
//!
//! ## Use instead
//! Add the commands to run and what to look for.

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};
use crate::syntax::sections::DetailsSection;

/// The body of the stub section that the `missing-details` fix inserts, after its heading.
/// A section whose body is still exactly this (blank lines and indentation aside) is empty:
/// the stub's one command is a placeholder, so it must not count as documentation.
pub(crate) const STUB_BODY: &str = "**Command/method:**\n\n```bash\n# TODO: commands for this check\n```\n";

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    for d in &ctx.doc.sections.details {
        let empty = d.commands.is_empty() && !d.has_text;
        if empty || is_stub(ctx.slice(&d.body), d) {
            let (message, label) = if empty {
                (format!("details for Check {} are empty", d.id), "no commands, no text")
            } else {
                (format!("details for Check {} are still the inserted stub", d.id), "a placeholder, not yet filled in")
            };
            out.push(
                Diagnostic::new(Rule::EmptyDetails, d.heading.clone(), message)
                    .with_label(label)
                    .with_help("add the commands to run and what to look for"),
            );
        }
    }
}

/// Whether a section's body is the untouched stub: its lines that say something are the
/// stub's, in order.
fn is_stub(body: &str, d: &DetailsSection) -> bool {
    // Cheap first: the stub has exactly one command block.
    if d.commands.len() != 1 {
        return false;
    }
    said(body).eq(said(STUB_BODY))
}

/// The lines of `s` that are not blank, trimmed.
fn said(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}
