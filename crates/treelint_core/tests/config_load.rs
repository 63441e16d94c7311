//! Loading `treelint.toml`: every key, and a clear error (line, column, key, "did you mean")
//! for every way a file can be wrong.

use std::path::PathBuf;

use treelint_core::config::{Config, DEFAULT_DOCS_URL, OutcomeKind, SCHEMA};
use treelint_core::{Rule, Severity};

fn err(text: &str) -> String {
    Config::from_toml(text).expect_err("should be rejected").with_path("treelint.toml").to_string()
}

#[test]
fn empty_file_is_the_default_format() {
    assert_eq!(Config::from_toml("").unwrap(), Config::default());
    assert_eq!(Config::default().severity(Rule::MissingDetails), Some(Severity::Warning));
}

#[test]
fn every_key_is_read() {
    let config = Config::from_toml(
        r#"
docs-url = "https://example.com/docs/"
include = ["trees/**/*.md"]
exclude = ["drafts/**", "*.draft.md"]
runbook-dirs = ["ops/runbooks", "runbooks"]

[rules]
missing-details = "error"
check-order = "off"
TL103 = "info"

[sections]
tree = "Der Baum"
details = "Details"
actions = "Actions"
edge-cases = "Caveats"
cross-references = "See Also"

[markers]
"✔" = "action"
"⚠️" = "warning"
"⛔" = "stop"
"#,
    )
    .unwrap();
    assert_eq!(config.docs_url, "https://example.com/docs/");
    assert_eq!(config.include, vec!["trees/**/*.md"]);
    assert_eq!(config.exclude, vec!["drafts/**", "*.draft.md"]);
    assert_eq!(config.runbook_dirs, vec![PathBuf::from("ops/runbooks"), PathBuf::from("runbooks")]);
    assert_eq!(config.severity(Rule::MissingDetails), Some(Severity::Error));
    assert_eq!(config.severity(Rule::CheckOrder), None);
    assert_eq!(config.severity(Rule::LastChildGlyph), Some(Severity::Info));
    assert_eq!(config.severity(Rule::Cycle), Some(Severity::Warning));
    assert_eq!(config.sections.tree, "Der Baum");
    assert_eq!(config.sections.cross_references, "See Also");
    let (marker, len) = config.marker_at_start("⚠️ ESCALATE").unwrap();
    assert_eq!((marker.symbol.as_str(), marker.kind, len), ("⚠", OutcomeKind::Warning, "⚠️".len()));
    assert_eq!(config.marker_at_start("⛔ stop").unwrap().0.kind, OutcomeKind::Stop);
    assert!(config.marker_at_start("✅ default marker replaced").is_none());
    assert_eq!(config.rule_url(Rule::Cycle), "https://example.com/docs/cycle");
}

#[test]
fn unknown_top_level_key() {
    assert_eq!(
        err("docs-url = \"x\"\nsectons = {}\n"),
        "treelint.toml:2:1: key `sectons`: unknown key `sectons` (known keys: docs-url, include, exclude, runbook-dirs, tree-dirs, embedded, rules, sections, markers) (did you mean `sections`?)"
    );
}

#[test]
fn unknown_key_in_a_table() {
    assert_eq!(
        err("[sections]\ndetails = \"Details\"\nedge-case = \"Caveats\"\n"),
        "treelint.toml:3:1: key `sections.edge-case`: unknown key `edge-case` (known keys: tree, details, actions, edge-cases, cross-references) (did you mean `edge-cases`?)"
    );
}

#[test]
fn unknown_rule_name() {
    assert_eq!(
        err("[rules]\nmissing-detail = \"error\"\n"),
        "treelint.toml:2:1: key `rules.missing-detail`: unknown rule `missing-detail` (did you mean `missing-details`?)"
    );
}

#[test]
fn unknown_rule_far_from_any_name_has_no_suggestion() {
    assert_eq!(err("[rules]\nzzz = \"off\"\n"), "treelint.toml:2:1: key `rules.zzz`: unknown rule `zzz`");
}

#[test]
fn unknown_severity() {
    assert_eq!(
        err("[rules]\ncycle = \"warn\"\n"),
        "treelint.toml:2:9: key `rules.cycle`: unknown level `warn` (expected error, warning, info, hint or off) (did you mean `warning`?)"
    );
}

#[test]
fn wrong_type() {
    let e = err("include = \"*.md\"\n");
    assert!(
        e.starts_with("treelint.toml:1:11: key `include`: invalid type: string \"*.md\", expected a sequence"),
        "{e}"
    );
    let e = err("[rules]\ncycle = 3\n");
    assert!(e.starts_with("treelint.toml:2:9: key `rules.cycle`: invalid type: integer `3`, expected a string"), "{e}");
    let e = err("sections = \"Node Details\"\n");
    assert!(e.starts_with("treelint.toml:1:12: key `sections`: invalid type"), "{e}");
}

#[test]
fn unknown_marker_kind() {
    assert_eq!(
        err("[markers]\n\"✅\" = \"actoin\"\n"),
        "treelint.toml:2:7: key `markers.✅`: unknown marker kind `actoin` (expected action, warning, reject or stop) (did you mean `action`?)"
    );
}

#[test]
fn invalid_glob() {
    let e = err("exclude = [\"ok/**\", \"bad/[\"]\n");
    assert!(e.starts_with("treelint.toml:1:21: key `exclude`: invalid glob"), "{e}");
}

#[test]
fn toml_syntax_error_names_the_place() {
    let e = err("[rules\ncycle = \"off\"\n");
    assert!(e.starts_with("treelint.toml:1:"), "{e}");
}

#[test]
fn schema_knows_every_key_and_rule() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let props = schema["properties"].as_object().unwrap();
    let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
    keys.sort();
    let mut known = treelint_core::config::TOP_LEVEL_KEYS.to_vec();
    known.sort();
    assert_eq!(keys, known);
    let sections: Vec<&str> = props["sections"]["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    for key in treelint_core::config::SECTION_KEYS {
        assert!(sections.contains(key), "{key}");
    }
    let rules = props["rules"]["properties"].as_object().unwrap();
    for rule in Rule::ALL {
        assert!(rules.contains_key(rule.name()), "schema lacks {}", rule.name());
    }
    assert_eq!(rules.len(), Rule::ALL.len());
}

/// The `rules.properties` entries of `config.schema.json`, one per rule of the rule table in
/// catalogue order, as the file writes them (two-space JSON at that depth).
fn schema_rule_entries() -> String {
    let entries: Vec<String> = Rule::ALL
        .iter()
        .map(|rule| {
            format!(
                "        \"{name}\": {{\n          \"$ref\": \"#/$defs/level\",\n          \"description\": \"{code}; default: {severity}. {url}\"\n        }}",
                name = rule.name(),
                code = rule.code(),
                severity = rule.default_severity().as_str(),
                url = rule.url(DEFAULT_DOCS_URL),
            )
        })
        .collect();
    entries.join(",\n")
}

/// The schema's rule entries are generated from the rule table, never edited by hand. After
/// adding a rule or changing its code or default severity, regenerate them with
/// `TREELINT_BLESS=1 cargo test -p treelint_core --test config_load`.
#[test]
fn schema_rule_entries_are_generated_from_the_rule_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/config.schema.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let rules = text.find("\"rules\": {").expect("the schema has a rules key");
    let open = "\"properties\": {\n";
    let start = rules + text[rules..].find(open).expect("rules has properties") + open.len();
    let end = start + text[start..].find("\n      },\n").expect("the end of the rule entries");
    let expected = [&text[..start], &schema_rule_entries(), &text[end..]].concat();
    if text == expected {
        return;
    }
    if std::env::var_os("TREELINT_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    panic!(
        "{}: the rule entries differ from the rule table; run \
         `TREELINT_BLESS=1 cargo test -p treelint_core --test config_load`",
        path.display()
    );
}

#[test]
fn unknown_key_in_an_inline_table() {
    assert_eq!(
        err("sections = { detail = \"X\" }\n"),
        "treelint.toml:1:14: key `sections.detail`: unknown key `detail` (known keys: tree, details, actions, edge-cases, cross-references) (did you mean `details`?)"
    );
}

#[test]
fn embedded_checking_and_tree_folders() {
    let config = Config::from_toml("embedded = false\ntree-dirs = [\"trees\", \"docs/decisions\"]\n").unwrap();
    assert!(!config.embedded);
    assert_eq!(config.tree_dirs, vec![std::path::PathBuf::from("trees"), std::path::PathBuf::from("docs/decisions")]);
    assert!(Config::default().embedded, "embedded trees are checked unless turned off");
    let e = err("embedded = \"no\"\n");
    assert!(e.starts_with("treelint.toml:1:12: key `embedded`"), "{e}");
}

/// A file with several mistakes gives all of them at once, in the order of the file:
/// unknown keys (top level, in a table, a whole unknown table), values of the wrong type,
/// unknown rules, levels, marker kinds and bad globs.
#[test]
fn every_mistake_is_reported_at_once() {
    let text = "docs-url = 3\nexclud = [\"x\"]\nexclude = [\"bad/[\"]\n\n[rules]\nmissing-detail = \"error\"\ncycle = \"warn\"\n\n[sections]\ndetail = \"Details\"\ntree = \"Der Baum\"\n\n[colors]\nred = 1\n\n[markers]\n\"✅\" = \"actoin\"\n";
    let errors = Config::from_toml_all(text).expect_err("should be rejected");
    let shown: Vec<String> = errors.into_iter().map(|e| e.with_path("treelint.toml").to_string()).collect();
    let places: Vec<&str> = shown.iter().map(|e| e.split(": ").next().unwrap()).collect();
    assert_eq!(
        places,
        [
            "treelint.toml:1:12",
            "treelint.toml:2:1",
            "treelint.toml:3:12",
            "treelint.toml:6:1",
            "treelint.toml:7:9",
            "treelint.toml:10:1",
            "treelint.toml:13:2",
            "treelint.toml:17:7"
        ],
        "{shown:#?}"
    );
    assert!(shown[0].contains("key `docs-url`: invalid type: integer `3`, expected a string"), "{}", shown[0]);
    assert!(shown[1].contains("(did you mean `exclude`?)"), "{}", shown[1]);
    assert!(shown[2].contains("invalid glob"), "{}", shown[2]);
    assert!(shown[3].contains("unknown rule `missing-detail`"), "{}", shown[3]);
    assert!(shown[4].contains("unknown level `warn`"), "{}", shown[4]);
    assert!(shown[5].contains("unknown key `detail`"), "{}", shown[5]);
    assert!(shown[6].contains("unknown key `colors`"), "{}", shown[6]);
    assert!(shown[7].contains("unknown marker kind `actoin`"), "{}", shown[7]);
    // The first of them is what `from_toml` gives.
    assert_eq!(Config::from_toml(text).unwrap_err().with_path("treelint.toml").to_string(), shown[0]);
}

/// A syntax error stops the reading: it is reported, and nothing made up after it.
#[test]
fn a_syntax_error_is_reported_alone() {
    let errors = Config::from_toml_all("[rules\ncycle = \"off\"\nzzz = 3\n").expect_err("should be rejected");
    assert_eq!(errors.len(), 1, "{errors:?}");
}
