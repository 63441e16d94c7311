//! [`CachedFs`]: the real disk for one-shot runs (`treelint check`), where the files do not
//! change while they are checked. Cross-file links are resolved by index: each folder is
//! listed once and every later "is this a file?" is a hash lookup, instead of one `stat`
//! per candidate path per link (10,000 trees name some 40,000 candidates).
//!
//! Invariant: answers agree with [`RealFs`](super::RealFs) for a disk that does not change
//! during the run: a listed entry is a file when it is one, or a symlink to one; a folder
//! that its listed parent does not name as a folder is missing; a folder that cannot be
//! listed (unreadable) falls back to asking the disk. On a
//! case-insensitive disk a name that differs only in case is not found (as on Linux). Not for
//! the language server, whose files change under it.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ffi::OsString;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::FileSystem;

/// What listing a folder gave.
#[derive(Clone)]
enum Listing {
    /// The names of its files and of its folders (symlinks count as what they point to).
    Listed { files: Arc<FxHashSet<OsString>>, folders: Arc<FxHashSet<OsString>> },
    /// No such folder: nothing in it is a file.
    Missing,
    /// It exists but cannot be listed: ask the disk about each path.
    Unlistable,
}

/// The real disk, with each folder's listing read once.
#[derive(Default)]
pub struct CachedFs {
    /// Keyed by the folder's bytes as written, not by `PathBuf`, whose hash walks its
    /// components: two spellings of one folder are only listed twice.
    dirs: Mutex<FxHashMap<OsString, Listing>>,
}

impl CachedFs {
    pub fn new() -> Self {
        CachedFs::default()
    }

    /// Whether `dir` holds a file `name`, or `None` when the disk must be asked.
    fn holds(&self, dir: &Path, name: &std::ffi::OsStr) -> Option<bool> {
        // Answered under the lock when the folder was listed (nearly always): no clone.
        if let Some(found) = self.dirs.lock().unwrap_or_else(|e| e.into_inner()).get(dir.as_os_str()) {
            return found.holds(name);
        }
        self.listing(dir).holds(name)
    }

    fn listing(&self, dir: &Path) -> Listing {
        // A folder that its parent's listing does not name does not exist. Links are tried
        // relative to each document's folder first, so most missing folders are of that kind
        // (`a/b/` for a link `b/x.md` from `a/`), and are answered without asking the disk.
        let known_missing = match split(dir) {
            (Some(parent), Some(name)) => match self.cached_or_listed(parent) {
                Listing::Listed { folders, .. } => !folders.contains(name),
                Listing::Missing => true,
                Listing::Unlistable => false,
            },
            _ => false,
        };
        // List outside the lock so other threads go on; a race lists a folder twice.
        let listed = if known_missing { Listing::Missing } else { list(dir) };
        self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.as_os_str().to_owned(), listed.clone());
        listed
    }

    fn cached_or_listed(&self, dir: &Path) -> Listing {
        let cached = self.dirs.lock().unwrap_or_else(|e| e.into_inner()).get(dir.as_os_str()).cloned();
        cached.unwrap_or_else(|| self.listing(dir))
    }
}

impl Listing {
    fn holds(&self, name: &std::ffi::OsStr) -> Option<bool> {
        match self {
            Listing::Listed { files, .. } => Some(files.contains(name)),
            Listing::Missing => Some(false),
            Listing::Unlistable => None,
        }
    }
}

fn list(dir: &Path) -> Listing {
    let read = match std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Listing::Missing,
        Err(_) => return Listing::Unlistable,
    };
    let (mut files, mut folders) = (FxHashSet::default(), FxHashSet::default());
    for entry in read.flatten() {
        let (is_file, is_folder) = match entry.file_type() {
            Ok(t) if !t.is_symlink() => (t.is_file(), t.is_dir()),
            // A symlink, or an entry of unknown type: what the disk says it leads to.
            _ => {
                let path = entry.path();
                (path.is_file(), path.is_dir())
            }
        };
        if is_file {
            files.insert(entry.file_name());
        } else if is_folder {
            folders.insert(entry.file_name());
        }
    }
    Listing::Listed { files: Arc::new(files), folders: Arc::new(folders) }
}

impl FileSystem for CachedFs {
    fn is_file(&self, path: &Path) -> bool {
        let (Some(dir), Some(name)) = split(path) else {
            return path.is_file();
        };
        self.holds(dir, name).unwrap_or_else(|| path.is_file())
    }

    fn read_to_string(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }
}

/// A path's folder and file name. A plain path (`dir/name.md`, as links make) is split at
/// its last separator, which is what `Path::parent` and `Path::file_name` give, without
/// their walk over components (this runs for every candidate of every link); a root, a
/// `.` or `..` name, a trailing separator or no separator at all go through `Path`.
fn split(path: &Path) -> (Option<&Path>, Option<&std::ffi::OsStr>) {
    if let Some(s) = path.to_str() {
        if let Some(pos) = s.rfind(std::path::is_separator) {
            let (dir, name) = (&s[..pos], &s[pos + 1..]);
            let plain = |part: &str| !part.is_empty() && part != "." && part != "..";
            if plain(name) && !dir.is_empty() && !dir.ends_with(std::path::is_separator) {
                return (Some(Path::new(dir)), Some(std::ffi::OsStr::new(name)));
            }
        }
    }
    (path.parent(), path.file_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_paths_as_path_does() {
        for p in ["a/b.md", "/r/t/a.md", "a.md", "/a.md", "a/", "a/.", "a/..", "a//b.md", "./b.md", "", "/"] {
            let path = Path::new(p);
            let (dir, name) = split(path);
            assert_eq!(name, path.file_name(), "{p}");
            // A folder may be spelled differently (`a/` for `a`), never be another one.
            assert_eq!(
                dir.map(|d| d.components().collect::<Vec<_>>()),
                path.parent().map(|d| d.components().collect()),
                "{p}"
            );
        }
    }

    #[test]
    fn agrees_with_the_disk() {
        let dir = std::env::temp_dir().join(format!("treelint-cachedfs-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.md"), "x").unwrap();
        let fs = CachedFs::new();
        assert!(fs.is_file(&dir.join("a.md")));
        assert!(!fs.is_file(&dir.join("b.md")));
        assert!(!fs.is_file(&dir.join("sub")), "a folder is not a file");
        assert!(!fs.is_file(&dir.join("missing/a.md")));
        assert!(!fs.is_file(&dir.join("a.md/x.md")), "nothing is inside a file");
        std::fs::write(dir.join("sub/c.md"), "x").unwrap();
        assert!(fs.is_file(&dir.join("sub/c.md")), "a folder its parent names is listed");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("a.md"), dir.join("link.md")).unwrap();
            assert!(CachedFs::new().is_file(&dir.join("link.md")), "a symlink to a file is a file");
            std::os::unix::fs::symlink(dir.join("sub"), dir.join("linked")).unwrap();
            assert!(CachedFs::new().is_file(&dir.join("linked/c.md")), "a symlink to a folder is a folder");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
