//! Nested models compared: two fitted models in; the χ² difference test
//! (Δχ², Δdf, p) as lavaan's `lavTestLRT` computes it, and the fit of each
//! model as it should be reported (χ², df, p, CFI, TLI, RMSEA, SRMR, AIC,
//! BIC) out. The invariance ladder ([`crate::invariance`]) and
//! `semlab compare` ([`compare`]: two model texts on the same data, checked
//! to be nested and fitted to the same rows) both read their differences
//! from here.
//!
//! Which test a model reports ([`ReportedFit::of`]): with the standard test
//! (ML, FIML) lavaan's `chisq`, `cfi`, `tli`, `rmsea`; with a scaled test
//! (MLM: Satorra–Bentler, MLR: Yuan–Bentler) the scaled χ² (`chisq.scaled`,
//! `pvalue.scaled`) and the robust indices (`cfi.robust`, `tli.robust`,
//! `rmsea.robust`; Brosseau-Liard & Savalei 2014, Savalei 2018), which is
//! what lavaan's `lavTestLRT` note says should be reported per model.
//!
//! The difference ([`chisq_difference`]) is lavaan 0.6's default method
//! (`R/lav_test_LRT.R`, `lavTestLRT(method = "default")`): the plain
//! difference of the standard statistics for a standard test, for MLM
//! and MLR the Satorra–Bentler (2001) scaled difference
//! (`R/lav_test_diff.R`, `lav_test_diff_SatorraBentler2001`), computed from
//! the two *standard* statistics and their scaling factors, and for WLSMV
//! the scaled-and-shifted difference of Satorra (2000)
//! ([`crate::inference::dwls::satorra_2000`], `lav_test_diff_Satorra2000`),
//! computed from the less restricted model's Δ, information and Γ and the
//! more restricted model's Δ. Under WLSMV a level whose robust CFI/TLI/RMSEA
//! lavaan leaves NA (equal thresholds) makes every compared fit report the
//! scaled ones instead ([`ReportedFit::of_all`]), so that ΔCFI and ΔRMSEA
//! compare like with like.

use crate::analysis::{self, Analysis, AnalysisError, DataInput, Options};
use crate::distributions::pchisq_upper;
use crate::fitmeasures::{self, FitMeasures};
use crate::i18n::{Lang, Localized};
use crate::inference::dwls::NestedPieces;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A model's test statistic as the difference test needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChisqTest {
    /// The standard (unscaled) χ² — lavaan's `test[[1]]$stat`.
    pub chisq: f64,
    pub df: f64,
    /// The scaling factor c of a scaled test (T_scaled = T / c), None for
    /// the standard test.
    pub scaling_factor: Option<f64>,
}

impl ChisqTest {
    /// The test of a fit: `chisq`, `df` and (scaled tests) the
    /// `chisq.scaling.factor`. None without a χ² (e.g. no test).
    pub fn of(fit: &FitMeasures, scaled: bool) -> Option<ChisqTest> {
        let get = |k: &str| fit.get(k).copied().flatten();
        Some(ChisqTest {
            chisq: get("chisq")?,
            df: get("df")?,
            scaling_factor: if scaled {
                Some(get("chisq.scaling.factor").unwrap_or(f64::NAN))
            } else {
                None
            },
        })
    }
}

/// How a χ² difference was computed.
/// (In JSON lavaan's names: `standard`, `satorra.bentler.2001`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DifferenceMethod {
    /// T₀ − T₁ on r₀ − r₁ df (standard test).
    #[serde(rename = "standard")]
    Standard,
    /// Satorra & Bentler (2001): (T₀ − T₁) / c_d with
    /// c_d = (r₀c₀ − r₁c₁)/(r₀ − r₁).
    #[serde(rename = "satorra.bentler.2001")]
    SatorraBentler2001,
    /// Satorra (2000), scaled and shifted (WLSMV): a(T₀ − T₁) + b.
    #[serde(rename = "satorra.2000")]
    Satorra2000,
}

impl DifferenceMethod {
    /// How the method is named in a table note.
    pub fn text(self) -> &'static str {
        match self {
            DifferenceMethod::Standard => "χ² difference test",
            DifferenceMethod::SatorraBentler2001 => {
                "Satorra–Bentler (2001) scaled χ² difference test"
            }
            DifferenceMethod::Satorra2000 => "Satorra (2000) scaled-and-shifted χ² difference test",
        }
    }
    pub fn text_zh(self) -> &'static str {
        match self {
            DifferenceMethod::Standard => "χ² 差异检验",
            DifferenceMethod::SatorraBentler2001 => "Satorra–Bentler（2001）校正 χ² 差异检验",
            DifferenceMethod::Satorra2000 => "Satorra（2000）均值与方差校正 χ² 差异检验",
        }
    }
}

/// The χ² difference of two nested models.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChisqDifference {
    /// Δχ²: None when the scaled difference has a negative scaling factor
    /// (lavaan then gives NA and warns).
    pub chisq: Option<f64>,
    pub df: f64,
    /// None when Δdf is 0 (lavaan: "some models have the same degrees of
    /// freedom") or Δχ² is missing.
    pub pvalue: Option<f64>,
    /// c_d of the scaled difference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling_factor: Option<f64>,
    pub method: DifferenceMethod,
}

/// The p of a difference Δχ² on Δdf = `m`: None without Δχ², or when Δdf
/// is 0 (lavaan: "some models have the same degrees of freedom").
fn difference_pvalue(chisq: Option<f64>, m: f64) -> Option<f64> {
    match chisq {
        Some(t) if m > 0.0 && t.is_finite() => Some(pchisq_upper(t, m)),
        _ => None,
    }
}

/// The difference test of the less restricted model `free` (fewer df) and
/// the more restricted `restricted` (more df), as `lavTestLRT(free,
/// restricted)` gives it (lavaan orders the models by df; so does this).
/// Both tests must be of the same kind: both standard or both scaled.
pub fn chisq_difference(free: &ChisqTest, restricted: &ChisqTest) -> ChisqDifference {
    let (m1, m0) = if free.df <= restricted.df {
        (free, restricted)
    } else {
        (restricted, free)
    };
    let m = m0.df - m1.df;
    let (chisq, scaling_factor, method) = match (m1.scaling_factor, m0.scaling_factor) {
        (Some(c1), Some(c0)) => {
            // a saturated model (r₁ = 0) has no scaling factor: c₁ = 1
            let c1 = if m1.df == 0.0 { 1.0 } else { c1 };
            let cd = (m0.df * c0 - m1.df * c1) / m;
            let ok = cd.is_finite() && cd >= 0.0;
            (
                ok.then(|| (m0.chisq - m1.chisq) / cd),
                ok.then_some(cd),
                DifferenceMethod::SatorraBentler2001,
            )
        }
        _ => (Some(m0.chisq - m1.chisq), None, DifferenceMethod::Standard),
    };
    let pvalue = difference_pvalue(chisq, m);
    ChisqDifference {
        chisq,
        df: m,
        pvalue,
        scaling_factor,
        method,
    }
}

/// A model's fit as it is reported in a comparison table: the scaled χ² and
/// robust indices for MLM/MLR, the standard ones otherwise (see the module
/// doc).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReportedFit {
    pub chisq: Option<f64>,
    pub df: Option<f64>,
    pub pvalue: Option<f64>,
    pub cfi: Option<f64>,
    pub tli: Option<f64>,
    pub rmsea: Option<f64>,
    pub srmr: Option<f64>,
    pub aic: Option<f64>,
    pub bic: Option<f64>,
    /// The scaling factor of the scaled χ² (MLM, MLR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_factor: Option<f64>,
    /// What the difference test reads.
    #[serde(skip)]
    pub test: Option<ChisqTest>,
}

/// Whether an analysis reports a scaled test with robust indices (MLM, MLR).
pub fn is_scaled(a: &Analysis) -> bool {
    matches!(a.estimator.as_str(), "MLR" | "MLM")
}

impl ReportedFit {
    /// The fit as reported: each value the one [`fitmeasures::reported_key`]
    /// names for this fit (the scaled χ² and robust indices under MLM/MLR),
    /// so a comparison table shows the numbers of the fit table.
    pub fn of(a: &Analysis) -> ReportedFit {
        let scaled = is_scaled(a);
        let get = |k: &str| a.fit.get(k).copied().flatten();
        let reported = |base: &str| fitmeasures::reported_key(&a.fit, base).and_then(|k| get(&k));
        ReportedFit {
            chisq: reported("chisq"),
            df: get("df"),
            pvalue: reported("pvalue"),
            cfi: reported("cfi"),
            tli: reported("tli"),
            rmsea: reported("rmsea"),
            srmr: reported("srmr"),
            aic: reported("aic"),
            bic: reported("bic"),
            scaling_factor: if scaled {
                get("chisq.scaling.factor")
            } else {
                None
            },
            test: ChisqTest::of(&a.fit, scaled),
        }
    }

    /// The fits of models to be compared, each as [`ReportedFit::of`], but
    /// with the same kind of CFI, TLI and RMSEA in all ([`Indices::of`]):
    /// the scaled ones when some fit has no robust ones.
    pub fn of_all(fits: &[&Analysis]) -> Vec<ReportedFit> {
        let mut out: Vec<ReportedFit> = fits.iter().map(|a| ReportedFit::of(a)).collect();
        if Indices::of(fits).0 == Indices::Scaled {
            let get = |a: &Analysis, k: &str| a.fit.get(k).copied().flatten();
            for (r, a) in out.iter_mut().zip(fits) {
                r.cfi = get(a, "cfi.scaled");
                r.tli = get(a, "tli.scaled");
                r.rmsea = get(a, "rmsea.scaled");
            }
        }
        out
    }
}

pub use crate::fitmeasures::Indices;

impl Indices {
    /// The kind compared fits report ([`Indices::common`] of their fit
    /// measures), and which fits (their positions) have no robust CFI, TLI
    /// or RMSEA although their test is scaled: why the kind is
    /// [`Indices::Scaled`].
    pub fn of(fits: &[&Analysis]) -> (Indices, Vec<usize>) {
        let measures: Vec<&FitMeasures> = fits.iter().map(|a| &a.fit).collect();
        Indices::common(&measures)
    }
}

/// The difference of a more restricted model (`next`) to a less restricted
/// one (`prev`): lavTestLRT's Δχ², Δdf and p, and ΔCFI and ΔRMSEA
/// (next − prev) of the reported indices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    pub delta_chisq: Option<f64>,
    pub delta_df: Option<f64>,
    pub delta_pvalue: Option<f64>,
    pub delta_cfi: Option<f64>,
    pub delta_rmsea: Option<f64>,
}

/// lavTestLRT's difference of two WLSMV fits (satorra.2000), in
/// lavaan's order (fewer df first); with equal df the plain difference
/// without a p value, as lavaan.
fn satorra_difference(a: &NestedPieces, b: &NestedPieces) -> ChisqDifference {
    let (m1, m0) = if a.df <= b.df { (a, b) } else { (b, a) };
    let m = m0.df - m1.df;
    let chisq = if m == 0.0 {
        Some(m0.chisq - m1.chisq)
    } else {
        crate::inference::dwls::satorra_2000(m1, m0).map(|d| d.chisq)
    };
    let pvalue = difference_pvalue(chisq, m);
    ChisqDifference {
        chisq,
        df: m,
        pvalue,
        scaling_factor: None,
        method: DifferenceMethod::Satorra2000,
    }
}

impl Difference {
    /// The difference of the fit `next` (the analysis `next_a`) to `prev`
    /// (`prev_a`) and how its Δχ² was computed (None without tests):
    /// satorra.2000 when both are WLSMV fits, else [`chisq_difference`].
    pub fn between(
        prev_a: &Analysis,
        prev: &ReportedFit,
        next_a: &Analysis,
        next: &ReportedFit,
    ) -> (Difference, Option<DifferenceMethod>) {
        let diff = |x: Option<f64>, y: Option<f64>| Some(x? - y?);
        let test = match (&prev_a.dwls_nested, &next_a.dwls_nested) {
            (Some(a), Some(b)) => Some(satorra_difference(a, b)),
            _ => match (prev.test, next.test) {
                (Some(a), Some(b)) => Some(chisq_difference(&a, &b)),
                _ => None,
            },
        };
        (
            Difference {
                delta_chisq: test.and_then(|t| t.chisq),
                delta_df: test.map(|t| t.df),
                delta_pvalue: test.and_then(|t| t.pvalue),
                delta_cfi: diff(next.cfi, prev.cfi),
                delta_rmsea: diff(next.rmsea, prev.rmsea),
            },
            test.map(|t| t.method),
        )
    }
}

/// One of the two compared models.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComparedModel {
    /// What the user called it (e.g. its file name).
    pub name: String,
    pub npar: usize,
    #[serde(flatten)]
    pub fit: ReportedFit,
}

/// Two nested models compared (`semlab compare`): lavaan's
/// `anova(fit_a, fit_b)` / `lavTestLRT` with ΔCFI and ΔRMSEA.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub estimator: String,
    /// Rows used by both models.
    pub nobs: usize,
    /// The less restricted model (fewer df) first, as lavaan orders them.
    pub models: Vec<ComparedModel>,
    /// The more restricted model minus the less restricted one.
    #[serde(flatten)]
    pub difference: Difference,
    pub difference_method: DifferenceMethod,
}

/// How much better (in standard χ²) the model with more df may fit before
/// the pair is called not nested: 1e-4·max(1, χ²) of the less restricted
/// model — optimizer noise, not a better fit.
pub const NESTING_TOLERANCE: f64 = 1e-4;

/// Why two models cannot be compared by a χ² difference test.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareError {
    /// One model does not run (`model` is its name).
    Model { model: String, error: AnalysisError },
    /// A model did not converge (lavTestLRT refuses too).
    NotConverged { model: String },
    /// The models use different observed variables, so they are not fitted
    /// to the same data: the variables only in each, and the rows each used
    /// (they differ when those variables have missing values).
    DifferentVariables {
        first: String,
        second: String,
        only_first: Vec<String>,
        only_second: Vec<String>,
        rows_first: usize,
        rows_second: usize,
    },
    /// Both have the same df: neither is a restricted version of the other.
    SameDf { df: f64 },
    /// The model with more df fits better (smaller standard χ²) beyond
    /// [`NESTING_TOLERANCE`]: it cannot be a restriction of the other.
    RestrictedFitsBetter {
        restricted: String,
        restricted_chisq: f64,
        restricted_df: f64,
        free: String,
        free_chisq: f64,
        free_df: f64,
    },
}

fn names(v: &[String]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::Model { model, error } => write!(f, "{model}: {error}"),
            CompareError::NotConverged { model } => write!(
                f,
                "{model} did not converge; a χ² difference test needs both models fitted"
            ),
            CompareError::DifferentVariables {
                first,
                second,
                only_first,
                only_second,
                rows_first,
                rows_second,
            } => {
                write!(
                    f,
                    "the two models do not use the same observed variables (only in {first}: {}; only in {second}: {}), so they are not fitted to the same data",
                    names(only_first),
                    names(only_second)
                )?;
                if rows_first != rows_second {
                    write!(f, " nor to the same rows ({first} uses {rows_first} complete rows, {second} {rows_second})")?;
                }
                write!(f, "; nested models have the same variables")
            }
            CompareError::SameDf { df } => write!(
                f,
                "both models have {df} degrees of freedom, so neither is a restricted version of the other (not nested); compare them by AIC and BIC instead"
            ),
            CompareError::RestrictedFitsBetter {
                restricted,
                restricted_chisq,
                restricted_df,
                free,
                free_chisq,
                free_df,
            } => write!(
                f,
                "{restricted} has more degrees of freedom ({restricted_df}) yet fits better than {free} (χ² = {restricted_chisq:.3} vs {free_chisq:.3} on {free_df} df), so it is not a restricted version of it (not nested)"
            ),
        }
    }
}

impl std::error::Error for CompareError {}

impl Localized for CompareError {
    fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let names_zh = |v: &[String]| {
            if v.is_empty() {
                "无".to_string()
            } else {
                v.iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join("、")
            }
        };
        match self {
            CompareError::Model { model, error } => format!("{model}：{}", error.message(lang)),
            CompareError::NotConverged { model } => {
                format!("{model} 未收敛；χ² 差异检验需要两个模型都完成拟合")
            }
            CompareError::DifferentVariables {
                first,
                second,
                only_first,
                only_second,
                rows_first,
                rows_second,
            } => {
                let mut m = format!(
                    "两个模型所用的观测变量不同（仅在 {first} 中：{}；仅在 {second} 中：{}），因此不是拟合于同一数据",
                    names_zh(only_first),
                    names_zh(only_second)
                );
                if rows_first != rows_second {
                    m.push_str(&format!(
                        "，所用的行也不同（{first} 用了 {rows_first} 个完整行，{second} 用了 {rows_second} 个）"
                    ));
                }
                m + "；嵌套模型应含相同的变量"
            }
            CompareError::SameDf { df } => format!(
                "两个模型的自由度都是 {df}，任何一个都不是另一个的受限版本（非嵌套）；请改用 AIC 和 BIC 比较"
            ),
            CompareError::RestrictedFitsBetter {
                restricted,
                restricted_chisq,
                restricted_df,
                free,
                free_chisq,
                free_df,
            } => format!(
                "{restricted} 的自由度更多（{restricted_df}），却比 {free} 拟合得更好（χ² = {restricted_chisq:.3}，而后者为 {free_chisq:.3}，自由度 {free_df}），因此它不是后者的受限版本（非嵌套）"
            ),
        }
    }
}

/// Fits `first` and `second` (model texts, with the names to call them by)
/// to the same data and options and compares them: the less restricted
/// model first, its fit and the more restricted one's, and their
/// difference. Refused ([`CompareError`]) when a model does not run or
/// converge, when their observed variables differ (different data, and
/// under listwise deletion different rows), when their df are equal, or
/// when the model with more df has the smaller standard χ² beyond
/// [`NESTING_TOLERANCE`]. (Nesting in the strict sense — one model's
/// parameter space inside the other's — is not checked further, as
/// lavaan's `lavTestLRT` does not check it.)
pub fn compare(
    data: &DataInput,
    first: (&str, &str),
    second: (&str, &str),
    opts: &Options,
) -> Result<Comparison, CompareError> {
    // only the two fits are compared: nothing else of each is computed
    let opts = &Options {
        fit_only: true,
        modindices: false,
        ..opts.clone()
    };
    let fit = |(name, text): (&str, &str)| {
        let a = analysis::run(data, text, opts).map_err(|error| CompareError::Model {
            model: name.to_string(),
            error,
        })?;
        if !a.converged {
            return Err(CompareError::NotConverged {
                model: name.to_string(),
            });
        }
        Ok(a)
    };
    let (a, b) = (fit(first)?, fit(second)?);
    let only = |x: &Analysis, y: &Analysis| -> Vec<String> {
        x.data
            .variables
            .iter()
            .filter(|v| !y.data.variables.contains(v))
            .cloned()
            .collect()
    };
    let (only_first, only_second) = (only(&a, &b), only(&b, &a));
    if !only_first.is_empty() || !only_second.is_empty() {
        return Err(CompareError::DifferentVariables {
            first: first.0.to_string(),
            second: second.0.to_string(),
            only_first,
            only_second,
            rows_first: a.data.rows_used,
            rows_second: b.data.rows_used,
        });
    }
    let (fa, fb) = match ReportedFit::of_all(&[&a, &b]).as_slice() {
        [x, y] => (*x, *y),
        _ => unreachable!("two fits"),
    };
    let (ta, tb) = match (fa.test, fb.test) {
        (Some(x), Some(y)) => (x, y),
        _ => {
            return Err(CompareError::Model {
                model: first.0.to_string(),
                error: AnalysisError::Incompatible(
                    "a χ² difference test needs each model's χ² test".into(),
                ),
            })
        }
    };
    if ta.df == tb.df {
        return Err(CompareError::SameDf { df: ta.df });
    }
    // lavaan's order: fewer df first
    let swap = ta.df > tb.df;
    let ((free, ff, tf, af), (restricted, fr, tr, ar)) = if swap {
        ((second.0, fb, tb, &b), (first.0, fa, ta, &a))
    } else {
        ((first.0, fa, ta, &a), (second.0, fb, tb, &b))
    };
    if tr.chisq < tf.chisq - NESTING_TOLERANCE * tf.chisq.max(1.0) {
        return Err(CompareError::RestrictedFitsBetter {
            restricted: restricted.to_string(),
            restricted_chisq: tr.chisq,
            restricted_df: tr.df,
            free: free.to_string(),
            free_chisq: tf.chisq,
            free_df: tf.df,
        });
    }
    let (difference, method) = Difference::between(af, &ff, ar, &fr);
    Ok(Comparison {
        estimator: a.estimator.clone(),
        nobs: a.nobs,
        models: vec![
            ComparedModel {
                name: free.to_string(),
                npar: af.npar,
                fit: ff,
            },
            ComparedModel {
                name: restricted.to_string(),
                npar: ar.npar,
                fit: fr,
            },
        ],
        difference,
        difference_method: method.unwrap_or(DifferenceMethod::Standard),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Satorra & Bentler (2001) by hand: T₁ = 59.172 on 50 df with c₁ =
    // 0.98601, T₀ = 72.0435 on 56 df with c₀ = 0.98055 (the live-commerce
    // configural and metric MLR fits): c_d = (56·0.98055 − 50·0.98601)/6.
    #[test]
    fn the_scaled_difference_follows_satorra_bentler_2001() {
        let free = ChisqTest {
            chisq: 59.1720497638057,
            df: 50.0,
            scaling_factor: Some(0.986008596301769),
        };
        let restricted = ChisqTest {
            chisq: 72.0435147604026,
            df: 56.0,
            scaling_factor: Some(0.980545766465296),
        };
        let d = chisq_difference(&free, &restricted);
        let cd = (56.0 * 0.980545766465296 - 50.0 * 0.986008596301769) / 6.0;
        assert_eq!(d.method, DifferenceMethod::SatorraBentler2001);
        assert!((d.scaling_factor.unwrap() - cd).abs() < 1e-15);
        // lavTestLRT: 13.7659461027151 on 6 df, p = .0323627979291171
        assert!((d.chisq.unwrap() - 13.7659461027151).abs() < 1e-9);
        assert!((d.pvalue.unwrap() - 0.0323627979291171).abs() < 1e-9);
        // the order of the arguments does not matter (lavaan sorts by df)
        assert_eq!(chisq_difference(&restricted, &free), d);
    }

    #[test]
    fn a_negative_scaling_factor_gives_no_difference_and_equal_df_no_p() {
        let a = ChisqTest {
            chisq: 10.0,
            df: 5.0,
            scaling_factor: Some(2.0),
        };
        let b = ChisqTest {
            chisq: 12.0,
            df: 6.0,
            scaling_factor: Some(1.0),
        };
        let d = chisq_difference(&a, &b);
        assert_eq!((d.chisq, d.pvalue, d.scaling_factor), (None, None, None));
        let same = chisq_difference(
            &ChisqTest {
                chisq: 10.0,
                df: 5.0,
                scaling_factor: None,
            },
            &ChisqTest {
                chisq: 12.0,
                df: 5.0,
                scaling_factor: None,
            },
        );
        assert_eq!((same.chisq, same.df, same.pvalue), (Some(2.0), 0.0, None));
    }
}
