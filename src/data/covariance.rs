//! Covariance-matrix input (when the user has only a published matrix).
//!
//! In: text with the variable names on the first line, then the rows of
//! numbers, and the number of observations.
//! Out: [`CovarianceInput`] with the full symmetric matrix as given (assumed
//! divisor N − 1; the estimator rescales), or a [`DataError`] naming the line,
//! value or variables at fault.
//!
//! Accepted layouts (p = number of names):
//! - **full** p×p matrix;
//! - **lower triangle**: row i holds i values (lavaan's `getCov`);
//! - **upper triangle**: row i holds p − i + 1 values;
//! - the same numbers as one flat sequence spread over any lines
//!   (p(p+1)/2 numbers = lower triangle row by row, p² = full matrix).
//!
//! Each row may start with its variable name (it must match the header in
//! order); a leading empty header cell (as R's `write.csv` writes) and
//! trailing empty cells are ignored. Cells are separated by whitespace or
//! commas; if the text contains a `;`, cells are separated by `;` or
//! whitespace and a decimal comma is accepted. Blank lines and lines
//! starting with `#` are skipped.
//!
//! Checks: names unique; diagonal > 0; a full matrix symmetric within
//! 1e-8 relative (|a_ij − a_ji| ≤ 1e-8 · max(|a_ij|, |a_ji|, √(a_ii a_jj)));
//! every implied |correlation| ≤ 1; positive definite. A full matrix that
//! passes is made exactly symmetric by averaging a_ij and a_ji.

use super::table::parse_number;
use super::DataError;
use nalgebra::DMatrix;
use serde::Serialize;

/// How the matrix was laid out in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CovarianceLayout {
    /// Full p×p matrix.
    Full,
    /// Lower triangle including the diagonal.
    Lower,
    /// Upper triangle including the diagonal.
    Upper,
}

/// A covariance matrix given instead of raw data.
#[derive(Debug, Clone, PartialEq)]
pub struct CovarianceInput {
    /// Variable names, in matrix order.
    pub names: Vec<String>,
    /// Full symmetric p×p matrix, as given (divisor N − 1 assumed).
    pub cov: DMatrix<f64>,
    /// Number of observations behind it.
    pub n_obs: usize,
    /// The layout the text was read as.
    pub layout: CovarianceLayout,
}

struct Line {
    number: usize,
    tokens: Vec<String>,
}

fn tokenize(text: &str, semicolon: bool) -> Vec<Line> {
    let mut out = Vec::new();
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    for (k, raw) in normalized.split('\n').enumerate() {
        let raw = raw.trim_start_matches('\u{feff}').trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let sep = if semicolon { ';' } else { ',' };
        let mut tokens: Vec<String> = if raw.contains(sep) {
            raw.split(sep).map(|t| unquote(t.trim())).collect()
        } else {
            raw.split_whitespace().map(unquote).collect()
        };
        while tokens.last().is_some_and(|t| t.is_empty()) {
            tokens.pop();
        }
        out.push(Line {
            number: k + 1,
            tokens,
        });
    }
    out
}

fn unquote(t: &str) -> String {
    let t = t.trim();
    let inner = t
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| t.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(t);
    inner.trim().to_string()
}

/// Reads a covariance matrix (see the module doc for the accepted layouts).
pub fn read_covariance(text: &str, n_obs: usize) -> Result<CovarianceInput, DataError> {
    if n_obs < 2 {
        return Err(DataError::InvalidSampleSize { n_obs });
    }
    let semicolon = text.contains(';');
    let lines = tokenize(text, semicolon);
    let Some((header, body)) = lines.split_first() else {
        return Err(DataError::CovarianceNoNames);
    };
    let mut names = header.tokens.clone();
    if names.first().is_some_and(|t| t.is_empty()) {
        names.remove(0);
    }
    if names.is_empty() || names.iter().all(|t| parse_number(t, semicolon).is_some()) {
        return Err(DataError::CovarianceNoNames);
    }
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(DataError::EmptyColumnName { column: i + 1 });
        }
        if let Some(first) = names[..i].iter().position(|n| n == name) {
            return Err(DataError::CovarianceDuplicateName {
                name: name.clone(),
                first: first + 1,
                second: i + 1,
            });
        }
    }
    let p = names.len();

    // Parse the rows: optional leading row name, then numbers.
    let mut rows: Vec<(usize, Vec<f64>)> = Vec::new();
    let mut any_row_name = false;
    for line in body {
        let mut tokens = line.tokens.as_slice();
        if let Some(first) = tokens.first() {
            if !first.is_empty() && parse_number(first, semicolon).is_none() {
                let i = rows.len();
                match names.get(i) {
                    Some(expected) if expected == first => {}
                    Some(expected) => {
                        return Err(DataError::CovarianceRowName {
                            line: line.number,
                            expected: expected.clone(),
                            found: first.clone(),
                        })
                    }
                    None => {
                        return Err(DataError::CovarianceShape {
                            line: line.number,
                            variables: p,
                            detail: format!(
                                "there are more rows than the {p} variables in the header (extra row \"{first}\")"
                            ),
                        })
                    }
                }
                any_row_name = true;
                tokens = &tokens[1..];
            }
        }
        let mut values = Vec::with_capacity(tokens.len());
        for (k, t) in tokens.iter().enumerate() {
            match parse_number(t, semicolon) {
                Some(v) => values.push(v),
                None => {
                    return Err(DataError::CovarianceBadValue {
                        line: line.number,
                        position: k + 1,
                        value: t.clone(),
                    })
                }
            }
        }
        rows.push((line.number, values));
    }

    let (cov, layout) = arrange(&rows, p, any_row_name)?;
    check(&names, cov, layout, n_obs)
}

/// Fits the parsed rows into a p×p matrix (see the module doc).
fn arrange(
    rows: &[(usize, Vec<f64>)],
    p: usize,
    any_row_name: bool,
) -> Result<(DMatrix<f64>, CovarianceLayout), DataError> {
    let lens: Vec<usize> = rows.iter().map(|r| r.1.len()).collect();
    let mut m = DMatrix::zeros(p, p);
    if rows.len() == p && lens.iter().all(|&l| l == p) {
        for (i, (_, v)) in rows.iter().enumerate() {
            for (j, &x) in v.iter().enumerate() {
                m[(i, j)] = x;
            }
        }
        return Ok((m, CovarianceLayout::Full));
    }
    if rows.len() == p && lens.iter().enumerate().all(|(i, &l)| l == i + 1) {
        for (i, (_, v)) in rows.iter().enumerate() {
            for (j, &x) in v.iter().enumerate() {
                m[(i, j)] = x;
                m[(j, i)] = x;
            }
        }
        return Ok((m, CovarianceLayout::Lower));
    }
    if rows.len() == p && lens.iter().enumerate().all(|(i, &l)| l == p - i) {
        for (i, (_, v)) in rows.iter().enumerate() {
            for (k, &x) in v.iter().enumerate() {
                m[(i, i + k)] = x;
                m[(i + k, i)] = x;
            }
        }
        return Ok((m, CovarianceLayout::Upper));
    }
    let flat: Vec<f64> = rows.iter().flat_map(|r| r.1.iter().copied()).collect();
    if !any_row_name {
        if flat.len() == p * (p + 1) / 2 {
            let mut k = 0;
            for i in 0..p {
                for j in 0..=i {
                    m[(i, j)] = flat[k];
                    m[(j, i)] = flat[k];
                    k += 1;
                }
            }
            return Ok((m, CovarianceLayout::Lower));
        }
        if flat.len() == p * p {
            for i in 0..p {
                for j in 0..p {
                    m[(i, j)] = flat[i * p + j];
                }
            }
            return Ok((m, CovarianceLayout::Full));
        }
    }
    Err(shape_error(rows, p))
}

/// Explains why the rows do not form one of the layouts.
fn shape_error(rows: &[(usize, Vec<f64>)], p: usize) -> DataError {
    let err = |line: usize, detail: String| DataError::CovarianceShape {
        line,
        variables: p,
        detail,
    };
    if rows.is_empty() {
        return err(0, "no rows of numbers were found".to_string());
    }
    if rows.len() > p {
        return err(
            rows[p].0,
            format!(
                "there are {} rows of numbers but only {p} variables in the header",
                rows.len()
            ),
        );
    }
    let first = rows[0].1.len();
    let expected_len = |i: usize| -> Option<usize> {
        if first == 1 && p > 1 {
            Some(i + 1)
        } else if first == p {
            // Full, unless the second row says upper triangle.
            match rows.get(1) {
                Some((_, v)) if v.len() == p - 1 && p > 1 => Some(p - i),
                _ => Some(p),
            }
        } else {
            None
        }
    };
    match expected_len(0) {
        None => err(
            rows[0].0,
            format!("the first row has {first} values; expected 1 (lower triangle) or {p} (full matrix)"),
        ),
        Some(_) => {
            for (i, (line, v)) in rows.iter().enumerate() {
                let want = expected_len(i).unwrap_or(p);
                if v.len() != want {
                    return err(
                        *line,
                        format!("row {} has {} values; expected {want}", i + 1, v.len()),
                    );
                }
            }
            err(
                0,
                format!("only {} rows of numbers were found but there are {p} variables", rows.len()),
            )
        }
    }
}

/// Validates the matrix (see the module doc).
fn check(
    names: &[String],
    mut m: DMatrix<f64>,
    layout: CovarianceLayout,
    n_obs: usize,
) -> Result<CovarianceInput, DataError> {
    let p = names.len();
    for i in 0..p {
        let v = m[(i, i)];
        if v.is_nan() || v <= 0.0 {
            return Err(DataError::CovarianceNonPositiveVariance {
                name: names[i].clone(),
                value: v,
            });
        }
    }
    for i in 0..p {
        for j in 0..i {
            let (a, b) = (m[(i, j)], m[(j, i)]);
            let scale = a.abs().max(b.abs()).max((m[(i, i)] * m[(j, j)]).sqrt());
            if (a - b).abs() > 1e-8 * scale {
                return Err(DataError::CovarianceNotSymmetric {
                    row: names[i].clone(),
                    column: names[j].clone(),
                    value: a,
                    mirrored: b,
                });
            }
            let avg = 0.5 * (a + b);
            m[(i, j)] = avg;
            m[(j, i)] = avg;
        }
    }
    for i in 0..p {
        for j in 0..i {
            let r = m[(i, j)] / (m[(i, i)] * m[(j, j)]).sqrt();
            if r.abs() > 1.0 + 1e-12 {
                return Err(DataError::CovarianceCorrelationOutOfRange {
                    row: names[i].clone(),
                    column: names[j].clone(),
                    correlation: r,
                });
            }
        }
    }
    if nalgebra::Cholesky::new(m.clone()).is_none() {
        return Err(DataError::CovarianceNotPositiveDefinite);
    }
    Ok(CovarianceInput {
        names: names.to_vec(),
        cov: m,
        n_obs,
        layout,
    })
}
