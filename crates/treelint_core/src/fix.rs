//! Applying fixes to a document's text, safely (FORMAT.md §4, "Fix safety").
//!
//! Invariants:
//! - [`apply`] never lets two fixes touch the same bytes: a fix is taken whole or not at
//!   all, in the order given, and one that conflicts with an earlier one is skipped (the
//!   next pass of [`fix_document`] gets another chance at it, on the re-analysed text).
//!   Inserted text follows the document's line endings (`\r\n` documents get `\r\n`).
//! - No fix is applied unless the document then reads back as before with exactly the
//!   change the fix declares ([`Intent`]): the same nodes, parents, texts, notes, kinds and
//!   jumps, the same sections. A fix that changes a drawing is applied only in a block the
//!   formatter can redraw faithfully. This is the check `fmt` makes ([`crate::readback`]);
//!   a fix that fails it is skipped and reported ([`SkippedFix`]), never forced.
//! - Fixes are checked one at a time, each against the document as the previous one left
//!   it, so they never combine into a new finding (two details sections for one check). As
//!   a shortcut, the fixes of one pass are first checked together: their declared changes
//!   compose (each names its own glyph or section), so when the whole set reads back as
//!   declared, so does each fix on top of the others; otherwise they are checked one by one.
//!   A renumbering changes what other fixes refer to, so it is applied alone in its pass.
//! - [`fix_document`] re-analyses after each pass and stops at a fixed point or after
//!   [`MAX_PASSES`], so fixes that keep undoing each other cannot loop forever.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::analysis::{Analysis, analyze};
use crate::config::Config;
use crate::diagnostics::{Applicability, Edit, Fix, Intent, Span};
use crate::document::Document;
use crate::readback::{self, Expectation, Reading};
use crate::rules::Rule;
use crate::workspace::Workspace;

/// How many analyse-and-fix passes [`fix_document`] makes at most.
pub const MAX_PASSES: usize = 10;

/// Applies as many of `fixes` as do not conflict, in order. Returns the new text and the
/// indices (into `fixes`) of the fixes applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let newline = dominant_newline(text);
    let mut taken: Vec<Span> = Vec::new();
    let mut edits: Vec<(Span, String)> = Vec::new();
    let mut applied = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        let mut spans: Vec<&Span> = fix.edits.iter().map(|e| &e.span).collect();
        spans.sort_by_key(|s| (s.start, s.end));
        let valid = spans.iter().all(|s| {
            s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        });
        let self_overlap = spans.windows(2).any(|w| conflicts(w[0], w[1]));
        if !valid || self_overlap || spans.iter().any(|s| taken.iter().any(|t| conflicts(s, t))) {
            continue;
        }
        taken.extend(spans.into_iter().cloned());
        edits.extend(fix.edits.iter().map(|e| (e.span.clone(), with_newlines(&e.text, newline))));
        applied.push(i);
    }
    edits.sort_by_key(|(s, _)| (s.start, s.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, insert) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(&insert);
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Two edits conflict when they share bytes, insert at the same place, or one inserts
/// inside the other (the order of the result would be a guess).
fn conflicts(a: &Span, b: &Span) -> bool {
    let overlap = a.start.max(b.start) < a.end.min(b.end);
    let same_point = a.start == b.start && (a.is_empty() || b.is_empty());
    let inside = |p: &Span, q: &Span| p.is_empty() && q.start < p.start && p.start < q.end;
    overlap || same_point || inside(a, b) || inside(b, a)
}

/// The line ending most lines of `text` use (`\n` when it has none).
pub fn dominant_newline(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let cr = text.matches('\r').count() - crlf;
    if crlf > lf && crlf >= cr {
        "\r\n"
    } else if cr > lf && cr > crlf {
        "\r"
    } else {
        "\n"
    }
}

/// Rewrites the `\n` line breaks of inserted text (rules write `\n`) as `newline`.
fn with_newlines(insert: &str, newline: &str) -> String {
    if newline == "\n" { insert.to_string() } else { insert.replace("\r\n", "\n").replace('\n', newline) }
}

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply fixes that change content ([`Applicability::Unsafe`]).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    /// Whether a fix of this applicability is wanted.
    pub fn allows(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// A fix that was not applied because the document would not have read back as the fix
/// declared, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFix {
    pub rule: Rule,
    /// The fix's title (`Draw as last child (└──)`).
    pub title: String,
    /// The finding's span, in the text as it stood when the fix was tried (fixes applied
    /// before it in the same run may have moved it; a drawing fix's lines stay put unless
    /// an earlier fix removed a line above it).
    pub span: Span,
    /// 1-based line and column (Unicode scalar values) of `span.start` in that text.
    pub line: usize,
    pub column: usize,
    /// What would have gone wrong, in words.
    pub reason: String,
}

/// The result of fixing one document.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text (equal to the input when nothing applied).
    pub text: String,
    /// How many fixes of each rule were applied, over all passes.
    pub fixed: BTreeMap<Rule, usize>,
    /// Fixes left out because the document would not have read back as they declared.
    pub skipped: Vec<SkippedFix>,
    /// The analysis of the fixed text: what remains.
    pub analysis: Analysis,
    /// Whether the last pass found nothing more to fix (false: stopped at [`MAX_PASSES`]).
    pub converged: bool,
}

impl FixOutcome {
    /// The number of fixes applied.
    pub fn total(&self) -> usize {
        self.fixed.values().sum()
    }
}

/// Analyses `text` (the file at `path`) and applies its wanted fixes, checked as the module
/// documentation says, again and again on the re-analysed text, until none applies.
pub fn fix_document(path: &Path, text: &str, workspace: &Workspace, options: FixOptions) -> FixOutcome {
    let config = &workspace.config;
    let mut text = text.to_string();
    let mut fixed: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut skipped: Vec<SkippedFix> = Vec::new();
    // Fixes refused once are not tried again: the same finding comes back on every pass.
    let mut refused: HashSet<(Rule, String, String)> = HashSet::new();
    for _ in 0..MAX_PASSES {
        let analysis = analyze(path, text.clone(), workspace);
        let wanted: Vec<(Rule, &Fix, &Span, &str)> = analysis
            .diagnostics
            .iter()
            .filter_map(|d| {
                let f = d.fix.as_ref().filter(|f| options.allows(f.applicability))?;
                let key = (d.rule, f.title.clone(), d.message.clone());
                (!refused.contains(&key)).then_some((d.rule, f, &d.span, d.message.as_str()))
            })
            .collect();
        // A renumbering goes alone (when it comes first; else it waits for the next pass).
        let batch: Vec<usize> = match wanted.first() {
            None => Vec::new(),
            Some((_, f, ..)) if matches!(f.intent, Intent::Renumber { .. }) => vec![0],
            Some(_) => (0..wanted.len()).filter(|&i| !matches!(wanted[i].1.intent, Intent::Renumber { .. })).collect(),
        };
        let fixes: Vec<&Fix> = batch.iter().map(|&i| wanted[i].1).collect();
        let pass = checked(&analysis.document, &fixes, config);
        for (i, reason) in &pass.refused {
            let (rule, fix, span, message) = wanted[batch[*i]];
            refused.insert((rule, fix.title.clone(), message.to_string()));
            let doc = pass.documents.get(i).unwrap_or(&analysis.document);
            let span = shift_span(span, pass.before.get(i).map_or(&[][..], |v| v));
            let at = doc.lines.line_col(&doc.text, span.start.min(doc.text.len()));
            skipped.push(SkippedFix {
                rule,
                title: fix.title.clone(),
                span,
                line: at.line as usize + 1,
                column: at.col as usize + 1,
                reason: reason.clone(),
            });
        }
        for &i in &pass.applied {
            *fixed.entry(wanted[batch[i]].0).or_default() += 1;
        }
        if pass.applied.is_empty() && pass.refused.is_empty() {
            return FixOutcome { text, fixed, skipped, analysis, converged: true };
        }
        text = pass.text;
    }
    let analysis = analyze(path, text.clone(), workspace);
    FixOutcome { text, fixed, skipped, analysis, converged: false }
}

/// The fixes of one pass, checked.
#[derive(Debug)]
pub struct Checked {
    /// The text with the accepted fixes applied.
    pub text: String,
    /// Indices (into the fixes given) of the fixes applied, in order.
    pub applied: Vec<usize>,
    /// Indices of the fixes refused, with the reason.
    pub refused: Vec<(usize, String)>,
    /// For each refused fix checked on its own: the edits applied before it (to place it).
    before: BTreeMap<usize, Vec<Edit>>,
    /// For each refused fix checked on its own: the document it was checked against.
    documents: BTreeMap<usize, Document>,
}

/// Applies those of `fixes` (made for `doc`) that do not conflict, each only if the document
/// then reads back as it declares. Fixes that conflict with an earlier one are neither
/// applied nor refused: a later pass gets them. The same check as [`fix_document`]'s passes,
/// for callers that apply one pass themselves (the language server's fix-all).
pub fn checked(doc: &Document, fixes: &[&Fix], config: &Config) -> Checked {
    let (_, candidates) = apply(&doc.text, fixes);
    let mut out = Checked {
        text: doc.text.clone(),
        applied: Vec::new(),
        refused: Vec::new(),
        before: BTreeMap::new(),
        documents: BTreeMap::new(),
    };
    // What each fix needs of the document is asked first, once per block: a block `fmt`
    // leaves alone refuses its drawing fixes without a parse per fix.
    let mut pre = Preconditions::new(doc, config);
    let candidates: Vec<usize> = candidates
        .into_iter()
        .filter(|&i| match pre.check(fixes[i]) {
            Ok(()) => true,
            Err(reason) => {
                out.refused.push((i, reason));
                false
            }
        })
        .collect();
    if candidates.is_empty() {
        return out;
    }
    let all: Vec<&Fix> = candidates.iter().map(|&i| fixes[i]).collect();
    if let Ok(text) = reads_back(doc, &all, config) {
        out.text = text;
        out.applied = candidates;
        return out;
    }
    // One at a time, each against the document the previous one left.
    let mut current: Option<Document> = None;
    // The edits applied so far, as written into the text (line endings included).
    let mut done: Vec<Edit> = Vec::new();
    let newline = dominant_newline(&doc.text);
    for i in candidates {
        let here = current.as_ref().unwrap_or(doc);
        let moved = shift_fix(fixes[i], &done);
        match check(here, &[&moved], config) {
            Ok(text) => {
                done.extend(
                    fixes[i].edits.iter().map(|e| Edit { span: e.span.clone(), text: with_newlines(&e.text, newline) }),
                );
                out.applied.push(i);
                current = Some(Document::parse(text, config));
            }
            Err(reason) => {
                out.refused.push((i, reason));
                out.before.insert(i, done.clone());
                out.documents.insert(i, here.clone());
            }
        }
    }
    if let Some(d) = current {
        out.text = d.text;
    }
    out
}

/// Whether `fixes`, made for `doc` and not conflicting, can be applied together: the text
/// they give, or why not.
pub fn check(doc: &Document, fixes: &[&Fix], config: &Config) -> Result<String, String> {
    let mut pre = Preconditions::new(doc, config);
    for fix in fixes {
        pre.check(fix)?;
    }
    reads_back(doc, fixes, config)
}

/// Applies `fixes` and reads the result back against `doc` plus their declared changes.
fn reads_back(doc: &Document, fixes: &[&Fix], config: &Config) -> Result<String, String> {
    let (text, applied) = apply(&doc.text, fixes);
    if applied.len() != fixes.len() {
        return Err("its edits overlap another fix".into());
    }
    let mut expected = Expectation::new(&Reading::of(doc));
    for fix in fixes {
        expected.declare(doc, &fix.intent)?;
    }
    let after = Document::parse(text, config);
    expected.check(&Reading::of(&after))?;
    Ok(after.text)
}

/// What a fix needs of the document before it is tried: a drawing fix, a block the
/// formatter can redraw faithfully and edits on drawing characters only. Each block is
/// asked once, and glyphs are found by a map, so a pass over thousands of glyph fixes
/// stays linear.
struct Preconditions<'a> {
    doc: &'a Document,
    config: &'a Config,
    /// Glyph start → its block, built at the first glyph fix.
    glyphs: Option<rustc_hash::FxHashMap<usize, usize>>,
    blocks: BTreeMap<usize, Option<String>>,
}

impl<'a> Preconditions<'a> {
    fn new(doc: &'a Document, config: &'a Config) -> Self {
        Preconditions { doc, config, glyphs: None, blocks: BTreeMap::new() }
    }

    fn block(&mut self, b: usize) -> Result<(), String> {
        let (doc, config) = (self.doc, self.config);
        match self.blocks.entry(b).or_insert_with(|| readback::redrawable(doc, b, config).map(|(_, why)| why)) {
            Some(why) => Err(format!("it would change the drawing of a block that `fmt` leaves alone: {why}")),
            None => Ok(()),
        }
    }

    fn check(&mut self, fix: &Fix) -> Result<(), String> {
        let doc = self.doc;
        match &fix.intent {
            Intent::Glyph { glyph, .. } => {
                let glyphs = self.glyphs.get_or_insert_with(|| {
                    doc.model.nodes().filter_map(|(_, n)| n.glyph.as_ref().map(|g| (g.span.start, n.block))).collect()
                });
                let Some(&b) = glyphs.get(glyph) else { return Err("its glyph is not a branch of the tree".into()) };
                self.block(b)?;
                if !readback::edits_only_drawing(&doc.text, &doc.blocks[b], &fix.edits) {
                    return Err("it would change more than the drawing of its block".into());
                }
                Ok(())
            }
            Intent::Redraw { block } if *block < doc.blocks.len() => self.block(*block),
            _ => Ok(()),
        }
    }
}

/// `fix` moved past `done`, edits applied before it that it does not overlap.
fn shift_fix(fix: &Fix, done: &[Edit]) -> Fix {
    let mut moved = fix.clone();
    for e in &mut moved.edits {
        e.span = shift_span(&e.span, done);
    }
    if let Intent::Glyph { glyph, .. } = &mut moved.intent {
        *glyph = shift_span(&(*glyph..*glyph), done).start;
    }
    moved
}

/// Where `span` is once `done` (edits that do not overlap it) are applied.
fn shift_span(span: &Span, done: &[Edit]) -> Span {
    let delta: isize =
        done.iter().filter(|e| e.span.end <= span.start).map(|e| e.text.len() as isize - e.span.len() as isize).sum();
    (span.start as isize + delta) as usize..(span.end as isize + delta) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Edit;

    fn fix(edits: &[(Span, &str)]) -> Fix {
        Fix {
            title: String::new(),
            applicability: Applicability::Safe,
            edits: edits.iter().map(|(s, t)| Edit { span: s.clone(), text: t.to_string() }).collect(),
            intent: Intent::Nothing,
        }
    }

    #[test]
    fn applies_non_overlapping_edits_in_order() {
        let a = fix(&[(0..1, "A"), (4..5, "E")]);
        let b = fix(&[(2..3, "C")]);
        let (out, applied) = apply("abcde", &[&a, &b]);
        assert_eq!(out, "AbCdE");
        assert_eq!(applied, vec![0, 1]);
    }

    #[test]
    fn skips_a_fix_that_conflicts_with_an_earlier_one() {
        let a = fix(&[(1..3, "X")]);
        let b = fix(&[(0..1, "Y"), (2..4, "Z")]);
        let c = fix(&[(1..1, "I")]);
        let (out, applied) = apply("abcde", &[&a, &b, &c]);
        assert_eq!(out, "aXde");
        assert_eq!(applied, vec![0]);
    }

    #[test]
    fn two_insertions_at_one_place_conflict() {
        let a = fix(&[(2..2, "1")]);
        let b = fix(&[(2..2, "2")]);
        assert_eq!(apply("abcd", &[&a, &b]), ("ab1cd".to_string(), vec![0]));
    }

    #[test]
    fn adjacent_edits_do_not_conflict() {
        let a = fix(&[(0..2, "X")]);
        let b = fix(&[(2..4, "Y")]);
        assert_eq!(apply("abcd", &[&a, &b]).0, "XY");
    }

    #[test]
    fn inserted_lines_follow_crlf_documents() {
        let a = fix(&[(3..3, "\nnew\n")]);
        assert_eq!(apply("a\r\nb\r\n", &[&a]).0, "a\r\n\r\nnew\r\nb\r\n");
        let a = fix(&[(2..2, "\nnew\n")]);
        assert_eq!(apply("a\nb\n", &[&a]).0, "a\n\nnew\nb\n");
    }

    #[test]
    fn a_redraw_is_accepted_only_when_it_reads_as_the_formatter_read_the_block() {
        // A plain outline drawn by the formatter's own edits (as `undrawn-outline` would fix it).
        let text = "# T\n\n```tree\nReady?\n- a?\n  - YES → ✅ GO\n  - NO → ✅ STOP\n- b → ✅ B\n```\n";
        let config = Config::default();
        let doc = Document::parse(text, &config);
        let drawn = crate::format::format_document(text, &config);
        let redraw = |edits: Vec<Edit>| Fix {
            title: "Draw the outline".into(),
            applicability: Applicability::Safe,
            edits,
            intent: Intent::Redraw { block: 0 },
        };
        let good = redraw(drawn.edits.clone());
        let out = check(&doc, &[&good], &config).expect("the formatter's drawing reads back");
        assert_eq!(out, drawn.text);
        // The same drawing with one answer moved under the wrong question is refused.
        let mut bad = drawn.edits.clone();
        let last = bad.iter_mut().find(|e| e.text.contains("b → ✅ B")).unwrap();
        last.text = last.text.replace("└── b", "    └── b");
        let err = check(&doc, &[&redraw(bad)], &config).unwrap_err();
        assert!(err.contains("would"), "{err}");
    }

    #[test]
    fn a_glyph_fix_that_touches_text_is_refused() {
        let text = "```tree\nRoot?\n├── a\n```\n";
        let config = Config::default();
        let doc = Document::parse(text, &config);
        let at = text.find('├').unwrap();
        let fix = Fix {
            title: String::new(),
            applicability: Applicability::Safe,
            edits: vec![Edit { span: at..at + "├── a".len(), text: "└── b".into() }],
            intent: Intent::Glyph { glyph: at, kind: crate::syntax::outline::GlyphKind::Last },
        };
        assert!(check(&doc, &[&fix], &config).unwrap_err().contains("more than the drawing"));
    }

    #[test]
    fn invalid_spans_are_skipped_not_panicking() {
        let a = fix(&[(2..99, "x")]);
        let b = fix(&[(1..2, "é")]);
        assert_eq!(apply("é", &[&a, &b]), ("é".to_string(), vec![]));
    }
}
