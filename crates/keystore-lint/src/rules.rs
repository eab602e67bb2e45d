//! The runbook rules (`rkeytool -lint`) and the checks shared with [`crate::check_tls_server`].

use core::{net::IpAddr, time::Duration};

use der::{DateTime, Encode};
use keystore_certgen::{is_self_signed, signed_by, verify_signature};
use spki::SubjectPublicKeyInfoRef;
use x509_cert::{Certificate, request::CertReq};

use crate::{
    Finding, LintPolicy, Role,
    facts::{AltName, Digest, Ext, Facts, Key, SigAlg, SigKey, digest_name, oid, unix},
    host::fqdn_problem,
    tls::eku_names,
};

const DAY: i64 = 86_400;

/// `2025-01-31 12:00:00 UTC`, or the raw number for times out of range.
pub(crate) fn utc(secs: i64) -> String {
    u64::try_from(secs)
        .ok()
        .and_then(|s| DateTime::from_unix_duration(Duration::from_secs(s)).ok())
        .map_or_else(
            || format!("{secs} s after the epoch"),
            |d| {
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
                    d.year(),
                    d.month(),
                    d.day(),
                    d.hour(),
                    d.minutes(),
                    d.seconds()
                )
            },
        )
}

fn plural(n: i64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

const VALIDITY: &str = "validity";

/// `validity`: FAIL before notBefore or after notAfter, WARN within `warn_days` of notAfter.
pub(crate) fn validity_window(cert: &Certificate, now: i64, warn_days: u32) -> Finding {
    let v = cert.tbs_certificate().validity();
    let (nb, na) = (unix(v.not_before), unix(v.not_after));
    if now < nb {
        let days = (nb - now + DAY - 1) / DAY;
        Finding::fail(
            VALIDITY,
            format!(
                "not yet valid: valid from {} (in {})",
                utc(nb),
                plural(days, "day")
            ),
        )
    } else if now > na {
        let days = (now - na) / DAY;
        Finding::fail(
            VALIDITY,
            format!("expired on {} ({} ago)", utc(na), plural(days, "day")),
        )
    } else {
        let left = (na - now) / DAY;
        if na - now < i64::from(warn_days) * DAY {
            Finding::warn(
                VALIDITY,
                format!(
                    "expires on {} (in {}; warning threshold {warn_days} days)",
                    utc(na),
                    plural(left, "day")
                ),
            )
        } else {
            Finding::pass(
                VALIDITY,
                format!("valid until {} ({} left)", utc(na), plural(left, "day")),
            )
        }
    }
}

const KEY_STRENGTH: &str = "key-strength";

/// `key-strength`: FAIL RSA < 2048, EC < 256, DSA; WARN unknown key types.
pub(crate) fn key_strength(key: Key) -> Finding {
    match key {
        Key::Rsa(bits) if bits < 2048 => Finding::fail(
            KEY_STRENGTH,
            format!("{key}: RSA keys must have at least 2048 bits"),
        ),
        Key::Ec(_, Some(bits)) if bits < 256 => Finding::fail(
            KEY_STRENGTH,
            format!("{key}: EC keys must be at least P-256"),
        ),
        Key::Ec(_, None) => Finding::warn(KEY_STRENGTH, format!("{key}: unknown curve")),
        Key::Dsa(_) => Finding::fail(
            KEY_STRENGTH,
            format!("{key}: DSA keys are not usable for TLS"),
        ),
        Key::Other(_) => Finding::warn(KEY_STRENGTH, format!("{key}: unknown key type")),
        Key::Rsa(_) | Key::Ec(..) | Key::Ed25519 | Key::Ed448 => {
            Finding::pass(KEY_STRENGTH, key.to_string())
        }
    }
}

/// Whose signature is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SigContext {
    /// A certificate signed by a CA.
    Issued,
    /// A self-signed certificate (nobody verifies its own signature when it is trusted).
    SelfSigned,
    /// A certificate request's proof of possession (the CA chooses the certificate's algorithm).
    Request,
}

const SIGNATURE: &str = "signature-algorithm";

/// `signature-algorithm`: FAIL MD2/MD5/DSA, SHA-1 on an issued certificate; WARN SHA-1 on a
/// self-signed certificate or a request; SHA-224 FAILs when `strict` (the runbook rule "SHA-256
/// or stronger"), else WARNs.
pub(crate) fn signature_strength(sig: &SigAlg, context: SigContext, strict: bool) -> Finding {
    let name = &sig.name;
    if sig.key == Some(SigKey::Dsa) {
        return Finding::fail(
            SIGNATURE,
            format!("{name}: DSA signatures are not acceptable"),
        );
    }
    match sig.digest {
        None => Finding::warn(SIGNATURE, format!("{name}: unknown signature algorithm")),
        Some(d @ (Digest::Md2 | Digest::Md5)) => Finding::fail(
            SIGNATURE,
            format!(
                "{name}: {} is broken; use SHA-256 or stronger",
                digest_name(d)
            ),
        ),
        Some(Digest::Sha1) => match context {
            SigContext::Issued => Finding::fail(
                SIGNATURE,
                format!("{name}: SHA-1 signatures are rejected; use SHA-256 or stronger"),
            ),
            SigContext::SelfSigned => Finding::warn(
                SIGNATURE,
                format!(
                    "{name}: SHA-1 on a self-signed certificate (harmless once trusted, but re-create it with SHA-256)"
                ),
            ),
            SigContext::Request => Finding::warn(
                SIGNATURE,
                format!("{name}: the request is signed with SHA-1; ask for SHA-256 or stronger"),
            ),
        },
        Some(Digest::Sha224) if strict => Finding::fail(
            SIGNATURE,
            format!("{name}: SHA-224 is below the required SHA-256"),
        ),
        Some(Digest::Sha224) => {
            Finding::warn(SIGNATURE, format!("{name}: SHA-224 is weaker than SHA-256"))
        }
        Some(Digest::Sha256 | Digest::Sha384 | Digest::Sha512 | Digest::Intrinsic) => {
            Finding::pass(SIGNATURE, name.clone())
        }
    }
}

const SAN_PRESENT: &str = "san-present";
const SAN_CONTAINS_CN: &str = "san-contains-cn";
const CN_FQDN: &str = "cn-fqdn";
const EKU_ROLE: &str = "eku-role";
const EC_SIGNED_BY_RSA: &str = "ec-signed-by-rsa";
const VALIDITY_PERIOD: &str = "validity-period";
const REQUEST_SIGNATURE: &str = "request-signature";

const CA_NOT_APPLICABLE: &str = "not applicable to a CA certificate";

fn san_present(facts: &Facts) -> Finding {
    if facts.is_ca() {
        return Finding::pass(SAN_PRESENT, CA_NOT_APPLICABLE);
    }
    match &facts.san {
        Ext::Absent => Finding::fail(SAN_PRESENT, "no SubjectAlternativeName extension"),
        Ext::Malformed => Finding::fail(
            SAN_PRESENT,
            "SubjectAlternativeName extension cannot be decoded",
        ),
        Ext::Present { value, .. } => {
            if value
                .iter()
                .any(|n| matches!(n, AltName::Dns(_) | AltName::Ip(_)))
            {
                Finding::pass(SAN_PRESENT, list(value))
            } else {
                Finding::fail(
                    SAN_PRESENT,
                    format!(
                        "SubjectAlternativeName has no DNS name or IP address ({})",
                        list(value)
                    ),
                )
            }
        }
    }
}

fn list(names: &[AltName]) -> String {
    if names.is_empty() {
        return "empty".to_owned();
    }
    names
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn san_contains_cn(facts: &Facts) -> Finding {
    if facts.is_ca() {
        return Finding::pass(SAN_CONTAINS_CN, CA_NOT_APPLICABLE);
    }
    let Some(cn) = facts.common_name.as_deref() else {
        return Finding::pass(SAN_CONTAINS_CN, "the subject has no CN to look for");
    };
    let norm = |s: &str| s.strip_suffix('.').unwrap_or(s).to_ascii_lowercase();
    let ip = cn.parse::<IpAddr>().ok();
    let found = facts.san_names().iter().any(|n| match n {
        AltName::Dns(d) => ip.is_none() && norm(d) == norm(cn),
        AltName::Ip(a) => ip == Some(*a),
        AltName::Other(_) => false,
    });
    match (&facts.san, found) {
        (_, true) => Finding::pass(SAN_CONTAINS_CN, format!("CN {cn} is among the SANs")),
        (Ext::Present { value, .. }, false) => Finding::fail(
            SAN_CONTAINS_CN,
            format!(
                "CN {cn} is not among the SubjectAlternativeNames ({})",
                list(value)
            ),
        ),
        (_, false) => Finding::fail(
            SAN_CONTAINS_CN,
            format!("CN {cn} is not in a SubjectAlternativeName (there is none)"),
        ),
    }
}

fn cn_fqdn(facts: &Facts) -> Finding {
    if facts.is_ca() {
        return Finding::pass(CN_FQDN, CA_NOT_APPLICABLE);
    }
    match facts.common_name.as_deref() {
        None => Finding::fail(
            CN_FQDN,
            format!("the subject ({}) has no CN", facts.subject),
        ),
        Some(cn) => match fqdn_problem(cn) {
            Some(problem) => Finding::fail(CN_FQDN, problem),
            None => Finding::pass(CN_FQDN, format!("CN {cn} is a fully qualified name")),
        },
    }
}

fn eku_role(facts: &Facts, role: Role) -> Finding {
    if facts.is_ca() {
        return Finding::pass(EKU_ROLE, CA_NOT_APPLICABLE);
    }
    let needed: &[(const_oid::ObjectIdentifier, &str)] = match role {
        Role::Server => &[(oid::SERVER_AUTH, "serverAuth")],
        Role::Client => &[(oid::CLIENT_AUTH, "clientAuth")],
        Role::Both => &[
            (oid::SERVER_AUTH, "serverAuth"),
            (oid::CLIENT_AUTH, "clientAuth"),
        ],
    };
    let names = |n: &[(const_oid::ObjectIdentifier, &str)]| {
        n.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(" and ")
    };
    match &facts.eku {
        Ext::Absent => Finding::fail(
            EKU_ROLE,
            format!(
                "no ExtendedKeyUsage extension; role {role} needs {}",
                names(needed)
            ),
        ),
        Ext::Malformed => Finding::fail(EKU_ROLE, "ExtendedKeyUsage extension cannot be decoded"),
        Ext::Present { value, .. } => {
            if value.contains(&oid::ANY_EKU) {
                return Finding::pass(EKU_ROLE, format!("anyExtendedKeyUsage covers role {role}"));
            }
            let missing: Vec<_> = needed
                .iter()
                .copied()
                .filter(|(o, _)| !value.contains(o))
                .collect();
            if missing.is_empty() {
                Finding::pass(
                    EKU_ROLE,
                    format!("ExtendedKeyUsage ({}) fits role {role}", eku_names(value)),
                )
            } else {
                Finding::fail(
                    EKU_ROLE,
                    format!(
                        "ExtendedKeyUsage ({}) lacks {}, which role {role} needs",
                        eku_names(value),
                        names(&missing)
                    ),
                )
            }
        }
    }
}

fn ec_signed_by_rsa(cert: &Certificate, facts: &Facts, chain: &[Certificate]) -> Finding {
    if !facts.key.is_ec() {
        return Finding::pass(EC_SIGNED_BY_RSA, "not an EC key");
    }
    let issuer_name = cert.tbs_certificate().issuer();
    if facts.sig.key == Some(SigKey::Rsa) {
        return Finding::fail(
            EC_SIGNED_BY_RSA,
            format!(
                "{} key signed with {} by the RSA CA {issuer_name}",
                facts.key, facts.sig.name
            ),
        );
    }
    if is_self_signed(cert) {
        return Finding::pass(EC_SIGNED_BY_RSA, "self-signed EC certificate");
    }
    // Walk up the given chain by name (and signature where it verifies).
    let mut current = cert;
    let mut seen = 0;
    while seen < chain.len() {
        seen += 1;
        let Some(issuer) = chain.iter().find(|c| signed_by(current, c)).or_else(|| {
            chain
                .iter()
                .find(|c| c.tbs_certificate().subject() == current.tbs_certificate().issuer())
        }) else {
            break;
        };
        let key = Key::of(issuer.tbs_certificate().subject_public_key_info());
        if key.is_rsa() {
            let direct = core::ptr::eq(current, cert);
            let msg = format!(
                "{} key in a chain with the RSA CA {} ({key})",
                facts.key,
                issuer.tbs_certificate().subject()
            );
            return if direct {
                Finding::fail(EC_SIGNED_BY_RSA, msg)
            } else {
                Finding::warn(EC_SIGNED_BY_RSA, msg)
            };
        }
        if is_self_signed(issuer) {
            break;
        }
        if SigAlg::of(issuer.signature_algorithm()).key == Some(SigKey::Rsa) {
            return Finding::warn(
                EC_SIGNED_BY_RSA,
                format!(
                    "{} key in a chain with the RSA CA {} (which signed {})",
                    facts.key,
                    issuer.tbs_certificate().issuer(),
                    issuer.tbs_certificate().subject()
                ),
            );
        }
        current = issuer;
    }
    Finding::pass(
        EC_SIGNED_BY_RSA,
        format!("{} key signed with {}", facts.key, facts.sig.name),
    )
}

/// The runbooks' validity table: days and years.
const PERIODS: &[(i64, i64)] = &[(365, 1), (730, 2), (1095, 3), (1825, 5), (3650, 10)];

fn years(days: i64) -> String {
    // One decimal, computed in integers: tenths of a 365-day year, rounded.
    let tenths = (days * 10 + 182) / 365;
    if tenths % 10 == 0 {
        plural(tenths / 10, "year")
    } else {
        format!("{}.{} years", tenths / 10, tenths % 10)
    }
}

fn validity_period(cert: &Certificate) -> Finding {
    let v = cert.tbs_certificate().validity();
    let secs = unix(v.not_after) - unix(v.not_before);
    let days = (secs + DAY / 2).div_euclid(DAY);
    if let Some((d, y)) = PERIODS.iter().find(|(d, _)| *d == days) {
        return Finding::pass(
            VALIDITY_PERIOD,
            format!(
                "{days} days ({}), as in the runbooks' table ({d} days = {})",
                plural(*y, "year"),
                plural(*y, "year")
            ),
        );
    }
    if let Some((d, y)) = PERIODS.iter().find(|(d, _)| (days - d).abs() <= 1) {
        return Finding::pass(
            VALIDITY_PERIOD,
            format!(
                "{days} days ({}; {d} days = {} in the runbooks' table, off by a leap day)",
                years(days),
                plural(*y, "year")
            ),
        );
    }
    if days == 1895 {
        return Finding::warn(
            VALIDITY_PERIOD,
            "1895 days (5.2 years): probably meant to be 5 years = 1825 days (the runbooks' \"5 years = 1895 days\" is a typo)",
        );
    }
    Finding::warn(
        VALIDITY_PERIOD,
        format!(
            "{days} days ({}) is not a period of the runbooks' table (365, 730, 1095, 1825 or 3650 days)",
            years(days)
        ),
    )
}

/// `rkeytool -lint` on a certificate: the runbook rules of issue 5, one finding per rule (passing
/// ones too), in this order:
///
/// | id | FAIL | WARN |
/// |---|---|---|
/// | `san-present` | no SubjectAlternativeName, or one without a DNS name / IP address | — |
/// | `san-contains-cn` | the CN is not among the SAN DNS names / IP addresses | — |
/// | `cn-fqdn` | no CN, a short name (`host`), an IP address, not a DNS name | — |
/// | `key-strength` | RSA < 2048 bits, EC < P-256, DSA | unknown key type or curve |
/// | `signature-algorithm` | MD2, MD5, DSA, SHA-224; SHA-1 unless self-signed | SHA-1 on a self-signed certificate |
/// | `eku-role` | no EKU, or one without serverAuth / clientAuth as `policy.role` needs | — |
/// | `validity` | not yet valid, expired | expires within `expiry_warning_days` |
/// | `ec-signed-by-rsa` | EC key signed by an RSA key (signature algorithm, or the issuer found in `chain`) | an RSA CA higher up in `chain` |
/// | `validity-period` | — | period not in the runbooks' table (365/730/1095/1825/3650 days, ± a leap day); 1895 days (the runbooks' typo for 1825) |
///
/// For CA certificates (BasicConstraints cA=true) the leaf rules `san-present`,
/// `san-contains-cn`, `cn-fqdn` and `eku-role` pass as not applicable.
#[must_use]
pub fn lint_certificate(
    cert: &Certificate,
    chain: &[Certificate],
    policy: &LintPolicy,
) -> Vec<Finding> {
    let facts = Facts::of_cert(cert);
    let context = if is_self_signed(cert) {
        SigContext::SelfSigned
    } else {
        SigContext::Issued
    };
    vec![
        san_present(&facts),
        san_contains_cn(&facts),
        cn_fqdn(&facts),
        key_strength(facts.key),
        signature_strength(&facts.sig, context, true),
        eku_role(&facts, policy.role),
        validity_window(cert, policy.now, policy.expiry_warning_days),
        ec_signed_by_rsa(cert, &facts, chain),
        validity_period(cert),
    ]
}

fn request_signature(req: &CertReq, sig: &SigAlg) -> Finding {
    let verified = (|| {
        let info = req.info.to_der().ok()?;
        let spki_der = req.info.public_key.to_der().ok()?;
        let spki = SubjectPublicKeyInfoRef::try_from(spki_der.as_slice()).ok()?;
        let sig = req.signature.as_bytes()?;
        Some(verify_signature(req.algorithm.oid, spki, &info, sig))
    })();
    match verified {
        Some(true) => Finding::pass(
            REQUEST_SIGNATURE,
            "the request's signature verifies with its key",
        ),
        _ if req.algorithm.oid == oid::RSASSA_PSS
            || req.algorithm.oid == oid::ED448
            || matches!(sig.key, None | Some(SigKey::Dsa)) =>
        {
            Finding::warn(
                REQUEST_SIGNATURE,
                format!(
                    "the request's signature ({}) cannot be verified here",
                    sig.name
                ),
            )
        }
        _ => Finding::fail(
            REQUEST_SIGNATURE,
            "the request's signature does not verify with its key (corrupt or altered request)",
        ),
    }
}

/// `rkeytool -lint` on a certificate request: the rules that apply before a CA has signed —
/// `san-present`, `san-contains-cn`, `cn-fqdn`, `key-strength`, `signature-algorithm` (SHA-1
/// only WARNs: the CA chooses the certificate's algorithm) and `eku-role`, read from the
/// extensionRequest attribute, plus `request-signature` (FAIL when the request's own signature
/// does not verify).
#[must_use]
pub fn lint_request(req: &CertReq, policy: &LintPolicy) -> Vec<Finding> {
    let facts = Facts::of_request(req);
    vec![
        san_present(&facts),
        san_contains_cn(&facts),
        cn_fqdn(&facts),
        key_strength(facts.key),
        signature_strength(&facts.sig, SigContext::Request, true),
        eku_role(&facts, policy.role),
        request_signature(req, &facts.sig),
    ]
}
