//! Links between files: Related trees, Runbooks and jumps into other trees, resolved
//! against the document's folder and the workspace root (FORMAT.md §3).
//!
//! The core reads no files itself: the caller supplies a [`FileSystem`] (the real disk for
//! the CLI, open buffers over the disk for the language server).

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use petgraph::graph::NodeIndex;

use crate::config::Config;
use crate::document::Document;
use crate::syntax::node_text::OutcomeTarget;
use crate::syntax::sections::RefKind;

mod cached_fs;
pub use cached_fs::CachedFs;

/// What the analysis may ask of the files around a document.
pub trait FileSystem: Send + Sync {
    fn is_file(&self, path: &Path) -> bool;
    fn read_to_string(&self, path: &Path) -> Option<String>;
}

/// Where a link resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Found(PathBuf),
    /// No candidate exists; the paths that were tried.
    Missing(Vec<PathBuf>),
    /// The file exists but has no such check.
    MissingCheck {
        path: PathBuf,
        id: String,
    },
    /// Not checked (a URL, or a topic pack).
    External,
}

/// The links of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Parallel to `sections.cross_refs`.
    pub cross_refs: Vec<Link>,
    /// Jumps into other files, by node.
    pub jumps: FxHashMap<NodeIndex, Link>,
}

impl Links {
    /// Whether any link found, or tried and missed, the file at `path` (absolute and
    /// normalised, as links are): what changes when that file does.
    pub fn mention(&self, path: &Path) -> bool {
        self.cross_refs.iter().chain(self.jumps.values()).any(|link| match link {
            Link::Found(p) | Link::MissingCheck { path: p, .. } => p == path,
            Link::Missing(tried) => tried.iter().any(|p| p == path),
            Link::External => false,
        })
    }
}

/// The files being analysed together and how to find the ones they name.
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    fs: Arc<dyn FileSystem>,
    /// Check IDs of other trees, read once each.
    checks: Mutex<FxHashMap<PathBuf, Option<Arc<FxHashSet<String>>>>>,
}

impl Workspace {
    pub fn new(root: PathBuf, config: Config, fs: Arc<dyn FileSystem>) -> Self {
        Workspace { root, config, fs, checks: Mutex::new(FxHashMap::default()) }
    }

    pub fn fs(&self) -> &dyn FileSystem {
        &*self.fs
    }

    /// Whether the file at `path` lies in one of the configured `tree-dirs` (relative to the
    /// root), so that it is a tree document whatever it holds.
    pub fn in_tree_dir(&self, path: &Path) -> bool {
        if self.config.tree_dirs.is_empty() {
            return false;
        }
        let path = normalize(path.to_path_buf());
        let root = normalize(self.root.clone());
        let relative = path.strip_prefix(&root).unwrap_or(&path);
        self.config.tree_dirs.iter().any(|dir| relative.starts_with(normalize(dir.clone())))
    }

    /// Forgets what was read of `path` (the language server calls this when a file changes).
    pub fn invalidate(&self, path: &Path) {
        self.checks.lock().unwrap_or_else(|e| e.into_inner()).remove(&cache_key(path));
    }

    /// Resolves the links of `doc`, which lives at `path`.
    pub fn links(&self, path: &Path, doc: &Document) -> Links {
        // Remember this document's check IDs, so that a jump into it from a file analysed
        // later does not read and parse it a second time (the CLI analyses every file once).
        // The latest analysed text wins over what was read before.
        let ids = Some(Arc::new(doc.model.checks.keys().cloned().collect()));
        self.checks.lock().unwrap_or_else(|e| e.into_inner()).insert(cache_key(path), ids);
        let dir = path.parent().unwrap_or(Path::new(""));
        let trees = [dir, self.root.as_path()];
        let runbook_dirs: Vec<PathBuf> = self.config.runbook_dirs.iter().map(|d| self.root.join(d)).collect();
        let runbooks: Vec<&Path> = std::iter::once(dir).chain(runbook_dirs.iter().map(PathBuf::as_path)).collect();
        let cross_refs = doc
            .sections
            .cross_refs
            .iter()
            .map(|r| match r.kind {
                RefKind::TopicPacks => Link::External,
                _ if is_url(&r.target) => Link::External,
                RefKind::RelatedTrees => self.find(&r.target, &trees),
                RefKind::Runbooks => self.find(&r.target, &runbooks),
            })
            .collect();
        let jumps = doc
            .model
            .nodes()
            .filter_map(|(n, node)| match node.outcome.as_ref().map(|o| &o.target) {
                Some(OutcomeTarget::File { path: target, fragment }) => {
                    let link = match self.find(target, &trees) {
                        Link::Found(p) => match fragment.as_deref().and_then(check_fragment) {
                            Some(id) if !self.has_check(&p, &id) => Link::MissingCheck { path: p, id },
                            _ => Link::Found(p),
                        },
                        other => other,
                    };
                    Some((n, link))
                }
                _ => None,
            })
            .collect();
        Links { cross_refs, jumps }
    }

    /// The first of `dirs/target` that is a file (also trying `target.md`).
    fn find(&self, target: &str, dirs: &[&Path]) -> Link {
        let target = target.split('#').next().unwrap_or("");
        if target.is_empty() {
            return Link::Missing(Vec::new());
        }
        let with_md = Path::new(target).extension().is_none().then(|| format!("{target}.md"));
        let names = std::iter::once(target).chain(with_md.as_deref());
        let mut tried: Vec<PathBuf> = Vec::new();
        for dir in dirs {
            for name in names.clone() {
                let candidate = normalize(dir.join(name));
                // Byte equality: `Path`'s own compares component by component.
                if tried.iter().any(|t| t.as_os_str() == candidate.as_os_str()) {
                    continue;
                }
                if self.fs.is_file(&candidate) {
                    return Link::Found(candidate);
                }
                tried.push(candidate);
            }
        }
        Link::Missing(tried)
    }

    fn has_check(&self, path: &Path, id: &str) -> bool {
        let key = cache_key(path);
        let path = key.as_path();
        let cached = self.checks.lock().unwrap_or_else(|e| e.into_inner()).get(path).cloned();
        let ids = match cached {
            Some(ids) => ids,
            None => {
                // Read and parse outside the lock, so other threads are not held up; two
                // threads may both parse the same file once, and get the same answer.
                let ids = self.fs.read_to_string(path).map(|text| Arc::new(check_ids(&text, &self.config)));
                self.checks.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_path_buf(), ids.clone());
                ids
            }
        };
        ids.as_ref().is_some_and(|ids| ids.contains(id))
    }
}

/// The check IDs of a tree: the part of [`Document::parse`] that builds the model, without
/// the sections and terminal resolution that a jump's target does not need.
fn check_ids(text: &str, config: &Config) -> FxHashSet<String> {
    let lines = crate::line_index::LineIndex::new(text);
    let markdown = crate::markdown::Markdown::parse(text);
    // The target of a jump is read as a tree document: its checks are what a jump names.
    let kind = crate::document::DocumentKind::TreeDocument;
    let blocks = crate::syntax::blocks::find_tree_blocks(text, &markdown, &lines, config, kind);
    let model = crate::model::build(text, &markdown, &blocks, config, kind);
    model.checks.into_keys().collect()
}

/// How the check-ID cache names a file: absolute and without `.`/`..`, so that the same
/// file reached relative to a document and relative to the root is one entry.
fn cache_key(path: &Path) -> PathBuf {
    normalize(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `check-2` → `2`.
fn check_fragment(fragment: &str) -> Option<String> {
    let rest = fragment.get(..6).filter(|p| p.eq_ignore_ascii_case("check-")).map(|_| &fragment[6..])?;
    (!rest.is_empty()).then(|| rest.to_string())
}

fn is_url(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

/// Removes `.` and `a/..` without touching the disk, so that paths compare equal.
/// An owned path is returned as it is when there is nothing to remove.
pub fn normalize<P: AsRef<Path> + Into<PathBuf>>(path: P) -> PathBuf {
    // Most paths have no `.` or `..` component, and iterating components allocates; a path
    // with no `.` at the start of a component has none.
    let bytes = path.as_ref().as_os_str().as_encoded_bytes();
    if !bytes.starts_with(b".") && !bytes.windows(2).any(|w| w[1] == b'.' && std::path::is_separator(w[0] as char)) {
        return path.into();
    }
    let path = path.as_ref();
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// No files at all: every link is broken. For analysing a lone text (a scaffold, a test).
pub struct NoFiles;

impl FileSystem for NoFiles {
    fn is_file(&self, _: &Path) -> bool {
        false
    }

    fn read_to_string(&self, _: &Path) -> Option<String> {
        None
    }
}

/// The real disk.
pub struct RealFs;

impl FileSystem for RealFs {
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn read_to_string(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::normalize;

    #[test]
    fn normalize_removes_dot_components_and_keeps_the_rest() {
        let n = |p: &str| normalize(Path::new(p));
        assert_eq!(n("trees/./a/../b.md"), Path::new("trees/b.md"));
        assert_eq!(n("./b.md"), Path::new("b.md"));
        assert_eq!(n("../runbooks/x.md"), Path::new("../runbooks/x.md"));
        assert_eq!(n("a/../../x.md"), Path::new("../x.md"));
        assert_eq!(n("/root/trees/b.md"), Path::new("/root/trees/b.md"));
        // Dots inside names are not components.
        assert_eq!(n("trees/.hidden/v1.2.md"), Path::new("trees/.hidden/v1.2.md"));
        assert_eq!(n("trees/a./b.md"), Path::new("trees/a./b.md"));
    }
}
