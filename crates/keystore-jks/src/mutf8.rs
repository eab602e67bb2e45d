//! Java "modified UTF-8" (`DataOutputStream.writeUTF`), used for aliases, certificate types and
//! the strings of serialized Java objects.
//!
//! Encoding works per UTF-16 code unit: U+0001..U+007F as one byte, U+0000 and U+0080..U+07FF
//! as two bytes (so NUL is `c0 80`), everything else as three bytes; a supplementary character
//! becomes a surrogate pair, each half three bytes (never the 4-byte UTF-8 form).
//!
//! Decoding accepts exactly what Java's `readUTF` accepts (including a raw `00` byte and
//! over-long 2- and 3-byte forms, which Java does not check), with one exception: a surrogate
//! half that is not part of a pair is rejected, because a Rust `String` cannot hold it.
//! Everything Java writes for a valid `String` without lone surrogates therefore decodes, and
//! [`encode`] gives back the same bytes.

use alloc::{string::String, vec::Vec};
use core::fmt;

/// The largest encoded length `writeUTF` accepts (its length prefix is a `u16`).
pub const MAX_ENCODED_LEN: usize = 65_535;

/// Input that is not modified UTF-8 Java would read (or holds a lone surrogate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidModifiedUtf8 {
    /// Offset of the first byte of the offending sequence.
    pub valid_up_to: usize,
}

impl fmt::Display for InvalidModifiedUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid modified UTF-8 at byte {}", self.valid_up_to)
    }
}

impl core::error::Error for InvalidModifiedUtf8 {}

/// Encoded length of one UTF-16 code unit.
const fn unit_len(unit: u16) -> usize {
    match unit {
        0x0001..=0x007f => 1,
        0x0000 | 0x0080..=0x07ff => 2,
        _ => 3,
    }
}

/// The number of bytes [`encode`] produces for `s` (without the 2-byte length prefix).
#[must_use]
pub fn encoded_len(s: &str) -> usize {
    s.encode_utf16().map(unit_len).sum()
}

/// Encodes `s` as modified UTF-8 (without the length prefix; see [`MAX_ENCODED_LEN`]).
#[must_use]
pub fn encode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(encoded_len(s));
    for unit in s.encode_utf16() {
        let [hi, lo] = unit.to_be_bytes();
        match unit_len(unit) {
            1 => out.push(lo),
            2 => out.extend_from_slice(&[0xc0 | (hi << 2) | (lo >> 6), 0x80 | (lo & 0x3f)]),
            _ => out.extend_from_slice(&[
                0xe0 | (hi >> 4),
                0x80 | ((hi & 0x0f) << 2) | (lo >> 6),
                0x80 | (lo & 0x3f),
            ]),
        }
    }
    out
}

/// Decodes modified UTF-8 (without the length prefix).
///
/// # Errors
/// [`InvalidModifiedUtf8`] for a byte sequence Java rejects (a 4-byte form, a stray
/// continuation byte, a truncated sequence) and for a lone surrogate half.
pub fn decode(bytes: &[u8]) -> Result<String, InvalidModifiedUtf8> {
    let mut out = String::with_capacity(bytes.len());
    // A high surrogate waiting for its low half, with the offset where it started.
    let mut pending: Option<(u16, usize)> = None;
    let mut i = 0;
    while let Some(&b0) = bytes.get(i) {
        let start = i;
        let bad = InvalidModifiedUtf8 { valid_up_to: start };
        let cont = |k: usize| match bytes.get(start + k) {
            Some(&b) if b & 0xc0 == 0x80 => Ok(u16::from(b & 0x3f)),
            _ => Err(bad),
        };
        let unit = match b0 >> 4 {
            0x0..=0x7 => {
                i += 1;
                u16::from(b0)
            }
            0xc | 0xd => {
                let u = (u16::from(b0 & 0x1f) << 6) | cont(1)?;
                i += 2;
                u
            }
            0xe => {
                let u = (u16::from(b0 & 0x0f) << 12) | (cont(1)? << 6) | cont(2)?;
                i += 3;
                u
            }
            _ => return Err(bad),
        };
        match (pending.take(), unit) {
            (Some((high, _)), 0xdc00..=0xdfff) => {
                let c = 0x10000 + ((u32::from(high) - 0xd800) << 10) + (u32::from(unit) - 0xdc00);
                out.push(char::from_u32(c).ok_or(bad)?);
            }
            (Some((_, at)), _) => return Err(InvalidModifiedUtf8 { valid_up_to: at }),
            (None, 0xd800..=0xdbff) => pending = Some((unit, start)),
            (None, 0xdc00..=0xdfff) => return Err(bad),
            (None, _) => out.push(char::from_u32(u32::from(unit)).ok_or(bad)?),
        }
    }
    match pending {
        Some((_, at)) => Err(InvalidModifiedUtf8 { valid_up_to: at }),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;
    use proptest::prelude::*;

    #[test]
    fn spec_example() {
        // jks-jceks.md §1.2: keytool's bytes for `Kľúč€😀` lower-cased.
        let bytes = hex!("6b c4be c3ba c48d e282ac eda0bd edb880");
        assert_eq!(encode("kľúč€😀"), bytes);
        assert_eq!(encoded_len("kľúč€😀"), 16);
        assert_eq!(decode(&bytes).unwrap(), "kľúč€😀");
    }

    #[test]
    fn nul_and_boundaries() {
        assert_eq!(encode("\0"), [0xc0, 0x80]);
        assert_eq!(decode(&[0xc0, 0x80]).unwrap(), "\0");
        // Java reads a raw 00 byte as NUL too.
        assert_eq!(decode(&[b'a', 0, b'b']).unwrap(), "a\0b");
        assert_eq!(
            encode("\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}"),
            hex!("7f c280 dfbf e0a080 efbfbf")
        );
        assert_eq!(
            decode(&hex!("7f c280 dfbf e0a080 efbfbf")).unwrap(),
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}"
        );
        assert_eq!(encode("\u{10ffff}"), hex!("edafbf edbfbf"));
        assert_eq!(decode(&hex!("edafbf edbfbf")).unwrap(), "\u{10ffff}");
        assert_eq!(encode(""), [] as [u8; 0]);
        assert_eq!(decode(&[]).unwrap(), "");
    }

    #[test]
    fn java_lenient_forms() {
        // Over-long forms: Java's readUTF does not check them.
        assert_eq!(decode(&[0xc1, 0x81]).unwrap(), "A");
        assert_eq!(decode(&[0xe0, 0x81, 0x81]).unwrap(), "A");
    }

    #[test]
    fn rejected() {
        let err = |b: &[u8]| decode(b).unwrap_err().valid_up_to;
        // Standard UTF-8 4-byte form of U+1F600.
        assert_eq!(err(&hex!("61 f09f9880")), 1);
        assert_eq!(err(&[0x80]), 0);
        assert_eq!(err(&[0xff]), 0);
        assert_eq!(err(&[0xf8, 0x80, 0x80, 0x80, 0x80]), 0);
        // Truncated sequences.
        assert_eq!(err(&[b'a', b'b', 0xc4]), 2);
        assert_eq!(err(&[0xe2, 0x82]), 0);
        assert_eq!(err(&[0xe2, 0x41, 0x80]), 0);
        // Lone surrogates.
        assert_eq!(err(&hex!("eda0bd")), 0);
        assert_eq!(err(&hex!("61 edb880")), 1);
        assert_eq!(err(&hex!("eda0bd 61")), 0);
        assert_eq!(err(&hex!("eda0bd eda0bd edb880")), 0);
    }

    #[test]
    fn length_limit() {
        let max = "a".repeat(MAX_ENCODED_LEN);
        assert_eq!(encoded_len(&max), 65_535);
        assert_eq!(encoded_len(&"a".repeat(65_536)), 65_536);
        // 21845 three-byte chars = 65535 bytes; one more ASCII char goes over.
        let cjk = "鍵".repeat(21_845);
        assert_eq!(encoded_len(&cjk), 65_535);
        assert_eq!(encoded_len(&(cjk + "a")), 65_536);
        assert_eq!(encoded_len("\0"), 2);
        assert_eq!(encoded_len("😀"), 6);
    }

    proptest! {
        #[test]
        fn round_trip(s in any::<String>()) {
            let bytes = encode(&s);
            prop_assert_eq!(bytes.len(), encoded_len(&s));
            // No 4-byte forms and no raw NUL, ever.
            prop_assert!(bytes.iter().all(|b| *b != 0 && *b < 0xf0));
            prop_assert_eq!(decode(&bytes).unwrap(), s);
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Ok(s) = decode(&bytes) {
                prop_assert_eq!(decode(&encode(&s)).unwrap(), s);
            }
        }
    }
}
