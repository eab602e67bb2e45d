//! The plan file: TOML syntax, validation, and the validated [`Plan`] with its import matrix.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    time::Duration,
};

use keystore::{Password, StoreFormat};
use serde::{Deserialize, Deserializer, de};

use crate::Error;

/// Largest plan file read (bytes).
pub const MAX_PLAN_BYTES: usize = 1024 * 1024;
/// Most servers in a plan.
pub const MAX_SERVERS: usize = 256;
/// Most stores one server may list.
pub const MAX_STORES_PER_SERVER: usize = 16;
/// Most publications one server may list.
pub const MAX_PUBLICATIONS_PER_SERVER: usize = 32;
/// Most `trust` selectors one store may list.
pub const MAX_TRUST_SELECTORS: usize = 512;
/// Most cells in the import matrix (truststore × alias).
pub const MAX_IMPORTS: usize = 65_536;
/// The TLS handshake timeout when the plan sets none.
pub const DEFAULT_TLS_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest TLS handshake timeout a plan may set (seconds).
pub const MAX_TLS_TIMEOUT_SECS: u64 = 300;

const MAX_NAME_LEN: usize = 253;
const MAX_WORD_LEN: usize = 64;
const MAX_PATH_LEN: usize = 4096;
const MAX_ALIAS_LEN: usize = 255;

// ------------------------------------------------------------------------------------------ TOML

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    #[serde(default)]
    settings: RawSettings,
    #[serde(default, rename = "server")]
    servers: Vec<RawServer>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    tls_timeout_secs: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServer {
    name: String,
    #[serde(default, rename = "store")]
    stores: Vec<RawStore>,
    #[serde(default, rename = "publish")]
    publications: Vec<RawPublication>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStore {
    id: String,
    path: String,
    storetype: Option<String>,
    password: Option<Secret>,
    password_env: Option<String>,
    #[serde(default)]
    trust: Vec<String>,
    #[serde(default)]
    create: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublication {
    suffix: String,
    store: Option<String>,
    alias: Option<String>,
    file: Option<String>,
    tls: Option<String>,
    server_name: Option<String>,
}

/// A password read straight into a zeroizing [`Password`].
#[derive(Debug)]
struct Secret(Password);

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Secret;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a password string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Secret, E> {
                Ok(Secret(Password::new(v)))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Secret, E> {
                Ok(Secret(Password::new(v)))
            }
        }
        d.deserialize_str(V)
    }
}

// ------------------------------------------------------------------------------------------ Plan

/// A validated plan: servers, their stores and publications, and the import matrix.
#[derive(Debug)]
pub struct Plan {
    /// The plan file as named by the caller (errors and reports name it).
    pub source: String,
    /// The directory relative paths in the plan are resolved against (the plan file's).
    pub base_dir: PathBuf,
    /// The servers, in plan order.
    pub servers: Vec<Server>,
    /// The TLS handshake timeout for `tls` sources.
    pub tls_timeout: Duration,
    /// The import matrix: every (truststore, publication) pair the plan asks for, ordered by
    /// truststore (plan order), then publisher and publication (plan order).
    pub imports: Vec<Import>,
}

/// One server of the plan.
#[derive(Debug)]
pub struct Server {
    /// Its name (a host name, usually fully qualified): the alias prefix.
    pub name: String,
    /// The stores it holds.
    pub stores: Vec<Store>,
    /// The certificates it publishes.
    pub publications: Vec<Publication>,
}

/// One keystore file of a server.
#[derive(Debug)]
pub struct Store {
    /// Its id within the server (`keystore`, `truststore`, `cacerts`, …).
    pub id: String,
    /// The path as written in the plan.
    pub path: String,
    /// The path resolved against the plan's directory.
    pub resolved: PathBuf,
    /// The format the plan declares (checked against the file); `None` = detected.
    pub storetype: Option<StoreFormat>,
    /// Where the store password comes from.
    pub password: PasswordSource,
    /// Which publications this store must trust (empty: not a truststore).
    pub trust: Vec<Selector>,
    /// Whether a missing file is created (as `storetype`, default PKCS12).
    pub create: bool,
}

/// Where a store password comes from.
#[derive(Debug)]
pub enum PasswordSource {
    /// Written in the plan (`password = "…"`).
    Inline(Password),
    /// An environment variable (`password_env = "VAR"`).
    Env(String),
}

/// A certificate a server publishes, imported into truststores as `<server>_<suffix>`.
#[derive(Debug)]
pub struct Publication {
    /// The alias suffix (`IIS`, `DFP`, `WSM`, …).
    pub suffix: String,
    /// `<server>_<suffix>` as written (truststores fold it to lower case, as keytool does).
    pub alias: String,
    /// Where the certificate comes from.
    pub source: Source,
}

/// Where a published certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An entry of one of the server's own stores: the certificate of a trusted-certificate
    /// entry, or the leaf of a key entry's chain.
    Store {
        /// The store's id.
        store: String,
        /// The entry's alias.
        alias: String,
    },
    /// A certificate file (DER, PEM or PKCS#7) holding exactly one certificate.
    File {
        /// The path as written in the plan.
        path: String,
        /// The path resolved against the plan's directory.
        resolved: PathBuf,
    },
    /// The leaf certificate a TLS server presents.
    Tls {
        /// `host:port`.
        target: String,
        /// The SNI name to send (default: chosen by the TLS layer from `target`).
        server_name: Option<String>,
    },
}

/// One `trust` selector of a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// `*` (every publication of every other server) or `*:SUFFIX` (that suffix of every
    /// other server).
    Others {
        /// The suffix, when given.
        suffix: Option<String>,
    },
    /// `server` (every publication of that server, even the store's own server) or
    /// `server:SUFFIX` (one publication).
    Server {
        /// The server name.
        name: String,
        /// The suffix, when given.
        suffix: Option<String>,
    },
}

/// One cell of the import matrix, by index into [`Plan::servers`] and their lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Import {
    /// The server holding the truststore.
    pub server: usize,
    /// The truststore (index into that server's stores).
    pub store: usize,
    /// The publishing server.
    pub publisher: usize,
    /// The publication (index into the publisher's publications).
    pub publication: usize,
}

impl Plan {
    /// Reads and validates the plan file at `path` (read through [`keystore::fs`], capped at
    /// [`MAX_PLAN_BYTES`]); relative paths in it are resolved against its directory.
    ///
    /// # Errors
    /// [`Error::PlanFile`] when it cannot be read, [`Error::Syntax`] (with line and column) for
    /// TOML errors and unknown keys, [`Error::Plan`] for invalid content.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let source = path.display().to_string();
        let bytes =
            keystore::fs::read_input(path, MAX_PLAN_BYTES).map_err(|e| Error::PlanFile {
                path: source.clone(),
                message: match e {
                    keystore::fs::FsError::NotFound { .. } => "plan file does not exist".into(),
                    keystore::fs::FsError::TooLarge { len, limit, .. } => {
                        format!("plan file of {len} bytes exceeds the limit of {limit} bytes")
                    }
                    other => other.to_string(),
                },
            })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::PlanFile {
            path: source.clone(),
            message: "plan file is not UTF-8 text".into(),
        })?;
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Self::parse(&text, &source, &base)
    }

    /// Parses and validates plan text. `source` names the plan in errors; relative paths are
    /// resolved against `base_dir`.
    ///
    /// # Errors
    /// [`Error::Syntax`], [`Error::Plan`], as [`Plan::load`].
    pub fn parse(text: &str, source: &str, base_dir: &Path) -> Result<Self, Error> {
        if text.len() > MAX_PLAN_BYTES {
            return Err(Error::PlanFile {
                path: source.into(),
                message: format!(
                    "plan of {} bytes exceeds the limit of {MAX_PLAN_BYTES} bytes",
                    text.len()
                ),
            });
        }
        let raw: RawPlan = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
            Error::Syntax {
                file: source.into(),
                line,
                column,
                message: e.message().trim().to_owned(),
            }
        })?;
        let mut plan = validate(raw, source, base_dir)?;
        plan.imports = matrix(&plan)?;
        Ok(plan)
    }

    /// The publication an import brings in.
    #[must_use]
    pub fn publication(&self, import: &Import) -> Option<&Publication> {
        self.servers
            .get(import.publisher)?
            .publications
            .get(import.publication)
    }

    /// The truststore of an import, with its server.
    #[must_use]
    pub fn truststore(&self, import: &Import) -> Option<(&Server, &Store)> {
        let server = self.servers.get(import.server)?;
        Some((server, server.stores.get(import.store)?))
    }

    /// The number of stores in the plan.
    #[must_use]
    pub fn store_count(&self) -> usize {
        self.servers.iter().map(|s| s.stores.len()).sum()
    }

    /// The number of publications in the plan.
    #[must_use]
    pub fn publication_count(&self) -> usize {
        self.servers.iter().map(|s| s.publications.len()).sum()
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn plan_err(item: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Plan {
        item: item.into(),
        message: message.into(),
    }
}

/// A host name: letters, digits, `-` and `.`; no empty label.
fn valid_server_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// Store ids and alias suffixes: letters, digits, `_`, `-`, `.`.
fn valid_word(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= MAX_WORD_LEN
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn valid_path(path: &str) -> bool {
    !path.is_empty() && path.len() <= MAX_PATH_LEN && !path.contains('\0')
}

fn resolve(base: &Path, path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

/// `host:port` with a port in 1..=65535 (IPv6 literals in brackets).
fn valid_tls_target(target: &str) -> bool {
    let Some((host, port)) = target.rsplit_once(':') else {
        return false;
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        valid_server_name(host)
    };
    host_ok && port.parse::<u16>().is_ok_and(|p| p != 0)
}

fn parse_selector(text: &str) -> Option<Selector> {
    let (who, suffix) = match text.split_once(':') {
        Some((w, s)) => (w, Some(s)),
        None => (text, None),
    };
    if suffix.is_some_and(|s| !valid_word(s)) {
        return None;
    }
    let suffix = suffix.map(str::to_owned);
    if who == "*" {
        Some(Selector::Others { suffix })
    } else if valid_server_name(who) {
        Some(Selector::Server {
            name: who.to_owned(),
            suffix,
        })
    } else {
        None
    }
}

fn validate(raw: RawPlan, source: &str, base: &Path) -> Result<Plan, Error> {
    let tls_timeout = match raw.settings.tls_timeout_secs {
        None => DEFAULT_TLS_TIMEOUT,
        Some(s) if (1..=MAX_TLS_TIMEOUT_SECS).contains(&s) => Duration::from_secs(s),
        Some(s) => {
            return Err(plan_err(
                "settings",
                format!("tls_timeout_secs = {s} is outside 1..={MAX_TLS_TIMEOUT_SECS}"),
            ));
        }
    };
    if raw.servers.is_empty() {
        return Err(plan_err(source, "the plan lists no [[server]]"));
    }
    if raw.servers.len() > MAX_SERVERS {
        return Err(plan_err(
            source,
            format!(
                "the plan lists {} servers; at most {MAX_SERVERS} are allowed",
                raw.servers.len()
            ),
        ));
    }
    let mut names = BTreeSet::new();
    let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
    let mut aliases = BTreeSet::new();
    let mut servers = Vec::with_capacity(raw.servers.len());
    for (n, rs) in raw.servers.into_iter().enumerate() {
        if !valid_server_name(&rs.name) {
            return Err(plan_err(
                format!("server #{}", n + 1),
                format!(
                    "name {:?} is not a host name (letters, digits, '-' and '.', at most {MAX_NAME_LEN} characters)",
                    rs.name
                ),
            ));
        }
        let item = format!("server {}", rs.name);
        if !names.insert(rs.name.to_ascii_lowercase()) {
            return Err(plan_err(item, "server listed twice"));
        }
        if rs.stores.len() > MAX_STORES_PER_SERVER {
            return Err(plan_err(
                item,
                format!("more than {MAX_STORES_PER_SERVER} stores"),
            ));
        }
        if rs.publications.len() > MAX_PUBLICATIONS_PER_SERVER {
            return Err(plan_err(
                item,
                format!("more than {MAX_PUBLICATIONS_PER_SERVER} publications"),
            ));
        }
        let mut stores: Vec<Store> = Vec::with_capacity(rs.stores.len());
        for st in rs.stores {
            let sitem = format!("{item}, store {}", st.id);
            if !valid_word(&st.id) {
                return Err(plan_err(
                    format!("{item}, store {:?}", st.id),
                    "id must be letters, digits, '_', '-' or '.'",
                ));
            }
            if stores.iter().any(|s| s.id.eq_ignore_ascii_case(&st.id)) {
                return Err(plan_err(sitem, "store id used twice"));
            }
            if !valid_path(&st.path) {
                return Err(plan_err(sitem, "path is empty or too long"));
            }
            let storetype = match &st.storetype {
                None => None,
                Some(t) => Some(StoreFormat::from_keytool_name(t).ok_or_else(|| {
                    plan_err(
                        &sitem,
                        format!("storetype {t:?} is not JKS, JCEKS or PKCS12"),
                    )
                })?),
            };
            let password = match (st.password, st.password_env) {
                (Some(p), None) => PasswordSource::Inline(p.0),
                (None, Some(v)) if !v.is_empty() && !v.contains(['=', '\0']) => {
                    PasswordSource::Env(v)
                }
                (None, Some(v)) => {
                    return Err(plan_err(
                        sitem,
                        format!("password_env {v:?} is not a variable name"),
                    ));
                }
                (None, None) => {
                    return Err(plan_err(sitem, "needs password or password_env"));
                }
                (Some(_), Some(_)) => {
                    return Err(plan_err(
                        sitem,
                        "give either password or password_env, not both",
                    ));
                }
            };
            if st.trust.len() > MAX_TRUST_SELECTORS {
                return Err(plan_err(
                    sitem,
                    format!("more than {MAX_TRUST_SELECTORS} trust selectors"),
                ));
            }
            let trust = st
                .trust
                .iter()
                .map(|t| {
                    parse_selector(t).ok_or_else(|| {
                        plan_err(
                            &sitem,
                            format!(
                                "trust selector {t:?} is not \"*\", \"*:SUFFIX\", \"server\" or \"server:SUFFIX\""
                            ),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let resolved = resolve(base, &st.path);
            if !paths.insert(resolved.clone()) {
                return Err(plan_err(
                    sitem,
                    "another store of the plan has the same path",
                ));
            }
            stores.push(Store {
                id: st.id,
                path: st.path,
                resolved,
                storetype,
                password,
                trust,
                create: st.create,
            });
        }
        let mut publications: Vec<Publication> = Vec::with_capacity(rs.publications.len());
        for p in rs.publications {
            if !valid_word(&p.suffix) {
                return Err(plan_err(
                    format!("{item}, publication {:?}", p.suffix),
                    "suffix must be letters, digits, '_', '-' or '.'",
                ));
            }
            let pitem = format!("{item}, publication {}", p.suffix);
            if publications
                .iter()
                .any(|q| q.suffix.eq_ignore_ascii_case(&p.suffix))
            {
                return Err(plan_err(pitem, "suffix used twice"));
            }
            let source = match (p.store, p.alias, p.file, p.tls) {
                (Some(store), Some(alias), None, None) => {
                    if !stores.iter().any(|s| s.id.eq_ignore_ascii_case(&store)) {
                        return Err(plan_err(
                            pitem,
                            format!("store {store:?} is not a store of this server"),
                        ));
                    }
                    if alias.is_empty() || alias.len() > MAX_ALIAS_LEN {
                        return Err(plan_err(pitem, "alias is empty or too long"));
                    }
                    Source::Store { store, alias }
                }
                (Some(_), None, None, None) => {
                    return Err(plan_err(pitem, "store needs alias (the entry to publish)"));
                }
                (None, Some(_), None, None) => {
                    return Err(plan_err(pitem, "alias needs store (the store holding it)"));
                }
                (None, None, Some(path), None) => {
                    if !valid_path(&path) {
                        return Err(plan_err(pitem, "file path is empty or too long"));
                    }
                    Source::File {
                        resolved: resolve(base, &path),
                        path,
                    }
                }
                (None, None, None, Some(target)) => {
                    if !valid_tls_target(&target) {
                        return Err(plan_err(
                            pitem,
                            format!("tls = {target:?} is not \"host:port\""),
                        ));
                    }
                    Source::Tls {
                        target,
                        server_name: None,
                    }
                }
                (None, None, None, None) => {
                    return Err(plan_err(
                        pitem,
                        "needs a source: store and alias, file, or tls",
                    ));
                }
                _ => {
                    return Err(plan_err(
                        pitem,
                        "give one source only: store and alias, file, or tls",
                    ));
                }
            };
            let source = match (source, p.server_name) {
                (Source::Tls { target, .. }, Some(sni)) => {
                    if !valid_server_name(&sni) {
                        return Err(plan_err(
                            pitem,
                            format!("server_name {sni:?} is not a host name"),
                        ));
                    }
                    Source::Tls {
                        target,
                        server_name: Some(sni),
                    }
                }
                (_, Some(_)) => {
                    return Err(plan_err(pitem, "server_name applies to tls sources only"));
                }
                (s, None) => s,
            };
            let alias = format!("{}_{}", rs.name, p.suffix);
            if alias.len() > MAX_ALIAS_LEN {
                return Err(plan_err(pitem, "alias too long"));
            }
            if !aliases.insert(alias.to_lowercase()) {
                return Err(plan_err(pitem, format!("alias {alias} is published twice")));
            }
            publications.push(Publication {
                suffix: p.suffix,
                alias,
                source,
            });
        }
        servers.push(Server {
            name: rs.name,
            stores,
            publications,
        });
    }
    Ok(Plan {
        source: source.into(),
        base_dir: base.to_path_buf(),
        servers,
        tls_timeout,
        imports: Vec::new(),
    })
}

/// Computes the import matrix, checking that every selector names something that exists.
fn matrix(plan: &Plan) -> Result<Vec<Import>, Error> {
    let mut imports = Vec::new();
    for (si, server) in plan.servers.iter().enumerate() {
        for (ti, store) in server.stores.iter().enumerate() {
            let item = format!("server {}, store {}", server.name, store.id);
            let mut picked: BTreeSet<(usize, usize)> = BTreeSet::new();
            for sel in &store.trust {
                let mut matched = false;
                match sel {
                    Selector::Others { suffix } => {
                        for (pi, publisher) in plan.servers.iter().enumerate() {
                            if pi == si {
                                continue;
                            }
                            for (qi, p) in publisher.publications.iter().enumerate() {
                                if suffix
                                    .as_ref()
                                    .is_none_or(|s| s.eq_ignore_ascii_case(&p.suffix))
                                {
                                    matched = true;
                                    picked.insert((pi, qi));
                                }
                            }
                        }
                        if !matched && suffix.is_some() {
                            return Err(plan_err(
                                item,
                                format!(
                                    "trust selector \"*:{}\" matches no publication of another server",
                                    suffix.as_deref().unwrap_or_default()
                                ),
                            ));
                        }
                    }
                    Selector::Server { name, suffix } => {
                        let Some((pi, publisher)) = plan
                            .servers
                            .iter()
                            .enumerate()
                            .find(|(_, s)| s.name.eq_ignore_ascii_case(name))
                        else {
                            return Err(plan_err(
                                item,
                                format!("trust names server {name}, which is not in the plan"),
                            ));
                        };
                        for (qi, p) in publisher.publications.iter().enumerate() {
                            if suffix
                                .as_ref()
                                .is_none_or(|s| s.eq_ignore_ascii_case(&p.suffix))
                            {
                                matched = true;
                                picked.insert((pi, qi));
                            }
                        }
                        if !matched {
                            return Err(plan_err(
                                item,
                                match suffix {
                                    Some(s) => format!(
                                        "trust names {name}:{s}, which {name} does not publish"
                                    ),
                                    None => format!(
                                        "trust names server {name}, which publishes nothing"
                                    ),
                                },
                            ));
                        }
                    }
                }
            }
            if imports.len() + picked.len() > MAX_IMPORTS {
                return Err(plan_err(
                    &plan.source,
                    format!("the import matrix exceeds {MAX_IMPORTS} cells"),
                ));
            }
            imports.extend(picked.into_iter().map(|(pi, qi)| Import {
                server: si,
                store: ti,
                publisher: pi,
                publication: qi,
            }));
        }
    }
    Ok(imports)
}
