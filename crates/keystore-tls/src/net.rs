//! A TCP stream with an overall deadline and a read budget, and the mapping of I/O and rustls
//! errors to [`Error`].

use core::time::Duration;
use std::{
    io::{self, Read, Write},
    net::TcpStream,
    time::Instant,
};

use crate::Error;

/// A blocking socket whose every read and write must finish before `deadline`, and from which at
/// most `budget` bytes are read in all.
#[derive(Debug)]
pub(crate) struct Guarded<'a> {
    sock: &'a TcpStream,
    deadline: Instant,
    budget: usize,
    /// The first bytes the peer sent, for diagnosing peers that do not speak TLS.
    pub(crate) first_bytes: Vec<u8>,
    pub(crate) budget_exceeded: bool,
}

const FIRST_BYTES: usize = 24;

impl<'a> Guarded<'a> {
    pub(crate) fn new(sock: &'a TcpStream, deadline: Instant, budget: usize) -> Self {
        Self {
            sock,
            deadline,
            budget,
            first_bytes: Vec::new(),
            budget_exceeded: false,
        }
    }

    /// Sets the socket's timeouts to the time left; `TimedOut` once the deadline has passed.
    fn arm(&self) -> io::Result<()> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        // A zero duration is refused by set_*_timeout; `left` is positive here.
        self.sock.set_read_timeout(Some(left))?;
        self.sock.set_write_timeout(Some(left))
    }
}

/// Socket timeouts surface as `WouldBlock` on Unix and `TimedOut` on Windows; rustls treats
/// `WouldBlock` as "try again later", so report both as `TimedOut`.
fn timed_out(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::WouldBlock {
        io::ErrorKind::TimedOut.into()
    } else {
        e
    }
}

impl Read for Guarded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.budget == 0 {
            self.budget_exceeded = true;
            return Err(io::Error::other("read limit reached"));
        }
        self.arm()?;
        let want = buf.len().min(self.budget);
        let n = (&*self.sock).read(&mut buf[..want]).map_err(timed_out)?;
        self.budget -= n;
        if self.first_bytes.len() < FIRST_BYTES {
            let take = n.min(FIRST_BYTES - self.first_bytes.len());
            self.first_bytes.extend_from_slice(&buf[..take]);
        }
        Ok(n)
    }
}

impl Write for Guarded<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.arm()?;
        (&*self.sock).write(buf).map_err(timed_out)
    }

    fn flush(&mut self) -> io::Result<()> {
        (&*self.sock).flush()
    }
}

/// Maps an error of a TLS exchange with `peer` to [`Error`].
pub(crate) fn tls_error(
    e: &io::Error,
    peer: &str,
    stage: &'static str,
    timeout: Duration,
    io: &Guarded<'_>,
    budget: usize,
) -> Error {
    if io.budget_exceeded {
        return Error::TooMuch {
            peer: peer.to_owned(),
            what: format!("more than {budget} bytes during the {stage}"),
        };
    }
    if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        // A peer that does not speak TLS makes rustls report a corrupt record; say what it is.
        let reason = not_tls_hint(&io.first_bytes).unwrap_or_else(|| describe_rustls(tls));
        return Error::Handshake {
            peer: peer.to_owned(),
            reason,
        };
    }
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Error::Timeout {
            peer: peer.to_owned(),
            stage,
            after: timeout,
        },
        io::ErrorKind::UnexpectedEof => Error::Handshake {
            peer: peer.to_owned(),
            reason: not_tls_hint(&io.first_bytes).unwrap_or_else(|| {
                format!("the connection was closed before the {stage} completed")
            }),
        },
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => Error::Handshake {
            peer: peer.to_owned(),
            reason: format!("the connection was reset during the {stage}"),
        },
        _ => Error::Handshake {
            peer: peer.to_owned(),
            reason: e.to_string(),
        },
    }
}

/// rustls's message, reworded where its wording is cryptic.
pub(crate) fn describe_rustls(e: &rustls::Error) -> String {
    match e {
        rustls::Error::AlertReceived(alert) => format!("the peer sent the alert {alert:?}"),
        rustls::Error::InvalidMessage(_) => format!("{e} (not a valid TLS record)"),
        _ => e.to_string(),
    }
}

/// When the peer's first bytes are not a TLS record header, says so and shows them.
fn not_tls_hint(first: &[u8]) -> Option<String> {
    let (&content_type, _) = first.split_first()?;
    // TLS record content types: change_cipher_spec(20), alert(21), handshake(22),
    // application_data(23), heartbeat(24); major version 3.
    if (20..=24).contains(&content_type) && first.get(1).is_none_or(|&v| v == 3) {
        return None;
    }
    let shown: String = first
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect();
    Some(format!(
        "the peer does not speak TLS on this port (it sent \"{shown}\"…)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_only_for_non_tls() {
        assert!(not_tls_hint(&[22, 3, 1, 0, 5]).is_none());
        assert!(not_tls_hint(&[21]).is_none());
        let hint = not_tls_hint(b"HTTP/1.1 400 Bad\r\n").unwrap_or_default();
        assert!(hint.contains("HTTP/1.1 400 Bad\\x0d\\x0a"), "{hint}");
        assert!(not_tls_hint(b"").is_none());
    }
}
