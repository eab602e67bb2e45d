#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

/// Runs `$body` with the type alias `$d` bound to the RustCrypto hash named by `$alg`
/// (a [`HashAlgorithm`]).
macro_rules! with_hash {
    ($alg:expr, $d:ident => $body:expr) => {
        match $alg {
            $crate::HashAlgorithm::Sha1 => {
                type $d = sha1::Sha1;
                $body
            }
            $crate::HashAlgorithm::Sha224 => {
                type $d = sha2::Sha224;
                $body
            }
            $crate::HashAlgorithm::Sha256 => {
                type $d = sha2::Sha256;
                $body
            }
            $crate::HashAlgorithm::Sha384 => {
                type $d = sha2::Sha384;
                $body
            }
            $crate::HashAlgorithm::Sha512 => {
                type $d = sha2::Sha512;
                $body
            }
            $crate::HashAlgorithm::Sha512_224 => {
                type $d = sha2::Sha512_224;
                $body
            }
            $crate::HashAlgorithm::Sha512_256 => {
                type $d = sha2::Sha512_256;
                $body
            }
        }
    };
}

mod cbc_util;
mod epki;
mod error;
mod hash;
mod password;

pub mod jce;
pub mod jks;
pub mod mac;
pub mod pbes1;
pub mod pbes2;
pub mod pkcs12_kdf;

pub use crate::{
    epki::protection_algorithm, error::Error, hash::HashAlgorithm, password::Password,
};

use alloc::{string::ToString, vec::Vec};
use der::asn1::ObjectIdentifier;
use zeroize::Zeroizing;

/// A password-based protection scheme with its parameters, as named by an
/// `AlgorithmIdentifier`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// Sun's JKS key protector (1.3.6.1.4.1.42.2.17.1.1): no parameters, no work factor.
    JksKeyProtector,
    /// SunJCE `PBEWithMD5AndTripleDES` (1.3.6.1.4.1.42.2.19.1).
    JcePbeMd5TripleDes(jce::Params),
    /// PKCS#5 v2 PBES2 (1.2.840.113549.1.5.13): PBKDF2 and a block cipher.
    Pbes2(pbes2::Params),
    /// A PKCS#12 PBE cipher (`pbeWithSHAAnd…`, 1.2.840.113549.1.12.1.x).
    Pkcs12Pbe(pbes1::Params),
}

impl Scheme {
    /// Parses a DER `AlgorithmIdentifier`.
    ///
    /// # Errors
    /// `Malformed` for bad DER or parameters, `UnsupportedAlgorithm` for any other OID (or a
    /// PBES2 PRF/cipher we do not implement).
    pub fn from_algorithm_identifier(der: &[u8]) -> Result<Self, Error> {
        let (oid, params) = epki::split_algorithm(der)?;
        Self::from_parts(&oid, params)
    }

    pub(crate) fn from_parts(oid: &ObjectIdentifier, params: Option<&[u8]>) -> Result<Self, Error> {
        if *oid == jks::OID {
            Ok(Self::JksKeyProtector)
        } else if *oid == jce::OID {
            let params = params.ok_or(Error::Malformed("missing PBE parameters"))?;
            Ok(Self::JcePbeMd5TripleDes(jce::Params::from_der(params)?))
        } else if *oid == pbes2::PBES2_OID {
            Ok(Self::Pbes2(pbes2::Params::from_parameters(params)?))
        } else if let Some(cipher) = pbes1::Pkcs12PbeCipher::from_oid(oid) {
            Ok(Self::Pkcs12Pbe(pbes1::Params::from_parameters(
                cipher, params,
            )?))
        } else {
            Err(Error::UnsupportedAlgorithm {
                oid: oid.to_string(),
            })
        }
    }

    /// The iteration count (the work factor); 1 for the JKS protector.
    #[must_use]
    pub fn iterations(&self) -> u32 {
        match self {
            Self::JksKeyProtector => 1,
            Self::JcePbeMd5TripleDes(p) => p.iterations,
            Self::Pbes2(p) => p.iterations,
            Self::Pkcs12Pbe(p) => p.iterations,
        }
    }
}

/// The protection scheme of a DER `EncryptedPrivateKeyInfo`, with its parameters, without
/// decrypting anything.
///
/// # Errors
/// `Malformed` for a bad container or parameters, `UnsupportedAlgorithm` for other schemes.
pub fn protection_scheme(epki_der: &[u8]) -> Result<Scheme, Error> {
    let info = epki::Epki::from_der(epki_der)?;
    Scheme::from_parts(&info.oid, info.params_der())
}

/// Encrypts `plaintext` with the PBES2 or PKCS#12 PBE scheme named by `algorithm` (a DER
/// `AlgorithmIdentifier`, e.g. from [`pbes2::Params::to_der`] or [`pbes1::Params::to_der`]).
/// The salt and IV come from `algorithm`: draw them fresh for every encryption.
///
/// # Errors
/// `Malformed` for a bad `algorithm`, `UnsupportedAlgorithm` for schemes other than PBES2 and
/// PKCS#12 PBE, `IterationCount` for zero iterations.
pub fn encrypt(algorithm: &[u8], plaintext: &[u8], password: &Password) -> Result<Vec<u8>, Error> {
    match Scheme::from_algorithm_identifier(algorithm)? {
        Scheme::Pbes2(p) => pbes2::encrypt(&p, plaintext, password),
        Scheme::Pkcs12Pbe(p) => pbes1::encrypt(&p, plaintext, password),
        _ => Err(unsupported(algorithm)),
    }
}

/// Decrypts data protected with the PBES2 or PKCS#12 PBE scheme named by `algorithm` (a DER
/// `AlgorithmIdentifier`): PKCS#12 `EncryptedData` contents and shrouded keys.
///
/// The iteration count is checked against `max_iterations` before any key derivation. For
/// PKCS#12 PBE the password is tried as RFC 7292 encodes it, then (empty password) as the empty
/// byte string that OpenSSL's "no password" and Java's `"\0"` retry use, then (non-ASCII
/// password) as JDK 25 encodes it; a candidate is accepted when the padding is valid and the
/// plaintext starts with a SEQUENCE tag, as every PKCS#12 plaintext does.
///
/// # Errors
/// `DecryptFailed` (wrong password or corrupt data, never which), `Malformed`,
/// `UnsupportedAlgorithm`, `IterationCount`.
pub fn decrypt(
    algorithm: &[u8],
    ciphertext: &[u8],
    password: &Password,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    match Scheme::from_algorithm_identifier(algorithm)? {
        Scheme::Pbes2(p) => pbes2::decrypt(&p, ciphertext, password, max_iterations),
        Scheme::Pkcs12Pbe(p) => pbes1::decrypt(&p, ciphertext, password, max_iterations),
        _ => Err(unsupported(algorithm)),
    }
}

/// Encrypts PKCS#8 `PrivateKeyInfo` DER (or Java's PKCS#8-shaped secret-key structure) and
/// returns the DER `EncryptedPrivateKeyInfo { algorithm, ciphertext }`.
///
/// # Errors
/// As [`encrypt`]; `Malformed` for an empty key.
pub fn protect_private_key(
    pkcs8: &[u8],
    algorithm: &[u8],
    password: &Password,
) -> Result<Vec<u8>, Error> {
    if pkcs8.is_empty() {
        return Err(Error::Malformed("empty private key"));
    }
    let ciphertext = encrypt(algorithm, pkcs8, password)?;
    let content = epki::tlv_content(algorithm)?;
    Ok(epki::encode(content, &ciphertext))
}

fn unsupported(algorithm: &[u8]) -> Error {
    match epki::split_algorithm(algorithm) {
        Ok((oid, _)) => Error::UnsupportedAlgorithm {
            oid: oid.to_string(),
        },
        Err(e) => e,
    }
}

/// Rejects zero and counts above `max` before any work is done.
pub(crate) fn check_iterations(count: u32, max: u32) -> Result<(), Error> {
    if count == 0 || count > max {
        return Err(Error::IterationCount {
            count: u64::from(count),
            max: u64::from(max),
        });
    }
    Ok(())
}

/// Recovers PKCS#8 `PrivateKeyInfo` DER from any `EncryptedPrivateKeyInfo` we can read,
/// dispatching on its algorithm OID: JKS protector, JCE PBEWithMD5AndTripleDES (as JCEKS does:
/// a JKS file opened as JCEKS keeps JKS-protected keys), PBES2 and the PKCS#12 PBE ciphers
/// (PKCS#12 shrouded keys and secret keys).
///
/// A plaintext that is not a single DER SEQUENCE is reported as `DecryptFailed`.
///
/// # Errors
/// `DecryptFailed` on a wrong password or corrupt data, `UnsupportedAlgorithm` for other schemes,
/// `IterationCount` above `max_iterations`, `Malformed` for a bad container.
pub fn recover_private_key(
    epki_der: &[u8],
    password: &Password,
    max_iterations: u32,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let info = epki::Epki::from_der(epki_der)?;
    let plain = match Scheme::from_parts(&info.oid, info.params_der())? {
        Scheme::JksKeyProtector => return jks::recover_data(info.data, password),
        Scheme::JcePbeMd5TripleDes(_) => {
            return jce::recover_key(epki_der, password, max_iterations);
        }
        Scheme::Pbes2(p) => pbes2::decrypt(&p, info.data, password, max_iterations)?,
        Scheme::Pkcs12Pbe(p) => pbes1::decrypt(&p, info.data, password, max_iterations)?,
    };
    if !epki::is_single_sequence(&plain) {
        return Err(Error::DecryptFailed);
    }
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use hex_literal::hex;

    const K: [u8; 67] = hex!(
        "3041020100301306072a8648ce3d020106082a8648ce3d0301070427302502010104203b2c39f559b6b3993f7df3ed7e60a6deddf6620339287913c5c1f362cef24c56"
    );

    #[test]
    fn dispatch_by_oid() {
        let pw = Password::new("keypass1");
        let jks = jks::protect_key(&K, &pw, &[7; 20]).unwrap();
        let jce = jce::protect_key(&K, &pw, &[1, 2, 3, 4, 5, 6, 7, 8], 10).unwrap();
        assert_eq!(&recover_private_key(&jks, &pw, 10).unwrap()[..], &K[..]);
        assert_eq!(&recover_private_key(&jce, &pw, 10).unwrap()[..], &K[..]);
        assert!(matches!(
            recover_private_key(&jce, &pw, 9),
            Err(Error::IterationCount { .. })
        ));
        assert_eq!(
            recover_private_key(&jks, &Password::new("x"), 10),
            Err(Error::DecryptFailed)
        );
        assert_eq!(
            protection_algorithm(&jks).unwrap().to_string(),
            jks::KEY_PROTECTOR_OID
        );
        assert_eq!(
            protection_algorithm(&jce).unwrap().to_string(),
            jce::PBE_MD5_TRIPLE_DES_OID
        );
        assert_eq!(protection_scheme(&jks).unwrap(), Scheme::JksKeyProtector);
        assert_eq!(protection_scheme(&jce).unwrap().iterations(), 10);
        // PBES2 (1.2.840.113549.1.5.13) with garbage parameters.
        let pbes2 = hex!("3011300b06092a864886f70d01050d04020000");
        assert!(matches!(
            recover_private_key(&pbes2, &pw, 10),
            Err(Error::Malformed(_))
        ));
        // An unknown OID (1.2.3.4).
        let other = hex!("300b300506032a03040402aabb");
        assert_eq!(
            recover_private_key(&other, &pw, 10),
            Err(Error::UnsupportedAlgorithm {
                oid: "1.2.3.4".into()
            })
        );
        assert!(matches!(
            recover_private_key(b"junk", &pw, 10),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn pkcs12_schemes_round_trip_through_dispatch() {
        let pw = Password::new("changeit");
        let algs = [
            pbes2::Params::new(
                HashAlgorithm::Sha256,
                pbes2::Cipher::Aes256Cbc,
                &[1; 20],
                &[2; 16],
                1000,
            )
            .unwrap()
            .to_der(),
            pbes1::Params::new(pbes1::Pkcs12PbeCipher::TripleDes3Key, &[3; 20], 100).to_der(),
        ];
        for alg in algs {
            let der = protect_private_key(&K, &alg, &pw).unwrap();
            assert_eq!(&recover_private_key(&der, &pw, 1000).unwrap()[..], &K[..]);
            assert_eq!(
                recover_private_key(&der, &Password::new("other"), 1000),
                Err(Error::DecryptFailed)
            );
            assert!(matches!(
                recover_private_key(&der, &pw, 99),
                Err(Error::IterationCount { .. })
            ));
            let scheme = protection_scheme(&der).unwrap();
            assert!(matches!(scheme, Scheme::Pbes2(_) | Scheme::Pkcs12Pbe(_)));
        }
        let jks_alg = hex!("300e060a2b060104012a021101010500");
        assert_eq!(
            encrypt(&jks_alg, b"x", &pw),
            Err(Error::UnsupportedAlgorithm {
                oid: jks::KEY_PROTECTOR_OID.into()
            })
        );
    }
}
