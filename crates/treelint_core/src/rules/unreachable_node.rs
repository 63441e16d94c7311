//! ## What it does
//! Reports a node that no path from the root reaches: typically a second root (a line
//! without glyph after the branches began) that no jump targets. Reported once, on the
//! topmost unreachable node of each subtree.
//!
//! ## Why is this bad?
//! Nobody walking the tree will ever see it; often it is a branch whose glyph was lost.
//!
//! ## Example
//! ```text
//! Is it down?
//! └── [Check 1] Is it paging?
//!     ├── YES → ✅ ACK
//!     └── NO → ✅ WAIT
//! Orphaned question?
//! ```
//!
//! ## Use instead
//! Draw it under the node it belongs to, or jump to it (`→ go to [Check 2]`).

use crate::diagnostics::Diagnostic;
use crate::model::NodeKind;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    let reachable = &ctx.flow.reachable;
    for (n, node) in model.nodes() {
        if reachable[n.index()] {
            continue;
        }
        let parent_reached = node.parent.is_none_or(|p| reachable[p.index()]);
        // Under a terminal, terminal-has-children already says it.
        let under_terminal = node.parent.is_some_and(|p| model.node(p).kind == NodeKind::Terminal);
        if parent_reached && !under_terminal {
            out.push(
                Diagnostic::new(Rule::UnreachableNode, node.anchor(), format!("{} is not reachable from the root", ctx.node_name(n)))
                    .with_label("no path leads here")
                    .with_help("draw it under the node it belongs to, or add a jump to it"),
            );
        }
    }
}
