//! Work-around for graviola 0.4's RSA CRT, which assumes the first prime is the larger one.
//!
//! With `p < q`, about one signature in fifty fails graviola's verify-after-sign fault check
//! (no bad signature escapes, but the handshake fails). OpenSSL and Java write keys with
//! `p > q`; RustCrypto's `rsa` (and so keys this workspace generates) does not. Such keys are
//! re-encoded with the primes swapped (and dP, dQ, qInv recomputed) before graviola loads them.

use core::cmp::Ordering;

use rsa::{
    BoxedUint,
    pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _},
    traits::{PrivateKeyParts as _, PublicKeyParts as _},
};
use zeroize::Zeroizing;

/// The PKCS#8 RSA key with `p > q`, or `None` when it already is so (or cannot be re-encoded,
/// in which case the original is used as it is). [`crate::Server`] applies it itself; use it
/// before loading an RSA key into your own graviola-backed rustls configuration.
#[must_use]
pub fn larger_prime_first(pkcs8: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let key = rsa::PrivateKey::from_pkcs8_der(pkcs8).ok()?;
    let [p, q] = key.primes() else {
        return None; // multi-prime: graviola refuses those anyway
    };
    let (p, q): (&BoxedUint, &BoxedUint) = (p, q);
    if p.cmp(q) != Ordering::Less {
        return None;
    }
    let n: &BoxedUint = key.n();
    let swapped = rsa::PrivateKey::from_components(
        n.clone(),
        key.e().clone(),
        key.d().clone(),
        vec![q.clone(), p.clone()],
    )
    .ok()?;
    let der = swapped.to_pkcs8_der().ok()?;
    Some(Zeroizing::new(der.as_bytes().to_vec()))
}
