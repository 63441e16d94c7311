//! ## What it does
//! Reports a Runbooks entry (under Cross-References) that resolves to no file, looked up
//! beside the document and in the configured runbook folders (by default `runbooks/` at
//! the workspace root).
//!
//! ## Why is this bad?
//! The runbook holds the full procedure behind a terminal action; a broken name sends the
//! responder searching a wiki mid-incident.
//!
//! ## Example
//! `- **Runbooks:** rollback-procedure.md` with no such runbook.
//!
//! ## Use instead
//! Fix the name, add the runbook, or configure the folder where runbooks live.

use crate::diagnostics::Diagnostic;
use crate::rules::{Rule, RuleContext};
use crate::syntax::sections::RefKind;

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    super::broken_related_tree::report(ctx, out, RefKind::Runbooks, Rule::BrokenRunbookLink, "runbook");
}
