//! Offline use: the service worker (`www/sw.js`, its file list written at
//! build time by `scripts/sw-manifest.mjs`) keeps the app's own files so that
//! the app opens and runs with the network off after the first visit.
//!
//! It is registered once the estimator's worker has said `Ready`, that is,
//! after the page and the worker have loaded both WebAssembly files: the
//! service worker's install then takes them from the browser's HTTP cache
//! (`cache: "force-cache"` for the content-hashed files) instead of
//! downloading them a second time.

/// Registers the service worker (`sw.js` beside the page). Only
/// over http(s); a refusal (private mode, a browser that blocks it) is fine.
pub fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    let protocol = w.location().protocol().unwrap_or_default();
    if protocol != "https:" && protocol != "http:" {
        return;
    }
    let nav = w.navigator();
    let has_sw = js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false);
    if !has_sw {
        return;
    }
    let promise = nav.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        // A browser that refuses has its reasons; the app works without it.
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
