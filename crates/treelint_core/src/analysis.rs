//! The whole pipeline for one file: parse, resolve links, run the rules, apply severities
//! and suppressions. The CLI and the language server both call [`analyze`], so they always
//! report the same findings.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;

use crate::document::{Document, DocumentKind, PARALLEL_FROM};
use crate::rules::{Rule, RuleContext};
use crate::suppressions;
use crate::workspace::{Links, Workspace};

/// A document and its findings, sorted by position.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub links: Links,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `text`, the contents of the file at `path`, within `workspace`.
pub fn analyze(path: &Path, text: impl Into<String>, workspace: &Workspace) -> Analysis {
    let config = &workspace.config;
    let kind = workspace.in_tree_dir(path).then_some(DocumentKind::TreeDocument);
    let document = Document::parse_as(text, config, kind);
    let links = workspace.links(path, &document);
    let ctx = RuleContext::new(&document, &links, config);
    // Which rules apply to which documents is data (the rule table's scope); with embedded
    // checking turned off, ordinary Markdown gets no findings at all.
    let checked = document.kind == DocumentKind::TreeDocument || config.embedded;
    let enabled =
        Rule::ALL.iter().filter(|&&rule| checked && rule.applies_to(document.kind) && config.severity(rule).is_some());
    let found: Vec<Diagnostic> = if document.text.len() >= PARALLEL_FROM {
        // Rules are independent; collected in rule order, as the loop below gives them.
        enabled
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|&rule| {
                let mut found = Vec::new();
                rule.check(&ctx, &mut found);
                found
            })
            .flatten()
            .collect()
    } else {
        let mut found = Vec::new();
        for &rule in enabled {
            rule.check(&ctx, &mut found);
        }
        found
    };
    let mut diagnostics = if checked { suppressions::apply(&document, found) } else { found };
    diagnostics.retain_mut(|d| match config.severity(d.rule) {
        Some(severity) => {
            d.severity = severity;
            true
        }
        None => false,
    });
    diagnostics.sort_by_key(|d| (d.span.start, d.rule, d.span.end));
    Analysis { document, links, diagnostics }
}
