//! `semlab power`: sample size and power by the RMSEA (MacCallum, Browne &
//! Sugawara 1996; [`semlab::power`]) for a model's degrees of freedom —
//! given as `--df`, or taken from a model fitted to data (`--model`,
//! `--data`, whose N is then the N of the power). Out: the power of the
//! test at N, and the smallest N that reaches the target power.

use super::data_args::{parse_lang, walk, ReadArgs};
use semlab::analysis::{DataInput, Options};
use semlab::i18n::{Lang, Localized};
use semlab::power::{rmsea_min_n, rmsea_power, RmseaHypotheses};
use serde::Serialize;

pub const USAGE: &str =
    "usage: semlab power (--df DF | --data FILE --model FILE) [--n N] [--rmsea0 .05]
                    [--rmsea1 .08] [--alpha .05] [--groups G] [--target .80] [--json] [--lang en|zh]
  The power of the RMSEA test of close fit (ε₀ = .05 against ε₁ = .08; give --rmsea1 .01
  for the test of not-close fit) at N, and the smallest N whose power passes the target
  (MacCallum, Browne & Sugawara 1996; as semTools findRMSEApower / findRMSEAsamplesize).
  With --model and --data the model is fitted (ML) and its df and N are used; --n then
  asks about another N.
options:
  --missing-codes LIST, --sheet N   as for `semlab fit`";

/// What `semlab power --json` gives.
#[derive(Debug, Serialize)]
struct PowerResult {
    df: usize,
    /// The N the power is computed for (None: only the minimum N was asked).
    n: Option<usize>,
    rmsea0: f64,
    rmsea1: f64,
    alpha: f64,
    groups: usize,
    power: Option<f64>,
    target: f64,
    /// The smallest N (per group, as semTools) whose power exceeds `target`.
    min_n: usize,
}

/// Runs `semlab power` with the arguments after the command word.
pub fn run(args: impl Iterator<Item = String>) -> Result<String, String> {
    let mut h = RmseaHypotheses::default();
    let (mut df, mut n, mut model, mut json, mut lang) = (None, None, None, false, Lang::En);
    let mut target = 0.80;
    let mut input = ReadArgs::default();
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
            "--json" => json = true,
            "--lang" => lang = parse_lang(&value(flag)?)?,
            other => return input.take(other, value),
        }
        Ok(true)
    })?;
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
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the model file `{path}`: {e}"))?;
        let (_, table) = input.table(lang)?;
        let a = semlab::analysis::run(&DataInput::Table(&table), &text, &Options::default())
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
    let power = n
        .map(|n| rmsea_power(&h, df, n))
        .transpose()
        .map_err(|e| e.message(lang))?;
    let min_n = rmsea_min_n(&h, df, target).map_err(|e| e.message(lang))?;
    let r = PowerResult {
        df,
        n,
        rmsea0: h.rmsea0,
        rmsea1: h.rmsea1,
        alpha: h.alpha,
        groups: h.groups,
        power,
        target,
        min_n,
    };
    if json {
        serde_json::to_string_pretty(&r).map_err(|e| e.to_string())
    } else {
        Ok(text(&r, lang))
    }
}

/// The answer in words: the test, the power at N, the minimum N.
fn text(r: &PowerResult, lang: Lang) -> String {
    let close = r.rmsea1 > r.rmsea0;
    let f2 = |x: f64| {
        semlab::format::num(Some(x))
            .trim_start_matches('0')
            .to_string()
    };
    let per_group = r.groups > 1;
    match lang {
        Lang::Zh => {
            let test = if close {
                "近似拟合检验"
            } else {
                "非近似拟合检验"
            };
            let mut out = format!(
                "RMSEA 检验力分析（MacCallum, Browne & Sugawara, 1996）：{test}，ε₀ = {}，ε₁ = {}，α = {}，df = {}{}\n",
                f2(r.rmsea0), f2(r.rmsea1), f2(r.alpha), r.df,
                if per_group { format!("，{} 组", r.groups) } else { String::new() }
            );
            if let (Some(n), Some(p)) = (r.n, r.power) {
                out.push_str(&format!("N = {n} 时的检验力为 {}。\n", f2(p)));
            }
            out.push_str(&format!(
                "检验力超过 {} 所需的最小样本量：N = {}{}。\n",
                f2(r.target),
                r.min_n,
                if per_group { "（每组）" } else { "" }
            ));
            out
        }
        Lang::En => {
            let test = if close {
                "test of close fit"
            } else {
                "test of not-close fit"
            };
            let mut out = format!(
                "RMSEA power (MacCallum, Browne & Sugawara, 1996): {test}, ε₀ = {}, ε₁ = {}, α = {}, df = {}{}\n",
                f2(r.rmsea0), f2(r.rmsea1), f2(r.alpha), r.df,
                if per_group { format!(", {} groups", r.groups) } else { String::new() }
            );
            if let (Some(n), Some(p)) = (r.n, r.power) {
                out.push_str(&format!(
                    "With N = {n}, the power of the test is {}.\n",
                    f2(p)
                ));
            }
            out.push_str(&format!(
                "The smallest N whose power exceeds {}: N = {}{}.\n",
                f2(r.target),
                r.min_n,
                if per_group { " per group" } else { "" }
            ));
            out
        }
    }
}
