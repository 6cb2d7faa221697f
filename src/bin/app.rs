//! Entry point of the browser app.
//!
//! On `wasm32` this mounts the Leptos app from [`semlab::app`] (built by
//! Trunk, see `index.html`). Natively it is an empty program, so that
//! `cargo build` and `cargo test` of the whole package keep working.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(semlab::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
