//! Multi-group results as tables: one group's part of an analysis (its
//! parameter rows with their standardized solutions, its R², ω and AVE) for
//! the page's group switch, the part that belongs to no group (the defined
//! parameters and the hypotheses on them, once for the whole model), and
//! each group's contribution to χ².
//!
//! lavaan (`parameterEstimates`, `R/lav_partable.R`): a defined parameter
//! (`:=`) of a multi-group model has group 0 and comes after every group's
//! rows; `summary()` prints it once, under "Defined Parameters".
//!
//! lavaan (`R/lav_test.R`): the χ² of a multi-group model is the sum of the
//! groups' contributions n_g·F_g (`lavInspect(fit, "test")$standard$stat.group`),
//! [`crate::analysis::GroupResults::chisq`].

use super::{int, num, parameters_table_in, pval, r2_table_in, Lang, Table};
use crate::analysis::Analysis;

/// The words of this module's tables in one language.
struct GroupWords {
    /// Added to a caption: the group column and the group shown.
    in_group: fn(&str, &str, &str) -> String,
    /// The captions of the defined parameters and of the hypotheses on
    /// them, with the group column: rows of no group.
    defined_caption: fn(&str) -> String,
    defined_hypotheses_caption: fn(&str) -> String,
    chisq_caption: fn(&str) -> String,
    chisq_columns: [&'static str; 4],
    chisq_note: &'static str,
    chisq_scaled_note: &'static str,
    diff_caption: fn(&str) -> String,
    /// Path, then the estimate in each group (`b (group)`), then these.
    diff_path: &'static str,
    diff_est: fn(&str) -> String,
    diff_columns: [&'static str; 4],
    diff_yes: &'static str,
    diff_no: &'static str,
    diff_equal: &'static str,
    diff_note: fn(f64) -> String,
}

const EN: GroupWords = GroupWords {
    in_group: |caption, column, label| format!("{caption} ({column} = {label})"),
    defined_caption: |column| format!("Defined parameters (one for all groups of {column})"),
    defined_hypotheses_caption: |column| {
        format!("Hypotheses on defined parameters (one for all groups of {column})")
    },
    chisq_caption: |column| format!("χ² by group ({column})"),
    chisq_columns: ["Group", "N", "χ²", "Share of χ²"],
    chisq_note: "The model's χ² is the sum of the groups' contributions; a group with a larger share fits the model less well.",
    chisq_scaled_note: " The contributions are of the standard (unscaled) χ².",
    diff_caption: |column| format!("Paths compared across groups ({column})"),
    diff_path: "Path",
    diff_est: |label| format!("b ({label})"),
    diff_columns: ["Wald χ²", "df", "p", "Differs"],
    diff_yes: "yes",
    diff_no: "no",
    diff_equal: "equal in the model",
    diff_note: |alpha| format!(
        "Unstandardized estimates. Wald test that the path is equal in every group (lavaan lavTestWald), with the standard errors of the model; the path differs when p < {alpha}."
    ),
};

const ZH: GroupWords = GroupWords {
    in_group: |caption, column, label| format!("{caption}（{column} = {label}）"),
    defined_caption: |column| format!("定义参数（{column} 各组共用一个）"),
    defined_hypotheses_caption: |column| format!("以定义参数检验的假设（{column} 各组共用一个）"),
    chisq_caption: |column| format!("各组对 χ² 的贡献（{column}）"),
    chisq_columns: ["组", "N", "χ²", "占 χ² 的比例"],
    chisq_note: "模型的 χ² 是各组贡献之和；所占比例越大的组，模型对其拟合越差。",
    chisq_scaled_note: "各组贡献为未经校正的标准 χ²。",
    diff_caption: |column| format!("各组路径系数的比较（{column}）"),
    diff_path: "路径",
    diff_est: |label| format!("b（{label}）"),
    diff_columns: ["Wald χ²", "df", "p", "有差异"],
    diff_yes: "是",
    diff_no: "否",
    diff_equal: "模型中设为相等",
    diff_note: |alpha| {
        format!(
        "非标准化估计值。Wald 检验各组该路径系数相等的假设（lavaan lavTestWald），使用模型的标准误；p < {alpha} 时判定该路径在组间有差异。"
    )
    },
};

fn words(lang: Lang) -> &'static GroupWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// Group `g`'s (1-based) part of a multi-group analysis as an analysis of
/// its own: its parameter rows (not the defined parameters, which belong to
/// no group: [`of_no_group`]), its N, R², α, ω and AVE, Fornell–Larcker
/// matrix, hypotheses and modification indices. HTMT is of every row, as
/// semTools' `htmt` ignores groups. None for a single-group analysis or a
/// group it does not have.
pub fn of_group(a: &Analysis, g: usize) -> Option<Analysis> {
    let groups = a.groups.as_ref()?;
    let k = g.checked_sub(1).filter(|&k| k < groups.labels.len())?;
    let mut one = a.clone();
    one.parameters.retain(|p| p.group == g);
    one.hypotheses.retain(|h| h.group == g);
    one.modindices.retain(|m| m.group == g);
    one.nobs = groups.nobs[k];
    if let Some(r2) = groups.r2.get(k) {
        one.r2 = r2.clone();
    }
    if let Some(rel) = groups.reliability.get(k) {
        one.reliability = rel.clone();
    }
    if let Some(c) = groups.constructs.get(k) {
        one.constructs = c.clone();
    }
    if let Some(fl) = groups.fornell_larcker.get(k) {
        one.fornell_larcker = fl.clone();
    }
    one.groups = None;
    Some(one)
}

/// The part of a multi-group analysis that belongs to no group (lavaan's
/// group 0): its defined parameters (`:=`) and the hypotheses on them, with
/// the whole model's N and no R², reliability or modification indices.
/// None for a single-group analysis or one without defined parameters.
pub fn of_no_group(a: &Analysis) -> Option<Analysis> {
    a.groups.as_ref()?;
    if !a.parameters.iter().any(|p| p.group == 0) {
        return None;
    }
    let mut one = a.clone();
    one.parameters.retain(|p| p.group == 0);
    one.hypotheses.retain(|h| h.group == 0);
    one.modindices.clear();
    one.r2.clear();
    one.reliability.clear();
    one.constructs.clear();
    one.groups = None;
    Some(one)
}

/// Each group's part of a multi-group analysis ([`of_group`]) and the part
/// of no group ([`of_no_group`]), made once for the many tables of a
/// report (a part is a copy of the analysis).
pub struct Parts<'a> {
    whole: &'a Analysis,
    groups: Vec<Analysis>,
    no_group: Option<Analysis>,
}

impl<'a> Parts<'a> {
    /// The parts of `a` (none for a single-group analysis).
    pub fn of(a: &'a Analysis) -> Self {
        let n = a.groups.as_ref().map_or(0, |gs| gs.labels.len());
        Parts {
            whole: a,
            groups: (1..=n).filter_map(|g| of_group(a, g)).collect(),
            no_group: of_no_group(a),
        }
    }

    /// The table of the defined parameters, once for all groups
    /// ([`defined_parameters_table_in`]).
    pub fn defined_parameters(&self, lang: Lang) -> Option<Table> {
        defined_table(
            self.whole,
            self.no_group.as_ref()?,
            Defined::Parameters,
            lang,
            parameters_table_in,
        )
    }

    /// The hypothesis table (`table`) of the hypotheses on defined
    /// parameters, once for all groups ([`defined_hypotheses_table_in`]).
    pub fn defined_hypotheses(
        &self,
        lang: Lang,
        table: impl Fn(&Analysis, Lang) -> Table,
    ) -> Option<Table> {
        defined_table(
            self.whole,
            self.no_group.as_ref()?,
            Defined::Hypotheses,
            lang,
            table,
        )
    }

    /// One table per group (captioned with its group) for a multi-group
    /// analysis, else the one table.
    pub fn tables(&self, lang: Lang, table: impl Fn(&Analysis, Lang) -> Table) -> Vec<Table> {
        match &self.whole.groups {
            Some(gs) => self
                .groups
                .iter()
                .zip(&gs.labels)
                .map(|(one, label)| captioned(table(one, lang), &gs.column, label, lang))
                .collect(),
            None => vec![table(self.whole, lang)],
        }
    }
}

/// Each group's path diagram as SVG (`svg` of its part, [`of_group`]),
/// captioned `column = label`; for a single-group analysis the one diagram
/// with an empty caption. The report's and the command line's diagrams.
pub fn diagrams(a: &Analysis, svg: impl Fn(&Analysis) -> String) -> Vec<(String, String)> {
    match &a.groups {
        Some(gs) => Parts::of(a)
            .groups
            .iter()
            .zip(&gs.labels)
            .map(|(one, label)| (format!("{} = {label}", gs.column), svg(one)))
            .collect(),
        None => vec![(String::new(), svg(a))],
    }
}

/// One table per group (captioned with its group) for a multi-group
/// analysis, else the one table: what a report shows of the tables that
/// hold one group's results.
pub fn each_group(
    a: &Analysis,
    lang: Lang,
    table: impl Fn(&Analysis, Lang) -> Table,
) -> Vec<Table> {
    Parts::of(a).tables(lang, table)
}

/// A table of group `g`: its caption names the group.
pub fn table_of_group(
    a: &Analysis,
    g: usize,
    lang: Lang,
    table: impl Fn(&Analysis, Lang) -> Table,
) -> Option<Table> {
    let groups = a.groups.as_ref()?;
    let one = of_group(a, g)?;
    Some(captioned(
        table(&one, lang),
        &groups.column,
        &groups.labels[g - 1],
        lang,
    ))
}

/// The defined parameters of a multi-group analysis, once for the whole
/// model (they belong to no group, [`of_no_group`]): the parameter table of
/// those rows. None for a single-group analysis (whose parameter table has
/// them) or a model without defined parameters.
pub fn defined_parameters_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    defined_table(
        a,
        &of_no_group(a)?,
        Defined::Parameters,
        lang,
        parameters_table_in,
    )
}

/// The hypotheses on defined parameters of a multi-group analysis, once
/// for the whole model: `table` (a hypothesis table) of [`of_no_group`].
/// None for a single-group analysis or without such hypotheses.
pub fn defined_hypotheses_table_in(
    a: &Analysis,
    lang: Lang,
    table: impl Fn(&Analysis, Lang) -> Table,
) -> Option<Table> {
    defined_table(a, &of_no_group(a)?, Defined::Hypotheses, lang, table)
}

/// What a table of the part of no group is: its caption and id.
#[derive(Clone, Copy)]
enum Defined {
    Parameters,
    Hypotheses,
}

/// `table` of the part of no group, captioned and named as `kind`; None
/// without rows.
fn defined_table(
    whole: &Analysis,
    no_group: &Analysis,
    kind: Defined,
    lang: Lang,
    table: impl Fn(&Analysis, Lang) -> Table,
) -> Option<Table> {
    let column = &whole.groups.as_ref()?.column;
    let mut t = table(no_group, lang);
    if t.rows.is_empty() {
        return None;
    }
    let w = words(lang);
    (t.caption, t.id) = match kind {
        Defined::Parameters => ((w.defined_caption)(column), "defined_parameters".into()),
        Defined::Hypotheses => (
            (w.defined_hypotheses_caption)(column),
            "defined_hypotheses".into(),
        ),
    };
    Some(t)
}

/// A group's table with the group named in its caption.
fn captioned(mut t: Table, column: &str, label: &str, lang: Lang) -> Table {
    t.caption = (words(lang).in_group)(&t.caption, column, label);
    t
}

/// The parameter estimates (with std.lv and std.all) of group `g`.
pub fn parameters_table_of_group(a: &Analysis, g: usize, lang: Lang) -> Option<Table> {
    table_of_group(a, g, lang, parameters_table_in)
}

/// R² of group `g`.
pub fn r2_table_of_group(a: &Analysis, g: usize, lang: Lang) -> Option<Table> {
    table_of_group(a, g, lang, r2_table_in)
}

/// Each group's N and contribution to χ² (and its share). None for a
/// single-group analysis.
pub fn group_chisq_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    let groups = a.groups.as_ref()?;
    let w = words(lang);
    let total: f64 = groups.chisq.iter().sum();
    let rows = groups
        .labels
        .iter()
        .zip(&groups.nobs)
        .zip(&groups.chisq)
        .map(|((label, n), x)| {
            vec![
                label.clone(),
                int(Some(*n as f64)),
                num(Some(*x)),
                num((total > 0.0).then(|| x / total)),
            ]
        })
        .collect();
    let mut note = w.chisq_note.to_string();
    if a.fit.contains_key("chisq.scaled") {
        note.push_str(w.chisq_scaled_note);
    }
    Some(Table {
        exact: Vec::new(),
        id: "group_chisq".into(),
        caption: (w.chisq_caption)(&groups.column),
        columns: w.chisq_columns.map(String::from).to_vec(),
        rows,
        note: Some(note),
    })
}

/// Each regression path's unstandardized estimate in every group and the
/// Wald test that it is equal across groups, with the verdict
/// ([`crate::tables::group_differences::PathDifference::differs`]) at the
/// significance level `alpha` (the hypothesis rule's). None for a
/// single-group analysis or a model without regressions.
pub fn path_differences_table_in(a: &Analysis, alpha: f64, lang: Lang) -> Option<Table> {
    let groups = a.groups.as_ref()?;
    if groups.path_differences.is_empty() {
        return None;
    }
    let w = words(lang);
    let mut columns = vec![w.diff_path.to_string()];
    columns.extend(groups.labels.iter().map(|l| (w.diff_est)(l)));
    columns.extend(w.diff_columns.map(String::from));
    let rows = groups
        .path_differences
        .iter()
        .map(|d| {
            let mut row = vec![format!("{} ← {}", d.outcome, d.predictor)];
            row.extend(d.est.iter().map(|&b| num(Some(b))));
            row.push(num(d.chisq));
            match d.chisq {
                Some(_) => row.extend([int(Some(d.df as f64)), pval(d.pvalue)]),
                None => row.extend([String::new(), String::new()]),
            }
            row.push(
                match d.differs(alpha) {
                    _ if d.equal_in_model => w.diff_equal,
                    Some(true) => w.diff_yes,
                    Some(false) => w.diff_no,
                    None => "",
                }
                .to_string(),
            );
            row
        })
        .collect();
    let p_column = groups.labels.len() + 3;
    let exact = groups.path_differences.iter().map(|d| d.pvalue).collect();
    Some(
        Table {
            exact: Vec::new(),
            id: "path_differences".into(),
            caption: (w.diff_caption)(&groups.column),
            columns,
            rows,
            note: Some((w.diff_note)(alpha)),
        }
        .with_exact(p_column, exact),
    )
}
