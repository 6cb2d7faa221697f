//! The diagonally weighted least squares (DWLS) discrepancy for ordinal
//! items: θ in; f, ∂f/∂θ, the Jacobian Δ = ∂σ/∂θ′ and Δ′WΔ out.
//!
//! lavaan 0.6 (`R/lav_objective.R::estimator.DWLS`,
//! `R/lav_model_objective.R`, `R/lav_model_gradient.R`,
//! `R/lav_model_information.R`) with the delta parameterization:
//!
//! - the sample statistics s are the thresholds and the polychoric
//!   correlations ([`crate::samplestats::ordinal`]); the weights are W = diag(Γ)⁻¹;
//! - the model statistics σ(θ) are the model thresholds τ_ik − μ_i (scaling
//!   factors fixed to 1) and the off-diagonal elements of
//!   Σ* = ΛAΨA′Λ′ + Θ, whose diagonal is 1 because the residual variance of
//!   every ordinal item is θ_ii = 1 − (ΛAΨA′Λ′)_ii. In our RAM form that is
//!   Σ with the items' P_ii set so that diag Σ = 1 ([`Dwls::fill_derived`]).
//!   The thresholds enter σ directly, the correlations do not depend on them;
//!   a derived θ_ii changes only Σ_ii (ordinal items never cause other
//!   observed variables here), so Δ of the correlations is ∂Σ_ij/∂θ with
//!   the derived values held fixed;
//! - F = (s − σ)′W(s − σ) and lavaan's objective f = ½ (N−1)/N · F, so the
//!   test statistic is T = 2N·f = (N−1)F;
//! - ∂f/∂θ = −(N−1)/N · Δ′W(s − σ); the Gauss–Newton matrix
//!   (N−1)/N · Δ′WΔ is the exact Hessian up to terms in the residuals, and
//!   the optimizer uses it as [`Problem::information`]. lavaan's expected
//!   information is Δ′WΔ ([`Dwls::weighted_gram`] of [`Dwls::jacobian`]).

use super::ml::{Eval, GroupEval};
use super::start::Kind;
use super::Problem;
use crate::model::{Deriv, Implied};
use crate::partable::{Op, ParTable};
use crate::samplestats::moments::SampleMoments;
use crate::samplestats::ordinal::OrdinalStats;
use nalgebra::{DMatrix, DVector};

/// What one sample statistic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    /// Threshold k (0-based) of observed variable i.
    Threshold(usize, usize),
    /// Correlation of observed variables (i, j), i > j.
    Correlation(usize, usize),
}

/// The data of the DWLS discrepancy (one group).
#[derive(Debug, Clone)]
pub struct Dwls {
    /// Sample statistics s: thresholds, then correlations.
    pub obs: DVector<f64>,
    /// Diagonal of W: 1 / diag(Γ).
    pub w: DVector<f64>,
    /// Γ (lavaan's `NACOV`).
    pub gamma: DMatrix<f64>,
    /// What each statistic is.
    pub stats: Vec<Stat>,
    /// Number of thresholds (the first `n_th` statistics).
    pub n_th: usize,
    /// Number of observations.
    pub n: usize,
    /// Threshold rows of the parameter table: (row, statistic index).
    pub threshold_rows: Vec<(usize, usize)>,
    /// Derived residual-variance rows: (row, observed variable index).
    pub derived: Vec<(usize, usize)>,
}

impl Dwls {
    /// Ties the sample statistics (computed for the items in `pt.vars.ov`
    /// order) to the parameter table.
    pub fn new(pt: &ParTable, st: &OrdinalStats) -> Dwls {
        let mut stats = Vec::with_capacity(st.obs.len());
        for (i, th) in st.thresholds.iter().enumerate() {
            for k in 0..th.len() {
                stats.push(Stat::Threshold(i, k));
            }
        }
        for &(i, j) in &st.pairs {
            stats.push(Stat::Correlation(i, j));
        }
        let ov_index = |name: &str| pt.vars.ov.iter().position(|v| v == name);
        let mut threshold_rows = Vec::new();
        let mut derived = Vec::new();
        for (r, p) in pt.params.iter().enumerate() {
            match p.op {
                Op::Threshold => {
                    let i = ov_index(&p.lhs).expect("threshold of an observed variable");
                    let k: usize = p.rhs[1..].parse().expect("threshold name t<k>");
                    threshold_rows.push((r, st.th_offset[i] + k - 1));
                }
                Op::Covariance if p.lhs == p.rhs && p.free == 0 && pt.ordinal.contains(&p.lhs) => {
                    derived.push((r, ov_index(&p.lhs).expect("observed")));
                }
                _ => {}
            }
        }
        let w = DVector::from_fn(st.obs.len(), |k, _| 1.0 / st.gamma[(k, k)]);
        Dwls {
            obs: st.obs.clone(),
            w,
            gamma: st.gamma.clone(),
            stats,
            n_th: st.n_th,
            n: st.n,
            threshold_rows,
            derived,
        }
    }

    /// (N−1)/N, the factor of lavaan's DWLS objective.
    fn scale(&self) -> f64 {
        (self.n as f64 - 1.0) / self.n as f64
    }

    /// Row values at θ with the derived residual variances, and the implied
    /// moments (diag Σ = 1 for the ordinal items).
    pub fn implied_at(&self, prob: &Problem, theta: &DVector<f64>) -> Option<(Vec<f64>, Implied)> {
        let mut v = prob.row_values(theta);
        let imp = self.complete(prob, &mut v)?;
        Some((v, imp))
    }

    /// Sets the derived residual variances in the row values `v` so that
    /// the implied variances of the ordinal items are 1; returns the
    /// implied moments. An ordinal item causes no other variable, so its
    /// P_ii changes Σ_ii (and Σ_v,ii) only: one evaluation with P_ii = 0
    /// gives every θ_ii = 1 − Σ_ii.
    fn complete(&self, prob: &Problem, v: &mut [f64]) -> Option<Implied> {
        for &(r, _) in &self.derived {
            v[r] = 0.0;
        }
        let mats = prob.matrices(v);
        let mut imp = Implied::compute(&prob.structure, &mats[0]).ok()?;
        for &(r, i) in &self.derived {
            v[r] = 1.0 - imp.sigma[(i, i)];
            imp.sigma[(i, i)] = 1.0;
            imp.sigma_v[(i, i)] = 1.0;
        }
        Some(imp)
    }

    /// Sets the derived residual variances in the row values (the hook of
    /// [`Problem::values`]).
    pub fn fill_derived(&self, prob: &Problem, v: &mut [f64]) {
        if !self.derived.is_empty() {
            let _ = self.complete(prob, v);
        }
    }

    /// Model statistics σ(θ) from the row values and the implied moments.
    pub fn model_stats(&self, values: &[f64], imp: &Implied) -> DVector<f64> {
        let mut sigma = DVector::zeros(self.stats.len());
        for &(r, k) in &self.threshold_rows {
            if let Stat::Threshold(i, _) = self.stats[k] {
                sigma[k] = values[r] - imp.mu[i];
            }
        }
        for (k, s) in self.stats.iter().enumerate().skip(self.n_th) {
            if let Stat::Correlation(i, j) = *s {
                sigma[k] = imp.sigma[(i, j)];
            }
        }
        sigma
    }

    /// F = (s − σ)′W(s − σ).
    pub fn discrepancy(&self, resid: &DVector<f64>) -> f64 {
        resid
            .iter()
            .zip(self.w.iter())
            .map(|(r, w)| r * r * w)
            .sum()
    }

    /// f(θ) = ½ (N−1)/N · F; +∞ when the implied moments cannot be computed.
    pub fn objective(&self, prob: &Problem, theta: &DVector<f64>) -> f64 {
        match self.implied_at(prob, theta) {
            Some((values, imp)) => {
                let resid = &self.obs - self.model_stats(&values, &imp);
                0.5 * self.scale() * self.discrepancy(&resid)
            }
            None => f64::INFINITY,
        }
    }

    /// Full evaluation at θ: the implied moments, the derivative pool and
    /// the residuals s − σ(θ).
    pub fn evaluate(&self, prob: &Problem, theta: &DVector<f64>) -> Option<Eval> {
        let (values, imp) = self.implied_at(prob, theta)?;
        let resid = &self.obs - self.model_stats(&values, &imp);
        let fg = self.discrepancy(&resid);
        let x = imp.pool(prob.structure.p);
        Some(Eval {
            groups: vec![GroupEval {
                imp,
                sigma_inv: DMatrix::zeros(0, 0),
                f: fg,
                x,
                w: 1.0,
            }],
            f: 0.5 * self.scale() * fg,
            resid: Some(resid),
        })
    }

    /// The column ∂σ/∂(value) of a RAM parameter with derivative `d`, as
    /// (statistic index, value) pairs with the zeros left out.
    pub fn deriv_column(&self, d: &Deriv, x: &DMatrix<f64>) -> Vec<(usize, f64)> {
        let mut col = Vec::new();
        if let Some((c, m)) = d.mu {
            for k in 0..self.n_th {
                if let Stat::Threshold(i, _) = self.stats[k] {
                    let v = -c * x[(i, m)];
                    if v != 0.0 {
                        col.push((k, v));
                    }
                }
            }
        }
        let terms = d.sigma_terms();
        if terms.is_empty() {
            return col;
        }
        for (k, s) in self.stats.iter().enumerate().skip(self.n_th) {
            if let Stat::Correlation(i, j) = *s {
                let mut v = 0.0;
                for &(c, a, b) in terms {
                    v += c * x[(i, a)] * x[(j, b)];
                }
                if v != 0.0 {
                    col.push((k, v));
                }
            }
        }
        col
    }

    /// Δ = ∂σ/∂θ′ (statistics × free parameters) at an evaluation, as sparse
    /// columns.
    pub fn jacobian(&self, prob: &Problem, ge: &GroupEval) -> Vec<Vec<(usize, f64)>> {
        let q = prob.pt.n_free;
        let mut cols: Vec<Vec<(usize, f64)>> = vec![Vec::new(); q];
        let th_stat: std::collections::HashMap<usize, usize> =
            self.threshold_rows.iter().copied().collect();
        for (r, p) in prob.pt.params.iter().enumerate() {
            if p.free == 0 {
                continue;
            }
            let t = p.free - 1;
            match p.op {
                Op::Threshold => cols[t].push((th_stat[&r], 1.0)),
                Op::Scale => {}
                _ => {
                    let d = prob.deriv(r, ge);
                    let c = self.deriv_column(&d, &ge.x);
                    cols[t].extend(c);
                }
            }
        }
        // labels shared by several rows: merge duplicate statistics
        for c in cols.iter_mut() {
            c.sort_by_key(|e| e.0);
            let mut merged: Vec<(usize, f64)> = Vec::with_capacity(c.len());
            for &(k, v) in c.iter() {
                match merged.last_mut() {
                    Some(last) if last.0 == k => last.1 += v,
                    _ => merged.push((k, v)),
                }
            }
            *c = merged;
        }
        cols
    }

    /// Δ′WΔ from sparse columns.
    pub fn weighted_gram(&self, cols: &[Vec<(usize, f64)>]) -> DMatrix<f64> {
        let q = cols.len();
        let mut h = DMatrix::zeros(q, q);
        let mut dense = vec![0.0; self.stats.len()];
        for a in 0..q {
            for &(k, v) in &cols[a] {
                dense[k] = v * self.w[k];
            }
            for b in a..q {
                let s: f64 = cols[b].iter().map(|&(k, v)| dense[k] * v).sum();
                h[(a, b)] = s;
                h[(b, a)] = s;
            }
            for &(k, _) in &cols[a] {
                dense[k] = 0.0;
            }
        }
        h
    }

    /// ∂f/∂θ = −(N−1)/N · Δ′W(s − σ).
    pub fn gradient(&self, prob: &Problem, ev: &Eval) -> DVector<f64> {
        let resid = ev.resid.as_ref().expect("a DWLS evaluation");
        let cols = self.jacobian(prob, &ev.groups[0]);
        let c = -self.scale();
        DVector::from_fn(cols.len(), |t, _| {
            c * cols[t]
                .iter()
                .map(|&(k, v)| v * self.w[k] * resid[k])
                .sum::<f64>()
        })
    }

    /// The Hessian approximation (N−1)/N · Δ′WΔ the optimizer uses.
    pub fn hessian(&self, prob: &Problem, ev: &Eval) -> DMatrix<f64> {
        let cols = self.jacobian(prob, &ev.groups[0]);
        self.weighted_gram(&cols) * self.scale()
    }
}

/// Minimizes the DWLS discrepancy: lavaan's starting values with the
/// sample thresholds, then `start = "simple"` if that fails.
///
/// With a diagonal weight matrix the thresholds are separate from the rest:
/// when no free parameter moves the items' means (intercepts and latent
/// means fixed, as lavaan's defaults have them) and no threshold is
/// labelled or fixed, the optimum has τ̂ = the sample thresholds exactly and
/// the other parameters minimize the correlation part alone. The
/// optimizer then runs on the structural parameters only (35 instead of
/// 119 for 21 five-point items), and the thresholds are filled in.
pub fn estimate(
    prob: &Problem,
    dwls: &Dwls,
    sm: &SampleMoments,
    st: &OrdinalStats,
) -> super::optimize::OptResult {
    if let Some(res) = fit_profiled(prob, sm, st) {
        return res;
    }
    fit_full(prob, dwls)
}

fn fit_full(prob: &Problem, dwls: &Dwls) -> super::optimize::OptResult {
    let mut best: Option<super::optimize::OptResult> = None;
    for kind in [Kind::Default, Kind::Simple] {
        let mut v = prob.start_values(kind);
        for &(r, k) in &dwls.threshold_rows {
            if prob.pt.params[r].free > 0 && prob.pt.params[r].ustart.is_none() {
                v[r] = dwls.obs[k];
            }
        }
        let res = prob.minimize(&prob.theta_from_values(&v));
        if res.converged {
            return res;
        }
        if best.as_ref().is_none_or(|b| res.f < b.f) {
            best = Some(res);
        }
    }
    best.expect("at least one attempt")
}

/// The fit with the thresholds profiled out, or None when they are not
/// separable (see [`fit`]).
fn fit_profiled(
    prob: &Problem,
    sm: &SampleMoments,
    st: &OrdinalStats,
) -> Option<super::optimize::OptResult> {
    let pt = prob.pt;
    let separable = pt.params.iter().all(|p| match p.op {
        // labelled (possibly constrained), fixed or user-started thresholds
        Op::Threshold => p.free > 0 && p.label.is_empty() && p.ustart.is_none(),
        // a free intercept or latent mean moves the model thresholds
        Op::Intercept => p.free == 0,
        _ => true,
    });
    if !separable {
        return None;
    }
    // the reduced table: thresholds fixed at the sample values
    let mut red = pt.clone();
    let mut new_index = vec![0usize; pt.n_free + 1];
    let mut n_free = 0;
    let mut bounds = Vec::new();
    for p in &pt.params {
        if p.free > 0 && p.op != Op::Threshold && new_index[p.free] == 0 {
            n_free += 1;
            new_index[p.free] = n_free;
            bounds.push(pt.bounds[p.free - 1]);
        }
    }
    for (r, p) in red.params.iter_mut().enumerate() {
        if p.op == Op::Threshold {
            let i = pt.vars.ov.iter().position(|v| *v == p.lhs)?;
            let k: usize = p.rhs[1..].parse().ok()?;
            p.free = 0;
            p.ustart = Some(st.thresholds[i][k - 1]);
        } else if p.free > 0 {
            p.free = new_index[pt.params[r].free];
        }
    }
    red.n_free = n_free;
    red.bounds = bounds;
    let red_dwls = Dwls::new(&red, st);
    let mut red_prob = Problem::new(&red, sm).ok()?;
    red_prob.discrepancy = super::Discrepancy::Dwls(&red_dwls);
    let res = fit_full(&red_prob, &red_dwls);
    // back to the full parameter vector
    let mut theta = DVector::zeros(pt.n_free);
    for (r, p) in pt.params.iter().enumerate() {
        if p.free > 0 {
            theta[p.free - 1] = if p.op == Op::Threshold {
                red.params[r].ustart.expect("fixed above")
            } else {
                res.theta[new_index[p.free] - 1]
            };
        }
    }
    let f = prob.objective(&theta);
    Some(super::optimize::OptResult { theta, f, ..res })
}
