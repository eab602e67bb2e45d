//! Algorithm names, key descriptions and JDK 17's weak/disabled verdicts (§6.1, §10).

use super::{
    Finding, Severity,
    asn1::{self, BIT_STRING, INTEGER, JResult, NULL, SEQUENCE, Tlv, io},
    num, oid,
};

/// An `AlgorithmIdentifier` as Java keeps it: a DER NULL parameter counts as absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct AlgId<'a> {
    pub(super) oid: String,
    pub(super) params: Option<&'a [u8]>,
}

/// `AlgorithmId.parse`.
pub(super) fn parse_alg_id<'a>(v: &Tlv<'a>) -> JResult<AlgId<'a>> {
    if v.tag != SEQUENCE {
        return io("algid parse error, not a sequence");
    }
    let mut r = v.reader();
    let oid = r.read()?.oid()?;
    let mut params = None;
    if !r.is_empty() {
        let p = r.read()?;
        if p.tag == NULL {
            if !p.content.is_empty() {
                return io("invalid NULL");
            }
        } else {
            params = Some(p.raw);
        }
        if !r.is_empty() {
            return io("Invalid AlgorithmIdentifier: extra data");
        }
    }
    Ok(AlgId { oid, params })
}

/// `AlgorithmId.getName()`: the KnownOIDs name, else the dotted OID.
pub(super) fn alg_name(alg: &AlgId<'_>) -> String {
    alg_name_nested(alg, 0)
}

fn alg_name_nested(alg: &AlgId<'_>, depth: usize) -> String {
    // ecdsa-with-Specified names its digest in the parameters (which could nest: bounded).
    if alg.oid == "1.2.840.10045.4.3"
        && depth < 8
        && let Some(inner) = alg
            .params
            .and_then(|p| asn1::parse(p).ok())
            .and_then(|v| parse_alg_id(&v).ok())
    {
        return format!(
            "{}withECDSA",
            alg_name_nested(&inner, depth + 1).replace('-', "")
        );
    }
    oid::known_name(&alg.oid).map_or_else(|| alg.oid.clone(), str::to_owned)
}

/// Splits a standard name as `AlgorithmDecomposer` does: on `/`, then on `with`, `and` and
/// `in` (not after `padd`), case-insensitively; `SHA-1` also counts as `SHA1`.
fn decompose(name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for token in name.split('/') {
        let lower = token.to_ascii_lowercase();
        let mut start = 0;
        let mut i = 0;
        while i < lower.len() {
            let rest = lower.get(i..).unwrap_or_default();
            let len = if rest.starts_with("with") {
                4
            } else if rest.starts_with("and") {
                3
            } else if rest.starts_with("in")
                && !lower.get(..i).unwrap_or_default().ends_with("padd")
            {
                2
            } else {
                0
            };
            if len == 0 {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
            parts.push(token.get(start..i).unwrap_or_default().to_owned());
            i += len;
            start = i;
        }
        parts.push(token.get(start..).unwrap_or_default().to_owned());
    }
    parts.retain(|p| !p.is_empty());
    if name.contains("SHA")
        && parts.iter().any(|p| p == "SHA-1")
        && !parts.iter().any(|p| p == "SHA1")
    {
        parts.push("SHA1".to_owned());
    }
    parts
}

/// Whether `name` (or one of its parts) is in `list`, case-insensitively.
fn listed(name: &str, list: &[&str]) -> bool {
    let hit = |s: &str| list.iter().any(|l| l.eq_ignore_ascii_case(s));
    hit(name) || decompose(name).iter().any(|p| hit(p))
}

/// `jdk.certpath.disabledAlgorithms` entries without conditions.
const DISABLED: &[&str] = &["MD2", "MD5"];
/// `jdk.security.legacyAlgorithms` entries without conditions.
const LEGACY: &[&str] = &["SHA1"];

/// The verdict on an algorithm name alone (signature algorithms).
pub(super) fn name_severity(name: &str) -> Option<Severity> {
    if listed(name, DISABLED) {
        Some(Severity::Disabled)
    } else if listed(name, LEGACY) {
        Some(Severity::Weak)
    } else {
        None
    }
}

/// The verdict on a key: its algorithm name, then the `keySize <` constraints.
fn key_severity(alg: &str, size: i64) -> Option<Severity> {
    // A key of size 0 is never allowed; an unknown size (-1) always is.
    let below = |min: i64| size == 0 || (0..min).contains(&size);
    let (disabled_min, legacy_min) = match alg {
        "RSA" | "DSA" => (1024, 2048),
        "EC" => (224, 0),
        _ => (0, 0),
    };
    if listed(alg, DISABLED) || (disabled_min > 0 && below(disabled_min)) {
        Some(Severity::Disabled)
    } else if listed(alg, LEGACY) || (legacy_min > 0 && below(legacy_min)) {
        Some(Severity::Weak)
    } else {
        None
    }
}

/// The `Subject Public Key Algorithm` text and its finding, if any.
#[derive(Debug)]
pub(super) struct KeyInfo {
    pub(super) text: String,
    pub(super) finding: Option<Finding>,
}

/// Named curves Java 17 knows: (OID, first name, order bits, field bits).
const CURVES: &[(&str, &str, i64, usize)] = &[
    ("1.2.840.10045.3.0.5", "X9.62 c2tnb191v1", 191, 191),
    ("1.2.840.10045.3.0.6", "X9.62 c2tnb191v2", 190, 191),
    ("1.2.840.10045.3.0.7", "X9.62 c2tnb191v3", 189, 191),
    ("1.2.840.10045.3.0.11", "X9.62 c2tnb239v1", 238, 239),
    ("1.2.840.10045.3.0.12", "X9.62 c2tnb239v2", 237, 239),
    ("1.2.840.10045.3.0.13", "X9.62 c2tnb239v3", 236, 239),
    ("1.2.840.10045.3.0.18", "X9.62 c2tnb359v1", 353, 359),
    ("1.2.840.10045.3.0.20", "X9.62 c2tnb431r1", 418, 431),
    ("1.2.840.10045.3.1.1", "secp192r1", 192, 192),
    ("1.2.840.10045.3.1.2", "X9.62 prime192v2", 192, 192),
    ("1.2.840.10045.3.1.3", "X9.62 prime192v3", 192, 192),
    ("1.2.840.10045.3.1.4", "X9.62 prime239v1", 239, 239),
    ("1.2.840.10045.3.1.5", "X9.62 prime239v2", 239, 239),
    ("1.2.840.10045.3.1.6", "X9.62 prime239v3", 239, 239),
    ("1.2.840.10045.3.1.7", "secp256r1", 256, 256),
    ("1.3.36.3.3.2.8.1.1.1", "brainpoolP160r1", 160, 160),
    ("1.3.36.3.3.2.8.1.1.3", "brainpoolP192r1", 192, 192),
    ("1.3.36.3.3.2.8.1.1.5", "brainpoolP224r1", 224, 224),
    ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256, 256),
    ("1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1", 320, 320),
    ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384, 384),
    ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512, 512),
    ("1.3.132.0.1", "sect163k1", 163, 163),
    ("1.3.132.0.2", "sect163r1", 162, 163),
    ("1.3.132.0.3", "sect239k1", 238, 239),
    ("1.3.132.0.4", "sect113r1", 113, 113),
    ("1.3.132.0.5", "sect113r2", 113, 113),
    ("1.3.132.0.6", "secp112r1", 112, 112),
    ("1.3.132.0.7", "secp112r2", 110, 112),
    ("1.3.132.0.8", "secp160r1", 161, 160),
    ("1.3.132.0.9", "secp160k1", 161, 160),
    ("1.3.132.0.10", "secp256k1", 256, 256),
    ("1.3.132.0.15", "sect163r2", 163, 163),
    ("1.3.132.0.16", "sect283k1", 281, 283),
    ("1.3.132.0.17", "sect283r1", 282, 283),
    ("1.3.132.0.22", "sect131r1", 131, 131),
    ("1.3.132.0.23", "sect131r2", 131, 131),
    ("1.3.132.0.24", "sect193r1", 193, 193),
    ("1.3.132.0.25", "sect193r2", 193, 193),
    ("1.3.132.0.26", "sect233k1", 232, 233),
    ("1.3.132.0.27", "sect233r1", 233, 233),
    ("1.3.132.0.28", "secp128r1", 128, 128),
    ("1.3.132.0.29", "secp128r2", 126, 128),
    ("1.3.132.0.30", "secp160r2", 161, 160),
    ("1.3.132.0.31", "secp192k1", 192, 192),
    ("1.3.132.0.32", "secp224k1", 225, 224),
    ("1.3.132.0.33", "secp224r1", 224, 224),
    ("1.3.132.0.34", "secp384r1", 384, 384),
    ("1.3.132.0.35", "secp521r1", 521, 521),
    ("1.3.132.0.36", "sect409k1", 407, 409),
    ("1.3.132.0.37", "sect409r1", 409, 409),
    ("1.3.132.0.38", "sect571k1", 570, 571),
    ("1.3.132.0.39", "sect571r1", 570, 571),
];

/// Describes a SubjectPublicKeyInfo as keytool does, or fails where Java's key factories refuse
/// the key (which makes the whole certificate unparseable).
pub(super) fn describe_key(spki: &Tlv<'_>) -> JResult<KeyInfo> {
    if spki.tag != SEQUENCE {
        return io("corrupt subject key");
    }
    let mut r = spki.reader();
    let alg = parse_alg_id(&r.read()?)?;
    let bits = r.read()?;
    if bits.tag != BIT_STRING {
        return io(format!(
            "DerValue.getBitString, not a bit string {}",
            bits.jtag()
        ));
    }
    if !r.is_empty() {
        return io("excess subject key");
    }
    let name = alg_name(&alg);
    // Java pads a key with unused bits to whole octets, so the padding octet is just skipped.
    let key = bits.content.get(1..);
    let need_key = || key.map_or_else(|| io("Invalid key encoding"), Ok);
    let (display, java_alg, size): (String, &str, i64) = match (alg.oid.as_str(), name.as_str()) {
        (_, "RSA") => ("RSA".into(), "RSA", rsa_bits(need_key()?)?),
        (_, "RSASSA-PSS") => {
            if let Some(params) = alg.params
                && asn1::parse(params)?.tag != SEQUENCE
            {
                return io("Invalid PSS parameters");
            }
            ("RSASSA-PSS".into(), "RSASSA-PSS", rsa_bits(need_key()?)?)
        }
        (_, "DSA") => {
            asn1::Reader::new(need_key()?)
                .read()?
                .big_integer(INTEGER)?;
            ("DSA".into(), "DSA", dsa_bits(alg.params)?)
        }
        (_, "EC") => {
            let (curve, size) = ec_curve(alg.params, need_key()?)?;
            (format!("EC ({curve})"), "EC", size)
        }
        (_, "Ed25519") => (
            "Ed25519".into(),
            "Ed25519",
            fixed_len(need_key()?, 32, 255)?,
        ),
        (_, "Ed448") => ("Ed448".into(), "Ed448", fixed_len(need_key()?, 57, 448)?),
        (_, "X25519") => ("XDH".into(), "XDH", fixed_len(need_key()?, 32, 255)?),
        (_, "X448") => ("XDH".into(), "XDH", fixed_len(need_key()?, 56, 448)?),
        ("1.2.840.113549.1.3.1", _) => {
            asn1::Reader::new(need_key()?)
                .read()?
                .big_integer(INTEGER)?;
            ("DH".into(), "DH", dh_bits(alg.params)?)
        }
        (_, "DiffieHellman") => return io("Unsupported DH key algorithm"),
        _ => (name.clone(), name.as_str(), -1),
    };
    let severity = key_severity(java_alg, size);
    let plain = format!("{size}-bit {display} key");
    let text = match severity {
        None if size < 0 => format!("{display} key of unknown size"),
        None => plain.clone(),
        Some(Severity::Weak) => format!("{plain} (weak)"),
        Some(Severity::Disabled) => format!("{plain} (disabled)"),
    };
    let finding = severity.map(|severity| Finding::Key {
        description: plain,
        severity,
    });
    Ok(KeyInfo { text, finding })
}

fn to_i64(bits: u32) -> i64 {
    i64::from(bits)
}

/// Modulus size of an `RSAPublicKey`, with the checks of Java's RSA key factory.
fn rsa_bits(key: &[u8]) -> JResult<i64> {
    let v = asn1::parse(key)?;
    if v.tag != SEQUENCE {
        return io("Not a SEQUENCE");
    }
    let mut r = v.reader();
    // getPositiveBigInteger: the content octets read as unsigned.
    let n = r.read()?.big_integer(INTEGER)?;
    let e = r.read()?.big_integer(INTEGER)?;
    if !r.is_empty() {
        return io("Extra data available");
    }
    let unsigned = |b: &[u8]| {
        let mut u = vec![0];
        u.extend_from_slice(b);
        u
    };
    let (n, e) = (unsigned(n), unsigned(e));
    let bits = num::bit_length(&n);
    let rounded = bits.saturating_add(7) & !7;
    if !(512..=16384).contains(&rounded) {
        return io("RSA keys must be at least 512 bits long and no longer than 16384 bits");
    }
    if rounded > 3072 && num::bit_length(&e) > 64 {
        return io(
            "RSA exponents can be no longer than 64 bits if modulus is greater than 3072 bits",
        );
    }
    if num::cmp_unsigned(&e, &n).is_ge() || num::cmp_unsigned(&e, &[3]).is_lt() {
        return io("Invalid RSA exponent");
    }
    Ok(to_i64(bits))
}

/// Size of `p` in DSA parameters; -1 when the parameters are inherited (absent).
fn dsa_bits(params: Option<&[u8]>) -> JResult<i64> {
    let Some(params) = params else { return Ok(-1) };
    let v = asn1::parse(params)?;
    if v.tag != SEQUENCE {
        return io("DSA params parsing error");
    }
    let mut r = v.reader();
    let p = r.read()?.big_integer(INTEGER)?;
    r.read()?.big_integer(INTEGER)?;
    r.read()?.big_integer(INTEGER)?;
    if num::negative(p) {
        return io("DSA params parsing error");
    }
    Ok(to_i64(num::bit_length(p)))
}

/// Size of `p` in PKCS #3 DH parameters.
fn dh_bits(params: Option<&[u8]>) -> JResult<i64> {
    let Some(params) = params else {
        return io("Parameters missing");
    };
    let v = asn1::parse(params)?;
    if v.tag != SEQUENCE {
        return io("Invalid DH parameters");
    }
    let mut r = v.reader();
    let p = r.read()?.big_integer(INTEGER)?;
    r.read()?.big_integer(INTEGER)?;
    if !r.is_empty() {
        r.read()?.big_integer(INTEGER)?;
    }
    if !r.is_empty() || num::negative(p) {
        return io("Invalid DH parameters");
    }
    Ok(to_i64(num::bit_length(p)))
}

/// The named curve and order size of an EC key with an uncompressed point of the right length.
fn ec_curve(params: Option<&[u8]>, point: &[u8]) -> JResult<(&'static str, i64)> {
    let Some(params) = params else {
        return io("Only named ECParameters supported");
    };
    let oid = asn1::parse(params)?
        .oid()
        .or_else(|_| io("Only named ECParameters supported"))?;
    let Some((_, name, order_bits, field_bits)) = CURVES.iter().find(|c| c.0 == oid) else {
        return io(format!("Unknown named curve: {oid}"));
    };
    let [0x04, xy @ ..] = point else {
        return io("Only uncompressed point format supported");
    };
    if xy.len() != 2 * field_bits.div_ceil(8) {
        return io("Point does not match field size");
    }
    Ok((name, *order_bits))
}

/// Checks an EdDSA/XDH key length and returns the fixed key size.
fn fixed_len(key: &[u8], len: usize, bits: i64) -> JResult<i64> {
    if key.len() == len {
        Ok(bits)
    } else {
        io(format!(
            "key length is {}, key length must be {len}",
            key.len()
        ))
    }
}
