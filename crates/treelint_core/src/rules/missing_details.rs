//! ## What it does
//! Reports a check in the outline that has no `### Check ID: Title` section under
//! Node Details.
//!
//! ## Why is this bad?
//! The details hold what the responder needs at that step: the commands to run and what
//! to look for. A check without them sends people to improvise at 3 a.m.
//!
//! ## Example
//! ```text
//! └── [Check 5] Is blast radius growing?
//! ```
//! with no `### Check 5: …` heading under `## Node Details`.
//!
//! ## Use instead
//! ````markdown
//! ### Check 5: Blast radius trend
//!
//! **Command/method:**
//!
//! ```bash
//! promtool query instant http://prometheus:9090 'rate(errors_total[5m])'
//! ```
//! ````
//!
//! ## Fix safety
//! Unsafe: the fix adds a stub section, in check order, that a person must fill in;
//! `empty-details` reports the stub until then. It is applied only if the document then
//! reads as before plus that one section (never a second section for one check).

use rustc_hash::FxHashSet;

use crate::diagnostics::{Applicability, Diagnostic, Edit, Fix, Intent};
use crate::rules::{Rule, RuleContext};
use crate::syntax::node_text::strip_parentheticals;

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    // Looked up once, not per check, so that thousands of checks stay linear.
    let documented: FxHashSet<&str> = doc.sections.details.iter().map(|d| d.id.as_str()).collect();
    // Where stubs go, worked out at the first finding: most checks are documented.
    let mut place: Option<Placement> = None;
    for (id, n) in doc.model.check_order() {
        if documented.contains(id) {
            continue;
        }
        let node = doc.model.node(n);
        let Some(label) = &node.check else { continue };
        out.push(
            Diagnostic::new(Rule::MissingDetails, label.span.clone(), format!("Check {id} has no Node Details section"))
                .with_label("no details for this check")
                .with_help(format!("add `### Check {id}: …` under `## {}`", ctx.config.sections.details))
                .with_fix(stub(ctx, id, n, place.get_or_insert_with(|| Placement::new(ctx)))),
        );
    }
}

/// Where stubs go, computed once per document: the Node Details heading, and the numeric
/// details sections in document order with the running maximum of their numbers (so "the
/// first section numbered above N" is a binary search).
struct Placement {
    details_heading: Option<usize>,
    /// (running maximum of the numbers so far, heading start) per numeric details section.
    numbered: Vec<(u64, usize)>,
}

impl Placement {
    fn new(ctx: &RuleContext) -> Placement {
        let doc = ctx.doc;
        let details_heading = doc.markdown.headings.iter().position(|h| h.text.eq_ignore_ascii_case(&ctx.config.sections.details));
        let mut max = 0;
        let numbered = doc
            .sections
            .details
            .iter()
            .filter_map(|d| {
                let number = d.id.parse::<u64>().ok()?;
                max = max.max(number);
                Some((max, d.heading.start))
            })
            .collect();
        Placement { details_heading, numbered }
    }

    /// The heading of the first details section (in document order) numbered above `number`.
    fn before_next(&self, number: u64) -> Option<usize> {
        let i = self.numbered.partition_point(|&(max, _)| max <= number);
        self.numbered.get(i).map(|&(_, start)| start)
    }
}

/// A stub details section, placed after the last section of a lower-numbered check (or at
/// the end of Node Details; or a new Node Details section after the tree).
fn stub(ctx: &RuleContext, id: &str, n: petgraph::graph::NodeIndex, place: &Placement) -> Fix {
    let doc = ctx.doc;
    let node = doc.model.node(n);
    let title = strip_parentheticals(&doc.text[node.label.clone()].replace(&doc.text[node.check.as_ref().map_or(0..0, |c| c.span.clone())], ""))
        .trim()
        .to_string();
    // The empty-details rule knows this stub, and reports it until someone fills it in.
    let section = format!("### Check {id}: {title}\n\n{}\n", super::empty_details::STUB_BODY);
    let (at, text) = match place.details_heading {
        Some(h) => {
            let body = doc.markdown.section_body(h, doc.text.len());
            let number = id.parse::<u64>().ok();
            let before_next = number.and_then(|b| place.before_next(b));
            match before_next {
                Some(at) => (at, section),
                None => (body.end, ensure_blank_line_before(&doc.text, body.end, section)),
            }
        }
        None => {
            let after = doc.blocks.last().map_or(doc.text.len(), |b| b.fence.clone().unwrap_or(b.content.clone()).end);
            let at = doc.text[after..].find('\n').map_or(doc.text.len(), |i| after + i + 1);
            (at, format!("\n## {}\n\n{section}", ctx.config.sections.details))
        }
    };
    Fix {
        title: format!("Add a Node Details section for Check {id}"),
        applicability: Applicability::Unsafe,
        edits: vec![Edit { span: at..at, text }],
        intent: Intent::AddDetails { id: id.to_string() },
    }
}

pub(crate) fn ensure_blank_line_before(text: &str, at: usize, insert: String) -> String {
    // `\n\r\n`: a CRLF document's blank line (the fixer turns the inserted `\n`s into CRLF).
    if at == 0 || text[..at].ends_with("\n\n") || text[..at].ends_with("\n\r\n") {
        insert
    } else if text[..at].ends_with('\n') {
        format!("\n{insert}")
    } else {
        format!("\n\n{insert}")
    }
}
