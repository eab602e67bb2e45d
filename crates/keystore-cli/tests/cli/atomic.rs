//! Saving: concurrent writers lose no update, failed commands change nothing (not even a stray
//! temporary file), `-backup` (an rkeytool extension) keeps the previous file as
//! `<keystore>.bak`, and a rewrite keeps the file's permission bits (as keytool does).

use std::collections::BTreeSet;

use crate::util::{Dir, KP, Listed, SP, TAMPERED, parse_list_v, proprietary_warning, tool, vector};

fn aliases(listed: &[Listed]) -> BTreeSet<String> {
    listed.iter().map(|l| l.alias.clone()).collect()
}

fn rkeytool_list(dir: &Dir, keystore: &str) -> Vec<Listed> {
    let out = dir
        .rkeytool()
        .args(["-list", "-v", "-keystore", keystore, "-storepass", SP])
        .run_ok();
    parse_list_v(&out.stdout_str())
}

fn import_args<'a>(keystore: &'a str, alias: &'a str, file: &'a str) -> Vec<&'a str> {
    vec![
        "-importcert",
        "-noprompt",
        "-storetype",
        "JKS",
        "-keystore",
        keystore,
        "-storepass",
        SP,
        "-alias",
        alias,
        "-file",
        file,
    ]
}

/// Starts both imports before waiting for either.
fn import_concurrently(dir: &Dir, keystore: &str, a: &str, b: &str) {
    let first = dir
        .rkeytool()
        .args(import_args(keystore, a, "root-ca.der"))
        .spawn();
    let second = dir
        .rkeytool()
        .args(import_args(keystore, b, "intermediate-ca.pem"))
        .spawn();
    for out in [first.wait(), second.wait()] {
        out.assert_exit(0)
            .assert_stdout("")
            .assert_stderr("Certificate was added to keystore\n");
    }
}

fn dir_with_certs(name: &str) -> Dir {
    let dir = Dir::new(name);
    dir.copy_vector("certs/root-ca.der", "root-ca.der");
    dir.copy_vector("certs/intermediate-ca.pem", "intermediate-ca.pem");
    dir
}

#[test]
fn concurrent_imports_into_one_store_keep_both_aliases() {
    let dir = dir_with_certs("atomic-concurrent");
    let ks = dir.copy_vector("jks/empty.jks", "shared.jks");
    let before = dir.files();
    let mut expected = BTreeSet::new();
    for round in 0..10 {
        let (a, b) = (format!("a{round}"), format!("b{round}"));
        import_concurrently(&dir, &ks, &a, &b);
        expected.extend([a, b]);
        assert_eq!(
            aliases(&rkeytool_list(&dir, &ks)),
            expected,
            "an import was lost in round {round}"
        );
    }
    assert_eq!(dir.files(), before, "temporary or lock files left behind");
    // The result is a store keytool reads.
    if let Some(keytool) = tool("keytool17") {
        let out = dir
            .command(&keytool)
            .args(["-list", "-v", "-keystore", &ks, "-storepass", SP])
            .output();
        assert_eq!(out.code, Some(0), "{out}");
        assert_eq!(aliases(&parse_list_v(&out.stdout_str())), expected, "{out}");
    }
}

#[test]
fn concurrent_imports_creating_a_new_store_keep_both_aliases() {
    let dir = dir_with_certs("atomic-concurrent-new");
    for round in 0..10 {
        let ks = format!("new{round}.jks");
        import_concurrently(&dir, &ks, "first", "second");
        let expected: BTreeSet<String> = ["first", "second"].map(str::to_owned).into();
        assert_eq!(
            aliases(&rkeytool_list(&dir, &ks)),
            expected,
            "one of two writers creating {ks} lost its entry"
        );
    }
}

#[test]
fn failed_commands_leave_the_store_byte_identical() {
    let dir = Dir::new("atomic-failures");
    dir.copy_vector("certs/root-ca.der", "root-ca.der");
    dir.copy_vector("certs/openssl-ext.cer", "openssl-ext.cer");
    dir.copy_vector("certs/garbage.txt", "garbage.txt");
    let ks = dir.copy_vector("jks/keypass.jks", "k.jks");
    let bytes = dir.read(&ks);
    let files = dir.files();
    let base = ["-keystore", ks.as_str(), "-storepass", SP];
    let wrong = ["-keystore", ks.as_str(), "-storepass", "wrong-password"];
    let cases: Vec<(Vec<&str>, Option<&str>)> = vec![
        (
            [
                &["-importcert", "-noprompt"][..],
                &wrong,
                &["-alias", "x", "-file", "root-ca.der"],
            ]
            .concat(),
            Some(TAMPERED),
        ),
        (
            [&["-delete"][..], &wrong, &["-alias", "plain-key"]].concat(),
            Some(TAMPERED),
        ),
        (
            [
                &["-changealias"][..],
                &wrong,
                &["-alias", "plain-key", "-destalias", "x"],
            ]
            .concat(),
            Some(TAMPERED),
        ),
        (
            [&["-storepasswd"][..], &wrong, &["-new", "new-store-pw"]].concat(),
            Some(TAMPERED),
        ),
        (
            [
                &["-keypasswd"][..],
                &wrong,
                &[
                    "-alias",
                    "protected-key",
                    "-keypass",
                    KP,
                    "-new",
                    "new-key-pw",
                ],
            ]
            .concat(),
            Some(TAMPERED),
        ),
        (
            [&["-delete"][..], &base, &["-alias", "nope"]].concat(),
            Some("keytool error: java.lang.Exception: Alias <nope> does not exist\n"),
        ),
        (
            [
                &["-changealias"][..],
                &base,
                &["-alias", "plain-key", "-destalias", "Protected-Key"],
            ]
            .concat(),
            Some(
                "keytool error: java.lang.Exception: Destination alias <Protected-Key> already exists\n",
            ),
        ),
        (
            [&["-storepasswd"][..], &base, &["-new", "abc"]].concat(),
            Some(
                "keytool error: java.lang.Exception: New password must be at least 6 characters\n",
            ),
        ),
        (
            [
                &["-keypasswd"][..],
                &base,
                &[
                    "-alias",
                    "protected-key",
                    "-keypass",
                    "wrong-key-pw",
                    "-new",
                    "new-key-pw",
                ],
            ]
            .concat(),
            Some("keytool error: java.security.UnrecoverableKeyException: Cannot recover key\n"),
        ),
        (
            [
                &["-importcert", "-noprompt"][..],
                &base,
                &["-alias", "x", "-file", "garbage.txt"],
            ]
            .concat(),
            Some("keytool error: java.lang.Exception: Input not an X.509 certificate\n"),
        ),
        // Declined: exit 0, nothing written.
        (
            [
                &["-importcert"][..],
                &base,
                &["-alias", "x", "-file", "openssl-ext.cer"],
            ]
            .concat(),
            None,
        ),
    ];
    for (args, error) in cases {
        let out = dir.rkeytool().args(&args).stdin("no\n").output();
        match error {
            Some(line) => {
                out.assert_one_error_line();
                out.assert_stdout(line);
            }
            None => {
                out.assert_exit(0).assert_stderr(&format!(
                    "Trust this certificate? [no]:  Certificate was not added to keystore\n{}",
                    proprietary_warning("JKS", &ks)
                ));
            }
        }
        assert!(dir.read(&ks) == bytes, "{args:?} modified the store\n{out}");
        assert_eq!(dir.files(), files, "{args:?} left files behind\n{out}");
    }
}

#[test]
fn backup_keeps_the_previous_file_as_bak() {
    let dir = Dir::new("atomic-backup");
    let ks = dir.copy_vector("jks/keypass.jks", "k.jks");
    let bak = "k.jks.bak";
    let warning = proprietary_warning("JKS", &ks);
    let v = vector("jks/keypass.jks");

    // Without -backup no .bak appears.
    let original = dir.read(&ks);
    dir.rkeytool()
        .args([
            "-changealias",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            "plain-key",
            "-destalias",
            "plain-2",
        ])
        .output()
        .assert_exit(0)
        .assert_stderr(&warning);
    assert!(!dir.exists(bak), "a .bak appeared without -backup");
    let step1 = dir.read(&ks);
    assert!(step1 != original, "-changealias did not write");

    dir.rkeytool()
        .args([
            "-delete",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-alias",
            "plain-2",
            "-backup",
        ])
        .output()
        .assert_exit(0)
        .assert_stdout("")
        .assert_stderr(&warning);
    assert!(
        dir.read(bak) == step1,
        "{bak} does not hold the bytes before -delete"
    );
    let step2 = dir.read(&ks);
    assert_eq!(
        aliases(&rkeytool_list(&dir, &ks)),
        ["protected-key".to_owned()].into()
    );
    assert_eq!(
        aliases(&rkeytool_list(&dir, bak)),
        ["plain-2".to_owned(), "protected-key".to_owned()].into()
    );

    // A second -backup replaces the .bak with the file as it was just before.
    dir.rkeytool()
        .args([
            "-storepasswd",
            "-keystore",
            &ks,
            "-storepass",
            SP,
            "-new",
            "other-store-pw",
            "-backup",
        ])
        .output()
        .assert_exit(0)
        .assert_stderr(&warning);
    assert!(
        dir.read(bak) == step2,
        "{bak} does not hold the bytes before -storepasswd"
    );
    let listed = dir
        .rkeytool()
        .args([
            "-list",
            "-v",
            "-keystore",
            &ks,
            "-storepass",
            "other-store-pw",
        ])
        .run_ok();
    assert_eq!(
        parse_list_v(&listed.stdout_str()),
        vec![v.entry("protected-key").listed()]
    );
}

#[cfg(unix)]
#[test]
fn rewrite_keeps_the_file_mode() {
    use std::{fs, os::unix::fs::PermissionsExt};
    let dir = Dir::new("atomic-mode");
    let ks = dir.copy_vector("jks/keypass.jks", "k.jks");
    for mode in [0o600, 0o640] {
        fs::set_permissions(dir.join(&ks), fs::Permissions::from_mode(mode)).unwrap();
        let new = format!("store-pw-{mode:o}");
        let old = if mode == 0o600 {
            SP.to_owned()
        } else {
            "store-pw-600".to_owned()
        };
        dir.rkeytool()
            .args([
                "-storepasswd",
                "-keystore",
                &ks,
                "-storepass",
                &old,
                "-new",
                &new,
            ])
            .output()
            .assert_exit(0);
        let got = fs::metadata(dir.join(&ks)).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "mode {mode:o} became {got:o}");
    }
}
