//! One line of a tree outline: a branch (`│   ├── text`), a note, a root or a spacer.
//!
//! Invariant: columns count characters, not bytes (`│` is three bytes, one column); a tab
//! advances to the next multiple of four, as editors display it.

use crate::diagnostics::Span;

/// Whether a glyph draws a middle child (`├──`) or a last child (`└──`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GlyphKind {
    Middle,
    Last,
}

/// Box-drawing (`├──`) or ASCII (`|--`, `` `-- ``) drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GlyphStyle {
    Unicode,
    Ascii,
}

/// The branch glyph of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph {
    pub kind: GlyphKind,
    pub style: GlyphStyle,
    /// The glyph's bytes, dashes included.
    pub span: Span,
    /// The display column of its first character.
    pub column: usize,
}

/// What one line of an outline is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutlineLine {
    /// Nothing, or only the bars of a prefix (a spacer).
    Blank,
    /// `PREFIX GLYPH TEXT`; `text` is empty (start == end) for a glyph with no text.
    Branch { glyph: Glyph, text: Span },
    /// Text without a glyph: a root at column 0, otherwise a note of the node above.
    Text { column: usize, text: Span },
}

impl OutlineLine {
    /// Reads one line (without its line ending) that starts at byte `offset` of the document.
    pub fn parse(line: &str, offset: usize) -> OutlineLine {
        let mut column = 0;
        for (i, ch) in line.char_indices() {
            // The prefix (spaces and bars, long in a deep tree) is stepped over without
            // looking for a glyph: none starts with these characters.
            match ch {
                ' ' | '│' | '┃' => {
                    column += 1;
                    continue;
                }
                '\t' => {
                    column = (column / 4 + 1) * 4;
                    continue;
                }
                _ => {}
            }
            if let Some((kind, style, len)) = glyph_at(&line[i..]) {
                let rest = &line[i + len..];
                let lead = rest.len() - rest.trim_start().len();
                let start = offset + i + len + lead;
                let end = offset + i + len + rest.trim_end().len();
                return OutlineLine::Branch {
                    glyph: Glyph { kind, style, span: offset + i..offset + i + len, column },
                    text: start..end.max(start),
                };
            }
            match ch {
                '|' => column += 1,
                _ => {
                    let end = offset + line.trim_end().len();
                    return OutlineLine::Text { column, text: offset + i..end };
                }
            }
        }
        OutlineLine::Blank
    }

    /// True for a branch line drawn clearly enough to mark a block without a `tree` info
    /// string, or text outside a fence, as a tree: the glyph is followed by a space and text
    /// that is not more box drawing, so table borders (`+----+`, `└────┴────┘`) do not count.
    pub fn is_clear_branch(&self, text: &str) -> bool {
        match self {
            OutlineLine::Branch { glyph, text: t } => {
                let first = text[t.clone()].chars().next();
                text[glyph.span.end..].starts_with([' ', '\t'])
                    && first.is_some_and(|c| !('\u{2500}'..='\u{257F}').contains(&c) && !matches!(c, '+' | '|' | '-'))
            }
            _ => false,
        }
    }
}

/// The glyph starting `s`, its kind, style and byte length (dashes included).
fn glyph_at(s: &str) -> Option<(GlyphKind, GlyphStyle, usize)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let (kind, style) = match first {
        '├' | '┣' => (GlyphKind::Middle, GlyphStyle::Unicode),
        '└' | '┗' => (GlyphKind::Last, GlyphStyle::Unicode),
        '|' | '+' => (GlyphKind::Middle, GlyphStyle::Ascii),
        '`' | '\\' => (GlyphKind::Last, GlyphStyle::Ascii),
        _ => return None,
    };
    let dashes: usize = chars.take_while(|&c| c == '─' || c == '━' || c == '-').map(char::len_utf8).sum();
    // Box drawing needs one dash (`├─`); ASCII needs two, so `|-` or `+-` stay text.
    let needed = if style == GlyphStyle::Unicode { 1 } else { 2 };
    let count = s[first.len_utf8()..first.len_utf8() + dashes].chars().count();
    // An arrowhead drawn onto the glyph (`├─>`, `└──►`, `|-->`) is part of it.
    let head = s[first.len_utf8() + dashes..]
        .chars()
        .next()
        .filter(|c| matches!(c, '>' | '►' | '▶'))
        .map_or(0, char::len_utf8);
    (count >= needed).then_some((kind, style, first.len_utf8() + dashes + head))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> OutlineLine {
        OutlineLine::parse(line, 0)
    }

    #[test]
    fn branch_columns_count_characters() {
        let line = "│   │   ├── [Check 2] Is rollback safe?";
        let OutlineLine::Branch { glyph, text } = parse(line) else { panic!() };
        assert_eq!(glyph.column, 8);
        assert_eq!(glyph.kind, GlyphKind::Middle);
        assert_eq!(&line[text], "[Check 2] Is rollback safe?");
    }

    #[test]
    fn ascii_glyphs_are_branches() {
        for (line, kind) in [
            ("|-- a", GlyphKind::Middle),
            ("+-- a", GlyphKind::Middle),
            ("`-- a", GlyphKind::Last),
            ("\\-- a", GlyphKind::Last),
            ("|   `-- a", GlyphKind::Last),
        ] {
            let OutlineLine::Branch { glyph, .. } = parse(line) else { panic!("{line}") };
            assert_eq!(glyph.kind, kind, "{line}");
            assert_eq!(glyph.style, GlyphStyle::Ascii);
        }
    }

    #[test]
    fn an_arrowhead_on_the_glyph_is_part_of_it() {
        for line in ["├─> Yes", "└──► No", "|--> yes"] {
            let OutlineLine::Branch { glyph, text } = parse(line) else { panic!("{line}") };
            assert!(!line[text].starts_with(['>', '►']), "{line}");
            assert!(matches!(line[glyph.span].chars().last(), Some('>' | '►')), "{line}");
        }
    }

    #[test]
    fn notes_spacers_and_roots() {
        assert_eq!(parse("│   │"), OutlineLine::Blank);
        assert_eq!(parse(""), OutlineLine::Blank);
        assert!(matches!(parse("│   │   kubectl rollout undo"), OutlineLine::Text { column: 8, .. }));
        assert!(matches!(parse("Root question?"), OutlineLine::Text { column: 0, .. }));
        assert!(matches!(parse("\t├── a"), OutlineLine::Branch { glyph: Glyph { column: 4, .. }, .. }));
    }

    #[test]
    fn a_glyph_without_text_has_an_empty_text_span() {
        let OutlineLine::Branch { text, .. } = parse("├──   ") else { panic!() };
        assert!(text.is_empty());
    }

    #[test]
    fn table_borders_are_not_clear_branches() {
        let line = "+----+------+";
        assert!(!parse(line).is_clear_branch(line));
        let line = "└────┴────┘";
        assert!(!parse(line).is_clear_branch(line));
        let line = "|-- a";
        assert!(parse(line).is_clear_branch(line));
        let line = "├── [Check 1] Is it down?";
        assert!(parse(line).is_clear_branch(line));
    }
}
