//! The record of a walk, written as the walk goes: created with its head when the walk
//! starts, each new event appended and flushed to the disk after every step, and at the
//! end replaced whole (atomically: a temporary file renamed over it) by the finished
//! transcript. Whatever ends the walk, a panic or a `kill -9` included, the file holds every
//! step taken up to that moment and reads as Markdown; `--resume` takes it up again.
//!
//! Every piece goes through `render::sanitize` on its way to the disk, like everything else
//! the walk shows.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use treelint_core::walk::{Walk, record_entry};

use crate::discover::display_path;
use crate::render::sanitize;

/// An open record.
pub struct Journal {
    pub path: PathBuf,
    file: File,
    /// How many events of the walk's log are on the disk.
    written: usize,
    /// The last write failed: said once, not at every step.
    failed: bool,
}

impl Journal {
    /// Creates the record at `path` (never over an existing file unless `force`) with the
    /// walk so far.
    pub fn create(path: &Path, walk: &Walk, force: bool) -> Result<Journal, String> {
        let mut options = OpenOptions::new();
        options.write(true);
        if force {
            options.create(true).truncate(true);
        } else {
            options.create_new(true);
        }
        let shown = display_path(path);
        let file = options.open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!("{shown} already exists (use --force to overwrite it)"),
            _ => format!("{shown}: cannot write: {e}"),
        })?;
        let mut journal = Journal { path: path.to_path_buf(), file, written: 0, failed: false };
        journal.append(&walk.journal_head()).map_err(|e| format!("{shown}: cannot write: {e}"))?;
        journal.sync(walk).map_err(|e| format!("{shown}: cannot write: {e}"))?;
        Ok(journal)
    }

    /// Takes over the record a resumed walk came from: rewritten (atomically) with the
    /// replayed walk, then appended to as before.
    pub fn reopen(path: &Path, walk: &Walk) -> Result<Journal, String> {
        let shown = display_path(path);
        let mut text = walk.journal_head();
        for e in walk.log() {
            text.push_str(&record_entry(e));
        }
        replace(path, &text).map_err(|e| format!("{shown}: cannot write: {e}"))?;
        let file = OpenOptions::new().append(true).open(path).map_err(|e| format!("{shown}: cannot write: {e}"))?;
        Ok(Journal { path: path.to_path_buf(), file, written: walk.log().len(), failed: false })
    }

    /// Appends the events logged since the last call and flushes them to the disk.
    pub fn sync(&mut self, walk: &Walk) -> std::io::Result<()> {
        let log = walk.log();
        if self.written >= log.len() {
            return Ok(());
        }
        let text: String = log[self.written..].iter().map(record_entry).collect();
        self.append(&text)?;
        self.written = log.len();
        Ok(())
    }

    /// [`Journal::sync`] for the modes' loops: a failure is said once on stderr, and the
    /// walk goes on (the record is help, not a reason to stop an incident).
    pub fn step(&mut self, walk: &Walk) {
        if let Err(e) = self.sync(walk) {
            if !self.failed {
                self.failed = true;
                eprintln!("warning: {}: the record could not be written: {e}", display_path(&self.path));
            }
        }
    }

    fn append(&mut self, text: &str) -> std::io::Result<()> {
        self.file.write_all(sanitize(text).as_bytes())?;
        self.file.flush()?;
        // On the disk, not only in the page cache: a power cut at 3 a.m. keeps the steps too.
        self.file.sync_data()
    }

    /// Replaces the record with the finished transcript.
    pub fn finish(self, walk: &Walk) -> Result<PathBuf, String> {
        replace(&self.path, &walk.transcript())
            .map_err(|e| format!("{}: cannot write: {e}", display_path(&self.path)))?;
        Ok(self.path)
    }

    /// Removes the record (the user chose not to keep it).
    pub fn discard(self) {
        drop(self.file);
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Writes `markdown` (sanitised) to a temporary file beside `path`, then renames it over
/// `path`: a reader sees the old record or the new one, never half of one.
fn replace(path: &Path, markdown: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(sanitize(markdown).as_bytes())?;
    tmp.as_file().sync_data()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use treelint_core::walk::{Setup, Tree, read_record};
    use treelint_core::{Config, Document};

    use super::*;

    fn walk() -> Walk {
        let text =
            "# T\n\n```tree\nStart\n└── [Check 1] Up? \x1b[2J\n    ├── YES → ✅ FINE\n    └── NO → ✅ DOWN\n```\n";
        let tree = Tree::new("t.md", Arc::new(Document::parse(text, &Config::default())));
        let setup = Setup { loader: None, clock: Box::new(crate::walk_ui::clock::UtcClock) };
        Walk::with_setup(tree, None, setup).unwrap()
    }

    #[test]
    fn every_step_is_on_the_disk_before_the_walk_ends_and_the_end_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.md");
        let mut w = walk();
        let mut j = Journal::create(&path, &w, false).unwrap();
        w.note("first");
        j.step(&w);
        let so_far = std::fs::read_to_string(&path).unwrap();
        assert!(so_far.contains("- **Status:** in progress") && so_far.contains("Note: first"), "{so_far}");
        assert!(!so_far.contains('\x1b'), "sanitised");
        assert_eq!(read_record(&so_far).unwrap().events, w.log());
        w.choose(0).unwrap();
        j.step(&w);
        assert_eq!(read_record(&std::fs::read_to_string(&path).unwrap()).unwrap().events, w.log());
        w.end();
        j.finish(&w).unwrap();
        let done = std::fs::read_to_string(&path).unwrap();
        assert!(done.contains("- **Ended:** ") && done.contains("## Path"), "{done}");
        assert!(Journal::create(&path, &w, false).err().unwrap_or_default().contains("already exists"));
    }
}
