//! A bounds-checked big-endian slice cursor: every read returns an error instead of panicking,
//! and every length read from the input is checked against the bytes that remain.

use alloc::string::String;
use keystore_model::{Error, Malformed, StoreFormat};

use crate::mutf8;

/// Reads `DataInputStream`-style fields from a borrowed slice.
pub(crate) struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Absolute offset of `buf[0]` in the file (for error messages).
    base: usize,
    pub(crate) format: StoreFormat,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(buf: &'a [u8], base: usize, format: StoreFormat) -> Self {
        Self {
            buf,
            pos: 0,
            base,
            format,
        }
    }

    /// Position relative to the start of `buf`.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// The bytes read since relative position `start`.
    pub(crate) fn consumed_since(&self, start: usize) -> &'a [u8] {
        self.buf.get(start..self.pos).unwrap_or_default()
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// An error at relative position `pos`.
    pub(crate) fn error_at(&self, pos: usize, what: Malformed) -> Error {
        Error::Malformed {
            format: self.format,
            offset: self.base.saturating_add(pos),
            what,
        }
    }

    /// An error at the current position.
    pub(crate) fn error(&self, what: Malformed) -> Error {
        self.error_at(self.pos, what)
    }

    /// The next `n` bytes; `Truncated` if fewer remain.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| self.error(Malformed::Truncated))?;
        let out = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| self.error(Malformed::Truncated))?;
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let bytes = self.take(N)?;
        <[u8; N]>::try_from(bytes).map_err(|_| self.error(Malformed::Truncated))
    }

    pub(crate) fn u8(&mut self) -> Result<u8, Error> {
        self.array::<1>().map(|[b]| b)
    }

    pub(crate) fn peek_u8(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    pub(crate) fn u16(&mut self) -> Result<u16, Error> {
        self.array().map(u16::from_be_bytes)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Error> {
        self.array().map(u32::from_be_bytes)
    }

    pub(crate) fn i32(&mut self) -> Result<i32, Error> {
        self.array().map(i32::from_be_bytes)
    }

    pub(crate) fn i64(&mut self) -> Result<i64, Error> {
        self.array().map(i64::from_be_bytes)
    }

    /// A Java `int` count or length: negative is rejected. The value is not checked against
    /// the remaining input (counts are not byte lengths).
    pub(crate) fn count_i32(&mut self) -> Result<u32, Error> {
        let at = self.pos;
        let n = self.i32()?;
        u32::try_from(n).map_err(|_| self.error_at(at, Malformed::NegativeLength(i64::from(n))))
    }

    /// An `int` byte length followed by that many bytes. A negative length or one larger than
    /// the remaining input is rejected before anything is allocated.
    pub(crate) fn bytes_i32(&mut self) -> Result<&'a [u8], Error> {
        let at = self.pos;
        let n = self.count_i32()?;
        self.checked_take(at, u64::from(n))
    }

    /// Takes `n` bytes, reporting an overrun at `at` (the offset of the length field).
    fn checked_take(&mut self, at: usize, n: u64) -> Result<&'a [u8], Error> {
        let remaining = self.remaining();
        match usize::try_from(n) {
            Ok(len) if len <= remaining => self.take(len),
            _ => Err(self.error_at(
                at,
                Malformed::LengthOverrun {
                    claimed: n,
                    remaining: u64::try_from(remaining).unwrap_or(u64::MAX),
                },
            )),
        }
    }

    /// A Java `writeUTF` string: u16 byte length and modified UTF-8.
    pub(crate) fn utf(&mut self) -> Result<String, Error> {
        let at = self.pos;
        let n = self.u16()?;
        let start = self.pos;
        let bytes = self.checked_take(at, u64::from(n))?;
        mutf8::decode(bytes).map_err(|e| {
            self.error_at(
                start.saturating_add(e.valid_up_to),
                Malformed::BadModifiedUtf8,
            )
        })
    }
}
