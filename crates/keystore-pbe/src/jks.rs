//! JKS store integrity digest and the JKS private-key protector (Sun, OID 1.3.6.1.4.1.42.2.17.1.1).
//!
//! ⚠️ **Security Warning**: the JKS protector is an XOR with a SHA-1 keystream and the store
//! digest is a bare salted SHA-1. They are kept only to read and write what keytool writes.
//!
//! Passwords are converted as Java does: each UTF-16 code unit as two big-endian bytes.

use alloc::{string::ToString, vec::Vec};
use der::asn1::ObjectIdentifier;
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::{Error, Password, epki};

/// Dotted OID of the JKS key protector.
pub const KEY_PROTECTOR_OID: &str = "1.3.6.1.4.1.42.2.17.1.1";

pub(crate) const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap(KEY_PROTECTOR_OID);

/// The constant Sun mixes into the store digest.
const WHITENER: &[u8] = b"Mighty Aphrodite";
/// Salt and check-value length (one SHA-1 output).
const DIGEST_LEN: usize = 20;

/// SHA-1( UTF-16BE(password) ‖ "Mighty Aphrodite" ‖ body ): the 20-byte trailer of JKS and JCEKS files.
///
/// `body` is every byte of the file before the digest.
#[must_use]
pub fn store_digest(password: &Password, body: &[u8]) -> [u8; 20] {
    let pw = password.secret_utf16be();
    Sha1::new()
        .chain_update(&*pw)
        .chain_update(WHITENER)
        .chain_update(body)
        .finalize()
        .into()
}

/// Verifies a store digest in constant time.
///
/// Returns `false` when `expected` is not exactly 20 bytes long.
#[must_use]
pub fn verify_store_digest(password: &Password, body: &[u8], expected: &[u8]) -> bool {
    store_digest(password, body).ct_eq(expected).into()
}

/// XORs `data` in place with the JKS keystream `D1 ‖ D2 ‖ …`, `Di = SHA-1(P ‖ D(i-1))`, `D0 = salt`.
fn apply_keystream(pw: &[u8], salt: &[u8; DIGEST_LEN], data: &mut [u8]) {
    let mut d: Zeroizing<[u8; DIGEST_LEN]> = Zeroizing::new(*salt);
    for chunk in data.chunks_mut(DIGEST_LEN) {
        *d = Sha1::new()
            .chain_update(pw)
            .chain_update(d.as_slice())
            .finalize()
            .into();
        for (byte, k) in chunk.iter_mut().zip(d.iter()) {
            *byte ^= k;
        }
    }
}

/// The check value `SHA-1(P ‖ K)`.
fn check_value(pw: &[u8], plaintext: &[u8]) -> [u8; DIGEST_LEN] {
    Sha1::new()
        .chain_update(pw)
        .chain_update(plaintext)
        .finalize()
        .into()
}

/// Protects PKCS#8 `PrivateKeyInfo` DER with the JKS protector; returns the DER
/// `EncryptedPrivateKeyInfo` exactly as Java writes it (AlgorithmIdentifier with NULL parameters).
///
/// `salt` must be 20 fresh random bytes.
///
/// # Security
/// ⚠️ This is an XOR with a SHA-1 keystream: protection is only as strong as the password, and
/// there is no work factor. Use it only to write files keytool must read.
///
/// # Errors
/// Never for valid input; `Malformed` if `pkcs8` is empty.
pub fn protect_key(pkcs8: &[u8], password: &Password, salt: &[u8; 20]) -> Result<Vec<u8>, Error> {
    if pkcs8.is_empty() {
        return Err(Error::Malformed("empty private key"));
    }
    let pw = password.secret_utf16be();
    // salt(20) || E(n) || check(20); E is not secret once written.
    let mut protected = Vec::with_capacity(pkcs8.len() + 2 * DIGEST_LEN);
    protected.extend_from_slice(salt);
    protected.extend_from_slice(pkcs8);
    if let Some(e) = protected.get_mut(DIGEST_LEN..) {
        apply_keystream(&pw, salt, e);
    }
    protected.extend_from_slice(&check_value(&pw, pkcs8));

    let mut alg = Vec::with_capacity(16);
    epki::write_oid(&mut alg, &OID);
    alg.extend_from_slice(&[0x05, 0x00]); // NULL parameters, as JDK 17/25 write them
    Ok(epki::encode(&alg, &protected))
}

/// Recovers PKCS#8 DER from a JKS-protected `EncryptedPrivateKeyInfo`.
///
/// The AlgorithmIdentifier may carry NULL parameters or none; only the OID is checked. The
/// check value is compared in constant time.
///
/// # Errors
/// `DecryptFailed` on a wrong password or corrupt data; `Malformed` for a bad container or data
/// shorter than salt and check value; `UnsupportedAlgorithm` for any OID but the JKS protector.
pub fn recover_key(epki_der: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>, Error> {
    let info = epki::Epki::from_der(epki_der)?;
    if info.oid != OID {
        return Err(Error::UnsupportedAlgorithm {
            oid: info.oid.to_string(),
        });
    }
    recover_data(info.data, password)
}

/// Recovers from the raw `salt ‖ E ‖ check` octets.
pub(crate) fn recover_data(data: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>, Error> {
    let too_short = Error::Malformed("JKS protected key shorter than salt and check value");
    let (salt, rest) = data
        .split_first_chunk::<DIGEST_LEN>()
        .ok_or(too_short.clone())?;
    let (encrypted, check) = rest.split_last_chunk::<DIGEST_LEN>().ok_or(too_short)?;
    let pw = password.secret_utf16be();
    let mut plain = Zeroizing::new(encrypted.to_vec());
    apply_keystream(&pw, salt, &mut plain);
    if bool::from(check_value(&pw, &plain).ct_eq(check)) {
        Ok(plain)
    } else {
        Err(Error::DecryptFailed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    // jks-jceks.md §4.3 (from the §8 worked example, password `changeit`).
    const SALT: [u8; 20] = hex!("5cfdd24673dffa711a795840277c23c0e0255416");
    const K: [u8; 67] = hex!(
        "3041020100301306072a8648ce3d020106082a8648ce3d0301070427302502010104203b2c39f559b6b3993f7df3ed7e60a6deddf6620339287913c5c1f362cef24c56"
    );
    const E: [u8; 67] = hex!(
        "df06d5080a78c82d4ee360b54118dd9ff2e12a0ad5466ff9a89fd6be7065322abb114ca2a633507886a1da24cf15404f6566024d6fc57651436a93f408125f00b73512"
    );
    const CHECK: [u8; 20] = hex!("640024134afd430cf54860db12ab6db5bb436e49");

    fn changeit() -> Password {
        Password::new("changeit")
    }

    #[test]
    fn keystream_blocks_match_spec() {
        let pw = changeit().secret_utf16be();
        assert_eq!(&pw[..], hex!("006300680061006e0067006500690074"));
        // XOR with zeros exposes the keystream D1 ‖ D2 ‖ D3 ‖ D4.
        let mut ks = [0u8; 80];
        apply_keystream(&pw, &SALT, &mut ks);
        assert_eq!(
            ks,
            hex!(
                "ef47d7090a48db2b49c9e6fd8f25df9ef4e9008c"
                "9d8852faa998d2994040302bba156c998a0aa521"
                "3012431bb2e6ad3105c0dc9099a775686b138031"
                "c9e13dce457944647e4f54fc9509631b389ae89e"
            )
        );
        assert_eq!(check_value(&pw, &K), CHECK);
    }

    #[test]
    fn protect_matches_worked_example() {
        let der = protect_key(&K, &changeit(), &SALT).unwrap();
        // §8 offsets 0x023..0x0a2.
        let mut expected = hex!("307d300e060a2b060104012a021101010500046b").to_vec();
        expected.extend_from_slice(&SALT);
        expected.extend_from_slice(&E);
        expected.extend_from_slice(&CHECK);
        assert_eq!(der, expected);
        assert_eq!(&recover_key(&der, &changeit()).unwrap()[..], &K[..]);
    }

    #[test]
    fn recover_without_null_params() {
        let mut der = hex!("307b300c060a2b060104012a02110101046b").to_vec();
        der.extend_from_slice(&SALT);
        der.extend_from_slice(&E);
        der.extend_from_slice(&CHECK);
        assert_eq!(&recover_key(&der, &changeit()).unwrap()[..], &K[..]);
    }

    #[test]
    fn wrong_password_and_corruption() {
        let der = protect_key(&K, &changeit(), &SALT).unwrap();
        assert_eq!(
            recover_key(&der, &Password::new("changeiT")),
            Err(Error::DecryptFailed)
        );
        let mut flipped = der.clone();
        if let Some(b) = flipped.get_mut(40) {
            *b ^= 1;
        }
        assert_eq!(
            recover_key(&flipped, &changeit()),
            Err(Error::DecryptFailed)
        );
        assert!(matches!(
            recover_key(&der[..der.len() - 1], &changeit()),
            Err(Error::Malformed(_))
        ));
        let mut trailing = der;
        trailing.push(0);
        assert!(matches!(
            recover_key(&trailing, &changeit()),
            Err(Error::Malformed(_))
        ));
        // Too short to hold salt and check value.
        assert!(matches!(
            recover_key(
                &hex!("3012300c060a2b060104012a021101010402aabb"),
                &changeit()
            ),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn other_oid_is_unsupported() {
        // Same structure, JCE OID.
        let der = hex!("3015300b06092b060104012a0213010406000000000000");
        assert_eq!(
            recover_key(&der, &changeit()),
            Err(Error::UnsupportedAlgorithm {
                oid: "1.3.6.1.4.1.42.2.19.1".into()
            })
        );
    }

    #[test]
    fn empty_store_digests() {
        // jks-jceks.md §3.
        let header_jks = hex!("feedfeed0000000200000000");
        let header_jceks = hex!("cececece0000000200000000");
        assert_eq!(
            store_digest(&changeit(), &header_jks),
            hex!("e2686e45fb43dfa4d992dd41ceb6b21c6330d792")
        );
        assert_eq!(
            store_digest(&Password::empty(), &header_jks),
            hex!("57bebc2762a21d70fff218dd5968011ffe423a69")
        );
        assert_eq!(
            store_digest(&changeit(), &header_jceks),
            hex!("f4922c1e8cc08b94e34d21fa489599303216d4c0")
        );
        assert_eq!(
            store_digest(&Password::empty(), &header_jceks),
            hex!("e5443b1e03cb9e73baa5f809591be482247cb8c4")
        );
        let good = hex!("e2686e45fb43dfa4d992dd41ceb6b21c6330d792");
        assert!(verify_store_digest(&changeit(), &header_jks, &good));
        assert!(!verify_store_digest(
            &Password::new("changeiu"),
            &header_jks,
            &good
        ));
        assert!(!verify_store_digest(&changeit(), &header_jks, &good[..19]));
    }
}
