"""Structured logs: one JSON object a line, UTC, a request id, and nothing a person typed."""

import io
import json
import logging

import pytest
from django.urls import reverse

from svsupport.lib.logging import JsonLineFormatter
from tests.support_requests.factories import form_data


@pytest.fixture
def log_lines():
    """Every line the app writes during the test, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    loggers = [
        logging.getLogger(),
        logging.getLogger("django"),
        logging.getLogger("django.request"),
    ]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: stream.getvalue().splitlines()
    for logger in loggers:
        logger.removeHandler(handler)


def test_each_request_writes_one_json_line_with_its_id_in_utc(client, carol, log_lines):
    client.force_login(carol)
    response = client.get(reverse("home"))
    [line] = [json.loads(text) for text in log_lines() if "svsupport.request" in text]
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["time"].endswith("Z")
    assert {k: line[k] for k in ("level", "logger", "method", "path", "status")} == {
        "level": "INFO",
        "logger": "svsupport.request",
        "method": "GET",
        "path": "/",
        "status": 200,
    }


def test_the_proxys_request_id_is_kept_and_a_forged_one_replaced(client, db, log_lines):
    nginx_id = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=nginx_id)["X-Request-ID"] == nginx_id
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"}\n{"level": "ERROR"')
    assert forged["X-Request-ID"] != nginx_id
    assert len(forged["X-Request-ID"]) == 32
    assert [json.loads(text)["request_id"] for text in log_lines() if "/healthz" in text] == [
        nginx_id,
        forged["X-Request-ID"],
    ]


def test_no_message_contact_detail_or_searched_name_reaches_the_logs(
    client, carol, alice, log_lines
):
    client.force_login(carol)
    client.post(
        reverse("requests:new"),
        form_data(
            message="Zephyrine cried\nafter the night",
            contact_method="email",
            contact_detail="zephyrine.private@mail.example",
        ),
    )
    client.get(reverse("peers:directory"), {"q": "Zephyrine"})
    client.get(reverse("peers:directory") + "?q=Martin%0A%7Bforged")
    lines = log_lines()
    requests = [text for text in lines if '"logger": "svsupport.request"' in text]
    assert len(requests) == 3
    for text in lines:
        assert "zephyrine" not in text.lower()
        assert "Martin" not in text
        json.loads(text)


def test_a_403_is_one_line_without_a_traceback(client, carol, log_lines):
    client.force_login(carol)
    assert client.get(reverse("peers:manage")).status_code == 403
    lines = log_lines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert (entry["path"], entry["status"]) == ("/peers/manage/", 403)
    assert "exc_info" not in entry and "Traceback" not in lines[0]


def test_a_refused_csrf_token_is_one_line_without_a_traceback(carol, log_lines):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(carol)
    assert client.post(reverse("logout")).status_code == 403
    assert not any("Traceback" in line or "exc_info" in line for line in log_lines())
    assert [json.loads(line)["status"] for line in log_lines() if '"status"' in line] == [403]
