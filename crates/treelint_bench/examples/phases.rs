//! Profiling aid: runs one stage of the core over every Markdown file below a folder, on one
//! thread, and prints the time; `dump` prints every finding instead, so that a change meant
//! to be behaviour-preserving can be checked by diffing dumps before and after.
//!
//! ```text
//! cargo run --release -p treelint_bench --example phases -- DIR [floor|md|lines|doc|analyze|dump]
//! ```

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use treelint_core::{Config, RealFs, Workspace, analyze};

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).expect("usage: phases DIR [MODE]"));
    let mode = std::env::args().nth(2).unwrap_or_else(|| "analyze".into());
    let files = treelint_bench::floor::markdown_files(std::slice::from_ref(&root));
    let texts: Vec<(PathBuf, String)> =
        files.iter().filter_map(|p| Some((std::path::absolute(p).ok()?, std::fs::read_to_string(p).ok()?))).collect();
    let ws = Workspace::new(std::path::absolute(&root).expect("absolute"), Config::default(), Arc::new(RealFs));
    if mode == "dump" {
        let mut out = std::io::BufWriter::new(std::io::stdout());
        for (p, s) in &texts {
            for d in &analyze(p, s.as_str(), &ws).diagnostics {
                let _ = writeln!(out, "{} {d:?}", p.display());
            }
        }
        return;
    }
    let start = Instant::now();
    let mut n = 0;
    for (p, s) in &texts {
        n += match mode.as_str() {
            "floor" => treelint_bench::floor::parse(s),
            "md" => treelint_core::markdown::Markdown::parse(s).headings.len(),
            "lines" => treelint_core::line_index::LineIndex::new(s).line_count(),
            "doc" => treelint_core::Document::parse(s.as_str(), &ws.config).model.graph.node_count(),
            _ => analyze(p, s.as_str(), &ws).diagnostics.len(),
        };
    }
    eprintln!("{mode} {:?} ({n})", start.elapsed());
}
