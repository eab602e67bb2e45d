//! `-printcertreq`: print a PKCS#10 request read from `-file` or stdin (PEM).

use crate::{
    args::Args,
    commands::{pem_block, read_input},
    error::KtError,
    render,
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let input = read_input(args.value("file"))?;
    let der = pem_block(&input, "").ok_or_else(|| KtError::io("Too short"))?;
    let text = render::cert_request(&der).map_err(|e| match e.java_text().split_once(": ") {
        Some(("java.io.IOException", message)) => KtError::io(message),
        _ => KtError::io(e.java_text()),
    })?;
    if let Ok(request) = <x509_cert::request::CertReq as der::Decode>::from_der(&der) {
        crate::commands::gencert::check_request_signature(&request)?;
    }
    ui.out(&text);
    Ok(())
}
