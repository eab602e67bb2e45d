//! `-printcertreq` against keytool 17 (issue #4): requests made by keytool (`-certreq` with
//! `-ext san=…`) and by openssl (EC key, challenge password) print byte for byte as keytool
//! prints them. Compared live: the requests are made fresh in the test.

use crate::util::{Dir, SP, tool};

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
        let theirs = dir.command(&keytool).args(args).output();
        let ours = dir.rkeytool().args(args).output();
        ours.assert_no_panic();
        assert!(
            ours.stdout == theirs.stdout
                && ours.stderr == theirs.stderr
                && ours.code == theirs.code,
            "rkeytool -printcertreq {csr} differs from keytool 17:\n{}\n{}",
            crate::util::diff_bytes(&theirs.stdout, &ours.stdout),
            crate::util::diff_bytes(&theirs.stderr, &ours.stderr)
        );
    }
}
