//! `check_tls_server`: can this certificate serve HTTPS (spec §4.3 rows 5–11)?

use core::net::IpAddr;

use keystore_certgen::{is_self_signed, signed_by};
use x509_cert::Certificate;

use crate::{
    Finding, TlsServerPolicy,
    facts::{AltName, Ext, Facts, oid, unix},
    host::dns_matches,
    rules::{SigContext, key_strength, signature_strength, utc, validity_window},
};

/// certbind's `ValidateCertBinding` checks on the bound leaf, in this order, one finding each:
///
/// | id | FAIL | WARN |
/// |---|---|---|
/// | `validity` | not yet valid, expired | expires within `expiry_warning_days` |
/// | `key-usage` | KeyUsage without digitalSignature (and, for RSA, without keyEncipherment too) | — |
/// | `extended-key-usage` | EKU without serverAuth and anyExtendedKeyUsage | no EKU |
/// | `host-name` | host matches no SAN dNSName/iPAddress (RFC 6125), nor the CN when there is no SAN | host matches only the CN (no SAN) |
/// | `basic-constraints` | — | the leaf is a CA (cA = true) |
/// | `key-strength` | RSA < 2048 bits, EC < 256 bits, DSA | unknown key type |
/// | `signature-algorithm` | MD2, MD5, DSA; SHA-1 unless self-signed | SHA-1 on a self-signed certificate, SHA-224, unknown |
/// | `chain` | leaf + `chain` does not verify (issuer name and signature) up to a trust anchor; a self-signed leaf that is not itself an anchor | an expired certificate on the path |
///
/// `host-name` passes with a note when `policy.host` is `None`.
#[must_use]
pub fn check_tls_server(
    leaf: &Certificate,
    chain: &[Certificate],
    policy: &TlsServerPolicy<'_>,
) -> Vec<Finding> {
    let facts = Facts::of_cert(leaf);
    let self_signed = is_self_signed(leaf);
    let context = if self_signed {
        SigContext::SelfSigned
    } else {
        SigContext::Issued
    };
    vec![
        validity_window(leaf, policy.now, policy.expiry_warning_days),
        key_usage(&facts),
        extended_key_usage(&facts),
        host_name(&facts, policy.host),
        basic_constraints(&facts),
        key_strength(facts.key),
        signature_strength(&facts.sig, context, false),
        chain_check(leaf, chain, policy),
    ]
}

const KEY_USAGE: &str = "key-usage";

fn key_usage(facts: &Facts) -> Finding {
    match &facts.key_usage {
        Ext::Absent => Finding::pass(KEY_USAGE, "no KeyUsage extension (any use allowed)"),
        Ext::Malformed => Finding::fail(KEY_USAGE, "KeyUsage extension cannot be decoded"),
        Ext::Present { critical, value } => {
            let ds = value.digital_signature();
            let ke = value.key_encipherment();
            let note = if *critical {
                ""
            } else {
                " (not marked critical)"
            };
            if ds || (facts.key.is_rsa() && ke) {
                let allows = match (ds, ke) {
                    (true, true) => "digitalSignature and keyEncipherment",
                    (true, false) => "digitalSignature",
                    _ => "keyEncipherment (RSA key exchange only; TLS 1.3 needs digitalSignature)",
                };
                Finding::pass(KEY_USAGE, format!("KeyUsage allows {allows}{note}"))
            } else if facts.key.is_rsa() {
                Finding::fail(
                    KEY_USAGE,
                    format!(
                        "KeyUsage ({}) has neither digitalSignature nor keyEncipherment: no TLS server use",
                        key_usage_names(value)
                    ),
                )
            } else {
                Finding::fail(
                    KEY_USAGE,
                    format!(
                        "KeyUsage ({}) lacks digitalSignature: no TLS server use",
                        key_usage_names(value)
                    ),
                )
            }
        }
    }
}

pub(crate) fn key_usage_names(ku: &x509_cert::ext::pkix::KeyUsage) -> String {
    let names = [
        (ku.digital_signature(), "digitalSignature"),
        (ku.non_repudiation(), "nonRepudiation"),
        (ku.key_encipherment(), "keyEncipherment"),
        (ku.data_encipherment(), "dataEncipherment"),
        (ku.key_agreement(), "keyAgreement"),
        (ku.key_cert_sign(), "keyCertSign"),
        (ku.crl_sign(), "cRLSign"),
        (ku.encipher_only(), "encipherOnly"),
        (ku.decipher_only(), "decipherOnly"),
    ];
    let set: Vec<&str> = names
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| *n)
        .collect();
    if set.is_empty() {
        "empty".to_owned()
    } else {
        set.join(", ")
    }
}

const EKU: &str = "extended-key-usage";

fn extended_key_usage(facts: &Facts) -> Finding {
    match &facts.eku {
        Ext::Absent => Finding::warn(
            EKU,
            "no ExtendedKeyUsage extension (most clients accept any use; some policies require serverAuth)",
        ),
        Ext::Malformed => Finding::fail(EKU, "ExtendedKeyUsage extension cannot be decoded"),
        Ext::Present { value, .. } => {
            if value.contains(&oid::SERVER_AUTH) {
                Finding::pass(EKU, "ExtendedKeyUsage includes serverAuth")
            } else if value.contains(&oid::ANY_EKU) {
                Finding::pass(EKU, "ExtendedKeyUsage includes anyExtendedKeyUsage")
            } else {
                Finding::fail(
                    EKU,
                    format!(
                        "ExtendedKeyUsage ({}) has neither serverAuth nor anyExtendedKeyUsage: no TLS server use",
                        eku_names(value)
                    ),
                )
            }
        }
    }
}

pub(crate) fn eku_names(ekus: &[const_oid::ObjectIdentifier]) -> String {
    if ekus.is_empty() {
        return "empty".to_owned();
    }
    ekus.iter()
        .map(|o| match *o {
            oid::SERVER_AUTH => "serverAuth".to_owned(),
            oid::CLIENT_AUTH => "clientAuth".to_owned(),
            oid::ANY_EKU => "anyExtendedKeyUsage".to_owned(),
            ref other => match other.to_string().as_str() {
                "1.3.6.1.5.5.7.3.3" => "codeSigning".to_owned(),
                "1.3.6.1.5.5.7.3.4" => "emailProtection".to_owned(),
                "1.3.6.1.5.5.7.3.8" => "timeStamping".to_owned(),
                "1.3.6.1.5.5.7.3.9" => "OCSPSigning".to_owned(),
                s => s.to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const HOST_NAME: &str = "host-name";

fn host_name(facts: &Facts, host: Option<&str>) -> Finding {
    let Some(host) = host.map(str::trim).filter(|h| !h.is_empty()) else {
        return Finding::pass(HOST_NAME, "no host name given; not checked");
    };
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let ip = bare.parse::<IpAddr>().ok();
    let sans = facts.san_names();
    let has_san = matches!(facts.san, Ext::Present { .. });
    let matched = sans.iter().find(|n| match (n, ip) {
        (AltName::Ip(a), Some(ip)) => *a == ip,
        (AltName::Dns(d), None) => dns_matches(d, host),
        _ => false,
    });
    if let Some(m) = matched {
        return Finding::pass(HOST_NAME, format!("{host} matches SAN {m}"));
    }
    let cn_matches = facts.common_name.as_deref().is_some_and(|cn| match ip {
        Some(ip) => cn.parse::<IpAddr>().is_ok_and(|c| c == ip),
        None => dns_matches(cn, host),
    });
    let listed = if sans.is_empty() {
        "none".to_owned()
    } else {
        sans.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if has_san {
        let cn_note = if cn_matches {
            " (the CN matches, but clients ignore the CN when a SAN is present)"
        } else {
            ""
        };
        Finding::fail(
            HOST_NAME,
            format!("{host} is not among the SubjectAlternativeNames ({listed}){cn_note}"),
        )
    } else if cn_matches {
        Finding::warn(
            HOST_NAME,
            format!(
                "{host} matches only the subject CN; there is no SubjectAlternativeName (browsers ignore the CN)"
            ),
        )
    } else {
        Finding::fail(
            HOST_NAME,
            format!(
                "{host} matches no SubjectAlternativeName (there is none) nor the CN{}",
                facts
                    .common_name
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
        )
    }
}

const BASIC_CONSTRAINTS: &str = "basic-constraints";

fn basic_constraints(facts: &Facts) -> Finding {
    match &facts.basic_constraints {
        Ext::Malformed => Finding::fail(
            BASIC_CONSTRAINTS,
            "BasicConstraints extension cannot be decoded",
        ),
        _ if facts.is_ca() => Finding::warn(
            BASIC_CONSTRAINTS,
            "the certificate is a CA (BasicConstraints cA=true); a TLS server certificate should not be",
        ),
        _ => Finding::pass(BASIC_CONSTRAINTS, "not a CA certificate"),
    }
}

const CHAIN: &str = "chain";

fn same_cert(a: &Certificate, b: &Certificate) -> bool {
    a == b
        || (a.tbs_certificate().subject() == b.tbs_certificate().subject()
            && a.tbs_certificate().subject_public_key_info()
                == b.tbs_certificate().subject_public_key_info())
}

/// Searches a path from `cert` to a trust anchor through `chain` and the anchors (issuer name
/// and signature at each step, no certificate twice). On failure returns the last certificate
/// reached.
fn find_path<'c>(
    cert: &'c Certificate,
    candidates: &[&'c Certificate],
    anchors: &[Certificate],
    used: &mut Vec<bool>,
    path: &mut Vec<&'c Certificate>,
    deepest: &mut Vec<&'c Certificate>,
) -> bool {
    if path.len() > deepest.len() {
        deepest.clone_from(path);
    }
    let wanted = cert.tbs_certificate().issuer();
    for (i, issuer) in candidates.iter().enumerate() {
        // Names first: a signature check costs ~0.1 ms, and a cacerts has ~150 anchors.
        if used.get(i).copied().unwrap_or(true)
            || issuer.tbs_certificate().subject() != wanted
            || !signed_by(cert, issuer)
        {
            continue;
        }
        path.push(issuer);
        if anchors.iter().any(|a| same_cert(a, issuer)) {
            return true;
        }
        if !is_self_signed(issuer) {
            if let Some(slot) = used.get_mut(i) {
                *slot = true;
            }
            if find_path(issuer, candidates, anchors, used, path, deepest) {
                return true;
            }
        } else if path.len() > deepest.len() {
            deepest.clone_from(path);
        }
        path.pop();
    }
    false
}

fn chain_check(leaf: &Certificate, chain: &[Certificate], policy: &TlsServerPolicy<'_>) -> Finding {
    let anchors = policy.trust_anchors;
    let n = anchors.len();
    let trusted = |c: &Certificate| anchors.iter().any(|a| same_cert(a, c));
    if trusted(leaf) {
        return Finding::pass(CHAIN, "the certificate is itself a trusted certificate");
    }
    if is_self_signed(leaf) {
        return Finding::fail(
            CHAIN,
            format!("self-signed and not among the {n} trusted certificates"),
        );
    }
    let candidates: Vec<&Certificate> = chain.iter().chain(anchors.iter()).collect();
    let mut used = vec![false; candidates.len()];
    let mut path = vec![leaf];
    let mut deepest = Vec::new();
    if find_path(
        leaf,
        &candidates,
        anchors,
        &mut used,
        &mut path,
        &mut deepest,
    ) {
        let anchor = path
            .last()
            .map(|c| c.tbs_certificate().subject().to_string())
            .unwrap_or_default();
        let expired: Vec<String> = path
            .iter()
            .skip(1)
            .filter(|c| {
                let v = c.tbs_certificate().validity();
                policy.now > unix(v.not_after) || policy.now < unix(v.not_before)
            })
            .map(|c| {
                format!(
                    "{} (valid until {})",
                    c.tbs_certificate().subject(),
                    utc(unix(c.tbs_certificate().validity().not_after))
                )
            })
            .collect();
        // The path ends at a trusted intermediate that the entry's chain does not carry: a
        // server sends only the entry's chain, so clients that trust just the root cannot build
        // the path (spec §4.3 row 11, "chain incomplete in the source").
        let missing: Vec<String> = path
            .last()
            .filter(|a| path.len() > 1 && !is_self_signed(a))
            .filter(|a| !chain.iter().any(|own| same_cert(own, a)))
            .map(|a| a.tbs_certificate().subject().to_string())
            .into_iter()
            .collect();
        if expired.is_empty() && missing.is_empty() {
            Finding::pass(
                CHAIN,
                format!(
                    "verifies to the trusted certificate {anchor} ({} certificates)",
                    path.len()
                ),
            )
        } else if expired.is_empty() {
            Finding::warn(
                CHAIN,
                format!(
                    "verifies to {anchor}, but the entry's chain lacks the intermediate {}: \
                     a server sends only the entry's chain",
                    missing.join(", ")
                ),
            )
        } else {
            Finding::warn(
                CHAIN,
                format!(
                    "verifies to {anchor}, but not within its validity: {}",
                    expired.join("; ")
                ),
            )
        }
    } else {
        let last = deepest.last().copied().unwrap_or(leaf);
        let issuer = last.tbs_certificate().issuer();
        if is_self_signed(last) {
            Finding::fail(
                CHAIN,
                format!(
                    "the chain ends at the self-signed {}, which is not among the {n} trusted certificates",
                    last.tbs_certificate().subject()
                ),
            )
        } else if candidates
            .iter()
            .any(|c| c.tbs_certificate().subject() == issuer)
        {
            Finding::fail(
                CHAIN,
                format!(
                    "the signature of {} does not verify with the key of its issuer {issuer}",
                    last.tbs_certificate().subject()
                ),
            )
        } else {
            Finding::fail(
                CHAIN,
                format!(
                    "issuer {issuer} of {} is neither in the chain ({} certificates) nor among the {n} trusted certificates",
                    last.tbs_certificate().subject(),
                    chain.len()
                ),
            )
        }
    }
}
