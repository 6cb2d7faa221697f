//! Tables of the measurement checks: a [`MeasurementCheck`] in; the tables a
//! paper reports before and around the CFA (KMO and Bartlett, the EFA's fit,
//! the rotated loadings with flags, factor correlations, common-method bias,
//! the CLF loadings, the marker correction) in English or Chinese, the
//! terminal text, and the JSON object of `semlab explore --json`
//! (study-methods.md, "JSON the command line must give").

use super::apa::prop;
use super::rscript::{r_raw_string, r_string, r_vector, read_data, RData};
use super::text::render_table_in;
use super::{int, num, pval, Table};
use crate::explore::kmo::KaiserLabel;
use crate::i18n::{Lang, Localized};
use crate::measurement::MeasurementCheck;
use crate::method_bias::{CfaFit, CLF_LOADING_CHANGE, HARMAN_CONVENTIONS, MARKER_ALPHA};
use serde_json::{json, Value};

/// How the numbers of a table are written: as the results page and the
/// terminal show them (`0.873`), or in APA style for the paper (`.873`:
/// no leading zero for values that cannot exceed 1, test statistics to 2
/// decimals, as they are here already).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbers {
    Report,
    Apa,
}

impl Numbers {
    /// A value bounded by 1 in a proper solution (loadings, KMO, CFI, ...).
    fn bounded(self, x: Option<f64>) -> String {
        match self {
            Numbers::Report => num(x),
            Numbers::Apa => prop(x, 3),
        }
    }
}

/// The words of these tables and of the methods paragraph in one language.
struct W {
    kmo_caption: &'static str,
    kmo_columns: [&'static str; 3],
    kmo: &'static str,
    bartlett: &'static str,
    kaiser: &'static str,
    parallel: &'static str,
    harman: &'static str,
    kmo_note: fn(&[String]) -> String,
    efa_fit_caption: &'static str,
    factors: &'static str,
    loadings_caption: fn(&str, usize) -> String,
    item: &'static str,
    communality: &'static str,
    flags: &'static str,
    cross: &'static str,
    heywood: &'static str,
    weak: &'static str,
    loadings_note: &'static str,
    phi_caption: &'static str,
    cmb_caption: &'static str,
    cmb_columns: [&'static str; 4],
    harman_row: &'static str,
    harman_rule: fn(f64, f64) -> String,
    one_factor: &'static str,
    user_model: &'static str,
    with_cmv: &'static str,
    difference: &'static str,
    concern: &'static str,
    no_concern: &'static str,
    cmb_note: &'static str,
    clf_caption: &'static str,
    clf_columns: [&'static str; 5],
    clf_note: &'static str,
    clf_improper: fn(&str) -> String,
    marker_caption: fn(&str) -> String,
    marker_rows: [&'static str; 3],
    marker_note: &'static str,
    marker_pairs_caption: fn(&str) -> String,
    marker_pairs_columns: [&'static str; 6],
    marker_pairs_note: fn(f64, f64) -> String,
    value: &'static str,
    /// Harman's share against the conventions (usual, stricter): above the
    /// usual one, between the two, below both.
    m_harman: [fn(f64, f64) -> String; 3],
    /// The one-factor CFA: fails the CFI criterion, meets it, no CFI.
    m_one_factor: [&'static str; 3],
    m_beside: fn(&str) -> String,
    m_clf: fn(&str, bool) -> String,
    /// Bartlett's test: significant, not significant.
    m_bartlett: [&'static str; 2],
    /// The paragraph with `{name}` placeholders ([`super::methods::fill`]).
    m_template: &'static str,
}

const EN: W = W {
    kmo_caption: "Sampling adequacy and sphericity",
    kmo_columns: ["Statistic", "Value", "Judgement"],
    kmo: "Kaiser–Meyer–Olkin (KMO)",
    bartlett: "Bartlett's test of sphericity",
    kaiser: "Eigenvalues > 1 (Kaiser)",
    parallel: "Factors by parallel analysis",
    harman: "First unrotated component (Harman)",
    kmo_note: |flagged| {
        let mut s = String::from("KMO labels after Kaiser (1974): ≥ .90 marvelous, ≥ .80 meritorious, ≥ .70 middling, ≥ .60 mediocre, ≥ .50 miserable, below unacceptable. Parallel analysis: 95th percentile of 100 random normal data sets of the same size (seeded).");
        if !flagged.is_empty() {
            s += &format!(" Items with MSA below .50: {}.", flagged.join(", "));
        }
        s
    },
    efa_fit_caption: "Exploratory factor analysis (ML): fit by number of factors",
    factors: "Factors",
    loadings_caption: |rot, k| format!("EFA loadings ({rot} rotation, {k} factors, standardized)"),
    item: "Item",
    communality: "h²",
    flags: "Flags",
    cross: "cross-loading",
    heywood: "Heywood",
    weak: "weak",
    loadings_note: "Items sorted by their main factor. Flags: cross-loading = another loading ≥ .30; weak = main loading below .40; MSA below .50 marked; Heywood = uniqueness at 0 (h² = 1), an improper solution: the item is a copy of its factor, or there are too many factors for the items.",
    phi_caption: "Factor correlations",
    cmb_caption: "Common-method bias",
    cmb_columns: ["Check", "Result", "Convention", "Concern"],
    harman_row: "Harman's single factor (first unrotated component)",
    harman_rule: |a, b| format!("< {a:.0}% (stricter: < {b:.0}%)"),
    one_factor: "One-factor CFA",
    user_model: "Hypothesized model",
    with_cmv: "Model with common method factor (CLF)",
    difference: "Difference (CLF − model)",
    concern: "yes",
    no_concern: "no",
    cmb_note: "Harman's share is 100·λ₁/p of the first unrotated principal component (Podsakoff et al., 2003); 50% is the usual threshold, 40% the one many Chinese journals use. The one-factor CFA should fit much worse than the hypothesized model. The CLF adds a method factor with one equal loading on every item, uncorrelated with the substantive factors; ΔCFI > .01 or standardized loadings changing by more than .20 point to method variance.",
    clf_caption: "Standardized loadings without and with the common method factor",
    clf_columns: ["Loading", "Without CLF", "With CLF", "Change", "Change > .20"],
    clf_note: "Standardized (std.all) loadings of the hypothesized model, and of the same model with the common method factor added.",
    clf_improper: |v| format!("The method factor's variance is estimated at {v}, not above 0: the items share no common method variance, and the model with the method factor is improper (a Heywood case), so its loadings are no correction."),
    marker_caption: |m| format!("Marker-variable correction (marker: {m})"),
    marker_rows: ["Smallest positive correlation with the marker (r_M)", "Item pairs significant before correction (p < .05)", "Item pairs significant after correction"],
    marker_note: "Lindell & Whitney (2001): r_A = (r − r_M)/(1 − r_M), tested with t on n − 3 df. Correlations that stay significant are not explained by common-method variance.",
    marker_pairs_caption: |m| format!("Correlations corrected for the marker variable {m} (Lindell & Whitney)"),
    marker_pairs_columns: ["Item pair", "r", "p", "r_A", "p (r_A)", "Significant after correction"],
    marker_pairs_note: |rm, alpha| format!("r_A = (r − r_M)/(1 − r_M) with r_M = {}; p of r on n − 2 df, of r_A on n − 3 df; significant: p < {}.", num(Some(rm)), prop(Some(alpha), 2)),
    value: "Value",
    m_harman: [
        |u, _| format!("above the usual {u:.0}% threshold (Podsakoff et al., 2003)"),
        |u, s| format!("below the usual {u:.0}% threshold (Podsakoff et al., 2003) but above the stricter {s:.0}% many Chinese journals use"),
        |u, s| format!("below both the usual {u:.0}% threshold (Podsakoff et al., 2003) and the stricter {s:.0}%"),
    ],
    m_one_factor: [
        "fitted poorly",
        "fitted acceptably, which points to a common source of variance",
        "fitted",
    ],
    m_beside: |cfi| format!(" (hypothesized model: CFI = {cfi})"),
    m_clf: |stats, concern| {
        format!(
            " Adding an unmeasured latent method factor with equal loadings on all items changed the fit by {stats}; {}.",
            if concern {
                "this points to common-method variance"
            } else {
                "the substantive loadings changed by no more than .20, so common-method variance is unlikely to bias the results"
            }
        )
    },
    m_bartlett: ["significant", "not significant"],
    m_template: "Before the confirmatory analysis, sampling adequacy was {label} (KMO = {kmo}; Kaiser, 1974) and Bartlett's test of sphericity was {significant}, {bartlett}. {kaiser} eigenvalues exceeded 1 and parallel analysis suggested {parallel} factor(s). An exploratory factor analysis (maximum likelihood, {rotation} rotation; lavaan efa()) with {factors} factors fitted {efa}. Harman's single-factor test showed that the first unrotated factor explained {harman}% of the variance, {rule}; a one-factor CFA {one}, {one_fit}{beside}.{clf}",
};

const ZH: W = W {
    kmo_caption: "取样适切性与球形检验",
    kmo_columns: ["统计量", "数值", "判断"],
    kmo: "KMO 取样适切性量数",
    bartlett: "Bartlett 球形检验",
    kaiser: "特征值 > 1 的个数（Kaiser）",
    parallel: "平行分析建议的因子数",
    harman: "第一个未旋转成分（Harman）",
    kmo_note: |flagged| {
        let mut s = String::from("KMO 判断依 Kaiser (1974)：≥ .90 极好，≥ .80 很好，≥ .70 中等，≥ .60 一般，≥ .50 差，低于 .50 不可接受。平行分析：同样大小的 100 组随机正态数据特征值的第 95 百分位（固定随机种子）。");
        if !flagged.is_empty() {
            s += &format!("MSA 低于 .50 的题项：{}。", flagged.join("、"));
        }
        s
    },
    efa_fit_caption: "探索性因子分析（ML）：不同因子数的拟合",
    factors: "因子数",
    loadings_caption: |rot, k| format!("探索性因子分析载荷（{rot} 旋转，{k} 个因子，标准化）"),
    item: "题项",
    communality: "共同度 h²",
    flags: "标记",
    cross: "交叉载荷",
    heywood: "Heywood 案例",
    weak: "载荷偏低",
    loadings_note: "题项按主因子排序。标记：交叉载荷 = 另一因子上载荷 ≥ .30；载荷偏低 = 主载荷低于 .40；MSA 低于 .50 一并标出；Heywood 案例 = 唯一性为 0（h² = 1），解不恰当：该题项与其因子几乎相同，或因子数对这些题项而言过多。",
    phi_caption: "因子相关",
    cmb_caption: "共同方法偏差",
    cmb_columns: ["检验", "结果", "惯例标准", "是否值得担心"],
    harman_row: "Harman 单因子检验（第一个未旋转成分）",
    harman_rule: |a, b| format!("< {a:.0}%（较严：< {b:.0}%）"),
    one_factor: "单因子验证性因子分析",
    user_model: "假设模型",
    with_cmv: "加入共同方法因子的模型（CLF）",
    difference: "差异（CLF − 假设模型）",
    concern: "是",
    no_concern: "否",
    cmb_note: "Harman 比例为第一个未旋转主成分解释的方差 100·λ₁/p（Podsakoff 等, 2003）；通常以 50% 为界，许多中文期刊采用 40%。单因子模型的拟合应明显差于假设模型。CLF 在所有题项上加入一个载荷相等、与实质因子不相关的方法因子；ΔCFI > .01 或标准化载荷变化超过 .20 提示存在方法变异。",
    clf_caption: "加入共同方法因子前后的标准化载荷",
    clf_columns: ["载荷", "未加 CLF", "加入 CLF", "变化", "变化 > .20"],
    clf_note: "假设模型的标准化（std.all）载荷，以及加入共同方法因子后同一模型的载荷。",
    clf_improper: |v| format!("方法因子的方差估计为 {v}，不大于 0：题项之间没有共同方法变异，加入方法因子的模型是不恰当解（Heywood 情形），其载荷不能作为校正。"),
    marker_caption: |m| format!("标记变量校正（标记变量：{m}）"),
    marker_rows: ["标记变量与题项的最小正相关 (r_M)", "校正前显著的题项对（p < .05）", "校正后显著的题项对"],
    marker_note: "Lindell 与 Whitney (2001)：r_A = (r − r_M)/(1 − r_M)，以自由度 n − 3 的 t 检验。校正后仍显著的相关不能由共同方法变异解释。",
    marker_pairs_caption: |m| format!("经标记变量 {m} 校正的相关（Lindell 与 Whitney）"),
    marker_pairs_columns: ["题项对", "r", "p", "r_A", "p (r_A)", "校正后仍显著"],
    marker_pairs_note: |rm, alpha| format!("r_A = (r − r_M)/(1 − r_M)，r_M = {}；r 的 p 值自由度为 n − 2，r_A 的为 n − 3；显著：p < {}。", num(Some(rm)), prop(Some(alpha), 2)),
    value: "数值",
    m_harman: [
        |u, _| format!("高于通常 {u:.0}% 的临界值（Podsakoff 等, 2003）"),
        |u, s| format!("低于通常 {u:.0}% 的临界值（Podsakoff 等, 2003），但高于许多中文期刊采用的较严的 {s:.0}%"),
        |u, s| format!("低于通常 {u:.0}% 的临界值（Podsakoff 等, 2003），也低于较严的 {s:.0}%"),
    ],
    m_one_factor: ["拟合较差", "拟合可以接受，提示存在共同的变异来源", ""],
    m_beside: |cfi| format!("（假设模型：CFI = {cfi}）"),
    m_clf: |stats, concern| {
        format!(
            "加入一个在所有题项上载荷相等的未测量潜在方法因子后，{stats}；{}。",
            if concern {
                "提示存在共同方法变异"
            } else {
                "实质因子载荷的变化均不超过 .20，共同方法偏差不太可能影响结果"
            }
        )
    },
    m_bartlett: ["显著", "不显著"],
    m_template: "在验证性因子分析之前，KMO 值为 {kmo}（{label}；Kaiser, 1974），Bartlett 球形检验{significant}，{bartlett}。特征值大于 1 的因子有 {kaiser} 个，平行分析建议 {parallel} 个因子。探索性因子分析（最大似然估计，{rotation} 旋转；lavaan efa()）抽取 {factors} 个因子，拟合为 {efa}。Harman 单因子检验显示，第一个未旋转因子解释了 {harman}% 的方差，{rule}；单因子验证性因子分析{one}，{one_fit}{beside}。{clf}",
};

fn w(lang: Lang) -> &'static W {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

fn kaiser_word(k: f64, lang: Lang) -> String {
    KaiserLabel::of(k).word(lang).to_string()
}

/// KMO, Bartlett, Kaiser count, parallel analysis, Harman.
pub fn kmo_table(c: &MeasurementCheck, lang: Lang) -> Table {
    kmo_table_as(c, lang, Numbers::Report)
}

fn kmo_table_as(c: &MeasurementCheck, lang: Lang, n: Numbers) -> Table {
    let e = &c.exploration;
    let w = w(lang);
    let b = &e.bartlett;
    Table {
        exact: Vec::new(),
        id: "kmo_bartlett".into(),
        caption: w.kmo_caption.into(),
        columns: w.kmo_columns.iter().map(|s| s.to_string()).collect(),
        rows: vec![
            vec![
                w.kmo.into(),
                n.bounded(Some(e.kmo.overall)),
                kaiser_word(e.kmo.overall, lang),
            ],
            vec![
                w.bartlett.into(),
                format!(
                    "χ²({}) = {:.2}, p {}",
                    int(Some(b.df)),
                    b.chisq,
                    p_with_sign(b.pvalue)
                ),
                String::new(),
            ],
            vec![w.kaiser.into(), e.kaiser_count.to_string(), String::new()],
            vec![
                w.parallel.into(),
                e.parallel.suggested.to_string(),
                String::new(),
            ],
            vec![
                w.harman.into(),
                format!("{:.2}%", c.method_bias.harman_percent),
                String::new(),
            ],
        ],
        note: Some((w.kmo_note)(&e.kmo.flagged)),
    }
}

fn p_with_sign(p: f64) -> String {
    let s = pval(Some(p));
    if s.starts_with('<') {
        s
    } else {
        format!("= {s}")
    }
}

/// EFA fit for 1..K factors.
pub fn efa_fit_table(c: &MeasurementCheck, lang: Lang) -> Table {
    let w = w(lang);
    Table {
        exact: vec![super::ExactColumn {
            column: 3,
            values: c.exploration.efa.fit.iter().map(|f| f.pvalue).collect(),
        }],
        id: "efa_fit".into(),
        caption: w.efa_fit_caption.into(),
        columns: [
            w.factors, "χ²", "df", "p", "CFI", "TLI", "RMSEA", "SRMR", "AIC", "BIC",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: c
            .exploration
            .efa
            .fit
            .iter()
            .map(|f| {
                vec![
                    f.nfactors.to_string(),
                    num(Some(f.chisq)),
                    int(Some(f.df)),
                    pval(f.pvalue),
                    num(f.cfi),
                    num(f.tli),
                    num(f.rmsea),
                    num(f.srmr),
                    num(f.aic),
                    num(f.bic),
                ]
            })
            .collect(),
        note: None,
    }
}

/// Rotated loadings with communalities, MSA and flags.
pub fn loadings_table(c: &MeasurementCheck, lang: Lang) -> Table {
    loadings_table_as(c, lang, Numbers::Report)
}

/// The flags of one item of the rotated solution: its cross-loadings, a
/// weak main loading and a Heywood case (the engine's rules,
/// [`crate::explore::CROSS_LOADING`], [`crate::explore::WEAK_LOADING`] and
/// [`crate::explore::HEYWOOD_UNIQUENESS`]) and an MSA below .50 (the items of
/// [`crate::explore::KmoReport::flagged`]).
fn item_flags(c: &MeasurementCheck, i: &crate::explore::ItemLoadings, w: &W) -> String {
    let mut flags = Vec::new();
    if !i.cross_loadings.is_empty() {
        let f: Vec<String> = i
            .cross_loadings
            .iter()
            .map(|k| format!("F{}", k + 1))
            .collect();
        flags.push(format!("{} ({})", w.cross, f.join(", ")));
    }
    if i.weak {
        flags.push(w.weak.into());
    }
    if i.heywood {
        flags.push(w.heywood.into());
    }
    if c.exploration.kmo.flagged.contains(&i.item) {
        flags.push("MSA < .50".into());
    }
    flags.join("; ")
}

fn loadings_table_as(c: &MeasurementCheck, lang: Lang, n: Numbers) -> Table {
    let w = w(lang);
    let r = &c.exploration.efa.rotated;
    let mut columns = vec![w.item.to_string()];
    columns.extend((1..=r.nfactors).map(|k| format!("F{k}")));
    columns.extend([w.communality.to_string(), "MSA".into(), w.flags.into()]);
    let rows = r
        .items
        .iter()
        .map(|i| {
            let mut row = vec![i.item.clone()];
            row.extend(i.loadings.iter().map(|v| n.bounded(Some(*v))));
            row.push(n.bounded(Some(i.communality)));
            row.push(n.bounded(c.exploration.kmo.items.get(&i.item).copied()));
            row.push(item_flags(c, i, w));
            row
        })
        .collect();
    Table {
        exact: Vec::new(),
        id: "efa_loadings".into(),
        caption: (w.loadings_caption)(r.rotation.name(), r.nfactors),
        columns,
        rows,
        note: Some(w.loadings_note.into()),
    }
}

/// Factor correlations of an oblique solution (None for one factor).
pub fn phi_table(c: &MeasurementCheck, lang: Lang) -> Option<Table> {
    let r = &c.exploration.efa.rotated;
    if r.nfactors < 2 || !r.rotation.is_oblique() {
        return None;
    }
    let w = w(lang);
    let mut columns = vec![String::new()];
    columns.extend((1..=r.nfactors).map(|k| format!("F{k}")));
    Some(Table {
        exact: Vec::new(),
        id: "efa_factor_correlations".into(),
        caption: w.phi_caption.into(),
        columns,
        rows: r
            .phi
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut v = vec![format!("F{}", i + 1)];
                v.extend(row.iter().enumerate().map(|(j, x)| {
                    if j <= i {
                        num(Some(*x))
                    } else {
                        String::new()
                    }
                }));
                v
            })
            .collect(),
        note: None,
    })
}

fn fit_line(f: &CfaFit, n: Numbers) -> String {
    format!(
        "χ²({}) = {:.2}, CFI = {}, TLI = {}, RMSEA = {}, SRMR = {}",
        int(Some(f.df)),
        f.chisq,
        n.bounded(f.cfi),
        n.bounded(f.tli),
        n.bounded(f.rmsea),
        n.bounded(f.srmr)
    )
}

/// Whether Harman's share is a concern under a convention (percent, one of
/// [`HARMAN_CONVENTIONS`]): the first component explains that much or more.
pub fn harman_above(percent: f64, convention: f64) -> bool {
    percent >= convention
}

/// Whether Harman's share is a concern under the usual (first) convention.
pub fn harman_concern(percent: f64) -> bool {
    harman_above(percent, HARMAN_CONVENTIONS[0])
}

/// Whether the CLF points to method variance: ΔCFI above .01 or a
/// standardized loading changing by more than .20.
pub fn clf_concern(clf: &crate::method_bias::ClfReport) -> bool {
    clf.delta_cfi > 0.01 || !clf.flagged.is_empty()
}

/// Harman, one-factor CFA, hypothesized model, CLF and their difference.
pub fn cmb_table(c: &MeasurementCheck, lang: Lang) -> Table {
    cmb_table_as(c, lang, Numbers::Report)
}

fn cmb_table_as(c: &MeasurementCheck, lang: Lang, n: Numbers) -> Table {
    let w = w(lang);
    let mb = &c.method_bias;
    let yn = |b: bool| if b { w.concern } else { w.no_concern }.to_string();
    let mut rows = vec![
        vec![
            w.harman_row.into(),
            format!("{:.2}%", mb.harman_percent),
            (w.harman_rule)(HARMAN_CONVENTIONS[0], HARMAN_CONVENTIONS[1]),
            yn(harman_concern(mb.harman_percent)),
        ],
        vec![
            w.one_factor.into(),
            fit_line(&mb.one_factor_cfa, n),
            String::new(),
            String::new(),
        ],
    ];
    if let Some(clf) = &mb.clf {
        rows.push(vec![
            w.user_model.into(),
            fit_line(&clf.baseline, n),
            String::new(),
            String::new(),
        ]);
        rows.push(vec![
            w.with_cmv.into(),
            fit_line(&clf.model, n),
            String::new(),
            String::new(),
        ]);
        rows.push(vec![
            w.difference.into(),
            format!(
                "Δχ²({}) = {:.2}, p {}, ΔCFI = {}",
                int(Some(clf.delta_df)),
                clf.delta_chisq,
                p_with_sign(clf.delta_pvalue.unwrap_or(f64::NAN)),
                n.bounded(Some(clf.delta_cfi))
            ),
            format!("ΔCFI ≤ .01; |Δλ| ≤ {}", prop(Some(CLF_LOADING_CHANGE), 2)),
            yn(clf_concern(clf)),
        ]);
    }
    Table {
        exact: Vec::new(),
        id: "common_method_bias".into(),
        caption: w.cmb_caption.into(),
        columns: w.cmb_columns.iter().map(|s| s.to_string()).collect(),
        rows,
        note: Some(w.cmb_note.into()),
    }
}

/// Standardized loadings with and without the method factor.
pub fn clf_table(c: &MeasurementCheck, lang: Lang) -> Option<Table> {
    let clf = c.method_bias.clf.as_ref()?;
    let w = w(lang);
    let rows = clf
        .std_loadings_without
        .iter()
        .map(|(k, v)| {
            let with = clf.std_loadings_with.get(k).copied();
            let d = with.map(|x| x - v);
            vec![
                k.clone(),
                num(Some(*v)),
                num(with),
                num(d),
                if clf.flagged.contains(k) {
                    w.concern
                } else {
                    w.no_concern
                }
                .into(),
            ]
        })
        .collect();
    Some(Table {
        exact: Vec::new(),
        id: "clf_loadings".into(),
        caption: w.clf_caption.into(),
        columns: w.clf_columns.iter().map(|s| s.to_string()).collect(),
        rows,
        note: Some(if clf.improper() {
            format!(
                "{} {}",
                w.clf_note,
                (w.clf_improper)(&num(Some(clf.method_variance)))
            )
        } else {
            w.clf_note.into()
        }),
    })
}

/// The marker-variable summary.
pub fn marker_table(c: &MeasurementCheck, lang: Lang) -> Option<Table> {
    let m = c.marker.as_ref()?;
    let w = w(lang);
    Some(Table {
        exact: Vec::new(),
        id: "marker".into(),
        caption: (w.marker_caption)(&m.marker),
        columns: vec![String::new(), w.value.into()],
        rows: vec![
            vec![w.marker_rows[0].into(), num(Some(m.r_m))],
            vec![
                w.marker_rows[1].into(),
                format!("{} / {}", m.significant_before, m.pairs.len()),
            ],
            vec![
                w.marker_rows[2].into(),
                format!("{} / {}", m.significant_after, m.pairs.len()),
            ],
        ],
        note: Some(w.marker_note.into()),
    })
}

/// The marker-corrected correlations of every item pair: r and its p, the
/// corrected r_A and its p, and whether the pair stays significant.
pub fn marker_pairs_table(c: &MeasurementCheck, lang: Lang) -> Option<Table> {
    let m = c.marker.as_ref()?;
    let w = w(lang);
    Some(Table {
        exact: [(2, false), (4, true)]
            .map(|(column, adjusted)| super::ExactColumn {
                column,
                values: m
                    .pairs
                    .iter()
                    .map(|q| {
                        Some(if adjusted {
                            q.pvalue_adjusted
                        } else {
                            q.pvalue
                        })
                    })
                    .collect(),
            })
            .to_vec(),
        id: "marker_correlations".into(),
        caption: (w.marker_pairs_caption)(&m.marker),
        columns: w
            .marker_pairs_columns
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows: m
            .pairs
            .iter()
            .map(|q| {
                vec![
                    format!("{} – {}", q.a, q.b),
                    num(Some(q.r)),
                    pval(Some(q.pvalue)),
                    num(Some(q.r_adjusted)),
                    pval(Some(q.pvalue_adjusted)),
                    super::yes_no(q.significant_after(), lang),
                ]
            })
            .collect(),
        note: Some((w.marker_pairs_note)(m.r_m, MARKER_ALPHA)),
    })
}

/// The tables of the checks for the paper, in APA style: KMO and
/// Bartlett, the EFA's loadings with their flags, and common-method bias
/// (the same tables, rows, flags and verdicts as [`kmo_table`],
/// [`loadings_table`] and [`cmb_table`], numbers as APA writes them).
/// [`crate::report::apa::tables_with`] places them among the CFA's tables.
pub fn apa_tables(c: &MeasurementCheck, lang: Lang) -> [Table; 3] {
    let apa = |mut t: Table| {
        t.id = format!("apa_{}", t.id);
        t
    };
    [
        apa(kmo_table_as(c, lang, Numbers::Apa)),
        apa(loadings_table_as(c, lang, Numbers::Apa)),
        apa(cmb_table_as(c, lang, Numbers::Apa)),
    ]
}

/// The tables that come before the CFA's (sampling adequacy, the EFA) and
/// those that come after its validity tables (common-method bias, the CLF
/// loadings, the marker correction), as the results page and the report
/// show them.
pub fn report_tables(c: &MeasurementCheck, lang: Lang) -> (Vec<Table>, Vec<Table>) {
    let mut before = vec![
        kmo_table(c, lang),
        efa_fit_table(c, lang),
        loadings_table(c, lang),
    ];
    before.extend(phi_table(c, lang));
    let mut after = vec![cmb_table(c, lang)];
    after.extend(clf_table(c, lang));
    after.extend(marker_table(c, lang));
    after.extend(marker_pairs_table(c, lang));
    (before, after)
}
/// Every table, in reading order.
pub fn tables(c: &MeasurementCheck, lang: Lang) -> Vec<Table> {
    let (mut t, after) = report_tables(c, lang);
    t.extend(after);
    t
}

/// The warning that leads the rotated loadings when the rotation did not
/// converge (its loadings are the last step), for the terminal and the page.
pub fn rotation_warning(c: &MeasurementCheck, lang: Lang) -> Option<String> {
    let r = &c.exploration.efa.rotated;
    (!r.converged).then(|| {
        crate::explore::ExploreError::RotationNotConverged {
            rotation: r.rotation.name().into(),
            factors: r.nfactors,
        }
        .message(lang)
    })
}

/// The terminal report: every table, a warning when the rotation did not
/// converge, and the EFA's structure as model text.
pub fn text(c: &MeasurementCheck, lang: Lang) -> String {
    let mut s = String::new();
    if let Some(w) = rotation_warning(c, lang) {
        s += &format!("! {w}\n\n");
    }
    for t in tables(c, lang) {
        s += &render_table_in(&t, lang);
        s.push('\n');
    }
    s += match lang {
        Lang::En => "The EFA's structure as a model:\n",
        Lang::Zh => "探索性因子分析的结构（可作为模型）：\n",
    };
    s += &c.efa_model;
    s
}

fn cfa_json(f: &CfaFit) -> Value {
    serde_json::to_value(f).unwrap_or(Value::Null)
}

/// The JSON object of `semlab explore --json` (keys as study-methods.md).
pub fn json(c: &MeasurementCheck) -> Value {
    let e = &c.exploration;
    let mut v = json!({
        "items": e.items,
        "nobs": e.nobs,
        "dropped_rows": e.dropped_rows,
        "kmo": {
            "overall": e.kmo.overall,
            "label": e.kmo.label,
            "items": e.kmo.items,
            "flagged": e.kmo.flagged,
        },
        "bartlett": e.bartlett,
        "eigenvalues": e.eigenvalues,
        "kaiser_count": e.kaiser_count,
        "parallel": e.parallel,
        "harman_percent": c.method_bias.harman_percent,
        "efa": {
            "fit": e.efa.fit,
            "geomin_loadings": e.efa.geomin_loadings,
            "rotated": e.efa.rotated,
            "model": c.efa_model,
        },
        "one_factor_cfa": cfa_json(&c.method_bias.one_factor_cfa),
    });
    if let Some(clf) = &c.method_bias.clf {
        v["clf"] = serde_json::to_value(clf).unwrap_or(Value::Null);
    }
    if let Some(m) = &c.marker {
        v["marker"] = serde_json::to_value(m).unwrap_or(Value::Null);
    }
    v
}

/// The lavaan lines of the checks, for a script that has loaded lavaan and
/// read the data into `data`: the items' KMO and Bartlett by their
/// formulas, Harman's share, `efa()` for 1..K factors in the rotation
/// shown, the one-factor CFA, and — when `model_var` names the R variable
/// that holds the user's model text — the model fitted beside the CLF model
/// (lavaan syntax) with their χ² difference, ΔCFI and the standardized
/// loadings with and without the method factor; the marker correction when
/// a marker was named. Every check is fitted as semlab fits it: ML on the
/// rows where the variables are complete.
pub fn r_checks(c: &MeasurementCheck, model_var: Option<&str>) -> String {
    let e = &c.exploration;
    let mb = &c.method_bias;
    let items = r_vector(&e.items);
    let k = e.efa.rotated.nfactors;
    let mut s = format!(
        "# Checks of the measurement (semlab's Check the measurement), on the rows\n\
         # where every item is present\n\
         items <- {items}\n\
         x <- data[complete.cases(data[, items]), items]\n\
         R <- cor(x); Ri <- solve(R); p <- ncol(R); n <- nrow(x)\n\
         # KMO and each item's MSA (Kaiser, 1974)\n\
         A <- -Ri / sqrt(outer(diag(Ri), diag(Ri))); diag(A) <- 0; R0 <- R; diag(R0) <- 0\n\
         kmo <- sum(R0^2) / (sum(R0^2) + sum(A^2)); msa <- colSums(R0^2) / (colSums(R0^2) + colSums(A^2))\n\
         print(kmo); print(msa)\n\
         # Bartlett's test of sphericity\n\
         bartlett <- -(n - 1 - (2 * p + 5) / 6) * log(det(R))\n\
         print(c(chisq = bartlett, df = p * (p - 1) / 2, p = pchisq(bartlett, p * (p - 1) / 2, lower.tail = FALSE)))\n\
         # eigenvalues and Harman's single-factor share (%)\n\
         ev <- eigen(R, only.values = TRUE)$values\n\
         print(ev); print(100 * ev[1] / p)\n\
         # exploratory factor analysis (ML), 1..{k} factors, {rot} rotation\n\
         efa_fits <- efa(data = x, nfactors = 1:{k}, rotation = {rot_s})\n\
         print(fitMeasures(efa_fits, c(\"chisq\", \"df\", \"pvalue\", \"cfi\", \"tli\", \"rmsea\", \"srmr\", \"aic\", \"bic\")))\n\
         summary(efa_fits)\n\
         # the one-factor CFA (every item on one factor)\n\
         one_factor <- sem({one}, data = data)\n\
         print(fitMeasures(one_factor, c(\"chisq\", \"df\", \"pvalue\", \"cfi\", \"tli\", \"rmsea\", \"srmr\")))\n",
        rot = e.efa.rotated.rotation.name(),
        rot_s = r_string(e.efa.rotated.rotation.name()),
        one = r_raw_string(mb.one_factor_syntax.trim_end()),
    );
    if let (Some(var), Some(clf)) = (model_var, &mb.clf) {
        s += &format!(
            "# the model (ML, as the checks fit it) and the same model with a common method\n\
             # factor (CLF/ULMC): one equal loading on every item, uncorrelated with the factors\n\
             model_clf <- {}\n\
             fit_model <- sem({var}, data = data)\n\
             fit_clf <- sem(model_clf, data = data)\n\
             print(lavTestLRT(fit_clf, fit_model))\n\
             print(fitMeasures(fit_clf, \"cfi\") - fitMeasures(fit_model, \"cfi\"))  # delta CFI\n\
             std_without <- subset(standardizedSolution(fit_model), op == \"=~\")[, c(\"lhs\", \"rhs\", \"est.std\")]\n\
             std_with <- subset(standardizedSolution(fit_clf), op == \"=~\" & lhs != {})[, c(\"lhs\", \"rhs\", \"est.std\")]\n\
             loadings <- merge(std_without, std_with, by = c(\"lhs\", \"rhs\"), suffixes = c(\".without\", \".with\"))\n\
             loadings$change <- loadings$est.std.with - loadings$est.std.without\n\
             print(loadings)\n",
            r_raw_string(clf.syntax.trim_end()),
            r_string(&clf.method_factor),
        );
    }
    if let Some(m) = &c.marker {
        s += &format!(
            "# marker variable (Lindell & Whitney, 2001): r_M = the smallest positive\n\
             # correlation of the marker with the items; r_A = (r - r_M) / (1 - r_M) on n - 3 df\n\
             marker <- {}\n\
             xm <- data[complete.cases(data[, c(items, marker)]), c(items, marker)]\n\
             rm_items <- cor(xm)[items, marker]\n\
             r_M <- if (any(rm_items > 0)) min(rm_items[rm_items > 0]) else 0\n\
             r_A <- (cor(xm[, items]) - r_M) / (1 - r_M)\n\
             p_A <- 2 * pt(-abs(r_A / sqrt((1 - r_A^2) / (nrow(xm) - 3))), nrow(xm) - 3)\n\
             print(r_M); print(round(r_A, 3)); print(round(p_A, 3))\n",
            r_string(&m.marker)
        );
    }
    s
}

/// The R script of `semlab explore --r-script`: lavaan, the data read as
/// semlab read it, the model text (if any), then [`r_checks`].
pub fn r_script(c: &MeasurementCheck, data: &RData, model: Option<&str>) -> String {
    let mut s = format!(
        "# Reproduces the checks of the measurement made by semlab {} in lavaan (R).\n\
         # Needs R >= 4.0 and lavaan: install.packages(\"lavaan\")\n\n\
         library(lavaan)\n\n# Data\n{}\n",
        env!("CARGO_PKG_VERSION"),
        read_data(data)
    );
    if let Some(m) = model {
        s += &format!("# Model (lavaan syntax)\nmodel <- {}\n\n", r_raw_string(m));
    }
    s += &r_checks(c, model.map(|_| "model"));
    s
}

/// Whether Bartlett's test rejects sphericity: p below .05 (the usual
/// level; Bartlett, 1951).
pub fn bartlett_significant(p: f64) -> bool {
    p < 0.05
}

/// Whether the one-factor CFA meets the CFI criterion of the fit table
/// ([`super::cutoffs::FIT_ROWS`]); `None` without a CFI.
pub fn one_factor_fits(f: &CfaFit) -> Option<bool> {
    let rule = super::cutoffs::FIT_ROWS
        .iter()
        .find(|r| r.key == "cfi")
        .and_then(|r| r.rule)?;
    f.cfi.map(|v| rule.met(v))
}

/// The methods paragraph for these checks, in a language, numbers in APA
/// style: KMO with Kaiser's label, Bartlett, the eigenvalues and parallel
/// analysis, the EFA's solution and fit, Harman's share against both
/// conventions, the one-factor CFA (beside the model when there is one)
/// and the CLF result.
pub fn methods_paragraph(c: &MeasurementCheck, lang: Lang) -> String {
    let e = &c.exploration;
    let b = &e.bartlett;
    let r = &e.efa.rotated;
    let mb = &c.method_bias;
    let n = Numbers::Apa;
    let w = w(lang);
    let efa_fit = e
        .efa
        .fit
        .iter()
        .find(|f| f.nfactors == r.nfactors)
        .map_or(String::new(), |f| {
            format!(
                "χ²({}) = {:.2}, CFI = {}, RMSEA = {}",
                int(Some(f.df)),
                f.chisq,
                n.bounded(f.cfi),
                n.bounded(f.rmsea)
            )
        });
    let h = mb.harman_percent;
    let [usual, strict] = HARMAN_CONVENTIONS;
    let harman_case = if harman_above(h, usual) {
        0
    } else if harman_above(h, strict) {
        1
    } else {
        2
    };
    let one = &mb.one_factor_cfa;
    let one_case = match one_factor_fits(one) {
        Some(false) => 0,
        Some(true) => 1,
        None => 2,
    };
    let clf = mb.clf.as_ref().map_or(String::new(), |clf| {
        (w.m_clf)(
            &format!(
                "Δχ²({}) = {:.2}, ΔCFI = {}",
                int(Some(clf.delta_df)),
                clf.delta_chisq,
                n.bounded(Some(clf.delta_cfi))
            ),
            clf_concern(clf),
        )
    });
    let fit_of = |f: &CfaFit| {
        format!(
            "χ²({}) = {:.2}, CFI = {}",
            int(Some(f.df)),
            f.chisq,
            n.bounded(f.cfi)
        )
    };
    super::methods::fill(
        w.m_template,
        &[
            ("kmo", n.bounded(Some(e.kmo.overall))),
            ("label", KaiserLabel::of(e.kmo.overall).word(lang).into()),
            (
                "significant",
                w.m_bartlett[usize::from(!bartlett_significant(b.pvalue))].into(),
            ),
            (
                "bartlett",
                format!(
                    "χ²({}) = {:.2}, p {}",
                    int(Some(b.df)),
                    b.chisq,
                    p_with_sign(b.pvalue)
                ),
            ),
            ("kaiser", e.kaiser_count.to_string()),
            ("parallel", e.parallel.suggested.to_string()),
            ("rotation", r.rotation.name().into()),
            ("factors", r.nfactors.to_string()),
            ("efa", efa_fit),
            ("harman", format!("{h:.2}")),
            ("rule", (w.m_harman[harman_case])(usual, strict)),
            ("one", w.m_one_factor[one_case].into()),
            ("one_fit", fit_of(one)),
            (
                "beside",
                mb.clf
                    .as_ref()
                    .map(|clf| (w.m_beside)(&n.bounded(clf.baseline.cfi)))
                    .unwrap_or_default(),
            ),
            ("clf", clf),
        ],
    )
}
