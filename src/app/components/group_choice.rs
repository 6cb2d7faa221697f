//! *Group*: the column whose values are the groups of a multi-group fit
//! (lavaan's `group`), chosen among the data's columns with few values (not
//! the model's own items), with each group's number of rows; and, once a
//! column is chosen, what is equal across groups (lavaan's `group.equal`).
//! A change refits. A group with fewer rows than the model has items is
//! named at once (the fit would fail in it).

use crate::analysis::{build_model, Options};
use crate::app::state::AppState;
use crate::app::text::t;
use crate::data::groups::GroupColumn;
use crate::partable::GroupEqual;
use leptos::prelude::*;

/// Value of the *None* choice.
const NONE: &str = "";

/// The model's observed variables (empty without data or a valid model).
fn model_items(st: AppState) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        let Some(cols) = st
            .data
            .with(|d| d.current.as_ref().map(|c| c.column_names()))
        else {
            return Vec::new();
        };
        st.model.with(|text| {
            build_model(text, &cols, &Options::default())
                .map(|pt| pt.vars.ov.clone())
                .unwrap_or_default()
        })
    })
}

#[component]
pub fn GroupChoice() -> impl IntoView {
    let st = expect_context::<AppState>();
    let items = model_items(st);
    // the data's group columns that are not items of the model
    let columns = Memo::new(move |_| {
        let all: Vec<GroupColumn> = st
            .data
            .with(|d| d.current.as_ref().map(|c| c.group_columns.clone()))
            .unwrap_or_default();
        items.with(|items| {
            all.into_iter()
                .filter(|c| !items.contains(&c.name))
                .collect::<Vec<_>>()
        })
    });
    let chosen = move || st.fit.with(|o| o.group.clone());
    let chosen_column = move || {
        let g = chosen()?;
        columns.with(|cs| cs.iter().find(|c| c.name == g).cloned())
    };
    let on_change = move |ev: web_sys::Event| {
        let v = event_target_value(&ev);
        let group = (v != NONE).then_some(v);
        if st.fit.with_untracked(|o| o.group != group) {
            st.invariance.update(|i| i.released.clear());
            st.fit.update(|o| {
                o.group = group;
                o.group_partial.clear();
            });
        }
    };
    view! {
        <p class="field group-choice">
            <label for="group">{t().group_label}</label>
            <select id="group" aria-describedby="group-hint" on:change=on_change>
                <option value=NONE selected=move || chosen().is_none()>
                    {t().group_none}
                </option>
                {move || {
                    columns
                        .get()
                        .into_iter()
                        .map(|c| {
                            let name = c.name.clone();
                            let selected = move || chosen().as_deref() == Some(name.as_str());
                            view! {
                                <option value=c.name.clone() selected=selected>
                                    {c.name.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <span class="hint" id="group-hint">{t().group_hint}</span>
        </p>
        {move || {
            chosen_column()
                .map(|c| {
                    let list = c
                        .levels
                        .iter()
                        .enumerate()
                        .map(|(k, (g, n))| {
                            // with its value label (SPSS): "1 = male (20 rows)"
                            let shown = match c.labels.get(k).cloned().flatten() {
                                Some(l) => format!("{g} = {l}"),
                                None => g.clone(),
                            };
                            (t().group_level)(&shown, *n)
                        })
                        .collect::<Vec<_>>()
                        .join(t().list_sep);
                    let k = items.with(Vec::len);
                    let small = c
                        .levels
                        .iter()
                        .filter(|(_, n)| k > 0 && *n <= k)
                        .map(|(g, n)| {
                            view! {
                                <p class="hint option-note warn group-too-small">
                                    {(t().group_too_small)(g, *n, k)}
                                </p>
                            }
                        })
                        .collect_view();
                    view! {
                        <p class="hint group-levels">{(t().group_levels)(&list)}</p>
                        {small}
                        <GroupEqualChoice />
                    }
                })
        }}
    }
}

/// What is equal across groups: one checkbox per kind of `group.equal`.
#[component]
fn GroupEqualChoice() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <fieldset class="group-equal">
            <legend>{t().group_equal_label}</legend>
            {GroupEqual::ALL
                .into_iter()
                .map(|k| {
                    let id = format!("group-equal-{}", k.as_str().replace('.', "-"));
                    let has = move |o: &Options| o.group_equal.iter().any(|s| s == k.as_str());
                    view! {
                        <p class="check">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=move || st.fit.with(has)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    st.fit
                                        .update(|o| {
                                            o.group_equal.retain(|s| s != k.as_str());
                                            if on {
                                                o.group_equal.push(k.as_str().to_string());
                                            }
                                        });
                                }
                            />
                            <label for=id>{(t().group_equal_kind)(k)}</label>
                        </p>
                    }
                })
                .collect_view()}
            <p class="hint">{t().group_equal_hint}</p>
        </fieldset>
    }
}
