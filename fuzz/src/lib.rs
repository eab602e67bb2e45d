//! Bodies of the fuzz targets in `fuzz_targets/`, one function per target.
//!
//! They live here, not in the target files, so that the stable test `corpus_replay` in the
//! top-level `tests/` package can include this very file (`#[path]`) and feed it every file
//! of `fuzz/corpus/<target>/`: a crash reproducer saved there stays a regression test
//! without nightly or cargo-fuzz.
//!
//! Only the public API is called. Each function must never panic on any input; the asserts
//! are the properties the fuzzer checks.

use keystore::{Error, KeyStore, Limits, Password};
use keystore_jks::{mutf8, sealed};

/// The store password the targets try (keytool's default, used by `cacerts`).
pub const PASSWORD: &str = "changeit";

/// The password `jks_roundtrip` re-encodes with.
pub const ROUNDTRIP_PASSWORD: &str = "fuzz-roundtrip";

/// PBE iteration cap for `sealed_object`, so one input cannot cost seconds of MD5.
/// (Java's cap is 5,000,000; the check happens before any key derivation.)
pub const SEALED_MAX_ITERATIONS: u32 = 1_000;

/// A target body.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/corpus/<name>/` is named.
pub const TARGETS: &[(&str, Target)] = &[
    ("jks_decode", jks_decode),
    ("pkcs12_decode", pkcs12_decode),
    ("detect_then_decode", detect_then_decode),
    ("sealed_object", sealed_object),
    ("modified_utf8", modified_utf8),
    ("jks_roundtrip", jks_roundtrip),
    ("thumbprint", thumbprint),
    ("certbind_args", certbind_args),
    ("certbind_registry", certbind_registry),
    ("lint_certificate", lint_certificate),
    ("lint_request", lint_request),
    ("exchange_plan", exchange_plan),
    ("tls_identity", tls_identity),
];

/// `keystore_jks::decode` with `Some(&Password::new("changeit"))` and with `None`.
///
/// Property: a file that verifies also loads unverified, to the same entries.
pub fn jks_decode(data: &[u8]) {
    let limits = Limits::DEFAULT;
    let verified = keystore_jks::decode(data, Some(&Password::new(PASSWORD)), &limits);
    let unverified = keystore_jks::decode(data, None, &limits);
    if let Ok(v) = verified {
        let u = unverified.expect("a store that verifies must also load without a password");
        assert_eq!(v.format, u.format);
        assert_eq!(v.version, u.version);
        assert_eq!(v.entries, u.entries);
    }
}

/// `keystore_pkcs12::decode` with `Some(&Password::new("changeit"))` and with `None`, under
/// small iteration caps so one input cannot cost seconds of PBKDF2.
///
/// Property: whatever verifies with the password also loads without it (then with no more
/// entries than the verified load, since encrypted certificate safes are skipped).
pub fn pkcs12_decode(data: &[u8]) {
    let mut limits = Limits::DEFAULT;
    limits.max_iterations = 2_048;
    let verified = keystore_pkcs12::decode(data, Some(&Password::new(PASSWORD)), &limits);
    let unverified = keystore_pkcs12::decode(data, None, &limits);
    if let Ok(v) = verified {
        let u = unverified.expect("a PKCS#12 file that verifies must also load without a password");
        assert!(u.entries.len() <= v.entries.len() || v.skipped_encrypted_safes == 0);
    }
}

/// The facade: `KeyStore::from_bytes` (format detection, then the codec), with and without
/// the password, then the read-only calls a lister makes on what was loaded.
///
/// Properties: a loaded store has the detected format; every stored alias is found again,
/// and a lookup finds the last entry stored under that exact alias (Java: the last one wins).
pub fn detect_then_decode(data: &[u8]) {
    let detected = keystore::detect(data);
    for password in [Some(Password::new(PASSWORD)), None] {
        if let Ok(store) = KeyStore::from_bytes(data, password.as_ref()) {
            assert_eq!(Some(store.format()), detected);
            inspect(&store);
        }
    }
}

fn inspect(store: &KeyStore) {
    let entries: Vec<_> = store.entries().iter().collect();
    for (i, (alias, entry)) in entries.iter().enumerate() {
        assert!(
            store.contains(alias.as_str()),
            "stored alias {alias:?} not found again"
        );
        let last = entries
            .iter()
            .rposition(|(a, _)| a.as_str() == alias.as_str());
        if last == Some(i) {
            assert_eq!(
                store.get(alias.as_str()),
                Some(*entry),
                "lookup of {alias:?}"
            );
        }
        for cert in entry.certificates() {
            let _ = cert.parse();
        }
    }
    let listed = store.entries().sorted();
    assert!(listed.len() <= store.len());
}

/// `keystore_jks::sealed::unseal` of a JCEKS secret-key stream with `changeit`.
///
/// Property: a key that unseals, sealed again, unseals to the same key.
pub fn sealed_object(data: &[u8]) {
    let mut limits = Limits::DEFAULT;
    limits.max_iterations = SEALED_MAX_ITERATIONS;
    let password = Password::new(PASSWORD);
    if let Ok(key) = sealed::unseal(data, &password, &limits) {
        let resealed = sealed::seal(&key, &password, &[1, 2, 3, 4, 5, 6, 7, 8], 1)
            .expect("an unsealed key must seal again");
        let again =
            sealed::unseal(&resealed, &password, &limits).expect("a sealed key must unseal");
        assert_eq!(again.algorithm(), key.algorithm());
        assert_eq!(again.secret_bytes(), key.secret_bytes());
    }
}

/// `keystore_jks::mutf8`: decode arbitrary bytes, encode arbitrary UTF-8.
///
/// Properties: whatever decodes re-encodes (canonically) to bytes that decode to the same
/// string; `encoded_len` is exact; every string survives encode → decode.
pub fn modified_utf8(data: &[u8]) {
    if let Ok(text) = mutf8::decode(data) {
        check_mutf8(&text);
    }
    if let Ok(text) = core::str::from_utf8(data) {
        check_mutf8(text);
    }
}

fn check_mutf8(text: &str) {
    let encoded = mutf8::encode(text);
    assert_eq!(encoded.len(), mutf8::encoded_len(text));
    assert!(
        !encoded.contains(&0),
        "modified UTF-8 never contains a zero byte"
    );
    assert_eq!(mutf8::decode(&encoded).as_deref(), Ok(text));
}

/// Inverse property (tls_codec `inverse.rs`): if the bytes decode without a password, the
/// entries encode with a fixed password and decode with it to equal entries, and encoding
/// those again gives the same bytes.
pub fn jks_roundtrip(data: &[u8]) {
    let limits = Limits::DEFAULT;
    let Ok(decoded) = keystore_jks::decode(data, None, &limits) else {
        return;
    };
    let password = Password::new(ROUNDTRIP_PASSWORD);
    let encoded =
        match keystore_jks::encode(&decoded.entries, decoded.format, decoded.version, &password) {
            Ok(bytes) => bytes,
            // Decoding keeps keys and certificates as opaque bytes; encoding checks that a key
            // is an EncryptedPrivateKeyInfo in a scheme the format holds, so these may fail.
            Err(
                Error::Unencodable(_)
                | Error::UnsupportedAlgorithm { .. }
                | Error::EntryNotSupported { .. },
            ) => {
                return;
            }
            Err(e) => panic!("decoded entries failed to encode: {e}"),
        };
    let again = keystore_jks::decode(&encoded, Some(&password), &limits)
        .expect("an encoded store must decode");
    assert_eq!(again.format, decoded.format);
    assert_eq!(again.version, decoded.version);
    assert_eq!(again.entries, decoded.entries);
    let encoded_again =
        keystore_jks::encode(&again.entries, again.format, again.version, &password)
            .expect("re-encoding decoded entries must succeed");
    assert_eq!(encoded_again, encoded, "encoding is not byte-stable");
}

// ------------------------------------------------------------------ certbind, lint, exchange, tls

/// The fixed time the lint targets check validity at (2025-06-15T00:00:00Z).
pub const LINT_NOW: i64 = 1_749_945_600;

/// Most certificates the lint and TLS targets split from one input (leaf first).
pub const MAX_SPLIT_CERTIFICATES: usize = 4;

/// Most arguments `certbind_args` splits from one input.
pub const MAX_ARGS: usize = 64;

/// The fixed identity of `tls_identity`: an EC P-256 key (PKCS#8) and its self-signed
/// certificate (CN and SAN `www.example.com`), made with OpenSSL for the fuzz corpus only.
pub const TLS_KEY_PKCS8: &[u8] = include_bytes!("../data/tls-ec-p256.p8");

/// The certificate of [`TLS_KEY_PKCS8`].
pub const TLS_CERT_DER: &[u8] = include_bytes!("../data/tls-ec-p256.der");

/// `certbind::Thumbprint::parse` on arbitrary UTF-8 (non-UTF-8 inputs are skipped: the
/// command line is decoded before the thumbprint is looked at).
///
/// Properties: an accepted input had 40 or 64 hex digits plus exactly the reported removed
/// characters (at the reported positions, in order); the `Display` form re-parses to the same
/// value with nothing removed; a rejected character is at the reported position and is neither
/// a hex digit nor a separator or white space; a length error gives the number of hex digits of
/// the input, never 40 or 64.
pub fn thumbprint(data: &[u8]) {
    use certbind::thumbprint::{ThumbprintError, describe, escape_invisible, summarize_removed};
    let Ok(input) = core::str::from_utf8(data) else {
        return;
    };
    let chars: Vec<char> = input.chars().collect();
    let _ = escape_invisible(input);
    match certbind::Thumbprint::parse(input) {
        Ok(n) => {
            let canonical = n.thumbprint.to_string();
            assert!(
                canonical.len() == 40 || canonical.len() == 64,
                "{canonical:?}"
            );
            assert_eq!(n.thumbprint.is_sha1(), canonical.len() == 40);
            assert!(
                canonical
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)),
                "{canonical:?}"
            );
            assert_eq!(
                chars.len(),
                canonical.len() + n.removed.len(),
                "every character is a digit or reported as removed"
            );
            let mut last = None;
            for r in &n.removed {
                assert!(last < Some(r.position), "removed positions increase");
                last = Some(r.position);
                assert_eq!(chars.get(r.position), Some(&r.ch), "removed {r:?}");
                assert!(!r.ch.is_ascii_hexdigit(), "a hex digit was removed: {r:?}");
            }
            let digits: String = chars
                .iter()
                .filter(|c| c.is_ascii_hexdigit())
                .map(char::to_ascii_uppercase)
                .collect();
            assert_eq!(digits, canonical);
            let again = certbind::Thumbprint::parse(&canonical).expect("the canonical form parses");
            assert_eq!(again.thumbprint, n.thumbprint);
            assert!(again.removed.is_empty(), "{:?}", again.removed);
            let _ = summarize_removed(&n.removed);
        }
        Err(e) => {
            let _ = e.to_string();
            match e {
                ThumbprintError::InvalidCharacter { position, ch } => {
                    assert_eq!(chars.get(position), Some(&ch), "{e:?}");
                    assert!(
                        !ch.is_ascii_hexdigit() && !ch.is_whitespace() && ch != ':' && ch != '-',
                        "{e:?}"
                    );
                    let _ = describe(ch);
                }
                ThumbprintError::TooLong { chars: n } => {
                    assert_eq!(n, chars.len(), "{e:?}");
                    assert!(n > certbind::thumbprint::MAX_INPUT_CHARS, "{e:?}");
                }
                ThumbprintError::WrongLength { digits } => {
                    assert!(
                        chars.len() <= certbind::thumbprint::MAX_INPUT_CHARS,
                        "{e:?}"
                    );
                    let hex = chars.iter().filter(|c| c.is_ascii_hexdigit()).count();
                    assert_eq!(digits, hex, "{e:?}: the input has {hex} hex digits");
                    assert!(digits != 40 && digits != 64, "{e:?} for {input:?}");
                }
            }
        }
    }
}

/// `certbind::args::parse` on an argument vector split from the input at `\n` and NUL (at most
/// [`MAX_ARGS`] arguments; non-UTF-8 inputs are skipped).
///
/// Properties: an accepted command line has a task, every argument looks like an option, the
/// port is not 0, `/expirywarn` is at most 3650 days, and the task's name parses back to it.
pub fn certbind_args(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let args: Vec<&str> = if text.is_empty() {
        Vec::new()
    } else {
        text.split(['\n', '\0']).take(MAX_ARGS).collect()
    };
    match certbind::args::parse(&args) {
        Ok(o) => {
            let task = o.task.expect("an accepted command line has a task");
            assert!(args.iter().all(|a| a.starts_with(['/', '-'])), "{args:?}");
            assert_ne!(o.port, Some(0));
            assert!(o.expiry_warning_days.is_none_or(|d| d <= 3650));
            let name = format!("/task:{}", task.name());
            let again = certbind::args::parse([name.as_str()]).expect("a task name parses");
            assert_eq!(again.task, Some(task));
            let _ = format!("{o:?}");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// `certbind::registry::Registry` from JSON (what `RegistryFile::open` deserializes).
///
/// Property: whatever deserializes serializes and deserializes to an equal registry.
pub fn certbind_registry(data: &[u8]) {
    use certbind::registry::Registry;
    if let Ok(registry) = serde_json::from_slice::<Registry>(data) {
        let json = serde_json::to_vec(&registry).expect("a registry serializes");
        let again: Registry = serde_json::from_slice(&json).expect("a serialized registry parses");
        assert_eq!(again, registry);
    }
}

/// Up to [`MAX_SPLIT_CERTIFICATES`] DER certificates from the front of `data`, stopping at
/// the first bytes that are not one.
fn split_certificates(data: &[u8]) -> Vec<x509_cert::Certificate> {
    use der::Decode as _;
    let mut certs = Vec::new();
    let mut rest = data;
    while certs.len() < MAX_SPLIT_CERTIFICATES && !rest.is_empty() {
        match x509_cert::Certificate::from_der_partial(rest) {
            Ok((cert, tail)) => {
                certs.push(cert);
                rest = tail;
            }
            Err(_) => break,
        }
    }
    certs
}

/// `keystore_lint::check_tls_server` and `keystore_lint::lint_certificate` on the DER
/// certificates at the front of the input (leaf first, the rest as its chain), with fixed
/// policies: a host name and an IP address, the leaf and the rest as trust anchors, and every
/// role.
///
/// Properties: no panic; the number and order of findings are fixed by the function (7 and 9
/// findings); the reports render as text and JSON.
pub fn lint_certificate(data: &[u8]) {
    use keystore_lint::{LintPolicy, Report, Role, Subject, TlsServerPolicy};
    let certs = split_certificates(data);
    let Some((leaf, chain)) = certs.split_first() else {
        return;
    };
    let mut reports = Vec::new();
    for (host, anchors) in [
        (Some("www.example.com"), chain),
        (Some("127.0.0.1"), core::slice::from_ref(leaf)),
        (None, &[][..]),
    ] {
        let policy = TlsServerPolicy {
            now: LINT_NOW,
            host,
            expiry_warning_days: keystore_lint::DEFAULT_EXPIRY_WARNING_DAYS,
            trust_anchors: anchors,
        };
        let findings = keystore_lint::check_tls_server(leaf, chain, &policy);
        assert!(!findings.is_empty());
        reports.push(Report::new(
            None,
            String::new(),
            Subject::Certificate,
            findings,
        ));
    }
    for role in [Role::Server, Role::Client, Role::Both] {
        let policy = LintPolicy {
            now: LINT_NOW,
            role,
            expiry_warning_days: keystore_lint::DEFAULT_EXPIRY_WARNING_DAYS,
        };
        let findings = keystore_lint::lint_certificate(leaf, chain, &policy);
        assert_eq!(findings.len(), 9, "lint_certificate's rules: {findings:?}");
        reports.push(Report::new(
            Some("fuzz".to_owned()),
            leaf.tbs_certificate().subject().to_string(),
            Subject::Certificate,
            findings,
        ));
    }
    for r in &reports {
        let _ = r.lines(true);
    }
    let _ = keystore_lint::to_json(&reports);
}

/// `keystore_lint::lint_request` on a DER PKCS#10 request, for every role.
///
/// Properties: no panic; the reports render as text and JSON.
pub fn lint_request(data: &[u8]) {
    use der::Decode as _;
    use keystore_lint::{LintPolicy, Report, Role, Subject};
    let Ok(req) = x509_cert::request::CertReq::from_der(data) else {
        return;
    };
    let mut reports = Vec::new();
    for role in [Role::Server, Role::Client, Role::Both] {
        let policy = LintPolicy {
            now: LINT_NOW,
            role,
            expiry_warning_days: keystore_lint::DEFAULT_EXPIRY_WARNING_DAYS,
        };
        let findings = keystore_lint::lint_request(&req, &policy);
        assert!(!findings.is_empty());
        reports.push(Report::new(
            None,
            req.info.subject.to_string(),
            Subject::Request,
            findings,
        ));
    }
    for r in &reports {
        let _ = r.lines(false);
    }
    let _ = keystore_lint::to_json(&reports);
}

/// `keystore_exchange::Plan::parse` on arbitrary UTF-8 (the public parse-only entry point;
/// no file is read: paths are only resolved against a fixed base directory).
///
/// Properties: an accepted plan respects every cap (servers, stores, publications, selectors,
/// matrix cells, TLS timeout), publications are `<server>_<suffix>` and unique ignoring case,
/// the import matrix is sorted, duplicate-free and every cell resolves; a syntax error names
/// a line (and column) inside the text, a plan error names an item.
pub fn exchange_plan(data: &[u8]) {
    use keystore_exchange::{
        Error as PlanError, MAX_IMPORTS, MAX_PUBLICATIONS_PER_SERVER, MAX_SERVERS,
        MAX_STORES_PER_SERVER, MAX_TLS_TIMEOUT_SECS, MAX_TRUST_SELECTORS, Plan,
    };
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    match Plan::parse(text, "fuzz.toml", std::path::Path::new("/fuzz-base")) {
        Ok(plan) => {
            assert!((1..=MAX_SERVERS).contains(&plan.servers.len()));
            let secs = plan.tls_timeout.as_secs();
            assert!((1..=MAX_TLS_TIMEOUT_SECS).contains(&secs), "{secs}");
            let mut aliases = std::collections::BTreeSet::new();
            for s in &plan.servers {
                assert!(s.stores.len() <= MAX_STORES_PER_SERVER);
                assert!(s.publications.len() <= MAX_PUBLICATIONS_PER_SERVER);
                for st in &s.stores {
                    assert!(st.trust.len() <= MAX_TRUST_SELECTORS);
                    assert!(st.resolved.starts_with("/fuzz-base") || st.resolved.is_absolute());
                }
                for p in &s.publications {
                    assert_eq!(p.alias, format!("{}_{}", s.name, p.suffix));
                    assert!(aliases.insert(p.alias.to_lowercase()), "{}", p.alias);
                }
            }
            assert!(plan.imports.len() <= MAX_IMPORTS);
            assert!(
                plan.imports.windows(2).all(|w| w[0] < w[1]),
                "the matrix is sorted and has no duplicate cell"
            );
            for i in &plan.imports {
                assert!(plan.publication(i).is_some(), "{i:?}");
                let (_, store) = plan.truststore(i).expect("an import's truststore exists");
                assert!(
                    !store.trust.is_empty(),
                    "only stores with trust receive imports"
                );
            }
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(!shown.is_empty());
            match e {
                PlanError::Syntax { line, column, .. } => {
                    let lines = text.split('\n').count();
                    assert!(line <= lines, "line {line} of {lines}");
                    assert!(line == 0 || column >= 1, "line {line} column {column}");
                }
                PlanError::Plan { item, message } => {
                    assert!(!item.is_empty() && !message.is_empty());
                }
                PlanError::PlanFile { .. } => {
                    assert!(text.len() > keystore_exchange::MAX_PLAN_BYTES)
                }
                other => panic!("parsing a plan reads no store: {other}"),
            }
        }
    }
}

/// `keystore_tls::Server::bind` on `127.0.0.1:0`, which checks the identity (through
/// keystore-tls's private DER reader) before it opens a socket. The first byte chooses what
/// the rest is: even, the certificate chain (DER, split at TLV boundaries) for the fixed key
/// [`TLS_KEY_PKCS8`]; odd, a PKCS#8 key for the fixed certificate [`TLS_CERT_DER`] (also fed
/// to `keystore_tls::rsa_order::larger_prime_first`).
///
/// Properties: no panic; a server only starts when the key matches the leaf, so with a fuzzed
/// chain it only starts when the leaf is [`TLS_CERT_DER`]'s key's certificate.
pub fn tls_identity(data: &[u8]) {
    use keystore_tls::{Error as TlsError, Identity, Server};
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let identity = if mode % 2 == 0 {
        Identity::new(
            split_tlvs(rest),
            zeroize::Zeroizing::new(TLS_KEY_PKCS8.to_vec()),
        )
    } else {
        if let Some(reordered) = keystore_tls::rsa_order::larger_prime_first(rest) {
            assert!(!reordered.is_empty());
        }
        Identity::new(
            vec![TLS_CERT_DER.to_vec()],
            zeroize::Zeroizing::new(rest.to_vec()),
        )
    };
    let _ = format!("{identity:?}");
    // keystore-tls reads only as much of the leaf as it needs; when x509-cert parses it too,
    // its public key must be the fixed key's for the server to start.
    let leaf_key = identity.leaf().and_then(public_key_of);
    match Server::bind(identity, "127.0.0.1:0") {
        Ok(server) => {
            if mode % 2 == 0
                && let Some(leaf_key) = leaf_key
            {
                assert_eq!(
                    Some(leaf_key),
                    public_key_of(TLS_CERT_DER),
                    "a server started with a leaf that does not hold the key's public key"
                );
            }
            assert_eq!(server.thumbprint().len(), 40);
        }
        Err(TlsError::UnsupportedCpu(_) | TlsError::Bind { .. }) => {}
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// The DER TLVs at the front of `data` (at most [`MAX_SPLIT_CERTIFICATES`]); bytes that are
/// not a TLV end the chain as one last element.
fn split_tlvs(data: &[u8]) -> Vec<Vec<u8>> {
    use der::Decode as _;
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        if out.len() + 1 == MAX_SPLIT_CERTIFICATES {
            out.push(rest.to_vec());
            break;
        }
        match der::asn1::AnyRef::from_der_partial(rest) {
            Ok((_, tail)) if tail.len() < rest.len() => {
                out.push(rest[..rest.len() - tail.len()].to_vec());
                rest = tail;
            }
            _ => {
                out.push(rest.to_vec());
                break;
            }
        }
    }
    out
}

/// The subjectPublicKey bits of a certificate, if x509-cert parses it.
fn public_key_of(der: &[u8]) -> Option<Vec<u8>> {
    use der::Decode as _;
    let cert = x509_cert::Certificate::from_der(der).ok()?;
    Some(
        cert.tbs_certificate()
            .subject_public_key_info()
            .subject_public_key
            .raw_bytes()
            .to_vec(),
    )
}
