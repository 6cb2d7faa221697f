//! Fit measures: sample moments, the fitted model's implied moments and the
//! test statistic in; lavaan's `fitMeasures()` values out, under lavaan's
//! names (`chisq`, `cfi`, `rmsea.ci.lower`, ...).
//!
//! Sources (lavaan 0.6): `R/lav_test.R` (χ²), `R/lav_fit_cfi.R` (incremental
//! indices), `R/lav_fit_rmsea.R`, `R/lav_residuals.R` + `R/lav_fit_srmr.R`
//! (RMR/SRMR/CRMR), `R/lav_fit_gfi.R` (LISREL GFI family),
//! `R/lav_fit_aic.R`, `R/lav_model_loglik.R`, `R/lav_fit_other.R`
//! (Hoelter's CN, MFI, ECVI).

pub mod amos;
pub mod dwls;
pub mod fiml;
pub mod indices;
pub mod scaled;

use crate::distributions::{pchisq_upper, qchisq, rmsea_ci, rmsea_notclose_pvalue, rmsea_pvalue};
use crate::model::Implied;
use crate::samplestats::moments::{logdet_pd, GroupMoments};
use nalgebra::DMatrix;
use std::collections::BTreeMap;

/// lavaan's fit measures by name; `None` where lavaan reports NA.
pub type FitMeasures = BTreeMap<String, Option<f64>>;

/// Measures whose value comes from the test statistic: under a scaled test
/// (MLM, MLR, WLSMV) their robust or scaled version is the one to report.
pub const TEST_BASED: [&str; 11] = [
    "chisq",
    "pvalue",
    "cfi",
    "tli",
    "nfi",
    "ifi",
    "rni",
    "rmsea",
    "rmsea.ci.lower",
    "rmsea.ci.upper",
    "rmsea.pvalue",
];

/// Whether the fit carries a scaled test (MLM, MLR, WLSMV: lavaan's
/// `chisq.scaled`).
pub fn has_scaled_test(fit: &FitMeasures) -> bool {
    fit.contains_key("chisq.scaled")
}

/// Which CFI, TLI and RMSEA (and their relatives: RNI, the RMSEA's
/// interval and p-close) a fit reports: the one rule that the fit tables,
/// APA Table 2, the methods paragraph, the HTML report and every comparison
/// of models (the invariance ladder, `semlab compare`:
/// [`crate::nested_models::ReportedFit::of_all`]) read, so that prose and
/// tables name the same indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Indices {
    /// The standard indices (a standard test: ML, FIML).
    #[default]
    Standard,
    /// The robust indices of a scaled test (MLM, MLR, WLSMV; Brosseau-Liard
    /// & Savalei 2014, Savalei 2018, 2021; lavaan's `*.robust`).
    Robust,
    /// The scaled indices of a scaled test (lavaan's `*.scaled`): the fit
    /// has no robust CFI, TLI or RMSEA — lavaan leaves them NA, e.g. under
    /// WLSMV when an equality constraint ties thresholds (its catML refit
    /// fails, `R/lav_fit_catml_dwls.R`) or a polychoric matrix is not
    /// positive definite.
    Scaled,
}

impl Indices {
    /// The kind one fit reports: standard without a scaled test
    /// ([`has_scaled_test`]), robust when its robust CFI, TLI and RMSEA all
    /// have a value, else scaled.
    pub fn of_fit(fit: &FitMeasures) -> Indices {
        if !has_scaled_test(fit) {
            return Indices::Standard;
        }
        let valued = |k: &str| fit.get(k).copied().flatten().is_some();
        if ["cfi.robust", "tli.robust", "rmsea.robust"]
            .iter()
            .all(|k| valued(k))
        {
            Indices::Robust
        } else {
            Indices::Scaled
        }
    }

    /// The kind that fits compared side by side report, the same in all so
    /// that ΔCFI and ΔRMSEA compare like with like: scaled when one of
    /// them has no robust indices, and which fits (their positions) those
    /// are.
    pub fn common(fits: &[&FitMeasures]) -> (Indices, Vec<usize>) {
        let kinds: Vec<Indices> = fits.iter().map(|f| Indices::of_fit(f)).collect();
        let without: Vec<usize> = (0..fits.len())
            .filter(|&i| kinds[i] == Indices::Scaled)
            .collect();
        let kind = if !without.is_empty() {
            Indices::Scaled
        } else if kinds.contains(&Indices::Robust) {
            Indices::Robust
        } else {
            Indices::Standard
        };
        (kind, without)
    }
}

/// The one decision of which version of the measure `base` (lavaan's name
/// of the standard measure: `cfi`, `rmsea`, `chisq`, `df`) a report gives
/// for this fit: the name of the value to read, or None when the fit has no
/// version of it. Every report (the fit tables, APA Table 2, the methods
/// paragraph) and every comparison of models (the invariance ladder,
/// `semlab compare`) read it.
///
/// Without a scaled test: `base` itself. With one, what lavaan's
/// `summary(fit.measures = TRUE)` and Mplus lead with: the scaled χ², its
/// df and p (`chisq.scaled`, `df.scaled`, `pvalue.scaled`), and for the other
/// test-based measures the version [`Indices::of_fit`] names — the robust
/// one (Brosseau-Liard & Savalei 2014; Savalei 2018, 2021; lavaan's
/// `*.robust`) where the measure has one, else the scaled one
/// (`*.scaled`). Measures not computed from the test (SRMR, GFI, AIC, BIC)
/// are `base` itself.
pub fn reported_key(fit: &FitMeasures, base: &str) -> Option<String> {
    let has = |k: &str| fit.contains_key(k);
    if !has_scaled_test(fit) || !(TEST_BASED.contains(&base) || base == "df") {
        return has(base).then(|| base.to_string());
    }
    if base == "df" {
        return Some(if has("df.scaled") { "df.scaled" } else { "df" }.to_string())
            .filter(|k| has(k));
    }
    let robust = format!("{base}.robust");
    let scaled = format!("{base}.scaled");
    if Indices::of_fit(fit) == Indices::Robust && has(&robust) {
        return Some(robust);
    }
    has(&scaled).then_some(scaled)
}

/// χ²/df, the one place it is computed: the test statistic a paper reports
/// over its degrees of freedom (the ratio of Wheaton et al. 1977, which
/// Kline 2016 discusses; lavaan itself has no χ²/df). With a scaled test —
/// MLM's Satorra–Bentler (1994), MLR's Yuan–Bentler (2000) `chisq.scaled`
/// over `df.scaled`, WLSMV's mean-and-variance adjusted (scaled-and-shifted,
/// Asparouhov & Muthén 2010) statistic, whose df lavaan keeps at the
/// model's — the scaled statistic is the one reported (lavaan's summary and
/// Mplus lead with it), so the ratio uses it. None when df = 0 or the
/// statistic is missing.
pub fn chisq_df(fit: &FitMeasures) -> Option<f64> {
    let get = |k: &str| fit.get(k).copied().flatten();
    let (x2, df) = if fit.contains_key("chisq.scaled") {
        (get("chisq.scaled"), get("df.scaled").or_else(|| get("df")))
    } else {
        (get("chisq"), get("df"))
    };
    match (x2, df) {
        (Some(x2), Some(df)) if df > 0.0 => Some(x2 / df),
        _ => None,
    }
}

/// The independence (baseline) model's χ² and df for complete-data ML, in
/// closed form: only variances (and means) free; the block of exogenous
/// covariates stays free (`baseline.fixed.x.free.cov`).
/// `R/lav_partable_unrestricted.R`; T₀ = Σ_g n_g (log|Σ₀| − log|S|).
pub fn baseline_ml(groups: &[GroupMoments], x_idx: &[usize]) -> (f64, i64) {
    let mut t0 = 0.0;
    let mut df0 = 0i64;
    for gm in groups {
        let p = gm.cov.nrows();
        let mut ld = 0.0;
        for i in (0..p).filter(|i| !x_idx.contains(i)) {
            ld += gm.cov[(i, i)].ln();
        }
        if !x_idx.is_empty() {
            let sxx = DMatrix::from_fn(x_idx.len(), x_idx.len(), |a, b| {
                gm.cov[(x_idx[a], x_idx[b])]
            });
            ld += logdet_pd(&sxx).unwrap_or(f64::NAN);
        }
        t0 += gm.n as f64 * (ld - gm.logdet);
        let px = x_idx.len() as i64;
        df0 += (p * (p - 1) / 2) as i64 - px * (px - 1) / 2;
    }
    (t0, df0)
}

/// Log-likelihood of a normal model with implied (Σ, μ) for one group;
/// `mu = None` means μ = ȳ (no mean structure). `R/lav_model_loglik.R`.
pub fn loglik_group(
    gm: &GroupMoments,
    sigma: &DMatrix<f64>,
    mu_diff: Option<&nalgebra::DVector<f64>>,
) -> f64 {
    let p = sigma.nrows() as f64;
    let n = gm.n as f64;
    let Some((inv, logdet)) = crate::linalg::spd_inverse_logdet(sigma) else {
        return f64::NAN;
    };
    let tr = gm.cov.component_mul(&inv).sum();
    let q = mu_diff.map_or(0.0, |d| (d.transpose() * &inv * d)[(0, 0)]);
    -n / 2.0 * (p * (2.0 * std::f64::consts::PI).ln() + logdet + tr + q)
}

/// The x-marginal log-likelihood subtracted under fixed.x: the covariates'
/// normal log-likelihood at the moments `cov` of n cases (their saturated
/// model); 0 without covariates.
pub(crate) fn loglik_x_moments(n: usize, cov: &DMatrix<f64>, x_idx: &[usize]) -> f64 {
    if x_idx.is_empty() {
        return 0.0;
    }
    let k = x_idx.len();
    let sxx = DMatrix::from_fn(k, k, |a, b| cov[(x_idx[a], x_idx[b])]);
    let ld = logdet_pd(&sxx).unwrap_or(f64::NAN);
    -(n as f64) / 2.0 * (k as f64 * (2.0 * std::f64::consts::PI).ln() + ld + k as f64)
}

/// Everything the fit measures need.
pub struct FitInput<'a> {
    pub groups: &'a [GroupMoments],
    pub implied: &'a [Implied],
    pub meanstructure: bool,
    /// Indices (in the observed-variable order) of fixed.x covariates.
    pub x_idx: &'a [usize],
    /// Minimum of the discrepancy f = Σ w_g ½F_g.
    pub fmin: f64,
    pub df: i64,
    /// Number of estimated parameters (free minus equality constraints).
    pub npar: usize,
}

/// Residual summaries (lavaan's `lav_residuals_summary`): RMR (raw),
/// SRMR (Bentler: residuals over observed SDs, diagonal included), CRMR
/// (correlation residuals, diagonal excluded), SRMR Mplus. Returns
/// (with means, without means) for each; one group.
struct Residuals {
    rmr: (f64, f64),
    srmr: (f64, f64),
    crmr: (f64, f64),
    srmr_mplus: (f64, f64),
}

fn residuals(gm: &GroupMoments, imp: &Implied, meanstructure: bool) -> Residuals {
    let s = &gm.cov;
    let sig = &imp.sigma;
    let p = s.nrows();
    let sd: Vec<f64> = (0..p).map(|i| s[(i, i)].sqrt()).collect();
    let sd_hat: Vec<f64> = (0..p).map(|i| sig[(i, i)].sqrt()).collect();
    let (mut raw, mut std_, mut cor, mut mplus_diag) = (0.0, 0.0, 0.0, 0.0);
    for j in 0..p {
        for i in j..p {
            let r = s[(i, j)] - sig[(i, j)];
            raw += r * r;
            // lavaan does not rescale elements below 1e-5 in absolute value (quirk kept)
            let z = if r.abs() < 1e-5 {
                r
            } else {
                r / (sd[i] * sd[j])
            };
            std_ += z * z;
            if i != j {
                let c = s[(i, j)] / (sd[i] * sd[j]) - sig[(i, j)] / (sd_hat[i] * sd_hat[j]);
                cor += c * c;
            } else {
                let d = (s[(i, i)] - sig[(i, i)]) / s[(i, i)];
                mplus_diag += d * d;
            }
        }
    }
    let pstar = (p * (p + 1) / 2) as f64;
    let pcor = (p * (p - 1) / 2) as f64;
    let (mut m_raw, mut m_std, mut m_cor, mut m_mplus) = (0.0, 0.0, 0.0, 0.0);
    if meanstructure {
        if let Some(m) = &gm.mean {
            for i in 0..p {
                let r = m[i] - imp.mu[i];
                m_raw += r * r;
                let z = if r.abs() < 1e-5 { r } else { r / sd[i] };
                m_std += z * z;
                m_cor += z * z;
                let mp = m[i] / sd[i] - imp.mu[i] / sd_hat[i];
                m_mplus += mp * mp;
            }
        }
    }
    let pm = p as f64;
    let both = |cov: f64, mean: f64, den: f64| {
        if meanstructure {
            (((cov + mean) / (den + pm)).sqrt(), (cov / den).sqrt())
        } else {
            let v = (cov / den).sqrt();
            (v, v)
        }
    };
    Residuals {
        rmr: both(raw, m_raw, pstar),
        srmr: both(std_, m_std, pstar),
        crmr: both(cor, m_cor, pcor),
        srmr_mplus: both(cor + mplus_diag, m_mplus, pstar),
    }
}

/// LISREL GFI numerator and denominator for one group: with
/// s = (ȳ, vech S), W = blockdiag(Σ̂⁻¹, ½D′(Σ̂⁻¹⊗Σ̂⁻¹)D):
/// (s−σ̂)′W(s−σ̂) and s′Ws. `R/lav_fit_gfi.R`. Under fixed.x the weight
/// matrix has zero rows and columns for the covariates' own (co)variances
/// and means, so those elements of s are left out.
fn gfi_parts(gm: &GroupMoments, imp: &Implied, meanstructure: bool, x_idx: &[usize]) -> (f64, f64) {
    let Some((inv, _)) = crate::linalg::spd_inverse_logdet(&imp.sigma) else {
        return (f64::NAN, f64::NAN);
    };
    let mut s = gm.cov.clone();
    for &i in x_idx {
        for &j in x_idx {
            s[(i, j)] = 0.0;
        }
    }
    let a = &inv * (&gm.cov - &imp.sigma);
    let b = &inv * &s;
    let mut t1 = 0.5 * (&a * &a).trace();
    let mut t2 = 0.5 * (&b * &b).trace();
    if meanstructure {
        if let Some(m) = &gm.mean {
            let mut m = m.clone();
            let mut d = &m - &imp.mu;
            for &i in x_idx {
                m[i] = 0.0;
                d[i] = 0.0;
            }
            t1 += (d.transpose() * &inv * &d)[(0, 0)];
            t2 += (m.transpose() * &inv * &m)[(0, 0)];
        }
    }
    (t1, t2)
}

/// The p-value of a χ² test statistic; NaN (lavaan's NA) when df ≤ 0.
pub fn chisq_pvalue(chisq: f64, df: f64) -> f64 {
    if df > 0.0 {
        pchisq_upper(chisq, df)
    } else {
        f64::NAN
    }
}

/// lavaan's AGFI and PGFI from the GFI, the number of sample statistics
/// `nel` and df (`R/lav_fit_gfi.R`): AGFI = 1 − (nel/df)(1 − GFI), 1 when
/// df = 0; PGFI = (df/nel)·GFI.
pub fn agfi_pgfi(gfi: f64, nel: f64, df: f64) -> (f64, f64) {
    let agfi = if df > 0.0 {
        1.0 - (nel / df) * (1.0 - gfi)
    } else {
        1.0
    };
    (agfi, (df / nel) * gfi)
}

/// The LISREL GFI, AGFI and PGFI over all groups (`R/lav_fit_gfi.R`): one
/// group 1 − num/den; several groups the n_g-weighted mean of the groups'
/// GFIs; nel = the number of sample statistics of all groups.
fn gfi_family(
    groups: &[GroupMoments],
    implied: &[Implied],
    meanstructure: bool,
    x_idx: &[usize],
    df: f64,
) -> (f64, f64, f64) {
    let n: f64 = groups.iter().map(|g| g.n as f64).sum();
    let parts: Vec<(f64, f64)> = groups
        .iter()
        .zip(implied)
        .map(|(gm, imp)| gfi_parts(gm, imp, meanstructure, x_idx))
        .collect();
    let gfi = match parts.as_slice() {
        [(num, den)] => 1.0 - num / den,
        _ => {
            groups
                .iter()
                .zip(&parts)
                .map(|(gm, (num, den))| gm.n as f64 * (1.0 - num / den))
                .sum::<f64>()
                / n
        }
    };
    let p = groups.first().map_or(0, |g| g.cov.nrows());
    let nel = groups.len() as f64
        * ((p * (p + 1) / 2) as f64 + if meanstructure { p as f64 } else { 0.0 });
    let (agfi, pgfi) = agfi_pgfi(gfi, nel, df);
    (gfi, agfi, pgfi)
}

/// The independence (baseline) model's RMR, GFI, AGFI and PGFI, stored as
/// `baseline.rmr`, `baseline.gfi`, `baseline.agfi`, `baseline.pgfi`. lavaan
/// does not report them; AMOS prints them on its "Independence model" row
/// (AMOS User's Guide, Appendix C). The independence model's implied
/// moments are its ML estimates in closed form: Σ₀ = diag(S) with the
/// fixed covariates' block of S kept, μ₀ = ȳ (`R/lav_partable_unrestricted.R`
/// for the model; the same formulas as the fitted model's indices).
fn independence_residual_indices(inp: &FitInput, df0: f64, put: &mut impl FnMut(&str, f64)) {
    let implied: Vec<Implied> = inp
        .groups
        .iter()
        .map(|gm| {
            let p = gm.cov.nrows();
            let sigma = DMatrix::from_fn(p, p, |i, j| {
                let both_x = inp.x_idx.contains(&i) && inp.x_idx.contains(&j);
                if i == j || both_x {
                    gm.cov[(i, j)]
                } else {
                    0.0
                }
            });
            let mu = gm
                .mean
                .clone()
                .unwrap_or_else(|| nalgebra::DVector::zeros(p));
            Implied {
                e: DMatrix::zeros(0, 0),
                sigma_v: DMatrix::zeros(0, 0),
                mu_v: nalgebra::DVector::zeros(0),
                sigma,
                mu,
            }
        })
        .collect();
    let n: f64 = inp.groups.iter().map(|g| g.n as f64).sum();
    let rmr: f64 = inp
        .groups
        .iter()
        .zip(&implied)
        .map(|(gm, imp)| gm.n as f64 / n * residuals(gm, imp, inp.meanstructure).rmr.0)
        .sum();
    let (gfi, agfi, pgfi) = gfi_family(inp.groups, &implied, inp.meanstructure, inp.x_idx, df0);
    put("baseline.rmr", rmr);
    put("baseline.gfi", gfi);
    put("baseline.agfi", agfi);
    put("baseline.pgfi", pgfi);
}

/// Computes lavaan's fit measures.
pub fn fit_measures(inp: &FitInput) -> FitMeasures {
    let mut out = FitMeasures::new();
    let mut put = |k: &str, v: f64| {
        out.insert(k.to_string(), v.is_finite().then_some(v));
    };
    let ntotal: usize = inp.groups.iter().map(|g| g.n).sum();
    let n = ntotal as f64;
    let ng = inp.groups.len() as f64;
    let df = inp.df as f64;
    let npar = inp.npar as f64;
    // χ² = 2 N f (lavaan's T = Σ n_g F_g)
    let chisq = 2.0 * n * inp.fmin;
    let pvalue = chisq_pvalue(chisq, df);
    let (t0, df0_i) = baseline_ml(inp.groups, inp.x_idx);
    let df0 = df0_i as f64;
    put("npar", npar);
    put("fmin", inp.fmin);
    put("chisq", chisq);
    put("df", df);
    put("pvalue", pvalue);
    put("baseline.chisq", t0);
    put("baseline.df", df0);
    put("baseline.pvalue", chisq_pvalue(t0, df0));
    // incremental indices (R/lav_fit_cfi.R), one implementation with the
    // scaled and robust versions
    crate::fitmeasures::indices::incremental(chisq, df, t0, df0, None).put_all(&mut put, "");
    // log-likelihoods and information criteria
    let mut logl = 0.0;
    let mut logl1 = 0.0;
    for (gm, imp) in inp.groups.iter().zip(inp.implied) {
        let d = match (&gm.mean, inp.meanstructure) {
            (Some(m), true) => Some(m - &imp.mu),
            _ => None,
        };
        let lx = loglik_x_moments(gm.n, &gm.cov, inp.x_idx);
        logl += loglik_group(gm, &imp.sigma, d.as_ref()) - lx;
        let p = gm.cov.nrows() as f64;
        logl1 +=
            -(gm.n as f64) / 2.0 * (p * (2.0 * std::f64::consts::PI).ln() + gm.logdet + p) - lx;
    }
    put("logl", logl);
    put("unrestricted.logl", logl1);
    put("aic", -2.0 * logl + 2.0 * npar);
    put("bic", -2.0 * logl + npar * n.ln());
    put("ntotal", n);
    put("bic2", -2.0 * logl + npar * ((n + 2.0) / 24.0).ln());
    // RMSEA (R/lav_fit_rmsea.R)
    let rmsea = if inp.df > 0 {
        ng.sqrt() * (chisq / (n * df) - 1.0 / n).max(0.0).sqrt()
    } else {
        0.0
    };
    put("rmsea", rmsea);
    // df = 0 gives (0, 0), as lavaan's lav_fit_rmsea_ci
    let (lo, hi) = rmsea_ci(chisq, df, n, inp.groups.len(), 0.90);
    put("rmsea.ci.lower", lo);
    put("rmsea.ci.upper", hi);
    put("rmsea.ci.level", 0.90);
    put(
        "rmsea.pvalue",
        if inp.df > 0 {
            rmsea_pvalue(chisq, df, n, inp.groups.len(), 0.05)
        } else {
            f64::NAN
        },
    );
    put("rmsea.close.h0", 0.05);
    put(
        "rmsea.notclose.pvalue",
        if inp.df > 0 {
            rmsea_notclose_pvalue(chisq, df, n, inp.groups.len(), 0.08)
        } else {
            f64::NAN
        },
    );
    put("rmsea.notclose.h0", 0.08);
    // residual-based indices, weighted by n_g / N
    let mut acc = [0.0f64; 8];
    for (gm, imp) in inp.groups.iter().zip(inp.implied) {
        let w = gm.n as f64 / n;
        let r = residuals(gm, imp, inp.meanstructure);
        for (a, v) in acc.iter_mut().zip([
            r.rmr.0,
            r.rmr.1,
            r.srmr.0,
            r.srmr.1,
            r.crmr.0,
            r.crmr.1,
            r.srmr_mplus.0,
            r.srmr_mplus.1,
        ]) {
            *a += w * v;
        }
    }
    put("rmr", acc[0]);
    put("rmr_nomean", acc[1]);
    put("srmr", acc[2]);
    put("srmr_bentler", acc[2]);
    put("srmr_bentler_nomean", acc[3]);
    put("crmr", acc[4]);
    put("crmr_nomean", acc[5]);
    put("srmr_mplus", acc[6]);
    put("srmr_mplus_nomean", acc[7]);
    // Hoelter's critical N
    let cn = |alpha: f64| {
        if inp.df == 0 && chisq < f64::EPSILON.sqrt() {
            f64::NAN
        } else {
            qchisq(1.0 - alpha, df) / (chisq / n) + 1.0
        }
    };
    put("cn_05", cn(0.05));
    put("cn_01", cn(0.01));
    let (gfi, agfi, pgfi) = gfi_family(inp.groups, inp.implied, inp.meanstructure, inp.x_idx, df);
    put("gfi", gfi);
    put("agfi", agfi);
    put("pgfi", pgfi);
    independence_residual_indices(inp, df0, &mut put);
    put("mfi", (-0.5 * (chisq - df) / n).exp());
    put("ecvi", chisq / n + 2.0 * npar / n);
    out
}

#[cfg(test)]
mod reported_key_tests {
    use super::{reported_key, FitMeasures, Indices};

    fn fit(pairs: &[(&str, Option<f64>)]) -> FitMeasures {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn standard_test_reports_the_standard_measures() {
        let f = fit(&[
            ("chisq", Some(85.3)),
            ("df", Some(24.0)),
            ("cfi", Some(0.93)),
        ]);
        assert_eq!(reported_key(&f, "chisq").as_deref(), Some("chisq"));
        assert_eq!(reported_key(&f, "cfi").as_deref(), Some("cfi"));
        assert_eq!(reported_key(&f, "df").as_deref(), Some("df"));
        assert_eq!(reported_key(&f, "rmsea"), None);
    }

    // lavaan gives NA for a robust index it cannot compute; the scaled
    // versions of all of CFI, TLI and RMSEA are reported then (one kind,
    // `Indices::of_fit`), in every report and comparison alike
    #[test]
    fn scaled_test_reports_robust_else_scaled() {
        let f = fit(&[
            ("chisq", Some(85.3)),
            ("chisq.scaled", Some(80.1)),
            ("df", Some(24.0)),
            ("df.scaled", Some(24.0)),
            ("cfi", Some(0.93)),
            ("cfi.scaled", Some(0.92)),
            ("cfi.robust", Some(0.94)),
            ("rmsea", Some(0.09)),
            ("rmsea.scaled", Some(0.08)),
            ("rmsea.robust", None),
            ("srmr", Some(0.06)),
        ]);
        assert_eq!(reported_key(&f, "chisq").as_deref(), Some("chisq.scaled"));
        assert_eq!(reported_key(&f, "df").as_deref(), Some("df.scaled"));
        assert_eq!(Indices::of_fit(&f), Indices::Scaled);
        assert_eq!(reported_key(&f, "cfi").as_deref(), Some("cfi.scaled"));
        assert_eq!(reported_key(&f, "rmsea").as_deref(), Some("rmsea.scaled"));
        assert_eq!(reported_key(&f, "srmr").as_deref(), Some("srmr"));
        // with all three robust ones valued, the robust ones
        let mut f = f;
        f.insert("rmsea.robust".into(), Some(0.07));
        f.insert("tli.robust".into(), Some(0.91));
        assert_eq!(Indices::of_fit(&f), Indices::Robust);
        assert_eq!(reported_key(&f, "cfi").as_deref(), Some("cfi.robust"));
        assert_eq!(reported_key(&f, "rmsea").as_deref(), Some("rmsea.robust"));
        assert_eq!(reported_key(&f, "chisq").as_deref(), Some("chisq.scaled"));
    }
}
