//! The group switch of a multi-group fit's results: one tab per group
//! (named after the group's value), choosing whose parameters, standardized
//! estimates and R² the tables below show (no refit).

use crate::app::text::t;
use leptos::prelude::*;

#[component]
pub fn GroupSwitch(
    /// The groups' labels in lavaan's order (empty: no switch).
    #[prop(into)]
    labels: Signal<Vec<String>>,
    /// The group shown (1-based).
    shown: RwSignal<usize>,
) -> impl IntoView {
    move || {
        let labels = labels.get();
        (!labels.is_empty()).then(|| {
            let tabs = labels
                .into_iter()
                .enumerate()
                .map(|(k, label)| {
                    let g = k + 1;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="button small group-tab"
                            class:selected=move || shown.get() == g
                            aria-selected=move || (shown.get() == g).to_string()
                            on:click=move |_| shown.set(g)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="group-switch">
                    <span class="hint" id="group-switch-label">{t().group_switch_hint}</span>
                    <div role="tablist" aria-labelledby="group-switch-label">{tabs}</div>
                </div>
            }
        })
    }
}
