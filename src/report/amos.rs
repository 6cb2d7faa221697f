//! The AMOS model fit summary as a [`Table`]: an [`Analysis`] in; one row
//! per AMOS measure (grouped as AMOS groups them: CMIN, RMR/GFI, baseline
//! comparisons, parsimony, NCP, FMIN, RMSEA, AIC, ECVI, HOELTER) with the
//! Default, Saturated and Independence models' values, the criterion and
//! whether the default model meets it. The numbers come from
//! [`crate::fitmeasures::amos`]; the rules from [`super::cutoffs`] (the
//! same rule as the standard fit table wherever an index is in both).

use super::cutoffs::{Rule, AMOS_ONLY_RULES, FIT_ROWS, INFORMATION_CRITERIA_SOURCE};
use super::{int, num, pval, verdicts, yes_no, Lang, Table};
use crate::analysis::{Analysis, Missing};
use crate::fitmeasures::amos::{amos_fit, AmosFit, AmosInput, AmosModel};

/// The AMOS summary of an analysis; `None` for WLSMV (AMOS has no
/// estimator for ordinal items; report the scaled indices instead) or when
/// the fit measures are missing. MLR and MLM give the ML rows (AMOS has no
/// robust test). With groups, each group's N enters BCC and the
/// independence model's RMSEA, and BIC and CAIC stay empty, as AMOS prints
/// them for one group only.
pub fn amos_fit_of(a: &Analysis) -> Option<AmosFit> {
    if a.estimator.starts_with("WLS") || a.estimator.starts_with("DWLS") {
        return None;
    }
    let sizes = match &a.groups {
        Some(g) => g.nobs.clone(),
        None => vec![a.nobs],
    };
    amos_fit(
        &a.fit,
        &AmosInput {
            group_sizes: &sizes,
            observed: a.data.variables.len(),
            complete_data: a.data.missing == Missing::Listwise,
        },
    )
}

/// How a row is judged.
#[derive(Clone, Copy)]
enum Judge {
    None,
    /// A cutoff with its source.
    Rule(Rule, &'static str),
    /// Below the saturated and the independence model.
    BelowBoth,
}

/// What a row shows.
#[derive(Clone, Copy)]
enum Shown {
    Int,
    P,
    Num,
}

struct Row {
    label: &'static str,
    value: fn(&AmosModel) -> Option<f64>,
    shown: Shown,
    judge: Judge,
}

fn standard_rule(key: &str) -> Judge {
    FIT_ROWS
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| r.rule.map(|rule| Judge::Rule(rule, r.source)))
        .unwrap_or(Judge::None)
}

fn amos_rule(label: &str) -> Judge {
    AMOS_ONLY_RULES
        .iter()
        .find(|(l, _, _)| *l == label)
        .map(|&(_, rule, source)| Judge::Rule(rule, source))
        .unwrap_or(Judge::None)
}

fn rows() -> Vec<Row> {
    use Shown::*;
    let r = |label, value, shown, judge| Row {
        label,
        value,
        shown,
        judge,
    };
    vec![
        r("NPAR", |m| m.npar, Int, Judge::None),
        r("CMIN", |m| m.cmin, Num, Judge::None),
        r("DF", |m| m.df, Int, Judge::None),
        r("P", |m| m.p, P, standard_rule("pvalue")),
        r("CMIN/DF", |m| m.cmin_df, Num, standard_rule("chisq/df")),
        r("RMR", |m| m.rmr, Num, Judge::None),
        r("GFI", |m| m.gfi, Num, standard_rule("gfi")),
        r("AGFI", |m| m.agfi, Num, standard_rule("agfi")),
        r("PGFI", |m| m.pgfi, Num, amos_rule("PGFI")),
        r("NFI", |m| m.nfi, Num, standard_rule("nfi")),
        r("RFI", |m| m.rfi, Num, amos_rule("RFI")),
        r("IFI", |m| m.ifi, Num, standard_rule("ifi")),
        r("TLI", |m| m.tli, Num, standard_rule("tli")),
        r("CFI", |m| m.cfi, Num, standard_rule("cfi")),
        r("PRATIO", |m| m.pratio, Num, Judge::None),
        r("PNFI", |m| m.pnfi, Num, amos_rule("PNFI")),
        r("PCFI", |m| m.pcfi, Num, amos_rule("PCFI")),
        r("NCP", |m| m.ncp, Num, Judge::None),
        r("NCP LO 90", |m| m.ncp_lo, Num, Judge::None),
        r("NCP HI 90", |m| m.ncp_hi, Num, Judge::None),
        r("FMIN", |m| m.fmin, Num, Judge::None),
        r("F0", |m| m.f0, Num, Judge::None),
        r("F0 LO 90", |m| m.f0_lo, Num, Judge::None),
        r("F0 HI 90", |m| m.f0_hi, Num, Judge::None),
        r("RMSEA", |m| m.rmsea, Num, standard_rule("rmsea")),
        r("RMSEA LO 90", |m| m.rmsea_lo, Num, Judge::None),
        r(
            "RMSEA HI 90",
            |m| m.rmsea_hi,
            Num,
            standard_rule("rmsea.ci.upper"),
        ),
        r("PCLOSE", |m| m.pclose, P, standard_rule("rmsea.pvalue")),
        r("AIC", |m| m.aic, Num, Judge::BelowBoth),
        r("BCC", |m| m.bcc, Num, Judge::BelowBoth),
        r("BIC", |m| m.bic, Num, Judge::BelowBoth),
        r("CAIC", |m| m.caic, Num, Judge::BelowBoth),
        r("ECVI", |m| m.ecvi, Num, Judge::BelowBoth),
        r("ECVI LO 90", |m| m.ecvi_lo, Num, Judge::None),
        r("ECVI HI 90", |m| m.ecvi_hi, Num, Judge::None),
        r("MECVI", |m| m.mecvi, Num, Judge::BelowBoth),
        r(
            "HOELTER .05",
            |m| m.hoelter_05,
            Int,
            amos_rule("HOELTER .05"),
        ),
        r("HOELTER .01", |m| m.hoelter_01, Int, Judge::None),
    ]
}

/// `table` with the p-values (P, PCLOSE) of the three models as numbers
/// behind the cells, which show `< .001`: the CSV keeps them.
fn with_exact_p_values(table: Table, fit: &AmosFit) -> Table {
    let rows = rows();
    let models = [&fit.default, &fit.saturated, &fit.independence];
    models.iter().enumerate().fold(table, |t, (k, m)| {
        let values = rows
            .iter()
            .map(|r| matches!(r.shown, Shown::P).then(|| (r.value)(m)).flatten())
            .collect();
        t.with_exact(k + 1, values)
    })
}

fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The AMOS fit summary table, or `None` when [`amos_fit_of`] has none.
pub fn amos_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    let fit = amos_fit_of(a)?;
    let judged = verdicts::judged(a);
    let shown = |v: Option<f64>, how: Shown| match (v, how) {
        (None, _) => String::new(),
        // AMOS prints Hoelter's N as the largest whole N still accepted
        (Some(x), Shown::Int) => int(Some(x.floor())),
        (Some(x), Shown::P) => pval(Some(x)),
        (Some(x), Shown::Num) => num(Some(x)),
    };
    let rows = rows()
        .into_iter()
        .map(|row| {
            let [d, s, i] = [&fit.default, &fit.saturated, &fit.independence].map(row.value);
            let (criterion, met) = match row.judge {
                Judge::None => (String::new(), None),
                Judge::Rule(rule, source) => (
                    format!("{}, {source}", rule.describe()),
                    d.map(|x| rule.met(x)),
                ),
                Judge::BelowBoth => (
                    format!(
                        "{}, {}",
                        tr(
                            lang,
                            "< saturated and < independence",
                            "小于饱和模型且小于独立模型"
                        ),
                        tr(
                            lang,
                            INFORMATION_CRITERIA_SOURCE.0,
                            INFORMATION_CRITERIA_SOURCE.1
                        )
                    ),
                    match (d, s, i) {
                        (Some(d), Some(s), Some(i)) => Some(d < s && d < i),
                        _ => None,
                    },
                ),
            };
            let verdict = match met {
                Some(m) if judged => yes_no(m, lang),
                Some(_) => String::new(),
                None if criterion.is_empty() => String::new(),
                None => "—".into(),
            };
            vec![
                row.label.to_string(),
                shown(d, row.shown),
                shown(s, row.shown),
                shown(i, row.shown),
                criterion,
                verdict,
            ]
        })
        .collect();
    let robust = a.fit.contains_key("chisq.scaled");
    let mut note = tr(
        lang,
        "CMIN is lavaan's ML chi-square, N·F (AMOS uses (N − 1)·F, so its CMIN is smaller by the factor (N − 1)/N); the measures derived from it use the same N, which keeps RMSEA and ECVI equal to lavaan's. AIC, BCC, BIC and CAIC are AMOS's (CMIN + penalty), not lavaan's −2logL + penalty; compare models by their differences. RMR is in the items' units and is not judged; see SRMR in the fit table. Cutoffs are conventions, not laws.",
        "CMIN 为 lavaan 的 ML 卡方 N·F（AMOS 用 (N − 1)·F，其 CMIN 小 (N − 1)/N 倍）；由它导出的指标用同一 N，因此 RMSEA 与 ECVI 与 lavaan 一致。AIC、BCC、BIC、CAIC 按 AMOS 定义（CMIN + 惩罚项），不同于 lavaan 的 −2logL + 惩罚项；请以模型间差值比较。RMR 以题项原始单位计，不作判断，请看拟合表中的 SRMR。判断标准只是惯例而非定律。",
    )
    .to_string();
    if robust {
        note.push(' ');
        note.push_str(tr(
            lang,
            "AMOS has no robust estimator: these rows use the unscaled ML chi-square; report the scaled and robust indices of the fit table.",
            "AMOS 没有稳健估计：本表基于未校正的 ML 卡方；报告时请用拟合表中的校正与稳健指标。",
        ));
    }
    if let Some(g) = &a.groups {
        let k = g.nobs.len();
        note.push(' ');
        note.push_str(&match lang {
            Lang::En => format!("With {k} groups: CMIN and NCP are summed over the groups, BCC weighs each group by its N, RMSEA (and its interval and PCLOSE) is lavaan's, multiplied by √{k} (Steiger, 1998; AMOS does not), and BIC and CAIC are left empty, as AMOS prints them for one group only."),
            Lang::Zh => format!("共 {k} 组：CMIN 与 NCP 为各组之和，BCC 按各组 N 加权，RMSEA（及其区间与 PCLOSE）取 lavaan 的值，乘以 √{k}（Steiger, 1998；AMOS 不乘），BIC 与 CAIC 留空，因为 AMOS 只在单组时输出。"),
        });
    }
    if a.data.missing != Missing::Listwise {
        note.push(' ');
        note.push_str(tr(
            lang,
            "With missing data (FIML) AMOS prints no RMR or GFI; neither does this table.",
            "有缺失数据（FIML）时 AMOS 不输出 RMR 与 GFI，本表亦然。",
        ));
    }
    if !judged {
        note.push(' ');
        note.push_str(tr(
            lang,
            "The model did not converge: no criterion is judged.",
            "模型未收敛：不作任何判断。",
        ));
    }
    let table = Table {
        exact: Vec::new(),
        id: "amos_fit".into(),
        caption: tr(
            lang,
            "Model fit summary (AMOS style)",
            "模型拟合摘要（AMOS 格式）",
        )
        .into(),
        columns: [
            tr(lang, "Measure", "指标"),
            tr(lang, "Default model", "默认模型"),
            tr(lang, "Saturated model", "饱和模型"),
            tr(lang, "Independence model", "独立模型"),
            tr(lang, "Criterion", "标准"),
            tr(lang, "Met", "是否达标"),
        ]
        .map(String::from)
        .to_vec(),
        rows,
        note: Some(note),
    };
    Some(with_exact_p_values(table, &fit))
}
