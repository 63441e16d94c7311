//! The full-screen walk in a real pseudo-terminal: walk the canonical example to "Roll Back
//! Immediately", quit, and check the transcript file and that the terminal was restored.
//! The bytes the walk writes are fed to a terminal emulator (vt100), and the test reads its
//! screen, since a redraw only sends the cells that changed.

#![cfg(unix)]

use std::process::Command;
use std::time::{Duration, Instant};

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
