//! The *Mediation / moderation* helper under the model editor: choose a
//! PROCESS model (4, 6, 7, 8 or 14) and X, the mediators, W and Y from the
//! model's constructs or the data's columns; *Write the model* adds the
//! lavaan syntax of [`crate::syntax::process::write_process`] to the text
//! in the editor (the model text stays the one source of truth; the
//! person's lines stay), with W's values taken by the worker from the rows
//! the model uses ([`AppState::write_process`]). A construct chosen where
//! a product term needs an observed variable (X or W of models 7 and 8, M
//! or W of model 14) cannot enter it: the helper says so and offers its
//! composite score (the mean of its items) as a new data column.

use crate::analysis::build_model;
use crate::app::state::AppState;
use crate::app::text_process::tm;
use crate::i18n::Localized;
use crate::partable::Op;
use crate::syntax::process::{process_syntax, ProcessChoice, ProcessModel};
use leptos::prelude::*;

/// The constructs of the current model with their items, in model order.
fn constructs(st: AppState) -> Memo<Vec<(String, Vec<String>)>> {
    Memo::new(move |_| {
        let cols = st
            .data
            .with(|d| d.current.as_ref().map(|c| c.column_names()))
            .unwrap_or_default();
        st.model.with(|text| {
            let Ok(pt) = build_model(text, &cols, &Default::default()) else {
                return Vec::new();
            };
            let mut out: Vec<(String, Vec<String>)> = Vec::new();
            for p in pt
                .params
                .iter()
                .filter(|p| p.op == Op::Loading && p.group <= 1)
            {
                match out.iter_mut().find(|(c, _)| *c == p.lhs) {
                    Some((_, items)) => items.push(p.rhs.clone()),
                    None => out.push((p.lhs.clone(), vec![p.rhs.clone()])),
                }
            }
            out
        })
    })
}

/// A free column name for the composite of `construct`: `construct_mean`
/// (then `_mean2`, …).
fn composite_name(construct: &str, taken: &[String]) -> String {
    let base = format!("{construct}_mean");
    std::iter::once(base.clone())
        .chain((2..).map(|k| format!("{base}{k}")))
        .find(|n| !taken.contains(n))
        .expect("a free name")
}

/// One role's choice list: the constructs, then the numeric columns.
#[component]
fn RoleChoice(
    id: &'static str,
    label: String,
    value: RwSignal<String>,
    constructs: Memo<Vec<(String, Vec<String>)>>,
    columns: Memo<Vec<String>>,
) -> impl IntoView {
    view! {
        <p class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>
                    {tm().choose}
                </option>
                {move || {
                    let cs = constructs.get();
                    (!cs.is_empty())
                        .then(|| {
                            view! {
                                <optgroup label=tm().constructs_group>
                                    {cs
                                        .into_iter()
                                        .map(|(c, _)| {
                                            let (v, shown) = (c.clone(), (tm().construct)(&c));
                                            view! {
                                                <option value=c selected=move || value.with(|x| *x == v)>
                                                    {shown}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                }}
                <optgroup label=tm().columns_group>
                    {move || {
                        columns
                            .get()
                            .into_iter()
                            .map(|c| {
                                let (v, shown) = (c.clone(), c.clone());
                                view! {
                                    <option value=c selected=move || value.with(|x| *x == v)>
                                        {shown}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </optgroup>
            </select>
        </p>
    }
}

#[component]
pub fn MediationHelper() -> impl IntoView {
    let st = expect_context::<AppState>();
    let constructs = constructs(st);
    let columns = Memo::new(move |_| {
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
    });
    let model = RwSignal::new(4u8);
    let [x, m1, m2, m3, w, y] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let message = RwSignal::new(None::<(bool, String)>);
    let serial = move || model.get() == 6;
    let moderated =
        move || ProcessModel::from_number(model.get()).is_some_and(|m| m.has_moderator());
    // the role's signal by its name in `ProcessModel::in_product`
    let role = move |name: &str| match name {
        "X" => x,
        "M" => m1,
        _ => w,
    };
    // constructs chosen where the model needs an observed variable
    let latent_in_product = Memo::new(move |_| {
        let Some(m) = ProcessModel::from_number(model.get()) else {
            return Vec::new();
        };
        let cs = constructs.get();
        m.in_product()
            .iter()
            .filter_map(|r| {
                let v = role(r).get();
                cs.iter().find(|(c, _)| *c == v).cloned()
            })
            .collect::<Vec<_>>()
    });
    let add_composite = move |construct: String, items: Vec<String>| {
        let taken = st
            .data
            .with_untracked(|d| d.current.as_ref().map(|c| c.column_names()))
            .unwrap_or_default();
        let name = composite_name(&construct, &taken);
        st.add_composite(&name, items);
        for role in [x, m1, w] {
            if role.get_untracked() == construct {
                role.set(name.clone());
            }
        }
        message.set(Some((true, (tm().composite_added)(&name))));
    };
    let write = move |_| {
        let mediators: Vec<String> = if serial() {
            [m1, m2, m3]
                .iter()
                .map(|m| m.get_untracked())
                .filter(|m| !m.is_empty())
                .collect()
        } else {
            std::iter::once(m1.get_untracked())
                .filter(|m| !m.is_empty())
                .collect()
        };
        if let Some((c, _)) = latent_in_product.get_untracked().first() {
            message.set(Some((false, (tm().latent_in_product)(c))));
            return;
        }
        let choice = ProcessChoice {
            model: ProcessModel::from_number(model.get_untracked()).expect("a PROCESS model"),
            x: x.get_untracked(),
            m: mediators,
            w: moderated().then(|| w.get_untracked()),
            y: y.get_untracked(),
            // the worker takes them from the rows the model uses
            w_values: None,
        };
        // the choice is checked here, the text and the data in the worker
        match process_syntax(&choice) {
            Ok(_) => {
                message.set(None);
                st.write_process(choice);
            }
            Err(e) => message.set(Some((false, e.message(crate::app::i18n::lang())))),
        }
    };
    // what the worker answered, unless a message of the page came after
    let shown = move || {
        message.get().or_else(|| {
            st.process.with(|p| match &p.outcome {
                Some(Ok(())) => Some((true, tm().written.to_string())),
                Some(Err(e)) => Some((false, e.text())),
                None => None,
            })
        })
    };
    view! {
        <details class="process-helper">
            <summary>{tm().helper_summary}</summary>
            <p class="hint">{tm().helper_hint}</p>
            <p class="field">
                <label for="process-model">{tm().model_label}</label>
                <select
                    id="process-model"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            model.set(n);
                            message.set(None);
                            st.process.update(|p| p.outcome = None);
                        }
                    }
                >
                    {ProcessModel::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(k, m)| {
                            let n = m.number();
                            view! {
                                <option value=n.to_string() selected=move || model.get() == n>
                                    {tm().model_names[k]}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            <div class="process-roles">
                <RoleChoice id="process-x" label=tm().x_label.to_string() value=x constructs columns />
                <RoleChoice id="process-m1" label=(tm().m_label)(1) value=m1 constructs columns />
                {move || {
                    serial()
                        .then(|| {
                            view! {
                                <RoleChoice id="process-m2" label=(tm().m_label)(2) value=m2 constructs columns />
                                <RoleChoice id="process-m3" label=(tm().m_label)(3) value=m3 constructs columns />
                            }
                        })
                }}
                {move || {
                    moderated()
                        .then(|| {
                            view! {
                                <RoleChoice id="process-w" label=tm().w_label.to_string() value=w constructs columns />
                            }
                        })
                }}
                <RoleChoice id="process-y" label=tm().y_label.to_string() value=y constructs columns />
            </div>
            {move || {
                latent_in_product
                    .get()
                    .into_iter()
                    .map(|(c, items)| {
                        let (c2, label) = (c.clone(), (tm().composite_button)(&c));
                        view! {
                            <p class="suggestion composite-offer">
                                {(tm().latent_in_product)(&c)}
                                " "
                                <button
                                    type="button"
                                    class="button small"
                                    on:click=move |_| add_composite(c2.clone(), items.clone())
                                >
                                    {label}
                                </button>
                            </p>
                        }
                    })
                    .collect_view()
            }}
            <p>
                <button type="button" class="button" id="process-write" on:click=write>
                    {tm().write_button}
                </button>
            </p>
            {move || {
                shown()
                    .map(|(ok, text)| {
                        if ok {
                            view! { <p class="hint process-message" role="status">{text}</p> }.into_any()
                        } else {
                            view! { <p class="error-box process-message" role="alert">{text}</p> }.into_any()
                        }
                    })
            }}
        </details>
    }
}
