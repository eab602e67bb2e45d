//! `-printcertreq` against keytool 17 (issue #4): requests made by keytool (`-certreq` with
//! `-ext san=…`) and by openssl (EC key, challenge password) print byte for byte as keytool
//! prints them. Compared live: the requests are made fresh in the test.

use crate::util::{Dir, SP, assert_same_as_keytool, tool};

#[test]
fn r4_printcertreq_matches_keytool_17() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("r4-printcertreq");
    let store = dir.copy_vector("jks/single.jks", "single.jks");
    dir.command(&keytool)
        .args([
            "-certreq",
            "-keystore",
            &store,
            "-storepass",
            SP,
            "-alias",
            "mykey",
            "-file",
            "kt.csr",
        ])
        .args([
            "-ext",
            "san=dns:host.example.com,dns:localhost,ip:10.0.0.1,ip:::1",
        ])
        .args(["-ext", "eku=serverAuth,clientAuth"])
        .output()
        .assert_exit(0);
    dir.command(&openssl)
        .args([
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ])
        .args([
            "-keyout",
            "ec.key",
            "-out",
            "ossl.csr",
            "-subj",
            "/C=US/O=Example, Inc./CN=ec.example.com",
        ])
        .args([
            "-addext",
            "subjectAltName=DNS:ec.example.com,email:a@example.com",
        ])
        .output()
        .assert_exit(0);
    for csr in ["kt.csr", "ossl.csr", "single.jks"] {
        let args = ["-printcertreq", "-file", csr];
        assert_same_as_keytool(&dir, &keytool, &args);
    }
}

/// The runbook flow, both ways round: rkeytool makes the key and the CSR with SANs and keytool
/// (as the CA) signs it, rkeytool installs the reply; then keytool makes key and CSR and
/// rkeytool (as the CA) signs it, keytool installs the reply. keytool 17 lists the resulting
/// chains, and openssl verifies the issued certificates.
#[test]
fn r4_csr_and_reply_round_trip_between_rkeytool_and_keytool() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("r4-flow");
    let store = [
        "-storetype",
        "JCEKS",
        "-keystore",
        ".keystore",
        "-storepass",
        SP,
    ];
    let ca = ["-keystore", "ca.p12", "-storepass", SP];
    let rk = |args: &[&str]| {
        let out = dir.rkeytool().args(args).output();
        out.assert_exit(0).assert_no_panic();
        out
    };
    let kt = |args: &[&str]| {
        let out = dir.command(&keytool).args(args).output();
        out.assert_exit(0);
        out
    };
    // A CA made by keytool; the server key and CSR by rkeytool.
    kt(&[
        &ca[..],
        &[
            "-genkeypair",
            "-alias",
            "root",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=Flow Root, O=Example",
            "-ext",
            "bc:c",
        ],
    ]
    .concat());
    kt(&[
        &ca[..],
        &["-exportcert", "-alias", "root", "-rfc", "-file", "root.pem"],
    ]
    .concat());
    rk(&[
        &store[..],
        &[
            "-genkeypair",
            "-alias",
            "wsm_certificate",
            "-keysize",
            "2048",
            "-keyalg",
            "RSA",
        ],
    ]
    .concat()
    .into_iter()
    .chain([
        "-validity",
        "1095",
        "-dname",
        "CN=wsm.example.com, OU=IT, O=Cisco, C=US",
        "-keypass",
        SP,
    ])
    .collect::<Vec<_>>());
    rk(&[
        &store[..],
        &[
            "-certreq",
            "-alias",
            "wsm_certificate",
            "-ext",
            "san=dns:wsm.example.com,dns:localhost",
            "-file",
            "wsm.csr",
        ],
    ]
    .concat());
    dir.command(&openssl)
        .args(["req", "-in", "wsm.csr", "-verify", "-noout"])
        .output()
        .assert_exit(0);
    let shown = kt(&["-printcertreq", "-file", "wsm.csr"]).stdout_str();
    assert!(
        shown.contains("DNSName: wsm.example.com\n  DNSName: localhost"),
        "{shown}"
    );
    kt(&[
        &ca[..],
        &[
            "-gencert",
            "-alias",
            "root",
            "-infile",
            "wsm.csr",
            "-outfile",
            "wsm.cer",
            "-rfc",
            "-ext",
            "honored=all",
        ],
    ]
    .concat());
    rk(&[
        &store[..],
        &[
            "-importcert",
            "-alias",
            "root",
            "-file",
            "root.pem",
            "-noprompt",
        ],
    ]
    .concat());
    let out = rk(&[
        &store[..],
        &[
            "-importcert",
            "-alias",
            "wsm_certificate",
            "-file",
            "wsm.cer",
        ],
    ]
    .concat());
    assert!(
        out.stderr_str()
            .starts_with("Certificate reply was installed in keystore\n"),
        "{out}"
    );
    let listed =
        kt(&[&store[..], &["-list", "-v", "-alias", "wsm_certificate"]].concat()).stdout_str();
    assert!(listed.contains("Certificate chain length: 2\n"), "{listed}");
    assert!(
        listed.contains("DNSName: wsm.example.com"),
        "keytool -gencert honored the SAN request\n{listed}"
    );

    // The other way: keytool's key and CSR, rkeytool as the CA.
    let srv = ["-keystore", "srv.p12", "-storepass", SP];
    kt(&[
        &srv[..],
        &[
            "-genkeypair",
            "-alias",
            "srv",
            "-keyalg",
            "EC",
            "-dname",
            "CN=srv.example.com",
        ],
    ]
    .concat());
    kt(&[
        &srv[..],
        &[
            "-certreq",
            "-alias",
            "srv",
            "-file",
            "srv.csr",
            "-ext",
            "san=dns:srv.example.com",
        ],
    ]
    .concat());
    rk(&[
        &ca[..],
        &[
            "-gencert", "-alias", "root", "-infile", "srv.csr", "-outfile", "srv.cer", "-rfc",
        ],
    ]
    .concat()
    .into_iter()
    .chain([
        "-ext",
        "honored=all",
        "-ext",
        "eku=serverAuth,clientAuth",
        "-validity",
        "365",
    ])
    .collect::<Vec<_>>());
    dir.command(&openssl)
        .args(["verify", "-CAfile", "root.pem", "srv.cer"])
        .output()
        .assert_exit(0);
    kt(&[
        &srv[..],
        &[
            "-importcert",
            "-alias",
            "root",
            "-file",
            "root.pem",
            "-noprompt",
        ],
    ]
    .concat());
    let out = kt(&[
        &srv[..],
        &["-importcert", "-alias", "srv", "-file", "srv.cer"],
    ]
    .concat());
    assert!(
        out.stderr_str()
            .contains("Certificate reply was installed in keystore"),
        "{out}"
    );
    let listed = kt(&[&srv[..], &["-list", "-v", "-alias", "srv"]].concat()).stdout_str();
    assert!(
        listed.contains("Certificate chain length: 2\n") && listed.contains("serverAuth"),
        "{listed}"
    );
    assert!(
        listed.contains("DNSName: srv.example.com"),
        "rkeytool -gencert -ext honored=all copies the requested SAN\n{listed}"
    );
}

/// The CVP runbook's `-genkeypair` without `-dname`: keytool's distinguished-name dialogue,
/// answered on stdin, then the JCEKS key-password prompt — the same text as keytool 17 prints,
/// and keytool reads the key entry written.
#[test]
fn r4_genkeypair_dialogue_matches_keytool_17() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let args = [
        "-genkeypair",
        "-storetype",
        "JCEKS",
        "-keystore",
        ".keystore",
        "-storepass",
        SP,
        "-alias",
        "wsm_certificate",
        "-keysize",
        "2048",
        "-keyalg",
        "RSA",
        "-validity",
        "1095",
    ];
    for answers in [
        "wsm.example.com\nIT\nExample, Inc.\nCity\nState\nUS\nyes\n",
        "first\n\n\n\n\n\nno\nwsm.example.com\n\n\n\n\n\ny\n\n",
    ] {
        let (ours_dir, theirs_dir) = (Dir::new("r4-dialogue-rk"), Dir::new("r4-dialogue-kt"));
        let ours = ours_dir.rkeytool().args(args).stdin(answers).output();
        let theirs = theirs_dir
            .command(&keytool)
            .args(args)
            .stdin(answers)
            .output();
        ours.assert_exit(0).assert_no_panic();
        assert_eq!(theirs.code, Some(0), "{theirs}");
        assert!(
            ours.stdout == theirs.stdout && ours.stderr == theirs.stderr,
            "dialogue differs from keytool 17:\n{}",
            crate::util::diff_bytes(&theirs.stderr, &ours.stderr)
        );
        let listed = ours_dir
            .command(&keytool)
            .args([
                "-list",
                "-v",
                "-storetype",
                "JCEKS",
                "-keystore",
                ".keystore",
                "-storepass",
                SP,
            ])
            .output();
        assert!(
            listed.stdout_str().contains("Owner: CN=wsm.example.com"),
            "{listed}"
        );
    }
}

/// `-genkeypair -signer` issues from another key entry (chain = new certificate + the signer's),
/// `-startdate` sets notBefore, and an EC certificate signed by an RSA key gets a warning.
#[test]
fn r4_genkeypair_signer_startdate_and_ec_under_rsa_warning() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let dir = Dir::new("r4-signer");
    let ca = ["-keystore", "ca.p12", "-storepass", SP];
    let genkeypair = |extra: &[&str]| {
        let out = dir
            .rkeytool()
            .args(ca)
            .args(["-genkeypair"])
            .args(extra)
            .output();
        out.assert_exit(0).assert_no_panic();
        out.stderr_str()
    };
    genkeypair(&[
        "-alias",
        "root",
        "-keyalg",
        "RSA",
        "-dname",
        "CN=Signer Root",
        "-ext",
        "bc:c",
    ]);
    let err = genkeypair(&[
        "-alias", "leaf", "-keyalg", "RSA", "-dname", "CN=leaf", "-signer", "root",
    ]);
    assert!(
        err.contains(
            "key pair and a certificate (SHA256withRSA) issued by <root> with a validity of 90 days"
        ),
        "{err}"
    );
    assert!(!err.contains("signed by an RSA key"), "{err}");
    let err = genkeypair(&[
        "-alias",
        "ec",
        "-keyalg",
        "EC",
        "-dname",
        "CN=ec",
        "-signer",
        "root",
        "-startdate",
        "2025/01/01 00:00:00",
        "-validity",
        "10",
    ]);
    assert!(
        err.contains("The certificate for an EC key is signed by an RSA key"),
        "{err}"
    );
    let listed = dir
        .command(&keytool)
        .args(ca)
        .args(["-list", "-v", "-alias", "ec"])
        .output();
    let text = listed.stdout_str();
    assert!(text.contains("Certificate chain length: 2\n"), "{text}");
    assert!(
        text.contains(
            "Valid from: Wed Jan 01 00:00:00 UTC 2025 until: Sat Jan 11 00:00:00 UTC 2025"
        ),
        "{text}"
    );
    assert!(text.contains("Issuer: CN=Signer Root"), "{text}");
    let bad = dir
        .rkeytool()
        .args(ca)
        .args([
            "-genkeypair",
            "-alias",
            "x",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
            "-startdate",
            "+2H30M",
        ])
        .output();
    bad.assert_exit(1);
    assert_eq!(
        bad.stdout_str(),
        "keytool error: java.io.IOException: Illegal startdate value\n"
    );
}
