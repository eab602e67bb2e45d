//! PKCS#12 with the real tools (issue #3): stores rkeytool converts with `-importkeystore`
//! JKS → PKCS12 → JCEKS → JKS keep every key (same PKCS#8, recovered by keytool + openssl),
//! certificate and secret key; PKCS#12 files rkeytool writes (default and legacy profile) are
//! read by keytool 17, keytool 25 and `openssl pkcs12`; `-storepasswd` on PKCS#12 re-encrypts
//! the keys; `-genseckey` entries are readable by keytool.

use keystore::{KeyStore, Password};

use crate::{
    interop::{assert_keytools_list, expected_pkcs8, keytools, listed, recovered_pkcs8_sha256},
    util::{Dir, SP, assert_same_as_keytool, tool, vector},
};

const P12_PW: &str = "p12-store-pw";

fn import(dir: &Dir, args: &[&str]) -> String {
    let out = dir
        .rkeytool()
        .args(["-importkeystore", "-noprompt"])
        .args(args)
        .output();
    out.assert_exit(0).assert_no_panic();
    out.stderr_str()
}

#[test]
fn r3_importkeystore_jks_to_pkcs12_to_jceks_to_jks_keeps_every_key_and_certificate() {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("r3-chain");
    let src = dir.copy_vector("jks/chain3.jks", "chain3.jks");
    let v = vector("jks/chain3.jks");

    let err = import(
        &dir,
        &[
            "-srckeystore",
            &src,
            "-srcstorepass",
            SP,
            "-destkeystore",
            "a.p12",
            "-deststorepass",
            P12_PW,
        ],
    );
    assert!(
        err.contains(
            "Import command completed:  2 entries successfully imported, 0 entries failed"
        ),
        "{err}"
    );
    import(
        &dir,
        &[
            "-srckeystore",
            "a.p12",
            "-srcstorepass",
            P12_PW,
            "-destkeystore",
            "b.jceks",
            "-deststoretype",
            "JCEKS",
            "-deststorepass",
            SP,
        ],
    );
    // b.jceks keeps the key password the key had in PKCS#12 (the PKCS#12 store password), so
    // keytool's key-password prompt is answered.
    dir.rkeytool()
        .args([
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            "b.jceks",
            "-srcstorepass",
            SP,
        ])
        .args([
            "-destkeystore",
            "c.jks",
            "-deststoretype",
            "JKS",
            "-deststorepass",
            SP,
        ])
        .stdin(format!("{P12_PW}\n"))
        .output()
        .assert_exit(0);

    for store in ["a.p12", "c.jks"] {
        let pw = if store == "a.p12" { P12_PW } else { SP };
        assert_keytools_list(&keytools, &dir, store, pw, &listed(&v.entries));
    }
    assert_keytools_list(&keytools[..1], &dir, "b.jceks", SP, &listed(&v.entries));
    // Keys moved through PKCS#12 carry the PKCS#12 store password as key password.
    let key = v.entry("server-leaf");
    let (_, keytool) = &keytools[keytools.len() - 1];
    let digest =
        recovered_pkcs8_sha256(keytool, &openssl, &dir, "c.jks", SP, "server-leaf", P12_PW);
    assert_eq!(
        digest,
        expected_pkcs8(key),
        "the key changed on its way JKS → PKCS12 → JCEKS → JKS"
    );
}

#[test]
fn r3_secret_keys_survive_jceks_to_pkcs12_to_jceks() {
    let Some(keytools) = keytools() else { return };
    let dir = Dir::new("r3-secret");
    let src = dir.copy_vector("jceks/secret.jceks", "secret.jceks");
    let v = vector("jceks/secret.jceks");
    // aes256 has its own key password.
    for entry in &v.entries {
        let keypass = entry.key_password.as_deref().unwrap_or(SP);
        import(
            &dir,
            &[
                "-srckeystore",
                &src,
                "-srcstorepass",
                SP,
                "-srcalias",
                &entry.alias,
                "-srckeypass",
                keypass,
                "-destkeystore",
                "s.p12",
                "-deststorepass",
                P12_PW,
            ],
        );
    }
    import(
        &dir,
        &[
            "-srckeystore",
            "s.p12",
            "-srcstorepass",
            P12_PW,
            "-destkeystore",
            "back.jceks",
            "-deststoretype",
            "JCEKS",
            "-deststorepass",
            SP,
        ],
    );
    assert_keytools_list(&keytools, &dir, "s.p12", P12_PW, &listed(&v.entries));
    // keytool itself can unseal what we wrote: it copies every secret out of both stores.
    for (store, pw) in [("s.p12", P12_PW), ("back.jceks", SP)] {
        let (_, keytool) = &keytools[0];
        // back.jceks keys carry the PKCS#12 store password as key password: answer the prompts.
        let out = dir
            .command(keytool)
            .args([
                "-importkeystore",
                "-srckeystore",
                store,
                "-srcstorepass",
                pw,
            ])
            .args([
                "-destkeystore",
                &format!("{store}.check.p12"),
                "-deststorepass",
                "check-pw",
                "-noprompt",
            ])
            .stdin(format!("{P12_PW}\n").repeat(4))
            .output();
        let err = out.stderr_str();
        assert!(
            err.contains("4 entries successfully imported, 0 entries failed"),
            "keytool reading {store}:\n{out}"
        );
    }
    // And the key bytes are the originals.
    let original = KeyStore::from_bytes(&dir.read(&src), Some(&Password::new(SP))).unwrap();
    let back = KeyStore::from_bytes(&dir.read("back.jceks"), Some(&Password::new(SP))).unwrap();
    for entry in &v.entries {
        let keypass = Password::new(entry.key_password.as_deref().unwrap_or(SP));
        let a = original.secret_key(&entry.alias, &keypass).unwrap();
        let b = back
            .secret_key(&entry.alias, &Password::new(P12_PW))
            .unwrap();
        assert_eq!(
            (a.algorithm(), a.secret_bytes()),
            (b.algorithm(), b.secret_bytes()),
            "{}",
            entry.alias
        );
    }
}

#[test]
fn r3_pkcs12_written_by_rkeytool_is_read_by_keytool_and_openssl_in_both_profiles() {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("r3-profiles");
    let src = dir.copy_vector("jks/unicode-alias.jks", "u.jks");
    let v = vector("jks/unicode-alias.jks");
    for (store, legacy) in [("default.p12", false), ("legacy.p12", true)] {
        let mut cmd = dir.rkeytool();
        if legacy {
            cmd.args(["-J-Dkeystore.pkcs12.legacy"]);
        }
        cmd.args([
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            &src,
            "-srcstorepass",
            SP,
        ])
        .args(["-destkeystore", store, "-deststorepass", P12_PW])
        .output()
        .assert_exit(0);
        assert_keytools_list(&keytools, &dir, store, P12_PW, &listed(&v.entries));
        let mut info = dir.command(&openssl);
        info.args([
            "pkcs12",
            "-in",
            store,
            "-info",
            "-noout",
            "-passin",
            &format!("pass:{P12_PW}"),
        ]);
        if legacy {
            info.args(["-legacy"]);
        }
        let out = info.output();
        assert_eq!(out.code, Some(0), "openssl cannot read {store}\n{out}");
        let text = out.stderr_str();
        let expect = if legacy {
            "pbeWithSHA1And3-KeyTripleDES-CBC"
        } else {
            "PBES2, PBKDF2, AES-256-CBC"
        };
        assert!(
            text.contains(expect),
            "{store} is not protected as the profile says:\n{text}"
        );
        assert!(
            text.contains(if legacy { "MAC: sha1" } else { "MAC: sha256" }),
            "{text}"
        );
    }
}

#[test]
fn r3_storepasswd_on_pkcs12_reencrypts_keys() {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("r3-storepasswd");
    let src = dir.copy_vector("jks/single.jks", "single.jks");
    import(
        &dir,
        &[
            "-srckeystore",
            &src,
            "-srcstorepass",
            SP,
            "-destkeystore",
            "k.p12",
            "-deststorepass",
            P12_PW,
        ],
    );
    dir.rkeytool()
        .args([
            "-storepasswd",
            "-keystore",
            "k.p12",
            "-storepass",
            P12_PW,
            "-new",
            "changed-pw-1",
        ])
        .output()
        .assert_exit(0)
        .assert_stderr("");
    let v = vector("jks/single.jks");
    let (_, keytool) = &keytools[0];
    let digest = recovered_pkcs8_sha256(
        keytool,
        &openssl,
        &dir,
        "k.p12",
        "changed-pw-1",
        "mykey",
        "changed-pw-1",
    );
    assert_eq!(digest, expected_pkcs8(v.entry("mykey")));
}

#[test]
fn r3_genseckey_and_importpass_entries_are_read_by_keytool() {
    let Some(keytools) = keytools() else { return };
    let dir = Dir::new("r3-genseckey");
    for (store, kind) in [("g.p12", "PKCS12"), ("g.jceks", "JCEKS")] {
        for (alias, alg, size) in [
            ("aes", "AES", "256"),
            ("hmac", "HmacSHA256", "256"),
            ("des3", "DESede", "168"),
        ] {
            let out = dir
                .rkeytool()
                .args([
                    "-genseckey",
                    "-storetype",
                    kind,
                    "-keystore",
                    store,
                    "-storepass",
                    SP,
                    "-keypass",
                    SP,
                ])
                .args(["-alias", alias, "-keyalg", alg, "-keysize", size])
                .output();
            out.assert_exit(0);
            assert!(
                out.stderr_str()
                    .starts_with(&format!("Generated {size}-bit {alg} secret key\n")),
                "{out}"
            );
        }
        dir.rkeytool()
            .args([
                "-importpass",
                "-storetype",
                kind,
                "-keystore",
                store,
                "-storepass",
                SP,
                "-keypass",
                SP,
                "-alias",
                "pw",
            ])
            .stdin("stored-secret\n")
            .output()
            .assert_exit(0);
        for (_, keytool) in &keytools {
            let out = dir
                .command(keytool)
                .args([
                    "-importkeystore",
                    "-srckeystore",
                    store,
                    "-srcstorepass",
                    SP,
                    "-noprompt",
                ])
                .args([
                    "-destkeystore",
                    &format!("{store}.copy.p12"),
                    "-deststorepass",
                    "copy-pw-1",
                ])
                .output();
            assert!(
                out.stderr_str()
                    .contains("4 entries successfully imported, 0 entries failed"),
                "keytool cannot unseal the secret keys rkeytool wrote into {store}\n{out}"
            );
            let _ = std::fs::remove_file(dir.join(format!("{store}.copy.p12")));
        }
    }
}

/// `-list`, `-list -v` and `-list -rfc` of PKCS#12 stores, byte for byte as keytool 17 prints
/// them. Compared live (not as recorded goldens) because keytool prints today's date for
/// PKCS#12 trusted certificates, which store no creation date.
#[test]
fn r3_list_of_pkcs12_stores_matches_keytool_17() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let dir = Dir::new("r3-list");
    let chain = dir.copy_vector("jks/chain3.jks", "chain3.jks");
    let secret = dir.copy_vector("jceks/secret.jceks", "secret.jceks");
    // One store made by keytool (key, chain, trusted certificate, secret keys) …
    for (src, alias, keypass) in [
        (&chain, None, SP),
        (&secret, Some("aes128"), SP),
        (&secret, Some("hmac-sha256"), SP),
    ] {
        let mut cmd = dir.command(&keytool);
        cmd.args([
            "-importkeystore",
            "-srckeystore",
            src,
            "-srcstorepass",
            SP,
            "-srckeypass",
            keypass,
        ]);
        match alias {
            Some(a) => cmd.args(["-srcalias", a]),
            None => cmd.args(["-srcalias", "server-leaf"]),
        };
        cmd.args([
            "-destkeystore",
            "kt.p12",
            "-deststorepass",
            P12_PW,
            "-noprompt",
        ])
        .output()
        .assert_exit(0);
    }
    let root = dir.copy_vector("certs/root-ca.pem", "root-ca.pem");
    dir.command(&keytool)
        .args([
            "-importcert",
            "-noprompt",
            "-alias",
            "Root-CA",
            "-keystore",
            "kt.p12",
            "-storepass",
            P12_PW,
        ])
        .args(["-file", &root])
        .output()
        .assert_exit(0);
    // … and one made by rkeytool.
    import(
        &dir,
        &[
            "-srckeystore",
            &chain,
            "-srcstorepass",
            SP,
            "-destkeystore",
            "rk.p12",
            "-deststorepass",
            P12_PW,
        ],
    );
    for store in ["kt.p12", "rk.p12"] {
        for style in [None, Some("-v"), Some("-rfc")] {
            let mut args = vec!["-list", "-keystore", store, "-storepass", P12_PW];
            args.extend(style);
            assert_same_as_keytool(&dir, &keytool, &args);
        }
    }
}

/// `-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE`
/// writes a password-less truststore (no MAC, plain certificates), as keytool does; keytool lists
/// it and openssl reports the missing MAC.
#[test]
fn r3_keystore_pkcs12_properties_choose_the_passwordless_profile() {
    let Some(keytools) = keytools() else { return };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("r3-passwordless");
    let src = dir.copy_vector("jks/trusted.jks", "trusted.jks");
    dir.rkeytool()
        .args([
            "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
            "-J-Dkeystore.pkcs12.macAlgorithm=NONE",
        ])
        .args([
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            &src,
            "-srcstorepass",
            SP,
        ])
        .args(["-destkeystore", "t.p12", "-deststorepass", P12_PW])
        .output()
        .assert_exit(0);
    let v = vector("jks/trusted.jks");
    assert_keytools_list(&keytools[..1], &dir, "t.p12", P12_PW, &listed(&v.entries));
    let out = dir
        .command(&openssl)
        .args([
            "pkcs12",
            "-in",
            "t.p12",
            "-info",
            "-noout",
            "-passin",
            &format!("pass:{P12_PW}"),
        ])
        .output();
    let text = out.stderr_str();
    assert!(
        text.contains("MAC is absent") && !text.contains("Encrypted data"),
        "{text}"
    );
}

/// In-place migration (`-srckeystore` = `-destkeystore`), the command keytool's own JKS warning
/// recommends: the file becomes PKCS#12, the original is kept byte for byte as `<file>.old`.
#[test]
fn r3_in_place_migration_keeps_the_original_as_old() {
    let Some(keytools) = keytools() else { return };
    let dir = Dir::new("r3-migrate");
    let store = dir.copy_vector("jks/chain3.jks", "chain3.jks");
    let original = dir.read(&store);
    let out = dir
        .rkeytool()
        .args([
            "-importkeystore",
            "-srckeystore",
            &store,
            "-destkeystore",
            &store,
            "-srcstorepass",
            SP,
        ])
        .output();
    out.assert_exit(0);
    assert!(
        out.stderr_str().ends_with("Migrated \"chain3.jks\" to PKCS12. The JKS keystore is backed up as \"chain3.jks.old\".\n"),
        "{out}"
    );
    assert_eq!(
        dir.read("chain3.jks.old"),
        original,
        "the backup is the original, byte for byte"
    );
    let v = vector("jks/chain3.jks");
    assert_keytools_list(&keytools[..1], &dir, &store, SP, &listed(&v.entries));
    let head = dir
        .command(&keytools[0].1)
        .args(["-list", "-keystore", &store, "-storepass", SP])
        .output();
    assert!(
        head.stdout_str().starts_with("Keystore type: PKCS12\n"),
        "{head}"
    );
}
