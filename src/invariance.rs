//! The measurement-invariance ladder: data, model, group column and
//! estimator in; configural, metric, scalar and strict invariance out —
//! each level's fit (χ², df, p, CFI, TLI, RMSEA, SRMR, AIC, BIC), its
//! difference to the level below (Δχ², Δdf, p; ΔCFI, ΔRMSEA), a decision
//! under a stated rule, the verdict (the last level that holds before the
//! first that fails), the score tests of the failing level's equalities
//! ranked, and the latent mean differences under (partial) scalar
//! invariance.
//!
//! Every level is one multi-group fit through [`crate::analysis::run`]
//! with lavaan's `group.equal` (study-methods.md §2): configural none,
//! metric `loadings`, scalar `loadings, intercepts`, strict `loadings,
//! intercepts, residuals`. With ordinal items (WLSMV) the scalar level
//! equates the thresholds instead of the intercepts (`loadings,
//! thresholds`; lavaan then frees the scaling factors and the latent means
//! of groups 2, 3, …), and there is no strict level: under the delta
//! parameterization the items' residual variances are not parameters, so
//! `residuals` adds no constraint (lavaan gives the same fit and Δdf = 0).
//! Released parameters (`--free`, lavaan's `group.partial`) apply to every
//! level. Each level's fit and its Δχ² to the level below come from
//! [`crate::nested_models`]: lavaan's `lavTestLRT` (`R/lav_test_LRT.R`),
//! T_next − T_prev under ML, the Satorra–Bentler (2001) scaled difference
//! under MLM and MLR and Satorra's (2000) scaled-and-shifted difference
//! under WLSMV, whose levels report the scaled χ² and the robust CFI, TLI
//! and RMSEA (the scaled ones, in every level, when a level has no robust
//! ones: [`Ladder::indices`], [`Ladder::without_robust`]).
//! Decision rules: ΔCFI ≥ −.01 (Cheung & Rensvold 2002), ΔRMSEA ≤ .015
//! (Chen 2007), or p(Δχ²) ≥ .05.

use crate::analysis::{self, Analysis, AnalysisError, DataInput, EqualityTest, Options};
use crate::distributions::pnorm_upper;
use crate::nested_models::{Difference, DifferenceMethod, Indices, ReportedFit};
use crate::partable::GroupEqual;
use serde::{Deserialize, Serialize};

/// A level of the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Configural,
    Metric,
    Scalar,
    Strict,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Configural,
        Level::Metric,
        Level::Scalar,
        Level::Strict,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Configural => "configural",
            Level::Metric => "metric",
            Level::Scalar => "scalar",
            Level::Strict => "strict",
        }
    }

    /// The level's name in Chinese (`ordinal`: the scalar level equates
    /// thresholds, not intercepts).
    pub fn name_zh(self, ordinal: bool) -> &'static str {
        match self {
            Level::Configural => "形态等值",
            Level::Metric => "弱等值（载荷）",
            Level::Scalar if ordinal => "强等值（阈值）",
            Level::Scalar => "强等值（截距）",
            Level::Strict => "严格等值（残差）",
        }
    }

    /// lavaan's `group.equal` of this level (`ordinal`: the items are
    /// ordinal, so the scalar level equates their thresholds).
    pub fn group_equal(self, ordinal: bool) -> Vec<GroupEqual> {
        use GroupEqual::*;
        match self {
            Level::Configural => vec![],
            Level::Metric => vec![Loadings],
            Level::Scalar if ordinal => vec![Loadings, Thresholds],
            Level::Scalar => vec![Loadings, Intercepts],
            Level::Strict => vec![Loadings, Intercepts, Residuals],
        }
    }

    /// What this level adds to the one below.
    pub fn added(self, ordinal: bool) -> Vec<GroupEqual> {
        use GroupEqual::*;
        match self {
            Level::Configural => vec![],
            Level::Metric => vec![Loadings],
            Level::Scalar if ordinal => vec![Thresholds],
            Level::Scalar => vec![Intercepts],
            Level::Strict => vec![Residuals],
        }
    }

    /// The levels of the ladder: all four, or with ordinal items the three
    /// up to scalar (see the module documentation).
    pub fn ladder(ordinal: bool) -> &'static [Level] {
        if ordinal {
            &Level::ALL[..3]
        } else {
            &Level::ALL
        }
    }
}

/// The rule that decides whether a level holds, from its difference to the
/// level below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// ΔCFI ≥ −.01 and ΔRMSEA ≤ .015 (Cheung & Rensvold 2002; Chen 2007).
    #[default]
    CfiRmsea,
    /// ΔCFI ≥ −.01 only (Cheung & Rensvold 2002).
    Cfi,
    /// p of Δχ² ≥ .05 (the likelihood-ratio test).
    Chisq,
}

impl Rule {
    pub fn parse(s: &str) -> Option<Rule> {
        match s {
            "cfi-rmsea" | "cfi+rmsea" => Some(Rule::CfiRmsea),
            "cfi" => Some(Rule::Cfi),
            "chisq" | "lrt" => Some(Rule::Chisq),
            _ => None,
        }
    }
    /// The rule as stated in a table note.
    pub fn text(self) -> &'static str {
        match self {
            Rule::CfiRmsea => "a level holds when ΔCFI ≥ −.01 (Cheung & Rensvold, 2002) and ΔRMSEA ≤ .015 (Chen, 2007)",
            Rule::Cfi => "a level holds when ΔCFI ≥ −.01 (Cheung & Rensvold, 2002)",
            Rule::Chisq => "a level holds when the χ² difference test is not significant (p ≥ .05)",
        }
    }
}

/// ΔCFI ≥ −.01 (Cheung & Rensvold 2002).
pub const DELTA_CFI_MIN: f64 = -0.01;
/// ΔRMSEA ≤ .015 (Chen 2007).
pub const DELTA_RMSEA_MAX: f64 = 0.015;
/// p of Δχ² ≥ .05.
pub const DELTA_P_MIN: f64 = 0.05;

/// Each criterion for one level, and whether the level holds under the rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub delta_cfi_ok: bool,
    pub delta_rmsea_ok: bool,
    pub delta_chisq_ok: bool,
    pub holds: bool,
}

/// One level: its fit and its difference to the level above it in the list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LadderRow {
    pub level: Level,
    /// χ², df, p, CFI, TLI, RMSEA, SRMR, AIC, BIC (scaled χ² and robust
    /// indices under MLM/MLR).
    #[serde(flatten)]
    pub fit: ReportedFit,
    /// Δχ², Δdf, p, ΔCFI, ΔRMSEA to the level above (none on configural).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<Difference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    pub converged: bool,
}

/// A latent mean of group g relative to group 1 (fixed at 0) under
/// (partial) scalar invariance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LatentMean {
    pub factor: String,
    /// 1-based group and its label.
    pub group: usize,
    pub label: String,
    pub est: f64,
    pub se: Option<f64>,
    pub z: Option<f64>,
    pub pvalue: Option<f64>,
    /// Cohen-type d: the mean difference over the pooled latent SD,
    /// √((n₁ψ₁ + n_gψ_g)/(n₁ + n_g)) with ψ the model-implied latent
    /// variances of the two groups.
    pub d: Option<f64>,
}

/// The whole ladder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ladder {
    pub group: String,
    pub groups: Vec<String>,
    pub nobs: Vec<usize>,
    pub estimator: String,
    /// How Δχ² is computed (standard, Satorra–Bentler 2001 for MLM/MLR,
    /// Satorra 2000 for WLSMV).
    pub difference_method: DifferenceMethod,
    /// Which CFI, TLI and RMSEA every level reports: the robust ones under
    /// a scaled test, the scaled ones when some level has no robust ones.
    #[serde(default)]
    pub indices: Indices,
    /// The levels without robust CFI, TLI and RMSEA (lavaan's NA under
    /// WLSMV with equal thresholds): why `indices` is the scaled kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub without_robust: Vec<Level>,
    pub rule: Rule,
    /// Parameters released in every level (lavaan's `group.partial`).
    pub free: Vec<String>,
    pub ladder: Vec<LadderRow>,
    /// The highest level that holds before the first that fails.
    pub established: Level,
    /// The first level that fails, if any.
    pub failed_at: Option<Level>,
    /// The failing level's equalities, ranked by their score test.
    pub constraints: Vec<EqualityTest>,
    /// Latent mean differences, when (partial) scalar invariance holds.
    pub latent_means: Vec<LatentMean>,
}

/// Runs the ladder. `opts.group` must name the group column;
/// `opts.group_equal` is ignored (each level sets its own) and
/// `opts.group_partial` is released in every level.
impl Ladder {
    /// The items are ordinal (WLSMV): the scalar level equates thresholds
    /// and there is no strict level ([`Level::ladder`]).
    pub fn ordinal(&self) -> bool {
        self.estimator == analysis::Estimator::Wlsmv.name()
    }
}

pub fn run(
    data: &DataInput,
    model: &str,
    opts: &Options,
    rule: Rule,
) -> Result<Ladder, AnalysisError> {
    if opts.group.is_none() {
        return Err(AnalysisError::Incompatible(
            "the invariance ladder compares groups: give the group column (`--group COLUMN`)"
                .into(),
        ));
    }
    let options_of = |level: Level, ordinal: bool| Options {
        group_equal: level
            .group_equal(ordinal)
            .iter()
            .map(|k| k.as_str().to_string())
            .collect(),
        modindices: false,
        // the ladder shows each level's fit and differences only
        fit_only: true,
        ..opts.clone()
    };
    // the configural fit tells whether the items are ordinal (WLSMV)
    let configural = analysis::run(data, model, &options_of(Level::Configural, false))?;
    let ordinal = configural.estimator == analysis::Estimator::Wlsmv.name();
    let levels = Level::ladder(ordinal);
    let mut fits = vec![configural];
    for &l in &levels[1..] {
        fits.push(analysis::run(data, model, &options_of(l, ordinal))?);
    }
    let mut rows: Vec<LadderRow> = Vec::new();
    let mut established = Level::Configural;
    let mut failed_at = None;
    let all: Vec<&Analysis> = fits.iter().collect();
    let reported = ReportedFit::of_all(&all);
    let (indices, without_robust) = Indices::of(&all);
    let mut difference_method = DifferenceMethod::Standard;
    for (i, (&level, a)) in levels.iter().zip(&fits).enumerate() {
        let mut row = LadderRow {
            level,
            fit: reported[i],
            difference: None,
            decision: None,
            converged: a.converged,
        };
        if i > 0 {
            let (difference, method) =
                Difference::between(&fits[i - 1], &reported[i - 1], a, &reported[i]);
            if let Some(m) = method {
                difference_method = m;
            }
            row.difference = Some(difference);
            let d = decide(&difference, rule);
            row.decision = Some(d);
            if failed_at.is_none() {
                if d.holds && a.converged {
                    established = level;
                } else {
                    failed_at = Some(level);
                }
            }
        }
        rows.push(row);
    }
    // the failing level's equalities, ranked
    let constraints = match failed_at {
        Some(level) => {
            let idx = levels.iter().position(|&l| l == level).unwrap_or(0);
            analysis::equality_score_tests(
                data,
                model,
                &options_of(level, ordinal),
                &level.added(ordinal),
                &fits[idx],
            )?
        }
        None => Vec::new(),
    };
    let scalar_holds = matches!(established, Level::Scalar | Level::Strict);
    let latent_means = if scalar_holds {
        latent_means(&fits[2])
    } else {
        Vec::new()
    };
    let g = fits[0].groups.as_ref();
    Ok(Ladder {
        group: opts.group.clone().unwrap_or_default(),
        groups: g.map(|g| g.labels.clone()).unwrap_or_default(),
        nobs: g.map(|g| g.nobs.clone()).unwrap_or_default(),
        estimator: fits[0].estimator.clone(),
        difference_method,
        indices,
        without_robust: without_robust.iter().map(|&i| levels[i]).collect(),
        rule,
        free: opts.group_partial.clone(),
        ladder: rows,
        established,
        failed_at,
        constraints,
        latent_means,
    })
}

/// Whether a level holds under `rule` (each criterion reported anyway).
fn decide(d: &Difference, rule: Rule) -> Decision {
    let delta_cfi_ok = d.delta_cfi.is_some_and(|d| d >= DELTA_CFI_MIN);
    let delta_rmsea_ok = d.delta_rmsea.is_some_and(|d| d <= DELTA_RMSEA_MAX);
    let delta_chisq_ok = d.delta_pvalue.is_some_and(|p| p >= DELTA_P_MIN);
    let holds = match rule {
        Rule::CfiRmsea => delta_cfi_ok && delta_rmsea_ok,
        Rule::Cfi => delta_cfi_ok,
        Rule::Chisq => delta_chisq_ok,
    };
    Decision {
        delta_cfi_ok,
        delta_rmsea_ok,
        delta_chisq_ok,
        holds,
    }
}

/// The free latent means of groups 2, 3, … in a scalar-level fit, with
/// their z tests and a standardized difference. A factor's SD in a group is
/// the std.lv value of its marker loading over the loading (λ·sd_η / λ).
pub fn latent_means(a: &Analysis) -> Vec<LatentMean> {
    let Some(groups) = &a.groups else {
        return Vec::new();
    };
    let sd = |factor: &str, group: usize| {
        a.parameters
            .iter()
            .find(|p| p.op == "=~" && p.lhs == factor && p.group == group && p.est != 0.0)
            .and_then(|p| Some(p.std_lv? / p.est))
    };
    a.parameters
        .iter()
        .filter(|p| p.op == "~1" && p.free && p.group > 1)
        .filter(|p| a.parameters.iter().any(|q| q.op == "=~" && q.lhs == p.lhs))
        .map(|p| {
            let (n1, ng) = (groups.nobs[0] as f64, groups.nobs[p.group - 1] as f64);
            let d = match (sd(&p.lhs, 1), sd(&p.lhs, p.group)) {
                (Some(s1), Some(sg)) => {
                    let pooled = ((n1 * s1 * s1 + ng * sg * sg) / (n1 + ng)).sqrt();
                    Some(p.est / pooled)
                }
                _ => None,
            };
            LatentMean {
                factor: p.lhs.clone(),
                group: p.group,
                label: groups.labels[p.group - 1].clone(),
                est: p.est,
                se: p.se,
                z: p.z,
                pvalue: p.z.map(|z| 2.0 * pnorm_upper(z.abs())),
                d,
            }
        })
        .collect()
}
