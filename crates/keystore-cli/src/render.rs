//! keytool-identical text for certificates: the `-list -v` / `-printcert` block, `-rfc` PEM,
//! fingerprints, dates and the weak-algorithm warnings (spec §6, §10), as JDK 17 prints them.
//!
//! Certificates are parsed here with a small DER reader that accepts and rejects what Java's
//! `X509CertImpl` does, because keytool prints things (odd strings, unparseable extensions,
//! non-minimal integers) that a strict parser would refuse.
#![allow(
    dead_code,
    reason = "parts of the API are wired by the CLI commands one by one"
)]

mod algs;
mod asn1;
mod cert;
pub(crate) mod crl;
mod csr;
mod dn;
mod ext;
mod jstr;
mod names;
mod num;
mod oid;
mod text;
mod uri;
pub(crate) mod zone;

#[cfg(test)]
mod tests;

use core::fmt;

#[allow(
    unused_imports,
    reason = "part of the API, not every item is wired yet"
)]
pub(crate) use text::{
    civil_from_days, days_from_civil, group_thousands, hex_dump, java_date_string,
    java_medium_date, pem,
};

/// How a certificate block is annotated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CertOpts {
    /// Print the signature algorithm without ` (weak)`/` (disabled)` and report no finding for
    /// it. keytool 17 does so in `-list` for a certificate that the listed keystore holds as a
    /// trustedCertEntry (checked on 17.0.15: also when it is not self-signed, and for a key
    /// entry's certificate that is also stored as a trusted entry); never in `-printcert`.
    pub(crate) exempt_signature: bool,
}

/// A rendered certificate: the text block and what keytool would warn about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CertBlock {
    /// From `Owner: ` to the empty line after the last extension (or the `Version:` line).
    pub(crate) text: String,
    /// Weak or disabled algorithms, in keytool's warning order (signature first, then key).
    pub(crate) findings: Vec<Finding>,
}

/// How bad an algorithm is under JDK 17's default security properties (§10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Severity {
    /// Listed in `jdk.security.legacyAlgorithms`.
    Weak,
    /// Listed in `jdk.certpath.disabledAlgorithms`.
    Disabled,
}

/// One weak-algorithm observation about a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Finding {
    /// The signature algorithm, by its Java name (`SHA1withRSA`).
    SignatureAlgorithm { name: String, severity: Severity },
    /// The subject key, described as `1024-bit RSA key`.
    Key {
        description: String,
        severity: Severity,
    },
}

/// Digest for [`fingerprint`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HashAlg {
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
}

/// A certificate Java would refuse to load (keytool: `Failed to parse input`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RenderError {
    what: String,
}

impl RenderError {
    /// The Java exception text (`java.io.IOException: …`) keytool would print.
    pub(crate) fn java_text(&self) -> &str {
        &self.what
    }

    fn new(what: impl Into<String>) -> Self {
        Self { what: what.into() }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unparseable certificate: {}", self.what)
    }
}

impl core::error::Error for RenderError {}

/// The §6.1 block for one DER certificate, without any `Certificate[i]:` line.
pub(crate) fn cert_block(der: &[u8], opts: &CertOpts) -> Result<CertBlock, RenderError> {
    cert::render(der, opts)
}

/// `-printcertreq`: the text keytool prints for a DER PKCS#10 request (§3.10).
pub(crate) fn cert_request(der: &[u8]) -> Result<String, RenderError> {
    csr::render(der)
}

/// Only the weak-algorithm findings of a certificate (cheaper than [`cert_block`]).
pub(crate) fn findings(der: &[u8], opts: &CertOpts) -> Result<Vec<Finding>, RenderError> {
    cert::findings(der, opts)
}

/// keytool 17's warning sentences for `findings`, e.g. `<alias> uses a 1024-bit RSA key which is
/// considered a security risk. This key size will be disabled in a future update.`
pub(crate) fn warning_sentences(label: &str, findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| match f {
            Finding::SignatureAlgorithm { name, severity: Severity::Disabled } => format!(
                "{label} uses the {name} signature algorithm which is considered a security risk and is disabled."
            ),
            Finding::SignatureAlgorithm { name, severity: Severity::Weak } => format!(
                "{label} uses the {name} signature algorithm which is considered a security risk. \
                 This algorithm will be disabled in a future update."
            ),
            Finding::Key { description, severity: Severity::Disabled } => {
                format!("{label} uses a {description} which is considered a security risk and is disabled.")
            }
            Finding::Key { description, severity: Severity::Weak } => format!(
                "{label} uses a {description} which is considered a security risk. \
                 This key size will be disabled in a future update."
            ),
        })
        .collect()
}

/// Upper-case hex digest of `der`, `:`-separated, as in `SHA256: 93:90:…`.
pub(crate) fn fingerprint(der: &[u8], alg: HashAlg) -> String {
    use sha2::Digest as _;
    let digest = match alg {
        HashAlg::Sha1 => sha1::Sha1::digest(der).to_vec(),
        HashAlg::Sha256 => sha2::Sha256::digest(der).to_vec(),
    };
    text::hex_joined(&digest, ":", true)
}

/// `X500Principal.toString()` of a DER-encoded X.500 Name (§6.3).
pub(crate) fn dn_to_string(name_der: &[u8]) -> Result<String, RenderError> {
    dn::name_der_to_string(name_der).map_err(RenderError::new)
}

/// Issuer equals subject and the certificate's own key verifies it (keytool's `isSelfSigned`,
/// used when importing; the `-list` exemption does not depend on it, see [`CertOpts`]).
pub(crate) fn is_self_signed(der: &[u8]) -> bool {
    use ::der::Decode as _;
    x509_cert::Certificate::from_der(der).is_ok_and(|c| keystore_certgen::is_self_signed(&c))
}
