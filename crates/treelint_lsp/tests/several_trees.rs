//! A document with several trees (`tests/fixtures/several-trees.md`) in the editor: the
//! outline names each tree, a lens walks each from its root, and the walk and export
//! requests take a tree.

mod support;

use serde_json::{Value, json};
use support::{Client, file_uri, line_of};

fn several_trees() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/several-trees.md");
    std::fs::read_to_string(path).expect("the fixture is readable")
}

fn capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_tree_is_in_the_outline_has_a_lens_and_can_be_walked_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("several-trees.md");
    let text = several_trees();
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), capabilities()).await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(&uri, 1).await;

    // The outline: each heading holds its tree, named by the number `--tree` takes.
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    let sections = symbols[0]["children"].as_array().unwrap();
    let trees: Vec<(&str, &str, &str)> = sections
        .iter()
        .map(|s| {
            let t = &s["children"][0];
            (s["name"].as_str().unwrap(), t["name"].as_str().unwrap(), t["detail"].as_str().unwrap())
        })
        .collect();
    assert_eq!(trees, [("Pods", "Tree 1", "Is the pod restarting?"), ("Disk", "Tree 2", "Is the disk full?")]);

    // One lens per tree, at its root line.
    let lenses = c.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}})).await;
    let lenses = lenses.as_array().unwrap();
    let walk_tree: Vec<(u64, &str, Value)> = lenses
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["command"]["title"].as_str().unwrap(),
                l["command"]["arguments"].clone(),
            )
        })
        .collect();
    assert_eq!(
        walk_tree,
        [
            (u64::from(line_of(&text, "Is the pod")), "▶ Walk this tree (1 of 2)", json!([uri, null, "1"])),
            (u64::from(line_of(&text, "Is the disk")), "▶ Walk this tree (2 of 2)", json!([uri, null, "2"])),
        ]
    );

    // The walk starts at the tree asked for (by number or heading), else at the first.
    let first = c.request("treelint/walk", json!({"uri": uri, "from": null, "choices": []})).await;
    assert_eq!(first["step"]["text"], "Is the pod restarting?");
    for tree in ["2", "disk"] {
        let second = c.request("treelint/walk", json!({"uri": uri, "from": null, "tree": tree, "choices": [0]})).await;
        assert_eq!(second["breadcrumbs"][0]["question"], "Is the disk full?", "{tree}");
        assert_eq!(second["step"]["kind"], "outcome");
        assert_eq!(second["step"]["text"], "✅ Rotate the logs");
    }
    let unknown = c.request_raw("treelint/walk", json!({"uri": uri, "from": null, "tree": "9", "choices": []})).await;
    let message = unknown["error"]["message"].as_str().unwrap();
    assert!(message.contains("1. Is the pod restarting?; 2. Is the disk full?"), "{message}");

    // Export: every tree as a group, or the one named.
    let all = c.request("treelint/export", json!({"uri": uri, "format": "mermaid"})).await;
    let all = all["text"].as_str().unwrap();
    assert!(all.contains("subgraph t1[\"Pods\"]") && all.contains("subgraph t2[\"Disk\"]"), "{all}");
    let one = c.request("treelint/export", json!({"uri": uri, "format": "mermaid", "tree": "Disk"})).await;
    let one = one["text"].as_str().unwrap();
    assert!(one.contains("Is the disk full?") && !one.contains("restarting"), "{one}");
    let bad = c.request_raw("treelint/export", json!({"uri": uri, "format": "dot", "tree": "network"})).await;
    assert!(bad["error"]["message"].as_str().unwrap().contains("network"), "{bad}");
    c.shutdown().await;
}
