//! Common-method bias checks: the data, the user's model and its items in;
//! Harman's single-factor share, the one-factor CFA beside the user's model,
//! the unmeasured latent method construct (CLF/ULMC) with its differences,
//! and optionally Lindell & Whitney's marker-variable correction out
//! (study-methods.md §3–§4).
//!
//! - Harman (Podsakoff et al. 2003): the first unrotated principal
//!   component's share of the variance, 100·λ₁/p. Papers flag ≥ 50%; many
//!   Chinese journals use 40% ([`HARMAN_CONVENTIONS`]).
//! - One-factor CFA: every item on one factor, fitted by the same pipeline
//!   as the user's model ([`crate::analysis::run`]).
//! - CLF: the user's model plus a method factor with one equal loading on
//!   every item ([`clf_syntax`]) and `CMV ~~ 0*F` for every factor; Δχ² = χ²(model) − χ²(with CMV) on 1 df, ΔCFI = CFI(with) −
//!   CFI(model), and each item's standardized loading with and without the
//!   method factor (a drop larger than [`CLF_LOADING_CHANGE`] flags bias).
//! - Marker variable (Lindell & Whitney 2001): r_M = the smallest positive
//!   correlation of the marker with the items; each correlation corrected
//!   as r_A = (r − r_M)/(1 − r_M), tested with t = r_A/√((1 − r_A²)/(n − 3)).

use crate::analysis::{self, Analysis, DataInput, Options};
use crate::data::DataTable;
use crate::explore::error::CfaKind;
use crate::explore::{ExploreError, ItemData, ModelFactor};
use crate::nested_models::{self, chisq_difference, ChisqTest};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Harman's share thresholds (percent): the common 50% and the 40% many
/// Chinese journals use.
pub const HARMAN_CONVENTIONS: [f64; 2] = [50.0, 40.0];
/// A standardized loading that changes by more than this when the method
/// factor is added flags common-method bias.
pub const CLF_LOADING_CHANGE: f64 = 0.20;
/// The significance level of the marker-variable correction's tests
/// (Lindell & Whitney 2001 test each correlation at .05).
pub const MARKER_ALPHA: f64 = 0.05;

/// Harman's single-factor share in percent from the correlation matrix's
/// eigenvalues (largest first).
pub fn harman_percent(eigenvalues: &[f64]) -> f64 {
    100.0 * eigenvalues[0] / eigenvalues.len() as f64
}

/// The fit numbers reported for each CFA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CfaFit {
    pub chisq: f64,
    pub df: f64,
    pub pvalue: Option<f64>,
    pub cfi: Option<f64>,
    pub tli: Option<f64>,
    pub rmsea: Option<f64>,
    pub srmr: Option<f64>,
}

impl CfaFit {
    pub fn of(a: &Analysis) -> CfaFit {
        let get = |k: &str| a.fit.get(k).copied().flatten();
        CfaFit {
            chisq: get("chisq").unwrap_or(f64::NAN),
            df: get("df").unwrap_or(f64::NAN),
            pvalue: get("pvalue"),
            cfi: get("cfi"),
            tli: get("tli"),
            rmsea: get("rmsea"),
            srmr: get("srmr"),
        }
    }
}

/// The CLF comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClfReport {
    /// The user's model with the method factor.
    pub model: CfaFit,
    /// The user's model.
    pub baseline: CfaFit,
    pub delta_chisq: f64,
    pub delta_df: f64,
    pub delta_pvalue: Option<f64>,
    pub delta_cfi: f64,
    /// The method factor's equal unstandardized loading (at variance 1).
    pub method_loading: f64,
    /// The method factor's variance (its loadings fixed at 1). Estimated at
    /// or below 0, the items share no method variance and the model with
    /// the method factor is improper (lavaan warns that a latent variance
    /// is negative); [`ClfReport::improper`].
    pub method_variance: f64,
    pub std_loadings_without: BTreeMap<String, f64>,
    pub std_loadings_with: BTreeMap<String, f64>,
    /// Loadings (`F =~ x`) whose standardized value changes by more than .20.
    pub flagged: Vec<String>,
    /// The lavaan syntax of the model with the method factor.
    pub syntax: String,
    /// The method factor's name in [`ClfReport::syntax`] (`CMV`, or
    /// `CMV_2`, ... when the model or the data use that name).
    pub method_factor: String,
}

impl ClfReport {
    /// The method factor's variance is estimated at or below 0: no common
    /// method variance, and an improper solution whose loadings are not
    /// read as a correction (the one verdict behind the table's note).
    pub fn improper(&self) -> bool {
        self.method_variance <= 0.0
    }
}

/// All common-method-bias checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodBias {
    pub harman_percent: f64,
    pub one_factor_cfa: CfaFit,
    /// The lavaan syntax of the one-factor model.
    pub one_factor_syntax: String,
    /// The CLF check (needs the user's model).
    pub clf: Option<ClfReport>,
}

/// The user's model for the CLF check: its text, its factors and its fit.
pub struct UserModel<'a> {
    pub text: &'a str,
    pub factors: &'a [ModelFactor],
    pub fitted: &'a Analysis,
}

/// A name not used by the model or the data: `base`, else `base_2`, ….
fn fresh(base: &str, taken: &[String]) -> String {
    let mut k = 1;
    let mut name = base.to_string();
    while taken.iter().any(|t| t == &name) {
        k += 1;
        name = format!("{base}_{k}");
    }
    name
}

/// The one-factor model text over `items`.
pub fn one_factor_syntax(items: &[String], taken: &[String]) -> String {
    format!("{} =~ {}\n", fresh("General", taken), items.join(" + "))
}

/// The user's model with an unmeasured latent method factor (equal
/// loadings, uncorrelated with the model's factors).
///
/// Written as `CMV =~ 1*x1 + 1*x2 + …` with a free variance φ instead of
/// study-methods' `CMV =~ NA*x1 + l*x1 + l*x2 + …; CMV ~~ 1*CMV`: the two
/// are the same model (loading λ with variance 1 is loading 1 with
/// variance φ = λ²; same χ², df and standardized solution), and this form
/// needs no repeated item in the syntax. λ = √φ is reported.
pub fn clf_syntax(
    model: &str,
    factors: &[ModelFactor],
    items: &[String],
    taken: &[String],
) -> String {
    let cmv = fresh("CMV", taken);
    let terms: Vec<String> = items.iter().map(|i| format!("1*{i}")).collect();
    let mut s = format!(
        "{}\n# common method factor (CLF/ULMC): the same loading on every item\n{cmv} =~ {}\n",
        model.trim_end(),
        terms.join(" + ")
    );
    for f in factors {
        s.push_str(&format!("{cmv} ~~ 0*{}\n", f.name));
    }
    s
}

fn std_loadings(a: &Analysis, skip: &str) -> BTreeMap<String, f64> {
    crate::sorting::map_of(
        a.parameters
            .iter()
            .filter(|p| p.op == "=~" && p.lhs != skip)
            .filter_map(|p| p.std_all.map(|v| (format!("{} =~ {}", p.lhs, p.rhs), v))),
    )
}

/// Runs the one-factor CFA and, given the user's model (already estimated
/// with `opts`), the CLF model beside it.
pub fn method_bias(
    table: &DataTable,
    model: Option<UserModel>,
    items: &ItemData,
    eigenvalues: &[f64],
    opts: &Options,
) -> Result<MethodBias, ExploreError> {
    let mut taken: Vec<String> = table.names().to_vec();
    if let Some(m) = &model {
        taken.extend(m.factors.iter().map(|f| f.name.clone()));
    }
    let data = DataInput::Table(table);
    let one_syntax = one_factor_syntax(&items.names, &taken);
    let one = analysis::run(&data, &one_syntax, opts).map_err(|e| ExploreError::Cfa {
        which: CfaKind::OneFactor,
        error: e,
    })?;
    let clf = match model {
        Some(m) => Some(clf(&data, &m, items, &taken, opts)?),
        None => None,
    };
    Ok(MethodBias {
        harman_percent: harman_percent(eigenvalues),
        one_factor_cfa: CfaFit::of(&one),
        one_factor_syntax: one_syntax,
        clf,
    })
}

fn clf(
    data: &DataInput,
    m: &UserModel,
    items: &ItemData,
    taken: &[String],
    opts: &Options,
) -> Result<ClfReport, ExploreError> {
    let syntax = clf_syntax(m.text, m.factors, &items.names, taken);
    let cmv = fresh("CMV", taken);
    let with = analysis::run(data, &syntax, opts).map_err(|e| ExploreError::Cfa {
        which: CfaKind::WithMethodFactor,
        error: e,
    })?;
    let baseline = CfaFit::of(m.fitted);
    let model_fit = CfaFit::of(&with);
    // lavTestLRT(fit_clf, fit): the one χ² difference of nested models
    // (standard, or Satorra–Bentler 2001 under MLR/MLM)
    let test = |a: &Analysis| ChisqTest::of(&a.fit, nested_models::is_scaled(a));
    let difference = match (test(&with), test(m.fitted)) {
        (Some(free), Some(restricted)) => Some(chisq_difference(&free, &restricted)),
        _ => None,
    };
    let delta_chisq = difference.and_then(|d| d.chisq).unwrap_or(f64::NAN);
    let delta_df = difference.map_or(f64::NAN, |d| d.df);
    let without_l = std_loadings(m.fitted, &cmv);
    let with_l = std_loadings(&with, &cmv);
    let flagged = without_l
        .iter()
        .filter(|(k, v)| {
            with_l
                .get(*k)
                .is_some_and(|w| (*v - w).abs() > CLF_LOADING_CHANGE)
        })
        .map(|(k, _)| k.clone())
        .collect();
    let method_variance = with
        .parameters
        .iter()
        .find(|p| p.op == "~~" && p.lhs == cmv && p.rhs == cmv)
        .map_or(f64::NAN, |p| p.est);
    let method_loading = method_variance.sqrt();
    Ok(ClfReport {
        delta_cfi: model_fit.cfi.unwrap_or(f64::NAN) - baseline.cfi.unwrap_or(f64::NAN),
        delta_pvalue: difference.and_then(|d| d.pvalue),
        model: model_fit,
        baseline,
        delta_chisq,
        delta_df,
        method_loading,
        method_variance,
        std_loadings_without: without_l,
        std_loadings_with: with_l,
        flagged,
        syntax,
        method_factor: cmv,
    })
}

/// One pair of items under the marker-variable correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkerPair {
    pub a: String,
    pub b: String,
    pub r: f64,
    /// (r − r_M)/(1 − r_M)
    pub r_adjusted: f64,
    pub pvalue: f64,
    pub pvalue_adjusted: f64,
}

impl MarkerPair {
    /// The raw correlation is significant at [`MARKER_ALPHA`].
    pub fn significant_before(&self) -> bool {
        self.pvalue < MARKER_ALPHA
    }
    /// The corrected correlation is significant at [`MARKER_ALPHA`]: not
    /// explained by common-method variance.
    pub fn significant_after(&self) -> bool {
        self.pvalue_adjusted < MARKER_ALPHA
    }
}

/// Lindell & Whitney's marker-variable correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkerReport {
    pub marker: String,
    /// The smallest positive correlation of the marker with the items (0 when none is positive).
    pub r_m: f64,
    pub nobs: usize,
    pub pairs: Vec<MarkerPair>,
    /// Pairs significant at .05 before and after the correction.
    pub significant_before: usize,
    pub significant_after: usize,
}

/// The p-value of a correlation, t = r/√((1 − r²)/df): df = n − 2 for the
/// raw correlation, n − 3 for the corrected one (Lindell & Whitney 2001,
/// eq. 4: one df more is lost to the marker).
fn correlation_p(r: f64, df: f64) -> f64 {
    crate::distributions::pt_two_sided(r / ((1.0 - r * r) / df).sqrt(), df)
}

/// The marker-variable correction on the complete rows of the items and
/// the marker (`data`: items first, the marker in the last column).
pub fn marker_correction(data: &ItemData) -> MarkerReport {
    let (n, cols) = data.data.shape();
    let p = cols - 1;
    let r = crate::data::correlation(&data.data);
    let r_m = (0..p)
        .map(|i| r[(i, p)])
        .filter(|v| *v > 0.0)
        .fold(f64::INFINITY, f64::min);
    let r_m = if r_m.is_finite() { r_m } else { 0.0 };
    let mut pairs = Vec::new();
    for i in 0..p {
        for j in i + 1..p {
            let adj = (r[(i, j)] - r_m) / (1.0 - r_m);
            pairs.push(MarkerPair {
                a: data.names[i].clone(),
                b: data.names[j].clone(),
                r: r[(i, j)],
                r_adjusted: adj,
                pvalue: correlation_p(r[(i, j)], n as f64 - 2.0),
                pvalue_adjusted: correlation_p(adj, n as f64 - 3.0),
            });
        }
    }
    MarkerReport {
        marker: data.names[p].clone(),
        r_m,
        nobs: n,
        significant_before: pairs.iter().filter(|q| q.significant_before()).count(),
        significant_after: pairs.iter().filter(|q| q.significant_after()).count(),
        pairs,
    }
}
