//! PKCS#10 certificate requests, made as keytool `-certreq` makes them (spec §3.4).

use der::Encode;
use signature::{Keypair, Signer};
use spki::{
    DynSignatureAlgorithmIdentifier, EncodePublicKey, SignatureBitStringEncoding,
    SubjectPublicKeyInfoOwned,
};
use x509_cert::{
    builder::{Builder, RequestBuilder},
    ext::Extension,
    name::Name,
    request::CertReq,
};

use crate::{Error, cert, ext};

/// A PKCS#10 request for `signer`'s key with `subject`. Its `extensionRequest` attribute always
/// holds the SubjectKeyIdentifier plus `extensions` (e.g. from [`crate::ext::parse`]), in
/// keytool's order (dotted-OID string), an extension with the SKI OID replacing the computed one.
/// Generic over `x509-cert`'s builder bounds.
///
/// # Errors
/// Encoding or signing errors.
pub fn build<S, Sig>(signer: &S, subject: &Name, extensions: &[Extension]) -> Result<CertReq, Error>
where
    S: Signer<Sig> + Keypair + DynSignatureAlgorithmIdentifier,
    S::VerifyingKey: EncodePublicKey,
    Sig: SignatureBitStringEncoding,
{
    let spki = SubjectPublicKeyInfoOwned::from_key(&signer.verifying_key())?;
    let mut all = vec![cert::subject_key_identifier(&spki)?];
    for e in extensions {
        all.retain(|b| b.extn_id != e.extn_id);
        all.push(e.clone());
    }
    ext::sort_keytool(&mut all);
    let mut builder = RequestBuilder::new(subject.clone())?;
    for e in all {
        builder.add_extension(e)?;
    }
    Ok(builder.build::<S, Sig>(signer)?)
}

/// The request as keytool 17 writes it: `NEW CERTIFICATE REQUEST` PEM with keytool 17's line
/// endings (`\n` after BEGIN, `\r\n` between base64 lines, `\n` after the last and after END).
///
/// # Errors
/// [`Error::Asn1`] if encoding fails.
pub fn to_pem(req: &CertReq) -> Result<String, Error> {
    Ok(cert::pem_keytool17(
        "NEW CERTIFICATE REQUEST",
        &req.to_der()?,
    ))
}
