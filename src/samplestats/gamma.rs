//! Γ, the asymptotic covariance matrix of the sample moments (μ, vech Σ):
//! the complete data rows of one group in, Γ (divisor N) out. The MLM and
//! MLR corrections (`inference::robust`) sandwich it.

use super::vech::vech_pairs;
use nalgebra::{DMatrix, DMatrixView};

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
    if n == 0 {
        return DMatrix::from_element(k, k, f64::NAN); // 0/0, as the sums would give
    }
    // each column minus its mean, in place
    let centre = |m: &mut DMatrix<f64>| {
        for col in m.as_mut_slice().chunks_exact_mut(n) {
            let mean = col.iter().sum::<f64>() / n as f64;
            col.iter_mut().for_each(|v| *v -= mean);
        }
    };
    let mut yc = raw.clone();
    centre(&mut yc);
    let mut z = DMatrix::zeros(n, k);
    if meanstructure {
        z.view_mut((0, 0), (n, p)).copy_from(raw);
    }
    // products of centred columns, as slices of the column-major storage
    // (plain loops; nalgebra's column iterators cost ~10 ns an entry here)
    for (a, &(i, j)) in pairs.iter().enumerate() {
        let (ci, cj) = (column(&yc, i), column(&yc, j));
        let zc = &mut z.as_mut_slice()[(off + a) * n..(off + a + 1) * n];
        for r in 0..n {
            zc[r] = ci[r] * cj[r];
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
        if meanstructure {
            z.view_mut((0, 0), (n, p)).copy_from(&(raw - &yhat));
        }
        let mut yhc = yhat;
        centre(&mut yhc);
        for (a, &(i, j)) in pairs.iter().enumerate() {
            let (ci, cj) = (column(&yhc, i), column(&yhc, j));
            let zc = &mut z.as_mut_slice()[(off + a) * n..(off + a + 1) * n];
            for r in 0..n {
                zc[r] -= ci[r] * cj[r];
            }
        }
    }
    centre(&mut z);
    // Z′Z through a transposed view of Z (strides swapped) rather than a
    // transposed copy: the copy was ~100 KB a call at N = 300
    let zt = DMatrixView::from_slice_with_strides(z.as_slice(), k, n, n, 1);
    (zt * &z) / n as f64
}

/// Column j of a column-major matrix, as a slice.
fn column(m: &DMatrix<f64>, j: usize) -> &[f64] {
    let n = m.nrows();
    &m.as_slice()[j * n..(j + 1) * n]
}
