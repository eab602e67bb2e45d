//! `-importcert`: add a trusted certificate (keytool.md §3.6.1), or install a CA reply onto a
//! key entry (§3.6.2).

use der::{Decode, Encode};
use keystore::{CertificateDer, Entry, KeyStore, certs::parse_certificates};
use x509_cert::Certificate;

use crate::{
    args::Args,
    commands::{alias_or_default, certreq::first_certificate, key_password, read_input},
    error::KtError,
    render::{self, CertOpts},
    session::{Access, Session, cacerts_path},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Create)?;
    let alias = alias_or_default(args).to_owned();
    match session.store.get(&alias) {
        Some(Entry::PrivateKey(_)) => return install_reply(args, ui, &mut session, &alias),
        Some(Entry::SecretKey(_)) => return Ok(()),
        Some(_) => {
            return Err(KtError::exception(format!(
                "Certificate not imported, alias <{alias}> already exists"
            )));
        }
        None => {}
    }
    let input = read_input(args.value("file"))?;
    let not_x509 = || KtError::exception("Input not an X.509 certificate");
    let cert = parse_certificates(&input)
        .ok()
        .and_then(|c| c.into_iter().next())
        .ok_or_else(not_x509)?;
    let parsed = Certificate::from_der(cert.as_bytes()).map_err(|_| not_x509())?;

    if !args.flag("noprompt") && !confirm_trust(args, ui, &session.store, &cert, &parsed)? {
        ui.err("Certificate was not added to keystore\n");
        session.proprietary_warning(ui);
        return Ok(());
    }
    let format = session.store.format();
    session
        .store
        .set_trusted_cert(&alias, cert, keystore::now())
        .map_err(|e| KtError::from_store(e, format))?;
    ui.err("Certificate was added to keystore\n");
    session.save(ui)
}

/// keytool's checks before adding a certificate without `-noprompt`. `Ok(true)` = add it.
fn confirm_trust(
    args: &Args,
    ui: &mut Ui,
    store: &KeyStore,
    cert: &CertificateDer,
    parsed: &Certificate,
) -> Result<bool, KtError> {
    if let Some(existing) = alias_holding(store, cert) {
        ui.err(&format!(
            "Certificate already exists in keystore under alias <{existing}>\n"
        ));
        return yes_no(ui, "Do you still want to add it? [no]:  ");
    }
    let self_signed = keystore_certgen::is_self_signed(parsed);
    let cacerts = if args.flag("trustcacerts") {
        load_cacerts()
    } else {
        None
    };
    if self_signed {
        if let Some(existing) = cacerts.as_ref().and_then(|c| alias_holding(c, cert)) {
            ui.err(&format!(
                "Certificate already exists in system-wide CA keystore under alias <{existing}>\n"
            ));
            return yes_no(
                ui,
                "Do you still want to add it to your own keystore? [no]:  ",
            );
        }
    } else if chains_to_trusted(parsed, store, cacerts.as_ref()) {
        return Ok(true);
    }
    let block = render::cert_block(
        cert.as_bytes(),
        &CertOpts {
            exempt_signature: false,
        },
    )
    .map_err(|_| KtError::exception("Input not an X.509 certificate"))?;
    ui.out(&block.text);
    for w in render::warning_sentences("The input", &block.findings) {
        ui.warn(w);
    }
    ui.flush_warnings_before_question();
    yes_no(ui, "Trust this certificate? [no]:  ")
}

/// Installs a certificate reply (one certificate, a PEM bundle or PKCS#7) onto key entry `alias`.
fn install_reply(
    args: &Args,
    ui: &mut Ui,
    session: &mut Session,
    alias: &str,
) -> Result<(), KtError> {
    key_password(args, ui, session, alias)?;
    let current = first_certificate(session, alias)?;
    let input = read_input(args.value("file"))?;
    let certs = parse_certificates(&input).unwrap_or_default();
    if certs.is_empty() {
        return Err(if input.iter().all(u8::is_ascii_whitespace) {
            KtError::exception("Reply has no certificates")
        } else {
            KtError::java(
                "java.security.cert.CertificateException",
                "No certificate data found",
            )
        });
    }
    let mut reply = Vec::with_capacity(certs.len());
    for c in &certs {
        let parsed = Certificate::from_der(c.as_bytes()).map_err(|_| {
            KtError::java(
                "java.security.cert.CertificateException",
                "Could not parse certificate",
            )
        })?;
        if !reply.contains(&parsed) {
            reply.push(parsed);
        }
    }
    let cacerts = if args.flag("trustcacerts") {
        load_cacerts()
    } else {
        None
    };
    let pool = certificate_pool(&session.store, cacerts.as_ref());
    let key = current.tbs_certificate().subject_public_key_info();
    let chain = if certs.len() == 1 {
        let leaf = reply.remove(0);
        if leaf.tbs_certificate().subject_public_key_info() != key {
            return Err(KtError::exception(
                "Public keys in reply and keystore don't match",
            ));
        }
        if leaf == current {
            return Err(KtError::exception(
                "Certificate reply and certificate in keystore are identical",
            ));
        }
        keystore_certgen::build_chain(&leaf, &pool)
            .ok_or_else(|| KtError::exception("Failed to establish chain from reply"))?
    } else {
        let chain = order_reply(reply, key, alias)?;
        match complete_reply(args, ui, chain, &pool)? {
            Some(chain) => chain,
            None => {
                ui.err("Certificate reply was not installed in keystore\n");
                session.proprietary_warning(ui);
                return Ok(());
            }
        }
    };
    let chain = chain
        .iter()
        .map(|c| c.to_der().map(CertificateDer::new))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| KtError::io(e.to_string()))?;
    if let Some(Entry::PrivateKey(k)) = session.store.entries_mut().get_mut(alias) {
        k.chain = chain;
        k.created = Some(keystore::now());
    }
    ui.err("Certificate reply was installed in keystore\n");
    session.save(ui)
}

/// keytool's ordering of a multi-certificate reply: the certificate with the entry's key first,
/// then for each next position one that signed the previous (the last position unchecked).
fn order_reply(
    mut certs: Vec<Certificate>,
    key: &spki::SubjectPublicKeyInfoOwned,
    alias: &str,
) -> Result<Vec<Certificate>, KtError> {
    let leaf = certs
        .iter()
        .position(|c| c.tbs_certificate().subject_public_key_info() == key)
        .ok_or_else(|| {
            KtError::exception(format!(
                "Certificate reply does not contain public key for <{alias}>"
            ))
        })?;
    let mut chain = vec![certs.remove(leaf)];
    while certs.len() > 1 {
        let Some(prev) = chain.last() else { break };
        let next = certs
            .iter()
            .position(|c| keystore_certgen::signed_by(prev, c))
            .ok_or_else(|| KtError::exception("Incomplete certificate chain in reply"))?;
        chain.push(certs.remove(next));
    }
    chain.extend(certs);
    Ok(chain)
}

/// Trust check of a multi-certificate reply's top certificate: in the store (nothing appended),
/// verified by a store/cacerts certificate (that root appended), or asked about.
fn complete_reply(
    args: &Args,
    ui: &mut Ui,
    mut chain: Vec<Certificate>,
    pool: &[Certificate],
) -> Result<Option<Vec<Certificate>>, KtError> {
    if args.flag("noprompt") {
        return Ok(Some(chain));
    }
    let Some(top) = chain.last().cloned() else {
        return Ok(None);
    };
    // The pool holds the store's certificates (and cacerts' with -trustcacerts).
    if pool.contains(&top) {
        return Ok(Some(chain));
    }
    if let Some(root) = pool.iter().find(|c| keystore_certgen::signed_by(&top, c)) {
        chain.push(root.clone());
        return Ok(Some(chain));
    }
    ui.err("\nTop-level certificate in reply:\n\n");
    let der = top.to_der().map_err(|e| KtError::io(e.to_string()))?;
    let block = render::cert_block(
        &der,
        &CertOpts {
            exempt_signature: false,
        },
    )
    .map_err(|e| KtError::io(e.to_string()))?;
    ui.out(&block.text);
    ui.err("\n");
    Ok(yes_no(ui, "... is not trusted. Install reply anyway? [no]:  ")?.then_some(chain))
}

/// Every certificate of the store's entries (file order), then cacerts'.
fn certificate_pool(store: &KeyStore, cacerts: Option<&KeyStore>) -> Vec<Certificate> {
    [Some(store), cacerts]
        .into_iter()
        .flatten()
        .flat_map(|s| s.entries().iter().map(|(_, e)| e).collect::<Vec<_>>())
        .flat_map(Entry::certificates)
        .filter_map(|c| Certificate::from_der(c.as_bytes()).ok())
        .collect()
}

/// The first alias (in Java's enumeration order) whose certificate is `cert`.
fn alias_holding(store: &KeyStore, cert: &CertificateDer) -> Option<String> {
    store
        .aliases_in_java_order()
        .into_iter()
        .find(|a| store.get(a.as_str()).and_then(Entry::certificate) == Some(cert))
        .map(|a| a.as_str().to_owned())
}

/// The JDK cacerts, read without a password (integrity unverified, as keytool's own
/// `-trustcacerts` lookup is only used to decide whether to ask).
fn load_cacerts() -> Option<KeyStore> {
    keystore::fs::open(cacerts_path(), None).ok()
}

/// Whether `cert` chains, by issuer name and signature, to a self-signed certificate held in
/// the store (or cacerts).
fn chains_to_trusted(cert: &Certificate, store: &KeyStore, cacerts: Option<&KeyStore>) -> bool {
    keystore_certgen::build_chain(cert, &certificate_pool(store, cacerts)).is_some()
}

/// keytool's yes/no question: `y`/`yes` adds; empty, `n`, `no` or end of input declines;
/// anything else is asked again (21 questions at most).
pub(crate) fn yes_no(ui: &mut Ui, question: &str) -> Result<bool, KtError> {
    for _ in 0..21 {
        let Some(answer) = ui.question(question) else {
            return Ok(false);
        };
        match answer.trim().to_lowercase().as_str() {
            "y" | "yes" => return Ok(true),
            "" | "n" | "no" => return Ok(false),
            _ => ui.err("Wrong answer, try again\n"),
        }
    }
    Err(KtError::java(
        "java.lang.RuntimeException",
        "Too many retries, program terminated",
    ))
}
