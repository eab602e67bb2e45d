//! Ed25519 keys (RFC 8032 / RFC 8410): key metadata, RFC 8032 test vector, PKCS#8 round trips and
//! live interop with `openssl` and `keytool` (skipped with a message when a tool is missing,
//! unless `CI=true` or `KEYSTORE_REQUIRE_INTEROP=1`).

use std::{
    path::PathBuf,
    process::Command,
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

use der::{Decode, Encode};
use hex_literal::hex;
use keystore_certgen::{
    AnySigningKey, CertParams, GenerateError, KeyAlgorithm, cert, csr, dname, ext, is_self_signed,
    signed_by, verify_signature,
};
use pkcs8::DecodePrivateKey;
use signature::{Keypair, Signer, Verifier};
use spki::{
    DynSignatureAlgorithmIdentifier, EncodePublicKey, SubjectPublicKeyInfoOwned,
    SubjectPublicKeyInfoRef,
};
use x509_cert::{Certificate, request::CertReq};

/// id-Ed25519 (RFC 8410).
const ED25519_OID: &str = "1.3.101.112";

/// RFC 8032 §7.1 TEST 1.
const RFC8032_SECRET: [u8; 32] =
    hex!("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const RFC8032_PUBLIC: [u8; 32] =
    hex!("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const RFC8032_SIGNATURE: [u8; 64] = hex!(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
);

/// RFC 8410 §7 v1 `PrivateKeyInfo` prefix: SEQUENCE, version 0, id-Ed25519 without parameters,
/// OCTET STRING { OCTET STRING (32) }.
const PKCS8_V1_PREFIX: [u8; 16] = hex!("302e020100300506032b657004220420");

fn ed_key() -> &'static AnySigningKey {
    static KEY: OnceLock<AnySigningKey> = OnceLock::new();
    KEY.get_or_init(|| AnySigningKey::generate(KeyAlgorithm::Ed25519).expect("ed25519"))
}

fn rfc8032_key() -> AnySigningKey {
    let mut der = PKCS8_V1_PREFIX.to_vec();
    der.extend_from_slice(&RFC8032_SECRET);
    AnySigningKey::from_pkcs8_der(&der).expect("decode")
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
        "keystore-certgen-ed25519-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("tmpdir");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("write");
    path
}

fn run_bytes(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
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
    .with_validity_days(365)
    .with_extensions(exts(&[
        "san=dns:mycvp.mydomain.com,dns:localhost,ip:127.0.0.1",
        "eku=sA,cA",
    ]))
}

fn spki_of(key: &AnySigningKey) -> Vec<u8> {
    key.verifying_key()
        .to_public_key_der()
        .expect("spki")
        .as_bytes()
        .to_vec()
}

/// A deterministic "RNG" that hands out fixed bytes, to check what `generate_from_rng` draws.
struct FixedRng([u8; 32]);

impl rand_core::TryRng for FixedRng {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        unreachable!("Ed25519 generation fills bytes")
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        unreachable!("Ed25519 generation fills bytes")
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        dst.copy_from_slice(&self.0[..dst.len()]);
        Ok(())
    }
}

impl rand_core::TryCryptoRng for FixedRng {}

/// An RNG that always fails.
struct BrokenRng;

#[derive(Debug)]
struct Broken;

impl core::fmt::Display for Broken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("broken RNG")
    }
}

impl core::error::Error for Broken {}

impl rand_core::TryRng for BrokenRng {
    type Error = Broken;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Err(Broken)
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Err(Broken)
    }

    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Self::Error> {
        Err(Broken)
    }
}

impl rand_core::TryCryptoRng for BrokenRng {}

#[test]
fn key_algorithm_metadata() {
    let alg = KeyAlgorithm::Ed25519;
    assert_eq!(alg.bits(), 255);
    assert_eq!(alg.default_signature_algorithm(), "Ed25519");
    // keytool 17: `Generating 255 bit Ed25519 key pair and self-signed certificate (Ed25519) …`
    assert_eq!(alg.to_string(), "255 bit Ed25519");

    let key = ed_key();
    assert_eq!(key.key_algorithm(), KeyAlgorithm::Ed25519);
    assert_eq!(key.signature_algorithm_name(), "Ed25519");
    assert_eq!(key.signature_algorithm_oid().to_string(), ED25519_OID);
    assert_eq!(
        format!("{key:?}"),
        "AnySigningKey { algorithm: 255 bit Ed25519, signature: \"Ed25519\", key: [secret key elided] }"
    );
    assert!(matches!(key, AnySigningKey::Ed25519(_)));

    // Signature AlgorithmIdentifier: id-Ed25519, parameters absent (RFC 8410 §3).
    let sig_alg = key.signature_algorithm_identifier().expect("alg id");
    assert_eq!(sig_alg.oid.to_string(), ED25519_OID);
    assert!(sig_alg.parameters.is_none());
    assert_eq!(sig_alg.to_der().expect("der"), hex!("300506032b6570"));

    // SubjectPublicKeyInfo: id-Ed25519 without parameters, the raw 32-byte point (RFC 8410 §4).
    let info = key.public_key_info().expect("spki");
    assert_eq!(info.algorithm.oid.to_string(), ED25519_OID);
    assert!(info.algorithm.parameters.is_none());
    let spki = info.to_der().expect("der");
    assert_eq!(spki.len(), 44);
    assert_eq!(spki[..12], hex!("302a300506032b6570032100"));
    assert_eq!(spki, spki_of(key));
}

#[test]
fn signature_algorithm_selection() {
    let key = AnySigningKey::generate(KeyAlgorithm::Ed25519).expect("gen");
    let key = key.with_signature_algorithm("ed25519").expect("Ed25519");
    // keytool 17 accepts `-sigalg EdDSA` for an Ed25519 key and signs Ed25519.
    let key = key.with_signature_algorithm("EdDSA").expect("EdDSA");
    assert_eq!(key.signature_algorithm_name(), "Ed25519");
    // Algorithms of other key types (keytool: InvalidKeyException).
    for name in ["SHA256withRSA", "SHA256withECDSA", "Ed448", "RSASSA-PSS"] {
        let key = AnySigningKey::generate(KeyAlgorithm::Ed25519).expect("gen");
        assert!(matches!(
            key.with_signature_algorithm(name),
            Err(keystore_certgen::Error::SignatureAlgorithmMismatch { name: n, key: KeyAlgorithm::Ed25519 }) if n == name
        ));
    }
    // Names keytool does not know (keytool: NoSuchAlgorithmException).
    let key = AnySigningKey::generate(KeyAlgorithm::Ed25519).expect("gen");
    assert!(matches!(
        key.with_signature_algorithm("SHA512withEdDSA"),
        Err(keystore_certgen::Error::UnsupportedSignatureAlgorithm(n)) if n == "SHA512withEdDSA"
    ));
    // EdDSA is not a name for other key types.
    let p256 = AnySigningKey::generate(KeyAlgorithm::EcP256).expect("gen");
    assert!(p256.with_signature_algorithm("EdDSA").is_err());
}

#[test]
fn generate_from_rng_draws_the_secret() {
    let key =
        AnySigningKey::generate_from_rng(KeyAlgorithm::Ed25519, &mut FixedRng(RFC8032_SECRET))
            .expect("gen");
    let AnySigningKey::Ed25519(inner) = &key else {
        panic!("not Ed25519: {key:?}");
    };
    assert_eq!(inner.verifying_key().as_bytes(), &RFC8032_PUBLIC);
    assert!(matches!(
        AnySigningKey::generate_from_rng(KeyAlgorithm::Ed25519, &mut BrokenRng),
        Err(GenerateError::Rng(Broken))
    ));
}

#[test]
fn rfc8032_test_vector() {
    let key = rfc8032_key();
    assert_eq!(key.key_algorithm(), KeyAlgorithm::Ed25519);
    let info = key.public_key_info().expect("spki");
    assert_eq!(info.subject_public_key.raw_bytes(), RFC8032_PUBLIC);
    let sig = key.try_sign(b"").expect("sign");
    assert_eq!(sig.as_bytes(), RFC8032_SIGNATURE);
    key.verifying_key().verify(b"", &sig).expect("verify");
    assert!(key.verifying_key().verify(b"x", &sig).is_err());

    let spki_der = info.to_der().expect("der");
    let spki = SubjectPublicKeyInfoRef::from_der(&spki_der).expect("spki");
    let oid = key.signature_algorithm_oid();
    assert!(verify_signature(oid, spki.clone(), b"", &RFC8032_SIGNATURE));
    let mut bad = RFC8032_SIGNATURE;
    bad[63] ^= 1;
    assert!(!verify_signature(oid, spki.clone(), b"", &bad));
    assert!(!verify_signature(
        oid,
        spki.clone(),
        b"",
        &RFC8032_SIGNATURE[..63]
    ));
    // The key must be an Ed25519 key, and the algorithm Ed25519.
    assert!(!verify_signature(
        const_oid::db::rfc5912::ECDSA_WITH_SHA_512,
        spki,
        b"",
        &RFC8032_SIGNATURE
    ));
    let p256_spki = spki_of(&AnySigningKey::generate(KeyAlgorithm::EcP256).expect("gen"));
    let p256_spki = SubjectPublicKeyInfoRef::from_der(&p256_spki).expect("spki");
    assert!(!verify_signature(oid, p256_spki, b"", &RFC8032_SIGNATURE));
}

#[test]
fn pkcs8_round_trip() {
    let key = ed_key();
    let der = key.to_pkcs8_der().expect("encode");
    // RFC 8410 v1 without public key, as `openssl genpkey` and keytool 17 write it.
    assert_eq!(der.as_bytes().len(), 48);
    assert_eq!(der.as_bytes()[..16], PKCS8_V1_PREFIX);
    let back = AnySigningKey::from_pkcs8_der(der.as_bytes()).expect("decode");
    assert_eq!(back.key_algorithm(), KeyAlgorithm::Ed25519);
    assert_eq!(back.signature_algorithm_name(), "Ed25519");
    assert_eq!(spki_of(&back), spki_of(key));
    assert_eq!(
        back.to_pkcs8_der().expect("encode").as_bytes(),
        der.as_bytes()
    );
    // Through the blanket `DecodePrivateKey` too.
    let again =
        <AnySigningKey as DecodePrivateKey>::from_pkcs8_der(der.as_bytes()).expect("decode");
    let sig = again.try_sign(b"msg").expect("sign");
    key.verifying_key().verify(b"msg", &sig).expect("verify");

    // RFC 8032 vector: PKCS#8 is exactly prefix || secret.
    let mut expected = PKCS8_V1_PREFIX.to_vec();
    expected.extend_from_slice(&RFC8032_SECRET);
    assert_eq!(
        rfc8032_key().to_pkcs8_der().expect("encode").as_bytes(),
        expected
    );

    // v2 (`OneAsymmetricKey` with the public key) decodes; a mismatched public key does not.
    let AnySigningKey::Ed25519(inner) = key else {
        panic!("not Ed25519");
    };
    let v2 = pkcs8::EncodePrivateKey::to_pkcs8_der(inner).expect("v2");
    assert!(v2.as_bytes().len() > 48);
    let from_v2 = AnySigningKey::from_pkcs8_der(v2.as_bytes()).expect("decode v2");
    assert_eq!(spki_of(&from_v2), spki_of(key));
    let mut wrong = v2.as_bytes().to_vec();
    let last = wrong.len() - 1;
    wrong[last] ^= 1;
    assert!(AnySigningKey::from_pkcs8_der(&wrong).is_err());

    // Parameters must be absent; the inner OCTET STRING must hold 32 bytes.
    let mut with_null = hex!("3030020100300706032b6570050004220420").to_vec();
    with_null.extend_from_slice(&RFC8032_SECRET);
    assert!(AnySigningKey::from_pkcs8_der(&with_null).is_err());
    let mut short = hex!("302d020100300506032b657004210420").to_vec();
    short.extend_from_slice(&RFC8032_SECRET[..31]);
    assert!(AnySigningKey::from_pkcs8_der(&short).is_err());

    if have("openssl") {
        let f = tmp("k.der", der.as_bytes());
        let text = run(Command::new("openssl")
            .args(["pkey", "-inform", "DER", "-noout", "-text", "-in"])
            .arg(&f));
        assert!(text.contains("ED25519 Private-Key"), "{text}");
        // openssl derives the same public key from our encoding.
        let pubout = run_bytes(
            Command::new("openssl")
                .args([
                    "pkey", "-inform", "DER", "-pubout", "-outform", "DER", "-in",
                ])
                .arg(&f),
        );
        assert_eq!(pubout, spki_of(key));
    }
}

#[test]
fn decodes_openssl_genpkey() {
    if !have("openssl") {
        return;
    }
    let dir = tmp("x", b"");
    let k = dir.with_file_name("ossl.der");
    run(Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "ed25519",
            "-outform",
            "DER",
            "-out",
        ])
        .arg(&k));
    let der = std::fs::read(&k).expect("read");
    let key = AnySigningKey::from_pkcs8_der(&der).expect("decode openssl key");
    assert_eq!(key.key_algorithm(), KeyAlgorithm::Ed25519);
    // Byte-identical re-encoding.
    assert_eq!(key.to_pkcs8_der().expect("encode").as_bytes(), der);
    let pubout = run_bytes(
        Command::new("openssl")
            .args([
                "pkey", "-inform", "DER", "-pubout", "-outform", "DER", "-in",
            ])
            .arg(&k),
    );
    assert_eq!(pubout, spki_of(&key));

    // openssl signs with its key; we verify. Ed25519 is deterministic, so our signature matches.
    let msg = tmp("m.bin", b"interop message");
    let sig = run_bytes(
        Command::new("openssl")
            .args(["pkeyutl", "-sign", "-rawin", "-keyform", "DER", "-inkey"])
            .arg(&k)
            .arg("-in")
            .arg(&msg),
    );
    let spki = SubjectPublicKeyInfoRef::from_der(&pubout).expect("spki");
    assert!(verify_signature(
        key.signature_algorithm_oid(),
        spki,
        b"interop message",
        &sig
    ));
    assert_eq!(
        key.try_sign(b"interop message").expect("sign").as_bytes(),
        sig
    );
}

#[test]
fn self_signed_cert() {
    let key = ed_key();
    let cert = cert::self_signed(key, &params()).expect("cert");
    assert!(is_self_signed(&cert), "self-signed signature must verify");
    assert_eq!(cert.signature_algorithm().oid.to_string(), ED25519_OID);
    assert!(cert.signature_algorithm().parameters.is_none());
    assert_eq!(cert.signature().raw_bytes().len(), 64);
    let tbs = cert.tbs_certificate();
    assert_eq!(tbs.signature(), cert.signature_algorithm());
    assert_eq!(
        tbs.subject_public_key_info().to_der().expect("der"),
        spki_of(key)
    );
    // A flipped signature bit breaks self-signedness.
    let mut der = cert.to_der().expect("der");
    let last = der.len() - 1;
    der[last] ^= 1;
    assert!(!is_self_signed(
        &Certificate::from_der(&der).expect("decode")
    ));

    let pem = cert::to_pem(&cert).expect("pem");
    if have("openssl") {
        let f = tmp("c.pem", pem.as_bytes());
        let text = run(Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&f));
        for needle in [
            "Signature Algorithm: ED25519",
            "Public Key Algorithm: ED25519",
            "ED25519 Public-Key:",
            "DNS:mycvp.mydomain.com",
            "DNS:localhost",
            "IP Address:127.0.0.1",
            "TLS Web Server Authentication",
            "TLS Web Client Authentication",
            "Subject Key Identifier",
            "Subject: C = US, ST = State, L = City, O = \"Example, Inc.\", OU = IT, CN = mycvp.mydomain.com",
        ] {
            assert!(
                text.contains(needle),
                "openssl output lacks {needle}:\n{text}"
            );
        }
        // `-check_ss_sig` makes openssl check the trust anchor's own signature too.
        let text = run(Command::new("openssl")
            .args(["verify", "-check_ss_sig", "-CAfile"])
            .arg(&f)
            .arg(&f));
        assert!(text.contains(": OK"), "{text}");
    }
    if have("keytool") {
        let f = tmp("c.pem", pem.as_bytes());
        let text = run(Command::new("keytool")
            .args(["-printcert", "-file"])
            .arg(&f));
        for needle in [
            "Owner: CN=mycvp.mydomain.com, OU=IT, O=\"Example, Inc.\", L=City, ST=State, C=US",
            "Signature algorithm name: Ed25519",
            "Subject Public Key Algorithm: 255-bit Ed25519 key",
            "DNSName: mycvp.mydomain.com",
            "DNSName: localhost",
            "IPAddress: 127.0.0.1",
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

#[test]
fn ed25519_ca_issues_ec_leaf() {
    let ca_params = CertParams::new(dname::parse("CN=Ed25519 Root, O=Example").expect("dn"))
        .with_extensions(exts(&["bc:c", "ku:c=keyCertSign,cRLSign"]));
    let ca = cert::self_signed(ed_key(), &ca_params).expect("ca");
    let leaf_key = AnySigningKey::generate(KeyAlgorithm::EcP256).expect("gen");
    let leaf_spki = SubjectPublicKeyInfoOwned::from_key(&leaf_key.verifying_key()).expect("spki");
    let leaf = cert::issue(ed_key(), &ca, leaf_spki, &params()).expect("leaf");
    assert!(signed_by(&leaf, &ca));
    assert!(!is_self_signed(&leaf));
    let chain = keystore_certgen::build_chain(&leaf, std::slice::from_ref(&ca)).expect("chain");
    assert_eq!(chain.len(), 2);
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
fn verifies_foreign_ed25519_certs() {
    if have("openssl") {
        let dir = tmp("x", b"");
        let c = dir.with_file_name("ossl.der");
        let k = dir.with_file_name("ossl.key");
        run(Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ed25519",
                "-nodes",
                "-subj",
                "/CN=openssl ed25519",
                "-days",
                "1",
                "-outform",
                "DER",
                "-keyout",
            ])
            .arg(&k)
            .arg("-out")
            .arg(&c));
        let cert = Certificate::from_der(&std::fs::read(&c).expect("read")).expect("cert");
        assert!(is_self_signed(&cert), "openssl's Ed25519 certificate");
    }
    if have("keytool") {
        let dir = tmp("x", b"");
        let ks = dir.with_file_name("ks.p12");
        run(Command::new("keytool")
            .args([
                "-genkeypair",
                "-keyalg",
                "Ed25519",
                "-alias",
                "k",
                "-storepass",
                "changeit",
                "-storetype",
                "PKCS12",
                "-dname",
                "CN=keytool ed25519",
                "-keystore",
            ])
            .arg(&ks));
        let der = run_bytes(
            Command::new("keytool")
                .args([
                    "-exportcert",
                    "-alias",
                    "k",
                    "-storepass",
                    "changeit",
                    "-keystore",
                ])
                .arg(&ks),
        );
        let cert = Certificate::from_der(&der).expect("cert");
        assert!(is_self_signed(&cert), "keytool's Ed25519 certificate");
    }
}

#[test]
fn csr() {
    let key = ed_key();
    let subject = dname::parse("CN=mycvp.mydomain.com, OU=IT, C=US").expect("dname");
    let req = csr::build(
        key,
        &subject,
        &exts(&["san=dns:mycvp.mydomain.com,dns:localhost,ip:127.0.0.1"]),
    )
    .expect("csr");
    assert_eq!(req.algorithm.oid.to_string(), ED25519_OID);
    assert!(req.algorithm.parameters.is_none());
    let info = req.info.to_der().expect("info");
    let spki_der = req.info.public_key.to_der().expect("spki");
    assert_eq!(spki_der, spki_of(key));
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
    if have("openssl") {
        let f = tmp("r.csr", pem.as_bytes());
        let text = run(Command::new("openssl")
            .args(["req", "-verify", "-noout", "-text", "-in"])
            .arg(&f));
        for needle in [
            "verify OK",
            "Public Key Algorithm: ED25519",
            "Signature Algorithm: ED25519",
            "DNS:mycvp.mydomain.com, DNS:localhost, IP Address:127.0.0.1",
        ] {
            assert!(text.contains(needle), "openssl lacks {needle}:\n{text}");
        }
    }
    if have("keytool") {
        let f = tmp("r.csr", pem.as_bytes());
        let text = run(Command::new("keytool")
            .args(["-printcertreq", "-file"])
            .arg(&f));
        for needle in [
            "Subject: CN=mycvp.mydomain.com, OU=IT, C=US",
            "255-bit Ed25519 key",
            "Ed25519",
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
