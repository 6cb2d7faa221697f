//! Entry point of the browser app.
//!
//! On `wasm32` this mounts the Leptos app from [`semlab::app`] (built by
//! Trunk, see `index.html`). Natively it is an empty program, so that
//! `cargo build` and `cargo test` of the whole package keep working.

#[cfg(target_arch = "wasm32")]
fn main() {
    semlab::app::install_panic_hook();
    // The loader is an async module script: it may run before `<body>` is
    // parsed (scripts/externalize-loader.mjs).
    semlab::app::dom::when_parsed(|| {
        leptos::mount::mount_to_body(semlab::app::App);
        // The first frame with the app in it (read by the benchmark).
        leptos::prelude::request_animation_frame(|| semlab::app::dom::mark("semlab:first-render"));
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
