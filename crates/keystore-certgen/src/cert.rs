//! Self-signed and issued X.509 v3 certificates, made as keytool makes them (spec §2).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64ct::Encoding as _;
use der::{DateTime, Decode, Encode, asn1::OctetString};
use sha1::{Digest, Sha1};
use signature::{Keypair, Signer};
use spki::{
    DynSignatureAlgorithmIdentifier, EncodePublicKey, SignatureBitStringEncoding,
    SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef,
};
use x509_cert::{
    Certificate, TbsCertificate,
    builder::{Builder, CertificateBuilder, profile::BuilderProfile},
    ext::{
        Extension,
        pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier},
    },
    name::Name,
    serial_number::SerialNumber,
    time::{Time, Validity},
};

use crate::{
    Error,
    ext::{self, oid},
    key::OsRng,
};

/// keytool's default `-validity`, in days.
pub const DEFAULT_VALIDITY_DAYS: u32 = 90;

/// What goes into a certificate besides the keys: subject, validity, serial and `-ext` extensions.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CertParams {
    /// Subject (and, for self-signed certificates, issuer) name, e.g. from [`crate::dname::parse`].
    pub subject: Name,
    /// Validity in days (`-validity`; keytool's default 90). Must be positive.
    pub validity_days: u32,
    /// Start of the validity (`-startdate`); `None` = now. Sub-second precision is dropped.
    pub not_before: Option<SystemTime>,
    /// Serial number; `None` = random positive 64-bit as keytool makes them.
    pub serial: Option<SerialNumber>,
    /// Extensions besides SubjectKeyIdentifier / AuthorityKeyIdentifier, e.g. from
    /// [`crate::ext::parse`]. An extension with the SKI or AKI OID replaces the computed one.
    pub extensions: Vec<Extension>,
}

impl CertParams {
    /// Parameters with keytool's defaults: 90 days from now, random serial, no extra extensions.
    #[must_use]
    pub fn new(subject: Name) -> Self {
        Self {
            subject,
            validity_days: DEFAULT_VALIDITY_DAYS,
            not_before: None,
            serial: None,
            extensions: Vec::new(),
        }
    }

    /// Sets the validity in days.
    #[must_use]
    pub fn with_validity_days(mut self, days: u32) -> Self {
        self.validity_days = days;
        self
    }

    /// Sets the start of the validity.
    #[must_use]
    pub fn with_not_before(mut self, t: SystemTime) -> Self {
        self.not_before = Some(t);
        self
    }

    /// Sets the serial number.
    #[must_use]
    pub fn with_serial(mut self, serial: SerialNumber) -> Self {
        self.serial = Some(serial);
        self
    }

    /// Sets the extra extensions.
    #[must_use]
    pub fn with_extensions(mut self, extensions: Vec<Extension>) -> Self {
        self.extensions = extensions;
        self
    }
}

/// A random positive non-zero 64-bit serial number, as keytool's `new BigInteger(64, random)`
/// (8 or 9 bytes encoded).
///
/// # Errors
/// [`Error::Rng`] if the operating system RNG fails.
pub fn random_serial() -> Result<SerialNumber, Error> {
    loop {
        let n = rand_core::TryRng::try_next_u64(&mut OsRng).map_err(|e| Error::Rng(e.0))?;
        if n != 0 {
            return Ok(SerialNumber::from(n));
        }
    }
}

/// keytool's key identifier (RFC 5280 method 1): SHA-1 of the subjectPublicKey BIT STRING
/// contents.
#[must_use]
pub fn key_identifier(spki: &SubjectPublicKeyInfoOwned) -> [u8; 20] {
    Sha1::digest(spki.subject_public_key.raw_bytes()).into()
}

/// The SubjectKeyIdentifier extension for `spki` (non-critical).
///
/// # Errors
/// [`Error::Asn1`] if encoding fails.
pub fn subject_key_identifier(spki: &SubjectPublicKeyInfoOwned) -> Result<Extension, Error> {
    let ski = SubjectKeyIdentifier(OctetString::new(key_identifier(spki))?);
    Ok(Extension {
        extn_id: oid::SUBJECT_KEY_IDENTIFIER,
        critical: false,
        extn_value: OctetString::new(ski.to_der()?)?,
    })
}

/// Civil year of a Unix timestamp (proleptic Gregorian).
fn year_of(unix_secs: u64) -> u64 {
    // Howard Hinnant's civil_from_days, on non-negative day counts.
    let z = unix_secs / 86_400 + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + u64::from(month <= 2)
}

/// notBefore = `not_before` or now (whole seconds), notAfter = notBefore + days × 86400 s.
///
/// # Errors
/// [`Error::ValidityNotPositive`] for 0 days, [`Error::ValidityTooLong`] past year 9999.
pub fn validity(not_before: Option<SystemTime>, days: u32) -> Result<Validity, Error> {
    if days == 0 {
        return Err(Error::ValidityNotPositive);
    }
    let start = not_before
        .unwrap_or_else(SystemTime::now)
        .duration_since(UNIX_EPOCH)
        .map_err(|_| der::Error::from(der::ErrorKind::DateTime))?
        .as_secs();
    let end = start + u64::from(days) * 86_400;
    let year = year_of(end);
    if year > 9999 {
        return Err(Error::ValidityTooLong { year });
    }
    let time = |s: u64| -> Result<Time, Error> {
        Ok(Time::from(DateTime::from_unix_duration(
            Duration::from_secs(s),
        )?))
    };
    Ok(Validity::new(time(start)?, time(end)?))
}

/// The profile that hands `x509-cert`'s builder exactly keytool's names and extensions.
struct KeytoolProfile {
    subject: Name,
    issuer: Name,
    extensions: Vec<Extension>,
}

impl BuilderProfile for KeytoolProfile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(self.extensions.clone())
    }
}

/// SKI, optional AKI and the caller's extensions, later ones replacing earlier ones with the
/// same OID, in keytool's order.
fn merge_extensions(mut base: Vec<Extension>, extra: &[Extension]) -> Vec<Extension> {
    for e in extra {
        base.retain(|b| b.extn_id != e.extn_id);
        base.push(e.clone());
    }
    ext::sort_keytool(&mut base);
    base
}

fn build<S, Sig>(
    signer: &S,
    issuer: Name,
    subject_spki: SubjectPublicKeyInfoOwned,
    aki: Option<[u8; 20]>,
    params: &CertParams,
) -> Result<Certificate, Error>
where
    S: Signer<Sig> + Keypair + DynSignatureAlgorithmIdentifier,
    S::VerifyingKey: EncodePublicKey,
    Sig: SignatureBitStringEncoding,
{
    let mut base = vec![subject_key_identifier(&subject_spki)?];
    if let Some(id) = aki {
        let aki = AuthorityKeyIdentifier {
            key_identifier: Some(OctetString::new(id)?),
            authority_cert_issuer: None,
            authority_cert_serial_number: None,
        };
        base.push(Extension {
            extn_id: oid::AUTHORITY_KEY_IDENTIFIER,
            critical: false,
            extn_value: OctetString::new(aki.to_der()?)?,
        });
    }
    let profile = KeytoolProfile {
        subject: params.subject.clone(),
        issuer,
        extensions: merge_extensions(base, &params.extensions),
    };
    let serial = match &params.serial {
        Some(s) => s.clone(),
        None => random_serial()?,
    };
    let validity = validity(params.not_before, params.validity_days)?;
    let builder = CertificateBuilder::new(profile, serial, validity, subject_spki)?;
    Ok(builder.build::<S, Sig>(signer)?)
}

/// A self-signed v3 certificate for `signer`'s key (keytool `-genkeypair`): issuer = subject,
/// SubjectKeyIdentifier always, plus `params.extensions`, in keytool's extension order.
/// Generic over `x509-cert`'s builder bounds, so any RustCrypto signer (an HSM's too) works;
/// with [`crate::AnySigningKey`] the signature type is inferred.
///
/// # Errors
/// [`Error::ValidityNotPositive`] / [`Error::ValidityTooLong`] for a bad validity, [`Error::Rng`]
/// if no serial can be drawn, and encoding or signing errors.
pub fn self_signed<S, Sig>(signer: &S, params: &CertParams) -> Result<Certificate, Error>
where
    S: Signer<Sig> + Keypair + DynSignatureAlgorithmIdentifier,
    S::VerifyingKey: EncodePublicKey,
    Sig: SignatureBitStringEncoding,
{
    let spki = SubjectPublicKeyInfoOwned::from_key(&signer.verifying_key())?;
    build(signer, params.subject.clone(), spki, None, params)
}

/// Signs a certificate request in one call, as a CA that honours what was asked: the request's
/// signature is checked, its subject and requested extensions (SubjectAlternativeName, key
/// usages, …) are copied, SKI/AKI are computed, and the certificate is valid for
/// `validity_days` from now.
///
/// # Errors
/// [`Error::InvalidRequestSignature`]; as [`issue`].
pub fn sign_request<S, Sig>(
    issuer_key: &S,
    issuer_cert: &Certificate,
    request: &x509_cert::request::CertReq,
    validity_days: u32,
) -> Result<Certificate, Error>
where
    S: Signer<Sig> + Keypair + DynSignatureAlgorithmIdentifier,
    S::VerifyingKey: EncodePublicKey,
    Sig: SignatureBitStringEncoding,
{
    crate::csr::verify(request)?;
    let extensions = crate::csr::requested_extensions(request)?
        .into_iter()
        .filter(|e| {
            e.extn_id != oid::SUBJECT_KEY_IDENTIFIER && e.extn_id != oid::AUTHORITY_KEY_IDENTIFIER
        })
        .collect();
    let params = CertParams::new(request.info.subject.clone())
        .with_validity_days(validity_days)
        .with_extensions(extensions);
    issue(
        issuer_key,
        issuer_cert,
        request.info.public_key.clone(),
        &params,
    )
}

/// A certificate for `subject_spki` issued by `issuer_key`, whose certificate is `issuer_cert`
/// (keytool `-gencert` / `-genkeypair -signer`): issuer = `issuer_cert`'s subject, SKI of the
/// subject key, AuthorityKeyIdentifier = the issuer certificate's SKI (or SHA-1 of its key if it
/// has none), omitted when the subject key is the issuer key.
///
/// # Errors
/// As [`self_signed`], plus [`Error::Asn1`] for an issuer certificate whose SKI is malformed.
pub fn issue<S, Sig>(
    issuer_key: &S,
    issuer_cert: &Certificate,
    subject_spki: SubjectPublicKeyInfoOwned,
    params: &CertParams,
) -> Result<Certificate, Error>
where
    S: Signer<Sig> + Keypair + DynSignatureAlgorithmIdentifier,
    S::VerifyingKey: EncodePublicKey,
    Sig: SignatureBitStringEncoding,
{
    let tbs = issuer_cert.tbs_certificate();
    let issuer_spki = tbs.subject_public_key_info();
    let aki = if *issuer_spki == subject_spki {
        None
    } else {
        let ski = tbs
            .extensions()
            .into_iter()
            .flatten()
            .find(|e| e.extn_id == oid::SUBJECT_KEY_IDENTIFIER);
        match ski {
            Some(e) => {
                let ski = SubjectKeyIdentifier::from_der(e.extn_value.as_bytes())?;
                let bytes = ski.0.as_bytes();
                // keytool copies the issuer's SKI whatever its length; ours are always 20 bytes.
                Some(<[u8; 20]>::try_from(bytes).unwrap_or_else(|_| Sha1::digest(bytes).into()))
            }
            None => Some(key_identifier(issuer_spki)),
        }
    };
    build(issuer_key, tbs.subject().clone(), subject_spki, aki, params)
}

/// PEM as keytool 17 writes it (spec §6.5): `-----BEGIN <label>-----\n`, base64 in 64-column
/// lines joined by `\r\n`, then `\n-----END <label>-----\n`.
#[must_use]
pub fn pem_keytool17(label: &str, der: &[u8]) -> String {
    let b64 = base64ct::Base64::encode_string(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| core::str::from_utf8(c).unwrap_or_default())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\r\n")
    )
}

/// The certificate as keytool 17's `-exportcert -rfc` PEM.
///
/// # Errors
/// [`Error::Asn1`] if encoding fails.
pub fn to_pem(cert: &Certificate) -> Result<String, Error> {
    Ok(pem_keytool17("CERTIFICATE", &cert.to_der()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(253_402_300_799), 9999); // 9999-12-31T23:59:59Z
        assert_eq!(year_of(253_402_300_800), 10000);
        assert_eq!(year_of(951_782_400), 2000); // 2000-02-29
    }
}
