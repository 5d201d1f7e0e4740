#!/usr/bin/env bash
# The README's test command: lint, migrations, translations, the deployment check and
# the whole pytest suite (browser tests included) on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

# Single sign-on (issue 9): the test extras build python-ldap (no wheels), and the tests start
# a throwaway slapd and the npm package oidc-provider. .ci/run installs these packages.
sso_missing=()
[ -f /usr/include/ldap.h ] || sso_missing+=(libldap-dev)
[ -f /usr/include/sasl/sasl.h ] || sso_missing+=(libsasl2-dev)
command -v gcc >/dev/null || sso_missing+=(gcc)
[ -x /usr/sbin/slapd ] || sso_missing+=(slapd)
command -v ldapadd >/dev/null || sso_missing+=(ldap-utils)
command -v npm >/dev/null || sso_missing+=(nodejs npm)
if [ ${#sso_missing[@]} -gt 0 ]; then
  echo "The single sign-on tests need: sudo apt-get install -y ${sso_missing[*]}" >&2
  exit 1
fi
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
Install one, then run the tests again:
    sudo apt-get install -y chromium          (Debian, Ubuntu)
or  .venv/bin/playwright install chromium     (where the network allows the download)
TEXT
  exit 1
fi
export CHROMIUM_PATH
command -v msgfmt >/dev/null || {
  echo "msgfmt not found: install gettext (sudo apt-get install -y gettext)." >&2
  exit 1
}

echo "== ruff"
.venv/bin/ruff format --check .
.venv/bin/ruff check .
exec .venv/bin/python scripts/with_postgres.py -- bash scripts/test_steps.sh "$@"
