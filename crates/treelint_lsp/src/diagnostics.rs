//! Core findings → LSP diagnostics (FORMAT.md §5): `source: "treelint"`, `code` = the rule
//! name, `codeDescription` = the rule's documentation page, related places, and the
//! "unnecessary" tag for content nothing uses (editors fade it out).

use std::str::FromStr;

use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};
use treelint_core::{Config, Rule, Severity};

use crate::position::Positions;
use crate::world::Snapshot;

/// What every diagnostic's `source` says.
pub const SOURCE: &str = "treelint";

/// Where a rule's documentation lives: the workspace's `docs-url` (by default
/// `https://treelint.dev/rules/`) followed by the rule's name.
pub fn rule_doc_url(rule: Rule, config: &Config) -> String {
    rule.url(&config.docs_url)
}

/// The LSP severity of a core severity.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Rules whose findings mark content that does nothing.
fn unnecessary(rule: Rule) -> bool {
    matches!(rule, Rule::UnusedAction | Rule::OrphanDetails | Rule::UnusedSuppression)
}

/// The link to a rule's documentation, if it is a valid URI.
fn code_description(rule: Rule, config: &Config) -> Option<CodeDescription> {
    Uri::from_str(&rule_doc_url(rule, config)).ok().map(|href| CodeDescription { href })
}

/// One core finding of the snapshot's document as an LSP diagnostic.
pub fn to_lsp(snap: &Snapshot, d: &treelint_core::Diagnostic) -> lsp::Diagnostic {
    to_lsp_with(snap, d, code_description(d.rule, &snap.workspace.config))
}

fn to_lsp_with(
    snap: &Snapshot,
    d: &treelint_core::Diagnostic,
    code_description: Option<CodeDescription>,
) -> lsp::Diagnostic {
    let pos = Positions::of(snap.doc(), snap.enc);
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let location = match &r.path {
                None => Location::new(snap.uri.clone(), pos.range(&r.span)),
                Some(path) => {
                    let uri = snap.uri_of(path)?;
                    let range = snap.range_in(path, &r.span).unwrap_or_default();
                    Location::new(uri, range)
                }
            };
            Some(DiagnosticRelatedInformation { location, message: r.message.clone() })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp::Diagnostic {
        range: pos.range(&d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.name().to_string())),
        code_description,
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: unnecessary(d.rule).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

/// Every finding of the snapshot's document.
pub fn all(snap: &Snapshot) -> Vec<lsp::Diagnostic> {
    // Thousands of findings share a few rules: each rule's link is parsed once.
    let mut links: Vec<(Rule, Option<CodeDescription>)> = Vec::new();
    let mut link = |rule: Rule| match links.iter().find(|(r, _)| *r == rule) {
        Some((_, l)) => l.clone(),
        None => {
            let l = code_description(rule, &snap.workspace.config);
            links.push((rule, l.clone()));
            l
        }
    };
    snap.analysis.diagnostics.iter().map(|d| to_lsp_with(snap, d, link(d.rule))).collect()
}

/// A pull report's `resultId`: a hash of the diagnostics as sent. Equal findings at equal
/// places (an edit that changes none of them) give the same ID, and the client is told
/// `unchanged` instead of receiving them all again.
pub fn result_id(items: &[lsp::Diagnostic]) -> String {
    struct Hashing(std::hash::DefaultHasher);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            std::hash::Hasher::write(&mut self.0, bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hashing(std::hash::DefaultHasher::new());
    // Writing to a hasher cannot fail, and the items are plain data.
    let _ = serde_json::to_writer(&mut h, items);
    format!("{:016x}-{}", std::hash::Hasher::finish(&h.0), items.len())
}

/// The JSON-RPC body of a `textDocument/publishDiagnostics` notification: what tower-lsp's
/// client would send, written in one pass.
pub fn publish_body(params: &lsp::PublishDiagnosticsParams) -> serde_json::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Notification<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: &'a lsp::PublishDiagnosticsParams,
    }
    // Findings take some 450 bytes each: one allocation up front instead of a dozen doublings.
    let mut out = Vec::with_capacity(256 + 512 * params.diagnostics.len());
    serde_json::to_writer(
        &mut out,
        &Notification { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params },
    )?;
    Ok(out)
}
