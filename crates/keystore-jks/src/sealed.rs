//! JCEKS secret-key entries: the narrow, bounded reader and writer of Java's serialized
//! `SealedObjectForKeyProtector` (never a general Java deserializer).
//!
//! A tag-3 entry holds one serialization stream: a `SealedObjectForKeyProtector` whose
//! `encryptedContent` is a second stream (a `SecretKeySpec`, or a `KeyRep` for DES, DESede
//! and PBE keys) encrypted with `PBEWithMD5AndTripleDES` (jks-jceks.md §6).

mod serial;

use alloc::{string::String, vec::Vec};
use keystore_model::{Error, Limits, Malformed, Password, SecretKey, StoreFormat};
use keystore_pbe::jce;
use zeroize::Zeroizing;

use self::serial::{AllowedClass, Object, Value};
use crate::cursor::Cursor;

/// The only sealing and parameter algorithm JCEKS uses.
const PBE_ALGORITHM: &str = "PBEWithMD5AndTripleDES";

/// Parses the outer stream starting at `cur` (magic, allowed classes, bounded arrays) and
/// leaves the cursor after it. Used by the decoder to find where a tag-3 entry ends.
pub(crate) fn skip_stream(cur: &mut Cursor<'_>) -> Result<(), Error> {
    let object = serial::parse_stream(cur, serial::OUTER_CLASSES)?;
    check_chain(
        cur,
        0,
        &object,
        &[
            serial::SEALED_OBJECT_FOR_KEY_PROTECTOR,
            serial::SEALED_OBJECT,
        ],
    )
}

/// Checks the class chain of the top-level object (most derived first).
fn check_chain(
    cur: &Cursor<'_>,
    at: usize,
    object: &Object<'_>,
    expected: &[AllowedClass],
) -> Result<(), Error> {
    if object
        .classes
        .iter()
        .copied()
        .eq(expected.iter().map(|c| c.name))
    {
        Ok(())
    } else {
        Err(cur.error_at(
            at,
            Malformed::BadSerializedObject("unexpected class hierarchy"),
        ))
    }
}

fn bytes_field<'a>(
    cur: &Cursor<'_>,
    object: &Object<'a>,
    name: &'static str,
) -> Result<&'a [u8], Error> {
    match object.field(name) {
        Some(Value::Bytes(b)) => Ok(b),
        _ => Err(cur.error_at(0, Malformed::BadSerializedObject(name))),
    }
}

fn string_field<'o>(
    cur: &Cursor<'_>,
    object: &'o Object<'_>,
    name: &'static str,
) -> Result<&'o str, Error> {
    match object.field(name) {
        Some(Value::Str(s)) => Ok(s),
        _ => Err(cur.error_at(0, Malformed::BadSerializedObject(name))),
    }
}

/// Unseals a JCEKS secret key (the stored serialization stream) with the key password.
///
/// The stream must be exactly one `SealedObjectForKeyProtector` whose algorithms are
/// `PBEWithMD5AndTripleDES`; the iteration count is checked against `limits` before any key
/// derivation. The decrypted stream must hold a `SecretKeySpec` or a `KeyRep` of type `SECRET`
/// and format `RAW` (Java's `jceks.key.serialFilter`).
///
/// # Errors
/// `KeyDecryptionFailed` (wrong password or corrupt ciphertext: never says which),
/// `Malformed` (bad stream, outside or inside the encryption), `UnsupportedAlgorithm` (another
/// sealing algorithm), `LimitExceeded` (iteration count).
pub fn unseal(sealed: &[u8], password: &Password, limits: &Limits) -> Result<SecretKey, Error> {
    let mut cur = Cursor::new(sealed, 0, StoreFormat::Jceks);
    let object = serial::parse_stream(&mut cur, serial::OUTER_CLASSES)?;
    check_chain(
        &cur,
        0,
        &object,
        &[
            serial::SEALED_OBJECT_FOR_KEY_PROTECTOR,
            serial::SEALED_OBJECT,
        ],
    )?;
    if !cur.is_empty() {
        return Err(cur.error(Malformed::Other("trailing bytes after the sealed object")));
    }
    for name in ["sealAlg", "paramsAlg"] {
        let alg = match object.field(name) {
            Some(Value::Str(s)) => s.as_str(),
            _ => {
                return Err(cur.error_at(
                    0,
                    Malformed::BadSerializedObject("missing sealing algorithm"),
                ));
            }
        };
        if alg != PBE_ALGORITHM {
            return Err(Error::UnsupportedAlgorithm {
                oid: String::from(alg),
            });
        }
    }
    let params = jce::Params::from_der(bytes_field(&cur, &object, "encodedParams")?)
        .map_err(|_| cur.error_at(0, Malformed::BadSerializedObject("encodedParams")))?;
    let ciphertext = bytes_field(&cur, &object, "encryptedContent")?;
    let plain = jce::decrypt(
        ciphertext,
        password,
        &params.salt,
        params.iterations,
        limits.max_iterations,
    )
    .map_err(Error::from_pbe)?;
    // Bad padding is the usual wrong-password signal; padding that is valid by chance gives
    // random bytes, which will not start with the stream magic.
    if !plain.starts_with(&serial::STREAM_MAGIC) {
        return Err(Error::KeyDecryptionFailed);
    }
    inner_key(&plain)
}

/// Reads the decrypted `SecretKeySpec` / `KeyRep` stream. Offsets in errors are relative to
/// the decrypted plaintext.
fn inner_key(plain: &[u8]) -> Result<SecretKey, Error> {
    let mut cur = Cursor::new(plain, 0, StoreFormat::Jceks);
    let object = serial::parse_stream(&mut cur, serial::INNER_CLASSES)?;
    if !cur.is_empty() {
        return Err(cur.error(Malformed::Other("trailing bytes after the sealed key")));
    }
    let bad = |what| cur.error_at(0, Malformed::BadSerializedObject(what));
    let (algorithm, key) = match object.classes.as_slice() {
        [name] if *name == serial::SECRET_KEY_SPEC.name => (
            string_field(&cur, &object, "algorithm")?,
            bytes_field(&cur, &object, "key")?,
        ),
        [name] if *name == serial::KEY_REP.name => {
            match object.field("type") {
                Some(Value::Enum { class, constant })
                    if *class == serial::KEY_REP_TYPE.name && constant == "SECRET" => {}
                _ => return Err(bad("KeyRep is not of type SECRET")),
            }
            if string_field(&cur, &object, "format")? != "RAW" {
                return Err(bad("KeyRep format is not RAW"));
            }
            (
                string_field(&cur, &object, "algorithm")?,
                bytes_field(&cur, &object, "encoded")?,
            )
        }
        _ => return Err(bad("not a SecretKeySpec or KeyRep")),
    };
    Ok(SecretKey::new(algorithm, Zeroizing::new(key.to_vec())))
}

/// Whether Java serializes a key of this algorithm as a `KeyRep` (SunJCE's DES, DESede and
/// PBE key classes replace themselves with one) rather than a `SecretKeySpec`.
fn java_writes_key_rep(algorithm: &str) -> bool {
    let starts = |prefix: &str| {
        algorithm
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    algorithm.eq_ignore_ascii_case("DES")
        || algorithm.eq_ignore_ascii_case("DESede")
        || algorithm.eq_ignore_ascii_case("TripleDES")
        || starts("PBE")
        || starts("PBKDF2")
}

/// The inner stream: `SecretKeySpec{algorithm, key}` (§6.3).
fn secret_key_spec_stream(key: &SecretKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut out = Zeroizing::new(Vec::with_capacity(160 + key.secret_bytes().len()));
    serial::write_object_start(&mut out);
    serial::write_class_header(&mut out, &serial::SECRET_KEY_SPEC, 2)?; // h0
    serial::write_field(&mut out, b'L', "algorithm", "Ljava/lang/String;")?; // h1
    serial::write_field(&mut out, b'[', "key", "[B")?; // h2
    serial::write_end_no_super(&mut out); // object h3
    serial::write_string(&mut out, key.algorithm())?; // h4
    serial::write_byte_array_new_class(&mut out, key.secret_bytes())?; // h5, h6
    Ok(out)
}

/// The inner stream: `KeyRep{type SECRET, algorithm, format RAW, encoded}` (§6.3).
fn key_rep_stream(key: &SecretKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut out = Zeroizing::new(Vec::with_capacity(300 + key.secret_bytes().len()));
    serial::write_object_start(&mut out);
    serial::write_class_header(&mut out, &serial::KEY_REP, 4)?; // h0
    serial::write_field(&mut out, b'L', "algorithm", "Ljava/lang/String;")?; // h1
    serial::write_field(&mut out, b'[', "encoded", "[B")?; // h2
    serial::write_field_ref(&mut out, b'L', "format", 1)?;
    serial::write_field(&mut out, b'L', "type", "Ljava/security/KeyRep$Type;")?; // h3
    serial::write_end_no_super(&mut out); // object h4
    serial::write_string(&mut out, key.algorithm())?; // h5
    serial::write_byte_array_new_class(&mut out, key.secret_bytes())?; // h6, h7
    serial::write_string(&mut out, "RAW")?; // h8
    serial::write_enum(&mut out, &serial::KEY_REP_TYPE, "SECRET")?; // h9..h12
    Ok(out)
}

/// Seals a secret key as JCEKS does: `SecretKeySpec`, or `KeyRep` for DES/DESede/TripleDES and
/// `PBE*`/`PBKDF2*` algorithms; encrypted with `PBEWithMD5AndTripleDES`; wrapped in a
/// `SealedObjectForKeyProtector`. The result is the stored tag-3 payload.
///
/// `salt` must be 8 fresh random bytes; Java uses [`jce::DEFAULT_ITERATIONS`].
///
/// # Security
/// ⚠️ MD5 and 3DES: use only to write files keytool must read. JDK 17 cannot unseal keys whose
/// password is not ASCII.
///
/// # Errors
/// `Password` for a weak salt or an iteration count outside 1..=5,000,000; `Unencodable` for an
/// algorithm name over 65535 bytes of modified UTF-8.
pub fn seal(
    key: &SecretKey,
    password: &Password,
    salt: &[u8; 8],
    iterations: u32,
) -> Result<Vec<u8>, Error> {
    let inner = if java_writes_key_rep(key.algorithm()) {
        key_rep_stream(key)?
    } else {
        secret_key_spec_stream(key)?
    };
    let ciphertext = jce::encrypt(&inner, password, salt, iterations).map_err(Error::Password)?;
    let params = jce::Params {
        salt: *salt,
        iterations,
    }
    .to_der();

    let mut out = Vec::with_capacity(240 + ciphertext.len());
    serial::write_object_start(&mut out);
    serial::write_class_header(&mut out, &serial::SEALED_OBJECT_FOR_KEY_PROTECTOR, 0)?; // h0
    serial::write_end(&mut out);
    serial::write_class_header(&mut out, &serial::SEALED_OBJECT, 4)?; // h1
    serial::write_field(&mut out, b'[', "encodedParams", "[B")?; // h2
    serial::write_field_ref(&mut out, b'[', "encryptedContent", 2)?;
    serial::write_field(&mut out, b'L', "paramsAlg", "Ljava/lang/String;")?; // h3
    serial::write_field_ref(&mut out, b'L', "sealAlg", 3)?;
    serial::write_end_no_super(&mut out); // object h4
    serial::write_byte_array_new_class(&mut out, &params)?; // h5, h6
    serial::write_byte_array_ref_class(&mut out, 5, &ciphertext)?; // h7
    serial::write_string(&mut out, PBE_ALGORITHM)?; // h8
    serial::write_string(&mut out, PBE_ALGORITHM)?; // h9
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// jks-jceks.md §6.3, SecretKeySpec AES `000102…0f`.
    const AES_INNER: [u8; 141] = hex!(
        "aced00057372001f6a617661782e63727970746f2e737065632e5365637265744b6579537065635b470b66e230614d"
        "0200024c0009616c676f726974686d7400124c6a6176612f6c616e672f537472696e673b5b00036b65797400025b42"
        "7870740003414553757200025b42acf317f8060854e0020000787000000010000102030405060708090a0b0c0d0e0f"
    );
    /// jks-jceks.md §6.3, KeyRep DESede.
    const DESEDE_INNER: [u8; 282] = hex!(
        "aced0005737200146a6176612e73656375726974792e4b6579526570bdf94fb3889aa5430200044c0009616c676f"
        "726974686d7400124c6a6176612f6c616e672f537472696e673b5b0007656e636f6465647400025b424c0006666f72"
        "6d617471007e00014c00047479706574001b4c6a6176612f73656375726974792f4b657952657024547970653b7870"
        "740006444553656465757200025b42acf317f8060854e00200007870000000180123456789abcdeffedcba9876543210"
        "89abcdef012345677400035241577e7200196a6176612e73656375726974792e4b6579526570245479706500000000"
        "000000001200007872000e6a6176612e6c616e672e456e756d00000000000000001200007870740006534543524554"
    );

    fn aes() -> SecretKey {
        SecretKey::new(
            "AES",
            Zeroizing::new(hex!("000102030405060708090a0b0c0d0e0f").to_vec()),
        )
    }

    fn desede() -> SecretKey {
        SecretKey::new(
            "DESede",
            Zeroizing::new(hex!("0123456789abcdeffedcba987654321089abcdef01234567").to_vec()),
        )
    }

    #[test]
    fn inner_streams_match_spec() {
        assert_eq!(&secret_key_spec_stream(&aes()).unwrap()[..], &AES_INNER[..]);
        assert_eq!(&key_rep_stream(&desede()).unwrap()[..], &DESEDE_INNER[..]);
        assert_eq!(inner_key(&AES_INNER).unwrap(), aes());
        assert_eq!(inner_key(&DESEDE_INNER).unwrap(), desede());
    }

    #[test]
    fn key_rep_choice() {
        for alg in [
            "DES",
            "DESede",
            "desede",
            "PBEWithMD5AndDES",
            "PBKDF2WithHmacSHA1",
        ] {
            assert!(java_writes_key_rep(alg), "{alg}");
        }
        for alg in ["AES", "HmacSHA256", "Blowfish", "", "PB"] {
            assert!(!java_writes_key_rep(alg), "{alg}");
        }
    }

    #[test]
    fn sealed_sizes_and_round_trip() {
        let pw = Password::new("keypass1");
        let salt = hex!("0102030405060708");
        let limits = Limits::DEFAULT;
        // §6.2: 449 bytes for AES-128, 593 for DESede, 473 for HmacSHA256 at 200000 iterations;
        // 3 iterations encode the INTEGER in 1 byte instead of 3.
        assert_eq!(
            seal(&aes(), &pw, &salt, jce::DEFAULT_ITERATIONS)
                .unwrap()
                .len(),
            449
        );
        let sealed = seal(&aes(), &pw, &salt, 3).unwrap();
        assert_eq!(sealed.len(), 447);
        assert_eq!(unseal(&sealed, &pw, &limits).unwrap(), aes());
        let sealed_des = seal(&desede(), &pw, &salt, 3).unwrap();
        assert_eq!(sealed_des.len(), 591);
        assert_eq!(unseal(&sealed_des, &pw, &limits).unwrap(), desede());
        let hmac = SecretKey::new("HmacSHA256", Zeroizing::new([7u8; 32].to_vec()));
        assert_eq!(seal(&hmac, &pw, &salt, 3).unwrap().len(), 471);

        assert_eq!(
            unseal(&sealed, &Password::new("keypass2"), &limits),
            Err(Error::KeyDecryptionFailed)
        );
        let mut strict = Limits::DEFAULT;
        strict.max_iterations = 2;
        assert!(matches!(
            unseal(&sealed, &pw, &strict),
            Err(Error::LimitExceeded {
                found: 3,
                limit: 2,
                ..
            })
        ));
    }

    #[test]
    fn rejects_other_classes_and_shapes() {
        let pw = Password::new("keypass1");
        let salt = hex!("0102030405060708");
        let sealed = seal(&aes(), &pw, &salt, 1).unwrap();
        let limits = Limits::DEFAULT;

        // Wrong SUID on the outer class.
        let mut bad = sealed.clone();
        if let Some(b) = bad.get_mut(60) {
            *b ^= 1;
        }
        assert!(matches!(
            unseal(&bad, &pw, &limits),
            Err(Error::Malformed { .. })
        ));
        // Another class name of the same length.
        let mut other = sealed.clone();
        if let Some(b) = other.get_mut(10) {
            *b = b'X';
        }
        assert!(matches!(
            unseal(&other, &pw, &limits),
            Err(Error::Malformed {
                what: Malformed::BadSerializedObject(_),
                offset: 6,
                ..
            })
        ));
        // Trailing bytes.
        let mut trailing = sealed.clone();
        trailing.push(0x70);
        assert!(matches!(
            unseal(&trailing, &pw, &limits),
            Err(Error::Malformed { .. })
        ));
        // Every truncation is an error.
        for n in 0..sealed.len() {
            assert!(unseal(&sealed[..n], &pw, &limits).is_err());
        }

        // Inner stream: a class outside the filter, sealed properly.
        let mut evil = AES_INNER.to_vec();
        if let Some(b) = evil.get_mut(20) {
            *b = b'X';
        }
        let sealed_evil = seal_raw(&evil, &pw, &salt);
        assert!(matches!(
            unseal(&sealed_evil, &pw, &limits),
            Err(Error::Malformed {
                what: Malformed::BadSerializedObject(_),
                ..
            })
        ));
        // Not a stream at all after decryption: as a wrong password.
        let sealed_junk = seal_raw(b"0123456789", &pw, &salt);
        assert_eq!(
            unseal(&sealed_junk, &pw, &limits),
            Err(Error::KeyDecryptionFailed)
        );
    }

    /// Seals arbitrary plaintext in the outer template (for negative tests).
    fn seal_raw(inner: &[u8], pw: &Password, salt: &[u8; 8]) -> Vec<u8> {
        let template = seal(&aes(), pw, salt, 1).unwrap();
        let ct = jce::encrypt(inner, pw, salt, 1).unwrap();
        // Template: ... 75 71 00 7e 00 05 <len> <ct> 74 ... ; rebuild around the new ciphertext.
        let marker = hex!("7571007e0005");
        let at = template.windows(6).position(|w| w == marker).unwrap() + 6;
        let old_len =
            usize::try_from(u32::from_be_bytes(template[at..at + 4].try_into().unwrap())).unwrap();
        let mut out = template[..at].to_vec();
        out.extend_from_slice(&i32::try_from(ct.len()).unwrap().to_be_bytes());
        out.extend_from_slice(&ct);
        out.extend_from_slice(&template[at + 4 + old_len..]);
        out
    }

    #[test]
    fn key_rep_must_be_secret_raw() {
        let mut public = DESEDE_INNER.to_vec();
        let n = public.len();
        public.splice(n - 6.., *b"PUBLIC");
        assert!(matches!(inner_key(&public), Err(Error::Malformed { .. })));
        let mut x509 = DESEDE_INNER.to_vec();
        let at = x509.windows(3).position(|w| w == b"RAW").unwrap();
        x509.splice(at..at + 3, *b"X.5");
        assert!(matches!(inner_key(&x509), Err(Error::Malformed { .. })));
    }
}
