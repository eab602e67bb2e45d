//! The facade API end to end on a real vector (`tests/data/vec.jks`, jks-jceks.md §9:
//! store password `storepw1`, key password `keypass1`, an EC P-256 key entry `vec` and a trusted
//! certificate `ca`).

use keystore::{Entry, KeyStore, Password, Pkcs12Profile, StoreFormat, now};

const VEC_JKS: &[u8] = include_bytes!("data/vec.jks");

fn pw(s: &str) -> Password {
    Password::new(s)
}

#[test]
fn keys_come_out_as_pkcs8_and_as_rustcrypto_types() {
    let store = KeyStore::from_bytes(VEC_JKS, Some(&pw("storepw1"))).unwrap();
    let doc = store.private_key("VEC", &pw("keypass1")).unwrap();
    let key: p256::SecretKey = store.private_key_as("vec", &pw("keypass1")).unwrap();
    // The PKCS#8 document and the typed key are the same key.
    let again =
        <p256::SecretKey as pkcs8::DecodePrivateKey>::from_pkcs8_der(doc.as_bytes()).unwrap();
    assert_eq!(key.to_bytes(), again.to_bytes());
    // Wrong key password and wrong type are errors, not panics.
    assert!(matches!(
        store.private_key("vec", &pw("nope")),
        Err(keystore::Error::KeyDecryptionFailed)
    ));
    assert!(
        store
            .private_key_as::<p384::SecretKey>("vec", &pw("keypass1"))
            .is_err()
    );
    assert!(matches!(
        store.private_key("ca", &pw("keypass1")),
        Err(keystore::Error::WrongEntryType { .. })
    ));
}

#[test]
fn wrong_store_password_is_an_integrity_failure() {
    assert!(matches!(
        KeyStore::from_bytes(VEC_JKS, Some(&pw("storepw2"))),
        Err(keystore::Error::IntegrityCheckFailed)
    ));
    // Without a password nothing is verified, as keytool's unverified listing.
    assert_eq!(KeyStore::from_bytes(VEC_JKS, None).unwrap().len(), 2);
}

#[test]
fn convert_between_all_three_formats_keeps_keys_and_certificates() {
    let jks = KeyStore::from_bytes(VEC_JKS, Some(&pw("storepw1"))).unwrap();
    let original = jks.private_key("vec", &pw("keypass1")).unwrap();
    let mut p12 = jks
        .convert(StoreFormat::Pkcs12, &|_| pw("keypass1"), &|_| {
            pw("p12-pass")
        })
        .unwrap();
    for profile in [
        Pkcs12Profile::Jdk,
        Pkcs12Profile::Legacy,
        Pkcs12Profile::Pbmac1,
    ] {
        p12.set_pkcs12_profile(profile);
        let bytes = p12.to_bytes(&pw("p12-pass")).unwrap();
        let back = KeyStore::from_bytes(&bytes, Some(&pw("p12-pass"))).unwrap();
        assert_eq!(back.format(), StoreFormat::Pkcs12);
        let jceks = back
            .convert(StoreFormat::Jceks, &|_| pw("p12-pass"), &|_| {
                pw("jceks-key")
            })
            .unwrap();
        let bytes = jceks.to_bytes(&pw("storepw1")).unwrap();
        let jceks = KeyStore::from_bytes(&bytes, Some(&pw("storepw1"))).unwrap();
        assert_eq!(
            jceks
                .private_key("vec", &pw("jceks-key"))
                .unwrap()
                .as_bytes(),
            original.as_bytes(),
            "{profile:?}"
        );
        assert_eq!(
            jceks.certificate_chain("vec").unwrap(),
            jks.certificate_chain("vec").unwrap()
        );
        assert!(matches!(jceks.get("ca"), Some(Entry::TrustedCert(_))));
    }
}

#[test]
fn secret_keys_cannot_go_into_jks() {
    let mut store = KeyStore::new(StoreFormat::Jks);
    let key = keystore::generate_secret_key("AES", Some(128)).unwrap();
    assert!(matches!(
        store.set_secret_key("k", &key, &pw("secret-pw"), now()),
        Err(keystore::Error::EntryNotSupported { .. })
    ));
    let mut store = KeyStore::new(StoreFormat::Pkcs12);
    store
        .set_secret_key("k", &key, &pw("secret-pw"), now())
        .unwrap();
    let bytes = store.to_bytes(&pw("secret-pw")).unwrap();
    let back = KeyStore::from_bytes(&bytes, Some(&pw("secret-pw"))).unwrap();
    assert_eq!(
        back.secret_key("K", &pw("secret-pw"))
            .unwrap()
            .secret_bytes(),
        key.secret_bytes()
    );
}

#[test]
fn key_pair_request_and_signature_in_one_call_each() {
    use der::Encode as _;
    use keystore::{
        KeyPairSpec,
        certgen::{AnySigningKey, CertParams, KeyAlgorithm, cert, csr, dname},
    };
    let password = pw("changeit");
    let mut store = KeyStore::new(StoreFormat::Jceks);
    let spec = KeyPairSpec {
        algorithm: KeyAlgorithm::EcP256,
        sans: "dns:cvp1.example.com,dns:localhost",
        validity_days: 1095,
        ..KeyPairSpec::new("CN=cvp1.example.com, O=Example")
    };
    let key = store
        .generate_key_pair("wsm_certificate", &spec, &password)
        .unwrap();
    let chain = store.certificate_chain("wsm_certificate").unwrap();
    let leaf = chain[0].parse().unwrap();
    assert!(keystore::certgen::is_self_signed(&leaf));
    assert_eq!(
        leaf.tbs_certificate().subject().to_string(),
        "CN=cvp1.example.com,O=Example"
    );
    let exts = leaf.tbs_certificate().extensions().unwrap();
    assert!(
        exts.iter()
            .any(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
    );
    // The key stored is the key returned.
    let stored = store.private_key("wsm_certificate", &password).unwrap();
    assert_eq!(stored.as_bytes(), key.to_pkcs8_der().unwrap().as_bytes());
    // Round trip through the file format.
    let reloaded =
        KeyStore::from_bytes(&store.to_bytes(&password).unwrap(), Some(&password)).unwrap();
    assert_eq!(
        reloaded.certificate_chain("wsm_certificate").unwrap(),
        chain
    );

    let request =
        csr::build_with_sans(&key, "CN=cvp1.example.com", "dns:cvp1.example.com").unwrap();
    let ca_key = AnySigningKey::generate(KeyAlgorithm::EcP256).unwrap();
    let ca = cert::self_signed(&ca_key, &CertParams::new(dname::parse("CN=CA").unwrap())).unwrap();
    let signed = cert::sign_request(&ca_key, &ca, &request, 365).unwrap();
    assert!(keystore::certgen::signed_by(&signed, &ca));
    assert!(!signed.to_der().unwrap().is_empty());

    // Bad text fails before anything is stored.
    let bad = KeyPairSpec {
        sans: "dns",
        ..KeyPairSpec::new("CN=x")
    };
    assert!(store.generate_key_pair("other", &bad, &password).is_err());
    assert!(!store.contains("other"));
}
