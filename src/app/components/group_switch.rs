//! The group switch of a multi-group fit's results: one tab per group
//! (named after the group's value), choosing whose reliability, validity,
//! hypotheses, parameters, R² and path diagram the page shows (no refit).
//! The tables and the diagram each have a switch; both set the one
//! [`ShownGroup`].

use crate::app::state::AppState;
use crate::app::text::t;
use leptos::prelude::*;

/// The group whose results the page shows (1-based), provided as a
/// context: one choice for the tables and the diagram.
#[derive(Clone, Copy)]
pub struct ShownGroup(pub RwSignal<usize>);

#[component]
pub fn GroupSwitch(
    /// The id of the switch's hint, which names its tab list (unique on
    /// the page).
    label_id: &'static str,
) -> impl IntoView {
    let shown = expect_context::<ShownGroup>().0;
    let st = expect_context::<AppState>();
    // the groups of the results shown, in lavaan's order (none: no switch)
    let labels = Memo::new(move |_| {
        st.results.with(|r| {
            r.analysis
                .as_ref()
                .and_then(|a| a.groups.as_ref().map(|g| g.labels.clone()))
                .unwrap_or_default()
        })
    });
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
                    <span class="hint" id=label_id>{t().group_switch_hint}</span>
                    <div role="tablist" aria-labelledby=label_id>{tabs}</div>
                </div>
            }
        })
    }
}
