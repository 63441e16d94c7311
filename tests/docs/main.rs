//! The command examples of `README.md` and the book (`book/src/**/*.md`) run as written, so a
//! changed flag or output cannot leave the docs wrong.
//!
//! trycmd reads every ` ```console ` block: a `$ ` line is a command, the lines after it its
//! expected output (standard output and error together), `? N` an exit status other than 0;
//! in the output, `...` on its own line stands for any lines and `[..]` for any text within
//! a line. `README.md` runs at the repository's root (its examples check `trees/`); the
//! book runs in `tests/fixtures/`, which holds the canonical example and small fixtures made
//! for its pages (`slipped-indent.md`, `config-mistakes/`). Blocks marked `sh` are synopses
//! and are not run.
//!
//! After an intended change of output: `TRYCMD=overwrite cargo test -p treelint --test docs`
//! rewrites the blocks in place (review the diff).

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root")
}

/// How many ` ```console ` blocks a page holds.
fn console_blocks(page: &Path) -> usize {
    let text = std::fs::read_to_string(page).expect("a readable doc page");
    text.lines().filter(|l| l.trim_start().starts_with("```console")).count()
}

fn book_pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("book/src is readable") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            book_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") && console_blocks(&path) > 0 {
            out.push(path);
        }
    }
}

/// Runs the examples of `pages` with `cwd` as the working folder. trycmd runs a page's
/// commands in the test process's folder, so the suite is this one test, which sets it.
fn run(cwd: &Path, pages: &[PathBuf]) {
    std::env::set_current_dir(cwd).expect("the working folder exists");
    let cases = trycmd::TestCases::new();
    cases.register_bin("treelint", Path::new(env!("CARGO_BIN_EXE_treelint")));
    for page in pages {
        cases.case(page);
    }
    cases.run();
}

#[test]
fn readme_and_book_examples_run_as_written() {
    let root = repo();
    let readme = root.join("README.md");
    assert!(console_blocks(&readme) >= 1, "README.md shows `treelint check trees/` as a console example");
    let mut book = Vec::new();
    book_pages(&root.join("book/src"), &mut book);
    book.sort();
    let names: Vec<String> = book.iter().map(|p| p.strip_prefix(&root).unwrap().display().to_string()).collect();
    for page in ["checking.md", "configuration.md", "export.md", "formatting.md", "output-formats.md", "walk.md"] {
        assert!(names.iter().any(|n| n.ends_with(page)), "book/src/{page} has console examples: {names:?}");
    }
    run(&root, &[readme]);
    run(&root.join("tests/fixtures"), &book);
}
