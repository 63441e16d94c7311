//! The server's state: open documents, their analyses, the workspaces they belong to and
//! the index of every tree in the workspace folders.
//!
//! Invariants:
//! - The world sits behind one mutex, held only for bookkeeping; parsing and analysis run
//!   outside it on a [`Job`], and a result is stored only if the document has not changed
//!   since the job was taken (so a slow analysis never overwrites a newer one): neither its
//!   text (version) nor what it links to or is configured by (epoch, bumped by
//!   [`World::invalidate_all`]).
//! - Handlers work on a [`Snapshot`]: an immutable, fresh analysis of one document plus the
//!   tree index as it was, so a request never sees half an edit.
//! - The analysis is the CLI's: [`treelint_core::analyze`] with a [`Workspace`] whose file
//!   system is [`OverlayFs`] (open buffers over the disk).

mod buffer;
mod overlay;
pub mod roots;
pub mod summary;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};
use treelint_core::workspace::Links;
use treelint_core::{Diagnostic, Document, Workspace};

pub use buffer::{Buffer, Pushed, WireOrder};
pub use overlay::OverlayFs;
pub use summary::TreeSummary;

use crate::position::{Encoding, Positions};

/// The index: every tree file on disk, by absolute path, as the summary cross-file
/// features read (open documents are seen through their analyses instead, see
/// [`Snapshot::tree`]).
pub type Trees = HashMap<PathBuf, Arc<TreeSummary>>;

/// What the client can do, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCaps {
    /// `textDocument/diagnostic`: the client pulls diagnostics, the server does not push.
    pub pull_diagnostics: bool,
    /// `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
    /// The client accepts `workspace/didChangeWatchedFiles` registrations at run time.
    pub watch_files: bool,
    /// `window/workDoneProgress/create`.
    pub work_done_progress: bool,
    /// Hierarchical document symbols.
    pub hierarchical_symbols: bool,
    /// Code actions may be sent disabled, with the reason (`CodeAction.disabled`).
    pub disabled_code_actions: bool,
}

/// One document's findings, at the version they were computed for.
#[derive(Debug)]
pub struct FileAnalysis {
    pub version: i32,
    /// The epoch of the document (see [`World::invalidate_all`]) when the analysis started.
    pub epoch: u64,
    pub doc: Arc<Document>,
    pub links: Links,
    pub diagnostics: Vec<Diagnostic>,
    /// The document as other files' features see it (`None`: not a tree), made on first use.
    summary: OnceLock<Option<Arc<TreeSummary>>>,
}

impl FileAnalysis {
    pub fn new(version: i32, epoch: u64, a: treelint_core::Analysis) -> FileAnalysis {
        FileAnalysis {
            version,
            epoch,
            doc: Arc::new(a.document),
            links: a.links,
            diagnostics: a.diagnostics,
            summary: OnceLock::new(),
        }
    }

    /// The summary of the document, if it is a tree.
    pub fn summary(&self) -> Option<Arc<TreeSummary>> {
        self.summary.get_or_init(|| self.doc.is_tree().then(|| Arc::new(TreeSummary::of(&self.doc)))).clone()
    }
}

/// A document the editor has open.
struct OpenDoc {
    path: PathBuf,
    /// A `file:` URI: its path is real, and other files can link to it.
    on_disk: bool,
    buffer: Buffer,
    analysis: Option<Arc<FileAnalysis>>,
    /// The latest analysis stored, even once stale: what other files' features see of this
    /// document (`None` until the first one: they see the file on disk).
    latest: Option<Arc<FileAnalysis>>,
    /// Bumped whenever something around the document changes (a linked file, the
    /// configuration), so an analysis that started before cannot be stored as fresh.
    epoch: u64,
}

impl OpenDoc {
    /// Drops the analysis and bumps the epoch, so an analysis already running is not stored
    /// as fresh.
    fn mark_stale(&mut self) {
        self.analysis = None;
        self.epoch += 1;
    }
}

/// The work of analysing one document, taken out of the lock.
pub struct Job {
    pub uri: Uri,
    pub path: PathBuf,
    pub version: i32,
    pub epoch: u64,
    pub text: String,
    pub workspace: Arc<Workspace>,
}

impl Job {
    /// Runs the same analysis as `treelint check`.
    pub fn run(self) -> (Uri, FileAnalysis) {
        let a = treelint_core::analyze(&self.path, self.text, &self.workspace);
        (self.uri, FileAnalysis::new(self.version, self.epoch, a))
    }
}

/// A fresh, immutable view of one open document and of the tree index.
#[derive(Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub path: PathBuf,
    pub enc: Encoding,
    pub analysis: Arc<FileAnalysis>,
    pub workspace: Arc<Workspace>,
    pub trees: Arc<Trees>,
    /// URIs of the open documents, by path (a client's spelling of a URI wins over ours).
    pub open: Arc<HashMap<PathBuf, Uri>>,
    /// The latest analyses of the open documents that are files, by path: these stand in
    /// front of the index.
    pub open_trees: Arc<HashMap<PathBuf, Arc<FileAnalysis>>>,
}

impl Snapshot {
    pub fn doc(&self) -> &Document {
        &self.analysis.doc
    }

    /// The URI to name `path` by in a response.
    pub fn uri_of(&self, path: &Path) -> Option<Uri> {
        if path == self.path {
            return Some(self.uri.clone());
        }
        self.open.get(path).cloned().or_else(|| Uri::from_file_path(path))
    }

    /// The tree at `path` as cross-file features see it: the open document's latest
    /// analysis, else the index's summary of the file. `None`: not a tree.
    pub fn tree(&self, path: &Path) -> Option<Arc<TreeSummary>> {
        match self.open_trees.get(path) {
            Some(a) => a.summary(),
            None => self.trees.get(path).cloned(),
        }
    }

    /// Every tree known, open ones first (in no particular order).
    pub fn all_trees(&self) -> Vec<(&Path, Arc<TreeSummary>)> {
        self.trees_except(None)
    }

    /// Every tree but the snapshot's own document (which is not summarised for this).
    pub fn other_trees(&self) -> Vec<(&Path, Arc<TreeSummary>)> {
        self.trees_except(Some(&self.path))
    }

    fn trees_except(&self, except: Option<&Path>) -> Vec<(&Path, Arc<TreeSummary>)> {
        let open = self
            .open_trees
            .iter()
            .filter(|(p, _)| Some(p.as_path()) != except)
            .filter_map(|(p, a)| Some((p.as_path(), a.summary()?)));
        let closed = self
            .trees
            .iter()
            .filter(|(p, _)| !self.open_trees.contains_key(*p) && Some(p.as_path()) != except)
            .map(|(p, t)| (p.as_path(), t.clone()));
        open.chain(closed).collect()
    }

    /// The LSP range of a byte span of another file: an open document's latest text, else
    /// the file as it reads now (the index keeps no text).
    pub fn range_in(&self, path: &Path, span: &std::ops::Range<usize>) -> Option<tower_lsp_server::ls_types::Range> {
        if let Some(a) = self.open_trees.get(path) {
            return Some(Positions::of(&a.doc, self.enc).range(span));
        }
        let text = self.workspace.fs().read_to_string(path)?;
        let lines = treelint_core::line_index::LineIndex::new(&text);
        Some(Positions::new(&text, &lines, self.enc).range(span))
    }
}

/// The whole state of the server.
#[derive(Default)]
pub struct World {
    pub enc: Encoding,
    pub caps: ClientCaps,
    /// The editor's workspace folders, absolute.
    pub folders: Vec<PathBuf>,
    docs: HashMap<Uri, OpenDoc>,
    /// Edits for documents not (yet) open: `didChange` may overtake `didOpen`.
    early: HashMap<Uri, BTreeMap<i32, Vec<TextDocumentContentChangeEvent>>>,
    fs: Arc<OverlayFs>,
    workspaces: HashMap<PathBuf, Arc<Workspace>>,
    /// Problems reading `treelint.toml`, by root, to tell the user once.
    pub config_errors: Vec<String>,
    trees: Arc<Trees>,
    /// `didChange` versions in the order the client sent them (filled by the transport).
    pub wire: WireOrder,
    /// Documents whose analysis is running on the blocking pool.
    analysing: HashSet<Uri>,
    /// Analyses replaced by newer ones, to be freed by [`World::take_retired`]'s caller.
    retired: Vec<Arc<FileAnalysis>>,
}

/// The most documents whose early edits are remembered (unknown URIs must not grow memory).
const MAX_EARLY: usize = 32;

impl World {
    /// The file path a URI stands for: its path for `file:`, a made-up one in the first
    /// workspace folder otherwise (so that an untitled buffer still resolves relative links).
    pub fn path_of(&self, uri: &Uri) -> (PathBuf, bool) {
        if uri.scheme().as_str().eq_ignore_ascii_case("file") {
            if let Some(p) = uri.to_file_path() {
                return (treelint_core::workspace::normalize(p.into_owned()), true);
            }
        }
        let name = uri.path().as_str().rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("untitled.md");
        let dir = self.folders.first().cloned().unwrap_or_else(|| PathBuf::from("/"));
        (dir.join(name.replace(['\\', ':'], "_")), false)
    }

    /// Opens a document; edits that arrived before it are applied.
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let (path, on_disk) = self.path_of(&uri);
        let mut buffer = Buffer::new(version, text);
        if let Some(early) = self.early.remove(&uri) {
            buffer.adopt_early(uri.as_str(), &self.wire, early, self.enc);
        }
        if on_disk {
            self.fs.set(&path, &buffer.text);
            self.file_changed(&path);
        }
        self.docs.insert(uri, OpenDoc { path, on_disk, buffer, analysis: None, latest: None, epoch: 0 });
    }

    /// Takes the edits of one `didChange`.
    pub fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> Option<Pushed> {
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(uri) else {
            if self.early.len() < MAX_EARLY || self.early.contains_key(uri) {
                let queue = self.early.entry(uri.clone()).or_default();
                if queue.len() < 64 {
                    queue.insert(version, changes);
                }
            }
            return None;
        };
        let pushed = doc.buffer.push(uri.as_str(), &self.wire, version, changes, enc);
        if pushed == Pushed::Applied {
            self.after_edit(uri);
        }
        Some(pushed)
    }

    /// Applies the edits that have waited too long for an earlier version.
    pub fn flush(&mut self, uri: &Uri) -> bool {
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(uri) else { return false };
        let flushed = doc.buffer.flush(uri.as_str(), &self.wire, enc);
        if flushed {
            self.after_edit(uri);
        }
        flushed
    }

    fn after_edit(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else { return };
        if doc.on_disk {
            let path = doc.path.clone();
            self.fs.set(&path, &doc.buffer.text);
            self.file_changed(&path);
        }
    }

    /// Closes a document: its file reads from disk again, and the index takes the disk's copy.
    pub fn close(&mut self, uri: &Uri) -> Option<PathBuf> {
        self.early.remove(uri);
        self.wire.forget(uri.as_str());
        let doc = self.docs.remove(uri)?;
        if !doc.on_disk {
            return None;
        }
        self.fs.remove(&doc.path);
        self.file_changed(&doc.path);
        Some(doc.path)
    }

    /// The version and text of an open document.
    pub fn text(&self, uri: &Uri) -> Option<(i32, &str)> {
        self.docs.get(uri).map(|d| (d.buffer.version, d.buffer.text.as_str()))
    }

    /// Whether a document has edits waiting for an earlier version.
    pub fn has_pending(&self, uri: &Uri) -> bool {
        self.docs.get(uri).is_some_and(|d| d.buffer.has_pending())
    }

    /// The open documents.
    pub fn open_uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    /// The analysis job for a document whose analysis is missing or stale.
    pub fn job(&mut self, uri: &Uri) -> Option<Job> {
        let doc = self.docs.get(uri)?;
        if doc.analysis.as_ref().is_some_and(|a| a.version == doc.buffer.version) {
            return None;
        }
        let (path, version, epoch, text) = (doc.path.clone(), doc.buffer.version, doc.epoch, doc.buffer.text.clone());
        let workspace = self.workspace_for(&path);
        Some(Job { uri: uri.clone(), path, version, epoch, text, workspace })
    }

    /// Claims the background analysis of a document; false if it is already claimed.
    pub fn begin_analysis(&mut self, uri: &Uri) -> bool {
        self.analysing.insert(uri.clone())
    }

    /// Releases the claim of [`World::begin_analysis`].
    pub fn end_analysis(&mut self, uri: &Uri) {
        self.analysing.remove(uri);
    }

    /// Keeps an analysis if it is of the document's current text; returns it if kept.
    pub fn store(&mut self, uri: &Uri, analysis: FileAnalysis) -> Option<Arc<FileAnalysis>> {
        let doc = self.docs.get_mut(uri)?;
        if analysis.version != doc.buffer.version || analysis.epoch != doc.epoch {
            return None;
        }
        let analysis = Arc::new(analysis);
        doc.buffer.know(analysis.version, analysis.doc.clone());
        // The analysis replaced is freed off the edit's path (a large tree's takes milliseconds).
        self.retired.extend(doc.analysis.replace(analysis.clone()));
        self.retired.extend(doc.latest.replace(analysis.clone()));
        Some(analysis)
    }

    /// A snapshot of a document, if its analysis is fresh (else take its [`World::job`]).
    pub fn snapshot(&mut self, uri: &Uri) -> Option<Snapshot> {
        let doc = self.docs.get(uri)?;
        let analysis = doc.analysis.clone().filter(|a| a.version == doc.buffer.version)?;
        let path = doc.path.clone();
        let workspace = self.workspace_for(&path);
        let open = self.docs.iter().filter(|(_, d)| d.on_disk).map(|(u, d)| (d.path.clone(), u.clone())).collect();
        Some(Snapshot {
            uri: uri.clone(),
            path,
            enc: self.enc,
            analysis,
            workspace,
            trees: self.trees.clone(),
            open: Arc::new(open),
            open_trees: self.open_trees(),
        })
    }

    /// The latest analyses of the open documents that are files, by path.
    pub fn open_trees(&self) -> Arc<HashMap<PathBuf, Arc<FileAnalysis>>> {
        let open = self.docs.values().filter(|d| d.on_disk).filter_map(|d| Some((d.path.clone(), d.latest.clone()?)));
        Arc::new(open.collect())
    }

    /// Analyses replaced since the last call, to drop where their freeing delays nothing.
    pub fn take_retired(&mut self) -> Vec<Arc<FileAnalysis>> {
        std::mem::take(&mut self.retired)
    }

    /// The latest analysis of an open document, fresh or not.
    pub fn last_analysis(&self, uri: &Uri) -> Option<Arc<FileAnalysis>> {
        self.docs.get(uri)?.analysis.clone()
    }

    /// The workspace a file belongs to (created, with its configuration, on first use).
    pub fn workspace_for(&mut self, path: &Path) -> Arc<Workspace> {
        let root = roots::workspace_root(path, &self.folders);
        if let Some(ws) = self.workspaces.get(&root) {
            return ws.clone();
        }
        let (config, error) = roots::load_config(&root);
        if let Some(e) = error {
            self.config_errors.push(e);
        }
        let ws = Arc::new(Workspace::new(root.clone(), config, self.fs.clone()));
        self.workspaces.insert(root, ws.clone());
        ws
    }

    /// Forgets what any workspace read of `path`, so links to it resolve afresh.
    pub fn file_changed(&mut self, path: &Path) {
        for ws in self.workspaces.values() {
            ws.invalidate(path);
        }
    }

    /// Drops every workspace (their configuration is re-read on next use) and every
    /// analysis, after a `treelint.toml` changed.
    pub fn config_changed(&mut self) {
        self.workspaces.clear();
        self.invalidate_all();
    }

    /// Marks for re-analysis the open documents that depend on the files at `changed`:
    /// those whose latest analysis linked to one of them (or tried to and missed), and
    /// those with no fresh analysis (one may be running on text that links there). Returns
    /// them; the others keep their analyses.
    pub fn invalidate_dependents(&mut self, changed: &[PathBuf]) -> Vec<Uri> {
        let mut marked = Vec::new();
        for (uri, doc) in &mut self.docs {
            let fresh = doc.analysis.as_ref().is_some_and(|a| a.version == doc.buffer.version);
            let links_there = doc.latest.as_ref().is_some_and(|a| changed.iter().any(|p| a.links.mention(p)));
            if !fresh || links_there {
                doc.mark_stale();
                marked.push(uri.clone());
            }
        }
        marked
    }

    /// Marks every open document for re-analysis (after files around them changed).
    pub fn invalidate_all(&mut self) {
        for doc in self.docs.values_mut() {
            doc.mark_stale();
        }
    }

    /// The file system the analysis reads.
    pub fn fs(&self) -> Arc<OverlayFs> {
        self.fs.clone()
    }

    /// Records what a file on disk holds; ignored while the file is open in the editor
    /// (its buffer's analysis stands in front of it).
    pub fn set_tree(&mut self, path: PathBuf, tree: Option<Arc<TreeSummary>>) {
        if self.fs.is_open(&path) {
            return;
        }
        let trees = Arc::make_mut(&mut self.trees);
        match tree {
            Some(t) => {
                trees.insert(path, t);
            }
            None => {
                trees.remove(&path);
            }
        }
    }

    /// Drops the indexed trees below any of `folders` (workspace folders removed), except
    /// open documents.
    pub fn forget_trees_under(&mut self, folders: &[PathBuf]) {
        if folders.is_empty() {
            return;
        }
        let fs = self.fs.clone();
        Arc::make_mut(&mut self.trees).retain(|p, _| fs.is_open(p) || !folders.iter().any(|f| p.starts_with(f)));
    }

    /// Every tree known.
    pub fn trees(&self) -> Arc<Trees> {
        self.trees.clone()
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn tree(title: &str, jump: &str) -> String {
        format!("# {title}\n\n```tree\nStart?\n└── [Check 1] Up?\n    ├── YES → ✅ GO\n    └── NO → {jump}\n```\n")
    }

    /// Opens the files and stores a fresh analysis of each, as the server does.
    fn world_with(dir: &Path, files: &[(&str, String)]) -> (World, Vec<Uri>) {
        let mut world = World { folders: vec![dir.to_path_buf()], ..World::default() };
        let mut uris = Vec::new();
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            let uri = Uri::from_str(&format!("file://{}", path.display())).unwrap();
            world.open(uri.clone(), 1, text.clone());
            uris.push(uri);
        }
        for uri in &uris {
            let (uri, analysis) = world.job(uri).unwrap().run();
            assert!(world.store(&uri, analysis).is_some());
        }
        (world, uris)
    }

    #[test]
    fn a_changed_file_invalidates_the_documents_that_link_to_it_and_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let dir = treelint_core::workspace::normalize(dir.path());
        let files = [
            ("a.md", tree("A", "b.md#check-2")),
            ("b.md", tree("B", "✅ GO")),
            ("c.md", tree("C", "✅ GO")),
            // Links to a file that does not exist yet: its creation concerns it too.
            ("d.md", tree("D", "new.md#check-1")),
        ];
        let (mut world, uris) = world_with(&dir, &files);
        assert_eq!(world.invalidate_dependents(&[dir.join("b.md")]), vec![uris[0].clone()]);
        // A was marked: it has no fresh analysis until it is re-analysed.
        assert!(world.job(&uris[0]).is_some());
        assert!(world.job(&uris[2]).is_none(), "C keeps its analysis");
        // D tried new.md; A is still waiting for its re-analysis, which may read anything.
        let marked: HashSet<Uri> = world.invalidate_dependents(&[dir.join("new.md")]).into_iter().collect();
        assert_eq!(marked, HashSet::from([uris[0].clone(), uris[3].clone()]));
    }
}
