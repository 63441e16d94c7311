//! Suppression comments (see the `unused-suppression` rule for the syntax): which findings
//! they silence, and which of them — or which of the rules they name — silence nothing.
//!
//! Invariants:
//! - A comment that names no rule covers every rule; one that names only unknown rules
//!   covers none (a typo must not silence everything).
//! - Every rule a comment names is tracked on its own: a name that silenced nothing is
//!   reported, and its fix deletes that name only. The fix deletes the whole comment only
//!   when nothing in it is used, so applying it never brings a silenced finding back.
//! - `treelint-enable RULE` ends the suppression of RULE only; a `treelint-disable` of
//!   every rule stays in force for the others.

use crate::diagnostics::{Applicability, Diagnostic, Edit, Fix, Intent, Span};
use crate::document::Document;
use crate::rules::{Rule, unused_suppression_finding};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    File,
    /// From line `from` to the end of the document, except where `enable` ended it.
    Range {
        from: usize,
    },
    Line(usize),
    /// Outline lines whose node text contains the quoted text.
    Nodes {
        needle: String,
        lines: Vec<usize>,
    },
}

/// One rule named by a comment (or every rule, for a comment that names none).
#[derive(Debug)]
struct Entry {
    /// `None`: every rule.
    rule: Option<Rule>,
    /// Where the name stands in the comment (none for "every rule").
    name: Option<Span>,
    /// For a range: the line where `enable` ended it, else `usize::MAX`.
    to: usize,
    /// For "every rule" ranges: rules re-enabled from a line on.
    reenabled: Vec<(Rule, usize)>,
    used: bool,
}

impl Entry {
    fn covers(&self, rule: Rule, line: usize) -> bool {
        match self.rule {
            Some(r) => r == rule && line < self.to,
            None => line < self.to && !self.reenabled.iter().any(|&(r, from)| r == rule && line >= from),
        }
    }
}

#[derive(Debug)]
struct Suppression {
    span: Span,
    entries: Vec<Entry>,
    /// Names that are no rule, with where they stand.
    unknown: Unknown,
    scope: Scope,
}

/// Drops the findings that a suppression covers and adds an `unused-suppression` finding
/// for each suppression (or named rule) that covered none, and for each unknown name.
pub fn apply(doc: &Document, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut suppressions = parse(doc);
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let line = doc.lines.line_of(d.span.start);
        let mut silenced = false;
        for s in suppressions.iter_mut() {
            let place_matches = match &s.scope {
                Scope::File | Scope::Range { .. } => true,
                Scope::Line(l) => *l == line,
                Scope::Nodes { lines, .. } => lines.contains(&line),
            };
            if let Scope::Range { from } = s.scope {
                if line < from {
                    continue;
                }
            }
            if !place_matches {
                continue;
            }
            for e in s.entries.iter_mut().filter(|e| e.covers(d.rule, line)) {
                e.used = true;
                silenced = true;
            }
        }
        if !silenced {
            kept.push(d);
        }
    }
    for s in &suppressions {
        report_unused(doc, s, &mut kept);
    }
    kept
}

fn report_unused(doc: &Document, s: &Suppression, out: &mut Vec<Diagnostic>) {
    let any_used = s.entries.iter().any(|e| e.used);
    let unused: Vec<&Entry> = s.entries.iter().filter(|e| !e.used).collect();
    if !any_used {
        // Nothing in the comment does anything: one finding, deleting the whole comment.
        let why = if !s.unknown.is_empty() && s.entries.is_empty() {
            format!("suppression names unknown rule(s): {}", names(&s.unknown))
        } else if let Scope::Nodes { needle, lines } = &s.scope {
            if lines.is_empty() {
                format!("no outline node contains \"{needle}\"")
            } else {
                format!("suppression of {} silences no finding", entry_names(&unused))
            }
        } else if s.entries.iter().all(|e| e.rule.is_none()) {
            "suppression silences no finding".to_string()
        } else {
            format!("suppression of {} silences no finding", entry_names(&unused))
        };
        let mut d = unused_suppression_finding(&doc.text, s.span.clone(), why);
        if !s.unknown.is_empty() && !s.entries.is_empty() {
            d.message.push_str(&format!("; unknown rule(s): {}", names(&s.unknown)));
        }
        out.push(d);
        return;
    }
    // Part of the comment works: report each dead name, and fix by deleting just it.
    for e in unused {
        let (Some(rule), Some(span)) = (e.rule, &e.name) else { continue };
        out.push(name_finding(doc, span.clone(), format!("suppression of {} silences no finding", rule.name())));
    }
    for (name, span) in &s.unknown {
        out.push(name_finding(doc, span.clone(), format!("suppression names unknown rule `{name}`")));
    }
}

/// A finding on one name inside a comment, whose fix deletes the name and the separator
/// before it.
fn name_finding(doc: &Document, name: Span, why: String) -> Diagnostic {
    let before = doc.text[..name.start].trim_end_matches([' ', '\t', ',']).len();
    let delete = before..name.end;
    let mut d = unused_suppression_finding(&doc.text, name, why);
    d.fix = Some(Fix {
        title: "Remove the rule name from the suppression".into(),
        applicability: Applicability::Safe,
        edits: vec![Edit { span: delete, text: String::new() }],
        intent: Intent::Nothing,
    });
    d
}

fn names(unknown: &[(String, Span)]) -> String {
    unknown.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")
}

fn entry_names(entries: &[&Entry]) -> String {
    entries.iter().filter_map(|e| e.rule.map(|r| r.name())).collect::<Vec<_>>().join(", ")
}

fn parse(doc: &Document) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = Vec::new();
    for span in &doc.markdown.comments {
        let raw = &doc.text[span.clone()];
        let inner_start = span.start + raw.find("<!--").map_or(0, |i| i + 4);
        let inner_end = span.start + raw.rfind("-->").unwrap_or(raw.len());
        let inner = &doc.text[inner_start..inner_end.max(inner_start)];
        let body = inner.trim_start();
        let body_start = inner_start + (inner.len() - body.len());
        let Some(rest) = body.strip_prefix("treelint-") else { continue };
        let rest_start = body_start + "treelint-".len();
        let directive_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let directive = &rest[..directive_len];
        let args_start = rest_start + directive_len;
        let comment_line = doc.lines.line_of(span.start);
        let end_line = doc.lines.line_of(span.end.saturating_sub(1));
        let (scope, args_start) = match directive {
            "disable-file" => (Scope::File, args_start),
            "disable" => (Scope::Range { from: end_line + 1 }, args_start),
            "disable-next-line" => (Scope::Line(end_line + 1), args_start),
            "disable-line" => (Scope::Line(comment_line), args_start),
            "disable-node" => {
                let (needle, after) = quoted(&doc.text[args_start..inner_end.max(args_start)]);
                let lines = node_lines(doc, needle);
                (Scope::Nodes { needle: needle.to_string(), lines }, args_start + after)
            }
            "enable" => {
                let (rules, _) = rule_list(&doc.text, args_start..inner_end.max(args_start));
                close_ranges(&mut out, &rules, comment_line);
                continue;
            }
            _ => continue,
        };
        let (rules, unknown) = rule_list(&doc.text, args_start..inner_end.max(args_start));
        let to = usize::MAX;
        let entries = if rules.is_empty() && unknown.is_empty() {
            vec![Entry { rule: None, name: None, to, reenabled: Vec::new(), used: false }]
        } else {
            rules
                .into_iter()
                .map(|(r, name)| Entry { rule: Some(r), name: Some(name), to, reenabled: Vec::new(), used: false })
                .collect()
        };
        out.push(Suppression { span: span.clone(), entries, unknown, scope });
    }
    out
}

/// Ends, at `line`, the open `disable` ranges of the rules an `enable` names (of every
/// rule when it names none).
fn close_ranges(out: &mut [Suppression], rules: &[(Rule, Span)], line: usize) {
    for s in out.iter_mut().filter(|s| matches!(s.scope, Scope::Range { .. })) {
        for e in s.entries.iter_mut().filter(|e| e.to == usize::MAX) {
            match (e.rule, rules.is_empty()) {
                (_, true) => e.to = line,
                (Some(r), false) if rules.iter().any(|(x, _)| *x == r) => e.to = line,
                (None, false) => e.reenabled.extend(rules.iter().map(|(r, _)| (*r, line))),
                _ => {}
            }
        }
    }
}

/// Rules named in a comment, each with where its name stands.
type Named = Vec<(Rule, Span)>;
/// Words of a comment that name no rule, with where they stand.
type Unknown = Vec<(String, Span)>;

/// The rule names in `span` of `text`, and the words that name no rule.
fn rule_list(text: &str, span: Span) -> (Named, Unknown) {
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    let args = &text[span.clone()];
    let mut at = 0;
    for word in args.split([' ', ',', '\t', '\n', '\r']) {
        let word_span = span.start + at..span.start + at + word.len();
        at += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        match Rule::lookup(word) {
            Some(r) => rules.push((r, word_span)),
            None => unknown.push((word.to_string(), word_span)),
        }
    }
    (rules, unknown)
}

/// `"TEXT" rest` → (TEXT, offset of rest); without quotes the first word is the text.
fn quoted(args: &str) -> (&str, usize) {
    let trimmed = args.trim_start();
    let lead = args.len() - trimmed.len();
    if let Some(rest) = trimmed.strip_prefix('"') {
        if let Some(end) = rest.find('"') {
            return (&rest[..end], lead + 1 + end + 1);
        }
    }
    let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    (&trimmed[..end], lead + end)
}

fn node_lines(doc: &Document, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    doc.model
        .nodes()
        .filter(|(_, n)| doc.text[n.text.clone()].contains(needle))
        .map(|(_, n)| doc.lines.line_of(n.line.start))
        .collect()
}
