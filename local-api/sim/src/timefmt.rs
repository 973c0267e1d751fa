//! UTC timestamps in the API's format, `YYYY-MM-DDTHH:MM:SSZ`, and IAM's
//! (`YYYY-MM-DDTHH:MM:SS.mmm000Z`), without a date crate and without a clock: the time is
//! always given (Unix epoch milliseconds or seconds).

/// `at_ms` (Unix epoch milliseconds) as IAM writes a token's times: milliseconds, padded to six
/// digits (`2026-12-05T01:02:03.123000Z`).
pub fn iam_time(at_ms: u64) -> String {
    let whole = format_unix(at_ms / 1000);
    format!("{}.{:03}000Z", whole.trim_end_matches('Z'), at_ms % 1000)
}

/// `now_ms` (Unix epoch milliseconds) as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_ms(now_ms: u64) -> String {
    format_unix(now_ms / 1000)
}

/// The time to store for a change at `now_ms` of something last changed at `previous`: now,
/// or, when the clock has not passed `previous` yet (two changes in one second), one second
/// after it, so that every change moves `updated_at` and a client comparing it sees each one.
pub fn later_than(previous: &str, now_ms: u64) -> String {
    let now = utc_ms(now_ms);
    match parse_unix(previous) {
        Some(p) if now.as_str() <= previous => format_unix(p + 1),
        _ => now,
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` as seconds since the Unix epoch; `None` for any other text or an
/// instant before 1970.
pub fn parse_unix(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    let secs = days_from_civil(y, m as u32, d as u32) * 86_400 + hh * 3600 + mm * 60 + ss;
    u64::try_from(secs).ok()
}

/// Howard Hinnant's civil-to-days algorithm (the inverse of [`civil_from_days`]).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_517_298_121), "2018-01-30T07:42:01Z");
        assert_eq!(format_unix(4_102_444_799), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn parse_is_the_inverse_of_format() {
        for secs in [0, 951_782_400, 1_517_298_121, 4_102_444_799, 1_700_000_000] {
            assert_eq!(parse_unix(&format_unix(secs)), Some(secs));
        }
        for bad in [
            "",
            "2024-01-01",
            "2024-13-01T00:00:00Z",
            "2024-01-01T00:00:00+01:00",
        ] {
            assert_eq!(parse_unix(bad), None, "{bad}");
        }
    }

    #[test]
    fn iam_times_have_milliseconds_padded_to_six_digits() {
        assert_eq!(iam_time(1_517_298_121_042), "2018-01-30T07:42:01.042000Z");
        assert_eq!(iam_time(0), "1970-01-01T00:00:00.000000Z");
    }

    #[test]
    fn later_than_always_moves_forward() {
        let now = 1_700_000_000_500;
        assert_eq!(later_than("2020-01-01T00:00:00Z", now), utc_ms(now));
        assert_eq!(
            later_than("2999-12-31T23:59:58Z", now),
            "2999-12-31T23:59:59Z"
        );
        let at = utc_ms(now);
        assert!(later_than(&at, now) > at);
        assert_eq!(later_than("not a time", now), at);
    }
}
