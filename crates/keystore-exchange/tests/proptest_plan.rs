//! Property tests of plan parsing (`Plan::parse`, no file access): generated valid plans come
//! back with their names, suffixes, aliases, sources and selectors, and with the import matrix a
//! simple model computes; random mutations of them never panic, and every error names a line
//! (TOML syntax) or a plan item (content).

#![allow(clippy::unwrap_used, reason = "tests")]

use std::{collections::BTreeSet, fmt::Write as _, path::Path};

use keystore_exchange::{Error, Import, PasswordSource, Plan, Selector, Source};
use proptest::{collection::vec, prelude::*};

const BASE: &str = "/plans";

/// How a publication's certificate is obtained.
#[derive(Debug, Clone)]
enum GenSource {
    File(String),
    Tls(String, Option<String>),
    /// Index into the server's stores (modulo their count), and the alias.
    Store(usize, String),
}

#[derive(Debug, Clone)]
struct GenStore {
    id: String,
    password: Result<String, String>, // Ok(inline) or Err(env var)
    storetype: Option<&'static str>,
    create: bool,
    /// Selector intents: (kind, server index, publication index, change case).
    trust: Vec<(u8, usize, usize, bool)>,
}

#[derive(Debug, Clone)]
struct GenServer {
    name: String,
    stores: Vec<GenStore>,
    publications: Vec<(String, GenSource)>,
}

fn label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,6}[a-z0-9]"
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9_.-]{0,5}"
}

fn gen_store() -> impl Strategy<Value = GenStore> {
    (
        word(),
        prop_oneof![
            any::<String>().prop_map(Ok),
            "[A-Z][A-Z0-9_]{0,10}".prop_map(Err)
        ],
        prop::option::of(prop::sample::select(vec![
            "JKS", "jceks", "PKCS12", "pkcs12",
        ])),
        any::<bool>(),
        vec(
            (0_u8..4, any::<usize>(), any::<usize>(), any::<bool>()),
            0..4,
        ),
    )
        .prop_map(|(id, password, storetype, create, trust)| GenStore {
            id,
            password,
            storetype,
            create,
            trust,
        })
}

fn gen_source() -> impl Strategy<Value = GenSource> {
    prop_oneof![
        "[a-z0-9/._-]{1,20}".prop_map(GenSource::File),
        (
            label(),
            1_u16..,
            prop::option::of(label()),
            prop::bool::weighted(0.2)
        )
            .prop_map(|(host, port, sni, v6)| {
                let target = if v6 {
                    format!("[::1]:{port}")
                } else {
                    format!("{host}.example.net:{port}")
                };
                GenSource::Tls(target, sni)
            }),
        (any::<usize>(), "[a-z][a-z0-9 ._-]{0,12}")
            .prop_map(|(i, alias)| GenSource::Store(i, alias)),
    ]
}

fn gen_server() -> impl Strategy<Value = GenServer> {
    (
        label(),
        vec(gen_store(), 0..4),
        vec((word(), gen_source()), 0..4),
    )
        .prop_map(|(name, stores, publications)| GenServer {
            name,
            stores,
            publications,
        })
}

/// A plan whose names, ids and suffixes are unique (made so by appending the index) and whose
/// publications from stores refer to existing stores (others become file sources).
fn gen_plan() -> impl Strategy<Value = (Option<u64>, Vec<GenServer>)> {
    (prop::option::of(1_u64..=300), vec(gen_server(), 1..5)).prop_map(|(timeout, mut servers)| {
        for (i, s) in servers.iter_mut().enumerate() {
            s.name = format!("{}{i}.example.com", s.name);
            for (j, st) in s.stores.iter_mut().enumerate() {
                st.id = format!("{}{j}", st.id);
            }
            let store_count = s.stores.len();
            for (k, (suffix, source)) in s.publications.iter_mut().enumerate() {
                *suffix = format!("{suffix}{k}");
                if let GenSource::Store(_, alias) = source
                    && store_count == 0
                {
                    *source = GenSource::File(format!("{alias}.cer"));
                }
            }
        }
        (timeout, servers)
    })
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The selectors a store's intents stand for, each valid for the plan (an intent that would name
/// nothing falls back to `*`), as text and as the expected [`Selector`].
fn selectors(servers: &[GenServer], own: usize, store: &GenStore) -> Vec<(String, Selector)> {
    let flip = |s: &str, up: bool| {
        if up {
            s.to_ascii_uppercase()
        } else {
            s.to_owned()
        }
    };
    let everything = || ("*".to_owned(), Selector::Others { suffix: None });
    store
        .trust
        .iter()
        .map(|&(kind, si, pi, up)| {
            let server = &servers[si % servers.len()];
            let publication = (!server.publications.is_empty())
                .then(|| &server.publications[pi % server.publications.len()].0);
            match kind {
                0 => everything(),
                1 => {
                    // `*:SUFFIX` must match a publication of another server.
                    match publication {
                        Some(suffix) if si % servers.len() != own => {
                            let s = flip(suffix, up);
                            (format!("*:{s}"), Selector::Others { suffix: Some(s) })
                        }
                        _ => everything(),
                    }
                }
                2 if publication.is_some() => {
                    let name = flip(&server.name, up);
                    (name.clone(), Selector::Server { name, suffix: None })
                }
                3 if publication.is_some() => {
                    let name = flip(&server.name, up);
                    let s = flip(publication.unwrap(), !up);
                    (
                        format!("{name}:{s}"),
                        Selector::Server {
                            name,
                            suffix: Some(s),
                        },
                    )
                }
                _ => everything(),
            }
        })
        .collect()
}

fn render(timeout: Option<u64>, servers: &[GenServer]) -> String {
    let mut t = String::from("# generated plan\n");
    if let Some(secs) = timeout {
        let _ = writeln!(t, "[settings]\ntls_timeout_secs = {secs}\n");
    }
    for (si, s) in servers.iter().enumerate() {
        let _ = writeln!(t, "[[server]]\nname = {}", quoted(&s.name));
        for st in &s.stores {
            let _ = writeln!(t, "\n  [[server.store]]\n  id = {}", quoted(&st.id));
            let _ = writeln!(
                t,
                "  path = {}",
                quoted(&format!("{}/{}.ks", s.name, st.id))
            );
            match &st.password {
                Ok(p) => {
                    let _ = writeln!(t, "  password = {}", quoted(p));
                }
                Err(v) => {
                    let _ = writeln!(t, "  password_env = {}", quoted(v));
                }
            }
            if let Some(ty) = st.storetype {
                let _ = writeln!(t, "  storetype = {}", quoted(ty));
            }
            if st.create {
                t.push_str("  create = true\n");
            }
            let sel: Vec<String> = selectors(servers, si, st)
                .iter()
                .map(|(text, _)| quoted(text))
                .collect();
            if !sel.is_empty() {
                let _ = writeln!(t, "  trust = [{}]", sel.join(", "));
            }
        }
        for (suffix, source) in &s.publications {
            let _ = writeln!(t, "\n  [[server.publish]]\n  suffix = {}", quoted(suffix));
            match source {
                GenSource::File(path) => {
                    let _ = writeln!(t, "  file = {}", quoted(path));
                }
                GenSource::Tls(target, sni) => {
                    let _ = writeln!(t, "  tls = {}", quoted(target));
                    if let Some(sni) = sni {
                        let _ = writeln!(t, "  server_name = {}", quoted(sni));
                    }
                }
                GenSource::Store(i, alias) => {
                    let store = &s.stores[i % s.stores.len()].id;
                    let _ = writeln!(
                        t,
                        "  store = {}\n  alias = {}",
                        quoted(store),
                        quoted(alias)
                    );
                }
            }
        }
        t.push('\n');
    }
    t
}

/// The import matrix by the plan's definition: for each truststore (plan order), the set of
/// (publisher, publication) its selectors pick, in order.
fn model_matrix(servers: &[GenServer]) -> Vec<Import> {
    let mut out = Vec::new();
    for (si, s) in servers.iter().enumerate() {
        for (ti, st) in s.stores.iter().enumerate() {
            let mut picked = BTreeSet::new();
            for (_, sel) in selectors(servers, si, st) {
                for (pi, p) in servers.iter().enumerate() {
                    for (qi, (suffix, _)) in p.publications.iter().enumerate() {
                        let hit = match &sel {
                            Selector::Others { suffix: want } => {
                                pi != si
                                    && want.as_ref().is_none_or(|w| w.eq_ignore_ascii_case(suffix))
                            }
                            Selector::Server { name, suffix: want } => {
                                name.eq_ignore_ascii_case(&p.name)
                                    && want.as_ref().is_none_or(|w| w.eq_ignore_ascii_case(suffix))
                            }
                        };
                        if hit {
                            picked.insert((pi, qi));
                        }
                    }
                }
            }
            out.extend(picked.into_iter().map(|(pi, qi)| Import {
                server: si,
                store: ti,
                publisher: pi,
                publication: qi,
            }));
        }
    }
    out
}

fn parse(text: &str) -> Result<Plan, Error> {
    Plan::parse(text, "gen.toml", Path::new(BASE))
}

/// An error names where it is: a TOML error its line (within the text) and column, a content
/// error the plan item.
fn check_error(text: &str, e: &Error) -> Result<(), TestCaseError> {
    let shown = e.to_string();
    match e {
        Error::Syntax { line, column, .. } => {
            let lines = text.split('\n').count();
            prop_assert!(
                (1..=lines).contains(line) && *column >= 1,
                "syntax error without a line in the text: {shown}\n{text}"
            );
            prop_assert!(
                shown.starts_with(&format!("gen.toml:{line}:{column}: ")),
                "{}",
                shown
            );
        }
        Error::Plan { item, message } => {
            prop_assert!(!item.is_empty() && !message.is_empty(), "{}", shown);
        }
        other => prop_assert!(false, "parsing read a store or file: {other}"),
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, String),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    Replace(prop::sample::Index, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1_usize..8).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<prop::sample::Index>(),
            prop_oneof![
                "[\\[\\]{}=\",.:#'\\\\ \n\t*a-z0-9_-]{1,6}",
                prop::sample::select(vec![
                    "[[server]]\n".to_owned(),
                    "[[server.store]]\n".to_owned(),
                    "[[server.publish]]\n".to_owned(),
                    "trust = [\"*:X\"]\n".to_owned(),
                    "name = \"a.example.com\"\n".to_owned(),
                    "[settings]\n".to_owned(),
                    "tls_timeout_secs = 0\n".to_owned(),
                    "x = 1\n".to_owned(),
                    "\u{FEFF}".to_owned(),
                    "\"\"\"".to_owned(),
                ]),
            ]
        )
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| Mutation::Replace(i, c)),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    match m {
        Mutation::Delete(i, n) => {
            let at = i.index(chars.len().max(1)).min(chars.len());
            let end = (at + n).min(chars.len());
            chars.drain(at..end);
            chars.into_iter().collect()
        }
        Mutation::Insert(i, s) => {
            let at = i.index(chars.len() + 1);
            chars.splice(at..at, s.chars());
            chars.into_iter().collect()
        }
        Mutation::Replace(i, c) => {
            if !chars.is_empty() {
                let at = i.index(chars.len());
                chars[at] = *c;
            }
            chars.into_iter().collect()
        }
        Mutation::DuplicateLine(i) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let at = i.index(lines.len());
            lines.insert(at, lines[at]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_plans_round_trip((timeout, servers) in gen_plan()) {
        let text = render(timeout, &servers);
        let plan = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(plan.tls_timeout.as_secs(), timeout.unwrap_or(10));
        prop_assert_eq!(plan.servers.len(), servers.len());
        for (si, (got, want)) in plan.servers.iter().zip(&servers).enumerate() {
            prop_assert_eq!(&got.name, &want.name);
            prop_assert_eq!(got.stores.len(), want.stores.len());
            for (gs, ws) in got.stores.iter().zip(&want.stores) {
                prop_assert_eq!(&gs.id, &ws.id);
                let path = format!("{}/{}.ks", want.name, ws.id);
                prop_assert_eq!(&gs.path, &path);
                prop_assert_eq!(&gs.resolved, &Path::new(BASE).join(&path));
                prop_assert_eq!(gs.create, ws.create);
                prop_assert_eq!(gs.storetype.is_some(), ws.storetype.is_some());
                match (&gs.password, &ws.password) {
                    (PasswordSource::Inline(_), Ok(_)) => {}
                    (PasswordSource::Env(v), Err(w)) => prop_assert_eq!(v, w),
                    (g, w) => prop_assert!(false, "password {g:?} for {w:?}"),
                }
                let want_sel: Vec<Selector> =
                    selectors(&servers, si, ws).into_iter().map(|(_, s)| s).collect();
                prop_assert_eq!(&gs.trust, &want_sel);
            }
            prop_assert_eq!(got.publications.len(), want.publications.len());
            for (gp, (suffix, source)) in got.publications.iter().zip(&want.publications) {
                prop_assert_eq!(&gp.suffix, suffix);
                prop_assert_eq!(&gp.alias, &format!("{}_{suffix}", want.name));
                let expected = match source {
                    GenSource::File(path) => Source::File {
                        path: path.clone(),
                        resolved: Path::new(BASE).join(path),
                    },
                    GenSource::Tls(target, sni) => Source::Tls {
                        target: target.clone(),
                        server_name: sni.clone(),
                    },
                    GenSource::Store(i, alias) => Source::Store {
                        store: want.stores[i % want.stores.len()].id.clone(),
                        alias: alias.clone(),
                    },
                };
                prop_assert_eq!(&gp.source, &expected);
            }
        }
        prop_assert_eq!(&plan.imports, &model_matrix(&servers));
        for i in &plan.imports {
            prop_assert!(plan.publication(i).is_some() && plan.truststore(i).is_some());
        }
    }

    #[test]
    fn mutated_plans_never_panic_and_errors_say_where(
        (timeout, servers) in gen_plan(),
        mutations in vec(mutation(), 1..4),
    ) {
        let mut text = render(timeout, &servers);
        for m in &mutations {
            text = mutate(&text, m);
        }
        match parse(&text) {
            Ok(plan) => {
                prop_assert!(!plan.servers.is_empty());
                for i in &plan.imports {
                    prop_assert!(plan.publication(i).is_some() && plan.truststore(i).is_some());
                }
            }
            Err(e) => check_error(&text, &e)?,
        }
    }
}
