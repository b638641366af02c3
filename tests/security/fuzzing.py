"""The fuzz test's machinery (the tests are test_fuzz*.py, one file per
kind of person or two, so that the parallel runners share them).

Bad input costs nothing: every URL of the URL conf (Wagtail's included,
found by tests/security/urlconf.py's walk, so a URL added later is covered
without anyone adding it here), as each of five people (nobody, a
participant, a facilitator who is not a site administrator, another
programme's facilitator, a site administrator), is asked:

1. with ids that are not ids in its address (text, negative, past the
   64-bit range, a null character): never a server error, and for the
   people who may open the screen, 404 (or 400 for the null character);
2. with hostile query strings (quotes, a null character, huge and negative
   numbers, another site's address, repeated and unknown parameters), on
   every parameter the page itself shows in its links and GET forms and on
   the ones Wagtail's admin reads: never a server error, and never a
   redirect to another site;
3. with every POST form the page shows (found by parsing it,
   tests/security/form_values.py): first with every text box filled far past
   any limit with the nastiest shape for the sanitiser ("<b><i>" repeated),
   which must be refused with nothing changed (every row of the programme,
   the pages, the accounts, as tests/security/rows.py compares them) and
   with none of it reaching the sanitiser (a spy that wraps
   programme.sanitise's functions records every text they are given); then
   with hostile values in every field, hidden ones included (another
   site's address in "next"): never a server error, nor a redirect away.

No clock is read: what is asserted is what was refused, and how much text
reached the sanitiser. The world is two programmes (tests/builders.py
build_private_world) and a site administrator."""
import logging
import sys
import time
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse

import programme.sanitise
from programme.bad_input import names_an_id
from resources.models import ProgrammeReportIndexPage
from resources.site_setup import EDITORS_GROUP
from tests.builders import build_private_world
from tests.factories import UserFactory
from tests.security.form_values import post_forms
from tests.security.rows import changed, snapshot
from tests.security.urlconf import every_url, kwarg_values

LOG_TABLES = {"wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry"}
HUGE = "99999999999999999999999999"
FOREIGN = "//evil.example/"  # where no redirect may ever send anyone
NOT_IDS = ("abc", "-1", HUGE, "%00")
# Parameters read by kind somewhere (Wagtail's admin, the listings), tried on every page.
COMMON_PARAMETERS = ("q", "p", "page", "id", "next", "ordering", "o", "order", "e", "not-a-parameter")
QUERY_VARIANTS = {  # name: value(s) given to every parameter at once
    "quotes, repeated": ['"', "maybe"],
    "huge and negative numbers": [HUGE, "-1"],
    "a foreign address": [FOREIGN, "https://evil.example/"],
}
# The nastiest shape for bleach (its cost grows with the square of unclosed tags), far past every limit.
OVERSIZED = "<b><i>" * 5_000  # 30,000 characters in every text box of a form at once
OVERSIZED_MARK = "<b><i>" * 4
HOSTILE_TEXT = '"\'<p>x</p><script>alert(1)</script>&amp;\u202e=1+1'
# In the fields that are not text boxes (hidden ones, selects, checkboxes): a
# number no row has, text, a negative id, and JSON that a field decoding JSON
# (Wagtail's choosers, ordering) must refuse rather than fail on.
HOSTILE_OTHER = [HUGE, "abc", "-1", '{"id": [1, {"$gt": ""}], "x": ']
TEXT_KINDS = {"text", "textarea", "email", "url", "search", "tel", "password", "number", "date",
              "datetime-local", "time"}
# Forms never posted: signing out would end the visit.
NOT_POSTED = ("logout",)


@pytest.fixture(autouse=True)
def _quiet_request_log():
    """Refused requests log a warning each; a server error is asserted on, not read in the log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def worlds(home_page):
    index = ProgrammeReportIndexPage(title="Programme reports", slug="programme-reports")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    x = build_private_world("X", report_index=index)
    y = build_private_world("Y", report_index=index)
    x.facilitator.groups.add(Group.objects.get(name=EDITORS_GROUP))
    root = UserFactory(username="fuzz_root", is_superuser=True, is_staff=True)
    return x, y, root


def client_as(role, x, y, root):
    user = {"anonymous": None, "participant": x.a_user, "facilitator": x.facilitator,
            "other_facilitator": y.facilitator, "superuser": root}[role]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


class SanitiserSpy:
    """Wraps (does not replace) programme.sanitise's cleaning functions,
    wherever they were imported, and records the length of each text they are
    given to clean (text they cleaned already is passed back without work)."""

    NAMES = ("sanitise_html", "sanitise_line", "plain_text")

    def __init__(self, monkeypatch):
        self.calls = []
        for name in self.NAMES:
            original = getattr(programme.sanitise, name)
            wrapper = self._wrap(name, original)
            for module in list(sys.modules.values()):
                if getattr(module, name, None) is original:
                    monkeypatch.setattr(module, name, wrapper)

    def _wrap(self, name, original):
        def spied(text, *args, **kwargs):
            if not isinstance(text, programme.sanitise.CleanHtml):
                self.calls.append((name, str(text or "")))
            return original(text, *args, **kwargs)
        return spied

    def start(self):
        self.calls.clear()

    def largest(self):
        return max((len(text) for _, text in self.calls), default=0)

    def posted_text_reached(self):
        return sum(len(text) for _, text in self.calls if OVERSIZED_MARK in text)


# --------------------------------------------------------------------------- what to ask


def with_bad_ids(name, kwargs, world):
    """The URL with each id-like argument in turn replaced by each of NOT_IDS."""
    good = kwarg_values(name, kwargs, world)
    for kwarg in kwargs:
        if not names_an_id(kwarg):
            continue
        for sentinel in (918273645, "zqxsentinel"):
            try:
                url = reverse(name, kwargs={**good, kwarg: sentinel})
            except NoReverseMatch:
                continue
            for bad in NOT_IDS:
                yield kwarg, bad, url.replace(str(sentinel), bad)
            break


class _GetParameters(HTMLParser):
    """Names of the query parameters a page shows: in its links to itself and its GET forms."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path, self.names, self.in_get_form = path, set(), False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            parts = urlsplit(attributes["href"])
            if parts.path in ("", self.path):
                self.names.update(name for name, _ in parse_qsl(parts.query, keep_blank_values=True))
        elif tag == "form":
            self.in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self.in_get_form and attributes.get("name"):
            self.names.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def parameters_shown(response, path):
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    parser = _GetParameters(path)
    parser.feed(response.content.decode(errors="replace"))
    return parser.names


def hostile_queries(names):
    for variant, values in QUERY_VARIANTS.items():
        yield variant, urlencode([(name, value) for name in sorted(names) for value in values])
    yield "a null character", "q=%00"


def text_fields(form):
    return [field for field in form["fields"] if field[2] in TEXT_KINDS]


def form_data(form, change):
    data = {}
    for name, value, kind in form["fields"]:
        data.setdefault(name, []).append(change(name, value, kind))
    return data


def forms_on(response, url):
    """(action, form) of every POST form the page shows that this test posts."""
    if "text/html" not in response.get("Content-Type", ""):
        return []
    found = []
    for form in post_forms(response.content.decode(errors="replace")):
        action = (form["action"] or url).replace("&amp;", "&")
        parts = urlsplit(action)
        if parts.scheme or parts.netloc or any(word in parts.path for word in NOT_POSTED):
            continue
        found.append((action if parts.path else url, form))
    return found


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# --------------------------------------------------------------------------- the test


def fuzz_as(role, worlds, monkeypatch):
    x, y, root = worlds
    client = client_as(role, x, y, root)
    spy = SanitiserSpy(monkeypatch)
    problems, asked, forms_posted, refused_oversized = [], 0, set(), 0

    def ask(method, url, label, data=None):
        nonlocal asked
        asked += 1
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        content_of(response)
        if response.status_code >= 500:
            problems.append(f"{method.upper()} {url} [{label}]: {response.status_code}")
        if "evil.example" in response.get("Location", "").split("?")[0]:
            problems.append(f"{method.upper()} {url} [{label}]: redirected to {response['Location']}")
        return response

    urls = list(every_url(x))
    started = time.perf_counter()
    # 1. ids that are not ids
    for name, _route, kwargs, _url in urls:
        for kwarg, bad, url in with_bad_ids(name, kwargs, x):
            response = ask("get", url, f"{kwarg}={bad}")
            # 301: no URL takes it, and the one with a slash added answers 404 in turn.
            if role == "superuser" and response.status_code not in (301, 400, 404, 405):
                problems.append(f"GET {url} [{kwarg}={bad}]: {response.status_code}, not 404")

    # 2. hostile query strings, and the forms each page shows
    pages = []
    for _name, _route, _kwargs, url in urls:
        response = ask("get", url, "as it is")
        pages.append((url, response))
        names = parameters_shown(response, urlsplit(url).path) | set(COMMON_PARAMETERS)
        for variant, query in hostile_queries(names):
            ask("get", f"{url}?{query}", variant)

    # 3a. every form, every text box far past its limit: refused, nothing changed, nothing cleaned
    forms = []
    for url, response in pages:
        for action, form in forms_on(response, url):
            key = (urlsplit(action).path, tuple(sorted({field[0] for field in form["fields"]})))
            if key in forms_posted or not text_fields(form):
                continue
            forms_posted.add(key)
            forms.append((action, form))
            before = snapshot()
            spy.start()
            data = form_data(form, lambda name, value, kind: OVERSIZED if kind in TEXT_KINDS else value)
            response = ask("post", action, "every text box oversized", data)
            after = snapshot()
            refused_oversized += 1
            # Wagtail logs an edit even when the form saved nothing new (its task
            # form disables the boxes it will not change, so the oversized text is
            # dropped and the post is valid): a log entry alone is not a change.
            stored = [label for label in changed(before, after) if label not in LOG_TABLES]
            if stored:
                problems.append(f"POST {action} with every text box oversized changed {stored}")
            if spy.posted_text_reached():
                problems.append(f"POST {action}: {spy.posted_text_reached():,} characters of the oversized text "
                                "reached the sanitiser")
            if spy.largest() > programme.sanitise.SANITISE_MAX:
                problems.append(f"POST {action}: the sanitiser was given {spy.largest():,} characters at once")

    # 3b. every form, hostile values in every field (hidden ones too): no server error
    for action, form in forms:
        for other in HOSTILE_OTHER:
            data = form_data(form, lambda name, value, kind, other=other: (
                HOSTILE_TEXT if kind in TEXT_KINDS else FOREIGN if name == "next" else other))
            ask("post", action, f"hostile values ({other!r} in the other fields)", data)

    print(f"{role}: {asked} requests, {refused_oversized} oversized forms, {time.perf_counter() - started:.0f} s")
    assert asked > 1000
    if role in ("facilitator", "superuser"):
        assert refused_oversized > 15, f"only {refused_oversized} forms were found to post"
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:80])

