//! The whole analysis: a data set (or covariance matrix), model text and
//! options in; an [`Analysis`] with every table a survey paper needs out —
//! parameter estimates with standardized solutions, fit measures, R²,
//! modification indices, reliability and validity, the hypothesis table and
//! plain-language warnings. Both the browser app and the `semlab` command
//! call [`run`].
//!
//! One pipeline for every estimator ([`run_deferred`]): [`plan::plan`]
//! refuses option combinations that cannot run and picks the route; the
//! data become sample statistics per group ([`crate::samplestats`]:
//! moments, FIML's missing-data patterns, or the thresholds and polychoric
//! correlations of [`ordinal`] items); [`crate::estimate`] fits the model
//! (ML, FIML or DWLS); [`crate::inference`] gives the standard errors and the
//! test (standard, scaled, scaled and shifted); [`crate::fitmeasures`] the fit
//! indices; [`crate::tables`] the standardized solution, modification
//! indices, reliability and hypotheses. Each estimator contributes its piece
//! at each stage; the stages themselves are written once.

pub mod ordinal;
pub mod plan;
pub mod process_helper;

use crate::estimate::dwls::Dwls;
use crate::estimate::Discrepancy;
use crate::fitted::Fitted;
use crate::inference::dwls::DwlsInference;
use crate::inference::{Inference, Test};
use crate::samplestats::{SampleStats, StatsKind};
use crate::tables::modindices::dwls_modification_indices;
use crate::tables::standardize::std_all_se_numeric;
use plan::Route;

use crate::data::groups::{GroupError, Groups};
use crate::data::NumericData;
use crate::data::{CovarianceInput, DataError, DataTable};
use crate::estimate::{ConstraintError, Problem};
use crate::fitmeasures::{fit_measures, FitInput, FitMeasures};
use crate::i18n::zh::phrase;
use crate::i18n::{Lang, Localized};
use crate::model::Implied;
use crate::partable::{self, GroupEqual, ModelError, ModelOptions, Op, ParTable};
use crate::samplestats::moments::{GroupMoments, MomentsError, SampleMoments};
use crate::tables::hypotheses::{self, Hypothesis, HypothesisRule, PathEstimate};
use crate::tables::modindices::ModIndex;
use crate::tables::reliability::{
    self, ConstructItems, ConstructKind, ConstructReliability, Indicator, NamedMatrix,
};
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The estimator: ML, ML with robust SEs and a scaled test (MLR, MLM,
/// see [`crate::inference::robust`]), or WLSMV for ordinal items (see [`crate::analysis::ordinal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Estimator {
    #[serde(rename = "ML")]
    Ml,
    #[serde(rename = "MLR")]
    Mlr,
    #[serde(rename = "MLM")]
    Mlm,
    #[serde(rename = "WLSMV")]
    Wlsmv,
}

impl Estimator {
    pub fn parse(s: &str) -> Option<Estimator> {
        match s.to_ascii_uppercase().as_str() {
            "ML" => Some(Estimator::Ml),
            "MLR" => Some(Estimator::Mlr),
            "MLM" => Some(Estimator::Mlm),
            "WLSMV" => Some(Estimator::Wlsmv),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Estimator::Ml => "ML",
            Estimator::Mlr => "MLR",
            Estimator::Mlm => "MLM",
            Estimator::Wlsmv => "WLSMV",
        }
    }
}

/// How missing values are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    /// Drop every row with a missing value in a model variable (lavaan's default).
    Listwise,
    /// Full-information ML (lavaan's `missing = "ml"`, see
    /// [`crate::estimate::fiml`]).
    Ml,
}

/// Everything the user can set (a field missing from saved options takes
/// its default, so older saved sessions still restore).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub std_lv: bool,
    /// Mean-centre the variables of interaction terms `x:w` before the
    /// product (PROCESS's centring option; [`DataTable::numeric_centered`]).
    pub center_interactions: bool,
    pub orthogonal: bool,
    pub estimator: Estimator,
    pub missing: Missing,
    /// Items declared ordinal (`all` for every item): WLSMV.
    pub ordered: Vec<String>,
    /// The group column of a multi-group analysis (lavaan's `group`).
    pub group: Option<String>,
    /// What is equal across groups (lavaan's `group.equal`: `loadings`,
    /// `intercepts`, `means`, `thresholds`, `regressions`, `residuals`,
    /// `residual.covariances`, `lv.variances`, `lv.covariances`).
    pub group_equal: Vec<String>,
    /// Parameters exempt from `group_equal` (lavaan's `group.partial`),
    /// written as in the model: `x3 ~ 1`, `visual =~ x2`.
    pub group_partial: Vec<String>,
    pub hypotheses: HypothesisRule,
    /// Compute modification indices (they are cheap; on by default).
    pub modindices: bool,
    /// Bootstrap SEs and confidence intervals (None: no bootstrap).
    #[serde(default)]
    pub bootstrap: Option<crate::bootstrap::BootstrapOptions>,
    /// Only the fit, its parameters and fit measures, for callers that
    /// compare fits and show nothing else of each (the invariance ladder's
    /// levels, `semlab compare`, the method-bias models): no reliability
    /// and validity, R², effects, moderation or per-group tables. Not a
    /// user setting: never saved.
    #[serde(skip)]
    pub fit_only: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            std_lv: false,
            center_interactions: false,
            orthogonal: false,
            estimator: Estimator::Ml,
            missing: Missing::Listwise,
            ordered: Vec::new(),
            group: None,
            group_equal: Vec::new(),
            group_partial: Vec::new(),
            hypotheses: HypothesisRule::default(),
            modindices: true,
            bootstrap: None,
            fit_only: false,
        }
    }
}

/// The data an analysis runs on.
#[derive(Debug, Clone)]
pub enum DataInput<'a> {
    Table(&'a DataTable),
    Covariance(&'a CovarianceInput),
}

impl DataInput<'_> {
    /// The names of the data's columns (of the covariance matrix's variables).
    pub fn columns(&self) -> Vec<String> {
        match self {
            DataInput::Table(t) => t.names().to_vec(),
            DataInput::Covariance(c) => c.names.clone(),
        }
    }
}

/// Why an analysis could not run. Each message says what to change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum AnalysisError {
    Model(ModelError),
    Data(DataError),
    Moments(MomentsError),
    Constraint(ConstraintError),
    /// An option that is reserved for a later version.
    NotSupported(String),
    /// Options that do not go together (the message says what to do instead).
    Incompatible(String),
    /// The model needs means but only a covariance matrix was given.
    NeedsMeans,
    /// A method that needs the raw data (robust SEs, the bootstrap) got only
    /// a covariance matrix; the message names the method.
    NeedsRawData(String),
    /// The bootstrap cannot run (e.g. the model does not converge on the full data).
    Bootstrap(String),
    /// Items declared ordinal that cannot be (a continuous item, one category).
    Ordinal(crate::samplestats::ordinal::OrdinalError),
    /// The group column cannot define groups (unknown, one value).
    Group(GroupError),
    /// The data of one group cannot be used (too few rows, an item that is
    /// constant in that group, ...).
    GroupMoments {
        group: String,
        error: MomentsError,
    },
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::Model(e) => write!(f, "{e}"),
            AnalysisError::Data(e) => write!(f, "{e}"),
            AnalysisError::Moments(e) => write!(f, "{e}"),
            AnalysisError::Constraint(e) => write!(f, "{e}"),
            AnalysisError::NotSupported(what) => write!(f, "{what} is not supported yet"),
            AnalysisError::Incompatible(what) => write!(f, "{what}"),
            AnalysisError::NeedsMeans => write!(
                f,
                "the model has intercepts or means (`~ 1`) but only a covariance matrix was given; give the raw data instead"
            ),
            AnalysisError::NeedsRawData(what) => write!(
                f,
                "{what} needs the raw data, not only a covariance matrix; give the data file instead"
            ),
            AnalysisError::Bootstrap(e) => write!(f, "{e}"),
            AnalysisError::Ordinal(e) => write!(f, "{e}"),
            AnalysisError::Group(e) => write!(f, "{e}"),
            // an item constant in one group only: the cure is another
            // group column or leaving the item out, not only the latter
            AnalysisError::GroupMoments {
                group,
                error: MomentsError::ConstantVariable { name },
            } => write!(
                f,
                "`{name}` has the same value in every row of group \"{group}\" (zero variance within that group), so the groups cannot be compared on it; remove `{name}` from the model, or choose another group column"
            ),
            AnalysisError::GroupMoments { group, error } => {
                write!(f, "in group \"{group}\": {error}")
            }
        }
    }
}

impl std::error::Error for AnalysisError {}

impl AnalysisError {
    /// The place in the model text the error points at (line, column), if any.
    pub fn model_position(&self) -> Option<crate::syntax::Pos> {
        match self {
            AnalysisError::Model(e) => e.position(),
            AnalysisError::Constraint(e) => Some(e.position()),
            _ => None,
        }
    }
}

impl From<crate::samplestats::ordinal::OrdinalError> for AnalysisError {
    fn from(e: crate::samplestats::ordinal::OrdinalError) -> Self {
        AnalysisError::Ordinal(e)
    }
}

impl From<GroupError> for AnalysisError {
    fn from(e: GroupError) -> Self {
        AnalysisError::Group(e)
    }
}

impl From<ModelError> for AnalysisError {
    fn from(e: ModelError) -> Self {
        AnalysisError::Model(e)
    }
}
impl From<DataError> for AnalysisError {
    fn from(e: DataError) -> Self {
        AnalysisError::Data(e)
    }
}
impl From<MomentsError> for AnalysisError {
    fn from(e: MomentsError) -> Self {
        AnalysisError::Moments(e)
    }
}
impl From<ConstraintError> for AnalysisError {
    fn from(e: ConstraintError) -> Self {
        AnalysisError::Constraint(e)
    }
}

/// One row of the parameter table (lavaan's `parameterEstimates` +
/// `standardizedSolution` columns). `op` is `:=` for defined parameters.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParameterRow {
    pub lhs: String,
    pub op: String,
    pub rhs: String,
    /// 1-based group; 0 for a defined parameter of a multi-group model,
    /// which belongs to no group (lavaan's `group` 0).
    pub group: usize,
    pub label: String,
    pub free: bool,
    pub est: f64,
    pub se: Option<f64>,
    pub z: Option<f64>,
    pub pvalue: Option<f64>,
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    pub std_lv: Option<f64>,
    pub std_all: Option<f64>,
    pub se_std_all: Option<f64>,
    /// Bootstrap SE (lavaan's `se` under `se = "bootstrap"`), when bootstrapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_se: Option<f64>,
    /// Bootstrap confidence interval (percentile or bias-corrected, see
    /// [`Analysis::bootstrap`]), when bootstrapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_ci_lower: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_ci_upper: Option<f64>,
}

pub use crate::warnings::{Warning, WarningKind, WarningText};

/// How the data were used.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DataSummary {
    pub rows_read: usize,
    pub rows_used: usize,
    /// Data row numbers (1-based, header not counted) left out: by listwise
    /// deletion, or under FIML the rows without any value (and rows missing
    /// a fixed covariate).
    pub dropped_rows: Vec<usize>,
    /// Observed variables of the model, in order.
    pub variables: Vec<String>,
    /// How missing values were handled.
    #[serde(default = "default_missing")]
    pub missing: Missing,
    /// Data row numbers (1-based) in which every model variable is missing
    /// (part of `dropped_rows`).
    #[serde(default)]
    pub empty_rows: Vec<usize>,
    /// How many rows have no value in the group column: they belong to no
    /// group and are left out, as in lavaan (counted in `rows_read`, listed
    /// in `dropped_rows`, and not missing values of the model's variables).
    #[serde(default)]
    pub rows_without_group: usize,
    /// Missing-data patterns, most frequent first (lavaan's order): under
    /// FIML of the rows used, under listwise deletion of all non-empty rows.
    /// Empty for a covariance matrix.
    #[serde(default)]
    pub missing_patterns: Vec<crate::samplestats::missing::PatternSummary>,
    /// Coverage: entry [j][k] is the proportion of those rows in which both
    /// `variables[j]` and `variables[k]` are observed (lavaan's
    /// `lavInspect(fit, "coverage")` under FIML).
    #[serde(default)]
    pub coverage: Vec<Vec<f64>>,
}

fn default_missing() -> Missing {
    Missing::Listwise
}

/// Reliability table entry (JSON shape of semTools' output).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OmegaAve {
    pub omega: Option<f64>,
    pub ave: Option<f64>,
}

/// The results of one analysis.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Analysis {
    pub estimator: String,
    pub nobs: usize,
    pub data: DataSummary,
    pub converged: bool,
    pub iterations: usize,
    pub npar: usize,
    pub parameters: Vec<ParameterRow>,
    pub fit: FitMeasures,
    pub r2: BTreeMap<String, f64>,
    pub modindices: Vec<ModIndex>,
    /// ω and AVE per construct (semTools `compRelSEM`, `AVE`).
    pub reliability: BTreeMap<String, OmegaAve>,
    /// Cronbach's α per construct.
    pub alpha: BTreeMap<String, Option<f64>>,
    pub htmt: NamedMatrix,
    pub fornell_larcker: NamedMatrix,
    /// Constructs in model order with their items, α, ω and AVE (Table I).
    pub constructs: Vec<ConstructReliability>,
    pub hypotheses: Vec<Hypothesis>,
    pub hypothesis_rule: HypothesisRule,
    pub warnings: Vec<Warning>,
    /// How the bootstrap went (B requested, ok, failed, seed, CI type), when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<crate::bootstrap::BootstrapSummary>,
    /// Specific indirect, direct, total indirect and total effects, when the
    /// structural model has an indirect path (see [`crate::effects`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effects: Option<crate::effects::Effects>,
    /// Moderation by an observed variable (`y ~ x + w + x:w`): simple
    /// slopes, Johnson–Neyman and moderated mediation ([`crate::moderation`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moderation: Vec<crate::moderation::Moderation>,
    /// A multi-group analysis: the groups and each group's part of the
    /// results (the tables above are of group 1, the parameter rows of
    /// every group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupResults>,
    /// WLSMV: what the χ² difference test with a nested model needs
    /// ([`crate::nested_models`], lavaan's `satorra.2000`); not part of
    /// the results shown.
    #[serde(skip)]
    pub dwls_nested: Option<crate::inference::dwls::NestedPieces>,
}

/// Each group's part of a multi-group analysis.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupResults {
    /// The group column.
    pub column: String,
    /// Group labels in lavaan's order (first appearance in the data).
    pub labels: Vec<String>,
    /// Rows used per group.
    pub nobs: Vec<usize>,
    /// Each group's contribution to χ² (lavaan's `lavInspect(fit,
    /// "test")$standard$stat.group`: n_g F_g).
    pub chisq: Vec<f64>,
    /// R² per group.
    pub r2: Vec<BTreeMap<String, f64>>,
    /// ω and AVE per construct, per group (semTools `compRelSEM`, `AVE`).
    pub reliability: Vec<BTreeMap<String, OmegaAve>>,
    /// Each group's reliability rows (α on that group's rows, ω, AVE, the
    /// kind of latent variable), as [`Analysis::constructs`] is group 1's.
    #[serde(default)]
    pub constructs: Vec<Vec<ConstructReliability>>,
    /// Each group's Fornell–Larcker matrix (√AVE and the group's
    /// model-implied factor correlations).
    #[serde(default)]
    pub fornell_larcker: Vec<NamedMatrix>,
    /// Each regression path's estimate per group and the Wald test that it
    /// is equal in every group (lavaan's `lavTestWald`).
    #[serde(default)]
    pub path_differences: Vec<crate::tables::group_differences::PathDifference>,
}

/// The per-group results of a multi-group fit (`items`: the model
/// variables of every data row).
fn group_results(
    f: &Fitted,
    gs: &Groups,
    items: Option<&NumericData>,
    ordinal: Option<(&[crate::samplestats::OrdinalBlock], &DMatrix<f64>)>,
    opts: &Options,
) -> GroupResults {
    let prob = &f.problem;
    let sm = prob.sm;
    let parts = items.filter(|_| !opts.fit_only).map(|d| gs.split(d));
    let mut reliability = Vec::with_capacity(gs.len());
    let mut constructs = Vec::with_capacity(gs.len());
    let mut fornell_larcker = Vec::with_capacity(gs.len());
    for g in 0..gs.len() {
        let part = parts.as_ref().map(|p| &p[g].0);
        let (c, rel, _, _, fl) = match ordinal {
            _ if opts.fit_only => no_reliability_tables(),
            Some((b, raw)) => ordinal::reliability_tables(prob, &f.values, g, &b[g], raw),
            None => reliability_tables(prob, &f.values, g, part, items),
        };
        reliability.push(rel);
        constructs.push(c);
        fornell_larcker.push(fl);
    }
    GroupResults {
        column: gs.column.clone(),
        labels: gs.labels.clone(),
        nobs: sm.groups.iter().map(|g| g.n).collect(),
        chisq: match &f.eval {
            // lavaan's stat.group: n_g F_g (ML), (n_g − 1) F_g (DWLS)
            Some(ev) => ev
                .groups
                .iter()
                .zip(&sm.groups)
                .map(|(ge, gm)| {
                    let n = gm.n as f64;
                    let n = if ordinal.is_some() { n - 1.0 } else { n };
                    n * ge.f
                })
                .collect(),
            None => vec![f64::NAN; gs.len()],
        },
        r2: (1..=gs.len())
            .filter(|_| !opts.fit_only)
            .map(|g| r2_table(prob, &f.values, g))
            .collect(),
        reliability,
        constructs,
        fornell_larcker,
        path_differences: if opts.fit_only {
            Vec::new()
        } else {
            crate::tables::group_differences::path_differences(
                prob.pt,
                f.theta(),
                |r| f.values[r],
                f.vcov(),
            )
        },
    }
}

/// Builds the parameter table of one group for the data's columns (syntax
/// and model errors only).
pub fn build_model(
    model: &str,
    columns: &[String],
    opts: &Options,
) -> Result<ParTable, ModelError> {
    partable::build(model, columns, &model_options(opts)?, 1)
}

/// The parameter table's options from the analysis options: `std.lv`,
/// `orthogonal`, the mean structure FIML needs, `group.equal` and
/// `group.partial`.
pub fn model_options(opts: &Options) -> Result<ModelOptions, ModelError> {
    let group_equal = opts
        .group_equal
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            GroupEqual::parse(s).ok_or_else(|| ModelError::UnknownGroupEqual {
                text: s.trim().to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ModelOptions {
        std_lv: opts.std_lv,
        orthogonal: opts.orthogonal,
        // FIML estimates the means too (lavaan forces `meanstructure`)
        meanstructure: opts.missing == Missing::Ml,
        group_equal,
        group_partial: opts
            .group_partial
            .iter()
            .filter(|s| !s.trim().is_empty())
            .cloned()
            .collect(),
        ..ModelOptions::default()
    })
}

/// What [`sample_moments`] prepares: the sample statistics the model is
/// fitted to, the data summary, and the model variables' raw values (for α
/// and HTMT).
type Prepared = (SampleStats, DataSummary, Option<crate::data::NumericData>);

/// Sample moments for the model's observed variables, per group (one group
/// without `groups`): of the complete rows (listwise deletion), or under
/// FIML the EM estimates of the saturated model, with the rows'
/// missing-data patterns. Rows without a group value are left out (lavaan).
fn sample_moments(
    data: &DataInput,
    pt: &ParTable,
    opts: &Options,
    groups: Option<&Groups>,
) -> Result<Prepared, AnalysisError> {
    let names = pt.vars.ov.clone();
    match data {
        DataInput::Table(t) => {
            let numeric = if opts.center_interactions {
                t.numeric_centered(&names)?
            } else {
                t.numeric(&names)?
            };
            // a variable without any value: name it (listwise deletion would
            // otherwise report only that no rows are left)
            if let Some(j) = (0..names.len()).find(|&j| {
                numeric
                    .rows
                    .iter()
                    .all(|r| r.get(j).copied().flatten().is_none())
            }) {
                return Err(MomentsError::NoValues {
                    name: names[j].clone(),
                }
                .into());
            }
            let to_rows = |m: DMatrix<f64>| {
                (0..m.nrows())
                    .map(|i| m.row(i).iter().copied().collect())
                    .collect::<Vec<Vec<f64>>>()
            };
            // the rows of each group (all rows in one group without groups),
            // with their data-row numbers
            let (parts, no_group) = match groups {
                Some(gs) => (gs.split(&numeric), gs.rows_without_group()),
                None => (
                    vec![(numeric.clone(), (0..numeric.n_rows()).collect())],
                    Vec::new(),
                ),
            };
            let in_group = |g: usize, e: MomentsError| moments_error(groups, g, e);
            // the rows that have a group, for the data summary
            let grouped = match groups {
                Some(gs) => NumericData {
                    names: numeric.names.clone(),
                    rows: (0..numeric.n_rows())
                        .filter(|&i| gs.of_row[i].is_some())
                        .map(|i| numeric.rows[i].clone())
                        .collect(),
                },
                None => numeric.clone(),
            };
            if opts.missing == Missing::Ml {
                let x_idx = crate::samplestats::vech::fixed_x_indices(pt);
                let mut mgs = Vec::with_capacity(parts.len());
                let mut gms = Vec::with_capacity(parts.len());
                let mut dropped: Vec<usize> = no_group.iter().map(|i| i + 1).collect();
                let mut empty = Vec::new();
                for (g, (part, rows)) in parts.iter().enumerate() {
                    // an exact dependency shows in the complete rows (the EM
                    // estimates of a singular matrix need not be singular)
                    let complete = part.listwise().data;
                    if complete.nrows() > names.len() {
                        crate::samplestats::moments::check_full_rank(
                            &crate::data::covariance_n(&complete),
                            complete.nrows(),
                            &names,
                        )
                        .map_err(|e| in_group(g, e))?;
                    }
                    let mg = crate::samplestats::missing::MissingGroup::new(part, &x_idx)
                        .map_err(|e| in_group(g, e))?;
                    dropped.extend(
                        mg.empty_rows
                            .iter()
                            .chain(&mg.x_missing_rows)
                            .map(|&i| rows[i] + 1),
                    );
                    empty.extend(mg.empty_rows.iter().map(|&i| rows[i] + 1));
                    gms.push(mg.group_moments(&names).map_err(|e| in_group(g, e))?);
                    mgs.push(mg);
                }
                crate::sorting::sort(&mut dropped);
                crate::sorting::sort(&mut empty);
                let (missing_patterns, coverage) = match mgs.as_slice() {
                    [mg] => (mg.summary(), to_rows(mg.coverage())),
                    _ => {
                        let patterns = grouped.patterns();
                        (pattern_summaries(&patterns), to_rows(patterns.coverage()))
                    }
                };
                let summary = DataSummary {
                    rows_read: numeric.n_rows(),
                    rows_used: mgs.iter().map(|mg| mg.n).sum(),
                    dropped_rows: dropped,
                    variables: names.clone(),
                    missing: Missing::Ml,
                    empty_rows: empty,
                    rows_without_group: no_group.len(),
                    missing_patterns,
                    coverage,
                };
                return Ok((
                    SampleStats {
                        moments: SampleMoments { names, groups: gms },
                        kind: StatsKind::Missing(mgs),
                    },
                    summary,
                    Some(numeric),
                ));
            }
            let patterns = grouped.patterns();
            let mut gms = Vec::with_capacity(parts.len());
            let mut dropped: Vec<usize> = no_group.iter().map(|i| i + 1).collect();
            let mut used = 0;
            for (g, (part, rows)) in parts.into_iter().enumerate() {
                let complete = part.listwise();
                dropped.extend(complete.dropped_rows.iter().map(|&r| rows[r - 1] + 1));
                used += complete.rows_used;
                gms.push(
                    GroupMoments::from_data(complete.data, &names).map_err(|e| in_group(g, e))?,
                );
            }
            crate::sorting::sort(&mut dropped);
            let summary = DataSummary {
                rows_read: numeric.n_rows(),
                rows_used: used,
                dropped_rows: dropped,
                variables: names.clone(),
                missing: Missing::Listwise,
                empty_rows: patterns.empty_row_indices.iter().map(|i| i + 1).collect(),
                rows_without_group: no_group.len(),
                missing_patterns: pattern_summaries(&patterns),
                coverage: to_rows(patterns.coverage()),
            };
            Ok((
                SampleStats {
                    moments: SampleMoments { names, groups: gms },
                    kind: StatsKind::Moments,
                },
                summary,
                Some(numeric),
            ))
        }
        DataInput::Covariance(c) => {
            if pt.meanstructure {
                return Err(AnalysisError::NeedsMeans);
            }
            let idx: Vec<usize> = names
                .iter()
                .map(|n| {
                    c.names
                        .iter()
                        .position(|x| x == n)
                        .expect("checked by partable")
                })
                .collect();
            let cov = DMatrix::from_fn(idx.len(), idx.len(), |a, b| c.cov[(idx[a], idx[b])]);
            let gm = GroupMoments::from_covariance(cov, c.n_obs, None, &names)?;
            let summary = DataSummary {
                rows_read: c.n_obs,
                rows_used: c.n_obs,
                dropped_rows: Vec::new(),
                variables: names.clone(),
                missing: Missing::Listwise,
                empty_rows: Vec::new(),
                rows_without_group: 0,
                missing_patterns: Vec::new(),
                coverage: Vec::new(),
            };
            Ok((
                SampleStats {
                    moments: SampleMoments {
                        names,
                        groups: vec![gm],
                    },
                    kind: StatsKind::Moments,
                },
                summary,
                None,
            ))
        }
    }
}

/// The sample moments `model` is fitted to (one group): of the rows
/// listwise deletion keeps, or FIML's estimates, after centring the
/// variables of product terms under `center_interactions` — what the fit
/// itself uses, for a value taken from the data before a fit (W's values
/// of the PROCESS helper, [`process_helper::write_process_model`]).
pub fn sample_moments_of(
    data: &DataInput,
    model: &str,
    opts: &Options,
) -> Result<SampleMoments, AnalysisError> {
    Ok(sample_moments_and_rows_of(data, model, opts)?.0)
}

/// [`sample_moments_of`] with the model's columns of the data as the fit
/// takes them (centred when `center_interactions`; None for a covariance
/// matrix).
pub(crate) fn sample_moments_and_rows_of(
    data: &DataInput,
    model: &str,
    opts: &Options,
) -> Result<(SampleMoments, Option<NumericData>), AnalysisError> {
    let pt = partable::build(model, &data.columns(), &model_options(opts)?, 1)?;
    let (stats, _, items) = sample_moments(data, &pt, opts, None)?;
    Ok((stats.moments, items))
}

/// The missing-data patterns of the data summary.
fn pattern_summaries(
    patterns: &crate::data::MissingPatterns,
) -> Vec<crate::samplestats::missing::PatternSummary> {
    patterns
        .patterns
        .iter()
        .map(|p| crate::samplestats::missing::PatternSummary {
            count: p.count,
            observed: p.observed.clone(),
        })
        .collect()
}

/// Runs the whole analysis.
pub fn run(data: &DataInput, model: &str, opts: &Options) -> Result<Analysis, AnalysisError> {
    run_with_progress(data, model, opts, &mut |_, _| true)
}

/// [`run`] with a progress callback for the long part (the bootstrap):
/// `progress(done, total)` after every draw; returning false cancels the
/// bootstrap, whose results then cover the completed draws
/// (`Analysis::bootstrap.cancelled`).
pub fn run_with_progress(
    data: &DataInput,
    model: &str,
    opts: &Options,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Analysis, AnalysisError> {
    let (mut analysis, bootstrap) = run_deferred(data, model, opts)?;
    if let Some(mut boot) = bootstrap {
        boot.run(progress);
        finish_bootstrap(&mut analysis, boot);
    }
    Ok(analysis)
}

/// Why group `g`'s data (or, without groups, the data) cannot be used:
/// with a measurement as the group column (many tiny groups,
/// [`Groups::too_many`]) that, not its first tiny group's problem.
pub(crate) fn moments_error(groups: Option<&Groups>, g: usize, e: MomentsError) -> AnalysisError {
    match groups {
        Some(gs) => match gs.too_many() {
            Some(many) => many.into(),
            None => AnalysisError::GroupMoments {
                group: gs.labels[g].clone(),
                error: e,
            },
        },
        None => AnalysisError::Moments(e),
    }
}

/// [`run`] with the bootstrap draws left to the caller: the analysis
/// without bootstrap columns and, when `opts.bootstrap` asks for one, the
/// bootstrap ready to be advanced a chunk of draws at a time
/// ([`crate::bootstrap::BootstrapState::advance`]); [`finish_bootstrap`]
/// then adds its columns. For a caller that must stay responsive and
/// cancellable meanwhile (the browser's worker).
pub fn run_deferred(
    data: &DataInput,
    model: &str,
    opts: &Options,
) -> Result<(Analysis, Option<crate::bootstrap::BootstrapState>), AnalysisError> {
    let route = plan::plan(data, opts)?;
    // the groups of a multi-group analysis (lavaan's `group`)
    let groups = match (&opts.group, data) {
        (Some(col), DataInput::Table(t)) => Some(Groups::from_table(t, col)?),
        _ => None,
    };
    let n_groups = groups.as_ref().map_or(1, Groups::len);

    // data → parameter table and sample statistics (per group)
    let (pt, stats, summary, items) = match (route, data) {
        (Route::Ordinal, DataInput::Table(table)) => {
            match ordinal::prepare(table, model, opts, groups.as_ref(), &[])? {
                Some((pt, stats, summary)) => (pt, stats, summary, None),
                None => {
                    // no declared item is in the model: continuous data, as lavaan
                    let continuous = Options {
                        ordered: Vec::new(),
                        ..opts.clone()
                    };
                    return run_deferred(data, model, &continuous);
                }
            }
        }
        _ => {
            let pt = partable::build(model, &data.columns(), &model_options(opts)?, n_groups)?;
            if let Some(column) = opts.group.as_ref().filter(|g| pt.vars.ov.contains(g)) {
                return Err(GroupError::InModel {
                    column: column.clone(),
                }
                .into());
            }
            let (stats, summary, items) = sample_moments(data, &pt, opts, groups.as_ref())?;
            (pt, stats, summary, items)
        }
    };
    let sm = &stats.moments;
    let ordinal = stats.ordinal();

    // estimation: ML, FIML (the discrepancy sums over the missing-data
    // patterns) or DWLS (thresholds and polychoric correlations)
    let ord_stats: Vec<&crate::samplestats::ordinal::OrdinalStats> =
        ordinal.map_or(Vec::new(), |b| b.iter().map(|x| &x.stats).collect());
    let dwls = ordinal.map(|_| Dwls::new(&pt, &ord_stats));
    let mut prob = Problem::new(&pt, sm)?;
    prob.discrepancy = match (stats.missing(), &dwls) {
        (Some(m), _) => Discrepancy::Fiml(m),
        (None, Some(d)) => Discrepancy::Dwls(d),
        (None, None) => Discrepancy::Ml,
    };
    partable::check_identification(&pt, prob.n_eq)?;
    let res = match &dwls {
        Some(d) => crate::estimate::dwls::estimate(&prob, d, sm, &ord_stats),
        // FIML: polish the optimum with Newton steps on the analytic Hessian
        _ => prob.fiml_polish(prob.fit()),
    };
    let theta = res.theta.clone();
    prob.hold_active_bounds(&theta);
    let values = prob.values(&theta);

    let mut warnings = model_notes(&pt);
    // rows without a group value: named apart, not as missing model values
    if let (Some(column), true) = (&opts.group, summary.rows_without_group > 0) {
        warnings.push(Warning::new(WarningText::RowsWithoutGroup {
            rows: summary.rows_without_group,
            column: column.clone(),
        }));
    }
    if let Some(mgs) = stats.missing() {
        missing_data_warnings(mgs, &summary, &mut warnings);
    } else {
        warnings.extend(listwise_warning(&summary));
    }
    for b in ordinal.into_iter().flatten() {
        ordinal::sample_warnings(&b.stats, &pt.vars.ov, &mut warnings);
    }
    if !res.converged {
        warnings.push(if res.bad_start && ordinal.is_none() {
            Warning::new(WarningText::BadStart)
        } else {
            not_converged_warning(&res)
        });
    }

    // inference: standard errors and the test
    let ev = prob.evaluate(&theta);
    let inference = match &dwls {
        // WLSMV: sandwich SEs and the scaled-and-shifted test
        Some(d) => {
            let inf = ev.as_ref().and_then(|ev| DwlsInference::new(&prob, d, ev));
            if inf.is_none() && pt.n_free > 0 {
                warnings.push(no_standard_errors_warning());
            }
            Inference {
                vcov: inf.as_ref().map(|r| r.vcov.clone()),
                vcov_expected: None,
                test: match inf {
                    Some(i) => Test::ScaledShifted(i),
                    None => Test::Standard,
                },
            }
        }
        None => ml_inference(&prob, &theta, ev.as_ref(), opts, &mut warnings)?,
    };
    let fitted = Fitted {
        problem: prob,
        stats: &stats,
        opt: res,
        values,
        eval: ev,
        inference,
    };
    let f = &fitted;
    let prob = &f.problem;
    let parameters = parameter_rows(prob, f.theta(), &f.values, f.vcov(), |v| match &dwls {
        Some(_) => std_all_se_numeric(prob, f.theta(), v),
        None => prob.std_all_se(f.theta(), v),
    });

    // fit measures
    let mut fit = match (&dwls, &f.eval, &f.inference.test) {
        (Some(d), Some(ev), Test::ScaledShifted(rb)) => {
            crate::fitmeasures::dwls::fit_measures(prob, d, &ord_stats, ev, rb, f.opt.f)
        }
        (Some(_), ..) => FitMeasures::new(),
        _ => ml_fit_measures(f),
    };
    // χ²/df of the test the paper reports (the scaled one when there is one)
    if !fit.is_empty() {
        let ratio = crate::fitmeasures::chisq_df(&fit);
        fit.insert("chisq/df".into(), ratio);
    }
    let r2 = if opts.fit_only {
        BTreeMap::new()
    } else {
        r2_table(prob, &f.values, 1)
    };

    // modification indices: from the expected information (ML, FIML, also
    // under MLR and MLM, as lavaan) or Δ′WΔ (DWLS)
    let modindices = match (
        &dwls,
        &f.eval,
        &f.inference.test,
        &f.inference.vcov_expected,
    ) {
        _ if !opts.modindices => Vec::new(),
        (Some(d), Some(ev), Test::ScaledShifted(rb), _) => {
            dwls_modification_indices(prob, d, ev, rb, &f.values)
        }
        (None, _, _, Some(v)) => prob.modification_indices(f.theta(), v),
        _ => Vec::new(),
    };

    // reliability and validity
    let all_raw = ordinal.map(ordinal::all_rows);
    let (constructs, reliability, alpha, htmt, fornell_larcker) = match (ordinal, &all_raw) {
        _ if opts.fit_only => no_reliability_tables(),
        (Some(b), Some(raw)) => ordinal::reliability_tables(prob, &f.values, 0, &b[0], raw),
        _ => {
            let group1 = match (&groups, &items) {
                (Some(gs), Some(d)) => Some(gs.split(d).swap_remove(0).0),
                _ => None,
            };
            reliability_tables(
                prob,
                &f.values,
                0,
                group1.as_ref().or(items.as_ref()),
                items.as_ref(),
            )
        }
    };
    let group_results = groups
        .as_ref()
        .map(|gs| group_results(f, gs, items.as_ref(), ordinal.zip(all_raw.as_ref()), opts));

    // the bootstrap, ready to run (`finish_bootstrap` adds its columns)
    let bootstrap = match &opts.bootstrap {
        Some(bo) => Some(start_bootstrap(prob, f.theta(), f.opt.converged, bo)?),
        None => None,
    };

    // indirect, direct and total effects of the structural model
    let effects = match crate::effects::enumerate(&pt) {
        _ if opts.fit_only => None,
        Ok(s) if !s.chains.is_empty() => Some(crate::effects::effects(
            prob,
            &s,
            f.theta(),
            &f.values,
            f.vcov(),
        )),
        Ok(_) => None,
        Err(cycle) => {
            warnings.push(Warning::new(WarningText::RegressionCycle {
                variables: cycle.variables,
            }));
            None
        }
    };

    // simple slopes of every product term x:w
    let moderation = if opts.fit_only {
        Vec::new()
    } else {
        crate::moderation::moderations(
            &pt,
            prob,
            f.theta(),
            &f.values,
            f.vcov(),
            sm,
            items.as_ref(),
            opts.missing != Missing::Ml,
        )
    };

    // hypotheses: every regression path
    let hypotheses = hypotheses::evaluate(&path_estimates(&parameters, None), &opts.hypotheses);

    solution_warnings(&pt, prob, &f.values, &parameters, sm, &mut warnings);
    if ordinal.is_some() {
        small_sample_ordinal(&pt, prob, sm.ntotal(), &mut warnings);
    }

    let estimator = match route {
        Route::Ordinal => Estimator::Wlsmv,
        Route::Continuous => opts.estimator,
    };
    let dwls_nested = match (&dwls, &f.inference.test) {
        (Some(d), Test::ScaledShifted(rb)) => rb.nested(
            prob,
            d.len(),
            2.0 * d.ntotal as f64 * f.opt.f,
            prob.df() as f64,
        ),
        _ => None,
    };
    let analysis = Analysis {
        estimator: estimator.name().into(),
        nobs: sm.ntotal(),
        data: summary,
        converged: f.opt.converged,
        iterations: f.opt.iterations,
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
        effects,
        moderation,
        groups: group_results,
        dwls_nested,
    };
    Ok((analysis, bootstrap))
}

/// ML, MLR or MLM (with or without FIML): SEs from the expected information
/// (FIML: the observed one), or robust SEs and the scaled test; the
/// expected-information vcov stays for the modification indices, as lavaan.
pub(crate) fn ml_inference(
    prob: &Problem,
    theta: &nalgebra::DVector<f64>,
    ev: Option<&crate::estimate::ml::Eval>,
    opts: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<Inference, AnalysisError> {
    // E⁻¹ once: the standard SEs' vcov (E⁻¹/N) and MLM's sandwich use it
    let expected_inverse = ev.and_then(|ev| prob.information_inverse(&prob.information(ev)));
    let vcov_expected = expected_inverse
        .as_ref()
        .map(|e| e / prob.sm.ntotal() as f64);
    if vcov_expected.is_none() && prob.pt.n_free > 0 {
        warnings.push(no_standard_errors_warning());
    }
    let robust = robust_correction(prob, theta, opts, expected_inverse.as_ref(), warnings)?;
    let vcov = match &robust {
        Some(r) => r.vcov.clone(),
        // FIML: SEs from the observed information (lavaan's default under
        // missing = "ml")
        None if prob.is_fiml() => ev
            .and_then(|ev| prob.fiml_observed_information(ev))
            .and_then(|info| prob.vcov_from_information(&info)),
        None => vcov_expected.clone(),
    };
    Ok(Inference {
        vcov,
        vcov_expected,
        test: match robust {
            Some(r) => Test::Scaled(r),
            None => Test::Standard,
        },
    })
}

/// The fit measures of an ML fit: complete-data ML on the sample (or EM)
/// moments, the scaled and robust measures of MLR and MLM, and under FIML
/// the pattern-wise log-likelihoods, the FIML baseline, GFI and the
/// FIML-corrected robust indices.
fn ml_fit_measures(f: &Fitted) -> FitMeasures {
    let (prob, theta) = (&f.problem, f.theta());
    let (pt, sm) = (prob.pt, prob.sm);
    let fmin = f.opt.f;
    let implied: Vec<Implied> = prob.implied(theta).unwrap_or_default();
    let x_idx: Vec<usize> = pt
        .vars
        .ov_x
        .iter()
        .filter_map(|x| pt.vars.ov.iter().position(|o| o == x))
        .collect();
    let mut fit = if implied.len() == sm.groups.len() {
        fit_measures(&FitInput {
            groups: &sm.groups,
            implied: &implied,
            meanstructure: pt.meanstructure,
            x_idx: &x_idx,
            fmin,
            df: prob.df(),
            npar: prob.npar(),
        })
    } else {
        FitMeasures::new()
    };
    let scaled = match &f.inference.test {
        Test::Scaled(r) => {
            crate::fitmeasures::scaled::add_fit_measures(
                &mut fit,
                &r.test,
                r.baseline.as_ref(),
                sm.ntotal() as f64,
                sm.groups.len(),
            );
            true
        }
        _ => false,
    };
    prob.fiml_fit_measures(theta, scaled, &mut fit);
    fit
}

/// With ordinal items the small-sample rule counts parameters per case
/// without the thresholds, which are estimated from the margins alone.
fn small_sample_ordinal(pt: &ParTable, prob: &Problem, n: usize, warnings: &mut Vec<Warning>) {
    warnings.retain(|w| w.kind != WarningKind::SmallSample);
    let th_free = crate::sorting::set_of(
        pt.params
            .iter()
            .filter(|p| p.op == Op::Threshold && p.free > 0)
            .map(|p| p.free),
    );
    let n_structural = prob.npar().saturating_sub(th_free.len());
    if n < 5 * n_structural {
        warnings.push(Warning::new(WarningText::SmallSampleOrdinal {
            n,
            npar: n_structural,
        }));
    }
}

/// The model's notes (what lavaan would say about the model) as warnings.
pub(crate) fn model_notes(pt: &ParTable) -> Vec<Warning> {
    pt.notes
        .iter()
        .map(|note| Warning::new(note.clone()))
        .collect()
}

/// The rows that listwise deletion left out, if any, but for the rows
/// without a group value (a warning of their own).
pub(crate) fn listwise_warning(summary: &DataSummary) -> Option<Warning> {
    let dropped = summary.dropped_rows.len() - summary.rows_without_group;
    (dropped > 0).then(|| {
        Warning::new(WarningText::RowsDropped {
            dropped,
            read: summary.rows_read,
            used: summary.rows_used,
        })
    })
}

/// The optimizer stopped without converging.
pub(crate) fn not_converged_warning(res: &crate::estimate::optimize::OptResult) -> Warning {
    Warning::new(WarningText::NotConverged {
        iterations: res.iterations,
        max_grad: res.max_grad,
    })
}

/// No standard errors: the information matrix is singular.
pub(crate) fn no_standard_errors_warning() -> Warning {
    Warning::new(WarningText::NoStandardErrors)
}

/// The rows of the parameter table — every row of `pt`, then the defined
/// parameters — with SEs from `vcov`, z, p and 95% CIs, the standardized
/// solution and the SEs of std.all (`std_all_se`, given vcov; NaN without
/// one).
pub(crate) fn parameter_rows(
    prob: &Problem,
    theta: &nalgebra::DVector<f64>,
    values: &[f64],
    vcov: Option<&DMatrix<f64>>,
    std_all_se: impl FnOnce(&DMatrix<f64>) -> (Vec<f64>, Vec<f64>),
) -> Vec<ParameterRow> {
    let pt = prob.pt;
    let n_def = pt.defined.len();
    let std = prob.standardize(values);
    let (se_std, se_std_def) = match vcov {
        Some(v) => std_all_se(v),
        None => (vec![f64::NAN; values.len()], vec![f64::NAN; n_def]),
    };
    let def_values = prob.defined_values(values);
    let def_se = match vcov {
        Some(v) => prob.defined_se(theta, v),
        None => vec![f64::NAN; n_def],
    };
    let finite = |x: f64| x.is_finite().then_some(x);
    let mut parameters = Vec::with_capacity(values.len() + n_def);
    for (r, p) in pt.params.iter().enumerate() {
        let free = p.free > 0;
        let se = if free && prob.active_bounds.contains(&(p.free - 1)) {
            // at an active bound: held fixed, no SE (lavaan: NA)
            None
        } else if free {
            vcov.and_then(|v| {
                let d = v[(p.free - 1, p.free - 1)];
                (d >= 0.0).then(|| d.sqrt())
            })
        } else {
            Some(0.0)
        };
        parameters.push(parameter_row(
            p.lhs.clone(),
            p.op.as_str().to_string(),
            p.rhs.clone(),
            p.group,
            p.label.clone(),
            free,
            values[r],
            se,
            std.as_ref().and_then(|s| finite(s.std_lv[r])),
            std.as_ref().and_then(|s| finite(s.std_all[r])),
            finite(se_std[r]),
        ));
    }
    // a defined parameter belongs to no group: lavaan's group 0 (after the
    // groups' rows in `parameterEstimates`) when there are several
    let defined_group = usize::from(pt.n_groups <= 1);
    for (i, d) in pt.defined.iter().enumerate() {
        parameters.push(parameter_row(
            d.name.clone(),
            ":=".into(),
            d.text.clone(),
            defined_group,
            d.name.clone(),
            true,
            def_values[i],
            finite(def_se[i]),
            std.as_ref().and_then(|s| finite(s.def_std_lv[i])),
            std.as_ref().and_then(|s| finite(s.def_std_all[i])),
            finite(se_std_def[i]),
        ));
    }
    parameters
}

/// One parameter row with z, p and the 95% CI (a fixed row's CI is its value).
#[allow(clippy::too_many_arguments)]
fn parameter_row(
    lhs: String,
    op: String,
    rhs: String,
    group: usize,
    label: String,
    free: bool,
    est: f64,
    se: Option<f64>,
    std_lv: Option<f64>,
    std_all: Option<f64>,
    se_std_all: Option<f64>,
) -> ParameterRow {
    let wald = se
        .filter(|_| free)
        .and_then(|s| crate::inference::Wald::new(est, s));
    let (z, pvalue, ci) = match wald {
        Some(w) => (Some(w.z), Some(w.pvalue), Some(w.ci)),
        None => (None, None, if free { None } else { Some((est, est)) }),
    };
    ParameterRow {
        lhs,
        op,
        rhs,
        group,
        label,
        free,
        est,
        se,
        z,
        pvalue,
        ci_lower: ci.map(|c| c.0),
        ci_upper: ci.map(|c| c.1),
        std_lv,
        std_all,
        se_std_all,
        boot_se: None,
        boot_ci_lower: None,
        boot_ci_upper: None,
    }
}

/// R² of every endogenous variable by name, in group `group` (1-based).
pub(crate) fn r2_table(prob: &Problem, values: &[f64], group: usize) -> BTreeMap<String, f64> {
    crate::sorting::map_of(
        prob.r_squared(values)
            .into_iter()
            .filter(|(g, _, _)| *g == group)
            .map(|(_, name, v)| (name, v)),
    )
}

/// MLR or MLM corrections of the fitted model (None for ML).
fn robust_correction(
    prob: &Problem,
    theta: &nalgebra::DVector<f64>,
    opts: &Options,
    expected_inverse: Option<&nalgebra::DMatrix<f64>>,
    warnings: &mut Vec<Warning>,
) -> Result<Option<crate::inference::robust::RobustResult>, AnalysisError> {
    use crate::inference::robust::{Robust, RobustError};
    let kind = match opts.estimator {
        Estimator::Mlr => Robust::Mlr,
        Estimator::Mlm => Robust::Mlm,
        _ => return Ok(None),
    };
    match crate::inference::robust::robust(prob, theta, kind, true, expected_inverse) {
        Ok(r) => {
            if r.vcov.is_none() && prob.pt.n_free > 0 {
                warnings.push(Warning::new(WarningText::RobustNoStandardErrors {
                    estimator: opts.estimator.name().to_string(),
                }));
            }
            Ok(Some(r))
        }
        Err(RobustError::NeedsRawData) => Err(AnalysisError::NeedsRawData(format!(
            "the {} estimator",
            opts.estimator.name()
        ))),
        Err(RobustError::NotPositiveDefinite) => {
            warnings.push(Warning::new(WarningText::RobustNotPositiveDefinite));
            Ok(None)
        }
    }
}

/// The bootstrap of the fitted model, no draw made yet.
fn start_bootstrap(
    prob: &Problem,
    theta: &nalgebra::DVector<f64>,
    converged: bool,
    bo: &crate::bootstrap::BootstrapOptions,
) -> Result<crate::bootstrap::BootstrapState, AnalysisError> {
    if !converged {
        return Err(AnalysisError::Bootstrap(
            "the bootstrap needs a model that converges on the full data, and this one does not; fix the estimation first (see the warnings without --bootstrap)".into(),
        ));
    }
    crate::bootstrap::BootstrapState::new(prob, theta, bo)
        .map_err(|e| AnalysisError::Bootstrap(e.to_string()))
}

/// Adds a finished (or stopped) bootstrap of [`run_deferred`] to its
/// analysis: the `boot_*` columns of the parameter rows (free rows, then
/// defined parameters, in `pt` order), a warning about failed, nonadmissible
/// or missing draws, and the summary.
pub fn finish_bootstrap(analysis: &mut Analysis, boot: crate::bootstrap::BootstrapState) {
    let pt = boot.partable().clone();
    let br = boot.finish();
    let parameters = &mut analysis.parameters;
    let warnings = &mut analysis.warnings;
    let finite = |x: f64| x.is_finite().then_some(x);
    for (r, p) in pt.params.iter().enumerate() {
        let row = &mut parameters[r];
        if p.free > 0 {
            let k = p.free - 1;
            row.boot_se = finite(br.se[k]);
            row.boot_ci_lower = finite(br.ci[k].0);
            row.boot_ci_upper = finite(br.ci[k].1);
        } else {
            row.boot_se = Some(0.0);
            row.boot_ci_lower = Some(row.est);
            row.boot_ci_upper = Some(row.est);
        }
    }
    for (i, row) in parameters[pt.params.len()..].iter_mut().enumerate() {
        row.boot_se = finite(br.defined_se[i]);
        row.boot_ci_lower = finite(br.defined_ci[i].0);
        row.boot_ci_upper = finite(br.defined_ci[i].1);
    }
    if let (Some(effects), Ok(structure)) = (&mut analysis.effects, crate::effects::enumerate(&pt))
    {
        crate::effects::add_bootstrap(effects, &structure, &br);
    }
    crate::moderation::add_bootstrap(&mut analysis.moderation, &pt, &br);
    let s = &br.summary;
    if s.failed > 0 || s.nonadmissible > 0 || s.cancelled {
        warnings.push(Warning::new(WarningText::Bootstrap {
            stopped: s.cancelled.then_some((s.completed, s.requested)),
            failed: (s.failed > 0).then_some((s.failed, s.completed)),
            nonadmissible: s.nonadmissible,
            ok: s.ok,
        }));
    }
    analysis.bootstrap = Some(br.summary);
    // a defined-parameter hypothesis is now judged by its interval
    analysis.hypotheses = hypotheses::evaluate(&analysis.paths(), &analysis.hypothesis_rule);
}

/// What the hypothesis table tests: the regression paths (`~`) among the
/// parameters, then the defined parameters named as hypotheses
/// ([`hypotheses::is_hypothesis_name`], `H6 := a*b`), these with their
/// bootstrap interval when `bootstrap` ran.
pub fn path_estimates(
    parameters: &[ParameterRow],
    bootstrap: Option<&crate::bootstrap::BootstrapSummary>,
) -> Vec<PathEstimate> {
    let regression = parameters
        .iter()
        .filter(|p| p.op == "~")
        .map(|p| PathEstimate {
            label: p.label.clone(),
            outcome: p.lhs.clone(),
            predictor: p.rhs.clone(),
            group: p.group,
            std_all: p.std_all.unwrap_or(f64::NAN),
            est: p.est,
            se: p.se.filter(|_| p.free),
            z: p.z,
            pvalue: p.pvalue,
            defined: None,
            boot_ci: None,
        });
    let defined = parameters
        .iter()
        .filter(|p| p.op == ":=" && hypotheses::is_hypothesis_name(&p.lhs))
        .map(|p| PathEstimate {
            label: p.lhs.clone(),
            outcome: p.lhs.clone(),
            predictor: String::new(),
            group: p.group,
            std_all: p.std_all.unwrap_or(f64::NAN),
            est: p.est,
            se: p.se,
            z: p.z,
            pvalue: p.pvalue,
            defined: Some(defined_path(&p.rhs, parameters)),
            boot_ci: bootstrap.and_then(|b| {
                Some(hypotheses::BootCi {
                    lower: p.boot_ci_lower?,
                    upper: p.boot_ci_upper?,
                    level: b.level,
                    ci_type: b.ci_type,
                })
            }),
        });
    regression.chain(defined).collect()
}

/// A defined parameter in words: a product of regression-path labels that
/// forms a chain reads `X → M → Y` (an indirect effect); anything else is
/// its expression as lavaan prints it (`p2+p1*p3`).
fn defined_path(expr: &str, parameters: &[ParameterRow]) -> String {
    let factors: Vec<&str> = expr.split('*').map(str::trim).collect();
    let mut paths: Vec<(&str, &str)> = factors
        .iter()
        .filter_map(|l| {
            parameters
                .iter()
                .find(|p| p.op == "~" && !p.label.is_empty() && p.label == *l)
                .map(|p| (p.rhs.as_str(), p.lhs.as_str()))
        })
        .collect();
    if factors.len() >= 2 && paths.len() == factors.len() {
        let start = paths
            .iter()
            .position(|(x, _)| !paths.iter().any(|(_, y)| y == x));
        if let Some(start) = start {
            let (x, y) = paths.remove(start);
            let mut chain = vec![x, y];
            while let Some(i) = paths.iter().position(|(x, _)| Some(x) == chain.last()) {
                chain.push(paths.remove(i).1);
            }
            if paths.is_empty() {
                let chain: Vec<String> =
                    chain.into_iter().map(crate::moderation::readable).collect();
                return chain.join(" → ");
            }
        }
    }
    expr.to_string()
}

impl Analysis {
    /// The regression paths with their estimates, to re-evaluate the
    /// hypotheses under another rule without refitting
    /// (`hypotheses::evaluate(&a.paths(), &rule)`).
    pub fn paths(&self) -> Vec<PathEstimate> {
        path_estimates(&self.parameters, self.bootstrap.as_ref())
    }
}

/// (construct table, ω and AVE, α, HTMT, Fornell–Larcker).
pub(crate) type ReliabilityTables = (
    Vec<ConstructReliability>,
    BTreeMap<String, OmegaAve>,
    BTreeMap<String, Option<f64>>,
    NamedMatrix,
    NamedMatrix,
);

/// The tables a [`Options::fit_only`] analysis leaves empty.
fn no_reliability_tables() -> ReliabilityTables {
    let none = NamedMatrix {
        names: Vec::new(),
        matrix: Vec::new(),
    };
    (
        Vec::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        none.clone(),
        none,
    )
}

/// α, ω, AVE per construct of group `g` (0-based; `items`: that group's
/// rows); HTMT (of `all_items`, every row: semTools' `htmt` ignores groups)
/// and the Fornell–Larcker matrix.
fn reliability_tables(
    prob: &Problem,
    values: &[f64],
    g: usize,
    items: Option<&NumericData>,
    all_items: Option<&NumericData>,
) -> ReliabilityTables {
    let m = measurement(prob, values, g + 1);
    let s = &prob.sm.groups[g].cov;
    // item correlations: Pearson on the rows where every indicator is
    // observed (semTools' `htmt` with its default listwise deletion over the
    // indicators, also under FIML), else from the sample covariance
    let scales = m.scales();
    let r = all_items
        .and_then(|d| indicator_correlations(d, &scales))
        .unwrap_or_else(|| crate::data::cov_to_cor(s));
    let htmt = reliability::htmt(&r, &scales);
    reliability_summary(&m, htmt, |c| {
        // α from the raw items: the rows where all of this construct's items are observed
        let a = match items {
            Some(d) => alpha_complete_cases(d, &c.items),
            None => reliability::cronbach_alpha(s, &c.items),
        };
        let o = reliability::omega(&m.lambda, &m.phi, s, &c.items, c.factor);
        let v = reliability::ave(&m.lambda, &m.phi, s, &c.items, c.factor);
        (a, o, v)
    })
}

/// The measurement model at the row values: Λ (p × m, the loadings of the
/// observed indicators on the latent variables), Φ (the latent variables'
/// covariance matrix) and the latent variables with their indicators.
pub(crate) struct Measurement {
    pub lambda: DMatrix<f64>,
    pub phi: DMatrix<f64>,
    pub constructs: Vec<ConstructItems>,
}

impl Measurement {
    /// The latent variables that are scales ([`ConstructKind::is_scale`]):
    /// the only ones with α, ω, AVE, HTMT and Fornell–Larcker.
    pub fn scales(&self) -> Vec<ConstructItems> {
        self.constructs
            .iter()
            .filter(|c| c.kind.is_scale())
            .cloned()
            .collect()
    }
}

/// [`Measurement`] of group `group` (1-based).
pub(crate) fn measurement(prob: &Problem, values: &[f64], group: usize) -> Measurement {
    let pt = prob.pt;
    let p = prob.structure.p;
    let lv = &pt.vars.lv;
    let m = lv.len();
    let mats = prob.matrices(values);
    let mut lambda = DMatrix::zeros(p, m);
    for (r, par) in pt.params.iter().enumerate() {
        if par.op == Op::Loading && par.group == group {
            if let (Some(f), Some(i)) = (
                lv.iter().position(|x| *x == par.lhs),
                pt.vars.ov.iter().position(|x| *x == par.rhs),
            ) {
                lambda[(i, f)] = values[r];
            }
        }
    }
    let phi = Implied::compute(&prob.structure, &mats[group - 1])
        .map(|i| i.sigma_v.view((p, p), (m, m)).into_owned())
        .unwrap_or_else(|_| DMatrix::zeros(m, m));
    let constructs: Vec<ConstructItems> = lv
        .iter()
        .enumerate()
        .map(|(f, name)| {
            // a loading fixed at zero (`0*x9`) says x9 is *not* an indicator
            // of this factor: semTools' compRelSEM and AVE leave it out
            let rows: Vec<&crate::partable::Param> = pt
                .params
                .iter()
                .filter(|par| {
                    par.op == Op::Loading
                        && par.group == group
                        && par.lhs == *name
                        && !is_fixed_zero(par)
                })
                .collect();
            let kind = ConstructKind::of(
                &rows
                    .iter()
                    .map(|par| Indicator {
                        observed: pt.vars.ov.contains(&par.rhs),
                        free: par.free > 0,
                    })
                    .collect::<Vec<_>>(),
            );
            ConstructItems {
                name: name.clone(),
                factor: f,
                items: (0..p)
                    .filter(|&i| rows.iter().any(|par| par.rhs == pt.vars.ov[i]))
                    .collect(),
                indicators: rows.iter().map(|par| par.rhs.clone()).collect(),
                kind,
            }
        })
        .filter(|c| !c.indicators.is_empty())
        .collect();
    Measurement {
        lambda,
        phi,
        constructs,
    }
}

/// A parameter fixed at zero (`0*x`): in the model text, but not part of it.
fn is_fixed_zero(par: &crate::partable::Param) -> bool {
    par.free == 0 && par.ustart == Some(0.0)
}

/// The reliability and validity tables from each construct's (α, ω, AVE)
/// (`coefficients`, asked only for scales) and the HTMT matrix: the
/// construct table (every latent variable with its kind), ω, AVE and α of
/// the scales, and the Fornell–Larcker matrix of the scales (factor
/// correlations with √AVE).
pub(crate) fn reliability_summary(
    m: &Measurement,
    htmt: NamedMatrix,
    coefficients: impl Fn(&ConstructItems) -> (Option<f64>, Option<f64>, Option<f64>),
) -> ReliabilityTables {
    let mut table = Vec::new();
    let mut rel = BTreeMap::new();
    let mut alphas = BTreeMap::new();
    let mut aves = Vec::new();
    for c in &m.constructs {
        let (a, o, v) = if c.kind.is_scale() {
            coefficients(c)
        } else {
            (None, None, None)
        };
        table.push(ConstructReliability {
            name: c.name.clone(),
            items: c.indicators.clone(),
            kind: c.kind,
            alpha: a,
            omega: o,
            ave: v,
        });
        if c.kind.is_scale() {
            aves.push(v);
            rel.insert(c.name.clone(), OmegaAve { omega: o, ave: v });
            alphas.insert(c.name.clone(), a);
        }
    }
    let phi = &m.phi;
    let k = phi.nrows();
    let sd_f: Vec<f64> = (0..k).map(|f| phi[(f, f)].sqrt()).collect();
    let fcor = DMatrix::from_fn(k, k, |a, b| phi[(a, b)] / (sd_f[a] * sd_f[b]));
    let fl = reliability::fornell_larcker(&fcor, &m.scales(), &aves);
    (table, rel, alphas, htmt, fl)
}

/// Pearson correlations of the constructs' indicators on the rows where all
/// of them are observed, as a p × p matrix over the model's observed
/// variables (other entries NaN); None with fewer than 3 such rows.
fn indicator_correlations(
    d: &crate::data::NumericData,
    constructs: &[ConstructItems],
) -> Option<DMatrix<f64>> {
    let mut cols: Vec<usize> = constructs
        .iter()
        .flat_map(|c| c.items.iter().copied())
        .collect();
    crate::sorting::sort(&mut cols);
    cols.dedup();
    let x = complete_rows(d, &cols);
    if x.nrows() < 3 {
        return None;
    }
    let rc = crate::data::correlation(&x);
    let p = d.n_cols();
    let mut r = DMatrix::from_element(p, p, f64::NAN);
    for (a, &i) in cols.iter().enumerate() {
        for (b, &j) in cols.iter().enumerate() {
            r[(i, j)] = rc[(a, b)];
        }
    }
    Some(r)
}

/// Cronbach's α of some items on the rows where all of them are observed
/// (for complete data, the α of the sample covariance).
pub(super) fn alpha_complete_cases(d: &crate::data::NumericData, items: &[usize]) -> Option<f64> {
    let x = complete_rows(d, items);
    if x.nrows() < 2 {
        return None;
    }
    let all: Vec<usize> = (0..items.len()).collect();
    reliability::cronbach_alpha(&crate::data::covariance_n(&x), &all)
}

/// The columns `cols` of the rows where all of them are observed.
fn complete_rows(d: &crate::data::NumericData, cols: &[usize]) -> DMatrix<f64> {
    let rows: Vec<&Vec<Option<f64>>> = d
        .rows
        .iter()
        .filter(|r| cols.iter().all(|&j| r.get(j).copied().flatten().is_some()))
        .collect();
    DMatrix::from_fn(rows.len(), cols.len(), |i, k| {
        rows[i][cols[k]].unwrap_or(f64::NAN)
    })
}

/// Warnings about the missing data under FIML: rows left out, low coverage,
/// an EM that did not converge.
fn missing_data_warnings(
    mgs: &[crate::samplestats::missing::MissingGroup],
    summary: &DataSummary,
    warnings: &mut Vec<Warning>,
) {
    for mg in mgs {
        if !mg.empty_rows.is_empty() {
            warnings.push(Warning::new(WarningText::EmptyRows {
                empty: mg.empty_rows.len(),
                read: summary.rows_read,
                used: mg.n,
            }));
        }
        if !mg.x_missing_rows.is_empty() {
            warnings.push(Warning::new(WarningText::CovariateRows {
                rows: mg.x_missing_rows.len(),
            }));
        }
        let cov = mg.coverage();
        let p = mg.p();
        let mut low: Option<(f64, usize, usize)> = None;
        for j in 0..p {
            for i in j..p {
                if cov[(i, j)] < 0.1 && low.is_none_or(|l| cov[(i, j)] < l.0) {
                    low = Some((cov[(i, j)], i, j));
                }
            }
        }
        if let Some((c, i, j)) = low {
            let (first, second) = if i == j {
                (mg.names[i].clone(), None)
            } else {
                (mg.names[j].clone(), Some(mg.names[i].clone()))
            };
            warnings.push(Warning::new(WarningText::LowCoverage {
                first,
                second,
                percent: 100.0 * c,
            }));
        }
        if !mg.h1.converged {
            warnings.push(Warning::new(WarningText::EmNotConverged {
                iterations: mg.h1.iterations,
            }));
        }
    }
}

/// Plain-language warnings about the solution (Heywood cases, non-PD
/// matrices, |std| > 1, small samples).
pub(crate) fn solution_warnings(
    pt: &ParTable,
    prob: &Problem,
    values: &[f64],
    params: &[ParameterRow],
    sm: &SampleMoments,
    warnings: &mut Vec<Warning>,
) {
    for (r, p) in pt.params.iter().enumerate() {
        if p.free > 0 && p.is_variance() && values[r] < 0.0 {
            warnings.push(Warning::new(WarningText::NegativeVariance {
                name: p.lhs.clone(),
                value: values[r],
            }));
        }
    }
    let mats = prob.matrices(values);
    let p = prob.structure.p;
    for m in &mats {
        let n = m.p.nrows();
        let lat = m.p.view((p, p), (n - p, n - p)).into_owned();
        if lat.nrows() > 0 && !is_pd(&lat) {
            warnings.push(Warning::new(WarningText::NonPositiveDefiniteLatent));
        }
        let ov_nox: Vec<usize> = (0..p)
            .filter(|&i| !pt.vars.ov_x.contains(&pt.vars.ov[i]))
            .collect();
        let theta = DMatrix::from_fn(ov_nox.len(), ov_nox.len(), |a, b| {
            m.p[(ov_nox[a], ov_nox[b])]
        });
        let has_free_resid = pt
            .params
            .iter()
            .any(|q| q.op == Op::Covariance && q.free > 0 && !pt.vars.lv.contains(&q.lhs));
        if has_free_resid && theta.nrows() > 0 && !is_pd_or_psd(&theta) {
            warnings.push(Warning::new(WarningText::NonPositiveDefiniteResidual));
        }
    }
    for row in params {
        let standardizable =
            row.op == "=~" || row.op == "~" || (row.op == "~~" && row.lhs != row.rhs);
        if let Some(s) = row.std_all {
            if standardizable && s.abs() > 1.0 {
                warnings.push(Warning::new(WarningText::StandardizedAboveOne {
                    lhs: row.lhs.clone(),
                    op: row.op.clone(),
                    rhs: row.rhs.clone(),
                    value: s,
                }));
            }
        }
    }
    let n = sm.ntotal();
    let npar = prob.npar();
    if n < 5 * npar {
        warnings.push(Warning::new(WarningText::SmallSample { n, npar }));
    }
}

fn is_pd(m: &DMatrix<f64>) -> bool {
    m.clone().cholesky().is_some()
}

fn is_pd_or_psd(m: &DMatrix<f64>) -> bool {
    let eig = m.clone().symmetric_eigen();
    eig.eigenvalues
        .iter()
        .all(|e| *e >= -1e-10 * m.diagonal().amax().max(1.0))
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// An analysis error in Chinese.
fn zh_text(e: &AnalysisError) -> String {
    match e {
        AnalysisError::Model(e) => e.message(Lang::Zh),
        AnalysisError::Data(e) => e.message(Lang::Zh),
        AnalysisError::Moments(e) => e.message(Lang::Zh),
        AnalysisError::Constraint(e) => e.message(Lang::Zh),
        AnalysisError::NotSupported(what) => format!("暂不支持{}", not_supported_analysis(what)),
        AnalysisError::Incompatible(what) => phrase(what),
        AnalysisError::NeedsMeans => {
            "模型含有截距或均值（`~ 1`），但只提供了协方差矩阵；请改为提供原始数据".into()
        }
        AnalysisError::NeedsRawData(what) => format!(
            "{}需要原始数据，而不只是协方差矩阵；请改为提供数据文件",
            phrase(what)
        ),
        AnalysisError::Bootstrap(e) => phrase(e),
        AnalysisError::Ordinal(e) => e.message(Lang::Zh),
        AnalysisError::Group(e) => e.message(Lang::Zh),
        AnalysisError::GroupMoments {
            group,
            error: MomentsError::ConstantVariable { name },
        } => format!(
            "`{name}` 在组“{group}”的每一行中取值都相同（组内方差为零），无法据此比较各组；请将 `{name}` 从模型中删除，或选择另一个分组变量"
        ),
        AnalysisError::GroupMoments { group, error } => {
            format!("在组“{group}”中：{}", error.message(Lang::Zh))
        }
    }
}

fn not_supported_analysis(what: &str) -> String {
    if let Some(a) = what
        .strip_prefix("a significance level of ")
        .and_then(|r| r.strip_suffix(" (it must lie between 0 and 1)"))
    {
        return format!("显著性水平 {a}（它必须介于 0 和 1 之间）");
    }
    if let Some(est) = what.strip_prefix("the ").and_then(|r| {
        r.strip_suffix(
            " estimator for ordinal items (lavaan uses WLSMV for them: choose `--estimator WLSMV`)",
        )
    }) {
        return format!("对有序题项使用 {est} 估计（lavaan 对有序题项使用 WLSMV：请选择 WLSMV）");
    }
    if let Some(c) = what
        .strip_prefix("a WLSMV model that mixes ordinal and continuous items (`")
        .and_then(|r| r.split('`').next())
    {
        return format!(
            "在 WLSMV 模型中混用有序题项与连续题项（`{c}` 未被声明为有序）；请将所有题项声明为有序"
        );
    }
    if let Some(c) = what
        .strip_prefix("a continuous covariate (`")
        .and_then(|r| r.split('`').next())
    {
        return format!(
            "在 WLSMV 模型中使用连续协变量（`{c}`）（lavaan 的 conditional.x：请将其移出模型，或改用 ML 或 MLR 估计）"
        );
    }
    if let Some(path) = what
        .strip_prefix("an ordinal item as a predictor (`")
        .and_then(|r| r.strip_suffix("`) under WLSMV"))
    {
        return format!("在 WLSMV 下以有序题项作为预测变量（`{path}`）");
    }
    phrase(what)
}

impl Localized for AnalysisError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}

/// The score test of one equality across groups (a row of lavaan's
/// `lavTestScore(fit)$uni`), with the parameter it concerns.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EqualityTest {
    pub lhs: String,
    pub op: String,
    pub rhs: String,
    /// The group (1-based) whose parameter is made equal to group 1's.
    pub group: usize,
    /// `x3 ~ 1 in all groups` (two groups) or `x3 ~ 1: A = C`.
    pub name: String,
    /// The same in Chinese.
    pub name_zh: String,
    /// Score χ² (1 df) and its p-value.
    pub chisq: f64,
    pub df: usize,
    pub pvalue: f64,
    /// Expected change of the parameter in group 1 and in `group` when the
    /// equality alone is released.
    pub epc_group1: f64,
    pub epc: f64,
}

/// Score tests of the equalities of `kinds` (each among the `group_equal`
/// of `opts`) in the fitted multi-group model `fitted` (run on the same
/// data, model and options): the model is rebuilt with those equalities as
/// separate parameters and evaluated at the estimates, and each equality is
/// tested on its own ([`crate::tables::score_tests`]). Sorted by χ², largest
/// first.
pub fn equality_score_tests(
    data: &DataInput,
    model: &str,
    opts: &Options,
    kinds: &[GroupEqual],
    fitted: &Analysis,
) -> Result<Vec<EqualityTest>, AnalysisError> {
    let (Some(col), DataInput::Table(t)) = (&opts.group, data) else {
        return Ok(Vec::new());
    };
    let groups = Groups::from_table(t, col)?;
    let mopts = ModelOptions {
        group_equal_separate: kinds.to_vec(),
        ..model_options(opts)?
    };
    // ordinal items (WLSMV): the same model on the groups' thresholds and
    // polychoric correlations
    let ordinal = match plan::plan(data, opts)? {
        Route::Ordinal => ordinal::prepare(t, model, opts, Some(&groups), kinds)?,
        Route::Continuous => None,
    };
    let (pt, stats) = match ordinal {
        Some((pt, stats, _)) => (pt, stats),
        None => {
            let pt = partable::build(model, &data.columns(), &mopts, groups.len())?;
            let (stats, _, _) = sample_moments(data, &pt, opts, Some(&groups))?;
            (pt, stats)
        }
    };
    let ord_stats: Vec<&crate::samplestats::ordinal::OrdinalStats> = stats
        .ordinal()
        .map_or(Vec::new(), |b| b.iter().map(|x| &x.stats).collect());
    let dwls = stats.ordinal().map(|_| Dwls::new(&pt, &ord_stats));
    let mut prob = Problem::new(&pt, &stats.moments)?;
    prob.discrepancy = match (stats.missing(), &dwls) {
        (Some(m), _) => Discrepancy::Fiml(m),
        (None, Some(d)) => Discrepancy::Dwls(d),
        (None, None) => Discrepancy::Ml,
    };
    let mut theta = nalgebra::DVector::zeros(pt.n_free);
    for (r, p) in pt.params.iter().enumerate() {
        if p.free > 0 {
            theta[p.free - 1] = fitted.parameters[r].est;
        }
    }
    let Some(tests) = prob
        .evaluate(&theta)
        .and_then(|ev| crate::tables::score_tests::univariate(&prob, &ev))
    else {
        return Ok(Vec::new());
    };
    let mut out: Vec<EqualityTest> = tests
        .into_iter()
        .map(|t| {
            let p = &pt.params[t.rows.1];
            let what = if p.op == Op::Intercept {
                format!("{} ~ 1", p.lhs)
            } else {
                format!("{} {} {}", p.lhs, p.op, p.rhs)
            };
            let (name, name_zh) = if groups.len() == 2 {
                (
                    format!("{what} in all groups"),
                    format!("{what} 在各组间相等"),
                )
            } else {
                let pair = format!("{} = {}", groups.labels[0], groups.labels[p.group - 1]);
                (format!("{what}: {pair}"), format!("{what}：{pair}"))
            };
            EqualityTest {
                lhs: p.lhs.clone(),
                op: p.op.as_str().to_string(),
                rhs: p.rhs.clone(),
                group: p.group,
                name,
                name_zh,
                chisq: t.chisq,
                df: 1,
                pvalue: crate::distributions::pchisq_upper(t.chisq, 1.0),
                epc_group1: t.epc.0,
                epc: t.epc.1,
            }
        })
        .collect();
    crate::sorting::sort_by(&mut out, |a, b| b.chisq.total_cmp(&a.chisq));
    Ok(out)
}
