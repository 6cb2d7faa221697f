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
//!
//! [`suspected_values`] gathers the columns of each suspected value, as the
//! page's *Treat as missing* suggestion and the command line's note name them.

use super::DataTable;
use serde::{Deserialize, Serialize};

/// One value of one column that looks like a missing-value code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    const CODES: [f64; 8] = [-9999.0, -999.0, -99.0, -9.0, 9.0, 99.0, 999.0, 9999.0];
    // One pass counts every code; the rare code that occurs twice gets a
    // second pass for the range of the other values (no copy of the column:
    // the command line checks every column of every file it reads).
    let mut counts = [0usize; CODES.len()];
    let mut n = 0usize;
    for &x in values.iter().flatten() {
        n += 1;
        // most cells are answers below 9: one comparison rules them out
        if x.abs() >= 9.0 {
            if let Some(k) = CODES.iter().position(|&c| c == x) {
                counts[k] += 1;
            }
        }
    }
    let mut found = Vec::new();
    for (&code, &count) in CODES.iter().zip(&counts) {
        if count < 2 || n - count < 5 {
            continue;
        }
        let (lo, hi) = values
            .iter()
            .flatten()
            .filter(|&&x| x != code)
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
    suspected_missing_codes_in(table, table.names())
}

/// The suspected codes of the named columns of `table` (those that are
/// numeric), in the order given: the command line checks only the
/// columns its model uses.
pub fn suspected_missing_codes_in<S: AsRef<str>>(
    table: &DataTable,
    columns: &[S],
) -> Vec<SuspectedCode> {
    let mut out = Vec::new();
    for name in columns {
        let name = name.as_ref();
        let Some(values) = table
            .column_index(name)
            .and_then(|j| table.numeric_column(j))
        else {
            continue;
        };
        for (value, count) in suspected_codes(values) {
            out.push(SuspectedCode {
                column: name.to_string(),
                value,
                count,
            });
        }
    }
    out
}

/// One suspected value with every column that holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuspectedValue {
    /// The value as a number (`-99`).
    pub value: f64,
    /// As the user would type it in the missing-value codes (`-99`).
    pub code: String,
    /// Cells holding it, over all its columns.
    pub count: usize,
    /// The columns where it is suspected, in column order.
    pub columns: Vec<String>,
}

/// The suspected codes of [`suspected_missing_codes`] gathered by value,
/// most frequent first (ties in ascending order of value).
pub fn suspected_values(codes: &[SuspectedCode]) -> Vec<SuspectedValue> {
    let mut out: Vec<SuspectedValue> = Vec::new();
    for c in codes {
        match out.iter_mut().find(|v| v.value == c.value) {
            Some(v) => {
                v.count += c.count;
                v.columns.push(c.column.clone());
            }
            None => out.push(SuspectedValue {
                value: c.value,
                code: format!("{}", c.value),
                count: c.count,
                columns: vec![c.column.clone()],
            }),
        }
    }
    crate::sorting::sort_by(&mut out, |a, b| {
        b.count.cmp(&a.count).then(a.value.total_cmp(&b.value))
    });
    out
}

/// Missing-value codes as a person types them (`-99, 999`; commas,
/// semicolons or spaces between them) as a list: the page's field and the
/// command line's `--missing-codes` read them here.
pub fn missing_code_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}
