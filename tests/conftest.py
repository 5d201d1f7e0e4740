"""Shared fixtures: the named people of the test suite (built by tests/people.py) and the
browser set-up."""

import asyncio
import importlib
import logging
import os
import shutil
import socket
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model

from tests import people

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "screenshots"


@pytest.fixture
def alice(db):
    return people.alice()


@pytest.fixture
def bob(db):
    return people.bob()


@pytest.fixture
def carol(db):
    return people.carol()


@pytest.fixture
def dan(db):
    return people.dan()


@pytest.fixture
def quinn(db):
    return people.quinn()


@pytest.fixture
def bea(db):
    return people.bea()


@pytest.fixture
def olga(db):
    return people.olga()


@pytest.fixture
def users_by_role(alice, carol, quinn):
    return {"staff": carol, "peer": alice, "coordinator": quinn}


@pytest.fixture(autouse=True)
def _figures_computed_afresh(settings):
    """The figures are computed on every page in tests, so that one test's figures never
    stand for another's data; tests/figures/test_cache.py turns the cache on."""
    settings.FIGURES_CACHE_SECONDS = 0


def uses_transactions(request):
    marker = request.node.get_closest_marker("django_db")
    in_marker = bool(marker and marker.kwargs.get("transaction"))
    return in_marker or {"live_server", "transactional_db"} & set(request.fixturenames)


@pytest.fixture(autouse=True)
def _data_migrations(request):
    """Transactional tests truncate every table afterwards, data migrations included: put
    back what a new installation has (the pathway's content, the commitments charter) before
    each of them. (Serialized rollback does not help: once Playwright runs its event loop in
    the test thread, Django hands that thread a new connection without the serialized data.)"""
    if not uses_transactions(request):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


DATA_MIGRATIONS = [
    ("svsupport.migrations.0002_role_groups", "create_role_groups"),
    ("resources.migrations.0002_default_content", "load_default_content"),
    ("resources.migrations.0003_commitments_charter", "create_commitments_charter"),
]


@pytest.fixture(autouse=True)
def _fast_and_english(settings):
    # A deliberately weak hasher keeps a suite that creates hundreds of users fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "en"


# A real mail server ----------------------------------------------------------------------


class SmtpServer:
    """aiosmtpd on a free loopback port, in a thread. `stop()` leaves the port closed, so the
    app meets "connection refused" as with a mail server that is down; `start()` reopens it.
    `messages` lists every message the server accepted, across restarts; an address in
    `refused` gets "550 no such mailbox"."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.messages = []
        self.refused = set()
        self.delay = 0.0
        self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def recipients(self):
        return sorted(message["To"] for message in self.messages)


@pytest.fixture
def smtp_server(settings):
    """The app sends through a real SMTP server (started) instead of the locmem backend."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's session chatter
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    server.start()
    yield server
    server.stop()


# The link-only rule for e-mails ----------------------------------------------------------


@pytest.fixture(autouse=True)
def _emails_carry_a_link_only():
    """Every e-mail the suite sends (django.core.mail.outbox, whatever sends into it) is
    checked when the test ends: a link, and no name, username, message, contact detail or
    time window of anybody the test created. What to look for is noted as users, peers and
    requests are saved, so the check needs no database at teardown."""
    from django.db.models.signals import post_save

    from peers.models import PeerSupporter
    from support_requests.models import SupportRequest

    secrets = Secrets()
    watched = [
        (get_user_model(), lambda i: [i.first_name, i.last_name, i.username], secrets.names),
        (PeerSupporter, lambda i: [i.display_name], secrets.names),
        (SupportRequest, lambda i: [i.message, i.contact_detail, i.time_window], secrets.texts),
    ]
    receivers = []
    for model, values, into in watched:

        def note(sender, instance, values=values, into=into, **kwargs):
            into.update(str(value) for value in values(instance) if value)

        post_save.connect(note, sender=model, weak=False)
        receivers.append((model, note))
    # Yielded so that data built outside the test (the matrix's module-wide world) can be
    # noted too.
    yield secrets
    for model, note in receivers:
        post_save.disconnect(note, sender=model)
    from django.core import mail

    problems = [problem for message in getattr(mail, "outbox", []) for problem in
                link_only_problems(message, secrets)]  # fmt: skip
    assert not problems, problems


class Secrets:
    def __init__(self):
        self.names, self.texts = set(), set()


def link_only_problems(message, secrets):
    """What breaks the link-only rule in one e-mail: a missing link, a name (as a whole
    word, any case), a message, contact detail or time window (as typed)."""
    import re

    bodies = [message.subject, message.body] + [
        content for content, _ in getattr(message, "alternatives", [])
    ]
    text = "\n".join(str(body) for body in bodies)
    problems = [] if re.search(r"https?://\S+", message.body) else ["no link in the body"]
    for name in sorted({name.casefold() for name in secrets.names}):
        if len(name) >= 3 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I):
            problems.append(f"the name {name!r} in an e-mail to {message.to}")
    texts = [value.strip() for value in secrets.texts if len(value.strip()) >= 4]
    problems += [f"{value!r} in an e-mail" for value in texts if value in text]
    return problems


# Browser tests -------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright's own download is not possible on our machines."""
    path = chromium_path()
    if path is None:
        # Where a Playwright-managed Chromium is installed, let Playwright find it.
        return {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot under test-results/screenshots/NAME.png."""

    def take(name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
