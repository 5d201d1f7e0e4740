"""Unreadable secrets fail loudly; keys are rotated in batches and checked before an old one
goes; the placeholders of .env.example are refused."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse

from support_requests.models import SupportRequest
from support_requests.services import request_purge
from svsupport.lib.encryption import UndecryptableData
from tests.support_requests.factories import make_request

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def salts(settings):
    """Sets FIELD_ENCRYPTION_SALTS as a restart with a new configuration would (the fields
    derive their keys again on `setting_changed`)."""

    def configure(*values):
        settings.SALT_KEY = list(values)

    configure("old-salt")
    return configure


def stored(support_request):
    """The contact detail as stored in the database, ciphertext and all."""
    raw = SupportRequest.objects.annotate(raw=Cast("contact_detail", TextField()))
    return raw.values_list("raw", flat=True).get(pk=support_request.pk)


def test_a_request_no_key_opens_gets_an_error_page_not_ciphertext(client, carol, salts, caplog):
    support_request = make_request(carol)
    salts("a-new-salt")  # the old one removed too early
    client.force_login(carol)
    with caplog.at_level(logging.ERROR, logger="svsupport.lib.middleware"):
        response = client.get(reverse("requests:detail", args=[support_request.pk]))
    assert response.status_code == 500
    content = response.content.decode()
    assert "This record cannot be read" in content
    assert "gAAAAA" not in content and "Traceback" not in content
    assert "no-store" in response["Cache-Control"]
    [line] = [r.getMessage() for r in caplog.records if "unreadable" in r.getMessage()]
    assert "requests.SupportRequest." in line and "\n" not in line
    # Pages that do not show the secret keep working.
    assert client.get(reverse("requests:mine")).status_code == 200


def test_an_unreadable_value_is_never_saved_again(carol, salts):
    support_request = make_request(carol)
    before = stored(support_request)
    salts("a-new-salt")
    loaded = SupportRequest.objects.get(pk=support_request.pk)
    with pytest.raises(UndecryptableData, match="contact_detail"):
        str(loaded.contact_detail)
    with pytest.raises(UndecryptableData, match="refusing to save"), transaction.atomic():
        loaded.save()
    assert stored(support_request) == before


def test_the_purge_still_erases_an_unreadable_request(carol, salts):
    support_request = make_request(carol)
    salts("a-new-salt")
    request_purge(support_request=support_request)
    assert stored(support_request) is None


def test_check_encryption_passes_when_every_value_decrypts(carol, salts, capsys):
    make_request(carol)
    call_command("check_encryption")
    assert (
        "3 value(s) on the current key, 0 on an older key, 0 unreadable" in capsys.readouterr().out
    )


def test_check_encryption_fails_and_lists_the_rows_no_key_opens(carol, salts, capsys):
    support_request = make_request(carol)
    salts("a-new-salt")
    with pytest.raises(CommandError, match="3 encrypted value.* cannot be decrypted"):
        call_command("check_encryption")
    assert str(support_request.pk) in capsys.readouterr().err


def test_a_rotation_in_batches_then_the_old_salt_removed(client, carol, salts, capsys):
    requests = [make_request(carol, message=f"Hard night number {n}") for n in range(3)]
    salts("new-salt", "old-salt")
    with pytest.raises(CommandError, match="still need an older key"):
        call_command("check_encryption", current_key_only=True)
    before = [stored(r) for r in requests]

    call_command("rotate_keys", dry_run=True, batch_size=2)
    assert "9 value(s) would be re-encrypted" in capsys.readouterr().out
    assert [stored(r) for r in requests] == before

    call_command("rotate_keys", batch_size=2)
    assert "9 value(s) re-encrypted with the current key, 0 already" in capsys.readouterr().out
    call_command("rotate_keys", batch_size=2)
    assert "0 value(s) re-encrypted with the current key, 9 already" in capsys.readouterr().out
    call_command("check_encryption", current_key_only=True)

    salts("new-salt")
    call_command("check_encryption")
    client.force_login(carol)
    response = client.get(reverse("requests:detail", args=[requests[2].pk]))
    assert "Hard night number 2" in response.content.decode()


def test_rotate_keys_leaves_unreadable_values_alone_and_fails(carol, salts):
    support_request = make_request(carol)
    before = stored(support_request)
    salts("a-new-salt")
    with pytest.raises(CommandError, match="cannot be decrypted"):
        call_command("rotate_keys")
    assert stored(support_request) == before


def env_example_value(name):
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} is not in .env.example")


@pytest.mark.parametrize("debug", ["true", "false"])
def test_the_placeholders_of_env_example_are_refused(debug):
    env = {
        **os.environ,
        "SVSUPPORT_READ_DOTENV": "false",
        "DEBUG": debug,
        "SECRET_KEY": env_example_value("SECRET_KEY"),
        "FIELD_ENCRYPTION_SALTS": env_example_value("FIELD_ENCRYPTION_SALTS"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "svsupport.E005" in result.stderr and "svsupport.E006" in result.stderr
