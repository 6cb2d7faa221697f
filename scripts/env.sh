# Sourced by scripts/*: repository root, PATH and shared helpers.
# shellcheck shell=bash

SEMLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SEMLAB_ROOT
# cargo-installed tools (trunk, wasm-bindgen) and npm's wasm-opt (binaryen
# 132, never Debian's) come first.
export PATH="$SEMLAB_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

# The wasm-bindgen version locked in Cargo.lock (the CLI must match it exactly).
semlab_wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$SEMLAB_ROOT/Cargo.lock"
}

# Print a free TCP port on 127.0.0.1: the preferred one ($1) if free, else any.
semlab_free_port() {
  node -e '
    const net = require("node:net");
    const tryPort = (p, fallback) => {
      const s = net.createServer();
      s.once("error", () => (fallback ? tryPort(0, false) : process.exit(1)));
      s.listen(p, "127.0.0.1", () => { const got = s.address().port; s.close(() => console.log(got)); });
    };
    tryPort(Number(process.argv[1] || 0), true);
  ' "${1:-0}"
}
