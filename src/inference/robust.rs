//! Robust maximum likelihood: the fitted model and the raw data in; robust
//! standard errors, scaled test statistics and lavaan's `*.scaled` and
//! `*.robust` fit measures out.
//!
//! - **MLM** (`se = "robust.sem"`, `test = "satorra.bentler"`): sandwich
//!   around the *expected* information with the asymptotic covariance Γ of
//!   the sample moments; Satorra–Bentler scaled χ².
//!   lavaan `R/lav_model_vcov.R::lav_model_nvcov_robust_sem`,
//!   `R/lav_test_satorra_bentler.R` (method "original").
//! - **MLR** (`se = "robust.huber.white"`, `test = "yuan.bentler.mplus"`):
//!   sandwich around the *observed* information (Hessian of f) with the
//!   first-order information of the casewise scores; Yuan–Bentler scaled χ²,
//!   Mplus variant. lavaan `R/lav_model_vcov.R::lav_model_nvcov_robust_sandwich`,
//!   `R/lav_model_hessian.R`, `R/lav_test_yuan_bentler.R`.
//! - Γ: `R/lav_samplestats_gamma.R::lav_samplestats_Gamma` (divisor N, the
//!   `fixed.x` variant when there are exogenous covariates).
//! - Robust CFI/TLI/RNI (Brosseau-Liard & Savalei 2014): `R/lav_fit_cfi.R`;
//!   scaled and robust RMSEA with CIs (Savalei 2018): `R/lav_fit_rmsea.R`.
//!   The incremental indices and the RMSEA here serve every estimator (ML,
//!   FIML, WLSMV).
//! - Under FIML, MLR takes its scores and information from the missing-data
//!   patterns (`estimate::fiml`); the baseline model and the scaling are
//!   the ones here.
//!
//! Every formula lives here once; lavaan 0.6.14 is the reference (its
//! functions were read from the installed package, which differs in names
//! from the 0.7 development sources).
//!
//! Conventions. Per group g the sample statistics are s_g = (ȳ [only with a
//! mean structure], vech S), vech being lavaan's column-wise lower triangle.
//! Δ_g = ∂s_g/∂θ′ at θ̂; A1_g = blockdiag(Σ⁻¹, ½D′(Σ⁻¹⊗Σ⁻¹)D) is the unit
//! normal-theory information of s_g; f_g = n_g/N. Rows and columns of
//! elements that belong to fixed.x covariates (both indices exogenous) are
//! zero in A1, Γ and the scores, as lavaan's `eliminate.pstar.idx`.
//! Equality constraints θ = k₀ + K z enter through the "augmented inverse"
//! K (K′ I K)⁻¹ K′ of any information matrix I (lavaan's
//! `lav_model_information_augment_invert`).

use crate::distributions::{rmsea_ci_c_hat, rmsea_notclose_pvalue_c_hat, rmsea_pvalue_c_hat};
use crate::estimate::ml::Eval;
use crate::estimate::Problem;
use crate::fitmeasures::{chisq_pvalue, FitMeasures};
use crate::partable::{Op, ParTable, Param};
use nalgebra::{DMatrix, DVector};

/// Which robust correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Robust {
    /// Satorra–Bentler (lavaan's MLM).
    Mlm,
    /// Huber–White SEs and the Yuan–Bentler (Mplus) test (lavaan's MLR).
    Mlr,
}

/// A scaled test statistic (lavaan's `TEST$satorra.bentler` or
/// `TEST$yuan.bentler.mplus`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaledTest {
    /// The standard (unscaled) statistic T.
    pub chisq: f64,
    pub df: f64,
    /// trace(UΓ) (MLM) or the Yuan–Bentler trace (MLR); NaN when df = 0.
    pub trace_ugamma: f64,
    /// c = trace / df (NaN when df = 0 or the trace is negative).
    pub scaling_factor: f64,
    /// MLR only: Σ_g tr(A1ᵘ⁻¹B1ᵘ) / (number of sample statistics).
    pub scaling_factor_h1: Option<f64>,
    /// MLR only: Σ_g f_g tr(B0_g E⁻¹) / (number of free parameters).
    pub scaling_factor_h0: Option<f64>,
}

impl ScaledTest {
    /// T/c (T itself when c is not available, as lavaan).
    pub fn chisq_scaled(&self) -> f64 {
        if self.scaling_factor.is_finite() {
            self.chisq / self.scaling_factor
        } else {
            self.chisq
        }
    }
}

/// The robust results for the fitted model.
#[derive(Debug, Clone)]
pub struct RobustResult {
    /// Robust covariance matrix of θ̂ (None when an information matrix is singular).
    pub vcov: Option<DMatrix<f64>>,
    pub test: ScaledTest,
    /// The same scaled test for the independence (baseline) model.
    pub baseline: Option<ScaledTest>,
}

/// Why robust results cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RobustError {
    /// Only a covariance matrix was given; robust corrections need raw data.
    NeedsRawData,
    /// Σ̂ is not positive definite at the estimates.
    NotPositiveDefinite,
}

impl std::fmt::Display for RobustError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RobustError::NeedsRawData => write!(
                f,
                "robust estimators (MLR, MLM) need the raw data, not only a covariance matrix"
            ),
            RobustError::NotPositiveDefinite => write!(
                f,
                "robust standard errors could not be computed: the model-implied covariance matrix is not positive definite"
            ),
        }
    }
}

impl std::error::Error for RobustError {}

// ---------------------------------------------------------------------------
// building blocks

/// lavaan's `vech` order: column-wise lower triangle, (row i, column j), i ≥ j.
pub fn vech_pairs(p: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(p * (p + 1) / 2);
    for j in 0..p {
        for i in j..p {
            out.push((i, j));
        }
    }
    out
}

/// Which sample statistics survive fixed.x (lavaan's `eliminate.pstar.idx`):
/// means of non-x variables and (co)variances not inside the x block.
pub(crate) fn kept(p: usize, meanstructure: bool, x_idx: &[usize]) -> Vec<bool> {
    let is_x = |i: usize| x_idx.contains(&i);
    let mut k = Vec::new();
    if meanstructure {
        k.extend((0..p).map(|i| !is_x(i)));
    }
    k.extend(
        vech_pairs(p)
            .into_iter()
            .map(|(i, j)| !(is_x(i) && is_x(j))),
    );
    k
}

/// Exogenous (fixed.x) covariates as indices into the observed variables;
/// empty unless the model actually treats them as fixed.
pub fn fixed_x_indices(pt: &ParTable) -> Vec<usize> {
    if !pt.params.iter().any(|p| p.exo) {
        return Vec::new();
    }
    pt.vars
        .ov_x
        .iter()
        .filter_map(|x| pt.vars.ov.iter().position(|o| o == x))
        .collect()
}

/// Zeroes the rows and columns of eliminated statistics.
fn zero_eliminated(m: &mut DMatrix<f64>, kept: &[bool]) {
    for (a, &k) in kept.iter().enumerate() {
        if !k {
            m.row_mut(a).fill(0.0);
            m.column_mut(a).fill(0.0);
        }
    }
}

/// A1 = blockdiag(W, ½D′(W⊗W)D) for W = Σ⁻¹ (lavaan
/// `lav_mvnorm_information_expected`, `lav_mvnorm_h1_information_expected`).
/// Element (a, b) of the vech block is ½ tr(W E_a W E_b), E_a being the
/// symmetric unit matrix of vech element a = (i, j) (ones at (i, j) and
/// (j, i)): W_ik W_jl + W_il W_jk for i ≠ j and k ≠ l, W_ik W_il for i = j,
/// k ≠ l, and ½ W_ik² for i = j, k = l.
pub fn a1_matrix(w: &DMatrix<f64>, meanstructure: bool, x_idx: &[usize]) -> DMatrix<f64> {
    let p = w.nrows();
    let pairs = vech_pairs(p);
    let off = if meanstructure { p } else { 0 };
    let n = off + pairs.len();
    let mut a = DMatrix::zeros(n, n);
    if meanstructure {
        a.view_mut((0, 0), (p, p)).copy_from(w);
    }
    for (ia, &(i, j)) in pairs.iter().enumerate() {
        for (ib, &(k, l)) in pairs.iter().enumerate().skip(ia) {
            // tr(W e_x e_y′ W e_u e_v′) = W_yu W_vx over the unit terms
            let v = if i == j {
                if k == l {
                    0.5 * w[(i, k)] * w[(i, k)]
                } else {
                    w[(i, k)] * w[(i, l)]
                }
            } else if k == l {
                w[(i, k)] * w[(j, k)]
            } else {
                w[(i, k)] * w[(j, l)] + w[(i, l)] * w[(j, k)]
            };
            a[(off + ia, off + ib)] = v;
            a[(off + ib, off + ia)] = v;
        }
    }
    zero_eliminated(&mut a, &kept(p, meanstructure, x_idx));
    a
}

/// Γ of one group: (1/n) Σ_i z_i z_i′ with z_i the centred
/// (y_i, vech((y_i−ȳ)(y_i−ȳ)′)) — lavaan `lav_samplestats_Gamma`
/// (not model based, divisor n). With fixed.x covariates, lavaan's fixed.x
/// variant: the products of the OLS-fitted values on [1, x] are subtracted
/// from those of the data, so that the x block has no sampling variance.
pub fn gamma(raw: &DMatrix<f64>, meanstructure: bool, x_idx: &[usize]) -> DMatrix<f64> {
    let n = raw.nrows();
    let p = raw.ncols();
    let pairs = vech_pairs(p);
    let off = if meanstructure { p } else { 0 };
    let k = off + pairs.len();
    let centred = |m: &DMatrix<f64>| {
        let mut c = m.clone();
        for mut col in c.column_iter_mut() {
            let mean = col.sum() / n as f64;
            col.add_scalar_mut(-mean);
        }
        c
    };
    let yc = centred(raw);
    let mut z = DMatrix::zeros(n, k);
    if meanstructure {
        z.view_mut((0, 0), (n, p)).copy_from(raw);
    }
    for (a, &(i, j)) in pairs.iter().enumerate() {
        for r in 0..n {
            z[(r, off + a)] = yc[(r, i)] * yc[(r, j)];
        }
    }
    if !x_idx.is_empty() {
        // YHAT: non-x columns replaced by their OLS fit on [1, x]
        let nx = x_idx.len();
        let mut xm = DMatrix::from_element(n, nx + 1, 1.0);
        for (c, &xi) in x_idx.iter().enumerate() {
            xm.column_mut(c + 1).copy_from(&raw.column(xi));
        }
        let xtx = xm.transpose() * &xm;
        let mut yhat = raw.clone();
        if let Some(inv) = xtx.try_inverse() {
            let hat_coef = inv * xm.transpose();
            for c in (0..p).filter(|c| !x_idx.contains(c)) {
                let b = &hat_coef * raw.column(c);
                yhat.column_mut(c).copy_from(&(&xm * b));
            }
        }
        let yhc = centred(&yhat);
        if meanstructure {
            z.view_mut((0, 0), (n, p)).copy_from(&(raw - &yhat));
        }
        for (a, &(i, j)) in pairs.iter().enumerate() {
            for r in 0..n {
                z[(r, off + a)] -= yhc[(r, i)] * yhc[(r, j)];
            }
        }
    }
    let zc = centred(&z);
    zc.transpose() * zc / n as f64
}

/// Casewise scores of the normal log-likelihood with respect to
/// (μ [with a mean structure], vech Σ) at (μ, Σ⁻¹): n × k. lavaan
/// `lav_mvnorm_scores_mu_vech_sigma` / `lav_mvnorm_scores_vech_sigma`:
/// v = Σ⁻¹(y − μ); mean part v; vech part v_i v_j − (Σ⁻¹)_ij, halved on the
/// diagonal; fixed.x elements zero.
pub fn scores(
    raw: &DMatrix<f64>,
    mu: &DVector<f64>,
    sigma_inv: &DMatrix<f64>,
    meanstructure: bool,
    x_idx: &[usize],
) -> DMatrix<f64> {
    let n = raw.nrows();
    let p = raw.ncols();
    let pairs = vech_pairs(p);
    let off = if meanstructure { p } else { 0 };
    let mut yc = raw.clone();
    for (j, mut col) in yc.column_iter_mut().enumerate() {
        col.add_scalar_mut(-mu[j]);
    }
    let v = yc * sigma_inv; // rows v_i′ (Σ⁻¹ symmetric)
    let mut sc = DMatrix::zeros(n, off + pairs.len());
    if meanstructure {
        sc.view_mut((0, 0), (n, p)).copy_from(&v);
    }
    for (a, &(i, j)) in pairs.iter().enumerate() {
        let half = if i == j { 0.5 } else { 1.0 };
        for r in 0..n {
            sc[(r, off + a)] = half * (v[(r, i)] * v[(r, j)] - sigma_inv[(i, j)]);
        }
    }
    for (a, k) in kept(p, meanstructure, x_idx).into_iter().enumerate() {
        if !k {
            sc.column_mut(a).fill(0.0);
        }
    }
    sc
}

/// Δ_g = ∂(μ_g, vech Σ_g)/∂θ′ for group g (0-based) at the evaluation.
pub fn delta(prob: &Problem, ev: &Eval, g: usize) -> DMatrix<f64> {
    let p = prob.structure.p;
    let ms = prob.structure.meanstructure;
    let pairs = vech_pairs(p);
    let off = if ms { p } else { 0 };
    let ge = &ev.groups[g];
    let mut d = DMatrix::zeros(off + pairs.len(), prob.pt.n_free);
    for r in prob.rows_of_group(g + 1) {
        let k = prob.pt.params[r].free;
        if k == 0 {
            continue;
        }
        let der = prob.deriv(r, ge);
        if ms {
            if let Some((c, col)) = der.mu {
                for i in 0..p {
                    d[(i, k - 1)] += c * ge.x[(i, col)];
                }
            }
        }
        for &(c, a, b) in der.sigma_terms() {
            for (e, &(i, j)) in pairs.iter().enumerate() {
                d[(off + e, k - 1)] += c * ge.x[(i, a)] * ge.x[(j, b)];
            }
        }
    }
    d
}

/// The observed information: Hessian of f at θ from lavaan's 5-point
/// Richardson central difference of the analytic gradient, h = 1e-6, then
/// symmetrized (`R/lav_model_hessian.R::lav_model_hessian`). None if Σ is
/// not positive definite at a probe point.
pub fn observed_information(prob: &Problem, theta: &DVector<f64>) -> Option<DMatrix<f64>> {
    let q = theta.len();
    let h = 1e-6;
    let grad_at = |t: &DVector<f64>| prob.evaluate(t).map(|ev| prob.gradient(&ev));
    let mut hess = DMatrix::zeros(q, q);
    for j in 0..q {
        let probe = |step: f64| {
            let mut t = theta.clone();
            t[j] += step;
            grad_at(&t)
        };
        let gl2 = probe(-2.0 * h)?;
        let gl = probe(-h)?;
        let gr = probe(h)?;
        let gr2 = probe(2.0 * h)?;
        let col = (gl2 - 8.0 * gl + 8.0 * gr - gr2) / (12.0 * h);
        hess.set_column(j, &col);
    }
    Some((&hess + hess.transpose()) * 0.5)
}

// ---------------------------------------------------------------------------
// the robust corrections

/// Per-group pieces shared by both corrections.
struct GroupPieces {
    delta: DMatrix<f64>,
    gamma: DMatrix<f64>,
    w: f64,
    kept: Vec<bool>,
}

fn group_pieces(
    prob: &Problem,
    ev: &Eval,
    x_idx: &[usize],
) -> Result<Vec<GroupPieces>, RobustError> {
    let ms = prob.structure.meanstructure;
    let p = prob.structure.p;
    prob.sm
        .groups
        .iter()
        .enumerate()
        .map(|(g, gm)| {
            let raw = gm.raw.as_ref().ok_or(RobustError::NeedsRawData)?;
            Ok(GroupPieces {
                delta: delta(prob, ev, g),
                gamma: gamma(raw, ms, x_idx),
                w: ev.groups[g].w,
                kept: kept(p, ms, x_idx),
            })
        })
        .collect()
}

/// Robust SEs and the scaled test of the fitted model at θ̂ (and of the
/// baseline model when `with_baseline`). Under FIML only MLR exists (lavaan
/// refuses MLM with `missing = "ml"`): on the FIML likelihood, with the
/// casewise scores by missing-data pattern
/// (`estimate::fiml::mlr_correction`).
pub fn robust(
    prob: &Problem,
    theta: &DVector<f64>,
    kind: Robust,
    with_baseline: bool,
) -> Result<RobustResult, RobustError> {
    if prob.is_fiml() && kind != Robust::Mlr {
        // refused earlier, with a message, by the analysis
        return Err(RobustError::NotPositiveDefinite);
    }
    let x_idx = fixed_x_indices(prob.pt);
    let (vcov, test) = correction(prob, theta, kind, &x_idx)?;
    let baseline = if with_baseline {
        baseline_problem_table(prob.pt).and_then(|pt0| {
            let mut prob0 = Problem::new(&pt0, prob.sm).ok()?;
            prob0.missing = prob.missing;
            let theta0 = baseline_estimates(&prob0);
            correction(&prob0, &theta0, kind, &x_idx)
                .ok()
                .map(|(_, t)| t)
        })
    } else {
        None
    };
    Ok(RobustResult {
        vcov,
        test,
        baseline,
    })
}

/// One model: (robust vcov, scaled test).
fn correction(
    prob: &Problem,
    theta: &DVector<f64>,
    kind: Robust,
    x_idx: &[usize],
) -> Result<(Option<DMatrix<f64>>, ScaledTest), RobustError> {
    if prob.is_fiml() {
        return crate::estimate::fiml::mlr_correction(prob, theta, x_idx);
    }
    let ev = prob
        .evaluate(theta)
        .ok_or(RobustError::NotPositiveDefinite)?;
    let pieces = group_pieces(prob, &ev, x_idx)?;
    let n = prob.sm.ntotal() as f64;
    let chisq = 2.0 * n * ev.f;
    let df = prob.df() as f64;
    let ms = prob.structure.meanstructure;
    match kind {
        Robust::Mlm => {
            // lav_model_nvcov_robust_sem: E⁻¹ [Σ_g f_g Δ′A1ΓA1Δ] E⁻¹ / N
            let e_inv = prob.information_inverse(&prob.information(&ev));
            let q = prob.pt.n_free;
            let mut meat = DMatrix::zeros(q, q);
            let mut per_group = Vec::with_capacity(pieces.len());
            for (g, gp) in pieces.iter().enumerate() {
                let a1 = a1_matrix(&ev.groups[g].sigma_inv, ms, x_idx);
                let m = &a1 * &gp.delta;
                let mgm = m.transpose() * &gp.gamma * &m;
                meat += gp.w * &mgm;
                // tr(A1Γ), both symmetric
                let tr_a1g = a1.component_mul(&gp.gamma).sum();
                per_group.push((tr_a1g, mgm));
            }
            let vcov = e_inv.as_ref().map(|ei| ei * &meat * ei / n);
            // lav_test_satorra_bentler_trace_original:
            // U_g = f_g A1 − f_g² A1Δ E⁻¹ Δ′A1, tr(U_g Γ_g / f_g)
            let trace = e_inv.as_ref().map_or(f64::NAN, |ei| {
                per_group
                    .iter()
                    .zip(&pieces)
                    .map(|((tr_a1g, mgm), gp)| tr_a1g - gp.w * ei.component_mul(mgm).sum())
                    .sum()
            });
            Ok((vcov, scaled(chisq, df, trace, None, None)))
        }
        Robust::Mlr => {
            // lav_model_nvcov_robust_sandwich: H⁻¹ B0 H⁻¹ / N
            let h_inv =
                observed_information(prob, theta).and_then(|h| prob.information_inverse(&h));
            let q = prob.pt.n_free;
            let mut b0 = DMatrix::zeros(q, q);
            let mut b0_groups = Vec::with_capacity(pieces.len());
            let (mut tr_h1, mut tr_h0, mut ndat) = (0.0, 0.0, 0usize);
            for (g, (gp, gm)) in pieces.iter().zip(&prob.sm.groups).enumerate() {
                let ge = &ev.groups[g];
                let raw = gm.raw.as_ref().ok_or(RobustError::NeedsRawData)?;
                // structured scores: μ̂ with a mean structure, else ȳ
                let mu = if ms {
                    ge.imp.mu.clone()
                } else {
                    gm.mean.clone().unwrap_or_else(|| ge.imp.mu.clone())
                };
                let sc = scores(raw, &mu, &ge.sigma_inv, ms, x_idx);
                let scd = sc * &gp.delta;
                let b0g = scd.transpose() * scd / gm.n as f64;
                b0 += gp.w * &b0g;
                // Yuan–Bentler (Mplus): unstructured A1ᵘ at S, B1ᵘ = A1ᵘΓA1ᵘ,
                // tr(B1ᵘ A1ᵘ⁻¹) = tr(A1ᵘΓ) on the kept statistics
                let s_inv =
                    crate::estimate::invert_spd(&gm.cov).ok_or(RobustError::NotPositiveDefinite)?;
                let a1u = a1_matrix(&s_inv, ms, x_idx);
                tr_h1 += a1u.component_mul(&gp.gamma).sum();
                ndat += gp.kept.iter().filter(|k| **k).count();
                b0_groups.push(b0g);
            }
            let vcov = h_inv.as_ref().map(|hi| hi * &b0 * hi / n);
            let trace = match &h_inv {
                Some(hi) => {
                    for (gp, b0g) in pieces.iter().zip(&b0_groups) {
                        tr_h0 += gp.w * b0g.component_mul(hi).sum();
                    }
                    tr_h1 - tr_h0
                }
                None => f64::NAN,
            };
            // lavaan divides by nx.free: every free row counts, even when
            // rows share a label (equality constraints are separate rows there)
            let nx_free = prob.pt.params.iter().filter(|p| p.free > 0).count().max(1);
            Ok((
                vcov,
                scaled(
                    chisq,
                    df,
                    trace,
                    Some(tr_h1 / ndat as f64),
                    h_inv.as_ref().map(|_| tr_h0 / nx_free as f64),
                ),
            ))
        }
    }
}

/// c = trace/df; NaN when df ≤ 0 or c < 0 (lavaan returns the standard
/// statistic with an NA scaling factor then).
pub(crate) fn scaled(
    chisq: f64,
    df: f64,
    trace: f64,
    h1: Option<f64>,
    h0: Option<f64>,
) -> ScaledTest {
    let (trace, c) = if df > 0.0 {
        let c = trace / df;
        (trace, if c < 0.0 { f64::NAN } else { c })
    } else {
        (f64::NAN, f64::NAN)
    };
    ScaledTest {
        chisq,
        df,
        trace_ugamma: trace,
        scaling_factor: c,
        scaling_factor_h1: h1,
        scaling_factor_h0: h0,
    }
}

// ---------------------------------------------------------------------------
// the baseline (independence) model

/// lavaan's independence model (`R/lav_partable_independence.R`): per group
/// a free variance for every non-x observed variable (and a free intercept
/// with a mean structure); the fixed.x block keeps its sample values.
/// Built from the model's table so that new fields carry over.
#[allow(clippy::needless_update)]
pub fn baseline_problem_table(pt: &ParTable) -> Option<ParTable> {
    let x_idx = fixed_x_indices(pt);
    let ov = &pt.vars.ov;
    let mut params = Vec::new();
    let mut free = 0;
    // rows are built from a template row so that fields added to `Param`
    // later keep a value
    let template = pt.params.first()?.clone();
    let row = |lhs: &str, op: Op, rhs: &str, group: usize, free: usize, exo: bool| Param {
        lhs: lhs.to_string(),
        op,
        rhs: rhs.to_string(),
        group,
        user: false,
        free,
        ustart: None,
        exo,
        label: String::new(),
        pos: None,
        ..template.clone()
    };
    for g in 1..=pt.n_groups {
        for (i, v) in ov.iter().enumerate() {
            if x_idx.contains(&i) {
                continue;
            }
            free += 1;
            params.push(row(v, Op::Covariance, v, g, free, false));
        }
        for (a, &i) in x_idx.iter().enumerate() {
            for &j in &x_idx[a..] {
                params.push(row(&ov[i], Op::Covariance, &ov[j], g, 0, true));
            }
        }
        if pt.meanstructure {
            for (i, v) in ov.iter().enumerate() {
                let exo = x_idx.contains(&i);
                if !exo {
                    free += 1;
                }
                params.push(row(
                    v,
                    Op::Intercept,
                    "",
                    g,
                    if exo { 0 } else { free },
                    exo,
                ));
            }
        }
    }
    let mut out = pt.clone();
    out.params = params;
    out.defined = Vec::new();
    out.constraints = Vec::new();
    out.n_free = free;
    out.bounds = vec![(None, None); free];
    out.notes = Vec::new();
    out.vars.lv = Vec::new();
    out.vars.lv_x = Vec::new();
    out.vars.lv_y = Vec::new();
    out.vars.ov_ind = Vec::new();
    Some(out)
}

/// The independence model's ML estimates in closed form: s_ii and ȳ_i, or
/// under FIML each variable's available-case variance and mean.
fn baseline_estimates(prob0: &Problem) -> DVector<f64> {
    let mut theta = DVector::zeros(prob0.pt.n_free);
    for (r, p) in prob0.pt.params.iter().enumerate() {
        if p.free == 0 {
            continue;
        }
        let g = p.group - 1;
        // (mean, variance) of observed variable i
        let moments = |i: usize| match prob0.missing {
            Some(missing) => missing[g].available_moments(i),
            None => {
                let gm = &prob0.sm.groups[g];
                (gm.mean.as_ref().map_or(0.0, |m| m[i]), gm.cov[(i, i)])
            }
        };
        theta[p.free - 1] = match prob0.entries[r] {
            crate::model::Entry::P(i, _) => moments(i).1,
            crate::model::Entry::M(i) => moments(i).0,
            crate::model::Entry::A(..) => 0.0,
        };
    }
    theta
}

// ---------------------------------------------------------------------------
// fit measures

/// Incremental fit indices with optional scaling factors, exactly as lavaan's
/// `lav_fit_cfi`, `lav_fit_tli`, `lav_fit_rni`, `lav_fit_nfi`, `lav_fit_ifi`,
/// `lav_fit_rfi`, `lav_fit_pnfi` (`R/lav_fit_cfi.R`). `c_hat` = None is
/// lavaan's call without `c.hat` (the standard and scaled indices); with
/// Some((c, c₀)) the robust version of Brosseau-Liard & Savalei (2014):
/// T − c·df replaces T − df (only when df > 0 and neither c is 1).
#[derive(Debug, Clone, Copy)]
pub struct Incremental {
    pub cfi: f64,
    pub tli: f64,
    pub rni: f64,
    pub nfi: f64,
    pub pnfi: f64,
    pub ifi: f64,
    pub rfi: f64,
}

impl Incremental {
    /// Stores every index under lavaan's name with `suffix` ("" for the
    /// standard indices, ".scaled"): cfi, tli and nnfi (the same), rfi, nfi,
    /// pnfi, ifi, rni.
    pub fn put_all(&self, put: &mut impl FnMut(&str, f64), suffix: &str) {
        for (name, v) in [
            ("cfi", self.cfi),
            ("tli", self.tli),
            ("nnfi", self.tli),
            ("rfi", self.rfi),
            ("nfi", self.nfi),
            ("pnfi", self.pnfi),
            ("ifi", self.ifi),
            ("rni", self.rni),
        ] {
            put(&format!("{name}{suffix}"), v);
        }
    }

    /// Stores the robust indices lavaan reports: `cfi.robust`, `tli.robust`,
    /// `nnfi.robust` (= TLI) and `rni.robust`.
    pub fn put_robust(&self, put: &mut impl FnMut(&str, f64)) {
        put("cfi.robust", self.cfi);
        put("tli.robust", self.tli);
        put("nnfi.robust", self.tli);
        put("rni.robust", self.rni);
    }
}

/// R's `isTRUE(all.equal(x, 0))`: |x| < 1.5e-8.
fn all_equal_zero(x: f64) -> bool {
    x.abs() < 1.5e-8
}

pub fn incremental(
    x2: f64,
    df: f64,
    x2_null: f64,
    df_null: f64,
    c_hat: Option<(f64, f64)>,
) -> Incremental {
    let nan = f64::NAN;
    let any_na = [x2, df, x2_null, df_null].iter().any(|v| v.is_nan())
        || c_hat.is_some_and(|(c, c0)| c.is_nan() || c0.is_nan());
    if any_na {
        return Incremental {
            cfi: nan,
            tli: nan,
            rni: nan,
            nfi: nan,
            pnfi: nan,
            ifi: nan,
            rfi: nan,
        };
    }
    let (c, c0) = match c_hat {
        Some((c, c0)) if df > 0.0 && c != 1.0 && c0 != 1.0 => (c, c0),
        _ => (1.0, 1.0),
    };
    let cfi = {
        let t1 = (x2 - c * df).max(0.0);
        let t2 = (x2 - c * df).max(x2_null - c0 * df_null).max(0.0);
        if all_equal_zero(t1) && all_equal_zero(t2) {
            1.0
        } else {
            1.0 - t1 / t2
        }
    };
    let tli = {
        let t1 = (x2 - c * df) * df_null;
        let t2 = (x2_null - c0 * df_null) * df;
        if df > 0.0 && t2.abs() > 0.0 {
            1.0 - t1 / t2
        } else if !t1.is_finite() || !t2.is_finite() {
            nan
        } else {
            1.0
        }
    };
    let rni = {
        let t1 = x2 - c * df;
        let t2 = x2_null - c0 * df_null;
        if all_equal_zero(t2) || !t1.is_finite() || !t2.is_finite() {
            nan
        } else {
            1.0 - t1 / t2
        }
    };
    let nfi = if df > df_null || all_equal_zero(x2_null) {
        nan
    } else if df > 0.0 {
        (x2_null - x2) / x2_null
    } else {
        1.0
    };
    let pnfi = if df_null > 0.0 && x2_null > 0.0 {
        (df / df_null) * ((x2_null - x2) / x2_null)
    } else {
        nan
    };
    let ifi = {
        let t1 = x2_null - x2;
        let t2 = x2_null - df;
        if !t1.is_finite() || !t2.is_finite() {
            nan
        } else if t2 < 0.0 {
            1.0
        } else if all_equal_zero(t2) {
            nan
        } else {
            t1 / t2
        }
    };
    let rfi = if df > df_null {
        nan
    } else if df > 0.0 && df_null > 0.0 {
        let t1 = x2_null / df_null - x2 / df;
        let t2 = x2_null / df_null;
        if !t1.is_finite() || !t2.is_finite() {
            nan
        } else if t1 < 0.0 || t2 < 0.0 {
            1.0
        } else {
            t1 / t2
        }
    } else {
        1.0
    };
    Incremental {
        cfi,
        tli,
        rni,
        nfi,
        pnfi,
        ifi,
        rfi,
    }
}

/// lavaan's `lav_fit_rmsea`: √G·√max(X²/(N·df) − c/N, 0), 0 when df ≤ 0,
/// NA when df is NA.
pub fn rmsea(x2: f64, df: f64, n: f64, groups: usize, c_hat: f64) -> f64 {
    if df.is_nan() || x2.is_nan() {
        return f64::NAN;
    }
    if df > 0.0 {
        let v = (x2 / n) / df - c_hat / n;
        if v.is_nan() {
            return f64::NAN; // R's pmax keeps the NA
        }
        v.max(0.0).sqrt() * (groups as f64).sqrt()
    } else {
        0.0
    }
}

/// Adds lavaan's scaled and robust fit measures (`*.scaled`, `*.robust`,
/// `chisq.scaling.factor`, `baseline.*.scaled`, and for MLR
/// `scaling.factor.h1`/`h0`) to `fit` (`R/lav_fit_measures.R`,
/// `R/lav_fit_cfi.R::lav_fit_cfi_lavobject`,
/// `R/lav_fit_rmsea.R::lav_fit_rmsea_lavobject`). `n` is lavaan's N (ntotal
/// for ML) and `groups` the number of groups; the RMSEA CIs are 90%.
pub fn add_fit_measures(
    fit: &mut FitMeasures,
    test: &ScaledTest,
    baseline: Option<&ScaledTest>,
    n: f64,
    groups: usize,
) {
    let mut put = |k: &str, v: f64| {
        fit.insert(k.to_string(), v.is_finite().then_some(v));
    };
    let (x2, df, c) = (test.chisq, test.df, test.scaling_factor);
    let x2_scaled = test.chisq_scaled();
    put("chisq.scaled", x2_scaled);
    put("df.scaled", df);
    put("pvalue.scaled", chisq_pvalue(x2_scaled, df));
    put("chisq.scaling.factor", c);
    if let Some(h1) = test.scaling_factor_h1 {
        put("scaling.factor.h1", h1);
    }
    if let Some(h0) = test.scaling_factor_h0 {
        put("scaling.factor.h0", h0);
    }
    // baseline and incremental indices
    let nan = f64::NAN;
    let (x2_0, df_0, c_0, x2_0_scaled) = match baseline {
        Some(b) => (b.chisq, b.df, b.scaling_factor, b.chisq_scaled()),
        None => (nan, nan, nan, nan),
    };
    put("baseline.chisq.scaled", x2_0_scaled);
    put("baseline.df.scaled", df_0);
    put("baseline.pvalue.scaled", chisq_pvalue(x2_0_scaled, df_0));
    put("baseline.chisq.scaling.factor", c_0);
    incremental(x2_scaled, df, x2_0_scaled, df_0, None).put_all(&mut put, ".scaled");
    incremental(x2, df, x2_0, df_0, Some((c, c_0))).put_robust(&mut put);
    // RMSEA: "scaled" uses X² with df2 = trace(UΓ) (= c·df), "robust" uses
    // T/c with df and c.hat = c (Savalei 2018)
    let df2 = if test.trace_ugamma.is_finite() && test.trace_ugamma != 0.0 {
        test.trace_ugamma
    } else {
        nan
    };
    put("rmsea.scaled", rmsea(x2, df2, n, groups, 1.0));
    let (lo, hi) = if df2.is_finite() {
        rmsea_ci_c_hat(x2, df2, n, groups, 1.0, 0.90)
    } else {
        (nan, nan)
    };
    put("rmsea.ci.lower.scaled", lo);
    put("rmsea.ci.upper.scaled", hi);
    put(
        "rmsea.pvalue.scaled",
        if df2.is_finite() {
            rmsea_pvalue_c_hat(x2, df2, n, groups, 1.0, 0.05)
        } else {
            nan
        },
    );
    put(
        "rmsea.notclose.pvalue.scaled",
        if df2.is_finite() {
            rmsea_notclose_pvalue_c_hat(x2, df2, n, groups, 1.0, 0.08)
        } else {
            nan
        },
    );
    // with df = 0 (c is NA) lavaan still gives 0 for the robust RMSEA and its CI
    put("rmsea.robust", rmsea(x2, df, n, groups, c));
    let (lo, hi) = rmsea_ci_c_hat(x2_scaled, df, n, groups, c, 0.90);
    put("rmsea.ci.lower.robust", lo);
    put("rmsea.ci.upper.robust", hi);
    put(
        "rmsea.pvalue.robust",
        rmsea_pvalue_c_hat(x2_scaled, df, n, groups, c, 0.05),
    );
    put(
        "rmsea.notclose.pvalue.robust",
        rmsea_notclose_pvalue_c_hat(x2_scaled, df, n, groups, c, 0.08),
    );
}
