//! Shared helpers for the integration tests.

use std::{
    env,
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
};

/// The workspace root (the parent of this package's directory).
#[must_use]
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .map_or_else(|| here.to_path_buf(), Path::to_path_buf)
}

/// The shared fixture corpus (`shared/fixtures` beside the work tree), or the directory named
/// by `KEYSTORE_SHARED_FIXTURES`. `None` when it is absent; callers skip with a message.
#[must_use]
pub fn shared_fixtures() -> Option<PathBuf> {
    let dir = match env::var_os("KEYSTORE_SHARED_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures"),
    };
    dir.join("manifest.json").is_file().then_some(dir)
}

/// Prints why a test did nothing; the caller then returns.
pub fn skip(test: &str, reason: &str) {
    eprintln!("SKIPPED {test}: {reason}");
}

/// Regular files directly inside `dir`, sorted by name (empty when `dir` does not exist).
///
/// # Panics
/// When `dir` exists but cannot be read.
#[must_use]
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Subdirectories directly inside `dir`, sorted by name.
///
/// # Panics
/// When `dir` cannot be read.
#[must_use]
pub fn dirs_in(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Upper-case hex with colons, as keytool prints fingerprints (`AB:CD:…`).
#[must_use]
pub fn colon_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// Upper-case hex without separators.
#[must_use]
pub fn upper_hex(bytes: &[u8]) -> String {
    colon_hex(bytes).replace(':', "")
}
