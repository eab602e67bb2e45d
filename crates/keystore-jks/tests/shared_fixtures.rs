//! Every JKS/JCEKS store of the shared fixture corpus (`/work/shared/fixtures`, or
//! `$KEYSTORE_FIXTURES`), checked against its manifest record; and the corrupt files, each of
//! which must give an error (never a panic). Skips with a message when the corpus is absent.

#![allow(clippy::unwrap_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use std::path::{Path, PathBuf};

use helpers::{hex_upper, iso_to_ms, sha256_hex};
use keystore_jks::{decode, encode, sealed};
use keystore_model::{Entry, Error, Limits, Malformed, Password, ProtectedSecret, StoreFormat};
use serde_json::Value;

fn fixtures_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KEYSTORE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/fixtures"));
    dir.join("manifest.json").is_file().then_some(dir)
}

fn manifest(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let json: Value = serde_json::from_str(&text).expect("manifest JSON");
    json["files"].as_array().expect("files").clone()
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The stored entry for a manifest entry record (raw alias if the manifest gives one).
fn find<'a>(entries: &'a keystore_model::Entries, record: &Value) -> &'a Entry {
    let alias = str_field(record, "alias_in_file")
        .or_else(|| str_field(record, "alias"))
        .expect("alias");
    entries
        .iter()
        .find(|(a, _)| a.as_str() == alias)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("alias {alias:?} not found"))
}

fn check_store(dir: &Path, record: &Value) {
    let path = str_field(record, "path").expect("path");
    let bytes = std::fs::read(dir.join(path)).expect("read store");
    let limits = Limits::DEFAULT;
    let store_pw = str_field(record, "store_password").map(Password::new);
    let decoded =
        decode(&bytes, store_pw.as_ref(), &limits).unwrap_or_else(|e| panic!("{path}: {e}"));
    let expected_format = if str_field(record, "format") == Some("jceks") {
        StoreFormat::Jceks
    } else {
        StoreFormat::Jks
    };
    assert_eq!(decoded.format, expected_format, "{path}");

    let entries = record["entries"].as_array().expect("entries");
    let unique: std::collections::BTreeSet<&str> =
        decoded.entries.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(unique.len(), entries.len(), "{path}: entry count");
    if let Some(n) = record.get("entry_count").and_then(Value::as_u64) {
        assert_eq!(unique.len() as u64, n, "{path}: entry_count");
    }

    for e in entries {
        let alias = str_field(e, "alias").unwrap_or_default();
        let what = format!("{path} {alias}");
        let entry = find(&decoded.entries, e);
        let kind = str_field(e, "kind").expect("kind");
        assert_eq!(entry.kind().keytool_name(), kind, "{what}: kind");
        if let Some(date) = str_field(e, "creation_date") {
            assert_eq!(
                entry.created().map(|t| t.0),
                Some(iso_to_ms(date)),
                "{what}: date"
            );
        }
        let certs: Vec<String> = e
            .get("certificates")
            .and_then(Value::as_array)
            .map(|cs| {
                cs.iter()
                    .map(|c| str_field(c, "sha256").expect("sha256").replace(':', ""))
                    .collect()
            })
            .unwrap_or_default();
        let got: Vec<String> = entry
            .certificates()
            .iter()
            .map(|c| sha256_hex(c.as_bytes()))
            .collect();
        assert_eq!(got, certs, "{what}: certificates");

        let key_pw = str_field(e, "key_password")
            .or_else(|| str_field(record, "store_password"))
            .map(Password::new)
            .unwrap_or_else(Password::empty);
        match entry {
            Entry::PrivateKey(k) => {
                let expected = e["key"]["pkcs8_sha256"].as_str().expect("pkcs8_sha256");
                let pkcs8 = k
                    .key
                    .decrypt(&key_pw, &limits)
                    .unwrap_or_else(|err| panic!("{what}: {err}"));
                assert_eq!(sha256_hex(pkcs8.as_bytes()), expected, "{what}: PKCS#8");
            }
            Entry::SecretKey(s) => {
                let ProtectedSecret::JceSealed(stream) = &s.key else {
                    panic!("{what}: not sealed")
                };
                let key = sealed::unseal(stream, &key_pw, &limits)
                    .unwrap_or_else(|err| panic!("{what}: {err}"));
                assert_eq!(
                    hex_upper(key.secret_bytes()),
                    e["secret"]["hex"].as_str().expect("hex"),
                    "{what}"
                );
                if let Some(alg) = str_field(&e["secret"], "algorithm") {
                    assert_eq!(key.algorithm(), alg, "{what}: algorithm");
                }
            }
            _ => {}
        }
    }

    // Byte-identical re-encoding (needs the store password for the digest).
    if let Some(pw) = &store_pw {
        let again = encode(&decoded.entries, decoded.format, decoded.version, pw).expect("encode");
        assert!(again == bytes, "{path}: re-encoded bytes differ");
    }
}

/// Checks every JKS/JCEKS store whose path starts with one of `prefixes`; returns how many.
fn check_stores(prefixes: &[&str]) -> Option<usize> {
    let Some(dir) = fixtures_dir() else {
        println!(
            "SKIPPED: fixture corpus not found (set KEYSTORE_FIXTURES or provide /work/shared/fixtures)"
        );
        return None;
    };
    let mut checked = 0;
    for record in manifest(&dir) {
        let path = str_field(&record, "path").unwrap_or_default();
        let format = str_field(&record, "format").unwrap_or_default();
        if matches!(format, "jks" | "jceks") && prefixes.iter().any(|p| path.starts_with(p)) {
            check_store(&dir, &record);
            checked += 1;
        }
    }
    println!("checked {checked} stores");
    Some(checked)
}

// Split in two so the test harness can use both cores (JCE keys take 200000 MD5 rounds).
#[test]
fn fixture_stores_k17_and_system() {
    if let Some(n) = check_stores(&["k17/", "system/cacerts.jks"]) {
        assert!(
            n >= 19,
            "expected the k17 JKS/JCEKS corpus and cacerts, found {n}"
        );
    }
}

#[test]
fn fixture_stores_k25() {
    if let Some(n) = check_stores(&["k25/"]) {
        assert!(n >= 18, "expected the k25 JKS/JCEKS corpus, found {n}");
    }
}

/// The manifest's error category for one of our errors.
fn category(err: &Error) -> &'static str {
    match err {
        Error::Malformed { what, .. } => match what {
            Malformed::Truncated => "truncated",
            // The input ends before the claimed length: a cut file or a huge length.
            Malformed::LengthOverrun { .. } => "length overrun",
            Malformed::NegativeLength(_) => "length out of range",
            Malformed::BadMagic => "bad magic",
            Malformed::UnknownEntryTag(_) => "unknown entry type",
            Malformed::BadModifiedUtf8 => "malformed alias",
            _ => "malformed",
        },
        Error::UnsupportedVersion { .. } => "unsupported version",
        Error::IntegrityCheckFailed => "integrity check failed",
        Error::KeyDecryptionFailed => "key decryption failed",
        Error::Asn1(_) => "bad certificate",
        // A count over the configured cap.
        Error::LimitExceeded { .. } => "length out of range",
        _ => "other",
    }
}

/// Our category and the manifest's names for it.
fn synonyms(category: &'static str) -> [&'static str; 2] {
    match category {
        "key decryption failed" => ["key decryption failed", "wrong key password"],
        "bad certificate" => ["bad certificate", "malformed DER"],
        "length overrun" => ["length out of range", "truncated"],
        other => [other, other],
    }
}

/// Decodes, then decrypts every key (with the given key password for `alias`, else the store
/// password), unseals every secret and parses every certificate: the first error wins.
fn open_fully(bytes: &[u8], open_as: &Value) -> Result<(), Error> {
    let limits = Limits::DEFAULT;
    let store_pw = Password::new(str_field(open_as, "store_password").unwrap_or_default());
    let decoded = decode(bytes, Some(&store_pw), &limits)?;
    for (alias, entry) in &decoded.entries {
        let key_pw = match (
            str_field(open_as, "alias"),
            str_field(open_as, "key_password"),
        ) {
            (Some(a), Some(k)) if a == alias.as_str() => Password::new(k),
            _ => store_pw.clone(),
        };
        for cert in entry.certificates() {
            cert.parse()?;
        }
        match entry {
            Entry::PrivateKey(k) => {
                k.key.decrypt(&key_pw, &limits)?;
            }
            Entry::SecretKey(s) => {
                if let ProtectedSecret::JceSealed(stream) = &s.key {
                    sealed::unseal(stream, &key_pw, &limits)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[test]
fn corrupt_files() {
    let Some(dir) = fixtures_dir() else {
        println!(
            "SKIPPED: fixture corpus not found (set KEYSTORE_FIXTURES or provide /work/shared/fixtures)"
        );
        return;
    };
    let mut checked = 0;
    for record in manifest(&dir) {
        let path = str_field(&record, "path").unwrap_or_default();
        let open_as = &record["open_as"];
        let is_ours = path.starts_with("corrupt/")
            && matches!(str_field(open_as, "type"), Some("JKS" | "JCEKS"));
        if !is_ours {
            continue;
        }
        let bytes = std::fs::read(dir.join(path)).expect("read");
        let result = open_fully(&bytes, open_as);
        match str_field(&record, "expected_error") {
            None => assert!(result.is_ok(), "{path}: must load, got {result:?}"),
            Some(expected) => {
                let err = result.expect_err(path);
                let acceptable: Vec<&str> = record["acceptable_errors"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let cat = category(&err);
                assert!(
                    synonyms(cat)
                        .iter()
                        .any(|c| *c == expected || acceptable.contains(c)),
                    "{path}: got {err:?} ({cat}), expected {expected} / {acceptable:?}"
                );
            }
        }
        checked += 1;
    }
    println!("checked {checked} corrupt files");
    assert!(
        checked >= 20,
        "found only {checked} corrupt JKS/JCEKS files"
    );
}
