//! `semlab power`: sample size and power by the RMSEA (MacCallum, Browne &
//! Sugawara 1996; [`semlab::power`]) for a model's degrees of freedom —
//! given as `--df`, or taken from a model fitted to data (`--model`,
//! `--data`, whose N is then the N of the power). Out: the power of the
//! test at N, and the smallest N that reaches the target power.
//!
//! With `--monte-carlo` (or `--population`): the Monte Carlo power of
//! chosen paths ([`semlab::power::monte_carlo`]), simulated from the model
//! fitted to `--data` or from a typed population model.

use super::data_args::{comma_list, walk, FitArgs};
use semlab::analysis::DataInput;
use semlab::i18n::{Lang, Localized};
use semlab::power::monte_carlo::{
    fitted_population, monte_carlo, typed_population, Analyzed, MonteCarloAnswer, MonteCarloSpec,
    Source,
};
use semlab::power::{answer, RmseaHypotheses};
use semlab::report::power::{monte_carlo_sentences, sentences_in};

pub const USAGE: &str =
    "usage: semlab power (--df DF | --data FILE --model FILE) [--n N] [--rmsea0 .05]
                    [--rmsea1 .08] [--alpha .05] [--groups G] [--target .80] [--json] [--lang en|zh]
  The power of the RMSEA test of close fit (ε₀ = .05 against ε₁ = .08; give --rmsea1 .01
  for the test of not-close fit) at N, and the smallest N whose power passes the target
  (MacCallum, Browne & Sugawara 1996; as semTools findRMSEApower / findRMSEAsamplesize).
  With --model and --data the model is fitted (ML) and its df and N are used; --n then
  asks about another N.
options:
  --missing-codes LIST, --sheet N   as for `semlab fit`

       semlab power --monte-carlo --data FILE --model FILE [--n N] [--reps 500] [--seed S]
                    [--paths H1,H2a] [--estimator ML|MLR|MLM] [--alpha .05] [--json] [--lang en|zh]
       semlab power --population POP.lav [--model ANALYSIS.lav] --n N [...]
  Monte Carlo power of chosen paths (as simsem and pwrSEM): R data sets of N rows are
  simulated from the model fitted to the data (its implied moments) or from a typed
  population model whose numbers are the population values (`y ~ 0.3*x`; unset loadings
  and variances 1, other values 0, as lavaan's simulateData), refitted, and each path's
  two-sided Wald test counted; the power with its Monte Carlo SE. The refitted model is
  --model, else (with --population) the population text with its numbers freed. --paths
  takes labels or `y ~ x` (default: every regression path and every `:=` named H…);
  N defaults to the data's N; --reps defaults to 500, --seed to 12345.";

/// Replications of a Monte Carlo run unless `--reps` says otherwise.
const DEFAULT_REPS: usize = 500;
/// Seed of a Monte Carlo run unless `--seed` says otherwise (the bootstrap's default).
const DEFAULT_SEED: u64 = 12345;

/// What `--monte-carlo` / `--population` asked for.
#[derive(Default)]
struct McArgs {
    on: bool,
    population: Option<String>,
    reps: Option<usize>,
    seed: Option<u64>,
    paths: Vec<String>,
}

/// Runs `semlab power` with the arguments after the command word.
pub fn run(args: impl Iterator<Item = String>) -> Result<String, String> {
    let mut h = RmseaHypotheses::default();
    let (mut df, mut n, mut model) = (None, None, None);
    let mut target = 0.80;
    let mut fa = FitArgs::new();
    let mut mc = McArgs::default();
    let number = |flag: &str, v: String| {
        v.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("{flag} needs a number, not `{v}`"))
    };
    let count = |flag: &str, v: String| {
        v.trim()
            .parse::<usize>()
            .map_err(|_| format!("{flag} needs a whole number, not `{v}`"))
    };
    walk(args, "power", USAGE, |flag, value| {
        match flag {
            "--df" => df = Some(count(flag, value(flag)?)?),
            "--n" => n = Some(count(flag, value(flag)?)?),
            "--groups" => h.groups = count(flag, value(flag)?)?.max(1),
            "--rmsea0" => h.rmsea0 = number(flag, value(flag)?)?,
            "--rmsea1" => h.rmsea1 = number(flag, value(flag)?)?,
            "--alpha" => h.alpha = number(flag, value(flag)?)?,
            "--target" => target = number(flag, value(flag)?)?,
            "--model" => model = Some(value(flag)?),
            "--monte-carlo" => mc.on = true,
            "--population" => mc.population = Some(value(flag)?),
            "--reps" => mc.reps = Some(count(flag, value(flag)?)?),
            "--seed" => {
                let v = value(flag)?;
                mc.seed = Some(
                    v.trim()
                        .parse::<u64>()
                        .map_err(|_| format!("{flag} needs a whole number, not `{v}`"))?,
                )
            }
            "--paths" => mc.paths = comma_list(&value(flag)?),
            other => return fa.take(other, value),
        }
        Ok(true)
    })?;
    let lang = fa.lang;
    if mc.on || mc.population.is_some() {
        return run_monte_carlo(&fa, mc, model, n, h.alpha);
    }
    if mc.reps.is_some() || mc.seed.is_some() || !mc.paths.is_empty() {
        return Err(
            "--reps, --seed and --paths belong to a Monte Carlo run: add --monte-carlo".into(),
        );
    }
    match (&model, df) {
        (Some(_), Some(_)) => {
            return Err("give either --df or --model with --data, not both".into())
        }
        (None, None) => {
            return Err(format!(
                "give --df DF, or --model FILE with --data FILE\n{USAGE}"
            ))
        }
        _ => {}
    }
    if let Some(path) = model {
        let text = read_model(&path)?;
        let (_, table) = fa.input.table(lang)?;
        let a = semlab::analysis::run(&DataInput::Table(&table), &text, &fa.opts)
            .map_err(|e| e.message(lang))?;
        df = a
            .fit
            .get("df")
            .copied()
            .flatten()
            .map(|d| d.round() as usize);
        n = n.or(Some(a.nobs));
        if let Some(g) = &a.groups {
            h.groups = g.nobs.len();
        }
    }
    let df = df.unwrap_or(0);
    let r = answer(&h, df, n, target).map_err(|e| e.message(lang))?;
    fa.output(&r, |r, lang| sentences_in(r, lang).join("\n"))
}

fn read_model(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read the model file `{path}`: {e}"))
}

/// `semlab power --monte-carlo`: the population (fitted to `--data` with
/// `--model`, or typed in `--population`), the run, the answer.
fn run_monte_carlo(
    fa: &FitArgs,
    mc: McArgs,
    model: Option<String>,
    n: Option<usize>,
    alpha: f64,
) -> Result<String, String> {
    let lang = fa.lang;
    let msg = |e: semlab::power::monte_carlo::MonteCarloError| e.message(lang);
    let (population, source, analyzed, n) = match &mc.population {
        Some(path) => {
            if fa.input.data.is_some() {
                return Err("give either --population or --data, not both".into());
            }
            let text = read_model(path)?;
            let population = typed_population(&text).map_err(msg)?;
            let analyzed = match &model {
                Some(m) => Analyzed::Model(read_model(m)?),
                None => Analyzed::FreedPopulation(text),
            };
            let n = n.ok_or("a typed population needs --n N, the sample size to simulate")?;
            (population, Source::Typed, analyzed, n)
        }
        None => {
            let path = model.ok_or_else(|| {
                format!("a Monte Carlo run needs --model FILE with --data FILE, or --population FILE\n{USAGE}")
            })?;
            let text = read_model(&path)?;
            let (_, table) = fa.input.table(lang)?;
            let data = DataInput::Table(&table);
            let (population, nobs) = fitted_population(&data, &text, &fa.opts).map_err(msg)?;
            (
                population,
                Source::Fitted,
                Analyzed::Model(text),
                n.unwrap_or(nobs),
            )
        }
    };
    let spec = MonteCarloSpec {
        population,
        source,
        analyzed,
        options: fa.opts.clone(),
        paths: mc.paths,
        n,
        reps: mc.reps.unwrap_or(DEFAULT_REPS),
        seed: mc.seed.unwrap_or(DEFAULT_SEED),
        alpha,
    };
    let r = monte_carlo(&spec, &mut |_, _| true).map_err(msg)?;
    fa.output(&r, monte_carlo_text)
}

/// The answer in words, then a table of the paths.
fn monte_carlo_text(r: &MonteCarloAnswer, lang: Lang) -> String {
    let mut out = monte_carlo_sentences(r, lang);
    let head = match lang {
        Lang::Zh => ["路径", "", "总体值", "检验力", "MC SE"],
        Lang::En => ["path", "", "population", "power", "MC SE"],
    };
    let rows: Vec<[String; 5]> = r
        .paths
        .iter()
        .map(|p| {
            [
                p.label.clone(),
                format!("{} {} {}", p.lhs, p.op, p.rhs),
                format!("{:.3}", p.population),
                format!("{:.3}", p.power),
                format!("{:.3}", p.mc_se),
            ]
        })
        .collect();
    let width = |k: usize| {
        rows.iter()
            .map(|r| r[k].chars().count())
            .chain([head[k].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let w: Vec<usize> = (0..5).map(width).collect();
    let line = |cells: [&str; 5]| {
        format!(
            "{:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4]
        )
        .trim_end()
        .to_string()
    };
    out.push(String::new());
    out.push(line(head));
    for r in &rows {
        out.push(line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    out.join("\n")
}
