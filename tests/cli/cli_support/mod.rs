//! Helpers shared by the `cli_*` tests: run the built binary in a folder, and copies of the
//! canonical example.

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const CANONICAL: &str = "rollback-or-fix-forward.md";

/// The repository's shared test fixtures (`tests/fixtures/`).
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

pub fn canonical_text() -> String {
    std::fs::read_to_string(fixtures().join(CANONICAL)).expect("the canonical example is readable")
}

/// The canonical example copied alone into an empty folder.
pub fn canonical_dir() -> tempfile::TempDir {
    canonical_dir_as(CANONICAL)
}

/// The canonical example copied alone into an empty folder under another file name.
pub fn canonical_dir_as(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), canonical_text()).unwrap();
    dir
}

pub fn treelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treelint"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("treelint runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
