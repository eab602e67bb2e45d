//! Digests and signature algorithms: JCA names (keytool's `-sigalg`), OIDs and the
//! AlgorithmIdentifier DER keytool 17 writes for each.

use const_oid::{
    ObjectIdentifier,
    db::{rfc5912, rfc8410},
};
use der::{Any, Decode};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};
use spki::AlgorithmIdentifierOwned;

/// id-RSASSA-PSS (RFC 4055), both the key type and the signature algorithm.
pub(crate) const ID_RSASSA_PSS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-mgf1 (RFC 4055).
pub(crate) const ID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
/// id-dsa (RFC 3279), the DSA key type.
pub(crate) const ID_DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
/// id-dsa-with-sha1 (RFC 3279).
const DSA_WITH_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.3");
/// id-dsa-with-sha224 … sha512 (NIST CSOR, 2.16.840.1.101.3.4.3.1-4).
const DSA_WITH_SHA_224: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.1");
const DSA_WITH_SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.2");
const DSA_WITH_SHA_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.3");
const DSA_WITH_SHA_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.4");
/// ecdsa-with-SHA1 (RFC 3279), absent from const-oid's database.
const ECDSA_WITH_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
/// sha512-224WithRSAEncryption and sha512-256WithRSAEncryption (RFC 8017).
const SHA_512_224_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.15");
const SHA_512_256_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.16");

/// A message digest of a signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
}

/// Runs `$body` with the type alias `$d` set to the digest type of `$hash`.
macro_rules! with_digest {
    ($hash:expr, $d:ident => $body:expr) => {
        match $hash {
            $crate::alg::Hash::Sha1 => {
                type $d = ::sha1::Sha1;
                $body
            }
            $crate::alg::Hash::Sha224 => {
                type $d = ::sha2::Sha224;
                $body
            }
            $crate::alg::Hash::Sha256 => {
                type $d = ::sha2::Sha256;
                $body
            }
            $crate::alg::Hash::Sha384 => {
                type $d = ::sha2::Sha384;
                $body
            }
            $crate::alg::Hash::Sha512 => {
                type $d = ::sha2::Sha512;
                $body
            }
            $crate::alg::Hash::Sha512_224 => {
                type $d = ::sha2::Sha512_224;
                $body
            }
            $crate::alg::Hash::Sha512_256 => {
                type $d = ::sha2::Sha512_256;
                $body
            }
        }
    };
}
pub(crate) use with_digest;

impl Hash {
    /// The digest of `data`.
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(data).to_vec(),
            Self::Sha224 => Sha224::digest(data).to_vec(),
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha384 => Sha384::digest(data).to_vec(),
            Self::Sha512 => Sha512::digest(data).to_vec(),
            Self::Sha512_224 => Sha512_224::digest(data).to_vec(),
            Self::Sha512_256 => Sha512_256::digest(data).to_vec(),
        }
    }

    /// Output size in bits.
    pub(crate) fn bits(self) -> usize {
        match self {
            Self::Sha1 => 160,
            Self::Sha224 | Self::Sha512_224 => 224,
            Self::Sha256 | Self::Sha512_256 => 256,
            Self::Sha384 => 384,
            Self::Sha512 => 512,
        }
    }

    /// The prefix of JCA signature names: `SHA256` in `SHA256withRSA`.
    fn jca_prefix(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha224 => "SHA224",
            Self::Sha256 => "SHA256",
            Self::Sha384 => "SHA384",
            Self::Sha512 => "SHA512",
            Self::Sha512_224 => "SHA512/224",
            Self::Sha512_256 => "SHA512/256",
        }
    }

    /// The JCA digest name (`SHA-1`, `SHA-224`, …), as in keytool's DSA strength error.
    pub(crate) fn digest_name(self) -> &'static str {
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

    /// The digest algorithm's OID.
    pub(crate) fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => rfc5912::ID_SHA_1,
            Self::Sha224 => rfc5912::ID_SHA_224,
            Self::Sha256 => rfc5912::ID_SHA_256,
            Self::Sha384 => rfc5912::ID_SHA_384,
            Self::Sha512 => rfc5912::ID_SHA_512,
            Self::Sha512_224 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.5"),
            Self::Sha512_256 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.6"),
        }
    }

    /// The digest named by `oid`.
    pub(crate) fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        [
            Self::Sha1,
            Self::Sha224,
            Self::Sha256,
            Self::Sha384,
            Self::Sha512,
            Self::Sha512_224,
            Self::Sha512_256,
        ]
        .into_iter()
        .find(|h| h.oid() == oid)
    }

    /// keytool 17's digest for an RSA key of `bits` bits (its `SHAnnnwithRSA` default and its
    /// RSASSA-PSS parameters): SHA-256 up to 3072 bits, SHA-384 up to 7680, SHA-512 above.
    pub(crate) fn for_rsa_bits(bits: usize) -> Self {
        if bits <= 3072 {
            Self::Sha256
        } else if bits <= 7680 {
            Self::Sha384
        } else {
            Self::Sha512
        }
    }
}

/// A signature algorithm: a scheme and its digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// RSA PKCS#1 v1.5 (`SHAnnnwithRSA`).
    RsaPkcs1(Hash),
    /// RSASSA-PSS with MGF1 over the same digest, salt = digest length, trailer 1.
    RsaPss(Hash),
    /// ECDSA (`SHAnnnwithECDSA`).
    Ecdsa(Hash),
    /// DSA (`SHAnnnwithDSA`).
    Dsa(Hash),
    /// Pure Ed25519.
    Ed25519,
    /// Pure Ed448.
    Ed448,
}

/// What a `-sigalg` name means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    /// A signature algorithm this crate signs with. `RSASSA-PSS` comes back as
    /// `RsaPss(Sha256)`; its digest follows the key size.
    Scheme(Scheme),
    /// `EdDSA`: Ed25519 or Ed448, whichever the key is.
    EdDsa,
    /// A name keytool 17 signs with that this crate does not (MD2/MD5, SHA-3 digests).
    Unimplemented,
    /// Not a signature algorithm keytool knows.
    Unknown,
}

const HASHES: [Hash; 7] = [
    Hash::Sha1,
    Hash::Sha224,
    Hash::Sha256,
    Hash::Sha384,
    Hash::Sha512,
    Hash::Sha512_224,
    Hash::Sha512_256,
];

/// Looks up a JCA signature algorithm name, case-insensitively.
pub(crate) fn lookup(name: &str) -> Named {
    let upper = name.to_ascii_uppercase();
    match upper.as_str() {
        "RSASSA-PSS" => return Named::Scheme(Scheme::RsaPss(Hash::Sha256)),
        "ED25519" => return Named::Scheme(Scheme::Ed25519),
        "ED448" => return Named::Scheme(Scheme::Ed448),
        "EDDSA" => return Named::EdDsa,
        "MD2WITHRSA" | "MD5WITHRSA" => return Named::Unimplemented,
        _ => {}
    }
    if let Some((digest, kind)) = upper.split_once("WITH")
        && digest.starts_with("SHA3-")
        && matches!(digest, "SHA3-224" | "SHA3-256" | "SHA3-384" | "SHA3-512")
        && matches!(kind, "RSA" | "ECDSA" | "DSA")
    {
        return Named::Unimplemented;
    }
    for hash in HASHES {
        let Some(kind) = upper
            .strip_prefix(hash.jca_prefix())
            .and_then(|rest| rest.strip_prefix("WITH"))
        else {
            continue;
        };
        let truncated = matches!(hash, Hash::Sha512_224 | Hash::Sha512_256);
        return match kind {
            "RSA" => Named::Scheme(Scheme::RsaPkcs1(hash)),
            "ECDSA" if !truncated => Named::Scheme(Scheme::Ecdsa(hash)),
            "DSA" if !truncated => Named::Scheme(Scheme::Dsa(hash)),
            _ => Named::Unknown,
        };
    }
    Named::Unknown
}

impl Scheme {
    /// keytool's (JCA) name: `SHA256withRSA`, `RSASSA-PSS`, `SHA512withECDSA`, `Ed448`, ….
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::RsaPkcs1(h) => match h {
                Hash::Sha1 => "SHA1withRSA",
                Hash::Sha224 => "SHA224withRSA",
                Hash::Sha256 => "SHA256withRSA",
                Hash::Sha384 => "SHA384withRSA",
                Hash::Sha512 => "SHA512withRSA",
                Hash::Sha512_224 => "SHA512/224withRSA",
                Hash::Sha512_256 => "SHA512/256withRSA",
            },
            Self::RsaPss(_) => "RSASSA-PSS",
            Self::Ecdsa(h) => match h {
                Hash::Sha1 => "SHA1withECDSA",
                Hash::Sha224 => "SHA224withECDSA",
                Hash::Sha256 => "SHA256withECDSA",
                Hash::Sha384 => "SHA384withECDSA",
                Hash::Sha512 | Hash::Sha512_224 | Hash::Sha512_256 => "SHA512withECDSA",
            },
            Self::Dsa(h) => match h {
                Hash::Sha1 => "SHA1withDSA",
                Hash::Sha224 => "SHA224withDSA",
                Hash::Sha256 => "SHA256withDSA",
                Hash::Sha384 => "SHA384withDSA",
                Hash::Sha512 | Hash::Sha512_224 | Hash::Sha512_256 => "SHA512withDSA",
            },
            Self::Ed25519 => "Ed25519",
            Self::Ed448 => "Ed448",
        }
    }

    /// The signature algorithm's OID.
    pub(crate) fn oid(self) -> ObjectIdentifier {
        match self {
            Self::RsaPkcs1(h) => match h {
                Hash::Sha1 => rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
                Hash::Sha224 => rfc5912::SHA_224_WITH_RSA_ENCRYPTION,
                Hash::Sha256 => rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
                Hash::Sha384 => rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
                Hash::Sha512 => rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
                Hash::Sha512_224 => SHA_512_224_WITH_RSA,
                Hash::Sha512_256 => SHA_512_256_WITH_RSA,
            },
            Self::RsaPss(_) => ID_RSASSA_PSS,
            Self::Ecdsa(h) => match h {
                Hash::Sha1 => ECDSA_WITH_SHA_1,
                Hash::Sha224 => rfc5912::ECDSA_WITH_SHA_224,
                Hash::Sha256 => rfc5912::ECDSA_WITH_SHA_256,
                Hash::Sha384 => rfc5912::ECDSA_WITH_SHA_384,
                // SHA-512/224 and SHA-512/256 never reach ECDSA (see `lookup`).
                Hash::Sha512 | Hash::Sha512_224 | Hash::Sha512_256 => rfc5912::ECDSA_WITH_SHA_512,
            },
            Self::Dsa(h) => match h {
                Hash::Sha1 => DSA_WITH_SHA_1,
                Hash::Sha224 => DSA_WITH_SHA_224,
                Hash::Sha256 => DSA_WITH_SHA_256,
                Hash::Sha384 => DSA_WITH_SHA_384,
                Hash::Sha512 | Hash::Sha512_224 | Hash::Sha512_256 => DSA_WITH_SHA_512,
            },
            Self::Ed25519 => rfc8410::ID_ED_25519,
            Self::Ed448 => rfc8410::ID_ED_448,
        }
    }

    /// The scheme an AlgorithmIdentifier OID names, for verification; RSASSA-PSS comes back
    /// without its parameters (see [`pss_parameters`]).
    pub(crate) fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        if oid == ID_RSASSA_PSS {
            return Some(Self::RsaPss(Hash::Sha1));
        }
        let all = HASHES.into_iter().flat_map(|h| {
            [Self::RsaPkcs1(h), Self::Ecdsa(h), Self::Dsa(h)]
                .into_iter()
                .filter(move |s| {
                    !matches!(s, Self::Ecdsa(_) | Self::Dsa(_))
                        || !matches!(h, Hash::Sha512_224 | Hash::Sha512_256)
                })
        });
        all.chain([Self::Ed25519, Self::Ed448])
            .find(|s| s.oid() == oid)
    }

    /// The AlgorithmIdentifier keytool 17 writes: NULL parameters for RSA PKCS#1 v1.5 and DSA,
    /// none for ECDSA (RFC 5758) and EdDSA (RFC 8410), and for RSASSA-PSS the explicit
    /// `RSASSA-PSS-params` {hash with NULL, MGF1 with that hash, salt = digest length} with the
    /// trailer field left at its default.
    pub(crate) fn algorithm_identifier(self) -> der::Result<AlgorithmIdentifierOwned> {
        let parameters = match self {
            Self::RsaPkcs1(_) | Self::Dsa(_) => Some(Any::null()),
            Self::RsaPss(h) => Some(Any::from_der(&pss_parameters_der(h)?)?),
            Self::Ecdsa(_) | Self::Ed25519 | Self::Ed448 => None,
        };
        Ok(AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters,
        })
    }
}

/// DER of `RSASSA-PSS-params` as keytool 17 writes them for `hash`.
fn pss_parameters_der(hash: Hash) -> der::Result<Vec<u8>> {
    use der::Encode;
    let hash_id = spki::AlgorithmIdentifier {
        oid: hash.oid(),
        parameters: Some(Any::null()),
    };
    let mgf = spki::AlgorithmIdentifier {
        oid: ID_MGF1,
        parameters: Some(hash_id.clone()),
    };
    let salt = u8::try_from(hash.bits() / 8).map_err(|_| der::ErrorKind::Overflow)?;
    let mut body = Vec::new();
    der::asn1::ContextSpecific {
        tag_number: der::TagNumber(0),
        tag_mode: der::TagMode::Explicit,
        value: hash_id,
    }
    .encode_to_vec(&mut body)?;
    der::asn1::ContextSpecific {
        tag_number: der::TagNumber(1),
        tag_mode: der::TagMode::Explicit,
        value: mgf,
    }
    .encode_to_vec(&mut body)?;
    der::asn1::ContextSpecific {
        tag_number: der::TagNumber(2),
        tag_mode: der::TagMode::Explicit,
        value: salt,
    }
    .encode_to_vec(&mut body)?;
    let mut out = Vec::new();
    der::Header::new(der::Tag::Sequence, der::Length::try_from(body.len())?)
        .encode_to_vec(&mut out)?;
    out.extend_from_slice(&body);
    Ok(out)
}

/// RSASSA-PSS parameters this crate verifies: the digest (also MGF1's) and the salt length.
/// `None` when they are malformed or use something else (another MGF, differing digests,
/// a trailer other than 1). Absent parameters are RFC 4055's defaults (SHA-1, salt 20).
pub(crate) fn pss_parameters(parameters: Option<der::AnyRef<'_>>) -> Option<(Hash, usize)> {
    use rsa::pkcs1::{RsaPssParamsOwned, TrailerField};
    let Some(any) = parameters else {
        return Some((Hash::Sha1, 20));
    };
    let der = der::Encode::to_der(&any).ok()?;
    let params = RsaPssParamsOwned::from_der(&der).ok()?;
    let hash = Hash::from_oid(params.hash.oid)?;
    if params.mask_gen.oid != ID_MGF1 {
        return None;
    }
    let mgf_hash = params.mask_gen.parameters.as_ref()?;
    if Hash::from_oid(mgf_hash.oid)? != hash || params.trailer_field != TrailerField::BC {
        return None;
    }
    Some((hash, usize::from(params.salt_len)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;
    use hex_literal::hex;

    #[test]
    fn names() {
        assert_eq!(
            lookup("sha512withecdsa"),
            Named::Scheme(Scheme::Ecdsa(Hash::Sha512))
        );
        assert_eq!(
            lookup("SHA512/256withRSA"),
            Named::Scheme(Scheme::RsaPkcs1(Hash::Sha512_256))
        );
        assert_eq!(lookup("SHA512/256withECDSA"), Named::Unknown);
        assert_eq!(lookup("SHA3-256withECDSA"), Named::Unimplemented);
        assert_eq!(lookup("MD5withRSA"), Named::Unimplemented);
        assert_eq!(lookup("SHA256withFOO"), Named::Unknown);
        assert_eq!(lookup("FOO"), Named::Unknown);
        assert_eq!(lookup("eddsa"), Named::EdDsa);
        for s in [
            Scheme::RsaPkcs1(Hash::Sha512_224),
            Scheme::Ecdsa(Hash::Sha1),
            Scheme::Dsa(Hash::Sha384),
            Scheme::Ed448,
        ] {
            assert_eq!(lookup(s.name()), Named::Scheme(s));
            assert_eq!(Scheme::from_oid(s.oid()), Some(s));
        }
    }

    /// The AlgorithmIdentifiers keytool 17 writes (from certificates it made).
    #[test]
    fn keytool_algorithm_identifiers() {
        let der = |s: Scheme| s.algorithm_identifier().and_then(|a| a.to_der()).ok();
        // -keyalg RSASSA-PSS (2048 bits): SHA-256, MGF1-SHA-256, salt 32, trailer absent.
        assert_eq!(
            der(Scheme::RsaPss(Hash::Sha256)).as_deref(),
            Some(
                &hex!(
                    "3041 0609 2a864886f70d01010a"
                    "3034 a00f 300d 0609 608648016503040201 0500"
                    "a11c 301a 0609 2a864886f70d010108 300d 0609 608648016503040201 0500"
                    "a203 020120"
                )[..]
            )
        );
        // -keyalg RSA -keysize 8192 -sigalg RSASSA-PSS: SHA-512, salt 64.
        let sha512 = der(Scheme::RsaPss(Hash::Sha512)).unwrap_or_default();
        assert!(sha512.ends_with(&hex!("608648016503040203 0500 a203 020140")));
        // SHA256withDSA with NULL parameters, as keytool 17 writes it.
        assert_eq!(
            der(Scheme::Dsa(Hash::Sha256)).as_deref(),
            Some(&hex!("300d 0609 608648016503040302 0500")[..])
        );
        // Ed448: OID 1.3.101.113, no parameters.
        assert_eq!(
            der(Scheme::Ed448).as_deref(),
            Some(&hex!("3005 0603 2b6571")[..])
        );
        // SHA512withECDSA: no parameters.
        assert_eq!(
            der(Scheme::Ecdsa(Hash::Sha512)).as_deref(),
            Some(&hex!("300a 0608 2a8648ce3d040304")[..])
        );
    }

    #[test]
    fn pss_parameter_parsing() {
        for h in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            let id = Scheme::RsaPss(h).algorithm_identifier().expect("id");
            let any = id.parameters.as_ref().map(der::AnyRef::from);
            assert_eq!(pss_parameters(any), Some((h, h.bits() / 8)));
        }
        assert_eq!(pss_parameters(None), Some((Hash::Sha1, 20)));
        // MGF1 with another digest than the hash: refused.
        let mixed = hex!(
            "3034 a00f 300d 0609 608648016503040201 0500"
            "a11c 301a 0609 2a864886f70d010108 300d 0609 608648016503040202 0500"
            "a203 020120"
        );
        let any = der::AnyRef::from_der(&mixed).expect("any");
        assert_eq!(pss_parameters(Some(any)), None);
    }
}
