"""The link-only rule that tests/conftest.py checks on every e-mail the suite sends."""

from django.core.mail import EmailMessage

from tests.conftest import Secrets, link_only_problems


def secrets():
    found = Secrets()
    found.names |= {"Carol", "Petit", "carol"}
    found.texts |= {"Secret words about a hard night", "06 12 34 56 78"}
    return found


def test_a_link_alone_passes():
    message = EmailMessage("Peer support", "Open it here:\nhttp://127.0.0.1:8000/requests/")
    assert link_only_problems(message, secrets()) == []


def test_a_name_a_message_or_a_missing_link_is_caught():
    named = EmailMessage("For carol", "Dear CAROL, http://x.example/requests/")
    told = EmailMessage("Peer support", "Secret words about a hard night")
    assert len(link_only_problems(named, secrets())) == 1
    assert link_only_problems(told, secrets()) == [
        "no link in the body",
        "'Secret words about a hard night' in an e-mail",
    ]


def test_a_name_inside_another_word_is_not_a_name():
    message = EmailMessage("Peer support", "Carolina: http://x.example/requests/")
    assert link_only_problems(message, secrets()) == []
