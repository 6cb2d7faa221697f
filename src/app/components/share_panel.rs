//! Sharing and embedding: the link to this analysis (model, options,
//! language and the example data set's name in the address's fragment —
//! never data; see [`crate::link`]), a "Copy link" button, the `<iframe>`
//! code for a course page; the message about parts of an opened link that
//! could not be used; and the bar an embedded page shows instead of the
//! page's header.

use crate::app::dom::copy_text;
use crate::app::publish::{current_link, PublishState};
use crate::app::state::AppState;
use crate::app::text::t;
use crate::app::text_publish::tp;
use leptos::prelude::*;

/// The `<iframe>` code for a course page.
fn iframe_code(src: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"semlab\" width=\"100%\" height=\"760\" style=\"border:1px solid #ccc\" loading=\"lazy\"></iframe>",
        crate::report::export::html_escape(src)
    )
}

#[component]
pub fn SharePanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let ps = expect_context::<PublishState>();
    let link = Memo::new(move |_| current_link(st, ps, false).0);
    let embed_link = Memo::new(move |_| current_link(st, ps, true).0);
    let status = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let ok = copy_text(&link.get_untracked()).is_ok();
        status.set(Some(if ok {
            tp().link_copied
        } else {
            tp().link_copy_failed
        }));
        set_timeout(move || status.set(None), std::time::Duration::from_secs(4));
    };
    let note = move || {
        st.data.with(|d| match (d.example, d.current.is_some()) {
            (Some(e), _) => (tp().link_example)((t().example_name)(e)),
            (None, true) => tp().link_own_data.to_string(),
            (None, false) => tp().link_no_data.to_string(),
        })
    };
    view! {
        <section class="publish-part share" aria-labelledby="share-heading">
            <h3 id="share-heading">{tp().share_heading}</h3>
            <p class="hint">{tp().share_hint}</p>
            <p class="field">
                <label for="share-link">{tp().link_label}</label>
                <input
                    type="text"
                    id="share-link"
                    class="share-link"
                    readonly
                    prop:value=move || link.get()
                    on:focus=|ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        input.select();
                    }
                />
            </p>
            <div class="table-tools">
                <button type="button" class="button" on:click=copy>{tp().copy_link}</button>
                <span class="copied" role="status" aria-live="polite">{move || status.get()}</span>
            </div>
            <p class="share-note" class:warn=move || st.data.with(|d| d.example.is_none() && d.current.is_some())>
                {note}
            </p>
            <p class="field">
                <label for="share-embed">{tp().embed_label}</label>
                <textarea
                    id="share-embed"
                    class="share-embed"
                    rows="3"
                    readonly
                    prop:value=move || iframe_code(&embed_link.get())
                ></textarea>
            </p>
        </section>
    }
}

/// Parts of the page's link that could not be used (the rest was).
#[component]
pub fn LinkProblems() -> impl IntoView {
    let ps = expect_context::<PublishState>();
    move || {
        let problems = ps.link_problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <div class="error-box link-problems" role="alert">
                    <p>{tp().link_problems}</p>
                    <ul>
                        {problems
                            .iter()
                            .map(|p| {
                                view! {
                                    <li>{(tp().link_bad_value)(&p.key, &p.value, &p.allowed)}</li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The one line an embedded page shows instead of the page's header: the
/// privacy promise and a link to the full page.
#[component]
pub fn EmbedBar() -> impl IntoView {
    let st = expect_context::<AppState>();
    let ps = expect_context::<PublishState>();
    let full = Memo::new(move |_| current_link(st, ps, false).0);
    view! {
        <div class="embed-bar">
            <strong>{t().app_name}</strong>
            <span class="embed-privacy">{tp().embed_privacy}</span>
            <a href=move || full.get() target="_blank" rel="noopener">{tp().open_full}</a>
        </div>
    }
}
