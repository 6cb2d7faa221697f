//! The app's state: one store of signals shared by the components, the
//! actions that change it, and the handling of the worker's answers.
//!
//! Data flows one way: a data source and the model text go to the worker;
//! its answers land in [`DataState`] and [`ResultsState`]; the tables are
//! derived from those (and from the hypothesis rule and display options,
//! which never cause a refit).

use crate::analysis::{Analysis, Options};
use crate::app::engine::Engine;
use crate::app::examples::ExampleId;
use crate::app::protocol::{DataSource, DataView, ErrorReport, ReadSettings, Request, Response};
use crate::app::{dom, text::t};
use crate::bootstrap::BootstrapOptions;
use crate::syntax::history::{History, Snapshot};
use crate::tables::hypotheses::HypothesisRule;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// Wait after the last keystroke before refitting.
const TYPING_DEBOUNCE: Duration = Duration::from_millis(300);
/// `localStorage` key of the saved model text and options. It exists only
/// while the person has asked to be remembered (off by default).
const STORAGE_KEY: &str = "semlab.session.v1";
/// A key earlier versions set when the person asked not to be remembered
/// (removed when seen: not remembering is now the default).
const LEGACY_STORAGE_OFF_KEY: &str = "semlab.remember.off";

/// Files from this size on show a progress bar and a *Cancel* button
/// while they are read (smaller ones are read in a blink).
pub const BAR_FROM_BYTES: f64 = 1024.0 * 1024.0;
/// The share of the progress bar for reading a file into the page's
/// memory; the rest is the worker's: parsing it and describing the data.
const MEMORY_SHARE: f64 = 0.2;

/// Where the current data came from (kept so that it can be read again
/// with other settings, or sent to a restarted worker). In memory only.
#[derive(Debug, Clone)]
pub enum Source {
    Example(ExampleId),
    File { name: String, bytes: Arc<Vec<u8>> },
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Example(e) => e.file_name().to_string(),
            Source::File { name, .. } => name.clone(),
        }
    }
}

/// The data set in use and the state of reading a new one.
#[derive(Debug, Clone, Default)]
pub struct DataState {
    /// The data in use (stays when a newer file cannot be read).
    pub current: Option<Arc<DataView>>,
    /// Counts changes of `current`: a change refits.
    pub version: u64,
    /// Name of a file being read.
    pub loading: Option<String>,
    /// A file that could not be read, and why.
    pub error: Option<(String, ErrorReport)>,
    /// The request id of the newest read.
    pub latest: u64,
    /// Whether `current` is one of the examples.
    pub example: Option<ExampleId>,
    /// How far the file being read has come (0 to 1), when it is large
    /// enough for a progress bar ([`BAR_FROM_BYTES`]).
    pub progress: Option<f64>,
    /// Counts the reads started and cancelled: reading a file into memory
    /// goes on only while its ticket is the newest.
    pub ticket: u64,
    /// The request id of the read the worker is doing (0: none); cancelling
    /// it replaces the worker.
    pub in_worker: u64,
    /// A file whose reading the person cancelled.
    pub cancelled: Option<String>,
    /// The long jobs a cancelled read held up on the page's worker, which
    /// were asked of its replacement again (said beside the cancel).
    pub restarted: Vec<RestartedJob>,
    /// The first and last ids of the requests that give a replaced worker
    /// the data in use again (their answers change nothing on the page).
    restore: Option<(u64, u64)>,
}

/// A long job the page's worker was running (held up by a read) when
/// cancelling the read replaced the worker; it is asked of the new worker
/// again, from its start, rather than lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestartedJob {
    Bootstrap,
    MonteCarlo,
    MeasurementCheck,
    InvarianceLadder,
}

impl RestartedJob {
    /// Its name in a sentence, in the page's language.
    pub fn name(self) -> &'static str {
        match self {
            RestartedJob::Bootstrap => t().job_bootstrap,
            RestartedJob::MonteCarlo => t().job_monte_carlo,
            RestartedJob::MeasurementCheck => t().job_measurement,
            RestartedJob::InvarianceLadder => t().job_invariance,
        }
    }
}

/// The newest results and the state of the fit that will replace them.
#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    pub analysis: Option<Arc<Analysis>>,
    /// The model text, data name and data version the shown results belong to.
    pub model_text: String,
    pub data_name: String,
    pub data_version: u64,
    /// Why the newest fit failed (the previous results stay, marked stale).
    pub error: Option<ErrorReport>,
    /// A refit waits for typing to pause.
    pub scheduled: bool,
    /// A refit runs in the worker.
    pub running: bool,
    /// The request id of the newest fit.
    pub requested: u64,
    /// How many results have been shown (a new fit counts up).
    pub shown: u64,
    pub elapsed_ms: Option<f64>,
    /// Progress of a long job (bootstrap), when the worker reports it.
    pub progress: Option<(u32, u32)>,
}

impl ResultsState {
    /// Results newer than the shown ones are on their way.
    pub fn busy(&self) -> bool {
        self.scheduled || self.running
    }
}

pub use crate::app::bootstrap_run::{BootstrapOutcome, BootstrapRun};

/// Options that change only how results are shown (never refit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisplayOptions {
    /// Smallest modification index listed.
    pub mi_min: f64,
    /// The fit table as AMOS prints it (Default, Saturated and
    /// Independence models) instead of the standard one.
    #[serde(default)]
    pub amos_fit: bool,
}

impl Default for DisplayOptions {
    fn default() -> Self {
        DisplayOptions {
            mi_min: 3.84,
            amos_fit: false,
        }
    }
}

/// The checks before the CFA (*Check the measurement*): the newest request
/// and what came back. They run when the person asks (an EFA with geomin's
/// random starts takes a few hundred milliseconds), never on each edit.
#[derive(Debug, Clone, Default)]
pub struct MeasurementRun {
    /// Id of the newest request (0: none).
    pub requested: u64,
    pub running: bool,
    pub check: Option<Arc<crate::measurement::MeasurementCheck>>,
    pub error: Option<ErrorReport>,
    /// The model text and data version the shown checks belong to.
    pub model_text: String,
    pub data_version: u64,
    pub elapsed_ms: Option<f64>,
    /// The choices of the newest request (the panel shows them again after
    /// the language changes).
    pub options: crate::explore::ExploreOptions,
    pub marker: Option<String>,
}

/// The measurement-invariance ladder (*Test measurement invariance*): the
/// newest request and what came back. It runs only when the person asks
/// (four fits and the score tests), never on each edit.
#[derive(Debug, Clone, Default)]
pub struct InvarianceRun {
    /// Id of the newest request (0: none).
    pub requested: u64,
    pub running: bool,
    pub ladder: Option<Arc<crate::invariance::Ladder>>,
    pub error: Option<ErrorReport>,
    /// Parameters released in every level (lavaan's `group.partial`), in
    /// the order they were released.
    pub released: Vec<String>,
    /// The data version, model text and options of the shown ladder (the
    /// panel says when they are no longer the current ones).
    pub inputs: Option<(u64, String, Options)>,
    pub elapsed_ms: Option<f64>,
    /// The rule that decides whether a level holds (the panel's choice;
    /// the shown ladder states the rule it was run under).
    pub rule: crate::invariance::Rule,
}

/// The *Mediation / moderation* helper's newest request: the model text
/// and choice it was made for, and how it went (None while it runs).
#[derive(Debug, Clone, Default)]
pub struct ProcessRun {
    /// Id of the newest request (0: none).
    pub requested: u64,
    pub base: String,
    pub choice: Option<crate::syntax::process::ProcessChoice>,
    pub outcome: Option<Result<(), ErrorReport>>,
}

impl ProcessRun {
    /// A request was made and has no answer yet.
    fn unanswered(&self) -> bool {
        self.requested != 0 && self.outcome.is_none()
    }
}

/// The store: every field is a cheap, copyable handle.
#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<DataState>,
    pub read: RwSignal<ReadSettings>,
    pub model: RwSignal<String>,
    /// Estimation options (everything in [`Options`] but the hypothesis rule).
    pub fit: RwSignal<Options>,
    pub rule: RwSignal<HypothesisRule>,
    pub display: RwSignal<DisplayOptions>,
    pub results: RwSignal<ResultsState>,
    /// Keep the model text and options in `localStorage` (off unless asked).
    pub remember: RwSignal<bool>,
    /// Bootstrap settings: B, seed, interval (used when the person runs one).
    pub boot: RwSignal<BootstrapOptions>,
    /// The bootstrap under way and the outcome of the last one.
    pub bootstrap: RwSignal<BootstrapRun>,
    /// The draws of the bootstrap under way ([`crate::app::bootstrap_run`]).
    pub(crate) boot_work: StoredValue<Option<crate::app::bootstrap_run::BootstrapWork>>,
    /// The checks before the CFA.
    pub measurement: RwSignal<MeasurementRun>,
    /// The measurement-invariance ladder.
    pub invariance: RwSignal<InvarianceRun>,
    /// The *Mediation / moderation* helper's request.
    pub process: RwSignal<ProcessRun>,
    /// Monte Carlo power: the choices for the next run, the run under way
    /// and how the last one ended ([`crate::app::power_run`]).
    pub mc_settings: RwSignal<crate::app::power_run::McSettings>,
    pub mc: RwSignal<crate::app::power_run::McRun>,
    /// Workers beside the page's own that share Monte Carlo runs (started
    /// on the first run).
    pub(crate) pool: StoredValue<Vec<Rc<Engine>>, LocalStorage>,
    /// The model checked against the data's columns while typing.
    pub model_error: Memo<Option<ErrorReport>>,
    /// What the model editor shows: [`AppState::model_error`], else a
    /// column the model uses that holds text (which does not stop refits).
    pub editor_error: Memo<Option<ErrorReport>>,
    /// A model was restored from a previous visit without its data.
    pub restored_without_data: RwSignal<bool>,
    /// An internal error the person should know about (worker crashed).
    pub engine_error: RwSignal<Option<String>>,
    /// The source of the data in use, and of the data being read.
    source: StoredValue<Option<Source>>,
    pending_source: StoredValue<Option<Source>>,
    /// The read settings of the data in use, and of the data being read.
    settings: StoredValue<ReadSettings>,
    pending_settings: StoredValue<ReadSettings>,
    engine: StoredValue<Option<Rc<Engine>>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>>,
    urgent: StoredValue<bool>,
    /// The data version, model text and options of the newest fit requested.
    last_fit: StoredValue<Option<(u64, String, Options)>>,
    /// The model's undo history (typing and drawing alike).
    pub history: RwSignal<History>,
    /// Latent variables named in the drawing without an item yet (not in
    /// the text); part of each undo step.
    pub pending: RwSignal<Vec<String>>,
    /// The model text and pending constructs the history last saw.
    last_snapshot: StoredValue<Snapshot>,
    /// The next change of the model is a whole step (a drawing action).
    step: StoredValue<bool>,
    /// The next change of the model is an undo or redo (not recorded).
    restoring: StoredValue<bool>,
    /// Composite scores to make again once data is loaded (from a project
    /// file, a link, the saved session, or the data in use before a
    /// re-read): see [`AppState::keep_composites`].
    wanted_composites: StoredValue<Vec<(String, Vec<String>)>>,
}

/// What is kept in `localStorage`: never the data.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Saved {
    model: String,
    fit: serde_json::Value,
    rule: HypothesisRule,
    missing_codes: String,
    display: DisplayOptions,
    example: Option<String>,
    #[serde(default)]
    boot: BootstrapOptions,
    /// The composite scores added to the data (made again when it loads).
    #[serde(default)]
    composites: Vec<(String, Vec<String>)>,
}

impl AppState {
    /// Creates the store, restores a saved session and starts the worker.
    pub fn start() -> AppState {
        let data = RwSignal::new(DataState::default());
        let model = RwSignal::new(String::new());
        let fit = RwSignal::new(Options::default());
        // the model is checked once per edit; both errors come from that check
        let checked = Memo::new(move |_| {
            let text = model.get();
            if text.trim().is_empty() {
                return ModelCheck::default();
            }
            let view = data.with(|d| d.current.clone());
            let opts = fit.get();
            check_model(&text, view.as_deref(), &opts)
        });
        let model_error = Memo::new(move |_| checked.with(|c| c.error.clone()));
        let editor_error =
            Memo::new(move |_| checked.with(|c| c.error.clone().or_else(|| c.data.clone())));
        let st = AppState {
            data,
            read: RwSignal::new(ReadSettings::default()),
            model,
            fit,
            rule: RwSignal::new(HypothesisRule::default()),
            display: RwSignal::new(DisplayOptions::default()),
            results: RwSignal::new(ResultsState::default()),
            remember: RwSignal::new(dom::storage_get(STORAGE_KEY).is_some()),
            boot: RwSignal::new(BootstrapOptions::default()),
            bootstrap: RwSignal::new(BootstrapRun::default()),
            boot_work: StoredValue::new(None),
            measurement: RwSignal::new(MeasurementRun::default()),
            invariance: RwSignal::new(InvarianceRun::default()),
            process: RwSignal::new(ProcessRun::default()),
            mc_settings: RwSignal::new(Default::default()),
            mc: RwSignal::new(Default::default()),
            pool: StoredValue::new_local(Vec::new()),
            model_error,
            editor_error,
            restored_without_data: RwSignal::new(false),
            engine_error: RwSignal::new(None),
            source: StoredValue::new(None),
            pending_source: StoredValue::new(None),
            settings: StoredValue::new(ReadSettings::default()),
            pending_settings: StoredValue::new(ReadSettings::default()),
            engine: StoredValue::new_local(None),
            timer: StoredValue::new(None),
            urgent: StoredValue::new(false),
            last_fit: StoredValue::new(None),
            history: RwSignal::new(History::default()),
            pending: RwSignal::new(Vec::new()),
            last_snapshot: StoredValue::new(Snapshot::default()),
            step: StoredValue::new(false),
            restoring: StoredValue::new(false),
            wanted_composites: StoredValue::new(Vec::new()),
        };
        let engine = Engine::start(move |resp| st.on_response(resp));
        st.engine.set_value(Some(engine));
        st.restore();
        st.refit_when_inputs_change();
        st.record_history();
        st.save_when_changed();
        st
    }

    pub(crate) fn engine(&self) -> Option<Rc<Engine>> {
        self.engine.get_value()
    }

    /// The data version, model text and options of the newest fit asked
    /// for (what the shown results are of, once they arrive).
    pub(crate) fn fitted_inputs(&self) -> Option<(u64, String, Options)> {
        self.last_fit.get_value()
    }

    /// Whether the results on show are older than what the person sees
    /// above them: a refit is on its way, the model text has an error, or
    /// the newest fit failed (the previous results stay, dimmed). One
    /// verdict for every part that shows them — the result tables, the fit
    /// summary line, the path diagram, the APA tables and the methods
    /// paragraph — so none looks current while another is dimmed.
    pub fn results_outdated(&self) -> bool {
        self.results.with(|r| r.busy() || r.error.is_some())
            || self.model_error.with(Option::is_some)
    }

    /// Where the data in use came from (an example, or a file's name and
    /// bytes), e.g. for the R script.
    pub fn data_source(&self) -> Option<Source> {
        self.source.get_value()
    }

    // ----- actions --------------------------------------------------------

    /// Loads an example: its model and its data; results follow at once.
    pub fn load_example(&self, ex: ExampleId) {
        self.urgent.set_value(true);
        self.model.set(ex.model().trim_start().to_string());
        self.fit.set(Options::default());
        self.restored_without_data.set(false);
        self.read_data(Source::Example(ex));
    }

    /// Downloads the data file of an example (from the worker, which holds
    /// the bytes), so that its R script can run.
    pub fn download_example_data(&self, ex: ExampleId) {
        let Some(engine) = self.engine() else { return };
        let id = engine.next_id();
        engine.send(&Request::ExampleData { id, example: ex }, None);
    }

    /// Reads a file the person opened, dropped or pasted.
    pub fn load_file(&self, name: String, bytes: Vec<u8>) {
        self.restored_without_data.set(false);
        self.read.update(|r| r.sheet = None);
        self.read_data(Source::File {
            name,
            bytes: Arc::new(bytes),
        });
    }

    /// A file is being read into the page's memory: says so, with a
    /// progress bar when it has `size` bytes or more than
    /// [`BAR_FROM_BYTES`]. Returns the read's ticket
    /// ([`AppState::still_reading`]).
    pub fn begin_reading(&self, name: String, size: f64) -> u64 {
        let mut ticket = 0;
        self.data.update(|d| {
            d.ticket += 1;
            ticket = d.ticket;
            if d.in_worker != 0 {
                // a file the worker is reading is superseded: its answer
                // must not end this read's bar (a cancel still ends it)
                d.latest = 0;
            }
            d.loading = Some(name);
            d.progress = (size >= BAR_FROM_BYTES).then_some(0.0);
            d.error = None;
            d.cancelled = None;
            d.restarted.clear();
        });
        ticket
    }

    /// Whether the read with `ticket` is still wanted (not cancelled, no
    /// newer read started).
    pub fn still_reading(&self, ticket: u64) -> bool {
        self.data.with_untracked(|d| d.ticket == ticket)
    }

    /// How far reading a file into memory has come (`fraction` of its bytes).
    pub fn reading_progress(&self, ticket: u64, fraction: f64) {
        if self.still_reading(ticket) {
            self.data.update(|d| {
                if d.progress.is_some() {
                    d.progress = Some(MEMORY_SHARE * fraction);
                }
            });
        }
    }

    /// The browser could not read the file.
    pub fn reading_failed(&self, ticket: u64, name: String) {
        if self.still_reading(ticket) {
            self.data.update(|d| {
                d.loading = None;
                d.progress = None;
                d.error = Some((name, ErrorReport::plain(t().file_unreadable)));
            });
        }
    }

    /// Stops reading a file — in the page, or in the worker, which is then
    /// replaced by a fresh one given the data in use again (a worker busy
    /// reading cannot see a `Cancel`). The data in use, the model and the
    /// results stay as they were.
    pub fn cancel_reading(&self) {
        let Some((name, in_worker)) = self
            .data
            .with_untracked(|d| d.loading.clone().map(|n| (n, d.in_worker)))
        else {
            return;
        };
        self.data.update(|d| {
            d.ticket += 1;
            d.loading = None;
            d.progress = None;
            d.error = None;
            d.cancelled = Some(name);
            if in_worker != 0 {
                d.in_worker = 0;
                d.latest = 0;
            }
        });
        if in_worker != 0 {
            self.pending_source.set_value(None);
            self.replace_worker();
        }
    }

    /// Ends the worker and starts a fresh one ([`Engine::replace`]), which
    /// gets the data in use again (with its composite scores), the fit
    /// that was under way, and then the long jobs the old one was running
    /// (held up by the read): a bootstrap, a Monte Carlo run, a
    /// measurement check or an invariance ladder starts again from its
    /// beginning — cancelling a read cancels only the read — and the page
    /// says which ([`DataState::restarted`]).
    fn replace_worker(&self) {
        let Some(engine) = self.engine() else { return };
        engine.replace();
        let boot = self.bootstrap_to_restart();
        let mc = self.monte_carlo_to_restart();
        let check = self
            .measurement
            .with_untracked(|m| m.running.then(|| (m.options.clone(), m.marker.clone())));
        let ladder = self.invariance.with_untracked(|i| i.running);
        // A run the person was cancelling ends as a cancel does: the old
        // worker's range answers with nothing (what it made went with it),
        // the pool's ranges with what they made.
        let (id, cancelling) = self.bootstrap.with_untracked(|b| (b.id, b.cancelling));
        if cancelling {
            self.on_bootstrap(0, &Response::Cancelled { id });
        }
        let (id, cancelling) = self.mc.with_untracked(|m| (m.id, m.cancelling));
        if cancelling {
            self.on_monte_carlo(0, &Response::Cancelled { id });
        }
        if self
            .bootstrap
            .with_untracked(|b| b.running() && !b.cancelling)
        {
            self.supersede_bootstrap();
        }
        self.measurement.update(|m| m.running = false);
        self.invariance.update(|i| i.running = false);
        // (the answer of a finished run stays: the data and model did not change)
        if self.mc.with_untracked(|m| m.running() && !m.cancelling) {
            self.supersede_monte_carlo();
        }
        let fit_lost = self.results.with_untracked(|r| r.running);
        let (Some(src), Some(view)) = (
            self.source.get_value(),
            self.data.with_untracked(|d| d.current.clone()),
        ) else {
            self.results.update(|r| r.running = false);
            self.resend_process();
            return;
        };
        // the settings the data in use were read with (a cancelled re-read
        // had other missing-value codes)
        let settings = self.settings.get_value();
        if self.read.with_untracked(|r| *r != settings) {
            self.read.set(settings.clone());
        }
        let (source, bytes) = match &src {
            Source::Example(e) => (DataSource::Example(*e), None),
            Source::File { name, bytes } => (
                DataSource::File { name: name.clone() },
                Some(bytes.as_slice()),
            ),
        };
        let first = engine.next_id();
        engine.send(
            &Request::LoadData {
                id: first,
                source,
                settings,
            },
            bytes,
        );
        let mut last = first;
        for (name, items) in &view.composites {
            last = engine.next_id();
            engine.send(
                &Request::AddComposite {
                    id: last,
                    name: name.clone(),
                    items: items.clone(),
                    file: view.name.clone(),
                    sheets: view.sheets.clone(),
                    sheet: view.sheet.clone(),
                },
                None,
            );
        }
        self.data.update(|d| d.restore = Some((first, last)));
        if fit_lost {
            if let Some((version, model, options)) = self.last_fit.get_value() {
                self.fit_now(model, options, version);
            }
        }
        self.resend_process();
        // after the data, into the new worker's queue (a lost fit is a
        // newer model: it stopped the bootstrap and the Monte Carlo run)
        let mut restarted = Vec::new();
        if let Some(run) = boot.filter(|_| !fit_lost) {
            self.restart_bootstrap(run);
            restarted.push(RestartedJob::Bootstrap);
        }
        if let Some(request) = mc.filter(|_| !fit_lost) {
            self.restart_monte_carlo(request);
            restarted.push(RestartedJob::MonteCarlo);
        }
        if let Some((options, marker)) = check {
            self.check_measurement(options, marker);
            restarted.push(RestartedJob::MeasurementCheck);
        }
        if ladder {
            self.run_invariance();
            restarted.push(RestartedJob::InvarianceLadder);
        }
        self.data.update(|d| d.restarted = restarted);
    }

    /// The helper's request the old worker took with it unanswered (the
    /// worker was replaced or restarted): asked again of the new one, after
    /// the data it needs, into the model text as it is now.
    fn resend_process(&self) {
        let pending = self
            .process
            .with_untracked(|p| p.unanswered().then(|| p.choice.clone()).flatten());
        if let Some(choice) = pending {
            self.write_process(choice);
        }
    }

    /// Reads the current data again (after a change of missing-value codes or sheet).
    pub fn reread(&self) {
        if let Some(src) = self.source.get_value() {
            // the composite scores of the data in use are made again
            let composites = self
                .data
                .with_untracked(|d| d.current.as_ref().map(|c| c.composites.clone()))
                .unwrap_or_default();
            self.wanted_composites.set_value(composites);
            self.read_data(src);
        }
    }

    fn read_data(&self, src: Source) {
        let Some(engine) = self.engine() else { return };
        let id = engine.next_id();
        let settings = self.read.get_untracked();
        let (source, bytes) = match &src {
            Source::Example(e) => (DataSource::Example(*e), None),
            Source::File { name, bytes } => (
                DataSource::File { name: name.clone() },
                Some(bytes.as_slice()),
            ),
        };
        engine.send(
            &Request::LoadData {
                id,
                source,
                settings,
            },
            bytes,
        );
        let name = src.name();
        let big = match &src {
            Source::File { bytes, .. } => bytes.len() as f64 >= BAR_FROM_BYTES,
            Source::Example(_) => false,
        };
        self.pending_source.set_value(Some(src));
        self.pending_settings.set_value(self.read.get_untracked());
        self.data.update(|d| {
            d.ticket += 1;
            d.latest = id;
            d.in_worker = id;
            d.loading = Some(name);
            d.progress = big.then_some(MEMORY_SHARE);
            d.error = None;
            d.cancelled = None;
            d.restarted.clear();
        });
    }

    /// Adds the composite score of `items` to the data in use as the
    /// column `name` (the worker's table; the page gets the new data view
    /// and refits). A re-read of the file makes it again
    /// ([`AppState::keep_composites`]).
    pub fn add_composite(&self, name: &str, items: Vec<String>) {
        let Some(engine) = self.engine() else { return };
        let Some(view) = self.data.with_untracked(|d| d.current.clone()) else {
            return;
        };
        let id = engine.next_id();
        engine.send(
            &Request::AddComposite {
                id,
                name: name.to_string(),
                items,
                file: view.name.clone(),
                sheets: view.sheets.clone(),
                sheet: view.sheet.clone(),
            },
            None,
        );
        // the data keeps its source (a re-read starts from the file)
        self.pending_source.set_value(self.source.get_value());
        self.pending_settings.set_value(self.settings.get_value());
        self.data.update(|d| {
            d.latest = id;
            d.error = None;
        });
    }

    /// Writes the helper's PROCESS model into the model text: the worker
    /// takes W's values from the rows the model uses
    /// ([`crate::analysis::process_helper::write_process_model`]) and the answer replaces
    /// the text (refitting at once), unless the text changed meanwhile, when
    /// it is asked for again.
    pub fn write_process(&self, choice: crate::syntax::process::ProcessChoice) {
        let Some(engine) = self.engine() else { return };
        let id = engine.next_id();
        let base = self.model.get_untracked();
        engine.send(
            &Request::WriteProcess {
                id,
                model: base.clone(),
                choice: choice.clone(),
                options: self.fit.get_untracked(),
            },
            None,
        );
        self.process.set(ProcessRun {
            requested: id,
            base,
            choice: Some(choice),
            outcome: None,
        });
    }

    /// Composite scores (name, items) that the data should have: each is
    /// added ([`AppState::add_composite`]) to the data in use now, or to the
    /// next data loaded, when all its items are columns there and its name
    /// is not; the others are dropped then. A project file, a link and the
    /// saved session keep them so; a re-read of the file keeps its own.
    pub fn keep_composites(&self, composites: Vec<(String, Vec<String>)>) {
        self.wanted_composites.set_value(composites);
        let idle = self
            .data
            .with_untracked(|d| d.current.is_some() && d.loading.is_none());
        if idle {
            self.make_wanted_composites();
        }
    }

    /// Adds the wanted composite scores the data in use lacks, in order.
    fn make_wanted_composites(&self) {
        let wanted = std::mem::take(&mut *self.wanted_composites.write_value());
        let Some(view) = self.data.with_untracked(|d| d.current.clone()) else {
            return;
        };
        let mut columns = view.column_names();
        for (name, items) in wanted {
            if columns.contains(&name) || !items.iter().all(|i| columns.contains(i)) {
                continue;
            }
            self.add_composite(&name, items);
            columns.push(name);
        }
    }

    /// Frees a modification index's parameter `lhs op rhs` (as lavaan's
    /// parameter table has it) in the model: in place when the model fixes
    /// it, else appended as a line ([`crate::syntax::edit::free_parameter`];
    /// a text with a syntax error gets the line appended); one undo step of
    /// its own, never joined with the typing just before it; refits at once.
    pub fn add_to_model(&self, lhs: &str, op: &str, rhs: &str) {
        use crate::syntax::edit::{append_line, free_parameter, parameter_line};
        let m = self.model.get_untracked();
        let text = free_parameter(&m, lhs, op, rhs)
            .unwrap_or_else(|_| append_line(&m, &parameter_line(lhs, op, rhs)));
        self.edit_model(text);
    }

    /// The checks of the measurement when they belong to the results shown
    /// (the same model text and data): what the publication tables, the
    /// methods paragraph, the R script and the report then include.
    pub fn check_of_results(&self) -> Option<Arc<crate::measurement::MeasurementCheck>> {
        let (text, version) = self
            .results
            .with(|r| (r.model_text.clone(), r.data_version));
        self.measurement.with(|m| {
            m.check
                .clone()
                .filter(|_| m.model_text == text && m.data_version == version)
        })
    }

    /// Runs the checks before the CFA on the items of the current model;
    /// `marker` names a column for Lindell & Whitney's correction.
    pub fn check_measurement(
        &self,
        options: crate::explore::ExploreOptions,
        marker: Option<String>,
    ) {
        let Some(engine) = self.engine() else { return };
        let data_version = self.data.with_untracked(|d| d.version);
        if data_version == 0 || self.model_error.with_untracked(Option::is_some) {
            return;
        }
        let model = self.model.get_untracked();
        let id = engine.next_id();
        engine.send(
            &Request::CheckMeasurement {
                id,
                model: model.clone(),
                options: options.clone(),
                marker: marker.clone(),
            },
            None,
        );
        self.measurement.update(|m| {
            m.options = options;
            m.marker = marker;
            m.requested = id;
            m.running = true;
            m.error = None;
            m.model_text = model;
            m.data_version = data_version;
        });
    }

    /// The inputs the ladder runs on now: the data version, the model text
    /// and the estimation options with the released parameters (None
    /// without data, a valid model or a group column).
    pub fn invariance_inputs(&self) -> Option<(u64, String, Options)> {
        let version = self.data.with(|d| d.version);
        let model = self.model.get();
        let mut options = self.fit.get();
        if version == 0 || model.trim().is_empty() || self.model_error.with(Option::is_some) {
            return None;
        }
        options.group.as_ref()?;
        options.group_equal.clear();
        options.group_partial = self.invariance.with(|i| i.released.clone());
        Some((version, model, options))
    }

    /// The ladder shown, when it belongs to the current data, model, group
    /// column and released parameters (the R script, the APA tables, the
    /// methods paragraph and the report take it then).
    pub fn ladder_of_results(&self) -> Option<Arc<crate::invariance::Ladder>> {
        let now = self.invariance_inputs();
        self.invariance.with(|i| {
            i.ladder
                .clone()
                .filter(|_| !i.running && now.is_some() && i.inputs == now)
        })
    }

    /// Runs the ladder on the current data, model and group column, with
    /// the released parameters free in every level.
    pub fn run_invariance(&self) {
        let Some(engine) = self.engine() else { return };
        let Some((version, model, options)) = untrack(|| self.invariance_inputs()) else {
            return;
        };
        let id = engine.next_id();
        engine.send(
            &Request::Invariance {
                id,
                model: model.clone(),
                options: options.clone(),
                rule: self.invariance.with_untracked(|i| i.rule),
            },
            None,
        );
        self.invariance.update(|i| {
            i.requested = id;
            i.running = true;
            i.error = None;
            i.inputs = Some((version, model, options));
        });
    }

    /// Frees a constraint of the ladder (partial invariance) and runs it again.
    pub fn release_constraint(&self, param: &str) {
        let param = crate::partable::normalize_partial(param);
        self.invariance.update(|i| {
            if !i.released.contains(&param) {
                i.released.push(param);
            }
        });
        self.run_invariance();
    }

    /// Chooses the rule that decides whether a level holds; a ladder on
    /// the page is run again under it (the verdict, the constraints to
    /// release and the latent means all follow the rule).
    pub fn set_invariance_rule(&self, rule: crate::invariance::Rule) {
        let shown = self
            .invariance
            .with_untracked(|i| i.rule != rule && (i.ladder.is_some() || i.running));
        self.invariance.update(|i| i.rule = rule);
        if shown {
            self.run_invariance();
        }
    }

    /// Constrains a released parameter again and runs the ladder again.
    pub fn undo_release(&self, param: &str) {
        self.invariance
            .update(|i| i.released.retain(|p| p != param));
        self.run_invariance();
    }

    /// Replaces the model text (the EFA's structure, *Use this as my
    /// model*); refits at once.
    pub fn replace_model(&self, text: &str) {
        self.urgent.set_value(true);
        self.model.set(text.to_string());
    }

    // ----- fitting --------------------------------------------------------

    /// Records each change of the model text in [`AppState::history`]
    /// (whatever made it: typing, drawing, an example, a modification
    /// index), except undo and redo themselves, with the pending
    /// constructs of the moment before it.
    fn record_history(&self) {
        let st = *self;
        Effect::new(move |first: Option<()>| {
            let now = st.model.get();
            let step = std::mem::take(&mut *st.step.write_value());
            let restoring = std::mem::take(&mut *st.restoring.write_value());
            let before = st.last_snapshot.get_value();
            if first.is_some() && before.text != now && !restoring {
                st.history.update(|h| h.record(before, step, dom::now_ms()));
            }
            st.last_snapshot.set_value(Snapshot {
                text: now,
                pending: st.pending.get_untracked(),
            });
        });
    }

    /// What an undo step would restore now.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            text: self.model.get_untracked(),
            pending: self.pending.get_untracked(),
        }
    }

    /// Changes the constructs named in the drawing without an item (a
    /// drawing action that leaves the text alone): one undo step.
    pub fn set_pending(&self, pending: Vec<String>) {
        let before = self.last_snapshot.get_value();
        self.history
            .update(|h| h.record(before, true, dom::now_ms()));
        self.last_snapshot
            .update_value(|s| s.pending = pending.clone());
        self.pending.set(pending);
    }

    /// Replaces the model text by a drawing action's edit: one undo step;
    /// refits at once.
    pub fn edit_model(&self, text: String) {
        self.step.set_value(true);
        self.urgent.set_value(true);
        self.model.set(text);
    }

    /// Puts back a snapshot of the history (not recorded itself).
    fn restore_snapshot(&self, s: Snapshot) {
        if s.text != self.model.get_untracked() {
            self.restoring.set_value(true);
            self.urgent.set_value(true);
            self.model.set(s.text.clone());
        }
        self.pending.set(s.pending.clone());
        self.last_snapshot.set_value(s);
    }

    /// Goes back to the model before the last step.
    pub fn undo_model(&self) {
        let current = self.snapshot();
        if let Some(s) = self.history.try_update(|h| h.undo(current)).flatten() {
            self.restore_snapshot(s);
        }
    }

    /// Goes forward to the model of the last undone step.
    pub fn redo_model(&self) {
        let current = self.snapshot();
        if let Some(s) = self.history.try_update(|h| h.redo(current)).flatten() {
            self.restore_snapshot(s);
        }
    }

    /// Refits when the data, the model text or the estimation options
    /// change: at once for data and options, after a pause for typing.
    fn refit_when_inputs_change(&self) {
        let st = *self;
        Effect::new(move |_| {
            let version = st.data.with(|d| d.version);
            let text = st.model.get();
            let fit = st.fit.get();
            let invalid = st.model_error.get().is_some();
            if let Some(h) = st.timer.get_value() {
                h.clear();
                st.timer.set_value(None);
            }
            let inputs = (version, text.clone(), fit.clone());
            let unchanged = st.last_fit.with_value(|l| l.as_ref() == Some(&inputs));
            if version == 0 || invalid || text.trim().is_empty() || unchanged {
                st.urgent.set_value(false);
                st.results.update(|r| r.scheduled = false);
                return;
            }
            let new_data = st.last_fit.with_value(|l| l.as_ref().map(|l| l.0)) != Some(version);
            let urgent = std::mem::take(&mut *st.urgent.write_value()) || new_data;
            st.results.update(|r| r.scheduled = true);
            if urgent {
                st.fit_now(text, fit, version);
            } else {
                let handle = set_timeout_with_handle(
                    move || {
                        st.timer.set_value(None);
                        st.fit_now(text, fit, version);
                    },
                    TYPING_DEBOUNCE,
                )
                .ok();
                st.timer.set_value(handle);
            }
        });
    }

    fn fit_now(&self, model: String, mut options: Options, version: u64) {
        let Some(engine) = self.engine() else { return };
        let previous = self.results.with_untracked(|r| (r.running, r.requested));
        if previous.0 {
            // A newer edit cancels the older run.
            engine.send(&Request::Cancel { id: previous.1 }, None);
        }
        // A Monte Carlo run, too.
        self.supersede_monte_carlo();
        // A bootstrap belongs to the model it was started for: a change stops it.
        self.supersede_bootstrap();
        self.last_fit
            .set_value(Some((version, model.clone(), options.clone())));
        options.hypotheses = self.rule.get_untracked();
        let id = engine.next_id();
        engine.send(&Request::Analyze { id, model, options }, None);
        self.results.update(|r| {
            r.requested = id;
            r.scheduled = false;
            r.running = true;
            r.progress = None;
        });
    }

    // ----- answers from the worker ----------------------------------------

    fn on_response(&self, resp: Response) {
        if self.on_monte_carlo(0, &resp) || self.on_bootstrap(0, &resp) {
            return;
        }
        match resp {
            // both wasm files are loaded: the service worker can keep them
            Response::Ready => crate::app::offline::register_service_worker(),
            Response::DataLoaded { id, data } => {
                if self.restored(id) {
                    return;
                }
                if self.data.with_untracked(|d| d.latest) != id {
                    return;
                }
                let source = self.pending_source.get_value();
                self.pending_source.set_value(None);
                if source.is_some() {
                    self.settings.set_value(self.pending_settings.get_value());
                }
                let example = match &source {
                    Some(Source::Example(e)) => Some(*e),
                    _ => None,
                };
                self.source.set_value(source);
                if let Some(sheet) = &data.sheet {
                    let sheet = sheet.clone();
                    self.read.update(|r| {
                        if r.sheet.as_deref() != Some(sheet.as_str()) {
                            r.sheet = Some(sheet);
                        }
                    });
                }
                // a group column the new data do not have is forgotten
                let lost = self.fit.with_untracked(|o| {
                    o.group
                        .as_ref()
                        .is_some_and(|g| !data.columns.iter().any(|c| &c.name == g))
                });
                if lost {
                    self.fit.update(|o| o.group = None);
                }
                self.data.update(|d| {
                    d.current = Some(Arc::new(*data));
                    d.version += 1;
                    d.loading = None;
                    d.progress = None;
                    d.in_worker = 0;
                    d.error = None;
                    d.example = example;
                });
                if self.wanted_composites.with_value(|w| !w.is_empty()) {
                    self.make_wanted_composites();
                }
            }
            Response::DataFailed { id, name, error } => {
                if self.restored(id) {
                    web_sys::console::warn_1(
                        &format!(
                            "semlab: the data in use could not be read again: {}",
                            error.message
                        )
                        .into(),
                    );
                    return;
                }
                if self.data.with_untracked(|d| d.latest) != id {
                    return;
                }
                // Keep the data in use; forget the file that failed.
                self.pending_source.set_value(None);
                self.data.update(|d| {
                    d.loading = None;
                    d.progress = None;
                    d.in_worker = 0;
                    d.error = Some((name, error));
                });
            }
            Response::Progress { id, done, total } => {
                if self
                    .data
                    .with_untracked(|d| d.in_worker == id && d.progress.is_some())
                {
                    let worker = f64::from(done) / f64::from(total.max(1));
                    self.data.update(|d| {
                        d.progress = Some(MEMORY_SHARE + (1.0 - MEMORY_SHARE) * worker)
                    });
                } else if self.results.with_untracked(|r| r.requested) == id {
                    self.results.update(|r| r.progress = Some((done, total)));
                }
            }
            Response::Analyzed {
                id,
                analysis,
                elapsed_ms,
            } => {
                if self.results.with_untracked(|r| r.requested) != id {
                    return;
                }
                // The model that was fitted (the text may have been edited since).
                let (data_version, model_text) = self
                    .last_fit
                    .with_value(|l| l.as_ref().map(|(v, m, _)| (*v, m.clone())))
                    .unwrap_or_else(|| (0, self.model.get_untracked()));
                let data_name = self
                    .data
                    .with_untracked(|d| d.current.as_ref().map(|c| c.name.clone()))
                    .unwrap_or_default();
                self.results.update(|r| {
                    r.analysis = Some(Arc::new(*analysis));
                    r.shown += 1;
                    r.model_text = model_text;
                    r.data_name = data_name;
                    r.data_version = data_version;
                    r.error = None;
                    r.running = false;
                    r.elapsed_ms = Some(elapsed_ms);
                    r.progress = None;
                });
            }
            Response::AnalysisFailed { id, error } => {
                if self.results.with_untracked(|r| r.requested) != id {
                    return;
                }
                self.results.update(|r| {
                    r.error = Some(error);
                    r.running = false;
                    r.progress = None;
                });
            }
            Response::MeasurementChecked {
                id,
                check,
                elapsed_ms,
            } => {
                if self.measurement.with_untracked(|m| m.requested) == id {
                    self.measurement.update(|m| {
                        m.running = false;
                        m.check = Some(Arc::new(*check));
                        m.error = None;
                        m.elapsed_ms = Some(elapsed_ms);
                    });
                }
            }
            Response::MeasurementFailed { id, error } => {
                if self.measurement.with_untracked(|m| m.requested) == id {
                    self.measurement.update(|m| {
                        m.running = false;
                        m.check = None;
                        m.error = Some(error);
                    });
                }
            }
            Response::InvarianceTested {
                id,
                ladder,
                elapsed_ms,
            } => {
                if self.invariance.with_untracked(|i| i.requested) == id {
                    self.invariance.update(|i| {
                        i.running = false;
                        i.ladder = Some(Arc::new(*ladder));
                        i.error = None;
                        i.elapsed_ms = Some(elapsed_ms);
                    });
                }
            }
            Response::InvarianceFailed { id, error } => {
                if self.invariance.with_untracked(|i| i.requested) == id {
                    self.invariance.update(|i| {
                        i.running = false;
                        i.ladder = None;
                        i.error = Some(error);
                    });
                }
            }
            Response::Cancelled { id } => {
                if self.measurement.with_untracked(|m| m.requested) == id {
                    self.measurement.update(|m| m.running = false);
                }
                if self.invariance.with_untracked(|i| i.requested) == id {
                    self.invariance.update(|i| i.running = false);
                }
            }
            // answered in `on_monte_carlo` and `on_bootstrap`
            Response::MonteCarloPrepared { .. }
            | Response::MonteCarloTally { .. }
            | Response::MonteCarloFailed { .. }
            | Response::BootstrapPrepared { .. }
            | Response::BootstrapDraws { .. } => {}
            Response::ProcessWritten { id, result } => {
                let Some((base, choice)) = self.process.with_untracked(|p| {
                    (p.requested == id).then(|| (p.base.clone(), p.choice.clone()))
                }) else {
                    return;
                };
                match result {
                    Ok(text) if self.model.with_untracked(|m| *m == base) => {
                        self.replace_model(&text);
                        self.process.update(|p| p.outcome = Some(Ok(())));
                    }
                    // edited meanwhile: written into the new text
                    Ok(_) => {
                        if let Some(c) = choice {
                            self.write_process(c);
                        }
                    }
                    Err(e) => self.process.update(|p| p.outcome = Some(Err(e))),
                }
            }
            Response::ExampleData { name, csv, .. } => {
                let _ = dom::download(&name, "text/csv;charset=utf-8", &csv);
            }
            Response::Panicked { message } => {
                // Outside the worker's message handler, which a restart replaces.
                let st = *self;
                set_timeout(move || st.recover(message), Duration::ZERO);
            }
        }
    }

    /// Whether `id` is one of the requests that gave a replaced worker the
    /// data in use again ([`AppState::replace_worker`]): nothing to show.
    fn restored(&self, id: u64) -> bool {
        let Some((first, last)) = self.data.with_untracked(|d| d.restore) else {
            return false;
        };
        if !(first..=last).contains(&id) {
            return false;
        }
        if id == last {
            self.data.update(|d| d.restore = None);
        }
        true
    }

    /// The worker crashed: say so, start a new one and give it the data again.
    fn recover(&self, message: String) {
        web_sys::console::warn_1(&format!("semlab: the estimator stopped: {message}").into());
        let Some(engine) = self.engine() else { return };
        self.results.update(|r| {
            r.running = false;
            r.scheduled = false;
            r.error = Some(ErrorReport::plain((t().engine_crashed)(&message)));
        });
        if self.bootstrap.with_untracked(BootstrapRun::running) {
            self.fail_bootstrap(ErrorReport::plain((t().engine_crashed)(&message)));
        }
        self.measurement.update(|m| m.running = false);
        self.invariance.update(|i| i.running = false);
        self.supersede_monte_carlo();
        if !engine.restart() {
            self.engine_error.set(Some((t().engine_failed)(&message)));
            let failed = ErrorReport::plain((t().engine_failed)(&message));
            self.process.update(|p| {
                if p.unanswered() {
                    p.outcome = Some(Err(failed));
                }
            });
            return;
        }
        // The new worker has no data: read it again, which refits, and
        // is asked again what the old one left unanswered.
        self.reread();
        self.resend_process();
    }

    // ----- remembering ----------------------------------------------------

    fn restore(&self) {
        if !self.remember.get_untracked() {
            return;
        }
        let Some(saved) =
            dom::storage_get(STORAGE_KEY).and_then(|s| serde_json::from_str::<Saved>(&s).ok())
        else {
            return;
        };
        if let Ok(fit) = serde_json::from_value::<Options>(saved.fit.clone()) {
            self.fit.set(fit);
        }
        self.rule.set(saved.rule);
        self.display.set(saved.display);
        self.boot.set(saved.boot);
        self.read.set(ReadSettings {
            missing_codes: saved.missing_codes,
            sheet: None,
        });
        self.model.set(saved.model.clone());
        self.keep_composites(saved.composites.clone());
        match saved.example.as_deref().and_then(ExampleId::from_key) {
            Some(ex) => {
                self.urgent.set_value(true);
                self.read_data(Source::Example(ex));
            }
            None => {
                if !saved.model.trim().is_empty() {
                    self.restored_without_data.set(true);
                }
            }
        }
    }

    fn save_when_changed(&self) {
        let st = *self;
        Effect::new(move |_| {
            let remember = st.remember.get();
            dom::storage_remove(LEGACY_STORAGE_OFF_KEY);
            if !remember {
                dom::storage_remove(STORAGE_KEY);
                return;
            }
            let saved = Saved {
                model: st.model.get(),
                fit: serde_json::to_value(st.fit.get()).unwrap_or_default(),
                rule: st.rule.get(),
                missing_codes: st.read.with(|r| r.missing_codes.clone()),
                display: st.display.get(),
                example: st.data.with(|d| d.example.map(|e| e.key().to_string())),
                boot: st.boot.get(),
                composites: st
                    .data
                    .with(|d| d.current.as_ref().map(|c| c.composites.clone()))
                    .unwrap_or_default(),
            };
            if let Ok(json) = serde_json::to_string(&saved) {
                dom::storage_set(STORAGE_KEY, &json);
            }
        });
    }
}

/// Why the bootstrap cannot run with these options (None: it can): the
/// engine bootstraps complete-data ML fits (with ML, MLR or MLM SEs beside).
pub fn bootstrap_unavailable(opts: &Options) -> Option<&'static str> {
    use crate::analysis::{Estimator, Missing};
    if opts.estimator == Estimator::Wlsmv || !opts.ordered.is_empty() {
        Some(t().boot_no_wlsmv)
    } else if opts.missing == Missing::Ml {
        Some(t().boot_no_fiml)
    } else {
        None
    }
}

/// What checking the model text while it is typed found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelCheck {
    /// A mistake in the model (syntax without data; the variables too once
    /// data is loaded). It stops refits.
    pub error: Option<ErrorReport>,
    /// For a model that reads fine: a column it uses that holds text (its
    /// first cell that is not a number), placed where the model first names
    /// the column. Shown by the editor; the fit still runs (and says the
    /// same in the results), since the cure is in the data or the
    /// missing-value codes.
    pub data: Option<ErrorReport>,
}

/// Checks model text while it is typed (see [`ModelCheck`]).
pub fn check_model(text: &str, data: Option<&DataView>, opts: &Options) -> ModelCheck {
    let Some(view) = data else {
        let error = crate::syntax::parse(text).err().map(|e| {
            let e = crate::partable::ModelError::Syntax(e);
            ErrorReport::from(&e)
        });
        return ModelCheck { error, data: None };
    };
    // with a group column, as many groups as it has values, so that a
    // modifier with a value per group (`c(a1, a2)*x`) reads as in the fit
    let n_groups = opts
        .group
        .as_ref()
        .and_then(|g| view.group_columns.iter().find(|c| &c.name == g))
        .map_or(1, |c| c.levels.len().max(1));
    let built = crate::analysis::model_options(opts)
        .and_then(|mo| crate::partable::build(text, &view.column_names(), &mo, n_groups));
    let pt = match built {
        Ok(pt) => pt,
        Err(e) => {
            return ModelCheck {
                error: Some(ErrorReport::from(&e)),
                data: None,
            }
        }
    };
    let data = pt.vars.ov.iter().find_map(|v| {
        let c = view.columns.iter().find(|c| &c.name == v)?;
        let (row, line, value) = c.not_a_number.clone()?;
        let e = crate::data::DataError::NotANumber {
            column: v.clone(),
            row,
            line,
            value,
        };
        let mut report = ErrorReport::from(&e);
        if let Some(pos) = first_use(text, v) {
            report.line = Some(pos.line);
            report.column = Some(pos.col);
        }
        Some(report)
    });
    ModelCheck { error: None, data }
}

/// Where the model text first names variable `name`.
fn first_use(text: &str, name: &str) -> Option<crate::syntax::Pos> {
    use crate::syntax::Statement;
    crate::syntax::parse(text)
        .ok()?
        .iter()
        .find_map(|s| match s {
            Statement::Relation(r) if r.lhs == name => Some(r.lhs_pos),
            Statement::Relation(r) if r.rhs.name == name => Some(r.rhs.pos),
            _ => None,
        })
}
