//! `treelint new`: the text of a new tree with every section in place, ready to edit.
//!
//! Invariant: the scaffold passes `check` with no finding at all (metadata, two checks with
//! details, every terminal resolving to its action, no unused action, no broken link) and
//! is already formatted; tests hold both.

use crate::syntax::node_text::find_check_label;

/// The title as one clean line: control characters and runs of whitespace become single
/// spaces; an empty title becomes a placeholder.
fn clean(title: &str) -> String {
    let words: Vec<&str> =
        title.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() { "New decision tree".to_string() } else { words.join(" ") }
}

/// The Markdown of a new decision tree titled `title` (its starting question is the title,
/// with a `?` added when it has none).
pub fn scaffold(title: &str) -> String {
    let title = clean(title);
    let bare = title
        .strip_prefix("Decision Tree:")
        .or_else(|| title.strip_prefix("Decision tree:"))
        .map_or(title.as_str(), str::trim);
    let question = without_check_labels(bare);
    let question = if question.ends_with('?') { question } else { format!("{question}?") };
    TEMPLATE.replace("{title}", bare).replace("{question}", &question)
}

/// The title without `[Check ID]` labels: in the outline's root they would declare a check.
fn without_check_labels(title: &str) -> String {
    let mut text = title.to_string();
    while let Some(label) = find_check_label(&text, 0..text.len()) {
        text.replace_range(label.span, "");
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() { "Where do I start".to_string() } else { words.join(" ") }
}

const TEMPLATE: &str = r#"# Decision Tree: {title}

**Category:** General
**Starting Question:** "{question}"
**Estimated traversal:** 2-5 minutes
**Domains:** general

## The Tree

```tree
{question}
│
└── [Check 1] Is the symptom confirmed?
    ├── NO → ✅ CLOSE AS A FALSE ALARM
    └── YES
        └── [Check 2] Is there a known, tested fix?
            ├── YES → ✅ APPLY THE KNOWN FIX
            └── NO → ⚠️ ESCALATE TO THE OWNING TEAM
```

<!-- Write the outline in the block above: `├──` for a child with siblings below it, `└──`
     for the last, `[Check N]` on each question, `→ ✅ …` / `→ ⚠️ …` for outcomes and
     `→ go to [Check N]` for jumps. `treelint fmt` redraws it; an indented bullet list in a
     ```tree block is redrawn too. -->

## Node Details

### Check 1: Confirm the symptom

**Command/method:**

```bash
# How to see the symptom for yourself (a dashboard query, a log search, a health check)
curl -s https://service.example.com/health
```

**What you're looking for:** What confirms the symptom, and what rules it out.

### Check 2: Is there a known, tested fix?

**Command/method:** Search the runbooks and recent incidents for the same symptom.

**What you're looking for:** A fix that was used before and is documented.

## Terminal Actions

### ✅ Action: Close as a False Alarm

**Do:**

```bash
# Record why the symptom was not real, then close the alert or ticket
```

### ✅ Action: Apply the Known Fix

**Do:**

```bash
# The steps of the fix, then how to verify it worked
```

### ⚠️ Warning: Escalate to the Owning Team

**When:** The symptom is real and no known fix applies.

**Risk:** Acting without a tested fix can make the incident worse.

**Mitigation:**

1. Page the owning team
2. Share what Check 1 and Check 2 found

## Edge Cases

- **Describe a case the tree does not cover well:** and what to do instead.

## Cross-References

<!-- Comma-separated entries, e.g. `**Runbooks:** rollback-procedure.md` -->

- **Topic Packs:**
- **Runbooks:**
- **Related trees:**
"#;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;
    use crate::format::format_document;
    use crate::workspace::{NoFiles, Workspace};

    fn findings(text: &str) -> Vec<String> {
        let ws = Workspace::new(PathBuf::from("/empty"), Config::default(), Arc::new(NoFiles));
        crate::analyze(Path::new("/empty/new.md"), text, &ws)
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect()
    }

    #[test]
    fn a_scaffold_passes_check_cleanly() {
        for title in [
            "Roll back or fix forward?",
            "Should I page",
            "Decision Tree: Disk filling up",
            "  weird\n\ttitle \u{7} \"quoted\" [Check 9] → x ",
            "",
        ] {
            let text = scaffold(title);
            assert!(crate::Document::parse(text.as_str(), &Config::default()).is_tree());
            assert_eq!(findings(&text), Vec::<String>::new(), "{title:?}\n{text}");
        }
    }

    #[test]
    fn a_scaffold_is_already_formatted() {
        let text = scaffold("Roll back or fix forward");
        assert!(!format_document(&text, &Config::default()).changed());
        assert!(text.starts_with("# Decision Tree: Roll back or fix forward\n"));
        assert!(text.contains("\nRoll back or fix forward?\n│\n└── [Check 1]"));
    }
}
