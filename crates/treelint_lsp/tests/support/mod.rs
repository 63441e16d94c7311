//! A JSON-RPC client that drives the language server in-process over `tokio::io::duplex`:
//! real framing, real serialisation, no mocks. Server→client requests (registration,
//! progress) are answered with `null`, as a minimal editor would.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::{Mutex, mpsc};

/// How long to wait for a message before failing the test (instead of hanging forever).
const PATIENCE: Duration = Duration::from_secs(60);

/// One end of a JSON-RPC conversation with a server task.
pub struct Client {
    writer: Arc<Mutex<WriteHalf<DuplexStream>>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages read while waiting for something else.
    pub backlog: VecDeque<Value>,
    next_id: i64,
    server: tokio::task::JoinHandle<()>,
}

async fn write_frame(w: &Mutex<WriteHalf<DuplexStream>>, body: &[u8]) {
    let mut w = w.lock().await;
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await.unwrap();
    w.write_all(body).await.unwrap();
    w.flush().await.unwrap();
}

async fn read_frames(
    mut r: ReadHalf<DuplexStream>,
    writer: Arc<Mutex<WriteHalf<DuplexStream>>>,
    tx: mpsc::UnboundedSender<Value>,
) {
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        // Parse as many complete frames as the buffer holds.
        while let Some(header_end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let header = String::from_utf8_lossy(&buf[..header_end]).to_string();
            let len: usize = header
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .and_then(|n| n.trim().parse().ok())
                .expect("a Content-Length header");
            if buf.len() < header_end + 4 + len {
                break;
            }
            let body: Vec<u8> = buf[header_end + 4..header_end + 4 + len].to_vec();
            buf.drain(..header_end + 4 + len);
            let msg: Value = serde_json::from_slice(&body).expect("the server sends valid JSON");
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": msg["id"], "result": null});
                write_frame(&writer, reply.to_string().as_bytes()).await;
            }
            if tx.send(msg).is_err() {
                return;
            }
        }
        match r.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// The diagnostics of a `publishDiagnostics` message, moved out rather than copied: a
/// 5,000-check tree publishes several MB, and a copy would be the client's cost, not the
/// server's, in the edit → diagnostics bench.
fn take_diagnostics(mut msg: Value) -> Vec<Value> {
    match msg["params"]["diagnostics"].take() {
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

impl Client {
    /// Starts a server task and connects to it.
    pub fn start() -> Client {
        let (client_io, server_io) = tokio::io::duplex(1 << 20);
        let (sr, sw) = tokio::io::split(server_io);
        let server = tokio::spawn(treelint_lsp::serve(sr, sw));
        let (cr, cw) = tokio::io::split(client_io);
        let writer = Arc::new(Mutex::new(cw));
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_frames(cr, writer.clone(), tx));
        Client { writer, incoming: rx, backlog: VecDeque::new(), next_id: 0, server }
    }

    /// Sends raw bytes as one frame's body (for malformed input).
    pub async fn send_raw(&self, body: &str) {
        write_frame(&self.writer, body.as_bytes()).await;
    }

    pub async fn notify(&self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&msg.to_string()).await;
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&msg.to_string()).await;
        self.wait_for(|m| m.get("method").is_none() && m["id"] == json!(id)).await
    }

    /// Sends a request and returns its result, failing the test on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The next message (from the backlog first) that satisfies `pred`; others are kept.
    pub async fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).unwrap();
        }
        loop {
            let msg = tokio::time::timeout(PATIENCE, self.incoming.recv())
                .await
                .expect("the server answers in time")
                .expect("the server is still running");
            if pred(&msg) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self
            .wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        take_diagnostics(msg)
    }

    /// The first diagnostics published for `uri` that satisfy `pred` (earlier publications,
    /// from analyses that raced with the change under test, are skipped).
    pub async fn diagnostics_where(&mut self, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let msg = self
            .wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["diagnostics"].as_array().is_some_and(|d| pred(d))
            })
            .await;
        take_diagnostics(msg)
    }

    /// The next diagnostics published for `uri`, whatever their version.
    pub async fn next_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let msg =
            self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri).await;
        take_diagnostics(msg)
    }

    /// `initialize` with `capabilities` and one workspace folder, then `initialized`.
    pub async fn initialize(&mut self, folder_uri: &str, capabilities: Value) -> Value {
        let result = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": folder_uri, "capabilities": capabilities,
                       "workspaceFolders": [{"uri": folder_uri, "name": "ws"}]}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// `shutdown` then `exit`; returns once the server task has ended.
    pub async fn shutdown(mut self) {
        let r = self.request_raw("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(PATIENCE, &mut self.server)
            .await
            .expect("the server stops after exit")
            .expect("the server task did not panic");
    }
}

/// The canonical example, FORMAT.md's corpus file.
pub fn canonical_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md");
    std::fs::read_to_string(path).expect("the canonical example is readable")
}

/// A `file://` URI for a path.
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// 0-based line of the first line of `text` that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line contains {needle:?}")) as u32
}

/// UTF-16 column of `needle` in the first line that contains it.
pub fn col_of(text: &str, needle: &str) -> u32 {
    let line = text.lines().find(|l| l.contains(needle)).unwrap();
    line[..line.find(needle).unwrap()].encode_utf16().count() as u32
}

/// Applies LSP text edits (UTF-16 positions) to `text`, as an editor would.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, ch) = (p["line"].as_u64().unwrap() as usize, p["character"].as_u64().unwrap() as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}
