//! `treelint config`: the JSON Schema of `treelint.toml` (`--schema`, for editors), or which
//! configuration file applies to a path and what it sets.

use std::path::PathBuf;

use clap::Args;
use treelint_core::Rule;
use treelint_core::config::SCHEMA;

use crate::discover::{ConfigSource, Input, Projects, display_path};
use crate::render::sanitize_line;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the JSON Schema of treelint.toml.
    #[arg(long)]
    pub schema: bool,
    /// The file or folder whose configuration to show.
    #[arg(default_value = ".")]
    pub path: PathBuf,
}

pub fn run(args: ConfigArgs) -> u8 {
    if args.schema {
        print!("{SCHEMA}");
        return 0;
    }
    let projects = match Projects::new(ConfigSource::Discover) {
        Ok(p) => p,
        Err(e) => {
            for line in e.lines() {
                eprintln!("error: {}", sanitize_line(line));
            }
            return 2;
        }
    };
    // A folder stands for a file in it: its workspace is the folder's.
    let probe = if args.path.is_dir() { args.path.join("_.md") } else { args.path.clone() };
    let origin =
        if args.path.is_dir() { args.path.clone() } else { args.path.parent().map(PathBuf::from).unwrap_or_default() };
    let input = Input { path: probe, origin, explicit: true };
    let project = match projects.project_of(&input) {
        Ok(p) => p,
        Err(e) => {
            for line in e.lines() {
                eprintln!("error: {}", sanitize_line(line));
            }
            return 2;
        }
    };
    let config = project.config();
    println!("workspace root: {}", sanitize_line(&display_path(&project.root)));
    match &project.config_file {
        Some(f) => println!("configuration: {}", sanitize_line(&display_path(f))),
        None => println!("configuration: none (built-in defaults)"),
    }
    println!("docs-url: {}", config.docs_url);
    println!("include: {:?}", config.include);
    println!("exclude: {:?}", config.exclude);
    println!("runbook-dirs: {:?}", config.runbook_dirs);
    let s = &config.sections;
    println!(
        "sections: tree = {:?}, details = {:?}, actions = {:?}, edge-cases = {:?}, cross-references = {:?}",
        s.tree, s.details, s.actions, s.edge_cases, s.cross_references
    );
    let markers: Vec<String> = config.markers.iter().map(|m| format!("{} = {:?}", m.symbol, m.kind)).collect();
    println!("markers: {}", markers.join(", "));
    println!("rules:");
    for &rule in Rule::ALL {
        let level = config.severity(rule).map_or("off", |s| s.as_str());
        let note = if config.severities.contains_key(&rule) { " (configured)" } else { "" };
        println!("  {:<22} {level}{note}", rule.name());
    }
    0
}
