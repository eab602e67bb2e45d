//! X.509 signature verification.

use const_oid::ObjectIdentifier;

use const_oid::db::{rfc5912, rfc8410};
use der::{Decode, Encode};
use signature::hazmat::PrehashVerifier;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use x509_cert::Certificate;

use crate::alg::{self, Scheme, with_digest};

/// Whether [`verify_signature`] knows the signature algorithm `alg` (a `false` from it for an
/// unknown algorithm means "cannot tell", not "forged").
#[must_use]
pub fn is_supported_signature_algorithm(alg: ObjectIdentifier) -> bool {
    Scheme::from_oid(alg).is_some()
}

/// Verifies `signature` over `message` with the key in `spki` under signature algorithm `alg`
/// (without parameters: for RSASSA-PSS that means RFC 4055's defaults, SHA-1 and salt 20; use
/// [`verify_signature_with`] for parameterised algorithms). Unsupported algorithms and
/// malformed keys verify as `false`.
#[must_use]
pub fn verify_signature(
    alg: ObjectIdentifier,
    spki: SubjectPublicKeyInfoRef<'_>,
    message: &[u8],
    signature: &[u8],
) -> bool {
    verify_signature_with(
        AlgorithmIdentifierRef {
            oid: alg,
            parameters: None,
        },
        spki,
        message,
        signature,
    )
}

/// Verifies `signature` over `message` with the key in `spki` under the signature
/// AlgorithmIdentifier `alg`: RSA PKCS#1 v1.5 (SHA-1, SHA-224, SHA-256, SHA-384, SHA-512,
/// SHA-512/224, SHA-512/256), RSASSA-PSS (MGF1 with the message digest, any salt length,
/// trailer 1; RSA and RSASSA-PSS keys), ECDSA on P-256/P-384/P-521 with SHA-1 … SHA-512,
/// DSA with SHA-1 … SHA-512, Ed25519 and Ed448. Unsupported algorithms and malformed keys
/// verify as `false`.
#[must_use]
pub fn verify_signature_with(
    alg: AlgorithmIdentifierRef<'_>,
    spki: SubjectPublicKeyInfoRef<'_>,
    message: &[u8],
    signature: &[u8],
) -> bool {
    let Some(scheme) = Scheme::from_oid(alg.oid) else {
        return false;
    };
    match scheme {
        Scheme::RsaPkcs1(hash) => {
            let Ok(key) = rsa::PublicKey::try_from(spki) else {
                return false;
            };
            let digest = hash.digest(message);
            with_digest!(hash, D => key.verify(rsa::Pkcs1v15Sign::new::<D>(), &digest, signature).is_ok())
        }
        Scheme::RsaPss(_) => {
            let Some((hash, salt)) = alg::pss_parameters(alg.parameters) else {
                return false;
            };
            let Ok(key) = rsa::PublicKey::try_from(spki) else {
                return false;
            };
            let digest = hash.digest(message);
            with_digest!(hash, D => key.verify(rsa::pss::Pss::<D>::new_with_salt(salt), &digest, signature).is_ok())
        }
        Scheme::Ecdsa(hash) => verify_ecdsa(spki, &hash.digest(message), signature),
        Scheme::Dsa(hash) => verify_dsa(spki, &hash.digest(message), signature),
        Scheme::Ed25519 => verify_ed25519(spki, message, signature),
        Scheme::Ed448 => verify_ed448(spki, message, signature),
    }
}

/// DSA (FIPS 186-4) over a digest: the leftmost N bits of the digest are used.
fn verify_dsa(spki: SubjectPublicKeyInfoRef<'_>, prehash: &[u8], signature: &[u8]) -> bool {
    if spki.algorithm.oid != alg::ID_DSA {
        return false;
    }
    let (Ok(key), Ok(sig)) = (
        dsa::VerifyingKey::try_from(spki),
        dsa::Signature::from_der(signature),
    ) else {
        return false;
    };
    key.verify_prehash(prehash, &sig).is_ok()
}

/// Pure Ed448 (RFC 8032) with an RFC 8410 key: `id-Ed448` without parameters and the 57-byte
/// encoded point.
fn verify_ed448(spki: SubjectPublicKeyInfoRef<'_>, message: &[u8], signature: &[u8]) -> bool {
    if spki.algorithm.oid != rfc8410::ID_ED_448 || spki.algorithm.parameters.is_some() {
        return false;
    }
    let (Ok(key), Ok(sig)) = (
        ed448_goldilocks::VerifyingKey::try_from(spki),
        ed448_goldilocks::Signature::from_slice(signature),
    ) else {
        return false;
    };
    key.verify_raw(&sig, message).is_ok()
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
    let alg = cert.signature_algorithm();
    let alg = AlgorithmIdentifierRef {
        oid: alg.oid,
        parameters: alg.parameters.as_ref().map(der::AnyRef::from),
    };
    verify_signature_with(alg, spki, &tbs, sig)
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
