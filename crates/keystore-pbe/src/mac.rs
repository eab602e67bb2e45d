//! The PKCS#12 integrity MAC: `MacData` with the classic PKCS#12 MAC (RFC 7292 Appendix B:
//! HMAC keyed by the PKCS#12 KDF, password as BMPString) or PBMAC1 (RFC 9579: HMAC keyed by
//! PBKDF2, password as UTF-8).
//!
//! ```text
//! MacData ::= SEQUENCE {
//!     mac        DigestInfo { AlgorithmIdentifier, digest OCTET STRING },
//!     macSalt    OCTET STRING,          -- PBMAC1: ignored (Java writes "NOT USED")
//!     iterations INTEGER DEFAULT 1 }    -- PBMAC1: ignored
//! ```
//!
//! MAC values are compared in constant time (`hmac::Mac::verify_slice`).

use alloc::{string::ToString, vec::Vec};
use der::{
    Decode, Reader, SliceReader,
    asn1::{ObjectIdentifier, OctetStringRef},
};
use hmac::{KeyInit, Mac};
use zeroize::Zeroizing;

use crate::{
    Error, HashAlgorithm, Password, check_iterations, epki,
    pbes2::{Pbkdf2Fields, encode_pbkdf2, parse_pbkdf2_algorithm, pbkdf2_raw},
    pkcs12_kdf::{ID_MAC, derive_raw},
};

/// PBMAC1, 1.2.840.113549.1.5.14.
pub const PBMAC1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");

/// What Java writes as the (ignored) `macSalt` of a PBMAC1 `MacData`.
pub const PBMAC1_UNUSED_SALT: &[u8] = b"NOT USED";

/// PBMAC1 parameters (RFC 9579): PBKDF2 (PRF, salt, iterations, key length) and the HMAC.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Pbmac1Params {
    /// The PBKDF2 PRF.
    pub prf: HashAlgorithm,
    /// The PBKDF2 salt.
    pub salt: Vec<u8>,
    /// The PBKDF2 iteration count.
    pub iterations: u32,
    /// The PBKDF2 key length (the HMAC key length).
    pub key_length: u32,
    /// The message authentication scheme: HMAC with this hash.
    pub mac: HashAlgorithm,
}

impl Pbmac1Params {
    /// PBKDF2-HMAC-`hash` and HMAC-`hash` with a key as long as the hash output, as Java
    /// mainline and OpenSSL 3.4 write it. Draw `salt` fresh every time.
    #[must_use]
    pub fn new(hash: HashAlgorithm, salt: &[u8], iterations: u32) -> Self {
        Self {
            prf: hash,
            salt: salt.to_vec(),
            iterations,
            key_length: u32::try_from(hash.output_len()).unwrap_or(32),
            mac: hash,
        }
    }
}

/// The MAC algorithm of a `MacData`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MacAlgorithm {
    /// The classic PKCS#12 MAC (Java `HmacPBESHA256`, …): HMAC with this hash, keyed by the
    /// PKCS#12 KDF (ID 3) over `macSalt` and `iterations`.
    Pkcs12(HashAlgorithm),
    /// PBMAC1 (RFC 9579). JDK ≤ 25 and OpenSSL < 3.4 cannot verify it.
    Pbmac1(Pbmac1Params),
}

/// A parsed PKCS#12 `MacData`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MacData {
    /// The MAC algorithm.
    pub algorithm: MacAlgorithm,
    /// The MAC value.
    pub mac: Vec<u8>,
    /// `macSalt` (ignored by PBMAC1).
    pub salt: Vec<u8>,
    /// `iterations` (ignored by PBMAC1).
    pub iterations: u32,
}

fn bad() -> Error {
    Error::Malformed("bad MacData")
}

fn hmac_verify(hash: HashAlgorithm, key: &[u8], data: &[u8], expected: &[u8]) -> bool {
    with_hash!(hash, D => {
        let Ok(mut m) = <hmac::Hmac<D> as KeyInit>::new_from_slice(key) else {
            return false;
        };
        m.update(data);
        m.verify_slice(expected).is_ok()
    })
}

fn hmac_compute(hash: HashAlgorithm, key: &[u8], data: &[u8]) -> Result<Vec<u8>, Error> {
    with_hash!(hash, D => {
        let mut m = <hmac::Hmac<D> as KeyInit>::new_from_slice(key)
            .map_err(|_| Error::Malformed("HMAC key length"))?;
        m.update(data);
        Ok(m.finalize().into_bytes().to_vec())
    })
}

impl MacAlgorithm {
    fn parse(alg: &[u8]) -> Result<Self, Error> {
        let (oid, params) = epki::split_algorithm(alg)?;
        if let Some(hash) = HashAlgorithm::from_oid(&oid) {
            if params.is_some_and(|p| p != [0x05, 0x00]) {
                return Err(Error::Malformed("MAC digest parameters are not NULL"));
            }
            return Ok(Self::Pkcs12(hash));
        }
        if oid != PBMAC1_OID {
            return Err(Error::UnsupportedAlgorithm {
                oid: oid.to_string(),
            });
        }
        let params = params.ok_or_else(bad)?;
        let parse = || -> der::Result<(&[u8], &[u8])> {
            let mut reader = SliceReader::new(params)?;
            let out = reader.sequence(|r| Ok::<_, der::Error>((r.tlv_bytes()?, r.tlv_bytes()?)))?;
            reader.finish()?;
            Ok(out)
        };
        let (kdf, scheme) = parse().map_err(|_| Error::Malformed("bad PBMAC1 parameters"))?;
        let Pbkdf2Fields {
            salt,
            iterations,
            key_length,
            prf,
        } = parse_pbkdf2_algorithm(kdf, bad)?;
        let (mac_oid, mac_params) = epki::split_algorithm(scheme)?;
        if mac_params.is_some_and(|p| p != [0x05, 0x00]) {
            return Err(Error::Malformed("PBMAC1 MAC parameters are not NULL"));
        }
        let mac =
            HashAlgorithm::from_hmac_oid(&mac_oid).ok_or_else(|| Error::UnsupportedAlgorithm {
                oid: mac_oid.to_string(),
            })?;
        let default_len = u32::try_from(mac.output_len()).map_err(|_| bad())?;
        Ok(Self::Pbmac1(Pbmac1Params {
            prf,
            salt: salt.to_vec(),
            iterations,
            key_length: key_length.unwrap_or(default_len),
            mac,
        }))
    }

    fn to_der(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(96);
        match self {
            Self::Pkcs12(hash) => {
                epki::write_oid(&mut body, &hash.oid());
                body.extend_from_slice(&[0x05, 0x00]);
            }
            Self::Pbmac1(p) => {
                epki::write_oid(&mut body, &PBMAC1_OID);
                let mut params = encode_pbkdf2(&p.salt, p.iterations, Some(p.key_length), p.prf);
                let mut scheme = Vec::with_capacity(16);
                epki::write_oid(&mut scheme, &p.mac.hmac_oid());
                scheme.extend_from_slice(&[0x05, 0x00]);
                epki::write_tlv(&mut params, 0x30, &scheme);
                epki::write_tlv(&mut body, 0x30, &params);
            }
        }
        let mut out = Vec::with_capacity(body.len() + 4);
        epki::write_tlv(&mut out, 0x30, &body);
        out
    }
}

impl MacData {
    /// Parses a DER `MacData` (trailing bytes rejected).
    ///
    /// # Errors
    /// `Malformed` for bad DER, `UnsupportedAlgorithm` for an unknown digest or MAC.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let mut alg: &[u8] = &[];
        let mut parse = || -> der::Result<(Vec<u8>, Vec<u8>, u32)> {
            let mut reader = SliceReader::new(der)?;
            let out = reader.sequence(|r| {
                let mac = r.sequence(|r| {
                    alg = r.tlv_bytes()?;
                    Ok::<_, der::Error>(<&OctetStringRef>::decode(r)?.as_bytes().to_vec())
                })?;
                let salt = <&OctetStringRef>::decode(r)?.as_bytes().to_vec();
                let iterations = if r.is_finished() { 1 } else { u32::decode(r)? };
                Ok::<_, der::Error>((mac, salt, iterations))
            })?;
            reader.finish()?;
            Ok(out)
        };
        let (mac, salt, iterations) = parse().map_err(|_| bad())?;
        Ok(Self {
            algorithm: MacAlgorithm::parse(alg)?,
            mac,
            salt,
            iterations,
        })
    }

    /// The DER `MacData` (`iterations` omitted when 1, its DEFAULT).
    #[must_use]
    pub fn to_der(&self) -> Vec<u8> {
        let mut digest_info = self.algorithm.to_der();
        epki::write_tlv(&mut digest_info, 0x04, &self.mac);
        let mut body = Vec::with_capacity(digest_info.len() + self.salt.len() + 16);
        epki::write_tlv(&mut body, 0x30, &digest_info);
        epki::write_tlv(&mut body, 0x04, &self.salt);
        if self.iterations != 1 {
            epki::write_tlv(&mut body, 0x02, &epki::integer_content(self.iterations));
        }
        let mut out = Vec::with_capacity(body.len() + 4);
        epki::write_tlv(&mut out, 0x30, &body);
        out
    }

    /// The iteration count verification costs (PBMAC1: the PBKDF2 count).
    #[must_use]
    pub fn work_iterations(&self) -> u32 {
        match &self.algorithm {
            MacAlgorithm::Pkcs12(_) => self.iterations,
            MacAlgorithm::Pbmac1(p) => p.iterations,
        }
    }

    /// Computes the MAC of `data` (the content octets of the PFX `authSafe`).
    ///
    /// `salt` and `iterations` fill `macSalt` and `iterations`; for PBMAC1 they are not used
    /// (pass [`PBMAC1_UNUSED_SALT`] and 1, as Java does) and the parameters inside
    /// `algorithm` apply.
    ///
    /// # Errors
    /// `IterationCount` for zero iterations; `Malformed` for an unusable PBMAC1 key length.
    pub fn compute(
        algorithm: MacAlgorithm,
        salt: &[u8],
        iterations: u32,
        data: &[u8],
        password: &Password,
    ) -> Result<Self, Error> {
        let mac = match &algorithm {
            MacAlgorithm::Pkcs12(hash) => {
                check_iterations(iterations, u32::MAX)?;
                let mut key = Zeroizing::new(alloc::vec![0u8; hash.output_len()]);
                let pw = password.secret_bmp_terminated();
                derive_raw(*hash, ID_MAC, &pw, salt, iterations, &mut key);
                hmac_compute(*hash, &key, data)?
            }
            MacAlgorithm::Pbmac1(p) => {
                check_iterations(p.iterations, u32::MAX)?;
                let key = pbmac1_key(p, password)?;
                hmac_compute(p.mac, &key, data)?
            }
        };
        Ok(Self {
            algorithm,
            mac,
            salt: salt.to_vec(),
            iterations,
        })
    }

    /// Verifies the MAC over `data` in constant time. Returns `Ok(false)` for a wrong password
    /// or tampered data (indistinguishable by design).
    ///
    /// The classic MAC is tried with the password as RFC 7292 encodes it and, for the empty
    /// password, also with the empty byte string (OpenSSL's "no password", Java's `"\0"` retry).
    /// The iteration count is checked against `max_iterations` before any work.
    ///
    /// # Errors
    /// `IterationCount`; `Malformed` for an unusable PBMAC1 key length.
    pub fn verify(
        &self,
        data: &[u8],
        password: &Password,
        max_iterations: u32,
    ) -> Result<bool, Error> {
        check_iterations(self.work_iterations(), max_iterations)?;
        match &self.algorithm {
            MacAlgorithm::Pkcs12(hash) => {
                let mut candidates = alloc::vec![password.secret_bmp_terminated()];
                if password.is_empty() {
                    candidates.push(Zeroizing::new(Vec::new()));
                }
                let mut key = Zeroizing::new(alloc::vec![0u8; hash.output_len()]);
                for pw in &candidates {
                    derive_raw(*hash, ID_MAC, pw, &self.salt, self.iterations, &mut key);
                    if hmac_verify(*hash, &key, data, &self.mac) {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            MacAlgorithm::Pbmac1(p) => {
                let key = pbmac1_key(p, password)?;
                Ok(hmac_verify(p.mac, &key, data, &self.mac))
            }
        }
    }
}

/// Largest PBMAC1 key accepted (far above any HMAC block).
const MAX_PBMAC1_KEY: u32 = 1024;

fn pbmac1_key(p: &Pbmac1Params, password: &Password) -> Result<Zeroizing<Vec<u8>>, Error> {
    if p.key_length == 0 || p.key_length > MAX_PBMAC1_KEY {
        return Err(Error::Malformed("PBMAC1 key length out of range"));
    }
    let len = usize::try_from(p.key_length).map_err(|_| bad())?;
    let mut key = Zeroizing::new(alloc::vec![0u8; len]);
    pbkdf2_raw(
        p.prf,
        password.secret_utf8(),
        &p.salt,
        p.iterations,
        &mut key,
    );
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// pkcs12.md §8: the MacData of the JDK 17 test vector and its MAC key.
    #[test]
    fn jdk_mac_data_parses_and_round_trips() {
        let der = hex!(
            "304d3031300d060960864801650304020105000420"
            "1cfac398a6ba0d40631c615a327b0f512435b0e496578a82818531a7680af877"
            "0414" "1058112d076d1b6debc46118f5d5950b1c8dfbec"
            "02022710"
        );
        let m = MacData::from_der(&der).unwrap();
        assert_eq!(m.algorithm, MacAlgorithm::Pkcs12(HashAlgorithm::Sha256));
        assert_eq!(m.iterations, 10_000);
        assert_eq!(m.to_der(), der);
        let key = crate::pkcs12_kdf::secret_derive(
            HashAlgorithm::Sha256,
            ID_MAC,
            Some(&Password::new("changeit")),
            &m.salt,
            m.iterations,
            10_000,
            32,
        )
        .unwrap();
        assert_eq!(
            key[..],
            hex!("39164bd4829c4380812db67425a8de4f1c405339986856f88599ed974bf772af")
        );
    }

    #[test]
    fn compute_verify_both_kinds() {
        let pw = Password::new("changeit");
        let data = b"authenticated safe";
        for alg in [
            MacAlgorithm::Pkcs12(HashAlgorithm::Sha1),
            MacAlgorithm::Pkcs12(HashAlgorithm::Sha512),
            MacAlgorithm::Pbmac1(Pbmac1Params::new(HashAlgorithm::Sha256, &[1; 16], 3)),
            MacAlgorithm::Pbmac1(Pbmac1Params::new(HashAlgorithm::Sha512, &[1; 16], 3)),
        ] {
            let m = MacData::compute(alg, &[9; 20], 3, data, &pw).unwrap();
            let m = MacData::from_der(&m.to_der()).unwrap();
            assert!(m.verify(data, &pw, 3).unwrap());
            assert!(!m.verify(data, &Password::new("changeiT"), 3).unwrap());
            assert!(!m.verify(b"authenticated safe!", &pw, 3).unwrap());
            assert!(matches!(
                m.verify(data, &pw, 2),
                Err(Error::IterationCount { .. })
            ));
        }
    }

    /// pkcs12.md §2.7: PBMAC1 key vector and the PBMAC1 MacData layout.
    #[test]
    fn pbmac1_vector() {
        let p = Pbmac1Params::new(
            HashAlgorithm::Sha256,
            &hex!("000102030405060708090a0b0c0d0e0f"),
            2048,
        );
        let key = pbmac1_key(&p, &Password::new("changeit")).unwrap();
        assert_eq!(
            key[..],
            hex!("7118c2013a92d05c998b368cef37ed05e33897b089ee6ca54c0175c6e2d9f77b")
        );
        let m = MacData::compute(
            MacAlgorithm::Pbmac1(p),
            PBMAC1_UNUSED_SALT,
            1,
            b"x",
            &Password::new("changeit"),
        )
        .unwrap();
        let der = m.to_der();
        // No iterations field (DEFAULT 1); macSalt "NOT USED".
        assert!(der.ends_with(b"\x04\x08NOT USED"));
        assert_eq!(m.work_iterations(), 2048);
    }

    #[test]
    fn empty_password_variants() {
        let data = b"d";
        // OpenSSL's "no password": MAC keyed from the empty byte string.
        let mut key = [0u8; 20];
        derive_raw(HashAlgorithm::Sha1, ID_MAC, &[], &[1; 8], 1, &mut key);
        let mac = hmac_compute(HashAlgorithm::Sha1, &key, data).unwrap();
        let m = MacData {
            algorithm: MacAlgorithm::Pkcs12(HashAlgorithm::Sha1),
            mac,
            salt: alloc::vec![1; 8],
            iterations: 1,
        };
        assert!(m.verify(data, &Password::empty(), 1).unwrap());
        assert!(!m.verify(data, &Password::new("a"), 1).unwrap());
        // The standard "" (00 00).
        let m = MacData::compute(
            MacAlgorithm::Pkcs12(HashAlgorithm::Sha1),
            &[1; 8],
            1,
            data,
            &Password::empty(),
        )
        .unwrap();
        assert!(m.verify(data, &Password::empty(), 1).unwrap());
    }

    #[test]
    fn malformed_mac_data() {
        assert!(matches!(
            MacData::from_der(b"\x30\x00"),
            Err(Error::Malformed(_))
        ));
        // Unknown digest 1.2.3.4.
        let der = hex!("3012300b300706032a0304050004000400020101");
        assert_eq!(
            MacData::from_der(&der),
            Err(Error::UnsupportedAlgorithm {
                oid: "1.2.3.4".into()
            })
        );
    }
}
