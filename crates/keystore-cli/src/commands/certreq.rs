//! `-certreq`: a PKCS#10 request for a key entry, with `-ext` extensions (keytool.md §3.4).

use der::{Decode, Encode};
use keystore::Entry;
use keystore_certgen::{AnySigningKey, csr, dname, ext};
use x509_cert::Certificate;

use crate::{
    args::Args,
    commands::{alias_or_default, key_password_from},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let session = Session::open(args, ui, Access::Modify)?;
    let alias = alias_or_default(args).to_owned();
    let (key, cert) = signing_entry(args, ui, &session, &alias)?;
    let subject = match args.value("dname") {
        Some(d) => dname::parse(d).map_err(|e| KtError::from_java_text(&e.to_string()))?,
        None => cert.tbs_certificate().subject().clone(),
    };
    let key = apply_sigalg(args, key)?;
    let extensions =
        ext::parse(args.values("ext")).map_err(|e| KtError::from_java_text(&e.to_string()))?;
    let request =
        csr::build(&key, &subject, &extensions).map_err(|e| KtError::exception(e.to_string()))?;
    let pem = csr::to_pem(&request).map_err(|e| KtError::io(e.to_string()))?;
    match args.value("file") {
        Some(path) => {
            keystore::fs::write_output(path, pem.as_bytes())
                .map_err(|e| KtError::io(e.to_string()))?;
            if args.flag("v") {
                ui.err(&format!(
                    "Certification request stored in file <{path}>\nSubmit this to your CA\n"
                ));
            }
        }
        None => ui.out(&pem),
    }
    session.proprietary_warning(ui);
    Ok(())
}

/// The key and first certificate of key entry `alias`, with keytool's errors for other entries.
pub(crate) fn signing_entry(
    args: &Args,
    ui: &mut Ui,
    session: &Session,
    alias: &str,
) -> Result<(AnySigningKey, Certificate), KtError> {
    signing_entry_with(args, ui, session, alias, "keypass")
}

/// [`signing_entry`] with the key password from option `option`.
pub(crate) fn signing_entry_with(
    args: &Args,
    ui: &mut Ui,
    session: &Session,
    alias: &str,
    option: &str,
) -> Result<(AnySigningKey, Certificate), KtError> {
    match session.store.get(alias) {
        None => return Err(KtError::alias_not_found(alias)),
        Some(Entry::TrustedCert(_)) => {
            return Err(KtError::exception(format!("Alias <{alias}> has no key")));
        }
        Some(Entry::SecretKey(_)) => {
            return Err(KtError::java(
                "java.lang.ClassCastException",
                "class javax.crypto.spec.SecretKeySpec cannot be cast to class java.security.PrivateKey (javax.crypto.spec.SecretKeySpec and java.security.PrivateKey are in module java.base of loader 'bootstrap')",
            ));
        }
        Some(_) => {}
    }
    let password = key_password_from(args, ui, session, alias, option)?;
    let format = session.store.format();
    let pkcs8 = session
        .store
        .private_key(alias, &password)
        .map_err(|e| KtError::from_store(e, format))?;
    let key = AnySigningKey::from_pkcs8_der(pkcs8.as_bytes()).map_err(|e| {
        KtError::exception(format!(
            "signing with this key type is not supported yet: {e}"
        ))
    })?;
    Ok((key, first_certificate(session, alias)?))
}

/// The first certificate of key entry `alias` (keytool: `<alias> has no public key (certificate)`).
pub(crate) fn first_certificate(session: &Session, alias: &str) -> Result<Certificate, KtError> {
    session
        .store
        .certificate_chain(alias)
        .ok()
        .and_then(|c| c.first())
        .and_then(|c| Certificate::from_der(c.as_bytes()).ok())
        .ok_or_else(|| KtError::exception(format!("{alias} has no public key (certificate)")))
}

/// `-sigalg`: the key signing with the named algorithm, with keytool 17's errors for names it
/// does not know (`NoSuchAlgorithmException`) and for algorithms of another key type or too
/// weak a DSA digest (`InvalidKeyException`).
pub(crate) fn apply_sigalg(args: &Args, key: AnySigningKey) -> Result<AnySigningKey, KtError> {
    let Some(name) = args.value("sigalg") else {
        return Ok(key);
    };
    key.with_signature_algorithm(name)
        .map_err(|e| sigalg_error(name, &e))
}

/// keytool 17's error for a `-sigalg` the key cannot sign with.
fn sigalg_error(name: &str, error: &keystore_certgen::Error) -> KtError {
    use keystore_certgen::{Error, KeyAlgorithm};
    const INVALID_KEY: &str = "java.security.InvalidKeyException";
    match error {
        Error::UnsupportedSignatureAlgorithm(_) => KtError::java(
            "java.security.NoSuchAlgorithmException",
            format!("{name} Signature not available"),
        ),
        Error::UnimplementedSignatureAlgorithm(_) => KtError::exception(format!(
            "rkeytool cannot sign with {name} (keytool can); use a SHA-1 or SHA-2 based algorithm"
        )),
        Error::DigestTooWeak { .. } => KtError::java(INVALID_KEY, error.to_string()),
        Error::SignatureAlgorithmMismatch { key, .. } => {
            let eddsa_name = ["Ed25519", "Ed448", "EdDSA"]
                .into_iter()
                .find(|n| n.eq_ignore_ascii_case(name));
            let eddsa_key = matches!(key, KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448);
            let message = match (eddsa_name, eddsa_key) {
                (Some(n), true) => format!("Parameters must be {n}"),
                (Some(_), false) => "Unsupported key type".to_owned(),
                (None, _) => {
                    let class = match key {
                        KeyAlgorithm::Rsa { .. } | KeyAlgorithm::RsaPss { .. } => {
                            "sun.security.rsa.RSAPrivateCrtKeyImpl"
                        }
                        KeyAlgorithm::Dsa { .. } => "sun.security.provider.DSAPrivateKey",
                        KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448 => {
                            "sun.security.ec.ed.EdDSAPrivateKeyImpl"
                        }
                        _ => "sun.security.ec.ECPrivateKeyImpl",
                    };
                    format!("No installed provider supports this key: {class}")
                }
            };
            KtError::java(INVALID_KEY, message)
        }
        other => KtError::exception(format!("-sigalg {name}: {other}")),
    }
}

/// DER of a certificate.
pub(crate) fn der_of(cert: &Certificate) -> Result<Vec<u8>, KtError> {
    cert.to_der().map_err(|e| KtError::io(e.to_string()))
}
