//! End to end: a JCEKS store with keys for three servers, bound by a thumbprint pasted with a
//! LEFT-TO-RIGHT MARK and spaces, validated, broken in every way `ValidateCertBinding` reports,
//! served over TLS (checked with `openssl s_client`), unbound; and bad input.

#![allow(clippy::unwrap_used, reason = "tests")]

use std::{
    io::{BufRead as _, BufReader},
    path::PathBuf,
    process::{Command, Output, Stdio},
    time::{Duration, SystemTime},
};

use der::Encode as _;
use keystore::{CertificateDer, KeyStore, Password, StoreFormat};
use keystore_certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert};
use sha1::{Digest as _, Sha1};
use x509_cert::Certificate;

const PASS: &str = "changeit";
const DAY: u64 = 86_400;

struct Ca {
    key: AnySigningKey,
    cert: Certificate,
}

fn ca(name: &str) -> Ca {
    let key = AnySigningKey::generate(KeyAlgorithm::EcP256).unwrap();
    let exts =
        keystore_certgen::ext::parse(&["bc:c=ca:true".into(), "ku:c=keyCertSign,cRLSign".into()])
            .unwrap();
    let params = CertParams::new(keystore_certgen::dname::parse(&format!("CN={name}")).unwrap())
        .with_validity_days(3650)
        .with_extensions(exts);
    let cert = cert::self_signed(&key, &params).unwrap();
    Ca { key, cert }
}

/// A leaf issued by `ca` (or self-signed when `ca` is `None`).
struct Leaf<'a> {
    host: &'a str,
    alg: KeyAlgorithm,
    exts: Vec<String>,
    not_before: Option<SystemTime>,
    days: u32,
}

impl<'a> Leaf<'a> {
    fn new(host: &'a str) -> Self {
        Self {
            host,
            alg: KeyAlgorithm::EcP256,
            exts: vec![
                format!("san=dns:{host},dns:localhost"),
                "eku=serverAuth,clientAuth".into(),
                "ku=digitalSignature,keyEncipherment".into(),
            ],
            not_before: None,
            days: 365,
        }
    }

    fn make(&self, ca: &Ca) -> (AnySigningKey, Certificate) {
        let key = AnySigningKey::generate(self.alg).unwrap();
        let mut params =
            CertParams::new(keystore_certgen::dname::parse(&format!("CN={}", self.host)).unwrap())
                .with_validity_days(self.days)
                .with_extensions(keystore_certgen::ext::parse(&self.exts).unwrap());
        if let Some(t) = self.not_before {
            params = params.with_not_before(t);
        }
        let cert = cert::issue(&ca.key, &ca.cert, key.public_key_info().unwrap(), &params).unwrap();
        (key, cert)
    }
}

fn der(c: &Certificate) -> CertificateDer {
    CertificateDer::new(c.to_der().unwrap())
}

fn sha1_hex(c: &Certificate) -> String {
    Sha1::digest(c.to_der().unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn put_key(store: &mut KeyStore, alias: &str, key: &AnySigningKey, chain: &[&Certificate]) {
    let pkcs8 = key.to_pkcs8_der().unwrap();
    let chain = chain.iter().map(|c| der(c)).collect();
    store
        .set_private_key(
            alias,
            pkcs8.as_bytes(),
            chain,
            &Password::new(PASS),
            keystore::now(),
        )
        .unwrap();
}

struct Env {
    dir: PathBuf,
}

impl Env {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("certbind-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let env = Self { dir };
        env.empty_truststore();
        env
    }

    fn store(&self) -> PathBuf {
        self.dir.join(".keystore")
    }

    fn save(&self, store: &KeyStore) {
        keystore::fs::save_atomic(store, self.store(), &Password::new(PASS)).unwrap();
    }

    fn load(&self) -> KeyStore {
        keystore::fs::open(self.store(), Some(&Password::new(PASS))).unwrap()
    }

    fn certbind(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_certbind"));
        cmd.args(args)
            .arg(format!("/store:{}", self.store().display()))
            .env("CERTBIND_STOREPASS", PASS)
            .env_remove("CERTBIND_KEYPASS")
            // An empty truststore: the chain checks use the store's own trusted entries only.
            .arg(format!("/truststore:{}", self.empty_truststore().display()))
            .current_dir(&self.dir);
        cmd.output().unwrap()
    }

    fn empty_truststore(&self) -> PathBuf {
        let p = self.dir.join("empty-truststore.p12");
        if !p.exists() {
            keystore::fs::save_atomic(
                &KeyStore::new(StoreFormat::Pkcs12),
                &p,
                &Password::new(PASS),
            )
            .unwrap();
        }
        p
    }

    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap_or_default(),
                )
            })
            .filter(|(n, _)| !n.ends_with(".lock"))
            .collect();
        v.sort();
        v
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a FAIL line for `check` containing `text`, and the NOT VALID verdict.
#[track_caller]
fn assert_fails(o: &Output, check: &str, text: &str) {
    let out = stdout(o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(o));
    assert!(
        out.lines()
            .any(|l| l.starts_with(&format!("FAIL  {check}:")) && l.contains(text)),
        "no FAIL {check} with {text:?} in:\n{out}"
    );
    assert!(
        out.contains("The certificate binding is NOT VALID"),
        "{out}"
    );
}

#[track_caller]
fn assert_valid(o: &Output) {
    let out = stdout(o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(o));
    assert!(
        out.contains("\nThe certificate binding is VALID\n"),
        "{out}"
    );
    assert!(!out.contains("FAIL "), "{out}");
}

/// Pasted from the Windows dialog: LRM, lower case, byte pairs split by spaces.
fn as_pasted(hex: &str) -> String {
    let pairs: Vec<&str> = (0..hex.len()).step_by(2).map(|i| &hex[i..i + 2]).collect();
    format!("\u{200e}{}", pairs.join(" "))
}

fn three_servers(env: &Env) -> (Ca, Vec<Certificate>) {
    let ca = ca("Example Root CA");
    let mut store = KeyStore::new(StoreFormat::Jceks);
    store
        .set_trusted_cert("root", der(&ca.cert), keystore::now())
        .unwrap();
    let mut leaves = Vec::new();
    for (alias, host) in [
        ("wsm_certificate", "cvp1.example.com"),
        ("callserver_certificate", "cvp2.example.com"),
        ("vxml_certificate", "cvp3.example.com"),
    ] {
        let (key, cert) = Leaf::new(host).make(&ca);
        put_key(&mut store, alias, &key, &[&cert, &ca.cert]);
        leaves.push(cert);
    }
    env.save(&store);
    (ca, leaves)
}

#[test]
fn bind_validate_break_unbind() {
    let env = Env::new("flow");
    let (ca, leaves) = three_servers(&env);
    let thumb = sha1_hex(&leaves[0]);
    let pasted = as_pasted(&thumb);
    let host = "/host:cvp1.example.com";

    // Bind by the pasted thumbprint: normalized, reported, VALID.
    let o = env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{pasted}"),
        host,
    ]);
    assert_valid(&o);
    let out = stdout(&o);
    assert!(
        out.contains("CertHash Argument Passed: '\\u{200E}"),
        "{out}"
    );
    assert!(out.contains("Removed from the thumbprint: U+200E LEFT-TO-RIGHT MARK at position 0, 19 × U+0020 SPACE"), "{out}");
    assert!(
        out.contains(&format!(
            "Trying to look up certificate: {}",
            thumb.to_uppercase()
        )),
        "{out}"
    );
    assert!(
        out.contains("Certificate requested found in store under alias 'wsm_certificate'"),
        "{out}"
    );
    assert!(
        out.contains("ALL TASKS FOR BINDING THE CERTIFICATE COMPLETED SUCCESSFULLY"),
        "{out}"
    );
    let registry = std::fs::read_to_string(env.dir.join("certbind-bindings.json")).unwrap();
    assert!(registry.contains(&thumb.to_uppercase()), "{registry}");

    assert_valid(&env.certbind(&["/task:ValidateCertBinding", host]));

    // Host name absent from the SANs.
    assert_fails(
        &env.certbind(&["/task:ValidateCertBinding", "/host:portal.example.com"]),
        "host-name",
        "portal.example.com",
    );

    // Binding a second certificate on the same port is refused; nothing changes.
    let before = env.files();
    let o = env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{}", sha1_hex(&leaves[1])),
        host,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("run /task:UnbindCert first"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.files(), before);

    // Each way to break it, one at a time, on a copy of the good store.
    let good = std::fs::read(env.store()).unwrap();
    let now = SystemTime::now();
    let cases: Vec<(&str, &str, Leaf<'_>)> = vec![
        (
            "validity",
            "",
            Leaf {
                not_before: Some(now + Duration::from_secs(5 * DAY)),
                ..Leaf::new("cvp1.example.com")
            },
        ),
        (
            "validity",
            "",
            Leaf {
                not_before: Some(now - Duration::from_secs(40 * DAY)),
                days: 10,
                ..Leaf::new("cvp1.example.com")
            },
        ),
        (
            "extended-key-usage",
            "",
            Leaf {
                exts: vec!["san=dns:cvp1.example.com".into(), "eku=clientAuth".into()],
                ..Leaf::new("cvp1.example.com")
            },
        ),
        (
            "key-usage",
            "",
            Leaf {
                exts: vec!["san=dns:cvp1.example.com".into(), "ku=keyCertSign".into()],
                ..Leaf::new("cvp1.example.com")
            },
        ),
        (
            "host-name",
            "",
            Leaf {
                exts: vec!["san=dns:other.example.com".into()],
                ..Leaf::new("cvp1.example.com")
            },
        ),
        (
            "key-strength",
            "1024",
            Leaf {
                alg: KeyAlgorithm::Rsa { bits: 1024 },
                ..Leaf::new("cvp1.example.com")
            },
        ),
    ];
    for (check, text, leaf) in cases {
        let (key, cert) = leaf.make(&ca);
        let mut store = env.load();
        put_key(&mut store, "wsm_certificate", &key, &[&cert, &ca.cert]);
        env.save(&store);
        // Rebind to the new certificate (the old one is gone).
        assert_eq!(env.certbind(&["/task:UnbindCert"]).status.code(), Some(0));
        let o = env.certbind(&[
            "/task:BindCertFromStore",
            &format!("/certhash:{}", sha1_hex(&cert)),
            host,
        ]);
        assert_fails(&o, check, text);
        assert!(
            stdout(&o).contains("The binding was saved, but it is NOT VALID"),
            "{}",
            stdout(&o)
        );
        assert_fails(
            &env.certbind(&["/task:ValidateCertBinding", host]),
            check,
            text,
        );
    }
    std::fs::write(env.store(), &good).unwrap();
    assert_eq!(env.certbind(&["/task:UnbindCert"]).status.code(), Some(0));
    assert_valid(&env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{thumb}"),
        host,
    ]));

    // Expiring within 30 days: a warning, still VALID.
    {
        let leaf = Leaf {
            not_before: Some(now - Duration::from_secs(DAY)),
            days: 11,
            ..Leaf::new("cvp1.example.com")
        };
        let (key, cert) = leaf.make(&ca);
        let mut store = env.load();
        put_key(&mut store, "soon", &key, &[&cert, &ca.cert]);
        env.save(&store);
        assert_eq!(env.certbind(&["/task:UnbindCert"]).status.code(), Some(0));
        let o = env.certbind(&[
            "/task:BindCertFromStore",
            &format!("/certhash:{}", sha1_hex(&cert)),
            host,
        ]);
        assert_valid(&o);
        assert!(
            stdout(&o).lines().any(|l| l.starts_with("WARN  validity:")),
            "{}",
            stdout(&o)
        );
        std::fs::write(env.store(), &good).unwrap();
        assert_eq!(env.certbind(&["/task:UnbindCert"]).status.code(), Some(0));
        assert_valid(&env.certbind(&[
            "/task:BindCertFromStore",
            &format!("/certhash:{thumb}"),
            host,
        ]));
    }

    // Chain that does not verify to a trusted entry: the root removed from the store.
    let mut store = env.load();
    store.remove("root");
    env.save(&store);
    assert_fails(
        &env.certbind(&["/task:ValidateCertBinding", host]),
        "chain",
        "",
    );
    std::fs::write(env.store(), &good).unwrap();

    // No private key: the certificate is now only a trusted entry.
    let mut store = env.load();
    store.remove("wsm_certificate");
    store
        .set_trusted_cert("wsm_trusted", der(&leaves[0]), keystore::now())
        .unwrap();
    env.save(&store);
    assert_fails(
        &env.certbind(&["/task:ValidateCertBinding", host]),
        "private-key",
        "wsm_trusted",
    );

    // Certificate gone from the store.
    let mut store = env.load();
    store.remove("wsm_trusted");
    env.save(&store);
    assert_fails(
        &env.certbind(&["/task:ValidateCertBinding", host]),
        "certificate-present",
        "is gone",
    );
    std::fs::write(env.store(), &good).unwrap();

    // Unbind: the binding is missing afterwards.
    let o = env.certbind(&["/task:UnbindCert"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains(&format!(
            "Certificate {} (alias 'wsm_certificate') unbound from 0.0.0.0:7890",
            thumb.to_uppercase()
        )),
        "{}",
        stdout(&o)
    );
    assert_fails(
        &env.certbind(&["/task:ValidateCertBinding", host]),
        "binding",
        "no certificate is bound",
    );
    // Unbinding again is harmless.
    assert!(
        stdout(&env.certbind(&["/task:UnbindCert"]))
            .contains("No certificate binding found for 0.0.0.0:7890")
    );
}

#[test]
fn sha1_signature_is_reported() {
    let env = Env::new("sha1");
    let ca_signer = AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 })
        .and_then(|k| k.with_signature_algorithm("SHA1withRSA"))
        .unwrap();
    let exts = keystore_certgen::ext::parse(&["bc:c=ca:true".into()]).unwrap();
    let ca_cert = cert::self_signed(
        &ca_signer,
        &CertParams::new(keystore_certgen::dname::parse("CN=Old CA").unwrap())
            .with_extensions(exts),
    )
    .unwrap();
    let leaf_key = AnySigningKey::generate(KeyAlgorithm::EcP256).unwrap();
    let params = CertParams::new(keystore_certgen::dname::parse("CN=old.example.com").unwrap())
        .with_extensions(
            keystore_certgen::ext::parse(&["san=dns:old.example.com".into()]).unwrap(),
        );
    let leaf = cert::issue(
        &ca_signer,
        &ca_cert,
        leaf_key.public_key_info().unwrap(),
        &params,
    )
    .unwrap();
    let mut store = KeyStore::new(StoreFormat::Pkcs12);
    store
        .set_trusted_cert("oldca", der(&ca_cert), keystore::now())
        .unwrap();
    put_key(&mut store, "old", &leaf_key, &[&leaf, &ca_cert]);
    env.save(&store);
    let o = env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{}", sha1_hex(&leaf)),
        "/host:old.example.com",
    ]);
    assert_fails(&o, "signature-algorithm", "SHA-1");
}

/// The certificate as `openssl s_client` received it.
fn s_client_leaf_sha1(addr: &str, servername: &str) -> Option<String> {
    let o = Command::new("openssl")
        .args(["s_client", "-connect", addr, "-servername", servername])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&o.stdout);
    let start = text.find("-----BEGIN CERTIFICATE-----")?;
    let end = text.find("-----END CERTIFICATE-----")? + "-----END CERTIFICATE-----".len();
    let pem = &text[start..end];
    let (_, der) = der::pem::decode_vec(pem.as_bytes()).ok()?;
    Some(
        Sha1::digest(&der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

fn openssl_available() -> bool {
    let found = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let required = std::env::var("CI").is_ok_and(|v| v == "true")
            || std::env::var_os("KEYSTORE_REQUIRE_INTEROP").is_some();
        assert!(
            !required,
            "openssl is required (CI=true or KEYSTORE_REQUIRE_INTEROP set)"
        );
        eprintln!("skipped: openssl not found on PATH");
    }
    found
}

/// Starts `ServeCertBinding` for `count` connections; returns the child and its address.
fn serve(env: &Env, count: u32) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_certbind"))
        .args([
            "/task:ServeCertBinding",
            "/listen:127.0.0.1:0",
            &format!("/count:{count}"),
        ])
        .arg(format!("/store:{}", env.store().display()))
        .env("CERTBIND_STOREPASS", PASS)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("Serving certificate ")
                .and_then(|r| r.split("https://").nth(1))
                .map(|a| a.trim_end_matches('/').to_owned())
        })
        .expect("ServeCertBinding printed no address");
    (child, addr)
}

#[test]
fn served_binding_is_the_bound_certificate() {
    let env = Env::new("serve");
    let (_ca, leaves) = three_servers(&env);
    let thumb = sha1_hex(&leaves[1]);
    let o = env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{thumb}"),
        "/host:cvp2.example.com",
    ]);
    assert_valid(&o);

    // certbind's own client: ValidateCertBinding /connect: proves the live binding.
    let (mut child, addr) = serve(&env, 1);
    let o = env.certbind(&[
        "/task:ValidateCertBinding",
        "/host:cvp2.example.com",
        &format!("/connect:{addr}"),
    ]);
    assert_valid(&o);
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with("PASS  live-binding:") && l.contains(&thumb.to_uppercase())),
        "{}",
        stdout(&o)
    );
    assert!(child.wait().unwrap().success());

    // ShowServerCert prints what the server presents.
    let (mut child, addr) = serve(&env, 1);
    let o = env.certbind(&[
        "/task:ShowServerCert",
        &format!("/connect:{addr}"),
        "/host:cvp2.example.com",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("Thumbprint (SHA-1): {}", thumb.to_uppercase())),
        "{}",
        stdout(&o)
    );
    assert!(child.wait().unwrap().success());

    // openssl s_client sees the bound certificate.
    if openssl_available() {
        let (mut child, addr) = serve(&env, 1);
        assert_eq!(
            s_client_leaf_sha1(&addr, "cvp2.example.com").as_deref(),
            Some(thumb.as_str())
        );
        assert!(child.wait().unwrap().success());
    }

    // A server presenting another certificate fails the live check.
    let o = env.certbind(&["/task:UnbindCert"]);
    assert!(o.status.success());
    let other = sha1_hex(&leaves[2]);
    assert_valid(&env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{other}"),
        "/host:cvp3.example.com",
    ]));
    let (mut child, addr) = serve(&env, 1);
    assert_eq!(env.certbind(&["/task:UnbindCert"]).status.code(), Some(0));
    assert_valid(&env.certbind(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{thumb}"),
        "/host:cvp2.example.com",
    ]));
    assert_fails(
        &env.certbind(&[
            "/task:ValidateCertBinding",
            "/host:cvp2.example.com",
            &format!("/connect:{addr}"),
        ]),
        "live-binding",
        "not the bound",
    );
    let _ = child.wait();
}

#[test]
fn bad_input_changes_nothing() {
    let env = Env::new("bad");
    let (_ca, leaves) = three_servers(&env);
    let thumb = sha1_hex(&leaves[0]);
    let before = env.files();
    let run = |args: &[&str]| {
        let o = env.certbind(args);
        assert_ne!(o.status.code(), Some(0), "{args:?}: {}", stdout(&o));
        assert_eq!(env.files(), before, "{args:?} changed files");
        stderr(&o)
    };
    assert!(run(&["/task:BindCert"]).contains("unknown task 'BindCert'"));
    let e = run(&["/task:BindCertFromStore", &format!("/certhash:?{thumb}")]);
    assert!(
        e.contains("position 0: U+003F '?'") && e.contains("LEFT-TO-RIGHT MARK"),
        "{e}"
    );
    let e = run(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{}", &thumb[1..]),
    ]);
    assert!(e.contains("39 hex digits"), "{e}");
    let e = run(&[
        "/task:BindCertFromStore",
        &format!("/certhash:\u{ff11}{}", &thumb[1..]),
    ]);
    assert!(e.contains("position 0: U+FF11"), "{e}");
    let e = run(&[
        "/task:BindCertFromStore",
        &format!("/certhash:{}", "ab".repeat(20)),
    ]);
    assert!(
        e.contains("no certificate with thumbprint ABAB") && e.contains("wsm_certificate"),
        "{e}"
    );
    // Wrong password.
    let o = Command::new(env!("CARGO_BIN_EXE_certbind"))
        .args([
            "/task:BindCertFromStore",
            &format!("/certhash:{thumb}"),
            "/storepass:wrong",
        ])
        .arg(format!("/store:{}", env.store().display()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot open the keystore"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.files(), before);
    // Missing store.
    let o = Command::new(env!("CARGO_BIN_EXE_certbind"))
        .args([
            "/task:BindCertFromStore",
            &format!("/certhash:{thumb}"),
            "/storepass:x",
            "/store:missing.jks",
        ])
        .current_dir(&env.dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.jks"), "{}", stderr(&o));
    assert_eq!(env.files(), before);
    // Only one error line.
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn create_bind_and_delete_self_signed() {
    let env = Env::new("create");
    let o = env.certbind(&["/task:CreateAndBindCertECDSA", "/host:portal.example.com"]);
    // A self-signed certificate is not trusted by the (empty) truststore: the chain check fails,
    // everything else passes.
    let out = stdout(&o);
    assert!(
        out.contains(
            "Self-signed certificate CN=portal.example.com created under alias 'diagfwsvc_ecdsa'"
        ),
        "{out}"
    );
    assert!(
        out.lines()
            .filter(|l| l.starts_with("FAIL "))
            .all(|l| l.starts_with("FAIL  chain:")),
        "{out}"
    );
    let store = env.load();
    assert!(store.contains("diagfwsvc_ecdsa"));
    // /logpath: keeps what was printed.
    let log_dir = env.dir.join("logs");
    std::fs::create_dir_all(&log_dir).unwrap();
    let o = env.certbind(&[
        "/task:ShowCertBinding",
        &format!("/logpath:{}", log_dir.display()),
    ]);
    assert!(o.status.success());
    let log = std::fs::read_to_string(log_dir.join("certbind.log")).unwrap();
    assert!(
        log.contains("Executing Task: 'ShowCertBinding'")
            && log.contains("IP:port                      : 0.0.0.0:7890"),
        "{log}"
    );
    let o = env.certbind(&["/task:UnbindAndDeleteCertECDSA"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(!env.load().contains("diagfwsvc_ecdsa"));
    assert!(
        stdout(&env.certbind(&["/task:ShowCertBinding"])).contains("SSL Certificate bindings:")
    );
}
