//! Format detection from content, never from a file name.

use keystore_model::StoreFormat;

const JKS_MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// Detects the keystore format from the first bytes: the JKS or JCEKS magic number, or a PKCS#12
/// `PFX` (a DER or BER SEQUENCE whose first element is `INTEGER 3`).
#[must_use]
pub fn detect(bytes: &[u8]) -> Option<StoreFormat> {
    match bytes.get(..4)? {
        m if m == JKS_MAGIC => Some(StoreFormat::Jks),
        m if m == JCEKS_MAGIC => Some(StoreFormat::Jceks),
        _ if is_pfx(bytes) => Some(StoreFormat::Pkcs12),
        _ => None,
    }
}

/// `30 <len> 02 01 03`: a SEQUENCE (definite or indefinite length) opening with version 3.
fn is_pfx(bytes: &[u8]) -> bool {
    if bytes.first() != Some(&0x30) {
        return false;
    }
    let header_len = match bytes.get(1) {
        Some(&0x80) => 2,          // BER indefinite length
        Some(&l) if l < 0x80 => 2, // short form
        Some(&l) if (0x81..=0x84).contains(&l) => 2 + usize::from(l & 0x7f),
        _ => return false,
    };
    bytes.get(header_len..header_len + 3) == Some(&[0x02, 0x01, 0x03][..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(
            detect(&[0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]),
            Some(StoreFormat::Jks)
        );
        assert_eq!(detect(&[0xCE, 0xCE, 0xCE, 0xCE]), Some(StoreFormat::Jceks));
        assert_eq!(
            detect(&[0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]),
            Some(StoreFormat::Pkcs12)
        );
        assert_eq!(
            detect(&[0x30, 0x80, 0x02, 0x01, 0x03]),
            Some(StoreFormat::Pkcs12)
        );
        assert_eq!(detect(&[0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x01]), None);
        assert_eq!(detect(b"hello world"), None);
        assert_eq!(detect(&[]), None);
        assert_eq!(detect(&[0x30]), None);
    }
}
