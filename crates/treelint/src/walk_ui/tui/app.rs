//! The state of the full-screen walk and what each key does to it. Pure apart from the
//! walk itself: anything that touches the outside (copying, running a command, writing
//! the transcript) is returned as an [`Effect`] for the event loop to carry out.

use std::path::PathBuf;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use treelint_core::walk::{Block, RunRecord, Step, Walk};

use crate::walk_ui::commands;

/// What the screen shows over the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// Typing a note.
    Note(String),
    /// Asking before running a command (`--exec`): the whole of it is shown, scrolled by
    /// `scroll` lines when it is taller than the screen.
    ConfirmRun {
        command: String,
        scroll: u16,
    },
    /// A command is running.
    Running {
        command: String,
    },
    /// The end of a command that ran.
    Output(RunRecord),
    /// Quitting: where to keep the record (Enter), or not to keep it (Ctrl-D), or back to
    /// the walk (Esc); `error` says why the last try failed.
    Quit {
        path: String,
        error: Option<String>,
    },
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Start this command.
    Run(String),
    /// Stop the running command (its whole process group).
    Kill,
    /// Keep the record here (complete it, moved there if the walk wrote it elsewhere), then
    /// quit.
    Save(PathBuf),
    /// Quit without keeping a record (removing the one written so far).
    Discard,
    /// Quit, keeping the record where `--transcript` put it.
    Quit,
    /// Ctrl-C: the walk is interrupted (the record says so; exit status 130).
    Interrupt,
}

/// The full-screen walk.
pub struct App {
    pub walk: Walk,
    /// The highlighted answer.
    pub selected: usize,
    /// The highlighted command of the current step (for `c` and `x`).
    pub command: usize,
    /// Lines scrolled in the details pane.
    pub scroll: u16,
    pub mode: Mode,
    /// A one-line message, cleared by the next key.
    pub flash: Option<String>,
    /// Time since the walk began (the loop updates it; tests fix it).
    pub elapsed: Duration,
    /// `--exec`: offer to run the check's commands.
    pub exec: bool,
    /// `--transcript`: kept on quit without asking.
    pub transcript: Option<PathBuf>,
    /// Where the record is offered to be kept on quit (where it is being written, when the
    /// walk writes one without `--transcript`).
    pub suggested: String,
}

impl App {
    pub fn new(walk: Walk, exec: bool, transcript: Option<PathBuf>, suggested: String) -> App {
        App {
            walk,
            selected: 0,
            command: 0,
            scroll: 0,
            mode: Mode::Normal,
            flash: None,
            elapsed: Duration::ZERO,
            exec,
            transcript,
            suggested,
        }
    }

    /// The runnable commands of the current step: the check's, or the action's.
    pub fn commands(&self) -> Vec<String> {
        let step = self.walk.current();
        commands::split(current_blocks(&step))
    }

    /// Handles one key press.
    pub fn key(&mut self, key: KeyEvent) -> Effect {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c'));
        self.flash = None;
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Running { command } => {
                self.mode = Mode::Running { command };
                if ctrl_c || key.code == KeyCode::Esc {
                    self.flash = Some("Stopping it (SIGTERM to all it started, SIGKILL in half a second)…".into());
                    return Effect::Kill;
                }
                Effect::None
            }
            _ if ctrl_c => Effect::Interrupt,
            Mode::Normal => self.normal(key),
            Mode::Help | Mode::Output(_) => Effect::None,
            Mode::Note(mut text) => {
                match key.code {
                    KeyCode::Enter => {
                        if !text.trim().is_empty() {
                            self.walk.note(text.trim());
                            self.flash = Some("Note added to the record.".into());
                        }
                    }
                    KeyCode::Esc => {}
                    KeyCode::Backspace => {
                        text.pop();
                        self.mode = Mode::Note(text);
                    }
                    KeyCode::Char(c) => {
                        text.push(c);
                        self.mode = Mode::Note(text);
                    }
                    _ => self.mode = Mode::Note(text),
                }
                Effect::None
            }
            Mode::ConfirmRun { command, scroll } => match key.code {
                KeyCode::Char('y') => {
                    self.mode = Mode::Running { command: command.clone() };
                    Effect::Run(command)
                }
                // Reading a long command is not an answer.
                KeyCode::Down | KeyCode::PageDown | KeyCode::Char('j') => {
                    let last = u16::try_from(command.lines().count().saturating_sub(1)).unwrap_or(u16::MAX);
                    self.mode = Mode::ConfirmRun { command, scroll: (scroll + 1).min(last) };
                    Effect::None
                }
                KeyCode::Up | KeyCode::PageUp | KeyCode::Char('k') => {
                    self.mode = Mode::ConfirmRun { command, scroll: scroll.saturating_sub(1) };
                    Effect::None
                }
                _ => {
                    self.flash = Some("Not run.".into());
                    Effect::None
                }
            },
            Mode::Quit { mut path, error } => match key.code {
                KeyCode::Enter if !path.trim().is_empty() => {
                    let target = PathBuf::from(path.trim());
                    self.mode = Mode::Quit { path, error: None };
                    Effect::Save(target)
                }
                // Esc goes back, as everywhere else; leaving without a record is explicit.
                KeyCode::Esc => {
                    self.flash = Some("Back to the walk.".into());
                    Effect::None
                }
                KeyCode::Char('d') if key.modifiers.contains(KeyModifiers::CONTROL) => Effect::Discard,
                KeyCode::Backspace => {
                    path.pop();
                    self.mode = Mode::Quit { path, error };
                    Effect::None
                }
                KeyCode::Char(c) => {
                    path.push(c);
                    self.mode = Mode::Quit { path, error };
                    Effect::None
                }
                _ => {
                    self.mode = Mode::Quit { path, error };
                    Effect::None
                }
            },
        }
    }

    fn normal(&mut self, key: KeyEvent) -> Effect {
        let step = self.walk.current();
        let choices = match &step {
            Step::Question(q) => q.choices.len(),
            Step::Outcome(_) => 0,
        };
        let offer = matches!(&step, Step::Outcome(o) if o.also.is_some());
        match key.code {
            KeyCode::Char('q') => return self.quit(),
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Up | KeyCode::Char('k') if choices > 0 => self.selected = (self.selected + choices - 1) % choices,
            KeyCode::Down | KeyCode::Char('j') if choices > 0 => self.selected = (self.selected + 1) % choices,
            KeyCode::Char(d @ '1'..='9') => {
                let i = d as usize - '1' as usize;
                if i < choices {
                    self.choose(i);
                } else {
                    self.flash = Some(format!("There is no answer {d}."));
                }
            }
            KeyCode::Enter if choices > 0 => self.choose(self.selected),
            KeyCode::Char('f') if offer => {
                self.walk.finish();
                self.moved();
            }
            KeyCode::Enter if offer => {
                let _ = self.walk.continue_also();
                self.moved();
            }
            KeyCode::Char('b') | KeyCode::Left | KeyCode::Backspace => {
                if self.walk.back() {
                    self.moved();
                } else {
                    self.flash = Some("This is the first question.".into());
                }
            }
            KeyCode::Char('r') => {
                self.walk.restart();
                self.moved();
                self.flash = Some("Restarted (b goes back to where you were).".into());
            }
            KeyCode::Char('n') => self.mode = Mode::Note(String::new()),
            KeyCode::Tab => {
                let n = self.commands().len();
                if n > 0 {
                    self.command = (self.command + 1) % n;
                }
            }
            KeyCode::Char('c') => {
                return match self.commands().get(self.command) {
                    Some(cmd) => {
                        self.flash = Some("Command copied to the clipboard (OSC 52).".into());
                        Effect::Copy(cmd.clone())
                    }
                    None => {
                        self.flash = Some("This step has no command to copy.".into());
                        Effect::None
                    }
                };
            }
            // Only a check's commands run (they look); an action's are copied and run by hand.
            KeyCode::Char('x') if self.exec && choices == 0 => {
                self.flash = Some("Only a check's commands run here; copy an action's with c.".into());
            }
            KeyCode::Char('x') if self.exec => match self.commands().get(self.command) {
                Some(cmd) => self.mode = Mode::ConfirmRun { command: cmd.clone(), scroll: 0 },
                None => self.flash = Some("This step has no command to run.".into()),
            },
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll = self.scroll.saturating_add(5),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(5),
            _ => {}
        }
        Effect::None
    }

    fn choose(&mut self, i: usize) {
        if self.walk.choose(i).is_ok() {
            self.moved();
        }
    }

    /// The walk moved to another step: reset the cursors.
    fn moved(&mut self) {
        self.selected = 0;
        self.command = 0;
        self.scroll = 0;
    }

    fn quit(&mut self) -> Effect {
        match &self.transcript {
            Some(_) => Effect::Quit,
            None => {
                self.mode = Mode::Quit { path: self.suggested.clone(), error: None };
                Effect::None
            }
        }
    }

    /// A command ended: record it and show its end; the next command is selected.
    pub fn ran(&mut self, record: RunRecord) {
        self.walk.record_run(record.clone());
        let n = self.commands().len();
        if n > 0 {
            self.command = (self.command + 1) % n;
        }
        self.mode = Mode::Output(record);
    }

    /// Writing the transcript failed: ask again.
    pub fn save_failed(&mut self, path: String, error: String) {
        self.mode = Mode::Quit { path, error: Some(error) };
    }

    /// The name of the tree the walk is in now (after a jump, not the first one).
    pub fn current_tree(&self) -> String {
        match self.walk.current() {
            Step::Question(q) => q.tree,
            Step::Outcome(o) => o.tree,
        }
    }
}

/// The blocks whose code blocks are the current step's commands.
pub fn current_blocks(step: &Step) -> &[Block] {
    match step {
        Step::Question(q) => q.details.as_ref().map_or(&[], |d| d.blocks.as_slice()),
        Step::Outcome(o) => match &o.end {
            treelint_core::walk::End::Terminal { action: Some(a), .. } => &a.blocks,
            _ => &[],
        },
    }
}
