//! Estimation options: estimator (with the ordinal items of WLSMV), missing
//! data, std.lv, orthogonal factors, and whether to remember the model. A
//! change here refits. When the model's items look ordinal, a one-line
//! suggestion offers WLSMV.
//!
//! Only combinations the engine runs can be chosen (`analysis::plan::plan`):
//! the others are disabled, with a line saying why.
//! To offer another estimator or missing-data method once the engine takes
//! it, add a row to [`ESTIMATORS`] or [`MISSING`] (and its label to `text.rs`).

use crate::analysis::{build_model, Estimator, Missing, Options};
use crate::app::components::GroupChoice;
use crate::app::state::AppState;
use crate::app::text::{t, Text};
use crate::app::text_process::tm;
use crate::effects::is_product_term;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A choice's label in the current language.
type Label = fn(&Text) -> &'static str;

/// The estimators the engine runs, with their labels.
const ESTIMATORS: [(Estimator, Label); 4] = [
    (Estimator::Ml, |t| t.estimator_ml),
    (Estimator::Mlr, |t| t.estimator_mlr),
    (Estimator::Mlm, |t| t.estimator_mlm),
    (Estimator::Wlsmv, |t| t.estimator_wlsmv),
];

/// The missing-data methods the engine runs, with their labels.
const MISSING: [(Missing, Label); 2] = [
    (Missing::Listwise, |t| t.missing_listwise),
    (Missing::Ml, |t| t.missing_fiml),
];

/// `ordered` value that declares every item ordinal (the engine's `all`).
const ALL: &str = "all";

/// Whether the engine takes this estimator with this missing-data method:
/// FIML goes with ML and MLR, not with MLM (the Satorra–Bentler correction
/// needs complete data) nor WLSMV (ordinal items, complete rows).
fn compatible(e: Estimator, m: Missing) -> bool {
    m == Missing::Listwise || matches!(e, Estimator::Ml | Estimator::Mlr)
}

/// Why some choices are disabled, if any are.
fn unavailable_note(o: &Options) -> Option<&'static str> {
    if o.missing == Missing::Ml {
        Some(t().estimator_unavailable)
    } else if !compatible(o.estimator, Missing::Ml) {
        Some(t().fiml_unavailable)
    } else {
        None
    }
}

/// Whether the options declare every item ordinal.
fn all_ordinal(o: &Options) -> bool {
    o.ordered.iter().any(|s| s == ALL)
}

/// A checkbox bound to one boolean of the estimation options.
#[component]
fn OptionCheckbox(
    id: &'static str,
    label: &'static str,
    get: fn(&Options) -> bool,
    set: fn(&mut Options, bool),
) -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <p class="check">
            <input
                type="checkbox"
                id=id
                prop:checked=move || st.fit.with(get)
                on:change=move |ev| st.fit.update(|o| set(o, event_target_checked(&ev)))
            />
            <label for=id>{label}</label>
        </p>
    }
}

/// The model's observed variables (None without data or a valid model).
fn model_items(st: AppState) -> Memo<Option<Vec<String>>> {
    Memo::new(move |_| {
        let cols = st
            .data
            .with(|d| d.current.as_ref().map(|c| c.column_names()))?;
        st.model.with(|text| {
            if text.trim().is_empty() {
                return None;
            }
            build_model(text, &cols, &Options::default())
                .ok()
                .map(|pt| pt.vars.ov.clone())
        })
    })
}

/// Data columns that look ordinal (≤ 7 whole-number categories).
fn ordinal_looking(st: AppState) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        st.data.with(|d| {
            d.current
                .as_ref()
                .map(|c| {
                    c.items
                        .iter()
                        .filter(|i| i.looks_ordinal)
                        .map(|i| i.name.clone())
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

#[component]
pub fn EstimationOptions() -> impl IntoView {
    let st = expect_context::<AppState>();
    let items = model_items(st);
    let ordinal = ordinal_looking(st);
    let is_wlsmv = move || st.fit.with(|o| o.estimator == Estimator::Wlsmv);
    view! {
        <fieldset class="options">
            <legend>{t().options_heading}</legend>
            <OrdinalSuggestion items=items ordinal=ordinal />
            <p class="field">
                <label for="estimator">{t().estimator_label}</label>
                <select
                    id="estimator"
                    on:change=move |ev| {
                        if let Some(e) = Estimator::parse(&event_target_value(&ev)) {
                            st.fit
                                .update(|o| {
                                    o.estimator = e;
                                    if e != Estimator::Wlsmv {
                                        o.ordered.clear();
                                    } else if o.ordered.is_empty() {
                                        o.ordered = vec![ALL.to_string()];
                                    }
                                });
                        }
                    }
                >
                    {ESTIMATORS
                        .into_iter()
                        .map(|(e, label)| {
                            view! {
                                <option
                                    value=e.name()
                                    selected=move || st.fit.with(|o| o.estimator == e)
                                    disabled=move || st.fit.with(|o| !compatible(e, o.missing))
                                >
                                    {label(t())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            {move || is_wlsmv().then(|| view! { <OrdinalItems items=items ordinal=ordinal /> })}
            <p class="field">
                <label for="missing">{t().missing_label}</label>
                <select
                    id="missing"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((m, _)) = MISSING.iter().find(|(m, _)| missing_key(*m) == v) {
                            st.fit.update(|o| o.missing = *m);
                        }
                    }
                >
                    {MISSING
                        .into_iter()
                        .map(|(m, label)| {
                            view! {
                                <option
                                    value=missing_key(m)
                                    selected=move || st.fit.with(|o| o.missing == m)
                                    disabled=move || st.fit.with(|o| !compatible(o.estimator, m))
                                >
                                    {label(t())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            {move || {
                st.fit
                    .with(unavailable_note)
                    .map(|n| view! { <p class="hint option-note">{n}</p> })
            }}
            <GroupChoice />
            <OptionCheckbox
                id="std-lv"
                label=t().std_lv_label
                get=|o| o.std_lv
                set=|o, v| o.std_lv = v
            />
            <OptionCheckbox
                id="orthogonal"
                label=t().orthogonal_label
                get=|o| o.orthogonal
                set=|o, v| o.orthogonal = v
            />
            {move || {
                items
                    .with(|i| i.as_ref().is_some_and(|v| v.iter().any(|n| is_product_term(n))))
                    .then(|| {
                        view! {
                            <OptionCheckbox
                                id="center-interactions"
                                label=tm().center_label
                                get=|o| o.center_interactions
                                set=|o, v| o.center_interactions = v
                            />
                        }
                    })
            }}
            <p class="check remember">
                <input
                    type="checkbox"
                    id="remember"
                    prop:checked=move || st.remember.get()
                    on:change=move |ev| st.remember.set(event_target_checked(&ev))
                />
                <label for="remember">{t().remember_label}</label>
            </p>
        </fieldset>
    }
}

/// "The model's N items look ordinal" with a button that chooses WLSMV with
/// them declared ordinal; shown when every item of the model looks ordinal
/// and WLSMV is not chosen yet.
#[component]
fn OrdinalSuggestion(
    items: Memo<Option<Vec<String>>>,
    ordinal: Memo<Vec<String>>,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let suggested = Memo::new(move |_| {
        let items = items.get()?;
        let all_look_ordinal =
            ordinal.with(|o| !items.is_empty() && items.iter().all(|i| o.contains(i)));
        all_look_ordinal.then_some(items)
    });
    move || {
        let wlsmv = st.fit.with(|o| o.estimator == Estimator::Wlsmv);
        suggested.get().filter(|_| !wlsmv).map(|items| {
            let n = items.len();
            view! {
                <p class="suggestion">
                    {(t().ordinal_suggestion)(n)}
                    " "
                    <button
                        type="button"
                        class="button small"
                        on:click=move |_| {
                            let items = items.clone();
                            st.fit
                                .update(|o| {
                                    o.estimator = Estimator::Wlsmv;
                                    o.missing = Missing::Listwise;
                                    o.ordered = items;
                                });
                        }
                    >
                        {(t().ordinal_button)(n)}
                    </button>
                </p>
            }
        })
    }
}

/// WLSMV's ordinal items: all items of the model, or those chosen from the
/// data's numeric columns (the ones that look ordinal preselected).
#[component]
fn OrdinalItems(items: Memo<Option<Vec<String>>>, ordinal: Memo<Vec<String>>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let all = move || st.fit.with(all_ordinal);
    let columns = move || {
        st.data
            .with(|d| {
                d.current.as_ref().map(|c| {
                    c.columns
                        .iter()
                        .filter(|c| c.numeric)
                        .map(|c| c.name.clone())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    };
    let choose = move |_| {
        let preselect = match items.get_untracked() {
            Some(m) => {
                ordinal.with_untracked(|o| m.into_iter().filter(|i| o.contains(i)).collect())
            }
            None => ordinal.get_untracked(),
        };
        st.fit.update(|o| o.ordered = preselect);
    };
    let on_select = move |ev: web_sys::Event| {
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let chosen = select.selected_options();
        let names: Vec<String> = (0..chosen.length())
            .filter_map(|k| chosen.item(k))
            .filter_map(|el| el.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .map(|o| o.value())
            .collect();
        st.fit.update(|o| o.ordered = names);
    };
    // Items of the model that are not declared ordinal (WLSMV needs all).
    let problem = move || {
        let ordered = st.fit.with(|o| o.ordered.clone());
        if ordered.iter().any(|s| s == ALL) {
            return None;
        }
        if ordered.is_empty() {
            return Some(t().ordered_none.to_string());
        }
        let missing: Vec<String> = items
            .get()?
            .into_iter()
            .filter(|i| !ordered.contains(i))
            .collect();
        (!missing.is_empty()).then(|| (t().ordered_not_declared)(&missing.join(t().list_sep)))
    };
    view! {
        <fieldset class="ordered">
            <legend>{t().ordered_label}</legend>
            <p class="check">
                <input
                    type="radio"
                    name="ordered-mode"
                    id="ordered-all"
                    prop:checked=all
                    on:change=move |_| st.fit.update(|o| o.ordered = vec![ALL.to_string()])
                />
                <label for="ordered-all">{t().ordered_all}</label>
            </p>
            <p class="check">
                <input
                    type="radio"
                    name="ordered-mode"
                    id="ordered-choose"
                    prop:checked=move || !all()
                    on:change=choose
                />
                <label for="ordered-choose">{t().ordered_choose}</label>
            </p>
            {move || {
                (!all())
                    .then(|| {
                        let cols = columns();
                        let size = cols.len().clamp(2, 8).to_string();
                        view! {
                            <p class="field">
                                <label for="ordered-items">{t().ordered_items_label}</label>
                                <select
                                    id="ordered-items"
                                    multiple=true
                                    size=size
                                    aria-describedby="ordered-items-hint"
                                    on:change=on_select
                                >
                                    {cols
                                        .into_iter()
                                        .map(|c| {
                                            let name = c.clone();
                                            let value = c.clone();
                                            view! {
                                                <option
                                                    value=value
                                                    prop:selected=move || {
                                                        st.fit.with(|o| o.ordered.contains(&name))
                                                    }
                                                >
                                                    {c}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <span class="hint" id="ordered-items-hint">
                                    {t().ordered_items_hint}
                                </span>
                            </p>
                        }
                    })
            }}
            {move || problem().map(|p| view! { <p class="hint option-note warn">{p}</p> })}
        </fieldset>
    }
}

fn missing_key(m: Missing) -> &'static str {
    match m {
        Missing::Listwise => "listwise",
        Missing::Ml => "ml",
    }
}
