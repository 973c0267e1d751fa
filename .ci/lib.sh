# Shared setup for .ci/serve and .ci/test: installs what the project needs, pinned, and
# skips whatever is already there. Nothing is downloaded but from the Rust, npm and
# Debian registries. Source it; it changes PATH.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${VPCEP_TOOLS_DIR:-$HOME/.cache/vpcep-console/tools}
TRUNK_VERSION=0.22.1
BINARYEN_VERSION=132.0.0
AXE_VERSION=4.14.1
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }
have_version() { # command, expected substring of its --version
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

# wasm-bindgen-cli must match the crate exactly; Trunk.toml pins the same version.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_toolchain() {
  local t0=$SECONDS wbg
  step "toolchain"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  wbg=$(wasm_bindgen_version)
  if ! grep -qF "wasm_bindgen = \"$wbg\"" "$ROOT/Trunk.toml"; then
    echo "Trunk.toml [tools] wasm_bindgen must be $wbg (Cargo.lock's); trunk would try to download it." >&2
    exit 1
  fi
  if ! have_version trunk "trunk $TRUNK_VERSION"; then
    echo "installing trunk $TRUNK_VERSION (about 25 minutes on 2 cores, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
  fi
  if ! have_version wasm-bindgen "wasm-bindgen $wbg"; then
    echo "installing wasm-bindgen-cli $wbg (about 10 minutes, once)"
    # Not --locked: its lockfile pins a webpki-roots the registry does not serve.
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
  if ! have_version wasm-opt "version ${BINARYEN_VERSION%%.*}"; then
    echo "installing wasm-opt from npm binaryen@$BINARYEN_VERSION"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
  # trunk passes --offline to cargo (Trunk.toml), so the crates must be here first.
  (cd "$ROOT" && cargo fetch --quiet)
  echo "trunk $(trunk --version | awk '{print $2}'), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}') — ready in $((SECONDS - t0)) s"
}

# Debian's chromium and chromium-driver (browser tests) and nginx (the deployment test).
ensure_test_packages() {
  step "chromium, chromedriver, nginx"
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    # The nginx package would start a server on port 80 for the whole machine; the tests
    # run their own on loopback. policy-rc.d forbids the start while installing.
    local made_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod +x /usr/sbin/policy-rc.d
      made_policy=yes
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  fi
  # axe-core checks accessibility in the end-to-end tests (its script is injected into the page).
  if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$TOOLS/node_modules/axe-core/package.json"; then
    echo "installing axe-core@$AXE_VERSION from npm"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
  fi
  export VPCEP_AXE_JS="$TOOLS/node_modules/axe-core/axe.min.js"
  echo "$(chromium --version 2>/dev/null | head -n1); $(/usr/sbin/nginx -v 2>&1); axe-core $AXE_VERSION"
}
