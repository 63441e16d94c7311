//! The wall clock for walk records: UTC, ISO 8601, to the second.

use treelint_core::walk::Clock;

/// Reads the system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct UtcClock;

impl Clock for UtcClock {
    fn now(&self) -> String {
        format_utc(jiff::Timestamp::now())
    }
}

/// `2026-11-29T05:06:24Z`.
pub fn format_utc(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_iso_8601_to_the_second() {
        let ts: jiff::Timestamp = "2026-11-29T05:06:24.987654321+02:00".parse().unwrap();
        assert_eq!(format_utc(ts), "2026-11-29T03:06:24Z");
    }
}
