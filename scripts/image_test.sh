#!/usr/bin/env bash
# Proves the image for real with podman, where no image registry is reachable:
#   1. installs podman, buildah, mmdebstrap, runc when missing (scripts/system_packages.sh);
#   2. builds the base images from Debian packages with mmdebstrap and tags them with the
#      names the Dockerfile and docker-compose.yml use (cached: rebuilt when this recipe
#      changes);
#   3. builds the app's image (podman's layer cache keeps the dependency layer);
#   4. brings docker-compose.yml up with podman-compose under production settings (HTTPS=true,
#      a public host name, a password full of URL-reserved characters): db, migrate, web,
#      clock, backup;
#   5. checks: the web healthcheck turns healthy, the login page answers through the published
#      port, the clock ticks (its healthcheck and /health/ready), a backup file appears, and a
#      restore brings back what was deleted after it.
# Usage: bash scripts/image_test.sh   (make image-test). Needs root or passwordless sudo once.
#        SVSUPPORT_IMAGE_REBUILD=1 bash scripts/image_test.sh   rebuilds everything, no cache.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
root=$PWD
cache="${SVSUPPORT_IMAGE_CACHE:-$HOME/.cache/svsupport-image-test}"
project=svsupport-imagetest
port="${SVSUPPORT_IMAGE_TEST_PORT:-18765}"
host=svsupport.hospital.example
step() { echo "== $* ($(($(date +%s) - started)) s)"; }

step "system packages"
bash scripts/system_packages.sh image
if ! grep -qs '^network_backend *= *"netavark"' /etc/containers/containers.conf; then
  # crun fails on these machines (setrlimit not permitted, hybrid cgroups): runc does not.
  # netavark with aardvark-dns lets the services find each other by name (db).
  mkdir -p /etc/containers
  cat >/etc/containers/containers.conf <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=30000:30000"]

[engine]
runtime = "runc"

[network]
network_backend = "netavark"
CONF
fi
mkdir -p "$cache"
if [ ! -x "$cache/venv/bin/podman-compose" ]; then
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet "podman-compose==1.6.0" 2>&1 | grep -v "^WARNING: Location" || true
fi
compose() {
  "$cache/venv/bin/podman-compose" --in-pod false -p "$project" -f "$work/docker-compose.yml" "$@"
}

python_image=$(sed -n 's/^ARG PYTHON_IMAGE=//p' Dockerfile)
postgres_image=$(python3 -c 'import re,sys; print(re.search(r"image: (\S*postgres\S*)", open("docker-compose.yml").read())[1])')
# The host's CA bundle goes into the base images: HTTPS leaves through a re-signing proxy here.
ca_bundle=/etc/ssl/certs/ca-certificates.crt
# Bump base_recipe when base_image's arguments below change: the images are rebuilt.
base_recipe=2
recipe=$( (echo "$base_recipe" && cat scripts/image/postgres-entrypoint.sh "$ca_bundle") | sha256sum | cut -c1-16)

base_image() {  # name, packages, extra mmdebstrap and import arguments...
  local name=$1 packages=$2
  shift 2
  if [ -z "${SVSUPPORT_IMAGE_REBUILD:-}" ] \
    && [ "$(podman image inspect --format '{{index .Labels "recipe"}}' "$name" 2>/dev/null)" = "$recipe" ]; then
    echo "$name: cached"
    return
  fi
  local mm=() changes=()
  while [ $# -gt 0 ]; do
    case "$1" in --change) changes+=(--change "$2") ;; *) mm+=("$1" "$2") ;; esac
    shift 2
  done
  rm -f "$cache/rootfs.tar"
  mmdebstrap --quiet --variant=minbase --include="$packages" \
    --customize-hook="cp $ca_bundle \"\$1/etc/ssl/certs/ca-certificates.crt\"" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    "${mm[@]}" bookworm "$cache/rootfs.tar"
  podman import --quiet "${changes[@]}" --change "LABEL recipe=$recipe" "$cache/rootfs.tar" "$name" >/dev/null
  rm -f "$cache/rootfs.tar"
  echo "$name: built from Debian bookworm packages"
}

step "base images"
base_image "$python_image" python3,python3-venv,passwd,ca-certificates \
  --change 'ENV LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["python3"]'
base_image "$postgres_image" postgresql-15,ca-certificates \
  --customize-hook "copy-in scripts/image/postgres-entrypoint.sh /usr/local/bin" \
  --customize-hook 'rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15' \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PGDATA=/var/lib/postgresql/data LANG=C.UTF-8' \
  --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]' \
  --change 'CMD ["postgres"]'

step "app image"
podman build --quiet --format docker --network host ${SVSUPPORT_IMAGE_REBUILD:+--no-cache} --tag localhost/svsupport:imagetest . >/dev/null
# Earlier builds of these images, now untagged, go (other dangling images stay).
podman image prune --force --filter label=org.opencontainers.image.title=svsupport >/dev/null 2>&1 || true
podman image prune --force --filter label=recipe >/dev/null 2>&1 || true
# The image keeps its HEALTHCHECK (docker format) and runs as a non-root user.
podman image inspect localhost/svsupport:imagetest | python3 -c '
import json, sys
image = json.load(sys.stdin)[0]
assert image["Healthcheck"]["Test"][-3:] == ["healthcheck", "--http", "127.0.0.1:8000"], image
assert image["Config"]["User"] == "svsupport", image["Config"]'
# The build context must not carry secrets, data, virtualenvs or VCS.
podman run --rm --entrypoint sh localhost/svsupport:imagetest -c \
  'cd /app && ! ls -d .env .git .venv var tests 2>/dev/null && [ "$(id -u)" != 0 ]'

step "compose up"
work=$(mktemp -d)
cleanup() {
  status=$?
  if [ $status -ne 0 ] && [ -d "$work" ]; then
    for service in db migrate web clock backup; do
      echo "--- logs of $service"; podman logs --tail 30 "${project}_${service}_1" 2>&1 || true
    done
  fi
  compose down --volumes >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT
cp docker-compose.yml "$work/"
cp -r deploy "$work/deploy"
# Production settings, and a password that would break a DATABASE_URL.
cat >"$work/.env" <<ENV
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
FIELD_ENCRYPTION_SALTS=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
POSTGRES_PASSWORD='p@ss:w/rd?#%[x]'
DEBUG=false
HTTPS=true
ALLOWED_HOSTS=$host
CSRF_TRUSTED_ORIGINS=https://$host
SITE_URL=https://$host
BACKUP_HOUR_UTC=0
SVSUPPORT_TAG=imagetest
SVSUPPORT_PORT=$port
ENV
compose down --volumes >/dev/null 2>&1 || true

wait_for() {  # seconds, description, command...
  local deadline=$(($(date +%s) + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for: $what" >&2; return 1; }
    sleep 2
  done
  echo "ok: $what"
}
# No systemd here to run healthchecks on their timers: run the compose healthcheck commands.
healthy() { podman healthcheck run "${project}_$1_1"; }
up() { compose up -d --no-deps "$@" >>"$work/up.log" 2>&1 || { cat "$work/up.log"; exit 1; }; }
# podman 4.3 ignores depends_on conditions (docker compose and podman >= 4.6 honour them):
# the script waits for each one itself, in the compose file's order.
up db
wait_for 60 "db healthcheck healthy" healthy db
up migrate
wait_for 120 "migrate finished" sh -c "[ \"\$(podman inspect --format '{{.State.Status}} {{.State.ExitCode}}' ${project}_migrate_1)\" = 'exited 0' ]"
up web clock backup
wait_for 90 "web healthcheck healthy (HTTPS=true, ALLOWED_HOSTS=$host)" healthy web
[ "$(podman inspect --format '{{.State.Health.Status}}' "${project}_web_1")" = healthy ]

step "checks"
login=$(curl -fsS -H "Host: $host" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/accounts/login/")
grep -q 'name="password"' <<<"$login"
echo "ok: the login page answers on the published port"
wait_for 90 "the clock ticked (clock healthcheck)" healthy clock
ready=$(curl -sS -H "Host: $host" "http://127.0.0.1:$port/health/ready")
[ "$ready" = ok ] || { echo "readiness: $ready" >&2; exit 1; }
echo "ok: /health/ready over plain HTTP on the published port"
wait_for 90 "a nightly backup file appeared" healthy backup

step "restore drill"
manage() { podman exec "${project}_web_1" python manage.py "$@"; }
count_drill() { manage shell --no-imports -v 0 -c "from django.contrib.auth.models import User; print(User.objects.filter(username='restore-drill').count())"; }
manage shell --no-imports -v 0 -c "from django.contrib.auth.models import User; User.objects.create_user('restore-drill')"
dump=$(podman exec "${project}_backup_1" sh /deploy/backup.sh now | tail -1)
manage shell --no-imports -v 0 -c "from django.contrib.auth.models import User; User.objects.filter(username='restore-drill').delete()" >/dev/null
[ "$(count_drill)" = 0 ]
# (podman without systemd complains it cannot set healthcheck timers: harmless, hidden.)
podman stop "${project}_web_1" "${project}_clock_1" >/dev/null 2>&1
# podman 4.3 restarts aardvark-dns when containers leave the network: "db" may not resolve for
# a moment. Wait until it answers again (pg_isready resolves the same PGHOST) before restoring.
for _ in $(seq 1 30); do
  podman exec "${project}_backup_1" pg_isready -q && break
  sleep 1
done
podman exec "${project}_backup_1" sh /deploy/restore.sh "$dump"
podman start "${project}_web_1" "${project}_clock_1" >/dev/null 2>&1
[ "$(count_drill)" = 1 ]
echo "ok: $dump restored the account deleted after it"
wait_for 60 "web healthy again after the restore" healthy web

echo "image test passed in $(($(date +%s) - started)) s"
