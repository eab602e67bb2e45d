//! The bindings registry: which certificate serves which port (what HTTP.sys keeps in
//! `SslBindingInfo` and DiagFwCertMgr in its registry key), as a small JSON file saved atomically.

use std::path::{Path, PathBuf};

use keystore::{Limits, fs::StoreFile};
use serde::{Deserialize, Serialize};

/// Largest registry file read.
const MAX_REGISTRY_LEN: usize = 1 << 20;
/// Most bindings kept.
const MAX_BINDINGS: usize = 1024;

/// One port's binding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// `0.0.0.0:7890`.
    pub ip_port: String,
    /// SHA-1 thumbprint, upper-case hex.
    pub cert_hash: String,
    /// The keystore holding the certificate and its key (absolute path).
    pub store: PathBuf,
    /// The alias of the key entry.
    pub alias: String,
    /// When the binding was made (seconds since the Unix epoch).
    pub bound_at: i64,
}

/// Self-signed certificates `certbind` created (DiagFwCertMgr's
/// `SelfSignedCertCreatedForDiagFwSvc` / `SelfSignedCertECDSAForDiagFwSvc` registry values).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Created {
    /// Thumbprint of the RSA self-signed certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsa: Option<String>,
    /// Thumbprint of the ECDSA self-signed certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecdsa: Option<String>,
}

/// The registry file's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Format version (1).
    #[serde(default = "one")]
    pub version: u32,
    /// Bindings, one per `ip_port`.
    #[serde(default)]
    pub bindings: Vec<Binding>,
    /// Self-signed certificates created by `certbind`.
    #[serde(default)]
    pub self_signed: Created,
}

fn one() -> u32 {
    1
}

/// An error reading or writing the registry.
#[derive(Debug)]
pub struct RegistryError(pub String);

impl std::fmt::Display for RegistryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RegistryError {}

/// The registry file, locked against concurrent `certbind` runs while held.
#[derive(Debug)]
pub struct RegistryFile {
    file: StoreFile,
    /// The content as read (empty when the file does not exist yet).
    pub registry: Registry,
}

impl RegistryFile {
    /// Locks and reads the registry at `path`; a missing file is an empty registry.
    ///
    /// # Errors
    /// When the file cannot be read, is too large, or is not a registry.
    pub fn open(path: &Path) -> Result<Self, RegistryError> {
        let file = StoreFile::lock(path).map_err(|e| {
            RegistryError(format!(
                "cannot lock the bindings file {}: {e}",
                path.display()
            ))
        })?;
        let registry = if file.exists() {
            let mut limits = Limits::DEFAULT;
            limits.max_input_len = MAX_REGISTRY_LEN;
            let bytes = file.read(&limits).map_err(|e| {
                RegistryError(format!(
                    "cannot read the bindings file {}: {e}",
                    path.display()
                ))
            })?;
            let registry: Registry = serde_json::from_slice(&bytes).map_err(|e| {
                RegistryError(format!(
                    "the bindings file {} is not a certbind registry: {e}",
                    path.display()
                ))
            })?;
            if registry.version != 1 || registry.bindings.len() > MAX_BINDINGS {
                return Err(RegistryError(format!(
                    "the bindings file {} has an unsupported version or too many bindings",
                    path.display()
                )));
            }
            registry
        } else {
            Registry {
                version: 1,
                ..Registry::default()
            }
        };
        Ok(Self { file, registry })
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// A handle on the keystore `store` for a read-modify-save cycle while this registry is
    /// held: locking is per directory, so a store beside the registry is already locked by it
    /// (a second lock on the same directory would wait for ever); one elsewhere gets its own.
    ///
    /// # Errors
    /// When the store's directory cannot be locked.
    pub fn store_file(&self, store: &Path) -> Result<StoreFile, RegistryError> {
        let dir = |p: &Path| {
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or_else(|| Path::new("."));
            std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
        };
        if dir(store) == dir(self.path()) {
            Ok(StoreFile::unlocked(store))
        } else {
            StoreFile::lock(store).map_err(|e| {
                RegistryError(format!("cannot lock the keystore {}: {e}", store.display()))
            })
        }
    }

    /// The binding for `ip_port`.
    #[must_use]
    pub fn binding(&self, ip_port: &str) -> Option<&Binding> {
        self.registry.bindings.iter().find(|b| b.ip_port == ip_port)
    }

    /// Adds or replaces the binding for `binding.ip_port`.
    pub fn set_binding(&mut self, binding: Binding) {
        self.remove_binding(&binding.ip_port);
        self.registry.bindings.push(binding);
    }

    /// Removes the binding for `ip_port`, returning it.
    pub fn remove_binding(&mut self, ip_port: &str) -> Option<Binding> {
        let i = self
            .registry
            .bindings
            .iter()
            .position(|b| b.ip_port == ip_port)?;
        Some(self.registry.bindings.remove(i))
    }

    /// Writes the registry atomically (temporary file, fsync, rename).
    ///
    /// # Errors
    /// When the file cannot be written; the previous file is then unchanged.
    pub fn save(&self) -> Result<(), RegistryError> {
        let mut text = serde_json::to_string_pretty(&self.registry)
            .map_err(|e| RegistryError(format!("cannot encode the bindings: {e}")))?;
        text.push('\n');
        self.file
            .save_bytes(text.as_bytes(), &keystore::fs::SaveOptions::default())
            .map_err(|e| {
                RegistryError(format!(
                    "cannot write the bindings file {}: {e}",
                    self.path().display()
                ))
            })
    }
}

/// The default registry path: `certbind-bindings.json` beside the store.
#[must_use]
pub fn default_path(store: &Path) -> PathBuf {
    store
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join("certbind-bindings.json")
}
