#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

use core::{fmt, str::FromStr};

use x509_cert::Certificate;

mod facts;
mod host;
mod report;
mod rules;
mod tls;

pub use crate::{
    report::{Report, Subject, to_json},
    rules::{lint_certificate, lint_request},
    tls::check_tls_server,
};

/// How bad a finding is. Ordered: `Pass < Warn < Fail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule holds.
    Pass,
    /// Worth a look; not an error.
    Warn,
    /// The rule is violated.
    Fail,
}

impl Severity {
    /// `PASS`, `WARN` or `FAIL`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Pass => "PASS",
            Self::Warn => "WARN",
            Self::Fail => "FAIL",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Stable kebab-case id of the check, e.g. `san-present` (see the crate docs for the list).
    pub check: &'static str,
    /// Pass, warn or fail.
    pub severity: Severity,
    /// What was found, in one line.
    pub message: String,
}

impl Finding {
    /// A finding.
    #[must_use]
    pub fn new(check: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            check,
            severity,
            message: message.into(),
        }
    }

    pub(crate) fn pass(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Severity::Pass, message)
    }

    pub(crate) fn warn(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Severity::Warn, message)
    }

    pub(crate) fn fail(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Severity::Fail, message)
    }
}

impl fmt::Display for Finding {
    /// `FAIL  san-present: no SubjectAlternativeName extension`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {}: {}", self.severity, self.check, self.message)
    }
}

/// The worst severity among `findings`; [`Severity::Pass`] when there are none.
#[must_use]
pub fn worst(findings: &[Finding]) -> Severity {
    findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Pass)
}

/// What a certificate is meant for, which decides the extended key usages it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A TLS server: needs serverAuth.
    Server,
    /// A TLS client: needs clientAuth.
    Client,
    /// Both (the runbooks' default for server certificates that also call other servers).
    Both,
}

impl Role {
    /// `server`, `client` or `both`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Server => "server",
            Self::Client => "client",
            Self::Both => "both",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A role name that is not `server`, `client` or `both`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown role \"{}\" (expected server, client or both)",
            self.0
        )
    }
}

impl core::error::Error for UnknownRole {}

impl FromStr for Role {
    type Err = UnknownRole;

    /// `server`, `client` or `both`, case-insensitive.
    fn from_str(s: &str) -> Result<Self, UnknownRole> {
        match s.to_ascii_lowercase().as_str() {
            "server" => Ok(Self::Server),
            "client" => Ok(Self::Client),
            "both" => Ok(Self::Both),
            _ => Err(UnknownRole(s.to_owned())),
        }
    }
}

/// Default of [`TlsServerPolicy::expiry_warning_days`] and [`LintPolicy::expiry_warning_days`].
pub const DEFAULT_EXPIRY_WARNING_DAYS: u32 = 30;

/// What [`check_tls_server`] checks against. Time is seconds since the Unix epoch: callers pass
/// `now`, so the crate has no clock.
#[derive(Clone, Copy, Debug)]
pub struct TlsServerPolicy<'a> {
    /// The time to check validity at (seconds since the Unix epoch).
    pub now: i64,
    /// The host name (or IP address) clients connect to; `None` skips the host-name check.
    pub host: Option<&'a str>,
    /// Warn when the certificate expires within this many days (default 30).
    pub expiry_warning_days: u32,
    /// The certificates trusted as chain anchors (they need not be self-signed).
    pub trust_anchors: &'a [Certificate],
}

/// What [`lint_certificate`] and [`lint_request`] check against.
#[derive(Clone, Copy, Debug)]
pub struct LintPolicy {
    /// The time to check validity at (seconds since the Unix epoch).
    pub now: i64,
    /// Which extended key usages are required.
    pub role: Role,
    /// Warn when the certificate expires within this many days (default 30).
    pub expiry_warning_days: u32,
}
