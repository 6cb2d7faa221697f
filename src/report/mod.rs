//! Result tables: an [`Analysis`] in; the tables of a survey paper out, as
//! plain [`Table`] values (caption, column headers, rows of formatted
//! cells) that every renderer shares — the command line's text report
//! ([`text`]), CSV and HTML exports, and the browser app.
//!
//! Numbers are shown to 3 decimals, p-values as `< .001` below that, as
//! APA style asks. The captions begin with the names the app's tests look
//! for (`Fit indices`, `Reliability and convergent validity`, ...).

pub mod cutoffs;
pub mod export;
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
        .collect();
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
        note: Some(
            "Cutoffs are conventions, not laws; judge fit by several indices together.".into(),
        ),
    }
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
        .collect();
    Table {
        id: "parameters".into(),
        caption: "Parameter estimates".into(),
        columns: ["lhs", "op", "rhs", "label", "Estimate", "SE", "z", "p", "CI lower", "CI upper", "Std.lv", "Std.all"].map(String::from).to_vec(),
        rows,
        note: Some("Standard errors from the expected information; 95% confidence intervals. Fixed parameters have no SE.".into()),
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

/// Every table of the report, in reading order.
pub fn all_tables(a: &Analysis) -> Vec<Table> {
    vec![
        fit_table(a),
        reliability_table(a),
        fornell_larcker_table(a),
        htmt_table(a),
        hypotheses_table(&a.hypotheses, &a.hypothesis_rule),
        parameters_table(a),
        r2_table(a),
        modindices_table(a, 3.84),
        warnings_table(a),
    ]
}
