//! Soak: the real server, in process over JSON-RPC, on a workspace of generated trees, takes
//! thousands of random incremental edits to one open document interleaved with random valid
//! requests. Nothing may panic, no valid request may get an error, the server must still
//! answer at the end, and its resident memory must not grow after warm-up.
//!
//! `quick_soak` (50 trees, 300 edits) runs in CI. The full soak (1,000 trees, 10,000 edits)
//! is ignored by default: `cargo test --release -p treelint_lsp --test soak -- --ignored --nocapture`.
//!
//! Every edit keeps the document's first question (the `[Check 1]` line and everything
//! above it) intact, so the document stays a tree and `treelint/walk` from its root stays a
//! valid request. The test keeps its own copy of the text and applies each edit to it as an
//! editor would; at the end the server's findings must be those of that copy.

mod support;

use std::time::Instant;

use serde_json::{Value, json};
use support::{Client, file_uri};
use treelint_bench::corpus::{self, Params};
use treelint_bench::rng::Rng;

/// What an author types into a tree: glyphs, check references, arrows, markers, newlines,
/// wide and combining characters.
const PIECES: &[&str] = &[
    "├── ",
    "└── ",
    "│   ",
    "[Check 3]",
    "[Check 12]",
    "[Check ",
    "]",
    "→ ",
    " → ",
    "go to [Check 2]",
    "✅ ",
    "⚠️ ",
    "YES",
    "NO",
    "\n",
    "\n    ├── ",
    " ",
    "x",
    "漢",
    "😀",
    "e\u{301}",
    "?",
    "### Check 4: Details\n",
];

/// The LSP position (UTF-16 columns) of byte `at` of `text`.
fn position(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": before[line_start..].encode_utf16().count()})
}

/// A char boundary in `lo..=text.len()`, at random.
fn boundary(rng: &mut Rng, text: &str, lo: usize) -> usize {
    let mut at = lo + rng.below(text.len() - lo + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at.max(lo)
}

/// One random edit after byte `lo`, applied to `text`; returns it as a content change.
fn random_edit(rng: &mut Rng, text: &mut String, lo: usize, size: usize) -> Value {
    let start = boundary(rng, text, lo);
    // Deletions of up to 8 characters keep the document near `size` bytes, so that memory
    // measured at the end is comparable with memory after warm-up.
    let end = if rng.chance(if text.len() > size { 0.7 } else { 0.5 }) {
        text[start..].char_indices().nth(1 + rng.below(8)).map_or(text.len(), |(i, _)| start + i)
    } else {
        start
    };
    let insert = if start == end || rng.chance(0.3) { *rng.pick(PIECES) } else { "" };
    let change = json!({"range": {"start": position(text, start), "end": position(text, end)}, "text": insert});
    text.replace_range(start..end, insert);
    change
}

/// One random valid request at a random position of the current text.
fn random_request(rng: &mut Rng, uri: &str, text: &str) -> (&'static str, Value) {
    let at = position(text, boundary(rng, text, 0));
    let doc = json!({"uri": uri});
    match rng.below(8) {
        0 => ("textDocument/hover", json!({"textDocument": doc, "position": at})),
        1 => ("textDocument/completion", json!({"textDocument": doc, "position": at})),
        2 => ("textDocument/definition", json!({"textDocument": doc, "position": at})),
        3 => ("textDocument/documentSymbol", json!({"textDocument": doc})),
        4 => (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
        ),
        5 => ("textDocument/formatting", json!({"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": true}})),
        6 => ("textDocument/foldingRange", json!({"textDocument": doc})),
        _ => ("treelint/walk", json!({"uri": uri, "from": null, "choices": []})),
    }
}

/// Resident memory of this process (the server runs in it), in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status is readable");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("VmRSS")
}

/// How a soak ran.
struct Figures {
    edits: usize,
    requests: usize,
    rss_warm_kib: u64,
    rss_end_kib: u64,
    seconds: f64,
}

/// Runs one soak: `trees` generated trees on disk, `edits` edits to the first one, a
/// request after about one edit in three; memory is first read after `warm_up` edits.
async fn soak(trees: usize, edits: usize, warm_up: usize, seed: u64) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    corpus::write(dir.path(), trees, &Params::default(), seed).unwrap();
    let path = dir.path().join(corpus::tree_path(0));
    let mut text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    // Edits start after the line of the first question.
    let first = text.find("[Check 1]").expect("a generated tree has a Check 1");
    let lo = first + text[first..].find('\n').expect("the outline goes on") + 1;
    let size = text.len();

    let started = Instant::now();
    let mut c = Client::start();
    c.initialize(&file_uri(dir.path()), json!({"window": {"workDoneProgress": true}})).await;
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(&uri, 1).await;

    let mut rng = Rng::new(seed);
    let last = edits as i64 + 1;
    let (mut requests, mut rss_warm_kib) = (0, 0);
    for i in 1..=edits {
        let change = random_edit(&mut rng, &mut text, lo, size);
        let version = i as i64 + 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )
        .await;
        if rng.chance(0.35) {
            let (method, params) = random_request(&mut rng, &uri, &text);
            let response = c.request_raw(method, params.clone()).await;
            assert!(
                response.get("error").is_none(),
                "edit {i}: {method} {params} failed: {response}\n--- text ---\n{text}"
            );
            requests += 1;
            // Diagnostics read meanwhile are not needed (but the last version's, which may
            // come early): the test's own memory must stay flat too.
            c.backlog.retain(|m| m["params"]["version"] == json!(last));
        }
        if i == warm_up {
            rss_warm_kib = rss_kib();
        }
        if i % warm_up == 0 {
            println!("  after {i} edits: VmRSS {} MiB, document {} KB", rss_kib() / 1024, text.len() / 1000);
        }
    }

    // The server still answers, on the last version, with the findings of the test's copy.
    let diagnostics = c.diagnostics(&uri, last).await;
    let symbols = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()), "{symbols}");
    let walk = c.request("treelint/walk", json!({"uri": uri, "from": null, "choices": []})).await;
    assert!(walk["step"]["kind"].is_string(), "{walk}");
    let (_, ours) = {
        let mut world = treelint_lsp::world::World::default();
        world.folders = vec![dir.path().to_path_buf()];
        let u: tower_lsp_server::ls_types::Uri = uri.parse().unwrap();
        world.open(u.clone(), 1, text.clone());
        world.job(&u).unwrap().run()
    };
    assert_eq!(diagnostics.len(), ours.diagnostics.len(), "the server's text is the editor's");
    c.backlog.clear();
    let rss_end_kib = rss_kib();
    c.shutdown().await;
    Figures { edits, requests, rss_warm_kib, rss_end_kib, seconds: started.elapsed().as_secs_f64() }
}

fn report(f: &Figures) {
    println!(
        "soak: {} edits, {} requests, {:.1} s; VmRSS after warm-up {} MiB, at the end {} MiB",
        f.edits,
        f.requests,
        f.seconds,
        f.rss_warm_kib / 1024,
        f.rss_end_kib / 1024
    );
    assert!(f.rss_warm_kib > 0);
    assert!(f.rss_end_kib < f.rss_warm_kib + 64 * 1024, "memory grew: {} KiB → {} KiB", f.rss_warm_kib, f.rss_end_kib);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_soak() {
    report(&soak(50, 300, 30, 11).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "minutes in debug; run in release with --ignored"]
async fn full_soak() {
    // TREELINT_SOAK_EDITS makes it longer, to tell a slow leak from allocator noise.
    let edits = std::env::var("TREELINT_SOAK_EDITS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    report(&soak(1_000, edits, 1_000, 8).await);
}
