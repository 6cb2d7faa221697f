//! *Check the measurement* (between the data and the model) and the
//! *Common-method bias* block (under the results): the checks before the
//! CFA of [`crate::measurement::check`], run in the worker when the person
//! asks. The tables are the ones `semlab explore` prints
//! ([`crate::report::measurement`]); *Use this as my model* writes the
//! EFA's structure into the model text in place of the `=~` statements
//! (the structural part stays), which refits. A marker column (one that is
//! not among the model's items) adds Lindell & Whitney's corrected
//! correlations to the common-method-bias block.

use crate::app::components::ResultTable;
use crate::app::dom;
use crate::app::i18n::lang;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::explore::scree::{self, ScreeLabels};
use crate::explore::structure::replace_measurement;
use crate::explore::{ExploreOptions, Rotation};
use crate::measurement::MeasurementCheck;
use crate::report::measurement::{
    clf_table, cmb_table, efa_fit_table, kmo_table, loadings_table, marker_pairs_table,
    marker_table, phi_table,
};
use crate::report::{Lang, Table};
use leptos::prelude::*;
use std::sync::Arc;

/// The rotations offered, geomin (lavaan's default) first.
const ROTATIONS: [Rotation; 5] = [
    Rotation::Geomin,
    Rotation::Oblimin,
    Rotation::Quartimin,
    Rotation::Promax,
    Rotation::Varimax,
];

/// Largest number of factors offered in the choice.
const MAX_FACTORS: usize = 8;

/// The newest checks, compared by identity (a new run is a new value).
#[derive(Clone)]
struct Checked(Arc<MeasurementCheck>);

impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn checked() -> Memo<Option<Checked>> {
    let st = expect_context::<AppState>();
    Memo::new(move |_| st.measurement.with(|m| m.check.clone().map(Checked)))
}

fn table_of(
    check: Memo<Option<Checked>>,
    f: fn(&MeasurementCheck, Lang) -> Table,
) -> Memo<Option<Table>> {
    Memo::new(move |_| check.with(|c| c.as_ref().map(|c| f(&c.0, lang()))))
}

fn optional_table_of(
    check: Memo<Option<Checked>>,
    f: fn(&MeasurementCheck, Lang) -> Option<Table>,
) -> Memo<Option<Table>> {
    Memo::new(move |_| check.with(|c| c.as_ref().and_then(|c| f(&c.0, lang()))))
}

#[component]
pub fn MeasurementPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    // the choices of the last run (kept when the language changes)
    let (last, last_marker) = st
        .measurement
        .with_untracked(|m| (m.options.clone(), m.marker.clone()));
    let factors = RwSignal::new(last.factors);
    let rotation = RwSignal::new(last.rotation);
    let marker = RwSignal::new(last_marker);
    // columns a marker can be: the numeric ones that are not the model's items
    let marker_columns = Memo::new(move |_| {
        let columns = st
            .data
            .with(|d| d.current.as_ref().map(|c| c.columns.clone()))
            .unwrap_or_default();
        let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
        let items = st.model.with(|m| {
            crate::explore::model_factors(m, &names)
                .map(|f| crate::explore::model_items(&f))
                .unwrap_or_default()
        });
        columns
            .into_iter()
            .filter(|c| c.numeric && !items.contains(&c.name))
            .map(|c| c.name)
            .collect::<Vec<_>>()
    });
    let check = checked();
    let kmo = table_of(check, kmo_table);
    let efa_fit = table_of(check, efa_fit_table);
    let loadings = table_of(check, loadings_table);
    let phi = optional_table_of(check, phi_table);
    let scree_svg = Memo::new(move |_| {
        check.with(|c| {
            c.as_ref().map(|c| {
                let e = &c.0.exploration;
                scree::svg(&e.eigenvalues, &e.parallel, &ScreeLabels::in_lang(lang()))
            })
        })
    });
    let running = move || st.measurement.with(|m| m.running);
    let can_run = move || {
        st.data.with(|d| d.version != 0)
            && st.model_error.with(Option::is_none)
            && !st.model.with(|m| m.trim().is_empty())
            && !running()
    };
    let stale = move || {
        let (text, version, has) = st.measurement.with(|m| {
            (
                m.model_text.clone(),
                m.data_version,
                m.check.is_some() || m.error.is_some(),
            )
        });
        has && (st.model.with(|m| *m != text) || st.data.with(|d| d.version != version))
    };
    let run_checks = move || {
        let chosen = marker
            .get_untracked()
            .filter(|m| marker_columns.with_untracked(|c| c.contains(m)));
        st.check_measurement(
            ExploreOptions {
                factors: factors.get_untracked(),
                rotation: rotation.get_untracked(),
                ..ExploreOptions::default()
            },
            chosen,
        )
    };
    let run = move |_| run_checks();
    // a new marker shows its correction at once when checks are shown
    let choose_marker = move |ev: web_sys::Event| {
        let v = event_target_value(&ev);
        marker.set(Some(v).filter(|v| !v.is_empty()));
        if check.with_untracked(Option::is_some) && untrack(can_run) {
            run_checks();
        }
    };
    let use_model = move |_| {
        if let Some(c) = check.get_untracked() {
            let current = st.model.get_untracked();
            st.replace_model(&replace_measurement(&c.0.efa_model, &current));
        }
    };
    let download_scree = move |_| {
        if let Some(svg) = scree_svg.get_untracked() {
            let _ = dom::download("semlab-scree.svg", "image/svg+xml", &svg);
        }
    };

    view! {
        <section class="panel measurement-panel" id="measurement" aria-labelledby="measurement-heading">
            <h2 id="measurement-heading">{move || t().measure_heading}</h2>
            <p class="hint">{move || t().measure_intro}</p>
            <div class="measure-controls">
                <span class="pair">
                    <label class="inline-label" for="efa-factors">{move || t().measure_factors_label}</label>
                    <select
                        id="efa-factors"
                        on:change=move |ev| factors.set(event_target_value(&ev).parse().ok())
                    >
                        <option value="" selected=move || factors.get().is_none()>
                            {move || t().measure_factors_auto}
                        </option>
                        {(1..=MAX_FACTORS)
                            .map(|k| {
                                view! {
                                    <option value=k.to_string() selected=move || factors.get() == Some(k)>
                                        {k}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </span>
                <span class="pair">
                    <label class="inline-label" for="efa-rotation">{move || t().measure_rotation_label}</label>
                    <select
                        id="efa-rotation"
                        on:change=move |ev| {
                            if let Some(r) = Rotation::parse(&event_target_value(&ev)) {
                                rotation.set(r);
                            }
                        }
                    >
                        {ROTATIONS
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <option value=r.name() selected=move || rotation.get() == r>
                                        {r.name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </span>
                <span class="pair">
                    <label class="inline-label" for="efa-marker">{move || t().measure_marker_label}</label>
                    <select
                        id="efa-marker"
                        title=move || t().measure_marker_hint
                        disabled=move || marker_columns.with(Vec::is_empty)
                        on:change=choose_marker
                    >
                        <option value="" selected=move || marker.with(Option::is_none)>
                            {move || t().measure_marker_none}
                        </option>
                        {move || {
                            marker_columns
                                .get()
                                .into_iter()
                                .map(|c| {
                                    let name = c.clone();
                                    let value = c.clone();
                                    view! {
                                        <option
                                            value=value
                                            selected=move || marker.with(|m| m.as_deref() == Some(name.as_str()))
                                        >
                                            {c}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </span>
                <button type="button" class="button primary" disabled=move || !can_run() on:click=run>
                    {move || if running() { t().measure_running } else { t().measure_run }}
                </button>
                <span class="hint" role="status">
                    {move || {
                        if running() {
                            String::new()
                        } else if stale() {
                            t().measure_stale.to_string()
                        } else if !can_run() && check.with(Option::is_none) {
                            t().measure_need_model.to_string()
                        } else {
                            st.measurement
                                .with(|m| m.elapsed_ms.filter(|_| m.check.is_some()))
                                .map(|ms| (t().measure_done)(ms))
                                .unwrap_or_default()
                        }
                    }}
                </span>
            </div>
            {move || {
                st.measurement
                    .with(|m| m.error.clone())
                    .map(|e| view! { <p class="error" role="alert">{e.text()}</p> })
            }}
            <div class="measure-results" class:stale=stale>
                <ResultTable table=kmo />
                {move || {
                    scree_svg
                        .get()
                        .map(|svg| {
                            view! {
                                <figure class="scree" aria-label=t().scree_label>
                                    <div class="scree-plot" inner_html=svg></div>
                                    <button type="button" class="button" on:click=download_scree>
                                        {t().download_scree}
                                    </button>
                                </figure>
                            }
                        })
                }}
                <ResultTable table=efa_fit />
                {move || {
                    check
                        .with(|c| {
                            c.as_ref()
                                .and_then(|c| {
                                    crate::report::measurement::rotation_warning(&c.0, lang())
                                })
                        })
                        .map(|w| view! { <p class="error rotation-warning" role="alert">{w}</p> })
                }}
                <ResultTable table=loadings>
                    <button
                        type="button"
                        class="button"
                        title=move || t().measure_use_model_hint
                        on:click=use_model
                    >
                        {move || t().measure_use_model}
                    </button>
                </ResultTable>
                <ResultTable table=phi />
            </div>
        </section>
    }
}

/// Harman's share, the one-factor CFA beside the model and the common
/// latent factor check, from the same run as [`MeasurementPanel`].
#[component]
pub fn MethodBiasPanel() -> impl IntoView {
    let check = checked();
    let cmb = table_of(check, cmb_table);
    let clf = optional_table_of(check, clf_table);
    let marker = optional_table_of(check, marker_table);
    let marker_pairs = optional_table_of(check, marker_pairs_table);
    view! {
        <section class="panel method-bias-panel" id="method-bias" aria-labelledby="method-bias-heading">
            <h2 id="method-bias-heading">{move || t().cmb_heading}</h2>
            {move || {
                check.with(Option::is_none).then(|| view! { <p class="hint">{t().cmb_need_check}</p> })
            }}
            <ResultTable table=cmb />
            <ResultTable table=clf />
            <ResultTable table=marker />
            <ResultTable table=marker_pairs />
        </section>
    }
}
