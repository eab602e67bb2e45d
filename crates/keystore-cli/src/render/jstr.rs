//! Java's string decoders (`new String(bytes, charset)` with replacement), so odd DER strings
//! print exactly as keytool prints them on a UTF-8 terminal.

const REPLACEMENT: u16 = 0xFFFD;

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

fn push(out: &mut Vec<u16>, cp: u32) {
    if let Some(c) = char::from_u32(cp) {
        let mut buf = [0u16; 2];
        out.extend_from_slice(c.encode_utf16(&mut buf));
    } else if let Ok(unit) = u16::try_from(cp) {
        // A surrogate code point (only UTF-32 produces these): kept as a lone UTF-16 unit.
        out.push(unit);
    } else {
        out.push(REPLACEMENT);
    }
}

/// UTF-16 units to a Rust string the way Java's UTF-8 encoder writes them to stdout: an
/// unpaired surrogate becomes `?`.
fn finish(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('?'))
        .collect()
}

/// `new String(bytes, UTF_8)` (JDK 17): one U+FFFD per malformed sequence as Java counts them,
/// and a truncated sequence at the end yields one U+FFFD and ends the string.
pub(super) fn utf8(bytes: &[u8]) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(bytes.len());
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b1 = at(i);
        match b1 {
            0x00..=0x7F => {
                out.push(u16::from(b1));
                i += 1;
            }
            0xC2..=0xDF => {
                if i + 1 >= n {
                    out.push(REPLACEMENT);
                    break;
                }
                let b2 = at(i + 1);
                if is_continuation(b2) {
                    push(&mut out, (u32::from(b1 & 0x1F) << 6) | u32::from(b2 & 0x3F));
                    i += 2;
                } else {
                    out.push(REPLACEMENT);
                    i += 1;
                }
            }
            0xE0..=0xEF => {
                let bad2 = |b2: u8| (b1 == 0xE0 && b2 & 0xE0 == 0x80) || !is_continuation(b2);
                if i + 2 < n {
                    let (b2, b3) = (at(i + 1), at(i + 2));
                    if bad2(b2) || !is_continuation(b3) {
                        out.push(REPLACEMENT);
                        i += if bad2(b2) { 1 } else { 2 };
                    } else {
                        let cp = (u32::from(b1 & 0x0F) << 12)
                            | (u32::from(b2 & 0x3F) << 6)
                            | u32::from(b3 & 0x3F);
                        let surrogate = (0xD800..=0xDFFF).contains(&cp);
                        if surrogate {
                            out.push(REPLACEMENT);
                        } else {
                            push(&mut out, cp);
                        }
                        i += 3;
                    }
                } else if i + 1 < n && bad2(at(i + 1)) {
                    out.push(REPLACEMENT);
                    i += 1;
                } else {
                    out.push(REPLACEMENT);
                    break;
                }
            }
            0xF0..=0xF7 => {
                let bad2 = |b2: u8| {
                    b1 > 0xF4
                        || (b1 == 0xF0 && !(0x90..=0xBF).contains(&b2))
                        || (b1 == 0xF4 && b2 & 0xF0 != 0x80)
                        || !is_continuation(b2)
                };
                if i + 3 < n {
                    let (b2, b3, b4) = (at(i + 1), at(i + 2), at(i + 3));
                    let cp = (u32::from(b1 & 0x07) << 18)
                        | (u32::from(b2 & 0x3F) << 12)
                        | (u32::from(b3 & 0x3F) << 6)
                        | u32::from(b4 & 0x3F);
                    let malformed =
                        !is_continuation(b2) || !is_continuation(b3) || !is_continuation(b4);
                    if malformed || !(0x1_0000..=0x10_FFFF).contains(&cp) {
                        out.push(REPLACEMENT);
                        i += if bad2(b2) {
                            1
                        } else if !is_continuation(b3) {
                            2
                        } else {
                            3
                        };
                    } else {
                        push(&mut out, cp);
                        i += 4;
                    }
                } else if b1 > 0xF4 || (i + 1 < n && bad2(at(i + 1))) {
                    out.push(REPLACEMENT);
                    i += 1;
                } else {
                    // A good but truncated prefix: one U+FFFD for b1 and b2.
                    out.push(REPLACEMENT);
                    i += 2;
                    if i < n && !is_continuation(at(i)) {
                        continue;
                    }
                    break;
                }
            }
            _ => {
                out.push(REPLACEMENT);
                i += 1;
            }
        }
    }
    finish(&out)
}

/// `new String(bytes, UTF_16BE)`: unpaired surrogates and a trailing odd byte become U+FFFD.
pub(super) fn utf16be(bytes: &[u8]) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(bytes.len() / 2 + 1);
    let unit = |i: usize| match (bytes.get(i), bytes.get(i + 1)) {
        (Some(a), Some(b)) => Some(u16::from_be_bytes([*a, *b])),
        _ => None,
    };
    let mut i = 0;
    while let Some(c) = unit(i) {
        match c {
            0xD800..=0xDBFF => {
                let Some(c2) = unit(i + 2) else { break };
                if (0xDC00..=0xDFFF).contains(&c2) {
                    out.extend_from_slice(&[c, c2]);
                } else {
                    out.push(REPLACEMENT);
                }
                i += 4;
            }
            0xDC00..=0xDFFF => {
                out.push(REPLACEMENT);
                i += 2;
            }
            _ => {
                out.push(c);
                i += 2;
            }
        }
    }
    if i < bytes.len() {
        out.push(REPLACEMENT);
    }
    finish(&out)
}

/// `new String(bytes, "UTF_32BE")`: a leading BOM is dropped, invalid code points and trailing
/// bytes become U+FFFD, surrogate code points stay lone (printed `?`).
pub(super) fn utf32be(bytes: &[u8]) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(bytes.len() / 2);
    let mut chunks = bytes.chunks_exact(4);
    let mut first = true;
    for c in &mut chunks {
        let cp = u32::from_be_bytes([
            c.first().copied().unwrap_or(0),
            c.get(1).copied().unwrap_or(0),
            c.get(2).copied().unwrap_or(0),
            c.get(3).copied().unwrap_or(0),
        ]);
        if first && cp == 0xFEFF {
            first = false;
            continue;
        }
        first = false;
        if cp <= 0x10_FFFF {
            push(&mut out, cp);
        } else {
            out.push(REPLACEMENT);
        }
    }
    if !chunks.remainder().is_empty() {
        out.push(REPLACEMENT);
    }
    finish(&out)
}

/// `new String(bytes, US_ASCII)`.
pub(super) fn ascii(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| {
            if b.is_ascii() {
                char::from(*b)
            } else {
                '\u{FFFD}'
            }
        })
        .collect()
}

/// `new String(bytes, ISO_8859_1)`.
pub(super) fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}
