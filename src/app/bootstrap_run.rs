//! The page's side of a bootstrap ([`crate::bootstrap`]): the worker that
//! holds the data fits the shown model and prepares the bootstrap
//! ([`Request::BootstrapPrepare`]); the draws are then made in ranges
//! ([`Request::BootstrapRange`]) — by that worker alone, or, from
//! [`SPREAD_FROM`] draws on, spread over the worker pool
//! ([`crate::app::pool`]). Draw b depends only on (seed, b), so the draws
//! merged in b order give the same intervals however many workers made
//! them. The page adds the bootstrap columns to the analysis once every
//! range has answered ([`crate::analysis::finish_bootstrap`]). *Cancel*
//! stops every range; the columns then rest on the draws made, and say so.

use crate::analysis::{Analysis, Options};
use crate::app::pool::{ranges, workers_for, Spread};
use crate::app::protocol::{ErrorReport, Request, Response};
use crate::app::state::AppState;
use crate::bootstrap::{BootstrapState, BootstrapSummary};
use leptos::prelude::*;
use std::sync::Arc;

/// From this many draws on, a bootstrap is spread over several workers
/// (below it, starting workers and sending each the data costs more than
/// the draws they would share).
pub const SPREAD_FROM: usize = 1000;

/// How a bootstrap ended.
#[derive(Debug, Clone, PartialEq)]
pub enum BootstrapOutcome {
    /// All draws made; the intervals are in the parameter table.
    Done {
        summary: BootstrapSummary,
        elapsed_ms: f64,
        /// Workers that shared the draws.
        workers: usize,
    },
    /// Cancelled by the person after `summary.completed` draws.
    Cancelled { summary: BootstrapSummary },
    /// Stopped because the model, data or options changed (nothing shown).
    Superseded,
    /// The bootstrap could not run (said in the page's language when shown).
    Failed(ErrorReport),
}

/// The bootstrap: the one under way (if any) and how the last one ended.
/// It runs only when the person asks (it takes seconds), never on typing.
#[derive(Debug, Clone, Default)]
pub struct BootstrapRun {
    /// The request id of the bootstrap under way (0: none).
    pub id: u64,
    /// B asked for.
    pub requested: u32,
    /// The ranges over the workers (none while the bootstrap is prepared).
    pub spread: Spread,
    /// The person asked to cancel it; the answer is on its way.
    pub cancelling: bool,
    /// The data version, model text and options it bootstraps.
    inputs: Option<(u64, String, Options)>,
    /// What was asked of the page's worker (to ask a new worker again,
    /// [`AppState::restart_bootstrap`]).
    request: Option<Request>,
    started: f64,
    pub outcome: Option<BootstrapOutcome>,
}

impl BootstrapRun {
    pub fn running(&self) -> bool {
        self.id != 0
    }

    /// Draws made and asked for, over every worker.
    pub fn progress(&self) -> (u32, u32) {
        if self.spread.workers() == 0 {
            (0, self.requested)
        } else {
            self.spread.total()
        }
    }

    /// No run under way; the last one ended so.
    fn ended(outcome: BootstrapOutcome) -> BootstrapRun {
        BootstrapRun {
            outcome: Some(outcome),
            ..BootstrapRun::default()
        }
    }
}

/// The draws of the bootstrap under way and the analysis they go to (kept
/// out of the [`BootstrapRun`] signal, which the page reads on every
/// progress message).
pub struct BootstrapWork {
    analysis: Box<Analysis>,
    state: BootstrapState,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl AppState {
    /// Whether a bootstrap can start now: results are shown for the
    /// current data, model and options, and none is under way.
    pub fn can_bootstrap(&self) -> bool {
        let current = self.fitted_inputs().is_some();
        let ready = self.results.with(|r| {
            !r.busy() && r.error.is_none() && r.analysis.as_ref().is_some_and(|a| a.converged)
        });
        current
            && ready
            && self.model_error.with(Option::is_none)
            && !self.bootstrap.with(BootstrapRun::running)
            && crate::app::state::bootstrap_unavailable(&self.fit.get()).is_none()
    }

    /// Bootstraps the model of the shown results (B, seed and interval from
    /// [`AppState::boot`]); progress and the outcome land in [`AppState::bootstrap`].
    pub fn run_bootstrap(&self) {
        let Some(engine) = self.engine() else { return };
        let Some((version, model, fit)) = self.fitted_inputs() else {
            return;
        };
        if !self.can_bootstrap() {
            return;
        }
        let boot = self.boot.get_untracked();
        let requested = boot.draws as u32;
        let mut options = fit.clone();
        options.hypotheses = self.rule.get_untracked();
        options.bootstrap = Some(boot);
        let id = engine.next_id();
        let request = Request::BootstrapPrepare {
            id,
            model: model.clone(),
            options,
        };
        engine.send(&request, None);
        self.boot_work.set_value(None);
        self.bootstrap.set(BootstrapRun {
            id,
            requested,
            inputs: Some((version, model, fit)),
            request: Some(request),
            started: now_ms(),
            ..BootstrapRun::default()
        });
    }

    /// The bootstrap under way that a replaced page's worker took with it
    /// (it prepares the bootstrap and makes draws), to be asked of the new
    /// worker again ([`AppState::restart_bootstrap`]); None when none runs
    /// or the person is cancelling it.
    pub(crate) fn bootstrap_to_restart(&self) -> Option<BootstrapRun> {
        self.bootstrap.with_untracked(|b| {
            (b.running() && !b.cancelling && b.request.is_some()).then(|| b.clone())
        })
    }

    /// Asks the new page's worker (given the data already) for `run` again
    /// from its start, with the same request under a new id; the old run's
    /// ranges on the pool are stopped. Draw b depends only on (seed, b), so
    /// the intervals are those the interrupted run would have given.
    pub(crate) fn restart_bootstrap(&self, run: BootstrapRun) {
        let Some(engine) = self.engine() else { return };
        let Some(Request::BootstrapPrepare { model, options, .. }) = run.request else {
            return;
        };
        self.supersede_bootstrap();
        let id = engine.next_id();
        let request = Request::BootstrapPrepare { id, model, options };
        engine.send(&request, None);
        self.boot_work.set_value(None);
        self.bootstrap.set(BootstrapRun {
            id,
            requested: run.requested,
            inputs: run.inputs,
            request: Some(request),
            started: now_ms(),
            ..BootstrapRun::default()
        });
    }

    /// Asks every worker of the bootstrap to stop; each answers with the
    /// draws it made.
    pub fn cancel_bootstrap(&self) {
        let id = self.bootstrap.with_untracked(|b| b.id);
        if id != 0 {
            self.cancel_everywhere(id);
            self.bootstrap.update(|b| b.cancelling = true);
        }
    }

    /// The data, model or options changed (or the page's worker was
    /// replaced): a bootstrap under way belongs to the old ones and stops;
    /// the outcome of the last one is forgotten.
    pub(crate) fn supersede_bootstrap(&self) {
        self.cancel_everywhere(self.bootstrap.with_untracked(|b| b.id));
        self.boot_work.set_value(None);
        self.bootstrap.update(|b| {
            *b = if b.running() {
                BootstrapRun::ended(BootstrapOutcome::Superseded)
            } else {
                BootstrapRun::default()
            }
        });
    }

    /// The bootstrap under way cannot go on (a worker crashed).
    pub(crate) fn fail_bootstrap(&self, error: ErrorReport) {
        self.cancel_everywhere(self.bootstrap.with_untracked(|b| b.id));
        self.boot_work.set_value(None);
        self.bootstrap
            .set(BootstrapRun::ended(BootstrapOutcome::Failed(error)));
    }

    /// An answer about the bootstrap from worker `worker` (0: the page's
    /// own); true if it was one.
    pub(crate) fn on_bootstrap(&self, worker: usize, resp: &Response) -> bool {
        let current = self.bootstrap.with_untracked(|b| b.id);
        match resp {
            Response::BootstrapPrepared { id, analysis, spec } if *id == current => match spec {
                Some(spec) => self.spread_bootstrap(analysis.clone(), spec),
                None => self.fail_bootstrap(ErrorReport::plain(String::new())),
            },
            Response::Progress { id, done, .. } if *id == current && current != 0 => {
                self.bootstrap.update(|b| b.spread.report(worker, *done));
            }
            Response::BootstrapDraws { id, draws, .. } if *id == current => {
                let n = draws.draws.len() as u32;
                self.boot_work.update_value(|w| {
                    if let Some(w) = w {
                        w.state.add(draws.clone());
                    }
                });
                self.range_answered(worker, n);
            }
            Response::AnalysisFailed { id, error } if *id == current && current != 0 => {
                self.fail_bootstrap(error.clone());
            }
            Response::Cancelled { id } if *id == current && current != 0 => {
                if self.bootstrap.with_untracked(|b| b.spread.workers() > 0) {
                    // a range cancelled before it began: no draw
                    self.range_answered(worker, 0);
                } else {
                    // the preparation was skipped
                    self.boot_work.set_value(None);
                    self.bootstrap
                        .set(BootstrapRun::ended(BootstrapOutcome::Superseded));
                }
            }
            Response::BootstrapPrepared { .. } | Response::BootstrapDraws { .. } => {}
            _ => return false,
        }
        true
    }

    /// The bootstrap is prepared: its ranges go to the workers (or, when
    /// it was cancelled meanwhile, it ends with no draw).
    fn spread_bootstrap(&self, analysis: Box<Analysis>, spec: &crate::bootstrap::BootstrapSpec) {
        let (id, cancelling) = self.bootstrap.with_untracked(|b| (b.id, b.cancelling));
        let total = spec.total();
        let k = if total >= SPREAD_FROM {
            workers_for(total)
        } else {
            1
        };
        let parts = if cancelling {
            Vec::new()
        } else {
            let engines = self.workers(k);
            let parts = ranges(total, engines.len());
            for (e, (start, end)) in engines.iter().zip(&parts) {
                e.send(
                    &Request::BootstrapRange {
                        id,
                        spec: Box::new(spec.clone()),
                        start: *start,
                        end: *end,
                    },
                    None,
                );
            }
            parts
        };
        self.boot_work.set_value(Some(BootstrapWork {
            analysis,
            state: BootstrapState::from_spec(spec.clone()),
        }));
        self.bootstrap.update(|b| b.spread = Spread::new(&parts));
        if parts.is_empty() {
            self.finish_bootstrap();
        }
    }

    /// Worker `worker`'s range answered with `done` draws; the bootstrap
    /// ends once every range has.
    fn range_answered(&self, worker: usize, done: u32) {
        let mut last = false;
        self.bootstrap
            .update(|b| last = b.spread.answered(worker, done));
        if last {
            self.finish_bootstrap();
        }
    }

    /// Every range has answered: the analysis gets its bootstrap columns
    /// (from all draws, or from those made before a *Cancel*).
    fn finish_bootstrap(&self) {
        let Some(BootstrapWork {
            mut analysis,
            mut state,
        }) = self.boot_work.try_update_value(Option::take).flatten()
        else {
            return;
        };
        state.stop();
        crate::analysis::finish_bootstrap(&mut analysis, state);
        let (inputs, started, workers) = self
            .bootstrap
            .with_untracked(|b| (b.inputs.clone(), b.started, b.spread.workers()));
        let current = inputs.is_some() && self.fitted_inputs() == inputs;
        let outcome = match analysis.bootstrap.clone() {
            _ if !current => BootstrapOutcome::Superseded,
            None => BootstrapOutcome::Failed(ErrorReport::plain(String::new())),
            Some(summary) if summary.cancelled => BootstrapOutcome::Cancelled { summary },
            Some(summary) => BootstrapOutcome::Done {
                summary,
                elapsed_ms: now_ms() - started,
                workers,
            },
        };
        if current {
            // The same fit with the bootstrap columns added.
            self.results.update(|r| {
                r.analysis = Some(Arc::new(*analysis));
                r.shown += 1;
            });
        }
        self.bootstrap.set(BootstrapRun::ended(outcome));
    }
}
