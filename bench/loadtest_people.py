"""What the simulated people do during the load test.

Participants, organisation by organisation, arrive over the first quarter of
the run: some sign in through the login form, the rest already have a session.
They open the dashboard, then their one-page plan. The one who will submit it
saves drafts again and again; colleagues mostly read it, and now and then save
their own draft too. Each save posts the CSRF token and version of the form on
the page the person last saw (usually reloaded just before, sometimes left open
a while, as a person leaves a tab open). At a time set for their organisation,
the one who submits does. The same follows for the one-page report, whose
statements they edit from what the form shows. Colleagues of one organisation
sit on different client threads, so they edit at once; in every fourth
organisation two of them press Submit at about the same moment. An answer saying someone
else saved in between (a conflict) is the correct answer then: it is counted,
and the person saves again from the form it shows them.

Visitors meanwhile browse the public pages without signing in.

Each client thread steps through its own share of the participants in turn,
one short action (one or three requests) each, until the time is up."""
import random
import threading
import time
from dataclasses import dataclass, field

from bench.loadtest_client import Browser, Unexpected

BULLET_STYLES = ["• ", "- ", "* ", ""]
SECTIONS = ["progress", "challenges", "enablers", "next"]
PLAN_TEXT_FIELDS = ["issue", "goal", "success", "first_actions", "team"]
CONFLICT = "has changed since you opened it"
RACE_EVERY = 4  # in every fourth organisation two people submit at once
RELOAD_SHARE = 0.8  # how often a person reloads the form just before saving
COLLEAGUE_SAVES = 0.3  # how often a colleague (not the one who submits) saves, rather than reads
DONE_BROWSES = 0.3  # how often someone whose plan and report are in looks at the portal again

PLAN = {
    "path": "/portal/plan/", "noun": "plan",
    "saved": "Your draft plan has been saved.",
    "submitted": "Your plan has been submitted to your facilitators.",
    "closed": "Your plan has been submitted, so it can no longer be changed.",
}
REPORT = {
    "path": "/portal/report/", "noun": "one-page report",
    "saved": "Your draft one-page report has been saved.",
    "submitted": "Your one-page report has been submitted to your facilitators.",
    "closed": "Your one-page report has been submitted, so it can no longer be changed.",
}


@dataclass
class Record:
    """What the server told an organisation's people, for the checks after the
    run. `saves`: tag -> data of each draft save answered "saved"; `maybe`:
    tag -> data of a save whose answer does not say whether the draft was kept
    (a submit that met a conflict after saving); `submits`: (username, data) of
    each submit answered "submitted"."""

    saves: dict = field(default_factory=dict)
    maybe: dict = field(default_factory=dict)
    submits: list = field(default_factory=list)


@dataclass
class OrgState:
    name: str
    membership_id: int
    arrive_at: float
    plan_due: float
    report_due: float
    race: bool
    lock: threading.Lock = field(default_factory=threading.Lock)
    plan: Record = field(default_factory=Record)
    report: Record = field(default_factory=Record)


class Participant:
    def __init__(self, person, org, port, tally, rng, cohort_names):
        self.person = person
        self.cohort_names = cohort_names
        self.org = org
        self.tally = tally
        self.rng = rng
        cookies = {"sessionid": person.session_key} if person.session_key else {}
        self.browser = Browser(port, tally, cookies=cookies)
        self.started = False
        self.stage = "plan"
        self.pages = {}  # path -> the last page seen there (whose form a save posts back)
        self.saves = 0
        self.resume = set()  # paths showing a conflict, to save again from as they are
        # Who presses Submit: the first person; in a race organisation the second too.
        self.submitter = person.index == 0 or (org.race and person.index == 1)

    # -- one action ---------------------------------------------------------

    def step(self, now):
        try:
            if not self.started:
                self.start()
            elif self.stage == "plan":
                self.write(PLAN, self.org.plan, due=now >= self.org.plan_due, next_stage="report")
            elif self.stage == "report":
                self.write(REPORT, self.org.report, due=now >= self.org.report_due, next_stage="done")
            else:
                self.browse()
        except Unexpected:
            self.pages.clear()  # start again from a fresh page
            self.resume.clear()

    def start(self):
        if not self.person.session_key:
            form = self.browser.get("portal page", "/accounts/login/?next=/portal/")
            answer = self.browser.post("login", "/accounts/login/", {
                "csrfmiddlewaretoken": form.field("csrfmiddlewaretoken") or "",
                "username": self.person.username,
                "password": self._password(),
                "next": "/portal/",
            })
            if answer.status != 302 or answer.headers.get("location") != "/portal/":
                self.tally.unexpected("login", f"{answer.describe()} (sign-in refused)")
                raise Unexpected(answer.describe())
            dashboard = self.browser.follow("portal page", answer)
        else:
            dashboard = self.browser.get("portal page", "/portal/")
        self.own_page(dashboard)
        self.started = True

    @staticmethod
    def _password():
        from bench.loadtest_setup import PASSWORD

        return PASSWORD

    def own_page(self, page):
        """Every portal page names the person's own organisation, and no other
        organisation of the cohort."""
        named = {name for name in self.cohort_names if name in page.text}
        if named != {self.org.name}:
            self.tally.unexpected("portal page", f"{page.describe()} names {sorted(named)}, not {self.org.name}")
            raise Unexpected("not their own organisation's page")

    def browse(self):
        if self.rng.random() >= DONE_BROWSES:
            return  # they have moved on to other work; their turn passes
        path = self.rng.choice(["/portal/", "/portal/plan/", "/portal/report/", "/portal/sessions/"])
        self.own_page(self.browser.get("portal page", path))

    def write(self, kind, record, *, due, next_stage):
        path = kind["path"]
        page = self.pages.get(path)
        colleague = not self.submitter
        if colleague and (due or (path not in self.resume and self.rng.random() >= COLLEAGUE_SAVES)):
            # They read what is there (once it is due, their colleague is submitting it).
            page = self.browser.get("portal page", path)
            self.own_page(page)
            self.pages[path] = page
            if self.read_only(page):
                self.stage = next_stage
            return
        if page is None or (path not in self.resume and self.rng.random() < RELOAD_SHARE):
            page = self.browser.get("portal page", path)
            self.own_page(page)
        if self.read_only(page):
            self.stage = next_stage
            return
        submit = due and self.submitter
        self.saves += 1
        self.resume.discard(path)
        tag = f"{self.person.username}-{self.saves}"
        data = self.plan_data(page, tag) if kind is PLAN else self.report_data(page, tag)
        form = {
            "csrfmiddlewaretoken": page.field("csrfmiddlewaretoken") or "",
            "version": page.field("version") or "",
            "action": "submit" if submit else "save",
            **data,
        }
        label = "submit" if submit else "draft save"
        answer = self.browser.post(label, path, form)
        if answer.status == 302:
            shown = self.browser.follow("portal page", answer)
            self.pages[path] = shown
            said = [text for _, text in shown.messages()]
            if any(text.startswith(kind["submitted"]) for text in said) and submit:
                self.tally.outcome(f"{kind['noun']} submitted")
                with self.org.lock:
                    record.submits.append((self.person.username, data))
                self.stage = next_stage
            elif kind["saved"] in said and not submit:
                self.tally.outcome(f"{kind['noun']} draft saved")
                with self.org.lock:
                    record.saves[tag] = data
            elif kind["closed"] in said:
                # A colleague submitted it since this person opened the form.
                self.tally.outcome(f"{kind['noun']} refused: already submitted")
                self.stage = next_stage
            else:
                self.tally.unexpected(label, f"{answer.describe()} then {shown.describe()}, messages {said!r}")
        elif answer.status == 200 and answer.has(CONFLICT):
            self.tally.outcome(f"{kind['noun']} conflict ({label})")
            if submit:
                with self.org.lock:
                    record.maybe[tag] = data
            self.own_page(answer)
            self.pages[path] = answer  # save again from here: the form now carries the saved version
            self.resume.add(path)
        else:
            self.tally.unexpected(label, f"{answer.describe()} (expected a redirect or a conflict)")
            self.pages.pop(path, None)

    @staticmethod
    def read_only(page):
        return page.field("version") is None and "can no longer be changed" in page.text

    # -- what they type -----------------------------------------------------

    def plan_data(self, page, tag):
        categories = page.forms.choices.get("goal_category") or [""]
        where = self.org.name
        return {
            "issue": f"Too few care leavers in {where} find work & stay in it – £ and travel get in the way ({tag})",
            "goal": f"Twelve ring-fenced roles for care leavers across the council by March ({tag})",
            "goal_category": self.rng.choice([c for c in categories if c] or [""]),
            "success": f"Twelve young people in paid roles\r\nNine of them still there after six months ({tag})",
            "first_actions": f"Meet HR & the Virtual School\r\nList entry-level vacancies with managers ({tag})",
            "team": f"Leaving care, HR, regeneration ({tag})",
        }

    def report_data(self, page, tag):
        """Start from the statements the form shows (what is saved, or the
        person's own text after a conflict): drop one now and then, add one."""
        data = {}
        for n, section in enumerate(SECTIONS):
            shown = [line.strip().lstrip("•*-–·▪").strip()
                     for line in page.forms.textareas.get(section, "").splitlines()]
            shown = [line for line in shown if line]
            if len(shown) > 2 or (shown and self.rng.random() < 0.3):
                shown.pop(self.rng.randrange(len(shown)))
            shown.append(f"{section.capitalize()} point {n + 1} from {self.person.username}: "
                         f"HR & leaving care worked on it together ({tag})")
            data[section] = "\r\n".join(self.rng.choice(BULLET_STYLES) + line for line in shown)
        # The rating beside the report: needed to submit, and a draft saved without it would clear it.
        ratings = [value for value in page.forms.choices.get("goal_progress", []) if value]
        if ratings:
            data["goal_progress"] = self.rng.choice(ratings)
        return data


def run_participants(participants, *, threads, began, seconds, stop):
    """Step every participant, `threads` at a time, until `seconds` have passed."""

    def worker(mine):
        turn = 0
        while not stop.is_set():
            now = time.perf_counter() - began
            if now >= seconds:
                return
            ready = [p for p in mine if now >= p.org.arrive_at]
            if not ready:
                time.sleep(0.05)
                continue
            ready[turn % len(ready)].step(now)
            turn += 1

    # Colleagues of one organisation land on different threads, so they edit at once.
    shares = [participants[k::threads] for k in range(threads)]
    pool = [threading.Thread(target=worker, args=(share,), daemon=True) for share in shares if share]
    return pool


def run_visitors(paths, *, port, tally, threads, began, seconds, stop, seed):
    """Anonymous visitors moving between public pages, with a short pause each."""
    weights = {"home": 2, "index": 2, "filtered index": 3, "case study": 4, "search": 2}
    groups = [name for name in weights if paths.get(name)]

    def worker(k):
        rng = random.Random(seed * 100 + k)
        browser = Browser(port, tally)
        try:
            while not stop.is_set() and time.perf_counter() - began < seconds:
                group = rng.choices(groups, weights=[weights[g] for g in groups])[0]
                try:
                    browser.get("public page", rng.choice(paths[group]))
                except Unexpected:
                    pass
                time.sleep(rng.uniform(0, 0.2))
        finally:
            browser.close()

    return [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(threads)]
