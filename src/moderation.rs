//! Moderation by an observed variable: for every regression `y ~ x + w + x:w`
//! of the fitted model (the product term `x:w` as lavaan writes it), the
//! simple slopes of x at W = mean − 1 SD, mean and mean + 1 SD, the
//! Johnson–Neyman region, and the conditional indirect effects at those
//! values of every specific indirect path through x → y (the paths of
//! [`crate::effects::chains_through`]): the product of the path's
//! coefficients with each edge W moderates replaced by (b + b_int·w), as a
//! PROCESS user (Hayes 2022, models 7, 14, 58, 83, …) or a lavaan user
//! writing `:=` would. With one moderated edge the effect is linear in w and
//! its slope, b_int times the other coefficients, is the index of moderated
//! mediation (Hayes 2015); with two edges moderated by W it is quadratic in
//! w and has no single index (PROCESS gives none). A path with an edge
//! moderated by another variable depends on both and is named, not given.
//!
//! In: the parameter table, the fitted problem with θ̂, its row values and
//! the covariance of the estimates, and the sample means and covariances.
//! Out: [`Moderation`] blocks, one per product term. Every SE is the engine's
//! one delta method ([`Problem::delta_method_se`], as lavaan gives a `:=`
//! parameter); the slope of x at w is b1 + b3·w (Hayes 2022, *Introduction
//! to Mediation, Moderation, and Conditional Process Analysis*, §7.2).
//! The SD of W has divisor n − 1, as PROCESS and R's `sd()`. A W with
//! exactly two distinct values in the rows analysed (0/1, 1/2) is
//! dichotomous: the slopes are at those two values instead, as PROCESS
//! (Hayes 2022, §7.3: "if W is dichotomous, the two values of W") and
//! JASP, and it has no Johnson–Neyman region ([`conditioning_values`]).

use crate::bootstrap::BootstrapResult;
use crate::data::NumericData;
use crate::effects::{significant, Basis, Chain, EffectEstimate};
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
    /// −1, 0 or +1: W at the mean plus this many SDs; for a dichotomous W
    /// ([`Moderation::dichotomous`]) −1 at its lower value, +1 at its higher.
    pub sd_offset: i8,
    /// The value of W.
    #[serde(deserialize_with = "crate::effects::f64_or_null")]
    pub w: f64,
    pub slope: EffectEstimate,
    /// The conditional indirect effect at this W when x → outcome lies on
    /// exactly one indirect path ([`Moderation::paths`]' only one):
    /// (b1 + b3·w)·b (PROCESS model 7) or a·(b1 + b3·w) (PROCESS model 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditional_indirect: Option<EffectEstimate>,
}

/// One specific indirect path through the moderated regression x → outcome
/// and its effect at the block's values of W.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionalPath {
    pub from: String,
    /// The mediators in order.
    pub via: Vec<String>,
    pub to: String,
    /// The edges of the path moderated by W, each [predictor, outcome], in
    /// the path's order: one, and the effect is linear in w; two or more,
    /// and it is a polynomial in w with no single index.
    pub moderated_edges: Vec<[String; 2]>,
    /// An edge of the path moderated by another variable: [predictor,
    /// outcome, moderator]. Its effect depends on both moderators and is
    /// not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also_moderated: Option<[String; 3]>,
    /// The effect at each of the block's values of W (those of
    /// [`Moderation::slopes`]); empty when [`ConditionalPath::also_moderated`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional: Vec<EffectEstimate>,
    /// The index of moderated mediation: the product term's coefficient
    /// times the path's other coefficients, when W moderates one edge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<EffectEstimate>,
}

impl ConditionalPath {
    /// The path as the tables print it: `X → M1 → M2 → Y`.
    pub fn label(&self) -> String {
        let mut names = vec![self.from.as_str()];
        names.extend(self.via.iter().map(String::as_str));
        names.push(&self.to);
        names.join(" → ")
    }

    /// Whether the indirect effect depends on W: the index of moderated
    /// mediation differs from 0 — by its bootstrap interval when a
    /// bootstrap ran (Hayes 2015), else by the delta method. None without
    /// an index or a test. The one place this verdict is made.
    pub fn mediation_moderated(&self, basis: Basis) -> Option<bool> {
        significant(self.index.as_ref()?, basis)
    }

    /// Whether W moderates two or more of its edges (the effect is not
    /// linear in w: no index of moderated mediation).
    pub fn quadratic(&self) -> bool {
        self.moderated_edges.len() > 1
    }
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

/// Where the slope of x is significant within the observed range of W
/// (the Johnson–Neyman points outside it do not bound anything the data
/// hold; PROCESS, Hayes 2022 §7.4, reports only those inside and says
/// "across the observed range" when none are). Made by
/// [`Moderation::significant_in_range`], the one place for this verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ObservedRegion {
    /// Significant at every observed W.
    All,
    /// Significant at no observed W.
    None,
    /// Significant where W is below the point.
    Below(f64),
    /// Significant where W is above the point.
    Above(f64),
    /// Significant between the two points.
    Between(f64, f64),
    /// Significant below the first point and above the second.
    OutsideOf(f64, f64),
}

/// One product term `x:w` in the regression of `outcome`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moderation {
    pub outcome: String,
    /// The focal predictor x and the moderator w of the product (`x:w` or
    /// `w:x`: the model decides which is which, [`focal_of`]).
    pub focal: String,
    pub moderator: String,
    #[serde(deserialize_with = "crate::effects::f64_or_null")]
    pub moderator_mean: f64,
    #[serde(deserialize_with = "crate::effects::f64_or_null")]
    pub moderator_sd: f64,
    /// W has exactly two distinct values in the rows analysed: the slopes
    /// are at those two values, and there is no Johnson–Neyman region
    /// ([`conditioning_values`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dichotomous: bool,
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
    /// When x → outcome lies on exactly one indirect path, the path's
    /// last variable if it runs on from the outcome (x → outcome → m,
    /// PROCESS model 7) ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediated_to: Option<String>,
    /// ... else its first, which predicts x (v → x → outcome, PROCESS
    /// model 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediated_from: Option<String>,
    /// Every specific indirect path through x → outcome (none through W
    /// itself), with its conditional effects. A path W moderates at an
    /// earlier edge too is in that edge's block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<ConditionalPath>,
    /// The index of moderated mediation a3·b (first stage moderated) or a·b3
    /// (second stage moderated) (Hayes 2015) of the one path, as
    /// [`Moderation::mediated_to`].
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

    /// Where the slope is significant within W's observed range
    /// ([`Moderation::moderator_range`]; the whole line without it): the
    /// Johnson–Neyman points strictly inside the range split it, and the
    /// region ([`Moderation::significant_where`]) decides each part. None
    /// without SEs.
    pub fn significant_in_range(&self) -> Option<ObservedRegion> {
        let region = self.significant_where?;
        let jn = &self.johnson_neyman;
        let significant = |w: f64| match (region, jn.as_slice()) {
            (SignificanceRegion::Everywhere, _) => true,
            (SignificanceRegion::Nowhere, _) => false,
            (SignificanceRegion::Outside, [lo, hi]) => w < *lo || w > *hi,
            (SignificanceRegion::Inside, [lo, hi]) => *lo < w && w < *hi,
            _ => false,
        };
        let (lo, hi) = self
            .moderator_range
            .unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
        let inside: Vec<f64> = jn.iter().copied().filter(|p| lo < *p && *p < hi).collect();
        // a value of W strictly between two of lo, the points, hi
        let between = |a: f64, b: f64| match (a.is_finite(), b.is_finite()) {
            (true, true) => (a + b) / 2.0,
            (true, false) => a + 1.0,
            (false, true) => b - 1.0,
            (false, false) => 0.0,
        };
        Some(match inside[..] {
            [] if significant(between(lo, hi)) => ObservedRegion::All,
            [] => ObservedRegion::None,
            [p] if significant(between(lo, p)) => ObservedRegion::Below(p),
            [p] => ObservedRegion::Above(p),
            [p, q] if significant(between(p, q)) => ObservedRegion::Between(p, q),
            [p, q] => ObservedRegion::OutsideOf(p, q),
            _ => return None,
        })
    }
}

/// A regression edge whose coefficient depends on a moderator: the row
/// of `y ~ a` when the model has `y ~ a:b` (moderated by b) or `y ~ b:a`
/// (moderated by b too: a product is symmetric).
struct ModeratedEdge<'a> {
    row: usize,
    /// The row of the product term.
    product: usize,
    moderator: &'a str,
}

/// Every moderated edge of the model (first group).
fn moderated_edges(pt: &ParTable) -> Vec<ModeratedEdge<'_>> {
    let mut out = Vec::new();
    for (product, p) in pt.params.iter().enumerate() {
        if p.op != Op::Regression || p.group != 1 {
            continue;
        }
        let Some((a, b)) = p.rhs.split_once(':') else {
            continue;
        };
        for (x, w) in [(a, b), (b, a)] {
            if let Some(row) = regression_row(pt, &p.lhs, x) {
                out.push(ModeratedEdge {
                    row,
                    product,
                    moderator: w,
                });
            }
        }
    }
    out
}

/// The focal predictor x and the moderator w of the product term in row
/// `product` (`y ~ a:b`), with the row of `y ~ x`. lavaan does not care
/// about the order inside `a:b`, and neither does this: a part without its
/// own `y ~ part` cannot be focal; of two that can, the focal one is the
/// one the model involves in other regressions — an outcome of a
/// regression, or a predictor of another outcome than y (the mediator of
/// `y ~ m + w + w:m` with `m ~ x`, the X of `m ~ x + w + w:x` with
/// `y ~ m + x`) — and the moderator the one it does not; when both or
/// neither are, the written order decides, as PROCESS's X and W roles.
/// The one place the roles are decided. None for no product term.
fn focal_of(pt: &ParTable, product: usize) -> Option<(&str, &str, usize)> {
    let p = &pt.params[product];
    if p.op != Op::Regression {
        return None;
    }
    let (a, b) = p.rhs.split_once(':')?;
    if b.contains(':') {
        return None;
    }
    let involved = |v: &str| {
        pt.params.iter().any(|q| {
            q.op == Op::Regression
                && q.group == p.group
                && (q.lhs == v || (q.rhs == v && q.lhs != p.lhs))
        })
    };
    match (regression_row(pt, &p.lhs, a), regression_row(pt, &p.lhs, b)) {
        (Some(_), Some(rb)) if involved(b) && !involved(a) => Some((b, a, rb)),
        (Some(ra), _) => Some((a, b, ra)),
        (None, Some(rb)) => Some((b, a, rb)),
        (None, None) => None,
    }
}

/// The row of the regression `lhs ~ rhs`, if the model has it.
fn regression_row(pt: &ParTable, lhs: &str, rhs: &str) -> Option<usize> {
    pt.params
        .iter()
        .position(|p| p.op == Op::Regression && p.lhs == lhs && p.rhs == rhs)
}

/// One path of a block: its chain, the edges W moderates on it (row,
/// product row), or the edge another moderator moderates.
struct PathPlan {
    chain: Chain,
    by_w: Vec<(usize, usize)>,
    also: Option<[String; 3]>,
}

impl PathPlan {
    /// The effect at W = w from the row values `v`: the product of the
    /// path's coefficients, each edge W moderates as b + b_int·w.
    fn at(&self, v: &[f64], w: f64) -> f64 {
        self.chain
            .rows
            .iter()
            .map(|&r| match self.by_w.iter().find(|(row, _)| *row == r) {
                Some(&(_, product)) => v[r] + v[product] * w,
                None => v[r],
            })
            .product()
    }

    /// The index of moderated mediation with one edge moderated by W: the
    /// path's product with that edge's coefficient replaced by b_int's
    /// (the derivative of [`PathPlan::at`] in w). None otherwise.
    fn index(&self, v: &[f64]) -> Option<f64> {
        let [(moderated, product)] = self.by_w[..] else {
            return None;
        };
        Some(
            self.chain
                .rows
                .iter()
                .map(|&r| if r == moderated { v[product] } else { v[r] })
                .product(),
        )
    }

    /// Whether its effects are computed (no other moderator on the path).
    fn given(&self) -> bool {
        self.also.is_none()
    }
}

/// The parameter-table rows of one product term.
struct Terms<'a> {
    outcome: &'a str,
    focal: &'a str,
    moderator: &'a str,
    /// `y ~ x` and `y ~ x:w`.
    r1: usize,
    r3: usize,
    /// The indirect paths through x → y.
    paths: Vec<PathPlan>,
}

/// Every product term `y ~ x:w` (or `w:x`, [`focal_of`]) whose `y ~ x` the model has, with the
/// indirect paths through x → y: every chain through that edge
/// ([`crate::effects::chains_through`]) but those through W itself (W's
/// own edges are moderated by x; PROCESS gives no effect of W) and those
/// W moderates at an earlier edge too (they are that edge's block's).
fn terms(pt: &ParTable) -> Vec<Terms<'_>> {
    let edges = moderated_edges(pt);
    // the focal edges (x → y of `y ~ x:w`) and their moderators
    let focal: Vec<(usize, &str)> = pt
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.group == 1)
        .filter_map(|(r3, _)| {
            let (_, w, r1) = focal_of(pt, r3)?;
            Some((r1, w))
        })
        .collect();
    let mut out = Vec::new();
    for (r3, p) in pt.params.iter().enumerate() {
        let Some((x, w, r1)) = focal_of(pt, r3) else {
            continue;
        };
        let paths = crate::effects::chains_through(pt, r1)
            .into_iter()
            .filter(|c| c.from != w && !c.via.iter().any(|m| m == w))
            .filter(|c| {
                // the first edge on the path W moderates as a focal edge is x → y
                c.rows
                    .iter()
                    .find(|r| focal.contains(&(**r, w)))
                    .is_none_or(|&r| r == r1)
            })
            .map(|chain| {
                let mut by_w = Vec::new();
                let mut also = None;
                for (k, &r) in chain.rows.iter().enumerate() {
                    for e in edges.iter().filter(|e| e.row == r) {
                        if e.moderator == w {
                            by_w.push((r, e.product));
                        } else if also.is_none() {
                            let names = chain_names(&chain);
                            also = Some([
                                names[k].to_string(),
                                names[k + 1].to_string(),
                                e.moderator.to_string(),
                            ]);
                        }
                    }
                }
                PathPlan { chain, by_w, also }
            })
            .collect();
        out.push(Terms {
            outcome: &p.lhs,
            focal: x,
            moderator: w,
            r1,
            r3,
            paths,
        });
    }
    out
}

/// A chain's variables in order, from its first to its last.
fn chain_names(c: &Chain) -> Vec<&str> {
    let mut names = vec![c.from.as_str()];
    names.extend(c.via.iter().map(String::as_str));
    names.push(&c.to);
    names
}

impl Terms<'_> {
    /// The slopes at `ws`, then for each path whose effects are given its
    /// conditional indirect effects at `ws` and, when W moderates one of its
    /// edges, its index, from the row values `v`: for PROCESS model 7
    /// (a1 + a3·w)·b and a3·b, for model 14 a·(b1 + b3·w) and a·b3 (Hayes
    /// 2015). The order [`Terms::layout`] reads.
    fn quantities(&self, v: &[f64], ws: &[f64]) -> Vec<f64> {
        let (r1, r3) = (self.r1, self.r3);
        let mut o: Vec<f64> = ws.iter().map(|w| v[r1] + v[r3] * w).collect();
        for p in self.paths.iter().filter(|p| p.given()) {
            o.extend(ws.iter().map(|&w| p.at(v, w)));
            o.extend(p.index(v));
        }
        o
    }

    /// Where each path's effects start in [`Terms::quantities`] (None for a
    /// path not given) and where its index is (None without one).
    fn layout(&self, k: usize) -> Vec<(Option<usize>, Option<usize>)> {
        let mut at = k;
        self.paths
            .iter()
            .map(|p| {
                if !p.given() {
                    return (None, None);
                }
                let start = at;
                at += k;
                let index = (p.by_w.len() == 1).then(|| {
                    at += 1;
                    at - 1
                });
                (Some(start), index)
            })
            .collect()
    }
}

/// The moderation blocks of a fitted single-group model (none without a
/// product term, or with groups). `data`: the rows the model was fitted to
/// (`listwise`: only those complete on every column count, else every
/// observed value, as full-information ML uses them), for W's observed
/// range and whether W is dichotomous ([`conditioning_values`]); without
/// it (moments only) W is taken as continuous.
#[allow(clippy::too_many_arguments)]
pub fn moderations(
    pt: &ParTable,
    prob: &Problem,
    theta: &DVector<f64>,
    values: &[f64],
    vcov: Option<&DMatrix<f64>>,
    moments: &SampleMoments,
    data: Option<&NumericData>,
    listwise: bool,
) -> Vec<Moderation> {
    if pt.n_groups != 1 || moments.groups.len() != 1 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for t in terms(pt) {
        let observed = data.map(|d| observed_values(d, t.moderator, listwise));
        let (Some((mean, sd)), Some((ws, dichotomous))) = (
            moderator_mean_sd(moments, t.moderator),
            conditioning_values(moments, t.moderator, observed.as_deref()),
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
                sd_offset: match dichotomous {
                    true => 2 * k as i8 - 1,
                    false => k as i8 - 1,
                },
                w,
                slope: make(k),
                conditional_indirect: None,
            })
            .collect();
        let paths = t
            .paths
            .iter()
            .zip(t.layout(ws.len()))
            .map(|(p, (start, index))| ConditionalPath {
                from: p.chain.from.clone(),
                via: p.chain.via.clone(),
                to: p.chain.to.clone(),
                moderated_edges: p
                    .by_w
                    .iter()
                    .map(|(r, _)| [pt.params[*r].rhs.clone(), pt.params[*r].lhs.clone()])
                    .collect(),
                also_moderated: p.also.clone(),
                conditional: start
                    .map(|s| (s..s + ws.len()).map(make).collect())
                    .unwrap_or_default(),
                index: index.map(make),
            })
            .collect();
        let b3_se = vcov.map(|v| prob.delta_method_se(&|q: &[f64]| vec![q[t.r3]], 1, theta, v)[0]);
        // no region between the two values of a dichotomous W
        let jn = vcov
            .filter(|_| !dichotomous)
            .map(|v| johnson_neyman(values[t.r1], values[t.r3], prob, theta, v, t.r1, t.r3));
        let range = observed.as_deref().and_then(|o| {
            o.iter().fold(None, |acc: Option<(f64, f64)>, &v| {
                Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
            })
        });
        let mut m = Moderation {
            outcome: t.outcome.to_string(),
            focal: t.focal.to_string(),
            moderator: t.moderator.to_string(),
            moderator_mean: mean,
            moderator_sd: sd,
            dichotomous,
            slopes,
            johnson_neyman: jn.as_ref().map(|j| j.0.clone()).unwrap_or_default(),
            significant_where: jn.map(|j| j.1),
            moderator_range: range,
            interaction: Some(EffectEstimate::new(values[t.r3], b3_se, None)),
            mediated_to: None,
            mediated_from: None,
            paths,
            index_moderated_mediation: None,
            lines: lines(pt, &t, values, moments, &ws).unwrap_or_default(),
        };
        m.set_one_path();
        out.push(m);
    }
    out
}

impl Moderation {
    /// With exactly one indirect path through x → outcome, whose effects
    /// are given, its effects also as [`Moderation::mediated_to`] (or
    /// `mediated_from`), each slope's `conditional_indirect` and
    /// [`Moderation::index_moderated_mediation`] — the keys a PROCESS model
    /// 7 or 14 has had since before [`Moderation::paths`].
    fn set_one_path(&mut self) {
        let [p] = &self.paths[..] else { return };
        if p.conditional.len() != self.slopes.len() || p.via.len() != 1 {
            return;
        }
        if p.from == self.focal {
            self.mediated_to = Some(p.to.clone());
        } else {
            self.mediated_from = Some(p.from.clone());
        }
        for (s, c) in self.slopes.iter_mut().zip(&p.conditional) {
            s.conditional_indirect = Some(c.clone());
        }
        self.index_moderated_mediation = p.index.clone();
    }
}

/// W at mean − 1 SD, mean and mean + 1 SD in the (first group's) sample
/// moments the model is fitted to: the rows listwise deletion keeps, or
/// FIML's estimates; the SD with divisor n − 1, as PROCESS and R's `sd()`.
/// None when W is not among the moments' variables or they have no means.
/// The one place these values are taken (a continuous W's moderation
/// block, [`conditioning_values`], and the `:=` lines of
/// [`crate::analysis::process_helper::write_process_model`]).
pub fn moderator_values(moments: &SampleMoments, moderator: &str) -> Option<[f64; 3]> {
    let (mean, sd) = moderator_mean_sd(moments, moderator)?;
    Some([mean - sd, mean, mean + sd])
}

/// The values of W the slopes, the conditional indirect effects and the
/// plot's lines are given at, and whether W is dichotomous: with `observed`
/// (W's values in the rows analysed, [`observed_values`]) holding exactly
/// two distinct values, those two in ascending order, as PROCESS
/// (Hayes 2022, §7.3) and JASP do for a dichotomous moderator, where the
/// mean ∓ 1 SD would be values W never takes; else mean − 1 SD, mean and
/// mean + 1 SD ([`moderator_values`]). The one place the moderation block
/// decides them; every reader (tables, plot, prose, the R script's `:=`
/// lines) takes [`Moderation::slopes`]' `w`.
pub fn conditioning_values(
    moments: &SampleMoments,
    moderator: &str,
    observed: Option<&[f64]>,
) -> Option<(Vec<f64>, bool)> {
    let mut distinct: Vec<f64> = observed.unwrap_or_default().to_vec();
    crate::sorting::ascending(&mut distinct);
    distinct.dedup();
    if let [lo, hi] = distinct[..] {
        return Some((vec![lo, hi], true));
    }
    Some((moderator_values(moments, moderator)?.to_vec(), false))
}

/// W's observed values in `data` (`listwise`: only the rows complete on
/// every column, else every observed value, as full-information ML uses
/// them); empty when `data` has no column W.
pub fn observed_values(data: &NumericData, moderator: &str, listwise: bool) -> Vec<f64> {
    let Some(j) = data.names.iter().position(|n| *n == moderator) else {
        return Vec::new();
    };
    data.rows
        .iter()
        .filter(|r| !listwise || r.iter().all(Option::is_some))
        .filter_map(|r| r[j])
        .collect()
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
    // the product column as the model writes it (`w:x` or `x:w`)
    let product = &pt.params[t.r3].rhs;
    let (b1, b3) = (v[t.r1], v[t.r3]);
    let b2 = row(Op::Regression, t.moderator).map_or(0.0, |r| v[r]);
    let b0 = match row(Op::Intercept, "") {
        Some(r) => v[r],
        None => {
            mean(t.outcome)? - b1 * mean(t.focal)? - b2 * mean(t.moderator)? - b3 * mean(product)?
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
        }
        for (p, (start, index)) in m.paths.iter_mut().zip(t.layout(k)) {
            if let Some(start) = start {
                for (i, c) in p.conditional.iter_mut().enumerate() {
                    c.add_bootstrap(&column(start + i), level);
                }
            }
            if let (Some(e), Some(at)) = (&mut p.index, index) {
                e.add_bootstrap(&column(at), level);
            }
        }
        m.set_one_path();
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
