//! Where each node's subtree ends, for symbols and folding.
//!
//! Invariant (from the model): a node's index is greater than its parent's, so one pass in
//! reverse index order sees every child before its parent; no recursion, so a 5,000-level
//! outline is as cheap as a flat one.

use treelint_core::model::Model;

/// For each node (by index), the byte offset where its subtree's last line ends.
pub fn subtree_ends(model: &Model) -> Vec<usize> {
    let mut ends: Vec<usize> = model.nodes().map(|(_, n)| n.line.end).collect();
    for (n, node) in model.nodes().collect::<Vec<_>>().into_iter().rev() {
        if let Some(parent) = node.parent {
            let end = ends[n.index()];
            if ends[parent.index()] < end {
                ends[parent.index()] = end;
            }
        }
    }
    ends
}
