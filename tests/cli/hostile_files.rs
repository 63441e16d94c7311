//! Hostile files on disk through `treelint check`: each gives findings or a clear error
//! naming that file, every other file is still reported, and nothing panics. Documents that
//! are merely strange (deep, huge, NUL bytes, BOM, line endings…) are covered in the core's
//! `tests/hostile_input.rs`; here is what only the command line meets: bytes that are not
//! text, files over the size limit, symlink loops, unreadable and vanishing files.

use std::path::Path;
use std::process::{Command, Output};

const TREE: &str = "# Decision Tree: Fine\n\n**Category:** Test\n**Starting Question:** \"Fine?\"\n**Domains:** test\n\n## The Tree\n\n```tree\nFine?\n└── [Check 1] Is it fine?\n    ├── YES → ✅ STOP\n    └── NO → ✅ STOP\n```\n\n## Node Details\n\n### Check 1: Is it fine\n\n```bash\ntrue\n```\n\n## Terminal Actions\n\n### ✅ Action: Stop\n\n**Do:**\n\n```bash\ntrue\n```\n";

fn treelint(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_treelint"));
    cmd.args(args).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("treelint runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// Nothing panicked and no file hit an internal error.
fn no_panic(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{err}");
    assert!(matches!(out.status.code(), Some(0..=2)), "exit status {:?}: {err}", out.status);
}

/// A folder with two good trees and whatever `setup` adds.
fn folder(setup: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), TREE).unwrap();
    std::fs::write(dir.path().join("z.md"), TREE).unwrap();
    setup(dir.path());
    dir
}

/// The good trees are still reported: two files counted besides the hostile one.
fn others_reported(v: &serde_json::Value, extra: u64) {
    assert_eq!(v["summary"]["files"].as_u64(), Some(2 + extra), "{v}");
}

fn error_for<'a>(v: &'a serde_json::Value, name: &str) -> &'a str {
    v["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["path"].as_str().is_some_and(|p| p.ends_with(name))))
        .and_then(|e| e["message"].as_str())
        .unwrap_or_else(|| panic!("no error for {name} in {v}"))
}

#[test]
fn invalid_utf8_is_an_error_for_that_file_only() {
    let dir = folder(|d| {
        std::fs::write(d.join("bad.md"), b"# Decision Tree: Bad\n\n```tree\nA?\n\xff\xfe\xc3\x28 \xe2\x82\n```\n")
            .unwrap()
    });
    let out = treelint(dir.path(), &["check", ".", "--format", "json"], &[]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "an unreadable input exits 2");
    let v = json(&out);
    assert!(error_for(&v, "bad.md").contains("not valid UTF-8 (line 5"), "{v}");
    others_reported(&v, 0);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.md"), "the message names the file");
}

#[test]
fn a_file_over_the_size_limit_is_a_clear_error() {
    // 50 MB of Markdown against the default 16 MiB limit: refused without being read.
    let dir = folder(|d| {
        let mut big = String::with_capacity(50 << 20);
        while big.len() < 50 << 20 {
            big.push_str("- a line of a very long generated log that is not a decision tree\n");
        }
        std::fs::write(d.join("big.md"), big).unwrap();
    });
    let out = treelint(dir.path(), &["check", ".", "--format", "json"], &[]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert!(error_for(&v, "big.md").contains("size limit of 16777216 bytes"), "{v}");
    others_reported(&v, 0);
}

#[test]
fn the_size_limit_is_configurable() {
    let dir = folder(|_| {});
    let out = treelint(dir.path(), &["check", ".", "--format", "json"], &[("TREELINT_MAX_FILE_SIZE", "100")]);
    no_panic(&out);
    let v = json(&out);
    assert!(error_for(&v, "a.md").contains("size limit of 100 bytes"), "{v}");
    let ok = treelint(
        dir.path(),
        &["check", ".", "--format", "json"],
        &[("TREELINT_MAX_FILE_SIZE", &TREE.len().to_string())],
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "a file exactly at the limit is checked: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_to_files_and_said_otherwise() {
    let dir = folder(|d| {
        std::fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("loop-b.md", d.join("loop-a.md")).unwrap();
        std::os::unix::fs::symlink("loop-a.md", d.join("loop-b.md")).unwrap();
        std::os::unix::fs::symlink("gone.md", d.join("dangling.md")).unwrap();
        std::os::unix::fs::symlink("../a.md", d.join("sub/shared.md")).unwrap();
    });
    let out = treelint(dir.path(), &["check", ".", "--format", "json"], &[]);
    no_panic(&out);
    let v = json(&out);
    // The link to a file is checked under its own name, besides the two trees.
    others_reported(&v, 1);
    let paths: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(paths.is_empty(), "the trees are clean: {paths:?}");
    assert_eq!(out.status.code(), Some(0), "{v}");
    // Nothing is skipped silently: each link that is not followed is named, with why.
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "note: ./loop-a.md: skipped: a symbolic link loop",
        "note: ./loop-b.md: skipped: a symbolic link loop",
        "note: ./dangling.md: skipped: a broken symbolic link (to gone.md",
        "note: ./sub/up: a symbolic link to a folder: not followed",
    ] {
        assert!(err.contains(expected), "{expected:?} not in {err}");
    }
    // Named on the command line, a looping link is an error that says so (not "no such file").
    let out = treelint(dir.path(), &["check", "loop-a.md", "a.md", "--format", "json"], &[]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(error_for(&json(&out), "loop-a.md").contains("symbolic link loop"), "{}", json(&out));
    let out = treelint(dir.path(), &["check", "sub/shared.md", "--format", "json"], &[]);
    assert_eq!(json(&out)["summary"]["files"], 1, "a named link to a file is checked");
}

/// The output never says all is well when a path could not be checked: a missing path,
/// a binary file, a file that is not UTF-8.
#[test]
fn nothing_passes_when_a_path_could_not_be_checked() {
    let dir = folder(|d| {
        std::fs::write(d.join("picture.md"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8\xff").unwrap();
        std::fs::write(d.join("latin1.md"), b"# Caf\xe9\n\nNot UTF-8.\n").unwrap();
    });
    for named in ["gone.md", "picture.md", "latin1.md"] {
        let out = treelint(dir.path(), &["check", named], &[]);
        no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{named}");
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(!shown.contains("All checks passed"), "{named}: {shown}");
        assert!(shown.contains("1 path could not be checked"), "{named}: {shown}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("error: {named}: ")), "{named}");
        // The same in every format that has a summary or a list of errors.
        let out = treelint(dir.path(), &["check", named, "--format", "json"], &[]);
        assert_eq!(out.status.code(), Some(2), "{named}");
        assert!(!error_for(&json(&out), named).is_empty());
    }
    // Several at once, with the good trees: the findings and the failures are both said.
    let out = treelint(dir.path(), &["check", "a.md", "gone.md", "picture.md"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("No findings in 1 file(s) checked. 2 paths could not be checked"), "{shown}");
}

/// Found in a folder, a file that is not UTF-8 and holds no tree (a binary file, a note
/// in Latin-1) is not a tree: it is skipped with a note, as markdownlint skips what it
/// cannot read, and does not fail the run. One that holds a tree still does (see
/// `invalid_utf8_is_an_error_for_that_file_only`).
#[test]
fn a_file_found_in_a_folder_that_is_not_text_is_skipped_with_a_note() {
    let dir = folder(|d| {
        std::fs::write(d.join("picture.md"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8\xff").unwrap();
        std::fs::write(d.join("latin1.md"), b"# Caf\xe9\n\nNot UTF-8.\n").unwrap();
    });
    let out = treelint(dir.path(), &["check", "."], &[]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("All checks passed (2 file(s))."));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("note: ./picture.md: skipped: not valid UTF-8 (line 1, column 1), and it holds no decision tree"),
        "{err}"
    );
    assert!(err.contains("note: ./latin1.md: skipped: not valid UTF-8 (line 1, column 6)"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(|d| {
        std::fs::write(d.join("secret.md"), TREE).unwrap();
        std::fs::set_permissions(d.join("secret.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    let readable_anyway = std::fs::read(dir.path().join("secret.md")).is_ok();
    let out = treelint(dir.path(), &["check", ".", "--format", "json"], &[]);
    no_panic(&out);
    let v = json(&out);
    if readable_anyway {
        // Tests running as root read it regardless of its mode: it is simply checked.
        assert_eq!(out.status.code(), Some(0), "{v}");
        others_reported(&v, 1);
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(error_for(&v, "secret.md").contains("cannot read"), "{v}");
        others_reported(&v, 0);
    }
    std::fs::set_permissions(dir.path().join("secret.md"), std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_named_file_that_does_not_exist() {
    let dir = folder(|_| {});
    let out = treelint(dir.path(), &["check", "a.md", "gone.md", "z.md", "--format", "json"], &[]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert!(!error_for(&v, "gone.md").is_empty());
    others_reported(&v, 0);
}

#[test]
fn files_deleted_during_the_run() {
    // Many trees, half of them deleted by another thread while treelint walks and reads
    // them. Whether a file goes before the walk (not seen), between walk and read (an error
    // naming it) or after the read (checked), every surviving file is reported and nothing
    // panics. The timing varies from run to run; every outcome is acceptable.
    let dir = tempfile::tempdir().unwrap();
    let n = 2_000;
    for i in 0..n {
        std::fs::write(dir.path().join(format!("t{i:04}.md")), TREE).unwrap();
    }
    let root = dir.path().to_path_buf();
    let deleter = std::thread::spawn(move || {
        for i in (0..n).step_by(2) {
            let _ = std::fs::remove_file(root.join(format!("t{i:04}.md")));
        }
    });
    let out = treelint(dir.path(), &["check", ".", "--format", "json"], &[]);
    deleter.join().unwrap();
    no_panic(&out);
    let v = json(&out);
    let files = v["summary"]["files"].as_u64().unwrap();
    assert!(files >= n as u64 / 2, "every surviving file is reported: {files}");
    for e in v["errors"].as_array().into_iter().flatten() {
        let path = e["path"].as_str().unwrap();
        let number: usize =
            path.trim_start_matches("./").trim_start_matches('t').trim_end_matches(".md").parse().unwrap();
        assert_eq!(number % 2, 0, "only deleted files have errors: {e}");
        assert!(e["message"].as_str().unwrap().contains("cannot read"), "{e}");
    }
    assert_eq!(out.status.code(), Some(if v["errors"].as_array().is_some_and(|a| !a.is_empty()) { 2 } else { 0 }));
}
