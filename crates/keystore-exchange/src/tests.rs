//! Plan parsing, matrix computation, and a prepare/apply cycle on scratch files.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use keystore::{KeyStore, Password, StoreFormat, certs::parse_certificates};

use crate::{Action, Error, Exchange, Options, Plan, Selector, Source};

const ROOT_PEM: &[u8] = include_bytes!("../../keystore/tests/data/root-ca.pem");
const EC_PEM: &[u8] = include_bytes!("../../keystore-cli/tests/data/stores/certs/ec.pem");

fn parse(text: &str) -> Result<Plan, Error> {
    Plan::parse(text, "plan.toml", Path::new("/plans"))
}

fn plan_err(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("plan accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// Three servers: a publishes IIS and DFP, b publishes WSM, c publishes nothing.
const THREE: &str = r#"
[[server]]
name = "a.example.com"
  [[server.store]]
  id = "keystore"
  path = "a/ks.p12"
  password = "changeit"
  [[server.store]]
  id = "truststore"
  path = "a/ts.jks"
  password_env = "A_TS"
  trust = ["*"]
  [[server.publish]]
  suffix = "IIS"
  store = "keystore"
  alias = "iis"
  [[server.publish]]
  suffix = "DFP"
  file = "a/dfp.cer"

[[server]]
name = "b.example.com"
  [[server.store]]
  id = "ts"
  path = "/abs/b.jceks"
  storetype = "jceks"
  password = "changeit"
  trust = ["a.example.com:IIS", "b.example.com"]
  [[server.publish]]
  suffix = "WSM"
  tls = "b.example.com:8443"
  server_name = "b.example.com"

[[server]]
name = "c.example.com"
  [[server.store]]
  id = "cacerts"
  path = "c/cacerts"
  password = "changeit"
  trust = ["*:IIS", "*:wsm"]
"#;

#[test]
fn parses_a_plan() {
    let plan = parse(THREE).unwrap();
    assert_eq!(plan.servers.len(), 3);
    assert_eq!(plan.tls_timeout, Duration::from_secs(10));
    let a = &plan.servers[0];
    assert_eq!(a.stores[0].resolved, PathBuf::from("/plans/a/ks.p12"));
    assert_eq!(a.stores[1].trust, vec![Selector::Others { suffix: None }]);
    assert_eq!(a.publications[0].alias, "a.example.com_IIS");
    assert_eq!(
        a.publications[1].source,
        Source::File {
            path: "a/dfp.cer".into(),
            resolved: PathBuf::from("/plans/a/dfp.cer")
        }
    );
    let b = &plan.servers[1];
    assert_eq!(b.stores[0].resolved, PathBuf::from("/abs/b.jceks"));
    assert_eq!(b.stores[0].storetype, Some(StoreFormat::Jceks));
    assert_eq!(
        b.publications[0].source,
        Source::Tls {
            target: "b.example.com:8443".into(),
            server_name: Some("b.example.com".into())
        }
    );
    assert_eq!(plan.store_count(), 4);
    assert_eq!(plan.publication_count(), 3);
}

/// The matrix as `(truststore server, store id, alias)`.
fn cells(plan: &Plan) -> Vec<(String, String, String)> {
    plan.imports
        .iter()
        .map(|i| {
            let (s, t) = plan.truststore(i).unwrap();
            (
                s.name.clone(),
                t.id.clone(),
                plan.publication(i).unwrap().alias.clone(),
            )
        })
        .collect()
}

#[test]
fn computes_the_matrix() {
    let plan = parse(THREE).unwrap();
    let c = |a: &str, b: &str, d: &str| (a.to_owned(), b.to_owned(), d.to_owned());
    assert_eq!(
        cells(&plan),
        vec![
            // `*`: everything of the others, never its own.
            c("a.example.com", "truststore", "b.example.com_WSM"),
            // One publication, plus its own server named explicitly.
            c("b.example.com", "ts", "a.example.com_IIS"),
            c("b.example.com", "ts", "b.example.com_WSM"),
            // Suffix selectors, case-insensitive; duplicates collapse.
            c("c.example.com", "cacerts", "a.example.com_IIS"),
            c("c.example.com", "cacerts", "b.example.com_WSM"),
        ]
    );
}

#[test]
fn star_excludes_own_and_duplicates_collapse() {
    let plan = parse(
        r#"
[[server]]
name = "x"
  [[server.store]]
  id = "t"
  path = "x.jks"
  password = "changeit"
  trust = ["*", "y", "y:P", "*:P"]
  [[server.publish]]
  suffix = "P"
  file = "x.cer"
[[server]]
name = "y"
  [[server.publish]]
  suffix = "P"
  file = "y.cer"
  [[server.publish]]
  suffix = "Q"
  file = "y2.cer"
"#,
    )
    .unwrap();
    let aliases: Vec<String> = cells(&plan).into_iter().map(|c| c.2).collect();
    assert_eq!(aliases, ["y_P", "y_Q"]);
}

#[test]
fn unknown_keys_are_rejected_with_line_and_column() {
    let e = plan_err(
        "[[server]]\nname = \"a\"\n  [[server.store]]\n  id = \"t\"\n  path = \"t.jks\"\n  passwd = \"x\"\n",
    );
    assert!(
        e.starts_with("plan.toml:6:3: unknown field `passwd`"),
        "{e}"
    );
    let e = plan_err("[setting]\n");
    assert!(
        e.starts_with("plan.toml:1:2: unknown field `setting`"),
        "{e}"
    );
    let e = plan_err("[[server]]\nname = 3\n");
    assert!(e.starts_with("plan.toml:2:8: "), "{e}");
    assert!(!e.contains('\n'), "{e}");
    let e = plan_err("[[server]\n");
    assert!(e.starts_with("plan.toml:1:"), "{e}");
}

#[test]
fn invalid_plans_name_the_item() {
    let base = "[[server]]\nname = \"a.example.com\"\n";
    let cases: &[(&str, &str)] = &[
        ("", "plan.toml: the plan lists no [[server]]"),
        (
            "[[server]]\nname = \"a b\"\n",
            "server #1: name \"a b\" is not a host name",
        ),
        (
            "[[server]]\nname = \"A.example.com\"\n[[server]]\nname = \"a.example.com\"\n",
            "server a.example.com: server listed twice",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\n",
            "server a.example.com, store t: needs password or password_env",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\npassword_env = \"P\"\n",
            "give either password or password_env, not both",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\nstoretype = \"BKS\"\n",
            "storetype \"BKS\" is not JKS, JCEKS or PKCS12",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\ntrust = [\"nobody\"]\n",
            "server a.example.com, store t: trust names server nobody, which is not in the plan",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\ntrust = [\"*:IIS\"]\n",
            "trust selector \"*:IIS\" matches no publication of another server",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\ntrust = [\"a:b:c\"]\n",
            "trust selector \"a:b:c\" is not",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\n[[server.store]]\nid = \"T\"\npath = \"u.jks\"\npassword = \"p\"\n",
            "server a.example.com, store T: store id used twice",
        ),
        (
            "[[server.store]]\nid = \"t\"\npath = \"t.jks\"\npassword = \"p\"\n[[server.store]]\nid = \"u\"\npath = \"t.jks\"\npassword = \"p\"\n",
            "another store of the plan has the same path",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\n",
            "server a.example.com, publication IIS: needs a source",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\nfile = \"a.cer\"\ntls = \"a:1\"\n",
            "give one source only",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\nstore = \"ks\"\nalias = \"x\"\n",
            "store \"ks\" is not a store of this server",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\nstore = \"ks\"\n",
            "store needs alias",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\ntls = \"host\"\n",
            "tls = \"host\" is not \"host:port\"",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\nfile = \"a.cer\"\nserver_name = \"h\"\n",
            "server_name applies to tls sources only",
        ),
        (
            "[[server.publish]]\nsuffix = \"IIS\"\nfile = \"a.cer\"\n[[server.publish]]\nsuffix = \"iis\"\nfile = \"b.cer\"\n",
            "server a.example.com, publication iis: suffix used twice",
        ),
        (
            "[[server.publish]]\nsuffix = \"I I S\"\nfile = \"a.cer\"\n",
            "suffix must be letters",
        ),
    ];
    for (tail, want) in cases {
        let text = if tail.starts_with("[[server]]") || tail.is_empty() {
            (*tail).to_owned()
        } else {
            format!("{base}{tail}")
        };
        let e = plan_err(&text);
        assert!(e.contains(want), "for\n{text}\nwanted {want:?}, got {e:?}");
        assert!(!e.contains('\n'), "{e}");
    }
    let e = plan_err("[settings]\ntls_timeout_secs = 0\n[[server]]\nname = \"a\"\n");
    assert!(e.contains("tls_timeout_secs = 0 is outside"), "{e}");
}

#[test]
fn caps_are_enforced() {
    let mut text = String::new();
    for n in 0..=crate::MAX_SERVERS {
        text.push_str(&format!("[[server]]\nname = \"s{n}\"\n"));
    }
    assert!(plan_err(&text).contains("at most 256 are allowed"));
    let mut text = String::from("[[server]]\nname = \"a\"\n");
    for n in 0..=crate::MAX_PUBLICATIONS_PER_SERVER {
        text.push_str(&format!(
            "[[server.publish]]\nsuffix = \"P{n}\"\nfile = \"f\"\n"
        ));
    }
    assert!(plan_err(&text).contains("more than 32 publications"));
    let big = "#".repeat(crate::MAX_PLAN_BYTES + 1);
    assert!(plan_err(&big).contains("exceeds the limit"));
}

#[test]
fn passwords_do_not_show_in_debug() {
    let plan = parse(THREE).unwrap();
    assert!(!format!("{plan:?}").contains("changeit"));
}

// ------------------------------------------------------------------------------------------ runs

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("keystore-exchange-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file source and a TLS source (a stub fetcher) imported into a new PKCS12 and an
/// existing JKS truststore; then idempotence, replacement and a key-entry conflict.
#[test]
fn prepare_apply_and_rerun() {
    let dir = Scratch::new("run");
    let root = parse_certificates(ROOT_PEM).unwrap().remove(0);
    std::fs::write(dir.0.join("a.pem"), ROOT_PEM).unwrap();
    let pw = Password::new("changeit");
    let jks = KeyStore::new(StoreFormat::Jks).to_bytes(&pw).unwrap();
    std::fs::write(dir.0.join("b.jks"), &jks).unwrap();
    let text = r#"
[[server]]
name = "a.example.com"
  [[server.store]]
  id = "ts"
  path = "a.p12"
  password = "changeit"
  create = true
  trust = ["*"]
  [[server.publish]]
  suffix = "IIS"
  file = "a.pem"
[[server]]
name = "b.example.com"
  [[server.store]]
  id = "ts"
  path = "b.jks"
  storetype = "JKS"
  password = "changeit"
  trust = ["*", "b.example.com"]
  [[server.publish]]
  suffix = "WSM"
  tls = "b.example.com:8443"
"#;
    let plan = Plan::parse(text, "plan.toml", &dir.0).unwrap();
    let fetched = std::cell::RefCell::new(Vec::new());
    let der = root.as_bytes().to_vec();
    let fetch = |t: &str, sni: Option<&str>, _: Duration| {
        fetched
            .borrow_mut()
            .push((t.to_owned(), sni.map(str::to_owned)));
        Ok(vec![der.clone()])
    };
    let options = Options {
        lock: true,
        tls: Some(&fetch),
    };
    let ex = Exchange::prepare(&plan, &options).unwrap();
    assert!(ex.has_changes());
    let dry = ex.report();
    assert!(dry.dry_run && dry.changed);
    assert_eq!(dry.totals.added, 3);
    assert!(!dir.0.join("a.p12").exists(), "prepare wrote nothing");
    assert_eq!(std::fs::read(dir.0.join("b.jks")).unwrap(), jks);
    let applied = ex.apply(true).unwrap();
    assert!(!applied.dry_run && applied.changed);
    assert_eq!(applied.totals.stores_changed, 2);
    assert!(applied.truststores[0].created);
    assert_eq!(applied.truststores[1].backup.as_deref(), Some("b.jks.bak"));
    assert_eq!(std::fs::read(dir.0.join("b.jks.bak")).unwrap(), jks);
    assert_eq!(
        fetched.borrow()[0],
        ("b.example.com:8443".to_owned(), None::<String>)
    );
    let b = keystore::fs::open(dir.0.join("b.jks"), Some(&pw)).unwrap();
    assert!(b.contains("a.example.com_IIS") && b.contains("b.example.com_wsm"));
    let a = keystore::fs::open(dir.0.join("a.p12"), Some(&pw)).unwrap();
    assert_eq!(a.format(), StoreFormat::Pkcs12);
    assert_eq!(a.len(), 1);

    // Second run: nothing to do, nothing written.
    let before = (
        std::fs::read(dir.0.join("a.p12")).unwrap(),
        std::fs::read(dir.0.join("b.jks")).unwrap(),
    );
    let again = Exchange::prepare(&plan, &options).unwrap();
    assert!(!again.has_changes());
    let report = again.apply(false).unwrap();
    assert!(!report.changed);
    assert_eq!(report.totals.unchanged, 3);
    assert!(report.to_text(false).contains("Nothing changed"));
    assert_eq!(std::fs::read(dir.0.join("a.p12")).unwrap(), before.0);
    assert_eq!(std::fs::read(dir.0.join("b.jks")).unwrap(), before.1);

    let json = report.to_json();
    assert!(json.contains("\"dry_run\": false"), "{json}");
    assert!(json.contains("\"action\": \"unchanged\""), "{json}");
}

#[test]
fn replaced_certificate_is_reported() {
    let dir = Scratch::new("replace");
    let root = parse_certificates(ROOT_PEM).unwrap().remove(0);
    std::fs::write(dir.0.join("a.pem"), ROOT_PEM).unwrap();
    let pw = Password::new("changeit");
    // b's truststore holds a's alias (in other case) with another certificate.
    let mut b = KeyStore::new(StoreFormat::Jceks);
    let other = parse_certificates(EC_PEM).unwrap().remove(0);
    b.set_trusted_cert("A.EXAMPLE.COM_IIS", other, keystore::now())
        .unwrap();
    std::fs::write(dir.0.join("b.jceks"), b.to_bytes(&pw).unwrap()).unwrap();
    let text = r#"
[[server]]
name = "a.example.com"
  [[server.publish]]
  suffix = "IIS"
  file = "a.pem"
[[server]]
name = "b.example.com"
  [[server.store]]
  id = "ts"
  path = "b.jceks"
  password = "changeit"
  trust = ["*"]
"#;
    let plan = Plan::parse(text, "plan.toml", &dir.0).unwrap();
    let report = Exchange::prepare(&plan, &Options::default())
        .unwrap()
        .apply(false)
        .unwrap();
    assert_eq!(report.totals.replaced, 1);
    let row = &report.truststores[0].imports[0];
    assert_eq!(row.action, Action::Replace);
    assert!(row.previous_sha256.is_some());
    assert!(
        report
            .to_text(false)
            .contains("  replaced   a.example.com_iis")
    );
    let b = keystore::fs::open(dir.0.join("b.jceks"), Some(&pw)).unwrap();
    assert_eq!(
        b.get("a.example.com_iis").and_then(|e| e.certificate()),
        Some(&root)
    );
    assert_eq!(b.len(), 1);
}

#[test]
fn errors_change_nothing() {
    let dir = Scratch::new("errors");
    std::fs::write(dir.0.join("a.pem"), ROOT_PEM).unwrap();
    std::fs::write(dir.0.join("junk.pem"), b"not a certificate").unwrap();
    let pw = Password::new("changeit");
    let jks = KeyStore::new(StoreFormat::Jks).to_bytes(&pw).unwrap();
    std::fs::write(dir.0.join("b.jks"), &jks).unwrap();
    let plan_with = |store: &str, publish: &str| {
        format!(
            "[[server]]\nname = \"a\"\n  [[server.publish]]\n  suffix = \"P\"\n  {publish}\n\
             [[server]]\nname = \"b\"\n  [[server.store]]\n  id = \"ts\"\n  {store}\n  trust = [\"*\"]\n"
        )
    };
    let ok_store = "path = \"b.jks\"\n  password = \"changeit\"";
    let cases = [
        (
            plan_with(ok_store, "file = \"missing.pem\""),
            "server a, publication P: certificate file missing.pem does not exist",
        ),
        (
            plan_with(ok_store, "file = \"junk.pem\""),
            "server a, publication P: certificate file junk.pem holds no certificate",
        ),
        (
            plan_with(
                "path = \"b.jks\"\n  password = \"wrong-pw\"",
                "file = \"a.pem\"",
            ),
            "server b, store ts (b.jks): wrong password",
        ),
        (
            plan_with(
                "path = \"nope.jks\"\n  password = \"changeit\"",
                "file = \"a.pem\"",
            ),
            "server b, store ts (nope.jks): keystore file does not exist",
        ),
        (
            plan_with(
                "path = \"b.jks\"\n  storetype = \"PKCS12\"\n  password = \"changeit\"",
                "file = \"a.pem\"",
            ),
            "the file is a JKS keystore, the plan says storetype = \"PKCS12\"",
        ),
        (
            plan_with(
                "path = \"b.jks\"\n  password_env = \"KEYSTORE_EXCHANGE_UNSET_VAR\"",
                "file = \"a.pem\"",
            ),
            "environment variable KEYSTORE_EXCHANGE_UNSET_VAR (password_env) is not set",
        ),
        (
            // Port 1 on the loopback: refused.
            plan_with(ok_store, "tls = \"127.0.0.1:1\""),
            "server a, publication P: TLS 127.0.0.1:1: ",
        ),
    ];
    for (text, want) in cases {
        let plan = Plan::parse(&text, "plan.toml", &dir.0).unwrap();
        let e = Exchange::prepare(
            &plan,
            &Options {
                lock: true,
                tls: None,
            },
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(e.contains(want), "wanted {want:?}, got {e:?}");
        assert_eq!(std::fs::read(dir.0.join("b.jks")).unwrap(), jks);
    }
}

/// The `tls` source against a live `keystore-tls` server on the loopback, serving the EC key
/// of a test vector.
#[test]
fn tls_source_from_a_live_server() {
    let vector: &[u8] = include_bytes!("../../keystore-cli/tests/data/stores/jks/ec.jks");
    let pw = Password::new("cli-store-pw");
    let ks = KeyStore::from_bytes(vector, Some(&pw)).unwrap();
    let chain: Vec<Vec<u8>> = ks
        .certificate_chain("ec-p256")
        .unwrap()
        .iter()
        .map(|c| c.as_bytes().to_vec())
        .collect();
    let leaf = chain[0].clone();
    let key = zeroize::Zeroizing::new(ks.private_key("ec-p256", &pw).unwrap().as_bytes().to_vec());
    let server =
        match keystore_tls::Server::bind(keystore_tls::Identity::new(chain, key), "127.0.0.1:0") {
            Ok(s) => s,
            Err(keystore_tls::Error::UnsupportedCpu(why)) => {
                eprintln!("skipping: TLS unavailable on this CPU ({why})");
                return;
            }
            Err(e) => panic!("{e}"),
        };
    let handle = server.spawn();
    let dir = Scratch::new("tls");
    let text = format!(
        "[settings]\ntls_timeout_secs = 5\n\
         [[server]]\nname = \"a.example.com\"\n  [[server.publish]]\n  suffix = \"VOS\"\n  \
         tls = \"127.0.0.1:{}\"\n  server_name = \"a.example.com\"\n\
         [[server]]\nname = \"b.example.com\"\n  [[server.store]]\n  id = \"ts\"\n  \
         path = \"b.p12\"\n  password = \"changeit\"\n  create = true\n  trust = [\"*\"]\n",
        handle.local_addr().port()
    );
    let plan = Plan::parse(&text, "plan.toml", &dir.0).unwrap();
    assert_eq!(plan.tls_timeout, Duration::from_secs(5));
    let report = Exchange::prepare(&plan, &Options::default())
        .unwrap()
        .apply(false)
        .unwrap();
    assert_eq!(report.totals.added, 1);
    assert!(report.publications[0].source.starts_with("tls 127.0.0.1:"));
    let b = keystore::fs::open(dir.0.join("b.p12"), Some(&Password::new("changeit"))).unwrap();
    assert_eq!(
        b.get("a.example.com_vos")
            .and_then(|e| e.certificate())
            .map(|c| c.as_bytes().to_vec()),
        Some(leaf)
    );
    handle.shutdown().unwrap();
}

/// The example plan of the repository stays valid.
#[test]
fn example_plan_parses() {
    let text = include_str!("../../../examples/exchange/plan.toml");
    let plan = Plan::parse(text, "plan.toml", Path::new("examples/exchange")).unwrap();
    assert_eq!(plan.servers.len(), 3);
    assert_eq!(plan.publication_count(), 4);
    let cells = cells(&plan);
    assert!(cells.contains(&(
        "vos.example.com".into(),
        "truststore".into(),
        "vos.example.com_VOS".into()
    )));
    assert_eq!(
        cells
            .iter()
            .filter(|c| c.0 == "app2.example.com" && c.1 == "keystore")
            .count(),
        1
    );
}
