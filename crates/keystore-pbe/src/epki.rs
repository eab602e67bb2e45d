//! `EncryptedPrivateKeyInfo` (PKCS#8 §6) reading and the few DER writes Java does.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier { OID, parameters ANY OPTIONAL },
//!     encryptedData        OCTET STRING }
//! ```

use alloc::vec::Vec;
use der::{
    Decode, Reader, SliceReader,
    asn1::{AnyRef, ObjectIdentifier, OctetStringRef},
};

use crate::Error;

/// The parts of a parsed `EncryptedPrivateKeyInfo`, borrowed from the input.
pub(crate) struct Epki<'a> {
    pub(crate) oid: ObjectIdentifier,
    pub(crate) params: Option<AnyRef<'a>>,
    /// The parameters as one complete DER TLV.
    params_tlv: Option<&'a [u8]>,
    pub(crate) data: &'a [u8],
}

const BAD_EPKI: Error = Error::Malformed("EncryptedPrivateKeyInfo is not valid DER");

impl<'a> Epki<'a> {
    /// Parses DER, rejecting trailing bytes (as Java's `EncryptedPrivateKeyInfo` does).
    pub(crate) fn from_der(der: &'a [u8]) -> Result<Self, Error> {
        let parse = || -> der::Result<Self> {
            let mut reader = SliceReader::new(der)?;
            let epki = reader.sequence(|r| {
                let (oid, params_tlv) = r.sequence(read_algorithm)?;
                let params = params_tlv.map(AnyRef::from_der).transpose()?;
                let data = <&OctetStringRef>::decode(r)?.as_bytes();
                Ok::<_, der::Error>(Self {
                    oid,
                    params,
                    params_tlv,
                    data,
                })
            })?;
            reader.finish()?;
            Ok(epki)
        };
        parse().map_err(|_| BAD_EPKI)
    }
}

impl<'a> Epki<'a> {
    /// The algorithm parameters as one DER TLV, if present.
    pub(crate) fn params_der(&self) -> Option<&'a [u8]> {
        self.params_tlv
    }
}

/// The content of an `AlgorithmIdentifier` SEQUENCE: the OID and the parameters as one
/// complete TLV (if present).
fn read_algorithm<'a>(
    r: &mut SliceReader<'a>,
) -> der::Result<(ObjectIdentifier, Option<&'a [u8]>)> {
    let oid = ObjectIdentifier::decode(r)?;
    let params = if r.is_finished() {
        None
    } else {
        Some(r.tlv_bytes()?)
    };
    Ok((oid, params))
}

/// Splits a DER `AlgorithmIdentifier` into its OID and its parameters TLV (trailing bytes are
/// rejected).
pub(crate) fn split_algorithm(der: &[u8]) -> Result<(ObjectIdentifier, Option<&[u8]>), Error> {
    let parse = || -> der::Result<(ObjectIdentifier, Option<&[u8]>)> {
        let mut reader = SliceReader::new(der)?;
        let out = reader.sequence(read_algorithm)?;
        reader.finish()?;
        Ok(out)
    };
    parse().map_err(|_| Error::Malformed("AlgorithmIdentifier is not valid DER"))
}

/// The content of exactly one DER TLV.
/// Parses a DER `PBEParameter` / `pkcs-12PbeParams`: `SEQUENCE { salt OCTET STRING,
/// iterations INTEGER }` filling `der` exactly. `what` names the structure in the error.
pub(crate) fn parse_pbe_parameter<'a>(
    der: &'a [u8],
    what: &'static str,
) -> Result<(&'a [u8], u32), Error> {
    let parse = || -> der::Result<(&'a [u8], u32)> {
        let mut reader = SliceReader::new(der)?;
        let out = reader.sequence(|r| {
            let salt = <&OctetStringRef>::decode(r)?.as_bytes();
            let iterations = u32::decode(r)?;
            Ok::<_, der::Error>((salt, iterations))
        })?;
        reader.finish()?;
        Ok(out)
    };
    parse().map_err(|_| Error::Malformed(what))
}

pub(crate) fn tlv_content(der: &[u8]) -> Result<&[u8], Error> {
    let parse = || -> der::Result<&[u8]> {
        let mut reader = SliceReader::new(der)?;
        let header = der::Header::decode(&mut reader)?;
        let content = reader.read_slice(header.length())?;
        reader.finish()?;
        Ok(content)
    };
    parse().map_err(|_| Error::Malformed("not one DER TLV"))
}

/// The algorithm OID of a DER `EncryptedPrivateKeyInfo`, without decrypting anything.
///
/// # Errors
/// [`Error::Malformed`] when `epki_der` is not a DER `EncryptedPrivateKeyInfo`.
pub fn protection_algorithm(epki_der: &[u8]) -> Result<ObjectIdentifier, Error> {
    Epki::from_der(epki_der).map(|e| e.oid)
}

/// Appends a DER TLV with a definite, minimal length.
pub(crate) fn write_tlv(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    let len = content.len();
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            let len_bytes = len.to_be_bytes();
            let skip = len_bytes.iter().take_while(|b| **b == 0).count();
            let count = len_bytes.len() - skip;
            out.push(0x80 | u8::try_from(count).unwrap_or(0x7f));
            out.extend(len_bytes.iter().skip(skip));
        }
    }
    out.extend_from_slice(content);
}

/// DER `INTEGER` contents of a non-negative value: minimal two's complement.
pub(crate) fn integer_content(value: u32) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let mut out: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if out.first().is_none_or(|b| b & 0x80 != 0) {
        out.insert(0, 0);
    }
    out
}

/// Encodes `EncryptedPrivateKeyInfo { SEQUENCE { oid, params }, OCTET STRING data }` where
/// `oid_and_params` is the already-encoded content of the AlgorithmIdentifier.
pub(crate) fn encode(oid_and_params: &[u8], data: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(oid_and_params.len() + data.len() + 16);
    write_tlv(&mut body, 0x30, oid_and_params);
    write_tlv(&mut body, 0x04, data);
    let mut out = Vec::with_capacity(body.len() + 6);
    write_tlv(&mut out, 0x30, &body);
    out
}

/// Encodes an OBJECT IDENTIFIER TLV.
pub(crate) fn write_oid(out: &mut Vec<u8>, oid: &ObjectIdentifier) {
    write_tlv(out, 0x06, oid.as_bytes());
}

/// Whether `bytes` is exactly one DER TLV with tag SEQUENCE (a cheap plausibility check of
/// decrypted PKCS#8 before it is handed out).
pub(crate) fn is_single_sequence(bytes: &[u8]) -> bool {
    let check = || -> der::Result<()> {
        let mut reader = SliceReader::new(bytes)?;
        let header = der::Header::peek(&reader)?;
        header.tag().assert_eq(der::Tag::Sequence)?;
        reader.tlv_bytes()?;
        reader.finish()
    };
    check().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlv_lengths() {
        let mut out = Vec::new();
        write_tlv(&mut out, 4, &[0u8; 0x7f]);
        assert_eq!(out.get(..2), Some(&[4u8, 0x7f][..]));
        let mut out = Vec::new();
        write_tlv(&mut out, 4, &[0u8; 0x80]);
        assert_eq!(out.get(..3), Some(&[4u8, 0x81, 0x80][..]));
        let mut out = Vec::new();
        write_tlv(&mut out, 4, &[0u8; 0x1234]);
        assert_eq!(out.get(..4), Some(&[4u8, 0x82, 0x12, 0x34][..]));
    }

    #[test]
    fn integers() {
        assert_eq!(integer_content(0), [0]);
        assert_eq!(integer_content(1), [1]);
        assert_eq!(integer_content(0x80), [0, 0x80]);
        assert_eq!(integer_content(200_000), [0x03, 0x0d, 0x40]);
        assert_eq!(integer_content(u32::MAX), [0, 0xff, 0xff, 0xff, 0xff]);
    }
}
