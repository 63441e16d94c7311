//! `treelint check`: analyse files in parallel, optionally fix them, and report the findings
//! in the chosen format.
//!
//! Exit status: 0 when no finding reaches `--fail-on` (default: error), 1 when one does
//! (with `--diff`: when a file would change), 2 for bad usage, a bad configuration or an
//! unreadable input. `--exit-zero` turns 1 into 0, never 2.
//!
//! Invariants: a file is written only with `--fix`/`--unsafe-fixes` and without `--diff`,
//! only when its text changed, atomically (a temporary file in the same folder, then a
//! rename) and byte for byte as the fixer produced it, so line endings survive.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use treelint_core::fix::{FixOptions, fix_document};
use treelint_core::{Analysis, Rule, Severity, Workspace, analyze};

use crate::discover::{self, ConfigArgs, Input, Projects, display_path};
use crate::render::{self, FileReport, sanitize, sanitize_line};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders are walked for Markdown, honouring .gitignore).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
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
    /// One JSON object: a summary and every finding.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// SARIF 2.1.0 (GitHub code scanning, security dashboards).
    Sarif,
    /// JUnit XML (CI test reports).
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
    /// Why the fixed text could not be written.
    write_error: Option<String>,
    /// Notes on fixes left out because the file would not have read back as they declared.
    skipped: Vec<String>,
}

/// The mode of one run.
#[derive(Debug, Clone, Copy)]
struct Mode {
    fix: Option<FixOptions>,
    diff: bool,
    force_exclude: bool,
    /// Render findings for a terminal in the parallel job (`Some(color)`): the human format.
    human: Option<bool>,
}

pub fn run(args: CheckArgs) -> u8 {
    let projects = match Projects::new(args.config.source()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}", sanitize_line(&e));
            return 2;
        }
    };
    let wants_fix = args.fix || args.unsafe_fixes || args.diff;
    // Colours and links only for a terminal, never into a file.
    let color = args.output_file.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let renders_human = args.format == Format::Human && !args.diff && !args.statistics;
    let mode = Mode {
        fix: wants_fix.then_some(FixOptions { unsafe_fixes: args.unsafe_fixes }),
        diff: args.diff,
        force_exclude: args.force_exclude,
        human: renders_human.then_some(color),
    };
    // Files are checked as the walk finds them, on the other threads: the walk of a large
    // library (milliseconds of directory reads) no longer comes before all the work.
    let (mut results, config_errors, path_errors) = std::thread::scope(|scope| {
        let (found, inputs) = std::sync::mpsc::channel();
        let paths = &args.paths;
        let walk = scope.spawn(move || {
            discover::each_input(
                paths,
                |_| true,
                |input| {
                    // The receiving end is read until the walk ends.
                    let _ = found.send(input);
                },
            )
        });
        let (results, config_errors) = check_with(inputs.into_iter().par_bridge(), &projects, mode);
        let path_errors = walk.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (results, config_errors, path_errors)
    });
    if !config_errors.is_empty() {
        for e in &config_errors {
            eprintln!("error: {}", sanitize_line(e));
        }
        return 2;
    }
    results.extend(
        path_errors.into_iter().map(|e| (FileReport::failed(display_path(&e.path), e.message), Fixed::default())),
    );
    results.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    for (report, fixed) in &mut results {
        if let Some(e) = fixed.write_error.take() {
            report.error = Some(e);
        }
    }
    let (reports, fixed): (Vec<FileReport>, Vec<Fixed>) = results.into_iter().unzip();
    for report in &reports {
        if let Some(error) = &report.error {
            eprintln!("error: {}: {}", sanitize_line(&report.path), sanitize_line(error));
        }
    }

    let written = if args.diff {
        emit(&fixed.iter().filter_map(|f| f.diff.as_deref()).collect::<String>(), args.output_file.as_deref())
    } else if args.statistics {
        emit(
            &match args.format {
                Format::Json => render::statistics::render_json(&reports),
                _ => render::statistics::render_text(&reports),
            },
            args.output_file.as_deref(),
        )
    } else {
        emit_with(args.output_file.as_deref(), |out| write_format(args.format, &reports, out))
    };
    if let Err(e) = written {
        eprintln!("error: {}", sanitize_line(&e));
        return 2;
    }
    if wants_fix {
        summarize_fixes(&fixed, args.diff);
    } else if matches!(args.format, Format::Human | Format::Concise) {
        hint_fixable(&reports);
    }

    let status = if reports.iter().any(|r| r.error.is_some()) {
        2
    } else if args.exit_zero {
        0
    } else if args.diff {
        u8::from(fixed.iter().any(|f| f.diff.is_some()))
    } else {
        exit_status_at(&reports, args.fail_on.threshold())
    };
    // The process ends with this command: the findings of every file are left for the
    // system to reclaim, not freed one allocation at a time on one thread after the
    // parallel work (some 15 ms for 10,000 trees, timed once around the drop).
    std::mem::forget(reports);
    status
}

/// Writes the reports in one of the output formats. The human report (rendered per file
/// in the parallel job) and the JSON one, the large ones, go out piece by piece; the others
/// are built as a string first.
pub fn write_format(format: Format, reports: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let text = match format {
        Format::Human => return render::human::write(reports, out),
        Format::Json => return render::json::write(reports, out),
        Format::Concise => render::concise::render(reports),
        Format::Github => render::github::render(reports),
        Format::Sarif => render::sarif::render(reports),
        Format::Junit => render::junit::render(reports),
    };
    out.write_all(text.as_bytes())
}

fn emit(out: &str, file: Option<&Path>) -> Result<(), String> {
    emit_with(file, |w| w.write_all(out.as_bytes()))
}

/// Runs `write` on the output file or on standard output, buffered.
fn emit_with(
    file: Option<&Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), String> {
    match file {
        Some(path) => {
            let fail = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
            let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(fail)?);
            write(&mut out).and_then(|_| out.flush()).map_err(fail)
        }
        None => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error of ours.
            let _ = write(&mut stdout).and_then(|_| stdout.flush());
            Ok(())
        }
    }
}

/// `[*] 6 fixable with --fix (5 more with --unsafe-fixes).` on standard error, as ruff does.
fn hint_fixable(reports: &[FileReport]) {
    let safe = reports.iter().map(|r| r.tally.safe_fixes).sum::<usize>();
    let unsafe_ = reports.iter().map(|r| r.tally.unsafe_fixes).sum::<usize>();
    match (safe, unsafe_) {
        (0, 0) => {}
        (0, u) => eprintln!("[*] {u} fixable with --unsafe-fixes."),
        (s, 0) => eprintln!("[*] {s} fixable with --fix."),
        (s, u) => eprintln!("[*] {s} fixable with --fix ({u} more with --unsafe-fixes)."),
    }
}

/// `Fixed 6 finding(s) in 1 file(s).` on standard error, so standard output stays parseable.
fn summarize_fixes(fixed: &[Fixed], diff: bool) {
    for note in fixed.iter().flat_map(|f| &f.skipped) {
        eprintln!("{note}");
    }
    let total: usize = fixed.iter().flat_map(|f| f.rules.values()).sum();
    let files = fixed.iter().filter(|f| !f.rules.is_empty()).count();
    let verb = if diff { "Would fix" } else { "Fixed" };
    eprintln!("{verb} {total} finding(s) in {files} file(s).");
}

/// Checks (and fixes) every wanted input; returns the reports (in no particular order) and
/// the configuration errors (sorted).
fn check_with(
    inputs: impl ParallelIterator<Item = Input>,
    projects: &Projects,
    mode: Mode,
) -> (Vec<(FileReport, Fixed)>, Vec<String>) {
    // Each file's workspace is found in the parallel job too: for ten thousand files that
    // is milliseconds of matching and hashing that would otherwise run on one thread.
    let outcomes: Vec<Result<Option<(FileReport, Fixed)>, String>> = inputs
        .map(|input| match projects.project_of(&input) {
            Ok(project) if project.wants(&input, mode.force_exclude) => {
                Ok(check_one(&input, &project.workspace, &project.config().docs_url, mode))
            }
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        })
        .collect();
    let mut results = Vec::with_capacity(outcomes.len());
    let mut config_errors: Vec<String> = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(result) => results.extend(result),
            Err(e) if !config_errors.contains(&e) => config_errors.push(e),
            Err(_) => {}
        }
    }
    config_errors.sort();
    (results, config_errors)
}

fn check_one(input: &Input, ws: &Workspace, docs_url: &str, mode: Mode) -> Option<(FileReport, Fixed)> {
    let shown = display_path(&input.path);
    let text = match read_text(&input.path) {
        Ok(t) => t,
        Err(e) => return Some((FileReport::failed(shown, e), Fixed::default())),
    };
    // A bug in one file's analysis must not hide the findings of the others.
    // The text moves into the analysis (fixing compares against it, so it is borrowed there).
    let shown_ref = &shown;
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(move || match mode.fix {
        None => (analyze(&input.path, text, ws), Fixed::default()),
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
            if outcome.text != text {
                if mode.diff {
                    fixed.diff = Some(unified_diff(shown_ref, &text, &outcome.text));
                } else if let Err(e) = write_atomically(&input.path, &outcome.text) {
                    fixed.write_error = Some(e);
                }
            }
            (outcome.analysis, fixed)
        }
    }));
    match outcome {
        Ok((a, fixed)) if keep(input, &a, &fixed) => {
            Some((FileReport::analysed(shown, a, docs_url, mode.human), fixed))
        }
        Ok(_) => None,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Some((
                FileReport::failed(
                    shown,
                    format!("internal error while checking this file (please report it): {what}"),
                ),
                Fixed::default(),
            ))
        }
    }
}

/// Files found in folders are reported only when they are trees or have findings.
fn keep(input: &Input, a: &Analysis, fixed: &Fixed) -> bool {
    input.explicit || a.document.is_tree() || !a.diagnostics.is_empty() || !fixed.rules.is_empty()
}

pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_limited(path)?;
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
        format!("not valid UTF-8 (line {line}, column {column})")
    })
}

/// Files larger than this are not read: a clear error for that file (exit 2, the others
/// still reported) instead of seconds of work and hundreds of megabytes on something that is
/// not a decision tree (a log, a dump). `TREELINT_MAX_FILE_SIZE` (bytes) overrides it.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

/// Reads at most the size limit plus one byte (files may grow after a `stat`, so the limit
/// is enforced on what is read, not on metadata).
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let limit = std::env::var("TREELINT_MAX_FILE_SIZE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let too_large =
        || format!("larger than the size limit of {limit} bytes; not checked (set TREELINT_MAX_FILE_SIZE to raise it)");
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
/// so a reader never sees half a file; the file keeps its permissions.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("cannot write the fixed file: {e}");
    let mut tmp = tempfile::Builder::new().prefix(".treelint-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// 2 when a file could not be read, else 1 when a finding is at `threshold` or above.
pub fn exit_status_at(reports: &[FileReport], threshold: Severity) -> u8 {
    if reports.iter().any(|r| r.error.is_some()) {
        2
    } else if reports.iter().any(|r| r.tally.any_at_least(threshold)) {
        1
    } else {
        0
    }
}
