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

use crate::estimate::ml::Eval;
use crate::estimate::Problem;
use crate::partable::{Op, ParTable, Param};
use crate::samplestats::gamma::gamma;
use crate::samplestats::vech::{fixed_x_indices, kept, vech_pairs};
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
/// not positive definite at a probe point. MLR uses the analytic
/// [`Problem::ml_observed_information`] (4q gradients fewer); this is the
/// reference the tests hold it to.
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

/// The sample side of the corrections, shared by the fitted and the
/// baseline model (both see the same data): per group Γ_g (MLM) and, for
/// MLR, tr(A1ᵘ_g Γ_g) at the unstructured S_g; and the number of kept
/// sample statistics.
struct SampleSide {
    gamma: Vec<DMatrix<f64>>,
    tr_h1: Vec<f64>,
    ndat: usize,
}

impl SampleSide {
    fn new(prob: &Problem, kind: Robust, x_idx: &[usize]) -> Result<Self, RobustError> {
        let ms = prob.structure.meanstructure;
        let p = prob.structure.p;
        let nkept = kept(p, ms, x_idx).into_iter().filter(|k| *k).count();
        let mut side = SampleSide {
            gamma: Vec::with_capacity(prob.sm.groups.len()),
            tr_h1: Vec::with_capacity(prob.sm.groups.len()),
            ndat: 0,
        };
        for gm in &prob.sm.groups {
            let raw = gm.raw.as_ref().ok_or(RobustError::NeedsRawData)?;
            match kind {
                Robust::Mlm => side.gamma.push(gamma(raw, ms, x_idx)),
                Robust::Mlr => {
                    // Yuan–Bentler (Mplus): unstructured A1ᵘ at S, B1ᵘ = A1ᵘΓA1ᵘ,
                    // tr(B1ᵘ A1ᵘ⁻¹) = tr(A1ᵘΓ) on the kept statistics
                    let s_inv = crate::estimate::invert_spd(&gm.cov)
                        .ok_or(RobustError::NotPositiveDefinite)?;
                    side.tr_h1.push(if x_idx.is_empty() {
                        tr_a1u_gamma(raw, &s_inv, ms)
                    } else {
                        a1_matrix(&s_inv, ms, x_idx)
                            .component_mul(&gamma(raw, ms, x_idx))
                            .sum()
                    });
                }
            }
            side.ndat += nkept;
        }
        Ok(side)
    }
}

/// tr(A1ᵘΓ) without fixed.x covariates, from the data in O(n·p²) instead
/// of through Γ (O(n·p⁴)). With y_i centred, W = S⁻¹ and M_i = y_i y_i′ − S
/// (the centred vech part of Γ's z_i), z_i′A1ᵘz_i = y_i′Wy_i [mean
/// structure] + ½tr(WM_iWM_i), and ½tr(WM_iWM_i) = ½(m_i² − 2m_i + p)
/// for m_i = y_i′Wy_i (WSW = W, tr(WSWS) = p); tr(A1ᵘΓ) = (1/n) Σ_i of that
/// (so ½(b₂ − p) plus p with a mean structure, b₂ Mardia's kurtosis).
fn tr_a1u_gamma(raw: &DMatrix<f64>, s_inv: &DMatrix<f64>, meanstructure: bool) -> f64 {
    let (n, p) = raw.shape();
    let mut yc = raw.clone();
    for mut col in yc.column_iter_mut() {
        let mean = col.sum() / n as f64;
        col.add_scalar_mut(-mean);
    }
    let v = &yc * s_inv;
    let ms = if meanstructure { 1.0 } else { 0.0 };
    let total: f64 = (0..n)
        .map(|i| {
            let m = v.row(i).dot(&yc.row(i));
            ms * m + 0.5 * (m * m - 2.0 * m + p as f64)
        })
        .sum();
    total / n as f64
}

/// Robust SEs and the scaled test of the fitted model at θ̂ (and of the
/// baseline model when `with_baseline`). Under FIML only MLR exists (lavaan
/// refuses MLM with `missing = "ml"`): on the FIML likelihood, with the
/// casewise scores by missing-data pattern
/// (`estimate::fiml::mlr_correction`).
///
/// `expected_inverse`: the inverse of the model's expected information
/// when the caller already has it (the standard SEs' E⁻¹, which MLM's
/// sandwich needs too); computed here when None.
pub fn robust(
    prob: &Problem,
    theta: &DVector<f64>,
    kind: Robust,
    with_baseline: bool,
    expected_inverse: Option<&DMatrix<f64>>,
) -> Result<RobustResult, RobustError> {
    if prob.is_fiml() && kind != Robust::Mlr {
        // refused earlier, with a message, by the analysis
        return Err(RobustError::NotPositiveDefinite);
    }
    let x_idx = fixed_x_indices(prob.pt);
    let mut side = None;
    let (vcov, test) = correction(prob, theta, kind, &x_idx, &mut side, expected_inverse)?;
    let baseline = if with_baseline {
        baseline_problem_table(prob.pt).and_then(|pt0| {
            let mut prob0 = Problem::new(&pt0, prob.sm).ok()?;
            prob0.discrepancy = prob.discrepancy;
            let theta0 = baseline_estimates(&prob0);
            correction(&prob0, &theta0, kind, &x_idx, &mut side, None)
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

/// One model: (robust vcov, scaled test). `side` holds the sample side
/// once the first model has computed it.
fn correction(
    prob: &Problem,
    theta: &DVector<f64>,
    kind: Robust,
    x_idx: &[usize],
    side: &mut Option<SampleSide>,
    expected_inverse: Option<&DMatrix<f64>>,
) -> Result<(Option<DMatrix<f64>>, ScaledTest), RobustError> {
    if prob.is_fiml() {
        return crate::inference::fiml::mlr_correction(prob, theta, x_idx);
    }
    let ev = prob
        .evaluate(theta)
        .ok_or(RobustError::NotPositiveDefinite)?;
    let side: &SampleSide = match side {
        Some(s) => s,
        None => side.insert(SampleSide::new(prob, kind, x_idx)?),
    };
    let deltas: Vec<DMatrix<f64>> = (0..prob.sm.groups.len())
        .map(|g| delta(prob, &ev, g))
        .collect();
    let n = prob.sm.ntotal() as f64;
    let chisq = 2.0 * n * ev.f;
    let df = prob.df() as f64;
    let ms = prob.structure.meanstructure;
    let q = prob.pt.n_free;
    match kind {
        Robust::Mlm => {
            // lav_model_nvcov_robust_sem: E⁻¹ [Σ_g f_g Δ′A1ΓA1Δ] E⁻¹ / N
            let e_inv = match expected_inverse {
                Some(e) => Some(e.clone()),
                None => prob.information_inverse(&prob.information(&ev)),
            };
            let mut meat = DMatrix::zeros(q, q);
            let mut per_group = Vec::with_capacity(deltas.len());
            for (g, (d, gam)) in deltas.iter().zip(&side.gamma).enumerate() {
                let w = ev.groups[g].w;
                let a1 = a1_matrix(&ev.groups[g].sigma_inv, ms, x_idx);
                let m = &a1 * d;
                let mgm = m.transpose() * gam * &m;
                meat += w * &mgm;
                // tr(A1Γ), both symmetric
                let tr_a1g = a1.component_mul(gam).sum();
                per_group.push((w, tr_a1g, mgm));
            }
            let vcov = e_inv.as_ref().map(|ei| ei * &meat * ei / n);
            // lav_test_satorra_bentler_trace_original:
            // U_g = f_g A1 − f_g² A1Δ E⁻¹ Δ′A1, tr(U_g Γ_g / f_g)
            let trace = e_inv.as_ref().map_or(f64::NAN, |ei| {
                per_group
                    .iter()
                    .map(|(w, tr_a1g, mgm)| tr_a1g - w * ei.component_mul(mgm).sum())
                    .sum()
            });
            Ok((vcov, scaled(chisq, df, trace, None, None)))
        }
        Robust::Mlr => {
            // lav_model_nvcov_robust_sandwich: H⁻¹ B0 H⁻¹ / N, H the
            // observed information (analytic; lavaan differentiates the
            // gradient numerically, the two agree to about 1e-9)
            let h_inv = prob
                .ml_observed_information(&ev)
                .and_then(|h| prob.information_inverse(&h));
            let mut b0 = DMatrix::zeros(q, q);
            let mut b0_groups = Vec::with_capacity(deltas.len());
            for (g, (d, gm)) in deltas.iter().zip(&prob.sm.groups).enumerate() {
                let ge = &ev.groups[g];
                let raw = gm.raw.as_ref().ok_or(RobustError::NeedsRawData)?;
                // structured scores: μ̂ with a mean structure, else ȳ
                let mu = if ms {
                    ge.imp.mu.clone()
                } else {
                    gm.mean.clone().unwrap_or_else(|| ge.imp.mu.clone())
                };
                let sc = scores(raw, &mu, &ge.sigma_inv, ms, x_idx);
                let scd = sc * d;
                let b0g = scd.transpose() * scd / gm.n as f64;
                b0 += ge.w * &b0g;
                b0_groups.push((ge.w, b0g));
            }
            let tr_h1: f64 = side.tr_h1.iter().sum();
            let vcov = h_inv.as_ref().map(|hi| hi * &b0 * hi / n);
            let tr_h0 = h_inv.as_ref().map(|hi| {
                b0_groups
                    .iter()
                    .map(|(w, b0g)| w * b0g.component_mul(hi).sum())
                    .sum::<f64>()
            });
            let trace = tr_h0.map_or(f64::NAN, |t0| tr_h1 - t0);
            // lavaan divides by nx.free: every free row counts, even when
            // rows share a label (equality constraints are separate rows there)
            let nx_free = prob.pt.params.iter().filter(|p| p.free > 0).count().max(1);
            Ok((
                vcov,
                scaled(
                    chisq,
                    df,
                    trace,
                    Some(tr_h1 / side.ndat as f64),
                    tr_h0.map(|t0| t0 / nx_free as f64),
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
        let moments = |i: usize| match prob0.missing() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The O(n·p²) tr(A1ᵘΓ) is the trace through Γ, with and without a
    /// mean structure, on skewed data.
    #[test]
    fn trace_from_the_data_is_the_trace_through_gamma() {
        let mut state = 12345u64;
        let mut draw = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let raw = DMatrix::from_fn(57, 5, |_, _| {
            let u: f64 = draw();
            u * u * 3.0 + draw()
        });
        let n = raw.nrows() as f64;
        let mean = raw.row_sum() / n;
        let mut yc = raw.clone();
        for (j, mut col) in yc.column_iter_mut().enumerate() {
            col.add_scalar_mut(-mean[j]);
        }
        let s = yc.transpose() * &yc / n;
        let s_inv = crate::estimate::invert_spd(&s).unwrap();
        for ms in [false, true] {
            let through_gamma = a1_matrix(&s_inv, ms, &[])
                .component_mul(&gamma(&raw, ms, &[]))
                .sum();
            let direct = tr_a1u_gamma(&raw, &s_inv, ms);
            assert!(
                (direct - through_gamma).abs() < 1e-12 * through_gamma.abs(),
                "{direct} vs {through_gamma}"
            );
        }
    }
}
