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
use super::Problem;
use crate::model::{Deriv, Implied};
use crate::partable::{Op, ParTable};
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
