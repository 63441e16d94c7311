//! ## What it does
//! Reports a Related trees entry (under Cross-References) that resolves to no file, looked
//! up beside the document and then at the workspace root.
//!
//! ## Why is this bad?
//! Related trees are where a responder goes when this tree does not fit. A renamed or
//! never-written tree leaves them at a dead link in the middle of an incident.
//!
//! ## Example
//! `- **Related trees:** should-i-page.md` with no `should-i-page.md` in the workspace.
//!
//! ## Use instead
//! Fix the file name, or write the missing tree (`treelint new should-i-page.md`).

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};
use crate::syntax::sections::RefKind;
use crate::workspace::Link;

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    report(ctx, out, RefKind::RelatedTrees, Rule::BrokenRelatedTree, "related tree");
}

/// Shared with `broken-runbook-link`: one finding per entry of `kind` that resolved to no file.
pub(super) fn report(ctx: &RuleContext, out: &mut Vec<Diagnostic>, kind: RefKind, rule: Rule, what: &str) {
    for (entry, link) in ctx.doc.sections.cross_refs.iter().zip(&ctx.links.cross_refs) {
        if entry.kind != kind {
            continue;
        }
        if let Link::Missing(tried) = link {
            let names: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
            out.push(
                Diagnostic::new(rule, entry.span.clone(), format!("{what} `{}` does not exist", entry.target))
                    .with_label("no such file")
                    .with_help(format!("looked for: {}", names.join(", "))),
            );
        }
    }
}
