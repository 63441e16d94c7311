//! A file with several trees (`tests/fixtures/several-trees.md`: two fenced trees under two
//! headings) through `paths`, `export` and `walk`, and the shared `--tree` flag.

use assert_cmd::Command;

use crate::cli_support::{fixtures, stderr, stdout, treelint};

const FILE: &str = "several-trees.md";

fn dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join(FILE), dir.path().join(FILE)).unwrap();
    dir
}

#[test]
fn paths_without_tree_lists_every_tree_numbered() {
    let dir = dir();
    let out = treelint(dir.path(), &["paths", FILE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn paths_as_json_groups_the_trees() {
    let dir = dir();
    let out = treelint(dir.path(), &["paths", FILE, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let trees = json["trees"].as_array().unwrap();
    let summary: Vec<_> = trees
        .iter()
        .map(|t| (t["tree"].as_u64().unwrap(), t["heading"].as_str().unwrap(), t["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(summary, [(1, "Pods", 3), (2, "Disk", 2)]);
}

#[test]
fn tree_picks_by_number_root_text_or_heading() {
    let dir = dir();
    for wanted in ["2", "Is the disk full?", "disk", "DISK"] {
        let out = treelint(dir.path(), &["paths", FILE, "--tree", wanted]);
        assert_eq!(out.status.code(), Some(0), "{wanted}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with("several-trees.md: Is the disk full?\n"), "{wanted}: {text}");
        assert!(text.ends_with("2 paths; longest: path 1 (1 step); outcomes: 2 action\n"), "{text}");
        assert!(!text.contains("restarting"), "{text}");
    }
    let json = treelint(dir.path(), &["paths", FILE, "--tree", "pods", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!((json["tree"].as_u64(), json["count"].as_u64()), (Some(1), Some(3)));
}

#[test]
fn an_unknown_or_ambiguous_tree_is_a_usage_error_listing_the_trees() {
    let dir = dir();
    let listing =
        "  1. Is the pod restarting?  (under \"Pods\", line 8)\n  2. Is the disk full?  (under \"Disk\", line 18)\n";
    for (cmd, wanted, first) in [
        ("paths", "3", "error: several-trees.md has no tree 3; its trees:\n"),
        ("export", "network", "error: several-trees.md has no tree network; its trees:\n"),
        ("walk", "is the", "error: --tree is the matches 2 trees of several-trees.md; name one:\n"),
    ] {
        let out = treelint(dir.path(), &[cmd, FILE, "--tree", wanted]);
        assert_eq!(out.status.code(), Some(2), "{cmd} {wanted}");
        assert_eq!(stderr(&out), format!("{first}{listing}"), "{cmd} {wanted}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_heading_over_several_trees_names_none_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let chain = "# Node checks\n\n## Kubelet\n\n```\nIs the kubelet running?\n├── No → restart it\n└── Yes → Continue\nIs disk pressure set?\n├── Yes → free space\n└── No → Continue\n```\n";
    std::fs::write(dir.path().join("chain.md"), chain).unwrap();
    let out = treelint(dir.path(), &["paths", "chain.md", "--tree", "kubelet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: --tree kubelet matches 2 trees of chain.md; name one:\n"),
        "{}",
        stderr(&out)
    );
    let out = treelint(dir.path(), &["paths", "chain.md", "--tree", "2"]);
    assert!(stdout(&out).starts_with("chain.md: Is disk pressure set?\n"), "{}", stdout(&out));
}

#[test]
fn export_draws_every_tree_as_a_group_or_the_one_named() {
    let dir = dir();
    let whole = stdout(&treelint(dir.path(), &["export", FILE]));
    assert!(whole.contains("    subgraph t1[\"Pods\"]\n        n0\n"), "{whole}");
    assert!(whole.contains("    subgraph t2[\"Disk\"]\n"), "{whole}");
    assert!(whole.contains("Is the pod restarting?") && whole.contains("Is the disk full?"));
    let dot = stdout(&treelint(dir.path(), &["export", FILE, "--format", "dot"]));
    assert!(dot.contains("    subgraph cluster_t2 {\n        label=\"Disk\";\n"), "{dot}");

    let one = treelint(dir.path(), &["export", FILE, "--tree", "disk"]);
    assert_eq!(one.status.code(), Some(0));
    let one = stdout(&one);
    assert!(one.contains("Is the disk full?") && one.contains("Rotate the logs"), "{one}");
    assert!(!one.contains("restarting") && !one.contains("subgraph"), "{one}");
}

#[test]
fn a_single_tree_exports_without_groups() {
    let dir = crate::cli_support::canonical_dir();
    let out = stdout(&treelint(dir.path(), &["export", crate::cli_support::CANONICAL]));
    assert!(!out.contains("subgraph"));
}

fn walk(stdin: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_treelint"))
        .current_dir(fixtures())
        .arg("walk")
        .arg(FILE)
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code())
}

#[test]
fn walk_asks_which_tree_in_plain_mode() {
    let (out, _, code) = walk("nothing like it\ndisk\n1\n", &["--plain"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("several-trees.md holds several trees:\n  1. Is the pod restarting?"), "{out}");
    assert!(out.contains("Which tree? No single tree matches \"nothing like it\"; type its number.\n"), "{out}");
    assert!(out.contains("Outcome: ✅ Rotate the logs"), "{out}");
}

#[test]
fn walk_with_answers_needs_a_tree_and_starts_at_the_one_named() {
    let (out, err, code) = walk("", &["--answers", "yes"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.starts_with("error: several-trees.md holds 2 trees; name one with --tree N|TEXT:\n  1. "), "{err}");

    let (out, _, code) = walk("", &["--tree", "2", "--answers", "yes"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Path: Is the disk full?: Yes\n"), "{out}");
    let (out, _, code) = walk("", &["--tree", "pods", "--answers", "yes,no"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("✅ Read the crash log"), "{out}");
}

/// The full screen asks too, on the terminal, before it takes the screen over.
#[cfg(unix)]
#[test]
fn the_full_screen_walk_asks_which_tree_first() {
    use std::time::{Duration, Instant};
    let dir = dir();
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_treelint"))
        .arg("walk")
        .arg(FILE)
        // The full screen keeps a record in the folder it runs in as the walk goes.
        .current_dir(dir.path())
        .env("TERM", "xterm-256color");
    let mut pty = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    let mut screen = vt100::Parser::new(24, 80, 0);
    // Waits until the screen shows `needle` on the main screen or, with `full`, on the full one.
    let mut wait_for = |pty: &mut rexpect::session::PtySession, needle: &str, full: bool| {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            while let Some(c) = pty.try_read() {
                screen.process(&[c as u32 as u8]);
            }
            if screen.screen().alternate_screen() == full && screen.screen().contents().contains(needle) {
                return;
            }
            assert!(Instant::now() < deadline, "{needle:?} never appeared:\n{}", screen.screen().contents());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for(&mut pty, "Which tree?", false);
    pty.send("disk\r").unwrap();
    pty.flush().unwrap();
    wait_for(&mut pty, "Is the disk full?", true);
    pty.send("q").unwrap();
    pty.flush().unwrap();
    wait_for(&mut pty, "Keep the record of this walk", true);
    // Ctrl-D: quit without keeping the record.
    pty.send("\x04").unwrap();
    pty.flush().unwrap();
    pty.exp_eof().unwrap();
}

/// A record names the file, not which of its trees: `--resume` goes on in the tree the walk
/// began in (here the second), found by the question it started at.
#[test]
fn resume_goes_on_in_the_tree_the_record_began_in() {
    let dir = dir();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_treelint")).current_dir(dir.path()).arg("walk").args(args).output().unwrap()
    };
    let out = run(&[FILE, "--tree", "disk", "--answers", "", "--transcript", "rec.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["--resume", "rec.md", "--answers", "no"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Path: Is the disk full?: No\n"), "{text}");
    assert!(text.contains("✅ Check the inodes"), "{text}");
}
