//! ## What it does
//! Reports a Node Details section with neither commands (a non-empty code block) nor text.
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

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    for d in &ctx.doc.sections.details {
        if d.commands.is_empty() && !d.has_text {
            out.push(
                Diagnostic::new(Rule::EmptyDetails, d.heading.clone(), format!("details for Check {} are empty", d.id))
                    .with_label("no commands, no text")
                    .with_help("add the commands to run and what to look for"),
            );
        }
    }
}
