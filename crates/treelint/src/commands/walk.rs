//! `treelint walk`: traverse a tree one question at a time and keep a timestamped record.
//! This file picks the tree and the mode; the modes live in `crate::walk_ui`, the walk
//! itself in `treelint_core::walk`.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, ValueEnum};
use treelint_core::walk::{Recorded, Setup, Tree, Walk, WalkError, read_record};

use crate::commands::tree_arg::{TreeArgs, listing};
use crate::discover::{ConfigArgs, Input, Projects, display_path};
use crate::render::sanitize_line;
use crate::walk_ui::journal::Journal;
use crate::walk_ui::signals::Signals;
use crate::walk_ui::{Exec, Session, clock, json, loader, pick, plain, scripted, transcript_file, tui};

#[derive(Debug, Args)]
pub struct WalkArgs {
    /// The tree to walk (`-`: read it from standard input); without one, pick from the
    /// trees of the current folder.
    pub file: Option<PathBuf>,
    /// Answers given up front, comma-separated: 1-based numbers or the start of an
    /// answer's label, case-insensitive (`--answers "NO,30 min,Minimal"`). No prompts.
    #[arg(long, value_name = "LIST")]
    pub answers: Option<String>,
    /// Start at this check instead of the root (`--from "Check 6"`).
    #[arg(long, value_name = "CHECK", conflicts_with = "resume")]
    pub from: Option<String>,
    #[command(flatten)]
    pub tree: TreeArgs,
    /// What a plain or scripted walk prints at its end.
    #[arg(long, value_enum, default_value_t = WalkFormat::Human)]
    pub format: WalkFormat,
    /// Numbered prompts, one answer per line, instead of the full-screen UI (also chosen
    /// when standard input or output is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Write the record of the walk (Markdown, UTC timestamps) to FILE, step by step as
    /// the walk goes.
    #[arg(long, value_name = "FILE", conflicts_with = "resume")]
    pub transcript: Option<PathBuf>,
    /// Continue the walk a record (`--transcript`) left, where it stopped, and go on
    /// writing that record. The tree is the one the record names, unless FILE is given.
    #[arg(long, value_name = "TRANSCRIPT")]
    pub resume: Option<PathBuf>,
    /// Overwrite the transcript file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Offer to run each check's commands, one at a time, each after an explicit `y`.
    #[arg(long)]
    pub exec: bool,
    /// With --exec: run the commands without asking. The only way anything runs in plain
    /// or scripted mode.
    #[arg(long, requires = "exec")]
    pub yes: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WalkFormat {
    /// Readable text.
    Human,
    /// One JSON object: the path taken and the outcome.
    Json,
}

/// The exit status of a walk cut short by Ctrl-C or a signal (128 + SIGINT, as shells do).
pub const INTERRUPTED: u8 = 130;

/// Bad usage or an unusable input: a message and exit status 2.
fn usage(message: impl std::fmt::Display) -> u8 {
    eprintln!("error: {message}");
    2
}

pub fn run(args: WalkArgs) -> u8 {
    if let Some(t) = &args.transcript {
        if let Err(e) = transcript_file::check_target(t, args.force) {
            return usage(e);
        }
    }
    let from_stdin = args.file.as_deref().is_some_and(|f| f.as_os_str() == "-");
    // With the tree on standard input, answers come from the terminal itself.
    let tty = if from_stdin { std::fs::File::open("/dev/tty").ok() } else { None };
    let interactive = io::stdout().is_terminal() && if from_stdin { tty.is_some() } else { io::stdin().is_terminal() };
    let recorded = match &args.resume {
        Some(path) => match read_resume(path) {
            Ok(r) => Some(r),
            Err(e) => return usage(e),
        },
        None => None,
    };
    let file = match (&args.file, &recorded) {
        (Some(f), _) => f.clone(),
        (None, Some(r)) => PathBuf::from(&r.tree),
        (None, None) if args.answers.is_some() => {
            return usage("--answers needs a tree: treelint walk FILE --answers …");
        }
        (None, None) => match pick_tree() {
            Ok(Some(f)) => f,
            Ok(None) => return 0,
            Err(e) => return usage(e),
        },
    };
    // Only the full screen and the numbered prompts can ask which tree to walk.
    let can_ask = args.answers.is_none() && args.format == WalkFormat::Human;
    let mut walk = match start(&file, args.from.as_deref(), &args.config, recorded.as_ref(), &args.tree, can_ask) {
        Ok(w) => w,
        Err(e) => return usage(e),
    };
    let exec = match (args.exec, args.yes) {
        (true, true) => Exec::Yes,
        (true, false) => Exec::Confirm,
        _ => Exec::Off,
    };
    let scripted_or_plain = args.answers.is_some() || args.plain || !interactive || args.format == WalkFormat::Json;
    if scripted_or_plain && exec == Exec::Confirm {
        eprintln!("note: commands are not run in plain or scripted mode without --exec --yes");
    }
    if from_stdin && scripted_or_plain && args.answers.is_none() && tty.is_none() {
        return usage("the tree comes from standard input and there is no terminal to answer from: use --answers");
    }

    // The record is written from the first step on, so that nothing ends a walk without one.
    let suggested = suggested_name(&file);
    let full_screen = !scripted_or_plain;
    let journal = match (&args.resume, &args.transcript) {
        (Some(path), _) => match Journal::reopen(path, &walk) {
            Ok(j) => Some(j),
            Err(e) => return usage(e),
        },
        (None, Some(path)) => match Journal::create(path, &walk, args.force) {
            Ok(j) => Some(j),
            Err(e) => return usage(e),
        },
        // The full screen keeps one too, and asks on quit whether to keep it.
        (None, None) if full_screen => Journal::create(Path::new(&suggested), &walk, false).ok(),
        (None, None) => None,
    };
    let mut session = Session { journal, signals: Signals::install() };

    let interrupted: Option<String> = if let Some(answers) = &args.answers {
        let answers = scripted::parse_answers(answers);
        if let Err(e) = scripted::run(&mut walk, &answers, exec, &mut io::stderr(), &mut session) {
            // The record keeps what happened before the bad answer.
            if let Some(j) = session.journal.take() {
                walk.end();
                let _ = j.finish(&walk);
            }
            return usage(e.0);
        }
        match session.interrupted() {
            Some(signal) => Some(signal.to_string()),
            None => {
                let out = match args.format {
                    WalkFormat::Human => scripted::summary(&walk),
                    WalkFormat::Json => json::render(&walk),
                };
                print!("{out}");
                None
            }
        }
    } else if scripted_or_plain {
        let mut lines = match tty {
            Some(t) => plain::Lines::spawn(io::BufReader::new(t)),
            None => plain::Lines::spawn(io::BufReader::new(io::stdin())),
        };
        let result = if args.format == WalkFormat::Json {
            plain::run(&mut walk, &mut lines, &mut io::stderr(), exec, &mut session)
        } else {
            plain::run(&mut walk, &mut lines, &mut io::stdout(), exec, &mut session)
        };
        match result {
            Ok(plain::Ended::Interrupted(signal)) => Some(signal),
            Ok(_) => {
                if args.format == WalkFormat::Json {
                    print!("{}", json::render(&walk));
                }
                None
            }
            Err(e) => {
                if let Some(j) = session.journal.take() {
                    walk.interrupted(format!("the input failed: {e}"));
                    let _ = j.finish(&walk);
                }
                return usage(format!("cannot read answers: {e}"));
            }
        }
    } else {
        let record = session.journal.as_ref().map_or(suggested, |j| j.path.display().to_string());
        let mut app =
            tui::app::App::new(walk, exec != Exec::Off, args.transcript.clone().or(args.resume.clone()), record);
        if session.journal.is_none() && args.transcript.is_none() {
            app.flash = Some("The record cannot be written here as the walk goes; q offers to write it.".into());
        }
        let ending = match tui::run(&mut app, &mut session, args.force) {
            Ok(e) => e,
            Err(e) => return usage(format!("terminal: {e}")),
        };
        walk = app.walk;
        match ending {
            tui::Ending::Interrupted(reason) => Some(reason),
            tui::Ending::Quit(saved) => {
                // Leave the path and the outcome in the scrollback, where the full screen was.
                print!("{}", scripted::summary(&walk));
                if let Some(path) = saved {
                    eprintln!("Transcript written to {}", sanitize_line(&display_path(&path)));
                }
                return 0;
            }
        }
    };

    match interrupted {
        Some(reason) => {
            walk.interrupted(reason.clone());
            let kept = session.journal.take().map(|j| j.finish(&walk));
            eprintln!("\nInterrupted ({}) at {}.", sanitize_line(&reason), sanitize_line(&walk.resting_at()));
            match kept {
                Some(Ok(path)) => {
                    let shown = sanitize_line(&display_path(&path));
                    eprintln!("The record is in {shown}; `treelint walk --resume {shown}` continues the walk.");
                }
                Some(Err(e)) => eprintln!("error: {}", sanitize_line(&e)),
                None => {}
            }
            INTERRUPTED
        }
        None => {
            if let Some(j) = session.journal.take() {
                walk.end();
                match j.finish(&walk) {
                    Ok(path) => eprintln!("Transcript written to {}", sanitize_line(&display_path(&path))),
                    Err(e) => return usage(e),
                }
            }
            0
        }
    }
}

/// Reads the record `--resume` names.
fn read_resume(path: &Path) -> Result<Recorded, String> {
    let shown = display_path(path);
    let text = crate::commands::check::read_text(path).map_err(|e| format!("{shown}: {e}"))?;
    read_record(&text).map_err(|e| format!("{shown}: {e}"))
}

/// Loads the tree and starts the walk at its root (the tree `--tree` names, the one a resumed
/// record began in, or the one the user picks when the file holds several) or at `from`, or
/// replays `recorded`.
fn start(
    file: &Path,
    from: Option<&str>,
    config: &ConfigArgs,
    recorded: Option<&Recorded>,
    which: &TreeArgs,
    can_ask: bool,
) -> Result<Walk, String> {
    let projects = Projects::new(config.source())?;
    let stdin = file.as_os_str() == "-";
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let path = if stdin { cwd.join("-") } else { file.to_path_buf() };
    let origin = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let project = projects.project_of(&Input { path, origin, explicit: true })?;
    let mut tree = if stdin {
        let text = read_stdin()?;
        let document = Arc::new(treelint_core::Document::parse(text, project.config()));
        Tree { id: "-".into(), name: "<stdin>".into(), document }
    } else {
        loader::read_tree(file, project.config())?
    };
    let shown = if stdin { "<stdin>".to_string() } else { sanitize_line(&display_path(file)) };
    if !tree.document.is_tree() {
        return Err(format!("{shown} holds no decision tree"));
    }
    let trees = tree.document.trees();
    let setup = || Setup {
        loader: Some(Box::new(loader::FsLoader { workspace: project.workspace.clone() })),
        clock: Box::new(clock::UtcClock),
    };
    let from_check = from.is_some() || recorded.is_some_and(|r| r.from.is_some());
    let chosen = match which.select(&tree.document, &shown)? {
        Some(t) => Some(t),
        // A record names the file, not which of its trees: it began at the root whose question
        // it recorded first, and replays into that tree without a problem.
        None if !from_check && trees.len() > 1 && recorded.is_some() => {
            let replays = |t: &treelint_core::document::TreeInfo| {
                let mut candidate = tree.clone();
                Arc::make_mut(&mut candidate.document).begin_at(t.root);
                recorded.is_some_and(|r| {
                    let began = r.events.iter().find_map(|e| match e {
                        treelint_core::walk::Event::Started { text, .. } => Some(text.as_str()),
                        _ => None,
                    });
                    matches!(Walk::resume(candidate, r, setup()),
                        Ok((w, None)) if began.is_none_or(|b| b == w.start_text()))
                })
            };
            match trees.iter().find(|t| replays(t)) {
                Some(t) => Some(t.clone()),
                None => {
                    let list = listing(&tree.document, &trees);
                    return Err(format!(
                        "{shown} holds {} trees and the record replays into none of them; name one with --tree N|TEXT:{list}",
                        trees.len()
                    ));
                }
            }
        }
        None if !from_check && trees.len() > 1 => {
            let list = listing(&tree.document, &trees);
            if !can_ask {
                return Err(format!("{shown} holds {} trees; name one with --tree N|TEXT:{list}", trees.len()));
            }
            Some(ask_tree(&tree.document, &shown, &list)?)
        }
        None => None,
    };
    if let Some(t) = chosen {
        // The walk begins at the document's first root: hand it the chosen one first.
        Arc::make_mut(&mut tree.document).begin_at(t.root);
    }
    let checks: Vec<String> = tree.document.model.check_order().iter().map(|(id, _)| format!("Check {id}")).collect();
    let setup = setup();
    let unknown = |e: WalkError| match e {
        WalkError::UnknownCheck(id) => format!(
            "{shown} has no check {}; its checks: {}",
            sanitize_line(&id),
            if checks.is_empty() { "none".to_string() } else { sanitize_line(&checks.join(", ")) }
        ),
        other => format!("{shown}: {other}"),
    };
    match recorded {
        None => Walk::with_setup(tree, from, setup).map_err(unknown),
        Some(r) => {
            let (mut walk, problem) = Walk::resume(tree, r, setup).map_err(unknown)?;
            if let Some(p) = &problem {
                eprintln!(
                    "note: the tree changed since the record was written: {}; the walk goes on from {}",
                    sanitize_line(p),
                    sanitize_line(&walk.resting_at())
                );
            }
            walk.resumed(problem);
            Ok(walk)
        }
    }
}

/// The tree from standard input, within the size limit that applies to files.
fn read_stdin() -> Result<String, String> {
    let limit = std::env::var("TREELINT_MAX_FILE_SIZE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(crate::commands::check::DEFAULT_MAX_FILE_SIZE);
    let mut bytes = Vec::new();
    io::stdin()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "<stdin>: larger than the size limit of {limit} bytes (set TREELINT_MAX_FILE_SIZE to raise it)"
        ));
    }
    String::from_utf8(bytes).map_err(|_| "<stdin>: not valid UTF-8".to_string())
}

/// Asks on the terminal which of the file's trees to walk (a number, a root's text or a
/// heading), until the answer names one; end of input is an error.
fn ask_tree(
    doc: &treelint_core::Document,
    shown: &str,
    list: &str,
) -> Result<treelint_core::document::TreeInfo, String> {
    let mut out = io::stdout();
    let _ = writeln!(out, "{shown} holds several trees:{list}");
    let stdin = io::stdin();
    loop {
        let _ = write!(out, "Which tree? ");
        let _ = out.flush();
        let mut line = String::new();
        match io::BufRead::read_line(&mut stdin.lock(), &mut line) {
            Ok(0) | Err(_) => return Err(format!("no tree chosen; name one with --tree N|TEXT:{list}")),
            Ok(_) => {}
        }
        if let Some(t) = doc.select_tree(line.trim()).filter(|_| !line.trim().is_empty()) {
            return Ok(t);
        }
        let _ = writeln!(out, "No single tree matches {:?}; type its number.", sanitize_line(line.trim()));
    }
}

/// `treelint walk` with no file: list the trees here and read a choice.
fn pick_tree() -> Result<Option<PathBuf>, String> {
    let found = pick::trees(Path::new("."), &treelint_core::Config::default());
    if found.is_empty() {
        return Err("no decision tree under the current folder; name a file: treelint walk FILE".into());
    }
    let stdin = io::stdin();
    let mut out = io::stdout();
    let picked = pick::pick(&found, &mut stdin.lock(), &mut out).map_err(|e| e.to_string())?;
    let _ = out.flush();
    Ok(picked)
}

/// `walk-rollback-or-fix-forward-20261129T050624Z.md`: where the full screen keeps its record
/// without `--transcript` (it asks on quit whether to keep it).
fn suggested_name(file: &Path) -> String {
    let stem = file.file_stem().map_or_else(|| "tree".into(), |s| s.to_string_lossy().into_owned());
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    format!("walk-{}-{stamp}.md", sanitize_line(&stem))
}
