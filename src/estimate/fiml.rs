//! Full-information ML (lavaan's `missing = "ml"`): the discrepancy summed
//! over missing-data patterns, its gradient, the expected and the observed
//! information. The FIML fit measures are in [`crate::fitmeasures::fiml`],
//! MLR on the FIML likelihood in [`crate::inference::fiml`].
//!
//! lavaan `R/lav_objective.R::estimator.FIML`,
//! `R/lav_mvnorm_missing.R`, `R/lav_model_gradient.R`,
//! `R/lav_model_hessian.R`. Per group g with patterns p (n_p rows,
//! observed variables o, pattern mean ȳ_p and covariance S_p):
//!
//!   F_g = (1/n_g) Σ_p n_p [log|Σ_oo| + tr(Σ_oo⁻¹ (S_p + d_p d_p′))] − h1_g,
//!   d_p = ȳ_p − μ_o,  f = Σ_g (n_g/N) · ½ F_g,
//!
//! where h1_g is the same sum at the saturated (EM) moments, so that
//! χ² = 2N·f̂ = −2(ℓ₀ − ℓ₁). Each pattern is the complete-data ML
//! discrepancy of the submatrix Σ_oo, so every derivative is the
//! complete-data one restricted to the observed rows: with the pool X of
//! derivative vectors (see [`crate::model`]), X_o = X[o, ·].
//!
//! - Gradient: ∂F_g = −tr(Ω ∂Σ) − 2ω′∂μ with the pattern-weighted sums
//!   Ω = Σ_p (n_p/n_g) [Σ_oo⁻¹ W_p Σ_oo⁻¹ − Σ_oo⁻¹] and
//!   ω = Σ_p (n_p/n_g) Σ_oo⁻¹ d_p (embedded in p × p), W_p = S_p + d_p d_p′.
//! - Expected information (the optimizer's Hessian approximation and the
//!   modification indices, lavaan `lav_mvnorm_missing_information_expected`
//!   at the implied moments): Σ_p (n_p/N) Δ_p′ A1_p Δ_p, from the pattern
//!   Gram matrices G_p = X_o′ Σ_oo⁻¹ X_o.
//! - Observed information (SEs; lavaan takes the Hessian of f by
//!   Richardson differences of the gradient): here analytic. For a pair of
//!   parameters a, b, with P = Σ_oo⁻¹, ω_p = P d_p,
//!
//!   ½∂²F_p = tr(PΣ_aPW_pPΣ_b) − ½tr(PΣ_aPΣ_b) + ω_p′Σ_aPμ_b + ω_p′Σ_bPμ_a
//!   + μ_a′Pμ_b − ½tr(Ω_pΣ_ab) − ω_p′μ_ab,
//!
//!   which in the pool is G_p, H_p = X_o′PW_pPX_o and v_p = X_o′ω_p, plus
//!   the second derivatives Σ_ab, μ_ab of the RAM model (see
//!   [`second_derivative`]) against the summed X′ΩX and X′ω.

use super::ml::{Eval, GroupEval};
use super::Problem;
use crate::model::{Deriv, Entry, Implied};
use crate::samplestats::missing::{sub_inverse, MissingGroup, Pattern};
use nalgebra::{DMatrix, DVector};

/// One pattern at the implied moments.
struct PatternEval {
    /// Σ_oo⁻¹.
    inv: DMatrix<f64>,
    /// log|Σ_oo|.
    logdet: f64,
    /// d = ȳ_p − μ_o.
    d: DVector<f64>,
}

/// Σ_oo⁻¹, log|Σ_oo| and d_p of every pattern; None if Σ is not positive definite.
fn pattern_evals(mg: &MissingGroup, imp: &Implied) -> Option<Vec<PatternEval>> {
    let (q, ld) = crate::linalg::spd_inverse_logdet(&imp.sigma)?;
    mg.patterns
        .iter()
        .map(|pat| {
            let (inv, logdet) = sub_inverse(&q, ld, &pat.obs, &pat.mis)?;
            let d = DVector::from_fn(pat.obs.len(), |a, _| pat.mean[a] - imp.mu[pat.obs[a]]);
            Some(PatternEval { inv, logdet, d })
        })
        .collect()
}

/// tr(P (S_p + d d′)).
fn trace_w(pat: &Pattern, pe: &PatternEval) -> f64 {
    let k = pat.obs.len();
    let mut tr = 0.0;
    for b in 0..k {
        for a in 0..k {
            tr += pe.inv[(a, b)] * (pat.cov[(a, b)] + pe.d[a] * pe.d[b]);
        }
    }
    tr
}

/// P S_p P (|o| × |o|): through the centred rows when there are fewer rows
/// than observed variables (S_p has rank ≤ n_p − 1), else densely.
fn p_s_p(pat: &Pattern, inv: &DMatrix<f64>) -> DMatrix<f64> {
    let k = pat.obs.len();
    if pat.n == 1 {
        return DMatrix::zeros(k, k);
    }
    if pat.n <= k {
        let mut z = pat.data.clone();
        for (c, mut col) in z.column_iter_mut().enumerate() {
            col.add_scalar_mut(-pat.mean[c]);
        }
        let y = z * inv; // n_p × k
        y.transpose() * &y / pat.n as f64
    } else {
        inv * &pat.cov * inv
    }
}

/// Per-pattern pieces of the information matrices.
struct PatternPool {
    /// Weight n_p / N.
    w: f64,
    /// G = X_o′ P X_o.
    g: DMatrix<f64>,
    /// H = X_o′ P W_p P X_o (observed information only).
    h: Option<DMatrix<f64>>,
    /// v = X_o′ ω_p (observed information only).
    v: Option<DVector<f64>>,
}

impl Problem<'_> {
    /// Whether the discrepancy is FIML (`missing = "ml"`).
    pub fn is_fiml(&self) -> bool {
        self.missing().is_some()
    }

    fn missing_group(&self, g: usize) -> &MissingGroup {
        &self.missing().expect("FIML problem")[g]
    }

    /// F_g of group g (0-based) at the implied moments; None if Σ is not
    /// positive definite. Clamped at ≥ 0 as lavaan does.
    pub(crate) fn fiml_discrepancy(&self, g: usize, imp: &Implied) -> Option<f64> {
        let mg = self.missing_group(g);
        let pes = pattern_evals(mg, imp)?;
        let mut total = 0.0;
        for (pat, pe) in mg.patterns.iter().zip(&pes) {
            total += pat.n as f64 * (pe.logdet + trace_w(pat, pe));
        }
        Some((total / mg.n as f64 - mg.h1.fx).max(0.0))
    }

    /// f(θ) under FIML (+∞ when some Σ is not positive definite).
    pub(crate) fn fiml_objective(&self, theta: &DVector<f64>) -> f64 {
        let Some(imps) = self.implied(theta) else {
            return f64::INFINITY;
        };
        let mut f = 0.0;
        for (g, (imp, w)) in imps.iter().zip(self.sm.weights()).enumerate() {
            match self.fiml_discrepancy(g, imp) {
                Some(fg) => f += w * 0.5 * fg,
                None => return f64::INFINITY,
            }
        }
        f
    }

    /// The pattern-weighted Ω (p × p) and ω (p) of group g whose gradient
    /// is ∂F_g = −tr(Ω ∂Σ) − 2ω′∂μ.
    pub(crate) fn fiml_omega(
        &self,
        g: usize,
        imp: &Implied,
    ) -> Option<(DMatrix<f64>, DVector<f64>)> {
        let mg = self.missing_group(g);
        let pes = pattern_evals(mg, imp)?;
        let p = mg.p();
        let mut omega = DMatrix::zeros(p, p);
        let mut om = DVector::zeros(p);
        let ng = mg.n as f64;
        for (pat, pe) in mg.patterns.iter().zip(&pes) {
            let w = pat.n as f64 / ng;
            let t = &pe.inv * &pe.d;
            let psp = p_s_p(pat, &pe.inv);
            let o = &pat.obs;
            for (b, &j) in o.iter().enumerate() {
                om[j] += w * t[b];
                for (a, &i) in o.iter().enumerate() {
                    omega[(i, j)] += w * (psp[(a, b)] + t[a] * t[b] - pe.inv[(a, b)]);
                }
            }
        }
        Some((omega, om))
    }

    /// Per-pattern Gram matrices (and for the observed information H and v).
    fn pattern_pools(&self, g: usize, ge: &GroupEval, observed: bool) -> Option<Vec<PatternPool>> {
        let mg = self.missing_group(g);
        let pes = pattern_evals(mg, &ge.imp)?;
        let nx = ge.x.ncols();
        let ng = mg.n as f64;
        Some(
            mg.patterns
                .iter()
                .zip(&pes)
                .map(|(pat, pe)| {
                    let k = pat.obs.len();
                    let xo = DMatrix::from_fn(k, nx, |a, c| ge.x[(pat.obs[a], c)]);
                    let y = &pe.inv * &xo; // P X_o
                    let gm = xo.transpose() * &y;
                    let (h, v) = if observed {
                        // W_p P X_o = S_p Y + d (d′Y)
                        let dy = y.transpose() * &pe.d; // X_o′ P d = v
                        let mut wy = &pat.cov * &y;
                        for c in 0..nx {
                            for a in 0..k {
                                wy[(a, c)] += pe.d[a] * dy[c];
                            }
                        }
                        (Some(y.transpose() * wy), Some(dy))
                    } else {
                        (None, None)
                    };
                    PatternPool {
                        w: ge.w * pat.n as f64 / ng,
                        g: gm,
                        h,
                        v,
                    }
                })
                .collect(),
        )
    }

    /// Expected-information Gram matrices of group g, each with its weight:
    /// (n_p/N, X_o′Σ_oo⁻¹X_o) per pattern.
    pub fn fiml_grams(&self, g: usize, ge: &GroupEval) -> Vec<(f64, DMatrix<f64>)> {
        self.pattern_pools(g, ge, false)
            .unwrap_or_default()
            .into_iter()
            .map(|pp| (pp.w, pp.g))
            .collect()
    }

    /// Free rows of group g with their derivatives and entries.
    fn free_rows(&self, g: usize, ge: &GroupEval) -> Vec<(usize, Deriv, Entry)> {
        self.rows_of_group(g + 1)
            .filter(|&r| self.pt.params[r].free > 0)
            .map(|r| {
                (
                    self.pt.params[r].free - 1,
                    self.deriv(r, ge),
                    self.entries[r],
                )
            })
            .collect()
    }

    /// Expected (unit) information under FIML: Σ_p (n_p/N) Δ_p′ A1_p Δ_p.
    pub(crate) fn fiml_information(&self, ev: &Eval) -> DMatrix<f64> {
        let q = self.pt.n_free;
        let mut info = DMatrix::zeros(q, q);
        for (g, ge) in ev.groups.iter().enumerate() {
            let Some(pools) = self.pattern_pools(g, ge, false) else {
                continue;
            };
            let rows = self.free_rows(g, ge);
            let nr = rows.len();
            let mut hr = vec![0.0; nr * nr];
            for pp in &pools {
                let gs = Pool::new(&pp.g);
                for i in 0..nr {
                    for j in i..nr {
                        hr[i * nr + j] += pp.w * gs.info_pair(&rows[i].1, &rows[j].1);
                    }
                }
            }
            add_row_pairs(&mut info, &rows, &hr);
        }
        info
    }

    /// Observed (unit) information under FIML: the Hessian of f at the
    /// evaluation, analytically (see the module documentation). None when
    /// some Σ is not positive definite.
    pub fn fiml_observed_information(&self, ev: &Eval) -> Option<DMatrix<f64>> {
        self.observed_information_from(ev, |g, ge| {
            Some((
                self.pattern_pools(g, ge, true)?,
                self.fiml_omega(g, &ge.imp)?,
            ))
        })
    }

    /// Observed (unit) information of complete-data ML: the Hessian of f at
    /// the evaluation, analytically, as the FIML one with a single pattern
    /// holding every variable (P = Σ⁻¹, W = S + dd′ with d = ȳ − μ, d = 0
    /// without a mean structure). lavaan takes it by Richardson differences
    /// of the gradient (`R/lav_model_hessian.R`); the two agree to about
    /// 1e-9 relative (`tests/robust_agreement.rs`). Under FIML the FIML
    /// one. Not for DWLS.
    pub fn ml_observed_information(&self, ev: &Eval) -> Option<DMatrix<f64>> {
        if self.is_fiml() {
            return self.fiml_observed_information(ev);
        }
        let ms = self.structure.meanstructure;
        self.observed_information_from(ev, |g, ge| {
            let gm = &self.sm.groups[g];
            let p = &ge.sigma_inv;
            let d = match (&gm.mean, ms) {
                (Some(m), true) => m - &ge.imp.mu,
                _ => DVector::zeros(p.nrows()),
            };
            let y = p * &ge.x; // P X
            let v = y.transpose() * &d; // X′ω, ω = P d
                                        // W P X = S Y + d (d′Y)
            let mut wy = &gm.cov * &y;
            wy.ger(1.0, &d, &v, 1.0);
            let pool = PatternPool {
                w: ge.w,
                g: ge.x.transpose() * &y,
                h: Some(y.transpose() * wy),
                v: Some(v),
            };
            // Ω = P W P − P, ω = P d
            let pd = p * &d;
            let mut omega = p * &gm.cov * p - p;
            omega.ger(1.0, &pd, &pd, 1.0);
            Some((vec![pool], (omega, pd)))
        })
    }

    /// The observed information from each group's pattern pools and its
    /// (Ω, ω) (see the module documentation); None when `pieces` is.
    fn observed_information_from(
        &self,
        ev: &Eval,
        pieces: impl Fn(usize, &GroupEval) -> Option<(Vec<PatternPool>, (DMatrix<f64>, DVector<f64>))>,
    ) -> Option<DMatrix<f64>> {
        let q = self.pt.n_free;
        let mut info = DMatrix::zeros(q, q);
        let n = self.structure.n();
        for (g, ge) in ev.groups.iter().enumerate() {
            let (pools, (omega, om)) = pieces(g, ge)?;
            // summed second-derivative pieces: K = X′ΩX, u = X′ω
            let kmat = ge.x.transpose() * &omega * &ge.x;
            let u = ge.x.transpose() * &om;
            let rows = self.free_rows(g, ge);
            let nr = rows.len();
            let mut hr = vec![0.0; nr * nr];
            for pp in &pools {
                let gs = Pool::new(&pp.g);
                let hs = Pool::new(pp.h.as_ref().expect("h"));
                let v = pp.v.as_ref().expect("v").as_slice();
                for i in 0..nr {
                    for j in i..nr {
                        hr[i * nr + j] += pp.w * pair_observed(&rows[i].1, &rows[j].1, &gs, &hs, v);
                    }
                }
            }
            for i in 0..nr {
                for j in i..nr {
                    let (c_sigma, c_mu) = second_derivative(rows[i].2, rows[j].2, &ge.imp, n);
                    let mut s = 0.0;
                    for (c, a, b) in c_sigma {
                        s -= 0.5 * c * kmat[(a, b)];
                    }
                    for (c, k) in c_mu {
                        s -= c * u[k];
                    }
                    hr[i * nr + j] += ge.w * s;
                }
            }
            add_row_pairs(&mut info, &rows, &hr);
        }
        Some(info)
    }
}

/// A square pool matrix (G or H) as a column-major slice: the inner loops
/// index it millions of times.
struct Pool<'m> {
    data: &'m [f64],
    n: usize,
}

impl<'m> Pool<'m> {
    fn new(m: &'m DMatrix<f64>) -> Self {
        Pool {
            data: m.as_slice(),
            n: m.nrows(),
        }
    }
    #[inline]
    fn at(&self, r: usize, c: usize) -> f64 {
        self.data[c * self.n + r]
    }
    /// [`crate::model::info_pair`] on this Gram matrix.
    #[inline]
    fn info_pair(&self, da: &Deriv, db: &Deriv) -> f64 {
        let mut s = 0.0;
        for &(ct, at, bt) in da.sigma_terms() {
            for &(cs, as_, bs) in db.sigma_terms() {
                s += ct * cs * self.at(bt, as_) * self.at(bs, at);
            }
        }
        let mut out = 0.5 * s;
        if let (Some((ca, ka)), Some((cb, kb))) = (da.mu, db.mu) {
            out += ca * cb * self.at(ka, kb);
        }
        out
    }
}

/// Σ_k w_k · [`crate::model::info_pair`](da, db, G_k) over weighted Gram
/// matrices (see [`Problem::info_grams`]).
pub fn info_pair_sum(grams: &[(f64, DMatrix<f64>)], da: &Deriv, db: &Deriv) -> f64 {
    grams
        .iter()
        .map(|(w, gm)| w * Pool::new(gm).info_pair(da, db))
        .sum()
}

/// Adds the upper triangle of a rows × rows matrix (row-major) to the θ
/// information: a pair of distinct rows fills both triangles (rows sharing
/// a label add up).
fn add_row_pairs(info: &mut DMatrix<f64>, rows: &[(usize, Deriv, Entry)], hr: &[f64]) {
    let nr = rows.len();
    for i in 0..nr {
        for j in i..nr {
            let (ka, kb) = (rows[i].0, rows[j].0);
            let v = hr[i * nr + j];
            info[(ka, kb)] += v;
            if i != j {
                info[(kb, ka)] += v;
            }
        }
    }
}

/// The pattern part of ½∂²F_p for parameters a, b from G, H and v:
/// tr(PΣ_aPWPΣ_b) − ½tr(PΣ_aPΣ_b) + ω′Σ_aPμ_b + ω′Σ_bPμ_a + μ_a′Pμ_b.
#[inline]
fn pair_observed(da: &Deriv, db: &Deriv, g: &Pool, h: &Pool, v: &[f64]) -> f64 {
    let mut s = 0.0;
    for &(ct, al, be) in da.sigma_terms() {
        for &(cs, ga, de) in db.sigma_terms() {
            s += ct * cs * g.at(de, al) * (h.at(be, ga) - 0.5 * g.at(be, ga));
        }
    }
    if let Some((cb, kb)) = db.mu {
        for &(ct, al, be) in da.sigma_terms() {
            s += ct * cb * v[al] * g.at(be, kb);
        }
    }
    if let Some((ca, ka)) = da.mu {
        for &(cs, ga, de) in db.sigma_terms() {
            s += cs * ca * v[ga] * g.at(de, ka);
        }
        if let Some((cb, kb)) = db.mu {
            s += ca * cb * g.at(ka, kb);
        }
    }
    s
}

/// ∂²Σ as (c, α, β) terms and ∂²μ as (c, k) terms; see [`second_derivative`].
type SecondDerivative = (Vec<(f64, usize, usize)>, Vec<(f64, usize)>);

/// Second derivatives of the RAM model with respect to two matrix entries:
/// ∂²Σ/∂a∂b = Σ c (x_α x_β′ + x_β x_α′) given as (c, α, β), so that
/// tr(Ω ∂²Σ) = Σ 2c·(X′ΩX)[α, β]; and ∂²μ/∂a∂b = Σ c x_k as (c, k).
/// Pool columns: U_i = i, V_j = n + j. With E = (I − A)⁻¹, Σ_v and μ_v:
///
/// - A_ij, A_kl: E_li (U_k V_j′ + ·′) + Σv_lj (U_i U_k′ + ·′) + E_jk (U_i V_l′ + ·′);
///   ∂²μ = E_li μv_j U_k + E_jk μv_l U_i;
/// - A_ij, P_kl: E_jk (U_i U_l′ + ·′) + E_jl (U_k U_i′ + ·′) (k ≠ l), E_jk (U_i U_k′ + ·′) (k = l);
/// - A_ij, m_k: ∂²μ = E_jk U_i;
/// - all other pairs: 0.
///
/// (From ∂E/∂A_ij = E e_i e_j′ E, so ∂U_k/∂A_ij = U_i E_jk and
/// ∂V_j/∂A_kl = U_k Σv_lj + V_l E_jk.)
fn second_derivative(a: Entry, b: Entry, imp: &Implied, n: usize) -> SecondDerivative {
    let e = &imp.e;
    let sv = &imp.sigma_v;
    let mv = &imp.mu_v;
    let mut cs = Vec::new();
    let mut cm = Vec::new();
    // the twice-counted symmetric outer product x_α x_β′ + x_β x_α′
    let sym = |c: f64, al: usize, be: usize, cs: &mut Vec<(f64, usize, usize)>| {
        if c != 0.0 {
            cs.push((2.0 * c, al, be));
        }
    };
    match (a, b) {
        (Entry::A(i, j), Entry::A(k, l)) => {
            sym(e[(l, i)], k, n + j, &mut cs);
            sym(sv[(l, j)], i, k, &mut cs);
            sym(e[(j, k)], i, n + l, &mut cs);
            let c1 = e[(l, i)] * mv[j];
            if c1 != 0.0 {
                cm.push((c1, k));
            }
            let c2 = e[(j, k)] * mv[l];
            if c2 != 0.0 {
                cm.push((c2, i));
            }
        }
        (Entry::A(i, j), Entry::P(k, l)) | (Entry::P(k, l), Entry::A(i, j)) => {
            if k != l {
                sym(e[(j, k)], i, l, &mut cs);
                sym(e[(j, l)], k, i, &mut cs);
            } else {
                sym(e[(j, k)], i, k, &mut cs);
            }
        }
        (Entry::A(i, j), Entry::M(k)) | (Entry::M(k), Entry::A(i, j)) => {
            let c = e[(j, k)];
            if c != 0.0 {
                cm.push((c, i));
            }
        }
        _ => {}
    }
    (cs, cm)
}

// ---------------------------------------------------------------------------
// fit measures under FIML

// ---------------------------------------------------------------------------
// information pairs with masked covariates (modification indices)

/// The blocks whose sum is the expected information of group g (0-based):
/// (weight, observed variables, Σ_oo⁻¹) per missing-data pattern under
/// FIML, or one block (n_g/N, all variables, Σ⁻¹) for complete data.
pub fn info_blocks(
    prob: &Problem,
    g: usize,
    ge: &GroupEval,
) -> Vec<(f64, Vec<usize>, DMatrix<f64>)> {
    if !prob.is_fiml() {
        return vec![(
            ge.w,
            (0..ge.sigma_inv.nrows()).collect(),
            ge.sigma_inv.clone(),
        )];
    }
    let mg = prob.missing_group(g);
    let Some(pes) = pattern_evals(mg, &ge.imp) else {
        return Vec::new();
    };
    mg.patterns
        .iter()
        .zip(pes)
        .map(|(pat, pe)| (ge.w * pat.n as f64 / mg.n as f64, pat.obs.clone(), pe.inv))
        .collect()
}

/// Σ over [`info_blocks`] of w·[½tr(P ∂Σ_a P ∂Σ_b) + ∂μ_a′P∂μ_b] on each
/// block's variables, with the elements of ∂Σ among `masked` variables and
/// of ∂μ of `masked` variables left out (lavaan zeroes the fixed.x rows of
/// its weight matrix, also under FIML: `lav_mvnorm_missing_information_expected`).
pub fn info_pair_masked_blocks(
    blocks: &[(f64, Vec<usize>, DMatrix<f64>)],
    da: &Deriv,
    db: &Deriv,
    x: &DMatrix<f64>,
    masked: &[bool],
) -> f64 {
    let strip = |d: &Deriv| {
        let mut s = d.dense_sigma(x);
        let mut m = d.dense_mu(x);
        for i in 0..s.nrows() {
            if masked[i] {
                m[i] = 0.0;
                for j in 0..s.ncols() {
                    if masked[j] {
                        s[(i, j)] = 0.0;
                    }
                }
            }
        }
        (s, m)
    };
    let (sa, ma) = strip(da);
    let (sb, mb) = strip(db);
    let mut total = 0.0;
    for (w, obs, inv) in blocks {
        let k = obs.len();
        let sa_o = DMatrix::from_fn(k, k, |a, b| sa[(obs[a], obs[b])]);
        let sb_o = DMatrix::from_fn(k, k, |a, b| sb[(obs[a], obs[b])]);
        let ma_o = DVector::from_fn(k, |a, _| ma[obs[a]]);
        let mb_o = DVector::from_fn(k, |a, _| mb[obs[a]]);
        let a = inv * sa_o;
        let b = inv * sb_o;
        total += w * (0.5 * (a * b).trace() + (ma_o.transpose() * inv * mb_o)[(0, 0)]);
    }
    total
}

impl Problem<'_> {
    /// Newton steps with the analytic observed information from the
    /// optimizer's solution: under FIML quasi-Newton may stop (by the
    /// rounding-noise rule) with max |∂f/∂θ| near 1e-8, and a few nearly
    /// unidentified quantities (an EPC of 17, say) move visibly with that last
    /// bit of the optimum. The step is kept only if it lowers the largest
    /// gradient element.
    pub fn fiml_polish(&self, mut res: super::optimize::OptResult) -> super::optimize::OptResult {
        let bounded = self
            .pt
            .bounds
            .iter()
            .any(|b| b.0.is_some() || b.1.is_some());
        if !self.is_fiml()
            || !res.converged
            || self.pt.n_free == 0
            || bounded
            || res.max_grad < 1e-10
        {
            return res;
        }
        let k = &self.reparam.k;
        // one step: convergence is quadratic from max |g| ≈ 1e-8
        for _ in 0..1 {
            let Some(ev) = self.evaluate(&res.theta) else {
                break;
            };
            let g = k.transpose() * self.gradient(&ev);
            let gmax = g.amax();
            let Some(h) = self.fiml_observed_information(&ev) else {
                break;
            };
            let hz = k.transpose() * h * k;
            let Some(d) = crate::linalg::spd_solve(&((&hz + hz.transpose()) * 0.5), &g) else {
                break;
            };
            let theta = &res.theta - k * d;
            let Some(ev2) = self.evaluate(&theta) else {
                break;
            };
            let g2 = (k.transpose() * self.gradient(&ev2)).amax();
            if g2.is_nan() || g2 >= gmax {
                break;
            }
            res.theta = theta;
            res.f = ev2.f;
            res.max_grad = g2;
        }
        res
    }
}

// ---------------------------------------------------------------------------
// MLR under FIML
