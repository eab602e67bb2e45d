//! `-gencert`: act as the CA for a request read from `-infile` or stdin (keytool.md §3.5).

use base64ct::{Base64, Encoding};
use der::Decode;
use keystore_certgen::{cert, dname, ext};
use x509_cert::{Certificate, request::CertReq};

use crate::{
    args::Args,
    commands::{
        alias_or_default,
        certreq::{check_sigalg, der_of, signing_entry},
        genkeypair::validity_days,
        read_input,
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
    check_sigalg(args, &key)?;
    let input = read_input(args.value("infile"))?;
    let request = request_der(&input).ok_or_else(|| KtError::io("Too short"))?;
    let request = CertReq::from_der(&request).map_err(|e| KtError::io(e.to_string()))?;
    let subject = match args.value("dname") {
        Some(d) => dname::parse(d).map_err(|e| KtError::from_java_text(&e.to_string()))?,
        None => request.info.subject.clone(),
    };
    if args
        .values("ext")
        .iter()
        .any(|e| e.to_ascii_lowercase().starts_with("honored"))
    {
        return Err(KtError::exception("-ext honored=… is not implemented yet"));
    }
    let extensions =
        ext::parse(args.values("ext")).map_err(|e| KtError::from_java_text(&e.to_string()))?;
    let params = cert::CertParams::new(subject)
        .with_validity_days(validity_days(args)?)
        .with_extensions(extensions);
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

/// The request between the first `-----BEGIN …REQUEST…` line and the next `-----END …REQUEST…`
/// line (DER input is not accepted, as with keytool).
fn request_der(input: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(input);
    let mut lines = text
        .lines()
        .skip_while(|l| !(l.starts_with("-----BEGIN") && l.contains("REQUEST")));
    lines.next()?;
    let body: String = lines
        .take_while(|l| !(l.starts_with("-----END") && l.contains("REQUEST")))
        .map(str::trim)
        .collect();
    Base64::decode_vec(&body).ok().filter(|d| !d.is_empty())
}
