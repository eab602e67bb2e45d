#![no_std]
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

extern crate alloc;

mod epki;
mod error;
mod password;

pub mod jce;
pub mod jks;

pub use crate::{epki::protection_algorithm, error::Error, password::Password};

use alloc::vec::Vec;
use zeroize::Zeroizing;

/// Recovers PKCS#8 `PrivateKeyInfo` DER from any `EncryptedPrivateKeyInfo` we can read,
/// dispatching on its algorithm OID (JKS protector, JCE PBEWithMD5AndTripleDES), as JCEKS does
/// (a JKS file opened as JCEKS keeps JKS-protected keys).
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
    if info.oid == jks::OID {
        jks::recover_data(info.data, password)
    } else if info.oid == jce::OID {
        jce::recover_key(epki_der, password, max_iterations)
    } else {
        Err(Error::UnsupportedAlgorithm {
            oid: alloc::string::ToString::to_string(&info.oid),
        })
    }
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
        // PBES2 (1.2.840.113549.1.5.13) with empty parameters.
        let pbes2 = hex!("3011300b06092a864886f70d01050d04020000");
        assert_eq!(
            recover_private_key(&pbes2, &pw, 10),
            Err(Error::UnsupportedAlgorithm {
                oid: "1.2.840.113549.1.5.13".into()
            })
        );
        assert!(matches!(
            recover_private_key(b"junk", &pw, 10),
            Err(Error::Malformed(_))
        ));
    }
}
