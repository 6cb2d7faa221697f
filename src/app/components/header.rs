//! The heading (with the language switch), the privacy promise, the footer, and the message shown when
//! the estimator cannot run at all.

use crate::app::components::LanguageSwitch;
use crate::app::state::AppState;
use crate::app::text::t;
use leptos::prelude::*;

/// The heading and the one-line description of the app.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="title-row">
                <h1>{t().app_name}</h1>
                <LanguageSwitch />
            </div>
            <p class="tagline">{t().tagline}</p>
        </header>
    }
}

/// The prominent note that data never leaves the device.
#[component]
pub fn PrivacyNote() -> impl IntoView {
    view! {
        <section class="privacy-note" role="note" aria-label=t().privacy_label>
            <p class="privacy-title">
                <strong>{t().privacy_title}</strong>
            </p>
            <p class="privacy-detail">{t().privacy_detail}</p>
        </section>
    }
}

/// The estimator could not be (re)started.
#[component]
pub fn EngineError() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        st.engine_error
            .get()
            .map(|m| view! { <p class="fatal-error" role="alert">{m}</p> })
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t().footer}</p>
        </footer>
    }
}
