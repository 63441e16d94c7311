//! ## What it does
//! Reports jumps that form a cycle which still has an exit, once per cycle, at the jump
//! that closes it (the last one in the document). A cycle without exit is a `dead-end`.
//!
//! ## Why is this bad?
//! Loops are sometimes meant ("re-check after 5 minutes"), but often they come from a
//! renumbered jump. A reader may go round several times before finding the way out.
//!
//! ## Example
//! ```text
//! └── [Check 2] Did the restart help?
//!     ├── NO → go to [Check 1]
//!     └── YES → ✅ CLOSE THE INCIDENT
//! ```
//!
//! ## Use instead
//! Make sure the loop is intended; if so, suppress the finding on that line.

use petgraph::algo::kosaraju_scc;
use petgraph::visit::EdgeRef;

use crate::diagnostics::Diagnostic;
use crate::model::Edge;
use crate::rules::{Rule, RuleContext};

pub(super) fn check(ctx: &RuleContext, out: &mut Vec<Diagnostic>) {
    let model = &ctx.doc.model;
    let g = &model.graph;
    // Child edges alone form a forest: without a jump there is no cycle, and most trees
    // have none, so the components are not worth computing.
    if !g.edge_weights().any(|e| *e == Edge::Jump) {
        return;
    }
    let sccs = kosaraju_scc(g);
    let mut component = vec![0usize; g.node_count()];
    for (i, scc) in sccs.iter().enumerate() {
        for n in scc {
            component[n.index()] = i;
        }
    }
    for (i, scc) in sccs.iter().enumerate() {
        let in_scc = |n: petgraph::graph::NodeIndex| component[n.index()] == i;
        // The jumps inside the component; it is a cycle if it has one (a component of tree
        // edges alone is a single node).
        let closing = scc
            .iter()
            .flat_map(|&n| g.edges(n))
            .filter(|e| *e.weight() == Edge::Jump && in_scc(e.target()))
            .map(|e| e.source())
            .max();
        let Some(closing) = closing else { continue };
        if !scc.iter().any(|n| ctx.flow.can_finish[n.index()]) {
            continue;
        }
        let Some(target) = model.jump_target(closing) else { continue };
        let span = model.node(closing).jump_check().map_or(model.node(closing).anchor(), |l| l.span.clone());
        out.push(
            Diagnostic::new(Rule::Cycle, span, format!("this jump closes a cycle back to {}", ctx.node_name(target)))
                .with_label("loops back")
                .with_help("if the loop is meant (re-check after waiting), suppress this finding"),
        );
    }
}
