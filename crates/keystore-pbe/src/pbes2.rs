//! PKCS#5 v2.1 PBES2 (RFC 8018 §6.2): PBKDF2 with an HMAC PRF, then AES-CBC or DES-EDE3-CBC.
//! The password is fed to PBKDF2 as its UTF-8 bytes (Java and OpenSSL).
//!
//! The `AlgorithmIdentifier` JDK 17 and 25 write by default (only salt and IV vary):
//!
//! ```text
//! 30 66 06 09 2a864886f70d01050d                      PBES2
//!       30 59 30 38 06 09 2a864886f70d01050c          PBKDF2
//!                   30 2b 04 14 <salt 20>
//!                         02 02 27 10                 iterationCount 10000
//!                         02 01 20                    keyLength 32
//!                         30 0c 06 08 2a864886f70d0209 05 00   hmacWithSHA256
//!             30 1d 06 09 60864801650304012a 04 10 <iv 16>    aes256-CBC
//! ```

use alloc::{string::ToString, vec::Vec};
use cbc::cipher::KeyInit;
use der::{
    Decode, Reader, SliceReader,
    asn1::{ObjectIdentifier, OctetStringRef},
};
use zeroize::Zeroizing;

use crate::{Error, HashAlgorithm, Password, cbc_util, check_iterations, epki};

/// PBES2, 1.2.840.113549.1.5.13.
pub const PBES2_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
/// PBKDF2, 1.2.840.113549.1.5.12.
pub const PBKDF2_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");

/// The PBES2 encryption scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cipher {
    /// AES-128-CBC (2.16.840.1.101.3.4.1.2).
    Aes128Cbc,
    /// AES-192-CBC (2.16.840.1.101.3.4.1.22). Java cannot read it; OpenSSL can.
    Aes192Cbc,
    /// AES-256-CBC (2.16.840.1.101.3.4.1.42): the JDK and OpenSSL default.
    Aes256Cbc,
    /// DES-EDE3-CBC (1.2.840.113549.3.7). ⚠️ Legacy; OpenSSL only.
    DesEde3Cbc,
}

const CIPHERS: [Cipher; 4] = [
    Cipher::Aes128Cbc,
    Cipher::Aes192Cbc,
    Cipher::Aes256Cbc,
    Cipher::DesEde3Cbc,
];

impl Cipher {
    /// The algorithm OID.
    #[must_use]
    pub const fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Aes128Cbc => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.2"),
            Self::Aes192Cbc => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.22"),
            Self::Aes256Cbc => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42"),
            Self::DesEde3Cbc => ObjectIdentifier::new_unwrap("1.2.840.113549.3.7"),
        }
    }

    /// The cipher named by `oid`.
    #[must_use]
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        CIPHERS.into_iter().find(|c| c.oid() == *oid)
    }

    /// Key length in bytes.
    #[must_use]
    pub const fn key_len(self) -> usize {
        match self {
            Self::Aes128Cbc => 16,
            Self::Aes192Cbc | Self::DesEde3Cbc => 24,
            Self::Aes256Cbc => 32,
        }
    }

    /// Block (and IV) length in bytes.
    #[must_use]
    pub const fn block_len(self) -> usize {
        match self {
            Self::Aes128Cbc | Self::Aes192Cbc | Self::Aes256Cbc => 16,
            Self::DesEde3Cbc => 8,
        }
    }
}

/// PBES2 parameters: PBKDF2 (salt, iterations, key length, PRF) and the cipher with its IV.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Params {
    /// The PBKDF2 PRF: HMAC with this hash (default SHA-1 when the field is absent).
    pub prf: HashAlgorithm,
    /// The PBKDF2 salt (Java: 20 bytes, OpenSSL: 8).
    pub salt: Vec<u8>,
    /// The PBKDF2 iteration count.
    pub iterations: u32,
    /// The optional PBKDF2 `keyLength` field (Java writes it, OpenSSL does not).
    pub key_length: Option<u32>,
    /// The cipher.
    pub cipher: Cipher,
    /// The CBC IV (the cipher's block length).
    pub iv: Vec<u8>,
}

fn bad_params() -> Error {
    Error::Malformed("bad PBES2 parameters")
}

impl Params {
    /// Parameters as Java writes them (`keyLength` present). Draw `salt` (20 bytes) and `iv`
    /// fresh for every encryption.
    ///
    /// # Errors
    /// `Malformed` when `iv` is not one cipher block long.
    pub fn new(
        prf: HashAlgorithm,
        cipher: Cipher,
        salt: &[u8],
        iv: &[u8],
        iterations: u32,
    ) -> Result<Self, Error> {
        if iv.len() != cipher.block_len() {
            return Err(Error::Malformed(
                "IV length does not match the cipher block",
            ));
        }
        let key_length = u32::try_from(cipher.key_len()).map_err(|_| bad_params())?;
        Ok(Self {
            prf,
            salt: salt.to_vec(),
            iterations,
            key_length: Some(key_length),
            cipher,
            iv: iv.to_vec(),
        })
    }

    /// Parses a DER `AlgorithmIdentifier` naming PBES2.
    ///
    /// # Errors
    /// `Malformed` for bad DER, `UnsupportedAlgorithm` for another OID, a KDF other than PBKDF2,
    /// or an unknown PRF or cipher.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let (oid, params) = epki::split_algorithm(der)?;
        if oid != PBES2_OID {
            return Err(Error::UnsupportedAlgorithm {
                oid: oid.to_string(),
            });
        }
        Self::from_parameters(params)
    }

    /// Parses the `PBES2-params` TLV.
    pub(crate) fn from_parameters(params: Option<&[u8]>) -> Result<Self, Error> {
        let params = params.ok_or_else(bad_params)?;
        let (kdf, enc) = {
            let parse = || -> der::Result<(&[u8], &[u8])> {
                let mut reader = SliceReader::new(params)?;
                let out =
                    reader.sequence(|r| Ok::<_, der::Error>((r.tlv_bytes()?, r.tlv_bytes()?)))?;
                reader.finish()?;
                Ok(out)
            };
            parse().map_err(|_| bad_params())?
        };

        let Pbkdf2Fields {
            salt,
            iterations,
            key_length,
            prf,
        } = parse_pbkdf2_algorithm(kdf, bad_params)?;

        let (enc_oid, enc_params) = epki::split_algorithm(enc)?;
        let cipher = Cipher::from_oid(&enc_oid).ok_or_else(|| Error::UnsupportedAlgorithm {
            oid: enc_oid.to_string(),
        })?;
        let iv = {
            let enc_params = enc_params.ok_or_else(bad_params)?;
            let parse = || -> der::Result<&[u8]> {
                let mut reader = SliceReader::new(enc_params)?;
                let iv = <&OctetStringRef>::decode(&mut reader)?.as_bytes();
                reader.finish()?;
                Ok(iv)
            };
            parse().map_err(|_| bad_params())?
        };
        if iv.len() != cipher.block_len() {
            return Err(Error::Malformed(
                "PBES2 IV length does not match the cipher",
            ));
        }
        Ok(Self {
            prf,
            salt: salt.to_vec(),
            iterations,
            key_length,
            cipher,
            iv: iv.to_vec(),
        })
    }

    /// The DER `AlgorithmIdentifier`, byte for byte as Java writes it for the same values.
    #[must_use]
    pub fn to_der(&self) -> Vec<u8> {
        let kdf = encode_pbkdf2(&self.salt, self.iterations, self.key_length, self.prf);
        let mut enc_body = Vec::with_capacity(32);
        epki::write_oid(&mut enc_body, &self.cipher.oid());
        epki::write_tlv(&mut enc_body, 0x04, &self.iv);
        let mut params = Vec::with_capacity(kdf.len() + enc_body.len() + 4);
        params.extend_from_slice(&kdf);
        epki::write_tlv(&mut params, 0x30, &enc_body);
        let mut body = Vec::with_capacity(params.len() + 16);
        epki::write_oid(&mut body, &PBES2_OID);
        epki::write_tlv(&mut body, 0x30, &params);
        let mut out = Vec::with_capacity(body.len() + 4);
        epki::write_tlv(&mut out, 0x30, &body);
        out
    }

    /// The derived key, after checking `keyLength` against the cipher.
    fn derive_key(&self, password: &Password) -> Result<Zeroizing<Vec<u8>>, Error> {
        let len = self.cipher.key_len();
        if let Some(stated) = self.key_length
            && usize::try_from(stated).ok() != Some(len)
        {
            return Err(Error::Malformed(
                "PBKDF2 keyLength does not match the cipher",
            ));
        }
        let mut key = Zeroizing::new(alloc::vec![0u8; len]);
        pbkdf2_raw(
            self.prf,
            password.secret_utf8(),
            &self.salt,
            self.iterations,
            &mut key,
        );
        Ok(key)
    }
}

/// The fields of `PBKDF2-params`.
pub(crate) struct Pbkdf2Fields<'a> {
    pub(crate) salt: &'a [u8],
    pub(crate) iterations: u32,
    pub(crate) key_length: Option<u32>,
    pub(crate) prf: HashAlgorithm,
}

/// Parses a PBKDF2 `AlgorithmIdentifier` (OID 1.2.840.113549.1.5.12 with its parameters);
/// `missing` is the error for absent parameters.
pub(crate) fn parse_pbkdf2_algorithm(
    kdf: &[u8],
    missing: fn() -> Error,
) -> Result<Pbkdf2Fields<'_>, Error> {
    let (kdf_oid, kdf_params) = epki::split_algorithm(kdf)?;
    if kdf_oid != PBKDF2_OID {
        return Err(Error::UnsupportedAlgorithm {
            oid: kdf_oid.to_string(),
        });
    }
    parse_pbkdf2_params(kdf_params.ok_or_else(missing)?)
}

/// Parses `PBKDF2-params` (the PRF defaults to HMAC-SHA-1; only a specified salt is supported).
pub(crate) fn parse_pbkdf2_params(der: &[u8]) -> Result<Pbkdf2Fields<'_>, Error> {
    /// salt, iterationCount, keyLength, prf TLV.
    type Raw<'a> = (&'a [u8], u32, Option<u32>, Option<&'a [u8]>);
    fn read(der: &[u8]) -> der::Result<Raw<'_>> {
        let mut reader = SliceReader::new(der)?;
        let out = reader.sequence(|r| {
            let salt = <&OctetStringRef>::decode(r)?.as_bytes();
            let iterations = u32::decode(r)?;
            let key_length = if !r.is_finished() && der::Tag::peek(r)? == der::Tag::Integer {
                Some(u32::decode(r)?)
            } else {
                None
            };
            let prf = if r.is_finished() {
                None
            } else {
                Some(r.tlv_bytes()?)
            };
            Ok::<_, der::Error>((salt, iterations, key_length, prf))
        })?;
        reader.finish()?;
        Ok(out)
    }
    let (salt, iterations, key_length, prf_tlv) =
        read(der).map_err(|_| Error::Malformed("bad PBKDF2 parameters"))?;
    let prf = match prf_tlv {
        None => HashAlgorithm::Sha1,
        Some(tlv) => {
            let (oid, params) = epki::split_algorithm(tlv)?;
            if params.is_some_and(|p| p != [0x05, 0x00]) {
                return Err(Error::Malformed("PBKDF2 PRF parameters are not NULL"));
            }
            HashAlgorithm::from_hmac_oid(&oid).ok_or_else(|| Error::UnsupportedAlgorithm {
                oid: oid.to_string(),
            })?
        }
    };
    Ok(Pbkdf2Fields {
        salt,
        iterations,
        key_length,
        prf,
    })
}

/// The PBKDF2 `AlgorithmIdentifier` (the PRF is written with NULL parameters unless it is the
/// default, HMAC-SHA-1).
pub(crate) fn encode_pbkdf2(
    salt: &[u8],
    iterations: u32,
    key_length: Option<u32>,
    prf: HashAlgorithm,
) -> Vec<u8> {
    let mut p = Vec::with_capacity(salt.len() + 32);
    epki::write_tlv(&mut p, 0x04, salt);
    epki::write_tlv(&mut p, 0x02, &epki::integer_content(iterations));
    if let Some(len) = key_length {
        epki::write_tlv(&mut p, 0x02, &epki::integer_content(len));
    }
    if prf != HashAlgorithm::Sha1 {
        let mut alg = Vec::with_capacity(16);
        epki::write_oid(&mut alg, &prf.hmac_oid());
        alg.extend_from_slice(&[0x05, 0x00]);
        epki::write_tlv(&mut p, 0x30, &alg);
    }
    let mut body = Vec::with_capacity(p.len() + 16);
    epki::write_oid(&mut body, &PBKDF2_OID);
    epki::write_tlv(&mut body, 0x30, &p);
    let mut out = Vec::with_capacity(body.len() + 4);
    epki::write_tlv(&mut out, 0x30, &body);
    out
}

/// PBKDF2 with HMAC-`prf`. The caller checks the iteration count.
pub(crate) fn pbkdf2_raw(
    prf: HashAlgorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) {
    with_hash!(prf, D => pbkdf2::pbkdf2_hmac::<D>(password, salt, iterations, out));
}

fn bad_key() -> Error {
    Error::Malformed("derived key length does not fit the cipher")
}

/// Encrypts under PBES2 (password as UTF-8).
///
/// # Errors
/// `IterationCount` for zero iterations; `Malformed` for an IV or `keyLength` that does not fit
/// the cipher.
pub fn encrypt(params: &Params, plaintext: &[u8], password: &Password) -> Result<Vec<u8>, Error> {
    check_iterations(params.iterations, u32::MAX)?;
    let key = params.derive_key(password)?;
    let iv = &params.iv;
    match params.cipher {
        Cipher::Aes128Cbc => cbc_util::encrypt(
            aes::Aes128::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            plaintext,
        ),
        Cipher::Aes192Cbc => cbc_util::encrypt(
            aes::Aes192::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            plaintext,
        ),
        Cipher::Aes256Cbc => cbc_util::encrypt(
            aes::Aes256::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            plaintext,
        ),
        Cipher::DesEde3Cbc => cbc_util::encrypt(
            des::TdesEde3::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            plaintext,
        ),
    }
}

/// Decrypts PBES2 data. The iteration count is checked against `max_iterations` before any
/// key derivation; bad padding is `DecryptFailed`.
///
/// # Errors
/// `IterationCount`, `Malformed`, `DecryptFailed`.
pub fn decrypt(
    params: &Params,
    ciphertext: &[u8],
    password: &Password,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    check_iterations(params.iterations, max_iterations)?;
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(params.cipher.block_len()) {
        return Err(Error::Malformed(
            "ciphertext length is not a multiple of the block size",
        ));
    }
    let key = params.derive_key(password)?;
    let iv = &params.iv;
    match params.cipher {
        Cipher::Aes128Cbc => cbc_util::decrypt(
            aes::Aes128::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            ciphertext,
        ),
        Cipher::Aes192Cbc => cbc_util::decrypt(
            aes::Aes192::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            ciphertext,
        ),
        Cipher::Aes256Cbc => cbc_util::decrypt(
            aes::Aes256::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            ciphertext,
        ),
        Cipher::DesEde3Cbc => cbc_util::decrypt(
            des::TdesEde3::new_from_slice(&key).map_err(|_| bad_key())?,
            iv,
            ciphertext,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// pkcs12.md §2.1 and §8: the AlgorithmIdentifier of the JDK 17 test vector's key bag.
    const JDK_ALG: [u8; 104] = hex!(
        "3066"
        "06092a864886f70d01050d"
        "3059"
        "3038"
        "06092a864886f70d01050c"
        "302b"
        "0414fdbd15de950560fef16f826581cf8323a42ff5b1"
        "02022710"
        "020120"
        "300c06082a864886f70d02090500"
        "301d"
        "060960864801650304012a"
        "0410" "92d66348bf2b8dcf6dfaadb00472170c"
    );

    #[test]
    fn jdk_algorithm_identifier_round_trips_exactly() {
        let p = Params::from_der(&JDK_ALG).unwrap();
        assert_eq!(p.prf, HashAlgorithm::Sha256);
        assert_eq!(p.cipher, Cipher::Aes256Cbc);
        assert_eq!(p.iterations, 10_000);
        assert_eq!(p.key_length, Some(32));
        assert_eq!(p.to_der(), JDK_ALG);
        let built = Params::new(
            HashAlgorithm::Sha256,
            Cipher::Aes256Cbc,
            &p.salt,
            &p.iv,
            10_000,
        )
        .unwrap();
        assert_eq!(built, p);
    }

    /// pkcs12.md §8: PBKDF2-HMAC-SHA256("changeit", salt, 10000, 32).
    #[test]
    fn jdk_vector_key() {
        let p = Params::from_der(&JDK_ALG).unwrap();
        let key = p.derive_key(&Password::new("changeit")).unwrap();
        assert_eq!(
            key[..],
            hex!("90aad1ec142464febc4e4136cf5509dd0f30008f2e9b12d5747a10d803dc041f")
        );
    }

    #[test]
    fn openssl_style_without_key_length_and_default_prf() {
        let mut p = Params::new(
            HashAlgorithm::Sha1,
            Cipher::Aes128Cbc,
            &[1; 8],
            &[2; 16],
            2048,
        )
        .unwrap();
        p.key_length = None;
        let der = p.to_der();
        // No keyLength and no PRF (the default, hmacWithSHA1).
        let reparsed = Params::from_der(&der).unwrap();
        assert_eq!(reparsed, p);
        assert!(!der.windows(2).any(|w| w == [0x05, 0x00]));
    }

    #[test]
    fn all_combinations_round_trip() {
        let pw = Password::new("pässwörd");
        for cipher in CIPHERS {
            for prf in [
                HashAlgorithm::Sha1,
                HashAlgorithm::Sha224,
                HashAlgorithm::Sha256,
                HashAlgorithm::Sha384,
                HashAlgorithm::Sha512,
                HashAlgorithm::Sha512_224,
                HashAlgorithm::Sha512_256,
            ] {
                let iv = alloc::vec![5u8; cipher.block_len()];
                let p = Params::new(prf, cipher, &[3; 20], &iv, 2).unwrap();
                let p = Params::from_der(&p.to_der()).unwrap();
                let ct = encrypt(&p, b"secret message", &pw).unwrap();
                assert_eq!(&decrypt(&p, &ct, &pw, 2).unwrap()[..], b"secret message");
                assert!(matches!(
                    decrypt(&p, &ct, &pw, 1),
                    Err(Error::IterationCount { .. })
                ));
            }
        }
    }

    #[test]
    fn rejects_mismatched_parameters() {
        let mut p = Params::new(
            HashAlgorithm::Sha256,
            Cipher::Aes256Cbc,
            &[1; 20],
            &[2; 16],
            1,
        )
        .unwrap();
        p.key_length = Some(16);
        assert!(matches!(
            encrypt(&p, b"x", &Password::empty()),
            Err(Error::Malformed(_))
        ));
        assert!(
            Params::new(
                HashAlgorithm::Sha256,
                Cipher::Aes256Cbc,
                &[1; 20],
                &[2; 8],
                1
            )
            .is_err()
        );
        // PBKDF2 with an unknown PRF (1.2.3.4).
        let kdf = {
            let mut p = Vec::new();
            epki::write_tlv(&mut p, 0x04, &[1; 8]);
            epki::write_tlv(&mut p, 0x02, &[1]);
            epki::write_tlv(&mut p, 0x30, &hex!("06032a0304"));
            let mut body = Vec::new();
            epki::write_oid(&mut body, &PBKDF2_OID);
            epki::write_tlv(&mut body, 0x30, &p);
            let mut out = Vec::new();
            epki::write_tlv(&mut out, 0x30, &body);
            out
        };
        assert!(matches!(
            parse_pbkdf2_params(&kdf[13..]),
            Err(Error::UnsupportedAlgorithm { .. })
        ));
    }
}
