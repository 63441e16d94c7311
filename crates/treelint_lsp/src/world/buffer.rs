//! An open document's text and the edits that arrived ahead of their turn.
//!
//! tower-lsp runs several handlers at once, so two `didChange` notifications can be handled
//! in the opposite order to the one the client sent them in (tower-lsp issue #284).
//! Incremental edits only make sense against the text they were computed on, so a
//! [`Buffer`] applies versions strictly in order: an edit for a later version than the next
//! one waits in `pending` until the versions before it have been applied. A version at or
//! below the current one is a duplicate and is dropped.
//!
//! LSP only promises that versions increase, not that they are consecutive; a client that
//! skips numbers would leave edits waiting forever, so the server calls [`Buffer::flush`]
//! shortly after an edit had to wait, and the queue is flushed at once when it grows long.

use std::collections::BTreeMap;

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use treelint_core::line_index::LineIndex;

use crate::position::{Encoding, Positions};

/// The most edits kept waiting before the queue is applied regardless of gaps.
const MAX_PENDING: usize = 64;

/// The text of an open document, at `version`.
#[derive(Debug, Clone)]
pub struct Buffer {
    pub version: i32,
    pub text: String,
    pending: BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>,
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
        Buffer { version, text, pending: BTreeMap::new() }
    }

    /// Takes the edits of `version` and applies every version that is now next in line.
    pub fn push(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) -> Pushed {
        if version <= self.version {
            return Pushed::Stale;
        }
        self.pending.insert(version, changes);
        if self.pending.len() > MAX_PENDING {
            self.flush(enc);
            return Pushed::Applied;
        }
        let mut applied = false;
        while let Some(entry) = self.pending.first_entry() {
            if *entry.key() != self.version + 1 {
                break;
            }
            let (v, changes) = entry.remove_entry();
            self.apply(v, changes, enc);
            applied = true;
        }
        if applied { Pushed::Applied } else { Pushed::Queued }
    }

    /// Applies every waiting edit in version order, gaps or not. Returns whether any was.
    pub fn flush(&mut self, enc: Encoding) -> bool {
        let pending = std::mem::take(&mut self.pending);
        let any = !pending.is_empty();
        for (v, changes) in pending {
            self.apply(v, changes, enc);
        }
        any
    }

    /// Whether edits are waiting for an earlier version.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Queues edits that arrived before the document was opened, to apply after it is.
    pub fn adopt_early(&mut self, early: BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>, enc: Encoding) {
        for (v, changes) in early {
            self.push(v, changes, enc);
        }
    }

    fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let lines = LineIndex::new(&self.text);
                    let span = Positions::new(&self.text, &lines, enc).span(range);
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
        let mut b = Buffer::new(1, "ac".into());
        assert_eq!(b.push(3, insert(0, 3, "d"), Encoding::Utf16), Pushed::Queued);
        assert_eq!(b.text, "ac");
        assert_eq!(b.push(2, insert(0, 1, "b"), Encoding::Utf16), Pushed::Applied);
        assert_eq!((b.text.as_str(), b.version), ("abcd", 3));
        assert_eq!(b.push(3, insert(0, 0, "x"), Encoding::Utf16), Pushed::Stale);
        assert!(!b.has_pending());
    }

    #[test]
    fn flush_applies_across_gaps() {
        let mut b = Buffer::new(1, "a".into());
        b.push(5, insert(0, 1, "b"), Encoding::Utf8);
        assert!(b.flush(Encoding::Utf8));
        assert_eq!((b.text.as_str(), b.version), ("ab", 5));
    }
}
