//! Byte offsets ↔ LSP positions, in the encoding negotiated at `initialize`.
//!
//! Invariant: everything inside the server is a byte span into a document's text; this
//! module is the only place that knows about LSP lines and characters. Conversions are
//! total: a position past the end of a line or of the document is clamped, never an error,
//! and an offset inside a UTF-8 sequence snaps back to the character it is part of.

use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};
use treelint_core::Document;
use treelint_core::line_index::LineIndex;

/// What `Position.character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units (bytes), when the client offers it.
    Utf8,
    /// UTF-16 code units: the LSP default.
    #[default]
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 when the client lists it (no conversion needed), else the UTF-16 default.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The kind announced in the server capabilities.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A text with its line index, seen through one encoding.
#[derive(Clone, Copy)]
pub struct Positions<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    enc: Encoding,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str, lines: &'a LineIndex, enc: Encoding) -> Self {
        Positions { text, lines, enc }
    }

    /// Positions over a parsed document.
    pub fn of(doc: &'a Document, enc: Encoding) -> Self {
        Positions::new(&doc.text, &doc.lines, enc)
    }

    /// The LSP position of a byte offset (clamped to the text): a binary search of the line
    /// index, then the line up to the offset (counted only when it is not ASCII).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.lines.line_of(offset);
        let before = &self.text[self.lines.line_start(line).min(offset)..offset];
        let character = match self.enc {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 if before.is_ascii() => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The LSP range of a byte span.
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end.max(span.start)))
    }

    /// The byte offset of an LSP position, clamped to its line (a line past the end gives
    /// the end of the text).
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        match self.enc {
            Encoding::Utf16 => self.lines.offset_utf16(self.text, line, pos.character),
            Encoding::Utf8 => {
                let start = self.lines.line_start(line);
                let end = self.line_content_end(line);
                floor_char_boundary(self.text, (start + pos.character as usize).min(end))
            }
        }
    }

    /// The byte span of an LSP range (start and end clamped; a reversed range is emptied).
    pub fn span(&self, range: Range) -> std::ops::Range<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        start..end
    }

    /// Where the text of `line` ends, before its line ending.
    pub fn line_content_end(&self, line: usize) -> usize {
        let start = self.lines.line_start(line);
        let end = self.lines.line_start(line + 1).min(self.text.len());
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        start + content.len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_and_cjk_count_per_encoding() {
        // ⚠️ is two code points (4 UTF-8 + 2 UTF-8... 6 bytes, 2 UTF-16 units); ✅ is one
        // code point (3 bytes, 1 unit); 漢 is 3 bytes and 1 unit; 😀 is 4 bytes, 2 units.
        let text = "x\n⚠️✅漢😀e\u{301}[Check 1]\n";
        let lines = LineIndex::new(text);
        let at = text.find('[').unwrap();
        let u16 = Positions::new(text, &lines, Encoding::Utf16);
        assert_eq!(u16.position(at), Position::new(1, 2 + 1 + 1 + 2 + 2));
        assert_eq!(u16.offset(Position::new(1, 8)), at);
        let u8 = Positions::new(text, &lines, Encoding::Utf8);
        assert_eq!(u8.position(at), Position::new(1, (at - 2) as u32));
        assert_eq!(u8.offset(u8.position(at)), at);
    }

    #[test]
    fn positions_agree_with_the_core_line_index() {
        let text = "a\r\n⚠️ b\rc😀d\n\n漢x";
        let lines = LineIndex::new(text);
        let p = Positions::new(text, &lines, Encoding::Utf16);
        for offset in 0..=text.len() + 2 {
            let lc = lines.line_col(text, floor_char_boundary(text, offset.min(text.len())));
            assert_eq!(p.position(offset), Position::new(lc.line, lc.col_utf16), "at {offset}");
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\ncd";
        let lines = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let p = Positions::new(text, &lines, enc);
            assert_eq!(p.offset(Position::new(0, 99)), 2);
            assert_eq!(p.offset(Position::new(99, 0)), text.len());
        }
        let text = "é";
        let lines = LineIndex::new(text);
        assert_eq!(Positions::new(text, &lines, Encoding::Utf8).offset(Position::new(0, 1)), 0);
    }
}
