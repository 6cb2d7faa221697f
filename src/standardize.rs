//! Standardized solution: row values at θ̂ in; `std.lv` and `std.all`
//! values (and delta-method SEs of `std.all`) for every row and defined
//! parameter out, plus R² of every endogenous variable.
//!
//! lavaan `R/lav_standardize.R`:
//! - sd of a variable is its total model-implied SD, √diag(Σ_v);
//! - std.lv rescales latent variables only; std.all also observed ones;
//! - loadings λ·sd(f) [/ sd(x)]; regressions β·sd(x)/sd(y);
//! - variances P_ii / Σ_v,ii; covariances P_ij / √(P_ii P_jj) (`cov.std`,
//!   using the residual variance estimates);
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
            let scale = |k: usize| {
                if all || is_lat(k) {
                    p_diag[k].sqrt()
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

    /// Delta-method SEs of std.all for every row and defined parameter, given
    /// the covariance matrix of θ̂.
    pub fn std_all_se(&self, theta: &DVector<f64>, vcov: &DMatrix<f64>) -> (Vec<f64>, Vec<f64>) {
        let stack = |th: &DVector<f64>| -> Option<Vec<f64>> {
            let s = self.standardize(&self.values(th))?;
            let mut v = s.std_all;
            v.extend(s.def_std_all);
            Some(v)
        };
        let m = self.pt.params.len() + self.pt.defined.len();
        let j = jacobian(&stack, theta, m);
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
        let f = |th: &DVector<f64>| Some(self.defined_values(&self.values(th)));
        let j = jacobian(&f, theta, self.pt.defined.len());
        se_from_jacobian(&j, vcov).unwrap_or_else(|| vec![f64::NAN; self.pt.defined.len()])
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
                    out.push((g + 1, name.clone(), 1.0 - m.p[(i, i)] / imp.sigma_v[(i, i)]));
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
