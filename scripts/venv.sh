# Sourced by run.sh and test.sh: makes .venv and installs the locked dependencies into it
# when the lock changed since the last install. Usage: ensure_venv [test]
#   no argument: requirements/runtime.txt (make run); test: requirements/test.txt (make test).
# The locks pin every package with its hashes (pip --require-hashes); the app itself is then
# installed editable without dependencies, so `pip install -e .` semantics are kept.
ensure_venv() {
  local extra="${1:-}" lock stamp
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "svsupport needs Python 3.11 or newer; found $(python3 --version 2>&1)." >&2
    exit 1
  }
  [ -x .venv/bin/python ] || python3 -m venv .venv
  lock="requirements/${extra:-runtime}.txt"
  stamp=".venv/.installed-${extra:-runtime}"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing the locked dependencies ($lock) into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
      -r "$lock" 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e . 2>&1 \
      | grep -v "^WARNING: Location" || true
    .venv/bin/python -c "import django, svsupport" && touch "$stamp"
  fi
}
