//! Which workspace a file belongs to, its configuration, and which files are trees to index.
//!
//! The root is found as the CLI finds it (FORMAT.md §3): the nearest folder holding
//! `treelint.toml`, else the repository root, else the editor's workspace folder that holds
//! the file, else the file's own folder.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use treelint_core::Config;

/// The configuration file that marks a workspace root.
pub const CONFIG_FILE: &str = "treelint.toml";

/// The workspace root of `file`.
pub fn workspace_root(file: &Path, folders: &[PathBuf]) -> PathBuf {
    let mut repo = None;
    for dir in file.ancestors().skip(1) {
        if dir.join(CONFIG_FILE).is_file() {
            return dir.to_path_buf();
        }
        if repo.is_none() && dir.join(".git").exists() {
            repo = Some(dir.to_path_buf());
        }
    }
    if let Some(repo) = repo {
        return repo;
    }
    folders
        .iter()
        .filter(|f| file.starts_with(f))
        .max_by_key(|f| f.components().count())
        .cloned()
        .unwrap_or_else(|| file.parent().map(Path::to_path_buf).unwrap_or_default())
}

/// The configuration of the workspace at `root`, and the error that made it fall back to
/// the defaults, if any.
pub fn load_config(root: &Path) -> (Config, Option<String>) {
    let path = root.join(CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else { return (Config::default(), None) };
    match Config::from_toml(&text) {
        Ok(config) => (config, None),
        Err(e) => (Config::default(), Some(e.with_path(path).to_string())),
    }
}

/// Whether a path names a Markdown file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The Markdown files below `folder`, honouring `.gitignore` and hidden folders as the CLI does.
pub fn markdown_files(folder: &Path) -> Vec<PathBuf> {
    let walker = WalkBuilder::new(folder).hidden(true).git_ignore(true).require_git(false).follow_links(false).build();
    let mut found: Vec<PathBuf> = walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()))
        .map(|e| e.into_path())
        .collect();
    found.sort();
    found
}

/// The `include` / `exclude` globs of a workspace, as the CLI applies them to files found
/// in folders (an open document is always analysed, as a file named on the command line is).
#[derive(Debug, Clone)]
pub struct Filter {
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    /// The filter of the workspace at `root`; an invalid glob (already reported when the
    /// configuration was read) matches nothing.
    pub fn new(root: &Path, config: &Config) -> Filter {
        let include = (!config.include.is_empty()).then(|| glob_set(&config.include));
        Filter { root: root.to_path_buf(), include, exclude: glob_set(&config.exclude) }
    }

    /// Whether a file found in a folder belongs in the index.
    pub fn wants(&self, path: &Path) -> bool {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let matches =
            |set: &GlobSet| set.is_match(relative) || relative.file_name().is_some_and(|n| set.is_match(Path::new(n)));
        if matches(&self.exclude) {
            return false;
        }
        match &self.include {
            Some(include) => matches(include),
            None => is_markdown(path),
        }
    }
}

fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = GlobBuilder::new(g).literal_separator(true).build() {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}
