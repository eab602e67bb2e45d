//! Just enough DER to find a certificate's public key and a PKCS#8 key's algorithm.
//!
//! Deliberately lenient about everything it does not need (version, extensions, names), so that
//! X.509 v1 certificates and certificates with unusual extensions still yield their key; webpki's
//! strict end-entity parser would refuse those, and a chain fetcher must not.

use core::fmt;

/// One DER element: its tag and its contents.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    pub(crate) tag: u8,
    pub(crate) value: &'a [u8],
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const CONTEXT_0: u8 = 0xa0;

/// Reads one element (low tag numbers, definite lengths up to 4 length bytes) and returns it with
/// the rest of the input.
pub(crate) fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1f == 0x1f {
        return None; // high tag numbers: not used by anything we read
    }
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None; // indefinite or absurd length
        }
        let (bytes, after) = rest.split_at_checked(n)?;
        rest = after;
        bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
    };
    let (value, rest) = rest.split_at_checked(len)?;
    Some((Tlv { tag, value }, rest))
}

/// Reads one element that must carry `tag`.
fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (tlv, rest) = read(input)?;
    (tlv.tag == tag).then_some((tlv.value, rest))
}

/// The parts of a SubjectPublicKeyInfo the TLS layer needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spki<'a> {
    /// Contents of the AlgorithmIdentifier SEQUENCE (OID and parameters), the form
    /// `rustls_pki_types::AlgorithmIdentifier` uses.
    pub(crate) algorithm: &'a [u8],
    /// The subjectPublicKey bits (PKCS#1 RSAPublicKey, an EC point, an Ed25519 key).
    pub(crate) key: &'a [u8],
}

/// Parses a SubjectPublicKeyInfo (the whole element).
pub(crate) fn spki(der: &[u8]) -> Option<Spki<'_>> {
    let (inner, rest) = expect(der, SEQUENCE)?;
    if !rest.is_empty() {
        return None;
    }
    let (algorithm, after_alg) = expect(inner, SEQUENCE)?;
    let (bits, after_bits) = expect(after_alg, BIT_STRING)?;
    let (&unused, key) = bits.split_first()?;
    if unused != 0 || !after_bits.is_empty() {
        return None;
    }
    Some(Spki { algorithm, key })
}

/// The SubjectPublicKeyInfo of a DER certificate.
pub(crate) fn certificate_spki(cert: &[u8]) -> Option<Spki<'_>> {
    let (certificate, _) = expect(cert, SEQUENCE)?;
    let (mut tbs, _) = expect(certificate, SEQUENCE)?;
    // version [0] EXPLICIT (absent in v1 certificates)
    let (first, rest) = read(tbs)?;
    if first.tag == CONTEXT_0 {
        tbs = rest;
    }
    let (_serial, rest) = expect(tbs, INTEGER)?;
    let (_signature, rest) = expect(rest, SEQUENCE)?;
    let (_issuer, rest) = expect(rest, SEQUENCE)?;
    let (_validity, rest) = expect(rest, SEQUENCE)?;
    let (_subject, rest) = expect(rest, SEQUENCE)?;
    let (spki_tlv, after) = read(rest)?;
    if spki_tlv.tag != SEQUENCE {
        return None;
    }
    let whole = &rest[..rest.len() - after.len()];
    spki(whole)
}

/// The AlgorithmIdentifier contents and the privateKey octets of a PKCS#8 PrivateKeyInfo.
pub(crate) fn pkcs8(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (inner, rest) = expect(der, SEQUENCE)?;
    if !rest.is_empty() {
        return None;
    }
    let (_version, rest) = expect(inner, INTEGER)?;
    let (algorithm, rest) = expect(rest, SEQUENCE)?;
    let (private_key, _attributes_and_public_key) = expect(rest, OCTET_STRING)?;
    Some((algorithm, private_key))
}

// DER contents of the object identifiers we name.
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const RSASSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const SECP256R1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const SECP384R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const SECP521R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
const SECP256K1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x0a];
const X25519: &[u8] = &[0x2b, 0x65, 0x6e];
const X448: &[u8] = &[0x2b, 0x65, 0x6f];
const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const ED448: &[u8] = &[0x2b, 0x65, 0x71];
const DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];

/// DER of the AlgorithmIdentifier contents for rsaEncryption with its NULL parameters.
pub(crate) const RSA_ENCRYPTION_ALG: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// The algorithm contents with rsaEncryption's optional NULL made explicit, so that keys
/// encoded either way compare equal.
pub(crate) fn normalize_algorithm(algorithm: &[u8]) -> &[u8] {
    match read(algorithm) {
        Some((oid, rest)) if oid.tag == OID && oid.value == RSA_ENCRYPTION && rest.is_empty() => {
            RSA_ENCRYPTION_ALG
        }
        _ => algorithm,
    }
}

/// A key type as this crate names it in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// RSA with a modulus of this many bits (0 when unknown).
    Rsa(usize),
    RsaPss,
    EcP256,
    EcP384,
    EcP521,
    EcSecp256k1,
    /// EC on a curve named by this dotted OID (or "explicit parameters").
    EcOther(String),
    Ed25519,
    Ed448,
    X25519,
    X448,
    Dsa,
    /// Unknown algorithm, dotted OID.
    Other(String),
}

impl KeyKind {
    /// Classifies an AlgorithmIdentifier's contents; `key` is the key material (PKCS#1
    /// RSAPublicKey or RSAPrivateKey for RSA) used for the RSA modulus size.
    pub(crate) fn classify(algorithm: &[u8], key: &[u8]) -> Option<Self> {
        let (oid, params) = read(algorithm)?;
        if oid.tag != OID {
            return None;
        }
        Some(match oid.value {
            RSA_ENCRYPTION => Self::Rsa(rsa_modulus_bits(key).unwrap_or(0)),
            RSASSA_PSS => Self::RsaPss,
            EC_PUBLIC_KEY => match read(params) {
                Some((curve, _)) if curve.tag == OID => match curve.value {
                    SECP256R1 => Self::EcP256,
                    SECP384R1 => Self::EcP384,
                    SECP521R1 => Self::EcP521,
                    SECP256K1 => Self::EcSecp256k1,
                    other => Self::EcOther(dotted(other)),
                },
                _ => Self::EcOther("explicit parameters".to_owned()),
            },
            ED25519 => Self::Ed25519,
            ED448 => Self::Ed448,
            X25519 => Self::X25519,
            X448 => Self::X448,
            DSA => Self::Dsa,
            other => Self::Other(dotted(other)),
        })
    }

    /// Whether the crypto provider (graviola) can sign and verify TLS handshakes with this key.
    pub(crate) fn supported(&self) -> bool {
        match self {
            Self::Rsa(bits) => (2048..=8192).contains(bits),
            Self::EcP256 | Self::EcP384 | Self::Ed25519 => true,
            _ => false,
        }
    }
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rsa(0) => f.write_str("RSA"),
            Self::Rsa(bits) => write!(f, "{bits}-bit RSA"),
            Self::RsaPss => f.write_str("RSASSA-PSS (RSA key restricted to PSS)"),
            Self::EcP256 => f.write_str("EC P-256"),
            Self::EcP384 => f.write_str("EC P-384"),
            Self::EcP521 => f.write_str("EC P-521"),
            Self::EcSecp256k1 => f.write_str("EC secp256k1"),
            Self::EcOther(curve) => write!(f, "EC ({curve})"),
            Self::Ed25519 => f.write_str("Ed25519"),
            Self::Ed448 => f.write_str("Ed448"),
            Self::X25519 => f.write_str("X25519 (key agreement only)"),
            Self::X448 => f.write_str("X448 (key agreement only)"),
            Self::Dsa => f.write_str("DSA"),
            Self::Other(oid) => write!(f, "algorithm {oid}"),
        }
    }
}

/// Bits of the modulus in a PKCS#1 RSAPublicKey (`SEQUENCE { n, e }`) or RSAPrivateKey
/// (`SEQUENCE { version, n, … }`).
fn rsa_modulus_bits(key: &[u8]) -> Option<usize> {
    let (inner, _) = expect(key, SEQUENCE)?;
    let (first, rest) = expect(inner, INTEGER)?;
    let (second, _) = expect(rest, INTEGER)?;
    // A private key starts with version 0 (or 1 for multi-prime); a public key with n.
    let n = if first.len() <= 1 { second } else { first };
    let n = match n.iter().position(|&b| b != 0) {
        Some(i) => &n[i..],
        None => return Some(0),
    };
    let (&top, _) = n.split_first()?;
    Some((n.len() - 1) * 8 + (8 - top.leading_zeros() as usize))
}

/// Dotted form of OID contents (`1.2.840.113549.1.1.1`).
fn dotted(oid: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in oid {
        acc = acc.saturating_mul(128) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(acc);
            acc = 0;
        }
    }
    let Some((&first, rest)) = arcs.split_first() else {
        return "(empty OID)".to_owned();
    };
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut s = format!("{a}.{b}");
    for arc in rest {
        s.push('.');
        s.push_str(&arc.to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_oids() {
        assert_eq!(dotted(RSA_ENCRYPTION), "1.2.840.113549.1.1.1");
        assert_eq!(dotted(SECP521R1), "1.3.132.0.35");
        assert_eq!(dotted(ED25519), "1.3.101.112");
    }

    #[test]
    fn rsa_alg_normalized() {
        let bare = &RSA_ENCRYPTION_ALG[..11];
        assert_eq!(normalize_algorithm(bare), RSA_ENCRYPTION_ALG);
        assert_eq!(normalize_algorithm(RSA_ENCRYPTION_ALG), RSA_ENCRYPTION_ALG);
    }

    #[test]
    fn truncated_input_is_refused() {
        assert!(read(&[0x30]).is_none());
        assert!(read(&[0x30, 0x05, 0x00]).is_none());
        assert!(read(&[0x30, 0x80]).is_none());
        assert!(certificate_spki(&[0x30, 0x03, 0x30, 0x01, 0x00]).is_none());
        assert!(pkcs8(b"not der").is_none());
    }
}
