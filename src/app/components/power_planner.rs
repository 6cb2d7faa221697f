//! *Sample size and power (RMSEA)*: for the degrees of freedom of the model
//! shown, the power of the RMSEA test of close (or not-close) fit at N —
//! the fit's N, or one the person types to plan a study — and the smallest
//! N for a target power, in the words of [`crate::report::power`] (the
//! sentences `semlab power` prints). Computed here, at once: no refit.
//!
//! Below it, *Monte Carlo power of the hypotheses*: N, replications, seed
//! and which hypotheses, *Run*, a progress bar with its percent and
//! *Cancel* while the workers simulate and refit
//! ([`crate::app::power_run`]), then a table of the paths and the sentences
//! of [`crate::report::power::monte_carlo_sentences`].

use crate::app::i18n::lang;
use crate::app::power_run::McOutcome;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::power::monte_carlo::MAX_REPS;
use crate::power::{answer, RmseaHypotheses};
use crate::report::power::{monte_carlo_sentences, sentences_in};
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
                <span class="pair">
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
                </span>
                <span class="pair">
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
                </span>
                <span class="pair">
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
                </span>
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
        <MonteCarloPower />
    }
}

/// A whole number typed in a field, within `range`.
fn typed_count(ev: &leptos::ev::Event, range: std::ops::RangeInclusive<usize>) -> Option<usize> {
    event_target_value(ev)
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|v| range.contains(v))
}

#[component]
fn MonteCarloPower() -> impl IntoView {
    let st = expect_context::<AppState>();
    let running = move || st.mc.with(|m| m.running());
    // the hypotheses of the shown results (names as the table shows them)
    let hypotheses = Memo::new(move |_| {
        st.results.with(|r| {
            r.analysis
                .as_ref()
                .filter(|a| a.groups.is_none())
                .map(|a| {
                    a.hypotheses
                        .iter()
                        .map(|h| h.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let nobs = Memo::new(move |_| st.results.with(|r| r.analysis.as_ref().map(|a| a.nobs)));
    let fitted = move || {
        st.results
            .with(|r| r.analysis.as_ref().is_some_and(|a| a.converged))
    };
    view! {
        <section
            class="power-planner monte-carlo"
            aria-labelledby="mc-heading"
            class:hidden=move || hypotheses.with(Vec::is_empty)
        >
            <h3 id="mc-heading">{t().mc_heading}</h3>
            <p class="hint">{t().mc_hint}</p>
            <p class="field inline-fields">
                <span class="pair">
                    <label for="mc-n">{t().mc_n_label}</label>
                    <input
                        id="mc-n"
                        type="number"
                        min="2"
                        step="1"
                        inputmode="numeric"
                        prop:disabled=running
                        prop:value=move || {
                            st.mc_settings
                                .with(|s| s.n)
                                .or_else(|| nobs.get())
                                .map(|n| n.to_string())
                        }
                        on:change=move |ev| {
                            if let Some(n) = typed_count(&ev, 2..=10_000_000) {
                                st.mc_settings.update(|s| s.n = Some(n));
                            }
                        }
                    />
                </span>
                <span class="pair">
                    <label for="mc-reps">{t().mc_reps_label}</label>
                    <input
                        id="mc-reps"
                        type="number"
                        min="1"
                        max=MAX_REPS.to_string()
                        step="1"
                        inputmode="numeric"
                        prop:disabled=running
                        prop:value=move || st.mc_settings.with(|s| s.reps.to_string())
                        on:change=move |ev| {
                            if let Some(r) = typed_count(&ev, 1..=MAX_REPS) {
                                st.mc_settings.update(|s| s.reps = r);
                            }
                        }
                    />
                </span>
                <span class="pair">
                    <label for="mc-seed">{t().mc_seed_label}</label>
                    <input
                        id="mc-seed"
                        type="number"
                        min="0"
                        step="1"
                        inputmode="numeric"
                        prop:disabled=running
                        prop:value=move || st.mc_settings.with(|s| s.seed.to_string())
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                                st.mc_settings.update(|s| s.seed = v);
                            }
                        }
                    />
                </span>
            </p>
            <p class="field">
                <label class="check">
                    <input
                        id="mc-typed"
                        type="checkbox"
                        prop:disabled=running
                        prop:checked=move || st.mc_settings.with(|s| s.population.is_some())
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            // starts from the model's text, for the numbers to be typed in
                            let text = on.then(|| st.model.get_untracked());
                            st.mc_settings.update(|s| s.population = text);
                        }
                    />
                    {t().mc_typed_label}
                </label>
            </p>
            {move || {
                st.mc_settings
                    .with(|s| s.population.is_some())
                    .then(|| {
                        view! {
                            <p class="field">
                                <label for="mc-population">{t().mc_population_label}</label>
                                <textarea
                                    id="mc-population"
                                    class="mc-population"
                                    rows="5"
                                    spellcheck="false"
                                    aria-describedby="mc-population-hint"
                                    prop:disabled=running
                                    prop:value=move || {
                                        st.mc_settings.with(|s| s.population.clone().unwrap_or_default())
                                    }
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        st.mc_settings.update(|s| s.population = Some(v));
                                    }
                                ></textarea>
                                <span id="mc-population-hint" class="hint">
                                    {t().mc_population_hint}
                                </span>
                            </p>
                        }
                    })
            }}
            <fieldset class="mc-paths">
                <legend>{t().mc_paths_label}</legend>
                {move || {
                    hypotheses
                        .get()
                        .into_iter()
                        .map(|name| {
                            let key = name.clone();
                            let key2 = name.clone();
                            // named apart from the hypothesis rule's sign choice of the same path
                            let check_name = (t().mc_path_check)(&name);
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        aria-label=check_name
                                        prop:disabled=running
                                        prop:checked=move || {
                                            st.mc_settings.with(|s| !s.left_out.contains(&key))
                                        }
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            st.mc_settings
                                                .update(|s| {
                                                    s.left_out.retain(|n| n != &key2);
                                                    if !on {
                                                        s.left_out.push(key2.clone());
                                                    }
                                                });
                                        }
                                    />
                                    {name}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <p class="boot-actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || !st.can_run_monte_carlo()
                    on:click=move |_| st.run_monte_carlo()
                >
                    {t().mc_run}
                </button>
                {move || {
                    running()
                        .then(|| {
                            let cancelling = st.mc.with(|m| m.cancelling);
                            view! {
                                <button
                                    type="button"
                                    class="button"
                                    disabled=cancelling
                                    on:click=move |_| st.cancel_monte_carlo()
                                >
                                    {if cancelling { t().mc_cancelling } else { t().mc_cancel }}
                                </button>
                            }
                        })
                }}
            </p>
            {move || {
                (!fitted() && !running())
                    .then(|| view! { <p class="hint option-note">{t().mc_need_results}</p> })
            }}
            <div class="mc-status" role="status" aria-live="polite">
                {move || {
                    let m = st.mc.get();
                    if m.running() {
                        if m.spread.workers() == 0 {
                            return view! { <p>{t().mc_preparing}</p> }.into_any();
                        }
                        let pct = m.spread.percent();
                        let workers = m.spread.workers();
                        return view! {
                            <p class="boot-progress">
                                <progress
                                    max="100"
                                    value=pct.to_string()
                                    aria-label=t().mc_progress_label
                                ></progress>
                                <span>{(t().mc_progress)(pct, workers)}</span>
                            </p>
                        }
                            .into_any();
                    }
                    match m.outcome {
                        Some(McOutcome::Done { answer, elapsed_ms, workers }) => {
                            let sentences = monte_carlo_sentences(&answer, lang());
                            let rows = answer
                                .paths
                                .iter()
                                .map(|p| {
                                    view! {
                                        <tr>
                                            <th scope="row">{p.label.clone()}</th>
                                            <td>{format!("{:.3}", p.population)}</td>
                                            <td>{format!("{:.3}", p.power)}</td>
                                            <td>{format!("{:.3}", p.mc_se)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="mc-answer">
                                    <table class="mc-table">
                                        <thead>
                                            <tr>
                                                <th scope="col">{t().mc_col_path}</th>
                                                <th scope="col">{t().mc_col_population}</th>
                                                <th scope="col">{t().mc_col_power}</th>
                                                <th scope="col">{t().mc_col_se}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                    {sentences
                                        .into_iter()
                                        .map(|s| view! { <p>{s}</p> })
                                        .collect_view()}
                                    <p class="hint">{(t().mc_done)(elapsed_ms, workers)}</p>
                                </div>
                            }
                                .into_any()
                        }
                        Some(McOutcome::Superseded) => {
                            view! { <p class="hint">{t().mc_superseded}</p> }.into_any()
                        }
                        Some(McOutcome::Failed(e)) => {
                            view! { <p class="error-message">{e.text()}</p> }.into_any()
                        }
                        None => ().into_any(),
                    }
                }}
            </div>
        </section>
    }
}
