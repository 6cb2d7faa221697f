//! The estimator's Web Worker: reads data files and runs analyses off the
//! page's thread, so typing never waits for a fit.
//!
//! Started by `src/bin/worker.rs` (a Trunk `data-type="worker"` binary).
//! It keeps the current data table; everything else arrives with each
//! [`Request`]. Requests are queued and handled in a task of their own, so a
//! burst of edits that arrives while a fit runs is handled once: of several
//! queued requests of one kind only the newest runs, the others are answered
//! with [`Response::Cancelled`].
//!
//! A range of bootstrap draws ([`Request::BootstrapRange`]) or of Monte
//! Carlo power replications ([`Request::MonteCarloRange`]) is a job that
//! outlives one task: the worker makes pieces for about [`CHUNK_MS`],
//! answers [`Response::Progress`], and schedules the next chunk as a new
//! task, so requests that arrive meanwhile (a `Cancel`, a fit) are handled
//! between chunks. A range needs no data of the worker's (the request
//! carries what it needs), so the page can give ranges of one run to
//! several workers ([`crate::app::pool`]).

use crate::analysis::{self, DataInput};
use crate::app::protocol::{
    ColumnView, DataSource, DataView, ErrorReport, ReadSettings, Request, Response,
};
use crate::bootstrap::{BootstrapSpec, DrawRange};
use crate::data::{self, DataError, DataTable, ReadOptions};
use crate::power::monte_carlo::{self, MonteCarlo, MonteCarloSpec, Tally};
use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Rows of the data preview.
const PREVIEW_ROWS: usize = 5;
/// Mardia's tests are skipped above this many numeric columns (cost p³).
const MARDIA_MAX_COLUMNS: usize = 120;
/// Time spent on a range's pieces before the worker looks at its messages again.
const CHUNK_MS: f64 = 40.0;
/// Files from this size on report how far their reading has come (the
/// page's progress bar, `state::BAR_FROM_BYTES`).
const PROGRESS_FROM_BYTES: usize = 1 << 20;
/// [`Response::Progress`] of a read counts in thousandths.
const PROGRESS_STEPS: u32 = 1000;
/// The share of a read's progress for parsing the file; the rest is
/// describing the data ([`data_view`], which takes about twice as long as
/// parsing a CSV of 200,000 rows and 12 columns).
const PARSE_SHARE: f64 = 0.3;

/// Reports how far a read has come ([`Response::Progress`] in
/// [`PROGRESS_STEPS`]), for a file of [`PROGRESS_FROM_BYTES`] or more, each
/// step once.
struct ReadProgress {
    id: u64,
    big: bool,
    reported: Option<u32>,
}

impl ReadProgress {
    fn at(&mut self, fraction: f64) {
        let done = (fraction.clamp(0.0, 1.0) * f64::from(PROGRESS_STEPS)) as u32;
        if self.big && self.reported.is_none_or(|r| done > r) {
            self.reported = Some(done);
            post(&Response::Progress {
                id: self.id,
                done,
                total: PROGRESS_STEPS,
            });
        }
    }
}

/// What a range makes, piece by piece, and what it has made.
enum Work {
    /// Bootstrap draws.
    Boot {
        spec: Box<BootstrapSpec>,
        made: DrawRange,
    },
    /// Monte Carlo replications.
    Mc { mc: Box<MonteCarlo>, tally: Tally },
}

/// A range of pieces under way.
struct RangeJob {
    id: u64,
    work: Work,
    /// The next piece and the end of the range.
    next: usize,
    start: usize,
    end: usize,
    /// When the request was taken up (`now_ms`).
    started: f64,
    /// A `Cancel` arrived: stop before the next piece.
    cancel: bool,
}

impl RangeJob {
    fn new(id: u64, work: Work, start: usize, end: usize, started: f64) -> RangeJob {
        RangeJob {
            id,
            work,
            next: start,
            start,
            end: end.max(start),
            started,
            cancel: false,
        }
    }

    /// Makes the next piece.
    fn step(&mut self) {
        match &mut self.work {
            Work::Boot { spec, made } => made.draws.push(spec.draw(self.next)),
            Work::Mc { mc, tally } => tally.merge(&mc.run(self.next..self.next + 1, &mut |_| true)),
        }
        self.next += 1;
    }

    /// What the range made (all of it, or up to a `Cancel`).
    fn answer(self) -> Response {
        let elapsed_ms = now_ms() - self.started;
        match self.work {
            Work::Boot { made, .. } => Response::BootstrapDraws {
                id: self.id,
                draws: made,
                elapsed_ms,
            },
            Work::Mc { tally, .. } => Response::MonteCarloTally {
                id: self.id,
                tally,
                elapsed_ms,
            },
        }
    }
}

#[derive(Default)]
struct State {
    table: Option<DataTable>,
    /// The composite scores added to `table` since it was read.
    composites: Vec<(String, Vec<String>)>,
    queue: VecDeque<(Request, Option<Vec<u8>>)>,
    cancelled: HashSet<u64>,
    scheduled: bool,
    /// The bootstrap range under way.
    boot: Option<RangeJob>,
    /// The Monte Carlo range under way.
    mc: Option<RangeJob>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(resp: &Response) {
    match serde_wasm_bindgen::to_value(resp) {
        Ok(v) => {
            let _ = scope().post_message(&v);
        }
        Err(e) => {
            web_sys::console::error_1(&format!("semlab worker: cannot send a message: {e}").into())
        }
    }
}

fn now_ms() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Installs the panic hook and the message handler, then says `Ready`.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response::Panicked {
            message: info.to_string(),
        });
    }));
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        receive(ev.data());
    });
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&Response::Ready);
}

/// One message from the page: `{ msg, bytes? }`.
fn receive(envelope: JsValue) {
    let msg = js_sys::Reflect::get(&envelope, &"msg".into()).unwrap_or(JsValue::UNDEFINED);
    let req: Request = match serde_wasm_bindgen::from_value(msg) {
        Ok(r) => r,
        Err(e) => {
            web_sys::console::error_1(&format!("semlab worker: bad request: {e}").into());
            return;
        }
    };
    let bytes = js_sys::Reflect::get(&envelope, &"bytes".into())
        .ok()
        .filter(|b| b.is_instance_of::<js_sys::Uint8Array>())
        .map(|b| b.unchecked_into::<js_sys::Uint8Array>().to_vec());
    let schedule = STATE.with_borrow_mut(|s| {
        if let Request::Cancel { id } = req {
            // seen before the next chunk (one is always scheduled)
            if let Some(job) = s.boot.as_mut().filter(|job| job.id == id) {
                job.cancel = true;
            } else if let Some(job) = s.mc.as_mut().filter(|job| job.id == id) {
                job.cancel = true;
            } else {
                s.cancelled.insert(id);
            }
            return false;
        }
        s.queue.push_back((req, bytes));
        !std::mem::replace(&mut s.scheduled, true)
    });
    if schedule {
        wake();
    }
}

thread_local! {
    /// A channel whose message runs [`process_queue`] as a new task: after
    /// the messages already queued (so a burst is handled once), without
    /// the clamping of `setTimeout`.
    static WAKER: Option<web_sys::MessagePort> = {
        let channel = web_sys::MessageChannel::new().ok();
        channel.map(|channel| {
            let on_wake = Closure::<dyn FnMut()>::new(process_queue);
            channel.port2().set_onmessage(Some(on_wake.as_ref().unchecked_ref()));
            on_wake.forget();
            channel.port1()
        })
    };
}

fn wake() {
    let posted = WAKER.with(|w| {
        w.as_ref()
            .is_some_and(|port| port.post_message(&JsValue::NULL).is_ok())
    });
    if !posted {
        let cb = Closure::once_into_js(process_queue);
        let _ =
            scope().set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0);
    }
}

fn same_kind(a: &Request, b: &Request) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Handles everything queued: per kind, only the newest request runs.
fn process_queue() {
    let (queue, cancelled) = STATE.with_borrow_mut(|s| {
        s.scheduled = false;
        (
            std::mem::take(&mut s.queue),
            std::mem::take(&mut s.cancelled),
        )
    });
    let jobs: Vec<_> = queue.into_iter().collect();
    for (i, (req, bytes)) in jobs.iter().enumerate() {
        let superseded = jobs[i + 1..].iter().any(|(later, _)| same_kind(req, later));
        if superseded || cancelled.contains(&req.id()) {
            post(&Response::Cancelled { id: req.id() });
            continue;
        }
        match req {
            Request::BootstrapRange {
                id,
                spec,
                start,
                end,
            } => start_bootstrap(*id, spec, *start, *end),
            Request::MonteCarloRange {
                id,
                spec,
                start,
                end,
            } => start_monte_carlo(*id, spec, *start, *end),
            _ => post(&handle(req, bytes.as_deref())),
        }
    }
    range_chunk(|s| &mut s.boot);
    range_chunk(|s| &mut s.mc);
}

/// Takes a range up as the job under way in `slot` (a newer range of the
/// same kind replaces an older one, which is answered `Cancelled`).
fn take_up(slot: fn(&mut State) -> &mut Option<RangeJob>, job: RangeJob) {
    post(&Response::Progress {
        id: job.id,
        done: 0,
        total: (job.end - job.start) as u32,
    });
    if let Some(old) = STATE.with_borrow_mut(|s| slot(s).replace(job)) {
        post(&Response::Cancelled { id: old.id });
    }
}

/// A range of Monte Carlo replications; they come in chunks.
fn start_monte_carlo(id: u64, spec: &MonteCarloSpec, start: usize, end: usize) {
    let started = now_ms();
    match MonteCarlo::new(spec) {
        Err(e) => post(&Response::MonteCarloFailed {
            id,
            error: ErrorReport::from(&e),
        }),
        Ok(mc) => {
            let end = end.min(mc.reps());
            let work = Work::Mc {
                mc: Box::new(mc),
                tally: Tally::default(),
            };
            take_up(|s| &mut s.mc, RangeJob::new(id, work, start, end, started));
        }
    }
}

/// A range of bootstrap draws; they come in chunks.
fn start_bootstrap(id: u64, spec: &BootstrapSpec, start: usize, end: usize) {
    let end = end.min(spec.total());
    let work = Work::Boot {
        spec: Box::new(spec.clone()),
        made: DrawRange {
            start,
            draws: Vec::new(),
        },
    };
    take_up(
        |s| &mut s.boot,
        RangeJob::new(id, work, start, end, now_ms()),
    );
}

/// Makes pieces of the range in `slot` for about [`CHUNK_MS`]; then
/// reports progress and schedules the next chunk, or — the range made, or
/// cancelled — answers with what it made.
fn range_chunk(slot: fn(&mut State) -> &mut Option<RangeJob>) {
    let Some(mut job) = STATE.with_borrow_mut(|s| slot(s).take()) else {
        return;
    };
    let t0 = now_ms();
    while !job.cancel && job.next < job.end && now_ms() - t0 < CHUNK_MS {
        job.step();
    }
    if job.cancel || job.next >= job.end {
        post(&job.answer());
        return;
    }
    post(&Response::Progress {
        id: job.id,
        done: (job.next - job.start) as u32,
        total: (job.end - job.start) as u32,
    });
    let schedule = STATE.with_borrow_mut(|s| {
        *slot(s) = Some(job);
        !std::mem::replace(&mut s.scheduled, true)
    });
    if schedule {
        wake();
    }
}

fn handle(req: &Request, bytes: Option<&[u8]>) -> Response {
    match req {
        Request::LoadData {
            id,
            source,
            settings,
        } => {
            let (name, bytes): (String, &[u8]) = match source {
                DataSource::Example(ex) => (ex.file_name().to_string(), ex.data()),
                DataSource::File { name } => (name.clone(), bytes.unwrap_or(&[])),
            };
            // A read runs in this one task, so a `Cancel` cannot reach it:
            // the page ends the worker instead (`Engine::replace`), and the
            // callback only reports.
            let mut progress = ReadProgress {
                id: *id,
                big: bytes.len() >= PROGRESS_FROM_BYTES,
                reported: None,
            };
            let read = read_data(&name, bytes, settings, &mut |f| {
                progress.at(f * PARSE_SHARE);
                true
            });
            match read {
                Ok((table, sheets, sheet)) => {
                    let view = data_view(&name, &table, sheets, sheet, &mut |f| {
                        progress.at(PARSE_SHARE + (1.0 - PARSE_SHARE) * f)
                    });
                    STATE.with_borrow_mut(|s| {
                        s.table = Some(table);
                        s.composites.clear();
                    });
                    Response::DataLoaded {
                        id: *id,
                        data: Box::new(view),
                    }
                }
                Err(error) => Response::DataFailed {
                    id: *id,
                    name,
                    error,
                },
            }
        }
        Request::Analyze { id, model, options } => STATE.with_borrow(|s| match &s.table {
            None => Response::AnalysisFailed {
                id: *id,
                error: ErrorReport::plain("no data"),
            },
            Some(table) => {
                let start = now_ms();
                let result = analysis::run(&DataInput::Table(table), model, options);
                let elapsed_ms = now_ms() - start;
                match result {
                    Ok(a) => Response::Analyzed {
                        id: *id,
                        analysis: Box::new(a),
                        elapsed_ms,
                    },
                    Err(e) => Response::AnalysisFailed {
                        id: *id,
                        error: ErrorReport::from(&e),
                    },
                }
            }
        }),
        Request::CheckMeasurement {
            id,
            model,
            options,
            marker,
        } => STATE.with_borrow(|s| match &s.table {
            None => Response::MeasurementFailed {
                id: *id,
                error: ErrorReport::plain("no data"),
            },
            Some(table) => {
                let start = now_ms();
                let source = crate::measurement::ItemSource::Model(model);
                match crate::measurement::check(table, &source, marker.as_deref(), options) {
                    Ok(check) => Response::MeasurementChecked {
                        id: *id,
                        check: Box::new(check),
                        elapsed_ms: now_ms() - start,
                    },
                    Err(e) => Response::MeasurementFailed {
                        id: *id,
                        error: ErrorReport::from(&e),
                    },
                }
            }
        }),
        Request::Invariance {
            id,
            model,
            options,
            rule,
        } => STATE.with_borrow(|s| match &s.table {
            None => Response::InvarianceFailed {
                id: *id,
                error: ErrorReport::plain("no data"),
            },
            Some(table) => {
                let start = now_ms();
                match crate::invariance::run(&DataInput::Table(table), model, options, *rule) {
                    Ok(ladder) => Response::InvarianceTested {
                        id: *id,
                        ladder: Box::new(ladder),
                        elapsed_ms: now_ms() - start,
                    },
                    Err(e) => Response::InvarianceFailed {
                        id: *id,
                        error: ErrorReport::from(&e),
                    },
                }
            }
        }),
        Request::WriteProcess {
            id,
            model,
            choice,
            options,
        } => STATE.with_borrow(|s| {
            let data = s.table.as_ref().map(DataInput::Table);
            Response::ProcessWritten {
                id: *id,
                result: crate::analysis::process_helper::write_process_model(
                    data.as_ref(),
                    model,
                    choice,
                    options,
                )
                .map_err(|e| ErrorReport::from(&e)),
            }
        }),
        Request::ExampleData { id, example } => Response::ExampleData {
            id: *id,
            name: example.file_name().to_string(),
            csv: String::from_utf8_lossy(example.data()).into_owned(),
        },
        Request::AddComposite {
            id,
            name,
            items,
            file,
            sheets,
            sheet,
        } => {
            let added =
                STATE.with_borrow(|s| s.table.as_ref().map(|t| t.with_composite(name, items)));
            match added {
                Some(Ok(table)) => {
                    let mut view =
                        data_view(file, &table, sheets.clone(), sheet.clone(), &mut |_| {});
                    STATE.with_borrow_mut(|s| {
                        s.table = Some(table);
                        s.composites.push((name.clone(), items.clone()));
                        view.composites = s.composites.clone();
                    });
                    Response::DataLoaded {
                        id: *id,
                        data: Box::new(view),
                    }
                }
                Some(Err(e)) => Response::DataFailed {
                    id: *id,
                    name: file.clone(),
                    error: ErrorReport::from(&e),
                },
                None => Response::DataFailed {
                    id: *id,
                    name: file.clone(),
                    error: ErrorReport::plain("no data"),
                },
            }
        }
        Request::MonteCarloPrepare {
            id,
            model,
            options,
            population: typed,
            n,
            reps,
            seed,
            paths,
            alpha,
        } => STATE.with_borrow(|s| {
            let prepared = s
                .table
                .as_ref()
                .ok_or_else(|| ErrorReport::plain("no data"))
                .and_then(|table| {
                    let data = DataInput::Table(table);
                    let (population, nobs, source) = match typed {
                        Some(text) => {
                            let population = monte_carlo::typed_population(text)
                                .map_err(|e| ErrorReport::from(&e))?;
                            (population, n.unwrap_or(0), monte_carlo::Source::Typed)
                        }
                        None => {
                            let (population, nobs) =
                                monte_carlo::fitted_population(&data, model, options)
                                    .map_err(|e| ErrorReport::from(&e))?;
                            (population, nobs, monte_carlo::Source::Fitted)
                        }
                    };
                    let spec = MonteCarloSpec {
                        population,
                        source,
                        analyzed: monte_carlo::Analyzed::Model(model.clone()),
                        options: options.clone(),
                        paths: paths.clone(),
                        n: n.unwrap_or(nobs),
                        reps: *reps,
                        seed: *seed,
                        alpha: *alpha,
                    };
                    let plan = MonteCarlo::new(&spec)
                        .map_err(|e| ErrorReport::from(&e))?
                        .plan();
                    Ok((spec, plan))
                });
            match prepared {
                Ok((spec, plan)) => Response::MonteCarloPrepared {
                    id: *id,
                    spec: Box::new(spec),
                    plan: Box::new(plan),
                },
                Err(error) => Response::MonteCarloFailed { id: *id, error },
            }
        }),
        Request::BootstrapPrepare { id, model, options } => STATE.with_borrow(|s| {
            let Some(table) = s.table.as_ref() else {
                return Response::AnalysisFailed {
                    id: *id,
                    error: ErrorReport::plain("no data"),
                };
            };
            match analysis::run_deferred(&DataInput::Table(table), model, options) {
                Ok((analysis, state)) => Response::BootstrapPrepared {
                    id: *id,
                    analysis: Box::new(analysis),
                    spec: state.map(|st| Box::new(st.spec().clone())),
                },
                Err(e) => Response::AnalysisFailed {
                    id: *id,
                    error: ErrorReport::from(&e),
                },
            }
        }),
        Request::Cancel { id }
        | Request::BootstrapRange { id, .. }
        | Request::MonteCarloRange { id, .. } => Response::Cancelled { id: *id },
    }
}

/// Reads a data file (CSV/TSV/TXT, Excel `.xlsx`, SPSS `.sav`): the table,
/// a workbook's sheet names and the sheet read; `progress` hears how far
/// the read has come ([`data::read_any_with_progress`]).
fn read_data(
    name: &str,
    bytes: &[u8],
    settings: &ReadSettings,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<(DataTable, Vec<String>, Option<String>), ErrorReport> {
    let opts = ReadOptions {
        missing_codes: settings.codes(),
        ..ReadOptions::default()
    };
    let sheets = if bytes.starts_with(b"PK\x03\x04") {
        data::xlsx_sheet_names(bytes).unwrap_or_default()
    } else {
        Vec::new()
    };
    let index = settings
        .sheet
        .as_ref()
        .and_then(|s| sheets.iter().position(|n| n == s));
    let table = data::read_any_with_progress(bytes, name, index, &opts, progress)
        .map_err(|e| ErrorReport::from(&e))?;
    let sheet = sheets.get(index.unwrap_or(0)).cloned();
    Ok((table, sheets, sheet))
}

/// What the page shows of a data set. `progress` hears the fraction done,
/// step by step (the shares are the times of the steps on a CSV of 200,000
/// rows and 12 numeric columns).
fn data_view(
    name: &str,
    table: &DataTable,
    sheets: Vec<String>,
    sheet: Option<String>,
    progress: &mut dyn FnMut(f64),
) -> DataView {
    let n_columns = table.names().len().max(1) as f64;
    let columns: Vec<ColumnView> = table
        .names()
        .iter()
        .enumerate()
        .map(|(j, n)| {
            progress(0.2 * j as f64 / n_columns);
            ColumnView {
                name: n.clone(),
                label: table.label(j).map(String::from),
                numeric: table.is_numeric_column(j),
                measure: table.measure(j),
                value_labels: table.value_labels(j).to_vec(),
                not_a_number: match table.first_text_cell(j) {
                    Some(DataError::NotANumber {
                        row, line, value, ..
                    }) => Some((row, line, value)),
                    _ => None,
                },
            }
        })
        .collect();
    progress(0.2);
    let numeric_names = table.numeric_column_names();
    let (items, complete_rows, mardia) = match table.numeric(&numeric_names) {
        Ok(num) => {
            progress(0.3);
            let mut items = num.describe();
            crate::data::mark_declared_levels(&mut items, table);
            progress(0.6);
            let complete = num.listwise();
            let usable = items.iter().filter(|i| !i.constant).count() == items.len();
            let mardia = (usable && !items.is_empty() && items.len() <= MARDIA_MAX_COLUMNS)
                .then(|| complete.mardia().ok())
                .flatten();
            (items, complete.rows_used, mardia)
        }
        Err(_) => (Vec::new(), 0, None),
    };
    progress(0.98);
    DataView {
        name: name.to_string(),
        n_rows: table.n_rows(),
        columns,
        preview: table.preview(PREVIEW_ROWS),
        items,
        complete_rows,
        mardia,
        sheets,
        sheet,
        delimiter: table.delimiter(),
        decimal_comma: table.decimal_comma(),
        encoding: table.encoding(),
        suspected_codes: crate::data::suspected_values(&crate::data::suspected_missing_codes(
            table,
        )),
        composites: Vec::new(),
        group_columns: crate::data::groups::group_columns(
            table,
            crate::data::groups::MAX_GROUP_LEVELS,
        ),
    }
}
