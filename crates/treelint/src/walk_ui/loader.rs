//! Loading the trees that jumps name (`→ config-change.md`) from the disk, resolved as
//! `treelint check` resolves them (the tree's folder, then the workspace root).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use treelint_core::walk::{Loader, Tree};
use treelint_core::workspace::Link;
use treelint_core::{Document, Workspace};

/// Reads trees from the disk through a workspace.
pub struct FsLoader {
    pub workspace: Arc<Workspace>,
}

impl Loader for FsLoader {
    fn load(&mut self, from: &Tree, target: &str) -> Result<Tree, String> {
        let from_path = Path::new(&from.id);
        let links = self.workspace.links(from_path, &from.document);
        // The jump as the document wrote it; the links were resolved for each jump node.
        let wanted = target.split('#').next().unwrap_or(target);
        let link = from
            .document
            .model
            .nodes()
            .filter_map(|(n, node)| match node.outcome.as_ref().map(|o| &o.target) {
                Some(treelint_core::syntax::node_text::OutcomeTarget::File { path, .. })
                    if path.split('#').next() == Some(wanted) =>
                {
                    links.jumps.get(&n)
                }
                _ => None,
            })
            .next();
        let path = match link {
            Some(Link::Found(p) | Link::MissingCheck { path: p, .. }) => p.clone(),
            Some(Link::Missing(tried)) => {
                let tried: Vec<String> = tried.iter().map(|p| crate::discover::display_path(p)).collect();
                return Err(format!("{wanted} not found (looked for {})", tried.join(", ")));
            }
            _ => return Err(format!("{wanted} not found")),
        };
        read_tree(&path, &self.workspace.config)
    }
}

/// Reads and parses a tree; its id is its absolute, normalised path.
pub fn read_tree(path: &Path, config: &treelint_core::Config) -> Result<Tree, String> {
    // Read like `check` reads: within the size limit, as UTF-8.
    let text = crate::commands::check::read_text(path)
        .map_err(|e| format!("{}: {e}", crate::render::sanitize_line(&crate::discover::display_path(path))))?;
    let abs: PathBuf = std::path::absolute(path)
        .map(|p| treelint_core::workspace::normalize(&p))
        .unwrap_or_else(|_| path.to_path_buf());
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Tree { id: abs.to_string_lossy().into_owned(), name, document: Arc::new(Document::parse(text, config)) })
}
