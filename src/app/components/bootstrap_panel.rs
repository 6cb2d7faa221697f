//! Bootstrap confidence intervals: B, the seed and the kind of interval,
//! a Run button (a bootstrap takes seconds, so it never starts on its own),
//! and while it runs in the workers ([`crate::app::bootstrap_run`]) a
//! progress bar over all of them and a Cancel button. The
//! intervals land in the parameter table; a line here says how it went.

use crate::app::state::{bootstrap_unavailable, AppState, BootstrapOutcome};
use crate::app::text::t;
use crate::bootstrap::CiType;
use leptos::prelude::*;

/// Largest B the form takes (lavaan users rarely go beyond 10 000).
const MAX_DRAWS: usize = 100_000;

fn ci_key(c: CiType) -> &'static str {
    match c {
        CiType::Percentile => "perc",
        CiType::BiasCorrected => "bc",
    }
}

fn ci_name(c: CiType) -> &'static str {
    match c {
        CiType::Percentile => t().boot_ci_percentile,
        CiType::BiasCorrected => t().boot_ci_bias_corrected,
    }
}

#[component]
pub fn BootstrapPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let running = move || st.bootstrap.with(|b| b.running());
    // Why the Run button is disabled, when it is for a reason to tell.
    let blocked = move || {
        if running() {
            return None;
        }
        if let Some(why) = st.fit.with(bootstrap_unavailable) {
            return Some(why);
        }
        let fitted = st
            .results
            .with(|r| r.analysis.as_ref().is_some_and(|a| a.converged));
        (!fitted).then_some(t().boot_need_results)
    };
    view! {
        <fieldset class="options bootstrap">
            <legend>{t().boot_heading}</legend>
            <p class="hint">{t().boot_hint}</p>
            <p class="field">
                <label for="boot-draws">{t().boot_draws_label}</label>
                <input
                    id="boot-draws"
                    type="number"
                    min="1"
                    max=MAX_DRAWS.to_string()
                    step="1"
                    inputmode="numeric"
                    prop:value=move || st.boot.with(|b| b.draws.to_string())
                    prop:disabled=running
                    on:change=move |ev| {
                        let v = event_target_value(&ev).trim().parse::<usize>().ok();
                        st.boot
                            .update(|b| {
                                if let Some(v) = v.filter(|v| (1..=MAX_DRAWS).contains(v)) {
                                    b.draws = v;
                                }
                            });
                    }
                />
            </p>
            <p class="field">
                <label for="boot-seed">{t().boot_seed_label}</label>
                <input
                    id="boot-seed"
                    type="number"
                    min="0"
                    step="1"
                    inputmode="numeric"
                    aria-describedby="boot-seed-hint"
                    prop:value=move || st.boot.with(|b| b.seed.to_string())
                    prop:disabled=running
                    on:change=move |ev| {
                        let v = event_target_value(&ev).trim().parse::<u64>().ok();
                        st.boot
                            .update(|b| {
                                if let Some(v) = v {
                                    b.seed = v;
                                }
                            });
                    }
                />
                <span class="hint" id="boot-seed-hint">{t().boot_seed_hint}</span>
            </p>
            <p class="field">
                <label for="boot-ci">{t().boot_ci_label}</label>
                <select
                    id="boot-ci"
                    prop:disabled=running
                    on:change=move |ev| {
                        if let Some(c) = CiType::parse(&event_target_value(&ev)) {
                            st.boot.update(|b| b.ci_type = c);
                        }
                    }
                >
                    {[CiType::Percentile, CiType::BiasCorrected]
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option
                                    value=ci_key(c)
                                    selected=move || st.boot.with(|b| b.ci_type == c)
                                >
                                    {ci_name(c)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            <p class="boot-actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || !st.can_bootstrap()
                    on:click=move |_| st.run_bootstrap()
                >
                    {t().boot_run}
                </button>
                {move || {
                    running()
                        .then(|| {
                            let cancelling = st.bootstrap.with(|b| b.cancelling);
                            view! {
                                <button
                                    type="button"
                                    class="button"
                                    disabled=cancelling
                                    on:click=move |_| st.cancel_bootstrap()
                                >
                                    {if cancelling { t().boot_cancelling } else { t().boot_cancel }}
                                </button>
                            }
                        })
                }}
            </p>
            {move || blocked().map(|why| view! { <p class="hint option-note">{why}</p> })}
            <div class="boot-status" role="status" aria-live="polite">
                {move || {
                    let b = st.bootstrap.get();
                    if b.running() {
                        let (done, total) = b.progress();
                        let workers = b.spread.workers();
                        return view! {
                            <p class="boot-progress">
                                <progress
                                    max=total.to_string()
                                    value=done.to_string()
                                    aria-label=t().boot_progress_label
                                ></progress>
                                <span>{(t().boot_progress)(done, total, workers)}</span>
                            </p>
                        }
                            .into_any();
                    }
                    match b.outcome {
                        Some(BootstrapOutcome::Done { summary, elapsed_ms, .. }) => {
                            view! {
                                <p class="done">
                                    {(t().boot_done)(
                                        elapsed_ms,
                                        summary.requested,
                                        summary.ok,
                                        summary.failed,
                                        summary.seed,
                                        &crate::letter_case::lower(ci_name(summary.ci_type)),
                                    )}
                                    " "
                                    <a href="#table-parameters">{t().boot_see_table}</a>
                                </p>
                            }
                                .into_any()
                        }
                        Some(BootstrapOutcome::Cancelled { summary }) => {
                            view! {
                                <p class="stale-note">
                                    {(t().boot_cancelled)(
                                        summary.completed,
                                        summary.requested,
                                        summary.ok,
                                    )}
                                </p>
                            }
                                .into_any()
                        }
                        Some(BootstrapOutcome::Superseded) => {
                            view! { <p class="hint">{t().boot_superseded}</p> }.into_any()
                        }
                        Some(BootstrapOutcome::Failed(m)) => {
                            view! { <p class="error-message">{(t().boot_failed)(&m.text())}</p> }
                                .into_any()
                        }
                        None => ().into_any(),
                    }
                }}
            </div>
        </fieldset>
    }
}
