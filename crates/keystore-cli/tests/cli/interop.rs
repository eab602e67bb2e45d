//! Write interop: rkeytool modifies copies of the vectors, then live keytool 17 and keytool 25
//! read the result (`-list -v`: aliases, entry kinds, certificate fingerprints) and, where a key
//! was re-protected, keytool 17/25 `-importkeystore` + openssl recover the private key and its
//! PKCS#8 digest is compared with the manifest. About 30 keytool runs in all; each test skips
//! (with a printed reason) when no keytool is installed.

use std::path::{Path, PathBuf};

use crate::util::{
    Dir, EntryVector, KP, Listed, SP, TAMPERED, diff_bytes, parse_list_v, proprietary_warning,
    sha256_hex, tool, vector,
};

/// The keytools present (keytool 17 first); `None` (skip) when there is none.
pub(crate) fn keytools() -> Option<Vec<(&'static str, PathBuf)>> {
    let found: Vec<_> = ["keytool17", "keytool25"]
        .into_iter()
        .filter_map(|n| tool(n).map(|p| (n, p)))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// Asserts that every keytool lists exactly `expected` (any order) in `keystore`.
pub(crate) fn assert_keytools_list(
    keytools: &[(&str, PathBuf)],
    dir: &Dir,
    keystore: &str,
    storepass: &str,
    expected: &[Listed],
) {
    let mut expected = expected.to_vec();
    expected.sort();
    for (name, keytool) in keytools {
        let out = dir
            .command(keytool)
            .args([
                "-list",
                "-v",
                "-keystore",
                keystore,
                "-storepass",
                storepass,
            ])
            .output();
        assert_eq!(
            out.code,
            Some(0),
            "{name} cannot read the store rkeytool wrote\n{out}"
        );
        let mut listed = parse_list_v(&out.stdout_str());
        listed.sort();
        assert!(
            listed == expected,
            "{name} lists {keystore} as\n{listed:#?}\nexpected\n{expected:#?}\n{out}"
        );
    }
}

/// keytool `-importkeystore` of one key entry to PKCS#12, then `openssl pkcs12 -nodes -nocerts`
/// and `openssl pkcs8 -topk8 -nocrypt -outform DER`: the SHA-256 (upper-case hex) of that
/// PKCS#8, the same pipeline `data/gen.sh` used for the manifest.
pub(crate) fn recovered_pkcs8_sha256(
    keytool: &Path,
    openssl: &Path,
    dir: &Dir,
    keystore: &str,
    storepass: &str,
    alias: &str,
    keypass: &str,
) -> String {
    let p12 = format!("{keystore}.recovered.p12");
    let out = dir
        .command(keytool)
        .args([
            "-importkeystore",
            "-srckeystore",
            keystore,
            "-srcstorepass",
            storepass,
        ])
        .args([
            "-srcalias",
            alias,
            "-srckeypass",
            keypass,
            "-destalias",
            alias,
        ])
        .args([
            "-destkeystore",
            &p12,
            "-deststoretype",
            "PKCS12",
            "-deststorepass",
            "recover-pw",
            "-noprompt",
        ])
        .output();
    assert_eq!(
        out.code,
        Some(0),
        "keytool cannot recover key {alias} from the store rkeytool wrote\n{out}"
    );
    let pem = dir
        .command(openssl)
        .args([
            "pkcs12",
            "-in",
            &p12,
            "-passin",
            "pass:recover-pw",
            "-nodes",
            "-nocerts",
        ])
        .run_ok();
    let der = dir
        .command(openssl)
        .args(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER"])
        .stdin(pem.stdout)
        .run_ok();
    assert!(!der.stdout.is_empty(), "openssl produced no PKCS#8\n{der}");
    sha256_hex(&der.stdout)
}

pub(crate) fn expected_pkcs8(entry: &EntryVector) -> &str {
    entry
        .pkcs8_sha256
        .as_deref()
        .unwrap_or_else(|| panic!("manifest: no pkcs8_sha256 for {}", entry.alias))
}

pub(crate) fn listed(entries: &[EntryVector]) -> Vec<Listed> {
    entries.iter().map(EntryVector::listed).collect()
}

/// Runs rkeytool, expecting success with empty stdout and exactly `stderr`.
fn rkeytool_ok(dir: &Dir, args: &[&str], stderr: &str) {
    dir.rkeytool()
        .args(args)
        .output()
        .assert_exit(0)
        .assert_stdout("")
        .assert_stderr(stderr);
}

const ADDED: &str = "Certificate was added to keystore\n";

#[test]
fn keytool17_and_25_read_trusted_certs_imported_into_new_jks() {
    let Some(keytools) = keytools() else { return };
    let dir = Dir::with_stores("interop-new-jks");
    let common = [
        "-importcert",
        "-storetype",
        "JKS",
        "-keystore",
        "new.jks",
        "-storepass",
        SP,
    ];
    // Only trusted entries: no proprietary-format warning (keytool.md §1.2).
    for (alias, file) in [
        ("root-ca", "stores/certs/root-ca.der"),
        ("Intermediate-CA", "stores/certs/intermediate-ca.pem"),
        ("Zertifikat-Ä", "stores/certs/openssl-ext.cer"),
    ] {
        let mut args = common.to_vec();
        args.extend(["-noprompt", "-alias", alias, "-file", file]);
        rkeytool_ok(&dir, &args, ADDED);
    }
    // Without -noprompt: the leaf chains to the trusted root through the intermediate, so it is
    // added without a question (keytool.md §3.6.1 step 5).
    let mut args = common.to_vec();
    args.extend(["-alias", "leaf", "-file", "stores/certs/leaf.der"]);
    rkeytool_ok(&dir, &args, ADDED);
    assert_eq!(
        &dir.read("new.jks")[..4],
        &[0xFE, 0xED, 0xFE, 0xED],
        "not a JKS file"
    );

    let trusted = vector("jks/trusted.jks");
    let mut expected = listed(&trusted.entries);
    let leaf = vector("jks/chain3.jks").entry("server-leaf").certificates[0].clone();
    expected.push(Listed {
        alias: "leaf".into(),
        kind: "trustedCertEntry".into(),
        certificates: vec![leaf],
    });
    assert_keytools_list(&keytools, &dir, "new.jks", SP, &expected);
}

#[test]
fn keytool17_and_25_read_trusted_certs_imported_into_jceks() {
    let Some(keytools) = keytools() else { return };
    let dir = Dir::with_stores("interop-jceks-import");
    // into a new JCEKS store
    rkeytool_ok(
        &dir,
        &[
            "-importcert",
            "-noprompt",
            "-storetype",
            "JCEKS",
            "-keystore",
            "new.jceks",
            "-storepass",
            SP,
        ]
        .into_iter()
        .chain(["-alias", "root-ca", "-file", "stores/certs/root-ca.pem"])
        .collect::<Vec<_>>(),
        ADDED,
    );
    assert_eq!(
        &dir.read("new.jceks")[..4],
        &[0xCE, 0xCE, 0xCE, 0xCE],
        "not a JCEKS file"
    );
    let trusted = vector("jceks/trusted.jceks");
    assert_keytools_list(
        &keytools,
        &dir,
        "new.jceks",
        SP,
        &[trusted.entry("root-ca").listed()],
    );

    // into an existing JCEKS store holding a key entry
    let ks = dir.copy_vector("jceks/single.jceks", "with-key.jceks");
    let warning = proprietary_warning("JCEKS", &ks);
    for (alias, file) in [
        ("root-ca", "stores/certs/root-ca.der"),
        ("Zertifikat-Ä", "stores/certs/openssl-ext.der"),
    ] {
        rkeytool_ok(
            &dir,
            &[
                "-importcert",
                "-noprompt",
                "-keystore",
                &ks,
                "-storepass",
                SP,
                "-alias",
                alias,
                "-file",
                file,
            ],
            &format!("{ADDED}{warning}"),
        );
    }
    let mut expected = listed(&vector("jceks/single.jceks").entries);
    expected.extend([
        trusted.entry("root-ca").listed(),
        trusted.entry("zertifikat-ä").listed(),
    ]);
    assert_keytools_list(&keytools, &dir, &ks, SP, &expected);
}

/// `-delete` then `-changealias` (aliases typed with other case), keytool lists the result and
/// recovers the renamed key.
fn delete_and_changealias(store: &str, delete: &str, from: &str, to: &str, to_stored: &str) {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let v = vector(store);
    let dir = Dir::new(&format!("interop-rename-{}", store.replace('/', "-")));
    let ks = dir.copy_vector(store, &format!("store.{}", v.store_type.to_lowercase()));
    let warning = proprietary_warning(&v.store_type, &ks);
    rkeytool_ok(
        &dir,
        &[
            "-delete",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            delete,
        ],
        &warning,
    );
    rkeytool_ok(
        &dir,
        &[
            "-changealias",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            from,
            "-destalias",
            to,
        ],
        &warning,
    );

    let deleted = delete.to_lowercase();
    let renamed = from.to_lowercase();
    let expected: Vec<Listed> = v
        .entries
        .iter()
        .filter(|e| e.alias != deleted)
        .map(|e| {
            if e.alias == renamed {
                e.renamed(to_stored).listed()
            } else {
                e.listed()
            }
        })
        .collect();
    assert_eq!(
        expected.len() + 1,
        v.entries.len(),
        "test setup: {delete} is not in {store}"
    );
    assert_keytools_list(&keytools, &dir, &ks, SP, &expected);
    let key = v.entry(&renamed);
    let (_, keytool) = &keytools[0];
    let got = recovered_pkcs8_sha256(keytool, &openssl, &dir, &ks, SP, to_stored, SP);
    assert_eq!(
        got,
        expected_pkcs8(key),
        "the renamed key {to_stored} is not the original {renamed}"
    );
}

#[test]
fn keytool17_and_25_read_jks_after_delete_and_changealias() {
    delete_and_changealias(
        "jks/unicode-alias.jks",
        "🗝-TRUST",
        "Zürich-Schlüssel",
        "Genève-Key",
        "genève-key",
    );
}

#[test]
fn keytool17_and_25_read_jceks_after_delete_and_changealias() {
    delete_and_changealias(
        "jceks/chain3.jceks",
        "ROOT-CA",
        "server-leaf",
        "Renamed-Leaf",
        "renamed-leaf",
    );
}

/// `-storepasswd` changes the integrity password only: keytool opens the store with the new
/// password, and the key entries still open with their old key password.
fn storepasswd(store: &str) {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let v = vector(store);
    let dir = Dir::new(&format!("interop-storepasswd-{}", store.replace('/', "-")));
    let ks = dir.copy_vector(store, &format!("store.{}", v.store_type.to_lowercase()));
    let new = "new-store-pw-ü";
    rkeytool_ok(
        &dir,
        &[
            "-storepasswd",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-new",
            new,
        ],
        &proprietary_warning(&v.store_type, &ks),
    );
    dir.rkeytool()
        .args(["-list", "-keystore", &ks, "-storepass", SP])
        .output()
        .assert_stdout(TAMPERED)
        .assert_exit(1);

    assert_keytools_list(&keytools, &dir, &ks, new, &listed(&v.entries));
    let key = v.entry("plain-key");
    let (_, keytool) = &keytools[0];
    let got = recovered_pkcs8_sha256(keytool, &openssl, &dir, &ks, new, "plain-key", SP);
    assert_eq!(got, expected_pkcs8(key), "plain-key changed");
}

#[test]
fn keytool17_and_25_read_jks_after_storepasswd() {
    storepasswd("jks/keypass.jks");
}

#[test]
fn keytool17_and_25_read_jceks_after_storepasswd() {
    storepasswd("jceks/keypass.jceks");
}

/// `-keypasswd` re-protects one key: keytool lists the store unchanged and recovers the key
/// with the new key password; the old one no longer works.
fn keypasswd(store: &str, recover_with: usize) {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let v = vector(store);
    let dir = Dir::new(&format!("interop-keypasswd-{}", store.replace('/', "-")));
    let ks = dir.copy_vector(store, &format!("store.{}", v.store_type.to_lowercase()));
    let new = "new-key-pw-9";
    rkeytool_ok(
        &dir,
        &[
            "-keypasswd",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            "Protected-Key",
            "-keypass",
            KP,
            "-new",
            new,
        ],
        &proprietary_warning(&v.store_type, &ks),
    );
    // The old key password is gone (keytool: "Cannot recover key" / "Given final block …").
    dir.rkeytool()
        .args([
            "-keypasswd",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            "protected-key",
            "-keypass",
            KP,
            "-new",
            "x-key-pw-7",
        ])
        .output()
        .assert_one_error_line();

    assert_keytools_list(&keytools, &dir, &ks, SP, &listed(&v.entries));
    let key = v.entry("protected-key");
    let (_, keytool) = &keytools[recover_with.min(keytools.len() - 1)];
    let got = recovered_pkcs8_sha256(keytool, &openssl, &dir, &ks, SP, "protected-key", new);
    assert_eq!(got, expected_pkcs8(key), "protected-key changed");
}

#[test]
fn keytool17_and_25_recover_jks_key_after_keypasswd() {
    keypasswd("jks/keypass.jks", 0);
}

#[test]
fn keytool17_and_25_recover_jceks_key_after_keypasswd() {
    keypasswd("jceks/keypass.jceks", 1);
}

#[test]
fn importcert_trust_prompt_answered_yes_matches_keytool17() {
    let Some(keytool17) = tool("keytool17") else {
        return;
    };
    let Some(keytools) = keytools() else { return };
    let dir = Dir::with_stores("interop-trust-prompt");
    let ours = dir.copy_vector("jks/single.jks", "ours.jks");
    let theirs = dir.copy_vector("jks/single.jks", "theirs.jks");
    // A self-signed certificate that is not in any trust store: keytool prints it (stdout) and
    // asks `Trust this certificate? [no]:  ` (stderr); -trustcacerts also consults cacerts.
    let args = |ks: &str| {
        [
            "-importcert",
            "-trustcacerts",
            "-keystore",
            ks,
            "-storepass",
            SP,
            "-alias",
            "OpenSSL-Root",
        ]
        .into_iter()
        .chain(["-file", "stores/certs/openssl-ext.cer"])
        .map(str::to_owned)
        .collect::<Vec<_>>()
    };
    let want = dir
        .command(&keytool17)
        .args(args(&theirs))
        .stdin("yes\n")
        .output();
    let got = dir.rkeytool().args(args(&ours)).stdin("yes\n").output();
    got.assert_no_panic();
    let stderr_want = want.stderr_str().replace(&theirs, &ours);
    assert!(
        got.code == want.code && got.stdout == want.stdout && got.stderr_str() == stderr_want,
        "rkeytool differs from keytool 17\nstdout (- keytool, + rkeytool):\n{}\nstderr:\n{}\nkeytool: {want}\nrkeytool: {got}",
        diff_bytes(&want.stdout, &got.stdout),
        diff_bytes(stderr_want.as_bytes(), &got.stderr),
    );
    let mut expected = listed(&vector("jks/single.jks").entries);
    expected.push(
        vector("jks/trusted.jks")
            .entry("zertifikat-ä")
            .renamed("openssl-root")
            .listed(),
    );
    assert_keytools_list(&keytools, &dir, &ours, SP, &expected);
}

#[test]
fn keytool17_recovers_jceks_secret_keys_after_delete() {
    let Some(keytool17) = tool("keytool17") else {
        return;
    };
    let Some(keytools) = keytools() else { return };
    let v = vector("jceks/secret.jceks");
    let dir = Dir::new("interop-secret-delete");
    let ks = dir.copy_vector("jceks/secret.jceks", "secret.jceks");
    rkeytool_ok(
        &dir,
        &[
            "-delete",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            "DES3",
        ],
        &proprietary_warning("JCEKS", &ks),
    );
    let expected: Vec<Listed> = v
        .entries
        .iter()
        .filter(|e| e.alias != "des3")
        .map(EntryVector::listed)
        .collect();
    assert_keytools_list(&keytools, &dir, &ks, SP, &expected);

    // Every remaining SealedObject must still decrypt: keytool converts them all to PKCS#12,
    // asking once for aes256's own key password.
    let aes256 = v
        .entry("aes256")
        .key_password
        .clone()
        .expect("aes256 key password");
    let out = dir
        .command(&keytool17)
        .args([
            "-importkeystore",
            "-srckeystore",
            &ks,
            "-srcstorepass",
            SP,
            "-destkeystore",
            "secret.p12",
        ])
        .args([
            "-deststoretype",
            "PKCS12",
            "-deststorepass",
            "dest-store-pw",
        ])
        .stdin(format!("{aes256}\n"))
        .output();
    assert!(
        out.code == Some(0)
            && out.stderr_str().contains("Import command completed:  3 entries successfully imported, 0 entries failed or cancelled"),
        "keytool 17 cannot recover the secret keys rkeytool kept\n{out}"
    );
}

/// `-keyclone -new`: the copy is protected with the new password, and keytool + openssl recover
/// the original key from it.
#[test]
fn keytool_recovers_key_cloned_with_a_new_password() {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("keyclone");
    let store = dir.copy_vector("jks/single.jks", "single.jks");
    rkeytool_ok(
        &dir,
        &[
            "-keyclone",
            "-keystore",
            &store,
            "-storepass",
            SP,
            "-alias",
            "mykey",
            "-dest",
            "copy",
            "-new",
            "clone-pw-1",
        ],
        &proprietary_warning("JKS", &store),
    );
    let v = vector("jks/single.jks");
    let (_, keytool) = &keytools[0];
    let digest = recovered_pkcs8_sha256(keytool, &openssl, &dir, &store, SP, "copy", "clone-pw-1");
    assert_eq!(digest, expected_pkcs8(v.entry("mykey")));
}

/// `-selfcert`: a new self-signed certificate for the entry's key — new subject with `-dname`,
/// new validity, existing extensions (the SAN) kept — that keytool lists.
#[test]
fn keytool_lists_selfcert_result() {
    let Some(keytools) = keytools() else { return };
    let dir = Dir::new("selfcert");
    let store = dir.copy_vector("jks/single.jks", "single.jks");
    rkeytool_ok(
        &dir,
        &[
            "-selfcert",
            "-keystore",
            &store,
            "-storepass",
            SP,
            "-alias",
            "mykey",
            "-dname",
            "CN=renewed.example.com",
            "-validity",
            "30",
        ],
        &proprietary_warning("JKS", &store),
    );
    let (_, keytool) = &keytools[0];
    let out = dir
        .command(keytool)
        .args(["-list", "-v", "-keystore", &store, "-storepass", SP])
        .output();
    let text = out.stdout_str();
    assert!(
        text.contains("Owner: CN=renewed.example.com\nIssuer: CN=renewed.example.com\n"),
        "{out}"
    );
    assert!(
        text.contains("SubjectAlternativeName ["),
        "the SAN is kept\n{out}"
    );
}
