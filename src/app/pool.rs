//! Workers that share a long run: the page's own worker (which holds the
//! data) and up to three more (`navigator.hardwareConcurrency`, at most
//! [`MAX_WORKERS`] in all), started on the first run that needs them and
//! kept. A run whose pieces are independent — Monte Carlo replications
//! ([`crate::app::power_run`]), bootstrap draws
//! ([`crate::app::bootstrap_run`]) — is split into ranges, one per worker
//! ([`ranges`]); piece i depends only on (seed, i), so the answer is the
//! same however many workers share the run. [`Spread`] follows the ranges
//! of a run: each worker's progress and the ranges not yet answered.

use crate::app::engine::Engine;
use crate::app::protocol::{ErrorReport, Response};
use crate::app::state::AppState;
use crate::app::text::t;
use leptos::prelude::*;
use std::rc::Rc;

/// Most workers one run is spread over (the page's own worker included).
pub const MAX_WORKERS: usize = 4;

/// How many workers a run of `pieces` independent pieces is spread over:
/// the browser's cores, at most [`MAX_WORKERS`] and at most one per piece.
/// `?workers=K` in the page's address caps it at K (the browser tests and
/// the benchmark compare one worker with several).
pub fn workers_for(pieces: usize) -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0) as usize;
    let cap = crate::app::dom::query_param("workers")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(MAX_WORKERS);
    cores
        .clamp(1, MAX_WORKERS)
        .min(cap.max(1))
        .min(pieces.max(1))
}

/// Pieces `0..n` in `k` ranges of nearly equal length.
pub fn ranges(n: usize, k: usize) -> Vec<(usize, usize)> {
    let k = k.max(1);
    (0..k).map(|i| (n * i / k, n * (i + 1) / k)).collect()
}

/// The ranges of a run under way: per worker, the pieces made and asked
/// for, and how many ranges have not answered yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spread {
    /// Per worker (0: the page's own): pieces made and asked for.
    pub progress: Vec<(u32, u32)>,
    /// Per worker: its range has answered.
    answered: Vec<bool>,
    pending: usize,
}

impl Spread {
    /// The run's ranges, one per worker, none answered.
    pub fn new(parts: &[(usize, usize)]) -> Spread {
        Spread {
            progress: parts.iter().map(|(a, b)| (0, (b - a) as u32)).collect(),
            answered: vec![false; parts.len()],
            pending: parts.len(),
        }
    }

    /// Workers sharing the run (0 before it is spread).
    pub fn workers(&self) -> usize {
        self.progress.len()
    }

    /// Pieces made and asked for, over every worker.
    pub fn total(&self) -> (u32, u32) {
        self.progress
            .iter()
            .fold((0, 0), |(d, t), (a, b)| (d + a, t + b))
    }

    /// Percent of the pieces made.
    pub fn percent(&self) -> u32 {
        let (done, total) = self.total();
        (100 * u64::from(done))
            .checked_div(u64::from(total))
            .unwrap_or(0) as u32
    }

    /// Worker `worker` reports `done` pieces of its range.
    pub fn report(&mut self, worker: usize, done: u32) {
        if let Some(p) = self.progress.get_mut(worker) {
            p.0 = done;
        }
    }

    /// Worker `worker`'s range answered after `done` pieces; true when it
    /// was the last range. A range answers once: a second answer (the
    /// page's stand-in for a worker it replaced) changes nothing.
    pub fn answered(&mut self, worker: usize, done: u32) -> bool {
        match self.answered.get_mut(worker) {
            Some(true) => return false,
            Some(a) => *a = true,
            None => {}
        }
        self.report(worker, done);
        self.pending = self.pending.saturating_sub(1);
        self.pending == 0
    }
}

impl AppState {
    /// The page's worker and the pool's.
    pub(crate) fn engines(&self) -> Vec<Rc<Engine>> {
        self.engine()
            .into_iter()
            .chain(self.pool.get_value())
            .collect()
    }

    /// The first `k` workers, starting pool workers as needed.
    pub(crate) fn workers(&self, k: usize) -> Vec<Rc<Engine>> {
        let st = *self;
        let mut pool = self.pool.get_value();
        while pool.len() + 1 < k {
            let i = pool.len() + 1;
            pool.push(Engine::start(move |resp| st.on_pool_response(i, resp)));
        }
        self.pool.set_value(pool);
        self.engines().into_iter().take(k).collect()
    }

    /// Asks every worker to stop job `id` (0: none).
    pub(crate) fn cancel_everywhere(&self, id: u64) {
        if id == 0 {
            return;
        }
        for e in self.engines() {
            e.send(&crate::app::protocol::Request::Cancel { id }, None);
        }
    }

    /// An answer from pool worker `i`: about a Monte Carlo run or a
    /// bootstrap (a pool worker does nothing else).
    fn on_pool_response(&self, i: usize, resp: Response) {
        if let Response::Panicked { message } = &resp {
            web_sys::console::warn_1(&format!("semlab: a pool worker stopped: {message}").into());
            if let Some(e) = self.pool.get_value().get(i - 1) {
                e.restart();
            }
            let crashed = ErrorReport::plain((t().engine_crashed)(message));
            if self.mc.with_untracked(|m| m.running()) {
                self.fail_monte_carlo(crashed.clone());
            }
            if self.bootstrap.with_untracked(|b| b.running()) {
                self.fail_bootstrap(crashed);
            }
            return;
        }
        if !self.on_monte_carlo(i, &resp) {
            self.on_bootstrap(i, &resp);
        }
    }
}
