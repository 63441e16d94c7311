//! ## What it does
//! Reports a Terminal Actions section that no terminal of the outline resolves to.
//!
//! ## Why is this bad?
//! Either the outcome was removed and the section is stale, or a terminal was renamed and
//! no longer finds its steps (look for an `unresolved-terminal` nearby).
//!
//! ## Example
//! `### ✅ Action: Restart the Pod` with no `→ ✅ RESTART …` in the outline.
//!
//! ## Use instead
//! Retitle the section after the terminal that should use it, or delete it.

use crate::diagnostics::Diagnostic;
use crate::model::Resolution;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    if !doc.is_tree() {
        return;
    }
    let mut used = vec![false; doc.sections.actions.len()];
    for r in doc.terminals.values() {
        let indices = match r {
            Resolution::Action { index, .. } => std::slice::from_ref(index),
            // An ambiguous terminal means its candidates; do not also call them unused.
            Resolution::Ambiguous(candidates) => candidates.as_slice(),
            _ => &[],
        };
        for &i in indices {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
    }
    for (i, action) in doc.sections.actions.iter().enumerate() {
        if !used[i] {
            out.push(
                Diagnostic::new(Rule::UnusedAction, action.heading.clone(), format!("no terminal leads to \"{}\"", action.title))
                    .with_label("unused action")
                    .with_help("retitle it after the terminal that should use it, or delete it"),
            );
        }
    }
}
