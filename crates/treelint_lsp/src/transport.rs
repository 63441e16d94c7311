//! A guard in front of tower-lsp's reader: it re-frames the client's byte stream and
//! replaces every message tower-lsp could not decode.
//!
//! tower-lsp stops serving at the first frame it cannot decode (invalid JSON, or JSON that
//! is not a JSON-RPC message: its reader ends on the codec's error), so one malformed
//! message would take the server down. Here each frame's body is checked first; a bad one
//! is replaced by a request for `$/treelint/invalidMessage`, which the server answers with
//! the JSON-RPC error the client deserves (parse error, or invalid request with the
//! message's own id when it had one). Bytes outside any frame (no `Content-Length`) are
//! skipped up to the next header.

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
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
        Some(len) if len <= MAX_BODY => (buf.len() >= start + len).then(|| (start + len, Some(&buf[start..start + len]))),
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
            if let Some((uri, version)) = doc.and_then(|d| Some((d["uri"].as_str()?, i32::try_from(d["version"].as_i64()?).ok()?))) {
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
        assert_eq!((v["method"].as_str(), v["id"].is_null(), v["params"]["code"].as_i64()), (Some(INVALID_MESSAGE), true, Some(-32700)));
        let v: Value = serde_json::from_slice(&checked(br#"{"jsonrpc":"2.0","id":7,"method":12}"#, &wire)).unwrap();
        assert_eq!((v["id"].as_i64(), v["params"]["code"].as_i64()), (Some(7), Some(-32600)));
    }
}
