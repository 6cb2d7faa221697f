//! Shared constants and the tail / log-scale helpers of R's `nmath/dpq.h`.
//!
//! R's nmath functions take `(lower_tail, log_p)` flags and use a family of
//! macros (`R_D__0`, `R_DT_val`, `R_Log1_Exp`, ...) to return the requested
//! tail on the requested scale. They are ported here as small functions so
//! that the ports elsewhere in this module read like the C sources.

pub(crate) const M_LN2: f64 = std::f64::consts::LN_2;
pub(crate) const M_2PI: f64 = std::f64::consts::TAU;
/// log(sqrt(2*pi))
pub(crate) const M_LN_SQRT_2PI: f64 = 0.918_938_533_204_672_741_780_329_736_406;
/// log(sqrt(pi/2))
pub(crate) const M_LN_SQRT_PID2: f64 = 0.225_791_352_644_727_432_363_097_614_947;
/// 1/sqrt(2*pi)
pub(crate) const M_1_SQRT_2PI: f64 = 0.398_942_280_401_432_677_939_946_059_934;
/// sqrt(2*pi)
pub(crate) const M_SQRT_2PI: f64 = 2.506_628_274_631_000_502_415_765_284_811;
/// sqrt(32)
pub(crate) const M_SQRT_32: f64 = 5.656_854_249_492_380_195_206_754_896_838;
pub(crate) const DBL_EPSILON: f64 = f64::EPSILON;
pub(crate) const DBL_MIN: f64 = f64::MIN_POSITIVE;
/// `M_LN2 * DBL_MIN_EXP` = -708.3964 (log of the smallest normal double).
pub(crate) const DBL_MIN_EXP_LN: f64 = M_LN2 * -1021.0;

/// `R_D__0`: probability 0 on the requested scale.
#[inline]
pub(crate) fn d_0(log_p: bool) -> f64 {
    if log_p {
        f64::NEG_INFINITY
    } else {
        0.0
    }
}

/// `R_D__1`: probability 1 on the requested scale.
#[inline]
pub(crate) fn d_1(log_p: bool) -> f64 {
    if log_p {
        0.0
    } else {
        1.0
    }
}

/// `R_DT_0`: lower-tail probability 0, in the requested tail and scale.
#[inline]
pub(crate) fn dt_0(lower_tail: bool, log_p: bool) -> f64 {
    if lower_tail {
        d_0(log_p)
    } else {
        d_1(log_p)
    }
}

/// `R_DT_1`: lower-tail probability 1, in the requested tail and scale.
#[inline]
pub(crate) fn dt_1(lower_tail: bool, log_p: bool) -> f64 {
    if lower_tail {
        d_1(log_p)
    } else {
        d_0(log_p)
    }
}

/// `R_D_exp(x)`: exp(x) on the requested scale.
#[inline]
pub(crate) fn d_exp(x: f64, log_p: bool) -> f64 {
    if log_p {
        x
    } else {
        x.exp()
    }
}

/// `R_D_val(x)`.
#[inline]
pub(crate) fn d_val(x: f64, log_p: bool) -> f64 {
    if log_p {
        x.ln()
    } else {
        x
    }
}

/// `R_D_Clog(p)`: 1 - p on the requested scale.
#[inline]
pub(crate) fn d_clog(p: f64, log_p: bool) -> f64 {
    if log_p {
        (-p).ln_1p()
    } else {
        0.5 - p + 0.5
    }
}

/// `R_DT_val(x)`: a lower-tail probability x, in the requested tail and scale.
#[inline]
pub(crate) fn dt_val(x: f64, lower_tail: bool, log_p: bool) -> f64 {
    if lower_tail {
        d_val(x, log_p)
    } else {
        d_clog(x, log_p)
    }
}

/// `R_Log1_Exp(x)`: log(1 - exp(x)) for x <= 0, accurately
/// (Mächler 2012, "Accurately computing log(1 - exp(-|a|))").
#[inline]
pub(crate) fn log1_exp(x: f64) -> f64 {
    if x > -M_LN2 {
        (-x.exp_m1()).ln()
    } else {
        (-x.exp()).ln_1p()
    }
}

/// `R_D_LExp(x)`: log(1 - x) where x is a probability on the given scale.
#[inline]
pub(crate) fn d_lexp(x: f64, log_p: bool) -> f64 {
    if log_p {
        log1_exp(x)
    } else {
        (-x).ln_1p()
    }
}

/// `R_D_log(p)`: log(p).
#[inline]
pub(crate) fn d_log(p: f64, log_p: bool) -> f64 {
    if log_p {
        p
    } else {
        p.ln()
    }
}

/// `R_DT_log(p)`: log of the lower-tail probability.
#[inline]
pub(crate) fn dt_log(p: f64, lower_tail: bool, log_p: bool) -> f64 {
    if lower_tail {
        d_log(p, log_p)
    } else {
        d_lexp(p, log_p)
    }
}

/// `R_DT_Clog(p)`: log of the upper-tail probability.
#[inline]
pub(crate) fn dt_clog(p: f64, lower_tail: bool, log_p: bool) -> f64 {
    if lower_tail {
        d_lexp(p, log_p)
    } else {
        d_log(p, log_p)
    }
}

/// `R_DT_qIv(p)`: the lower-tail probability on the natural scale.
#[inline]
pub(crate) fn dt_qiv(p: f64, lower_tail: bool, log_p: bool) -> f64 {
    if log_p {
        if lower_tail {
            p.exp()
        } else {
            -p.exp_m1()
        }
    } else if lower_tail {
        p
    } else {
        0.5 - p + 0.5
    }
}

/// `R_DT_CIv(p)`: the upper-tail probability on the natural scale.
#[inline]
pub(crate) fn dt_civ(p: f64, lower_tail: bool, log_p: bool) -> f64 {
    if log_p {
        if lower_tail {
            -p.exp_m1()
        } else {
            p.exp()
        }
    } else if lower_tail {
        0.5 - p + 0.5
    } else {
        p
    }
}

/// `R_Q_P01_boundaries(p, left, right)`: `Some(result)` when p is on (or
/// outside) the boundary of [0, 1] (NaN when outside), `None` otherwise.
#[inline]
pub(crate) fn q_p01_boundaries(
    p: f64,
    left: f64,
    right: f64,
    lower_tail: bool,
    log_p: bool,
) -> Option<f64> {
    if log_p {
        if p > 0.0 {
            return Some(f64::NAN);
        }
        if p == 0.0 {
            return Some(if lower_tail { right } else { left });
        }
        if p == f64::NEG_INFINITY {
            return Some(if lower_tail { left } else { right });
        }
    } else {
        if !(0.0..=1.0).contains(&p) {
            return Some(f64::NAN);
        }
        if p == 0.0 {
            return Some(if lower_tail { left } else { right });
        }
        if p == 1.0 {
            return Some(if lower_tail { right } else { left });
        }
    }
    None
}

/// `R_Q_P01_check(p)`: true when p is not a valid probability on its scale.
#[inline]
pub(crate) fn q_p01_invalid(p: f64, log_p: bool) -> bool {
    if log_p {
        p > 0.0
    } else {
        !(0.0..=1.0).contains(&p)
    }
}

/// C's `frexp`: x = r * 2^e with 0.5 <= |r| < 1 (x finite, nonzero).
pub(crate) fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (y, adj) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = y.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let e = exp - 1022;
    let r = f64::from_bits((bits & !(0x7ff_u64 << 52)) | (1022_u64 << 52));
    (r, e + adj)
}

/// C's `ldexp`: x * 2^e, exact unless the result over- or underflows.
pub(crate) fn ldexp(mut x: f64, mut e: i32) -> f64 {
    // Scale in steps so that the intermediate power of two is representable.
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_ldexp_roundtrip() {
        for &x in &[1.0, 0.75, 3.0e300, 1.0e-310, -5.5, 1024.0] {
            let (r, e) = frexp(x);
            assert!((0.5..1.0).contains(&r.abs()), "{x}: {r}");
            assert_eq!(ldexp(r, e), x);
        }
    }
}
