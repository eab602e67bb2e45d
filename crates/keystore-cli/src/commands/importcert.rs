//! `-importcert`: add a trusted certificate (keytool.md §3.6.1). Installing a CA reply onto a
//! key entry (§3.6.2) is not implemented yet.

use der::Decode;
use keystore::{CertificateDer, Entry, KeyStore, certs::parse_certificates};
use x509_cert::Certificate;

use crate::{
    args::Args,
    commands::{alias_or_default, read_input},
    error::KtError,
    render::{self, CertOpts},
    session::{Access, Session, cacerts_path},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Create)?;
    let alias = alias_or_default(args).to_owned();
    match session.store.get(&alias) {
        Some(Entry::PrivateKey(_)) => {
            return Err(KtError::exception(
                "installing a certificate reply onto a key entry is not implemented in this version of rkeytool",
            ));
        }
        Some(Entry::SecretKey(_)) => return Ok(()),
        Some(_) => {
            return Err(KtError::exception(format!("Certificate not imported, alias <{alias}> already exists")));
        }
        None => {}
    }
    let input = read_input(args.value("file"))?;
    let not_x509 = || KtError::exception("Input not an X.509 certificate");
    let cert = parse_certificates(&input).ok().and_then(|c| c.into_iter().next()).ok_or_else(not_x509)?;
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
        ui.err(&format!("Certificate already exists in keystore under alias <{existing}>\n"));
        return yes_no(ui, "Do you still want to add it? [no]:  ");
    }
    let self_signed = keystore_certgen::is_self_signed(parsed);
    let cacerts = if args.flag("trustcacerts") { load_cacerts() } else { None };
    if self_signed {
        if let Some(existing) = cacerts.as_ref().and_then(|c| alias_holding(c, cert)) {
            ui.err(&format!("Certificate already exists in system-wide CA keystore under alias <{existing}>\n"));
            return yes_no(ui, "Do you still want to add it to your own keystore? [no]:  ");
        }
    } else if chains_to_trusted(parsed, store, cacerts.as_ref()) {
        return Ok(true);
    }
    let block = render::cert_block(cert.as_bytes(), &CertOpts { exempt_signature: false })
        .map_err(|_| KtError::exception("Input not an X.509 certificate"))?;
    ui.out(&block.text);
    for w in render::warning_sentences("The input", &block.findings) {
        ui.warn(w);
    }
    ui.flush_warnings_before_question();
    yes_no(ui, "Trust this certificate? [no]:  ")
}

/// The first alias (file order) whose certificate is `cert`.
fn alias_holding(store: &KeyStore, cert: &CertificateDer) -> Option<String> {
    store
        .entries()
        .iter()
        .find(|(_, e)| e.certificate() == Some(cert))
        .map(|(a, _)| a.as_str().to_owned())
}

/// The JDK cacerts, read without a password (integrity unverified, as keytool's own
/// `-trustcacerts` lookup is only used to decide whether to ask).
fn load_cacerts() -> Option<KeyStore> {
    keystore::fs::open(cacerts_path(), None).ok()
}

/// Whether `cert` chains, by issuer name and signature, to a self-signed certificate held in
/// the store (or cacerts).
fn chains_to_trusted(cert: &Certificate, store: &KeyStore, cacerts: Option<&KeyStore>) -> bool {
    let pool: Vec<Certificate> = [Some(store), cacerts]
        .into_iter()
        .flatten()
        .flat_map(|s| s.entries().iter().map(|(_, e)| e).collect::<Vec<_>>())
        .flat_map(Entry::certificates)
        .filter_map(|c| Certificate::from_der(c.as_bytes()).ok())
        .collect();
    let mut current = cert.clone();
    // Bounded walk: a chain cannot be longer than the pool.
    for _ in 0..=pool.len() {
        if keystore_certgen::is_self_signed(&current) {
            return true;
        }
        match pool.iter().find(|issuer| keystore_certgen::signed_by(&current, issuer)) {
            Some(issuer) if issuer != &current => current = issuer.clone(),
            _ => return false,
        }
    }
    false
}

/// keytool's yes/no question: `y`/`yes` adds; empty, `n`, `no` or end of input declines;
/// anything else is asked again (21 questions at most).
fn yes_no(ui: &mut Ui, question: &str) -> Result<bool, KtError> {
    for _ in 0..21 {
        let Some(answer) = ui.question(question) else { return Ok(false) };
        match answer.trim().to_lowercase().as_str() {
            "y" | "yes" => return Ok(true),
            "" | "n" | "no" => return Ok(false),
            _ => ui.err("Wrong answer, try again\n"),
        }
    }
    Err(KtError::java("java.lang.RuntimeException", "Too many retries, program terminated"))
}
