//! The data at a glance: the first rows, and per item n, missing, mean, SD,
//! min, max, skewness and kurtosis with hints (looks ordinal, strongly
//! non-normal, constant), plus Mardia's multivariate tests. When the model's
//! variables have missing values, the fitted analysis adds their
//! missing-data patterns and coverage (how FIML or listwise deletion used them).

use crate::analysis::Analysis;
use crate::app::components::ResultTable;
use crate::app::protocol::DataView;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::data::ItemDescriptives as ItemView;
use crate::report::{missing_patterns_table_in, num, pval, Table};
use leptos::prelude::*;

/// |skewness| above this is "strongly non-normal" (Curran, West & Finch 1996).
const SKEW_LIMIT: f64 = 2.0;
/// |excess kurtosis| above this is "strongly non-normal" (Curran, West & Finch 1996).
const KURTOSIS_LIMIT: f64 = 7.0;

fn nonnormal(i: &ItemView) -> bool {
    i.skewness.is_some_and(|s| s.abs() > SKEW_LIMIT)
        || i.kurtosis.is_some_and(|k| k.abs() > KURTOSIS_LIMIT)
}

/// A whole number without decimals, anything else to 3 decimals.
fn compact(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 => format!("{v:.0}"),
        other => num(other),
    }
}

/// Value labels shown in a hint; more are summed up with "…".
const LABELS_SHOWN: usize = 6;

fn hints(i: &ItemView, value_labels: &[(String, String)]) -> String {
    let mut h = Vec::new();
    if i.constant {
        h.push(t().hint_constant.to_string());
    } else if i.nominal {
        h.push(t().hint_nominal.to_string());
    } else if i.looks_ordinal {
        h.push((t().hint_ordinal)(i.n_distinct));
    }
    if !value_labels.is_empty() {
        let mut shown: Vec<String> = value_labels
            .iter()
            .take(LABELS_SHOWN)
            .map(|(v, l)| format!("{v} = {l}"))
            .collect();
        if value_labels.len() > LABELS_SHOWN {
            shown.push("…".into());
        }
        h.push((t().hint_value_labels)(&shown.join(t().list_sep)));
    }
    if nonnormal(i) {
        h.push(t().hint_nonnormal.to_string());
    }
    h.join("; ")
}

pub fn preview_table(d: &DataView) -> Table {
    Table {
        exact: Vec::new(),
        id: "data_preview".into(),
        caption: (t().preview_caption)(d.preview.len(), d.n_rows),
        columns: d.columns.iter().map(|c| c.name.clone()).collect(),
        rows: d.preview.clone(),
        note: Some(match d.encoding {
            crate::data::TextEncoding::Utf8 => t().preview_note.to_string(),
            enc => format!("{} {}", (t().read_as)(enc), t().preview_note),
        }),
    }
}

pub fn items_table(d: &DataView) -> Table {
    let column = |i: &ItemView| d.columns.iter().find(|c| c.name == i.name);
    let labels: Vec<Option<String>> = d
        .items
        .iter()
        .map(|i| column(i).and_then(|c| c.label.clone()))
        .collect();
    let with_labels = labels.iter().any(Option::is_some);
    let cols = t().items_columns;
    let mut columns: Vec<String> = cols[..9].iter().map(|s| s.to_string()).collect();
    if with_labels {
        columns.insert(1, cols[9].to_string());
    }
    columns.push(cols[10].to_string());
    let rows = d
        .items
        .iter()
        .zip(&labels)
        .map(|(i, label)| {
            let mut r = vec![
                i.name.clone(),
                i.n.to_string(),
                i.missing.to_string(),
                num(i.mean),
                num(i.sd),
                compact(i.min),
                compact(i.max),
                num(i.skewness),
                num(i.kurtosis),
            ];
            if with_labels {
                r.insert(1, label.clone().unwrap_or_default());
            }
            r.push(hints(
                i,
                column(i).map_or(&[][..], |c| c.value_labels.as_slice()),
            ));
            r
        })
        .collect();
    Table {
        exact: Vec::new(),
        id: "items".into(),
        caption: t().items_caption.into(),
        columns,
        rows,
        note: None,
    }
}

/// The hints in sentences, under the item table.
fn hint_lines(d: &DataView) -> Vec<String> {
    let mut out = Vec::new();
    let names = |f: &dyn Fn(&ItemView) -> bool| {
        d.items
            .iter()
            .filter(|i| f(i))
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>()
            .join(t().list_sep)
    };
    let text_cols: Vec<&str> = d
        .columns
        .iter()
        .filter(|c| !c.numeric)
        .map(|c| c.name.as_str())
        .collect();
    if !text_cols.is_empty() {
        out.push((t().text_columns)(&text_cols.join(t().list_sep)));
    }
    let unusable: Vec<&str> = d
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| !crate::syntax::is_variable_name(n))
        .collect();
    if !unusable.is_empty() {
        out.push((t().unusable_names)(&unusable.join(t().list_sep)));
    }
    let constant = names(&|i| i.constant);
    if !constant.is_empty() {
        out.push((t().summary_constant)(&constant));
    }
    let ordinal = d.items.iter().filter(|i| i.looks_ordinal).count();
    if ordinal > 0 {
        out.push((t().summary_ordinal)(ordinal, d.items.len()));
    }
    let nn = names(&|i| nonnormal(i));
    if !nn.is_empty() {
        out.push((t().summary_nonnormal)(&nn));
    }
    if let Some(m) = &d.mardia {
        out.push((t().mardia)(
            m.b2p,
            m.p,
            m.kurtosis_z,
            &pval(Some(m.kurtosis_p)),
            m.b1p,
            &pval(Some(m.skew_p)),
        ));
    }
    out
}

/// Coverage of the model's variables (lavaan's `lavInspect(fit, "coverage")`):
/// the lower triangle, proportions to 3 decimals; None without missing values.
pub fn coverage_table(a: &Analysis) -> Option<Table> {
    let d = &a.data;
    let cov = &d.coverage;
    let p = d.variables.len();
    if cov.len() != p || cov.iter().flatten().all(|&c| c >= 1.0) {
        return None;
    }
    let mut columns = vec![String::new()];
    columns.extend(d.variables.iter().cloned());
    let rows = (0..p)
        .map(|i| {
            let mut r = vec![d.variables[i].clone()];
            r.extend((0..p).map(|j| {
                if j > i {
                    String::new()
                } else {
                    num(Some(cov[i][j]))
                }
            }));
            r
        })
        .collect();
    Some(Table {
        exact: Vec::new(),
        id: "coverage".into(),
        caption: t().coverage_caption.into(),
        columns,
        rows,
        note: Some(t().coverage_note.into()),
    })
}

#[component]
pub fn DataSummary() -> impl IntoView {
    let st = expect_context::<AppState>();
    let current = Memo::new(move |_| st.data.with(|d| d.current.as_ref().map(|c| (**c).clone())));
    let preview = Memo::new(move |_| current.get().map(|d| preview_table(&d)));
    let items = Memo::new(move |_| current.get().map(|d| items_table(&d)));
    // The fitted model's missing-data patterns and coverage.
    let from_results = move |f: fn(&Analysis) -> Option<Table>| {
        Memo::new(move |_| st.results.with(|r| r.analysis.as_deref().and_then(f)))
    };
    let patterns = from_results(|a| missing_patterns_table_in(a, crate::app::i18n::lang()));
    let coverage = from_results(coverage_table);
    // Open for the person's own data; examples keep the page short.
    let open = move || st.data.with(|d| d.example.is_none());
    move || {
        current.get().map(|d| {
            let lines = hint_lines(&d);
            view! {
                <details class="data-details" open=open>
                    <summary>{t().data_details}</summary>
                    <ResultTable table=preview plain=true />
                    <ResultTable table=items />
                    <ul class="data-hints">
                        {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                </details>
                <ResultTable table=patterns />
                <ResultTable table=coverage />
            }
        })
    }
}
