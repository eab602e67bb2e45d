//! Serving an identity: a blocking, one-connection-at-a-time HTTPS responder.

use core::{
    fmt,
    sync::atomic::{AtomicBool, AtomicUsize, Ordering},
    time::Duration,
};
use std::{
    io::{self, Read as _, Write as _},
    net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs},
    sync::Arc,
    thread::{self, JoinHandle},
    time::Instant,
};

use rustls::{
    ServerConfig, ServerConnection,
    crypto::CryptoProvider,
    pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer},
    server::NoServerSessionStorage,
    sign::{CertifiedKey, SingleCertAndKey},
};

use crate::{
    Error, Identity,
    asn1::{self, KeyKind},
    net::{Guarded, describe_rustls, tls_error},
    protocol_name, provider, suite_name,
};

/// Default time limit for one connection (handshake, request and answer together).
pub const DEFAULT_IO_TIMEOUT: Duration = Duration::from_secs(10);

/// Most bytes of a request read before answering.
const MAX_REQUEST: usize = 16 * 1024;
/// Most bytes read from one client in all (handshake and request).
const MAX_CLIENT_BYTES: usize = 128 * 1024;
/// How often a waiting accept loop looks for a connection or a stop request.
const POLL: Duration = Duration::from_millis(20);
/// How long to drain what a client still sends after the answer, so closing does not reset
/// the connection before the client has read the answer.
const LINGER: Duration = Duration::from_millis(200);

/// A TLS server for one [`Identity`]: it answers each connection with a short HTTP response
/// naming the certificate's SHA-1 thumbprint, then closes it.
///
/// Connections are served one at a time; a slow client delays the next by at most the
/// per-connection time limit ([`DEFAULT_IO_TIMEOUT`], see [`Server::with_timeout`]).
/// TLS 1.3 and TLS 1.2, no client authentication, no session resumption, no ALPN.
pub struct Server {
    listener: TcpListener,
    local: SocketAddr,
    config: Arc<ServerConfig>,
    thumbprint: String,
    timeout: Duration,
}

/// What [`Server::accept_one`] saw of one connection.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Served {
    /// The client's address.
    pub peer: SocketAddr,
    /// `TLSv1.3` or `TLSv1.2`.
    pub protocol: String,
    /// IANA name of the cipher suite, e.g. `TLS_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// The server name (SNI) the client asked for, if any.
    pub server_name: Option<String>,
    /// Whether the client sent a request and got the answer (`false`: it closed the connection
    /// right after the handshake, as `openssl s_client </dev/null` does).
    pub answered: bool,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("local_addr", &self.local)
            .field("thumbprint", &self.thumbprint)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Listens on `addr` (e.g. `"127.0.0.1:0"`) and checks the identity is usable (key type
    /// supported, key matches leaf) before returning.
    ///
    /// The identity is checked before the socket is opened, so a bad identity never holds a port.
    ///
    /// # Errors
    /// [`Error::EmptyChain`], [`Error::InvalidKey`], [`Error::UnsupportedKey`] (e.g. EC P-521,
    /// RSA under 2048 bits, DSA), [`Error::InvalidCertificate`], [`Error::KeyMismatch`] for the
    /// identity; [`Error::UnsupportedCpu`] on a CPU graviola cannot run on; [`Error::Bind`] when
    /// the address cannot be resolved or listened on.
    pub fn bind(identity: Identity, addr: impl ToSocketAddrs) -> Result<Self, Error> {
        crate::check_cpu()?;
        let provider = provider();
        let certified = certified_key(&identity, &provider)?;
        let thumbprint = identity.thumbprint().ok_or(Error::EmptyChain)?;
        drop(identity);

        let mut config = ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(crate::VERSIONS)
            .map_err(|e| Error::Config(describe_rustls(&e)))?
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(SingleCertAndKey::from(certified)));
        // One-shot connections: no resumption state to keep, no tickets to write to clients
        // that may already have gone.
        config.session_storage = Arc::new(NoServerSessionStorage {});
        config.send_tls13_tickets = 0;

        let addrs: Vec<SocketAddr> = addr
            .to_socket_addrs()
            .map_err(|source| Error::Bind {
                addr: "the given address".to_owned(),
                source,
            })?
            .collect();
        let shown = match addrs.as_slice() {
            [] => "the given address (it resolves to nothing)".to_owned(),
            [one] => one.to_string(),
            [first, ..] => format!("{first} (and {} more addresses)", addrs.len() - 1),
        };
        let listener = TcpListener::bind(addrs.as_slice()).map_err(|source| Error::Bind {
            addr: shown.clone(),
            source,
        })?;
        let local = listener
            .local_addr()
            .and_then(|local| listener.set_nonblocking(true).map(|()| local))
            .map_err(|source| Error::Bind {
                addr: shown,
                source,
            })?;
        Ok(Self {
            listener,
            local,
            config: Arc::new(config),
            thumbprint,
            timeout: DEFAULT_IO_TIMEOUT,
        })
    }

    /// Sets the time limit for one connection: handshake, request and answer together (at least
    /// one millisecond).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// The address the server listens on (with the actual port when bound to port 0).
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The served leaf certificate's SHA-1 thumbprint (40 upper-case hex digits).
    #[must_use]
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// Accepts one connection, completes the handshake, answers one HTTP request (or whatever the
    /// client sends first, bounded) with a short `HTTP/1.1 200 OK` text body naming the
    /// certificate's SHA-1 thumbprint, then closes.
    ///
    /// Waits for a connection as long as it takes; the connection itself is bounded by the
    /// server's time limit. A client that completes the handshake and closes without a request
    /// is a success.
    ///
    /// # Errors
    /// [`Error::Handshake`], [`Error::Timeout`], [`Error::TooMuch`] for a failed connection;
    /// [`Error::Io`] when accepting fails.
    pub fn serve_one(&self) -> Result<(), Error> {
        self.accept_one().map(drop)
    }

    /// [`serve_one`](Self::serve_one), returning what was negotiated.
    ///
    /// # Errors
    /// As [`serve_one`](Self::serve_one).
    pub fn accept_one(&self) -> Result<Served, Error> {
        loop {
            match self.try_accept()? {
                Some((sock, peer)) => return self.handle(&sock, peer),
                None => thread::sleep(POLL),
            }
        }
    }

    /// Serves until `stop` returns true (checked between connections and every few
    /// milliseconds while idle). A failed connection does not end the loop.
    ///
    /// # Errors
    /// [`Error::Io`] when accepting connections fails for a reason other than one client.
    pub fn serve_until(&self, stop: impl Fn() -> bool) -> Result<(), Error> {
        self.serve_until_with(stop, |_| {})
    }

    /// [`serve_until`](Self::serve_until), reporting each connection's outcome to
    /// `on_connection` (for logging).
    ///
    /// # Errors
    /// As [`serve_until`](Self::serve_until).
    pub fn serve_until_with(
        &self,
        stop: impl Fn() -> bool,
        mut on_connection: impl FnMut(Result<Served, Error>),
    ) -> Result<(), Error> {
        while !stop() {
            match self.try_accept()? {
                Some((sock, peer)) => on_connection(self.handle(&sock, peer)),
                None => thread::sleep(POLL),
            }
        }
        Ok(())
    }

    /// Serves on a background thread until the handle is dropped or
    /// [`ServerHandle::shutdown`] is called.
    #[must_use = "dropping the handle stops the server"]
    pub fn spawn(self) -> ServerHandle {
        let stop = Arc::new(AtomicBool::new(false));
        let handshakes = Arc::new(AtomicUsize::new(0));
        let addr = self.local;
        let thread = {
            let stop = Arc::clone(&stop);
            let handshakes = Arc::clone(&handshakes);
            thread::spawn(move || {
                self.serve_until_with(
                    || stop.load(Ordering::Relaxed),
                    |r| {
                        if r.is_ok() {
                            handshakes.fetch_add(1, Ordering::Relaxed);
                        }
                    },
                )
            })
        };
        ServerHandle {
            addr,
            stop,
            handshakes,
            thread: Some(thread),
        }
    }

    /// One non-blocking accept: `None` when no connection is waiting (or one vanished).
    fn try_accept(&self) -> Result<Option<(TcpStream, SocketAddr)>, Error> {
        match self.listener.accept() {
            Ok(pair) => Ok(Some(pair)),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::Interrupted
                        | io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::TimedOut
                ) =>
            {
                Ok(None)
            }
            Err(source) => Err(Error::Io {
                context: format!("accepting a connection on {}", self.local),
                source,
            }),
        }
    }

    /// Handshake, request, answer, close, all before the deadline.
    fn handle(&self, sock: &TcpStream, peer: SocketAddr) -> Result<Served, Error> {
        let who = format!("client {peer}");
        // Accepted sockets inherit O_NONBLOCK from the listener on some systems.
        sock.set_nonblocking(false).map_err(|source| Error::Io {
            context: format!("configuring the connection from {peer}"),
            source,
        })?;
        let _ = sock.set_nodelay(true);
        let mut conn =
            ServerConnection::new(Arc::clone(&self.config)).map_err(|e| Error::Handshake {
                peer: who.clone(),
                reason: describe_rustls(&e),
            })?;
        let mut io = Guarded::new(sock, Instant::now() + self.timeout, MAX_CLIENT_BYTES);
        let fail = |e: &io::Error, stage, io: &Guarded<'_>| {
            tls_error(e, &who, stage, self.timeout, io, MAX_CLIENT_BYTES)
        };

        while conn.is_handshaking() {
            if let Err(e) = conn.complete_io(&mut io) {
                return Err(fail(&e, "TLS handshake", &io));
            }
        }
        let mut served = Served {
            peer,
            protocol: protocol_name(conn.protocol_version()),
            cipher_suite: suite_name(conn.negotiated_cipher_suite()),
            server_name: conn.server_name().map(str::to_owned),
            answered: false,
        };

        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        let got_request = loop {
            match rustls::Stream::new(&mut conn, &mut io).read(&mut buf) {
                Ok(0) => break false, // close_notify
                Ok(n) => {
                    request.extend_from_slice(&buf[..n]);
                    if request.len() >= MAX_REQUEST || request_complete(&request) {
                        break true;
                    }
                }
                Err(e)
                    if request.is_empty()
                        && matches!(
                            e.kind(),
                            io::ErrorKind::UnexpectedEof
                                | io::ErrorKind::ConnectionReset
                                | io::ErrorKind::ConnectionAborted
                        ) =>
                {
                    break false; // closed without close_notify
                }
                Err(e) => return Err(fail(&e, "request", &io)),
            }
        };

        if got_request {
            let body = format!(
                "keystore-tls: TLS handshake completed ({}, {})\n\
                 certificate SHA-1 thumbprint: {}\n",
                served.protocol, served.cipher_suite, self.thumbprint
            );
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\
                 Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            conn.writer()
                .write_all(answer.as_bytes())
                .map_err(|e| fail(&e, "answer", &io))?;
        }
        conn.send_close_notify();
        while conn.wants_write() {
            match conn.write_tls(&mut io) {
                Ok(_) => {}
                Err(e) if got_request => return Err(fail(&e, "answer", &io)),
                Err(_) => break, // the client is gone; nothing was owed to it
            }
        }
        served.answered = got_request;
        let _ = sock.shutdown(Shutdown::Write);
        linger(sock);
        Ok(served)
    }
}

/// Reads (and drops) what the client still sends, briefly, until it closes.
fn linger(sock: &TcpStream) {
    if sock.set_read_timeout(Some(LINGER)).is_err() {
        return;
    }
    let until = Instant::now() + LINGER;
    let mut buf = [0u8; 4096];
    let mut left = MAX_CLIENT_BYTES;
    while Instant::now() < until && left > 0 {
        match (&*sock).read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// An HTTP request is complete at its blank line; anything that does not start like an HTTP
/// request line is answered as soon as it arrives.
fn request_complete(request: &[u8]) -> bool {
    request.windows(4).any(|w| w == b"\r\n\r\n")
        || request.windows(2).any(|w| w == b"\n\n")
        || !looks_like_http(request)
}

/// Whether `request` starts like `METHOD SP …` (a method of at most 16 upper-case letters).
fn looks_like_http(request: &[u8]) -> bool {
    let method = match request.iter().position(|&b| b == b' ') {
        Some(i) => &request[..i],
        None => request,
    };
    !method.is_empty() && method.len() <= 16 && method.iter().all(u8::is_ascii_uppercase)
}

/// Loads the key with the provider after checking its type, and checks it is the leaf's key.
fn certified_key(identity: &Identity, provider: &CryptoProvider) -> Result<CertifiedKey, Error> {
    let leaf = identity.leaf().ok_or(Error::EmptyChain)?;
    let (algorithm, key) = asn1::pkcs8(&identity.key_pkcs8)
        .ok_or_else(|| Error::InvalidKey("not a DER PKCS#8 PrivateKeyInfo".to_owned()))?;
    let kind = KeyKind::classify(algorithm, key).ok_or_else(|| {
        Error::InvalidKey("malformed algorithm identifier in the PKCS#8 key".to_owned())
    })?;
    if !kind.supported() {
        return Err(Error::UnsupportedKey {
            key: kind.to_string(),
        });
    }
    let leaf_spki = asn1::certificate_spki(leaf).ok_or_else(|| {
        Error::InvalidCertificate("the leaf is not a DER X.509 certificate".to_owned())
    })?;
    if let Some(i) = identity
        .chain
        .iter()
        .skip(1)
        .position(|c| asn1::certificate_spki(c).is_none())
    {
        return Err(Error::InvalidCertificate(format!(
            "certificate {} of the chain is not a DER X.509 certificate",
            i + 2
        )));
    }
    let cert_kind = KeyKind::classify(leaf_spki.algorithm, leaf_spki.key)
        .map_or_else(|| "an unknown key".to_owned(), |k| k.to_string());

    // The provider takes an owned copy; it is dropped (not wiped) once parsed.
    let reordered = match kind {
        KeyKind::Rsa(_) => crate::rsa_order::larger_prime_first(&identity.key_pkcs8),
        _ => None,
    };
    let key_der = reordered.as_ref().unwrap_or(&identity.key_pkcs8);
    let der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_der.to_vec()));
    let signing = provider
        .key_provider
        .load_private_key(der)
        .map_err(|e| Error::InvalidKey(format!("the {kind} key cannot be loaded: {e}")))?;

    let matches = signing
        .public_key()
        .as_ref()
        .and_then(|pk| asn1::spki(pk.as_ref()))
        .is_some_and(|pk| {
            asn1::normalize_algorithm(pk.algorithm)
                == asn1::normalize_algorithm(leaf_spki.algorithm)
                && pk.key == leaf_spki.key
        });
    if !matches {
        return Err(Error::KeyMismatch {
            key: kind.to_string(),
            certificate: cert_kind,
        });
    }
    let chain = identity
        .chain
        .iter()
        .map(|c| CertificateDer::from(c.clone()))
        .collect();
    Ok(CertifiedKey::new(chain, signing))
}

/// A [`Server`] running on a background thread ([`Server::spawn`]). Dropping it stops the
/// server (within the time limit of a connection in progress).
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    handshakes: Arc<AtomicUsize>,
    thread: Option<JoinHandle<Result<(), Error>>>,
}

impl fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerHandle")
            .field("local_addr", &self.addr)
            .field("handshakes", &self.handshakes())
            .finish_non_exhaustive()
    }
}

impl ServerHandle {
    /// The address the server listens on.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many connections completed (handshake and answer) so far.
    #[must_use]
    pub fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::Relaxed)
    }

    /// Stops the server and waits for its thread.
    ///
    /// # Errors
    /// The error that ended the accept loop, if one did ([`Error::Io`]); [`Error::Io`] too if the
    /// thread panicked.
    pub fn shutdown(mut self) -> Result<(), Error> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> Result<(), Error> {
        self.stop.store(true, Ordering::Relaxed);
        match self.thread.take().map(JoinHandle::join) {
            None => Ok(()),
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::Io {
                context: format!("serving on {}", self.addr),
                source: io::Error::other("the server thread panicked"),
            }),
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        let _ = self.stop_and_join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_boundaries() {
        assert!(!request_complete(b"GET / HTTP/1.1\r\nHost: x\r\n"));
        assert!(request_complete(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(request_complete(b"GET / HTTP/1.0\n\n"));
        assert!(!request_complete(b"GE"));
        assert!(request_complete(b"hello\n"));
        assert!(request_complete(b"\x00\x01"));
    }
}
