//! `-list`: the entries, in keytool's three formats (default, `-v`, `-rfc`).

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
    let mut out = String::new();
    if let Some(name) = args.value("alias") {
        // keytool echoes the alias as typed, whatever the stored case.
        let (_, entry) = session.store.entries().get(name).ok_or_else(|| KtError::alias_not_found(name))?;
        let mut warnings = Vec::new();
        print_entry(&mut out, name, entry, style, "The certificate", &mut warnings)?;
        ui.out(&out);
        for w in warnings {
            ui.warn(w);
        }
    } else {
        let sorted = session.store.entries().sorted();
        let count = sorted.len();
        out.push_str(&format!(
            "Keystore type: {}\nKeystore provider: {}\n\nYour keystore contains {} entr{}\n\n",
            session.shown_type.keytool_name(),
            session.shown_type.provider_name(),
            render::group_thousands(count as u64),
            if count == 1 { "y" } else { "ies" },
        ));
        let mut warnings = Vec::new();
        for (alias, entry) in sorted {
            print_entry(&mut out, alias.as_str(), entry, style, &format!("<{alias}>"), &mut warnings)?;
            if style != Style::Short {
                out.push_str(SEPARATOR);
            }
        }
        ui.out(&out);
        for w in warnings {
            ui.warn(w);
        }
    }
    session.proprietary_warning(ui);
    Ok(())
}

fn date(entry: &Entry) -> String {
    let ms = entry.created().map_or_else(|| keystore::now().0, |t| t.0);
    render::java_medium_date(ms)
}

fn print_entry(
    out: &mut String,
    alias: &str,
    entry: &Entry,
    style: Style,
    label: &str,
    warnings: &mut Vec<String>,
) -> Result<(), KtError> {
    let kind = entry.kind().keytool_name();
    let certs = entry.certificates();
    if style == Style::Short {
        out.push_str(&format!("{alias}, {}, {kind}, \n", date(entry)));
        match (entry.kind(), certs.first()) {
            (EntryKind::SecretKey, _) => {}
            (_, None) => out.push_str("Certificate chain length: 0\n"),
            (_, Some(cert)) => {
                out.push_str(&format!(
                    "Certificate fingerprint (SHA-256): {}\n",
                    render::fingerprint(cert.as_bytes(), HashAlg::Sha256)
                ));
            }
        }
        collect_warnings(entry, label, warnings);
        return Ok(());
    }
    out.push_str(&format!("Alias name: {alias}\nCreation date: {}\nEntry type: {kind}\n", date(entry)));
    match entry {
        Entry::PrivateKey(k) => {
            out.push_str(&format!("Certificate chain length: {}\n", k.chain.len()));
            for (i, cert) in k.chain.iter().enumerate() {
                out.push_str(&format!("Certificate[{}]:\n", i + 1));
                out.push_str(&cert_text(cert.as_bytes(), style, false)?);
            }
        }
        Entry::TrustedCert(t) => {
            out.push('\n');
            out.push_str(&cert_text(t.cert.as_bytes(), style, true)?);
        }
        _ => {}
    }
    collect_warnings(entry, label, warnings);
    Ok(())
}

fn cert_text(der: &[u8], style: Style, trusted: bool) -> Result<String, KtError> {
    if style == Style::Rfc {
        return Ok(render::pem("CERTIFICATE", der));
    }
    let opts = CertOpts { exempt_signature: trusted && render::is_self_signed(der) };
    render::cert_block(der, &opts).map(|b| b.text).map_err(|e| KtError::io(e.to_string()))
}

/// keytool's weak-algorithm warnings: `<alias> uses …`, `<alias> #1 of 2 uses …`.
fn collect_warnings(entry: &Entry, label: &str, warnings: &mut Vec<String>) {
    let certs = entry.certificates();
    let trusted = entry.kind() == EntryKind::TrustedCert;
    for (i, cert) in certs.iter().enumerate() {
        let der = cert.as_bytes();
        let opts = CertOpts { exempt_signature: trusted && render::is_self_signed(der) };
        let Ok(block) = render::cert_block(der, &opts) else { continue };
        let label = if certs.len() > 1 { format!("{label} #{} of {}", i + 1, certs.len()) } else { label.to_owned() };
        warnings.extend(render::warning_sentences(&label, &block.findings));
    }
}
