//! Times the full analysis (fit, SEs, fit measures, standardized solution
//! with SEs, modification indices, reliability, hypotheses) of every
//! reference case natively, from data already in memory (as lavaan's
//! `sem()` gets a data frame), and separately the reading of the CSV file;
//! then the analysis of `livecommerce_sem` with 1000 percentile and 5000
//! bias-corrected bootstrap resamples (the mediation default);
//! then the Monte Carlo power of its hypotheses with 500 replications;
//! then, when `SEMLAB_BIN` names the command-line tool, the whole `semlab
//! fit` process on two cases beside the same work in this process.
//! Prints one JSON object: `{"cases": {case → {"analysis": median ms,
//! "read": median ms}}, "bootstrap": [{"case", "draws", "ci", "ok", "ms":
//! median ms, "reps"}, …], "monte_carlo": {"case", "n", "reps", "converged", "ms",
//! "runs"}, "process": {case → {"process", "start", "in_process",
//! "analysis"}}}` (median ms). Used by `scripts/bench`; run it directly with
//! `cargo run --release --example bench [REPS] [BOOTSTRAP_REPS]`.

use semlab::analysis::{self, DataInput, Estimator, Missing, Options};
use semlab::bootstrap::{BootstrapOptions, CiType};
use semlab::data::{read_table, ReadOptions};
use std::time::Instant;

/// The command-line tool's allocator (src/bin/semlab.rs), so that the
/// in-process times are those of `semlab fit`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn options(call: &serde_json::Value) -> Option<Options> {
    let mut o = Options::default();
    if call.as_array().is_some_and(|a| a.is_empty()) {
        return Some(o);
    }
    for (k, v) in call.as_object()? {
        match k.as_str() {
            "std.lv" => o.std_lv = v.as_bool()?,
            "estimator" => o.estimator = Estimator::parse(v.as_str()?)?,
            "missing" if v == "ml" => o.missing = Missing::Ml,
            "ordered" => {
                o.ordered = v
                    .as_array()?
                    .iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            }
            "group" => o.group = Some(v.as_str()?.to_string()),
            _ => {}
        }
    }
    Some(o)
}

/// Median wall time of `reps` runs, in milliseconds.
fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[reps / 2]
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut out = serde_json::Map::new();
    for set in ["lavaan", "lavaan-advanced"] {
        let mut dirs: Vec<_> = std::fs::read_dir(root.join(set))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let reference: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join("reference.json")).unwrap())
                    .unwrap();
            let Some(opts) = options(&reference["call"]) else {
                continue;
            };
            let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
            let bytes = std::fs::read(dir.join(reference["data_file"].as_str().unwrap())).unwrap();
            let table = read_table(&bytes, &ReadOptions::default()).unwrap();
            if analysis::run(&DataInput::Table(&table), &model, &opts).is_err() {
                continue; // estimator not available yet
            }
            let analysis = median_ms(reps, || {
                std::hint::black_box(analysis::run(&DataInput::Table(&table), &model, &opts).ok());
            });
            let read = median_ms(reps, || {
                std::hint::black_box(read_table(&bytes, &ReadOptions::default()).ok());
            });
            out.insert(
                name,
                serde_json::json!({"analysis": analysis, "read": read}),
            );
        }
    }
    let boot_reps: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let bootstrap: Vec<serde_json::Value> = BOOT_RUNS
        .into_iter()
        .map(|(draws, ci)| bench_bootstrap(&root, boot_reps, draws, ci))
        .collect();
    let monte_carlo = bench_monte_carlo(&root, boot_reps);
    let process = std::env::var("SEMLAB_BIN")
        .ok()
        .map(|bin| bench_process(&root, &bin, reps.min(100)));
    println!(
        "{}",
        serde_json::json!({"cases": serde_json::Value::Object(out), "bootstrap": bootstrap, "monte_carlo": monte_carlo, "process": process})
    );
}

/// The whole `semlab fit --data CSV --model M` process (tables as text to
/// a null sink), beside `semlab --version` (starting a process and
/// nothing else) and, in this process, the same work: reading the CSV,
/// the analysis and the text tables — and the analysis alone.
fn bench_process(root: &std::path::Path, bin: &str, reps: usize) -> serde_json::Value {
    use std::process::{Command, Stdio};
    let spawn = |args: &[&std::ffi::OsStr]| {
        let status = Command::new(bin)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("semlab runs");
        assert!(status.success(), "semlab {args:?} failed");
    };
    let start = median_ms(reps, || spawn(&["--version".as_ref()]));
    let mut out = serde_json::Map::new();
    for (case, csv) in [
        ("livecommerce_sem", "livecommerce_sem.csv"),
        ("hs1939_cfa", "hs1939_cfa.csv"),
    ] {
        let dir = root.join("lavaan").join(case);
        let (data, model_file) = (dir.join(csv), dir.join("model.lav"));
        let args = [
            "fit".as_ref(),
            "--data".as_ref(),
            data.as_os_str(),
            "--model".as_ref(),
            model_file.as_os_str(),
        ];
        let process = median_ms(reps, || spawn(&args));
        let bytes = std::fs::read(&data).unwrap();
        let model = std::fs::read_to_string(&model_file).unwrap();
        let opts = Options::default();
        let in_process = median_ms(reps, || {
            let table = read_table(&bytes, &ReadOptions::default()).unwrap();
            let a = analysis::run(&DataInput::Table(&table), &model, &opts).unwrap();
            std::hint::black_box(semlab::report::text::render(&a));
        });
        let table = read_table(&bytes, &ReadOptions::default()).unwrap();
        let analysis = median_ms(reps, || {
            std::hint::black_box(analysis::run(&DataInput::Table(&table), &model, &opts).ok());
        });
        out.insert(
            case.into(),
            serde_json::json!({"process": process, "start": start, "in_process": in_process, "analysis": analysis}),
        );
    }
    serde_json::Value::Object(out)
}

/// The timed bootstraps: lavaan's default B with percentile intervals, and
/// the B = 5000 bias-corrected intervals of a mediation analysis (温忠麟's
/// procedure, PROCESS's default resamples).
const BOOT_RUNS: [(usize, CiType); 2] = [(1000, CiType::Percentile), (5000, CiType::BiasCorrected)];

/// The full analysis of the live-commerce SEM with `draws` bootstrap
/// resamples and `ci` intervals (seed 12345), median of `reps` runs.
fn bench_bootstrap(
    root: &std::path::Path,
    reps: usize,
    draws: usize,
    ci: CiType,
) -> serde_json::Value {
    let dir = root.join("lavaan/livecommerce_sem");
    let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
    let bytes = std::fs::read(dir.join("livecommerce_sem.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            draws,
            ci_type: ci,
            ..BootstrapOptions::default()
        }),
        ..Options::default()
    };
    let run = || analysis::run(&DataInput::Table(&table), &model, &opts).unwrap();
    let ok = run().bootstrap.map_or(0, |b| b.ok);
    let ms = median_ms(reps, || {
        std::hint::black_box(run());
    });
    let ci = match ci {
        CiType::Percentile => "percentile",
        CiType::BiasCorrected => "bias-corrected",
    };
    serde_json::json!({"case": "livecommerce_sem", "draws": draws, "ci": ci, "ok": ok, "ms": ms, "reps": reps})
}

/// Replications of the timed Monte Carlo power run.
const MC_REPS: usize = 500;
/// Sample size of each simulated data set.
const MC_N: usize = 300;

/// Monte Carlo power of every hypothesis of the live-commerce SEM:
/// [`MC_REPS`] data sets of N = [`MC_N`] from its fitted moments (seed
/// 12345), each refitted by ML; the population's fit included; median of
/// `runs` runs.
fn bench_monte_carlo(root: &std::path::Path, runs: usize) -> serde_json::Value {
    use semlab::power::monte_carlo::{
        fitted_population, monte_carlo, Analyzed, MonteCarloSpec, Source,
    };
    let dir = root.join("lavaan/livecommerce_sem");
    let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
    let bytes = std::fs::read(dir.join("livecommerce_sem.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options::default();
    let run = || {
        let data = DataInput::Table(&table);
        let (population, _) = fitted_population(&data, &model, &opts).unwrap();
        let spec = MonteCarloSpec {
            population,
            source: Source::Fitted,
            analyzed: Analyzed::Model(model.clone()),
            options: opts.clone(),
            paths: Vec::new(),
            n: MC_N,
            reps: MC_REPS,
            seed: 12345,
            alpha: 0.05,
        };
        monte_carlo(&spec, &mut |_, _| true).unwrap()
    };
    let converged = run().reps_converged;
    let ms = median_ms(runs, || {
        std::hint::black_box(run());
    });
    serde_json::json!({"case": "livecommerce_sem", "n": MC_N, "reps": MC_REPS, "converged": converged, "ms": ms, "runs": runs})
}
