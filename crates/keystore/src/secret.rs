//! Generating secret (symmetric) keys as Java's `KeyGenerator`s do (keytool `-genseckey`).

use keystore_model::{Error, SecretKey};
use zeroize::Zeroizing;

/// Why a secret key could not be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretKeyError {
    /// No key generator has this name.
    UnknownAlgorithm(String),
    /// The algorithm has no default size; one must be given.
    KeySizeRequired,
    /// The size is not valid for the algorithm.
    InvalidKeySize {
        /// Algorithm.
        algorithm: &'static str,
        /// Requested size in bits.
        bits: u32,
    },
    /// The random source failed.
    Random(Error),
}

impl core::fmt::Display for SecretKeyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::UnknownAlgorithm(name) => write!(f, "no key generator for {name}"),
            Self::KeySizeRequired => f.write_str("a key size is required for this algorithm"),
            Self::InvalidKeySize { algorithm, bits } => {
                write!(f, "{bits} is not a valid {algorithm} key size")
            }
            Self::Random(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SecretKeyError {}

/// Generates a secret key. `algorithm` is matched case-insensitively and the key carries Java's
/// canonical name (`aes` → `AES`, `hmacsha256` → `HmacSHA256`, `TripleDES` → `DESede`).
/// `bits` may be omitted only for DES (56) and DESede (168). DES keys get odd parity, as Java's
/// generator sets it.
///
/// # Errors
/// [`SecretKeyError`].
pub fn generate_secret_key(
    algorithm: &str,
    bits: Option<u32>,
) -> Result<SecretKey, SecretKeyError> {
    let (name, default_bits, valid): (&'static str, Option<u32>, fn(u32) -> bool) =
        match algorithm.to_ascii_lowercase().as_str() {
            "aes" => ("AES", None, |b| matches!(b, 128 | 192 | 256)),
            "des" => ("DES", Some(56), |b| b == 56),
            "desede" | "tripledes" => ("DESede", Some(168), |b| matches!(b, 112 | 168)),
            "hmacsha1" => ("HmacSHA1", None, |b| b >= 40 && b % 8 == 0),
            "hmacsha224" => ("HmacSHA224", None, |b| b >= 40 && b % 8 == 0),
            "hmacsha256" => ("HmacSHA256", None, |b| b >= 40 && b % 8 == 0),
            "hmacsha384" => ("HmacSHA384", None, |b| b >= 40 && b % 8 == 0),
            "hmacsha512" => ("HmacSHA512", None, |b| b >= 40 && b % 8 == 0),
            "hmacmd5" => ("HmacMD5", None, |b| b >= 40 && b % 8 == 0),
            _ => return Err(SecretKeyError::UnknownAlgorithm(algorithm.to_owned())),
        };
    let bits = bits
        .or(default_bits)
        .ok_or(SecretKeyError::KeySizeRequired)?;
    if !valid(bits) {
        return Err(SecretKeyError::InvalidKeySize {
            algorithm: name,
            bits,
        });
    }
    // DES keys are 8 bytes per 56 bits (parity bits included); 2-key DESede is stored as 3 keys.
    let len = match name {
        "DES" => 8,
        "DESede" => 24,
        _ => usize::try_from(bits / 8).unwrap_or(0),
    };
    let mut key = Zeroizing::new(vec![0u8; len]);
    getrandom::fill(&mut key)
        .map_err(|_| SecretKeyError::Random(Error::ApiMisuse("random source unavailable")))?;
    if name == "DESede" && bits == 112 {
        // K3 = K1.
        let (head, tail) = key.split_at_mut(16);
        tail.copy_from_slice(&head[..8]);
    }
    if name.starts_with("DES") {
        for b in key.iter_mut() {
            let high = *b & 0xfe;
            *b = high | u8::from(high.count_ones() % 2 == 0);
        }
    }
    Ok(SecretKey::new(name, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_names_and_parity() {
        let k = generate_secret_key("aes", Some(256)).unwrap();
        assert_eq!((k.algorithm(), k.secret_bytes().len()), ("AES", 32));
        let k = generate_secret_key("DESede", None).unwrap();
        assert_eq!(k.secret_bytes().len(), 24);
        assert!(
            k.secret_bytes().iter().all(|b| b.count_ones() % 2 == 1),
            "odd parity"
        );
        assert_eq!(
            generate_secret_key("HmacSHA256", Some(256))
                .unwrap()
                .algorithm(),
            "HmacSHA256"
        );
        assert_eq!(
            generate_secret_key("AES", None),
            Err(SecretKeyError::KeySizeRequired)
        );
        assert!(matches!(
            generate_secret_key("FOO", Some(128)),
            Err(SecretKeyError::UnknownAlgorithm(_))
        ));
        assert!(matches!(
            generate_secret_key("AES", Some(100)),
            Err(SecretKeyError::InvalidKeySize { .. })
        ));
    }
}
