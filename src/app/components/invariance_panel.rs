//! *Measurement invariance* (shown once a group column is chosen): a button
//! runs the ladder in the worker — configural, metric, scalar, strict — and
//! the panel shows the ladder table, the verdict, the failing level's
//! constraints ranked by their score test with a *Release* button each
//! (which frees that parameter in every level and runs the ladder again),
//! the released parameters with *Constrain again*, and the latent mean
//! differences under (partial) scalar invariance. The tables and the
//! verdict are the engine's ([`crate::report::invariance`]), as
//! `semlab invariance` prints them.

use crate::app::components::{ResultTable, RowAction};
use crate::app::i18n::lang;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::invariance::{Ladder, Rule};
use crate::report::invariance::{
    constraints_table_in, ladder_table_in, latent_means_table_in, verdict_in,
};
use crate::report::Table;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn InvariancePanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let grouped = move || st.fit.with(|o| o.group.is_some());
    let ladder = Memo::new(move |_| st.invariance.with(|i| i.ladder.clone().map(Shown)));
    let of_ladder = move |f: fn(&Ladder, crate::i18n::Lang) -> Option<Table>| {
        Memo::new(move |_| ladder.with(|l| l.as_ref().and_then(|l| f(&l.0, lang()))))
    };
    let table = of_ladder(|l, lang| Some(ladder_table_in(l, lang)));
    let constraints = of_ladder(constraints_table_in);
    let means = of_ladder(latent_means_table_in);
    let verdict = move || ladder.with(|l| l.as_ref().map(|l| verdict_in(&l.0, lang())));
    let running = move || st.invariance.with(|i| i.running);
    // the shown ladder belongs to other data, model or options
    let stale = move || {
        let now = st.invariance_inputs();
        st.invariance
            .with(|i| i.ladder.is_some() && !i.running && i.inputs != now)
    };
    let can_run = move || !running() && st.invariance_inputs().is_some();
    let release = RowAction {
        label: || t().release,
        describe: |p| (t().release_label)(p),
        column: 1,
        run: Callback::new(move |p: String| st.release_constraint(&p)),
    };
    view! {
        <section
            class="panel invariance-panel"
            id="invariance"
            aria-labelledby="invariance-heading"
            class:hidden=move || !grouped()
            data-state=move || {
                if running() {
                    "busy"
                } else if st.invariance.with(|i| i.error.is_some()) {
                    "error"
                } else if ladder.with(Option::is_some) {
                    "ready"
                } else {
                    "empty"
                }
            }
            data-runs=move || st.invariance.with(|i| i.requested.to_string())
        >
            <h2 id="invariance-heading">{t().invariance_heading}</h2>
            <p class="hint">{t().invariance_intro}</p>
            <LadderRule />
            <p>
                <button
                    type="button"
                    class="button primary"
                    id="run-invariance"
                    disabled=move || !can_run()
                    on:click=move |_| st.run_invariance()
                >
                    {t().invariance_run}
                </button>
            </p>
            <div class="invariance-status" role="status" aria-live="polite">
                {move || {
                    if running() {
                        view! {
                            <p class="updating">
                                <span class="spinner" aria-hidden="true"></span>
                                {t().invariance_running}
                            </p>
                        }
                            .into_any()
                    } else if stale() {
                        view! { <p class="stale-note">{t().invariance_stale}</p> }.into_any()
                    } else {
                        st.invariance
                            .with(|i| i.elapsed_ms.filter(|_| i.ladder.is_some()))
                            .map(|ms| view! { <p class="done">{(t().invariance_done)(ms)}</p> })
                            .into_any()
                    }
                }}
            </div>
            {move || {
                st.invariance
                    .with(|i| i.error.clone())
                    .map(|e| {
                        view! {
                            <div class="error-box invariance-error" role="alert">
                                <p>
                                    <strong>{t().invariance_failed}</strong>
                                    {t().colon}
                                    {e.text()}
                                </p>
                            </div>
                        }
                    })
            }}
            <div class="invariance-body" class:stale=move || stale() || running()>
                <ResultTable table=table />
                {move || {
                    verdict()
                        .map(|v| {
                            view! {
                                <p class="verdict invariance-verdict">
                                    <strong>{t().invariance_verdict}</strong>
                                    {t().colon}
                                    {v}
                                </p>
                            }
                        })
                }}
                <Released />
                <ResultTable table=constraints action=release />
                <ResultTable table=means />
            </div>
        </section>
    }
}

/// The rule that decides whether a level holds (`semlab invariance
/// --rule`); changing it runs a shown ladder again.
#[component]
fn LadderRule() -> impl IntoView {
    let st = expect_context::<AppState>();
    let key = |r: Rule| match r {
        Rule::CfiRmsea => "cfi-rmsea",
        Rule::Cfi => "cfi",
        Rule::Chisq => "chisq",
    };
    let name = |r: Rule| match r {
        Rule::CfiRmsea => t().invariance_rule_cfi_rmsea,
        Rule::Cfi => t().invariance_rule_cfi,
        Rule::Chisq => t().invariance_rule_chisq,
    };
    view! {
        <p class="field">
            <label for="invariance-rule">{t().invariance_rule_label}</label>
            <select
                id="invariance-rule"
                on:change=move |ev| {
                    if let Some(r) = Rule::parse(&event_target_value(&ev)) {
                        st.set_invariance_rule(r);
                    }
                }
            >
                {[Rule::CfiRmsea, Rule::Cfi, Rule::Chisq]
                    .into_iter()
                    .map(|r| {
                        view! {
                            <option value=key(r) selected=move || st.invariance.with(|i| i.rule == r)>
                                {name(r)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </p>
    }
}

/// The released parameters, each with *Constrain again*.
#[component]
fn Released() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let released = st.invariance.with(|i| i.released.clone());
        (!released.is_empty()).then(|| {
            let items = released
                .into_iter()
                .map(|p| {
                    let label = (t().constrain_again_label)(&p);
                    let param = p.clone();
                    view! {
                        <li>
                            <code>{p}</code>
                            " "
                            <button
                                type="button"
                                class="button small"
                                aria-label=label
                                on:click=move |_| st.undo_release(&param)
                            >
                                {t().constrain_again}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="released">
                    <p>{t().released_heading}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A ladder, compared by identity (a new run is a new value).
#[derive(Clone)]
struct Shown(Arc<Ladder>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
