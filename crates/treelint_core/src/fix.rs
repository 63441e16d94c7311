//! Applying fixes to a document's text.
//!
//! Invariants: [`apply`] never lets two fixes touch the same bytes — a fix is taken whole or
//! not at all, in the order given, and one that conflicts with an earlier one is skipped
//! (the next pass of [`fix_document`] gets another chance at it, on the re-analysed text).
//! Inserted text follows the document's line endings (`\r\n` documents get `\r\n`).
//! [`fix_document`] re-analyses after each pass and stops at a fixed point or after
//! [`MAX_PASSES`], so fixes that keep undoing each other cannot loop forever.

use std::collections::BTreeMap;
use std::path::Path;

use crate::analysis::{Analysis, analyze};
use crate::diagnostics::{Applicability, Fix, Span};
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

/// The result of fixing one document.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text (equal to the input when nothing applied).
    pub text: String,
    /// How many fixes of each rule were applied, over all passes.
    pub fixed: BTreeMap<Rule, usize>,
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

/// Analyses `text` (the file at `path`) and applies its wanted fixes, again and again on
/// the re-analysed text, until none applies.
pub fn fix_document(path: &Path, text: &str, workspace: &Workspace, options: FixOptions) -> FixOutcome {
    let mut text = text.to_string();
    let mut fixed: BTreeMap<Rule, usize> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let analysis = analyze(path, text.clone(), workspace);
        let wanted: Vec<(Rule, &Fix)> = analysis
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref().filter(|f| options.allows(f.applicability)).map(|f| (d.rule, f)))
            .collect();
        let fixes: Vec<&Fix> = wanted.iter().map(|(_, f)| *f).collect();
        let (next, applied) = apply(&text, &fixes);
        if applied.is_empty() || next == text {
            return FixOutcome { text, fixed, analysis, converged: true };
        }
        for i in applied {
            *fixed.entry(wanted[i].0).or_default() += 1;
        }
        text = next;
    }
    let analysis = analyze(path, text.clone(), workspace);
    FixOutcome { text, fixed, analysis, converged: false }
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
    fn invalid_spans_are_skipped_not_panicking() {
        let a = fix(&[(2..99, "x")]);
        let b = fix(&[(1..2, "é")]);
        assert_eq!(apply("é", &[&a, &b]), ("é".to_string(), vec![]));
    }
}
