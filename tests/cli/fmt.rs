//! `treelint fmt` end to end: --check and --diff for CI, stdin, atomic writes that keep
//! line endings and permissions, and blocks left alone with their line named.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn canonical() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rollback-or-fix-forward.md"),
    )
    .unwrap()
}

fn treelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treelint")).args(args).current_dir(dir).output().expect("treelint runs")
}

fn with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treelint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn setup(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = files
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    (dir, paths)
}

#[test]
fn check_exits_1_until_the_file_is_formatted() {
    let (dir, paths) = setup(&[("tree.md", &canonical()), ("notes.md", "# Notes\n\n  nothing  \n")]);
    let out = treelint(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "would reformat ./tree.md\n");
    assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), canonical(), "--check writes nothing");

    let out = treelint(dir.path(), &["fmt", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 file reformatted, 1 left unchanged"));
    let formatted = std::fs::read_to_string(&paths[0]).unwrap();
    assert!(formatted.contains("\n└── [Check 1] Is the service"));
    assert_eq!(
        std::fs::read_to_string(&paths[1]).unwrap(),
        "# Notes\n\n  nothing  \n",
        "a file without a tree is untouched"
    );

    let out = treelint(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let (dir, paths) = setup(&[("tree.md", &canonical())]);
    let out = treelint(dir.path(), &["fmt", "--diff", "tree.md"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.starts_with("--- a/tree.md\n+++ b/tree.md\n@@ "), "{diff}");
    assert!(diff.contains("\n-├── [Check 1] Is the service completely down or are users actively impacted?\n"));
    assert!(diff.contains("\n+└── [Check 1] Is the service completely down or are users actively impacted?\n"));
    assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), canonical());
}

#[test]
fn writes_keep_crlf_line_endings_and_permissions() {
    let crlf = canonical().replace('\n', "\r\n");
    let (dir, paths) = setup(&[("tree.md", &crlf)]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&paths[0], std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = treelint(dir.path(), &["fmt", "tree.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let after = std::fs::read_to_string(&paths[0]).unwrap();
    assert_ne!(after, crlf);
    assert_eq!(after.matches("\r\n").count(), crlf.matches("\r\n").count());
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count(), "no bare LF was introduced");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&paths[0]).unwrap().permissions().mode() & 0o777, 0o640);
    }
}

#[test]
fn stdin_is_formatted_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let input = "```tree\nReady?\n|-- YES -> ✅ GO\n|-- NO -> ❌ STOP\n```\n";
    let out = with_stdin(dir.path(), &["fmt", "-"], input);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "```tree\nReady?\n├── YES -> ✅ GO\n└── NO -> ❌ STOP\n```\n");
    let out = with_stdin(dir.path(), &["fmt", "--check", "-"], input);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let formatted = "```tree\nReady?\n├── YES -> ✅ GO\n└── NO -> ❌ STOP\n```\n";
    assert_eq!(with_stdin(dir.path(), &["fmt", "--check", "-"], formatted).status.code(), Some(0));
}

#[test]
fn an_inconsistent_block_is_left_alone_with_its_line_named() {
    let text = "# T\n\n```tree\nReady?\n├── a?\n│   ├── YES → ✅ GO\n│  └── NO → ❌ STOP\n├── b → ✅ B\n```\n\n```tree\nOther?\n|-- x → ✅ X\n|-- y → ✅ Y\n```\n";
    let (dir, paths) = setup(&[("tree.md", text)]);
    let out = treelint(dir.path(), &["fmt", "tree.md"]);
    // Leaving a block alone is not a failure: `check` reports the slip.
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("note: tree.md:7:4: inconsistent indentation"), "{stderr}");
    assert!(!stderr.contains("error") && !stderr.contains("please report"), "{stderr}");
    let after = std::fs::read_to_string(&paths[0]).unwrap();
    assert!(after.contains("│  └── NO → ❌ STOP\n├── b → ✅ B\n"), "the slipped block is untouched");
    assert!(after.contains("Other?\n├── x → ✅ X\n└── y → ✅ Y\n"), "the other block is formatted");
    // Now formatted but for the block it cannot redraw, the file passes `fmt --check`.
    let out = treelint(dir.path(), &["fmt", "--check", "tree.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fix-safety").join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn blocks_it_cannot_redraw_pass_fmt_check_with_a_note() {
    // A flowchart, a chain of questions indented as a whole, and a block with a slip: `fmt`
    // leaves each as it is (redrawing would change how it reads, or guess), says so in a
    // note when it had a block to refuse, and `--check` does not fail.
    let names = ["flowchart.md", "indented-question-chain.md", "slipped-branch.md"];
    let files: Vec<(&str, String)> = names.iter().map(|n| (*n, fixture(n))).collect();
    let (dir, paths) = setup(&files.iter().map(|(n, t)| (*n, t.as_str())).collect::<Vec<_>>());
    for args in [&["fmt", "--check", "."][..], &["fmt", "--diff", "."], &["fmt", "."]] {
        let out = treelint(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("note: ./slipped-branch.md:8:4: inconsistent indentation"), "{stderr}");
        assert!(stderr.lines().all(|l| l.starts_with("note: ./") || l.starts_with("0 files")), "{stderr}");
        assert!(stderr.contains("3 left unchanged"), "{stderr}");
    }
    for ((_, text), path) in files.iter().zip(&paths) {
        assert_eq!(&std::fs::read_to_string(path).unwrap(), text);
    }
    let out = with_stdin(dir.path(), &["fmt", "--check", "-"], &fixture("slipped-branch.md"));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("note: <stdin>:8:4: inconsistent indentation"));
}

#[test]
fn a_missing_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["fmt", "nope.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.md"));
}
