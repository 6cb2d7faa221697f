//! Whether each regression path differs between groups: the parameter
//! table, the estimates and their covariance matrix of a multi-group fit
//! in; per path (`outcome ~ predictor`) each group's estimate and the Wald
//! test that the path is equal in every group out — lavaan's
//! `lavTestWald(fit, constraints = "b1 == b2; b1 == b3 …")`
//! (`R/lav_test_Wald.R`): W = (Rθ̂)ᵀ (R V Rᵀ)⁻¹ (Rθ̂) with one row
//! θ_group1 − θ_group g per other group, on G − 1 df, V the covariance of
//! the estimates the SEs come from (robust under MLR/MLM).

use crate::distributions::pchisq_upper;
use crate::partable::{Op, ParTable};
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// One regression path compared across the groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathDifference {
    pub outcome: String,
    pub predictor: String,
    /// The unstandardized estimate in each group, in group order.
    pub est: Vec<f64>,
    /// The Wald χ² that the path is equal in every group, its df (groups
    /// − 1) and p. None when the model already makes the path equal, fixes
    /// it in some group, or its difference has no variance.
    pub chisq: Option<f64>,
    pub df: usize,
    pub pvalue: Option<f64>,
    /// The model itself makes the path equal across groups (a shared label
    /// or `group.equal = regressions`).
    pub equal_in_model: bool,
}

impl PathDifference {
    /// The verdict: the path differs between the groups when the Wald test
    /// of its equality has p < α; None when it was not tested (equal in the
    /// model, fixed in some group).
    pub fn differs(&self, alpha: f64) -> Option<bool> {
        self.pvalue.map(|p| p < alpha)
    }
}

/// Every regression path of group 1 with the same path in the other
/// groups. `theta` are the free parameters (index `free − 1`), `vcov`
/// their covariance matrix (None: no tests).
pub fn path_differences(
    pt: &ParTable,
    theta: &DVector<f64>,
    values: impl Fn(usize) -> f64,
    vcov: Option<&DMatrix<f64>>,
) -> Vec<PathDifference> {
    let groups = pt.n_groups;
    pt.params
        .iter()
        .filter(|p| p.op == Op::Regression && p.group == 1)
        .map(|p| {
            let rows: Vec<usize> = (1..=groups)
                .filter_map(|g| {
                    pt.params.iter().position(|q| {
                        q.op == Op::Regression && q.group == g && q.lhs == p.lhs && q.rhs == p.rhs
                    })
                })
                .collect();
            let frees: Vec<usize> = rows.iter().map(|&r| pt.params[r].free).collect();
            let equal_in_model = frees[0] > 0 && frees.iter().all(|&k| k == frees[0]);
            let testable = rows.len() == groups
                && groups > 1
                && !equal_in_model
                && frees.iter().all(|&k| k > 0);
            let chisq = match vcov {
                Some(v) if testable => wald_equal(&frees, theta, v),
                _ => None,
            };
            PathDifference {
                outcome: p.lhs.clone(),
                predictor: p.rhs.clone(),
                est: rows.iter().map(|&r| values(r)).collect(),
                chisq,
                df: groups.saturating_sub(1),
                pvalue: chisq.map(|w| pchisq_upper(w, (groups - 1) as f64)),
                equal_in_model,
            }
        })
        .collect()
}

/// W for θ_{frees[0]} = θ_{frees[g]} for every g ≥ 1 (free indices 1-based).
fn wald_equal(frees: &[usize], theta: &DVector<f64>, v: &DMatrix<f64>) -> Option<f64> {
    let m = frees.len() - 1;
    let mut r = DMatrix::zeros(m, theta.len());
    for (i, &k) in frees[1..].iter().enumerate() {
        r[(i, frees[0] - 1)] += 1.0;
        r[(i, k - 1)] -= 1.0;
    }
    let d = &r * theta;
    let rvr = &r * v * r.transpose();
    let scale = rvr.diagonal().amax();
    if !(scale.is_finite() && scale > 1e-14) {
        return None;
    }
    let w = (d.transpose() * rvr.cholesky()?.inverse() * &d)[(0, 0)];
    w.is_finite().then_some(w)
}
