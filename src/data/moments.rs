//! Sample moments of complete data — the one place for each formula.
//!
//! In: an n×p matrix of complete observations (rows = cases).
//! Out: the mean vector (p), covariance matrices with divisor N (lavaan's
//! default `likelihood = "normal"` sample statistics) or N − 1 (R's `cov`),
//! and Pearson correlations.
//!
//! Deviations from the mean are formed first (two-pass), and every matrix is
//! exactly symmetric. Degenerate input never panics: with no rows the mean
//! is NaN; `covariance_n1` with one row is NaN; correlations of a constant
//! column are NaN.

use nalgebra::{DMatrix, DVector};

/// Column means: x̄_j = Σ_i x_ij / n.
pub fn mean_vector(x: &DMatrix<f64>) -> DVector<f64> {
    let n = x.nrows() as f64;
    DVector::from_iterator(x.ncols(), x.column_iter().map(|c| c.sum() / n))
}

/// Cross-products of deviations: C_jk = Σ_i (x_ij − x̄_j)(x_ik − x̄_k).
fn centered_cross_products(x: &DMatrix<f64>) -> DMatrix<f64> {
    let mean = mean_vector(x);
    let mut xc = x.clone();
    for (j, mut col) in xc.column_iter_mut().enumerate() {
        col.add_scalar_mut(-mean[j]);
    }
    let p = x.ncols();
    let mut c = DMatrix::zeros(p, p);
    for j in 0..p {
        for k in 0..=j {
            let v = xc.column(j).dot(&xc.column(k));
            c[(j, k)] = v;
            c[(k, j)] = v;
        }
    }
    c
}

/// Covariance with divisor N: S_jk = Σ_i (x_ij − x̄_j)(x_ik − x̄_k) / N.
/// This is lavaan's sample covariance (`lavInspect(fit, "sampstat")$cov`).
pub fn covariance_n(x: &DMatrix<f64>) -> DMatrix<f64> {
    centered_cross_products(x) / x.nrows() as f64
}

/// Covariance with divisor N − 1 (R's `cov`), the unbiased estimate.
pub fn covariance_n1(x: &DMatrix<f64>) -> DMatrix<f64> {
    centered_cross_products(x) / (x.nrows() as f64 - 1.0)
}

/// Pearson correlation matrix: r_jk = S_jk / √(S_jj S_kk) (diagonal exactly 1
/// unless the column is constant).
pub fn correlation(x: &DMatrix<f64>) -> DMatrix<f64> {
    cov_to_cor(&centered_cross_products(x))
}

/// Rescales a covariance (or cross-product) matrix to a correlation matrix.
pub fn cov_to_cor(cov: &DMatrix<f64>) -> DMatrix<f64> {
    let p = cov.nrows().min(cov.ncols());
    let sd: Vec<f64> = (0..p).map(|j| cov[(j, j)].sqrt()).collect();
    let mut r = DMatrix::zeros(p, p);
    for j in 0..p {
        for k in 0..p {
            r[(j, k)] = if j == k && sd[j] > 0.0 {
                1.0
            } else {
                cov[(j, k)] / (sd[j] * sd[k])
            };
        }
    }
    r
}
