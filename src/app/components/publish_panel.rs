//! "For the paper": the APA-style tables (Table I, fit, discriminant
//! validity, Table III) with downloads as Word-pasteable HTML, CSV and
//! LaTeX; the methods paragraph to edit and copy; the R script that
//! reproduces the analysis in lavaan; project files to save and open; and
//! the link to share or embed ([`super::SharePanel`]). Everything follows
//! the results shown and the hypothesis rule set now, in the page's language.

use super::result_table::breakable;
use crate::app::components::SharePanel;
use crate::app::dom;
use crate::app::i18n::lang;
use crate::app::publish::{
    current_options, current_project, open_project, r_data, with_current_rule, ProjectNote,
    PublishState, Shown, ShownLadder,
};
use crate::app::state::AppState;
use crate::app::text::t;
use crate::app::text_publish::tp;
use crate::i18n::Localized;
use crate::report::export::{html_escape, to_csv, to_html_styled_in, to_latex_styled_in, Style};
use crate::report::{apa, invariance, measurement, methods, rscript, Table};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// An HTML document around an APA fragment (opens in Word, or copy from a browser).
fn html_document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{}</body>\n</html>\n",
        lang().html_tag(),
        html_escape(title),
        body
    )
}

/// The table as tab-separated text (the plain part of a copy).
fn to_tsv(t: &Table) -> String {
    let mut out = t.caption.clone();
    for r in std::iter::once(&t.columns).chain(&t.rows) {
        out.push('\n');
        out.push_str(&r.join("\t"));
    }
    out.push('\n');
    out
}

/// Whether a cell holds a number (centred, as APA sets them).
fn numeric(cell: &str) -> bool {
    cell.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '<' | '—' | '['))
}

/// One APA table with its downloads.
#[component]
fn ApaTable(table: Table, number: usize) -> impl IntoView {
    let l = lang();
    let copied = RwSignal::new(None::<&'static str>);
    let id = table.id.clone();
    let caption_id = format!("caption-{id}");
    // the buttons' accessible names: "CSV: Table 2 Fit indices"
    let named = format!("{} {}", (tp().table_number)(number), table.caption);
    let t1 = table.clone();
    let word = move |_| {
        let html = to_html_styled_in(&t1, Style::Apa { number }, l);
        let _ = dom::download(
            &format!("semlab-{}.html", t1.id),
            "text/html;charset=utf-8",
            &html_document(&t1.caption, &html),
        );
    };
    let t2 = table.clone();
    let csv = move |_| {
        let _ = dom::download(
            &format!("semlab-{}.csv", t2.id),
            "text/csv;charset=utf-8",
            &format!("\u{feff}{}", to_csv(&t2)),
        );
    };
    let t3 = table.clone();
    let latex = move |_| {
        let _ = dom::download(
            &format!("semlab-{}.tex", t3.id),
            "application/x-tex;charset=utf-8",
            &to_latex_styled_in(&t3, Style::Apa { number }, l),
        );
    };
    let t4 = table.clone();
    let copy = move |_| {
        let html = to_html_styled_in(&t4, Style::Apa { number }, l);
        let ok = dom::copy_html(&html, &to_tsv(&t4)).is_ok();
        copied.set(Some(if ok { tp().copied } else { tp().copy_failed }));
        set_timeout(move || copied.set(None), std::time::Duration::from_secs(4));
    };
    let rows = table
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    {r
                        .iter()
                        .map(|c| {
                            if numeric(c) {
                                view! { <td class="num">{c.clone()}</td> }.into_any()
                            } else {
                                view! { <td>{breakable(c)}</td> }.into_any()
                            }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="apa" id=format!("apa-{id}")>
            <div class="table-scroll" tabindex="0" role="group" aria-labelledby=caption_id.clone()>
                <table class="apa-table" data-id=id.clone()>
                    <caption id=caption_id.clone()>
                        <span class="apa-number">{(tp().table_number)(number)}</span>
                        " "
                        <span class="apa-title">{table.caption.clone()}</span>
                    </caption>
                    <thead>
                        <tr>
                            {table
                                .columns
                                .iter()
                                .map(|c| view! { <th scope="col">{c.clone()}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {table
                .note
                .clone()
                .map(|n| {
                    view! {
                        <p class="apa-note">
                            <em>{crate::report::words::words(l).apa_note}</em>
                            {crate::report::words::words(l).note_gap}
                            {n}
                        </p>
                    }
                })}
            <div class="table-tools">
                <button type="button" class="button small" aria-label=(t().for_table)(tp().download_word, &named) on:click=word>
                    {tp().download_word}
                </button>
                <button type="button" class="button small" aria-label=(t().for_table)(tp().download_csv, &named) on:click=csv>
                    {tp().download_csv}
                </button>
                <button type="button" class="button small" aria-label=(t().for_table)(tp().download_latex, &named) on:click=latex>
                    {tp().download_latex}
                </button>
                <button type="button" class="button small" aria-label=(t().for_table)(tp().copy_table, &named) on:click=copy>
                    {tp().copy_table}
                </button>
                <span class="copied" role="status" aria-live="polite">{move || copied.get()}</span>
            </div>
        </figure>
    }
}

#[component]
pub fn PublishPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let ps = expect_context::<PublishState>();
    let l = lang();
    let shown = Memo::new(move |_| st.results.with(|r| r.analysis.clone().map(Shown)));
    // the analysis under the rule set now
    let current = Memo::new(move |_| shown.get().map(|a| Shown(with_current_rule(st, &a.0))));
    // the checks of the measurement, when they belong to the results shown
    let check = Memo::new(move |_| st.check_of_results());
    // the invariance ladder, when it belongs to the current inputs
    let ladder = Memo::new(move |_| st.ladder_of_results().map(ShownLadder));
    let tables = Memo::new(move |_| {
        current.with(|a| {
            a.as_ref()
                .map(|a| {
                    check.with(|c| {
                        ladder.with(|ld| {
                            apa::tables_full(&a.0, c.as_deref(), ld.as_ref().map(|l| &*l.0), l)
                        })
                    })
                })
                .unwrap_or_default()
        })
    });
    let paragraph = Memo::new(move |_| {
        current.get().map(|a| {
            let opts = current_options(st, Some(&a.0));
            let p = check.with(|c| methods::paragraph_with(&a.0, &opts, c.as_deref(), l));
            // the ladder's sentences, when a ladder of these inputs was run
            ladder.with(|ld| invariance::paragraph_with_ladder(p, ld.as_ref().map(|l| &*l.0), l))
        })
    });
    let edited = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        paragraph.track();
        edited.set(None);
    });
    let methods_text = move || edited.get().or_else(|| paragraph.get()).unwrap_or_default();
    let methods_copied = RwSignal::new(None::<&'static str>);

    let all_word = move |_| {
        if let Some(a) = current.get_untracked() {
            let _ = dom::download(
                "semlab-tables.html",
                "text/html;charset=utf-8",
                &html_document(
                    tp().tables_heading,
                    &apa::html_full(
                        &a.0,
                        check.get_untracked().as_deref(),
                        ladder.get_untracked().as_ref().map(|l| &*l.0),
                        l,
                    ),
                ),
            );
        }
    };
    let all_latex = move |_| {
        if let Some(a) = current.get_untracked() {
            let _ = dom::download(
                "semlab-tables.tex",
                "application/x-tex;charset=utf-8",
                &apa::latex_full(
                    &a.0,
                    check.get_untracked().as_deref(),
                    ladder.get_untracked().as_ref().map(|l| &*l.0),
                    l,
                ),
            );
        }
    };
    let copy_methods = move |_| {
        let ok = dom::copy_text(&methods_text()).is_ok();
        methods_copied.set(Some(if ok { tp().copied } else { tp().copy_failed }));
        set_timeout(
            move || methods_copied.set(None),
            std::time::Duration::from_secs(4),
        );
    };
    let r_script = move |_| {
        let a = current.get_untracked();
        let opts = current_options(st, a.as_ref().map(|a| &*a.0));
        let model = st
            .results
            .with_untracked(|r| r.model_text.clone())
            .trim()
            .to_string();
        let model = if model.is_empty() {
            st.model.get_untracked()
        } else {
            model
        };
        let constructs = a
            .as_ref()
            .map(|a| a.0.constructs.clone())
            .unwrap_or_default();
        let moderation = a
            .as_ref()
            .map(|a| a.0.moderation.clone())
            .unwrap_or_default();
        let mut script = rscript::r_script(&model, &opts, &r_data(st), &constructs, &moderation);
        if let Some(l) = ladder.get_untracked() {
            script.push_str(&rscript::invariance_section(&opts, &l.0));
        }
        if let Some(c) = check.get_untracked() {
            // the script's `model` holds the text the checks were run on
            script.push('\n');
            script.push_str(&measurement::r_checks(&c, Some("model")));
        }
        let _ = dom::download("semlab-analysis.R", "text/plain;charset=utf-8", &script);
    };
    let save_project = move |_| {
        let a = current.get_untracked();
        let p = current_project(st, ps, a.as_ref().map(|a| &*a.0));
        let _ = dom::download(
            "semlab-project.json",
            "application/json;charset=utf-8",
            &p.to_json(),
        );
    };
    let on_project = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            let name = file.name();
            spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                open_project(st, ps, name, &text);
            });
        }
        input.set_value("");
    };
    let has = move || current.with(Option::is_some);

    view! {
        <section class="panel publish-panel" id="publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{tp().publish_heading}</h2>

            <section class="publish-part" aria-labelledby="apa-heading">
                <h3 id="apa-heading">{tp().tables_heading}</h3>
                <p class="hint">{tp().tables_hint}</p>
                {move || (!has()).then(|| view! { <p class="hint">{tp().tables_empty}</p> })}
                <div class="table-tools" class:hidden=move || !has()>
                    <button type="button" class="button small" on:click=all_word>{tp().all_word}</button>
                    <button type="button" class="button small" on:click=all_latex>{tp().all_latex}</button>
                </div>
                <div class="apa-tables" class:stale=move || st.results_outdated()>
                    {move || {
                        tables
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| view! { <ApaTable table=t number=i + 1 /> })
                            .collect_view()
                    }}
                </div>
            </section>

            <section class="publish-part" aria-labelledby="methods-heading">
                <h3 id="methods-heading">{tp().methods_heading}</h3>
                <p class="hint" id="methods-hint">{tp().methods_hint}</p>
                <label class="field-label" for="methods-text">{tp().methods_label}</label>
                <textarea
                    id="methods-text"
                    class="methods-text"
                    class:stale=move || has() && st.results_outdated()
                    rows="9"
                    aria-describedby="methods-hint"
                    disabled=move || !has()
                    prop:value=methods_text
                    on:input=move |ev| edited.set(Some(event_target_value(&ev)))
                ></textarea>
                <div class="table-tools">
                    <button type="button" class="button small" disabled=move || !has() on:click=copy_methods>
                        {tp().copy_paragraph}
                    </button>
                    <button
                        type="button"
                        class="button small"
                        disabled=move || edited.with(Option::is_none)
                        on:click=move |_| edited.set(None)
                    >
                        {tp().regenerate}
                    </button>
                    <span class="copied" role="status" aria-live="polite">
                        {move || methods_copied.get()}
                    </span>
                </div>
            </section>

            <section class="publish-part" aria-labelledby="repro-heading">
                <h3 id="repro-heading">{tp().repro_heading}</h3>
                <p class="hint">{tp().repro_hint}</p>
                <div class="table-tools">
                    <button type="button" class="button" disabled=move || !has() on:click=r_script>
                        {tp().download_r}
                    </button>
                    <button type="button" class="button" on:click=save_project>
                        {tp().save_project}
                    </button>
                    <label class="button file-button" for="project-file">{tp().open_project}</label>
                    <input
                        type="file"
                        id="project-file"
                        class="visually-hidden"
                        accept=".json,application/json"
                        on:change=on_project
                    />
                </div>
                {move || {
                    ps.project_note
                        .get()
                        .map(|n| match n {
                            ProjectNote::Opened { name, data_file } => {
                                view! {
                                    <p class="project-note" role="status">
                                        {(tp().project_opened)(&name)}
                                        " "
                                        {data_file.map(|f| (tp().project_needs_data)(&f))}
                                    </p>
                                }
                                    .into_any()
                            }
                            ProjectNote::Failed { name, error } => {
                                view! {
                                    <p class="error-box project-error" role="alert">
                                        {(tp().project_failed)(&name, &error.message(l))}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </section>

            <SharePanel />
        </section>
    }
}
