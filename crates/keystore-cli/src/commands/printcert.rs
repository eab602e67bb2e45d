//! `-printcert`: print certificates from `-file` or stdin.

use keystore::certs::parse_certificates;

use crate::{
    args::Args,
    commands::read_input,
    error::KtError,
    render::{self, CertOpts},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let input = read_input(args.value("file"))?;
    if input.is_empty() {
        return Err(KtError::exception("Empty input"));
    }
    let certs =
        parse_certificates(&input).map_err(|_| KtError::exception("Failed to parse input"))?;
    if certs.is_empty() {
        return Err(KtError::exception("Failed to parse input"));
    }
    let mut out = String::new();
    let n = certs.len();
    for (i, cert) in certs.iter().enumerate() {
        if n > 1 {
            out.push_str(&format!("Certificate[{}]:\n", i + 1));
        }
        let block = render::cert_block(
            cert.as_bytes(),
            &CertOpts {
                exempt_signature: false,
            },
        )
        .map_err(|_| KtError::exception("Failed to parse input"))?;
        if args.flag("rfc") {
            out.push_str(&render::pem("CERTIFICATE", cert.as_bytes()));
        } else {
            out.push_str(&block.text);
        }
        if i + 1 < n {
            out.push('\n');
        }
        let label = if n > 1 {
            format!("The certificate #{} of {n}", i + 1)
        } else {
            "The certificate".to_owned()
        };
        for w in render::warning_sentences(&label, &block.findings) {
            ui.warn(w);
        }
    }
    ui.out(&out);
    Ok(())
}
