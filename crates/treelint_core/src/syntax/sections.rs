//! The sections around the outline: Node Details, Terminal Actions, Cross-References and
//! the metadata under the H1 (or in front matter).

use crate::config::{Config, Marker};
use crate::diagnostics::Span;
use crate::markdown::{CodeBlock, Markdown};
use crate::syntax::node_text::strip_parentheticals;

/// `### Check 3: Title` under Node Details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsSection {
    pub id: String,
    pub title: String,
    /// The heading line.
    pub heading: Span,
    /// Everything up to the next heading of the same or a higher level.
    pub body: Span,
    /// Its non-empty code blocks: the check's commands.
    pub commands: Vec<CodeBlock>,
    /// Whether it holds anything besides its code blocks.
    pub has_text: bool,
}

/// `### ✅ Action: Roll Back Immediately` under Terminal Actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionSection {
    pub marker: Marker,
    /// `Action`, `Warning`… (empty when the heading has no `Kind:`).
    pub kind: String,
    pub title: String,
    /// An explicit `{#id}` on the heading (see [`ActionSection::anchor`]).
    pub id: Option<String>,
    pub heading: Span,
    pub body: Span,
    pub code_blocks: Vec<CodeBlock>,
}

impl ActionSection {
    /// What `#anchor` in a terminal links to: the explicit `{#id}`, else the slug of the
    /// title. Worked out when asked: only explicit links and a few messages need it.
    pub fn anchor(&self) -> std::borrow::Cow<'_, str> {
        match &self.id {
            Some(id) => std::borrow::Cow::Borrowed(id),
            None => std::borrow::Cow::Owned(slug(&self.title)),
        }
    }
}

/// Which list of the Cross-References section an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    TopicPacks,
    Runbooks,
    RelatedTrees,
}

/// One comma-separated entry of a Cross-References list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    pub kind: RefKind,
    /// The entry as a reader names it (a link's text, else the entry).
    pub name: String,
    /// Where it points (a link's destination, else the entry).
    pub target: String,
    pub span: Span,
}

/// A `**Key:** value` line under the H1, or a `key: value` line of front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataEntry {
    /// Lower-cased key: `category`, `starting question`, `domains`…
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// All the sections of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// The first H1.
    pub title: Option<usize>,
    pub metadata: Vec<MetadataEntry>,
    pub details: Vec<DetailsSection>,
    pub actions: Vec<ActionSection>,
    pub cross_refs: Vec<CrossRef>,
}

impl Sections {
    pub fn parse(text: &str, md: &Markdown, config: &Config) -> Sections {
        let title = md.headings.iter().position(|h| h.level == 1);
        let mut sections = Sections { title, metadata: metadata(text, md), ..Sections::default() };
        let names = &config.sections;
        for (i, h) in md.headings.iter().enumerate() {
            let name = h.text.trim();
            if name.eq_ignore_ascii_case(&names.details) {
                for (sub, body) in subsections(md, i, text.len()) {
                    if let Some(d) = details(text, md, sub, body) {
                        sections.details.push(d);
                    }
                }
            } else if name.eq_ignore_ascii_case(&names.actions) {
                for (sub, body) in subsections(md, i, text.len()) {
                    if let Some(a) = action(md, sub, body, config) {
                        sections.actions.push(a);
                    }
                }
            } else if name.eq_ignore_ascii_case(&names.cross_references) {
                let body = md.section_body(i, text.len());
                for item in md.list_items.iter().filter(|it| body.start <= it.span.start && it.span.start < body.end) {
                    cross_refs(text, item.span.clone(), &mut sections.cross_refs);
                }
            }
        }
        sections
    }
}

/// The headings one level below heading `idx` within its section, with their bodies.
fn subsections(md: &Markdown, idx: usize, len: usize) -> Vec<(usize, Span)> {
    let body = md.section_body(idx, len);
    let level = md.headings[idx].level + 1;
    (idx + 1..md.headings.len())
        .take_while(|&j| md.headings[j].span.start < body.end)
        .filter(|&j| md.headings[j].level == level)
        .map(|j| (j, md.section_body(j, len)))
        .collect()
}

fn blocks_in<'a>(md: &'a Markdown, body: &Span) -> impl Iterator<Item = &'a CodeBlock> {
    let body = body.clone();
    // Code blocks are in document order (they cannot nest), so the ones inside `body` are a
    // run found by binary search: linear overall even with thousands of sections.
    let first = md.code_blocks.partition_point(|c| c.span.start < body.start);
    md.code_blocks[first..].iter().take_while(move |c| c.span.start < body.end).filter(move |c| c.span.end <= body.end)
}

fn details(text: &str, md: &Markdown, idx: usize, body: Span) -> Option<DetailsSection> {
    let h = &md.headings[idx];
    let rest = strip_prefix_ci(&h.text, "check")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start().trim_start_matches('[');
    let id_len =
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))).unwrap_or(rest.len());
    if id_len == 0 {
        return None;
    }
    let id = rest[..id_len].to_string();
    let title = rest[id_len..].trim_start_matches([']', ':', ' ', '—', '-']).trim().to_string();
    let code: Vec<&CodeBlock> = blocks_in(md, &body).collect();
    let commands: Vec<CodeBlock> =
        code.iter().filter(|c| !text[c.content.clone()].trim().is_empty()).map(|&c| c.clone()).collect();
    // The prose is the body without its code blocks. Usually its first lines (before any
    // code block) already say yes, and the pieces need not be joined.
    let first_piece = &text[body.start..code.first().map_or(body.end, |c| c.span.start.max(body.start))];
    let complete_lines = &first_piece[..first_piece.rfind('\n').map_or(0, |i| i + 1)];
    let has_text = complete_lines.lines().any(is_text_line) || {
        let mut prose = String::new();
        let mut at = body.start;
        for c in &code {
            prose.push_str(&text[at..c.span.start]);
            at = c.span.end;
        }
        prose.push_str(&text[at.min(body.end)..body.end]);
        prose.lines().any(is_text_line)
    };
    Some(DetailsSection { id, title, heading: h.span.clone(), body, commands, has_text })
}

/// A line of prose that says something: not blank, not only an HTML comment.
fn is_text_line(line: &str) -> bool {
    let l = line.trim();
    let comment = l.starts_with("<!--") && l.ends_with("-->");
    !l.is_empty() && !comment
}

fn action(md: &Markdown, idx: usize, body: Span, config: &Config) -> Option<ActionSection> {
    let h = &md.headings[idx];
    let (marker, len) = config.marker_at_start(h.text.trim_start())?;
    let rest = h.text.trim_start()[len..].trim();
    let (kind, title) = match rest.split_once(':') {
        Some((k, t)) if !k.is_empty() && k.split_whitespace().count() <= 2 => {
            (k.trim().to_string(), t.trim().to_string())
        }
        _ => (String::new(), rest.to_string()),
    };
    Some(ActionSection {
        marker: marker.clone(),
        kind,
        title,
        id: h.id.clone(),
        heading: h.span.clone(),
        code_blocks: blocks_in(md, &body).cloned().collect(),
        body,
    })
}

/// GitHub-style slug: lower case, letters and digits kept, spaces to `-`, the rest dropped.
pub fn slug(s: &str) -> String {
    let s = s.trim();
    if s.is_ascii() {
        // Most titles: byte by byte, the same choices as below without decoding characters.
        let mut bytes = Vec::with_capacity(s.len());
        for &b in s.as_bytes() {
            match b {
                b'_' | b'-' => bytes.push(b),
                _ if b.is_ascii_alphanumeric() => bytes.push(b.to_ascii_lowercase()),
                // `char::is_whitespace` on ASCII, vertical tab included.
                b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => bytes.push(b'-'),
                _ => {}
            }
        }
        return String::from_utf8(bytes).expect("ASCII bytes are UTF-8");
    }
    slug_chars(s)
}

fn slug_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // ASCII first: headings are mostly ASCII, and Unicode lower-casing is not free.
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// `- **Runbooks:** a.md, [B](b.md)`: the key, then comma-separated entries with spans.
fn cross_refs(text: &str, item: Span, out: &mut Vec<CrossRef>) {
    let src = &text[item.clone()];
    let first_line = &src[..memchr::memchr2(b'\n', b'\r', src.as_bytes()).unwrap_or(src.len())];
    // memmem, not `str::find`, whose searcher costs more to set up than these lines to scan.
    let Some(open) = memchr::memmem::find(first_line.as_bytes(), b"**") else { return };
    let after = &first_line[open + 2..];
    let Some(close) = memchr::memmem::find(after.as_bytes(), b"**") else { return };
    let key = after[..close].trim().trim_end_matches(':').trim().to_ascii_lowercase();
    let kind = match key.as_str() {
        "topic packs" | "topic pack" => RefKind::TopicPacks,
        "runbooks" | "runbook" => RefKind::Runbooks,
        "related trees" | "related tree" | "related" => RefKind::RelatedTrees,
        _ => return,
    };
    let mut value_start = open + 2 + close + 2;
    let value = &first_line[value_start..];
    let colon = value.len() - value.trim_start_matches([':', ' ', '\t']).len();
    value_start += colon;
    let base = item.start + value_start;
    let value = &first_line[value_start..];
    let mut depth = 0i32;
    let mut start = 0;
    let mut pieces = Vec::new();
    for (i, c) in value.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth <= 0 => {
                pieces.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(start..value.len());
    for piece in pieces {
        let raw = &value[piece.clone()];
        let trimmed = raw.trim().trim_end_matches('.');
        if trimmed.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let span = base + piece.start + lead..base + piece.start + lead + trimmed.len();
        let (name, target) = match link(trimmed) {
            Some((n, t)) => (n.to_string(), t.to_string()),
            None => {
                let plain = trimmed.trim_matches('`').trim();
                (plain.to_string(), plain.to_string())
            }
        };
        out.push(CrossRef { kind, name, target, span });
    }
}

/// `[text](dest)`.
fn link(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix('[')?;
    let close = rest.find("](")?;
    let dest = rest[close + 2..].strip_suffix(')')?;
    Some((&rest[..close], dest.split_whitespace().next().unwrap_or("")))
}

/// Metadata from front matter (`key: value`) and from bold-key lines before the first H2.
fn metadata(text: &str, md: &Markdown) -> Vec<MetadataEntry> {
    let mut out = Vec::new();
    if let Some(fm) = &md.front_matter {
        let mut offset = fm.start;
        for line in text[fm.clone()].split_inclusive('\n') {
            let trimmed = line.trim_end();
            if !line.starts_with([' ', '\t', '-', '#']) {
                if let Some((k, v)) = trimmed.split_once(':') {
                    let v = v.trim().trim_matches(['"', '\'']);
                    out.push(MetadataEntry {
                        key: normalize_key(k),
                        value: v.to_string(),
                        span: offset..offset + trimmed.len(),
                    });
                }
            }
            offset += line.len();
        }
    }
    let limit = md.headings.iter().find(|h| h.level >= 2).map_or(text.len(), |h| h.span.start);
    for para in md.paragraphs.iter().filter(|p| p.start < limit) {
        let mut offset = para.start;
        for line in text[para.clone()].split_inclusive('\n') {
            let trimmed = line.trim();
            if let Some(rest) = trimmed.strip_prefix("**") {
                if let Some(close) = memchr::memmem::find(rest.as_bytes(), b"**") {
                    let key = rest[..close].trim().trim_end_matches(':');
                    let value = rest[close + 2..].trim_start_matches(':').trim().trim_matches('"');
                    if rest[..close].trim_end().ends_with(':') || rest[close + 2..].starts_with(':') {
                        let lead = line.len() - line.trim_start().len();
                        out.push(MetadataEntry {
                            key: normalize_key(key),
                            value: value.to_string(),
                            span: offset + lead..offset + lead + trimmed.len(),
                        });
                    }
                }
            }
            offset += line.len();
        }
    }
    out
}

fn normalize_key(k: &str) -> String {
    let k = k.trim();
    if k.is_ascii() {
        // Most keys: lower-cased and respaced in one copy, without Unicode lower-casing.
        let mut key = k.as_bytes().to_ascii_lowercase();
        for b in &mut key {
            if matches!(*b, b'_' | b'-') {
                *b = b' ';
            }
        }
        return String::from_utf8(key).expect("ASCII bytes are UTF-8");
    }
    normalize_key_chars(k)
}

fn normalize_key_chars(k: &str) -> String {
    k.replace(['_', '-'], " ").to_lowercase()
}

/// A title reduced to the words that carry meaning, for matching terminals to actions.
pub fn normalized_words(s: &str) -> Vec<String> {
    Words::of(s).iter().map(str::to_string).collect()
}

/// Words that carry no meaning in a title. A `match`, not a list search: this runs for
/// every word of every terminal and action title.
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "to"
            | "for"
            | "via"
            | "with"
            | "is"
            | "are"
            | "on"
            | "in"
            | "it"
            | "its"
            | "this"
            | "that"
            | "be"
            | "action"
            | "warning"
    )
}

/// The words of [`normalized_words`] in one buffer: resolution reduces every terminal and
/// action title of a document, and a `String` per word was its main cost.
#[derive(Debug, Default)]
pub struct Words {
    buf: String,
    /// Where each word ends in `buf` (each starts where the one before ends).
    ends: Vec<usize>,
}

impl Words {
    pub fn of(s: &str) -> Words {
        let s = strip_parentheticals(s);
        let mut words = Words { buf: String::with_capacity(s.len()), ends: Vec::with_capacity(8) };
        if s.is_ascii() {
            // Most titles: words are runs of ASCII letters and digits, found byte by byte
            // (the same split as below, without decoding characters).
            // Each word is lower-cased straight into the buffer as it is read.
            let bytes = s.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let start = words.buf.len();
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    words.buf.push(char::from(bytes[i].to_ascii_lowercase()));
                    i += 1;
                }
                if words.buf.len() > start {
                    words.finish(start);
                }
                i += 1;
            }
        } else {
            for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                words.push(w);
            }
        }
        words
    }

    /// Adds one word of a non-ASCII title, lower-cased (see [`Words::finish`]).
    fn push(&mut self, w: &str) {
        let start = self.buf.len();
        if w.is_ascii() {
            // Copied whole and lower-cased in place, not character by character.
            self.buf.push_str(w);
            self.buf[start..].make_ascii_lowercase();
        } else {
            // `str::to_lowercase`, not per character: a final sigma lower-cases to `ς`.
            self.buf.push_str(&w.to_lowercase());
        }
        self.finish(start);
    }

    /// Keeps the lower-cased word at the end of the buffer, from `start`, unless it is
    /// filler or repeats the word before.
    fn finish(&mut self, start: usize) {
        let word = &self.buf[start..];
        let previous = self.ends.len().checked_sub(1).map(|k| self.word(k));
        if is_filler(word) || previous == Some(word) {
            self.buf.truncate(start);
        } else {
            self.ends.push(self.buf.len());
        }
    }

    #[inline]
    fn word(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.buf[start..self.ends[k]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|k| self.word(k))
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as the matching rule of FORMAT.md §3 states them, one `String` each.
    fn plain_words(s: &str) -> Vec<String> {
        const FILLER: [&str; 21] = [
            "a", "an", "the", "and", "or", "of", "to", "for", "via", "with", "is", "are", "on", "in", "it", "its",
            "this", "that", "be", "action", "warning",
        ];
        let mut words: Vec<String> = strip_parentheticals(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !FILLER.contains(&w.as_str()))
            .collect();
        words.dedup();
        words
    }

    #[test]
    fn words_drop_filler_case_repeats_and_parentheticals() {
        assert_eq!(normalized_words("✅ ROLL BACK the Roll roll (if allowed)"), ["roll", "back", "roll"]);
        assert_eq!(normalized_words("ΟΔΟΣ Straße"), ["οδος", "straße"]);
    }

    #[test]
    fn a_details_section_has_text_when_a_line_besides_code_and_comments_says_something() {
        let has_text = |body: &str| {
            let text = format!("## Node Details\n\n### Check 1: Is it up\n\n{body}");
            let md = Markdown::parse(&text);
            Sections::parse(&text, &md, &Config::default()).details[0].has_text
        };
        let code = "```bash\nuptime\n```\n";
        assert!(!has_text(code));
        assert!(!has_text(&format!("<!-- todo -->\n\n{code}")));
        assert!(has_text(&format!("Look at the load first.\n\n{code}")), "text before the code");
        assert!(has_text(&format!("{code}\nThen compare.\n")), "text only after the code");
        assert!(has_text(&format!("<!-- todo -->\n{code}\nThen compare.\n")), "after a comment and the code");
        assert!(!has_text(&format!("{code}\n<!-- todo -->\n")));
    }

    proptest::proptest! {
        #[test]
        fn ascii_keys_normalize_as_any_key(s in "[ -~\t]{0,30}") {
            proptest::prop_assert_eq!(normalize_key(&s), normalize_key_chars(s.trim()));
        }

        #[test]
        fn ascii_slugs_are_the_character_slugs(s in "[ -~\t\n\x0B\x0C\r]{0,40}") {
            proptest::prop_assert_eq!(slug(&s), slug_chars(s.trim()));
        }

        #[test]
        fn words_match_the_plain_definition(s in "[A-Za-z0-9 ()ΣσİÉé✅,./-]{0,40}|[A-Za-z0-9 (),./_-]{0,40}") {
            proptest::prop_assert_eq!(normalized_words(&s), plain_words(&s));
        }
    }
}
