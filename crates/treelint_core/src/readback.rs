//! Reading a document back: the one safety check that `fmt` and every fix share
//! (FORMAT.md §4, "Fix safety").
//!
//! A [`Reading`] is what a person takes from a document: per tree block, each node's parent,
//! text, kind, check, jump, glyph kind and notes; the Node Details and Terminal Actions
//! sections. An edit is accepted only when the edited document reads as the original with
//! exactly the change the edit declares ([`Intent`]), and a drawing is only ever changed in
//! a block that the formatter itself can read back faithfully ([`redrawable`]). So `fmt` and
//! `--fix` refuse the same blocks: a block whose reading is a guess (an indentation slip, a
//! line the model cannot place, a flowchart drawn with `|`/`v` connectors) is left alone.
//!
//! Invariants: readings hold no spans (the drawing moves texts), so two readings compare
//! equal exactly when a reader could not tell the documents' trees and sections apart;
//! nodes are compared block by block with parents relative to their block, so redrawing
//! one block cannot disturb the comparison of another.

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::diagnostics::{Edit, Intent, Span};
use crate::document::Document;
use crate::model::NodeKind;
use crate::syntax::blocks::{TreeBlock, lines_in};
use crate::syntax::outline::GlyphKind;

/// One node as a reader sees it. Equality leaves out `raw` (renumbering changes it, and it
/// is compared through `text`, `check` and `jump`) and `line` (a fix above a tree moves it).
#[derive(Debug, Clone)]
pub(crate) struct NodeReading {
    /// The parent, as an index among the nodes of the same block.
    pub parent: Option<usize>,
    pub implicit: bool,
    /// The node's text, with the IDs of its check label and jump written `#` (a renumbering
    /// changes them and nothing else; they are compared through `check` and `jump`).
    pub text: String,
    pub kind: NodeKind,
    pub check: Option<String>,
    pub jump: Option<String>,
    /// The node a jump leads to (its block, and its index there): a renaming that makes a
    /// broken jump land somewhere, or moves one, changes the graph.
    pub target: Option<(usize, usize)>,
    pub glyph: Option<GlyphKind>,
    pub notes: Vec<String>,
    /// The node's text as written (what a redrawn block is compared by).
    raw: String,
    /// 1-based line, for messages only.
    line: usize,
}

impl PartialEq for NodeReading {
    fn eq(&self, o: &Self) -> bool {
        (
            self.parent,
            self.implicit,
            &self.text,
            self.kind,
            &self.check,
            &self.jump,
            self.target,
            self.glyph,
            &self.notes,
        ) == (o.parent, o.implicit, &o.text, o.kind, &o.check, &o.jump, o.target, o.glyph, &o.notes)
    }
}

/// A document as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    /// Per tree block, its nodes in document order.
    pub blocks: Vec<Vec<NodeReading>>,
    /// Node Details IDs, in document order.
    pub details: Vec<String>,
    /// Terminal Actions (marker and title), in document order.
    pub actions: Vec<String>,
}

impl Reading {
    pub(crate) fn of(doc: &Document) -> Reading {
        let mut blocks: Vec<Vec<NodeReading>> = vec![Vec::new(); doc.blocks.len()];
        // Node indices follow document order, so each block's nodes are a run.
        let mut first_of_block: Vec<usize> = vec![0; doc.blocks.len()];
        for (n, node) in doc.model.nodes().collect::<Vec<_>>().into_iter().rev() {
            first_of_block[node.block] = n.index();
        }
        let local = |n: petgraph::graph::NodeIndex| {
            let block = doc.model.node(n).block;
            (block, n.index() - first_of_block[block])
        };
        for (n, node) in doc.model.nodes() {
            let first = first_of_block[node.block];
            let mut masked: Vec<Span> = Vec::new();
            for label in node.check.iter().chain(node.jump_check()) {
                // The ID is the text right before the closing `]`.
                let end = label.span.end - 1;
                masked.push(end - label.id.len()..end);
            }
            masked.sort_by_key(|s| s.start);
            let mut text = String::new();
            if !node.implicit {
                let mut at = node.text.start;
                for m in masked.iter().filter(|m| node.text.start <= m.start && m.end <= node.text.end) {
                    if m.start < at {
                        continue;
                    }
                    text.push_str(&doc.text[at..m.start]);
                    text.push('#');
                    at = m.end;
                }
                text.push_str(&doc.text[at..node.text.end]);
            }
            let at = doc.lines.line_col(&doc.text, node.line.start);
            blocks[node.block].push(NodeReading {
                parent: node.parent.map(|p| p.index() - first),
                implicit: node.implicit,
                text,
                kind: node.kind,
                check: node.check.as_ref().map(|c| c.id.clone()),
                jump: node.jump_check().map(|c| c.id.clone()),
                target: doc.model.jump_target(n).map(local),
                glyph: node.glyph.as_ref().map(|g| g.kind),
                notes: node.notes.iter().map(|s| doc.text[s.clone()].to_string()).collect(),
                raw: if node.implicit { String::new() } else { doc.text[node.text.clone()].to_string() },
                line: at.line as usize + 1,
            });
        }
        Reading {
            blocks,
            details: doc.sections.details.iter().map(|d| d.id.clone()).collect(),
            actions: doc.sections.actions.iter().map(|a| format!("{} {}", a.marker.symbol, a.title)).collect(),
        }
    }
}

/// What a block is expected to read as after a redraw, as the formatter read it: per node,
/// its parent, text (with nothing masked), whether it is implicit, and its notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sketch {
    pub parent: Option<usize>,
    pub implicit: bool,
    pub text: String,
    pub notes: Vec<String>,
}

/// How the document should read after an edit: the reading before, changed as declared.
pub(crate) struct Expectation {
    reading: Reading,
    /// Blocks whose glyph kinds may change freely (a redraw decides them), and whose nodes
    /// are compared by parent, text and notes only.
    redrawn: Vec<Option<Vec<Sketch>>>,
    /// Terminal Actions sections expected in addition (their titles are the fix's own).
    new_actions: usize,
    /// Glyph start → (block, index in the block), built at the first glyph fix.
    glyphs: Option<FxHashMap<usize, (usize, usize)>>,
}

/// Where each branch glyph of `doc` starts → its node's block and index in the block.
fn glyphs(doc: &Document) -> FxHashMap<usize, (usize, usize)> {
    let mut first_of_block: Vec<Option<usize>> = vec![None; doc.blocks.len()];
    let mut out = FxHashMap::default();
    for (n, node) in doc.model.nodes() {
        let first = *first_of_block[node.block].get_or_insert(n.index());
        if let Some(g) = &node.glyph {
            out.insert(g.span.start, (node.block, n.index() - first));
        }
    }
    out
}

impl Expectation {
    pub(crate) fn new(before: &Reading) -> Expectation {
        Expectation { reading: before.clone(), redrawn: vec![None; before.blocks.len()], new_actions: 0, glyphs: None }
    }

    /// Declares block `b` redrawn so that it reads as `sketch`.
    pub(crate) fn redraw(&mut self, b: usize, sketch: Vec<Sketch>) {
        self.redrawn[b] = Some(sketch);
    }

    /// Adds the change a fix declares; `doc` is the document the fix was made for. Refuses
    /// a change that makes no sense there (a glyph that is no branch, a second section).
    pub(crate) fn declare(&mut self, doc: &Document, intent: &Intent) -> Result<(), String> {
        match intent {
            Intent::Nothing => Ok(()),
            Intent::Glyph { glyph, kind } => {
                let Some(&(b, i)) = self.glyphs.get_or_insert_with(|| glyphs(doc)).get(glyph) else {
                    return Err("its glyph is not a branch of the tree".into());
                };
                self.reading.blocks[b][i].glyph = Some(*kind);
                Ok(())
            }
            Intent::Redraw { block } => {
                let Some(sketch) = doc.blocks.get(*block).and_then(|_| crate::format::sketch_of_block(doc, *block))
                else {
                    return Err("the block it redraws is not one the formatter can read".into());
                };
                self.redraw(*block, sketch);
                Ok(())
            }
            Intent::AddDetails { id } => {
                if !doc.model.checks.contains_key(id) {
                    return Err(format!("no check {id} is in the outline (the section would be an orphan)"));
                }
                if self.reading.details.iter().any(|d| d == id) {
                    return Err(format!("Check {id} already has a Node Details section"));
                }
                self.reading.details.push(id.clone());
                Ok(())
            }
            Intent::AddAction => {
                self.new_actions += 1;
                Ok(())
            }
            Intent::Renumber { renames } => {
                let rename = |id: &mut String| {
                    if let Some((_, new)) = renames.iter().find(|(old, _)| old == id) {
                        *id = new.clone();
                    }
                };
                for node in self.reading.blocks.iter_mut().flatten() {
                    node.check.as_mut().map(rename);
                    node.jump.as_mut().map(rename);
                }
                self.reading.details.iter_mut().for_each(rename);
                Ok(())
            }
        }
    }

    /// Whether `after` reads as expected; else, in words, the first difference.
    pub(crate) fn check(&self, after: &Reading) -> Result<(), String> {
        if after.blocks.len() != self.reading.blocks.len() {
            return Err(format!(
                "the document would have {} tree blocks instead of {}",
                after.blocks.len(),
                self.reading.blocks.len()
            ));
        }
        for (b, (want, got)) in self.reading.blocks.iter().zip(&after.blocks).enumerate() {
            match &self.redrawn[b] {
                Some(sketch) => {
                    let got: Vec<Sketch> = got.iter().map(sketch_of_reading).collect();
                    compare_nodes(sketch, &got, |i| after.blocks[b].get(i).map_or(0, |n| n.line))?;
                }
                None => compare_nodes(want, got, |i| got.get(i).map_or(0, |n| n.line))?,
            }
        }
        let mut want = self.reading.details.clone();
        let mut got = after.details.clone();
        want.sort();
        got.sort();
        if want != got {
            return Err(format!(
                "the Node Details sections would be {} instead of {}",
                ids(&after.details),
                ids(&self.reading.details)
            ));
        }
        let kept = self.reading.actions.iter().all(|a| after.actions.contains(a));
        if !kept || after.actions.len() != self.reading.actions.len() + self.new_actions {
            return Err("the Terminal Actions sections would change beyond what the fix adds".into());
        }
        Ok(())
    }
}

fn ids(details: &[String]) -> String {
    if details.is_empty() {
        return "none".into();
    }
    details.iter().map(|d| format!("Check {d}")).collect::<Vec<_>>().join(", ")
}

fn sketch_of_reading(n: &NodeReading) -> Sketch {
    Sketch { parent: n.parent, implicit: n.implicit, text: n.raw.clone(), notes: n.notes.clone() }
}

/// Compares two blocks' nodes; `line` names the line of the `i`th node read back.
fn compare_nodes<T: PartialEq + Describe>(want: &[T], got: &[T], line: impl Fn(usize) -> usize) -> Result<(), String> {
    if let Some(i) = want.iter().zip(got).position(|(w, g)| w != g) {
        return Err(format!("the node at line {} would read differently: {}", line(i), want[i].difference(&got[i])));
    }
    if want.len() != got.len() {
        return Err(format!("the tree would have {} nodes instead of {}", got.len(), want.len()));
    }
    Ok(())
}

/// Says in a few words how two nodes differ.
trait Describe {
    fn difference(&self, other: &Self) -> &'static str;
}

impl Describe for NodeReading {
    fn difference(&self, o: &Self) -> &'static str {
        if self.parent != o.parent {
            "it would hang under another node"
        } else if self.text != o.text || self.implicit != o.implicit {
            "its text would change"
        } else if self.notes != o.notes {
            "its notes would change"
        } else if self.glyph != o.glyph {
            "its glyph would change"
        } else if self.target != o.target {
            "its jump would lead elsewhere"
        } else if self.check != o.check || self.jump != o.jump {
            "its check or jump would change"
        } else {
            "its kind would change"
        }
    }
}

impl Describe for Sketch {
    fn difference(&self, o: &Self) -> &'static str {
        if self.parent != o.parent {
            "it would hang under another node"
        } else if self.notes != o.notes {
            "its notes would change"
        } else {
            "its text would change"
        }
    }
}

/// Why a block's drawing may not be changed, or `None` when the formatter can redraw it and
/// read it back as it reads now. `fmt` and every drawing fix ask this same question.
pub(crate) fn redrawable(doc: &Document, b: usize, config: &Config) -> Option<(Span, String)> {
    crate::format::refusal(doc, b, config)
}

/// The first line of `block` that is a vertical flow connector (only `v`, `V`, `↓` or `▼`,
/// perhaps with a parenthesised label): such a block is a flowchart, never redrawn.
pub(crate) fn flow_connector(text: &str, block: &TreeBlock) -> Option<Span> {
    lines_in(text, block.content.clone()).find_map(|(line, offset)| {
        let t = line.trim();
        let (head, rest) = match t.char_indices().nth(1) {
            Some((i, _)) => t.split_at(i),
            None => (t, ""),
        };
        let rest = rest.trim();
        let label = rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'));
        (matches!(head, "v" | "V" | "↓" | "▼") && label).then(|| {
            let start = offset + (line.len() - line.trim_start().len());
            start..start + t.len()
        })
    })
}

/// Whether every edit of a drawing fix stays within the drawing of `block`: it replaces
/// drawing characters (glyphs, bars, spaces) with drawing characters, never text.
pub(crate) fn edits_only_drawing(text: &str, block: &TreeBlock, edits: &[Edit]) -> bool {
    let drawing = |s: &str| s.chars().all(|c| " \t│┃|├└┣┗─━-`+\\".contains(c));
    edits.iter().all(|e| {
        block.content.start <= e.span.start
            && e.span.end <= block.content.end
            && text.get(e.span.clone()).is_some_and(drawing)
            && drawing(&e.text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> TreeBlock {
        TreeBlock::new(text, 0..text.len(), None, None, false)
    }

    #[test]
    fn vertical_connectors_make_a_flowchart() {
        for line in ["  v", "↓", "   ▼ (Yes)", "V"] {
            let text = format!("Start\n  |\n{line}\nEnd\n");
            assert!(flow_connector(&text, &block(&text)).is_some(), "{line}");
        }
        for line in ["very", "v. next", "  |-- a"] {
            let text = format!("Start\n{line}\n");
            assert!(flow_connector(&text, &block(&text)).is_none(), "{line}");
        }
    }

    #[test]
    fn drawing_edits_touch_only_drawing_characters() {
        let text = "Root?\n|-- a\n|   b\n`-- c\n";
        let b = block(text);
        let edit = |span: Span, t: &str| Edit { span, text: t.into() };
        assert!(edits_only_drawing(text, &b, &[edit(6..7, "`"), edit(12..13, " ")]));
        assert!(!edits_only_drawing(text, &b, &[edit(10..11, " ")]), "a note's text is not drawing");
        assert!(!edits_only_drawing(text, &b, &[edit(6..7, "x")]));
    }
}
