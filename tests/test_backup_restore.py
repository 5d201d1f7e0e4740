"""The backup service's scripts (deploy/backup.sh, deploy/restore.sh) against a real
PostgreSQL with the real pg_dump: the restore drill of the README, in every test run. The
image test (scripts/image_test.sh) runs the same drill inside the compose services."""

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs PostgreSQL's client")


@pytest.fixture
def drill(tmp_path):
    """A database of its own (the scripts see committed data only) and the PG* variables."""
    database = settings.DATABASES["default"]
    name = f"svs_drill_{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PGHOST": database["HOST"] or "127.0.0.1",
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"] or "",
        "PGDATABASE": name,
        "BACKUP_DIR": str(tmp_path),
    }
    admin = dict(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], password=env["PGPASSWORD"]
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(dbname=name, autocommit=True, **admin) as connection:
            yield env, connection
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(script, *args, env):
    return subprocess.run(
        ["sh", ROOT / "deploy" / script, *args], env=env, capture_output=True, text=True
    )


def test_a_backup_restores_what_was_deleted_after_it(drill, tmp_path):
    env, db = drill
    db.execute("CREATE TABLE person (name text); INSERT INTO person VALUES ('kept')")
    made = run("backup.sh", "now", env=env)
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip())
    assert dump.parent == tmp_path
    assert dump.name.startswith("svsupport-") and dump.name.endswith("Z.dump")
    assert run("backup.sh", "check", env=env).returncode == 0

    db.execute("DELETE FROM person; CREATE TABLE later (x int)")
    restored = run("restore.sh", str(dump), env=env)
    assert restored.returncode == 0, restored.stderr
    assert db.execute("SELECT name FROM person").fetchall() == [("kept",)]


def test_old_dumps_are_deleted_after_the_retention_days(drill, tmp_path):
    env, _ = drill
    days = 24 * 3600
    for name, age in [("svsupport-old.dump", 15 * days), ("svsupport-recent.dump", 13 * days)]:
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (time.time() - age, time.time() - age))
    assert run("backup.sh", "now", env={**env, "BACKUP_KEEP_DAYS": "14"}).returncode == 0
    names = sorted(path.name for path in tmp_path.glob("svsupport-*.dump"))
    assert "svsupport-old.dump" not in names
    assert "svsupport-recent.dump" in names
    assert len(names) == 2


def test_the_check_fails_when_the_newest_dump_is_over_26_hours_old(drill, tmp_path):
    env, _ = drill
    assert run("backup.sh", "check", env=env).returncode == 1
    stale = tmp_path / "svsupport-20260101T020000Z.dump"
    stale.write_bytes(b"")
    os.utime(stale, (time.time() - 27 * 3600, time.time() - 27 * 3600))
    assert run("backup.sh", "check", env=env).returncode == 1


def test_a_restore_without_a_file_changes_nothing(drill):
    env, _ = drill
    assert run("restore.sh", "/nonexistent.dump", env=env).returncode == 2
