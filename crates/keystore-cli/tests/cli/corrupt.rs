//! Corrupt and tampered input: rkeytool `-list` must exit 1 with exactly one `keytool error: …`
//! line on stdout (keytool's exact text for a wrong password or a bad digest), never panic,
//! and a modifying command (`-delete`) must leave the file byte for byte as it was.
//! Inputs: the shared corpus's corrupt JKS/JCEKS files (skipped when absent) and mutations of
//! the vectors made here. No JVM.

use core::panic::AssertUnwindSafe;
use std::{fs, panic::catch_unwind};

use sha1::{Digest, Sha1};

use crate::{
    json::Json,
    util::{Dir, Output, SP, TAMPERED, data_dir, shared_fixtures, vector, vectors},
};

const UNRECOGNIZED: &str = "keytool error: java.security.KeyStoreException: Unrecognized keystore format. Please load it with a specified type\n";

fn list(dir: &Dir, file: &str, storepass: &str) -> Output {
    dir.rkeytool()
        .args(["-list", "-keystore", file, "-storepass", storepass])
        .output()
}

/// `-list` fails with one error line (returned); `-delete -alias <alias>` fails too and leaves
/// the file and the directory exactly as they were.
fn assert_rejected_and_untouched(dir: &Dir, file: &str, storepass: &str, alias: &str) -> String {
    let bytes = dir.read(file);
    let files = dir.files();
    let line = list(dir, file, storepass).assert_one_error_line();
    let out = dir
        .rkeytool()
        .args([
            "-delete",
            "-keystore",
            file,
            "-storepass",
            storepass,
            "-alias",
            alias,
        ])
        .output();
    out.assert_one_error_line();
    assert!(
        dir.read(file) == bytes,
        "a failed -delete modified {file}\n{out}"
    );
    assert_eq!(
        dir.files(),
        files,
        "a failed -delete left files behind\n{out}"
    );
    line
}

/// Runs `check` for every case, then fails once, naming every case that failed (their panic
/// messages are printed above).
fn for_each_case<T>(what: &str, cases: Vec<(String, T)>, check: impl Fn(&str, T)) {
    assert!(!cases.is_empty(), "no {what} to check");
    let total = cases.len();
    let failed: Vec<String> = cases
        .into_iter()
        .filter_map(|(name, case)| {
            catch_unwind(AssertUnwindSafe(|| check(&name, case)))
                .err()
                .map(|_| name)
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {total} {what} failed: {failed:?}",
        failed.len()
    );
}

/// The JKS/JCEKS integrity digest: SHA-1 over the UTF-16BE password, "Mighty Aphrodite" and
/// the body (jks-jceks.md §3).
fn store_digest(password: &str, body: &[u8]) -> [u8; 20] {
    let mut h = Sha1::new();
    for unit in password.encode_utf16() {
        h.update(unit.to_be_bytes());
    }
    h.update(b"Mighty Aphrodite");
    h.update(body);
    h.finalize().into()
}

/// `body` followed by its correct digest, so that only the structure is wrong.
fn with_digest(password: &str, body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    out.extend_from_slice(&store_digest(password, body));
    out
}

fn read_vector(path: &str) -> Vec<u8> {
    fs::read(data_dir().join("stores").join(path)).unwrap()
}

#[test]
fn store_digest_matches_the_vectors() {
    for v in vectors() {
        let bytes = read_vector(&v.path);
        let (body, digest) = bytes.split_at(bytes.len() - 20);
        assert_eq!(
            &store_digest(&v.store_password, body)[..],
            digest,
            "{}",
            v.path
        );
    }
}

#[test]
fn corrupt_shared_fixture_stores_fail_cleanly() {
    let Some(fixtures) = shared_fixtures() else {
        return;
    };
    let manifest =
        Json::parse(&fs::read_to_string(fixtures.join("manifest.json")).unwrap()).unwrap();
    let files = manifest
        .get("files")
        .and_then(Json::as_array)
        .expect("files");
    let first_alias = |path: &str| -> String {
        files
            .iter()
            .find(|f| f.get("path").and_then(Json::as_str) == Some(path))
            .and_then(|f| {
                f.get("entries")?
                    .as_array()?
                    .first()?
                    .get("alias")?
                    .as_str()
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "mykey".to_owned())
    };
    let cases: Vec<(String, &Json)> = files
        .iter()
        .filter(|f| f.get("format").and_then(Json::as_str) == Some("corrupt"))
        .filter(|f| {
            let ty = f
                .get("open_as")
                .and_then(|o| o.get("type"))
                .and_then(Json::as_str);
            matches!(ty, Some("JKS" | "JCEKS"))
        })
        .map(|f| (f.str_field("path").to_owned(), f))
        .collect();
    let dir = Dir::new("corrupt-shared");
    for_each_case("shared corrupt stores", cases, |path, record| {
        let name = path.rsplit('/').next().unwrap();
        fs::copy(fixtures.join(path), dir.join(name)).unwrap();
        let storepass = record.get("open_as").unwrap().str_field("store_password");
        let expected = record.get("expected_error").and_then(Json::as_str);
        match expected {
            // Loads (keytool -list does not decrypt keys; trailing data after the digest is ignored).
            None | Some("key decryption failed" | "wrong key password") => {
                list(&dir, name, storepass).assert_exit(0);
            }
            Some(category) => {
                let alias = record
                    .get("derived_from")
                    .and_then(Json::as_str)
                    .map(first_alias)
                    .unwrap_or_default();
                let line = assert_rejected_and_untouched(&dir, name, storepass, &alias);
                if matches!(category, "integrity check failed" | "wrong password") {
                    assert_eq!(line, TAMPERED, "{path}");
                }
                if category == "bad magic" {
                    assert_eq!(line, UNRECOGNIZED, "{path}");
                }
            }
        }
    });
}

#[test]
fn corrupt_truncated_vectors_fail_cleanly() {
    let mut cases = Vec::new();
    for path in [
        "jks/single.jks",
        "jks/chain3.jks",
        "jks/unicode-alias.jks",
        "jceks/secret.jceks",
        "jceks/unicode-alias.jceks",
    ] {
        let v = vector(path);
        let bytes = read_vector(path);
        let len = bytes.len();
        let mut cuts = vec![
            1,
            2,
            3,
            4,
            5,
            7,
            8,
            11,
            12,
            13,
            16,
            17,
            20,
            32,
            64,
            len / 3,
            len / 2,
            2 * len / 3,
        ];
        cuts.extend([len - 21, len - 20, len - 19, len - 1]);
        cuts.sort_unstable();
        cuts.dedup();
        let alias = v.entries[0].alias.clone();
        for cut in cuts {
            cases.push((
                format!("{path} cut to {cut} of {len} bytes"),
                (bytes[..cut].to_vec(), alias.clone(), v.store_type.clone()),
            ));
        }
    }
    let dir = Dir::new("corrupt-truncated");
    for_each_case("truncations", cases, |_, (bytes, alias, ty)| {
        let file = format!("cut.{}", ty.to_lowercase());
        dir.write(&file, &bytes);
        let line = assert_rejected_and_untouched(&dir, &file, SP, &alias);
        if bytes.len() < 4 {
            assert_eq!(line, UNRECOGNIZED);
        }
    });
}

#[test]
fn corrupt_flipped_digest_or_body_is_reported_as_tampered() {
    let mut cases = Vec::new();
    for v in vectors() {
        let bytes = read_vector(&v.path);
        let alias = v
            .entries
            .first()
            .map_or_else(|| "x".to_owned(), |e| e.alias.clone());
        let mut digest = bytes.clone();
        *digest.last_mut().unwrap() ^= 0x01;
        cases.push((
            format!("{} digest flipped", v.path),
            (digest, alias.clone(), v.clone()),
        ));
        if v.entries.iter().all(|e| e.kind != "SecretKeyEntry") && !v.entries.is_empty() {
            // 25 bytes from the end: inside the signature of the last certificate, so the
            // file still parses and only the digest can tell.
            let mut body = bytes.clone();
            let at = body.len() - 25;
            body[at] ^= 0x10;
            cases.push((
                format!("{} certificate signature flipped", v.path),
                (body, alias, v),
            ));
        }
    }
    let dir = Dir::new("corrupt-flipped");
    for_each_case("flipped stores", cases, |_, (bytes, alias, v)| {
        let file = format!("flipped.{}", v.store_type.to_lowercase());
        dir.write(&file, &bytes);
        assert_eq!(
            assert_rejected_and_untouched(&dir, &file, &v.store_password, &alias),
            TAMPERED
        );
    });
}

#[test]
fn wrong_password_is_reported_as_tampered_for_every_vector() {
    let cases: Vec<_> = vectors().into_iter().map(|v| (v.path.clone(), v)).collect();
    let dir = Dir::new("corrupt-wrong-password");
    for_each_case("vectors", cases, |_, v| {
        let file = dir.copy_vector(&v.path, &format!("store.{}", v.store_type.to_lowercase()));
        let alias = v.entries.first().map_or("x", |e| e.alias.as_str());
        for wrong in ["wrong-password", "", "cli-store-pW", "changeit-"] {
            assert_eq!(
                assert_rejected_and_untouched(&dir, &file, wrong, alias),
                TAMPERED,
                "password {wrong:?}"
            );
        }
    });
}

/// Offsets in `jks/single.jks` / `jceks/single.jceks` (one key entry `mykey`, one certificate).
struct Layout {
    count: usize,
    alias_len: usize,
    key_len: usize,
    chain_len: usize,
    cert_type_len: usize,
    cert_len: usize,
}

fn layout(bytes: &[u8]) -> Layout {
    let be32 = |at: usize| {
        usize::try_from(u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap())).unwrap()
    };
    let be16 = |at: usize| usize::from(u16::from_be_bytes(bytes[at..at + 2].try_into().unwrap()));
    assert_eq!(be32(16 - 4), 1, "first entry is not a key entry");
    let alias_len = 16;
    let key_len = alias_len + 2 + be16(alias_len) + 8;
    let chain_len = key_len + 4 + be32(key_len);
    let cert_type_len = chain_len + 4;
    let cert_len = cert_type_len + 2 + be16(cert_type_len);
    Layout {
        count: 8,
        alias_len,
        key_len,
        chain_len,
        cert_type_len,
        cert_len,
    }
}

#[test]
fn corrupt_huge_lengths_fail_cleanly() {
    let mut cases = Vec::new();
    for path in ["jks/single.jks", "jceks/single.jceks"] {
        let v = vector(path);
        let bytes = read_vector(path);
        let body = &bytes[..bytes.len() - 20];
        let l = layout(&bytes);
        let mutations: [(&str, usize, &[u8]); 12] = [
            ("count 0x7FFFFFFF", l.count, &[0x7F, 0xFF, 0xFF, 0xFF]),
            ("count -1", l.count, &[0xFF; 4]),
            ("count 2", l.count, &[0, 0, 0, 2]),
            ("alias length 0xFFFF", l.alias_len, &[0xFF, 0xFF]),
            (
                "key length 0x7FFFFFF0",
                l.key_len,
                &[0x7F, 0xFF, 0xFF, 0xF0],
            ),
            ("key length -1", l.key_len, &[0xFF; 4]),
            ("key length 0", l.key_len, &[0; 4]),
            (
                "chain length 0x7FFFFFFF",
                l.chain_len,
                &[0x7F, 0xFF, 0xFF, 0xFF],
            ),
            (
                "certificate type length 0xFFFF",
                l.cert_type_len,
                &[0xFF, 0xFF],
            ),
            ("certificate length -1", l.cert_len, &[0xFF; 4]),
            (
                "certificate length 0x7FFFFFF0",
                l.cert_len,
                &[0x7F, 0xFF, 0xFF, 0xF0],
            ),
            ("certificate length 0", l.cert_len, &[0; 4]),
        ];
        for (what, at, patch) in mutations {
            let mut b = body.to_vec();
            b[at..at + patch.len()].copy_from_slice(patch);
            cases.push((
                format!("{path}: {what}, digest recomputed"),
                (with_digest(SP, &b), v.store_type.clone()),
            ));
            let mut raw = bytes.clone();
            raw[at..at + patch.len()].copy_from_slice(patch);
            cases.push((
                format!("{path}: {what}, digest not updated"),
                (raw, v.store_type.clone()),
            ));
        }
    }
    let dir = Dir::new("corrupt-lengths");
    for_each_case("length mutations", cases, |_, (bytes, ty)| {
        let file = format!("lengths.{}", ty.to_lowercase());
        dir.write(&file, &bytes);
        assert_rejected_and_untouched(&dir, &file, SP, "mykey");
    });
}

#[test]
fn corrupt_magic_and_version_fail_cleanly() {
    let jks = read_vector("jks/single.jks");
    let jceks = read_vector("jceks/single.jceks");
    let patched = |src: &[u8], at: usize, patch: &[u8]| {
        let mut b = src[..src.len() - 20].to_vec();
        b[at..at + patch.len()].copy_from_slice(patch);
        with_digest(SP, &b)
    };
    const INVALID: &str = "keytool error: java.io.IOException: Invalid keystore format\n";
    // Texts checked with keytool 17 on these exact mutations.
    let cases = vec![
        (
            "JKS magic FEEDFACE".to_owned(),
            (
                patched(&jks, 0, &[0xFE, 0xED, 0xFA, 0xCE]),
                Some(UNRECOGNIZED),
            ),
        ),
        (
            "zero magic".to_owned(),
            (patched(&jks, 0, &[0; 4]), Some(UNRECOGNIZED)),
        ),
        (
            "JCEKS magic CECECECF".to_owned(),
            (
                patched(&jceks, 0, &[0xCE, 0xCE, 0xCE, 0xCF]),
                Some(UNRECOGNIZED),
            ),
        ),
        (
            "JKS version 3".to_owned(),
            (patched(&jks, 4, &[0, 0, 0, 3]), Some(INVALID)),
        ),
        (
            "JKS version 0".to_owned(),
            (patched(&jks, 4, &[0; 4]), Some(INVALID)),
        ),
        (
            "JCEKS version 3".to_owned(),
            (patched(&jceks, 4, &[0, 0, 0, 3]), Some(INVALID)),
        ),
        (
            "JKS entry tag 9".to_owned(),
            (
                patched(&jks, 12, &[0, 0, 0, 9]),
                Some("keytool error: java.io.IOException: Unrecognized keystore entry: 9\n"),
            ),
        ),
        (
            "JKS entry tag 3 (secret key)".to_owned(),
            (
                patched(&jks, 12, &[0, 0, 0, 3]),
                Some("keytool error: java.io.IOException: Unrecognized keystore entry: 3\n"),
            ),
        ),
    ];
    let dir = Dir::new("corrupt-magic");
    for_each_case("header mutations", cases, |_, (bytes, exact)| {
        dir.write("header.ks", &bytes);
        let line = assert_rejected_and_untouched(&dir, "header.ks", SP, "mykey");
        if let Some(exact) = exact {
            assert_eq!(line, exact);
        }
    });
}
