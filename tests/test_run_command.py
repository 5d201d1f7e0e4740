"""`make run` (scripts/run.sh) behaves like production: the clock ticks beside gunicorn, so
readiness is green; e-mail links follow PORT; stopping gunicorn stops the clock too."""

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def running(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SITE_URL", "DEBUG", "SECRET_KEY"}
    }
    env.update(PORT=str(port), SVSUPPORT_DATA_DIR=str(tmp_path), SVSUPPORT_READ_DOTENV="false")
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    yield process, port, tmp_path / "run.log"
    if group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


def test_make_run_ticks_the_clock_beside_gunicorn_and_stops_both(running):
    process, port, log = running
    assert wait_for(lambda: status_of(port, "/healthz") == 200, 120), log.read_text()
    # The clock's first tick leaves a heartbeat: the readiness probe is green.
    assert wait_for(lambda: status_of(port, "/health/ready") == 200, 30), log.read_text()
    text = log.read_text()
    assert "tick: " in text
    assert f"running at http://127.0.0.1:{port}/" in text  # SITE_URL follows PORT
    # Stopping gunicorn (as CI and Ctrl+C do) ends the script and its clock.
    master = int(text.split(f"Listening at: http://127.0.0.1:{port} (")[1].split(")")[0])
    os.kill(master, signal.SIGTERM)
    process.wait(timeout=30)
    assert wait_for(lambda: not group_alive(process.pid), 10)
