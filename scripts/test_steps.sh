#!/usr/bin/env bash
# The checks that need a database; run by test.sh through with_postgres.py.
set -euo pipefail
export SVSUPPORT_READ_DOTENV=false DEBUG=true
py=.venv/bin/python

echo "== makemigrations --check"
$py manage.py makemigrations --check --dry-run

echo "== compilemessages"
$py manage.py compilemessages --ignore=.venv -v0

echo "== check --deploy (production-like settings)"
DEBUG=false HTTPS=true ALLOWED_HOSTS=svsupport.example.org FIELD_ENCRYPTION_SALTS=ci-salt \
  SECRET_KEY="$($py -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  $py manage.py check --deploy --fail-level WARNING

echo "== pytest"
DJANGO_ALLOW_ASYNC_UNSAFE=true $py -m pytest "$@"
