//! Tables of the measurement checks: a [`MeasurementCheck`] in; the tables a
//! paper reports before and around the CFA (KMO and Bartlett, the EFA's fit,
//! the rotated loadings with flags, factor correlations, common-method bias,
//! the CLF loadings, the marker correction) in English or Chinese, the
//! terminal text, and the JSON object of `semlab explore --json`
//! (study-methods.md, "JSON the command line must give").

use super::text::render_table_in;
use super::{int, num, pval, Table};
use crate::explore::kmo::KaiserLabel;
use crate::explore::{CROSS_LOADING, MSA_FLAG, WEAK_LOADING};
use crate::i18n::{Lang, Localized};
use crate::measurement::MeasurementCheck;
use crate::method_bias::{CfaFit, CLF_LOADING_CHANGE, HARMAN_CONVENTIONS};
use serde_json::{json, Value};

/// The words of these tables in one language.
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
    marker_caption: fn(&str) -> String,
    marker_rows: [&'static str; 3],
    marker_note: &'static str,
    value: &'static str,
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
    weak: "weak",
    loadings_note: "Items sorted by their main factor. Flags: cross-loading = another loading ≥ .30; weak = main loading below .40; MSA below .50 marked.",
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
    marker_caption: |m| format!("Marker-variable correction (marker: {m})"),
    marker_rows: ["Smallest positive correlation with the marker (r_M)", "Item pairs significant before correction (p < .05)", "Item pairs significant after correction"],
    marker_note: "Lindell & Whitney (2001): r_A = (r − r_M)/(1 − r_M), tested with t on n − 3 df. Correlations that stay significant are not explained by common-method variance.",
    value: "Value",
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
    weak: "载荷偏低",
    loadings_note: "题项按主因子排序。标记：交叉载荷 = 另一因子上载荷 ≥ .30；载荷偏低 = 主载荷低于 .40；MSA 低于 .50 一并标出。",
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
    marker_caption: |m| format!("标记变量校正（标记变量：{m}）"),
    marker_rows: ["标记变量与题项的最小正相关 (r_M)", "校正前显著的题项对（p < .05）", "校正后显著的题项对"],
    marker_note: "Lindell 与 Whitney (2001)：r_A = (r − r_M)/(1 − r_M)，以自由度 n − 3 的 t 检验。校正后仍显著的相关不能由共同方法变异解释。",
    value: "数值",
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
    let e = &c.exploration;
    let w = w(lang);
    let b = &e.bartlett;
    Table {
        id: "kmo_bartlett".into(),
        caption: w.kmo_caption.into(),
        columns: w.kmo_columns.iter().map(|s| s.to_string()).collect(),
        rows: vec![
            vec![
                w.kmo.into(),
                num(Some(e.kmo.overall)),
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
            row.extend(i.loadings.iter().map(|v| num(Some(*v))));
            let msa = c.exploration.kmo.items.get(&i.item).copied();
            row.push(num(Some(i.communality)));
            row.push(num(msa));
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
            if msa.is_some_and(|m| m < MSA_FLAG) {
                flags.push("MSA < .50".into());
            }
            row.push(flags.join("; "));
            row
        })
        .collect();
    let _ = (CROSS_LOADING, WEAK_LOADING); // the thresholds the note names
    Table {
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

fn fit_line(f: &CfaFit) -> String {
    format!(
        "χ²({}) = {:.2}, CFI = {}, TLI = {}, RMSEA = {}, SRMR = {}",
        int(Some(f.df)),
        f.chisq,
        num(f.cfi),
        num(f.tli),
        num(f.rmsea),
        num(f.srmr)
    )
}

/// Whether Harman's share is a concern under the usual (first) convention.
pub fn harman_concern(percent: f64) -> bool {
    percent >= HARMAN_CONVENTIONS[0]
}

/// Whether the CLF points to method variance: ΔCFI above .01 or a
/// standardized loading changing by more than .20.
pub fn clf_concern(clf: &crate::method_bias::ClfReport) -> bool {
    clf.delta_cfi > 0.01 || !clf.flagged.is_empty()
}

/// Harman, one-factor CFA, hypothesized model, CLF and their difference.
pub fn cmb_table(c: &MeasurementCheck, lang: Lang) -> Table {
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
            fit_line(&mb.one_factor_cfa),
            String::new(),
            String::new(),
        ],
    ];
    if let Some(clf) = &mb.clf {
        rows.push(vec![
            w.user_model.into(),
            fit_line(&clf.baseline),
            String::new(),
            String::new(),
        ]);
        rows.push(vec![
            w.with_cmv.into(),
            fit_line(&clf.model),
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
                num(Some(clf.delta_cfi))
            ),
            format!("ΔCFI ≤ .01; |Δλ| ≤ {CLF_LOADING_CHANGE:.2}"),
            yn(clf_concern(clf)),
        ]);
    }
    Table {
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
        id: "clf_loadings".into(),
        caption: w.clf_caption.into(),
        columns: w.clf_columns.iter().map(|s| s.to_string()).collect(),
        rows,
        note: Some(w.clf_note.into()),
    })
}

/// The marker-variable summary.
pub fn marker_table(c: &MeasurementCheck, lang: Lang) -> Option<Table> {
    let m = c.marker.as_ref()?;
    let w = w(lang);
    Some(Table {
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

/// Every table, in reading order.
pub fn tables(c: &MeasurementCheck, lang: Lang) -> Vec<Table> {
    let mut t = vec![
        kmo_table(c, lang),
        efa_fit_table(c, lang),
        loadings_table(c, lang),
    ];
    t.extend(phi_table(c, lang));
    t.push(cmb_table(c, lang));
    t.extend(clf_table(c, lang));
    t.extend(marker_table(c, lang));
    t
}

/// The terminal report: every table, a warning when the rotation did not
/// converge, and the EFA's structure as model text.
pub fn text(c: &MeasurementCheck, lang: Lang) -> String {
    let mut s = String::new();
    let r = &c.exploration.efa.rotated;
    if !r.converged {
        let e = crate::explore::ExploreError::RotationNotConverged {
            rotation: r.rotation.name().into(),
            factors: r.nfactors,
        };
        s += &format!("! {}\n\n", e.message(lang));
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

/// An R script that reproduces the checks with lavaan: the items' KMO and
/// Bartlett by their formulas, `efa()` for 1..K factors in the rotation
/// shown, Harman's share, the one-factor CFA and (with a model) the CLF
/// model in lavaan syntax beside the user's model.
pub fn r_script(c: &MeasurementCheck, data_file: &str, model: Option<&str>) -> String {
    let e = &c.exploration;
    let items: Vec<String> = e.items.iter().map(|i| format!("\"{i}\"")).collect();
    let k = e.efa.rotated.nfactors;
    let mut s = format!(
        "# Checks before the CFA, as computed by semlab (lavaan {})\nlibrary(lavaan)\ndata <- read.csv(\"{}\")\nitems <- c({})\nx <- data[complete.cases(data[, items]), items]\nR <- cor(x); Ri <- solve(R); p <- ncol(R); n <- nrow(x)\n# KMO and per-item MSA (Kaiser 1974)\nA <- -Ri / sqrt(outer(diag(Ri), diag(Ri))); diag(A) <- 0; R0 <- R; diag(R0) <- 0\nkmo <- sum(R0^2) / (sum(R0^2) + sum(A^2)); msa <- colSums(R0^2) / (colSums(R0^2) + colSums(A^2))\n# Bartlett's test of sphericity\nbartlett <- -(n - 1 - (2 * p + 5) / 6) * log(det(R)); pchisq(bartlett, p * (p - 1) / 2, lower.tail = FALSE)\n# eigenvalues and Harman's single-factor share (%)\nev <- eigen(R, only.values = TRUE)$values; 100 * ev[1] / p\n# exploratory factor analysis, 1..{k} factors\nfits <- efa(data = x, nfactors = 1:{k}, rotation = \"{}\")\nfitMeasures(fits, c(\"chisq\", \"df\", \"pvalue\", \"cfi\", \"tli\", \"rmsea\", \"srmr\", \"aic\", \"bic\"))\nsummary(fits)\n# one-factor CFA\none <- cfa(\"General =~ {}\", data = data)\nfitMeasures(one, c(\"chisq\", \"df\", \"pvalue\", \"cfi\", \"tli\", \"rmsea\", \"srmr\"))\n",
        "0.6",
        data_file.replace('\\', "/"),
        items.join(", "),
        e.efa.rotated.rotation.name(),
        e.items.join(" + "),
    );
    if let (Some(m), Some(clf)) = (model, &c.method_bias.clf) {
        s += &format!(
            "# the hypothesized model and the same model with a common method factor (CLF)\nmodel <- '\n{}\n'\nclf <- '\n{}'\nfit <- cfa(model, data = data)\nfit_clf <- cfa(clf, data = data)\nlavTestLRT(fit_clf, fit)\nfitMeasures(fit_clf, \"cfi\") - fitMeasures(fit, \"cfi\")\ncbind(without = standardizedSolution(fit)[standardizedSolution(fit)$op == \"=~\", \"est.std\"],\n      with = subset(standardizedSolution(fit_clf), op == \"=~\" & lhs != \"CMV\")$est.std)\n",
            m.trim_end(),
            clf.syntax
        );
    }
    s
}

/// The methods paragraph for these checks, in a language.
pub fn methods_paragraph(c: &MeasurementCheck, lang: Lang) -> String {
    let e = &c.exploration;
    let b = &e.bartlett;
    let r = &e.efa.rotated;
    let mb = &c.method_bias;
    let chosen = e.efa.fit.iter().find(|f| f.nfactors == r.nfactors);
    let fit = chosen.map_or(String::new(), |f| {
        format!(
            "χ²({}) = {:.2}, CFI = {}, RMSEA = {}",
            int(Some(f.df)),
            f.chisq,
            num(f.cfi),
            num(f.rmsea)
        )
    });
    let clf_en = mb.clf.as_ref().map_or(String::new(), |clf| {
        format!(
            " Adding an unmeasured latent method factor with equal loadings on all items changed the fit by Δχ²({}) = {:.2}, ΔCFI = {}; {}.",
            int(Some(clf.delta_df)),
            clf.delta_chisq,
            num(Some(clf.delta_cfi)),
            if clf_concern(clf) { "this points to common-method variance" } else { "the substantive loadings changed by no more than .20, so common-method variance is unlikely to bias the results" }
        )
    });
    let clf_zh = mb.clf.as_ref().map_or(String::new(), |clf| {
        format!(
            "加入一个在所有题项上载荷相等的未测量潜在方法因子后，Δχ²({}) = {:.2}，ΔCFI = {}；{}。",
            int(Some(clf.delta_df)),
            clf.delta_chisq,
            num(Some(clf.delta_cfi)),
            if clf_concern(clf) {
                "提示存在共同方法变异"
            } else {
                "实质因子载荷的变化均不超过 .20，共同方法偏差不太可能影响结果"
            }
        )
    });
    match lang {
        Lang::En => format!(
            "Before the confirmatory analysis, sampling adequacy was {} (KMO = {}) and Bartlett's test of sphericity was significant, χ²({}) = {:.2}, p {}. {} eigenvalues exceeded 1 and parallel analysis suggested {} factor(s). An exploratory factor analysis (maximum likelihood, {} rotation; lavaan efa()) with {} factors fitted {}. Harman's single-factor test showed that the first unrotated factor explained {:.2}% of the variance, {} the 50% threshold (Podsakoff et al., 2003); a one-factor CFA fitted poorly, χ²({}) = {:.2}, CFI = {}.{}",
            KaiserLabel::of(e.kmo.overall).word(Lang::En),
            num(Some(e.kmo.overall)),
            int(Some(b.df)),
            b.chisq,
            p_with_sign(b.pvalue),
            e.kaiser_count,
            e.parallel.suggested,
            r.rotation.name(),
            r.nfactors,
            fit,
            mb.harman_percent,
            if harman_concern(mb.harman_percent) { "above" } else { "below" },
            int(Some(mb.one_factor_cfa.df)),
            mb.one_factor_cfa.chisq,
            num(mb.one_factor_cfa.cfi),
            clf_en
        ),
        Lang::Zh => format!(
            "在验证性因子分析之前，KMO 值为 {}（{}），Bartlett 球形检验显著，χ²({}) = {:.2}，p {}。特征值大于 1 的因子有 {} 个，平行分析建议 {} 个因子。探索性因子分析（最大似然估计，{} 旋转；lavaan efa()）抽取 {} 个因子，拟合为 {}。Harman 单因子检验显示，第一个未旋转因子解释了 {:.2}% 的方差，{} 50% 的临界值（Podsakoff 等, 2003）；单因子验证性因子分析拟合较差，χ²({}) = {:.2}，CFI = {}。{}",
            num(Some(e.kmo.overall)),
            KaiserLabel::of(e.kmo.overall).word(Lang::Zh),
            int(Some(b.df)),
            b.chisq,
            p_with_sign(b.pvalue),
            e.kaiser_count,
            e.parallel.suggested,
            r.rotation.name(),
            r.nfactors,
            fit,
            mb.harman_percent,
            if harman_concern(mb.harman_percent) { "高于" } else { "低于" },
            int(Some(mb.one_factor_cfa.df)),
            mb.one_factor_cfa.chisq,
            num(mb.one_factor_cfa.cfi),
            clf_zh
        ),
    }
}
