//! `semlab`: the command-line tool over the engine.
//!
//! ```text
//! semlab fit --data FILE --model FILE [--std-lv] [--orthogonal]
//!            [--missing-codes -99,999] [--estimator ML] [--json]
//!            [--alpha 0.05] [--tails two|one] [--expect positive|negative|any]
//! semlab fit --cov FILE --nobs N --model FILE ...
//! ```
//!
//! Bad input gives a one-line message on stderr and exit code 2.

use semlab::analysis::{self, DataInput, Estimator, Missing, Options};
use semlab::data::{read_covariance, read_table, ReadOptions};
use semlab::hypotheses::{Sign, Tails};
use std::process::ExitCode;

/// Marks output that was asked for (help, version): stdout and exit code 0.
const HELP: &str = "\u{0}";

const USAGE: &str = "usage: semlab fit --data FILE --model FILE [--std-lv] [--orthogonal] [--missing-codes -99,999] [--estimator ML] [--json]
       semlab fit --cov FILE --nobs N --model FILE [...]
options:
  --data FILE            CSV/TSV/semicolon-separated data with a header row
  --cov FILE --nobs N    a covariance matrix (full or lower triangle, names on the first line) and its N
  --model FILE           the model in lavaan syntax
  --std-lv               identify factors by fixing their variances to 1
  --orthogonal           uncorrelated factors
  --missing-codes LIST   extra codes meaning \"missing\", e.g. -99,999 (empty, NA and . always are)
  --estimator ML         the estimator (MLR, MLM and WLSMV are not supported yet)
  --alpha A              significance level for the hypothesis table (default 0.05)
  --tails two|one        two- or one-tailed hypothesis tests (default two)
  --expect positive|negative|any   expected sign of the hypothesised paths (default positive)
  --json                 print one JSON object instead of the report";

struct Args {
    data: Option<String>,
    cov: Option<String>,
    nobs: Option<usize>,
    model: Option<String>,
    json: bool,
    missing_codes: Vec<String>,
    opts: Options,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    match it.next().as_deref() {
        Some("fit") => {}
        Some("--help") | Some("-h") => return Err(format!("{HELP}{USAGE}")),
        Some("--version") => return Err(format!("{HELP}semlab {}", env!("CARGO_PKG_VERSION"))),
        None => return Err(format!("no command given\n{USAGE}")),
        Some(other) => {
            return Err(format!(
                "unknown command `{other}`; the command is `semlab fit` (see `semlab --help`)"
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
        opts: Options::default(),
    };
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
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
            "--std-lv" => a.opts.std_lv = true,
            "--orthogonal" => a.opts.orthogonal = true,
            "--missing-codes" => {
                a.missing_codes = value("--missing-codes")?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            "--estimator" => {
                let v = value("--estimator")?;
                a.opts.estimator = Estimator::parse(&v).ok_or_else(|| {
                    format!("unknown estimator `{v}`; choose ML (MLR, MLM and WLSMV come later)")
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
            "--group-equal" => {
                a.opts.group_equal = value("--group-equal")?
                    .split(',')
                    .map(str::to_string)
                    .collect()
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
            other => return Err(format!("unknown option `{other}` (see `semlab --help`)")),
        }
    }
    Ok(a)
}

fn read(path: &str, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read the {what} file `{path}`: {e}"))
}

fn run(args: Args) -> Result<String, String> {
    let model_path = args.model.ok_or("--model FILE is required")?;
    let model = String::from_utf8(read(&model_path, "model")?)
        .map_err(|_| format!("{model_path}: the model file is not UTF-8 text"))?;
    let result = match (&args.data, &args.cov) {
        (Some(path), None) => {
            let opts = ReadOptions {
                missing_codes: args.missing_codes.clone(),
                ..ReadOptions::default()
            };
            let table =
                read_table(&read(path, "data")?, &opts).map_err(|e| format!("{path}: {e}"))?;
            analysis::run(&DataInput::Table(&table), &model, &args.opts)
                .map_err(|e| prefix(&e, &model_path, path))?
        }
        (None, Some(path)) => {
            let n = args
                .nobs
                .ok_or("--cov needs --nobs N, the number of observations")?;
            let text = String::from_utf8(read(path, "covariance")?)
                .map_err(|_| format!("{path}: the file is not UTF-8 text"))?;
            let cov = read_covariance(&text, n).map_err(|e| format!("{path}: {e}"))?;
            analysis::run(&DataInput::Covariance(&cov), &model, &args.opts)
                .map_err(|e| prefix(&e, &model_path, path))?
        }
        (Some(_), Some(_)) => return Err("give either --data or --cov, not both".into()),
        (None, None) => return Err("--data FILE (or --cov FILE --nobs N) is required".into()),
    };
    if args.json {
        serde_json::to_string_pretty(&result).map_err(|e| e.to_string())
    } else {
        Ok(semlab::report::text::render(&result))
    }
}

/// Names the file an error comes from.
fn prefix(e: &analysis::AnalysisError, model_path: &str, data_path: &str) -> String {
    match e {
        analysis::AnalysisError::Model(_) | analysis::AnalysisError::Constraint(_) => {
            format!("{model_path}: {e}")
        }
        analysis::AnalysisError::Data(_) | analysis::AnalysisError::Moments(_) => {
            format!("{data_path}: {e}")
        }
        _ => e.to_string(),
    }
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)).and_then(run) {
        Ok(out) => {
            // a closed pipe (`semlab ... | head`) is not an error
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            if let Some(help) = msg.strip_prefix(HELP) {
                println!("{help}");
                return ExitCode::SUCCESS;
            }
            let first = msg.lines().next().unwrap_or_default();
            eprintln!("semlab: {first}");
            ExitCode::from(2)
        }
    }
}
