//! The tasks: DiagFwCertMgr's, on a keystore file and a bindings registry.

use std::{
    fs::File,
    io::Write as _,
    path::{Path, PathBuf},
    time::Duration,
};

use der::{Decode as _, Encode as _};
use keystore::{CertificateDer, Entry, KeyStore, Password};
use keystore_lint::{Finding, Severity, TlsServerPolicy};
use x509_cert::Certificate;
use zeroize::Zeroizing;

use crate::{
    args::{DEFAULT_PORT, Options, Task},
    registry::{self, Binding, RegistryFile},
    thumbprint::{Thumbprint, escape_invisible, summarize_removed},
};

/// How long `/connect:` waits for a server.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Alias of the RSA self-signed certificate `CreateAndBindCert` makes.
pub const SELF_SIGNED_RSA_ALIAS: &str = "diagfwsvc_rsa";
/// Alias of the ECDSA self-signed certificate the `…ECDSA` tasks make.
pub const SELF_SIGNED_ECDSA_ALIAS: &str = "diagfwsvc_ecdsa";
/// Validity of the self-signed certificates, in days.
const SELF_SIGNED_DAYS: u32 = 730;

/// A task that could not be carried out (the message names what is wrong); nothing on disk changed.
#[derive(Debug)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

fn fail<T>(message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure(message.into()))
}

/// Output: standard output, and `certbind.log` in `/logpath:` when given.
#[derive(Debug)]
pub struct Out {
    log: Option<File>,
    stdout: bool,
    captured: Vec<String>,
}

impl Out {
    /// Writes to standard output and, when `logpath` is given, appends to `<logpath>/certbind.log`.
    ///
    /// # Errors
    /// When the log file cannot be opened.
    pub fn new(logpath: Option<&Path>) -> Result<Self, Failure> {
        let log = match logpath {
            Some(dir) => {
                let path = dir.join("certbind.log");
                Some(
                    File::options()
                        .create(true)
                        .append(true)
                        .open(&path)
                        .map_err(|e| {
                            Failure(format!("cannot open the log file {}: {e}", path.display()))
                        })?,
                )
            }
            None => None,
        };
        Ok(Self {
            log,
            stdout: true,
            captured: Vec::new(),
        })
    }

    /// Collects lines in memory instead of printing them (for tests and embedding).
    #[must_use]
    pub fn capture() -> Self {
        Self {
            log: None,
            stdout: false,
            captured: Vec::new(),
        }
    }

    /// The captured lines.
    #[must_use]
    pub fn captured(&self) -> &[String] {
        &self.captured
    }

    /// Prints one line.
    pub fn line(&mut self, text: impl Into<String>) {
        let text = text.into();
        if self.stdout {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{text}");
            let _ = stdout.flush();
        } else {
            self.captured.push(text.clone());
        }
        if let Some(log) = &mut self.log {
            let _ = writeln!(log, "{text}");
        }
    }

    /// Prints an error line on standard error (and in the log).
    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        if self.stdout {
            eprintln!("{text}");
        } else {
            self.captured.push(text.clone());
        }
        if let Some(log) = &mut self.log {
            let _ = writeln!(log, "{text}");
        }
    }

    fn finding(&mut self, f: &Finding) {
        let tag = match f.severity {
            Severity::Pass => "PASS",
            Severity::Warn => "WARN",
            Severity::Fail => "FAIL",
        };
        self.line(format!("{tag}  {}: {}", f.check, f.message));
    }
}

/// Runs the task; returns the exit status (0: done / VALID, 1: NOT VALID).
///
/// # Errors
/// [`Failure`] for bad input (malformed hash, missing store, wrong password, …): nothing changed.
pub fn run(o: &Options, out: &mut Out) -> Result<u8, Failure> {
    let task = o.task.unwrap_or(Task::ValidateCertBinding);
    out.line("certbind: Diagnostic Framework certificate binding on keystore files");
    out.line(format!("Executing Task: '{}'", task.name()));
    match task {
        Task::BindCertFromStore => bind(o, out),
        Task::UnbindCert => unbind(o, out),
        Task::ValidateCertBinding => {
            let ctx = Context::new(o)?;
            let registry = RegistryFile::open(&ctx.bindings)?;
            out.line(format!("Binding IP Address: '{}'", ctx.ip_port));
            Ok(report(
                out,
                &validate(o, &ctx, registry.binding(&ctx.ip_port), None),
            ))
        }
        Task::CreateAndBindCert => create(o, out, KeyKind::Rsa, CreateMode::Bind),
        Task::CreateAndBindCertEcdsa => create(o, out, KeyKind::Ecdsa, CreateMode::Bind),
        Task::CreateAndAddToStoreCertEcdsa => create(o, out, KeyKind::Ecdsa, CreateMode::Add),
        Task::CheckAndCreateStoreCertEcdsa => {
            create(o, out, KeyKind::Ecdsa, CreateMode::AddIfAbsent)
        }
        Task::UnbindAndDeleteCert => delete(o, out, KeyKind::Rsa, true),
        Task::DeleteCertEcdsa => delete(o, out, KeyKind::Ecdsa, false),
        Task::UnbindAndDeleteCertEcdsa => delete(o, out, KeyKind::Ecdsa, true),
        Task::ShowCertBinding => show(o, out),
        Task::ServeCertBinding => serve(o, out),
        Task::ShowServerCert => show_server(o, out),
    }
}

impl From<registry::RegistryError> for Failure {
    fn from(e: registry::RegistryError) -> Self {
        Self(e.0)
    }
}

/// What every task works on: the store, its password, the registry and the port.
struct Context {
    store: PathBuf,
    bindings: PathBuf,
    ip_port: String,
}

impl Context {
    fn new(o: &Options) -> Result<Self, Failure> {
        let port = o.port.unwrap_or(DEFAULT_PORT);
        let (store, bindings) = match (&o.store, &o.bindings) {
            (Some(s), b) => {
                let store = absolute(s);
                let bindings = b.clone().unwrap_or_else(|| registry::default_path(&store));
                (store, bindings)
            }
            (None, Some(b)) => (PathBuf::new(), b.clone()),
            (None, None) => {
                return fail("no keystore given: /store:<keystore> (or /bindings:<file>)");
            }
        };
        Ok(Self {
            store,
            bindings,
            ip_port: format!("0.0.0.0:{port}"),
        })
    }

    /// The store a binding refers to (or `/store:` when given).
    fn store_for(&self, binding: Option<&Binding>) -> PathBuf {
        match binding {
            Some(b) if self.store.as_os_str().is_empty() => b.store.clone(),
            _ => self.store.clone(),
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn password_from(given: Option<&Password>, var: &str) -> Option<Password> {
    given
        .cloned()
        .or_else(|| std::env::var(var).ok().map(Password::new))
}

fn store_password(o: &Options) -> Result<Password, Failure> {
    password_from(o.storepass.as_ref(), "CERTBIND_STOREPASS").ok_or_else(|| {
        Failure("no keystore password: give /storepass:<password> or set CERTBIND_STOREPASS".into())
    })
}

fn key_password(o: &Options, store_pass: &Password) -> Password {
    password_from(o.keypass.as_ref(), "CERTBIND_KEYPASS").unwrap_or_else(|| store_pass.clone())
}

fn open_store(path: &Path, password: &Password) -> Result<KeyStore, Failure> {
    keystore::fs::open(path, Some(password))
        .map_err(|e| Failure(format!("cannot open the keystore {}: {e}", path.display())))
}

fn now_secs() -> i64 {
    keystore::now().0 / 1000
}

/// A certificate in the store with that thumbprint.
struct Found {
    alias: String,
    has_key: bool,
}

/// Every certificate the store holds as an entry's own: key entries' leaves and trusted
/// certificates, with whether the entry has a private key, in alias order.
fn leaf_certificates(store: &KeyStore) -> impl Iterator<Item = (String, &CertificateDer, bool)> {
    store
        .entries()
        .sorted()
        .into_iter()
        .filter_map(|(alias, entry)| match entry {
            Entry::PrivateKey(e) => e.chain.first().map(|c| (alias.to_string(), c, true)),
            Entry::TrustedCert(e) => Some((alias.to_string(), &e.cert, false)),
            _ => None,
        })
}

fn find(store: &KeyStore, thumbprint: &Thumbprint) -> Vec<Found> {
    leaf_certificates(store)
        .filter(|(_, cert, _)| thumbprint.matches(cert.as_bytes()))
        .map(|(alias, _, has_key)| Found { alias, has_key })
        .collect()
}

/// `alias  SHA1  subject` for every certificate in the store (to show what is there).
fn inventory(store: &KeyStore) -> Vec<String> {
    leaf_certificates(store)
        .map(|(alias, cert, has_key)| {
            let kind = if has_key {
                "key entry"
            } else {
                "trusted certificate"
            };
            let subject = cert
                .parse()
                .map(|c| c.tbs_certificate().subject().to_string())
                .unwrap_or_else(|_| "(unparsable certificate)".into());
            format!(
                "  {}  {alias} ({kind}): {subject}",
                Thumbprint::sha1_of(cert.as_bytes())
            )
        })
        .collect()
}

fn bind(o: &Options, out: &mut Out) -> Result<u8, Failure> {
    let ctx = Context::new(o)?;
    if ctx.store.as_os_str().is_empty() {
        return fail("no keystore given: /store:<keystore>");
    }
    let raw = o
        .certhash
        .as_deref()
        .ok_or_else(|| Failure("no thumbprint given: /certhash:<40 hex digits>".into()))?;
    out.line(format!(
        "CertHash Argument Passed: '{}'",
        escape_invisible(raw)
    ));
    let normalized = Thumbprint::parse(raw).map_err(|e| Failure(format!("{e}")))?;
    if !normalized.removed.is_empty() {
        out.line(format!(
            "Removed from the thumbprint: {}",
            summarize_removed(&normalized.removed)
        ));
    }
    let thumbprint = normalized.thumbprint;
    out.line("ATTEMPTING TO BIND CERTIFICATE");
    out.line(format!("Binding IP Address: '{}'", ctx.ip_port));
    out.line(format!("Trying to look up certificate: {thumbprint}"));
    let pass = store_password(o)?;
    let store = open_store(&ctx.store, &pass)?;
    out.line(format!(
        "Keystore {} ({}) was opened successfully",
        ctx.store.display(),
        store.format()
    ));
    let found = find(&store, &thumbprint);
    let Some(entry) = found.iter().find(|f| f.has_key) else {
        if let Some(trusted) = found.first() {
            return fail(format!(
                "certificate {thumbprint} is in the keystore only as the trusted certificate \
                 '{}', without a private key; a binding needs a key entry",
                trusted.alias
            ));
        }
        let mut message = format!(
            "no certificate with thumbprint {thumbprint} in {}",
            ctx.store.display()
        );
        let present = inventory(&store);
        if present.is_empty() {
            message.push_str(" (the keystore holds no certificates)");
        } else {
            message.push_str("; the keystore holds:\n");
            message.push_str(&present.join("\n"));
        }
        return fail(message);
    };
    out.line(format!(
        "Certificate requested found in store under alias '{}'",
        entry.alias
    ));
    if found.iter().filter(|f| f.has_key).count() > 1 {
        out.line(format!(
            "WARN  certificate-present: more than one key entry holds this certificate; binding '{}'",
            entry.alias
        ));
    }
    let keypass = key_password(o, &pass);
    store.private_key(&entry.alias, &keypass).map_err(|e| {
        Failure(format!(
            "the private key of '{}' cannot be recovered: {e} (give /keypass:<password> when it differs from the store password)",
            entry.alias
        ))
    })?;
    let mut registry = RegistryFile::open(&ctx.bindings)?;
    let sha1 = match store.certificate_chain(&entry.alias) {
        Ok([leaf, ..]) => Thumbprint::sha1_of(leaf.as_bytes()).to_string(),
        _ => thumbprint.to_string(),
    };
    if let Some(existing) = registry.binding(&ctx.ip_port) {
        if existing.cert_hash != sha1 {
            return fail(format!(
                "a certificate is already bound to {} (thumbprint {}, alias '{}'): run /task:UnbindCert first",
                ctx.ip_port, existing.cert_hash, existing.alias
            ));
        }
        out.line(format!(
            "The certificate is already bound to {}",
            ctx.ip_port
        ));
    }
    registry.set_binding(Binding {
        ip_port: ctx.ip_port.clone(),
        cert_hash: sha1.clone(),
        store: ctx.store.clone(),
        alias: entry.alias.clone(),
        bound_at: now_secs(),
    });
    registry.save()?;
    out.line(format!(
        "Certificate bind on {} completed successfully (bindings file {})",
        ctx.ip_port,
        registry.path().display()
    ));
    out.line(format!(
        "Certificate used saved in the bindings file: {sha1}"
    ));
    let findings = validate(
        o,
        &ctx,
        registry.binding(&ctx.ip_port),
        Some((&store, &pass)),
    );
    let status = report(out, &findings);
    if status == 0 {
        out.line("ALL TASKS FOR BINDING THE CERTIFICATE COMPLETED SUCCESSFULLY");
    } else {
        out.line("The binding was saved, but it is NOT VALID: fix the problems above, or /task:UnbindCert");
    }
    Ok(status)
}

fn unbind(o: &Options, out: &mut Out) -> Result<u8, Failure> {
    let ctx = Context::new(o)?;
    let mut registry = RegistryFile::open(&ctx.bindings)?;
    out.line(format!("Binding IP Address: '{}'", ctx.ip_port));
    unbind_in(&mut registry, &ctx.ip_port, None, out)?;
    Ok(0)
}

/// Removes the binding of `ip_port` (only if it is certificate `only`, when given) and saves.
fn unbind_in(
    registry: &mut RegistryFile,
    ip_port: &str,
    only: Option<&str>,
    out: &mut Out,
) -> Result<(), Failure> {
    match registry.binding(ip_port) {
        Some(b) if only.is_some_and(|t| t != b.cert_hash) => out.line(format!(
            "The binding on {ip_port} is certificate {}, not the self-signed one: left in place",
            b.cert_hash
        )),
        Some(_) => {
            if let Some(b) = registry.remove_binding(ip_port) {
                registry.save()?;
                out.line(format!(
                    "Certificate {} (alias '{}') unbound from {ip_port}",
                    b.cert_hash, b.alias
                ));
            }
        }
        None => out.line(format!("No certificate binding found for {ip_port}")),
    }
    Ok(())
}

/// Prints the findings and the verdict; returns the exit status.
fn report(out: &mut Out, findings: &[Finding]) -> u8 {
    for f in findings {
        out.finding(f);
    }
    let problems = findings
        .iter()
        .filter(|f| f.severity == Severity::Fail)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warn)
        .count();
    if problems == 0 {
        out.line("The certificate binding is VALID");
        if warnings > 0 {
            out.line(format!("{warnings} warning(s)"));
        }
        0
    } else {
        out.line(format!(
            "The certificate binding is NOT VALID: {problems} problem(s), {warnings} warning(s)"
        ));
        1
    }
}

/// The checks of `ValidateCertBinding`, every problem reported (spec §4.3, checks 2–12).
/// `loaded` is the bound store when the caller has just opened it (bind, create), so it is not
/// read and decoded a second time.
fn validate(
    o: &Options,
    ctx: &Context,
    binding: Option<&Binding>,
    loaded: Option<(&KeyStore, &Password)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let Some(binding) = binding else {
        findings.push(Finding::new(
            "binding",
            Severity::Fail,
            format!("no certificate is bound to {}", ctx.ip_port),
        ));
        return findings;
    };
    findings.push(Finding::new(
        "binding",
        Severity::Pass,
        format!(
            "{} is bound to certificate {} (alias '{}' in {})",
            binding.ip_port,
            binding.cert_hash,
            binding.alias,
            binding.store.display()
        ),
    ));
    let store_path = ctx.store_for(Some(binding));
    let (opened, opened_pass);
    let (store, pass) = match loaded {
        Some(loaded) => loaded,
        None => {
            opened_pass = match store_password(o) {
                Ok(p) => p,
                Err(e) => {
                    findings.push(Finding::new("store", Severity::Fail, e.0));
                    return findings;
                }
            };
            opened = match open_store(&store_path, &opened_pass) {
                Ok(s) => s,
                Err(e) => {
                    findings.push(Finding::new("store", Severity::Fail, e.0));
                    return findings;
                }
            };
            (&opened, &opened_pass)
        }
    };
    let thumbprint = match Thumbprint::parse(&binding.cert_hash) {
        Ok(n) => n.thumbprint,
        Err(e) => {
            findings.push(Finding::new(
                "binding",
                Severity::Fail,
                format!("the bindings file is damaged: {e}"),
            ));
            return findings;
        }
    };
    let found = find(store, &thumbprint);
    let entry = found
        .iter()
        .find(|f| f.has_key && f.alias == binding.alias)
        .or_else(|| found.iter().find(|f| f.has_key));
    let Some(entry) = entry else {
        let message = match found.first() {
            Some(t) => format!(
                "certificate {thumbprint} is in the keystore only as the trusted certificate '{}': there is no private key",
                t.alias
            ),
            None => format!(
                "certificate {thumbprint} is no longer in {} (alias '{}' {})",
                store_path.display(),
                binding.alias,
                if store.contains(&binding.alias) {
                    "now holds another certificate"
                } else {
                    "is gone"
                }
            ),
        };
        let check = if found.is_empty() {
            "certificate-present"
        } else {
            "private-key"
        };
        findings.push(Finding::new(check, Severity::Fail, message));
        return findings;
    };
    findings.push(Finding::new(
        "certificate-present",
        Severity::Pass,
        format!(
            "certificate {thumbprint} found under alias '{}'",
            entry.alias
        ),
    ));
    if found.iter().filter(|f| f.has_key).count() > 1 {
        findings.push(Finding::new(
            "certificate-present",
            Severity::Warn,
            "more than one key entry holds this certificate",
        ));
    }
    let chain: Vec<Certificate> = match store.certificate_chain(&entry.alias) {
        Ok(chain) => chain.iter().filter_map(|c| c.parse().ok()).collect(),
        Err(_) => Vec::new(),
    };
    let Some((leaf, rest)) = chain.split_first() else {
        findings.push(Finding::new(
            "certificate-present",
            Severity::Fail,
            "the certificate cannot be parsed",
        ));
        return findings;
    };
    key_checks(o, store, pass, &entry.alias, leaf, &mut findings);

    let anchors = trust_anchors(o, store, &mut findings);
    let host = o.host.clone().unwrap_or_else(machine_fqdn);
    let policy = TlsServerPolicy {
        now: now_secs(),
        host: Some(&host),
        expiry_warning_days: o
            .expiry_warning_days
            .unwrap_or(keystore_lint::DEFAULT_EXPIRY_WARNING_DAYS),
        trust_anchors: &anchors,
    };
    findings.extend(keystore_lint::check_tls_server(leaf, rest, &policy));
    if let Some(target) = &o.connect {
        findings.extend(live_check(target, o.host.as_deref(), &thumbprint));
    }
    findings
}

/// Checks 3–4: the private key can be recovered and belongs to the certificate.
fn key_checks(
    o: &Options,
    store: &KeyStore,
    pass: &Password,
    alias: &str,
    leaf: &Certificate,
    findings: &mut Vec<Finding>,
) {
    let keypass = key_password(o, pass);
    let pkcs8 = match store.private_key(alias, &keypass) {
        Ok(k) => k,
        Err(e) => {
            findings.push(Finding::new(
                "private-key",
                Severity::Fail,
                format!("the private key of '{alias}' cannot be recovered: {e}"),
            ));
            return;
        }
    };
    findings.push(Finding::new(
        "private-key",
        Severity::Pass,
        format!("private key of '{alias}' recovered"),
    ));
    if store.format() != keystore::StoreFormat::Pkcs12 && o.keypass.is_some() && keypass != *pass {
        findings.push(Finding::new(
            "private-key",
            Severity::Warn,
            "the key password differs from the store password (servers usually expect them equal)",
        ));
    }
    let spki = leaf.tbs_certificate().subject_public_key_info();
    match keystore_certgen::AnySigningKey::from_pkcs8_der(pkcs8.as_bytes())
        .ok()
        .and_then(|k| k.public_key_info().ok())
    {
        Some(public) if public.subject_public_key == spki.subject_public_key => {
            findings.push(Finding::new(
                "key-matches",
                Severity::Pass,
                "the private key matches the certificate's public key",
            ))
        }
        Some(_) => findings.push(Finding::new(
            "key-matches",
            Severity::Fail,
            "the private key does not belong to the certificate (public keys differ)",
        )),
        None => findings.push(Finding::new(
            "key-matches",
            Severity::Warn,
            "the key type is not supported for the key/certificate comparison",
        )),
    }
}

/// Trusted certificates: the store's trusted entries plus `/truststore:` (default: cacerts).
fn trust_anchors(o: &Options, store: &KeyStore, findings: &mut Vec<Finding>) -> Vec<Certificate> {
    let mut anchors: Vec<Certificate> = trusted_certs(store);
    let (path, explicit) = match &o.truststore {
        Some(p) => (p.clone(), true),
        None => (keystore::fs::system_cacerts_path(), false),
    };
    let pass = password_from(o.truststorepass.as_ref(), "CERTBIND_TRUSTSTOREPASS");
    let opened = keystore::fs::open(&path, pass.as_ref()).or_else(|e| match &pass {
        None => keystore::fs::open(&path, Some(&Password::new("changeit"))),
        Some(_) => Err(e),
    });
    match opened {
        Ok(trust) => anchors.extend(trusted_certs(&trust)),
        Err(e) if explicit => findings.push(Finding::new(
            "chain",
            Severity::Fail,
            format!("cannot open the truststore {}: {e}", path.display()),
        )),
        Err(_) => {}
    }
    anchors
}

fn trusted_certs(store: &KeyStore) -> Vec<Certificate> {
    store
        .entries()
        .iter()
        .filter_map(|(_, e)| match e {
            Entry::TrustedCert(t) => t.cert.parse().ok(),
            _ => None,
        })
        .collect()
}

/// Check 12: the server at `target` presents the bound certificate.
fn live_check(target: &str, host: Option<&str>, thumbprint: &Thumbprint) -> Vec<Finding> {
    match keystore_tls::fetch_chain(target, host, CONNECT_TIMEOUT) {
        Err(e) => vec![Finding::new("live-binding", Severity::Fail, format!("{e}"))],
        Ok(presented) => {
            let Some(leaf) = presented.chain.first() else {
                return vec![Finding::new(
                    "live-binding",
                    Severity::Fail,
                    format!("{target} presented no certificate"),
                )];
            };
            let served = Thumbprint::sha1_of(leaf);
            if thumbprint.matches(leaf) {
                let mut v = vec![Finding::new(
                    "live-binding",
                    Severity::Pass,
                    format!(
                        "{target} presents certificate {served} ({})",
                        presented.protocol
                    ),
                )];
                let self_signed =
                    Certificate::from_der(leaf).is_ok_and(|c| keystore_certgen::is_self_signed(&c));
                if presented.chain.len() == 1 && !self_signed {
                    v.push(Finding::new(
                        "live-binding",
                        Severity::Warn,
                        format!("{target} presents the certificate without its issuer chain"),
                    ));
                }
                v
            } else {
                vec![Finding::new(
                    "live-binding",
                    Severity::Fail,
                    format!("{target} presents certificate {served}, not the bound {thumbprint}"),
                )]
            }
        }
    }
}

/// This machine's fully qualified name: `hostname -f`, else the kernel's host name.
#[must_use]
pub fn machine_fqdn() -> String {
    let from_command = std::process::Command::new("hostname")
        .arg("-f")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty());
    from_command
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|s| s.trim().to_owned())
        })
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "localhost".into())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Rsa,
    Ecdsa,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CreateMode {
    Bind,
    Add,
    AddIfAbsent,
}

impl KeyKind {
    fn alias(self) -> &'static str {
        match self {
            Self::Rsa => SELF_SIGNED_RSA_ALIAS,
            Self::Ecdsa => SELF_SIGNED_ECDSA_ALIAS,
        }
    }
}

/// `CreateAndBindCert` and the ECDSA variants: a self-signed certificate for this host
/// (RSA 2048 or ECDSA P-384, CN and SAN dNSName = the FQDN, EKU serverAuth).
fn create(o: &Options, out: &mut Out, kind: KeyKind, mode: CreateMode) -> Result<u8, Failure> {
    let ctx = Context::new(o)?;
    if ctx.store.as_os_str().is_empty() {
        return fail("no keystore given: /store:<keystore>");
    }
    let pass = store_password(o)?;
    let keypass = key_password(o, &pass);
    let mut registry = RegistryFile::open(&ctx.bindings)?;
    let file = registry.store_file(&ctx.store)?;
    let mut store = if file.exists() {
        open_store(&ctx.store, &pass)?
    } else {
        out.line(format!(
            "Creating the keystore {} (PKCS12)",
            ctx.store.display()
        ));
        KeyStore::new(keystore::StoreFormat::Pkcs12)
    };
    let alias = kind.alias();
    if mode == CreateMode::AddIfAbsent && store.contains(alias) {
        out.line(format!(
            "The ECDSA self-signed certificate '{alias}' already exists: nothing to do"
        ));
        return Ok(0);
    }
    if mode == CreateMode::Bind
        && let Some(b) = registry.binding(&ctx.ip_port)
    {
        return fail(format!(
            "a certificate is already bound to {} (thumbprint {}, alias '{}'): run /task:UnbindCert first",
            ctx.ip_port, b.cert_hash, b.alias
        ));
    }
    let host = o.host.clone().unwrap_or_else(machine_fqdn);
    let (der, pkcs8) = self_signed(kind, &host)?;
    let sha1 = Thumbprint::sha1_of(&der).to_string();
    store
        .set_private_key(
            alias,
            &pkcs8,
            vec![CertificateDer::new(der)],
            &keypass,
            keystore::now(),
        )
        .map_err(|e| Failure(format!("cannot store the key: {e}")))?;
    save_store(&file, &store, &pass, &ctx.store)?;
    out.line(format!(
        "Self-signed certificate CN={host} created under alias '{alias}', thumbprint {sha1}"
    ));
    match kind {
        KeyKind::Rsa => registry.registry.self_signed.rsa = Some(sha1.clone()),
        KeyKind::Ecdsa => registry.registry.self_signed.ecdsa = Some(sha1.clone()),
    }
    if mode == CreateMode::Bind {
        registry.set_binding(Binding {
            ip_port: ctx.ip_port.clone(),
            cert_hash: sha1,
            store: ctx.store.clone(),
            alias: alias.to_owned(),
            bound_at: now_secs(),
        });
    }
    registry.save()?;
    if mode != CreateMode::Bind {
        return Ok(0);
    }
    out.line(format!(
        "Certificate bind on {} completed successfully",
        ctx.ip_port
    ));
    let findings = validate(
        o,
        &ctx,
        registry.binding(&ctx.ip_port),
        Some((&store, &pass)),
    );
    Ok(report(out, &findings))
}

/// Saves `store` atomically through `file` (a lock is already held).
fn save_store(
    file: &keystore::fs::StoreFile,
    store: &KeyStore,
    pass: &Password,
    path: &Path,
) -> Result<(), Failure> {
    file.save(store, pass, &keystore::fs::SaveOptions::default())
        .map_err(|e| Failure(format!("cannot save the keystore {}: {e}", path.display())))
}

fn self_signed(kind: KeyKind, host: &str) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>), Failure> {
    use keystore_certgen::{AnySigningKey, CertParams, KeyAlgorithm};
    let err = |e: &dyn std::fmt::Display| Failure(format!("cannot create the certificate: {e}"));
    let alg = match kind {
        KeyKind::Rsa => KeyAlgorithm::Rsa { bits: 2048 },
        KeyKind::Ecdsa => KeyAlgorithm::EcP384,
    };
    let key = AnySigningKey::generate(alg).map_err(|e| err(&e))?;
    let subject = keystore_certgen::dname::parse(&format!("CN={host}")).map_err(|e| err(&e))?;
    let ku = match kind {
        KeyKind::Rsa => "ku=digitalSignature,keyEncipherment",
        KeyKind::Ecdsa => "ku=digitalSignature",
    };
    let exts = keystore_certgen::ext::parse(&[
        format!("san=dns:{host}"),
        "eku=serverAuth".into(),
        ku.into(),
    ])
    .map_err(|e| err(&e))?;
    let params = CertParams::new(subject)
        .with_validity_days(SELF_SIGNED_DAYS)
        .with_extensions(exts);
    let cert = keystore_certgen::cert::self_signed(&key, &params).map_err(|e| err(&e))?;
    let der = cert.to_der().map_err(|e| err(&e))?;
    let pkcs8 = key.to_pkcs8_der().map_err(|e| err(&e))?;
    Ok((der, Zeroizing::new(pkcs8.as_bytes().to_vec())))
}

/// `UnbindAndDeleteCert`, `DeleteCertECDSA`, `UnbindAndDeleteCertECDSA`.
fn delete(o: &Options, out: &mut Out, kind: KeyKind, unbind_too: bool) -> Result<u8, Failure> {
    let ctx = Context::new(o)?;
    if ctx.store.as_os_str().is_empty() {
        return fail("no keystore given: /store:<keystore>");
    }
    let mut registry = RegistryFile::open(&ctx.bindings)?;
    let created = match kind {
        KeyKind::Rsa => registry.registry.self_signed.rsa.clone(),
        KeyKind::Ecdsa => registry.registry.self_signed.ecdsa.clone(),
    };
    if unbind_too {
        unbind_in(&mut registry, &ctx.ip_port, created.as_deref(), out)?;
    }
    let Some(created) = created else {
        out.line("No self-signed certificate created by certbind is recorded: nothing to delete");
        return Ok(0);
    };
    let pass = store_password(o)?;
    let file = registry.store_file(&ctx.store)?;
    let mut store = open_store(&ctx.store, &pass)?;
    let thumbprint = Thumbprint::parse(&created)
        .map_err(|e| Failure(format!("the bindings file is damaged: {e}")))?
        .thumbprint;
    let aliases: Vec<String> = find(&store, &thumbprint)
        .into_iter()
        .filter(|f| f.has_key)
        .map(|f| f.alias)
        .collect();
    for alias in &aliases {
        store.remove(alias);
    }
    if aliases.is_empty() {
        out.line(format!(
            "Self-signed certificate {created} is no longer in the keystore"
        ));
    } else {
        save_store(&file, &store, &pass, &ctx.store)?;
        out.line(format!(
            "Self-signed certificate {created} deleted (alias '{}')",
            aliases.join("', '")
        ));
    }
    match kind {
        KeyKind::Rsa => registry.registry.self_signed.rsa = None,
        KeyKind::Ecdsa => registry.registry.self_signed.ecdsa = None,
    }
    registry.save()?;
    Ok(0)
}

/// `ShowCertBinding`: the binding in `netsh http show sslcert`'s layout.
fn show(o: &Options, out: &mut Out) -> Result<u8, Failure> {
    let ctx = Context::new(o)?;
    let registry = RegistryFile::open(&ctx.bindings)?;
    out.line("SSL Certificate bindings:");
    out.line("-------------------------");
    out.line("");
    let bindings: Vec<&Binding> = if o.port.is_some() {
        registry.binding(&ctx.ip_port).into_iter().collect()
    } else {
        registry.registry.bindings.iter().collect()
    };
    for b in bindings {
        out.line(format!("    IP:port                      : {}", b.ip_port));
        out.line(format!(
            "    Certificate Hash             : {}",
            b.cert_hash.to_lowercase()
        ));
        out.line(format!(
            "    Certificate Store Name       : {}",
            b.store.display()
        ));
        out.line(format!("    Alias                        : {}", b.alias));
        out.line("");
    }
    Ok(0)
}

/// The bound certificate's chain and key, for serving.
fn bound_identity(o: &Options, ctx: &Context) -> Result<(keystore_tls::Identity, String), Failure> {
    let registry = RegistryFile::open(&ctx.bindings)?;
    let binding = registry
        .binding(&ctx.ip_port)
        .ok_or_else(|| Failure(format!("no certificate is bound to {}", ctx.ip_port)))?;
    let pass = store_password(o)?;
    let store = open_store(&ctx.store_for(Some(binding)), &pass)?;
    let keypass = key_password(o, &pass);
    let key = store.private_key(&binding.alias, &keypass).map_err(|e| {
        Failure(format!(
            "the private key of '{}' cannot be recovered: {e}",
            binding.alias
        ))
    })?;
    let chain = store
        .certificate_chain(&binding.alias)
        .map_err(|e| Failure(format!("'{}': {e}", binding.alias)))?
        .iter()
        .map(|c| c.as_bytes().to_vec())
        .collect::<Vec<_>>();
    if chain
        .first()
        .is_none_or(|c| Thumbprint::sha1_of(c).to_string() != binding.cert_hash)
    {
        return fail(format!(
            "alias '{}' no longer holds the bound certificate {}: run /task:ValidateCertBinding",
            binding.alias, binding.cert_hash
        ));
    }
    Ok((
        keystore_tls::Identity {
            chain,
            key_pkcs8: Zeroizing::new(key.as_bytes().to_vec()),
        },
        binding.cert_hash.clone(),
    ))
}

/// `ServeCertBinding`: serves the bound certificate over TLS.
fn serve(o: &Options, out: &mut Out) -> Result<u8, Failure> {
    let ctx = Context::new(o)?;
    let (identity, hash) = bound_identity(o, &ctx)?;
    let listen = o
        .listen
        .clone()
        .unwrap_or_else(|| format!("127.0.0.1:{}", o.port.unwrap_or(DEFAULT_PORT)));
    let server = keystore_tls::Server::bind(identity, listen.as_str())
        .map_err(|e| Failure(format!("cannot serve on {listen}: {e}")))?;
    out.line(format!(
        "Serving certificate {hash} on https://{}/",
        server.local_addr()
    ));
    match o.count {
        Some(n) => {
            for _ in 0..n {
                if let Err(e) = server.serve_one() {
                    out.line(format!("connection failed: {e}"));
                }
            }
        }
        None => server
            .serve_until(|| false)
            .map_err(|e| Failure(format!("serving failed: {e}")))?,
    }
    Ok(0)
}

/// `ShowServerCert`: the chain a server presents.
fn show_server(o: &Options, out: &mut Out) -> Result<u8, Failure> {
    let target = o
        .connect
        .as_deref()
        .ok_or_else(|| Failure("no server given: /connect:<host:port>".into()))?;
    let presented = keystore_tls::fetch_chain(target, o.host.as_deref(), CONNECT_TIMEOUT)
        .map_err(|e| Failure(format!("{e}")))?;
    out.line(format!(
        "{target} presented {} certificate(s) over {} ({})",
        presented.chain.len(),
        presented.protocol,
        presented.cipher_suite
    ));
    for (i, der) in presented.chain.iter().enumerate() {
        let (subject, issuer) = match Certificate::from_der(der) {
            Ok(c) => (
                c.tbs_certificate().subject().to_string(),
                c.tbs_certificate().issuer().to_string(),
            ),
            Err(_) => ("(unparsable)".into(), String::new()),
        };
        out.line(format!("Certificate[{}]:", i + 1));
        out.line(format!("  Subject: {subject}"));
        out.line(format!("  Issuer: {issuer}"));
        out.line(format!(
            "  Thumbprint (SHA-1): {}",
            Thumbprint::sha1_of(der)
        ));
        out.line(format!("  SHA-256: {}", Thumbprint::sha256_of(der)));
    }
    Ok(0)
}
