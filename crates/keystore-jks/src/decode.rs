//! Bytes → entries (jks-jceks.md §2).

use alloc::vec::Vec;
use keystore_model::{
    Alias, CertificateDer, Entries, Entry, Error, Limits, Malformed, Password, PrivateKeyEntry,
    ProtectedKey, ProtectedSecret, SecretKeyEntry, StoreFormat, Timestamp, TrustedCertEntry,
};

use crate::{Decoded, JCEKS_MAGIC, JKS_MAGIC, cursor::Cursor, sealed};

/// The only certificate type Java can read back.
const X509: &str = "X.509";
/// Length of the trailing SHA-1 digest.
const DIGEST_LEN: usize = 20;

/// Decodes a JKS or JCEKS file (either magic).
///
/// With `Some(password)` the integrity digest is verified before anything is returned; with
/// `None` nothing is verified and the digest need not be present (keytool's unverified mode).
/// Bytes after the digest are ignored, as Java ignores them.
///
/// Entries keep file order, stored aliases (not folded), creation dates and duplicates.
/// Certificates and protected keys are kept as the exact bytes stored (nothing is parsed or
/// decrypted); a JCEKS secret-key entry keeps its whole serialization stream, which is parsed
/// (narrowly, with Java's class allow-list) only to find where it ends.
///
/// Modified UTF-8 aliases are read as Java reads them, except that a lone surrogate half is
/// rejected (`BadModifiedUtf8`): a Rust `String` cannot hold it.
///
/// # Errors
/// `Malformed` (with the byte offset) for bad magic, truncation, negative or overlong lengths,
/// bad modified UTF-8, unknown entry tags (tag 3 in a `FEEDFEED` file included), certificate
/// types other than `X.509` and bad secret-key streams; `UnsupportedVersion` for versions other
/// than 1 and 2; `LimitExceeded` for input size, entry count or chain length over `limits`;
/// `IntegrityCheckFailed` for a wrong password or tampered data.
pub fn decode(
    bytes: &[u8],
    password: Option<&Password>,
    limits: &Limits,
) -> Result<Decoded, Error> {
    limits.check_input_len(bytes.len())?;
    let format = detect(bytes)?;
    let mut cur = Cursor::new(bytes, 0, format);
    cur.u32()?;
    let version = cur.u32()?;
    if version != 1 && version != 2 {
        return Err(Error::UnsupportedVersion { format, version });
    }
    let count = cur.count_i32()?;
    if count > limits.max_entries {
        return Err(Error::LimitExceeded {
            what: "entry count",
            found: u64::from(count),
            limit: u64::from(limits.max_entries),
        });
    }

    // No allocation from `count`: every entry consumes at least 14 bytes of input.
    let mut entries = Entries::new();
    for _ in 0..count {
        let (alias, entry) = read_entry(&mut cur, version, limits)?;
        entries.push_raw(alias, entry);
    }

    if let Some(password) = password {
        let body_len = cur.pos();
        let digest = cur.take(DIGEST_LEN)?;
        let body = bytes
            .get(..body_len)
            .ok_or_else(|| cur.error(Malformed::Truncated))?;
        if !keystore_pbe::jks::verify_store_digest(password, body, digest) {
            return Err(Error::IntegrityCheckFailed);
        }
    }
    Ok(Decoded {
        format,
        version,
        entries,
    })
}

/// The format named by the magic number. Input too short to hold a magic is `Truncated` if it
/// could still be the start of one, else `BadMagic`.
fn detect(bytes: &[u8]) -> Result<StoreFormat, Error> {
    let bad = |what| Error::Malformed {
        format: StoreFormat::Jks,
        offset: 0,
        what,
    };
    match bytes.first_chunk::<4>().map(|m| u32::from_be_bytes(*m)) {
        Some(JKS_MAGIC) => Ok(StoreFormat::Jks),
        Some(JCEKS_MAGIC) => Ok(StoreFormat::Jceks),
        Some(_) => Err(bad(Malformed::BadMagic)),
        None if JKS_MAGIC.to_be_bytes().starts_with(bytes)
            || JCEKS_MAGIC.to_be_bytes().starts_with(bytes) =>
        {
            Err(Error::Malformed {
                format: StoreFormat::Jks,
                offset: bytes.len(),
                what: Malformed::Truncated,
            })
        }
        None => Err(bad(Malformed::BadMagic)),
    }
}

fn read_entry(
    cur: &mut Cursor<'_>,
    version: u32,
    limits: &Limits,
) -> Result<(Alias, Entry), Error> {
    let tag_at = cur.pos();
    let tag = cur.u32()?;
    if !(tag == 1 || tag == 2 || (tag == 3 && cur.format == StoreFormat::Jceks)) {
        return Err(cur.error_at(tag_at, Malformed::UnknownEntryTag(tag)));
    }
    let alias = Alias::new(cur.utf()?);
    let created = Some(Timestamp(cur.i64()?));
    let entry = match tag {
        1 => {
            let key = ProtectedKey::from_der(cur.bytes_i32()?.to_vec());
            let chain_len = cur.count_i32()?;
            if chain_len > limits.max_chain_len {
                return Err(Error::LimitExceeded {
                    what: "certificate chain length",
                    found: u64::from(chain_len),
                    limit: u64::from(limits.max_chain_len),
                });
            }
            // Grows one certificate at a time; each consumes input.
            let mut chain = Vec::new();
            for _ in 0..chain_len {
                chain.push(read_cert(cur, version)?);
            }
            Entry::PrivateKey(PrivateKeyEntry::new(created, key, chain))
        }
        2 => Entry::TrustedCert(TrustedCertEntry::new(created, read_cert(cur, version)?)),
        _ => {
            let start = cur.pos();
            sealed::skip_stream(cur)?;
            let stream = cur.consumed_since(start);
            Entry::SecretKey(SecretKeyEntry::new(
                created,
                ProtectedSecret::JceSealed(stream.to_vec()),
            ))
        }
    };
    Ok((alias, entry))
}

fn read_cert(cur: &mut Cursor<'_>, version: u32) -> Result<CertificateDer, Error> {
    if version == 2 {
        let type_at = cur.pos();
        let cert_type = cur.utf()?;
        if cert_type != X509 {
            return Err(cur.error_at(type_at, Malformed::UnsupportedCertType(cert_type)));
        }
    }
    Ok(CertificateDer::new(cur.bytes_i32()?.to_vec()))
}
