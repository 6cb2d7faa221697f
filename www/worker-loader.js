// Starts the estimator's Web Worker (a classic worker): loads the
// wasm-bindgen glue (worker.js, "no-modules" target, built by Trunk from
// src/bin/worker.rs) and then the WebAssembly module, whose start function
// installs the message handler and answers "Ready". Relative URLs resolve
// against this script, so the app works from any sub-path. Trunk does not
// content-hash worker files: the page starts this script with `?v=VERSION`,
// passed on here so that a new release is not served from an old cache.
const version = self.location.search;
importScripts(`./worker.js${version}`);
wasm_bindgen({ module_or_path: `./worker_bg.wasm${version}` }).catch((err) => {
  // Surface a failed start as an error event on the page's Worker object.
  setTimeout(() => {
    throw err;
  });
});
