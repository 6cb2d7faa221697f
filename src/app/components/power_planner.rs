//! *Sample size and power (RMSEA)*: for the degrees of freedom of the model
//! shown, the power of the RMSEA test of close (or not-close) fit at N —
//! the fit's N, or one the person types to plan a study — and the smallest
//! N for a target power, in the words of [`crate::report::power`] (the
//! sentences `semlab power` prints). Computed here, at once: no refit.

use crate::app::i18n::lang;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::power::{answer, RmseaHypotheses};
use crate::report::power::sentences_in;
use leptos::prelude::*;

const TARGETS: [(f64, &str); 3] = [(0.80, ".80"), (0.90, ".90"), (0.95, ".95")];

#[component]
pub fn PowerPlanner() -> impl IntoView {
    let st = expect_context::<AppState>();
    let close = RwSignal::new(true);
    let target = RwSignal::new(0.80);
    // the N typed by the person (None: the fit's N)
    let typed_n = RwSignal::new(None::<usize>);
    // the model's df, N and number of groups, when it has an RMSEA test
    let model = Memo::new(move |_| {
        st.results.with(|r| {
            let a = r.analysis.as_ref()?;
            let df = a.fit.get("df").copied().flatten()?.round();
            (df >= 1.0).then(|| {
                let groups = a.groups.as_ref().map_or(1, |g| g.nobs.len());
                (df as usize, a.nobs, groups)
            })
        })
    });
    // a new fit: its own N again
    Effect::new(move |_| {
        model.track();
        typed_n.set(None);
    });
    let sentences = move || {
        let (df, nobs, groups) = model.get()?;
        let h = RmseaHypotheses {
            rmsea1: if close.get() { 0.08 } else { 0.01 },
            groups,
            ..RmseaHypotheses::default()
        };
        let n = typed_n.get().unwrap_or(nobs);
        Some(match answer(&h, df, Some(n), target.get()) {
            Ok(r) => sentences_in(&r, lang()),
            Err(e) => vec![crate::i18n::Localized::message(&e, lang())],
        })
    };
    view! {
        <section
            class="power-planner"
            aria-labelledby="power-heading"
            class:hidden=move || model.with(Option::is_none)
        >
            <h3 id="power-heading">{t().power_heading}</h3>
            <p class="field inline-fields">
                <label for="power-test">{t().power_test_label}</label>
                <select
                    id="power-test"
                    on:change=move |ev| close.set(event_target_value(&ev) == "close")
                >
                    <option value="close" selected=move || close.get()>{t().power_close}</option>
                    <option value="not-close" selected=move || !close.get()>
                        {t().power_not_close}
                    </option>
                </select>
                <label for="power-n">{t().power_n_label}</label>
                <input
                    id="power-n"
                    type="number"
                    min="2"
                    step="1"
                    inputmode="numeric"
                    prop:value=move || {
                        typed_n.get().or_else(|| model.get().map(|m| m.1)).map(|n| n.to_string())
                    }
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                            typed_n.set(Some(n));
                        }
                    }
                />
                <label for="power-target">{t().power_target_label}</label>
                <select
                    id="power-target"
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            target.set(v);
                        }
                    }
                >
                    {TARGETS
                        .into_iter()
                        .map(|(v, label)| {
                            view! {
                                <option
                                    value=v.to_string()
                                    selected=move || (target.get() - v).abs() < 1e-9
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            <div class="power-answer" aria-live="polite">
                {move || {
                    sentences()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|s| view! { <p>{s}</p> })
                        .collect_view()
                }}
            </div>
            <p class="hint">{t().power_hint}</p>
        </section>
    }
}
