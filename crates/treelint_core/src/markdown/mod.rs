//! The Markdown layer: one pulldown-cmark pass that records, with byte spans, the few
//! block-level things the later stages need. Nothing here knows what a tree is.
//!
//! Invariant: every span is a valid, char-aligned range of the source text.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Span;

/// A heading: `## Node Details`, `### Check 1: Title {#id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The heading's text, as rendered (inline markup removed).
    pub text: String,
    /// The whole heading, `#` marks included.
    pub span: Span,
    /// From the first to the last character of the text.
    pub text_span: Span,
    /// An explicit `{#id}` attribute.
    pub id: Option<String>,
}

/// A fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub fenced: bool,
    /// The info string of a fenced block (`bash`, `tree`), empty when there is none.
    pub info: String,
    /// The whole block, fences included.
    pub span: Span,
    /// The lines between the fences (for an indented block, the whole block).
    pub content: Span,
}

/// A list item (its whole source, nested lists included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub span: Span,
}

/// The block structure of one Markdown document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    pub front_matter: Option<Span>,
    pub headings: Vec<Heading>,
    pub code_blocks: Vec<CodeBlock>,
    pub list_items: Vec<ListItem>,
    pub paragraphs: Vec<Span>,
    /// HTML comments (`<!-- … -->`), block or inline.
    pub comments: Vec<Span>,
}

impl Markdown {
    pub fn parse(text: &str) -> Self {
        let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH;
        let mut md = Markdown::default();
        let mut heading: Option<Heading> = None;
        let mut code: Option<CodeBlock> = None;
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            match event {
                Event::Start(Tag::MetadataBlock(_)) => md.front_matter = Some(range),
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some(Heading {
                        level: heading_level(level),
                        text: String::new(),
                        span: range.clone(),
                        text_span: range.end..range.end,
                        id: id.map(|id| id.to_string()),
                    });
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(mut h) = heading.take() {
                        if h.text_span.start > h.text_span.end {
                            h.text_span = h.span.clone();
                        }
                        // Trimmed in place: most headings have nothing to trim.
                        if h.text.trim().len() != h.text.len() {
                            h.text = h.text.trim().to_string();
                        }
                        md.headings.push(h);
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let (fenced, info) = match kind {
                        CodeBlockKind::Fenced(info) => (true, info.trim().to_string()),
                        CodeBlockKind::Indented => (false, String::new()),
                    };
                    code = Some(CodeBlock { fenced, info, content: range.clone(), span: range });
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(mut block) = code.take() {
                        block.content = code_content(text, &block);
                        md.code_blocks.push(block);
                    }
                }
                Event::Start(Tag::Item) => md.list_items.push(ListItem { span: range }),
                Event::Start(Tag::Paragraph) => md.paragraphs.push(range),
                Event::Html(html) | Event::InlineHtml(html) => {
                    // A block of HTML may hold several comments; record each.
                    let mut from = 0;
                    while let Some(open) = html[from..].find("<!--") {
                        let start = from + open;
                        let end = html[start..].find("-->").map_or(html.len(), |e| start + e + 3);
                        let base = range.start;
                        if base + end <= range.end {
                            md.comments.push(base + start..base + end);
                        }
                        from = end;
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(h) = heading.as_mut() {
                        if h.text.is_empty() {
                            h.text_span.start = range.start;
                        }
                        h.text.push_str(&t);
                        h.text_span.end = range.end;
                    }
                }
                _ => {}
            }
        }
        md
    }

    /// The heading that a byte offset stands under (the last heading before it).
    pub fn heading_before(&self, offset: usize) -> Option<&Heading> {
        let idx = self.headings.partition_point(|h| h.span.start < offset);
        idx.checked_sub(1).map(|i| &self.headings[i])
    }

    /// The body of heading `idx`: from its end to the next heading of the same or a higher
    /// level (or the end of the text).
    pub fn section_body(&self, idx: usize, text_len: usize) -> Span {
        let h = &self.headings[idx];
        let end =
            self.headings[idx + 1..].iter().find(|next| next.level <= h.level).map_or(text_len, |next| next.span.start);
        h.span.end..end.max(h.span.end)
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The lines of a code block between its fences. pulldown-cmark gives the whole block; the
/// opening fence is its first line and the closing fence, when present, its last.
fn code_content(text: &str, block: &CodeBlock) -> Span {
    let span = &block.span;
    if !block.fenced {
        return span.clone();
    }
    let src = &text[span.clone()];
    let start = src.find('\n').map_or(src.len(), |i| i + 1);
    let body = &src[start..];
    let trimmed = body.trim_end_matches(['\n', '\r']);
    let last_line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
    // Inside a blockquote the closing fence carries the quote markers (`> ````).
    let last = trimmed[last_line_start..].trim().trim_start_matches(['>', ' ']);
    let fence_char = src.trim_start().chars().next().unwrap_or('`');
    let end = if !last.is_empty() && last.chars().all(|c| c == fence_char) && last.len() >= 3 {
        last_line_start
    } else {
        body.len()
    };
    span.start + start..span.start + start + end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_headings_code_blocks_and_comments() {
        let text = "# Title\n\n## The Tree {#t}\n\n```tree\nRoot?\n└── A\n```\n\n<!-- treelint-disable -->\n- item\n";
        let md = Markdown::parse(text);
        assert_eq!(md.headings.len(), 2);
        assert_eq!(md.headings[1].text, "The Tree");
        assert_eq!(md.headings[1].id.as_deref(), Some("t"));
        assert_eq!(&text[md.headings[0].text_span.clone()], "Title");
        let block = &md.code_blocks[0];
        assert_eq!(block.info, "tree");
        assert_eq!(&text[block.content.clone()], "Root?\n└── A\n");
        assert_eq!(&text[md.comments[0].clone()], "<!-- treelint-disable -->");
        assert_eq!(md.list_items.len(), 1);
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let text = "```tree\nRoot\n└── A";
        let md = Markdown::parse(text);
        assert_eq!(&text[md.code_blocks[0].content.clone()], "Root\n└── A");
    }
}
