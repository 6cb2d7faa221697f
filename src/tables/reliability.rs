//! Reliability and validity: the fitted model, the sample covariance matrix
//! and the items' correlation matrix in; per construct Cronbach's α,
//! composite reliability ω, AVE and standardized loadings, the
//! Fornell–Larcker matrix and the HTMT matrix out.
//!
//! Definitions follow semTools 0.5-6 (`semTools/R/reliability.R`,
//! `semTools/R/htmt.R`), as lavaan users get them:
//! - α (`tau.eq = TRUE`): k/(k−1)·(1 − tr S_k / 1′S_k1), on the sample covariances;
//! - ω (`compRelSEM`, `obs.var = TRUE`): (Σλ)²φ / 1′S1 with λ the
//!   construct's own loadings on its indicators (not their cross-loadings),
//!   φ its model-implied variance and S the indicators' sample covariances
//!   (divisor N); constructs with one indicator are dropped (`dropSingle`);
//! - AVE: Σλ²φ_kk / Σ s_ii over the construct's indicators; undefined when
//!   an indicator loads on another factor too;
//! - HTMT (`htmt2 = TRUE`): geometric means of absolute item correlations,
//!   GM(between) / √(GM(within i)·GM(within j));
//! - Fornell–Larcker: √AVE on the diagonal, model-implied factor
//!   correlations off the diagonal (Fornell & Larcker 1981).
//!
//! All of these describe a scale: a construct reflected by items whose
//! loadings the model estimates. Which latent variables are scales is
//! decided in one place, [`ConstructKind::of`]; the others (growth factors,
//! single-indicator factors, second-order factors) get none of them.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// What a latent variable is, as far as reliability and validity go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstructKind {
    /// Reflected by two or more observed items, at least one loading
    /// estimated: a scale. Loading flags, α, ω, AVE, HTMT and
    /// Fornell–Larcker apply.
    #[default]
    Scale,
    /// Every loading fixed in the model (the intercept and slope of a growth
    /// model, a fixed-weight composite): nothing is estimated about how well
    /// the items reflect it, so none of the scale checks applies.
    FixedLoadings,
    /// One observed indicator: α, ω, AVE and HTMT are undefined, and its
    /// loading is the identification, not a measurement result.
    SingleIndicator,
    /// Measured by other latent variables (a second-order factor): its
    /// "items" are factors, not survey items (semTools gives its reliability
    /// only when asked, `compRelSEM(higher = ...)`).
    HigherOrder,
}

/// One indicator of a latent variable, as [`ConstructKind::of`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    /// An observed variable (false: another latent variable).
    pub observed: bool,
    /// Its loading is estimated (free or equality-constrained), not fixed.
    pub free: bool,
}

impl ConstructKind {
    /// The kind of a latent variable from its indicators (its `=~` rows):
    /// the one place that decides which checks apply to it.
    pub fn of(indicators: &[Indicator]) -> ConstructKind {
        if indicators.iter().any(|i| !i.observed) {
            ConstructKind::HigherOrder
        } else if indicators.len() < 2 {
            ConstructKind::SingleIndicator
        } else if !indicators.iter().any(|i| i.free) {
            ConstructKind::FixedLoadings
        } else {
            ConstructKind::Scale
        }
    }

    /// Whether loading flags, α, ω, AVE, HTMT and Fornell–Larcker apply.
    pub fn is_scale(self) -> bool {
        self == ConstructKind::Scale
    }
}

/// The indicators of one construct (indices into the observed variables).
#[derive(Debug, Clone)]
pub struct ConstructItems {
    pub name: String,
    /// Index of the construct among the latent variables.
    pub factor: usize,
    /// Its observed indicators (none for a second-order factor).
    pub items: Vec<usize>,
    /// The names of all its indicators, observed or latent, in model order.
    pub indicators: Vec<String>,
    pub kind: ConstructKind,
}

/// A square matrix with row/column names (JSON: `{names, matrix}`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NamedMatrix {
    pub names: Vec<String>,
    pub matrix: Vec<Vec<Option<f64>>>,
}

/// Reliability and convergent validity of one latent variable (α, ω and
/// AVE only for a [`ConstructKind::Scale`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConstructReliability {
    pub name: String,
    /// Its indicators (for a second-order factor, the first-order factors).
    pub items: Vec<String>,
    #[serde(default)]
    pub kind: ConstructKind,
    pub alpha: Option<f64>,
    pub omega: Option<f64>,
    pub ave: Option<f64>,
}

/// Cronbach's α of the items with covariance block `s`.
pub fn cronbach_alpha(s: &DMatrix<f64>, items: &[usize]) -> Option<f64> {
    let k = items.len();
    if k < 2 {
        return None;
    }
    let mut total = 0.0;
    let mut diag = 0.0;
    for &i in items {
        diag += s[(i, i)];
        for &j in items {
            total += s[(i, j)];
        }
    }
    let kf = k as f64;
    Some(kf / (kf - 1.0) * (1.0 - diag / total))
}

/// Composite reliability ω of construct `f` (semTools `compRelSEM`,
/// `obs.var = TRUE`): (Σ_i λ_if)² φ_ff / 1′S_f1 over the construct's items
/// i. Only the construct's own loadings enter the common part: an item's
/// loading on another factor (a cross-loading) counts toward that factor,
/// while the denominator is the observed variance of the sum score.
/// `lambda`: p × m loadings; `phi`: m × m factor covariances; `s`: sample
/// covariances.
pub fn omega(
    lambda: &DMatrix<f64>,
    phi: &DMatrix<f64>,
    s: &DMatrix<f64>,
    items: &[usize],
    f: usize,
) -> Option<f64> {
    if items.len() < 2 {
        return None;
    }
    let sum_loadings: f64 = items.iter().map(|&i| lambda[(i, f)]).sum();
    let num = sum_loadings * sum_loadings * phi[(f, f)];
    let mut den = 0.0;
    for &i in items {
        for &j in items {
            den += s[(i, j)];
        }
    }
    Some(num / den)
}

/// Average variance extracted of construct `f` (None if an item cross-loads).
pub fn ave(
    lambda: &DMatrix<f64>,
    phi: &DMatrix<f64>,
    s: &DMatrix<f64>,
    items: &[usize],
    f: usize,
) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let cross = items
        .iter()
        .any(|&i| (0..lambda.ncols()).any(|g| g != f && lambda[(i, g)] != 0.0));
    if cross {
        return None;
    }
    let num: f64 = items
        .iter()
        .map(|&i| lambda[(i, f)].powi(2) * phi[(f, f)])
        .sum();
    let den: f64 = items.iter().map(|&i| s[(i, i)]).sum();
    Some(num / den)
}

fn geometric_mean(vals: &[f64]) -> Option<f64> {
    if vals.is_empty() {
        return None;
    }
    Some((vals.iter().map(|v| v.ln()).sum::<f64>() / vals.len() as f64).exp())
}

/// The items two constructs share (an item loading on both), in `a`'s
/// order: the one test of "these constructs share an item" for the HTMT
/// matrix ([`htmt`]) and its table's note.
pub fn shared_items<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| b.contains(x)).cloned().collect()
}

/// The constructs without an AVE because an item of theirs loads on
/// another construct too ([`ave`] is None then, as semTools' `AVE` gives
/// NA), each with those items, in the order of `constructs`: the one
/// verdict "AVE (and √AVE) not given" that the reliability and
/// Fornell–Larcker tables' notes state.
pub fn ave_cross_loadings(constructs: &[ConstructReliability]) -> Vec<(String, Vec<String>)> {
    constructs
        .iter()
        .filter(|c| c.kind.is_scale() && c.ave.is_none())
        .filter_map(|c| {
            let items: Vec<String> = c
                .items
                .iter()
                .filter(|i| {
                    constructs
                        .iter()
                        .any(|o| o.name != c.name && o.items.contains(i))
                })
                .cloned()
                .collect();
            (!items.is_empty()).then(|| (c.name.clone(), items))
        })
        .collect()
}

/// A pair of constructs of the HTMT matrix without a ratio because they
/// share items ([`shared_items`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPair {
    pub first: String,
    pub second: String,
    /// The items both load on.
    pub items: Vec<String>,
}

/// The pairs of the HTMT matrix `htmt` whose constructs share items, in
/// the order of [`discriminant_pairs`] (the lower triangle, row by row):
/// the one verdict "HTMT not computed for this pair" that the HTMT table's
/// note and the methods paragraph state. `constructs` gives each name's
/// items.
pub fn htmt_shared_pairs(
    htmt: &NamedMatrix,
    constructs: &[ConstructReliability],
) -> Vec<SharedPair> {
    let items = |n: &str| constructs.iter().find(|c| c.name == n).map(|c| &c.items);
    let names = &htmt.names;
    let mut out = Vec::new();
    for i in 0..names.len() {
        for j in 0..i {
            let (first, second) = (&names[j], &names[i]);
            if let (Some(a), Some(b)) = (items(first), items(second)) {
                let shared = shared_items(a, b);
                if !shared.is_empty() {
                    out.push(SharedPair {
                        first: first.clone(),
                        second: second.clone(),
                        items: shared,
                    });
                }
            }
        }
    }
    out
}

/// HTMT matrix (semTools `htmt(..., htmt2 = TRUE)`) from item correlations
/// `r`; a construct with a single item has no HTMT (None), as in semTools.
/// Neither has a pair of constructs that share an item (a cross-loading):
/// the ratio compares correlations between the two constructs' items with
/// those within each, which assumes every item measures one construct
/// (Henseler, Ringle & Sarstedt 2015), and semTools' `htmt` stops on such
/// a model (its saturated model of the items holds the shared item twice:
/// "sample covariance matrix is not positive-definite").
pub fn htmt(r: &DMatrix<f64>, constructs: &[ConstructItems]) -> NamedMatrix {
    let k = constructs.len();
    let within: Vec<Option<f64>> = constructs
        .iter()
        .map(|c| {
            let mut v = Vec::new();
            for (a, &i) in c.items.iter().enumerate() {
                for &j in &c.items[a + 1..] {
                    v.push(r[(i, j)].abs());
                }
            }
            geometric_mean(&v)
        })
        .collect();
    let mut m = vec![vec![None; k]; k];
    for a in 0..k {
        // a single-item construct has no within-construct correlations
        m[a][a] = within[a].map(|_| 1.0);
        for b in a + 1..k {
            let mut v = Vec::new();
            for &i in &constructs[a].items {
                for &j in &constructs[b].items {
                    v.push(r[(i, j)].abs());
                }
            }
            let shared = !shared_items(&constructs[a].items, &constructs[b].items).is_empty();
            let val = match (geometric_mean(&v), within[a], within[b]) {
                (Some(x), Some(wa), Some(wb)) if !shared => Some(x / (wa * wb).sqrt()),
                _ => None,
            };
            m[a][b] = val;
            m[b][a] = val;
        }
    }
    NamedMatrix {
        names: constructs.iter().map(|c| c.name.clone()).collect(),
        matrix: m,
    }
}

/// Fornell–Larcker matrix: √AVE on the diagonal, factor correlations elsewhere.
pub fn fornell_larcker(
    factor_cor: &DMatrix<f64>,
    constructs: &[ConstructItems],
    aves: &[Option<f64>],
) -> NamedMatrix {
    let k = constructs.len();
    let mut m = vec![vec![None; k]; k];
    for a in 0..k {
        m[a][a] = aves[a].map(|x| x.sqrt());
        for b in 0..k {
            if a != b {
                m[a][b] = Some(factor_cor[(constructs[a].factor, constructs[b].factor)]);
            }
        }
    }
    NamedMatrix {
        names: constructs.iter().map(|c| c.name.clone()).collect(),
        matrix: m,
    }
}

/// Categorical ω of Green & Yang (2009), as semTools' `compRelSEM`
/// computes it for ordinal indicators (`omegaCat`): the reliability of the
/// sum of the category scores, from the model's thresholds τ and the
/// factor's common part λλ′φ against the polychoric correlations R:
///
/// ω = Σ_jj′ Σ_cc′ [Φ₂(τ_jc, τ_j′c′; (λλ′φ)_jj′) − Φ(τ_jc)Φ(τ_j′c′)]
///   / Σ_jj′ Σ_cc′ [Φ₂(τ_jc, τ_j′c′; R_jj′) − Φ(τ_jc)Φ(τ_j′c′)],
///
/// over the construct's items j, j′ (j = j′ included; Φ₂ with ρ = 1 is
/// Φ(min)), with only factor `f`'s loadings (cross-loadings are ignored, as
/// in semTools). `thresholds[i]` are item i's model thresholds (scales 1).
pub fn omega_categorical(
    lambda: &DMatrix<f64>,
    phi: &DMatrix<f64>,
    polychoric: &DMatrix<f64>,
    thresholds: &[Vec<f64>],
    items: &[usize],
    f: usize,
) -> Option<f64> {
    use crate::distributions::{pbinorm, pnorm};
    if items.len() < 2 {
        return None;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for &j in items {
        for &jp in items {
            let common = lambda[(j, f)] * phi[(f, f)] * lambda[(jp, f)];
            let total = polychoric[(j, jp)];
            let cdf1: f64 = thresholds[j].iter().map(|&t| pnorm(t)).sum();
            let cdf2: f64 = thresholds[jp].iter().map(|&t| pnorm(t)).sum();
            let (mut s_num, mut s_den) = (0.0, 0.0);
            for &t1 in &thresholds[j] {
                for &t2 in &thresholds[jp] {
                    s_num += pbinorm(t1, t2, common.clamp(-1.0, 1.0));
                    s_den += pbinorm(t1, t2, total.clamp(-1.0, 1.0));
                }
            }
            num += s_num - cdf1 * cdf2;
            den += s_den - cdf1 * cdf2;
        }
    }
    Some(num / den)
}

// ---------------------------------------------------------------------------
// Verdicts: the one place where each reliability and validity quantity is
// judged against its cutoff. The result tables (page, command line, HTML
// report), the APA tables (HTML, LaTeX, CSV) and the methods paragraph all
// read these, so that no sentence can contradict a table.

/// A standardized loading below .70 (the indicator shares less than half of
/// its variance with the construct) or below .50 (a candidate for removal);
/// Hair, Black, Babin & Anderson (2019), *Multivariate Data Analysis*, ch. 13.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadingFlag {
    Below7,
    Below5,
}

/// The flag of a standardized loading ([`LoadingFlag`]); None when it is
/// .70 or more in absolute value.
pub fn loading_flag(std_loading: f64) -> Option<LoadingFlag> {
    let l = std_loading.abs();
    if l < 0.5 {
        Some(LoadingFlag::Below5)
    } else if l < 0.7 {
        Some(LoadingFlag::Below7)
    } else {
        None
    }
}

/// Composite reliability below .70 (Hair et al. 2019; Fornell & Larcker 1981).
pub fn cr_low(omega: f64) -> bool {
    omega < 0.70
}

/// Average variance extracted below .50: the construct explains less than
/// half of its items' variance (Fornell & Larcker 1981).
pub fn ave_low(ave: f64) -> bool {
    ave < 0.50
}

/// An HTMT ratio at or above .85 (the strict criterion) or .90 (the liberal
/// one); Henseler, Ringle & Sarstedt (2015), *J. Acad. Mark. Sci.* 43, 115–135.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmtFlag {
    /// ≥ .85 and < .90.
    Strict,
    /// ≥ .90.
    Liberal,
}

impl HtmtFlag {
    /// The mark of a flagged ratio in every HTMT table: † for the strict
    /// criterion, ‡ for the liberal one.
    pub fn mark(self) -> &'static str {
        match self {
            HtmtFlag::Strict => "†",
            HtmtFlag::Liberal => "‡",
        }
    }
}

/// The flag of an HTMT ratio ([`HtmtFlag`]); None below .85.
pub fn htmt_flag(ratio: f64) -> Option<HtmtFlag> {
    if ratio >= 0.90 {
        Some(HtmtFlag::Liberal)
    } else if ratio >= 0.85 {
        Some(HtmtFlag::Strict)
    } else {
        None
    }
}

/// The Fornell–Larcker criterion for the pair (i, j) of a
/// [`fornell_larcker`] matrix: Some(true) when it fails — the absolute
/// factor correlation is not below the √AVE of both constructs (Fornell &
/// Larcker 1981, p. 46) —, Some(false) when it holds, None when it cannot
/// be judged (neither construct has an AVE, or no correlation).
pub fn fornell_larcker_fails(m: &NamedMatrix, i: usize, j: usize) -> Option<bool> {
    let r = m.matrix.get(i)?.get(j).copied().flatten()?;
    if !r.is_finite() {
        return None;
    }
    let roots: Vec<f64> = [m.matrix[i][i], m.matrix[j][j]]
        .into_iter()
        .flatten()
        .filter(|d| d.is_finite())
        .collect();
    if roots.is_empty() {
        return None;
    }
    Some(roots.iter().any(|&d| r.abs() >= d))
}

/// Both discriminant-validity criteria for one pair of constructs.
#[derive(Debug, Clone, PartialEq)]
pub struct PairVerdict {
    /// The two constructs, in matrix order (`first` before `second`).
    pub first: String,
    pub second: String,
    /// The factor correlation (off the diagonal of the Fornell–Larcker matrix).
    pub correlation: Option<f64>,
    /// [`fornell_larcker_fails`] of the pair.
    pub fornell_larcker_fails: Option<bool>,
    /// The HTMT ratio (None when undefined, e.g. a single item).
    pub htmt: Option<f64>,
    /// [`htmt_flag`] of the ratio.
    pub htmt_flag: Option<HtmtFlag>,
}

/// Every pair of constructs with both discriminant-validity verdicts, in
/// the order of the lower triangle (row by row); `fl` and `htmt` are the
/// [`fornell_larcker`] and [`htmt`] matrices (matched by name).
pub fn discriminant_pairs(fl: &NamedMatrix, htmt: &NamedMatrix) -> Vec<PairVerdict> {
    let names = if fl.names.len() >= htmt.names.len() {
        &fl.names
    } else {
        &htmt.names
    };
    let pos = |m: &NamedMatrix, n: &str| m.names.iter().position(|x| x == n);
    let mut out = Vec::new();
    for i in 0..names.len() {
        for j in 0..i {
            let (correlation, fl_fails) = match (pos(fl, &names[i]), pos(fl, &names[j])) {
                (Some(a), Some(b)) => (fl.matrix[a][b], fornell_larcker_fails(fl, a, b)),
                _ => (None, None),
            };
            let ratio = match (pos(htmt, &names[i]), pos(htmt, &names[j])) {
                (Some(a), Some(b)) => htmt.matrix[a][b].filter(|v| v.is_finite()),
                _ => None,
            };
            out.push(PairVerdict {
                first: names[j].clone(),
                second: names[i].clone(),
                correlation,
                fornell_larcker_fails: fl_fails,
                htmt: ratio,
                htmt_flag: ratio.and_then(htmt_flag),
            });
        }
    }
    out
}
