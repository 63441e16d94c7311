//! The full-screen walk (ratatui over crossterm): [`app`] holds the state and the keys,
//! [`draw`] the screen, and [`run`] the event loop that does the I/O the app asks for.
//!
//! Invariants: the terminal is restored however the walk ends: on `q`, on Ctrl-C (raw mode
//! turns it into a key: the walk is interrupted), on SIGTERM or SIGHUP (noticed within a
//! tenth of a second through [`Session`]), when the terminal stops answering, and on panic
//! (ratatui's init installs a hook that restores the terminal before the panic message is
//! printed). After every key the new events go to the record on the disk.

pub mod app;
pub mod draw;

#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use self::app::{App, Effect, Mode};
use super::{Session, clipboard, commands, transcript_file};

/// How the full-screen walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The user quit; the record, if kept, is at this path (already complete).
    Quit(Option<PathBuf>),
    /// Ctrl-C, a signal, or the terminal went away: the caller completes the record.
    Interrupted(String),
}

/// Runs the walk until the user quits or it is interrupted.
pub fn run(app: &mut App, session: &mut Session, force: bool) -> io::Result<Ending> {
    let mut terminal = ratatui::try_init()?;
    let mut running: Option<commands::Running> = None;
    let result = event_loop(&mut terminal, app, session, force, &mut running);
    // A command still running is stopped, and recorded, before anything else.
    if let Some(mut r) = running.take() {
        r.stop();
        let deadline = Instant::now() + Duration::from_secs(2);
        while !r.done() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        app.ran(r.finish());
    }
    ratatui::restore();
    match result {
        Ok(ending) => Ok(ending),
        // The terminal is gone (EIO after a hang-up): an interruption, not a failure.
        Err(e) => Ok(Ending::Interrupted(format!("the terminal stopped answering: {e}"))),
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    session: &mut Session,
    force: bool,
    running: &mut Option<commands::Running>,
) -> io::Result<Ending> {
    let started = Instant::now();
    loop {
        session.step(&app.walk);
        if let Some(signal) = session.interrupted() {
            return Ok(Ending::Interrupted(signal.to_string()));
        }
        app.elapsed = started.elapsed();
        if let Some(r) = running.as_mut() {
            if r.done() {
                if let Some(r) = running.take() {
                    app.ran(r.finish());
                }
                continue;
            }
        }
        terminal.draw(|f| draw::draw(f, app))?;
        // Wake often: the clock ticks, a command may end, a signal may have arrived.
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        let key = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press => k,
            // A resize is drawn on the next turn of the loop.
            _ => continue,
        };
        match app.key(key) {
            Effect::None => {}
            Effect::Copy(text) => {
                let out = terminal.backend_mut();
                out.write_all(clipboard::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            Effect::Run(cmd) => match commands::start(&cmd) {
                Ok(r) => *running = Some(r),
                Err(e) => {
                    app.mode = Mode::Normal;
                    app.flash = Some(format!("Could not start the command: {e}"));
                }
            },
            Effect::Kill => {
                if let Some(r) = running.as_mut() {
                    r.stop();
                }
            }
            Effect::Interrupt => return Ok(Ending::Interrupted("Ctrl-C".into())),
            quit @ (Effect::Quit | Effect::Save(_) | Effect::Discard) => {
                if let Some(ending) = quitting(quit, app, session, force) {
                    return Ok(ending);
                }
            }
        }
    }
}

/// Carries out a quit the last key asked for; `None` when the walk goes on (a failed
/// write asks again).
fn quitting(effect: Effect, app: &mut App, session: &mut Session, force: bool) -> Option<Ending> {
    if !matches!(app.walk.log().last(), Some(treelint_core::walk::Event::Ended { .. })) {
        app.walk.end();
        session.step(&app.walk);
    }
    match effect {
        Effect::Discard => {
            if let Some(j) = session.journal.take() {
                j.discard();
            }
            Some(Ending::Quit(None))
        }
        Effect::Save(path) => {
            let same = session.journal.as_ref().is_some_and(|j| same_file(&j.path, &path));
            let result = if same {
                session.journal.take().map(|j| j.finish(&app.walk)).unwrap_or_else(|| Ok(path.clone()))
            } else {
                transcript_file::write(&path, &app.walk.transcript(), force).map(|()| {
                    // Kept elsewhere: the record written so far is not left behind.
                    if let Some(j) = session.journal.take() {
                        j.discard();
                    }
                    path.clone()
                })
            };
            match result {
                Ok(p) => Some(Ending::Quit(Some(p))),
                Err(e) => {
                    app.save_failed(path.display().to_string(), e);
                    None
                }
            }
        }
        _ => match session.journal.take() {
            Some(j) => match j.finish(&app.walk) {
                Ok(p) => Some(Ending::Quit(Some(p))),
                Err(e) => {
                    eprintln!("error: {e}");
                    Some(Ending::Quit(None))
                }
            },
            None => Some(Ending::Quit(None)),
        },
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let abs = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    abs(a) == abs(b)
}
