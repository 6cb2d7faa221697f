//! The benchmark page (`?bench` or `?bench=REPS&boot=RUNS`), used only by
//! `scripts/bench-browser`: fits each example REPS times in the worker and
//! prints, per example, the median time of the analysis inside the worker
//! and of the whole round trip (request, analysis, answer decoded); then
//! RUNS times (default 3) bootstraps the live-commerce model with
//! [`BOOT_DRAWS`] resamples and runs a Monte Carlo power check of its
//! hypothesis paths with [`MC_REPS`] replications, as the app does
//! (prepared by the worker with the data, made in ranges in chunks with
//! progress messages, merged and finished in the page), on one worker and
//! on as many as the app would use ([`crate::app::pool::workers_for`]),
//! and prints the median times; last, the invariance ladder of the data the
//! script hands the page (`window.semlabBenchLadder`) under ML and MLR.
//! The results are JSON in
//! `<pre id="bench-results">`. Its strings are for the benchmark script,
//! not for people, so they are not in `text.rs`.

use crate::analysis::{Estimator, Options};
use crate::app::dom;
use crate::app::engine::Engine;
use crate::app::examples::ExampleId;
use crate::app::pool::{ranges, workers_for};
use crate::app::protocol::{DataSource, ReadSettings, Request, Response};
use crate::bootstrap::{BootstrapOptions, BootstrapState, CiType};
use crate::invariance::Rule;
use crate::power::monte_carlo::Tally;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;

/// Untimed fits before the timed ones.
const WARMUP: usize = 3;
/// Resamples of each timed bootstrap (the mediation analyses' B, with
/// bias-corrected intervals).
const BOOT_DRAWS: usize = 5000;
/// Replications of each timed Monte Carlo power run (the app's default R).
const MC_REPS: usize = crate::app::power_run::DEFAULT_REPS;

/// `boot=RUNS` in the address: how many bootstraps (and power runs) to time.
fn boot_runs() -> usize {
    dom::query_param("boot")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    crate::sorting::ascending(&mut v);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

async fn ask(engine: &Rc<Engine>, req: Request) -> Option<Response> {
    JsFuture::from(engine.call(&req, None))
        .await
        .ok()
        .and_then(Engine::decode)
}

async fn run_bench(reps: usize) -> String {
    let engine = &Engine::start(|_| {});
    let mut rows = Vec::new();
    for ex in ExampleId::ALL {
        let id = engine.next_id();
        let t0 = dom::now_ms();
        let loaded = ask(
            engine,
            Request::LoadData {
                id,
                source: DataSource::Example(ex),
                settings: ReadSettings::default(),
            },
        )
        .await;
        let load_ms = dom::now_ms() - t0;
        if !matches!(loaded, Some(Response::DataLoaded { .. })) {
            rows.push(format!(
                "{{\"example\":\"{}\",\"error\":\"data\"}}",
                ex.key()
            ));
            continue;
        }
        let mut worker = Vec::new();
        let mut round = Vec::new();
        let mut error = None;
        for i in 0..WARMUP + reps {
            let id = engine.next_id();
            let t0 = dom::now_ms();
            let resp = ask(
                engine,
                Request::Analyze {
                    id,
                    model: ex.model().to_string(),
                    options: Options::default(),
                },
            )
            .await;
            let t1 = dom::now_ms();
            match resp {
                Some(Response::Analyzed { elapsed_ms, .. }) => {
                    if i >= WARMUP {
                        worker.push(elapsed_ms);
                        round.push(t1 - t0);
                    }
                }
                other => error = Some(unexpected(other)),
            }
        }
        rows.push(format!(
            "{{\"example\":\"{}\",\"load_ms\":{:.3},\"worker_ms\":{:.3},\"round_trip_ms\":{:.3},\"reps\":{},\"error\":{}}}",
            ex.key(),
            load_ms,
            median(worker),
            median(round),
            reps,
            error.map(|e| format!("{:?}", e)).unwrap_or_else(|| "null".into())
        ));
    }
    rows.extend(bench_spread(engine.clone(), boot_runs()).await);
    // last: it loads other data into the worker
    rows.extend(bench_ladder(engine, reps.min(10)).await);
    format!("[{}]", rows.join(","))
}

/// The invariance ladder (`semlab invariance`'s four levels, LR and score
/// tests) in the worker, on the data and model the benchmark script puts
/// in `window.semlabBenchLadder` (`{csv, model, group}`: the live-commerce
/// data by sales channel, `tests/fixtures/invariance`, which the app does
/// not carry): once untimed, then `reps` times under ML and under MLR.
/// Rows `{"ladder": estimator, "worker_ms", "round_trip_ms", "reps"}`
/// (medians); none without that value.
async fn bench_ladder(engine: &Rc<Engine>, reps: usize) -> Vec<String> {
    let Some(spec) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"semlabBenchLadder".into()).ok())
        .filter(|v| v.is_object())
    else {
        return Vec::new();
    };
    let field = |k: &str| {
        js_sys::Reflect::get(&spec, &k.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let (Some(csv), Some(model), Some(group)) = (field("csv"), field("model"), field("group"))
    else {
        return Vec::new();
    };
    let load = Request::LoadData {
        id: engine.next_id(),
        source: DataSource::File {
            name: "ladder.csv".into(),
        },
        settings: ReadSettings::default(),
    };
    let loaded = JsFuture::from(engine.call(&load, Some(csv.as_bytes())))
        .await
        .ok()
        .and_then(Engine::decode);
    if !matches!(loaded, Some(Response::DataLoaded { .. })) {
        return vec![format!(
            "{{\"ladder\":\"data\",\"error\":{:?}}}",
            unexpected(loaded)
        )];
    }
    let mut rows = Vec::new();
    for estimator in [Estimator::Ml, Estimator::Mlr] {
        let options = Options {
            group: Some(group.clone()),
            estimator,
            ..Options::default()
        };
        let (mut worker, mut round, mut error) = (Vec::new(), Vec::new(), None);
        for i in 0..1 + reps {
            let id = engine.next_id();
            let t0 = dom::now_ms();
            let resp = ask(
                engine,
                Request::Invariance {
                    id,
                    model: model.clone(),
                    options: options.clone(),
                    rule: Rule::default(),
                },
            )
            .await;
            let t1 = dom::now_ms();
            match resp {
                Some(Response::InvarianceTested { elapsed_ms, .. }) if i > 0 => {
                    worker.push(elapsed_ms);
                    round.push(t1 - t0);
                }
                Some(Response::InvarianceTested { .. }) => {}
                other => error = Some(unexpected(other)),
            }
        }
        rows.push(format!(
            "{{\"ladder\":\"{}\",\"worker_ms\":{},\"round_trip_ms\":{},\"reps\":{},\"error\":{}}}",
            estimator.name(),
            json_ms(median(worker)),
            json_ms(median(round)),
            reps,
            error
                .map(|e| format!("{e:?}"))
                .unwrap_or_else(|| "null".into())
        ));
    }
    rows
}

/// A time in ms for JSON (`null` when there is none).
fn json_ms(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}")
    } else {
        "null".into()
    }
}

/// Sends `req(engine, i)` to each engine and waits for every answer.
async fn ask_all(engines: &[Rc<Engine>], req: impl Fn(usize) -> Request) -> Vec<Option<Response>> {
    let promises: js_sys::Array = engines
        .iter()
        .enumerate()
        .map(|(i, e)| e.call(&req(i), None))
        .collect();
    match JsFuture::from(js_sys::Promise::all(&promises)).await {
        Ok(values) => js_sys::Array::from(&values)
            .iter()
            .map(Engine::decode)
            .collect(),
        Err(_) => vec![None; engines.len()],
    }
}

/// One bootstrap of the live-commerce model on `engines` (the first holds
/// the data): prepare, draws in ranges, merged and finished as the page
/// does. Its time and converged draws, or what went wrong.
async fn one_bootstrap(engines: &[Rc<Engine>], draws: usize) -> Result<(f64, usize), String> {
    let options = Options {
        bootstrap: Some(BootstrapOptions {
            draws,
            ci_type: CiType::BiasCorrected,
            ..BootstrapOptions::default()
        }),
        ..Options::default()
    };
    let t0 = dom::now_ms();
    let id = engines[0].next_id();
    let prepare = Request::BootstrapPrepare {
        id,
        model: ExampleId::LiveCommerce.model().to_string(),
        options,
    };
    let (mut analysis, spec) = match ask(&engines[0], prepare).await {
        Some(Response::BootstrapPrepared {
            analysis,
            spec: Some(spec),
            ..
        }) => (analysis, spec),
        other => return Err(unexpected(other)),
    };
    let parts = ranges(draws, engines.len());
    let answers = ask_all(engines, |i| Request::BootstrapRange {
        id,
        spec: spec.clone(),
        start: parts[i].0,
        end: parts[i].1,
    })
    .await;
    let mut state = BootstrapState::from_spec(*spec);
    for a in answers {
        match a {
            Some(Response::BootstrapDraws { draws, .. }) => state.add(draws),
            other => return Err(unexpected(other)),
        }
    }
    crate::analysis::finish_bootstrap(&mut analysis, state);
    let ok = analysis.bootstrap.map_or(0, |b| b.ok);
    Ok((dom::now_ms() - t0, ok))
}

/// What the worker answered instead of the awaited answer, in words (its
/// error message), for the benchmark's `error` field. Not the answer's
/// `Debug` text: that would put a formatter of every result type into the
/// page's wasm (docs/dependencies.md, wasm size).
fn unexpected(answer: Option<Response>) -> String {
    match answer {
        None => "no answer".into(),
        Some(
            Response::DataFailed { error, .. }
            | Response::AnalysisFailed { error, .. }
            | Response::MeasurementFailed { error, .. }
            | Response::InvarianceFailed { error, .. }
            | Response::MonteCarloFailed { error, .. },
        ) => error.message,
        Some(Response::Panicked { message }) => format!("the worker failed: {message}"),
        Some(Response::Cancelled { .. }) => "cancelled".into(),
        Some(_) => "an answer of another kind".into(),
    }
}

/// One Monte Carlo power run of the live-commerce model's hypothesis
/// paths on `engines`. Its time and converged replications.
async fn one_monte_carlo(engines: &[Rc<Engine>], reps: usize) -> Result<(f64, usize), String> {
    let t0 = dom::now_ms();
    let id = engines[0].next_id();
    let prepare = Request::MonteCarloPrepare {
        id,
        model: ExampleId::LiveCommerce.model().to_string(),
        options: Options::default(),
        population: None,
        n: None,
        reps,
        seed: crate::app::power_run::DEFAULT_SEED,
        paths: Vec::new(),
        alpha: 0.05,
    };
    let (spec, plan) = match ask(&engines[0], prepare).await {
        Some(Response::MonteCarloPrepared { spec, plan, .. }) => (spec, plan),
        other => return Err(unexpected(other)),
    };
    let parts = ranges(reps, engines.len());
    let answers = ask_all(engines, |i| Request::MonteCarloRange {
        id,
        spec: spec.clone(),
        start: parts[i].0,
        end: parts[i].1,
    })
    .await;
    let mut tally = Tally::default();
    for a in answers {
        match a {
            Some(Response::MonteCarloTally { tally: t, .. }) => tally.merge(&t),
            other => return Err(unexpected(other)),
        }
    }
    let answer = plan.answer(&tally).map_err(|e| e.to_string())?;
    Ok((dom::now_ms() - t0, answer.reps_converged))
}

/// Times `runs` bootstraps ([`BOOT_DRAWS`]) and `runs` Monte Carlo power
/// runs ([`MC_REPS`]) of the live-commerce model, on one worker and on the
/// app's number of workers, each after an untimed short run (which also
/// starts the extra workers). One JSON row per measure.
async fn bench_spread(first: Rc<Engine>, runs: usize) -> Vec<String> {
    let ex = ExampleId::LiveCommerce;
    // the first engine holds the data; the others take ranges only
    let load = Request::LoadData {
        id: first.next_id(),
        source: DataSource::Example(ex),
        settings: ReadSettings::default(),
    };
    let loaded = matches!(ask(&first, load).await, Some(Response::DataLoaded { .. }));
    let most = workers_for(BOOT_DRAWS);
    let mut engines = vec![first];
    while engines.len() < most {
        engines.push(Engine::start(|_| {}));
    }
    let mut counts = vec![1];
    if most > 1 {
        counts.push(most);
    }
    let mut rows = Vec::new();
    for kind in ["bootstrap", "monte_carlo"] {
        for &k in &counts {
            let on = &engines[..k];
            let (pieces, warm) = match kind {
                "bootstrap" => (BOOT_DRAWS, 100),
                _ => (MC_REPS, 20),
            };
            let run = |n: usize| async move {
                if !loaded {
                    return Err("data".to_string());
                }
                match kind {
                    "bootstrap" => one_bootstrap(on, n).await,
                    _ => one_monte_carlo(on, n).await,
                }
            };
            let mut times = Vec::new();
            let mut ok = 0;
            let mut error = run(warm).await.err();
            for _ in 0..runs {
                if error.is_some() {
                    break;
                }
                match run(pieces).await {
                    Ok((ms, converged)) => {
                        times.push(ms);
                        ok = converged;
                    }
                    Err(e) => error = Some(e),
                }
            }
            rows.push(format!(
                "{{\"example\":\"{}\",\"{kind}\":{pieces},\"workers\":{k},\"ok\":{ok},\"round_trip_ms\":{},\"reps\":{runs},\"error\":{}}}",
                ex.key(),
                json_ms(median(times)),
                error.map(|e| format!("{e:?}")).unwrap_or_else(|| "null".into())
            ));
        }
    }
    rows
}

#[component]
pub fn BenchReport(reps: usize) -> impl IntoView {
    let result = RwSignal::new(None::<String>);
    spawn_local(async move {
        let json = run_bench(reps).await;
        result.set(Some(json));
    });
    view! {
        <div class="page bench">
            <h1>"semlab benchmark"</h1>
            <p>{format!("{reps} timed fits per example")}</p>
            {move || result.get().map(|j| view! { <pre id="bench-results">{j}</pre> })}
        </div>
    }
}
