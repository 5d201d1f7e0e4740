"""Generated values (hypothesis) posted to every form of the app and sent in the query string
of every page that filters or searches, as each role that meets them: never a 5xx.

The forms are not listed by hand: every page a role can open (the authorization matrix's
GET routes, and a request each capacity may see) is fetched and its forms read from the HTML,
so a new form is fuzzed by construction. Each example runs in a transaction rolled back
afterwards, so one example's change does not hide the next one's form.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from peers.models import Nomination
from support_requests.models import Invitation

# The matrix's people and world, built once for this module too.
from tests.test_authorization_matrix import (  # noqa: F401  (fixtures)
    MATRIX,
    SEEN,
    module_people_and_world,
    person,
    users_by_role,
    world,
)

EXAMPLES_PER_FORM = 4
# Actions that end the session or only switch the language: nothing to learn, and posting
# them would log the fuzzing client out.
SKIPPED_ACTIONS = {reverse("logout"), reverse("set_language")}

NASTY = [
    "",
    "\x00",
    "a\x00b",
    "a" * 100_000,
    "a" + "\u0301" * 5_000,
    "e\u0301\u200f\u202e\ufeff",
    "²",
    "٣",
    "١٢",
    "𝟗",
    "-1",
    "0",
    "1e309",
    "99999999999999999999999",
    "0001-01-01",
    "0001-01-01T00:00",
    "0001-01-01 00:30",
    "9999-12-31",
    "9999-12-31T23:59",
    "2026-02-30",
    "' OR 1=1--",
    "%_",
    '"><img src=x onerror=alert(1)>',
    "\r\nSet-Cookie: x=y",
    "🙂" * 300,
]
weird_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(st.characters(categories=["Nd", "No", "Mn", "Cf", "Zs"]), min_size=1, max_size=40),
    st.integers().map(str),
    st.dates().map(lambda value: value.isoformat()),
    st.datetimes().map(lambda value: value.isoformat(timespec="minutes")),
)


@dataclass
class Form:
    page: str
    method: str
    action: str
    fields: dict = field(default_factory=dict)  # name -> a value the page offered
    choices: dict = field(default_factory=dict)  # name -> every value the page offered
    dates: set = field(default_factory=set)  # names of date and date-time inputs


class FormReader(HTMLParser):
    """The forms of a page: method, action and every named field with its values."""

    def __init__(self, page):
        super().__init__()
        self.page, self.forms, self.select, self.queries = page, [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "?" in (attrs.get("href") or ""):
            url = urlsplit(attrs["href"])
            self.queries.append(
                (url.path or urlsplit(self.page).path, parse_qs(url.query, keep_blank_values=True))
            )
        elif tag == "form":
            action = attrs.get("action") or self.page
            method = (attrs.get("method") or "get").upper()
            self.forms.append(Form(self.page, method, urlsplit(action).path or self.page))
        elif self.forms and tag in {"input", "textarea", "select"} and attrs.get("name"):
            name = attrs["name"]
            if name == "csrfmiddlewaretoken" or attrs.get("type") == "submit":
                return
            self.offer(name, attrs.get("value") or "")
            self.select = name if tag == "select" else None
            if attrs.get("type") in {"date", "datetime-local"}:
                self.forms[-1].dates.add(name)
        elif tag == "option" and self.select:
            self.offer(self.select, attrs.get("value") or "")

    def offer(self, name, value):
        form = self.forms[-1]
        form.fields.setdefault(name, value)
        form.choices.setdefault(name, []).append(value)


def forms_of(client, pages, seen):
    """The forms of every page that answers this client and that `seen` does not hold yet,
    plus, for every page that reads a query string (a GET form's target, a link with a
    query), a GET "form" of the parameters it reads and `page`."""
    forms, queries = [], {}
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        reader = FormReader(page)
        reader.feed(response.content.decode())
        for form in reader.forms:
            if form.method == "GET":
                for name, values in form.choices.items():
                    queries.setdefault(form.action, {}).setdefault(name, []).extend(values)
            elif form.action not in SKIPPED_ACTIONS and form.fields:
                forms.append(form)
        for path, values in reader.queries:
            for name, value in values.items():
                queries.setdefault(path, {}).setdefault(name, []).extend(value)
    for path, choices in queries.items():
        choices = {"page": [""], **{name: ["", *values] for name, values in choices.items()}}
        forms.append(Form(path, "GET", path, dict.fromkeys(choices, ""), choices))
    new = {shape(form): form for form in forms if shape(form) not in seen}
    seen.update(new)
    return list(new.values())


def shape(form):
    """The same form met by two roles or on two requests is fuzzed once."""
    path = re.sub(r"/[0-9a-f-]{36}/|/\d+/", "/ID/", form.action)
    path = re.sub(r"/[\w-]+\.csv$", "/TABLE.csv", path)  # the figures' exports
    return form.method, path, tuple(sorted(form.fields))


def pages_for(world_objects):
    """Every GET page of the matrix, and the pages of a request each capacity may see."""
    pages = []
    for name, (kwargs, _) in MATRIX.items():
        kwargs = kwargs(world_objects) if callable(kwargs) else kwargs or None
        pages.append(reverse(name, kwargs=kwargs))
    for key in SEEN:
        pages.append(reverse("requests:detail", args=[world_objects[key].pk]))
    # With a query, so that the links of these pages carry the parameters they pass on.
    return pages + [
        reverse("requests:new") + f"?peer={world_objects['bob_peer'].pk}",
        reverse("figures:dashboard") + "?period=&site=",
    ]


def values_for(form):
    """Each field keeps a value the page offered, or gets a generated one; a multiple
    choice may come twice."""

    def one(name):
        offered = st.sampled_from(form.choices[name])
        return st.one_of(offered, weird_text, st.lists(weird_text, min_size=2, max_size=3))

    return st.fixed_dictionaries({name: one(name) for name in form.fields})


def never_5xx(client, form, values):
    with transaction.atomic():
        if form.method == "POST":
            response = client.post(form.action, values)
        else:
            response = client.get(form.action, values)
        transaction.set_rollback(True)
    assert response.status_code < 500, (form.method, form.action, values)


def fuzz(client, forms):
    for form in forms:
        fuzz_one(client, form)


# Values that broke the app once; every field of every form meets them, the other fields
# keeping what the page offered (so that the form gets as far as saving), and every query
# parameter of every page meets them at once.
TEXT_KILLERS = ["a\x00b", "a" * 100_000, "a" + "\u0301" * 5_000, "²"]
DATE_KILLERS = ["0001-01-01", "0001-01-01T00:00", "0001-01-01 00:30", "9999-12-31T23:59"]


def killer_examples(form):
    if form.method == "GET":
        return [dict.fromkeys(form.fields, value) for value in TEXT_KILLERS + DATE_KILLERS]
    return [
        {**form.fields, name: value}
        for name in form.fields
        for value in (DATE_KILLERS if name in form.dates else TEXT_KILLERS)
    ]


def fuzz_one(client, form):
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(values=values_for(form))
    def check(values):
        never_5xx(client, form, values)

    for values in killer_examples(form):
        check = example(values=values)(check)
    check()


def test_generated_values_in_every_form_never_give_a_5xx(users_by_role, world):  # noqa: F811
    carol, bob_peer = users_by_role["staff"], world["bob_peer"]
    # A question waiting for the requester, and a nomination waiting for its nominee: the
    # forms the matrix's world does not show.
    world["carols_request"].follow_ups.create(due_at=timezone.now(), sent_at=timezone.now())
    nomination = Nomination.objects.create(
        nominator=bob_peer, nominee=carol, profession="nurse", department="ICU", motivation="m"
    )
    invitation = Invitation.objects.create(invitee=carol, source="outreach")
    pages = pages_for(world) + [
        reverse("peers:nomination_answer", args=[nomination.pk]),
        reverse("requests:invitation", args=[invitation.pk]),
    ]
    seen = {}
    for role in ["staff", "peer", "coordinator"]:
        client = Client(raise_request_exception=False)
        client.force_login(users_by_role[role])
        fuzz(client, forms_of(client, pages, seen))
    methods = {method for method, _, _ in seen}
    assert methods == {"GET", "POST"} and len(seen) >= 30, sorted(seen)


def test_generated_values_at_login_never_give_a_5xx(db):
    client = Client(raise_request_exception=False)
    fuzz(client, forms_of(client, [reverse("login")], {}))
