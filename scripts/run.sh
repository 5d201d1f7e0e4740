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
# Links in e-mails point to this server, on whatever port it listens.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"

# The clock, as cron or the compose `clock` service runs it in production: `manage.py tick`
# every minute (offers pass on, reminders and queued e-mails leave). With the default
# EMAIL_URL (consolemail://) every e-mail is printed here, in the run log.
clock() {
  local sleep_pid=""
  trap 'if [ -n "$sleep_pid" ]; then kill "$sleep_pid" 2>/dev/null; fi; exit 0' TERM
  while true; do
    .venv/bin/python manage.py tick || echo "tick failed; the clock tries again in a minute" >&2
    sleep 60 &
    sleep_pid=$!
    wait "$sleep_pid" || true
  done
}
clock &
clock_pid=$!
gunicorn_pid=""
stop() {
  set +e  # stop both whatever has already ended
  if [ -n "$gunicorn_pid" ]; then kill -TERM "$gunicorn_pid" 2>/dev/null; fi
  kill -TERM "$clock_pid" 2>/dev/null
  wait 2>/dev/null
}
# Whichever ends first (Ctrl+C, gunicorn stopped by a signal), both stop.
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo
echo "  svsupport is running at ${SITE_URL}/  (Ctrl+C stops it; the clock ticks every minute)"
echo
.venv/bin/gunicorn svsupport.wsgi --bind "127.0.0.1:${PORT}" --workers 2 \
  --error-logfile - &
gunicorn_pid=$!
wait "$gunicorn_pid" || true
