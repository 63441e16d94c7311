//! The [`LanguageServer`] implementation: protocol plumbing only. Each method takes a
//! [`Snapshot`] from the [`World`] and hands it to the handler module of the same name.
//!
//! Robustness invariants:
//! - Every handler runs inside `guard`: a panic is caught, logged to stderr and answered
//!   with an internal error (or nothing, for a notification); the server keeps serving.
//! - An unknown URI, a document that is not a tree or a position out of range gives an
//!   empty result, never an error that a client would show as a failure.
//! - Work that waits on the client (registration, progress, indexing) runs in spawned
//!   tasks, so it never holds one of the transport's few concurrent handler slots.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::json;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use treelint_core::Document;

use crate::transport::Outbox;
use crate::world::{ClientCaps, Pushed, Snapshot, TreeSummary, World, roots};
use crate::{
    code_action, code_lens, completion, definition, diagnostics, folding, formatting, hover, references, rename,
    symbols,
};

/// Files indexed per blocking task (and per progress report) at start-up.
const INDEX_BATCH: usize = 50;

/// How long an edit waits for the versions before it before the queue is applied anyway.
const FLUSH_AFTER: Duration = Duration::from_millis(250);

/// The server: the client handle and the shared world.
#[derive(Clone)]
pub struct Backend {
    pub(crate) client: Client,
    pub(crate) world: Arc<Mutex<World>>,
    /// Where published diagnostics go when the server runs behind [`crate::serve`]'s
    /// transport (else through tower-lsp's client).
    outbox: Option<Outbox>,
}

/// Runs `f`, turning a panic into an internal error.
pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            eprintln!("treelint lsp: internal error in {what}: {msg}");
            Err(Error {
                code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                message: format!("treelint: internal error in {what}: {msg}").into(),
                data: None,
            })
        }
    }
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend::with_wire_order(client, crate::world::WireOrder::default())
    }

    /// A server whose transport records the order of `didChange` versions in `wire`.
    pub fn with_wire_order(client: Client, wire: crate::world::WireOrder) -> Self {
        Backend::with_transport(client, wire, None)
    }

    /// A server that also sends its diagnostics through `outbox` (see [`Outbox`]).
    pub(crate) fn with_transport(client: Client, wire: crate::world::WireOrder, outbox: Option<Outbox>) -> Self {
        let mut world = World::default();
        world.wire = wire;
        Backend { client, world: Arc::new(Mutex::new(world)), outbox }
    }

    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A fresh snapshot of an open document, analysing it first if needed.
    pub(crate) fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        for _ in 0..4 {
            let job = {
                let mut w = self.world();
                if let Some(s) = w.snapshot(uri) {
                    return Some(s);
                }
                w.job(uri)?
            };
            let (uri, analysis) = guard("analysis", || Ok(job.run())).ok()?;
            self.world().store(&uri, analysis);
            self.free_retired();
        }
        None
    }

    /// Frees replaced analyses on the blocking pool, beside the work that follows.
    fn free_retired(&self) {
        let retired = self.world().take_retired();
        if retired.is_empty() {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => drop(rt.spawn_blocking(move || drop(retired))),
            Err(_) => drop(retired),
        }
    }

    /// Runs `f` on a snapshot of `uri`; an unknown document gives the empty result.
    fn with<T: Default>(&self, uri: &Uri, what: &str, f: impl FnOnce(&Snapshot) -> Result<T>) -> Result<T> {
        let Some(snap) = guard(what, || Ok(self.snapshot(uri)))? else { return Ok(T::default()) };
        guard(what, || f(&snap))
    }

    /// Brings a document's analysis up to date on the blocking pool, so a large document
    /// does not hold up the async workers that serve other requests meanwhile.
    ///
    /// One analysis per document at a time: while one runs, later edits only mark the
    /// document stale, and the running one goes round again on the newest text, so fast
    /// typing on a large tree costs one analysis after another, not one per keystroke at
    /// once. Returns false when another call is already doing the work (and will publish).
    async fn analyse(&self, uri: &Uri) -> bool {
        if !self.world().begin_analysis(uri) {
            return false;
        }
        loop {
            let Some(job) = self.world().job(uri) else { break };
            let done = tokio::task::spawn_blocking(move || guard("analysis", || Ok(job.run()))).await;
            let Ok(Ok((uri, analysis))) = done else { break };
            self.world().store(&uri, analysis);
            self.free_retired();
        }
        self.world().end_analysis(uri);
        true
    }

    /// Re-analyses a document and pushes its diagnostics (unless the client pulls them).
    async fn refresh(&self, uri: &Uri) {
        if !self.analyse(uri).await {
            return;
        }
        let Some(snap) = self.snapshot(uri) else { return };
        if self.world().caps.pull_diagnostics {
            self.report_config_errors().await;
            return;
        }
        let Ok(diags) = guard("diagnostics", || Ok(diagnostics::all(&snap))) else { return };
        self.publish(snap.uri.clone(), diags, Some(snap.analysis.version)).await;
        // The analysis may have read a `treelint.toml` for the first time.
        self.report_config_errors().await;
    }

    /// `textDocument/publishDiagnostics`, serialised once, straight to JSON, when the
    /// transport has an outbox.
    async fn publish(&self, uri: Uri, diags: Vec<Diagnostic>, version: Option<i32>) {
        let Some(outbox) = &self.outbox else {
            return self.client.publish_diagnostics(uri, diags, version).await;
        };
        let params = PublishDiagnosticsParams::new(uri, diags, version);
        match guard("diagnostics", || Ok(diagnostics::publish_body(&params))) {
            Ok(Ok(body)) => {
                outbox.send(body).await;
            }
            Ok(Err(e)) => eprintln!("treelint lsp: could not serialise diagnostics: {e}"),
            Err(_) => {}
        }
    }

    /// Re-analyses the open documents that depend on the files at `changed` (they were
    /// saved, closed, created, changed or deleted), and only those.
    async fn refresh_dependents(&self, changed: &[PathBuf]) {
        let marked = self.world().invalidate_dependents(changed);
        self.refresh_marked(&marked).await;
    }

    /// Re-analyses every open document (files around them changed).
    async fn refresh_all(&self) {
        let marked = {
            let mut w = self.world();
            w.invalidate_all();
            w.open_uris()
        };
        self.refresh_marked(&marked).await;
    }

    /// Re-analyses documents marked for it, and asks a pulling client to pull again.
    async fn refresh_marked(&self, uris: &[Uri]) {
        for uri in uris {
            self.refresh(uri).await;
        }
        let caps = self.world().caps;
        if caps.pull_diagnostics && caps.diagnostic_refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Reads and parses a file on disk into the tree index (or drops it if it is no tree).
    /// The index keeps the tree's summary; the parsed document is dropped here.
    fn index_file(&self, path: PathBuf) {
        let tree = self.summarise(&path);
        self.world().set_tree(path, tree);
    }

    /// The index entry of a file on disk: `None` when it is excluded or no tree.
    fn summarise(&self, path: &Path) -> Option<Arc<TreeSummary>> {
        let (fs, ws) = {
            let mut w = self.world();
            (w.fs(), w.workspace_for(path))
        };
        if !roots::Filter::new(&ws.root, &ws.config).wants(path) {
            return None;
        }
        treelint_core::FileSystem::read_to_string(&*fs, path)
            .and_then(|text| guard("indexing", || Ok(Document::parse(text, &ws.config))).ok())
            .filter(Document::is_tree)
            .map(|doc| Arc::new(TreeSummary::of(&doc)))
    }

    /// Indexes every workspace folder, reporting progress when the client shows it.
    async fn index_workspace(&self) {
        let (folders, progress) = {
            let w = self.world();
            (w.folders.clone(), w.caps.work_done_progress)
        };
        let token = NumberOrString::String("treelint/index".into());
        let progress = if progress && self.client.create_work_done_progress(token.clone()).await.is_ok() {
            Some(self.client.progress(token, "treelint: indexing trees").with_percentage(0).begin().await)
        } else {
            None
        };
        let files: Vec<PathBuf> =
            tokio::task::spawn_blocking(move || folders.iter().flat_map(|f| roots::markdown_files(f)).collect())
                .await
                .unwrap_or_default();
        let total = files.len().max(1);
        // Parsing is the work: one batch of files per core at a time, on the blocking pool.
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let mut batches = files.chunks(INDEX_BATCH).map(<[PathBuf]>::to_vec).collect::<Vec<_>>().into_iter();
        let mut running = tokio::task::JoinSet::new();
        let mut done = 0;
        loop {
            while running.len() < workers {
                let Some(batch) = batches.next() else { break };
                let this = self.clone();
                running.spawn_blocking(move || {
                    let n = batch.len();
                    // One update of the index per batch: a request holding the index
                    // meanwhile costs one copy of its map per batch, not one per file.
                    let entries: Vec<_> = batch.into_iter().map(|path| (this.summarise(&path), path)).collect();
                    let mut w = this.world();
                    for (tree, path) in entries {
                        w.set_tree(path, tree);
                    }
                    n
                });
            }
            let Some(finished) = running.join_next().await else { break };
            done += finished.unwrap_or(0);
            if let Some(p) = &progress {
                p.report_with_message(format!("{done}/{total} files"), (done * 100 / total) as u32).await;
            }
        }
        if let Some(p) = progress {
            p.finish_with_message(format!("{total} files indexed")).await;
        }
    }

    /// Watches tree files and configuration, when the client lets the server register.
    async fn watch_files(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: ["**/*.md", "**/*.markdown", &format!("**/{}", roots::CONFIG_FILE)]
                .into_iter()
                .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
                .collect(),
        };
        let registration = Registration {
            id: "treelint-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            eprintln!("treelint lsp: could not register file watchers: {e}");
        }
    }

    /// Tells the user once about each `treelint.toml` that could not be read.
    async fn report_config_errors(&self) {
        let errors = std::mem::take(&mut self.world().config_errors);
        for e in errors {
            self.client.show_message(MessageType::WARNING, format!("treelint: {e} (using the defaults)")).await;
        }
    }

    /// Applies waiting edits of `uri` after [`FLUSH_AFTER`] if they are still waiting.
    fn schedule_flush(&self, uri: Uri) {
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(FLUSH_AFTER).await;
            let flushed = this.world().flush(&uri);
            if flushed {
                this.refresh(&uri).await;
            }
        });
    }
}

fn client_caps(c: &ClientCapabilities) -> ClientCaps {
    let td = c.text_document.as_ref();
    let ws = c.workspace.as_ref();
    ClientCaps {
        pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic_refresh: ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false),
        watch_files: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        work_done_progress: c.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        hierarchical_symbols: td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false),
        disabled_code_actions: td
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.disabled_support)
            .unwrap_or(false),
    }
}

fn capabilities(enc: crate::position::Encoding, caps: ClientCaps) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([" ", "[", ">", "→", ","].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, code_action::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
        diagnostic_provider: caps.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(diagnostics::SOURCE.into()),
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                ..DiagnosticOptions::default()
            })
        }),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = crate::position::Encoding::negotiate(
            params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()),
        );
        let caps = client_caps(&params.capabilities);
        #[allow(deprecated)]
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.uri)
            .chain(params.root_uri)
            .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
            .collect();
        folders.dedup();
        {
            let mut w = self.world();
            w.enc = enc;
            w.caps = caps;
            w.folders = folders;
        }
        Ok(InitializeResult {
            capabilities: capabilities(enc, caps),
            server_info: Some(ServerInfo { name: "treelint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let this = self.clone();
        tokio::spawn(async move {
            if this.world().caps.watch_files {
                this.watch_files().await;
            }
            this.index_workspace().await;
            this.report_config_errors().await;
            this.refresh_all().await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let uri = d.uri.clone();
        let _ = guard("didOpen", || {
            self.world().open(d.uri, d.version, d.text);
            Ok(())
        });
        self.refresh(&uri).await;
        self.report_config_errors().await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let pushed =
            guard("didChange", || Ok(self.world().change(&uri, params.text_document.version, params.content_changes)))
                .ok()
                .flatten();
        match pushed {
            Some(Pushed::Applied) => {
                if self.world().has_pending(&uri) {
                    self.schedule_flush(uri.clone());
                }
                self.refresh(&uri).await;
            }
            Some(Pushed::Queued) => self.schedule_flush(uri),
            Some(Pushed::Stale) | None => {}
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // Other open trees may link to what was just saved.
        let (path, on_disk) = self.world().path_of(&params.text_document.uri);
        if on_disk {
            self.refresh_dependents(&[path]).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let path = self.world().close(&uri);
        if let Some(path) = path.clone() {
            let this = self.clone();
            let _ = tokio::task::spawn_blocking(move || this.index_file(path)).await;
        }
        if !self.world().caps.pull_diagnostics {
            self.publish(uri, Vec::new(), None).await;
        }
        // Trees that link to the closed one now see the file on disk instead of its buffer.
        if let Some(path) = path {
            self.refresh_dependents(&[path]).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let to_path =
            |f: WorkspaceFolder| f.uri.to_file_path().map(|p| treelint_core::workspace::normalize(p.into_owned()));
        let added: Vec<PathBuf> = params.event.added.into_iter().filter_map(to_path).collect();
        let removed: Vec<PathBuf> = params.event.removed.into_iter().filter_map(to_path).collect();
        {
            let mut w = self.world();
            w.folders.retain(|f| !removed.contains(f));
            w.folders.extend(added.iter().cloned());
            w.forget_trees_under(&removed);
        }
        for folder in added {
            let this = self.clone();
            let files = tokio::task::spawn_blocking(move || roots::markdown_files(&folder)).await.unwrap_or_default();
            for path in files {
                let this = this.clone();
                let _ = tokio::task::spawn_blocking(move || this.index_file(path)).await;
            }
        }
        self.refresh_all().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let mut changed = Vec::new();
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| treelint_core::workspace::normalize(p.into_owned()))
            else {
                continue;
            };
            self.world().file_changed(&path);
            changed.push(path.clone());
            if path.file_name().is_some_and(|n| n == roots::CONFIG_FILE) {
                config_changed = true;
            } else if roots::is_markdown(&path) {
                if change.typ == FileChangeType::DELETED {
                    self.world().set_tree(path, None);
                } else {
                    let this = self.clone();
                    let _ = tokio::task::spawn_blocking(move || this.index_file(path)).await;
                }
            }
        }
        if config_changed {
            // Every document may read the configuration: all of them.
            self.world().config_changed();
            self.report_config_errors().await;
            self.refresh_all().await;
        } else {
            self.refresh_dependents(&changed).await;
        }
        self.report_config_errors().await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.with(&p.text_document.uri, "hover", |s| Ok(hover::hover(s, p.position)))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.with(&p.text_document.uri, "definition", |s| Ok(definition::definition(s, p.position)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let decl = params.context.include_declaration;
        self.with(&p.text_document.uri, "references", |s| Ok(references::references(s, p.position, decl)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        self.with(&p.text_document.uri, "completion", |s| Ok(completion::completion(s, p.position)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let hierarchical = self.world().caps.hierarchical_symbols;
        self.with(&params.text_document.uri, "documentSymbol", |s| {
            Ok(Some(match symbols::document_symbols(s) {
                DocumentSymbolResponse::Nested(nested) if !hierarchical => {
                    DocumentSymbolResponse::Flat(symbols::flatten(&s.uri, nested))
                }
                other => other,
            }))
        })
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        // Any snapshot carries the whole index; without an open document, take the index alone.
        let uri = self.world().open_uris().into_iter().next();
        match uri {
            Some(uri) => {
                self.with(&uri, "workspace/symbol", |s| Ok(Some(symbols::workspace_symbols(s, &params.query))))
            }
            None => guard("workspace/symbol", || Ok(Some(self.index_only_symbols(&params.query)))),
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let disabled_support = self.world().caps.disabled_code_actions;
        self.with(&uri, "codeAction", |s| Ok(Some(code_action::code_actions(s, &params, disabled_support))))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.with(&params.text_document.uri, "formatting", |s| formatting::format(s, None))
    }

    async fn range_formatting(&self, params: DocumentRangeFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.with(&params.text_document.uri, "rangeFormatting", |s| formatting::format(s, Some(params.range)))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.with(&params.text_document.uri, "prepareRename", |s| Ok(rename::prepare(s, params.position)))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        self.with(&p.text_document.uri, "rename", |s| rename::rename(s, p.position, &params.new_name))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.with(&params.text_document.uri, "foldingRange", |s| Ok(Some(folding::folding_ranges(s))))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.with(&params.text_document.uri, "codeLens", |s| Ok(Some(code_lens::code_lenses(s))))
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let snap = guard("diagnostic", || Ok(self.snapshot(&params.text_document.uri)))?;
        let Some(snap) = snap else {
            return Ok(full_report(None, Vec::new()));
        };
        let items = guard("diagnostic", || Ok(diagnostics::all(&snap)))?;
        let result_id = diagnostics::result_id(&items);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
                RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
                },
            )));
        }
        Ok(full_report(Some(result_id), items))
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        let this = self.clone();
        let previous: HashMap<Uri, String> = params.previous_result_ids.into_iter().map(|p| (p.uri, p.value)).collect();
        let items = tokio::task::spawn_blocking(move || {
            guard("workspace/diagnostic", || Ok(this.workspace_reports(&previous)))
        })
        .await
        .map_err(|_| Error::internal_error())??;
        Ok(WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items }))
    }
}

fn full_report(result_id: Option<String>, items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
    }))
}

impl Backend {
    /// Workspace symbols when no document is open: the index seen through a stand-in snapshot.
    fn index_only_symbols(&self, query: &str) -> WorkspaceSymbolResponse {
        match self.disk_snapshots(1).into_iter().next() {
            Some(s) => symbols::workspace_symbols(&s, query),
            None => WorkspaceSymbolResponse::Flat(Vec::new()),
        }
    }

    /// Snapshots of up to `limit` indexed trees that are not open, analysed from their text.
    fn disk_snapshots(&self, limit: usize) -> Vec<Snapshot> {
        let (trees, enc, open, fs) = {
            let w = self.world();
            let open: Vec<PathBuf> = w.open_uris().iter().map(|u| w.path_of(u).0).collect();
            (w.trees(), w.enc, open, w.fs())
        };
        let mut paths: Vec<&PathBuf> = trees.keys().filter(|p| !open.contains(p)).collect();
        paths.sort();
        paths
            .into_iter()
            .take(limit)
            .filter_map(|path| {
                let uri = Uri::from_file_path(path)?;
                let workspace = self.world().workspace_for(path);
                // The index keeps no text: the file is read again (as the analysis reads it).
                let text = treelint_core::FileSystem::read_to_string(&*fs, path)?;
                let job = crate::world::Job {
                    uri: uri.clone(),
                    path: path.clone(),
                    version: 0,
                    epoch: 0,
                    text,
                    workspace: workspace.clone(),
                };
                let (_, analysis) = guard("analysis", || Ok(job.run())).ok()?;
                Some(Snapshot {
                    uri,
                    path: path.clone(),
                    enc,
                    analysis: Arc::new(analysis),
                    workspace,
                    trees: trees.clone(),
                    open: Default::default(),
                    open_trees: Default::default(),
                })
            })
            .collect()
    }

    /// Reports for every indexed tree that is not open (open ones are pulled per document):
    /// `unchanged` where the client's previous result still holds.
    fn workspace_reports(&self, previous: &HashMap<Uri, String>) -> Vec<WorkspaceDocumentDiagnosticReport> {
        self.disk_snapshots(usize::MAX)
            .into_iter()
            .map(|s| {
                let items = diagnostics::all(&s);
                let result_id = diagnostics::result_id(&items);
                if previous.get(&s.uri) == Some(&result_id) {
                    return WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
                        uri: s.uri,
                        version: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
                    });
                }
                WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri: s.uri,
                    version: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
                })
            })
            .collect()
    }
}

/// Params of the stand-in request for a message that could not be decoded.
#[derive(Debug, serde::Deserialize)]
pub struct InvalidMessage {
    pub code: i64,
    pub message: String,
}

impl Backend {
    /// Answers a message the transport could not decode with its JSON-RPC error.
    pub async fn invalid_message(&self, params: InvalidMessage) -> Result<()> {
        Err(Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::from(params.code),
            message: params.message.into(),
            data: None,
        })
    }
}

/// An invalid-params error for custom requests.
pub(crate) fn invalid(message: impl Into<String>) -> Error {
    let message = message.into();
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InvalidParams,
        message: message.clone().into(),
        data: Some(json!({ "detail": message })),
    }
}
