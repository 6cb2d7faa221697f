//! Monte Carlo power of chosen paths, as simsem's `sim()` and pwrSEM
//! (Wang & Rhemtulla 2021, AMPPS 4(1)) compute it: a population (Σ, μ) and
//! an analysis model in; for each path the share of simulated samples of
//! size N in which its two-sided Wald test is significant, with its Monte
//! Carlo SE, out.
//!
//! - **Population.** Either the model-implied moments of a model fitted to
//!   data ([`fitted_population`]: Σ̂ and μ̂ at the estimates), or a typed
//!   population model ([`typed_population`]) in lavaan syntax whose
//!   numbers are the population values (`y ~ 0.3*x`), read as lavaan's
//!   `simulateData` reads it (`R/lav_simulate_old.R`): `std.lv = TRUE`,
//!   `auto.fix.first = FALSE`, `fixed.x = FALSE`, and what the text leaves
//!   unset is 1 for loadings and variances and 0 for everything else
//!   (an unset regression is a null effect).
//! - **Analysis model.** The fitted model itself; for a typed population
//!   the same text with its numbers freed (simsem's `sim(model =,
//!   generate =)` with the analysis model written without values; lavaan's
//!   defaults then identify it: the first loading of each factor fixed to
//!   1, unless `std.lv`), or a separate analysis text ([`Analyzed::Model`]).
//!   The *population value* of a path is its value in the analysis model
//!   fitted to the population moments themselves (the pseudo-true value;
//!   the typed number whenever the analysis model's scaling matches it).
//! - **Replication r** draws N rows from N(μ, Σ) (with a product term
//!   `x:w`: from the population model, x:w the product of the simulated x
//!   and w; [`StructuralPopulation`]) with the generator of
//!   stream (seed, r) ([`crate::bootstrap::Rng::stream`]), so that a run
//!   can be split into ranges made in any order or by several workers with
//!   the same result; refits with the analysis options (ML, MLR or MLM) from
//!   the population values; and tests each path by lavaan's
//!   `parameterEstimates` Wald test ([`crate::inference::Wald`]). A
//!   replication whose data cannot be used, whose fit does not converge or
//!   that has no standard errors is left out and counted (simsem reports the
//!   converged ones); a negative variance estimate is counted as
//!   nonadmissible but kept.
//! - **Power** = significant / converged replications; its Monte Carlo SE
//!   √(p(1 − p)/R_converged).

use crate::analysis::{self, DataInput, Estimator, Missing, Options};
use crate::bootstrap::Rng;
use crate::distributions::qnorm;
use crate::estimate::Problem;
use crate::i18n::{Lang, Localized};
use crate::inference::Wald;
use crate::model::{Implied, Matrices, Structure};
use crate::partable::{self, LabelTarget, ModelError, Op, ParTable};
use crate::samplestats::moments::{GroupMoments, SampleMoments};
use crate::syntax::{ModValue, Modifier, RelOp, Statement};
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The most replications a run may ask for.
pub const MAX_REPS: usize = 100_000;

/// The moments data are simulated from: the observed variables, Σ (row by
/// row) and μ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationMoments {
    pub names: Vec<String>,
    /// Σ, p × p, row by row.
    pub cov: Vec<f64>,
    /// μ (zeros for a model without a mean structure).
    pub mean: Vec<f64>,
    /// For a model with product terms `x:w`: the population model itself,
    /// from which rows are simulated variable by variable so that each
    /// product column is the product of its simulated factors (lavaan forms
    /// `x:w` from the data; a normal column with x:w's moments would have
    /// none of the interaction). None otherwise: rows from N(μ, Σ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structural: Option<StructuralPopulation>,
}

/// A population model in RAM form over all its variables (observed first,
/// then latent; [`crate::model`]): v = A v + u, u ~ N(m, P). A row is made
/// in causal order: u drawn from N(m, P) (on the variables that are not
/// products), each variable v_i = u_i + Σ_j A[i, j] v_j, and each product
/// variable the product of its factors' values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructuralPopulation {
    /// All variables; the first `p` are [`PopulationMoments::names`].
    pub names: Vec<String>,
    /// A and P (n × n, row by row) and m.
    pub a: Vec<f64>,
    pub p: Vec<f64>,
    pub m: Vec<f64>,
    /// (product, factor, factor) variable indices.
    pub products: Vec<(usize, usize, usize)>,
}

impl StructuralPopulation {
    /// The product terms of a RAM model (`x:w` whose two parts are
    /// variables of it), or None when it has none.
    fn new(s: &Structure, mats: &Matrices) -> Option<StructuralPopulation> {
        let products: Vec<(usize, usize, usize)> = s
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let (a, b) = name.split_once(':')?;
                Some((i, s.index(a)?, s.index(b)?))
            })
            .collect();
        if products.is_empty() {
            return None;
        }
        let n = s.n();
        let rows = |x: &DMatrix<f64>| (0..n * n).map(|k| x[(k / n, k % n)]).collect();
        Some(StructuralPopulation {
            names: s.names.clone(),
            a: rows(&mats.a),
            p: rows(&mats.p),
            m: mats.m.iter().copied().collect(),
            products,
        })
    }
}

/// How one row of [`StructuralPopulation`] is made: the causal order (a
/// product after its factors), each variable's causes with their effects,
/// and a square root of P on the variables that are not products.
#[derive(Debug, Clone)]
struct RowMaker {
    order: Vec<usize>,
    causes: Vec<Vec<(usize, f64)>>,
    /// Per variable: its factors if a product.
    factors: Vec<Option<(usize, usize)>>,
    m: Vec<f64>,
    /// The variables that are not products, and L with L L′ = P on them.
    drawn: Vec<usize>,
    root: DMatrix<f64>,
    /// The observed variables wanted, by index.
    observed: Vec<usize>,
}

impl RowMaker {
    fn new(sp: &StructuralPopulation, observed: &[String]) -> Option<RowMaker> {
        let n = sp.names.len();
        let a = DMatrix::from_row_slice(n, n, &sp.a);
        let p = DMatrix::from_row_slice(n, n, &sp.p);
        let mut factors = vec![None; n];
        for &(i, f, g) in &sp.products {
            factors[i] = Some((f, g));
        }
        let causes: Vec<Vec<(usize, f64)>> = (0..n)
            .map(|i| {
                (0..n)
                    .filter(|&j| a[(i, j)] != 0.0)
                    .map(|j| (j, a[(i, j)]))
                    .collect()
            })
            .collect();
        // Kahn's order, a product after its factors
        let mut done = vec![false; n];
        let mut order = Vec::with_capacity(n);
        while order.len() < n {
            let before = order.len();
            for i in 0..n {
                let ready = causes[i].iter().all(|&(j, _)| done[j])
                    && factors[i].is_none_or(|(f, g)| done[f] && done[g]);
                if !done[i] && ready {
                    done[i] = true;
                    order.push(i);
                }
            }
            if order.len() == before {
                return None;
            }
        }
        let drawn: Vec<usize> = (0..n).filter(|&i| factors[i].is_none()).collect();
        let pd = DMatrix::from_fn(drawn.len(), drawn.len(), |r, c| p[(drawn[r], drawn[c])]);
        let observed = observed
            .iter()
            .map(|o| sp.names.iter().position(|x| x == o))
            .collect::<Option<Vec<_>>>()?;
        Some(RowMaker {
            order,
            causes,
            factors,
            m: sp.m.clone(),
            drawn,
            root: psd_root(&pd)?,
            observed,
        })
    }

    /// One row of the observed variables from standard normal draws `z`
    /// (one per drawn variable).
    fn row(&self, z: &[f64], v: &mut [f64], out: &mut [f64]) {
        v.iter_mut().for_each(|x| *x = 0.0);
        for (r, &i) in self.drawn.iter().enumerate() {
            let mut u = self.m[i];
            for (k, zk) in z.iter().enumerate().take(r + 1) {
                u += self.root[(r, k)] * zk;
            }
            v[i] = u;
        }
        for &i in &self.order {
            match self.factors[i] {
                Some((f, g)) => v[i] = v[f] * v[g],
                None => {
                    let effect: f64 = self.causes[i].iter().map(|&(j, b)| b * v[j]).sum();
                    v[i] += effect;
                }
            }
        }
        for (o, &i) in out.iter_mut().zip(&self.observed) {
            *o = v[i];
        }
    }
}

/// A lower-triangular L with L L′ = X for a positive semi-definite X (a
/// variance fixed at 0 allowed): the Cholesky factor, else from the
/// symmetric eigendecomposition (negative roundoff set to 0) made lower
/// triangular by a QR of its transpose. None when X is not PSD.
fn psd_root(x: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    if x.nrows() == 0 {
        return Some(x.clone());
    }
    if let Some(c) = x.clone().cholesky() {
        return Some(c.l());
    }
    let eig = x.clone().symmetric_eigen();
    let scale = eig.eigenvalues.amax().max(1.0);
    if eig.eigenvalues.iter().any(|&l| l < -1e-8 * scale) {
        return None;
    }
    let half = DMatrix::from_diagonal(&eig.eigenvalues.map(|l| l.max(0.0).sqrt()));
    let b = &eig.eigenvectors * half; // B B′ = X
                                      // B = L Q with L lower triangular: from the QR of B′ = Q′ R, L = R′
    let r = b.transpose().qr().r();
    Some(r.transpose())
}

impl PopulationMoments {
    fn sigma(&self) -> DMatrix<f64> {
        let p = self.names.len();
        DMatrix::from_row_slice(p, p, &self.cov)
    }
}

/// Where the population came from (said in the answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The model-implied moments of the model fitted to the data.
    Fitted,
    /// A typed population model.
    Typed,
}

/// The model refitted to every simulated sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Analyzed {
    /// This model text as it is.
    Model(String),
    /// The typed population text with its fixed numbers freed (`0.3*x` →
    /// `x`, `1*f` → `f`; `NA*`, labels, bounds and constraints kept).
    FreedPopulation(String),
}

/// Everything a Monte Carlo power run needs — serializable, so that the
/// page can hand one run to several workers, each making a range of
/// replications ([`MonteCarlo::run`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloSpec {
    pub population: PopulationMoments,
    pub source: Source,
    pub analyzed: Analyzed,
    /// Estimator and model options of the refits (ML, MLR or MLM;
    /// `std_lv`, `orthogonal`, ...).
    pub options: Options,
    /// The paths whose power is wanted, by label (`H2a`, a `:=` name) or as
    /// `lhs op rhs` (`y ~ x`); empty: every regression path and every
    /// hypothesis-named `:=` (the hypothesis table's rows).
    pub paths: Vec<String>,
    /// Sample size of each simulated data set.
    pub n: usize,
    /// Number of replications R.
    pub reps: usize,
    pub seed: u64,
    /// Significance level of the two-sided Wald tests.
    pub alpha: f64,
}

/// Why a Monte Carlo power run cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum MonteCarloError {
    /// The model text (population or analysis) cannot be read.
    Model(ModelError),
    /// The model cannot be fitted to the data (fitted population).
    Analysis(analysis::AnalysisError),
    /// The model did not converge on the data, so it gives no population.
    FitNotConverged,
    /// A path named that the analysis model does not have.
    UnknownPath { path: String, known: Vec<String> },
    /// A path named that is fixed in the analysis model (nothing to test).
    FixedPath { path: String },
    /// No path to test: the model has no regression path and none was named.
    NoPaths,
    /// N too small for the number of observed variables.
    SampleTooSmall { n: usize, min: usize },
    /// R outside 1..=[`MAX_REPS`].
    RepsOutOfRange { reps: usize },
    /// α not strictly between 0 and 1.
    BadAlpha { alpha: f64 },
    /// The population's Σ is not positive definite.
    NotPositiveDefinite,
    /// The analysis model does not converge on the population moments.
    PopulationFit,
    /// Fewer than half of the replications converged.
    MostFailed { converged: usize, completed: usize },
    /// Multi-group models, ordinal items (WLSMV) and the like.
    NotSupported { what: String },
}

impl std::fmt::Display for MonteCarloError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MonteCarloError::Model(e) => write!(f, "{e}"),
            MonteCarloError::Analysis(e) => write!(f, "{e}"),
            MonteCarloError::FitNotConverged => write!(f, "the model does not converge on the data, so its estimates cannot serve as the population; fix the estimation first, or type a population model"),
            MonteCarloError::UnknownPath { path, known } => write!(f, "the model has no path `{path}`; name a label or a path such as `y ~ x` (the model's paths: {})", known.join(", ")),
            MonteCarloError::FixedPath { path } => write!(f, "`{path}` is fixed in the analysis model, so it is not tested; choose a free path"),
            MonteCarloError::NoPaths => write!(f, "the model has no regression path to test; name the paths whose power you want"),
            MonteCarloError::SampleTooSmall { n, min } => write!(f, "N = {n} is too small for this model: a sample needs at least {min} rows (one more than the observed variables)"),
            MonteCarloError::RepsOutOfRange { reps } => write!(f, "the number of replications must lie between 1 and {MAX_REPS} (got {reps})"),
            MonteCarloError::BadAlpha { alpha } => write!(f, "α must lie between 0 and 1 (got {alpha})"),
            MonteCarloError::NotPositiveDefinite => write!(f, "the population covariance matrix of the typed model is not positive definite, so no data can be simulated from it; check the variances and the sizes of the effects"),
            MonteCarloError::PopulationFit => write!(f, "the analysis model does not converge on the population moments; check that it can be identified and that it matches the population model"),
            MonteCarloError::MostFailed { converged, completed } => write!(f, "only {converged} of {completed} replications converged, too few for a power estimate; increase N or simplify the model"),
            MonteCarloError::NotSupported { what } => write!(f, "Monte Carlo power is not available for {what} yet"),
        }
    }
}

impl std::error::Error for MonteCarloError {}

impl Localized for MonteCarloError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (MonteCarloError::Model(e), _) => e.message(lang),
            (MonteCarloError::Analysis(e), _) => e.message(lang),
            (MonteCarloError::FitNotConverged, Lang::Zh) => "模型在数据上未收敛，其估计值不能作为总体；请先解决估计问题，或输入总体模型".into(),
            (MonteCarloError::UnknownPath { path, known }, Lang::Zh) => format!("模型中没有路径 `{path}`；请写标签或 `y ~ x` 形式的路径（模型的路径：{}）", known.join("、")),
            (MonteCarloError::FixedPath { path }, Lang::Zh) => format!("`{path}` 在分析模型中是固定的，不做检验；请选择自由估计的路径"),
            (MonteCarloError::NoPaths, Lang::Zh) => "模型没有可检验的回归路径；请指定要计算检验力的路径".into(),
            (MonteCarloError::SampleTooSmall { n, min }, Lang::Zh) => format!("N = {n} 对此模型太小：每个样本至少需要 {min} 行（观测变量数加一）"),
            (MonteCarloError::RepsOutOfRange { reps }, Lang::Zh) => format!("重复次数必须介于 1 与 {MAX_REPS} 之间（当前为 {reps}）"),
            (MonteCarloError::BadAlpha { alpha }, Lang::Zh) => format!("α 必须介于 0 与 1 之间（当前为 {alpha}）"),
            (MonteCarloError::NotPositiveDefinite, Lang::Zh) => "所输入总体模型的协方差矩阵不是正定的，无法从中模拟数据；请检查方差与效应大小".into(),
            (MonteCarloError::PopulationFit, Lang::Zh) => "分析模型在总体矩上未收敛；请检查模型能否识别、是否与总体模型相符".into(),
            (MonteCarloError::MostFailed { converged, completed }, Lang::Zh) => format!("{completed} 次重复中只有 {converged} 次收敛，不足以估计检验力；请增大 N 或简化模型"),
            (MonteCarloError::NotSupported { what }, Lang::Zh) => format!("暂不支持对{}做蒙特卡洛检验力分析", not_supported_zh(what)),
        }
    }
}

fn not_supported_zh(what: &str) -> &'static str {
    match what {
        "multi-group models" => "多组模型",
        "ordinal items (WLSMV)" => "有序题项（WLSMV）",
        _ => "此类模型",
    }
}

impl From<ModelError> for MonteCarloError {
    fn from(e: ModelError) -> Self {
        MonteCarloError::Model(e)
    }
}

/// The options Monte Carlo power can refit with: one group, continuous
/// data (ML, MLR, MLM). Simulated data are complete, so FIML is ML.
fn check_options(opts: &Options) -> Result<(), MonteCarloError> {
    if opts.group.is_some() {
        return Err(MonteCarloError::NotSupported {
            what: "multi-group models".into(),
        });
    }
    if opts.estimator == Estimator::Wlsmv || !opts.ordered.is_empty() {
        return Err(MonteCarloError::NotSupported {
            what: "ordinal items (WLSMV)".into(),
        });
    }
    Ok(())
}

/// Model-implied Σ and μ of group 1 of `pt` at the row values `values`.
fn implied_moments(pt: &ParTable, values: &[f64]) -> Result<PopulationMoments, MonteCarloError> {
    let structure = Structure::new(pt);
    let mut m = Matrices::zeros(structure.n());
    for (r, p) in pt.params.iter().enumerate() {
        if p.group == 1 && !matches!(p.op, Op::Threshold | Op::Scale) {
            m.set(structure.entry(&p.lhs, p.op, &p.rhs), values[r]);
        }
    }
    let imp = Implied::compute(&structure, &m).map_err(|_| MonteCarloError::NotPositiveDefinite)?;
    if imp.sigma.clone().cholesky().is_none() {
        return Err(MonteCarloError::NotPositiveDefinite);
    }
    let p = imp.sigma.nrows();
    Ok(PopulationMoments {
        names: pt.vars.ov.clone(),
        cov: (0..p * p).map(|k| imp.sigma[(k / p, k % p)]).collect(),
        mean: imp.mu.iter().copied().collect(),
        structural: StructuralPopulation::new(&structure, &m),
    })
}

/// The population of a model fitted to data: its implied Σ̂ and μ̂ at the
/// estimates (lavaan's `fitted()`; `simulateData(fit)` simulates from the
/// same moments), and the N the model was fitted to.
pub fn fitted_population(
    data: &DataInput,
    model: &str,
    opts: &Options,
) -> Result<(PopulationMoments, usize), MonteCarloError> {
    check_options(opts)?;
    let quick = Options {
        modindices: false,
        bootstrap: None,
        ..opts.clone()
    };
    let a = analysis::run(data, model, &quick).map_err(MonteCarloError::Analysis)?;
    if !a.converged {
        return Err(MonteCarloError::FitNotConverged);
    }
    let pt = analysis::build_model(model, &data.columns(), opts)?;
    // the analysis's parameter rows follow the table's rows (then the `:=`)
    let values: Vec<f64> = pt
        .params
        .iter()
        .zip(&a.parameters)
        .map(|(p, row)| {
            debug_assert!(row.lhs == p.lhs && row.rhs == p.rhs && row.op == p.op.as_str());
            row.est
        })
        .collect();
    if values.len() != pt.params.len() {
        return Err(MonteCarloError::FitNotConverged);
    }
    let mut population = implied_moments(&pt, &values)?;
    if let (Some(sp), false) = (&mut population.structural, pt.meanstructure) {
        // A product's moments depend on its factors' means, which a model
        // without a mean structure leaves at 0: the observed variables get
        // the sample means (m = (I − A) μ, latent means 0), so that the
        // simulated x·w has the data's scale
        let moments =
            analysis::sample_moments_of(data, model, opts).map_err(MonteCarloError::Analysis)?;
        if let Some(means) = moments.groups.first().and_then(|g| g.mean.as_ref()) {
            let n = sp.names.len();
            let mu = DVector::from_fn(n, |i, _| {
                moments
                    .names
                    .iter()
                    .position(|x| *x == sp.names[i])
                    .map_or(0.0, |j| means[j])
            });
            let a = DMatrix::from_row_slice(n, n, &sp.a);
            sp.m = (&mu - a * &mu).iter().copied().collect();
            population.mean = population
                .names
                .iter()
                .map(|o| {
                    let j = sp
                        .names
                        .iter()
                        .position(|x| x == o)
                        .expect("an observed variable");
                    mu[j]
                })
                .collect();
        }
    }
    Ok((population, a.nobs))
}

/// The observed variables of a typed model: every name it uses that is not
/// a latent variable (the left side of `=~` or `<~`), in order of appearance.
fn observed_names(statements: &[Statement]) -> Vec<String> {
    let latent: Vec<&str> = statements
        .iter()
        .filter_map(|s| match s {
            Statement::Relation(r) if matches!(r.op, RelOp::Loading | RelOp::Composite) => {
                Some(r.lhs.as_str())
            }
            _ => None,
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if !latent.contains(&n) && !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    };
    for s in statements {
        if let Statement::Relation(r) = s {
            add(&r.lhs);
            if !matches!(r.op, RelOp::Intercept | RelOp::Threshold) {
                add(&r.rhs.name);
            }
        }
    }
    names
}

/// The population of a typed model (lavaan's `simulateData` conventions,
/// see the module's text): every number in the text is a population value;
/// what is left unset is 1 for loadings and variances, 0 otherwise.
pub fn typed_population(text: &str) -> Result<PopulationMoments, MonteCarloError> {
    let statements = crate::syntax::parse(text).map_err(ModelError::from)?;
    let names = observed_names(&statements);
    let opts = partable::ModelOptions {
        std_lv: true,
        fixed_x: false,
        ..partable::ModelOptions::default()
    };
    let pt = partable::build_from_statements(&statements, &names, &opts, 1)?;
    let values: Vec<f64> = pt
        .params
        .iter()
        .map(|p| {
            p.ustart.unwrap_or(match p.op {
                Op::Loading => 1.0,
                Op::Covariance if p.lhs == p.rhs => 1.0,
                _ => 0.0,
            })
        })
        .collect();
    implied_moments(&pt, &values)
}

/// The statements of a typed population with their fixed numbers freed:
/// the analysis model simsem users write beside it.
fn freed(statements: Vec<Statement>) -> Vec<Statement> {
    statements
        .into_iter()
        .map(|s| match s {
            Statement::Relation(mut r) => {
                r.rhs.modifiers.retain(|m| match m {
                    Modifier::Fixed(v) => !v.iter().all(|x| matches!(x, ModValue::Number(_))),
                    _ => true,
                });
                Statement::Relation(r)
            }
            other => other,
        })
        .collect()
}

/// One path whose power is estimated.
#[derive(Debug, Clone)]
struct Target {
    label: String,
    lhs: String,
    op: String,
    rhs: String,
    which: Which,
}

#[derive(Debug, Clone, Copy)]
enum Which {
    /// A free row: its θ index (0-based) and row.
    Free { k: usize, row: usize },
    /// A defined parameter (`:=`).
    Defined(usize),
}

fn row_target(pt: &ParTable, r: usize) -> Target {
    let p = &pt.params[r];
    Target {
        label: if p.label.is_empty() {
            p.name()
        } else {
            p.label.clone()
        },
        lhs: p.lhs.clone(),
        op: p.op.as_str().to_string(),
        rhs: p.rhs.clone(),
        which: Which::Free {
            k: p.free - 1,
            row: r,
        },
    }
}

fn defined_target(pt: &ParTable, i: usize) -> Target {
    let d = &pt.defined[i];
    Target {
        label: d.name.clone(),
        lhs: d.name.clone(),
        op: ":=".into(),
        rhs: d.text.clone(),
        which: Which::Defined(i),
    }
}

/// The hypothesis table's paths: free regressions, then `:=` named as
/// hypotheses ([`crate::tables::hypotheses::is_hypothesis_name`]).
fn default_targets(pt: &ParTable) -> Vec<Target> {
    let rows = pt
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.group == 1 && p.op == Op::Regression && p.free > 0)
        .map(|(r, _)| row_target(pt, r));
    let defined = pt
        .defined
        .iter()
        .enumerate()
        .filter(|(_, d)| crate::tables::hypotheses::is_hypothesis_name(&d.name))
        .map(|(i, _)| defined_target(pt, i));
    rows.chain(defined).collect()
}

/// A path as named by the person: a label or `:=` name, or `lhs op rhs`.
fn resolve(pt: &ParTable, path: &str) -> Result<Target, MonteCarloError> {
    let path = path.trim();
    let row = match pt.label_map().get(path) {
        Some(LabelTarget::Defined(i)) => return Ok(defined_target(pt, *i)),
        Some(LabelTarget::Param(r)) => Some(*r),
        None => [
            ("=~", Op::Loading),
            ("~~", Op::Covariance),
            ("~", Op::Regression),
        ]
        .into_iter()
        .find_map(|(s, op)| {
            let (l, r) = path.split_once(s)?;
            pt.find(l.trim(), op, r.trim(), 1)
        }),
    };
    match row {
        Some(r) if pt.params[r].free > 0 => Ok(row_target(pt, r)),
        Some(_) => Err(MonteCarloError::FixedPath {
            path: path.to_string(),
        }),
        None => Err(MonteCarloError::UnknownPath {
            path: path.to_string(),
            known: default_targets(pt).into_iter().map(|t| t.label).collect(),
        }),
    }
}

/// The counts of a range of replications; ranges add up
/// ([`Tally::merge`]) to the counts of the whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Replications made.
    pub completed: usize,
    /// Replications that converged with standard errors (the power's base).
    pub converged: usize,
    /// Converged replications with a negative variance estimate (kept).
    pub nonadmissible: usize,
    /// Per path: converged replications in which its test was significant.
    pub significant: Vec<usize>,
}

impl Tally {
    /// Adds the counts of another range of the same run.
    pub fn merge(&mut self, other: &Tally) {
        self.completed += other.completed;
        self.converged += other.converged;
        self.nonadmissible += other.nonadmissible;
        if self.significant.len() < other.significant.len() {
            self.significant.resize(other.significant.len(), 0);
        }
        for (a, b) in self.significant.iter_mut().zip(&other.significant) {
            *a += b;
        }
    }
}

/// The power of one path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathPower {
    /// Its label, else `lhs op rhs`.
    pub label: String,
    pub lhs: String,
    pub op: String,
    pub rhs: String,
    /// Its value in the analysis model fitted to the population moments.
    pub population: f64,
    /// Share of converged replications with p < α.
    pub power: f64,
    /// Monte Carlo SE √(p(1 − p)/R_converged).
    pub mc_se: f64,
}

/// The answer of a Monte Carlo power run (what `semlab power --monte-carlo
/// --json` gives; [`crate::report::power::monte_carlo_sentences`] says it
/// in words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloAnswer {
    pub n: usize,
    /// R asked for.
    pub reps: usize,
    /// Replications made (fewer than `reps` when cancelled).
    pub reps_completed: usize,
    pub reps_converged: usize,
    pub nonadmissible: usize,
    pub seed: u64,
    pub alpha: f64,
    pub estimator: String,
    pub source: Source,
    pub cancelled: bool,
    pub paths: Vec<PathPower>,
}

/// What the answer needs of a prepared run besides the counts: the
/// settings and each path with its population value. Serializable, so that
/// the page can put together the counts of several workers and answer
/// without preparing the run again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub n: usize,
    pub reps: usize,
    pub seed: u64,
    pub alpha: f64,
    pub estimator: String,
    pub source: Source,
    /// The paths, their power not yet known (0).
    pub paths: Vec<PathPower>,
}

impl Plan {
    /// Power and its Monte Carlo SE per path from the counts of the run
    /// (all R replications, or those made before it was cancelled).
    pub fn answer(&self, tally: &Tally) -> Result<MonteCarloAnswer, MonteCarloError> {
        if tally.converged == 0 || 2 * tally.converged < tally.completed {
            return Err(MonteCarloError::MostFailed {
                converged: tally.converged,
                completed: tally.completed,
            });
        }
        let ok = tally.converged as f64;
        let paths = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let power = tally.significant.get(i).copied().unwrap_or(0) as f64 / ok;
                PathPower {
                    power,
                    mc_se: (power * (1.0 - power) / ok).sqrt(),
                    ..p.clone()
                }
            })
            .collect();
        Ok(MonteCarloAnswer {
            n: self.n,
            reps: self.reps,
            reps_completed: tally.completed,
            reps_converged: tally.converged,
            nonadmissible: tally.nonadmissible,
            seed: self.seed,
            alpha: self.alpha,
            estimator: self.estimator.clone(),
            source: self.source,
            cancelled: tally.completed < self.reps,
            paths,
        })
    }
}

/// A prepared run: the analysis model, the population's Cholesky factor,
/// the population values (the start of every refit) and the paths.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    spec: MonteCarloSpec,
    pt: ParTable,
    /// The analysis model's observed variables.
    names: Vec<String>,
    /// Lower Cholesky factor of Σ and μ, in `names` order.
    chol: DMatrix<f64>,
    mean: DVector<f64>,
    /// With product terms: rows made from the population model instead.
    rows: Option<RowMaker>,
    theta0: DVector<f64>,
    targets: Vec<Target>,
    population_values: Vec<f64>,
    variance_rows: Vec<usize>,
    options: Options,
}

impl MonteCarlo {
    /// Checks the spec and prepares the run: builds the analysis model on
    /// the population's variables, fits it to the population moments and
    /// finds the paths.
    pub fn new(spec: &MonteCarloSpec) -> Result<MonteCarlo, MonteCarloError> {
        check_options(&spec.options)?;
        if spec.reps == 0 || spec.reps > MAX_REPS {
            return Err(MonteCarloError::RepsOutOfRange { reps: spec.reps });
        }
        if !(spec.alpha > 0.0 && spec.alpha < 1.0) {
            return Err(MonteCarloError::BadAlpha { alpha: spec.alpha });
        }
        let pop = &spec.population;
        let mopts = analysis::model_options(&spec.options)?;
        let pt = match &spec.analyzed {
            Analyzed::Model(text) => partable::build(text, &pop.names, &mopts, 1)?,
            Analyzed::FreedPopulation(text) => {
                let st = crate::syntax::parse(text).map_err(ModelError::from)?;
                partable::build_from_statements(&freed(st), &pop.names, &mopts, 1)?
            }
        };
        let names = pt.vars.ov.clone();
        let min = names.len() + 1;
        if spec.n < min {
            return Err(MonteCarloError::SampleTooSmall { n: spec.n, min });
        }
        let idx: Vec<usize> = names
            .iter()
            .map(|n| {
                pop.names
                    .iter()
                    .position(|m| m == n)
                    .expect("built on these names")
            })
            .collect();
        let full = pop.sigma();
        let sigma = DMatrix::from_fn(idx.len(), idx.len(), |a, b| full[(idx[a], idx[b])]);
        let mean = DVector::from_fn(idx.len(), |a, _| {
            pop.mean.get(idx[a]).copied().unwrap_or(0.0)
        });
        let chol = sigma
            .clone()
            .cholesky()
            .ok_or(MonteCarloError::NotPositiveDefinite)?
            .l();
        let rows = match &pop.structural {
            Some(sp) => {
                Some(RowMaker::new(sp, &names).ok_or(MonteCarloError::NotPositiveDefinite)?)
            }
            None => None,
        };
        let gm = GroupMoments::from_moments(spec.n, sigma, Some(mean.clone()), &names)
            .map_err(|_| MonteCarloError::NotPositiveDefinite)?;
        let sm = SampleMoments {
            names: names.clone(),
            groups: vec![gm],
        };
        let prob = Problem::new(&pt, &sm)
            .map_err(|e| MonteCarloError::Analysis(analysis::AnalysisError::Constraint(e)))?;
        partable::check_identification(&pt, prob.n_eq)?;
        let fit = prob.fit();
        if !fit.converged {
            return Err(MonteCarloError::PopulationFit);
        }
        let theta0 = fit.theta;
        let values = prob.values(&theta0);
        let defined = prob.defined_values(&values);
        let targets = if spec.paths.is_empty() {
            default_targets(&pt)
        } else {
            spec.paths
                .iter()
                .map(|p| resolve(&pt, p))
                .collect::<Result<Vec<_>, _>>()?
        };
        if targets.is_empty() {
            return Err(MonteCarloError::NoPaths);
        }
        let population_values = targets
            .iter()
            .map(|t| match t.which {
                Which::Free { row, .. } => values[row],
                Which::Defined(i) => defined[i],
            })
            .collect();
        let variance_rows = pt
            .params
            .iter()
            .filter(|p| p.free > 0 && p.is_variance())
            .map(|p| p.free - 1)
            .collect();
        let options = Options {
            missing: Missing::Listwise,
            modindices: false,
            bootstrap: None,
            ..spec.options.clone()
        };
        Ok(MonteCarlo {
            spec: spec.clone(),
            pt,
            names,
            chol,
            mean,
            rows,
            theta0,
            targets,
            population_values,
            variance_rows,
            options,
        })
    }

    /// R asked for.
    pub fn reps(&self) -> usize {
        self.spec.reps
    }

    /// The analysis model's observed variables (the columns of
    /// [`MonteCarlo::simulate`]).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Replication r's data, N × p: rows from N(μ, Σ), or with product
    /// terms from the population model with each `x:w` the product of the
    /// simulated x and w; from stream (seed, r).
    pub fn simulate(&self, r: usize) -> DMatrix<f64> {
        let mut rng = Rng::stream(self.spec.seed, r as u64);
        let (n, p) = (self.spec.n, self.names.len());
        let mut x = DMatrix::zeros(n, p);
        if let Some(maker) = &self.rows {
            let mut z = vec![0.0; maker.drawn.len()];
            let mut v = vec![0.0; maker.m.len()];
            let mut out = vec![0.0; p];
            for i in 0..n {
                for zk in z.iter_mut() {
                    *zk = qnorm(rng.uniform());
                }
                maker.row(&z, &mut v, &mut out);
                for (j, o) in out.iter().enumerate() {
                    x[(i, j)] = *o;
                }
            }
            return x;
        }
        let mut z = vec![0.0; p];
        for i in 0..n {
            for zk in z.iter_mut() {
                *zk = qnorm(rng.uniform());
            }
            for j in 0..p {
                let mut v = self.mean[j];
                for (k, zk) in z.iter().enumerate().take(j + 1) {
                    v += self.chol[(j, k)] * zk;
                }
                x[(i, j)] = v;
            }
        }
        x
    }

    /// Replication r: None when it failed; else whether it is
    /// nonadmissible and, per path, whether its test is significant.
    fn replicate(&self, r: usize) -> Option<(bool, Vec<bool>)> {
        let x = self.simulate(r);
        let gm = GroupMoments::from_data(x, &self.names).ok()?;
        let sm = SampleMoments {
            names: self.names.clone(),
            groups: vec![gm],
        };
        let prob = Problem::new(&self.pt, &sm).ok()?;
        let res = prob.minimize(&self.theta0);
        if !res.converged {
            return None;
        }
        let theta = res.theta;
        let ev = prob.evaluate(&theta);
        let inf =
            analysis::ml_inference(&prob, &theta, ev.as_ref(), &self.options, &mut Vec::new())
                .ok()?;
        let vcov = inf.vcov?;
        let values = prob.values(&theta);
        let needs_defined = self
            .targets
            .iter()
            .any(|t| matches!(t.which, Which::Defined(_)));
        let (def, def_se) = if needs_defined {
            (prob.defined_values(&values), prob.defined_se(&theta, &vcov))
        } else {
            (Vec::new(), Vec::new())
        };
        let mut significant = Vec::with_capacity(self.targets.len());
        for t in &self.targets {
            let (est, se) = match t.which {
                Which::Free { k, row } => (values[row], vcov[(k, k)].max(0.0).sqrt()),
                Which::Defined(i) => (def[i], def_se[i]),
            };
            let wald = Wald::new(est, se)?;
            significant.push(wald.pvalue < self.spec.alpha);
        }
        let nonadmissible = self.variance_rows.iter().any(|&k| theta[k] < 0.0);
        Some((nonadmissible, significant))
    }

    /// Makes replications `range` (clipped to 0..R), calling
    /// `progress(done)` after each (done counts within the range);
    /// returning false stops. The counts of ranges add up to those of one
    /// run, whatever the split.
    pub fn run(&self, range: Range<usize>, progress: &mut dyn FnMut(usize) -> bool) -> Tally {
        let mut t = Tally {
            significant: vec![0; self.targets.len()],
            ..Tally::default()
        };
        for r in range.start..range.end.min(self.spec.reps) {
            t.completed += 1;
            if let Some((nonadmissible, sig)) = self.replicate(r) {
                t.converged += 1;
                t.nonadmissible += usize::from(nonadmissible);
                for (c, s) in t.significant.iter_mut().zip(sig) {
                    *c += usize::from(s);
                }
            }
            if !progress(t.completed) {
                break;
            }
        }
        t
    }

    /// What the answer needs besides the counts ([`Plan::answer`]).
    pub fn plan(&self) -> Plan {
        Plan {
            n: self.spec.n,
            reps: self.spec.reps,
            seed: self.spec.seed,
            alpha: self.spec.alpha,
            estimator: self.options.estimator.name().to_string(),
            source: self.spec.source,
            paths: self
                .targets
                .iter()
                .zip(&self.population_values)
                .map(|(t, pop)| PathPower {
                    label: t.label.clone(),
                    lhs: t.lhs.clone(),
                    op: t.op.clone(),
                    rhs: t.rhs.clone(),
                    population: *pop,
                    power: 0.0,
                    mc_se: 0.0,
                })
                .collect(),
        }
    }

    /// [`Plan::answer`] of this run.
    pub fn answer(&self, tally: &Tally) -> Result<MonteCarloAnswer, MonteCarloError> {
        self.plan().answer(tally)
    }
}

/// A whole run in one call: prepare, make every replication (progress
/// `(done, R)` after each; false cancels), answer.
pub fn monte_carlo(
    spec: &MonteCarloSpec,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<MonteCarloAnswer, MonteCarloError> {
    let mc = MonteCarlo::new(spec)?;
    let total = mc.reps();
    let tally = mc.run(0..total, &mut |done| progress(done, total));
    mc.answer(&tally)
}
