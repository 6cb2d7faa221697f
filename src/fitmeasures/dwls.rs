//! Fit measures under WLSMV: the fitted model, its ordinal sample
//! statistics and the DWLS inference in; lavaan's `fitMeasures()` values
//! out (`R/lav_fit_*.R`, `R/lav_fit_catml_dwls.R`,
//! `R/lav_residuals_summary.R`):
//!
//! - T = (N−1)F̂; with U = W − WΔE⁻¹Δ′W, a = √(df / tr((UΓ)²)) and
//!   b = df − a·tr(UΓ): T_scaled = a·T + b (`chisq.scaling.factor` = 1/a);
//! - the baseline model has the thresholds free and all correlations 0:
//!   T₀ = (N−1) Σ w_ρ ρ̂², with tr(U₀Γ) = #correlations and
//!   tr((U₀Γ)²) = Σ w_ρ w_ρ′ Γ_ρρ′²;
//! - the "robust" CFI/TLI/RMSEA (Savalei 2021, `lav_fit_catml_dwls`): the
//!   ML discrepancy of the fitted correlation matrix against the
//!   polychoric one, T₃ = N·F_ML(Σ̂*, R̂), with
//!   ĉ = tr(U′VUΓ_ρ)/df, U = I − Δ_ρE⁻¹Δ_ρ′W_ρ and V the normal-theory
//!   weight of the correlations at Σ̂*; baseline T₃₀ = −N log|R̂|,
//!   ĉ₀ = tr(Γ_ρ)/df₀;
//! - RMSEA, Hoelter's CN and MFI use N − 1 (lavaan's `ntotal − ngroups`
//!   for non-ML estimators).

use super::indices::{incremental, rmsea};
use super::{chisq_pvalue, FitMeasures};
use crate::distributions::{
    qchisq, rmsea_ci_c_hat, rmsea_notclose_pvalue_c_hat, rmsea_pvalue_c_hat,
};
use crate::estimate::dwls::{Dwls, Stat};
use crate::estimate::Problem;
use crate::inference::dwls::DwlsInference;
use crate::samplestats::ordinal::OrdinalStats;
use nalgebra::DMatrix;

/// Fit measures under lavaan's names (see the module documentation).
pub fn fit_measures(
    prob: &Problem,
    d: &Dwls,
    st: &OrdinalStats,
    ev: &crate::estimate::ml::Eval,
    rb: &DwlsInference,
    fmin: f64,
) -> FitMeasures {
    let mut out = FitMeasures::new();
    let mut put = |k: &str, v: f64| {
        out.insert(k.to_string(), v.is_finite().then_some(v));
    };
    let ntotal = d.n as f64;
    let n = ntotal - 1.0; // lavaan's N for non-ML estimators
    let df_i = prob.df();
    let df = df_i as f64;
    // standard and scaled-shifted test
    let chisq = 2.0 * ntotal * fmin;
    let a = (df / rb.trace_ug2).sqrt();
    let shift = df - a * rb.trace_ug;
    let (chisq_s, scaling) = if df_i > 0 {
        (a * chisq + shift, 1.0 / a)
    } else {
        (chisq, f64::NAN)
    };
    put("npar", prob.npar() as f64);
    put("fmin", fmin);
    put("chisq", chisq);
    put("df", df);
    put("pvalue", chisq_pvalue(chisq, df));
    put("chisq.scaled", chisq_s);
    put("df.scaled", df);
    put("pvalue.scaled", chisq_pvalue(chisq_s, df));
    put("chisq.scaling.factor", scaling);
    // baseline: thresholds free, correlations 0
    let nth = d.n_th;
    let ncor = d.stats.len() - nth;
    let df0 = ncor as f64;
    let mut f0 = 0.0;
    let mut tr2 = 0.0;
    for k in nth..d.stats.len() {
        f0 += d.w[k] * d.obs[k] * d.obs[k];
        for l in nth..d.stats.len() {
            let g = d.gamma[(k, l)];
            tr2 += d.w[k] * d.w[l] * g * g;
        }
    }
    let x0 = (ntotal - 1.0) * f0;
    let a0 = (df0 / tr2).sqrt();
    let x0_s = a0 * x0 + (df0 - a0 * ncor as f64);
    put("baseline.chisq", x0);
    put("baseline.df", df0);
    put("baseline.pvalue", chisq_pvalue(x0, df0));
    put("baseline.chisq.scaled", x0_s);
    put("baseline.df.scaled", df0);
    put("baseline.pvalue.scaled", chisq_pvalue(x0_s, df0));
    put("baseline.chisq.scaling.factor", 1.0 / a0);
    // robust (catML) ingredients
    let cat = catml(d, st, ev, rb);
    incremental(chisq, df, x0, df0, None).put_all(&mut put, "");
    incremental(chisq_s, df, x0_s, df0, None).put_all(&mut put, ".scaled");
    match cat {
        Some(c) => incremental(
            c.xx3,
            df,
            c.xx3_null,
            c.df_null,
            Some((c.c_hat, c.c_hat_null)),
        ),
        None => incremental(f64::NAN, df, f64::NAN, df0, None),
    }
    .put_robust(&mut put);
    // RMSEA: standard, scaled (the scaled-shifted statistic), robust (catML)
    let ci = |x2: f64, c: f64| {
        if df > 0.0 {
            rmsea_ci_c_hat(x2, df, n, 1, c, 0.90)
        } else {
            (f64::NAN, f64::NAN)
        }
    };
    put("rmsea", rmsea(chisq, df, n, 1, 1.0));
    let (lo, hi) = ci(chisq, 1.0);
    put("rmsea.ci.lower", lo);
    put("rmsea.ci.upper", hi);
    put("rmsea.ci.level", 0.90);
    put(
        "rmsea.pvalue",
        rmsea_pvalue_c_hat(chisq, df, n, 1, 1.0, 0.05),
    );
    put("rmsea.close.h0", 0.05);
    put(
        "rmsea.notclose.pvalue",
        rmsea_notclose_pvalue_c_hat(chisq, df, n, 1, 1.0, 0.08),
    );
    put("rmsea.notclose.h0", 0.08);
    put("rmsea.scaled", rmsea(chisq_s, df, n, 1, 1.0));
    let (lo, hi) = ci(chisq_s, 1.0);
    put("rmsea.ci.lower.scaled", lo);
    put("rmsea.ci.upper.scaled", hi);
    put(
        "rmsea.pvalue.scaled",
        rmsea_pvalue_c_hat(chisq_s, df, n, 1, 1.0, 0.05),
    );
    put(
        "rmsea.notclose.pvalue.scaled",
        rmsea_notclose_pvalue_c_hat(chisq_s, df, n, 1, 1.0, 0.08),
    );
    match cat {
        Some(c) => {
            let x3s = c.xx3 / c.c_hat;
            put("rmsea.robust", rmsea(c.xx3, df, n, 1, c.c_hat));
            let (lo, hi) = ci(x3s, c.c_hat);
            put("rmsea.ci.lower.robust", lo);
            put("rmsea.ci.upper.robust", hi);
            put(
                "rmsea.pvalue.robust",
                rmsea_pvalue_c_hat(x3s, df, n, 1, c.c_hat, 0.05),
            );
            put(
                "rmsea.notclose.pvalue.robust",
                rmsea_notclose_pvalue_c_hat(x3s, df, n, 1, c.c_hat, 0.08),
            );
        }
        None => {
            for k in [
                "rmsea.robust",
                "rmsea.ci.lower.robust",
                "rmsea.ci.upper.robust",
                "rmsea.pvalue.robust",
                "rmsea.notclose.pvalue.robust",
            ] {
                put(k, f64::NAN);
            }
        }
    }
    // residuals: correlations (and thresholds), lavaan's categorical summary
    let resid = ev.resid.as_ref().expect("a DWLS evaluation");
    let p = prob.structure.p as f64;
    let ss_cor: f64 = resid.iter().skip(nth).map(|r| r * r).sum();
    let ss_th: f64 = resid.iter().take(nth).map(|r| r * r).sum();
    let (nc, nt) = (ncor as f64, nth as f64);
    let rmr_nomean = (ss_cor / (nc + p)).sqrt();
    let rmr = ((ss_cor + ss_th) / (nc + nt + p)).sqrt();
    put("rmr", rmr);
    put("rmr_nomean", rmr_nomean);
    put("srmr", rmr_nomean);
    put("srmr_bentler", rmr);
    put("srmr_bentler_nomean", rmr_nomean);
    put("crmr", ((ss_cor + ss_th) / (nc + nt)).sqrt());
    put("crmr_nomean", (ss_cor / nc).sqrt());
    put("srmr_mplus", f64::NAN);
    put("srmr_mplus_nomean", f64::NAN);
    // other indices
    let cn = |alpha: f64| {
        if df_i == 0 && chisq < f64::EPSILON {
            f64::NAN
        } else {
            qchisq(1.0 - alpha, df) / (chisq / n) + 1.0
        }
    };
    put("cn_05", cn(0.05));
    put("cn_01", cn(0.01));
    let nel = d.stats.len() as f64;
    let t1: f64 = resid.iter().zip(d.w.iter()).map(|(r, w)| r * r * w).sum();
    let t2: f64 = d.obs.iter().zip(d.w.iter()).map(|(s, w)| s * s * w).sum();
    let gfi = 1.0 - t1 / t2;
    let (agfi, pgfi) = super::agfi_pgfi(gfi, nel, df);
    put("gfi", gfi);
    put("agfi", agfi);
    put("pgfi", pgfi);
    put("mfi", (-0.5 * (chisq - df) / n).exp());
    put(
        "wrmr",
        if nel > 0.0 {
            (chisq / nel).sqrt()
        } else {
            f64::NAN
        },
    );
    out
}

/// The catML pieces of lavaan's robust CFI/TLI/RMSEA for categorical data.
#[derive(Debug, Clone, Copy)]
struct CatMl {
    xx3: f64,
    c_hat: f64,
    xx3_null: f64,
    df_null: f64,
    c_hat_null: f64,
}

fn catml(
    d: &Dwls,
    st: &OrdinalStats,
    ev: &crate::estimate::ml::Eval,
    rb: &DwlsInference,
) -> Option<CatMl> {
    let r = &st.cor;
    let p = r.nrows();
    let ntotal = d.n as f64;
    // lavaan gives up (NA) when the polychoric matrix is not positive definite
    let eig = r.clone().symmetric_eigen();
    if eig.eigenvalues.iter().any(|e| *e < f64::EPSILON.sqrt()) {
        return None;
    }
    let sigma = &ev.groups[0].imp.sigma;
    let (s_inv, ld_s) = crate::linalg::spd_inverse_logdet(sigma)?;
    let ld_r = crate::linalg::spd_logdet(r)?;
    let f_ml = ld_s + r.component_mul(&s_inv).sum() - ld_r - p as f64;
    let xx3 = ntotal * f_ml;
    let nth = d.n_th;
    let pairs: Vec<(usize, usize)> = d.stats[nth..]
        .iter()
        .map(|s| match *s {
            Stat::Correlation(i, j) => (i, j),
            Stat::Threshold(..) => unreachable!("correlations follow the thresholds"),
        })
        .collect();
    let m = pairs.len();
    // the parameters that move correlations (the others are thresholds)
    let act: Vec<usize> = (0..rb.cols.len())
        .filter(|&t| rb.cols[t].iter().any(|&(k, _)| k >= nth))
        .collect();
    let s_cnt = act.len();
    let df3 = (m - s_cnt) as f64;
    // Δ_s (correlations × active parameters), A = E⁻¹ on them
    let mut ds = DMatrix::zeros(m, s_cnt);
    for (c, &t) in act.iter().enumerate() {
        for &(k, v) in &rb.cols[t] {
            if k >= nth {
                ds[(k - nth, c)] = v;
            }
        }
    }
    let a = DMatrix::from_fn(s_cnt, s_cnt, |i, j| rb.e_inv[(act[i], act[j])]);
    // V: normal-theory weight of the correlations at Σ̂*
    let v = DMatrix::from_fn(m, m, |x, y| {
        let (i, j) = pairs[x];
        let (k, l) = pairs[y];
        s_inv[(i, k)] * s_inv[(j, l)] + s_inv[(i, l)] * s_inv[(j, k)]
    });
    let gamma_rho = d.gamma.view((nth, nth), (m, m)).into_owned();
    // ks = tr(U′VUΓ) with U = I − Δ_s A Δ_s′W:
    // tr(VΓ) − 2 tr(A X′Y) + tr(A M₁ A M₂), X = VΔ_s, Y = ΓWΔ_s,
    // M₁ = Δ_s′X, M₂ = (WΔ_s)′Y
    let mut wds = ds.clone();
    for (x, mut row) in wds.row_iter_mut().enumerate() {
        row *= d.w[nth + x];
    }
    let xm = &v * &ds;
    let ym = &gamma_rho * &wds;
    let m1 = ds.transpose() * &xm;
    let m2 = wds.transpose() * &ym;
    let xy = xm.transpose() * &ym;
    let mut tr_vg = 0.0;
    for x in 0..m {
        for y in 0..m {
            tr_vg += v[(x, y)] * gamma_rho[(x, y)];
        }
    }
    let am1 = &a * m1;
    let am2 = &a * m2;
    let ks = tr_vg - 2.0 * crate::inference::dwls::trace_prod(&a, &xy)
        + crate::inference::dwls::trace_prod(&am1, &am2);
    let c_hat = ks / df3;
    let xx3_null = -ntotal * ld_r;
    let df_null = m as f64;
    let c_hat_null = gamma_rho.trace() / df_null;
    Some(CatMl {
        xx3,
        c_hat,
        xx3_null,
        df_null,
        c_hat_null,
    })
}
