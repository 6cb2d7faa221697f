//! Modification indices: the fitted model in; for every parameter that is
//! not free (fixed or absent), the score-test χ²(1) for freeing it (MI), the
//! expected parameter change (EPC) and its standardized versions out.
//!
//! lavaan 0.6 `R/lav_modification.R` with `R/lav_partable_full.R`:
//! - candidates: every latent `=~` every non-`x` observed variable; every
//!   pair (and variance) of non-`x` observed variables; every pair of latent
//!   variables; regressions among the variables of the structural equations
//!   (not indicator `~` factor);
//!   intercepts under a mean structure. Free parameters are dropped.
//! - With I the expected unit information of the extended model at θ̂ and g
//!   its gradient, V = I₁₁ − I₁₂ (N·vcov(θ̂)) I₂₁, MI = N g²/V, EPC = −g/V.
//!   Candidates with V < ε^⅓ would not be identified if freed and are left out
//!   (lavaan reports NA and removes them).
//! - sepc.lv / sepc.all standardize the EPC like a parameter of that kind
//!   at the current estimates (covariances by the current residual
//!   variances); for a (fixed) variance lavaan standardizes its current
//!   value instead of the EPC (`cov.std = TRUE`), keeping the EPC's sign.

use crate::estimate::dwls::Dwls;
use crate::estimate::Problem;
use crate::inference::dwls::DwlsInference;
use crate::model::{Deriv, Entry};
use crate::partable::Op;
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// One modification index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModIndex {
    pub lhs: String,
    pub op: String,
    pub rhs: String,
    pub group: usize,
    pub mi: f64,
    pub epc: f64,
    /// None where the standardization is undefined (e.g. a covariance with a
    /// variable whose residual variance is fixed to 0), as lavaan's NA.
    pub sepc_lv: Option<f64>,
    pub sepc_all: Option<f64>,
}

/// Whether an index is listed at a threshold: the one verdict behind the
/// modification-index table and the diagram's suggestion arrows (an MI is a
/// χ²(1) statistic; 3.84, 6.63 and 10.83 are its .05, .01 and .001 points).
pub fn listed(m: &ModIndex, min_mi: f64) -> bool {
    m.mi >= min_mi
}

/// A covariance entry with its indices ordered, so `a ~~ b` equals `b ~~ a`.
pub(crate) fn normalized(e: Entry) -> Entry {
    match e {
        Entry::P(i, j) if i > j => Entry::P(j, i),
        e => e,
    }
}

/// Candidate parameters (lhs, op, rhs) for one group, in lavaan's order
/// (lavaan 0.6.14 `lav_partable_full`):
/// - `=~`: every latent × every non-`x` observed variable that does not
///   appear in a regression;
/// - `~~`: pairs (and variances) of indicators; pairs of latent variables;
/// - `~`: every ordered pair of variables in the structural equations,
///   except an indicator regressed on a latent variable;
/// - `~1` under a mean structure;
/// - the model's other fixed rows (a fixed loading of an item that is also
///   regressed, as in a growth model with time-varying covariates).
///
/// (lavaan also lists the fixed.x covariates' own (co)variances; their
/// index is 0 by construction, so they are left out here.)
fn candidates(prob: &Problem) -> Vec<(String, Op, String)> {
    let pt = prob.pt;
    let v = &pt.vars;
    let is_x = |s: &str| v.ov_x.iter().any(|x| x == s);
    let is_ind = |s: &str| v.ov_ind.iter().any(|x| x == s);
    let is_lv = |s: &str| v.lv.iter().any(|x| x == s);
    let ov_nox: Vec<&String> = v.ov.iter().filter(|s| !is_x(s)).collect();
    let mut eqs: Vec<String> = Vec::new();
    for p in pt
        .params
        .iter()
        .filter(|p| p.op == Op::Regression && p.group == 1)
    {
        for s in [&p.lhs, &p.rhs] {
            if !eqs.contains(s) {
                eqs.push(s.clone());
            }
        }
    }
    let mut out = Vec::new();
    for f in &v.lv {
        for x in ov_nox.iter().filter(|x| !eqs.contains(x)) {
            out.push((f.clone(), Op::Loading, (*x).clone()));
        }
    }
    let lower_tri = |names: &[&String], out: &mut Vec<(String, Op, String)>| {
        for j in 0..names.len() {
            for i in j..names.len() {
                out.push((names[j].clone(), Op::Covariance, names[i].clone()));
            }
        }
    };
    let indicators: Vec<&String> = ov_nox.iter().copied().filter(|s| is_ind(s)).collect();
    lower_tri(&indicators, &mut out);
    let lv: Vec<&String> = v.lv.iter().collect();
    lower_tri(&lv, &mut out);
    for y in &eqs {
        for x in &eqs {
            if x == y || (is_ind(y) && is_lv(x)) {
                continue;
            }
            out.push((y.clone(), Op::Regression, x.clone()));
        }
    }
    if pt.meanstructure {
        for s in ov_nox.iter().copied().chain(v.lv.iter()) {
            out.push((s.clone(), Op::Intercept, String::new()));
        }
    }
    // the model's own fixed parameters that the full table does not hold:
    // lavaan's modindices frees every non-free row of the model
    // (`lav_object_extended(all.free = TRUE)`), e.g. a growth model's
    // `i =~ 1*t2` when t2 is also regressed on a covariate (freeing a
    // time score); fixed.x rows have index 0 and stay out
    let mut seen: std::collections::HashSet<Entry> = out
        .iter()
        .map(|(l, op, r)| normalized(prob.structure.entry(l, *op, r)))
        .collect();
    for p in pt.params.iter().filter(|p| {
        p.free == 0
            && !p.exo
            && matches!(
                p.op,
                Op::Loading | Op::Regression | Op::Covariance | Op::Intercept
            )
            && (p.op != Op::Intercept || pt.meanstructure)
    }) {
        if seen.insert(normalized(prob.structure.entry(&p.lhs, p.op, &p.rhs))) {
            out.push((p.lhs.clone(), p.op, p.rhs.clone()));
        }
    }
    out
}

impl Problem<'_> {
    /// Modification indices at θ̂, given vcov(θ̂); sorted by MI, largest first.
    pub fn modification_indices(&self, theta: &DVector<f64>, vcov: &DMatrix<f64>) -> Vec<ModIndex> {
        let Some(ev) = self.evaluate(theta) else {
            return Vec::new();
        };
        let values = self.values(theta);
        let mats = self.matrices(&values);
        let n = self.sm.ntotal() as f64;
        let q = self.pt.n_free;
        let cands = candidates(self);
        let mut out = Vec::new();
        // I22⁻¹ in unit-information scale
        let i22_inv = vcov * n;
        let p = self.structure.p;
        // entries that are already free (or fixed.x), per group
        let taken: std::collections::HashSet<(usize, Entry)> = self
            .pt
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.free > 0 || p.exo)
            .map(|(r, p)| (p.group, normalized(self.entries[r])))
            .collect();
        for (g, ge) in ev.groups.iter().enumerate() {
            let group = g + 1;
            let pdiag: Vec<f64> = mats[g].p.diagonal().iter().copied().collect();
            // candidate entries of this group not already free
            let mut extra: Vec<(usize, Entry, Deriv)> = Vec::new();
            for (ci, (lhs, op, rhs)) in cands.iter().enumerate() {
                if taken.contains(&(group, normalized(self.structure.entry(lhs, *op, rhs)))) {
                    continue;
                }
                let e = self.structure.entry(lhs, *op, rhs);
                extra.push((
                    ci,
                    e,
                    Deriv::of(e, self.structure.n(), &ge.imp, self.structure.meanstructure),
                ));
            }
            let derivs: Vec<Deriv> = extra.iter().map(|x| x.2).collect();
            let grads = self.gradient_of(&ev, &{
                let mut v = vec![Vec::new(); ev.groups.len()];
                v[g] = derivs.clone();
                v
            });
            // (weight, Gram) pairs: one for complete data, one per missing-data pattern under FIML
            let grams = self.info_grams(g, ge);
            let blocks = crate::estimate::fiml::info_blocks(self, g, ge);
            // I12: candidates × θ
            let free_rows: Vec<(usize, Deriv)> = self
                .rows_of_group(group)
                .filter(|&r| self.pt.params[r].free > 0)
                .map(|r| (self.pt.params[r].free - 1, self.deriv(r, ge)))
                .collect();
            // I12 (candidates × θ) and V = I11 − I12 I22⁻¹ I21 (diagonal only)
            let c = extra.len();
            // candidates that change a fixed.x covariate's own moments: the
            // information leaves those elements out (lavaan zeroes the
            // fixed.x rows of its weight matrix), so use the masked form
            let x_mask: Vec<bool> = (0..p)
                .map(|i| self.pt.vars.ov_x.contains(&self.structure.names[i]))
                .collect();
            let touches_x =
                |e: &Entry| matches!(e, Entry::A(i, _) if x_mask.get(*i) == Some(&true));
            let pair = |e: &Entry, da: &Deriv, db: &Deriv| {
                if touches_x(e) {
                    crate::estimate::fiml::info_pair_masked_blocks(&blocks, da, db, &ge.x, &x_mask)
                        / ge.w
                } else {
                    crate::estimate::fiml::info_pair_sum(&grams, da, db) / ge.w
                }
            };
            let mut i12 = DMatrix::zeros(c, q);
            for (k, (_, e, d)) in extra.iter().enumerate() {
                for (kf, df) in &free_rows {
                    i12[(k, *kf)] += ge.w * pair(e, d, df);
                }
            }
            let w = &i12 * &i22_inv;
            for (k, (ci, e, d)) in extra.iter().enumerate() {
                let i11 = ge.w * pair(e, d, d);
                let v = i11 - w.row(k).dot(&i12.row(k));
                if v.is_nan() || v < f64::EPSILON.powf(1.0 / 3.0) {
                    continue;
                }
                let gk = grads[g][k];
                let mi = n * gk * gk / v;
                let epc = -gk / v;
                let (lhs, op, rhs) = &cands[*ci];
                let imp = &ge.imp;
                // a variance is standardized at its current value, not the
                // EPC (lavaan's modindices with cov.std = TRUE); near-zero
                // values give 0
                let to_standardize = match e {
                    Entry::P(i, j) if i == j => mats[g].p[(*i, *i)].abs(),
                    _ => epc.abs(),
                };
                let small_var =
                    *op == Op::Covariance && lhs == rhs && to_standardize < f64::EPSILON.sqrt();
                let sepc = |all: bool| {
                    if small_var {
                        Some(0.0)
                    } else {
                        let s = epc.signum()
                            * crate::tables::standardize::std_entry(
                                *e,
                                to_standardize,
                                imp,
                                &pdiag,
                                p,
                                all,
                            );
                        s.is_finite().then_some(s)
                    }
                };
                out.push(ModIndex {
                    lhs: lhs.clone(),
                    op: op.as_str().to_string(),
                    rhs: rhs.clone(),
                    group,
                    mi,
                    epc,
                    sepc_lv: sepc(false),
                    sepc_all: sepc(true),
                });
            }
        }
        largest_first(&mut out);
        out
    }
}

/// Modification indices under DWLS (`R/lav_modification.R`): for every
/// candidate parameter of group g, with Δ_c its column of ∂σ_g/∂θ, the
/// score g = −(n_g−1)/N·Δ_c′W_g(s_g − σ_g) (lavaan's DWLS gradient),
/// V = f_g Δ_c′W_gΔ_c − I₁₂E⁻¹I₂₁ with I₁₂ = f_g Δ_c′W_gΔ (f_g = n_g/N, the
/// group's weight in the information), MI = N g²/V, EPC = −g/V.
/// Candidates, in every group: every factor `=~` every item, every pair of
/// items `~~`, every pair of factors `~~`, regressions among the variables
/// of the structural part, the ordinal items' intercepts and scaling
/// factors and the latent means; V < ε^⅓ (not identified) is left out.
pub fn dwls_modification_indices(
    prob: &Problem,
    d: &Dwls,
    ev: &crate::estimate::ml::Eval,
    rb: &DwlsInference,
    values: &[f64],
) -> Vec<ModIndex> {
    let pt = prob.pt;
    let v = &pt.vars;
    let resid = ev.resid.as_ref().expect("a DWLS evaluation");
    let n = d.ntotal as f64;
    let nstruct = prob.structure.n();
    let mut cands: Vec<(String, Op, String)> = Vec::new();
    for f in &v.lv {
        for x in &v.ov {
            cands.push((f.clone(), Op::Loading, x.clone()));
        }
    }
    for j in 0..v.ov.len() {
        for i in j + 1..v.ov.len() {
            cands.push((v.ov[j].clone(), Op::Covariance, v.ov[i].clone()));
        }
    }
    for j in 0..v.lv.len() {
        for i in j..v.lv.len() {
            cands.push((v.lv[j].clone(), Op::Covariance, v.lv[i].clone()));
        }
    }
    let mut eqs: Vec<String> = Vec::new();
    for p in pt.params.iter().filter(|p| p.op == Op::Regression) {
        for s in [&p.lhs, &p.rhs] {
            if !eqs.contains(s) {
                eqs.push(s.clone());
            }
        }
    }
    let is_ind = |s: &str| v.ov_ind.iter().any(|x| x == s);
    let is_lv = |s: &str| v.lv.iter().any(|x| x == s);
    for y in &eqs {
        for x in &eqs {
            if x != y && !(is_ind(y) && is_lv(x)) {
                cands.push((y.clone(), Op::Regression, x.clone()));
            }
        }
    }
    // the fixed intercepts and scaling factors of the ordinal items (lavaan
    // frees every row of the full table; most are not identified beside
    // the thresholds and loadings, and V leaves them out)
    for x in &pt.ordinal {
        cands.push((x.clone(), Op::Intercept, String::new()));
        cands.push((x.clone(), Op::Scale, x.clone()));
    }
    // the latent means, fixed at 0 unless freed: not identified beside free
    // thresholds either, but they are once thresholds are held equal (e.g.
    // `T1 | a*t1` and `T2 | a*t1`), and lavaan then gives their index
    for f in &v.lv {
        cands.push((f.clone(), Op::Intercept, String::new()));
    }
    // Δ by rows: the free parameters that move each statistic
    let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); d.len()];
    for (t, col) in rb.cols.iter().enumerate() {
        for &(k, v) in col {
            rows[k].push((t, v));
        }
    }
    let mats = prob.matrices(values);
    let p = prob.structure.p;
    let q = rb.cols.len();
    let mut out = Vec::new();
    let mut i12 = vec![0.0; q];
    let mut in_support = vec![false; q];
    let mut support: Vec<usize> = Vec::new();
    for b in &d.blocks {
        let g = b.group;
        let ge = &ev.groups[g];
        let fg = d.group_weight(b);
        let cg = d.objective_weight(b);
        let delta = b.deltas(values, p);
        let pdiag: Vec<f64> = mats[g].p.diagonal().iter().copied().collect();
        let taken: std::collections::HashSet<Entry> = pt
            .params
            .iter()
            .enumerate()
            .filter(|(_, q)| {
                q.group == g + 1 && q.free > 0 && !matches!(q.op, Op::Threshold | Op::Scale)
            })
            .map(|(r, _)| normalized(prob.entries[r]))
            .collect();
        for (lhs, op, rhs) in &cands {
            let e = prob.structure.entry(lhs, *op, rhs);
            let col = if *op == Op::Scale {
                let free = pt
                    .find(lhs, Op::Scale, rhs, g + 1)
                    .is_some_and(|r| pt.params[r].free > 0);
                let Some(i) = pt.vars.ov.iter().position(|o| o == lhs) else {
                    continue;
                };
                if free {
                    continue;
                }
                d.scale_column(b, i, values, &ge.imp, &delta)
            } else {
                if taken.contains(&normalized(e)) {
                    continue;
                }
                let dv = Deriv::of(e, nstruct, &ge.imp, prob.structure.meanstructure);
                d.deriv_column(b, &dv, &ge.x, &delta)
            };
            if col.is_empty() {
                continue;
            }
            // I₁₁ = f_g Δ_c′WΔ_c, I₁₂ = f_g Δ_c′WΔ (sparse), V = I₁₁ − I₁₂E⁻¹I₂₁
            let i11: f64 = fg * col.iter().map(|&(k, x)| x * x * d.w[k]).sum::<f64>();
            for &(k, x) in &col {
                for &(t, v) in &rows[k] {
                    if !in_support[t] {
                        in_support[t] = true;
                        support.push(t);
                    }
                    i12[t] += fg * x * d.w[k] * v;
                }
            }
            let mut quad = 0.0;
            for &a in &support {
                for &bb in &support {
                    quad += i12[a] * rb.e_inv[(a, bb)] * i12[bb];
                }
            }
            for &t in &support {
                i12[t] = 0.0;
                in_support[t] = false;
            }
            support.clear();
            let vv = i11 - quad;
            if !vv.is_finite() || vv < f64::EPSILON.powf(1.0 / 3.0) {
                continue;
            }
            // lavaan's gradient of the DWLS objective carries the group
            // weight (n_g−1)/N
            let score: f64 = -cg * col.iter().map(|&(k, x)| x * d.w[k] * resid[k]).sum::<f64>();
            let mi = n * score * score / vv;
            let epc = -score / vv;
            let small_var = *op == Op::Covariance && lhs == rhs && epc.abs() < f64::EPSILON.sqrt();
            let sepc = |all: bool| {
                let s = if small_var {
                    0.0
                } else if *op == Op::Scale {
                    // a scaling factor: std.lv is the value, std.all ±1
                    if all {
                        epc.signum()
                    } else {
                        epc
                    }
                } else {
                    epc.signum()
                        * crate::tables::standardize::std_entry(
                            e,
                            epc.abs(),
                            &ge.imp,
                            &pdiag,
                            p,
                            all,
                        )
                };
                s.is_finite().then_some(s)
            };
            out.push(ModIndex {
                lhs: lhs.clone(),
                op: op.as_str().to_string(),
                rhs: rhs.clone(),
                group: g + 1,
                mi,
                epc,
                sepc_lv: sepc(false),
                sepc_all: sepc(true),
            });
        }
    }
    largest_first(&mut out);
    out
}

/// Largest modification index first, a NaN last: one sort for ML and DWLS
/// (one copy of the sort code in the wasm). A NaN compared as equal to
/// every index (`partial_cmp`, else `Equal`) is no order at all: the sort
/// could leave 3.2 before 9.1 on either side of it.
fn largest_first(out: &mut [ModIndex]) {
    crate::sorting::sort_by(out, |a, b| {
        a.mi.is_nan()
            .cmp(&b.mi.is_nan())
            .then_with(|| b.mi.total_cmp(&a.mi))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mi(name: &str, mi: f64) -> ModIndex {
        ModIndex {
            lhs: name.into(),
            op: "~~".into(),
            rhs: name.into(),
            group: 1,
            mi,
            epc: 0.0,
            sepc_lv: None,
            sepc_all: None,
        }
    }

    #[test]
    fn largest_first_puts_a_nan_last_and_keeps_the_order_of_the_rest() {
        let values = [3.2, f64::NAN, 9.1, 0.5, f64::NAN, 12.0, 3.2, 7.7, 1.0, 4.4];
        let mut v: Vec<ModIndex> = values
            .iter()
            .enumerate()
            .map(|(i, &x)| mi(&format!("v{i}"), x))
            .collect();
        largest_first(&mut v);
        let got: Vec<f64> = v.iter().map(|m| m.mi).collect();
        assert_eq!(
            &got[..8],
            [12.0, 9.1, 7.7, 4.4, 3.2, 3.2, 1.0, 0.5],
            "{got:?}"
        );
        assert!(got[8..].iter().all(|x| x.is_nan()), "{got:?}");
        // equal indices keep their order (stable), so do the NaNs
        let names: Vec<&str> = v.iter().map(|m| m.lhs.as_str()).collect();
        assert_eq!(&names[4..6], ["v0", "v6"]);
        assert_eq!(&names[8..], ["v1", "v4"]);
    }
}
