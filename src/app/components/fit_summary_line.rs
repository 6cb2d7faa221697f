//! The fit in one line under the model editor — χ²/df, CFI, RMSEA, SRMR of
//! the newest analysis ([`crate::report::fit_summary_line`]) — with a link
//! to the whole fit table. It sticks to the bottom of the window on a
//! phone, so a refit after an edit is seen while typing; dimmed while a
//! refit runs or the model text has an error (the values are then those
//! of the previous fit).

use crate::app::i18n::lang;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::report::fit_summary_line;
use leptos::prelude::*;

#[component]
pub fn FitSummaryLine() -> impl IntoView {
    let st = expect_context::<AppState>();
    let line = Memo::new(move |_| {
        st.results.with(|r| {
            r.analysis
                .as_ref()
                .filter(|_| r.error.is_none())
                .and_then(|a| fit_summary_line(a, lang()))
        })
    });
    let stale = move || st.results_outdated();
    move || {
        line.get().map(|text| {
            view! {
                <p class="fit-summary-line" class:stale=stale aria-label=t().fit_summary_label>
                    <span class="fit-summary-values">{text}</span>
                    " "
                    <a href="#table-fit">{t().fit_summary_link}</a>
                </p>
            }
        })
    }
}
