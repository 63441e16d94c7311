//! An open document's text and the edits that arrived ahead of their turn.
//!
//! tower-lsp runs several handlers at once, so two `didChange` notifications can be handled
//! in the opposite order to the one the client sent them in (tower-lsp issue #284).
//! Incremental edits only make sense against the text they were computed on, so a
//! [`Buffer`] applies versions strictly in order: an edit waits in `pending` while the
//! version before it has not been applied. A version at or below the current one is a
//! duplicate and is dropped.
//!
//! LSP only promises that versions increase, not that they are consecutive (Neovim sends
//! its `changedtick`, which sometimes skips). The transport records every `didChange`
//! version in wire order before any handler runs ([`WireOrder`]), so a gap is told apart:
//! - an earlier version was sent but its handler has not run yet → wait for it;
//! - nothing in between was sent → either the client skips versions or it sent them out of
//!   order. The edit waits, and the server calls [`Buffer::flush`] shortly after; once a
//!   flush shows that the missing versions never came, the client is known to skip, and
//!   from then on such gaps are applied at once.
//!
//! The queue is also flushed at once when it grows long.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use treelint_core::Document;
use treelint_core::line_index::LineIndex;

use crate::position::{Encoding, Positions};

/// The most edits kept waiting before the queue is applied regardless of gaps.
const MAX_PENDING: usize = 64;

/// The `didChange` versions each document's edits were sent with, in the order they came
/// off the wire, by URI (as the client spelled it).
#[derive(Debug, Clone, Default)]
pub struct WireOrder(Arc<Mutex<HashMap<String, BTreeSet<i32>>>>, Arc<AtomicBool>);

impl WireOrder {
    /// Records that the client sent an edit of `uri` at `version`.
    pub fn sent(&self, uri: &str, version: i32) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let set = map.entry(uri.to_string()).or_default();
        if set.len() < 4 * MAX_PENDING {
            set.insert(version);
        }
    }

    /// Whether a version in `after+1 .. before` was sent and is not yet applied.
    fn sent_between(&self, uri: &str, after: i32, before: i32) -> bool {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(uri).is_some_and(|s| after < before && s.range(after + 1..before).next().is_some())
    }

    /// Forgets versions up to `version` (applied or superseded).
    fn applied(&self, uri: &str, version: i32) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(set) = map.get_mut(uri) {
            *set = set.split_off(&(version.saturating_add(1)));
            if set.is_empty() {
                map.remove(uri);
            }
        }
    }

    /// Whether the client has been seen to skip versions.
    fn client_skips(&self) -> bool {
        self.1.load(Ordering::Relaxed)
    }

    /// Forgets a document (closed).
    pub fn forget(&self, uri: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(uri);
    }
}

/// The text of an open document, at `version`.
#[derive(Debug, Clone)]
pub struct Buffer {
    pub version: i32,
    pub text: String,
    pending: BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>,
    /// The analysed document of one version of the text: while that is still the current
    /// version, its line index locates the next edit (instead of a scan of the whole text,
    /// a millisecond per keystroke on a 6 MB tree).
    known: Option<(i32, Arc<Document>)>,
}

/// What [`Buffer::push`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The text changed (this version and maybe queued ones were applied).
    Applied,
    /// The edit waits for an earlier version.
    Queued,
    /// A version already applied: ignored.
    Stale,
}

impl Buffer {
    pub fn new(version: i32, text: String) -> Self {
        Buffer { version, text, pending: BTreeMap::new(), known: None }
    }

    /// Records that `doc` was parsed from the text at `version`.
    pub fn know(&mut self, version: i32, doc: Arc<Document>) {
        self.known = Some((version, doc));
    }

    /// Takes the edits of `version` and applies every waiting version that nothing sent
    /// earlier still has to precede.
    pub fn push(
        &mut self,
        uri: &str,
        wire: &WireOrder,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) -> Pushed {
        if version <= self.version {
            return Pushed::Stale;
        }
        self.pending.insert(version, changes);
        if self.pending.len() > MAX_PENDING {
            self.flush(uri, wire, enc);
            return Pushed::Applied;
        }
        let mut applied = false;
        while let Some(entry) = self.pending.first_entry() {
            let v = *entry.key();
            let next = v == self.version + 1 || (wire.client_skips() && !wire.sent_between(uri, self.version, v));
            if !next {
                break;
            }
            let (v, changes) = entry.remove_entry();
            self.apply(v, changes, enc);
            applied = true;
        }
        if applied {
            wire.applied(uri, self.version);
            Pushed::Applied
        } else {
            Pushed::Queued
        }
    }

    /// Applies every waiting edit in version order, gaps or not. Returns whether any was.
    pub fn flush(&mut self, uri: &str, wire: &WireOrder, enc: Encoding) -> bool {
        let pending = std::mem::take(&mut self.pending);
        let any = !pending.is_empty();
        for (v, changes) in pending {
            if v != self.version + 1 && !wire.sent_between(uri, self.version, v) {
                // The versions in between never came: this client skips.
                wire.1.store(true, Ordering::Relaxed);
            }
            self.apply(v, changes, enc);
        }
        wire.applied(uri, self.version);
        any
    }

    /// Whether edits are waiting for an earlier version.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Applies the edits that arrived before the document was opened and follow on from
    /// the opened version; anything else (an edit of an earlier life of the URI) is dropped.
    pub fn adopt_early(
        &mut self,
        uri: &str,
        wire: &WireOrder,
        early: BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>,
        enc: Encoding,
    ) {
        for (v, changes) in early {
            self.push(uri, wire, v, changes, enc);
        }
        self.pending.clear();
    }

    fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) {
        for change in changes {
            // Only the text the document was parsed from: the first change of the version after it.
            let known = self.known.take().filter(|(v, doc)| *v == self.version && doc.text.len() == self.text.len());
            match change.range {
                Some(range) => {
                    let span = match &known {
                        Some((_, doc)) => Positions::new(&self.text, &doc.lines, enc).span(range),
                        None => Positions::new(&self.text, &LineIndex::new(&self.text), enc).span(range),
                    };
                    self.text.replace_range(span, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn insert(line: u32, col: u32, text: &str) -> Vec<TextDocumentContentChangeEvent> {
        let p = Position::new(line, col);
        vec![TextDocumentContentChangeEvent { range: Some(Range::new(p, p)), range_length: None, text: text.into() }]
    }

    #[test]
    fn edits_apply_in_version_order_whatever_the_arrival_order() {
        let wire = WireOrder::default();
        wire.sent("u", 2);
        wire.sent("u", 3);
        let mut b = Buffer::new(1, "ac".into());
        assert_eq!(b.push("u", &wire, 3, insert(0, 3, "d"), Encoding::Utf16), Pushed::Queued);
        assert_eq!(b.text, "ac");
        assert_eq!(b.push("u", &wire, 2, insert(0, 1, "b"), Encoding::Utf16), Pushed::Applied);
        assert_eq!((b.text.as_str(), b.version), ("abcd", 3));
        assert_eq!(b.push("u", &wire, 3, insert(0, 0, "x"), Encoding::Utf16), Pushed::Stale);
        assert!(!b.has_pending());
    }

    #[test]
    fn a_client_that_skips_versions_waits_once_then_never_again() {
        // Neovim-style versions: 1 → 5 → 9 → 12.
        let wire = WireOrder::default();
        wire.sent("u", 5);
        let mut b = Buffer::new(1, "a".into());
        assert_eq!(b.push("u", &wire, 5, insert(0, 1, "b"), Encoding::Utf8), Pushed::Queued);
        assert!(b.flush("u", &wire, Encoding::Utf8));
        assert_eq!(b.text, "ab");
        wire.sent("u", 7);
        assert_eq!(b.push("u", &wire, 7, vec![], Encoding::Utf8), Pushed::Applied);
        wire.sent("u", 9);
        wire.sent("u", 12);
        assert_eq!(b.push("u", &wire, 12, insert(0, 3, "d"), Encoding::Utf8), Pushed::Queued);
        assert_eq!(b.push("u", &wire, 9, insert(0, 2, "c"), Encoding::Utf8), Pushed::Applied);
        assert_eq!((b.text.as_str(), b.version), ("abcd", 12));
    }

    #[test]
    fn a_known_parse_locates_only_the_next_edit() {
        let wire = WireOrder::default();
        let text = "a\n漢b\n";
        let mut b = Buffer::new(1, text.into());
        b.know(1, Arc::new(Document::parse(text, &treelint_core::Config::default())));
        let two = vec![
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(1, 1), Position::new(1, 1))),
                range_length: None,
                text: "x\n".into(),
            },
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(2, 1), Position::new(2, 1))),
                range_length: None,
                text: "y".into(),
            },
        ];
        assert_eq!(b.push("u", &wire, 2, two, Encoding::Utf16), Pushed::Applied);
        assert_eq!(b.text, "a\n漢x\nby\n");
        // A parse of an older version is never used.
        b.know(1, Arc::new(Document::parse(text, &treelint_core::Config::default())));
        assert_eq!(b.push("u", &wire, 3, insert(0, 1, "!"), Encoding::Utf16), Pushed::Applied);
        assert_eq!(b.text, "a!\n漢x\nby\n");
    }

    #[test]
    fn flush_applies_across_gaps() {
        let wire = WireOrder::default();
        wire.sent("u", 3);
        wire.sent("u", 5);
        let mut b = Buffer::new(1, "a".into());
        assert_eq!(b.push("u", &wire, 5, insert(0, 1, "b"), Encoding::Utf8), Pushed::Queued);
        assert!(b.flush("u", &wire, Encoding::Utf8));
        assert_eq!((b.text.as_str(), b.version), ("ab", 5));
    }

    #[test]
    fn early_edits_that_do_not_follow_the_open_are_dropped() {
        let wire = WireOrder::default();
        let mut b = Buffer::new(1, "a".into());
        let early = BTreeMap::from([
            (2, insert(0, 1, "b")),
            (9, vec![TextDocumentContentChangeEvent { range: None, range_length: None, text: "x".into() }]),
        ]);
        wire.sent("u", 2);
        wire.sent("u", 7);
        wire.sent("u", 9);
        b.adopt_early("u", &wire, early, Encoding::Utf8);
        assert_eq!((b.text.as_str(), b.version, b.has_pending()), ("ab", 2, false));
    }
}
