#!/usr/bin/env bash
# `make bench`: the network-scale benchmark of README "Performance" (scripts/bench.py).
# Needs PostgreSQL at $BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/svs_bench,
# whose name must say bench) with createdb/dropdb/vacuumdb/psql, and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh bench
source scripts/venv.sh
ensure_venv
exec .venv/bin/python scripts/bench.py "$@"
