//! `-lint` (rkeytool extension): the runbook rules on a certificate, chain, PKCS#7, certificate
//! request, or keystore entries. Findings go to stdout (human lines or `-json`); the exit status
//! is 1 when any rule FAILs, 0 otherwise. Unreadable input is a `keytool error:` as usual.

use std::time::{SystemTime, UNIX_EPOCH};

use der::Decode;
use keystore::{Entry, certs::parse_certificates};
use keystore_lint::{
    DEFAULT_EXPIRY_WARNING_DAYS, LintPolicy, Report, Role, Severity, Subject, lint_certificate,
    lint_request, to_json,
};
use x509_cert::{Certificate, request::CertReq};

use crate::{
    args::Args,
    commands::{pem_block, read_input},
    error::KtError,
    session::{Access, Session},
    ui::Ui,
};

/// Runs `-lint`.
pub(crate) fn run(args: &Args, ui: &mut Ui) -> Result<(), KtError> {
    let role = match args.value("role") {
        None => Role::Both,
        Some(r) => r
            .parse::<Role>()
            .map_err(|e| KtError::exception(format!("Invalid -role: {e}")))?,
    };
    let policy = LintPolicy {
        now: now(),
        role,
        expiry_warning_days: DEFAULT_EXPIRY_WARNING_DAYS,
    };
    let reports = match args.value("file") {
        Some(file) => {
            if args.value("alias").is_some()
                || args.value("keystore").is_some()
                || args.flag("cacerts")
            {
                return Err(KtError::exception(
                    "The -file option cannot be used with -alias, -keystore or -cacerts",
                ));
            }
            vec![lint_file(file, &policy)?]
        }
        None => lint_store(args, ui, &policy)?,
    };
    if args.flag("json") {
        ui.out(&to_json(&reports));
    } else {
        ui.out(&human(&reports, args.flag("v")));
    }
    if reports.iter().any(|r| r.result == Severity::Fail) {
        // Findings are not an error: no `keytool error:` line, just the status.
        return Err(KtError::Exit(1));
    }
    Ok(())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A certificate, a chain (PEM bundle, concatenated DER, PKCS#7) or a certificate request.
fn lint_file(file: &str, policy: &LintPolicy) -> Result<Report, KtError> {
    let input = read_input(Some(file))?;
    if input.is_empty() {
        return Err(KtError::exception(format!("{file}: the file is empty")));
    }
    let unrecognized = || {
        KtError::exception(format!(
            "{file}: not a certificate, certificate chain, PKCS#7 or certificate request"
        ))
    };
    let looks_like_request = input.first() != Some(&0x30)
        && String::from_utf8_lossy(&input)
            .lines()
            .any(|l| l.starts_with("-----BEGIN") && l.contains("REQUEST"));
    if looks_like_request {
        let der = pem_block(&input, "REQUEST").ok_or_else(unrecognized)?;
        let req = CertReq::from_der(&der).map_err(|_| unrecognized())?;
        return Ok(request_report(&req, policy));
    }
    let certs = parse_certificates(&input)
        .ok()
        .filter(|c| !c.is_empty())
        .and_then(|c| {
            c.iter()
                .map(|d| Certificate::from_der(d.as_bytes()).ok())
                .collect::<Option<Vec<_>>>()
        });
    match certs {
        Some(certs) => {
            let (leaf, chain) = certs.split_first().ok_or_else(unrecognized)?;
            Ok(cert_report(None, leaf, chain, policy))
        }
        None if input.first() == Some(&0x30) => {
            let req = CertReq::from_der(&input).map_err(|_| unrecognized())?;
            Ok(request_report(&req, policy))
        }
        None => Err(unrecognized()),
    }
}

fn cert_report(
    alias: Option<String>,
    leaf: &Certificate,
    chain: &[Certificate],
    policy: &LintPolicy,
) -> Report {
    Report::new(
        alias,
        leaf.tbs_certificate().subject().to_string(),
        Subject::Certificate,
        lint_certificate(leaf, chain, policy),
    )
}

fn request_report(req: &CertReq, policy: &LintPolicy) -> Report {
    Report::new(
        None,
        req.info.subject.to_string(),
        Subject::Request,
        lint_request(req, policy),
    )
}

/// `-alias A`: that entry; no alias: every entry with a certificate, in `-list` order.
fn lint_store(args: &Args, ui: &mut Ui, policy: &LintPolicy) -> Result<Vec<Report>, KtError> {
    let session = Session::open(args, ui, Access::Read)?;
    let store = &session.store;
    let parse = |alias: &str, entry: &Entry| -> Result<Vec<Certificate>, KtError> {
        entry
            .certificates()
            .iter()
            .map(|c| {
                c.parse().map_err(|e| {
                    KtError::java(
                        "java.security.cert.CertificateException",
                        format!("Alias <{alias}>: could not parse certificate: {e}"),
                    )
                })
            })
            .collect()
    };
    // Trusted certificates of the store help find issuers (for the EC-under-RSA rule).
    let trusted: Vec<Certificate> = store
        .entries()
        .iter()
        .filter(|(_, e)| matches!(e, Entry::TrustedCert(_)))
        .filter_map(|(_, e)| e.certificate().and_then(|c| c.parse().ok()))
        .collect();
    let lint_entry = |alias: &str, entry: &Entry| -> Result<Option<Report>, KtError> {
        let certs = parse(alias, entry)?;
        let Some((leaf, rest)) = certs.split_first() else {
            return Ok(None);
        };
        let mut chain = rest.to_vec();
        chain.extend(trusted.iter().filter(|t| *t != leaf).cloned());
        Ok(Some(cert_report(
            Some(alias.to_owned()),
            leaf,
            &chain,
            policy,
        )))
    };
    if let Some(alias) = args.value("alias") {
        let (_, entry) = store
            .entries()
            .get(alias)
            .ok_or_else(|| KtError::alias_not_found(alias))?;
        return lint_entry(alias, entry)?
            .map(|r| vec![r])
            .ok_or_else(|| KtError::exception(format!("Alias <{alias}> has no certificate")));
    }
    let mut reports = Vec::new();
    for (alias, entry) in store.listing() {
        if let Some(r) = lint_entry(&alias, entry)? {
            reports.push(r);
        }
    }
    Ok(reports)
}

fn counts(r: &Report) -> String {
    let (f, w, p) = (
        r.count(Severity::Fail),
        r.count(Severity::Warn),
        r.count(Severity::Pass),
    );
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "{} failed, {}, {} passed",
        f,
        plural(w, "warning", "warnings"),
        p
    )
}

/// Per report: a heading, the non-passing findings (all with `-v`), a result line; then a
/// summary when there are several reports.
fn human(reports: &[Report], verbose: bool) -> String {
    let mut out = String::new();
    if reports.is_empty() {
        out.push_str("No certificates to check\n");
        return out;
    }
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let heading = match (&r.alias, r.kind) {
            (Some(alias), _) => format!("Alias <{alias}>: {}", r.subject),
            (None, Subject::Certificate) => format!("Certificate: {}", r.subject),
            (None, Subject::Request) => format!("Certificate request: {}", r.subject),
        };
        out.push_str(&heading);
        out.push('\n');
        out.push_str(&r.lines(verbose));
        out.push_str(&format!("Result: {} ({})\n", r.result, counts(r)));
    }
    if reports.len() > 1 {
        let n = |s| reports.iter().filter(|r| r.result == s).count();
        out.push_str(&format!(
            "\nSummary: {} entries checked: {} failed, {} with warnings, {} passed\n",
            reports.len(),
            n(Severity::Fail),
            n(Severity::Warn),
            n(Severity::Pass)
        ));
    }
    out
}
