//! Writing the walk's record: never over an existing file unless `--force`, and with
//! control characters neutralised like everything else the walk shows.

use std::io::Write;
use std::path::Path;

use crate::render::sanitize;

/// Refuses up front a target that exists (so a walk does not end in a failed write).
pub fn check_target(path: &Path, force: bool) -> Result<(), String> {
    if !force && path.exists() {
        return Err(format!("{} already exists (use --force to overwrite it)", crate::discover::display_path(path)));
    }
    Ok(())
}

/// Writes `markdown` to `path`.
pub fn write(path: &Path, markdown: &str, force: bool) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let shown = crate::discover::display_path(path);
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!("{shown} already exists (use --force to overwrite it)"),
        _ => format!("{shown}: cannot write: {e}"),
    })?;
    file.write_all(sanitize(markdown).as_bytes()).map_err(|e| format!("{shown}: cannot write: {e}"))
}
