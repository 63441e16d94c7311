//! Byte offsets to lines and columns, done once per document at the edge.
//!
//! Invariant: `\n`, `\r\n` and a lone `\r` each end a line, as in CommonMark, so CR-only and
//! mixed line endings number lines the way an editor does.

/// A position as people read it: 0-based line, 0-based column in Unicode scalar values,
/// and the same column in UTF-16 code units (what LSP clients use by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
    pub col_utf16: u32,
}

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        // Most files have no `\r`: lines end only at `\n`, found by memchr's vectorised
        // search (this runs over every byte of every file).
        if memchr::memchr(b'\r', bytes).is_none() {
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    starts.push(i + 1);
                }
            }
        }
        LineIndex { starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Line and columns of a byte offset. An offset inside a UTF-8 sequence counts as the
    /// character it is part of; an offset past the end is clamped.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let mut col = 0u32;
        let mut col_utf16 = 0u32;
        for (i, ch) in text[start..].char_indices() {
            if start + i >= offset {
                break;
            }
            col += 1;
            col_utf16 += ch.len_utf16() as u32;
        }
        LineCol { line: line as u32, col, col_utf16 }
    }

    /// The byte offset of 0-based `line` and UTF-16 column `col_utf16`, clamped to the line.
    pub fn offset_utf16(&self, text: &str, line: usize, col_utf16: u32) -> usize {
        let start = self.line_start(line);
        let end = self.line_start(line + 1).min(text.len());
        let mut units = 0u32;
        for (i, ch) in text[start..end].char_indices() {
            if units >= col_utf16 || ch == '\n' || ch == '\r' {
                return start + i;
            }
            units += ch.len_utf16() as u32;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_columns_in_characters_and_utf16() {
        let text = "ab\n│ ├── 😀x\n";
        let idx = LineIndex::new(text);
        let off = text.find('x').unwrap();
        let lc = idx.line_col(text, off);
        assert_eq!((lc.line, lc.col, lc.col_utf16), (1, 7, 8));
        assert_eq!(idx.offset_utf16(text, 1, 8), off);
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "a\rb\r\nc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, text.find('d').unwrap()).line, 3);
        assert_eq!(idx.line_col(text, text.find('b').unwrap()).line, 1);
    }

    proptest::proptest! {
        /// Every line break (`\n`, `\r\n`, lone `\r`) starts a line, and nothing else does,
        /// whatever the mix of endings and where they fall.
        #[test]
        fn lines_start_after_every_kind_of_line_break(text in "[a\r\n│é]{0,80}") {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut expected = vec![0];
            for (k, &(i, c)) in chars.iter().enumerate() {
                let crlf = c == '\r' && chars.get(k + 1).is_some_and(|&(_, n)| n == '\n');
                if c == '\n' || (c == '\r' && !crlf) {
                    expected.push(i + 1);
                }
            }
            let idx = LineIndex::new(&text);
            proptest::prop_assert_eq!(idx.starts, expected);
        }
    }
}
