//! The PKCS#12 PBE ciphers (RFC 7292 Appendix C, `pbeWithSHAAnd…`): key and IV from the
//! PKCS#12 KDF with SHA-1, then a CBC block cipher.
//!
//! ⚠️ **Security Warning**: SHA-1, 3DES and RC2 (RC2-40 has a 40-bit key). Java's legacy
//! PKCS#12 mode still writes 3DES keys and RC2-40 certificates; read them, and write them only
//! for consumers that cannot read PBES2.
//!
//! ```text
//! AlgorithmIdentifier ::= SEQUENCE { OID 1.2.840.113549.1.12.1.x,
//!                                    pkcs-12PbeParams SEQUENCE { salt OCTET STRING, iterations INTEGER } }
//! ```

use alloc::{string::ToString, vec::Vec};
use cbc::cipher::KeyInit;
use der::asn1::ObjectIdentifier;
use zeroize::Zeroizing;

use crate::{
    Error, HashAlgorithm, Password, cbc_util, check_iterations, epki,
    pkcs12_kdf::{ID_IV, ID_KEY, derive_raw},
};

/// A PKCS#12 PBE cipher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pkcs12PbeCipher {
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC` (1.2.840.113549.1.12.1.3), Java `PBEWithSHA1AndDESede`.
    TripleDes3Key,
    /// `pbeWithSHAAnd2-KeyTripleDES-CBC` (1.2.840.113549.1.12.1.4): a 16-byte key used as K1 K2 K1.
    TripleDes2Key,
    /// `pbeWithSHAAnd128BitRC2-CBC` (1.2.840.113549.1.12.1.5), Java `PBEWithSHA1AndRC2_128`.
    Rc2_128,
    /// `pbeWithSHAAnd40BitRC2-CBC` (1.2.840.113549.1.12.1.6), Java `PBEWithSHA1AndRC2_40`.
    Rc2_40,
}

const ALL: [Pkcs12PbeCipher; 4] = [
    Pkcs12PbeCipher::TripleDes3Key,
    Pkcs12PbeCipher::TripleDes2Key,
    Pkcs12PbeCipher::Rc2_128,
    Pkcs12PbeCipher::Rc2_40,
];

impl Pkcs12PbeCipher {
    /// What Java's legacy PKCS#12 mode (`-J-Dkeystore.pkcs12.legacy`) protects keys with:
    /// `PBEWithSHA1AndDESede`.
    pub const JAVA_LEGACY_KEY: Self = Self::TripleDes3Key;
    /// What Java's legacy PKCS#12 mode protects certificates with: `PBEWithSHA1AndRC2_40`.
    pub const JAVA_LEGACY_CERT: Self = Self::Rc2_40;

    /// The algorithm OID.
    #[must_use]
    pub const fn oid(self) -> ObjectIdentifier {
        match self {
            Self::TripleDes3Key => ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.3"),
            Self::TripleDes2Key => ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.4"),
            Self::Rc2_128 => ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.5"),
            Self::Rc2_40 => ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.6"),
        }
    }

    /// The cipher named by `oid` (the RC4 variants `.1` and `.2` are not implemented).
    #[must_use]
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        ALL.into_iter().find(|c| c.oid() == *oid)
    }

    /// Derived key length in bytes.
    #[must_use]
    pub const fn key_len(self) -> usize {
        match self {
            Self::TripleDes3Key => 24,
            Self::TripleDes2Key | Self::Rc2_128 => 16,
            Self::Rc2_40 => 5,
        }
    }

    /// Java's algorithm name.
    #[must_use]
    pub const fn java_name(self) -> &'static str {
        match self {
            Self::TripleDes3Key => "PBEWithSHA1AndDESede",
            Self::TripleDes2Key => "PBEWithSHA1AndDESede2Key",
            Self::Rc2_128 => "PBEWithSHA1AndRC2_128",
            Self::Rc2_40 => "PBEWithSHA1AndRC2_40",
        }
    }
}

/// A PKCS#12 PBE algorithm with its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Params {
    /// The cipher.
    pub cipher: Pkcs12PbeCipher,
    /// The salt (Java and OpenSSL write 20 and 8 bytes).
    pub salt: Vec<u8>,
    /// The iteration count.
    pub iterations: u32,
}

impl Params {
    /// Parameters for encryption. Draw a fresh random `salt` (20 bytes, as Java) every time.
    #[must_use]
    pub fn new(cipher: Pkcs12PbeCipher, salt: &[u8], iterations: u32) -> Self {
        Self {
            cipher,
            salt: salt.to_vec(),
            iterations,
        }
    }

    /// Parses the `pkcs-12PbeParams` TLV of an `AlgorithmIdentifier`.
    pub(crate) fn from_parameters(
        cipher: Pkcs12PbeCipher,
        params: Option<&[u8]>,
    ) -> Result<Self, Error> {
        let params = params.ok_or(Error::Malformed("missing PKCS#12 PBE parameters"))?;
        let (salt, iterations) = epki::parse_pbe_parameter(params, "bad PKCS#12 PBE parameters")?;
        Ok(Self {
            cipher,
            salt: salt.to_vec(),
            iterations,
        })
    }

    /// Parses a DER `AlgorithmIdentifier` naming a PKCS#12 PBE cipher.
    ///
    /// # Errors
    /// `Malformed` for bad DER, `UnsupportedAlgorithm` for any other OID.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let (oid, params) = epki::split_algorithm(der)?;
        let cipher =
            Pkcs12PbeCipher::from_oid(&oid).ok_or_else(|| Error::UnsupportedAlgorithm {
                oid: oid.to_string(),
            })?;
        Self::from_parameters(cipher, params)
    }

    /// The DER `AlgorithmIdentifier`.
    #[must_use]
    pub fn to_der(&self) -> Vec<u8> {
        let mut params = Vec::with_capacity(self.salt.len() + 8);
        epki::write_tlv(&mut params, 0x04, &self.salt);
        epki::write_tlv(&mut params, 0x02, &epki::integer_content(self.iterations));
        let mut body = Vec::with_capacity(params.len() + 16);
        epki::write_oid(&mut body, &self.cipher.oid());
        epki::write_tlv(&mut body, 0x30, &params);
        let mut out = Vec::with_capacity(body.len() + 4);
        epki::write_tlv(&mut out, 0x30, &body);
        out
    }
}

/// Key ‖ IV for `password_bytes` (already encoded).
fn derive(params: &Params, password_bytes: &[u8]) -> (Zeroizing<Vec<u8>>, Zeroizing<[u8; 8]>) {
    let mut key = Zeroizing::new(alloc::vec![0u8; params.cipher.key_len()]);
    let mut iv = Zeroizing::new([0u8; 8]);
    derive_raw(
        HashAlgorithm::Sha1,
        ID_KEY,
        password_bytes,
        &params.salt,
        params.iterations,
        &mut key,
    );
    derive_raw(
        HashAlgorithm::Sha1,
        ID_IV,
        password_bytes,
        &params.salt,
        params.iterations,
        &mut *iv,
    );
    (key, iv)
}

fn bad_key() -> Error {
    Error::Malformed("derived key length does not fit the cipher")
}

fn encrypt_raw(
    cipher: Pkcs12PbeCipher,
    key: &[u8],
    iv: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, Error> {
    match cipher {
        Pkcs12PbeCipher::TripleDes3Key => cbc_util::encrypt(
            des::TdesEde3::new_from_slice(key).map_err(|_| bad_key())?,
            iv,
            plaintext,
        ),
        Pkcs12PbeCipher::TripleDes2Key => cbc_util::encrypt(
            des::TdesEde2::new_from_slice(key).map_err(|_| bad_key())?,
            iv,
            plaintext,
        ),
        Pkcs12PbeCipher::Rc2_128 | Pkcs12PbeCipher::Rc2_40 => cbc_util::encrypt(
            rc2::Rc2::new_with_eff_key_len(key, key.len() * 8),
            iv,
            plaintext,
        ),
    }
}

fn decrypt_raw(
    cipher: Pkcs12PbeCipher,
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    match cipher {
        Pkcs12PbeCipher::TripleDes3Key => cbc_util::decrypt(
            des::TdesEde3::new_from_slice(key).map_err(|_| bad_key())?,
            iv,
            ciphertext,
        ),
        Pkcs12PbeCipher::TripleDes2Key => cbc_util::decrypt(
            des::TdesEde2::new_from_slice(key).map_err(|_| bad_key())?,
            iv,
            ciphertext,
        ),
        Pkcs12PbeCipher::Rc2_128 | Pkcs12PbeCipher::Rc2_40 => cbc_util::decrypt(
            rc2::Rc2::new_with_eff_key_len(key, key.len() * 8),
            iv,
            ciphertext,
        ),
    }
}

/// Encrypts under the PKCS#12 PBE scheme; the password is encoded as RFC 7292 says
/// (BMPString + `00 00`).
///
/// # Security
/// ⚠️ See the module documentation.
///
/// # Errors
/// `IterationCount` for zero iterations.
pub fn encrypt(params: &Params, plaintext: &[u8], password: &Password) -> Result<Vec<u8>, Error> {
    check_iterations(params.iterations, u32::MAX)?;
    let pw = password.secret_bmp_terminated();
    let (key, iv) = derive(params, &pw);
    encrypt_raw(params.cipher, &key, &*iv, plaintext)
}

/// Decrypts; see [`crate::decrypt`] for the password encodings tried and the acceptance rule.
///
/// # Errors
/// `IterationCount` (checked before any work), `Malformed` (length not a multiple of 8),
/// `DecryptFailed`.
pub fn decrypt(
    params: &Params,
    ciphertext: &[u8],
    password: &Password,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    check_iterations(params.iterations, max_iterations)?;
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(8) {
        return Err(Error::Malformed("ciphertext length is not a multiple of 8"));
    }
    let mut candidates: Vec<Zeroizing<Vec<u8>>> = alloc::vec![password.secret_bmp_terminated()];
    if password.is_empty() {
        candidates.push(Zeroizing::new(Vec::new()));
    }
    if !password.is_ascii() {
        candidates.push(password.secret_jdk25_legacy_bmp());
    }
    for pw in &candidates {
        let (key, iv) = derive(params, pw);
        match decrypt_raw(params.cipher, &key, &*iv, ciphertext) {
            Ok(plain) if plain.first() == Some(&0x30) => return Ok(plain),
            Ok(_) | Err(Error::DecryptFailed) => {}
            Err(e) => return Err(e),
        }
    }
    Err(Error::DecryptFailed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    #[test]
    fn algorithm_identifier_round_trip() {
        let p = Params::new(Pkcs12PbeCipher::TripleDes3Key, &[0xab; 20], 50_000);
        let der = p.to_der();
        assert_eq!(
            der[..],
            hex!(
                "3029060a2a864886f70d010c0103301b0414abababababababababababababababababababab020300c350"
            )
        );
        assert_eq!(Params::from_der(&der).unwrap(), p);
        assert!(matches!(
            Params::from_der(&hex!("300c060a2a864886f70d010c0101")),
            Err(Error::UnsupportedAlgorithm { .. })
        ));
        assert!(matches!(
            Params::from_der(&hex!("300c060a2a864886f70d010c0103")),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn all_ciphers_round_trip() {
        let pw = Password::new("changeit");
        for cipher in ALL {
            let p = Params::new(cipher, &[1, 2, 3, 4, 5, 6, 7, 8], 3);
            let msg = b"0\x03\x02\x01\x05 sequence-shaped plaintext";
            let ct = encrypt(&p, msg, &pw).unwrap();
            assert_eq!(&decrypt(&p, &ct, &pw, 3).unwrap()[..], &msg[..]);
            assert!(decrypt(&p, &ct, &Password::new("changeiT"), 3).is_err());
            assert!(matches!(
                decrypt(&p, &ct, &pw, 2),
                Err(Error::IterationCount { .. })
            ));
        }
    }

    #[test]
    fn key_and_iv_match_spec_vectors() {
        // pkcs12.md §4: 3DES key and IV for `changeit`, salt 0102030405060708, 2048 iterations.
        let p = Params::new(
            Pkcs12PbeCipher::TripleDes3Key,
            &hex!("0102030405060708"),
            2048,
        );
        let (key, iv) = derive(&p, &Password::new("changeit").secret_bmp_terminated());
        assert_eq!(
            key[..],
            hex!("a13a1cf35ea9e628cd82c570910adcd5481cd978fff88965")
        );
        assert_eq!(*iv, hex!("ef009e6f4589af95"));
    }

    #[test]
    fn empty_password_falls_back_to_no_password() {
        let p = Params::new(Pkcs12PbeCipher::Rc2_40, &[9; 8], 2);
        let (key, iv) = derive(&p, &[]);
        let ct = encrypt_raw(p.cipher, &key, &*iv, b"0\x00").unwrap();
        assert_eq!(
            &decrypt(&p, &ct, &Password::empty(), 2).unwrap()[..],
            b"0\x00"
        );
        assert!(decrypt(&p, &ct, &Password::new("x"), 2).is_err());
    }

    #[test]
    fn jdk25_non_ascii_fallback() {
        let pw = Password::new("pässwörd");
        let p = Params::new(Pkcs12PbeCipher::TripleDes3Key, &[7; 20], 2);
        let (key, iv) = derive(&p, &pw.secret_jdk25_legacy_bmp());
        let ct = encrypt_raw(p.cipher, &key, &*iv, b"0\x01\x02").unwrap();
        assert_eq!(&decrypt(&p, &ct, &pw, 2).unwrap()[..], b"0\x01\x02");
        // Standard encoding still works too.
        let ct = encrypt(&p, b"0\x00", &pw).unwrap();
        assert_eq!(&decrypt(&p, &ct, &pw, 2).unwrap()[..], b"0\x00");
    }
}
