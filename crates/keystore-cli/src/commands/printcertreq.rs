//! `-printcertreq`: print a PKCS#10 request read from `-file` or stdin (PEM).

use base64ct::{Base64, Encoding};

use crate::{args::Args, commands::read_input, error::KtError, render, ui::Ui};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let input = read_input(args.value("file"))?;
    let der = pem_body(&input).ok_or_else(|| KtError::io("Too short"))?;
    let text = render::cert_request(&der).map_err(|e| match e.java_text().split_once(": ") {
        Some(("java.io.IOException", message)) => KtError::io(message),
        _ => KtError::io(e.java_text()),
    })?;
    ui.out(&text);
    Ok(())
}

/// The Base-64 body between the first `-----BEGIN` line and the next `-----END` line, decoded
/// (keytool accepts any label here; DER input is not accepted).
fn pem_body(input: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(input);
    let mut lines = text.lines().skip_while(|l| !l.starts_with("-----BEGIN"));
    lines.next()?;
    let body: String = lines
        .take_while(|l| !l.starts_with("-----END"))
        .map(str::trim)
        .collect();
    Base64::decode_vec(&body).ok().filter(|d| !d.is_empty())
}
