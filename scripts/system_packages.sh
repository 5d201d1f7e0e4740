#!/usr/bin/env bash
# Every Debian/Ubuntu package the tests need, in one place. Installs what is missing when it
# can (root, or sudo without a password); otherwise prints the one command to run and fails.
#   bash scripts/system_packages.sh test    what `make test` needs (browser, gettext, ...)
#   bash scripts/system_packages.sh image   what `make image-test` needs (podman, mmdebstrap)
#   bash scripts/system_packages.sh bench   what `make bench` needs (wrk, the PostgreSQL client)
#   bash scripts/system_packages.sh ci      all of it, plus what .ci/run itself uses
# `make run` needs none of these.
set -euo pipefail

# Test servers and tools. Add a package here, in its group, and every entry point follows.
# The sign-in tests build python-ldap (no wheels) and start slapd and the npm oidc-provider.
TEST_PACKAGES=(chromium gettext libldap-dev libsasl2-dev gcc python3-dev slapd ldap-utils nodejs npm)
# netavark (podman's network stack) runs iptables, which --no-install-recommends leaves out.
IMAGE_PACKAGES=(podman buildah fuse-overlayfs uidmap slirp4netns mmdebstrap runc netavark aardvark-dns
                iptables)
CI_PACKAGES=(make curl python3-venv)
# `make bench` only; CI does not run the benchmark, so `ci` leaves them out.
BENCH_PACKAGES=(wrk postgresql-client)

packages=()
for group in "${@:-test}"; do
  case "$group" in
    test) packages+=("${TEST_PACKAGES[@]}") ;;
    image) packages+=("${IMAGE_PACKAGES[@]}") ;;
    bench) packages+=("${BENCH_PACKAGES[@]}") ;;
    ci) packages+=("${TEST_PACKAGES[@]}" "${IMAGE_PACKAGES[@]}" "${CI_PACKAGES[@]}") ;;
    *) echo "unknown group: $group (test, image, bench or ci)" >&2; exit 2 ;;
  esac
done

# A tool already on the PATH counts as installed: node's own packages (NodeSource) bring npm,
# and Debian's npm package then conflicts with them.
provided_by_path() {
  case "$1" in
    nodejs) command -v node >/dev/null ;;
    npm) command -v npm >/dev/null ;;
    *) return 1 ;;
  esac
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || provided_by_path "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "Missing system packages: ${missing[*]}. Install them with:" >&2
  echo "    sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "== apt-get install ${missing[*]}"
# Other installers may hold the dpkg lock: wait for it rather than fail.
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install \
  -y -qq --no-install-recommends "${missing[@]}" >/dev/null
