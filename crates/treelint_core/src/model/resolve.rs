//! Terminal → action resolution (FORMAT.md §3).
//!
//! A terminal links to the Terminal Actions section of the same marker whose title it
//! matches best. Titles are reduced to their meaningful words (case, emoji, punctuation,
//! trailing parentheticals and filler words dropped) and compared with the Dice coefficient;
//! a match needs [`THRESHOLD`] and a unique best. An author makes the link explicit with a
//! trailing `#anchor`: `✅ ROLL BACK #roll-back-immediately`, where the anchor is the
//! action's `{#id}` or the slug of its title.

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use petgraph::graph::NodeIndex;

use crate::model::{Model, NodeKind};
use crate::syntax::node_text::OutcomeTarget;
use crate::syntax::sections::{ActionSection, Words};

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
pub fn resolve_terminals(text: &str, model: &Model, actions: &[ActionSection]) -> FxHashMap<NodeIndex, Resolution> {
    let titles: Vec<Words> = actions.iter().map(|a| Words::of(&a.title)).collect();
    // Indexes, so that resolving is linear in practice rather than terminals × actions
    // (a 5,000-check tree has thousands of each): explicit anchors by lower-cased anchor
    // (first action wins, as a scan would find it), the first action of each marker, and
    // for each word the actions whose title holds it (once per action), so a terminal is
    // scored only against the actions it shares a word with. Every other action scores 0.
    let mut by_anchor: Option<FxHashMap<String, usize>> = None;
    let mut first_of_marker: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, action) in actions.iter().enumerate() {
        first_of_marker.entry(action.marker.symbol.as_str()).or_insert(i);
    }
    // Keyed by (marker, word): only actions of the terminal's own marker are candidates.
    // Built when a terminal first needs it: in most documents every terminal names its
    // action's title, and the lookup below answers them all.
    let mut postings: Option<FxHashMap<(&str, &str), Vec<usize>>> = None;
    // Titles whose words all differ, by the signature of their word set. A terminal whose
    // words all differ scores 1 (the most there is) exactly against the titles of its
    // marker with the same set of words (2·common = |terminal| + |title| forces equal
    // sets), so a terminal that names its action's title, the usual case, is resolved by
    // a binary search instead of a walk over the postings of its words, which are long for
    // words many titles share ("restart"). Sorted by (signature, index), allocation-free.
    let mut exact: Vec<(u64, usize)> =
        titles.iter().enumerate().filter_map(|(i, t)| Some((set_signature(t)?, i))).collect();
    exact.sort_unstable();
    // Shared words per action for the terminal being scored; reset after each terminal.
    let mut common = vec![0usize; actions.len()];
    let mut touched: Vec<usize> = Vec::new();
    model
        .nodes()
        .filter(|(_, node)| node.kind == NodeKind::Terminal)
        .filter_map(|(n, node)| {
            let Some(OutcomeTarget::Terminal { marker, text: span }) = node.outcome.as_ref().map(|o| &o.target) else {
                return None;
            };
            let terminal = &text[span.clone()];
            if let Some(anchor) = explicit_anchor(terminal) {
                let by_anchor = by_anchor.get_or_insert_with(|| {
                    let mut index = FxHashMap::default();
                    for (i, action) in actions.iter().enumerate() {
                        index.entry(action.anchor().to_ascii_lowercase()).or_insert(i);
                    }
                    index
                });
                let found = by_anchor.get(&anchor.to_ascii_lowercase()).copied();
                return Some((
                    n,
                    match found {
                        Some(index) => Resolution::Action { index, explicit: true },
                        None => Resolution::UnknownAnchor(anchor.to_string()),
                    },
                ));
            }
            let words = Words::of(terminal);
            let symbol = marker.symbol.as_str();
            if let Some(signature) = set_signature(&words) {
                let first = exact.partition_point(|&(s, _)| s < signature);
                // In index order: the lowest wins, as below; more than one is a tie at 1.
                let same: Vec<usize> = exact[first..]
                    .iter()
                    .take_while(|&&(s, _)| s == signature)
                    .map(|&(_, i)| i)
                    .filter(|&i| actions[i].marker.symbol == symbol && same_set(&titles[i], &words))
                    .collect();
                match same.as_slice() {
                    [] => {}
                    [index] => return Some((n, Resolution::Action { index: *index, explicit: false })),
                    _ => return Some((n, Resolution::Ambiguous(same))),
                }
            }
            let postings = postings.get_or_insert_with(|| {
                let mut postings: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
                for (i, action) in actions.iter().enumerate() {
                    for w in titles[i].iter() {
                        let list = postings.entry((action.marker.symbol.as_str(), w)).or_default();
                        // Each action once per word, however often its title repeats it.
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
                postings
            });
            for w in words.iter() {
                for &i in postings.get(&(symbol, w)).map_or(&[][..], Vec::as_slice) {
                    if common[i] == 0 {
                        touched.push(i);
                    }
                    common[i] += 1;
                }
            }
            // The same choice as sorting every action of the marker by score (stable, so the
            // lowest index wins a tie) and taking the first: the best candidate, or with no
            // candidate the marker's first action at 0.
            let score = |i: usize| dice_from_common(common[i], words.len(), titles[i].len());
            let mut best: Option<(usize, f64)> = None;
            for &i in &touched {
                let s = score(i);
                if best.is_none_or(|(b, bs)| s > bs || (s == bs && i < b)) {
                    best = Some((i, s));
                }
            }
            let tied: Vec<usize> = match best {
                Some((_, bs)) if bs >= THRESHOLD => {
                    let mut tied: Vec<usize> = touched.iter().copied().filter(|&i| score(i) == bs).collect();
                    tied.sort_unstable();
                    tied
                }
                _ => Vec::new(),
            };
            for &i in &touched {
                common[i] = 0;
            }
            touched.clear();
            let resolution = match best {
                Some((index, score)) if score >= THRESHOLD => {
                    if tied.len() == 1 {
                        Resolution::Action { index, explicit: false }
                    } else {
                        Resolution::Ambiguous(tied)
                    }
                }
                Some(best) => Resolution::Unresolved(Some(best)),
                None => Resolution::Unresolved(first_of_marker.get(marker.symbol.as_str()).map(|&i| (i, 0.0))),
            };
            Some((n, resolution))
        })
        .collect()
}

/// A hash of the set of words, when there are some and no two are the same: equal sets
/// have equal signatures, whatever the order (a sum of the words' hashes).
fn set_signature(words: &Words) -> Option<u64> {
    let distinct = if words.len() <= SHORT {
        words.iter().enumerate().all(|(k, w)| words.iter().take(k).all(|v| v != w))
    } else {
        sorted(words).windows(2).all(|p| p[0] != p[1])
    };
    (!words.is_empty() && distinct)
        .then(|| words.iter().map(|w| rustc_hash::FxBuildHasher.hash_one(w)).fold(0u64, u64::wrapping_add))
}

/// Whether two word lists without repeats hold the same words (a signature can collide).
fn same_set(a: &Words, b: &Words) -> bool {
    a.len() == b.len()
        && if a.len() <= SHORT { a.iter().all(|w| b.iter().any(|v| v == w)) } else { sorted(a) == sorted(b) }
}

/// Up to this many words, pairwise comparison beats sorting (titles have a handful); past
/// it (a hostile megabyte-long line) sorting keeps the work n·log n.
const SHORT: usize = 16;

fn sorted(words: &Words) -> Vec<&str> {
    let mut sorted: Vec<&str> = words.iter().collect();
    sorted.sort_unstable();
    sorted
}

/// A trailing `#anchor` word of a terminal's text.
pub fn explicit_anchor(terminal: &str) -> Option<&str> {
    let last = terminal.split_whitespace().last()?;
    let anchor = last.strip_prefix('#')?;
    (!anchor.is_empty()).then_some(anchor)
}

/// Dice coefficient of two word lists: 2·|common| / (|a| + |b|), where `common` counts the
/// words of `a` that `b` holds. Zero when either list is empty.
fn dice_from_common(common: usize, a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    2.0 * common as f64 / (a + b) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Words {
        Words::of(s)
    }

    #[test]
    fn word_sets_match_in_any_order_short_and_long() {
        let long: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut reversed = long.clone();
        reversed.reverse();
        for (a, b) in [("roll back db", "db roll back"), (long.join(" ").as_str(), reversed.join(" ").as_str())] {
            let (a, b) = (words(a), words(b));
            assert_eq!(set_signature(&a), set_signature(&b));
            assert!(set_signature(&a).is_some());
            assert!(same_set(&a, &b));
        }
        // One word different: a different set.
        let mut other = long.clone();
        other[7] = "x".into();
        assert!(!same_set(&words(&long.join(" ")), &words(&other.join(" "))));
        assert!(!same_set(&words("roll back db"), &words("roll back page")));
    }

    #[test]
    fn a_repeated_word_has_no_set_signature() {
        assert_eq!(set_signature(&words("roll back page roll")), None);
        let mut long: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        long.push("w3".into());
        assert_eq!(set_signature(&words(&long.join(" "))), None);
        assert_eq!(set_signature(&words("the of (x)")), None, "no words at all");
    }
}
