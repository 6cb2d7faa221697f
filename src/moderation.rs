//! Moderation by an observed variable: for every regression `y ~ x + w + x:w`
//! of the fitted model (the product term `x:w` as lavaan writes it), the
//! simple slopes of x at W = mean − 1 SD, mean and mean + 1 SD, the
//! Johnson–Neyman region, and — when the moderated regression is a stage of
//! a mediation — the conditional indirect effects at those values and the
//! index of moderated mediation: y mediating (x → y → m, PROCESS models 7
//! and 8, first-stage moderated mediation: (a1 + a3·w)·b and a3·b), or x
//! mediating (v → x → y, PROCESS model 14, second-stage: a·(b1 + b3·w) and
//! a·b3; Hayes 2015).
//!
//! In: the parameter table, the fitted problem with θ̂, its row values and
//! the covariance of the estimates, and the sample means and covariances.
//! Out: [`Moderation`] blocks, one per product term. Every SE is the engine's
//! one delta method ([`Problem::delta_method_se`], as lavaan gives a `:=`
//! parameter); the slope of x at w is b1 + b3·w (Hayes 2022, *Introduction
//! to Mediation, Moderation, and Conditional Process Analysis*, §7.2).
//! The SD of W has divisor n − 1, as PROCESS and R's `sd()`.

use crate::bootstrap::BootstrapResult;
use crate::data::NumericData;
use crate::effects::{significant, Basis, EffectEstimate};
use crate::estimate::Problem;
use crate::partable::{Op, ParTable};
use crate::samplestats::moments::SampleMoments;
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// A predictor as a table shows it: the product term `x:w` reads `x × w`,
/// every other name as it is.
pub fn readable(name: &str) -> String {
    match name.split_once(':') {
        Some((x, w)) => format!("{x} × {w}"),
        None => name.to_string(),
    }
}

/// The slope of x at one value of the moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimpleSlope {
    /// −1, 0 or +1: W at the mean plus this many SDs.
    pub sd_offset: i8,
    /// The value of W.
    #[serde(deserialize_with = "crate::effects::f64_or_null")]
    pub w: f64,
    pub slope: EffectEstimate,
    /// The conditional indirect effect at this W: (b1 + b3·w)·b through the
    /// outcome when it predicts a further variable (PROCESS model 7), else
    /// a·(b1 + b3·w) from the variable that predicts x (PROCESS model 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditional_indirect: Option<EffectEstimate>,
}

/// Where the slope of x differs from 0 at the 95% level, by the
/// Johnson–Neyman points ([`Moderation::johnson_neyman`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignificanceRegion {
    /// Below the first point and above the second.
    Outside,
    /// Between the two points.
    Inside,
    /// At every value of W.
    Everywhere,
    /// At no value of W.
    Nowhere,
}

/// One product term `x:w` in the regression of `outcome`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moderation {
    pub outcome: String,
    /// The focal predictor x and the moderator w (`x:w`).
    pub focal: String,
    pub moderator: String,
    #[serde(deserialize_with = "crate::effects::f64_or_null")]
    pub moderator_mean: f64,
    #[serde(deserialize_with = "crate::effects::f64_or_null")]
    pub moderator_sd: f64,
    pub slopes: Vec<SimpleSlope>,
    /// Johnson–Neyman: the values of W where the slope's 95% Wald test
    /// crosses p = .05 (sorted; empty when it never does).
    pub johnson_neyman: Vec<f64>,
    /// Where the slope is significant, given those points (None without SEs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_where: Option<SignificanceRegion>,
    /// The smallest and largest W in the rows analysed (to read the
    /// Johnson–Neyman points against: PROCESS reports only those inside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderator_range: Option<(f64, f64)>,
    /// The coefficient of the product term b3 (its Wald test is the test
    /// of moderation, as PROCESS's "test of highest order unconditional
    /// interaction"). Always written by the engine; a JSON without it (an
    /// older file, another tool's) reads as None: no verdict on moderation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<EffectEstimate>,
    /// The variable the outcome predicts (the mediation's second stage), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediated_to: Option<String>,
    /// The variable that predicts the focal x (the mediation's first stage,
    /// the moderated regression being its second: PROCESS model 14), when
    /// the outcome predicts nothing further.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediated_from: Option<String>,
    /// The moderated regression is a stage of several mediation paths
    /// (x → outcome → each variable the outcome predicts, or, when it
    /// predicts none, each variable predicting x → x → outcome). No
    /// conditional indirect effect is given for them (one per path is for
    /// the user's `:=` lines); the table's note says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub several_paths: Vec<[String; 3]>,
    /// The index of moderated mediation a3·b (first stage moderated) or a·b3
    /// (second stage moderated) (Hayes 2015).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_moderated_mediation: Option<EffectEstimate>,
    /// The predicted outcome at x = mean − 1 SD and mean + 1 SD of x, for W
    /// at each of [`Moderation::slopes`]' values: ŷ = b0 + b1 x + b2 w +
    /// b3 x w, the simple-slopes plot's three lines (Hayes 2022, §7.3).
    #[serde(default)]
    pub lines: Vec<[(f64, f64); 2]>,
}

impl Moderation {
    /// Whether x's effect on the outcome depends on W: the product term's
    /// coefficient differs from 0 (its Wald test, p < .05; Hayes 2022,
    /// §7.2). None without an SE. The one place this verdict is made.
    pub fn moderated(&self) -> Option<bool> {
        significant(self.interaction.as_ref()?, Basis::Delta)
    }

    /// Whether the indirect effect depends on W: the index of moderated
    /// mediation differs from 0 — by its bootstrap interval when a
    /// bootstrap ran (Hayes 2015), else by the delta method. None without
    /// an index or a test.
    pub fn mediation_moderated(&self, basis: Basis) -> Option<bool> {
        significant(self.index_moderated_mediation.as_ref()?, basis)
    }

    /// The moderated mediation's path (from, through, to): focal → outcome →
    /// [`Moderation::mediated_to`], or [`Moderation::mediated_from`] →
    /// focal → outcome. None when the regression is no stage of a mediation.
    pub fn indirect_path(&self) -> Option<[&str; 3]> {
        match (&self.mediated_to, &self.mediated_from) {
            (Some(to), _) => Some([&self.focal, &self.outcome, to]),
            (None, Some(from)) => Some([from, &self.focal, &self.outcome]),
            (None, None) => None,
        }
    }
}

/// The other stage of a moderated mediation, beside the moderated
/// regression `y ~ x + x:w`.
#[derive(Clone, Copy)]
enum Stage<'a> {
    /// `m ~ y`: the outcome predicts m (PROCESS model 7).
    To(&'a str),
    /// `x ~ v`: v predicts the focal x (PROCESS model 14).
    From(&'a str),
}

/// The parameter-table rows of one product term.
struct Terms<'a> {
    outcome: &'a str,
    focal: &'a str,
    moderator: &'a str,
    /// `y ~ x`, `y ~ x:w`, and the other stage's regression (row and name).
    r1: usize,
    r3: usize,
    stage: Option<(usize, Stage<'a>)>,
    /// The other stages when there are several (no one `stage` then).
    several: Vec<Stage<'a>>,
}

/// Every product term `y ~ x:w` whose `y ~ x` the model has.
fn terms(pt: &ParTable) -> Vec<Terms<'_>> {
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
        let regressions = || {
            pt.params
                .iter()
                .enumerate()
                .filter(|(_, q)| q.op == Op::Regression)
        };
        // the second stage: the outcome predicting one further variable
        let second: Vec<(usize, Stage)> = regressions()
            .filter(|(_, q)| q.rhs == p.lhs)
            .map(|(r, q)| (r, Stage::To(q.lhs.as_str())))
            .collect();
        // else the first: one variable (not W, not a product) predicting x
        let first: Vec<(usize, Stage)> = regressions()
            .filter(|(_, q)| q.lhs == x && q.rhs != w && !q.rhs.contains(':'))
            .map(|(r, q)| (r, Stage::From(q.rhs.as_str())))
            .collect();
        out.push(Terms {
            outcome: &p.lhs,
            focal: x,
            moderator: w,
            r1,
            r3,
            stage: match (&second[..], &first[..]) {
                ([one], _) | ([], [one]) => Some(*one),
                _ => None,
            },
            several: match (&second[..], &first[..]) {
                ([], stages) | (stages, _) if stages.len() > 1 => {
                    stages.iter().map(|(_, s)| *s).collect()
                }
                _ => Vec::new(),
            },
        });
    }
    out
}

impl Terms<'_> {
    /// The slopes at `ws`, then (with the other stage of a mediation) the
    /// conditional indirect effects at `ws` and the index, from the row
    /// values `v`: the other stage's coefficient times the slope, and times
    /// b3 — (a1 + a3·w)·b and a3·b, or a·(b1 + b3·w) and a·b3 (Hayes 2015).
    fn quantities(&self, v: &[f64], ws: &[f64]) -> Vec<f64> {
        let (r1, r3) = (self.r1, self.r3);
        let mut o: Vec<f64> = ws.iter().map(|w| v[r1] + v[r3] * w).collect();
        if let Some((r, _)) = self.stage {
            o.extend(ws.iter().map(|w| v[r] * (v[r1] + v[r3] * w)));
            o.push(v[r] * v[r3]);
        }
        o
    }

    /// The mediation path x → outcome → m, or v → x → outcome.
    fn path(&self, stage: Stage<'_>) -> [String; 3] {
        let [x, y] = [self.focal, self.outcome].map(String::from);
        match stage {
            Stage::To(m) => [x, y, m.to_string()],
            Stage::From(v) => [v.to_string(), x, y],
        }
    }

    /// The other stage's variable: (mediated to, mediated from).
    fn stage_names(&self) -> (Option<String>, Option<String>) {
        match self.stage {
            Some((_, Stage::To(m))) => (Some(m.to_string()), None),
            Some((_, Stage::From(v))) => (None, Some(v.to_string())),
            None => (None, None),
        }
    }
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
    let mut out = Vec::new();
    for t in terms(pt) {
        let (Some((mean, sd)), Some(ws)) = (
            moderator_mean_sd(moments, t.moderator),
            moderator_values(moments, t.moderator),
        ) else {
            continue;
        };
        let f = |v: &[f64]| t.quantities(v, &ws);
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
                conditional_indirect: t.stage.map(|_| make(3 + k)),
            })
            .collect();
        let b3_se = vcov.map(|v| prob.delta_method_se(&|q: &[f64]| vec![q[t.r3]], 1, theta, v)[0]);
        let jn =
            vcov.map(|v| johnson_neyman(values[t.r1], values[t.r3], prob, theta, v, t.r1, t.r3));
        let (mediated_to, mediated_from) = t.stage_names();
        out.push(Moderation {
            outcome: t.outcome.to_string(),
            focal: t.focal.to_string(),
            moderator: t.moderator.to_string(),
            moderator_mean: mean,
            moderator_sd: sd,
            slopes,
            johnson_neyman: jn.as_ref().map(|j| j.0.clone()).unwrap_or_default(),
            significant_where: jn.map(|j| j.1),
            moderator_range: None,
            interaction: Some(EffectEstimate::new(values[t.r3], b3_se, None)),
            mediated_to,
            mediated_from,
            several_paths: t.several.iter().map(|s| t.path(*s)).collect(),
            index_moderated_mediation: t.stage.map(|_| make(6)),
            lines: lines(pt, &t, values, moments, &ws).unwrap_or_default(),
        });
    }
    out
}

/// W at mean − 1 SD, mean and mean + 1 SD in the (first group's) sample
/// moments the model is fitted to: the rows listwise deletion keeps, or
/// FIML's estimates; the SD with divisor n − 1, as PROCESS and R's `sd()`.
/// None when W is not among the moments' variables or they have no means.
/// The one place these values are taken (the moderation table, and the
/// `:=` lines of [`crate::analysis::process_helper::write_process_model`]).
pub fn moderator_values(moments: &SampleMoments, moderator: &str) -> Option<[f64; 3]> {
    let (mean, sd) = moderator_mean_sd(moments, moderator)?;
    Some([mean - sd, mean, mean + sd])
}

/// W's mean and SD (divisor n − 1) in the moments, as [`moderator_values`].
fn moderator_mean_sd(moments: &SampleMoments, moderator: &str) -> Option<(f64, f64)> {
    let g = moments.groups.first()?;
    let j = moments.names.iter().position(|n| n == moderator)?;
    let n = g.n as f64;
    let mean = g.mean.as_ref()?[j];
    Some((mean, (g.cov[(j, j)] * n / (n - 1.0)).sqrt()))
}

/// The simple-slopes plot's lines: ŷ at x = mean ∓ 1 SD for each W in
/// `ws`. The intercept b0 is the model's `y ~ 1` when it has one, else the
/// one the sample means imply, ȳ − b1 x̄ − b2 w̄ − b3 mean(x·w) (what ML
/// estimates for a regression among observed variables); b2 is 0 when the
/// model has no `y ~ w`.
fn lines(
    pt: &ParTable,
    t: &Terms<'_>,
    v: &[f64],
    moments: &SampleMoments,
    ws: &[f64],
) -> Option<Vec<[(f64, f64); 2]>> {
    let g = &moments.groups[0];
    let means = g.mean.as_ref()?;
    let at = |name: &str| moments.names.iter().position(|n| n == name);
    let mean = |name: &str| at(name).map(|j| means[j]);
    let row = |op: Op, rhs: &str| {
        pt.params
            .iter()
            .position(|p| p.op == op && p.lhs == t.outcome && p.rhs == rhs)
    };
    let product = format!("{}:{}", t.focal, t.moderator);
    let (b1, b3) = (v[t.r1], v[t.r3]);
    let b2 = row(Op::Regression, t.moderator).map_or(0.0, |r| v[r]);
    let b0 = match row(Op::Intercept, "") {
        Some(r) => v[r],
        None => {
            mean(t.outcome)? - b1 * mean(t.focal)? - b2 * mean(t.moderator)? - b3 * mean(&product)?
        }
    };
    let j = at(t.focal)?;
    let n = g.n as f64;
    let sd = (g.cov[(j, j)] * n / (n - 1.0)).sqrt();
    let xs = [means[j] - sd, means[j] + sd];
    let y = |x: f64, w: f64| b0 + b1 * x + b2 * w + b3 * x * w;
    Some(
        ws.iter()
            .map(|&w| [(xs[0], y(xs[0], w)), (xs[1], y(xs[1], w))])
            .collect(),
    )
}

/// Sets each block's [`Moderation::moderator_range`] from the data the
/// model was fitted to (`listwise`: the rows complete on every column, else
/// every observed value, as full-information ML uses them).
pub fn set_moderator_ranges(mods: &mut [Moderation], data: &NumericData, listwise: bool) {
    for m in mods {
        let Some(j) = data.names.iter().position(|n| *n == m.moderator) else {
            continue;
        };
        let values = data
            .rows
            .iter()
            .filter(|r| !listwise || r.iter().all(Option::is_some))
            .filter_map(|r| r[j]);
        m.moderator_range = values.fold(None, |acc: Option<(f64, f64)>, v| {
            Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
        });
    }
}

/// Adds bootstrap SEs and intervals (percentile and bias-corrected) to the
/// slopes, the conditional indirect effects and the index of moderated
/// mediation, from every successful draw's row values (W held at the values
/// of the full sample, as PROCESS and lavaan's `:=` with those constants).
pub fn add_bootstrap(mods: &mut [Moderation], pt: &ParTable, boot: &BootstrapResult) {
    let level = boot.summary.level;
    let draws = &boot.values;
    for t in terms(pt) {
        let Some(m) = mods
            .iter_mut()
            .find(|m| m.outcome == t.outcome && m.focal == t.focal && m.moderator == t.moderator)
        else {
            continue;
        };
        let ws: Vec<f64> = m.slopes.iter().map(|s| s.w).collect();
        let per_draw: Vec<Vec<f64>> = (0..draws.nrows())
            .map(|i| {
                let row: Vec<f64> = draws.row(i).iter().copied().collect();
                t.quantities(&row, &ws)
            })
            .collect();
        let column = |k: usize| per_draw.iter().map(|q| q[k]).collect::<Vec<f64>>();
        let k = ws.len();
        for (i, s) in m.slopes.iter_mut().enumerate() {
            s.slope.add_bootstrap(&column(i), level);
            if let Some(c) = &mut s.conditional_indirect {
                c.add_bootstrap(&column(k + i), level);
            }
        }
        if let Some(e) = &mut m.index_moderated_mediation {
            e.add_bootstrap(&column(2 * k), level);
        }
    }
}

/// The Johnson–Neyman points: the W where (b1 + b3 W)² = z²·Var(b1 + b3 W),
/// z = 1.959964 (the 95% Wald test), i.e. the real roots of
/// (b3² − z²V33) W² + 2(b1 b3 − z²V13) W + (b1² − z²V11) = 0
/// (Johnson & Neyman 1936; Hayes 2022, §7.4). The variances of b1 and b3
/// and their covariance come from the delta method of the engine (the
/// covariance of the estimates mapped to the row values).
/// The slope is significant where that quadratic is positive: outside
/// the roots when its leading coefficient is positive, between them when
/// negative; without real roots everywhere or nowhere by its sign.
fn johnson_neyman(
    b1: f64,
    b3: f64,
    prob: &Problem,
    theta: &DVector<f64>,
    vcov: &DMatrix<f64>,
    r1: usize,
    r3: usize,
) -> (Vec<f64>, SignificanceRegion) {
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
    if a == 0.0 || disc <= 0.0 || !disc.is_finite() {
        // no crossing: the sign of the quadratic at W = 0 (c; a's sign
        // when the roots touch) decides
        let positive = if a == 0.0 || !disc.is_finite() {
            c > 0.0
        } else {
            a > 0.0
        };
        let region = if positive {
            SignificanceRegion::Everywhere
        } else {
            SignificanceRegion::Nowhere
        };
        return (Vec::new(), region);
    }
    let mut roots = vec![
        (-b - disc.sqrt()) / (2.0 * a),
        (-b + disc.sqrt()) / (2.0 * a),
    ];
    crate::sorting::ascending(&mut roots);
    let region = if a > 0.0 {
        SignificanceRegion::Outside
    } else {
        SignificanceRegion::Inside
    };
    (roots, region)
}
