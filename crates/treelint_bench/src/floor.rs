//! The floor: what reading and Markdown-parsing files costs with nothing else done. Every
//! event is consumed and counted so the optimiser cannot drop the parse.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

/// The options treelint's Markdown layer parses with, so the floor parses the same way.
pub fn options() -> Options {
    Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
}

/// The number of pulldown-cmark events of `text` (offsets included, as treelint asks).
pub fn parse(text: &str) -> usize {
    Parser::new_ext(text, options()).into_offset_iter().count()
}

/// What a pass over a set of files saw.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub bytes: usize,
    pub events: usize,
    /// Files that could not be read or were not UTF-8.
    pub failed: usize,
}

impl std::ops::Add for Totals {
    type Output = Totals;

    fn add(self, o: Totals) -> Totals {
        Totals {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            events: self.events + o.events,
            failed: self.failed + o.failed,
        }
    }
}

/// Markdown files below `paths`, walked the way `treelint check` walks (`ignore`, hidden
/// files skipped, `.gitignore` honoured), sorted.
pub fn markdown_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(path.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(path).hidden(true).git_ignore(true).require_git(false).build();
        for entry in walker.flatten() {
            let is_md = entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
            if is_md && entry.file_type().is_some_and(|t| t.is_file()) {
                out.push(entry.into_path());
            }
        }
    }
    out.sort();
    out
}

/// Reads and parses one file.
pub fn one(path: &Path) -> Totals {
    match std::fs::read_to_string(path) {
        Ok(text) => Totals { files: 1, bytes: text.len(), events: parse(&text), failed: 0 },
        Err(_) => Totals { files: 1, failed: 1, ..Totals::default() },
    }
}

/// Reads and parses every file, on the current rayon pool.
pub fn all(files: &[PathBuf]) -> Totals {
    files.par_iter().map(|p| one(p)).reduce(Totals::default, |a, b| a + b)
}
