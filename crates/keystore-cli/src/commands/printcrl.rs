//! `-printcrl`: print the CRLs in `-file` (or stdin), DER or PEM, and say whether a certificate
//! of the keystore (or, with `-trustcacerts`, of cacerts) verifies each.
//!
//! Observed on keytool 17.0.15: the keystore is optional (a missing file is no error) and is
//! read without prompting (no `-storepass`: loaded unverified, without the integrity banner); a
//! wrong `-storepass` fails as in other commands. Empty input prints nothing and succeeds;
//! input that holds no CRL fails with `CRLException: No CRL data found`.

use std::path::Path;

use der::{Decode, Encode, referenced::OwnedToRef};
use keystore::{Entry, KeyStore, StoreFormat};
use spki::AlgorithmIdentifierRef;
use x509_cert::Certificate;

use crate::{
    args::Args,
    commands::read_input,
    error::KtError,
    render::{self, crl},
    session::{cacerts_path, default_keystore},
    ui::Ui,
};

const CRL_EXCEPTION: &str = "java.security.cert.CRLException";

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let store = open_store(args)?;
    let cacerts = if args.flag("trustcacerts") {
        keystore::fs::open(cacerts_path(), None).ok()
    } else {
        None
    };
    let input = read_input(args.value("file"))?;
    let crls = split_crls(&input)?;
    let mut out = String::new();
    for der in &crls {
        let parsed = crl::render(der).map_err(|e| crl_error(e.java_text()))?;
        out.push_str(&parsed.text);
        out.push_str("\n\n");
        let verified = cacerts
            .as_ref()
            .and_then(|c| verifier(c, &parsed).map(|v| (v, "cacerts")))
            .or_else(|| {
                store
                    .as_ref()
                    .and_then(|s| verifier(s, &parsed).map(|v| (v, "keystore")))
            });
        match verified {
            Some(((alias, key), place)) => {
                out.push_str(&format!("Verified by {alias} in {place} with a {key}\n"));
            }
            None => {
                let hint = if args.flag("trustcacerts") {
                    ""
                } else {
                    " or specify -trustcacerts"
                };
                out.push_str(&format!(
                    "*******************************************\n\
                     WARNING: not verified. Make sure -keystore is correct{hint}.\n\
                     *******************************************\n\n\n"
                ));
            }
        }
        for w in render::warning_sentences("The CRL", &parsed.findings) {
            ui.warn(w);
        }
    }
    ui.out(&out);
    if let Some(store) = &store {
        proprietary_warning(ui, store, &keystore_path(args));
    }
    Ok(())
}

fn keystore_path(args: &Args) -> String {
    args.value("keystore")
        .map_or_else(default_keystore, str::to_owned)
}

/// The keystore, if there is one: `-keystore` (or the default `~/.keystore`) when the file
/// exists, with `-storepass` checked when given.
fn open_store(args: &Args) -> Result<Option<KeyStore>, KtError> {
    let path = keystore_path(args);
    if !Path::new(&path).is_file() {
        return Ok(None);
    }
    match args.password("storepass") {
        Some(pw) => keystore::fs::open(&path, Some(pw))
            .map(Some)
            .map_err(|e| KtError::from_fs(e, StoreFormat::Jks, &path)),
        None => Ok(keystore::fs::open(&path, None).ok()),
    }
}

/// keytool's end-of-run warning for a JKS/JCEKS store that holds more than certificates.
fn proprietary_warning(ui: &mut Ui, store: &KeyStore, path: &str) {
    let format = store.format();
    if !matches!(format, StoreFormat::Jks | StoreFormat::Jceks) {
        return;
    }
    let only_trusted = store
        .entries()
        .iter()
        .all(|(_, e)| e.kind() == keystore::EntryKind::TrustedCert);
    if !only_trusted {
        ui.warn(format!(
            "The {format} keystore uses a proprietary format. It is recommended to migrate to PKCS12 which is an industry standard format using \"keytool -importkeystore -srckeystore {path} -destkeystore {path} -deststoretype pkcs12\"."
        ));
    }
}

/// The first entry (in Java's enumeration order) whose certificate is named as the CRL's issuer
/// and whose key verifies the CRL's signature: its alias as keytool shows it and its key.
fn verifier(store: &KeyStore, parsed: &crl::Crl) -> Option<(String, String)> {
    let issuer = render::dn_to_string(&parsed.issuer_der).ok()?;
    let alg = AlgorithmIdentifierRef::from_der(&parsed.alg_der).ok()?;
    for alias in store.aliases_in_java_order() {
        let cert_der = match store.get(alias.as_str()) {
            Some(Entry::TrustedCert(t)) => Some(t.cert.as_bytes().to_vec()),
            Some(Entry::PrivateKey(_)) => store
                .certificate_chain(alias.as_str())
                .ok()
                .and_then(|c| c.first())
                .map(|c| c.as_bytes().to_vec()),
            _ => None,
        };
        let Some(cert) = cert_der.and_then(|d| Certificate::from_der(&d).ok()) else {
            continue;
        };
        let tbs = cert.tbs_certificate();
        let same_name = tbs.subject().to_der().ok().is_some_and(|subject| {
            subject == parsed.issuer_der
                || render::dn_to_string(&subject).is_ok_and(|s| s == issuer)
        });
        if !same_name {
            continue;
        }
        let spki = tbs.subject_public_key_info();
        if keystore_certgen::verify_signature_with(
            alg,
            spki.owned_to_ref(),
            &parsed.tbs_der,
            &parsed.signature,
        ) {
            let shown = match store.format() {
                StoreFormat::Pkcs12 => alias.as_str().to_lowercase(),
                _ => alias.as_str().to_owned(),
            };
            let key = spki
                .to_der()
                .ok()
                .and_then(|d| crl::key_description(&d))
                .unwrap_or_default();
            return Some((shown, key));
        }
    }
    None
}

/// A parse failure as `X509CRLImpl` reports it (`CRLException: Parsing error: …`, the
/// message of the `IOException` behind it).
fn crl_error(java_text: &str) -> KtError {
    let message = java_text
        .strip_prefix("java.io.IOException: ")
        .unwrap_or(java_text);
    KtError::java(CRL_EXCEPTION, format!("Parsing error: {message}"))
}

/// The CRLs of the input: DER (one or more concatenated) or PEM blocks (`X509 CRL`).
fn split_crls(input: &[u8]) -> Result<Vec<Vec<u8>>, KtError> {
    let no_data = || KtError::java(CRL_EXCEPTION, "No CRL data found");
    let trimmed = input.trim_ascii_start();
    if trimmed.is_empty() {
        return Ok(Vec::new());
    }
    if trimmed.first() == Some(&0x30) {
        let mut out = Vec::new();
        let mut rest = trimmed;
        while !rest.is_empty() {
            let len = der_len(rest).ok_or_else(no_data)?;
            let (one, tail) = rest.split_at(len);
            out.push(one.to_vec());
            rest = tail.trim_ascii_start();
        }
        return Ok(out);
    }
    let text = String::from_utf8_lossy(input);
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with("-----BEGIN") {
            continue;
        }
        let body: String = lines
            .by_ref()
            .take_while(|l| !l.starts_with("-----END"))
            .map(str::trim)
            .collect();
        use base64ct::{Base64, Encoding};
        out.push(Base64::decode_vec(&body).map_err(|_| no_data())?);
    }
    if out.is_empty() {
        return Err(no_data());
    }
    Ok(out)
}

/// The total length of the DER TLV at the start of `data`, if complete.
fn der_len(data: &[u8]) -> Option<usize> {
    let first = *data.get(1)?;
    let (header, len) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = data.get(2..2 + n)?;
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (2 + n, len)
    };
    let total = header.checked_add(len)?;
    (total <= data.len()).then_some(total)
}
