//! `-gencrl` and `-printcrl`. The golden cases (`golden_printcrl_*`, `golden_gencrl_*`) replay
//! keytool 17 on committed CRLs; these tests cover what depends on the day: CRLs made now by
//! rkeytool are read by live keytool 17 and verified by openssl, and CRLs made now by keytool
//! print byte for byte alike.

use crate::util::{Dir, SP, assert_same_as_keytool, tool};

/// `-gencrl` into `file` with rkeytool, signed by `alias` of `store`.
fn rk_gencrl(dir: &Dir, store: &str, alias: &str, file: &str, extra: &[&str]) {
    dir.rkeytool()
        .args([
            "-gencrl",
            "-keystore",
            store,
            "-storepass",
            SP,
            "-alias",
            alias,
        ])
        .args(["-file", file])
        .args(extra)
        .output()
        .assert_no_panic()
        .assert_exit(0);
}

#[test]
fn rkeytool_crl_round_trip_without_tools() {
    let dir = Dir::new("crl-round-trip");
    let store = dir.copy_vector("jks/single.jks", "single.jks");
    rk_gencrl(
        &dir,
        &store,
        "mykey",
        "r.crl",
        &[
            "-id",
            "1",
            "-id",
            "2:1",
            "-startdate",
            "2025/02/03 04:05:06",
        ],
    );
    let out = dir
        .rkeytool()
        .args(["-printcrl", "-file", "r.crl", "-keystore", &store])
        .args(["-storepass", SP])
        .output();
    out.assert_no_panic().assert_exit(0);
    let text = out.stdout_str();
    assert!(text.starts_with(
        "X.509 CRL v2\nSignature Algorithm: SHA256withRSA, OID=1.2.840.113549.1.1.11\n"
    ));
    assert!(text.contains(
        "This Update: Mon Feb 03 04:05:06 UTC 2025\nNext Update: Sun May 04 04:05:06 UTC 2025\n"
    ));
    assert!(text.contains(
        "[2] SerialNumber: 02  On: Mon Feb 03 04:05:06 UTC 2025\n    CRL Entry Extensions: 1\n"
    ));
    assert!(text.contains("Reason Code: KEY_COMPROMISE\n"));
    assert!(
        text.ends_with("\n\nVerified by mykey in keystore with a 2048-bit RSA key\n"),
        "{text}"
    );

    // No -id: an empty v1 CRL; -rfc writes keytool's PEM.
    rk_gencrl(&dir, &store, "mykey", "e.pem", &["-rfc"]);
    let pem = String::from_utf8(dir.read("e.pem")).unwrap();
    assert!(
        pem.starts_with("-----BEGIN X509 CRL-----\n")
            && pem.ends_with("\n-----END X509 CRL-----\n")
    );
    let out = dir
        .rkeytool()
        .args(["-printcrl", "-file", "e.pem"])
        .output();
    out.assert_exit(0);
    assert!(out.stdout_str().starts_with("X.509 CRL v1\n"));
    assert!(
        out.stdout_str()
            .contains("\nNO certificates have been revoked\n\nSignature:\n")
    );
    assert!(out.stdout_str().contains("WARNING: not verified."));

    // Like keytool, a failure after the keystore is loaded leaves the -file created and empty.
    let out = dir
        .rkeytool()
        .args([
            "-gencrl",
            "-keystore",
            &store,
            "-storepass",
            SP,
            "-id",
            "5:0",
        ])
        .args(["-file", "bad.crl"])
        .output();
    out.assert_no_panic().assert_exit(1);
    assert_eq!(
        out.assert_one_error_line(),
        "keytool error: java.security.cert.CRLException: Encoding error: java.io.IOException: No value to encode for the extension!\n"
    );
    assert!(dir.read("bad.crl").is_empty());
}

#[test]
fn rkeytool_crls_are_read_by_keytool_17_and_openssl() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("crl-interop");
    let rsa = dir.copy_vector("jks/single.jks", "single.jks");
    let ec = dir.copy_vector("jks/ec.jks", "ec.jks");
    rk_gencrl(
        &dir,
        &rsa,
        "mykey",
        "rsa.crl",
        &[
            "-id",
            "1",
            "-id",
            "2:1",
            "-id",
            "255:6",
            "-id",
            "-5:-1",
            "-id",
            "1000000000000000000000:3",
        ],
    );
    rk_gencrl(
        &dir,
        &ec,
        "ec-p256",
        "ec.pem",
        &[
            "-rfc",
            "-id",
            "7:4",
            "-validity",
            "7",
            "-sigalg",
            "SHA384withECDSA",
        ],
    );
    for (store, alias, crl, ca, inform) in [
        (&rsa, "mykey", "rsa.crl", "rsa-ca.pem", "DER"),
        (&ec, "ec-p256", "ec.pem", "ec-ca.pem", "PEM"),
    ] {
        // keytool 17 prints it, verifies it with the store's key, and rkeytool prints the same.
        assert_same_as_keytool(
            &dir,
            &keytool,
            &[
                "-printcrl",
                "-file",
                crl,
                "-keystore",
                store,
                "-storepass",
                SP,
            ],
        );
        let theirs = dir
            .command(&keytool)
            .args([
                "-printcrl",
                "-file",
                crl,
                "-keystore",
                store,
                "-storepass",
                SP,
            ])
            .output();
        assert!(
            theirs
                .stdout_str()
                .contains(&format!("Verified by {alias} in keystore with a ")),
            "keytool did not verify {crl}:\n{}",
            theirs.stdout_str()
        );
        // openssl accepts the signature against the issuer certificate.
        dir.rkeytool()
            .args(["-exportcert", "-rfc", "-keystore", store, "-storepass", SP])
            .args(["-alias", alias, "-file", ca])
            .output()
            .assert_exit(0);
        let out = dir
            .command(&openssl)
            .args([
                "crl", "-inform", inform, "-in", crl, "-noout", "-verify", "-CAfile", ca,
            ])
            .output();
        assert_eq!(
            out.code,
            Some(0),
            "openssl crl -verify {crl}: {}{}",
            out.stdout_str(),
            out.stderr_str()
        );
        assert!(
            format!("{}{}", out.stdout_str(), out.stderr_str()).contains("verify OK"),
            "openssl: {}",
            out.stderr_str()
        );
    }
}

#[test]
fn keytool_17_crls_print_alike() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let dir = Dir::new("crl-keytool");
    let store = dir.copy_vector("jks/ec.jks", "ec.jks");
    // Dated now (no -startdate): the goldens cannot hold this.
    dir.command(&keytool)
        .args([
            "-gencrl",
            "-keystore",
            &store,
            "-storepass",
            SP,
            "-alias",
            "ec-p256",
        ])
        .args([
            "-id", "3", "-id", "4:5", "-id", "65536:9", "-id", "-1:2", "-file", "kt.crl",
        ])
        .output()
        .assert_exit(0);
    assert_same_as_keytool(
        &dir,
        &keytool,
        &["-printcrl", "-file", "kt.crl", "-keystore", &store],
    );
}

/// RSA PKCS#1 v1.5 signatures are deterministic, so with a fixed `-startdate` rkeytool's CRL is
/// keytool's, byte for byte (v2 with reasons, a 9-byte and a negative serial, a negative reason).
#[test]
fn rsa_crl_is_byte_identical_to_keytool_17() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let dir = Dir::new("crl-identical");
    let store = dir.copy_vector("jks/single.jks", "single.jks");
    let args = |file: &'static str| {
        vec![
            "-gencrl",
            "-keystore",
            &store,
            "-storepass",
            SP,
            "-startdate",
            "2025/02/03 04:05:06",
            "-validity",
            "20",
            "-id",
            "1",
            "-id",
            "2:1",
            "-id",
            "255:6",
            "-id",
            "-5:-1",
            "-id",
            "1000000000000000000000:3",
            "-id",
            "7:-300",
            "-file",
            file,
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<String>>()
    };
    dir.command(&keytool)
        .args(args("kt.crl"))
        .output()
        .assert_exit(0);
    dir.rkeytool()
        .args(args("rk.crl"))
        .output()
        .assert_no_panic()
        .assert_exit(0);
    assert_eq!(
        crate::util::hex(&dir.read("rk.crl")),
        crate::util::hex(&dir.read("kt.crl"))
    );
}
