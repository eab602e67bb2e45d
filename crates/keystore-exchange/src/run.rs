//! Loading everything a plan names, the changes it implies, and applying them.

use std::{
    collections::BTreeMap,
    fmt,
    path::{Path, PathBuf},
    time::Duration,
};

use keystore::{
    CertificateDer, Entry, KeyStore, Limits, Password, StoreFormat,
    certs::parse_certificates,
    detect,
    fs::{FsError, SaveOptions, StoreFile},
};
use sha2::{Digest, Sha256};

use crate::{
    Error,
    plan::{PasswordSource, Plan, Source, Store},
    report::{Action, ImportReport, PublicationReport, Report, StoreReport, Totals},
};

/// Largest certificate file read for a `file` source (bytes).
pub const MAX_CERT_FILE_BYTES: usize = 1024 * 1024;

/// Fetches the certificate chain a TLS server presents: `(host:port, SNI name, timeout)` →
/// DER certificates, leaf first, or a one-line reason.
pub type TlsFetcher<'f> = dyn Fn(&str, Option<&str>, Duration) -> Result<Vec<Vec<u8>>, String> + 'f;

/// How [`Exchange::prepare`] works.
#[derive(Default)]
pub struct Options<'a> {
    /// Lock the stores' directories against other `rkeytool` writers from the first read to
    /// the last save (needed to apply; a dry run can do without).
    pub lock: bool,
    /// Fetches TLS chains for `tls` sources; `None` uses `keystore-tls`.
    pub tls: Option<&'a TlsFetcher<'a>>,
}

impl fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("lock", &self.lock)
            .field("tls", &self.tls.map(|_| "custom"))
            .finish()
    }
}

/// The TLS source through `keystore-tls` (the chain is not validated: the exchange publishes
/// what the server presents, and the report shows its fingerprint for checking).
fn default_fetch(
    target: &str,
    server_name: Option<&str>,
    timeout: Duration,
) -> Result<Vec<Vec<u8>>, String> {
    keystore_tls::fetch_chain(target, server_name, timeout)
        .map(|p| p.chain)
        .map_err(|e| e.to_string())
}

/// One store of the plan, read and opened.
struct Opened {
    file: StoreFile,
    store: KeyStore,
    password: Password,
    /// `false`: the file is absent and will be created (`create = true`).
    existed: bool,
}

/// One published certificate, obtained.
#[derive(Debug)]
struct Published {
    cert: CertificateDer,
    sha256: String,
    subject: String,
    source: String,
}

/// One cell of the matrix, compared with the truststore's content.
#[derive(Debug)]
struct Row {
    alias: String,
    action: Action,
    previous: Option<String>,
}

/// A plan with every store opened and every certificate obtained: the changes are known, and
/// nothing has been written yet.
pub struct Exchange<'p> {
    plan: &'p Plan,
    /// `[server][store]`.
    stores: Vec<Vec<Opened>>,
    /// `[server][publication]`.
    published: Vec<Vec<Published>>,
    /// Aligned with `plan.imports`.
    rows: Vec<Row>,
    /// Directory locks, held until dropped.
    _locks: Vec<StoreFile>,
}

impl fmt::Debug for Exchange<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("plan", &self.plan.source)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// `server a.example.com, store truststore (a/trust.jks)`.
fn store_item(server: &str, store: &Store) -> String {
    format!("server {server}, store {} ({})", store.id, store.path)
}

/// keytool's fingerprint form: upper-case hex pairs joined by `:`.
#[must_use]
pub fn fingerprint(der: &[u8]) -> String {
    let digest = Sha256::digest(der);
    let mut out = String::with_capacity(digest.len() * 3);
    for (i, b) in digest.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push_str(&format!("{b:02X}"));
    }
    out
}

/// The file a path names, for telling two plan paths apart (links and `..` resolved; a file
/// that does not exist yet is named through its directory).
fn file_identity(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir).map_or_else(|_| path.to_path_buf(), |d| d.join(name))
        }
        _ => path.to_path_buf(),
    }
}

fn password_of(item: &str, store: &Store) -> Result<Password, Error> {
    match &store.password {
        PasswordSource::Inline(p) => Ok(p.clone()),
        PasswordSource::Env(var) => match std::env::var(var) {
            Ok(v) => Ok(Password::new(v)),
            Err(_) => Err(Error::Store {
                item: item.into(),
                message: format!("environment variable {var} (password_env) is not set"),
            }),
        },
    }
}

fn open_store(item: &str, store: &Store, password: Password) -> Result<Opened, Error> {
    let err = |message: String| Error::Store {
        item: item.into(),
        message,
    };
    let file = StoreFile::unlocked(&store.resolved);
    let bytes = match file.read(&Limits::DEFAULT) {
        Ok(b) => b,
        Err(FsError::NotFound { .. }) if store.create => {
            if password.java_len() < 6 {
                return Err(err(
                    "a new store needs a password of at least 6 characters".into()
                ));
            }
            let format = store.storetype.unwrap_or(StoreFormat::Pkcs12);
            return Ok(Opened {
                file,
                store: KeyStore::new(format),
                password,
                existed: false,
            });
        }
        Err(FsError::NotFound { .. }) => {
            return Err(err(
                "keystore file does not exist (create = true creates it)".into(),
            ));
        }
        Err(FsError::Empty { .. }) => return Err(err("keystore file is empty".into())),
        Err(e) => return Err(err(e.to_string())),
    };
    let Some(found) = detect(&bytes) else {
        return Err(err("not a keystore (neither JKS, JCEKS nor PKCS12)".into()));
    };
    if let Some(declared) = store.storetype
        && declared != found
    {
        return Err(err(format!(
            "the file is a {found} keystore, the plan says storetype = \"{declared}\""
        )));
    }
    let opened = KeyStore::from_bytes(&bytes, Some(&password)).map_err(|e| match e {
        keystore::Error::IntegrityCheckFailed => {
            err("wrong password (or the file was tampered with)".into())
        }
        other => err(format!("cannot open the {found} keystore: {other}")),
    })?;
    Ok(Opened {
        file,
        store: opened,
        password,
        existed: true,
    })
}

impl<'p> Exchange<'p> {
    /// Opens every store of the plan with its password, obtains every published certificate
    /// and compares the import matrix with the truststores. Writes nothing.
    ///
    /// # Errors
    /// The first problem found, naming its plan item: [`Error::Store`] (missing file, wrong
    /// password, unset `password_env`, format other than declared, same file named twice),
    /// [`Error::Source`] (missing alias, unreadable or invalid certificate file, TLS failure),
    /// [`Error::Conflict`] (an alias to set holds a key entry).
    pub fn prepare(plan: &'p Plan, options: &Options<'_>) -> Result<Self, Error> {
        // Passwords first: an unset variable should not wait for a lock.
        let mut passwords = Vec::with_capacity(plan.servers.len());
        for server in &plan.servers {
            let mut row = Vec::with_capacity(server.stores.len());
            for store in &server.stores {
                row.push(password_of(&store_item(&server.name, store), store)?);
            }
            passwords.push(row);
        }
        // The same file twice (through links or `..`) would be saved twice.
        let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
        let mut dirs: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
        for server in &plan.servers {
            for store in &server.stores {
                let item = store_item(&server.name, store);
                let id = file_identity(&store.resolved);
                if let Some(other) = files.get(&id) {
                    return Err(Error::Store {
                        item,
                        message: format!("the same file as {other}"),
                    });
                }
                let dir = id.parent().map_or_else(PathBuf::new, Path::to_path_buf);
                dirs.entry(dir).or_insert_with(|| store.resolved.clone());
                files.insert(id, item);
            }
        }
        // One lock per directory (the lock is the directory's), in a fixed order.
        let mut locks = Vec::new();
        if options.lock {
            for (dir, path) in &dirs {
                let lock = StoreFile::lock(path).map_err(|e| Error::Store {
                    item: format!("directory {}", dir.display()),
                    message: format!("cannot lock: {e}"),
                })?;
                locks.push(lock);
            }
        }
        let mut stores = Vec::with_capacity(plan.servers.len());
        for (server, pws) in plan.servers.iter().zip(passwords) {
            let mut row = Vec::with_capacity(server.stores.len());
            for (store, pw) in server.stores.iter().zip(pws) {
                row.push(open_store(&store_item(&server.name, store), store, pw)?);
            }
            stores.push(row);
        }
        let fetch: &TlsFetcher<'_> = options.tls.unwrap_or(&default_fetch);
        let mut published = Vec::with_capacity(plan.servers.len());
        for (server, opened) in plan.servers.iter().zip(&stores) {
            let mut row = Vec::with_capacity(server.publications.len());
            for p in &server.publications {
                let item = format!("server {}, publication {}", server.name, p.suffix);
                row.push(obtain(
                    &item,
                    &p.source,
                    server,
                    opened,
                    fetch,
                    plan.tls_timeout,
                )?);
            }
            published.push(row);
        }
        let mut rows = Vec::with_capacity(plan.imports.len());
        for import in &plan.imports {
            let (Some((server, store)), Some(publication), Some(cert), Some(opened)) = (
                plan.truststore(import),
                plan.publication(import),
                published
                    .get(import.publisher)
                    .and_then(|r| r.get(import.publication)),
                stores.get(import.server).and_then(|r| r.get(import.store)),
            ) else {
                continue;
            };
            let alias = publication.alias.to_lowercase();
            let (action, previous) = match opened.store.get(&alias) {
                None => (Action::Add, None),
                Some(Entry::TrustedCert(t)) if t.cert.as_bytes() == cert.cert.as_bytes() => {
                    (Action::Unchanged, None)
                }
                Some(Entry::TrustedCert(t)) => {
                    (Action::Replace, Some(fingerprint(t.cert.as_bytes())))
                }
                Some(other) => {
                    return Err(Error::Conflict {
                        item: store_item(&server.name, store),
                        message: format!(
                            "alias {alias} holds a {} in this store; it is not overwritten",
                            other.kind()
                        ),
                    });
                }
            };
            rows.push(Row {
                alias,
                action,
                previous,
            });
        }
        Ok(Self {
            plan,
            stores,
            published,
            rows,
            _locks: locks,
        })
    }

    /// Whether applying would write any store.
    #[must_use]
    pub fn has_changes(&self) -> bool {
        self.rows.iter().any(|r| r.action != Action::Unchanged)
    }

    /// The report of what applying would do (a dry run).
    #[must_use]
    pub fn report(&self) -> Report {
        self.build_report(true, &BTreeMap::new())
    }

    /// Applies the plan: each truststore that needs a change gets its certificates and is
    /// saved once, atomically (with `backup`, the previous file is kept as `<store>.bak`).
    /// Stores that need no change are not written at all. Every store is encoded before the
    /// first is written, so an encoding problem leaves every file as it was.
    ///
    /// # Errors
    /// [`Error::Conflict`] when a certificate cannot be set, [`Error::Save`] when writing fails
    /// (naming the stores already saved).
    pub fn apply(mut self, backup: bool) -> Result<Report, Error> {
        let mut pending: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (n, (import, row)) in self.plan.imports.iter().zip(&self.rows).enumerate() {
            if row.action != Action::Unchanged {
                pending
                    .entry((import.server, import.store))
                    .or_default()
                    .push(n);
            }
        }
        let now = keystore::now();
        let mut encoded = Vec::with_capacity(pending.len());
        for (&(si, ti), cells) in &pending {
            let (Some(server), Some(opened)) = (
                self.plan.servers.get(si),
                self.stores.get_mut(si).and_then(|r| r.get_mut(ti)),
            ) else {
                continue;
            };
            let item = server
                .stores
                .get(ti)
                .map_or_else(String::new, |s| store_item(&server.name, s));
            for &n in cells {
                let (Some(import), Some(row)) = (self.plan.imports.get(n), self.rows.get(n)) else {
                    continue;
                };
                let Some(cert) = self
                    .published
                    .get(import.publisher)
                    .and_then(|r| r.get(import.publication))
                else {
                    continue;
                };
                opened
                    .store
                    .set_trusted_cert(&row.alias, cert.cert.clone(), now)
                    .map_err(|e| Error::Conflict {
                        item: item.clone(),
                        message: format!("cannot set alias {}: {e}", row.alias),
                    })?;
            }
            opened.store.upgrade_version();
            let bytes = opened
                .store
                .to_bytes(&opened.password)
                .map_err(|e| Error::Save {
                    item: item.clone(),
                    message: format!("cannot encode the store: {e}"),
                    saved: Vec::new(),
                })?;
            encoded.push((si, ti, item, bytes));
        }
        let mut saved: Vec<String> = Vec::new();
        let mut backups: BTreeMap<(usize, usize), Option<String>> = BTreeMap::new();
        for (si, ti, item, bytes) in encoded {
            let (Some(store), Some(opened)) = (
                self.plan.servers.get(si).and_then(|s| s.stores.get(ti)),
                self.stores.get(si).and_then(|r| r.get(ti)),
            ) else {
                continue;
            };
            let mut options = SaveOptions::default();
            let mut kept = None;
            if backup && opened.existed {
                let mut b = store.resolved.clone().into_os_string();
                b.push(".bak");
                options = options.with_backup(PathBuf::from(b));
                kept = Some(format!("{}.bak", store.path));
            }
            opened
                .file
                .save_bytes(&bytes, &options)
                .map_err(|e| Error::Save {
                    item,
                    message: format!("cannot save: {e}"),
                    saved: saved.clone(),
                })?;
            saved.push(store.path.clone());
            backups.insert((si, ti), kept);
        }
        Ok(self.build_report(false, &backups))
    }

    fn build_report(
        &self,
        dry_run: bool,
        written: &BTreeMap<(usize, usize), Option<String>>,
    ) -> Report {
        let plan = self.plan;
        let mut publications = Vec::new();
        for (server, certs) in plan.servers.iter().zip(&self.published) {
            for (p, c) in server.publications.iter().zip(certs) {
                publications.push(PublicationReport {
                    alias: p.alias.to_lowercase(),
                    server: server.name.clone(),
                    suffix: p.suffix.clone(),
                    source: c.source.clone(),
                    subject: c.subject.clone(),
                    sha256: c.sha256.clone(),
                });
            }
        }
        let mut truststores: Vec<StoreReport> = Vec::new();
        let mut totals = Totals::default();
        let mut current: Option<(usize, usize)> = None;
        for (import, row) in plan.imports.iter().zip(&self.rows) {
            let key = (import.server, import.store);
            if current != Some(key) {
                current = Some(key);
                let (Some((server, store)), Some(opened)) = (
                    plan.truststore(import),
                    self.stores
                        .get(import.server)
                        .and_then(|r| r.get(import.store)),
                ) else {
                    continue;
                };
                truststores.push(StoreReport {
                    server: server.name.clone(),
                    store: store.id.clone(),
                    path: store.path.clone(),
                    format: opened.store.format().to_string(),
                    created: !opened.existed,
                    written: false,
                    backup: written.get(&key).cloned().flatten(),
                    imports: Vec::new(),
                });
            }
            let Some(report) = truststores.last_mut() else {
                continue;
            };
            let Some(publisher) = plan.servers.get(import.publisher) else {
                continue;
            };
            let suffix = plan.publication(import).map_or("", |p| p.suffix.as_str());
            let sha256 = self
                .published
                .get(import.publisher)
                .and_then(|r| r.get(import.publication))
                .map_or_else(String::new, |c| c.sha256.clone());
            match row.action {
                Action::Add => totals.added += 1,
                Action::Replace => totals.replaced += 1,
                Action::Unchanged => totals.unchanged += 1,
            }
            if row.action != Action::Unchanged {
                report.written = if dry_run {
                    true
                } else {
                    written.contains_key(&key)
                };
            }
            report.imports.push(ImportReport {
                alias: row.alias.clone(),
                from: format!("{}:{suffix}", publisher.name),
                action: row.action,
                sha256,
                previous_sha256: row.previous.clone(),
            });
        }
        totals.truststores = truststores.len();
        totals.stores_changed = truststores.iter().filter(|s| s.written).count();
        Report {
            plan: plan.source.clone(),
            dry_run,
            changed: totals.stores_changed > 0,
            servers: plan.servers.len(),
            publications,
            truststores,
            totals,
        }
    }
}

/// Obtains a published certificate from its source.
fn obtain(
    item: &str,
    source: &Source,
    server: &crate::plan::Server,
    opened: &[Opened],
    fetch: &TlsFetcher<'_>,
    timeout: Duration,
) -> Result<Published, Error> {
    let err = |message: String| Error::Source {
        item: item.into(),
        message,
    };
    let (cert, described) = match source {
        Source::Store { store, alias } => {
            let Some((_, o)) = server
                .stores
                .iter()
                .zip(opened)
                .find(|(s, _)| s.id.eq_ignore_ascii_case(store))
            else {
                return Err(err(format!("store {store} is not a store of this server")));
            };
            let cert = match o.store.get(alias) {
                None => {
                    return Err(err(format!(
                        "alias <{alias}> does not exist in store {store}"
                    )));
                }
                Some(Entry::SecretKey(_)) => {
                    return Err(err(format!(
                        "alias <{alias}> in store {store} is a secret key, not a certificate"
                    )));
                }
                Some(e) => e.certificate().cloned().ok_or_else(|| {
                    err(format!(
                        "alias <{alias}> in store {store} has no certificate"
                    ))
                })?,
            };
            (cert, format!("store {store}, alias {alias}"))
        }
        Source::File { path, resolved } => {
            let bytes = keystore::fs::read_input(resolved, MAX_CERT_FILE_BYTES).map_err(|e| {
                err(match e {
                    FsError::NotFound { .. } => {
                        format!("certificate file {path} does not exist")
                    }
                    other => format!("cannot read certificate file {path}: {other}"),
                })
            })?;
            let certs = parse_certificates(&bytes)
                .map_err(|e| err(format!("certificate file {path}: {e}")))?;
            let mut certs = certs.into_iter();
            let (Some(first), None) = (certs.next(), certs.next()) else {
                let n = parse_certificates(&bytes).map_or(0, |c| c.len());
                return Err(err(if n == 0 {
                    format!("certificate file {path} holds no certificate")
                } else {
                    format!(
                        "certificate file {path} holds {n} certificates; publish a file with exactly one"
                    )
                }));
            };
            (first, format!("file {path}"))
        }
        Source::Tls {
            target,
            server_name,
        } => {
            let chain = fetch(target, server_name.as_deref(), timeout)
                .map_err(|e| err(format!("TLS {target}: {e}")))?;
            let Some(leaf) = chain.into_iter().next() else {
                return Err(err(format!(
                    "TLS {target}: the server presented no certificate"
                )));
            };
            (CertificateDer::new(leaf), format!("tls {target}"))
        }
    };
    let parsed = cert
        .parse()
        .map_err(|e| err(format!("not a valid X.509 certificate ({described}): {e}")))?;
    Ok(Published {
        sha256: fingerprint(cert.as_bytes()),
        subject: parsed.tbs_certificate().subject().to_string(),
        cert,
        source: described,
    })
}
