//! What a run found and did: human text and JSON.

use std::fmt::Write as _;

use serde::Serialize;

/// What happens to one alias of one truststore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The alias is missing: the certificate is added.
    Add,
    /// The alias holds another certificate: it is replaced.
    Replace,
    /// The alias already holds the certificate.
    Unchanged,
}

impl Action {
    fn word(self, dry_run: bool) -> &'static str {
        match (self, dry_run) {
            (Self::Add, true) => "add",
            (Self::Add, false) => "added",
            (Self::Replace, true) => "replace",
            (Self::Replace, false) => "replaced",
            (Self::Unchanged, _) => "unchanged",
        }
    }
}

/// The report of a dry run or of an applied plan.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The plan file.
    pub plan: String,
    /// Whether this is a dry run (nothing written; actions are what would happen).
    pub dry_run: bool,
    /// Whether any store was (or, in a dry run, would be) written.
    pub changed: bool,
    /// Number of servers in the plan.
    pub servers: usize,
    /// Every published certificate.
    pub publications: Vec<PublicationReport>,
    /// Every truststore that receives at least one certificate, in plan order.
    pub truststores: Vec<StoreReport>,
    /// Counts over all truststores.
    pub totals: Totals,
}

/// One published certificate.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PublicationReport {
    /// The alias truststores hold it under (lower case, as keytool stores it).
    pub alias: String,
    /// The publishing server.
    pub server: String,
    /// The alias suffix.
    pub suffix: String,
    /// Where it came from (`store keystore, alias iis`, `file certs/a.cer`, `tls host:443`).
    pub source: String,
    /// The certificate's subject.
    pub subject: String,
    /// SHA-256 of the certificate, as keytool prints fingerprints.
    pub sha256: String,
}

/// One truststore.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct StoreReport {
    /// The server holding it.
    pub server: String,
    /// Its id.
    pub store: String,
    /// Its path as written in the plan.
    pub path: String,
    /// Its format (`JKS`, `JCEKS`, `PKCS12`).
    pub format: String,
    /// Whether the file is new (absent, `create = true`).
    pub created: bool,
    /// Whether the file was (dry run: would be) written.
    pub written: bool,
    /// The backup kept of the previous file, when written with backups.
    pub backup: Option<String>,
    /// Its cells of the import matrix.
    pub imports: Vec<ImportReport>,
}

/// One cell of the import matrix.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ImportReport {
    /// The alias (lower case, as keytool stores it).
    pub alias: String,
    /// The publication, `server:SUFFIX`.
    pub from: String,
    /// What happens.
    pub action: Action,
    /// SHA-256 of the certificate.
    pub sha256: String,
    /// SHA-256 of the certificate replaced.
    pub previous_sha256: Option<String>,
}

/// Counts over all truststores.
#[derive(Debug, Clone, Copy, Default, Serialize)]
#[non_exhaustive]
pub struct Totals {
    /// Truststores receiving certificates.
    pub truststores: usize,
    /// Truststores written (dry run: to be written).
    pub stores_changed: usize,
    /// Aliases added.
    pub added: usize,
    /// Aliases replaced.
    pub replaced: usize,
    /// Aliases already right.
    pub unchanged: usize,
}

impl Report {
    /// The report as text. A dry run shows the whole matrix; an applied run shows the changed
    /// aliases (with `verbose`, the unchanged ones too).
    #[must_use]
    pub fn to_text(&self, verbose: bool) -> String {
        let mut out = String::new();
        let t = &self.totals;
        let _ = writeln!(
            out,
            "Plan {}: {} servers, {} publications, {} truststores, {} imports{}",
            self.plan,
            self.servers,
            self.publications.len(),
            t.truststores,
            t.added + t.replaced + t.unchanged,
            if self.dry_run {
                " (dry run: nothing is written)"
            } else {
                ""
            }
        );
        if self.dry_run || verbose {
            out.push_str("\nPublications:\n");
            let width = self
                .publications
                .iter()
                .map(|p| p.alias.len())
                .max()
                .unwrap_or(0);
            for p in &self.publications {
                let _ = writeln!(
                    out,
                    "  {:width$}  {}; {}\n  {:width$}  SHA-256: {}",
                    p.alias, p.source, p.subject, "", p.sha256
                );
            }
        }
        for s in &self.truststores {
            let show_all = self.dry_run || verbose;
            let state = match (self.dry_run, s.written, s.created) {
                (true, true, true) => "to be created".to_owned(),
                (true, true, false) => "to be saved".to_owned(),
                (false, true, true) => "created".to_owned(),
                (false, true, false) => match &s.backup {
                    Some(b) => format!("saved (previous file kept as {b})"),
                    None => "saved".to_owned(),
                },
                (_, false, _) => "unchanged".to_owned(),
            };
            let _ = writeln!(
                out,
                "\n{} {} ({}, {}): {state}",
                s.server, s.store, s.path, s.format
            );
            let width = s.imports.iter().map(|i| i.alias.len()).max().unwrap_or(0);
            for i in &s.imports {
                if !show_all && i.action == Action::Unchanged {
                    continue;
                }
                let _ = write!(
                    out,
                    "  {:9}  {:width$}  {}",
                    i.action.word(self.dry_run),
                    i.alias,
                    i.sha256
                );
                if let Some(prev) = &i.previous_sha256 {
                    let _ = write!(out, " (was {prev})");
                }
                out.push('\n');
            }
        }
        out.push('\n');
        let total = t.added + t.replaced + t.unchanged;
        if !self.changed {
            let _ = writeln!(
                out,
                "Nothing {}: all {} truststores already hold their {total} planned certificates.",
                if self.dry_run { "to change" } else { "changed" },
                t.truststores
            );
        } else if self.dry_run {
            let _ = writeln!(
                out,
                "Would change {} of {} truststores: {} to add, {} to replace, {} unchanged.",
                t.stores_changed, t.truststores, t.added, t.replaced, t.unchanged
            );
        } else {
            let _ = writeln!(
                out,
                "Changed {} of {} truststores: {} added, {} replaced, {} unchanged.",
                t.stores_changed, t.truststores, t.added, t.replaced, t.unchanged
            );
        }
        out
    }

    /// The report as pretty-printed JSON (ends with a newline).
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_owned());
        text.push('\n');
        text
    }
}
