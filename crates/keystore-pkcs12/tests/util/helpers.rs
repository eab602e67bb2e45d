//! Shared test helpers (included with `#[path]` by each test file).

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "test helpers; each test file uses a subset"
)]

use std::path::PathBuf;

use keystore_model::Error;
use sha2::{Digest, Sha256};

/// Upper-case hex SHA-256, as the fixture manifest writes it.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex_upper(&Sha256::digest(bytes))
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// `2026-11-22T07:05:56.449Z` → milliseconds since the epoch (UTC, proleptic Gregorian).
pub(crate) fn iso_to_ms(s: &str) -> i64 {
    let s = s.strip_suffix('Z').expect("UTC timestamp");
    let (date, time) = s.split_once('T').expect("date and time");
    let mut d = date.split('-').map(|x| x.parse::<i64>().unwrap());
    let (y, m, day) = (d.next().unwrap(), d.next().unwrap(), d.next().unwrap());
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let mut t = hms.split(':').map(|x| x.parse::<i64>().unwrap());
    let (hh, mm, ss) = (t.next().unwrap(), t.next().unwrap(), t.next().unwrap());
    let ms: i64 = format!("{frac:0<3}")[..3].parse().unwrap();
    // Days from civil (Howard Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 24 + hh) * 60 + mm) * 60_000 + ss * 1000 + ms
}

/// The shared fixture corpus (`$KEYSTORE_FIXTURES` or `/work/shared/fixtures`), if present.
pub(crate) fn fixtures_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KEYSTORE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/fixtures"));
    dir.join("manifest.json").is_file().then_some(dir)
}

/// A deterministic "random" filler (xorshift), so tests can use fixed salts and IVs.
pub(crate) fn seeded(seed: u64) -> impl FnMut(&mut [u8]) -> Result<(), Error> {
    let mut state = seed | 1;
    move |buf: &mut [u8]| {
        for b in buf.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state.to_le_bytes()[0];
        }
        Ok(())
    }
}

/// One DER TLV at the start of `der`: (tag, content, rest).
pub(crate) fn tlv(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&l, mut rest) = rest.split_first()?;
    let len = if l < 0x80 {
        usize::from(l)
    } else {
        let n = usize::from(l & 0x7f);
        let (len_bytes, r) = rest.split_at_checked(n)?;
        rest = r;
        len_bytes
            .iter()
            .fold(0usize, |a, b| (a << 8) | usize::from(*b))
    };
    let (content, rest) = rest.split_at_checked(len)?;
    Some((tag, content, rest))
}

/// The certificate DER inside a certBag `SafeBag`.
pub(crate) fn cert_in_bag(bag: &[u8]) -> Option<Vec<u8>> {
    let (_, bag, _) = tlv(bag)?; // SafeBag SEQUENCE
    let (_, _, rest) = tlv(bag)?; // bagId
    let (_, explicit, _) = tlv(rest)?; // [0]
    let (_, cert_bag, _) = tlv(explicit)?; // CertBag SEQUENCE
    let (_, _, rest) = tlv(cert_bag)?; // certId
    let (_, explicit, _) = tlv(rest)?; // [0]
    let (_, cert, _) = tlv(explicit)?; // OCTET STRING
    Some(cert.to_vec())
}

/// Whether a tool is on PATH (or an absolute path that exists).
pub(crate) fn tool_exists(tool: &str) -> bool {
    if tool.contains('/') {
        return std::path::Path::new(tool).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(tool).is_file()))
}

/// Interop tests must run (not skip) under CI or when asked.
pub(crate) fn interop_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
        || std::env::var("KEYSTORE_REQUIRE_INTEROP").is_ok_and(|v| v == "1")
}

/// A DER TLV with a single-octet tag.
pub(crate) fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(u8::try_from(len).unwrap());
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | u8::try_from(bytes.len() - skip).unwrap());
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// The elements of a DER SEQUENCE's content, each as a whole TLV.
pub(crate) fn elements(mut content: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (_, _, rest) = tlv(content).unwrap();
        let (whole, _) = content.split_at(content.len() - rest.len());
        out.push(whole);
        content = rest;
    }
    out
}

/// Re-encodes DER as BER: indefinite lengths on every constructed element and OCTET STRINGs
/// longer than 16 bytes split into constructed 16-byte segments (contents of OCTET STRINGs are
/// not descended into).
pub(crate) fn to_ber(der_bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for element in elements(der_bytes) {
        let (tag, content, _) = tlv(element).unwrap();
        if tag & 0x20 != 0 {
            out.extend_from_slice(&[tag, 0x80]);
            out.extend_from_slice(&to_ber(content));
            out.extend_from_slice(&[0, 0]);
        } else if tag == 0x04 && content.len() > 16 {
            out.extend_from_slice(&[0x24, 0x80]);
            for chunk in content.chunks(16) {
                out.extend_from_slice(&der(0x04, chunk));
            }
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(element);
        }
    }
    out
}
