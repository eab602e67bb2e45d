//! Two's-complement integers as Java's `BigInteger` prints them.

use super::asn1::{JResult, io};

fn is_negative(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(|b| b & 0x80 != 0)
}

/// `BigInteger.toByteArray()`: the minimal two's-complement form (`[0]` for zero).
pub(super) fn minimal(bytes: &[u8]) -> &[u8] {
    let mut b = bytes;
    while let [first, second, ..] = b {
        let redundant =
            (*first == 0 && second & 0x80 == 0) || (*first == 0xFF && second & 0x80 != 0);
        if !redundant {
            break;
        }
        b = b.get(1..).unwrap_or_default();
    }
    if b.is_empty() { &[0] } else { b }
}

/// The magnitude of a two's-complement integer, big-endian, without leading zeros.
fn magnitude(bytes: &[u8]) -> Vec<u8> {
    let mut m = bytes.to_vec();
    if is_negative(bytes) {
        // Negate: invert and add one.
        let mut carry = true;
        for b in m.iter_mut().rev() {
            let (v, c) = (!*b).overflowing_add(u8::from(carry));
            *b = v;
            carry = c;
        }
    }
    let first = m.iter().position(|b| *b != 0).unwrap_or(m.len());
    m.split_off(first)
}

fn lower_hex(bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `BigInteger.toString(16)`: `-5`, `0`, `ff01`.
pub(super) fn to_hex_string(bytes: &[u8]) -> String {
    let sign = if is_negative(bytes) { "-" } else { "" };
    format!("{sign}{}", lower_hex(&magnitude(bytes)))
}

/// `sun.security.util.Debug.toHexString(BigInteger)`: `    3039`, `   -012c`, eight hex digits a
/// group, eight groups a line.
pub(super) fn debug_hex(bytes: &[u8]) -> String {
    let mut hex = lower_hex(&magnitude(bytes));
    if !hex.len().is_multiple_of(2) {
        hex.insert(0, '0');
    }
    let mut out = String::from(if is_negative(bytes) { "   -" } else { "    " });
    for (i, c) in hex.chars().enumerate() {
        if i > 0 && i % 64 == 0 {
            out.push_str("\n    ");
        } else if i > 0 && i % 8 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `DerValue.getInteger()` range check.
pub(super) fn to_i32(bytes: &[u8]) -> JResult<i32> {
    let m = minimal(bytes);
    if m.len() > 4 {
        return if is_negative(m) {
            io("Integer below minimum valid value")
        } else {
            io("Integer exceeds maximum valid value")
        };
    }
    let fill = if is_negative(m) { 0xFF } else { 0 };
    let mut buf = [fill; 4];
    let start = 4 - m.len();
    for (dst, src) in buf.iter_mut().skip(start).zip(m) {
        *dst = *src;
    }
    Ok(i32::from_be_bytes(buf))
}

/// `BigInteger.bitLength()` of a non-negative integer.
pub(super) fn bit_length(bytes: &[u8]) -> u32 {
    let m = magnitude(bytes);
    match m.first() {
        None => 0,
        Some(first) => {
            let len = u32::try_from(m.len()).unwrap_or(u32::MAX / 8);
            len.saturating_mul(8) - first.leading_zeros()
        }
    }
}

/// Whether a two's-complement integer is negative.
pub(super) fn negative(bytes: &[u8]) -> bool {
    is_negative(bytes)
}

/// Compares two non-negative two's-complement integers.
pub(super) fn cmp_unsigned(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    let (a, b) = (magnitude(a), magnitude(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(&b))
}

/// Decimal digits of a big-endian unsigned number held as base-128 digits (OID arcs).
pub(super) fn base128_to_decimal(digits: &[u8], minus: u32) -> String {
    const BASE: u64 = 1_000_000_000;
    // A value below BASE always fits.
    let limb = |v: u64| u32::try_from(v % BASE).unwrap_or(0);
    // Little-endian limbs of 10^9.
    let mut limbs: Vec<u32> = vec![0];
    for d in digits {
        let mut carry = u64::from(d & 0x7F);
        for limb_ref in &mut limbs {
            let v = u64::from(*limb_ref) * 128 + carry;
            *limb_ref = limb(v);
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(limb(carry));
            carry /= BASE;
        }
    }
    // Subtract a small value (the first-arc offset), borrowing across limbs.
    let mut borrow = u64::from(minus);
    for limb_ref in &mut limbs {
        if borrow == 0 {
            break;
        }
        let v = u64::from(*limb_ref);
        if v >= borrow {
            *limb_ref = limb(v - borrow);
            borrow = 0;
        } else {
            *limb_ref = limb(v + BASE - borrow);
            borrow = 1;
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut out = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&limb.to_string());
        } else {
            out.push_str(&format!("{limb:09}"));
        }
    }
    out
}
