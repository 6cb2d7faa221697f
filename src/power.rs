//! Sample size and power planning by the RMSEA (MacCallum, Browne &
//! Sugawara, 1996, Psychological Methods 1(2), 130–149): a model's degrees
//! of freedom, N, α and two RMSEA values in; the power of the test and the
//! smallest N that reaches a target power out.
//!
//! The test of *close fit* (ε₀ = .05 against ε₁ = .08) rejects when the χ²
//! exceeds the upper α quantile of the noncentral χ²(df, λ₀); the test of
//! *not-close fit* (ε₀ = .05 against ε₁ = .01) rejects when it falls below
//! the lower α quantile. λ = (N − 1)·df·ε² / G for G groups. As semTools
//! 0.5-6 `findRMSEApower` and `findRMSEAsamplesize` (`R/powerAnalysisRMSEA.R`),
//! whose minimum N is the smallest N with power above the target.
//!
//! The power of chosen paths by simulation is [`monte_carlo`].

pub mod monte_carlo;

use crate::distributions::{pchisq_nc_upper, qchisq_nc_upper};
use serde::{Deserialize, Serialize};

/// The RMSEA hypotheses of a power analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RmseaHypotheses {
    /// ε₀, the RMSEA under the null hypothesis (e.g. .05).
    pub rmsea0: f64,
    /// ε₁, the RMSEA under the alternative (.08: close fit; .01: not-close fit).
    pub rmsea1: f64,
    /// Significance level α.
    pub alpha: f64,
    /// Number of groups G.
    pub groups: usize,
}

impl Default for RmseaHypotheses {
    /// The test of close fit: ε₀ = .05 against ε₁ = .08, α = .05, one group.
    fn default() -> Self {
        RmseaHypotheses {
            rmsea0: 0.05,
            rmsea1: 0.08,
            alpha: 0.05,
            groups: 1,
        }
    }
}

/// Why a power analysis cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerError {
    /// df must be at least 1 (a saturated model has no RMSEA test).
    NoDegreesOfFreedom,
    /// N must exceed the number of groups.
    SampleTooSmall { n: usize },
    /// α and the target power must lie strictly between 0 and 1.
    BadProbability { what: &'static str, value: f64 },
    /// The two RMSEA values must differ and not be negative.
    BadRmsea { rmsea0: f64, rmsea1: f64 },
}

impl std::fmt::Display for PowerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PowerError::NoDegreesOfFreedom => write!(f, "the model has no degrees of freedom, so the RMSEA test (and its power) does not exist; power needs df ≥ 1"),
            PowerError::SampleTooSmall { n } => write!(f, "N = {n} is too small: it must exceed the number of groups"),
            PowerError::BadProbability { what, value } => write!(f, "{what} must lie between 0 and 1 (got {value})"),
            PowerError::BadRmsea { rmsea0, rmsea1 } => write!(f, "the two RMSEA values must be different and not negative (got {rmsea0} and {rmsea1})"),
        }
    }
}

impl std::error::Error for PowerError {}

impl crate::i18n::Localized for PowerError {
    fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (PowerError::NoDegreesOfFreedom, Lang::Zh) => {
                "模型没有自由度，因此不存在 RMSEA 检验（及其检验力）；检验力分析需要 df ≥ 1".into()
            }
            (PowerError::SampleTooSmall { n }, Lang::Zh) => format!("N = {n} 太小：必须大于组数"),
            (PowerError::BadProbability { what, value }, Lang::Zh) => {
                format!("{what} 必须介于 0 与 1 之间（当前为 {value}）")
            }
            (PowerError::BadRmsea { rmsea0, rmsea1 }, Lang::Zh) => {
                format!("两个 RMSEA 值必须不同且不为负（当前为 {rmsea0} 与 {rmsea1}）")
            }
        }
    }
}

fn check(h: &RmseaHypotheses, df: usize) -> Result<(), PowerError> {
    if df == 0 {
        return Err(PowerError::NoDegreesOfFreedom);
    }
    if !(h.alpha > 0.0 && h.alpha < 1.0) {
        return Err(PowerError::BadProbability {
            what: "α",
            value: h.alpha,
        });
    }
    if !(h.rmsea0 >= 0.0 && h.rmsea1 >= 0.0) || h.rmsea0 == h.rmsea1 {
        return Err(PowerError::BadRmsea {
            rmsea0: h.rmsea0,
            rmsea1: h.rmsea1,
        });
    }
    Ok(())
}

/// Power of the RMSEA test for `df` degrees of freedom and sample size `n`
/// (semTools `findRMSEApower`): close fit when ε₀ < ε₁, not-close fit
/// otherwise.
pub fn rmsea_power(h: &RmseaHypotheses, df: usize, n: usize) -> Result<f64, PowerError> {
    check(h, df)?;
    let g = h.groups.max(1);
    if n <= g {
        return Err(PowerError::SampleTooSmall { n });
    }
    Ok(power_at(h, df as f64, n as f64))
}

fn power_at(h: &RmseaHypotheses, df: f64, n: f64) -> f64 {
    let g = h.groups.max(1) as f64;
    let ncp0 = (n - 1.0) * df * h.rmsea0 * h.rmsea0 / g;
    let ncp1 = (n - 1.0) * df * h.rmsea1 * h.rmsea1 / g;
    if h.rmsea0 < h.rmsea1 {
        let cval = qchisq_nc_upper(h.alpha, df, ncp0);
        pchisq_nc_upper(cval, df, ncp1)
    } else {
        let cval = qchisq_nc_upper(1.0 - h.alpha, df, ncp0);
        1.0 - pchisq_nc_upper(cval, df, ncp1)
    }
}

/// The smallest N (at least 5, as semTools searches from 5) whose power
/// exceeds `target` (semTools `findRMSEAsamplesize`). With G groups it is
/// per group: semTools returns the smallest total N over G, which need not
/// be whole (4733 / 2 = 2366.5); this rounds up, the smallest whole N per
/// group whose G·N reaches that total (2366 per group would be 4732 in all,
/// with power below the target). Power grows with N, so the search doubles
/// N until the target is passed and then bisects.
pub fn rmsea_min_n(h: &RmseaHypotheses, df: usize, target: f64) -> Result<usize, PowerError> {
    check(h, df)?;
    if !(target > 0.0 && target < 1.0) {
        return Err(PowerError::BadProbability {
            what: "the target power",
            value: target,
        });
    }
    let above = |n: usize| power_at(h, df as f64, n as f64) > target;
    let g = h.groups.max(1);
    let mut lo = 5usize;
    if above(lo) {
        return Ok(lo.div_ceil(g));
    }
    let mut hi = 10usize;
    while !above(hi) {
        lo = hi;
        hi *= 2;
    }
    // power(lo) ≤ target < power(hi)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if above(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(hi.div_ceil(g))
}

/// A whole RMSEA power analysis: the inputs, the power at N (when an N is
/// given) and the smallest N for the target power — what `semlab power
/// --json` gives and the page's *Sample size and power* shows
/// ([`crate::report::power`] puts it in words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerAnswer {
    pub df: usize,
    /// The N the power is computed for (None: only the minimum N was asked).
    pub n: Option<usize>,
    pub rmsea0: f64,
    pub rmsea1: f64,
    pub alpha: f64,
    pub groups: usize,
    pub power: Option<f64>,
    pub target: f64,
    /// The smallest N per group whose power exceeds `target` (semTools' N/G
    /// rounded up: [`rmsea_min_n`]).
    pub min_n: usize,
}

impl PowerAnswer {
    /// Whether this is the test of close fit (ε₀ < ε₁).
    pub fn close_fit(&self) -> bool {
        self.rmsea0 < self.rmsea1
    }
}

/// [`rmsea_power`] at `n` (when given) and [`rmsea_min_n`] for `target`.
pub fn answer(
    h: &RmseaHypotheses,
    df: usize,
    n: Option<usize>,
    target: f64,
) -> Result<PowerAnswer, PowerError> {
    let power = n.map(|n| rmsea_power(h, df, n)).transpose()?;
    let min_n = rmsea_min_n(h, df, target)?;
    Ok(PowerAnswer {
        df,
        n,
        rmsea0: h.rmsea0,
        rmsea1: h.rmsea1,
        alpha: h.alpha,
        groups: h.groups,
        power,
        target,
        min_n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_inputs_are_refused() {
        let h = RmseaHypotheses::default();
        assert_eq!(rmsea_power(&h, 0, 200), Err(PowerError::NoDegreesOfFreedom));
        assert_eq!(
            rmsea_power(&h, 10, 1),
            Err(PowerError::SampleTooSmall { n: 1 })
        );
        let same = RmseaHypotheses { rmsea1: 0.05, ..h };
        assert!(matches!(
            rmsea_power(&same, 10, 200),
            Err(PowerError::BadRmsea { .. })
        ));
        assert!(matches!(
            rmsea_min_n(&h, 10, 1.5),
            Err(PowerError::BadProbability { .. })
        ));
    }
}
