//! `md-floor`: the speed floor for `treelint check`: read every Markdown file below the
//! given paths and run a bare pulldown-cmark pass over it, nothing else.
//!
//! ```text
//! md-floor [--jobs N] PATH...     (--jobs 1: single core; default: all cores)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use treelint_bench::floor;

fn main() -> ExitCode {
    let mut jobs = 0usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jobs" | "-j" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => jobs = n,
                None => {
                    eprintln!("md-floor: --jobs takes a number");
                    return ExitCode::from(2);
                }
            },
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: md-floor [--jobs N] PATH...");
        return ExitCode::from(2);
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("md-floor: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let totals = pool.install(|| {
        let files = floor::markdown_files(&paths);
        floor::all(&files)
    });
    let secs = start.elapsed().as_secs_f64();
    println!(
        "md-floor: {} files, {:.1} MB, {} events, {} unreadable, {:.3} s on {} thread(s)",
        totals.files,
        totals.bytes as f64 / 1e6,
        totals.events,
        totals.failed,
        secs,
        pool.current_num_threads()
    );
    ExitCode::SUCCESS
}
