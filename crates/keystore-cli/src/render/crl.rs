//! `-printcrl` (keytool.md §3): an X.509 CRL as JDK 17's keytool prints it (`X509CRLImpl`'s
//! text with the signature algorithm annotated), and the pieces `-printcrl` needs to find and
//! check the issuer's signature.
//!
//! Layout observed from keytool 17.0.15:
//! ```text
//! X.509 CRL v2
//! Signature Algorithm: SHA256withRSA, OID=1.2.840.113549.1.1.11
//! Issuer: CN=…
//!
//! This Update: Mon Feb 03 04:05:06 UTC 2025
//! Next Update: Wed Mar 05 04:05:06 UTC 2025
//!
//! Revoked Certificates: 2                 (or: NO certificates have been revoked)
//! [1] SerialNumber: 01  On: Mon Feb 03 04:05:06 UTC 2025
//!
//! [2] SerialNumber: 00:ff  On: …
//!     CRL Entry Extensions: 1
//!     [1]: ObjectId: 2.5.29.21 Criticality=false
//!     Reason Code: KEY_COMPROMISE
//!
//! CRL Extensions: 1                       (only when present)
//! [1]: ObjectId: 2.5.29.20 Criticality=false
//! CRL Number:     1000
//!
//! Signature:
//! 0000: 58 1E …
//! ```
//! Extensions are ordered as Java's maps order them: by class name for known ones, by OID for
//! the others (the same rule as certificates). Unknown ones are dumped as the DER OCTET STRING.

use super::{
    Finding, RenderError, Severity,
    algs::{self, AlgId},
    asn1::{self, GENERALIZED_TIME, INTEGER, JResult, SEQUENCE, Tlv, UTC_TIME, io},
    dn, ext, num, text,
};
use std::collections::BTreeMap;

/// A parsed CRL: its text and what `-printcrl` needs to verify it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Crl {
    /// From `X.509 CRL v…` to the end of the signature hex dump (ends with `\n`).
    pub(crate) text: String,
    /// The weak/disabled signature algorithm finding, if any.
    pub(crate) findings: Vec<Finding>,
    /// The issuer Name, DER.
    pub(crate) issuer_der: Vec<u8>,
    /// The TBSCertList as encoded (what the signature covers).
    pub(crate) tbs_der: Vec<u8>,
    /// The outer signature AlgorithmIdentifier, DER.
    pub(crate) alg_der: Vec<u8>,
    /// The signature bits.
    pub(crate) signature: Vec<u8>,
}

fn time(v: &Tlv<'_>) -> JResult<i64> {
    match v.tag {
        UTC_TIME => text::parse_der_time(v.content, false),
        GENERALIZED_TIME => text::parse_der_time(v.content, true),
        _ => io("Invalid encoding for CRL time"),
    }
}

fn is_time(v: &Tlv<'_>) -> bool {
    v.tag == UTC_TIME || v.tag == GENERALIZED_TIME
}

/// `Extension.toString()` plus, for extensions Java has no class for, the OCTET STRING dump.
fn extension_text(e: &ext::Extension<'_>) -> (String, String) {
    let header = format!("ObjectId: {} Criticality={}\n", e.oid(), e.critical());
    match ext::known_body(e) {
        Some((name, Ok(body))) => (name.to_owned(), header + &body),
        _ => {
            let mut octets = vec![asn1::OCTET_STRING];
            let len = e.value().len();
            if len < 0x80 {
                octets.push(u8::try_from(len).unwrap_or(0));
            } else {
                let bytes: Vec<u8> = len
                    .to_be_bytes()
                    .into_iter()
                    .skip_while(|b| *b == 0)
                    .collect();
                octets.push(0x80 | u8::try_from(bytes.len()).unwrap_or(0));
                octets.extend(bytes);
            }
            octets.extend_from_slice(e.value());
            (
                e.oid().to_owned(),
                format!(
                    "{header}Extension unknown: DER encoded OCTET string =\n{}\n",
                    text::hex_dump(&octets)
                ),
            )
        }
    }
}

/// The extensions in Java's map order (later duplicates dropped).
fn ordered(exts: &[ext::Extension<'_>]) -> Vec<String> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for e in exts {
        let (key, body) = extension_text(e);
        map.entry(key).or_insert(body);
    }
    map.into_values().collect()
}

fn entry(v: &Tlv<'_>) -> JResult<String> {
    if v.tag != SEQUENCE {
        return io("Invalid encoded RevokedCertificate, starting sequence tag missing.");
    }
    let mut r = v.reader();
    let serial = r.read()?.big_integer(INTEGER)?;
    let date = time(&r.read()?)?;
    let mut out = format!(
        "SerialNumber: {}  On: {}",
        text::hex_joined(num::minimal(serial), ":", false),
        text::date_string_ms(date)
    );
    if !r.is_empty() {
        let exts = ext::parse_list(&r.read()?)?;
        let rendered = ordered(&exts);
        out.push_str(&format!("\n    CRL Entry Extensions: {}", rendered.len()));
        for (i, e) in rendered.iter().enumerate() {
            out.push_str(&format!("\n    [{}]: {e}", i + 1));
        }
    }
    out.push('\n');
    Ok(out)
}

fn parse(der: &[u8]) -> JResult<Crl> {
    let crl = asn1::parse(der)?;
    if crl.tag != SEQUENCE {
        return io("Invalid DER-encoded CRL data");
    }
    let mut r = crl.reader();
    let (tbs, outer_alg, signature) = (r.read()?, r.read()?, r.read()?);
    if tbs.tag != SEQUENCE {
        return io("signed overrun, bytes = 0");
    }
    let alg: AlgId<'_> = algs::parse_alg_id(&outer_alg)?;
    let bits = signature.bits(false)?;
    let signature_bytes: Vec<u8> = bits
        .chunks(8)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0u8, |acc, (i, b)| acc | (u8::from(*b) << (7 - i)))
        })
        .collect();

    let mut t = tbs.reader();
    let mut next = t.read()?;
    let mut version = 0;
    if next.tag == INTEGER {
        version = next.int(INTEGER)?;
        next = t.read()?;
    }
    let inner_alg = algs::parse_alg_id(&next)?;
    let issuer_tlv = t.read()?;
    let issuer = dn::parse(&issuer_tlv)?;
    let this_update = time(&t.read()?)?;
    let mut next_update = None;
    let mut rest = if t.is_empty() { None } else { Some(t.read()?) };
    if let Some(v) = rest.filter(is_time) {
        next_update = Some(time(&v)?);
        rest = if t.is_empty() { None } else { Some(t.read()?) };
    }
    let mut entries = Vec::new();
    if let Some(v) = rest.filter(|v| v.tag == SEQUENCE) {
        let mut er = v.reader();
        while !er.is_empty() {
            entries.push(entry(&er.read()?)?);
        }
        rest = if t.is_empty() { None } else { Some(t.read()?) };
    }
    let mut crl_exts = Vec::new();
    if let Some(v) = rest.filter(|v| v.is_context(0) && v.is_constructed()) {
        crl_exts = ordered(&ext::parse_all(&v)?);
    }
    if alg != inner_alg {
        return io("Signature algorithm mismatch");
    }

    let name = algs::alg_name(&alg);
    let severity = algs::name_severity(&name);
    let mut shown = name.clone();
    match severity {
        Some(Severity::Weak) => shown.push_str(" (weak)"),
        Some(Severity::Disabled) => shown.push_str(" (disabled)"),
        None => {}
    }
    let mut out = format!(
        "X.509 CRL v{}\nSignature Algorithm: {shown}, OID={}\nIssuer: {}\n\nThis Update: {}\n",
        version.saturating_add(1),
        alg.oid,
        issuer.render(),
        text::date_string_ms(this_update),
    );
    if let Some(n) = next_update {
        out.push_str(&format!("Next Update: {}\n", text::date_string_ms(n)));
    }
    if entries.is_empty() {
        out.push_str("\nNO certificates have been revoked\n\n");
    } else {
        out.push_str(&format!("\nRevoked Certificates: {}\n", entries.len()));
        for (i, e) in entries.iter().enumerate() {
            out.push_str(&format!("[{}] {e}\n", i + 1));
        }
    }
    if !crl_exts.is_empty() {
        out.push_str(&format!("CRL Extensions: {}\n", crl_exts.len()));
        for (i, e) in crl_exts.iter().enumerate() {
            out.push_str(&format!("[{}]: {e}\n", i + 1));
        }
    }
    out.push_str("Signature:\n");
    out.push_str(&text::hex_dump(&signature_bytes));
    let findings = severity
        .map(|severity| Finding::SignatureAlgorithm { name, severity })
        .into_iter()
        .collect();
    Ok(Crl {
        text: out,
        findings,
        issuer_der: issuer_tlv.raw.to_vec(),
        tbs_der: tbs.raw.to_vec(),
        alg_der: outer_alg.raw.to_vec(),
        signature: signature_bytes,
    })
}

/// Parses and renders one DER CRL (`Err`: Java's exception text).
pub(crate) fn render(der: &[u8]) -> Result<Crl, RenderError> {
    parse(der).map_err(RenderError::new)
}

/// The description `-printcrl` gives of a verifying key (`2048-bit RSA key`), from a DER
/// SubjectPublicKeyInfo; `(weak)`/`(disabled)` appended as keytool does for weak keys.
pub(crate) fn key_description(spki_der: &[u8]) -> Option<String> {
    let spki = asn1::parse(spki_der).ok()?;
    let info = algs::describe_key(&spki).ok()?;
    Some(match info.finding {
        Some(Finding::Key {
            severity: Severity::Weak,
            ..
        }) => format!("{} (weak)", info.text),
        Some(Finding::Key {
            severity: Severity::Disabled,
            ..
        }) => format!("{} (disabled)", info.text),
        _ => info.text,
    })
}
