//! The scaled and robust fit measures of MLM and MLR: the model's and the
//! baseline's scaled tests ([`crate::inference::robust::ScaledTest`]) in;
//! lavaan's `*.scaled` and `*.robust` measures out.

use super::indices::{incremental, rmsea};
use super::{chisq_pvalue, FitMeasures};
use crate::distributions::{rmsea_ci_c_hat, rmsea_notclose_pvalue_c_hat, rmsea_pvalue_c_hat};
use crate::inference::robust::ScaledTest;

/// Adds lavaan's scaled and robust fit measures (`*.scaled`, `*.robust`,
/// `chisq.scaling.factor`, `baseline.*.scaled`, and for MLR
/// `scaling.factor.h1`/`h0`) to `fit` (`R/lav_fit_measures.R`,
/// `R/lav_fit_cfi.R::lav_fit_cfi_lavobject`,
/// `R/lav_fit_rmsea.R::lav_fit_rmsea_lavobject`). `n` is lavaan's N (ntotal
/// for ML) and `groups` the number of groups; the RMSEA CIs are 90%.
pub fn add_fit_measures(
    fit: &mut FitMeasures,
    test: &ScaledTest,
    baseline: Option<&ScaledTest>,
    n: f64,
    groups: usize,
) {
    let mut put = |k: &str, v: f64| {
        fit.insert(k.to_string(), v.is_finite().then_some(v));
    };
    let (x2, df, c) = (test.chisq, test.df, test.scaling_factor);
    let x2_scaled = test.chisq_scaled();
    put("chisq.scaled", x2_scaled);
    put("df.scaled", df);
    put("pvalue.scaled", chisq_pvalue(x2_scaled, df));
    put("chisq.scaling.factor", c);
    if let Some(h1) = test.scaling_factor_h1 {
        put("scaling.factor.h1", h1);
    }
    if let Some(h0) = test.scaling_factor_h0 {
        put("scaling.factor.h0", h0);
    }
    // baseline and incremental indices
    let nan = f64::NAN;
    let (x2_0, df_0, c_0, x2_0_scaled) = match baseline {
        Some(b) => (b.chisq, b.df, b.scaling_factor, b.chisq_scaled()),
        None => (nan, nan, nan, nan),
    };
    put("baseline.chisq.scaled", x2_0_scaled);
    put("baseline.df.scaled", df_0);
    put("baseline.pvalue.scaled", chisq_pvalue(x2_0_scaled, df_0));
    put("baseline.chisq.scaling.factor", c_0);
    incremental(x2_scaled, df, x2_0_scaled, df_0, None).put_all(&mut put, ".scaled");
    incremental(x2, df, x2_0, df_0, Some((c, c_0))).put_robust(&mut put);
    // RMSEA: "scaled" uses X² with df2 = trace(UΓ) (= c·df), "robust" uses
    // T/c with df and c.hat = c (Savalei 2018)
    let df2 = if test.trace_ugamma.is_finite() && test.trace_ugamma != 0.0 {
        test.trace_ugamma
    } else {
        nan
    };
    put("rmsea.scaled", rmsea(x2, df2, n, groups, 1.0));
    let (lo, hi) = if df2.is_finite() {
        rmsea_ci_c_hat(x2, df2, n, groups, 1.0, 0.90)
    } else {
        (nan, nan)
    };
    put("rmsea.ci.lower.scaled", lo);
    put("rmsea.ci.upper.scaled", hi);
    put(
        "rmsea.pvalue.scaled",
        if df2.is_finite() {
            rmsea_pvalue_c_hat(x2, df2, n, groups, 1.0, 0.05)
        } else {
            nan
        },
    );
    put(
        "rmsea.notclose.pvalue.scaled",
        if df2.is_finite() {
            rmsea_notclose_pvalue_c_hat(x2, df2, n, groups, 1.0, 0.08)
        } else {
            nan
        },
    );
    // with df = 0 (c is NA) lavaan still gives 0 for the robust RMSEA and its CI
    put("rmsea.robust", rmsea(x2, df, n, groups, c));
    let (lo, hi) = rmsea_ci_c_hat(x2_scaled, df, n, groups, c, 0.90);
    put("rmsea.ci.lower.robust", lo);
    put("rmsea.ci.upper.robust", hi);
    put(
        "rmsea.pvalue.robust",
        rmsea_pvalue_c_hat(x2_scaled, df, n, groups, c, 0.05),
    );
    put(
        "rmsea.notclose.pvalue.robust",
        rmsea_notclose_pvalue_c_hat(x2_scaled, df, n, groups, c, 0.08),
    );
}
