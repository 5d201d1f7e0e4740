#!/usr/bin/env bash
# Re-resolves the locked dependencies from pyproject.toml, with hashes:
#   requirements/runtime.txt  what the app runs on (make run, the image)
#   requirements/image.txt    the same plus the ldap extra (the image)
#   requirements/test.txt     the same versions plus the test tools (make test, CI)
# Usage: bash scripts/lock.sh            keep current pins where still allowed
#        bash scripts/lock.sh --upgrade  move everything to the newest allowed version
#        bash scripts/lock.sh --upgrade-package django   move one package
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/pip-compile ] || .venv/bin/python -m pip install --quiet "pip-tools>=7.4,<8"
# Only the public index goes into the lock: no local wheel folders.
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL
common=(--quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url
  --no-emit-find-links --no-header --resolver=backtracking "$@")
.venv/bin/pip-compile "${common[@]}" -o requirements/runtime.txt pyproject.toml
# The image adds the `ldap` extra (python-ldap needs libldap-dev to build: not for make run).
.venv/bin/pip-compile "${common[@]}" --extra ldap --constraint requirements/runtime.txt \
  -o requirements/image.txt pyproject.toml
# The test lock is constrained by the runtime lock: tests run on the versions production runs.
.venv/bin/pip-compile "${common[@]}" --extra test --constraint requirements/runtime.txt \
  -o requirements/test.txt pyproject.toml
echo "requirements/runtime.txt, image.txt and test.txt updated; run make test, then commit them."
