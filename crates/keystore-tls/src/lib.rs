#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod asn1;
mod client;
mod error;
mod net;
pub mod rsa_order;
mod server;

use core::fmt;
use std::sync::{Arc, OnceLock};

use sha1::{Digest as _, Sha1};
use zeroize::Zeroizing;

pub use crate::{
    client::{DEFAULT_PORT, Presented, fetch_chain},
    error::Error,
    server::{DEFAULT_IO_TIMEOUT, Served, Server, ServerHandle},
};

/// Most certificates [`fetch_chain`] accepts from a server.
pub const MAX_CHAIN_CERTIFICATES: usize = 32;

/// A certificate chain (leaf first, DER) and the leaf's private key (PKCS#8 DER).
///
/// `Debug` shows the thumbprint and the chain length, never the key.
#[derive(Clone)]
pub struct Identity {
    /// The certificates, leaf first, each DER-encoded.
    pub chain: Vec<Vec<u8>>,
    /// The leaf's private key, a DER PKCS#8 PrivateKeyInfo; wiped from memory on drop.
    pub key_pkcs8: Zeroizing<Vec<u8>>,
}

impl Identity {
    /// An identity from a chain (leaf first) and the leaf's PKCS#8 key.
    #[must_use]
    pub fn new(chain: Vec<Vec<u8>>, key_pkcs8: Zeroizing<Vec<u8>>) -> Self {
        Self { chain, key_pkcs8 }
    }

    /// The leaf certificate, if the chain is not empty.
    #[must_use]
    pub fn leaf(&self) -> Option<&[u8]> {
        self.chain.first().map(Vec::as_slice)
    }

    /// The leaf's SHA-1 thumbprint ([`sha1_thumbprint`]), if the chain is not empty.
    #[must_use]
    pub fn thumbprint(&self) -> Option<String> {
        self.leaf().map(sha1_thumbprint)
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("certificates", &self.chain.len())
            .field("thumbprint", &self.thumbprint())
            .finish_non_exhaustive()
    }
}

/// The SHA-1 thumbprint of DER bytes as Windows and `certbind` write it: 40 upper-case hex
/// digits, no separators.
#[must_use]
pub fn sha1_thumbprint(der: &[u8]) -> String {
    Sha1::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// The crypto provider every connection uses: graviola (Rust with formally verified assembly
/// from s2n-bignum; no C, no ring, no aws-lc), with Ed25519 added to its TLS 1.2 ECDHE_ECDSA
/// suites (RFC 8422 allows it; graviola signs and verifies Ed25519 but lists it for TLS 1.3 only).
fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    static PROVIDER: OnceLock<Arc<rustls::crypto::CryptoProvider>> = OnceLock::new();
    Arc::clone(PROVIDER.get_or_init(|| {
        let mut provider = rustls_graviola::default_provider();
        for suite in &mut provider.cipher_suites {
            if let rustls::SupportedCipherSuite::Tls12(s) = *suite
                && let Some(with_ed25519) = with_ed25519(s)
            {
                *suite = rustls::SupportedCipherSuite::Tls12(with_ed25519);
            }
        }
        Arc::new(provider)
    }))
}

/// An ECDHE_ECDSA TLS 1.2 suite that also allows Ed25519 signatures; `None` for other suites.
/// Built once per process (the provider is cached), hence the leak.
fn with_ed25519(s: &'static rustls::Tls12CipherSuite) -> Option<&'static rustls::Tls12CipherSuite> {
    use rustls::SignatureScheme as S;
    const ECDSA_AND_ED25519: &[S] = &[
        S::ED25519,
        S::ECDSA_NISTP521_SHA512,
        S::ECDSA_NISTP384_SHA384,
        S::ECDSA_NISTP256_SHA256,
    ];
    let ecdsa = s.kx == rustls::crypto::KeyExchangeAlgorithm::ECDHE
        && s.sign.contains(&S::ECDSA_NISTP256_SHA256);
    if !ecdsa || s.sign.contains(&S::ED25519) {
        return None;
    }
    let suite = rustls::Tls12CipherSuite {
        common: rustls::CipherSuiteCommon {
            suite: s.common.suite,
            hash_provider: s.common.hash_provider,
            confidentiality_limit: s.common.confidentiality_limit,
        },
        prf_provider: s.prf_provider,
        kx: s.kx,
        sign: ECDSA_AND_ED25519,
        aead_alg: s.aead_alg,
    };
    Some(Box::leak(Box::new(suite)))
}

/// Refuses to go on when the CPU lacks what graviola needs (it would panic otherwise).
fn check_cpu() -> Result<(), Error> {
    let missing = missing_cpu_features();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::UnsupportedCpu(missing.join(", ")))
    }
}

/// graviola's requirements (its README and its own start-up check) that this CPU lacks.
#[cfg(target_arch = "x86_64")]
fn missing_cpu_features() -> Vec<&'static str> {
    use std::arch::is_x86_feature_detected as has;
    [
        ("aes", has!("aes")),
        ("pclmulqdq", has!("pclmulqdq")),
        ("ssse3", has!("ssse3")),
        ("avx", has!("avx")),
        ("avx2", has!("avx2")),
        ("bmi1", has!("bmi1")),
        ("bmi2", has!("bmi2")),
        ("adx", has!("adx")),
    ]
    .into_iter()
    .filter_map(|(name, present)| (!present).then_some(name))
    .collect()
}

/// graviola's requirements (its README and its own start-up check) that this CPU lacks.
#[cfg(target_arch = "aarch64")]
fn missing_cpu_features() -> Vec<&'static str> {
    use std::arch::is_aarch64_feature_detected as has;
    [
        ("neon", has!("neon")),
        ("aes", has!("aes")),
        ("pmull", has!("pmull")),
        ("sha2", has!("sha2")),
    ]
    .into_iter()
    .filter_map(|(name, present)| (!present).then_some(name))
    .collect()
}

/// graviola supports no other architecture (it does not build there).
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn missing_cpu_features() -> Vec<&'static str> {
    Vec::new()
}

/// The protocol versions offered and accepted: TLS 1.3 and TLS 1.2.
const VERSIONS: &[&rustls::SupportedProtocolVersion] =
    &[&rustls::version::TLS13, &rustls::version::TLS12];

/// `TLSv1.3`, `TLSv1.2`, as OpenSSL names them.
fn protocol_name(v: Option<rustls::ProtocolVersion>) -> String {
    match v {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3".to_owned(),
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2".to_owned(),
        Some(other) => format!("{other:?}"),
        None => "unknown".to_owned(),
    }
}

/// The IANA name of the negotiated cipher suite, e.g. `TLS_AES_256_GCM_SHA384` or
/// `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256` (rustls prefixes TLS 1.3 suites with `TLS13_`).
fn suite_name(s: Option<rustls::SupportedCipherSuite>) -> String {
    let Some(s) = s else {
        return "unknown".to_owned();
    };
    let suite = s.suite();
    match suite.as_str() {
        Some(name) => match name.strip_prefix("TLS13_") {
            Some(rest) => format!("TLS_{rest}"),
            None => name.to_owned(),
        },
        None => format!("{suite:?}"),
    }
}
