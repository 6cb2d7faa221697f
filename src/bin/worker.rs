//! Entry point of the estimator's Web Worker (built by Trunk as a
//! `data-type="worker"` binary next to the app; see `index.html`).
//! On `wasm32` it runs [`semlab::app::worker::start`]; natively it is an
//! empty program, so that `cargo build` of the whole package keeps working.

#[cfg(target_arch = "wasm32")]
fn main() {
    semlab::app::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
