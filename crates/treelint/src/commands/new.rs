//! `treelint new FILE --title "…"`: write a new tree with every section in place that
//! passes `check` with no finding (the core's `scaffold` module).
//!
//! Exit status: 0 when the file was written; 2 when it exists (without `--force`) or it
//! cannot be written. Missing folders on its path are created (as `mkdir -p` would), and
//! named. An existing file is never replaced without
//! `--force`, and then atomically.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;
use treelint_core::scaffold::scaffold;

use crate::commands::check::write_atomically;
use crate::discover::display_path;
use crate::render::sanitize_line;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The file to create (a `.md` extension is added when it has none).
    pub file: PathBuf,
    /// The tree's title; its starting question too (a `?` is added when it has none).
    #[arg(long, short = 't')]
    pub title: String,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: NewArgs) -> u8 {
    let mut path = args.file.clone();
    if path.extension().is_none() {
        path.set_extension("md");
    }
    let shown = sanitize_line(&display_path(&path));
    let text = scaffold(&args.title);
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()).map(Path::to_path_buf);
    if let Some(folder) = &folder {
        if let Err(e) = std::fs::create_dir_all(folder) {
            eprintln!("error: {}: cannot create the folder: {}", sanitize_line(&display_path(folder)), e);
            return 2;
        }
    }
    let written = if args.force {
        write_atomically(&path, &text)
    } else {
        // create_new: never replace a file, even one created since we looked.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => "already exists (use --force to replace it)".to_string(),
                _ => e.to_string(),
            })
    };
    match written {
        Ok(()) => {
            if let Some(folder) = &folder {
                eprintln!("created the folder {}", sanitize_line(&display_path(folder)));
            }
            eprintln!(
                "created {shown}: edit the outline under \"The Tree\", then run `treelint fmt` and `treelint check`"
            );
            0
        }
        Err(e) => {
            eprintln!("error: {shown}: {}", sanitize_line(&e));
            2
        }
    }
}
