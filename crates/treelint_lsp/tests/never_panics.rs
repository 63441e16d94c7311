//! Every handler, on mangled trees and at any position, returns a result: no panic (the
//! server catches panics, but a handler that panics is a handler that does not work).

use std::str::FromStr;

use proptest::prelude::*;
use tower_lsp_server::ls_types::{
    CodeActionContext, CodeActionParams, PartialResultParams, Position, Range, TextDocumentIdentifier, Uri,
    WorkDoneProgressParams,
};
use treelint_lsp::world::World;
use treelint_lsp::{
    code_action, code_lens, completion, definition, folding, formatting, hover, references, rename, symbols, walk,
};

fn canonical() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md"))
        .unwrap()
}

/// Pieces an author (or a fuzzer) splices into a tree.
const PIECES: &[&str] = &[
    "├── ",
    "└── ",
    "│   ",
    "[Check ",
    "[Check 3]",
    "]",
    "→ ",
    "go to ",
    "✅ ",
    "⚠️ ",
    "#check-",
    "other.md",
    "\n",
    "```",
    "### Check 9: x\n",
    "## Node Details\n",
    "漢",
    "e\u{301}",
    "😀",
    "\r\n",
    "\r",
    " ",
    "?",
    "(",
    ")",
    "**Related trees:** ",
    ",",
    "<!-- treelint-disable -->",
];

fn mangled() -> impl Strategy<Value = String> {
    let text = canonical();
    prop::collection::vec((0usize..text.len(), 0usize..40, prop::sample::select(PIECES)), 0..8).prop_map(
        move |splices| {
            let mut t = text.clone();
            for (at, cut, piece) in splices {
                let mut at = at.min(t.len());
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + cut).min(t.len());
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                t.replace_range(at..end, piece);
            }
            t
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn handlers_never_panic(text in mangled(), positions in prop::collection::vec((0u32..260, 0u32..120), 6), utf8 in any::<bool>()) {
        let uri = Uri::from_str("file:///never/panics/tree.md").unwrap();
        let mut world = World::default();
        world.enc = if utf8 { treelint_lsp::position::Encoding::Utf8 } else { treelint_lsp::position::Encoding::Utf16 };
        world.open(uri.clone(), 1, text);
        let job = world.job(&uri).unwrap();
        let (_, analysis) = job.run();
        world.store(&uri, analysis);
        let snap = world.snapshot(&uri).unwrap();
        let _ = symbols::document_symbols(&snap);
        let _ = symbols::workspace_symbols(&snap, "check");
        let _ = folding::folding_ranges(&snap);
        let _ = code_lens::code_lenses(&snap);
        let _ = formatting::format(&snap, None);
        let _ = treelint_lsp::diagnostics::all(&snap);
        for &(line, character) in &positions {
            let pos = Position::new(line, character);
            let _ = hover::hover(&snap, pos);
            let _ = definition::definition(&snap, pos);
            let _ = references::references(&snap, pos, true);
            let _ = completion::completion(&snap, pos);
            let _ = rename::prepare(&snap, pos);
            let _ = rename::rename(&snap, pos, "7b");
            let _ = formatting::format(&snap, Some(Range::new(pos, Position::new(line + 3, 0))));
            let params = CodeActionParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                range: Range::new(pos, Position::new(line + 2, character)),
                context: CodeActionContext::default(),
                work_done_progress_params: WorkDoneProgressParams::default(),
                partial_result_params: PartialResultParams::default(),
            };
            let _ = code_action::code_actions(&snap, &params, true);
        }
        for choices in [vec![], vec![0], vec![1, 0], vec![0, 1, 0, 1]] {
            // The first tree, and a tree picked by number or by text (any of which may not exist).
            for tree in [None, Some("2"), Some("?")] {
                let params = walk::WalkParams { uri: uri.clone(), from: None, tree: tree.map(String::from), choices: choices.clone(), started: None, times: Vec::new(), record: None };
                let _ = walk::walk(&snap, &params);
            }
        }
    }
}
