//! The benchmark page (`?bench` or `?bench=REPS&boot=RUNS`), used only by
//! `scripts/bench-browser`: fits each example REPS times in the worker and
//! prints, per example, the median time of the analysis inside the worker
//! and of the whole round trip (request, analysis, answer decoded); then
//! RUNS times (default 5) bootstraps the live-commerce model with
//! [`BOOT_DRAWS`] resamples, as the app does (in chunks, with progress
//! messages), and prints the median time. The results are JSON in
//! `<pre id="bench-results">`. Its strings are for the benchmark script,
//! not for people, so they are not in `text.rs`.

use crate::analysis::Options;
use crate::app::dom;
use crate::app::engine::Engine;
use crate::app::examples::ExampleId;
use crate::app::protocol::{DataSource, ReadSettings, Request, Response};
use crate::bootstrap::BootstrapOptions;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Untimed fits before the timed ones.
const WARMUP: usize = 3;
/// Resamples of each timed bootstrap (the app's default B).
const BOOT_DRAWS: usize = 1000;

/// `boot=RUNS` in the address: how many bootstraps to time.
fn boot_runs() -> usize {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("boot=").and_then(|v| v.parse().ok()))
        .unwrap_or(5)
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

async fn ask(engine: &Engine, req: Request) -> Option<Response> {
    JsFuture::from(engine.call(&req, None))
        .await
        .ok()
        .and_then(Engine::decode)
}

async fn run_bench(reps: usize) -> String {
    let engine = Engine::start(|_| {});
    let mut rows = Vec::new();
    for ex in ExampleId::ALL {
        let id = engine.next_id();
        let t0 = dom::now_ms();
        let loaded = ask(
            &engine,
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
                &engine,
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
                other => error = Some(format!("{other:?}")),
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
    rows.push(bench_bootstrap(&engine, boot_runs()).await);
    format!("[{}]", rows.join(","))
}

/// A time in ms for JSON (`null` when there is none).
fn json_ms(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}")
    } else {
        "null".into()
    }
}

/// Times `runs` bootstraps of the live-commerce model (after one untimed run).
async fn bench_bootstrap(engine: &Engine, runs: usize) -> String {
    let ex = ExampleId::LiveCommerce;
    let id = engine.next_id();
    let load = Request::LoadData {
        id,
        source: DataSource::Example(ex),
        settings: ReadSettings::default(),
    };
    let mut error = None;
    if !matches!(ask(engine, load).await, Some(Response::DataLoaded { .. })) {
        error = Some("data".to_string());
    }
    let options = Options {
        bootstrap: Some(BootstrapOptions {
            draws: BOOT_DRAWS,
            ..BootstrapOptions::default()
        }),
        ..Options::default()
    };
    let mut worker = Vec::new();
    let mut round = Vec::new();
    let mut ok = 0;
    for i in 0..runs + 1 {
        if error.is_some() {
            break;
        }
        let id = engine.next_id();
        let t0 = dom::now_ms();
        let req = Request::Bootstrap {
            id,
            model: ex.model().to_string(),
            options: options.clone(),
        };
        let resp = ask(engine, req).await;
        let t1 = dom::now_ms();
        match resp {
            Some(Response::Bootstrapped {
                elapsed_ms,
                analysis,
                ..
            }) => {
                ok = analysis.bootstrap.map_or(0, |b| b.ok);
                if i > 0 {
                    worker.push(elapsed_ms);
                    round.push(t1 - t0);
                }
            }
            other => error = Some(format!("{other:?}")),
        }
    }
    format!(
        "{{\"example\":\"{}\",\"bootstrap\":{},\"ok\":{},\"worker_ms\":{},\"round_trip_ms\":{},\"reps\":{},\"error\":{}}}",
        ex.key(),
        BOOT_DRAWS,
        ok,
        json_ms(median(worker)),
        json_ms(median(round)),
        runs,
        error.map(|e| format!("{:?}", e)).unwrap_or_else(|| "null".into())
    )
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
