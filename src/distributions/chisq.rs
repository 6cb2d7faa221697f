//! Central and noncentral χ² distributions, via the regularized incomplete
//! gamma function.

use super::dpq::*;
use super::gamma_fn::{dpois_raw, lgamma1p, ln_gamma, log1pmx, logspace_add, SCALEFACTOR};
use super::normal::{dnorm_raw, pnorm5, qnorm5};

/// Lower-tail χ² probability P(X <= x), X ~ χ²(df).
///
/// Computed as the regularized incomplete gamma function P(df/2, x/2) by a
/// port of R's `pgamma()` (nmath/pgamma.c, Morten Welinder's algorithm:
/// series, continued fractions and a Poisson asymptotic expansion, each used
/// where it keeps full relative accuracy).
///
/// Returns NaN if an argument is NaN or df < 0. df = 0 is the point mass at
/// zero; df = +∞ gives 0 for finite x.
pub fn pchisq(x: f64, df: f64) -> f64 {
    pchisq_raw(x, df, true, false)
}

/// Upper-tail χ² probability P(X > x), X ~ χ²(df), with full relative
/// accuracy far into the tail (e.g. p-values of 1e-20 or 1e-300), as R's
/// `pchisq(x, df, lower.tail = FALSE)`.
///
/// Returns NaN if an argument is NaN or df < 0.
pub fn pchisq_upper(x: f64, df: f64) -> f64 {
    pchisq_raw(x, df, false, false)
}

/// χ² quantile: the x with P(X <= x) = p, X ~ χ²(df).
///
/// Port of R's `qchisq()` → `qgamma()` (nmath/qgamma.c): Best & Roberts'
/// Algorithm AS 91 ("The percentage points of the χ² distribution",
/// Applied Statistics 24, 385–388, 1975) for the starting value and a
/// seven-term Taylor iteration, finished by Newton steps on the log scale.
///
/// Returns 0 for p = 0, +∞ for p = 1, and NaN for p outside [0, 1], df < 0
/// or NaN arguments.
pub fn qchisq(p: f64, df: f64) -> f64 {
    qgamma(p, 0.5 * df, 2.0, true, false)
}

/// Lower-tail noncentral χ² probability P(X <= x), X ~ χ²(df, ncp).
///
/// Port of R's `pnchisq()` (nmath/pnchisq.c, R >= 3.6): for ncp < 80 a
/// Poisson-weighted sum of central χ² probabilities (renormalized by the sum
/// of the weights, and on the log scale when all terms would underflow); for
/// ncp >= 80 Ding's Algorithm AS 275 (Applied Statistics 41, 478–482, 1992):
/// the series started at the Poisson mode with its error bound (absolute
/// 1e-12 and relative 8·ε). R accumulates that series in `long double`; we
/// use double-double arithmetic there.
///
/// Note that this is R's `pchisq(x, df, ncp = ncp)` — R uses this algorithm
/// whenever `ncp` is given, even when it is 0.
///
/// Returns NaN if an argument is NaN, df or ncp is negative, or df or ncp is
/// infinite.
pub fn pchisq_nc(x: f64, df: f64, ncp: f64) -> f64 {
    pnchisq(x, df, ncp, true, false)
}

/// [`pchisq_nc`] for one x and df at many ncp (a root search over the
/// noncentrality, as the RMSEA interval's): the same numbers, but the
/// central terms pchisq(x, df + 2i) of the ncp < 80 series, which do not
/// depend on ncp, are computed once and kept.
pub struct PchisqNcOfNcp {
    x: f64,
    df: f64,
    central: CentralTerms,
}

impl PchisqNcOfNcp {
    pub fn new(x: f64, df: f64) -> Self {
        PchisqNcOfNcp {
            x,
            df,
            central: CentralTerms::new(x, df),
        }
    }

    /// Whether this is pchisq(x, df, ·) (the same doubles, bit for bit).
    pub fn is_for(&self, x: f64, df: f64) -> bool {
        self.x.to_bits() == x.to_bits() && self.df.to_bits() == df.to_bits()
    }

    /// pchisq(x, df, ncp): bit for bit [`pchisq_nc`]`(x, df, ncp)`.
    pub fn at(&self, ncp: f64) -> f64 {
        pnchisq_with(self.x, self.df, ncp, true, false, Some(&self.central))
    }
}

/// The lower-tail central terms pchisq(x, f + 2i) (and their logs) of
/// R's ncp < 80 series, i = 0, 1, …, computed on first use.
struct CentralTerms {
    x: f64,
    f: f64,
    plain: std::cell::RefCell<Vec<f64>>,
    log: std::cell::RefCell<Vec<f64>>,
}

impl CentralTerms {
    fn new(x: f64, f: f64) -> Self {
        CentralTerms {
            x,
            f,
            plain: Default::default(),
            log: Default::default(),
        }
    }

    /// pchisq_raw(x, f + 2i, lower_tail = TRUE, log_p).
    fn get(&self, i: usize, log_p: bool) -> f64 {
        let mut terms = if log_p { &self.log } else { &self.plain }.borrow_mut();
        while terms.len() <= i {
            let k = terms.len();
            terms.push(pchisq_raw(self.x, self.f + 2.0 * k as f64, true, log_p));
        }
        terms[i]
    }
}

/// Upper-tail noncentral χ² probability P(X > x), as R's
/// `pchisq(x, df, ncp, lower.tail = FALSE)`. For ncp < 80 it is summed
/// directly (accurate in the far tail); for ncp >= 80 R (and this port)
/// returns 1 − lower tail, so values below about 1e-10 are not accurate
/// (R warns, we don't) and are clamped at 0.
///
/// Returns NaN for the same invalid arguments as [`pchisq_nc`].
pub fn pchisq_nc_upper(x: f64, df: f64, ncp: f64) -> f64 {
    pnchisq(x, df, ncp, false, false)
}

/// Upper-tail noncentral χ² quantile: the x with P(X > x) = p, as R's
/// `qchisq(p, df, ncp, lower.tail = FALSE)` (nmath/qnchisq.c): a bracket
/// found by doubling and halving from Pearson's (1959) approximation, then
/// bisection to a relative width of 1e-13 (R's `accu`); for ncp ≥ 80 the
/// lower tail 1 − p is inverted instead, as R does.
///
/// Returns NaN for NaN or invalid arguments (p outside [0, 1], df or ncp
/// negative or infinite); +∞ for p = 0 and 0 for p ≥ 1 − ε.
pub fn qchisq_nc_upper(p: f64, df: f64, ncp: f64) -> f64 {
    if p.is_nan() || df.is_nan() || ncp.is_nan() {
        return f64::NAN;
    }
    if !(0.0..=1.0).contains(&p) || df < 0.0 || ncp < 0.0 || !df.is_finite() || !ncp.is_finite() {
        return f64::NAN;
    }
    if p > 1.0 - DBL_EPSILON {
        return 0.0;
    }
    if p == 0.0 {
        return f64::INFINITY;
    }
    // Pearson's approximation as the starting point
    let b = ncp * ncp / (df + 3.0 * ncp);
    let c = (df + 3.0 * ncp) / (df + 2.0 * ncp);
    let ff = (df + 2.0 * ncp) / (c * c);
    let mut ux = b + c * qchisq(1.0 - p, ff);
    if ux.is_nan() || ux <= 0.0 {
        ux = 1.0;
    }
    let ux0 = ux;
    // P(X > x) − p, decreasing in x (through the lower tail for ncp ≥ 80)
    let lower = ncp >= 80.0;
    let excess = |x: f64| {
        if lower {
            (1.0 - p) - pchisq_nc(x, df, ncp)
        } else {
            pchisq_nc_upper(x, df, ncp) - p
        }
    };
    while ux < f64::MAX && excess(ux) > 0.0 {
        ux *= 2.0;
    }
    let mut lx = ux0.min(ux);
    while lx > f64::MIN_POSITIVE && excess(lx) < 0.0 {
        lx *= 0.5;
    }
    loop {
        let nx = 0.5 * (lx + ux);
        if excess(nx) < 0.0 {
            ux = nx;
        } else {
            lx = nx;
        }
        if (ux - lx) / nx <= 1e-13 {
            break;
        }
    }
    0.5 * (ux + lx)
}

/// R's `pchisq(x, df, lower_tail, log_p)` (nmath/pchisq.c).
pub(crate) fn pchisq_raw(x: f64, df: f64, lower_tail: bool, log_p: bool) -> f64 {
    pgamma(x, df / 2.0, 2.0, lower_tail, log_p)
}

/// If |x| > |k| * M_CUTOFF, then log[exp(-x) * k^x] =~= -x.
const M_CUTOFF: f64 = M_LN2 * 1024.0 / DBL_EPSILON;

/// dpois_wrap(x+1, λ) := dpois(x, λ) for real x (nmath/pgamma.c).
fn dpois_wrap(x_plus_1: f64, lambda: f64, give_log: bool) -> f64 {
    if !lambda.is_finite() {
        return d_0(give_log);
    }
    if x_plus_1 > 1.0 {
        return dpois_raw(x_plus_1 - 1.0, lambda, give_log);
    }
    if lambda > (x_plus_1 - 1.0).abs() * M_CUTOFF {
        d_exp(-lambda - ln_gamma(x_plus_1), give_log)
    } else {
        let d = dpois_raw(x_plus_1, lambda, give_log);
        if give_log {
            d + (x_plus_1 / lambda).ln()
        } else {
            d * (x_plus_1 / lambda)
        }
    }
}

/// Abramowitz and Stegun 6.5.29 [right] (R's `pgamma_smallx()`).
fn pgamma_smallx(x: f64, alph: f64, lower_tail: bool, log_p: bool) -> f64 {
    let (mut sum, mut c, mut n) = (0.0_f64, alph, 0.0_f64);
    let mut more = true; // do { ... } while (fabs(term) > DBL_EPSILON * fabs(sum))
    while more {
        n += 1.0;
        c *= -x / n;
        let term = c / (alph + n);
        sum += term;
        more = term.abs() > DBL_EPSILON * sum.abs();
    }
    if lower_tail {
        let f1 = if log_p { sum.ln_1p() } else { 1.0 + sum };
        let f2 = if alph > 1.0 {
            let f2 = dpois_raw(alph, x, log_p);
            if log_p {
                f2 + x
            } else {
                f2 * x.exp()
            }
        } else if log_p {
            alph * x.ln() - lgamma1p(alph)
        } else {
            x.powf(alph) / lgamma1p(alph).exp()
        };
        if log_p {
            f1 + f2
        } else {
            f1 * f2
        }
    } else {
        let lf2 = alph * x.ln() - lgamma1p(alph);
        if log_p {
            log1_exp(sum.ln_1p() + lf2)
        } else {
            let f1m1 = sum;
            let f2m1 = lf2.exp_m1();
            -(f1m1 + f2m1 + f1m1 * f2m1)
        }
    }
}

/// Σ_{n>=1} x^n / (y (y+1) ... (y+n-1)) (R's `pd_upper_series()`).
fn pd_upper_series(x: f64, mut y: f64, log_p: bool) -> f64 {
    let mut term = x / y;
    let mut sum = term;
    let mut more = true; // do { ... } while (term > sum * DBL_EPSILON)
    while more {
        y += 1.0;
        term *= x / y;
        sum += term;
        more = term > sum * DBL_EPSILON;
    }
    if log_p {
        sum.ln()
    } else {
        sum
    }
}

/// Continued fraction for the scaled upper tail (R's `pd_lower_cf()`).
fn pd_lower_cf(y: f64, d: f64) -> f64 {
    const MAX_IT: f64 = 200000.0;
    let mut f = 0.0;
    if y == 0.0 {
        return 0.0;
    }
    let mut f0 = y / d;
    // Needed, e.g. for  pgamma(10^c(100,295), shape= 1.1, log=TRUE):
    if (y - 1.0).abs() < d.abs() * DBL_EPSILON {
        return f0;
    }
    if f0 > 1.0 {
        f0 = 1.0;
    }
    let mut c2 = y;
    let mut c4 = d;
    let (mut a1, mut b1, mut a2, mut b2) = (0.0, 1.0, y, d);
    while b2 > SCALEFACTOR {
        a1 /= SCALEFACTOR;
        b1 /= SCALEFACTOR;
        a2 /= SCALEFACTOR;
        b2 /= SCALEFACTOR;
    }
    let mut i = 0.0;
    let mut of = -1.0; // far away
    while i < MAX_IT {
        i += 1.0;
        c2 -= 1.0;
        let c3 = i * c2;
        c4 += 2.0;
        // c2 = y - i,  c3 = i(y - i),  c4 = d + 2i,  for i odd
        a1 = c4 * a2 + c3 * a1;
        b1 = c4 * b2 + c3 * b1;

        i += 1.0;
        c2 -= 1.0;
        let c3 = i * c2;
        c4 += 2.0;
        // c2 = y - i,  c3 = i(y - i),  c4 = d + 2i,  for i even
        a2 = c4 * a1 + c3 * a2;
        b2 = c4 * b1 + c3 * b2;

        if b2 > SCALEFACTOR {
            a1 /= SCALEFACTOR;
            b1 /= SCALEFACTOR;
            a2 /= SCALEFACTOR;
            b2 /= SCALEFACTOR;
        }
        if b2 != 0.0 {
            f = a2 / b2;
            // convergence check: relative; "absolute" for very small f
            if (f - of).abs() <= DBL_EPSILON * f0.max(f.abs()) {
                return f;
            }
            of = f;
        }
    }
    f // non-convergence (R warns); should not happen
}

/// Σ_{n>=0} y (y-1) ... (y-n) / λ^(n+1) (R's `pd_lower_series()`).
fn pd_lower_series(lambda: f64, mut y: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 0.0;
    while y >= 1.0 && term > sum * DBL_EPSILON {
        term *= y / lambda;
        sum += term;
        y -= 1.0;
    }
    if y != y.floor() {
        // The series does not converge as the terms start getting bigger
        // (besides flipping sign) for y < -lambda: add another term.
        let f = pd_lower_cf(y, lambda + 1.0 - y);
        sum += term * f;
    }
    sum
}

/// dnorm(x) / pnorm(x, lower_tail) accurately (R's `dpnorm()`; A&S 26.2.12).
/// `lp` must be pnorm(x, lower_tail, log = TRUE).
fn dpnorm(mut x: f64, mut lower_tail: bool, lp: f64) -> f64 {
    if x < 0.0 {
        x = -x;
        lower_tail = !lower_tail;
    }
    if x > 10.0 && !lower_tail {
        let mut term = 1.0 / x;
        let mut sum = term;
        let x2 = x * x;
        let mut i = 1.0;
        let mut more = true; // do { ... } while (fabs(term) > DBL_EPSILON * sum)
        while more {
            term *= -i / x2;
            sum += term;
            i += 2.0;
            more = term.abs() > DBL_EPSILON * sum;
        }
        1.0 / sum
    } else {
        let d = dnorm_raw(x, false);
        d / lp.exp()
    }
}

/// Asymptotic expansion for the Poisson CDF P(X <= x), X ~ Pois(λ)
/// (R's `ppois_asymp()`, after I. Smith's PoissonApprox).
fn ppois_asymp(x: f64, lambda: f64, lower_tail: bool, log_p: bool) -> f64 {
    const COEFS_A: [f64; 8] = [
        -1e99, // placeholder used for 1-indexing
        2.0 / 3.0,
        -4.0 / 135.0,
        8.0 / 2835.0,
        16.0 / 8505.0,
        -8992.0 / 12629925.0,
        -334144.0 / 492567075.0,
        698752.0 / 1477701225.0,
    ];
    const COEFS_B: [f64; 8] = [
        -1e99, // placeholder
        1.0 / 12.0,
        1.0 / 288.0,
        -139.0 / 51840.0,
        -571.0 / 2488320.0,
        163879.0 / 209018880.0,
        5246819.0 / 75246796800.0,
        -534703531.0 / 902961561600.0,
    ];
    let dfm = lambda - x;
    // If lambda is large, the distribution is highly concentrated about
    // lambda: representation error in x or lambda can lead to large pt_.
    let pt_ = -log1pmx(dfm / x);
    let mut s2pt = (2.0 * x * pt_).sqrt();
    if dfm < 0.0 {
        s2pt = -s2pt;
    }
    let mut res12 = 0.0;
    let mut res1_term = x.sqrt();
    let mut res1_ig = res1_term;
    let mut res2_term = s2pt;
    let mut res2_ig = res2_term;
    for i in 1..8 {
        res12 += res1_ig * COEFS_A[i];
        res12 += res2_ig * COEFS_B[i];
        res1_term *= pt_ / i as f64;
        res2_term *= 2.0 * pt_ / (2 * i + 1) as f64;
        res1_ig = res1_ig / x + res1_term;
        res2_ig = res2_ig / x + res2_term;
    }
    let mut elfb = x;
    let mut elfb_term = 1.0;
    for &b in COEFS_B.iter().skip(1) {
        elfb += elfb_term * b;
        elfb_term /= x;
    }
    if !lower_tail {
        elfb = -elfb;
    }
    let f = res12 / elfb;
    let np = pnorm5(s2pt, !lower_tail, log_p);
    if log_p {
        let n_d_over_p = dpnorm(s2pt, !lower_tail, np);
        np + (f * n_d_over_p).ln_1p()
    } else {
        let nd = dnorm_raw(s2pt, log_p);
        np + f * nd
    }
}

/// Regularized incomplete gamma P(alph, x) or its complement, for alph > 0
/// (R's `pgamma_raw()`, nmath/pgamma.c).
pub(crate) fn pgamma_raw(x: f64, alph: f64, lower_tail: bool, log_p: bool) -> f64 {
    // R_P_bounds_01(x, 0., ML_POSINF)
    if x <= 0.0 {
        return dt_0(lower_tail, log_p);
    }
    if x >= f64::INFINITY {
        return dt_1(lower_tail, log_p);
    }
    let res;
    if x < 1.0 {
        res = pgamma_smallx(x, alph, lower_tail, log_p);
    } else if x <= alph - 1.0 && x < 0.8 * (alph + 50.0) {
        // incl. large alph compared to x
        let sum = pd_upper_series(x, alph, log_p); // = x/alph + o(x/alph)
        let d = dpois_wrap(alph, x, log_p);
        res = if !lower_tail {
            if log_p {
                log1_exp(d + sum)
            } else {
                1.0 - d * sum
            }
        } else if log_p {
            sum + d
        } else {
            sum * d
        };
    } else if alph - 1.0 < x && alph < 0.8 * (x + 50.0) {
        // incl. large x compared to alph
        let d = dpois_wrap(alph, x, log_p);
        let sum = if alph < 1.0 {
            if x * DBL_EPSILON > 1.0 - alph {
                d_1(log_p)
            } else {
                let f = pd_lower_cf(alph, x - (alph - 1.0)) * x / alph;
                // = [alph/(x - alph+1) + o(alph/(x-alph+1))] * x/alph = 1 + o(1)
                if log_p {
                    f.ln()
                } else {
                    f
                }
            }
        } else {
            let sum = pd_lower_series(x, alph - 1.0); // = (alph-1)/x + o((alph-1)/x)
            if log_p {
                sum.ln_1p()
            } else {
                1.0 + sum
            }
        };
        res = if !lower_tail {
            if log_p {
                sum + d
            } else {
                sum * d
            }
        } else if log_p {
            log1_exp(d + sum)
        } else {
            1.0 - d * sum
        };
    } else {
        // x >= 1 and x fairly near alph.
        res = ppois_asymp(alph - 1.0, x, !lower_tail, log_p);
    }
    // We lose a fair amount of accuracy to underflow in the cases where the
    // final result is very close to DBL_MIN. In those cases, simply redo via
    // log space.
    if !log_p && res < DBL_MIN / DBL_EPSILON {
        pgamma_raw(x, alph, lower_tail, true).exp()
    } else {
        res
    }
}

/// R's `pgamma(x, alph, scale, lower_tail, log_p)` (nmath/pgamma.c).
pub(crate) fn pgamma(x: f64, alph: f64, scale: f64, lower_tail: bool, log_p: bool) -> f64 {
    if x.is_nan() || alph.is_nan() || scale.is_nan() {
        return x + alph + scale;
    }
    if alph < 0.0 || scale <= 0.0 {
        return f64::NAN;
    }
    let x = x / scale;
    if x.is_nan() {
        return x; // eg. original x = scale = +Inf
    }
    if alph == 0.0 {
        // limit case; useful e.g. in pnchisq()
        return if x <= 0.0 {
            dt_0(lower_tail, log_p)
        } else {
            dt_1(lower_tail, log_p)
        };
    }
    pgamma_raw(x, alph, lower_tail, log_p)
}

/// Gamma density (R's `dgamma()`, nmath/dgamma.c).
fn dgamma(x: f64, shape: f64, scale: f64, give_log: bool) -> f64 {
    if x.is_nan() || shape.is_nan() || scale.is_nan() {
        return x + shape + scale;
    }
    if shape < 0.0 || scale <= 0.0 {
        return f64::NAN;
    }
    if x < 0.0 {
        return d_0(give_log);
    }
    if shape == 0.0 {
        // point mass at 0
        return if x == 0.0 {
            f64::INFINITY
        } else {
            d_0(give_log)
        };
    }
    if x == 0.0 {
        if shape < 1.0 {
            return f64::INFINITY;
        }
        if shape > 1.0 {
            return d_0(give_log);
        }
        return if give_log { -scale.ln() } else { 1.0 / scale };
    }
    if shape < 1.0 {
        let pr = dpois_raw(shape, x / scale, give_log);
        return if give_log {
            pr + if (shape / x).is_finite() {
                (shape / x).ln()
            } else {
                shape.ln() - x.ln()
            }
        } else {
            pr * shape / x
        };
    }
    let pr = dpois_raw(shape - 1.0, x / scale, give_log);
    if give_log {
        pr - scale.ln()
    } else {
        pr / scale
    }
}

/// Starting approximation for the χ² quantile (R's `qchisq_appr()`,
/// nmath/qgamma.c; AS 91 with Wilson–Hilferty for nu > 0.32).
fn qchisq_appr(p: f64, nu: f64, g: f64, lower_tail: bool, log_p: bool, tol: f64) -> f64 {
    const C7: f64 = 4.67;
    const C8: f64 = 6.66;
    const C9: f64 = 6.73;
    const C10: f64 = 13.32;
    if p.is_nan() || nu.is_nan() {
        return p + nu;
    }
    if q_p01_invalid(p, log_p) || nu <= 0.0 {
        return f64::NAN;
    }
    let alpha = 0.5 * nu; // = [pq]gamma() shape
    let c = alpha - 1.0;
    let p1 = dt_log(p, lower_tail, log_p);
    let mut ch;
    if nu < (-1.24) * p1 {
        // for small chi-squared
        let lgam1pa = if alpha < 0.5 {
            lgamma1p(alpha)
        } else {
            alpha.ln() + g
        };
        ch = ((lgam1pa + p1) / alpha + M_LN2).exp();
    } else if nu > 0.32 {
        // using Wilson and Hilferty estimate
        let x = qnorm5(p, lower_tail, log_p);
        let p1 = 2.0 / (9.0 * nu);
        ch = nu * (x * p1.sqrt() + 1.0 - p1).powf(3.0);
        // approximation for p tending to 1:
        if ch > 2.2 * nu + 6.0 {
            ch = -2.0 * (dt_clog(p, lower_tail, log_p) - c * (0.5 * ch).ln() + g);
        }
    } else {
        // "small nu" : 1.24*(-log(p)) <= nu <= 0.32
        ch = 0.4;
        let a = dt_clog(p, lower_tail, log_p) + g + c * M_LN2;
        let mut it = 0;
        let mut more = true; // do { ... } while (fabs(q - ch) > tol * fabs(ch))
        while more {
            let q = ch;
            let p1 = 1.0 / (1.0 + ch * (C7 + ch));
            let p2 = ch * (C9 + ch * (C8 + ch));
            let t = -0.5 + (C7 + 2.0 * ch) * p1 - (C9 + ch * (C10 + 3.0 * ch)) / p2;
            ch -= (1.0 - (a + 0.5 * ch).exp() * p2 * p1) / t;
            it += 1;
            more = (q - ch).abs() > tol * ch.abs() && it <= 10_000;
        }
    }
    ch
}

/// R's `qgamma(p, alpha, scale, lower_tail, log_p)` (nmath/qgamma.c).
pub(crate) fn qgamma(p: f64, alpha: f64, scale: f64, lower_tail: bool, log_p: bool) -> f64 {
    const EPS1: f64 = 1e-2;
    const EPS2: f64 = 5e-7; // final precision of AS 91
    const EPS_N: f64 = 1e-15; // precision of Newton step / iterations
    const MAXIT: usize = 1000;
    const P_MIN: f64 = 1e-100;
    const P_MAX: f64 = 1.0 - 1e-14;
    const I420: f64 = 1.0 / 420.0;
    const I2520: f64 = 1.0 / 2520.0;
    const I5040: f64 = 1.0 / 5040.0;

    if p.is_nan() || alpha.is_nan() || scale.is_nan() {
        return p + alpha + scale;
    }
    if let Some(v) = q_p01_boundaries(p, 0.0, f64::INFINITY, lower_tail, log_p) {
        return v;
    }
    if alpha < 0.0 || scale <= 0.0 {
        return f64::NAN;
    }
    if alpha == 0.0 {
        return 0.0; // all mass at 0
    }
    let mut max_it_newton = if alpha < 1e-10 { 7 } else { 1 };
    let mut p_ = dt_qiv(p, lower_tail, log_p); // lower_tail prob (in any case)
    let g = ln_gamma(alpha); // log Gamma(v/2)

    // ----- Phase I : Starting Approximation
    let mut ch = qchisq_appr(p, 2.0 * alpha, g, lower_tail, log_p, EPS1);

    'phase2: {
        if !ch.is_finite() {
            // forget about all iterations!
            max_it_newton = 0;
            break 'phase2;
        }
        if ch < EPS2 {
            // Corrected according to AS 91; MM, May 25, 1999
            max_it_newton = 20;
            break 'phase2;
        }
        // FIXME (R): this cutoff to {0, +Inf} is far from optimal when
        // log_p or !lower_tail, but not doing it can be even worse.
        if !(P_MIN..=P_MAX).contains(&p_) {
            max_it_newton = 20;
            break 'phase2;
        }

        // ----- Phase II: Iteration; call pgamma() [AS 239] and calculate
        // a seven term Taylor series.
        let c = alpha - 1.0;
        let s6 = (120.0 + c * (346.0 + 127.0 * c)) * I5040;
        let ch0 = ch; // save initial approx.
        for _ in 1..=MAXIT {
            let q = ch;
            let p1 = 0.5 * ch;
            let p2 = p_ - pgamma_raw(p1, alpha, true, false);
            if !p2.is_finite() || ch <= 0.0 {
                ch = ch0;
                max_it_newton = 27;
                break 'phase2;
            }
            let t = p2 * (alpha * M_LN2 + g + p1 - c * ch.ln()).exp();
            let b = t / ch;
            let a = 0.5 * t - b * c;
            let s1 =
                (210.0 + a * (140.0 + a * (105.0 + a * (84.0 + a * (70.0 + 60.0 * a))))) * I420;
            let s2 = (420.0 + a * (735.0 + a * (966.0 + a * (1141.0 + 1278.0 * a)))) * I2520;
            let s3 = (210.0 + a * (462.0 + a * (707.0 + 932.0 * a))) * I2520;
            let s4 =
                (252.0 + a * (672.0 + 1182.0 * a) + c * (294.0 + a * (889.0 + 1740.0 * a))) * I5040;
            let s5 = (84.0 + 2264.0 * a + c * (1175.0 + 606.0 * a)) * I2520;

            ch += t
                * (1.0 + 0.5 * t * s1
                    - b * c * (s1 - b * (s2 - b * (s3 - b * (s4 - b * (s5 - b * s6))))));
            if (q - ch).abs() < EPS2 * ch {
                break 'phase2;
            }
            if (q - ch).abs() > 0.1 * ch {
                // diverging? -- also forces ch > 0
                if ch < q {
                    ch = 0.9 * q;
                } else {
                    ch = 1.1 * q;
                }
            }
        }
        // no convergence in MAXIT iterations -- but we add Newton now...
    }

    // END: final Newton step(s) on the log scale (PR#2214, M. Welinder).
    let mut x = 0.5 * scale * ch;
    if max_it_newton > 0 {
        // always use log scale
        let (p, log_p) = if !log_p { (p.ln(), true) } else { (p, log_p) };
        if x == 0.0 {
            let one_p = 1.0 + 1e-7;
            let one_m = 1.0 - 1e-7;
            x = DBL_MIN;
            p_ = pgamma(x, alpha, scale, lower_tail, log_p);
            if (lower_tail && p_ > p * one_p) || (!lower_tail && p_ < p * one_m) {
                return 0.0;
            }
            // else: continue, using x = DBL_MIN instead of 0
        } else {
            p_ = pgamma(x, alpha, scale, lower_tail, log_p);
        }
        if p_ == f64::NEG_INFINITY {
            return 0.0; // PR#14710
        }
        for i in 1..=max_it_newton {
            let p1 = p_ - p;
            if p1.abs() < (EPS_N * p).abs() {
                break;
            }
            let g = dgamma(x, alpha, scale, log_p);
            if g == d_0(log_p) {
                break;
            }
            // delta x = f(x)/f'(x); with log_p, f(x) := log P(x) - p and
            // f(x)/f'(x) = f * exp(p_) / P'
            let mut t = if log_p { p1 * (p_ - g).exp() } else { p1 / g };
            t = if lower_tail { x - t } else { x + t };
            p_ = pgamma(t, alpha, scale, lower_tail, log_p);
            if (p_ - p).abs() > p1.abs() || (i > 1 && (p_ - p).abs() == p1.abs()) {
                break; // no improvement (or flip-flop)
            }
            x = t;
        }
    }
    x
}

/// R's `pnchisq(x, df, ncp, lower_tail, log_p)` (nmath/pnchisq.c).
pub(crate) fn pnchisq(x: f64, df: f64, ncp: f64, lower_tail: bool, log_p: bool) -> f64 {
    pnchisq_with(x, df, ncp, lower_tail, log_p, None)
}

/// [`pnchisq`] with the central terms of (x, df) kept in `central`.
fn pnchisq_with(
    x: f64,
    df: f64,
    ncp: f64,
    lower_tail: bool,
    log_p: bool,
    central: Option<&CentralTerms>,
) -> f64 {
    if x.is_nan() || df.is_nan() || ncp.is_nan() {
        return x + df + ncp;
    }
    if !df.is_finite() || !ncp.is_finite() {
        return f64::NAN;
    }
    if df < 0.0 || ncp < 0.0 {
        return f64::NAN;
    }
    let mut ans = pnchisq_raw(
        x,
        df,
        ncp,
        1e-12,
        8.0 * DBL_EPSILON,
        1_000_000,
        lower_tail,
        log_p,
        central,
    );
    if x <= 0.0 || x == f64::INFINITY {
        return ans; // because it's perfect
    }
    if ncp >= 80.0 {
        if lower_tail {
            ans = ans.min(d_1(log_p)); // e.g., pchisq(555, 1.01, ncp = 80)
        } else {
            // since we computed the other tail cancellation is likely
            // (R warns about precision when ans < 1e-10)
            if !log_p && ans < 0.0 {
                ans = 0.0; // Precaution PR#7099
            }
        }
    }
    if !log_p || ans < -1e-8 {
        ans
    } else {
        // log_p && -1e-8 <= ans <= 0: prob. = exp(ans) is near one: we can
        // do better using the other tail
        let ans = pnchisq_raw(
            x,
            df,
            ncp,
            1e-12,
            8.0 * DBL_EPSILON,
            1_000_000,
            !lower_tail,
            false,
            central,
        );
        (-ans).ln_1p()
    }
}

/// A log accumulated in many small steps, with the rounding of each step
/// kept (Neumaier's compensated sum), so that its exp() is accurate to a
/// few ulp however many steps were taken.
#[derive(Clone, Copy)]
struct LogSum {
    sum: f64,
    carry: f64,
}

impl LogSum {
    fn new(x: f64) -> Self {
        LogSum { sum: x, carry: 0.0 }
    }

    fn add(&mut self, x: f64) {
        let s = self.sum + x;
        self.carry += if self.sum.abs() >= x.abs() {
            (self.sum - s) + x
        } else {
            (x - s) + self.sum
        };
        self.sum = s;
    }

    fn value(self) -> f64 {
        self.sum + self.carry
    }

    /// exp(sum + carry) = exp(sum)·(1 + carry + …), |carry| tiny.
    fn exp(self) -> f64 {
        self.sum.exp() * self.carry.exp()
    }
}

/// R's `pnchisq_raw()` (nmath/pnchisq.c; Ding 1992, AS 275, for ncp >= 80).
#[allow(clippy::too_many_arguments)]
fn pnchisq_raw(
    x: f64,
    f: f64,
    theta: f64,
    errmax: f64,
    reltol: f64,
    itrmax: u32,
    lower_tail: bool,
    log_p: bool,
    central: Option<&CentralTerms>,
) -> f64 {
    // the central term pchisq(x, f + 2i, lower_tail, log), kept when given
    let central_term = |i: usize, log: bool| match central {
        Some(c) if lower_tail && c.x == x && c.f == f => c.get(i, log),
        _ => pchisq_raw(x, f + 2.0 * i as f64, lower_tail, log),
    };
    if x <= 0.0 {
        if x == 0.0 && f == 0.0 {
            // chi^2_0(.) has point mass at zero
            let minus_lambda = -0.5 * theta;
            return if lower_tail {
                d_exp(minus_lambda, log_p)
            } else if log_p {
                log1_exp(minus_lambda)
            } else {
                -minus_lambda.exp_m1()
            };
        }
        // x < 0  or {x==0, f > 0}
        return dt_0(lower_tail, log_p);
    }
    if !x.is_finite() {
        return dt_1(lower_tail, log_p);
    }

    if theta < 80.0 {
        // use 110 for Inf, as ppois(110, 80/2, lower.tail=FALSE) is 2e-20
        //
        // pchisq(x, f) < (x/2)^(f/2) / Gamma(f/2+1) < eps
        // <==> log(x) < log(2) + 2/f*(log(Gamma(f/2+1)) + log(eps))
        if lower_tail
            && f > 0.0
            && x.ln() < M_LN2 + 2.0 / f * (ln_gamma(f / 2.0 + 1.0) + DBL_MIN_EXP_LN)
        {
            // all pchisq(x, f+2*i, lower_tail, FALSE), i=0,...,110 would
            // underflow to 0 ==> work in log scale
            let lambda = 0.5 * theta; // < 40
            let log_lam = lambda.ln();
            let mut sum = f64::NEG_INFINITY;
            let mut sum2 = f64::NEG_INFINITY;
            let mut pr = -lambda;
            let mut i = 0;
            while i < 110 {
                sum2 = logspace_add(sum2, pr);
                sum = logspace_add(sum, pr + central_term(i, true));
                if sum2 >= -1e-15 {
                    // <=> EXP(sum2) >= 1-1e-15
                    break;
                }
                i += 1;
                pr += log_lam - (i as f64).ln();
            }
            let ans = sum - sum2;
            return if log_p { ans } else { ans.exp() };
        } else {
            // R declares these `long double`; in double they are R's own
            // computation where long double is double (Apple silicon),
            // and agree with x86-64 R to ~1e-15 (see the module doc).
            let lambda = 0.5 * theta; // < 40
            let mut sum = 0.0;
            let mut sum2 = 0.0;
            let mut pr = (-lambda).exp();
            let mut i = 0;
            while i < 110 {
                // pr == exp(-lambda) lambda^i / i!  ==  dpois(i, lambda)
                sum2 += pr;
                sum += pr * central_term(i, false);
                if sum2 >= 1.0 - 1e-15 {
                    break;
                }
                i += 1;
                pr *= lambda / i as f64;
            }
            let ans = sum / sum2;
            return if log_p { ans.ln() } else { ans };
        }
    }

    // else: theta == ncp >= 80 -----------------------------------------
    // Series expansion (AS 275); R's `long double` state (u, v, t, ans)
    // in double, as in the ncp < 80 branch, but the logs lu and lt
    // compensated: while u or t underflows they grow by thousands of small
    // steps from about −700 or below, where a double's rounding (1e-13 a
    // step) would reach 1e-11 in the result (pchisq(5001, 1, ncp = 5000)).
    let lam = 0.5 * theta;
    let mut lam_sml = -lam < DBL_MIN_EXP_LN;
    let mut l_lam = -1.0;
    let mut lu = LogSum::new(-1.0);
    let mut u;
    if lam_sml {
        // originally error: "non centrality parameter too large"
        u = 0.0;
        lu = LogSum::new(-lam); // == ln(u)
        l_lam = lam.ln();
    } else {
        u = (-lam).exp();
    }

    // evaluate the first term
    let mut v = u;
    let x2 = 0.5 * x;
    let f2 = 0.5 * f;
    let mut f_x_2n = f - x;

    let mut lt: LogSum;
    let mut t: f64;
    let t_case1 = x2 - f2;
    if f2 * DBL_EPSILON > 0.125 && t_case1.abs() < DBL_EPSILON.sqrt() * f2 {
        // evade cancellation error
        lt = LogSum::new(
            (1.0 - t_case1) * (2.0 - t_case1 / (f2 + 1.0)) - M_LN_SQRT_2PI - 0.5 * (f2 + 1.0).ln(),
        );
    } else {
        // Usual case 2: careful not to overflow ..
        lt = LogSum::new(f2 * x2.ln() - x2 - ln_gamma(f2 + 1.0));
    }

    let mut t_sml = lt.value() < DBL_MIN_EXP_LN;
    let mut l_x = -1.0;
    let mut ans: f64;
    let mut term: f64;
    if t_sml {
        if x > f + theta + 5.0 * (2.0 * (f + 2.0 * theta)).sqrt() {
            // x > E[X] + 5* sigma(X)
            return dt_1(lower_tail, log_p); // FIXME (R): could be more accurate than 0.
        }
        l_x = x.ln();
        ans = 0.0;
        term = 0.0;
        t = 0.0;
    } else {
        t = lt.exp();
        term = v * t;
        ans = term;
    }

    let mut n: u32 = 1;
    let mut f_2n = f + 2.0;
    f_x_2n += 2.0;
    while n <= itrmax {
        // f_2n    === f + 2*n
        // f_x_2n  === f - x + 2*n   > 0  <==> (f+2n)  >   x
        if f_x_2n > 0.0 {
            // find the error bound and check for convergence
            let bound = t * x / f_x_2n;
            // convergence only if BOTH absolute and relative error < 'bnd'
            if bound <= errmax && term <= reltol * ans {
                break;
            }
        }

        // evaluate the next term of the expansion and then the partial sum
        if lam_sml {
            lu.add(l_lam - (n as f64).ln()); // u = u* lam / n
            if lu.value() >= DBL_MIN_EXP_LN {
                // no underflow anymore ==> change regime
                u = lu.exp();
                v = u; // the first non-0 'u'
                lam_sml = false;
            }
        } else {
            u *= lam / n as f64;
            v += u;
        }
        if t_sml {
            lt.add(l_x - f_2n.ln()); // t <- t * (x / f2n)
            if lt.value() >= DBL_MIN_EXP_LN {
                // no underflow anymore ==> change regime
                t = lt.exp(); // the first non-0 't'
                t_sml = false;
            }
        } else {
            t *= x / f_2n;
        }
        if !lam_sml && !t_sml {
            term = v * t;
            ans += term;
        }
        n += 1;
        f_2n += 2.0;
        f_x_2n += 2.0;
    }
    // (R warns when n > itrmax: not converged)
    dt_val(ans, lower_tail, log_p)
}
