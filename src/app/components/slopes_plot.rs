//! The simple-slopes plot of each product term `x:w` of the fitted model,
//! under the moderation table: the engine's SVG
//! ([`crate::report::slopes_plot`]), in the page's language.

use crate::app::i18n::lang;
use crate::app::state::AppState;
use crate::app::text_process::tm;
use crate::report::slopes_plot::simple_slopes_svg;
use leptos::prelude::*;

#[component]
pub fn SimpleSlopesPlots() -> impl IntoView {
    let st = expect_context::<AppState>();
    let plots = Memo::new(move |_| {
        st.results.with(|r| {
            r.analysis
                .as_ref()
                .map(|a| {
                    a.moderation
                        .iter()
                        .filter_map(|m| Some((simple_slopes_svg(m, lang())?, m.dichotomous)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    move || {
        plots
            .get()
            .into_iter()
            .map(|(svg, dichotomous)| {
                view! {
                    <figure class="slopes-plot">
                        <div inner_html=svg></div>
                        <figcaption class="hint">{if dichotomous { tm().plot_caption_dichotomous } else { tm().plot_caption }}</figcaption>
                    </figure>
                }
            })
            .collect_view()
    }
}
