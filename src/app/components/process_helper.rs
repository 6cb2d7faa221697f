//! The *Mediation / moderation* helper under the model editor: choose a
//! PROCESS model (4, 6 or 7) and X, the mediators, W and Y from the
//! model's constructs or the data's columns; *Write the model* puts the
//! lavaan syntax of [`crate::syntax::process::process_syntax`] into the
//! editor (the model text stays the one source of truth), keeping the
//! measurement lines of the constructs chosen. A construct chosen as X or W
//! of model 7 cannot enter the product term: the helper says so and offers
//! its composite score (the mean of its items) as a new data column.

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
    let moderated = move || model.get() == 7;
    // constructs chosen where model 7 needs an observed variable
    let latent_in_product = Memo::new(move |_| {
        if !moderated() {
            return Vec::new();
        }
        let cs = constructs.get();
        [x.get(), w.get()]
            .into_iter()
            .filter_map(|v| cs.iter().find(|(c, _)| *c == v).cloned())
            .collect::<Vec<_>>()
    });
    let add_composite = move |construct: String, items: Vec<String>| {
        let taken = st
            .data
            .with_untracked(|d| d.current.as_ref().map(|c| c.column_names()))
            .unwrap_or_default();
        let name = composite_name(&construct, &taken);
        st.add_composite(&name, items);
        for role in [x, w] {
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
        let w_name = w.get_untracked();
        // W at mean ∓ 1 SD (the item statistics' mean and SD, n − 1; 0 as
        // the mean when the interaction variables are centred)
        let centred = st.fit.with_untracked(|o| o.center_interactions);
        let w_values = st.data.with_untracked(|d| {
            let item = d
                .current
                .as_ref()?
                .items
                .iter()
                .find(|i| i.name == w_name)?;
            let (mean, sd) = (if centred { 0.0 } else { item.mean? }, item.sd?);
            Some([mean - sd, mean, mean + sd])
        });
        let choice = ProcessChoice {
            model: ProcessModel::from_number(model.get_untracked()).expect("4, 6 or 7"),
            x: x.get_untracked(),
            m: mediators,
            w: moderated().then_some(w_name),
            y: y.get_untracked(),
            w_values,
        };
        match process_syntax(&choice) {
            Ok(text) => {
                // the measurement lines of the constructs chosen come first
                let mut roles = vec![choice.x.clone(), choice.y.clone()];
                roles.extend(choice.m.iter().cloned());
                roles.extend(choice.w.iter().cloned());
                let measurement: String = constructs
                    .get_untracked()
                    .into_iter()
                    .filter(|(c, _)| roles.contains(c))
                    .map(|(c, items)| format!("{c} =~ {}\n", items.join(" + ")))
                    .collect();
                st.replace_model(&(measurement + &text));
                message.set(Some((true, tm().written.to_string())));
            }
            Err(e) => message.set(Some((false, e.message(crate::app::i18n::lang())))),
        }
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
                message
                    .get()
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
