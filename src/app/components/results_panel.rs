//! The results: a status line (updating, fitted, failed), the report
//! download, and every table of a survey paper. The tables are derived from
//! the newest analysis; the hypothesis table also from the rule and the
//! modification indices from their display threshold, so changing those
//! redraws one table without a refit. While a refit runs, the previous
//! tables stay, marked as stale.

use crate::analysis::Analysis;
use crate::app::components::data_summary::items_table;
use crate::app::components::{
    GroupSwitch, PowerPlanner, ResultTable, ShownGroup, SimpleSlopesPlots,
};
use crate::app::dom;
use crate::app::i18n::lang;
use crate::app::publish::{current_options, with_current_rule, PublishState};
use crate::app::report_file::report_html;
use crate::app::state::{AppState, ResultsState};
use crate::app::text::t;
use crate::diagram::{build_in, svg::render};
use crate::report::document::ReportParts;
use crate::report::groups::{
    defined_hypotheses_table_in, defined_parameters_table_in, diagrams, group_chisq_table_in,
    path_differences_table_in, table_of_group,
};
use crate::report::invariance::paragraph_with_ladder;
use crate::report::methods::paragraph_with;
use crate::report::{
    chosen_fit_table_in, effects_table_in, fornell_larcker_table_in, has_constructs, htmt_table_in,
    hypotheses_table_in, insert_measurement, lead_with_warnings, moderation_table_in,
    modindices_table_in, parameters_table_in, r2_table_in, reliability_table_in, tables_with,
    verdicts, warnings_table_in, Lang, Table, TableChoices,
};
use crate::tables::hypotheses::evaluate;
use leptos::prelude::*;
use std::sync::Arc;

/// The newest analysis, compared by identity (a new fit is a new value).
#[derive(Clone)]
struct Fitted(Arc<Analysis>);

impl PartialEq for Fitted {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Smallest modification index listed: the choices.
const MI_CHOICES: [(f64, &str); 4] = [
    (3.84, "3.84 (p < .05)"),
    (6.63, "6.63 (p < .01)"),
    (10.83, "10.83 (p < .001)"),
    (0.0, ""),
];

/// Which rows of the parameter table are shown (thresholds `|` of ordinal items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamRows {
    All,
    NoThresholds,
    Thresholds,
}

impl ParamRows {
    const ALL: [ParamRows; 3] = [
        ParamRows::All,
        ParamRows::NoThresholds,
        ParamRows::Thresholds,
    ];

    fn key(self) -> &'static str {
        match self {
            ParamRows::All => "all",
            ParamRows::NoThresholds => "no-thresholds",
            ParamRows::Thresholds => "thresholds",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ParamRows::All => t().params_all,
            ParamRows::NoThresholds => t().params_no_thresholds,
            ParamRows::Thresholds => t().params_thresholds,
        }
    }

    /// Keeps the rows asked for (the op is the second column).
    fn filter(self, mut table: Table) -> Table {
        let threshold = |r: &Vec<String>| r.get(1).is_some_and(|op| op == "|");
        match self {
            ParamRows::All => {}
            ParamRows::NoThresholds => table.rows.retain(|r| !threshold(r)),
            ParamRows::Thresholds => table.rows.retain(threshold),
        }
        table
    }
}

#[component]
pub fn ResultsPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let fitted = Memo::new(move |_| st.results.with(|r| r.analysis.clone().map(Fitted)));
    let table = move |f: fn(&Analysis, Lang) -> Table| {
        Memo::new(move |_| fitted.with(|a| a.as_ref().map(|a| f(&a.0, lang()))))
    };
    // a multi-group fit: the group whose reliability, validity, hypotheses,
    // parameters, R² and modification indices are shown
    let group_labels = Memo::new(move |_| {
        fitted.with(|a| {
            a.as_ref()
                .and_then(|a| a.0.groups.as_ref().map(|g| g.labels.clone()))
                .unwrap_or_default()
        })
    });
    let shown_group = expect_context::<ShownGroup>().0;
    Effect::new(move |_| {
        let n = group_labels.with(Vec::len);
        if shown_group.get_untracked() > n.max(1) {
            shown_group.set(1);
        }
    });
    // the shown group's table (the table itself for one group)
    let of_shown_group = move |a: &Analysis, f: &dyn Fn(&Analysis, Lang) -> Table| {
        table_of_group(a, shown_group.get(), lang(), f).unwrap_or_else(|| f(a, lang()))
    };
    // Reliability and discriminant validity only for a model with
    // constructs (latent variables measured by items), as in the APA tables.
    let construct_table = move |f: fn(&Analysis, Lang) -> Table| {
        Memo::new(move |_| {
            fitted.with(|a| {
                a.as_ref()
                    .filter(|a| has_constructs(&a.0))
                    .map(|a| of_shown_group(&a.0, &f))
            })
        })
    };
    let no_constructs = Memo::new(move |_| {
        fitted.with(|a| {
            a.as_ref()
                .and_then(|a| crate::report::no_constructs_note(&a.0, lang()))
        })
    });
    // the fit table the user chose: the standard one, or AMOS's summary
    // (which ordinal data do not have: then the standard one)
    let fit = Memo::new(move |_| {
        let amos = st.display.with(|d| d.amos_fit);
        fitted.with(|a| a.as_ref().map(|a| chosen_fit_table_in(&a.0, amos, lang())))
    });
    let reliability = construct_table(reliability_table_in);
    let fornell = construct_table(fornell_larcker_table_in);
    // HTMT is of every row, as semTools' `htmt` (one table for all groups)
    let htmt = Memo::new(move |_| {
        fitted.with(|a| {
            a.as_ref()
                .filter(|a| has_constructs(&a.0))
                .map(|a| htmt_table_in(&a.0, lang()))
        })
    });
    let hypotheses_of = move |one: &Analysis, lang| {
        st.rule.with(|rule| {
            let hyps = evaluate(&one.paths(), rule);
            hypotheses_table_in(&hyps, rule, verdicts::judged(one), lang)
        })
    };
    let hypotheses = Memo::new(move |_| {
        fitted.with(|a| a.as_ref().map(|a| of_shown_group(&a.0, &hypotheses_of)))
    });
    // a multi-group fit: the hypotheses on defined parameters and the
    // defined parameters, which belong to no group (one table each)
    let defined_hypotheses = Memo::new(move |_| {
        fitted.with(|a| {
            a.as_ref()
                .and_then(|a| defined_hypotheses_table_in(&a.0, lang(), hypotheses_of))
        })
    });
    // each regression path compared across the groups (multi-group fits)
    let path_differences = Memo::new(move |_| {
        let alpha = st.rule.with(|r| r.alpha);
        fitted.with(|a| {
            a.as_ref()
                .and_then(|a| path_differences_table_in(&a.0, alpha, lang()))
        })
    });
    // indirect, direct and total effects (models with an indirect path)
    let effects = Memo::new(move |_| {
        fitted.with(|a| a.as_ref().and_then(|a| effects_table_in(&a.0, lang())))
    });
    // simple slopes of every product term x:w (models with one)
    let moderation = Memo::new(move |_| {
        fitted.with(|a| a.as_ref().and_then(|a| moderation_table_in(&a.0, lang())))
    });
    let param_rows = RwSignal::new(ParamRows::All);
    let has_thresholds = Memo::new(move |_| {
        fitted.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.0.parameters.iter().any(|p| p.op == "|"))
        })
    });
    let parameters = Memo::new(move |_| {
        let rows = if has_thresholds.get() {
            param_rows.get()
        } else {
            ParamRows::All
        };
        fitted.with(|a| {
            a.as_ref()
                .map(|a| rows.filter(of_shown_group(&a.0, &parameters_table_in)))
        })
    });
    let defined_parameters = Memo::new(move |_| {
        fitted.with(|a| {
            a.as_ref()
                .and_then(|a| defined_parameters_table_in(&a.0, lang()))
        })
    });
    let r2 =
        Memo::new(move |_| fitted.with(|a| a.as_ref().map(|a| of_shown_group(&a.0, &r2_table_in))));
    let group_chisq = Memo::new(move |_| {
        fitted.with(|a| a.as_ref().and_then(|a| group_chisq_table_in(&a.0, lang())))
    });
    let modindices = Memo::new(move |_| {
        let min = st.display.with(|d| d.mi_min);
        fitted.with(|a| {
            a.as_ref()
                .map(|a| of_shown_group(&a.0, &|one, lang| modindices_table_in(one, min, lang)))
        })
    });
    let warnings = table(warnings_table_in);
    // no fit yet counts as judged: nothing to warn about first
    let judged =
        Memo::new(move |_| fitted.with(|a| a.as_ref().is_none_or(|a| verdicts::judged(&a.0))));
    let all = [
        fit,
        group_chisq,
        reliability,
        fornell,
        htmt,
        hypotheses,
        defined_hypotheses,
        path_differences,
        effects,
        moderation,
        parameters,
        defined_parameters,
        r2,
        modindices,
        warnings,
    ];

    let download_report = move |_| {
        let Some(a) = fitted.get_untracked() else {
            return;
        };
        // every table of every group, under the rule and display settings
        // chosen now (the page itself shows one group at a time)
        let judged_now = with_current_rule(st, &a.0);
        let choices = st.display.with_untracked(|d| TableChoices {
            amos_fit: d.amos_fit,
            mi_min: d.mi_min,
        });
        let mut tables = tables_with(&judged_now, &choices, lang());
        // the checks of the measurement, when they belong to these results
        let check = untrack(|| st.check_of_results());
        if let Some(c) = &check {
            insert_measurement(&mut tables, c, lang());
        }
        lead_with_warnings(&judged_now, &mut tables);
        let (model, data) = st
            .results
            .with_untracked(|r| (r.model_text.clone(), r.data_name.clone()));
        // the whole analysis: the diagram as drawn on the page, the methods
        // paragraph under the rule set now, the item statistics
        let ps = expect_context::<PublishState>();
        // each group's diagram, as the page draws them
        let diagrams = diagrams(&a.0, |one| {
            render(
                &build_in(one, &ps.diagram.get_untracked(), lang()),
                &ps.layout.get_untracked(),
            )
        });
        // the invariance ladder of these inputs, when one was run
        let ladder = untrack(|| st.ladder_of_results());
        let methods = paragraph_with_ladder(
            paragraph_with(
                &judged_now,
                &current_options(st, Some(&a.0)),
                check.as_deref(),
                lang(),
            ),
            ladder.as_deref(),
            lang(),
        );
        let items = st
            .data
            .with_untracked(|d| d.current.as_ref().map(|c| items_table(c)));
        let parts = ReportParts {
            tables: &tables,
            items: items.as_ref(),
            diagrams: &diagrams,
            methods: Some(&methods),
            ladder: ladder.as_deref(),
        };
        let html = report_html(&a.0, &parts, &model, &data);
        let _ = dom::download("semlab-report.html", "text/html;charset=utf-8", &html);
    };

    let busy = move || st.results.with(|r| r.busy());
    let invalid = move || st.model_error.with(Option::is_some);
    let failed = move || st.results.with(|r| r.error.is_some());
    let has_results = move || fitted.with(Option::is_some);
    let state = move || {
        if busy() {
            "busy"
        } else if invalid() {
            "invalid"
        } else if failed() {
            "error"
        } else if has_results() {
            "ready"
        } else {
            "empty"
        }
    };

    let rest = expect_context::<crate::app::RestOfPage>();
    view! {
        <section class="panel results-panel" id="results" aria-labelledby="results-heading" data-state=state
            data-results=move || st.results.with(|r| r.shown.to_string())>
            <h2 id="results-heading">{t().results_heading}</h2>
            <ResultsStatus />
            <div class="results-tools" class:hidden=move || !has_results()>
                <button type="button" class="button primary" on:click=download_report>
                    {t().download_report}
                </button>
                <nav class="contents" aria-label=t().contents_label>
                    <ul>
                        {move || {
                            all.iter()
                                .filter_map(|m| m.get())
                                .map(|tab| {
                                    let short = tab.caption.split(" (").next().unwrap_or("").to_string();
                                    view! {
                                        <li>
                                            <a href=format!("#table-{}", tab.id)>{short}</a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </nav>
            </div>
            // the tables wait for the page's first frame (RestOfPage)
            {move || {
                rest.shown()
                    .then(|| {
                        view! {
                        <div
                            class="results-body"
                            class:stale=move || has_results() && st.results_outdated()
                            aria-busy=move || busy().to_string()
                        >
                            // a fit that did not converge: the warnings (why) come first
                            {move || {
                                (!judged.get())
                                    .then(|| view! { <ResultTable table=warnings empty=t().no_warnings /> })
                            }}
                            <ResultTable table=fit>
                                <FitStyle />
                            </ResultTable>
                            <ResultTable table=group_chisq />
                            {move || {
                                no_constructs
                                    .get()
                                    .map(|note| {
                                        view! { <p class="hint no-constructs">{note}</p> }
                                    })
                            }}
                            <GroupSwitch label_id="group-switch-label" />
                            <ResultTable table=reliability />
                            <ResultTable table=fornell />
                            <ResultTable table=htmt />
                            <ResultTable table=hypotheses empty=t().no_hypotheses />
                            <ResultTable table=defined_hypotheses />
                            <ResultTable table=path_differences />
                            <ResultTable table=effects />
                            <ResultTable table=moderation />
                            <SimpleSlopesPlots />
                            <ResultTable table=parameters>
                                {move || {
                                    has_thresholds.get().then(|| view! { <ThresholdFilter rows=param_rows /> })
                                }}
                            </ResultTable>
                            <ResultTable table=defined_parameters />
                            <ResultTable table=r2 />
                            <ResultTable table=modindices add_buttons=true>
                                <MiThreshold />
                            </ResultTable>
                            {move || {
                                judged.get().then(|| view! { <ResultTable table=warnings empty=t().no_warnings /> })
                            }}
                            <PowerPlanner />
                        </div>
                        }
                    })
            }}
        </section>
    }
}

/// Which parameter rows to show, when the model has thresholds (no refit).
#[component]
fn ThresholdFilter(rows: RwSignal<ParamRows>) -> impl IntoView {
    view! {
        <label class="inline-label" for="param-rows">{t().params_show_label}</label>
        <select
            id="param-rows"
            on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(r) = ParamRows::ALL.into_iter().find(|r| r.key() == v) {
                    rows.set(r);
                }
            }
        >
            {ParamRows::ALL
                .into_iter()
                .map(|r| {
                    view! {
                        <option value=r.key() selected=move || rows.get() == r>
                            {r.label()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// Which fit table is shown: the standard one or AMOS's (no refit).
#[component]
fn FitStyle() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <span class="pair">
            <label class="inline-label" for="fit-style">{t().fit_style_label}</label>
            <select
                id="fit-style"
                on:change=move |ev| {
                    let amos = event_target_value(&ev) == "amos";
                    st.display.update(|d| d.amos_fit = amos);
                }
            >
                <option value="standard" selected=move || st.display.with(|d| !d.amos_fit)>
                    {t().fit_style_standard}
                </option>
                <option value="amos" selected=move || st.display.with(|d| d.amos_fit)>
                    {t().fit_style_amos}
                </option>
            </select>
        </span>
    }
}

/// The display threshold of the modification indices (no refit).
#[component]
fn MiThreshold() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <span class="pair">
            <label class="inline-label" for="mi-min">{t().mi_min_label}</label>
            <select
                id="mi-min"
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        st.display.update(|d| d.mi_min = v);
                    }
                }
            >
                {MI_CHOICES
                    .into_iter()
                    .map(|(v, label)| {
                        let label = if label.is_empty() { t().mi_all } else { label };
                        view! {
                            <option
                                value=v.to_string()
                                selected=move || st.display.with(|d| (d.mi_min - v).abs() < 1e-9)
                            >
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </span>
    }
}

/// Why the shown results are stale: they belong to data read before the
/// data in use, or to an earlier version of the model.
fn stale_note(st: &AppState, r: &ResultsState) -> String {
    let data_version = st.data.with(|d| d.version);
    if r.data_version != 0 && r.data_version != data_version {
        (t().status_stale_data)(&r.data_name)
    } else {
        t().status_stale.to_string()
    }
}

/// One line on the state of the results, and why a fit failed.
#[component]
fn ResultsStatus() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <div class="results-status" role="status" aria-live="polite">
            {move || {
                let r = st.results.get();
                let has_data = st.data.with(|d| d.current.is_some());
                let invalid = st.model_error.with(Option::is_some);
                let has_model = st.model.with(|m| !m.trim().is_empty());
                if r.busy() {
                    let progress = r.progress.map(|(done, total)| {
                        view! {
                            <progress
                                max=total.to_string()
                                value=done.to_string()
                                aria-label=t().progress_label
                            ></progress>
                        }
                    });
                    view! {
                        <p class="updating">
                            <span class="spinner" aria-hidden="true"></span>
                            {t().status_updating}
                            {progress}
                        </p>
                    }
                        .into_any()
                } else if invalid && has_data {
                    let stale = r.analysis.is_some().then(|| stale_note(&st, &r));
                    view! {
                        <p class="stale-note">{t().status_model_error} " " {stale}</p>
                    }
                        .into_any()
                } else if let Some(a) = r.analysis.as_ref().filter(|_| r.error.is_none()) {
                    let text = if a.converged {
                        (t().status_done)(r.elapsed_ms.unwrap_or(0.0), a.nobs, a.iterations)
                    } else {
                        t().status_not_converged.to_string()
                    };
                    view! { <p class="done">{text}</p> }.into_any()
                } else if r.error.is_none() {
                    let msg = if has_data || !has_model { t().results_empty } else { t().results_need_data };
                    view! { <p class="hint">{msg}</p> }.into_any()
                } else {
                    ().into_any()
                }
            }}
        </div>
        {move || {
            st.results
                .with(|r| {
                    r.error
                        .clone()
                        .map(|e| (e, r.analysis.is_some().then(|| stale_note(&st, r))))
                })
                .filter(|_| !st.model_error.with(Option::is_some))
                .map(|(e, stale)| {
                    view! {
                        <div class="error-box fit-error" role="alert">
                            <p>
                                <strong>{t().fit_failed}</strong>
                                {t().colon}
                                {e.text()}
                            </p>
                            {stale.map(|note| view! { <p>{note}</p> })}
                        </div>
                    }
                })
        }}
    }
}
