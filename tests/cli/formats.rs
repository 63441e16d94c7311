//! Every output format on the canonical example (snapshots), and the structure that the
//! programs reading them rely on: SARIF 2.1.0, GitHub workflow commands, JUnit XML.

use crate::cli_support::{CANONICAL, canonical_dir, stdout, treelint};
use serde_json::Value;

#[test]
fn concise_snapshot() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 22, "one line per finding");
    insta::assert_snapshot!(text);
}

#[test]
fn github_snapshot_one_annotation_per_finding() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--format", "github"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 22);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error file=")).count(), 2);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::warning file=")).count(), 11);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::notice file=")).count(), 9);
    for l in &lines {
        let (props, message) = l[2..].split_once("::").expect("::level props::message");
        assert!(
            props.contains(",line=")
                && props.contains(",col=")
                && props.contains(",endLine=")
                && props.contains(",endColumn="),
            "{l}"
        );
        assert!(message.contains("%0Ahttps://treelint.dev/rules/"), "the documentation URL ends the message: {l}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn github_messages_cannot_inject_commands() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Decision Tree: X\n\n```tree\nRoot?\n└── [Check 1] Go?\n    ├── YES%0A::error::pwned → next\n    └── NO → ✅ DONE\n```\n";
    std::fs::write(dir.path().join("x.md"), text).unwrap();
    let out = stdout(&treelint(dir.path(), &["check", "x.md", "--format", "github"]));
    let json: Value =
        serde_json::from_slice(&treelint(dir.path(), &["check", "x.md", "--format", "json"]).stdout).unwrap();
    // A command ends at a line break, so one finding must stay one line whatever its text.
    assert_eq!(out.lines().count(), json["diagnostics"].as_array().unwrap().len());
    assert!(
        out.lines().all(|l| l.starts_with("::warning ") || l.starts_with("::notice ") || l.starts_with("::error ")),
        "{out}"
    );
    assert!(out.contains("YES%250A::error::pwned"), "a literal %0A is escaped, not decoded: {out}");
}

/// The SARIF log without what comes from rule documentation (others' files) or the version.
fn sarif_stable(mut log: Value) -> Value {
    log["runs"][0]["tool"]["driver"]["semanticVersion"] = Value::from("[version]");
    for rule in log["runs"][0]["tool"]["driver"]["rules"].as_array_mut().unwrap() {
        for key in ["shortDescription", "fullDescription", "help"] {
            rule[key] = Value::from(format!("[{key}]"));
        }
    }
    log
}

#[test]
fn sarif_snapshot_and_structure() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "treelint");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), treelint_rules_count());
    for r in rules {
        assert!(r["id"].as_str().unwrap().starts_with("TL"));
        assert!(r["helpUri"].as_str().unwrap().ends_with(r["name"].as_str().unwrap()));
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty(), "{r}");
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 22);
    for res in results {
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], res["ruleId"]);
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], format!("{CANONICAL}"));
        let region = &loc["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key} is 1-based");
        }
    }
    let terminal = results.iter().find(|r| r["ruleId"] == "TL304").unwrap();
    assert_eq!(terminal["locations"][0]["physicalLocation"]["region"]["startLine"], 26);
    assert_eq!(terminal["locations"][0]["physicalLocation"]["region"]["startColumn"], 31);
    insta::assert_json_snapshot!(sarif_stable(log));
}

#[test]
fn sarif_columns_count_utf16_code_units() {
    let dir = tempfile::tempdir().unwrap();
    // `😀` is one character but two UTF-16 code units.
    let text = "# Decision Tree: X\n\n```tree\nRoot?\n└── 😀 [Check 1] Is it down?\n    ├── YES → ✅ GO\n    └── NO → ✅ STAY\n```\n";
    std::fs::write(dir.path().join("x.md"), text).unwrap();
    let sarif: Value =
        serde_json::from_slice(&treelint(dir.path(), &["check", "x.md", "--format", "sarif"]).stdout).unwrap();
    let json: Value =
        serde_json::from_slice(&treelint(dir.path(), &["check", "x.md", "--format", "json"]).stdout).unwrap();
    let in_sarif = sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "TL301").unwrap();
    let in_json = json["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "missing-details").unwrap();
    assert_eq!(in_json["column"], 7, "JSON counts characters");
    assert_eq!(in_sarif["locations"][0]["physicalLocation"]["region"]["startColumn"], 8, "SARIF counts UTF-16 units");
    assert_eq!(in_sarif["locations"][0]["physicalLocation"]["region"]["endColumn"], 17);
}

fn treelint_rules_count() -> usize {
    let dir = tempfile::tempdir().unwrap();
    let rules: Value = serde_json::from_slice(&treelint(dir.path(), &["rules", "--format", "json"]).stdout).unwrap();
    rules.as_array().unwrap().len()
}

#[test]
fn junit_snapshot() {
    let dir = canonical_dir();
    std::fs::write(dir.path().join("clean.md"), "# Decision Tree: Clean\n\n**Category:** x\n**Starting Question:** y\n**Domains:** z\n\n```tree\nGo?\n├── YES → ✅ GO\n└── NO → ⚠️ STOP\n```\n\n## Terminal Actions\n\n### ✅ Action: Go\n\n**Do:** go.\n\n### ⚠️ Warning: Stop\n\n**When:** now.\n").unwrap();
    let out = treelint(dir.path(), &["check", CANONICAL, "clean.md", "--format", "junit"]);
    let xml = stdout(&out);
    assert_eq!(xml.matches("<testcase ").count(), 2, "one testcase per file");
    // The canonical example has 2 errors: its test case fails, once, listing them; its
    // warnings, info and hints (below --fail-on) are output, not failures.
    assert_eq!(xml.matches("<failure ").count(), 1, "one failure per failing file");
    assert!(xml.contains("tests=\"2\" failures=\"1\" errors=\"0\""), "{xml}");
    assert!(xml.contains("<failure message=\"2 findings at error or above\""), "{xml}");
    assert_eq!(xml.matches(": hint [").count(), 6, "hints are in the output, not failures");
    assert_eq!(out.status.code(), Some(1), "a failing test case, a failing exit status");
    insta::assert_snapshot!(xml);
    // At --fail-on hint every finding fails; the counts follow.
    let out = treelint(dir.path(), &["check", CANONICAL, "clean.md", "--format", "junit", "--fail-on", "hint"]);
    let xml = stdout(&out);
    assert!(xml.contains("tests=\"2\" failures=\"1\" errors=\"0\""), "{xml}");
    assert!(xml.contains("<failure message=\"22 findings at hint or above\""), "{xml}");
    assert!(!xml.contains("<system-out>"), "{xml}");
    // Below the threshold, no failure at all, as the exit status says.
    std::fs::write(dir.path().join("treelint.toml"), "[rules]\nbroken-related-tree = \"warning\"\n").unwrap();
    let out = treelint(dir.path(), &["check", CANONICAL, "clean.md", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("tests=\"2\" failures=\"0\" errors=\"0\""), "{}", stdout(&out));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--statistics"]);
    assert_eq!(out.status.code(), Some(1), "statistics do not change the exit status");
    insta::assert_snapshot!(stdout(&out));
    let json: Value =
        serde_json::from_slice(&treelint(dir.path(), &["check", CANONICAL, "--statistics", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json["version"], 1, "the versioned object of every JSON output: {json}");
    assert_eq!(json["total"], 22);
    let first = &json["statistics"][0];
    assert_eq!(
        (first["name"].as_str(), first["count"].as_u64(), first["fixable"].as_u64()),
        (Some("last-child-glyph"), Some(6), Some(6))
    );
}

#[test]
fn output_file_receives_the_report() {
    let dir = canonical_dir();
    let out = treelint(dir.path(), &["check", CANONICAL, "--format", "json", "--output-file", "report.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let json: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 22);
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["url"].as_str().unwrap().starts_with("https://treelint.dev/rules/"))
    );
}

#[test]
fn no_format_lets_control_characters_through() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Decision Tree: X\n\n```tree\nRoot?\n└── [Check 1] Evil \u{1b}]52;c;aGk=\u{7} question?\n    ├── YES → \u{1b}[2J wipe\n    └── NO → \u{202e}gnp.exe\n```\n";
    std::fs::write(dir.path().join("evil.md"), text).unwrap();
    for format in ["concise", "github", "sarif", "junit"] {
        let out = stdout(&treelint(dir.path(), &["check", "evil.md", "--format", format]));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'), "{format}: {out}");
    }
}

#[test]
fn ci_formats_name_files_relative_to_the_repository() {
    let dir = canonical_dir();
    let github = stdout(&treelint(dir.path(), &["check", ".", "--format", "github"]));
    assert!(github.lines().all(|l| l.contains(&format!("file={CANONICAL},"))), "{github}");
    let sarif: Value =
        serde_json::from_slice(&treelint(dir.path(), &["check", ".", "--format", "sarif"]).stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        CANONICAL
    );
}

/// Reports stream in path order whatever the format: each folder's files sorted, folder by
/// folder (`a/b.md` before `a-b.md`), named paths in the order named; many more files than
/// the reorder window.
#[test]
fn reports_come_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..700).map(|i| format!("t{:03}/x{}.md", i % 7, i)).collect();
    for name in names.iter().chain(&["a/b.md".to_string(), "a-b.md".to_string()]) {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, crate::cli_support::canonical_text()).unwrap();
    }
    for format in ["concise", "json", "human"] {
        let out = treelint(dir.path(), &["check", ".", "--format", format]);
        let text = stdout(&out);
        let mut seen: Vec<&str> = Vec::new();
        for line in text.lines() {
            let path = match format {
                "concise" => line.split(':').next(),
                "json" => line.trim().strip_prefix("\"path\": \"").and_then(|p| p.split('"').next()),
                _ => line.trim().strip_prefix("╭─[").and_then(|p| p.split(':').next()),
            };
            if let Some(path) = path.map(|p| p.trim_start_matches("./")) {
                if seen.last() != Some(&path) {
                    seen.push(path);
                }
            }
        }
        assert_eq!(seen.len(), 702, "{format}: each file once, in one run of findings");
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| std::path::Path::new(a).cmp(std::path::Path::new(b)));
        assert_eq!(seen, sorted, "{format}");
        assert_eq!(&seen[..2], ["a/b.md", "a-b.md"], "{format}");
    }
    let out = treelint(dir.path(), &["check", "a-b.md", "a/b.md", "--format", "concise"]);
    let text = stdout(&out);
    let first: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!((first[0], first[first.len() - 1]), ("a-b.md", "a/b.md"), "named paths in the order named");
}
