//! Probability distributions, root finding and the RMSEA interval, written
//! to agree with R (4.2) and lavaan (0.6) to about 1e-12 relative wherever R
//! itself is that accurate — including far tails.
//!
//! Everything is plain `f64` Rust (no dependencies, builds for wasm32).
//! Each function is a port of the R source named in its documentation
//! (mostly R's `src/nmath/*.c`, which in turn cite the published
//! algorithms). Where R's C code accumulates in `long double` (`pnchisq`),
//! this port uses `double`, as R itself does where long double is double
//! (R on Apple silicon); on x86-64 R's 80-bit sums agree with it to about
//! 1e-15 (tests/distributions.rs: 1e-13 absolute, 1e-10 relative). A
//! double-double port was 10–20 times slower (2026-12-07: 3–11 µs per
//! pchisq(x, df, ncp) against 0.2–1.3 µs, with the same RMSEA intervals
//! to the last bit on the fixtures; the interval, about 24 such
//! evaluations, was a quarter of an MLM analysis).
//!
//! No function panics. Invalid arguments (NaN, negative degrees of freedom
//! or noncentrality, probabilities outside [0, 1], |ρ| > 1, ...) give NaN,
//! as R's functions do (R also warns). Each function documents its limits.
//!
//! | function | R equivalent |
//! |---|---|
//! | [`pnorm`], [`pnorm_upper`], [`dnorm`], [`qnorm`] | `pnorm(x)`, `pnorm(x, lower.tail = FALSE)`, `dnorm(x)`, `qnorm(p)` |
//! | [`pchisq`], [`pchisq_upper`], [`qchisq`] | `pchisq(x, df)`, `pchisq(x, df, lower.tail = FALSE)`, `qchisq(p, df)` |
//! | [`pchisq_nc`], [`pchisq_nc_upper`], [`qchisq_nc_upper`] | `pchisq(x, df, ncp)`, `pchisq(x, df, ncp, lower.tail = FALSE)`, `qchisq(p, df, ncp, lower.tail = FALSE)` |
//! | [`ln_gamma`] | `lgamma(x)` |
//! | [`uniroot`], [`uniroot_full`], [`r_zeroin2`] | `uniroot(f, c(lower, upper), tol = , maxiter = )` |
//! | [`rmsea_ci`], [`rmsea_pvalue`], [`rmsea_notclose_pvalue`] | lavaan's `rmsea.ci.lower`/`upper`, `rmsea.pvalue`, `rmsea.notclose.pvalue` |
//! | [`pt_two_sided`] | `2 * pt(-abs(t), df)` |
//! | [`pbinorm`], [`dbinorm`] | `pbivnorm::pbivnorm(h, k, rho)`, bivariate normal density |

// The coefficient tables are copied digit for digit from the cited sources
// (often with more digits than a double holds); keep them verbatim.
#![allow(clippy::excessive_precision)]

mod bivariate;
mod chisq;
mod dpq;
mod gamma_fn;
mod normal;
mod rmsea;
mod t;
mod zeroin;

pub(crate) use bivariate::bvnd_rule;
pub use bivariate::{dbinorm, pbinorm};
pub use chisq::{
    pchisq, pchisq_nc, pchisq_nc_upper, pchisq_upper, qchisq, qchisq_nc_upper, PchisqNcOfNcp,
};
pub use gamma_fn::ln_gamma;
pub use normal::{dnorm, pnorm, pnorm_upper, qnorm};
pub use rmsea::{
    noncentrality_ci, rmsea_ci, rmsea_ci_c_hat, rmsea_notclose_pvalue, rmsea_notclose_pvalue_c_hat,
    rmsea_pvalue, rmsea_pvalue_c_hat,
};
pub use t::pt_two_sided;
pub use zeroin::{
    r_zeroin2, uniroot, uniroot_full, uniroot_root, UnirootError, UnirootResult,
    UNIROOT_DEFAULT_MAXITER, UNIROOT_DEFAULT_TOL,
};

/// log |Γ(x)| — an alias of [`ln_gamma`] under R's name.
pub fn lgamma(x: f64) -> f64 {
    ln_gamma(x)
}
