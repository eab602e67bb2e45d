//! Shared test helpers (included with `#[path]` by each test file).

#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "test helpers; each test file uses a subset"
)]

use keystore_jks::Decoded;
use keystore_model::{Entries, Entry, Limits, Password, StoreFormat};
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

/// Decodes with the default limits.
pub(crate) fn decode(
    bytes: &[u8],
    password: Option<&str>,
) -> Result<Decoded, keystore_model::Error> {
    let pw = password.map(Password::new);
    keystore_jks::decode(bytes, pw.as_ref(), &Limits::DEFAULT)
}

/// Decodes with `password` and encodes again; asserts the bytes are identical (up to the end
/// of the digest).
pub(crate) fn assert_round_trip(bytes: &[u8], password: &str) -> Decoded {
    let pw = Password::new(password);
    let decoded = keystore_jks::decode(bytes, Some(&pw), &Limits::DEFAULT).expect("decode");
    let again = keystore_jks::encode(&decoded.entries, decoded.format, decoded.version, &pw)
        .expect("encode");
    assert_eq!(again.len(), bytes.len(), "re-encoded length");
    assert!(again == bytes, "re-encoded bytes differ");
    decoded
}

/// The entry stored under exactly `alias`.
pub(crate) fn entry<'a>(entries: &'a Entries, alias: &str) -> &'a Entry {
    entries
        .iter()
        .find(|(a, _)| a.as_str() == alias)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("no entry {alias:?}"))
}

pub(crate) fn aliases(entries: &Entries) -> Vec<&str> {
    entries.iter().map(|(a, _)| a.as_str()).collect()
}

pub(crate) fn format_name(f: StoreFormat) -> &'static str {
    f.keytool_name()
}
