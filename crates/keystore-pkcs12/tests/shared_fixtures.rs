//! Every PKCS#12 file of the shared fixture corpus (`/work/shared/fixtures`, or
//! `$KEYSTORE_FIXTURES`), checked against its manifest record: aliases, entry kinds,
//! certificate SHA-256, PKCS#8 SHA-256 after decryption, secret keys; and the corrupt files,
//! each of which must give an acceptable error (never a panic). Skips with a message when the
//! corpus is absent.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use std::path::Path;

use helpers::{cert_in_bag, fixtures_dir, hex_upper, iso_to_ms, sha256_hex};
use keystore_model::{Entry, Error, Limits, Malformed, Password, ProtectedSecret};
use keystore_pkcs12::{Integrity, decode, decrypt_secret_key};
use serde_json::Value;

fn manifest(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let json: Value = serde_json::from_str(&text).expect("manifest JSON");
    json["files"].as_array().expect("files").clone()
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn is_pkcs12(record: &Value) -> bool {
    str_field(record, "path").is_some_and(|p| p.ends_with(".p12"))
}

fn cert_hashes(record: &Value) -> Vec<String> {
    record
        .get("certificates")
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .map(|c| str_field(c, "sha256").expect("sha256").replace(':', ""))
                .collect()
        })
        .unwrap_or_default()
}

/// The stored entry for a manifest entry record (the raw friendlyName when the manifest gives
/// it, else the alias; Java lower-cases, so fall back to a case-insensitive match).
fn find<'a>(entries: &'a keystore_model::Entries, alias: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .filter(|(a, _)| a.as_str() == alias)
        .last()
        .or_else(|| entries.iter().filter(|(a, _)| a.matches(alias)).last())
        .map(|(_, e)| e)
}

fn check_entry(what: &str, entry: &Entry, record: &Value, store_pw: Option<&str>) {
    let limits = Limits::DEFAULT;
    let kind = str_field(record, "kind").expect("kind");
    assert_eq!(entry.kind().keytool_name(), kind, "{what}: kind");
    let got: Vec<String> = entry
        .certificates()
        .iter()
        .map(|c| sha256_hex(c.as_bytes()))
        .collect();
    assert_eq!(got, cert_hashes(record), "{what}: certificates");
    let key_pw = Password::new(
        str_field(record, "key_password")
            .or(store_pw)
            .unwrap_or_default(),
    );
    match entry {
        Entry::PrivateKey(k) => {
            let expected = record["key"]["pkcs8_sha256"]
                .as_str()
                .expect("pkcs8_sha256");
            let pkcs8 = k
                .key
                .decrypt(&key_pw, &limits)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(sha256_hex(pkcs8.as_bytes()), expected, "{what}: PKCS#8");
        }
        Entry::SecretKey(s) => {
            let ProtectedSecret::Pkcs12(epki) = &s.key else {
                panic!("{what}: not a PKCS#12 secret")
            };
            let key = decrypt_secret_key(epki, &key_pw, &limits)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(
                hex_upper(key.secret_bytes()),
                record["secret"]["hex"].as_str().expect("hex"),
                "{what}: secret"
            );
            assert_eq!(
                key.algorithm(),
                record["secret"]["algorithm"].as_str().expect("algorithm"),
                "{what}: secret algorithm"
            );
        }
        Entry::TrustedCert(_) => {}
        other => panic!("{what}: unexpected {other:?}"),
    }
    if let (Some(date), Some(created)) = (str_field(record, "creation_date"), entry.created()) {
        // Java derives the date from a `Time <millis>` localKeyId.
        assert_eq!(created.0, iso_to_ms(date), "{what}: creation date");
    }
}

fn check_store(dir: &Path, record: &Value) {
    let path = str_field(record, "path").expect("path");
    let bytes = std::fs::read(dir.join(path)).expect("read store");
    let store_pw = str_field(record, "store_password");
    let pw = store_pw.map(Password::new);
    let decoded =
        decode(&bytes, pw.as_ref(), &Limits::DEFAULT).unwrap_or_else(|e| panic!("{path}: {e}"));
    let has_mac = record["protection"]["mac"].is_string();
    assert_eq!(
        decoded.integrity,
        if has_mac {
            Integrity::Verified
        } else {
            Integrity::NoMac
        },
        "{path}: integrity"
    );
    assert_eq!(decoded.skipped_encrypted_safes, 0, "{path}");

    // The JDK's view: every entry must be there, as Java reads it.
    let jdk = record["entries"].as_array().expect("entries");
    for e in jdk {
        let alias = str_field(e, "alias_in_file")
            .or_else(|| str_field(e, "alias"))
            .expect("alias");
        let what = format!("{path} {alias}");
        let entry = find(&decoded.entries, alias).unwrap_or_else(|| panic!("{what}: missing"));
        check_entry(&what, entry, e, store_pw);
    }

    // What Java ignores and we keep: keyBag keys become entries, other certificates go to
    // the store-level extra bags.
    let mut expected_extra_entries = 0;
    let mut expected_extra_certs = Vec::new();
    for e in record
        .get("entries_rawcheck")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if str_field(e, "kind") == Some("PrivateKeyEntry") {
            let alias = str_field(e, "alias").expect("alias");
            if jdk.iter().any(|j| str_field(j, "alias") == Some(alias)) {
                continue;
            }
            let what = format!("{path} {alias} (keyBag)");
            let entry = find(&decoded.entries, alias).unwrap_or_else(|| panic!("{what}: missing"));
            let Entry::PrivateKey(k) = entry else {
                panic!("{what}: kind")
            };
            assert!(!k.key.is_encrypted(), "{what}: keyBag");
            check_entry(&what, entry, e, store_pw);
            expected_extra_entries += 1;
        } else {
            expected_extra_certs.extend(cert_hashes(e));
        }
    }
    let unique: std::collections::BTreeSet<String> = decoded
        .entries
        .iter()
        .map(|(a, _)| a.as_str().to_lowercase())
        .collect();
    assert_eq!(
        unique.len(),
        jdk.len() + expected_extra_entries,
        "{path}: entry count"
    );
    let extra_certs: Vec<String> = decoded
        .entries
        .extra()
        .iter()
        .filter_map(|x| cert_in_bag(&x.der))
        .map(|c| sha256_hex(&c))
        .collect();
    for sha in &expected_extra_certs {
        assert!(
            extra_certs.contains(sha),
            "{path}: certificate {sha} not kept"
        );
    }

    // Without a password (keytool -list without -storepass): never an error; encrypted safes
    // are skipped.
    let unverified =
        decode(&bytes, None, &Limits::DEFAULT).unwrap_or_else(|e| panic!("{path} (no pw): {e}"));
    let encrypted = record["protection"]["cert_containers"]
        .as_array()
        .map_or(0, |c| {
            c.iter().filter(|x| x.as_str() != Some("none")).count()
        });
    assert_eq!(
        unverified.skipped_encrypted_safes, encrypted,
        "{path}: skipped safes"
    );
    if has_mac {
        assert_eq!(unverified.integrity, Integrity::NotChecked, "{path}");
        // A wrong password never gets past the MAC.
        let wrong = Password::new("definitely wrong");
        assert_eq!(
            decode(&bytes, Some(&wrong), &Limits::DEFAULT).map(|_| ()),
            Err(Error::IntegrityCheckFailed),
            "{path}: wrong password"
        );
    }
}

/// The manifest's error category for one of our errors.
fn category(e: &Error) -> &'static str {
    match e {
        Error::Malformed {
            what: Malformed::Truncated,
            ..
        } => "truncated",
        Error::Malformed {
            what: Malformed::LengthOverrun { .. },
            ..
        } => "length out of range",
        Error::Malformed {
            what: Malformed::BadCertificate,
            ..
        } => "bad certificate",
        Error::Malformed { .. } | Error::Asn1(_) => "malformed DER",
        Error::UnsupportedVersion { .. } => "unsupported version",
        Error::IntegrityCheckFailed => "integrity check failed",
        Error::KeyDecryptionFailed => "key decryption failed",
        _ => "other",
    }
}

fn check_corrupt(dir: &Path, record: &Value) {
    let path = str_field(record, "path").expect("path");
    let bytes = std::fs::read(dir.join(path)).expect("read");
    let open_as = &record["open_as"];
    let pw = Password::new(str_field(open_as, "store_password").unwrap_or_default());
    let acceptable: Vec<&str> = record["acceptable_errors"]
        .as_array()
        .expect("acceptable_errors")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let limits = Limits::DEFAULT;
    let err = match decode(&bytes, Some(&pw), &limits) {
        Err(e) => e,
        Ok(decoded) => {
            // The damage is inside a key: decoding succeeds (keys stay encrypted), decrypting
            // must fail.
            let mut errors = decoded.entries.iter().filter_map(|(_, e)| match e {
                Entry::PrivateKey(k) => k.key.decrypt(&pw, &limits).err(),
                _ => None,
            });
            errors
                .next()
                .unwrap_or_else(|| panic!("{path}: no error at all"))
        }
    };
    let cat = category(&err);
    eprintln!("{path}: {err} ({cat})");
    assert!(
        acceptable.contains(&cat),
        "{path}: {err} ({cat}) not in {acceptable:?}"
    );
    // Without a password nothing is verified; still never a panic.
    let _ = decode(&bytes, None, &limits);
}

#[test]
fn every_pkcs12_fixture_loads_as_the_manifest_says() {
    let Some(dir) = fixtures_dir() else {
        eprintln!("skipped: shared fixture corpus not found (set KEYSTORE_FIXTURES)");
        return;
    };
    let mut count = 0;
    for record in manifest(&dir) {
        if is_pkcs12(&record) && str_field(&record, "format") == Some("pkcs12") {
            check_store(&dir, &record);
            count += 1;
        }
    }
    assert!(count >= 40, "only {count} PKCS#12 fixtures checked");
}

#[test]
fn every_corrupt_pkcs12_fixture_is_an_error() {
    let Some(dir) = fixtures_dir() else {
        eprintln!("skipped: shared fixture corpus not found (set KEYSTORE_FIXTURES)");
        return;
    };
    let mut count = 0;
    for record in manifest(&dir) {
        if is_pkcs12(&record) && str_field(&record, "format") == Some("corrupt") {
            check_corrupt(&dir, &record);
            count += 1;
        }
    }
    assert!(count >= 9, "only {count} corrupt PKCS#12 fixtures checked");
}
