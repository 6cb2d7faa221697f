//! Fit measures under WLSMV: the fitted model, its ordinal sample
//! statistics (per group) and the DWLS inference in; lavaan's
//! `fitMeasures()` values out (`R/lav_fit_*.R`, `R/lav_fit_catml_dwls.R`,
//! `R/lav_residuals_summary.R`):
//!
//! - T = 2N f̂ = Σ_g (n_g−1)F̂_g; with the traces of UΓ
//!   ([`crate::inference::dwls`]), a = √(df / tr((UΓ)²)) and
//!   b = df − a·tr(UΓ): T_scaled = a·T + b (`chisq.scaling.factor` = 1/a);
//! - the baseline model has the thresholds free in every group and all
//!   correlations 0 (no equality across groups):
//!   T₀ = Σ_g (n_g−1) Σ w_ρ ρ̂², with tr(U₀Γ) = #correlations and
//!   tr((U₀Γ)²) = Σ_g Σ w_ρ w_ρ′ Γ_ρρ′²;
//! - the "robust" CFI/TLI/RMSEA (Savalei 2021, `lav_fit_catml_dwls`): the
//!   ML discrepancy of the fitted correlation matrices against the
//!   polychoric ones, T₃ = Σ_g n_g F_ML(Σ̂*_g, R̂_g), with
//!   ĉ = tr(U′VUΓ_ρ)/df₃ over the stacked groups (U = I − Δ_ρE⁻¹Δ_ρ′W_ρ,
//!   V the normal-theory weight of the correlations at Σ̂*, each group's
//!   blocks weighted as in the test), df₃ the degrees of freedom of the
//!   model without thresholds and means; baseline T₃₀ = −Σ_g n_g log|R̂_g|,
//!   ĉ₀ = Σ_g tr(Γ_ρ,g)/f_g / df₀. lavaan refits that model without the
//!   thresholds and intercepts, which fails (NA) when an equality
//!   constraint involves a threshold or an intercept (e.g.
//!   `group.equal = "thresholds"`): then these are NA here too;
//! - RMSEA (√G for G groups), Hoelter's CN and MFI use N − G (lavaan's
//!   `ntotal − ngroups` for non-ML estimators); SRMR and its relatives are
//!   each group's weighted by n_g/N; GFI the n_g-weighted mean; WRMR
//!   divides by the number of statistics of group 1 (as lavaan).

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
    groups: &[&OrdinalStats],
    ev: &crate::estimate::ml::Eval,
    rb: &DwlsInference,
    fmin: f64,
) -> FitMeasures {
    let mut out = FitMeasures::new();
    let mut put = |k: &str, v: f64| {
        out.insert(k.to_string(), v.is_finite().then_some(v));
    };
    let ntotal = d.ntotal as f64;
    let ng = d.blocks.len();
    let n = ntotal - ng as f64; // lavaan's N for non-ML estimators
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
    // baseline: thresholds free, correlations 0, in every group
    let (mut x0, mut tr2, mut ncor) = (0.0, 0.0, 0usize);
    for b in &d.blocks {
        let mut f0 = 0.0;
        for k in b.correlations() {
            f0 += d.w[k] * d.obs[k] * d.obs[k];
            for l in b.correlations() {
                let g = b.gamma[(k - b.offset, l - b.offset)];
                tr2 += d.w[k] * d.w[l] * g * g;
            }
        }
        x0 += (b.n as f64 - 1.0) * f0;
        ncor += b.correlations().len();
    }
    let df0 = ncor as f64;
    let a0 = (df0 / tr2).sqrt();
    let x0_s = a0 * x0 + (df0 - a0 * df0);
    put("baseline.chisq", x0);
    put("baseline.df", df0);
    put("baseline.pvalue", chisq_pvalue(x0, df0));
    put("baseline.chisq.scaled", x0_s);
    put("baseline.df.scaled", df0);
    put("baseline.pvalue.scaled", chisq_pvalue(x0_s, df0));
    put("baseline.chisq.scaling.factor", 1.0 / a0);
    // robust (catML) ingredients
    let cat = catml(prob, d, groups, ev, rb);
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
    let ci = |x2: f64, df: f64, c: f64| {
        if df > 0.0 {
            rmsea_ci_c_hat(x2, df, n, ng, c, 0.90)
        } else {
            (f64::NAN, f64::NAN)
        }
    };
    put("rmsea", rmsea(chisq, df, n, ng, 1.0));
    let (lo, hi) = ci(chisq, df, 1.0);
    put("rmsea.ci.lower", lo);
    put("rmsea.ci.upper", hi);
    put("rmsea.ci.level", 0.90);
    put(
        "rmsea.pvalue",
        rmsea_pvalue_c_hat(chisq, df, n, ng, 1.0, 0.05),
    );
    put("rmsea.close.h0", 0.05);
    put(
        "rmsea.notclose.pvalue",
        rmsea_notclose_pvalue_c_hat(chisq, df, n, ng, 1.0, 0.08),
    );
    put("rmsea.notclose.h0", 0.08);
    put("rmsea.scaled", rmsea(chisq_s, df, n, ng, 1.0));
    let (lo, hi) = ci(chisq_s, df, 1.0);
    put("rmsea.ci.lower.scaled", lo);
    put("rmsea.ci.upper.scaled", hi);
    put(
        "rmsea.pvalue.scaled",
        rmsea_pvalue_c_hat(chisq_s, df, n, ng, 1.0, 0.05),
    );
    put(
        "rmsea.notclose.pvalue.scaled",
        rmsea_notclose_pvalue_c_hat(chisq_s, df, n, ng, 1.0, 0.08),
    );
    match cat {
        Some(c) => {
            let x3s = c.xx3 / c.c_hat;
            put("rmsea.robust", rmsea(c.xx3, c.df3, n, ng, c.c_hat));
            let (lo, hi) = ci(x3s, c.df3, c.c_hat);
            put("rmsea.ci.lower.robust", lo);
            put("rmsea.ci.upper.robust", hi);
            put(
                "rmsea.pvalue.robust",
                rmsea_pvalue_c_hat(x3s, c.df3, n, ng, c.c_hat, 0.05),
            );
            put(
                "rmsea.notclose.pvalue.robust",
                rmsea_notclose_pvalue_c_hat(x3s, c.df3, n, ng, c.c_hat, 0.08),
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
    // residuals: correlations (and thresholds), lavaan's categorical
    // summary per group, weighted by n_g/N
    let resid = ev.resid.as_ref().expect("a DWLS evaluation");
    let p = prob.structure.p as f64;
    let mut res = [0.0; 6];
    for b in &d.blocks {
        let fg = d.group_weight(b);
        let ss_cor: f64 = b.correlations().map(|k| resid[k] * resid[k]).sum();
        let ss_th: f64 = (b.offset..b.offset + b.n_th)
            .map(|k| resid[k] * resid[k])
            .sum();
        let (nc, nt) = (b.correlations().len() as f64, b.n_th as f64);
        let group = [
            ((ss_cor + ss_th) / (nc + nt + p)).sqrt(),
            (ss_cor / (nc + p)).sqrt(),
            ((ss_cor + ss_th) / (nc + nt)).sqrt(),
            (ss_cor / nc).sqrt(),
            0.0,
            0.0,
        ];
        for (r, x) in res.iter_mut().zip(group) {
            *r += fg * x;
        }
    }
    let [rmr, rmr_nomean, crmr, crmr_nomean, ..] = res;
    put("rmr", rmr);
    put("rmr_nomean", rmr_nomean);
    put("srmr", rmr_nomean);
    put("srmr_bentler", rmr);
    put("srmr_bentler_nomean", rmr_nomean);
    put("crmr", crmr);
    put("crmr_nomean", crmr_nomean);
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
    let nel = d.len() as f64;
    let mut gfi = 0.0;
    for b in &d.blocks {
        let t1: f64 = b.range().map(|k| resid[k] * resid[k] * d.w[k]).sum();
        let t2: f64 = b.range().map(|k| d.obs[k] * d.obs[k] * d.w[k]).sum();
        gfi += d.group_weight(b) * (1.0 - t1 / t2);
    }
    let (agfi, pgfi) = super::agfi_pgfi(gfi, nel, df);
    put("gfi", gfi);
    put("agfi", agfi);
    put("pgfi", pgfi);
    put("mfi", (-0.5 * (chisq - df) / n).exp());
    // lavaan counts the statistics of the first group only here
    let nel1 = d.blocks.first().map_or(0, |b| b.stats.len()) as f64;
    put(
        "wrmr",
        if nel1 > 0.0 {
            (chisq / nel1).sqrt()
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
    df3: f64,
    c_hat: f64,
    xx3_null: f64,
    df_null: f64,
    c_hat_null: f64,
}

/// Whether an equality constraint ties a threshold or an intercept (or a
/// latent mean) to another row: lavaan's catML refit drops those rows and
/// fails on the constraint, so the robust measures are NA.
fn constrains_thresholds(pt: &crate::partable::ParTable) -> bool {
    use crate::partable::Op;
    pt.params.iter().enumerate().any(|(r, p)| {
        matches!(p.op, Op::Threshold | Op::Intercept)
            && p.free > 0
            && pt
                .params
                .iter()
                .enumerate()
                .any(|(s, q)| s != r && q.free == p.free)
    })
}

fn catml(
    prob: &Problem,
    d: &Dwls,
    groups: &[&OrdinalStats],
    ev: &crate::estimate::ml::Eval,
    rb: &DwlsInference,
) -> Option<CatMl> {
    use crate::partable::Op;
    let pt = prob.pt;
    if constrains_thresholds(pt) {
        return None;
    }
    let values = ev.row_values.as_ref()?;
    // the parameters of the model without thresholds and means: those that
    // move correlations (lavaan counts the free rows other than `|`, `~1`)
    let mut kept = vec![false; pt.n_free];
    for p in &pt.params {
        if p.free > 0 && !matches!(p.op, Op::Threshold | Op::Intercept) {
            kept[p.free - 1] = true;
        }
    }
    let act: Vec<usize> = (0..pt.n_free).filter(|&t| kept[t]).collect();
    let s_cnt = act.len();
    let a = DMatrix::from_fn(s_cnt, s_cnt, |i, j| rb.e_inv[(act[i], act[j])]);
    let (mut xx3, mut xx3_null, mut kbs, mut tr_vg, mut m_all) = (0.0, 0.0, 0.0, 0.0, 0usize);
    let mut m1 = DMatrix::zeros(s_cnt, s_cnt);
    let mut m2 = DMatrix::zeros(s_cnt, s_cnt);
    let mut xy = DMatrix::zeros(s_cnt, s_cnt);
    for (b, st) in d.blocks.iter().zip(groups) {
        let r = &st.cor;
        let p = r.nrows();
        let ng = b.n as f64;
        let fg = d.group_weight(b);
        // lavaan gives up (NA) when a polychoric matrix is not positive definite
        let eig = r.clone().symmetric_eigen();
        if eig.eigenvalues.iter().any(|e| *e < f64::EPSILON.sqrt()) {
            return None;
        }
        // Σ̂* = D Σ̂ D with the scaling factors
        let delta = b.deltas(values, p);
        let sig = &ev.groups[b.group].imp.sigma;
        let sigma = DMatrix::from_fn(p, p, |i, j| delta[i] * delta[j] * sig[(i, j)]);
        let (s_inv, ld_s) = crate::linalg::spd_inverse_logdet(&sigma)?;
        let ld_r = crate::linalg::spd_logdet(r)?;
        let f_ml = ld_s + r.component_mul(&s_inv).sum() - ld_r - p as f64;
        xx3 += ng * f_ml;
        xx3_null += -ng * ld_r;
        let nth = b.n_th;
        let pairs: Vec<(usize, usize)> = b.stats[nth..]
            .iter()
            .map(|s| match *s {
                Stat::Correlation(i, j) => (i, j),
                Stat::Threshold(..) => unreachable!("correlations follow the thresholds"),
            })
            .collect();
        let m = pairs.len();
        m_all += m;
        // Δ_s (the group's correlations × kept parameters)
        let mut ds = DMatrix::zeros(m, s_cnt);
        for (c, &t) in act.iter().enumerate() {
            for &(k, v) in &rb.cols[t] {
                if b.correlations().contains(&k) {
                    ds[(k - b.offset - nth, c)] = v;
                }
            }
        }
        // V: normal-theory weight of the correlations at Σ̂*
        let v = DMatrix::from_fn(m, m, |x, y| {
            let (i, j) = pairs[x];
            let (k, l) = pairs[y];
            s_inv[(i, k)] * s_inv[(j, l)] + s_inv[(i, l)] * s_inv[(j, k)]
        });
        let gamma_rho = b.gamma.view((nth, nth), (m, m)).into_owned();
        // ks = tr(U′VUΓ), U = I − Δ_s A Δ_s′W, stacked over the groups:
        // Σ_g tr(V_gΓ_g) − 2 tr(A Σ_g f_g X_g′Y_g) + tr(A M₁ A M₂),
        // X_g = V_gΔ_g, Y_g = Γ_gW_gΔ_g, M₁ = Σ_g f_g Δ_g′X_g,
        // M₂ = Σ_g f_g (W_gΔ_g)′Y_g
        let mut wds = ds.clone();
        for (x, mut row) in wds.row_iter_mut().enumerate() {
            row *= d.w[b.offset + nth + x];
        }
        let xm = &v * &ds;
        let ym = &gamma_rho * &wds;
        m1 += (ds.transpose() * &xm) * fg;
        m2 += (wds.transpose() * &ym) * fg;
        xy += (xm.transpose() * &ym) * fg;
        for x in 0..m {
            for y in 0..m {
                tr_vg += v[(x, y)] * gamma_rho[(x, y)];
            }
        }
        kbs += gamma_rho.trace() / fg;
    }
    let am1 = &a * m1;
    let am2 = &a * m2;
    let ks = tr_vg - 2.0 * crate::inference::dwls::trace_prod(&a, &xy)
        + crate::inference::dwls::trace_prod(&am1, &am2);
    let df3 = (m_all - s_cnt) as f64 + prob.n_eq as f64;
    let df_null = m_all as f64;
    Some(CatMl {
        xx3,
        df3,
        c_hat: ks / df3,
        xx3_null,
        df_null,
        c_hat_null: kbs / df_null,
    })
}
