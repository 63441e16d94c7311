//! `treelint export FILE --format mermaid|dot|json`: the tree as a diagram or as data (the
//! core's `export` module), to standard output or `--output FILE`.
//!
//! Exit status: 0 when the export was written; 2 for bad usage, a bad configuration, an
//! unreadable input or an unwritable output. A file that holds no tree still exports (an
//! empty graph) with a warning.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use treelint_core::export::{self, SCHEMA};
use treelint_core::{Config, Document};

use crate::commands::check::{read_text, write_atomically};
use crate::commands::tree_arg::TreeArgs;
use crate::discover::{ConfigArgs, Input, Projects, display_path};
use crate::render::sanitize_line;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The tree file to export (`-` reads standard input).
    #[arg(required_unless_present = "schema")]
    pub file: Option<PathBuf>,
    /// What to write.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Mermaid)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the JSON Schema of `--format json` instead of exporting.
    #[arg(long)]
    pub schema: bool,
    #[command(flatten)]
    pub tree: TreeArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Mermaid `flowchart TD` (renders on GitHub, GitLab, in many Markdown viewers).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// The whole model, versioned (`--schema` prints its JSON Schema).
    Json,
}

pub fn run(args: ExportArgs) -> u8 {
    let text = if args.schema {
        SCHEMA.to_string()
    } else {
        let Some(file) = &args.file else { return 2 };
        let (doc, shown) = match load(file, &args.config) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: {}", sanitize_line(&e));
                return 2;
            }
        };
        if !doc.is_tree() {
            eprintln!("warning: {}: holds no tree block; the export is empty", sanitize_line(&shown));
        }
        let format = match args.format {
            Format::Mermaid => export::Format::Mermaid,
            Format::Dot => export::Format::Dot,
            Format::Json => export::Format::Json,
        };
        // Without --tree, a file with several trees is drawn whole, each tree a group of
        // its own: what a reader of the file sees, none left out.
        match args.tree.select(&doc, &shown) {
            Ok(Some(t)) => export::export_tree(&doc, t.root, format),
            Ok(None) => export::export(&doc, format),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    };
    write_output(args.output.as_deref(), &text)
}

/// Reads and parses a tree file (or standard input for `-`) with the configuration that
/// applies to it; the error names the file. Shared by `export` and `paths`.
pub fn load(file: &Path, config: &ConfigArgs) -> Result<(Document, String), String> {
    let projects = Projects::new(config.source())?;
    let stdin = file.as_os_str() == "-";
    let (path, shown) = if stdin {
        (std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")).join("-"), "<stdin>".to_string())
    } else {
        (file.to_path_buf(), display_path(file))
    };
    let text = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        String::from_utf8(bytes).map_err(|_| "standard input is not valid UTF-8".to_string())?
    } else {
        if !file.is_file() {
            return Err(format!("{shown}: no such file"));
        }
        read_text(file).map_err(|e| format!("{shown}: {e}"))?
    };
    let origin = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let config: Config = projects.project_of(&Input { path, origin, explicit: true })?.config().clone();
    Ok((Document::parse(text, &config), shown))
}

/// Writes `text` to `output` (atomically) or to standard output; the exit status.
pub fn write_output(output: Option<&std::path::Path>, text: &str) -> u8 {
    let result = match output {
        Some(path) => write_atomically(path, text).map_err(|e| format!("{}: {e}", display_path(path))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write standard output: {e}"))
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {}", sanitize_line(&e));
            2
        }
    }
}
