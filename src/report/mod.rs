//! Result tables: an [`Analysis`] in; the tables of a survey paper out, as
//! plain [`Table`] values (caption, column headers, rows of formatted
//! cells) that every renderer shares — the command line's text report
//! ([`text`]), CSV and HTML exports, and the browser app.
//!
//! Numbers are shown to 3 decimals, p-values as `< .001` below that, as
//! APA style asks. The captions begin with the names the app's tests look
//! for (`Fit indices`, `Reliability and convergent validity`, ...).

pub mod apa;
pub mod cutoffs;
pub mod export;
pub mod methods;
pub mod publish;
pub mod rscript;
pub mod text;

use crate::analysis::Analysis;
use crate::hypotheses::{Hypothesis, HypothesisRule};
use serde::{Deserialize, Serialize};

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
}

/// A number to 3 decimals (`—` when missing).
pub fn num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => {
            let s = format!("{v:.3}");
            if s == "-0.000" {
                "0.000".into()
            } else {
                s
            }
        }
        _ => "—".into(),
    }
}

/// A p-value to 3 decimals without the leading zero, `< .001` below that.
pub fn pval(p: Option<f64>) -> String {
    match p {
        Some(v) if v.is_finite() => {
            if v < 0.001 {
                "< .001".into()
            } else {
                let s = format!("{v:.3}");
                s.strip_prefix('0').map(str::to_string).unwrap_or(s)
            }
        }
        _ => "—".into(),
    }
}

/// An integer-valued statistic (df, N).
pub fn int(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{}", v.round() as i64),
        _ => "—".into(),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

/// Fit indices with their usual cutoffs.
pub fn fit_table(a: &Analysis) -> Table {
    let rows = cutoffs::FIT_ROWS
        .iter()
        .map(|c| {
            let v = a.fit.get(c.key).copied().flatten();
            let shown = match c.key {
                "df" | "npar" | "ntotal" => int(v),
                "pvalue" | "rmsea.pvalue" => pval(v),
                _ => num(v),
            };
            let met = c.rule.map(|r| match v {
                Some(x) => yes_no(r.met(x)),
                None => "—".into(),
            });
            vec![
                c.label.to_string(),
                shown,
                c.rule.map(|r| r.describe()).unwrap_or_default(),
                met.unwrap_or_default(),
                c.source.to_string(),
            ]
        })
        .collect::<Vec<_>>();
    let mut rows = rows;
    let robust = robust_fit_rows(a);
    let mut note =
        String::from("Cutoffs are conventions, not laws; judge fit by several indices together.");
    if !robust.is_empty() {
        note.push_str(SCALED_ROBUST_NOTE);
    }
    rows.extend(robust);
    Table {
        id: "fit".into(),
        caption: format!("Fit indices (N = {}, estimator {})", a.nobs, a.estimator),
        columns: vec![
            "Index".into(),
            "Value".into(),
            "Cutoff".into(),
            "Met".into(),
            "Source".into(),
        ],
        rows,
        note: Some(note),
    }
}

/// What the scaled and robust rows of the fit table are.
const SCALED_ROBUST_NOTE: &str = " The χ² scaled is the estimator's corrected test statistic \
     (Satorra–Bentler, Yuan–Bentler, or for WLSMV mean- and variance-adjusted). \
     Robust indices estimate the population CFI, TLI and RMSEA under that correction \
     (Brosseau-Liard & Savalei 2014; Savalei 2021 for WLSMV; lavaan's *.robust) and are \
     the ones to report; scaled indices put the scaled χ² into the usual formulas \
     (lavaan's *.scaled), as older software did.";

/// The scaled test and the robust and scaled indices of MLR, MLM and
/// WLSMV (lavaan's `*.robust`, `*.scaled`), each with the rule of its
/// standard index; none for ML. Rows the estimator does not give are left out.
fn robust_fit_rows(a: &Analysis) -> Vec<Vec<String>> {
    const ROWS: [(&str, &str, &str); 13] = [
        ("chisq.scaled", "χ² scaled", ""),
        ("chisq.scaling.factor", "scaling factor", ""),
        ("pvalue.scaled", "p (χ² scaled)", "pvalue"),
        ("cfi.robust", "CFI robust", "cfi"),
        ("tli.robust", "TLI robust", "tli"),
        ("rmsea.robust", "RMSEA robust", "rmsea"),
        ("rmsea.ci.lower.robust", "RMSEA robust 90% CI lower", ""),
        ("rmsea.ci.upper.robust", "RMSEA robust 90% CI upper", ""),
        ("cfi.scaled", "CFI scaled", "cfi"),
        ("tli.scaled", "TLI scaled", "tli"),
        ("rmsea.scaled", "RMSEA scaled", "rmsea"),
        ("rmsea.ci.lower.scaled", "RMSEA scaled 90% CI lower", ""),
        ("rmsea.ci.upper.scaled", "RMSEA scaled 90% CI upper", ""),
    ];
    if !a.fit.contains_key("chisq.scaled") {
        return Vec::new();
    }
    ROWS.iter()
        .filter(|(key, _, _)| {
            !key.ends_with(".scaled") || *key == "pvalue.scaled" || a.fit.contains_key(*key)
        })
        .map(|(key, label, base)| {
            let v = a.fit.get(*key).copied().flatten();
            let c = cutoffs::FIT_ROWS.iter().find(|c| c.key == *base);
            let rule = c.and_then(|c| c.rule);
            vec![
                label.to_string(),
                if key.contains("pvalue") {
                    pval(v)
                } else {
                    num(v)
                },
                rule.map(|r| r.describe()).unwrap_or_default(),
                match (rule, v) {
                    (Some(r), Some(x)) => yes_no(r.met(x)),
                    (Some(_), None) => "—".into(),
                    _ => String::new(),
                },
                c.map(|c| c.source.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// Table I: standardized loadings with α, CR (ω) and AVE per construct.
pub fn reliability_table(a: &Analysis) -> Table {
    let mut rows = Vec::new();
    for c in &a.constructs {
        for (k, item) in c.items.iter().enumerate() {
            let load = a
                .parameters
                .iter()
                .find(|p| p.op == "=~" && p.lhs == c.name && &p.rhs == item)
                .and_then(|p| p.std_all);
            let flag = match load {
                Some(l) if l.abs() < 0.5 => "below .5",
                Some(l) if l.abs() < 0.7 => "below .7",
                _ => "",
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
                if first {
                    let mut f = Vec::new();
                    if c.omega.is_some_and(|x| x < 0.7) {
                        f.push("CR < .7");
                    }
                    if c.ave.is_some_and(|x| x < 0.5) {
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
        id: "reliability".into(),
        caption: "Reliability and convergent validity".into(),
        columns: ["Construct", "Item", "Std. loading", "Loading flag", "Cronbach's α", "CR (ω)", "AVE", "Construct flag"]
            .map(String::from)
            .to_vec(),
        rows,
        note: Some("CR is composite reliability ω (semTools compRelSEM); AVE as semTools AVE. Common thresholds: loading ≥ .7 (≥ .5 acceptable), CR ≥ .7, AVE ≥ .5 (Hair et al. 2019; Fornell & Larcker 1981).".into()),
    }
}

fn matrix_table(
    id: &str,
    caption: &str,
    m: &crate::reliability::NamedMatrix,
    flag: impl Fn(usize, usize, f64) -> bool,
    note: &str,
) -> Table {
    let mut columns = vec![String::new()];
    columns.extend(m.names.iter().cloned());
    let rows = m
        .names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut r = vec![n.clone()];
            for j in 0..m.names.len() {
                r.push(if j > i {
                    String::new()
                } else {
                    let v = m.matrix[i][j];
                    let mut s = num(v);
                    if i != j && v.is_some_and(|x| flag(i, j, x)) {
                        s.push_str(" †");
                    }
                    s
                });
            }
            r
        })
        .collect();
    Table {
        id: id.into(),
        caption: caption.into(),
        columns,
        rows,
        note: Some(note.into()),
    }
}

/// Fornell–Larcker criterion: √AVE on the diagonal, factor correlations below.
pub fn fornell_larcker_table(a: &Analysis) -> Table {
    let m = &a.fornell_larcker;
    matrix_table(
        "fornell_larcker",
        "Fornell–Larcker criterion",
        m,
        |i, j, x| {
            let di = m.matrix[i][i];
            let dj = m.matrix[j][j];
            di.is_some_and(|d| x.abs() >= d) || dj.is_some_and(|d| x.abs() >= d)
        },
        "Diagonal: √AVE; below: model-implied factor correlations. † the correlation is not below both √AVE values (Fornell & Larcker 1981).",
    )
}

/// HTMT matrix with .85/.90 flags.
pub fn htmt_table(a: &Analysis) -> Table {
    let mut t = matrix_table(
        "htmt",
        "HTMT (heterotrait–monotrait ratio)",
        &a.htmt,
        |_, _, x| x >= 0.85,
        "Geometric-mean HTMT (semTools htmt2). † at or above .85 (strict, Kline 2011); values above .90 indicate a lack of discriminant validity (Henseler et al. 2015).",
    );
    for row in &mut t.rows {
        for cell in row.iter_mut().skip(1) {
            if let Some(v) = cell.strip_suffix(" †").and_then(|s| s.parse::<f64>().ok()) {
                if v >= 0.90 {
                    *cell = format!("{v:.3} ‡");
                }
            }
        }
    }
    t.note = Some("Geometric-mean HTMT (semTools htmt2). † ≥ .85 (strict criterion), ‡ ≥ .90 (liberal criterion; Henseler, Ringle & Sarstedt 2015).".into());
    t
}

/// Table III: hypotheses under a rule.
pub fn hypotheses_table(hyps: &[Hypothesis], rule: &HypothesisRule) -> Table {
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
                yes_no(h.supported),
            ]
        })
        .collect();
    Table {
        id: "hypotheses".into(),
        caption: "Hypotheses".into(),
        columns: [
            "Hypothesis",
            "Path",
            "Std. β",
            "Estimate",
            "SE",
            "z",
            "p",
            "",
            "Supported",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        note: Some(format!(
            "Rule: {}. * p < .05, ** p < .01, *** p < .001.",
            rule.describe()
        )),
    }
}

/// Parameter estimates with lavaan's columns.
pub fn parameters_table(a: &Analysis) -> Table {
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
    let mut columns = ["lhs", "op", "rhs", "label", "Estimate", "SE", "z", "p", "CI lower", "CI upper", "Std.lv", "Std.all"].map(String::from).to_vec();
    let mut rows = rows;
    let se_note = match a.estimator.as_str() {
        "MLR" => "Robust (Huber–White) standard errors from the observed information",
        "MLM" => "Robust (Satorra–Bentler) standard errors from the expected information",
        "WLSMV" => "Robust (WLSMV sandwich) standard errors; thresholds `|` of the ordinal items, whose residual variances follow from the model (delta parameterization)",
        _ => "Standard errors from the expected information",
    };
    let mut note = format!("{se_note}; 95% confidence intervals. Fixed parameters have no SE.");
    if let Some(b) = &a.bootstrap {
        columns.extend(["Boot SE", "Boot CI lower", "Boot CI upper"].map(String::from));
        for (row, p) in rows.iter_mut().zip(&a.parameters) {
            let show = |x: Option<f64>| if p.free { num(x) } else { String::new() };
            row.extend([show(p.boot_se), show(p.boot_ci_lower), show(p.boot_ci_upper)]);
        }
        if b.cancelled {
            note.push_str(&format!(
                " The bootstrap was stopped after {} of {} draws: its columns rest on those draws only.",
                b.completed, b.requested
            ));
        }
        note.push_str(&format!(
            " Bootstrap: {} of {} draws used (seed {}), {} {:.0}% intervals.",
            b.ok,
            b.requested,
            b.seed,
            match b.ci_type {
                crate::bootstrap::CiType::Percentile => "percentile",
                crate::bootstrap::CiType::BiasCorrected => "bias-corrected",
            },
            100.0 * b.level
        ));
    }
    Table {
        id: "parameters".into(),
        caption: "Parameter estimates".into(),
        columns,
        rows,
        note: Some(note),
    }
}

/// R² of every endogenous variable.
pub fn r2_table(a: &Analysis) -> Table {
    Table {
        id: "r2".into(),
        caption: "R² of endogenous variables".into(),
        columns: vec!["Variable".into(), "R²".into()],
        rows: a
            .r2
            .iter()
            .map(|(k, v)| vec![k.clone(), num(Some(*v))])
            .collect(),
        note: None,
    }
}

/// Modification indices, largest first (those ≥ `min_mi`).
pub fn modindices_table(a: &Analysis, min_mi: f64) -> Table {
    let rows = a
        .modindices
        .iter()
        .filter(|m| m.mi >= min_mi)
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
        id: "modindices".into(),
        caption: "Modification indices".into(),
        columns: ["lhs", "op", "rhs", "MI", "EPC", "sEPC (lv)", "sEPC (all)"].map(String::from).to_vec(),
        rows,
        note: Some(format!(
            "Score tests for freeing one parameter at a time (χ² with 1 df; 3.84 is p = .05). Shown: MI ≥ {min_mi}. Free a parameter only when it makes theoretical sense."
        )),
    }
}

/// Warnings in plain words.
pub fn warnings_table(a: &Analysis) -> Table {
    Table {
        id: "warnings".into(),
        caption: "Warnings".into(),
        columns: vec!["Warning".into()],
        rows: a.warnings.iter().map(|w| vec![w.message.clone()]).collect(),
        note: None,
    }
}

/// Patterns shown in [`missing_patterns_table`]; the rest are summed up in its note.
pub const MAX_PATTERNS_SHOWN: usize = 20;

/// The missing-data patterns (lavaan's `lavInspect(fit, "patterns")`): one
/// row per pattern, most frequent first, with its number of rows and 1/0
/// for observed/missing per variable; None when no value is missing.
pub fn missing_patterns_table(a: &Analysis) -> Option<Table> {
    let d = &a.data;
    let pats = &d.missing_patterns;
    if pats.iter().all(|p| p.observed.iter().all(|&o| o)) && d.empty_rows.is_empty() {
        return None;
    }
    let mut columns = vec!["Rows".to_string()];
    columns.extend(d.variables.iter().cloned());
    let mut rows: Vec<Vec<String>> = pats
        .iter()
        .take(MAX_PATTERNS_SHOWN)
        .map(|p| {
            let mut r = vec![p.count.to_string()];
            r.extend(p.observed.iter().map(|&o| if o { "1" } else { "0" }.to_string()));
            r
        })
        .collect();
    // share of rows in which each variable is observed
    if d.coverage.len() == d.variables.len() {
        let mut r = vec!["observed".to_string()];
        r.extend((0..d.variables.len()).map(|j| format!("{:.0}%", 100.0 * d.coverage[j][j])));
        rows.push(r);
    }
    let mut note = String::from("1 = observed, 0 = missing; most frequent pattern first.");
    if pats.len() > MAX_PATTERNS_SHOWN {
        let rest: usize = pats[MAX_PATTERNS_SHOWN..].iter().map(|p| p.count).sum();
        note.push_str(&format!(
            " {} more patterns ({} rows) are not shown.",
            pats.len() - MAX_PATTERNS_SHOWN,
            rest
        ));
    }
    let how = match d.missing {
        crate::analysis::Missing::Ml => format!(
            "all {} rows with a value were used by full-information ML",
            d.rows_used
        ),
        crate::analysis::Missing::Listwise => format!(
            "listwise deletion used the {} complete rows",
            d.rows_used
        ),
    };
    note.push_str(&format!(" Of {} rows read, {how}", d.rows_read));
    if !d.empty_rows.is_empty() {
        note.push_str(&format!(
            "; {} rows without any value were left out",
            d.empty_rows.len()
        ));
    }
    note.push('.');
    Some(Table {
        id: "missing_patterns".into(),
        caption: format!("Missing-data patterns ({} patterns)", pats.len()),
        columns,
        rows,
        note: Some(note),
    })
}

/// Every table of the report, in reading order.
pub fn all_tables(a: &Analysis) -> Vec<Table> {
    let mut tables = missing_patterns_table(a).into_iter().collect::<Vec<_>>();
    tables.extend([
        fit_table(a),
        reliability_table(a),
        fornell_larcker_table(a),
        htmt_table(a),
        hypotheses_table(&a.hypotheses, &a.hypothesis_rule),
        parameters_table(a),
        r2_table(a),
        modindices_table(a, 3.84),
        warnings_table(a),
    ]);
    tables
}
