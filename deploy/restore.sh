#!/bin/sh
# Restores a dump made by backup.sh into the database the PG* variables name, replacing what
# it holds, in one transaction (all or nothing). Stop web and clock first (README).
#   restore.sh /backups/svsupport-YYYYMMDDTHHMMSSZ.dump
set -eu
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: restore.sh DUMP_FILE" >&2; exit 2; }
pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
  --dbname="${PGDATABASE:?set PGDATABASE}" "$1"
echo "restored $1 into $PGDATABASE"
