//! Indirect, direct and total effects of the structural model: the fitted
//! model in; every specific indirect effect and, per (from, to), the direct,
//! total indirect and total effect out, each with its estimate, delta-method
//! SE, z, p, 95% CI and std.all (and bootstrap intervals when a bootstrap
//! was run).
//!
//! - A *specific indirect effect* is a directed path of two or more
//!   regressions X → M1 → … → Y in which no variable appears twice; its
//!   value is the product of the path coefficients (Alwin & Hauser 1975;
//!   Bollen 1987). It is what a user would write as a `:=` parameter
//!   (`ind := a*b`), and it gets exactly that treatment: SE by the delta
//!   method on the covariance matrix of the estimates
//!   ([`Problem::delta_method_se`], the same code as every `:=`), std.all by
//!   evaluating the product on the std.all coefficients (lavaan
//!   `R/lav_standardize.R` re-evaluates a `:=` on standardized values).
//! - The *total indirect effect* of X on Y is the sum of its specific
//!   ones; the *direct effect* is the coefficient of `Y ~ X` (0, without SE,
//!   when the model has no such path); the *total effect* is their sum.
//!
//! Every effect is a sum of products of parameter-table rows
//! ([`Formula`]), so one evaluator serves the estimate, std.all, the delta
//! method and every bootstrap draw. Regressions that form a cycle
//! (X → Y → X, a non-recursive model) have no finite enumeration of
//! indirect effects: [`enumerate`] then names the variables of the cycle
//! instead.

use crate::bootstrap::{interval, BootstrapResult, CiType};
use crate::estimate::Problem;
use crate::i18n::Lang;
use crate::inference::Wald;
use crate::partable::{Op, ParTable};
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// An effect as a function of the parameter-table row values: the sum over
/// its terms of the product of the rows in each term (an empty sum is 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Formula(pub Vec<Vec<usize>>);

impl Formula {
    /// The value of the effect at the row values `values`.
    pub fn eval(&self, values: &[f64]) -> f64 {
        self.0
            .iter()
            .map(|term| term.iter().map(|&r| values[r]).product::<f64>())
            .sum()
    }
}

/// One directed path of two or more regressions, as rows of the parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    pub group: usize,
    pub from: String,
    pub to: String,
    /// The mediators in order, from `from` to `to`.
    pub via: Vec<String>,
    /// The regression rows along the path (from the first to the last).
    pub rows: Vec<usize>,
}

/// The effects of one (from, to) pair: its direct path (if in the model)
/// and its specific indirect effects (indices into the chains).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub group: usize,
    pub from: String,
    pub to: String,
    /// Row of `to ~ from`, if the model has it.
    pub direct: Option<usize>,
    pub chains: Vec<usize>,
}

/// The effects a structural model has: its chains and its (from, to) pairs
/// with at least one indirect path, in a stable order (by group, then by
/// the order in which the variables appear in the regressions).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structure {
    pub chains: Vec<Chain>,
    pub pairs: Vec<Pair>,
}

impl Structure {
    /// Every effect's formula: the chains, then per pair direct, total
    /// indirect and total (the order of [`Effects`]' values).
    pub fn formulas(&self) -> Vec<Formula> {
        let mut out: Vec<Formula> = self
            .chains
            .iter()
            .map(|c| Formula(vec![c.rows.clone()]))
            .collect();
        for p in &self.pairs {
            let direct: Vec<Vec<usize>> = p.direct.map(|r| vec![r]).into_iter().collect();
            let indirect: Vec<Vec<usize>> = p
                .chains
                .iter()
                .map(|&c| self.chains[c].rows.clone())
                .collect();
            let total: Vec<Vec<usize>> = direct.iter().chain(&indirect).cloned().collect();
            out.push(Formula(direct));
            out.push(Formula(indirect));
            out.push(Formula(total));
        }
        out
    }
}

/// Regressions among the variables go round in a circle: no enumeration of
/// indirect effects (the analysis reports it as
/// [`crate::warnings::WarningText::RegressionCycle`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegressionCycle {
    /// The variables of the cycle in order (each regressed on the one before,
    /// the first on the last).
    pub variables: Vec<String>,
}

/// The chains and pairs of the structural model (regressions `~` of every
/// group), or the cycle that prevents them.
pub fn enumerate(pt: &ParTable) -> Result<Structure, RegressionCycle> {
    let mut out = Structure::default();
    for g in 1..=pt.n_groups {
        // edges predictor → outcome, with their rows
        let regressions: Vec<(usize, &str, &str)> = pt
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.group == g && p.op == Op::Regression)
            .map(|(r, p)| (r, p.rhs.as_str(), p.lhs.as_str()))
            .collect();
        add_group(&mut out, g, &regressions, Moderated::Left)?;
    }
    Ok(out)
}

/// Every chain of the first group's regressions that runs through the
/// regression row `row`, the edges a product term moderates kept (which
/// [`enumerate`] leaves out): the paths whose effects depend on a
/// moderator, given by [`crate::moderation`] at values of it. Empty when
/// the regressions form a cycle.
pub fn chains_through(pt: &ParTable, row: usize) -> Vec<Chain> {
    let regressions: Vec<(usize, &str, &str)> = pt
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.group == 1 && p.op == Op::Regression)
        .map(|(r, p)| (r, p.rhs.as_str(), p.lhs.as_str()))
        .collect();
    let mut out = Structure::default();
    if add_group(&mut out, 1, &regressions, Moderated::Kept).is_err() {
        return Vec::new();
    }
    out.chains.retain(|c| c.rows.contains(&row));
    out.chains
}

/// Whether the paths through an edge that a product term moderates are
/// enumerated.
#[derive(Clone, Copy, PartialEq)]
enum Moderated {
    /// Left out: an effect table's specific indirect effects.
    Left,
    /// Kept: the conditional indirect effects.
    Kept,
}

/// The chains and pairs of one group's regressions, given as (row,
/// predictor, outcome): the parameter table's rows ([`enumerate`]) or the
/// relations of the model text (the R script's `:=` lines).
pub fn enumerate_regressions(
    regressions: &[(usize, &str, &str)],
) -> Result<Structure, RegressionCycle> {
    let mut out = Structure::default();
    add_group(&mut out, 1, regressions, Moderated::Left)?;
    Ok(out)
}

/// Appends group `g`'s chains and pairs to `out`.
fn add_group(
    out: &mut Structure,
    g: usize,
    regressions: &[(usize, &str, &str)],
    moderated_edges: Moderated,
) -> Result<(), RegressionCycle> {
    let mut names: Vec<&str> = Vec::new();
    for &(_, x, y) in regressions {
        for v in [x, y] {
            if !names.contains(&v) {
                names.push(v);
            }
        }
    }
    let idx = |v: &str| {
        names
            .iter()
            .position(|n| *n == v)
            .expect("a named variable")
    };
    let mut out_edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); names.len()];
    for &(r, x, y) in regressions {
        out_edges[idx(x)].push((idx(y), r));
    }
    if let Some(cycle) = find_cycle(&out_edges) {
        return Err(RegressionCycle {
            variables: cycle.iter().map(|&i| names[i].to_string()).collect(),
        });
    }
    // an edge x → y (or w → y) of a regression with the product term x:w
    // has no effect of its own: it depends on the other variable (Hayes
    // 2022, §7.1); the paths through it are the moderation's conditional
    // effects ([`crate::moderation`]), not indirect effects
    let moderated = |x: &str, y: &str| {
        regressions
            .iter()
            .any(|&(_, p, o)| o == y && is_product_term(p) && p.split(':').any(|part| part == x))
    };
    if moderated_edges == Moderated::Left {
        for (v, edges) in out_edges.iter_mut().enumerate() {
            edges.retain(|&(w, _)| !moderated(names[v], names[w]));
        }
    }
    // every path of ≥ 2 edges, depth first from each start; a product term
    // `x:w` is no cause of its own either (its path a3·b is the index of
    // moderated mediation)
    let first_chain = out.chains.len();
    for start in (0..names.len()).filter(|&i| !is_product_term(names[i])) {
        let mut stack: Vec<(usize, Vec<usize>, Vec<usize>)> = vec![(start, vec![start], vec![])];
        while let Some((v, nodes, rows)) = stack.pop() {
            for &(w, r) in out_edges[v].iter().rev() {
                let mut nodes = nodes.clone();
                let mut rows = rows.clone();
                nodes.push(w);
                rows.push(r);
                stack.push((w, nodes, rows));
            }
            if rows.len() >= 2 {
                out.chains.push(Chain {
                    group: g,
                    from: names[start].to_string(),
                    to: names[v].to_string(),
                    via: nodes[1..nodes.len() - 1]
                        .iter()
                        .map(|&i| names[i].to_string())
                        .collect(),
                    rows,
                });
            }
        }
    }
    // chains by (from, to) in the order of the variables, then pairs
    let order = |v: &str| names.iter().position(|n| *n == v);
    crate::sorting::sort_by_key(&mut out.chains[first_chain..], |c| {
        (order(&c.from), order(&c.to))
    });
    let mut pairs: Vec<Pair> = Vec::new();
    for c in first_chain..out.chains.len() {
        let chain = &out.chains[c];
        match pairs
            .iter_mut()
            .find(|p| p.from == chain.from && p.to == chain.to)
        {
            Some(p) => p.chains.push(c),
            None => pairs.push(Pair {
                group: g,
                from: chain.from.clone(),
                to: chain.to.clone(),
                direct: regressions
                    .iter()
                    .find(|(_, x, y)| *x == chain.from && *y == chain.to)
                    .map(|(r, _, _)| *r),
                chains: vec![c],
            }),
        }
    }
    out.pairs.extend(pairs);
    Ok(())
}

/// Whether a regression's predictor is a product term `x:w` (lavaan's
/// interaction of two observed variables).
pub fn is_product_term(name: &str) -> bool {
    name.contains(':')
}

/// A directed cycle in the graph (nodes in order), if there is one.
fn find_cycle(out_edges: &[Vec<(usize, usize)>]) -> Option<Vec<usize>> {
    // colours: 0 unvisited, 1 on the current path, 2 done
    fn visit(
        v: usize,
        out_edges: &[Vec<(usize, usize)>],
        colour: &mut [u8],
        path: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        colour[v] = 1;
        path.push(v);
        for &(w, _) in &out_edges[v] {
            if colour[w] == 1 {
                let at = path.iter().position(|&u| u == w).expect("on the path");
                return Some(path[at..].to_vec());
            }
            if colour[w] == 0 {
                if let Some(c) = visit(w, out_edges, colour, path) {
                    return Some(c);
                }
            }
        }
        path.pop();
        colour[v] = 2;
        None
    }
    let mut colour = vec![0u8; out_edges.len()];
    for v in 0..out_edges.len() {
        if colour[v] == 0 {
            if let Some(c) = visit(v, out_edges, &mut colour, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// One effect's estimate and inference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectEstimate {
    #[serde(deserialize_with = "f64_or_null")]
    pub est: f64,
    /// Delta-method SE (None for a direct effect that is not in the model,
    /// or without a covariance matrix of the estimates).
    pub se: Option<f64>,
    pub z: Option<f64>,
    pub pvalue: Option<f64>,
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    pub std_all: Option<f64>,
    /// Bootstrap SE (the SD of the draws, divisor B − 1 as lavaan's `:=`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_se: Option<f64>,
    /// Bootstrap percentile interval (lavaan `boot.ci.type = "perc"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_perc: Option<(f64, f64)>,
    /// Bootstrap bias-corrected interval (lavaan `boot.ci.type = "bca.simple"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_bc: Option<(f64, f64)>,
}

/// Reads a number that JSON may hold as `null`: serde_json writes a NaN
/// (an estimate that could not be computed) as `null`, which reads back as
/// NaN rather than failing the whole document.
pub(crate) fn f64_or_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

impl EffectEstimate {
    /// The effect with z, p and the 95% Wald CI of its SE (lavaan's
    /// `parameterEstimates`: z = est/se, p two-sided, est ± 1.96 se).
    pub fn new(est: f64, se: Option<f64>, std_all: Option<f64>) -> EffectEstimate {
        let se = se.filter(|s| s.is_finite());
        let wald = se.and_then(|s| Wald::new(est, s));
        EffectEstimate {
            est,
            se,
            z: wald.map(|w| w.z),
            pvalue: wald.map(|w| w.pvalue),
            ci_lower: wald.map(|w| w.ci.0),
            ci_upper: wald.map(|w| w.ci.1),
            std_all: std_all.filter(|s| s.is_finite()),
            boot_se: None,
            boot_perc: None,
            boot_bc: None,
        }
    }
}

impl EffectEstimate {
    /// Its bootstrap SE and both intervals (percentile and bias-corrected)
    /// from its value in every successful draw, at the bootstrap's level.
    pub fn add_bootstrap(&mut self, draws: &[f64], level: f64) {
        self.boot_se = crate::bootstrap::sd_unbiased(draws).filter(|s| s.is_finite());
        let finite = |c: (f64, f64)| (c.0.is_finite() && c.1.is_finite()).then_some(c);
        self.boot_perc = finite(interval(draws, self.est, CiType::Percentile, level));
        self.boot_bc = finite(interval(draws, self.est, CiType::BiasCorrected, level));
    }
}

/// One specific indirect effect (a row of the effects table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecificEffect {
    pub from: String,
    pub to: String,
    pub via: Vec<String>,
    /// Group (1-based; multi-group models only).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub group: usize,
    #[serde(flatten)]
    pub effect: EffectEstimate,
}

/// Direct, total indirect and total effect of one (from, to) pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalEffects {
    pub from: String,
    pub to: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub group: usize,
    /// The model has the path `to ~ from` (otherwise `direct` is 0 by design).
    pub has_direct: bool,
    pub direct: EffectEstimate,
    pub indirect: EffectEstimate,
    pub total: EffectEstimate,
    /// The mediation verdict (see [`mediation`]); None without an SE of
    /// the indirect effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediation: Option<Mediation>,
}

fn one() -> usize {
    1
}

fn is_one(g: &usize) -> bool {
    *g == 1
}

/// The effects table of a model with a structural part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Effects {
    pub specific: Vec<SpecificEffect>,
    pub totals: Vec<TotalEffects>,
}

impl Effects {
    /// No indirect path: the model has no effects table.
    pub fn is_empty(&self) -> bool {
        self.specific.is_empty()
    }
}

/// The effects of the fitted model at θ̂ (row values `values`), with
/// delta-method SEs from `vcov` (None: no SEs).
pub fn effects(
    prob: &Problem,
    structure: &Structure,
    theta: &DVector<f64>,
    values: &[f64],
    vcov: Option<&DMatrix<f64>>,
) -> Effects {
    let formulas = structure.formulas();
    let eval_all = |v: &[f64]| formulas.iter().map(|f| f.eval(v)).collect::<Vec<f64>>();
    let est = eval_all(values);
    let std_all = prob.standardize(values).map(|s| eval_all(&s.std_all));
    let se = vcov.map(|v| prob.delta_method_se(&eval_all, formulas.len(), theta, v));
    let make = |i: usize| {
        EffectEstimate::new(
            est[i],
            se.as_ref().map(|s| s[i]),
            std_all.as_ref().map(|s| s[i]),
        )
    };
    let specific = structure
        .chains
        .iter()
        .enumerate()
        .map(|(i, c)| SpecificEffect {
            from: c.from.clone(),
            to: c.to.clone(),
            via: c.via.clone(),
            group: c.group,
            effect: make(i),
        })
        .collect();
    let n = structure.chains.len();
    let totals = structure
        .pairs
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let at = n + 3 * k;
            let mut direct = make(at);
            if p.direct.is_none() {
                // fixed at 0 by the model: no SE, no test
                direct = EffectEstimate::new(0.0, None, Some(0.0));
            }
            let indirect = make(at + 1);
            let has_direct = p.direct.is_some();
            TotalEffects {
                from: p.from.clone(),
                to: p.to.clone(),
                group: p.group,
                has_direct,
                mediation: mediation(&indirect, has_direct.then_some(&direct), Basis::Delta),
                direct,
                indirect,
                total: make(at + 2),
            }
        })
        .collect();
    Effects { specific, totals }
}

/// Adds bootstrap SEs and both intervals (percentile and bias-corrected)
/// to every effect, from the row values of the successful draws
/// (`boot.values`, one row per draw), at the bootstrap's confidence level.
pub fn add_bootstrap(effects: &mut Effects, structure: &Structure, boot: &BootstrapResult) {
    let formulas = structure.formulas();
    let level = boot.summary.level;
    let draws = &boot.values;
    let b = draws.nrows();
    let column = |f: &Formula| -> Vec<f64> {
        (0..b)
            .map(|i| {
                let row: Vec<f64> = draws.row(i).iter().copied().collect();
                f.eval(&row)
            })
            .collect()
    };
    let fill = |e: &mut EffectEstimate, f: &Formula| e.add_bootstrap(&column(f), level);
    let n = structure.chains.len();
    for (i, s) in effects.specific.iter_mut().enumerate() {
        fill(&mut s.effect, &formulas[i]);
    }
    for (k, t) in effects.totals.iter_mut().enumerate() {
        let at = n + 3 * k;
        if t.has_direct {
            fill(&mut t.direct, &formulas[at]);
        }
        fill(&mut t.indirect, &formulas[at + 1]);
        fill(&mut t.total, &formulas[at + 2]);
        let basis = Basis::Bootstrap {
            ci: boot.summary.ci_type,
            level,
        };
        t.mediation = mediation(&t.indirect, t.has_direct.then_some(&t.direct), basis);
    }
}

// ---------------------------------------------------------------------------
// the mediation verdict

/// What decides whether an effect differs from 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "test")]
pub enum Basis {
    /// The bootstrap interval (the type the user chose) excludes 0.
    Bootstrap { ci: CiType, level: f64 },
    /// The delta-method z test: p < .05.
    Delta,
}

/// The kind of mediation of one (from, to) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediationKind {
    /// The total indirect effect is not significant: no mediation.
    None,
    /// Indirect significant, direct not: full mediation (温: 完全中介).
    Full,
    /// Both significant with the same sign: partial mediation (部分中介).
    Partial,
    /// Both significant with opposite signs: a suppression (遮掩) effect.
    Suppression,
    /// Indirect significant and the model has no direct path.
    IndirectOnly,
}

/// The mediation verdict of one (from, to) pair and the test it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mediation {
    pub kind: MediationKind,
    pub basis: Basis,
}

/// Whether an effect differs from 0 under `basis` (None: it cannot be told).
pub fn significant(e: &EffectEstimate, basis: Basis) -> Option<bool> {
    match basis {
        Basis::Bootstrap { ci, .. } => {
            let (lo, hi) = match ci {
                CiType::Percentile => e.boot_perc?,
                CiType::BiasCorrected => e.boot_bc?,
            };
            Some(lo > 0.0 || hi < 0.0)
        }
        Basis::Delta => e.pvalue.map(|p| p < 0.05),
    }
}

/// The mediation verdict, by the procedure of 温忠麟 & 叶宝娟 (2014,
/// 中介效应分析：方法和模型发展, 心理科学进展 22(5), 731–745): test the
/// indirect effect (here the total indirect effect of the pair) by the
/// bootstrap interval — or, without a bootstrap, the delta-method test;
/// not significant → no mediation; significant → test the direct effect:
/// not significant → full mediation; significant with the sign of the
/// indirect effect → partial mediation, with the opposite sign → a
/// suppression effect. The one place this verdict is made: tables,
/// report and page read it. `direct` is None when the model has no direct
/// path. None when the indirect effect cannot be tested.
pub fn mediation(
    indirect: &EffectEstimate,
    direct: Option<&EffectEstimate>,
    basis: Basis,
) -> Option<Mediation> {
    let kind = if !significant(indirect, basis)? {
        MediationKind::None
    } else {
        match direct {
            None => MediationKind::IndirectOnly,
            Some(d) => match significant(d, basis) {
                Some(true) if (d.est > 0.0) == (indirect.est > 0.0) => MediationKind::Partial,
                Some(true) => MediationKind::Suppression,
                // a direct effect that cannot be tested is not significant
                _ => MediationKind::Full,
            },
        }
    };
    Some(Mediation { kind, basis })
}

impl Mediation {
    /// The verdict in words, for the table and the report.
    pub fn describe(&self, lang: Lang) -> String {
        let test = match (self.basis, lang) {
            (Basis::Bootstrap { ci, level }, Lang::En) => format!(
                "the {} bootstrap {:.0}% CI {}",
                match ci {
                    CiType::Percentile => "percentile",
                    CiType::BiasCorrected => "bias-corrected",
                },
                level * 100.0,
                "excludes 0"
            ),
            (Basis::Bootstrap { ci, level }, Lang::Zh) => format!(
                "{} Bootstrap {:.0}% 置信区间不含 0",
                match ci {
                    CiType::Percentile => "百分位",
                    CiType::BiasCorrected => "偏差校正",
                },
                level * 100.0
            ),
            (Basis::Delta, Lang::En) => "delta-method p < .05".to_string(),
            (Basis::Delta, Lang::Zh) => "Delta 法 p < .05".to_string(),
        };
        match (self.kind, lang) {
            (MediationKind::None, Lang::En) => format!("no mediation: the indirect effect is not significant (significant would mean: {test})"),
            (MediationKind::None, Lang::Zh) => format!("中介效应不显著（显著的标准：{test}）"),
            (MediationKind::Full, Lang::En) => format!("full mediation: the indirect effect is significant ({test}), the direct effect is not"),
            (MediationKind::Full, Lang::Zh) => format!("完全中介：间接效应显著（{test}），直接效应不显著"),
            (MediationKind::Partial, Lang::En) => format!("partial mediation: the indirect effect is significant ({test}), and so is the direct effect, with the same sign"),
            (MediationKind::Partial, Lang::Zh) => format!("部分中介：间接效应显著（{test}），直接效应也显著且符号相同"),
            (MediationKind::Suppression, Lang::En) => format!("suppression: the indirect effect is significant ({test}), and so is the direct effect, with the opposite sign"),
            (MediationKind::Suppression, Lang::Zh) => format!("遮掩效应：间接效应显著（{test}），直接效应也显著但符号相反"),
            (MediationKind::IndirectOnly, Lang::En) => format!("indirect effect only: significant ({test}); the model has no direct path"),
            (MediationKind::IndirectOnly, Lang::Zh) => format!("仅有间接效应：显著（{test}）；模型中没有直接路径"),
        }
    }

    /// The verdict in two or three words, for a table cell.
    pub fn label(&self, lang: Lang) -> &'static str {
        match (self.kind, lang) {
            (MediationKind::None, Lang::En) => "no mediation",
            (MediationKind::None, Lang::Zh) => "中介效应不显著",
            (MediationKind::Full, Lang::En) => "full mediation",
            (MediationKind::Full, Lang::Zh) => "完全中介",
            (MediationKind::Partial, Lang::En) => "partial mediation",
            (MediationKind::Partial, Lang::Zh) => "部分中介",
            (MediationKind::Suppression, Lang::En) => "suppression",
            (MediationKind::Suppression, Lang::Zh) => "遮掩效应",
            (MediationKind::IndirectOnly, Lang::En) => "indirect only",
            (MediationKind::IndirectOnly, Lang::Zh) => "仅间接效应",
        }
    }

    /// The rule in words, for a table note.
    pub fn rule(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "Mediation by the procedure of Wen & Ye (2014): the indirect effect is tested first (bootstrap CI, or the delta method without a bootstrap); if it is significant, a non-significant direct effect means full mediation, a significant one partial mediation (same sign) or suppression (opposite sign).",
            Lang::Zh => "中介效应按温忠麟和叶宝娟（2014）的程序检验：先检验间接效应（Bootstrap 置信区间；未做 Bootstrap 时用 Delta 法）；间接效应显著时，直接效应不显著为完全中介，显著且同号为部分中介，异号为遮掩效应。",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localized;
    use crate::partable::{build, ModelOptions};

    fn pt(model: &str, cols: &[&str]) -> ParTable {
        let cols: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
        build(model, &cols, &ModelOptions::default(), 1).unwrap()
    }

    #[test]
    fn serial_mediation_has_three_chains() {
        // PROCESS model 6: x → m1 → m2 → y with every shortcut
        let t = pt(
            "m1 ~ x\nm2 ~ x + m1\ny ~ x + m1 + m2\n",
            &["x", "m1", "m2", "y"],
        );
        let s = enumerate(&t).unwrap();
        let mut paths: Vec<String> = s
            .chains
            .iter()
            .map(|c| format!("{}>{}>{}", c.from, c.via.join(">"), c.to))
            .collect();
        paths.sort();
        assert_eq!(
            paths,
            ["m1>m2>y", "x>m1>m2", "x>m1>m2>y", "x>m1>y", "x>m2>y"]
        );
        let xy = s
            .pairs
            .iter()
            .find(|p| p.from == "x" && p.to == "y")
            .unwrap();
        assert_eq!(xy.chains.len(), 3);
        assert!(xy.direct.is_some());
        let x_m2 = s
            .pairs
            .iter()
            .find(|p| p.from == "x" && p.to == "m2")
            .unwrap();
        assert_eq!(x_m2.chains.len(), 1);
        // a chain's formula is the product of its rows, a total the sum of its chains
        let values: Vec<f64> = (0..t.params.len()).map(|r| r as f64 + 2.0).collect();
        let serial = s.chains.iter().position(|c| c.via.len() == 2).unwrap();
        let rows = &s.chains[serial].rows;
        assert_eq!(rows.len(), 3);
        let f = Formula(vec![rows.clone()]);
        assert_eq!(
            f.eval(&values),
            rows.iter().map(|&r| values[r]).product::<f64>()
        );
        let formulas = s.formulas();
        let k = s
            .pairs
            .iter()
            .position(|p| p.from == "x" && p.to == "y")
            .unwrap();
        let at = s.chains.len() + 3 * k;
        let chains_sum: f64 = xy.chains.iter().map(|&c| formulas[c].eval(&values)).sum();
        assert_eq!(formulas[at].eval(&values), values[xy.direct.unwrap()]);
        assert_eq!(formulas[at + 1].eval(&values), chains_sum);
        assert_eq!(
            formulas[at + 2].eval(&values),
            chains_sum + values[xy.direct.unwrap()]
        );
    }

    #[test]
    fn a_cycle_is_named() {
        let t = pt("y1 ~ x + y2\ny2 ~ y1\n", &["x", "y1", "y2"]);
        let e = enumerate(&t).unwrap_err();
        let mut v = e.variables.clone();
        v.sort();
        assert_eq!(v, ["y1", "y2"]);
        let w = crate::warnings::WarningText::RegressionCycle {
            variables: e.variables,
        };
        let text = w.to_string();
        assert!(
            text.contains("y1 → y2 → y1") || text.contains("y2 → y1 → y2"),
            "{text}"
        );
        assert!(w.message(Lang::Zh).contains("循环"));
    }

    fn effect(est: f64, pvalue: f64, bc: (f64, f64)) -> EffectEstimate {
        EffectEstimate {
            pvalue: Some(pvalue),
            boot_bc: Some(bc),
            boot_perc: Some(bc),
            ..EffectEstimate::new(est, None, None)
        }
    }

    /// 温忠麟 & 叶宝娟 (2014): the four outcomes of the procedure, by the
    /// bootstrap interval and by the delta method.
    #[test]
    fn mediation_verdicts() {
        let boot = Basis::Bootstrap {
            ci: CiType::BiasCorrected,
            level: 0.95,
        };
        let kind = |ind: &EffectEstimate, dir: Option<&EffectEstimate>, basis| {
            mediation(ind, dir, basis).unwrap().kind
        };
        let ind_sig = effect(0.2, 0.01, (0.05, 0.4));
        let ind_not = effect(0.2, 0.20, (-0.05, 0.4));
        let dir_sig = effect(0.3, 0.001, (0.1, 0.5));
        let dir_neg = effect(-0.3, 0.001, (-0.5, -0.1));
        let dir_not = effect(0.1, 0.30, (-0.1, 0.3));
        assert_eq!(kind(&ind_not, Some(&dir_sig), boot), MediationKind::None);
        assert_eq!(kind(&ind_sig, Some(&dir_not), boot), MediationKind::Full);
        assert_eq!(kind(&ind_sig, Some(&dir_sig), boot), MediationKind::Partial);
        assert_eq!(
            kind(&ind_sig, Some(&dir_neg), boot),
            MediationKind::Suppression
        );
        assert_eq!(kind(&ind_sig, None, boot), MediationKind::IndirectOnly);
        // the bootstrap interval decides, not the delta p
        let ci_only = effect(0.2, 0.20, (0.01, 0.4));
        assert_eq!(kind(&ci_only, Some(&dir_not), boot), MediationKind::Full);
        assert_eq!(
            kind(&ci_only, Some(&dir_not), Basis::Delta),
            MediationKind::None
        );
        // no test of the indirect effect: no verdict
        let untested = EffectEstimate::new(0.2, None, None);
        assert!(mediation(&untested, None, Basis::Delta).is_none());
        // words in both languages
        let m = mediation(&ind_sig, Some(&dir_not), boot).unwrap();
        assert!(m.describe(Lang::En).starts_with("full mediation"));
        assert!(m
            .describe(Lang::En)
            .contains("bias-corrected bootstrap 95% CI"));
        assert!(m.describe(Lang::Zh).starts_with("完全中介"));
        assert!(Mediation::rule(Lang::Zh).contains("温忠麟"));
    }

    #[test]
    fn a_model_without_mediators_has_no_effects() {
        let t = pt("y ~ x1 + x2\n", &["x1", "x2", "y"]);
        let s = enumerate(&t).unwrap();
        assert!(s.chains.is_empty() && s.pairs.is_empty());
    }
}
