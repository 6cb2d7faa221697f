//! Publication tables in APA style (7th edition): an [`Analysis`] in; the
//! tables a survey paper prints out, as plain [`Table`]s that the shared
//! renderers turn into Word-pasteable HTML, LaTeX (`booktabs`) or CSV
//! ([`export::to_html_styled`], [`export::to_latex_styled`],
//! [`export::to_csv`] with [`Style::Apa`]).
//!
//! - Table I, measurement model ([`measurement_table`]): construct, item,
//!   standardized loading λ, Cronbach's α, CR (ω), AVE;
//! - Table II, fit ([`fit_table`]): one row of indices and one of criteria;
//! - discriminant validity ([`fornell_larcker_table`], [`htmt_table`]);
//! - Table III, hypotheses ([`hypotheses_table`]);
//! - with the checks of the measurement ([`tables_with`]): KMO and
//!   Bartlett, the EFA's loadings and common-method bias;
//! - with the invariance ladder ([`tables_full`]): measurement invariance
//!   across groups and the latent mean differences.
//!
//! Numbers follow APA: values that cannot exceed 1 in a proper solution
//! (loadings, α, CR, AVE, correlations, CFI, RMSEA, ...) without the
//! leading zero (`.689`; an improper 1.06 still prints as `1.060`), test
//! statistics (χ², z) to 2 decimals, p-values as `.002` or `< .001`.

use super::export::{self, Style};
use super::words::words;
use super::{cutoffs, not_judged_note, num, pval, verdicts, Lang, Table};
use crate::analysis::Analysis;
use crate::fitmeasures::Indices;
use crate::invariance::Ladder;
use crate::measurement::MeasurementCheck;
use crate::tables::reliability::{self, NamedMatrix};

/// `x` to `decimals` places (`—` when missing).
pub fn fixed(x: Option<f64>, decimals: usize) -> String {
    match x {
        Some(v) if v.is_finite() => {
            let s = format!("{v:.decimals$}");
            if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
                s[1..].to_string()
            } else {
                s
            }
        }
        _ => "—".into(),
    }
}

/// `x` to `decimals` places without the leading zero when |x| < 1 (`.689`, `-.040`).
pub fn prop(x: Option<f64>, decimals: usize) -> String {
    let s = fixed(x, decimals);
    if let Some(r) = s.strip_prefix("0.") {
        format!(".{r}")
    } else if let Some(r) = s.strip_prefix("-0.") {
        format!("-.{r}")
    } else {
        s
    }
}

/// The fit statistics a paper reports, formatted in APA style: the
/// reported measures of [`cutoffs::measures`] (scaled χ² and robust
/// indices under MLR, MLM and WLSMV, the scaled ones when the fit has no
/// robust ones: [`Indices::of_fit`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FitSummary {
    /// Which CFI, TLI and RMSEA are shown: standard, robust or (a scaled
    /// test without robust ones) scaled.
    pub indices: Indices,
    pub chisq: String,
    pub df: String,
    pub pvalue: String,
    pub chisq_df: String,
    pub cfi: String,
    pub tli: String,
    pub rmsea: String,
    pub rmsea_lower: String,
    pub rmsea_upper: String,
    pub srmr: String,
    /// The reported measures (with their verdicts), in the order of
    /// [`cutoffs::measures`].
    pub measures: Vec<cutoffs::Measure>,
}

/// The fit statistics of an analysis in APA style.
pub fn fit_summary(a: &Analysis) -> FitSummary {
    let mut measures = cutoffs::measures(&a.fit);
    measures.retain(|m| m.reported);
    let v = |base: &str| cutoffs::reported(&measures, base).and_then(|m| m.value);
    let df_s = match v("df") {
        Some(d) if (d - d.round()).abs() < 1e-9 => format!("{}", d.round() as i64),
        other => fixed(other, 2),
    };
    FitSummary {
        indices: Indices::of_fit(&a.fit),
        chisq: fixed(v("chisq"), 2),
        df: df_s,
        pvalue: pval(v("pvalue")),
        chisq_df: fixed(v("chisq/df"), 2),
        cfi: prop(v("cfi"), 3),
        tli: prop(v("tli"), 3),
        rmsea: prop(v("rmsea"), 3),
        rmsea_lower: prop(v("rmsea.ci.lower"), 3),
        rmsea_upper: prop(v("rmsea.ci.upper"), 3),
        srmr: prop(v("srmr"), 3),
        measures,
    }
}

impl FitSummary {
    /// `χ²(175) = 234.42, p = .002, CFI = .986, TLI = .984, RMSEA = .027,
    /// 90% CI [.017, .036], SRMR = .034` (the `p` with `=` or `<`).
    pub fn sentence(&self) -> String {
        let p = if self.pvalue.starts_with('<') {
            format!("p {}", self.pvalue)
        } else {
            format!("p = {}", self.pvalue)
        };
        format!(
            "χ²({}) = {}, {p}, CFI = {}, TLI = {}, RMSEA = {}, 90% CI [{}, {}], SRMR = {}",
            self.df,
            self.chisq,
            self.cfi,
            self.tli,
            self.rmsea,
            self.rmsea_lower,
            self.rmsea_upper,
            self.srmr
        )
    }
}

fn loading<'a>(
    a: &'a Analysis,
    construct: &str,
    item: &str,
) -> Option<&'a crate::analysis::ParameterRow> {
    a.parameters
        .iter()
        .find(|p| p.op == "=~" && p.lhs == construct && p.rhs == item && p.group <= 1)
}

/// Table I: standardized loadings, α, CR (ω) and AVE per construct.
pub fn measurement_table(a: &Analysis) -> Table {
    measurement_table_in(a, Lang::En)
}

/// [`measurement_table`] in a language.
pub fn measurement_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let mut rows = Vec::new();
    let mut pmax: Option<f64> = None;
    let mut all_free_sig = true;
    for c in super::scales(a) {
        for (k, item) in c.items.iter().enumerate() {
            let p = loading(a, &c.name, item);
            if let Some(p) = p.filter(|p| p.free) {
                match p.pvalue {
                    Some(v) => pmax = Some(pmax.map_or(v, |m: f64| m.max(v))),
                    None => all_free_sig = false,
                }
            }
            let first = k == 0;
            let cell = |x: Option<f64>| if first { prop(x, 3) } else { String::new() };
            rows.push(vec![
                if first { c.name.clone() } else { String::new() },
                item.clone(),
                prop(p.and_then(|p| p.std_all), 3),
                cell(c.alpha),
                cell(c.omega),
                cell(c.ave),
            ]);
        }
    }
    let sig = match pmax {
        _ if !verdicts::judged(a) => String::new(),
        Some(m) if all_free_sig && m < 0.001 => w.apa_loadings_001.to_string(),
        Some(m) if all_free_sig && m < 0.05 => w.apa_loadings_05.to_string(),
        _ => String::new(),
    };
    Table {
        exact: Vec::new(),
        id: "apa_measurement".into(),
        caption: w.apa_measurement_caption.into(),
        columns: w.apa_measurement_columns.map(String::from).to_vec(),
        rows,
        note: Some(
            not_judged_note(a, lang)
                + &(w.apa_measurement_note)(a.nobs, &sig)
                + &super::fiml_alpha_note(a, lang)
                + &super::ave_cross_loading_note(a, lang)
                + &super::not_scales_note(a, lang),
        ),
    }
}

/// Table II: the fit indices in one row, the usual criteria in the next.
pub fn fit_table(a: &Analysis) -> Table {
    fit_table_in(a, Lang::En)
}

/// [`fit_table`] in a language.
pub fn fit_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let s = fit_summary(a);
    let get = |k: &str| cutoffs::reported(&s.measures, k).and_then(|m| m.value);
    let crit = |k: &str| {
        cutoffs::FIT_ROWS
            .iter()
            .find(|r| r.key == k)
            .and_then(|r| r.rule)
            .map(|r| r.describe())
            .unwrap_or_default()
    };
    let keys = ["gfi", "agfi", "cfi", "tli", "nfi", "ifi", "rmsea"];
    let mut value_row = vec![
        w.apa_model.to_string(),
        s.chisq.clone(),
        s.df.clone(),
        s.pvalue.clone(),
        s.chisq_df.clone(),
    ];
    let mut crit_row = vec![
        w.apa_criterion.to_string(),
        String::new(),
        String::new(),
        crit("pvalue"),
        crit("chisq/df"),
    ];
    for k in keys {
        value_row.push(match k {
            "cfi" => s.cfi.clone(),
            "tli" => s.tli.clone(),
            "rmsea" => s.rmsea.clone(),
            _ => prop(get(k), 3),
        });
        crit_row.push(crit(k));
    }
    value_row.push(format!("[{}, {}]", s.rmsea_lower, s.rmsea_upper));
    crit_row.push(String::new());
    value_row.push(s.srmr.clone());
    crit_row.push(crit("srmr"));
    let mut columns: Vec<String> = ["", "χ²", "df", "p", "χ²/df"].map(String::from).to_vec();
    columns.extend(
        [
            "GFI",
            "AGFI",
            "CFI",
            "TLI",
            "NFI",
            "IFI",
            "RMSEA",
            "RMSEA 90% CI",
            "SRMR",
        ]
        .map(String::from),
    );
    let robust = match s.indices {
        Indices::Standard => String::new(),
        kind => (w.apa_fit_robust)(&a.estimator, kind),
    };
    Table {
        exact: Vec::new(),
        id: "apa_fit".into(),
        caption: w.apa_fit_caption.into(),
        columns,
        rows: vec![value_row, crit_row],
        note: Some(not_judged_note(a, lang) + &(w.apa_fit_note)(a.nobs, &a.estimator, &robust)),
    }
    // the CSV keeps the χ² test's p as a number, not `< .001`
    .with_exact(3, vec![get("pvalue"), None])
}

/// A lower-triangular construct matrix with numbered columns (APA correlation-table layout).
fn numbered_matrix(
    m: &NamedMatrix,
    construct: &str,
    diagonal: impl Fn(usize) -> String,
    cell: impl Fn(usize, usize, f64) -> String,
) -> (Vec<String>, Vec<Vec<String>>) {
    let k = m.names.len();
    let mut columns = vec![construct.to_string()];
    columns.extend((1..=k).map(|i| i.to_string()));
    let rows = (0..k)
        .map(|i| {
            let mut r = vec![format!("{}. {}", i + 1, m.names[i])];
            for j in 0..k {
                r.push(if j > i {
                    String::new()
                } else if j == i {
                    diagonal(i)
                } else {
                    match m.matrix[i][j] {
                        Some(v) if v.is_finite() => cell(i, j, v),
                        _ => "—".into(),
                    }
                });
            }
            r
        })
        .collect();
    (columns, rows)
}

/// Fornell–Larcker criterion: √AVE on the diagonal, factor correlations below.
pub fn fornell_larcker_table(a: &Analysis) -> Table {
    fornell_larcker_table_in(a, Lang::En)
}

/// [`fornell_larcker_table`] in a language.
pub fn fornell_larcker_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let m = &a.fornell_larcker;
    let diag = |i: usize| m.matrix[i][i];
    let flagged = |i: usize, j: usize| {
        verdicts::judged(a) && reliability::fornell_larcker_fails(m, i, j) == Some(true)
    };
    let any = (0..m.names.len()).any(|i| (0..i).any(|j| flagged(i, j)));
    let (columns, rows) = numbered_matrix(
        m,
        w.apa_construct,
        |i| prop(diag(i), 3),
        |i, j, v| {
            let mut s = prop(Some(v), 3);
            if flagged(i, j) {
                s.push('†');
            }
            s
        },
    );
    let mut note = not_judged_note(a, lang) + &(w.apa_fornell_note)(a.nobs);
    if any {
        note.push_str(w.apa_fornell_flag);
    }
    note.push_str(&super::ave_cross_loading_note(a, lang));
    Table {
        exact: Vec::new(),
        id: "apa_fornell_larcker".into(),
        caption: w.apa_fornell_caption.into(),
        columns,
        rows,
        note: Some(note),
    }
}

/// HTMT ratios below the diagonal, † ≥ .85, ‡ ≥ .90.
pub fn htmt_table(a: &Analysis) -> Table {
    htmt_table_in(a, Lang::En)
}

/// [`htmt_table`] in a language.
pub fn htmt_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let (columns, rows) = numbered_matrix(
        &a.htmt,
        w.apa_construct,
        |_| "—".into(),
        |_, _, v| {
            let mut s = prop(Some(v), 3);
            if let Some(flag) = reliability::htmt_flag(v).filter(|_| verdicts::judged(a)) {
                s.push_str(flag.mark());
            }
            s
        },
    );
    Table {
        exact: Vec::new(),
        id: "apa_htmt".into(),
        caption: w.apa_htmt_caption.into(),
        columns,
        rows,
        note: Some(not_judged_note(a, lang) + &(w.apa_htmt_note)(a.nobs)),
    }
}

/// Table III: the hypothesised paths under one stated rule.
pub fn hypotheses_table(a: &Analysis) -> Table {
    hypotheses_table_in(a, Lang::En)
}

/// [`hypotheses_table`] in a language. A multi-group fit leads each row
/// with its group (the page's per-group tables name it in their captions):
/// the group's label, or for a hypothesis on a defined parameter (lavaan's
/// group 0) that it is one for all groups.
pub fn hypotheses_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let group_of = |g: usize| -> Option<String> {
        let gs = a.groups.as_ref()?;
        Some(match g.checked_sub(1).and_then(|i| gs.labels.get(i)) {
            Some(label) => label.clone(),
            None => w.apa_all_groups.to_string(),
        })
    };
    let rows = a
        .hypotheses
        .iter()
        .map(|h| {
            group_of(h.group)
                .into_iter()
                .chain([
                    h.name.clone(),
                    h.path.clone(),
                    format!("{}{}", prop(Some(h.std_beta), 3), h.stars),
                    num(Some(h.est)),
                    num(h.se),
                    fixed(h.z, 2),
                    pval(h.pvalue),
                    if !verdicts::judged(a) {
                        "—"
                    } else if h.supported {
                        w.apa_yes
                    } else {
                        w.apa_no
                    }
                    .to_string(),
                ])
                .collect()
        })
        .collect();
    let rule = &a.hypothesis_rule;
    let (lead, columns, groups) = match &a.groups {
        Some(gs) => {
            let each: Vec<String> = gs
                .labels
                .iter()
                .zip(&gs.nobs)
                .map(|(l, n)| (w.apa_group_n)(l, *n))
                .collect();
            (
                vec![w.apa_group.to_string()],
                1,
                (w.apa_hypotheses_groups)(
                    &gs.column,
                    &each.join(w.name_sep),
                    a.hypotheses.iter().any(|h| h.group == 0),
                ),
            )
        }
        None => (Vec::new(), 0, String::new()),
    };
    Table {
        exact: Vec::new(),
        id: "apa_hypotheses".into(),
        caption: w.apa_hypotheses_caption.into(),
        columns: lead
            .into_iter()
            .chain(w.apa_hypotheses_columns.map(String::from))
            .collect(),
        rows,
        note: Some(
            not_judged_note(a, lang)
                + &(w.apa_hypotheses_note)(a.nobs, &(w.rule)(rule))
                + &groups
                + &super::boot_judged_note(&a.hypotheses, lang),
        ),
    }
    .with_exact(6 + columns, a.hypotheses.iter().map(|h| h.pvalue).collect())
}

/// The effects table in APA style ([`crate::effects`]): each specific
/// indirect effect, then per (from, to) the direct, total indirect (with
/// the mediation verdict) and total effect; the CI is the bootstrap
/// interval of the chosen type when a bootstrap was run. None without an
/// indirect path.
pub fn effects_table(a: &Analysis) -> Option<Table> {
    effects_table_in(a, Lang::En)
}

/// An effect's CI as the APA tables show it: the bootstrap interval of the
/// chosen type when a bootstrap was run, else the delta-method Wald one.
fn chosen_ci(a: &Analysis, e: &crate::effects::EffectEstimate) -> String {
    use crate::bootstrap::CiType;
    let c = match a.bootstrap.as_ref().map(|b| b.ci_type) {
        Some(CiType::BiasCorrected) => e.boot_bc,
        Some(CiType::Percentile) => e.boot_perc,
        None => e.ci_lower.zip(e.ci_upper),
    };
    c.map(|(lo, hi)| format!("[{}, {}]", num(Some(lo)), num(Some(hi))))
        .unwrap_or_default()
}

/// [`effects_table`] in a language.
pub fn effects_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    use crate::effects::{EffectEstimate, Mediation};
    let fx = a.effects.as_ref()?;
    let w = words(lang);
    let ci_type = a.bootstrap.as_ref().map(|b| (b.ci_type, b.level));
    let ci = |e: &EffectEstimate| chosen_ci(a, e);
    let arrow = |parts: Vec<&str>| parts.join(" → ");
    let [ind, dir, tot_ind, tot] = w.effect_kinds;
    let row = |path: String, kind: &str, e: &EffectEstimate, verdict: String| {
        vec![
            path,
            kind.to_string(),
            num(Some(e.est)),
            num(e.se),
            ci(e),
            prop(e.std_all, 3),
            verdict,
        ]
    };
    let mut rows = Vec::new();
    for s in &fx.specific {
        let mut parts = vec![s.from.as_str()];
        parts.extend(s.via.iter().map(String::as_str));
        parts.push(&s.to);
        rows.push(row(arrow(parts), ind, &s.effect, String::new()));
    }
    for t in &fx.totals {
        let pair = arrow(vec![&t.from, &t.to]);
        if t.has_direct {
            rows.push(row(pair.clone(), dir, &t.direct, String::new()));
        }
        let verdict = match &t.mediation {
            Some(m) if verdicts::judged(a) => m.label(lang).to_string(),
            _ => String::new(),
        };
        rows.push(row(pair.clone(), tot_ind, &t.indirect, verdict));
        rows.push(row(pair, tot, &t.total, String::new()));
    }
    let mut columns: Vec<String> = w.apa_effects_columns.map(String::from).to_vec();
    let ci_words = match ci_type {
        Some((t, level)) => {
            columns[4] = (w.apa_effects_boot_ci)(w.ci_type(t), 100.0 * level);
            columns[4].clone()
        }
        None => w.apa_delta_ci.to_string(),
    };
    Some(Table {
        exact: Vec::new(),
        id: "apa_effects".into(),
        caption: w.apa_effects_caption.into(),
        columns,
        rows,
        note: Some(
            not_judged_note(a, lang)
                + &(w.apa_effects_note)(a.nobs, &ci_words, Mediation::rule(lang))
                + if a.moderation.is_empty() {
                    ""
                } else {
                    w.effects_moderated_note
                },
        ),
    })
}

/// The conditional effects in APA style ([`crate::moderation`]): the
/// simple slopes at W = mean − 1 SD, mean, mean + 1 SD, the conditional
/// indirect effects and the index of moderated mediation, with the CI of
/// [`effects_table_in`]; the Johnson–Neyman region in the note (the words
/// of [`super::moderation_table_in`]). None without a product term.
pub fn moderation_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    if a.moderation.is_empty() {
        return None;
    }
    let w = words(lang);
    let row = |kind: String, at: String, e: &crate::effects::EffectEstimate| {
        vec![kind, at, num(Some(e.est)), num(e.se), chosen_ci(a, e)]
    };
    let mut rows = Vec::new();
    let stop = match lang {
        Lang::Zh => "。",
        _ => ".",
    };
    let mut notes = vec![format!("N = {}{stop}", a.nobs)];
    for m in &a.moderation {
        for (kind, at, e) in super::moderation_rows(m, lang) {
            rows.push(row(kind, at, e));
        }
        notes.push(super::moderation_note(m, lang));
        notes.extend(super::johnson_neyman_words(m, lang));
        notes.extend(super::paths_words(m, lang));
    }
    let mut columns: Vec<String> = w.apa_moderation_columns.map(String::from).to_vec();
    let ci_words = match &a.bootstrap {
        Some(b) => {
            columns[4] = (w.apa_effects_boot_ci)(w.ci_type(b.ci_type), 100.0 * b.level);
            columns[4].clone()
        }
        None => w.apa_delta_ci.to_string(),
    };
    notes.push(format!("CI = {ci_words}{stop}"));
    Some(Table {
        exact: Vec::new(),
        id: "apa_moderation".into(),
        caption: w.apa_moderation_caption.into(),
        columns,
        rows,
        note: Some(not_judged_note(a, lang) + &notes.join(" ")),
    })
}

/// The publication tables of an analysis in order (empty ones left out:
/// no hypothesis table for a CFA, no discriminant validity with one construct).
pub fn tables(a: &Analysis) -> Vec<Table> {
    tables_in(a, Lang::En)
}

/// [`tables`] in a language.
pub fn tables_in(a: &Analysis, lang: Lang) -> Vec<Table> {
    tables_with(a, None, lang)
}

/// The publication tables with the checks of the measurement when they
/// were run ([`crate::measurement::check`]): KMO and Bartlett and the EFA's
/// loadings before Table I, common-method bias after the validity tables
/// ([`super::measurement::apa_tables`]).
pub fn tables_with(a: &Analysis, check: Option<&MeasurementCheck>, lang: Lang) -> Vec<Table> {
    tables_full(a, check, None, lang)
}

/// [`tables_with`] and, when the invariance ladder of the same data, model
/// and group column was run ([`crate::invariance`]), its APA table and the
/// latent mean differences ([`super::invariance::apa_tables_in`]) after the
/// validity tables, before the structural paths.
pub fn tables_full(
    a: &Analysis,
    check: Option<&MeasurementCheck>,
    ladder: Option<&Ladder>,
    lang: Lang,
) -> Vec<Table> {
    let [kmo, efa, cmb] = match check.map(|c| super::measurement::apa_tables(c, lang)) {
        Some([k, e, c]) => [Some(k), Some(e), Some(c)],
        None => [None, None, None],
    };
    let mut t: Vec<Table> = kmo.into_iter().chain(efa).collect();
    t.extend([measurement_table_in(a, lang), fit_table_in(a, lang)]);
    if a.fornell_larcker.names.len() > 1 {
        t.push(fornell_larcker_table_in(a, lang));
    }
    if a.htmt.names.len() > 1 {
        t.push(htmt_table_in(a, lang));
    }
    t.extend(cmb);
    if let Some(l) = ladder {
        t.extend(super::invariance::apa_tables_in(l, lang));
    }
    if !a.hypotheses.is_empty() {
        t.push(hypotheses_table_in(a, lang));
    }
    t.extend(effects_table_in(a, lang));
    t.extend(moderation_table_in(a, lang));
    t.retain(|t| !t.rows.is_empty());
    t
}

/// All publication tables as one Word-pasteable HTML fragment, numbered 1, 2, ...
pub fn html(a: &Analysis) -> String {
    html_in(a, Lang::En)
}

/// [`html`] in a language.
pub fn html_in(a: &Analysis, lang: Lang) -> String {
    html_with(a, None, lang)
}

/// [`html`] of [`tables_with`].
pub fn html_with(a: &Analysis, check: Option<&MeasurementCheck>, lang: Lang) -> String {
    html_full(a, check, None, lang)
}

/// [`html`] of [`tables_full`].
pub fn html_full(
    a: &Analysis,
    check: Option<&MeasurementCheck>,
    ladder: Option<&Ladder>,
    lang: Lang,
) -> String {
    html_of(&tables_full(a, check, ladder, lang), lang)
}

/// APA tables as one HTML fragment, numbered from 1 (pastes into Word).
pub fn html_of(tables: &[Table], lang: Lang) -> String {
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| export::to_html_styled_in(t, Style::Apa { number: i + 1 }, lang))
        .collect::<Vec<_>>()
        .join("<p style=\"margin:0\">&nbsp;</p>\n")
}

/// All publication tables as LaTeX (`booktabs`).
pub fn latex(a: &Analysis) -> String {
    latex_in(a, Lang::En)
}

/// [`latex`] in a language.
pub fn latex_in(a: &Analysis, lang: Lang) -> String {
    latex_with(a, None, lang)
}

/// [`latex`] of [`tables_with`].
pub fn latex_with(a: &Analysis, check: Option<&MeasurementCheck>, lang: Lang) -> String {
    latex_full(a, check, None, lang)
}

/// [`latex`] of [`tables_full`].
pub fn latex_full(
    a: &Analysis,
    check: Option<&MeasurementCheck>,
    ladder: Option<&Ladder>,
    lang: Lang,
) -> String {
    latex_of(&tables_full(a, check, ladder, lang), lang)
}

/// APA tables as LaTeX, numbered from 1.
pub fn latex_of(tables: &[Table], lang: Lang) -> String {
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| export::to_latex_styled_in(t, Style::Apa { number: i + 1 }, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every publication table as CSV: (file name, content).
pub fn csv_files(a: &Analysis) -> Vec<(String, String)> {
    csv_files_in(a, Lang::En)
}

/// [`csv_files`] in a language.
pub fn csv_files_in(a: &Analysis, lang: Lang) -> Vec<(String, String)> {
    csv_files_with(a, None, lang)
}

/// [`csv_files`] of [`tables_with`].
pub fn csv_files_with(
    a: &Analysis,
    check: Option<&MeasurementCheck>,
    lang: Lang,
) -> Vec<(String, String)> {
    csv_files_full(a, check, None, lang)
}

/// [`csv_files`] of [`tables_full`].
pub fn csv_files_full(
    a: &Analysis,
    check: Option<&MeasurementCheck>,
    ladder: Option<&Ladder>,
    lang: Lang,
) -> Vec<(String, String)> {
    csv_of(&tables_full(a, check, ladder, lang))
}

/// One CSV file per table, named after its id (`apa_fit.csv`).
pub fn csv_of(tables: &[Table]) -> Vec<(String, String)> {
    tables
        .iter()
        .map(|t| (format!("{}.csv", t.id), export::to_csv(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apa_numbers() {
        assert_eq!(prop(Some(0.6894), 3), ".689");
        assert_eq!(prop(Some(-0.0401), 3), "-.040");
        assert_eq!(prop(Some(1.06), 2), "1.06");
        assert_eq!(prop(Some(-0.0001), 3), ".000");
        assert_eq!(fixed(Some(234.4191), 2), "234.42");
        assert_eq!(fixed(None, 2), "—");
    }

    #[test]
    fn apa_rendering_italicizes_symbols_and_draws_no_vertical_rules() {
        let t = Table {
            exact: Vec::new(),
            id: "x".into(),
            caption: "Fit".into(),
            columns: ["Path", "β", "SE", "p", "χ²/df"].map(String::from).to_vec(),
            rows: vec![["a → b", ".500***", "0.100", "< .001", "1.20"]
                .map(String::from)
                .to_vec()],
            note: Some("*p < .05. Cronbach's alpha; N = 10.".into()),
        };
        let h = export::to_html_styled(&t, Style::Apa { number: 2 });
        assert!(h.contains(">Table 2</p>"));
        assert!(h.contains("><i>SE</i></th>") && h.contains("><i>p</i></th>"));
        assert!(h.contains(">β</th>") && h.contains(">χ²/<i>df</i></th>"));
        assert!(h.contains("*<i>p</i> &lt; .05") && h.contains("<i>N</i> = 10"));
        assert!(
            h.contains("Cronbach&#39;s alpha"),
            "no italic s after an apostrophe"
        );
        assert!(!h.contains("border-left:1") && !h.contains("<style"));
        let l = export::to_latex_styled(&t, Style::Apa { number: 2 });
        assert!(l.contains(
            "Path & $\\beta$ & \\textit{SE} & \\textit{p} & $\\chi$$^2$/\\textit{df} \\\\"
        ));
        assert!(l.contains("\\begin{tabular}{lcccc}"));
        assert!(l.contains("a $\\rightarrow$ b & .500*** & 0.100 & $<$ .001 & 1.20 \\\\"));
        // the plain style is unchanged
        assert!(export::to_latex(&t).contains("\\begin{tabular}{lrrrr}"));
    }
}
