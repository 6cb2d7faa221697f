//! `semlab power`: sample size and power by the RMSEA (MacCallum, Browne &
//! Sugawara 1996; [`semlab::power`]) for a model's degrees of freedom —
//! given as `--df`, or taken from a model fitted to data (`--model`,
//! `--data`, whose N is then the N of the power). Out: the power of the
//! test at N, and the smallest N that reaches the target power.

use super::data_args::{parse_lang, walk, ReadArgs};
use semlab::analysis::{DataInput, Options};
use semlab::i18n::{Lang, Localized};
use semlab::power::{answer, RmseaHypotheses};
use semlab::report::power::sentences_in;

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
    let r = answer(&h, df, n, target).map_err(|e| e.message(lang))?;
    if json {
        serde_json::to_string_pretty(&r).map_err(|e| e.to_string())
    } else {
        Ok(sentences_in(&r, lang).join("\n"))
    }
}
