//! The file system the analysis sees: open buffers over the disk.
//!
//! Invariant: an open document is read from its buffer, never from disk, so a Related tree
//! or a jump target being edited resolves against what the author sees, saved or not.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use treelint_core::FileSystem;

/// Open buffers, by absolute path, in front of the real disk.
#[derive(Debug, Default)]
pub struct OverlayFs {
    open: RwLock<HashMap<PathBuf, String>>,
}

impl OverlayFs {
    /// Makes `text` what `path` reads as.
    pub fn set(&self, path: &Path, text: &str) {
        let mut open = self.open.write().unwrap_or_else(|e| e.into_inner());
        match open.get_mut(path) {
            Some(old) => {
                old.clear();
                old.push_str(text);
            }
            None => {
                open.insert(path.to_path_buf(), text.to_string());
            }
        }
    }

    /// Lets `path` read from disk again.
    pub fn remove(&self, path: &Path) {
        self.open.write().unwrap_or_else(|e| e.into_inner()).remove(path);
    }

    /// Whether `path` is open in the editor.
    pub fn is_open(&self, path: &Path) -> bool {
        self.open.read().unwrap_or_else(|e| e.into_inner()).contains_key(path)
    }
}

impl FileSystem for OverlayFs {
    fn is_file(&self, path: &Path) -> bool {
        self.is_open(path) || path.is_file()
    }

    fn read_to_string(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.open.read().unwrap_or_else(|e| e.into_inner()).get(path) {
            return Some(text.clone());
        }
        std::fs::read_to_string(path).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_buffers_shadow_the_disk() {
        let fs = OverlayFs::default();
        let path = Path::new("/nonexistent/treelint/tree.md");
        assert!(!fs.is_file(path));
        fs.set(path, "# T");
        assert!(fs.is_file(path));
        assert_eq!(fs.read_to_string(path).as_deref(), Some("# T"));
        fs.remove(path);
        assert!(fs.read_to_string(path).is_none());
    }
}
