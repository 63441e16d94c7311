//! ## What it does
//! Reports a jump (`→ go to [Check 7]`, `→ other-tree.md`, `→ other-tree.md#check-2`) whose
//! target does not exist: no node has that check ID, no such tree file resolves, or the
//! tree has no such check.
//!
//! ## Why is this bad?
//! During an incident, the reader following the jump lands nowhere. Jumps break silently
//! when checks are renumbered or trees renamed.
//!
//! ## Example
//! ```text
//! └── NO → go to [Check 12]
//! ```
//!
//! ## Use instead
//! Point the jump at a check that exists, or at an existing tree file.

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};
use crate::workspace::Link;

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    for (n, node) in model.nodes() {
        if let Some(label) = node.jump_check() {
            if !model.checks.contains_key(&label.id) {
                out.push(
                    Diagnostic::new(Rule::BrokenJump, label.span.clone(), format!("jump to Check {}, which no node has", label.id))
                        .with_label("no such check")
                        .with_help("point the jump at an existing check, or label the node it means"),
                );
            }
        }
        let Some(outcome) = &node.outcome else { continue };
        match ctx.links.jumps.get(&n) {
            Some(Link::Missing(tried)) => {
                let names: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
                out.push(
                    Diagnostic::new(Rule::BrokenJump, outcome.span.clone(), format!("jump to `{}`, which does not exist", ctx.slice(&outcome.span)))
                        .with_label("no such tree")
                        .with_help(format!("looked for: {}", names.join(", "))),
                );
            }
            Some(Link::MissingCheck { path, id }) => out.push(
                Diagnostic::new(Rule::BrokenJump, outcome.span.clone(), format!("{} has no Check {id}", path.display()))
                    .with_label("no such check in that tree")
                    .with_help("jump to a check that tree has, or to the tree itself"),
            ),
            _ => {}
        }
    }
}
