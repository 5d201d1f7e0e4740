#!/usr/bin/env bash
# The README's test command: lint, migrations, translations, the deployment check and
# the whole pytest suite (browser tests included) on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
# The system packages the tests need (scripts/system_packages.sh keeps the list): installed
# when this user may, otherwise the one command to run is printed.
bash scripts/system_packages.sh test || packages_missing=1

# The OpenID provider the sign-in tests start (the npm package oidc-provider).
if [ ! -d tests/oidc_provider/node_modules ] \
  || [ tests/oidc_provider/package-lock.json -nt tests/oidc_provider/node_modules ]; then
  echo "== npm ci (tests/oidc_provider)"
  (cd tests/oidc_provider && npm ci --no-audit --no-fund --silent && touch node_modules)
fi

source scripts/venv.sh
ensure_venv test

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  .venv/bin/python - <<'PY' 2>/dev/null || true
from pathlib import Path
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    path = Path(p.chromium.executable_path)
    if path.is_file():
        print(path)
PY
}
CHROMIUM_PATH="$(find_chromium)"
if [ -z "$CHROMIUM_PATH" ]; then
  cat >&2 <<'TEXT'
No Chromium found: the browser tests cannot run, and they are never skipped.
Install the system packages above, or .venv/bin/playwright install chromium (where the
network allows the download), then run the tests again.
TEXT
  exit 1
fi
export CHROMIUM_PATH
[ -z "${packages_missing:-}" ] || command -v msgfmt >/dev/null || exit 1

echo "== ruff"
.venv/bin/ruff format --check .
.venv/bin/ruff check .
exec .venv/bin/python scripts/with_postgres.py -- bash scripts/test_steps.sh "$@"
