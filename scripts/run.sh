#!/usr/bin/env bash
# The README's run command: the app on its embedded SQLite database with demo data,
# served by gunicorn at http://127.0.0.1:${PORT:-8000}/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv

PORT="${PORT:-8000}"
export SVSUPPORT_DATA_DIR="${SVSUPPORT_DATA_DIR:-$PWD/var}"
mkdir -p "$SVSUPPORT_DATA_DIR"
secret_file="$SVSUPPORT_DATA_DIR/secret_key"
if [ ! -s "$secret_file" ]; then
  (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$secret_file")
fi
salt_file="$SVSUPPORT_DATA_DIR/field_encryption_salt"
if [ ! -s "$salt_file" ]; then
  (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' >"$salt_file")
fi
export SECRET_KEY="$(cat "$secret_file")"
export FIELD_ENCRYPTION_SALTS="$(cat "$salt_file")"
export DEBUG="${DEBUG:-false}"
unset DATABASE_URL  # the run command always uses the embedded database

.venv/bin/python manage.py migrate --noinput -v0
# Idempotent: creates the demo accounts on the first start and lists them every time.
.venv/bin/python manage.py seed_demo || echo "(no demo data: this database holds real accounts)"
.venv/bin/python manage.py collectstatic --noinput -v0
echo
echo "  svsupport is running at http://127.0.0.1:${PORT}/  (Ctrl+C stops it)"
echo
exec .venv/bin/gunicorn svsupport.wsgi --bind "127.0.0.1:${PORT}" --workers 2 \
  --error-logfile -
