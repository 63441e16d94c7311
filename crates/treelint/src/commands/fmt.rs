//! `treelint fmt`: redraw the tree blocks of Markdown files in the canonical box drawing
//! (the same code the language server's formatting calls: `treelint_core::format`).
//!
//! Exit status: 0 when every file is formatted (or, with `--check`/`--diff`, already was);
//! 1 when `--check`/`--diff` finds a file that would change; 2 for bad usage, a bad
//! configuration or an unreadable input. A block the formatter cannot redraw faithfully (an
//! inconsistent indentation, a flowchart, a drawing that would read differently) is left as
//! it is with a note on standard error, and is not a failure: `fmt --check` passes on a file
//! it would not change.
//!
//! Invariants: only tree blocks change and every line keeps its line ending (see the core
//! module); a file is written only when its text changes, atomically (temporary file in the
//! same folder, then a rename) with its permissions kept; `-` reads standard input and
//! writes the formatted document to standard output, byte for byte.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;

use clap::Args;
use rayon::prelude::*;
use treelint_core::format::{FormatResult, format_document};

use crate::commands::check::{read_text, unified_diff, write_atomically};
use crate::discover::{self, ConfigArgs, Input, Projects, display_path};
use crate::render::sanitize_line;

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format (folders are walked for Markdown); `-` reads standard input
    /// and prints the result.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 if any file would change (for CI).
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print a unified diff of the changes and exit 1 if any file would change.
    #[arg(long)]
    pub diff: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// What happened to one file.
struct Outcome {
    shown: String,
    result: Result<FormatResult, String>,
    /// The original text, kept for `--diff`.
    original: String,
    write_error: Option<String>,
}

pub fn run(args: FmtArgs) -> u8 {
    let projects = match Projects::new(args.config.source()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}", sanitize_line(&e));
            return 2;
        }
    };
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() > 1 {
            eprintln!("error: `-` (standard input) cannot be combined with other paths");
            return 2;
        }
        return run_stdin(&args, &projects);
    }
    let (inputs, path_errors) = discover::inputs(&args.paths);
    let mut status = 0;
    for e in &path_errors {
        eprintln!("error: {}: {}", sanitize_line(&display_path(&e.path)), sanitize_line(&e.message));
        status = 2;
    }
    let write = !args.check && !args.diff;
    let mut outcomes: Vec<Outcome> = inputs
        .par_iter()
        .filter_map(|input| {
            let project = match projects.project_of(input) {
                Ok(p) => p,
                Err(e) => {
                    let shown = display_path(&input.path);
                    return Some(Outcome { shown, result: Err(e), original: String::new(), write_error: None });
                }
            };
            project.wants(input, false).then(|| format_one(input, project.config(), write))
        })
        .collect();
    outcomes.sort_by(|a, b| a.shown.cmp(&b.shown));
    let (mut changed, mut unchanged) = (0, 0);
    for o in &outcomes {
        let shown = sanitize_line(&o.shown);
        match &o.result {
            Err(e) => {
                eprintln!("error: {shown}: {}", sanitize_line(e));
                status = 2;
            }
            Ok(r) => {
                for s in &r.skipped {
                    eprintln!("note: {shown}:{}:{}: {}", s.line, s.column, sanitize_line(&s.message));
                }
                if let Some(e) = &o.write_error {
                    eprintln!("error: {shown}: {}", sanitize_line(e));
                    status = 2;
                }
                if !r.changed() {
                    unchanged += 1;
                    continue;
                }
                changed += 1;
                if args.diff {
                    print!("{}", unified_diff(&o.shown, &o.original, &r.text));
                } else if args.check {
                    println!("would reformat {shown}");
                }
                if !write {
                    status = status.max(1);
                }
            }
        }
    }
    let verb = if write { "reformatted" } else { "would be reformatted" };
    eprintln!("{changed} file{} {verb}, {unchanged} left unchanged", if changed == 1 { "" } else { "s" });
    status
}

fn format_one(input: &Input, config: &treelint_core::Config, write: bool) -> Outcome {
    let shown = display_path(&input.path);
    let original = match read_text(&input.path) {
        Ok(t) => t,
        Err(e) => return Outcome { shown, result: Err(e), original: String::new(), write_error: None },
    };
    let result = format_document(&original, config);
    let write_error = (write && result.changed()).then(|| write_atomically(&input.path, &result.text).err()).flatten();
    Outcome { shown, result: Ok(result), original, write_error }
}

fn run_stdin(args: &FmtArgs, projects: &Projects) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: cannot read standard input: {e}");
        return 2;
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: standard input is not valid UTF-8");
        return 2;
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let input = Input { path: cwd.join("-"), origin: cwd.clone(), explicit: true };
    let project = match projects.project_of(&input) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}", sanitize_line(&e));
            return 2;
        }
    };
    let result = format_document(&text, project.config());
    let mut status = 0;
    for s in &result.skipped {
        eprintln!("note: <stdin>:{}:{}: {}", s.line, s.column, sanitize_line(&s.message));
    }
    let mut out = std::io::stdout().lock();
    let written = if args.diff {
        out.write_all(unified_diff("<stdin>", &text, &result.text).as_bytes())
    } else if args.check {
        Ok(())
    } else {
        // The document itself, byte for byte: it is the data, not a message.
        out.write_all(result.text.as_bytes())
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        eprintln!("error: cannot write standard output: {e}");
        return 2;
    }
    if (args.check || args.diff) && result.changed() {
        status = 1;
    }
    status
}
