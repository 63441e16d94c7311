//! Indexing a workspace: the time from the client's `initialized` to the end of the
//! server's `treelint/index` work-done progress, through real JSON-RPC over an in-memory
//! stream, on a generated corpus of 10,000 seed-sized trees (plus its runbooks).
//!
//! Run: `cargo bench -p treelint_lsp --bench index_workspace`. `TREELINT_INDEX_FILES` sets
//! the number of trees, `TREELINT_INDEX_RUNS` the number of runs (the best is kept). Each
//! run starts a fresh server on the same files (warm page cache), so the figure is the
//! server's work (walk, read, parse every file into the index), not the disk's.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{Client, file_uri};
use treelint_bench::corpus::{self, Params};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One fresh server indexing `dir`: `initialized` → end of the indexing progress.
async fn index_once(dir: &std::path::Path) -> Duration {
    let mut c = Client::start();
    let folder = file_uri(dir);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": folder, "capabilities": {"window": {"workDoneProgress": true}},
               "workspaceFolders": [{"uri": folder, "name": "ws"}]}),
    )
    .await;
    let started = Instant::now();
    c.notify("initialized", json!({})).await;
    let end = c
        .wait_for(|m| {
            m["method"] == "$/progress"
                && m["params"]["token"] == "treelint/index"
                && m["params"]["value"]["kind"] == "end"
        })
        .await;
    let took = started.elapsed();
    // The index lives in this process: its resident memory is the index's (plus the client's).
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmRSS:")).map(|v| v.trim().to_string()))
        .unwrap_or_default();
    println!("  {}, VmRSS {rss}", end["params"]["value"]["message"].as_str().unwrap_or(""));
    c.backlog.clear();
    c.shutdown().await;
    took
}

/// The allocator the shipped `treelint` binary uses, so the figures are those of the
/// server users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let files = env_or("TREELINT_INDEX_FILES", 10_000);
    let runs = env_or("TREELINT_INDEX_RUNS", 3).max(1);
    let dir = tempfile::tempdir().unwrap();
    let bytes = corpus::write(dir.path(), files, &Params::default(), 1).unwrap();
    println!("index_workspace: {files} trees + {} runbooks, {:.1} MB", corpus::RUNBOOKS, bytes as f64 / 1e6);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut best = Duration::MAX;
    for run in 1..=runs {
        let took = rt.block_on(index_once(dir.path()));
        println!("  run {run}: {:.3} s", took.as_secs_f64());
        best = best.min(took);
    }
    println!("index_workspace: best of {runs}: {:.3} s", best.as_secs_f64());
}
