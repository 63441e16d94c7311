//! Terminal → action resolution (FORMAT.md §3).
//!
//! A terminal links to the Terminal Actions section of the same marker whose title it
//! matches best. Titles are reduced to their meaningful words (case, emoji, punctuation,
//! trailing parentheticals and filler words dropped) and compared with the Dice coefficient;
//! a match needs [`THRESHOLD`] and a unique best. An author makes the link explicit with a
//! trailing `#anchor`: `✅ ROLL BACK #roll-back-immediately`, where the anchor is the
//! action's `{#id}` or the slug of its title.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use crate::model::{Model, NodeKind};
use crate::syntax::node_text::OutcomeTarget;
use crate::syntax::sections::{normalized_words, ActionSection};

/// The least Dice similarity of two titles that counts as a match.
pub const THRESHOLD: f64 = 0.5;

/// Where a terminal leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// The index of its action section; `explicit` when linked by `#anchor`.
    Action { index: usize, explicit: bool },
    /// An explicit `#anchor` that no action has.
    UnknownAnchor(String),
    /// Several actions match equally well (their indices).
    Ambiguous(Vec<usize>),
    /// No action of its marker matches; the best candidate, if any, and its score.
    Unresolved(Option<(usize, f64)>),
}

/// Resolves every terminal of the model.
pub fn resolve_terminals(text: &str, model: &Model, actions: &[ActionSection]) -> HashMap<NodeIndex, Resolution> {
    let titles: Vec<Vec<String>> = actions.iter().map(|a| normalized_words(&a.title)).collect();
    model
        .nodes()
        .filter(|(_, node)| node.kind == NodeKind::Terminal)
        .filter_map(|(n, node)| {
            let Some(OutcomeTarget::Terminal { marker, text: span }) = node.outcome.as_ref().map(|o| &o.target) else {
                return None;
            };
            let terminal = &text[span.clone()];
            if let Some(anchor) = explicit_anchor(terminal) {
                let found = actions.iter().position(|a| a.anchor.eq_ignore_ascii_case(anchor));
                return Some((
                    n,
                    match found {
                        Some(index) => Resolution::Action { index, explicit: true },
                        None => Resolution::UnknownAnchor(anchor.to_string()),
                    },
                ));
            }
            let words = normalized_words(terminal);
            let mut scored: Vec<(usize, f64)> = actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.marker.symbol == marker.symbol)
                .map(|(i, _)| (i, dice(&words, &titles[i])))
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
            let resolution = match scored.as_slice() {
                [(best, score), rest @ ..] if *score >= THRESHOLD => {
                    let ties: Vec<usize> = rest.iter().filter(|(_, s)| s == score).map(|(i, _)| *i).collect();
                    if ties.is_empty() {
                        Resolution::Action { index: *best, explicit: false }
                    } else {
                        Resolution::Ambiguous(std::iter::once(*best).chain(ties).collect())
                    }
                }
                [best, ..] => Resolution::Unresolved(Some(*best)),
                [] => Resolution::Unresolved(None),
            };
            Some((n, resolution))
        })
        .collect()
}

/// A trailing `#anchor` word of a terminal's text.
pub fn explicit_anchor(terminal: &str) -> Option<&str> {
    let last = terminal.split_whitespace().last()?;
    let anchor = last.strip_prefix('#')?;
    (!anchor.is_empty()).then_some(anchor)
}

/// Dice coefficient of two word lists: 2·|common| / (|a| + |b|).
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}
