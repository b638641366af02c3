"""Fill in a form as a browser would: read the form a page shows (every
input, text area and select with what it holds now), change some fields and
post it back. Lets the tests use the admin's real create and edit forms,
whatever panels and hidden management fields they have."""
from html.parser import HTMLParser

SKIPPED_TYPES = {"submit", "button", "image", "reset", "file"}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.current = {"action": attributes.get("action") or "", "method": (attributes.get("method") or "get").lower(),
                            "fields": []}
            self.forms.append(self.current)
            return
        if self.current is None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            value = attributes.get("value")
            if value is None:
                value = "on" if kind in ("checkbox", "radio") else ""
            self.current["fields"].append([name, value, kind])
        elif tag == "textarea" and name:
            self.textarea = [name, "", "textarea"]
            self.current["fields"].append(self.textarea)
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attributes, "options": [], "chosen": []}
        elif tag == "option" and self.select is not None:
            value = attributes.get("value", "")
            self.select["options"].append(value)
            if "selected" in attributes:
                self.select["chosen"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            if self.textarea[1].startswith("\n"):
                self.textarea[1] = self.textarea[1][1:]
            self.textarea = None
        elif tag == "select" and self.select is not None and self.current is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = self.select["options"][:1]
            for value in chosen:
                self.current["fields"].append([self.select["name"], value, "select"])
            self.select = None


def post_forms(html):
    """Every POST form on the page: {"action", "fields": [[name, value, kind]]},
    where kind is an input's type, "textarea" or "select"."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return [form for form in parser.forms if form["method"] == "post"]


def form_values(html, action):
    """{name: [values]} of the POST form on the page whose action is `action`
    (or the only POST form with no action)."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    forms = [f for f in parser.forms if f["method"] == "post" and f["action"] in (action, "")]
    exact = [f for f in forms if f["action"] == action]
    chosen = (exact or forms)
    assert chosen, f"no POST form for {action} on the page"
    values = {}
    for name, value, _kind in chosen[0]["fields"]:
        values.setdefault(name, []).append(value)
    return values


def submit_form(client, url, changes, *, extra=None):
    """GET `url`, change `changes` ({name: value}) in its form and POST it.
    Returns the response to the POST."""
    page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    data = form_values(page.content.decode(), url)
    missing = [name for name in changes if name not in data]
    assert not missing, f"{url} has no fields {missing}: {sorted(data)}"
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    data.update(extra or {})
    return client.post(url, data)
