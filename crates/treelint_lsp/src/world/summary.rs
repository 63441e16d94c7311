//! What the cross-file features need of a tree: its title and starting question, its checks,
//! actions and `other.md#check-N` jumps, each with its place in both position encodings.
//!
//! The workspace index keeps one [`TreeSummary`] per closed tree instead of the parsed
//! [`Document`]: a few KB instead of some 5 × the Markdown (the graph, the sections, the
//! text). Open documents are summarised from their latest analysis, on first use, by the
//! same [`TreeSummary::of`], so a tree answers the same whether it is open or not.

use std::ops::Range;

use tower_lsp_server::ls_types::Range as LspRange;
use treelint_core::Document;
use treelint_core::syntax::node_text::OutcomeTarget;

use crate::cursor::{fragment_id_span, heading_line};
use crate::position::{Encoding, Positions};

/// A span of a tree's text as LSP ranges in both encodings (the index outlives the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    utf16: LspRange,
    utf8: LspRange,
}

impl Place {
    fn of(doc: &Document, span: &Range<usize>) -> Place {
        Place {
            utf16: Positions::of(doc, Encoding::Utf16).range(span),
            utf8: Positions::of(doc, Encoding::Utf8).range(span),
        }
    }

    /// The range in the negotiated encoding.
    pub fn range(&self, enc: Encoding) -> LspRange {
        match enc {
            Encoding::Utf16 => self.utf16,
            Encoding::Utf8 => self.utf8,
        }
    }
}

/// A check of the outline (the first node that carries its ID).
#[derive(Debug, Clone)]
pub struct CheckEntry {
    pub id: String,
    /// The node's label without `[Check N]`, trimmed.
    pub question: String,
    /// The `[Check N]` label.
    pub label: Place,
}

/// A Terminal Actions section.
#[derive(Debug, Clone)]
pub struct ActionEntry {
    /// Its marker and title (`✅ Roll Back Immediately`).
    pub name: String,
    /// Its heading line.
    pub heading: Place,
}

/// An outcome `→ other.md#check-N` of the outline.
#[derive(Debug, Clone)]
pub struct JumpEntry {
    /// The file as written (`other.md`, `runbooks/db`).
    pub target: String,
    /// The check ID of the fragment.
    pub id: String,
    /// The whole outcome, as a byte span and as a place.
    pub span: Range<usize>,
    pub outcome: Place,
    /// Just the ID inside it: what a rename replaces.
    pub id_place: Place,
}

/// Everything other files' features read of one tree.
#[derive(Debug, Clone)]
pub struct TreeSummary {
    /// The H1 (see [`Document::title`]).
    pub title: Option<String>,
    /// The H1's line (the start of the file without one).
    pub title_place: Place,
    /// The `Starting question` metadata, else the first root's label; never blank.
    pub starting_question: Option<String>,
    /// In outline order.
    pub checks: Vec<CheckEntry>,
    pub actions: Vec<ActionEntry>,
    /// Only jumps whose fragment names a check (`#check-N`).
    pub jumps: Vec<JumpEntry>,
}

impl TreeSummary {
    pub fn of(doc: &Document) -> TreeSummary {
        let title_span = doc.sections.title.map_or(0..0, |h| heading_line(doc, &doc.markdown.headings[h].span));
        let starting_question = doc
            .sections
            .metadata
            .iter()
            .find(|m| m.key == "starting question")
            .map(|m| m.value.clone())
            .or_else(|| doc.model.roots.first().map(|&r| doc.text[doc.model.node(r).label.clone()].to_string()))
            .filter(|q| !q.trim().is_empty());
        let checks = doc
            .model
            .check_order()
            .into_iter()
            .map(|(id, n)| {
                let node = doc.model.node(n);
                // Every check of the model has its label (`model.checks` holds no other node).
                let span = node.check.as_ref().map_or(node.text.clone(), |c| c.span.clone());
                CheckEntry { id: id.to_string(), question: doc.check_question(n), label: Place::of(doc, &span) }
            })
            .collect();
        let actions = doc
            .sections
            .actions
            .iter()
            .map(|a| ActionEntry {
                name: format!("{} {}", a.marker.symbol, a.title),
                heading: Place::of(doc, &heading_line(doc, &a.heading)),
            })
            .collect();
        let jumps = doc
            .model
            .nodes()
            .filter_map(|(_, node)| {
                let outcome = node.outcome.as_ref()?;
                let OutcomeTarget::File { path: target, .. } = &outcome.target else { return None };
                let (id, id_span) = fragment_id_span(doc, &outcome.span)?;
                Some(JumpEntry {
                    target: target.clone(),
                    id,
                    span: outcome.span.clone(),
                    outcome: Place::of(doc, &outcome.span),
                    id_place: Place::of(doc, &id_span),
                })
            })
            .collect();
        TreeSummary {
            title: doc.title().map(str::to_string),
            title_place: Place::of(doc, &title_span),
            starting_question,
            checks,
            actions,
            jumps,
        }
    }

    /// The `[Check N]` label of check `id`.
    pub fn check(&self, id: &str) -> Option<&CheckEntry> {
        self.checks.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use treelint_core::Config;

    use super::*;

    const DOC: &str = "# Decision Tree: Alpha\n\n**Starting question:** Is it up?\n\n```tree\nRoot?\n├── [Check 1] Up?\n│   ├── YES → ✅ GO\n│   └── NO → other.md#check-2\n└── [Check 2] 😀 Down?\n    └── YES → ✅ GO\n```\n\n## Terminal Actions\n\n### ✅ Action: Go\n\nGo.\n";

    #[test]
    fn a_summary_holds_what_other_files_ask_for() {
        let doc = Document::parse(DOC, &Config::default());
        let s = TreeSummary::of(&doc);
        assert_eq!(s.title.as_deref(), doc.title());
        assert_eq!(s.starting_question.as_deref(), Some("Is it up?"));
        let ids: Vec<(&str, &str)> = s.checks.iter().map(|c| (c.id.as_str(), c.question.as_str())).collect();
        assert_eq!(ids, [("1", "Up?"), ("2", "😀 Down?")]);
        let line = DOC.lines().position(|l| l.contains("[Check 2]")).unwrap() as u32;
        let label = s.check("2").unwrap().label.clone();
        // `└── ` is four characters, each one UTF-16 unit but three or one UTF-8 bytes.
        assert_eq!((label.range(Encoding::Utf16).start.line, label.range(Encoding::Utf16).start.character), (line, 4));
        assert_eq!(label.range(Encoding::Utf8).start.character, 3 + 3 + 3 + 1);
        assert_eq!(s.actions.len(), 1);
        assert!(s.actions[0].name.starts_with("✅ "));
        assert_eq!(s.jumps.len(), 1);
        assert_eq!((s.jumps[0].target.as_str(), s.jumps[0].id.as_str()), ("other.md", "2"));
        assert_eq!(&DOC[s.jumps[0].span.clone()], "other.md#check-2");
    }
}
