//! The certificate block (§6.1): `X509CertImpl`'s parse rules and keytool's `printX509Cert`.

use super::{
    CertBlock, CertOpts, Finding, HashAlg, RenderError, Severity,
    algs::{self, AlgId},
    asn1::{self, GENERALIZED_TIME, INTEGER, JResult, SEQUENCE, Tlv, UTC_TIME, io},
    dn, ext, fingerprint, num, text,
};

/// The parts of a certificate the block prints.
struct Parsed {
    version: i32,
    serial: String,
    sig_alg: String,
    issuer: String,
    subject: String,
    not_before: i64,
    not_after: i64,
    key: algs::KeyInfo,
    /// Rendered extension entries, `None` when the certificate has no `[3]` field.
    extensions: Option<Vec<String>>,
}

fn time(v: &Tlv<'_>) -> JResult<i64> {
    match v.tag {
        UTC_TIME => text::parse_der_time(v.content, false),
        GENERALIZED_TIME => text::parse_der_time(v.content, true),
        _ => io("Invalid encoding for CertificateValidity"),
    }
}

fn parse(der: &[u8]) -> JResult<Parsed> {
    let cert = asn1::parse(der)?;
    if cert.tag != SEQUENCE {
        return io("invalid DER-encoded certificate data");
    }
    let mut r = cert.reader();
    let (tbs, outer_alg, signature) = (r.read()?, r.read()?, r.read()?);
    if !r.is_empty() || tbs.tag != SEQUENCE {
        return io("signed fields invalid");
    }
    let outer_alg: AlgId<'_> = algs::parse_alg_id(&outer_alg)?;
    signature.bits(false)?;

    let mut t = tbs.reader();
    let mut next = t.read()?;
    let mut version = 0;
    if next.is_context(0) {
        if next.is_constructed() {
            let mut vr = next.reader();
            version = vr.read()?.int(INTEGER)?;
            if !vr.is_empty() {
                return io("X.509 version, bad format");
            }
        }
        next = t.read()?;
    }
    let serial = num::to_hex_string(next.big_integer(INTEGER)?);
    let inner_alg = algs::parse_alg_id(&t.read()?)?;
    let issuer = dn::parse(&t.read()?)?;
    if issuer.is_empty() {
        return io("Empty issuer DN not allowed in X509Certificates");
    }
    let validity = t.read()?;
    if validity.tag != SEQUENCE {
        return io("Invalid encoding for CertificateValidity");
    }
    let mut vr = validity.reader();
    let not_before = time(&vr.read()?)?;
    let not_after = time(&vr.read()?)?;
    if !vr.is_empty() {
        return io("Invalid encoding for CertificateValidity");
    }
    let subject = dn::parse(&t.read()?)?;
    let key = algs::describe_key(&t.read()?)?;
    if outer_alg != inner_alg {
        return io("Signature algorithm mismatch");
    }
    let mut parsed = Parsed {
        version,
        serial,
        sig_alg: algs::alg_name(&outer_alg),
        issuer: issuer.render(),
        subject: subject.render(),
        not_before,
        not_after,
        key,
        extensions: None,
    };
    if version == 0 {
        return if t.is_empty() {
            Ok(parsed)
        } else {
            io("no more data allowed for version 1 certificate")
        };
    }
    // Optional issuerUniqueID [1] and subjectUniqueID [2], then extensions [3] (v3 only).
    if t.is_empty() {
        return Ok(parsed);
    }
    let mut v = t.read()?;
    for tag in [1, 2] {
        if v.is_context(tag) {
            v.bits(true)?;
            if t.is_empty() {
                return Ok(parsed);
            }
            v = t.read()?;
        }
    }
    if version != 2 {
        return io("Extensions not allowed in v2 certificate");
    }
    let mut extensions = None;
    if v.is_constructed() && v.is_context(3) {
        let list = ext::parse_all(&v)?;
        check_empty_subject(subject.is_empty(), Some(&list))?;
        extensions = Some(ext::render(&list)?);
    } else {
        check_empty_subject(subject.is_empty(), None)?;
    }
    parsed.extensions = extensions;
    Ok(parsed)
}

/// `X509CertInfo.verifyCert`: an empty subject needs a critical, non-empty SubjectAltName.
fn check_empty_subject(empty: bool, exts: Option<&[ext::Extension<'_>]>) -> JResult<()> {
    if !empty {
        return Ok(());
    }
    let Some(exts) = exts else {
        return Err(
            "java.security.cert.CertificateParsingException: X.509 Certificate is incomplete: \
                    subject field is empty, and certificate has no extensions"
                .to_owned(),
        );
    };
    match exts.iter().find(|e| e.is_subject_alt_name()) {
        Some(san) if san.critical() => Ok(()),
        Some(_) => Err("java.security.cert.CertificateParsingException: X.509 Certificate is incomplete: \
                        SubjectAlternativeName extension MUST be marked critical when subject field is empty"
            .to_owned()),
        None => Err("java.security.cert.CertificateParsingException: X.509 Certificate is incomplete: \
                     subject field is empty, and SubjectAlternativeName extension is absent"
            .to_owned()),
    }
}

/// The weak/disabled findings for a signature algorithm and key description.
fn weak_findings(sig_alg: &str, key: &algs::KeyInfo, opts: &CertOpts) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !opts.exempt_signature
        && let Some(severity) = algs::name_severity(sig_alg)
    {
        findings.push(Finding::SignatureAlgorithm {
            name: sig_alg.to_owned(),
            severity,
        });
    }
    findings.extend(key.finding.clone());
    findings
}

/// Only the weak-algorithm findings: reads the signature algorithm and the key, skipping the
/// names, dates and extensions that a full [`render`] formats.
pub(super) fn findings(der: &[u8], opts: &CertOpts) -> Result<Vec<Finding>, RenderError> {
    let quick = || -> JResult<(String, algs::KeyInfo)> {
        let cert = asn1::parse(der)?;
        let mut r = cert.reader();
        let (tbs, outer_alg) = (r.read()?, r.read()?);
        let outer_alg = algs::parse_alg_id(&outer_alg)?;
        let mut t = tbs.reader();
        let mut next = t.read()?;
        if next.is_context(0) {
            next = t.read()?; // version; `next` is now the serial number
        }
        let _ = next;
        for _ in 0..4 {
            t.read()?; // signature algorithm, issuer, validity, subject
        }
        Ok((algs::alg_name(&outer_alg), algs::describe_key(&t.read()?)?))
    };
    let (sig_alg, key) = quick().map_err(RenderError::new)?;
    Ok(weak_findings(&sig_alg, &key, opts))
}

pub(super) fn render(der: &[u8], opts: &CertOpts) -> Result<CertBlock, RenderError> {
    let p = parse(der).map_err(RenderError::new)?;
    let findings = weak_findings(&p.sig_alg, &p.key, opts);
    let mut sig_alg = p.sig_alg.clone();
    if let Some(Finding::SignatureAlgorithm { severity, .. }) = findings.first() {
        sig_alg.push_str(match severity {
            Severity::Weak => " (weak)",
            Severity::Disabled => " (disabled)",
        });
    }
    let mut out = format!(
        "Owner: {}\nIssuer: {}\nSerial number: {}\nValid from: {} until: {}\nCertificate fingerprints:\n\
         \t SHA1: {}\n\t SHA256: {}\nSignature algorithm name: {sig_alg}\nSubject Public Key Algorithm: {}\n\
         Version: {}\n",
        p.subject,
        p.issuer,
        p.serial,
        text::date_string_ms(p.not_before),
        text::date_string_ms(p.not_after),
        fingerprint(der, HashAlg::Sha1),
        fingerprint(der, HashAlg::Sha256),
        p.key.text,
        text::group_signed(p.version.wrapping_add(1).to_string()),
    );
    if let Some(entries) = p.extensions.filter(|e| !e.is_empty()) {
        out.push_str("\nExtensions: \n\n");
        for (i, entry) in entries.iter().enumerate() {
            out.push_str(&format!("#{}: {entry}\n", i + 1));
        }
    }
    Ok(CertBlock {
        text: out,
        findings,
    })
}
