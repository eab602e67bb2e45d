//! Fetching the chain a server presents.

use core::time::Duration;
use std::{
    io,
    net::{Ipv6Addr, Shutdown, SocketAddr, TcpStream, ToSocketAddrs},
    sync::{Arc, Mutex, PoisonError},
    time::Instant,
};

use rustls::{
    CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, PeerMisbehaved,
    SignatureScheme,
    client::{
        Resumption,
        danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    },
    crypto::WebPkiSupportedAlgorithms,
    pki_types::{CertificateDer, ServerName, UnixTime},
};

use crate::{
    Error, MAX_CHAIN_CERTIFICATES,
    asn1::{self, KeyKind},
    net::{Guarded, describe_rustls, tls_error},
    protocol_name, provider, suite_name,
};

/// The port [`fetch_chain`] uses when the target names none.
pub const DEFAULT_PORT: u16 = 443;

/// Most bytes read from a server during the handshake.
const MAX_HANDSHAKE_BYTES: usize = 256 * 1024;

/// What a server presented in a TLS handshake.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presented {
    /// The certificates exactly as sent (DER), leaf first. **Not validated** in any way: not
    /// chained, not checked against a trust store, a name, a date or a revocation list.
    pub chain: Vec<Vec<u8>>,
    /// `TLSv1.3` or `TLSv1.2`.
    pub protocol: String,
    /// IANA name of the negotiated cipher suite, e.g. `TLS_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// The address actually connected to.
    pub peer_addr: SocketAddr,
}

/// Connects to `target` and returns the certificate chain the server presented.
///
/// `target` is `host:port`, `[ipv6]:port`, or a host alone (port [`DEFAULT_PORT`]). The SNI sent
/// is `server_name` if given, otherwise the host part when it is a DNS name (none for an IP
/// address).
///
/// # No certificate validation
///
/// **The returned chain is NOT validated.** Nothing checks that it chains to a trusted root,
/// that it names `target` or `server_name`, that it is within its validity period, or that it is
/// not revoked. Anyone on the network path can present any certificate. Deciding whether to trust
/// what was fetched is the caller's job (compare the thumbprint out of band, or verify the chain
/// against a truststore).
///
/// What *is* checked: the server's handshake signature is verified with the leaf certificate's
/// public key (using the crypto provider's algorithms), so the server proved it holds the
/// private key of the leaf it presented.
///
/// # Bounds
/// `timeout` bounds each connection attempt (one per resolved address) and, separately, the
/// whole handshake. At most [`MAX_CHAIN_CERTIFICATES`] certificates and 256 KiB are accepted.
/// Name resolution uses the system resolver, which has its own time limits.
///
/// # Errors
/// [`Error::InvalidTarget`], [`Error::Resolve`], [`Error::Refused`], [`Error::Connect`],
/// [`Error::Timeout`], [`Error::Handshake`] (including a bad handshake signature, a leaf key the
/// provider cannot verify, and a peer that does not speak TLS), [`Error::TooMuch`],
/// [`Error::UnsupportedCpu`].
pub fn fetch_chain(
    target: &str,
    server_name: Option<&str>,
    timeout: Duration,
) -> Result<Presented, Error> {
    let timeout = timeout.max(Duration::from_millis(1));
    let (host, port) = parse_target(target)?;
    crate::check_cpu()?;
    let shown = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let name = sni(&host, server_name)?;
    let sock = connect(&host, port, &shown, timeout)?;
    let peer_addr = sock.peer_addr().map_err(|source| Error::Connect {
        target: shown.clone(),
        source,
    })?;
    let _ = sock.set_nodelay(true);

    let provider = provider();
    let verifier = Arc::new(ProofOfKeyVerifier {
        algorithms: provider.signature_verification_algorithms,
        failure: Mutex::new(None),
    });
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(crate::VERSIONS)
        .map_err(|e| Error::Config(describe_rustls(&e)))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::clone(&verifier) as Arc<dyn ServerCertVerifier>)
        .with_no_client_auth();
    config.resumption = Resumption::disabled();
    let mut conn = ClientConnection::new(Arc::new(config), name).map_err(|e| Error::Handshake {
        peer: shown.clone(),
        reason: describe_rustls(&e),
    })?;

    let mut io = Guarded::new(&sock, Instant::now() + timeout, MAX_HANDSHAKE_BYTES);
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut io) {
            let failure = verifier
                .failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            return Err(match failure {
                Some(Failure::TooMany(what)) => Error::TooMuch { peer: shown, what },
                Some(Failure::Rejected(reason)) => Error::Handshake {
                    peer: shown,
                    reason,
                },
                None => tls_error(
                    &e,
                    &shown,
                    "TLS handshake",
                    timeout,
                    &io,
                    MAX_HANDSHAKE_BYTES,
                ),
            });
        }
    }

    let chain: Vec<Vec<u8>> = conn
        .peer_certificates()
        .unwrap_or_default()
        .iter()
        .map(|c| c.as_ref().to_vec())
        .collect();
    if chain.is_empty() {
        return Err(Error::Handshake {
            peer: shown,
            reason: "the server presented no certificate".to_owned(),
        });
    }
    let presented = Presented {
        chain,
        protocol: protocol_name(conn.protocol_version()),
        cipher_suite: suite_name(conn.negotiated_cipher_suite()),
        peer_addr,
    };
    // Polite close; the server's answer to it does not matter.
    conn.send_close_notify();
    while conn.wants_write() {
        if conn.write_tls(&mut io).is_err() {
            break;
        }
    }
    let _ = sock.shutdown(Shutdown::Both);
    Ok(presented)
}

/// Splits `host:port`, `[v6]:port` or `host` (port 443).
fn parse_target(target: &str) -> Result<(String, u16), Error> {
    let bad = |reason: &str| Error::InvalidTarget {
        target: target.to_owned(),
        reason: reason.to_owned(),
    };
    let t = target.trim();
    if t.is_empty() {
        return Err(bad("empty; expected host:port"));
    }
    if t.contains("://") || t.contains('/') {
        return Err(bad("expected host:port, not a URL"));
    }
    if t.chars().any(char::is_whitespace) {
        return Err(bad("contains white space"));
    }
    let (host, port) = if let Some(rest) = t.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| bad("missing ']' after the IPv6 address"))?;
        if host.parse::<Ipv6Addr>().is_err() {
            return Err(bad("not an IPv6 address between '[' and ']'"));
        }
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| bad("expected ':port' after ']'"))?,
            ),
        };
        (host, port)
    } else {
        match t.rsplit_once(':') {
            Some((host, _)) if host.contains(':') => {
                return Err(bad("write an IPv6 address in brackets, as in [::1]:443"));
            }
            Some((host, port)) => (host, Some(port)),
            None => (t, None),
        }
    };
    if host.is_empty() {
        return Err(bad("no host name"));
    }
    let port = match port {
        None => DEFAULT_PORT,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|&p| p != 0)
            .ok_or_else(|| bad("the port must be a number from 1 to 65535"))?,
    };
    Ok((host.to_owned(), port))
}

/// The name sent in SNI (a DNS name) or, for an IP address, none.
fn sni(host: &str, server_name: Option<&str>) -> Result<ServerName<'static>, Error> {
    match server_name {
        Some(name) => ServerName::try_from(name.to_owned()).map_err(|_| Error::InvalidTarget {
            target: name.to_owned(),
            reason: "the server name is neither a DNS name nor an IP address".to_owned(),
        }),
        None => ServerName::try_from(host.to_owned()).map_err(|_| Error::InvalidTarget {
            target: host.to_owned(),
            reason: "the host is not a valid DNS name; give the server name explicitly".to_owned(),
        }),
    }
}

/// Connects to the first address of `host` that accepts, each attempt bounded by `timeout`.
fn connect(host: &str, port: u16, shown: &str, timeout: Duration) -> Result<TcpStream, Error> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|source| Error::Resolve {
            target: shown.to_owned(),
            source,
        })?
        .collect();
    if addrs.is_empty() {
        return Err(Error::Resolve {
            target: shown.to_owned(),
            source: io::Error::new(io::ErrorKind::NotFound, "the name has no addresses"),
        });
    }
    let (mut timed_out, mut other) = (false, None);
    for addr in &addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(sock) => return Ok(sock),
            Err(e) => match e.kind() {
                io::ErrorKind::ConnectionRefused => {}
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timed_out = true,
                _ => other = Some(e),
            },
        }
    }
    Err(match (other, timed_out) {
        (Some(source), _) => Error::Connect {
            target: shown.to_owned(),
            source,
        },
        (None, true) => Error::Timeout {
            peer: shown.to_owned(),
            stage: "connect",
            after: timeout,
        },
        (None, false) => Error::Refused {
            target: shown.to_owned(),
        },
    })
}

/// Why the verifier refused the server; the precise message for [`Error`].
#[derive(Debug)]
enum Failure {
    TooMany(String),
    Rejected(String),
}

/// Accepts any certificate, but verifies the handshake signature with the leaf's public key.
#[derive(Debug)]
struct ProofOfKeyVerifier {
    algorithms: WebPkiSupportedAlgorithms,
    failure: Mutex<Option<Failure>>,
}

impl ProofOfKeyVerifier {
    fn fail<T>(&self, failure: Failure, error: rustls::Error) -> Result<T, rustls::Error> {
        *self.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(failure);
        Err(error)
    }

    fn check(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
        tls13: bool,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let scheme = dss.scheme;
        let Some(spki) = asn1::certificate_spki(cert.as_ref()) else {
            return self.fail(
                Failure::Rejected(
                    "the server's certificate is not DER X.509, so its handshake signature \
                     cannot be checked"
                        .to_owned(),
                ),
                CertificateError::BadEncoding.into(),
            );
        };
        let kind = KeyKind::classify(spki.algorithm, spki.key);
        let kind_name = kind
            .as_ref()
            .map_or_else(|| "unrecognized".to_owned(), ToString::to_string);
        if tls13 && !allowed_in_tls13(scheme) {
            return self.fail(
                Failure::Rejected(format!(
                    "the server signed with {scheme:?}, which TLS 1.3 forbids"
                )),
                PeerMisbehaved::SignedHandshakeWithUnadvertisedSigScheme.into(),
            );
        }
        if let Some(kind) = kind.as_ref().filter(|k| !k.supported()) {
            return self.fail(
                Failure::Rejected(format!(
                    "the server's certificate holds a {kind} key, whose handshake signature \
                     cannot be verified here (supported: RSA 2048 to 8192 bits, EC P-256, \
                     EC P-384, Ed25519)"
                )),
                CertificateError::BadSignature.into(),
            );
        }
        let Some(&(_, algs)) = self.algorithms.mapping.iter().find(|(s, _)| *s == scheme) else {
            return self.fail(
                Failure::Rejected(format!(
                    "the server signed with {scheme:?}, which was not offered"
                )),
                PeerMisbehaved::SignedHandshakeWithUnadvertisedSigScheme.into(),
            );
        };
        // TLS 1.3 binds ECDSA schemes to their curve: only the first (the scheme's own) algorithm.
        let algs = if tls13 {
            algs.get(..1).unwrap_or_default()
        } else {
            algs
        };
        let key_alg = asn1::normalize_algorithm(spki.algorithm);
        let mut fitting = algs
            .iter()
            .filter(|a| a.public_key_alg_id().as_ref() == key_alg)
            .peekable();
        if fitting.peek().is_none() {
            return self.fail(
                Failure::Rejected(format!(
                    "the server signed with {scheme:?}, which does not fit the {kind_name} key \
                     of the certificate it presented"
                )),
                CertificateError::BadSignature.into(),
            );
        }
        if fitting.any(|alg| {
            alg.verify_signature(spki.key, message, dss.signature())
                .is_ok()
        }) {
            return Ok(HandshakeSignatureValid::assertion());
        }
        self.fail(
            Failure::Rejected(format!(
                "the server's handshake signature ({scheme:?}) does not verify with the \
                 {kind_name} key of the certificate it presented: it did not prove it holds \
                 that key"
            )),
            CertificateError::BadSignature.into(),
        )
    }
}

/// RFC 8446 §4.2.3: no PKCS#1 v1.5 and no SHA-1 in TLS 1.3 handshake signatures.
fn allowed_in_tls13(scheme: SignatureScheme) -> bool {
    !matches!(
        scheme,
        SignatureScheme::RSA_PKCS1_SHA1
            | SignatureScheme::ECDSA_SHA1_Legacy
            | SignatureScheme::RSA_PKCS1_SHA256
            | SignatureScheme::RSA_PKCS1_SHA384
            | SignatureScheme::RSA_PKCS1_SHA512
    )
}

impl ServerCertVerifier for ProofOfKeyVerifier {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // Deliberately no validation: the caller validates what was fetched.
        let count = intermediates.len() + 1;
        if count > MAX_CHAIN_CERTIFICATES {
            return self.fail(
                Failure::TooMany(format!(
                    "{count} certificates (at most {MAX_CHAIN_CERTIFICATES} are accepted)"
                )),
                CertificateError::BadEncoding.into(),
            );
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.check(message, cert, dss, false)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.check(message, cert, dss, true)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(t: &str) -> (String, u16) {
        parse_target(t).unwrap_or_else(|e| panic!("{t}: {e}"))
    }

    #[test]
    fn targets() {
        assert_eq!(ok("example.com:8443"), ("example.com".to_owned(), 8443));
        assert_eq!(ok("example.com"), ("example.com".to_owned(), 443));
        assert_eq!(ok("[::1]:7890"), ("::1".to_owned(), 7890));
        assert_eq!(ok("[::1]"), ("::1".to_owned(), 443));
        assert_eq!(ok("127.0.0.1:1"), ("127.0.0.1".to_owned(), 1));
        for bad in [
            "",
            "::1",
            "::1:443",
            "[::1",
            "[::1]443",
            "[nope]:1",
            "h:0",
            "h:65536",
            "h:x",
            ":443",
            "https://h/",
            "a b:1",
        ] {
            let e = parse_target(bad).err();
            assert!(
                matches!(e, Some(Error::InvalidTarget { .. })),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn sni_defaults_to_dns_host_only() {
        assert!(matches!(
            sni("example.com", None),
            Ok(ServerName::DnsName(_))
        ));
        assert!(matches!(sni("::1", None), Ok(ServerName::IpAddress(_))));
        assert!(matches!(
            sni("127.0.0.1", Some("host.example")),
            Ok(ServerName::DnsName(_))
        ));
        assert!(sni("x", Some("not a name")).is_err());
    }
}
