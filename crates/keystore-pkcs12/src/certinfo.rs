//! Just enough X.509 to pair keys with certificates and build chains as Java's PKCS#12 reader
//! does (pkcs12.md §6.9): subject, issuer, subject and authority key identifiers.

use alloc::vec::Vec;
use keystore_model::{Error, Malformed};

use crate::{
    asn1::{self, OCTET_STRING, Reader, SEQUENCE},
    ber, oids,
};

/// The parts of a certificate chain building needs (owned, normalized DER).
#[derive(Debug)]
pub(crate) struct CertInfo {
    /// DER of the subject `Name`.
    pub(crate) subject: Vec<u8>,
    /// DER of the issuer `Name`.
    pub(crate) issuer: Vec<u8>,
    /// `subjectKeyIdentifier` key identifier.
    pub(crate) ski: Option<Vec<u8>>,
    /// `authorityKeyIdentifier` key identifier.
    pub(crate) aki: Option<Vec<u8>>,
}

impl CertInfo {
    /// Parses a certificate (BER tolerated); anything that is not an X.509 `Certificate`
    /// structure is `BadCertificate` at `offset`.
    pub(crate) fn parse(der: &[u8], offset: usize) -> Result<Self, Error> {
        let bad = || asn1::malformed(offset, Malformed::BadCertificate);
        let norm = ber::normalize(der, offset).map_err(|_| bad())?;
        Self::parse_der(&norm, offset).map_err(|_| bad())
    }

    fn parse_der(der: &[u8], offset: usize) -> Result<Self, Error> {
        let mut top = Reader::new(der, offset);
        let cert = top.expect(SEQUENCE, "certificate")?;
        top.finish("certificate")?;
        let mut c = cert.reader();
        let tbs = c.expect(SEQUENCE, "tbsCertificate")?;
        c.expect(SEQUENCE, "signatureAlgorithm")?;
        c.expect(0x03, "signatureValue")?;
        c.finish("certificate")?;

        let mut t = tbs.reader();
        t.optional(0xa0)?; // version
        t.expect(asn1::INTEGER, "serialNumber")?;
        t.expect(SEQUENCE, "signature")?;
        let issuer = t.expect(SEQUENCE, "issuer")?.raw.to_vec();
        t.expect(SEQUENCE, "validity")?;
        let subject = t.expect(SEQUENCE, "subject")?.raw.to_vec();
        t.expect(SEQUENCE, "subjectPublicKeyInfo")?;
        t.optional(0x81)?;
        t.optional(0xa1)?;
        t.optional(0x82)?;
        t.optional(0xa2)?;
        let mut ski = None;
        let mut aki = None;
        if let Some(exts) = t.optional(0xa3)? {
            let mut e = exts.reader();
            let list = e.expect(SEQUENCE, "extensions")?;
            let mut l = list.reader();
            while !l.is_empty() {
                let ext = l.expect(SEQUENCE, "extension")?;
                let mut x = ext.reader();
                let id = x.next()?.oid()?;
                x.optional(0x01)?; // critical
                let value = x.expect(OCTET_STRING, "extnValue")?;
                // Extension values that do not parse are ignored (Java ignores them here too).
                if id == oids::SUBJECT_KEY_ID {
                    ski = value
                        .reader()
                        .expect(OCTET_STRING, "keyIdentifier")
                        .ok()
                        .map(|k| k.content.to_vec());
                } else if id == oids::AUTHORITY_KEY_ID {
                    aki = value
                        .reader()
                        .expect(SEQUENCE, "authorityKeyIdentifier")
                        .ok()
                        .and_then(|seq| seq.reader().optional(0x80).ok().flatten())
                        .map(|k| k.content.to_vec());
                }
            }
        }
        Ok(Self {
            subject,
            issuer,
            ski,
            aki,
        })
    }

    /// Java's `KeyStoreUtil.isSelfSigned` without the signature check: subject == issuer.
    pub(crate) fn is_self_issued(&self) -> bool {
        self.subject == self.issuer
    }
}

/// Java's `findIssuer` over `candidates` (index, certificate) in file order: the first whose
/// subject is `child`'s issuer and whose subject key identifier equals `child`'s authority key
/// identifier; if `child` has an AKI, a DN match without an SKI is the fallback; without an AKI
/// the first DN match wins.
pub(crate) fn find_issuer<'a>(
    child: &CertInfo,
    candidates: impl IntoIterator<Item = (usize, &'a CertInfo)>,
) -> Option<usize> {
    let mut fallback = None;
    for (i, cert) in candidates {
        if cert.subject != child.issuer {
            continue;
        }
        match (&child.aki, &cert.ski) {
            (Some(aki), Some(ski)) if aki == ski => return Some(i),
            (Some(_), Some(_)) => {}
            (Some(_), None) => fallback = Some(i),
            (None, _) => return Some(i),
        }
    }
    fallback
}
