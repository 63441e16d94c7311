//! Edit → diagnostics: the time from sending a `didChange` to receiving the
//! `publishDiagnostics` it causes, through real JSON-RPC over an in-memory stream, on the
//! canonical example and on a generated tree of 5,000 checks.
//!
//! Run: `cargo bench -p treelint_lsp --bench edit_to_diagnostics`. Each iteration is one
//! keystroke: a space inserted into (then removed from) an Edge Cases line, incrementally.

#[path = "../tests/support/mod.rs"]
mod support;

use divan::Bencher;
use serde_json::json;
use support::{Client, canonical_text, file_uri};
use treelint_bench::corpus::{self, Params};

/// The allocator the shipped `treelint` binary uses, so the figures are those of the
/// server users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn document(which: &str) -> String {
    match which {
        "canonical" => canonical_text(),
        _ => corpus::tree(&Params { checks: 5_000, depth: 14, size: 0, defect_rate: 0.05 }, 7, 0, 1).text,
    }
}

#[divan::bench(args = ["canonical", "5000-checks"], sample_count = 30, sample_size = 5)]
fn edit_to_diagnostics(bencher: Bencher, which: &str) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.md");
    let text = document(which);
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    // Edit the last line that holds text, so every edit reparses the whole document.
    let line = text.lines().count().saturating_sub(1) as u32;
    let mut client = rt.block_on(async {
        let mut c = Client::start();
        c.initialize(&file_uri(dir.path()), json!({})).await;
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
        c.diagnostics(&uri, 1).await;
        c
    });
    let mut version = 1i64;
    bencher.bench_local(|| {
        version += 1;
        let change = if version % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": " "})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        rt.block_on(async {
            client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})).await;
            client.diagnostics(&uri, version).await;
            client.backlog.clear();
        });
    });
    rt.block_on(client.shutdown());
}
