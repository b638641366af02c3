"""The leak crawl: two programmes, X and Y, each with everything private a
programme holds (tests/builders.py build_private_world), and one question:
does anything of Y reach X's people, or anything change because they asked?

As X's facilitator (not a site administrator, but also an editor of the
public library) and as a participant of X, it:

1. follows every link it can reach from the admin and the portal;
2. requests every URL pattern of the URL conf, Wagtail's admin included,
   filled with Y's ids (by the kind of each keyword argument: an unknown
   kind fails the test until someone says what it names), by GET and POST;
3. asks every ModelAdmin list for lookups on related fields in its query
   string, and checks the rows listed do not depend on them.

It fails if a response carries Y's secrets (names, emails, calendar tokens,
the join link, what Y's councils wrote, the report's draft) or Y's logins, a
password hash, or a server error; if a list's rows follow a lookup it should
not accept; or if a request filled with Y's ids changed anything. A URL or a
model added later is crawled without anyone adding it here."""
import html
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import get_resolver, reverse

from programme.permissions import scope_to_facilitator
from resources.models import ProgrammeReportIndexPage
from resources.site_setup import EDITORS_GROUP
from tests.builders import build_private_world
from tests.security.rows import changed, snapshot
from tests.security.urlconf import every_url, walk

MAX_PAGES = 700
CRAWLED_PREFIXES = ("/admin/", "/portal/", "/calendar/")
NEVER_FOLLOW = ("logout", "/admin/logout", "/accounts/logout")
PASSWORD_HASH = re.compile(r"(pbkdf2_sha256|md5|argon2|bcrypt)\$")
@pytest.fixture
def worlds(home_page, django_user_model):
    from django.contrib.auth.models import Group

    index = ProgrammeReportIndexPage(title="Programme reports", slug="programme-reports")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    x = build_private_world("X", report_index=index)
    y = build_private_world("Y", report_index=index)
    x.facilitator.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return x, y


def viewers(x):
    return {"facilitator": x.facilitator, "participant": x.a_user}


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def leaks(response, other):
    """What of `other` (and of any password) the response shows."""
    if response.get("Content-Type", "").startswith(("image/", "application/zip")):
        return []
    content = b"".join(response.streaming_content) if response.streaming else response.content
    body = content.decode(errors="replace")
    found = [secret for secret in other.secrets if secret in body]
    found += [f"login {login}" for login in other.logins if re.search(rf"\b{re.escape(login)}\b", body)]
    if PASSWORD_HASH.search(body):
        found.append("a password hash")
    return found


# --------------------------------------------------------------------------- 1. following links


def links_on(response):
    if "text/html" not in response.get("Content-Type", ""):
        return []
    content = response.content.decode(errors="replace")
    found = re.findall(r'''(?:href|action|data-url)=["']([^"'#]+)''', content)
    # Wagtail's sidebar menu is drawn by script from JSON ("url": "/admin/…"):
    # its links lead to every ModelAdmin list and, from their row buttons, to
    # every facilitator screen.
    found += [html.unescape(link) for link in re.findall(r'"url":\s*"(/[^"#]+)"', content)]
    urls = []
    for link in found:
        link = urldefrag(link.replace("&amp;", "&"))[0]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path.startswith(CRAWLED_PREFIXES):
            continue
        if any(word in parts.path for word in NEVER_FOLLOW):
            continue
        urls.append(link)
    return urls


@pytest.mark.parametrize("role", ["facilitator", "participant"])
def test_following_every_link_shows_nothing_of_another_programme(worlds, role):
    x, y = worlds
    client = client_for(viewers(x)[role])
    before = snapshot()
    queue, seen, problems = deque(["/admin/", "/portal/"]), set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        if found := leaks(response, y):
            problems.append(f"{url}: shows {found}")
        queue.extend(link for link in links_on(response) if link not in seen)
    assert len(seen) > {"facilitator": 60, "participant": 10}[role], f"the crawl reached only {sorted(seen)}"
    assert problems == [], "\n".join(problems)
    assert changed(before, snapshot()) == [], "reading pages changed the database"


# --------------------------------------------------------------------------- 2. every URL with the other's ids


def other_programmes_urls(other):
    for name, _route, kwargs, url in every_url(other):
        yield name, url, bool(kwargs)


@pytest.mark.parametrize("role", ["facilitator", "participant"])
def test_every_url_filled_with_another_programmes_ids_shows_and_changes_nothing(worlds, role):
    x, y = worlds
    client = client_for(viewers(x)[role])
    before = snapshot()
    problems, tried = [], 0
    for name, url, names_objects in other_programmes_urls(y):
        extra = f"?id={y.report_page.pk}&child_of={y.report_page.pk}&q=secret"
        methods = ["get", "post"] if names_objects else ["get"]
        for method in methods:
            response = getattr(client, method)(url + extra)
            tried += 1
            if response.status_code >= 500:
                problems.append(f"{method.upper()} {url} ({name}): {response.status_code}")
            if found := leaks(response, y):
                problems.append(f"{method.upper()} {url} ({name}): shows {found}")
    assert tried > 300
    assert problems == [], "\n".join(problems)
    assert changed(before, snapshot()) == [], "a request filled with another programme's ids changed the database"


# --------------------------------------------------------------------------- 3. lookups in a list's query string


def related_text_paths(model, depth=3, prefix="", seen=()):
    """ORM paths from `model` to the text fields of the models it reaches."""
    paths = []
    for field in model._meta.get_fields():
        if isinstance(field, models.CharField | models.TextField) and not field.is_relation:
            if prefix:
                paths.append(f"{prefix}{field.name}")
        elif field.is_relation and depth and field.related_model and field.related_model not in seen:
            # A reverse relation's `name` is the name lookups use for it.
            paths += related_text_paths(field.related_model, depth - 1, f"{prefix}{field.name}__",
                                        (*seen, model))
    return paths


def listed_ids(response, model_name):
    return set(re.findall(rf"/admin/programme/{model_name}/(?:edit|inspect)/(\d+)/", response.content.decode()))


def test_lists_ignore_lookups_they_do_not_declare(worlds):
    x, _y = worlds
    client = client_for(x.facilitator)
    problems = []
    for name, _route, _kwargs in walk(get_resolver()):
        if not (name.startswith("programme_") and name.endswith("_modeladmin_index")):
            continue
        model_name = name.removeprefix("programme_").removesuffix("_modeladmin_index")
        model = apps.get_model("programme", model_name)
        url = reverse(name)
        expected = {str(pk) for pk in scope_to_facilitator(model._default_manager.all(), x.facilitator)
                    .values_list("pk", flat=True)[:100]}
        baseline = listed_ids(client.get(url), model_name)
        assert baseline and baseline <= expected, f"{name} lists nothing to compare with"
        # Every lookup at once: were any of them applied, no row would match them all.
        lookups = {f"{path}__regex": "^no-row-matches-this$" for path in related_text_paths(model)}
        assert len(lookups) > 5, f"{name}: too few related fields to try"
        response = client.get(url, lookups)
        if response.status_code != 200 or listed_ids(response, model_name) != baseline:
            problems.append(f"{url} with {len(lookups)} lookups on related fields: the rows followed them")
    assert problems == [], "\n".join(problems[:40])
