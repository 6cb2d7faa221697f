// Starts the estimator's Web Worker (a classic worker): loads the
// wasm-bindgen glue (worker.js, "no-modules" target, built by Trunk from
// src/bin/worker.rs) and then the WebAssembly module, whose start function
// installs the message handler and answers "Ready". Relative URLs resolve
// against this script, so the app works from any sub-path. Trunk does not
// content-hash worker files; the build's post-build hook
// (scripts/externalize-loader.mjs) renames them to worker-HASH.js and
// worker-HASH_bg.wasm and writes those names below, so that a new release
// is never served from an old cache and the service worker can take them
// from the browser's cache instead of downloading them again.
const GLUE = "./worker.js";
const WASM = "./worker_bg.wasm";
importScripts(GLUE);
wasm_bindgen({ module_or_path: WASM }).catch((err) => {
  // Surface a failed start as an error event on the page's Worker object.
  setTimeout(() => {
    throw err;
  });
});
