//! The diagonally weighted least squares (DWLS) discrepancy for ordinal
//! items: θ in; f, ∂f/∂θ, the Jacobian Δ = ∂σ/∂θ′ and Δ′WΔ out, summed
//! over the groups (blocks).
//!
//! lavaan 0.6 (`R/lav_objective.R::estimator.DWLS`,
//! `R/lav_model_objective.R`, `R/lav_model_gradient.R`,
//! `R/lav_model_information.R`, `R/lav_representation_lisrel.R`:
//! `computeSigmaHat.LISREL`, `computeTH.LISREL`,
//! `setResidualElements.LISREL`) with the delta parameterization:
//!
//! - per group g the sample statistics s_g are the thresholds and the
//!   polychoric correlations ([`crate::samplestats::ordinal`]); the weights
//!   are W_g = diag(Γ_g)⁻¹;
//! - with the scaling factors Δ_i (`~*~`, fixed to 1 except in groups 2, 3, …
//!   when thresholds are equal across groups) the model statistics σ_g(θ)
//!   are the thresholds Δ_i(τ_ik − μ_i) and the correlations Δ_iΔ_jΣ_ij of
//!   Σ = ΛAΨA′Λ′ + Θ, whose diagonal is 1/Δ_i² because the residual
//!   variance of every ordinal item is θ_ii = 1/Δ_i² − (ΛAΨA′Λ′)_ii. In our
//!   RAM form that is Σ with the items' P_ii set so ([`Dwls::fill_derived`]);
//!   the implied Σ keeps the diagonal 1/Δ² (lavaan's `computeVY`, which the
//!   standardized solution uses). A derived θ_ii changes only Σ_ii
//!   (ordinal items never cause other observed variables here), so Δ of
//!   the correlations is ∂Σ_ij/∂θ with the derived values held fixed;
//! - F_g = (s_g − σ_g)′W_g(s_g − σ_g) and lavaan's objective
//!   f = Σ_g (n_g/N) · ½ (n_g−1)/n_g · F_g, so the test statistic is
//!   T = 2N·f = Σ_g (n_g−1)F_g;
//! - ∂f/∂θ = −Σ_g (n_g−1)/N · Δ_g′W_g(s_g − σ_g); the Gauss–Newton matrix
//!   Σ_g (n_g−1)/N · Δ_g′W_gΔ_g is the exact Hessian up to terms in the
//!   residuals, and the optimizer uses it as [`Problem::information`].
//!   lavaan's expected information is Σ_g (n_g/N) Δ_g′W_gΔ_g
//!   ([`Dwls::weighted_gram`] of [`Dwls::jacobian`] with
//!   [`Dwls::info_weights`]).

use super::ml::{Eval, GroupEval};
use super::start::Kind;
use super::Problem;
use crate::model::{Deriv, Implied};
use crate::partable::{Op, ParTable};
use crate::samplestats::moments::SampleMoments;
use crate::samplestats::ordinal::OrdinalStats;
use nalgebra::{DMatrix, DVector};

/// What one sample statistic of a group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    /// Threshold k (0-based) of observed variable i.
    Threshold(usize, usize),
    /// Correlation of observed variables (i, j), i > j.
    Correlation(usize, usize),
}

/// The DWLS data of one group.
#[derive(Debug, Clone)]
pub struct DwlsBlock {
    /// The group (0-based).
    pub group: usize,
    /// Index of the group's first statistic in the stacked vectors.
    pub offset: usize,
    /// Γ of the group (lavaan's `NACOV`).
    pub gamma: DMatrix<f64>,
    /// What each of the group's statistics is.
    pub stats: Vec<Stat>,
    /// Number of thresholds (the group's first `n_th` statistics).
    pub n_th: usize,
    /// Number of observations of the group.
    pub n: usize,
    /// Threshold rows of the parameter table: (row, stacked statistic index).
    pub threshold_rows: Vec<(usize, usize)>,
    /// Derived residual-variance rows: (row, observed variable index).
    pub derived: Vec<(usize, usize)>,
    /// Scaling-factor rows (`~*~`): (row, observed variable index).
    pub scales: Vec<(usize, usize)>,
}

impl DwlsBlock {
    /// The stacked indices of the group's statistics.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.stats.len()
    }

    /// The stacked indices of the group's correlations.
    pub fn correlations(&self) -> std::ops::Range<usize> {
        self.offset + self.n_th..self.offset + self.stats.len()
    }

    /// The scaling factor Δ_i of every observed variable at the row values
    /// (1 for an item without a `~*~` row).
    pub fn deltas(&self, values: &[f64], p: usize) -> Vec<f64> {
        let mut d = vec![1.0; p];
        for &(r, i) in &self.scales {
            d[i] = values[r];
        }
        d
    }
}

/// The data of the DWLS discrepancy: one block per group, the statistics
/// stacked group after group.
#[derive(Debug, Clone)]
pub struct Dwls {
    pub blocks: Vec<DwlsBlock>,
    /// Sample statistics s, stacked: per group its thresholds, then its
    /// correlations.
    pub obs: DVector<f64>,
    /// Diagonal of W (stacked): 1 / diag(Γ_g).
    pub w: DVector<f64>,
    /// Number of observations over all groups.
    pub ntotal: usize,
}

impl Dwls {
    /// Ties the sample statistics of each group (computed for the items in
    /// `pt.vars.ov` order) to the parameter table's rows of that group.
    pub fn new(pt: &ParTable, groups: &[&OrdinalStats]) -> Dwls {
        let ov_index = |name: &str| pt.vars.ov.iter().position(|v| v == name);
        let mut blocks = Vec::with_capacity(groups.len());
        let mut obs = Vec::new();
        let mut w = Vec::new();
        for (g, st) in groups.iter().enumerate() {
            let offset = obs.len();
            let mut stats = Vec::with_capacity(st.obs.len());
            for (i, th) in st.thresholds.iter().enumerate() {
                for k in 0..th.len() {
                    stats.push(Stat::Threshold(i, k));
                }
            }
            for &(i, j) in &st.pairs {
                stats.push(Stat::Correlation(i, j));
            }
            let mut threshold_rows = Vec::new();
            let mut derived = Vec::new();
            let mut scales = Vec::new();
            for (r, p) in pt.params.iter().enumerate() {
                if p.group != g + 1 {
                    continue;
                }
                match p.op {
                    Op::Threshold => {
                        let i = ov_index(&p.lhs).expect("threshold of an observed variable");
                        let k: usize = p.rhs[1..].parse().expect("threshold name t<k>");
                        threshold_rows.push((r, offset + st.th_offset[i] + k - 1));
                    }
                    Op::Scale => scales.push((r, ov_index(&p.lhs).expect("observed"))),
                    Op::Covariance
                        if p.lhs == p.rhs && p.free == 0 && pt.ordinal.contains(&p.lhs) =>
                    {
                        derived.push((r, ov_index(&p.lhs).expect("observed")));
                    }
                    _ => {}
                }
            }
            obs.extend(st.obs.iter().copied());
            w.extend((0..st.obs.len()).map(|k| 1.0 / st.gamma[(k, k)]));
            blocks.push(DwlsBlock {
                group: g,
                offset,
                gamma: st.gamma.clone(),
                stats,
                n_th: st.n_th,
                n: st.n,
                threshold_rows,
                derived,
                scales,
            });
        }
        Dwls {
            ntotal: blocks.iter().map(|b| b.n).sum(),
            blocks,
            obs: DVector::from_vec(obs),
            w: DVector::from_vec(w),
        }
    }

    /// Number of statistics over all groups.
    pub fn len(&self) -> usize {
        self.obs.len()
    }

    /// Whether there are no statistics.
    pub fn is_empty(&self) -> bool {
        self.obs.is_empty()
    }

    /// (n_g − 1)/N, the weight of group g's F_g in lavaan's objective.
    pub fn objective_weight(&self, b: &DwlsBlock) -> f64 {
        (b.n as f64 - 1.0) / self.ntotal as f64
    }

    /// n_g/N, the weight of group g in lavaan's information and robust
    /// corrections (`fg`).
    pub fn group_weight(&self, b: &DwlsBlock) -> f64 {
        b.n as f64 / self.ntotal as f64
    }

    /// Per statistic w_k · (n_g − 1)/N: the weights of the objective.
    pub fn objective_weights(&self) -> DVector<f64> {
        self.stacked(|b| self.objective_weight(b))
    }

    /// Per statistic w_k · n_g/N: the weights of the expected information.
    pub fn info_weights(&self) -> DVector<f64> {
        self.stacked(|b| self.group_weight(b))
    }

    fn stacked(&self, f: impl Fn(&DwlsBlock) -> f64) -> DVector<f64> {
        let mut out = self.w.clone();
        for b in &self.blocks {
            let c = f(b);
            for k in b.range() {
                out[k] *= c;
            }
        }
        out
    }

    /// Row values at θ with the derived residual variances, and the implied
    /// moments of every group (diag Σ = 1/Δ² for the ordinal items).
    pub fn implied_at(
        &self,
        prob: &Problem,
        theta: &DVector<f64>,
    ) -> Option<(Vec<f64>, Vec<Implied>)> {
        let mut v = prob.row_values(theta);
        let imp = self.complete(prob, &mut v)?;
        Some((v, imp))
    }

    /// Sets the derived residual variances in the row values `v` so that
    /// the implied variances of the ordinal items are 1/Δ²; returns the
    /// implied moments per group. An ordinal item causes no other
    /// variable, so its P_ii changes Σ_ii (and Σ_v,ii) only: one evaluation
    /// with P_ii = 0 gives every θ_ii = 1/Δ_i² − Σ_ii.
    fn complete(&self, prob: &Problem, v: &mut [f64]) -> Option<Vec<Implied>> {
        for b in &self.blocks {
            for &(r, _) in &b.derived {
                v[r] = 0.0;
            }
        }
        let mats = prob.matrices(v);
        let p = prob.structure.p;
        let mut out = Vec::with_capacity(self.blocks.len());
        for b in &self.blocks {
            let mut imp = Implied::compute(&prob.structure, &mats[b.group]).ok()?;
            let delta = b.deltas(v, p);
            for &(r, i) in &b.derived {
                let total = 1.0 / (delta[i] * delta[i]);
                v[r] = total - imp.sigma[(i, i)];
                imp.sigma[(i, i)] = total;
                imp.sigma_v[(i, i)] = total;
            }
            out.push(imp);
        }
        Some(out)
    }

    /// Sets the derived residual variances in the row values (the hook of
    /// [`Problem::values`]).
    pub fn fill_derived(&self, prob: &Problem, v: &mut [f64]) {
        if self.blocks.iter().any(|b| !b.derived.is_empty()) {
            let _ = self.complete(prob, v);
        }
    }

    /// Model statistics σ(θ), stacked, from the row values and the implied
    /// moments of every group.
    pub fn model_stats(&self, values: &[f64], imps: &[Implied]) -> DVector<f64> {
        let mut sigma = DVector::zeros(self.len());
        for b in &self.blocks {
            let imp = &imps[b.group];
            let delta = b.deltas(values, imp.mu.len());
            for &(r, k) in &b.threshold_rows {
                if let Stat::Threshold(i, _) = b.stats[k - b.offset] {
                    sigma[k] = delta[i] * (values[r] - imp.mu[i]);
                }
            }
            for k in b.correlations() {
                if let Stat::Correlation(i, j) = b.stats[k - b.offset] {
                    sigma[k] = delta[i] * delta[j] * imp.sigma[(i, j)];
                }
            }
        }
        sigma
    }

    /// Σ_k weights_k r_k².
    fn weighted_ss(resid: &DVector<f64>, weights: &DVector<f64>) -> f64 {
        resid
            .iter()
            .zip(weights.iter())
            .map(|(r, w)| r * r * w)
            .sum()
    }

    /// F_g = (s_g − σ_g)′W_g(s_g − σ_g) of one group.
    pub fn discrepancy(&self, b: &DwlsBlock, resid: &DVector<f64>) -> f64 {
        b.range().map(|k| resid[k] * resid[k] * self.w[k]).sum()
    }

    /// f(θ) = Σ_g ½ (n_g−1)/N · F_g; +∞ when the implied moments cannot be
    /// computed.
    pub fn objective(&self, prob: &Problem, theta: &DVector<f64>) -> f64 {
        match self.implied_at(prob, theta) {
            Some((values, imp)) => {
                let resid = &self.obs - self.model_stats(&values, &imp);
                0.5 * Self::weighted_ss(&resid, &self.objective_weights())
            }
            None => f64::INFINITY,
        }
    }

    /// Full evaluation at θ: the implied moments, the derivative pools and
    /// F_g of every group, the stacked residuals s − σ(θ) and the row values.
    pub fn evaluate(&self, prob: &Problem, theta: &DVector<f64>) -> Option<Eval> {
        let (values, imps) = self.implied_at(prob, theta)?;
        let resid = &self.obs - self.model_stats(&values, &imps);
        let mut f = 0.0;
        let mut groups = Vec::with_capacity(imps.len());
        for (b, imp) in self.blocks.iter().zip(imps) {
            let fg = self.discrepancy(b, &resid);
            f += 0.5 * self.objective_weight(b) * fg;
            let x = imp.pool(prob.structure.p);
            groups.push(GroupEval {
                imp,
                sigma_inv: DMatrix::zeros(0, 0),
                f: fg,
                x,
                w: self.group_weight(b),
            });
        }
        Some(Eval {
            groups,
            f,
            resid: Some(resid),
            row_values: Some(values),
        })
    }

    /// The column ∂σ/∂(value) of a RAM parameter of group `b` with
    /// derivative `d`, as (stacked statistic index, value) pairs with the
    /// zeros left out; `delta` are the group's scaling factors.
    pub fn deriv_column(
        &self,
        b: &DwlsBlock,
        d: &Deriv,
        x: &DMatrix<f64>,
        delta: &[f64],
    ) -> Vec<(usize, f64)> {
        let mut col = Vec::new();
        if let Some((c, m)) = d.mu {
            for k in 0..b.n_th {
                if let Stat::Threshold(i, _) = b.stats[k] {
                    let v = -c * x[(i, m)] * delta[i];
                    if v != 0.0 {
                        col.push((b.offset + k, v));
                    }
                }
            }
        }
        let terms = d.sigma_terms();
        if terms.is_empty() {
            return col;
        }
        for (k, s) in b.stats.iter().enumerate().skip(b.n_th) {
            if let Stat::Correlation(i, j) = *s {
                let mut v = 0.0;
                for &(c, a, bb) in terms {
                    v += c * x[(i, a)] * x[(j, bb)];
                }
                if v != 0.0 {
                    col.push((b.offset + k, v * delta[i] * delta[j]));
                }
            }
        }
        col
    }

    /// The column ∂σ/∂Δ_i of the scaling factor of item `item` in group
    /// `b`: ∂Δ_i(τ_ik − μ_i)/∂Δ_i = τ_ik − μ_i and ∂Δ_iΔ_jΣ_ij/∂Δ_i = Δ_jΣ_ij.
    pub fn scale_column(
        &self,
        b: &DwlsBlock,
        item: usize,
        values: &[f64],
        imp: &Implied,
        delta: &[f64],
    ) -> Vec<(usize, f64)> {
        let mut col = Vec::new();
        for &(tr, k) in &b.threshold_rows {
            if matches!(b.stats[k - b.offset], Stat::Threshold(i, _) if i == item) {
                col.push((k, values[tr] - imp.mu[item]));
            }
        }
        sort_by_statistic(&mut col);
        for k in b.correlations() {
            if let Stat::Correlation(i, j) = b.stats[k - b.offset] {
                let other = if i == item {
                    j
                } else if j == item {
                    i
                } else {
                    continue;
                };
                col.push((k, delta[other] * imp.sigma[(i, j)]));
            }
        }
        col
    }

    /// Δ = ∂σ/∂θ′ (stacked statistics × free parameters) at an evaluation,
    /// as sparse columns.
    pub fn jacobian(&self, prob: &Problem, ev: &Eval) -> Vec<Vec<(usize, f64)>> {
        let values = ev.row_values.as_ref().expect("a DWLS evaluation");
        let q = prob.pt.n_free;
        let p = prob.structure.p;
        let mut cols: Vec<Vec<(usize, f64)>> = vec![Vec::new(); q];
        for b in &self.blocks {
            let ge = &ev.groups[b.group];
            let delta = b.deltas(values, p);
            let th_stat: std::collections::HashMap<usize, usize> =
                b.threshold_rows.iter().copied().collect();
            for r in prob.rows_of_group(b.group + 1) {
                let par = &prob.pt.params[r];
                if par.free == 0 {
                    continue;
                }
                let t = par.free - 1;
                match par.op {
                    Op::Threshold => {
                        let k = th_stat[&r];
                        if let Stat::Threshold(i, _) = b.stats[k - b.offset] {
                            cols[t].push((k, delta[i]));
                        }
                    }
                    Op::Scale => {
                        if let Some(&(_, item)) = b.scales.iter().find(|s| s.0 == r) {
                            cols[t].extend(self.scale_column(b, item, values, &ge.imp, &delta));
                        }
                    }
                    _ => {
                        let d = prob.deriv(r, ge);
                        cols[t].extend(self.deriv_column(b, &d, &ge.x, &delta));
                    }
                }
            }
        }
        // labels shared by several rows: merge duplicate statistics
        for c in cols.iter_mut() {
            sort_by_statistic(c);
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

    /// Δ′diag(weights)Δ from sparse columns.
    pub fn weighted_gram(cols: &[Vec<(usize, f64)>], weights: &DVector<f64>) -> DMatrix<f64> {
        let q = cols.len();
        let mut h = DMatrix::zeros(q, q);
        let mut dense = vec![0.0; weights.len()];
        for a in 0..q {
            for &(k, v) in &cols[a] {
                dense[k] = v * weights[k];
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

    /// ∂f/∂θ = −Σ_g (n_g−1)/N · Δ_g′W_g(s_g − σ_g).
    pub fn gradient(&self, prob: &Problem, ev: &Eval) -> DVector<f64> {
        let resid = ev.resid.as_ref().expect("a DWLS evaluation");
        let cols = self.jacobian(prob, ev);
        let wt = self.objective_weights();
        DVector::from_fn(cols.len(), |t, _| {
            -cols[t]
                .iter()
                .map(|&(k, v)| v * wt[k] * resid[k])
                .sum::<f64>()
        })
    }

    /// The Hessian approximation Σ_g (n_g−1)/N · Δ_g′W_gΔ_g the optimizer
    /// uses.
    pub fn hessian(&self, prob: &Problem, ev: &Eval) -> DMatrix<f64> {
        let cols = self.jacobian(prob, ev);
        Self::weighted_gram(&cols, &self.objective_weights())
    }
}

/// Minimizes the DWLS discrepancy: lavaan's starting values with the
/// sample thresholds, then `start = "simple"` if that fails.
///
/// With a diagonal weight matrix the thresholds are separate from the rest:
/// when no free parameter moves the items' means or scales (intercepts,
/// latent means and scaling factors fixed, as lavaan's defaults have them
/// without equal thresholds) and no threshold is labelled or fixed, the
/// optimum has τ̂ = the sample thresholds of each group exactly and the
/// other parameters minimize the correlation part alone. The optimizer
/// then runs on the structural parameters only (35 instead of 119 for 21
/// five-point items), and the thresholds are filled in.
pub fn estimate(
    prob: &Problem,
    dwls: &Dwls,
    sm: &SampleMoments,
    groups: &[&OrdinalStats],
) -> super::optimize::OptResult {
    if let Some(res) = fit_profiled(prob, dwls, sm, groups) {
        return res;
    }
    fit_full(prob, dwls)
}

fn fit_full(prob: &Problem, dwls: &Dwls) -> super::optimize::OptResult {
    let mut best: Option<super::optimize::OptResult> = None;
    for kind in [Kind::Default, Kind::Simple] {
        let mut v = prob.start_values(kind);
        for b in &dwls.blocks {
            for &(r, k) in &b.threshold_rows {
                if prob.pt.params[r].free > 0 && prob.pt.params[r].ustart.is_none() {
                    v[r] = dwls.obs[k];
                }
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
/// separable (see [`estimate`]).
fn fit_profiled(
    prob: &Problem,
    dwls: &Dwls,
    sm: &SampleMoments,
    groups: &[&OrdinalStats],
) -> Option<super::optimize::OptResult> {
    let pt = prob.pt;
    let separable = pt.params.iter().all(|p| match p.op {
        // labelled (possibly constrained), fixed or user-started thresholds
        Op::Threshold => p.free > 0 && p.label.is_empty() && p.ustart.is_none(),
        // a free intercept, latent mean or scaling factor moves the model
        // thresholds
        Op::Intercept | Op::Scale => p.free == 0,
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
    for b in &dwls.blocks {
        for &(r, k) in &b.threshold_rows {
            red.params[r].free = 0;
            red.params[r].ustart = Some(dwls.obs[k]);
        }
    }
    for (r, p) in red.params.iter_mut().enumerate() {
        if p.op != Op::Threshold && p.free > 0 {
            p.free = new_index[pt.params[r].free];
        }
    }
    red.n_free = n_free;
    red.bounds = bounds;
    let red_dwls = Dwls::new(&red, groups);
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

/// Orders (statistic, value) pairs by statistic: one sort for both places
/// that need it (one copy of the sort code in the wasm).
fn sort_by_statistic(c: &mut [(usize, f64)]) {
    crate::sorting::sort_by_key(c, |e| e.0);
}
