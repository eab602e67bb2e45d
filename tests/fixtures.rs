//! The shared fixture corpus (`shared/fixtures/manifest.json`) through the facade.
//!
//! Every JKS and JCEKS store in the manifest is opened with `keystore::fs::open`, with its store
//! password and without one, and compared with what the JDK reported: entry count, aliases,
//! kinds, creation dates, certificate SHA-256 fingerprints, and (in a separate test, because
//! JCEKS keys cost 200,000 MD5 iterations each) the decrypted keys. Every corrupt JKS/JCEKS
//! record must fail (or load, for `expected_error: null`) with one of its acceptable errors,
//! and never panic.
//!
//! Without the corpus (`../../shared/fixtures` from this package, or `KEYSTORE_SHARED_FIXTURES`)
//! the tests print why and pass.

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    path::Path,
};

use keystore::{Entry, Error, KeyStore, Malformed, Password, fs::FsError};
use keystore_interop::{colon_hex, shared_fixtures, skip, upper_hex};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The manifest and the corpus directory, or `None` (after a message) when absent.
fn manifest(test: &str) -> Option<(std::path::PathBuf, Value)> {
    let Some(dir) = shared_fixtures() else {
        skip(
            test,
            "shared/fixtures not found (set KEYSTORE_SHARED_FIXTURES)",
        );
        return None;
    };
    let text = std::fs::read(dir.join("manifest.json")).expect("read manifest.json");
    let manifest: Value = serde_json::from_slice(&text).expect("manifest.json is JSON");
    Some((dir, manifest))
}

fn records<'m>(
    manifest: &'m Value,
    pred: impl Fn(&Value) -> bool + 'm,
) -> impl Iterator<Item = &'m Value> + 'm {
    manifest["files"]
        .as_array()
        .expect("`files` is an array")
        .iter()
        .filter(move |r| pred(r))
}

fn is_jks_store(record: &Value) -> bool {
    matches!(record["format"].as_str(), Some("jks" | "jceks"))
}

fn is_jks_corrupt(record: &Value) -> bool {
    record["format"] == "corrupt"
        && record["path"]
            .as_str()
            .is_some_and(|p| p.ends_with(".jks") || p.ends_with(".jceks"))
}

fn str_field<'v>(value: &'v Value, key: &str) -> Result<&'v str, String> {
    value[key]
        .as_str()
        .ok_or_else(|| format!("manifest: `{key}` missing"))
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// `2026-11-22T07:41:09.727Z` → milliseconds since the epoch.
fn parse_utc_millis(text: &str) -> Option<i64> {
    let num = |range: core::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let millis = match text.get(19..20) {
        Some(".") => num(20..23)?,
        _ => 0,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis)
}

/// The stored alias of a manifest entry (raw when it differs from what keytool prints).
fn file_alias(entry: &Value) -> Result<&str, String> {
    entry["alias_in_file"]
        .as_str()
        .map_or_else(|| str_field(entry, "alias"), Ok)
}

/// Opens one manifest store both ways and checks everything but the keys.
fn check_store(dir: &Path, record: &Value) -> Result<KeyStore, String> {
    let path = dir.join(str_field(record, "path")?);
    let unverified =
        keystore::fs::open(&path, None).map_err(|e| format!("open without password: {e}"))?;
    let store = match record["store_password"].as_str() {
        Some(pw) => {
            let verified = keystore::fs::open(&path, Some(&Password::new(pw)))
                .map_err(|e| format!("open with password: {e}"))?;
            if verified.entries() != unverified.entries() {
                return Err("entries differ with and without the password".into());
            }
            match keystore::fs::open(&path, Some(&Password::new(format!("{pw}-wrong")))) {
                Err(FsError::Keystore(Error::IntegrityCheckFailed)) => {}
                other => {
                    return Err(format!(
                        "wrong password: expected IntegrityCheckFailed, got {other:?}"
                    ));
                }
            }
            verified
        }
        None => unverified,
    };

    let store_type = str_field(record, "store_type")?;
    if store.format().keytool_name() != store_type {
        return Err(format!("format {} != {store_type}", store.format()));
    }
    let listed = store.entries().sorted();
    let expected = record["entries"]
        .as_array()
        .ok_or("manifest: `entries` missing")?;
    let count = record["entry_count"]
        .as_u64()
        .ok_or("manifest: `entry_count` missing")?;
    if listed.len() as u64 != count || expected.len() as u64 != count {
        return Err(format!(
            "{} entries listed, manifest says {count}",
            listed.len()
        ));
    }
    for want in expected {
        let alias = file_alias(want)?;
        let (_, entry) = listed
            .iter()
            .find(|(a, _)| a.as_str() == alias)
            .ok_or_else(|| format!("alias {alias:?} not found"))?;
        check_entry(alias, entry, want)?;
    }
    Ok(store)
}

fn check_entry(alias: &str, entry: &Entry, want: &Value) -> Result<(), String> {
    let kind = str_field(want, "kind")?;
    if entry.kind().keytool_name() != kind {
        return Err(format!("{alias}: kind {} != {kind}", entry.kind()));
    }
    if let Some(date) = want["creation_date"].as_str() {
        let millis = parse_utc_millis(date).ok_or_else(|| format!("manifest: bad date {date}"))?;
        if entry.created().map(|t| t.0) != Some(millis) {
            return Err(format!("{alias}: created {:?} != {date}", entry.created()));
        }
    }
    let got: Vec<String> = entry
        .certificates()
        .iter()
        .map(|c| colon_hex(&sha256(c.as_bytes())))
        .collect();
    let wanted: Vec<&str> = want["certificates"]
        .as_array()
        .map(|certs| certs.iter().filter_map(|c| c["sha256"].as_str()).collect())
        .unwrap_or_default();
    if got != wanted {
        return Err(format!(
            "{alias}: certificate fingerprints {got:?} != {wanted:?}"
        ));
    }
    if let Some(n) = want["chain_length"].as_u64()
        && entry.certificates().len() as u64 != n
    {
        return Err(format!(
            "{alias}: chain of {} != {n}",
            entry.certificates().len()
        ));
    }
    Ok(())
}

/// Decrypts every key and secret with its manifest key password and compares the bytes.
fn check_keys(store: &KeyStore, record: &Value) -> Result<usize, String> {
    let mut checked = 0;
    for want in record["entries"]
        .as_array()
        .ok_or("manifest: `entries` missing")?
    {
        let alias = file_alias(want)?;
        let Some(key_password) = want["key_password"].as_str().map(Password::new) else {
            continue;
        };
        if let Some(pkcs8_sha256) = want["key"]["pkcs8_sha256"].as_str() {
            let doc = store
                .private_key(alias, &key_password)
                .map_err(|e| format!("{alias}: decrypt: {e}"))?;
            let got = upper_hex(&sha256(doc.as_bytes()));
            if got != pkcs8_sha256 {
                return Err(format!("{alias}: PKCS#8 SHA-256 {got} != {pkcs8_sha256}"));
            }
            checked += 1;
        }
        if let Some(hex) = want["secret"]["hex"].as_str() {
            let key = store
                .secret_key(alias, &key_password)
                .map_err(|e| format!("{alias}: unseal: {e}"))?;
            let got = upper_hex(key.secret_bytes());
            if got != hex {
                return Err(format!("{alias}: secret {got} != {hex}"));
            }
            if let Some(alg) = want["secret"]["algorithm"].as_str()
                && key.algorithm() != alg
            {
                return Err(format!(
                    "{alias}: secret algorithm {} != {alg}",
                    key.algorithm()
                ));
            }
            checked += 1;
        }
    }
    Ok(checked)
}

/// Runs `check` on every record, catching panics, and fails listing every problem.
fn for_each<T>(
    dir: &Path,
    records: impl Iterator<Item = Value>,
    check: impl Fn(&Path, &Value) -> Result<T, String>,
) -> Vec<T> {
    let mut ok = Vec::new();
    let mut failures = Vec::new();
    for record in records {
        let path = record["path"].as_str().unwrap_or("?").to_owned();
        match catch_unwind(AssertUnwindSafe(|| check(dir, &record))) {
            Ok(Ok(value)) => ok.push(value),
            Ok(Err(msg)) => failures.push(format!("{path}: {msg}")),
            Err(_) => failures.push(format!("{path}: PANICKED")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    ok
}

#[test]
fn stores_match_manifest() {
    let Some((dir, manifest)) = manifest("stores_match_manifest") else {
        return;
    };
    let stores: Vec<Value> = records(&manifest, is_jks_store).cloned().collect();
    let loaded = for_each(&dir, stores.into_iter(), |dir, record| {
        check_store(dir, record).map(|_| ())
    });
    eprintln!("loaded {} JKS/JCEKS fixture stores", loaded.len());
    assert!(
        loaded.len() >= 30,
        "expected the corpus' 38 JKS/JCEKS stores, loaded {}",
        loaded.len()
    );
}

#[test]
fn keys_decrypt_to_manifest_bytes() {
    let Some((dir, manifest)) = manifest("keys_decrypt_to_manifest_bytes") else {
        return;
    };
    let stores: Vec<Value> = records(&manifest, is_jks_store).cloned().collect();
    let counts = for_each(&dir, stores.into_iter(), |dir, record| {
        let path = dir.join(str_field(record, "path")?);
        let password = record["store_password"].as_str().map(Password::new);
        let store =
            keystore::fs::open(&path, password.as_ref()).map_err(|e| format!("open: {e}"))?;
        check_keys(&store, record)
    });
    let keys: usize = counts.iter().sum();
    eprintln!("decrypted {keys} keys and secrets");
    assert!(keys > 0, "no key was decrypted");
}

/// The error categories of the manifest's vocabulary that one of our errors belongs to.
fn categories(error: &FsError) -> Vec<String> {
    let e = match error {
        FsError::Empty { .. } => return vec!["truncated".into()],
        FsError::Keystore(e) => e,
        other => return vec![format!("{other:?}")],
    };
    let names: &[&str] = match e {
        Error::Malformed { what, .. } => match what {
            Malformed::Truncated => &["truncated"],
            // A length that claims more than remains: a huge length, or a truncated file.
            Malformed::LengthOverrun { .. } => &["length out of range", "truncated"],
            Malformed::NegativeLength(_) => &["length out of range"],
            Malformed::BadMagic => &["bad magic"],
            Malformed::UnknownEntryTag(_) => &["unknown entry type"],
            Malformed::BadModifiedUtf8 => &["malformed alias"],
            Malformed::BadCertificate | Malformed::UnsupportedCertType(_) => &["bad certificate"],
            _ => &["malformed"],
        },
        // Detection by content: an unknown magic is no format at all.
        Error::UnrecognizedFormat => &["bad magic"],
        Error::UnsupportedVersion { .. } => &["unsupported version"],
        Error::IntegrityCheckFailed => &["integrity check failed"],
        Error::KeyDecryptionFailed => &["key decryption failed"],
        Error::Asn1(_) => &["malformed DER"],
        Error::InvalidCertificate { .. } => &["bad certificate", "malformed DER"],
        Error::LimitExceeded { .. } => &["length out of range"],
        other => return vec![format!("{other:?}")],
    };
    names.iter().map(|&n| n.to_owned()).collect()
}

/// Opens a corrupt record as its manifest says, then uses every entry (parse each
/// certificate, decrypt each key, unseal each secret): the first error, or `Ok`.
fn use_corrupt(path: &Path, open_as: &Value) -> Result<(), FsError> {
    let store_password = open_as["store_password"].as_str().map(Password::new);
    let store = keystore::fs::open(path, store_password.as_ref())?;
    let key_password = open_as["key_password"]
        .as_str()
        .map(Password::new)
        .or(store_password)
        .unwrap_or_else(Password::empty);
    for (alias, entry) in store.entries() {
        for cert in entry.certificates() {
            cert.parse()?;
        }
        match entry {
            Entry::PrivateKey(_) => drop(store.private_key(alias.as_str(), &key_password)?),
            Entry::SecretKey(_) => drop(store.secret_key(alias.as_str(), &key_password)?),
            _ => {}
        }
    }
    Ok(())
}

#[test]
fn corrupt_stores_fail_cleanly() {
    let Some((dir, manifest)) = manifest("corrupt_stores_fail_cleanly") else {
        return;
    };
    let corrupt: Vec<Value> = records(&manifest, is_jks_corrupt).cloned().collect();
    let checked = for_each(&dir, corrupt.into_iter(), |dir, record| {
        let path = dir.join(str_field(record, "path")?);
        // Unverified mode must not panic either, whatever it returns.
        let _ = keystore::fs::open(&path, None);
        let expected = record["expected_error"].as_str();
        let acceptable: Vec<&str> = record["acceptable_errors"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        match (use_corrupt(&path, &record["open_as"]), expected) {
            (Ok(()), None) => Ok(()),
            (Ok(()), Some(want)) => {
                Err(format!("loaded and used without error, expected {want:?}"))
            }
            (Err(e), None) => Err(format!("expected to load, got {e}")),
            (Err(e), Some(want)) => {
                let got = categories(&e);
                if got
                    .iter()
                    .any(|c| c == want || acceptable.contains(&c.as_str()))
                {
                    Ok(())
                } else {
                    Err(format!("error {got:?} ({e}) is not among {acceptable:?}"))
                }
            }
        }
    });
    eprintln!("checked {} corrupt JKS/JCEKS records", checked.len());
    assert!(
        checked.len() >= 20,
        "expected the corpus' 22 corrupt JKS/JCEKS records, checked {}",
        checked.len()
    );
}

#[test]
fn utc_millis() {
    assert_eq!(parse_utc_millis("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(
        parse_utc_millis("2023-11-14T22:13:20Z"),
        Some(1_700_000_000_000)
    );
    assert_eq!(
        parse_utc_millis("2026-11-22T07:05:56.449Z"),
        Some(1_795_331_156_449)
    );
}
