//! A small, bounded BER → DER normalizer.
//!
//! PKCS#12 producers other than Java and OpenSSL (Windows, NSS, some HSM tools) write BER:
//! indefinite lengths, constructed OCTET STRINGs, non-minimal length octets. Java's reader
//! accepts them. Normalization works one level at a time: the contents of OCTET STRINGs are
//! kept verbatim (constructed ones are concatenated), because they are MAC'd, encrypted or
//! parsed later as their own encoding.
//!
//! * Recursion depth is capped at [`MAX_DEPTH`].
//! * Output length ≤ input length + a few bytes per element, so memory stays bounded by the
//!   input; nothing is allocated from a length read out of the input before it is checked
//!   against the bytes that remain.

use alloc::vec::Vec;
use keystore_model::{Error, Malformed, StoreFormat};

/// Deepest nesting of constructed elements accepted (PKCS#12 needs about 12).
pub const MAX_DEPTH: usize = 32;

const OCTET_STRING: u8 = 0x04;
const CONSTRUCTED: u8 = 0x20;

/// Normalizes exactly one BER element spanning all of `input` to DER. `base` is the offset of
/// `input` in the file (for error messages).
pub(crate) fn normalize(input: &[u8], base: usize) -> Result<Vec<u8>, Error> {
    let ber = Ber { input, base };
    let mut out = Vec::with_capacity(input.len());
    let end = ber.element(0, input.len(), 0, &mut out)?;
    if end != input.len() {
        return Err(ber.error(
            end,
            Malformed::Other("trailing bytes after the DER structure"),
        ));
    }
    Ok(out)
}

struct Ber<'a> {
    input: &'a [u8],
    base: usize,
}

/// A parsed identifier and length.
struct Header {
    /// Tag bytes (identifier octets), from `start`.
    tag_end: usize,
    /// First tag byte.
    first: u8,
    /// `None` for the indefinite form.
    len: Option<usize>,
    /// Offset of the content.
    content: usize,
}

impl Ber<'_> {
    fn error(&self, at: usize, what: Malformed) -> Error {
        Error::Malformed {
            format: StoreFormat::Pkcs12,
            offset: self.base.saturating_add(at),
            what,
        }
    }

    fn byte(&self, at: usize) -> Result<u8, Error> {
        self.input
            .get(at)
            .copied()
            .ok_or_else(|| self.error(at, Malformed::Truncated))
    }

    /// Parses the header at `start` of an element that must end by `limit` (its parent's end,
    /// or the end of the input).
    fn header(&self, start: usize, limit: usize) -> Result<Header, Error> {
        let first = self.byte(start)?;
        let mut pos = start + 1;
        if first & 0x1f == 0x1f {
            // High tag number: base-128 continuation bytes; 4 are plenty.
            let mut count = 0;
            loop {
                let b = self.byte(pos)?;
                pos += 1;
                count += 1;
                if count > 4 {
                    return Err(self.error(start, Malformed::Other("tag number too large")));
                }
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        let tag_end = pos;
        let l = self.byte(pos)?;
        pos += 1;
        let claimed: Option<u64> = if l < 0x80 {
            Some(u64::from(l))
        } else if l == 0x80 {
            if first & CONSTRUCTED == 0 {
                return Err(self.error(
                    tag_end,
                    Malformed::Other("indefinite length on a primitive element"),
                ));
            }
            None
        } else {
            let n = usize::from(l & 0x7f);
            if n > 8 {
                return Err(self.error(tag_end, Malformed::Other("length of length too large")));
            }
            let mut v: u64 = 0;
            for _ in 0..n {
                v = (v << 8) | u64::from(self.byte(pos)?);
                pos += 1;
            }
            Some(v)
        };
        let remaining = limit.saturating_sub(pos);
        let len = match claimed {
            None => None,
            Some(v) => match usize::try_from(v) {
                Ok(v) if v <= remaining => Some(v),
                // Past the end of the input: the file was cut short.
                _ if limit >= self.input.len() => {
                    return Err(self.error(self.input.len(), Malformed::Truncated));
                }
                // Past the end of the enclosing element.
                _ => {
                    return Err(self.error(
                        tag_end,
                        Malformed::LengthOverrun {
                            claimed: v,
                            remaining: u64::try_from(remaining).unwrap_or(u64::MAX),
                        },
                    ));
                }
            },
        };
        Ok(Header {
            tag_end,
            first,
            len,
            content: pos,
        })
    }

    fn is_eoc(&self, at: usize) -> bool {
        self.input.get(at..at + 2) == Some(&[0, 0])
    }

    fn depth_check(depth: usize) -> Result<(), Error> {
        if depth >= MAX_DEPTH {
            return Err(Error::LimitExceeded {
                what: "ASN.1 nesting depth",
                found: u64::try_from(depth + 1).unwrap_or(u64::MAX),
                limit: u64::try_from(MAX_DEPTH).unwrap_or(u64::MAX),
            });
        }
        Ok(())
    }

    /// Normalizes the element at `start` (which must end by `limit`) into `out`; returns the
    /// offset after it.
    fn element(
        &self,
        start: usize,
        limit: usize,
        depth: usize,
        out: &mut Vec<u8>,
    ) -> Result<usize, Error> {
        let h = self.header(start, limit)?;
        let tag = self
            .input
            .get(start..h.tag_end)
            .ok_or_else(|| self.error(start, Malformed::Truncated))?;

        if h.first & CONSTRUCTED == 0 {
            let len = h.len.unwrap_or(0);
            let content = self
                .input
                .get(h.content..h.content + len)
                .ok_or_else(|| self.error(h.content, Malformed::Truncated))?;
            out.extend_from_slice(tag);
            push_len(out, len);
            out.extend_from_slice(content);
            return Ok(h.content + len);
        }

        Self::depth_check(depth)?;
        if h.first == OCTET_STRING | CONSTRUCTED {
            // Constructed OCTET STRING → primitive, segments concatenated.
            out.push(OCTET_STRING);
            let len_at = out.len();
            let end = self.children(
                &h,
                limit,
                |pos, lim, out| self.octets(pos, lim, depth + 1, out),
                out,
            )?;
            fix_len(out, len_at);
            return Ok(end);
        }
        out.extend_from_slice(tag);
        let len_at = out.len();
        let end = self.children(
            &h,
            limit,
            |pos, lim, out| self.element(pos, lim, depth + 1, out),
            out,
        )?;
        fix_len(out, len_at);
        Ok(end)
    }

    /// Runs `child(pos, limit, out)` over the children of a constructed element; returns the
    /// offset after the element (after the end-of-contents octets for the indefinite form).
    fn children(
        &self,
        h: &Header,
        limit: usize,
        child: impl Fn(usize, usize, &mut Vec<u8>) -> Result<usize, Error>,
        out: &mut Vec<u8>,
    ) -> Result<usize, Error> {
        let mut pos = h.content;
        match h.len {
            Some(len) => {
                let end = h.content + len;
                while pos < end {
                    pos = child(pos, end, out)?;
                }
                Ok(end)
            }
            None => loop {
                if self.is_eoc(pos) {
                    break Ok(pos + 2);
                }
                if pos >= limit {
                    break Err(self.error(pos, Malformed::Truncated));
                }
                pos = child(pos, limit, out)?;
            },
        }
    }

    /// Appends the content octets of an OCTET STRING segment (primitive or constructed).
    fn octets(
        &self,
        start: usize,
        limit: usize,
        depth: usize,
        out: &mut Vec<u8>,
    ) -> Result<usize, Error> {
        let h = self.header(start, limit)?;
        if h.first == OCTET_STRING {
            let len = h.len.unwrap_or(0);
            let content = self
                .input
                .get(h.content..h.content + len)
                .ok_or_else(|| self.error(h.content, Malformed::Truncated))?;
            out.extend_from_slice(content);
            Ok(h.content + len)
        } else if h.first == OCTET_STRING | CONSTRUCTED {
            Self::depth_check(depth)?;
            self.children(
                &h,
                limit,
                |pos, lim, out| self.octets(pos, lim, depth + 1, out),
                out,
            )
        } else {
            Err(self.error(
                start,
                Malformed::Other("constructed OCTET STRING segment is not an OCTET STRING"),
            ))
        }
    }
}

/// Appends a minimal DER length.
pub(crate) fn push_len(out: &mut Vec<u8>, len: usize) {
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            let count = bytes.len() - skip;
            out.push(0x80 | u8::try_from(count).unwrap_or(0x7f));
            out.extend(bytes.iter().skip(skip));
        }
    }
}

/// Inserts the DER length of `out[at..]` at `at`.
fn fix_len(out: &mut Vec<u8>, at: usize) {
    let len = out.len().saturating_sub(at);
    let mut l = Vec::with_capacity(9);
    push_len(&mut l, len);
    out.splice(at..at, l);
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    #[test]
    fn der_is_unchanged() {
        let der = hex!("3009020103300404020000");
        assert_eq!(normalize(&der, 0).unwrap(), der);
    }

    #[test]
    fn indefinite_lengths_and_constructed_octets() {
        // SEQ(indef) { INTEGER 3, [0](indef) { OCTET STRING(constructed, indef) { 04 01 aa, 04 02 bb cc } } }
        let ber = hex!("3080 020103 a080 2480 0401aa 0402bbcc 0000 0000 0000");
        assert_eq!(
            normalize(&ber, 0).unwrap(),
            hex!("300a 020103 a005 0403aabbcc")
        );
    }

    #[test]
    fn non_minimal_lengths_are_fixed() {
        let ber = hex!("308103 020101");
        assert_eq!(normalize(&ber, 0).unwrap(), hex!("3003020101"));
    }

    #[test]
    fn long_content_gets_long_form() {
        let mut ber = hex!("3080 0481c8").to_vec();
        ber.extend_from_slice(&[7; 200]);
        ber.extend_from_slice(&[0, 0]);
        let der = normalize(&ber, 0).unwrap();
        assert_eq!(der.get(..6), Some(&hex!("3081cb0481c8")[..]));
        assert_eq!(der.len(), 3 + 3 + 200);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            normalize(&[], 0),
            Err(Error::Malformed {
                what: Malformed::Truncated,
                ..
            })
        ));
        assert!(matches!(
            normalize(&hex!("30847fffffff0000"), 0),
            Err(Error::Malformed {
                offset: 8,
                what: Malformed::Truncated,
                ..
            })
        ));
        assert!(matches!(
            normalize(&hex!("3080020101"), 0),
            Err(Error::Malformed {
                what: Malformed::Truncated,
                ..
            })
        ));
        assert!(matches!(
            normalize(&hex!("0480"), 0),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            normalize(&hex!("3000 00"), 0),
            Err(Error::Malformed { offset: 2, .. })
        ));
        // A child that claims more than its parent holds.
        assert!(matches!(
            normalize(&hex!("3003 0203010203"), 0),
            Err(Error::Malformed {
                offset: 3,
                what: Malformed::LengthOverrun {
                    claimed: 3,
                    remaining: 1
                },
                ..
            })
        ));
        // Constructed OCTET STRING with a non-OCTET STRING segment.
        assert!(matches!(
            normalize(&hex!("2403 020100"), 0),
            Err(Error::Malformed { .. })
        ));
    }

    #[test]
    fn depth_is_capped() {
        let mut ber = Vec::new();
        for _ in 0..(MAX_DEPTH + 1) {
            ber.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..(MAX_DEPTH + 1) {
            ber.extend_from_slice(&[0, 0]);
        }
        assert!(matches!(
            normalize(&ber, 0),
            Err(Error::LimitExceeded {
                what: "ASN.1 nesting depth",
                ..
            })
        ));
        let mut ok = Vec::new();
        for _ in 0..MAX_DEPTH {
            ok.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..MAX_DEPTH {
            ok.extend_from_slice(&[0, 0]);
        }
        assert!(normalize(&ok, 0).is_ok());
    }
}
