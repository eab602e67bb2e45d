//! Signed X.509 certificate revocation lists, made as keytool 17's `-gencrl` makes them.
//!
//! keytool's CRL: issuer = the signing certificate's subject (its DER copied as is),
//! thisUpdate = `-startdate` or now (whole seconds), nextUpdate = thisUpdate + `-validity` days
//! (default 90), every revoked entry dated thisUpdate, an optional non-critical CRLReason entry
//! extension per entry, no CRL extensions. The version field (v2) is written only when some
//! entry has an extension: a CRL without any is a v1 CRL, byte for byte as keytool writes it.

use std::time::SystemTime;

use der::{
    Encode, Header, Length, Tag,
    asn1::{Int, OctetString},
};
use signature::Signer;
use spki::{DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding};
use x509_cert::{
    Certificate,
    ext::Extension,
    time::{Time, Validity},
};

use crate::{Error, cert};

/// `id-ce-cRLReasons` (2.5.29.21).
pub const CRL_REASON_CODE: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("2.5.29.21");

/// One certificate to list as revoked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Revocation {
    /// The serial number, big-endian two's complement (negative serials are allowed, as
    /// keytool allows them); redundant leading bytes are dropped when encoding.
    pub serial: Vec<u8>,
    /// The CRLReason code (RFC 5280 §5.3.1), written as a non-critical entry extension.
    /// Any `i32` is encoded as given (keytool writes what it is told, e.g. 7 or 11).
    pub reason: Option<i32>,
}

impl Revocation {
    /// Revokes `serial` (two's complement bytes), without a reason.
    #[must_use]
    pub fn new(serial: impl Into<Vec<u8>>) -> Self {
        Self {
            serial: serial.into(),
            reason: None,
        }
    }

    /// Sets the reason code.
    #[must_use]
    pub fn with_reason(mut self, reason: i32) -> Self {
        self.reason = Some(reason);
        self
    }
}

/// What goes into a CRL besides the issuer.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CrlParams {
    /// thisUpdate (`-startdate`); `None` = now. Sub-second precision is dropped.
    pub this_update: Option<SystemTime>,
    /// nextUpdate − thisUpdate in days (`-validity`; keytool's default 90). Must be positive.
    pub validity_days: u32,
    /// The revoked certificates, in order.
    pub revoked: Vec<Revocation>,
}

impl CrlParams {
    /// keytool's defaults: from now, 90 days, nothing revoked.
    #[must_use]
    pub fn new() -> Self {
        Self {
            this_update: None,
            validity_days: cert::DEFAULT_VALIDITY_DAYS,
            revoked: Vec::new(),
        }
    }

    /// Sets thisUpdate.
    #[must_use]
    pub fn with_this_update(mut self, t: SystemTime) -> Self {
        self.this_update = Some(t);
        self
    }

    /// Sets the validity in days.
    #[must_use]
    pub fn with_validity_days(mut self, days: u32) -> Self {
        self.validity_days = days;
        self
    }

    /// Adds a revoked certificate.
    #[must_use]
    pub fn with_revoked(mut self, r: Revocation) -> Self {
        self.revoked.push(r);
        self
    }
}

impl Default for CrlParams {
    fn default() -> Self {
        Self::new()
    }
}

/// The CRLReason entry extension (non-critical, ENUMERATED `reason`).
///
/// # Errors
/// [`Error::Asn1`] if encoding fails.
pub fn reason_code_extension(reason: i32) -> Result<Extension, Error> {
    let int = Int::new(minimal(&reason.to_be_bytes()))?;
    let mut value = int.to_der()?;
    if let Some(tag) = value.first_mut() {
        *tag = 0x0A; // ENUMERATED: same content rules as INTEGER
    }
    Ok(Extension {
        extn_id: CRL_REASON_CODE,
        critical: false,
        extn_value: OctetString::new(value)?,
    })
}

/// The minimal two's-complement form (DER forbids redundant leading bytes; `der`'s `Int::new`
/// keeps them).
fn minimal(mut bytes: &[u8]) -> &[u8] {
    while let [first, second, ..] = bytes {
        let redundant =
            (*first == 0 && second & 0x80 == 0) || (*first == 0xFF && second & 0x80 != 0);
        if !redundant {
            break;
        }
        bytes = bytes.get(1..).unwrap_or_default();
    }
    if bytes.is_empty() { &[0] } else { bytes }
}

fn sequence(parts: &[&[u8]]) -> Result<Vec<u8>, Error> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Header::new(Tag::Sequence, Length::try_from(len)?).to_der()?;
    for p in parts {
        out.extend_from_slice(p);
    }
    Ok(out)
}

/// `revokedCertificates` entry: `x509-cert`'s `RevokedCert` fields, written here so that a
/// serial of any length is accepted (keytool takes any `BigInteger`).
fn revoked_entry(r: &Revocation, date: Time) -> Result<Vec<u8>, Error> {
    let serial = Int::new(minimal(&r.serial))?.to_der()?;
    let date = date.to_der()?;
    let extensions = match r.reason {
        Some(reason) => vec![reason_code_extension(reason)?].to_der()?,
        None => Vec::new(),
    };
    sequence(&[&serial, &date, &extensions])
}

/// The DER of a CRL listing `params.revoked`, issued under `issuer_cert`'s subject and signed by
/// `issuer_key` with its signature algorithm (keytool `-gencrl`). Generic over the RustCrypto
/// signer traits, so any signer works; with [`crate::AnySigningKey`] the signature type is
/// inferred. The pieces are `x509-cert` types; the TBS is assembled here because `x509-cert`'s
/// `TbsCertList` always writes the version, and keytool writes none for a CRL without
/// extensions.
///
/// # Errors
/// [`Error::ValidityNotPositive`] / [`Error::ValidityTooLong`] for a bad validity, encoding
/// errors (a serial number too long for DER lengths), and signing errors.
pub fn issue<S, Sig>(
    issuer_key: &S,
    issuer_cert: &Certificate,
    params: &CrlParams,
) -> Result<Vec<u8>, Error>
where
    S: Signer<Sig> + DynSignatureAlgorithmIdentifier,
    Sig: SignatureBitStringEncoding,
{
    let Validity {
        not_before: this_update,
        not_after: next_update,
        ..
    } = cert::validity(params.this_update, params.validity_days)?;
    let algorithm = issuer_key.signature_algorithm_identifier()?.to_der()?;
    let issuer = issuer_cert.tbs_certificate().subject().to_der()?;
    let entries = params
        .revoked
        .iter()
        .map(|r| revoked_entry(r, this_update))
        .collect::<Result<Vec<_>, _>>()?;
    let v2 = params.revoked.iter().any(|r| r.reason.is_some());
    let version = Int::new(&[1])?.to_der()?;
    let (this_der, next_der) = (this_update.to_der()?, next_update.to_der()?);
    let mut fields: Vec<&[u8]> = Vec::new();
    if v2 {
        fields.push(&version);
    }
    fields.extend([
        algorithm.as_slice(),
        issuer.as_slice(),
        &this_der,
        &next_der,
    ]);
    let entry_refs: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
    let revoked = sequence(&entry_refs)?;
    if !entries.is_empty() {
        fields.push(&revoked);
    }
    let tbs = sequence(&fields)?;
    let signature = issuer_key.try_sign(&tbs)?.to_bitstring()?.to_der()?;
    sequence(&[&tbs, &algorithm, &signature])
}

/// The CRL as keytool 17's `-gencrl -rfc` writes it (`X509 CRL` PEM, `\r\n` inside the
/// Base-64, as its certificates).
#[must_use]
pub fn to_pem(der: &[u8]) -> String {
    cert::pem_keytool17("X509 CRL", der)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AnySigningKey, CertParams, KeyAlgorithm, dname};
    use der::{Decode, referenced::OwnedToRef};
    use x509_cert::crl::CertificateList;

    fn ca() -> (AnySigningKey, Certificate) {
        let key = AnySigningKey::generate(KeyAlgorithm::EcP256).expect("key");
        let subject = dname::parse("CN=CRL Test CA, O=keystore-rs").expect("dname");
        let cert = cert::self_signed(&key, &CertParams::new(subject)).expect("cert");
        (key, cert)
    }

    #[test]
    fn v2_with_reasons_parses_and_verifies() {
        let (key, ca) = ca();
        let start = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_735_689_600);
        let params = CrlParams::new()
            .with_this_update(start)
            .with_validity_days(10)
            .with_revoked(Revocation::new([0, 0, 1]))
            .with_revoked(Revocation::new([0x00, 0xFF]).with_reason(1))
            .with_revoked(Revocation::new([0xFB]).with_reason(-1));
        let der = issue(&key, &ca, &params).expect("crl");
        let crl =
            CertificateList::<x509_cert::certificate::Rfc5280>::from_der(&der).expect("parse");
        let tbs = &crl.tbs_cert_list;
        assert_eq!(tbs.version, x509_cert::Version::V2);
        assert_eq!(tbs.issuer, *ca.tbs_certificate().subject());
        assert_eq!(tbs.this_update.to_unix_duration().as_secs(), 1_735_689_600);
        assert_eq!(
            tbs.next_update.map(|t| t.to_unix_duration().as_secs()),
            Some(1_735_689_600 + 10 * 86_400)
        );
        let revoked = tbs.revoked_certificates.as_ref().expect("revoked");
        assert_eq!(revoked.len(), 3);
        assert_eq!(revoked[1].serial_number.as_bytes(), [0x00, 0xFF]);
        assert_eq!(revoked[2].serial_number.as_bytes(), [0xFB]);
        let ext = &revoked[2].crl_entry_extensions.as_ref().expect("ext")[0];
        assert_eq!(ext.extn_value.as_bytes(), [0x0A, 0x01, 0xFF]);
        let reason = &revoked[1].crl_entry_extensions.as_ref().expect("ext")[0];
        assert_eq!(reason.extn_value.as_bytes(), [0x0A, 0x01, 0x01]);
        assert_eq!(revoked[0].serial_number.as_bytes(), [1]);
        assert!(crl.tbs_cert_list.crl_extensions.is_none());
        // The signature verifies with the CA key over the TBS as encoded.
        let tbs_der = tbs.to_der().expect("tbs");
        let spki = ca.tbs_certificate().subject_public_key_info();
        assert!(crate::verify_signature_with(
            crl.signature_algorithm.owned_to_ref(),
            spki.owned_to_ref(),
            &tbs_der,
            crl.signature.raw_bytes(),
        ));
    }

    #[test]
    fn without_extensions_is_v1() {
        let (key, ca) = ca();
        let der = issue(
            &key,
            &ca,
            &CrlParams::new().with_revoked(Revocation::new([7])),
        )
        .expect("crl");
        // TBS starts with the AlgorithmIdentifier, not the version INTEGER.
        let outer = der::asn1::AnyRef::from_der(&der).expect("outer");
        let mut r = der::SliceReader::new(outer.value()).expect("reader");
        let tbs = der::asn1::AnyRef::decode(&mut r).expect("tbs");
        let mut t = der::SliceReader::new(tbs.value()).expect("tbs reader");
        let first = der::asn1::AnyRef::decode(&mut t).expect("first field");
        assert_eq!(der::Tagged::tag(&first), Tag::Sequence);
        let empty = issue(&key, &ca, &CrlParams::new()).expect("empty crl");
        assert!(empty.len() < der.len());
        assert!(to_pem(&empty).starts_with("-----BEGIN X509 CRL-----\n"));
    }

    #[test]
    fn zero_validity_is_refused() {
        let (key, ca) = ca();
        assert!(matches!(
            issue(&key, &ca, &CrlParams::new().with_validity_days(0)),
            Err(Error::ValidityNotPositive)
        ));
    }
}
