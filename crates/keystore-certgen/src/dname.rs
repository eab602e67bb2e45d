//! keytool's `-dname` grammar (`sun.security.x509.X500Name`, RFC 1779 style).

use core::fmt;

use const_oid::ObjectIdentifier;
use der::{
    Any, Decode, Encode,
    asn1::{Ia5StringRef, PrintableStringRef, SetOfVec, Utf8StringRef},
};
use x509_cert::{
    attr::AttributeTypeAndValue,
    name::{Name, RdnSequence, RelativeDistinguishedName},
};

/// A `-dname` that keytool refuses, with keytool's text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DnameError {
    /// `Incorrect AVA format`: an AVA without `=` (also `CN=a,b`).
    IncorrectAvaFormat,
    /// `empty AVA in RDN "<rdn>"`: an empty RDN or AVA (`CN=x,`, `CN=a+`).
    EmptyAva {
        /// The RDN text as keytool quotes it.
        rdn: String,
    },
    /// `Invalid keyword "<KW>"` (upper-cased as keytool prints it).
    InvalidKeyword(String),
    /// `Character '<c>' in AVA appears without escape` (for `"`, `<`, `>`).
    UnescapedCharacter(char),
    /// `Invalid escaped character in AVA: '<c>'`.
    InvalidEscape(char),
    /// `Invalid trailing backslash`.
    TrailingBackslash,
    /// `escaped hex value must include two valid digits`.
    HexPair,
    /// `Quoted string did not end in quote`.
    UnterminatedQuote,
    /// `AVA parse, invalid hex digit: <c>` (a `#` value).
    InvalidHexDigit(char),
    /// `AVA parse, odd number of hex digits` (a `#` value).
    OddHexDigits,
    /// A `#` value whose bytes are not one DER value.
    BadHexValue,
    /// A dotted OID keyword that is not an OID.
    BadOid(String),
    /// `\XX` escapes that are not UTF-8.
    BadUtf8,
    /// An empty `-dname`. keytool accepts it and then writes a keystore it cannot read again
    /// (spec §7); refusing it up front is the replacement behaviour.
    Empty,
    /// The name could not be DER-encoded.
    Encoding,
}

impl fmt::Display for DnameError {
    /// keytool's text after `keytool error: `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("java.io.IOException: ")?;
        match self {
            Self::IncorrectAvaFormat => f.write_str("Incorrect AVA format"),
            Self::EmptyAva { rdn } => write!(f, "empty AVA in RDN \"{rdn}\""),
            Self::InvalidKeyword(k) => write!(f, "Invalid keyword \"{k}\""),
            Self::UnescapedCharacter(c) => {
                write!(f, "Character '{c}' in AVA appears without escape")
            }
            Self::InvalidEscape(c) => write!(f, "Invalid escaped character in AVA: '{c}'"),
            Self::TrailingBackslash => f.write_str("Invalid trailing backslash"),
            Self::HexPair => f.write_str("escaped hex value must include two valid digits"),
            Self::UnterminatedQuote => f.write_str("Quoted string did not end in quote"),
            Self::InvalidHexDigit(c) => write!(f, "AVA parse, invalid hex digit: {c}"),
            Self::OddHexDigits => f.write_str("AVA parse, odd number of hex digits"),
            Self::BadHexValue => f.write_str("AVA parse, invalid DER value"),
            Self::BadOid(s) => write!(f, "ObjectIdentifier() -- Invalid format: {s}"),
            Self::BadUtf8 => f.write_str("AVA parse, escaped bytes are not UTF-8"),
            Self::Empty => f.write_str("empty distinguished name"),
            Self::Encoding => f.write_str("distinguished name could not be encoded"),
        }
    }
}

impl core::error::Error for DnameError {}

/// OID of each `-dname` keyword (spec §7).
const KEYWORDS: &[(&str, &str)] = &[
    ("CN", "2.5.4.3"),
    ("C", "2.5.4.6"),
    ("L", "2.5.4.7"),
    ("S", "2.5.4.8"),
    ("ST", "2.5.4.8"),
    ("O", "2.5.4.10"),
    ("OU", "2.5.4.11"),
    ("T", "2.5.4.12"),
    ("IP", "1.3.6.1.4.1.42.2.11.2.1"),
    ("STREET", "2.5.4.9"),
    ("DC", "0.9.2342.19200300.100.1.25"),
    ("DNQUALIFIER", "2.5.4.46"),
    ("DNQ", "2.5.4.46"),
    ("SURNAME", "2.5.4.4"),
    ("GIVENNAME", "2.5.4.42"),
    ("INITIALS", "2.5.4.43"),
    ("GENERATION", "2.5.4.44"),
    ("EMAIL", "1.2.840.113549.1.9.1"),
    ("EMAILADDRESS", "1.2.840.113549.1.9.1"),
    ("UID", "0.9.2342.19200300.100.1.1"),
    ("SERIALNUMBER", "2.5.4.5"),
];

const EMAIL_OID: &str = "1.2.840.113549.1.9.1";
const DC_OID: &str = "0.9.2342.19200300.100.1.25";

/// Parses keytool's `-dname` (spec §7) into a [`Name`]: RDNs separated by `,` or `;`, AVAs in an
/// RDN by `+`, keywords case-insensitive (or `OID.1.2.3` / `1.2.3`), values quoted, `\`-escaped,
/// `\XX` UTF-8 hex pairs or `#` hex DER. As in Java, the last RDN written comes first in the DER
/// sequence. Values are PrintableString when every character allows it, else UTF8String;
/// `EMAILADDRESS` and `DC` are IA5String.
///
/// # Errors
/// [`DnameError`] with keytool's text for malformed input, and [`DnameError::Empty`] for `""`.
pub fn parse(dname: &str) -> Result<Name, DnameError> {
    if dname.is_empty() {
        return Err(DnameError::Empty);
    }
    let mut rdns = Vec::new();
    for rdn_text in split_unescaped(dname, &[',', ';']) {
        let mut avas = Vec::new();
        for ava_text in split_unescaped(rdn_text, &['+']) {
            if ava_text.is_empty() {
                return Err(DnameError::EmptyAva {
                    rdn: rdn_text.to_owned(),
                });
            }
            avas.push(parse_ava(ava_text)?);
        }
        let set = SetOfVec::try_from(avas).map_err(|_| DnameError::Encoding)?;
        let rdn = RelativeDistinguishedName::from(set);
        rdns.push(rdn);
    }
    rdns.reverse();
    let seq = RdnSequence::from(rdns);
    let der = seq.to_der().map_err(|_| DnameError::Encoding)?;
    Name::from_der(&der).map_err(|_| DnameError::Encoding)
}

/// Splits on any of `seps` outside double quotes and not preceded by an odd number of `\`.
fn split_unescaped<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => in_quotes = !in_quotes,
            c if !in_quotes && seps.contains(&c) => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

fn keyword_oid(keyword: &str) -> Result<ObjectIdentifier, DnameError> {
    let upper = keyword.trim().to_ascii_uppercase();
    let dotted = if let Some(rest) = upper.strip_prefix("OID.") {
        rest.to_owned()
    } else if let Some((_, oid)) = KEYWORDS.iter().find(|(k, _)| *k == upper) {
        (*oid).to_owned()
    } else if upper.starts_with(|c: char| c.is_ascii_digit()) {
        upper
    } else {
        return Err(DnameError::InvalidKeyword(upper));
    };
    ObjectIdentifier::new(&dotted).map_err(|_| DnameError::BadOid(dotted))
}

fn parse_ava(text: &str) -> Result<AttributeTypeAndValue, DnameError> {
    let (keyword, raw) = text.split_once('=').ok_or(DnameError::IncorrectAvaFormat)?;
    let oid = keyword_oid(keyword)?;
    let raw = raw.trim_start_matches(is_space);
    let value = if let Some(hex) = raw.strip_prefix('#') {
        let bytes = parse_hex(hex.trim_end_matches(is_space))?;
        Any::from_der(&bytes).map_err(|_| DnameError::BadHexValue)?
    } else {
        let s = if let Some(quoted) = raw.strip_prefix('"') {
            parse_quoted(quoted)?
        } else {
            parse_unquoted(raw)?
        };
        encode_value(&oid, &s)?
    };
    Ok(AttributeTypeAndValue { oid, value })
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

fn parse_hex(hex: &str) -> Result<Vec<u8>, DnameError> {
    let digits = hex
        .chars()
        .map(|c| {
            c.to_digit(16)
                .and_then(|d| u8::try_from(d).ok())
                .ok_or(DnameError::InvalidHexDigit(c))
        })
        .collect::<Result<Vec<u8>, _>>()?;
    if digits.len() % 2 != 0 {
        return Err(DnameError::OddHexDigits);
    }
    Ok(digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect())
}

/// Characters that may follow `\` in an unquoted value (`specialCharsDefault`).
const SPECIAL_DEFAULT: &str = ",=\n+<>#;\\\" ";
/// Characters that may follow `\` in a quoted value (`specialChars1779`).
const SPECIAL_QUOTED: &str = ",=\n+<>#;\\\"";

/// Reads a `\` escape (the backslash already consumed): a hex pair's byte, or the escaped char.
enum Escape {
    Byte(u8),
    Char(char),
}

fn read_escape(
    chars: &mut core::iter::Peekable<core::str::Chars<'_>>,
    allowed: &str,
) -> Result<Escape, DnameError> {
    let c = chars.next().ok_or(DnameError::TrailingBackslash)?;
    if let Some(hi) = c.to_digit(16) {
        let lo = chars
            .next()
            .and_then(|c| c.to_digit(16))
            .ok_or(DnameError::HexPair)?;
        let byte = u8::try_from(hi * 16 + lo).map_err(|_| DnameError::HexPair)?;
        return Ok(Escape::Byte(byte));
    }
    if allowed.contains(c) {
        Ok(Escape::Char(c))
    } else {
        Err(DnameError::InvalidEscape(c))
    }
}

/// Accumulates characters and `\XX` bytes (decoded as UTF-8 runs).
#[derive(Default)]
struct ValueBuf {
    out: String,
    bytes: Vec<u8>,
}

impl ValueBuf {
    fn flush(&mut self) -> Result<(), DnameError> {
        if !self.bytes.is_empty() {
            let s = core::str::from_utf8(&self.bytes).map_err(|_| DnameError::BadUtf8)?;
            self.out.push_str(s);
            self.bytes.clear();
        }
        Ok(())
    }

    fn push(&mut self, c: char) -> Result<(), DnameError> {
        self.flush()?;
        self.out.push(c);
        Ok(())
    }
}

fn parse_quoted(s: &str) -> Result<String, DnameError> {
    let mut chars = s.chars().peekable();
    let mut buf = ValueBuf::default();
    loop {
        let c = chars.next().ok_or(DnameError::UnterminatedQuote)?;
        match c {
            '"' => break,
            '\\' => match read_escape(&mut chars, SPECIAL_QUOTED)? {
                Escape::Byte(b) => buf.bytes.push(b),
                Escape::Char(c) => buf.push(c)?,
            },
            c => buf.push(c)?,
        }
    }
    buf.flush()?;
    // Only spaces may follow the closing quote.
    if chars.any(|c| !is_space(c)) {
        return Err(DnameError::IncorrectAvaFormat);
    }
    Ok(buf.out.trim_matches(is_space).to_owned())
}

fn parse_unquoted(s: &str) -> Result<String, DnameError> {
    let mut chars = s.chars().peekable();
    // Each character with whether it survives trimming (escaped or not a space).
    let mut out: Vec<(char, bool)> = Vec::new();
    let mut bytes: Vec<u8> = Vec::new();
    let flush = |bytes: &mut Vec<u8>, out: &mut Vec<(char, bool)>| -> Result<(), DnameError> {
        if !bytes.is_empty() {
            let text = core::str::from_utf8(bytes).map_err(|_| DnameError::BadUtf8)?;
            out.extend(text.chars().map(|c| (c, true)));
            bytes.clear();
        }
        Ok(())
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => match read_escape(&mut chars, SPECIAL_DEFAULT)? {
                Escape::Byte(b) => bytes.push(b),
                Escape::Char(c) => {
                    flush(&mut bytes, &mut out)?;
                    out.push((c, true));
                }
            },
            '"' | '<' | '>' => return Err(DnameError::UnescapedCharacter(c)),
            c => {
                flush(&mut bytes, &mut out)?;
                out.push((c, !is_space(c)));
            }
        }
    }
    flush(&mut bytes, &mut out)?;
    let keep = out.iter().rposition(|(_, k)| *k).map_or(0, |i| i + 1);
    Ok(out[..keep].iter().map(|(c, _)| c).collect())
}

fn is_printable(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '\'' | '(' | ')' | '+' | ',' | '-' | '.' | '/' | ':' | '=' | '?' | ' '
            )
    })
}

fn encode_value(oid: &ObjectIdentifier, s: &str) -> Result<Any, DnameError> {
    let dotted = oid.to_string();
    let any = if (dotted == EMAIL_OID || dotted == DC_OID) && s.is_ascii() {
        Ia5StringRef::new(s).and_then(|v| Any::encode_from(&v))
    } else if is_printable(s) {
        PrintableStringRef::new(s).and_then(|v| Any::encode_from(&v))
    } else {
        Utf8StringRef::new(s).and_then(|v| Any::encode_from(&v))
    };
    any.map_err(|_| DnameError::Encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_respects_quotes_and_escapes() {
        assert_eq!(
            split_unescaped(r#"CN="a,b",O=x\,y;C=US"#, &[',', ';']),
            vec![r#"CN="a,b""#, r"O=x\,y", "C=US"]
        );
    }

    #[test]
    fn unquoted_trims_unescaped_spaces_only() {
        assert_eq!(parse_unquoted(r"\ \ x\ \  ").ok().as_deref(), Some("  x  "));
        assert_eq!(parse_unquoted("a b  ").ok().as_deref(), Some("a b"));
        assert_eq!(parse_unquoted(r"a\c3\a9").ok().as_deref(), Some("aé"));
    }
}
