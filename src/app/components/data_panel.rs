//! Bringing data in: the file picker (also a drop target), pasting cells
//! from a spreadsheet, missing-value codes, the worksheet of a workbook,
//! and what became of the file.

use crate::app::components::DataSummary;
use crate::app::state::AppState;
use crate::app::text::t;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// File types the picker offers.
const ACCEPT: &str = ".csv,.tsv,.txt,.tab,.dat,.xlsx,.xlsm,.sav,.zsav,text/csv,text/plain,\
     text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Bytes read from a file at a time: between pieces the progress bar
/// moves and a *Cancel* is seen.
const PIECE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// Reads a browser `File` into memory, piece by piece (with progress, until
/// cancelled), and hands it to the app.
fn read_file(st: AppState, file: web_sys::File) {
    let name = file.name();
    let size = file.size();
    let ticket = st.begin_reading(name.clone(), size);
    spawn_local(async move {
        let mut bytes = Vec::with_capacity(size as usize);
        let mut at = 0.0;
        while at < size {
            let end = (at + PIECE_BYTES).min(size);
            let piece = match file.slice_with_f64_and_f64(at, end) {
                Ok(piece) => JsFuture::from(piece.array_buffer()).await,
                Err(e) => Err(e),
            };
            if !st.still_reading(ticket) {
                return;
            }
            match piece {
                Ok(buf) => bytes.extend_from_slice(&js_sys::Uint8Array::new(&buf).to_vec()),
                Err(_) => return st.reading_failed(ticket, name),
            }
            at = end;
            st.reading_progress(ticket, at / size);
        }
        if st.still_reading(ticket) {
            st.load_file(name, bytes);
        }
    });
}

#[component]
pub fn DataPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let dragging = RwSignal::new(false);

    let on_pick = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(st, file);
        }
        // Choosing the same file again should read it again.
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0))
        {
            read_file(st, file);
        }
    };
    let on_dragover = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };

    view! {
        <section class="panel data-panel" aria-labelledby="data-heading">
            <h2 id="data-heading">{t().data_heading}</h2>
            <div
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=on_dragover
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label class="button primary file-button" for="data-file">
                    {t().upload_label}
                </label>
                <input
                    id="data-file"
                    class="visually-hidden"
                    type="file"
                    accept=ACCEPT
                    aria-describedby="data-file-hint"
                    on:change=on_pick
                />
                <p class="hint" id="data-file-hint">
                    {move || if dragging.get() { t().drop_here } else { t().upload_hint }}
                </p>
            </div>
            <PasteBox />
            <ReadSettingsBox />
            <ReadProgress />
            <DataStatus />
            <DataSummary />
        </section>
    }
}

/// A text box for cells copied from a spreadsheet (tab-separated).
#[component]
fn PasteBox() -> impl IntoView {
    let st = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let use_pasted = move |_| {
        let s = text.get_untracked();
        if !s.trim().is_empty() {
            st.load_file(format!("{}.tsv", t().pasted_name), s.into_bytes());
        }
    };
    view! {
        <details class="paste-box">
            <summary>{t().paste_summary}</summary>
            <label for="paste-data">{t().paste_label}</label>
            <p class="hint" id="paste-hint">{t().paste_hint}</p>
            <textarea
                id="paste-data"
                rows="6"
                spellcheck="false"
                aria-describedby="paste-hint"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <button
                type="button"
                class="button"
                on:click=use_pasted
                disabled=move || text.with(|s| s.trim().is_empty())
            >
                {t().paste_button}
            </button>
        </details>
    }
}

/// Missing-value codes and, for a workbook, the worksheet.
#[component]
fn ReadSettingsBox() -> impl IntoView {
    let st = expect_context::<AppState>();
    let codes = RwSignal::new(st.read.get_untracked().missing_codes);
    // the codes in use (a cancelled re-read goes back to them)
    Effect::new(move |_| {
        let used = st.read.with(|r| r.missing_codes.clone());
        if codes.with_untracked(|c| *c != used) {
            codes.set(used);
        }
    });
    let apply = move || {
        let new = codes.get_untracked();
        if st.read.with_untracked(|r| r.missing_codes != new) {
            st.read.update(|r| r.missing_codes = new);
            st.reread();
        }
    };
    let sheets = move || {
        st.data
            .with(|d| d.current.as_ref().map(|c| c.sheets.clone()))
            .unwrap_or_default()
    };
    view! {
        <div class="read-settings">
            <form
                class="missing-codes"
                on:submit=move |ev| {
                    ev.prevent_default();
                    apply();
                }
            >
                <label for="missing-codes">{t().missing_codes_label}</label>
                <div class="inline">
                    <input
                        id="missing-codes"
                        type="text"
                        inputmode="text"
                        placeholder="-99, 999"
                        aria-describedby="missing-codes-hint"
                        prop:value=move || codes.get()
                        on:input=move |ev| codes.set(event_target_value(&ev))
                        on:change=move |_| apply()
                    />
                    <button type="submit" class="button">{t().missing_codes_apply}</button>
                </div>
                <p class="hint" id="missing-codes-hint">{t().missing_codes_hint}</p>
            </form>
            <MissingCodeSuggestions codes=codes apply=apply />
            {move || {
                let sheets = sheets();
                (sheets.len() > 1)
                    .then(|| {
                        let selected = st.read.with(|r| r.sheet.clone());
                        view! {
                            <p class="sheet-chooser">
                                <label for="sheet">{t().sheet_label}</label>
                                <select
                                    id="sheet"
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        st.read.update(|r| r.sheet = Some(v));
                                        st.reread();
                                    }
                                >
                                    {sheets
                                        .into_iter()
                                        .map(|s| {
                                            let is = selected.as_deref() == Some(s.as_str());
                                            view! {
                                                <option value=s.clone() selected=is>
                                                    {s.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Values that look like missing-value codes (`data::missing_codes`), each
/// with a *Treat as missing* button that adds it to the codes and reads the
/// data again.
#[component]
fn MissingCodeSuggestions(
    codes: RwSignal<String>,
    apply: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let suspected = move || {
        st.data
            .with(|d| d.current.as_ref().map(|c| c.suspected_codes.clone()))
            .unwrap_or_default()
    };
    move || {
        suspected()
            .into_iter()
            .map(|v| {
                const SHOWN: usize = 6;
                let mut cols = v.columns[..v.columns.len().min(SHOWN)].join(t().list_sep);
                if v.columns.len() > SHOWN {
                    cols.push_str(&format!(" … (+{})", v.columns.len() - SHOWN));
                }
                let code = v.code.clone();
                view! {
                    <p class="suggestion missing-code-suggestion">
                        {(t().missing_code_suspected)(&v.code, v.count, &cols)}
                        " "
                        <button
                            type="button"
                            class="button small"
                            on:click=move |_| {
                                codes
                                    .update(|c| {
                                        let mut list = crate::data::missing_code_list(c);
                                        if !list.contains(&code) {
                                            list.push(code.clone());
                                        }
                                        *c = list.join(", ");
                                    });
                                apply();
                            }
                        >
                            {(t().treat_as_missing)(&v.code)}
                        </button>
                    </p>
                }
            })
            .collect_view()
    }
}

/// A large file being read: a progress bar with the percent done and a
/// *Cancel* button. Outside the status region, so that a screen reader is
/// not told every percent.
#[component]
fn ReadProgress() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let (name, fraction) = st.data.with(|d| Some((d.loading.clone()?, d.progress?)))?;
        let pct = (fraction * 100.0).floor().clamp(0.0, 100.0) as u32;
        Some(view! {
            <div class="read-progress">
                <progress
                    max="100"
                    value=pct.to_string()
                    aria-label=(t().reading_progress_label)(&name)
                ></progress>
                <span class="read-progress-text">{(t().reading_progress)(&name, pct)}</span>
                <button
                    type="button"
                    class="button small"
                    aria-label=(t().cancel_reading_label)(&name)
                    on:click=move |_| st.cancel_reading()
                >
                    {t().cancel_reading}
                </button>
            </div>
        })
    }
}

/// What the data in use is, what is being read, and what could not be read.
#[component]
fn DataStatus() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <div class="data-status" role="status" aria-live="polite">
            {move || {
                st.data
                    .with(|d| {
                        let mut parts = Vec::new();
                        if let Some(name) = &d.cancelled {
                            let kept = d
                                .current
                                .as_ref()
                                .map(|c| (t().data_kept)(&c.name))
                                .unwrap_or_default();
                            parts.push(
                                view! {
                                    <p class="read-cancelled">
                                        {(t().read_cancelled)(name)}
                                        " "
                                        {kept}
                                    </p>
                                }
                                    .into_any(),
                            );
                            if !d.restarted.is_empty() {
                                let jobs = d
                                    .restarted
                                    .iter()
                                    .map(|j| j.name())
                                    .collect::<Vec<_>>()
                                    .join(t().list_sep);
                                parts.push(
                                    view! {
                                        <p class="jobs-restarted">{(t().jobs_restarted)(&jobs)}</p>
                                    }
                                        .into_any(),
                                );
                            }
                        }
                        if let Some(name) = &d.loading {
                            parts.push(
                                view! {
                                    // the progress bar says it for a large file
                                    <p class="loading" class:visually-hidden=d.progress.is_some()>
                                        <span class="spinner" aria-hidden="true"></span>
                                        {(t().reading)(name)}
                                    </p>
                                }
                                    .into_any(),
                            );
                        }
                        if let Some(cur) = &d.current {
                            let cols = cur.columns.len();
                            parts.push(
                                view! {
                                    <p class="data-name">
                                        <strong>{(t().data_loaded)(&cur.name, cur.n_rows, cols)}</strong>
                                        " · "
                                        {(t().complete_rows)(cur.complete_rows, cur.n_rows)}
                                    </p>
                                }
                                    .into_any(),
                            );
                        } else if d.loading.is_none() && d.error.is_none() {
                            let note = if st.restored_without_data.get() {
                                t().restored_note
                            } else {
                                t().no_data
                            };
                            parts.push(view! { <p class="hint">{note}</p> }.into_any());
                        }
                        parts
                    })
            }}
        </div>
        {move || {
                st.data
                    .with(|d| {
                        d.error
                            .clone()
                            .map(|(name, msg)| {
                                let kept = d
                                    .current
                                    .as_ref()
                                    .map(|c| (t().data_kept)(&c.name))
                                    .unwrap_or_default();
                                view! {
                                    <div class="error-box data-error" role="alert">
                                        <p>
                                            <strong>{(t().data_error)(&name)}</strong>
                                            {t().colon}
                                            {msg.text()}
                                        </p>
                                        <p>{kept}</p>
                                    </div>
                                }
                            })
                    })
            }}
    }
}

fn event_target<T: JsCast>(ev: &web_sys::Event) -> T {
    ev.target().expect("event has a target").unchecked_into()
}
