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
        let mut starts = vec![0];
        // Fast path (most files): without `\r`, lines end only at `\n`, found eight bytes
        // at a time (a word holds a `\n` when one of its bytes XOR `\n` is zero).
        if !bytes.contains(&b'\r') {
            const ONES: u64 = 0x0101_0101_0101_0101;
            const HIGHS: u64 = 0x8080_8080_8080_8080;
            let mut chunks = bytes.chunks_exact(8);
            let mut base = 0;
            for chunk in &mut chunks {
                let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ (ONES * u64::from(b'\n'));
                if word.wrapping_sub(ONES) & !word & HIGHS != 0 {
                    starts.extend(chunk.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(j, _)| base + j + 1));
                }
                base += 8;
            }
            starts.extend(chunks.remainder().iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(j, _)| base + j + 1));
            return LineIndex { starts, len: text.len() };
        }
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
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
}
