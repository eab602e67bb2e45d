//! Entries → bytes (jks-jceks.md §2), exactly as `KeyStore.store()` lays them out.

use alloc::{string::ToString, vec::Vec};
use keystore_model::{Entries, Entry, Error, Password, ProtectedKey, ProtectedSecret, StoreFormat};
use keystore_pbe::{jce, jks};

use crate::{JCEKS_MAGIC, JKS_MAGIC, cursor::Cursor, mutf8, sealed};

/// Encodes entries as a JKS or JCEKS file of the given version (1 or 2; Java writes 2).
///
/// Entries are written in their order in `entries`, with their stored aliases (no folding),
/// so decoding a file and encoding it again with the same password gives the same bytes.
/// An entry without a creation date (`created: None`, e.g. converted from PKCS#12) is written
/// with date 0 (1970-01-01T00:00:00Z); callers that want Java's behaviour set the current time.
/// Version 1 files carry no certificate-type strings.
///
/// JKS holds only JKS-protected keys and certificates. JCEKS also holds secret keys and keys
/// protected by either the JKS protector or `PBEWithMD5AndTripleDES` (Java keeps JKS-protected
/// keys when a JKS file is opened as JCEKS).
///
/// # Security
/// ⚠️ The store digest is a salted SHA-1 and the key protections are legacy; see
/// [`keystore_pbe::jks`] and [`keystore_pbe::jce`].
///
/// # Errors
/// `EntryNotSupported` (secret key in JKS), `UnsupportedAlgorithm` (a key entry protected by a
/// scheme the format cannot hold, e.g. a JCE-protected key in JKS), `Unencodable` (alias over
/// 65535 bytes of modified UTF-8, a key that is not a DER `EncryptedPrivateKeyInfo`, a sealed
/// secret that is not one complete `SealedObjectForKeyProtector` stream, a length over 2^31-1),
/// `UnsupportedVersion` (version other than 1 or 2), `ApiMisuse` (a format other than JKS/JCEKS).
pub fn encode(
    entries: &Entries,
    format: StoreFormat,
    version: u32,
    password: &Password,
) -> Result<Vec<u8>, Error> {
    let magic = match format {
        StoreFormat::Jks => JKS_MAGIC,
        StoreFormat::Jceks => JCEKS_MAGIC,
        _ => return Err(Error::ApiMisuse("keystore-jks encodes only JKS and JCEKS")),
    };
    if version != 1 && version != 2 {
        return Err(Error::UnsupportedVersion { format, version });
    }
    let count =
        i32::try_from(entries.len()).map_err(|_| Error::Unencodable("more than 2^31-1 entries"))?;

    let mut out = Vec::new();
    out.extend_from_slice(&magic.to_be_bytes());
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    for (alias, entry) in entries {
        match entry {
            Entry::PrivateKey(e) => {
                check_key_protection(&e.key, format)?;
                header(&mut out, 1, alias.as_str(), e.created.map_or(0, |t| t.0))?;
                bytes_i32(&mut out, e.key.as_der())?;
                let chain_len = i32::try_from(e.chain.len())
                    .map_err(|_| Error::Unencodable("chain too long"))?;
                out.extend_from_slice(&chain_len.to_be_bytes());
                for cert in &e.chain {
                    write_cert(&mut out, version, cert.as_bytes())?;
                }
            }
            Entry::TrustedCert(e) => {
                header(&mut out, 2, alias.as_str(), e.created.map_or(0, |t| t.0))?;
                write_cert(&mut out, version, e.cert.as_bytes())?;
            }
            Entry::SecretKey(e) if format == StoreFormat::Jceks => {
                let stream = match &e.key {
                    ProtectedSecret::JceSealed(stream) => stream,
                    _ => {
                        return Err(Error::UnsupportedAlgorithm {
                            oid: "non-JCEKS sealed secret key".to_string(),
                        });
                    }
                };
                check_sealed(stream)?;
                header(&mut out, 3, alias.as_str(), e.created.map_or(0, |t| t.0))?;
                out.extend_from_slice(stream);
            }
            other => {
                return Err(Error::EntryNotSupported {
                    format,
                    kind: other.kind(),
                });
            }
        }
    }
    let digest = jks::store_digest(password, &out);
    out.extend_from_slice(&digest);
    Ok(out)
}

/// JKS: only the JKS protector. JCEKS: the JKS protector or PBEWithMD5AndTripleDES.
fn check_key_protection(key: &ProtectedKey, format: StoreFormat) -> Result<(), Error> {
    let oid = keystore_pbe::protection_algorithm(key.as_der())
        .map_err(|_| Error::Unencodable("private key is not a DER EncryptedPrivateKeyInfo"))?
        .to_string();
    let ok = oid == jks::KEY_PROTECTOR_OID
        || (format == StoreFormat::Jceks && oid == jce::PBE_MD5_TRIPLE_DES_OID);
    if ok {
        Ok(())
    } else {
        Err(Error::UnsupportedAlgorithm { oid })
    }
}

/// A tag-3 payload must be exactly one outer stream, or Java could not read the file back.
fn check_sealed(stream: &[u8]) -> Result<(), Error> {
    let mut cur = Cursor::new(stream, 0, StoreFormat::Jceks);
    match sealed::skip_stream(&mut cur) {
        Ok(()) if cur.is_empty() => Ok(()),
        _ => Err(Error::Unencodable(
            "sealed secret key is not one SealedObjectForKeyProtector stream",
        )),
    }
}

/// Tag, alias and creation date.
fn header(out: &mut Vec<u8>, tag: u32, alias: &str, created: i64) -> Result<(), Error> {
    out.extend_from_slice(&tag.to_be_bytes());
    utf(out, alias)?;
    out.extend_from_slice(&created.to_be_bytes());
    Ok(())
}

fn write_cert(out: &mut Vec<u8>, version: u32, der: &[u8]) -> Result<(), Error> {
    if version == 2 {
        utf(out, "X.509")?;
    }
    bytes_i32(out, der)
}

/// `writeUTF`: u16 length and modified UTF-8, at most 65535 bytes.
fn utf(out: &mut Vec<u8>, s: &str) -> Result<(), Error> {
    let len = u16::try_from(mutf8::encoded_len(s))
        .map_err(|_| Error::Unencodable("alias longer than 65535 bytes of modified UTF-8"))?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&mutf8::encode(s));
    Ok(())
}

fn bytes_i32(out: &mut Vec<u8>, bytes: &[u8]) -> Result<(), Error> {
    let len =
        i32::try_from(bytes.len()).map_err(|_| Error::Unencodable("length over 2^31-1 bytes"))?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}
