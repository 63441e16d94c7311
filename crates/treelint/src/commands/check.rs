//! `treelint check`: analyse files in parallel, optionally fix them, and report the findings
//! in the chosen format.
//!
//! Exit status: 0 when no finding reaches `--fail-on` (default: error), 1 when one does
//! (with `--diff`: when a file would change), 2 for bad usage, a bad configuration or an
//! unreadable input. `--exit-zero` turns 1 into 0, never 2.
//!
//! Reports stream: the walk numbers what it finds in path order, the files are checked in
//! parallel as they are found, and each report is written as soon as every earlier one is
//! (a reorder buffer of at most [`WINDOW`] reports; the walk waits when it is full), so
//! memory does not grow with the number of files or findings. SARIF, JUnit and
//! `--statistics` need every file first and gather the reports.
//!
//! Invariants: a file is written only with `--fix`/`--unsafe-fixes` and without `--diff`,
//! only when its text changed, atomically (a temporary file in the same folder, then a
//! rename) and byte for byte as the fixer produced it, so line endings survive. The output
//! never says "All checks passed" when a path could not be checked.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use treelint_core::fix::{FixOptions, fix_document};
use treelint_core::{Analysis, Document, Rule, Severity, analyze};

use crate::discover::{self, ConfigArgs, Found, Input, Project, Projects, display_path};
use crate::render::{self, FileReport, Render, sanitize, sanitize_line};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders are walked for Markdown, honouring .gitignore;
    /// `-` reads standard input). The current folder when none is given.
    pub paths: Vec<PathBuf>,
    /// The path standard input stands for (`check -`): it picks the workspace and its
    /// configuration, resolves links, and is the name shown. Alone, it implies `-`.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply safe fixes (drawing repairs, unused suppressions) and report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (stub sections, renumbering); implies --fix.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exits 1 if a file would change.
    #[arg(long)]
    pub diff: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Apply the configured excludes to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 0 even when findings reach --fail-on (2 still reports bad usage or unreadable input).
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with labels and help (the default).
    Human,
    /// One line per finding: `path:line:col: severity [rule] message (url)`.
    Concise,
    /// One JSON object: every finding, a summary, the files that could not be checked.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// SARIF 2.1.0 (GitHub code scanning, security dashboards).
    Sarif,
    /// JUnit XML (CI test reports): one test case per file, failing at --fail-on.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
        }
    }
}

/// What fixing did to one file.
#[derive(Debug, Default)]
struct Fixed {
    /// Fixes applied, by rule.
    rules: BTreeMap<Rule, usize>,
    /// The unified diff, when `--diff` asked for it and the file changed.
    diff: Option<String>,
    /// Notes on fixes left out because the file would not have read back as they declared.
    skipped: Vec<String>,
}

/// The mode of one run.
#[derive(Debug, Clone, Copy)]
struct Mode {
    fix: Option<FixOptions>,
    diff: bool,
    force_exclude: bool,
    render: Render,
}

/// The most reports checked ahead of the first one not yet written. The walk waits while
/// this many are pending, so a slow file holds back at most this many reports in memory.
pub const WINDOW: usize = 512;

/// What the walk hands to the checking pool.
enum Item {
    Found(Found),
    /// Standard input (`-`).
    Stdin,
}

/// What checking one item gave, for the writer.
#[allow(
    clippy::large_enum_variant,
    reason = "nearly every outcome is a report: boxing it would add an allocation per file"
)]
enum Outcome {
    Report(FileReport, Fixed),
    /// A file found in a folder that is not checked (not wanted, or not a tree).
    Skip,
    /// Something to say on standard error, in order (a skipped link or file).
    Note(String),
    /// The configuration of the item's workspace cannot be used.
    ConfigError(String),
}

pub fn run(args: CheckArgs) -> u8 {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        paths.push(if args.stdin_filename.is_some() { PathBuf::from("-") } else { PathBuf::from(".") });
    }
    let reads_stdin = paths.iter().filter(|p| p.as_os_str() == "-").count();
    let usage_error = if reads_stdin > 1 {
        Some("standard input (`-`) can be named only once")
    } else if reads_stdin == 1 && (args.fix || args.unsafe_fixes) && !args.diff {
        Some("--fix cannot write standard input back: use --diff to see the fixes")
    } else if reads_stdin == 0 && args.stdin_filename.is_some() {
        Some("--stdin-filename names standard input: add `-` to the paths")
    } else {
        None
    };
    if let Some(message) = usage_error {
        eprintln!("error: {message}");
        return 2;
    }
    let projects = match Projects::new(args.config.source()) {
        Ok(p) => p,
        Err(e) => {
            for line in e.lines() {
                eprintln!("error: {}", sanitize_line(line));
            }
            return 2;
        }
    };
    let wants_fix = args.fix || args.unsafe_fixes || args.diff;
    // Colours, links and the terminal's width only for a terminal, never into a file.
    let style = match &args.output_file {
        Some(_) => render::human::Style::PLAIN,
        None => render::human::Style::for_stdout(std::io::IsTerminal::is_terminal(&std::io::stdout())),
    };
    let render = if args.diff || args.statistics {
        Render::Keep
    } else {
        match args.format {
            Format::Human => Render::Human(style),
            Format::Json => Render::Json,
            Format::Concise => Render::Concise,
            Format::Github => Render::Github,
            Format::Sarif | Format::Junit => Render::Keep,
        }
    };
    let mode = Mode {
        fix: wants_fix.then_some(FixOptions { unsafe_fixes: args.unsafe_fixes }),
        diff: args.diff,
        force_exclude: args.force_exclude,
        render,
    };
    let stdin = StdinSource { path: args.stdin_filename.clone() };
    let threshold = args.fail_on.threshold();
    let mut writer = Writer::new(&args, threshold);

    let window = Window::default();
    std::thread::scope(|scope| {
        let (found, items) = std::sync::mpsc::channel::<(usize, Item)>();
        let (done, outcomes) = std::sync::mpsc::channel::<(usize, Outcome)>();
        let (paths, window, projects, stdin) = (&paths, &window, &projects, &stdin);
        // The walk, on its own thread: files are checked as it finds them, so the walk of a
        // large library (milliseconds of directory reads) does not come before all the work.
        scope.spawn(move || {
            let mut seq = 0;
            let mut send = |item| {
                window.wait_below(seq + 1);
                // The receiving end is read until the walk ends.
                let _ = found.send((seq, item));
                seq += 1;
            };
            for path in paths {
                if path.as_os_str() == "-" {
                    send(Item::Stdin);
                } else {
                    discover::walk(std::slice::from_ref(path), |_| true, |f| send(Item::Found(f)));
                }
            }
        });
        // The pool: each item checked as it comes, its outcome sent back with its number.
        scope.spawn(move || {
            items.into_iter().par_bridge().for_each_with(done, |done, (seq, item)| {
                let _ = done.send((seq, check_item(item, projects, stdin, mode)));
            });
        });
        // The writer, here: outcomes in order, each written as soon as every earlier one is.
        let mut pending: HashMap<usize, Outcome> = HashMap::new();
        let mut next = 0;
        for (seq, outcome) in outcomes {
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                writer.take(outcome);
                next += 1;
                window.advance_to(next + WINDOW);
            }
        }
        // The pool is done (or failed): a walk still waiting must not wait forever.
        window.advance_to(usize::MAX);
    });
    writer.finish()
}

/// How far ahead of the writer the walk may go: the walk waits until item `seq` is below
/// the limit, which the writer raises as it writes.
struct Window {
    limit: Mutex<usize>,
    raised: Condvar,
}

impl Default for Window {
    fn default() -> Self {
        Window { limit: Mutex::new(WINDOW), raised: Condvar::new() }
    }
}

impl Window {
    fn wait_below(&self, end: usize) {
        let mut limit = self.limit.lock().unwrap_or_else(|e| e.into_inner());
        while *limit < end {
            limit = self.raised.wait(limit).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn advance_to(&self, limit: usize) {
        *self.limit.lock().unwrap_or_else(|e| e.into_inner()) = limit;
        self.raised.notify_all();
    }
}

/// Where standard input's text is said to come from.
struct StdinSource {
    path: Option<PathBuf>,
}

/// Checks one item found by the walk (on the pool).
fn check_item(item: Item, projects: &Projects, stdin: &StdinSource, mode: Mode) -> Outcome {
    let (input, shown, text) = match item {
        Item::Found(Found::Note(path, message)) => return Outcome::Note(format!("{}: {message}", display_path(&path))),
        Item::Found(Found::Error(e)) => {
            return Outcome::Report(FileReport::failed(display_path(&e.path), e.message), Fixed::default());
        }
        Item::Found(Found::Input(input)) => {
            let shown = display_path(&input.path);
            let text = read_source(&input.path);
            (input, shown, text)
        }
        Item::Stdin => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let (path, shown) = match &stdin.path {
                Some(p) => (cwd.join(p), display_path(p)),
                None => (cwd.join("-"), "<stdin>".to_string()),
            };
            let origin = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let text = read_stdin();
            (Input { path, origin, explicit: true }, shown, text)
        }
    };
    match projects.project_of(&input) {
        Ok(project) if project.wants(&input, mode.force_exclude) => check_one(&input, shown, text, &project, mode),
        Ok(_) => Outcome::Skip,
        Err(e) => Outcome::ConfigError(e),
    }
}

fn check_one(input: &Input, shown: String, text: Result<String, Unreadable>, project: &Project, mode: Mode) -> Outcome {
    let (ws, docs_url) = (&project.workspace, &project.config().docs_url);
    let text = match text {
        Ok(t) => t,
        // A file found in a folder that is not UTF-8 and holds no tree (a binary file, a
        // document in another encoding) is not a tree to check: said, not an error. Named
        // on the command line, or holding a tree, it is an error.
        Err(Unreadable::NotUtf8 { bytes, message }) if !input.explicit => {
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            if !Document::parse(lossy, project.config()).is_tree() {
                return Outcome::Note(format!("{shown}: skipped: {message}, and it holds no decision tree"));
            }
            return Outcome::Report(FileReport::failed(shown, message), Fixed::default());
        }
        Err(e) => return Outcome::Report(FileReport::failed(shown, e.message()), Fixed::default()),
    };
    // A bug in one file's analysis must not hide the findings of the others.
    // The text moves into the analysis (fixing compares against it, so it is borrowed there).
    let shown_ref = &shown;
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(move || match mode.fix {
        None => (analyze(&input.path, text, ws), Fixed::default(), None),
        Some(options) => {
            let outcome = fix_document(&input.path, &text, ws, options);
            let mut fixed = Fixed { rules: outcome.fixed.clone(), ..Fixed::default() };
            fixed.skipped = outcome
                .skipped
                .iter()
                .map(|s| {
                    let what = format!("{} ({}) skipped: {}", s.title, s.rule, s.reason);
                    format!("note: {}:{}:{}: {}", sanitize_line(shown_ref), s.line, s.column, sanitize_line(&what))
                })
                .collect();
            let mut write_error = None;
            if outcome.text != text {
                if mode.diff {
                    fixed.diff = Some(unified_diff(shown_ref, &text, &outcome.text));
                } else if let Err(e) = write_atomically(&input.path, &outcome.text) {
                    write_error = Some(e);
                }
            }
            (outcome.analysis, fixed, write_error)
        }
    }));
    match outcome {
        Ok((a, fixed, write_error)) if keep(input, &a, &fixed) => {
            let mut report = FileReport::analysed(shown, a, docs_url, mode.render);
            report.error = write_error;
            Outcome::Report(report, fixed)
        }
        Ok(_) => Outcome::Skip,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Outcome::Report(
                FileReport::failed(
                    shown,
                    format!("internal error while checking this file (please report it): {what}"),
                ),
                Fixed::default(),
            )
        }
    }
}

/// Files found in folders are reported only when they are trees or have findings.
fn keep(input: &Input, a: &Analysis, fixed: &Fixed) -> bool {
    input.explicit || a.document.is_tree() || !a.diagnostics.is_empty() || !fixed.rules.is_empty()
}

/// How the reports are written: as they come, or gathered for a format that needs them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Emit {
    /// Each report's rendered text, in order (human, JSON, concise, GitHub).
    Stream(Format),
    /// Each file's diff, in order (`--diff`).
    Diff,
    /// Gathered, written at the end (SARIF, JUnit, `--statistics`).
    Gather,
}

/// The writing end of a run: takes the outcomes in path order, writes what streams, says
/// on standard error what could not be checked, and keeps the counts the end needs.
struct Writer<'a> {
    emit: Emit,
    format: Format,
    statistics: bool,
    /// `--fix`, `--unsafe-fixes` or `--diff`: what fixing did is said at the end.
    fixing: bool,
    exit_zero: bool,
    threshold: Severity,
    output_file: Option<&'a Path>,
    /// Opened at the first write: a bad configuration met first leaves no half report.
    out: Option<Box<dyn std::io::Write + 'a>>,
    /// Why the output could not be written (the run then exits 2).
    write_error: Option<String>,
    /// Standard output was closed by its reader (`| head`): not an error of ours.
    closed: bool,
    any_entries: bool,
    summary: render::json::Summary,
    /// Paths that could not be checked, with why.
    errors: Vec<(String, String)>,
    config_errors: Vec<String>,
    safe_fixes: usize,
    unsafe_fixes: usize,
    fixed_findings: usize,
    fixed_files: usize,
    any_diff: bool,
    any_at_threshold: bool,
    gathered: Vec<FileReport>,
}

impl<'a> Writer<'a> {
    fn new(args: &'a CheckArgs, threshold: Severity) -> Self {
        let emit = if args.diff {
            Emit::Diff
        } else if args.statistics || matches!(args.format, Format::Sarif | Format::Junit) {
            Emit::Gather
        } else {
            Emit::Stream(args.format)
        };
        Writer {
            emit,
            format: args.format,
            statistics: args.statistics,
            fixing: args.fix || args.unsafe_fixes || args.diff,
            exit_zero: args.exit_zero,
            threshold,
            output_file: args.output_file.as_deref(),
            out: None,
            write_error: None,
            closed: false,
            any_entries: false,
            summary: render::json::Summary::default(),
            errors: Vec::new(),
            config_errors: Vec::new(),
            safe_fixes: 0,
            unsafe_fixes: 0,
            fixed_findings: 0,
            fixed_files: 0,
            any_diff: false,
            any_at_threshold: false,
            gathered: Vec::new(),
        }
    }

    fn take(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Skip => {}
            Outcome::Note(note) => eprintln!("note: {}", sanitize_line(&note)),
            Outcome::ConfigError(e) => {
                if !self.config_errors.contains(&e) {
                    // One line per mistake in the file.
                    for line in e.lines() {
                        eprintln!("error: {}", sanitize_line(line));
                    }
                    self.config_errors.push(e);
                }
            }
            Outcome::Report(report, fixed) => self.report(report, fixed),
        }
    }

    fn report(&mut self, report: FileReport, fixed: Fixed) {
        if let Some(error) = &report.error {
            eprintln!("error: {}: {}", sanitize_line(&report.path), sanitize_line(error));
            self.errors.push((report.path.clone(), error.clone()));
        }
        self.summary.add(&report);
        self.safe_fixes += report.tally.safe_fixes;
        self.unsafe_fixes += report.tally.unsafe_fixes;
        self.any_at_threshold |= report.tally.any_at_least(self.threshold);
        for note in &fixed.skipped {
            eprintln!("{note}");
        }
        let fixes: usize = fixed.rules.values().sum();
        self.fixed_findings += fixes;
        self.fixed_files += usize::from(fixes > 0);
        match self.emit {
            Emit::Diff => {
                if let Some(diff) = &fixed.diff {
                    self.any_diff = true;
                    self.write(diff.as_bytes());
                }
            }
            Emit::Gather => self.gathered.push(report),
            Emit::Stream(Format::Json) => {
                if let Some(entries) = report.rendered.as_deref().filter(|e| !e.is_empty()) {
                    self.start();
                    let first = !self.any_entries;
                    self.any_entries = true;
                    self.with_out(|out| render::json::write_entries(out, entries, first));
                }
            }
            Emit::Stream(format) => {
                let text = match &report.rendered {
                    Some(text) => std::borrow::Cow::Borrowed(text.as_str()),
                    None => std::borrow::Cow::Owned(match format {
                        Format::Concise => render::concise::render(std::slice::from_ref(&report)),
                        Format::Github => render::github::render(std::slice::from_ref(&report)),
                        _ => String::new(),
                    }),
                };
                if !text.is_empty() {
                    self.write(text.as_bytes());
                }
            }
        }
    }

    /// Opens the output (the JSON object's start with it).
    fn start(&mut self) {
        if self.out.is_some() || self.write_error.is_some() {
            return;
        }
        let out: Box<dyn std::io::Write> = match self.output_file {
            Some(path) => match std::fs::File::create(path) {
                Ok(file) => Box::new(std::io::BufWriter::with_capacity(1 << 16, file)),
                Err(e) => {
                    self.write_error = Some(format!("{}: cannot write: {e}", path.display()));
                    return;
                }
            },
            None => Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
        };
        self.out = Some(out);
        if self.emit == Emit::Stream(Format::Json) {
            self.with_out(render::json::write_head);
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        self.start();
        self.with_out(|out| out.write_all(bytes));
    }

    fn with_out(&mut self, write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) {
        if self.closed || self.write_error.is_some() {
            return;
        }
        let Some(out) = self.out.as_mut() else { return };
        if let Err(e) = write(out) {
            match self.output_file {
                Some(path) => self.write_error = Some(format!("{}: cannot write: {e}", path.display())),
                None => self.closed = true,
            }
        }
    }

    /// Writes what comes at the end (a summary, a gathered format), says what fixing did
    /// or could do, and gives the exit status.
    fn finish(mut self) -> u8 {
        if !self.config_errors.is_empty() && self.out.is_none() {
            // A bad configuration stops the run before any report: no half report.
            return 2;
        }
        let unchecked = self.errors.len();
        match self.emit {
            Emit::Diff => self.start(),
            Emit::Gather => {
                let text = if self.statistics {
                    match self.format {
                        Format::Json => render::statistics::render_json(&self.gathered),
                        _ => render::statistics::render_text(&self.gathered),
                    }
                } else {
                    match self.format {
                        Format::Sarif => render::sarif::render(&self.gathered),
                        _ => render::junit::render(&self.gathered, self.threshold),
                    }
                };
                self.write(text.as_bytes());
            }
            Emit::Stream(Format::Json) => {
                self.start();
                let (any, summary, errors) = (self.any_entries, self.summary, std::mem::take(&mut self.errors));
                self.with_out(|out| render::json::write_tail(out, any, &summary, &errors));
            }
            Emit::Stream(Format::Human) => {
                let s = &self.summary;
                let line = render::human::summary(s.files, [s.hint, s.info, s.warning, s.error], unchecked);
                self.write(line.as_bytes());
                self.write(b"\n");
            }
            Emit::Stream(_) => self.start(),
        }
        if let Some(out) = self.out.as_mut() {
            if let Err(e) = out.flush() {
                if let Some(path) = self.output_file {
                    self.write_error.get_or_insert(format!("{}: cannot write: {e}", path.display()));
                }
            }
        }
        if let Some(e) = &self.write_error {
            eprintln!("error: {}", sanitize_line(e));
            return 2;
        }
        if self.fixing {
            let verb = if self.emit == Emit::Diff { "Would fix" } else { "Fixed" };
            eprintln!("{verb} {} finding(s) in {} file(s).", self.fixed_findings, self.fixed_files);
        } else if matches!(self.format, Format::Human | Format::Concise) && !self.statistics {
            hint_fixable(self.safe_fixes, self.unsafe_fixes);
        }
        // The process ends with this command: gathered findings are left for the system to
        // reclaim, not freed one allocation at a time.
        std::mem::forget(std::mem::take(&mut self.gathered));
        if unchecked > 0 || !self.config_errors.is_empty() {
            2
        } else if self.exit_zero {
            0
        } else if self.emit == Emit::Diff {
            u8::from(self.any_diff)
        } else {
            u8::from(self.any_at_threshold)
        }
    }
}

/// `[*] 6 fixable with --fix (5 more with --unsafe-fixes).` on standard error, as ruff does.
fn hint_fixable(safe: usize, unsafe_: usize) {
    match (safe, unsafe_) {
        (0, 0) => {}
        (0, u) => eprintln!("[*] {u} fixable with --unsafe-fixes."),
        (s, 0) => eprintln!("[*] {s} fixable with --fix."),
        (s, u) => eprintln!("[*] {s} fixable with --fix ({u} more with --unsafe-fixes)."),
    }
}

/// Why a file's text could not be had.
pub enum Unreadable {
    /// Read, but not UTF-8: the bytes (a file found in a folder may still be skipped) and
    /// where it goes wrong.
    NotUtf8 {
        bytes: Vec<u8>,
        message: String,
    },
    Other(String),
}

impl Unreadable {
    pub fn message(self) -> String {
        match self {
            Unreadable::NotUtf8 { message, .. } | Unreadable::Other(message) => message,
        }
    }
}

/// Standard input's text, within the size limit.
fn read_stdin() -> Result<String, Unreadable> {
    use std::io::Read as _;
    let limit = size_limit();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Unreadable::Other(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Unreadable::Other(too_large(limit)));
    }
    decode(bytes)
}

pub fn read_text(path: &Path) -> Result<String, String> {
    read_source(path).map_err(Unreadable::message)
}

/// A file's text: read within the size limit and validated as UTF-8.
pub fn read_source(path: &Path) -> Result<String, Unreadable> {
    decode(read_limited(path).map_err(Unreadable::Other)?)
}

fn decode(bytes: Vec<u8>) -> Result<String, Unreadable> {
    // Every byte of every file is validated: simdutf8 does it several times faster than the
    // standard library on box-drawing text (whose check was 3–4 % of the samples of `perf
    // record` on `check` over 10,000 generated trees), and copying
    // the valid text costs far less than the difference. The standard library's error says
    // where an invalid text goes wrong.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(text.to_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let message = format!("not valid UTF-8 (line {line}, column {column})");
        Unreadable::NotUtf8 { bytes: e.into_bytes(), message }
    })
}

/// Files larger than this are not read: a clear error for that file (exit 2, the others
/// still reported) instead of seconds of work and hundreds of megabytes on something that is
/// not a decision tree (a log, a dump). `TREELINT_MAX_FILE_SIZE` (bytes) overrides it.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

/// The size limit: `TREELINT_MAX_FILE_SIZE`, else [`DEFAULT_MAX_FILE_SIZE`].
fn size_limit() -> u64 {
    std::env::var("TREELINT_MAX_FILE_SIZE").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(DEFAULT_MAX_FILE_SIZE)
}

fn too_large(limit: u64) -> String {
    format!("larger than the size limit of {limit} bytes; not checked (set TREELINT_MAX_FILE_SIZE to raise it)")
}

/// Reads at most the size limit plus one byte (files may grow after a `stat`, so the limit
/// is enforced on what is read, not on metadata).
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let limit = size_limit();
    let too_large = || too_large(limit);
    let fail = |e: std::io::Error| format!("cannot read: {e}");
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let mut bytes = Vec::new();
    if let Some(meta) = file.metadata().ok().filter(std::fs::Metadata::is_file) {
        if meta.len() > limit {
            return Err(too_large());
        }
        // A regular file says its size: it is read whole in one call where `read_to_end`
        // alone would read 8 KB at a time. It may have shrunk since; it may also have grown,
        // which the limited read below takes in.
        bytes.resize(usize::try_from(meta.len()).unwrap_or(0), 0);
        let mut filled = 0;
        while filled < bytes.len() {
            match file.read(&mut bytes[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(fail(e)),
            }
        }
        bytes.truncate(filled);
    }
    // The rest, if any (all of it for a pipe or a device, which may never end): no more
    // than the limit allows.
    let room = (limit.saturating_add(1)).saturating_sub(bytes.len() as u64);
    file.take(room).read_to_end(&mut bytes).map_err(fail)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A unified diff of one file, with `a/` and `b/` headers as git prints them.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let shown = sanitize_line(path.trim_start_matches("./"));
    let text = diff.unified_diff().context_radius(3).header(&format!("a/{shown}"), &format!("b/{shown}")).to_string();
    sanitize(&text).into_owned()
}

/// Replaces `path` with `text` through a temporary file in the same folder and a rename,
/// so a reader never sees half a file; the file keeps its permissions, and a new file gets
/// those any program's new file gets (0666 less the umask, usually 0644), not the
/// temporary file's private 0600.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("cannot write the file: {e}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(".treelint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The system applies the umask to the mode a file is created with.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
