//! Multi-group results as tables: one group's part of an analysis (its
//! parameter rows with their standardized solutions, its R², ω and AVE) for
//! the page's group switch, and each group's contribution to χ².
//!
//! lavaan (`R/lav_test.R`): the χ² of a multi-group model is the sum of the
//! groups' contributions n_g·F_g (`lavInspect(fit, "test")$standard$stat.group`),
//! [`crate::analysis::GroupResults::chisq`].

use super::{int, num, parameters_table_in, r2_table_in, Lang, Table};
use crate::analysis::Analysis;

/// The words of this module's tables in one language.
struct GroupWords {
    /// Added to a caption: the group column and the group shown.
    in_group: fn(&str, &str, &str) -> String,
    chisq_caption: fn(&str) -> String,
    chisq_columns: [&'static str; 4],
    chisq_note: &'static str,
    chisq_scaled_note: &'static str,
}

const EN: GroupWords = GroupWords {
    in_group: |caption, column, label| format!("{caption} ({column} = {label})"),
    chisq_caption: |column| format!("χ² by group ({column})"),
    chisq_columns: ["Group", "N", "χ²", "Share of χ²"],
    chisq_note: "The model's χ² is the sum of the groups' contributions; a group with a larger share fits the model less well.",
    chisq_scaled_note: " The contributions are of the standard (unscaled) χ².",
};

const ZH: GroupWords = GroupWords {
    in_group: |caption, column, label| format!("{caption}（{column} = {label}）"),
    chisq_caption: |column| format!("各组对 χ² 的贡献（{column}）"),
    chisq_columns: ["组", "N", "χ²", "占 χ² 的比例"],
    chisq_note: "模型的 χ² 是各组贡献之和；所占比例越大的组，模型对其拟合越差。",
    chisq_scaled_note: "各组贡献为未经校正的标准 χ²。",
};

fn words(lang: Lang) -> &'static GroupWords {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// Group `g`'s (1-based) part of a multi-group analysis as an analysis of
/// its own: its parameter rows (and the defined parameters), its N, R², ω
/// and AVE. None for a single-group analysis or a group it does not have.
pub fn of_group(a: &Analysis, g: usize) -> Option<Analysis> {
    let groups = a.groups.as_ref()?;
    let k = g.checked_sub(1).filter(|&k| k < groups.labels.len())?;
    let mut one = a.clone();
    one.parameters.retain(|p| p.group == g || p.group == 0);
    one.nobs = groups.nobs[k];
    if let Some(r2) = groups.r2.get(k) {
        one.r2 = r2.clone();
    }
    if let Some(rel) = groups.reliability.get(k) {
        one.reliability = rel.clone();
    }
    one.groups = None;
    Some(one)
}

/// A table of group `g`: its caption names the group.
fn of_group_table(
    a: &Analysis,
    g: usize,
    lang: Lang,
    table: fn(&Analysis, Lang) -> Table,
) -> Option<Table> {
    let groups = a.groups.as_ref()?;
    let one = of_group(a, g)?;
    let mut t = table(&one, lang);
    t.caption = (words(lang).in_group)(&t.caption, &groups.column, &groups.labels[g - 1]);
    Some(t)
}

/// The parameter estimates (with std.lv and std.all) of group `g`.
pub fn parameters_table_of_group(a: &Analysis, g: usize, lang: Lang) -> Option<Table> {
    of_group_table(a, g, lang, parameters_table_in)
}

/// R² of group `g`.
pub fn r2_table_of_group(a: &Analysis, g: usize, lang: Lang) -> Option<Table> {
    of_group_table(a, g, lang, r2_table_in)
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
