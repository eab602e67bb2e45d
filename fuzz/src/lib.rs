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
