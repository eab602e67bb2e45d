//! Live interop: files written in each profile must be listed by keytool 17 and 25
//! (`-list -storetype PKCS12`: expected aliases and entry kinds) and read by
//! `openssl pkcs12 -info -noout` (`-legacy` for the legacy profile). PBMAC1 files, which JDK ≤ 25
//! and OpenSSL 3.0 cannot read, are checked with Python `cryptography` (OpenSSL ≥ 3.4 inside)
//! and must be refused by keytool 25 with the documented error.
//!
//! A missing tool skips its part with a message, unless `CI=true` or
//! `KEYSTORE_REQUIRE_INTEROP=1`, which turn a missing tool into a failure. Seven JVM runs in all.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[path = "util/helpers.rs"]
mod helpers;

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use helpers::{interop_required, seeded, tool_exists};
use keystore_model::{
    Alias, Entries, Entry, Limits, Password, PrivateKeyEntry, SecretKey, SecretKeyEntry, Timestamp,
    TrustedCertEntry,
};
use keystore_pkcs12::{
    Profile, WriteOptions, decode, encode, protect_private_key, protect_secret_key,
};
use zeroize::Zeroizing;

const KEYTOOL_17: &str = "/usr/bin/keytool";
const KEYTOOL_25: &str = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool";
const PASSWORD: &str = "interop-pw-1";

const K17_SINGLE: &[u8] = include_bytes!("data/k17-single.p12");
const K17_LEGACY: &[u8] = include_bytes!("data/k17-legacy.p12");
const OPENSSL_CSP: &[u8] = include_bytes!("data/openssl-csp.p12");

/// Skips (with a message) or, when interop is required, fails.
fn missing(tool: &str) -> bool {
    if tool_exists(tool) {
        return false;
    }
    assert!(
        !interop_required(),
        "{tool} not found but CI=true / KEYSTORE_REQUIRE_INTEROP=1"
    );
    eprintln!("skipped: {tool} not found");
    true
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir =
            std::env::temp_dir().join(format!("keystore-pkcs12-interop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // KEYSTORE_INTEROP_KEEP=1 keeps the written files for inspection.
        if std::env::var_os("KEYSTORE_INTEROP_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        } else {
            eprintln!("kept {}", self.0.display());
        }
    }
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run tool")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Entries exercising every kind: an RSA key with its self-signed certificate, an EC key with
/// a 3-certificate chain, a trusted certificate with a mixed-case alias, an AES secret key.
fn entries(pw: &Password, options: &WriteOptions) -> (Entries, Vec<(&'static str, &'static str)>) {
    let limits = Limits::DEFAULT;
    let mut rng = seeded(42);
    let mut out = Entries::new();

    let src_pw = Password::new("changeit-A");
    let single = decode(K17_SINGLE, Some(&src_pw), &limits).unwrap();
    let (_, Entry::PrivateKey(rsa)) = single.entries.iter().next().unwrap() else {
        panic!()
    };
    let pkcs8 = rsa.key.decrypt(&src_pw, &limits).unwrap();
    let key = protect_private_key(pkcs8.as_bytes(), pw, options, &mut rng).unwrap();
    out.push_raw(
        Alias::new("rsa-key"),
        Entry::PrivateKey(PrivateKeyEntry::new(
            Some(Timestamp(1_767_225_600_000)),
            key,
            rsa.chain.clone(),
        )),
    );

    // The EC key stays under its OpenSSL PBES2 protection (AES-256, 2048 iterations), which
    // Java reads; it is written unchanged.
    let csp_pw = Password::new("csp-pass-1");
    let csp = decode(OPENSSL_CSP, Some(&csp_pw), &limits).unwrap();
    let (_, Entry::PrivateKey(ec)) = csp.entries.iter().next().unwrap() else {
        panic!()
    };
    let ec_pkcs8 = ec.key.decrypt(&csp_pw, &limits).unwrap();
    let ec_key = protect_private_key(ec_pkcs8.as_bytes(), pw, options, &mut rng).unwrap();
    out.push_raw(
        Alias::new("ec-chain"),
        Entry::PrivateKey(PrivateKeyEntry::new(None, ec_key, ec.chain.clone())),
    );

    let legacy = decode(K17_LEGACY, Some(&src_pw), &limits).unwrap();
    let (_, Entry::TrustedCert(root)) = legacy.entries.iter().nth(1).unwrap() else {
        panic!()
    };
    out.push_raw(
        Alias::new("Root-CA"),
        Entry::TrustedCert(TrustedCertEntry::new(None, root.cert.clone())),
    );

    let aes = SecretKey::new("AES", Zeroizing::new((0..32).collect()));
    let sealed = protect_secret_key(&aes, pw, options, &mut rng).unwrap();
    out.push_raw(
        Alias::new("aes-secret"),
        Entry::SecretKey(SecretKeyEntry::new(
            Some(Timestamp(1_767_225_600_001)),
            sealed,
        )),
    );
    let expected = vec![
        ("rsa-key", "PrivateKeyEntry"),
        ("ec-chain", "PrivateKeyEntry"),
        ("root-ca", "trustedCertEntry"),
        ("aes-secret", "SecretKeyEntry"),
    ];
    (out, expected)
}

fn write(dir: &Path, profile: Profile) -> (PathBuf, Vec<(&'static str, &'static str)>) {
    let pw = Password::new(PASSWORD);
    let options = WriteOptions::new(profile).with_now(Timestamp(1_767_225_600_002));
    let (entries, expected) = entries(&pw, &options);
    let bytes = encode(&entries, &options, &pw, &mut seeded(7)).unwrap();
    // Our own reader first.
    let back = decode(&bytes, Some(&pw), &Limits::DEFAULT).unwrap();
    assert_eq!(back.entries.len(), 4);
    let path = dir.join(format!("{profile:?}.p12"));
    std::fs::write(&path, &bytes).unwrap();
    (path, expected)
}

fn keytool_lists(keytool: &str, path: &Path, expected: &[(&str, &str)]) {
    let out = run(Command::new(keytool).args([
        "-list",
        "-storetype",
        "PKCS12",
        "-keystore",
        path.to_str().unwrap(),
        "-storepass",
        PASSWORD,
    ]));
    let listing = text(&out);
    assert!(
        out.status.success(),
        "{keytool} {}: {listing}",
        path.display()
    );
    assert!(
        listing.contains(&format!(
            "Your keystore contains {} entries",
            expected.len()
        )),
        "{keytool} {}: {listing}",
        path.display()
    );
    for (alias, kind) in expected {
        assert!(
            listing
                .lines()
                .any(|l| l.starts_with(&format!("{alias}, ")) && l.contains(&format!(", {kind},"))),
            "{keytool} {}: no {alias} {kind} in\n{listing}",
            path.display()
        );
    }
}

fn openssl_reads(path: &Path, legacy: bool) -> Output {
    let mut cmd = Command::new("openssl");
    cmd.args([
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        path.to_str().unwrap(),
        "-passin",
        &format!("pass:{PASSWORD}"),
    ]);
    if legacy {
        cmd.arg("-legacy");
    }
    run(&mut cmd)
}

/// A written file: its profile, path and expected (alias, kind) listing.
type Written = (Profile, PathBuf, Vec<(&'static str, &'static str)>);

#[test]
fn keytool_and_openssl_read_every_profile() {
    let dir = TempDir::new();
    let profiles = [
        Profile::Jdk,
        Profile::Legacy,
        Profile::PasswordlessTruststore,
        Profile::Pbmac1,
    ];
    let files: Vec<Written> = profiles
        .iter()
        .map(|p| {
            let (path, expected) = write(&dir.0, *p);
            (*p, path, expected)
        })
        .collect();

    for keytool in [KEYTOOL_17, KEYTOOL_25] {
        if missing(keytool) {
            continue;
        }
        for (profile, path, expected) in &files {
            if *profile != Profile::Pbmac1 {
                keytool_lists(keytool, path, expected);
            }
        }
    }
    // JDK ≤ 25 cannot read PBMAC1 (pkcs12.md §2.7); one JVM run to pin the error.
    if !missing(KEYTOOL_25) {
        let (_, path, _) = &files[3];
        let out = run(Command::new(KEYTOOL_25).args([
            "-list",
            "-storetype",
            "PKCS12",
            "-keystore",
            path.to_str().unwrap(),
            "-storepass",
            PASSWORD,
        ]));
        let listing = text(&out);
        assert!(!out.status.success(), "{listing}");
        assert!(listing.contains("1.2.840.113549.1.5.14"), "{listing}");
    }

    if !missing("openssl") {
        for (profile, path, _) in &files {
            let out = openssl_reads(path, *profile == Profile::Legacy);
            let t = text(&out);
            if *profile == Profile::Pbmac1 {
                // OpenSSL 3.0 has no PBMAC1 (3.4+ does).
                continue;
            }
            assert!(out.status.success(), "openssl {profile:?}: {t}");
            if *profile == Profile::PasswordlessTruststore {
                assert!(t.contains("MAC is absent"), "{t}");
            } else {
                assert!(t.contains("MAC: "), "{t}");
            }
        }
    }

    python_reads_pbmac1(&files[3].1);
}

/// Python `cryptography` (which bundles OpenSSL ≥ 3.4) verifies the PBMAC1 MAC and rejects a
/// wrong password.
fn python_reads_pbmac1(path: &Path) {
    if missing("python3") {
        return;
    }
    let probe = run(Command::new("python3").args(["-c", "import cryptography"]));
    if !probe.status.success() {
        assert!(
            !interop_required(),
            "python3 cryptography missing but interop is required"
        );
        eprintln!("skipped: python3 cryptography not installed");
        return;
    }
    let script = r#"
import sys
from cryptography.hazmat.primitives.serialization import pkcs12
data = open(sys.argv[1], "rb").read()
p = pkcs12.load_pkcs12(data, sys.argv[2].encode())
print("key" if p.key is not None else "nokey", len(p.additional_certs))
try:
    pkcs12.load_pkcs12(data, b"wrong")
    print("wrong password accepted")
except ValueError:
    print("wrong password rejected")
"#;
    let out = run(Command::new("python3").args(["-c", script, path.to_str().unwrap(), PASSWORD]));
    let t = text(&out);
    assert!(out.status.success(), "python PBMAC1: {t}");
    assert!(t.contains("key"), "{t}");
    assert!(t.contains("wrong password rejected"), "{t}");
}
