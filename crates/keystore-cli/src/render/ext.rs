//! The `Extensions:` section (§6.2): Java's extension classes, their `toString()` bodies, their
//! parse failures, and `CertificateExtensions`' ordering.

use std::{borrow::Cow, collections::BTreeMap};

use super::{
    asn1::{
        self, BOOLEAN, ENUMERATED, GENERALIZED_TIME, INTEGER, JResult, OCTET_STRING, SEQUENCE, SET,
        Tlv, io,
    },
    dn,
    names::{general_name, general_names, list},
    num, oid, text,
};

/// One `Extension` as read from the certificate.
#[derive(Debug)]
pub(super) struct Extension<'a> {
    oid: String,
    critical: bool,
    value: Cow<'a, [u8]>,
}

impl Extension<'_> {
    pub(super) fn is_subject_alt_name(&self) -> bool {
        self.oid == "2.5.29.17"
    }

    pub(super) fn critical(&self) -> bool {
        self.critical
    }

    /// The dotted OID.
    pub(super) fn oid(&self) -> &str {
        &self.oid
    }

    /// The `extnValue` contents.
    pub(super) fn value(&self) -> &[u8] {
        &self.value
    }
}

/// `CertificateExtensions(DerInputStream)`: the SEQUENCE OF Extension inside `[3]`.
pub(super) fn parse_all<'a>(wrapper: &Tlv<'a>) -> JResult<Vec<Extension<'a>>> {
    parse_list(&wrapper.reader().read()?)
}

/// The SEQUENCE OF Extension itself (a CRL entry's `crlEntryExtensions`).
pub(super) fn parse_list<'a>(seq: &Tlv<'a>) -> JResult<Vec<Extension<'a>>> {
    let seq = *seq;
    if seq.tag != SEQUENCE {
        return io("Not the correct tag");
    }
    let mut r = seq.reader();
    let mut out = Vec::new();
    while !r.is_empty() {
        let e = r.read()?;
        if e.tag != SEQUENCE && e.tag != SET {
            return io(format!("toDerInputStream rejects tag type {}", e.tag));
        }
        let mut er = e.reader();
        let oid = er.read()?.oid()?;
        let mut v = er.read()?;
        let mut critical = false;
        if v.tag == BOOLEAN {
            critical = v.boolean()?;
            v = er.read()?;
        }
        out.push(Extension {
            oid,
            critical,
            value: v.octet_string()?,
        });
    }
    Ok(out)
}

type Body = fn(bool, &[u8]) -> JResult<String>;

/// For an extension Java knows: its class `NAME` and its `toString()` body after the
/// `ObjectId: … Criticality=…` line (as [`render`] prints it).
pub(super) fn known_body(e: &Extension<'_>) -> Option<(&'static str, JResult<String>)> {
    KNOWN
        .iter()
        .find(|k| k.0 == e.oid)
        .map(|(_, name, body)| (*name, body(e.critical, &e.value)))
}

/// The class `NAME` of an extension Java knows.
pub(super) fn known_name(oid: &str) -> Option<&'static str> {
    KNOWN.iter().find(|k| k.0 == oid).map(|k| k.1)
}

/// The extensions JDK 17's `OIDMap` knows: OID, class `NAME` (the sort key), parser.
const KNOWN: &[(&str, &str, Body)] = &[
    ("2.5.29.14", "SubjectKeyIdentifier", subject_key_identifier),
    ("2.5.29.15", "KeyUsage", key_usage),
    ("2.5.29.16", "PrivateKeyUsage", private_key_usage),
    ("2.5.29.17", "SubjectAlternativeName", |_, v| {
        alt_names("SubjectAlternativeName", v)
    }),
    ("2.5.29.18", "IssuerAlternativeName", |_, v| {
        alt_names("IssuerAlternativeName", v)
    }),
    ("2.5.29.19", "BasicConstraints", basic_constraints),
    ("2.5.29.20", "CRLNumber", |_, v| crl_number("CRL Number", v)),
    ("2.5.29.21", "CRLReasonCode", crl_reason_code),
    ("2.5.29.27", "DeltaCRLIndicator", |_, v| {
        crl_number("Base CRL Number", v)
    }),
    (
        "2.5.29.28",
        "IssuingDistributionPoint",
        issuing_distribution_point,
    ),
    ("2.5.29.29", "CertificateIssuer", certificate_issuer),
    ("2.5.29.30", "NameConstraints", name_constraints),
    ("2.5.29.31", "CRLDistributionPoints", |_, v| {
        distribution_points("CRLDistributionPoints", v)
    }),
    ("2.5.29.32", "CertificatePolicies", certificate_policies),
    ("2.5.29.33", "PolicyMappings", policy_mappings),
    (
        "2.5.29.35",
        "AuthorityKeyIdentifier",
        authority_key_identifier,
    ),
    ("2.5.29.36", "PolicyConstraints", policy_constraints),
    ("2.5.29.37", "ExtendedKeyUsage", extended_key_usage),
    ("2.5.29.46", "FreshestCRL", |_, v| {
        distribution_points("FreshestCRL", v)
    }),
    ("2.5.29.54", "InhibitAnyPolicy", inhibit_any_policy),
    ("1.3.6.1.5.5.7.1.1", "AuthorityInfoAccess", |_, v| {
        info_access("AuthorityInfoAccess", v)
    }),
    ("1.3.6.1.5.5.7.1.11", "SubjectInfoAccess", |_, v| {
        info_access("SubjectInfoAccess", v)
    }),
    ("1.3.6.1.5.5.7.48.1.5", "OCSPNoCheck", |_, _| {
        Ok(String::new())
    }),
    (
        "2.16.840.1.113730.1.1",
        "NetscapeCertType",
        netscape_cert_type,
    ),
];

/// The numbered extension entries, each followed by its empty line, in keytool's order:
/// parsed extensions by name (unknown ones by OID), then unparseable ones by OID.
/// `Err` when Java would refuse the certificate (a critical extension fails, or a duplicate).
pub(super) fn render(exts: &[Extension<'_>]) -> JResult<Vec<String>> {
    let mut parsed: BTreeMap<String, String> = BTreeMap::new();
    let mut unparseable: BTreeMap<String, String> = BTreeMap::new();
    for e in exts {
        let header = format!("ObjectId: {} Criticality={}\n", e.oid, e.critical);
        let Some((_, name, body)) = KNOWN.iter().find(|k| k.0 == e.oid) else {
            let body = if e.value.is_empty() {
                "(Empty value)\n".to_owned()
            } else {
                format!("{}\n", text::hex_dump(&e.value))
            };
            if parsed.insert(e.oid.clone(), header + &body).is_some() {
                return io("Duplicate extensions not allowed");
            }
            continue;
        };
        match body(e.critical, &e.value) {
            Ok(body) => {
                if parsed.insert((*name).to_owned(), header + &body).is_some() {
                    return io("Duplicate extensions not allowed");
                }
            }
            Err(why) if !e.critical => {
                let body = format!(
                    "Unparseable {name} extension due to\n{why}\n\n{}",
                    text::hex_dump(&e.value)
                );
                unparseable.insert(e.oid.clone(), header + &body);
            }
            Err(why) => return Err(why),
        }
    }
    Ok(parsed
        .into_values()
        .chain(unparseable.into_values())
        .collect())
}

/// `KeyIdentifier.toString()`.
fn key_identifier(id: &[u8]) -> String {
    format!("KeyIdentifier [\n{}]\n", text::hex_dump(id))
}

fn subject_key_identifier(_: bool, value: &[u8]) -> JResult<String> {
    let id = asn1::parse(value)?.octet_string()?;
    Ok(format!(
        "SubjectKeyIdentifier [\n{}]\n",
        key_identifier(&id)
    ))
}

fn key_usage(_: bool, value: &[u8]) -> JResult<String> {
    const NAMES: [&str; 9] = [
        "DigitalSignature",
        "Non_repudiation",
        "Key_Encipherment",
        "Data_Encipherment",
        "Key_Agreement",
        "Key_CertSign",
        "Crl_Sign",
        "Encipher_Only",
        "Decipher_Only",
    ];
    // Some encoders wrap the BIT STRING in an OCTET STRING; Java unwraps it.
    let unwrapped;
    let value = if value.first() == Some(&OCTET_STRING) {
        unwrapped = asn1::parse(value)?.octet_string()?;
        &*unwrapped
    } else {
        value
    };
    let bits = asn1::parse(value)?.bits(false)?;
    let mut out = String::from("KeyUsage [\n");
    for (i, name) in NAMES.iter().enumerate() {
        if bits.get(i).copied().unwrap_or(false) {
            out.push_str(&format!("  {name}\n"));
        }
    }
    out.push_str("]\n");
    Ok(out)
}

fn private_key_usage(_: bool, value: &[u8]) -> JResult<String> {
    let seq = asn1::Reader::new(value).read()?;
    if seq.tag != SEQUENCE {
        return io("Not the correct tag");
    }
    let (mut from, mut to) = (None, None);
    let mut r = seq.reader();
    while !r.is_empty() {
        let opt = r.read()?;
        let slot = if opt.is_context(0) && !opt.is_constructed() {
            (&mut from, "notBefore")
        } else if opt.is_context(1) && !opt.is_constructed() {
            (&mut to, "notAfter")
        } else {
            return io("Invalid encoding of PrivateKeyUsageExtension");
        };
        if slot.0.is_some() {
            return Err(format!(
                "java.security.cert.CertificateParsingException: Duplicate {} in PrivateKeyUsage.",
                slot.1
            ));
        }
        *slot.0 = Some(text::parse_der_time(
            opt.retag(GENERALIZED_TIME).content,
            true,
        )?);
    }
    let mut out = String::from("PrivateKeyUsage: [\n");
    if let Some(ms) = from {
        out.push_str(&format!("From: {}", text::date_string_ms(ms)));
    }
    if let Some(ms) = to {
        if from.is_some() {
            out.push_str(", ");
        }
        out.push_str(&format!("To: {}", text::date_string_ms(ms)));
    }
    out.push_str("]\n");
    Ok(out)
}

fn alt_names(title: &str, value: &[u8]) -> JResult<String> {
    let names = general_names(&asn1::parse(value)?)?;
    let mut out = format!("{title} [\n");
    for n in names {
        out.push_str(&format!("  {n}\n"));
    }
    out.push_str("]\n");
    Ok(out)
}

fn basic_constraints(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding of BasicConstraints");
    }
    let mut r = v.reader();
    let (mut ca, mut path_len) = (false, -1);
    if !r.is_empty() {
        let opt = r.read()?;
        if opt.tag == BOOLEAN {
            ca = opt.boolean()?;
            path_len = i32::MAX;
            if !r.is_empty() {
                let opt = r.read()?;
                if opt.tag != INTEGER {
                    return io("Invalid encoding of BasicConstraints");
                }
                path_len = opt.int(INTEGER)?;
            }
        }
    }
    let path_len = match path_len {
        i32::MIN..=-1 => " undefined".to_owned(),
        i32::MAX => " no limit".to_owned(),
        n => n.to_string(),
    };
    Ok(format!(
        "BasicConstraints:[\n  CA:{ca}\n  PathLen:{path_len}\n]\n"
    ))
}

fn crl_number(label: &str, value: &[u8]) -> JResult<String> {
    let n = asn1::parse(value)?.big_integer(INTEGER)?;
    Ok(format!("{label}: {}\n", num::debug_hex(n)))
}

fn crl_reason_code(_: bool, value: &[u8]) -> JResult<String> {
    const REASONS: [&str; 11] = [
        "UNSPECIFIED",
        "KEY_COMPROMISE",
        "CA_COMPROMISE",
        "AFFILIATION_CHANGED",
        "SUPERSEDED",
        "CESSATION_OF_OPERATION",
        "CERTIFICATE_HOLD",
        "UNUSED",
        "REMOVE_FROM_CRL",
        "PRIVILEGE_WITHDRAWN",
        "AA_COMPROMISE",
    ];
    let code = asn1::parse(value)?.int(ENUMERATED)?;
    let name = usize::try_from(code)
        .ok()
        .and_then(|i| REASONS.get(i))
        .unwrap_or(&"UNSPECIFIED");
    // Java's toString() has no trailing newline here.
    Ok(format!("    Reason Code: {name}"))
}

fn certificate_issuer(_: bool, value: &[u8]) -> JResult<String> {
    let names = general_names(&asn1::parse(value)?)?;
    Ok(format!("Certificate Issuer [\n{}]\n", list(&names)))
}

/// `ReasonFlags.toString()` (IssuingDistributionPoint).
fn reason_flags(bits: &[bool]) -> String {
    const NAMES: [&str; 9] = [
        "Unused",
        "Key Compromise",
        "CA Compromise",
        "Affiliation_Changed",
        "Superseded",
        "Cessation Of Operation",
        "Certificate Hold",
        "Privilege Withdrawn",
        "AA Compromise",
    ];
    let mut out = String::from("Reason Flags [\n");
    for (i, name) in NAMES.iter().enumerate() {
        if bits.get(i).copied().unwrap_or(false) {
            out.push_str(&format!("  {name}\n"));
        }
    }
    out.push_str("]\n");
    out
}

/// `RDN.toString()` of an implicitly tagged RelativeDistinguishedName.
fn relative_name(v: &Tlv<'_>) -> JResult<String> {
    Ok(dn::parse_rdn(&v.retag(SET))?.join(" + "))
}

fn issuing_distribution_point(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding for IssuingDistributionPointExtension.");
    }
    let mut point = String::new();
    let mut reasons = String::new();
    let mut flags = [false; 4];
    let mut r = v.reader();
    while !r.is_empty() {
        let opt = r.read()?;
        let primitive = !opt.is_constructed();
        let flag = |slot: usize, flags: &mut [bool; 4]| -> JResult<()> {
            if let Some(f) = flags.get_mut(slot) {
                *f = opt.retag(BOOLEAN).boolean()?;
            }
            Ok(())
        };
        if opt.is_context(0) && !primitive {
            let name = opt.reader().read()?;
            let shown = if name.is_context(0) && name.is_constructed() {
                list(&general_names(&name.retag(SEQUENCE))?)
            } else if name.is_context(1) && name.is_constructed() {
                relative_name(&name)?
            } else {
                return io("Invalid encoding for DistributionPointName");
            };
            point = format!("DistributionPointName:\n     {shown}\n");
        } else if opt.is_context(1) && primitive {
            flag(0, &mut flags)?;
        } else if opt.is_context(2) && primitive {
            flag(1, &mut flags)?;
        } else if opt.is_context(3) && primitive {
            reasons = reason_flags(&opt.bits(true)?);
        } else if opt.is_context(4) && primitive {
            flag(3, &mut flags)?;
        } else if opt.is_context(5) && primitive {
            flag(2, &mut flags)?;
        } else {
            return io("Invalid encoding of IssuingDistributionPoint");
        }
    }
    let [user, ca, attribute, indirect] = flags;
    Ok(format!(
        "IssuingDistributionPoint [\n  {point}{reasons}  Only contains user certs: {user}\n  \
         Only contains CA certs: {ca}\n  Only contains attribute certs: {attribute}\n  Indirect CRL: {indirect}\n]\n"
    ))
}

/// `GeneralSubtrees.toString()`.
fn subtrees(v: &Tlv<'_>) -> JResult<String> {
    let mut r = v.reader();
    let mut trees = Vec::new();
    while !r.is_empty() {
        let t = r.read()?;
        if t.tag != SEQUENCE {
            return io("Invalid encoding for GeneralSubtree.");
        }
        let mut tr = t.reader();
        let name = general_name(&tr.read()?, true)?;
        let (mut min, mut max) = (0, -1);
        while !tr.is_empty() {
            let opt = tr.read()?;
            if opt.is_context(0) && !opt.is_constructed() {
                min = opt.retag(INTEGER).int(INTEGER)?;
            } else if opt.is_context(1) && !opt.is_constructed() {
                max = opt.retag(INTEGER).int(INTEGER)?;
            } else {
                return io("Invalid encoding of GeneralSubtree.");
            }
        }
        let max = if max == -1 {
            "undefined".to_owned()
        } else {
            max.to_string()
        };
        trees.push(format!(
            "\n   GeneralSubtree: [\n    GeneralName: {name}\n    Minimum: {min}\n    Maximum: {max}    ]\n"
        ));
    }
    Ok(format!("   GeneralSubtrees:\n{}\n", list(&trees)))
}

fn name_constraints(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding for NameConstraintsExtension.");
    }
    let (mut permitted, mut excluded) = (None, None);
    let mut r = v.reader();
    while !r.is_empty() {
        let opt = r.read()?;
        if opt.is_context(0) && opt.is_constructed() {
            if permitted.is_some() {
                return io("Duplicate permitted GeneralSubtrees in NameConstraintsExtension.");
            }
            permitted = Some(subtrees(&opt)?);
        } else if opt.is_context(1) && opt.is_constructed() {
            if excluded.is_some() {
                return io("Duplicate excluded GeneralSubtrees in NameConstraintsExtension.");
            }
            excluded = Some(subtrees(&opt)?);
        } else {
            return io("Invalid encoding of NameConstraintsExtension.");
        }
    }
    let permitted = permitted
        .map(|p| format!("\n    Permitted:{p}"))
        .unwrap_or_default();
    let excluded = excluded
        .map(|e| format!("\n    Excluded:{e}"))
        .unwrap_or_default();
    Ok(format!("NameConstraints: [{permitted}{excluded}   ]\n"))
}

/// `DistributionPoint(DerValue).toString()`.
fn distribution_point(v: &Tlv<'_>) -> JResult<String> {
    const REASONS: [&str; 9] = [
        "",
        "key compromise",
        "CA compromise",
        "affiliation changed",
        "superseded",
        "cessation of operation",
        "certificate hold",
        "privilege withdrawn",
        "AA compromise",
    ];
    if v.tag != SEQUENCE {
        return io("Invalid encoding of DistributionPoint.");
    }
    let (mut name, mut reasons, mut issuer): (Option<String>, Option<Vec<bool>>, Option<String>) =
        (None, None, None);
    let mut r = v.reader();
    while !r.is_empty() {
        let opt = r.read()?;
        if opt.is_context(0) && opt.is_constructed() {
            if name.is_some() {
                return io("Duplicate DistributionPointName in DistributionPoint.");
            }
            let dp = opt.reader().read()?;
            name = Some(if dp.is_context(0) && dp.is_constructed() {
                list(&general_names(&dp.retag(SEQUENCE))?)
            } else if dp.is_context(1) && dp.is_constructed() {
                relative_name(&dp)?
            } else {
                return io("Invalid DistributionPointName in DistributionPoint");
            });
        } else if opt.is_context(1) && !opt.is_constructed() {
            if reasons.is_some() {
                return io("Duplicate Reasons in DistributionPoint.");
            }
            reasons = Some(opt.retag(asn1::BIT_STRING).bits(false)?);
        } else if opt.is_context(2) && opt.is_constructed() {
            if issuer.is_some() {
                return io("Duplicate CRLIssuer in DistributionPoint.");
            }
            issuer = Some(list(&general_names(&opt.retag(SEQUENCE))?));
        } else {
            return io("Invalid encoding of DistributionPoint.");
        }
    }
    if name.is_none() && issuer.is_none() {
        return io("One of fullName, relativeName,  and crlIssuer has to be set");
    }
    let mut out = format!("DistributionPoint:\n     {}\n", name.unwrap_or_default());
    if let Some(bits) = reasons {
        out.push_str("   ReasonFlags:\n");
        for (i, set) in bits.iter().enumerate() {
            if *set {
                match REASONS.get(i).filter(|r| !r.is_empty()) {
                    Some(r) => out.push_str(&format!("    {r}\n")),
                    None => out.push_str(&format!("    Unknown reason {i}\n")),
                }
            }
        }
    }
    if let Some(issuer) = issuer {
        out.push_str(&format!("   CRLIssuer:{issuer}\n"));
    }
    Ok(out)
}

fn distribution_points(title: &str, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io(format!("Invalid encoding for {title} extension."));
    }
    let mut r = v.reader();
    let mut points = Vec::new();
    while !r.is_empty() {
        points.push(distribution_point(&r.read()?)?);
    }
    Ok(format!("{title} [\n  {}]\n", list(&points)))
}

fn policy_id(v: &Tlv<'_>) -> JResult<String> {
    Ok(format!("CertificatePolicyId: [{}]\n", v.oid()?))
}

fn certificate_policies(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding for CertificatePoliciesExtension.");
    }
    let mut out = String::from("CertificatePolicies [\n");
    let mut r = v.reader();
    while !r.is_empty() {
        let info = r.read()?;
        if info.tag != SEQUENCE {
            return io("Invalid encoding of PolicyInformation");
        }
        let mut ir = info.reader();
        let id = policy_id(&ir.read()?)?;
        let mut qualifiers = Vec::new();
        if !ir.is_empty() {
            let q = ir.read()?;
            if q.tag != SEQUENCE {
                return io("Invalid encoding of PolicyInformation");
            }
            if q.content.is_empty() {
                return io("No data available in policyQualifiers");
            }
            let mut qr = q.reader();
            while !qr.is_empty() {
                let pqi = qr.read()?;
                if pqi.tag != SEQUENCE {
                    return io("Invalid encoding for PolicyQualifierInfo");
                }
                let mut pr = pqi.reader();
                let qid = pr.read()?.oid()?;
                qualifiers.push(format!(
                    "PolicyQualifierInfo: [\n  qualifierID: {qid}\n  qualifier: {}\n]",
                    text::hex_dump(pr.rest())
                ));
            }
        }
        out.push_str(&format!("  [{id}{}  ]\n", list(&qualifiers)));
    }
    out.push_str("]\n");
    Ok(out)
}

fn policy_mappings(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding for PolicyMappingsExtension.");
    }
    let mut maps = Vec::new();
    let mut r = v.reader();
    while !r.is_empty() {
        let m = r.read()?;
        if m.tag != SEQUENCE {
            return io("Invalid encoding for CertificatePolicyMap");
        }
        let mut mr = m.reader();
        let issuer = policy_id(&mr.read()?)?;
        let subject = policy_id(&mr.read()?)?;
        maps.push(format!(
            "CertificatePolicyMap: [\nIssuerDomain:{issuer}SubjectDomain:{subject}]\n"
        ));
    }
    Ok(format!("PolicyMappings [\n{}]\n", list(&maps)))
}

fn authority_key_identifier(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding for AuthorityKeyIdentifierExtension.");
    }
    let (mut id, mut names, mut serial) = (None, None, None);
    let mut r = v.reader();
    while !r.is_empty() {
        let opt = r.read()?;
        if opt.is_context(0) && !opt.is_constructed() {
            if id.is_some() {
                return io("Duplicate KeyIdentifier in AuthorityKeyIdentifier.");
            }
            id = Some(key_identifier(opt.content));
        } else if opt.is_context(1) && opt.is_constructed() {
            if names.is_some() {
                return io("Duplicate GeneralNames in AuthorityKeyIdentifier.");
            }
            names = Some(list(&general_names(&opt.retag(SEQUENCE))?));
        } else if opt.is_context(2) && !opt.is_constructed() {
            if serial.is_some() {
                return io("Duplicate SerialNumber in AuthorityKeyIdentifier.");
            }
            let n = opt.retag(INTEGER).big_integer(INTEGER)?;
            serial = Some(text::hex_joined(num::minimal(n), ":", false));
        } else {
            return io("Invalid encoding of AuthorityKeyIdentifierExtension.");
        }
    }
    let mut out = String::from("AuthorityKeyIdentifier [\n");
    if let Some(id) = id {
        out.push_str(&id);
    }
    if let Some(names) = names {
        out.push_str(&format!("{names}\n"));
    }
    if let Some(serial) = serial {
        out.push_str(&format!("SerialNumber: {serial}\n"));
    }
    out.push_str("]\n");
    Ok(out)
}

fn policy_constraints(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Sequence tag missing for PolicyConstraint.");
    }
    let (mut require, mut inhibit) = (-1, -1);
    let mut r = v.reader();
    while !r.is_empty() {
        let next = r.read()?;
        if next.is_context(0) && !next.is_constructed() {
            if require != -1 {
                return io(
                    "Duplicate requireExplicitPolicyfound in the PolicyConstraintsExtension",
                );
            }
            require = next.retag(INTEGER).int(INTEGER)?;
        } else if next.is_context(1) && !next.is_constructed() {
            if inhibit != -1 {
                return io("Duplicate inhibitPolicyMappingfound in the PolicyConstraintsExtension");
            }
            inhibit = next.retag(INTEGER).int(INTEGER)?;
        } else {
            return io("Invalid encoding of PolicyConstraint");
        }
    }
    let require = if require == -1 {
        "unspecified;".to_owned()
    } else {
        format!("{require};")
    };
    let inhibit = if inhibit == -1 {
        "unspecified".to_owned()
    } else {
        inhibit.to_string()
    };
    Ok(format!(
        "PolicyConstraints: [  Require: {require}\tInhibit: {inhibit} ]\n"
    ))
}

fn extended_key_usage(_: bool, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io("Invalid encoding for ExtendedKeyUsageExtension.");
    }
    let mut usages = Vec::new();
    let mut r = v.reader();
    while !r.is_empty() {
        let id = r.read()?.oid()?;
        usages.push(oid::known_name(&id).map_or(id.clone(), str::to_owned));
    }
    Ok(format!(
        "ExtendedKeyUsages [\n  {}\n]\n",
        usages.join("\n  ")
    ))
}

fn inhibit_any_policy(critical: bool, value: &[u8]) -> JResult<String> {
    if !critical {
        return io("Criticality cannot be false for InhibitAnyPolicy");
    }
    let v = asn1::parse(value)?;
    if v.tag != INTEGER {
        return io("Invalid encoding of InhibitAnyPolicy: data not integer");
    }
    let skip = match v.int(INTEGER)? {
        -1 => i32::MAX,
        n if n < -1 => return io("Invalid value for skipCerts"),
        n => n,
    };
    Ok(format!("InhibitAnyPolicy: {skip}\n"))
}

fn info_access(title: &str, value: &[u8]) -> JResult<String> {
    let v = asn1::parse(value)?;
    if v.tag != SEQUENCE {
        return io(format!("Invalid encoding for {title}Extension."));
    }
    let mut items = Vec::new();
    let mut r = v.reader();
    while !r.is_empty() {
        let mut ar = r.read()?.reader();
        let method = ar.read()?.oid()?;
        let location = general_name(&ar.read()?, false)?;
        let method = match method.as_str() {
            "1.3.6.1.5.5.7.48.2" => "caIssuers".to_owned(),
            "1.3.6.1.5.5.7.48.5" => "caRepository".to_owned(),
            "1.3.6.1.5.5.7.48.3" => "timeStamping".to_owned(),
            "1.3.6.1.5.5.7.48.1" => "ocsp".to_owned(),
            _ => method,
        };
        items.push(format!(
            "\n   accessMethod: {method}\n   accessLocation: {location}\n"
        ));
    }
    Ok(format!("{title} [\n  {}\n]\n", list(&items)))
}

fn netscape_cert_type(_: bool, value: &[u8]) -> JResult<String> {
    let bits = asn1::parse(value)?.bits(false)?;
    let set = |i: usize| bits.get(i).copied().unwrap_or(false);
    let mut out = String::from("NetscapeCertType [\n");
    for (i, name) in [
        (0, "SSL client"),
        (1, "SSL server"),
        (2, "S/MIME"),
        (3, "Object Signing"),
        (5, "SSL CA"),
        (6, "S/MIME CA"),
    ] {
        if set(i) {
            out.push_str(&format!("   {name}\n"));
        }
    }
    if set(7) {
        out.push_str("   Object Signing CA");
    }
    out.push_str("]\n");
    Ok(out)
}
