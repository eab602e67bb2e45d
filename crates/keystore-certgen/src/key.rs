//! Key generation and [`AnySigningKey`], one signing-key type over RSA, RSASSA-PSS, ECDSA, DSA,
//! Ed25519 and Ed448 keys.

use core::fmt;

use const_oid::{
    AssociatedOid, ObjectIdentifier,
    db::{rfc5912, rfc8410},
};
use der::{
    Decode, Encode, SecretDocument,
    asn1::{BitString, BitStringRef, OctetStringRef},
};
use p256::elliptic_curve::Generate;
use pkcs8::{EncodePrivateKey, PrivateKeyInfoRef};
use rand_core::{TryCryptoRng, TryRng};
use rsa::traits::PublicKeyParts;
use sha2::{Sha256, Sha384, Sha512};
use signature::{Keypair, SignatureEncoding, Signer, Verifier};
use spki::{
    AlgorithmIdentifierOwned, AlgorithmIdentifierRef, DynSignatureAlgorithmIdentifier,
    EncodePublicKey, SignatureBitStringEncoding, SubjectPublicKeyInfoOwned,
    SubjectPublicKeyInfoRef,
};
use zeroize::{ZeroizeOnDrop, Zeroizing};

use crate::{
    Error,
    alg::{self, Hash, Named, Scheme, with_digest},
};

/// The operating system's random number generator (`getrandom`), as a `rand_core` 0.10 RNG.
#[derive(Clone, Copy, Debug, Default)]
pub struct OsRng;

/// The error of [`OsRng`]: the operating system refused to supply random bytes.
#[derive(Clone, Copy, Debug)]
pub struct OsRngError(pub getrandom::Error);

impl fmt::Display for OsRngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl core::error::Error for OsRngError {}

impl TryRng for OsRng {
    type Error = OsRngError;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        getrandom::u32().map_err(OsRngError)
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        getrandom::u64().map_err(OsRngError)
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(dst).map_err(OsRngError)
    }
}

impl TryCryptoRng for OsRng {}

/// A key type and size to generate (keytool's `-keyalg` with `-keysize`/`-groupname`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA with a modulus of `bits` bits (public exponent 65537).
    Rsa {
        /// Modulus size in bits (1024..=16384; keytool's default is 2048).
        bits: usize,
    },
    /// ECDSA on secp256r1 (NIST P-256), keytool 17's default EC curve.
    EcP256,
    /// ECDSA on secp384r1 (NIST P-384).
    EcP384,
    /// ECDSA on secp521r1 (NIST P-521).
    EcP521,
    /// Ed25519 (RFC 8032 EdDSA on edwards25519, keytool's `-keyalg Ed25519`).
    Ed25519,
    /// An RSASSA-PSS key (RFC 4055 `id-RSASSA-PSS` without parameter restrictions, keytool's
    /// `-keyalg RSASSA-PSS`), public exponent 65537.
    RsaPss {
        /// Modulus size in bits (1024..=16384; keytool 17's default is 2048).
        bits: usize,
    },
    /// DSA with keytool's parameter sizes: L = `bits` of 1024 (N = 160), 2048 (N = 224,
    /// keytool 17's default) or 3072 (N = 256).
    Dsa {
        /// Size of the prime p in bits.
        bits: usize,
    },
    /// Ed448 (RFC 8032 EdDSA on edwards448, keytool's `-keyalg Ed448`).
    Ed448,
}

impl KeyAlgorithm {
    /// keytool 17's `-sigalg` default for keys of this type (spec §2), e.g. `SHA256withRSA`.
    #[must_use]
    pub fn default_signature_algorithm(self) -> &'static str {
        match self {
            Self::Rsa { bits } => Scheme::RsaPkcs1(Hash::for_rsa_bits(bits)).name(),
            Self::EcP256 => "SHA256withECDSA",
            Self::EcP384 => "SHA384withECDSA",
            Self::EcP521 => "SHA512withECDSA",
            Self::Ed25519 => "Ed25519",
            Self::RsaPss { .. } => "RSASSA-PSS",
            Self::Dsa { .. } => "SHA256withDSA",
            Self::Ed448 => "Ed448",
        }
    }

    /// Key size in bits as keytool reports it (`2048`, `256`, `384`, `521`, `255` for Ed25519,
    /// `448` for Ed448).
    #[must_use]
    pub fn bits(self) -> usize {
        match self {
            Self::Rsa { bits } | Self::RsaPss { bits } | Self::Dsa { bits } => bits,
            Self::EcP256 => 256,
            Self::EcP384 => 384,
            Self::EcP521 => 521,
            Self::Ed25519 => 255,
            Self::Ed448 => 448,
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    /// keytool 17's wording: `2048 bit RSA`, `256 bit EC (secp256r1)`, `255 bit Ed25519`,
    /// `2048 bit DSA`, `2048 bit RSASSA-PSS`, `448 bit Ed448` (without digit grouping).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rsa { bits } => write!(f, "{bits} bit RSA"),
            Self::EcP256 => f.write_str("256 bit EC (secp256r1)"),
            Self::EcP384 => f.write_str("384 bit EC (secp384r1)"),
            Self::EcP521 => f.write_str("521 bit EC (secp521r1)"),
            Self::Ed25519 => f.write_str("255 bit Ed25519"),
            Self::RsaPss { bits } => write!(f, "{bits} bit RSASSA-PSS"),
            Self::Dsa { bits } => write!(f, "{bits} bit DSA"),
            Self::Ed448 => f.write_str("448 bit Ed448"),
        }
    }
}

/// Smallest and largest RSA modulus [`AnySigningKey::generate`] accepts.
const RSA_BITS: core::ops::RangeInclusive<usize> = 1024..=16384;

/// One signing key over the key types keytool generates: RSA (PKCS#1 v1.5 with SHA-256/384/512
/// in the `RsaSha*` variants, every other RSA combination in [`AnySigningKey::Rsa`]), ECDSA on
/// P-256, P-384 and P-521 (with the curve's digest in `P256`/`P384`/`P521`, any other digest in
/// [`AnySigningKey::Ecdsa`]), Ed25519 and Ed448 (pure EdDSA) and DSA.
///
/// It implements the RustCrypto traits `x509-cert`'s builders take ([`Signer`], [`Keypair`],
/// [`DynSignatureAlgorithmIdentifier`]), [`EncodePrivateKey`] and, through
/// `TryFrom<PrivateKeyInfoRef>`, [`pkcs8::DecodePrivateKey`]. Every inner key zeroizes itself on
/// drop; `Debug` never prints key material.
#[non_exhaustive]
pub enum AnySigningKey {
    /// RSA, signing SHA256withRSA.
    RsaSha256(rsa::pkcs1v15::SigningKey<Sha256>),
    /// RSA, signing SHA384withRSA.
    RsaSha384(rsa::pkcs1v15::SigningKey<Sha384>),
    /// RSA, signing SHA512withRSA.
    RsaSha512(rsa::pkcs1v15::SigningKey<Sha512>),
    /// ECDSA P-256, signing SHA256withECDSA.
    P256(p256::ecdsa::SigningKey),
    /// ECDSA P-384, signing SHA384withECDSA.
    P384(p384::ecdsa::SigningKey),
    /// ECDSA P-521, signing SHA512withECDSA.
    P521(p521::ecdsa::SigningKey),
    /// Ed25519, signing Ed25519 (pure EdDSA, RFC 8032; OID 1.3.101.112 per RFC 8410).
    Ed25519(ed25519_dalek::SigningKey),
    /// An RSA or RSASSA-PSS key with any signature the `RsaSha*` variants do not cover:
    /// RSASSA-PSS, PKCS#1 v1.5 with SHA-1/SHA-224/SHA-512/224/SHA-512/256, and every signature
    /// of an RSASSA-PSS key.
    Rsa(RsaSigner),
    /// An ECDSA key signing with another digest than its curve's (`SHA512withECDSA` on P-256,
    /// `SHA256withECDSA` on P-384, …): ECDSA over the digest, truncated to the order's size.
    Ecdsa(EcdsaSigner),
    /// DSA (FIPS 186-4), `SHA256withDSA` by default.
    Dsa(DsaSigner),
    /// Ed448, signing Ed448 (pure EdDSA, RFC 8032; OID 1.3.101.113 per RFC 8410).
    Ed448(ed448_goldilocks::SigningKey),
}

/// An RSA key (`rsaEncryption` or `id-RSASSA-PSS`) with its signature scheme; see
/// [`AnySigningKey::Rsa`]. RSASSA-PSS signatures use MGF1 with the message digest, a salt as
/// long as the digest and trailer 1, as keytool 17 does.
#[derive(Clone)]
pub struct RsaSigner {
    key: rsa::PrivateKey,
    pss_key: bool,
    scheme: Scheme,
}

impl RsaSigner {
    /// The RSA private key.
    #[must_use]
    pub fn key(&self) -> &rsa::PrivateKey {
        &self.key
    }

    /// Whether the key is an RSASSA-PSS key (`id-RSASSA-PSS` in its SubjectPublicKeyInfo and
    /// PKCS#8) rather than an `rsaEncryption` one.
    #[must_use]
    pub fn is_pss_key(&self) -> bool {
        self.pss_key
    }
}

impl fmt::Debug for RsaSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaSigner")
            .field("pss_key", &self.pss_key)
            .field("signature", &self.scheme.name())
            .finish_non_exhaustive()
    }
}

/// An ECDSA key of one of the NIST curves.
#[derive(Clone)]
enum EcKey {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
}

/// An ECDSA key with the digest it signs with; see [`AnySigningKey::Ecdsa`].
#[derive(Clone)]
pub struct EcdsaSigner {
    key: EcKey,
    hash: Hash,
}

impl fmt::Debug for EcdsaSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcdsaSigner")
            .field("signature", &Scheme::Ecdsa(self.hash).name())
            .finish_non_exhaustive()
    }
}

/// A DSA key with the digest it signs with; see [`AnySigningKey::Dsa`]. Signatures use
/// deterministic nonces (RFC 6979).
#[derive(Clone)]
pub struct DsaSigner {
    key: dsa::SigningKey,
    hash: Hash,
}

impl DsaSigner {
    /// The DSA private key.
    pub fn key(&self) -> &dsa::SigningKey {
        &self.key
    }
}

impl fmt::Debug for DsaSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DsaSigner")
            .field("signature", &Scheme::Dsa(self.hash).name())
            .finish_non_exhaustive()
    }
}

/// The key of an [`AnySigningKey`] without its signature algorithm.
enum Material {
    Rsa { key: rsa::PrivateKey, pss_key: bool },
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Ed25519(ed25519_dalek::SigningKey),
    Ed448(ed448_goldilocks::SigningKey),
    Dsa(dsa::SigningKey),
}

fn rsa_bits(key: &rsa::PrivateKey) -> usize {
    key.n().bit_width() as usize
}

impl Material {
    /// keytool 17's default signature algorithm for the key.
    fn default_scheme(&self) -> Scheme {
        match self {
            Self::Rsa { key, pss_key: true } => Scheme::RsaPss(Hash::for_rsa_bits(rsa_bits(key))),
            Self::Rsa {
                key,
                pss_key: false,
            } => Scheme::RsaPkcs1(Hash::for_rsa_bits(rsa_bits(key))),
            Self::P256(_) => Scheme::Ecdsa(Hash::Sha256),
            Self::P384(_) => Scheme::Ecdsa(Hash::Sha384),
            Self::P521(_) => Scheme::Ecdsa(Hash::Sha512),
            Self::Ed25519(_) => Scheme::Ed25519,
            Self::Ed448(_) => Scheme::Ed448,
            Self::Dsa(_) => Scheme::Dsa(Hash::Sha256),
        }
    }
}

/// The DSA domain parameters this crate generates keys with, for a prime size of `bits`.
fn dsa_components(bits: usize) -> Option<dsa::Components> {
    use crate::dsa_params::{DSA_1024_160, DSA_2048_224, DSA_3072_256};
    let (p, q, g) = match bits {
        1024 => DSA_1024_160,
        2048 => DSA_2048_224,
        3072 => DSA_3072_256,
        _ => return None,
    };
    let int = |hex: &str| -> Option<dsa::BoxedUint> {
        let bytes = hex
            .as_bytes()
            .chunks(2)
            .map(|pair| {
                let digits = core::str::from_utf8(pair).ok()?;
                u8::from_str_radix(digits, 16).ok()
            })
            .collect::<Option<Vec<u8>>>()?;
        Some(dsa::BoxedUint::from_be_slice_vartime(&bytes))
    };
    dsa::Components::from_components(int(p)?, int(q)?, int(g)?).ok()
}

impl AnySigningKey {
    /// Generates a key with the operating system RNG; its signature algorithm is keytool 17's
    /// default for the key ([`KeyAlgorithm::default_signature_algorithm`]).
    ///
    /// # Errors
    /// [`Error::UnsupportedKeySize`] for an RSA size outside 1024..=16384 bits or a DSA size
    /// other than 1024, 2048 and 3072, [`Error::Rsa`] or [`Error::Rng`] when generation fails.
    pub fn generate(alg: KeyAlgorithm) -> Result<Self, Error> {
        Self::generate_from_rng(alg, &mut OsRng).map_err(|e| match e {
            GenerateError::Key(e) => e,
            GenerateError::Rng(e) => Error::Rng(e.0),
        })
    }

    /// Like [`generate`](Self::generate) with a caller-supplied RNG.
    ///
    /// # Errors
    /// [`GenerateError::Key`] for an unsupported size or an RSA failure, [`GenerateError::Rng`]
    /// when the RNG fails.
    pub fn generate_from_rng<R: TryCryptoRng + ?Sized>(
        alg: KeyAlgorithm,
        rng: &mut R,
    ) -> Result<Self, GenerateError<R::Error>> {
        let rsa = |rng: &mut R, bits: usize| {
            if !RSA_BITS.contains(&bits) {
                return Err(GenerateError::Key(Error::UnsupportedKeySize { bits }));
            }
            rsa::PrivateKey::new(rng, bits).map_err(|e| GenerateError::Key(Error::Rsa(e)))
        };
        Ok(match alg {
            KeyAlgorithm::Rsa { bits } => Self::from_rsa(rsa(rng, bits)?),
            KeyAlgorithm::RsaPss { bits } => Self::with_default_scheme(Material::Rsa {
                key: rsa(rng, bits)?,
                pss_key: true,
            }),
            KeyAlgorithm::EcP256 => Self::P256(
                p256::ecdsa::SigningKey::try_generate_from_rng(rng).map_err(GenerateError::Rng)?,
            ),
            KeyAlgorithm::EcP384 => Self::P384(
                p384::ecdsa::SigningKey::try_generate_from_rng(rng).map_err(GenerateError::Rng)?,
            ),
            KeyAlgorithm::EcP521 => Self::P521(
                p521::ecdsa::SigningKey::try_generate_from_rng(rng).map_err(GenerateError::Rng)?,
            ),
            KeyAlgorithm::Ed25519 => {
                let mut secret = Zeroizing::new([0u8; ed25519_dalek::SECRET_KEY_LENGTH]);
                rng.try_fill_bytes(secret.as_mut())
                    .map_err(GenerateError::Rng)?;
                Self::Ed25519(ed25519_dalek::SigningKey::from_bytes(&secret))
            }
            KeyAlgorithm::Ed448 => {
                let mut secret = Zeroizing::new([0u8; ed448_goldilocks::SECRET_KEY_LENGTH]);
                rng.try_fill_bytes(secret.as_mut())
                    .map_err(GenerateError::Rng)?;
                let key = ed448_goldilocks::SigningKey::try_from(&secret[..])
                    .map_err(|_| GenerateError::Key(Error::UnsupportedKeySize { bits: 448 }))?;
                Self::Ed448(key)
            }
            KeyAlgorithm::Dsa { bits } => {
                let components = dsa_components(bits)
                    .ok_or(GenerateError::Key(Error::UnsupportedKeySize { bits }))?;
                let key = dsa::SigningKey::try_generate_from_rng_with_components(rng, components)
                    .map_err(GenerateError::Rng)?;
                Self::Dsa(DsaSigner {
                    key,
                    hash: Hash::Sha256,
                })
            }
        })
    }

    /// Wraps an RSA key, signing with keytool 17's default digest for its size.
    #[must_use]
    pub fn from_rsa(key: rsa::PrivateKey) -> Self {
        Self::with_default_scheme(Material::Rsa {
            key,
            pss_key: false,
        })
    }

    fn with_default_scheme(material: Material) -> Self {
        let scheme = material.default_scheme();
        Self::with_scheme(material, scheme)
    }

    /// Puts a key and a signature algorithm (already checked to fit) together.
    fn with_scheme(material: Material, scheme: Scheme) -> Self {
        use rsa::pkcs1v15::SigningKey as Pkcs1;
        match (material, scheme) {
            (
                Material::Rsa {
                    key,
                    pss_key: false,
                },
                Scheme::RsaPkcs1(Hash::Sha256),
            ) => Self::RsaSha256(Pkcs1::new(key)),
            (
                Material::Rsa {
                    key,
                    pss_key: false,
                },
                Scheme::RsaPkcs1(Hash::Sha384),
            ) => Self::RsaSha384(Pkcs1::new(key)),
            (
                Material::Rsa {
                    key,
                    pss_key: false,
                },
                Scheme::RsaPkcs1(Hash::Sha512),
            ) => Self::RsaSha512(Pkcs1::new(key)),
            (Material::Rsa { key, pss_key }, s @ (Scheme::RsaPkcs1(_) | Scheme::RsaPss(_))) => {
                Self::Rsa(RsaSigner {
                    key,
                    pss_key,
                    scheme: s,
                })
            }
            (Material::P256(k), Scheme::Ecdsa(Hash::Sha256)) => Self::P256(k),
            (Material::P384(k), Scheme::Ecdsa(Hash::Sha384)) => Self::P384(k),
            (Material::P521(k), Scheme::Ecdsa(Hash::Sha512)) => Self::P521(k),
            (Material::P256(k), Scheme::Ecdsa(hash)) => Self::Ecdsa(EcdsaSigner {
                key: EcKey::P256(k),
                hash,
            }),
            (Material::P384(k), Scheme::Ecdsa(hash)) => Self::Ecdsa(EcdsaSigner {
                key: EcKey::P384(k),
                hash,
            }),
            (Material::P521(k), Scheme::Ecdsa(hash)) => Self::Ecdsa(EcdsaSigner {
                key: EcKey::P521(k),
                hash,
            }),
            (Material::Dsa(key), Scheme::Dsa(hash)) => Self::Dsa(DsaSigner { key, hash }),
            (Material::Ed25519(k), _) => Self::Ed25519(k),
            (Material::Ed448(k), _) => Self::Ed448(k),
            // Not reached: callers pass a scheme that fits the key.
            (material, _) => Self::with_default_scheme(material),
        }
    }

    fn into_material(self) -> Material {
        match self {
            Self::RsaSha256(k) => Material::Rsa {
                key: k.as_ref().clone(),
                pss_key: false,
            },
            Self::RsaSha384(k) => Material::Rsa {
                key: k.as_ref().clone(),
                pss_key: false,
            },
            Self::RsaSha512(k) => Material::Rsa {
                key: k.as_ref().clone(),
                pss_key: false,
            },
            Self::Rsa(s) => Material::Rsa {
                key: s.key,
                pss_key: s.pss_key,
            },
            Self::P256(k) => Material::P256(k),
            Self::P384(k) => Material::P384(k),
            Self::P521(k) => Material::P521(k),
            Self::Ecdsa(s) => match s.key {
                EcKey::P256(k) => Material::P256(k),
                EcKey::P384(k) => Material::P384(k),
                EcKey::P521(k) => Material::P521(k),
            },
            Self::Ed25519(k) => Material::Ed25519(k),
            Self::Ed448(k) => Material::Ed448(k),
            Self::Dsa(s) => Material::Dsa(s.key),
        }
    }

    /// The same key signing with `name` (keytool `-sigalg`, case-insensitive), as keytool 17
    /// allows: RSA and RSASSA-PSS keys take `SHA1withRSA`, `SHA224withRSA`, `SHA256withRSA`,
    /// `SHA384withRSA`, `SHA512withRSA`, `SHA512/224withRSA`, `SHA512/256withRSA` and
    /// `RSASSA-PSS` (whose digest follows the key size: SHA-256 up to 3072 bits, SHA-384 up to
    /// 7680, SHA-512 above); EC keys `SHA1withECDSA` … `SHA512withECDSA` on every curve; DSA
    /// keys `SHA1withDSA` … `SHA512withDSA` with a digest at least as long as q; Ed25519 and
    /// Ed448 keys their own name or `EdDSA`.
    ///
    /// # Errors
    /// [`Error::UnsupportedSignatureAlgorithm`] for a name keytool does not know,
    /// [`Error::UnimplementedSignatureAlgorithm`] for MD2/MD5 and SHA-3 based algorithms,
    /// [`Error::SignatureAlgorithmMismatch`] for an algorithm of another key type, and
    /// [`Error::DigestTooWeak`] for a DSA digest shorter than the key's q.
    pub fn with_signature_algorithm(self, name: &str) -> Result<Self, Error> {
        let key = self.key_algorithm();
        let material = self.into_material();
        let mismatch = || Error::SignatureAlgorithmMismatch {
            name: name.to_owned(),
            key,
        };
        let scheme = match alg::lookup(name) {
            Named::Unknown => return Err(Error::UnsupportedSignatureAlgorithm(name.to_owned())),
            Named::Unimplemented => {
                return Err(Error::UnimplementedSignatureAlgorithm(name.to_owned()));
            }
            Named::EdDsa => match material {
                Material::Ed25519(_) => Scheme::Ed25519,
                Material::Ed448(_) => Scheme::Ed448,
                _ => return Err(mismatch()),
            },
            Named::Scheme(s) => s,
        };
        let scheme = match (&material, scheme) {
            (Material::Rsa { key, .. }, Scheme::RsaPss(_)) => {
                Scheme::RsaPss(Hash::for_rsa_bits(rsa_bits(key)))
            }
            (Material::Rsa { .. }, s @ Scheme::RsaPkcs1(_))
            | (Material::P256(_) | Material::P384(_) | Material::P521(_), s @ Scheme::Ecdsa(_))
            | (Material::Ed25519(_), s @ Scheme::Ed25519)
            | (Material::Ed448(_), s @ Scheme::Ed448) => s,
            (Material::Dsa(k), Scheme::Dsa(hash)) => {
                let q_bits = k.verifying_key().components().q().bit_width() as usize;
                if hash.bits() < q_bits {
                    return Err(Error::DigestTooWeak {
                        digest: hash.digest_name(),
                    });
                }
                Scheme::Dsa(hash)
            }
            _ => return Err(mismatch()),
        };
        Ok(Self::with_scheme(material, scheme))
    }

    /// Decodes a PKCS#8 `PrivateKeyInfo` (RSA, RSASSA-PSS without parameter restrictions, EC
    /// P-256/P-384/P-521, DSA with 1024/160, 2048/224, 2048/256 or 3072/256 parameters, or
    /// Ed25519/Ed448 as RFC 8410 `OneAsymmetricKey` v1 or v2); the signature algorithm is
    /// keytool 17's default for the key.
    ///
    /// # Errors
    /// [`Error::Pkcs8`] for malformed input or an unsupported algorithm or curve.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        let info = PrivateKeyInfoRef::try_from(der)?;
        Ok(Self::try_from(info)?)
    }

    /// Encodes the key as PKCS#8 DER in a zeroizing document. Ed25519 and Ed448 keys are
    /// written as RFC 8410 v1 `PrivateKeyInfo` without the optional public key, RSASSA-PSS keys
    /// with `id-RSASSA-PSS` and no parameters, as keytool 17 writes them.
    ///
    /// # Errors
    /// [`Error::Pkcs8`] if encoding fails.
    pub fn to_pkcs8_der(&self) -> Result<SecretDocument, Error> {
        Ok(EncodePrivateKey::to_pkcs8_der(self)?)
    }

    /// The key's type and size.
    #[must_use]
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        let rsa = |k: &rsa::PrivateKey| KeyAlgorithm::Rsa { bits: rsa_bits(k) };
        match self {
            Self::RsaSha256(k) => rsa(k.as_ref()),
            Self::RsaSha384(k) => rsa(k.as_ref()),
            Self::RsaSha512(k) => rsa(k.as_ref()),
            Self::Rsa(s) if s.pss_key => KeyAlgorithm::RsaPss {
                bits: rsa_bits(&s.key),
            },
            Self::Rsa(s) => rsa(&s.key),
            Self::P256(_)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P256(_),
                ..
            }) => KeyAlgorithm::EcP256,
            Self::P384(_)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P384(_),
                ..
            }) => KeyAlgorithm::EcP384,
            Self::P521(_)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P521(_),
                ..
            }) => KeyAlgorithm::EcP521,
            Self::Ed25519(_) => KeyAlgorithm::Ed25519,
            Self::Ed448(_) => KeyAlgorithm::Ed448,
            Self::Dsa(s) => KeyAlgorithm::Dsa {
                bits: s.key.verifying_key().components().p().bit_width() as usize,
            },
        }
    }

    fn scheme(&self) -> Scheme {
        match self {
            Self::RsaSha256(_) => Scheme::RsaPkcs1(Hash::Sha256),
            Self::RsaSha384(_) => Scheme::RsaPkcs1(Hash::Sha384),
            Self::RsaSha512(_) => Scheme::RsaPkcs1(Hash::Sha512),
            Self::Rsa(s) => s.scheme,
            Self::P256(_) => Scheme::Ecdsa(Hash::Sha256),
            Self::P384(_) => Scheme::Ecdsa(Hash::Sha384),
            Self::P521(_) => Scheme::Ecdsa(Hash::Sha512),
            Self::Ecdsa(s) => Scheme::Ecdsa(s.hash),
            Self::Ed25519(_) => Scheme::Ed25519,
            Self::Ed448(_) => Scheme::Ed448,
            Self::Dsa(s) => Scheme::Dsa(s.hash),
        }
    }

    /// The JCA name of the signature algorithm this key signs with (`SHA256withRSA`, …,
    /// `RSASSA-PSS`, `SHA256withDSA`, `Ed25519`, `Ed448`).
    #[must_use]
    pub fn signature_algorithm_name(&self) -> &'static str {
        self.scheme().name()
    }

    /// The OID of the signature algorithm this key signs with.
    #[must_use]
    pub fn signature_algorithm_oid(&self) -> ObjectIdentifier {
        self.scheme().oid()
    }

    fn public_key_der(&self) -> spki::Result<spki::Document> {
        match self {
            Self::RsaSha256(k) => k.verifying_key().to_public_key_der(),
            Self::RsaSha384(k) => k.verifying_key().to_public_key_der(),
            Self::RsaSha512(k) => k.verifying_key().to_public_key_der(),
            Self::Rsa(s) if s.pss_key => rsa_pss_public_key_der(&s.key),
            Self::Rsa(s) => s.key.to_public_key().to_public_key_der(),
            Self::P256(k)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P256(k),
                ..
            }) => k.verifying_key().to_public_key_der(),
            Self::P384(k)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P384(k),
                ..
            }) => k.verifying_key().to_public_key_der(),
            Self::P521(k)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P521(k),
                ..
            }) => k.verifying_key().to_public_key_der(),
            Self::Ed25519(k) => k.verifying_key().to_public_key_der(),
            Self::Ed448(k) => k.verifying_key().to_public_key_der(),
            Self::Dsa(s) => s.key.verifying_key().to_public_key_der(),
        }
    }

    /// The key's SubjectPublicKeyInfo.
    ///
    /// # Errors
    /// [`Error::Spki`] / [`Error::Asn1`] if encoding fails (not expected for valid keys).
    pub fn public_key_info(&self) -> Result<SubjectPublicKeyInfoOwned, Error> {
        let doc = self.public_key_der()?;
        Ok(SubjectPublicKeyInfoOwned::from_der(doc.as_bytes())?)
    }
}

/// The SubjectPublicKeyInfo of an RSASSA-PSS key: `id-RSASSA-PSS` without parameters (as
/// keytool 17 writes it) over the PKCS#1 `RSAPublicKey`.
fn rsa_pss_public_key_der(key: &rsa::PrivateKey) -> spki::Result<spki::Document> {
    let pkcs1 = rsa::pkcs1::EncodeRsaPublicKey::to_pkcs1_der(&key.to_public_key())
        .map_err(|_| spki::Error::KeyMalformed)?;
    let info = SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: alg::ID_RSASSA_PSS,
            parameters: None,
        },
        subject_public_key: BitStringRef::new(0, pkcs1.as_bytes())?,
    };
    Ok(spki::Document::encode_msg(&info)?)
}

/// The PKCS#8 v1 `PrivateKeyInfo` of an RSASSA-PSS key: `id-RSASSA-PSS` without parameters
/// over the PKCS#1 `RSAPrivateKey`, as keytool 17 writes it.
fn rsa_pss_to_pkcs8(key: &rsa::PrivateKey) -> pkcs8::Result<SecretDocument> {
    let pkcs1 = rsa::pkcs1::EncodeRsaPrivateKey::to_pkcs1_der(key)
        .map_err(|_| pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid))?;
    let info = PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: alg::ID_RSASSA_PSS,
            parameters: None,
        },
        private_key: OctetStringRef::new(pkcs1.as_bytes())?,
        public_key: None,
    };
    Ok(SecretDocument::encode_msg(&info)?)
}

/// Error of [`AnySigningKey::generate_from_rng`].
#[derive(Debug)]
#[non_exhaustive]
pub enum GenerateError<E> {
    /// The key could not be generated (size, RSA failure).
    Key(Error),
    /// The caller's RNG failed.
    Rng(E),
}

impl<E: fmt::Display> fmt::Display for GenerateError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Key(e) => fmt::Display::fmt(e, f),
            Self::Rng(e) => write!(f, "RNG failed: {e}"),
        }
    }
}

impl<E: core::error::Error> core::error::Error for GenerateError<E> {}

impl fmt::Debug for AnySigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnySigningKey")
            .field("algorithm", &format_args!("{}", self.key_algorithm()))
            .field("signature", &self.signature_algorithm_name())
            .field("key", &format_args!("[secret key elided]"))
            .finish()
    }
}

impl ZeroizeOnDrop for AnySigningKey {}

impl TryFrom<PrivateKeyInfoRef<'_>> for AnySigningKey {
    type Error = pkcs8::Error;

    fn try_from(info: PrivateKeyInfoRef<'_>) -> pkcs8::Result<Self> {
        let oid = info.algorithm.oid;
        if oid == rfc8410::ID_ED_25519 {
            return ed25519_from_pkcs8(&info).map(Self::Ed25519);
        }
        if oid == rfc8410::ID_ED_448 {
            return ed448_from_pkcs8(&info).map(Self::Ed448);
        }
        if oid == rfc5912::RSA_ENCRYPTION {
            return rsa::PrivateKey::try_from(info).map(Self::from_rsa);
        }
        if oid == alg::ID_RSASSA_PSS {
            return rsa::PrivateKey::try_from(info)
                .map(|key| Self::with_default_scheme(Material::Rsa { key, pss_key: true }));
        }
        if oid == alg::ID_DSA {
            return dsa::SigningKey::try_from(info).map(|key| {
                Self::Dsa(DsaSigner {
                    key,
                    hash: Hash::Sha256,
                })
            });
        }
        if oid != rfc5912::ID_EC_PUBLIC_KEY {
            return Err(spki::Error::OidUnknown { oid }.into());
        }
        match info.algorithm.parameters_oid()? {
            p256::NistP256::OID => p256::ecdsa::SigningKey::try_from(info).map(Self::P256),
            p384::NistP384::OID => p384::ecdsa::SigningKey::try_from(info).map(Self::P384),
            p521::NistP521::OID => p521::ecdsa::SigningKey::try_from(info).map(Self::P521),
            curve => Err(spki::Error::OidUnknown { oid: curve }.into()),
        }
    }
}

impl EncodePrivateKey for AnySigningKey {
    fn to_pkcs8_der(&self) -> pkcs8::Result<SecretDocument> {
        match self {
            Self::RsaSha256(k) => k.to_pkcs8_der(),
            Self::RsaSha384(k) => k.to_pkcs8_der(),
            Self::RsaSha512(k) => k.to_pkcs8_der(),
            Self::Rsa(s) if s.pss_key => rsa_pss_to_pkcs8(&s.key),
            Self::Rsa(s) => s.key.to_pkcs8_der(),
            Self::P256(k)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P256(k),
                ..
            }) => k.to_pkcs8_der(),
            Self::P384(k)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P384(k),
                ..
            }) => k.to_pkcs8_der(),
            Self::P521(k)
            | Self::Ecdsa(EcdsaSigner {
                key: EcKey::P521(k),
                ..
            }) => k.to_pkcs8_der(),
            Self::Ed25519(k) => ed25519_to_pkcs8(k),
            Self::Ed448(k) => ed448_to_pkcs8(k),
            Self::Dsa(s) => s.key.to_pkcs8_der(),
        }
    }
}

/// The RFC 8410 `CurvePrivateKey` wrapping: an OCTET STRING (tag 0x04, length 32) inside the
/// `privateKey` OCTET STRING.
const ED25519_CURVE_PRIVATE_KEY_HEADER: [u8; 2] = [0x04, 0x20];

/// The same for Ed448 (57-byte secret).
const ED448_CURVE_PRIVATE_KEY_HEADER: [u8; 2] = [0x04, 0x39];

/// RFC 8410 v1 `PrivateKeyInfo` for an Ed25519 key: `id-Ed25519` with absent parameters, no
/// public key. The secret only ever sits in zeroizing buffers here (`ed25519`'s `KeypairBytes`
/// does not zeroize in this configuration).
fn ed25519_to_pkcs8(key: &ed25519_dalek::SigningKey) -> pkcs8::Result<SecretDocument> {
    curve_to_pkcs8(
        rfc8410::ID_ED_25519,
        ED25519_CURVE_PRIVATE_KEY_HEADER,
        key.as_bytes(),
    )
}

/// RFC 8410 v1 `PrivateKeyInfo` for an Ed448 key, as keytool 17 writes it.
fn ed448_to_pkcs8(key: &ed448_goldilocks::SigningKey) -> pkcs8::Result<SecretDocument> {
    curve_to_pkcs8(
        rfc8410::ID_ED_448,
        ED448_CURVE_PRIVATE_KEY_HEADER,
        &key.as_bytes()[..],
    )
}

fn curve_to_pkcs8(
    oid: ObjectIdentifier,
    header: [u8; 2],
    secret: &[u8],
) -> pkcs8::Result<SecretDocument> {
    let mut curve_private_key = Zeroizing::new(Vec::with_capacity(2 + secret.len()));
    curve_private_key.extend_from_slice(&header);
    curve_private_key.extend_from_slice(secret);
    let info = PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        private_key: OctetStringRef::new(curve_private_key.as_slice())?,
        public_key: None,
    };
    Ok(SecretDocument::encode_msg(&info)?)
}

/// The secret of an RFC 8410 `PrivateKeyInfo`/`OneAsymmetricKey`: parameters must be absent
/// and the `CurvePrivateKey` must be an OCTET STRING of `N` bytes.
fn curve_secret<const N: usize>(
    info: &PrivateKeyInfoRef<'_>,
    header: [u8; 2],
) -> pkcs8::Result<Zeroizing<[u8; N]>> {
    if info.algorithm.parameters.is_some() {
        return Err(pkcs8::Error::ParametersMalformed);
    }
    match info.private_key.as_bytes().split_at_checked(2) {
        Some((h, rest)) if h == header => {
            Ok(Zeroizing::new(rest.try_into().map_err(|_| {
                pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid)
            })?))
        }
        _ => Err(pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid)),
    }
}

/// A public key in a v2 `OneAsymmetricKey`, when present, must match the private key.
fn check_public_key(info: &PrivateKeyInfoRef<'_>, public: &[u8]) -> pkcs8::Result<()> {
    if let Some(public_key) = &info.public_key
        && public_key.as_bytes() != Some(public)
    {
        return Err(pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid));
    }
    Ok(())
}

/// Decodes an RFC 8410 Ed25519 `PrivateKeyInfo`/`OneAsymmetricKey`: parameters must be absent;
/// a public key, when present (v2), must match the private key.
fn ed25519_from_pkcs8(info: &PrivateKeyInfoRef<'_>) -> pkcs8::Result<ed25519_dalek::SigningKey> {
    let secret = curve_secret::<{ ed25519_dalek::SECRET_KEY_LENGTH }>(
        info,
        ED25519_CURVE_PRIVATE_KEY_HEADER,
    )?;
    let key = ed25519_dalek::SigningKey::from_bytes(&secret);
    check_public_key(info, key.verifying_key().as_bytes())?;
    Ok(key)
}

/// Decodes an RFC 8410 Ed448 `PrivateKeyInfo`/`OneAsymmetricKey`, as for Ed25519.
fn ed448_from_pkcs8(info: &PrivateKeyInfoRef<'_>) -> pkcs8::Result<ed448_goldilocks::SigningKey> {
    let secret = curve_secret::<{ ed448_goldilocks::SECRET_KEY_LENGTH }>(
        info,
        ED448_CURVE_PRIVATE_KEY_HEADER,
    )?;
    let key = ed448_goldilocks::SigningKey::try_from(&secret[..])
        .map_err(|_| pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid))?;
    check_public_key(info, &key.verifying_key().to_bytes())?;
    Ok(key)
}

/// A signature made by [`AnySigningKey`]: the raw octets that go into the signature BIT STRING
/// (the PKCS#1 v1.5 or PSS block for RSA, the DER `Ecdsa-Sig-Value`/`Dss-Sig-Value` for
/// ECDSA/DSA, the 64-byte (Ed25519) or 114-byte (Ed448) `R || S` for EdDSA).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnySignature(Box<[u8]>);

impl AnySignature {
    /// The signature octets.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl TryFrom<&[u8]> for AnySignature {
    type Error = signature::Error;

    fn try_from(bytes: &[u8]) -> signature::Result<Self> {
        Ok(Self(bytes.into()))
    }
}

impl From<AnySignature> for Box<[u8]> {
    fn from(sig: AnySignature) -> Self {
        sig.0
    }
}

impl SignatureEncoding for AnySignature {
    type Repr = Box<[u8]>;
}

impl SignatureBitStringEncoding for AnySignature {
    fn to_bitstring(&self) -> der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

/// ECDSA over a digest computed by the caller (FIPS 186-4: the leftmost bits of the digest,
/// as many as the group order has), DER-encoded.
fn ecdsa_sign_prehash(key: &EcKey, prehash: &[u8]) -> signature::Result<Box<[u8]>> {
    use signature::hazmat::PrehashSigner;
    Ok(match key {
        EcKey::P256(k) => PrehashSigner::<p256::ecdsa::DerSignature>::sign_prehash(k, prehash)?
            .as_bytes()
            .into(),
        EcKey::P384(k) => PrehashSigner::<p384::ecdsa::DerSignature>::sign_prehash(k, prehash)?
            .as_bytes()
            .into(),
        EcKey::P521(k) => PrehashSigner::<p521::ecdsa::DerSignature>::sign_prehash(k, prehash)?
            .as_bytes()
            .into(),
    })
}

fn rsa_sign(signer: &RsaSigner, msg: &[u8]) -> signature::Result<Box<[u8]>> {
    let to_sig = |r: rsa::Result<Vec<u8>>| {
        r.map(Vec::into_boxed_slice)
            .map_err(|_| signature::Error::new())
    };
    match signer.scheme {
        Scheme::RsaPkcs1(hash) => {
            let digest = hash.digest(msg);
            with_digest!(hash, D => to_sig(signer.key.sign(rsa::Pkcs1v15Sign::new::<D>(), &digest)))
        }
        Scheme::RsaPss(hash) => {
            let digest = hash.digest(msg);
            with_digest!(hash, D => to_sig(signer.key.sign(rsa::pss::Pss::<D>::new(), &digest)))
        }
        _ => Err(signature::Error::new()),
    }
}

impl Signer<AnySignature> for AnySigningKey {
    fn try_sign(&self, msg: &[u8]) -> signature::Result<AnySignature> {
        let bytes: Box<[u8]> = match self {
            Self::RsaSha256(k) => Signer::<rsa::pkcs1v15::Signature>::try_sign(k, msg)?.into(),
            Self::RsaSha384(k) => Signer::<rsa::pkcs1v15::Signature>::try_sign(k, msg)?.into(),
            Self::RsaSha512(k) => Signer::<rsa::pkcs1v15::Signature>::try_sign(k, msg)?.into(),
            Self::Rsa(s) => rsa_sign(s, msg)?,
            Self::P256(k) => Signer::<p256::ecdsa::DerSignature>::try_sign(k, msg)?
                .as_bytes()
                .into(),
            Self::P384(k) => Signer::<p384::ecdsa::DerSignature>::try_sign(k, msg)?
                .as_bytes()
                .into(),
            Self::P521(k) => Signer::<p521::ecdsa::DerSignature>::try_sign(k, msg)?
                .as_bytes()
                .into(),
            Self::Ecdsa(s) => ecdsa_sign_prehash(&s.key, &s.hash.digest(msg))?,
            Self::Ed25519(k) => Signer::<ed25519_dalek::Signature>::try_sign(k, msg)?
                .to_bytes()
                .into(),
            Self::Ed448(k) => Box::from(&k.sign_raw(msg).to_bytes()[..]),
            Self::Dsa(s) => {
                let digest = s.hash.digest(msg);
                let sig = with_digest!(s.hash, D => s.key.sign_prehashed_rfc6979::<D>(&digest))?;
                sig.into()
            }
        };
        Ok(AnySignature(bytes))
    }
}

impl DynSignatureAlgorithmIdentifier for AnySigningKey {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        // RSA PKCS#1 v1.5 and DSA carry explicit NULL parameters (as keytool writes them),
        // RSASSA-PSS its RSASSA-PSS-params, ECDSA (RFC 5758) and EdDSA (RFC 8410) none.
        Ok(self.scheme().algorithm_identifier()?)
    }
}

impl Keypair for AnySigningKey {
    type VerifyingKey = AnyVerifyingKey;

    fn verifying_key(&self) -> AnyVerifyingKey {
        // Encoding a valid public key cannot fail; keep a total function all the same.
        let spki = self
            .public_key_der()
            .ok()
            .and_then(|d| SubjectPublicKeyInfoOwned::from_der(d.as_bytes()).ok());
        let signature_parameters = self
            .scheme()
            .algorithm_identifier()
            .ok()
            .and_then(|a| a.parameters);
        AnyVerifyingKey {
            spki,
            signature_algorithm: self.signature_algorithm_oid(),
            signature_parameters,
        }
    }
}

/// The public half of an [`AnySigningKey`]: its SubjectPublicKeyInfo plus the signature
/// algorithm it verifies. Verification goes through [`crate::verify_signature_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnyVerifyingKey {
    spki: Option<SubjectPublicKeyInfoOwned>,
    signature_algorithm: ObjectIdentifier,
    signature_parameters: Option<der::Any>,
}

impl AnyVerifyingKey {
    /// A verifying key from a SubjectPublicKeyInfo and the signature algorithm to verify with
    /// (without parameters: RSASSA-PSS then means RFC 4055's defaults; see
    /// [`with_algorithm_identifier`](Self::with_algorithm_identifier)).
    #[must_use]
    pub fn new(spki: SubjectPublicKeyInfoOwned, signature_algorithm: ObjectIdentifier) -> Self {
        Self {
            spki: Some(spki),
            signature_algorithm,
            signature_parameters: None,
        }
    }

    /// A verifying key from a SubjectPublicKeyInfo and a whole signature AlgorithmIdentifier
    /// (RSASSA-PSS needs its parameters).
    #[must_use]
    pub fn with_algorithm_identifier(
        spki: SubjectPublicKeyInfoOwned,
        signature_algorithm: AlgorithmIdentifierOwned,
    ) -> Self {
        Self {
            spki: Some(spki),
            signature_algorithm: signature_algorithm.oid,
            signature_parameters: signature_algorithm.parameters,
        }
    }

    /// The SubjectPublicKeyInfo (`None` only if the key could not be encoded).
    #[must_use]
    pub fn spki(&self) -> Option<&SubjectPublicKeyInfoOwned> {
        self.spki.as_ref()
    }

    /// The signature algorithm this key verifies.
    #[must_use]
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.signature_algorithm
    }
}

impl EncodePublicKey for AnyVerifyingKey {
    fn to_public_key_der(&self) -> spki::Result<spki::Document> {
        let spki = self.spki.as_ref().ok_or(spki::Error::KeyMalformed)?;
        Ok(spki::Document::try_from(spki.to_der()?.as_slice())?)
    }
}

impl Verifier<AnySignature> for AnyVerifyingKey {
    fn verify(&self, msg: &[u8], signature: &AnySignature) -> signature::Result<()> {
        let spki = self.spki.as_ref().ok_or_else(signature::Error::new)?;
        let der = spki.to_der().map_err(|_| signature::Error::new())?;
        let spki = SubjectPublicKeyInfoRef::from_der(&der).map_err(|_| signature::Error::new())?;
        let alg = AlgorithmIdentifierRef {
            oid: self.signature_algorithm,
            parameters: self.signature_parameters.as_ref().map(der::AnyRef::from),
        };
        if crate::verify_signature_with(alg, spki, msg, signature.as_bytes()) {
            Ok(())
        } else {
            Err(signature::Error::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded DSA domain parameters are sound: p and q prime, q | p - 1, g of order q,
    /// and of the sizes keytool uses.
    #[test]
    fn dsa_domain_parameters() {
        use crypto_bigint::{NonZero, Resize};
        use crypto_primes::{Flavor, is_prime};
        for (bits, n) in [(1024, 160), (2048, 224), (3072, 256)] {
            let c = dsa_components(bits).expect("parameters");
            let (p, q, g) = (c.p(), c.q(), c.g());
            assert_eq!(p.bit_width() as usize, bits);
            assert_eq!(q.bit_width(), n);
            assert!(is_prime(Flavor::Any, p.as_ref()), "p of {bits}");
            assert!(is_prime(Flavor::Any, q.as_ref()), "q of {bits}");
            let p_minus_1 = p.as_ref().wrapping_sub(dsa::BoxedUint::one());
            let q_wide = q.as_ref().resize(p.bits_precision());
            let q_nz = NonZero::new(q_wide).expect("q non-zero");
            assert!(
                bool::from((&p_minus_1 % &q_nz).is_zero()),
                "q | p - 1 for {bits}"
            );
            // g^q = 1 (mod p) and g != 1: `VerifyingKey::from_components` checks y^q = 1, so
            // a key with y = g exists exactly when g has order q.
            assert!(g.as_ref() > &dsa::BoxedUint::one());
            assert!(dsa::VerifyingKey::from_components(c.clone(), g.as_ref().clone()).is_ok());
        }
        assert!(dsa_components(4096).is_none());
    }
}
