//! Ordinal (Likert) items, lavaan 0.6's `ordered = ...` (estimator
//! `"WLSMV"`): the data table, model text and options in; the parameter
//! table (thresholds per item's categories) and the ordinal sample
//! statistics (thresholds, polychoric correlations, Γ) out, with the checks
//! of what WLSMV models can hold. The rest of the pipeline is the one every
//! estimator runs ([`super::run_deferred`]): DWLS estimation
//! ([`crate::estimate::dwls`]), the sandwich SEs and the scaled-and-shifted
//! test ([`crate::inference::dwls`]), the fit measures
//! ([`crate::fitmeasures::dwls`]), the modification indices
//! ([`crate::tables::modindices::dwls_modification_indices`]).
//!
//! Sources (lavaan 0.6.14): `R/lav_options.R` (WLSMV = DWLS +
//! `se = "robust.sem"` + `test = "scaled.shifted"`, delta
//! parameterization, mean structure).
//!
//! Reliability with ordinal items (semTools 0.5-6 defaults, as the fixture
//! `livecommerce_wlsmv` was produced): ω is `compRelSEM`'s categorical ω
//! of Green & Yang (2009) ([`crate::tables::reliability::omega_categorical`]); AVE is
//! Σλ²φ over the number of items (the polychoric variances are 1); α is
//! Cronbach's α of the category codes 1…K (as `scripts/make_fixture.R`
//! computes it; semTools' `compRelSEM(tau.eq = TRUE)` agrees on the
//! fixture); HTMT is `htmt(model, data)` on Pearson correlations of the raw
//! item scores. The tables themselves are assembled as for continuous items
//! ([`crate::analysis`]).

use super::{
    measurement, reliability_summary, AnalysisError, DataSummary, Estimator, Missing, Options,
    ReliabilityTables, Warning, WarningText,
};
use crate::data::groups::Groups;
use crate::data::{cov_to_cor, covariance_n, DataTable};
use crate::estimate::Problem;
use crate::partable::{self, ModelOptions, Op, ParTable};
use crate::samplestats::moments::{GroupMoments, SampleMoments};
use crate::samplestats::ordinal::{ordinal_stats, OrdinalData, OrdinalError, OrdinalStats};
use crate::samplestats::{OrdinalBlock, SampleStats, StatsKind};
use crate::tables::reliability;
use nalgebra::DMatrix;

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

/// The parameter table, the ordinal sample statistics (per group) and the
/// data summary of an analysis of ordinal items; None when no declared item
/// is in the model and the estimator was not asked for by name (then the
/// items are continuous, as in lavaan). With groups, each group has its own
/// thresholds, polychoric correlations and Γ of its complete rows, with the
/// categories of the whole data (lavaan `R/lav_samplestats.R`, one block per
/// group); rows without a group are left out.
///
/// `separate`: kinds of `group.equal` kept as separate parameters per group
/// (for the score tests of their equalities,
/// [`crate::partable::ModelOptions::group_equal_separate`]).
pub(crate) fn prepare(
    table: &DataTable,
    model: &str,
    opts: &Options,
    groups: Option<&Groups>,
    separate: &[crate::partable::GroupEqual],
) -> Result<Option<(ParTable, SampleStats, DataSummary)>, AnalysisError> {
    let columns = table.names().to_vec();
    let declared = declared(opts, &columns)?;
    let mopts = ModelOptions {
        meanstructure: false,
        group_equal_separate: separate.to_vec(),
        ..super::model_options(opts)?
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
            return Ok(None);
        }
        return Err(AnalysisError::NotSupported(
            "the WLSMV estimator for continuous items (WLSMV is for ordinal items: declare them with `ordered`, e.g. `--ordered all`)".into(),
        ));
    }
    // listwise deletion over the model's variables, within each group;
    // the declared items must look ordinal before anything else is said
    // about them
    let numeric = table.numeric(&names)?;
    let (parts, no_group) = match groups {
        Some(gs) => (gs.split(&numeric), gs.rows_without_group()),
        None => (
            vec![(numeric.clone(), (0..numeric.n_rows()).collect())],
            Vec::new(),
        ),
    };
    // each item's values in the whole data, in order: a value's category
    // code is its place among them (for α, on every row of a group)
    let values: Vec<Vec<f64>> = (0..names.len())
        .map(|j| {
            let mut v: Vec<f64> = numeric.rows.iter().filter_map(|r| r[j]).collect();
            crate::sorting::ascending(&mut v);
            v.dedup();
            v
        })
        .collect();
    let codes_of = |part: &crate::data::NumericData| crate::data::NumericData {
        names: part.names.clone(),
        rows: part
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .zip(&values)
                    .map(|(x, v)| {
                        x.and_then(|x| v.iter().position(|y| *y == x).map(|k| (k + 1) as f64))
                    })
                    .collect()
            })
            .collect(),
    };
    let codes: Vec<crate::data::NumericData> =
        parts.iter().map(|(part, _)| codes_of(part)).collect();
    let mut dropped: Vec<usize> = no_group.iter().map(|i| i + 1).collect();
    let mut raws = Vec::with_capacity(parts.len());
    for (part, rows) in &parts {
        let complete = part.listwise();
        dropped.extend(complete.dropped_rows.iter().map(|&r| rows[r - 1] + 1));
        raws.push(complete.data);
    }
    crate::sorting::sort(&mut dropped);
    let rows_used: usize = raws.iter().map(|r| r.nrows()).sum();
    let all = DMatrix::from_fn(rows_used, names.len(), |i, j| {
        let mut i = i;
        for r in &raws {
            if i < r.nrows() {
                return r[(i, j)];
            }
            i -= r.nrows();
        }
        unreachable!("row within the groups")
    });
    let ord_cols: Vec<usize> = (0..names.len())
        .filter(|&j| pt0.ordinal.contains(&names[j]))
        .collect();
    let ord_names: Vec<String> = ord_cols.iter().map(|&j| names[j].clone()).collect();
    OrdinalData::from_matrix(&all.select_columns(&ord_cols), &ord_names)?;
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
        rows_read: numeric.n_rows(),
        rows_used,
        dropped_rows: dropped,
        variables: names.clone(),
        missing: Missing::Listwise,
        empty_rows: Vec::new(),
        rows_without_group: no_group.len(),
        missing_patterns: Vec::new(),
        coverage: Vec::new(),
    };
    // the categories of the whole data; every group must have each
    let levels = OrdinalData::from_matrix(&all, &names)?.levels;
    let counts: Vec<(String, usize)> = names
        .iter()
        .zip(&levels)
        .map(|(n, l)| (n.clone(), l.len()))
        .collect();
    let pt = partable::build_ordinal(model, &columns, &mopts, parts.len(), &counts)?;
    let mut blocks = Vec::with_capacity(raws.len());
    let mut moments = Vec::with_capacity(raws.len());
    for (g, (raw, codes)) in raws.into_iter().zip(codes).enumerate() {
        let in_group =
            |e: crate::samplestats::moments::MomentsError| super::moments_error(groups, g, e);
        let label = groups.map_or("", |gs| gs.labels[g].as_str());
        let od = match groups {
            Some(_) => OrdinalData::with_levels(&raw, &names, &levels, label)?,
            None => OrdinalData::from_matrix(&raw, &names)?,
        };
        // two identical items make the polychoric matrix singular: refuse
        // as for continuous data, naming them
        crate::samplestats::moments::check_full_rank(
            &crate::data::covariance_n(&raw),
            raw.nrows(),
            &names,
        )
        .map_err(in_group)?;
        let st = ordinal_stats(&od);
        let logdet = crate::linalg::spd_logdet(&st.cor).unwrap_or(f64::NAN);
        moments.push(GroupMoments {
            n: st.n,
            cov: st.cor.clone(),
            mean: None,
            raw: None,
            logdet,
        });
        blocks.push(OrdinalBlock {
            data: od,
            stats: st,
            raw,
            codes,
        });
    }
    let stats = SampleStats {
        moments: SampleMoments {
            names: names.clone(),
            groups: moments,
        },
        kind: StatsKind::Ordinal(blocks),
    };
    Ok(Some((pt, stats, summary)))
}

/// Warnings about the polychoric correlations (lavaan warns about the same).
pub(super) fn sample_warnings(st: &OrdinalStats, names: &[String], warnings: &mut Vec<Warning>) {
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

/// Every group's complete rows, one group after another (for HTMT, which
/// semTools computes on all rows whatever the groups).
pub(super) fn all_rows(blocks: &[OrdinalBlock]) -> DMatrix<f64> {
    let n: usize = blocks.iter().map(|b| b.raw.nrows()).sum();
    let p = blocks.first().map_or(0, |b| b.raw.ncols());
    let mut out = DMatrix::zeros(n, p);
    let mut at = 0;
    for b in blocks {
        out.rows_mut(at, b.raw.nrows()).copy_from(&b.raw);
        at += b.raw.nrows();
    }
    out
}

/// ω, AVE, α and Fornell–Larcker of group `g` (0-based, `block` its
/// statistics) and HTMT of `all_raw` (every group's rows) with ordinal
/// items (see the module documentation for the definitions).
pub(super) fn reliability_tables(
    prob: &Problem,
    values: &[f64],
    g: usize,
    block: &OrdinalBlock,
    all_raw: &DMatrix<f64>,
) -> ReliabilityTables {
    let st = &block.stats;
    let pt: &ParTable = prob.pt;
    let p = prob.structure.p;
    let m = measurement(prob, values, g + 1);
    // the group's scaling factors Δ (1 unless free in groups 2, 3, …)
    let mut delta = vec![1.0; p];
    for (r, par) in pt.params.iter().enumerate() {
        if par.op == Op::Scale && par.group == g + 1 {
            if let Some(i) = pt.vars.ov.iter().position(|x| *x == par.lhs) {
                delta[i] = values[r];
            }
        }
    }
    // model thresholds per item on the latent responses' unit scale
    // (Δ(τ − μ), μ = 0 with fixed intercepts; lavaan's `th`)
    let mut th: Vec<Vec<f64>> = st.thresholds.iter().map(|t| vec![0.0; t.len()]).collect();
    for (r, par) in pt.params.iter().enumerate() {
        if par.op == Op::Threshold && par.group == g + 1 {
            if let Some(i) = pt.vars.ov.iter().position(|x| *x == par.lhs) {
                let k: usize = par.rhs[1..].parse().unwrap_or(1);
                th[i][k - 1] = delta[i] * values[r];
            }
        }
    }
    // the latent responses' model variances 1/Δ² (1 with fixed scales)
    let var = DMatrix::from_diagonal(&nalgebra::DVector::from_fn(p, |i, _| {
        1.0 / (delta[i] * delta[i])
    }));
    // loadings on the unit scale for the categorical ω
    let mut lambda_unit = m.lambda.clone();
    for (i, mut row) in lambda_unit.row_iter_mut().enumerate() {
        row *= delta[i];
    }
    let r = cov_to_cor(&covariance_n(all_raw));
    let htmt = reliability::htmt(&r, &m.scales());
    reliability_summary(&m, htmt, |c| {
        // α of the category codes on the rows where the construct's items
        // are observed (as for continuous items), not only the fit's rows
        let a = super::alpha_complete_cases(&block.codes, &c.items);
        let o =
            reliability::omega_categorical(&lambda_unit, &m.phi, &st.cor, &th, &c.items, c.factor);
        let v = reliability::ave(&m.lambda, &m.phi, &var, &c.items, c.factor);
        (a, o, v)
    })
}
