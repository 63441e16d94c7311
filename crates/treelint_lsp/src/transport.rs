//! A guard in front of tower-lsp's reader: it re-frames the client's byte stream and
//! replaces every message tower-lsp could not decode. Behind its writer, [`merge`] lets the
//! server send messages it has serialised itself (see [`Outbox`]).
//!
//! tower-lsp stops serving at the first frame it cannot decode (invalid JSON, or JSON that
//! is not a JSON-RPC message: its reader ends on the codec's error), so one malformed
//! message would take the server down. Here each frame's body is checked first; a bad one
//! is replaced by a request for `$/treelint/invalidMessage`, which the server answers with
//! the JSON-RPC error the client deserves (parse error, or invalid request with the
//! message's own id when it had one). Bytes outside any frame (no `Content-Length`) are
//! skipped up to the next header.

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

use crate::world::WireOrder;

/// The method bad messages are turned into.
pub const INVALID_MESSAGE: &str = "$/treelint/invalidMessage";
/// The largest body accepted (a 64 MiB document is far past any tree).
const MAX_BODY: usize = 64 << 20;

/// Copies frames from `input` to `output` until `input` ends, replacing undecodable ones
/// and recording the version of every `didChange` in `wire`, in the order they came.
pub async fn sanitize<R, W>(mut input: R, mut output: W, wire: WireOrder)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some((consumed, body)) = next_frame(&buf) {
            let body = body.map(|b| checked(b, &wire).into_owned());
            buf.drain(..consumed);
            if let Some(body) = body {
                let frame = [format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes(), body].concat();
                if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
                    return;
                }
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let _ = output.shutdown().await;
}

/// The next complete frame of `buf`: how many bytes it takes, and its body (`None` for
/// garbage that is skipped). `None` when more input is needed.
fn next_frame(buf: &[u8]) -> Option<(usize, Option<&[u8]>)> {
    let header_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let header = String::from_utf8_lossy(&buf[..header_end]);
    let length = header.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    let start = header_end + 4;
    match length {
        Some(len) if len <= MAX_BODY => {
            (buf.len() >= start + len).then(|| (start + len, Some(&buf[start..start + len])))
        }
        _ => {
            eprintln!("treelint lsp: skipped a frame without a usable Content-Length");
            Some((start, None))
        }
    }
}

/// The body itself when tower-lsp can decode it, else an `invalidMessage` request.
fn checked<'a>(body: &'a [u8], wire: &WireOrder) -> std::borrow::Cow<'a, [u8]> {
    if let Ok(request) = serde_json::from_slice::<Request>(body) {
        if request.method() == "textDocument/didChange" {
            let doc = request.params().map(|p| &p["textDocument"]);
            if let Some((uri, version)) =
                doc.and_then(|d| Some((d["uri"].as_str()?, i32::try_from(d["version"].as_i64()?).ok()?)))
            {
                wire.sent(uri, version);
            }
        }
        return body.into();
    }
    if serde_json::from_slice::<Response>(body).is_ok() {
        return body.into();
    }
    let (id, code, message) = match serde_json::from_slice::<Value>(body) {
        Ok(v) => {
            let id = v.get("id").filter(|id| id.is_i64() || id.is_string()).cloned().unwrap_or(Value::Null);
            (id, -32600, "Invalid request: not a JSON-RPC 2.0 message")
        }
        Err(_) => (Value::Null, -32700, "Parse error: the message is not valid JSON"),
    };
    eprintln!("treelint lsp: {message}");
    json!({"jsonrpc": "2.0", "id": id, "method": INVALID_MESSAGE, "params": {"code": code, "message": message}})
        .to_string()
        .into_bytes()
        .into()
}

/// Messages waiting in the outbox before [`Outbox::send`] waits for the client to read.
const OUTBOX_DEPTH: usize = 8;

/// Notifications the server serialises itself, written to the client between tower-lsp's
/// own frames by [`merge`].
///
/// tower-lsp turns every outgoing message into a `serde_json::Value` before writing it;
/// for the 6,000 findings of a large tree that tree of maps cost five times the encoding
/// itself (building, writing and freeing it). Bodies sent here are JSON already.
#[derive(Debug, Clone)]
pub struct Outbox(mpsc::Sender<Vec<u8>>);

impl Outbox {
    pub fn new() -> (Outbox, mpsc::Receiver<Vec<u8>>) {
        let (tx, rx) = mpsc::channel(OUTBOX_DEPTH);
        (Outbox(tx), rx)
    }

    /// Queues one JSON-RPC message body; waits while the client is behind (as tower-lsp's
    /// own client does). False once the server has stopped writing.
    pub async fn send(&self, body: Vec<u8>) -> bool {
        self.0.send(body).await.is_ok()
    }
}

/// Copies tower-lsp's output to `output` as it comes, and writes the outbox's messages
/// between its frames (never inside one), until tower-lsp's output ends.
pub async fn merge<R, W>(mut from_server: R, mut outbox: mpsc::Receiver<Vec<u8>>, output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite,
{
    let mut output = std::pin::pin!(output);
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    // Bytes of the current tower-lsp frame's body still to copy: while above zero, an
    // outbox message would land inside that frame, so it waits.
    let mut in_body = 0usize;
    loop {
        tokio::select! {
            read = from_server.read(&mut chunk) => {
                let n = match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                buf.extend_from_slice(&chunk[..n]);
                let ready = passable(&buf, &mut in_body);
                if ready > 0 {
                    if output.write_all(&buf[..ready]).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                    buf.drain(..ready);
                }
            }
            Some(body) = outbox.recv(), if in_body == 0 => {
                if write_frame(&mut output, &body).await.is_err() {
                    return;
                }
            }
        }
    }
    // tower-lsp has stopped (after `exit`): what the server queued before still goes out.
    while let Ok(body) = outbox.try_recv() {
        if write_frame(&mut output, &body).await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

/// How many bytes at the start of `buf` can be copied now: whole headers and as much of
/// the body as has come. `in_body` carries the rest of a body over to the next read.
fn passable(buf: &[u8], in_body: &mut usize) -> usize {
    let mut at = 0;
    loop {
        if *in_body > 0 {
            let n = (*in_body).min(buf.len() - at);
            *in_body -= n;
            at += n;
            if *in_body > 0 {
                return at;
            }
        }
        // tower-lsp's encoder writes `Content-Length: N\r\n\r\n` then the body.
        match next_frame_header(&buf[at..]) {
            Some((header, len)) => {
                at += header;
                *in_body = len;
                if len == 0 {
                    continue;
                }
            }
            None => return at,
        }
        if at == buf.len() {
            return at;
        }
    }
}

/// The length of a complete frame header at the start of `buf` and its body's length.
fn next_frame_header(buf: &[u8]) -> Option<(usize, usize)> {
    let header_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let header = String::from_utf8_lossy(&buf[..header_end]);
    let length = header.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    Some((header_end + 4, length.unwrap_or(0)))
}

async fn write_frame<W: AsyncWrite + Unpin>(output: &mut W, body: &[u8]) -> std::io::Result<()> {
    output.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    output.write_all(body).await?;
    output.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_garbage() {
        let buf = b"Content-Length: 2\r\n\r\n{}rest";
        assert_eq!(next_frame(buf), Some((23, Some(&b"{}"[..]))));
        assert_eq!(next_frame(b"Content-Length: 5\r\n\r\n{}"), None);
        assert_eq!(next_frame(b"junk\r\n\r\nContent-Length"), Some((8, None)));
    }

    #[test]
    fn undecodable_bodies_become_invalid_message_requests() {
        let ok = br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;
        let wire = WireOrder::default();
        assert_eq!(&*checked(ok, &wire), &ok[..]);
        let v: Value = serde_json::from_slice(&checked(b"{not json", &wire)).unwrap();
        assert_eq!(
            (v["method"].as_str(), v["id"].is_null(), v["params"]["code"].as_i64()),
            (Some(INVALID_MESSAGE), true, Some(-32700))
        );
        let v: Value = serde_json::from_slice(&checked(br#"{"jsonrpc":"2.0","id":7,"method":12}"#, &wire)).unwrap();
        assert_eq!((v["id"].as_i64(), v["params"]["code"].as_i64()), (Some(7), Some(-32600)));
    }

    #[test]
    fn merge_boundaries_follow_the_frames() {
        let mut in_body = 0;
        // A whole frame and half of the next: the second header and 2 body bytes pass.
        let buf = b"Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\n[1";
        assert_eq!(passable(buf, &mut in_body), buf.len());
        assert_eq!(in_body, 2);
        assert_eq!(passable(b"]]Content-Len", &mut in_body), 2);
        assert_eq!(in_body, 0);
    }

    #[tokio::test]
    async fn outbox_messages_go_between_frames() {
        let (mut server_side, from_server) = tokio::io::duplex(1 << 10);
        let (outbox, outgoing) = Outbox::new();
        let (mut client, output) = tokio::io::duplex(1 << 16);
        let merging = tokio::spawn(merge(from_server, outgoing, output));
        let head = b"Content-Length: 7\r\n\r\n[1,";
        server_side.write_all(head).await.unwrap();
        server_side.flush().await.unwrap();
        // Once the client has the frame's first bytes, the outbox message must wait for its end.
        let mut first = vec![0u8; head.len()];
        client.read_exact(&mut first).await.unwrap();
        assert!(outbox.send(b"{}".to_vec()).await);
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        server_side.write_all(b"2,3]").await.unwrap();
        drop(server_side);
        merging.await.unwrap();
        let mut got = String::from_utf8(first).unwrap();
        client.read_to_string(&mut got).await.unwrap();
        assert_eq!(got, "Content-Length: 7\r\n\r\n[1,2,3]Content-Length: 2\r\n\r\n{}");
    }
}
