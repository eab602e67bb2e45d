//! The crate's error type.

use core::{fmt, time::Duration};
use std::io;

/// Everything that can go wrong when serving or fetching over TLS.
///
/// `Display` gives one complete, human-readable sentence naming the peer or the address.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The identity has no certificate.
    EmptyChain,
    /// The private key is not a PKCS#8 PrivateKeyInfo this crate can load.
    InvalidKey(String),
    /// The private key's type cannot be used for TLS with the crypto provider.
    UnsupportedKey {
        /// The key type, e.g. `EC P-521`.
        key: String,
    },
    /// A certificate of the identity cannot be parsed.
    InvalidCertificate(String),
    /// The private key is not the key of the leaf certificate.
    KeyMismatch {
        /// The private key's type.
        key: String,
        /// The leaf certificate's key type.
        certificate: String,
    },
    /// The listening socket could not be opened.
    Bind {
        /// The address as given (or resolved).
        addr: String,
        /// The operating system's error.
        source: io::Error,
    },
    /// A target that is not `host:port`, `[ipv6]:port`, or a server name that is not a DNS name or
    /// IP address.
    InvalidTarget {
        /// The target as given.
        target: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The host name of a target could not be resolved.
    Resolve {
        /// `host:port`.
        target: String,
        /// The resolver's error.
        source: io::Error,
    },
    /// Nothing listens at the target (every address refused the connection).
    Refused {
        /// `host:port`.
        target: String,
    },
    /// A connection could not be made for another reason (unreachable network, …).
    Connect {
        /// `host:port`.
        target: String,
        /// The last operating system error.
        source: io::Error,
    },
    /// The peer did not answer in time.
    Timeout {
        /// `host:port`, or `client <addr>` on the serving side.
        peer: String,
        /// What was being waited for (`connect`, `TLS handshake`, `request`).
        stage: &'static str,
        /// The time limit that ran out.
        after: Duration,
    },
    /// The TLS handshake failed: protocol error, alert, bad signature, a peer that does not speak
    /// TLS, a connection closed or reset mid-handshake.
    Handshake {
        /// `host:port`, or `client <addr>` on the serving side.
        peer: String,
        /// Why.
        reason: String,
    },
    /// The peer sent more than this crate is willing to read (certificates or bytes).
    TooMuch {
        /// `host:port`, or `client <addr>` on the serving side.
        peer: String,
        /// What exceeded which limit.
        what: String,
    },
    /// The CPU lacks instructions the crypto provider (graviola) requires; names them.
    UnsupportedCpu(String),
    /// The TLS library refused the configuration (a bug rather than a usage error).
    Config(String),
    /// Any other I/O error (accepting a connection, writing the answer, …).
    Io {
        /// What was being done.
        context: String,
        /// The operating system's error.
        source: io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyChain => f.write_str("the identity has no certificate"),
            Self::InvalidKey(why) => write!(f, "invalid private key: {why}"),
            Self::UnsupportedKey { key } => write!(
                f,
                "unsupported private key type: {key} (TLS here supports RSA 2048 to 8192 bits, \
                 EC P-256, EC P-384 and Ed25519)"
            ),
            Self::InvalidCertificate(why) => write!(f, "invalid certificate: {why}"),
            Self::KeyMismatch { key, certificate } if key == certificate => write!(
                f,
                "the private key does not match the certificate: both are {key}, but the \
                 certificate holds a different public key"
            ),
            Self::KeyMismatch { key, certificate } => write!(
                f,
                "the private key does not match the certificate: the key is {key}, the \
                 certificate's key is {certificate}"
            ),
            Self::Bind { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            Self::InvalidTarget { target, reason } => {
                write!(f, "invalid target {target:?}: {reason}")
            }
            Self::Resolve { target, source } => write!(f, "cannot resolve {target}: {source}"),
            Self::Refused { target } => write!(f, "connection to {target} refused"),
            Self::Connect { target, source } => write!(f, "cannot connect to {target}: {source}"),
            Self::Timeout { peer, stage, after } => {
                write!(f, "{peer} did not answer in time ({stage}, {after:?})")
            }
            Self::Handshake { peer, reason } => {
                write!(f, "TLS handshake with {peer} failed: {reason}")
            }
            Self::TooMuch { peer, what } => write!(f, "{peer} sent too much: {what}"),
            Self::UnsupportedCpu(missing) => write!(
                f,
                "this CPU lacks features the TLS crypto provider (graviola) requires: {missing}"
            ),
            Self::Config(why) => write!(f, "TLS configuration error: {why}"),
            Self::Io { context, source } => write!(f, "{context}: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Bind { source, .. }
            | Self::Resolve { source, .. }
            | Self::Connect { source, .. }
            | Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
