"""Two participants of their own organisation posting the worst they can, at
once and without pause, for the whole of the load test (issue 16: two such
posts once held both gunicorn workers for 30 seconds and anonymous visitors
waited 29).

Each alternates between the attack the issue found ("<b><i>" 40,000 times in
every section of the one-page report: refused beside the field) and the
largest hostile report the form accepts (every section at its limit of tags,
entities and web addresses: cleaned and saved as a draft). Their
organisation is outside the cohort the load test checks, so what they save
changes no figure it verifies. The visitors' figures beside theirs show
whether the public pages went on being answered."""
import threading
import time

from bench.bad_input import ATTACK, hostile_text
from bench.loadtest_client import Browser, Unexpected

OVERSIZED = "hostile 240k"
LARGEST = "hostile max"
ANSWERS = (200, 302, 400)


def _sign_in(browser, person, password):
    if person.session_key:
        return
    form = browser.get(OVERSIZED, "/accounts/login/?next=/portal/")
    browser.post(OVERSIZED, "/accounts/login/", {
        "csrfmiddlewaretoken": form.field("csrfmiddlewaretoken") or "",
        "username": person.username, "password": password, "next": "/portal/",
    })


def run_attackers(people, *, port, tally, began, seconds, stop, password):
    from programme.submissions.writing import SECTION_MAX

    largest = hostile_text(SECTION_MAX)

    def worker(person):
        cookies = {"sessionid": person.session_key} if person.session_key else {}
        browser = Browser(port, tally, cookies=cookies)
        try:
            _sign_in(browser, person, password)
            turn = 0
            while not stop.is_set() and time.perf_counter() - began < seconds:
                kind, text = (OVERSIZED, ATTACK) if turn % 2 == 0 else (LARGEST, largest)
                turn += 1
                try:
                    page = browser.get(kind, "/portal/report/")
                    form = {**page.forms.inputs, **dict.fromkeys(page.forms.textareas, text), "action": "save"}
                    answer = browser.post(kind, "/portal/report/", form)
                except Unexpected:
                    continue
                if answer.status not in ANSWERS:
                    tally.unexpected(kind, f"{answer.describe()} (expected one of {ANSWERS})")
        finally:
            browser.close()

    return [threading.Thread(target=worker, args=(person,), daemon=True) for person in people[:2]]
