//! `treelint walk` with no file: the trees of the workspace with their starting questions,
//! to pick one by number.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use treelint_core::{Config, Document};

use crate::render::sanitize_line;

/// A tree found in the workspace.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// Its starting question: the metadata's, else its root's text, else its title.
    pub question: String,
}

/// The Markdown files under `dir` that hold a tree, in path order.
pub fn trees(dir: &Path, config: &Config) -> Vec<Found> {
    let (inputs, _) = crate::discover::inputs(&[dir.to_path_buf()]);
    inputs
        .into_iter()
        .filter_map(|input| {
            let text = std::fs::read_to_string(&input.path).ok()?;
            let doc = Document::parse(text, config);
            if !doc.is_tree() {
                return None;
            }
            let meta = doc
                .sections
                .metadata
                .iter()
                .find(|m| m.key == "starting question")
                .map(|m| m.value.trim_matches('"').to_string());
            let root = doc
                .model
                .roots
                .first()
                .map(|&r| doc.slice(&doc.model.node(r).label).trim().to_string())
                .filter(|s| !s.is_empty());
            let question = meta.or(root).or_else(|| doc.title().map(str::to_string)).unwrap_or_default();
            let path = input.path.strip_prefix(".").map(Path::to_path_buf).unwrap_or(input.path);
            Some(Found { path, question })
        })
        .collect()
}

/// Lists `found` on `out` and reads a number from `input`; `None` when nothing is picked.
pub fn pick(found: &[Found], input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<Option<PathBuf>> {
    writeln!(out, "Trees in this workspace:\n")?;
    for (i, f) in found.iter().enumerate() {
        writeln!(out, "  {:>2}) {}", i + 1, sanitize_line(&crate::discover::display_path(&f.path)))?;
        writeln!(out, "      {}", sanitize_line(&f.question))?;
    }
    loop {
        write!(out, "\nWhich tree? (number, or q) > ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim();
        if line == "q" {
            return Ok(None);
        }
        match line.parse::<usize>() {
            Ok(n) if (1..=found.len()).contains(&n) => return Ok(Some(found[n - 1].path.clone())),
            _ => writeln!(out, "Type a number from 1 to {}.", found.len())?,
        }
    }
}
