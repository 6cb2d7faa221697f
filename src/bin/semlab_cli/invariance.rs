//! `semlab invariance`: the measurement-invariance ladder on the command
//! line (configural, metric, scalar, strict; differences, decisions, the
//! verdict, the ranked equality constraints of the failing level and the
//! latent mean differences). See [`semlab::invariance`].

use super::data_args::{comma_list, walk, FitArgs};
use semlab::analysis::DataInput;
use semlab::i18n::Lang;
use semlab::invariance::{self, Ladder, Rule};
use semlab::report::invariance::{apa_tables_in, methods_in, tables_in as invariance_tables};
use semlab::report::publish::Publish;
use semlab::report::text::render_table_in;

pub const USAGE: &str = "usage: semlab invariance --data FILE --model FILE --group COL [--estimator ML|MLR|MLM|WLSMV]
                         [--ordered all|A,B]
                         [--missing ml] [--free 'x3~1,visual=~x2'] [--rule cfi-rmsea|cfi|chisq] [--json] [--lang en|zh]
                         [--html FILE] [--latex FILE] [--csv-dir DIR] [--methods]
options:
  --group COL      the column whose values are the groups
  --free LIST      parameters released from the equality constraints in every level
                   (partial invariance, lavaan's group.partial), e.g. 'x3~1'
  --rule R         when a level holds: cfi-rmsea (default: ΔCFI ≥ −.01 and ΔRMSEA ≤ .015),
                   cfi (ΔCFI ≥ −.01) or chisq (p of Δχ² ≥ .05)
  --html FILE      the ladder and latent means as APA tables (pastes into Word)
  --latex FILE     the same tables as LaTeX (booktabs); --csv-dir DIR: one CSV file each
  --methods        print the methods paragraph's sentences on the ladder instead of the tables
  --ordered LIST   ordinal items (WLSMV): the scalar level makes their thresholds equal,
                   and there is no strict level (delta parameterization)
  --missing-codes LIST, --sheet N, --estimator E, --missing M   as for `semlab fit`";

struct Args {
    shared: FitArgs,
    model: Option<String>,
    rule: Rule,
    /// `--html`, `--latex`, `--csv-dir`, `--methods`.
    publish: Publish,
}

fn parse(it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut shared = FitArgs::new();
    let (mut model, mut rule) = (None, Rule::default());
    let mut publish = Publish::default();
    walk(it, "invariance", USAGE, |flag, value| {
        match flag {
            "--model" => model = Some(value("--model")?),
            "--free" => shared.opts.group_partial = comma_list(&value("--free")?),
            "--group-equal" => {
                return Err("the ladder sets group.equal itself, level by level (configural, metric, scalar, strict); release parameters with --free".into())
            }
            "--rule" => {
                let v = value("--rule")?;
                rule = Rule::parse(&v)
                    .ok_or_else(|| format!("--rule is `cfi-rmsea`, `cfi` or `chisq`, not `{v}`"))?;
            }
            f @ ("--html" | "--latex" | "--csv-dir") => publish.set(f, Some(value(f)?))?,
            "--methods" => publish.set("--methods", None)?,
            other => return shared.take(other, value),
        }
        Ok(true)
    })?;
    Ok(Args {
        shared,
        model,
        rule,
        publish,
    })
}

/// Runs `semlab invariance` with the arguments after the command word.
pub fn run(args: impl Iterator<Item = String>) -> Result<String, String> {
    let a = parse(args)?;
    let lang = a.shared.lang;
    if a.shared.input.data.is_none() {
        return Err("--data FILE is required".into());
    }
    let model_path = a.model.ok_or("--model FILE is required")?;
    if a.shared.opts.group.is_none() {
        return Err("--group COLUMN is required: the column whose values are the groups".into());
    }
    let (path, table) = a.shared.input.table(lang)?;
    let model = std::fs::read_to_string(&model_path)
        .map_err(|e| format!("cannot read the model file `{model_path}`: {e}"))?;
    let ladder = invariance::run(&DataInput::Table(&table), &model, &a.shared.opts, a.rule)
        .map_err(|e| super::prefix(&e, &model_path, &path, lang))?;
    if a.publish.wants_tables() {
        super::write_files(a.publish.table_files(&apa_tables_in(&ladder, lang), lang))?;
    }
    if a.publish.methods {
        return Ok(methods_in(&ladder, lang));
    }
    a.shared.output(&ladder, text)
}

/// The ladder as plain-text tables (the same tables the page shows,
/// [`semlab::report::invariance`]) with the verdict.
fn text(l: &Ladder, lang: Lang) -> String {
    let (ladder, verdict, rest) = invariance_tables(l, lang);
    let mut out = render_table_in(&ladder, lang);
    out.push_str(&match lang {
        Lang::Zh => format!("\n结论：{verdict}\n"),
        Lang::En => format!("\nVerdict: {verdict}\n"),
    });
    for t in rest {
        out.push('\n');
        out.push_str(&render_table_in(&t, lang));
    }
    out
}
