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
//! Long jobs (a bootstrap) fit in without changing this vocabulary: the
//! worker cuts them into chunks, answers [`Response::Progress`] between
//! chunks and checks for a [`Request::Cancel`] of that `id` before the next
//! chunk; a cancelled job ends with [`Response::Cancelled`]. Short jobs (a
//! full ML analysis takes 5–20 ms) are simply skipped when a newer request
//! of the same kind is already queued.

use crate::analysis::{Analysis, AnalysisError, Options};
use crate::app::examples::ExampleId;
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
        self.missing_codes
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
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
    /// Stop (or never start) the job with this id.
    Cancel { id: u64 },
}

impl Request {
    /// The id of the job.
    pub fn id(&self) -> u64 {
        match self {
            Request::LoadData { id, .. } | Request::Analyze { id, .. } | Request::Cancel { id } => {
                *id
            }
        }
    }
}

/// What went wrong, in words, with the place in the model text if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    pub message: String,
    /// 1-based line and column (characters) in the model text.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl ErrorReport {
    pub fn plain(message: impl Into<String>) -> Self {
        ErrorReport {
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

impl From<&AnalysisError> for ErrorReport {
    fn from(e: &AnalysisError) -> Self {
        let pos = e.model_position();
        ErrorReport {
            message: e.to_string(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.col),
        }
    }
}

impl From<&crate::partable::ModelError> for ErrorReport {
    fn from(e: &crate::partable::ModelError) -> Self {
        let pos = e.position();
        ErrorReport {
            message: e.to_string(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.col),
        }
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
}

/// Descriptives of one numeric column (mirrors
/// [`crate::data::ItemDescriptives`], which is not `Deserialize`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemView {
    pub name: String,
    pub n: usize,
    pub missing: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub skewness: Option<f64>,
    pub kurtosis: Option<f64>,
    pub n_distinct: usize,
    pub looks_ordinal: bool,
    pub constant: bool,
}

impl From<&crate::data::ItemDescriptives> for ItemView {
    fn from(d: &crate::data::ItemDescriptives) -> Self {
        ItemView {
            name: d.name.clone(),
            n: d.n,
            missing: d.missing,
            mean: d.mean,
            sd: d.sd,
            min: d.min,
            max: d.max,
            skewness: d.skewness,
            kurtosis: d.kurtosis,
            n_distinct: d.n_distinct,
            looks_ordinal: d.looks_ordinal,
            constant: d.constant,
        }
    }
}

/// Mardia's multivariate tests over the complete rows of the numeric columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MardiaView {
    pub n: usize,
    pub p: usize,
    pub b1p: f64,
    pub skew_p: f64,
    pub b2p: f64,
    pub kurtosis_z: f64,
    pub kurtosis_p: f64,
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
    pub items: Vec<ItemView>,
    /// Rows with no missing value in any numeric column.
    pub complete_rows: usize,
    pub mardia: Option<MardiaView>,
    /// Worksheets of a workbook (empty for other files).
    pub sheets: Vec<String>,
    /// The worksheet read.
    pub sheet: Option<String>,
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
    /// Part of a long job is done (reserved for the bootstrap).
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
            | Response::Cancelled { id } => Some(*id),
            Response::Ready | Response::Panicked { .. } => None,
        }
    }
}
