//! The commands of a check or an action, one runnable command each, and running one
//! (`--exec`): `sh -c`, output captured, exit status and duration recorded.
//!
//! A code block is cut into commands at line ends, joining lines continued with `\` and
//! dropping comments and blank lines; a block with a here-document (`<<`) stays whole,
//! since its lines belong together.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use treelint_core::walk::{Block, RunRecord};

/// The most output kept in the record per command; the rest is cut with a note.
pub const MAX_OUTPUT: usize = 64 * 1024;

/// The runnable commands of the code blocks among `blocks`, in order.
pub fn split(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        let Block::Code { code, .. } = b else { continue };
        if code.contains("<<") {
            out.push(code.trim().to_string());
            continue;
        }
        let mut current = String::new();
        for line in code.lines() {
            let t = line.trim();
            if current.is_empty() && (t.is_empty() || t.starts_with('#')) {
                continue;
            }
            match t.strip_suffix('\\') {
                Some(head) => {
                    current.push_str(head.trim_end());
                    current.push(' ');
                }
                None => {
                    current.push_str(t);
                    out.push(std::mem::take(&mut current));
                }
            }
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_string());
        }
    }
    out
}

/// A command started with `sh -c`, its output read on background threads.
pub struct Running {
    pub command: String,
    child: Child,
    started: Instant,
    readers: Vec<std::thread::JoinHandle<Vec<u8>>>,
}

/// Starts `command` with no standard input.
pub fn start(command: &str) -> std::io::Result<Running> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut readers = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        readers.push(std::thread::spawn(move || read_capped(&mut out)));
    }
    if let Some(mut err) = child.stderr.take() {
        readers.push(std::thread::spawn(move || read_capped(&mut err)));
    }
    Ok(Running { command: command.to_string(), child, started: Instant::now(), readers })
}

fn read_capped(r: &mut impl Read) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                // Keep reading past the cap so the child never blocks on a full pipe.
                let room = MAX_OUTPUT.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    kept
}

impl Running {
    /// Whether it has ended (without waiting).
    pub fn done(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// Stops it (Ctrl-C in the walk).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }

    /// Waits for it to end and makes the record.
    pub fn finish(mut self) -> RunRecord {
        let status = self.child.wait().ok();
        let duration = self.started.elapsed();
        let mut output = String::new();
        for r in self.readers {
            let bytes = r.join().unwrap_or_default();
            output.push_str(&String::from_utf8_lossy(&bytes));
        }
        if output.len() >= MAX_OUTPUT {
            output.push_str("\n[output cut]\n");
        }
        RunRecord {
            command: self.command,
            exit_code: status.and_then(|s| s.code()),
            duration_ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
            output,
            stopped: false,
        }
    }
}

/// Runs `command` to its end.
pub fn run(command: &str) -> RunRecord {
    match start(command) {
        Ok(r) => r.finish(),
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
    fn code_blocks_are_cut_into_commands_without_comments() {
        let cmds = split(&code("# Error rate\nkubectl exec -it p -- promtool \\\n  'rate(x)'\n\ncurl -s https://x\n"));
        assert_eq!(cmds, vec!["kubectl exec -it p -- promtool 'rate(x)'", "curl -s https://x"]);
    }

    #[test]
    fn a_here_document_stays_one_command() {
        let cmds = split(&code("kubectl apply -f - <<YAML\nkind: X\nYAML"));
        assert_eq!(cmds.len(), 1);
    }

    #[test]
    fn running_records_output_and_exit_status() {
        let r = run("echo hi; echo err >&2; exit 3");
        assert_eq!(r.exit_code, Some(3));
        assert_eq!(r.output, "hi\nerr\n");
    }
}
