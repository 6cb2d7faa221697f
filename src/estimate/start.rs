//! Starting values: parameter table + sample moments in, a value for every
//! row out, following lavaan's `start = "default"` (`R/lav_start.R`,
//! `R/lav_cfa_1fac.R`):
//!
//! 1. loadings 1, latent (residual) variances 0.05, covariances and
//!    regressions 0, observed residual variances ½·s_ii, intercepts ȳ;
//! 2. loadings of each first-order factor from FABIN3 (Hägglund 1982), or the
//!    closed form with three indicators; rescaled to the marker, or by √ψ
//!    under `std.lv`;
//! 3. exogenous single-indicator factors: variance s_ii (minus a fixed residual);
//! 4. pure observed path models: OLS regressions;
//! 5. user `start()` values win; fixed rows keep their value; covariances
//!    implying |r| > 1 are shrunk (`lav_start_check_cov`).
//!
//! `Kind::Simple` gives lavaan's `start = "simple"` (loadings 0.7 …), used
//! when the default start fails.

use super::Problem;
use crate::model::Entry;
use crate::partable::Op;
use nalgebra::{DMatrix, DVector};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Default,
    Simple,
}

impl Problem<'_> {
    /// Starting value of every row.
    pub fn start_values(&self, kind: Kind) -> Vec<f64> {
        let pt = self.pt;
        let mut v = self.fixed.clone();
        let is_lv = |s: &str| pt.vars.lv.iter().any(|x| x == s);
        for g in 1..=pt.n_groups {
            let gm = &self.sm.groups[g - 1];
            let s = &gm.cov;
            let rows: Vec<usize> = self.rows_of_group(g).collect();
            for &r in &rows {
                let p = &pt.params[r];
                if p.free == 0 {
                    continue;
                }
                v[r] = match (kind, p.op) {
                    // a free scaling factor of an ordinal item (groups 2, 3,
                    // … with equal thresholds) starts at 1, as lavaan's
                    (_, Op::Scale) => 1.0,
                    (Kind::Simple, Op::Loading) => 0.7,
                    (Kind::Simple, Op::Covariance) if p.lhs == p.rhs => 1.0,
                    (Kind::Simple, _) => 0.0,
                    (Kind::Default, Op::Loading) => 1.0,
                    (Kind::Default, Op::Covariance) if p.lhs == p.rhs => {
                        if is_lv(&p.lhs) {
                            0.05
                        } else {
                            let i = self.structure.index(&p.lhs).expect("ov");
                            0.5 * s[(i, i)]
                        }
                    }
                    (Kind::Default, Op::Intercept) => match (&gm.mean, self.entries[r]) {
                        (Some(m), Entry::M(i)) if i < self.structure.p => m[i],
                        _ => 0.0,
                    },
                    (Kind::Default, _) => 0.0,
                };
            }
            if kind == Kind::Default {
                self.fabin_loadings(g, s, &mut v);
                self.single_indicator_variances(g, s, &mut v);
                if pt.vars.lv.is_empty() {
                    self.ols_starts(g, &mut v);
                }
            }
            // user start values
            for &r in &rows {
                let p = &pt.params[r];
                if p.free > 0 {
                    if let Some(u) = p.ustart {
                        v[r] = u;
                    }
                }
            }
            self.check_covariances(g, &mut v);
        }
        // shared labels: one start value for all rows of a free parameter
        let mut first: Vec<Option<f64>> = vec![None; pt.n_free];
        for (r, p) in pt.params.iter().enumerate() {
            if p.free > 0 {
                match first[p.free - 1] {
                    Some(x) => v[r] = x,
                    None => first[p.free - 1] = Some(v[r]),
                }
            }
        }
        v
    }

    /// θ (free vector) from row values.
    pub fn theta_from_values(&self, v: &[f64]) -> DVector<f64> {
        let mut theta = DVector::zeros(self.pt.n_free);
        for (r, p) in self.pt.params.iter().enumerate() {
            if p.free > 0 {
                theta[p.free - 1] = v[r];
            }
        }
        theta
    }

    /// FABIN3 / 3-indicator loadings for each factor measured only by observed variables.
    fn fabin_loadings(&self, g: usize, s: &DMatrix<f64>, v: &mut [f64]) {
        let pt = self.pt;
        for lv in &pt.vars.lv {
            let rows: Vec<usize> = self
                .rows_of_group(g)
                .filter(|&r| pt.params[r].op == Op::Loading && &pt.params[r].lhs == lv)
                .collect();
            let idx: Option<Vec<usize>> = rows
                .iter()
                .map(|&r| {
                    let i = self.structure.index(&pt.params[r].rhs)?;
                    (i < self.structure.p).then_some(i)
                })
                .collect();
            let Some(idx) = idx else { continue };
            let k = idx.len();
            if k < 3 {
                continue;
            }
            let sub = DMatrix::from_fn(k, k, |a, b| s[(idx[a], idx[b])]);
            let mut lambda = if k == 3 {
                three_indicator(&sub)
            } else {
                fabin3(&sub)
            };
            // clip |λ_i| ≤ sqrt(s_ii / (0.1 s_11))
            for i in 1..k {
                let bound = (sub[(i, i)] / (0.1 * sub[(0, 0)])).sqrt();
                lambda[i] = lambda[i].clamp(-bound, bound);
            }
            // scale to the marker (a fixed non-zero loading), or by √ψ when all are free
            let fixed = rows
                .iter()
                .position(|&r| pt.params[r].free == 0 && self.fixed[r] != 0.0);
            match fixed {
                Some(j) => {
                    let c = self.fixed[rows[j]] / lambda[j];
                    if c.is_finite() {
                        lambda.iter_mut().for_each(|l| *l *= c);
                    }
                    // the factor's variance implied by these loadings; half of it
                    // for the residual variance of a dependent factor, as for
                    // observed variables (lavaan starts at 0.05; a closer
                    // start saves iterations, the optimum is the same)
                    let psi = factor_variance(&sub, &lambda);
                    if let Some(r) = pt.find(lv, Op::Covariance, lv, g) {
                        if pt.params[r].free > 0 && psi.is_finite() && psi > 0.1 {
                            v[r] = if pt.vars.lv_x.contains(lv) {
                                psi
                            } else {
                                0.5 * psi
                            };
                        }
                    }
                }
                None => {
                    let psi = factor_variance(&sub, &lambda);
                    let c = psi.signum() * psi.abs().sqrt();
                    if c.is_finite() && c != 0.0 {
                        lambda.iter_mut().for_each(|l| *l *= c);
                    }
                }
            }
            for (j, &r) in rows.iter().enumerate() {
                if pt.params[r].free > 0 && lambda[j].is_finite() {
                    v[r] = lambda[j];
                }
            }
        }
    }

    /// Exogenous single-indicator factors: variance = max(s_ii − θ_fixed, 0.05).
    fn single_indicator_variances(&self, g: usize, s: &DMatrix<f64>, v: &mut [f64]) {
        let pt = self.pt;
        for lv in &pt.vars.lv_x {
            let loads: Vec<usize> = self
                .rows_of_group(g)
                .filter(|&r| pt.params[r].op == Op::Loading && &pt.params[r].lhs == lv)
                .collect();
            if loads.len() != 1 {
                continue;
            }
            let ind = &pt.params[loads[0]].rhs;
            let Some(i) = self.structure.index(ind).filter(|&i| i < self.structure.p) else {
                continue;
            };
            let theta_row = pt.find(ind, Op::Covariance, ind, g);
            let theta_fix = match theta_row {
                Some(r) if pt.params[r].free == 0 => self.fixed[r],
                _ => 1.0,
            };
            if let Some(r) = pt.find(lv, Op::Covariance, lv, g) {
                if pt.params[r].free > 0 {
                    v[r] = ((1.0 - theta_fix / s[(i, i)]) * s[(i, i)]).max(0.05);
                }
            }
        }
    }

    /// OLS starts for regressions among observed variables (no latents).
    fn ols_starts(&self, g: usize, v: &mut [f64]) {
        let pt = self.pt;
        let gm = &self.sm.groups[g - 1];
        let s = &gm.cov;
        let ys: Vec<String> = {
            let mut ys = Vec::new();
            for r in self.rows_of_group(g) {
                let p = &pt.params[r];
                if p.op == Op::Regression && !ys.contains(&p.lhs) {
                    ys.push(p.lhs.clone());
                }
            }
            ys
        };
        for y in ys {
            let rows: Vec<usize> = self
                .rows_of_group(g)
                .filter(|&r| pt.params[r].op == Op::Regression && pt.params[r].lhs == y)
                .collect();
            let yi = self.structure.index(&y).expect("ov");
            let xi: Vec<usize> = rows
                .iter()
                .map(|&r| self.structure.index(&pt.params[r].rhs).expect("ov"))
                .collect();
            let k = xi.len();
            let sxx = DMatrix::from_fn(k, k, |a, b| s[(xi[a], xi[b])]);
            let sxy = DVector::from_fn(k, |a, _| s[(xi[a], yi)]);
            let Some(beta) = sxx.cholesky().map(|c| c.solve(&sxy)) else {
                continue;
            };
            for (j, &r) in rows.iter().enumerate() {
                if pt.params[r].free > 0 {
                    v[r] = beta[j];
                }
            }
            let resid = s[(yi, yi)] - beta.dot(&sxy);
            if let Some(r) = pt.find(&y, Op::Covariance, &y, g) {
                if pt.params[r].free > 0
                    && resid > 0.001 * s[(yi, yi)]
                    && resid < 0.999 * s[(yi, yi)]
                {
                    v[r] = resid;
                }
            }
            if let (Some(m), Some(r)) = (&gm.mean, pt.find(&y, Op::Intercept, "", g)) {
                if pt.params[r].free > 0 {
                    v[r] = m[yi]
                        - xi.iter()
                            .zip(beta.iter())
                            .map(|(&x, b)| b * m[x])
                            .sum::<f64>();
                }
            }
        }
    }

    /// Shrinks start covariances that imply |r| > 1 (`lav_start_check_cov`).
    fn check_covariances(&self, g: usize, v: &mut [f64]) {
        let pt = self.pt;
        for r in self.rows_of_group(g).collect::<Vec<_>>() {
            let p = &pt.params[r];
            if p.op != Op::Covariance || p.lhs == p.rhs || p.free == 0 {
                continue;
            }
            let var = |name: &str| pt.find(name, Op::Covariance, name, g).map(|i| v[i]);
            let (Some(a), Some(b)) = (var(&p.lhs), var(&p.rhs)) else {
                continue;
            };
            if a <= 0.0 || b <= 0.0 {
                continue;
            }
            let rr = v[r] / (a * b).sqrt();
            if rr.abs() > 1.0 {
                v[r] /= 1.1 * rr.abs();
            }
        }
    }
}

/// Closed-form one-factor loadings with three indicators (`lav_cfa_1fac_3ind`):
/// λ₁ = 1, λ₂ = s₃₂/s₃₁, λ₃ = s₃₂/s₂₁; a negative triad gives 1.
fn three_indicator(s: &DMatrix<f64>) -> Vec<f64> {
    let (s21, s31, s32) = (s[(1, 0)], s[(2, 0)], s[(2, 1)]);
    if s21 * s31 * s32 <= 0.0 {
        return vec![1.0; 3];
    }
    vec![1.0, s32 / s31, s32 / s21]
}

/// FABIN3 loadings (Hägglund 1982) relative to the first indicator:
/// λ_i = s_iJ S_JJ⁻¹ s_J1 / (s_1J S_JJ⁻¹ s_J1), J = all indicators but 1 and i.
fn fabin3(s: &DMatrix<f64>) -> Vec<f64> {
    let k = s.nrows();
    let mut lambda = vec![1.0; k];
    for i in 1..k {
        let j: Vec<usize> = (1..k).filter(|&x| x != i).collect();
        let m = j.len();
        let sjj = DMatrix::from_fn(m, m, |a, b| s[(j[a], j[b])]);
        let sj1 = DVector::from_fn(m, |a, _| s[(j[a], 0)]);
        let sij = DVector::from_fn(m, |a, _| s[(i, j[a])]);
        lambda[i] = match sjj.clone().try_inverse() {
            Some(inv) => {
                let w = inv * &sj1;
                sij.dot(&w) / sj1.dot(&w)
            }
            None => sij.dot(&sj1) / sj1.dot(&sj1),
        };
    }
    lambda
}

/// Least-squares factor variance from the off-diagonal covariances given λ.
fn factor_variance(s: &DMatrix<f64>, lambda: &[f64]) -> f64 {
    let k = lambda.len();
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            if i != j {
                num += lambda[i] * lambda[j] * s[(i, j)];
                den += (lambda[i] * lambda[j]).powi(2);
            }
        }
    }
    num / den
}
