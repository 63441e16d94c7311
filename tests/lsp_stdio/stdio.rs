//! `treelint lsp` as editors run it: the real binary over stdin/stdout with JSON-RPC, from
//! `initialize` to `exit` (the in-process suite in `crates/treelint_lsp/tests` covers the
//! features one by one).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

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
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/rollback-or-fix-forward.md"
    ))
    .unwrap();
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
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": folder, "capabilities": {}}}),
    );
    let init = recv(&mut stdout);
    assert_eq!(init["result"]["serverInfo"]["name"], "treelint");
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let diagnostics = loop {
        let msg = recv(&mut stdout);
        if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
            break msg["params"]["diagnostics"].as_array().unwrap().clone();
        }
    };
    assert_eq!(diagnostics.len(), 22);
    let mut next_id = 10;
    let mut request = |stdin: &mut std::process::ChildStdin,
                       stdout: &mut BufReader<std::process::ChildStdout>,
                       method: &str,
                       params: Value| {
        next_id += 1;
        send(stdin, json!({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}));
        loop {
            let msg = recv(stdout);
            if msg["id"] == next_id {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                break msg["result"].clone();
            }
        }
    };
    let doc = json!({"uri": uri});
    // `[Check 2]` in the outline: line 15, after `│   │   ├── ` (0-based line 14, character 12).
    let at_check_2 = json!({"textDocument": doc, "position": {"line": 14, "character": 14}});

    let hover = request(&mut stdin, &mut stdout, "textDocument/hover", at_check_2.clone());
    assert!(hover["contents"]["value"].as_str().unwrap().contains("Check 2: Is rollback safe?"), "{hover}");

    // Definition: the label goes to its Node Details heading (line 68).
    let definition = request(&mut stdin, &mut stdout, "textDocument/definition", at_check_2.clone()).to_string();
    assert!(definition.contains("\"line\":67"), "{definition}");

    // References: the label and the heading.
    let mut params = at_check_2.clone();
    params["context"] = json!({"includeDeclaration": true});
    let references = request(&mut stdin, &mut stdout, "textDocument/references", params);
    let lines: Vec<u64> =
        references.as_array().unwrap().iter().map(|l| l["range"]["start"]["line"].as_u64().unwrap()).collect();
    assert!(lines.contains(&14) && lines.contains(&67), "{lines:?}");

    // Completion after `[Check ` offers the check IDs.
    let completion = request(
        &mut stdin,
        &mut stdout,
        "textDocument/completion",
        json!({"textDocument": doc, "position": {"line": 14, "character": 19}}),
    );
    let items = completion.get("items").unwrap_or(&completion).as_array().unwrap().clone();
    assert!(items.iter().any(|i| i["label"].as_str().unwrap_or("").contains('5')), "{completion}");

    // Symbols: the tree and the sections.
    let symbols =
        request(&mut stdin, &mut stdout, "textDocument/documentSymbol", json!({"textDocument": doc})).to_string();
    assert!(symbols.contains("Check 1") && symbols.contains("Terminal Actions"), "{symbols}");

    // A code action repairs the first last-child glyph (line 13).
    let glyph = diagnostics.iter().find(|d| d["code"] == "last-child-glyph").unwrap().clone();
    let actions = request(
        &mut stdin,
        &mut stdout,
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": glyph["range"], "context": {"diagnostics": [glyph]}}),
    )
    .to_string();
    assert!(actions.contains("└──"), "{actions}");

    // Formatting redraws the six glyphs (and their bars), nothing else.
    let edits = request(
        &mut stdin,
        &mut stdout,
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert!(!edits.is_empty() && edits.iter().all(|e| e["range"]["start"]["line"].as_u64().unwrap() < 50), "{edits:?}");

    // Rename Check 2 everywhere: label and heading.
    let mut params = at_check_2.clone();
    params["newName"] = json!("2a");
    let rename = request(&mut stdin, &mut stdout, "textDocument/rename", params).to_string();
    assert!(rename.matches("2a").count() >= 2, "{rename}");

    // Adding the missing details of Check 5 removes that finding.
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 102, "character": 0}, "end": {"line": 102, "character": 0}},
                                "text": "### Check 5: Blast radius trend\n\nWatch the error rate for five minutes.\n\n"}]}}),
    );
    let after = loop {
        let msg = recv(&mut stdout);
        if msg["method"] == "textDocument/publishDiagnostics"
            && msg["params"]["uri"] == uri
            && msg["params"]["version"] == 2
        {
            break msg["params"]["diagnostics"].as_array().unwrap().clone();
        }
    };
    assert_eq!(after.len(), 21, "{after:?}");
    assert!(!after.iter().any(|d| d["code"] == "missing-details" && d["range"]["start"]["line"] == 24));

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
