//! PHP dates → the string JS `Date.prototype.toJSON()` gives, so a DateTime
//! reaches the browser as the same text a Node emitter's Date would.

/// `"<unix seconds>.<microseconds>"` (PHP's `format('U.u')`) → `Date.prototype.toJSON()`
/// form, always UTC with milliseconds: `2026-11-22T03:14:35.123Z`. A date
/// JavaScript cannot hold (beyond ±8.64e15 ms from 1970) is an error: a JS
/// client would read `new Date(text)` as Invalid Date.
pub fn from_unix_micros(unix_dot_micros: &str) -> Result<String, &'static str> {
    const UNREADABLE: &str = "date cannot be formatted";
    let (secs, micros) = unix_dot_micros.split_once('.').ok_or(UNREADABLE)?;
    let secs: i64 = secs.parse().map_err(|_| UNREADABLE)?;
    let millis: i64 = micros.get(..3).and_then(|m| m.parse().ok()).ok_or(UNREADABLE)?;
    let in_range = secs
        .checked_mul(1000)
        .and_then(|ms| ms.checked_add(millis))
        .is_some_and(|ms| ms.abs() <= JS_DATE_MAX_MS);
    if !in_range {
        return Err("date is outside the range of a JavaScript Date (years -271821 to 275760, ±8.64e15 ms from 1970)");
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        // JS writes expanded years outside 0000-9999: +010000, -000001.
        format!("{}{:06}", if year < 0 { '-' } else { '+' }, year.abs())
    };
    Ok(format!(
        "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// ECMAScript's time value range, milliseconds either side of 1970-01-01.
const JS_DATE_MAX_MS: i64 = 8_640_000_000_000_000;

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
        // The JS limits themselves are fine, one millisecond past is not.
        assert_eq!(from_unix_micros("8640000000000.000000").unwrap(), "+275760-09-13T00:00:00.000Z");
        assert_eq!(from_unix_micros("-8640000000000.000000").unwrap(), "-271821-04-20T00:00:00.000Z");
        assert!(from_unix_micros("8640000000000.001000").is_err());
        assert!(from_unix_micros("-8640000000001.999000").is_err());
    }
}
