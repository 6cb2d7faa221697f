//! Descriptive statistics for the item table and Mardia's tests.
//!
//! In: [`NumericData`] (per-item statistics use every non-missing value of
//! that item, i.e. pairwise/available-case) or an n×p matrix of complete
//! rows (Mardia).
//! Out: one [`ItemDescriptives`] per column; one [`Mardia`].
//!
//! Formulas, with x̄ the mean and m_k = Σ (x_i − x̄)^k / n the k-th central
//! moment of the n available values:
//! - SD uses divisor n − 1;
//! - skewness is the bias-corrected **G1** reported by SPSS, SAS and Excel
//!   (`SKEW`), = `psych::describe(x, type = 2)`, `e1071::skewness(type = 2)`:
//!   g1 = m3 / m2^{3/2}, G1 = g1 · √(n(n−1)) / (n−2); needs n ≥ 3;
//! - kurtosis is the bias-corrected excess kurtosis **G2** of SPSS, SAS and
//!   Excel (`KURT`), = `psych::describe(x, type = 2)`:
//!   g2 = m4 / m2² − 3, G2 = ((n+1) g2 + 6)(n−1) / ((n−2)(n−3)); needs n ≥ 4.
//!   (Note: `psych::describe`'s own default is type 3, b1 = g1((n−1)/n)^{3/2},
//!   b2 = (g2+3)(1−1/n)² − 3; the values differ slightly in small samples.)
//! - Mardia (1970) as computed by R's `psych::mardia` and
//!   `semTools::mardiaSkew` / `mardiaKurtosis` (both use the covariance S
//!   with divisor n − 1): with d_ij = (x_i − x̄)ᵀ S⁻¹ (x_j − x̄),
//!   b1p = Σ_ij d_ij³ / n², b2p = Σ_i d_ii² / n;
//!   skewness χ² = n·b1p/6 on p(p+1)(p+2)/6 df, small-sample version
//!   n·k·b1p/6 with k = (p+1)(n+1)(n+3) / (n((n+1)(p+1) − 6));
//!   kurtosis z = (b2p − p(p+2)) / √(8p(p+2)/n), two-sided normal p.
//!   Mardia's original and `MVN::mvn` use divisor n instead; their b1p is
//!   ours times (n/(n−1))³ and their b2p ours times (n/(n−1))².

use super::{DataError, NumericData};
use crate::distributions::{pchisq_upper, pnorm_upper};
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// Largest number of distinct integer values for which an item "looks ordinal".
pub const ORDINAL_MAX_CATEGORIES: usize = 7;

/// Statistics of one item (column) over its non-missing values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemDescriptives {
    /// Column name.
    pub name: String,
    /// Number of non-missing values.
    pub n: usize,
    /// Number of missing values.
    pub missing: usize,
    /// Mean (None when n = 0).
    pub mean: Option<f64>,
    /// Standard deviation, divisor n − 1 (None when n < 2).
    pub sd: Option<f64>,
    /// Smallest value.
    pub min: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
    /// Skewness G1 (None when n < 3 or the item is constant).
    pub skewness: Option<f64>,
    /// Excess kurtosis G2 (None when n < 4 or the item is constant).
    pub kurtosis: Option<f64>,
    /// Number of distinct values.
    pub n_distinct: usize,
    /// Every value is a whole number.
    pub all_integer: bool,
    /// Only one distinct value (or none).
    pub constant: bool,
    /// Whole numbers with 2 to [`ORDINAL_MAX_CATEGORIES`] distinct values:
    /// the app suggests treating the item as ordinal.
    pub looks_ordinal: bool,
    /// The file declares the column nominal (SPSS's *Measure*): its numbers
    /// name categories (1 = male, 2 = female), so it is no item, neither
    /// ordinal nor continuous; see [`mark_declared_levels`].
    #[serde(default)]
    pub nominal: bool,
}

/// Applies the measurement levels the file declares to the descriptives
/// of its columns: a nominal column is [`ItemDescriptives::nominal`] and
/// not suggested as an ordinal item, whatever its values look like.
pub fn mark_declared_levels(items: &mut [ItemDescriptives], table: &crate::data::DataTable) {
    for item in items {
        let col = table.names().iter().position(|n| *n == item.name);
        if col.and_then(|c| table.measure(c)) == Some(crate::data::MeasureLevel::Nominal) {
            item.nominal = true;
            item.looks_ordinal = false;
        }
    }
}

/// Descriptives of every column of `data` (see the module doc for formulas).
pub fn describe(data: &NumericData) -> Vec<ItemDescriptives> {
    (0..data.n_cols())
        .map(|j| {
            let col = data.column(j);
            let values: Vec<f64> = col.iter().filter_map(|v| *v).collect();
            describe_values(&data.names[j], &values, col.len() - values.len())
        })
        .collect()
}

/// Descriptives of one set of values (`missing` is only reported).
pub fn describe_values(name: &str, values: &[f64], missing: usize) -> ItemDescriptives {
    let n = values.len();
    let nf = n as f64;
    let mut sorted = values.to_vec();
    crate::sorting::ascending(&mut sorted);
    sorted.dedup();
    let n_distinct = sorted.len();
    let all_integer = values.iter().all(|v| v.fract() == 0.0);
    let constant = n_distinct <= 1;
    let mean = (n > 0).then(|| values.iter().sum::<f64>() / nf);
    let (mut m2, mut m3, mut m4) = (0.0, 0.0, 0.0);
    if let Some(mu) = mean {
        for &v in values {
            let d = v - mu;
            let d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
    }
    let sd = (n >= 2).then(|| (m2 / (nf - 1.0)).sqrt());
    let (m2, m3, m4) = (m2 / nf, m3 / nf, m4 / nf);
    let varies = !constant && m2 > 0.0;
    let skewness = (n >= 3 && varies).then(|| {
        let g1 = m3 / m2.powf(1.5);
        g1 * (nf * (nf - 1.0)).sqrt() / (nf - 2.0)
    });
    let kurtosis = (n >= 4 && varies).then(|| {
        let g2 = m4 / (m2 * m2) - 3.0;
        ((nf + 1.0) * g2 + 6.0) * (nf - 1.0) / ((nf - 2.0) * (nf - 3.0))
    });
    ItemDescriptives {
        name: name.to_string(),
        n,
        missing,
        mean,
        sd,
        min: sorted.first().copied(),
        max: sorted.last().copied(),
        skewness,
        kurtosis,
        n_distinct,
        all_integer: n > 0 && all_integer,
        constant,
        looks_ordinal: n > 0 && all_integer && (2..=ORDINAL_MAX_CATEGORIES).contains(&n_distinct),
        nominal: false,
    }
}

/// Mardia's multivariate skewness and kurtosis with their tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mardia {
    /// Complete rows used.
    pub n: usize,
    /// Variables.
    pub p: usize,
    /// Multivariate skewness b1,p.
    pub b1p: f64,
    /// Multivariate kurtosis b2,p (its expectation under normality is p(p+2)).
    pub b2p: f64,
    /// Skewness test statistic n·b1p/6, χ² distributed.
    pub skew_chisq: f64,
    /// Its degrees of freedom p(p+1)(p+2)/6.
    pub skew_df: f64,
    /// Upper-tail p-value of `skew_chisq`.
    pub skew_p: f64,
    /// Small-sample corrected skewness statistic n·k·b1p/6.
    pub skew_chisq_small: f64,
    /// Its p-value (same df).
    pub skew_p_small: f64,
    /// Kurtosis test statistic (b2p − p(p+2)) / √(8p(p+2)/n).
    pub kurtosis_z: f64,
    /// Two-sided normal p-value of `kurtosis_z`.
    pub kurtosis_p: f64,
}

/// Mardia's tests on an n×p matrix of complete rows (see the module doc).
///
/// Errors: fewer than max(p + 1, 3) rows ([`DataError::TooFewRows`]) or a
/// singular covariance matrix ([`DataError::SingularData`]).
pub fn mardia(x: &DMatrix<f64>) -> Result<Mardia, DataError> {
    mardia_named(x, None)
}

const MARDIA: &str = "Mardia's multivariate skewness and kurtosis";

pub(crate) fn mardia_named(
    x: &DMatrix<f64>,
    names: Option<&[String]>,
) -> Result<Mardia, DataError> {
    let (n, p) = x.shape();
    let needed = (p + 1).max(3);
    if p == 0 || n < needed {
        return Err(DataError::TooFewRows {
            what: MARDIA.to_string(),
            needed,
            found: n,
        });
    }
    let nf = n as f64;
    let pf = p as f64;
    let mean = super::moments::mean_vector(x);
    let mut xct = x.transpose(); // p × n, centered below
    for mut col in xct.column_iter_mut() {
        col -= &mean;
    }
    let s = &xct * xct.transpose() / (nf - 1.0);
    let singular = || {
        let constant_columns = (0..p)
            .filter(|&j| {
                let c = x.column(j);
                c.iter().all(|&v| v == c[0])
            })
            .map(|j| match names.and_then(|nm| nm.get(j)) {
                Some(name) => name.clone(),
                None => format!("column {}", j + 1),
            })
            .collect();
        DataError::SingularData {
            what: MARDIA.to_string(),
            constant_columns,
        }
    };
    let variances: Vec<f64> = (0..p).map(|j| s[(j, j)]).collect();
    let chol = nalgebra::Cholesky::new(s).ok_or_else(singular)?;
    // L_jj² / S_jj is 1 − R² of item j on the items before it: ~0 means an
    // exact linear dependence that rounding let through the factorization.
    let l = chol.l_dirty();
    if (0..p).any(|j| {
        let ratio = l[(j, j)] * l[(j, j)] / variances[j];
        ratio.is_nan() || ratio <= 1e-12
    }) {
        return Err(singular());
    }
    // z_i = L⁻¹ (x_i − x̄), so d_ij = z_iᵀ z_j.
    let z = chol.l().solve_lower_triangular(&xct).ok_or_else(singular)?;
    if z.iter().any(|v| !v.is_finite()) {
        return Err(singular());
    }
    // b1p = Σ_ij (z_iᵀz_j)³ / n² = Σ_abc T_abc² / n², T_abc = Σ_i z_ia z_ib z_ic,
    // summed over a ≤ b ≤ c with multiplicities (O(n p³/6) instead of O(n² p)).
    let zt = z.transpose(); // n × p: column a holds z_ia contiguously
    let mut sum_t2 = 0.0;
    let mut zab = vec![0.0; n];
    for a in 0..p {
        let za = zt.column(a);
        for b in a..p {
            let zb = zt.column(b);
            for (i, v) in zab.iter_mut().enumerate() {
                *v = za[i] * zb[i];
            }
            for c in b..p {
                let zc = zt.column(c);
                let t: f64 = zab.iter().zip(zc.iter()).map(|(v, w)| v * w).sum();
                let mult = if a == b && b == c {
                    1.0
                } else if a == b || b == c {
                    3.0
                } else {
                    6.0
                };
                sum_t2 += mult * t * t;
            }
        }
    }
    let b1p = sum_t2 / (nf * nf);
    let b2p = z
        .column_iter()
        .map(|zi| {
            let d = zi.norm_squared();
            d * d
        })
        .sum::<f64>()
        / nf;
    let skew_df = pf * (pf + 1.0) * (pf + 2.0) / 6.0;
    let skew_chisq = nf * b1p / 6.0;
    let k = (pf + 1.0) * (nf + 1.0) * (nf + 3.0) / (nf * ((nf + 1.0) * (pf + 1.0) - 6.0));
    let skew_chisq_small = nf * k * b1p / 6.0;
    let kurtosis_z = (b2p - pf * (pf + 2.0)) / (8.0 * pf * (pf + 2.0) / nf).sqrt();
    Ok(Mardia {
        n,
        p,
        b1p,
        b2p,
        skew_chisq,
        skew_df,
        skew_p: pchisq_upper(skew_chisq, skew_df),
        skew_chisq_small,
        skew_p_small: pchisq_upper(skew_chisq_small, skew_df),
        kurtosis_z,
        kurtosis_p: 2.0 * pnorm_upper(kurtosis_z.abs()),
    })
}
