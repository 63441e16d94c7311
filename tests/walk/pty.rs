//! The walk in a real pseudo-terminal: the full screen to "Roll Back Immediately" and back
//! out; commands that span lines run whole (a multi-line `psql -c "…"`, a here-document, a
//! `\` continuation); Esc stops a command and everything it started within a second;
//! Ctrl-C, SIGTERM and SIGHUP, full screen and plain, leave the record of every step, exit
//! 130 and restore the terminal; `--resume` goes on from the last step.
//! The bytes the walk writes are fed to a terminal emulator (vt100), and the test reads its
//! screen, since a redraw only sends the cells that changed.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::{Signal, WaitStatus};
use rexpect::session::PtySession;

const CANONICAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md");

struct Term {
    pty: PtySession,
    screen: vt100::Parser,
}

impl Term {
    /// Reads output until the screen shows `needle` (a generous deadline keeps a broken
    /// walk from hanging the test run; nothing is asserted about speed).
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // rexpect hands out bytes one per char.
            while let Some(c) = self.pty.try_read() {
                self.screen.process(&[c as u32 as u8]);
            }
            let contents = self.screen.screen().contents();
            if contents.contains(needle) {
                return;
            }
            assert!(Instant::now() < deadline, "{needle:?} never appeared; the screen:\n{contents}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, s: &str) {
        self.pty.send(s).unwrap();
        self.pty.flush().unwrap();
    }

    /// Reads the rest of the output (until the pty closes) and returns the exit status;
    /// the terminal must be back on its main screen.
    fn exit_code(mut self) -> i32 {
        while let Some(c) = self.pty.try_read() {
            self.screen.process(&[c as u32 as u8]);
        }
        let rest = self.pty.exp_eof().expect("the walk ends by itself");
        self.screen.process(rest.as_bytes());
        assert!(!self.screen.screen().alternate_screen(), "the terminal is back on its main screen");
        match self.pty.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("the walk did not exit by itself: {other:?}"),
        }
    }
}

/// `treelint walk ARGS` in an 80×24 pseudo-terminal, in folder `cwd`, with `bin` first on
/// the PATH.
fn spawn(cwd: &Path, bin: Option<&Path>, args: &[&str]) -> Term {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_treelint"))
        .arg("walk")
        .args(args)
        .current_dir(cwd)
        .env("TERM", "xterm-256color");
    if let Some(bin) = bin {
        let path = std::env::var("PATH").unwrap_or_default();
        cmd.env("PATH", format!("{}:{path}", bin.display()));
    }
    let pty = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    Term { pty, screen: vt100::Parser::new(24, 80, 0) }
}

/// A tree whose Check 1 runs `commands` (one code block).
fn tree_with_commands(dir: &Path, commands: &str) -> PathBuf {
    let file = dir.join("tree.md");
    let text = format!(
        "# Drift\n\n```tree\nStart\n└── [Check 1] Did the state drift?\n    ├── YES → ✅ ROLL FORWARD\n    └── NO → ✅ ROLL BACK\n```\n\n## Node Details\n\n### Check 1: Row counts\n\n**Command/method:**\n\n```bash\n{commands}\n```\n"
    );
    std::fs::write(&file, text).unwrap();
    file
}

/// No such process, or only its zombie (a container's init may be slow to reap it).
fn gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

#[test]
fn walk_to_roll_back_immediately_quit_and_keep_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("incident.md");
    // A new pty has no size: give it 80×24 before the walk starts.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_treelint"))
        .arg("walk")
        .arg(CANONICAL)
        .arg("--transcript")
        .arg(&t)
        .env("TERM", "xterm-256color");
    let pty = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    let mut term = Term { pty, screen: vt100::Parser::new(24, 80, 0) };

    term.wait_for("Is the service completely down");
    assert!(term.screen.screen().alternate_screen(), "the walk runs on the alternate screen");
    term.keys("1");
    term.wait_for("Is rollback safe?");
    term.keys("1");
    term.wait_for("Outcome: action");
    term.wait_for("Action: Roll Back Immediately");
    term.keys("n");
    term.wait_for("Type a note for the record");
    term.keys("paged at 3am\r");
    term.wait_for("Note added");
    term.keys("q");
    term.wait_for("Path: Check 1: YES › Check 2: YES");
    assert!(!term.screen.screen().alternate_screen(), "the terminal is back on its main screen");
    term.pty.exp_eof().unwrap();

    let record = std::fs::read_to_string(&t).unwrap();
    assert!(record.contains("- **Outcome:** ✅ ROLL BACK IMMEDIATELY (Action: Roll Back Immediately)"), "{record}");
    assert!(record.contains("Note: paged at 3am"), "{record}");
    assert!(record.contains("```bash\n# Kubernetes / Helm\nkubectl rollout undo deployment/myapp"), "{record}");
}

#[test]
fn a_multi_line_psql_a_here_document_and_a_continued_command_each_run_as_one_command() {
    let dir = tempfile::tempdir().unwrap();
    // A stand-in for psql that shows each argument it was given.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let psql = bin.join("psql");
    std::fs::write(&psql, "#!/bin/sh\nfor a in \"$@\"; do printf 'arg<%s>\\n' \"$a\"; done\n").unwrap();
    std::fs::set_permissions(&psql, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let file = tree_with_commands(
        dir.path(),
        "# Rows per table\npsql -c \"SELECT table_name,\n  n_live_tup\nFROM pg_stat_user_tables;\"\ncat <<EOF\nfirst line\nsecond line\nEOF\nprintf '%s+' one \\\n  two",
    );
    let t = dir.path().join("record.md");
    let mut term =
        spawn(dir.path(), Some(&bin), &[file.to_str().unwrap(), "--exec", "--transcript", t.to_str().unwrap()]);
    term.wait_for("Did the state drift?");
    term.wait_for("⧉ [1/3] psql -c \"SELECT table_name, …");
    for (i, ends_with) in ["pg_stat_user_tables;>", "second line", "one+two+"].into_iter().enumerate() {
        term.keys("x");
        term.wait_for("Run this command now?");
        term.keys("y");
        term.wait_for(ends_with);
        term.wait_for("exit status 0 after");
        term.keys(" ");
        term.wait_for(&format!("⧉ [{}/3]", (i + 1) % 3 + 1));
    }
    term.keys("q");
    assert_eq!(term.exit_code(), 0);
    let record = std::fs::read_to_string(&t).unwrap();
    assert!(
        record.contains("arg<-c>\n  arg<SELECT table_name,\n    n_live_tup\n  FROM pg_stat_user_tables;>"),
        "the quoted SQL reached psql as one argument:\n{record}"
    );
    assert!(record.contains("```sh\n  cat <<EOF\n  first line\n  second line\n  EOF\n  ```"), "{record}");
    assert!(record.contains("  first line\n  second line\n"), "{record}");
    assert!(record.contains("  one+two+\n"), "{record}");
    assert_eq!(record.matches(": exit status 0, ").count(), 3, "{record}");
    assert!(!record.contains("Unterminated"), "{record}");
}

#[test]
fn esc_stops_a_sleeping_grandchild_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("sleep.pid");
    let file = tree_with_commands(
        dir.path(),
        &format!("sh -c 'echo $$ > {}; exec sleep 30'; echo finished", pid_file.display()),
    );
    let t = dir.path().join("record.md");
    let mut term = spawn(dir.path(), None, &[file.to_str().unwrap(), "--exec", "--transcript", t.to_str().unwrap()]);
    term.wait_for("Did the state drift?");
    term.keys("x");
    term.wait_for("Run this command now?");
    term.keys("y");
    term.wait_for("Running…");
    let deadline = Instant::now() + Duration::from_secs(10);
    let pid: i32 = loop {
        if let Some(pid) = std::fs::read_to_string(&pid_file).ok().and_then(|s| s.trim().parse().ok()) {
            break pid;
        }
        assert!(Instant::now() < deadline, "the sleep never started");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(!gone(pid));
    let esc = Instant::now();
    term.keys("\x1b");
    while !gone(pid) {
        assert!(esc.elapsed() < Duration::from_secs(1), "sleep {pid} still there {:?} after Esc", esc.elapsed());
        std::thread::sleep(Duration::from_millis(10));
    }
    term.wait_for("stopped after");
    assert!(esc.elapsed() < Duration::from_secs(1), "the walk was back after {:?}", esc.elapsed());
    term.keys(" ");
    term.keys("q");
    assert_eq!(term.exit_code(), 0);
    let record = std::fs::read_to_string(&t).unwrap();
    assert!(record.contains(": stopped after "), "{record}");
    assert!(!record.contains("Output:"), "nothing ran after the stop: {record}");
}

/// How a test ends a walk early.
#[derive(Clone, Copy, Debug)]
enum Cut {
    CtrlC,
    Term,
    Hup,
}

/// Walks one step, adds a note, then ends the walk with `cut`: the record must hold every
/// step, say it was interrupted and where, and the walk must exit 130 with the terminal
/// restored.
fn interrupted_walk(cut: Cut, plain: bool, transcript: bool) {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("record.md");
    let mut args = vec![CANONICAL];
    if plain {
        args.push("--plain");
    }
    if transcript {
        args.extend(["--transcript", t.to_str().unwrap()]);
    }
    let mut term = spawn(dir.path(), None, &args);
    term.wait_for("Is the service completely down");
    if plain {
        term.keys("1\r");
        term.wait_for("Is rollback safe?");
        term.keys("n paged at 3am\r");
        term.wait_for("Noted.");
    } else {
        term.keys("1");
        term.wait_for("Is rollback safe?");
        term.keys("n");
        term.wait_for("Type a note for the record");
        term.keys("paged at 3am\r");
        term.wait_for("Note added");
    }
    match cut {
        Cut::CtrlC => term.keys("\x03"),
        Cut::Term => term.pty.process_mut().signal(Signal::SIGTERM).unwrap(),
        Cut::Hup => term.pty.process_mut().signal(Signal::SIGHUP).unwrap(),
    }
    assert_eq!(term.exit_code(), 130, "{cut:?}");
    let record = if transcript {
        std::fs::read_to_string(&t).unwrap()
    } else {
        // Without --transcript the full screen keeps its record beside you.
        let kept: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].file_name().unwrap().to_string_lossy().starts_with("walk-rollback-or-fix-forward-"));
        std::fs::read_to_string(&kept[0]).unwrap()
    };
    assert!(record.contains("**[Check 1]** Is the service completely down"), "{cut:?}: {record}");
    assert!(record.contains("Note: paged at 3am"), "{cut:?}: {record}");
    let why = match cut {
        Cut::CtrlC if plain => "Interrupted (SIGINT (Ctrl-C))",
        Cut::CtrlC => "Interrupted (Ctrl-C)",
        Cut::Term => "Interrupted (SIGTERM)",
        Cut::Hup => "Interrupted (SIGHUP",
    };
    assert!(record.contains(why), "{cut:?}: {record}");
    assert!(record.contains("- **Stopped at:** [Check 2] Is rollback safe?"), "{cut:?}: {record}");
    assert!(record.contains("- **Ended:** "), "{cut:?}: {record}");
}

#[test]
fn ctrl_c_in_the_full_screen_keeps_the_record_and_exits_130() {
    interrupted_walk(Cut::CtrlC, false, true);
}

#[test]
fn sigterm_in_the_full_screen_keeps_the_record_it_wrote_without_transcript() {
    interrupted_walk(Cut::Term, false, false);
}

#[test]
fn sighup_in_the_full_screen_keeps_the_record_and_restores_the_terminal() {
    interrupted_walk(Cut::Hup, false, true);
}

#[test]
fn ctrl_c_in_plain_mode_keeps_the_record_and_exits_130() {
    interrupted_walk(Cut::CtrlC, true, true);
}

#[test]
fn sigterm_in_plain_mode_keeps_the_record() {
    interrupted_walk(Cut::Term, true, true);
}

#[test]
fn sighup_in_plain_mode_keeps_the_record() {
    interrupted_walk(Cut::Hup, true, true);
}

#[test]
fn resume_continues_an_interrupted_walk_from_its_last_step() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("record.md");
    let mut term = spawn(dir.path(), None, &[CANONICAL, "--transcript", t.to_str().unwrap()]);
    term.wait_for("Is the service completely down");
    term.keys("1");
    term.wait_for("Is rollback safe?");
    term.pty.process_mut().signal(Signal::SIGHUP).unwrap();
    assert_eq!(term.exit_code(), 130);

    let mut term = spawn(dir.path(), None, &["--resume", t.to_str().unwrap()]);
    term.wait_for("Is rollback safe?");
    term.wait_for("Check 1: YES");
    term.keys("1");
    term.wait_for("Outcome: action");
    term.keys("q");
    assert_eq!(term.exit_code(), 0);
    let record = std::fs::read_to_string(&t).unwrap();
    for want in [
        "**[Check 1]** Is the service completely down",
        "Interrupted (SIGHUP",
        "Resumed from this record",
        "**[Check 2]** Is rollback safe? (no DB migration ran, stateless service) → **YES**",
        "- **Outcome:** ✅ ROLL BACK IMMEDIATELY",
    ] {
        assert!(record.contains(want), "{want} missing:\n{record}");
    }
}
