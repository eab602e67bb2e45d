//! RSASSA-PSS, DSA and Ed448 keys and the `-sigalg` choices beyond each key's default: sign and
//! verify round trips, PKCS#8 round trips, AlgorithmIdentifiers byte for byte as keytool 17
//! writes them, and keytool 17's own keys and certificates (tests/data) read and verified.
//! Live interop with keytool and openssl is in keystore-cli's `tests/cli/keytypes.rs`.

use std::sync::OnceLock;

use der::{Decode, Encode};
use keystore_certgen::{
    AnySigningKey, CertParams, Error, KeyAlgorithm, cert, csr, dname, is_self_signed, signed_by,
    verify_signature_with,
};
use signature::{Keypair, Signer, Verifier};
use spki::{AlgorithmIdentifierRef, DynSignatureAlgorithmIdentifier, SubjectPublicKeyInfoRef};
use x509_cert::Certificate;

const PSS_CER: &[u8] = include_bytes!("data/keytool17-pss.cer");
const PSS_P8: &[u8] = include_bytes!("data/keytool17-pss.p8");
const DSA_CER: &[u8] = include_bytes!("data/keytool17-dsa.cer");
const DSA_P8: &[u8] = include_bytes!("data/keytool17-dsa.p8");
const ED448_CER: &[u8] = include_bytes!("data/keytool17-ed448.cer");
const ED448_P8: &[u8] = include_bytes!("data/keytool17-ed448.p8");

/// One RSA key for all RSA tests (generation is the slow part).
fn rsa_key() -> &'static AnySigningKey {
    static KEY: OnceLock<AnySigningKey> = OnceLock::new();
    KEY.get_or_init(|| AnySigningKey::generate(KeyAlgorithm::Rsa { bits: 2048 }).expect("rsa"))
}

fn rsa_copy() -> AnySigningKey {
    AnySigningKey::from_pkcs8_der(rsa_key().to_pkcs8_der().expect("der").as_bytes()).expect("rsa")
}

/// The same RSA key as an RSASSA-PSS key (keytool's `-keyalg RSASSA-PSS`).
fn pss_key() -> AnySigningKey {
    let der = rsa_key().to_pkcs8_der().expect("der");
    let mut info = pkcs8::PrivateKeyInfoRef::try_from(der.as_bytes()).expect("info");
    info.algorithm = AlgorithmIdentifierRef {
        oid: der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10"),
        parameters: None,
    };
    AnySigningKey::try_from(info).expect("pss")
}

fn params(cn: &str) -> CertParams {
    CertParams::new(dname::parse(&format!("CN={cn}")).expect("dname"))
}

fn spki_der(key: &AnySigningKey) -> Vec<u8> {
    key.public_key_info().expect("spki").to_der().expect("der")
}

/// Signs, verifies through `Keypair`/`Verifier`, rejects a changed message, and makes a
/// self-signed certificate and a CSR whose signatures verify.
fn exercise(key: &AnySigningKey, sigalg: &str) {
    assert_eq!(key.signature_algorithm_name(), sigalg);
    let sig = key.try_sign(b"message").expect("sign");
    let vk = key.verifying_key();
    assert!(vk.verify(b"message", &sig).is_ok(), "{sigalg}");
    assert!(vk.verify(b"messagE", &sig).is_err(), "{sigalg}");

    let certificate = cert::self_signed(key, &params(sigalg)).expect("cert");
    assert!(is_self_signed(&certificate), "{sigalg}");
    assert_eq!(
        certificate.signature_algorithm(),
        &key.signature_algorithm_identifier().expect("alg")
    );
    let der = certificate.to_der().expect("der");
    let back = Certificate::from_der(&der).expect("parse");
    assert!(is_self_signed(&back));

    let request = csr::build(key, &params(sigalg).subject, &[]).expect("csr");
    let info = request.info.to_der().expect("info");
    let spki = request.info.public_key.to_der().expect("spki");
    let alg = AlgorithmIdentifierRef {
        oid: request.algorithm.oid,
        parameters: request.algorithm.parameters.as_ref().map(der::AnyRef::from),
    };
    let sig = request.signature.as_bytes().expect("bits");
    assert!(verify_signature_with(
        alg,
        SubjectPublicKeyInfoRef::from_der(&spki).expect("spki"),
        &info,
        sig
    ));
}

#[test]
fn new_key_types_generate_sign_and_verify() {
    for (alg, sigalg, bits) in [
        (KeyAlgorithm::Dsa { bits: 1024 }, "SHA256withDSA", 1024),
        (KeyAlgorithm::Dsa { bits: 2048 }, "SHA256withDSA", 2048),
        (KeyAlgorithm::Dsa { bits: 3072 }, "SHA256withDSA", 3072),
        (KeyAlgorithm::Ed448, "Ed448", 448),
    ] {
        assert_eq!(alg.default_signature_algorithm(), sigalg);
        assert_eq!(alg.bits(), bits);
        let key = AnySigningKey::generate(alg).expect("generate");
        assert_eq!(key.key_algorithm(), alg);
        exercise(&key, sigalg);
    }
    let pss = pss_key();
    assert_eq!(pss.key_algorithm(), KeyAlgorithm::RsaPss { bits: 2048 });
    assert_eq!(
        KeyAlgorithm::RsaPss { bits: 2048 }.default_signature_algorithm(),
        "RSASSA-PSS"
    );
    exercise(&pss, "RSASSA-PSS");
    assert_eq!(KeyAlgorithm::Ed448.to_string(), "448 bit Ed448");
    assert_eq!(KeyAlgorithm::Dsa { bits: 2048 }.to_string(), "2048 bit DSA");
    assert_eq!(
        KeyAlgorithm::RsaPss { bits: 4096 }.to_string(),
        "4096 bit RSASSA-PSS"
    );
}

#[test]
fn generating_rsassa_pss() {
    let key = AnySigningKey::generate(KeyAlgorithm::RsaPss { bits: 1024 }).expect("gen");
    assert_eq!(key.key_algorithm(), KeyAlgorithm::RsaPss { bits: 1024 });
    exercise(&key, "RSASSA-PSS");
    assert!(matches!(
        AnySigningKey::generate(KeyAlgorithm::RsaPss { bits: 512 }),
        Err(Error::UnsupportedKeySize { bits: 512 })
    ));
}

#[test]
fn dsa_sizes_keytool_has_no_fixed_parameters_for_are_refused() {
    for bits in [512, 4096] {
        assert!(matches!(
            AnySigningKey::generate(KeyAlgorithm::Dsa { bits }),
            Err(Error::UnsupportedKeySize { bits: b }) if b == bits
        ));
    }
}

#[test]
fn pkcs8_round_trips_and_layout() {
    let keys = [
        pss_key(),
        AnySigningKey::generate(KeyAlgorithm::Dsa { bits: 2048 }).expect("dsa"),
        AnySigningKey::generate(KeyAlgorithm::Ed448).expect("ed448"),
    ];
    for (key, oid) in keys
        .iter()
        .zip(["1.2.840.113549.1.1.10", "1.2.840.10040.4.1", "1.3.101.113"])
    {
        let der = key.to_pkcs8_der().expect("encode");
        let info = pkcs8::PrivateKeyInfoRef::try_from(der.as_bytes()).expect("info");
        assert_eq!(info.algorithm.oid.to_string(), oid);
        // v1 without the optional public key, as keytool writes them.
        assert!(info.public_key.is_none());
        let bytes = der.as_bytes();
        let header = 2 + usize::from(bytes[1] & 0x80 != 0) * usize::from(bytes[1] & 0x7f);
        assert_eq!(bytes[header..header + 3], [0x02, 0x01, 0x00]);
        // DSA keys carry their domain parameters; RSASSA-PSS and Ed448 keys none.
        assert_eq!(
            info.algorithm.parameters.is_some(),
            oid == "1.2.840.10040.4.1"
        );
        let back = AnySigningKey::from_pkcs8_der(der.as_bytes()).expect("decode");
        assert_eq!(back.key_algorithm(), key.key_algorithm());
        assert_eq!(
            back.signature_algorithm_name(),
            key.signature_algorithm_name()
        );
        assert_eq!(spki_der(&back), spki_der(key));
        assert_eq!(
            back.to_pkcs8_der().expect("again").as_bytes(),
            der.as_bytes()
        );
    }
    // Ed448's CurvePrivateKey: OCTET STRING of 57 bytes.
    let ed = AnySigningKey::generate(KeyAlgorithm::Ed448).expect("ed448");
    let der = ed.to_pkcs8_der().expect("encode");
    let info = pkcs8::PrivateKeyInfoRef::try_from(der.as_bytes()).expect("info");
    assert_eq!(info.private_key.as_bytes()[..2], [0x04, 0x39]);
    assert_eq!(info.private_key.as_bytes().len(), 59);
    // A v2 key whose public key does not match is refused.
    let other = AnySigningKey::generate(KeyAlgorithm::Ed448).expect("ed448");
    let other_spki = other.public_key_info().expect("spki");
    let v2 = pkcs8::PrivateKeyInfoRef {
        public_key: Some(der::asn1::BitStringRef::from(
            &other_spki.subject_public_key,
        )),
        ..info
    };
    assert!(AnySigningKey::try_from(v2).is_err());
}

/// keytool 17's own RSASSA-PSS, DSA and Ed448 keys: decoded, re-encoded byte for byte, their
/// public keys match keytool's certificates, and keytool's certificates verify.
#[test]
fn keytool_keys_and_certificates() {
    for (p8, cer, alg, sigalg) in [
        (
            PSS_P8,
            PSS_CER,
            KeyAlgorithm::RsaPss { bits: 2048 },
            "RSASSA-PSS",
        ),
        (
            DSA_P8,
            DSA_CER,
            KeyAlgorithm::Dsa { bits: 2048 },
            "SHA256withDSA",
        ),
        (ED448_P8, ED448_CER, KeyAlgorithm::Ed448, "Ed448"),
    ] {
        let key = AnySigningKey::from_pkcs8_der(p8).expect("decode keytool key");
        assert_eq!(key.key_algorithm(), alg);
        assert_eq!(key.signature_algorithm_name(), sigalg);
        assert_eq!(key.to_pkcs8_der().expect("encode").as_bytes(), p8);
        let certificate = Certificate::from_der(cer).expect("keytool certificate");
        let tbs = certificate.tbs_certificate();
        assert_eq!(
            spki_der(&key),
            tbs.subject_public_key_info().to_der().expect("der")
        );
        assert!(is_self_signed(&certificate), "{sigalg}");
        // Our AlgorithmIdentifier is keytool's, byte for byte.
        assert_eq!(
            key.signature_algorithm_identifier()
                .expect("alg")
                .to_der()
                .expect("der"),
            certificate.signature_algorithm().to_der().expect("der"),
            "{sigalg}"
        );
        // A changed signature does not verify.
        let mut bad = cer.to_vec();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let bad = Certificate::from_der(&bad).expect("parse");
        assert!(!is_self_signed(&bad), "{sigalg}");
        // The keytool key signs certificates that verify with its keytool certificate's key.
        let mut leaf = params("leaf");
        leaf.subject = dname::parse("CN=leaf").expect("dname");
        let leaf_key = AnySigningKey::generate(KeyAlgorithm::EcP256).expect("leaf");
        let issued = cert::issue(
            &key,
            &certificate,
            leaf_key.public_key_info().expect("spki"),
            &leaf,
        )
        .expect("issue");
        assert!(signed_by(&issued, &certificate), "{sigalg}");
    }
}

#[test]
fn rsa_signature_algorithms() {
    for name in [
        "SHA1withRSA",
        "SHA224withRSA",
        "SHA256withRSA",
        "SHA384withRSA",
        "SHA512withRSA",
        "SHA512/224withRSA",
        "SHA512/256withRSA",
        "RSASSA-PSS",
    ] {
        let key = rsa_copy()
            .with_signature_algorithm(&name.to_lowercase())
            .expect(name);
        assert_eq!(key.key_algorithm(), KeyAlgorithm::Rsa { bits: 2048 });
        exercise(&key, name);
        // An RSA key signing RSASSA-PSS keeps its rsaEncryption public key.
        assert_eq!(spki_der(&key), spki_der(rsa_key()));
    }
    // An RSASSA-PSS key may sign PKCS#1 v1.5 too (keytool 17 allows it) and stays a PSS key.
    let key = pss_key()
        .with_signature_algorithm("SHA256withRSA")
        .expect("pss key, PKCS#1 signature");
    assert_eq!(key.key_algorithm(), KeyAlgorithm::RsaPss { bits: 2048 });
    exercise(&key, "SHA256withRSA");
    assert_eq!(
        key.public_key_info()
            .expect("spki")
            .algorithm
            .oid
            .to_string(),
        "1.2.840.113549.1.1.10"
    );
    // RSASSA-PSS with a 2048-bit key: exactly keytool 17's parameters.
    let key = rsa_copy()
        .with_signature_algorithm("RSASSA-PSS")
        .expect("pss");
    let keytool = Certificate::from_der(PSS_CER).expect("cert");
    assert_eq!(
        key.signature_algorithm_identifier().expect("alg"),
        *keytool.signature_algorithm()
    );
    for name in ["SHA256withECDSA", "SHA256withDSA", "Ed25519", "EdDSA"] {
        assert!(matches!(
            rsa_copy().with_signature_algorithm(name),
            Err(Error::SignatureAlgorithmMismatch {
                key: KeyAlgorithm::Rsa { bits: 2048 },
                ..
            })
        ));
    }
    for name in ["MD5withRSA", "SHA3-256withRSA"] {
        assert!(matches!(
            rsa_copy().with_signature_algorithm(name),
            Err(Error::UnimplementedSignatureAlgorithm(n)) if n == name
        ));
    }
    assert!(matches!(
        rsa_copy().with_signature_algorithm("FOO"),
        Err(Error::UnsupportedSignatureAlgorithm(n)) if n == "FOO"
    ));
}

/// ECDSA with every digest on every curve: SHA-512 on P-256 is the leftmost 256 bits of the
/// digest (FIPS 186-4 §6.4), SHA-256 on P-521 the whole digest.
#[test]
fn ecdsa_with_any_digest() {
    for alg in [
        KeyAlgorithm::EcP256,
        KeyAlgorithm::EcP384,
        KeyAlgorithm::EcP521,
    ] {
        let key = AnySigningKey::generate(alg).expect("gen");
        let der = key.to_pkcs8_der().expect("der");
        for name in [
            "SHA1withECDSA",
            "SHA224withECDSA",
            "SHA256withECDSA",
            "SHA384withECDSA",
            "SHA512withECDSA",
        ] {
            let key = AnySigningKey::from_pkcs8_der(der.as_bytes())
                .expect("decode")
                .with_signature_algorithm(name)
                .expect(name);
            assert_eq!(key.key_algorithm(), alg);
            exercise(&key, name);
            // The key itself is unchanged.
            assert_eq!(key.to_pkcs8_der().expect("der").as_bytes(), der.as_bytes());
        }
        let key = AnySigningKey::from_pkcs8_der(der.as_bytes()).expect("decode");
        assert!(matches!(
            key.with_signature_algorithm("SHA256withRSA"),
            Err(Error::SignatureAlgorithmMismatch { key: k, .. }) if k == alg
        ));
    }
    // P-256 with SHA-512 verifies as ECDSA over the truncated digest.
    let key = AnySigningKey::generate(KeyAlgorithm::EcP256)
        .expect("gen")
        .with_signature_algorithm("SHA512withECDSA")
        .expect("sha512");
    let sig = key.try_sign(b"abc").expect("sign");
    let spki = key.public_key_info().expect("spki");
    let point = spki.subject_public_key.as_bytes().expect("point");
    let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).expect("vk");
    let sig = p256::ecdsa::Signature::from_der(sig.as_bytes()).expect("der");
    let digest = <sha2::Sha512 as sha2::Digest>::digest(b"abc");
    assert!(signature::hazmat::PrehashVerifier::verify_prehash(&vk, &digest[..32], &sig).is_ok());
    assert_eq!(
        key.signature_algorithm_oid().to_string(),
        "1.2.840.10045.4.3.4"
    );
}

#[test]
fn dsa_signature_algorithms() {
    let key = |bits| AnySigningKey::generate(KeyAlgorithm::Dsa { bits }).expect("dsa");
    for name in [
        "SHA224withDSA",
        "SHA256withDSA",
        "SHA384withDSA",
        "SHA512withDSA",
    ] {
        exercise(&key(2048).with_signature_algorithm(name).expect(name), name);
    }
    exercise(
        &key(1024)
            .with_signature_algorithm("SHA1withDSA")
            .expect("sha1"),
        "SHA1withDSA",
    );
    // keytool: the digest must be at least as long as q.
    assert!(matches!(
        key(2048).with_signature_algorithm("SHA1withDSA"),
        Err(Error::DigestTooWeak { digest: "SHA-1" })
    ));
    let err = key(3072)
        .with_signature_algorithm("SHA224withDSA")
        .expect_err("too weak");
    assert_eq!(
        err.to_string(),
        "The security strength of SHA-224 digest algorithm is not sufficient for this key size"
    );
    assert!(matches!(
        key(1024).with_signature_algorithm("SHA256withECDSA"),
        Err(Error::SignatureAlgorithmMismatch {
            key: KeyAlgorithm::Dsa { bits: 1024 },
            ..
        })
    ));
}

#[test]
fn eddsa_names() {
    let ed448 = || AnySigningKey::generate(KeyAlgorithm::Ed448).expect("ed448");
    for name in ["Ed448", "ed448", "EdDSA"] {
        let key = ed448().with_signature_algorithm(name).expect(name);
        assert_eq!(key.signature_algorithm_name(), "Ed448");
    }
    for name in ["Ed25519", "SHA256withRSA", "SHA256withECDSA"] {
        assert!(matches!(
            ed448().with_signature_algorithm(name),
            Err(Error::SignatureAlgorithmMismatch {
                key: KeyAlgorithm::Ed448,
                ..
            })
        ));
    }
    // Ed448 signatures are 114 bytes and verify only under Ed448.
    let key = ed448();
    let sig = key.try_sign(b"m").expect("sign");
    assert_eq!(sig.as_bytes().len(), 114);
    let spki = key.public_key_info().expect("spki").to_der().expect("der");
    let spki = SubjectPublicKeyInfoRef::from_der(&spki).expect("spki");
    let as_ed25519 = AlgorithmIdentifierRef {
        oid: der::oid::ObjectIdentifier::new_unwrap("1.3.101.112"),
        parameters: None,
    };
    assert!(!verify_signature_with(
        as_ed25519,
        spki,
        b"m",
        sig.as_bytes()
    ));
}
