//! Nonparametric bootstrap: the fitted model and its raw data in; bootstrap
//! standard errors and percentile (or bias-corrected) confidence intervals
//! of every free and every defined parameter out.
//!
//! As lavaan's ordinary bootstrap (`R/lav_bootstrap.R::lav_bootstrap_internal`,
//! `R/lav_model_vcov.R`, `R/lav_object_methods.R::parameterEstimates`):
//!
//! - each draw resamples the rows of every group with replacement (n_g of
//!   n_g) and refits the model; lavaan starts each refit from θ̂ and makes a
//!   single attempt (`optim.attempts = 1`), and so do we;
//! - a draw whose sample moments cannot be used or whose fit does not
//!   converge has *failed* and is dropped; the number is reported. Draws with
//!   a negative variance estimate count as *nonadmissible* but are kept (as
//!   lavaan's `post.check`);
//! - SE of a parameter: the SD of its draws with divisor B (lavaan's
//!   `cov(COEF) * (B − 1)/B`); SE of a defined parameter: lavaan uses R's
//!   `cov()` on the defined values, divisor B − 1, and so do we;
//! - percentile CI: `boot.ci.type = "perc"`, the quantiles by boot's
//!   `norm.inter` (interpolation on the normal quantile scale);
//!   bias-corrected CI: `boot.ci.type = "bca.simple"` (BCa with a = 0).
//!
//! R's random numbers cannot be reproduced, so results agree with lavaan
//! statistically, not digit for digit. Draws are reproducible for a seed:
//! the generator is xoshiro256** seeded by SplitMix64 (Blackman & Vigna),
//! written out here so that native and wasm32 builds give the same draws.
//! Draw b has a stream of its own, (seed, b) ([`Rng::stream`]), so a run
//! can be split into ranges of draws made by several workers
//! ([`BootstrapSpec::draws`]) and merged in b order with the results of a
//! run in one piece.
//!
//! Long runs report progress through a callback `(done, total) -> bool`;
//! returning false cancels, and the result then holds the completed draws.
//! A caller that cannot block (the browser's worker) advances a
//! [`BootstrapState`] a chunk of draws at a time instead.

use crate::distributions::{pnorm, qnorm};
use crate::estimate::Problem;
use crate::partable::ParTable;
use crate::samplestats::moments::{GroupMoments, SampleMoments};
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// Which bootstrap confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CiType {
    /// lavaan's `boot.ci.type = "perc"` (the default).
    #[default]
    Percentile,
    /// lavaan's `boot.ci.type = "bca.simple"`: bias-corrected, no acceleration.
    BiasCorrected,
}

impl CiType {
    pub fn parse(s: &str) -> Option<CiType> {
        match s.to_ascii_lowercase().as_str() {
            "perc" | "percentile" => Some(CiType::Percentile),
            "bc" | "bca.simple" | "bias-corrected" | "bias_corrected" => {
                Some(CiType::BiasCorrected)
            }
            _ => None,
        }
    }
    /// lavaan's name of the interval.
    pub fn lavaan_name(self) -> &'static str {
        match self {
            CiType::Percentile => "perc",
            CiType::BiasCorrected => "bca.simple",
        }
    }
}

/// What the user sets (a field left out takes its default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BootstrapOptions {
    /// Number of draws B (lavaan's `bootstrap`, default 1000).
    pub draws: usize,
    /// Seed of the random number generator.
    pub seed: u64,
    #[serde(default)]
    pub ci_type: CiType,
    /// Confidence level of the intervals (default 0.95).
    #[serde(default = "default_level")]
    pub level: f64,
}

fn default_level() -> f64 {
    0.95
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            draws: 1000,
            seed: 12345,
            ci_type: CiType::Percentile,
            level: 0.95,
        }
    }
}

/// How the bootstrap went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapSummary {
    /// B asked for.
    pub requested: usize,
    /// Draws attempted (less than `requested` when cancelled).
    pub completed: usize,
    /// Draws that converged and enter the results.
    pub ok: usize,
    /// Draws that failed (unusable resample or no convergence) and were dropped.
    pub failed: usize,
    /// Successful draws with a negative variance estimate (kept, as lavaan).
    pub nonadmissible: usize,
    pub seed: u64,
    pub ci_type: CiType,
    pub level: f64,
    /// The run was stopped through the progress callback.
    pub cancelled: bool,
}

/// Bootstrap results per free parameter (index k − 1 of θ) and per defined parameter.
#[derive(Debug, Clone)]
pub struct BootstrapResult {
    pub summary: BootstrapSummary,
    /// The successful draws of θ (one row per draw).
    pub theta: DMatrix<f64>,
    /// Defined parameters of the successful draws (one row per draw).
    pub defined: DMatrix<f64>,
    /// Every parameter-table row's value in the successful draws (one row
    /// per draw): what functions of the estimates (the effects of
    /// [`crate::effects`]) are evaluated on.
    pub values: DMatrix<f64>,
    pub se: Vec<f64>,
    pub ci: Vec<(f64, f64)>,
    pub defined_se: Vec<f64>,
    pub defined_ci: Vec<(f64, f64)>,
}

/// Why the bootstrap cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BootstrapError {
    /// Only a covariance matrix was given.
    NeedsRawData,
    /// B = 0.
    NoDraws,
    /// The confidence level is not in (0, 1).
    BadLevel,
}

impl std::fmt::Display for BootstrapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BootstrapError::NeedsRawData => write!(
                f,
                "the bootstrap needs the raw data, not only a covariance matrix"
            ),
            BootstrapError::NoDraws => {
                write!(f, "the number of bootstrap draws must be at least 1")
            }
            BootstrapError::BadLevel => {
                write!(f, "the bootstrap confidence level must lie between 0 and 1")
            }
        }
    }
}

impl std::error::Error for BootstrapError {}

// ---------------------------------------------------------------------------
// random numbers

/// xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut split = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        Rng {
            s: [split(), split(), split(), split()],
        }
    }

    /// The generator of stream `index` of `seed`: draw (or replication)
    /// `index` of a run gets its own stream, so that its numbers depend
    /// only on (seed, index) and a run can be split into ranges that
    /// workers make in any order. The two are mixed by SplitMix64's
    /// finalizer before seeding.
    pub fn stream(seed: u64, index: u64) -> Rng {
        let mut z = index.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng::new(z ^ (z >> 31))
    }

    /// Uniform on the open interval (0, 1), 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        assert!(n > 0, "below(0)");
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = (self.next_u64() as u128) * (n as u128);
            if (m as u64) >= threshold {
                return (m >> 64) as usize;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// quantiles

/// boot's `norm.inter` (used by lavaan's `parameterEstimates`) for one
/// probability, on draws sorted ascending: the ((R+1)α)-th order statistic,
/// interpolated on the normal quantile scale between neighbours.
pub fn norm_inter(sorted: &[f64], alpha: f64) -> f64 {
    let r = sorted.len();
    if r == 0 || alpha.is_nan() {
        return f64::NAN;
    }
    let rk = (r as f64 + 1.0) * alpha;
    let k = rk.trunc();
    let ku = k as usize;
    if ku == 0 {
        return sorted[0];
    }
    if ku >= r {
        return sorted[r - 1];
    }
    if k == rk {
        return sorted[ku - 1];
    }
    let t1 = qnorm(alpha);
    let t2 = qnorm(k / (r as f64 + 1.0));
    let t3 = qnorm((k + 1.0) / (r as f64 + 1.0));
    let tk = sorted[ku - 1];
    let tk1 = sorted[ku];
    tk + (t1 - t2) / (t3 - t2) * (tk1 - tk)
}

/// The CI of one quantity from its draws (`perc` or `bca.simple`), or
/// (est, est) when the draws do not vary (lavaan skips those for bca.simple).
///
/// Bias-corrected (lavaan `R/lav_object_methods.R`, `boot.ci.type =
/// "bca.simple"`; Efron & Tibshirani 1993, §14.3 with acceleration a = 0):
/// z₀ = Φ⁻¹(#{draws < est}/B), and the interval is the percentile interval
/// at the adjusted probabilities Φ(2z₀ + z_{α/2}) and Φ(2z₀ + z_{1−α/2}).
pub fn interval(draws: &[f64], est: f64, ci: CiType, level: f64) -> (f64, f64) {
    let mut t: Vec<f64> = draws.iter().copied().filter(|x| x.is_finite()).collect();
    if t.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    crate::sorting::ascending(&mut t);
    let lo = (1.0 - level) / 2.0;
    let hi = (1.0 + level) / 2.0;
    match ci {
        CiType::Percentile => (norm_inter(&t, lo), norm_inter(&t, hi)),
        CiType::BiasCorrected => {
            if t[0] == t[t.len() - 1] {
                return (est, est);
            }
            let below = t.iter().filter(|x| **x < est).count();
            let w = qnorm(below as f64 / t.len() as f64);
            let adj = |z: f64| pnorm(w + (w + z));
            (
                norm_inter(&t, adj(qnorm(lo))),
                norm_inter(&t, adj(qnorm(hi))),
            )
        }
    }
}

/// SD with divisor B − 1 (R's `sd`; lavaan's bootstrap SE of a `:=`
/// parameter), None for fewer than two draws.
pub fn sd_unbiased(x: &[f64]) -> Option<f64> {
    (x.len() > 1).then(|| sd(x, x.len() as f64 - 1.0))
}

/// SD with divisor `div`.
fn sd(x: &[f64], div: f64) -> f64 {
    let n = x.len() as f64;
    if x.is_empty() {
        return f64::NAN;
    }
    let m = x.iter().sum::<f64>() / n;
    (x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / div).sqrt()
}

// ---------------------------------------------------------------------------
// the bootstrap

/// Runs the bootstrap for a fitted model. `theta_hat` are the estimates on
/// the full data (the warm start of every refit). `progress(done, total)` is
/// called after every draw; returning false stops the run (the result then
/// holds the draws completed so far and `summary.cancelled` is set).
pub fn run(
    prob: &Problem,
    theta_hat: &DVector<f64>,
    opts: &BootstrapOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<BootstrapResult, BootstrapError> {
    let mut state = BootstrapState::new(prob, theta_hat, opts)?;
    state.run(progress);
    Ok(state.finish())
}

/// The rows of one group's raw data, column by column (nalgebra's order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct GroupRows {
    n: usize,
    p: usize,
    cells: Vec<f64>,
}

/// Everything a bootstrap draw needs — the model's parameter table, the
/// raw rows of every group, θ̂ (the warm start of every refit) and the
/// options — owned and serializable, so that the browser can hand ranges
/// of one bootstrap to several workers ([`BootstrapSpec::draws`]).
///
/// Draw b resamples with the generator of stream (seed, b)
/// ([`Rng::stream`]): its rows depend only on (seed, b), so a run split
/// into ranges made in any order, by any number of workers, and merged in
/// b order ([`BootstrapState::add`]) gives the results of a run in one
/// piece.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapSpec {
    pt: ParTable,
    names: Vec<String>,
    groups: Vec<GroupRows>,
    theta_hat: Vec<f64>,
    /// Defined parameters at θ̂ (the centre of their bias-corrected CIs).
    est_def: Vec<f64>,
    opts: BootstrapOptions,
}

/// How one draw went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Draw {
    /// The resample's moments could not be used or the refit did not
    /// converge: dropped, and counted.
    Failed,
    /// The refit's θ, its defined parameters and every parameter-table
    /// row's value; `nonadmissible` when a variance estimate is negative
    /// (kept, as lavaan's `post.check`).
    Ok {
        theta: Vec<f64>,
        defined: Vec<f64>,
        values: Vec<f64>,
        nonadmissible: bool,
    },
}

/// Draws `start..start + draws.len()` of a run, in order: what a range
/// of [`BootstrapSpec::draws`] gives (fewer than asked when it was stopped).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DrawRange {
    pub start: usize,
    pub draws: Vec<Draw>,
}

impl BootstrapSpec {
    /// Checks the options and takes what the draws need from a fitted
    /// model (see [`run`]).
    pub fn new(
        prob: &Problem,
        theta_hat: &DVector<f64>,
        opts: &BootstrapOptions,
    ) -> Result<BootstrapSpec, BootstrapError> {
        if opts.draws == 0 {
            return Err(BootstrapError::NoDraws);
        }
        if !(opts.level > 0.0 && opts.level < 1.0) {
            return Err(BootstrapError::BadLevel);
        }
        let groups = prob
            .sm
            .groups
            .iter()
            .map(|g| {
                let raw = g.raw.as_ref().ok_or(BootstrapError::NeedsRawData)?;
                Ok(GroupRows {
                    n: raw.nrows(),
                    p: raw.ncols(),
                    cells: raw.as_slice().to_vec(),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(BootstrapSpec {
            pt: prob.pt.clone(),
            names: prob.sm.names.clone(),
            groups,
            theta_hat: theta_hat.iter().copied().collect(),
            est_def: prob.defined_values(&prob.values(theta_hat)),
            opts: opts.clone(),
        })
    }

    /// B asked for.
    pub fn total(&self) -> usize {
        self.opts.draws
    }

    /// The parameter table of the model (θ and the bootstrap results follow
    /// its free parameters and defined parameters).
    pub fn partable(&self) -> &ParTable {
        &self.pt
    }

    /// Draw b: resample the rows of every group (n_g of n_g, each group
    /// apart, as lavaan) from stream (seed, b), refit from θ̂.
    pub fn draw(&self, b: usize) -> Draw {
        // the rows are drawn even if the refit fails, so the numbers of a
        // group do not depend on another group's outcome
        let mut rng = Rng::stream(self.opts.seed, b as u64);
        let resampled: Vec<DMatrix<f64>> = self
            .groups
            .iter()
            .map(|g| {
                let mut x = DMatrix::zeros(g.n, g.p);
                for i in 0..g.n {
                    let src = rng.below(g.n);
                    for j in 0..g.p {
                        x[(i, j)] = g.cells[src + j * g.n];
                    }
                }
                x
            })
            .collect();
        let theta_hat = DVector::from_column_slice(&self.theta_hat);
        match refit(&self.pt, &theta_hat, resampled, &self.names) {
            Some((theta, defined, values)) => Draw::Ok {
                nonadmissible: self
                    .pt
                    .params
                    .iter()
                    .any(|p| p.free > 0 && p.is_variance() && theta[p.free - 1] < 0.0),
                theta: theta.iter().copied().collect(),
                defined,
                values,
            },
            None => Draw::Failed,
        }
    }

    /// Makes draws `range` (clipped to 0..B), calling `progress(done)`
    /// after each (done counts within the range); returning false stops,
    /// and the answer holds the draws made.
    pub fn draws(
        &self,
        range: std::ops::Range<usize>,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> DrawRange {
        let mut out = DrawRange {
            start: range.start,
            draws: Vec::new(),
        };
        for b in range.start..range.end.min(self.total()) {
            out.draws.push(self.draw(b));
            if !progress(out.draws.len()) {
                break;
            }
        }
        out
    }
}

/// A bootstrap under way: its [`BootstrapSpec`] and the draws made so
/// far, in any order. A caller that cannot block (the browser's worker)
/// advances it a chunk of draws at a time ([`BootstrapState::advance`]);
/// the browser also adds ranges made by other workers
/// ([`BootstrapState::add`]). [`run`] is [`BootstrapState::new`],
/// [`BootstrapState::run`] and [`BootstrapState::finish`]; the results
/// are the same however the draws are chunked or split.
#[derive(Debug, Clone)]
pub struct BootstrapState {
    spec: BootstrapSpec,
    /// Draw b's outcome once made.
    made: Vec<Option<Draw>>,
    /// Where [`BootstrapState::advance`] looks for the next draw to make.
    next: usize,
    completed: usize,
    stopped: bool,
}

impl BootstrapState {
    /// Prepares the bootstrap of a fitted model (see [`run`]); no draw is made yet.
    pub fn new(
        prob: &Problem,
        theta_hat: &DVector<f64>,
        opts: &BootstrapOptions,
    ) -> Result<BootstrapState, BootstrapError> {
        Ok(BootstrapState::from_spec(BootstrapSpec::new(
            prob, theta_hat, opts,
        )?))
    }

    /// A bootstrap of `spec` with no draw made yet.
    pub fn from_spec(spec: BootstrapSpec) -> BootstrapState {
        BootstrapState {
            made: vec![None; spec.total()],
            spec,
            next: 0,
            completed: 0,
            stopped: false,
        }
    }

    /// What the draws need (to hand ranges to other workers).
    pub fn spec(&self) -> &BootstrapSpec {
        &self.spec
    }

    /// B asked for.
    pub fn total(&self) -> usize {
        self.spec.total()
    }

    /// Draws made so far.
    pub fn completed(&self) -> usize {
        self.completed
    }

    /// How it goes so far (B, ok, failed, seed, ...).
    pub fn summary(&self) -> BootstrapSummary {
        let o = &self.spec.opts;
        let mut s = BootstrapSummary {
            requested: o.draws,
            completed: self.completed,
            ok: 0,
            failed: 0,
            nonadmissible: 0,
            seed: o.seed,
            ci_type: o.ci_type,
            level: o.level,
            cancelled: self.completed < o.draws && self.is_done(),
        };
        for d in self.made.iter().flatten() {
            match d {
                Draw::Failed => s.failed += 1,
                Draw::Ok { nonadmissible, .. } => {
                    s.ok += 1;
                    s.nonadmissible += usize::from(*nonadmissible);
                }
            }
        }
        s
    }

    /// The parameter table of the model (θ and the bootstrap results follow
    /// its free parameters and defined parameters).
    pub fn partable(&self) -> &ParTable {
        &self.spec.pt
    }

    /// Every draw is made, or the run was stopped.
    pub fn is_done(&self) -> bool {
        self.stopped || self.completed >= self.total()
    }

    /// Makes up to `k` more draws (those not made yet, in b order; fewer at
    /// the end); returns the number of draws completed so far.
    pub fn advance(&mut self, k: usize) -> usize {
        for _ in 0..k {
            if self.is_done() {
                break;
            }
            while self.made[self.next].is_some() {
                self.next += 1;
            }
            let b = self.next;
            self.made[b] = Some(self.spec.draw(b));
            self.completed += 1;
        }
        self.completed
    }

    /// Adds draws made elsewhere (another worker's range of the same
    /// spec); a draw already made, or beyond B, is ignored.
    pub fn add(&mut self, range: DrawRange) {
        for (b, d) in (range.start..).zip(range.draws) {
            if let Some(slot @ None) = self.made.get_mut(b) {
                *slot = Some(d);
                self.completed += 1;
            }
        }
    }

    /// Stops the run: no more draws; the results cover the completed ones
    /// (`summary.cancelled` when fewer than B).
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// Makes the remaining draws, calling `progress(done, total)` after
    /// each; returning false stops the run.
    pub fn run(&mut self, progress: &mut dyn FnMut(usize, usize) -> bool) {
        while !self.is_done() {
            let done = self.advance(1);
            if !progress(done, self.total()) {
                self.stop();
            }
        }
    }

    /// SEs and CIs from the draws made (all of them, or those completed
    /// before the run was stopped), taken in b order.
    pub fn finish(mut self) -> BootstrapResult {
        self.stopped = true;
        let summary = self.summary();
        let pt = &self.spec.pt;
        let q = pt.n_free;
        let n_def = pt.defined.len();
        let n_rows = pt.params.len();
        let opts = &self.spec.opts;
        let ok = summary.ok;
        let mut theta_draws = Vec::with_capacity(ok * q);
        let mut def_draws = Vec::with_capacity(ok * n_def);
        let mut value_draws = Vec::with_capacity(ok * n_rows);
        for d in self.made.iter().flatten() {
            if let Draw::Ok {
                theta,
                defined,
                values,
                ..
            } = d
            {
                theta_draws.extend(theta);
                def_draws.extend(defined);
                value_draws.extend(values);
            }
        }
        let theta = DMatrix::from_row_slice(ok, q, &theta_draws);
        let defined = DMatrix::from_row_slice(ok, n_def, &def_draws);
        let values = DMatrix::from_row_slice(ok, n_rows, &value_draws);
        let okf = ok as f64;
        let mut se = Vec::with_capacity(q);
        let mut ci = Vec::with_capacity(q);
        for k in 0..q {
            let col: Vec<f64> = theta.column(k).iter().copied().collect();
            se.push(if ok > 0 { sd(&col, okf) } else { f64::NAN });
            ci.push(interval(
                &col,
                self.spec.theta_hat[k],
                opts.ci_type,
                opts.level,
            ));
        }
        let mut defined_se = Vec::with_capacity(n_def);
        let mut defined_ci = Vec::with_capacity(n_def);
        for (d, est) in self.spec.est_def.iter().enumerate() {
            let col: Vec<f64> = defined.column(d).iter().copied().collect();
            defined_se.push(sd_unbiased(&col).unwrap_or(f64::NAN));
            defined_ci.push(interval(&col, *est, opts.ci_type, opts.level));
        }
        BootstrapResult {
            summary,
            theta,
            defined,
            values,
            se,
            ci,
            defined_se,
            defined_ci,
        }
    }
}

/// Refits the model on resampled data from θ̂; None if the draw fails.
fn refit(
    pt: &ParTable,
    theta_hat: &DVector<f64>,
    data: Vec<DMatrix<f64>>,
    names: &[String],
) -> Option<(DVector<f64>, Vec<f64>, Vec<f64>)> {
    let groups = data
        .into_iter()
        .map(|x| GroupMoments::from_data(x, names).ok())
        .collect::<Option<Vec<_>>>()?;
    let sm = SampleMoments {
        names: names.to_vec(),
        groups,
    };
    let pb = Problem::new(pt, &sm).ok()?;
    let res = pb.minimize(theta_hat);
    if !res.converged {
        return None;
    }
    let values = pb.values(&res.theta);
    let def = pb.defined_values(&values);
    Some((res.theta, def, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_reproducible_and_uniform() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut c = Rng::new(8);
        let xa: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        let mut counts = [0usize; 7];
        for _ in 0..70_000 {
            counts[a.below(7)] += 1;
        }
        for c in counts {
            assert!((c as f64 - 10_000.0).abs() < 500.0, "{counts:?}");
        }
    }

    /// Reference values from lavaan 0.6.14's `parameterEstimates` code
    /// (its inline `norm.inter` and `bca.simple`) in R, on
    /// t = sin(1:157)^3 + (1:157)/500 with estimate 0.05.
    #[test]
    fn intervals_match_lavaan() {
        let t: Vec<f64> = (1..=157)
            .map(|i| (i as f64).sin().powi(3) + i as f64 / 500.0)
            .collect();
        let close = |a: (f64, f64), b: (f64, f64)| {
            assert!(
                (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12,
                "{a:?} vs {b:?}"
            )
        };
        close(
            interval(&t, 0.05, CiType::Percentile, 0.95),
            (-0.889903409451091, 1.1900493299389),
        );
        close(
            interval(&t, 0.05, CiType::BiasCorrected, 0.95),
            (-0.977970619939844, 1.00633630115271),
        );
        let mut sorted = t.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert!((norm_inter(&sorted, 0.05) + 0.80940175120847).abs() < 1e-12);
        assert!((norm_inter(&sorted, 0.9) - 1.00050742687292).abs() < 1e-12);
    }

    /// Holzinger–Swineford's three-factor CFA fitted by ML: its parameter
    /// table, sample moments (with the raw data) and θ̂.
    fn hs1939() -> (ParTable, SampleMoments, DVector<f64>) {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/lavaan/hs1939_cfa/hs1939_cfa.csv"
        );
        let bytes = std::fs::read(path).unwrap();
        let table = crate::data::read_table(&bytes, &Default::default()).unwrap();
        let model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";
        let opts = crate::partable::ModelOptions::default();
        let pt = crate::partable::build(model, table.names(), &opts, 1).unwrap();
        let names = pt.vars.ov.clone();
        let complete = table.numeric(&names).unwrap().listwise();
        let sm = SampleMoments {
            groups: vec![GroupMoments::from_data(complete.data, &names).unwrap()],
            names,
        };
        let theta = Problem::new(&pt, &sm).unwrap().fit().theta;
        (pt, sm, theta)
    }

    #[test]
    fn chunked_draws_are_the_draws_of_one_run() {
        let (pt, sm, theta) = hs1939();
        let prob = Problem::new(&pt, &sm).unwrap();
        let opts = BootstrapOptions {
            draws: 23,
            seed: 5,
            ..BootstrapOptions::default()
        };
        let whole = run(&prob, &theta, &opts, &mut |_, _| true).unwrap();
        let mut state = BootstrapState::new(&prob, &theta, &opts).unwrap();
        let mut chunks = Vec::new();
        while !state.is_done() {
            chunks.push(state.advance(5));
        }
        assert_eq!(chunks, [5, 10, 15, 20, 23]);
        assert_eq!(state.advance(5), 23, "no draw after the last");
        let chunked = state.finish();
        assert_eq!(chunked.summary, whole.summary);
        assert_eq!(chunked.theta, whole.theta);
        assert_eq!(chunked.se, whole.se);
        assert_eq!(chunked.ci, whole.ci);
        assert!(!chunked.summary.cancelled && chunked.summary.ok > 20);
    }

    /// Draw b depends only on (seed, b): three ranges made from a spec
    /// that went through serialization (as to another worker) and added in
    /// reverse order give the results of one run; a range of the same
    /// spec is the same draws wherever it starts.
    #[test]
    fn ranges_merged_in_any_order_are_one_run() {
        let (pt, sm, theta) = hs1939();
        let prob = Problem::new(&pt, &sm).unwrap();
        let opts = BootstrapOptions {
            draws: 31,
            seed: 77,
            ci_type: CiType::BiasCorrected,
            ..BootstrapOptions::default()
        };
        let whole = run(&prob, &theta, &opts, &mut |_, _| true).unwrap();
        let spec = BootstrapSpec::new(&prob, &theta, &opts).unwrap();
        // as a value (the worker's messages carry numbers, not their text;
        // the model text's positions stay behind)
        let sent: BootstrapSpec =
            serde_json::from_value(serde_json::to_value(&spec).unwrap()).unwrap();
        let mut merged = BootstrapState::from_spec(spec.clone());
        for range in [21..31, 9..21, 0..9] {
            let part = sent.draws(range.clone(), &mut |_| true);
            assert_eq!((part.start, part.draws.len()), (range.start, range.len()));
            merged.add(part);
        }
        assert!(merged.is_done());
        let merged = merged.finish();
        assert_eq!(merged.summary, whole.summary);
        assert_eq!(merged.theta, whole.theta);
        assert_eq!(merged.values, whole.values);
        assert_eq!(merged.se, whole.se);
        assert_eq!(merged.ci, whole.ci);
        // draw 12 is the same in a range from 12 and in one from 0
        assert_eq!(
            spec.draws(12..13, &mut |_| true).draws,
            spec.draws(0..13, &mut |_| true).draws[12..]
        );
        // a stopped range holds the draws made before the stop
        let part = spec.draws(5..20, &mut |done| done < 4);
        assert_eq!((part.start, part.draws.len()), (5, 4));
        // two cancelled ranges merged: the draws made, and a cancelled run
        let mut state = BootstrapState::from_spec(spec.clone());
        state.add(part);
        state.add(spec.draws(20..25, &mut |_| true));
        state.add(spec.draws(20..22, &mut |_| true));
        state.stop();
        let s = state.finish().summary;
        assert_eq!((s.requested, s.completed, s.ok + s.failed), (31, 9, 9));
        assert!(s.cancelled);
    }

    #[test]
    fn a_stopped_state_keeps_its_completed_draws() {
        let (pt, sm, theta) = hs1939();
        let prob = Problem::new(&pt, &sm).unwrap();
        let opts = BootstrapOptions {
            draws: 40,
            seed: 9,
            ..BootstrapOptions::default()
        };
        let mut state = BootstrapState::new(&prob, &theta, &opts).unwrap();
        state.advance(12);
        state.stop();
        assert!(state.is_done());
        assert_eq!(state.advance(5), 12);
        let stopped = state.finish();
        let s = &stopped.summary;
        assert!(s.cancelled);
        assert_eq!((s.requested, s.completed, s.ok + s.failed), (40, 12, 12));
        // the same draws as the first 12 of a run of 12
        let first = run(
            &prob,
            &theta,
            &BootstrapOptions { draws: 12, ..opts },
            &mut |_, _| true,
        )
        .unwrap();
        assert_eq!(stopped.theta, first.theta);
        assert_eq!(stopped.se, first.se);
        // stopping after the last draw is no cancellation
        let mut state =
            BootstrapState::new(&prob, &theta, &BootstrapOptions { draws: 3, ..opts }).unwrap();
        state.advance(3);
        state.stop();
        assert!(!state.finish().summary.cancelled);
    }

    /// Properties of the bias-corrected interval: with the estimate at the
    /// median of the draws (z₀ = 0) it is the percentile interval; moving
    /// the estimate up moves both limits up (z₀ grows); it always lies
    /// within the range of the draws.
    #[test]
    fn bias_correction_properties() {
        let mut rng = Rng::new(11);
        // 1000 skewed draws: exp of a normal variate
        let draws: Vec<f64> = (0..1000)
            .map(|_| {
                let u = (rng.below(1 << 30) as f64 + 0.5) / (1u64 << 30) as f64;
                qnorm(u).exp()
            })
            .collect();
        let mut sorted = draws.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let median = 0.5 * (sorted[499] + sorted[500]);
        let perc = interval(&draws, median, CiType::Percentile, 0.95);
        let bc = interval(&draws, median, CiType::BiasCorrected, 0.95);
        assert_eq!(perc, bc);
        let mut last = bc;
        for q in [0.55, 0.6, 0.7, 0.8] {
            let est = sorted[(q * 1000.0) as usize];
            let now = interval(&draws, est, CiType::BiasCorrected, 0.95);
            assert!(
                now.0 > last.0 && now.1 >= last.1,
                "{q}: {now:?} after {last:?}"
            );
            assert!(now.0 >= sorted[0] && now.1 <= sorted[999]);
            last = now;
        }
    }

    #[test]
    fn norm_inter_matches_boot() {
        // R: boot:::norm.inter(1:10, c(0.025, 0.975)) gives 1 and 10;
        // norm.inter(1:99, 0.025) is the 2.5th value exactly (rk = 2.5 → interpolated)
        let t: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(norm_inter(&t, 0.025), 1.0);
        assert_eq!(norm_inter(&t, 0.975), 10.0);
        let t: Vec<f64> = (1..=999).map(f64::from).collect();
        assert_eq!(norm_inter(&t, 0.025), 25.0);
        assert_eq!(norm_inter(&t, 0.975), 975.0);
    }
}
