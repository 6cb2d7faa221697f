//! Moderation by an observed variable: for every regression `y ~ x + w + x:w`
//! of the fitted model (the product term `x:w` as lavaan writes it), the
//! simple slopes of x at W = mean − 1 SD, mean and mean + 1 SD, the
//! Johnson–Neyman region, and — when y mediates (y → m, PROCESS model 7,
//! first-stage moderated mediation) — the conditional indirect effects at
//! those values and the index of moderated mediation a3·b.
//!
//! In: the parameter table, the fitted problem with θ̂, its row values and
//! the covariance of the estimates, and the sample means and covariances.
//! Out: [`Moderation`] blocks, one per product term. Every SE is the engine's
//! one delta method ([`Problem::delta_method_se`], as lavaan gives a `:=`
//! parameter); the slope of x at w is b1 + b3·w (Hayes 2022, *Introduction
//! to Mediation, Moderation, and Conditional Process Analysis*, §7.2).
//! The SD of W has divisor n − 1, as PROCESS and R's `sd()`.

use crate::effects::EffectEstimate;
use crate::estimate::Problem;
use crate::partable::{Op, ParTable};
use crate::samplestats::moments::SampleMoments;
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// The slope of x at one value of the moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimpleSlope {
    /// −1, 0 or +1: W at the mean plus this many SDs.
    pub sd_offset: i8,
    /// The value of W.
    pub w: f64,
    pub slope: EffectEstimate,
    /// The conditional indirect effect (b1 + b3·w)·b through the outcome,
    /// when the outcome predicts a further variable (PROCESS model 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditional_indirect: Option<EffectEstimate>,
}

/// One product term `x:w` in the regression of `outcome`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moderation {
    pub outcome: String,
    /// The focal predictor x and the moderator w (`x:w`).
    pub focal: String,
    pub moderator: String,
    pub moderator_mean: f64,
    pub moderator_sd: f64,
    pub slopes: Vec<SimpleSlope>,
    /// Johnson–Neyman: the values of W where the slope's 95% Wald test
    /// crosses p = .05 (sorted; empty when it never does).
    pub johnson_neyman: Vec<f64>,
    /// The variable the outcome predicts (the mediation's second stage), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediated_to: Option<String>,
    /// The index of moderated mediation a3·b (Hayes 2015).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_moderated_mediation: Option<EffectEstimate>,
}

/// The moderation blocks of a fitted single-group model (none without a
/// product term, or with groups).
pub fn moderations(
    pt: &ParTable,
    prob: &Problem,
    theta: &DVector<f64>,
    values: &[f64],
    vcov: Option<&DMatrix<f64>>,
    moments: &SampleMoments,
) -> Vec<Moderation> {
    if pt.n_groups != 1 || moments.groups.len() != 1 {
        return Vec::new();
    }
    let g = &moments.groups[0];
    let row = |lhs: &str, rhs: &str| {
        pt.params
            .iter()
            .position(|p| p.op == Op::Regression && p.lhs == lhs && p.rhs == rhs)
    };
    let mut out = Vec::new();
    for (r3, p) in pt.params.iter().enumerate() {
        if p.op != Op::Regression {
            continue;
        }
        let parts: Vec<&str> = p.rhs.split(':').collect();
        let [x, w] = parts[..] else { continue };
        let Some(r1) = row(&p.lhs, x) else { continue };
        let Some(j) = moments.names.iter().position(|n| n == w) else {
            continue;
        };
        let Some(mean) = g.mean.as_ref().map(|m| m[j]) else {
            continue;
        };
        let n = g.n as f64;
        let sd = (g.cov[(j, j)] * n / (n - 1.0)).sqrt();
        // the second stage: the outcome predicting one further variable
        let second: Vec<(usize, &str)> = pt
            .params
            .iter()
            .enumerate()
            .filter(|(_, q)| q.op == Op::Regression && q.rhs == p.lhs)
            .map(|(r, q)| (r, q.lhs.as_str()))
            .collect();
        let b = match second[..] {
            [(rb, to)] => Some((rb, to)),
            _ => None,
        };
        let ws = [mean - sd, mean, mean + sd];
        // slopes, then conditional indirect effects, then the index
        let f = |v: &[f64]| {
            let mut o: Vec<f64> = ws.iter().map(|w| v[r1] + v[r3] * w).collect();
            if let Some((rb, _)) = b {
                o.extend(ws.iter().map(|w| (v[r1] + v[r3] * w) * v[rb]));
                o.push(v[r3] * v[rb]);
            }
            o
        };
        let est = f(values);
        let se = vcov.map(|v| prob.delta_method_se(&f, est.len(), theta, v));
        let make = |i: usize| EffectEstimate::new(est[i], se.as_ref().map(|s| s[i]), None);
        let slopes = ws
            .iter()
            .enumerate()
            .map(|(k, &w)| SimpleSlope {
                sd_offset: k as i8 - 1,
                w,
                slope: make(k),
                conditional_indirect: b.map(|_| make(3 + k)),
            })
            .collect();
        let johnson_neyman = vcov
            .map(|v| johnson_neyman(values[r1], values[r3], prob, theta, v, r1, r3))
            .unwrap_or_default();
        out.push(Moderation {
            outcome: p.lhs.clone(),
            focal: x.to_string(),
            moderator: w.to_string(),
            moderator_mean: mean,
            moderator_sd: sd,
            slopes,
            johnson_neyman,
            mediated_to: b.map(|(_, to)| to.to_string()),
            index_moderated_mediation: b.map(|_| make(6)),
        });
    }
    out
}

/// The Johnson–Neyman points: the W where (b1 + b3 W)² = z²·Var(b1 + b3 W),
/// z = 1.959964 (the 95% Wald test), i.e. the real roots of
/// (b3² − z²V33) W² + 2(b1 b3 − z²V13) W + (b1² − z²V11) = 0
/// (Johnson & Neyman 1936; Hayes 2022, §7.4). The variances of b1 and b3
/// and their covariance come from the delta method of the engine (the
/// covariance of the estimates mapped to the row values).
fn johnson_neyman(
    b1: f64,
    b3: f64,
    prob: &Problem,
    theta: &DVector<f64>,
    vcov: &DMatrix<f64>,
    r1: usize,
    r3: usize,
) -> Vec<f64> {
    // Var(b1), Var(b3) and Var(b1 + b3) give the covariance
    let f = |v: &[f64]| vec![v[r1], v[r3], v[r1] + v[r3]];
    let se = prob.delta_method_se(&f, 3, theta, vcov);
    let (v11, v33) = (se[0] * se[0], se[1] * se[1]);
    let v13 = (se[2] * se[2] - v11 - v33) / 2.0;
    let z2 = crate::distributions::qnorm(0.975).powi(2);
    let (a, b, c) = (
        b3 * b3 - z2 * v33,
        2.0 * (b1 * b3 - z2 * v13),
        b1 * b1 - z2 * v11,
    );
    let disc = b * b - 4.0 * a * c;
    if a == 0.0 || disc < 0.0 || !disc.is_finite() {
        return Vec::new();
    }
    let mut roots = vec![
        (-b - disc.sqrt()) / (2.0 * a),
        (-b + disc.sqrt()) / (2.0 * a),
    ];
    roots.sort_by(f64::total_cmp);
    roots
}
