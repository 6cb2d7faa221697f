//! Missing data for full-information ML (lavaan's `missing = "ml"`): the
//! data rows in; the missing-data patterns with their sufficient statistics
//! and the saturated (h1) model's means and covariances, estimated by EM,
//! out.
//!
//! lavaan 0.6 `R/lav_data_patterns.R`, `R/lav_samplestats.R` and
//! `R/lav_mvnorm_missing_h1.R`:
//!
//! - Rows missing on every model variable are dropped (lavaan warns "some
//!   cases are empty and will be ignored"); with fixed exogenous covariates
//!   (`fixed.x`), rows missing on a covariate are dropped too.
//! - Patterns are ordered as lavaan orders them: most frequent first.
//! - Per pattern p with observed variables o: n_p, the mean ȳ_p and the
//!   covariance S_p (divisor n_p) of the observed values. Every likelihood,
//!   gradient and information of FIML is a sum over patterns of these.
//! - The saturated model by EM (`lav_mvnorm_missing_h1_estimate_moments`):
//!   start at the available-case means and a diagonal of available-case
//!   variances (divisor n_j); E-step ŷ_m = μ_m + Σ_mo Σ_oo⁻¹ (y_o − μ_o),
//!   C = Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om; M-step μ = T1/N, Σ = T2/N − μμ′ (a ridge
//!   of 1e-8·max diag when the smallest eigenvalue is below 1e-6); stop when
//!   max |Δ(μ, vech Σ)| < 1e-5 or after 500 iterations. We replicate this
//!   step for step (on the patterns' sufficient statistics rather than row
//!   by row), so the h1 moments — which lavaan uses as "the sample
//!   statistics" for starting values, SRMR, GFI and semTools' ω — agree
//!   with lavaan's to rounding.

use crate::data::NumericData;
use crate::samplestats::moments::{GroupMoments, MomentsError};
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// log(2π).
pub const LOG_2PI: f64 = 1.837_877_066_409_345_3;

/// EM convergence tolerance on max |Δ(μ, vech Σ)| (lavaan's `em.h1.tol`).
pub const EM_TOL: f64 = 1e-5;
/// EM iteration limit (lavaan's `em.h1.iter.max`).
pub const EM_MAX_ITER: usize = 500;

/// One missing-data pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// `observed[j]`: variable j has a value in these rows.
    pub observed: Vec<bool>,
    /// Indices of the observed variables, ascending.
    pub obs: Vec<usize>,
    /// Indices of the missing variables, ascending.
    pub mis: Vec<usize>,
    /// Number of rows with this pattern.
    pub n: usize,
    /// 0-based indices of these rows in the data.
    pub rows: Vec<usize>,
    /// The rows' observed values (n × |obs|), in row order.
    pub data: DMatrix<f64>,
    /// Mean of the observed values.
    pub mean: DVector<f64>,
    /// Covariance of the observed values, divisor n.
    pub cov: DMatrix<f64>,
}

/// The saturated (h1) model: EM estimates of the means and covariances.
#[derive(Debug, Clone)]
pub struct Saturated {
    pub mean: DVector<f64>,
    pub cov: DMatrix<f64>,
    /// Log-likelihood at the EM estimates (with the 2π term).
    pub logl: f64,
    /// −2ℓ/N without the 2π term (lavaan's `missing.h1$h1`).
    pub fx: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// The rows of one group under FIML: patterns and the saturated model.
#[derive(Debug, Clone)]
pub struct MissingGroup {
    /// Variable names (the model's observed variables).
    pub names: Vec<String>,
    /// Patterns, most frequent first (lavaan's order).
    pub patterns: Vec<Pattern>,
    /// Rows used (with at least one value).
    pub n: usize,
    /// 0-based indices of rows left out because every value is missing.
    pub empty_rows: Vec<usize>,
    /// 0-based indices of rows left out because a fixed covariate is missing.
    pub x_missing_rows: Vec<usize>,
    /// Per variable, the number of rows where it is observed.
    pub n_observed: Vec<usize>,
    pub h1: Saturated,
}

/// One pattern as shown in the data summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatternSummary {
    /// Number of rows with this pattern.
    pub count: usize,
    /// `observed[j]`: variable j has a value in these rows.
    pub observed: Vec<bool>,
}

impl MissingGroup {
    /// The sample moments FIML fits the model to: this group's EM (h1)
    /// means and covariances, for `names` (the model's observed variables,
    /// in the columns' order).
    pub fn group_moments(&self, names: &[String]) -> Result<GroupMoments, MomentsError> {
        GroupMoments::from_moments(
            self.n,
            self.h1.cov.clone(),
            Some(self.h1.mean.clone()),
            names,
        )
    }

    /// Patterns and the saturated model of the rows of `data` (columns in
    /// model order). `x_idx`: columns of fixed exogenous covariates; rows
    /// missing on one of them are left out.
    pub fn new(data: &NumericData, x_idx: &[usize]) -> Result<MissingGroup, MomentsError> {
        let p = data.n_cols();
        let names = data.names.clone();
        // rows missing on a fixed covariate are dropped first (lavaan
        // deletes them and warns), then the empty rows
        let mut x_missing_rows = Vec::new();
        let mut kept = NumericData {
            names: names.clone(),
            rows: Vec::with_capacity(data.n_rows()),
        };
        let mut kept_index = Vec::with_capacity(data.n_rows());
        for (i, row) in data.rows.iter().enumerate() {
            let nonempty = row.iter().any(Option::is_some);
            if nonempty
                && x_idx
                    .iter()
                    .any(|&j| row.get(j).copied().flatten().is_none())
            {
                x_missing_rows.push(i);
                continue;
            }
            kept.rows.push(row.clone());
            kept_index.push(i);
        }
        let mp = kept.patterns();
        let empty_rows: Vec<usize> = mp
            .empty_row_indices
            .iter()
            .map(|&i| kept_index[i])
            .collect();
        let n: usize = mp.n_nonempty();
        let mut n_observed = vec![0usize; p];
        for pat in &mp.patterns {
            for (nj, &o) in n_observed.iter_mut().zip(&pat.observed) {
                if o {
                    *nj += pat.count;
                }
            }
        }
        if let Some(j) = (0..p).find(|&j| n_observed[j] == 0) {
            return Err(MomentsError::NoValues {
                name: names[j].clone(),
            });
        }
        if n < 2 {
            return Err(MomentsError::TooFewRows { rows: n });
        }
        let patterns: Vec<Pattern> = mp
            .patterns
            .iter()
            .map(|pat| {
                let obs: Vec<usize> = (0..p).filter(|&j| pat.observed[j]).collect();
                let mis: Vec<usize> = (0..p).filter(|&j| !pat.observed[j]).collect();
                let k = obs.len();
                let np = pat.count;
                let data = DMatrix::from_fn(np, k, |r, c| {
                    kept.rows[pat.row_indices[r]][obs[c]].unwrap_or(f64::NAN)
                });
                let mean = crate::data::mean_vector(&data);
                let cov = crate::data::covariance_n(&data);
                Pattern {
                    observed: pat.observed.clone(),
                    obs,
                    mis,
                    n: np,
                    rows: pat.row_indices.iter().map(|&i| kept_index[i]).collect(),
                    data,
                    mean,
                    cov,
                }
            })
            .collect();
        for (j, name) in names.iter().enumerate() {
            let var = available_moments(&patterns, j).1;
            if var.is_nan() || var <= 0.0 {
                return Err(MomentsError::ConstantVariable { name: name.clone() });
            }
        }
        let h1 = em_saturated(&patterns, p, n);
        Ok(MissingGroup {
            names,
            patterns,
            n,
            empty_rows,
            x_missing_rows,
            n_observed,
            h1,
        })
    }

    /// Number of variables.
    pub fn p(&self) -> usize {
        self.names.len()
    }

    /// The patterns for the data summary.
    pub fn summary(&self) -> Vec<PatternSummary> {
        self.patterns
            .iter()
            .map(|p| PatternSummary {
                count: p.n,
                observed: p.observed.clone(),
            })
            .collect()
    }

    /// Coverage: entry (j, k) is the proportion of the rows used in which
    /// both variable j and variable k are observed (lavaan's `coverage`).
    pub fn coverage(&self) -> DMatrix<f64> {
        let p = self.p();
        let mut c = DMatrix::zeros(p, p);
        for pat in &self.patterns {
            for &j in &pat.obs {
                for &k in &pat.obs {
                    c[(j, k)] += pat.n as f64;
                }
            }
        }
        c / self.n as f64
    }

    /// Available-case mean and variance (divisor n_j) of variable j: the
    /// ML estimates of the independence (baseline) model under FIML.
    pub fn available_moments(&self, j: usize) -> (f64, f64) {
        available_moments(&self.patterns, j)
    }

    /// lavaan's plain sample statistics under missing data
    /// (`lavsamplestats@mean`, `@cov`; used for the GFI): available-case
    /// means, and pairwise-complete covariances (divisor n_jk − 1, as R's
    /// `cov(use = "pairwise")`) rescaled by (N − 1)/N.
    pub fn pairwise_moments(&self) -> (DVector<f64>, DMatrix<f64>) {
        let p = self.p();
        let mean = DVector::from_fn(p, |j, _| available_moments(&self.patterns, j).0);
        let mut cov = DMatrix::zeros(p, p);
        let nf = self.n as f64;
        for j in 0..p {
            for k in 0..=j {
                // the rows where both are observed
                let mut xs = Vec::new();
                for pat in &self.patterns {
                    if let (Some(a), Some(b)) = (
                        pat.obs.iter().position(|&o| o == j),
                        pat.obs.iter().position(|&o| o == k),
                    ) {
                        for r in 0..pat.n {
                            xs.push((pat.data[(r, a)], pat.data[(r, b)]));
                        }
                    }
                }
                let m = xs.len() as f64;
                let (mx, my) = (
                    xs.iter().map(|v| v.0).sum::<f64>() / m,
                    xs.iter().map(|v| v.1).sum::<f64>() / m,
                );
                let c = xs.iter().map(|v| (v.0 - mx) * (v.1 - my)).sum::<f64>() / (m - 1.0)
                    * (nf - 1.0)
                    / nf;
                cov[(j, k)] = c;
                cov[(k, j)] = c;
            }
        }
        (mean, cov)
    }

    /// Σ_p n_p |o_p|: the number of observed values (for the 2π term).
    pub fn n_values(&self) -> usize {
        self.patterns.iter().map(|p| p.n * p.obs.len()).sum()
    }

    /// Log-likelihood of the rows under N(μ, Σ) (with the 2π term), or None
    /// when Σ is not positive definite.
    pub fn loglik(&self, mu: &DVector<f64>, sigma: &DMatrix<f64>) -> Option<f64> {
        let m2 = minus_two_loglik(&self.patterns, mu, sigma)?;
        Some(-0.5 * (m2 + self.n_values() as f64 * LOG_2PI))
    }

    /// The complete rows (listwise deletion over all variables), n × p.
    pub fn complete_rows(&self) -> DMatrix<f64> {
        match self.patterns.iter().find(|p| p.mis.is_empty()) {
            Some(p) => p.data.clone(),
            None => DMatrix::zeros(0, self.p()),
        }
    }
}

/// Available-case mean and variance (divisor n_j) of variable j.
fn available_moments(patterns: &[Pattern], j: usize) -> (f64, f64) {
    let (mut n, mut s) = (0usize, 0.0);
    for pat in patterns {
        if let Some(c) = pat.obs.iter().position(|&o| o == j) {
            n += pat.n;
            s += pat.data.column(c).sum();
        }
    }
    let mean = s / n as f64;
    let mut ss = 0.0;
    for pat in patterns {
        if let Some(c) = pat.obs.iter().position(|&o| o == j) {
            ss += pat
                .data
                .column(c)
                .iter()
                .map(|v| (v - mean) * (v - mean))
                .sum::<f64>();
        }
    }
    (mean, ss / n as f64)
}

/// Inverse and log-determinant of the submatrix Σ_oo, from Q = Σ⁻¹ and
/// log|Σ|: Σ_oo⁻¹ = Q_oo − Q_om Q_mm⁻¹ Q_mo and log|Σ_oo| = log|Σ| +
/// log|Q_mm| (lavaan's `lav_matrix_symmetric_inverse_update`). Cheap when
/// few variables are missing.
pub fn sub_inverse(
    q: &DMatrix<f64>,
    logdet: f64,
    obs: &[usize],
    mis: &[usize],
) -> Option<(DMatrix<f64>, f64)> {
    let k = obs.len();
    if mis.is_empty() {
        return Some((q.clone(), logdet));
    }
    let m = mis.len();
    let qmm = DMatrix::from_fn(m, m, |a, b| q[(mis[a], mis[b])]);
    let (qmm_inv, ld_mm) = crate::linalg::spd_inverse_logdet(&qmm)?;
    let qmo = DMatrix::from_fn(m, k, |a, b| q[(mis[a], obs[b])]);
    let t = &qmm_inv * &qmo; // m × k
    let mut inv = DMatrix::from_fn(k, k, |a, b| q[(obs[a], obs[b])]);
    inv -= qmo.transpose() * t;
    // exact symmetry
    for a in 0..k {
        for b in 0..a {
            let v = 0.5 * (inv[(a, b)] + inv[(b, a)]);
            inv[(a, b)] = v;
            inv[(b, a)] = v;
        }
    }
    Some((inv, logdet + ld_mm))
}

/// Σ_p n_p [log|Σ_oo| + tr(Σ_oo⁻¹ (S_p + (ȳ_p − μ_o)(ȳ_p − μ_o)′))]: −2ℓ
/// without the 2π term; None when Σ is not positive definite.
pub fn minus_two_loglik(
    patterns: &[Pattern],
    mu: &DVector<f64>,
    sigma: &DMatrix<f64>,
) -> Option<f64> {
    let (q, ld) = crate::linalg::spd_inverse_logdet(sigma)?;
    let mut total = 0.0;
    for pat in patterns {
        let (inv, ldo) = sub_inverse(&q, ld, &pat.obs, &pat.mis)?;
        total += pat.n as f64 * (ldo + pattern_trace(pat, &inv, mu));
    }
    Some(total)
}

/// tr(Σ_oo⁻¹ (S_p + d d′)) with d = ȳ_p − μ_o.
pub fn pattern_trace(pat: &Pattern, inv: &DMatrix<f64>, mu: &DVector<f64>) -> f64 {
    let k = pat.obs.len();
    let d = DVector::from_fn(k, |a, _| pat.mean[a] - mu[pat.obs[a]]);
    let mut tr = 0.0;
    for b in 0..k {
        for a in 0..k {
            tr += inv[(a, b)] * (pat.cov[(a, b)] + d[a] * d[b]);
        }
    }
    tr
}

/// EM estimates of the saturated model, step for step as lavaan.
fn em_saturated(patterns: &[Pattern], p: usize, n: usize) -> Saturated {
    let nf = n as f64;
    // start: available-case means, diagonal of available-case variances
    let mut mu = DVector::zeros(p);
    let mut sigma = DMatrix::zeros(p, p);
    for j in 0..p {
        let (m, v) = available_moments(patterns, j);
        mu[j] = m;
        sigma[(j, j)] = if v.is_finite() && v != 0.0 { v } else { 1.0 };
    }
    // raw second moments per pattern: S_p + ȳ ȳ′
    let m2: Vec<DMatrix<f64>> = patterns
        .iter()
        .map(|pat| &pat.cov + &pat.mean * pat.mean.transpose())
        .collect();
    let mut iterations = 0;
    let mut converged = false;
    for it in 1..=EM_MAX_ITER {
        iterations = it;
        let Some((t1, t2)) = estep(patterns, &m2, &mu, &sigma) else {
            break;
        };
        let mu_new = t1 / nf;
        let mut sigma_new = t2 / nf - &mu_new * mu_new.transpose();
        // exact symmetry
        for a in 0..p {
            for b in 0..a {
                let v = 0.5 * (sigma_new[(a, b)] + sigma_new[(b, a)]);
                sigma_new[(a, b)] = v;
                sigma_new[(b, a)] = v;
            }
        }
        // lavaan: if any eigenvalue < 1e-6, add 1e-8·max(diag) to the diagonal
        let shifted = &sigma_new - DMatrix::<f64>::identity(p, p) * 1e-6;
        if crate::linalg::spd_logdet(&shifted).is_none() {
            let md = sigma_new.diagonal().max();
            for j in 0..p {
                sigma_new[(j, j)] += md * 1e-8;
            }
        }
        let mut delta = 0.0f64;
        for j in 0..p {
            delta = delta.max((mu_new[j] - mu[j]).abs());
            for i in j..p {
                delta = delta.max((sigma_new[(i, j)] - sigma[(i, j)]).abs());
            }
        }
        mu = mu_new;
        sigma = sigma_new;
        if delta < EM_TOL {
            converged = true;
            break;
        }
    }
    let m2ll = minus_two_loglik(patterns, &mu, &sigma).unwrap_or(f64::NAN);
    let n_values: usize = patterns.iter().map(|p| p.n * p.obs.len()).sum();
    Saturated {
        fx: m2ll / nf,
        logl: -0.5 * (m2ll + n_values as f64 * LOG_2PI),
        mean: mu,
        cov: sigma,
        iterations,
        converged,
    }
}

/// E-step: T1 = Σ_i ŷ_i and T2 = Σ_i (ŷ_i ŷ_i′ + C_i), from the patterns'
/// sufficient statistics (n_p, ȳ_p, M2_p = S_p + ȳ_p ȳ_p′).
fn estep(
    patterns: &[Pattern],
    m2: &[DMatrix<f64>],
    mu: &DVector<f64>,
    sigma: &DMatrix<f64>,
) -> Option<(DVector<f64>, DMatrix<f64>)> {
    let p = mu.len();
    let (q, ld) = crate::linalg::spd_inverse_logdet(sigma)?;
    let mut t1 = DVector::zeros(p);
    let mut t2 = DMatrix::zeros(p, p);
    for (pat, m2p) in patterns.iter().zip(m2) {
        let np = pat.n as f64;
        let (o, m) = (&pat.obs, &pat.mis);
        for (a, &i) in o.iter().enumerate() {
            t1[i] += np * pat.mean[a];
            for (b, &j) in o.iter().enumerate() {
                t2[(i, j)] += np * m2p[(a, b)];
            }
        }
        if m.is_empty() {
            continue;
        }
        let (inv, _) = sub_inverse(&q, ld, o, m)?;
        let (ko, km) = (o.len(), m.len());
        let s_mo = DMatrix::from_fn(km, ko, |a, b| sigma[(m[a], o[b])]);
        let b_mat = &s_mo * &inv; // B = Σ_mo Σ_oo⁻¹
        let mu_o = DVector::from_fn(ko, |a, _| mu[o[a]]);
        let a_vec = DVector::from_fn(km, |a, _| mu[m[a]]) - &b_mat * mu_o; // a = μ_m − B μ_o
        let b_ybar = &b_mat * &pat.mean;
        let yhat = &a_vec + &b_ybar; // mean of ŷ_m
                                     // Σ ŷ_m y_o′ = n (a ȳ′ + B M2)
        let cross = (&a_vec * pat.mean.transpose() + &b_mat * m2p) * np;
        // Σ ŷ_m ŷ_m′ + n C = n (a a′ + a (Bȳ)′ + (Bȳ) a′ + B M2 B′ + Σ_mm − B Σ_om)
        let bm2b = &b_mat * m2p * b_mat.transpose();
        let b_som = &b_mat * s_mo.transpose();
        for a in 0..km {
            t1[m[a]] += np * yhat[a];
            for (c, &j) in o.iter().enumerate() {
                t2[(m[a], j)] += cross[(a, c)];
                t2[(j, m[a])] += cross[(a, c)];
            }
            for b in 0..km {
                let v = a_vec[a] * a_vec[b]
                    + a_vec[a] * b_ybar[b]
                    + b_ybar[a] * a_vec[b]
                    + bm2b[(a, b)]
                    + sigma[(m[a], m[b])]
                    - b_som[(a, b)];
                t2[(m[a], m[b])] += np * v;
            }
        }
    }
    Some((t1, t2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(rows: &[&[Option<f64>]]) -> NumericData {
        NumericData {
            names: (1..=rows[0].len()).map(|j| format!("y{j}")).collect(),
            rows: rows.iter().map(|r| r.to_vec()).collect(),
        }
    }

    #[test]
    fn complete_data_em_gives_the_sample_moments_at_once() {
        let d = data(&[
            &[Some(1.0), Some(2.0)],
            &[Some(2.0), Some(1.0)],
            &[Some(3.0), Some(5.0)],
            &[Some(4.0), Some(3.0)],
        ]);
        let mg = MissingGroup::new(&d, &[]).unwrap();
        assert_eq!(mg.patterns.len(), 1);
        assert!((mg.h1.mean[0] - 2.5).abs() < 1e-14);
        assert!((mg.h1.cov[(0, 1)] - 0.875).abs() < 1e-14);
        assert!(mg.h1.converged);
    }

    #[test]
    fn empty_rows_are_dropped_and_a_variable_without_values_is_named() {
        let d = data(&[
            &[Some(1.0), None],
            &[None, None],
            &[Some(2.0), Some(1.0)],
            &[Some(4.0), Some(3.0)],
            &[None, Some(2.0)],
        ]);
        let mg = MissingGroup::new(&d, &[]).unwrap();
        assert_eq!(mg.n, 4);
        assert_eq!(mg.empty_rows, vec![1]);
        assert_eq!(mg.n_observed, vec![3, 3]);
        let c = mg.coverage();
        assert!((c[(0, 1)] - 0.5).abs() < 1e-15);
        let d = data(&[&[Some(1.0), None], &[Some(2.0), None]]);
        let e = MissingGroup::new(&d, &[]).unwrap_err();
        assert_eq!(e, MomentsError::NoValues { name: "y2".into() });
    }

    #[test]
    fn sub_inverse_matches_a_direct_inverse() {
        let s = DMatrix::from_row_slice(3, 3, &[4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0]);
        let (q, ld) = crate::linalg::spd_inverse_logdet(&s).unwrap();
        let (inv, ldo) = sub_inverse(&q, ld, &[0, 2], &[1]).unwrap();
        let soo = DMatrix::from_row_slice(2, 2, &[4.0, 0.5, 0.5, 2.0]);
        let (direct, ldd) = crate::linalg::spd_inverse_logdet(&soo).unwrap();
        assert!((inv - direct).amax() < 1e-14);
        assert!((ldo - ldd).abs() < 1e-14);
    }
}
