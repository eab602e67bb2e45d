//! A DER reader that accepts what Java's `DerValue`/`DerInputStream` accept and fails with their
//! messages, so unparseable extensions print keytool's `due to` line.

use std::borrow::Cow;

use super::{num, oid};

/// A Java exception as `Throwable.toString()` prints it (`java.io.IOException: Too short`).
pub(super) type JResult<T> = Result<T, String>;

/// `Err(java.io.IOException: msg)`.
pub(super) fn io<T>(msg: impl core::fmt::Display) -> JResult<T> {
    Err(format!("java.io.IOException: {msg}"))
}

pub(super) const BOOLEAN: u8 = 0x01;
pub(super) const INTEGER: u8 = 0x02;
pub(super) const BIT_STRING: u8 = 0x03;
pub(super) const OCTET_STRING: u8 = 0x04;
const CONSTRUCTED_OCTET_STRING: u8 = 0x24;
/// How deep constructed strings may nest.
const MAX_NESTING: usize = 32;
pub(super) const NULL: u8 = 0x05;
pub(super) const OID: u8 = 0x06;
pub(super) const ENUMERATED: u8 = 0x0A;
pub(super) const UTC_TIME: u8 = 0x17;
pub(super) const GENERALIZED_TIME: u8 = 0x18;
pub(super) const SEQUENCE: u8 = 0x30;
pub(super) const SET: u8 = 0x31;

/// One tag-length-value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tlv<'a> {
    pub(super) tag: u8,
    pub(super) content: &'a [u8],
    /// The whole encoding, header included.
    pub(super) raw: &'a [u8],
    /// Offset of `content` in the outermost buffer (Java reports positions that way).
    content_at: usize,
}

impl<'a> Tlv<'a> {
    pub(super) fn is_constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// Context-specific class with tag number `n`, either form.
    pub(super) fn is_context(&self, n: u8) -> bool {
        self.tag & 0xC0 == 0x80 && self.tag & 0x1F == n
    }

    /// Java prints tags as signed bytes (`not expected -96`).
    pub(super) fn jtag(&self) -> i8 {
        i8::from_be_bytes([self.tag])
    }

    /// The same value under another tag (Java's `resetTag` for IMPLICIT tagging).
    pub(super) fn retag(&self, tag: u8) -> Self {
        Self { tag, ..*self }
    }

    /// Reads the content as a series of values.
    pub(super) fn reader(&self) -> Reader<'a> {
        Reader {
            data: self.content,
            at: self.content_at,
        }
    }

    /// `DerValue.getOctetString()`; the BER constructed form is the concatenation of its parts.
    pub(super) fn octet_string(&self) -> JResult<Cow<'a, [u8]>> {
        self.octet_string_nested(0)
    }

    fn octet_string_nested(&self, depth: usize) -> JResult<Cow<'a, [u8]>> {
        match self.tag {
            OCTET_STRING => Ok(Cow::Borrowed(self.content)),
            // Nesting is bounded so that hostile input cannot exhaust the stack.
            CONSTRUCTED_OCTET_STRING if depth < MAX_NESTING => {
                let mut out = Vec::new();
                let mut r = self.reader();
                while !r.is_empty() {
                    out.extend_from_slice(&r.read()?.octet_string_nested(depth + 1)?);
                }
                Ok(Cow::Owned(out))
            }
            CONSTRUCTED_OCTET_STRING => io("Constructed OCTET STRING nested too deeply"),
            _ => io(format!(
                "DerValue.getOctetString, not an Octet String: {}",
                self.jtag()
            )),
        }
    }

    /// `DerValue.getOID()`, as the dotted string.
    pub(super) fn oid(&self) -> JResult<String> {
        if self.tag != OID {
            return io(format!("DerValue.getOID, not an OID {}", self.jtag()));
        }
        oid::dotted(self.content)
    }

    /// `DerValue.getBigInteger()` (or the ENUMERATED flavour): the two's-complement content.
    pub(super) fn big_integer(&self, expected: u8) -> JResult<&'a [u8]> {
        if self.tag != expected {
            return io(format!(
                "DerValue.getBigIntegerInternal, not expected {}",
                self.jtag()
            ));
        }
        if self.content.is_empty() {
            return io("Invalid encoding: zero length Int value");
        }
        Ok(self.content)
    }

    /// `DerValue.getInteger()`: an `int`, range-checked.
    pub(super) fn int(&self, expected: u8) -> JResult<i32> {
        num::to_i32(self.big_integer(expected)?)
    }

    /// `DerValue.getBoolean()`: any non-zero octet is true.
    pub(super) fn boolean(&self) -> JResult<bool> {
        if self.tag != BOOLEAN {
            return io(format!(
                "DerValue.getBoolean, not a BOOLEAN {}",
                self.jtag()
            ));
        }
        match self.content {
            [b] => Ok(*b != 0),
            other => io(format!(
                "DerValue.getBoolean, invalid length {}",
                other.len()
            )),
        }
    }

    /// `DerValue.getUnalignedBitString(..).toBooleanArray()`; `implicit` skips the tag check.
    pub(super) fn bits(&self, implicit: bool) -> JResult<Vec<bool>> {
        if !implicit && self.tag != BIT_STRING {
            return io(format!(
                "DerValue.getBitString, not a bit string {}",
                self.jtag()
            ));
        }
        let [unused, data @ ..] = self.content else {
            return io("Invalid encoding: zero length bit string");
        };
        let unused = usize::from(*unused);
        if unused > 7 || (data.is_empty() && unused != 0) {
            return io("Invalid number of padding bits");
        }
        let len = data.len() * 8 - unused;
        Ok((0..len)
            .map(|i| data.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0))
            .collect())
    }
}

/// Reads consecutive values from a buffer.
#[derive(Clone, Debug)]
pub(super) struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Self { data, at: 0 }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// What has not been read yet.
    pub(super) fn rest(&self) -> &'a [u8] {
        self.data
    }

    /// `DerInputStream.getDerValue()`.
    pub(super) fn read(&mut self) -> JResult<Tlv<'a>> {
        let [tag, len0, rest @ ..] = self.data else {
            return io("Too short");
        };
        let (tag, len0) = (*tag, *len0);
        if tag & 0x1F == 0x1F {
            return io(format!(
                "Tag number over 30 at {} is not supported",
                self.at
            ));
        }
        let (len, header) = match len0 {
            0..=0x7F => (usize::from(len0), 2),
            0x80 if tag & 0x20 == 0 => {
                return io("Indefinite length encoding not supported with non-constructed data");
            }
            0x80 => return io("Indefinite length encoding not supported"),
            0x81..=0x84 => {
                let n = usize::from(len0 & 0x7F);
                let Some(bytes) = rest.get(..n) else {
                    return Err("java.io.EOFException: not enough content".to_owned());
                };
                let value = bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
                let Ok(value) = i32::try_from(value) else {
                    return io("Invalid length bytes");
                };
                (usize::try_from(value).unwrap_or(usize::MAX), 2 + n)
            }
            _ => return io("Invalid lenByte"),
        };
        let end = header
            .checked_add(len)
            .filter(|end| *end <= self.data.len());
        let (Some(end), Some(content)) = (end, end.and_then(|e| self.data.get(header..e))) else {
            return Err("java.io.EOFException: not enough content".to_owned());
        };
        let (raw, rest) = self.data.split_at(end);
        let tlv = Tlv {
            tag,
            content,
            raw,
            content_at: self.at + header,
        };
        self.data = rest;
        self.at += end;
        Ok(tlv)
    }

    /// Reads a value that must carry `tag`, failing with `msg` otherwise.
    pub(super) fn expect(&mut self, tag: u8, msg: &str) -> JResult<Tlv<'a>> {
        let v = self.read()?;
        if v.tag == tag { Ok(v) } else { io(msg) }
    }
}

/// `new DerValue(bytes)`: exactly one value.
pub(super) fn parse(data: &[u8]) -> JResult<Tlv<'_>> {
    let mut r = Reader::new(data);
    let v = r.read()?;
    if r.is_empty() {
        Ok(v)
    } else {
        io("extra data at the end")
    }
}
