//! Key generation and [`AnySigningKey`], one signing-key type over RSA, ECDSA and Ed25519 keys.

use core::fmt;

use const_oid::{
    AssociatedOid, ObjectIdentifier,
    db::{rfc5912, rfc8410},
};
use der::{
    Decode, Encode, SecretDocument,
    asn1::{BitString, OctetStringRef},
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

use crate::Error;

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
}

impl KeyAlgorithm {
    /// keytool 17's `-sigalg` default for keys of this type (spec §2), e.g. `SHA256withRSA`.
    #[must_use]
    pub fn default_signature_algorithm(self) -> &'static str {
        match self {
            Self::Rsa { bits } => RsaDigest::for_bits(bits).name(),
            Self::EcP256 => "SHA256withECDSA",
            Self::EcP384 => "SHA384withECDSA",
            Self::EcP521 => "SHA512withECDSA",
            Self::Ed25519 => "Ed25519",
        }
    }

    /// Key size in bits as keytool reports it (`2048`, `256`, `384`, `521`, `255` for Ed25519).
    #[must_use]
    pub fn bits(self) -> usize {
        match self {
            Self::Rsa { bits } => bits,
            Self::EcP256 => 256,
            Self::EcP384 => 384,
            Self::EcP521 => 521,
            Self::Ed25519 => 255,
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    /// keytool 17's wording: `2048 bit RSA`, `256 bit EC (secp256r1)`, `255 bit Ed25519`
    /// (without digit grouping).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rsa { bits } => write!(f, "{bits} bit RSA"),
            Self::EcP256 => f.write_str("256 bit EC (secp256r1)"),
            Self::EcP384 => f.write_str("384 bit EC (secp384r1)"),
            Self::EcP521 => f.write_str("521 bit EC (secp521r1)"),
            Self::Ed25519 => f.write_str("255 bit Ed25519"),
        }
    }
}

/// Digest of an RSA PKCS#1 v1.5 signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RsaDigest {
    Sha256,
    Sha384,
    Sha512,
}

impl RsaDigest {
    /// keytool 17: SHA256withRSA ≤ 3072 bits, SHA384withRSA ≤ 7680, SHA512withRSA above.
    fn for_bits(bits: usize) -> Self {
        if bits <= 3072 {
            Self::Sha256
        } else if bits <= 7680 {
            Self::Sha384
        } else {
            Self::Sha512
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "SHA256withRSA",
            Self::Sha384 => "SHA384withRSA",
            Self::Sha512 => "SHA512withRSA",
        }
    }
}

/// Smallest and largest RSA modulus [`AnySigningKey::generate`] accepts.
const RSA_BITS: core::ops::RangeInclusive<usize> = 1024..=16384;

/// One signing key over the key types keytool generates: RSA (PKCS#1 v1.5 with SHA-256/384/512),
/// ECDSA on P-256, P-384 and P-521 (each with its curve's digest) and Ed25519 (pure EdDSA).
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
}

impl AnySigningKey {
    /// Generates a key with the operating system RNG; its signature algorithm is keytool 17's
    /// default for the key ([`KeyAlgorithm::default_signature_algorithm`]).
    ///
    /// # Errors
    /// [`Error::UnsupportedKeySize`] for an RSA size outside 1024..=16384 bits,
    /// [`Error::Rsa`] or [`Error::Rng`] when generation fails.
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
        Ok(match alg {
            KeyAlgorithm::Rsa { bits } => {
                if !RSA_BITS.contains(&bits) {
                    return Err(GenerateError::Key(Error::UnsupportedKeySize { bits }));
                }
                let key = rsa::PrivateKey::new(rng, bits)
                    .map_err(|e| GenerateError::Key(Error::Rsa(e)))?;
                Self::from_rsa(key)
            }
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
        })
    }

    /// Wraps an RSA key, signing with keytool 17's default digest for its size.
    #[must_use]
    pub fn from_rsa(key: rsa::PrivateKey) -> Self {
        match RsaDigest::for_bits(key.n().bit_width() as usize) {
            RsaDigest::Sha256 => Self::RsaSha256(rsa::pkcs1v15::SigningKey::new(key)),
            RsaDigest::Sha384 => Self::RsaSha384(rsa::pkcs1v15::SigningKey::new(key)),
            RsaDigest::Sha512 => Self::RsaSha512(rsa::pkcs1v15::SigningKey::new(key)),
        }
    }

    /// The same key signing with `name` (keytool `-sigalg`): RSA keys take `SHA256withRSA`,
    /// `SHA384withRSA` or `SHA512withRSA`; EC keys sign with their curve's digest only; Ed25519
    /// keys take `Ed25519` or `EdDSA` (as keytool 17 does; both sign Ed25519).
    ///
    /// # Errors
    /// [`Error::UnsupportedSignatureAlgorithm`].
    pub fn with_signature_algorithm(self, name: &str) -> Result<Self, Error> {
        if name.eq_ignore_ascii_case(self.signature_algorithm_name())
            || (matches!(self, Self::Ed25519(_)) && name.eq_ignore_ascii_case("EdDSA"))
        {
            return Ok(self);
        }
        let rsa_key = match &self {
            Self::RsaSha256(k) => k.as_ref().clone(),
            Self::RsaSha384(k) => k.as_ref().clone(),
            Self::RsaSha512(k) => k.as_ref().clone(),
            _ => return Err(Error::UnsupportedSignatureAlgorithm(name.to_owned())),
        };
        match name.to_ascii_uppercase().as_str() {
            "SHA256WITHRSA" => Ok(Self::RsaSha256(rsa::pkcs1v15::SigningKey::new(rsa_key))),
            "SHA384WITHRSA" => Ok(Self::RsaSha384(rsa::pkcs1v15::SigningKey::new(rsa_key))),
            "SHA512WITHRSA" => Ok(Self::RsaSha512(rsa::pkcs1v15::SigningKey::new(rsa_key))),
            _ => Err(Error::UnsupportedSignatureAlgorithm(name.to_owned())),
        }
    }

    /// Decodes a PKCS#8 `PrivateKeyInfo` (RSA, EC P-256/P-384/P-521, or Ed25519 as RFC 8410
    /// `OneAsymmetricKey` v1 or v2); the signature algorithm is keytool 17's default for the key.
    ///
    /// # Errors
    /// [`Error::Pkcs8`] for malformed input or an unsupported algorithm or curve.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        let info = PrivateKeyInfoRef::try_from(der)?;
        Ok(Self::try_from(info)?)
    }

    /// Encodes the key as PKCS#8 DER in a zeroizing document. Ed25519 keys are written as RFC 8410
    /// v1 `PrivateKeyInfo` without the optional public key, as `openssl genpkey` and keytool 17
    /// write them.
    ///
    /// # Errors
    /// [`Error::Pkcs8`] if encoding fails.
    pub fn to_pkcs8_der(&self) -> Result<SecretDocument, Error> {
        Ok(EncodePrivateKey::to_pkcs8_der(self)?)
    }

    /// The key's type and size.
    #[must_use]
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        let rsa_bits = |k: &rsa::PrivateKey| KeyAlgorithm::Rsa {
            bits: k.n().bit_width() as usize,
        };
        match self {
            Self::RsaSha256(k) => rsa_bits(k.as_ref()),
            Self::RsaSha384(k) => rsa_bits(k.as_ref()),
            Self::RsaSha512(k) => rsa_bits(k.as_ref()),
            Self::P256(_) => KeyAlgorithm::EcP256,
            Self::P384(_) => KeyAlgorithm::EcP384,
            Self::P521(_) => KeyAlgorithm::EcP521,
            Self::Ed25519(_) => KeyAlgorithm::Ed25519,
        }
    }

    /// The JCA name of the signature algorithm this key signs with (`SHA256withRSA`, …,
    /// `Ed25519`).
    #[must_use]
    pub fn signature_algorithm_name(&self) -> &'static str {
        match self {
            Self::RsaSha256(_) => "SHA256withRSA",
            Self::RsaSha384(_) => "SHA384withRSA",
            Self::RsaSha512(_) => "SHA512withRSA",
            Self::P256(_) => "SHA256withECDSA",
            Self::P384(_) => "SHA384withECDSA",
            Self::P521(_) => "SHA512withECDSA",
            Self::Ed25519(_) => "Ed25519",
        }
    }

    /// The OID of the signature algorithm this key signs with.
    #[must_use]
    pub fn signature_algorithm_oid(&self) -> ObjectIdentifier {
        match self {
            Self::RsaSha256(_) => rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
            Self::RsaSha384(_) => rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
            Self::RsaSha512(_) => rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
            Self::P256(_) => rfc5912::ECDSA_WITH_SHA_256,
            Self::P384(_) => rfc5912::ECDSA_WITH_SHA_384,
            Self::P521(_) => rfc5912::ECDSA_WITH_SHA_512,
            Self::Ed25519(_) => rfc8410::ID_ED_25519,
        }
    }

    fn public_key_der(&self) -> spki::Result<spki::Document> {
        match self {
            Self::RsaSha256(k) => k.verifying_key().to_public_key_der(),
            Self::RsaSha384(k) => k.verifying_key().to_public_key_der(),
            Self::RsaSha512(k) => k.verifying_key().to_public_key_der(),
            Self::P256(k) => k.verifying_key().to_public_key_der(),
            Self::P384(k) => k.verifying_key().to_public_key_der(),
            Self::P521(k) => k.verifying_key().to_public_key_der(),
            Self::Ed25519(k) => k.verifying_key().to_public_key_der(),
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
        if oid == rfc5912::RSA_ENCRYPTION {
            return rsa::PrivateKey::try_from(info).map(Self::from_rsa);
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
            Self::P256(k) => k.to_pkcs8_der(),
            Self::P384(k) => k.to_pkcs8_der(),
            Self::P521(k) => k.to_pkcs8_der(),
            Self::Ed25519(k) => ed25519_to_pkcs8(k),
        }
    }
}

/// The RFC 8410 `CurvePrivateKey` wrapping: an OCTET STRING (tag 0x04, length 32) inside the
/// `privateKey` OCTET STRING.
const ED25519_CURVE_PRIVATE_KEY_HEADER: [u8; 2] = [0x04, 0x20];

/// RFC 8410 v1 `PrivateKeyInfo` for an Ed25519 key: `id-Ed25519` with absent parameters, no
/// public key. The secret only ever sits in zeroizing buffers here (`ed25519`'s `KeypairBytes`
/// does not zeroize in this configuration).
fn ed25519_to_pkcs8(key: &ed25519_dalek::SigningKey) -> pkcs8::Result<SecretDocument> {
    let mut curve_private_key = Zeroizing::new([0u8; 2 + ed25519_dalek::SECRET_KEY_LENGTH]);
    let (header, secret) = curve_private_key.split_at_mut(2);
    header.copy_from_slice(&ED25519_CURVE_PRIVATE_KEY_HEADER);
    secret.copy_from_slice(key.as_bytes());
    let info = PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: rfc8410::ID_ED_25519,
            parameters: None,
        },
        private_key: OctetStringRef::new(curve_private_key.as_slice())?,
        public_key: None,
    };
    Ok(SecretDocument::encode_msg(&info)?)
}

/// Decodes an RFC 8410 Ed25519 `PrivateKeyInfo`/`OneAsymmetricKey`: parameters must be absent;
/// a public key, when present (v2), must match the private key.
fn ed25519_from_pkcs8(info: &PrivateKeyInfoRef<'_>) -> pkcs8::Result<ed25519_dalek::SigningKey> {
    if info.algorithm.parameters.is_some() {
        return Err(pkcs8::Error::ParametersMalformed);
    }
    let secret: Zeroizing<[u8; ed25519_dalek::SECRET_KEY_LENGTH]> =
        match info.private_key.as_bytes() {
            [0x04, 0x20, rest @ ..] => Zeroizing::new(
                rest.try_into()
                    .map_err(|_| pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid))?,
            ),
            _ => return Err(pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid)),
        };
    let key = ed25519_dalek::SigningKey::from_bytes(&secret);
    if let Some(public_key) = &info.public_key {
        let matches = public_key
            .as_bytes()
            .is_some_and(|pk| pk == key.verifying_key().as_bytes());
        if !matches {
            return Err(pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid));
        }
    }
    Ok(key)
}

/// A signature made by [`AnySigningKey`]: the raw octets that go into the signature BIT STRING
/// (the PKCS#1 v1.5 block for RSA, the DER `Ecdsa-Sig-Value` for ECDSA, the 64-byte `R || S`
/// for Ed25519).
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

impl Signer<AnySignature> for AnySigningKey {
    fn try_sign(&self, msg: &[u8]) -> signature::Result<AnySignature> {
        let bytes: Box<[u8]> = match self {
            Self::RsaSha256(k) => Signer::<rsa::pkcs1v15::Signature>::try_sign(k, msg)?.into(),
            Self::RsaSha384(k) => Signer::<rsa::pkcs1v15::Signature>::try_sign(k, msg)?.into(),
            Self::RsaSha512(k) => Signer::<rsa::pkcs1v15::Signature>::try_sign(k, msg)?.into(),
            Self::P256(k) => Signer::<p256::ecdsa::DerSignature>::try_sign(k, msg)?
                .as_bytes()
                .into(),
            Self::P384(k) => Signer::<p384::ecdsa::DerSignature>::try_sign(k, msg)?
                .as_bytes()
                .into(),
            Self::P521(k) => Signer::<p521::ecdsa::DerSignature>::try_sign(k, msg)?
                .as_bytes()
                .into(),
            Self::Ed25519(k) => Signer::<ed25519_dalek::Signature>::try_sign(k, msg)?
                .to_bytes()
                .into(),
        };
        Ok(AnySignature(bytes))
    }
}

impl DynSignatureAlgorithmIdentifier for AnySigningKey {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        let oid = self.signature_algorithm_oid();
        // RSA PKCS#1 v1.5 carries explicit NULL parameters; ECDSA (RFC 5758) and Ed25519
        // (RFC 8410) none.
        let parameters = match self {
            Self::RsaSha256(_) | Self::RsaSha384(_) | Self::RsaSha512(_) => Some(der::Any::null()),
            _ => None,
        };
        Ok(AlgorithmIdentifierOwned { oid, parameters })
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
        AnyVerifyingKey {
            spki,
            signature_algorithm: self.signature_algorithm_oid(),
        }
    }
}

/// The public half of an [`AnySigningKey`]: its SubjectPublicKeyInfo plus the signature
/// algorithm it verifies. Verification goes through [`crate::verify_signature`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnyVerifyingKey {
    spki: Option<SubjectPublicKeyInfoOwned>,
    signature_algorithm: ObjectIdentifier,
}

impl AnyVerifyingKey {
    /// A verifying key from a SubjectPublicKeyInfo and the signature algorithm to verify with.
    #[must_use]
    pub fn new(spki: SubjectPublicKeyInfoOwned, signature_algorithm: ObjectIdentifier) -> Self {
        Self {
            spki: Some(spki),
            signature_algorithm,
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
        if crate::verify_signature(self.signature_algorithm, spki, msg, signature.as_bytes()) {
            Ok(())
        } else {
            Err(signature::Error::new())
        }
    }
}
