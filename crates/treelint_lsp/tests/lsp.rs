//! End-to-end: the server driven over an in-memory stream with real JSON-RPC, on the
//! canonical example of FORMAT.md.

mod support;

use serde_json::{Value, json};
use support::{Client, apply_edits, canonical_text, col_of, file_uri, line_of};

/// FORMAT.md §4's table: (rule, 1-based line) for every expected finding.
const EXPECTED: &[(&str, u32)] = &[
    ("missing-details", 25),
    ("missing-details", 32),
    ("missing-details", 43),
    ("missing-details", 47),
    ("unmarked-leaf", 27),
    ("unmarked-leaf", 37),
    ("unmarked-leaf", 40),
    ("unmarked-leaf", 49),
    ("unresolved-terminal", 26),
    ("unlabeled-question", 35),
    ("parallel-questions", 18),
    ("parallel-questions", 29),
    ("last-child-glyph", 13),
    ("last-child-glyph", 15),
    ("last-child-glyph", 22),
    ("last-child-glyph", 32),
    ("last-child-glyph", 35),
    ("last-child-glyph", 39),
    ("broken-related-tree", 237),
    ("broken-related-tree", 237),
    ("broken-runbook-link", 236),
    ("broken-runbook-link", 236),
];

fn rules_and_lines(diags: &[Value]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"]["start"]["line"].as_u64().unwrap() as u32 + 1))
        .collect();
    out.sort();
    out
}

fn expected() -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = EXPECTED.iter().map(|(r, l)| (r.to_string(), *l)).collect();
    out.sort();
    out
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

fn push_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        "textDocument": {"definition": {}, "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
    })
}

/// An insertion at the start of `line` as a `didChange` content change.
fn insert_at_line(line: u32, text: &str) -> Value {
    json!({"range": {"start": pos(line, 0), "end": pos(line, 0)}, "text": text})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canonical_example_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rollback-or-fix-forward.md");
    let text = canonical_text();
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    let init = c.initialize(&file_uri(dir.path()), push_capabilities()).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    // The server registers its file watchers with a client that allows it.
    let reg = c.wait_for(|m| m["method"] == "client/registerCapability").await;
    let watchers = reg["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(watchers.contains("**/*.md") && watchers.contains("**/treelint.toml"), "{watchers}");

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    let diags = c.diagnostics(&uri, 1).await;
    assert_eq!(diags.len(), 22);
    assert_eq!(rules_and_lines(&diags), expected());
    for d in &diags {
        assert_eq!(d["source"], "treelint");
        let rule = d["code"].as_str().unwrap();
        assert_eq!(d["codeDescription"]["href"], format!("https://treelint.dev/rules/{rule}"));
    }
    // Ranges are precise: Check 5's label on line 25.
    let check5 = diags.iter().find(|d| d["code"] == "missing-details" && d["range"]["start"]["line"] == 24).unwrap();
    let l25 = text.lines().nth(24).unwrap();
    assert_eq!(check5["range"]["start"]["character"], col_of(l25, "[Check 5]"));
    assert_eq!(check5["range"]["end"]["character"], col_of(l25, "[Check 5]") + "[Check 5]".len() as u32);

    // Hover on [Check 2]: its title and commands.
    let l_check2 = line_of(&text, "[Check 2]");
    let hover = c.request("textDocument/hover", at(&uri, l_check2, col_of(&text, "[Check 2]") + 2)).await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Check 2: Is rollback safe?"), "{value}");
    assert!(value.contains("kubectl get job -n myapp | grep migrate"), "{value}");
    // Hover on a terminal: the action's steps.
    let l_rb = line_of(&text, "✅ ROLL BACK IMMEDIATELY");
    let hover = c.request("textDocument/hover", at(&uri, l_rb, col_of(&text, "✅ ROLL BACK IMMEDIATELY") + 3)).await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Roll Back Immediately") && value.contains("kubectl rollout undo deployment/myapp"),
        "{value}"
    );

    // Definition: [Check 1] → its Node Details heading; the heading → the label; a terminal → its action.
    let l_check1 = line_of(&text, "[Check 1]");
    let def = c.request("textDocument/definition", at(&uri, l_check1, col_of(&text, "[Check 1]") + 1)).await;
    assert_eq!(def[0]["range"]["start"]["line"], line_of(&text, "### Check 1:"));
    let def = c.request("textDocument/definition", at(&uri, line_of(&text, "### Check 1:"), 10)).await;
    assert_eq!(def[0]["range"]["start"]["line"], l_check1);
    let def = c.request("textDocument/definition", at(&uri, l_rb, col_of(&text, "✅ ROLL BACK IMMEDIATELY") + 3)).await;
    assert_eq!(def.as_array().unwrap().len(), 1);
    assert_eq!(def[0]["range"]["start"]["line"], line_of(&text, "### ✅ Action: Roll Back Immediately"));

    // References of Check 2: its label and its details heading.
    let refs = c
        .request("textDocument/references", json!({"textDocument": {"uri": uri}, "position": pos(l_check2, col_of(&text, "[Check 2]") + 2), "context": {"includeDeclaration": true}}))
        .await;
    let mut lines: Vec<u64> =
        refs.as_array().unwrap().iter().map(|l| l["range"]["start"]["line"].as_u64().unwrap()).collect();
    lines.sort();
    assert_eq!(lines, vec![l_check2 as u64, line_of(&text, "### Check 2:") as u64]);

    // Completion after `[Check `: the document's check IDs, numeric order.
    let completion = c
        .request("textDocument/completion", at(&uri, l_check1, col_of(&text, "[Check 1]") + "[Check ".len() as u32))
        .await;
    let labels: Vec<&str> = completion.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);

    // Rename Check 2 → 2b: label and heading, just the IDs.
    let prepare = c.request("textDocument/prepareRename", at(&uri, l_check2, col_of(&text, "[Check 2]") + 2)).await;
    assert_eq!(prepare["placeholder"], "2");
    let edit = c
        .request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": pos(l_check2, col_of(&text, "[Check 2]") + 2), "newName": "2b"}))
        .await;
    let edits = edit["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e["newText"] == "2b"));
    let heading_line = line_of(&text, "### Check 2:");
    assert!(
        edits
            .iter()
            .any(|e| e["range"]["start"] == pos(heading_line, 10) && e["range"]["end"] == pos(heading_line, 11))
    );

    // Code actions on the first last-child glyph: a preferred safe quick fix, and fix-all.
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(l_check1, 0), "end": pos(l_check1, 3)}, "context": {"diagnostics": []}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let quick = actions.iter().find(|a| a["kind"] == "quickfix").expect("a quick fix");
    assert_eq!(quick["isPreferred"], true);
    assert_eq!(quick["diagnostics"][0]["code"], "last-child-glyph");
    assert_eq!(quick["edit"]["changes"][&uri][0]["newText"], "└──");
    let fix_all = actions.iter().find(|a| a["kind"] == "source.fixAll.treelint").expect("fix-all");
    assert!(fix_all["edit"]["changes"][&uri].as_array().unwrap().len() >= 6);

    // Walk: the first question, then YES, YES → the roll-back outcome.
    let first = c.request("treelint/walk", json!({"uri": uri, "from": null, "choices": []})).await;
    assert_eq!(first["step"]["kind"], "question");
    assert_eq!(first["step"]["check"], "1");
    assert!(first["step"]["text"].as_str().unwrap().contains("Is the service completely down"));
    assert_eq!(first["step"]["choices"].as_array().unwrap().len(), 2);
    assert!(first["step"]["details"].as_str().unwrap().contains("promtool"));
    assert_eq!(first["transcript"], Value::Null);
    let end = c.request("treelint/walk", json!({"uri": uri, "from": null, "choices": [0, 0]})).await;
    assert_eq!(end["step"]["kind"], "outcome", "{end}");
    assert!(end["step"]["text"].as_str().unwrap().contains("ROLL BACK IMMEDIATELY"));
    assert_eq!(end["step"]["marker"], "✅");
    assert!(end["step"]["action"].as_str().unwrap().contains("kubectl rollout undo"));
    assert_eq!(end["breadcrumbs"].as_array().unwrap().len(), 2);
    assert!(end["breadcrumbs"][1]["question"].as_str().unwrap().contains("Is rollback safe?"));
    assert!(end["transcript"].as_str().unwrap().contains("ROLL BACK IMMEDIATELY"));
    // The server's clock stamps the record: real UTC times, never `-`.
    let transcript = end["transcript"].as_str().unwrap();
    assert!(!transcript.contains("**Started:** -") && !transcript.contains("- `-`"), "{transcript}");
    let stamps: Vec<&str> = transcript.lines().filter_map(|l| l.strip_prefix("- `")?.split('`').next()).collect();
    assert!(stamps.len() >= 4, "{transcript}");
    for s in &stamps {
        assert!(s.len() == 20 && s.ends_with('Z') && s.starts_with("20"), "{s} is not a UTC timestamp");
    }
    // Times sent back are kept: each step keeps the time it was first taken.
    let again = c
        .request(
            "treelint/walk",
            json!({"uri": uri, "from": null, "choices": [0, 0], "started": "2026-11-29T05:06:24Z",
                   "times": ["2026-11-29T05:06:31Z", "2026-11-29T05:06:52Z"]}),
        )
        .await;
    assert_eq!(again["started"], "2026-11-29T05:06:24Z");
    assert_eq!(again["times"], json!(["2026-11-29T05:06:31Z", "2026-11-29T05:06:52Z"]));
    let transcript = again["transcript"].as_str().unwrap();
    assert!(transcript.contains("- **Started:** 2026-11-29T05:06:24Z"), "{transcript}");
    assert!(transcript.contains("- `2026-11-29T05:06:52Z` **[Check 2]**"), "{transcript}");
    let junk = c
        .request(
            "treelint/walk",
            json!({"uri": uri, "from": null, "choices": [0], "started": "yesterday", "times": ["</x>"]}),
        )
        .await;
    assert!(is_utc(junk["started"].as_str().unwrap()) && is_utc(junk["times"][0].as_str().unwrap()), "{junk}");
    // Resuming from a record (a terminal walk's, say): the walk goes on where it stopped.
    let record = again["transcript"].as_str().unwrap().to_string();
    let resumed = c.request("treelint/walk", json!({"uri": uri, "from": null, "choices": [], "record": record})).await;
    assert_eq!(resumed["step"]["kind"], "outcome", "{resumed}");
    let cut = back_one_record(&record);
    let at2 = c.request("treelint/walk", json!({"uri": uri, "from": "9", "choices": [], "record": cut})).await;
    assert_eq!(at2["step"]["check"], "2", "it stopped at Check 2: {at2}");
    let resumed = c.request("treelint/walk", json!({"uri": uri, "choices": [0], "record": cut})).await;
    assert_eq!(resumed["step"]["kind"], "outcome", "{resumed}");
    let walked = resumed["transcript"].as_str().unwrap();
    assert!(walked.contains("- **Started:** 2026-11-29T05:06:24Z"), "{walked}");
    assert!(walked.contains("Resumed from this record"), "{walked}");
    assert!(walked.contains("- `2026-11-29T05:06:31Z` **[Check 1]**"), "{walked}");
    assert!(is_utc(resumed["started"].as_str().unwrap()) && resumed["times"].as_array().unwrap().len() == 1);
    let bad = c.request_raw("treelint/walk", json!({"uri": uri, "choices": [], "record": "# notes"})).await;
    assert!(bad.get("error").is_some(), "{bad}");
    let from6 = c.request("treelint/walk", json!({"uri": uri, "from": "6", "choices": []})).await;
    assert!(from6["step"]["text"].as_str().unwrap().contains("How long ago"));
    let bad = c.request_raw("treelint/walk", json!({"uri": uri, "from": null, "choices": [7]})).await;
    assert!(bad.get("error").is_some(), "{bad}");

    // Edits that arrive out of order are applied in version order. Version 2 adds Check 5's
    // details before Check 6's; version 3, computed on version 2's text, adds Check 7's
    // before Check 8's. Version 3 is sent first.
    let v2_line = line_of(&text, "### Check 6:");
    let v3_line = line_of(&text, "### Check 8:") + 4;
    let change =
        |version: i64, edit: Value| json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]});
    c.notify(
        "textDocument/didChange",
        change(3, insert_at_line(v3_line, "### Check 7: Migration check\n\nLook at the migration job.\n\n")),
    )
    .await;
    c.notify(
        "textDocument/didChange",
        change(2, insert_at_line(v2_line, "### Check 5: Blast radius\n\nWatch the error rate.\n\n")),
    )
    .await;
    let diags = c.diagnostics(&uri, 3).await;
    let missing: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "missing-details")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap() + 1)
        .collect();
    assert_eq!(missing, vec![43, 47], "Check 5's and Check 7's findings are gone");
    assert_eq!(diags.len(), 20);
    let l_check7 = line_of(&text, "[Check 7]");
    let def = c.request("textDocument/definition", at(&uri, l_check7, col_of(&text, "[Check 7]") + 1)).await;
    assert_eq!(def[0]["range"]["start"]["line"], v3_line, "Check 7's section sits where version 3 put it");

    // Creating a missing related tree clears its broken-related-tree without reopening.
    let page = dir.path().join("should-i-page.md");
    std::fs::write(
        &page,
        "# Decision Tree: Should I page?\n\n```tree\nPage?\n├── YES → ✅ PAGE\n└── NO → ✅ WAIT\n```\n",
    )
    .unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&page), "type": 1}]})).await;
    let diags =
        c.diagnostics_where(&uri, |d| d.iter().filter(|d| d["code"] == "broken-related-tree").count() < 2).await;
    let broken: Vec<&Value> = diags.iter().filter(|d| d["code"] == "broken-related-tree").collect();
    assert_eq!(broken.len(), 1, "only config-change.md is still missing");
    assert!(broken[0]["message"].as_str().unwrap().contains("config-change"), "{}", broken[0]);
    // Hover on the Related tree entry that now resolves: its title and starting question.
    let l_related = line_of(&text, "**Related trees:**");
    let hover = c.request("textDocument/hover", at(&uri, l_related + 8, col_of(&text, "should-i-page.md") + 2)).await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Should I page?"), "{value}");

    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_errors_or_nothing_and_the_server_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), json!({})).await;
    let uri = file_uri(&dir.path().join("t.md"));
    // A change before the open, for a document never opened: ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 9}, "contentChanges": [{"text": "x"}]}),
    )
    .await;
    // Garbage params: an error response.
    let r = c.request_raw("textDocument/hover", json!({"nonsense": true})).await;
    assert!(r.get("error").is_some(), "{r}");
    let r = c.request_raw("treelint/walk", json!({"uri": 42})).await;
    assert!(r.get("error").is_some(), "{r}");
    // Invalid JSON: an error response with a null id.
    c.send_raw("{not json").await;
    let r = c.wait_for(|m| m.get("error").is_some() && m["id"].is_null()).await;
    assert_eq!(r["error"]["code"], -32700);
    // Unknown and non-file URIs: nothing.
    let r = c.request("textDocument/hover", at("file:///nowhere/missing.md", 0, 0)).await;
    assert!(r.is_null());
    let r = c.request("textDocument/definition", at("untitled:Untitled-1", 3, 3)).await;
    assert!(r.is_null());
    // A document that is not a tree, and positions far out of range.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "just text\n"}}),
    )
    .await;
    let diags = c.diagnostics(&uri, 1).await;
    assert!(diags.is_empty());
    for (line, ch) in [(0, 999), (999, 0), (u32::MAX, u32::MAX)] {
        let r = c.request("textDocument/hover", at(&uri, line, ch)).await;
        assert!(r.is_null());
        let r = c.request("textDocument/completion", at(&uri, line, ch)).await;
        assert!(r.is_null() || r.is_array());
    }
    let r = c
        .request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": pos(0, 0), "newName": "x"}))
        .await;
    assert!(r.is_null());
    // Still serving.
    let r = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    assert!(r.is_array());
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_follow_the_negotiated_encoding() {
    // `⚠️` is two code points (6 bytes, 2 UTF-16 units), `✅` one (3 bytes, 1 unit), 漢字 two
    // (6 bytes, 2 units), `é` written as e + combining accent (3 bytes, 2 units).
    let text =
        "# T\n\n```tree\nRoot?\n└── ⚠️✅漢字e\u{301} [Check 1] Up?\n    ├── YES → ✅ GO\n    └── NO → ✅ STOP\n```\n";
    let line = text.lines().nth(4).unwrap();
    let byte_col = line.find("[Check 1]").unwrap() as u32;
    let utf16_col = line[..line.find("[Check 1]").unwrap()].encode_utf16().count() as u32;
    assert_ne!(byte_col, utf16_col);
    for (offered, expected_kind, col) in [
        (json!(["utf-8", "utf-16"]), "utf-8", byte_col),
        (json!(["utf-16"]), "utf-16", utf16_col),
        (json!(null), "utf-16", utf16_col),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let uri = file_uri(&dir.path().join("t.md"));
        let mut c = Client::start();
        let init = c.initialize(&file_uri(dir.path()), json!({"general": {"positionEncodings": offered}})).await;
        assert_eq!(init["capabilities"]["positionEncoding"], expected_kind);
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
        let diags = c.diagnostics(&uri, 1).await;
        let missing = diags.iter().find(|d| d["code"] == "missing-details").expect("Check 1 has no details");
        assert_eq!(missing["range"]["start"], pos(4, col), "{expected_kind}");
        assert_eq!(missing["range"]["end"], pos(4, col + 9), "{expected_kind}");
        // And back: a position in that encoding finds the label.
        let r = c.request("textDocument/prepareRename", at(&uri, 4, col + 1)).await;
        assert_eq!(r["placeholder"], "1", "{expected_kind}");
        // An incremental edit in that encoding lands where it should: replace `1` by `2`.
        let id_at = col + "[Check ".len() as u32;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": pos(4, id_at), "end": pos(4, id_at + 1)}, "text": "2"}]}),
        )
        .await;
        let diags = c.diagnostics(&uri, 2).await;
        assert!(
            diags.iter().any(|d| d["code"] == "missing-details" && d["message"].as_str().unwrap().contains("Check 2")),
            "{diags:?}"
        );
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_asks_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rollback-or-fix-forward.md");
    let text = canonical_text();
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    let init = c.initialize(&file_uri(dir.path()), json!({"textDocument": {"diagnostic": {}}})).await;
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "treelint");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    let report = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap();
    assert_eq!(rules_and_lines(items), expected());
    let again = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
        )
        .await;
    assert_eq!(again["kind"], "unchanged");
    // An edit that moves no finding: still unchanged, nothing resent.
    let last = text.lines().count() as u32 - 1;
    let end = text.lines().last().unwrap().encode_utf16().count() as u32;
    let change = json!({"range": {"start": pos(last, end), "end": pos(last, end)}, "text": " "});
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]}))
        .await;
    let same = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
        )
        .await;
    assert_eq!((same["kind"].as_str(), &same["resultId"]), (Some("unchanged"), &report["resultId"]), "{same}");
    // A line above every finding moves them all: a full report under a new ID.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [insert_at_line(0, "\n")]}),
    )
    .await;
    let moved = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
        )
        .await;
    assert_eq!(moved["kind"], "full");
    assert_ne!(moved["resultId"], report["resultId"]);
    let shifted: Vec<(String, u32)> = expected().into_iter().map(|(rule, line)| (rule, line + 1)).collect();
    assert_eq!(rules_and_lines(moved["items"].as_array().unwrap()), shifted);
    // Nothing was pushed.
    assert!(!c.backlog.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"));
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_folding_and_lenses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rollback-or-fix-forward.md");
    let text = canonical_text();
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), push_capabilities()).await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(&uri, 1).await;

    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    let h1 = &symbols[0];
    assert_eq!(h1["name"], "Decision Tree: Roll Back or Fix Forward?");
    let sections: Vec<&str> = h1["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(sections, ["The Tree", "Node Details", "Terminal Actions", "Edge Cases", "Cross-References"]);
    let tree = &h1["children"][0]["children"][0];
    assert_eq!(tree["name"], "Tree");
    let root = &tree["children"][0];
    assert!(root["name"].as_str().unwrap().starts_with("Something broke"));
    assert_eq!(root["children"][0]["detail"], "Check 1");
    let details: Vec<&str> =
        h1["children"][1]["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(details.len(), 6);

    let ws = c.request("workspace/symbol", json!({"query": "check 8"})).await;
    assert!(
        ws.as_array().unwrap().iter().any(|s| s["name"].as_str().unwrap().starts_with("Check 8: Has state drifted?")),
        "{ws}"
    );

    let folds = c.request("textDocument/foldingRange", json!({"textDocument": {"uri": uri}})).await;
    let folds = folds.as_array().unwrap();
    let l_check1 = line_of(&text, "[Check 1]");
    assert!(
        folds.iter().any(|f| f["startLine"] == l_check1 && f["endLine"] == line_of(&text, "evaluate rollback cost")),
        "Check 1's subtree folds"
    );
    assert!(folds.iter().any(|f| f["startLine"] == line_of(&text, "## Node Details")));

    let lenses = c.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}})).await;
    let lenses = lenses.as_array().unwrap();
    assert_eq!(lenses.len(), 10);
    let l2 = lenses.iter().find(|l| l["range"]["start"]["line"] == line_of(&text, "[Check 2]")).unwrap();
    assert_eq!(l2["command"]["title"], "▶ Walk from here");
    assert_eq!(l2["command"]["command"], "treelint.walk");
    assert_eq!(l2["command"]["arguments"], json!([uri, "2"]));
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn navigation_across_trees() {
    let dir = tempfile::tempdir().unwrap();
    let a_text = "# Decision Tree: Alpha\n\n**Starting Question:** \"Is alpha broken?\"\n\n```tree\nIs alpha broken?\n└── [Check 1] Is it down?\n    ├── YES → go to [Check 2]\n    └── NO → ✅ WAIT\n    \n[Check 2] Can we restart?\n├── YES → ✅ RESTART\n└── NO → ⚠️ ESCALATE\n```\n\n## Node Details\n\n### Check 1: Down?\n\ntext\n\n### Check 2: Restart?\n\ntext\n";
    let b_text = "# Decision Tree: Beta\n\n```tree\nIs beta broken?\n└── [Check 1] Config?\n    ├── YES → a.md#check-2\n    └── NO → ✅ DONE\n```\n\n## Cross-References\n\n- **Related trees:** a.md\n";
    std::fs::write(dir.path().join("a.md"), a_text).unwrap();
    std::fs::write(dir.path().join("b.md"), b_text).unwrap();
    let (a, b) = (file_uri(&dir.path().join("a.md")), file_uri(&dir.path().join("b.md")));
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), push_capabilities()).await;
    // The workspace is indexed in the background, with progress.
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a, "languageId": "markdown", "version": 1, "text": a_text}}),
    )
    .await;
    c.diagnostics(&a, 1).await;

    // References of Check 2 include b.md's `a.md#check-2`; rename changes it too.
    let l = line_of(a_text, "[Check 2] Can");
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": a}, "position": pos(l, 2), "context": {"includeDeclaration": false}}),
        )
        .await;
    let uris: Vec<&str> = refs.as_array().unwrap().iter().map(|r| r["uri"].as_str().unwrap()).collect();
    assert_eq!(uris.iter().filter(|u| **u == b).count(), 1, "{refs}");
    assert_eq!(uris.iter().filter(|u| **u == a).count(), 2, "the jump and the details heading: {refs}");
    let edit = c
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": a}, "position": pos(l, 2), "newName": "Check 7"}),
        )
        .await;
    let b_edits = edit["changes"][&b].as_array().unwrap();
    assert_eq!(b_edits.len(), 1);
    assert_eq!(b_edits[0]["newText"], "7");
    assert_eq!(
        b_edits[0]["range"]["start"],
        pos(line_of(b_text, "a.md#check-2"), col_of(b_text, "a.md#check-2") + "a.md#check-".len() as u32)
    );
    assert_eq!(edit["changes"][&a].as_array().unwrap().len(), 3);
    // A jump leads to its check's details; completion after `go to ` offers the checks.
    let lg = line_of(a_text, "go to [Check 2]");
    let def = c.request("textDocument/definition", at(&a, lg, col_of(a_text, "go to [Check 2]") + 8)).await;
    assert_eq!(
        def,
        json!([{"uri": a, "range": {"start": pos(line_of(a_text, "### Check 2"), 0), "end": pos(line_of(a_text, "### Check 2"), 21)}}])
    );
    let completion = c.request("textDocument/completion", at(&a, lg, col_of(a_text, "go to [Check 2]") + 6)).await;
    let labels: Vec<&str> = completion.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["[Check 1]", "[Check 2]"]);
    // Workspace symbols come from the index.
    let ws = c.request("workspace/symbol", json!({"query": "config"})).await;
    assert!(ws.as_array().unwrap().iter().any(|s| s["location"]["uri"] == b), "{ws}");

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": b, "languageId": "markdown", "version": 1, "text": b_text}}),
    )
    .await;
    let diags = c.diagnostics(&b, 1).await;
    assert!(diags.iter().all(|d| d["code"] != "broken-related-tree" && d["code"] != "broken-jump"), "{diags:?}");
    // Definition of the cross-tree jump: Check 2 in a.md.
    let lj = line_of(b_text, "a.md#check-2");
    let def = c.request("textDocument/definition", at(&b, lj, col_of(b_text, "a.md#check-2") + 1)).await;
    assert_eq!(def[0]["uri"], a);
    assert_eq!(def[0]["range"]["start"]["line"], l);
    // Hover on the Related tree: its title and starting question.
    let lr = line_of(b_text, "**Related trees:**");
    let hover =
        c.request("textDocument/hover", at(&b, lr, col_of(b_text.lines().nth(lr as usize).unwrap(), "a.md") + 1)).await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Decision Tree: Alpha") && value.contains("Is alpha broken?"), "{value}");
    // Completion of tree files after an arrow, and of action titles after a marker.
    let completion = c.request("textDocument/completion", at(&b, lj, col_of(b_text, "a.md#check-2"))).await;
    let labels: Vec<&str> = completion.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["a.md"]);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_export_and_action_completion() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rollback-or-fix-forward.md");
    let text = canonical_text();
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), push_capabilities()).await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(&uri, 1).await;

    let edits = c
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    let edits = edits.as_array().unwrap();
    assert!(!edits.is_empty());
    assert!(
        edits.iter().any(|e| e["range"]["start"]["line"] == line_of(&text, "[Check 1]")
            && e["newText"].as_str().unwrap().contains("└── [Check 1]")),
        "{edits:?}"
    );
    // Range formatting outside any tree block changes nothing.
    let none = c
        .request("textDocument/rangeFormatting", json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(2, 0)}, "options": {"tabSize": 4, "insertSpaces": true}}))
        .await;
    assert_eq!(none, json!([]));

    let mermaid = c.request("treelint/export", json!({"uri": uri, "format": "mermaid"})).await;
    assert!(mermaid["text"].as_str().unwrap().contains("ROLL BACK IMMEDIATELY"));
    let bad = c.request_raw("treelint/export", json!({"uri": uri, "format": "png"})).await;
    assert!(bad.get("error").is_some());

    // After a terminal marker: the titles of that marker's actions.
    let l = line_of(&text, "✅ ROLL BACK IMMEDIATELY");
    let col = col_of(&text, "✅ ROLL BACK IMMEDIATELY") + 2;
    let completion = c.request("textDocument/completion", at(&uri, l, col)).await;
    let labels: Vec<&str> = completion.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(
        labels.contains(&"Roll Back Immediately") && !labels.contains(&"Escalate — Neither Option Is Safe"),
        "{labels:?}"
    );

    // Fix-all on save: applying its edits leaves no safe-fixable finding.
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(0, 0)}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "only the fix-all action is asked for");
    let fixed = apply_edits(&text, actions[0]["edit"]["changes"][&uri].as_array().unwrap());
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    )
    .await;
    let diags = c.diagnostics(&uri, 2).await;
    assert!(diags.iter().all(|d| d["code"] != "last-child-glyph"), "{diags:?}");
    assert_eq!(diags.len(), 16);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_reloads_when_treelint_toml_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rollback-or-fix-forward.md");
    let text = canonical_text();
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), push_capabilities()).await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    assert_eq!(c.diagnostics(&uri, 1).await.len(), 22);
    let config = dir.path().join("treelint.toml");
    std::fs::write(&config, "[rules]\nmissing-details = \"off\"\nunmarked-leaf = \"error\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&config), "type": 1}]})).await;
    let diags = c.diagnostics_where(&uri, |d| d.len() != 22).await;
    assert_eq!(diags.len(), 18, "missing-details is off");
    assert!(diags.iter().filter(|d| d["code"] == "unmarked-leaf").all(|d| d["severity"] == 1));
    // A broken configuration falls back to the defaults and says so.
    std::fs::write(&config, "[rules]\nmissing-detail = \"off\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&config), "type": 2}]})).await;
    let message = c.wait_for(|m| m["method"] == "window/showMessage").await;
    assert!(message["params"]["message"].as_str().unwrap().contains("missing-details"), "{message}");
    c.diagnostics_where(&uri, |d| d.len() == 22).await;
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn related_information_tags_and_workspace_diagnostics() {
    let text = "# Decision Tree: T\n\n```tree\nRoot?\n├── [Check 1] A?\n│   ├── YES → ✅ GO\n│   └── NO → ✅ STOP\n└── [Check 1] B?\n    ├── YES → ✅ GO\n    └── NO → ✅ STOP\n```\n\n## Terminal Actions\n\n### ✅ Action: Go\n\nGo.\n\n### ✅ Action: Stop\n\nStop.\n\n### ✅ Action: Never used\n\nNothing.\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.md"), text).unwrap();
    std::fs::write(dir.path().join("other.md"), "# Other\n\n```tree\nQ?\n└── [Check 1] Up?\n    └── YES\n```\n")
        .unwrap();
    let uri = file_uri(&dir.path().join("t.md"));
    let mut c = Client::start();
    c.initialize(
        &file_uri(dir.path()),
        json!({"window": {"workDoneProgress": true}, "textDocument": {"diagnostic": {}}}),
    )
    .await;
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    let report = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    let items = report["items"].as_array().unwrap();
    let dup = items.iter().find(|d| d["code"] == "duplicate-check").expect("duplicate-check");
    assert_eq!(dup["range"]["start"]["line"], line_of(text, "[Check 1] B"));
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert_eq!(related["location"]["range"]["start"], pos(line_of(text, "[Check 1] A"), col_of(text, "[Check 1] A")));
    let unused = items.iter().find(|d| d["code"] == "unused-action").expect("unused-action");
    assert_eq!(unused["tags"], json!([1]));
    assert!(items.iter().filter(|d| d["code"] != "unused-action").all(|d| d.get("tags").is_none()));
    // Workspace diagnostics: the trees that are not open.
    let ws = c.request("workspace/diagnostic", json!({"previousResultIds": []})).await;
    let files = ws["items"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{ws}");
    assert!(files[0]["uri"].as_str().unwrap().ends_with("/other.md"));
    assert!(files[0]["items"].as_array().unwrap().iter().any(|d| d["code"] == "single-answer"), "{ws}");
    // Asked again with the IDs it gave: nothing changed, nothing resent.
    let previous = json!([{"uri": files[0]["uri"], "value": files[0]["resultId"]}]);
    let again = c.request("workspace/diagnostic", json!({"previousResultIds": previous})).await;
    assert_eq!(again["items"][0]["kind"], "unchanged", "{again}");
    assert_eq!(again["items"][0]["resultId"], files[0]["resultId"]);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_trees_answer_from_the_index_in_either_encoding() {
    // Wide characters before the label: the index's places must count them per encoding.
    let a_text = "# Decision Tree: Gamma\n\n**Starting Question:** \"Is gamma broken?\"\n\n```tree\nIs gamma broken?\n└── [Check 1] 😀 Down?\n    ├── YES → ✅ RESTART\n    └── NO → ⚠️ ESCALATE\n```\n\n## Terminal Actions\n\n### ✅ Action: Restart\n\nRestart it.\n\n### ⚠️ Action: Escalate\n\nPage someone.\n";
    let b_text = "# Decision Tree: Delta\n\n```tree\nIs delta broken?\n└── [Check 1] Config?\n    ├── YES → a.md#check-1\n    └── NO → ✅ DONE\n```\n\n## Cross-References\n\n- **Related trees:** a.md\n";
    let utf16: fn(&str) -> u32 = |s| s.encode_utf16().count() as u32;
    let utf8: fn(&str) -> u32 = |s| s.len() as u32;
    for (encoding, width) in [("utf-16", utf16), ("utf-8", utf8)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), a_text).unwrap();
        std::fs::write(dir.path().join("b.md"), b_text).unwrap();
        let (a, b) = (file_uri(&dir.path().join("a.md")), file_uri(&dir.path().join("b.md")));
        let mut caps = push_capabilities();
        caps["general"]["positionEncodings"] = json!([encoding]);
        let mut c = Client::start();
        c.initialize(&file_uri(dir.path()), caps).await;
        c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
        // Only b.md is open: everything about a.md comes from the index.
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": b, "languageId": "markdown", "version": 1, "text": b_text}}),
        )
        .await;
        c.diagnostics(&b, 1).await;
        let column = |line: &str, needle: &str| width(&line[..line.find(needle).unwrap()]);
        let label_line = a_text.lines().nth(line_of(a_text, "[Check 1]") as usize).unwrap();
        let label_start = pos(line_of(a_text, "[Check 1]"), column(label_line, "[Check 1]"));

        let lj = line_of(b_text, "a.md#check-1");
        let jump_line = b_text.lines().nth(lj as usize).unwrap();
        let def = c.request("textDocument/definition", at(&b, lj, column(jump_line, "a.md#check-1") + 1)).await;
        assert_eq!(def[0]["uri"], a, "{encoding}: {def}");
        assert_eq!(def[0]["range"]["start"], label_start, "{encoding}");

        let lr = line_of(b_text, "**Related trees:**");
        let hover = c
            .request("textDocument/hover", at(&b, lr, column(b_text.lines().nth(lr as usize).unwrap(), "a.md") + 1))
            .await;
        let value = hover["contents"]["value"].as_str().unwrap();
        assert!(value.contains("Decision Tree: Gamma") && value.contains("Is gamma broken?"), "{encoding}: {value}");

        let ws = c.request("workspace/symbol", json!({"query": "down"})).await;
        let check = ws.as_array().unwrap().iter().find(|s| s["location"]["uri"] == a).expect("a.md's check");
        assert_eq!(check["name"], "Check 1: 😀 Down?");
        assert_eq!(check["location"]["range"]["start"], label_start, "{encoding}");
        assert_eq!(check["location"]["range"]["end"]["character"], column(label_line, "[Check 1]") + 9, "{encoding}");
        let ws = c.request("workspace/symbol", json!({"query": "escalate"})).await;
        let action = ws.as_array().unwrap().iter().find(|s| s["location"]["uri"] == a).expect("a.md's action");
        assert_eq!(action["name"], "⚠ Escalate", "the marker as configured, then the title");
        let heading = a_text.lines().nth(line_of(a_text, "### ⚠️") as usize).unwrap();
        assert_eq!(action["location"]["range"]["end"], pos(line_of(a_text, "### ⚠️"), width(heading)), "{encoding}");
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_a_tree_rechecks_the_trees_that_link_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let tree = |title: &str, jump: &str| {
        format!(
            "# Decision Tree: {title}\n\n```tree\nStart?\n└── [Check 1] Up?\n    ├── YES → ✅ GO\n    └── NO → {jump}\n```\n\n\
             ## Node Details\n\n### Check 1: Up\n\nLook.\n\n## Terminal Actions\n\n### ✅ Action: Go\n\nGo.\n"
        )
    };
    // A jumps into B's Check 2, which B does not have yet; C links nowhere (that C is not
    // re-checked is tested on the world: here the initial indexing races with the opens).
    let files = [("a.md", tree("A", "b.md#check-2")), ("b.md", tree("B", "✅ GO")), ("c.md", tree("C", "✅ GO"))];
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), json!({})).await;
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut uris = Vec::new();
    for (name, text) in &files {
        let uri = file_uri(&dir.path().join(name));
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
        uris.push(uri);
    }
    let [a, b, other] = [&uris[0], &uris[1], &uris[2]];
    let broken = |d: &[Value]| d.iter().filter(|d| d["code"] == "broken-jump").count();
    assert_eq!(broken(&c.diagnostics_where(a, |d| broken(d) == 1).await), 1, "b.md has no Check 2 yet");
    c.diagnostics(other, 1).await;

    // B gains a Check 2 and is saved: A is checked again and its broken jump goes.
    let with_check2 = files[1]
        .1
        .replace("    └── NO → ✅ GO", "    └── NO\n        └── [Check 2] Sure?\n            └── YES → ✅ GO");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2}, "contentChanges": [{"text": with_check2}]}),
    )
    .await;
    c.diagnostics(b, 2).await;
    c.notify("textDocument/didSave", json!({"textDocument": {"uri": b}})).await;
    assert_eq!(broken(&c.diagnostics_where(a, |d| broken(d) == 0).await), 0);

    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocks_that_cannot_be_redrawn_get_no_edit_and_no_damaging_fix() {
    // A block with an indentation slip: redrawing it, or "fixing" its glyphs, would build on
    // a guess (the fix-safety check of `treelint fmt` and `--fix`).
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/fix-safety/slipped-branch.md"
    ))
    .unwrap();
    for disabled_support in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chain.md");
        std::fs::write(&path, &text).unwrap();
        let uri = file_uri(&path);
        let mut c = Client::start();
        let mut caps = push_capabilities();
        caps["textDocument"]["codeAction"] = json!({"disabledSupport": disabled_support});
        c.initialize(&file_uri(dir.path()), caps).await;
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
        let diags = c.diagnostics(&uri, 1).await;
        let formatting = c
            .request(
                "textDocument/formatting",
                json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
            )
            .await;
        assert_eq!(formatting, json!([]), "no edit for a block the formatter cannot redraw");
        let glyph_findings: Vec<&Value> = diags.iter().filter(|d| d["code"] == "last-child-glyph").collect();
        assert_eq!(glyph_findings.len(), 2, "{diags:?}");
        for d in &glyph_findings {
            let actions = c
                .request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}),
                )
                .await;
            let actions = actions.as_array().unwrap();
            let glyph: Vec<&Value> =
                actions.iter().filter(|a| a["title"].as_str().unwrap().starts_with("Draw as")).collect();
            if disabled_support {
                assert_eq!(glyph.len(), 1, "{actions:?}");
                assert!(glyph[0].get("edit").is_none(), "{glyph:?}");
                assert!(glyph[0]["disabled"]["reason"].as_str().unwrap().contains("`fmt` leaves alone"), "{glyph:?}");
            } else {
                assert!(glyph.is_empty(), "a damaging fix is not offered: {actions:?}");
            }
        }
        let fix_all = c
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(0, 0)}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
            )
            .await;
        assert_eq!(fix_all, json!([]), "fix-all has nothing safe to apply");
        c.shutdown().await;
    }
}

fn is_utc(s: &str) -> bool {
    s.len() == 20 && s.ends_with('Z') && s.as_bytes()[10] == b'T' && s.starts_with("20")
}

/// A record cut after its first answer (the walk was interrupted at Check 2).
fn back_one_record(record: &str) -> String {
    let from = record.find("## Record").expect("a record section");
    let at = from + record[from..].find("**[Check 2]**").expect("Check 2 was answered");
    let cut = record[..at].rfind("\n- `").expect("an event line") + 1;
    record[..cut].to_string()
}
