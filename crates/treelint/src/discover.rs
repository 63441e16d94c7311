//! Which files a command works on, and which workspace each belongs to.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

/// The name of the configuration file that marks a workspace root.
pub const CONFIG_FILE: &str = "treelint.toml";

/// A file to analyse, and whether the user named it (then it is checked even when it is
/// not a tree or not Markdown) or it was found in a folder.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// The folder named on the command line that led to it (its own folder for a file).
    pub origin: PathBuf,
    pub explicit: bool,
}

/// A problem with a path given on the command line.
#[derive(Debug)]
pub struct PathError {
    pub path: PathBuf,
    pub message: String,
}

/// Expands the command line's paths: files as they are, folders walked for Markdown files
/// with `.gitignore` respected.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<PathError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_file() {
            let origin = path.parent().map(Path::to_path_buf).unwrap_or_default();
            inputs.push(Input { path: path.clone(), origin, explicit: true });
        } else if path.is_dir() {
            let walker = WalkBuilder::new(path).hidden(true).git_ignore(true).require_git(false).follow_links(false).build();
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) => found.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => errors.push(PathError { path: path.clone(), message: err.to_string() }),
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(|p| Input { path: p, origin: path.clone(), explicit: false }));
        } else {
            errors.push(PathError { path: path.clone(), message: "no such file or directory".into() });
        }
    }
    (inputs, errors)
}

fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The workspace root of a file: the nearest folder holding `treelint.toml`, else the
/// repository root, else the folder the user named.
pub fn workspace_root(file: &Path, origin: &Path) -> PathBuf {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let mut repo = None;
    for dir in abs.ancestors().skip(1) {
        if dir.join(CONFIG_FILE).is_file() {
            return dir.to_path_buf();
        }
        if repo.is_none() && dir.join(".git").exists() {
            repo = Some(dir.to_path_buf());
        }
    }
    repo.unwrap_or_else(|| std::path::absolute(origin).unwrap_or_else(|_| origin.to_path_buf()))
}

/// A path as shown to the user: relative to the current folder when it is below it.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    shown.display().to_string()
}
