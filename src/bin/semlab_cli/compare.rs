//! `semlab compare`: two nested models on the same data — each model's
//! fit, the χ² difference test (Satorra–Bentler 2001 scaled for MLR/MLM),
//! ΔCFI and ΔRMSEA, AIC and BIC. See [`semlab::nested_models::compare`].

use super::data_args::{fit_cells, num, walk, FitArgs, FIT_HEADS};
use semlab::analysis::DataInput;
use semlab::i18n::{Lang, Localized};
use semlab::nested_models::{self, Comparison, DifferenceMethod};

pub const USAGE: &str =
    "usage: semlab compare --data FILE --model A.lav --model B.lav [--estimator ML|MLR|MLM|WLSMV]
                      [--ordered all|A,B] [--missing ml] [--group COL [--group-equal LIST]] [--json] [--lang en|zh]
  Fits both models to the same data and tests the more restricted one against the other
  (lavaan's anova / lavTestLRT). The models must be nested: the same observed variables,
  different degrees of freedom, and the one with more df must not fit better.
options:
  --group COL        both models fitted in each group of COL (lavaan's group =), e.g. to test
                     labels made equal across groups with c(a, a)*x2 in one model
  --group-equal LIST what is equal across groups in both models (lavaan's group.equal)
  --missing-codes LIST, --sheet N, --estimator E, --missing M, --ordered LIST   as for `semlab fit`";

struct Args {
    shared: FitArgs,
    models: Vec<String>,
}

fn parse(it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut shared = FitArgs::new();
    let mut models = Vec::new();
    walk(it, "compare", USAGE, |flag, value| match flag {
        "--model" => {
            models.push(value("--model")?);
            Ok(true)
        }
        other => shared.take(other, value),
    })?;
    Ok(Args { shared, models })
}

/// Runs `semlab compare` with the arguments after the command word.
pub fn run(args: impl Iterator<Item = String>) -> Result<String, String> {
    let a = parse(args)?;
    let lang = a.shared.lang;
    if a.models.len() != 2 {
        return Err(format!(
            "give exactly two models (`--model A.lav --model B.lav`), not {}",
            a.models.len()
        ));
    }
    let (_, table) = a.shared.input.table(lang)?;
    let texts = a
        .models
        .iter()
        .map(|m| {
            std::fs::read_to_string(m).map_err(|e| format!("cannot read the model file `{m}`: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let c = nested_models::compare(
        &DataInput::Table(&table),
        (&a.models[0], &texts[0]),
        (&a.models[1], &texts[1]),
        &a.shared.opts,
    )
    .map_err(|e| e.message(lang))?;
    a.shared.output(&c, text)
}

/// `= .561` or `< .001`: the difference test's p as the tables write it
/// ([`semlab::format::pval`]); it printed `0.0000` for a p below 5e-5.
fn p_relation(p: Option<f64>) -> String {
    let t = semlab::format::pval(p);
    if t.starts_with('<') {
        t
    } else {
        format!("= {t}")
    }
}

/// The two models' fit and their difference as a plain-text table.
fn text(c: &Comparison, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = if zh {
        format!("嵌套模型比较（{}，N = {}）\n", c.estimator, c.nobs)
    } else {
        format!("Nested models compared ({}, N = {})\n", c.estimator, c.nobs)
    };
    let width = c
        .models
        .iter()
        .map(|m| m.name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    out.push_str(&format!(
        "{:<width$} {:>5} {FIT_HEADS} {:>10} {:>10}\n",
        if zh { "模型" } else { "Model" },
        "npar",
        "AIC",
        "BIC"
    ));
    for m in &c.models {
        out.push_str(&format!(
            "{:<width$} {:>5} {} {:>10} {:>10}\n",
            m.name,
            m.npar,
            fit_cells(&m.fit),
            num(m.fit.aic, 3),
            num(m.fit.bic, 3)
        ));
    }
    let d = &c.difference;
    let method = if zh {
        c.difference_method.text_zh()
    } else {
        c.difference_method.text()
    };
    out.push_str(&format!(
        "\nΔχ² = {}, Δdf = {}, p {} ({method}); ΔCFI = {}, ΔRMSEA = {}\n",
        num(d.delta_chisq, 3),
        num(d.delta_df, 0),
        p_relation(d.delta_pvalue),
        num(d.delta_cfi, 3),
        num(d.delta_rmsea, 3)
    ));
    if c.difference_method == DifferenceMethod::SatorraBentler2001 {
        out.push_str(if zh {
            "注：χ² 为校正 χ²，CFI、TLI、RMSEA 为稳健指标；差值为受限模型（第二行）减去另一模型。\n"
        } else {
            "Note. χ² is the scaled statistic, CFI, TLI and RMSEA the robust indices; differences are the restricted model (second row) minus the other.\n"
        });
    } else {
        out.push_str(if zh {
            "注：差值为受限模型（第二行）减去另一模型。\n"
        } else {
            "Note. Differences are the restricted model (second row) minus the other.\n"
        });
    }
    out
}
