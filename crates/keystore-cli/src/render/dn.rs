//! Distinguished names as `X500Principal.toString()` prints them (§6.3).

use super::{
    asn1::{self, JResult, Reader, SEQUENCE, SET, Tlv, io},
    jstr, text,
};

/// A parsed Name: its RDNs in encoded order, each a list of printed `KEY=value` AVAs.
pub(super) struct Name {
    rdns: Vec<Vec<String>>,
}

impl Name {
    /// `X500Name.isEmpty()`: no AVA at all.
    pub(super) fn is_empty(&self) -> bool {
        self.rdns.iter().all(Vec::is_empty)
    }

    /// Most specific RDN first, `, `-separated; AVAs of one RDN joined with ` + `.
    pub(super) fn render(&self) -> String {
        let parts: Vec<String> = self
            .rdns
            .iter()
            .rev()
            .map(|avas| avas.join(" + "))
            .collect();
        parts.join(", ")
    }
}

/// Parses a Name from its full encoding (`SEQUENCE OF SET OF AttributeTypeAndValue`).
pub(super) fn parse(name: &Tlv<'_>) -> JResult<Name> {
    if name.tag != SEQUENCE {
        return io("Not the correct tag");
    }
    parse_rdns(name.reader())
}

/// Parses consecutive RDNs.
pub(super) fn parse_rdns(mut r: Reader<'_>) -> JResult<Name> {
    let mut rdns = Vec::new();
    while !r.is_empty() {
        rdns.push(parse_rdn(&r.read()?)?);
    }
    Ok(Name { rdns })
}

/// Parses one RDN (a SET of AVAs) into printed AVAs, in encoded order.
pub(super) fn parse_rdn(rdn: &Tlv<'_>) -> JResult<Vec<String>> {
    if rdn.tag != SET {
        return io("X500 RDN");
    }
    let mut avas = Vec::new();
    let mut r = rdn.reader();
    while !r.is_empty() {
        avas.push(ava(&r.read()?)?);
    }
    Ok(avas)
}

/// `X500Name.toString()` of a DER Name.
pub(super) fn name_der_to_string(der: &[u8]) -> JResult<String> {
    Ok(parse(&asn1::parse(der)?)?.render())
}

/// The DN keyword Java prints for an attribute type, if any.
fn keyword(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "1.3.6.1.4.1.42.2.11.2.1" => "IP",
        "2.5.4.9" => "STREET",
        "0.9.2342.19200300.100.1.25" => "DC",
        "2.5.4.46" => "DNQ",
        "2.5.4.4" => "SURNAME",
        "2.5.4.42" => "GIVENNAME",
        "2.5.4.43" => "INITIALS",
        "2.5.4.44" => "GENERATION",
        "1.2.840.113549.1.9.1" => "EMAILADDRESS",
        "0.9.2342.19200300.100.1.1" => "UID",
        "2.5.4.5" => "SERIALNUMBER",
        _ => return None,
    })
}

/// `DerValue.getAsString()`: the string types Java decodes, `None` for anything else.
pub(super) fn as_string(v: &Tlv<'_>) -> Option<String> {
    Some(match v.tag {
        0x0C => jstr::utf8(v.content),
        0x13 | 0x16 | 0x1B => jstr::ascii(v.content),
        0x14 => jstr::latin1(v.content),
        0x1C => jstr::utf32be(v.content),
        0x1E => jstr::utf16be(v.content),
        _ => return None,
    })
}

fn ava(seq: &Tlv<'_>) -> JResult<String> {
    if seq.tag != SEQUENCE {
        return io("AVA not a sequence");
    }
    let mut r: Reader<'_> = seq.reader();
    let oid = r.read()?.oid()?;
    let value = r.read()?;
    if !r.is_empty() {
        return io(format!("AVA, extra bytes = {}", r.rest().len()));
    }
    let key = keyword(&oid).map_or_else(|| format!("OID.{oid}"), str::to_owned);
    Ok(match as_string(&value) {
        Some(s) => format!("{key}={}", quote(&s)),
        None => format!("{key}=#{}", text::hex_joined(value.raw, "", false)),
    })
}

/// PrintableString's repertoire (letters, digits, space and `'()+,-./:=?`).
fn is_printable(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

/// RFC 1779-style value: quoted when it holds a special character, leading or trailing white
/// space or two white spaces in a row; `"` and `\` escaped; a value already in quotes is kept.
fn quote(value: &str) -> String {
    const SPECIAL: &str = ",+=\n<>#;\\\"";
    let chars: Vec<char> = value.chars().collect();
    let already_quoted =
        chars.len() > 1 && chars.first() == Some(&'"') && chars.last() == Some(&'"');
    let mut out = String::new();
    let mut needs_quotes = false;
    let mut previous_white = false;
    for (i, c) in chars.iter().copied().enumerate() {
        if already_quoted && (i == 0 || i == chars.len() - 1) {
            out.push(c);
            continue;
        }
        if is_printable(c) || SPECIAL.contains(c) {
            if (i == 0 && (c == ' ' || c == '\n')) || SPECIAL.contains(c) {
                needs_quotes = true;
            }
            if c == ' ' || c == '\n' {
                if previous_white {
                    needs_quotes = true;
                }
                previous_white = true;
            } else {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                previous_white = false;
            }
        } else {
            previous_white = false;
        }
        out.push(c);
    }
    if out.ends_with([' ', '\n']) {
        needs_quotes = true;
    }
    if needs_quotes && !already_quoted {
        format!("\"{out}\"")
    } else {
        out
    }
}
