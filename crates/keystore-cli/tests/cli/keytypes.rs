//! Key types beyond RSA/EC/Ed25519 (issue #4): `rkeytool -genkeypair` with RSASSA-PSS, DSA and
//! Ed448 keys and with non-default `-sigalg` values, into PKCS12 and JKS stores, checked live
//! against keytool 17 (`-list -v`, `-list -rfc`, `-certreq` with our private keys) and openssl
//! (`x509 -text`, `verify`, `req -verify`); and keytool 17's error texts for `-sigalg`,
//! `-groupname` and `-keysize` mistakes. Skipped with a message when a tool is missing, unless
//! `CI=true` or `KEYSTORE_REQUIRE_INTEROP=1`.

use std::path::Path;

use crate::util::{Dir, SP, assert_same_as_keytool, tool};

/// One generated entry: its options and what keytool and openssl must show for it.
struct Case {
    alias: &'static str,
    args: &'static [&'static str],
    /// keytool's `Signature algorithm name:`.
    sigalg: &'static str,
    /// keytool's `Subject Public Key Algorithm:`.
    key: &'static str,
    /// openssl's `Signature Algorithm:` for the certificate.
    openssl_sig: &'static str,
    /// keytool 17's first stderr line of `-genkeypair`.
    generating: &'static str,
}

const CASES: &[Case] = &[
    Case {
        alias: "pss",
        args: &["-keyalg", "RSASSA-PSS"],
        sigalg: "RSASSA-PSS",
        key: "2048-bit RSASSA-PSS key",
        openssl_sig: "rsassaPss",
        generating: "Generating -1 bit RSASSA-PSS key pair and self-signed certificate (RSASSA-PSS) with a validity of 90 days",
    },
    Case {
        alias: "dsa",
        args: &["-keyalg", "DSA"],
        sigalg: "SHA256withDSA",
        key: "2048-bit DSA key",
        openssl_sig: "dsa_with_SHA256",
        generating: "Generating 2,048 bit DSA key pair and self-signed certificate (SHA256withDSA) with a validity of 90 days",
    },
    Case {
        alias: "dsa3072",
        // Not SHA384withDSA: OpenSSL 3.0 cannot verify dsa_with_SHA384 certificates (keytool's
        // own fail `openssl verify` alike); that digest is checked in keystore-certgen's tests.
        args: &["-keyalg", "DSA", "-keysize", "3072"],
        sigalg: "SHA256withDSA",
        key: "3072-bit DSA key",
        openssl_sig: "dsa_with_SHA256",
        generating: "Generating 3,072 bit DSA key pair and self-signed certificate (SHA256withDSA) with a validity of 90 days",
    },
    Case {
        alias: "ed448",
        args: &["-keyalg", "Ed448"],
        sigalg: "Ed448",
        key: "448-bit Ed448 key",
        openssl_sig: "ED448",
        generating: "Generating 448 bit Ed448 key pair and self-signed certificate (Ed448) with a validity of 90 days",
    },
    Case {
        alias: "ec-sha512",
        args: &["-keyalg", "EC", "-sigalg", "sha512withecdsa"],
        sigalg: "SHA512withECDSA",
        key: "256-bit EC (secp256r1) key",
        openssl_sig: "ecdsa-with-SHA512",
        generating: "Generating 256 bit EC (secp256r1) key pair and self-signed certificate (SHA512withECDSA) with a validity of 90 days",
    },
    Case {
        alias: "p384-sha256",
        args: &[
            "-keyalg",
            "EC",
            "-groupname",
            "secp384r1",
            "-sigalg",
            "SHA256withECDSA",
        ],
        sigalg: "SHA256withECDSA",
        key: "384-bit EC (secp384r1) key",
        openssl_sig: "ecdsa-with-SHA256",
        generating: "Generating 384 bit EC (secp384r1) key pair and self-signed certificate (SHA256withECDSA) with a validity of 90 days",
    },
    Case {
        alias: "rsa-pss-sig",
        args: &["-keyalg", "RSA", "-sigalg", "RSASSA-PSS"],
        sigalg: "RSASSA-PSS",
        key: "2048-bit RSA key",
        openssl_sig: "rsassaPss",
        generating: "Generating 2,048 bit RSA key pair and self-signed certificate (RSASSA-PSS) with a validity of 90 days",
    },
];

/// The aliases keytool's `-certreq` is run for (one JVM each per store): the new key types.
const KEYTOOL_CERTREQ: &[&str] = &["pss", "dsa", "ed448"];

/// `keytool -list -rfc` output split into (alias, first certificate PEM).
fn rfc_certificates(text: &str) -> Vec<(String, String)> {
    text.split("Alias name: ")
        .skip(1)
        .filter_map(|block| {
            let alias = block.lines().next()?.trim().to_owned();
            let start = block.find("-----BEGIN CERTIFICATE-----")?;
            let end = block[start..].find("-----END CERTIFICATE-----")? + start;
            let pem = format!("{}-----END CERTIFICATE-----\n", &block[start..end]);
            Some((alias, pem))
        })
        .collect()
}

/// The `Signature algorithm name:` and `Subject Public Key Algorithm:` values of each alias in
/// `keytool -list -v` output.
fn listed(text: &str, alias: &str) -> (String, String) {
    let block = text
        .split("Alias name: ")
        .find(|b| b.lines().next().is_some_and(|l| l.trim() == alias))
        .unwrap_or_else(|| panic!("keytool -list -v does not show {alias}:\n{text}"));
    let value = |label: &str| {
        block
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    (
        value("Signature algorithm name:"),
        value("Subject Public Key Algorithm:"),
    )
}

fn check_store(dir: &Dir, keytool: &Path, openssl: &Path, store: &str, store_type: &str) {
    let store_args = [
        "-keystore",
        store,
        "-storetype",
        store_type,
        "-storepass",
        SP,
        "-keypass",
        SP,
    ];
    for case in CASES {
        let out = dir
            .rkeytool()
            .args(["-genkeypair", "-alias", case.alias, "-dname"])
            .args([format!("CN={},O=keytypes", case.alias)])
            .args(case.args)
            .args(store_args)
            .output();
        out.assert_exit(0);
        let stderr = out.stderr_str();
        assert!(
            stderr.starts_with(case.generating),
            "{}: stderr\n{stderr}",
            case.alias
        );
    }

    // keytool reads every entry and names its algorithms.
    let list = dir
        .command(keytool)
        .args(["-list", "-v"])
        .args(store_args)
        .output();
    list.assert_exit(0);
    let text = list.stdout_str();
    for case in CASES {
        let (sigalg, key) = listed(&text, case.alias);
        assert_eq!(sigalg, case.sigalg, "{store}: {}", case.alias);
        assert_eq!(key, case.key, "{store}: {}", case.alias);
    }

    // keytool exports the certificates; openssl parses them and verifies their self-signatures.
    let rfc = dir
        .command(keytool)
        .args(["-list", "-rfc"])
        .args(store_args)
        .output();
    rfc.assert_exit(0);
    let certs = rfc_certificates(&rfc.stdout_str());
    assert_eq!(certs.len(), CASES.len(), "{}", rfc.stdout_str());
    for (alias, pem) in certs {
        let case = CASES
            .iter()
            .find(|c| c.alias == alias)
            .unwrap_or_else(|| panic!("unexpected alias {alias}"));
        let file = format!("{store}-{alias}.pem");
        dir.write(&file, pem.as_bytes());
        let text = dir
            .command(openssl)
            .args(["x509", "-noout", "-text", "-in", &file])
            .output();
        text.assert_exit(0);
        let shown = text.stdout_str();
        assert!(
            shown.contains(&format!("Signature Algorithm: {}", case.openssl_sig)),
            "{alias}: {shown}"
        );
        assert!(
            shown.contains(&format!("Subject: O = keytypes, CN = {alias}")),
            "{alias}: {shown}"
        );
        let verify = dir
            .command(openssl)
            .args(["verify", "-CAfile", &file, &file])
            .output();
        assert!(
            verify.code == Some(0) && verify.stdout_str().contains(": OK"),
            "{alias}: openssl verify\n{verify}"
        );
    }

    for case in CASES {
        // Our CSR passes openssl's signature check.
        let csr = format!("{store}-{}.csr", case.alias);
        dir.rkeytool()
            .args(["-certreq", "-alias", case.alias, "-file", &csr])
            .args(store_args)
            .output()
            .assert_exit(0);
        let verify = dir
            .command(openssl)
            .args(["req", "-verify", "-noout", "-in", &csr])
            .output();
        assert!(
            verify.code == Some(0) && verify.stderr_str().contains("verify OK"),
            "{}: openssl req -verify\n{verify}",
            case.alias
        );
    }

    // keytool signs with our private keys: its CSRs verify under our public keys.
    for alias in KEYTOOL_CERTREQ {
        let csr = format!("{store}-{alias}-keytool.csr");
        dir.command(keytool)
            .args(["-certreq", "-alias", alias, "-file", &csr])
            .args(store_args)
            .output()
            .assert_exit(0);
        let verify = dir
            .command(openssl)
            .args(["req", "-verify", "-noout", "-pubkey", "-in", &csr])
            .output();
        assert!(
            verify.code == Some(0) && verify.stderr_str().contains("verify OK"),
            "{alias}: keytool's CSR\n{verify}"
        );
        // The CSR's public key is the one in our certificate.
        let ours = dir
            .command(openssl)
            .args(["x509", "-noout", "-pubkey", "-in"])
            .args([format!("{store}-{alias}.pem")])
            .output();
        assert_eq!(verify.stdout_str(), ours.stdout_str(), "{alias}");
    }
}

#[test]
fn new_key_types_and_sigalgs_interoperate_with_keytool_17_and_openssl() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("keytypes-interop");
    check_store(&dir, &keytool, &openssl, "store.p12", "PKCS12");
    check_store(&dir, &keytool, &openssl, "store.jks", "JKS");
}

/// A weak key gets keytool's warning; the key is made all the same.
#[test]
fn dsa_1024_warns_as_keytool_does() {
    let dir = Dir::new("keytypes-dsa1024");
    let out = dir
        .rkeytool()
        .args([
            "-genkeypair",
            "-keyalg",
            "DSA",
            "-keysize",
            "1024",
            "-alias",
            "old",
            "-dname",
            "CN=old",
            "-keystore",
            "s.p12",
            "-storepass",
            SP,
        ])
        .output();
    out.assert_exit(0);
    out.assert_stderr(
        "Generating 1,024 bit DSA key pair and self-signed certificate (SHA256withDSA) with a validity of 90 days\n\
         \tfor: CN=old\n\
         \n\
         Warning:\n\
         The generated certificate uses a 1024-bit DSA key which is considered a security risk. \
         This key size will be disabled in a future update.\n",
    );
}

/// `-sigalg`, `-groupname` and `-keysize` mistakes: keytool 17's exact error line and exit
/// code, and no store left behind.
#[test]
fn key_and_sigalg_errors_match_keytool_17() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let cases: &[&[&str]] = &[
        &["-keyalg", "EC", "-sigalg", "SHA256withRSA"],
        &["-keyalg", "Ed448", "-sigalg", "Ed25519"],
        &["-keyalg", "DSA", "-sigalg", "SHA1withDSA"],
        &["-keyalg", "EC", "-sigalg", "EdDSA"],
        &["-keyalg", "EC", "-sigalg", "NoSuchAlg"],
        &["-keyalg", "EC", "-groupname", "brainpoolP256r1"],
        &["-keyalg", "EC", "-groupname", "prime256v1"],
        &["-keyalg", "DSA", "-keysize", "4096"],
        &["-keyalg", "Ed25519", "-keysize", "448"],
    ];
    let dir = Dir::new("keytypes-errors");
    for case in cases {
        let mut args = vec![
            "-genkeypair",
            "-alias",
            "k",
            "-dname",
            "CN=k",
            "-keystore",
            "never.p12",
            "-storepass",
            SP,
        ];
        args.extend_from_slice(case);
        assert_same_as_keytool(&dir, &keytool, &args);
        assert!(!dir.exists("never.p12"), "{case:?} left a store");
    }
}
