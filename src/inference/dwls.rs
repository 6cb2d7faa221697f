//! Inference under DWLS (WLSMV): the fitted model and the ordinal sample
//! statistics of every group in; the robust ("sandwich") covariance of the
//! estimates and the traces of the scaled-and-shifted test out (lavaan
//! `R/lav_model_vcov.R`, `R/lav_model_nvcov_robust_sem.R`,
//! `R/lav_test_satorra_bentler.R::lav_test_satorra_bentler_trace_original`).
//! With per group W_g = diag(Γ_g)⁻¹, Δ_g = ∂σ_g/∂θ′, f_g = n_g/N and
//! E = Σ_g f_g Δ_g′W_gΔ_g: vcov(θ̂) = E⁻¹(Σ_g f_g Δ_g′W_gΓ_gW_gΔ_g)E⁻¹/(N − G);
//! the traces are those of UΓ with the groups stacked: U = V − VΔE⁻¹Δ′V,
//! V = ⊕ f_g W_g, Γ = ⊕ Γ_g/f_g.

use crate::estimate::dwls::Dwls;
use crate::estimate::{invert_spd, Problem};
use nalgebra::DMatrix;

/// What the robust SEs and tests need at θ̂.
#[derive(Debug, Clone)]
pub struct DwlsInference {
    /// Δ = ∂σ/∂θ′ as sparse columns (statistic index, value).
    pub cols: Vec<Vec<(usize, f64)>>,
    /// E⁻¹ = K(K′EK)⁻¹K′, the inverted unit information (E = Σ_g f_g Δ_g′W_gΔ_g).
    pub e_inv: DMatrix<f64>,
    /// vcov(θ̂) = E⁻¹CE⁻¹/(N − G).
    pub vcov: DMatrix<f64>,
    /// tr(UΓ) and tr((UΓ)²) of the stacked groups.
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
    /// With per group G_g = Γ_gW_gΔ_g and C = Σ_g f_g Δ_g′W_gG_g:
    /// tr(UΓ) = Σ_g tr(W_gΓ_g) − tr(E⁻¹C) and tr((UΓ)²) =
    /// Σ_g tr(W_gΓ_gW_gΓ_g) − 2 tr(E⁻¹ Σ_g f_g G_g′W_gG_g) + tr(E⁻¹CE⁻¹C),
    /// which avoids every statistics × statistics product (the f_g of V
    /// and of Γ cancel within a group).
    pub fn new(prob: &Problem, d: &Dwls, ev: &crate::estimate::ml::Eval) -> Option<DwlsInference> {
        let cols = d.jacobian(prob, ev);
        let q = cols.len();
        let e = Dwls::weighted_gram(&cols, &d.info_weights());
        let k = &prob.reparam.k;
        let e_inv = k * invert_spd(&(k.transpose() * &e * k))? * k.transpose();
        let mut c = DMatrix::zeros(q, q);
        let mut gwg = DMatrix::zeros(q, q);
        let (mut tr_wg, mut tr_wgwg) = (0.0, 0.0);
        for b in &d.blocks {
            let fg = d.group_weight(b);
            let m = b.stats.len();
            let w = |i: usize| d.w[b.offset + i];
            // G_g = Γ_gW_gΔ_g (the group's statistics × parameters)
            let mut g = DMatrix::zeros(m, q);
            for (t, col) in cols.iter().enumerate() {
                for &(kk, v) in col.iter().filter(|e| b.range().contains(&e.0)) {
                    let l = kk - b.offset;
                    g.column_mut(t).axpy(w(l) * v, &b.gamma.column(l), 1.0);
                }
            }
            for (a, col) in cols.iter().enumerate() {
                for &(kk, v) in col.iter().filter(|e| b.range().contains(&e.0)) {
                    let l = kk - b.offset;
                    let wv = fg * w(l) * v;
                    for t in 0..q {
                        c[(a, t)] += wv * g[(l, t)];
                    }
                }
            }
            let mut wg = g.clone();
            for (i, mut r) in wg.row_iter_mut().enumerate() {
                r *= w(i);
            }
            gwg += (g.transpose() * wg) * fg;
            for i in 0..m {
                tr_wg += w(i) * b.gamma[(i, i)];
                for j in 0..m {
                    let x = b.gamma[(i, j)];
                    tr_wgwg += w(i) * w(j) * x * x;
                }
            }
        }
        let n = d.ntotal as f64 - d.blocks.len() as f64;
        let vcov = &e_inv * &c * &e_inv / n;
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
