//! The full-screen walk (ratatui over crossterm): [`app`] holds the state and the keys,
//! [`draw`] the screen, and [`run`] the event loop that does the I/O the app asks for.
//!
//! Invariant: the terminal is restored however the walk ends: on `q`, on Ctrl-C (raw mode
//! turns it into a key, handled as quit) and on panic (ratatui's init installs a hook that
//! restores the terminal before the panic message is printed).

pub mod app;
pub mod draw;

#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use self::app::{App, Effect, Mode};
use super::{clipboard, commands, transcript_file};

/// Runs the walk until the user quits; the transcript, if any, is written before returning.
pub fn run(app: &mut App, force: bool) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app, force);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, force: bool) -> io::Result<()> {
    let started = Instant::now();
    let mut running: Option<commands::Running> = None;
    loop {
        app.elapsed = started.elapsed();
        if let Some(r) = running.as_mut() {
            if r.done() {
                let record = running.take().map(commands::Running::finish);
                if let Some(record) = record {
                    app.ran(record);
                }
            }
        }
        terminal.draw(|f| draw::draw(f, app))?;
        // Wake at least every quarter second: the clock ticks and a command may end.
        if !event::poll(Duration::from_millis(250))? {
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
                Ok(r) => running = Some(r),
                Err(e) => {
                    app.mode = Mode::Normal;
                    app.flash = Some(format!("Could not start the command: {e}"));
                }
            },
            Effect::Kill => {
                if let Some(r) = running.as_mut() {
                    r.kill();
                }
            }
            Effect::Save(path) => match transcript_file::write(&path, &app.walk.transcript(), force) {
                Ok(()) => {
                    app.saved = Some(path);
                    return Ok(());
                }
                Err(e) => app.save_failed(path.display().to_string(), e),
            },
            Effect::Quit => return Ok(()),
        }
    }
}
