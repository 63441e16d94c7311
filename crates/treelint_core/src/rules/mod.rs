//! The rule catalogue (FORMAT.md §4): one rule per file, each opening with the doc comment
//! that `treelint rule NAME` prints. A rule reads the document, its model and its links and
//! pushes findings; it never reads files and never decides severities (the configuration
//! does, in [`crate::analysis`]).

use std::fmt;
use std::str::FromStr;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::document::Document;
use crate::model::flow::Flow;
use crate::workspace::Links;

/// What a rule sees.
pub struct RuleContext<'a> {
    pub doc: &'a Document,
    pub links: &'a Links,
    pub config: &'a Config,
    pub flow: Flow,
}

impl<'a> RuleContext<'a> {
    pub fn new(doc: &'a Document, links: &'a Links, config: &'a Config) -> Self {
        RuleContext { doc, links, config, flow: Flow::new(&doc.model) }
    }

    /// The text of a span of the document.
    pub fn slice(&self, span: &std::ops::Range<usize>) -> &'a str {
        &self.doc.text[span.clone()]
    }
}

/// Which documents a rule applies to (FORMAT.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Tree documents and trees embedded in ordinary Markdown: the rules about the drawing
    /// and the graph.
    All,
    /// Tree documents only: the rules that assume the format (sections, metadata, outcome
    /// markers, check labels, cross-references, reachability across roots).
    TreeDocuments,
}

impl Scope {
    /// Its name in JSON (`all`, `tree-documents`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::TreeDocuments => "tree-documents",
        }
    }

    /// Which trees, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::All => "every tree (tree documents and trees embedded in ordinary Markdown)",
            Scope::TreeDocuments => "tree documents only",
        }
    }
}

macro_rules! rules {
    ($( $variant:ident => $module:ident, $name:literal, $code:literal, $severity:ident, $fixable:literal, $scope:ident; )*) => {
        $( mod $module; )*

        /// A rule of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $( $variant, )* }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The stable, public kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $( Rule::$variant => $name, )* }
            }

            /// The short code (`TL301`).
            pub fn code(self) -> &'static str {
                match self { $( Rule::$variant => $code, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// Whether the rule offers a fix for (some of) its findings.
            pub fn fixable(self) -> bool {
                match self { $( Rule::$variant => $fixable, )* }
            }

            /// The documents the rule applies to.
            pub fn scope(self) -> Scope {
                match self { $( Rule::$variant => Scope::$scope, )* }
            }

            fn source(self) -> &'static str {
                match self { $( Rule::$variant => include_str!(concat!(stringify!($module), ".rs")), )* }
            }

            pub(crate) fn check(self, ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
                match self { $( Rule::$variant => $module::check(ctx, out), )* }
            }
        }
    };
}

rules! {
    MissingTree => missing_tree, "missing-tree", "TL001", Error, false, TreeDocuments;
    EmptyTree => empty_tree, "empty-tree", "TL002", Error, false, TreeDocuments;
    InconsistentIndent => inconsistent_indent, "inconsistent-indent", "TL101", Error, false, All;
    EmptyNode => empty_node, "empty-node", "TL102", Error, false, All;
    LastChildGlyph => last_child_glyph, "last-child-glyph", "TL103", Hint, true, All;
    UnfencedTree => unfenced_tree, "unfenced-tree", "TL104", Hint, false, All;
    UndrawnOutline => undrawn_outline, "undrawn-outline", "TL105", Warning, true, TreeDocuments;
    DuplicateCheck => duplicate_check, "duplicate-check", "TL201", Error, false, All;
    BrokenJump => broken_jump, "broken-jump", "TL202", Error, false, All;
    TerminalHasChildren => terminal_has_children, "terminal-has-children", "TL203", Error, false, All;
    UnreachableNode => unreachable_node, "unreachable-node", "TL204", Error, false, TreeDocuments;
    DeadEnd => dead_end, "dead-end", "TL205", Error, false, All;
    Cycle => cycle, "cycle", "TL206", Warning, false, All;
    UnmarkedLeaf => unmarked_leaf, "unmarked-leaf", "TL207", Warning, false, TreeDocuments;
    SingleAnswer => single_answer, "single-answer", "TL208", Warning, false, All;
    UnlabeledQuestion => unlabeled_question, "unlabeled-question", "TL209", Info, false, TreeDocuments;
    ParallelQuestions => parallel_questions, "parallel-questions", "TL210", Info, false, TreeDocuments;
    CheckOrder => check_order, "check-order", "TL211", Info, true, TreeDocuments;
    MissingDetails => missing_details, "missing-details", "TL301", Warning, true, TreeDocuments;
    OrphanDetails => orphan_details, "orphan-details", "TL302", Warning, false, TreeDocuments;
    EmptyDetails => empty_details, "empty-details", "TL303", Warning, false, TreeDocuments;
    UnresolvedTerminal => unresolved_terminal, "unresolved-terminal", "TL304", Warning, true, TreeDocuments;
    UnusedAction => unused_action, "unused-action", "TL305", Warning, false, TreeDocuments;
    MissingMetadata => missing_metadata, "missing-metadata", "TL306", Info, false, TreeDocuments;
    BrokenRelatedTree => broken_related_tree, "broken-related-tree", "TL401", Error, false, TreeDocuments;
    BrokenRunbookLink => broken_runbook_link, "broken-runbook-link", "TL402", Warning, false, TreeDocuments;
    UnusedSuppression => unused_suppression, "unused-suppression", "TL901", Warning, true, All;
}

pub(crate) use unused_suppression::unused as unused_suppression_finding;

impl Rule {
    /// The rule's documentation: the `//!` comment its file opens with, as Markdown.
    pub fn doc(self) -> String {
        let mut out = String::new();
        for line in self.source().lines() {
            let Some(rest) = line.strip_prefix("//!") else { break };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// Whether the rule applies to a document of this kind.
    pub fn applies_to(self, kind: crate::document::DocumentKind) -> bool {
        match self.scope() {
            Scope::All => true,
            Scope::TreeDocuments => kind == crate::document::DocumentKind::TreeDocument,
        }
    }

    /// The first sentence of the documentation, for lists.
    pub fn summary(self) -> String {
        let doc = self.doc();
        let what = doc.split("## What it does").nth(1).unwrap_or(&doc);
        what.trim().split("\n\n").next().unwrap_or("").replace('\n', " ")
    }

    /// The rule's documentation page: `base` (a folder URL, `https://treelint.dev/rules/`
    /// by default, see `docs-url` in the configuration) followed by the rule's name.
    pub fn url(self, base: &str) -> String {
        let sep = if base.is_empty() || base.ends_with('/') { "" } else { "/" };
        format!("{base}{sep}{}", self.name())
    }

    /// Finds a rule by name (`missing-details`) or code (`TL301`).
    pub fn lookup(s: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == s || r.code().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Rule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::lookup(s).ok_or_else(|| format!("unknown rule `{s}`"))
    }
}

impl RuleContext<'_> {
    /// How a message names a node: `Check 5`, else its label (shortened).
    pub fn node_name(&self, n: petgraph::graph::NodeIndex) -> String {
        let node = self.doc.model.node(n);
        if let Some(check) = &node.check {
            return ["Check ", &check.id].concat();
        }
        let label = self.slice(&node.text).trim();
        // At most 60 characters, cut where the 61st starts.
        let cut = label.char_indices().nth(60).map_or(label.len(), |(i, _)| i);
        let mut name = String::with_capacity(cut + 5);
        name.push('"');
        name.push_str(&label[..cut]);
        if cut < label.len() {
            name.push('…');
        }
        name.push('"');
        name
    }
}
