//! The model fit summary as AMOS prints it: the Default model beside the
//! Saturated and Independence models, for CMIN, RMR/GFI, the baseline
//! comparisons, the parsimony-adjusted measures, NCP, FMIN, RMSEA, AIC,
//! ECVI and HOELTER.
//!
//! In: lavaan's fit measures of the fitted model ([`FitMeasures`], which
//! also carry the independence model's χ², df, RMR and GFI family), the
//! group sizes and the number of observed variables. Out: [`AmosFit`],
//! three rows of [`AmosModel`].
//!
//! Definitions: AMOS User's Guide, Appendix C ("Measures of fit"). Every
//! measure that lavaan's `fitMeasures()` has is lavaan's number (χ², GFI,
//! AGFI, PGFI, RMR, NFI, RFI, IFI, TLI, CFI, PNFI, RMSEA with its interval
//! and PCLOSE, ECVI, Hoelter's N). Sample size: lavaan's χ² is N·F_ML (its
//! default `likelihood = "normal"`) where AMOS uses (N − G)·F_ML, so
//! semlab's CMIN is larger than AMOS's by the factor N/(N − G) (0.3 % at
//! N = 300). The measures AMOS derives from CMIN use the same n = N here,
//! which keeps RMSEA = √(F0/df) and ECVI equal to lavaan's.
//!
//! - PRATIO = df/df₀; PNFI = PRATIO·NFI; PCFI = PRATIO·CFI.
//! - NCP = max(C − df, 0) with the 90 % interval of the noncentrality
//!   (λ_L, λ_U) searched as lavaan searches it for the RMSEA interval;
//!   FMIN = C/n, F0 = NCP/n and its interval λ/n.
//! - AIC = C + 2q; BCC = C + 2q·Σ_g b_g p(p+3)/(N_g − p − 2) / Σ_g p(p+3)
//!   with b_g = n·N_g/N (Browne & Cudeck 1989); BIC = C + q·ln N; CAIC =
//!   C + q·(ln N + 1) (Bozdogan 1987); BIC and CAIC are for one group only,
//!   as AMOS reports them. These are AMOS's criteria, not lavaan's `aic`
//!   and `bic` (−2 log L + penalty): the two differ by a constant for a
//!   given data set, so differences between models are the same.
//! - ECVI = (C + 2q)/n with interval ((λ_L + df + 2q)/n, (λ_U + df +
//!   2q)/n) (Browne & Cudeck 1993); MECVI = BCC/n.
//! - The saturated model has q = number of sample moments, C = 0, df = 0;
//!   the independence model q₀ = q + df − df₀.

use super::FitMeasures;
use crate::distributions::noncentrality_ci;
use serde::{Deserialize, Serialize};

/// One row of the AMOS model fit summary (a model: Default, Saturated or
/// Independence). `None` where AMOS leaves the cell empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AmosModel {
    pub npar: Option<f64>,
    pub cmin: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub cmin_df: Option<f64>,
    pub rmr: Option<f64>,
    pub gfi: Option<f64>,
    pub agfi: Option<f64>,
    pub pgfi: Option<f64>,
    pub nfi: Option<f64>,
    pub rfi: Option<f64>,
    pub ifi: Option<f64>,
    pub tli: Option<f64>,
    pub cfi: Option<f64>,
    pub pratio: Option<f64>,
    pub pnfi: Option<f64>,
    pub pcfi: Option<f64>,
    pub ncp: Option<f64>,
    pub ncp_lo: Option<f64>,
    pub ncp_hi: Option<f64>,
    pub fmin: Option<f64>,
    pub f0: Option<f64>,
    pub f0_lo: Option<f64>,
    pub f0_hi: Option<f64>,
    pub rmsea: Option<f64>,
    pub rmsea_lo: Option<f64>,
    pub rmsea_hi: Option<f64>,
    pub pclose: Option<f64>,
    pub aic: Option<f64>,
    pub bcc: Option<f64>,
    pub bic: Option<f64>,
    pub caic: Option<f64>,
    pub ecvi: Option<f64>,
    pub ecvi_lo: Option<f64>,
    pub ecvi_hi: Option<f64>,
    pub mecvi: Option<f64>,
    pub hoelter_05: Option<f64>,
    pub hoelter_01: Option<f64>,
}

/// The three rows AMOS prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmosFit {
    pub default: AmosModel,
    pub saturated: AmosModel,
    pub independence: AmosModel,
}

/// What the AMOS summary needs besides lavaan's fit measures.
pub struct AmosInput<'a> {
    /// N_g of each group.
    pub group_sizes: &'a [usize],
    /// Number of observed variables (p, the same in every group).
    pub observed: usize,
    /// RMR and the GFI family need complete data: AMOS does not print
    /// them when means are estimated from incomplete data (FIML).
    pub complete_data: bool,
}

/// The AMOS model fit summary; `None` when the fit measures lack χ², df or
/// the baseline (a fit that did not finish).
pub fn amos_fit(fit: &FitMeasures, inp: &AmosInput) -> Option<AmosFit> {
    let get = |k: &str| fit.get(k).copied().flatten();
    let (c, df, q) = (get("chisq")?, get("df")?, get("npar")?);
    let (c0, df0) = (get("baseline.chisq")?, get("baseline.df")?);
    let n_total: f64 = inp.group_sizes.iter().map(|&n| n as f64).sum();
    if n_total <= 0.0 {
        return None;
    }
    let single = inp.group_sizes.len() == 1;
    let penalty = bcc_factor(inp.group_sizes, inp.observed);
    let q_sat = q + df;
    let q0 = q_sat - df0;
    let criteria = |row: &mut AmosModel, cmin: f64, qq: f64| {
        row.aic = Some(cmin + 2.0 * qq);
        row.bcc = penalty.map(|k| cmin + 2.0 * qq * k);
        if single {
            row.bic = Some(cmin + qq * n_total.ln());
            row.caic = Some(cmin + qq * (n_total.ln() + 1.0));
        }
        row.ecvi = Some((cmin + 2.0 * qq) / n_total);
        row.mecvi = row.bcc.map(|b| b / n_total);
    };
    let tested = |row: &mut AmosModel, cmin: f64, d: f64, qq: f64| {
        row.npar = Some(qq);
        row.cmin = Some(cmin);
        row.df = Some(d);
        row.p = finite(super::chisq_pvalue(cmin, d));
        row.cmin_df = (d > 0.0).then(|| cmin / d);
        let (lo, hi) = noncentrality_ci(cmin, d, n_total, 0.90);
        row.ncp = Some((cmin - d).max(0.0));
        row.ncp_lo = finite(lo);
        row.ncp_hi = finite(hi);
        row.fmin = Some(cmin / n_total);
        row.f0 = row.ncp.map(|x| x / n_total);
        row.f0_lo = row.ncp_lo.map(|x| x / n_total);
        row.f0_hi = row.ncp_hi.map(|x| x / n_total);
        criteria(row, cmin, qq);
        row.ecvi_lo = row.ncp_lo.map(|l| (l + d + 2.0 * qq) / n_total);
        row.ecvi_hi = row.ncp_hi.map(|l| (l + d + 2.0 * qq) / n_total);
    };

    let mut default = AmosModel::default();
    tested(&mut default, c, df, q);
    let complete = |k: &str| if inp.complete_data { get(k) } else { None };
    default.rmr = complete("rmr");
    default.gfi = complete("gfi");
    default.agfi = complete("agfi");
    default.pgfi = complete("pgfi");
    default.nfi = get("nfi");
    default.rfi = get("rfi");
    default.ifi = get("ifi");
    default.tli = get("tli");
    default.cfi = get("cfi");
    default.pratio = (df0 > 0.0).then(|| df / df0);
    default.pnfi = get("pnfi");
    default.pcfi = default.pratio.zip(default.cfi).map(|(r, c)| r * c);
    default.rmsea = get("rmsea");
    default.rmsea_lo = get("rmsea.ci.lower");
    default.rmsea_hi = get("rmsea.ci.upper");
    default.pclose = get("rmsea.pvalue");
    default.hoelter_05 = get("cn_05");
    default.hoelter_01 = get("cn_01");

    // AMOS's saturated row: the discrepancy is 0, the baseline comparisons
    // are 1 (NFI, IFI, CFI; RFI and TLI empty), parsimony ratios 0.
    let mut saturated = AmosModel {
        npar: Some(q_sat),
        cmin: Some(0.0),
        df: Some(0.0),
        rmr: inp.complete_data.then_some(0.0),
        gfi: inp.complete_data.then_some(1.0),
        nfi: Some(1.0),
        ifi: Some(1.0),
        cfi: Some(1.0),
        pratio: Some(0.0),
        pnfi: Some(0.0),
        pcfi: Some(0.0),
        ncp: Some(0.0),
        ncp_lo: Some(0.0),
        ncp_hi: Some(0.0),
        fmin: Some(0.0),
        f0: Some(0.0),
        f0_lo: Some(0.0),
        f0_hi: Some(0.0),
        ..AmosModel::default()
    };
    criteria(&mut saturated, 0.0, q_sat);
    saturated.ecvi_lo = saturated.ecvi;
    saturated.ecvi_hi = saturated.ecvi;

    // The independence row: its own χ² on df₀; compared with itself the
    // baseline comparisons are 0 and PRATIO 1.
    let mut independence = AmosModel::default();
    tested(&mut independence, c0, df0, q0);
    independence.rmr = complete("baseline.rmr");
    independence.gfi = complete("baseline.gfi");
    independence.agfi = complete("baseline.agfi");
    independence.pgfi = complete("baseline.pgfi");
    for v in [
        &mut independence.nfi,
        &mut independence.rfi,
        &mut independence.ifi,
        &mut independence.tli,
        &mut independence.cfi,
        &mut independence.pnfi,
        &mut independence.pcfi,
    ] {
        *v = Some(0.0);
    }
    independence.pratio = Some(1.0);
    let groups = inp.group_sizes.len();
    let (lo, hi) = crate::distributions::rmsea_ci(c0, df0, n_total, groups, 0.90);
    independence.rmsea = finite(super::indices::rmsea(c0, df0, n_total, groups, 1.0));
    independence.rmsea_lo = finite(lo);
    independence.rmsea_hi = finite(hi);
    independence.pclose = finite(crate::distributions::rmsea_pvalue(
        c0, df0, n_total, groups, 0.05,
    ));
    let cn = |alpha: f64| crate::distributions::qchisq(1.0 - alpha, df0) / (c0 / n_total) + 1.0;
    independence.hoelter_05 = finite(cn(0.05));
    independence.hoelter_01 = finite(cn(0.01));

    Some(AmosFit {
        default,
        saturated,
        independence,
    })
}

/// The factor k of BCC = C + 2q·k (AMOS Appendix C, without Emulisrel6):
/// Σ_g b_g·p(p+3)/(N_g − p − 2) / Σ_g p(p+3), b_g = n·N_g/N with n = N
/// (lavaan's convention, see the module comment). `None` when a group has
/// N_g ≤ p + 2.
fn bcc_factor(group_sizes: &[usize], p: usize) -> Option<f64> {
    let pp = (p * (p + 3)) as f64;
    let mut num = 0.0;
    for &ng in group_sizes {
        let ng = ng as f64;
        let room = ng - p as f64 - 2.0;
        if room <= 0.0 {
            return None;
        }
        let b = ng; // n·N_g/N with n = N
        num += b * pp / room;
    }
    Some(num / (pp * group_sizes.len() as f64))
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
