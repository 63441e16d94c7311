//! What stands at a position of a document: the one question every navigation handler
//! (definition, references, hover, rename) starts from.
//!
//! Invariant: spans are inclusive at both ends for lookup, so a cursor just after
//! `[Check 3]` (where editors put it after a double click or while typing) still finds it.

use std::ops::Range;

use petgraph::graph::NodeIndex;
use treelint_core::Document;
use treelint_core::syntax::node_text::OutcomeTarget;

/// Something the cursor can be on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `[Check ID]` labelling a node of the outline.
    CheckLabel { id: String, node: NodeIndex, span: Range<usize> },
    /// `→ go to [Check ID]`.
    CheckJump { id: String, node: NodeIndex, span: Range<usize> },
    /// `### Check ID: Title` under Node Details (index into `sections.details`).
    DetailsHeading { id: String, index: usize, span: Range<usize> },
    /// The outcome of a terminal node (`✅ ROLL BACK`).
    Terminal { node: NodeIndex, span: Range<usize> },
    /// `### ✅ Action: …` under Terminal Actions (index into `sections.actions`).
    ActionHeading { index: usize, span: Range<usize> },
    /// An entry of the Cross-References lists (index into `sections.cross_refs`).
    CrossRef { index: usize, span: Range<usize> },
    /// `→ other-tree.md#check-2`.
    FileJump { node: NodeIndex, span: Range<usize> },
}

impl Target {
    /// The check ID this target names, if any.
    pub fn check_id(&self) -> Option<&str> {
        match self {
            Target::CheckLabel { id, .. } | Target::CheckJump { id, .. } | Target::DetailsHeading { id, .. } => {
                Some(id)
            }
            _ => None,
        }
    }

    /// The span to highlight for it.
    pub fn span(&self) -> Range<usize> {
        match self {
            Target::CheckLabel { span, .. }
            | Target::CheckJump { span, .. }
            | Target::DetailsHeading { span, .. }
            | Target::Terminal { span, .. }
            | Target::ActionHeading { span, .. }
            | Target::CrossRef { span, .. }
            | Target::FileJump { span, .. } => span.clone(),
        }
    }
}

fn contains(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// What is at byte `offset` of `doc`.
pub fn target_at(doc: &Document, offset: usize) -> Option<Target> {
    for (n, node) in doc.model.nodes() {
        if node.implicit || !contains(&node.line, offset) {
            continue;
        }
        if let Some(check) = node.check.as_ref().filter(|c| contains(&c.span, offset)) {
            return Some(Target::CheckLabel { id: check.id.clone(), node: n, span: check.span.clone() });
        }
        if let Some(outcome) = &node.outcome {
            match &outcome.target {
                OutcomeTarget::Check(label) if contains(&label.span, offset) => {
                    return Some(Target::CheckJump { id: label.id.clone(), node: n, span: label.span.clone() });
                }
                OutcomeTarget::Terminal { .. } if contains(&outcome.span, offset) => {
                    return Some(Target::Terminal { node: n, span: outcome.span.clone() });
                }
                OutcomeTarget::File { .. } if contains(&outcome.span, offset) => {
                    return Some(Target::FileJump { node: n, span: outcome.span.clone() });
                }
                _ => {}
            }
        }
        if let Some(check) = &node.check {
            if contains(&node.label, offset) || contains(&check.span, offset) {
                return Some(Target::CheckLabel { id: check.id.clone(), node: n, span: check.span.clone() });
            }
        }
        return None;
    }
    let s = &doc.sections;
    if let Some((index, d)) =
        s.details.iter().enumerate().find(|(_, d)| contains(&heading_line(doc, &d.heading), offset))
    {
        return Some(Target::DetailsHeading { id: d.id.clone(), index, span: details_id_span(doc, &d.heading, &d.id) });
    }
    if let Some((index, a)) =
        s.actions.iter().enumerate().find(|(_, a)| contains(&heading_line(doc, &a.heading), offset))
    {
        return Some(Target::ActionHeading { index, span: heading_line(doc, &a.heading) });
    }
    if let Some((index, r)) = s.cross_refs.iter().enumerate().find(|(_, r)| contains(&r.span, offset)) {
        return Some(Target::CrossRef { index, span: r.span.clone() });
    }
    None
}

/// A heading's span without its line ending.
pub fn heading_line(doc: &Document, heading: &Range<usize>) -> Range<usize> {
    let text = &doc.text[heading.clone()];
    heading.start..heading.start + text.trim_end().len()
}

/// The span of `id` in `[Check ID]`.
pub fn label_id_span(label: &Range<usize>, id: &str) -> Range<usize> {
    let end = label.end.saturating_sub(1);
    end.saturating_sub(id.len()).max(label.start)..end
}

/// The span of `id` in a `### Check ID: Title` heading (the whole heading line if the ID
/// cannot be found, which parsing rules out).
pub fn details_id_span(doc: &Document, heading: &Range<usize>, id: &str) -> Range<usize> {
    let line = heading_line(doc, heading);
    let text = &doc.text[line.clone()];
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find("check") {
        let rest = &text[at + 5..];
        let skip = rest.len() - rest.trim_start_matches([' ', '\t', '[']).len();
        let start = line.start + at + 5 + skip;
        if doc.text[start..].starts_with(id) {
            return start..start + id.len();
        }
    }
    line
}

/// The span of the check ID in a `file.md#check-ID` jump's outcome, and the ID.
pub fn fragment_id_span(doc: &Document, outcome: &Range<usize>) -> Option<(String, Range<usize>)> {
    let text = &doc.text[outcome.clone()];
    let lower = text.to_ascii_lowercase();
    let at = lower.find("#check-")? + "#check-".len();
    let len = text[at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .unwrap_or(text.len() - at);
    let id = text[at..at + len].trim_end_matches(['.', '-']);
    (!id.is_empty()).then(|| (id.to_string(), outcome.start + at..outcome.start + at + id.len()))
}

#[cfg(test)]
mod tests {
    use treelint_core::Config;

    use super::*;

    const DOC: &str = "# T\n\n```tree\nRoot?\n├── [Check 1] Up?\n│   ├── YES → ✅ GO\n│   └── NO → go to [Check 1]\n└── x → other.md#check-2\n```\n\n## Node Details\n\n### Check 1: Is it up\n\ntext\n";

    #[test]
    fn finds_labels_jumps_terminals_and_headings() {
        let doc = Document::parse(DOC, &Config::default());
        let at = |needle: &str| target_at(&doc, DOC.find(needle).unwrap() + 1);
        assert!(matches!(at("[Check 1] Up"), Some(Target::CheckLabel { ref id, .. }) if id == "1"));
        assert!(matches!(at("[Check 1]\n"), Some(Target::CheckJump { ref id, .. }) if id == "1"));
        assert!(matches!(at("✅ GO"), Some(Target::Terminal { .. })));
        assert!(matches!(at("other.md"), Some(Target::FileJump { .. })));
        let Some(Target::DetailsHeading { id, span, .. }) = at("### Check 1") else { panic!() };
        assert_eq!((id.as_str(), &DOC[span]), ("1", "1"));
    }

    #[test]
    fn fragment_ids() {
        let doc = Document::parse(DOC, &Config::default());
        let start = DOC.find("other.md").unwrap();
        let (id, span) = fragment_id_span(&doc, &(start..start + "other.md#check-2".len())).unwrap();
        assert_eq!((id.as_str(), &DOC[span]), ("2", "2"));
    }
}
