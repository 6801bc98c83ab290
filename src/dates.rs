//! Dates and times as the person reads them: Danish order (`24-12-2026`), on the browser's clock.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use tilslut_api::dates::format_date;

/// Today in the browser, for the date rules shared with the server.
pub(crate) fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// A moment from the server (UTC) on the person's clock, as `24-12-2026 14:05`.
pub(crate) fn local_time(at: DateTime<Utc>) -> String {
    // The offset of that moment, not of today: summer and winter time differ by an hour.
    let moment = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64));
    clock_time(at, moment.get_timezone_offset() as i64)
}

/// `at` on a clock `minutes_behind_utc` behind UTC (JavaScript's sign: -60 in Danish winter).
fn clock_time(at: DateTime<Utc>, minutes_behind_utc: i64) -> String {
    let local = at.naive_utc() - Duration::minutes(minutes_behind_utc);
    format!("{} {:02}:{:02}", format_date(local.date()), local.hour(), local.minute())
}

#[cfg(test)]
mod tests {
    use super::clock_time;
    use chrono::{TimeZone, Utc};

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_moment_reads_on_the_danish_clock() {
        let winter_evening = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(clock_time(winter_evening, -60), "01-01-2027 00:30", "past midnight in Denmark: the next day");
        let summer_morning = Utc.with_ymd_and_hms(2026, 6, 1, 7, 5, 0).unwrap();
        assert_eq!(clock_time(summer_morning, -120), "01-06-2026 09:05");
        assert_eq!(clock_time(summer_morning, 0), "01-06-2026 07:05");
    }
}
