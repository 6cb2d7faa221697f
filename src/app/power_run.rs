//! The page's side of a Monte Carlo power run
//! ([`crate::power::monte_carlo`]): the worker that holds the data fits
//! the shown model and prepares the run ([`Request::MonteCarloPrepare`]);
//! the replications are then split into ranges, one per worker — that
//! worker and up to three more (`navigator.hardwareConcurrency`, at most
//! [`MAX_WORKERS`] in all), started on the first run and kept — each
//! answering with its counts ([`Request::MonteCarloRange`]). Replication r
//! depends only on (seed, r), so the answer is the same however many
//! workers share the run. *Cancel* stops every range; the answer then
//! covers the replications made.

use crate::analysis::Options;
use crate::app::engine::Engine;
use crate::app::protocol::{ErrorReport, Request, Response};
use crate::app::state::AppState;
use crate::app::text::t;
use crate::power::monte_carlo::{MonteCarloAnswer, MonteCarloSpec, Plan, Tally};
use leptos::prelude::*;
use std::rc::Rc;

/// Most workers one run is spread over (the page's own worker included).
pub const MAX_WORKERS: usize = 4;
/// Replications of a run unless the person changes it.
pub const DEFAULT_REPS: usize = 500;
/// Seed of a run unless the person changes it (the bootstrap's default).
pub const DEFAULT_SEED: u64 = 12345;

/// What the person chose for the next run.
#[derive(Debug, Clone, PartialEq)]
pub struct McSettings {
    /// N of each simulated data set (None: the data's N).
    pub n: Option<usize>,
    pub reps: usize,
    pub seed: u64,
    /// The hypotheses left out (by their name in the hypothesis table);
    /// every other hypothesis path is tested.
    pub left_out: Vec<String>,
}

impl Default for McSettings {
    fn default() -> Self {
        McSettings {
            n: None,
            reps: DEFAULT_REPS,
            seed: DEFAULT_SEED,
            left_out: Vec::new(),
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq)]
pub enum McOutcome {
    /// Every range answered (all replications, or those made before a
    /// *Cancel*: `answer.cancelled`).
    Done {
        answer: Box<MonteCarloAnswer>,
        elapsed_ms: f64,
        workers: usize,
    },
    /// The model, data or options changed meanwhile (nothing shown).
    Superseded,
    Failed(ErrorReport),
}

/// The run under way (if any) and how the last one ended.
#[derive(Debug, Clone, Default)]
pub struct McRun {
    /// Id of the run under way (0: none).
    pub id: u64,
    /// Per worker: replications made and asked for (empty while the run
    /// is being prepared).
    pub progress: Vec<(u32, u32)>,
    pub cancelling: bool,
    plan: Option<Plan>,
    tally: Tally,
    /// Ranges not yet answered.
    pending: usize,
    started: f64,
    pub outcome: Option<McOutcome>,
}

impl McRun {
    pub fn running(&self) -> bool {
        self.id != 0
    }

    /// Percent of the replications made (0 while preparing).
    pub fn percent(&self) -> u32 {
        let (done, total) = self.progress.iter().fold((0u64, 0u64), |(d, t), (a, b)| {
            (d + *a as u64, t + *b as u64)
        });
        (100 * done).checked_div(total).unwrap_or(0) as u32
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// How many workers a run of `reps` replications is spread over.
fn workers_for(reps: usize) -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0) as usize;
    cores.clamp(1, MAX_WORKERS).min(reps.max(1))
}

/// Replications `0..reps` in `k` ranges of nearly equal length.
pub fn ranges(reps: usize, k: usize) -> Vec<(usize, usize)> {
    let k = k.max(1);
    (0..k).map(|i| (reps * i / k, reps * (i + 1) / k)).collect()
}

impl AppState {
    /// Whether a Monte Carlo run can start: results are shown for the
    /// current data, model and options, and none is under way.
    pub fn can_run_monte_carlo(&self) -> bool {
        let ready = self.results.with(|r| {
            !r.busy() && r.error.is_none() && r.analysis.as_ref().is_some_and(|a| a.converged)
        });
        ready
            && self.fitted_inputs().is_some()
            && self.model_error.with(Option::is_none)
            && !self.mc.with(McRun::running)
    }

    /// Starts a run of the shown model with [`AppState::mc_settings`].
    pub fn run_monte_carlo(&self) {
        let Some(engine) = self.engine() else { return };
        let Some((_, model, fit)) = self.fitted_inputs() else {
            return;
        };
        if !self.can_run_monte_carlo() {
            return;
        }
        let s = self.mc_settings.get_untracked();
        let paths = self.results.with_untracked(|r| {
            r.analysis
                .as_ref()
                .map(|a| {
                    a.hypotheses
                        .iter()
                        .map(|h| h.name.clone())
                        .filter(|n| !s.left_out.contains(n))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        if paths.is_empty() {
            self.mc.update(|m| {
                m.outcome = Some(McOutcome::Failed(ErrorReport::plain(t().mc_no_paths)))
            });
            return;
        }
        let id = engine.next_id();
        let mut options: Options = fit;
        options.hypotheses = self.rule.get_untracked();
        let alpha = options.hypotheses.alpha;
        engine.send(
            &Request::MonteCarloPrepare {
                id,
                model,
                options,
                n: s.n,
                reps: s.reps,
                seed: s.seed,
                paths,
                alpha,
            },
            None,
        );
        self.mc.set(McRun {
            id,
            started: now_ms(),
            ..McRun::default()
        });
    }

    /// Asks every worker of the run to stop; each answers with its counts.
    pub fn cancel_monte_carlo(&self) {
        let id = self.mc.with_untracked(|m| m.id);
        if id == 0 {
            return;
        }
        for e in self.engines() {
            e.send(&Request::Cancel { id }, None);
        }
        self.mc.update(|m| m.cancelling = true);
    }

    /// A new fit: a run under way belongs to the old one and stops.
    pub(crate) fn supersede_monte_carlo(&self) {
        let id = self.mc.with_untracked(|m| m.id);
        if id != 0 {
            for e in self.engines() {
                e.send(&Request::Cancel { id }, None);
            }
        }
        self.mc.update(|m| {
            if m.running() {
                *m = McRun {
                    outcome: Some(McOutcome::Superseded),
                    ..McRun::default()
                };
            } else {
                m.outcome = None;
            }
        });
    }

    /// The page's worker and the pool's.
    fn engines(&self) -> Vec<Rc<Engine>> {
        self.engine()
            .into_iter()
            .chain(self.pool.get_value())
            .collect()
    }

    /// The first `k` workers, starting pool workers as needed.
    fn workers(&self, k: usize) -> Vec<Rc<Engine>> {
        let st = *self;
        let mut pool = self.pool.get_value();
        while pool.len() + 1 < k {
            let i = pool.len() + 1;
            pool.push(Engine::start(move |resp| st.on_pool_response(i, resp)));
        }
        self.pool.set_value(pool);
        self.engines().into_iter().take(k).collect()
    }

    /// An answer about the run from worker `worker` (0: the page's own);
    /// true if it was one.
    pub(crate) fn on_monte_carlo(&self, worker: usize, resp: &Response) -> bool {
        let current = self.mc.with_untracked(|m| m.id);
        match resp {
            Response::MonteCarloPrepared { id, spec, plan } if *id == current => {
                if self.mc.with_untracked(|m| m.cancelling) {
                    // cancelled while the population was prepared: nothing made
                    self.mc.set(McRun {
                        outcome: Some(McOutcome::Superseded),
                        ..McRun::default()
                    });
                } else {
                    self.spread(*id, spec, plan);
                }
            }
            Response::Progress { id, done, total } if *id == current && current != 0 => {
                self.mc.update(|m| {
                    if let Some(p) = m.progress.get_mut(worker) {
                        *p = (*done, *total);
                    }
                });
            }
            Response::MonteCarloTally { id, tally, .. } if *id == current => {
                self.add_tally(worker, tally);
            }
            Response::MonteCarloFailed { id, error } if *id == current => {
                self.fail_monte_carlo(error.clone());
            }
            Response::Cancelled { id } if *id == current && current != 0 => {
                if self.mc.with_untracked(|m| m.plan.is_some()) {
                    // a range cancelled before it began: no replication
                    self.add_tally(worker, &Tally::default());
                } else {
                    self.mc.update(|m| {
                        *m = McRun {
                            outcome: Some(McOutcome::Superseded),
                            ..McRun::default()
                        }
                    });
                }
            }
            Response::MonteCarloPrepared { .. }
            | Response::MonteCarloTally { .. }
            | Response::MonteCarloFailed { .. } => {}
            _ => return false,
        }
        true
    }

    /// The counts of worker `worker`'s range; the answer once every range
    /// has answered.
    fn add_tally(&self, worker: usize, tally: &Tally) {
        self.mc.update(|m| {
            m.tally.merge(tally);
            if let Some(p) = m.progress.get_mut(worker) {
                p.0 = tally.completed as u32;
            }
            m.pending = m.pending.saturating_sub(1);
            if m.pending > 0 {
                return;
            }
            let outcome = match m.plan.as_ref().map(|p| p.answer(&m.tally)) {
                Some(Ok(answer)) => McOutcome::Done {
                    answer: Box::new(answer),
                    elapsed_ms: now_ms() - m.started,
                    workers: m.progress.len(),
                },
                Some(Err(e)) => McOutcome::Failed(ErrorReport::from(&e)),
                None => McOutcome::Superseded,
            };
            *m = McRun {
                outcome: Some(outcome),
                ..McRun::default()
            };
        });
    }

    fn fail_monte_carlo(&self, error: ErrorReport) {
        let id = self.mc.with_untracked(|m| m.id);
        if id != 0 {
            for e in self.engines() {
                e.send(&Request::Cancel { id }, None);
            }
        }
        self.mc.update(|m| {
            *m = McRun {
                outcome: Some(McOutcome::Failed(error)),
                ..McRun::default()
            }
        });
    }

    /// The run is prepared: its ranges go to the workers.
    fn spread(&self, id: u64, spec: &MonteCarloSpec, plan: &Plan) {
        let k = workers_for(spec.reps);
        let engines = self.workers(k);
        let parts = ranges(spec.reps, engines.len());
        for (e, (start, end)) in engines.iter().zip(&parts) {
            e.send(
                &Request::MonteCarloRange {
                    id,
                    spec: Box::new(spec.clone()),
                    start: *start,
                    end: *end,
                },
                None,
            );
        }
        self.mc.update(|m| {
            m.plan = Some(plan.clone());
            m.pending = parts.len();
            m.progress = parts.iter().map(|(a, b)| (0, (b - a) as u32)).collect();
        });
    }

    /// An answer from pool worker `i`.
    fn on_pool_response(&self, i: usize, resp: Response) {
        if let Response::Panicked { message } = &resp {
            web_sys::console::warn_1(&format!("semlab: a pool worker stopped: {message}").into());
            if let Some(e) = self.pool.get_value().get(i - 1) {
                e.restart();
            }
            if self.mc.with_untracked(McRun::running) {
                self.fail_monte_carlo(ErrorReport::plain((t().engine_crashed)(message)));
            }
            return;
        }
        self.on_monte_carlo(i, &resp);
    }
}
