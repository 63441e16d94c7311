//! `cargo bench -p treelint_bench`: each stage of the core on the canonical example and on
//! generated trees (seed-sized, 500 and 5,000 checks).
//!
//! - `markdown_floor`: the bare pulldown-cmark pass (what `md-floor` does per file);
//! - `parse`: `Document::parse` (Markdown, line index, tree blocks, sections, model,
//!   terminal resolution);
//! - `model`: building the graph alone, from an already parsed Markdown layer;
//! - `check`: `analyze`, i.e. parse + links + every rule + suppressions (the rules' own cost
//!   is `check` minus `parse`);
//! - `fmt`: `format_document`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use treelint_bench::corpus::{self, Params};
use treelint_core::format::format_document;
use treelint_core::line_index::LineIndex;
use treelint_core::markdown::Markdown;
use treelint_core::syntax::blocks::find_tree_blocks;
use treelint_core::workspace::NoFiles;
use treelint_core::{Config, Document, Workspace, analyze};

fn main() {
    divan::main();
}

#[derive(Debug, Clone, Copy)]
enum Input {
    /// `tests/fixtures/rollback-or-fix-forward.md` (10 checks, 10 KB).
    Canonical,
    /// A generated tree of the default size (about 10 checks, 12 KB).
    Seed,
    Checks500,
    Checks5000,
}

impl std::fmt::Display for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Input::Canonical => "canonical",
            Input::Seed => "generated-seed",
            Input::Checks500 => "generated-500-checks",
            Input::Checks5000 => "generated-5000-checks",
        })
    }
}

const INPUTS: [Input; 4] = [Input::Canonical, Input::Seed, Input::Checks500, Input::Checks5000];

fn text(input: Input) -> &'static str {
    static TEXTS: OnceLock<[String; 4]> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        let canonical = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rollback-or-fix-forward.md");
        let large =
            |checks: usize| corpus::tree(&Params { checks, depth: 14, size: 0, ..Params::default() }, 1, 0, 1).text;
        [
            std::fs::read_to_string(&canonical).unwrap_or_else(|e| panic!("{}: {e}", canonical.display())),
            corpus::tree(&Params::default(), 1, 0, 1).text,
            large(500),
            large(5_000),
        ]
    });
    &texts[input as usize]
}

fn workspace() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| Workspace::new(PathBuf::from("/bench"), Config::default(), Arc::new(NoFiles)))
}

#[divan::bench(args = INPUTS)]
fn markdown_floor(b: Bencher, input: Input) {
    let t = text(input);
    b.counter(BytesCount::new(t.len())).bench(|| treelint_bench::floor::parse(black_box(t)));
}

#[divan::bench(args = INPUTS)]
fn parse(b: Bencher, input: Input) {
    let t = text(input);
    let config = &workspace().config;
    b.counter(BytesCount::new(t.len())).bench(|| Document::parse(black_box(t), config));
}

#[divan::bench(args = INPUTS)]
fn model(b: Bencher, input: Input) {
    let t = text(input);
    let config = &workspace().config;
    let md = Markdown::parse(t);
    let lines = LineIndex::new(t);
    // The generated corpus is made of tree documents.
    let kind = treelint_core::document::DocumentKind::TreeDocument;
    let blocks = find_tree_blocks(t, &md, &lines, config, kind);
    b.counter(BytesCount::new(t.len())).bench(|| treelint_core::model::build(black_box(t), &md, &blocks, config, kind));
}

#[divan::bench(args = INPUTS)]
fn check(b: Bencher, input: Input) {
    let t = text(input);
    let ws = workspace();
    b.counter(BytesCount::new(t.len())).bench(|| analyze(Path::new("/bench/tree.md"), black_box(t), ws));
}

#[divan::bench(args = INPUTS)]
fn fmt(b: Bencher, input: Input) {
    let t = text(input);
    let config = &workspace().config;
    b.counter(BytesCount::new(t.len())).bench(|| format_document(black_box(t), config));
}
