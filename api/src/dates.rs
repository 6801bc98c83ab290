//! Dates as people in Denmark write them, read and written the same way on both sides.

use chrono::{Datelike, NaiveDate};

/// Parses a date as people in Denmark write it (`24-12-1980`, `24.12.1980`, `24/12/1980`) or as
/// ISO 8601 (`1980-12-24`).
///
/// ```
/// use tilslut_api::dates::parse_date;
///
/// assert_eq!(parse_date("24.12.1980"), parse_date("1980-12-24"));
/// assert_eq!(parse_date("31-02-1980"), None);
/// ```
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    // By hand rather than with chrono's format strings: their interpreter would be the app's only
    // use of it, and these two shapes are all there is to read.
    let number = |part: &str| part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten();
    let day_or_month = |part: &str| if (1..=2).contains(&part.len()) { number(part) } else { None };
    let year = |part: &str| if part.len() == 4 { number(part).map(|y| y as i32) } else { None };
    let parts: Vec<&str> = input.trim().split(['-', '.', '/']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (year(y)?, day_or_month(m)?, day_or_month(d)?),
        [d, m, y] => (year(y)?, day_or_month(m)?, day_or_month(d)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Writes a date as [`parse_date`] reads it and as Danish texts show it: `24-12-1980`.
///
/// ```
/// use chrono::NaiveDate;
/// use tilslut_api::dates::format_date;
///
/// assert_eq!(format_date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()), "01-03-2026");
/// ```
pub fn format_date(date: NaiveDate) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_danish_and_iso_dates() {
        let expected = NaiveDate::from_ymd_opt(1980, 12, 24);
        for text in ["24-12-1980", "24.12.1980", "24/12/1980", "1980-12-24", " 24-12-1980 "] {
            assert_eq!(parse_date(text), expected, "{text}");
        }
        assert_eq!(parse_date("31-02-1980"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("24-12-80"), None, "a year has four digits");
        assert_eq!(parse_date("24-12-1980-1"), None);
        assert_eq!(parse_date("+4-12-1980"), None);
        assert_eq!(parse_date("1-2-1980"), NaiveDate::from_ymd_opt(1980, 2, 1));
    }

    #[test]
    fn a_formatted_date_reads_back() {
        let date = NaiveDate::from_ymd_opt(1980, 2, 1).unwrap();
        assert_eq!(format_date(date), "01-02-1980");
        assert_eq!(parse_date(&format_date(date)), Some(date));
    }
}
