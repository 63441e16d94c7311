//! `gen-corpus`: writes a deterministic corpus of realistic decision trees.
//!
//! ```text
//! gen-corpus OUT_DIR [--files N] [--checks N] [--depth N] [--size BYTES] [--defects RATE] [--seed S]
//! gen-corpus --single [--checks N] [--depth N] [--size BYTES] [--seed S] > tree.md
//! gen-corpus OUT_DIR --copies-of FILE [--files N]
//! ```
//!
//! `--copies-of` writes N copies of one file (100 to a folder) and an empty `treelint.toml`:
//! with the canonical example, 22 findings per tree, what a library never linted before
//! gives on its first run (`bench/compare.sh` measures the cost per finding with it).

use std::path::PathBuf;
use std::process::ExitCode;

use treelint_bench::corpus::{self, Params};

const USAGE: &str = "usage: gen-corpus OUT_DIR [--files N] [--checks N] [--depth N] [--size BYTES] [--defects RATE] [--seed S]\n       gen-corpus --single [--checks N] [--depth N] [--size BYTES] [--defects RATE] [--seed S]  (one tree to stdout)\n       gen-corpus OUT_DIR --copies-of FILE [--files N]  (N copies of one file)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut params = Params::default();
    let mut files = 10_000usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut single = false;
    let mut checks_given = false;
    let mut copies_of: Option<PathBuf> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--files" => files = num(&value("--files")?)?,
            "--checks" => {
                params.checks = num(&value("--checks")?)?;
                checks_given = true;
            }
            "--depth" => params.depth = num(&value("--depth")?)?,
            "--size" => params.size = num(&value("--size")?)?,
            "--seed" => seed = num::<u64>(&value("--seed")?)?,
            "--defects" => {
                params.defect_rate =
                    value("--defects")?.parse().map_err(|_| "--defects takes a number in 0..1".to_string())?
            }
            "--single" => single = true,
            "--copies-of" => copies_of = Some(PathBuf::from(value("--copies-of")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => out = Some(PathBuf::from(other)),
        }
    }
    // A size without a check count: about one check per 950 bytes, as in seed trees.
    if !checks_given && params.size != Params::default().size {
        params.checks = (params.size / 950).max(2);
    }
    if single {
        print!("{}", corpus::tree(&params, seed, 0, 1).text);
        return Ok(());
    }
    let out = out.ok_or("no output folder given")?;
    if let Some(file) = copies_of {
        return copies(&out, &file, files);
    }
    let bytes = corpus::write(&out, files, &params, seed).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("gen-corpus: {files} trees, {:.1} MB of Markdown in {}", bytes as f64 / 1e6, out.display());
    Ok(())
}

/// N copies of `file` in `out`, 100 to a folder, and an empty `treelint.toml` at its root.
fn copies(out: &std::path::Path, file: &std::path::Path, files: usize) -> Result<(), String> {
    let text = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let fail = |e: std::io::Error| format!("{}: {e}", out.display());
    for i in 0..files {
        let dir = out.join(format!("d{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir).map_err(fail)?;
        }
        std::fs::write(dir.join(format!("t{i:05}.md")), &text).map_err(fail)?;
    }
    std::fs::write(out.join("treelint.toml"), "").map_err(fail)?;
    eprintln!(
        "gen-corpus: {files} copies of {}, {:.1} MB in {}",
        file.display(),
        (text.len() * files) as f64 / 1e6,
        out.display()
    );
    Ok(())
}

fn num<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("`{s}` is not a number"))
}
