//! `semlab`: the command-line tool over the engine.
//!
//! ```text
//! semlab fit --data FILE --model FILE [--std-lv] [--orthogonal]
//!            [--missing-codes -99,999] [--estimator ML|MLR|MLM|WLSMV]
//!            [--ordered all|A,B,C] [--fit-table standard|amos] [--json]
//!            [--bootstrap B [--seed S] [--boot-ci perc|bc]]
//!            [--alpha 0.05] [--tails two|one] [--expect positive|negative|any]
//!            [--group COL [--group-equal loadings,intercepts] [--group-partial 'x3~1']]
//! semlab fit --cov FILE --nobs N --model FILE ...
//! semlab invariance --data FILE --model FILE --group COL [--estimator E]
//!                   [--free 'x3~1'] [--rule cfi-rmsea|cfi|chisq] [--json]
//! semlab compare --data FILE --model A.lav --model B.lav [--estimator E] [--json]
//! semlab power (--df DF | --data FILE --model FILE) [--n N] [--target .80] [--json]
//! semlab explore --data FILE (--model FILE | --items a,b,c) [--factors K]
//!                [--rotation geomin|oblimin|promax|varimax|quartimin] [--marker COL] [--json]
//! ```
//!
//! Bad input gives a one-line message on stderr and exit code 2.

use semlab::analysis::{self, DataInput, Estimator, Missing, Options};
use semlab::data::{read_any, read_covariance, ReadOptions, TextEncoding};
use semlab::i18n::{Lang, Localized};
use semlab::report::publish::Publish;
use semlab::report::rscript::RData;
use semlab::tables::hypotheses::{Sign, Tails};

/// mimalloc (version 2) rather than the C library's malloc: an analysis
/// makes thousands of small matrices, and glibc's malloc/free took a
/// fifth of it; version 2 touches fewer fresh pages than 3 in a short
/// process (docs/dependencies.md, measured 2026-12-07).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "semlab_cli/compare.rs"]
mod compare;
#[path = "semlab_cli/data_args.rs"]
mod data_args;
#[path = "semlab_cli/explore.rs"]
mod explore;
#[path = "semlab_cli/invariance.rs"]
mod invariance;
#[path = "semlab_cli/power.rs"]
mod power;

/// Marks output that was asked for (help, version): stdout and exit code 0.
const HELP: &str = "\u{0}";

const USAGE: &str = "usage: semlab fit --data FILE --model FILE [--std-lv] [--orthogonal] [--missing-codes -99,999] [--estimator ML|MLR|MLM|WLSMV] [--ordered all|A,B] [--missing ml] [--bootstrap B --seed S] [--json]
       semlab fit --cov FILE --nobs N --model FILE [...]
       semlab explore --data FILE (--model FILE | --items a,b,c) [...]   (KMO, EFA, common-method bias; see `semlab explore --help`)
       semlab invariance --data FILE --model FILE --group COL [...]   (the measurement-invariance ladder; see `semlab invariance --help`)
       semlab compare --data FILE --model A.lav --model B.lav [...]   (two nested models: the χ² difference test; see `semlab compare --help`)
       semlab power (--df DF | --data FILE --model FILE) [--n N] [...]   (RMSEA power and minimum N; see `semlab power --help`)
options:
  --data FILE            the data: CSV/TSV/semicolon-separated text with a header row,
                         Excel .xlsx or SPSS .sav
  --cov FILE --nobs N    a covariance matrix (full or lower triangle, names on the first line) and its N
  --model FILE           the model in lavaan syntax
  --std-lv               identify factors by fixing their variances to 1
  --orthogonal           uncorrelated factors
  --center-interactions  mean-centre the variables of x:w terms before the product (PROCESS)
  --sheet N              which sheet of an .xlsx workbook (default 1, the first)
  --encoding NAME        the text encoding of a CSV file (default: detected; utf-8, gbk, gb18030, windows-1252, utf-16le, utf-16be)
  --missing-codes LIST   extra codes meaning \"missing\", e.g. -99,999 (empty, NA and . always are)
  --missing listwise|ml  rows with missing values: left out (listwise, the default), or
                         all used by full-information ML (ml, lavaan's missing = \"ml\")
  --estimator E          the estimator: ML, or ML with robust SEs and a scaled test
                         (MLR: Huber-White + Yuan-Bentler; MLM: Satorra-Bentler);
                         WLSMV for ordinal items (see --ordered)
  --ordered all|A,B,C    items that are ordinal (Likert): thresholds, polychoric
                         correlations and WLSMV (all = every item of the model)
  --group COL            compare groups: one model per value of column COL (lavaan's group)
  --group-equal LIST     equal across groups: loadings, intercepts, means, thresholds,
                         regressions, residuals, residual.covariances, lv.variances, lv.covariances
  --group-partial LIST   parameters exempt from --group-equal, e.g. 'x3~1,visual=~x2'
  --bootstrap B          also B bootstrap draws: bootstrap SEs and confidence intervals
  --seed S               seed of the bootstrap draws (default 12345)
  --boot-ci perc|bc      bootstrap interval: percentile (default) or bias-corrected
  --alpha A              significance level for the hypothesis table (default 0.05)
  --tails two|one        two- or one-tailed hypothesis tests (default two)
  --expect positive|negative|any   expected sign of the hypothesised paths (default positive)
  --json                 print one JSON object instead of the report
  --fit-table standard|amos   amos: also the model fit summary as AMOS prints it
                         (Default, Saturated and Independence models; with --json: `amos_fit`)
  --lang en|zh           the language of the report, the tables, the diagram, the methods
                         paragraph and the messages about the data and the model (zh: 简体中文)";

struct Args {
    data: Option<String>,
    cov: Option<String>,
    nobs: Option<usize>,
    model: Option<String>,
    json: bool,
    missing_codes: Vec<String>,
    /// Sheet of an Excel workbook (0-based), None = the first.
    sheet: Option<usize>,
    /// Text encoding of a CSV file, None = detect.
    encoding: Option<TextEncoding>,
    opts: Options,
    publish: Publish,
    seed: Option<u64>,
    boot_ci: Option<semlab::bootstrap::CiType>,
    /// The language of the report, the publication outputs and the
    /// messages about the data and the model.
    lang: Lang,
    /// `--fit-table amos`: also the AMOS model fit summary.
    amos_fit: bool,
}

/// `semlab --help` and `semlab fit --help`: the usage and the publication
/// outputs, marked as asked for.
fn fit_help() -> String {
    format!("{HELP}{USAGE}\n{}", semlab::report::publish::USAGE)
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    match it.next().as_deref() {
        Some("fit") => {}
        Some("--help") | Some("-h") => return Err(fit_help()),
        Some("--version") => return Err(format!("{HELP}semlab {}", env!("CARGO_PKG_VERSION"))),
        None => return Err(format!("no command given\n{USAGE}")),
        Some(other) => {
            return Err(format!(
                "unknown command `{other}`; the commands are `semlab fit`, `semlab invariance`, `semlab compare`, `semlab explore` and `semlab power` (see `semlab --help`)"
            ))
        }
    }
    let mut a = Args {
        data: None,
        cov: None,
        nobs: None,
        model: None,
        json: false,
        missing_codes: Vec::new(),
        sheet: None,
        encoding: None,
        opts: Options::default(),
        publish: Publish::default(),
        seed: None,
        boot_ci: None,
        lang: Lang::En,
        amos_fit: false,
    };
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            // `semlab fit --help`, as the other commands take it
            "--help" | "-h" => return Err(fit_help()),
            "--data" => a.data = Some(value("--data")?),
            "--cov" => a.cov = Some(value("--cov")?),
            "--nobs" => {
                let v = value("--nobs")?;
                a.nobs = Some(v.parse().map_err(|_| {
                    format!("--nobs needs a whole number of observations, not `{v}`")
                })?);
            }
            "--model" => a.model = Some(value("--model")?),
            "--json" => a.json = true,
            "--lang" => {
                let v = value("--lang")?;
                a.lang = Lang::parse(&v)
                    .ok_or_else(|| format!("--lang is `en` or `zh` (简体中文), not `{v}`"))?;
            }
            "--std-lv" => a.opts.std_lv = true,
            "--orthogonal" => a.opts.orthogonal = true,
            "--center-interactions" => a.opts.center_interactions = true,
            "--sheet" => a.sheet = Some(data_args::sheet_index(&value("--sheet")?)?),
            "--encoding" => a.encoding = Some(data_args::encoding(&value("--encoding")?)?),
            "--missing-codes" => {
                a.missing_codes = data_args::missing_codes(&value("--missing-codes")?)
            }
            "--estimator" => {
                let v = value("--estimator")?;
                a.opts.estimator = Estimator::parse(&v).ok_or_else(|| {
                    format!("unknown estimator `{v}`; choose ML, MLR, MLM or WLSMV")
                })?;
            }
            "--missing" => {
                let v = value("--missing")?;
                a.opts.missing = match v.as_str() {
                    "listwise" => Missing::Listwise,
                    "ml" | "fiml" => Missing::Ml,
                    _ => return Err(format!("unknown --missing `{v}`; choose listwise or ml")),
                };
            }
            "--ordered" => {
                a.opts.ordered = value("--ordered")?.split(',').map(str::to_string).collect()
            }
            "--group" => a.opts.group = Some(value("--group")?),
            "--group-equal" => a.opts.group_equal = data_args::comma_list(&value("--group-equal")?),
            "--group-partial" => {
                a.opts.group_partial = data_args::comma_list(&value("--group-partial")?)
            }
            "--alpha" => {
                let v = value("--alpha")?;
                a.opts.hypotheses.alpha = v
                    .parse()
                    .map_err(|_| format!("--alpha needs a number such as 0.05, not `{v}`"))?;
            }
            "--tails" => {
                let v = value("--tails")?;
                a.opts.hypotheses.tails = match v.as_str() {
                    "two" | "2" => Tails::Two,
                    "one" | "1" => Tails::One,
                    _ => return Err(format!("--tails is `two` or `one`, not `{v}`")),
                };
            }
            "--expect" => {
                let v = value("--expect")?;
                a.opts.hypotheses.expected_sign = match v.as_str() {
                    "positive" | "+" => Sign::Positive,
                    "negative" | "-" => Sign::Negative,
                    "any" => Sign::Any,
                    _ => {
                        return Err(format!(
                            "--expect is `positive`, `negative` or `any`, not `{v}`"
                        ))
                    }
                };
            }
            "--no-modindices" => a.opts.modindices = false,
            "--fit-table" => {
                let v = value("--fit-table")?;
                a.amos_fit = match v.as_str() {
                    "standard" => false,
                    "amos" | "AMOS" => true,
                    _ => return Err(format!("--fit-table is `standard` or `amos`, not `{v}`")),
                };
            }
            "--bootstrap" => {
                let v = value("--bootstrap")?;
                let draws: usize = v.parse().ok().filter(|b| *b > 0).ok_or_else(|| {
                    format!("--bootstrap needs a positive number of draws such as 1000, not `{v}`")
                })?;
                a.opts.bootstrap.get_or_insert_with(Default::default).draws = draws;
            }
            "--seed" => {
                let v = value("--seed")?;
                let seed: u64 = v
                    .parse()
                    .map_err(|_| format!("--seed needs a whole number, not `{v}`"))?;
                a.seed = Some(seed);
            }
            "--boot-ci" => {
                let v = value("--boot-ci")?;
                a.boot_ci = Some(semlab::bootstrap::CiType::parse(&v).ok_or_else(|| {
                    format!("--boot-ci is `perc` or `bc` (bias-corrected), not `{v}`")
                })?);
            }
            f if Publish::takes_value(f) => {
                let v = value(f)?;
                a.publish.set(f, Some(v))?
            }
            f if Publish::is_switch(f) => a.publish.set(f, None)?,
            other => return Err(format!("unknown option `{other}` (see `semlab --help`)")),
        }
    }
    match a.opts.bootstrap.as_mut() {
        Some(b) => {
            if let Some(s) = a.seed {
                b.seed = s;
            }
            if let Some(c) = a.boot_ci {
                b.ci_type = c;
            }
        }
        None if a.seed.is_some() || a.boot_ci.is_some() => {
            return Err("--seed and --boot-ci go with --bootstrap B".into())
        }
        None => {}
    }
    Ok(a)
}

fn read(path: &str, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read the {what} file `{path}`: {e}"))
}

fn run(args: Args) -> Result<String, String> {
    let lang = args.lang;
    let model_path = args.model.clone().ok_or("--model FILE is required")?;
    let model = String::from_utf8(read(&model_path, "model")?)
        .map_err(|_| format!("{model_path}: the model file is not UTF-8 text"))?;
    let rdata;
    let mut table = None;
    let result = match (&args.data, &args.cov) {
        (Some(path), None) => {
            let opts = ReadOptions {
                missing_codes: args.missing_codes.clone(),
                encoding: args.encoding,
                ..ReadOptions::default()
            };
            let bytes = read(path, "data")?;
            if let Some(note) = data_args::sheet_note(&bytes, args.sheet, lang) {
                eprintln!("{note}");
            }
            let table = table.insert(
                read_any(&bytes, path, args.sheet, &opts)
                    .map_err(|e| format!("{path}: {}", e.message(lang)))?,
            );
            rdata = RData::File {
                name: path.clone(),
                delimiter: table.delimiter(),
                decimal_comma: table.decimal_comma(),
                missing_codes: args.missing_codes.clone(),
                encoding: table.encoding(),
                composites: Vec::new(),
            };
            let a = analysis::run(&DataInput::Table(table), &model, &args.opts)
                .map_err(|e| prefix(&e, &model_path, path, lang))?;
            let used = a.data.variables.clone();
            for note in data_args::missing_code_notes(table, Some(&used), lang) {
                eprintln!("{note}");
            }
            a
        }
        (None, Some(path)) => {
            let n = args
                .nobs
                .ok_or("--cov needs --nobs N, the number of observations")?;
            let text = String::from_utf8(read(path, "covariance")?)
                .map_err(|_| format!("{path}: the file is not UTF-8 text"))?;
            let cov =
                read_covariance(&text, n).map_err(|e| format!("{path}: {}", e.message(lang)))?;
            rdata = RData::Covariance {
                name: path.clone(),
                nobs: n,
            };
            analysis::run(&DataInput::Covariance(&cov), &model, &args.opts)
                .map_err(|e| prefix(&e, &model_path, path, lang))?
        }
        (Some(_), Some(_)) => return Err("give either --data or --cov, not both".into()),
        (None, None) => return Err("--data FILE (or --cov FILE --nobs N) is required".into()),
    };
    let files = args.publish.files(
        &result,
        &model,
        &args.opts,
        &rdata,
        &args.missing_codes,
        lang,
    );
    write_files(files)?;
    let out = output(&args, &result, lang);
    // The process ends right after printing: the system takes back the
    // memory at once, while dropping the data set (a String per cell) and
    // the result piece by piece took about 5 % of a `semlab fit` run.
    std::mem::forget((table, result));
    out
}

/// What `semlab fit` prints: the methods paragraph, the JSON or the tables.
fn output(args: &Args, result: &analysis::Analysis, lang: Lang) -> Result<String, String> {
    if let Some(text) = args.publish.methods_text(result, &args.opts, lang) {
        Ok(text)
    } else if args.json {
        let mut json = serde_json::to_value(result).map_err(|e| e.to_string())?;
        if args.amos_fit {
            json["amos_fit"] = serde_json::to_value(semlab::report::amos::amos_fit_of(result))
                .map_err(|e| e.to_string())?;
        }
        serde_json::to_string_pretty(&json).map_err(|e| e.to_string())
    } else {
        let mut out = semlab::report::text::render_in(result, lang);
        if args.amos_fit {
            match semlab::report::amos::amos_table_in(result, lang) {
                Some(t) => out.push_str(&semlab::report::text::render_table_in(&t, lang)),
                None => out.push_str(match lang {
                    Lang::En => "The AMOS fit summary is for maximum likelihood; with WLSMV report the scaled indices above.\n",
                    Lang::Zh => "AMOS 拟合摘要仅适用于最大似然估计；使用 WLSMV 时请报告上面的校正指标。\n",
                }),
            }
        }
        Ok(out)
    }
}

/// Writes the `--html`, `--diagram`, … files (path, content), making
/// their folders.
fn write_files(files: Vec<(String, String)>) -> Result<(), String> {
    for (path, content) in files {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(&path, content).map_err(|e| format!("cannot write `{path}`: {e}"))?;
    }
    Ok(())
}

/// Names the file an error comes from; the message in `lang`.
fn prefix(e: &analysis::AnalysisError, model_path: &str, data_path: &str, lang: Lang) -> String {
    let m = e.message(lang);
    match e {
        analysis::AnalysisError::Model(_) | analysis::AnalysisError::Constraint(_) => {
            format!("{model_path}: {m}")
        }
        analysis::AnalysisError::Data(_) | analysis::AnalysisError::Moments(_) => {
            format!("{data_path}: {m}")
        }
        _ => m,
    }
}

fn main() {
    // a closed pipe (`semlab ... | head`) is not an error, for a report or
    // the help alike (println! panics on it)
    let print = |text: &str| {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{text}");
    };
    let code = match command_outcome() {
        Ok(out) => {
            print(&out);
            0
        }
        Err(msg) => {
            if let Some(help) = msg.strip_prefix(HELP) {
                print(help);
                0
            } else {
                let first = msg.lines().next().unwrap_or_default();
                eprintln!("semlab: {first}");
                2
            }
        }
    };
    exit_now(code)
}

/// The subcommand's output, or the message to print.
fn command_outcome() -> Result<String, String> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("explore") {
        explore::run(args.skip(1))
    } else if args.peek().map(String::as_str) == Some("invariance") {
        invariance::run(args.skip(1))
    } else if args.peek().map(String::as_str) == Some("compare") {
        compare::run(args.skip(1))
    } else if args.peek().map(String::as_str) == Some("power") {
        power::run(args.skip(1))
    } else {
        parse_args(args).and_then(run)
    }
}

/// Ends the process at once, once stdout and stderr are flushed (the
/// files were written whole before), without the clean-up at exit: the
/// allocator gave its freed pages back to the system one by one there
/// (a dozen `madvise` calls, each splitting a huge page) just before the
/// system takes the whole address space back anyway — about 0.15 ms of a
/// 6 ms `semlab fit` (measured 2026-12-07, docs/dependencies.md).
fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` only ends the process; nothing is left to write.
    #[cfg(not(target_arch = "wasm32"))]
    unsafe {
        libc::_exit(code)
    }
    // (the binary is only checked for the browser's target, never run there)
    #[cfg(target_arch = "wasm32")]
    std::process::exit(code)
}
