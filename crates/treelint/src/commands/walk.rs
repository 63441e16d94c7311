//! `treelint walk`: traverse a tree one question at a time and keep a timestamped record.
//! This file picks the tree and the mode; the modes live in `crate::walk_ui`, the walk
//! itself in `treelint_core::walk`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use treelint_core::walk::{Setup, Walk, WalkError};

use crate::commands::tree_arg::{TreeArgs, listing};
use crate::discover::{ConfigSource, Input, Projects};
use crate::render::sanitize_line;
use crate::walk_ui::{Exec, clock, json, loader, pick, plain, scripted, transcript_file, tui};

#[derive(Debug, Args)]
pub struct WalkArgs {
    /// The tree to walk; without one, pick from the trees of the current folder.
    pub file: Option<PathBuf>,
    /// Answers given up front, comma-separated: 1-based numbers or the start of an
    /// answer's label, case-insensitive (`--answers "NO,30 min,Minimal"`). No prompts.
    #[arg(long, value_name = "LIST")]
    pub answers: Option<String>,
    /// Start at this check instead of the root (`--from "Check 6"`).
    #[arg(long, value_name = "CHECK")]
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
    /// Write the record of the walk (Markdown, UTC timestamps) to FILE.
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WalkFormat {
    /// Readable text.
    Human,
    /// One JSON object: the path taken and the outcome.
    Json,
}

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
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let file = match &args.file {
        Some(f) => f.clone(),
        None if args.answers.is_some() => return usage("--answers needs a tree: treelint walk FILE --answers …"),
        None => match pick_tree() {
            Ok(Some(f)) => f,
            Ok(None) => return 0,
            Err(e) => return usage(e),
        },
    };
    // Only the full screen and the numbered prompts can ask which tree to walk.
    let can_ask = args.answers.is_none() && args.format == WalkFormat::Human;
    let mut walk = match start(&file, args.from.as_deref(), &args.tree, can_ask) {
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

    if let Some(answers) = &args.answers {
        let answers = scripted::parse_answers(answers);
        if let Err(e) = scripted::run(&mut walk, &answers, exec, &mut io::stderr()) {
            return usage(e.0);
        }
        let out = match args.format {
            WalkFormat::Human => scripted::summary(&walk),
            WalkFormat::Json => json::render(&walk),
        };
        print!("{out}");
    } else if scripted_or_plain {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        let result = if args.format == WalkFormat::Json {
            plain::run(&mut walk, &mut input, &mut io::stderr(), exec)
        } else {
            plain::run(&mut walk, &mut input, &mut io::stdout(), exec)
        };
        if let Err(e) = result {
            return usage(format!("cannot read answers: {e}"));
        }
        if args.format == WalkFormat::Json {
            print!("{}", json::render(&walk));
        }
    } else {
        let suggested = suggested_name(&file);
        let mut app = tui::app::App::new(walk, exec != Exec::Off, args.transcript.clone(), suggested);
        if let Err(e) = tui::run(&mut app, args.force) {
            return usage(format!("terminal: {e}"));
        }
        // Leave the path and the outcome in the scrollback, where the full screen was.
        print!("{}", scripted::summary(&app.walk));
        if let Some(path) = &app.saved {
            eprintln!("Transcript written to {}", sanitize_line(&crate::discover::display_path(path)));
        }
        return 0;
    }

    if let Some(path) = &args.transcript {
        if let Err(e) = transcript_file::write(path, &walk.transcript(), args.force) {
            return usage(e);
        }
        eprintln!("Transcript written to {}", sanitize_line(&crate::discover::display_path(path)));
    }
    0
}

/// Loads the tree and starts the walk at its root (the tree `--tree` names, or the one the
/// user picks when the file holds several) or at `from`.
fn start(file: &Path, from: Option<&str>, which: &TreeArgs, can_ask: bool) -> Result<Walk, String> {
    let origin = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let projects = Projects::new(ConfigSource::Discover)?;
    let project = projects.project_of(&Input { path: file.to_path_buf(), origin, explicit: true })?;
    let mut tree = loader::read_tree(file, project.config())?;
    let shown = sanitize_line(&crate::discover::display_path(file));
    if !tree.document.is_tree() {
        return Err(format!("{shown} holds no decision tree"));
    }
    let trees = tree.document.trees();
    let chosen = match which.select(&tree.document, &shown)? {
        Some(t) => Some(t),
        None if from.is_none() && trees.len() > 1 => {
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
        std::sync::Arc::make_mut(&mut tree.document).begin_at(t.root);
    }
    let checks: Vec<String> = tree.document.model.check_order().iter().map(|(id, _)| format!("Check {id}")).collect();
    let setup = Setup {
        loader: Some(Box::new(loader::FsLoader { workspace: project.workspace.clone() })),
        clock: Box::new(clock::UtcClock),
    };
    Walk::with_setup(tree, from, setup).map_err(|e| match e {
        WalkError::UnknownCheck(id) => format!(
            "{shown} has no check {}; its checks: {}",
            sanitize_line(&id),
            if checks.is_empty() { "none".to_string() } else { sanitize_line(&checks.join(", ")) }
        ),
        other => format!("{shown}: {other}"),
    })
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

/// `walk-rollback-or-fix-forward-20261129T050624Z.md`, offered when quitting the full screen.
fn suggested_name(file: &Path) -> String {
    let stem = file.file_stem().map_or_else(|| "tree".into(), |s| s.to_string_lossy().into_owned());
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    format!("walk-{}-{stamp}.md", sanitize_line(&stem))
}
