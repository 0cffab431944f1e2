#!/usr/bin/env bash
# Installs what `npm test` needs on a fresh machine, skipping whatever is already there: the wasm
# target, the wasm-bindgen CLI (same version as Cargo.lock), wasm-tools, npm packages, Chromium.
# `--build-only` (what `npm start` uses) stops before Chromium, which only the tests need.
set -euo pipefail
build_only=$([ "${1:-}" = "--build-only" ] && echo 1 || echo "")
cd "$(dirname "$0")/.."

# The CLI must equal the pinned crate (crates/nianbao_wasm/Cargo.toml: wasm-bindgen = "=X").
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' crates/nianbao_wasm/Cargo.toml)
WASM_TOOLS_VERSION=1.263.0
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n== setup: %s\n' "$*"; }

say "rust: wasm32-unknown-unknown target, rustfmt, clippy, rust-src"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
# The page's wasm rebuilds std for size (scripts/build.mjs cargoWasm): that needs std's sources.
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

say "wasm-bindgen CLI $WASM_BINDGEN_VERSION"
if wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  echo "present: $(wasm-bindgen --version)"
else
  # Not --locked: a locked dependency is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

say "wasm-tools $WASM_TOOLS_VERSION (validate, strip, objdump)"
if wasm-tools --version 2>/dev/null | grep -qF "$WASM_TOOLS_VERSION"; then
  echo "present: $(wasm-tools --version)"
else
  cargo install wasm-tools --version "$WASM_TOOLS_VERSION" --no-default-features --features validate,strip,objdump
fi

say "npm packages (npm ci)"
stamp=node_modules/.nianbao-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "present: node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

say "xz (packs the page's wasm 0.5 KB smaller than the pure-JS fallback)"
if command -v xz >/dev/null; then
  echo "present: $(xz --version | head -1)"
else
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y xz-utils; } \
    || echo "xz could not be installed: the build packs with LZMA-JS instead"
fi

[ -n "$build_only" ] && exit 0

say "Chromium (Debian's, for the browser tests)"
if [ -x /usr/bin/chromium ]; then
  echo "present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi

say "qpdf (makes the 300-page PDF that a browser test reads)"
if command -v qpdf >/dev/null; then
  echo "present: $(qpdf --version | head -1)"
else
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y qpdf; } \
    || echo "qpdf could not be installed: the 300-page PDF test is skipped with a message"
fi
