"""`make bench`: the goals of issue 10 measured at network scale, printed as one table.

A measurement, not a test: it exits 0 when a goal is missed, non-zero only when something
broke. Steps (README "Performance"):
1. A template database `<name>_template` seeded once (`migrate`, `seed_scale --due-offers
   10000`, `vacuumdb -z`, about two minutes), then a fresh copy `<name>` for every run, so
   the clock finds its 10,000 due offers each time. Only databases named "...bench..."
   are touched.
2. gunicorn with 2 sync workers on a free port (production settings, DEBUG off), demo
   accounts signed in through the login form.
3. The measures below, one function each; server times come from the app's own access log
   (duration_ms of the line with our X-Request-ID), client times from this script.
4. The clock: three `manage.py tick` at once on the 10,000 due offers, checked with SQL.

Settings: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/svs_bench),
BENCH_WRK_SECONDS (4, each wrk run), BENCH_TICK_TIMEOUT (120 s: the ticks are stopped
after it and the offers still due are counted)."""

import csv
import http.client
import io
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PYTHON = str(ROOT / ".venv/bin/python")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/svs_bench")
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "4"))
TICK_TIMEOUT = int(os.environ.get("BENCH_TICK_TIMEOUT", "120"))
DUE_OFFERS = 10_000
# Keeps the seeded two years of requests through the clock's purge step (default 90 days).
RETENTION_DAYS = 3650
APP_ENV = {
    "DEBUG": "false",
    "SVSUPPORT_READ_DOTENV": "false",
    # What seed_scale encrypted the requests with: other values could not read them.
    "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdef",
    "FIELD_ENCRYPTION_SALTS": "bench",
    "ALLOWED_HOSTS": "127.0.0.1",
    "HTTPS": "false",
    "REQUEST_RETENTION_DAYS": str(RETENTION_DAYS),
    "STATIC_ROOT": str(VAR / "bench-static"),
    # E-mails are composed and queued as in production, then dropped: the clock is timed,
    # not a mail server.
    "EMAIL_URL": "dummymail://",
}
DEMO_PASSWORD = "demo"  # noqa: S105  (svsupport.lib.demo: the demo accounts' password)

# Throughput pages: (label, user, path). {site} is the site with the most published peers.
PAGES = [
    ("Directory", "carol", "/peers/"),
    ("Directory, filtered", "carol", "/peers/?site={site}&profession=nurse&language=en"),
    ("Directory, searched", "carol", "/peers/?site=&q=martin"),
    ("Registry", "quinn", "/peers/manage/"),
    ("Registry, needing attention", "quinn", "/peers/manage/?attention=1"),
    ("Inbox (peer)", "alice", "/requests/inbox/"),
    ("My requests (staff)", "carol", "/requests/"),
    ("Dispatch (coordinator)", "quinn", "/requests/dispatch/"),
]
# The printable directory, per site and per department (the A4 sheet of a notice board).
PRINT_PAGES = [
    ("one site", "/peers/print/?site={site}"),
    ("one department", "/peers/print/?site=&department={department}"),
]
DASHBOARD_USERS = [("coordinator", "quinn"), ("board", "bea")]
SUBMISSIONS = 30
TIMED_REQUESTS = 20
# Peak RSS growth of a worker below which the CSV export counts as "memory flat".
FLAT_MEMORY_MB = 20


@dataclass
class Row:
    measure: str
    goal: str
    result: str
    met: bool


class BenchError(Exception):
    """Something broke: the run is not a measurement."""


# Database: the seeded template and the run's fresh copy


class Database:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.name = parts.path.lstrip("/")
        # Plain names only: they go into SQL and command lines as they are.
        if "bench" not in self.name or not re.fullmatch(r"[a-z0-9_]+", self.name):
            raise BenchError(
                f"refusing database {self.name!r}: its name must say bench (a-z, 0-9, _)"
            )
        self.template = f"{self.name}_template"
        self.url = url
        self.template_url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.template}"))
        self.options = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
        self.options += ["-U", parts.username or "postgres"]
        # Quiet: no "database does not exist, skipping" notice from dropdb --if-exists.
        self.env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
        if parts.password:
            self.env["PGPASSWORD"] = parts.password

    def run(self, *command):
        subprocess.run([command[0], *self.options, *command[1:]], check=True, env=self.env)

    def psql(self, query, database):
        return subprocess.run(
            ["psql", *self.options, "-Atc", query, database],
            check=True,
            env=self.env,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def exists(self, name):
        return name in self.psql("SELECT datname FROM pg_database", "postgres").split()

    def sql(self, query):
        """The one value `query` returns on the run's copy."""
        return self.psql(query, self.name)

    def ensure_template(self):
        """Seeds the template unless it exists; returns how and when it was seeded (kept as
        the database's comment)."""
        if self.exists(self.template):
            comment = self.psql(
                # The name is checked plain in __init__.
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "  # noqa: S608
                f"WHERE datname = '{self.template}'",
                "postgres",
            )
            return comment or "seeded earlier"
        print(f"== seeding {self.template} (about two minutes)")
        started = time.monotonic()
        self.run("createdb", self.template)
        try:
            manage("migrate", "--noinput", "-v0", database_url=self.template_url)
            manage("seed_scale", "--due-offers", str(DUE_OFFERS), database_url=self.template_url)
            self.run("vacuumdb", "-z", "-q", self.template)
        except BaseException:
            self.run("dropdb", "--if-exists", self.template)  # half seeded: seed again next run
            raise
        seeded = f"seeded in {time.monotonic() - started:.0f} s on {utc_now()}"
        self.psql(f"COMMENT ON DATABASE {self.template} IS '{seeded}'", "postgres")
        return seeded

    def fresh_copy(self):
        """A copy of the template, with the migrations made since it was seeded."""
        # --force: a tick stopped at its timeout may leave its connection behind a while.
        self.run("dropdb", "--if-exists", "--force", self.name)
        self.run("createdb", "-T", self.template, self.name)
        manage("migrate", "--noinput", "-v0", database_url=self.url)


def app_env(database_url):
    return {**os.environ, **APP_ENV, "DATABASE_URL": database_url}


def manage(*arguments, database_url):
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=app_env(database_url), check=True
    )


# The server


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, database_url):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = VAR / "bench-gunicorn.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115  (closed in stop())
        env = {**app_env(database_url), "SITE_URL": self.base}
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "svsupport.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_healthy(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited; see {self.log_path}")
            try:
                healthz = self.base + "/healthz"  # http://127.0.0.1 only
                with urllib.request.urlopen(healthz, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise BenchError("gunicorn did not answer /healthz within a minute")

    def workers(self):
        """The pids of the worker processes (children of the gunicorn master)."""
        pids = []
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text()
            except (OSError, ValueError):
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def server_ms(self, request_id):
        """duration_ms of the app's access line for `request_id` (RequestLogMiddleware)."""
        for _attempt in range(20):
            for line in self.log_path.read_text().splitlines():
                if request_id in line and '"duration_ms"' in line:
                    return json.loads(line)["duration_ms"]
            time.sleep(0.05)
        raise BenchError(f"no access line for {request_id} in {self.log_path}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


@contextmanager
def running_server(database_url):
    server = Server(database_url)
    try:
        server.wait_until_healthy()
        yield server
    finally:
        server.stop()


def memory_mb(pid, field):
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no {field} for process {pid}")


# Signed-in clients


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(HTMLParser):
    """The values a browser would send, as shown, for the POST form that posts to the page
    itself (not the menu's sign-out or language forms)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select = {}, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("method", "").lower() == "post" and not attrs.get("action")
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            if kind not in ("submit", "button"):
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self.select = attrs["name"]
            self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.fields[attrs["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "form":
            self.in_form = False


class Client:
    """One signed-in user: a cookie jar, and requests tagged with an X-Request-ID."""

    def __init__(self, server, username):
        self.server, self.username, self.jar = server, username, CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(cookies, NoRedirect)
        page = self.get("/accounts/login/")
        form = {
            "username": username,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": csrf_token(page.body),
        }
        answer = self.post("/accounts/login/", form)
        if answer.status != 302:
            raise BenchError(f"{username} could not sign in (HTTP {answer.status})")

    def request(self, path, data=None):
        request_id = f"bench-{uuid.uuid4().hex}"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310  (http://127.0.0.1 only)
            self.server.base + path, data=body, headers={"X-Request-ID": request_id}
        )
        started = time.perf_counter()
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as error:  # 3xx and 4xx/5xx alike
            response = error
        with response:
            content = response.read()
        return Response(
            response.status,
            response.headers,
            content,
            request_id,
            (time.perf_counter() - started) * 1000,
        )

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def get_ok(self, path):
        """GET that must answer 200 (not a redirect to the login page, not an error)."""
        response = self.get(path)
        if response.status != 200:
            raise BenchError(f"{self.username} GET {path}: HTTP {response.status}")
        return response

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


@dataclass
class Response:
    status: int
    headers: object
    body: bytes
    request_id: str
    client_ms: float


def csrf_token(html):
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise BenchError("no CSRF token in the form")
    return match.group(1).decode()


def median_p90(values):
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, round(0.9 * len(ordered)) - 1)]


# The measures, one function each; each returns Rows


def measure_csv(server, client, peer_count):
    """Registry CSV: time to the last byte, rows, streaming, worker memory before/after."""
    for _warm_up in range(4):  # both workers serve the registry page first
        client.get_ok("/peers/manage/")
    workers = server.workers()
    rss_before = {pid: memory_mb(pid, "VmRSS") for pid in workers}
    peak_before = {pid: memory_mb(pid, "VmHWM") for pid in workers}
    timings, rows, streamed = [], 0, True
    for _run in range(3):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        started = time.perf_counter()
        connection.request(
            "GET", "/peers/manage/export.csv", headers={"Cookie": client.cookie_header()}
        )
        response = connection.getresponse()
        content = response.read()
        timings.append(time.perf_counter() - started)
        streamed &= response.getheader("Transfer-Encoding") == "chunked"
        connection.close()
        if response.status != 200:
            raise BenchError(f"registry CSV: HTTP {response.status}")
        rows = sum(1 for _row in csv.reader(io.StringIO(content.decode("utf-8-sig")))) - 1
    rss_after = {pid: memory_mb(pid, "VmRSS") for pid in workers}
    peak_growth = max(memory_mb(pid, "VmHWM") - peak_before[pid] for pid in workers)
    seconds = statistics.median(timings)
    memory = ", ".join(
        f"worker {pid} RSS {rss_before[pid]:.0f} → {rss_after[pid]:.0f} MB" for pid in workers
    )
    result = (
        f"{seconds:.2f} s to the last byte (median of 3), {rows} rows for {peer_count} peers, "
        f"{'streamed' if streamed else 'NOT streamed'}; {memory}; "
        f"peak RSS +{peak_growth:.0f} MB"
    )
    met = seconds <= 1.5 and streamed and peak_growth < FLAT_MEMORY_MB and rows >= peer_count
    return [Row("Registry CSV, 10,000 peers", "<= 1.5 s, streamed, memory flat", result, met)]


def server_times(server, client, path, count):
    client.get_ok(path)  # warm-up, not counted
    responses = [client.get_ok(path) for _ in range(count)]
    server_ms = [server.server_ms(response.request_id) for response in responses]
    return server_ms, [response.client_ms for response in responses], responses[-1]


def measure_dashboards(server, clients):
    rows = []
    for role, username in DASHBOARD_USERS:
        server_ms, client_ms, _last = server_times(
            server, clients[username], "/dashboard/", TIMED_REQUESTS
        )
        median = statistics.median(server_ms)
        result = (
            f"{median:.0f} ms server (median of {TIMED_REQUESTS}, sequential), "
            f"{statistics.median(client_ms):.0f} ms client"
        )
        rows.append(Row(f"Dashboard, {role} ({username})", "<= 150 ms", result, median <= 150))
    return rows


def wrk(server, path, cookie=None):
    command = ["wrk", "-t2", "-c4", f"-d{WRK_SECONDS}s", "--timeout", "60s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, server.base + path], check=True, capture_output=True, text=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise BenchError(f"wrk {path}: {errors.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure_throughput(server, clients, values):
    """Two rounds; each page right after /healthz and the same user's home page, so that
    every ratio compares runs made under the same load of the shared machine."""
    ratios = {label: [] for label, _user, _path in PAGES}
    rates = {label: [] for label, _user, _path in PAGES}
    home_ratios = []
    for round_number in (1, 2):
        for label, username, path in PAGES:
            client, url = clients[username], path.format(**values)
            client.get_ok(url)  # it answers 200 to this user, not a redirect to the login
            cookie = client.cookie_header()
            healthz = wrk(server, "/healthz")
            home = wrk(server, "/", cookie)
            page = wrk(server, url, cookie)
            print(
                f"   round {round_number}: {label}: {page:.1f} req/s, home {home:.1f}, "
                f"healthz {healthz:.1f}"
            )
            rates[label].append(page)
            ratios[label].append(page / home if home else 0)
            home_ratios.append(home / healthz if healthz else 0)
    rows = []
    for label, username, path in PAGES:
        mean = statistics.mean(ratios[label])
        rounds = " / ".join(f"{ratio:.0%}" for ratio in ratios[label])
        result = (
            f"{statistics.mean(rates[label]):.1f} req/s, {mean:.0%} of home "
            f"(rounds {rounds}); `{path.format(**values)}` as {username}"
        )
        rows.append(Row(f"{label}: throughput", ">= 50 % of home", result, mean >= 0.5))
    mean = statistics.mean(home_ratios)
    result = (
        f"{mean:.0%} of /healthz (mean of {len(home_ratios)} interleaved pairs, "
        f"{min(home_ratios):.0%}–{max(home_ratios):.0%})"
    )
    rows.append(Row("Home page: throughput", ">= 25 % of /healthz", result, mean >= 0.25))
    return rows


def submit_request(client):
    """Sends the request form as shown, choosing e-mail as soon as possible. None when the
    account may not send one now (its open requests at the limit)."""
    page = client.get_ok("/requests/new/")
    parser = FormFields()
    parser.feed(page.body.decode())
    if "submission_id" not in parser.fields:
        return None
    form = {**parser.fields, "contact_method": "email", "timing": "asap"}
    response = client.post("/requests/new/", form)
    location = response.headers.get("Location", "")
    if response.status != 302 or not re.fullmatch(r"/requests/[0-9a-f-]{36}/sent/", location):
        raise BenchError(
            f"{client.username}: the request was not sent (HTTP {response.status} {location})"
        )
    client.get_ok(location)  # the request's page
    return response


def measure_submissions(server):
    server_ms, client_ms, skipped = [], [], 0
    number = 0
    while len(server_ms) < SUBMISSIONS and number < 3 * SUBMISSIONS:
        client = Client(server, f"scale-staff-{number}")
        number += 1
        response = submit_request(client)
        if response is None:
            skipped += 1
            continue
        server_ms.append(server.server_ms(response.request_id))
        client_ms.append(response.client_ms)
        print(f"   {client.username}: {server_ms[-1]:.0f} ms")
    if len(server_ms) < SUBMISSIONS:
        raise BenchError(f"only {len(server_ms)} requests could be sent")
    median, p90 = median_p90(server_ms)
    result = (
        f"{median:.0f} ms median, {p90:.0f} ms p90 server; {statistics.median(client_ms):.0f} "
        f"ms client; {SUBMISSIONS} staff accounts, each led to its request page"
        + (f" ({skipped} accounts at their open-request limit skipped)" if skipped else "")
    )
    return [Row("Request submission, matching included", "<= 100 ms median", result, median <= 100)]


def measure_print(server, client, values):
    rows = []
    for label, path in PRINT_PAGES:
        url = path.format(**values)
        server_ms, _client_ms, last = server_times(server, client, url, 10)
        median = statistics.median(server_ms)
        peers = last.body.count(b"<tr") - 1
        result = (
            f"{median:.0f} ms server (median of 10), {len(last.body) / 1024:.0f} KB, "
            f"about {peers} rows; `{url}`"
        )
        rows.append(Row(f"Printable directory, {label}", "< 200 ms", result, median < 200))
    return rows


def measure_tick(database):
    """Three ticks at once on the due offers; then SQL: none past its window may remain."""
    due_sql = "SELECT count(*) FROM requests_offer WHERE state = 'pending' AND expires_at < now()"
    lapsed_sql = "SELECT count(*) FROM requests_offer WHERE state = 'lapsed'"
    due_before, lapsed_before = int(database.sql(due_sql)), int(database.sql(lapsed_sql))
    env = app_env(database.url)
    logs = [open(VAR / f"bench-tick-{n}.log", "w") for n in range(3)]  # noqa: SIM115
    started = time.monotonic()
    ticks = [
        subprocess.Popen(
            [PYTHON, "manage.py", "tick"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for log in logs
    ]
    stopped = []
    for tick in ticks:
        try:
            tick.wait(timeout=max(1, TICK_TIMEOUT - (time.monotonic() - started)))
        except subprocess.TimeoutExpired:
            os.killpg(tick.pid, signal.SIGTERM)
            tick.wait()
            stopped.append(tick.pid)
    seconds = time.monotonic() - started
    for log in logs:
        log.close()
    due_after, lapsed = int(database.sql(due_sql)), int(database.sql(lapsed_sql)) - lapsed_before
    codes = [tick.returncode for tick in ticks]
    if stopped:
        outcome = f"stopped after {TICK_TIMEOUT} s, unfinished"
    else:
        outcome = f"{seconds:.1f} s wall (Python start-up included), exit codes {codes}"
    result = (
        f"3 ticks at once: {outcome}; {due_before} due before, {due_after} still past their "
        f"window after, {lapsed} lapsed; REQUEST_RETENTION_DAYS={RETENTION_DAYS} so the purge "
        f"keeps the seeded history"
    )
    met = not stopped and seconds < 5 and due_after == 0 and codes == [0, 0, 0]
    return [
        Row(f"Clock: {due_before} due offers, 3 ticks at once", "all cleared < 5 s", result, met)
    ]


# The run


def busiest_site_and_department(database):
    """The site and the department with the most published peers, for the filters."""
    query = (
        "SELECT {column}.code FROM peers_peersupporter p JOIN {table} {column} "
        "ON {column}.id = p.{column}_id WHERE p.status = 'active' "
        "GROUP BY {column}.code ORDER BY count(*) DESC, {column}.code LIMIT 1"
    )
    return {
        "site": database.sql(query.format(column="site", table="organisation_site")),
        "department": database.sql(
            query.format(column="department", table="organisation_department")
        ),
    }


def table(rows):
    lines = ["| Measure | Goal | Result | Met |", "|---|---|---|---|"]
    lines += [f"| {r.measure} | {r.goal} | {r.result} | {'yes' if r.met else 'no'} |" for r in rows]
    return "\n".join(lines)


def utc_now():
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def commit():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def run():
    VAR.mkdir(exist_ok=True)
    database = Database(DATABASE_URL)
    load_start = load()
    print(f"== load average at start: {load_start} ({os.cpu_count()} cores, shared)")
    seeded = database.ensure_template()
    print(f"== data: {database.template} {seeded} (drop it to seed again)")
    database.fresh_copy()
    values = busiest_site_and_department(database)
    peer_count = int(database.sql("SELECT count(*) FROM peers_peersupporter"))
    manage("collectstatic", "--noinput", "-v0", database_url=database.url)
    rows = []
    with running_server(database.url) as server:
        print(f"== gunicorn on {server.base}, log in {server.log_path}")
        clients = {user: Client(server, user) for user in ["quinn", "bea", "alice", "carol"]}
        for label, measure in [
            ("registry CSV", lambda: measure_csv(server, clients["quinn"], peer_count)),
            ("dashboards", lambda: measure_dashboards(server, clients)),
            ("throughput", lambda: measure_throughput(server, clients, values)),
            ("submissions", lambda: measure_submissions(server)),
            ("printable directory", lambda: measure_print(server, clients["quinn"], values)),
        ]:
            print(f"== {label}")
            rows += measure()
    print("== the clock")
    rows += measure_tick(database)
    report = "\n".join(
        [
            f"svsupport benchmark, commit {commit()}, {utc_now()}",
            f"data: {database.template} {seeded}, copied to {database.name} for this run",
            f"load average at start {load_start}, at end {load()} ({os.cpu_count()} cores, shared)",
            "",
            table(rows),
            "",
        ]
    )
    (VAR / "bench-results.md").write_text(report)
    print()
    print(report)
    print(f"(also in {VAR / 'bench-results.md'})")


def main():
    try:
        run()
    except (BenchError, subprocess.CalledProcessError, OSError) as error:
        print(f"bench: broken: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
