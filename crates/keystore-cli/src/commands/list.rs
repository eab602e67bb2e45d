//! `-list`: the entries, in keytool's three formats (default, `-v`, `-rfc`).

use std::collections::BTreeSet;

use keystore::{Entry, EntryKind};

use crate::{
    args::Args,
    error::{KtError, Usage},
    render::{self, CertOpts, HashAlg},
    session::{Access, Session},
    ui::Ui,
};

const SEPARATOR: &str = "\n\n*******************************************\n*******************************************\n\n\n";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Short,
    Verbose,
    Rfc,
}

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let style = match (args.flag("v"), args.flag("rfc")) {
        (true, true) => {
            return Err(KtError::Usage(Usage::new(
                "Must not specify both -v and -rfc with 'list' command".into(),
                args.command.help(),
            )));
        }
        (true, false) => Style::Verbose,
        (false, true) => Style::Rfc,
        (false, false) => Style::Short,
    };
    let session = Session::open(args, ui, Access::Read)?;
    let mut listing = Listing::new(style, &session.store);
    let mut out = String::new();
    if let Some(name) = args.value("alias") {
        // keytool echoes the alias as typed, whatever the stored case.
        let (_, entry) = session
            .store
            .entries()
            .get(name)
            .ok_or_else(|| KtError::alias_not_found(name))?;
        listing.entry(&mut out, name, entry, "The certificate")?;
    } else {
        let sorted = session.store.listing();
        let count = sorted.len();
        out.push_str(&format!(
            "Keystore type: {}\nKeystore provider: {}\n\nYour keystore contains {} entr{}\n\n",
            session.shown_type.keytool_name(),
            session.shown_type.provider_name(),
            render::group_thousands(count as u64),
            if count == 1 { "y" } else { "ies" },
        ));
        for (alias, entry) in sorted {
            listing.entry(&mut out, &alias, entry, &format!("<{alias}>"))?;
            if style != Style::Short {
                out.push_str(SEPARATOR);
            }
        }
    }
    ui.out(&out);
    for w in listing.warnings {
        ui.warn(w);
    }
    session.proprietary_warning(ui);
    Ok(())
}

fn date(entry: &Entry) -> String {
    let ms = entry.created().map_or_else(|| keystore::now().0, |t| t.0);
    render::java_medium_date(ms)
}

/// What one listing prints, and the weak-algorithm warnings it collects.
struct Listing<'s> {
    style: Style,
    /// Certificates held as trusted entries: keytool does not flag their signature algorithm.
    trusted: BTreeSet<&'s [u8]>,
    warnings: Vec<String>,
}

impl<'s> Listing<'s> {
    fn new(style: Style, store: &'s keystore::KeyStore) -> Self {
        let trusted = store
            .entries()
            .iter()
            .filter(|(_, e)| e.kind() == EntryKind::TrustedCert)
            .filter_map(|(_, e)| e.certificate().map(keystore::CertificateDer::as_bytes))
            .collect();
        Self {
            style,
            trusted,
            warnings: Vec::new(),
        }
    }

    /// The certificate as this listing shows it (block, PEM, or nothing for the one-line
    /// form); its weak-algorithm findings become warnings labelled `label` (`<alias>`,
    /// `<alias> #1 of 2`, `The certificate`).
    fn certificate(&mut self, der: &[u8], label: &str) -> Result<String, KtError> {
        let opts = CertOpts {
            exempt_signature: self.trusted.contains(der),
        };
        let unparseable = |e: render::RenderError| KtError::io(e.to_string());
        let (text, findings) = match self.style {
            Style::Verbose => {
                let block = render::cert_block(der, &opts).map_err(unparseable)?;
                (block.text, block.findings)
            }
            Style::Rfc => (
                render::pem("CERTIFICATE", der),
                render::findings(der, &opts).map_err(unparseable)?,
            ),
            Style::Short => (
                String::new(),
                render::findings(der, &opts).map_err(unparseable)?,
            ),
        };
        self.warnings
            .extend(render::warning_sentences(label, &findings));
        Ok(text)
    }

    fn entry(
        &mut self,
        out: &mut String,
        alias: &str,
        entry: &Entry,
        label: &str,
    ) -> Result<(), KtError> {
        let kind = entry.kind().keytool_name();
        let certs = entry.certificates();
        let mut texts = Vec::with_capacity(certs.len());
        for (i, cert) in certs.iter().enumerate() {
            let label = if certs.len() > 1 {
                format!("{label} #{} of {}", i + 1, certs.len())
            } else {
                label.to_owned()
            };
            texts.push(self.certificate(cert.as_bytes(), &label)?);
        }
        if self.style == Style::Short {
            out.push_str(&format!("{alias}, {}, {kind}, \n", date(entry)));
            match (entry.kind(), certs.first()) {
                (EntryKind::SecretKey, _) => {}
                (_, None) => out.push_str("Certificate chain length: 0\n"),
                (_, Some(cert)) => out.push_str(&format!(
                    "Certificate fingerprint (SHA-256): {}\n",
                    render::fingerprint(cert.as_bytes(), HashAlg::Sha256)
                )),
            }
            return Ok(());
        }
        out.push_str(&format!(
            "Alias name: {alias}\nCreation date: {}\nEntry type: {kind}\n",
            date(entry)
        ));
        match entry.kind() {
            EntryKind::PrivateKey => {
                out.push_str(&format!("Certificate chain length: {}\n", texts.len()));
                for (i, text) in texts.iter().enumerate() {
                    out.push_str(&format!("Certificate[{}]:\n{text}", i + 1));
                }
            }
            EntryKind::TrustedCert => {
                for text in &texts {
                    out.push('\n');
                    out.push_str(text);
                }
            }
            _ => {}
        }
        Ok(())
    }
}
