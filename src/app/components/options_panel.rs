//! Estimation options: estimator, missing data, std.lv, orthogonal factors,
//! and whether to remember the model. A change here refits.
//!
//! To offer another estimator or missing-data method once the engine takes
//! it, add a row to [`ESTIMATORS`] or [`MISSING`] (and its label to `text.rs`).

use crate::analysis::{Estimator, Missing, Options};
use crate::app::state::AppState;
use crate::app::text::{t, Text};
use leptos::prelude::*;

/// A choice's label in the current language.
type Label = fn(&Text) -> &'static str;

/// The estimators the engine runs, with their labels.
const ESTIMATORS: [(Estimator, Label); 3] = [
    (Estimator::Ml, |t| t.estimator_ml),
    (Estimator::Mlr, |t| t.estimator_mlr),
    (Estimator::Mlm, |t| t.estimator_mlm),
];

/// The missing-data methods the engine runs, with their labels.
const MISSING: [(Missing, Label); 2] = [
    (Missing::Listwise, |t| t.missing_listwise),
    (Missing::Ml, |t| t.missing_fiml),
];

/// Whether the engine takes this estimator with this missing-data method
/// (`analysis::check_supported`: the robust estimators need complete data).
fn compatible(e: Estimator, m: Missing) -> bool {
    !(matches!(e, Estimator::Mlr | Estimator::Mlm) && m == Missing::Ml)
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

#[component]
pub fn EstimationOptions() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <fieldset class="options">
            <legend>{t().options_heading}</legend>
            <p class="field">
                <label for="estimator">{t().estimator_label}</label>
                <select
                    id="estimator"
                    on:change=move |ev| {
                        if let Some(e) = Estimator::parse(&event_target_value(&ev)) {
                            st.fit.update(|o| o.estimator = e);
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

fn missing_key(m: Missing) -> &'static str {
    match m {
        Missing::Listwise => "listwise",
        Missing::Ml => "ml",
    }
}
