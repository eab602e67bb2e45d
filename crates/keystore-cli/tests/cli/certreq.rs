//! `-printcertreq` against keytool 17 (issue #4): requests made by keytool (`-certreq` with
//! `-ext san=…`) and by openssl (EC key, challenge password) print byte for byte as keytool
//! prints them. Compared live: the requests are made fresh in the test.

use base64ct::Encoding as _;

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
    genkeypair(&[
        "-alias",
        "sha384",
        "-keyalg",
        "RSA",
        "-dname",
        "CN=sha384",
        "-sigalg",
        "SHA384withRSA",
    ]);
    let listed = dir
        .command(&keytool)
        .args(ca)
        .args(["-list", "-v", "-alias", "sha384"])
        .output();
    assert!(
        listed
            .stdout_str()
            .contains("Signature algorithm name: SHA384withRSA\n"),
        "{listed}"
    );
    let err = genkeypair(&[
        "-alias",
        "ed",
        "-keyalg",
        "Ed25519",
        "-dname",
        "CN=ed.example.com",
    ]);
    assert!(
        err.starts_with(
            "Generating 255 bit Ed25519 key pair and self-signed certificate (Ed25519)"
        ),
        "{err}"
    );
    let listed = dir
        .command(&keytool)
        .args(ca)
        .args(["-list", "-v", "-alias", "ed"])
        .output();
    assert!(
        listed
            .stdout_str()
            .contains("Subject Public Key Algorithm: 255-bit Ed25519 key\n"),
        "{listed}"
    );
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

/// The CVP runbook flow (keytool.md §3.5, §3.6.3), run once with keytool 17 and once with
/// rkeytool on the same CA: three RSA-2048 aliases in a JCEKS `.keystore`, CSRs with SANs, the
/// root and the intermediate imported as trusted entries, and three kinds of reply — a bundle
/// whose root must be appended from the store (intermediate not yet trusted), a bundle whose top
/// is a trusted entry, and a single certificate. `keytool -list -v` must show the same chain
/// (owner and issuer of every certificate) for every alias in both stores.
#[test]
fn r4_cvp_flow_builds_the_chains_keytool_builds() {
    let Some(keytool) = tool("keytool17") else {
        return;
    };
    let setup = Dir::new("r4-cvp-ca");
    let kt_in = |dir: &Dir, args: &[&str]| {
        let out = dir.command(&keytool).args(args).output();
        out.assert_exit(0);
        out
    };
    // One CA for both runs: root, and an intermediate whose entry holds [intermediate, root].
    let ca = ["-keystore", "ca.p12", "-storepass", SP];
    kt_in(
        &setup,
        &[
            &ca[..],
            &[
                "-genkeypair",
                "-alias",
                "root",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=CVP Root, O=Example",
                "-ext",
                "bc:c",
            ],
        ]
        .concat(),
    );
    kt_in(
        &setup,
        &[
            &ca[..],
            &[
                "-genkeypair",
                "-alias",
                "inter",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=CVP Intermediate, O=Example",
            ],
        ]
        .concat(),
    );
    kt_in(
        &setup,
        &[
            &ca[..],
            &["-certreq", "-alias", "inter", "-file", "inter.csr"],
        ]
        .concat(),
    );
    kt_in(
        &setup,
        &[
            &ca[..],
            &[
                "-gencert",
                "-alias",
                "root",
                "-infile",
                "inter.csr",
                "-outfile",
                "inter.cer",
                "-ext",
                "bc:c=0",
            ],
        ]
        .concat(),
    );
    kt_in(
        &setup,
        &[
            &ca[..],
            &[
                "-importcert",
                "-alias",
                "inter",
                "-file",
                "inter.cer",
                "-noprompt",
            ],
        ]
        .concat(),
    );
    kt_in(
        &setup,
        &[
            &ca[..],
            &["-exportcert", "-alias", "root", "-rfc", "-file", "root.pem"],
        ]
        .concat(),
    );
    kt_in(
        &setup,
        &[
            &ca[..],
            &[
                "-exportcert",
                "-alias",
                "inter",
                "-rfc",
                "-file",
                "inter.pem",
            ],
        ]
        .concat(),
    );
    let ca_bytes = [
        setup.read("ca.p12"),
        setup.read("root.pem"),
        setup.read("inter.pem"),
    ];

    let store = [
        "-storetype",
        "JCEKS",
        "-keystore",
        ".keystore",
        "-storepass",
        SP,
    ];
    let aliases = [
        "wsm_certificate",
        "vxml_certificate",
        "callserver_certificate",
    ];
    let mut chains = Vec::new();
    for use_keytool in [true, false] {
        let dir = Dir::new(if use_keytool {
            "r4-cvp-kt"
        } else {
            "r4-cvp-rk"
        });
        for (name, bytes) in ["ca.p12", "root.pem", "inter.pem"].iter().zip(&ca_bytes) {
            dir.write(name, bytes);
        }
        let run = |args: &[&str]| {
            let out = if use_keytool {
                dir.command(&keytool).args(args).output()
            } else {
                dir.rkeytool().args(args).output()
            };
            out.assert_exit(0).assert_no_panic();
            out
        };
        for alias in aliases {
            let host = alias.trim_end_matches("_certificate");
            let dn = format!("CN={host}.example.com, OU=CC, O=Example, C=US");
            run(&[
                &store[..],
                &[
                    "-genkeypair",
                    "-alias",
                    alias,
                    "-keysize",
                    "2048",
                    "-keyalg",
                    "RSA",
                    "-validity",
                    "1095",
                    "-dname",
                    &dn,
                    "-keypass",
                    SP,
                ],
            ]
            .concat());
            let san = format!("san=dns:{host}.example.com,dns:localhost");
            run(&[
                &store[..],
                &[
                    "-certreq",
                    "-alias",
                    alias,
                    "-ext",
                    &san,
                    "-file",
                    &format!("{host}.csr"),
                ],
            ]
            .concat());
        }
        // The CA signs (always keytool, so both runs get replies of the same shape).
        kt_in(
            &dir,
            &[
                &ca[..],
                &[
                    "-gencert",
                    "-alias",
                    "inter",
                    "-infile",
                    "callserver.csr",
                    "-outfile",
                    "callserver.cer",
                    "-rfc",
                ],
            ]
            .concat(),
        );
        kt_in(
            &dir,
            &[
                &ca[..],
                &[
                    "-gencert", "-alias", "inter", "-infile", "wsm.csr", "-outfile", "wsm.cer",
                    "-rfc",
                ],
            ]
            .concat(),
        );
        kt_in(
            &dir,
            &[
                &ca[..],
                &[
                    "-gencert", "-alias", "root", "-infile", "vxml.csr", "-outfile", "vxml.cer",
                    "-rfc",
                ],
            ]
            .concat(),
        );
        run(&[
            &store[..],
            &[
                "-importcert",
                "-trustcacerts",
                "-alias",
                "root",
                "-file",
                "root.pem",
                "-noprompt",
            ],
        ]
        .concat());
        // Bundle [leaf, intermediate] with only the root trusted: the root is appended.
        run(&[
            &store[..],
            &[
                "-importcert",
                "-alias",
                "callserver_certificate",
                "-file",
                "callserver.cer",
            ],
        ]
        .concat());
        run(&[
            &store[..],
            &[
                "-importcert",
                "-trustcacerts",
                "-alias",
                "intermediate_ca",
                "-file",
                "inter.pem",
            ],
        ]
        .concat());
        // Bundle whose top (the intermediate) is now an entry: nothing appended.
        run(&[
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
        // Single certificate: the chain is built up to the self-signed root.
        run(&[
            &store[..],
            &[
                "-importcert",
                "-alias",
                "vxml_certificate",
                "-file",
                "vxml.cer",
            ],
        ]
        .concat());
        let listed = kt_in(&dir, &[&store[..], &["-list", "-v"]].concat()).stdout_str();
        let shape: Vec<String> = listed
            .lines()
            .filter(|l| {
                l.starts_with("Alias name:")
                    || l.starts_with("Certificate chain length:")
                    || l.starts_with("Owner:")
                    || l.starts_with("Issuer:")
            })
            .map(str::to_owned)
            .collect();
        chains.push(shape);
    }
    assert!(
        chains[0].iter().any(|l| l == "Certificate chain length: 3"),
        "{:#?}",
        chains[0]
    );
    assert_eq!(
        chains[1], chains[0],
        "rkeytool's chains (right) differ from keytool's (left)"
    );
}

/// A request whose signature does not verify (the subject altered after signing) is refused by
/// `-gencert` and `-printcertreq` with keytool 17's error, as keytool refuses it; nothing is
/// issued.
#[test]
fn r4_tampered_request_is_refused() {
    let dir = Dir::new("r4-tampered");
    let ca = ["-keystore", "ca.p12", "-storepass", SP];
    let rk = |args: &[&str]| dir.rkeytool().args(args).output();
    for (store, alias, cn) in [("ca.p12", "ca", "CN=ca"), ("l.p12", "l", "CN=leaf")] {
        rk(&[
            "-genkeypair",
            "-alias",
            alias,
            "-keyalg",
            "EC",
            "-dname",
            cn,
            "-keystore",
            store,
            "-storepass",
            SP,
        ])
        .assert_exit(0);
    }
    rk(&[
        "-certreq",
        "-alias",
        "l",
        "-keystore",
        "l.p12",
        "-storepass",
        SP,
        "-file",
        "l.csr",
    ])
    .assert_exit(0);
    // Flip "leaf" to "lEaf" in the DER: the request still parses, its signature no longer verifies.
    let pem = String::from_utf8(dir.read("l.csr")).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = base64ct::Base64::decode_vec(&b64).unwrap();
    let at = der.windows(4).position(|w| w == b"leaf").unwrap();
    der[at + 1] = b'E';
    let bad = format!(
        "-----BEGIN NEW CERTIFICATE REQUEST-----\n{}\n-----END NEW CERTIFICATE REQUEST-----\n",
        base64ct::Base64::encode_string(&der)
    );
    dir.write("bad.csr", bad.as_bytes());
    let error = "keytool error: java.security.SignatureException: Invalid PKCS #10 signature\n";
    rk(&[
        &ca[..],
        &[
            "-gencert", "-alias", "ca", "-infile", "bad.csr", "-outfile", "x.crt",
        ],
    ]
    .concat())
    .assert_exit(1)
    .assert_stdout(error);
    assert!(!dir.exists("x.crt") || dir.read("x.crt").is_empty());
    rk(&["-printcertreq", "-file", "bad.csr"])
        .assert_exit(1)
        .assert_stdout(error);
    // The untouched request is still accepted.
    rk(&[
        &ca[..],
        &[
            "-gencert", "-alias", "ca", "-infile", "l.csr", "-outfile", "y.crt",
        ],
    ]
    .concat())
    .assert_exit(0);
    rk(&["-printcertreq", "-file", "l.csr"]).assert_exit(0);
}
