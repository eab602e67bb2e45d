//! Every rule of `check_tls_server`, `lint_certificate` and `lint_request` against certificates
//! crafted here: one violation each, and a clean CA-signed chain that passes everything.

use std::{
    sync::OnceLock,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use keystore_certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert, csr, dname, ext};
use keystore_lint::{
    Finding, LintPolicy, Report, Role, Severity, Subject, TlsServerPolicy, check_tls_server,
    lint_certificate, lint_request, to_json, worst,
};
use x509_cert::{Certificate, ext::Extension, name::Name};

/// 2025-01-01T00:00:00Z: every certificate here starts then.
const T0: i64 = 1_735_689_600;
const DAY: i64 = 86_400;

fn at(days: i64) -> i64 {
    T0 + days * DAY
}

fn start() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(T0.unsigned_abs())
}

fn key(slot: &'static OnceLock<AnySigningKey>, alg: KeyAlgorithm) -> &'static AnySigningKey {
    slot.get_or_init(|| AnySigningKey::generate(alg).expect("key"))
}

fn root_key() -> &'static AnySigningKey {
    static K: OnceLock<AnySigningKey> = OnceLock::new();
    key(&K, KeyAlgorithm::Rsa { bits: 2048 })
}

fn leaf_key() -> &'static AnySigningKey {
    static K: OnceLock<AnySigningKey> = OnceLock::new();
    key(&K, KeyAlgorithm::Rsa { bits: 2048 })
}

fn small_key() -> &'static AnySigningKey {
    static K: OnceLock<AnySigningKey> = OnceLock::new();
    key(&K, KeyAlgorithm::Rsa { bits: 1024 })
}

fn ec_key() -> &'static AnySigningKey {
    static K: OnceLock<AnySigningKey> = OnceLock::new();
    key(&K, KeyAlgorithm::EcP256)
}

fn other_root_key() -> &'static AnySigningKey {
    static K: OnceLock<AnySigningKey> = OnceLock::new();
    key(&K, KeyAlgorithm::EcP384)
}

fn exts(v: &[&str]) -> Vec<Extension> {
    ext::parse(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).expect("ext")
}

fn params(dn: &str, days: u32, ext: &[&str]) -> CertParams {
    CertParams::new(dname::parse(dn).expect("dname"))
        .with_validity_days(days)
        .with_not_before(start())
        .with_extensions(exts(ext))
}

fn self_signed(k: &AnySigningKey, dn: &str, days: u32, ext: &[&str]) -> Certificate {
    cert::self_signed(k, &params(dn, days, ext)).expect("self-signed")
}

fn issued(
    ca_key: &AnySigningKey,
    ca: &Certificate,
    k: &AnySigningKey,
    dn: &str,
    days: u32,
    ext: &[&str],
) -> Certificate {
    let spki = k.public_key_info().expect("spki");
    cert::issue(ca_key, ca, spki, &params(dn, days, ext)).expect("issue")
}

fn root() -> &'static Certificate {
    static C: OnceLock<Certificate> = OnceLock::new();
    C.get_or_init(|| {
        self_signed(
            root_key(),
            "CN=Test Root CA, O=Example",
            3650,
            &["bc:c", "ku:c=keyCertSign,cRLSign"],
        )
    })
}

const CLEAN_EXT: &[&str] = &[
    "san=dns:host.example.com,dns:alt.example.com,ip:10.0.0.1",
    "eku=serverAuth,clientAuth",
    "ku=digitalSignature,keyEncipherment",
];

/// RSA-2048 leaf issued by the RSA-2048 root: SAN with the CN, EKU serverAuth+clientAuth,
/// SHA-256, 1095 days.
fn clean_leaf() -> Certificate {
    issued(
        root_key(),
        root(),
        leaf_key(),
        "CN=host.example.com, O=Example",
        1095,
        CLEAN_EXT,
    )
}

/// A leaf like the clean one with other extensions.
fn leaf_with(ext: &[&str]) -> Certificate {
    issued(
        root_key(),
        root(),
        leaf_key(),
        "CN=host.example.com, O=Example",
        1095,
        ext,
    )
}

fn lint(cert: &Certificate, chain: &[Certificate], now: i64, role: Role) -> Vec<Finding> {
    lint_certificate(
        cert,
        chain,
        &LintPolicy {
            now,
            role,
            expiry_warning_days: 30,
        },
    )
}

fn tls(cert: &Certificate, chain: &[Certificate], host: &str, now: i64) -> Vec<Finding> {
    check_tls_server(
        cert,
        chain,
        &TlsServerPolicy {
            now,
            host: Some(host),
            expiry_warning_days: 30,
            trust_anchors: core::slice::from_ref(root()),
        },
    )
}

fn get<'a>(findings: &'a [Finding], check: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.check == check)
        .unwrap_or_else(|| panic!("no finding {check} in {findings:#?}"))
}

#[track_caller]
fn expect(findings: &[Finding], check: &str, severity: Severity, contains: &str) {
    let f = get(findings, check);
    assert_eq!(f.severity, severity, "{check}: {findings:#?}");
    assert!(
        f.message.contains(contains),
        "{check}: {:?} lacks {contains:?}",
        f.message
    );
}

/// Every finding but `check` passes.
#[track_caller]
fn only(findings: &[Finding], check: &str) {
    for f in findings.iter().filter(|f| f.check != check) {
        assert_eq!(f.severity, Severity::Pass, "{findings:#?}");
    }
}

// ---- check_tls_server ------------------------------------------------------------------

const TLS_IDS: &[&str] = &[
    "validity",
    "key-usage",
    "extended-key-usage",
    "host-name",
    "basic-constraints",
    "key-strength",
    "signature-algorithm",
    "chain",
];

#[test]
fn tls_clean_chain_passes_everything() {
    let leaf = clean_leaf();
    for chain in [vec![], vec![root().clone()]] {
        let f = tls(&leaf, &chain, "host.example.com", at(10));
        let ids: Vec<&str> = f.iter().map(|f| f.check).collect();
        assert_eq!(ids, TLS_IDS);
        assert_eq!(worst(&f), Severity::Pass, "{f:#?}");
        expect(&f, "host-name", Severity::Pass, "DNS:host.example.com");
        expect(&f, "chain", Severity::Pass, "Test Root CA");
    }
    // Case-insensitive host; the IP SAN.
    let f = tls(&leaf, &[], "HOST.example.com.", at(10));
    expect(&f, "host-name", Severity::Pass, "");
    let f = tls(&leaf, &[], "10.0.0.1", at(10));
    expect(&f, "host-name", Severity::Pass, "IP:10.0.0.1");
}

#[test]
fn tls_validity_window() {
    let leaf = clean_leaf();
    let f = tls(&leaf, &[], "host.example.com", at(-2));
    expect(&f, "validity", Severity::Fail, "not yet valid");
    let f = tls(&leaf, &[], "host.example.com", at(1100));
    expect(
        &f,
        "validity",
        Severity::Fail,
        "expired on 2028-01-01 00:00:00 UTC (5 days ago)",
    );
    let f = tls(&leaf, &[], "host.example.com", at(1085));
    expect(&f, "validity", Severity::Warn, "in 10 days");
    only(&f, "validity");
    let f = tls(&leaf, &[], "host.example.com", at(1064));
    expect(&f, "validity", Severity::Pass, "31 days left");
}

#[test]
fn tls_key_usage_forbidding_server_use() {
    let leaf = leaf_with(&[
        "san=dns:host.example.com",
        "eku=serverAuth",
        "ku=keyCertSign",
    ]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(&f, "key-usage", Severity::Fail, "keyCertSign");
    only(&f, "key-usage");
    // keyEncipherment alone is enough for RSA, not for EC.
    let leaf = leaf_with(&[
        "san=dns:host.example.com",
        "eku=serverAuth",
        "ku=keyEncipherment",
    ]);
    expect(
        &tls(&leaf, &[], "host.example.com", at(10)),
        "key-usage",
        Severity::Pass,
        "keyEncipherment",
    );
    let ec = issued(
        root_key(),
        root(),
        ec_key(),
        "CN=host.example.com",
        365,
        &["san=dns:host.example.com", "ku=keyEncipherment"],
    );
    expect(
        &tls(&ec, &[], "host.example.com", at(10)),
        "key-usage",
        Severity::Fail,
        "lacks digitalSignature",
    );
}

#[test]
fn tls_extended_key_usage() {
    let leaf = leaf_with(&["san=dns:host.example.com", "eku=clientAuth"]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(&f, "extended-key-usage", Severity::Fail, "clientAuth");
    only(&f, "extended-key-usage");
    let leaf = leaf_with(&["san=dns:host.example.com", "eku=anyExtendedKeyUsage"]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(&f, "extended-key-usage", Severity::Pass, "any");
    let leaf = leaf_with(&["san=dns:host.example.com"]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(
        &f,
        "extended-key-usage",
        Severity::Warn,
        "no ExtendedKeyUsage",
    );
}

#[test]
fn tls_host_name() {
    let leaf = clean_leaf();
    let f = tls(&leaf, &[], "wrong.example.com", at(10));
    expect(&f, "host-name", Severity::Fail, "DNS:host.example.com");
    only(&f, "host-name");
    let f = tls(&leaf, &[], "10.0.0.2", at(10));
    expect(&f, "host-name", Severity::Fail, "not among");
    // No SAN: the CN alone matches, with a warning; a different host fails.
    let leaf = leaf_with(&["eku=serverAuth"]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(&f, "host-name", Severity::Warn, "only the subject CN");
    let f = tls(&leaf, &[], "other.example.com", at(10));
    expect(&f, "host-name", Severity::Fail, "there is none");
    // SAN present without the host: the matching CN does not help.
    let leaf = leaf_with(&["san=dns:alt.example.com", "eku=serverAuth"]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(&f, "host-name", Severity::Fail, "clients ignore the CN");
    // Wildcards: one label only.
    let leaf = leaf_with(&["san=dns:*.example.com", "eku=serverAuth"]);
    expect(
        &tls(&leaf, &[], "a.example.com", at(10)),
        "host-name",
        Severity::Pass,
        "*.example.com",
    );
    expect(
        &tls(&leaf, &[], "a.b.example.com", at(10)),
        "host-name",
        Severity::Fail,
        "",
    );
    // No host given: not checked.
    let f = check_tls_server(
        &clean_leaf(),
        &[],
        &TlsServerPolicy {
            now: at(10),
            host: None,
            expiry_warning_days: 30,
            trust_anchors: core::slice::from_ref(root()),
        },
    );
    expect(&f, "host-name", Severity::Pass, "not checked");
}

#[test]
fn tls_leaf_that_is_a_ca() {
    let leaf = leaf_with(&["san=dns:host.example.com", "eku=serverAuth", "bc=ca:true"]);
    let f = tls(&leaf, &[], "host.example.com", at(10));
    expect(&f, "basic-constraints", Severity::Warn, "cA=true");
    only(&f, "basic-constraints");
}

#[test]
fn tls_weak_algorithms() {
    let small = issued(
        root_key(),
        root(),
        small_key(),
        "CN=host.example.com",
        365,
        CLEAN_EXT,
    );
    let f = tls(&small, &[], "host.example.com", at(10));
    expect(&f, "key-strength", Severity::Fail, "RSA 1024 bits");
    only(&f, "key-strength");

    let sha1 = sha1_issued();
    let f = tls(&sha1, &[], "host.example.com", at(10));
    expect(&f, "signature-algorithm", Severity::Fail, "SHA1withRSA");
    only(&f, "signature-algorithm");

    let ec = issued(
        root_key(),
        root(),
        ec_key(),
        "CN=host.example.com",
        365,
        CLEAN_EXT,
    );
    let f = tls(&ec, &[], "host.example.com", at(10));
    assert_eq!(worst(&f), Severity::Pass, "{f:#?}");
    expect(&f, "key-strength", Severity::Pass, "P-256");
}

#[test]
fn tls_chain() {
    let leaf = clean_leaf();
    // Trusting another root only.
    let other = self_signed(other_root_key(), "CN=Other Root", 3650, &["bc:c"]);
    let policy = |anchors: &'static [Certificate]| TlsServerPolicy {
        now: at(10),
        host: Some("host.example.com"),
        expiry_warning_days: 30,
        trust_anchors: anchors,
    };
    let others: &'static [Certificate] = Vec::leak(vec![other.clone()]);
    let f = check_tls_server(&leaf, &[], &policy(others));
    expect(&f, "chain", Severity::Fail, "Test Root CA");
    only(&f, "chain");
    // The root is in the entry's chain but not trusted.
    let f = check_tls_server(&leaf, &[root().clone()], &policy(others));
    expect(&f, "chain", Severity::Fail, "not among the 1 trusted");
    // A wrong issuer in the chain with the right name but another key.
    let fake_root = self_signed(
        other_root_key(),
        "CN=Test Root CA, O=Example",
        3650,
        &["bc:c"],
    );
    let fakes: &'static [Certificate] = Vec::leak(vec![fake_root]);
    let f = check_tls_server(&leaf, &[], &policy(fakes));
    expect(&f, "chain", Severity::Fail, "does not verify");
    // A self-signed leaf: fails unless it is itself trusted.
    let ss = self_signed(leaf_key(), "CN=host.example.com", 1095, CLEAN_EXT);
    let f = check_tls_server(&ss, &[], &policy(others));
    expect(&f, "chain", Severity::Fail, "self-signed");
    let trusted: &'static [Certificate] = Vec::leak(vec![other, ss.clone()]);
    let f = check_tls_server(&ss, &[], &policy(trusted));
    expect(&f, "chain", Severity::Pass, "itself");
    assert_eq!(worst(&f), Severity::Pass, "{f:#?}");
    // Through an intermediate that is in the chain, and one that expired.
    let inter_key = ec_key();
    let inter = issued(
        root_key(),
        root(),
        inter_key,
        "CN=Issuing CA",
        20,
        &["bc:c", "ku=keyCertSign"],
    );
    let leaf2 = issued(
        inter_key,
        &inter,
        leaf_key(),
        "CN=host.example.com",
        365,
        CLEAN_EXT,
    );
    let f = tls(
        &leaf2,
        &[inter.clone(), root().clone()],
        "host.example.com",
        at(10),
    );
    expect(&f, "chain", Severity::Pass, "3 certificates");
    let f = tls(
        &leaf2,
        core::slice::from_ref(&inter),
        "host.example.com",
        at(30),
    );
    expect(&f, "chain", Severity::Warn, "Issuing CA");
    let f = tls(&leaf2, &[], "host.example.com", at(10));
    expect(&f, "chain", Severity::Fail, "neither in the chain");
    // The intermediate trusted directly but missing from the entry's chain: clients that
    // trust only the root could not build the path from what a server sends.
    let f = check_tls_server(
        &leaf2,
        &[],
        &TlsServerPolicy {
            now: at(10),
            host: Some("host.example.com"),
            expiry_warning_days: 30,
            trust_anchors: &[root().clone(), inter.clone()],
        },
    );
    expect(
        &f,
        "chain",
        Severity::Warn,
        "lacks the intermediate CN=Issuing CA",
    );
    let f = check_tls_server(
        &leaf2,
        core::slice::from_ref(&inter),
        &TlsServerPolicy {
            now: at(10),
            host: Some("host.example.com"),
            expiry_warning_days: 30,
            trust_anchors: &[root().clone(), inter.clone()],
        },
    );
    expect(&f, "chain", Severity::Pass, "Issuing CA");
}

// ---- lint_certificate ------------------------------------------------------------------

const LINT_IDS: &[&str] = &[
    "san-present",
    "san-contains-cn",
    "cn-fqdn",
    "key-strength",
    "signature-algorithm",
    "eku-role",
    "validity",
    "ec-signed-by-rsa",
    "validity-period",
];

#[test]
fn lint_clean_chain_passes_everything() {
    let leaf = clean_leaf();
    for role in [Role::Server, Role::Client, Role::Both] {
        let f = lint(&leaf, &[root().clone()], at(10), role);
        let ids: Vec<&str> = f.iter().map(|f| f.check).collect();
        assert_eq!(ids, LINT_IDS);
        assert_eq!(worst(&f), Severity::Pass, "{f:#?}");
    }
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(&f, "validity-period", Severity::Pass, "1095 days (3 years)");
    // The root itself: a CA, so the leaf rules do not apply.
    let f = lint(root(), &[], at(10), Role::Both);
    assert_eq!(worst(&f), Severity::Pass, "{f:#?}");
    expect(&f, "san-present", Severity::Pass, "CA certificate");
}

#[test]
fn lint_no_san() {
    let leaf = leaf_with(&["eku=serverAuth,clientAuth"]);
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(
        &f,
        "san-present",
        Severity::Fail,
        "no SubjectAlternativeName extension",
    );
    expect(&f, "san-contains-cn", Severity::Fail, "there is none");
}

#[test]
fn lint_san_without_cn() {
    let leaf = leaf_with(&["san=dns:alt.example.com", "eku=serverAuth,clientAuth"]);
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(&f, "san-contains-cn", Severity::Fail, "host.example.com");
    only(&f, "san-contains-cn");
}

#[test]
fn lint_short_cn() {
    let leaf = issued(
        root_key(),
        root(),
        leaf_key(),
        "CN=host",
        1095,
        &["san=dns:host", "eku=serverAuth,clientAuth"],
    );
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(&f, "cn-fqdn", Severity::Fail, "not fully qualified");
    only(&f, "cn-fqdn");
    let leaf = issued(
        root_key(),
        root(),
        leaf_key(),
        "O=No CN",
        1095,
        &["san=dns:host.example.com", "eku=serverAuth,clientAuth"],
    );
    expect(
        &lint(&leaf, &[], at(10), Role::Both),
        "cn-fqdn",
        Severity::Fail,
        "no CN",
    );
}

#[test]
fn lint_rsa_1024() {
    let leaf = issued(
        root_key(),
        root(),
        small_key(),
        "CN=host.example.com",
        1095,
        CLEAN_EXT,
    );
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(&f, "key-strength", Severity::Fail, "at least 2048");
    only(&f, "key-strength");
}

#[test]
fn lint_sha1_signature() {
    let f = lint(&sha1_issued(), &[], at(10), Role::Both);
    expect(&f, "signature-algorithm", Severity::Fail, "SHA1withRSA");
    only(&f, "signature-algorithm");
}

#[test]
fn lint_eku_for_role() {
    let leaf = leaf_with(&["san=dns:host.example.com", "eku=serverAuth"]);
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(&f, "eku-role", Severity::Fail, "lacks clientAuth");
    only(&f, "eku-role");
    expect(
        &lint(&leaf, &[], at(10), Role::Server),
        "eku-role",
        Severity::Pass,
        "",
    );
    expect(
        &lint(&leaf, &[], at(10), Role::Client),
        "eku-role",
        Severity::Fail,
        "clientAuth",
    );
    let leaf = leaf_with(&["san=dns:host.example.com"]);
    expect(
        &lint(&leaf, &[], at(10), Role::Server),
        "eku-role",
        Severity::Fail,
        "no ExtendedKeyUsage",
    );
}

#[test]
fn lint_remaining_validity() {
    let leaf = clean_leaf();
    let f = lint(&leaf, &[], at(1100), Role::Both);
    expect(&f, "validity", Severity::Fail, "expired");
    only(&f, "validity");
    let f = lint(&leaf, &[], at(1085), Role::Both);
    expect(&f, "validity", Severity::Warn, "in 10 days");
    assert_eq!(worst(&f), Severity::Warn);
}

#[test]
fn lint_ec_signed_by_rsa_ca() {
    let ec = issued(
        root_key(),
        root(),
        ec_key(),
        "CN=host.example.com",
        1095,
        CLEAN_EXT,
    );
    let f = lint(&ec, &[root().clone()], at(10), Role::Both);
    expect(&f, "ec-signed-by-rsa", Severity::Fail, "Test Root CA");
    only(&f, "ec-signed-by-rsa");
    // EC under an EC intermediate under the RSA root: a warning.
    let inter = issued(
        root_key(),
        root(),
        other_root_key(),
        "CN=EC Issuing CA",
        1095,
        &["bc:c"],
    );
    let leaf = issued(
        other_root_key(),
        &inter,
        ec_key(),
        "CN=host.example.com",
        1095,
        CLEAN_EXT,
    );
    let f = lint(&leaf, &[inter.clone(), root().clone()], at(10), Role::Both);
    expect(&f, "ec-signed-by-rsa", Severity::Warn, "Test Root CA");
    let f = lint(&leaf, &[inter], at(10), Role::Both);
    expect(
        &f,
        "ec-signed-by-rsa",
        Severity::Warn,
        "which signed CN=EC Issuing CA",
    );
    assert_eq!(worst(&f), Severity::Warn, "{f:#?}");
    let f = lint(&leaf, &[], at(10), Role::Both);
    expect(&f, "ec-signed-by-rsa", Severity::Pass, "SHA384withECDSA");
}

#[test]
fn lint_validity_period_table() {
    let with_days = |days| {
        issued(
            root_key(),
            root(),
            leaf_key(),
            "CN=host.example.com",
            days,
            CLEAN_EXT,
        )
    };
    let f = lint(&with_days(1895), &[], at(10), Role::Both);
    expect(&f, "validity-period", Severity::Warn, "1825");
    expect(
        &f,
        "validity-period",
        Severity::Warn,
        "1895 days (5.2 years)",
    );
    only(&f, "validity-period");
    for (days, years) in [
        (365, "1 year"),
        (730, "2 years"),
        (1825, "5 years"),
        (3650, "10 years"),
    ] {
        expect(
            &lint(&with_days(days), &[], at(10), Role::Both),
            "validity-period",
            Severity::Pass,
            &format!("{days} days ({years})"),
        );
    }
    expect(
        &lint(&with_days(366), &[], at(10), Role::Both),
        "validity-period",
        Severity::Pass,
        "leap day",
    );
    expect(
        &lint(&with_days(90), &[], at(10), Role::Both),
        "validity-period",
        Severity::Warn,
        "90 days (0.2 years)",
    );
}

// ---- lint_request ----------------------------------------------------------------------

#[test]
fn lint_requests() {
    let policy = LintPolicy {
        now: at(0),
        role: Role::Both,
        expiry_warning_days: 30,
    };
    let name = |dn: &str| -> Name { dname::parse(dn).expect("dname") };
    let req = csr::build(
        leaf_key(),
        &name("CN=host.example.com, O=Example"),
        &exts(&["san=dns:host.example.com", "eku=serverAuth,clientAuth"]),
    )
    .expect("csr");
    let f = lint_request(&req, &policy);
    assert_eq!(worst(&f), Severity::Pass, "{f:#?}");
    let ids: Vec<&str> = f.iter().map(|f| f.check).collect();
    assert_eq!(
        ids,
        [
            "san-present",
            "san-contains-cn",
            "cn-fqdn",
            "key-strength",
            "signature-algorithm",
            "eku-role",
            "request-signature"
        ]
    );

    let req = csr::build(small_key(), &name("CN=host"), &[]).expect("csr");
    let f = lint_request(&req, &policy);
    expect(&f, "san-present", Severity::Fail, "");
    expect(&f, "cn-fqdn", Severity::Fail, "host");
    expect(&f, "key-strength", Severity::Fail, "1024");
    expect(&f, "eku-role", Severity::Fail, "no ExtendedKeyUsage");
    expect(&f, "request-signature", Severity::Pass, "");

    // A tampered request: the signature no longer verifies.
    let mut req = csr::build(ec_key(), &name("CN=host.example.com"), &[]).expect("csr");
    req.info.subject = name("CN=evil.example.com");
    expect(
        &lint_request(&req, &policy),
        "request-signature",
        Severity::Fail,
        "does not verify",
    );
}

// ---- output ---------------------------------------------------------------------------

#[test]
fn reports_and_json() {
    let leaf = leaf_with(&["eku=serverAuth"]);
    let f = lint(&leaf, &[], at(10), Role::Both);
    assert_eq!(
        get(&f, "san-present").to_string(),
        "FAIL  san-present: no SubjectAlternativeName extension"
    );
    let report = Report::new(
        Some("server".to_owned()),
        "CN=host.example.com".to_owned(),
        Subject::Certificate,
        f,
    );
    assert_eq!(report.result, Severity::Fail);
    assert!(report.lines(false).lines().all(|l| !l.starts_with("PASS")));
    assert!(
        report
            .lines(true)
            .contains("PASS  key-strength: RSA 2048 bits")
    );
    let json: serde_json::Value = serde_json::from_str(&to_json(&[report])).expect("json");
    assert_eq!(json[0]["alias"], "server");
    assert_eq!(json[0]["kind"], "certificate");
    assert_eq!(json[0]["result"], "fail");
    assert_eq!(json[0]["findings"][0]["check"], "san-present");
    assert_eq!(json[0]["findings"][0]["severity"], "fail");
    assert_eq!(worst(&[]), Severity::Pass);
    assert_eq!("Both".parse::<Role>(), Ok(Role::Both));
    assert!("sever".parse::<Role>().is_err());
}

// ---- SHA-1 certificates -----------------------------------------------------------------

/// A clean leaf, but signed SHA1withRSA by the root.
fn sha1_issued() -> Certificate {
    let pkcs8 = root_key().to_pkcs8_der().expect("pkcs8");
    let signer = AnySigningKey::from_pkcs8_der(pkcs8.as_bytes())
        .and_then(|k| k.with_signature_algorithm("SHA1withRSA"))
        .expect("SHA1withRSA");
    let params = CertParams::new(dname::parse("CN=host.example.com").expect("dname"))
        .with_not_before(start())
        .with_validity_days(1095)
        .with_extensions(exts(CLEAN_EXT));
    let spki = leaf_key().public_key_info().expect("spki");
    let c = cert::issue(&signer, root(), spki, &params).expect("sign");
    assert!(keystore_certgen::signed_by(&c, root()));
    c
}
