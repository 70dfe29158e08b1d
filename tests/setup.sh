#!/usr/bin/env bash
# What the test suite needs besides Rust, installed when missing (Debian/Ubuntu, as root):
# - Chromium and a Japanese font: the browser tests (tests/browser.rs) open the review page,
#   and its screenshot and PDF must show real glyphs;
# - Node.js and npm, and Microsoft's SARIF validator at the version pinned in
#   tools/sarif/package-lock.json: the SARIF tests (tests/sarif_validator.rs);
# - cargo-mutants 27.1.0: tests/mutants_schemata.rs checks tools/mutants-schemata against its
#   mutants (and .ci/run's mutation step uses it).
# The tests fail, never skip, without them. Used by .ci/run and by the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${#need[@]}" -gt 0 ]; then
  echo "== apt-get install ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "installing ${need[*]} needs root: run this script with sudo, or install them yourself" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi

if ! command -v cargo-mutants >/dev/null 2>&1; then
  echo "== cargo install --locked cargo-mutants --version 27.1.0"
  cargo install --locked cargo-mutants --version 27.1.0
fi

echo "== npm ci --prefix tools/sarif (@microsoft/sarif-multitool)"
npm ci --prefix tools/sarif --no-audit --no-fund
