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
use crate::estimate::dwls::Dwls;
use crate::estimate::Problem;
use crate::fitmeasures::FitMeasures;
use crate::inference::dwls::DwlsInference;
use crate::partable::{self, ModelOptions, Op, ParTable};
use crate::samplestats::moments::{GroupMoments, SampleMoments};
use crate::samplestats::ordinal::{ordinal_stats, OrdinalData, OrdinalError, OrdinalStats};
use crate::tables::hypotheses;
use crate::tables::modindices::dwls_modification_indices;
use crate::tables::reliability::{self, ConstructItems};
use crate::tables::standardize::std_all_se_numeric;
use nalgebra::DMatrix;

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
    let res = crate::estimate::dwls::estimate(&prob, &dwls, &sm, &st);
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
    let robust = ev
        .as_ref()
        .and_then(|ev| DwlsInference::new(&prob, &dwls, ev));
    if robust.is_none() && pt.n_free > 0 {
        warnings.push(no_standard_errors_warning());
    }
    let vcov = robust.as_ref().map(|r| &r.vcov);
    let parameters = parameter_rows(&prob, &theta, &values, vcov, |v| {
        std_all_se_numeric(&prob, &theta, v)
    });

    // fit measures
    let fit = match (&ev, &robust) {
        (Some(ev), Some(rb)) => {
            crate::fitmeasures::dwls::fit_measures(&prob, &dwls, &st, ev, rb, res.f)
        }
        _ => FitMeasures::new(),
    };
    let r2 = r2_table(&prob, &values);
    let modindices = match (&ev, &robust, opts.modindices) {
        (Some(ev), Some(rb), true) => dwls_modification_indices(&prob, &dwls, ev, rb, &values),
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
