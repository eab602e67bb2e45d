//! Reading certificates from the forms users hand to keytool: DER, PEM (one or several
//! blocks, any text around them, any line endings), and bare Base-64 as some tools save it.

use base64ct::{Base64, Encoding};
use keystore_model::CertificateDer;

/// Largest certificate input accepted (certificates are a few KiB; bundles rarely 1 MiB).
const MAX_INPUT: usize = 16 * 1024 * 1024;

/// Splits `input` into DER certificates, in input order. Text outside PEM blocks is ignored.
/// Blocks that are not certificates (e.g. a private key) are skipped. Returns an empty list
/// when nothing certificate-like is found; malformed Base-64 inside a block is an error.
///
/// # Errors
/// [`CertInputError`] naming what is wrong.
pub fn parse_certificates(input: &[u8]) -> Result<Vec<CertificateDer>, CertInputError> {
    if input.len() > MAX_INPUT {
        return Err(CertInputError::TooLarge);
    }
    if input.first() == Some(&0x30) {
        return match pkcs7_certificates(input) {
            Some(certs) => Ok(certs),
            None => split_der(input),
        };
    }
    let text = String::from_utf8_lossy(input);
    let mut certs = Vec::new();
    let mut lines = text.lines();
    let mut saw_block = false;
    while let Some(line) = lines.next() {
        let line = line.trim();
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        saw_block = true;
        let mut b64 = String::new();
        let mut ended = false;
        for body in lines.by_ref() {
            let body = body.trim();
            if body.starts_with("-----END ") {
                ended = true;
                break;
            }
            b64.push_str(body);
        }
        if !ended {
            return Err(CertInputError::MalformedPem("missing END line"));
        }
        let pkcs7 = label == "PKCS7";
        if !pkcs7
            && !matches!(
                label,
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
            )
        {
            continue;
        }
        let der = Base64::decode_vec(&b64)
            .map_err(|_| CertInputError::MalformedPem("invalid Base-64"))?;
        if pkcs7 {
            certs.extend(pkcs7_certificates(&der).ok_or(CertInputError::MalformedDer)?);
        } else {
            certs.extend(split_der(&der)?);
        }
    }
    if !saw_block {
        // Bare Base-64 (no armour).
        let compact: String = text.split_whitespace().collect();
        if let Ok(der) = Base64::decode_vec(&compact)
            && !der.is_empty()
        {
            return split_der(&der);
        }
    }
    Ok(certs)
}

/// DER of the signedData content type, 1.2.840.113549.1.7.2.
const SIGNED_DATA_OID: [u8; 11] = [
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
];

/// The certificates of a PKCS#7 / CMS `SignedData` (certs-only replies), or `None` when `der` is
/// not a `ContentInfo` of type signedData.
fn pkcs7_certificates(der: &[u8]) -> Option<Vec<CertificateDer>> {
    let (0x30, content_info, _) = tlv(der)? else {
        return None;
    };
    let oid = content_info.get(..SIGNED_DATA_OID.len())?;
    if oid != SIGNED_DATA_OID {
        return None;
    }
    let (0xa0, explicit, _) = tlv(content_info.get(SIGNED_DATA_OID.len()..)?)? else {
        return None;
    };
    let (0x30, mut signed_data, _) = tlv(explicit)? else {
        return None;
    };
    // version, digestAlgorithms, encapContentInfo, then [0] IMPLICIT certificates (optional).
    for _ in 0..3 {
        signed_data = tlv(signed_data)?.2;
    }
    match tlv(signed_data) {
        Some((0xa0, certs, _)) => split_der(certs).ok(),
        _ => Some(Vec::new()),
    }
}

/// One DER element: (tag, contents, rest). Definite lengths of up to 4 bytes only.
fn tlv(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *der.first()?;
    let len = der_element_len_any(der)?;
    let element = der.get(..len)?;
    let header = header_len(element)?;
    Some((tag, element.get(header..)?, der.get(len..)?))
}

fn header_len(der: &[u8]) -> Option<usize> {
    let first = *der.get(1)?;
    if first < 0x80 {
        Some(2)
    } else {
        Some(2 + usize::from(first & 0x7f))
    }
}

/// Splits concatenated DER SEQUENCEs (keytool `-gencert` writes chains this way).
fn split_der(mut der: &[u8]) -> Result<Vec<CertificateDer>, CertInputError> {
    let mut out = Vec::new();
    while !der.is_empty() {
        let len = der_element_len(der).ok_or(CertInputError::MalformedDer)?;
        let (one, rest) = der
            .split_at_checked(len)
            .ok_or(CertInputError::MalformedDer)?;
        out.push(CertificateDer::new(one.to_vec()));
        der = rest;
    }
    Ok(out)
}

/// Length of the DER SEQUENCE at the start of `der` (header + contents).
fn der_element_len(der: &[u8]) -> Option<usize> {
    if *der.first()? != 0x30 {
        return None;
    }
    der_element_len_any(der)
}

/// Length of the DER element at the start of `der` (header + contents), any tag.
fn der_element_len_any(der: &[u8]) -> Option<usize> {
    let first = *der.get(1)?;
    let (header, len) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in der.get(2..2 + n)? {
            len = (len << 8) | usize::from(*b);
        }
        (2 + n, len)
    };
    header.checked_add(len).filter(|&total| total <= der.len())
}

/// Why certificate input could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertInputError {
    /// A PEM block is malformed.
    MalformedPem(&'static str),
    /// DER content is malformed (truncated or not a SEQUENCE).
    MalformedDer,
    /// Input larger than 16 MiB.
    TooLarge,
}

impl core::fmt::Display for CertInputError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::MalformedPem(what) => write!(f, "malformed PEM: {what}"),
            Self::MalformedDer => f.write_str("malformed DER certificate data"),
            Self::TooLarge => f.write_str("certificate input larger than 16 MiB"),
        }
    }
}

impl std::error::Error for CertInputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_der_and_bare_base64() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        assert_eq!(parse_certificates(&der).unwrap().len(), 1);
        let two = [der, der].concat();
        assert_eq!(parse_certificates(&two).unwrap().len(), 2);
        let b64 = Base64::encode_string(&der);
        let pem = format!(
            "junk\r\n-----BEGIN CERTIFICATE-----\r\n{b64}\r\n-----END CERTIFICATE-----\r\ntrailer"
        );
        assert_eq!(
            parse_certificates(pem.as_bytes()).unwrap()[0].as_bytes(),
            der
        );
        assert_eq!(parse_certificates(b64.as_bytes()).unwrap().len(), 1);
        assert!(
            parse_certificates(b"-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n")
                .is_err()
        );
        assert!(parse_certificates(&[0x30, 0x05, 0x01]).is_err());
        assert!(parse_certificates(b"").unwrap().is_empty());
    }
}
