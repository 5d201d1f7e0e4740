# Sourced by run.sh and test.sh: makes .venv and installs the project into it when
# pyproject.toml changed since the last install. Usage: ensure_venv [EXTRA]
ensure_venv() {
  local extra="${1:-}" spec="." stamp
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "svsupport needs Python 3.11 or newer; found $(python3 --version 2>&1)." >&2
    exit 1
  }
  [ -x .venv/bin/python ] || python3 -m venv .venv
  [ -n "$extra" ] && spec=".[$extra]"
  stamp=".venv/.installed-${extra:-base}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing dependencies into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" 2>&1 \
      | grep -v "^WARNING: Location" || true
    .venv/bin/python -c "import django" && touch "$stamp"
  fi
}
