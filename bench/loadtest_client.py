"""What the load test's simulated people use: a browser-like HTTP session (its
own cookies, forms read from the page, CSRF token and version posted back,
redirects followed), and the tally of every request by kind.

Every request carries X-Forwarded-Proto: https, as it would behind the
TLS-terminating proxy production runs behind, so Django's secure-request
paths (secure cookies, the CSRF origin check) are the ones exercised; POSTs
carry the Origin and Referer a browser sends."""
import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode, urlsplit

TIMEOUT = 60


class Unexpected(Exception):
    """An answer a real person's browser would show as broken."""


# ---------------------------------------------------------------------------
# Reading pages


class _Forms(HTMLParser):
    """The inputs, radios and text areas of a page's POST forms, and its
    flash messages."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = {}
        self.choices = {}
        self.textareas = {}
        self._textarea = None
        self.in_post_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = (attrs.get("method") or "").lower() == "post"
        elif tag == "input" and self.in_post_form and attrs.get("name"):
            if attrs.get("type") == "radio":
                self.choices.setdefault(attrs["name"], []).append(attrs.get("value", ""))
            else:
                self.inputs[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea" and self.in_post_form and attrs.get("name"):
            self._textarea = attrs["name"]
            self.textareas[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.textareas[self._textarea] += data


MESSAGE = re.compile(r'<p class="message message-(\w+)">(.*?)</p>', re.S)


@dataclass
class Page:
    method: str
    path: str
    status: int
    headers: dict
    text: str
    seconds: float
    _forms: object = None

    @property
    def forms(self):
        if self._forms is None:
            self._forms = _Forms()
            self._forms.feed(self.text)
            self._forms.close()
        return self._forms

    def field(self, name):
        return self.forms.inputs.get(name)

    def messages(self):
        return [(kind, unescape(text).strip()) for kind, text in MESSAGE.findall(self.text)]

    def has(self, words):
        return words in self.text

    def describe(self):
        return f"{self.method} {self.path}: HTTP {self.status}"


# ---------------------------------------------------------------------------
# A browser session


class Browser:
    """One person's cookies and connection. Not shared between threads."""

    def __init__(self, port, tally, cookies=None):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.tally = tally
        self.cookies = dict(cookies or {})
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.last_path = "/"

    def close(self):
        self.conn.close()

    def _remember(self, response):
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            try:
                jar.load(header)
            except CookieError:
                continue
            for name, morsel in jar.items():
                expired = morsel["max-age"] == "0" or "1970" in (morsel["expires"] or "")
                if expired or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value

    def request(self, kind, method, path, form=None):
        """Send one request and tally it under `kind`. Returns the Page, or
        raises Unexpected after tallying a connection failure or a 5xx."""
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}"}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + self.last_path
        began = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.tally.record(kind, time.perf_counter() - began,
                              error=f"{method} {path}: {exc.__class__.__name__}: {exc}")
            raise Unexpected(f"{method} {path}: {exc.__class__.__name__}") from exc
        seconds = time.perf_counter() - began
        self._remember(response)
        page = Page(method, path, response.status, {k.lower(): v for k, v in response.getheaders()},
                    raw.decode("utf-8", "replace"), seconds)
        if response.status >= 500:
            self.tally.record(kind, seconds, error=page.describe(), status=response.status)
            raise Unexpected(page.describe())
        self.tally.record(kind, seconds, status=response.status, cache=page.headers.get("x-page-cache"))
        if method == "GET" and response.status == 200:
            self.last_path = path
        return page

    def get(self, kind, path, expect=(200,)):
        page = self.request(kind, "GET", path)
        if page.status not in expect:
            self.tally.unexpected(kind, page.describe())
            raise Unexpected(page.describe())
        return page

    def post(self, kind, path, form):
        return self.request(kind, "POST", path, form)

    def follow(self, kind, page):
        """Follow a redirect as a browser would: the next page."""
        location = page.headers.get("location", "")
        parts = urlsplit(location)
        return self.get(kind, parts.path + (f"?{parts.query}" if parts.query else ""))


# ---------------------------------------------------------------------------
# The tally


@dataclass
class Kind:
    name: str
    latencies: list = field(default_factory=list)
    errors: int = 0
    hits: int = 0
    misses: int = 0
    examples: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.latencies)

    def percentile(self, p):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))  # nearest rank
        return ordered[rank - 1]


class Tally:
    """Every request, by kind (latencies of all answers, errors of those that
    were wrong), and every outcome of a save (saved, conflict, refused…)."""

    ORDER = ["login", "portal page", "draft save", "submit", "public page", "hostile 240k", "hostile max"]

    def __init__(self):
        self.lock = threading.Lock()
        self.kinds = {name: Kind(name) for name in self.ORDER}
        self.outcomes = {}

    def record(self, kind, seconds, *, status=None, error=None, cache=None):
        with self.lock:
            entry = self.kinds[kind]
            entry.latencies.append(seconds)
            if cache == "hit":
                entry.hits += 1
            elif cache == "miss":
                entry.misses += 1
            if error:
                self._error(entry, error)

    def unexpected(self, kind, description):
        """A request already recorded whose answer turned out to be wrong."""
        with self.lock:
            self._error(self.kinds[kind], description)

    def _error(self, entry, description):
        entry.errors += 1
        if len(entry.examples) < 5:
            entry.examples.append(description)

    def outcome(self, name):
        with self.lock:
            self.outcomes[name] = self.outcomes.get(name, 0) + 1

    @property
    def errors(self):
        return sum(kind.errors for kind in self.kinds.values())
