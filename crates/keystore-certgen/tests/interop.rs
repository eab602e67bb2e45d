//! Keys, certificates and CSRs: self-verification, PKCS#8 round trips, and live interop with
//! `openssl` and `keytool` (skipped with a message when a tool is missing, unless `CI=true` or
//! `KEYSTORE_REQUIRE_INTEROP=1`).

use std::{
    path::PathBuf,
    process::Command,
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

use der::{Decode, Encode};
use keystore_certgen::{
    AnySigningKey, CertParams, KeyAlgorithm, cert, csr, dname, ext, is_self_signed, signed_by,
    verify_signature,
};
use pkcs8::DecodePrivateKey;
use signature::{Keypair, Signer, Verifier};
use spki::{EncodePublicKey, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::{
    Certificate,
    ext::pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier},
    request::CertReq,
};

fn rsa_key() -> &'static AnySigningKey {
    static KEY: OnceLock<AnySigningKey> = OnceLock::new();
    KEY.get_or_init(|| AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).expect("rsa"))
}

fn p256_key() -> &'static AnySigningKey {
    static KEY: OnceLock<AnySigningKey> = OnceLock::new();
    KEY.get_or_init(|| AnySigningKey::generate(KeyAlgorithm::EcP256).expect("p256"))
}

fn interop_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
        || std::env::var("KEYSTORE_REQUIRE_INTEROP").is_ok_and(|v| v == "1")
}

/// Whether `tool` runs; panics when interop is required and it does not.
fn have(tool: &str) -> bool {
    let ok = Command::new(tool)
        .arg(if tool == "keytool" {
            "-help"
        } else {
            "version"
        })
        .output()
        .is_ok();
    if !ok {
        assert!(
            !interop_required(),
            "{tool} is required for interop tests but missing"
        );
        eprintln!("skipping {tool} interop: {tool} not found on PATH");
    }
    ok
}

fn tmp(name: &str, data: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "keystore-certgen-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("tmpdir");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("write");
    path
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("spawn");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

fn exts(v: &[&str]) -> Vec<x509_cert::ext::Extension> {
    ext::parse(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).expect("ext")
}

fn params() -> CertParams {
    CertParams::new(
        dname::parse("CN=mycvp.mydomain.com, OU=IT, O=\"Example, Inc.\", L=City, ST=State, C=US")
            .expect("dname"),
    )
    .with_validity_days(1095)
    .with_extensions(exts(&[
        "san=dns:mycvp.mydomain.com,dns:localhost,ip:127.0.0.1",
        "eku=sA,cA",
    ]))
}

fn ext_oids(exts: Option<&x509_cert::ext::Extensions>) -> Vec<String> {
    exts.into_iter()
        .flatten()
        .map(|e| e.extn_id.to_string())
        .collect()
}

fn check_cert(cert: &Certificate, sigalg: &str) {
    assert!(is_self_signed(cert), "self-signed signature must verify");
    let tbs = cert.tbs_certificate();
    assert_eq!(tbs.version(), x509_cert::certificate::Version::V3);
    let serial = tbs.serial_number().as_bytes();
    assert!(
        (1..=9).contains(&serial.len()) && serial[0] & 0x80 == 0,
        "{serial:02x?}"
    );
    assert_eq!(
        ext_oids(tbs.extensions()),
        ["2.5.29.14", "2.5.29.17", "2.5.29.37"]
    );
    let v = tbs.validity();
    let days =
        (v.not_after.to_unix_duration() - v.not_before.to_unix_duration()).as_secs() / 86_400;
    assert_eq!(days, 1095);
    let pem = cert::to_pem(cert).expect("pem");
    assert!(
        pem.starts_with("-----BEGIN CERTIFICATE-----\n")
            && pem.ends_with("\n-----END CERTIFICATE-----\n")
    );
    assert!(pem.contains("\r\n"));
    if have("openssl") {
        let f = tmp("c.pem", pem.as_bytes());
        let text = run(Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&f));
        for needle in [
            "DNS:mycvp.mydomain.com",
            "DNS:localhost",
            "IP Address:127.0.0.1",
            "TLS Web Server Authentication",
            "TLS Web Client Authentication",
            "Subject Key Identifier",
            sigalg,
            "Subject: C = US, ST = State, L = City, O = \"Example, Inc.\", OU = IT, CN = mycvp.mydomain.com",
        ] {
            assert!(
                text.contains(needle),
                "openssl output lacks {needle}:\n{text}"
            );
        }
        let f = tmp("c.pem", pem.as_bytes());
        run(Command::new("openssl")
            .args(["verify", "-CAfile"])
            .arg(&f)
            .arg(&f));
    }
    if have("keytool") {
        // keytool prints extensions sorted by name, whatever their DER order.
        let f = tmp("c.pem", pem.as_bytes());
        let text = run(Command::new("keytool")
            .args(["-printcert", "-file"])
            .arg(&f));
        for needle in [
            "Owner: CN=mycvp.mydomain.com, OU=IT, O=\"Example, Inc.\", L=City, ST=State, C=US",
            "DNSName: mycvp.mydomain.com",
            "IPAddress: 127.0.0.1",
            "#1: ObjectId: 2.5.29.37",
            "#2: ObjectId: 2.5.29.17",
            "#3: ObjectId: 2.5.29.14",
            "serverAuth",
            "clientAuth",
        ] {
            assert!(
                text.contains(needle),
                "keytool output lacks {needle}:\n{text}"
            );
        }
    }
}

fn check_csr(key: &AnySigningKey) {
    let subject = dname::parse("CN=mycvp.mydomain.com, OU=IT, C=US").expect("dname");
    let req = csr::build(
        key,
        &subject,
        &exts(&["san=dns:mycvp.mydomain.com,dns:localhost,ip:127.0.0.1"]),
    )
    .expect("csr");
    // Our own verifier accepts the request's signature.
    let info = req.info.to_der().expect("info");
    let spki_der = req.info.public_key.to_der().expect("spki");
    let spki = SubjectPublicKeyInfoRef::from_der(&spki_der).expect("spki");
    assert!(verify_signature(
        req.algorithm.oid,
        spki,
        &info,
        req.signature.raw_bytes()
    ));
    let der = req.to_der().expect("der");
    assert_eq!(CertReq::from_der(&der).expect("decode"), req);
    let pem = csr::to_pem(&req).expect("pem");
    assert!(pem.starts_with("-----BEGIN NEW CERTIFICATE REQUEST-----\n"));
    assert!(pem.ends_with("\n-----END NEW CERTIFICATE REQUEST-----\n"));
    let body: Vec<&str> = pem.split('\n').collect();
    assert!(
        body[1].len() == 65 && body[1].ends_with('\r'),
        "64 columns + CRLF"
    );
    if have("openssl") {
        let f = tmp("r.csr", pem.as_bytes());
        let text = run(Command::new("openssl")
            .args(["req", "-verify", "-noout", "-text", "-in"])
            .arg(&f));
        assert!(
            text.contains("DNS:mycvp.mydomain.com, DNS:localhost, IP Address:127.0.0.1"),
            "{text}"
        );
    }
    if have("keytool") {
        let f = tmp("r.csr", pem.as_bytes());
        let text = run(Command::new("keytool")
            .args(["-printcertreq", "-file"])
            .arg(&f));
        for needle in [
            "Subject: CN=mycvp.mydomain.com, OU=IT, C=US",
            "#1: ObjectId: 2.5.29.17",
            "#2: ObjectId: 2.5.29.14",
            "DNSName: localhost",
            "IPAddress: 127.0.0.1",
        ] {
            assert!(
                text.contains(needle),
                "keytool output lacks {needle}:\n{text}"
            );
        }
    }
}

#[test]
fn rsa_2048_defaults() {
    let key = rsa_key();
    assert_eq!(key.key_algorithm(), KeyAlgorithm::Rsa { bits: 2048 });
    assert_eq!(key.signature_algorithm_name(), "SHA256withRSA");
    assert_eq!(
        format!("{:?}", key),
        "AnySigningKey { algorithm: 2048 bit RSA, signature: \"SHA256withRSA\", key: [secret key elided] }"
    );
    assert_eq!(
        KeyAlgorithm::Rsa { bits: 3072 }.default_signature_algorithm(),
        "SHA256withRSA"
    );
    assert_eq!(
        KeyAlgorithm::Rsa { bits: 3073 }.default_signature_algorithm(),
        "SHA384withRSA"
    );
    assert_eq!(
        KeyAlgorithm::Rsa { bits: 7681 }.default_signature_algorithm(),
        "SHA512withRSA"
    );
    assert_eq!(
        KeyAlgorithm::EcP384.default_signature_algorithm(),
        "SHA384withECDSA"
    );
    assert_eq!(
        KeyAlgorithm::EcP521.default_signature_algorithm(),
        "SHA512withECDSA"
    );
}

#[test]
fn rsa_self_signed_cert() {
    let cert = cert::self_signed(rsa_key(), &params()).expect("cert");
    check_cert(&cert, "sha256WithRSAEncryption");
}

#[test]
fn p256_self_signed_cert() {
    let cert = cert::self_signed(p256_key(), &params()).expect("cert");
    check_cert(&cert, "ecdsa-with-SHA256");
}

#[test]
fn rsa_csr() {
    check_csr(rsa_key());
}

#[test]
fn p256_csr() {
    check_csr(p256_key());
}

#[test]
fn p384_and_p521_sign_and_verify() {
    for alg in [KeyAlgorithm::EcP384, KeyAlgorithm::EcP521] {
        let key = AnySigningKey::generate(alg).expect("gen");
        let sig = key.try_sign(b"hello").expect("sign");
        key.verifying_key().verify(b"hello", &sig).expect("verify");
        assert!(key.verifying_key().verify(b"hellO", &sig).is_err());
        let cert = cert::self_signed(&key, &CertParams::new(dname::parse("CN=x").expect("dn")))
            .expect("cert");
        assert!(is_self_signed(&cert));
    }
}

#[test]
fn issued_by_ca() {
    // RSA root CA issues an EC leaf (the reverse mix is what the issue warns about).
    let ca_params = CertParams::new(dname::parse("CN=Root CA, O=Example").expect("dn"))
        .with_extensions(exts(&["bc:c", "ku:c=keyCertSign,cRLSign"]));
    let ca = cert::self_signed(rsa_key(), &ca_params).expect("ca");
    let leaf_spki = SubjectPublicKeyInfoOwned::from_key(&p256_key().verifying_key()).expect("spki");
    let leaf = cert::issue(rsa_key(), &ca, leaf_spki, &params()).expect("leaf");
    assert!(signed_by(&leaf, &ca));
    assert!(!is_self_signed(&leaf));
    assert_eq!(
        leaf.tbs_certificate().issuer(),
        ca.tbs_certificate().subject()
    );
    assert_eq!(
        ext_oids(leaf.tbs_certificate().extensions()),
        ["2.5.29.14", "2.5.29.17", "2.5.29.35", "2.5.29.37"]
    );
    let (_, ca_ski) = ca
        .tbs_certificate()
        .get_extension::<SubjectKeyIdentifier>()
        .expect("ski")
        .expect("present");
    let (_, aki) = leaf
        .tbs_certificate()
        .get_extension::<AuthorityKeyIdentifier>()
        .expect("aki")
        .expect("present");
    assert_eq!(aki.key_identifier.as_ref(), Some(&ca_ski.0));
    assert_eq!(
        ca_ski.0.as_bytes(),
        cert::key_identifier(ca.tbs_certificate().subject_public_key_info())
    );
    let chain = keystore_certgen::build_chain(&leaf, std::slice::from_ref(&ca)).expect("chain");
    assert_eq!(chain.len(), 2);
    // Issuing for the issuer's own key omits the AKI, as keytool does.
    let own = SubjectPublicKeyInfoOwned::from_key(&rsa_key().verifying_key()).expect("spki");
    let same = cert::issue(
        rsa_key(),
        &ca,
        own,
        &CertParams::new(dname::parse("CN=x").expect("dn")),
    )
    .expect("same");
    assert_eq!(ext_oids(same.tbs_certificate().extensions()), ["2.5.29.14"]);
    if have("openssl") {
        let ca_f = tmp("ca.pem", cert::to_pem(&ca).expect("pem").as_bytes());
        let leaf_f = tmp("leaf.pem", cert::to_pem(&leaf).expect("pem").as_bytes());
        run(Command::new("openssl")
            .args(["verify", "-CAfile"])
            .arg(&ca_f)
            .arg(&leaf_f));
    }
}

#[test]
fn pkcs8_round_trips() {
    for key in [rsa_key(), p256_key()] {
        let der = key.to_pkcs8_der().expect("encode");
        let back = AnySigningKey::from_pkcs8_der(der.as_bytes()).expect("decode");
        assert_eq!(
            back.signature_algorithm_name(),
            key.signature_algorithm_name()
        );
        assert_eq!(
            back.verifying_key()
                .to_public_key_der()
                .expect("pk")
                .as_bytes(),
            key.verifying_key()
                .to_public_key_der()
                .expect("pk")
                .as_bytes()
        );
        // Through the blanket `DecodePrivateKey` too.
        let again =
            <AnySigningKey as DecodePrivateKey>::from_pkcs8_der(der.as_bytes()).expect("decode");
        let sig = again.try_sign(b"msg").expect("sign");
        key.verifying_key().verify(b"msg", &sig).expect("verify");
        if have("openssl") {
            let f = tmp("k.der", der.as_bytes());
            run(Command::new("openssl")
                .args(["pkey", "-inform", "DER", "-noout", "-in"])
                .arg(&f));
        }
    }
    assert!(AnySigningKey::from_pkcs8_der(b"\x30\x00").is_err());
}

#[test]
fn validity_bounds() {
    let p = CertParams::new(dname::parse("CN=x").expect("dn")).with_validity_days(0);
    assert!(matches!(
        cert::self_signed(p256_key(), &p),
        Err(keystore_certgen::Error::ValidityNotPositive)
    ));
    let p = CertParams::new(dname::parse("CN=x").expect("dn")).with_validity_days(3_000_000);
    let e = cert::self_signed(p256_key(), &p).expect_err("too long");
    assert!(
        e.to_string()
            .starts_with("Validity period ends at calendar year "),
        "{e}"
    );
    // 2049 → UTCTime, 2050 → GeneralizedTime.
    let start = std::time::UNIX_EPOCH + std::time::Duration::from_secs(2_524_608_000 - 86_400 * 10); // 2049-12-22
    let p = CertParams::new(dname::parse("CN=x").expect("dn"))
        .with_not_before(start)
        .with_validity_days(30);
    let c = cert::self_signed(p256_key(), &p).expect("cert");
    let v = c.tbs_certificate().validity();
    assert!(matches!(v.not_before, x509_cert::time::Time::UtcTime(_)));
    assert!(matches!(v.not_after, x509_cert::time::Time::GeneralTime(_)));
}

#[test]
fn dname_matches_keytool_encoding() {
    if !have("keytool") {
        return;
    }
    let dn = r#"CN=Ünïcode a\,b, OU=a_1+OU=x, O="Q, Inc.", DC=example, EMAILADDRESS=a@b.c, L=\ \ x, ST=S, C=DE"#;
    let dir = tmp("x", b"");
    let ks = dir.with_file_name("ks.p12");
    run(Command::new("keytool")
        .args([
            "-genkeypair",
            "-keyalg",
            "EC",
            "-alias",
            "k",
            "-storepass",
            "changeit",
            "-storetype",
            "PKCS12",
            "-dname",
            dn,
            "-keystore",
        ])
        .arg(&ks));
    let out = Command::new("keytool")
        .args([
            "-exportcert",
            "-alias",
            "k",
            "-storepass",
            "changeit",
            "-keystore",
        ])
        .arg(&ks)
        .output()
        .expect("export");
    assert!(out.status.success());
    let theirs = Certificate::from_der(&out.stdout).expect("cert");
    let ours = dname::parse(dn).expect("dname");
    assert_eq!(
        ours.to_der().expect("der"),
        theirs.tbs_certificate().subject().to_der().expect("der")
    );
}
