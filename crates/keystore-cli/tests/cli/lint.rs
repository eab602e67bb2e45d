//! `rkeytool -lint` (issue 5): human and JSON output on clean and bad certificates, chains,
//! store entries and requests made by `rkeytool -certreq`; exit status 1 only when a check
//! fails; bad input gives one `keytool error:` line.

use crate::{
    json::Json,
    util::{Dir, Output},
};

const SP: &str = "lint-store-pw";

/// Runs `rkeytool` in `dir`, asserting success.
fn ok(dir: &Dir, args: &[&str]) -> Output {
    dir.rkeytool().args(args).run_ok()
}

fn lint(dir: &Dir, args: &[&str]) -> Output {
    dir.rkeytool().args(["-lint"]).args(args).output()
}

/// `ca.p12` with an RSA-2048 root `root`; `server.pem` issued by it (SAN with the CN, EKU
/// serverAuth+clientAuth, 1095 days) followed by the root; `root.pem`.
fn ca_signed(dir: &Dir) {
    let ks = ["-keystore", "ca.p12", "-storepass", SP];
    ok(
        dir,
        &[
            &[
                "-genkeypair",
                "-alias",
                "root",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
            ][..],
            &["-dname", "CN=Lint Root CA, O=Example", "-validity", "3650"],
            &["-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign"],
            &ks,
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &[
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
            ][..],
            &["-dname", "CN=host.example.com, O=Example"],
            &ks,
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &["-certreq", "-alias", "server", "-file", "server.csr"][..],
            &ks,
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &[
                "-gencert",
                "-alias",
                "root",
                "-infile",
                "server.csr",
                "-outfile",
            ][..],
            &["server.cer", "-rfc", "-validity", "1095"],
            &["-ext", "san=dns:host.example.com,dns:alt.example.com"],
            &["-ext", "eku=serverAuth,clientAuth"],
            &["-ext", "ku=digitalSignature,keyEncipherment"],
            &ks,
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &["-exportcert", "-alias", "root", "-rfc", "-file", "root.pem"][..],
            &ks,
        ]
        .concat(),
    );
    let mut bundle = dir.read("server.cer");
    bundle.extend(dir.read("root.pem"));
    dir.write("server.pem", &bundle);
    // The CA reply onto the key entry: `server` now holds the chain server → root.
    ok(
        dir,
        &[
            &[
                "-importcert",
                "-alias",
                "server",
                "-file",
                "server.pem",
                "-noprompt",
            ][..],
            &ks,
        ]
        .concat(),
    );
}

/// `bad.p12` with `bad`: RSA-1024, CN=host, no SAN, no EKU, 90 days; exported as `bad.cer`.
fn bad_cert(dir: &Dir) {
    let ks = ["-keystore", "bad.p12", "-storepass", SP];
    ok(
        dir,
        &[
            &[
                "-genkeypair",
                "-alias",
                "bad",
                "-keyalg",
                "RSA",
                "-keysize",
                "1024",
            ][..],
            &["-dname", "CN=host"],
            &ks,
        ]
        .concat(),
    );
    ok(
        dir,
        &[
            &["-exportcert", "-alias", "bad", "-file", "bad.cer"][..],
            &ks,
        ]
        .concat(),
    );
}

fn json(out: &Output) -> Json {
    Json::parse(&out.stdout_str()).unwrap_or_else(|e| panic!("{e}\n{out}"))
}

fn findings(report: &Json) -> Vec<(String, String)> {
    report
        .get("findings")
        .and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .map(|f| {
            (
                f.str_field("check").to_owned(),
                f.str_field("severity").to_owned(),
            )
        })
        .collect()
}

#[test]
fn lint_clean_chain_human_and_json() {
    let dir = Dir::new("lint-clean");
    ca_signed(&dir);
    lint(&dir, &["-file", "server.pem"])
        .assert_exit(0)
        .assert_stdout(
            "Certificate: CN=host.example.com,O=Example\nResult: PASS (0 failed, 0 warnings, 9 passed)\n",
        )
        .assert_stderr("");
    let out = lint(&dir, &["-file", "server.pem", "-v"]);
    out.assert_exit(0);
    let text = out.stdout_str();
    assert!(text.contains("PASS  san-present: DNS:host.example.com, DNS:alt.example.com\n"));
    assert!(text.contains("PASS  validity-period: 1095 days (3 years)"));
    assert_eq!(text.lines().filter(|l| l.starts_with("PASS  ")).count(), 9);

    let out = lint(&dir, &["-file", "server.pem", "-json", "-role", "server"]);
    out.assert_exit(0);
    let doc = json(&out);
    let reports = doc.as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0].str_field("subject"),
        "CN=host.example.com,O=Example"
    );
    assert_eq!(reports[0].str_field("kind"), "certificate");
    assert_eq!(reports[0].str_field("result"), "pass");
    assert!(reports[0].get("alias").is_none());
    let f = findings(&reports[0]);
    assert_eq!(f.len(), 9);
    assert!(f.iter().all(|(_, s)| s == "pass"), "{f:?}");
}

#[test]
fn lint_bad_certificate_fails_with_status_1() {
    let dir = Dir::new("lint-bad");
    bad_cert(&dir);
    let out = lint(&dir, &["-file", "bad.cer"]);
    out.assert_exit(1).assert_stderr("");
    let text = out.stdout_str();
    assert!(!text.contains("keytool error"), "{out}");
    for line in [
        "Certificate: CN=host\n",
        "FAIL  san-present: no SubjectAlternativeName extension\n",
        "FAIL  cn-fqdn: CN host is a short host name",
        "FAIL  key-strength: RSA 1024 bits",
        "FAIL  eku-role: no ExtendedKeyUsage extension; role both needs serverAuth and clientAuth\n",
        "WARN  validity-period: 90 days",
        "Result: FAIL (5 failed, 1 warning, 3 passed)\n",
    ] {
        assert!(text.contains(line), "missing {line:?}\n{out}");
    }
    assert!(!text.contains("PASS  "), "{out}");

    let out = lint(&dir, &["-file", "bad.cer", "-json"]);
    out.assert_exit(1);
    let doc = json(&out);
    let report = &doc.as_array().unwrap()[0];
    assert_eq!(report.str_field("result"), "fail");
    let f = findings(report);
    assert_eq!(f.len(), 9, "every rule is listed, passing ones too");
    assert!(f.contains(&("san-present".to_owned(), "fail".to_owned())));
    assert!(f.contains(&("signature-algorithm".to_owned(), "pass".to_owned())));
}

#[test]
fn lint_warnings_alone_exit_0() {
    let dir = Dir::new("lint-warn");
    let ks = ["-keystore", "w.p12", "-storepass", SP];
    ok(
        &dir,
        &[
            &[
                "-genkeypair",
                "-alias",
                "w",
                "-keyalg",
                "EC",
                "-validity",
                "1895",
            ][..],
            &[
                "-dname",
                "CN=host.example.com",
                "-ext",
                "san=dns:host.example.com",
            ],
            &["-ext", "eku=serverAuth,clientAuth"],
            &ks,
        ]
        .concat(),
    );
    let out = lint(&dir, &[&["-alias", "w"][..], &ks].concat());
    out.assert_exit(0);
    assert_eq!(
        out.stdout_str(),
        "Alias <w>: CN=host.example.com\n\
         WARN  validity-period: 1895 days (5.2 years): probably meant to be 5 years = 1825 days (the runbooks' \"5 years = 1895 days\" is a typo)\n\
         Result: WARN (0 failed, 1 warning, 8 passed)\n"
    );
}

#[test]
fn lint_store_entries() {
    let dir = Dir::new("lint-store");
    ca_signed(&dir);
    let ks = ["-keystore", "ca.p12", "-storepass", SP];
    // The key entry's chain (server → root): the leaf is checked, the root is its issuer.
    let out = lint(
        &dir,
        &[&["-alias", "server", "-role", "client"][..], &ks].concat(),
    );
    out.assert_exit(0)
        .assert_stdout("Alias <server>: CN=host.example.com,O=Example\nResult: PASS (0 failed, 0 warnings, 9 passed)\n");
    // Every entry: the root is a CA (leaf rules do not apply), the server is clean.
    let out = lint(&dir, &ks);
    out.assert_exit(0);
    let text = out.stdout_str();
    assert!(
        text.contains("Alias <root>: CN=Lint Root CA,O=Example\n"),
        "{out}"
    );
    assert!(
        text.contains("Alias <server>: CN=host.example.com,O=Example\n"),
        "{out}"
    );
    assert!(
        text.ends_with("\nSummary: 2 entries checked: 0 failed, 0 with warnings, 2 passed\n"),
        "{out}"
    );
    // JSON names the aliases.
    let out = lint(&dir, &[&["-json"][..], &ks].concat());
    out.assert_exit(0);
    let doc = json(&out);
    let aliases: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.str_field("alias"))
        .collect();
    assert_eq!(aliases, ["root", "server"]);

    // A store holding a bad entry fails as a whole; a trusted certificate entry is linted too.
    bad_cert(&dir);
    ok(
        &dir,
        &[
            &[
                "-importcert",
                "-alias",
                "badtrust",
                "-file",
                "bad.cer",
                "-noprompt",
            ][..],
            &ks,
        ]
        .concat(),
    );
    let out = lint(&dir, &ks);
    out.assert_exit(1);
    let text = out.stdout_str();
    assert!(
        text.contains("Alias <badtrust>: CN=host\nFAIL  san-present"),
        "{out}"
    );
    assert!(
        text.contains("Summary: 3 entries checked: 1 failed"),
        "{out}"
    );
}

#[test]
fn lint_certificate_requests() {
    let dir = Dir::new("lint-csr");
    let ks = ["-keystore", "r.p12", "-storepass", SP];
    ok(
        &dir,
        &[
            &["-genkeypair", "-alias", "good", "-keyalg", "EC"][..],
            &["-dname", "CN=host.example.com, O=Example"],
            &ks,
        ]
        .concat(),
    );
    ok(
        &dir,
        &[
            &["-certreq", "-alias", "good", "-file", "good.csr"][..],
            &["-ext", "san=dns:host.example.com", "-ext", "eku=sA,cA"],
            &ks,
        ]
        .concat(),
    );
    lint(&dir, &["-file", "good.csr"])
        .assert_exit(0)
        .assert_stdout(
            "Certificate request: CN=host.example.com,O=Example\nResult: PASS (0 failed, 0 warnings, 7 passed)\n",
        );
    ok(
        &dir,
        &[
            &["-certreq", "-alias", "good", "-file", "bare.csr"][..],
            &ks,
        ]
        .concat(),
    );
    let out = lint(&dir, &["-file", "bare.csr", "-role", "server", "-json"]);
    out.assert_exit(1);
    let doc = json(&out);
    let report = &doc.as_array().unwrap()[0];
    assert_eq!(report.str_field("kind"), "request");
    let f = findings(report);
    assert!(f.contains(&("san-present".to_owned(), "fail".to_owned())));
    assert!(f.contains(&("eku-role".to_owned(), "fail".to_owned())));
    assert!(f.contains(&("request-signature".to_owned(), "pass".to_owned())));
}

#[test]
fn lint_bad_input_is_one_error_line() {
    let dir = Dir::new("lint-errors");
    bad_cert(&dir);
    dir.write("garbage.txt", b"this is not a certificate\n");
    dir.write("empty.cer", b"");
    let cases: &[(&[&str], &str)] = &[
        (
            &["-file", "missing.cer"],
            "keytool error: java.io.FileNotFoundException: missing.cer (No such file or directory)\n",
        ),
        (
            &["-file", "garbage.txt"],
            "keytool error: java.lang.Exception: garbage.txt: not a certificate, certificate chain, PKCS#7 or certificate request\n",
        ),
        (
            &["-file", "empty.cer"],
            "keytool error: java.lang.Exception: empty.cer: the file is empty\n",
        ),
        (
            &["-keystore", "bad.p12", "-storepass", "wrong-password"],
            "keytool error: java.io.IOException: keystore password was incorrect\n",
        ),
        (
            &["-keystore", "nope.p12", "-storepass", SP],
            "keytool error: java.lang.Exception: Keystore file does not exist: nope.p12\n",
        ),
        (
            &["-keystore", "bad.p12", "-storepass", SP, "-alias", "other"],
            "keytool error: java.lang.Exception: Alias <other> does not exist\n",
        ),
        (
            &["-file", "bad.cer", "-role", "sever"],
            "keytool error: java.lang.Exception: Invalid -role: unknown role \"sever\" (expected server, client or both)\n",
        ),
        (
            &["-file", "bad.cer", "-alias", "bad"],
            "keytool error: java.lang.Exception: The -file option cannot be used with -alias, -keystore or -cacerts\n",
        ),
    ];
    for (args, expected) in cases {
        let out = lint(&dir, args);
        assert_eq!(out.assert_one_error_line(), *expected, "{out}");
    }
    assert_eq!(
        dir.files(),
        ["bad.cer", "bad.p12", "empty.cer", "garbage.txt"]
            .into_iter()
            .map(str::to_owned)
            .collect(),
        "nothing written"
    );
}
