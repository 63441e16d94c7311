//! `treelint check`: analyse files in parallel and report their findings.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use treelint_core::{analyze, Config, RealFs, Severity, Workspace};

use crate::discover::{self, display_path, Input};
use crate::render::{self, FileReport};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders are walked for Markdown, honouring .gitignore).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with labels and help (the default).
    Human,
    /// One JSON object (FORMAT.md §5).
    Json,
}

pub fn run(args: CheckArgs) -> u8 {
    let (inputs, path_errors) = discover::inputs(&args.paths);
    let mut reports = check_inputs(&inputs);
    reports.extend(path_errors.into_iter().map(|e| FileReport::failed(display_path(&e.path), e.message)));
    for report in &reports {
        if let Some(error) = &report.error {
            eprintln!("error: {}: {}", crate::render::sanitize_line(&report.path), crate::render::sanitize_line(error));
        }
    }
    let out = match args.format {
        Format::Human => render::human::render(&reports, std::io::IsTerminal::is_terminal(&std::io::stdout())),
        Format::Json => render::json::render(&reports),
    };
    print!("{out}");
    exit_status(&reports)
}

/// Analyses every input, in parallel, one workspace per root.
pub fn check_inputs(inputs: &[Input]) -> Vec<FileReport> {
    let fs: Arc<dyn treelint_core::FileSystem> = Arc::new(RealFs);
    let mut workspaces: HashMap<PathBuf, Arc<Workspace>> = HashMap::new();
    let jobs: Vec<(&Input, Arc<Workspace>)> = inputs
        .iter()
        .map(|input| {
            let root = discover::workspace_root(&input.path, &input.origin);
            let ws = workspaces
                .entry(root.clone())
                .or_insert_with(|| Arc::new(Workspace::new(root, Config::default(), fs.clone())))
                .clone();
            (input, ws)
        })
        .collect();
    let mut reports: Vec<FileReport> = jobs.par_iter().filter_map(|(input, ws)| check_one(input, ws)).collect();
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports
}

fn check_one(input: &Input, ws: &Workspace) -> Option<FileReport> {
    let shown = display_path(&input.path);
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => return Some(FileReport::failed(shown, format!("cannot read: {e}"))),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Some(FileReport::failed(shown, format!("not valid UTF-8 (line {line}, column {column})")));
        }
    };
    // A bug in one file's analysis must not hide the findings of the others.
    let analysis = std::panic::catch_unwind(AssertUnwindSafe(|| analyze(&input.path, text, ws)));
    match analysis {
        Ok(a) if input.explicit || a.document.is_tree() || !a.diagnostics.is_empty() => Some(FileReport::analysed(shown, a)),
        Ok(_) => None,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Some(FileReport::failed(shown, format!("internal error while checking this file (please report it): {what}")))
        }
    }
}

/// 2 when a file could not be read, else 1 when a finding is an error, else 0.
pub fn exit_status(reports: &[FileReport]) -> u8 {
    if reports.iter().any(|r| r.error.is_some()) {
        2
    } else if reports.iter().flat_map(|r| r.diagnostics()).any(|d| d.severity == Severity::Error) {
        1
    } else {
        0
    }
}
