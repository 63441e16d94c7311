//! What a team may change about the format: section names, terminal markers, runbook
//! folders and rule severities. `Config::default()` is the format of FORMAT.md.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::Severity;
use crate::rules::Rule;

/// The meaning of a terminal marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// Do this (✅).
    Action,
    /// Stop and escalate, or proceed with care (⚠️).
    Warning,
    /// Do not do this (❌).
    Reject,
    /// Stop everything (🛑).
    Stop,
}

/// A symbol that starts a terminal outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The symbol as written, without variation selectors (`⚠`, not `⚠️`).
    pub symbol: String,
    pub kind: OutcomeKind,
}

/// Heading titles of the sections, compared case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionNames {
    pub tree: String,
    pub details: String,
    pub actions: String,
    pub edge_cases: String,
    pub cross_references: String,
}

impl Default for SectionNames {
    fn default() -> Self {
        SectionNames {
            tree: "The Tree".into(),
            details: "Node Details".into(),
            actions: "Terminal Actions".into(),
            edge_cases: "Edge Cases".into(),
            cross_references: "Cross-References".into(),
        }
    }
}

/// Everything the analysis needs to know that is not in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub sections: SectionNames,
    pub markers: Vec<Marker>,
    /// Folders, relative to the workspace root, where runbooks are looked up (the folder of
    /// the tree itself is always searched first).
    pub runbook_dirs: Vec<PathBuf>,
    /// Severity overrides; `None` turns a rule off.
    pub severities: HashMap<Rule, Option<Severity>>,
}

impl Default for Config {
    fn default() -> Self {
        let marker = |symbol: &str, kind| Marker { symbol: symbol.into(), kind };
        Config {
            sections: SectionNames::default(),
            markers: vec![
                marker("✅", OutcomeKind::Action),
                marker("⚠", OutcomeKind::Warning),
                marker("❌", OutcomeKind::Reject),
                marker("🛑", OutcomeKind::Stop),
            ],
            runbook_dirs: vec![PathBuf::from("runbooks")],
            severities: HashMap::new(),
        }
    }
}

impl Config {
    /// The severity `rule` reports at, or `None` when it is turned off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.severities.get(&rule) {
            Some(over) => *over,
            None => Some(rule.default_severity()),
        }
    }

    /// The marker that `text` starts with, if any, and its length in bytes (including any
    /// variation selector that follows it).
    pub fn marker_at_start(&self, text: &str) -> Option<(&Marker, usize)> {
        self.markers.iter().find_map(|m| {
            let rest = text.strip_prefix(m.symbol.as_str())?;
            let selector = if rest.starts_with('\u{FE0F}') { '\u{FE0F}'.len_utf8() } else { 0 };
            Some((m, m.symbol.len() + selector))
        })
    }
}
