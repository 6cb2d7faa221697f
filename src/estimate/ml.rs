//! The maximum-likelihood discrepancy: θ in; f, ∂f/∂θ and the expected
//! information out.
//!
//! lavaan `R/lav_objective.R` (`lav_model_objective_ml`) and
//! `R/lav_model_gradient.R`: per group, with W̃ = S + (ȳ−μ)(ȳ−μ)′ under a
//! mean structure,
//!
//!   F_g = log|Σ| + tr(W̃ Σ⁻¹) − log|S| − p,   f = Σ_g (n_g/N) · ½ F_g.
//!
//! ∂F_g = −tr(Ω ∂Σ) − 2 ω′∂μ with Ω = Σ⁻¹(W̃ − Σ)Σ⁻¹ and ω = Σ⁻¹(ȳ − μ).
//! A non-positive-definite Σ gives f = +∞ (lavaan's `check.sigma.pd`).

use super::Problem;
use crate::model::{info_pair, Deriv, Implied};
use crate::samplestats::moments::GroupMoments;
use nalgebra::{DMatrix, DVector};

/// Everything the gradient and information of one group need.
#[derive(Debug, Clone)]
pub struct GroupEval {
    pub imp: Implied,
    pub sigma_inv: DMatrix<f64>,
    /// F_g (not halved, not weighted).
    pub f: f64,
    /// Pool X = [U | V] of derivative vectors.
    pub x: DMatrix<f64>,
    /// Weight n_g / N.
    pub w: f64,
}

/// The model evaluated at one θ.
#[derive(Debug, Clone)]
pub struct Eval {
    pub groups: Vec<GroupEval>,
    /// f = Σ_g w_g ½ F_g.
    pub f: f64,
    /// DWLS only: the residuals s − σ(θ) of the sample statistics,
    /// stacked over the groups.
    pub resid: Option<DVector<f64>>,
    /// DWLS only: the row values at θ with the derived residual variances.
    pub row_values: Option<Vec<f64>>,
}

pub use crate::linalg::spd_inverse_logdet as inverse_logdet;

/// W̃ = S + (ȳ − μ)(ȳ − μ)′ (just S without a mean structure).
fn w_tilde(gm: &GroupMoments, imp: &Implied, meanstructure: bool) -> DMatrix<f64> {
    match (&gm.mean, meanstructure) {
        (Some(m), true) => {
            let d = m - &imp.mu;
            &gm.cov + &d * d.transpose()
        }
        _ => gm.cov.clone(),
    }
}

/// F_g for one group given Σ⁻¹ and log|Σ|; clamped at ≥ 0 as lavaan does.
fn discrepancy(
    gm: &GroupMoments,
    imp: &Implied,
    sigma_inv: &DMatrix<f64>,
    logdet: f64,
    meanstructure: bool,
) -> f64 {
    let w = w_tilde(gm, imp, meanstructure);
    let p = w.nrows() as f64;
    let tr = w.component_mul(sigma_inv).sum();
    (logdet + tr - gm.logdet - p).max(0.0)
}

impl Problem<'_> {
    fn weights(&self) -> Vec<f64> {
        self.sm.weights()
    }

    /// f(θ), or +∞ when Σ is not positive definite or I − A is singular.
    pub fn objective(&self, theta: &DVector<f64>) -> f64 {
        if let Some(d) = self.dwls() {
            return d.objective(self, theta);
        }
        if self.is_fiml() {
            return self.fiml_objective(theta);
        }
        let Some(imps) = self.implied(theta) else {
            return f64::INFINITY;
        };
        let ms = self.structure.meanstructure;
        let mut f = 0.0;
        for ((imp, gm), w) in imps.iter().zip(&self.sm.groups).zip(self.weights()) {
            match inverse_logdet(&imp.sigma) {
                Some((inv, ld)) => f += w * 0.5 * discrepancy(gm, imp, &inv, ld, ms),
                None => return f64::INFINITY,
            }
        }
        f
    }

    /// Full evaluation at θ (None when Σ is not positive definite).
    pub fn evaluate(&self, theta: &DVector<f64>) -> Option<Eval> {
        if let Some(d) = self.dwls() {
            return d.evaluate(self, theta);
        }
        let imps = self.implied(theta)?;
        let ms = self.structure.meanstructure;
        let p = self.structure.p;
        let mut groups = Vec::with_capacity(imps.len());
        let mut f = 0.0;
        for ((imp, gm), w) in imps.into_iter().zip(&self.sm.groups).zip(self.weights()) {
            let (sigma_inv, ld) = inverse_logdet(&imp.sigma)?;
            let fg = discrepancy(gm, &imp, &sigma_inv, ld, ms);
            f += w * 0.5 * fg;
            let x = imp.pool(p);
            groups.push(GroupEval {
                imp,
                sigma_inv,
                f: fg,
                x,
                w,
            });
        }
        if self.is_fiml() {
            f = 0.0;
            for (g, ge) in groups.iter_mut().enumerate() {
                ge.f = self.fiml_discrepancy(g, &ge.imp)?;
                f += ge.w * 0.5 * ge.f;
            }
        }
        Some(Eval {
            groups,
            f,
            resid: None,
            row_values: None,
        })
    }

    /// ∂f/∂(row value) for derivative `d` of a row in group `g` (0-based),
    /// given that group's precomputed (ΩX, X′ω).
    fn row_gradient(
        d: &Deriv,
        ge: &GroupEval,
        omega_x: &DMatrix<f64>,
        x_omega: &DVector<f64>,
    ) -> f64 {
        let mut s = 0.0;
        for &(c, a, b) in d.sigma_terms() {
            s -= c * ge.x.column(b).dot(&omega_x.column(a));
        }
        if let Some((c, k)) = d.mu {
            s -= 2.0 * c * x_omega[k];
        }
        ge.w * 0.5 * s
    }

    /// (ΩX, X′ω) of one group, the pieces of every gradient element.
    fn gradient_pieces(&self, g: usize, ge: &GroupEval) -> (DMatrix<f64>, DVector<f64>) {
        if self.is_fiml() {
            // Σ is positive definite at an evaluation, so every Σ_oo is too
            let (omega, om) = self.fiml_omega(g, &ge.imp).expect("positive definite Σ");
            return (&omega * &ge.x, ge.x.transpose() * om);
        }
        let gm = &self.sm.groups[g];
        let ms = self.structure.meanstructure;
        let w = w_tilde(gm, &ge.imp, ms);
        let omega = &ge.sigma_inv * (w - &ge.imp.sigma) * &ge.sigma_inv;
        let omega_x = &omega * &ge.x;
        let x_omega = match (&gm.mean, ms) {
            (Some(m), true) => ge.x.transpose() * (&ge.sigma_inv * (m - &ge.imp.mu)),
            _ => DVector::zeros(ge.x.ncols()),
        };
        (omega_x, x_omega)
    }

    /// Derivative of (Σ, μ) for row r at the evaluation.
    pub fn deriv(&self, r: usize, ge: &GroupEval) -> Deriv {
        Deriv::of(
            self.entries[r],
            self.structure.n(),
            &ge.imp,
            self.structure.meanstructure,
        )
    }

    /// Gradient ∂f/∂θ (length n_free).
    pub fn gradient(&self, ev: &Eval) -> DVector<f64> {
        if let Some(d) = self.dwls() {
            return d.gradient(self, ev);
        }
        let mut grad = DVector::zeros(self.pt.n_free);
        for (g, ge) in ev.groups.iter().enumerate() {
            let (omega_x, x_omega) = self.gradient_pieces(g, ge);
            for r in self.rows_of_group(g + 1) {
                let k = self.pt.params[r].free;
                if k == 0 {
                    continue;
                }
                grad[k - 1] += Self::row_gradient(&self.deriv(r, ge), ge, &omega_x, &x_omega);
            }
        }
        grad
    }

    /// Gradient with respect to arbitrary extra entries (for modification
    /// indices): `extra[g]` lists derivatives in group g.
    pub fn gradient_of(&self, ev: &Eval, extra: &[Vec<Deriv>]) -> Vec<Vec<f64>> {
        ev.groups
            .iter()
            .enumerate()
            .map(|(g, ge)| {
                let (omega_x, x_omega) = self.gradient_pieces(g, ge);
                extra[g]
                    .iter()
                    .map(|d| Self::row_gradient(d, ge, &omega_x, &x_omega))
                    .collect()
            })
            .collect()
    }

    /// Gram matrix X′Σ⁻¹X of one group.
    pub fn gram(ge: &GroupEval) -> DMatrix<f64> {
        ge.x.transpose() * &ge.sigma_inv * &ge.x
    }

    /// The weighted Gram matrices whose [`info_pair`] sum is the expected
    /// information of group g (0-based): (n_g/N, X′Σ⁻¹X) for complete data,
    /// one (n_p/N, X_o′Σ_oo⁻¹X_o) per missing-data pattern under FIML.
    pub fn info_grams(&self, g: usize, ge: &GroupEval) -> Vec<(f64, DMatrix<f64>)> {
        if self.is_fiml() {
            self.fiml_grams(g, ge)
        } else {
            vec![(ge.w, Self::gram(ge))]
        }
    }

    /// Expected (unit) information in θ space: Σ_g w_g Δ_g′ A1_g Δ_g.
    pub fn information(&self, ev: &Eval) -> DMatrix<f64> {
        if let Some(d) = self.dwls() {
            // DWLS: the Gauss–Newton Hessian (N−1)/N·Δ′WΔ
            return d.hessian(self, ev);
        }
        if self.is_fiml() {
            return self.fiml_information(ev);
        }
        let q = self.pt.n_free;
        let mut info = DMatrix::zeros(q, q);
        for (g, ge) in ev.groups.iter().enumerate() {
            let gram = Self::gram(ge);
            let rows: Vec<(usize, Deriv)> = self
                .rows_of_group(g + 1)
                .filter(|&r| self.pt.params[r].free > 0)
                .map(|r| (self.pt.params[r].free - 1, self.deriv(r, ge)))
                .collect();
            for (i, (ka, da)) in rows.iter().enumerate() {
                for (kb, db) in &rows[i..] {
                    let v = ge.w * info_pair(da, db, &gram);
                    // a pair of distinct rows fills both triangles; a row with itself once
                    info[(*ka, *kb)] += v;
                    if !std::ptr::eq(da, db) {
                        info[(*kb, *ka)] += v;
                    }
                }
            }
        }
        info
    }
}
