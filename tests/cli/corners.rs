//! Corners of the command line a new user meets: standard input, new files in new folders,
//! the permissions of written files, and the human output on a real terminal (its width,
//! its links).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::cli_support::{CANONICAL, canonical_dir, canonical_text, stderr, stdout, treelint};

/// `treelint ARGS` in `dir` with `input` on standard input.
fn treelint_with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treelint"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("treelint runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn check_dash_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint_with_stdin(dir.path(), &["check", "-", "--format", "json"], &canonical_text());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 22, "the same findings as the file");
    assert_eq!(v["diagnostics"][0]["path"], "<stdin>");
    // The human output names it too, and `--diff` shows the fixes of standard input.
    let out = treelint_with_stdin(dir.path(), &["check", "-"], &canonical_text());
    assert!(stdout(&out).contains("<stdin>:13:1"), "{}", stdout(&out));
    let out = treelint_with_stdin(dir.path(), &["check", "-", "--diff"], &canonical_text());
    assert!(stdout(&out).starts_with("--- a/<stdin>"), "{}", stdout(&out));
    // Standard input cannot be written back.
    let out = treelint_with_stdin(dir.path(), &["check", "-", "--fix"], &canonical_text());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use --diff"), "{}", stderr(&out));
}

#[test]
fn stdin_filename_picks_the_configuration_and_the_name_shown() {
    let dir = tempfile::tempdir().unwrap();
    let trees = dir.path().join("trees");
    std::fs::create_dir(&trees).unwrap();
    // The workspace of trees/ turns broken-related-tree (the 2 errors) into a warning.
    std::fs::write(trees.join("treelint.toml"), "[rules]\nbroken-related-tree = \"warning\"\n").unwrap();
    let args = ["check", "-", "--stdin-filename", "trees/incident.md", "--format", "concise"];
    let out = treelint_with_stdin(dir.path(), &args, &canonical_text());
    assert_eq!(out.status.code(), Some(0), "no error left: {}", stdout(&out));
    assert!(stdout(&out).contains("trees/incident.md:237:22: warning [broken-related-tree]"), "{}", stdout(&out));
    // Alone, --stdin-filename implies `-`, as for ruff.
    let alone = ["check", "--stdin-filename", "trees/incident.md", "--format", "concise"];
    let out = treelint_with_stdin(dir.path(), &alone, &canonical_text());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("trees/incident.md:237:22"), "{}", stdout(&out));
    // Outside the workspace, the defaults: the errors stay errors.
    let out = treelint_with_stdin(dir.path(), &["check", "-", "--stdin-filename", "other.md"], &canonical_text());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn new_creates_the_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = treelint(dir.path(), &["new", "sub/dir/t.md", "--title", "Is it down"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("created the folder sub/dir"), "{}", stderr(&out));
    let out = treelint(dir.path(), &["check", "sub/dir/t.md"]);
    assert_eq!(out.status.code(), Some(0), "the new tree checks clean: {}", stdout(&out));
}

#[cfg(unix)]
#[test]
fn written_files_get_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = canonical_dir();
    // What the umask makes of a new file here (0644 under the usual 022).
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).unwrap();
    let expected = std::fs::metadata(&reference).unwrap().permissions().mode() & 0o777;
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    for args in [
        &["export", CANONICAL, "-o", "tree.mmd"][..],
        &["paths", CANONICAL, "-o", "paths.txt"],
        &["new", "fresh.md", "--title", "Fresh"],
    ] {
        let out = treelint(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    for name in ["tree.mmd", "paths.txt", "fresh.md"] {
        assert_eq!(mode(name), expected, "{name}: {:o}, not {:o}", mode(name), expected);
    }
    // An existing file keeps its own.
    std::fs::set_permissions(dir.path().join("tree.mmd"), std::fs::Permissions::from_mode(0o640)).unwrap();
    treelint(dir.path(), &["export", CANONICAL, "-o", "tree.mmd"]);
    assert_eq!(mode("tree.mmd"), 0o640);
}

/// Runs `treelint check` on the canonical example in a pseudo-terminal `columns` wide and
/// returns what it wrote, without its colours.
#[cfg(unix)]
fn on_a_terminal(columns: usize, env: &[(&str, &str)]) -> String {
    let dir = canonical_dir();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty rows 50 cols {columns} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_treelint"))
        .args(["check", CANONICAL])
        .current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .env_remove("COLUMNS");
    for var in ["FORCE_HYPERLINK", "DOMTERM", "WT_SESSION", "VTE_VERSION", "TERM_PROGRAM", "KONSOLE_VERSION"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut pty = rexpect::session::spawn_command(cmd, Some(30_000)).unwrap();
    // rexpect hands out bytes one per char.
    let raw: Vec<u8> = pty.exp_eof().unwrap().chars().map(|c| c as u32 as u8).collect();
    strip_colours(&String::from_utf8_lossy(&raw))
}

/// The text without ANSI colour sequences (`ESC [ … m`).
fn strip_colours(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else if c != '\r' {
            out.push(c);
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn on_a_narrow_terminal_messages_and_helps_fit_its_width() {
    let shown = on_a_terminal(60, &[]);
    assert!(shown.contains("Found 22 finding(s)"), "{shown}");
    // Every line of a message or a help fits in 60 columns (the source lines are the
    // document's own).
    let mut in_help = false;
    for line in shown.lines() {
        in_help = line.starts_with("  help:") || (in_help && line.starts_with("        "));
        let prose = in_help || line.starts_with("  × ") || line.starts_with("  ⚠ ") || line.starts_with("  ☞ ");
        if prose {
            assert!(line.chars().count() <= 60, "{} columns: {line:?}", line.chars().count());
        }
    }
    // The same help, wrapped for 60 columns rather than for the default 100.
    assert!(shown.contains("  help: end it with `→ ✅ ACTION` (and a Terminal Actions\n"), "{shown}");
    // Source lines wider than the terminal are cut around the labels, an ellipsis where
    // something was cut, and the underline stays under its text.
    let lines: Vec<&str> = shown.lines().collect();
    let cut = lines.iter().find(|l| l.starts_with(" 13 │ ├── [Check 1] Is the service")).expect("line 13 shown");
    assert!(cut.ends_with('…') && cut.chars().count() <= 60, "{cut:?}");
    let at = lines.iter().position(|l| l.starts_with(" 18 │ …")).expect("line 18 shown cut on the left");
    let column = |line: &str, needle: &str| line[..line.find(needle).unwrap()].chars().count();
    assert_eq!(column(lines[at], "NO (migration"), column(lines[at + 1], "─"), "{}\n{}", lines[at], lines[at + 1]);
    assert!(lines[at].chars().count() <= 60, "{:?}", lines[at]);
}

#[cfg(unix)]
#[test]
fn no_link_text_on_a_terminal_without_links() {
    let shown = on_a_terminal(100, &[]);
    assert!(shown.contains("error[TL401] broken-related-tree"), "{shown}");
    assert!(!shown.contains("(link)"), "{shown}");
    assert!(!shown.contains("\u{1b}]8;;"), "no OSC 8 sequence where links are not shown");
    // Where links are shown, the rule's name is the link, still without "(link)".
    let shown = on_a_terminal(100, &[("FORCE_HYPERLINK", "1")]);
    assert!(shown.contains("\u{1b}]8;;https://treelint.dev/rules/broken-related-tree\u{1b}\\"), "{shown}");
    assert!(!shown.contains("(link)"), "{shown}");
}
