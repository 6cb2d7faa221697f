//! The browser app: Leptos components (compiled for `wasm32` only).
//!
//! Components are small functions named after what the user sees. All
//! user-visible strings live in [`text`].

pub mod text;

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="page">
            <Header />
            <main id="main">
                <PrivacyNote />
            </main>
            <footer class="site-footer">
                <p>{text::FOOTER}</p>
            </footer>
        </div>
    }
}

/// The heading and the one-line description of the app.
#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <h1>{text::APP_NAME}</h1>
            <p class="tagline">{text::TAGLINE}</p>
        </header>
    }
}

/// The prominent note that data never leaves the device.
#[component]
fn PrivacyNote() -> impl IntoView {
    view! {
        <section class="privacy-note" role="note" aria-label=text::PRIVACY_LABEL>
            <p class="privacy-title">
                <strong>{text::PRIVACY_TITLE}</strong>
            </p>
            <p class="privacy-detail">{text::PRIVACY_DETAIL}</p>
        </section>
    }
}
