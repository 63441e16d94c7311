//! Any bytes, read as a document, through the whole core: parse → rules (with links to a
//! small fake workspace) → fixes to a fixed point (unsafe ones too) → fmt → export in every
//! format. The invariants checked are those of the core's `prop_never_panics` suite: no
//! panic, valid spans, idempotent formatting.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use treelint_core::export::{Format, export};
use treelint_core::fix::{FixOptions, fix_document};
use treelint_core::format::format_document;
use treelint_core::{Config, Document, FileSystem, Workspace, analyze};

/// `other.md` exists (with Check 1); nothing else does.
struct OneFile;

impl FileSystem for OneFile {
    fn is_file(&self, path: &Path) -> bool {
        path.ends_with("other.md")
    }
    fn read_to_string(&self, path: &Path) -> Option<String> {
        self.is_file(path)
            .then(|| "```tree\nO?\n└── [Check 1] A?\n    ├── Y → ✅ A\n    └── N → ✅ B\n```\n".to_string())
    }
}

fn workspace() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| Workspace::new(PathBuf::from("/ws"), Config::default(), Arc::new(OneFile)))
}

fuzz_target!(|data: &[u8]| {
    // The CLI refuses invalid UTF-8 before the core sees it; lossy decoding keeps the rest
    // of the input useful.
    let text = String::from_utf8_lossy(data);
    let ws = workspace();
    let path = Path::new("/ws/tree.md");

    let analysis = analyze(path, text.as_ref(), ws);
    let t = &analysis.document.text;
    for d in &analysis.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= t.len(), "{d:?}");
        assert!(t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end), "{d:?}");
        let _ = analysis.document.lines.line_col(t, d.span.end);
    }

    let fixed = fix_document(path, &text, ws, FixOptions { unsafe_fixes: true });

    let formatted = format_document(&fixed.text, &ws.config);
    let again = format_document(&formatted.text, &ws.config);
    assert_eq!(again.text, formatted.text, "formatting is idempotent");

    let doc = Document::parse(formatted.text, &ws.config);
    for format in [Format::Mermaid, Format::Dot, Format::Json] {
        let _ = export(&doc, format);
    }
});
