//! Facts about the flow through a model's graph that several rules need: which nodes a walk
//! from the root reaches, and from which an outcome can still be reached.
//!
//! Invariant: every traversal is iterative (petgraph's `Dfs` keeps its own stack), so a
//! 5,000-level outline cannot overflow the thread's stack.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::{Dfs, Reversed};

use crate::model::{Model, NodeKind};

/// Reachability both ways, indexed by node index.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// Reached by a walk from the root of some tree, through children and jumps (per
    /// tree: the second tree of a document is not unreachable).
    pub reachable: Vec<bool>,
    /// Some outcome is reachable from it (it is not trapped in a cycle of jumps).
    pub can_finish: Vec<bool>,
}

impl Flow {
    pub fn new(model: &Model) -> Flow {
        let g = &model.graph;
        let mut reachable = vec![false; g.node_count()];
        let mut dfs = Dfs::empty(g);
        dfs.stack.extend(model.trees.iter().copied());
        while let Some(n) = dfs.next(g) {
            reachable[n.index()] = true;
        }
        // An outcome: a terminal, or a node with no way on (a leaf, a jump out of the
        // document, a broken jump).
        let outcomes: Vec<NodeIndex> = g
            .node_indices()
            .filter(|&n| {
                g[n].kind == NodeKind::Terminal || g.neighbors_directed(n, Direction::Outgoing).next().is_none()
            })
            .collect();
        let mut can_finish = vec![false; g.node_count()];
        let reversed = Reversed(g);
        let mut dfs = Dfs::empty(reversed);
        dfs.stack.extend(outcomes);
        while let Some(n) = dfs.next(reversed) {
            can_finish[n.index()] = true;
        }
        Flow { reachable, can_finish }
    }
}
