//! Danish working days: weekdays that are not public holidays (helligdage). Manual case handling
//! is promised within ten working days.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday (the anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The official public holidays. Store bededag was abolished from 2024.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!((date.month(), date.day()), (1, 1) | (12, 25) | (12, 26));
    let easter = easter_sunday(date.year());
    let offset = (date - easter).num_days();
    let movable = matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50) || (offset == 26 && date.year() < 2024);
    fixed || movable
}

pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// The date `count` working days after `start` (not counting `start` itself).
pub fn add_working_days(start: NaiveDate, count: u32) -> NaiveDate {
    let mut date = start;
    let mut left = count;
    while left > 0 {
        date = date + Days::new(1);
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_are_right() {
        assert_eq!(easter_sunday(2024), d(2024, 3, 31));
        assert_eq!(easter_sunday(2025), d(2025, 4, 20));
        assert_eq!(easter_sunday(2026), d(2026, 4, 5));
        assert_eq!(easter_sunday(2027), d(2027, 3, 28));
    }

    #[test]
    fn holidays_of_2026() {
        for holiday in [d(2026, 1, 1), d(2026, 4, 2), d(2026, 4, 3), d(2026, 4, 6), d(2026, 5, 14), d(2026, 5, 25), d(2026, 12, 25)] {
            assert!(is_public_holiday(holiday), "{holiday}");
        }
        // Store bededag 2026 (1 May) is an ordinary working day now; it was a holiday in 2023.
        assert!(is_working_day(d(2026, 5, 1)));
        assert!(is_public_holiday(d(2023, 5, 5)));
    }

    #[test]
    fn ten_working_days_skip_weekends_and_easter() {
        // Monday 23 Nov 2026 + 10 working days = Monday 7 Dec 2026.
        assert_eq!(add_working_days(d(2026, 11, 23), 10), d(2026, 12, 7));
        // From Tuesday 31 March 2026 over Easter (2, 3 and 6 April are off).
        assert_eq!(add_working_days(d(2026, 3, 31), 10), d(2026, 4, 17));
        // Christmas: 24 Dec 2026 is a Thursday; 25 Dec off, weekend, then 28-31 Dec, 1 Jan off.
        assert_eq!(add_working_days(d(2026, 12, 23), 3), d(2026, 12, 29));
    }
}
