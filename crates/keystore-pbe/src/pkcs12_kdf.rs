//! The PKCS#12 key derivation function (RFC 7292 Appendix B.2), used by the classic PKCS#12
//! MAC (`HmacPBESHA…`) and the PKCS#12 PBE ciphers (`pbeWithSHAAnd…`). PBES2 and PBMAC1 use
//! PBKDF2 instead.
//!
//! ⚠️ **Security Warning**: this KDF is kept for compatibility with existing PKCS#12 files.
//! Its iteration counts are small by modern standards and SHA-1 is the usual hash; prefer
//! PBES2 for new data.
//!
//! ```text
//! P  = BMPString(password) ‖ 00 00        ("" → 00 00; no password → empty)
//! D  = ID repeated v times                (1 = cipher key, 2 = IV, 3 = MAC key)
//! I  = S' ‖ P'                            (salt and password repeated to multiples of v)
//! Ai = H^c(D ‖ I); between blocks every v-byte block Ij of I becomes Ij + B + 1,
//!      B = Ai repeated to v bytes
//! ```

use alloc::vec::Vec;
use sha2::Digest;
use zeroize::Zeroizing;

use crate::{Error, HashAlgorithm, Password, check_iterations};

/// Diversifier ID for cipher keys.
pub const ID_KEY: u8 = 1;
/// Diversifier ID for IVs.
pub const ID_IV: u8 = 2;
/// Diversifier ID for MAC keys.
pub const ID_MAC: u8 = 3;

/// Largest output [`secret_derive`] produces (far above any key or IV length).
pub const MAX_OUTPUT_LEN: usize = 1024;

/// Derives `len` bytes from `password` (`None`: the empty byte string that OpenSSL's "no
/// password" and Java's `"\0"` retry use; `Some("")`: `00 00`).
///
/// The iteration count is checked against `max_iterations` before any hashing.
///
/// # Security
/// ⚠️ See the module documentation.
///
/// # Errors
/// `IterationCount` for zero or more than `max_iterations` iterations; `Malformed` when `len`
/// exceeds [`MAX_OUTPUT_LEN`].
pub fn secret_derive(
    hash: HashAlgorithm,
    id: u8,
    password: Option<&Password>,
    salt: &[u8],
    iterations: u32,
    max_iterations: u32,
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    check_iterations(iterations, max_iterations)?;
    if len > MAX_OUTPUT_LEN {
        return Err(Error::Malformed("requested KDF output too long"));
    }
    let pw = match password {
        Some(p) => p.secret_bmp_terminated(),
        None => Zeroizing::new(Vec::new()),
    };
    let mut out = Zeroizing::new(alloc::vec![0u8; len]);
    derive_raw(hash, id, &pw, salt, iterations, &mut out);
    Ok(out)
}

/// The KDF over already-encoded password bytes. The caller checks the iteration count.
pub(crate) fn derive_raw(
    hash: HashAlgorithm,
    id: u8,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) {
    with_hash!(hash, D => derive_generic::<D>(hash.block_len(), id, password, salt, iterations, out));
}

/// `src` repeated (and truncated) to the next multiple of `v` bytes; empty stays empty.
fn stretch(src: &[u8], v: usize) -> Zeroizing<Vec<u8>> {
    let len = src.len().div_ceil(v) * v;
    Zeroizing::new(src.iter().cycle().take(len).copied().collect())
}

fn derive_generic<D: Digest>(
    v: usize,
    id: u8,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) {
    let u = <D as Digest>::output_size();
    let d_block = alloc::vec![id; v];
    let mut i_buf = stretch(salt, v);
    i_buf.extend_from_slice(&stretch(password, v));

    let mut chunks = out.chunks_mut(u).peekable();
    while let Some(chunk) = chunks.next() {
        let mut a = Zeroizing::new(
            D::new()
                .chain_update(&d_block)
                .chain_update(&*i_buf)
                .finalize(),
        );
        for _ in 1..iterations {
            *a = D::digest(a.as_slice());
        }
        for (dst, src) in chunk.iter_mut().zip(a.iter()) {
            *dst = *src;
        }
        if chunks.peek().is_some() {
            let b: Zeroizing<Vec<u8>> = Zeroizing::new(a.iter().cycle().take(v).copied().collect());
            for block in i_buf.chunks_exact_mut(v) {
                add_plus_one(block, &b);
            }
        }
    }
}

/// `block = (block + b + 1) mod 2^(8·len)`, big-endian, equal lengths.
fn add_plus_one(block: &mut [u8], b: &[u8]) {
    let mut carry = 1u16;
    for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
        let sum = u16::from(*x) + u16::from(*y) + carry;
        *x = sum.to_le_bytes()[0];
        carry = sum >> 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    const SALT: [u8; 8] = hex!("0102030405060708");

    /// pkcs12.md §4 (cross-checked with `openssl kdf … PKCS12KDF`).
    #[test]
    fn spec_vectors() {
        let pw = Password::new("changeit");
        type Case<'a> = (HashAlgorithm, u8, Option<&'a Password>, u32, &'a [u8]);
        let cases: [Case<'_>; 6] = [
            (
                HashAlgorithm::Sha256,
                3,
                Some(&pw),
                2048,
                &hex!("3c26affc9ec71b39e0e2754ffdb2d8653cabb0c8c012e5962cca38075d845b5e"),
            ),
            (
                HashAlgorithm::Sha1,
                1,
                Some(&pw),
                2048,
                &hex!("a13a1cf35ea9e628cd82c570910adcd5481cd978fff88965"),
            ),
            (
                HashAlgorithm::Sha1,
                2,
                Some(&pw),
                2048,
                &hex!("ef009e6f4589af95"),
            ),
            (
                HashAlgorithm::Sha1,
                3,
                Some(&pw),
                2048,
                &hex!("9c8bcdd24686980aa78fd6ca1430f7d638097da1"),
            ),
            (
                HashAlgorithm::Sha1,
                3,
                Some(&Password::empty()),
                1,
                &hex!("b73b61d3a22867cf1922c1d70e96c7567ff156bd"),
            ),
            (
                HashAlgorithm::Sha1,
                3,
                None,
                1,
                &hex!("f75f1048aeb05671b6c6265883b42c0dedbf93d8"),
            ),
        ];
        for (hash, id, pw, iter, expected) in cases {
            let out = secret_derive(hash, id, pw, &SALT, iter, 5_000_000, expected.len()).unwrap();
            assert_eq!(&out[..], expected, "{hash:?} id {id} iter {iter}");
        }
    }

    #[test]
    fn iteration_cap_is_checked_first() {
        let pw = Password::new("x");
        assert_eq!(
            secret_derive(HashAlgorithm::Sha1, 1, Some(&pw), &SALT, u32::MAX, 10, 8),
            Err(Error::IterationCount {
                count: u64::from(u32::MAX),
                max: 10
            })
        );
        assert!(matches!(
            secret_derive(HashAlgorithm::Sha1, 1, Some(&pw), &SALT, 0, 10, 8),
            Err(Error::IterationCount { .. })
        ));
        assert!(matches!(
            secret_derive(HashAlgorithm::Sha1, 1, Some(&pw), &SALT, 1, 10, 4096),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn carry_propagates() {
        let mut block = [0x00, 0xff, 0xff];
        add_plus_one(&mut block, &[0, 0, 0]);
        assert_eq!(block, [1, 0, 0]);
        let mut block = [0xff, 0xff];
        add_plus_one(&mut block, &[0xff, 0xff]);
        assert_eq!(block, [0xff, 0xff]);
    }

    #[test]
    fn empty_salt_is_allowed() {
        let out = secret_derive(HashAlgorithm::Sha512, 1, None, &[], 1, 1, 100).unwrap();
        assert_eq!(out.len(), 100);
    }
}
