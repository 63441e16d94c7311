//! What a team may change about the format: section names, terminal markers, runbook
//! folders, rule severities, which files are checked and where rule documentation lives.
//! `Config::default()` is the format of FORMAT.md.
//!
//! [`Config::from_toml`] reads a `treelint.toml`. Invariant: loading is strict — an unknown
//! key, a value of the wrong type, an unknown rule, severity, marker kind or an invalid glob
//! is a [`ConfigError`] that names the line, column and dotted key (with a "did you mean"
//! when a known name is close), never a silently ignored setting. The core does no I/O: the
//! caller reads the file and attaches its path with [`ConfigError::with_path`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Severity, Span};
use crate::line_index::LineIndex;
use crate::rules::Rule;

/// The JSON Schema of `treelint.toml`, for editors (`treelint config --schema`).
pub const SCHEMA: &str = include_str!("config.schema.json");

/// Where rule documentation lives unless `docs-url` says otherwise.
pub const DEFAULT_DOCS_URL: &str = "https://treelint.dev/rules/";

/// The meaning of a terminal marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
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

impl OutcomeKind {
    /// The kind's name in machine-readable output (`action`, `warning`, `reject`, `stop`).
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Action => "action",
            OutcomeKind::Warning => "warning",
            OutcomeKind::Reject => "reject",
            OutcomeKind::Stop => "stop",
        }
    }
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
    /// Globs (relative to the workspace root) a file found in a folder must match to be
    /// checked; empty: every Markdown file.
    pub include: Vec<String>,
    /// Globs (relative to the workspace root) of files never checked when found in a folder.
    pub exclude: Vec<String>,
    /// The base of every rule's documentation URL (see [`Rule::url`]).
    pub docs_url: String,
    /// Whether decision trees embedded in ordinary Markdown (READMEs, runbooks, guides) are
    /// checked (FORMAT.md §1). Off: such files get no findings.
    pub embedded: bool,
    /// Folders, relative to the workspace root, whose Markdown files are all tree documents
    /// (every rule applies), whatever they hold.
    pub tree_dirs: Vec<PathBuf>,
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
            include: Vec::new(),
            exclude: Vec::new(),
            docs_url: DEFAULT_DOCS_URL.into(),
            embedded: true,
            tree_dirs: Vec::new(),
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

    /// The documentation URL of `rule` under this configuration's `docs-url`.
    pub fn rule_url(&self, rule: Rule) -> String {
        rule.url(&self.docs_url)
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

impl Config {
    /// The marker that `text` ends with, if any (a variation selector after it included),
    /// and the byte offset where it starts.
    pub fn marker_at_end(&self, text: &str) -> Option<(&Marker, usize)> {
        let s = text.trim_end().trim_end_matches('\u{FE0F}');
        self.markers.iter().find_map(|m| s.strip_suffix(m.symbol.as_str()).map(|rest| (m, rest.len())))
    }
}

/// A `treelint.toml` that cannot be used: where, which key, what is wrong, and a likely fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, when the caller attached it.
    pub path: Option<PathBuf>,
    /// Byte span of the offending key or value (empty when the whole file is at fault).
    pub span: Span,
    /// 1-based line and column (in characters) of `span.start`.
    pub line: usize,
    pub column: usize,
    /// The dotted key at fault (`rules.missing-detail`), when there is one.
    pub key: Option<String>,
    pub message: String,
    /// A close known name, for "did you mean".
    pub suggestion: Option<String>,
}

impl ConfigError {
    fn new(text: &str, span: Span, key: Option<String>, message: impl Into<String>) -> Self {
        let lines = LineIndex::new(text);
        let at = lines.line_col(text, span.start);
        ConfigError {
            path: None,
            span,
            line: at.line as usize + 1,
            column: at.col as usize + 1,
            key,
            message: message.into(),
            suggestion: None,
        }
    }

    fn suggest<'a>(mut self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        self.suggestion = did_you_mean(word, candidates).map(str::to_string);
        self
    }

    /// The same error, naming the file it came from.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }
}

impl fmt::Display for ConfigError {
    /// `treelint.toml:3:1: key `rules.missing-detail`: unknown rule (did you mean `missing-details`?)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.as_ref().map_or_else(|| "treelint.toml".to_string(), |p| p.display().to_string());
        write!(f, "{path}:{}:{}: ", self.line, self.column)?;
        if let Some(key) = &self.key {
            write!(f, "key `{key}`: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// The closest of `candidates` to `word`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `treelint.toml` as written. Every table denies unknown keys so typos surface.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    docs_url: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    runbook_dirs: Option<Vec<String>>,
    tree_dirs: Option<Vec<String>>,
    embedded: Option<bool>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    sections: Option<RawSections>,
    markers: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSections {
    tree: Option<String>,
    details: Option<String>,
    actions: Option<String>,
    edge_cases: Option<String>,
    cross_references: Option<String>,
}

/// The top-level keys, for suggestions.
pub const TOP_LEVEL_KEYS: &[&str] =
    &["docs-url", "include", "exclude", "runbook-dirs", "tree-dirs", "embedded", "rules", "sections", "markers"];
/// The keys of `[sections]`.
pub const SECTION_KEYS: &[&str] = &["tree", "details", "actions", "edge-cases", "cross-references"];
/// The values of `[rules]`.
pub const RULE_LEVELS: &[&str] = &["error", "warning", "info", "hint", "off"];
/// The values of `[markers]`.
pub const MARKER_KINDS: &[&str] = &["action", "warning", "reject", "stop"];

impl Config {
    /// Reads the text of a `treelint.toml`. Keys it does not set keep their defaults.
    /// The first of its mistakes, if any (see [`Config::from_toml_all`]).
    #[allow(clippy::result_large_err, reason = "read once per workspace; a rich error is worth its size")]
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml_all(text).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Reads the text of a `treelint.toml`, or gives every mistake in it at once, in the
    /// order of the file (never an empty list).
    ///
    /// How: a mistake serde stops at (an unknown key, a value of the wrong type) is recorded,
    /// its line blanked (a table header with its whole table), and the text read again, so
    /// the next one is found; the checks of our own (rules, levels, markers, globs) go on
    /// after a mistake. A syntax error stops the reading: what follows it cannot be trusted.
    pub fn from_toml_all(text: &str) -> Result<Config, Vec<ConfigError>> {
        /// More than enough for any hand-written file; bounds the re-reading.
        const MAX_ERRORS: usize = 50;
        let mut errors = Vec::new();
        let mut masked = std::borrow::Cow::Borrowed(text);
        let raw = loop {
            match toml::from_str::<RawConfig>(&masked) {
                Ok(raw) => break Some(raw),
                Err(e) => {
                    let syntax = toml::de::DeTable::parse(&masked).is_err();
                    // A syntax error in the original text is the user's; one that blanking
                    // made is ours, and is not reported.
                    if !syntax || errors.is_empty() {
                        errors.push(serde_error(text, &e));
                    }
                    let Some(span) = e.span().filter(|_| !syntax && errors.len() < MAX_ERRORS) else { break None };
                    let Some(next) = blank_around(&masked, span.start) else { break None };
                    masked = std::borrow::Cow::Owned(next);
                }
            }
        };
        let config = match raw {
            Some(raw) => Config::from_raw(text, raw, &mut errors),
            None => Config::default(),
        };
        if errors.is_empty() {
            return Ok(config);
        }
        errors.sort_by_key(|e| e.span.start);
        errors.dedup();
        Err(errors)
    }

    fn from_raw(text: &str, raw: RawConfig, errors: &mut Vec<ConfigError>) -> Config {
        let mut config = Config::default();
        if let Some(url) = raw.docs_url {
            config.docs_url = url.into_inner();
        }
        if let Some(dirs) = raw.runbook_dirs {
            config.runbook_dirs = dirs.into_iter().map(PathBuf::from).collect();
        }
        if let Some(dirs) = raw.tree_dirs {
            config.tree_dirs = dirs.into_iter().map(PathBuf::from).collect();
        }
        if let Some(embedded) = raw.embedded {
            config.embedded = embedded;
        }
        for (name, globs) in [("include", raw.include), ("exclude", raw.exclude)] {
            let Some(globs) = globs else { continue };
            for g in &globs {
                if let Err(e) = globset::Glob::new(g.get_ref()) {
                    errors.push(ConfigError::new(
                        text,
                        g.span(),
                        Some(name.into()),
                        format!("invalid glob: {}", e.kind()),
                    ));
                }
            }
            let globs = globs.into_iter().map(Spanned::into_inner).collect();
            if name == "include" {
                config.include = globs;
            } else {
                config.exclude = globs;
            }
        }
        for (name, level) in raw.rules.unwrap_or_default() {
            let key = format!("rules.{}", name.get_ref());
            let Some(rule) = Rule::lookup(name.get_ref()) else {
                errors.push(
                    ConfigError::new(text, name.span(), Some(key), format!("unknown rule `{}`", name.get_ref()))
                        .suggest(name.get_ref(), Rule::ALL.iter().map(|r| r.name())),
                );
                continue;
            };
            let severity = match level.get_ref().as_str() {
                "off" => None,
                other => match other.parse::<Severity>() {
                    Ok(s) => Some(s),
                    Err(_) => {
                        errors.push(
                            ConfigError::new(
                                text,
                                level.span(),
                                Some(key),
                                format!("unknown level `{other}` (expected error, warning, info, hint or off)"),
                            )
                            .suggest(other, RULE_LEVELS.iter().copied()),
                        );
                        continue;
                    }
                },
            };
            config.severities.insert(rule, severity);
        }
        if let Some(s) = raw.sections {
            let names = &mut config.sections;
            for (slot, value) in [
                (&mut names.tree, s.tree),
                (&mut names.details, s.details),
                (&mut names.actions, s.actions),
                (&mut names.edge_cases, s.edge_cases),
                (&mut names.cross_references, s.cross_references),
            ] {
                if let Some(v) = value {
                    *slot = v;
                }
            }
        }
        if let Some(markers) = raw.markers {
            let mut out = Vec::new();
            for (symbol, kind) in markers {
                let key = format!("markers.{}", symbol.get_ref());
                let clean: String = symbol.get_ref().trim().chars().filter(|&c| c != '\u{FE0F}').collect();
                if clean.is_empty() {
                    errors.push(ConfigError::new(text, symbol.span(), Some(key), "a marker cannot be empty"));
                    continue;
                }
                let kind = match kind.get_ref().as_str() {
                    "action" => OutcomeKind::Action,
                    "warning" => OutcomeKind::Warning,
                    "reject" => OutcomeKind::Reject,
                    "stop" => OutcomeKind::Stop,
                    other => {
                        errors.push(
                            ConfigError::new(
                                text,
                                kind.span(),
                                Some(key),
                                format!("unknown marker kind `{other}` (expected action, warning, reject or stop)"),
                            )
                            .suggest(other, MARKER_KINDS.iter().copied()),
                        );
                        continue;
                    }
                };
                out.push(Marker { symbol: clean, kind });
            }
            // Longest first, so a marker that starts with another one still matches whole.
            out.sort_by(|a, b| b.symbol.len().cmp(&a.symbol.len()).then_with(|| a.symbol.cmp(&b.symbol)));
            config.markers = out;
        }
        config
    }
}

/// `text` with the line holding `at` blanked (spaces, so every offset stays where it was),
/// or, when that line is a table header, the whole table up to the next header. `None`
/// when there is nothing left to blank there.
fn blank_around(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    let mut end = line_end(start);
    if text[start..end].trim_start().starts_with('[') {
        // The header and every line until the next header.
        while end < text.len() {
            let next = end + 1;
            if text[next..line_end(next)].trim_start().starts_with('[') {
                break;
            }
            end = line_end(next);
        }
    }
    if text[start..end].trim().is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    for c in text[start..end].chars() {
        // Each character becomes as many spaces as it has bytes; line breaks stay.
        match c {
            '\r' | '\n' => out.push(c),
            _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
        }
    }
    out.push_str(&text[end..]);
    Some(out)
}

/// Turns a toml/serde error into one that names the key and suggests a known one.
fn serde_error(text: &str, e: &toml::de::Error) -> ConfigError {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().to_string();
    let key = dotted_key(text, &span);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let word = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> =
            rest.split('`').skip(1).enumerate().filter(|(i, _)| i % 2 == 1).map(|(_, w)| w).collect();
        let candidates: Vec<&str> = if expected.is_empty() { TOP_LEVEL_KEYS.to_vec() } else { expected };
        let list = candidates.join(", ");
        // In an inline table (`sections = { detail = … }`) the line's key is the table's.
        let key = match key {
            Some(k) if k.rsplit('.').next() != Some(word) && !word.is_empty() => Some(format!("{k}.{word}")),
            other => other,
        };
        return ConfigError::new(text, span, key, format!("unknown key `{word}` (known keys: {list})"))
            .suggest(word, candidates);
    }
    ConfigError::new(text, span, key, message)
}

/// The dotted key at `span`: the nearest `[table]` header above it and the key on its line.
fn dotted_key(text: &str, span: &Span) -> Option<String> {
    if span.is_empty() && span.start == 0 {
        return None;
    }
    let start = span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let trimmed = line.trim();
    if trimmed.starts_with('[') {
        return Some(trimmed.trim_matches(['[', ']']).trim().to_string());
    }
    let key = line.split('=').next().unwrap_or("").trim().trim_matches(['"', '\'']).to_string();
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    match (table, key.is_empty()) {
        (_, true) => None,
        (Some(t), false) => Some(format!("{t}.{key}")),
        (None, false) => Some(key),
    }
}
