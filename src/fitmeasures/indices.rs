//! The fit indices shared by every estimator: the incremental indices
//! (CFI, TLI, RNI, NFI, PNFI, IFI, RFI — standard, scaled and robust) and the
//! RMSEA point estimate. In: test statistics and degrees of freedom of the
//! model and the baseline; out: the indices, as lavaan computes them.

/// Incremental fit indices with optional scaling factors, exactly as lavaan's
/// `lav_fit_cfi`, `lav_fit_tli`, `lav_fit_rni`, `lav_fit_nfi`, `lav_fit_ifi`,
/// `lav_fit_rfi`, `lav_fit_pnfi` (`R/lav_fit_cfi.R`). `c_hat` = None is
/// lavaan's call without `c.hat` (the standard and scaled indices); with
/// Some((c, c₀)) the robust version of Brosseau-Liard & Savalei (2014):
/// T − c·df replaces T − df (only when df > 0 and neither c is 1).
#[derive(Debug, Clone, Copy)]
pub struct Incremental {
    pub cfi: f64,
    pub tli: f64,
    pub rni: f64,
    pub nfi: f64,
    pub pnfi: f64,
    pub ifi: f64,
    pub rfi: f64,
}

impl Incremental {
    /// Stores every index under lavaan's name with `suffix` ("" for the
    /// standard indices, ".scaled"): cfi, tli and nnfi (the same), rfi, nfi,
    /// pnfi, ifi, rni.
    pub fn put_all(&self, put: &mut impl FnMut(&str, f64), suffix: &str) {
        for (name, v) in [
            ("cfi", self.cfi),
            ("tli", self.tli),
            ("nnfi", self.tli),
            ("rfi", self.rfi),
            ("nfi", self.nfi),
            ("pnfi", self.pnfi),
            ("ifi", self.ifi),
            ("rni", self.rni),
        ] {
            put(&format!("{name}{suffix}"), v);
        }
    }

    /// Stores the robust indices lavaan reports: `cfi.robust`, `tli.robust`,
    /// `nnfi.robust` (= TLI) and `rni.robust`.
    pub fn put_robust(&self, put: &mut impl FnMut(&str, f64)) {
        put("cfi.robust", self.cfi);
        put("tli.robust", self.tli);
        put("nnfi.robust", self.tli);
        put("rni.robust", self.rni);
    }
}

/// R's `isTRUE(all.equal(x, 0))`: |x| < 1.5e-8.
fn all_equal_zero(x: f64) -> bool {
    x.abs() < 1.5e-8
}

pub fn incremental(
    x2: f64,
    df: f64,
    x2_null: f64,
    df_null: f64,
    c_hat: Option<(f64, f64)>,
) -> Incremental {
    let nan = f64::NAN;
    let any_na = [x2, df, x2_null, df_null].iter().any(|v| v.is_nan())
        || c_hat.is_some_and(|(c, c0)| c.is_nan() || c0.is_nan());
    if any_na {
        return Incremental {
            cfi: nan,
            tli: nan,
            rni: nan,
            nfi: nan,
            pnfi: nan,
            ifi: nan,
            rfi: nan,
        };
    }
    let (c, c0) = match c_hat {
        Some((c, c0)) if df > 0.0 && c != 1.0 && c0 != 1.0 => (c, c0),
        _ => (1.0, 1.0),
    };
    let cfi = {
        let t1 = (x2 - c * df).max(0.0);
        let t2 = (x2 - c * df).max(x2_null - c0 * df_null).max(0.0);
        if all_equal_zero(t1) && all_equal_zero(t2) {
            1.0
        } else {
            1.0 - t1 / t2
        }
    };
    let tli = {
        let t1 = (x2 - c * df) * df_null;
        let t2 = (x2_null - c0 * df_null) * df;
        if df > 0.0 && t2.abs() > 0.0 {
            1.0 - t1 / t2
        } else if !t1.is_finite() || !t2.is_finite() {
            nan
        } else {
            1.0
        }
    };
    let rni = {
        let t1 = x2 - c * df;
        let t2 = x2_null - c0 * df_null;
        if all_equal_zero(t2) || !t1.is_finite() || !t2.is_finite() {
            nan
        } else {
            1.0 - t1 / t2
        }
    };
    let nfi = if df > df_null || all_equal_zero(x2_null) {
        nan
    } else if df > 0.0 {
        (x2_null - x2) / x2_null
    } else {
        1.0
    };
    let pnfi = if df_null > 0.0 && x2_null > 0.0 {
        (df / df_null) * ((x2_null - x2) / x2_null)
    } else {
        nan
    };
    let ifi = {
        let t1 = x2_null - x2;
        let t2 = x2_null - df;
        if !t1.is_finite() || !t2.is_finite() {
            nan
        } else if t2 < 0.0 {
            1.0
        } else if all_equal_zero(t2) {
            nan
        } else {
            t1 / t2
        }
    };
    let rfi = if df > df_null {
        nan
    } else if df > 0.0 && df_null > 0.0 {
        let t1 = x2_null / df_null - x2 / df;
        let t2 = x2_null / df_null;
        if !t1.is_finite() || !t2.is_finite() {
            nan
        } else if t1 < 0.0 || t2 < 0.0 {
            1.0
        } else {
            t1 / t2
        }
    } else {
        1.0
    };
    Incremental {
        cfi,
        tli,
        rni,
        nfi,
        pnfi,
        ifi,
        rfi,
    }
}

/// lavaan's `lav_fit_rmsea`: √G·√max(X²/(N·df) − c/N, 0), 0 when df ≤ 0,
/// NA when df is NA.
pub fn rmsea(x2: f64, df: f64, n: f64, groups: usize, c_hat: f64) -> f64 {
    if df.is_nan() || x2.is_nan() {
        return f64::NAN;
    }
    if df > 0.0 {
        let v = (x2 / n) / df - c_hat / n;
        if v.is_nan() {
            return f64::NAN; // R's pmax keeps the NA
        }
        v.max(0.0).sqrt() * (groups as f64).sqrt()
    } else {
        0.0
    }
}
