//! The three example buttons: each loads its data and model at once.

use crate::app::examples::ExampleId;
use crate::app::state::AppState;
use crate::app::text::t;
use leptos::prelude::*;

#[component]
pub fn ExampleButtons() -> impl IntoView {
    let st = expect_context::<AppState>();
    let current = move || st.data.with(|d| d.example);
    view! {
        <section class="examples" aria-labelledby="examples-heading">
            <h2 id="examples-heading">{t().examples_heading}</h2>
            <p class="hint">{t().examples_hint}</p>
            <div class="example-buttons">
                {ExampleId::ALL
                    .into_iter()
                    .map(|ex| {
                        let detail_id = format!("example-{}-detail", ex.key());
                        let detail_id2 = detail_id.clone();
                        view! {
                            <button
                                type="button"
                                class="example"
                                aria-label=(t().example_name)(ex)
                                aria-describedby=detail_id
                                class:current=move || current() == Some(ex)
                                on:click=move |_| {
                                    st.load_example(ex);
                                    crate::app::dom::show_workbench();
                                }
                            >
                                <span class="example-name">{(t().example_name)(ex)}</span>
                                <span class="example-detail" id=detail_id2>
                                    {(t().example_detail)(ex)}
                                </span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            // the loaded example's data, so that its R script can run
            {move || {
                current()
                    .map(|ex| {
                        view! {
                            <p class="example-data">
                                <button
                                    type="button"
                                    class="button small"
                                    on:click=move |_| st.download_example_data(ex)
                                >
                                    {(t().example_data)(ex.file_name())}
                                </button>
                            </p>
                        }
                    })
            }}
        </section>
    }
}
