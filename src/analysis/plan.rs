//! The plan of an analysis: the options and the kind of data in; the route
//! through the pipeline out — continuous items (ML, MLR, MLM; listwise or
//! FIML) or ordinal items (WLSMV) — or the reason the combination cannot
//! run. This is the one place that refuses unsupported option
//! combinations; each message says what to do instead.

use super::{AnalysisError, DataInput, Estimator, Missing, Options};

/// Which sample statistics and estimator the analysis uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Means and covariances (or FIML's missing-data patterns): ML, MLR, MLM.
    Continuous,
    /// Thresholds and polychoric correlations of ordinal items: WLSMV.
    Ordinal,
}

/// Whether the options ask for WLSMV: the estimator, or items declared ordinal.
pub fn wants_ordinal(opts: &Options) -> bool {
    opts.estimator == Estimator::Wlsmv || !opts.ordered.is_empty()
}

/// The route for these options and data, or why they cannot run.
pub fn plan(data: &DataInput, opts: &Options) -> Result<Route, AnalysisError> {
    if wants_ordinal(opts) {
        if opts.bootstrap.is_some() {
            return Err(AnalysisError::NotSupported(
                "the bootstrap with ordinal items (WLSMV)".into(),
            ));
        }
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
        check_group_and_alpha(opts)?;
        if let DataInput::Covariance(_) = data {
            return Err(AnalysisError::NeedsRawData(
                "WLSMV for ordinal items (thresholds and polychoric correlations)".into(),
            ));
        }
        return Ok(Route::Ordinal);
    }
    if opts.estimator == Estimator::Mlm && opts.missing == Missing::Ml {
        return Err(AnalysisError::Incompatible(
            "`missing = ml` is not allowed with the MLM estimator (nor in lavaan: the Satorra–Bentler correction needs complete data); use MLR for robust standard errors with missing data".into(),
        ));
    }
    if opts.bootstrap.is_some() && opts.missing == Missing::Ml {
        return Err(AnalysisError::NotSupported(
            "the bootstrap together with `missing = ml`".into(),
        ));
    }
    check_group_and_alpha(opts)?;
    // robust SEs and the bootstrap need the raw data
    if let DataInput::Covariance(_) = data {
        if matches!(opts.estimator, Estimator::Mlr | Estimator::Mlm) {
            return Err(AnalysisError::NeedsRawData(format!(
                "the {} estimator (robust standard errors and a scaled test)",
                opts.estimator.name()
            )));
        }
        if opts.bootstrap.is_some() {
            return Err(AnalysisError::NeedsRawData("the bootstrap".into()));
        }
        if opts.missing == Missing::Ml {
            return Err(AnalysisError::NeedsRawData(
                "full-information ML for missing data (`missing = ml`)".into(),
            ));
        }
        if opts.group.is_some() {
            return Err(AnalysisError::NeedsRawData(
                "a multi-group analysis (the group column)".into(),
            ));
        }
    }
    Ok(Route::Continuous)
}

/// Options that hold for every route: a significance level inside (0, 1);
/// `group.equal` and `group.partial` only with a group column. (The bootstrap of a
/// multi-group model resamples within each group, as lavaan's.)
fn check_group_and_alpha(opts: &Options) -> Result<(), AnalysisError> {
    if opts.group.is_none()
        && (opts.group_equal.iter().any(|s| !s.trim().is_empty())
            || opts.group_partial.iter().any(|s| !s.trim().is_empty()))
    {
        return Err(AnalysisError::Incompatible(
            "`group.equal` and `group.partial` need a group column (`--group COLUMN`)".into(),
        ));
    }
    if !(opts.hypotheses.alpha > 0.0 && opts.hypotheses.alpha < 1.0) {
        return Err(AnalysisError::NotSupported(format!(
            "a significance level of {} (it must lie between 0 and 1)",
            opts.hypotheses.alpha
        )));
    }
    Ok(())
}
