//! Text primitives: hex dumps, PEM, number grouping, and Java's date strings and DER time parsing.

use super::{
    asn1::{JResult, io},
    zone::{self, Zone},
};

/// Bytes as two-digit hex joined by `sep`.
pub(super) fn hex_joined(bytes: &[u8], sep: &str, upper: bool) -> String {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = String::with_capacity(bytes.len() * (2 + sep.len()));
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 0x0f)]));
    }
    out
}

/// sun `HexDumpEncoder.encodeBuffer` (§6.4): 16 bytes a line, offset, hex, then the bytes
/// 0x20..=0x7A as characters. Every line ends with `\n`; empty input gives `""`.
pub(crate) fn hex_dump(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (line, chunk) in bytes.chunks(16).enumerate() {
        let offset = (line * 16) & 0xFFFF;
        out.push_str(&format!("{offset:04X}: "));
        for i in 0..16 {
            match chunk.get(i) {
                Some(b) => out.push_str(&format!("{b:02X} ")),
                None => out.push_str("   "),
            }
            if i == 7 {
                out.push_str("  ");
            }
        }
        out.push(' ');
        out.extend(chunk.iter().map(|b| {
            if (0x20..=0x7A).contains(b) {
                char::from(*b)
            } else {
                '.'
            }
        }));
        out.push('\n');
    }
    out
}

/// PEM as JDK 17 keytool writes it: `BEGIN` line + `\n`, base64 lines of 64 joined with
/// `\r\n`, then `\n` and the `END` line + `\n`.
pub(crate) fn pem(label: &str, der: &[u8]) -> String {
    keystore_certgen::cert::pem_keytool17(label, der)
}

/// `NumberFormat` grouping for en-US: `1,234`.
pub(crate) fn group_thousands(n: u64) -> String {
    group_signed(i64::try_from(n).map_or_else(|_| n.to_string(), |v| v.to_string()))
}

/// Groups the digits of a decimal string that may start with `-`.
pub(super) fn group_signed(decimal: String) -> String {
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", decimal.as_str()),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

const MS_PER_DAY: i64 = 86_400_000;
/// 1582-10-15T00:00Z: before this, Java's calendar is Julian.
const GREGORIAN_CUTOVER_MS: i64 = -12_219_292_800_000;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Proleptic Gregorian (year, month, day) of days since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Julian-calendar (year, month, day) of days since 1970-01-01.
fn julian_from_days(days: i64) -> (i64, i64, i64) {
    let c = days + 2_440_588 + 32_082;
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    let day = e - (153 * m + 2).div_euclid(5) + 1;
    let month = m + 3 - 12 * m.div_euclid(10);
    (d - 4800 + m.div_euclid(10), month, day)
}

/// Calendar fields as `java.util.GregorianCalendar` shows them (Julian before the cutover,
/// years before 1 as the BC year number).
struct Fields {
    year: i64,
    month: &'static str,
    day: i64,
    weekday: &'static str,
    hour: i64,
    minute: i64,
    second: i64,
}

fn fields(ms: i64) -> Fields {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY) / 1000;
    let (year, month, day) = if ms < GREGORIAN_CUTOVER_MS {
        julian_from_days(days)
    } else {
        civil_from_days(days)
    };
    let month_index = usize::try_from(month - 1).unwrap_or(0);
    let weekday_index = usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0);
    Fields {
        year: if year <= 0 { 1 - year } else { year },
        month: MONTHS.get(month_index).copied().unwrap_or("Jan"),
        day,
        weekday: WEEKDAYS.get(weekday_index).copied().unwrap_or("Sun"),
        hour: in_day / 3600,
        minute: in_day / 60 % 60,
        second: in_day % 60,
    }
}

/// `java.util.Date.toString()` in the local zone ([`zone::local`]) for milliseconds since the
/// epoch: `Sun Nov 22 07:12:25 UTC 2026`.
pub(super) fn date_string_ms(ms: i64) -> String {
    date_string_in(ms, zone::local())
}

/// `java.util.Date.toString()` in `zone`.
pub(crate) fn date_string_in(ms: i64, zone: &Zone) -> String {
    let (offset, daylight) = zone.offset_at(ms.div_euclid(1000));
    let f = fields(ms.saturating_add(offset * 1000));
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} {} {}",
        f.weekday,
        f.month,
        f.day,
        f.hour,
        f.minute,
        f.second,
        zone.short_name(daylight),
        f.year
    )
}

/// `java.util.Date.toString()` in the local zone: `Sun Nov 22 07:12:25 UTC 2026`.
pub(crate) fn java_date_string(unix_seconds: i64) -> String {
    date_string_ms(unix_seconds.saturating_mul(1000))
}

/// `DateFormat.MEDIUM` date for en-US in the local zone (`Nov 22, 2026`) of milliseconds since
/// the epoch.
pub(crate) fn java_medium_date(ms: i64) -> String {
    medium_date_in(ms, zone::local())
}

/// `DateFormat.MEDIUM` date for en-US in `zone`.
pub(crate) fn medium_date_in(ms: i64, zone: &Zone) -> String {
    let offset = zone.offset_at(ms.div_euclid(1000)).0;
    let f = fields(ms.saturating_add(offset * 1000));
    format!("{} {}, {}", f.month, f.day, f.year)
}

/// Java's DER `UTCTime`/`GeneralizedTime` reader: milliseconds since the epoch. Lenient as Java
/// is: seconds may be missing, a `+hhmm`/`-hhmm` offset is allowed, day 31 of any month rolls
/// over, and GeneralizedTime may carry a fraction.
pub(super) fn parse_der_time(content: &[u8], generalized: bool) -> JResult<i64> {
    let kind = if generalized { "Generalized" } else { "UTC" };
    let len = content.len();
    if generalized && len < 13 {
        return io("DER Generalized Time length error");
    }
    if !generalized && !(11..=17).contains(&len) {
        return io("DER UTC Time length error");
    }
    let invalid = || format!("java.io.IOException: Parse {kind} time, invalid format");
    let digit = |i: usize| -> JResult<i64> {
        match content.get(i) {
            Some(c @ b'0'..=b'9') => Ok(i64::from(c - b'0')),
            _ => Err(invalid()),
        }
    };
    let two = |i: usize| -> JResult<i64> { Ok(digit(i)? * 10 + digit(i + 1)?) };
    let (year, mut pos) = if generalized {
        (two(0)? * 100 + two(2)?, 4)
    } else {
        let yy = two(0)?;
        (if yy < 50 { 2000 + yy } else { 1900 + yy }, 2)
    };
    let month = two(pos)?;
    let day = two(pos + 2)?;
    let hour = two(pos + 4)?;
    let minute = two(pos + 6)?;
    pos += 8;
    let (mut second, mut millis) = (0, 0);
    if len - pos > 2 {
        second = two(pos)?;
        pos += 2;
        if generalized && matches!(content.get(pos), Some(b'.' | b',')) {
            pos += 1;
            let mut precision = 0;
            while !matches!(content.get(pos), Some(b'Z' | b'+' | b'-')) {
                let d = digit(pos)?;
                precision += 1;
                pos += 1;
                if pos >= len {
                    return io(format!("Parse {kind} time, invalid fractional part"));
                }
                millis += match precision {
                    1 => 100 * d,
                    2 => 10 * d,
                    3 => d,
                    _ => 0,
                };
            }
            if precision == 0 {
                return io(format!("Parse {kind} time, empty fractional part"));
            }
        }
    }
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour >= 24
        || minute >= 60
        || second >= 60
    {
        return Err(invalid());
    }
    let days = days_from_civil(year, month, 1) + day - 1;
    let mut ms = days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    let rest = len - pos;
    if rest != 1 && rest != 5 {
        return io(format!("Parse {kind} time, invalid offset"));
    }
    match content.get(pos) {
        Some(sign @ (b'+' | b'-')) if rest == 5 => {
            let (hr, min) = (two(pos + 1)?, two(pos + 3)?);
            if hr >= 24 || min >= 60 {
                return io(format!("Parse {kind} time, {}hhmm", char::from(*sign)));
            }
            let offset = (hr * 60 + min) * 60 * 1000;
            ms = if *sign == b'+' {
                ms - offset
            } else {
                ms + offset
            };
        }
        Some(b'Z') if rest == 1 => {}
        Some(b'+' | b'-' | b'Z') => return io(format!("Parse {kind} time, invalid offset")),
        _ => return io(format!("Parse {kind} time, garbage offset")),
    }
    Ok(ms)
}
