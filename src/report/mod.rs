//! Result tables: an [`Analysis`] in; the tables of a survey paper out, as
//! plain [`Table`] values (caption, column headers, rows of formatted
//! cells) that every renderer shares — the command line's text report
//! ([`text`]), CSV and HTML exports, and the browser app.
//!
//! Numbers are shown to 3 decimals, p-values as `< .001` below that, as
//! APA style asks. The captions begin with the names the app's tests look
//! for (`Fit indices`, `Reliability and convergent validity`, ...).

pub mod amos;
pub mod apa;
pub mod cutoffs;
pub mod document;
pub mod export;
pub mod groups;
pub mod invariance;
pub mod measurement;
pub mod methods;
pub mod power;
pub mod publish;
pub mod rscript;
pub mod slopes_plot;
pub mod text;
pub mod verdicts;
pub mod words;

use crate::analysis::Analysis;
pub use crate::format::{int, num, pval};
pub use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::tables::hypotheses::{Hypothesis, HypothesisRule};
use crate::tables::reliability::{self, ConstructKind, ConstructReliability, LoadingFlag};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use words::words;

/// A table ready to render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable identifier (`fit`, `reliability`, ...), used for file names.
    pub id: String,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A note under the table (rules, sources of cutoffs).
    pub note: Option<String>,
    /// The exact numbers behind rounded cells (p-values shown as `< .001`
    /// or `.023`): the CSV export writes these, the page and the text
    /// output the rounded cells.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exact: Vec<ExactColumn>,
}

/// The exact values of one column of a [`Table`], one per row (None: the
/// cell's text stands, e.g. a fixed parameter's empty p).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExactColumn {
    pub column: usize,
    pub values: Vec<Option<f64>>,
}

impl Table {
    /// The table with the exact values of column `column`, one per row.
    pub fn with_exact(mut self, column: usize, values: Vec<Option<f64>>) -> Table {
        debug_assert_eq!(values.len(), self.rows.len(), "one exact value per row");
        self.exact.retain(|e| e.column != column);
        self.exact.push(ExactColumn { column, values });
        self
    }

    /// The exact value behind cell (`row`, `column`), if any.
    pub fn exact_value(&self, row: usize, column: usize) -> Option<f64> {
        self.exact
            .iter()
            .find(|e| e.column == column)
            .and_then(|e| e.values.get(row).copied().flatten())
            .filter(|v| v.is_finite())
    }
}

fn yes_no(b: bool, lang: Lang) -> String {
    let w = words(lang);
    if b { w.yes } else { w.no }.into()
}

/// Fit indices with their usual cutoffs.
pub fn fit_table(a: &Analysis) -> Table {
    fit_table_in(a, Lang::En)
}

/// [`fit_table`] in a language: the measures of [`cutoffs::measures`], in
/// its order; the ones shown for comparison carry no rule and no verdict.
pub fn fit_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let judged = verdicts::judged(a);
    let measures = cutoffs::measures(&a.fit);
    let rows = measures
        .iter()
        .map(|m| {
            let shown = match m.base() {
                "df" => int(m.value),
                "pvalue" | "rmsea.pvalue" => pval(m.value),
                _ => num(m.value),
            };
            let rule = m.row.and_then(|r| r.rule).filter(|_| m.reported);
            let met = match (rule, m.met()) {
                (Some(_), Some(x)) if judged => yes_no(x, lang),
                (Some(_), Some(_)) => String::new(),
                (Some(_), None) => "—".into(),
                (None, _) => String::new(),
            };
            let source = match m.row {
                _ if !m.reported => w.fit_comparison.to_string(),
                Some(r) => w.fit_source(r.source).to_string(),
                None => String::new(),
            };
            vec![
                w.fit_label(&m.key, m.label).to_string(),
                shown,
                rule.map(|r| r.describe()).unwrap_or_default(),
                met,
                source,
            ]
        })
        .collect::<Vec<_>>();
    let mut note = not_judged_note(a, lang);
    note.push_str(w.fit_note);
    match crate::fitmeasures::Indices::of_fit(&a.fit) {
        crate::fitmeasures::Indices::Standard => {}
        crate::fitmeasures::Indices::Robust => note.push_str(w.scaled_robust_note),
        crate::fitmeasures::Indices::Scaled => note.push_str(w.scaled_only_note),
    }
    let exact = measures
        .iter()
        .map(|m| {
            matches!(m.base(), "pvalue" | "rmsea.pvalue")
                .then_some(m.value)
                .flatten()
        })
        .collect();
    Table {
        exact: Vec::new(),
        id: "fit".into(),
        caption: (w.fit_caption)(a.nobs, &a.estimator),
        columns: w.fit_columns.map(String::from).to_vec(),
        rows,
        note: Some(note),
    }
    .with_exact(1, exact)
}

/// The fit in one line for the workbench's sticky summary under the model
/// editor: χ²/df, CFI, RMSEA and SRMR, each in the version the fit table
/// reports for the estimator ([`cutoffs::measures`]: `CFI robust` under
/// MLR), as `label = value` joined by " · ". None when the fit has none of
/// them. Values only: whether they meet a rule is the fit table's verdict.
pub fn fit_summary_line(a: &Analysis, lang: Lang) -> Option<String> {
    let w = words(lang);
    let measures = cutoffs::measures(&a.fit);
    let parts: Vec<String> = ["chisq/df", "cfi", "rmsea", "srmr"]
        .iter()
        .filter_map(|base| cutoffs::reported(&measures, base))
        .filter_map(|m| {
            let v = m.value?;
            Some(format!(
                "{} = {}",
                w.fit_label(&m.key, m.label),
                num(Some(v))
            ))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Table I: standardized loadings with α, CR (ω) and AVE per construct.
pub fn reliability_table(a: &Analysis) -> Table {
    reliability_table_in(a, Lang::En)
}

/// [`reliability_table`] in a language.
pub fn reliability_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let mut rows = Vec::new();
    for c in scales(a) {
        for (k, item) in c.items.iter().enumerate() {
            let load = a
                .parameters
                .iter()
                .find(|p| p.op == "=~" && p.lhs == c.name && &p.rhs == item)
                .and_then(|p| p.std_all);
            let flag = match load.and_then(reliability::loading_flag) {
                _ if !verdicts::judged(a) => "",
                Some(LoadingFlag::Below5) => w.below_5,
                Some(LoadingFlag::Below7) => w.below_7,
                None => "",
            };
            let first = k == 0;
            let cell = |x: Option<f64>| if first { num(x) } else { String::new() };
            rows.push(vec![
                if first { c.name.clone() } else { String::new() },
                item.clone(),
                num(load),
                flag.to_string(),
                cell(c.alpha),
                cell(c.omega),
                cell(c.ave),
                if first && verdicts::judged(a) {
                    let mut f = Vec::new();
                    if c.omega.is_some_and(reliability::cr_low) {
                        f.push("CR < .7");
                    }
                    if c.ave.is_some_and(reliability::ave_low) {
                        f.push("AVE < .5");
                    }
                    f.join(", ")
                } else {
                    String::new()
                },
            ]);
        }
    }
    Table {
        exact: Vec::new(),
        id: "reliability".into(),
        caption: w.reliability_caption.into(),
        columns: w.reliability_columns.map(String::from).to_vec(),
        rows,
        note: Some(
            not_judged_note(a, lang)
                + w.reliability_note
                + &fiml_alpha_note(a, lang)
                + &ave_cross_loading_note(a, lang)
                + &not_scales_note(a, lang),
        ),
    }
}

/// How α was computed when full-information ML used rows with missing
/// values: on each construct's complete rows (`alpha_complete_cases` in
/// `crate::analysis`), while CR and AVE come from the model; led by a
/// space, empty otherwise (listwise deletion, or no value missing).
pub fn fiml_alpha_note(a: &Analysis, lang: Lang) -> String {
    let d = &a.data;
    let holes = d
        .missing_patterns
        .iter()
        .any(|p| p.observed.iter().any(|&o| !o));
    if d.missing == crate::analysis::Missing::Ml && holes {
        words(lang).fiml_alpha_note.to_string()
    } else {
        String::new()
    }
}

/// Why a construct's AVE (and √AVE) is blank: one sentence per construct
/// with an item that loads on another too
/// ([`reliability::ave_cross_loadings`]), each led by a space.
pub fn ave_cross_loading_note(a: &Analysis, lang: Lang) -> String {
    let w = words(lang);
    reliability::ave_cross_loadings(&a.constructs)
        .iter()
        .map(|(c, items)| format!(" {}", (w.ave_cross_loading)(c, &items.join(w.name_sep))))
        .collect()
}

/// The latent variables that are scales (see
/// [`crate::tables::reliability::ConstructKind`]): the only ones with loading
/// flags, α, CR, AVE, HTMT and Fornell–Larcker in any table or sentence.
pub fn scales(a: &Analysis) -> impl Iterator<Item = &ConstructReliability> {
    a.constructs.iter().filter(|c| c.kind.is_scale())
}

/// Why the latent variables that are not scales have no reliability or
/// validity rows: one sentence per kind, each naming its latent variables
/// and led by a space (empty when every latent variable is a scale).
pub fn not_scales_note(a: &Analysis, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    for kind in [
        ConstructKind::FixedLoadings,
        ConstructKind::SingleIndicator,
        ConstructKind::HigherOrder,
    ] {
        let names: Vec<&str> = a
            .constructs
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.name.as_str())
            .collect();
        if !names.is_empty() {
            out.push(' ');
            out.push_str(&(w.not_scale)(kind, &names.join(w.name_sep)));
        }
    }
    out
}

/// A lower-triangular construct matrix; `mark` gives the mark of an
/// off-diagonal cell (`†`, `‡`) or None (no marks when `judged` is false,
/// see [`verdicts::judged`]).
fn matrix_table(
    id: &str,
    caption: &str,
    m: &crate::tables::reliability::NamedMatrix,
    judged: bool,
    mark: impl Fn(usize, usize) -> Option<&'static str>,
    note: &str,
) -> Table {
    // numbered column heads (`1. visual` in the rows), as the APA tables
    // print them: ten constructs with long names fit a laptop screen
    let mut columns = vec![String::new()];
    columns.extend((1..=m.names.len()).map(|i| i.to_string()));
    let rows = m
        .names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut r = vec![format!("{}. {n}", i + 1)];
            for j in 0..m.names.len() {
                r.push(if j > i {
                    String::new()
                } else {
                    let v = m.matrix[i][j];
                    let mut s = num(v);
                    if let Some(mark) = (judged && i != j && v.is_some())
                        .then(|| mark(i, j))
                        .flatten()
                    {
                        s.push(' ');
                        s.push_str(mark);
                    }
                    s
                });
            }
            r
        })
        .collect();
    Table {
        exact: Vec::new(),
        id: id.into(),
        caption: caption.into(),
        columns,
        rows,
        note: Some(note.into()),
    }
}

/// Fornell–Larcker criterion: √AVE on the diagonal, factor correlations below.
pub fn fornell_larcker_table(a: &Analysis) -> Table {
    fornell_larcker_table_in(a, Lang::En)
}

/// [`fornell_larcker_table`] in a language.
pub fn fornell_larcker_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let m = &a.fornell_larcker;
    matrix_table(
        "fornell_larcker",
        w.fornell_caption,
        m,
        verdicts::judged(a),
        |i, j| (reliability::fornell_larcker_fails(m, i, j) == Some(true)).then_some("†"),
        &(not_judged_note(a, lang) + w.fornell_note + &ave_cross_loading_note(a, lang)),
    )
}

/// HTMT matrix with .85/.90 flags.
pub fn htmt_table(a: &Analysis) -> Table {
    htmt_table_in(a, Lang::En)
}

/// [`htmt_table`] in a language.
pub fn htmt_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let m = &a.htmt;
    let mut t = matrix_table(
        "htmt",
        w.htmt_caption,
        m,
        verdicts::judged(a),
        |i, j| {
            m.matrix[i][j]
                .and_then(reliability::htmt_flag)
                .map(|f| f.mark())
        },
        "",
    );
    let mut note = not_judged_note(a, lang) + w.htmt_note;
    for p in reliability::htmt_shared_pairs(m, &a.constructs) {
        note.push(' ');
        note.push_str(&(w.htmt_shared)(
            &p.first,
            &p.second,
            &p.items.join(w.name_sep),
        ));
    }
    t.note = Some(note);
    t
}

/// The words that lead a table's note when the analysis is not judged
/// ([`verdicts::judged`]); empty otherwise.
pub fn not_judged_note(a: &Analysis, lang: Lang) -> String {
    if verdicts::judged(a) {
        String::new()
    } else {
        words(lang).not_judged.to_string()
    }
}

/// Table III: hypotheses under a rule; `judged` as [`verdicts::judged`]
/// of their analysis (without it, no hypothesis is called supported or not).
pub fn hypotheses_table(hyps: &[Hypothesis], rule: &HypothesisRule, judged: bool) -> Table {
    hypotheses_table_in(hyps, rule, judged, Lang::En)
}

/// [`hypotheses_table`] in a language.
pub fn hypotheses_table_in(
    hyps: &[Hypothesis],
    rule: &HypothesisRule,
    judged: bool,
    lang: Lang,
) -> Table {
    let w = words(lang);
    let rows = hyps
        .iter()
        .map(|h| {
            vec![
                h.name.clone(),
                h.path.clone(),
                num(Some(h.std_beta)),
                num(Some(h.est)),
                num(h.se),
                num(h.z),
                pval(h.pvalue),
                h.stars.clone(),
                if !judged {
                    "—"
                } else if h.supported {
                    w.supported_yes
                } else {
                    w.supported_no
                }
                .to_string(),
            ]
        })
        .collect();
    Table {
        exact: Vec::new(),
        id: "hypotheses".into(),
        caption: w.hypotheses_caption.into(),
        columns: w.hypotheses_columns.map(String::from).to_vec(),
        rows,
        note: Some(
            if judged { "" } else { w.not_judged }.to_string()
                + &(w.hypotheses_note)(&(w.rule)(rule))
                + &boot_judged_note(hyps, lang),
        ),
    }
    .with_exact(6, hyps.iter().map(|h| h.pvalue).collect())
}

/// The sentence that names the hypotheses judged by their bootstrap
/// interval ([`Hypothesis::judged_by_ci`]), each with it, led by a space;
/// empty when none was. One place for the hypothesis tables' notes and
/// the methods paragraph.
pub fn boot_judged_note(hyps: &[Hypothesis], lang: Lang) -> String {
    let w = words(lang);
    let judged: Vec<_> = hyps
        .iter()
        .filter_map(|h| h.judged_by_ci.map(|ci| (h, ci)))
        .collect();
    let Some((_, first)) = judged.first() else {
        return String::new();
    };
    let names: Vec<String> = judged
        .iter()
        .map(|(h, ci)| {
            format!(
                "{} [{}, {}]",
                h.name,
                num(Some(ci.lower)),
                num(Some(ci.upper))
            )
        })
        .collect();
    let level = format!("{}", (first.level * 100.0).round() as i64);
    let sep = match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    };
    format!(
        " {}",
        (w.hypotheses_boot_note)(&names.join(sep), &level, w.ci_type(first.ci_type))
    )
}

/// Parameter estimates with lavaan's columns.
pub fn parameters_table(a: &Analysis) -> Table {
    parameters_table_in(a, Lang::En)
}

/// [`parameters_table`] in a language.
pub fn parameters_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    let rows = a
        .parameters
        .iter()
        .map(|p| {
            vec![
                p.lhs.clone(),
                p.op.clone(),
                p.rhs.clone(),
                p.label.clone(),
                num(Some(p.est)),
                if p.free { num(p.se) } else { String::new() },
                if p.free { num(p.z) } else { String::new() },
                if p.free {
                    pval(p.pvalue)
                } else {
                    String::new()
                },
                if p.free {
                    num(p.ci_lower)
                } else {
                    String::new()
                },
                if p.free {
                    num(p.ci_upper)
                } else {
                    String::new()
                },
                num(p.std_lv),
                num(p.std_all),
            ]
        })
        .collect::<Vec<_>>();
    let mut columns = w.parameters_columns.map(String::from).to_vec();
    let mut rows = rows;
    let mut note = (w.parameters_note)(se_words(a, w));
    if let Some(b) = &a.bootstrap {
        columns.extend(w.boot_columns.map(String::from));
        for (row, p) in rows.iter_mut().zip(&a.parameters) {
            let show = |x: Option<f64>| if p.free { num(x) } else { String::new() };
            row.extend([
                show(p.boot_se),
                show(p.boot_ci_lower),
                show(p.boot_ci_upper),
            ]);
        }
        if b.cancelled {
            note.push_str(&(w.boot_stopped)(b.completed, b.requested));
        }
        note.push_str(&boot_note(b, w));
    }
    Table {
        exact: Vec::new(),
        id: "parameters".into(),
        caption: w.parameters_caption.into(),
        columns,
        rows,
        note: Some(note),
    }
    .with_exact(
        7,
        a.parameters
            .iter()
            .map(|p| p.pvalue.filter(|_| p.free))
            .collect(),
    )
}

/// Indirect, direct and total effects ([`crate::effects`]): the specific
/// indirect effects, then per (from, to) the direct, total indirect (with
/// the mediation verdict) and total effect; bootstrap columns when a
/// bootstrap was run. None for a model without an indirect path.
pub fn effects_table(a: &Analysis) -> Option<Table> {
    effects_table_in(a, Lang::En)
}

/// [`effects_table`] in a language.
pub fn effects_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    use crate::effects::{EffectEstimate, Mediation};
    let fx = a.effects.as_ref()?;
    let w = words(lang);
    let judged = verdicts::judged(a);
    let boot = a.bootstrap.as_ref();
    let interval = |lo: Option<f64>, hi: Option<f64>| match (lo, hi) {
        (Some(_), Some(_)) => format!("[{}, {}]", num(lo), num(hi)),
        _ => String::new(),
    };
    let row = |kind: &str, path: String, e: &EffectEstimate, verdict: String| {
        let mut r = vec![
            kind.to_string(),
            path,
            num(Some(e.est)),
            num(e.se),
            pval(e.pvalue),
            interval(e.ci_lower, e.ci_upper),
            num(e.std_all),
        ];
        if boot.is_some() {
            r.extend([
                num(e.boot_se),
                interval(e.boot_perc.map(|c| c.0), e.boot_perc.map(|c| c.1)),
                interval(e.boot_bc.map(|c| c.0), e.boot_bc.map(|c| c.1)),
            ]);
        }
        r.push(verdict);
        r
    };
    let arrow = |from: &str, via: &[String], to: &str| {
        std::iter::once(from)
            .chain(via.iter().map(String::as_str))
            .chain(std::iter::once(to))
            .collect::<Vec<_>>()
            .join(" → ")
    };
    let group = |g: usize| {
        if a.effects
            .as_ref()
            .is_some_and(|f| f.totals.iter().any(|t| t.group > 1))
        {
            format!(" [{g}]")
        } else {
            String::new()
        }
    };
    let [ind, dir, tot_ind, tot] = w.effect_kinds;
    let mut rows = Vec::new();
    for s in &fx.specific {
        rows.push(row(
            ind,
            arrow(&s.from, &s.via, &s.to) + &group(s.group),
            &s.effect,
            String::new(),
        ));
    }
    for t in &fx.totals {
        let pair = arrow(&t.from, &[], &t.to) + &group(t.group);
        let mut direct = row(dir, pair.clone(), &t.direct, String::new());
        if !t.has_direct {
            direct[3] = w.effects_no_direct.to_string();
        }
        rows.push(direct);
        let verdict = match &t.mediation {
            Some(m) if judged => m.label(lang).to_string(),
            _ => String::new(),
        };
        rows.push(row(tot_ind, pair.clone(), &t.indirect, verdict));
        rows.push(row(tot, pair, &t.total, String::new()));
    }
    let mut columns: Vec<String> = w.effects_columns.map(String::from).to_vec();
    if let Some(b) = boot {
        columns.extend((w.effects_boot_columns)(100.0 * b.level));
    }
    columns.push(w.effects_mediation.to_string());
    let mut note =
        not_judged_note(a, lang) + &(w.effects_note)(se_words(a, w)) + Mediation::rule(lang);
    if let Some(b) = boot {
        note.push_str(&boot_note(b, w));
    }
    if !a.moderation.is_empty() {
        note.push_str(w.effects_moderated_note);
    }
    // the p column's exact values, row by row as above
    let exact = fx
        .specific
        .iter()
        .map(|s| s.effect.pvalue)
        .chain(fx.totals.iter().flat_map(|t| {
            [
                t.direct.pvalue.filter(|_| t.has_direct),
                t.indirect.pvalue,
                t.total.pvalue,
            ]
        }))
        .collect();
    Some(
        Table {
            exact: Vec::new(),
            id: "effects".into(),
            caption: w.effects_caption.into(),
            columns,
            rows,
            note: Some(note),
        }
        .with_exact(4, exact),
    )
}

/// The rows of one moderation block in the order every conditional-effects
/// table gives them (the page's, the command line's and APA's): the slope of
/// x at each value of W, then for each indirect path through x → y its
/// conditional indirect effects and its index of moderated mediation —
/// each as (kind with the whole path, the value of W in words, the effect);
/// the index has no value of W, and names its path when the block has
/// several.
pub(crate) fn moderation_rows(
    m: &crate::moderation::Moderation,
    lang: Lang,
) -> Vec<(String, String, &crate::effects::EffectEstimate)> {
    let w = words(lang);
    let [slope, cond, index] = w.moderation_kinds;
    let at = |s: &crate::moderation::SimpleSlope| slope_at(m, s, lang);
    let mut rows: Vec<_> = m
        .slopes
        .iter()
        .map(|s| {
            (
                format!("{slope} {} → {}", m.focal, m.outcome),
                at(s),
                &s.slope,
            )
        })
        .collect();
    // each path's effects, labelled by the whole path; the index names its
    // path when the block has several
    let given = m.paths.iter().filter(|p| !p.conditional.is_empty()).count();
    for p in &m.paths {
        let path = p.label();
        rows.extend(
            m.slopes
                .iter()
                .zip(&p.conditional)
                .map(|(s, e)| (format!("{cond} {path}"), at(s), e)),
        );
        if let Some(e) = &p.index {
            let kind = match given {
                1 => index.to_string(),
                _ => format!("{index} {path}"),
            };
            rows.push((kind, String::new(), e));
        }
    }
    rows
}

/// The value of W one slope is at, in words: `W = mean − 1 SD (2.26)`, or
/// `W = 1` for a dichotomous W ([`crate::moderation::Moderation::dichotomous`]).
/// The tables' "At" column and the plot's line labels.
pub(crate) fn slope_at(
    m: &crate::moderation::Moderation,
    s: &crate::moderation::SimpleSlope,
    lang: Lang,
) -> String {
    let w = words(lang);
    match m.dichotomous {
        true => (w.moderation_at_value)(&m.moderator, &level(s.w)),
        false => (w.moderation_at)(&m.moderator, s.sd_offset, &num(Some(s.w))),
    }
}

/// How a block's slopes were taken, for a table's note: at the mean and
/// one SD either side, or at the two values of a dichotomous W.
pub(crate) fn moderation_note(m: &crate::moderation::Moderation, lang: Lang) -> String {
    let w = words(lang);
    match (m.dichotomous, &m.slopes[..]) {
        (true, [lo, hi]) => {
            (w.moderation_note_dichotomous)(&m.moderator, &level(lo.w), &level(hi.w))
        }
        _ => (w.moderation_note)(&m.moderator),
    }
}

/// A value of a dichotomous W as the data code it: a whole number as such
/// (`0`, `1`, `2`), else with three decimals (a centred W).
fn level(v: f64) -> String {
    match v.fract() == 0.0 && v.abs() < 1e15 {
        true => format!("{v}"),
        false => num(Some(v)),
    }
}

/// The simple-slopes table of every product term `x:w`
/// ([`crate::moderation`]): the slope of x at W = mean − 1 SD, mean,
/// mean + 1 SD, the conditional indirect effects and the index of moderated
/// mediation of each indirect path through x → y; the Johnson–Neyman
/// points and what a path lacks ([`paths_words`]) in the note. None without
/// a product term.
pub fn moderation_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    if a.moderation.is_empty() {
        return None;
    }
    let w = words(lang);
    let boot = a.bootstrap.as_ref();
    let interval = |c: Option<(f64, f64)>| match c {
        Some((lo, hi)) => format!("[{}, {}]", num(Some(lo)), num(Some(hi))),
        None => String::new(),
    };
    let row = |kind: String, at: String, e: &crate::effects::EffectEstimate| {
        let mut r = vec![
            kind,
            at,
            num(Some(e.est)),
            num(e.se),
            num(e.z),
            pval(e.pvalue),
            interval(e.ci_lower.zip(e.ci_upper)),
        ];
        if boot.is_some() {
            r.extend([num(e.boot_se), interval(e.boot_perc), interval(e.boot_bc)]);
        }
        r
    };
    let mut rows = Vec::new();
    let mut exact = Vec::new();
    let mut notes = Vec::new();
    for m in &a.moderation {
        for (kind, at, e) in moderation_rows(m, lang) {
            rows.push(row(kind, at, e));
            exact.push(e.pvalue);
        }
        notes.push(moderation_note(m, lang));
        notes.extend(johnson_neyman_words(m, lang));
        notes.extend(paths_words(m, lang));
    }
    let mut columns: Vec<String> = w.moderation_columns.map(String::from).to_vec();
    if let Some(b) = boot {
        columns.extend((w.effects_boot_columns)(100.0 * b.level));
        notes.push(boot_note(b, w).trim_start().to_string());
    }
    Some(
        Table {
            exact: Vec::new(),
            id: "moderation".into(),
            caption: w.moderation_caption.into(),
            columns,
            rows,
            note: Some(notes.join(" ")),
        }
        .with_exact(5, exact),
    )
}

/// What a moderation block's paths lack, in sentences for the table's
/// note: no index for a path W moderates at several edges, no effects for
/// a path another variable moderates too
/// ([`crate::moderation::ConditionalPath`]).
pub fn paths_words(m: &crate::moderation::Moderation, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let edge = |e: &[String]| format!("{} → {}", e[0], e[1]);
    m.paths
        .iter()
        .filter_map(|p| match &p.also_moderated {
            Some(also) => Some((w.moderation_also)(
                &p.label(),
                &edge(also),
                &m.moderator,
                &also[2],
            )),
            None if p.quadratic() => {
                let edges: Vec<String> = p.moderated_edges.iter().map(|e| edge(e)).collect();
                Some((w.moderation_quadratic)(
                    &p.label(),
                    &edges.join(w.name_sep),
                    &m.moderator,
                ))
            }
            None => None,
        })
        .collect()
}

/// The Johnson–Neyman region of one product term in a sentence (the
/// table's note, the page, the methods paragraph); None without SEs.
pub fn johnson_neyman_words(m: &crate::moderation::Moderation, lang: Lang) -> Option<String> {
    use crate::moderation::ObservedRegion;
    let region = m.significant_in_range()?;
    let inside = match region {
        ObservedRegion::All | ObservedRegion::None => vec![],
        ObservedRegion::Below(p) | ObservedRegion::Above(p) => vec![p],
        ObservedRegion::Between(p, q) | ObservedRegion::OutsideOf(p, q) => vec![p, q],
    };
    let printed =
        |xs: &mut dyn Iterator<Item = f64>| -> Vec<String> { xs.map(|x| num(Some(x))).collect() };
    let outside = printed(
        &mut m
            .johnson_neyman
            .iter()
            .copied()
            .filter(|x| !inside.contains(x)),
    );
    Some((words(lang).moderation_region)(
        &m.focal,
        &m.outcome,
        &m.moderator,
        region,
        &printed(&mut inside.iter().copied()),
        m.moderator_range
            .map(|(lo, hi)| (num(Some(lo)), num(Some(hi)))),
        &outside,
    ))
}

/// Where the standard errors come from, in words (by the estimator).
fn se_words(a: &Analysis, w: &words::Words) -> &'static str {
    match a.estimator.as_str() {
        "MLR" => w.se_mlr,
        "MLM" => w.se_mlm,
        "WLSMV" => w.se_wlsmv,
        _ => w.se_ml,
    }
}

/// The bootstrap's note: draws used, seed, interval type and level.
fn boot_note(b: &crate::bootstrap::BootstrapSummary, w: &words::Words) -> String {
    (w.boot_note)(
        b.ok,
        b.requested,
        b.seed,
        w.ci_type(b.ci_type),
        100.0 * b.level,
    )
}

/// The R² of `a` in the order a paper lists them: the constructs first,
/// in the order the model defines them (`=~`), then the observed
/// variables in the order they first appear in the model; names outside
/// the parameter table (none in practice) last, alphabetically.
pub fn r2_in_model_order(a: &Analysis) -> Vec<(&str, f64)> {
    fn push<'a>(r2: &'a BTreeMap<String, f64>, name: &str, order: &mut Vec<&'a str>) {
        if let Some((k, _)) = r2.get_key_value(name) {
            if !order.contains(&k.as_str()) {
                order.push(k.as_str());
            }
        }
    }
    let mut order: Vec<&str> = Vec::new();
    let is_construct = |name: &str| a.parameters.iter().any(|q| q.op == "=~" && q.lhs == name);
    for p in a.parameters.iter().filter(|p| p.op == "=~") {
        push(&a.r2, &p.lhs, &mut order);
    }
    for p in &a.parameters {
        for name in [&p.lhs, &p.rhs] {
            if !is_construct(name) {
                push(&a.r2, name, &mut order);
            }
        }
    }
    for k in a.r2.keys() {
        push(&a.r2, k, &mut order);
    }
    order.into_iter().map(|k| (k, a.r2[k])).collect()
}

/// R² of every endogenous variable.
pub fn r2_table(a: &Analysis) -> Table {
    r2_table_in(a, Lang::En)
}

/// [`r2_table`] in a language.
pub fn r2_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    Table {
        exact: Vec::new(),
        id: "r2".into(),
        caption: w.r2_caption.into(),
        columns: w.r2_columns.map(String::from).to_vec(),
        rows: r2_in_model_order(a)
            .into_iter()
            .map(|(k, v)| vec![k.to_string(), num(Some(v))])
            .collect(),
        note: None,
    }
}

/// Modification indices, largest first (those ≥ `min_mi`).
pub fn modindices_table(a: &Analysis, min_mi: f64) -> Table {
    modindices_table_in(a, min_mi, Lang::En)
}

/// [`modindices_table`] in a language.
pub fn modindices_table_in(a: &Analysis, min_mi: f64, lang: Lang) -> Table {
    let w = words(lang);
    let rows = a
        .modindices
        .iter()
        .filter(|m| crate::tables::modindices::listed(m, min_mi))
        .map(|m| {
            vec![
                m.lhs.clone(),
                m.op.clone(),
                m.rhs.clone(),
                num(Some(m.mi)),
                num(Some(m.epc)),
                num(m.sepc_lv),
                num(m.sepc_all),
            ]
        })
        .collect();
    Table {
        exact: Vec::new(),
        id: "modindices".into(),
        caption: w.mi_caption.into(),
        columns: w.mi_columns.map(String::from).to_vec(),
        rows,
        note: Some((w.mi_note)(min_mi)),
    }
}

/// Warnings in plain words.
pub fn warnings_table(a: &Analysis) -> Table {
    warnings_table_in(a, Lang::En)
}

/// [`warnings_table`] in a language.
pub fn warnings_table_in(a: &Analysis, lang: Lang) -> Table {
    let w = words(lang);
    Table {
        exact: Vec::new(),
        id: "warnings".into(),
        caption: w.warnings_caption.into(),
        columns: vec![w.warnings_column.into()],
        rows: a
            .warnings
            .iter()
            .map(|warning| vec![warning.message(lang)])
            .collect(),
        note: None,
    }
}

/// Patterns shown in [`missing_patterns_table`]; the rest are summed up in its note.
pub const MAX_PATTERNS_SHOWN: usize = 20;

/// The missing-data patterns (lavaan's `lavInspect(fit, "patterns")`): one
/// row per pattern, most frequent first, with its number of rows and 1/0
/// for observed/missing per variable; None when no value is missing.
pub fn missing_patterns_table(a: &Analysis) -> Option<Table> {
    missing_patterns_table_in(a, Lang::En)
}

/// [`missing_patterns_table`] in a language.
pub fn missing_patterns_table_in(a: &Analysis, lang: Lang) -> Option<Table> {
    let w = words(lang);
    let d = &a.data;
    let pats = &d.missing_patterns;
    if pats.iter().all(|p| p.observed.iter().all(|&o| o)) && d.empty_rows.is_empty() {
        return None;
    }
    let mut columns = vec![w.patterns_rows.to_string()];
    columns.extend(d.variables.iter().cloned());
    let mut rows: Vec<Vec<String>> = pats
        .iter()
        .take(MAX_PATTERNS_SHOWN)
        .map(|p| {
            let mut r = vec![p.count.to_string()];
            r.extend(
                p.observed
                    .iter()
                    .map(|&o| if o { "1" } else { "0" }.to_string()),
            );
            r
        })
        .collect();
    // share of rows in which each variable is observed
    if d.coverage.len() == d.variables.len() {
        let mut r = vec![w.patterns_observed.to_string()];
        r.extend((0..d.variables.len()).map(|j| format!("{:.0}%", 100.0 * d.coverage[j][j])));
        rows.push(r);
    }
    let mut note = String::from(w.patterns_note);
    if pats.len() > MAX_PATTERNS_SHOWN {
        let rest: usize = pats[MAX_PATTERNS_SHOWN..].iter().map(|p| p.count).sum();
        note.push_str(&(w.patterns_more)(pats.len() - MAX_PATTERNS_SHOWN, rest));
    }
    let how = match d.missing {
        crate::analysis::Missing::Ml => (w.patterns_fiml)(d.rows_used),
        crate::analysis::Missing::Listwise => (w.patterns_listwise)(d.rows_used),
    };
    note.push_str(&(w.patterns_read)(d.rows_read, &how));
    if !d.empty_rows.is_empty() {
        note.push_str(&(w.patterns_empty)(d.empty_rows.len()));
    }
    if d.rows_without_group > 0 {
        note.push_str(&(w.patterns_no_group)(d.rows_without_group));
    }
    note.push_str(w.patterns_end);
    Some(Table {
        exact: Vec::new(),
        id: "missing_patterns".into(),
        caption: (w.patterns_caption)(pats.len()),
        columns,
        rows,
        note: Some(note),
    })
}

/// Whether the model has scales (latent variables reflected by items whose
/// loadings it estimates, [`scales`]): only then are there reliability and
/// discriminant-validity tables ([`reliability_table`],
/// [`fornell_larcker_table`], [`htmt_table`]). A path model among observed
/// variables, or a growth model, has none; its report says why in one
/// paragraph ([`no_constructs_note`]) instead.
pub fn has_constructs(a: &Analysis) -> bool {
    scales(a).next().is_some()
}

/// What the report says in place of the reliability and validity tables
/// when the model has no scales ([`has_constructs`]), in a language; None
/// when it has.
pub fn no_constructs_note(a: &Analysis, lang: Lang) -> Option<String> {
    let w = words(lang);
    if has_constructs(a) {
        None
    } else if a.constructs.is_empty() {
        Some(w.no_constructs_note.to_string())
    } else {
        Some(w.no_scales_note.to_string() + &not_scales_note(a, lang))
    }
}

/// Every table of the report, in reading order (without the reliability
/// and discriminant-validity tables when the model has no constructs).
pub fn all_tables(a: &Analysis) -> Vec<Table> {
    all_tables_in(a, Lang::En)
}

/// What the reader chose to see in the tables (the page's display
/// settings); the default is the command line's report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableChoices {
    /// AMOS's model-fit summary instead of the fit table (when the
    /// estimator has one, [`amos::amos_table_in`]).
    pub amos_fit: bool,
    /// The smallest modification index listed.
    pub mi_min: f64,
}

impl Default for TableChoices {
    fn default() -> Self {
        TableChoices {
            amos_fit: false,
            mi_min: 3.84,
        }
    }
}

/// The fit table the reader chose: AMOS's model-fit summary when `amos`
/// and the estimator has one (ordinal data do not), else the fit table.
pub fn chosen_fit_table_in(a: &Analysis, amos: bool, lang: Lang) -> Table {
    amos.then(|| amos::amos_table_in(a, lang))
        .flatten()
        .unwrap_or_else(|| fit_table_in(a, lang))
}

/// [`all_tables`] in a language.
pub fn all_tables_in(a: &Analysis, lang: Lang) -> Vec<Table> {
    tables_with(a, &TableChoices::default(), lang)
}

/// Every table of the report as the reader chose to see them (the page's
/// *Download report*). A multi-group analysis has each group's χ²
/// contribution after the fit table, one reliability, Fornell–Larcker,
/// hypothesis, parameter, R² and modification-index table per group
/// ([`groups::Parts`]), the hypotheses on defined parameters and the
/// defined parameters once (after the groups' hypothesis and parameter
/// tables: they belong to no group), and the paths compared across groups
/// after the hypotheses.
pub fn tables_with(a: &Analysis, choices: &TableChoices, lang: Lang) -> Vec<Table> {
    let mut tables = missing_patterns_table_in(a, lang)
        .into_iter()
        .collect::<Vec<_>>();
    tables.push(chosen_fit_table_in(a, choices.amos_fit, lang));
    tables.extend(groups::group_chisq_table_in(a, lang));
    let parts = groups::Parts::of(a);
    let each = |table: &dyn Fn(&Analysis, Lang) -> Table| parts.tables(lang, table);
    if has_constructs(a) {
        tables.extend(each(&reliability_table_in));
        tables.extend(each(&fornell_larcker_table_in));
        tables.push(htmt_table_in(a, lang));
    }
    let hypotheses = |a: &Analysis, lang| {
        hypotheses_table_in(&a.hypotheses, &a.hypothesis_rule, verdicts::judged(a), lang)
    };
    tables.extend(each(&hypotheses));
    tables.extend(parts.defined_hypotheses(lang, hypotheses));
    tables.extend(groups::path_differences_table_in(
        a,
        a.hypothesis_rule.alpha,
        lang,
    ));
    tables.extend(effects_table_in(a, lang));
    tables.extend(moderation_table_in(a, lang));
    tables.extend(each(&parameters_table_in));
    tables.extend(parts.defined_parameters(lang));
    tables.extend(each(&r2_table_in));
    tables.extend(each(&|a, lang| {
        modindices_table_in(a, choices.mi_min, lang)
    }));
    tables.push(warnings_table_in(a, lang));
    lead_with_warnings(a, &mut tables);
    tables
}

/// Adds the tables of the checks of the measurement to a report's tables
/// ([`measurement::report_tables`]): sampling adequacy and the EFA before
/// the fit table (`fit` or `amos_fit`; else first), common-method bias,
/// the CLF loadings and the marker correction before the hypotheses (else
/// before the parameters, else last).
pub fn insert_measurement(
    tables: &mut Vec<Table>,
    check: &crate::measurement::MeasurementCheck,
    lang: Lang,
) {
    let (before, after) = measurement::report_tables(check, lang);
    let at = |tables: &[Table], ids: &[&str]| {
        ids.iter()
            .find_map(|id| tables.iter().position(|t| t.id == *id))
    };
    let i = at(tables, &["fit", "amos_fit"]).unwrap_or(0);
    tables.splice(i..i, before);
    let j = at(tables, &["hypotheses", "parameters"]).unwrap_or(tables.len());
    tables.splice(j..j, after);
}

/// When the analysis is not judged ([`verdicts::judged`]), the warnings
/// table (which says why) moves to the front.
pub fn lead_with_warnings(a: &Analysis, tables: &mut Vec<Table>) {
    if !verdicts::judged(a) {
        if let Some(i) = tables.iter().position(|t| t.id == "warnings") {
            let w = tables.remove(i);
            tables.insert(0, w);
        }
    }
}
