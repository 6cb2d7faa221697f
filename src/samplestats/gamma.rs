//! Γ, the asymptotic covariance matrix of the sample moments (μ, vech Σ):
//! the complete data rows of one group in, Γ (divisor N) out. The MLM and
//! MLR corrections (`inference::robust`) sandwich it.

use super::vech::vech_pairs;
use nalgebra::DMatrix;

/// Γ of one group: (1/n) Σ_i z_i z_i′ with z_i the centred
/// (y_i, vech((y_i−ȳ)(y_i−ȳ)′)) — lavaan `lav_samplestats_Gamma`
/// (not model based, divisor n). With fixed.x covariates, lavaan's fixed.x
/// variant: the products of the OLS-fitted values on [1, x] are subtracted
/// from those of the data, so that the x block has no sampling variance.
pub fn gamma(raw: &DMatrix<f64>, meanstructure: bool, x_idx: &[usize]) -> DMatrix<f64> {
    let n = raw.nrows();
    let p = raw.ncols();
    let pairs = vech_pairs(p);
    let off = if meanstructure { p } else { 0 };
    let k = off + pairs.len();
    let centred = |m: &DMatrix<f64>| {
        let mut c = m.clone();
        for mut col in c.column_iter_mut() {
            let mean = col.sum() / n as f64;
            col.add_scalar_mut(-mean);
        }
        c
    };
    let yc = centred(raw);
    let mut z = DMatrix::zeros(n, k);
    if meanstructure {
        z.view_mut((0, 0), (n, p)).copy_from(raw);
    }
    for (a, &(i, j)) in pairs.iter().enumerate() {
        for r in 0..n {
            z[(r, off + a)] = yc[(r, i)] * yc[(r, j)];
        }
    }
    if !x_idx.is_empty() {
        // YHAT: non-x columns replaced by their OLS fit on [1, x]
        let nx = x_idx.len();
        let mut xm = DMatrix::from_element(n, nx + 1, 1.0);
        for (c, &xi) in x_idx.iter().enumerate() {
            xm.column_mut(c + 1).copy_from(&raw.column(xi));
        }
        let xtx = xm.transpose() * &xm;
        let mut yhat = raw.clone();
        if let Some(inv) = xtx.try_inverse() {
            let hat_coef = inv * xm.transpose();
            for c in (0..p).filter(|c| !x_idx.contains(c)) {
                let b = &hat_coef * raw.column(c);
                yhat.column_mut(c).copy_from(&(&xm * b));
            }
        }
        let yhc = centred(&yhat);
        if meanstructure {
            z.view_mut((0, 0), (n, p)).copy_from(&(raw - &yhat));
        }
        for (a, &(i, j)) in pairs.iter().enumerate() {
            for r in 0..n {
                z[(r, off + a)] -= yhc[(r, i)] * yhc[(r, j)];
            }
        }
    }
    let zc = centred(&z);
    zc.transpose() * zc / n as f64
}
