//! The pre-commit hooks and the GitHub Action call the CLI with fixed arguments: those
//! commands must stay valid as the CLI evolves.

use std::path::{Path, PathBuf};

use crate::cli_support::{CANONICAL, canonical_dir, stderr, stdout, treelint};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn pre_commit_hook_entries_run() {
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: treelint\n"), "the hook is called treelint");
    assert!(hooks.contains("language: rust"));
    assert!(hooks.contains("types: [markdown]"));
    let entries: Vec<&str> = hooks.lines().filter_map(|l| l.trim().strip_prefix("entry: ")).collect();
    assert_eq!(entries.len(), 2);
    let dir = canonical_dir();
    // `language: rust` installs the root package, whose binary is `treelint-pre-commit`.
    let root_manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    assert!(
        root_manifest.contains("name = \"treelint-pre-commit\"")
            && root_manifest.contains("path = \"crates/treelint/src/main.rs\"")
    );
    for entry in entries {
        let mut words = entry.split_whitespace();
        assert!(matches!(words.next(), Some("treelint" | "treelint-pre-commit")), "{entry}");
        let mut args: Vec<&str> = words.collect();
        args.push(CANONICAL);
        let out = treelint(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{entry}: {}", stderr(&out));
        assert_eq!(stdout(&out).lines().count(), 22, "{entry}: one concise line per finding");
    }
}

#[test]
fn github_action_installs_from_the_repository_and_annotates() {
    let action = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH/crates/treelint\""));
    assert!(repo().join("crates/treelint/Cargo.toml").is_file());
    let dir = canonical_dir();
    for line in action.lines().map(str::trim).filter(|l| l.starts_with("treelint check")) {
        let args: Vec<String> = line
            .split_whitespace()
            .skip(1)
            .filter(|w| !w.starts_with("$TREELINT_ARGS") && !w.starts_with("$TREELINT_PATHS"))
            .map(|w| match w {
                "\"$TREELINT_FAIL_ON\"" => "error".to_string(),
                "\"$TREELINT_SARIF\"" => "report.sarif".to_string(),
                other => other.to_string(),
            })
            .chain([CANONICAL.to_string()])
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = treelint(dir.path(), &args);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{line}: {}", stderr(&out));
    }
    assert!(dir.path().join("report.sarif").is_file());
}
