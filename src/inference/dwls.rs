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
    /// C = Σ_g f_g Δ_g′W_gΓ_gW_gΔ_g, the middle of the sandwich.
    pub meat: DMatrix<f64>,
}

/// What lavaan's `satorra.2000` difference test reads of a fitted WLSMV
/// model, in the free parameters z that satisfy the equality constraints
/// (θ = θ₀ + Kz; labels already share a parameter).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NestedPieces {
    /// ΔK: the stacked statistics × z.
    pub delta: DMatrix<f64>,
    /// P⁻¹ = (K′EK)⁻¹.
    pub p_inv: DMatrix<f64>,
    /// K′CK.
    pub meat: DMatrix<f64>,
    /// The standard statistic T and its df.
    pub chisq: f64,
    pub df: f64,
}

/// The scaled-and-shifted difference of two nested WLSMV models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Satorra2000 {
    /// a(T₀ − T₁) + b.
    pub chisq: f64,
    /// r₀ − r₁.
    pub df: f64,
}

/// lavaan's `lav_test_diff_Satorra2000(m1, m0, H1 = TRUE, A.method =
/// "delta", scaled.shifted = TRUE)` (`R/lav_test_diff.R`), the default of
/// `lavTestLRT` for WLSMV: `m1` the less restricted model, `m0` the more
/// restricted one (more df). The constraints that lead from m1 to m0 are
/// the rows of A, a basis of the orthogonal complement of
/// H = Δ₁⁺Δ₀ (`lav_test_diff_A`, each Δ at its own model's estimates;
/// [`crate::linalg::orthogonal_complement`], as lavaan by QR);
/// with P the information of m1, M = P⁻¹A′(AP⁻¹A′)⁺AP⁻¹ and C m1's
/// sandwich middle, tr(UΓ) = tr(MC), tr((UΓ)²) = tr(MCMC) and, with
/// m = r₀ − r₁, a = √(m / tr((UΓ)²)), b = m − a·tr(UΓ):
/// ΔT = a(T₀ − T₁) + b on m df. None when m ≤ 0 or the pieces do not fit
/// (different statistics).
pub fn satorra_2000(m1: &NestedPieces, m0: &NestedPieces) -> Option<Satorra2000> {
    let m = m0.df - m1.df;
    if m <= 0.0 || m1.delta.nrows() != m0.delta.nrows() {
        return None;
    }
    let eps = 1e-10;
    let h = m1.delta.clone().pseudo_inverse(eps).ok()? * &m0.delta;
    // A′: the orthogonal complement of col(H)
    let (_, at) = crate::linalg::orthogonal_complement(&h); // q1 × (q1 − rank)
    if at.ncols() == 0 {
        return None;
    }
    let apa = at.transpose() * &m1.p_inv * &at;
    let mid = apa.pseudo_inverse(eps).ok()?;
    let mm = &m1.p_inv * &at * mid * at.transpose() * &m1.p_inv;
    let mc = &mm * &m1.meat;
    let tr1 = mc.trace();
    let tr2 = trace_prod(&mc, &mc);
    let a = (m / tr2).sqrt();
    let b = m - a * tr1;
    Some(Satorra2000 {
        chisq: (m0.chisq - m1.chisq) * a + b,
        df: m,
    })
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
            meat: c,
        })
    }

    /// The pieces of the `satorra.2000` difference test ([`NestedPieces`])
    /// of the model `prob` with `n_stats` statistics, its standard
    /// statistic `chisq` and its `df`.
    pub fn nested(
        &self,
        prob: &Problem,
        n_stats: usize,
        chisq: f64,
        df: f64,
    ) -> Option<NestedPieces> {
        let k = &prob.reparam.k;
        let mut delta = DMatrix::zeros(n_stats, self.cols.len());
        for (t, col) in self.cols.iter().enumerate() {
            for &(i, v) in col {
                delta[(i, t)] = v;
            }
        }
        // K has orthonormal columns, so K′E⁻¹K = K′K(K′EK)⁻¹K′K = (K′EK)⁻¹
        let p_inv = k.transpose() * &self.e_inv * k;
        Some(NestedPieces {
            delta: delta * k,
            p_inv,
            meat: k.transpose() * &self.meat * k,
            chisq,
            df,
        })
    }
}
