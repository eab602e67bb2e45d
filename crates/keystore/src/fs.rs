//! File I/O for keystores: the only place in keystore-rs that touches the file system.
//!
//! * Reads are size-capped ([`keystore_model::Limits::max_input_len`]).
//! * Saves are atomic: the new bytes go to a temporary file in the same directory, which is
//!   flushed to disk and renamed over the target, then the directory is flushed. A crash or a
//!   full disk leaves either the old file or the new one, byte for byte. Permissions (and, where
//!   allowed, ownership) of an existing file are kept; new files are created `0600`.
//!   Symbolic links are followed, so a linked `cacerts` stays a link.
//! * [`StoreFile::lock`] serializes concurrent writers on one store: hold it from the read to
//!   the save, and no update is lost.

use std::{
    fmt,
    fs::{self, File, OpenOptions},
    io::{self, Read, Write},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU32, Ordering},
};

use keystore_model::{Error, Limits};
use keystore_pbe::Password;

use crate::KeyStore;

/// An error reading or writing a keystore file.
#[derive(Debug)]
#[non_exhaustive]
pub enum FsError {
    /// The file does not exist (or is a directory).
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// The file exists but is empty.
    Empty {
        /// The path.
        path: PathBuf,
    },
    /// The file is larger than the configured limit.
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size.
        len: u64,
        /// The limit.
        limit: u64,
    },
    /// An I/O error.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// The content could not be loaded or serialized.
    Keystore(Error),
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound { path } => {
                write!(f, "keystore file does not exist: {}", path.display())
            }
            Self::Empty { path } => {
                write!(f, "keystore file exists, but is empty: {}", path.display())
            }
            Self::TooLarge { path, len, limit } => {
                write!(
                    f,
                    "{}: file of {len} bytes exceeds the limit of {limit} bytes",
                    path.display()
                )
            }
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Keystore(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for FsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Keystore(e) => Some(e),
            _ => None,
        }
    }
}

impl From<Error> for FsError {
    fn from(e: Error) -> Self {
        Self::Keystore(e)
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> FsError + '_ {
    move |source| FsError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Options for [`StoreFile::save`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SaveOptions {
    /// Keep the previous file under this path (replaced atomically if it exists).
    pub backup: Option<PathBuf>,
}

impl SaveOptions {
    /// Keep the previous file as `backup`.
    #[must_use]
    pub fn with_backup(mut self, backup: impl Into<PathBuf>) -> Self {
        self.backup = Some(backup.into());
        self
    }
}

/// A keystore file on disk, optionally locked against other writers.
#[derive(Debug)]
pub struct StoreFile {
    path: PathBuf,
    target: PathBuf,
    _lock: Option<File>,
}

impl StoreFile {
    /// A handle on `path` without a lock (for reading).
    #[must_use]
    pub fn unlocked(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref().to_path_buf();
        let target = resolve(&path);
        Self {
            path,
            target,
            _lock: None,
        }
    }

    /// A handle on `path` holding an exclusive lock until dropped, so that concurrent
    /// read-modify-save cycles on the same store run one after the other.
    ///
    /// # Errors
    /// [`FsError::Io`] when the lock cannot be taken.
    pub fn lock(path: impl AsRef<Path>) -> Result<Self, FsError> {
        let mut file = Self::unlocked(path);
        file._lock = Some(lock_dir(&file.target)?);
        Ok(file)
    }

    /// The path as given.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the path is an existing regular file (after following links).
    #[must_use]
    pub fn exists(&self) -> bool {
        self.target.is_file()
    }

    /// Reads the file, capped at `limits.max_input_len` bytes.
    ///
    /// # Errors
    /// [`FsError::NotFound`], [`FsError::Empty`], [`FsError::TooLarge`], [`FsError::Io`].
    pub fn read(&self, limits: &Limits) -> Result<Vec<u8>, FsError> {
        read_capped(&self.path, limits)
    }

    /// Writes `store` atomically (see the module docs).
    ///
    /// # Errors
    /// [`FsError::Keystore`] when the store cannot be serialized (the file is then untouched),
    /// [`FsError::Io`].
    pub fn save(
        &self,
        store: &KeyStore,
        password: &Password,
        options: &SaveOptions,
    ) -> Result<(), FsError> {
        let bytes = store.to_bytes(password)?;
        self.save_bytes(&bytes, options)
    }

    /// Writes `bytes` atomically.
    ///
    /// # Errors
    /// [`FsError::Io`].
    pub fn save_bytes(&self, bytes: &[u8], options: &SaveOptions) -> Result<(), FsError> {
        write_atomic(&self.target, bytes, options)
    }
}

/// Reads and loads a keystore (format detected from content; integrity verified when a
/// password is given).
///
/// # Errors
/// As [`StoreFile::read`] and [`KeyStore::from_bytes`].
pub fn open(path: impl AsRef<Path>, password: Option<&Password>) -> Result<KeyStore, FsError> {
    let bytes = read_capped(path.as_ref(), &Limits::DEFAULT)?;
    Ok(KeyStore::from_bytes(&bytes, password)?)
}

/// Saves a keystore atomically.
///
/// # Errors
/// As [`StoreFile::save`].
pub fn save_atomic(
    store: &KeyStore,
    path: impl AsRef<Path>,
    password: &Password,
) -> Result<(), FsError> {
    StoreFile::unlocked(path).save(store, password, &SaveOptions::default())
}

/// The JDK's trust store `lib/security/cacerts`: `$JAVA_HOME`'s when it exists, else the
/// system one (`/etc/ssl/certs/java/cacerts` on Debian).
#[must_use]
pub fn system_cacerts_path() -> PathBuf {
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        let p = Path::new(&home).join("lib/security/cacerts");
        if p.exists() {
            return p;
        }
    }
    for p in [
        "/etc/ssl/certs/java/cacerts",
        "/usr/lib/jvm/default-java/lib/security/cacerts",
    ] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    PathBuf::from("/etc/ssl/certs/java/cacerts")
}

/// Reads an input file (certificate, request) of at most `limit` bytes.
///
/// # Errors
/// [`FsError::NotFound`], [`FsError::TooLarge`], [`FsError::Io`]; an empty file is returned empty.
pub fn read_input(path: impl AsRef<Path>, limit: usize) -> Result<Vec<u8>, FsError> {
    let mut limits = Limits::DEFAULT;
    limits.max_input_len = limit;
    match read_capped(path.as_ref(), &limits) {
        Err(FsError::Empty { .. }) => Ok(Vec::new()),
        other => other,
    }
}

/// Writes an output file (exported certificate, request) atomically; new files get the
/// process umask's default mode, as keytool's do.
///
/// # Errors
/// [`FsError::Io`].
pub fn write_output(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), FsError> {
    let path = path.as_ref();
    let target = resolve(path);
    let tmp = temp_path(&target, "out");
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io_err(&tmp))?;
        if let Ok(meta) = fs::metadata(&target) {
            file.set_permissions(meta.permissions())
                .map_err(io_err(&tmp))?;
        }
        file.write_all(bytes).map_err(io_err(&tmp))?;
        file.sync_all().map_err(io_err(&tmp))?;
        fs::rename(&tmp, &target).map_err(io_err(path))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn read_capped(path: &Path, limits: &Limits) -> Result<Vec<u8>, FsError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(FsError::NotFound {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(io_err(path)(e)),
    };
    let meta = file.metadata().map_err(io_err(path))?;
    if meta.is_dir() {
        return Err(FsError::NotFound {
            path: path.to_path_buf(),
        });
    }
    let limit = u64::try_from(limits.max_input_len).unwrap_or(u64::MAX);
    if meta.len() > limit {
        return Err(FsError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_err(path))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(FsError::TooLarge {
            path: path.to_path_buf(),
            len: read,
            limit,
        });
    }
    if bytes.is_empty() {
        return Err(FsError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(bytes)
}

/// Follows symbolic links so that saving replaces the link's target, not the link.
fn resolve(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn lock_dir(target: &Path) -> Result<File, FsError> {
    let dir = parent_dir(target);
    let file = File::open(&dir).map_err(io_err(&dir))?;
    file.lock().map_err(io_err(&dir))?;
    Ok(file)
}

static TEMP_COUNTER: AtomicU32 = AtomicU32::new(0);

fn temp_path(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    parent_dir(target).join(format!(".{name}.{tag}-{}-{n}.tmp", std::process::id()))
}

fn write_atomic(target: &Path, bytes: &[u8], options: &SaveOptions) -> Result<(), FsError> {
    let existing = fs::metadata(target).ok().filter(fs::Metadata::is_file);
    let tmp = temp_path(target, "rkeytool");
    let result = (|| {
        let mut file = create_new(&tmp, existing.as_ref())?;
        file.write_all(bytes).map_err(io_err(&tmp))?;
        file.sync_all().map_err(io_err(&tmp))?;
        drop(file);
        if let (Some(backup), Some(_)) = (&options.backup, &existing) {
            keep_backup(target, backup)?;
        }
        fs::rename(&tmp, target).map_err(io_err(target))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(&parent_dir(target));
    Ok(())
}

/// Creates the temporary file with the mode (and owner) of the file it will replace.
fn create_new(tmp: &Path, existing: Option<&fs::Metadata>) -> Result<File, FsError> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
        let mode = existing.map_or(0o600, |m| m.permissions().mode() & 0o7777);
        opts.mode(mode);
        let file = opts.open(tmp).map_err(io_err(tmp))?;
        if let Some(m) = existing {
            // Keep the owner when we may (root editing another user's store); ignore EPERM.
            let _ = std::os::unix::fs::fchown(&file, Some(m.uid()), Some(m.gid()));
            // The umask may have cut bits from `mode`: set them exactly.
            file.set_permissions(fs::Permissions::from_mode(mode))
                .map_err(io_err(tmp))?;
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        let file = opts.open(tmp).map_err(io_err(tmp))?;
        if let Some(m) = existing {
            file.set_permissions(m.permissions()).map_err(io_err(tmp))?;
        }
        Ok(file)
    }
}

/// Puts the current `target` at `backup` (a hard link when possible, else a copy), atomically.
fn keep_backup(target: &Path, backup: &Path) -> Result<(), FsError> {
    let tmp = temp_path(backup, "backup");
    if fs::hard_link(target, &tmp).is_err() {
        fs::copy(target, &tmp).map_err(io_err(&tmp))?;
    }
    fs::rename(&tmp, backup).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(backup)(e)
    })
}

fn sync_dir(dir: &Path) {
    // Best effort: some platforms and file systems cannot fsync a directory.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("keystore-fs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn save_replaces_atomically_and_keeps_mode_and_backup() {
        let dir = scratch("atomic");
        let path = dir.join("store.jks");
        fs::write(&path, b"old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let file = StoreFile::lock(&path).unwrap();
        file.save_bytes(
            b"new",
            &SaveOptions::default().with_backup(dir.join("store.jks.bak")),
        )
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read(dir.join("store.jks.bak")).unwrap(), b"old");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        // No temporary files left behind.
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn save_follows_symlinks_and_new_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("link");
        let real = dir.join("real");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, dir.join("link")).unwrap();
        StoreFile::unlocked(dir.join("link"))
            .save_bytes(b"new", &SaveOptions::default())
            .unwrap();
        assert!(
            fs::symlink_metadata(dir.join("link"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");

        let fresh = dir.join("fresh");
        StoreFile::unlocked(&fresh)
            .save_bytes(b"x", &SaveOptions::default())
            .unwrap();
        assert_eq!(
            fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn failed_write_leaves_the_old_file() {
        let dir = scratch("fail");
        let path = dir.join("store");
        fs::write(&path, b"old").unwrap();
        // The backup's directory does not exist: the save fails before the rename.
        let opts = SaveOptions::default().with_backup(dir.join("missing").join("b"));
        assert!(
            StoreFile::unlocked(&path)
                .save_bytes(b"new", &opts)
                .is_err()
        );
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
    }

    #[test]
    fn read_errors() {
        let dir = scratch("read");
        let limits = Limits::DEFAULT;
        assert!(matches!(
            StoreFile::unlocked(dir.join("nope")).read(&limits),
            Err(FsError::NotFound { .. })
        ));
        assert!(matches!(
            StoreFile::unlocked(&dir).read(&limits),
            Err(FsError::NotFound { .. })
        ));
        fs::write(dir.join("empty"), b"").unwrap();
        assert!(matches!(
            StoreFile::unlocked(dir.join("empty")).read(&limits),
            Err(FsError::Empty { .. })
        ));
        let mut small = Limits::DEFAULT;
        small.max_input_len = 2;
        fs::write(dir.join("big"), b"abc").unwrap();
        assert!(matches!(
            StoreFile::unlocked(dir.join("big")).read(&small),
            Err(FsError::TooLarge { .. })
        ));
    }
}
