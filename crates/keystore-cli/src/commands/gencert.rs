//! `-gencert`: act as the CA for a request read from `-infile` or stdin (keytool.md §3.5).

use der::Decode;
use keystore_certgen::{cert, dname};
use x509_cert::{
    Certificate,
    der::oid::{
        ObjectIdentifier,
        db::rfc5280::{
            ID_CE_AUTHORITY_KEY_IDENTIFIER as AUTHORITY_KEY_IDENTIFIER,
            ID_CE_SUBJECT_KEY_IDENTIFIER as SUBJECT_KEY_IDENTIFIER,
        },
    },
    ext::Extension,
    request::CertReq,
};

/// PKCS#9 `extensionRequest`.
const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

use crate::{
    args::Args,
    commands::{
        alias_or_default,
        certreq::{apply_sigalg, der_of, signing_entry},
        genkeypair::cert_params,
        pem_block, read_input,
    },
    error::KtError,
    render,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let session = Session::open(args, ui, Access::Read)?;
    let alias = alias_or_default(args).to_owned();
    let (key, issuer) = signing_entry(args, ui, &session, &alias)?;
    let key = apply_sigalg(args, key)?;
    let input = read_input(args.value("infile"))?;
    let request = pem_block(&input, "REQUEST").ok_or_else(|| KtError::io("Too short"))?;
    let request = CertReq::from_der(&request).map_err(|e| KtError::io(e.to_string()))?;
    check_request_signature(&request)?;
    let subject = match args.value("dname") {
        Some(d) => dname::parse(d).map_err(|e| KtError::from_java_text(&e.to_string()))?,
        None => request.info.subject.clone(),
    };
    let params = cert_params(args, subject, honored(&request, args.values("ext"))?)?;
    // id-ecPublicKey
    let ec_subject =
        request.info.public_key.algorithm.oid == ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
    crate::commands::genkeypair::warn_ec_signed_by_rsa(ui, ec_subject, &key);
    let issued = cert::issue(&key, &issuer, request.info.public_key, &params)
        .map_err(|e| KtError::from_java_text(&e.to_string()))?;
    // The new certificate, then every certificate of the issuer's chain that is not self-signed.
    let mut chain = vec![der_of(&issued)?];
    for c in session
        .store
        .certificate_chain(&alias)
        .map_err(|e| KtError::io(e.to_string()))?
    {
        if let Ok(parsed) = Certificate::from_der(c.as_bytes())
            && !keystore_certgen::is_self_signed(&parsed)
        {
            chain.push(c.as_bytes().to_vec());
        }
    }
    let bytes: Vec<u8> = if args.flag("rfc") {
        chain
            .iter()
            .map(|d| render::pem("CERTIFICATE", d))
            .collect::<String>()
            .into_bytes()
    } else {
        chain.concat()
    };
    match args.value("outfile") {
        Some(path) => {
            keystore::fs::write_output(path, &bytes).map_err(|e| KtError::io(e.to_string()))?
        }
        None => ui.out_bytes(&bytes),
    }
    session.proprietary_warning(ui);
    Ok(())
}

/// The CSR-requested extensions that `-ext honored=…` copies (keytool.md §8): `all` first, then
/// `name`, `name:critical`, `name:non-critical` and `-name`, names matched case-insensitively.
/// The key identifiers are always computed, never copied.
fn honored(request: &CertReq, ext_values: &[String]) -> Result<Vec<Extension>, KtError> {
    let specs: Vec<String> = ext_values
        .iter()
        .filter_map(|v| {
            let (name, value) = v.split_once('=')?;
            name.eq_ignore_ascii_case("honored")
                .then(|| value.to_lowercase())
        })
        .collect();
    if specs.is_empty() {
        return Ok(Vec::new());
    }
    let requested: Vec<Extension> = request
        .info
        .attributes
        .iter()
        .filter(|a| a.oid == EXTENSION_REQUEST)
        .flat_map(|a| a.values.iter())
        .filter_map(|v| v.decode_as::<Vec<Extension>>().ok())
        .flatten()
        .filter(|e| e.extn_id != SUBJECT_KEY_IDENTIFIER && e.extn_id != AUTHORITY_KEY_IDENTIFIER)
        .collect();
    let items: Vec<&str> = specs.iter().flat_map(|s| s.split(',')).collect();
    let mut out: Vec<Extension> = Vec::new();
    if items.contains(&"all") {
        out.clone_from(&requested);
    }
    for item in items.into_iter().filter(|i| *i != "all") {
        if let Some(name) = item.strip_prefix('-') {
            let oid = extension_oid(name)?;
            out.retain(|e| e.extn_id != oid);
            continue;
        }
        let (name, critical) = match item.split_once(':') {
            Some((n, "non-critical")) => (n, Some(false)),
            Some((n, c)) if !c.is_empty() && "critical".starts_with(c) => (n, Some(true)),
            Some((n, _)) => (n, None),
            None => (item, None),
        };
        let oid = extension_oid(name)?;
        if let Some(mut e) = requested.iter().find(|e| e.extn_id == oid).cloned() {
            if let Some(c) = critical {
                e.critical = c;
            }
            out.retain(|x| x.extn_id != oid);
            out.push(e);
        }
    }
    Ok(out)
}

/// The OID of an extension named as `-ext` names them (abbreviations, prefixes, dotted OIDs).
fn extension_oid(name: &str) -> Result<ObjectIdentifier, KtError> {
    const NAMES: &[(&str, &str, &str)] = &[
        ("basicconstraints", "bc", "2.5.29.19"),
        ("keyusage", "ku", "2.5.29.15"),
        ("extendedkeyusage", "eku", "2.5.29.37"),
        ("subjectalternativename", "san", "2.5.29.17"),
        ("issueralternativename", "ian", "2.5.29.18"),
        ("subjectinfoaccess", "sia", "1.3.6.1.5.5.7.1.11"),
        ("authorityinfoaccess", "aia", "1.3.6.1.5.5.7.1.1"),
        ("crldistributionpoints", "crl", "2.5.29.31"),
    ];
    let found = NAMES
        .iter()
        .find(|(full, short, _)| name == *short || (!name.is_empty() && full.starts_with(name)))
        .map(|(_, _, oid)| *oid)
        .unwrap_or(name);
    ObjectIdentifier::new(found).map_err(|_| {
        KtError::java(
            "java.lang.RuntimeException",
            format!(
                "java.io.IOException: ObjectIdentifier() -- Invalid format: java.lang.NumberFormatException: For input string: \"{name}\""
            ),
        )
    })
}

/// keytool refuses a request whose signature does not verify with its own key. Algorithms we
/// cannot verify are let through (keytool would know them; refusing would be wrong).
pub(crate) fn check_request_signature(request: &CertReq) -> Result<(), KtError> {
    match keystore_certgen::csr::verify(request) {
        Err(keystore_certgen::Error::InvalidRequestSignature) => Err(KtError::java(
            "java.security.SignatureException",
            "Invalid PKCS #10 signature",
        )),
        _ => Ok(()),
    }
}
