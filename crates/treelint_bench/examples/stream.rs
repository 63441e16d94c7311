//! What `treelint check` would cost if each file were rendered inside the parallel job and
//! its analysis dropped at once (no document kept until the end): walk, read, analyse with
//! a `CachedFs`, one line per finding. Measures the core's share of `treelint check` and
//! the memory a streaming CLI needs (see book/src/performance.md).
//!
//! ```text
//! cargo run --release -p treelint_bench --example stream -- DIR > /dev/null
//! ```
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use treelint_core::{Config, Workspace, analyze, workspace::CachedFs};
fn main() {
    let root = std::path::absolute(PathBuf::from(std::env::args().nth(1).expect("folder"))).unwrap();
    let files = treelint_bench::floor::markdown_files(std::slice::from_ref(&root));
    let ws = Workspace::new(root, Config::default(), Arc::new(CachedFs::new()));
    let out: Vec<String> = files
        .par_iter()
        .map(|p| {
            let Ok(text) = std::fs::read_to_string(p) else { return format!("{}: cannot read\n", p.display()) };
            let a = analyze(p, text, &ws);
            let mut s = String::new();
            for d in &a.diagnostics {
                let lc = a.document.lines.line_col(&a.document.text, d.span.start);
                let _ = writeln!(s, "{}:{}:{}: {} {}", p.display(), lc.line + 1, lc.col + 1, d.rule.name(), d.message);
            }
            s
        })
        .collect();
    let findings: usize = out.iter().map(|s| s.lines().count()).sum();
    use std::io::Write;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for s in &out {
        let _ = stdout.write_all(s.as_bytes());
    }
    eprintln!("{} files, {findings} findings", files.len());
}
