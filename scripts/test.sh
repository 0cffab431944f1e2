#!/usr/bin/env bash
# `npm test`: installs what is missing (scripts/setup.sh), then runs every check in order and
# stops at the first failure: Rust format, lints (host and wasm32), Rust tests, the build, the
# size budget, old-browser feature validation, the wasm boundary tests and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
logs=$(mktemp -d)
started=$(date +%s)

step() { printf '\n======== %s\n' "$*"; }

step "1/10 setup (skips what is installed)"
bash scripts/setup.sh

step "2/10 cargo fmt --all --check"
cargo fmt --all --check

step "3/10 cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "4/10 cargo clippy for the wasm crates on wasm32-unknown-unknown"
cargo clippy -p nianbao_wasm -p nianbao_docs_wasm -p nianbao_unlzma --target wasm32-unknown-unknown -- -D warnings

step "5/10 cargo test --workspace"
cargo test --workspace 2>&1 | tee "$logs/cargo.txt"
# The short fuzz run: every committed fuzz input and document fixture through the fuzz targets.
cargo test --manifest-path fuzz/Cargo.toml 2>&1 | tee -a "$logs/cargo.txt"

step "6/10 build (wasm, bundles, dist/nianbao.html, dist/nianbao-embed.js)"
node scripts/build.mjs
npx --no-install tsc --noEmit -p tsconfig.json

step "7/10 size budget"
node scripts/size.mjs --check

step "8/10 the shipped wasm needs only Chromium 75 features"
for module in dist/nianbao_bg.wasm www/build/unlzma.wasm; do
  wasm-tools validate --features=mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory "$module"
  echo "$module validates under mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory"
done

step "9/10 wasm boundary tests (node, the built wasm)"
node --test --test-reporter=tap tests/wasm/*.test.mjs 2>&1 | tee "$logs/wasm.txt"

step "10/10 browser tests (Debian Chromium via playwright-core; Chromium 80 via puppeteer-core)"
node --test --test-reporter=tap --test-concurrency=1 tests/browser/*.test.mjs 2>&1 | tee "$logs/browser.txt"

# One closing line over every runner: Rust tests and node tests (todo counts as skipped).
sum() { grep -hoE "$1" "${@:2}" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum '[0-9]+ passed' "$logs/cargo.txt") + $(sum '^# pass [0-9]+' "$logs/wasm.txt" "$logs/browser.txt") ))
failed=$(( $(sum '[0-9]+ failed' "$logs/cargo.txt") + $(sum '^# fail [0-9]+' "$logs/wasm.txt" "$logs/browser.txt") ))
skipped=$(( $(sum '[0-9]+ ignored' "$logs/cargo.txt") + $(sum '^# (skipped|todo) [0-9]+' "$logs/wasm.txt" "$logs/browser.txt") ))
printf '\nnpm test finished in %ss\n' $(( $(date +%s) - started ))
echo "npm-test: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
