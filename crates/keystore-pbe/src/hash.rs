//! The hash functions of the PKCS#12 KDF, the PKCS#12 MAC and (as HMAC) PBKDF2 and PBMAC1.

use der::asn1::ObjectIdentifier;

/// A hash function, named as the PKCS#12 MAC (`DigestInfo`) and, as its HMAC, as the PBKDF2
/// PRF and the PBMAC1 message authentication scheme name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-1 (1.3.14.3.2.26; HMAC 1.2.840.113549.2.7).
    ///
    /// ⚠️ Legacy: the PBKDF2 default PRF and the legacy PKCS#12 MAC.
    Sha1,
    /// SHA-224 (2.16.840.1.101.3.4.2.4; HMAC 1.2.840.113549.2.8).
    Sha224,
    /// SHA-256 (2.16.840.1.101.3.4.2.1; HMAC 1.2.840.113549.2.9).
    Sha256,
    /// SHA-384 (2.16.840.1.101.3.4.2.2; HMAC 1.2.840.113549.2.10).
    Sha384,
    /// SHA-512 (2.16.840.1.101.3.4.2.3; HMAC 1.2.840.113549.2.11).
    Sha512,
    /// SHA-512/224 (2.16.840.1.101.3.4.2.5; HMAC 1.2.840.113549.2.12).
    Sha512_224,
    /// SHA-512/256 (2.16.840.1.101.3.4.2.6; HMAC 1.2.840.113549.2.13).
    Sha512_256,
}

const ALL: [HashAlgorithm; 7] = [
    HashAlgorithm::Sha1,
    HashAlgorithm::Sha224,
    HashAlgorithm::Sha256,
    HashAlgorithm::Sha384,
    HashAlgorithm::Sha512,
    HashAlgorithm::Sha512_224,
    HashAlgorithm::Sha512_256,
];

impl HashAlgorithm {
    /// The digest OID (as in a PKCS#12 `MacData` `DigestInfo`).
    #[must_use]
    pub const fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => ObjectIdentifier::new_unwrap("1.3.14.3.2.26"),
            Self::Sha224 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.4"),
            Self::Sha256 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"),
            Self::Sha384 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2"),
            Self::Sha512 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3"),
            Self::Sha512_224 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.5"),
            Self::Sha512_256 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.6"),
        }
    }

    /// The OID of HMAC with this hash (`hmacWithSHA…`, a PBKDF2 PRF / PBMAC1 MAC).
    #[must_use]
    pub const fn hmac_oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.7"),
            Self::Sha224 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.8"),
            Self::Sha256 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.9"),
            Self::Sha384 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.10"),
            Self::Sha512 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.11"),
            Self::Sha512_224 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.12"),
            Self::Sha512_256 => ObjectIdentifier::new_unwrap("1.2.840.113549.2.13"),
        }
    }

    /// The hash named by a digest OID.
    #[must_use]
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        ALL.into_iter().find(|h| h.oid() == *oid)
    }

    /// The hash whose HMAC is named by `oid`.
    #[must_use]
    pub fn from_hmac_oid(oid: &ObjectIdentifier) -> Option<Self> {
        ALL.into_iter().find(|h| h.hmac_oid() == *oid)
    }

    /// Output length in bytes (`u` in RFC 7292 Appendix B).
    #[must_use]
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 | Self::Sha512_224 => 28,
            Self::Sha256 | Self::Sha512_256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// Block length in bytes (`v` in RFC 7292 Appendix B).
    #[must_use]
    pub const fn block_len(self) -> usize {
        match self {
            Self::Sha1 | Self::Sha224 | Self::Sha256 => 64,
            Self::Sha384 | Self::Sha512 | Self::Sha512_224 | Self::Sha512_256 => 128,
        }
    }

    /// The Java standard name (`SHA-1`, `SHA-256`, `SHA-512/224`, …).
    #[must_use]
    pub const fn java_name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
            Self::Sha512_224 => "SHA-512/224",
            Self::Sha512_256 => "SHA-512/256",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    #[test]
    fn oids_and_sizes_round_trip() {
        for h in ALL {
            assert_eq!(HashAlgorithm::from_oid(&h.oid()), Some(h));
            assert_eq!(HashAlgorithm::from_hmac_oid(&h.hmac_oid()), Some(h));
            assert_eq!(HashAlgorithm::from_oid(&h.hmac_oid()), None);
            let len = with_hash!(h, D => D::output_size());
            assert_eq!(len, h.output_len(), "{}", h.java_name());
        }
    }
}
