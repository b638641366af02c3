"""What the worst input a participant can send costs the server.

    .venv/bin/python -m bench.bad_input

Builds a throw-away SQLite database (var/bench/bad_input.sqlite3, rebuilt each
run) with a running cohort, signs in as one of its participants and finds
every portal page with a text box by following the portal's own links (a new
form is measured without anyone adding it here). For each such form:

- oversized: every text box holds the issue's attack, "<b><i>" 40,000 times
  (240 kB, which once held a gunicorn worker for over 30 seconds): refused,
  and how long the refusal takes;
- largest allowed: each text box holds the longest hostile text it accepts
  (found by probing: statements of tags, entities and web addresses, as long
  and as many as the limits allow, shortened until the box shows no error),
  all boxes at once: the most cleaning one post can ask for.

Figures are medians of several posts (the slowest is printed too: it
follows whatever else the machine is doing), in this process (no web server in
between), under the production settings. The last lines say the worst case
found and whether it stayed under the one-second bar of issue 16; the
sanitiser's own worst case at its hard limit (SANITISE_MAX) is printed too.
"""
from __future__ import annotations

import logging
import re
import statistics
import sys
import time
from urllib.parse import urlsplit

from bench.environment import VAR
from bench.measuring import say, use_sqlite

DB_PATH = VAR / "bad_input.sqlite3"
RUNS = 5
BAR_SECONDS = 1.0
ATTACK = "<b><i>" * 40_000
# One statement of hostile but allowed-size text: unclosed tags, entities, web
# addresses (made into links), a script, right-to-left marks.
HOSTILE_WORDS = ("<b><i>care</i> &amp; <em>leavers</em> & https://example.org/a?b=1 "
                 "<script>x</script> www.example.org \u202e<a href=javascript:alert(1)>x</a> ")
FIELD_ERROR = re.compile(r'id="id_([\w-]+)_error"')
LINK = re.compile(r'href="(/portal/[^"?#]*)"')
# Pages that take no text, or that change who is signed in.
SKIP = ("/portal/switch-cohort/", "/portal/calendar/new-address/", "/portal/join/")


def hostile_text(length):
    """Statements of hostile text, each under the statement limit, `length`
    characters in all."""
    from programme.models.submissions import STATEMENT_MAX

    line = (HOSTILE_WORDS * (STATEMENT_MAX // len(HOSTILE_WORDS) + 1))[: STATEMENT_MAX - 1].rstrip()
    lines, total = [], 0
    while total < length:
        piece = line[: length - total]
        lines.append(piece)
        total += len(piece) + 1
    return "\n".join(lines)


def text_boxes(page):
    """The names of the text boxes in a page's POST forms, and every field's value."""
    from bench.loadtest_client import _Forms

    forms = _Forms()
    forms.feed(page)
    forms.close()
    values = {**forms.inputs, **forms.textareas}
    for name, choices in forms.choices.items():
        values[name] = choices[0]
    boxes = list(forms.textareas)
    boxes += [name for name, value in forms.inputs.items()
              if name not in ("csrfmiddlewaretoken",) and re.search(
                  rf'<input[^>]*type="text"[^>]*name="{re.escape(name)}"|<input[^>]*name="{re.escape(name)}"[^>]*type="text"',
                  page)]
    return boxes, values


def find_forms(client):
    """Every portal page reachable from the dashboard that has a text box."""
    seen, queue, found = set(), ["/portal/"], []
    while queue and len(seen) < 60:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path, secure=True)
        if response.status_code != 200:
            continue
        page = response.content.decode()
        boxes, _values = text_boxes(page)
        if boxes:
            found.append(path)
        queue += [link for link in LINK.findall(page) if link not in seen]
    return found


def post(client, path, values):
    began = time.perf_counter()
    response = client.post(path, values, secure=True)
    return time.perf_counter() - began, response


def median_post(client, path, values):
    times, response = [], None
    for _ in range(RUNS):
        seconds, response = post(client, path, values)
        times.append(seconds)
    return statistics.median(times), max(times), response


def largest_accepted(client, path, box, values):
    """The longest hostile text `box` takes without an error beside it."""
    from programme.submissions.writing import SECTION_MAX

    for length in (SECTION_MAX, 3_000, 2_000, 1_000, 500, 300, 200, 100, 50):
        _seconds, response = post(client, path, {**values, box: hostile_text(length), "action": "save"})
        if box not in FIELD_ERROR.findall(response.content.decode()):
            return length
    return 0


def main():
    use_sqlite(DB_PATH, fresh=True)
    import io

    from django.core.management import call_command
    from django.test import Client

    from bench.loadtest_setup import build_cohort
    from bench.run import collect_static
    from programme.models import User
    from programme.sanitise import SANITISE_MAX, sanitise_html, sanitise_line

    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    collect_static()
    entries = build_cohort(run=1, organisations=2, form_logins=0, say=say)
    person = entries[0].people[0]
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(pk=person.user_id))
    # A check-in and an action exist, so that their own pages are measured too.
    for path in ("/portal/check-ins/new/", "/portal/actions/"):
        page = client.get(path, secure=True).content.decode()
        _boxes, values = text_boxes(page)
        client.post(path, {**{k: v or "A first note" for k, v in values.items()}, "action": "save"}, secure=True)

    say(f"bad input: {len(ATTACK):,} characters of '<b><i>' in every box, and the longest hostile text "
        f"each box accepts; median of {RUNS} posts, production settings, in-process")
    say(f"{'form':34} {'boxes':>5} {'oversized':>10} {'largest allowed':>16} {'(size)':>9}")
    # A body over the request cap is refused before it is read, and Django logs
    # each refusal as a suspicious request: true, and noise here.
    logging.getLogger("django.security").setLevel(logging.CRITICAL)
    worst = (0.0, 0.0, "")
    for path in find_forms(client):
        page = client.get(path, secure=True).content.decode()
        boxes, values = text_boxes(page)
        refused_median, refused_max, refused = median_post(
            client, path, {**values, **dict.fromkeys(boxes, ATTACK), "action": "save"})
        if refused.status_code >= 500:
            say(f"{path}: the oversized post answered {refused.status_code}")
            return 1
        sizes = {box: largest_accepted(client, path, box, values) for box in boxes}
        allowed = {**values, **{box: hostile_text(size) for box, size in sizes.items()}, "action": "save"}
        allowed_median, allowed_max, _response = median_post(client, path, allowed)
        say(f"{urlsplit(path).path:34} {len(boxes):>5} {refused_median * 1000:>8.0f}ms "
            f"{allowed_median * 1000:>14.0f}ms {sum(sizes.values()):>8,}c")
        worst = max(worst, (max(refused_median, allowed_median), max(refused_max, allowed_max), path))

    for name, clean in (("sanitise_html", sanitise_html), ("sanitise_line", sanitise_line)):
        text = ("<b><i>" * (SANITISE_MAX // 6 + 1))[:SANITISE_MAX]
        began = time.perf_counter()
        clean(text)
        say(f"{name} at its hard limit ({SANITISE_MAX:,} characters of unclosed tags): "
            f"{(time.perf_counter() - began) * 1000:.0f}ms (no form lets this much through)")

    seconds, slowest, path = worst
    verdict = "under" if seconds < BAR_SECONDS else "OVER"
    say(f"worst form: {path}, {seconds * 1000:.0f}ms a post (median; slowest of {RUNS} {slowest * 1000:.0f}ms): "
        f"{verdict} the {BAR_SECONDS:g}s bar")
    return 0 if seconds < BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
