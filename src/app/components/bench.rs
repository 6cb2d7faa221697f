//! The benchmark page (`?bench` or `?bench=REPS`), used only by
//! `scripts/bench-browser`: fits each example REPS times in the worker and
//! prints, per example, the median time of the analysis inside the worker
//! and of the whole round trip (request, analysis, answer decoded), as JSON
//! in `<pre id="bench-results">`. Its strings are for the benchmark script,
//! not for people, so they are not in `text.rs`.

use crate::analysis::Options;
use crate::app::dom;
use crate::app::engine::Engine;
use crate::app::examples::ExampleId;
use crate::app::protocol::{DataSource, ReadSettings, Request, Response};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Untimed fits before the timed ones.
const WARMUP: usize = 3;

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
    format!("[{}]", rows.join(","))
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
