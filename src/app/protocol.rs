//! The messages between the page and the estimator's Web Worker.
//!
//! The page sends [`Request`]s; the worker answers with [`Response`]s. Each
//! request that does work carries an `id` chosen by the page; every answer
//! to it carries the same `id`, so the page can drop answers to requests it
//! no longer wants (a newer edit supersedes an older run).
//!
//! Messages cross with `serde-wasm-bindgen` inside an envelope
//! `{ msg, bytes }`, where `bytes` (a transferred `Uint8Array`) holds the
//! file of a [`Request::LoadData`]; see [`crate::app::engine`].
//!
//! The long jobs, a range of bootstrap draws ([`Request::BootstrapRange`])
//! or of Monte Carlo replications ([`Request::MonteCarloRange`]), run in
//! chunks: between chunks the worker answers [`Response::Progress`],
//! handles whatever else has arrived (a fit, new data) and sees a
//! [`Request::Cancel`] of the job's `id`, which stops it; the job ends with
//! what it made ([`Response::BootstrapDraws`], [`Response::MonteCarloTally`]).
//! Short jobs (a full ML analysis takes 5–20 ms) are simply skipped when a
//! newer request of the same kind is already queued.

use crate::analysis::{Analysis, AnalysisError, Options};
use crate::app::examples::ExampleId;
use crate::data::{ItemDescriptives, Mardia};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// Where the data of a [`Request::LoadData`] comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataSource {
    /// One of the embedded example data sets (the worker has the bytes).
    Example(ExampleId),
    /// A file the person opened, dropped or pasted; its bytes travel in
    /// the envelope. `name` decides the reader (`.csv`, `.xlsx`, `.sav`, ...).
    File { name: String },
}

/// How to read a data file (the person's choices in the data panel).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadSettings {
    /// Extra codes that mean "missing", as typed: `-99, 999`.
    pub missing_codes: String,
    /// The worksheet of a workbook; `None` = the first.
    pub sheet: Option<String>,
}

impl ReadSettings {
    /// The codes as a list: split at commas, semicolons and white space.
    pub fn codes(&self) -> Vec<String> {
        crate::data::missing_code_list(&self.missing_codes)
    }
}

/// What the page asks of the worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// Read a data set; it replaces the worker's current data only when it
    /// can be read.
    LoadData {
        id: u64,
        source: DataSource,
        settings: ReadSettings,
    },
    /// Fit `model` to the current data.
    Analyze {
        id: u64,
        model: String,
        options: Options,
    },
    /// Fit `model` to the current data and prepare its bootstrap
    /// (`options.bootstrap` says how): answered by
    /// [`Response::BootstrapPrepared`] (the analysis and the bootstrap's
    /// spec, for [`Request::BootstrapRange`]s) or [`Response::AnalysisFailed`].
    BootstrapPrepare {
        id: u64,
        model: String,
        options: Options,
    },
    /// Make draws `start..end` of a prepared bootstrap, in chunks with
    /// [`Response::Progress`] (done within the range) in between; answered
    /// by [`Response::BootstrapDraws`], with the draws made so far when
    /// cancelled. Any worker can take a range: the spec holds the data.
    BootstrapRange {
        id: u64,
        spec: Box<crate::bootstrap::BootstrapSpec>,
        start: usize,
        end: usize,
    },
    /// The checks before the CFA on the items of `model` (KMO, Bartlett,
    /// eigenvalues and parallel analysis, EFA, common-method bias): see
    /// [`crate::measurement::check`].
    CheckMeasurement {
        id: u64,
        model: String,
        options: crate::explore::ExploreOptions,
        /// A column for the marker-variable correction (Lindell & Whitney).
        marker: Option<String>,
    },
    /// Add the composite score of `items` (a row's mean of them) to the
    /// current data as the column `name`
    /// ([`crate::data::DataTable::with_composite`]); answered like
    /// [`Request::LoadData`], with the file's name and sheets as given.
    AddComposite {
        id: u64,
        name: String,
        items: Vec<String>,
        file: String,
        sheets: Vec<String>,
        sheet: Option<String>,
    },
    /// The measurement-invariance ladder of `model` by `options.group`
    /// (configural, metric, scalar, strict; `options.group_partial`
    /// released in every level): see [`crate::invariance::run`].
    Invariance {
        id: u64,
        model: String,
        options: Options,
        rule: crate::invariance::Rule,
    },
    /// Fit `model` to the current data and prepare a Monte Carlo power run
    /// from its implied moments ([`crate::power::monte_carlo`]): answered by
    /// [`Response::MonteCarloPrepared`] (the run, for
    /// [`Request::MonteCarloRange`]s) or [`Response::MonteCarloFailed`].
    MonteCarloPrepare {
        id: u64,
        model: String,
        options: Options,
        /// A typed population model (its numbers the population values;
        /// [`crate::power::monte_carlo::typed_population`]) to simulate
        /// from instead of the fitted `model`, which is then the analysis
        /// model.
        #[serde(default)]
        population: Option<String>,
        /// N of each simulated data set (None: the data's N).
        n: Option<usize>,
        reps: usize,
        seed: u64,
        /// Labels or `y ~ x` (empty: every hypothesis path).
        paths: Vec<String>,
        alpha: f64,
    },
    /// Make replications `start..end` of a prepared run, in chunks with
    /// [`Response::Progress`] (done within the range) in between; answered
    /// by [`Response::MonteCarloTally`], with the replications made so far
    /// when cancelled. Any worker can take a range: the run needs no data.
    MonteCarloRange {
        id: u64,
        spec: Box<crate::power::monte_carlo::MonteCarloSpec>,
        start: usize,
        end: usize,
    },
    /// Write a PROCESS model into `model` (the *Mediation / moderation*
    /// helper), W's values taken from the current data
    /// ([`crate::analysis::process_helper::write_process_model`]): answered by
    /// [`Response::ProcessWritten`].
    WriteProcess {
        id: u64,
        model: String,
        choice: crate::syntax::process::ProcessChoice,
        options: Options,
    },
    /// Stop (or never start) the job with this id.
    Cancel { id: u64 },
    /// The data file of an example (its bytes live in the worker only), to
    /// download beside its R script.
    ExampleData {
        id: u64,
        example: crate::app::examples::ExampleId,
    },
}

impl Request {
    /// The id of the job.
    pub fn id(&self) -> u64 {
        match self {
            Request::LoadData { id, .. }
            | Request::Analyze { id, .. }
            | Request::BootstrapPrepare { id, .. }
            | Request::BootstrapRange { id, .. }
            | Request::CheckMeasurement { id, .. }
            | Request::Invariance { id, .. }
            | Request::ExampleData { id, .. }
            | Request::AddComposite { id, .. }
            | Request::MonteCarloPrepare { id, .. }
            | Request::MonteCarloRange { id, .. }
            | Request::WriteProcess { id, .. }
            | Request::Cancel { id } => *id,
        }
    }
}

/// What went wrong, in words, with the place in the model text if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// In English.
    pub message: String,
    /// 1-based line and column (characters) in the model text.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The message in every language (empty for a plain message), so the
    /// page can say it in the person's language ([`ErrorReport::text`]).
    #[serde(default)]
    pub messages: Vec<(Lang, String)>,
}

impl ErrorReport {
    pub fn plain(message: impl Into<String>) -> Self {
        ErrorReport {
            message: message.into(),
            line: None,
            column: None,
            messages: Vec::new(),
        }
    }

    /// The message in the app's current language.
    pub fn text(&self) -> String {
        let lang = crate::app::i18n::lang();
        self.messages
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| self.message.clone())
    }
}

impl From<&AnalysisError> for ErrorReport {
    fn from(e: &AnalysisError) -> Self {
        let pos = e.model_position();
        ErrorReport {
            message: e.to_string(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.col),
            messages: Lang::ALL.map(|l| (l, e.message(l))).to_vec(),
        }
    }
}

impl From<&crate::explore::ExploreError> for ErrorReport {
    fn from(e: &crate::explore::ExploreError) -> Self {
        match e {
            crate::explore::ExploreError::Model(m) => ErrorReport::from(m),
            crate::explore::ExploreError::Data(d) => ErrorReport::from(d),
            _ => ErrorReport {
                message: e.to_string(),
                line: None,
                column: None,
                messages: Lang::ALL.map(|l| (l, e.message(l))).to_vec(),
            },
        }
    }
}

impl From<&crate::power::monte_carlo::MonteCarloError> for ErrorReport {
    fn from(e: &crate::power::monte_carlo::MonteCarloError) -> Self {
        use crate::power::monte_carlo::MonteCarloError;
        match e {
            MonteCarloError::Model(m) => ErrorReport::from(m),
            MonteCarloError::Analysis(a) => ErrorReport::from(a),
            _ => ErrorReport {
                message: e.to_string(),
                line: None,
                column: None,
                messages: Lang::ALL.map(|l| (l, e.message(l))).to_vec(),
            },
        }
    }
}

impl From<&crate::analysis::process_helper::HelperError> for ErrorReport {
    fn from(e: &crate::analysis::process_helper::HelperError) -> Self {
        match e {
            crate::analysis::process_helper::HelperError::Analysis(a) => ErrorReport::from(&**a),
            _ => ErrorReport {
                message: e.to_string(),
                line: None,
                column: None,
                messages: Lang::ALL.map(|l| (l, e.message(l))).to_vec(),
            },
        }
    }
}

impl From<&crate::partable::ModelError> for ErrorReport {
    fn from(e: &crate::partable::ModelError) -> Self {
        ErrorReport::from(&AnalysisError::Model(e.clone()))
    }
}

impl From<&crate::data::DataError> for ErrorReport {
    fn from(e: &crate::data::DataError) -> Self {
        ErrorReport::from(&AnalysisError::Data(e.clone()))
    }
}

/// One column of the data as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnView {
    pub name: String,
    /// Variable label (SPSS), if the file has one.
    pub label: Option<String>,
    /// Every non-missing cell is a number.
    pub numeric: bool,
    /// The measurement level the file declares (SPSS), if any.
    #[serde(default)]
    pub measure: Option<crate::data::MeasureLevel>,
    /// Value labels (SPSS) as (cell text, label).
    #[serde(default)]
    pub value_labels: Vec<(String, String)>,
    /// For a column that is not numeric: its first cell that is not a
    /// number as (data row, file line, text), so the model editor can say
    /// so where the model uses the column.
    pub not_a_number: Option<(usize, usize, String)>,
}

/// A data set as read by the worker: what the page needs to show it and to
/// check a model against it (the cells themselves stay in the worker).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataView {
    /// File name (or the example's file name).
    pub name: String,
    pub n_rows: usize,
    pub columns: Vec<ColumnView>,
    /// The first rows, every column, as text.
    pub preview: Vec<Vec<String>>,
    /// Descriptives of the numeric columns.
    pub items: Vec<ItemDescriptives>,
    /// Rows with no missing value in any numeric column.
    pub complete_rows: usize,
    /// Mardia's multivariate tests over the complete rows of the numeric columns.
    pub mardia: Option<Mardia>,
    /// Worksheets of a workbook (empty for other files).
    pub sheets: Vec<String>,
    /// The worksheet read.
    pub sheet: Option<String>,
    /// How a text file was read: its delimiter (0 for xlsx/sav), whether
    /// `3,5` meant 3.5, and its text encoding (for the R script, and to say
    /// "read as GBK").
    pub delimiter: u8,
    pub decimal_comma: bool,
    pub encoding: crate::data::TextEncoding,
    /// Values that look like missing-value codes (`-99` repeated far
    /// outside a column's other values), for the *Treat as missing* offer.
    pub suspected_codes: Vec<crate::data::SuspectedValue>,
    /// Columns added on the page (a composite score's name and items), in
    /// order; the R script makes them again.
    #[serde(default)]
    pub composites: Vec<(String, Vec<String>)>,
    /// Columns that can define groups (few values, each in several rows),
    /// with their values and counts, for the *Group* choice.
    #[serde(default)]
    pub group_columns: Vec<crate::data::groups::GroupColumn>,
}

impl DataView {
    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }
}

/// What the worker answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Response {
    /// The worker has started and takes requests.
    Ready,
    DataLoaded {
        id: u64,
        data: Box<DataView>,
    },
    DataFailed {
        id: u64,
        name: String,
        error: ErrorReport,
    },
    /// Part of a long job (reading a large file, a range of draws or
    /// replications) is done.
    Progress {
        id: u64,
        done: u32,
        total: u32,
    },
    Analyzed {
        id: u64,
        analysis: Box<Analysis>,
        /// Time of the analysis inside the worker.
        elapsed_ms: f64,
    },
    AnalysisFailed {
        id: u64,
        error: ErrorReport,
    },
    /// A bootstrap is ready: the analysis without bootstrap columns and
    /// what the draws need (None when the options asked for no bootstrap).
    BootstrapPrepared {
        id: u64,
        analysis: Box<Analysis>,
        spec: Option<Box<crate::bootstrap::BootstrapSpec>>,
    },
    /// The draws of a [`Request::BootstrapRange`] (those made, when it was
    /// cancelled).
    BootstrapDraws {
        id: u64,
        draws: crate::bootstrap::DrawRange,
        /// Time inside the worker from the request to the last draw.
        elapsed_ms: f64,
    },
    /// The measurement checks of a [`Request::CheckMeasurement`].
    MeasurementChecked {
        id: u64,
        check: Box<crate::measurement::MeasurementCheck>,
        elapsed_ms: f64,
    },
    MeasurementFailed {
        id: u64,
        error: ErrorReport,
    },
    /// The ladder of a [`Request::Invariance`].
    InvarianceTested {
        id: u64,
        ladder: Box<crate::invariance::Ladder>,
        elapsed_ms: f64,
    },
    InvarianceFailed {
        id: u64,
        error: ErrorReport,
    },
    /// A Monte Carlo power run is ready: the run itself (for
    /// [`Request::MonteCarloRange`]s) and what its answer needs.
    MonteCarloPrepared {
        id: u64,
        spec: Box<crate::power::monte_carlo::MonteCarloSpec>,
        plan: Box<crate::power::monte_carlo::Plan>,
    },
    /// The counts of a [`Request::MonteCarloRange`] (of the replications
    /// made, when it was cancelled).
    MonteCarloTally {
        id: u64,
        tally: crate::power::monte_carlo::Tally,
        elapsed_ms: f64,
    },
    MonteCarloFailed {
        id: u64,
        error: ErrorReport,
    },
    /// An example's data file, as embedded (CSV text).
    ExampleData {
        id: u64,
        name: String,
        csv: String,
    },
    /// The model text of a [`Request::WriteProcess`], or why not.
    ProcessWritten {
        id: u64,
        result: Result<String, ErrorReport>,
    },
    /// The job was skipped or stopped because a newer one superseded it.
    Cancelled {
        id: u64,
    },
    /// The worker hit a bug; it cannot be used any more and is replaced.
    Panicked {
        message: String,
    },
}

impl Response {
    /// The id of the job this answers, if any.
    pub fn id(&self) -> Option<u64> {
        match self {
            Response::DataLoaded { id, .. }
            | Response::DataFailed { id, .. }
            | Response::Progress { id, .. }
            | Response::Analyzed { id, .. }
            | Response::AnalysisFailed { id, .. }
            | Response::BootstrapPrepared { id, .. }
            | Response::BootstrapDraws { id, .. }
            | Response::MeasurementChecked { id, .. }
            | Response::MeasurementFailed { id, .. }
            | Response::InvarianceTested { id, .. }
            | Response::InvarianceFailed { id, .. }
            | Response::ExampleData { id, .. }
            | Response::MonteCarloPrepared { id, .. }
            | Response::MonteCarloTally { id, .. }
            | Response::MonteCarloFailed { id, .. }
            | Response::ProcessWritten { id, .. }
            | Response::Cancelled { id } => Some(*id),
            Response::Ready | Response::Panicked { .. } => None,
        }
    }
}
