//! One result table: a real `<table>` with its caption, rendered from the
//! engine's [`Table`] (the same value the CLI prints and the exports write),
//! with buttons to download it as CSV and copy it as an HTML table.

use crate::app::dom;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::i18n::Lang;
use crate::report::export::{to_csv, to_html_styled_in, Style};
use crate::report::words::words;
use crate::report::Table;
use leptos::prelude::*;

/// Whether a cell holds a number (right-aligned).
fn numeric(cell: &str) -> bool {
    let c = cell.trim_end_matches([' ', '†', '‡']);
    c == "—" || c == "< .001" || c.parse::<f64>().is_ok()
}

/// A cell's text as it may wrap in a narrow column: at its spaces, but not
/// inside a comparison (`below .7`, `< .5` stay on one line), and a name
/// written in camel case (`ProductInteraction`) also between its words (a
/// `<wbr>` before each capital that follows a lower-case letter). The text
/// (and a copy of it) is unchanged.
pub(crate) fn breakable(text: &str) -> Vec<AnyView> {
    let words: Vec<&str> = text.split(' ').collect();
    // phrases: words joined by the spaces of a comparison
    let mut phrases: Vec<(usize, usize)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        // a number (.7) stays with the word or sign before it
        let glued = i > 0 && w.starts_with('.');
        match phrases.last_mut() {
            Some((_, end)) if glued => *end = i,
            _ => phrases.push((i, i)),
        }
    }
    let mut parts = Vec::new();
    for (k, &(first, last)) in phrases.iter().enumerate() {
        if k > 0 {
            parts.push(" ".into_any());
        }
        if first == last {
            parts.extend(camel_case_breaks(words[first]));
        } else {
            let phrase = words[first..=last].join(" ");
            parts.push(view! { <span class="nowrap">{phrase}</span> }.into_any());
        }
    }
    parts
}

/// A `<wbr>` before each capital that follows a lower-case letter.
fn camel_case_breaks(word: &str) -> Vec<AnyView> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut after_lower = false;
    for (i, ch) in word.char_indices() {
        if after_lower && ch.is_uppercase() {
            parts.push(word[start..i].to_string().into_any());
            parts.push(view! { <wbr /> }.into_any());
            start = i;
        }
        after_lower = ch.is_lowercase();
    }
    parts.push(word[start..].to_string().into_any());
    parts
}

/// The short header of a column, as a paper's table has it (λ for the
/// standardized loading, B and β for the coefficients, H for the hypothesis), where the full one
/// would keep the table from fitting the results pane beside the open
/// drawing (502 px at 1366 px); the full name is the header's `title`, its
/// accessible name and a line under the table. The page's tables only: the
/// CSV, the copy and the report keep the full names.
fn short_header(table: &str, column: &str) -> Option<&'static str> {
    let lang = crate::app::i18n::lang();
    let w = words(lang);
    let is = |full: &str| column == full;
    match table {
        // 假设 is as short as H
        "hypotheses" if lang == Lang::En && is(w.hypotheses_columns[0]) => Some("H"),
        "reliability" if is(w.reliability_columns[2]) => Some("λ"),
        "reliability" if is(w.reliability_columns[4]) => Some("α"),
        "hypotheses" if is(w.hypotheses_columns[2]) => Some("β"),
        "hypotheses" if is(w.hypotheses_columns[3]) => Some("B"),
        "effects" if is(w.effects_columns[2]) => Some("B"),
        "effects" if is(w.effects_columns[6]) => Some("β"),
        _ => None,
    }
}

/// The line under a table that spells out its short headers
/// (`λ = Std. loading; α = Cronbach's α.`).
fn short_headers_note(table: &Table) -> Option<String> {
    let pairs: Vec<String> = table
        .columns
        .iter()
        .filter_map(|c| short_header(&table.id, c).map(|s| format!("{s} = {c}")))
        .collect();
    (!pairs.is_empty()).then(|| match crate::app::i18n::lang() {
        Lang::En => format!("{}.", pairs.join("; ")),
        Lang::Zh => format!("{}。", pairs.join("；")),
    })
}

/// The table as tab-separated text (the plain-text part of a copy).
fn to_tsv(t: &Table) -> String {
    let mut out = t.caption.clone();
    out.push('\n');
    out.push_str(&t.columns.join("\t"));
    for r in &t.rows {
        out.push('\n');
        out.push_str(&r.join("\t"));
    }
    out.push('\n');
    out
}

/// A button on each row of a table that acts on one of its cells (e.g.
/// *Release* on a constraint of the invariance ladder).
#[derive(Clone, Copy)]
pub struct RowAction {
    /// The button's text.
    pub label: fn() -> &'static str,
    /// Its accessible name, from the cell.
    pub describe: fn(&str) -> String,
    /// The cell (column index) the action gets.
    pub column: usize,
    pub run: Callback<String>,
}

#[component]
pub fn ResultTable(
    /// The table (None: nothing is shown).
    #[prop(into)]
    table: Signal<Option<Table>>,
    /// No download and copy buttons (the data preview).
    #[prop(optional)]
    plain: bool,
    /// An "Add" button on each row that adds `lhs op rhs` (the first three
    /// cells) to the model (modification indices).
    #[prop(optional)]
    add_buttons: bool,
    /// Another button on each row (see [`RowAction`]).
    #[prop(optional)]
    action: Option<RowAction>,
    /// Shown instead of an empty table.
    #[prop(optional)]
    empty: Option<&'static str>,
    /// More controls for the toolbar (e.g. a filter).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let copied = RwSignal::new(None::<&'static str>);
    let id = move || table.with(|t| t.as_ref().map(|t| t.id.clone()).unwrap_or_default());
    let caption_id = move || format!("caption-{}", id());
    let caption = move || table.with(|t| t.as_ref().map(|t| t.caption.clone()).unwrap_or_default());
    // each button's accessible name says which table it acts on
    let named = move |action: &'static str| (t().for_table)(action, &caption());

    let download = move |_| {
        if let Some(tab) = table.get_untracked() {
            let _ = dom::download(
                &format!("semlab-{}.csv", tab.id),
                "text/csv;charset=utf-8",
                &format!("\u{feff}{}", to_csv(&tab)),
            );
        }
    };
    let copy = move |_| {
        if let Some(tab) = table.get_untracked() {
            let html = to_html_styled_in(&tab, Style::Apa { number: 0 }, crate::app::i18n::lang());
            let ok = dom::copy_html(&html, &to_tsv(&tab)).is_ok();
            copied.set(Some(if ok { t().copied } else { t().copy_failed }));
            set_timeout(move || copied.set(None), std::time::Duration::from_secs(4));
        }
    };

    let body = move || {
        table.get().map(|tab| {
            let empty_msg = (tab.rows.is_empty()).then(|| empty.unwrap_or(t().no_rows));
            let buttons = add_buttons || action.is_some();
            let ncol = tab.columns.len() + usize::from(buttons);
            // a column of numbers has its header over the numbers' right edge
            let numeric_column = |j: usize| {
                let mut cells = tab.rows.iter().filter_map(|r| r.get(j)).filter(|c| !c.is_empty());
                let first = cells.next();
                first.is_some_and(|c| numeric(c)) && cells.all(|c| numeric(c))
            };
            let rows = tab
                .rows
                .iter()
                .map(|r| {
                    let cells = r
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            if j == 0 {
                                view! { <th scope="row">{breakable(c)}</th> }.into_any()
                            } else if numeric(c) {
                                view! { <td class="num">{c.clone()}</td> }.into_any()
                            } else {
                                view! { <td>{breakable(c)}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    let row_action = action.map(|act| {
                        let cell = r.get(act.column).cloned().unwrap_or_default();
                        let label = (act.describe)(&cell);
                        view! {
                            <td class="action">
                                <button
                                    type="button"
                                    class="button small"
                                    aria-label=label
                                    on:click=move |_| act.run.run(cell.clone())
                                >
                                    {(act.label)()}
                                </button>
                            </td>
                        }
                    });
                    let action = add_buttons.then(|| {
                        let cell = |k: usize| r.get(k).cloned().unwrap_or_default();
                        let (lhs, op, rhs) = (cell(0), cell(1), cell(2));
                        let param = crate::syntax::edit::parameter_line(&lhs, &op, &rhs);
                        let label = (t().add_label)(&param);
                        view! {
                            <td class="action">
                                <button
                                    type="button"
                                    class="button small"
                                    aria-label=label
                                    on:click=move |_| st.add_to_model(&lhs, &op, &rhs)
                                >
                                    {t().add}
                                </button>
                            </td>
                        }
                    });
                    view! { <tr>{cells}{action}{row_action}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="group" aria-labelledby=caption_id()>
                    <table id=format!("table-{}", tab.id)>
                        <caption id=caption_id()>{tab.caption.clone()}</caption>
                        <thead>
                            <tr>
                                {tab
                                    .columns
                                    .iter()
                                    .enumerate()
                                    .map(|(j, c)| match short_header(&tab.id, c) {
                                        Some(short) => {
                                            view! {
                                                <th
                                                    scope="col"
                                                    class:num=numeric_column(j)
                                                    data-column=c.clone()
                                                    aria-label=c.clone()
                                                >
                                                    <abbr title=c.clone()>{short}</abbr>
                                                </th>
                                            }
                                                .into_any()
                                        }
                                        None => {
                                            view! {
                                                <th scope="col" class:num=numeric_column(j)>
                                                    {c.clone()}
                                                </th>
                                            }
                                                .into_any()
                                        }
                                    })
                                    .collect_view()}
                                {buttons.then(|| view! { <th scope="col"></th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {rows}
                            {empty_msg
                                .map(|m| {
                                    view! {
                                        <tr>
                                            <td class="empty" colspan=ncol.to_string()>{m}</td>
                                        </tr>
                                    }
                                })}
                        </tbody>
                    </table>
                </div>
                {tab.note.clone().map(|n| view! { <p class="table-note">{n}</p> })}
                {short_headers_note(&tab).map(|n| view! { <p class="table-note short-headers">{n}</p> })}
            }
        })
    };

    view! {
        <section class="result" class:hidden=move || table.with(Option::is_none)>
            {(!plain)
                .then(|| {
                    view! {
                        <div class="table-tools">
                            <button
                                type="button"
                                class="button small"
                                aria-label=move || named(t().download_csv)
                                on:click=download
                            >
                                {t().download_csv}
                            </button>
                            <button
                                type="button"
                                class="button small"
                                aria-label=move || named(t().copy_table)
                                on:click=copy
                            >
                                {t().copy_table}
                            </button>
                            {children.map(|c| c())}
                            <span class="copied" role="status" aria-live="polite">
                                {move || copied.get()}
                            </span>
                        </div>
                    }
                })}
            {body}
        </section>
    }
}
