//! SunJCE `PBEWithMD5AndTripleDES` (OID 1.3.6.1.4.1.42.2.19.1): JCEKS key protection and
//! sealed secret keys.
//!
//! ⚠️ **Security Warning**: an MD5-based KDF and 3DES. Kept only for keytool compatibility.
//!
//! Key derivation (SunJCE, not PKCS#5 PBES1): when the two 4-byte salt halves are equal the
//! first half is reversed; then for each half `T = MD5(half ‖ pw)`, iterated `T = MD5(T ‖ pw)`
//! `iterations - 1` more times. The two 16-byte outputs give the 24-byte DES-EDE3 key and the
//! 8-byte CBC IV. Password bytes are UTF-8 (JDK 25; identical to JDK 17's ASCII for ASCII
//! passwords).

use alloc::vec::Vec;
use cbc::cipher::KeyInit;
use der::asn1::ObjectIdentifier;
use md5::{Digest, Md5};
use zeroize::Zeroizing;

use crate::{Error, Password, cbc_util, epki};

/// Dotted OID of `PBEWithMD5AndTripleDES`.
pub const PBE_MD5_TRIPLE_DES_OID: &str = "1.3.6.1.4.1.42.2.19.1";
/// Iteration count JDK 17 and 25 write.
pub const DEFAULT_ITERATIONS: u32 = 200_000;
/// Largest iteration count Java accepts when reading.
pub const MAX_ITERATIONS: u32 = 5_000_000;

pub(crate) const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap(PBE_MD5_TRIPLE_DES_OID);

const BLOCK: usize = 8;

/// PKCS#5 `PBEParameter ::= SEQUENCE { salt OCTET STRING (8 bytes), iterationCount INTEGER }`,
/// as found in the JCEKS key AlgorithmIdentifier and in a sealed object's `encodedParams`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// The 8-byte salt.
    pub salt: [u8; 8],
    /// The iteration count.
    pub iterations: u32,
}

impl Params {
    /// Parses DER, rejecting trailing bytes, salts that are not 8 bytes and negative counts.
    ///
    /// # Errors
    /// [`Error::Malformed`] for anything but a DER `PBEParameter` with an 8-byte salt.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let (salt, iterations) = epki::parse_pbe_parameter(der, "bad PBE parameters")?;
        let salt =
            <[u8; 8]>::try_from(salt).map_err(|_| Error::Malformed("PBE salt is not 8 bytes"))?;
        Ok(Self { salt, iterations })
    }

    /// DER encoding (`30 0f 04 08 <salt> 02 03 03 0d 40` for 200000 iterations).
    #[must_use]
    pub fn to_der(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(16);
        epki::write_tlv(&mut body, 0x04, &self.salt);
        epki::write_tlv(&mut body, 0x02, &epki::integer_content(self.iterations));
        let mut out = Vec::with_capacity(body.len() + 2);
        epki::write_tlv(&mut out, 0x30, &body);
        out
    }
}

/// Whether the salt is one Java refuses to encrypt with (halves equal and mirrored, so the
/// two derived halves would be identical).
#[must_use]
pub fn is_weak_salt(salt: &[u8; 8]) -> bool {
    let (a, b) = salt.split_at(4);
    a == b && salt[0] == salt[3] && salt[1] == salt[2]
}

/// DES-EDE3 key (24 bytes) ‖ IV (8 bytes).
fn derive(password: &Password, salt: &[u8; 8], iterations: u32) -> Zeroizing<[u8; 32]> {
    let pw = password.secret_utf8();
    let mut salt = *salt;
    if salt[..4] == salt[4..] {
        salt.swap(0, 3);
        salt.swap(1, 2);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    let (first, second) = out.split_at_mut(16);
    let (salt1, salt2) = salt.split_at(4);
    #[cfg(feature = "std")]
    if iterations >= PARALLEL_FROM {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                let mut half = Zeroizing::new([0u8; 16]);
                derive_half(&mut *half, salt2, pw, iterations);
                half
            });
            derive_half(first, salt1, pw, iterations);
            match other.join() {
                Ok(half) => second.copy_from_slice(&*half),
                // Cannot happen (no panics in the hash loop); derive it here then.
                Err(_) => derive_half(second, salt2, pw, iterations),
            }
        });
        return out;
    }
    derive_half(first, salt1, pw, iterations);
    derive_half(second, salt2, pw, iterations);
    out
}

/// From this many iterations on, the two halves are derived on two threads (`std` feature).
#[cfg(feature = "std")]
const PARALLEL_FROM: u32 = 10_000;

/// One 16-byte half: `MD5(salt half ‖ pw)`, then [`iterate`].
fn derive_half(dst: &mut [u8], half: &[u8], pw: &[u8], iterations: u32) {
    let mut t: Zeroizing<[u8; 16]> = Zeroizing::new(
        Md5::new()
            .chain_update(half)
            .chain_update(pw)
            .finalize()
            .into(),
    );
    iterate(&mut t, pw, iterations.saturating_sub(1));
    dst.copy_from_slice(&*t);
}

/// `T = MD5(T ‖ pw)`, `rounds` times.
fn iterate(t: &mut [u8; 16], pw: &[u8], rounds: u32) {
    for _ in 0..rounds {
        *t = Md5::new()
            .chain_update(t.as_slice())
            .chain_update(pw)
            .finalize()
            .into();
    }
}

fn check_iterations(iterations: u32, max: u32) -> Result<(), Error> {
    if iterations == 0 || iterations > max {
        return Err(Error::IterationCount {
            count: u64::from(iterations),
            max: u64::from(max),
        });
    }
    Ok(())
}

/// Encrypts with DES-EDE3-CBC/PKCS#5 under the SunJCE KDF. Password bytes: UTF-8 (JDK 25; equal
/// to JDK 17's ASCII for ASCII passwords).
///
/// `salt` must be 8 fresh random bytes; draw again if [`is_weak_salt`] says so.
///
/// # Security
/// ⚠️ MD5 and 3DES: use only to write files keytool must read. JDK 17 cannot decrypt keys
/// whose password is not ASCII.
///
/// # Errors
/// `Malformed` for a weak salt (halves equal and mirrored); `IterationCount` for zero or more
/// than [`MAX_ITERATIONS`] iterations (Java could not read the result back).
pub fn encrypt(
    plaintext: &[u8],
    password: &Password,
    salt: &[u8; 8],
    iterations: u32,
) -> Result<Vec<u8>, Error> {
    if is_weak_salt(salt) {
        return Err(Error::Malformed("weak salts cannot be used for encryption"));
    }
    check_iterations(iterations, MAX_ITERATIONS)?;
    let dk = derive(password, salt, iterations);
    let (key, iv) = dk.split_at(24);
    cbc_util::encrypt(tdes(key)?, iv, plaintext)
}

/// Decrypts; bad padding is `DecryptFailed`. The padding is checked in constant time.
///
/// The iteration count is checked before any key derivation.
///
/// # Errors
/// `DecryptFailed`, `Malformed` (length not a non-zero multiple of 8), `IterationCount` for
/// zero or above `max_iterations`.
pub fn decrypt(
    ciphertext: &[u8],
    password: &Password,
    salt: &[u8; 8],
    iterations: u32,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    check_iterations(iterations, max_iterations)?;
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(BLOCK) {
        return Err(Error::Malformed("ciphertext length is not a multiple of 8"));
    }
    let dk = derive(password, salt, iterations);
    let (key, iv) = dk.split_at(24);
    cbc_util::decrypt(tdes(key)?, iv, ciphertext)
}

/// DES-EDE3 under a 24-byte key, used as is (parity bits are not fixed, as in SunJCE).
fn tdes(key: &[u8]) -> Result<des::TdesEde3, Error> {
    des::TdesEde3::new_from_slice(key).map_err(|_| Error::Malformed("key length"))
}

fn algorithm_identifier(params: &Params) -> Vec<u8> {
    let mut alg = Vec::with_capacity(32);
    epki::write_oid(&mut alg, &OID);
    alg.extend_from_slice(&params.to_der());
    alg
}

/// Protects PKCS#8 DER as JCEKS does; returns the DER `EncryptedPrivateKeyInfo`
/// (`PBEWithMD5AndTripleDES` with a `PBEParameter`).
///
/// # Security
/// ⚠️ As [`encrypt`].
///
/// # Errors
/// As [`encrypt`].
pub fn protect_key(
    pkcs8: &[u8],
    password: &Password,
    salt: &[u8; 8],
    iterations: u32,
) -> Result<Vec<u8>, Error> {
    let ciphertext = encrypt(pkcs8, password, salt, iterations)?;
    let alg = algorithm_identifier(&Params {
        salt: *salt,
        iterations,
    });
    Ok(epki::encode(&alg, &ciphertext))
}

/// Recovers PKCS#8 DER from a JCE-protected `EncryptedPrivateKeyInfo`.
///
/// A plaintext that is not a single DER SEQUENCE is reported as `DecryptFailed` (padding is
/// valid by chance for about 1 wrong password in 256).
///
/// # Errors
/// As [`decrypt`], plus `Malformed` for the container and `UnsupportedAlgorithm` for any OID
/// but `PBEWithMD5AndTripleDES`.
pub fn recover_key(
    epki_der: &[u8],
    password: &Password,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let info = epki::Epki::from_der(epki_der)?;
    if info.oid != OID {
        return Err(Error::UnsupportedAlgorithm {
            oid: alloc::string::ToString::to_string(&info.oid),
        });
    }
    let params = info
        .params
        .ok_or(Error::Malformed("missing PBE parameters"))?;
    let params =
        der::Encode::to_der(&params).map_err(|_| Error::Malformed("bad PBE parameters"))?;
    let params = Params::from_der(&params)?;
    let plain = decrypt(
        info.data,
        password,
        &params.salt,
        params.iterations,
        max_iterations,
    )?;
    if !epki::is_single_sequence(&plain) {
        return Err(Error::DecryptFailed);
    }
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// jks-jceks.md §5.5.
    #[test]
    fn kdf_vectors() {
        for (pw, salt, iter, key, iv) in [
            (
                "keypass1",
                hex!("0102030405060708"),
                1,
                hex!("913d16470dbf4fdf107df6c12b09fe1a1eec7013e9447996"),
                hex!("15538a2027ab7bc9"),
            ),
            (
                "keypass1",
                hex!("0102030405060708"),
                200_000,
                hex!("195058a597a102295bb0347952328601f47e8df773671370"),
                hex!("f39469332cba84af"),
            ),
            (
                "keypass1",
                hex!("1112131415161718"),
                200_000,
                hex!("f29ecb30a6362f5bba5dc8fd3547d055adcd3b5575d2bbe4"),
                hex!("3924d05a8082c62a"),
            ),
            (
                "changeit",
                hex!("0a0b0c0d0a0b0c0d"),
                10,
                hex!("f9bd5c2f28f07efc42401a49b16d5aefe8bf5f4be35ce06e"),
                hex!("643821ad976b0aaa"),
            ),
        ] {
            let dk = derive(&Password::new(pw), &salt, iter);
            assert_eq!(dk[..24], key, "{pw} {salt:02x?} {iter}");
            assert_eq!(dk[24..], iv, "{pw} {salt:02x?} {iter}");
        }
    }

    #[test]
    fn cipher_vectors() {
        let cases = [
            (
                "keypass1",
                hex!("0102030405060708"),
                1,
                hex!("560c6ef20fffc11f8aa1d41d57aaec7f"),
            ),
            (
                "changeit",
                hex!("0a0b0c0d0a0b0c0d"),
                10,
                hex!("a06f32b8d3f8962ffaa5f7b63a154e3c"),
            ),
        ];
        for (pw, salt, iter, ct) in cases {
            let pw = Password::new(pw);
            assert_eq!(encrypt(b"hello world", &pw, &salt, iter).unwrap(), ct);
            let pt = decrypt(&ct, &pw, &salt, iter, MAX_ITERATIONS).unwrap();
            assert_eq!(&pt[..], b"hello world");
        }
    }

    #[test]
    fn padding_edge_cases() {
        let pw = Password::new("pw");
        let salt = hex!("0102030405060708");
        for len in 0..=17 {
            let msg: Vec<u8> = (0..len).map(|i| u8::try_from(i).unwrap()).collect();
            let ct = encrypt(&msg, &pw, &salt, 3).unwrap();
            assert_eq!(ct.len(), (len / 8 + 1) * 8);
            assert_eq!(&decrypt(&ct, &pw, &salt, 3, 3).unwrap()[..], &msg[..]);
        }
        assert!(matches!(
            decrypt(&[0; 7], &pw, &salt, 1, 1),
            Err(Error::Malformed(_))
        ));
        assert!(matches!(
            decrypt(&[], &pw, &salt, 1, 1),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn wrong_password_is_decrypt_failed() {
        let salt = hex!("0102030405060708");
        let ct = hex!("560c6ef20fffc11f8aa1d41d57aaec7f");
        // Some wrong passwords will hit valid padding by chance (1/256); these do not.
        let failures = (0..64)
            .filter(|i| {
                decrypt(&ct, &Password::new(alloc::format!("wrong{i}")), &salt, 1, 1).is_err()
            })
            .count();
        assert!(failures >= 60);
        assert_eq!(
            decrypt(&ct, &Password::new("keypass2"), &salt, 1, 1),
            Err(Error::DecryptFailed)
        );
    }

    #[test]
    fn iteration_limits_checked_first() {
        let pw = Password::new("pw");
        let salt = hex!("0102030405060708");
        assert_eq!(
            decrypt(&[0; 8], &pw, &salt, 5_000_001, MAX_ITERATIONS),
            Err(Error::IterationCount {
                count: 5_000_001,
                max: 5_000_000
            })
        );
        assert_eq!(
            decrypt(&[0; 8], &pw, &salt, 0, MAX_ITERATIONS),
            Err(Error::IterationCount {
                count: 0,
                max: 5_000_000
            })
        );
        // u32::MAX would take hours if it were not checked before the KDF.
        assert!(matches!(
            decrypt(&[0; 8], &pw, &salt, u32::MAX, 10),
            Err(Error::IterationCount { .. })
        ));
        assert!(matches!(
            encrypt(b"x", &pw, &salt, 0),
            Err(Error::IterationCount { .. })
        ));
    }

    #[test]
    fn weak_salts() {
        assert!(is_weak_salt(&hex!("0102020101020201")));
        assert!(!is_weak_salt(&hex!("0a0b0c0d0a0b0c0d")));
        assert!(!is_weak_salt(&hex!("0102020101020202")));
        assert!(matches!(
            encrypt(b"x", &Password::new("pw"), &hex!("0102020101020201"), 1),
            Err(Error::Malformed(_))
        ));
        // Decryption accepts any salt.
        let ct = hex!("560c6ef20fffc11f8aa1d41d57aaec7f");
        let _ = decrypt(&ct, &Password::new("pw"), &hex!("0102020101020201"), 1, 1);
    }

    #[test]
    fn params_der() {
        let p = Params {
            salt: hex!("0102030405060708"),
            iterations: 200_000,
        };
        assert_eq!(p.to_der(), hex!("300f04080102030405060708020303 0d40"));
        assert_eq!(Params::from_der(&p.to_der()).unwrap(), p);
        assert!(Params::from_der(&hex!("300e040701020304050607020303 0d40")).is_err());
        assert!(Params::from_der(&hex!("300f04080102030405060708020383 0d40")).is_err());
        let mut trailing = p.to_der();
        trailing.push(0);
        assert!(Params::from_der(&trailing).is_err());
    }

    #[test]
    fn protect_and_recover() {
        // PKCS#8 K of jks-jceks.md §4.3 with the vec.jceks parameters (§9).
        let k = hex!(
            "3041020100301306072a8648ce3d020106082a8648ce3d0301070427302502010104203b2c39f559b6b3993f7df3ed7e60a6deddf6620339287913c5c1f362cef24c56"
        );
        let pw = Password::new("keypass1");
        let der = protect_key(&k, &pw, &hex!("1112131415161718"), 200_000).unwrap();
        assert_eq!(
            der.get(..34).unwrap(),
            hex!("306830 1c06092b060104012a021301300f04081112131415161718020303 0d40 0448")
        );
        assert_eq!(der.len(), 0x6a);
        assert_eq!(&recover_key(&der, &pw, MAX_ITERATIONS).unwrap()[..], &k[..]);
        assert!(matches!(
            recover_key(&der, &pw, 100_000),
            Err(Error::IterationCount {
                count: 200_000,
                max: 100_000
            })
        ));
        assert_eq!(
            recover_key(&der, &Password::new("keypass2"), MAX_ITERATIONS),
            Err(Error::DecryptFailed)
        );
    }
}
