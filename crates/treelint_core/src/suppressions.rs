//! Suppression comments (see the `unused-suppression` rule for the syntax): which findings
//! they silence, and which of them silence nothing.

use crate::diagnostics::{Diagnostic, Span};
use crate::document::Document;
use crate::rules::{unused_suppression_finding, Rule};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    File,
    /// From this line to the matching enable (exclusive), or the end.
    Range { from: usize, to: usize },
    Line(usize),
    /// Outline lines whose node text contains this text.
    Nodes(Vec<usize>),
}

#[derive(Debug)]
struct Suppression {
    span: Span,
    /// Empty: every rule.
    rules: Vec<Rule>,
    unknown: Vec<String>,
    scope: Scope,
    used: bool,
}

/// Drops the findings that a suppression covers and adds an `unused-suppression` finding
/// for each suppression that covered none.
pub fn apply(doc: &Document, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut suppressions = parse(doc);
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let line = doc.lines.line_of(d.span.start);
        let mut silenced = false;
        for s in suppressions.iter_mut() {
            let rule_matches = s.rules.is_empty() || s.rules.contains(&d.rule);
            let place_matches = match &s.scope {
                Scope::File => true,
                Scope::Range { from, to } => *from <= line && line < *to,
                Scope::Line(l) => *l == line,
                Scope::Nodes(lines) => lines.contains(&line),
            };
            if rule_matches && place_matches {
                s.used = true;
                silenced = true;
            }
        }
        if !silenced {
            kept.push(d);
        }
    }
    for s in suppressions.into_iter().filter(|s| !s.used || !s.unknown.is_empty()) {
        let why = if !s.unknown.is_empty() {
            format!("suppression names unknown rule(s): {}", s.unknown.join(", "))
        } else if s.rules.is_empty() {
            "suppression silences no finding".to_string()
        } else {
            let names: Vec<&str> = s.rules.iter().map(|r| r.name()).collect();
            format!("suppression of {} silences no finding", names.join(", "))
        };
        kept.push(unused_suppression_finding(&doc.text, s.span, why));
    }
    kept
}

fn parse(doc: &Document) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = Vec::new();
    for span in &doc.markdown.comments {
        let body = doc.text[span.clone()].trim_start_matches("<!--").trim_end_matches("-->").trim();
        let Some(rest) = body.strip_prefix("treelint-") else { continue };
        let (directive, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let comment_line = doc.lines.line_of(span.start);
        let end_line = doc.lines.line_of(span.end.saturating_sub(1));
        let (scope, args) = match directive {
            "disable-file" => (Scope::File, args),
            "disable" => (Scope::Range { from: end_line + 1, to: usize::MAX }, args),
            "disable-next-line" => (Scope::Line(end_line + 1), args),
            "disable-line" => (Scope::Line(comment_line), args),
            "disable-node" => {
                let (needle, rest) = quoted(args);
                (Scope::Nodes(node_lines(doc, needle)), rest)
            }
            "enable" => {
                close_ranges(&mut out, args, comment_line);
                continue;
            }
            _ => continue,
        };
        let (rules, unknown) = rule_list(args);
        out.push(Suppression { span: span.clone(), rules, unknown, scope, used: false });
    }
    out
}

/// Ends the open `disable` ranges that an `enable` names (all of them when it names none).
fn close_ranges(out: &mut [Suppression], args: &str, line: usize) {
    let (rules, _) = rule_list(args);
    for s in out.iter_mut() {
        if let Scope::Range { to, .. } = &mut s.scope {
            if *to == usize::MAX && (rules.is_empty() || s.rules.iter().any(|r| rules.contains(r)) || s.rules.is_empty()) {
                *to = line;
            }
        }
    }
}

fn rule_list(args: &str) -> (Vec<Rule>, Vec<String>) {
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    for word in args.split([' ', ',', '\t', '\n']).filter(|w| !w.is_empty()) {
        match Rule::lookup(word) {
            Some(r) => rules.push(r),
            None => unknown.push(word.to_string()),
        }
    }
    (rules, unknown)
}

/// `"TEXT" rest` → (TEXT, rest); without quotes the first word is the text.
fn quoted(args: &str) -> (&str, &str) {
    let args = args.trim_start();
    if let Some(rest) = args.strip_prefix('"') {
        if let Some(end) = rest.find('"') {
            return (&rest[..end], &rest[end + 1..]);
        }
    }
    args.split_once(char::is_whitespace).unwrap_or((args, ""))
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
