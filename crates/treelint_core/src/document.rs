//! One document through the pipeline: Markdown → syntax → model. Pure and total: any text
//! gives a `Document`.

use rustc_hash::FxHashMap;

use petgraph::graph::NodeIndex;

use crate::config::Config;
use crate::line_index::LineIndex;
use crate::markdown::Markdown;
use crate::model::{self, Model, Resolution};
use crate::syntax::blocks::{TreeBlock, find_tree_blocks};
use crate::syntax::sections::Sections;

/// The size from which a document's independent stages (and the rules) run on two threads.
pub const PARALLEL_FROM: usize = 256 * 1024;

/// `a` and `b`, on two threads when `split`.
pub(crate) fn join<A: Send, B: Send>(
    split: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if split { rayon::join(a, b) } else { (a(), b()) }
}

/// Which of the two kinds of file with trees a document is (FORMAT.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A file in the tree format (strict): every rule applies.
    TreeDocument,
    /// Any other Markdown: trees embedded in it are recognised only where a block reads as
    /// a decision, each block (and each root line in it) is a tree of its own, and only the
    /// rules about the drawing and the graph apply.
    Embedded,
}

impl DocumentKind {
    /// What the document says about itself: an H1 that starts with "Decision Tree", a block
    /// declared `tree` or `decision-tree`, `treelint: true` in its front matter, or a Node
    /// Details or Terminal Actions section (as configured).
    pub fn of(text: &str, md: &Markdown, config: &Config) -> DocumentKind {
        let h1 = md.headings.iter().find(|h| h.level == 1);
        let titled = h1.is_some_and(|h| h.text.trim_start().to_lowercase().starts_with("decision tree"));
        let declared = md.code_blocks.iter().any(|c| c.fenced && crate::syntax::blocks::declares_tree(&c.info));
        let front = md.front_matter.as_ref().is_some_and(|span| {
            text[span.clone()].lines().any(|l| {
                l.split_once(':').is_some_and(|(k, v)| k.trim() == "treelint" && v.trim().eq_ignore_ascii_case("true"))
            })
        });
        let sections = md.headings.iter().any(|h| {
            let t = h.text.trim();
            t.eq_ignore_ascii_case(config.sections.details.trim())
                || t.eq_ignore_ascii_case(config.sections.actions.trim())
        });
        if titled || declared || front || sections { DocumentKind::TreeDocument } else { DocumentKind::Embedded }
    }
}

/// One tree of a document: where a walk, `paths` or an export can begin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeInfo {
    /// 1-based, in document order (what a user types to pick it).
    pub number: usize,
    pub root: NodeIndex,
    /// The tree block it is drawn in.
    pub block: usize,
    /// The root's text (for an implicit root, the heading's).
    pub root_text: String,
    /// The heading the block stands under.
    pub heading: Option<String>,
    /// From the root's line to the last line of its subtree.
    pub span: std::ops::Range<usize>,
}

/// A parsed document and its model.
#[derive(Debug, Clone)]
pub struct Document {
    /// A tree document or ordinary Markdown with embedded trees.
    pub kind: DocumentKind,
    pub text: String,
    pub lines: LineIndex,
    pub markdown: Markdown,
    pub blocks: Vec<TreeBlock>,
    pub sections: Sections,
    pub model: Model,
    /// Where each terminal leads.
    pub terminals: FxHashMap<NodeIndex, Resolution>,
}

impl Document {
    pub fn parse(text: impl Into<String>, config: &Config) -> Document {
        Document::parse_as(text, config, None)
    }

    /// Parses `text` as a document of `kind`, or of the kind it says it is when `None` (a
    /// file in one of the configured `tree-dirs` is a tree document whatever it holds).
    pub fn parse_as(text: impl Into<String>, config: &Config, kind: Option<DocumentKind>) -> Document {
        let text = text.into();
        // A large document (the language server re-parses it on every edit) is parsed on
        // two threads where stages do not depend on each other; a small one on the caller's
        // thread, which is cheaper than handing work over.
        let split = text.len() >= PARALLEL_FROM;
        let (lines, markdown) = join(split, || LineIndex::new(&text), || Markdown::parse(&text));
        let kind = kind.unwrap_or_else(|| DocumentKind::of(&text, &markdown, config));
        let ((blocks, model), sections) = join(
            split,
            || {
                let mut blocks = find_tree_blocks(&text, &markdown, &lines, config, kind);
                if kind == DocumentKind::Embedded {
                    // A candidate is a tree only if it reads as a decision; when in doubt,
                    // it is not (a false tree is worse than a missed one).
                    blocks.retain(|block| {
                        let one = model::build(&text, &markdown, std::slice::from_ref(block), config, kind);
                        model::decides(&text, &one)
                    });
                }
                let model = model::build(&text, &markdown, &blocks, config, kind);
                (blocks, model)
            },
            || Sections::parse(&text, &markdown, config),
        );
        let terminals = model::resolve_terminals(&text, &model, &sections.actions);
        Document { kind, text, lines, markdown, blocks, sections, model, terminals }
    }

    /// Whether the document holds a tree (FORMAT.md §1).
    pub fn is_tree(&self) -> bool {
        !self.blocks.is_empty()
    }

    /// The trees of the document, in order: in a tree document its one tree (other roots
    /// are reached only by jumps); in ordinary Markdown each root line (or implicit root)
    /// that has branches under it.
    pub fn trees(&self) -> Vec<TreeInfo> {
        let model = &self.model;
        let mut out = Vec::new();
        for &root in &model.trees {
            if self.kind == DocumentKind::Embedded && model.child_count(root) == 0 {
                continue;
            }
            let node = model.node(root);
            let block = &self.blocks[node.block];
            let heading = block.heading.map(|h| self.markdown.headings[h].text.clone());
            let root_text = self.text[node.text.clone()].trim().to_string();
            // The subtree's last line: the highest node index drawn under it (indices follow
            // document order, and a subtree is contiguous).
            let mut end = node.line.end;
            let mut stack = vec![root];
            while let Some(n) = stack.pop() {
                end = end.max(model.node(n).line.end);
                for note in &model.node(n).notes {
                    end = end.max(note.end);
                }
                stack.extend(model.children_unordered(n));
            }
            let start = if node.implicit { block.content.start } else { node.line.start };
            out.push(TreeInfo { number: out.len() + 1, root, block: node.block, root_text, heading, span: start..end });
        }
        out
    }

    /// Picks a tree by its number (`2`), its root's text or its heading (case-insensitive;
    /// an exact match first, else the only tree whose root text or heading contains it).
    pub fn select_tree(&self, wanted: &str) -> Option<TreeInfo> {
        let trees = self.trees();
        let wanted = wanted.trim();
        if let Ok(n) = wanted.parse::<usize>() {
            return trees.into_iter().find(|t| t.number == n);
        }
        let w = wanted.to_lowercase();
        let names = |t: &TreeInfo| [Some(t.root_text.to_lowercase()), t.heading.as_ref().map(|h| h.to_lowercase())];
        if let Some(t) = trees.iter().find(|t| names(t).iter().flatten().any(|n| *n == w)) {
            return Some(t.clone());
        }
        let mut partial = trees.iter().filter(|t| names(t).iter().flatten().any(|n| n.contains(&w)));
        match (partial.next(), partial.next()) {
            (Some(t), None) => Some(t.clone()),
            _ => None,
        }
    }

    /// Makes `root` the first of the model's roots, where a walk begins: how a front end
    /// walks the tree the user picked (`--tree`, a code lens) with the walk as it is.
    pub fn begin_at(&mut self, root: NodeIndex) {
        if self.model.roots.contains(&root) {
            self.model.roots.retain(|&r| r != root);
            self.model.roots.insert(0, root);
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: &std::ops::Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    /// A check's question as drawn: the label of node `n` without the `[Check N]` in it.
    pub fn check_question(&self, n: NodeIndex) -> String {
        let node = self.model.node(n);
        let check = node.check.as_ref().map_or("", |c| &self.text[c.span.clone()]);
        self.text[node.label.clone()].replacen(check, "", 1).trim().to_string()
    }

    /// The document's title: its H1, else its first root.
    pub fn title(&self) -> Option<&str> {
        self.sections.title.map(|h| self.markdown.headings[h].text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_question_is_its_label_without_the_check() {
        let doc = Document::parse(
            "```tree\nStart?\n└── [Check 2] Is it safe? (no migration)\n    └── YES → ✅ GO\n```\n",
            &Config::default(),
        );
        let n = doc.model.checks["2"];
        assert_eq!(doc.check_question(n), "Is it safe? (no migration)");
    }

    #[test]
    fn begin_at_puts_a_root_first_and_ignores_other_nodes() {
        let mut doc = Document::parse(
            "```\nA?\n├── Yes → x\n└── No → y\n```\n\n```\nB?\n├── Yes → x\n└── No → y\n```\n",
            &Config::default(),
        );
        let trees = doc.trees();
        assert_eq!(trees.len(), 2);
        doc.begin_at(trees[1].root);
        assert_eq!(doc.model.roots[0], trees[1].root);
        assert_eq!(doc.model.roots.len(), 2);
        let leaf = doc.model.children(trees[0].root)[0];
        doc.begin_at(leaf);
        assert_eq!(doc.model.roots[0], trees[1].root);
    }
}
