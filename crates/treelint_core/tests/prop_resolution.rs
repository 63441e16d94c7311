//! Terminal → action resolution is indexed (by marker and word) so that it stays linear on
//! large trees; this checks it against the plain definition (FORMAT.md §3: score every
//! action of the terminal's marker with the Dice coefficient of their normalised words,
//! take the unique best at or above the threshold) on random documents whose titles share
//! words often, so that ties, near misses and repeated words are common.

use rustc_hash::FxHashMap;

use petgraph::graph::NodeIndex;
use proptest::prelude::*;
use treelint_core::model::{NodeKind, Resolution};
use treelint_core::syntax::node_text::OutcomeTarget;
use treelint_core::syntax::sections::normalized_words;
use treelint_core::{Config, Document};

/// The least Dice score of a match (FORMAT.md §3; `model::resolve::THRESHOLD`).
const THRESHOLD: f64 = 0.5;

/// A trailing `#anchor` word: an explicit link.
fn explicit_anchor(terminal: &str) -> Option<&str> {
    let anchor = terminal.split_whitespace().last()?.strip_prefix('#')?;
    (!anchor.is_empty()).then_some(anchor)
}

/// The definition, written as plainly as possible: every terminal against every action.
fn reference(doc: &Document) -> FxHashMap<NodeIndex, Resolution> {
    let actions = &doc.sections.actions;
    let titles: Vec<Vec<String>> = actions.iter().map(|a| normalized_words(&a.title)).collect();
    let dice = |a: &[String], b: &[String]| {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let common = a.iter().filter(|w| b.contains(w)).count();
        2.0 * common as f64 / (a.len() + b.len()) as f64
    };
    let mut out = FxHashMap::default();
    for (n, node) in doc.model.nodes() {
        if node.kind != NodeKind::Terminal {
            continue;
        }
        let Some(OutcomeTarget::Terminal { marker, text }) = node.outcome.as_ref().map(|o| &o.target) else { continue };
        let terminal = &doc.text[text.clone()];
        if let Some(anchor) = explicit_anchor(terminal) {
            let found = actions.iter().position(|a| a.anchor().eq_ignore_ascii_case(anchor));
            out.insert(
                n,
                found.map_or(Resolution::UnknownAnchor(anchor.to_string()), |index| Resolution::Action {
                    index,
                    explicit: true,
                }),
            );
            continue;
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
        out.insert(n, resolution);
    }
    out
}

const WORDS: [&str; 10] = ["roll", "back", "restart", "service", "the", "db", "fix", "forward", "page", "roll-back"];
const MARKERS: [&str; 3] = ["✅", "⚠️", "❌"];

fn title() -> impl Strategy<Value = (usize, Vec<usize>, bool)> {
    (0..MARKERS.len(), prop::collection::vec(0..WORDS.len(), 0..5), prop::bool::weighted(0.1))
}

fn document(terminals: &[(usize, Vec<usize>, bool)], actions: &[(usize, Vec<usize>, bool)]) -> String {
    let words = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
    let mut text = String::from("# Decision Tree: R\n\n```tree\nStart?\n");
    for (i, (m, ws, anchored)) in terminals.iter().enumerate() {
        let glyph = if i + 1 == terminals.len() { "└──" } else { "├──" };
        let anchor = if *anchored { format!(" #{}", words(ws).replace(' ', "-")) } else { String::new() };
        text.push_str(&format!("{glyph} case {i} → {} {}{anchor}\n", MARKERS[*m], words(ws).to_uppercase()));
    }
    text.push_str("```\n\n## Terminal Actions\n\n");
    for (m, ws, with_id) in actions {
        let id = if *with_id { format!(" {{#{}}}", WORDS[ws.first().copied().unwrap_or(0)]) } else { String::new() };
        text.push_str(&format!("### {} Action: {}{id}\n\ntext\n\n", MARKERS[*m], words(ws)));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn indexed_resolution_is_the_definition(
        mut terminals in prop::collection::vec(title(), 1..12),
        actions in prop::collection::vec(title(), 0..12),
        // Terminals that name an action's title word for word (possibly reordered), the
        // usual case, which resolution answers by lookup.
        copies in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..6),
    ) {
        if !actions.is_empty() {
            for (pick, reversed) in copies {
                let (marker, mut words, _) = actions[pick.index(actions.len())].clone();
                if reversed {
                    words.reverse();
                }
                terminals.push((marker, words, false));
            }
        }
        let text = document(&terminals, &actions);
        let doc = Document::parse(text.as_str(), &Config::default());
        prop_assert_eq!(&doc.terminals, &reference(&doc), "{}", text);
    }
}
