//! Mermaid `flowchart TD`: questions as decision shapes, outcomes styled by their marker
//! with `classDef`, answers on the edges, jumps dashed (`-.->`).
//!
//! Invariant: every label is written inside double quotes with the characters Mermaid
//! would read as syntax or markup replaced by its entity codes (`#quot;`, `#35;`, …), so
//! no document text can end a label, start an edge or inject HTML.

use std::fmt::Write as _;

use super::diagram::{Class, Diagram, Shape};

/// The Mermaid text of a diagram.
pub fn render(diagram: &Diagram) -> String {
    let mut out = String::new();
    if let Some(title) = &diagram.title {
        // Front matter carries the title; YAML needs its own quoting.
        let _ = writeln!(out, "---\ntitle: \"{}\"\n---", title.replace('\\', "\\\\").replace('"', "\\\""));
    }
    out.push_str("flowchart TD\n");
    for b in &diagram.boxes {
        let label = escape(&b.label);
        let (open, close) = match b.shape {
            Shape::Start => ("([", "])"),
            Shape::Decision => ("{", "}"),
            Shape::Step => ("[", "]"),
            Shape::Outcome => ("(", ")"),
            Shape::File => ("[[", "]]"),
        };
        let _ = writeln!(out, "    {}{open}\"{label}\"{close}", b.id);
    }
    for g in &diagram.groups {
        // A node named inside a subgraph after it was declared moves into it.
        let _ = writeln!(out, "    subgraph {}[\"{}\"]", g.id, escape(&g.label));
        for m in &g.members {
            let _ = writeln!(out, "        {m}");
        }
        out.push_str("    end\n");
    }
    for a in &diagram.arrows {
        let arrow = if a.jump { "-.->" } else { "-->" };
        match &a.label {
            Some(l) => {
                let _ = writeln!(out, "    {} {arrow}|\"{}\"| {}", a.from, escape(l), a.to);
            }
            None => {
                let _ = writeln!(out, "    {} {arrow} {}", a.from, a.to);
            }
        }
    }
    let classes = [
        Class::Question,
        Class::Step,
        Class::Action,
        Class::Warning,
        Class::Reject,
        Class::Stop,
        Class::Unmarked,
        Class::External,
        Class::Broken,
    ];
    for class in classes {
        let ids: Vec<&str> = diagram.boxes.iter().filter(|b| b.class == class).map(|b| b.id.as_str()).collect();
        if ids.is_empty() {
            continue;
        }
        let (fill, stroke) = class.colors();
        let dash = if matches!(class, Class::Unmarked | Class::Broken) { ",stroke-dasharray:4 3" } else { "" };
        let _ = writeln!(out, "    classDef {} fill:{fill},stroke:{stroke},color:#111827{dash}", class.name());
        let _ = writeln!(out, "    class {} {}", ids.join(","), class.name());
    }
    out
}

/// A label's text as it may stand between double quotes in Mermaid.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            // `#` starts an entity code itself, so it must be one too.
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            // Invisible controls and bidirectional overrides stay in the data but cannot
            // reorder or drive a terminal the text is printed to.
            c if c.is_control() || super::is_bidi_control(c) => out.push_str(&format!("#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_quotes_pipes_markup_and_entities() {
        assert_eq!(
            escape(r#"say "hi" | <b> & #quot; `x`"#),
            "say #quot;hi#quot; #124; #lt;b#gt; #amp; #35;quot; #96;x#96;"
        );
        assert_eq!(escape("[Check 1] {a} (b) ✅ 😀"), "[Check 1] {a} (b) ✅ 😀");
        assert_eq!(escape("a\u{202E}b\tc"), "a#8238;b#9;c");
    }
}
