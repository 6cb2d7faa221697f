//! The page's side of a Monte Carlo power run
//! ([`crate::power::monte_carlo`]): the worker that holds the data fits
//! the shown model and prepares the run ([`Request::MonteCarloPrepare`]);
//! the replications are then split into ranges over the worker pool
//! ([`crate::app::pool`]), each worker answering with its counts
//! ([`Request::MonteCarloRange`]). Replication r depends only on (seed,
//! r), so the answer is the same however many workers share the run.
//! *Cancel* stops every range; the answer then covers the replications
//! made.

use crate::analysis::Options;
use crate::app::engine::Engine;
use crate::app::pool::{ranges, workers_for, Spread};
use crate::app::protocol::{ErrorReport, Request, Response};
use crate::app::state::AppState;
use crate::app::text::t;
use crate::power::monte_carlo::{MonteCarloAnswer, MonteCarloSpec, Plan, Tally};
use leptos::prelude::*;
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
    /// A typed population model (its numbers the population values, as
    /// `semlab power --population`); None: the fitted model's moments.
    pub population: Option<String>,
}

impl Default for McSettings {
    fn default() -> Self {
        McSettings {
            n: None,
            reps: DEFAULT_REPS,
            seed: DEFAULT_SEED,
            left_out: Vec::new(),
            population: None,
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
    /// The ranges over the workers (none while the run is being prepared).
    pub spread: Spread,
    pub cancelling: bool,
    plan: Option<Plan>,
    tally: Tally,
    started: f64,
    /// What was asked of the page's worker (to ask a new worker again,
    /// [`AppState::restart_monte_carlo`]).
    request: Option<Request>,
    pub outcome: Option<McOutcome>,
}

impl McRun {
    pub fn running(&self) -> bool {
        self.id != 0
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
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
        // a typed population has no N of its own: the data's, unless typed
        let n = s.n.or_else(|| {
            s.population.as_ref().and_then(|_| {
                self.results
                    .with_untracked(|r| r.analysis.as_ref().map(|a| a.nobs))
            })
        });
        let request = Request::MonteCarloPrepare {
            id,
            model,
            options,
            population: s.population.clone(),
            n,
            reps: s.reps,
            seed: s.seed,
            paths,
            alpha,
        };
        self.ask_monte_carlo(&engine, id, request);
    }

    /// Sends the run's `request` (its id `id`) to the page's worker and
    /// records it as the run under way, kept for a restart.
    fn ask_monte_carlo(&self, engine: &std::rc::Rc<Engine>, id: u64, request: Request) {
        engine.send(&request, None);
        self.mc.set(McRun {
            id,
            started: now_ms(),
            request: Some(request),
            ..McRun::default()
        });
    }

    /// The request of the run under way that a replaced page's worker took
    /// with it (it prepares the run and makes replications), to be asked
    /// of the new worker again ([`AppState::restart_monte_carlo`]); None
    /// when none runs or the person is cancelling it.
    pub(crate) fn monte_carlo_to_restart(&self) -> Option<Request> {
        self.mc.with_untracked(|m| {
            (m.running() && !m.cancelling)
                .then(|| m.request.clone())
                .flatten()
        })
    }

    /// Asks the new page's worker (given the data already) for the run
    /// `request` again from its start, under a new id; the old run's ranges
    /// on the pool are stopped. Replication r depends only on (seed, r), so
    /// the answer is the one the interrupted run would have given.
    pub(crate) fn restart_monte_carlo(&self, mut request: Request) {
        let Some(engine) = self.engine() else { return };
        self.supersede_monte_carlo();
        let id = engine.next_id();
        let Request::MonteCarloPrepare { id: asked, .. } = &mut request else {
            return;
        };
        *asked = id;
        self.ask_monte_carlo(&engine, id, request);
    }

    /// Asks every worker of the run to stop; each answers with its counts.
    pub fn cancel_monte_carlo(&self) {
        let id = self.mc.with_untracked(|m| m.id);
        if id == 0 {
            return;
        }
        self.cancel_everywhere(id);
        self.mc.update(|m| m.cancelling = true);
    }

    /// A new fit: a run under way belongs to the old one and stops.
    pub(crate) fn supersede_monte_carlo(&self) {
        self.cancel_everywhere(self.mc.with_untracked(|m| m.id));
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
            Response::Progress { id, done, .. } if *id == current && current != 0 => {
                self.mc.update(|m| m.spread.report(worker, *done));
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
            if !m.spread.answered(worker, tally.completed as u32) {
                return;
            }
            let outcome = match m.plan.as_ref().map(|p| p.answer(&m.tally)) {
                Some(Ok(answer)) => McOutcome::Done {
                    answer: Box::new(answer),
                    elapsed_ms: now_ms() - m.started,
                    workers: m.spread.workers(),
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

    pub(crate) fn fail_monte_carlo(&self, error: ErrorReport) {
        self.cancel_everywhere(self.mc.with_untracked(|m| m.id));
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
            m.spread = Spread::new(&parts);
        });
    }
}
