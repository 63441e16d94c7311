//! The body of a Node Details or Terminal Actions section, cut into the pieces a walk shows:
//! `**Key:** value` fields ("What you're looking for", "Common pitfall", "Do", "Risk"…),
//! plain paragraphs, and code blocks (the commands).
//!
//! Invariant: pieces come in document order and cover every non-blank line of the body
//! except HTML comments; text is copied verbatim (sanitising is the renderer's job).

use serde::Serialize;

use crate::diagnostics::Span;
use crate::markdown::CodeBlock;

/// One piece of a section body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// `**What you're looking for:** text`: `key` without the stars and colon; `text` may
    /// be empty when a code block or list follows.
    Field { key: String, text: String },
    /// A paragraph or list, as written.
    Text { text: String },
    /// A code block: a command (or several) to run.
    Code { lang: String, code: String },
}

/// Cuts `body` of `text` into blocks; `code` are the code blocks of the document (those
/// inside `body` are used).
pub fn blocks(text: &str, body: &Span, code: &[CodeBlock]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut at = body.start;
    let inside = code.iter().filter(|c| body.start <= c.span.start && c.span.end <= body.end);
    for c in inside {
        prose(&text[at..c.span.start], &mut out);
        let content = text[c.content.clone()].trim_end_matches(['\n', '\r']).to_string();
        if !content.trim().is_empty() {
            out.push(Block::Code { lang: c.info.clone(), code: content });
        }
        at = c.span.end;
    }
    prose(&text[at.min(body.end)..body.end], &mut out);
    out
}

/// The code of every code block among `blocks`: the commands a check or an action names.
pub fn commands(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Code { code, .. } => Some(code.as_str()),
            _ => None,
        })
        .collect()
}

/// Splits prose into paragraphs at blank lines and recognises bold keys.
fn prose(s: &str, out: &mut Vec<Block>) {
    let mut para: Vec<&str> = Vec::new();
    for line in s.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !para.is_empty() {
                paragraph(&para.join("\n"), out);
                para.clear();
            }
        } else {
            para.push(line.trim_end());
        }
    }
}

fn paragraph(p: &str, out: &mut Vec<Block>) {
    let t = p.trim();
    if t.starts_with("<!--") && t.ends_with("-->") {
        return;
    }
    if let Some((key, rest)) = bold_key(t) {
        out.push(Block::Field { key, text: rest.trim().to_string() });
    } else {
        out.push(Block::Text { text: p.to_string() });
    }
}

/// `**Key:** rest` or `**Key**: rest`.
fn bold_key(p: &str) -> Option<(String, &str)> {
    let inner = p.strip_prefix("**")?;
    let close = inner.find("**")?;
    let key = &inner[..close];
    let after = &inner[close + 2..];
    if let Some(k) = key.strip_suffix(':') {
        return (!k.trim().is_empty()).then(|| (k.trim().to_string(), after));
    }
    let after = after.strip_prefix(':')?;
    (!key.trim().is_empty()).then(|| (key.trim().to_string(), after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Markdown;

    fn cut(text: &str) -> Vec<Block> {
        let md = Markdown::parse(text);
        blocks(text, &(0..text.len()), &md.code_blocks)
    }

    #[test]
    fn bold_keys_become_fields_and_code_blocks_commands() {
        let text = "**Command/method:**\n\n```bash\nkubectl get pods\n```\n\n**What you're looking for:** A 1-3 line fix.\n\n**Common pitfall:** config.\n";
        let b = cut(text);
        assert_eq!(
            b,
            vec![
                Block::Field { key: "Command/method".into(), text: String::new() },
                Block::Code { lang: "bash".into(), code: "kubectl get pods".into() },
                Block::Field { key: "What you're looking for".into(), text: "A 1-3 line fix.".into() },
                Block::Field { key: "Common pitfall".into(), text: "config.".into() },
            ]
        );
        assert_eq!(commands(&b), vec!["kubectl get pods"]);
    }

    #[test]
    fn lists_and_plain_paragraphs_stay_text_and_comments_go() {
        let b = cut("**Mitigation**: now\n\n1. Stop\n2. Page\n\n<!-- hidden -->\n");
        assert_eq!(
            b,
            vec![
                Block::Field { key: "Mitigation".into(), text: "now".into() },
                Block::Text { text: "1. Stop\n2. Page".into() },
            ]
        );
    }
}
