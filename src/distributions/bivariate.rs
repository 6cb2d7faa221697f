//! Standard bivariate normal distribution with correlation ρ.

use super::normal::pnorm;

/// P(X < h, Y < k) for a standard bivariate normal (X, Y) with
/// correlation `rho`.
///
/// Port of Alan Genz's `BVND` (as used by R's `pbivnorm` and `mvtnorm`
/// packages), which is based on Drezner & Wesolowsky (1989), "On the
/// computation of the bivariate normal integral", J. Statist. Comput.
/// Simul. 35, 101–107, with Genz's modifications for double precision and
/// for |ρ| close to 1 (Genz 2004, "Numerical computation of rectangular
/// bivariate and trivariate normal and t probabilities", Statistics and
/// Computing 14, 251–260): Gauss–Legendre quadrature with 6, 12 or 20
/// points depending on |ρ|. The absolute error is about 1e-16. Univariate
/// probabilities use [`pnorm`] (R's) instead of Genz's `PHID`.
///
/// h and k may be ±∞ (e.g. P(X < h, Y < ∞) = Φ(h)); ρ = ±1 gives the
/// degenerate limits. The result is clamped to [0, 1]. Returns NaN if an
/// argument is NaN or |ρ| > 1.
pub fn pbinorm(h: f64, k: f64, rho: f64) -> f64 {
    if h.is_nan() || k.is_nan() || rho.is_nan() || rho.abs() > 1.0 {
        return f64::NAN;
    }
    if h == f64::NEG_INFINITY || k == f64::NEG_INFINITY {
        return 0.0;
    }
    if h == f64::INFINITY {
        return pnorm(k);
    }
    if k == f64::INFINITY {
        return pnorm(h);
    }
    // Beyond |z| = 40 every probability involved is 0 or 1 to double
    // precision; clamping keeps h*h and h*k finite.
    let h = h.clamp(-40.0, 40.0);
    let k = k.clamp(-40.0, 40.0);
    // P(X < h, Y < k) = BVND(-h, -k, rho); rounding can leave it a hair
    // outside [0, 1].
    bvnd(-h, -k, rho).clamp(0.0, 1.0)
}

/// Standard bivariate normal density at (h, k) with correlation `rho`:
/// exp(−(h² − 2ρhk + k²)/(2(1 − ρ²))) / (2π √(1 − ρ²)).
///
/// Returns 0 if h or k is infinite, NaN if an argument is NaN or |ρ| >= 1
/// (the distribution is then singular and has no density). Unlike
/// lavaan's `dbinorm()` it does not clip ρ to ±0.9999; callers that want
/// lavaan's behaviour clip first.
pub fn dbinorm(h: f64, k: f64, rho: f64) -> f64 {
    if h.is_nan() || k.is_nan() || rho.is_nan() || rho.abs() >= 1.0 {
        return f64::NAN;
    }
    if h.is_infinite() || k.is_infinite() {
        return 0.0;
    }
    let r = (1.0 - rho) * (1.0 + rho); // 1 - rho^2 without cancellation
    let q = (h * h - 2.0 * rho * h * k + k * k) / r;
    (-0.5 * q).exp() / (std::f64::consts::TAU * r.sqrt())
}

/// Genz's Gauss–Legendre half-rules of `BVND` for correlation `r`:
/// (weights, abscissae) of the 6-, 12- or 20-point rule for |r| < 0.3,
/// < 0.75 or larger. Shared with the polychoric correlations'
/// many-rectangle evaluation (`crate::samplestats::ordinal`).
pub(crate) fn bvnd_rule(r: f64) -> (&'static [f64], &'static [f64]) {
    const W6: [f64; 3] = [0.1713244923791705, 0.3607615730481384, 0.4679139345726904];
    const X6: [f64; 3] = [
        -0.9324695142031522,
        -0.6612093864662647,
        -0.2386191860831970,
    ];
    const W12: [f64; 6] = [
        0.4717533638651177e-01,
        0.1069393259953183,
        0.1600783285433464,
        0.2031674267230659,
        0.2334925365383547,
        0.2491470458134029,
    ];
    const X12: [f64; 6] = [
        -0.9815606342467191,
        -0.9041172563704750,
        -0.7699026741943050,
        -0.5873179542866171,
        -0.3678314989981802,
        -0.1252334085114692,
    ];
    const W20: [f64; 10] = [
        0.1761400713915212e-01,
        0.4060142980038694e-01,
        0.6267204833410906e-01,
        0.8327674157670475e-01,
        0.1019301198172404,
        0.1181945319615184,
        0.1316886384491766,
        0.1420961093183821,
        0.1491729864726037,
        0.1527533871307259,
    ];
    const X20: [f64; 10] = [
        -0.9931285991850949,
        -0.9639719272779138,
        -0.9122344282513259,
        -0.8391169718222188,
        -0.7463319064601508,
        -0.6360536807265150,
        -0.5108670019508271,
        -0.3737060887154196,
        -0.2277858511416451,
        -0.7652652113349733e-01,
    ];
    if r.abs() < 0.3 {
        (&W6, &X6)
    } else if r.abs() < 0.75 {
        (&W12, &X12)
    } else {
        (&W20, &X20)
    }
}

/// Genz's `BVND(DH, DK, R)`: P(X > dh, Y > dk) for finite dh, dk and
/// |r| <= 1.
fn bvnd(dh: f64, dk: f64, r: f64) -> f64 {
    const TWOPI: f64 = std::f64::consts::TAU; // Genz: 6.283185307179586D0
    let (w, x) = bvnd_rule(r);
    let h = dh;
    let mut k = dk;
    let mut hk = h * k;
    let mut bvn = 0.0;
    if r.abs() < 0.925 {
        if r.abs() > 0.0 {
            let hs = (h * h + k * k) / 2.0;
            let asr = r.asin();
            for (wi, xi) in w.iter().zip(x) {
                for is in [-1.0, 1.0] {
                    let sn = (asr * (is * xi + 1.0) / 2.0).sin();
                    bvn += wi * ((sn * hk - hs) / (1.0 - sn * sn)).exp();
                }
            }
            bvn = bvn * asr / (2.0 * TWOPI);
        }
        bvn += pnorm(-h) * pnorm(-k);
    } else {
        if r < 0.0 {
            k = -k;
            hk = -hk;
        }
        if r.abs() < 1.0 {
            let as_ = (1.0 - r) * (1.0 + r);
            let mut a = as_.sqrt();
            let bs = (h - k) * (h - k);
            let c = (4.0 - hk) / 8.0;
            let d = (12.0 - hk) / 16.0;
            let asr = -(bs / as_ + hk) / 2.0;
            if asr > -100.0 {
                bvn = a
                    * asr.exp()
                    * (1.0 - c * (bs - as_) * (1.0 - d * bs / 5.0) / 3.0 + c * d * as_ * as_ / 5.0);
            }
            if -hk < 100.0 {
                let b = bs.sqrt();
                bvn -= (-hk / 2.0).exp()
                    * TWOPI.sqrt()
                    * pnorm(-b / a)
                    * b
                    * (1.0 - c * bs * (1.0 - d * bs / 5.0) / 3.0);
            }
            a /= 2.0;
            for (wi, xi) in w.iter().zip(x) {
                for is in [-1.0, 1.0] {
                    let xs = (a * (is * xi + 1.0)).powi(2);
                    let rs = (1.0 - xs).sqrt();
                    let asr = -(bs / xs + hk) / 2.0;
                    if asr > -100.0 {
                        bvn += a
                            * wi
                            * asr.exp()
                            * ((-hk * xs / (2.0 * (1.0 + rs).powi(2))).exp() / rs
                                - (1.0 + c * xs * (1.0 + d * xs)));
                    }
                }
            }
            bvn = -bvn / TWOPI;
        }
        if r > 0.0 {
            bvn += pnorm(-h.max(k));
        } else {
            bvn = -bvn;
            if k > h {
                if h < 0.0 {
                    bvn = bvn + pnorm(k) - pnorm(h);
                } else {
                    bvn = bvn + pnorm(-h) - pnorm(-k);
                }
            }
        }
    }
    bvn
}
