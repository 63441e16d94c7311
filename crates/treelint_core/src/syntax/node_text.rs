//! The text of a node: `LABEL [→ OUTCOME]`, with its `[Check ID]` label and the kind of its
//! outcome (terminal, jump to a check, jump to another tree, or plain text).

use crate::config::{Config, Marker};
use crate::diagnostics::Span;

/// `[Check ID]` somewhere in a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLabel {
    pub id: String,
    /// From `[` to `]` inclusive.
    pub span: Span,
}

/// What an outcome leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeTarget {
    /// `✅ ROLL BACK`: `text` is what follows the marker.
    Terminal { marker: Marker, text: Span },
    /// `go to [Check 3]`.
    Check(CheckLabel),
    /// `config-change.md`, optionally `#check-2`.
    File { path: String, fragment: Option<String> },
    /// Anything else: an unmarked outcome.
    Text,
}

/// The part of a node's text after the arrow (or the whole text when it starts with a marker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub span: Span,
    pub target: OutcomeTarget,
}

/// A node's text, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeText {
    /// The text before the arrow, trimmed (and without a dash leader).
    pub label: Span,
    pub check: Option<CheckLabel>,
    pub arrow: Option<Span>,
    pub outcome: Option<Outcome>,
}

const ARROWS: [&str; 4] = ["-->", "->", "=>", "→"];
const JUMP_WORDS: [&str; 5] = ["go to ", "goto ", "jump to ", "continue at ", "see "];

impl NodeText {
    /// Splits `span` of `text` (a node's text after its glyph).
    pub fn parse(text: &str, span: Span, config: &Config) -> NodeText {
        NodeText::parse_in(text, span, config, true)
    }

    /// Splits `span` of `text`; a file name after the arrow is a jump to another tree only
    /// when `files` (in a tree document: in an embedded tree it is outcome text).
    pub fn parse_in(text: &str, span: Span, config: &Config, files: bool) -> NodeText {
        let s = &text[span.clone()];
        let base = span.start;
        let arrow = find_arrow(s);
        let label_end = match &arrow {
            Some(a) => s[..a.start].trim_end_matches(['-', '─', '━', ' ', '\t']).len(),
            None => s.len(),
        };
        // A yes or a no before a colon is an answer, and what follows is its outcome or
        // its question, as after an arrow (`├── YES: Does an MCP server exist?`).
        let colon = if arrow.is_none() { yes_no_colon(s) } else { None };
        let label = match &colon {
            Some((l, _)) => strip_emphasis(text, base + l.start..base + l.end),
            None => strip_emphasis(text, base..base + label_end),
        };
        let check = find_check_label(text, label.clone());
        if let Some((_, rest)) = colon {
            let outcome = classify_outcome(text, base + rest.start..base + rest.end, config, files, true);
            return NodeText { label, check, arrow: None, outcome: Some(outcome) };
        }
        let outcome = match &arrow {
            Some(a) => {
                let rest = &s[a.end..];
                let lead = rest.len() - rest.trim_start().len();
                let start = base + a.end + lead;
                let end = base + a.end + rest.trim_end().len();
                Some(classify_outcome(text, start..end.max(start), config, files, true))
            }
            // A label that is itself an outcome: `├── ✅ ROLL BACK`, `└── go to [Check 3]`
            // (a file name alone is not: it needs the arrow).
            None => {
                let o = classify_outcome(text, label.clone(), config, false, false);
                (!matches!(o.target, OutcomeTarget::Text)).then_some(o)
            }
        };
        NodeText { label, check, arrow: arrow.map(|a| base + a.start..base + a.end), outcome }
    }

    /// A label that asks something: it has a check label or ends in `?`, before any
    /// trailing parenthetical.
    pub fn is_question(&self, text: &str) -> bool {
        self.check.is_some() || is_question_text(&text[self.label.clone()])
    }
}

/// For `YES: text` (`**No**: text`, `是：text`, `Sí (en producción): text`): the label and
/// the text after the colon, trimmed (relative to `s`). Only a yes or a no stands
/// before the colon (a single Latin letter does not: `Y: the vertical axis`), so `Term: definition`
/// stays one label.
fn yes_no_colon(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let colon = s.find([':', '：'])?;
    let before = &s[..colon];
    let word = strip_parentheticals(before.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`')));
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric()).trim_end();
    let lower = word.to_lowercase();
    if (word.len() == 1 && word.is_ascii()) || !YES_NO.contains(&lower.as_str()) {
        return None;
    }
    let after = colon + s[colon..].chars().next().map_or(1, char::len_utf8);
    // `**YES:** text`: the emphasis closing after the colon belongs to the label.
    let rest = &s[after..];
    let skip = rest.len() - rest.trim_start_matches(['*', '_', '`']).len();
    let rest = &rest[skip..];
    let lead = rest.len() - rest.trim_start().len();
    let body = rest.trim();
    if body.is_empty() {
        return None;
    }
    let start = after + skip + lead;
    // With the emphasis closing after the colon, its opening is not part of the label either.
    let open = if skip > 0 { before.len() - before.trim_start_matches(['*', '_', '`']).len() } else { 0 };
    Some((open..before.trim_end().len(), start..start + body.len()))
}

/// Whether a text asks something: it ends in `?` or `？`, before any trailing parenthetical
/// and emphasis (`**Is it up?**`).
pub fn is_question_text(s: &str) -> bool {
    strip_parentheticals(s.trim_end().trim_end_matches(['*', '_', '`'])).ends_with(['?', '？'])
}

/// Emphasis or code wrapping a whole label (`**YES**`, `` `No` ``, `_maybe_`) is not part of
/// it: the span without the markers.
fn strip_emphasis(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    for marker in ["**", "__", "`", "*", "_"] {
        if s.len() > 2 * marker.len() && s.starts_with(marker) && s.ends_with(marker) {
            let inner = &s[marker.len()..s.len() - marker.len()];
            if !inner.contains(marker) && !inner.starts_with(' ') && !inner.ends_with(' ') {
                return span.start + marker.len()..span.end - marker.len();
            }
        }
    }
    span
}

/// Yes and no in the languages trees are written in (compared lower-cased).
const YES_NO: [&str; 40] = [
    "yes",
    "no",
    "y",
    "n",
    "true",
    "false",
    "sí",
    "si",
    "oui",
    "non",
    "ja",
    "nein",
    "sim",
    "não",
    "nao",
    "да",
    "нет",
    "是",
    "否",
    "是的",
    "不是",
    "有",
    "没有",
    "沒有",
    "无",
    "無",
    "对",
    "不对",
    "可以",
    "不可以",
    "会",
    "不会",
    "はい",
    "いいえ",
    "ある",
    "ない",
    "예",
    "아니오",
    "아니요",
    "네",
];

/// The label's first word, when it is a yes or a no in some language (`YES (prod down)`,
/// `**No**: …`, `是（已上线）`, `예:`).
pub fn starts_with_yes_no(s: &str) -> bool {
    // Emphasis, code and decoration before the word (`**Yes**`, `✅ Yes`, `(a) No`) do not count.
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word = s
        .split(|c: char| {
            c.is_whitespace()
                || matches!(c, ',' | ':' | '：' | '，' | '、' | '(' | '（' | '*' | '_' | '`' | '.' | '。' | '-' | '→')
        })
        .next()
        .unwrap_or("");
    !word.is_empty() && YES_NO.contains(&word.to_lowercase().as_str())
}

fn find_arrow(s: &str) -> Option<std::ops::Range<usize>> {
    // Every arrow starts with `-`, `=` or the lead byte of `→` (0xE2), all of which are char
    // boundaries: only those bytes are tried, in order, found by memchr.
    memchr::memchr3_iter(b'-', b'=', 0xE2, s.as_bytes())
        .find_map(|i| ARROWS.iter().find(|a| s[i..].starts_with(**a)).map(|a| i..i + a.len()))
}

/// Removes trailing `( … )` groups (fullwidth `（…）` too): `Is it safe? (no migration)` →
/// `Is it safe?`.
pub fn strip_parentheticals(s: &str) -> &str {
    let mut s = s.trim_end();
    while s.ends_with([')', '）']) {
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in s.char_indices().rev() {
            match c {
                ')' | '）' => depth += 1,
                '(' | '（' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open {
            Some(i) => s = s[..i].trim_end(),
            None => break,
        }
    }
    s
}

/// The first `[Check ID]` within `span` of `text`.
pub fn find_check_label(text: &str, span: Span) -> Option<CheckLabel> {
    let s = &text[span.clone()];
    let mut from = 0;
    while let Some(open) = s[from..].find('[') {
        let start = from + open;
        if let Some(label) = check_label_at(&s[start..]) {
            let (id, len) = label;
            return Some(CheckLabel { id, span: span.start + start..span.start + start + len });
        }
        from = start + 1;
    }
    None
}

/// `[Check ID]` at the start of `s`: the ID and the label's byte length.
fn check_label_at(s: &str) -> Option<(String, usize)> {
    let rest = s.strip_prefix('[')?;
    let word = rest.get(..5)?;
    if !word.eq_ignore_ascii_case("check") {
        return None;
    }
    let after = &rest[5..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    if spaces == 0 {
        return None;
    }
    let id_part = &after[spaces..];
    let id_len =
        id_part.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))).unwrap_or(id_part.len());
    if id_len == 0 || !id_part[id_len..].starts_with(']') {
        return None;
    }
    Some((id_part[..id_len].to_string(), 1 + 5 + spaces + id_len + 1))
}

/// What the outcome at `span` leads to; a file target only when `files` (every node's
/// label is classified, and most are plain questions and answers).
fn classify_outcome(text: &str, span: Span, config: &Config, files: bool, after_arrow: bool) -> Outcome {
    let s = &text[span.clone()];
    if let Some((marker, len)) = config.marker_at_start(s) {
        let rest = &s[len..];
        let lead = rest.len() - rest.trim_start().len();
        let start = span.start + len + lead;
        return Outcome {
            target: OutcomeTarget::Terminal { marker: marker.clone(), text: start..span.end.max(start) },
            span,
        };
    }
    // A marker at the end of the outcome (`→ Use Fargate ✅`), as some authors write it;
    // only after an arrow: at the end of a bare label it is decoration (`├── Yes ✅`).
    if let Some((marker, at)) = config.marker_at_end(s).filter(|_| after_arrow) {
        let end = span.start + s[..at].trim_end().len();
        return Outcome { target: OutcomeTarget::Terminal { marker: marker.clone(), text: span.start..end }, span };
    }
    let mut body = s;
    let mut skipped = 0;
    // Only the jump words a text starts like are tried (most labels start like none).
    let first = s.as_bytes().first().map(u8::to_ascii_lowercase);
    for word in JUMP_WORDS.iter().filter(|w| Some(w.as_bytes()[0]) == first) {
        if body.len() >= word.len()
            && body.is_char_boundary(word.len())
            && body[..word.len()].eq_ignore_ascii_case(word)
        {
            skipped = word.len() + (body[word.len()..].len() - body[word.len()..].trim_start().len());
            body = body[word.len()..].trim_start();
            break;
        }
    }
    let at = span.start + skipped;
    if body.starts_with('[') {
        if let Some((id, len)) = check_label_at(body) {
            let tail = strip_parentheticals(&body[len..]);
            if tail.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).is_empty() {
                return Outcome { target: OutcomeTarget::Check(CheckLabel { id, span: at..at + len }), span };
            }
        }
    }
    if let Some((path, fragment)) = files.then(|| file_target(body)).flatten() {
        return Outcome { target: OutcomeTarget::File { path, fragment }, span };
    }
    Outcome { target: OutcomeTarget::Text, span }
}

/// `config-change.md`, `` `x.md#check-2` `` or `[title](x.md)` at the start of `s`.
fn file_target(s: &str) -> Option<(String, Option<String>)> {
    let token = if let Some(rest) = s.strip_prefix('[') {
        let close = rest.find("](")?;
        let dest = &rest[close + 2..];
        &dest[..dest.find(')')?]
    } else {
        s.split_whitespace().next()?.trim_matches('`')
    };
    let token = token.trim_end_matches([',', '.', ';', ')']);
    let (path, fragment) = token.split_once('#').unwrap_or((token, ""));
    let has_suffix = |suffix: &str| {
        path.len() >= suffix.len()
            && path.as_bytes()[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    (has_suffix(".md") || has_suffix(".markdown"))
        .then(|| (path.to_string(), token.contains('#').then(|| fragment.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> NodeText {
        NodeText::parse(s, 0..s.len(), &Config::default())
    }

    /// (label, outcome text) as written.
    fn split(s: &str) -> (&str, Option<&str>) {
        let n = parse(s);
        (&s[n.label.clone()], n.outcome.map(|o| &s[o.span]))
    }

    #[test]
    fn a_yes_or_no_before_a_colon_is_an_answer_as_before_an_arrow() {
        assert_eq!(split("YES: Does an MCP server exist?"), ("YES", Some("Does an MCP server exist?")));
        assert_eq!(split("NO: Monitor, likely transient"), ("NO", Some("Monitor, likely transient")));
        assert_eq!(split("**No**: keep the cache"), ("No", Some("keep the cache")));
        assert_eq!(split("**Yes:** roll back"), ("Yes", Some("roll back")));
        assert_eq!(split("是：回滚"), ("是", Some("回滚")));
        assert_eq!(split("Sí (en producción): revertir"), ("Sí (en producción)", Some("revertir")));
        let n = parse("YES: ✅ Use the MCP server");
        assert!(matches!(n.outcome.map(|o| o.target), Some(OutcomeTarget::Terminal { .. })));
    }

    #[test]
    fn a_term_and_its_definition_stay_one_label() {
        assert_eq!(split("Cache: keeps hot rows in memory"), ("Cache: keeps hot rows in memory", None));
        assert_eq!(split("Y: the vertical axis"), ("Y: the vertical axis", None), "a single letter is no answer");
        assert_eq!(split("Yes:"), ("Yes:", None), "nothing after the colon");
        assert_eq!(split("Note: yes, this too"), ("Note: yes, this too", None));
    }

    #[test]
    fn splits_label_and_terminal() {
        let s = "YES + hotfix deploy < 15 min → ✅ FIX FORWARD (hotfix path)";
        let n = parse(s);
        assert_eq!(&s[n.label.clone()], "YES + hotfix deploy < 15 min");
        let Some(Outcome { target: OutcomeTarget::Terminal { marker, text }, .. }) = n.outcome else { panic!() };
        assert_eq!(marker.symbol, "✅");
        assert_eq!(&s[text], "FIX FORWARD (hotfix path)");
    }

    #[test]
    fn warning_marker_with_variation_selector() {
        let s = "NO → ⚠️ ESCALATE — neither path is safe alone";
        let Some(Outcome { target: OutcomeTarget::Terminal { text, .. }, .. }) = parse(s).outcome else { panic!() };
        assert_eq!(&s[text], "ESCALATE — neither path is safe alone");
    }

    #[test]
    fn check_labels_anywhere_and_questions() {
        let s = "[Check 2b] Is rollback safe? (no DB migration ran)";
        let n = parse(s);
        assert_eq!(n.check.as_ref().unwrap().id, "2b");
        assert!(n.is_question(s));
        let s = "Is migration purely additive (new column, new table)?";
        assert!(parse(s).is_question(s));
        let s = "YES (production down, error rate > 50%)";
        assert!(!parse(s).is_question(s));
        assert!(parse(s).outcome.is_none());
    }

    #[test]
    fn jumps_to_checks_and_files() {
        let s = "NO → go to [Check 3]";
        assert!(
            matches!(parse(s).outcome, Some(Outcome { target: OutcomeTarget::Check(CheckLabel { ref id, .. }), .. }) if id == "3")
        );
        let s = "Config → config-change.md#check-2";
        let Some(Outcome { target: OutcomeTarget::File { path, fragment }, .. }) = parse(s).outcome else { panic!() };
        assert_eq!((path.as_str(), fragment.as_deref()), ("config-change.md", Some("check-2")));
    }

    #[test]
    fn arrows_and_leaders() {
        for s in
            ["Ready? ──────→ ✅ GO", "Ready? -> ✅ GO", "Ready? => ✅ GO", "Ready? ------> ✅ GO", "Ready? --> ✅ GO"]
        {
            let n = parse(s);
            assert_eq!(&s[n.label.clone()], "Ready?", "{s}");
            assert!(matches!(n.outcome, Some(Outcome { target: OutcomeTarget::Terminal { .. }, .. })), "{s}");
        }
    }

    #[test]
    fn unmarked_outcome_is_text() {
        let s = "NO (stable) → attempt fix forward with timer";
        assert!(matches!(parse(s).outcome, Some(Outcome { target: OutcomeTarget::Text, .. })));
    }
}
