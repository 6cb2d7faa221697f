//! Numbers that look like missing-value codes.
//!
//! In: a [`DataTable`] (or one column's numbers).
//! Out: [`SuspectedCode`]s: per numeric column, a value such as `-99`,
//! `999` or `99` that SPSS-style questionnaires use for "no answer", so the
//! page can offer to treat it as missing before it distorts every mean and
//! covariance.
//!
//! A value is suspected when all of these hold:
//! - it is an integer made only of nines, either sign (`9`, `99`, `999`,
//!   `9999`, `-9`, `-99`, `-999`, `-9999`): the codes survey software and
//!   codebooks use;
//! - it occurs at least twice (a code is used for every missing answer; a
//!   single extreme value is more likely a typo, which the descriptives show);
//! - at least five other values are present, and it lies far outside them:
//!   its distance to the nearest other value is at least twice the range of
//!   the other values (a 1–5 item with `99`: distance 94, range 4) and at
//!   least 2.
//!
//! Missing cells and columns that are not all numbers are ignored.

use super::DataTable;
use serde::Serialize;

/// One value of one column that looks like a missing-value code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuspectedCode {
    /// The column's name.
    pub column: String,
    /// The value, as a number (`-99`).
    pub value: f64,
    /// How many cells hold it.
    pub count: usize,
}

/// The suspected codes of one column's numbers (value, count), in
/// ascending order of value; see the module documentation for the rule.
pub fn suspected_codes(values: &[Option<f64>]) -> Vec<(f64, usize)> {
    let nums: Vec<f64> = values.iter().flatten().copied().collect();
    let mut found = Vec::new();
    for code in [-9999.0, -999.0, -99.0, -9.0, 9.0, 99.0, 999.0, 9999.0] {
        let count = nums.iter().filter(|&&x| x == code).count();
        if count < 2 {
            continue;
        }
        let others: Vec<f64> = nums.iter().copied().filter(|&x| x != code).collect();
        if others.len() < 5 {
            continue;
        }
        let (lo, hi) = others
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
                (l.min(x), h.max(x))
            });
        let distance = if code > hi {
            code - hi
        } else if code < lo {
            lo - code
        } else {
            0.0
        };
        if distance >= 2.0 && distance >= 2.0 * (hi - lo) {
            found.push((code, count));
        }
    }
    found
}

/// The suspected codes of every numeric column of `table`, in column order.
pub fn suspected_missing_codes(table: &DataTable) -> Vec<SuspectedCode> {
    let mut out = Vec::new();
    for name in table.names() {
        let Ok(data) = table.numeric(&[name.as_str()]) else {
            continue;
        };
        for (value, count) in suspected_codes(&data.column(0)) {
            out.push(SuspectedCode {
                column: name.clone(),
                value,
                count,
            });
        }
    }
    out
}
