//! `-selfcert` (keytool.md §3.15): re-sign a key entry's certificate as a new self-signed one —
//! fresh serial and validity, the existing extensions kept (`-ext` replaces them one by one),
//! `-dname` changing subject and issuer.

use der::oid::AssociatedOid;
use keystore::{CertificateDer, Entry};
use keystore_certgen::{cert, dname};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier};

use crate::{
    args::Args,
    commands::{
        alias_or_default,
        certreq::{apply_sigalg, der_of, signing_entry},
        genkeypair::cert_params,
    },
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let mut session = Session::open(args, ui, Access::Modify)?;
    let alias = alias_or_default(args).to_owned();
    let (key, old) = signing_entry(args, ui, &session, &alias)?;
    let key = apply_sigalg(args, key)?;
    let subject = match args.value("dname") {
        Some(d) => dname::parse(d).map_err(|e| KtError::from_java_text(&e.to_string()))?,
        None => old.tbs_certificate().subject().clone(),
    };
    let kept: Vec<_> = old
        .tbs_certificate()
        .extensions()
        .into_iter()
        .flatten()
        .filter(|e| {
            e.extn_id != SubjectKeyIdentifier::OID && e.extn_id != AuthorityKeyIdentifier::OID
        })
        .cloned()
        .collect();
    let params = cert_params(args, subject, kept)?;
    let certificate =
        cert::self_signed(&key, &params).map_err(|e| KtError::from_java_text(&e.to_string()))?;
    let der = der_of(&certificate)?;
    if let Some(Entry::PrivateKey(k)) = session.store.entries_mut().get_mut(&alias) {
        k.chain = vec![CertificateDer::new(der)];
        k.created = Some(keystore::now());
    }
    session.save(ui)
}
