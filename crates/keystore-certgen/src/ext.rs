//! keytool's `-ext` grammar (spec §8) and Subject Alternative Names.

use core::{
    fmt,
    net::{IpAddr, Ipv4Addr, Ipv6Addr},
    str::FromStr,
};
use std::collections::BTreeMap;

use const_oid::ObjectIdentifier;
use der::{
    Encode,
    asn1::{Ia5String, OctetString},
    flagset::FlagSet,
};
use x509_cert::ext::{
    Extension,
    pkix::{
        BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
        crl::dp::DistributionPoint,
        name::{DistributionPointName, GeneralName},
    },
};

/// OIDs of the extensions keytool names.
pub mod oid {
    use const_oid::ObjectIdentifier;

    /// SubjectKeyIdentifier, 2.5.29.14.
    pub const SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
    /// KeyUsage, 2.5.29.15.
    pub const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
    /// SubjectAlternativeName, 2.5.29.17.
    pub const SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");
    /// IssuerAlternativeName, 2.5.29.18.
    pub const ISSUER_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.18");
    /// BasicConstraints, 2.5.29.19.
    pub const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
    /// CRLDistributionPoints, 2.5.29.31.
    pub const CRL_DISTRIBUTION_POINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.31");
    /// AuthorityKeyIdentifier, 2.5.29.35.
    pub const AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("2.5.29.35");
    /// ExtendedKeyUsage, 2.5.29.37.
    pub const EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
    /// AuthorityInfoAccess, 1.3.6.1.5.5.7.1.1.
    pub const AUTHORITY_INFO_ACCESS: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
    /// SubjectInfoAccess, 1.3.6.1.5.5.7.1.11.
    pub const SUBJECT_INFO_ACCESS: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.11");
}

/// A `-ext` value keytool refuses. `Display` gives keytool's text after `keytool error: `.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtError {
    /// `java.lang.Exception: <msg>` (Illegal value, Unknown keyUsage type, ambiguous command, …).
    Exception(String),
    /// `java.lang.RuntimeException: java.io.IOException: <msg>` (bad DNS name, IP, URI, OID, …).
    Io(String),
    /// `java.lang.RuntimeException: java.net.UnknownHostException: <v>: Name or service not known`.
    UnknownHost(String),
    /// The extension value could not be DER-encoded.
    Encoding,
}

impl ExtError {
    fn exception(msg: impl Into<String>) -> Self {
        Self::Exception(msg.into())
    }

    fn illegal_value(ext: &str) -> Self {
        Self::Exception(format!("Illegal value: {ext}"))
    }

    fn bad_oid(s: &str) -> Self {
        Self::Io(format!(
            "ObjectIdentifier() -- Invalid format: java.lang.NumberFormatException: For input string: \"{}\"",
            s.split('.')
                .find(|p| p.parse::<u64>().is_err())
                .unwrap_or(s)
        ))
    }
}

impl fmt::Display for ExtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exception(m) => write!(f, "java.lang.Exception: {m}"),
            Self::Io(m) => write!(f, "java.lang.RuntimeException: java.io.IOException: {m}"),
            Self::UnknownHost(v) => write!(
                f,
                "java.lang.RuntimeException: java.net.UnknownHostException: {v}: Name or service not known"
            ),
            Self::Encoding => f.write_str("extension value could not be encoded"),
        }
    }
}

impl core::error::Error for ExtError {}

impl From<der::Error> for ExtError {
    fn from(_: der::Error) -> Self {
        Self::Encoding
    }
}

/// keytool's `oneOf`: exact match; else a unique candidate that has `s` as prefix or as its
/// "camel abbreviation" (case-sensitive, then ignoring case). `None` candidates mark the start
/// of experimental names, which lose to earlier ones on ambiguity. Returns `Ok(None)` for no match.
fn one_of(s: &str, list: &[Option<&str>]) -> Result<Option<usize>, ExtError> {
    if let Some(i) = list.iter().position(|c| *c == Some(s)) {
        return Ok(Some(i));
    }
    let experiment = list.iter().position(Option::is_none).unwrap_or(usize::MAX);
    let camel = |c: &str| -> String {
        let mut out = String::new();
        for (i, ch) in c.chars().enumerate() {
            if i == 0 || !ch.is_ascii_lowercase() {
                out.push(ch);
            }
        }
        out
    };
    let matches_with = |ignore_case: bool| -> Vec<usize> {
        list.iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = (*c)?;
                let hit = if ignore_case {
                    c.to_lowercase().starts_with(&s.to_lowercase())
                        || camel(c).eq_ignore_ascii_case(s)
                } else {
                    c.starts_with(s) || camel(c) == s
                };
                hit.then_some(i)
            })
            .collect()
    };
    let strict = matches_with(false);
    if let [one] = strict[..] {
        return Ok(Some(one));
    }
    let loose = matches_with(true);
    match loose[..] {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        [first, second, ..] if second > experiment => Ok(Some(first)),
        _ => {
            let mut msg = format!("command {s} is ambiguous:\n    ");
            for i in loose.iter().filter(|i| **i < experiment) {
                msg.push(' ');
                msg.push_str(list.get(*i).copied().flatten().unwrap_or_default());
            }
            Err(ExtError::Exception(msg))
        }
    }
}

const EXT_NAMES: &[Option<&str>] = &[
    Some("BasicConstraints"),
    Some("KeyUsage"),
    Some("ExtendedKeyUsage"),
    Some("SubjectAlternativeName"),
    Some("IssuerAlternativeName"),
    Some("SubjectInfoAccess"),
    Some("AuthorityInfoAccess"),
    None,
    Some("CRLDistributionPoints"),
];

const KU_NAMES: &[Option<&str>] = &[
    Some("digitalSignature"),
    Some("nonRepudiation"),
    Some("keyEncipherment"),
    Some("dataEncipherment"),
    Some("keyAgreement"),
    Some("keyCertSign"),
    Some("cRLSign"),
    Some("encipherOnly"),
    Some("decipherOnly"),
    Some("contentCommitment"),
];

const EKU_NAMES: &[Option<&str>] = &[
    Some("anyExtendedKeyUsage"),
    Some("serverAuth"),
    Some("clientAuth"),
    Some("codeSigning"),
    Some("emailProtection"),
    Some(""),
    Some(""),
    Some(""),
    Some("timeStamping"),
    Some("OCSPSigning"),
];

const GENERAL_NAME_TYPES: &[Option<&str>] = &[
    Some("EMAIL"),
    Some("URI"),
    Some("DNS"),
    Some("IP"),
    Some("OID"),
];

const ACCESS_METHODS: &[Option<&str>] = &[
    Some(""),
    Some("ocsp"),
    Some("caIssuers"),
    Some("timeStamping"),
    Some(""),
    Some("caRepository"),
];

/// Parses keytool `-ext` values (each `name[:critical][=value]`, spec §8) into extensions in
/// keytool's DER order (ascending dotted-OID string). A later value for the same extension
/// replaces an earlier one. `honored=…` (a `-gencert` directive, not an extension) is skipped.
///
/// Supported: BasicConstraints, KeyUsage, ExtendedKeyUsage, SubjectAlternativeName,
/// IssuerAlternativeName, SubjectInfoAccess, AuthorityInfoAccess, CRLDistributionPoints, and raw
/// dotted OIDs with a hex value, all with keytool's name abbreviations.
///
/// # Errors
/// [`ExtError`] with keytool's text for the first value keytool would refuse.
pub fn parse(values: &[String]) -> Result<Vec<Extension>, ExtError> {
    let mut map = BTreeMap::new();
    for v in values {
        if let Some(ext) = parse_one(v)? {
            map.insert(ext.extn_id.to_string(), ext);
        }
    }
    Ok(map.into_values().collect())
}

/// Sorts extensions into keytool's DER order (ascending dotted-OID string comparison).
pub fn sort_keytool(exts: &mut [Extension]) {
    exts.sort_by_cached_key(|e| e.extn_id.to_string());
}

fn ext(id: ObjectIdentifier, critical: bool, value: &impl Encode) -> Result<Extension, ExtError> {
    Ok(Extension {
        extn_id: id,
        critical,
        extn_value: OctetString::new(value.to_der()?)?,
    })
}

fn parse_one(extstr: &str) -> Result<Option<Extension>, ExtError> {
    let (name, value) = match extstr.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (extstr, None),
    };
    let (name, critical) = match name.split_once(':') {
        Some((n, c)) => (n, one_of(c, &[Some("critical")])? == Some(0)),
        None => (name, false),
    };
    if name.eq_ignore_ascii_case("honored") {
        return Ok(None);
    }
    let value = value.filter(|v| !v.is_empty());
    let kind = one_of(name, EXT_NAMES)?;
    let ext = match kind {
        Some(0) => basic_constraints(extstr, critical, value)?,
        Some(1) => {
            let value = value.ok_or_else(|| ExtError::illegal_value(extstr))?;
            let mut flags = FlagSet::<KeyUsages>::default();
            for s in value.split(',') {
                let bit = match one_of(s, KU_NAMES)? {
                    Some(0) => KeyUsages::DigitalSignature,
                    Some(1 | 9) => KeyUsages::NonRepudiation,
                    Some(2) => KeyUsages::KeyEncipherment,
                    Some(3) => KeyUsages::DataEncipherment,
                    Some(4) => KeyUsages::KeyAgreement,
                    Some(5) => KeyUsages::KeyCertSign,
                    Some(6) => KeyUsages::CRLSign,
                    Some(7) => KeyUsages::EncipherOnly,
                    Some(8) => KeyUsages::DecipherOnly,
                    _ => {
                        return Err(ExtError::exception(format!("Unknown keyUsage type: {s}")));
                    }
                };
                flags |= bit;
            }
            ext(oid::KEY_USAGE, critical, &KeyUsage(flags))?
        }
        Some(2) => {
            let value = value.ok_or_else(|| ExtError::illegal_value(extstr))?;
            let mut oids = Vec::new();
            for s in value.split(',') {
                let oid = match one_of(s, EKU_NAMES)? {
                    Some(0) => ObjectIdentifier::new_unwrap("2.5.29.37.0"),
                    Some(p) => ObjectIdentifier::new(&format!("1.3.6.1.5.5.7.3.{p}"))
                        .map_err(|_| ExtError::Encoding)?,
                    None => ObjectIdentifier::new(s).map_err(|_| {
                        ExtError::exception(format!("Unknown extendedkeyUsage type: {s}"))
                    })?,
                };
                oids.push(oid);
            }
            ext(oid::EXTENDED_KEY_USAGE, critical, &ExtendedKeyUsage(oids))?
        }
        Some(k @ (3 | 4)) => {
            let value = value.ok_or_else(|| ExtError::illegal_value(extstr))?;
            let mut names = Vec::new();
            for item in value.split(',') {
                let (t, v) = item.split_once(':').ok_or_else(|| {
                    ExtError::exception(format!("Illegal item {item} in {extstr}"))
                })?;
                names.push(San::from_type_value(t, v, k == 3)?.to_general_name()?);
            }
            let id = if k == 3 {
                oid::SUBJECT_ALT_NAME
            } else {
                oid::ISSUER_ALT_NAME
            };
            ext(id, critical, &names)?
        }
        Some(k @ (5 | 6)) => {
            if critical {
                return Err(ExtError::exception(format!(
                    "This extension cannot be marked as critical. {extstr}"
                )));
            }
            let value = value.ok_or_else(|| ExtError::illegal_value(extstr))?;
            let mut descs = Vec::new();
            for item in value.split(',') {
                let mut parts = item.splitn(3, ':');
                let (Some(m), Some(t), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
                    return Err(ExtError::illegal_value(extstr));
                };
                let method = match one_of(m, ACCESS_METHODS)? {
                    Some(p) => ObjectIdentifier::new(&format!("1.3.6.1.5.5.7.48.{p}"))
                        .map_err(|_| ExtError::Encoding)?,
                    None => ObjectIdentifier::new(m).map_err(|_| {
                        ExtError::exception(format!("Unknown AccessDescription type: {m}"))
                    })?,
                };
                descs.push(x509_cert::ext::pkix::AccessDescription {
                    access_method: method,
                    access_location: San::from_type_value(t, v, false)?.to_general_name()?,
                });
            }
            let id = if k == 5 {
                oid::SUBJECT_INFO_ACCESS
            } else {
                oid::AUTHORITY_INFO_ACCESS
            };
            ext(id, false, &descs)?
        }
        Some(8) => {
            let value = value.ok_or_else(|| ExtError::illegal_value(extstr))?;
            let mut names = Vec::new();
            for item in value.split(',') {
                let (t, v) = item.split_once(':').ok_or_else(|| {
                    ExtError::exception(format!("Illegal item {item} in {extstr}"))
                })?;
                names.push(San::from_type_value(t, v, false)?.to_general_name()?);
            }
            let dp = DistributionPoint {
                distribution_point: Some(DistributionPointName::FullName(names)),
                reasons: None,
                crl_issuer: None,
            };
            ext(oid::CRL_DISTRIBUTION_POINTS, critical, &vec![dp])?
        }
        _ => {
            let id = ObjectIdentifier::new(name).map_err(|_| ExtError::bad_oid(name))?;
            let mut data = Vec::new();
            let mut pending: Option<u8> = None;
            for d in value
                .unwrap_or_default()
                .chars()
                .filter_map(|c| c.to_digit(16))
            {
                let d = u8::try_from(d).map_err(|_| ExtError::Encoding)?;
                match pending.take() {
                    Some(hi) => data.push((hi << 4) | d),
                    None => pending = Some(d),
                }
            }
            if pending.is_some() {
                return Err(ExtError::exception(format!(
                    "Odd number of hex digits found: {extstr}"
                )));
            }
            Extension {
                extn_id: id,
                critical,
                extn_value: OctetString::new(data)?,
            }
        }
    };
    Ok(Some(ext))
}

fn basic_constraints(
    extstr: &str,
    critical: bool,
    value: Option<&str>,
) -> Result<Extension, ExtError> {
    let (ca, path_len): (bool, i64) = match value {
        None => (true, -1),
        Some(v) => match v.parse::<i64>() {
            Ok(n) => (true, n),
            Err(_) => {
                let (mut ca, mut path_len) = (false, -1);
                for part in v.split(',') {
                    let mut nv = part.split(':');
                    let (Some(n), Some(val), None) = (nv.next(), nv.next(), nv.next()) else {
                        return Err(ExtError::illegal_value(extstr));
                    };
                    if n.eq_ignore_ascii_case("ca") {
                        ca = val.eq_ignore_ascii_case("true");
                    } else if n.eq_ignore_ascii_case("pathlen") {
                        path_len = val.parse().map_err(|_| {
                            ExtError::Exception(format!(
                                "java.lang.NumberFormatException: For input string: \"{val}\""
                            ))
                        })?;
                    } else {
                        return Err(ExtError::illegal_value(extstr));
                    }
                }
                (ca, path_len)
            }
        },
    };
    // keytool: pathLen only for a CA, and a negative pathLen means "no limit".
    let path_len_constraint = if ca {
        u8::try_from(path_len).ok()
    } else {
        None
    };
    ext(
        oid::BASIC_CONSTRAINTS,
        critical,
        &BasicConstraints {
            ca,
            path_len_constraint,
        },
    )
}

/// One GeneralName in keytool's `type:value` syntax (`dns:example.com`, `ip:127.0.0.1`,
/// `ip:::1`, `email:a@b.c`, `uri:https://x`, `oid:1.2.3`); the type is case-insensitive and may be
/// abbreviated.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum San {
    /// `dNSName`.
    Dns(String),
    /// `iPAddress`.
    Ip(IpAddr),
    /// `rfc822Name`.
    Email(String),
    /// `uniformResourceIdentifier`.
    Uri(String),
    /// `registeredID`.
    Oid(ObjectIdentifier),
}

impl San {
    /// keytool's `createGeneralName`; `wildcard_ok` is true for SubjectAlternativeName only.
    fn from_type_value(t: &str, v: &str, wildcard_ok: bool) -> Result<Self, ExtError> {
        match one_of(t, GENERAL_NAME_TYPES)? {
            Some(0) => {
                if v.is_empty() {
                    return Err(ExtError::Io("RFC822Name may not be null or empty".into()));
                }
                Ok(Self::Email(v.to_owned()))
            }
            Some(1) => check_uri(v).map(|()| Self::Uri(v.to_owned())),
            Some(2) => check_dns(v, wildcard_ok).map(|()| Self::Dns(v.to_owned())),
            Some(3) => parse_ip(v).map(Self::Ip),
            Some(4) => ObjectIdentifier::new(v)
                .map(Self::Oid)
                .map_err(|_| ExtError::bad_oid(v)),
            _ => Err(ExtError::exception(format!(
                "Unrecognized GeneralName type: {t}"
            ))),
        }
    }

    /// The x509-cert `GeneralName`.
    ///
    /// # Errors
    /// [`ExtError::Encoding`] if a string is not IA5 (ASCII).
    pub fn to_general_name(&self) -> Result<GeneralName, ExtError> {
        Ok(match self {
            Self::Dns(s) => GeneralName::DnsName(Ia5String::new(s)?),
            Self::Email(s) => GeneralName::Rfc822Name(Ia5String::new(s)?),
            Self::Uri(s) => GeneralName::UniformResourceIdentifier(Ia5String::new(s)?),
            Self::Ip(IpAddr::V4(a)) => GeneralName::IpAddress(OctetString::new(a.octets())?),
            Self::Ip(IpAddr::V6(a)) => GeneralName::IpAddress(OctetString::new(a.octets())?),
            Self::Oid(o) => GeneralName::RegisteredId(*o),
        })
    }
}

impl FromStr for San {
    type Err = ExtError;

    /// Parses `type:value` as keytool's `-ext san=` items (wildcard DNS names allowed).
    fn from_str(s: &str) -> Result<Self, ExtError> {
        let (t, v) = s
            .split_once(':')
            .ok_or_else(|| ExtError::exception(format!("Illegal item {s} in san={s}")))?;
        Self::from_type_value(t, v, true)
    }
}

impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dns(s) => write!(f, "dns:{s}"),
            Self::Ip(a) => write!(f, "ip:{a}"),
            Self::Email(s) => write!(f, "email:{s}"),
            Self::Uri(s) => write!(f, "uri:{s}"),
            Self::Oid(o) => write!(f, "oid:{o}"),
        }
    }
}

/// Parses a SAN list in keytool's syntax, as after `-ext san=`:
/// `dns:host.example.com,dns:localhost,ip:10.0.0.1,email:a@example.com,uri:https://x/,oid:1.2.3`.
///
/// # Errors
/// keytool's error for an item without a type, an unknown type or a malformed value.
pub fn parse_san_list(list: &str) -> Result<Vec<San>, ExtError> {
    list.split(',').map(str::parse).collect()
}

/// A SubjectAlternativeName extension with `sans`, as keytool encodes `-ext san=…`.
///
/// # Errors
/// [`ExtError::Encoding`] if a name is not ASCII.
pub fn subject_alt_name(sans: &[San], critical: bool) -> Result<Extension, ExtError> {
    let names = sans
        .iter()
        .map(San::to_general_name)
        .collect::<Result<Vec<_>, _>>()?;
    ext(oid::SUBJECT_ALT_NAME, critical, &names)
}

fn check_dns(name: &str, wildcard_ok: bool) -> Result<(), ExtError> {
    let err = |m: &str| Err(ExtError::Io(m.to_owned()));
    if name.is_empty() {
        return err("DNSName must not be null or empty");
    }
    if name.contains(' ') {
        return err("DNSName with blank components is not permitted");
    }
    if name.starts_with('.') || name.ends_with('.') {
        return err("DNSName may not begin or end with a .");
    }
    for (i, label) in name.split('.').enumerate() {
        let mut chars = label.chars();
        let Some(first) = chars.next() else {
            return err("DNSName with empty components are not permitted");
        };
        if !first.is_ascii_alphanumeric() {
            if !(wildcard_ok && i == 0 && label == "*" && name.len() >= 3) {
                return if wildcard_ok {
                    err(
                        "DNSName components must begin with a letter, digit, or the first component can have only a wildcard character *",
                    )
                } else {
                    err("DNSName components must begin with a letter or digit")
                };
            }
            continue;
        }
        if chars.any(|c| !c.is_ascii_alphanumeric() && c != '-') {
            return err("DNSName components must consist of letters, digits, and hyphens");
        }
    }
    Ok(())
}

fn check_uri(v: &str) -> Result<(), ExtError> {
    let bad = v.is_empty()
        || v.chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    if bad {
        return Err(ExtError::Io(format!("invalid URI name:{v}")));
    }
    let scheme_ok = v.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if !scheme_ok {
        return Err(ExtError::Io(format!("URI name must include scheme:{v}")));
    }
    Ok(())
}

/// Java's literal IP parsing: IPv6 when the value contains `:` (optionally in `[]`), else the
/// `inet_aton` forms `a`, `a.b`, `a.b.c`, `a.b.c.d` in decimal.
fn parse_ip(v: &str) -> Result<IpAddr, ExtError> {
    if v.contains(':') {
        let inner = v
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .unwrap_or(v);
        return Ipv6Addr::from_str(inner)
            .map(IpAddr::V6)
            .map_err(|_| ExtError::Io(format!("Invalid IPAddress: {v}")));
    }
    if v.is_empty() || !v.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(ExtError::Io(format!("Invalid IPAddress: {v}")));
    }
    let unknown = || ExtError::UnknownHost(v.to_owned());
    let parts = v
        .split('.')
        .map(|p| p.parse::<u64>().map_err(|_| unknown()))
        .collect::<Result<Vec<_>, _>>()?;
    let (head, last) = parts.split_at(parts.len().saturating_sub(1));
    let last = *last.first().ok_or_else(unknown)?;
    if head.len() > 3 || head.iter().any(|p| *p > 255) {
        return Err(unknown());
    }
    let tail_bits = 8 * (4 - head.len());
    if last >= 1u64 << tail_bits {
        return Err(unknown());
    }
    let mut addr: u64 = 0;
    for p in head {
        addr = (addr << 8) | p;
    }
    addr = (addr << tail_bits) | last;
    let addr = u32::try_from(addr).map_err(|_| unknown())?;
    Ok(IpAddr::V4(Ipv4Addr::from(addr)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_camel_and_prefix() {
        assert_eq!(one_of("bc", EXT_NAMES), Ok(Some(0)));
        assert_eq!(one_of("san", EXT_NAMES), Ok(Some(3)));
        assert_eq!(one_of("crl", EXT_NAMES), Ok(Some(8)));
        assert_eq!(one_of("dig", KU_NAMES), Ok(Some(0)));
        assert_eq!(one_of("sA", EKU_NAMES), Ok(Some(1)));
        assert_eq!(one_of("foo", KU_NAMES), Ok(None));
    }

    #[test]
    fn ip_literals() {
        assert_eq!(
            parse_ip("1.2.3").ok(),
            Some(IpAddr::V4(Ipv4Addr::new(1, 2, 0, 3)))
        );
        assert_eq!(
            parse_ip("010.1.1.1").ok(),
            Some(IpAddr::V4(Ipv4Addr::new(10, 1, 1, 1)))
        );
        assert!(matches!(
            parse_ip("300.1.1.1"),
            Err(ExtError::UnknownHost(_))
        ));
        assert!(matches!(parse_ip("[::1]"), Ok(IpAddr::V6(_))));
    }
}
