//! GeneralName and GeneralNames as Java parses and prints them.

use super::{
    asn1::{JResult, SEQUENCE, Tlv, io},
    dn, ext, jstr, text, uri,
};

/// Java's `List.toString()`: `[a, b]`.
pub(super) fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// `GeneralNames(DerValue)`: a non-empty SEQUENCE of GeneralName.
pub(super) fn general_names(v: &Tlv<'_>) -> JResult<Vec<String>> {
    if v.tag != SEQUENCE {
        return io("Invalid encoding for GeneralNames.");
    }
    if v.content.is_empty() {
        return io("No data available in passed DER encoded value.");
    }
    let mut r = v.reader();
    let mut names = Vec::new();
    while !r.is_empty() {
        names.push(general_name(&r.read()?, false)?);
    }
    Ok(names)
}

/// `GeneralName(DerValue, nameConstraint).toString()`.
pub(super) fn general_name(v: &Tlv<'_>, name_constraint: bool) -> JResult<String> {
    let context = v.tag & 0xC0 == 0x80;
    let constructed = v.is_constructed();
    let number = v.tag & 0x1F;
    let form_ok = |want_constructed: bool, what: &str| {
        if context && constructed == want_constructed {
            Ok(())
        } else {
            io(format!("Invalid encoding of {what}"))
        }
    };
    match number {
        0 => {
            form_ok(true, "Other-Name")?;
            let mut r = v.reader();
            let oid = r.read()?.oid()?;
            r.read()?;
            // Java tries to build the OIDMap class for the OID, which always fails.
            if let Some(name) = ext::known_name(&oid) {
                return io(format!(
                    "Instantiation error: java.lang.NoSuchMethodException: \
                     sun.security.x509.{name}Extension.<init>(java.lang.Object)"
                ));
            }
            Ok(format!("Other-Name: Unrecognized ObjectIdentifier: {oid}"))
        }
        1 => {
            form_ok(false, "RFC822 name")?;
            let name = jstr::ascii(v.content);
            if name.is_empty() {
                return io("RFC822Name may not be null or empty");
            }
            let domain = name.split_once('@').map_or(name.as_str(), |(_, d)| d);
            if domain.is_empty() {
                return io("RFC822Name may not end with @");
            }
            if domain == "." {
                return io("RFC822Name domain may not be just .");
            }
            Ok(format!("RFC822Name: {name}"))
        }
        2 => {
            form_ok(false, "DNSName")?;
            Ok(format!("DNSName: {}", jstr::ascii(v.content)))
        }
        3 => {
            form_ok(true, "X400Address name")?;
            Ok("X400Address: <DER-encoded value>".to_owned())
        }
        4 => {
            form_ok(true, "Directory name")?;
            // X500Name(DerInputStream): a leading SEQUENCE is the Name (anything after it is
            // ignored); otherwise Java reads the whole content as the list of RDNs.
            match v.reader().read() {
                Ok(seq) if seq.tag == SEQUENCE => Ok(dn::parse(&seq)?.render()),
                _ => Ok(dn::parse_rdns(v.reader())?.render()),
            }
        }
        5 => {
            form_ok(true, "EDI name")?;
            edi_party_name(v)
        }
        6 => {
            form_ok(false, "URI")?;
            let name = jstr::ascii(v.content);
            if name_constraint {
                uri::check_uri_constraint(&name)?;
            } else {
                uri::check_uri_name(&name)?;
            }
            Ok(format!("URIName: {name}"))
        }
        7 => {
            form_ok(false, "IP address")?;
            ip_address(v.content)
        }
        8 => {
            form_ok(false, "OID name")?;
            Ok(format!("OIDName: {}", v.retag(super::asn1::OID).oid()?))
        }
        n => io(format!("Unrecognized GeneralName tag, ({n})")),
    }
}

/// `EDIPartyName(DerValue)`: JDK 17 only reads primitive `[0]`/`[1]` elements (so properly
/// EXPLICIT-tagged ones print as `partyName = null`).
fn edi_party_name(v: &Tlv<'_>) -> JResult<String> {
    let mut r = v.reader();
    let mut items = Vec::new();
    while !r.is_empty() {
        items.push(r.read()?);
    }
    if items.is_empty() || items.len() > 2 {
        return io("Invalid encoding of EDIPartyName");
    }
    let (mut assigner, mut party): (Option<String>, Option<String>) = (None, None);
    for item in items {
        let mut opt = item;
        if opt.is_context(0) && !opt.is_constructed() {
            if assigner.is_some() {
                return io("Duplicate nameAssigner found in EDIPartyName");
            }
            opt = opt.reader().read()?;
            assigner = dn::as_string(&opt);
        }
        if opt.is_context(1) && !opt.is_constructed() {
            if party.is_some() {
                return io("Duplicate partyName found in EDIPartyName");
            }
            opt = opt.reader().read()?;
            party = dn::as_string(&opt);
        }
    }
    let assigner = assigner
        .map(|a| format!("  nameAssigner = {a},"))
        .unwrap_or_default();
    Ok(format!(
        "EDIPartyName: {assigner}  partyName = {}",
        party.as_deref().unwrap_or("null")
    ))
}

/// `InetAddress.getHostAddress()` of 16 bytes: an IPv4-mapped address prints as IPv4.
fn v6_or_mapped(b: &[u8]) -> String {
    if let [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, v4 @ ..] = b {
        return dotted_quad(v4);
    }
    let groups: Vec<String> = b
        .chunks(2)
        .map(|g| {
            format!(
                "{:x}",
                u16::from_be_bytes([
                    g.first().copied().unwrap_or(0),
                    g.get(1).copied().unwrap_or(0)
                ])
            )
        })
        .collect();
    groups.join(":")
}

fn dotted_quad(b: &[u8]) -> String {
    b.iter().map(u8::to_string).collect::<Vec<_>>().join(".")
}

/// `IPAddressName.toString()`; name-constraint forms carry a mask (IPv4) or prefix (IPv6).
fn ip_address(b: &[u8]) -> JResult<String> {
    Ok(match b.len() {
        4 => format!("IPAddress: {}", dotted_quad(b)),
        8 => format!(
            "IPAddress: {}/{}",
            dotted_quad(b.get(..4).unwrap_or_default()),
            dotted_quad(b.get(4..).unwrap_or_default())
        ),
        16 => format!("IPAddress: {}", v6_or_mapped(b)),
        32 => {
            let mask = b.get(16..).unwrap_or_default();
            let bits: Vec<bool> = (0..128)
                .map(|i| mask.get(i / 8).is_some_and(|m| m & (0x80 >> (i % 8)) != 0))
                .collect();
            let prefix = bits.iter().position(|set| !set).unwrap_or(128);
            if bits.iter().skip(prefix).any(|set| *set) {
                // Java's getName() fails on a non-contiguous mask; toString() dumps the bytes.
                format!("IPAddress: {}", text::hex_dump(b))
            } else {
                format!(
                    "IPAddress: {}/{prefix}",
                    v6_or_mapped(b.get(..16).unwrap_or_default())
                )
            }
        }
        _ => return io("Invalid IPAddressName"),
    })
}
