//! Full-information ML (lavaan's `missing = "ml"`): the discrepancy summed
//! over missing-data patterns, its gradient, the expected and the observed
//! information; on top of them the FIML fit measures
//! ([`Problem::fiml_fit_measures`]) and MLR's casewise scores and
//! Yuan–Bentler trace on the FIML likelihood.
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
        self.missing.is_some()
    }

    fn missing_group(&self, g: usize) -> &MissingGroup {
        &self.missing.expect("FIML problem")[g]
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
        let q = self.pt.n_free;
        let mut info = DMatrix::zeros(q, q);
        let n = self.structure.n();
        for (g, ge) in ev.groups.iter().enumerate() {
            let pools = self.pattern_pools(g, ge, true)?;
            let (omega, om) = self.fiml_omega(g, &ge.imp)?;
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

/// The observed information (per case) of the saturated FIML likelihood
/// with respect to (μ, vech Σ), evaluated at (μ, Σ) — lavaan's
/// `lav_mvnorm_missing_information_observed_samplestats`. Per pattern, with
/// P = Σ_oo⁻¹, t = P(ȳ_p − μ_o) and A = P(2W̃_p − Σ_oo)P, W̃_p = S_p +
/// (ȳ_p − μ_o)(ȳ_p − μ_o)′ (all embedded in p × p):
/// [P, ·; D′(t ⊗ P), ½D′(P ⊗ A)D], weighted by n_p/n. Rows and columns in
/// lavaan's order: means, then vech Σ (column-wise lower triangle).
pub fn h1_observed_information(
    mg: &MissingGroup,
    mu: &DVector<f64>,
    sigma: &DMatrix<f64>,
) -> Option<DMatrix<f64>> {
    let p = mg.p();
    let pairs = crate::inference::robust::vech_pairs(p);
    let m = p + pairs.len();
    // global vech index of (i, j), i ≥ j
    let mut vidx = vec![0usize; p * p];
    for (x, &(i, j)) in pairs.iter().enumerate() {
        vidx[i * p + j] = p + x;
        vidx[j * p + i] = p + x;
    }
    let (q, ld) = crate::linalg::spd_inverse_logdet(sigma)?;
    // upper triangle accumulated row-major, mirrored at the end
    let mut out = vec![0.0; m * m];
    for pat in &mg.patterns {
        let w = pat.n as f64 / mg.n as f64;
        let (inv, _) = sub_inverse(&q, ld, &pat.obs, &pat.mis)?;
        let o = &pat.obs;
        let k = o.len();
        let d = DVector::from_fn(k, |a, _| pat.mean[a] - mu[o[a]]);
        let soo = DMatrix::from_fn(k, k, |a, b| sigma[(o[a], o[b])]);
        let wt = &pat.cov + &d * d.transpose();
        let aa = &inv * (wt * 2.0 - soo) * &inv;
        let t = &inv * &d;
        let (pi, ai) = (inv.as_slice(), aa.as_slice());
        let at = |s: &[f64], r: usize, c: usize| s[c * k + r];
        let mut add = |r: usize, c: usize, v: f64| {
            let (r, c) = if r <= c { (r, c) } else { (c, r) };
            out[r * m + c] += v;
        };
        for a in 0..k {
            for b in a..k {
                add(o[a], o[b], w * at(pi, a, b));
            }
        }
        // local vech pairs (a ≥ b)
        let local: Vec<(usize, usize)> = (0..k).flat_map(|b| (b..k).map(move |a| (a, b))).collect();
        for (x, &(a, b)) in local.iter().enumerate() {
            let row = vidx[o[a] * p + o[b]];
            // D′(t ⊗ P): t_b P_a· (+ t_a P_b· off the diagonal)
            for (l, &ol) in o.iter().enumerate() {
                let mut v = t[b] * at(pi, a, l);
                if a != b {
                    v += t[a] * at(pi, b, l);
                }
                add(ol, row, w * v);
            }
            // ½ D′(P ⊗ A) D: ½ Σ P[c1, c2] A[r1, r2] over the symmetric terms
            for &(c, e) in &local[x..] {
                let col = vidx[o[c] * p + o[e]];
                let v = match (a == b, c == e) {
                    (true, true) => at(pi, a, c) * at(ai, a, c),
                    (true, false) => at(pi, a, e) * at(ai, a, c) + at(pi, a, c) * at(ai, a, e),
                    (false, true) => at(pi, b, c) * at(ai, a, c) + at(pi, a, c) * at(ai, b, c),
                    (false, false) => {
                        at(pi, b, e) * at(ai, a, c)
                            + at(pi, b, c) * at(ai, a, e)
                            + at(pi, a, e) * at(ai, b, c)
                            + at(pi, a, c) * at(ai, b, e)
                    }
                };
                add(row, col, 0.5 * w * v);
            }
        }
    }
    let mut full = DMatrix::zeros(m, m);
    for r in 0..m {
        for c in r..m {
            full[(r, c)] = out[r * m + c];
            full[(c, r)] = out[r * m + c];
        }
    }
    Some(full)
}

/// Complete-data ML discrepancy F(S, ȳ; Σ, μ) = log|Σ| + tr(Σ⁻¹(S + dd′)) − log|S| − p.
fn f_ml(s: &DMatrix<f64>, ybar: &DVector<f64>, sigma: &DMatrix<f64>, mu: &DVector<f64>) -> f64 {
    let (Some((inv, ld)), Some(lds)) = (
        crate::linalg::spd_inverse_logdet(sigma),
        crate::linalg::spd_logdet(s),
    ) else {
        return f64::NAN;
    };
    let d = ybar - mu;
    let w = s + &d * d.transpose();
    ld + w.component_mul(&inv).sum() - lds - s.nrows() as f64
}

/// lavaan's FIML-corrected ("robust") test of Zhang & Savalei, version V6
/// (`lav_fit_fiml_corrected`, used for `cfi.robust`, `rmsea.robust` ... of
/// an ML fit with `missing = "ml"`): (XX3, c), where XX3 = N·F_ML of the
/// model at the EM moments (S̃, ỹ) and c = tr(W_c W_m⁻¹ U W_m⁻¹)/df with
/// W_m the observed FIML h1 information and W_c the complete-data h1
/// information at the EM moments, U = W_m − W_m Δ (Δ′W_mΔ)⁻¹ Δ′W_m.
/// Reduces to c = [tr(W_c W_m⁻¹) − tr(Δ′W_cΔ (Δ′W_mΔ)⁻¹)]/df.
struct Corrected {
    xx3: f64,
    c: f64,
    xx3_null: f64,
    c_null: f64,
}

impl Problem<'_> {
    /// lavaan's fit measures under FIML, replacing and adding to those that
    /// [`crate::fitmeasures::fit_measures`] computed on the EM moments: the
    /// log-likelihoods and information criteria (pattern-wise), the
    /// baseline model (fitted by FIML: available-case means and variances)
    /// and every index built on it, the GFI family (weight matrix: the FIML
    /// expected information at the implied moments), and the FIML-corrected
    /// robust CFI/TLI/RNI/RMSEA (`*.robust`). SRMR, RMR and CRMR already
    /// use the EM moments, as lavaan's do.
    pub fn fiml_fit_measures(
        &self,
        theta: &DVector<f64>,
        scaled: bool,
        fit: &mut crate::fitmeasures::FitMeasures,
    ) {
        let Some(missing) = self.missing else {
            return;
        };
        let fmin = fit.get("fmin").copied().flatten().unwrap_or(f64::NAN);
        let df0 = fit
            .get("baseline.df")
            .copied()
            .flatten()
            .unwrap_or(f64::NAN);
        let mut put = |k: &str, v: f64| {
            fit.insert(k.to_string(), v.is_finite().then_some(v));
        };
        let Some(imps) = self.implied(theta) else {
            return;
        };
        let x_idx = crate::inference::robust::fixed_x_indices(self.pt);
        let n: f64 = missing.iter().map(|m| m.n as f64).sum();
        let ngroups = missing.len();
        let npar = self.npar() as f64;
        let df = self.df() as f64;
        // log-likelihoods (minus the covariates' marginal under fixed.x)
        let (mut logl, mut logl1, mut logl_base) = (0.0, 0.0, 0.0);
        for (mg, imp) in missing.iter().zip(&imps) {
            let lx = loglik_x(mg, &x_idx);
            logl += mg.loglik(&imp.mu, &imp.sigma).unwrap_or(f64::NAN) - lx;
            logl1 += mg.h1.logl - lx;
            logl_base += baseline_loglik(mg, &x_idx) - lx;
        }
        put("logl", logl);
        put("unrestricted.logl", logl1);
        put("aic", -2.0 * logl + 2.0 * npar);
        put("bic", -2.0 * logl + npar * n.ln());
        put("bic2", -2.0 * logl + npar * ((n + 2.0) / 24.0).ln());
        // baseline and incremental indices
        let chisq = 2.0 * n * fmin;
        let t0 = 2.0 * (logl1 - logl_base);
        put("baseline.chisq", t0);
        put("baseline.pvalue", crate::fitmeasures::chisq_pvalue(t0, df0));
        crate::inference::robust::incremental(chisq, df, t0, df0, None).put_all(&mut put, "");
        // GFI family
        let gfi = self.fiml_gfi(&imps, &x_idx);
        let p = self.structure.p as f64;
        let nel = ngroups as f64 * (p * (p + 1.0) / 2.0 + p);
        let (agfi, pgfi) = crate::fitmeasures::agfi_pgfi(gfi, nel, df);
        put("gfi", gfi);
        put("agfi", agfi);
        put("pgfi", pgfi);
        // FIML-corrected robust indices
        let cor = self.fiml_corrected(theta, &imps, &x_idx, df, df0, scaled);
        let (xx3, c, xx3n, c0) = match &cor {
            Some(k) => (k.xx3, k.c, k.xx3_null, k.c_null),
            None => (f64::NAN, f64::NAN, f64::NAN, f64::NAN),
        };
        crate::inference::robust::incremental(xx3, df, xx3n, df0, Some((c, c0)))
            .put_robust(&mut put);
        put(
            "rmsea.robust",
            crate::inference::robust::rmsea(xx3, df, n, ngroups, c),
        );
        let scaled = xx3 / c;
        let (lo, hi) = if df > 0.0 {
            crate::distributions::rmsea_ci_c_hat(scaled, df, n, ngroups, c, 0.90)
        } else {
            (f64::NAN, f64::NAN)
        };
        put("rmsea.ci.lower.robust", lo);
        put("rmsea.ci.upper.robust", hi);
        put(
            "rmsea.pvalue.robust",
            crate::distributions::rmsea_pvalue_c_hat(scaled, df, n, ngroups, c, 0.05),
        );
        put(
            "rmsea.notclose.pvalue.robust",
            crate::distributions::rmsea_notclose_pvalue_c_hat(scaled, df, n, ngroups, c, 0.08),
        );
    }

    /// LISREL GFI under FIML (lavaan `lav_fit_gfi`): WLS.obs = lavaan's
    /// plain sample statistics under missing data (available-case means,
    /// pairwise covariances; see [`MissingGroup::pairwise_moments`]) and
    /// WLS.V = the FIML expected information at the implied moments, so
    /// GFI = 1 − Σ_p w_p[d′Pd + ½tr(PRPR)] / Σ_p w_p[s̄′Ps̄ + ½tr(PSPS)],
    /// restricted to each pattern's observed variables.
    fn fiml_gfi(&self, imps: &[Implied], x_idx: &[usize]) -> f64 {
        let missing = self.missing.expect("FIML");
        let ntot: f64 = missing.iter().map(|m| m.n as f64).sum();
        let mut acc = 0.0;
        for (mg, imp) in missing.iter().zip(imps) {
            let Some((q, ld)) = crate::linalg::spd_inverse_logdet(&imp.sigma) else {
                return f64::NAN;
            };
            let (y, s) = mg.pairwise_moments();
            let is_x = |i: usize| x_idx.contains(&i);
            let (mut t1, mut t2) = (0.0, 0.0);
            for pat in &mg.patterns {
                let Some((inv, _)) = sub_inverse(&q, ld, &pat.obs, &pat.mis) else {
                    return f64::NAN;
                };
                let o = &pat.obs;
                let k = o.len();
                let r = DMatrix::from_fn(k, k, |a, b| s[(o[a], o[b])] - imp.sigma[(o[a], o[b])]);
                let so = DMatrix::from_fn(k, k, |a, b| {
                    if is_x(o[a]) && is_x(o[b]) {
                        0.0
                    } else {
                        s[(o[a], o[b])]
                    }
                });
                let d = DVector::from_fn(k, |a, _| {
                    if is_x(o[a]) {
                        0.0
                    } else {
                        y[o[a]] - imp.mu[o[a]]
                    }
                });
                let yo = DVector::from_fn(k, |a, _| if is_x(o[a]) { 0.0 } else { y[o[a]] });
                let pr = &inv * r;
                let ps = &inv * so;
                let w = pat.n as f64 / mg.n as f64;
                t1 += w * ((d.transpose() * &inv * &d)[(0, 0)] + 0.5 * (&pr * &pr).trace());
                t2 += w * ((yo.transpose() * &inv * &yo)[(0, 0)] + 0.5 * (&ps * &ps).trace());
            }
            acc += mg.n as f64 * (1.0 - t1 / t2);
        }
        acc / ntot
    }

    /// The FIML-corrected test statistics of the model and the baseline
    /// (Zhang & Savalei's FIML-C as lavaan's `lav_fit_fiml_corrected`):
    /// version V6 for a plain ML fit, V3 for a scaled (MLR) one. On the
    /// statistics kept under fixed.x, block-diagonal over groups with
    /// W_m = ⊕ f_g W_m,g, W_c = ⊕ f_g W_c,g, Γ = ⊕ W_m,g⁻¹ J_g W_m,g⁻¹ / f_g,
    /// E = Δ′W_mΔ and U = W_m − W_mΔE⁻¹Δ′W_m:
    /// V6: k = tr(W_c W_m⁻¹ U W_m⁻¹); V3: k = tr(U W_m⁻¹ W_c W_m⁻¹ U Γ); c = k/df.
    fn fiml_corrected(
        &self,
        theta: &DVector<f64>,
        imps: &[Implied],
        x_idx: &[usize],
        df: f64,
        df0: f64,
        v3: bool,
    ) -> Option<Corrected> {
        let missing = self.missing?;
        let ev = self.evaluate(theta)?;
        let p = self.structure.p;
        let ntot: f64 = missing.iter().map(|m| m.n as f64).sum();
        let is_x = |i: usize| x_idx.contains(&i);
        let pairs = crate::inference::robust::vech_pairs(p);
        let kept = crate::inference::robust::kept(p, true, x_idx);
        let idx: Vec<usize> = (0..kept.len()).filter(|&a| kept[a]).collect();
        let k = idx.len();
        let ng = missing.len();
        let q = self.pt.n_free;
        let nb = 2 * (p - x_idx.len());
        let big = k * ng;
        let mut wm_all = DMatrix::zeros(big, big);
        let mut wmi_all = DMatrix::zeros(big, big);
        let mut wc_all = DMatrix::zeros(big, big);
        let mut gamma_all = DMatrix::zeros(big, big);
        let mut delta_all = DMatrix::zeros(big, q);
        let mut delta_b = DMatrix::zeros(big, nb * ng);
        let (mut xx3, mut xx3n) = (0.0, 0.0);
        let sub = |mat: &DMatrix<f64>| DMatrix::from_fn(k, k, |a, b| mat[(idx[a], idx[b])]);
        for (g, (mg, imp)) in missing.iter().zip(imps).enumerate() {
            let fg = mg.n as f64 / ntot;
            let (s, y) = (&mg.h1.cov, &mg.h1.mean);
            xx3 += mg.n as f64 * f_ml(s, y, &imp.sigma, &imp.mu);
            // the baseline model: available-case means and variances (x block at the EM moments)
            let mut sb = DMatrix::zeros(p, p);
            let mut mb = DVector::zeros(p);
            for j in 0..p {
                if is_x(j) {
                    mb[j] = y[j];
                    for &l in x_idx {
                        sb[(j, l)] = s[(j, l)];
                    }
                } else {
                    let (mean, var) = mg.available_moments(j);
                    mb[j] = mean;
                    sb[(j, j)] = var;
                }
            }
            xx3n += mg.n as f64 * f_ml(s, y, &sb, &mb);
            // W_m (FIML) and W_c (complete data), both at the EM moments
            let wm = sub(&h1_observed_information(mg, y, s)?);
            let wmi = super::invert_spd(&wm)?;
            let (sinv, _) = crate::linalg::spd_inverse_logdet(s)?;
            let wc = sub(&crate::inference::robust::a1_matrix(&sinv, true, x_idx));
            let off = g * k;
            wm_all.view_mut((off, off), (k, k)).copy_from(&(&wm * fg));
            wmi_all.view_mut((off, off), (k, k)).copy_from(&(&wmi / fg));
            wc_all.view_mut((off, off), (k, k)).copy_from(&(&wc * fg));
            if v3 {
                let jm = sub(&first_order(&casewise_scores(mg, y, s, &kept)?));
                gamma_all
                    .view_mut((off, off), (k, k))
                    .copy_from(&(&wmi * jm * &wmi / fg));
            }
            let delta = crate::inference::robust::delta(self, &ev, g);
            for (a, &r) in idx.iter().enumerate() {
                delta_all.row_mut(off + a).copy_from(&delta.row(r));
            }
            // baseline Δ: the non-x means and variances of this group
            for (c, j) in (0..p).filter(|&j| !is_x(j)).enumerate() {
                let v = p + pairs.iter().position(|&pr| pr == (j, j)).expect("diagonal");
                for (a, &r) in idx.iter().enumerate() {
                    if r == j {
                        delta_b[(off + a, g * nb + 2 * c)] = 1.0;
                    }
                    if r == v {
                        delta_b[(off + a, g * nb + 2 * c + 1)] = 1.0;
                    }
                }
            }
        }
        let kr = &self.reparam.k;
        let e = delta_all.transpose() * &wm_all * &delta_all;
        let e_inv = kr * super::invert_spd(&(kr.transpose() * e * kr))? * kr.transpose();
        let eb = delta_b.transpose() * &wm_all * &delta_b;
        let eb_inv = super::invert_spd(&eb)?;
        // V6 without the big products: W_m⁻¹UW_m⁻¹ = W_m⁻¹ − ΔE⁻¹Δ′, so
        // k = tr(W_c W_m⁻¹) − tr(Δ′W_cΔ E⁻¹)
        let tr_wc_wmi = wc_all.component_mul(&wmi_all).sum();
        let trace_k = |d: &DMatrix<f64>, einv: &DMatrix<f64>| -> f64 {
            if v3 {
                let wd = &wm_all * d;
                let u = &wm_all - &wd * einv * wd.transpose();
                let a = &wmi_all * &wc_all * &wmi_all;
                (&u * a * &u * &gamma_all).trace()
            } else {
                let dwcd = d.transpose() * &wc_all * d;
                tr_wc_wmi - dwcd.component_mul(einv).sum()
            }
        };
        Some(Corrected {
            xx3,
            c: trace_k(&delta_all, &e_inv) / df,
            xx3_null: xx3n,
            c_null: trace_k(&delta_b, &eb_inv) / df0,
        })
    }
}

/// The covariates' marginal log-likelihood at their EM moments, subtracted
/// from every log-likelihood under fixed.x (lavaan
/// `lav_mvnorm_missing_loglik_samplestats` with `x.idx`).
fn loglik_x(mg: &MissingGroup, x_idx: &[usize]) -> f64 {
    crate::fitmeasures::loglik_x_moments(mg.n, &mg.h1.cov, x_idx)
}

/// Log-likelihood of the baseline (independence) model fitted by FIML: the
/// likelihood factors over the variables, so each non-x variable has its
/// available-case mean and variance; the covariates keep their (EM) joint
/// moments.
fn baseline_loglik(mg: &MissingGroup, x_idx: &[usize]) -> f64 {
    let mut l = 0.0;
    for j in (0..mg.p()).filter(|j| !x_idx.contains(j)) {
        let (_, v) = mg.available_moments(j);
        l -= mg.n_observed[j] as f64 / 2.0 * (crate::samplestats::missing::LOG_2PI + v.ln() + 1.0);
    }
    l + loglik_x(mg, x_idx)
}

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

/// The casewise scores of the FIML log-likelihood with respect to
/// (μ, vech Σ) at (μ, Σ), one row per case (lavaan
/// `lav_mvnorm_missing_scores_mu_vech_sigma`): with P = Σ_oo⁻¹ and
/// a = P(y_o − μ_o) embedded in p, the μ part is a and the vech part
/// a_i a_j − P_ij (halved on the diagonal); zero for eliminated statistics.
pub fn casewise_scores(
    mg: &MissingGroup,
    mu: &DVector<f64>,
    sigma: &DMatrix<f64>,
    kept: &[bool],
) -> Option<DMatrix<f64>> {
    let p = mg.p();
    let pairs = crate::inference::robust::vech_pairs(p);
    let m = p + pairs.len();
    let (q, ld) = crate::linalg::spd_inverse_logdet(sigma)?;
    let mut sc = DMatrix::zeros(mg.n, m);
    let mut row = 0;
    for pat in &mg.patterns {
        let (inv, _) = sub_inverse(&q, ld, &pat.obs, &pat.mis)?;
        let o = &pat.obs;
        let mut pe = DMatrix::zeros(p, p);
        for (a, &i) in o.iter().enumerate() {
            for (b, &j) in o.iter().enumerate() {
                pe[(i, j)] = inv[(a, b)];
            }
        }
        for r in 0..pat.n {
            let yc = DVector::from_fn(o.len(), |a, _| pat.data[(r, a)] - mu[o[a]]);
            let t = &inv * yc;
            let mut ae = DVector::zeros(p);
            for (a, &i) in o.iter().enumerate() {
                ae[i] = t[a];
            }
            for i in 0..p {
                sc[(row, i)] = ae[i];
            }
            for (x, &(i, j)) in pairs.iter().enumerate() {
                let v = ae[i] * ae[j] - pe[(i, j)];
                sc[(row, p + x)] = if i == j { 0.5 * v } else { v };
            }
            row += 1;
        }
    }
    for (c, &k) in kept.iter().enumerate() {
        if !k {
            sc.column_mut(c).fill(0.0);
        }
    }
    Some(sc)
}

/// (1/n) Σ_i s_i s_i′ of the casewise scores.
fn first_order(sc: &DMatrix<f64>) -> DMatrix<f64> {
    sc.transpose() * sc / sc.nrows() as f64
}

/// tr(B A⁻¹) on the statistics with a non-zero diagonal in A (lavaan's
/// `lav_test_yuan_bentler_mplus_trace`), and their number.
fn trace_b_ainv(b: &DMatrix<f64>, a: &DMatrix<f64>) -> Option<(f64, usize)> {
    let idx: Vec<usize> = (0..a.nrows()).filter(|&i| a[(i, i)] != 0.0).collect();
    let k = idx.len();
    let sub = |m: &DMatrix<f64>| DMatrix::from_fn(k, k, |x, y| m[(idx[x], idx[y])]);
    let ainv = sub(a).try_inverse()?;
    Some((sub(b).component_mul(&ainv.transpose()).sum(), k))
}

/// MLR with `missing = "ml"` for one model at θ (lavaan's
/// `se = "robust.huber.white"`, `test = "yuan.bentler.mplus"` on the FIML
/// likelihood), as (robust vcov, Yuan–Bentler scaled test); the fitted
/// and the independence model both go through here from
/// [`crate::inference::robust::robust`]:
///
/// - SEs: H⁻¹ B₀ H⁻¹ / N with H the observed information (analytic
///   Hessian) and B₀ = Σ_g f_g Δ_g′ B1_g Δ_g, B1_g the mean outer product of
///   the casewise FIML scores at the implied moments;
/// - Yuan–Bentler (Mplus) scaling: c = [Σ_g tr(J_g W_g⁻¹) − Σ_g f_g
///   tr(B₀,g H⁻¹)]/df, where W_g is the observed and J_g the first-order
///   information of the saturated FIML model at the EM moments.
pub(crate) fn mlr_correction(
    prob: &Problem,
    theta: &DVector<f64>,
    x_idx: &[usize],
) -> Result<
    (Option<DMatrix<f64>>, crate::inference::robust::ScaledTest),
    crate::inference::robust::RobustError,
> {
    use crate::inference::robust::RobustError;
    let missing = prob.missing.expect("FIML");
    let ev = prob
        .evaluate(theta)
        .ok_or(RobustError::NotPositiveDefinite)?;
    let ntot: f64 = missing.iter().map(|m| m.n as f64).sum();
    let chisq = 2.0 * ntot * ev.f;
    let df = prob.df() as f64;
    let p = prob.structure.p;
    let kept = crate::inference::robust::kept(p, true, x_idx);
    let h_inv = prob
        .fiml_observed_information(&ev)
        .and_then(|h| prob.information_inverse(&h));
    let q = prob.pt.n_free;
    let mut b0 = DMatrix::zeros(q, q);
    let mut b0_groups = Vec::with_capacity(missing.len());
    let (mut tr_h1, mut ndat) = (0.0, 0usize);
    for (g, mg) in missing.iter().enumerate() {
        let ge = &ev.groups[g];
        let fg = mg.n as f64 / ntot;
        let delta = crate::inference::robust::delta(prob, &ev, g);
        // structured first-order information, at the implied moments
        let sc = casewise_scores(mg, &ge.imp.mu, &ge.imp.sigma, &kept)
            .ok_or(RobustError::NotPositiveDefinite)?;
        let scd = sc * &delta;
        let b0g = scd.transpose() * &scd / mg.n as f64;
        b0 += fg * &b0g;
        b0_groups.push(b0g);
        // unstructured h1 pieces at the EM moments
        let (s, y) = (&mg.h1.cov, &mg.h1.mean);
        let mut wm = h1_observed_information(mg, y, s).ok_or(RobustError::NotPositiveDefinite)?;
        for (a, &k) in kept.iter().enumerate() {
            if !k {
                wm.row_mut(a).fill(0.0);
                wm.column_mut(a).fill(0.0);
            }
        }
        let jm =
            first_order(&casewise_scores(mg, y, s, &kept).ok_or(RobustError::NotPositiveDefinite)?);
        let (t, k) = trace_b_ainv(&jm, &wm).ok_or(RobustError::NotPositiveDefinite)?;
        tr_h1 += t;
        ndat += k;
    }
    let vcov = h_inv.as_ref().map(|hi| hi * &b0 * hi / ntot);
    let tr_h0 = h_inv.as_ref().map(|hi| {
        missing
            .iter()
            .zip(&b0_groups)
            .map(|(mg, b0g)| mg.n as f64 / ntot * b0g.component_mul(hi).sum())
            .sum::<f64>()
    });
    let trace = tr_h0.map_or(f64::NAN, |t0| tr_h1 - t0);
    // lavaan divides by nx.free: every free row counts
    let nx_free = prob.pt.params.iter().filter(|p| p.free > 0).count().max(1);
    Ok((
        vcov,
        crate::inference::robust::scaled(
            chisq,
            df,
            trace,
            Some(tr_h1 / ndat as f64),
            tr_h0.map(|t| t / nx_free as f64),
        ),
    ))
}
