//! `semlab invariance`: the measurement-invariance ladder on the command
//! line (configural, metric, scalar, strict; differences, decisions, the
//! verdict, the ranked equality constraints of the failing level and the
//! latent mean differences). See [`semlab::invariance`].

use super::data_args::{fit_cells, num, walk, FitArgs, FIT_HEADS};
use semlab::analysis::DataInput;
use semlab::i18n::Lang;
use semlab::invariance::{self, Ladder, Rule};
use semlab::nested_models::DifferenceMethod;

pub const USAGE: &str = "usage: semlab invariance --data FILE --model FILE --group COL [--estimator ML|MLR|MLM]
                         [--missing ml] [--free 'x3~1,visual=~x2'] [--rule cfi-rmsea|cfi|chisq] [--json] [--lang en|zh]
options:
  --group COL      the column whose values are the groups
  --free LIST      parameters released from the equality constraints in every level
                   (partial invariance, lavaan's group.partial), e.g. 'x3~1'
  --rule R         when a level holds: cfi-rmsea (default: ΔCFI ≥ −.01 and ΔRMSEA ≤ .015),
                   cfi (ΔCFI ≥ −.01) or chisq (p of Δχ² ≥ .05)
  --missing-codes LIST, --sheet N, --estimator E, --missing M   as for `semlab fit`";

struct Args {
    shared: FitArgs,
    model: Option<String>,
    rule: Rule,
}

fn parse(it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut shared = FitArgs::new();
    let (mut model, mut rule) = (None, Rule::default());
    walk(it, "invariance", USAGE, |flag, value| {
        match flag {
            "--model" => model = Some(value("--model")?),
            "--group" => shared.opts.group = Some(value("--group")?),
            "--free" => {
                shared.opts.group_partial = value("--free")?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            "--rule" => {
                let v = value("--rule")?;
                rule = Rule::parse(&v)
                    .ok_or_else(|| format!("--rule is `cfi-rmsea`, `cfi` or `chisq`, not `{v}`"))?;
            }
            other => return shared.take(other, value),
        }
        Ok(true)
    })?;
    Ok(Args {
        shared,
        model,
        rule,
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
    a.shared.output(&ladder, text)
}

/// The ladder as a plain-text table with the verdict, the ranked
/// constraints and the latent means.
fn text(l: &Ladder, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let groups: Vec<String> = l
        .groups
        .iter()
        .zip(&l.nobs)
        .map(|(g, n)| format!("{g} (n = {n})"))
        .collect();
    out.push_str(&if zh {
        format!(
            "测量等值性检验（{}，分组变量 {}：{}）\n",
            l.estimator,
            l.group,
            groups.join("，")
        )
    } else {
        format!(
            "Measurement invariance ({}, groups by {}: {})\n",
            l.estimator,
            l.group,
            groups.join(", ")
        )
    });
    out.push_str(&format!(
        "{:<22} {FIT_HEADS} {:>9} {:>4} {:>6} {:>7} {:>7}  {}\n",
        if zh { "模型" } else { "Level" },
        "Δχ²",
        "Δdf",
        "p",
        "ΔCFI",
        "ΔRMSEA",
        if zh { "结论" } else { "Decision" }
    ));
    for r in &l.ladder {
        let decision = match r.decision {
            None => String::new(),
            Some(d) if d.holds => (if zh { "成立" } else { "holds" }).into(),
            Some(_) => (if zh { "不成立" } else { "fails" }).into(),
        };
        let name = if zh {
            r.level.name_zh()
        } else {
            r.level.name()
        };
        out.push_str(&format!(
            "{:<22} {} {:>9} {:>4} {:>6} {:>7} {:>7}  {}\n",
            name,
            fit_cells(&r.fit),
            num(r.difference.and_then(|d| d.delta_chisq), 3),
            num(r.difference.and_then(|d| d.delta_df), 0),
            num(r.difference.and_then(|d| d.delta_pvalue), 3),
            num(r.difference.and_then(|d| d.delta_cfi), 3),
            num(r.difference.and_then(|d| d.delta_rmsea), 3),
            decision
        ));
    }
    let rule_zh = match l.rule {
        Rule::CfiRmsea => {
            "ΔCFI ≥ −.01（Cheung & Rensvold, 2002）且 ΔRMSEA ≤ .015（Chen, 2007）时该层级成立"
        }
        Rule::Cfi => "ΔCFI ≥ −.01（Cheung & Rensvold, 2002）时该层级成立",
        Rule::Chisq => "χ² 差异检验不显著（p ≥ .05）时该层级成立",
    };
    let scaled = l.difference_method == DifferenceMethod::SatorraBentler2001;
    out.push_str(&match (zh, scaled) {
        (true, false) => format!("注：{rule_zh}。\n"),
        (false, false) => format!("Note. {}.\n", l.rule.text()),
        (true, true) => format!(
            "注：{rule_zh}。χ² 为校正 χ²，CFI、TLI、RMSEA 为稳健指标；Δχ² 为{}。\n",
            l.difference_method.text_zh()
        ),
        (false, true) => format!(
            "Note. {}. χ² is the scaled statistic, CFI, TLI and RMSEA the robust indices; Δχ² is the {}.\n",
            l.rule.text(),
            l.difference_method.text()
        ),
    });
    let est = if zh {
        l.established.name_zh()
    } else {
        l.established.name()
    };
    out.push_str(&match (l.failed_at, zh) {
        (Some(f), false) => format!(
            "\nVerdict: {est} invariance holds; {} invariance does not.\n",
            f.name()
        ),
        (Some(f), true) => format!("\n结论：{est}成立；{}不成立。\n", f.name_zh()),
        (None, false) => format!("\nVerdict: {est} invariance holds.\n"),
        (None, true) => format!("\n结论：{est}成立。\n"),
    });
    if !l.constraints.is_empty() {
        out.push_str(if zh {
            "\n可释放的等同约束（按得分检验 χ² 排序）：\n"
        } else {
            "\nConstraints of the failing level, by score test (release the first with --free):\n"
        });
        for c in &l.constraints {
            out.push_str(&format!(
                "  {:<32} χ²(1) = {:>7.3}  p = {:.3}  {} {:.3}\n",
                if zh { &c.name_zh } else { &c.name },
                c.chisq,
                c.pvalue,
                if zh {
                    "预期变化"
                } else {
                    "expected change"
                },
                c.epc
            ));
        }
    }
    if !l.latent_means.is_empty() {
        out.push_str(if zh {
            "\n潜均值差异（以第 1 组为参照）：\n"
        } else {
            "\nLatent mean differences (group 1 = 0):\n"
        });
        for m in &l.latent_means {
            out.push_str(&format!(
                "  {:<20} {:<12} {:>7.3}  SE {}  z {}  p {}  d {}\n",
                m.factor,
                m.label,
                m.est,
                num(m.se, 3),
                num(m.z, 2),
                num(m.pvalue, 3),
                num(m.d, 2)
            ));
        }
    }
    out
}
