//! Inference under DWLS (WLSMV): the fitted model and the ordinal sample
//! statistics in; the robust ("sandwich") covariance of the estimates and
//! the traces of the scaled-and-shifted test out (lavaan
//! `R/lav_model_vcov.R`, `R/lav_model_nvcov_robust_sem.R`,
//! `R/lav_test_satorra_bentler.R`). With W = diag(Γ)⁻¹, Δ = ∂σ/∂θ′ and
//! E = Δ′WΔ: vcov(θ̂) = E⁻¹Δ′WΓWΔE⁻¹/(N − 1); U = W − WΔE⁻¹Δ′W.

use crate::estimate::dwls::Dwls;
use crate::estimate::{invert_spd, Problem};
use nalgebra::DMatrix;

/// What the robust SEs and tests need at θ̂.
#[derive(Debug, Clone)]
pub struct DwlsInference {
    /// Δ = ∂σ/∂θ′ as sparse columns (statistic index, value).
    pub cols: Vec<Vec<(usize, f64)>>,
    /// E⁻¹ = K(K′EK)⁻¹K′, the inverted unit information (E = Δ′WΔ).
    pub e_inv: DMatrix<f64>,
    /// vcov(θ̂) = E⁻¹Δ′WΓWΔE⁻¹/(N−1).
    pub vcov: DMatrix<f64>,
    /// tr(UΓ) and tr((UΓ)²), U = W − WΔE⁻¹Δ′W.
    pub trace_ug: f64,
    pub trace_ug2: f64,
}

/// tr(AB) for square A, B.
pub fn trace_prod(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    let n = a.nrows();
    let mut t = 0.0;
    for i in 0..n {
        for j in 0..n {
            t += a[(i, j)] * b[(j, i)];
        }
    }
    t
}

impl DwlsInference {
    /// With G = ΓWΔ (from the sparse columns of Δ) and C = Δ′WG:
    /// tr(UΓ) = tr(WΓ) − tr(E⁻¹C) and
    /// tr((UΓ)²) = tr(WΓWΓ) − 2 tr(E⁻¹G′WG) + tr(E⁻¹CE⁻¹C),
    /// which avoids every statistics × statistics product.
    pub fn new(prob: &Problem, d: &Dwls, ev: &crate::estimate::ml::Eval) -> Option<DwlsInference> {
        let cols = d.jacobian(prob, &ev.groups[0]);
        let q = cols.len();
        let m = d.stats.len();
        let e = d.weighted_gram(&cols);
        let k = &prob.reparam.k;
        let e_inv = k * invert_spd(&(k.transpose() * &e * k))? * k.transpose();
        let mut g = DMatrix::zeros(m, q);
        for (t, col) in cols.iter().enumerate() {
            for &(kk, v) in col {
                let c = d.w[kk] * v;
                g.column_mut(t).axpy(c, &d.gamma.column(kk), 1.0);
            }
        }
        let mut c = DMatrix::zeros(q, q);
        for (a, col) in cols.iter().enumerate() {
            for &(kk, v) in col {
                let wv = d.w[kk] * v;
                for t in 0..q {
                    c[(a, t)] += wv * g[(kk, t)];
                }
            }
        }
        let n = d.n as f64;
        let vcov = &e_inv * &c * &e_inv / (n - 1.0);
        let mut wg = g.clone();
        for (i, mut r) in wg.row_iter_mut().enumerate() {
            r *= d.w[i];
        }
        let gwg = g.transpose() * wg;
        let (mut tr_wg, mut tr_wgwg) = (0.0, 0.0);
        for i in 0..m {
            tr_wg += d.w[i] * d.gamma[(i, i)];
            for j in 0..m {
                let x = d.gamma[(i, j)];
                tr_wgwg += d.w[i] * d.w[j] * x * x;
            }
        }
        let ec = &e_inv * &c;
        let trace_ug = tr_wg - ec.trace();
        let trace_ug2 = tr_wgwg - 2.0 * trace_prod(&e_inv, &gwg) + trace_prod(&ec, &ec);
        Some(DwlsInference {
            cols,
            e_inv,
            vcov,
            trace_ug,
            trace_ug2,
        })
    }
}
