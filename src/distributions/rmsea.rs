//! RMSEA confidence interval and close-fit tests, exactly as lavaan 0.6
//! computes them (lavaan `R/lav_fit_rmsea.R`: `lav_fit_rmsea_ci()`,
//! `lav_fit_rmsea_closefit()`, `lav_fit_rmsea_notclosefit()`).
//!
//! `n` is lavaan's N: `ntotal` for ML with the normal likelihood (the
//! default), `ntotal − ngroups` otherwise (`lav_utils_get_ntotal()`); the
//! caller decides. `c_hat` is the scaling factor of the robust variants (1
//! for the standard test).

use super::chisq::PchisqNcOfNcp;
use super::zeroin::{uniroot_root, UNIROOT_DEFAULT_MAXITER, UNIROOT_DEFAULT_TOL};
use std::cell::RefCell;
use std::rc::Rc;

/// The 90% (or `level`) confidence interval (lower, upper) of the RMSEA,
/// as lavaan's `rmsea.ci.lower` / `rmsea.ci.upper` for the standard test.
///
/// λ_L solves pchisq(χ², df, ncp = λ) = (1 + level)/2 and λ_U solves
/// pchisq(χ², df, ncp = λ) = (1 − level)/2, each with R's `uniroot()` at
/// its default tolerance (reproduced step for step by
/// [`uniroot`](super::uniroot)); a bound is √(λ/(N·df)), times √G when
/// there are G > 1 groups. As in lavaan:
///
/// * the lower bound is 0 when df < 1 or pchisq(χ², df, ncp = 0) <
///   (1 + level)/2; λ_L is searched on [0, χ²];
/// * the upper bound is 0 when df < 1, pchisq(χ², df, ncp = 0) <
///   (1 − level)/2 or pchisq(χ², df, ncp = max(N, 4χ²)) > (1 − level)/2;
///   λ_U is searched on [0, max(N, 4χ²)];
/// * a bound whose root search fails (no sign change) is NaN (lavaan: NA);
///   a search that hits the iteration limit still gives its last iterate;
/// * an invalid `level` (not in [0, 1]) is replaced by 0.90 (lavaan warns).
///
/// Returns (NaN, NaN) if χ², df or n is not finite, or `n_groups` is 0.
pub fn rmsea_ci(chisq: f64, df: f64, n: f64, n_groups: usize, level: f64) -> (f64, f64) {
    rmsea_ci_c_hat(chisq, df, n, n_groups, 1.0, level)
}

/// [`rmsea_ci`] with lavaan's `c.hat` scaling factor (used for the robust
/// RMSEA: each bound is √(c_hat·λ/(N·df)), times √G for G > 1 groups).
pub fn rmsea_ci_c_hat(
    chisq: f64,
    df: f64,
    n: f64,
    n_groups: usize,
    c_hat: f64,
    level: f64,
) -> (f64, f64) {
    if !chisq.is_finite() || !df.is_finite() || !n.is_finite() || n_groups == 0 {
        return (f64::NAN, f64::NAN);
    }
    let (lambda_l, lambda_u) = noncentrality_ci(chisq, df, n, level);
    let bound = |lambda: f64| {
        if lambda == 0.0 {
            0.0
        } else {
            rmsea_from_lambda(lambda, df, n, n_groups, c_hat)
        }
    };
    (bound(lambda_l), bound(lambda_u))
}

/// The `level` confidence interval (λ_L, λ_U) of the noncentrality
/// parameter of a χ² statistic with `df` degrees of freedom, exactly as
/// lavaan searches it for the RMSEA interval (`lav_fit_rmsea_ci()`; the
/// rules are those of [`rmsea_ci`]: a bound that lavaan sets to 0 is 0, a
/// failed search NaN). AMOS prints this interval as NCP LO 90 / HI 90 and
/// derives the intervals of F0 and ECVI from it (Steiger & Lind 1980;
/// Browne & Cudeck 1993). `n` only bounds the upper search, as in lavaan.
pub fn noncentrality_ci(chisq: f64, df: f64, n: f64, level: f64) -> (f64, f64) {
    if !chisq.is_finite() || !df.is_finite() || !n.is_finite() {
        return (f64::NAN, f64::NAN);
    }
    let level = if !level.is_finite() || !(0.0..=1.0).contains(&level) {
        0.90
    } else {
        level
    };
    let upper_perc = 1.0 - (1.0 - level) / 2.0;
    let lower_perc = (1.0 - level) / 2.0;
    // pchisq(χ², df, ncp = λ), its central terms shared by every λ
    let p = pchisq_of_ncp(chisq, df);
    let lower_lambda = |lambda: f64| p.at(lambda) - upper_perc;
    let upper_lambda = |lambda: f64| p.at(lambda) - lower_perc;

    // lavaan's checks evaluate f at the end points; uniroot is given those
    // values instead of evaluating f there again (R: f.lower, f.upper)
    let lambda_l = if df < 1.0 {
        0.0
    } else {
        let f0 = lower_lambda(0.0);
        if f0 < 0.0 {
            0.0
        } else {
            lavaan_uniroot(lower_lambda, 0.0, chisq, Some(f0), None)
        }
    };

    let n_rmsea = n.max(chisq * 4.0);
    let lambda_u = if df < 1.0 {
        0.0
    } else {
        let f_n = upper_lambda(n_rmsea);
        if f_n > 0.0 {
            0.0
        } else {
            let f0 = upper_lambda(0.0);
            if f0 < 0.0 {
                0.0
            } else {
                lavaan_uniroot(upper_lambda, 0.0, n_rmsea, Some(f0), Some(f_n))
            }
        }
    };
    (lambda_l, lambda_u)
}

/// The p-value of the test of close fit (H0: RMSEA <= `h0`; lavaan's
/// `rmsea.pvalue` with `h0` = 0.05): 1 − pchisq(χ², df, ncp = N·df·h0²/G).
///
/// As lavaan, this is one minus the lower tail (not the upper tail computed
/// directly), so it saturates at 1 and is not accurate below ~1e-15.
/// Returns NaN if χ², df or n is not finite, df <= 0, or `n_groups` is 0.
pub fn rmsea_pvalue(chisq: f64, df: f64, n: f64, n_groups: usize, h0: f64) -> f64 {
    rmsea_pvalue_c_hat(chisq, df, n, n_groups, 1.0, h0)
}

/// [`rmsea_pvalue`] with lavaan's `c.hat`: ncp = N·df·h0²/(c_hat·G).
pub fn rmsea_pvalue_c_hat(
    chisq: f64,
    df: f64,
    n: f64,
    n_groups: usize,
    c_hat: f64,
    h0: f64,
) -> f64 {
    match rmsea_h0_ncp(chisq, df, n, n_groups, c_hat, h0) {
        Some(ncp) => 1.0 - pchisq_of_ncp(chisq, df).at(ncp),
        None => f64::NAN,
    }
}

/// The p-value of the test of not-close fit (H0: RMSEA >= `h0`; lavaan's
/// `rmsea.notclose.pvalue` with `h0` = 0.08): pchisq(χ², df, ncp =
/// N·df·h0²/G).
///
/// Returns NaN if χ², df or n is not finite, df <= 0, or `n_groups` is 0.
pub fn rmsea_notclose_pvalue(chisq: f64, df: f64, n: f64, n_groups: usize, h0: f64) -> f64 {
    rmsea_notclose_pvalue_c_hat(chisq, df, n, n_groups, 1.0, h0)
}

/// [`rmsea_notclose_pvalue`] with lavaan's `c.hat`.
pub fn rmsea_notclose_pvalue_c_hat(
    chisq: f64,
    df: f64,
    n: f64,
    n_groups: usize,
    c_hat: f64,
    h0: f64,
) -> f64 {
    match rmsea_h0_ncp(chisq, df, n, n_groups, c_hat, h0) {
        Some(ncp) => pchisq_of_ncp(chisq, df).at(ncp),
        None => f64::NAN,
    }
}

thread_local! {
    /// The last (χ², df) asked for, with its kept central terms.
    static LAST: RefCell<Option<Rc<PchisqNcOfNcp>>> = const { RefCell::new(None) };
}

/// pchisq(χ², df, ncp) as a function of ncp ([`PchisqNcOfNcp`], bit for
/// bit `pchisq_nc`), shared with the previous call for the same (χ², df):
/// an RMSEA interval and its two p-values (close and not-close fit) are
/// asked for one statistic in a row, and share its central terms.
fn pchisq_of_ncp(chisq: f64, df: f64) -> Rc<PchisqNcOfNcp> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some(p) if p.is_for(chisq, df) => p.clone(),
            _ => {
                let p = Rc::new(PchisqNcOfNcp::new(chisq, df));
                *last = Some(p.clone());
                p
            }
        }
    })
}

/// lavaan's `try(uniroot(f, lower, upper)$root)`: R's default tol and
/// maxiter; an error gives NA; non-convergence only warns. f(lower) and
/// f(upper) when already known (the same values R computes).
fn lavaan_uniroot<F: FnMut(f64) -> f64>(
    f: F,
    lower: f64,
    upper: f64,
    f_lower: Option<f64>,
    f_upper: Option<f64>,
) -> f64 {
    match uniroot_root(
        f,
        lower,
        upper,
        f_lower,
        f_upper,
        UNIROOT_DEFAULT_TOL,
        UNIROOT_DEFAULT_MAXITER,
    ) {
        // not converged: the last iterate (R warns)
        Ok((root, _)) => root,
        Err(_) => f64::NAN,
    }
}

/// A CI bound from the noncentrality λ: √(c_hat·λ/(N·df)), times √G for
/// G > 1 (lavaan `lav_fit_rmsea_ci()`).
fn rmsea_from_lambda(lambda: f64, df: f64, n: f64, n_groups: usize, c_hat: f64) -> f64 {
    let r = ((c_hat * lambda) / (n * df)).sqrt();
    if n_groups > 1 {
        r * (n_groups as f64).sqrt()
    } else {
        r
    }
}

/// The noncentrality of RMSEA = h0: (N·df·(1/c_hat)·h0²)/G, in lavaan's
/// order of operations; None when lavaan returns NA.
fn rmsea_h0_ncp(chisq: f64, df: f64, n: f64, n_groups: usize, c_hat: f64, h0: f64) -> Option<f64> {
    if !chisq.is_finite() || !df.is_finite() || !n.is_finite() || n_groups == 0 {
        return None;
    }
    if df > 0.0 {
        // (N * df * 1/c.hat * rmsea.h0^2)/G
        Some((n * df * 1.0 / c_hat * (h0 * h0)) / n_groups as f64)
    } else {
        None
    }
}
