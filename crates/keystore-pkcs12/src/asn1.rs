//! A minimal DER cursor (over normalized DER, see [`crate::ber`]) and DER writing helpers.

use alloc::vec::Vec;
use der::asn1::ObjectIdentifier;
use keystore_model::{Error, Malformed, StoreFormat};

pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const OID: u8 = 0x06;
pub(crate) const UTF8_STRING: u8 = 0x0c;
pub(crate) const BMP_STRING: u8 = 0x1e;
pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const SET: u8 = 0x31;
/// `[0]` constructed (EXPLICIT wrappers).
pub(crate) const CONTEXT_0: u8 = 0xa0;
/// `[0]` primitive (IMPLICIT OCTET STRING).
pub(crate) const CONTEXT_0_PRIMITIVE: u8 = 0x80;

/// A malformed-input error at `offset`.
pub(crate) fn malformed(offset: usize, what: Malformed) -> Error {
    Error::Malformed {
        format: StoreFormat::Pkcs12,
        offset,
        what,
    }
}

/// A malformed-input error described by `what`.
pub(crate) fn bad(offset: usize, what: &'static str) -> Error {
    malformed(offset, Malformed::Other(what))
}

/// One DER element.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    /// The first identifier octet.
    pub(crate) tag: u8,
    /// The content octets.
    pub(crate) content: &'a [u8],
    /// The whole element (identifier, length, content).
    pub(crate) raw: &'a [u8],
    /// Offset of the element in the file (exact for DER input).
    pub(crate) offset: usize,
    /// Offset of the content.
    pub(crate) content_offset: usize,
}

impl<'a> Tlv<'a> {
    /// A cursor over the content.
    pub(crate) fn reader(&self) -> Reader<'a> {
        Reader::new(self.content, self.content_offset)
    }

    /// Fails unless the tag is `tag`.
    pub(crate) fn expect(self, tag: u8, what: &'static str) -> Result<Self, Error> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(bad(self.offset, what))
        }
    }

    /// The value of an OBJECT IDENTIFIER.
    pub(crate) fn oid(&self) -> Result<ObjectIdentifier, Error> {
        if self.tag != OID {
            return Err(bad(self.offset, "expected an OBJECT IDENTIFIER"));
        }
        ObjectIdentifier::from_bytes(self.content)
            .map_err(|_| bad(self.offset, "invalid OBJECT IDENTIFIER"))
    }

    /// The value of a small non-negative INTEGER.
    pub(crate) fn small_uint(&self) -> Result<u32, Error> {
        if self.tag != INTEGER {
            return Err(bad(self.offset, "expected an INTEGER"));
        }
        let first = self.content.first().copied();
        if first.is_none() || first.is_some_and(|b| b & 0x80 != 0) {
            return Err(bad(self.offset, "INTEGER is empty or negative"));
        }
        let digits: &[u8] = match self.content {
            [0, rest @ ..] if !rest.is_empty() => rest,
            all => all,
        };
        if digits.len() > 4 {
            return Err(bad(self.offset, "INTEGER too large"));
        }
        Ok(digits
            .iter()
            .fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
    }
}

/// A cursor over consecutive DER elements.
#[derive(Clone, Debug)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> Reader<'a> {
    /// A cursor over `buf`, which starts at file offset `base`.
    pub(crate) fn new(buf: &'a [u8], base: usize) -> Self {
        Self { buf, pos: 0, base }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    fn at(&self) -> usize {
        self.base.saturating_add(self.pos)
    }

    /// The first identifier octet of the next element.
    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// The next element.
    pub(crate) fn next(&mut self) -> Result<Tlv<'a>, Error> {
        let start = self.pos;
        let byte = |i: usize| {
            self.buf
                .get(i)
                .copied()
                .ok_or_else(|| malformed(self.base.saturating_add(i), Malformed::Truncated))
        };
        let tag = byte(start)?;
        let mut pos = start + 1;
        if tag & 0x1f == 0x1f {
            let mut count = 0;
            while byte(pos)? & 0x80 != 0 {
                pos += 1;
                count += 1;
                if count > 4 {
                    return Err(bad(self.at(), "tag number too large"));
                }
            }
            pos += 1;
        }
        let l = byte(pos)?;
        pos += 1;
        let len = if l < 0x80 {
            usize::from(l)
        } else if l == 0x80 {
            return Err(bad(
                self.base.saturating_add(pos - 1),
                "indefinite length in DER",
            ));
        } else {
            let n = usize::from(l & 0x7f);
            if n > 8 {
                return Err(bad(
                    self.base.saturating_add(pos - 1),
                    "length of length too large",
                ));
            }
            let mut v: u64 = 0;
            for _ in 0..n {
                v = (v << 8) | u64::from(byte(pos)?);
                pos += 1;
            }
            let remaining = self.buf.len().saturating_sub(pos);
            match usize::try_from(v) {
                Ok(v) if v <= remaining => v,
                _ => {
                    return Err(malformed(
                        self.base.saturating_add(start),
                        Malformed::LengthOverrun {
                            claimed: v,
                            remaining: u64::try_from(remaining).unwrap_or(u64::MAX),
                        },
                    ));
                }
            }
        };
        let end = pos
            .checked_add(len)
            .filter(|e| *e <= self.buf.len())
            .ok_or_else(|| malformed(self.base.saturating_add(pos), Malformed::Truncated))?;
        let content = self
            .buf
            .get(pos..end)
            .ok_or_else(|| malformed(self.base.saturating_add(pos), Malformed::Truncated))?;
        let raw = self
            .buf
            .get(start..end)
            .ok_or_else(|| malformed(self.base.saturating_add(start), Malformed::Truncated))?;
        self.pos = end;
        Ok(Tlv {
            tag,
            content,
            raw,
            offset: self.base.saturating_add(start),
            content_offset: self.base.saturating_add(pos),
        })
    }

    /// The next element, which must have tag `tag`.
    pub(crate) fn expect(&mut self, tag: u8, what: &'static str) -> Result<Tlv<'a>, Error> {
        let at = self.at();
        if self.is_empty() {
            return Err(malformed(at, Malformed::Truncated));
        }
        let tlv = self.next()?;
        if tlv.tag != tag {
            return Err(bad(at, what));
        }
        Ok(tlv)
    }

    /// The next element if it has tag `tag`.
    pub(crate) fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, Error> {
        if self.peek_tag() == Some(tag) {
            self.next().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Fails unless every byte was consumed.
    pub(crate) fn finish(&self, what: &'static str) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(bad(self.at(), what))
        }
    }
}

/// Appends a DER TLV with a single-octet tag.
pub(crate) fn push_tlv(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    crate::ber::push_len(out, content.len());
    out.extend_from_slice(content);
}

/// A DER TLV with a single-octet tag.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    push_tlv(&mut out, tag, content);
    out
}

/// A DER OBJECT IDENTIFIER.
pub(crate) fn oid(oid: &ObjectIdentifier) -> Vec<u8> {
    tlv(OID, oid.as_bytes())
}

/// A SEQUENCE (or other constructed type) of already-encoded parts.
pub(crate) fn constructed(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(len + 6);
    out.push(tag);
    crate::ber::push_len(&mut out, len);
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// DER INTEGER of a non-negative value.
pub(crate) fn uint(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let mut content: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if content.first().is_none_or(|b| b & 0x80 != 0) {
        content.insert(0, 0);
    }
    tlv(INTEGER, &content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    #[test]
    fn reads_and_writes() {
        let der = constructed(
            SEQUENCE,
            &[&uint(3), &tlv(OCTET_STRING, b"ab"), &uint(0x80)],
        );
        assert_eq!(der, hex!("300b 020103 04026162 02020080"));
        let mut r = Reader::new(&der, 10);
        let seq = r.expect(SEQUENCE, "seq").unwrap();
        r.finish("trailing").unwrap();
        assert_eq!(seq.offset, 10);
        let mut inner = seq.reader();
        assert_eq!(inner.next().unwrap().small_uint().unwrap(), 3);
        assert_eq!(inner.optional(INTEGER).unwrap().map(|t| t.tag), None);
        assert_eq!(inner.expect(OCTET_STRING, "os").unwrap().content, b"ab");
        let big = inner.next().unwrap();
        assert_eq!(big.offset, 10 + 2 + 3 + 4);
        assert_eq!(big.small_uint().unwrap(), 0x80);
        assert!(inner.is_empty());
        assert!(matches!(
            inner.expect(SEQUENCE, "x"),
            Err(Error::Malformed {
                what: Malformed::Truncated,
                ..
            })
        ));
    }

    #[test]
    fn rejects_bad_elements() {
        assert!(Reader::new(&hex!("3080"), 0).next().is_err());
        assert!(matches!(
            Reader::new(&hex!("3005 0201"), 0).next(),
            Err(Error::Malformed {
                what: Malformed::Truncated,
                ..
            })
        ));
        assert!(matches!(
            Reader::new(&hex!("3084ffffffff"), 0).next(),
            Err(Error::Malformed {
                what: Malformed::LengthOverrun { .. },
                ..
            })
        ));
        let neg = Reader::new(&hex!("0201ff"), 0).next().unwrap();
        assert!(neg.small_uint().is_err());
        let huge = Reader::new(&hex!("020501ffffffff"), 0).next().unwrap();
        assert!(huge.small_uint().is_err());
        assert_eq!(uint(0), hex!("020100"));
    }
}
