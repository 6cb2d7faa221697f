//! Standardized solution: row values at θ̂ in; `std.lv` and `std.all`
//! values (and delta-method SEs of `std.all`) for every row and defined
//! parameter out, plus R² of every endogenous variable.
//!
//! lavaan `R/lav_standardize.R`:
//! - sd of a variable is its total model-implied SD, √diag(Σ_v);
//! - std.lv rescales latent variables only; std.all also observed ones;
//! - loadings λ·sd(f) [/ sd(x)]; regressions β·sd(x)/sd(y);
//! - variances P_ii / Σ_v,ii; covariances P_ij / √(P_ii P_jj) (`cov.std`,
//!   using the absolute residual variance estimates);
//! - intercepts / sd; defined parameters are re-evaluated on standardized values.
//!
//! SEs: J = ∂std.all/∂θ by central differences, V_std = J V J′
//! (`R/lav_object_methods.R::standardizedSolution`); SEs below ε^¼ are set to 0.

use crate::estimate::Problem;
use crate::model::{Entry, Implied};
use nalgebra::{DMatrix, DVector};

/// Standardized values per row, and per defined parameter.
#[derive(Debug, Clone)]
pub struct Standardized {
    pub std_lv: Vec<f64>,
    pub std_all: Vec<f64>,
    pub def_std_lv: Vec<f64>,
    pub def_std_all: Vec<f64>,
}

/// Standardizes value `v` of the parameter at entry `e` (std.lv when `all` is false).
pub fn std_entry(e: Entry, v: f64, imp: &Implied, p_diag: &[f64], p: usize, all: bool) -> f64 {
    let is_lat = |i: usize| i >= p;
    let sd = |i: usize| {
        if all || is_lat(i) {
            imp.sigma_v[(i, i)].sqrt()
        } else {
            1.0
        }
    };
    match e {
        // A[i, j]: effect of j on i (loading: i indicator, j factor)
        Entry::A(i, j) => v * sd(j) / sd(i),
        Entry::P(i, j) if i == j => {
            if all || is_lat(i) {
                v / imp.sigma_v[(i, i)]
            } else {
                v
            }
        }
        Entry::P(i, j) => {
            // lavaan (`cov.std`) divides by √|P_kk|, so a covariance next to a
            // negative (Heywood) variance still has a standardized value
            let scale = |k: usize| {
                if all || is_lat(k) {
                    p_diag[k].abs().sqrt()
                } else {
                    1.0
                }
            };
            if !all && is_lat(i) != is_lat(j) {
                v
            } else {
                v / (scale(i) * scale(j))
            }
        }
        Entry::M(i) => v / sd(i),
    }
}

impl Problem<'_> {
    /// Standardized values at row values `values` (None if Σ cannot be computed).
    pub fn standardize(&self, values: &[f64]) -> Option<Standardized> {
        let mats = self.matrices(values);
        let imps: Option<Vec<Implied>> = mats
            .iter()
            .map(|m| Implied::compute(&self.structure, m).ok())
            .collect();
        let imps = imps?;
        let p = self.structure.p;
        let pdiags: Vec<Vec<f64>> = mats
            .iter()
            .map(|m| m.p.diagonal().iter().copied().collect())
            .collect();
        let mut std_lv = Vec::with_capacity(values.len());
        let mut std_all = Vec::with_capacity(values.len());
        for (r, prm) in self.pt.params.iter().enumerate() {
            let g = prm.group - 1;
            if prm.op == crate::partable::Op::Scale {
                // a scaling factor is not rescaled: lavaan's std.lv is the
                // estimate, its std.all 1 (`R/lav_standardize.R`)
                std_lv.push(values[r]);
                std_all.push(values[r].signum());
                continue;
            }
            std_lv.push(std_entry(
                self.entries[r],
                values[r],
                &imps[g],
                &pdiags[g],
                p,
                false,
            ));
            std_all.push(std_entry(
                self.entries[r],
                values[r],
                &imps[g],
                &pdiags[g],
                p,
                true,
            ));
        }
        let def_std_lv = self.defined_values(&std_lv);
        let def_std_all = self.defined_values(&std_all);
        Some(Standardized {
            std_lv,
            std_all,
            def_std_lv,
            def_std_all,
        })
    }

    /// ∂std.all/∂θ for every row, analytically. With dΣ_v in outer-product
    /// form (see [`crate::model`]), each variance's derivative is one product:
    /// ∂Σ_v,kk/∂A[i,j] = 2 E_ki Σ_v,jk, ∂Σ_v,kk/∂P[i,j] = 2 E_ki E_kj (E_ki² on
    /// the diagonal); the chain rule then gives each standardized value.
    fn std_all_jacobian(&self, theta: &DVector<f64>) -> Option<DMatrix<f64>> {
        let values = self.values(theta);
        let mats = self.matrices(&values);
        let q = self.pt.n_free;
        let n = self.structure.n();
        let mut jac = DMatrix::zeros(values.len(), q);
        for (g, m) in mats.iter().enumerate() {
            let imp = Implied::compute(&self.structure, m).ok()?;
            let (e, sv) = (&imp.e, &imp.sigma_v);
            // dvar[(k, t)] = ∂Σ_v,kk/∂θ_t; dpdiag[(k, t)] = ∂P_kk/∂θ_t
            let mut dvar = DMatrix::<f64>::zeros(n, q);
            let mut dpdiag = DMatrix::<f64>::zeros(n, q);
            for r in self.rows_of_group(g + 1) {
                let t = self.pt.params[r].free;
                if t == 0 {
                    continue;
                }
                let t = t - 1;
                match self.entries[r] {
                    Entry::A(i, j) => {
                        (0..n).for_each(|k| dvar[(k, t)] += 2.0 * e[(k, i)] * sv[(j, k)])
                    }
                    Entry::P(i, j) if i != j => {
                        (0..n).for_each(|k| dvar[(k, t)] += 2.0 * e[(k, i)] * e[(k, j)])
                    }
                    Entry::P(i, _) => {
                        (0..n).for_each(|k| dvar[(k, t)] += e[(k, i)] * e[(k, i)]);
                        dpdiag[(i, t)] += 1.0;
                    }
                    Entry::M(_) => {}
                }
            }
            let sd = |k: usize| sv[(k, k)].sqrt();
            // ∂sd_k/∂θ_t = ∂var_k / (2 sd_k)
            let dsd = |k: usize, t: usize| dvar[(k, t)] / (2.0 * sd(k));
            for r in self.rows_of_group(g + 1) {
                let v = values[r];
                let own = self.pt.params[r].free;
                for t in 0..q {
                    let dv = if own == t + 1 { 1.0 } else { 0.0 };
                    jac[(r, t)] = match self.entries[r] {
                        Entry::A(i, j) => {
                            let (si, sj) = (sd(i), sd(j));
                            dv * sj / si + v * (dsd(j, t) * si - sj * dsd(i, t)) / (si * si)
                        }
                        Entry::P(i, j) if i == j => {
                            let var = sv[(i, i)];
                            dv / var - v * dvar[(i, t)] / (var * var)
                        }
                        Entry::P(i, j) => {
                            let (pi, pj) = (m.p[(i, i)], m.p[(j, j)]);
                            let s = (pi * pj).abs().sqrt();
                            dv / s - 0.5 * v / s * (dpdiag[(i, t)] / pi + dpdiag[(j, t)] / pj)
                        }
                        Entry::M(i) => dv / sd(i) - v * dsd(i, t) / (sd(i) * sd(i)),
                    };
                }
            }
        }
        Some(jac)
    }

    /// Delta-method SEs of std.all for every row and defined parameter, given
    /// the covariance matrix of θ̂.
    pub fn std_all_se(&self, theta: &DVector<f64>, vcov: &DMatrix<f64>) -> (Vec<f64>, Vec<f64>) {
        let j = self.std_all_jacobian(theta).map(|jr| {
            // defined parameters: chain rule through their std.all inputs
            let std = self.standardize(&self.values(theta));
            match std {
                Some(s) if !self.pt.defined.is_empty() => {
                    let f = |x: &DVector<f64>| Some(self.defined_values(x.as_slice()));
                    let x0 = DVector::from_vec(s.std_all);
                    match jacobian(&f, &x0, self.pt.defined.len()) {
                        Some(jd) => {
                            let jdef = jd * &jr;
                            let mut all = DMatrix::zeros(jr.nrows() + jdef.nrows(), jr.ncols());
                            all.rows_mut(0, jr.nrows()).copy_from(&jr);
                            all.rows_mut(jr.nrows(), jdef.nrows()).copy_from(&jdef);
                            all
                        }
                        None => jr,
                    }
                }
                _ => jr,
            }
        });
        se_from_jacobian(&j, vcov)
            .map(|se| {
                let se: Vec<f64> = se
                    .into_iter()
                    .map(|s| if s < f64::EPSILON.powf(0.25) { 0.0 } else { s })
                    .collect();
                let (a, b) = se.split_at(self.pt.params.len());
                (a.to_vec(), b.to_vec())
            })
            .unwrap_or_else(|| {
                (
                    vec![f64::NAN; self.pt.params.len()],
                    vec![f64::NAN; self.pt.defined.len()],
                )
            })
    }

    /// Defined parameters' delta-method SEs: √diag(J V J′) (`R/lav_model_vcov.R`).
    pub fn defined_se(&self, theta: &DVector<f64>, vcov: &DMatrix<f64>) -> Vec<f64> {
        self.delta_method_se(
            &|values| self.defined_values(values),
            self.pt.defined.len(),
            theta,
            vcov,
        )
    }

    /// Delta-method SEs of `m` functions of the row values, as lavaan gives
    /// a `:=` parameter (`R/lav_model_vcov.R`, `lav_model_vcov_se`):
    /// √diag(J V J′) with J = ∂f(values(θ))/∂θ by central differences. The
    /// one delta method of the engine: defined parameters and the effects of
    /// [`crate::effects`] both go through it.
    pub fn delta_method_se(
        &self,
        f: &dyn Fn(&[f64]) -> Vec<f64>,
        m: usize,
        theta: &DVector<f64>,
        vcov: &DMatrix<f64>,
    ) -> Vec<f64> {
        if m == 0 {
            return Vec::new();
        }
        let g = |th: &DVector<f64>| Some(f(&self.values(th)));
        let j = jacobian(&g, theta, m);
        se_from_jacobian(&j, vcov).unwrap_or_else(|| vec![f64::NAN; m])
    }

    /// R² of every endogenous variable (observed indicators and dependent
    /// variables, dependent latents): 1 − residual variance / total variance.
    pub fn r_squared(&self, values: &[f64]) -> Vec<(usize, String, f64)> {
        let mats = self.matrices(values);
        let mut out = Vec::new();
        for (g, m) in mats.iter().enumerate() {
            let Ok(imp) = Implied::compute(&self.structure, m) else {
                continue;
            };
            for (i, name) in self.structure.names.iter().enumerate() {
                if self.has_incoming(name) {
                    // a negative residual variance gives R² above 1: not
                    // reported (lavaan's `lavInspect(fit, "r2")` gives NA)
                    let r2 = 1.0 - m.p[(i, i)] / imp.sigma_v[(i, i)];
                    out.push((g + 1, name.clone(), if r2 > 1.0 { f64::NAN } else { r2 }));
                }
            }
        }
        out
    }

    /// Endogenous: the target of a loading or a regression.
    fn has_incoming(&self, name: &str) -> bool {
        use crate::partable::Op;
        self.pt.params.iter().any(|p| {
            (p.op == Op::Loading && p.rhs == name) || (p.op == Op::Regression && p.lhs == name)
        })
    }
}

/// Central-difference Jacobian of `f` (m outputs) at θ.
pub fn jacobian(
    f: &dyn Fn(&DVector<f64>) -> Option<Vec<f64>>,
    theta: &DVector<f64>,
    m: usize,
) -> Option<DMatrix<f64>> {
    let q = theta.len();
    let mut j = DMatrix::zeros(m, q);
    for k in 0..q {
        let h = 1e-6 * theta[k].abs().max(1.0);
        let mut tp = theta.clone();
        tp[k] += h;
        let mut tm = theta.clone();
        tm[k] -= h;
        let (fp, fm) = (f(&tp)?, f(&tm)?);
        for i in 0..m {
            j[(i, k)] = (fp[i] - fm[i]) / (2.0 * h);
        }
    }
    Some(j)
}

/// √diag(J V J′), NaN where the variance is negative.
pub fn se_from_jacobian(j: &Option<DMatrix<f64>>, vcov: &DMatrix<f64>) -> Option<Vec<f64>> {
    let j = j.as_ref()?;
    let v = j * vcov * j.transpose();
    Some(
        v.diagonal()
            .iter()
            .map(|d| if *d >= 0.0 { d.sqrt() } else { f64::NAN })
            .collect(),
    )
}

/// Delta-method SEs of std.all for every row and defined parameter: the
/// Jacobian by forward differences through [`Problem::values`] (which
/// re-derives the residual variances of the ordinal items), analytic for
/// thresholds (their standardized value is τ/1).
pub fn std_all_se_numeric(
    prob: &Problem,
    theta: &DVector<f64>,
    vcov: &DMatrix<f64>,
) -> (Vec<f64>, Vec<f64>) {
    let pt = prob.pt;
    let nrow = pt.params.len();
    let ndef = pt.defined.len();
    let q = pt.n_free;
    let f = |th: &DVector<f64>| -> Option<Vec<f64>> {
        let s = prob.standardize(&prob.values(th))?;
        let mut out = s.std_all;
        out.extend(s.def_std_all);
        Some(out)
    };
    let fail = || (vec![f64::NAN; nrow], vec![f64::NAN; ndef]);
    let Some(f0) = f(theta) else { return fail() };
    // free parameters that are only thresholds (their rows' std = value / 1
    // while every scaling factor is fixed at 1)
    let free_scales = pt
        .params
        .iter()
        .any(|p| p.op == crate::partable::Op::Scale && p.free > 0);
    let only_threshold: Vec<bool> = (1..=q)
        .map(|k| {
            !free_scales
                && pt
                    .params
                    .iter()
                    .filter(|p| p.free == k)
                    .all(|p| p.op == crate::partable::Op::Threshold)
        })
        .collect();
    let mut jac = DMatrix::zeros(nrow + ndef, q);
    for t in 0..q {
        if only_threshold[t] && ndef == 0 {
            for (r, p) in pt.params.iter().enumerate() {
                if p.free == t + 1 {
                    jac[(r, t)] = 1.0;
                }
            }
            continue;
        }
        let h = 1e-7 * theta[t].abs().max(1.0);
        let mut tp = theta.clone();
        tp[t] += h;
        let Some(fp) = f(&tp) else { return fail() };
        for i in 0..nrow + ndef {
            jac[(i, t)] = (fp[i] - f0[i]) / h;
        }
    }
    let v = &jac * vcov * jac.transpose();
    let se: Vec<f64> = (0..nrow + ndef)
        .map(|i| {
            let d = v[(i, i)];
            if d < 0.0 {
                f64::NAN
            } else if d.sqrt() < f64::EPSILON.powf(0.25) {
                0.0
            } else {
                d.sqrt()
            }
        })
        .collect();
    (se[..nrow].to_vec(), se[nrow..].to_vec())
}
