//! WLSMV for ordinal (Likert) items: raw data, model text and options in;
//! the same [`Analysis`] as the ML path out, computed the way lavaan 0.6
//! does with `ordered = ...` (estimator `"WLSMV"`): DWLS estimation on
//! thresholds and polychoric correlations, robust ("sandwich") standard
//! errors, the mean- and variance-adjusted ("scaled and shifted") test and
//! the scaled and robust fit indices.
//!
//! Sources (lavaan 0.6.14): `R/lav_options.R` (WLSMV = DWLS +
//! `se = "robust.sem"` + `test = "scaled.shifted"`, delta
//! parameterization, mean structure), `R/lav_model_vcov.R` +
//! `R/lav_model_nvcov_robust_sem.R` (SEs), `R/lav_test_satorra_bentler.R`
//! (test), `R/lav_fit_*.R` and `R/lav_fit_catml_dwls.R` (fit measures),
//! `R/lav_residuals_summary.R` (RMR/SRMR/CRMR), `R/lav_modification.R`
//! (modification indices), `R/lav_standardize.R`. In formulas, N is the
//! number of observations, W = diag(Γ)⁻¹, Δ = ∂σ/∂θ′ and E = Δ′WΔ:
//!
//! - vcov(θ̂) = E⁻¹ Δ′WΓWΔ E⁻¹ / (N − 1);
//! - T = (N−1)F̂; with U = W − WΔE⁻¹Δ′W, a = √(df / tr((UΓ)²)) and
//!   b = df − a·tr(UΓ): T_scaled = a·T + b (`chisq.scaling.factor` = 1/a);
//! - the baseline model has the thresholds free and all correlations 0:
//!   T₀ = (N−1) Σ w_ρ ρ̂², with tr(U₀Γ) = #correlations and
//!   tr((U₀Γ)²) = Σ w_ρ w_ρ′ Γ_ρρ′²;
//! - the "robust" CFI/TLI/RMSEA (Savalei 2021, `lav_fit_catml_dwls`): the
//!   ML discrepancy of the fitted correlation matrix against the
//!   polychoric one, T₃ = N·F_ML(Σ̂*, R̂), with
//!   ĉ = tr(U′VUΓ_ρ)/df, U = I − Δ_ρE⁻¹Δ_ρ′W_ρ and V the normal-theory
//!   weight of the correlations at Σ̂*; baseline T₃₀ = −N log|R̂|,
//!   ĉ₀ = tr(Γ_ρ)/df₀;
//! - RMSEA, Hoelter's CN and MFI use N − 1 (lavaan's `ntotal − ngroups`
//!   for non-ML estimators).
//!
//! Reliability with ordinal items (semTools 0.5-6 defaults, as the fixture
//! `livecommerce_wlsmv` was produced): ω is `compRelSEM`'s categorical ω
//! of Green & Yang (2009) ([`crate::tables::reliability::omega_categorical`]); AVE is
//! Σλ²φ over the number of items (the polychoric variances are 1); α is
//! Cronbach's α of the category codes 1…K (as `scripts/make_fixture.R`
//! computes it; semTools' `compRelSEM(tau.eq = TRUE)` agrees on the
//! fixture); HTMT is `htmt(model, data)` on Pearson correlations of the raw
//! item scores. The tables themselves are assembled as on the ML path
//! ([`crate::analysis`]).

use crate::analysis::{
    listwise_warning, measurement, model_notes, no_standard_errors_warning, not_converged_warning,
    parameter_rows, path_estimates, r2_table, reliability_summary, Analysis, AnalysisError,
    DataInput, DataSummary, Estimator, Missing, Options, ReliabilityTables, Warning, WarningKind,
    WarningText,
};
use crate::data::{cov_to_cor, covariance_n};
use crate::distributions::{
    qchisq, rmsea_ci_c_hat, rmsea_notclose_pvalue_c_hat, rmsea_pvalue_c_hat,
};
use crate::estimate::dwls::{Dwls, Stat};
use crate::estimate::start::Kind;
use crate::estimate::{invert_spd, Problem};
use crate::fitmeasures::indices::{incremental, rmsea};
use crate::fitmeasures::{chisq_pvalue, FitMeasures};
use crate::model::{Deriv, Entry};
use crate::partable::{self, ModelOptions, Op, ParTable};
use crate::samplestats::moments::{GroupMoments, SampleMoments};
use crate::samplestats::ordinal::{ordinal_stats, OrdinalData, OrdinalError, OrdinalStats};
use crate::tables::hypotheses;
use crate::tables::modindices::{normalized, ModIndex};
use crate::tables::reliability::{self, ConstructItems};
use nalgebra::{DMatrix, DVector};

/// Whether the options ask for WLSMV: the estimator, or items declared ordinal.
pub fn applies(opts: &Options) -> bool {
    opts.estimator == Estimator::Wlsmv || !opts.ordered.is_empty()
}

/// The items declared ordinal, as data columns: `all` (unless a column is
/// called so) declares every column.
fn declared(opts: &Options, columns: &[String]) -> Result<Vec<String>, AnalysisError> {
    let all = opts
        .ordered
        .iter()
        .any(|o| o.trim().eq_ignore_ascii_case("all"))
        && !columns.iter().any(|c| c.eq_ignore_ascii_case("all"));
    if all {
        return Ok(columns.to_vec());
    }
    let mut out = Vec::new();
    for name in opts
        .ordered
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        if !columns.iter().any(|c| c == name) {
            let suggestion = columns
                .iter()
                .find(|c| c.eq_ignore_ascii_case(name))
                .cloned();
            return Err(OrdinalError::UnknownItem {
                name: name.to_string(),
                suggestion,
            }
            .into());
        }
        out.push(name.to_string());
    }
    Ok(out)
}

fn check_options(opts: &Options) -> Result<(), AnalysisError> {
    if matches!(opts.estimator, Estimator::Mlr | Estimator::Mlm) {
        return Err(AnalysisError::NotSupported(format!(
            "the {} estimator for ordinal items (lavaan uses WLSMV for them: choose `--estimator WLSMV`)",
            opts.estimator.name()
        )));
    }
    if opts.missing != Missing::Listwise {
        return Err(AnalysisError::NotSupported(
            "full-information ML (`missing = ml`) with ordinal items".into(),
        ));
    }
    if opts.bootstrap.is_some() {
        return Err(AnalysisError::NotSupported(
            "the bootstrap with ordinal items".into(),
        ));
    }
    crate::analysis::check_group_and_alpha(opts)
}

/// Runs a WLSMV analysis (see the module documentation).
pub fn run(data: &DataInput, model: &str, opts: &Options) -> Result<Analysis, AnalysisError> {
    check_options(opts)?;
    let table = match data {
        DataInput::Table(t) => *t,
        DataInput::Covariance(_) => {
            return Err(AnalysisError::NeedsRawData(
                "WLSMV for ordinal items (thresholds and polychoric correlations)".into(),
            ))
        }
    };
    let columns = table.names().to_vec();
    let declared = declared(opts, &columns)?;
    let mopts = ModelOptions {
        std_lv: opts.std_lv,
        orthogonal: opts.orthogonal,
        ..ModelOptions::default()
    };
    // the model's observed variables (category counts are provisional here)
    let provisional: Vec<(String, usize)> = declared
        .iter()
        .map(|d| (d.clone(), crate::samplestats::ordinal::MAX_CATEGORIES + 1))
        .collect();
    let pt0 = partable::build_ordinal(model, &columns, &mopts, 1, &provisional)?;
    let names = pt0.vars.ov.clone();
    if pt0.ordinal.is_empty() {
        if opts.estimator != Estimator::Wlsmv {
            // no declared item is in the model: continuous data, as lavaan
            let continuous = Options {
                ordered: Vec::new(),
                ..opts.clone()
            };
            return crate::analysis::run(data, model, &continuous);
        }
        return Err(AnalysisError::NotSupported(
            "the WLSMV estimator for continuous items (WLSMV is for ordinal items: declare them with `ordered`, e.g. `--ordered all`)".into(),
        ));
    }
    // listwise deletion over the model's variables; the declared items must
    // look ordinal before anything else is said about them
    let complete = table.numeric(&names)?.listwise();
    let raw = complete.data;
    let ord_cols: Vec<usize> = (0..names.len())
        .filter(|&j| pt0.ordinal.contains(&names[j]))
        .collect();
    let ord_names: Vec<String> = ord_cols.iter().map(|&j| names[j].clone()).collect();
    OrdinalData::from_matrix(&raw.select_columns(&ord_cols), &ord_names)?;
    if let Some(c) = names
        .iter()
        .find(|v| !pt0.ordinal.contains(v) && pt0.vars.ov_x.contains(v))
    {
        return Err(AnalysisError::NotSupported(format!(
            "a continuous covariate (`{c}`) in a WLSMV model (lavaan's conditional.x: leave it out, or fit the model with ML or MLR)"
        )));
    }
    if let Some(c) = names.iter().find(|v| !pt0.ordinal.contains(v)) {
        return Err(AnalysisError::NotSupported(format!(
            "a WLSMV model that mixes ordinal and continuous items (`{c}` is not declared ordinal: declare every item ordinal, e.g. `--ordered all`)"
        )));
    }
    if let Some(p) = pt0
        .params
        .iter()
        .find(|p| p.op == Op::Regression && pt0.ordinal.contains(&p.rhs))
    {
        return Err(AnalysisError::NotSupported(format!(
            "an ordinal item as a predictor (`{} ~ {}`) under WLSMV",
            p.lhs, p.rhs
        )));
    }
    let summary = DataSummary {
        rows_read: complete.rows_read,
        rows_used: complete.rows_used,
        dropped_rows: complete.dropped_rows.clone(),
        variables: names.clone(),
        missing: Missing::Listwise,
        empty_rows: Vec::new(),
        missing_patterns: Vec::new(),
        coverage: Vec::new(),
    };
    // two identical items make the polychoric matrix singular: refuse as
    // for continuous data, naming them
    crate::samplestats::moments::check_full_rank(&crate::data::covariance_n(&raw), raw.nrows(), &names)
        .map_err(AnalysisError::Moments)?;
    let od = OrdinalData::from_matrix(&raw, &names)?;
    let counts: Vec<(String, usize)> = names
        .iter()
        .enumerate()
        .map(|(j, n)| (n.clone(), od.n_categories(j)))
        .collect();
    let pt = partable::build_ordinal(model, &columns, &mopts, 1, &counts)?;
    let st = ordinal_stats(&od);
    let logdet = crate::linalg::spd_logdet(&st.cor).unwrap_or(f64::NAN);
    let sm = SampleMoments {
        names: names.clone(),
        groups: vec![GroupMoments {
            n: st.n,
            cov: st.cor.clone(),
            mean: None,
            raw: None,
            logdet,
        }],
    };
    let dwls = Dwls::new(&pt, &st);
    let mut prob = Problem::new(&pt, &sm)?;
    prob.dwls = Some(&dwls);
    partable::check_identification(&pt, prob.n_eq)?;
    let res = fit(&prob, &dwls, &sm, &st);
    let theta = res.theta.clone();
    prob.hold_active_bounds(&theta);
    let values = prob.values(&theta);

    let mut warnings = model_notes(&pt);
    warnings.extend(listwise_warning(&summary));
    sample_warnings(&st, &names, &mut warnings);
    if !res.converged {
        warnings.push(not_converged_warning(&res));
    }

    // robust standard errors and the scaled-and-shifted test
    let ev = prob.evaluate(&theta);
    let robust = ev.as_ref().and_then(|ev| Robust::new(&prob, &dwls, ev));
    if robust.is_none() && pt.n_free > 0 {
        warnings.push(no_standard_errors_warning());
    }
    let vcov = robust.as_ref().map(|r| &r.vcov);
    let parameters = parameter_rows(&prob, &theta, &values, vcov, |v| {
        std_all_se(&prob, &theta, v)
    });

    // fit measures
    let fit = match (&ev, &robust) {
        (Some(ev), Some(rb)) => fit_measures(&prob, &dwls, &st, ev, rb, res.f),
        _ => FitMeasures::new(),
    };
    let r2 = r2_table(&prob, &values);
    let modindices = match (&ev, &robust, opts.modindices) {
        (Some(ev), Some(rb), true) => modification_indices(&prob, &dwls, ev, rb, &values),
        _ => Vec::new(),
    };
    let (constructs, reliability, alpha, htmt, fornell_larcker) =
        reliability_tables(&prob, &values, &st, &od, &raw);
    let hypotheses = hypotheses::evaluate(&path_estimates(&parameters), &opts.hypotheses);
    crate::analysis::solution_warnings(&pt, &prob, &values, &parameters, &sm, &mut warnings);
    // the small-sample rule counts parameters per case; thresholds are
    // estimated from the margins alone, so they do not count here
    warnings.retain(|w| w.kind != WarningKind::SmallSample);
    let th_free: std::collections::BTreeSet<usize> = pt
        .params
        .iter()
        .filter(|p| p.op == Op::Threshold && p.free > 0)
        .map(|p| p.free)
        .collect();
    let n_structural = prob.npar().saturating_sub(th_free.len());
    if st.n < 5 * n_structural {
        warnings.push(Warning::new(WarningText::SmallSampleOrdinal {
            n: st.n,
            npar: n_structural,
        }));
    }

    Ok(Analysis {
        estimator: Estimator::Wlsmv.name().into(),
        nobs: st.n,
        data: summary,
        converged: res.converged,
        iterations: res.iterations,
        npar: prob.npar(),
        parameters,
        fit,
        r2,
        modindices,
        reliability,
        alpha,
        htmt,
        fornell_larcker,
        constructs,
        hypotheses,
        hypothesis_rule: opts.hypotheses.clone(),
        warnings,
        bootstrap: None,
    })
}

/// Warnings about the polychoric correlations (lavaan warns about the same).
fn sample_warnings(st: &OrdinalStats, names: &[String], warnings: &mut Vec<Warning>) {
    for (k, &(i, j)) in st.pairs.iter().enumerate() {
        let fit = st.pair_fits[k];
        if !fit.converged {
            warnings.push(Warning::new(WarningText::PolychoricNotConverged {
                first: names[j].clone(),
                second: names[i].clone(),
            }));
        }
        if fit.rho.abs() > 0.99 {
            warnings.push(Warning::new(WarningText::PolychoricNearOne {
                first: names[j].clone(),
                second: names[i].clone(),
                rho: fit.rho,
            }));
        }
    }
}

/// Minimizes the DWLS discrepancy: lavaan's starting values with the
/// sample thresholds, then `start = "simple"` if that fails.
///
/// With a diagonal weight matrix the thresholds are separate from the rest:
/// when no free parameter moves the items' means (intercepts and latent
/// means fixed, as lavaan's defaults have them) and no threshold is
/// labelled or fixed, the optimum has τ̂ = the sample thresholds exactly and
/// the other parameters minimize the correlation part alone. The
/// optimizer then runs on the structural parameters only (35 instead of
/// 119 for 21 five-point items), and the thresholds are filled in.
fn fit(
    prob: &Problem,
    dwls: &Dwls,
    sm: &SampleMoments,
    st: &OrdinalStats,
) -> crate::estimate::optimize::OptResult {
    if let Some(res) = fit_profiled(prob, sm, st) {
        return res;
    }
    fit_full(prob, dwls)
}

fn fit_full(prob: &Problem, dwls: &Dwls) -> crate::estimate::optimize::OptResult {
    let mut best: Option<crate::estimate::optimize::OptResult> = None;
    for kind in [Kind::Default, Kind::Simple] {
        let mut v = prob.start_values(kind);
        for &(r, k) in &dwls.threshold_rows {
            if prob.pt.params[r].free > 0 && prob.pt.params[r].ustart.is_none() {
                v[r] = dwls.obs[k];
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
/// separable (see [`fit`]).
fn fit_profiled(
    prob: &Problem,
    sm: &SampleMoments,
    st: &OrdinalStats,
) -> Option<crate::estimate::optimize::OptResult> {
    let pt = prob.pt;
    let separable = pt.params.iter().all(|p| match p.op {
        // labelled (possibly constrained), fixed or user-started thresholds
        Op::Threshold => p.free > 0 && p.label.is_empty() && p.ustart.is_none(),
        // a free intercept or latent mean moves the model thresholds
        Op::Intercept => p.free == 0,
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
    for (r, p) in red.params.iter_mut().enumerate() {
        if p.op == Op::Threshold {
            let i = pt.vars.ov.iter().position(|v| *v == p.lhs)?;
            let k: usize = p.rhs[1..].parse().ok()?;
            p.free = 0;
            p.ustart = Some(st.thresholds[i][k - 1]);
        } else if p.free > 0 {
            p.free = new_index[pt.params[r].free];
        }
    }
    red.n_free = n_free;
    red.bounds = bounds;
    let red_dwls = Dwls::new(&red, st);
    let mut red_prob = Problem::new(&red, sm).ok()?;
    red_prob.dwls = Some(&red_dwls);
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
    Some(crate::estimate::optimize::OptResult { theta, f, ..res })
}

/// What the robust SEs and tests need at θ̂.
pub struct Robust {
    /// Δ = ∂σ/∂θ′ as sparse columns (statistic index, value).
    pub cols: Vec<Vec<(usize, f64)>>,
    /// E⁻¹ = K(K′EK)⁻¹K′, the inverted unit information (E = Δ′WΔ).
    pub e_inv: DMatrix<f64>,
    /// vcov(θ̂) = E⁻¹Δ′WΓWΔE⁻¹/(N−1).
    pub vcov: DMatrix<f64>,
    /// tr(UΓ) and tr((UΓ)²), U = W − WΔE⁻¹Δ′W.
    pub trace_ug: f64,
    pub trace_ug2: f64,
}

/// tr(AB) for square A, B.
fn trace_prod(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    let n = a.nrows();
    let mut t = 0.0;
    for i in 0..n {
        for j in 0..n {
            t += a[(i, j)] * b[(j, i)];
        }
    }
    t
}

impl Robust {
    /// With G = ΓWΔ (from the sparse columns of Δ) and C = Δ′WG:
    /// tr(UΓ) = tr(WΓ) − tr(E⁻¹C) and
    /// tr((UΓ)²) = tr(WΓWΓ) − 2 tr(E⁻¹G′WG) + tr(E⁻¹CE⁻¹C),
    /// which avoids every statistics × statistics product.
    fn new(prob: &Problem, d: &Dwls, ev: &crate::estimate::ml::Eval) -> Option<Robust> {
        let cols = d.jacobian(prob, &ev.groups[0]);
        let q = cols.len();
        let m = d.stats.len();
        let e = d.weighted_gram(&cols);
        let k = &prob.reparam.k;
        let e_inv = k * invert_spd(&(k.transpose() * &e * k))? * k.transpose();
        let mut g = DMatrix::zeros(m, q);
        for (t, col) in cols.iter().enumerate() {
            for &(kk, v) in col {
                let c = d.w[kk] * v;
                g.column_mut(t).axpy(c, &d.gamma.column(kk), 1.0);
            }
        }
        let mut c = DMatrix::zeros(q, q);
        for (a, col) in cols.iter().enumerate() {
            for &(kk, v) in col {
                let wv = d.w[kk] * v;
                for t in 0..q {
                    c[(a, t)] += wv * g[(kk, t)];
                }
            }
        }
        let n = d.n as f64;
        let vcov = &e_inv * &c * &e_inv / (n - 1.0);
        let mut wg = g.clone();
        for (i, mut r) in wg.row_iter_mut().enumerate() {
            r *= d.w[i];
        }
        let gwg = g.transpose() * wg;
        let (mut tr_wg, mut tr_wgwg) = (0.0, 0.0);
        for i in 0..m {
            tr_wg += d.w[i] * d.gamma[(i, i)];
            for j in 0..m {
                let x = d.gamma[(i, j)];
                tr_wgwg += d.w[i] * d.w[j] * x * x;
            }
        }
        let ec = &e_inv * &c;
        let trace_ug = tr_wg - ec.trace();
        let trace_ug2 = tr_wgwg - 2.0 * trace_prod(&e_inv, &gwg) + trace_prod(&ec, &ec);
        Some(Robust {
            cols,
            e_inv,
            vcov,
            trace_ug,
            trace_ug2,
        })
    }
}

/// Delta-method SEs of std.all for every row and defined parameter: the
/// Jacobian by forward differences through [`Problem::values`] (which
/// re-derives the residual variances of the ordinal items), analytic for
/// thresholds (their standardized value is τ/1).
fn std_all_se(prob: &Problem, theta: &DVector<f64>, vcov: &DMatrix<f64>) -> (Vec<f64>, Vec<f64>) {
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
    // free parameters that are only thresholds (their rows' std = value / 1)
    let only_threshold: Vec<bool> = (1..=q)
        .map(|k| {
            pt.params
                .iter()
                .filter(|p| p.free == k)
                .all(|p| p.op == Op::Threshold)
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

/// Fit measures under lavaan's names (see the module documentation).
fn fit_measures(
    prob: &Problem,
    d: &Dwls,
    st: &OrdinalStats,
    ev: &crate::estimate::ml::Eval,
    rb: &Robust,
    fmin: f64,
) -> FitMeasures {
    let mut out = FitMeasures::new();
    let mut put = |k: &str, v: f64| {
        out.insert(k.to_string(), v.is_finite().then_some(v));
    };
    let ntotal = d.n as f64;
    let n = ntotal - 1.0; // lavaan's N for non-ML estimators
    let df_i = prob.df();
    let df = df_i as f64;
    // standard and scaled-shifted test
    let chisq = 2.0 * ntotal * fmin;
    let a = (df / rb.trace_ug2).sqrt();
    let shift = df - a * rb.trace_ug;
    let (chisq_s, scaling) = if df_i > 0 {
        (a * chisq + shift, 1.0 / a)
    } else {
        (chisq, f64::NAN)
    };
    put("npar", prob.npar() as f64);
    put("fmin", fmin);
    put("chisq", chisq);
    put("df", df);
    put("pvalue", chisq_pvalue(chisq, df));
    put("chisq.scaled", chisq_s);
    put("df.scaled", df);
    put("pvalue.scaled", chisq_pvalue(chisq_s, df));
    put("chisq.scaling.factor", scaling);
    // baseline: thresholds free, correlations 0
    let nth = d.n_th;
    let ncor = d.stats.len() - nth;
    let df0 = ncor as f64;
    let mut f0 = 0.0;
    let mut tr2 = 0.0;
    for k in nth..d.stats.len() {
        f0 += d.w[k] * d.obs[k] * d.obs[k];
        for l in nth..d.stats.len() {
            let g = d.gamma[(k, l)];
            tr2 += d.w[k] * d.w[l] * g * g;
        }
    }
    let x0 = (ntotal - 1.0) * f0;
    let a0 = (df0 / tr2).sqrt();
    let x0_s = a0 * x0 + (df0 - a0 * ncor as f64);
    put("baseline.chisq", x0);
    put("baseline.df", df0);
    put("baseline.pvalue", chisq_pvalue(x0, df0));
    put("baseline.chisq.scaled", x0_s);
    put("baseline.df.scaled", df0);
    put("baseline.pvalue.scaled", chisq_pvalue(x0_s, df0));
    put("baseline.chisq.scaling.factor", 1.0 / a0);
    // robust (catML) ingredients
    let cat = catml(d, st, ev, rb);
    incremental(chisq, df, x0, df0, None).put_all(&mut put, "");
    incremental(chisq_s, df, x0_s, df0, None).put_all(&mut put, ".scaled");
    match cat {
        Some(c) => incremental(
            c.xx3,
            df,
            c.xx3_null,
            c.df_null,
            Some((c.c_hat, c.c_hat_null)),
        ),
        None => incremental(f64::NAN, df, f64::NAN, df0, None),
    }
    .put_robust(&mut put);
    // RMSEA: standard, scaled (the scaled-shifted statistic), robust (catML)
    let ci = |x2: f64, c: f64| {
        if df > 0.0 {
            rmsea_ci_c_hat(x2, df, n, 1, c, 0.90)
        } else {
            (f64::NAN, f64::NAN)
        }
    };
    put("rmsea", rmsea(chisq, df, n, 1, 1.0));
    let (lo, hi) = ci(chisq, 1.0);
    put("rmsea.ci.lower", lo);
    put("rmsea.ci.upper", hi);
    put("rmsea.ci.level", 0.90);
    put(
        "rmsea.pvalue",
        rmsea_pvalue_c_hat(chisq, df, n, 1, 1.0, 0.05),
    );
    put("rmsea.close.h0", 0.05);
    put(
        "rmsea.notclose.pvalue",
        rmsea_notclose_pvalue_c_hat(chisq, df, n, 1, 1.0, 0.08),
    );
    put("rmsea.notclose.h0", 0.08);
    put("rmsea.scaled", rmsea(chisq_s, df, n, 1, 1.0));
    let (lo, hi) = ci(chisq_s, 1.0);
    put("rmsea.ci.lower.scaled", lo);
    put("rmsea.ci.upper.scaled", hi);
    put(
        "rmsea.pvalue.scaled",
        rmsea_pvalue_c_hat(chisq_s, df, n, 1, 1.0, 0.05),
    );
    put(
        "rmsea.notclose.pvalue.scaled",
        rmsea_notclose_pvalue_c_hat(chisq_s, df, n, 1, 1.0, 0.08),
    );
    match cat {
        Some(c) => {
            let x3s = c.xx3 / c.c_hat;
            put("rmsea.robust", rmsea(c.xx3, df, n, 1, c.c_hat));
            let (lo, hi) = ci(x3s, c.c_hat);
            put("rmsea.ci.lower.robust", lo);
            put("rmsea.ci.upper.robust", hi);
            put(
                "rmsea.pvalue.robust",
                rmsea_pvalue_c_hat(x3s, df, n, 1, c.c_hat, 0.05),
            );
            put(
                "rmsea.notclose.pvalue.robust",
                rmsea_notclose_pvalue_c_hat(x3s, df, n, 1, c.c_hat, 0.08),
            );
        }
        None => {
            for k in [
                "rmsea.robust",
                "rmsea.ci.lower.robust",
                "rmsea.ci.upper.robust",
                "rmsea.pvalue.robust",
                "rmsea.notclose.pvalue.robust",
            ] {
                put(k, f64::NAN);
            }
        }
    }
    // residuals: correlations (and thresholds), lavaan's categorical summary
    let resid = ev.resid.as_ref().expect("a DWLS evaluation");
    let p = prob.structure.p as f64;
    let ss_cor: f64 = resid.iter().skip(nth).map(|r| r * r).sum();
    let ss_th: f64 = resid.iter().take(nth).map(|r| r * r).sum();
    let (nc, nt) = (ncor as f64, nth as f64);
    let rmr_nomean = (ss_cor / (nc + p)).sqrt();
    let rmr = ((ss_cor + ss_th) / (nc + nt + p)).sqrt();
    put("rmr", rmr);
    put("rmr_nomean", rmr_nomean);
    put("srmr", rmr_nomean);
    put("srmr_bentler", rmr);
    put("srmr_bentler_nomean", rmr_nomean);
    put("crmr", ((ss_cor + ss_th) / (nc + nt)).sqrt());
    put("crmr_nomean", (ss_cor / nc).sqrt());
    put("srmr_mplus", f64::NAN);
    put("srmr_mplus_nomean", f64::NAN);
    // other indices
    let cn = |alpha: f64| {
        if df_i == 0 && chisq < f64::EPSILON {
            f64::NAN
        } else {
            qchisq(1.0 - alpha, df) / (chisq / n) + 1.0
        }
    };
    put("cn_05", cn(0.05));
    put("cn_01", cn(0.01));
    let nel = d.stats.len() as f64;
    let t1: f64 = resid.iter().zip(d.w.iter()).map(|(r, w)| r * r * w).sum();
    let t2: f64 = d.obs.iter().zip(d.w.iter()).map(|(s, w)| s * s * w).sum();
    let gfi = 1.0 - t1 / t2;
    let (agfi, pgfi) = crate::fitmeasures::agfi_pgfi(gfi, nel, df);
    put("gfi", gfi);
    put("agfi", agfi);
    put("pgfi", pgfi);
    put("mfi", (-0.5 * (chisq - df) / n).exp());
    put(
        "wrmr",
        if nel > 0.0 {
            (chisq / nel).sqrt()
        } else {
            f64::NAN
        },
    );
    out
}

/// The catML pieces of lavaan's robust CFI/TLI/RMSEA for categorical data.
#[derive(Debug, Clone, Copy)]
struct CatMl {
    xx3: f64,
    c_hat: f64,
    xx3_null: f64,
    df_null: f64,
    c_hat_null: f64,
}

fn catml(
    d: &Dwls,
    st: &OrdinalStats,
    ev: &crate::estimate::ml::Eval,
    rb: &Robust,
) -> Option<CatMl> {
    let r = &st.cor;
    let p = r.nrows();
    let ntotal = d.n as f64;
    // lavaan gives up (NA) when the polychoric matrix is not positive definite
    let eig = r.clone().symmetric_eigen();
    if eig.eigenvalues.iter().any(|e| *e < f64::EPSILON.sqrt()) {
        return None;
    }
    let sigma = &ev.groups[0].imp.sigma;
    let (s_inv, ld_s) = crate::linalg::spd_inverse_logdet(sigma)?;
    let ld_r = crate::linalg::spd_logdet(r)?;
    let f_ml = ld_s + r.component_mul(&s_inv).sum() - ld_r - p as f64;
    let xx3 = ntotal * f_ml;
    let nth = d.n_th;
    let pairs: Vec<(usize, usize)> = d.stats[nth..]
        .iter()
        .map(|s| match *s {
            Stat::Correlation(i, j) => (i, j),
            Stat::Threshold(..) => unreachable!("correlations follow the thresholds"),
        })
        .collect();
    let m = pairs.len();
    // the parameters that move correlations (the others are thresholds)
    let act: Vec<usize> = (0..rb.cols.len())
        .filter(|&t| rb.cols[t].iter().any(|&(k, _)| k >= nth))
        .collect();
    let s_cnt = act.len();
    let df3 = (m - s_cnt) as f64;
    // Δ_s (correlations × active parameters), A = E⁻¹ on them
    let mut ds = DMatrix::zeros(m, s_cnt);
    for (c, &t) in act.iter().enumerate() {
        for &(k, v) in &rb.cols[t] {
            if k >= nth {
                ds[(k - nth, c)] = v;
            }
        }
    }
    let a = DMatrix::from_fn(s_cnt, s_cnt, |i, j| rb.e_inv[(act[i], act[j])]);
    // V: normal-theory weight of the correlations at Σ̂*
    let v = DMatrix::from_fn(m, m, |x, y| {
        let (i, j) = pairs[x];
        let (k, l) = pairs[y];
        s_inv[(i, k)] * s_inv[(j, l)] + s_inv[(i, l)] * s_inv[(j, k)]
    });
    let gamma_rho = d.gamma.view((nth, nth), (m, m)).into_owned();
    // ks = tr(U′VUΓ) with U = I − Δ_s A Δ_s′W:
    // tr(VΓ) − 2 tr(A X′Y) + tr(A M₁ A M₂), X = VΔ_s, Y = ΓWΔ_s,
    // M₁ = Δ_s′X, M₂ = (WΔ_s)′Y
    let mut wds = ds.clone();
    for (x, mut row) in wds.row_iter_mut().enumerate() {
        row *= d.w[nth + x];
    }
    let xm = &v * &ds;
    let ym = &gamma_rho * &wds;
    let m1 = ds.transpose() * &xm;
    let m2 = wds.transpose() * &ym;
    let xy = xm.transpose() * &ym;
    let mut tr_vg = 0.0;
    for x in 0..m {
        for y in 0..m {
            tr_vg += v[(x, y)] * gamma_rho[(x, y)];
        }
    }
    let am1 = &a * m1;
    let am2 = &a * m2;
    let ks = tr_vg - 2.0 * trace_prod(&a, &xy) + trace_prod(&am1, &am2);
    let c_hat = ks / df3;
    let xx3_null = -ntotal * ld_r;
    let df_null = m as f64;
    let c_hat_null = gamma_rho.trace() / df_null;
    Some(CatMl {
        xx3,
        c_hat,
        xx3_null,
        df_null,
        c_hat_null,
    })
}

/// Modification indices under DWLS (`R/lav_modification.R`): for every
/// candidate parameter, with Δ_c its column of ∂σ/∂θ, the score
/// g = −(N−1)/N·Δ_c′W(s − σ) (lavaan's DWLS gradient), V = Δ_c′WΔ_c − Δ_c′WΔ E⁻¹ Δ′WΔ_c, MI = N g²/V,
/// EPC = −g/V. Candidates: every factor `=~` every item, every pair of
/// items `~~`, every pair of factors `~~`, regressions among the
/// variables of the structural part; V < ε^⅓ (not identified) is left out.
fn modification_indices(
    prob: &Problem,
    d: &Dwls,
    ev: &crate::estimate::ml::Eval,
    rb: &Robust,
    values: &[f64],
) -> Vec<ModIndex> {
    let pt = prob.pt;
    let v = &pt.vars;
    let ge = &ev.groups[0];
    let resid = ev.resid.as_ref().expect("a DWLS evaluation");
    let n = d.n as f64;
    let nstruct = prob.structure.n();
    let mut cands: Vec<(String, Op, String)> = Vec::new();
    for f in &v.lv {
        for x in &v.ov {
            cands.push((f.clone(), Op::Loading, x.clone()));
        }
    }
    for j in 0..v.ov.len() {
        for i in j + 1..v.ov.len() {
            cands.push((v.ov[j].clone(), Op::Covariance, v.ov[i].clone()));
        }
    }
    for j in 0..v.lv.len() {
        for i in j..v.lv.len() {
            cands.push((v.lv[j].clone(), Op::Covariance, v.lv[i].clone()));
        }
    }
    let mut eqs: Vec<String> = Vec::new();
    for p in pt.params.iter().filter(|p| p.op == Op::Regression) {
        for s in [&p.lhs, &p.rhs] {
            if !eqs.contains(s) {
                eqs.push(s.clone());
            }
        }
    }
    let is_ind = |s: &str| v.ov_ind.iter().any(|x| x == s);
    let is_lv = |s: &str| v.lv.iter().any(|x| x == s);
    for y in &eqs {
        for x in &eqs {
            if x != y && !(is_ind(y) && is_lv(x)) {
                cands.push((y.clone(), Op::Regression, x.clone()));
            }
        }
    }
    let taken: std::collections::HashSet<Entry> = pt
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.free > 0 && !matches!(p.op, Op::Threshold | Op::Scale))
        .map(|(r, _)| normalized(prob.entries[r]))
        .collect();
    // Δ by rows: the free parameters that move each statistic
    let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); d.stats.len()];
    for (t, col) in rb.cols.iter().enumerate() {
        for &(k, v) in col {
            rows[k].push((t, v));
        }
    }
    let mats = prob.matrices(values);
    let pdiag: Vec<f64> = mats[0].p.diagonal().iter().copied().collect();
    let p = prob.structure.p;
    let q = rb.cols.len();
    let mut out = Vec::new();
    let mut i12 = vec![0.0; q];
    let mut in_support = vec![false; q];
    let mut support: Vec<usize> = Vec::new();
    for (lhs, op, rhs) in cands {
        let e = prob.structure.entry(&lhs, op, &rhs);
        if taken.contains(&normalized(e)) {
            continue;
        }
        let dv = Deriv::of(e, nstruct, &ge.imp, prob.structure.meanstructure);
        let col = d.deriv_column(&dv, &ge.x);
        if col.is_empty() {
            continue;
        }
        // I₁₁ = Δ_c′WΔ_c, I₁₂ = Δ_c′WΔ (sparse), V = I₁₁ − I₁₂E⁻¹I₂₁
        let i11: f64 = col.iter().map(|&(k, x)| x * x * d.w[k]).sum();
        for &(k, x) in &col {
            for &(t, v) in &rows[k] {
                if !in_support[t] {
                    in_support[t] = true;
                    support.push(t);
                }
                i12[t] += x * d.w[k] * v;
            }
        }
        let mut quad = 0.0;
        for &a in &support {
            for &b in &support {
                quad += i12[a] * rb.e_inv[(a, b)] * i12[b];
            }
        }
        for &t in &support {
            i12[t] = 0.0;
            in_support[t] = false;
        }
        support.clear();
        let vv = i11 - quad;
        if !vv.is_finite() || vv < f64::EPSILON.powf(1.0 / 3.0) {
            continue;
        }
        // lavaan's gradient of the DWLS objective carries the group weight
        // (N−1)/N
        let score: f64 =
            -(n - 1.0) / n * col.iter().map(|&(k, x)| x * d.w[k] * resid[k]).sum::<f64>();
        let mi = n * score * score / vv;
        let epc = -score / vv;
        let small_var = op == Op::Covariance && lhs == rhs && epc.abs() < f64::EPSILON.sqrt();
        let sepc = |all: bool| {
            let s = if small_var {
                0.0
            } else {
                epc.signum()
                    * crate::tables::standardize::std_entry(e, epc.abs(), &ge.imp, &pdiag, p, all)
            };
            s.is_finite().then_some(s)
        };
        out.push(ModIndex {
            lhs,
            op: op.as_str().to_string(),
            rhs,
            group: 1,
            mi,
            epc,
            sepc_lv: sepc(false),
            sepc_all: sepc(true),
        });
    }
    out.sort_by(|a, b| b.mi.partial_cmp(&a.mi).unwrap_or(std::cmp::Ordering::Equal));
    out
}

/// ω, AVE, α, HTMT and Fornell–Larcker with ordinal items (see the module
/// documentation for the definitions).
fn reliability_tables(
    prob: &Problem,
    values: &[f64],
    st: &OrdinalStats,
    od: &OrdinalData,
    raw: &DMatrix<f64>,
) -> ReliabilityTables {
    let pt: &ParTable = prob.pt;
    let p = prob.structure.p;
    let m = measurement(prob, values);
    // model thresholds per item (τ − μ, μ = 0 with fixed intercepts)
    let mut th: Vec<Vec<f64>> = st.thresholds.iter().map(|t| vec![0.0; t.len()]).collect();
    for (r, par) in pt.params.iter().enumerate() {
        if par.op == Op::Threshold {
            if let Some(i) = pt.vars.ov.iter().position(|x| *x == par.lhs) {
                let k: usize = par.rhs[1..].parse().unwrap_or(1);
                th[i][k - 1] = values[r];
            }
        }
    }
    let codes_cov = covariance_n(&od.code_matrix());
    // the polychoric variances are 1
    let ones = DMatrix::identity(p, p);
    let r = cov_to_cor(&covariance_n(raw));
    let multi: Vec<ConstructItems> = m
        .constructs
        .iter()
        .filter(|c| c.items.len() >= 2)
        .cloned()
        .collect();
    let htmt = reliability::htmt(&r, &multi);
    reliability_summary(pt, &m, htmt, |c| {
        let a = reliability::cronbach_alpha(&codes_cov, &c.items);
        let o = reliability::omega_categorical(&m.lambda, &m.phi, &st.cor, &th, &c.items, c.factor);
        let v = reliability::ave(&m.lambda, &m.phi, &ones, &c.items, c.factor);
        (a, o, v)
    })
}
