//! ## What it does
//! Reports a last child drawn with `├──` (or an ASCII middle glyph), and a child that has
//! later siblings drawn with `└──`.
//!
//! ## Why is this bad?
//! `└──` tells the reader "nothing more at this level". A `├──` with no sibling below makes
//! the reader look for a branch that is not there; a `└──` above a sibling hides it.
//!
//! ## Example
//! ```text
//! Root?
//! ├── [Check 1] Is it down?
//! ```
//!
//! ## Use instead
//! ```text
//! Root?
//! └── [Check 1] Is it down?
//! ```
//!
//! ## Fix safety
//! Safe: the fix swaps the glyph and the continuation bars of the subtree below it; no text
//! changes. It is skipped, with a note, in a block that `treelint fmt` leaves alone (an
//! indentation slip, a flowchart, a drawing that would read differently): there the glyph
//! may well be right.

use crate::diagnostics::{Applicability, Diagnostic, Edit, Fix, Intent};
use crate::model::Model;
use crate::rules::{Rule, RuleContext};
use crate::syntax::blocks::lines_in;
use crate::syntax::outline::{GlyphKind, GlyphStyle};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    // A fix rewrites the bars of the whole subtree below the glyph, so on a pathological
    // outline (thousands of levels, each drawn wrong) the fixes alone are cubic in the depth.
    // Fixes are offered while the characters they scan stay within a budget linear in the
    // document; past it the findings are still reported, without a fix.
    let mut budget = 8 * ctx.doc.text.len() + (1 << 20);
    // One buffer for every node's children: this runs over every node of every tree.
    let mut children = Vec::new();
    for (n, _) in model.nodes() {
        children.clear();
        children.extend(model.children_unordered(n));
        children.sort_unstable();
        for (i, &child) in children.iter().enumerate() {
            let Some(glyph) = &model.node(child).glyph else { continue };
            // A block that never draws a last child (only `|--`, or only `+--`) does not
            // use the distinction at all: nothing to report.
            if !ctx.doc.blocks[model.node(child).block].marks_last {
                continue;
            }
            let last = i + 1 == children.len();
            let wanted = if last { GlyphKind::Last } else { GlyphKind::Middle };
            if glyph.kind == wanted {
                continue;
            }
            let (message, label) = if last {
                (format!("last child {} drawn with a middle-child glyph", ctx.node_name(child)), "nothing follows at this level")
            } else {
                (format!("{} is drawn as a last child but has later siblings", ctx.node_name(child)), "a sibling follows below")
            };
            let diagnostic = Diagnostic::new(Rule::LastChildGlyph, glyph.span.clone(), message)
                .with_label(label)
                .with_help(if last { "draw it with `└──`" } else { "draw it with `├──`" });
            out.push(match fix(ctx, model, child, wanted, &mut budget) {
                Some(f) => diagnostic.with_fix(f),
                None => diagnostic,
            });
        }
    }
}

/// Swaps the glyph, and the bar (or its absence) at the glyph's column in the lines of the
/// subtree below it, up to the next line drawn at that column or further left.
/// `None` once `budget` (characters left to scan) runs out.
fn fix(ctx: &RuleContext, model: &Model, node: petgraph::graph::NodeIndex, wanted: GlyphKind, budget: &mut usize) -> Option<Fix> {
    let text = &ctx.doc.text;
    let glyph = model.node(node).glyph.clone().expect("a child has a glyph");
    let block = &ctx.doc.blocks[model.node(node).block];
    // The columns of a quoted block are counted after its `>` markers: not redrawn here.
    if block.quoted {
        return None;
    }
    let first = text[glyph.span.clone()].chars().next().unwrap_or('├');
    // The block's own ASCII convention (`|--` and `` `-- ``, `|--` and `+--`, `+--` and `\--`).
    let (middle, last) = block.ascii_glyphs;
    let (ascii_middle, ascii_last) = (middle.to_string(), last.to_string());
    let replacement: String = match (glyph.style, wanted) {
        (GlyphStyle::Unicode, GlyphKind::Last) => text[glyph.span.clone()].replacen(first, if first == '┣' { "┗" } else { "└" }, 1),
        (GlyphStyle::Unicode, GlyphKind::Middle) => text[glyph.span.clone()].replacen(first, if first == '┗' { "┣" } else { "├" }, 1),
        (GlyphStyle::Ascii, GlyphKind::Last) => text[glyph.span.clone()].replacen(first, &ascii_last, 1),
        (GlyphStyle::Ascii, GlyphKind::Middle) => text[glyph.span.clone()].replacen(first, &ascii_middle, 1),
    };
    let mut edits = vec![Edit { span: glyph.span.clone(), text: replacement }];
    let bar = if glyph.style == GlyphStyle::Unicode { "│" } else { "|" };
    let after = model.node(node).line.end;
    for (line, offset) in lines_in(text, after..block.content.end) {
        // Only the first `column + 1` characters decide; finding the line's end (memchr)
        // is charged at a fraction of its length.
        *budget = budget.checked_sub(glyph.column + 1 + line.len() / 8)?;
        let is_prefix = |c: char| matches!(c, ' ' | '│' | '|' | '┃' | '\t');
        let drawn_at_or_left = line
            .char_indices()
            .take(glyph.column + 1)
            .any(|(i, c)| !is_prefix(c) || line[i..].starts_with("|--"));
        // A line drawn at the glyph's column or left of it ends the subtree.
        if drawn_at_or_left {
            break;
        }
        let Some((byte, ch)) = char_at_column(line, glyph.column) else { continue };
        let span = offset + byte..offset + byte + ch.len_utf8();
        match (wanted, ch) {
            (GlyphKind::Last, '│' | '|' | '┃') => edits.push(Edit { span, text: " ".into() }),
            (GlyphKind::Middle, ' ') => edits.push(Edit { span, text: bar.into() }),
            _ => {}
        }
    }
    Some(Fix {
        title: if wanted == GlyphKind::Last { "Draw as last child (└──)".into() } else { "Draw as middle child (├──)".into() },
        applicability: Applicability::Safe,
        edits,
        intent: Intent::Glyph { glyph: glyph.span.start, kind: wanted },
    })
}

fn char_at_column(line: &str, column: usize) -> Option<(usize, char)> {
    let mut col = 0;
    for (i, ch) in line.char_indices() {
        if col == column {
            return Some((i, ch));
        }
        if col > column {
            return None;
        }
        col = if ch == '\t' { (col / 4 + 1) * 4 } else { col + 1 };
    }
    None
}
