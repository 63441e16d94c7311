//! Graphviz DOT with the information of the Mermaid export: decision diamonds, outcome
//! boxes filled by marker, answers on the edges, jumps dashed.
//!
//! Invariant: every identifier is `n<index>` and every label a double-quoted string with
//! `\` and `"` escaped, line breaks written as `\n` (long labels are wrapped at spaces) and other control characters and
//! bidirectional overrides as character references (`&#8238;`), so document text cannot
//! close a string, start a statement or reorder what a viewer shows.

use std::fmt::Write as _;

use super::diagram::{Class, Diagram, Shape};

const FONT: &str = "Helvetica";

/// The DOT text of a diagram.
pub fn render(diagram: &Diagram) -> String {
    let mut out = String::new();
    let name = diagram.title.as_deref().unwrap_or("decision tree");
    let _ = writeln!(out, "digraph \"{}\" {{", escape(name));
    let _ = writeln!(out, "    graph [rankdir=TB, fontname=\"{FONT}\", label=\"{}\", labelloc=t];", escape(name));
    let _ = writeln!(out, "    node [fontname=\"{FONT}\", shape=box, style=\"rounded,filled\"];");
    let _ = writeln!(out, "    edge [fontname=\"{FONT}\", fontsize=10];");
    for b in &diagram.boxes {
        let shape = match b.shape {
            Shape::Start => "oval",
            Shape::Decision => "diamond",
            Shape::Step => "box",
            Shape::Outcome => "box",
            Shape::File => "component",
        };
        let (fill, stroke) = b.class.colors();
        // An outcome with no marker, or a broken jump, is drawn dashed as in Mermaid.
        let style =
            if matches!(b.class, Class::Unmarked | Class::Broken) { ", style=\"rounded,filled,dashed\"" } else { "" };
        let _ = writeln!(
            out,
            "    {} [label=\"{}\", shape={shape}{style}, fillcolor=\"{fill}\", color=\"{stroke}\", class=\"{}\"];",
            b.id,
            wrapped(&b.label, if b.shape == Shape::Decision { 24 } else { 30 }),
            b.class.name()
        );
    }
    for g in &diagram.groups {
        // A `cluster` subgraph is drawn as a framed group with its label.
        let _ = writeln!(out, "    subgraph cluster_{} {{", g.id);
        let _ = writeln!(out, "        label=\"{}\";", escape(&g.label));
        let _ = writeln!(out, "        {};", g.members.join("; "));
        out.push_str("    }\n");
    }
    for a in &diagram.arrows {
        let mut attrs = Vec::new();
        if let Some(l) = &a.label {
            attrs.push(format!("label=\"{}\"", wrapped(l, 24)));
        }
        if a.jump {
            attrs.push("style=dashed".to_string());
        }
        let attrs = if attrs.is_empty() { String::new() } else { format!(" [{}]", attrs.join(", ")) };
        let _ = writeln!(out, "    {} -> {}{attrs};", a.from, a.to);
    }
    out.push_str("}\n");
    out
}

/// A label escaped and broken into lines of about `width` characters at spaces (Graphviz
/// does not wrap, and a question drawn as a diamond on one line is as wide as the page).
fn wrapped(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.iter().map(|l| escape(l)).collect::<Vec<_>>().join("\\n")
}

/// A text as it may stand in a double-quoted DOT string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            // Graphviz reads `&name;` as a character entity; a literal `&` must stay literal.
            '&' => out.push_str("&amp;"),
            c if c.is_control() || super::is_bidi_control(c) => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_backslashes_and_quotes() {
        assert_eq!(escape(r#"a "b" \l <c> | {d}"#), r#"a \"b\" \\l <c> | {d}"#);
        assert_eq!(escape("a\u{202E}b"), "a&#8238;b");
        assert_eq!(escape("&amp; & x"), "&amp;amp; &amp; x");
        assert_eq!(
            super::wrapped("Is the fix known and \"low-risk\" enough?", 12),
            r#"Is the fix\nknown and\n\"low-risk\"\nenough?"#
        );
    }
}
