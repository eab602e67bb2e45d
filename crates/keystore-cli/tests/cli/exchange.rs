//! `rkeytool -exchange` (issue #5): a five-server plan over JKS, JCEKS and PKCS12 stores made
//! by `rkeytool -genkeypair`, its dry run (no byte changes), its application (checked with
//! keytool 17 `-list -v`: 5 runs), a second run that changes no byte, a certificate replaced
//! after a server regenerated its key, and bad plans that fail with one error line and change
//! nothing.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use crate::{
    json::Json,
    util::{Dir, Listed, data_dir, parse_list_v, sha256_hex, tool},
};

const PW: &str = "exchange-pw";

/// Every file under the scratch directory, with its bytes.
fn snapshot(dir: &Dir) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, at: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(at).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&dir.join(""), &dir.join(""), &mut out);
    out
}

/// Asserts two snapshots are byte-identical, naming the files that differ.
fn assert_same_files(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) {
    let changed: Vec<_> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(changed.is_empty(), "files changed: {changed:?}");
}

/// `rkeytool -genkeypair` of a self-signed EC certificate for `cn`.
fn genkey(dir: &Dir, keystore: &str, storetype: &str, alias: &str, cn: &str) {
    dir.rkeytool()
        .args([
            "-genkeypair",
            "-keyalg",
            "EC",
            "-alias",
            alias,
            "-dname",
            &format!("CN={cn}, OU={alias}"),
            "-ext",
            &format!("san=dns:{cn}"),
            "-keystore",
            keystore,
            "-storetype",
            storetype,
            "-storepass",
            PW,
            "-keypass",
            PW,
        ])
        .run_ok();
}

/// A truststore holding only the corporate root, as installed before the exchange.
fn corp_truststore(dir: &Dir, keystore: &str, storetype: &str) {
    dir.rkeytool()
        .args([
            "-importcert",
            "-noprompt",
            "-alias",
            "corp-root",
            "-file",
            data_dir()
                .join("stores/certs/root-ca.pem")
                .to_str()
                .unwrap(),
            "-keystore",
            keystore,
            "-storetype",
            storetype,
            "-storepass",
            PW,
        ])
        .run_ok();
}

/// Five servers; key stores in JKS, JCEKS and PKCS12; truststores in all three formats, two
/// created by the plan, two pre-existing with a corporate root, one being a key store.
const FIVE: &str = r#"
[[server]]
name = "s1.example.com"
  [[server.store]]
  id = "keystore"
  path = "s1/keystore.jks"
  storetype = "JKS"
  password = "exchange-pw"
  [[server.store]]
  id = "truststore"
  path = "s1/truststore.jks"
  storetype = "JKS"
  password = "exchange-pw"
  create = true
  trust = ["*"]
  [[server.publish]]
  suffix = "IIS"
  store = "keystore"
  alias = "iis"
  [[server.publish]]
  suffix = "DFP"
  store = "keystore"
  alias = "DFP"

[[server]]
name = "s2.example.com"
  [[server.store]]
  id = "keystore"
  path = "s2/keystore.jceks"
  password = "exchange-pw"
  [[server.store]]
  id = "truststore"
  path = "s2/truststore.p12"
  storetype = "PKCS12"
  password = "exchange-pw"
  trust = ["*"]
  [[server.publish]]
  suffix = "WSM"
  store = "keystore"
  alias = "wsm"

[[server]]
name = "s3.example.com"
  [[server.store]]
  id = "keystore"
  path = "s3/keystore.p12"
  password = "exchange-pw"
  [[server.store]]
  id = "truststore"
  path = "s3/truststore.jceks"
  storetype = "JCEKS"
  password = "exchange-pw"
  create = true
  trust = ["*:IIS", "s1.example.com"]
  [[server.publish]]
  suffix = "IIS"
  store = "keystore"
  alias = "iis"
  [[server.publish]]
  suffix = "DFP"
  file = "s3/dfp.cer"

[[server]]
name = "s4.example.com"
  [[server.store]]
  id = "keystore"
  path = "s4/keystore.p12"
  password_env = "S4_STOREPASS"
  trust = ["*:iis"]
  [[server.publish]]
  suffix = "VOS"
  store = "keystore"
  alias = "vos"

[[server]]
name = "s5.example.com"
  [[server.store]]
  id = "keystore"
  path = "s5/keystore.jks"
  password = "exchange-pw"
  [[server.store]]
  id = "cacerts"
  path = "s5/cacerts"
  password = "exchange-pw"
  trust = ["*", "s5.example.com:IIS"]
  [[server.publish]]
  suffix = "IIS"
  store = "keystore"
  alias = "iis"
"#;

/// The stores and certificate file the five-server plan names.
fn five_servers(dir: &Dir) {
    for s in ["s1", "s2", "s3", "s4", "s5"] {
        fs::create_dir_all(dir.join(s)).unwrap();
    }
    genkey(dir, "s1/keystore.jks", "JKS", "iis", "s1.example.com");
    genkey(dir, "s1/keystore.jks", "JKS", "dfp", "s1.example.com");
    genkey(dir, "s2/keystore.jceks", "JCEKS", "wsm", "s2.example.com");
    genkey(dir, "s3/keystore.p12", "PKCS12", "iis", "s3.example.com");
    genkey(dir, "s3/keystore.p12", "PKCS12", "dfp", "s3.example.com");
    dir.rkeytool()
        .args([
            "-exportcert",
            "-alias",
            "dfp",
            "-file",
            "s3/dfp.cer",
            "-keystore",
            "s3/keystore.p12",
            "-storepass",
            PW,
        ])
        .run_ok();
    genkey(dir, "s4/keystore.p12", "PKCS12", "vos", "s4.example.com");
    genkey(dir, "s5/keystore.jks", "JKS", "iis", "s5.example.com");
    corp_truststore(dir, "s2/truststore.p12", "PKCS12");
    corp_truststore(dir, "s5/cacerts", "JKS");
    dir.write("plan.toml", FIVE.as_bytes());
}

fn exchange(dir: &Dir, extra: &[&str]) -> crate::util::Output {
    dir.rkeytool()
        .args(["-exchange", "-plan", "plan.toml"])
        .args(extra)
        .env("S4_STOREPASS", PW)
        .output()
}

fn json_bool(j: &Json, key: &str) -> bool {
    match j.get(key) {
        Some(Json::Bool(b)) => *b,
        other => panic!("JSON: {key} is {other:?}"),
    }
}

/// The planned aliases of each truststore (besides what it held before).
fn planned() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "s1/truststore.jks",
            "JKS",
            vec![
                "s2.example.com_wsm",
                "s3.example.com_iis",
                "s3.example.com_dfp",
                "s4.example.com_vos",
                "s5.example.com_iis",
            ],
        ),
        (
            "s2/truststore.p12",
            "PKCS12",
            vec![
                "corp-root",
                "s1.example.com_iis",
                "s1.example.com_dfp",
                "s3.example.com_iis",
                "s3.example.com_dfp",
                "s4.example.com_vos",
                "s5.example.com_iis",
            ],
        ),
        (
            "s3/truststore.jceks",
            "JCEKS",
            vec![
                "s1.example.com_iis",
                "s1.example.com_dfp",
                "s5.example.com_iis",
            ],
        ),
        (
            "s4/keystore.p12",
            "PKCS12",
            vec![
                "vos",
                "s1.example.com_iis",
                "s3.example.com_iis",
                "s5.example.com_iis",
            ],
        ),
        (
            "s5/cacerts",
            "JKS",
            vec![
                "corp-root",
                "s1.example.com_iis",
                "s1.example.com_dfp",
                "s2.example.com_wsm",
                "s3.example.com_iis",
                "s3.example.com_dfp",
                "s4.example.com_vos",
                "s5.example.com_iis",
            ],
        ),
    ]
}

#[test]
fn five_servers_dry_run_apply_keytool_and_rerun() {
    let dir = Dir::new("exchange-five");
    five_servers(&dir);
    let start = snapshot(&dir);

    // Dry run: the matrix, and no byte changes.
    let dry = exchange(&dir, &["-dryrun"]);
    dry.assert_exit(0);
    let text = dry.stdout_str();
    assert!(
        text.contains(
            "Plan plan.toml: 5 servers, 7 publications, 5 truststores, 24 imports (dry run: nothing is written)"
        ),
        "{dry}"
    );
    assert!(
        text.contains("Would change 5 of 5 truststores: 24 to add, 0 to replace, 0 unchanged."),
        "{dry}"
    );
    assert!(
        text.contains("s3.example.com truststore (s3/truststore.jceks, JCEKS): to be created"),
        "{dry}"
    );
    assert!(text.contains("  add        s1.example.com_dfp  "), "{dry}");
    assert_same_files(&start, &snapshot(&dir));
    let dry_json = Json::parse(&exchange(&dir, &["-dryrun", "-json"]).stdout_str()).unwrap();
    assert!(json_bool(&dry_json, "dry_run") && json_bool(&dry_json, "changed"));
    assert_same_files(&start, &snapshot(&dir));

    // Apply with backups, JSON report.
    let applied = exchange(&dir, &["-backup", "-json"]);
    applied.assert_exit(0);
    let report = Json::parse(&applied.stdout_str()).unwrap();
    assert!(!json_bool(&report, "dry_run") && json_bool(&report, "changed"));
    let sha: BTreeMap<String, String> = report
        .get("publications")
        .and_then(Json::as_array)
        .unwrap()
        .iter()
        .map(|p| {
            (
                p.str_field("alias").to_owned(),
                p.str_field("sha256").to_owned(),
            )
        })
        .collect();
    assert_eq!(sha.len(), 7);
    // The file source is the exported certificate itself.
    assert_eq!(
        sha["s3.example.com_dfp"].replace(':', ""),
        sha256_hex(&dir.read("s3/dfp.cer"))
    );
    let stores = report.get("truststores").and_then(Json::as_array).unwrap();
    assert_eq!(stores.len(), 5);
    for s in stores {
        assert!(json_bool(s, "written"), "{s:?}");
        let backup = s.get("backup").unwrap();
        if json_bool(s, "created") {
            assert!(backup.is_null());
        } else {
            let b = backup.as_str().unwrap();
            assert_eq!(b, format!("{}.bak", s.str_field("path")));
            assert_eq!(dir.read(b), start[Path::new(s.str_field("path"))]);
        }
    }
    // Key stores that only publish were not written.
    for ks in [
        "s1/keystore.jks",
        "s2/keystore.jceks",
        "s3/keystore.p12",
        "s5/keystore.jks",
    ] {
        assert_eq!(dir.read(ks), start[Path::new(ks)], "{ks} rewritten");
        assert!(!dir.exists(format!("{ks}.bak")));
    }

    // Every truststore holds exactly the planned aliases: keytool 17 (5 runs) when installed,
    // else the library.
    let keytool = tool("keytool17");
    for (path, storetype, aliases) in planned() {
        let listed: Vec<Listed> = match &keytool {
            Some(kt) => {
                let out = dir
                    .command(kt)
                    .args(["-list", "-v", "-keystore", path, "-storepass", PW])
                    .output();
                assert_eq!(out.code, Some(0), "{out}");
                assert!(
                    out.stdout_str()
                        .contains(&format!("Keystore type: {storetype}\n")),
                    "{out}"
                );
                parse_list_v(&out.stdout_str())
            }
            None => {
                let store =
                    keystore::fs::open(dir.join(path), Some(&keystore::Password::new(PW))).unwrap();
                assert_eq!(store.format().keytool_name(), storetype);
                store
                    .listing()
                    .into_iter()
                    .map(|(alias, e)| Listed {
                        alias: alias.into_owned(),
                        kind: e.kind().keytool_name().to_owned(),
                        certificates: e
                            .certificates()
                            .iter()
                            .map(|c| sha256_hex(c.as_bytes()))
                            .map(|h| {
                                h.as_bytes()
                                    .chunks(2)
                                    .map(|p| String::from_utf8_lossy(p).into_owned())
                                    .collect::<Vec<_>>()
                                    .join(":")
                            })
                            .collect(),
                    })
                    .collect()
            }
        };
        let mut got: Vec<&str> = listed.iter().map(|l| l.alias.as_str()).collect();
        got.sort_unstable();
        let mut want = aliases.clone();
        want.sort_unstable();
        assert_eq!(got, want, "{path}");
        for l in &listed {
            if let Some(fp) = sha.get(&l.alias) {
                assert_eq!(l.kind, "trustedCertEntry", "{path} {}", l.alias);
                assert_eq!(l.certificates, vec![fp.clone()], "{path} {}", l.alias);
            }
        }
        // s4's own key entry is the certificate it publishes.
        if let Some(vos) = listed.iter().find(|l| l.alias == "vos") {
            assert_eq!(vos.kind, "PrivateKeyEntry");
            assert_eq!(vos.certificates.first(), sha.get("s4.example.com_vos"));
        }
    }

    // Second run: nothing to change, no byte written.
    let after = snapshot(&dir);
    let again = exchange(&dir, &[]);
    again.assert_exit(0);
    assert!(
        again.stdout_str().contains(
            "Nothing changed: all 5 truststores already hold their 24 planned certificates."
        ),
        "{again}"
    );
    assert!(!again.stdout_str().contains("added"), "{again}");
    let again_json = Json::parse(&exchange(&dir, &["-json", "-backup"]).stdout_str()).unwrap();
    assert!(!json_bool(&again_json, "changed"));
    assert_same_files(&after, &snapshot(&dir));
}

/// Two servers: a (JKS key store, PKCS12 truststore) and b (PKCS12 key store that is also
/// its truststore).
const TWO: &str = r#"
[[server]]
name = "a.example.com"
  [[server.store]]
  id = "keystore"
  path = "a.jks"
  password = "exchange-pw"
  [[server.store]]
  id = "truststore"
  path = "a-trust.p12"
  password = "exchange-pw"
  create = true
  trust = ["*"]
  [[server.publish]]
  suffix = "IIS"
  store = "keystore"
  alias = "iis"
[[server]]
name = "b.example.com"
  [[server.store]]
  id = "keystore"
  path = "b.p12"
  password = "exchange-pw"
  trust = ["*"]
  [[server.publish]]
  suffix = "WSM"
  store = "keystore"
  alias = "wsm"
"#;

fn two_servers(dir: &Dir) {
    genkey(dir, "a.jks", "JKS", "iis", "a.example.com");
    genkey(dir, "b.p12", "PKCS12", "wsm", "b.example.com");
    dir.write("plan.toml", TWO.as_bytes());
}

#[test]
fn regenerated_key_is_replaced() {
    let dir = Dir::new("exchange-replace");
    two_servers(&dir);
    exchange(&dir, &[]).assert_exit(0);
    let trust_a = dir.read("a-trust.p12");
    // a regenerates its IIS key.
    dir.rkeytool()
        .args([
            "-delete",
            "-alias",
            "iis",
            "-keystore",
            "a.jks",
            "-storepass",
            PW,
        ])
        .run_ok();
    genkey(&dir, "a.jks", "JKS", "iis", "a.example.com");
    let before = snapshot(&dir);
    let dry = exchange(&dir, &["-dryrun", "-v"]);
    dry.assert_exit(0);
    assert!(
        dry.stdout_str()
            .contains("  replace    a.example.com_iis  "),
        "{dry}"
    );
    assert!(
        dry.stdout_str()
            .contains("Would change 1 of 2 truststores: 0 to add, 1 to replace, 1 unchanged."),
        "{dry}"
    );
    assert_same_files(&before, &snapshot(&dir));
    let out = exchange(&dir, &["-v"]);
    out.assert_exit(0);
    let text = out.stdout_str();
    assert!(
        text.contains("b.example.com keystore (b.p12, PKCS12): saved\n"),
        "{out}"
    );
    assert!(text.contains("  replaced   a.example.com_iis  "), "{out}");
    assert!(text.contains(" (was "), "{out}");
    assert!(
        text.contains("a.example.com truststore (a-trust.p12, PKCS12): unchanged"),
        "{out}"
    );
    assert!(
        text.contains("Changed 1 of 2 truststores: 0 added, 1 replaced, 1 unchanged."),
        "{out}"
    );
    // a's truststore (b's certificate did not change) is untouched.
    assert_eq!(dir.read("a-trust.p12"), trust_a);
    // b now trusts a's new certificate, and keeps its key entry.
    let pw = keystore::Password::new(PW);
    let a = keystore::fs::open(dir.join("a.jks"), Some(&pw)).unwrap();
    let b = keystore::fs::open(dir.join("b.p12"), Some(&pw)).unwrap();
    assert_eq!(
        b.get("a.example.com_iis").and_then(|e| e.certificate()),
        a.get("iis").and_then(|e| e.certificate())
    );
    assert_eq!(b.len(), 2);
    assert!(
        b.get("wsm")
            .is_some_and(|e| e.kind() == keystore::EntryKind::PrivateKey)
    );
}

#[test]
fn bad_plans_fail_with_one_line_and_change_nothing() {
    let dir = Dir::new("exchange-bad");
    two_servers(&dir);
    dir.write("junk.cer", b"this is not a certificate\n");
    // A store holding a key entry under the alias a publication would take.
    genkey(
        &dir,
        "c.p12",
        "PKCS12",
        "a.example.com_IIS",
        "c.example.com",
    );
    let before = snapshot(&dir);
    let variant = |from: &str, to: &str| {
        assert!(TWO.contains(from), "{from}");
        TWO.replacen(from, to, 1)
    };
    let cases: Vec<(String, &str)> = vec![
        (
            variant("  create = true\n", "  create = true\n  colour = \"red\"\n"),
            "plan.toml:13:3: unknown field `colour`, expected one of ",
        ),
        (
            "[[server]]\nname = \"a\"\npassword = 1\n".to_owned(),
            "plan.toml:3:1: unknown field `password`",
        ),
        (
            variant("path = \"a.jks\"", "path = \"missing.jks\""),
            "server a.example.com, store keystore (missing.jks): keystore file does not exist",
        ),
        (
            variant(
                "path = \"b.p12\"\n  password = \"exchange-pw\"",
                "path = \"b.p12\"\n  password = \"wrong-password\"",
            ),
            "server b.example.com, store keystore (b.p12): wrong password",
        ),
        (
            variant("alias = \"wsm\"", "alias = \"tomcat\""),
            "server b.example.com, publication WSM: alias <tomcat> does not exist in store keystore",
        ),
        (
            variant(
                "store = \"keystore\"\n  alias = \"iis\"",
                "file = \"junk.cer\"",
            ),
            "server a.example.com, publication IIS: certificate file junk.cer holds no certificate",
        ),
        (
            variant(
                "store = \"keystore\"\n  alias = \"iis\"",
                "file = \"nowhere.cer\"",
            ),
            "server a.example.com, publication IIS: certificate file nowhere.cer does not exist",
        ),
        (
            variant("name = \"b.example.com\"", "name = \"A.example.com\""),
            "server A.example.com: server listed twice",
        ),
        (
            format!(
                "{TWO}[[server]]\nname = \"c.example.com\"\n  [[server.store]]\n  id = \"ks\"\n  \
                 path = \"c.p12\"\n  password = \"exchange-pw\"\n  trust = [\"a.example.com\"]\n"
            ),
            "server c.example.com, store ks (c.p12): alias a.example.com_iis holds a PrivateKeyEntry in this store; it is not overwritten",
        ),
    ];
    for (plan, want) in cases {
        dir.write("plan.toml", plan.as_bytes());
        let out = exchange(&dir, &[]);
        let line = out.assert_one_error_line();
        assert!(
            line.starts_with("keytool error: java.lang.Exception: ") && line.contains(want),
            "wanted {want:?}\n{out}"
        );
        let mut now = snapshot(&dir);
        now.remove(Path::new("plan.toml"));
        let mut was = before.clone();
        was.remove(Path::new("plan.toml"));
        assert_same_files(&was, &now);
    }
    // No -plan, and a plan file that does not exist.
    let out = dir.rkeytool().args(["-exchange"]).output();
    assert!(
        out.assert_one_error_line()
            .contains("-exchange needs -plan <file>")
    );
    let out = dir
        .rkeytool()
        .args(["-exchange", "-plan", "absent.toml"])
        .output();
    assert!(
        out.assert_one_error_line()
            .contains("absent.toml: plan file does not exist"),
        "{out}"
    );
    let mut now = snapshot(&dir);
    now.remove(Path::new("plan.toml"));
    let mut was = before;
    was.remove(Path::new("plan.toml"));
    assert_same_files(&was, &now);
}

/// A `tls` source against `openssl s_server` on the loopback: the presented leaf is imported.
#[test]
fn tls_source_with_openssl_s_server() {
    let Some(openssl) = tool("openssl") else {
        return;
    };
    let dir = Dir::new("exchange-tls");
    dir.command(&openssl)
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-subj",
            "/CN=localhost",
            "-days",
            "2",
        ])
        .run_ok();
    // A free port (released just before s_server takes it).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = std::process::Command::new(&openssl)
        .current_dir(dir.join(""))
        .args(["s_server", "-quiet", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-cert", "cert.pem", "-key", "key.pem"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let ready = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    dir.write(
        "plan.toml",
        format!(
            "[[server]]\nname = \"localhost\"\n  [[server.publish]]\n  suffix = \"VOS\"\n  \
             tls = \"127.0.0.1:{port}\"\n  server_name = \"localhost\"\n\
             [[server]]\nname = \"b.example.com\"\n  [[server.store]]\n  id = \"ts\"\n  \
             path = \"b.jks\"\n  storetype = \"JKS\"\n  password = \"exchange-pw\"\n  \
             create = true\n  trust = [\"*\"]\n"
        )
        .as_bytes(),
    );
    let out = ready.then(|| exchange(&dir, &[]));
    let _ = server.kill();
    let _ = server.wait();
    assert!(ready, "openssl s_server did not start on port {port}");
    let out = out.unwrap();
    out.assert_exit(0);
    assert!(
        out.stdout_str().contains("  added      localhost_vos  "),
        "{out}"
    );
    let store = keystore::fs::open(dir.join("b.jks"), Some(&keystore::Password::new(PW))).unwrap();
    let presented = keystore::certs::parse_certificates(&dir.read("cert.pem"))
        .unwrap()
        .remove(0);
    assert_eq!(
        store.get("localhost_vos").and_then(|e| e.certificate()),
        Some(&presented)
    );
}
