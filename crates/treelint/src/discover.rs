//! Which files a command works on, which workspace each belongs to, and its configuration.
//!
//! Invariant: a file's workspace root is the nearest ancestor folder holding `treelint.toml`
//! (else the repository root, else the folder named on the command line), and the
//! configuration of every file under one root is that root's `treelint.toml`, unless
//! `--config` or `--isolated` says otherwise ([`ConfigSource`]). Each root gets one
//! [`Workspace`], shared by all its files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use treelint_core::workspace::CachedFs;
use treelint_core::{Config, FileSystem, Workspace};

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
/// with `.gitignore` respected, each folder's files in path order.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<PathError>) {
    let mut inputs = Vec::new();
    let errors = each_input(paths, is_markdown, |input| inputs.push(input));
    (inputs, errors)
}

/// Hands each input to `found` as the walk finds it (named files first, in the order named;
/// a folder's files in path order), so that work on them can start before the walk ends;
/// returns the paths that could not be used. Files found in folders are kept when `keep`
/// holds (`check` keeps every file and lets each workspace's include globs decide).
pub fn each_input(paths: &[PathBuf], keep: impl Fn(&Path) -> bool, mut found: impl FnMut(Input)) -> Vec<PathError> {
    let mut errors = Vec::new();
    walk(paths, keep, |item| match item {
        Found::Input(input) => found(input),
        Found::Error(e) => errors.push(e),
        Found::Note(..) => {}
    });
    errors
}

/// What the walk meets, in the order it meets it.
#[derive(Debug)]
pub enum Found {
    Input(Input),
    /// A path named on the command line that cannot be used, or a folder that cannot be read.
    Error(PathError),
    /// Something found in a folder and left out, and why (a link to a folder, a link that
    /// loops or leads nowhere): said, never skipped silently.
    Note(PathBuf, String),
}

/// The walk behind [`each_input`], in path order: named paths in the order named, each
/// folder depth first with the entries of every folder sorted by name, which is `Path`
/// order (component by component).
///
/// Symbolic links: a link to a file is followed wherever it is (the file is checked under
/// the link's name); a link to a folder found inside a folder is not followed (it may loop
/// or leave the repository) and is noted; a link that loops or leads nowhere is noted when
/// found in a folder and is an error when named.
pub fn walk(paths: &[PathBuf], keep: impl Fn(&Path) -> bool, mut visit: impl FnMut(Found)) {
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let walker = WalkBuilder::new(path)
                    .hidden(true)
                    .git_ignore(true)
                    .require_git(false)
                    .follow_links(false)
                    .sort_by_file_name(|a, b| a.cmp(b))
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) => match e.file_type() {
                            Some(t) if t.is_file() && keep(e.path()) => {
                                visit(Found::Input(Input {
                                    path: e.into_path(),
                                    origin: path.clone(),
                                    explicit: false,
                                }));
                            }
                            Some(t) if t.is_symlink() => match std::fs::metadata(e.path()) {
                                Ok(target) if target.is_file() => {
                                    if keep(e.path()) {
                                        visit(Found::Input(Input {
                                            path: e.into_path(),
                                            origin: path.clone(),
                                            explicit: false,
                                        }));
                                    }
                                }
                                Ok(target) if target.is_dir() => visit(Found::Note(
                                    e.into_path(),
                                    "a symbolic link to a folder: not followed (name the folder to check it)".into(),
                                )),
                                Ok(_) => {}
                                Err(err) => {
                                    // Only what would have been checked is worth a note.
                                    if keep(e.path()) && is_markdown(e.path()) {
                                        let message = format!("skipped: {}", link_problem(e.path(), &err));
                                        visit(Found::Note(e.into_path(), message));
                                    }
                                }
                            },
                            _ => {}
                        },
                        Err(err) => visit(Found::Error(PathError { path: path.clone(), message: err.to_string() })),
                    }
                }
            }
            // A file, or something else that can be read (a pipe, a device): the user named it.
            Ok(_) => {
                let origin = path.parent().map(Path::to_path_buf).unwrap_or_default();
                visit(Found::Input(Input { path: path.clone(), origin, explicit: true }));
            }
            Err(e) => visit(Found::Error(PathError { path: path.clone(), message: link_problem(path, &e) })),
        }
    }
}

/// Why `path` cannot be followed, in words: a link loop, a link to nothing, no such path.
fn link_problem(path: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_loop(e) {
        "a symbolic link loop (too many levels of symbolic links)".into()
    } else if is_link && e.kind() == std::io::ErrorKind::NotFound {
        match std::fs::read_link(path) {
            Ok(target) => format!("a broken symbolic link (to {}, which does not exist)", target.display()),
            Err(_) => "a broken symbolic link".into(),
        }
    } else if e.kind() == std::io::ErrorKind::NotFound {
        "no such file or directory".into()
    } else {
        e.to_string()
    }
}

/// Whether an error is the system's "too many levels of symbolic links" (ELOOP).
fn is_loop(e: &std::io::Error) -> bool {
    // `ErrorKind::FilesystemLoop` is not stable yet: the error number, per system.
    const ELOOP: Option<i32> = if cfg!(any(target_os = "linux", target_os = "android")) {
        Some(40)
    } else if cfg!(any(target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "openbsd")) {
        Some(62)
    } else {
        None
    };
    ELOOP.is_some() && e.raw_os_error() == ELOOP
}

/// Whether a path has a Markdown extension (`.md`, `.markdown`).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
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
    // The working folder is read once: treelint never changes it, and asking the system
    // for it was a syscall per file checked.
    static CWD: std::sync::LazyLock<Option<PathBuf>> = std::sync::LazyLock::new(|| std::env::current_dir().ok());
    let shown = CWD.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()).unwrap_or(path);
    // The current folder itself is `.`, never an empty string.
    if shown.as_os_str().is_empty() {
        return ".".into();
    }
    shown.display().to_string()
}

/// `--config FILE` and `--isolated`: how every command that reads trees finds its
/// configuration.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the workspace's treelint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every treelint.toml and use the built-in defaults.
    #[arg(long)]
    pub isolated: bool,
}

impl ConfigArgs {
    pub fn source(&self) -> ConfigSource {
        match (&self.config, self.isolated) {
            (Some(file), _) => ConfigSource::File(file.clone()),
            (None, true) => ConfigSource::Isolated,
            (None, false) => ConfigSource::Discover,
        }
    }
}

/// Where the configuration of each file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// The `treelint.toml` of each file's workspace root (the default).
    Discover,
    /// One file for every input (`--config FILE`).
    File(PathBuf),
    /// No file at all: the built-in defaults (`--isolated`).
    Isolated,
}

/// One workspace root with the configuration that applies under it.
pub struct Project {
    pub root: PathBuf,
    /// The configuration file that was read, if any.
    pub config_file: Option<PathBuf>,
    pub workspace: Arc<Workspace>,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Project {
    fn new(
        root: PathBuf,
        config_file: Option<PathBuf>,
        config: Config,
        fs: Arc<dyn FileSystem>,
    ) -> Result<Project, String> {
        let include = if config.include.is_empty() { None } else { Some(glob_set(&config.include)?) };
        let exclude = glob_set(&config.exclude)?;
        let workspace = Arc::new(Workspace::new(root.clone(), config, fs));
        Ok(Project { root, config_file, workspace, include, exclude })
    }

    pub fn config(&self) -> &Config {
        &self.workspace.config
    }

    /// Whether `file` is checked: a file found in a folder must match `include` (or be
    /// Markdown when there is none) and no `exclude`; a file named on the command line is
    /// always checked unless `force_exclude` applies the excludes to it too.
    pub fn wants(&self, input: &Input, force_exclude: bool) -> bool {
        let abs = std::path::absolute(&input.path).unwrap_or_else(|_| input.path.clone());
        let relative = abs.strip_prefix(&self.root).unwrap_or(&abs);
        let matches =
            |set: &GlobSet| set.is_match(relative) || relative.file_name().is_some_and(|n| set.is_match(Path::new(n)));
        if (!input.explicit || force_exclude) && matches(&self.exclude) {
            return false;
        }
        match (&self.include, input.explicit) {
            (_, true) => true,
            (Some(include), false) => matches(include),
            (None, false) => is_markdown(&input.path),
        }
    }
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        builder.add(
            GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("invalid glob `{g}`: {}", e.kind()))?,
        );
    }
    builder.build().map_err(|e| e.to_string())
}

/// Finds, loads and caches the configuration of each workspace root.
pub struct Projects {
    source: ConfigSource,
    fs: Arc<dyn FileSystem>,
    /// The `--config` file's settings, read once.
    forced: Option<Config>,
    cache: Mutex<HashMap<PathBuf, Arc<Project>>>,
    /// Workspace root by (folder, origin): one walk up per folder, not per file.
    roots: Mutex<HashMap<(PathBuf, PathBuf), PathBuf>>,
}

impl Projects {
    /// Reads the `--config` file now, so that a bad one fails before any file is checked.
    pub fn new(source: ConfigSource) -> Result<Projects, String> {
        let forced = match &source {
            ConfigSource::File(path) => Some(load_config(path)?),
            _ => None,
        };
        // One-shot commands: each folder is listed once and links resolve by lookup, not by
        // a stat per candidate path (the files do not change while a command runs).
        Ok(Projects {
            source,
            fs: Arc::new(CachedFs::new()),
            forced,
            cache: Mutex::new(HashMap::new()),
            roots: Mutex::new(HashMap::new()),
        })
    }

    /// The project of a file: its workspace root and that root's configuration.
    pub fn project_of(&self, input: &Input) -> Result<Arc<Project>, String> {
        let dir = input.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let root = {
            let mut roots = self.roots.lock().unwrap_or_else(|e| e.into_inner());
            roots
                .entry((dir, input.origin.clone()))
                .or_insert_with(|| workspace_root(&input.path, &input.origin))
                .clone()
        };
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = cache.get(&root) {
            return Ok(p.clone());
        }
        let (config_file, config) = match &self.source {
            ConfigSource::Isolated => (None, Config::default()),
            ConfigSource::File(path) => (Some(path.clone()), self.forced.clone().unwrap_or_default()),
            ConfigSource::Discover => {
                let file = root.join(CONFIG_FILE);
                if file.is_file() { (Some(file.clone()), load_config(&file)?) } else { (None, Config::default()) }
            }
        };
        let project = Arc::new(Project::new(root.clone(), config_file, config, self.fs.clone())?);
        cache.insert(root, project.clone());
        Ok(project)
    }
}

/// Reads and parses one `treelint.toml`; the error names the file, line and key of every
/// mistake in it, one to a line.
pub fn load_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Config::from_toml_all(&text).map_err(|errors| {
        let shown = display_path(path);
        errors.into_iter().map(|e| e.with_path(&shown).to_string()).collect::<Vec<_>>().join("\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk's order is `Path` order (component by component: `a/b.md` before `a-b.md`,
    /// which string order puts after), so reports come out in the order they are sorted.
    #[test]
    fn the_walk_yields_files_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["t/a/b.md", "t/a-b.md", "t/a/bc.md", "t/a/b/c.md", "t/ab.md", "t/a.b/c.md", "t/A.md", "t/é.md"];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut walked = Vec::new();
        let errors = each_input(&[dir.path().join("t")], |_| true, |i| walked.push(i.path));
        assert!(errors.is_empty());
        let mut sorted = walked.clone();
        sorted.sort();
        assert_eq!(walked, sorted);
        assert_eq!(walked.len(), names.len());
    }
}
