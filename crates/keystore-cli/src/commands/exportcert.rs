//! `-exportcert`: write an entry's certificate, DER or PEM (`-rfc`), to `-file` or stdout.

use crate::{
    args::Args,
    commands::alias_or_default,
    error::KtError,
    render::{self, CertOpts},
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let session = Session::open(args, ui, Access::Read)?;
    let alias = alias_or_default(args);
    let entry = session
        .store
        .get(alias)
        .ok_or_else(|| KtError::alias_not_found(alias))?;
    let cert = entry
        .certificate()
        .ok_or_else(|| KtError::exception(format!("Alias <{alias}> has no certificate")))?;
    let der = cert.as_bytes();
    let bytes = if args.flag("rfc") {
        render::pem("CERTIFICATE", der).into_bytes()
    } else {
        der.to_vec()
    };
    match args.value("file") {
        Some(path) => {
            keystore::fs::write_output(path, &bytes).map_err(|e| KtError::io(e.to_string()))?;
            ui.err(&format!("Certificate stored in file <{path}>\n"));
        }
        None => ui.out_bytes(&bytes),
    }
    if let Ok(block) = render::cert_block(
        der,
        &CertOpts {
            exempt_signature: false,
        },
    ) {
        for w in render::warning_sentences("The certificate", &block.findings) {
            ui.warn(w);
        }
    }
    session.proprietary_warning(ui);
    Ok(())
}
