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

use crate::{Error, cert, dname, ext};

/// PKCS#9 `extensionRequest`.
const EXTENSION_REQUEST: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

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

/// A request in one call: subject from keytool's `-dname` syntax, SubjectAlternativeNames from
/// its SAN-list syntax (empty for none), e.g.
/// `build_with_sans(&key, "CN=cvp1.example.com", "dns:cvp1.example.com,dns:localhost")`.
///
/// # Errors
/// [`Error::Dname`], [`Error::Ext`] for malformed text; as [`build`].
pub fn build_with_sans<S, Sig>(signer: &S, dname: &str, sans: &str) -> Result<CertReq, Error>
where
    S: Signer<Sig> + Keypair + DynSignatureAlgorithmIdentifier,
    S::VerifyingKey: EncodePublicKey,
    Sig: SignatureBitStringEncoding,
{
    let subject = dname::parse(dname)?;
    let mut extensions = Vec::new();
    if !sans.is_empty() {
        extensions.push(ext::subject_alt_name(&ext::parse_san_list(sans)?, false)?);
    }
    build(signer, &subject, &extensions)
}

/// Checks the request's signature with its own public key (keytool refuses requests that
/// fail: `Invalid PKCS #10 signature`).
///
/// # Errors
/// [`Error::InvalidRequestSignature`]; [`Error::UnsupportedSignatureAlgorithm`] when the
/// algorithm is one this crate cannot verify; [`Error::Asn1`] if the request cannot be
/// re-encoded.
pub fn verify(req: &CertReq) -> Result<(), Error> {
    use der::Decode;
    if !crate::verify::is_supported_signature_algorithm(req.algorithm.oid) {
        return Err(Error::UnsupportedSignatureAlgorithm(
            req.algorithm.oid.to_string(),
        ));
    }
    let info = req.info.to_der()?;
    let spki_der = req.info.public_key.to_der()?;
    let spki = spki::SubjectPublicKeyInfoRef::from_der(&spki_der)?;
    let signature = req
        .signature
        .as_bytes()
        .ok_or(Error::InvalidRequestSignature)?;
    let alg = spki::AlgorithmIdentifierRef {
        oid: req.algorithm.oid,
        parameters: req.algorithm.parameters.as_ref().map(der::AnyRef::from),
    };
    if crate::verify::verify_signature_with(alg, spki, &info, signature) {
        Ok(())
    } else {
        Err(Error::InvalidRequestSignature)
    }
}

/// The extensions of the request's `extensionRequest` attribute (empty when it has none).
///
/// # Errors
/// [`Error::Asn1`] for a malformed attribute.
pub fn requested_extensions(req: &CertReq) -> Result<Vec<Extension>, Error> {
    use der::Decode;
    let mut out = Vec::new();
    for attr in req
        .info
        .attributes
        .iter()
        .filter(|a| a.oid == EXTENSION_REQUEST)
    {
        for value in attr.values.iter() {
            let exts = Vec::<Extension>::from_der(&value.to_der()?)?;
            out.extend(exts);
        }
    }
    Ok(out)
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
