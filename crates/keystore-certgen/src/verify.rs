//! X.509 signature verification.

use const_oid::{
    ObjectIdentifier,
    db::{rfc5912, rfc8410},
};
use der::{Decode, Encode};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
use signature::hazmat::PrehashVerifier;
use spki::SubjectPublicKeyInfoRef;
use x509_cert::Certificate;

/// ecdsa-with-SHA1 (1.2.840.10045.4.1), absent from const-oid's database.
const ECDSA_WITH_SHA_1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");

/// Digest named by a signature algorithm.
#[derive(Clone, Copy)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(data).to_vec(),
            Self::Sha224 => Sha224::digest(data).to_vec(),
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha384 => Sha384::digest(data).to_vec(),
            Self::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    fn pkcs1v15(self) -> rsa::pkcs1v15::Pkcs1v15Sign {
        match self {
            Self::Sha1 => rsa::pkcs1v15::Pkcs1v15Sign::new::<Sha1>(),
            Self::Sha224 => rsa::pkcs1v15::Pkcs1v15Sign::new::<Sha224>(),
            Self::Sha256 => rsa::pkcs1v15::Pkcs1v15Sign::new::<Sha256>(),
            Self::Sha384 => rsa::pkcs1v15::Pkcs1v15Sign::new::<Sha384>(),
            Self::Sha512 => rsa::pkcs1v15::Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

enum Scheme {
    RsaPkcs1v15(Hash),
    Ecdsa(Hash),
    Ed25519,
}

fn scheme(oid: ObjectIdentifier) -> Option<Scheme> {
    Some(match oid {
        rfc5912::SHA_1_WITH_RSA_ENCRYPTION => Scheme::RsaPkcs1v15(Hash::Sha1),
        rfc5912::SHA_224_WITH_RSA_ENCRYPTION => Scheme::RsaPkcs1v15(Hash::Sha224),
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION => Scheme::RsaPkcs1v15(Hash::Sha256),
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION => Scheme::RsaPkcs1v15(Hash::Sha384),
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION => Scheme::RsaPkcs1v15(Hash::Sha512),
        ECDSA_WITH_SHA_1 => Scheme::Ecdsa(Hash::Sha1),
        rfc5912::ECDSA_WITH_SHA_224 => Scheme::Ecdsa(Hash::Sha224),
        rfc5912::ECDSA_WITH_SHA_256 => Scheme::Ecdsa(Hash::Sha256),
        rfc5912::ECDSA_WITH_SHA_384 => Scheme::Ecdsa(Hash::Sha384),
        rfc5912::ECDSA_WITH_SHA_512 => Scheme::Ecdsa(Hash::Sha512),
        rfc8410::ID_ED_25519 => Scheme::Ed25519,
        _ => return None,
    })
}

/// Verifies `signature` over `message` with the key in `spki` under signature algorithm `alg`.
/// Unsupported algorithms and malformed keys verify as `false`.
#[must_use]
pub fn verify_signature(
    alg: ObjectIdentifier,
    spki: SubjectPublicKeyInfoRef<'_>,
    message: &[u8],
    signature: &[u8],
) -> bool {
    let Some(scheme) = scheme(alg) else {
        return false;
    };
    match scheme {
        Scheme::RsaPkcs1v15(hash) => {
            let Ok(key) = rsa::PublicKey::try_from(spki) else {
                return false;
            };
            key.verify(hash.pkcs1v15(), &hash.digest(message), signature)
                .is_ok()
        }
        Scheme::Ecdsa(hash) => verify_ecdsa(spki, &hash.digest(message), signature),
        Scheme::Ed25519 => verify_ed25519(spki, message, signature),
    }
}

/// Pure Ed25519 (RFC 8032) with an RFC 8410 key: `id-Ed25519` with absent parameters and the
/// 32-byte encoded point as the BIT STRING. Verification is `verify_strict` (rejects small-order
/// keys and `R` values besides non-canonical `S`), which every honestly made signature passes.
fn verify_ed25519(spki: SubjectPublicKeyInfoRef<'_>, message: &[u8], signature: &[u8]) -> bool {
    if spki.algorithm.oid != rfc8410::ID_ED_25519 || spki.algorithm.parameters.is_some() {
        return false;
    }
    let Some(Ok(point)) = spki
        .subject_public_key
        .as_bytes()
        .map(<&[u8; ed25519_dalek::PUBLIC_KEY_LENGTH]>::try_from)
    else {
        return false;
    };
    let (Ok(key), Ok(sig)) = (
        ed25519_dalek::VerifyingKey::from_bytes(point),
        ed25519_dalek::Signature::from_slice(signature),
    ) else {
        return false;
    };
    key.verify_strict(message, &sig).is_ok()
}

fn verify_ecdsa(spki: SubjectPublicKeyInfoRef<'_>, prehash: &[u8], signature: &[u8]) -> bool {
    let Ok(Some(curve)) = spki.algorithm.parameters_oid().map(Some) else {
        return false;
    };
    let Some(point) = spki.subject_public_key.as_bytes() else {
        return false;
    };
    match curve {
        rfc5912::SECP_256_R_1 => {
            let (Ok(key), Ok(sig)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(prehash, &sig).is_ok()
        }
        rfc5912::SECP_384_R_1 => {
            let (Ok(key), Ok(sig)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(prehash, &sig).is_ok()
        }
        rfc5912::SECP_521_R_1 => {
            let (Ok(key), Ok(sig)) = (
                p521::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p521::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(prehash, &sig).is_ok()
        }
        _ => false,
    }
}

/// Whether `cert` names `issuer`'s subject as its issuer and carries a signature that
/// `issuer`'s key verifies.
#[must_use]
pub fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    verifies_with(cert, issuer)
}

fn verifies_with(cert: &Certificate, issuer: &Certificate) -> bool {
    let Ok(tbs) = cert.tbs_certificate().to_der() else {
        return false;
    };
    let Ok(spki_der) = issuer.tbs_certificate().subject_public_key_info().to_der() else {
        return false;
    };
    let Ok(spki) = SubjectPublicKeyInfoRef::from_der(&spki_der) else {
        return false;
    };
    let Some(sig) = cert.signature().as_bytes() else {
        return false;
    };
    verify_signature(cert.signature_algorithm().oid, spki, &tbs, sig)
}

/// keytool's "self-signed": issuer equals subject and the certificate's own key verifies it.
#[must_use]
pub fn is_self_signed(cert: &Certificate) -> bool {
    signed_by(cert, cert)
}

/// keytool's chain search (`establishCertChain`): from `cert` upward through `pool`, by issuer
/// name and signature, until a self-signed certificate. Returns the chain `cert` first, root
/// last, or `None`. The search tries every candidate issuer (depth-first, first success wins)
/// and never visits a certificate twice, so it is bounded by the pool size.
#[must_use]
pub fn build_chain(cert: &Certificate, pool: &[Certificate]) -> Option<Vec<Certificate>> {
    fn walk(
        cert: &Certificate,
        pool: &[Certificate],
        used: &mut Vec<bool>,
        chain: &mut Vec<Certificate>,
    ) -> bool {
        if is_self_signed(cert) {
            return true;
        }
        for (i, issuer) in pool.iter().enumerate() {
            if used.get(i).copied().unwrap_or(true) || !signed_by(cert, issuer) {
                continue;
            }
            if let Some(slot) = used.get_mut(i) {
                *slot = true;
            }
            chain.push(issuer.clone());
            if walk(issuer, pool, used, chain) {
                return true;
            }
            chain.pop();
        }
        false
    }
    let mut chain = vec![cert.clone()];
    let mut used = vec![false; pool.len()];
    walk(cert, pool, &mut used, &mut chain).then_some(chain)
}
