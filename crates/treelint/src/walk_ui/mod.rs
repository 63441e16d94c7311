//! `treelint walk` in the terminal: the shells over the core's walk state machine
//! (`treelint_core::walk`), which decides everything about where a walk goes.
//!
//! - [`tui`]: full screen (ratatui + crossterm), when standard input and output are terminals;
//! - [`plain`]: numbered prompts, one answer per line (pipes, SSH, `--plain`);
//! - [`scripted`]: answers given up front (`--answers`), output as text or [`json`].
//!
//! Around them: [`loader`] reads the trees jumps lead to, [`clock`] stamps the record in UTC,
//! [`commands`] cuts code blocks into commands and runs one (`--exec`) in a process group
//! of its own, [`clipboard`] copies with OSC 52, [`journal`] writes the record as the walk
//! goes, [`signals`] turns SIGINT/SIGTERM/SIGHUP into an orderly end, [`transcript_file`]
//! writes a record without overwriting, [`pick`] lists the trees of a workspace, [`text`]
//! renders steps as plain text.
//!
//! Invariant: document text reaches the terminal only through `crate::render::sanitize`
//! (or `sanitize_line`); nothing runs without `--exec`, and in plain and scripted mode not
//! without `--exec --yes`.

pub mod clipboard;
pub mod clock;
pub mod commands;
pub mod journal;
pub mod json;
pub mod loader;
pub mod pick;
pub mod plain;
pub mod scripted;
pub mod signals;
pub mod text;
pub mod transcript_file;
pub mod tui;

/// Whether commands may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exec {
    /// Never (the default).
    Off,
    /// `--exec`: the full-screen UI offers each command and runs it after `y`.
    Confirm,
    /// `--exec --yes`: every command of each check reached runs without asking.
    Yes,
}

/// What every mode shares while it walks: the record written as it goes, and the signals
/// that end a walk early.
pub struct Session {
    pub journal: Option<journal::Journal>,
    pub signals: signals::Signals,
}

impl Session {
    /// After each step: the new events go to the record on the disk.
    pub fn step(&mut self, walk: &treelint_core::walk::Walk) {
        if let Some(j) = self.journal.as_mut() {
            j.step(walk);
        }
    }

    /// The signal that asks the walk to end, if one arrived.
    pub fn interrupted(&self) -> Option<&'static str> {
        self.signals.caught()
    }
}
