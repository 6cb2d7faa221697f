//! The measurement-invariance ladder ([`crate::invariance::Ladder`]) as
//! tables and a verdict, shared by `semlab invariance` and the page: the
//! ladder (each level's fit, its difference to the level below and the
//! decision), the verdict sentence, the failing level's constraints ranked
//! by their score test, and the latent mean differences.

use super::{int, num, pval, Lang, Table};
use crate::analysis::EqualityTest;
use crate::invariance::{Ladder, LadderRow, Level, Rule};
use crate::nested_models::{Difference, DifferenceMethod, Indices};

/// The words of the ladder's tables in one language.
struct LadderWords {
    caption: fn(&str, &str, &str) -> String,
    /// A group with its N in the caption.
    group_n: fn(&str, usize) -> String,
    list_sep: &'static str,
    columns: [&'static str; 16],
    holds: &'static str,
    fails: &'static str,
    note: &'static str,
    rule: fn(Rule) -> &'static str,
    /// Which χ² (`ordinal`: WLSMV's scaled-and-shifted one) and which CFI,
    /// TLI and RMSEA the levels show, and the difference test (`{m}`).
    scaled_note: fn(bool, Indices, &str) -> String,
    /// Why every level shows the scaled indices: the levels (a list, how
    /// many) without robust ones.
    without_robust_note: fn(&str, usize) -> String,
    method: fn(DifferenceMethod) -> &'static str,
    /// A level's name (`ordinal`: see [`Ladder::ordinal`]).
    level: fn(Level, bool) -> &'static str,
    verdict_fails: fn(&str, &str) -> String,
    verdict_holds: fn(&str) -> String,
    free_note: fn(&str) -> String,
    constraints_caption: fn(&str) -> String,
    constraints_columns: [&'static str; 6],
    constraints_note: &'static str,
    means_caption: fn(&str) -> String,
    means_columns: [&'static str; 7],
    means_note: fn(&str) -> String,
    apa_caption: fn(&str) -> String,
    apa_columns: [&'static str; 13],
    /// The level as an APA row label (capitalized in English).
    apa_level: fn(Level, bool) -> &'static str,
    apa_groups: fn(&str, &str) -> String,
    apa_means_caption: fn(&str) -> String,
    /// The methods sentence: group column, groups, difference method,
    /// rule, the levels fitted ([`LadderWords::levels`]) and which indices
    /// ΔCFI and ΔRMSEA are of ([`LadderWords::methods_indices`]).
    methods: fn(&str, &str, &str, &str, &str, &str) -> String,
    /// Which indices ΔCFI and ΔRMSEA are of, and (scaled) the levels
    /// without robust ones and how many: empty for the standard ones.
    methods_indices: fn(Indices, &str, usize) -> String,
    /// The levels fitted, in words (`ordinal`: configural, metric and scalar
    /// with equal thresholds).
    levels: fn(bool) -> &'static str,
    methods_free: fn(&str) -> String,
}

const EN: LadderWords = LadderWords {
    caption: |est, column, groups| {
        format!("Measurement invariance ({est}, groups by {column}: {groups})")
    },
    group_n: |g, n| format!("{g} (n = {n})"),
    list_sep: ", ",
    columns: [
        "Level", "χ²", "df", "p", "CFI", "TLI", "RMSEA", "SRMR", "AIC", "BIC", "Δχ²", "Δdf",
        "p (Δχ²)", "ΔCFI", "ΔRMSEA", "Decision",
    ],
    holds: "holds",
    fails: "fails",
    note: "Each level is compared with the level above it in the table",
    rule: Rule::text,
    scaled_note: |ordinal, indices, m| {
        let chisq = if ordinal { "scaled-and-shifted" } else { "scaled" };
        let kind = match indices {
            Indices::Scaled => "scaled",
            _ => "robust",
        };
        format!(" χ² is the {chisq} statistic, CFI, TLI and RMSEA the {kind} indices; Δχ² is the {m}.")
    },
    without_robust_note: |levels, n| {
        let (level, has) = if n == 1 { ("level has", "it") } else { ("levels have", "them") };
        format!(" The {levels} {level} no robust CFI, TLI and RMSEA (lavaan leaves {has} undefined with equal thresholds), so every level shows the scaled ones.")
    },
    method: DifferenceMethod::text,
    level: |l, _| l.name(),
    verdict_fails: |held, failed| {
        format!("{held} invariance holds; {failed} invariance does not.")
    },
    verdict_holds: |held| format!("{held} invariance holds."),
    free_note: |free| format!(" Released in every level (partial invariance): {free}."),
    constraints_caption: |level| {
        format!("Equality constraints of the {level} level, ranked by their score test")
    },
    constraints_columns: ["Constraint", "Parameter", "χ²", "df", "p", "Expected change"],
    constraints_note: "Score test (lavaan's lavTestScore) of each equality on its own: releasing the first constraint improves the fit the most. Expected change: of the parameter in the group compared with the first group, when the constraint is released.",
    means_caption: |first| format!("Latent mean differences (relative to {first})"),
    means_columns: ["Factor", "Group", "Difference", "SE", "z", "p", "d"],
    means_note: |first| {
        format!("Under (partial) scalar invariance the latent means of {first} are fixed at 0; each difference is that group's latent mean. d: the difference over the pooled latent standard deviation of the two groups.")
    },
    apa_caption: |column| format!("Measurement Invariance Across {column} Groups"),
    apa_columns: [
        "Level", "χ²", "df", "CFI", "TLI", "RMSEA", "SRMR", "Δχ²", "Δdf", "p", "ΔCFI", "ΔRMSEA",
        "Decision",
    ],
    apa_level: |l, _| match l {
        Level::Configural => "Configural",
        Level::Metric => "Metric",
        Level::Scalar => "Scalar",
        Level::Strict => "Strict",
    },
    apa_groups: |est, groups| format!("Estimator {est}; groups: {groups}. "),
    apa_means_caption: |first| format!("Latent Mean Differences Relative to {first}"),
    methods: |column, groups, method, rule, levels, indices| {
        format!("Measurement invariance across the {column} groups ({groups}) was tested with nested multi-group models ({levels}) compared by the {method}, ΔCFI and ΔRMSEA{indices}; {rule}.")
    },
    methods_indices: |indices, levels, n| match indices {
        Indices::Standard => String::new(),
        Indices::Robust => " (of the robust indices)".into(),
        Indices::Scaled => {
            let has = if n == 1 { "level has" } else { "levels have" };
            format!(" (of the scaled indices, as the {levels} {has} no robust ones)")
        }
    },
    methods_free: |free| {
        format!(" Partial invariance: {free} estimated freely in each group in every level.")
    },
    levels: |ordinal| {
        if ordinal {
            "configural, metric and scalar invariance, the scalar level with equal thresholds of the ordinal items"
        } else {
            "configural, metric, scalar and strict invariance"
        }
    },
};

const ZH: LadderWords = LadderWords {
    caption: |est, column, groups| {
        format!("测量等值性检验（{est}，分组变量 {column}：{groups}）")
    },
    group_n: |g, n| format!("{g}（n = {n}）"),
    list_sep: "，",
    columns: [
        "层级", "χ²", "df", "p", "CFI", "TLI", "RMSEA", "SRMR", "AIC", "BIC", "Δχ²", "Δdf",
        "p（Δχ²）", "ΔCFI", "ΔRMSEA", "结论",
    ],
    holds: "成立",
    fails: "不成立",
    note: "每个层级与表中其上一层级比较",
    rule: |r| match r {
        Rule::CfiRmsea => {
            "ΔCFI ≥ −.01（Cheung & Rensvold, 2002）且 ΔRMSEA ≤ .015（Chen, 2007）时该层级成立"
        }
        Rule::Cfi => "ΔCFI ≥ −.01（Cheung & Rensvold, 2002）时该层级成立",
        Rule::Chisq => "χ² 差异检验不显著（p ≥ .05）时该层级成立",
    },
    scaled_note: |ordinal, indices, m| {
        let chisq = if ordinal { "均值与方差校正 χ²" } else { "校正 χ²" };
        let kind = match indices {
            Indices::Scaled => "校正指标",
            _ => "稳健指标",
        };
        format!("χ² 为{chisq}，CFI、TLI、RMSEA 为{kind}；Δχ² 为{m}。")
    },
    without_robust_note: |levels, _| {
        format!("{levels}层级没有稳健的 CFI、TLI 和 RMSEA（阈值相等时 lavaan 不给出），故各层级均报告校正指标。")
    },
    method: DifferenceMethod::text_zh,
    level: Level::name_zh,
    verdict_fails: |held, failed| format!("{held}成立；{failed}不成立。"),
    verdict_holds: |held| format!("{held}成立。"),
    free_note: |free| format!("各层级均已释放（部分等值）：{free}。"),
    constraints_caption: |level| format!("{level}层级的等同约束（按得分检验排序）"),
    constraints_columns: ["约束", "参数", "χ²", "df", "p", "预期变化"],
    constraints_note: "逐条约束的得分检验（lavaan 的 lavTestScore）：释放排在最前的约束对拟合的改善最大。预期变化：释放该约束时，该组（相对于第一组）参数的预期变化。",
    means_caption: |first| format!("潜均值差异（以 {first} 为参照）"),
    means_columns: ["因子", "组", "差异", "SE", "z", "p", "d"],
    means_note: |first| {
        format!("在（部分）强等值下，{first} 的潜均值固定为 0；每个差异即该组的潜均值。d：差异除以两组合并的潜变量标准差。")
    },
    apa_caption: |column| format!("{column} 各组间的测量等值性检验"),
    apa_columns: [
        "层级", "χ²", "df", "CFI", "TLI", "RMSEA", "SRMR", "Δχ²", "Δdf", "p", "ΔCFI", "ΔRMSEA",
        "结论",
    ],
    apa_level: Level::name_zh,
    apa_groups: |est, groups| format!("估计方法 {est}；各组：{groups}。"),
    apa_means_caption: |first| format!("潜均值差异（以 {first} 为参照）"),
    methods: |column, groups, method, rule, levels, indices| {
        format!("以 {column} 分组（{groups}），依次拟合{levels}的嵌套多组模型，以{method}、ΔCFI 与 ΔRMSEA{indices}比较相邻层级，检验测量等值性；{rule}。")
    },
    methods_indices: |indices, levels, _| match indices {
        Indices::Standard => String::new(),
        Indices::Robust => "（稳健指标）".into(),
        Indices::Scaled => format!("（校正指标：{levels}层级没有稳健指标）"),
    },
    methods_free: |free| format!("部分等值：各层级中 {free} 在各组自由估计。"),
    levels: |ordinal| {
        if ordinal {
            "形态、弱（载荷）与强（有序题项的阈值）等值"
        } else {
            "形态、弱（载荷）、强（截距）与严格（残差）等值"
        }
    },
};

fn words(lang: Lang) -> &'static LadderWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// How a constraint is released: lavaan's `group.partial` text
/// (`x3~1`, `visual=~x2`).
pub fn release_text(c: &EqualityTest) -> String {
    format!("{}{}{}", c.lhs, c.op, c.rhs)
}

/// A constraint's readable name (`x3 ~ 1 in all groups`) in a language.
pub fn constraint_name(c: &EqualityTest, lang: Lang) -> &str {
    match lang {
        Lang::En => &c.name,
        Lang::Zh => &c.name_zh,
    }
}

/// A level's difference to the level above, none on configural (a ladder
/// read back from JSON has an all-empty difference there: serde's flatten).
fn difference(r: &LadderRow) -> Option<Difference> {
    r.difference.filter(|d| {
        [d.delta_chisq, d.delta_df, d.delta_cfi, d.delta_rmsea]
            .iter()
            .any(Option::is_some)
    })
}

/// A level's decision under the ladder's rule (empty on configural): the
/// [`crate::invariance::Decision`] the engine made, in words.
fn decision_cell(r: &LadderRow, w: &LadderWords) -> String {
    match r.decision {
        None => String::new(),
        Some(d) if d.holds => w.holds.into(),
        Some(_) => w.fails.into(),
    }
}

/// The ladder tables' note: how levels are compared, the rule, under a
/// scaled test (MLM, MLR, WLSMV) which χ² and which CFI, TLI and RMSEA are
/// shown (the scaled ones, and the levels without robust ones, when some
/// level has none) and the difference test, and the released parameters.
fn note_in(l: &Ladder, lang: Lang) -> String {
    let w = words(lang);
    let mut note = match lang {
        Lang::En => format!("{}; {}.", w.note, (w.rule)(l.rule)),
        Lang::Zh => format!("{}；{}。", w.note, (w.rule)(l.rule)),
    };
    if l.indices != Indices::Standard {
        note.push_str(&(w.scaled_note)(
            l.ordinal(),
            l.indices,
            (w.method)(l.difference_method),
        ));
    }
    if l.indices == Indices::Scaled && !l.without_robust.is_empty() {
        note.push_str(&(w.without_robust_note)(
            &without_robust(l, w),
            l.without_robust.len(),
        ));
    }
    if !l.free.is_empty() {
        note.push_str(&(w.free_note)(&l.free.join(w.list_sep)));
    }
    note
}

/// The levels without robust CFI, TLI and RMSEA, by name (`scalar`).
fn without_robust(l: &Ladder, w: &LadderWords) -> String {
    l.without_robust
        .iter()
        .map(|&level| (w.level)(level, l.ordinal()))
        .collect::<Vec<_>>()
        .join(w.list_sep)
}

/// The groups with their N (`online (n = 212), live (n = 188)`).
fn groups_in(l: &Ladder, w: &LadderWords) -> String {
    l.groups
        .iter()
        .zip(&l.nobs)
        .map(|(g, n)| (w.group_n)(g, *n))
        .collect::<Vec<_>>()
        .join(w.list_sep)
}

/// The ladder in APA style for the paper ([`super::apa`]): level, χ², df,
/// CFI, TLI, RMSEA, SRMR, Δχ², Δdf, p, ΔCFI, ΔRMSEA and the decision —
/// the numbers and decisions of [`ladder_table_in`] in APA's format (χ²
/// to 2 decimals, indices without the leading zero, p as `.045` or
/// `< .001`), the estimator and groups in the note.
pub fn apa_ladder_table_in(l: &Ladder, lang: Lang) -> Table {
    use super::apa::{fixed, prop};
    let w = words(lang);
    let rows = l
        .ladder
        .iter()
        .map(|r| {
            let d = difference(r);
            let blank = |f: &dyn Fn(&Difference) -> String| d.as_ref().map_or(String::new(), f);
            vec![
                (w.apa_level)(r.level, l.ordinal()).to_string(),
                fixed(r.fit.chisq, 2),
                int(r.fit.df),
                prop(r.fit.cfi, 3),
                prop(r.fit.tli, 3),
                prop(r.fit.rmsea, 3),
                prop(r.fit.srmr, 3),
                blank(&|d| fixed(d.delta_chisq, 2)),
                blank(&|d| int(d.delta_df)),
                blank(&|d| pval(d.delta_pvalue)),
                blank(&|d| prop(d.delta_cfi, 3)),
                blank(&|d| prop(d.delta_rmsea, 3)),
                decision_cell(r, w),
            ]
        })
        .collect();
    let note = (w.apa_groups)(&l.estimator, &groups_in(l, w)) + &note_in(l, lang);
    Table {
        exact: Vec::new(),
        id: "apa_invariance".into(),
        caption: (w.apa_caption)(&l.group),
        columns: w.apa_columns.map(String::from).to_vec(),
        rows,
        note: Some(note),
    }
    .with_exact(
        9,
        l.ladder
            .iter()
            .map(|r| difference(r).and_then(|d| d.delta_pvalue))
            .collect(),
    )
}

/// The latent mean differences in APA style: the numbers of
/// [`latent_means_table_in`] with z to 2 decimals, p as `.045` or
/// `< .001` and d to 2 decimals. None when scalar invariance does not hold.
pub fn apa_latent_means_table_in(l: &Ladder, lang: Lang) -> Option<Table> {
    use super::apa::fixed;
    let t = latent_means_table_in(l, lang)?;
    let w = words(lang);
    let rows = latent_mean_rows(l, |x| fixed(x, 2));
    Some(Table {
        id: "apa_latent_means".into(),
        caption: (w.apa_means_caption)(l.groups.first().map(String::as_str).unwrap_or("")),
        rows,
        ..t
    })
}

/// The invariance tables of the paper: the ladder and, under (partial)
/// scalar invariance, the latent mean differences.
pub fn apa_tables_in(l: &Ladder, lang: Lang) -> Vec<Table> {
    let mut t = vec![apa_ladder_table_in(l, lang)];
    t.extend(apa_latent_means_table_in(l, lang));
    t
}

/// The methods paragraph's sentences on the ladder: the groups, the
/// difference test and the rule (the words of the table's note), the
/// verdict ([`verdict_in`], the sentence of the page and the command line)
/// and the released parameters.
pub fn methods_in(l: &Ladder, lang: Lang) -> String {
    let w = words(lang);
    let mut out = (w.methods)(
        &l.group,
        &groups_in(l, w),
        (w.method)(l.difference_method),
        (w.rule)(l.rule),
        (w.levels)(l.ordinal()),
        &(w.methods_indices)(l.indices, &without_robust(l, w), l.without_robust.len()),
    );
    let verdict = verdict_in(l, lang);
    match lang {
        Lang::En => {
            let mut c = verdict.chars();
            out.push(' ');
            if let Some(first) = c.next() {
                out.push_str(&crate::letter_case::upper(first.encode_utf8(&mut [0; 4])));
                out.push_str(c.as_str());
            }
        }
        Lang::Zh => out.push_str(&verdict),
    }
    if !l.free.is_empty() {
        out.push_str(&(w.methods_free)(&l.free.join(w.list_sep)));
    }
    match lang {
        Lang::Zh => crate::format::cjk_latin_spacing(&out),
        Lang::En => out,
    }
}

/// The methods paragraph `paragraph` followed by the ladder's sentences
/// ([`methods_in`]) when a ladder of the same inputs was run: what *For
/// the paper* shows and the report prints.
pub fn paragraph_with_ladder(paragraph: String, l: Option<&Ladder>, lang: Lang) -> String {
    let Some(l) = l else {
        return paragraph;
    };
    let mut p = paragraph;
    if lang == Lang::En && !p.is_empty() {
        p.push(' ');
    }
    p.push_str(&methods_in(l, lang));
    p
}

/// The ladder: one row per level with its fit, its difference to the level
/// above and whether it holds under the ladder's rule.
pub fn ladder_table_in(l: &Ladder, lang: Lang) -> Table {
    let w = words(lang);
    let rows = l
        .ladder
        .iter()
        .map(|r| {
            let d = difference(r);
            vec![
                (w.level)(r.level, l.ordinal()).to_string(),
                num(r.fit.chisq),
                int(r.fit.df),
                pval(r.fit.pvalue),
                num(r.fit.cfi),
                num(r.fit.tli),
                num(r.fit.rmsea),
                num(r.fit.srmr),
                num(r.fit.aic),
                num(r.fit.bic),
                d.map_or(String::new(), |d| num(d.delta_chisq)),
                d.map_or(String::new(), |d| int(d.delta_df)),
                d.map_or(String::new(), |d| pval(d.delta_pvalue)),
                d.map_or(String::new(), |d| num(d.delta_cfi)),
                d.map_or(String::new(), |d| num(d.delta_rmsea)),
                decision_cell(r, w),
            ]
        })
        .collect();
    let note = note_in(l, lang);
    Table {
        exact: vec![
            super::ExactColumn {
                column: 3,
                values: l.ladder.iter().map(|r| r.fit.pvalue).collect(),
            },
            super::ExactColumn {
                column: 12,
                values: l
                    .ladder
                    .iter()
                    .map(|r| r.difference.and_then(|d| d.delta_pvalue))
                    .collect(),
            },
        ],
        id: "invariance".into(),
        caption: (w.caption)(&l.estimator, &l.group, &groups_in(l, w)),
        columns: w.columns.map(String::from).to_vec(),
        rows,
        note: Some(note),
    }
}

/// The verdict: the highest level that holds and, if any, the first that
/// fails (the one place this sentence is made).
pub fn verdict_in(l: &Ladder, lang: Lang) -> String {
    let w = words(lang);
    let held = (w.level)(l.established, l.ordinal());
    match l.failed_at {
        Some(f) => (w.verdict_fails)(held, (w.level)(f, l.ordinal())),
        None => (w.verdict_holds)(held),
    }
}

/// The failing level's constraints, largest score test first. None when
/// every level holds.
pub fn constraints_table_in(l: &Ladder, lang: Lang) -> Option<Table> {
    let failed = l.failed_at?;
    let w = words(lang);
    let rows = l
        .constraints
        .iter()
        .map(|c| {
            vec![
                constraint_name(c, lang).to_string(),
                release_text(c),
                num(Some(c.chisq)),
                c.df.to_string(),
                pval(Some(c.pvalue)),
                num(Some(c.epc)),
            ]
        })
        .collect();
    Some(Table {
        exact: vec![super::ExactColumn {
            column: 4,
            values: l.constraints.iter().map(|c| Some(c.pvalue)).collect(),
        }],
        id: "invariance_constraints".into(),
        caption: (w.constraints_caption)((w.level)(failed, l.ordinal())),
        columns: w.constraints_columns.map(String::from).to_vec(),
        rows,
        note: Some(w.constraints_note.into()),
    })
}

/// One row per latent mean difference: factor, group, estimate, SE, z, p,
/// d — z and d shown by `z_d` (three decimals on the page, two in APA).
fn latent_mean_rows(l: &Ladder, z_d: impl Fn(Option<f64>) -> String) -> Vec<Vec<String>> {
    l.latent_means
        .iter()
        .map(|m| {
            vec![
                m.factor.clone(),
                m.label.clone(),
                num(Some(m.est)),
                num(m.se),
                z_d(m.z),
                pval(m.pvalue),
                z_d(m.d),
            ]
        })
        .collect()
}

/// The latent mean differences under (partial) scalar invariance. None when
/// scalar invariance does not hold.
pub fn latent_means_table_in(l: &Ladder, lang: Lang) -> Option<Table> {
    if l.latent_means.is_empty() {
        return None;
    }
    let w = words(lang);
    let first = l.groups.first().map(String::as_str).unwrap_or("");
    let rows = latent_mean_rows(l, num);
    Some(Table {
        exact: vec![super::ExactColumn {
            column: 5,
            values: l.latent_means.iter().map(|m| m.pvalue).collect(),
        }],
        id: "latent_means".into(),
        caption: (w.means_caption)(first),
        columns: w.means_columns.map(String::from).to_vec(),
        rows,
        note: Some((w.means_note)(first)),
    })
}

/// Every table of the ladder with the verdict between the ladder and the
/// constraints, as the command line prints them.
pub fn tables_in(l: &Ladder, lang: Lang) -> (Table, String, Vec<Table>) {
    let mut rest: Vec<Table> = constraints_table_in(l, lang).into_iter().collect();
    rest.extend(latent_means_table_in(l, lang));
    (ladder_table_in(l, lang), verdict_in(l, lang), rest)
}
