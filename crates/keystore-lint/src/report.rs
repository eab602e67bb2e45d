//! Findings grouped per certificate or request, for human and JSON output.

use crate::{Finding, Severity, worst};

/// What was linted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    /// A certificate.
    Certificate,
    /// A PKCS#10 certificate request.
    Request,
}

/// The findings for one certificate or request.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Report {
    /// The keystore alias, when it came from a store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The subject distinguished name (RFC 4514 text).
    pub subject: String,
    /// Certificate or request.
    pub kind: Subject,
    /// The worst severity among `findings`.
    pub result: Severity,
    /// Every finding, passing ones too.
    pub findings: Vec<Finding>,
}

impl Report {
    /// A report; `result` is computed from `findings`.
    #[must_use]
    pub fn new(
        alias: Option<String>,
        subject: String,
        kind: Subject,
        findings: Vec<Finding>,
    ) -> Self {
        Self {
            alias,
            subject,
            kind,
            result: worst(&findings),
            findings,
        }
    }

    /// How many findings have severity `s`.
    #[must_use]
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// One line per finding (`FAIL  san-present: …`), non-passing ones only unless `verbose`.
    #[must_use]
    pub fn lines(&self, verbose: bool) -> String {
        let mut out = String::new();
        for f in &self.findings {
            if verbose || f.severity != Severity::Pass {
                out.push_str(&f.to_string());
                out.push('\n');
            }
        }
        out
    }
}

/// The reports as a pretty-printed JSON array (`[{"alias"?, "subject", "kind", "result",
/// "findings": [{"check", "severity", "message"}]}]`), with a final newline.
#[must_use]
pub fn to_json(reports: &[Report]) -> String {
    let mut s = serde_json::to_string_pretty(reports).unwrap_or_else(|_| "[]".to_owned());
    s.push('\n');
    s
}
