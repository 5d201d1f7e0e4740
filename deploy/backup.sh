#!/bin/sh
# svsupport's database backups with pg_dump (run by docker-compose.yml's backup service, or
# by hand or cron anywhere pg_dump reaches the database through the PG* variables).
#   backup.sh          loop: one dump a day after BACKUP_HOUR_UTC (at start too when today's
#                      is missing), dumps older than BACKUP_KEEP_DAYS days deleted
#   backup.sh now      one dump now; prints its path
#   backup.sh check    exit 0 when the newest dump is younger than 26 hours
# Files: $BACKUP_DIR/svsupport-YYYYMMDDTHHMMSSZ.dump (pg_dump custom format; restore.sh).
set -eu
dir="${BACKUP_DIR:-/backups}"
hour="${BACKUP_HOUR_UTC:-2}"
keep_days="${BACKUP_KEEP_DAYS:-14}"

dump() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  # Written under a temporary name first: a dump cut short is never taken for a backup.
  pg_dump --format=custom --no-owner --file="$dir/.svsupport-$stamp.partial"
  mv "$dir/.svsupport-$stamp.partial" "$dir/svsupport-$stamp.dump"
  find "$dir" -maxdepth 1 -name 'svsupport-*.dump' -mmin +$((keep_days * 1440)) -delete
  echo "$dir/svsupport-$stamp.dump"
}

case "${1:-loop}" in
  now) dump ;;
  check) [ -n "$(find "$dir" -maxdepth 1 -name 'svsupport-*.dump' -mmin -1560)" ] ;;
  loop)
    # PID 1 in its container: stop at once on SIGTERM.
    trap 'exit 0' TERM INT
    echo "backup: one dump a day after ${hour}:00 UTC into $dir, kept $keep_days days"
    while true; do
      if [ "$(date -u +%-H)" -ge "$hour" ] && ! ls "$dir"/svsupport-"$(date -u +%Y%m%d)"T*.dump >/dev/null 2>&1; then
        dump || echo "backup: pg_dump failed; trying again in a minute" >&2
      fi
      sleep 60 &
      wait $!
    done
    ;;
  *) echo "usage: backup.sh [now|check]" >&2; exit 2 ;;
esac
