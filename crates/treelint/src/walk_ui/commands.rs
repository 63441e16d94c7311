//! The commands of a check or an action, and running one (`--exec`).
//!
//! What is shown, copied and run is one **unit** as the author wrote it
//! ([`treelint_core::walk::command_units`]): a multi-line `psql -c "…"`, a here-document or
//! a `\`-continued command is one command, run whole with `sh -c`.
//!
//! Stop means stop: each command runs in a process group of its own, so stopping it sends
//! `SIGTERM` to the shell **and everything it started** (a `sleep`, a `kubectl logs -f`, a
//! `watch`), then `SIGKILL` after [`GRACE`]. The output is read on background threads into
//! one buffer (stdout and stderr as they come) capped at [`MAX_OUTPUT`], and the walk never
//! waits on a pipe that a stray process still holds open: what was read by then is kept.
//! Nothing a command started outlives it: once its shell has ended, whatever is left in its
//! group is killed too.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process_group, test_kill_process_group};
use treelint_core::walk::{Block, RunRecord, command_units};

/// The most output kept in the record per command; the rest is cut with a note.
pub const MAX_OUTPUT: usize = 64 * 1024;

/// How long a stopped command has between `SIGTERM` and `SIGKILL`.
pub const GRACE: Duration = Duration::from_millis(500);

/// How long the output readers get once the command has ended (a process outside the
/// group may still hold the pipe: the walk does not wait for it).
const DRAIN: Duration = Duration::from_millis(200);

/// The runnable commands of the code blocks among `blocks`, in order.
pub fn split(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Code { code, .. } => Some(command_units(code)),
            _ => None,
        })
        .flatten()
        .collect()
}

#[derive(Default)]
struct Captured {
    bytes: Vec<u8>,
    cut: bool,
}

/// A command started with `sh -c` in a process group of its own.
pub struct Running {
    pub command: String,
    child: Child,
    group: Option<Pid>,
    started: Instant,
    output: Arc<Mutex<Captured>>,
    readers: Vec<JoinHandle<()>>,
    /// When `SIGTERM` was sent, once the user stopped it.
    stopping: Option<Instant>,
    killed: bool,
    exit: Option<std::process::ExitStatus>,
}

/// Starts `command` with no standard input.
pub fn start(command: &str) -> std::io::Result<Running> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own group: a signal to the group reaches everything the shell starts, and the
        // terminal's Ctrl-C (sent to the walk's group) does not.
        .process_group(0)
        .spawn()?;
    let group = Pid::from_raw(i32::try_from(child.id()).unwrap_or(0));
    let output = Arc::new(Mutex::new(Captured::default()));
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        let output = output.clone();
        readers.push(std::thread::spawn(move || read_capped(out, &output)));
    }
    if let Some(err) = child.stderr.take() {
        let output = output.clone();
        readers.push(std::thread::spawn(move || read_capped(err, &output)));
    }
    Ok(Running {
        command: command.to_string(),
        child,
        group,
        started: Instant::now(),
        output,
        readers,
        stopping: None,
        killed: false,
        exit: None,
    })
}

fn read_capped(mut r: impl Read, into: &Mutex<Captured>) {
    let mut buf = [0u8; 8192];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
            Ok(n) => {
                // Keep reading past the cap so the command never blocks on a full pipe.
                let mut c = into.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                let room = MAX_OUTPUT.saturating_sub(c.bytes.len());
                c.bytes.extend_from_slice(&buf[..n.min(room)]);
                c.cut |= n > room;
            }
        }
    }
}

impl Running {
    /// Whether it has ended (without waiting); sends `SIGKILL` when a stopped command
    /// outlives its grace.
    pub fn done(&mut self) -> bool {
        if self.exit.is_none() {
            if let Ok(Some(status)) = self.child.try_wait() {
                self.exit = Some(status);
            }
        }
        if let (Some(since), false) = (self.stopping, self.killed) {
            if since.elapsed() >= GRACE {
                self.signal(Signal::KILL);
                self.killed = true;
            }
        }
        // A stopped command is done once its shell has ended and nothing of it holds its
        // output any more (a zombie no init reaps does not count), or nothing is left of its
        // group; a child that ignores SIGTERM gets the SIGKILL above. `finish` kills what
        // is left either way.
        self.exit.is_some()
            && (self.stopping.is_none()
                || self.killed
                || self.readers.iter().all(JoinHandle::is_finished)
                || self.group_gone())
    }

    /// Stops it: `SIGTERM` to its whole process group now, `SIGKILL` after [`GRACE`].
    pub fn stop(&mut self) {
        if self.stopping.is_none() {
            self.stopping = Some(Instant::now());
            self.signal(Signal::TERM);
            // A member stopped by job control (one that read the terminal from the
            // background) only acts on SIGTERM once continued.
            self.signal(Signal::CONT);
        }
    }

    fn signal(&self, signal: Signal) {
        if let Some(group) = self.group {
            let _ = kill_process_group(group, signal);
        }
    }

    /// Whether no process of its group is left (signal 0 to the group finds none).
    fn group_gone(&self) -> bool {
        self.group.is_none_or(|g| test_kill_process_group(g).is_err())
    }

    /// Waits for it to end (stopping it for good if it was asked to stop) and makes the
    /// record.
    pub fn finish(mut self) -> RunRecord {
        let status = match self.exit.take() {
            Some(s) => Some(s),
            None => self.child.wait().ok(),
        };
        let duration = self.started.elapsed();
        // Whatever is left of the group goes with it.
        self.signal(Signal::KILL);
        let deadline = Instant::now() + DRAIN;
        while !self.readers.iter().all(JoinHandle::is_finished) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let captured = std::mem::take(&mut *self.output.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut output = String::from_utf8_lossy(&captured.bytes).into_owned();
        if captured.cut {
            output.push_str(&format!("\n[output cut at {} KB]\n", MAX_OUTPUT / 1024));
        }
        RunRecord {
            command: self.command,
            exit_code: if self.stopping.is_some() { None } else { status.and_then(|s| s.code()) },
            duration_ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
            output,
            stopped: self.stopping.is_some(),
        }
    }
}

/// Runs `command` to its end, or until `stop()` says so (a signal to the walk).
pub fn run(command: &str, stop: &dyn Fn() -> bool) -> RunRecord {
    match start(command) {
        Ok(mut r) => {
            while !r.done() {
                if stop() {
                    r.stop();
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            r.finish()
        }
        Err(e) => RunRecord {
            command: command.to_string(),
            exit_code: None,
            duration_ms: 0,
            output: format!("could not start: {e}"),
            stopped: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Vec<Block> {
        vec![Block::Code { lang: "bash".into(), code: s.into() }]
    }

    #[test]
    fn code_blocks_are_cut_into_commands_as_written() {
        let cmds = split(&code("# Error rate\nkubectl exec -it p -- promtool \\\n  'rate(x)'\n\ncurl -s https://x\n"));
        assert_eq!(cmds, vec!["kubectl exec -it p -- promtool \\\n  'rate(x)'", "curl -s https://x"]);
    }

    #[test]
    fn running_records_output_and_exit_status() {
        let r = run("echo hi; echo err >&2; exit 3", &|| false);
        assert_eq!(r.exit_code, Some(3));
        assert!(!r.stopped);
        assert!(r.output.contains("hi\n") && r.output.contains("err\n"), "{:?}", r.output);
    }

    #[test]
    fn a_multi_line_unit_runs_as_one_shell_command() {
        let units = split(&code("printf '%s|' \"one\ntwo\" \\\n  three\ncat <<EOF\nfour\nEOF\n"));
        assert_eq!(units.len(), 2, "{units:?}");
        assert_eq!(run(&units[0], &|| false).output, "one\ntwo|three|");
        assert_eq!(run(&units[1], &|| false).output, "four\n");
    }

    #[test]
    fn stopping_ends_the_whole_group_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        // The shell waits on a grandchild that ignores nothing: both must go.
        let cmd = format!("sh -c 'echo $$ > {}; exec sleep 30' & wait; echo finished", pid_file.display());
        let mut r = start(&cmd).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !pid_file.exists() || std::fs::read_to_string(&pid_file).unwrap().trim().is_empty() {
            assert!(Instant::now() < deadline, "the command never started");
            std::thread::sleep(Duration::from_millis(10));
        }
        let pid: i32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
        let asked = Instant::now();
        r.stop();
        while !r.done() {
            assert!(asked.elapsed() < Duration::from_secs(2), "still running after the grace");
            std::thread::sleep(Duration::from_millis(10));
        }
        let record = r.finish();
        assert!(asked.elapsed() < Duration::from_secs(1), "took {:?}", asked.elapsed());
        assert!(record.stopped && record.exit_code.is_none());
        assert!(!record.output.contains("finished"));
        assert!(gone(pid), "the sleep {pid} survived");
    }

    /// No such process, or only its zombie (a container's init may never reap it).
    fn gone(pid: i32) -> bool {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => true,
            Ok(stat) => stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        }
    }

    #[test]
    fn a_term_resistant_command_is_killed_after_the_grace() {
        let mut r = start("trap '' TERM; while :; do sleep 0.05; done").unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let asked = Instant::now();
        r.stop();
        while !r.done() {
            assert!(asked.elapsed() < Duration::from_secs(3), "never killed");
            std::thread::sleep(Duration::from_millis(10));
        }
        let record = r.finish();
        assert!(asked.elapsed() < Duration::from_secs(1) && asked.elapsed() >= GRACE, "{:?}", asked.elapsed());
        assert!(record.stopped);
    }

    #[test]
    fn output_is_capped() {
        let r = run("head -c 200000 /dev/zero | tr '\\0' x", &|| false);
        assert!(r.output.len() < MAX_OUTPUT + 100, "{}", r.output.len());
        assert!(r.output.ends_with("[output cut at 64 KB]\n"));
    }
}
