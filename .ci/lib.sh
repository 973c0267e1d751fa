# Shared setup for .ci/serve and .ci/test: installs what the project needs, pinned, and
# skips whatever is already there. Nothing is downloaded but from the Rust, npm and
# Debian registries. Source it; it changes PATH.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${VPCEP_TOOLS_DIR:-$HOME/.cache/vpcep-console/tools}
TRUNK_VERSION=0.22.1
# Splits the release wasm into lazily fetched chunks (.ci/split/wasm-bindgen).
WASM_SPLIT_VERSION=0.2.4
BINARYEN_VERSION=132.0.0
# The Python SDK the Python snippets run with (tests/sdk_python.rs).
PYTHON_SDK_VERSION=3.1.219
AXE_VERSION=4.14.1
# The release wasm is built with this nightly (the machine image's own `nightly`; rustc's
# commit date identifies it), see build_release. Everything else builds on stable.
NIGHTLY_CHANNEL=nightly-2026-05-20
NIGHTLY_COMMIT_DATE=2026-05-19
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }
# Cargo.toml's package version: the release archive's (.ci/package).
package_version() {
  awk -F'"' '/^\[/ { section = $0 } section == "[package]" && /^version *=/ { print $2; exit }' "$ROOT/Cargo.toml"
}
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
  # It has no --version: cargo's list of installed crates tells.
  if ! { command -v wasm-split-cli >/dev/null 2>&1 &&
    cargo install --list | grep -qxF "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; }; then
    echo "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, about 3 minutes, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
  fi
  if ! have_version wasm-opt "version ${BINARYEN_VERSION%%.*}"; then
    echo "installing wasm-opt from npm binaryen@$BINARYEN_VERSION"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
  ensure_nightly
  # trunk passes --offline to cargo (Trunk.toml), so the crates must be here first: the
  # project's, and those of the standard library that the release build compiles.
  (cd "$ROOT" && cargo fetch --quiet &&
    cargo "+$NIGHTLY" fetch --quiet --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
  echo "trunk $(trunk --version | awk '{print $2}'), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}') — ready in $((SECONDS - t0)) s"
}

# The pinned nightly with rust-src (for -Zbuild-std): the image's `nightly` when it is that
# one, else the dated channel, installed once. Sets NIGHTLY to the toolchain's name.
ensure_nightly() {
  NIGHTLY=
  local t
  for t in "$NIGHTLY_CHANNEL" nightly; do
    if rustup run "$t" rustc --version 2>/dev/null | grep -qF "$NIGHTLY_COMMIT_DATE"; then
      NIGHTLY=$t
      break
    fi
  done
  if [ -z "$NIGHTLY" ]; then
    echo "installing $NIGHTLY_CHANNEL (the release build's toolchain, once)"
    rustup toolchain install "$NIGHTLY_CHANNEL" --profile minimal --component rust-src
    NIGHTLY=$NIGHTLY_CHANNEL
  fi
  if ! rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain "$NIGHTLY"
  fi
}

# The release bundle into $1, as deployed. The wasm is built with the pinned nightly: std is
# compiled for size with the app (-Zbuild-std, optimize_for_size), and a panic aborts at once,
# with no message or source location compiled in (panic=immediate-abort, -Zlocation-detail=none).
# That is about 22 KB gzip less than stable. The browser tests and clippy stay on stable.
#
# The wasm is also split (--cfg vpcep_split, linked with --emit-relocs): trunk's wasm-bindgen
# is .ci/split/wasm-bindgen, which cuts out the parts of src/ui/split.rs into chunks fetched
# when first shown; they are copied beside index.html here.
# The release wasm's stack: 256 KiB instead of the linker's 1 MiB. The deepest the console's
# stack went, on a service page, the list of 100 and a 200-row port editor, was 9 KB
# (the lowest byte of the stack ever written); the stack is first in memory, so an
# overflow traps rather than overwriting data. Every wasm page counts in the memory's size.
WASM_STACK_BYTES=262144

# A second argument names cargo features (the demo build: `demo`), built in a target folder
# of their own so the release build's stays as it was.
build_release() { # dist folder [cargo features]
  local features=${2:-}
  local target="$ROOT/target/release-nightly${features:+-$features}"
  local split_out="$target/wasm-split"
  VPCEP_WASM_BINDGEN=$(command -v wasm-bindgen) \
  VPCEP_SPLIT_OUT=$split_out \
  PATH="$ROOT/.ci/split:$PATH" \
  RUSTUP_TOOLCHAIN=$NIGHTLY \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components --cfg vpcep_split -Clink-args=--emit-relocs -Clink-arg=-zstack-size=$WASM_STACK_BYTES -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
  CARGO_TARGET_DIR="$target" \
    trunk build --release --dist "$1" ${features:+--features "$features"}
  cp "$split_out"/dist/* "$1"/
}

# Debian's chromium and chromium-driver (browser tests), nginx with its brotli module (the
# deployment test), zopfli and brotli (precompression, the size budget).
ensure_test_packages() {
  step "chromium, chromedriver, nginx, a CJK font, gofmt"
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  # deploy/precompress and the size budget: zopfli and brotli; nginx serves the .br files
  # with Debian's brotli_static module.
  command -v zopfli >/dev/null 2>&1 || missing+=(zopfli)
  command -v brotli >/dev/null 2>&1 || missing+=(brotli)
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
  # Chinese in the screenshots (tests/languages.rs): without a CJK font they show boxes.
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  # The Go snippets of the change as code are checked with gofmt (tests/code.rs).
  command -v gofmt >/dev/null 2>&1 || missing+=(golang-go)
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
  # The Python SDK, pinned, in a venv of its own: the change as code's Python snippets run
  # with it against the local API server (tests/sdk_python.rs).
  local venv="$TOOLS/python-sdk-$PYTHON_SDK_VERSION"
  if ! "$venv/bin/python" -c 'import huaweicloudsdkvpcep.v1' 2>/dev/null; then
    echo "installing huaweicloudsdkvpcep==$PYTHON_SDK_VERSION from PyPI"
    rm -rf "$venv"
    if ! python3 -m venv "$venv" 2>/dev/null; then
      apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
      python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check \
      "huaweicloudsdkvpcep==$PYTHON_SDK_VERSION" "huaweicloudsdkcore==$PYTHON_SDK_VERSION"
  fi
  export VPCEP_SDK_PYTHON="$venv/bin/python"
  echo "$(chromium --version 2>/dev/null | head -n1); $(/usr/sbin/nginx -v 2>&1); axe-core $AXE_VERSION; huaweicloudsdkvpcep $PYTHON_SDK_VERSION; $(go version 2>/dev/null)"
}

# The release bundle's sizes, and the budgets they must stay under (.ci/size-budget): the
# .wasm, the JS glue and the CSS, gzip -9 and brotli -q 11, as a browser fetches them; once
# for the first download (what index.html loads before the console starts) and once for
# every file (with the chunks, split_NAME and chunk_N, fetched when their part is shown).
check_size_budget() { # dist folder
  local dist=$1 f r g b over=
  local -A raw=([first]=0 [all]=0) gz=([first]=0 [all]=0) br=([first]=0 [all]=0) budget
  for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
    r=$(stat -c %s "$f"); g=$(gzip -9c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
    case ${f##*/} in
      split_*.wasm | chunk_*.wasm) ;;
      *)
        printf '%-50s %8d bytes, %7d gzip -9, %7d brotli\n' "$f" "$r" "$g" "$b"
        raw[first]=$((raw[first] + r)); gz[first]=$((gz[first] + g)); br[first]=$((br[first] + b)) ;;
    esac
    raw[all]=$((raw[all] + r)); gz[all]=$((gz[all] + g)); br[all]=$((br[all] + b))
  done
  printf '%-50s %8d bytes, %7d gzip -9, %7d brotli\n' "first download" "${raw[first]}" "${gz[first]}" "${br[first]}"
  printf '%-50s %8d bytes, %7d gzip -9, %7d brotli\n' "every file (with the chunks)" "${raw[all]}" "${gz[all]}" "${br[all]}"
  while read -r key value; do
    case $key in gzip | brotli | first-gzip | first-brotli) budget[$key]=$value ;; esac
  done < "$ROOT/.ci/size-budget"
  [ "${gz[first]}" -le "${budget[first-gzip]}" ] && [ "${br[first]}" -le "${budget[first-brotli]}" ] || over=yes
  [ "${gz[all]}" -le "${budget[gzip]}" ] && [ "${br[all]}" -le "${budget[brotli]}" ] || over=yes
  local said="first download gzip ${gz[first]} of ${budget[first-gzip]}, brotli ${br[first]} of ${budget[first-brotli]}; every file gzip ${gz[all]} of ${budget[gzip]}, brotli ${br[all]} of ${budget[brotli]}"
  if [ -n "$over" ]; then
    echo "over the size budget (.ci/size-budget): $said" >&2
    return 1
  fi
  echo "within the size budget (.ci/size-budget): $said"
}
