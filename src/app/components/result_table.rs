//! One result table: a real `<table>` with its caption, rendered from the
//! engine's [`Table`] (the same value the CLI prints and the exports write),
//! with buttons to download it as CSV and copy it as an HTML table.

use crate::app::dom;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::report::export::{to_csv, to_html_styled_in, Style};
use crate::report::Table;
use leptos::prelude::*;

/// Whether a cell holds a number (right-aligned).
fn numeric(cell: &str) -> bool {
    let c = cell.trim_end_matches([' ', '†', '‡']);
    c == "—" || c == "< .001" || c.parse::<f64>().is_ok()
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
            let rows = tab
                .rows
                .iter()
                .map(|r| {
                    let cells = r
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            if j == 0 {
                                view! { <th scope="row">{c.clone()}</th> }.into_any()
                            } else {
                                view! { <td class:num=numeric(c)>{c.clone()}</td> }.into_any()
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
                        let cell = |k: usize| r.get(k).map(String::as_str).unwrap_or_default();
                        let param =
                            crate::tables::modindices::model_line(cell(0), cell(1), cell(2));
                        let label = (t().add_label)(&param);
                        view! {
                            <td class="action">
                                <button
                                    type="button"
                                    class="button small"
                                    aria-label=label
                                    on:click=move |_| st.add_to_model(&param)
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
                                    .map(|c| view! { <th scope="col">{c.clone()}</th> })
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
