//! ## What it does
//! Reports numeric check IDs that, taken in outline order (first occurrence each), do not
//! read 1, 2, 3, …: each check whose number differs from its position. IDs that are not
//! plain numbers (`2b`, `disk.1`) are skipped.
//!
//! ## Why is this bad?
//! Readers and responders navigate by number ("go to Check 7"); numbers out of order make
//! the details hard to find and suggest a lost or moved check.
//!
//! ## Example
//! ```text
//! ├── [Check 1] …
//! │   └── [Check 3] …
//! └── [Check 2] …
//! ```
//!
//! ## Use instead
//! Renumber so the outline reads Check 1, 2, 3 from top to bottom (and rename the details
//! sections and jumps with them).
//!
//! ## Fix safety
//! Unsafe: the fix renumbers every numeric check in outline order — the `[Check N]` labels,
//! the jumps to them and the `### Check N:` details headings (which keep their places) —
//! but not prose that mentions a check, nor links into this tree from other files
//! (`tree.md#check-3`). It is not
//! offered when a details section of a check absent from the outline would collide with a
//! new number.

use rustc_hash::FxHashMap;

use crate::diagnostics::{Applicability, Diagnostic, Edit, Fix, Intent, Span};
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    // The renumbering fix, worked out at the first finding: most trees are in order.
    let mut fix: Option<Option<Fix>> = None;
    let numeric = model.check_order().into_iter().filter_map(|(id, n)| Some((id.parse::<u64>().ok()?, n)));
    for (position, (number, n)) in numeric.enumerate() {
        let expected = position as u64 + 1;
        if number == expected {
            continue;
        }
        let Some(label) = &model.node(n).check else { continue };
        out.push(
            Diagnostic::new(Rule::CheckOrder, label.span.clone(), format!("Check {number} is check number {expected} in outline order"))
                .with_label(format!("expected Check {expected}"))
                .with_help("renumber the checks so they read 1, 2, 3, … from top to bottom"),
        );
        if let (Some(fix), Some(d)) = (fix.get_or_insert_with(|| renumber(ctx)), out.last_mut()) {
            d.fix = Some(fix.clone());
        }
    }
}

/// One fix that renumbers every numeric check, or `None` when nothing would change or the
/// new numbers would collide with an orphan details section.
fn renumber(ctx: &RuleContext) -> Option<Fix> {
    let doc = ctx.doc;
    let model = &doc.model;
    let mapping: FxHashMap<&str, String> = model
        .check_order()
        .into_iter()
        .filter(|(id, _)| id.parse::<u64>().is_ok())
        .enumerate()
        .map(|(position, (id, _))| (id, (position + 1).to_string()))
        .collect();
    if mapping.iter().all(|(old, new)| old == new) {
        return None;
    }
    let new_numbers: Vec<&String> = mapping.values().collect();
    let orphan_collides = doc.sections.details.iter().any(|d| !mapping.contains_key(d.id.as_str()) && new_numbers.contains(&&d.id));
    if orphan_collides {
        return None;
    }
    let mut edits = Vec::new();
    let mut rename = |id: &str, span: Span| {
        if let Some(new) = mapping.get(id).filter(|new| new.as_str() != id) {
            edits.push(Edit { span, text: new.clone() });
        }
    };
    for (_, node) in model.nodes() {
        for label in node.check.iter().chain(node.jump_check()) {
            // The ID is the text right before the closing `]`.
            let end = label.span.end - 1;
            rename(&label.id, end - label.id.len()..end);
        }
    }
    for d in &doc.sections.details {
        let heading = &doc.text[d.heading.clone()];
        let lower = heading.to_ascii_lowercase();
        let Some(check_at) = lower.find("check") else { continue };
        let Some(id_at) = heading[check_at..].find(d.id.as_str()).map(|i| check_at + i) else { continue };
        let start = d.heading.start + id_at;
        rename(&d.id, start..start + d.id.len());
    }
    edits.sort_by_key(|e| e.span.start);
    edits.dedup_by_key(|e| e.span.start);
    let mut renames: Vec<(String, String)> =
        mapping.iter().filter(|(old, new)| *old != new).map(|(old, new)| (old.to_string(), new.clone())).collect();
    renames.sort();
    Some(Fix {
        title: "Renumber the checks in outline order".into(),
        applicability: Applicability::Unsafe,
        edits,
        intent: Intent::Renumber { renames },
    })
}
