"""PostgreSQL stopped while a logged-in user browses: the plain 503 page on every URL, never a
500 or a traceback; 200 again once it is back, without restarting the app.

The database is really stopped: a throwaway cluster is started from the installed server
binaries, the app runs on it under gunicorn (production settings, DEBUG off), and the cluster
is stopped and started again under it.
"""

import http.cookiejar
import importlib.util
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def with_postgres():
    spec = importlib.util.spec_from_file_location(
        "with_postgres", ROOT / "scripts/with_postgres.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stoppable_cluster():
    helpers = with_postgres()
    bin_dir = helpers.installed_bin_dir()
    if bin_dir is None:
        pytest.fail("no PostgreSQL server binaries in /usr/lib/postgresql: install postgresql")
    cluster = helpers.DebianCluster(bin_dir)
    cluster.start()
    helpers.ensure_database(cluster.url)
    return cluster


@pytest.fixture(scope="module")
def app_on_a_cluster():
    """gunicorn serving the app with demo data, on a cluster of its own."""
    cluster = stoppable_cluster()
    static_root = cluster.dir / "static"
    port = with_postgres().free_port()
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_SALTS": secrets.token_urlsafe(32),
        "SVSUPPORT_READ_DOTENV": "false",
        "STATIC_ROOT": str(static_root),
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["seed_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    log = (cluster.dir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "svsupport.wsgi:application", "-b", f"127.0.0.1:{port}",
         "-w", "1", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        yield cluster, base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        print((cluster.dir / "gunicorn.log").read_text()[-3000:])
        cluster.remove()


def wait_until_up(base):
    opener, _jar = browser()
    for _attempt in range(100):
        try:
            if fetch(opener, f"{base}/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    """An opener that keeps cookies and shows redirects instead of following them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    return opener, jar


def fetch(opener, url, data=None):
    """(status, headers, body) of one request, errors included."""
    encoded = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        response = opener.open(url, data=encoded, timeout=20)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    return response.status, response.headers, response.read().decode()


def csrf_token(opener, url):
    _status, _headers, body = fetch(opener, url)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


def log_in(base, username):
    opener, jar = browser()
    token = csrf_token(opener, f"{base}/accounts/login/")
    form = {"csrfmiddlewaretoken": token, "username": username, "password": "demo"}
    status, headers, _body = fetch(opener, f"{base}/accounts/login/", form)
    assert status == 302, "the demo login failed"
    return opener, jar


def request_of(cluster, username):
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        row = conn.execute(
            "SELECT r.id FROM requests_supportrequest r JOIN auth_user u ON u.id = r.requester_id"
            " WHERE u.username = %s AND r.purged_at IS NULL ORDER BY r.created_at DESC LIMIT 1",
            [username],
        ).fetchone()
    return row[0]


def assert_plain_503(status, headers, body, url):
    assert status == 503, f"{url} answered {status}"
    assert "Temporarily unavailable" in body, url
    assert "Traceback" not in body and "Server error" not in body, url
    assert headers["Retry-After"] == "30", url
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], url
    assert "Set-Cookie" not in headers, url  # the session is kept for when the database is back


def test_every_page_answers_503_while_postgresql_is_stopped_and_200_once_it_is_back(
    app_on_a_cluster,
):
    cluster, base = app_on_a_cluster
    carol, _jar = log_in(base, "carol")
    quinn, _jar = log_in(base, "quinn")
    anonymous, _jar = browser()
    request_page = f"{base}/requests/{request_of(cluster, 'carol')}/"
    pages = [
        (carol, f"{base}/"),
        (carol, request_page),
        (carol, f"{base}/requests/"),
        (carol, f"{base}/peers/"),
        (carol, f"{base}/resources/"),
        (quinn, f"{base}/dashboard/"),
        (quinn, f"{base}/requests/dispatch/"),
        (anonymous, f"{base}/accounts/login/"),
    ]
    for opener, url in pages:
        assert fetch(opener, url)[0] == 200, url
    new_request_token = csrf_token(carol, f"{base}/requests/new/")
    login_token = csrf_token(anonymous, f"{base}/accounts/login/")

    cluster.stop()
    for opener, url in pages:
        assert_plain_503(*fetch(opener, url), url)
    assert fetch(anonymous, f"{base}/healthz")[0] == 503  # the probe answers in plain text
    # A form posted during the outage (a logged-in user's, and a login) gets the page too.
    form = {"csrfmiddlewaretoken": new_request_token, "message": "x"}
    assert_plain_503(*fetch(carol, f"{base}/requests/new/", form), "post new")
    login = {"csrfmiddlewaretoken": login_token, "username": "carol", "password": "demo"}
    assert_plain_503(*fetch(anonymous, f"{base}/accounts/login/", login), "post login")

    cluster.start()
    for opener, url in [*pages, (anonymous, f"{base}/healthz")]:
        assert fetch(opener, url)[0] == 200, url
