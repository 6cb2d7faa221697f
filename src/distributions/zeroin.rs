//! One-dimensional root finding exactly as R's `uniroot()`.

use std::fmt;

/// R's default `uniroot()` tolerance, `.Machine$double.eps^0.25` = 2^-13.
pub const UNIROOT_DEFAULT_TOL: f64 = 1.220_703_125e-4;

/// R's default `uniroot()` iteration limit.
pub const UNIROOT_DEFAULT_MAXITER: u32 = 1000;

/// The full result of [`uniroot_full`], as R's `uniroot()` list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnirootResult {
    /// The root found (`$root`).
    pub root: f64,
    /// f evaluated at the root (`$f.root`).
    pub f_root: f64,
    /// Number of iterations used (`$iter`; `maxiter` when not converged).
    pub iter: u32,
    /// Estimated precision of the root (`$estim.prec`).
    pub estim_prec: f64,
    /// False when `maxiter` was reached (R then warns and still returns
    /// the last iterate).
    pub converged: bool,
}

/// Why [`uniroot`] found no root; mirrors the errors R's `uniroot()`
/// stops with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnirootError {
    /// `lower >= upper`, or an end point is NaN or infinite.
    InvalidInterval,
    /// `tol` is not finite and positive, or `maxiter` is 0.
    InvalidControl,
    /// f(lower) or f(upper) is NaN.
    NanAtEndpoint,
    /// f(lower) and f(upper) have the same sign.
    NoSignChange,
    /// The iteration limit was reached; R warns and returns this iterate.
    NotConverged(UnirootResult),
}

impl fmt::Display for UnirootError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnirootError::InvalidInterval => write!(f, "lower < upper  is not fulfilled"),
            UnirootError::InvalidControl => write!(f, "invalid 'tol' or 'maxiter' value"),
            UnirootError::NanAtEndpoint => write!(f, "f() is NA at an end point"),
            UnirootError::NoSignChange => {
                write!(f, "f() values at end points not of opposite sign")
            }
            UnirootError::NotConverged(r) => {
                write!(
                    f,
                    "_NOT_ converged in {} iterations (root {})",
                    r.iter, r.root
                )
            }
        }
    }
}

impl std::error::Error for UnirootError {}

/// Find a root of f in [lower, upper] exactly as R's
/// `uniroot(f, lower = lower, upper = upper, tol = tol, maxiter = maxiter)$root`
/// with its other arguments at their defaults (`extendInt = "no"`).
///
/// R (src/library/stats/R/nlm.R) evaluates f(lower) and f(upper), checks
/// them, and calls `zeroin2` (src/library/stats/src/optimize.c), i.e.
/// [`r_zeroin2`] — Brent's method. Every step is reproduced, so with R's
/// loose default tolerance ([`UNIROOT_DEFAULT_TOL`]) the returned root is
/// R's to the last bit (for the same f).
///
/// Errors: see [`UnirootError`]. When `maxiter` is reached the last iterate
/// comes back inside [`UnirootError::NotConverged`] (R warns and returns it).
pub fn uniroot<F: FnMut(f64) -> f64>(
    f: F,
    lower: f64,
    upper: f64,
    tol: f64,
    maxiter: u32,
) -> Result<f64, UnirootError> {
    uniroot_full(f, lower, upper, tol, maxiter).map(|r| r.root)
}

/// [`uniroot`] returning everything R's `uniroot()` returns.
pub fn uniroot_full<F: FnMut(f64) -> f64>(
    mut f: F,
    lower: f64,
    upper: f64,
    tol: f64,
    maxiter: u32,
) -> Result<UnirootResult, UnirootError> {
    let (root, iter, estim_prec, converged) =
        zeroin(&mut f, lower, upper, None, None, tol, maxiter)?;
    let res = UnirootResult {
        root,
        f_root: f(root),
        iter,
        estim_prec,
        converged,
    };
    if converged {
        Ok(res)
    } else {
        Err(UnirootError::NotConverged(res))
    }
}

/// R's `uniroot(f, lower = lower, upper = upper, f.lower = f_lower,
/// f.upper = f_upper, tol = tol, maxiter = maxiter)$root`: the root of
/// [`uniroot`] (the same iterates, to the last bit) when the caller has
/// already evaluated f at an end point (`None`: evaluated here), and
/// without evaluating f at the root. Ok((root, converged)); the errors of
/// [`uniroot`] except [`UnirootError::NotConverged`] (converged = false
/// instead, with the last iterate).
pub fn uniroot_root<F: FnMut(f64) -> f64>(
    mut f: F,
    lower: f64,
    upper: f64,
    f_lower: Option<f64>,
    f_upper: Option<f64>,
    tol: f64,
    maxiter: u32,
) -> Result<(f64, bool), UnirootError> {
    zeroin(&mut f, lower, upper, f_lower, f_upper, tol, maxiter)
        .map(|(root, _, _, converged)| (root, converged))
}

/// R's `uniroot()` up to `zeroin2`: (root, iterations, estimated
/// precision, converged).
fn zeroin<F: FnMut(f64) -> f64>(
    f: &mut F,
    lower: f64,
    upper: f64,
    f_lower: Option<f64>,
    f_upper: Option<f64>,
    tol: f64,
    maxiter: u32,
) -> Result<(f64, u32, f64, bool), UnirootError> {
    // if (!is.numeric(lower) || !is.numeric(upper) || lower >= upper) stop(..)
    if lower.is_nan() || upper.is_nan() || lower >= upper {
        return Err(UnirootError::InvalidInterval);
    }
    let f_lower = f_lower.unwrap_or_else(|| f(lower));
    if f_lower.is_nan() {
        return Err(UnirootError::NanAtEndpoint);
    }
    let f_upper = f_upper.unwrap_or_else(|| f(upper));
    if f_upper.is_nan() {
        return Err(UnirootError::NanAtEndpoint);
    }
    // if (!isTRUE(sign(f.lower) * sign(f.upper) <= 0)) stop(..)
    if r_sign(f_lower) * r_sign(f_upper) > 0.0 {
        return Err(UnirootError::NoSignChange);
    }
    // zeroin2() in optimize.c
    if !lower.is_finite() || !upper.is_finite() {
        return Err(UnirootError::InvalidInterval);
    }
    if !tol.is_finite() || tol <= 0.0 || maxiter == 0 {
        return Err(UnirootError::InvalidControl);
    }
    let (root, iter, estim_prec) = r_zeroin2(
        |x| fcn2(f(x)),
        lower,
        upper,
        f_lower,
        f_upper,
        tol,
        maxiter.min(i32::MAX as u32) as i32,
    );
    let converged = iter >= 0;
    Ok((
        root,
        if converged { iter as u32 } else { maxiter },
        estim_prec,
        converged,
    ))
}

/// R's `sign()`.
fn r_sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// What R's `fcn2()` (optimize.c) does with f's value inside zeroin:
/// −Inf becomes −DBL_MAX, NaN and +Inf become +DBL_MAX (with a warning).
fn fcn2(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else if v == f64::NEG_INFINITY {
        -f64::MAX
    } else {
        f64::MAX
    }
}

/// Brent's root finder, an exact port of R's `R_zeroin2()`
/// (src/library/stats/src/zeroin.c: NETLIB c/brent.shar, after Forsythe,
/// Malcolm & Moler, "Computer Methods for Mathematical Computations",
/// 1977, with P. Dalgaard's iteration limit).
///
/// `fa`, `fb` are f(ax), f(bx), already computed. Returns
/// `(root, iterations, estimated precision)`; iterations is −1 when
/// `maxit` was reached without convergence.
pub fn r_zeroin2<F: FnMut(f64) -> f64>(
    mut f: F,
    ax: f64,
    bx: f64,
    fa: f64,
    fb: f64,
    tol: f64,
    maxit: i32,
) -> (f64, i32, f64) {
    const EPSILON: f64 = f64::EPSILON;
    let mut a = ax;
    let mut b = bx;
    let mut fa = fa;
    let mut fb = fb;
    let mut c = a;
    let mut fc = fa;
    let mut left = maxit.saturating_add(1);

    // First test if we have found a root at an endpoint
    if fa == 0.0 {
        return (a, 0, 0.0);
    }
    if fb == 0.0 {
        return (b, 0, 0.0);
    }

    // while(maxit--)
    while left != 0 {
        left -= 1;
        let prev_step = b - a;
        if fc.abs() < fb.abs() {
            // Swap data for b to be the best approximation
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol_act = 2.0 * EPSILON * b.abs() + tol / 2.0;
        let mut new_step = (c - b) / 2.0;

        if new_step.abs() <= tol_act || fb == 0.0 {
            // Acceptable approx. is found
            return (b, maxit - left, (c - b).abs());
        }

        // Decide if the interpolation can be tried
        if prev_step.abs() >= tol_act && fa.abs() > fb.abs() {
            let mut p;
            let mut q;
            let cb = c - b;
            if a == c {
                // linear interpolation
                let t1 = fb / fa;
                p = cb * t1;
                q = 1.0 - t1;
            } else {
                // Quadric inverse interpolation
                q = fa / fc;
                let t1 = fb / fc;
                let t2 = fb / fa;
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if p < (0.75 * cb * q - (tol_act * q).abs() / 2.0) && p < (prev_step * q / 2.0).abs() {
                new_step = p / q;
            }
        }

        if new_step.abs() < tol_act {
            // Adjust the step to be not less than tolerance
            new_step = if new_step > 0.0 { tol_act } else { -tol_act };
        }
        a = b;
        fa = fb; // Save the previous approx.
        b += new_step;
        fb = f(b); // Do step to a new approxim.
        if (fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0) {
            // Adjust c for it to have a sign opposite to that of b
            c = a;
            fc = fa;
        }
    }
    // failed!
    (b, -1, (c - b).abs())
}
