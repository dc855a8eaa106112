//! PHP dates → the string JS `Date.prototype.toJSON()` gives, so a DateTime
//! reaches the browser as the same text a Node emitter's Date would.

/// `"<unix seconds>.<microseconds>"` (PHP's `format('U.u')`) → `Date.prototype.toJSON()`
/// form, always UTC with milliseconds: `2026-11-22T03:14:35.123Z`.
pub fn from_unix_micros(unix_dot_micros: &str) -> Option<String> {
    let (secs, micros) = unix_dot_micros.split_once('.')?;
    let secs: i64 = secs.parse().ok()?;
    let millis: i64 = micros.get(..3)?.parse().ok()?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        // JS writes expanded years outside 0000-9999: +010000, -000001.
        format!("{}{:06}", if year < 0 { '-' } else { '+' }, year.abs())
    };
    Some(format!(
        "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::from_unix_micros;

    #[test]
    fn dates_match_js_to_json() {
        assert_eq!(from_unix_micros("1577934245.678000").unwrap(), "2020-01-02T03:04:05.678Z");
        assert_eq!(from_unix_micros("0.000000").unwrap(), "1970-01-01T00:00:00.000Z");
        // PHP writes -1.500000 for 1969-12-31T23:59:59.500: seconds floor, micros positive.
        assert_eq!(from_unix_micros("-1.500000").unwrap(), "1969-12-31T23:59:59.500Z");
        assert_eq!(from_unix_micros("951782400.999999").unwrap(), "2000-02-29T00:00:00.999Z");
        assert_eq!(from_unix_micros("253402300800.000000").unwrap(), "+010000-01-01T00:00:00.000Z");
    }
}
