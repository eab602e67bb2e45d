//! keytool's `-startdate` grammar (keytool.md §9): relative `([+-]N[ymdHMS])+` applied to now in
//! order, or absolute `yyyy/mm/dd`, `HH:MM:SS` or `yyyy/mm/dd HH:MM:SS` (fields roll over like a
//! lenient calendar; the missing part is now's). Times are wall-clock times in the local zone
//! (`render::zone`), as keytool's `GregorianCalendar` reads them: years, months and days move the
//! wall clock, hours, minutes and seconds the instant.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::{
    error::KtError,
    render::{
        civil_from_days, days_from_civil,
        zone::{self, Zone},
    },
};

fn illegal() -> KtError {
    KtError::io("Illegal startdate value")
}

/// Parses `-startdate` relative to `now`, in the local zone.
pub(crate) fn parse(value: &str, now: SystemTime) -> Result<SystemTime, KtError> {
    parse_in(value, now, zone::local())
}

/// Parses `-startdate` relative to `now`, in `zone`.
pub(crate) fn parse_in(value: &str, now: SystemTime, zone: &Zone) -> Result<SystemTime, KtError> {
    let now_s = i64::try_from(
        now.duration_since(UNIX_EPOCH)
            .map_err(|_| illegal())?
            .as_secs(),
    )
    .map_err(|_| illegal())?;
    let seconds = if value.starts_with(['+', '-']) {
        relative(value, now_s, zone)?
    } else {
        absolute(value, now_s, zone)?
    };
    let secs = u64::try_from(seconds).map_err(|_| illegal())?;
    Ok(UNIX_EPOCH + Duration::from_secs(secs))
}

fn relative(value: &str, now: i64, zone: &Zone) -> Result<i64, KtError> {
    let mut t = now;
    let mut rest = value;
    while !rest.is_empty() {
        let sign: i64 = match rest.as_bytes().first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err(illegal()),
        };
        rest = rest.get(1..).ok_or_else(illegal)?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(illegal());
        }
        let n: i64 = rest
            .get(..digits)
            .and_then(|t| t.parse().ok())
            .ok_or_else(illegal)?;
        let unit = rest.as_bytes().get(digits).copied().ok_or_else(illegal)?;
        rest = rest.get(digits + 1..).ok_or_else(illegal)?;
        let n = sign * n;
        let (y, mo, d, h, mi, s) = civil(t, zone);
        let wall = |w: i64| zone.instant_of_wall(w);
        // Applied in order, as Calendar.add does: years and months keep the day of the month
        // (clamped to the month's length) and days the time of day; the other units move the
        // instant.
        t = match unit {
            b'y' | b'm' => {
                let months = if unit == b'y' { n * 12 } else { n };
                let total = y * 12 + (mo - 1) + months;
                let (ny, nmo) = (total.div_euclid(12), total.rem_euclid(12) + 1);
                wall(seconds(ny, nmo, d.min(days_in_month(ny, nmo)), h, mi, s))
            }
            b'd' => wall(seconds(y, mo, d, h, mi, s) + n * 86_400),
            b'H' => t + n * 3_600,
            b'M' => t + n * 60,
            b'S' => t + n,
            _ => return Err(illegal()),
        };
    }
    Ok(t)
}

fn absolute(value: &str, now: i64, zone: &Zone) -> Result<i64, KtError> {
    let (ny, nmo, nd, nh, nmi, ns) = civil(now, zone);
    let field = |t: &str, len: usize| -> Result<i64, KtError> {
        if t.len() != len || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(illegal());
        }
        t.parse().map_err(|_| illegal())
    };
    let date = |t: &str| -> Result<(i64, i64, i64), KtError> {
        let p: Vec<&str> = t.split('/').collect();
        match p.as_slice() {
            [y, m, d] => Ok((field(y, 4)?, field(m, 2)?, field(d, 2)?)),
            _ => Err(illegal()),
        }
    };
    let time = |t: &str| -> Result<(i64, i64, i64), KtError> {
        let p: Vec<&str> = t.split(':').collect();
        match p.as_slice() {
            [h, m, s] => Ok((field(h, 2)?, field(m, 2)?, field(s, 2)?)),
            _ => Err(illegal()),
        }
    };
    let ((y, mo, d), (h, mi, s)) = match value.split_once(' ') {
        Some((dt, tm)) => (date(dt)?, time(tm)?),
        None if value.contains('/') => (date(value)?, (nh, nmi, ns)),
        None if value.contains(':') => ((ny, nmo, nd), time(value)?),
        None => return Err(illegal()),
    };
    Ok(zone.instant_of_wall(seconds(y, mo, d, h, mi, s)))
}

/// Seconds since 1970-01-01T00:00 of a (possibly out-of-range, lenient) wall-clock date and
/// time.
fn seconds(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> i64 {
    let (y, mo) = (y + (mo - 1).div_euclid(12), (mo - 1).rem_euclid(12) + 1);
    midnight(y, mo, 1) + (d - 1) * 86_400 + h * 3_600 + mi * 60 + s
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let next = if m == 12 {
        midnight(y + 1, 1, 1)
    } else {
        midnight(y, m + 1, 1)
    };
    (next - midnight(y, m, 1)) / 86_400
}

/// Seconds since the epoch of midnight UTC on a proleptic Gregorian date.
fn midnight(y: i64, m: i64, d: i64) -> i64 {
    days_from_civil(y, m, d) * 86_400
}

/// The wall-clock fields in `zone` of `t` seconds since the epoch.
fn civil(t: i64, zone: &Zone) -> (i64, i64, i64, i64, i64, i64) {
    let t = t + zone.offset_at(t).0;
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        let base = UNIX_EPOCH + Duration::from_secs(1_767_225_600); // 2026-01-01T00:00:00Z
        parse_in(s, base, &Zone::utc())
            .map(|t| i64::try_from(t.duration_since(UNIX_EPOCH).unwrap().as_secs()).unwrap())
            .unwrap_or(-1)
    }

    #[test]
    fn keytool_forms() {
        assert_eq!(at("2025/01/01 00:00:00"), 1_735_689_600);
        assert_eq!(at("2020/13/40"), seconds(2021, 2, 9, 0, 0, 0));
        assert_eq!(at("2020/02/30 25:61:61"), seconds(2020, 3, 2, 2, 2, 1));
        assert_eq!(at("-1d"), 1_767_225_600 - 86_400);
        assert_eq!(at("+1y-1m"), seconds(2026, 12, 1, 0, 0, 0));
        assert_eq!(at("+1m+30d"), seconds(2026, 3, 3, 0, 0, 0));
        assert_eq!(at("+2H+30M"), 1_767_225_600 + 9_000);
        assert_eq!(at("12:00:00"), 1_767_225_600 + 43_200);
        for bad in [
            "+2H30M",
            "+1D",
            "+",
            "",
            " +1d",
            "2020/1/2",
            "2020-01-02",
            "2020/01/02 12:34",
            "+1d+",
        ] {
            assert_eq!(at(bad), -1, "{bad:?}");
        }
    }

    /// keytool 17 with `TZ=Europe/Berlin`: wall-clock times in the local zone, a gap read with
    /// the offset before it, an overlap with the one after; days and months keep the time of
    /// day across a DST switch, hours do not.
    #[test]
    fn local_time() {
        let Some(berlin) = Zone::java("Europe/Berlin").filter(|z| z.offset_at(0).0 == 3600) else {
            eprintln!("skipping: no tz database");
            return;
        };
        let at = |s: &str, now: i64| {
            parse_in(
                s,
                UNIX_EPOCH + Duration::from_secs(now.unsigned_abs()),
                &berlin,
            )
            .map(|t| i64::try_from(t.duration_since(UNIX_EPOCH).unwrap().as_secs()).unwrap())
            .unwrap_or(-1)
        };
        let now = 1_767_225_600; // 2026-01-01T00:00:00Z, 01:00 CET
        assert_eq!(at("2025/07/01 12:00:00", now), 1_751_364_000); // 10:00Z
        assert_eq!(at("2025/03/30 02:30:00", now), 1_743_298_200); // 03:30 CEST
        assert_eq!(at("2025/10/26 02:30:00", now), 1_761_442_200); // 02:30 CET
        assert_eq!(at("2025/13/40 25:00:00", now), 1_770_681_600); // 2026-02-10 01:00 CET
        assert_eq!(at("2025/07/01", now), 1_751_324_400); // 01:00 CEST (now's wall time)
        assert_eq!(at("12:00:00", now), 1_767_265_200); // 2026-01-01 12:00 CET
        // 2025-03-29 12:00 CET = 11:00Z.
        let before = 1_743_246_000;
        assert_eq!(at("+1d", before), 1_743_328_800); // 2025-03-30 12:00 CEST
        assert_eq!(at("+24H", before), 1_743_332_400); // 2025-03-30 13:00 CEST
        assert_eq!(at("+1m", before), 1_745_920_800); // 2025-04-29 12:00 CEST
    }
}
