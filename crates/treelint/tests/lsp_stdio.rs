//! `treelint lsp` as editors run it: the real binary over stdin/stdout with JSON-RPC, from
//! `initialize` to `exit` (the in-process suite in `crates/treelint_lsp/tests` covers the
//! features one by one).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn send(stdin: &mut impl Write, msg: Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn recv(stdout: &mut BufReader<impl Read>) -> Value {
    let mut len = 0;
    loop {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "the server closed its output");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            len = n.parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    stdout.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

#[test]
fn serves_the_canonical_example_over_stdio_and_exits_cleanly() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/rollback-or-fix-forward.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/rollback-or-fix-forward.md", dir.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_treelint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let folder = format!("file://{}", dir.path().display());
    send(&mut stdin, json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": folder, "capabilities": {}}}));
    let init = recv(&mut stdout);
    assert_eq!(init["result"]["serverInfo"]["name"], "treelint");
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}));
    let diagnostics = loop {
        let msg = recv(&mut stdout);
        if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
            break msg["params"]["diagnostics"].as_array().unwrap().clone();
        }
    };
    assert_eq!(diagnostics.len(), 22);
    send(&mut stdin, json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 14, "character": 14}}}));
    let hover = loop {
        let msg = recv(&mut stdout);
        if msg["id"] == 2 {
            break msg;
        }
    };
    assert!(hover["result"]["contents"]["value"].as_str().unwrap().contains("Check 2: Is rollback safe?"), "{hover}");
    send(&mut stdin, json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    loop {
        if recv(&mut stdout)["id"] == 3 {
            break;
        }
    }
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    // The client keeps stdin open, as editors do: the server must still exit.
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    drop(stdin);
}
