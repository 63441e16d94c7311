//! The signals that end a walk early: `SIGINT` (Ctrl-C outside the full screen), `SIGTERM`
//! and `SIGHUP` (the terminal or the SSH session went away). They no longer kill the
//! process on the spot: a flag is set, and each mode notices it within a fraction of a
//! second, stops any running command, completes the record and restores the terminal,
//! then exits with status 130.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Which signal arrived, if any (shared with the handlers).
#[derive(Debug, Clone, Default)]
pub struct Signals {
    caught: Arc<AtomicUsize>,
}

impl Signals {
    /// Catches SIGINT, SIGTERM and SIGHUP from now on.
    pub fn install() -> Signals {
        let s = Signals::default();
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // A handler that cannot be installed leaves the default (the process ends, the
            // journal keeps every step so far).
            let _ = signal_hook::flag::register_usize(sig, s.caught.clone(), sig as usize);
        }
        s
    }

    /// The name of the signal that arrived: `SIGTERM`.
    pub fn caught(&self) -> Option<&'static str> {
        match self.caught.load(Ordering::Relaxed) {
            0 => None,
            n if n == SIGINT as usize => Some("SIGINT (Ctrl-C)"),
            n if n == SIGTERM as usize => Some("SIGTERM"),
            n if n == SIGHUP as usize => Some("SIGHUP: the terminal went away"),
            _ => Some("a signal"),
        }
    }
}
