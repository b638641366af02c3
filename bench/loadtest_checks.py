"""After the load: does the database hold exactly what the server said it kept?

For every organisation of the cohort, from what its people were told:
- a plan or report answered "submitted" is stored as submitted, holding the
  text that submission sent (each plan field equal to it; each statement of
  the report there exactly once, in the order sent, positions 0, 1, 2… in
  each section, and no other statement);
- one answered "submitted" twice (two people both told they submitted it) is
  a failure, and so is one stored as submitted that nobody was told about;
- a draft holds the whole of one save the server answered (no fields or
  statements mixed from two saves);
- its history has exactly one snapshot for every version it went through
  (2, 3, … up to its version), and one "Submitted" snapshot if submitted.

Stored text is sanitised HTML (`&` is stored as `&amp;`); what a person typed
is compared with it after turning entities back into characters. Line ends
are compared as typed in a browser (CRLF) and as HTML parsing keeps them (LF)."""
from html import unescape

from bench.loadtest_people import PLAN_TEXT_FIELDS, SECTIONS

BULLETS = "•*-–·▪"


class Checks:
    """Each check by name: how many times it held, and the failures."""

    def __init__(self):
        self.counts = {}
        self.failures = []

    def check(self, name, ok, failure):
        held, total = self.counts.get(name, (0, 0))
        self.counts[name] = (held + bool(ok), total + 1)
        if not ok:
            self.failures.append(failure)
        return ok


def _text(value):
    return unescape(str(value or "")).replace("\r\n", "\n").strip()


def sent_statements(data):
    """section -> the statements a report form post sent, bullets dropped."""
    return {
        section: [line.strip().lstrip(BULLETS).strip() for line in data.get(section, "").splitlines()
                  if line.strip().lstrip(BULLETS).strip()]
        for section in SECTIONS
    }


def plan_differences(plan, data):
    wrong = [name for name in PLAN_TEXT_FIELDS if _text(getattr(plan, name)) != _text(data[name])]
    if plan.goal_category != data["goal_category"]:
        wrong.append("goal_category")
    return wrong


def stored_statements(report):
    """section -> [(position, text)] as stored, in position order."""
    stored = {section: [] for section in SECTIONS}
    for statement in report.statements.order_by("section", "position", "pk"):
        stored.setdefault(statement.section, []).append((statement.position, _text(statement.text)))
    return stored


def report_differences(report, data):
    stored = stored_statements(report)
    expected = sent_statements(data)
    wrong = []
    for section in set(stored) | set(expected):
        rows = stored.get(section, [])
        texts = [text for _, text in rows]
        if [position for position, _ in rows] != list(range(len(rows))):
            wrong.append(f"{section}: positions {[position for position, _ in rows]}")
        if len(set(texts)) != len(texts):
            wrong.append(f"{section}: a statement stored twice")
        if texts != [_text(line) for line in expected.get(section, [])]:
            wrong.append(f"{section}: {len(texts)} statements stored, not the {len(expected.get(section, []))} sent")
    return wrong


def history_problems(submission, versions):
    numbers = sorted(v.version for v in versions)
    problems = []
    if numbers != list(range(2, submission.version + 1)):
        problems.append(f"history versions {numbers} for version {submission.version}")
    submitted = [v for v in versions if v.note == "Submitted"]
    if len(submitted) != (1 if submission.status == "submitted" else 0):
        problems.append(f"{len(submitted)} 'Submitted' snapshots")
    return problems


def _tag_of(text):
    """The save a text came from: every text a save sends ends "(<tag>)"."""
    text = _text(text)
    return text.rsplit("(", 1)[-1].rstrip(")") if text.endswith(")") else None


SUBMITTED_ONCE = "at most one person told they submitted it"
STORED = "answered 'submitted': stored as submitted, with exactly the text sent"
NOTHING_ELSE = "not answered 'submitted': not stored as submitted"
WHOLE_DRAFT = "a draft holds the whole of one save answered 'saved'"
HISTORY = "history: one snapshot per version, one 'Submitted' if submitted"


def verify(orgs):
    from programme.enums import ReflectionKind, SubmissionStatus
    from programme.models import OnePagePlan, Reflection, SubmissionVersion

    checks = Checks()
    tallies = {"plan": [0, 0], "report": [0, 0]}  # [told submitted, stored submitted]
    for org in orgs:
        plan = OnePagePlan.objects.filter(membership_id=org.membership_id).first()
        report = Reflection.objects.filter(
            membership_id=org.membership_id, kind=ReflectionKind.FINAL_REPORT
        ).first()
        for noun, submission, record, differences in (
            ("plan", plan, org.plan, plan_differences),
            ("report", report, org.report, report_differences),
        ):
            where = f"{org.name}, {noun}"
            stored_submitted = submission is not None and submission.status == SubmissionStatus.SUBMITTED
            tallies[noun][0] += bool(record.submits)
            tallies[noun][1] += stored_submitted
            if record.submits:
                username, data = record.submits[-1]
                checks.check(SUBMITTED_ONCE, len(record.submits) == 1,
                             f"{where}: {len(record.submits)} people were told they submitted it")
                wrong = differences(submission, data) if stored_submitted else [
                    f"stored as {submission.status if submission else 'nothing'}"]
                checks.check(STORED, not wrong,
                             f"{where}: not what {username} submitted: {', '.join(wrong)}")
            else:
                checks.check(NOTHING_ELSE, not stored_submitted,
                             f"{where}: stored as submitted, but nobody was told so")
                if submission is not None and submission.version > 1:
                    newest = submission.issue if noun == "plan" else next(
                        (s.text for s in submission.statements.order_by("-pk")[:1]), "")
                    tag = _tag_of(newest)
                    data = record.saves.get(tag) or record.maybe.get(tag)
                    checks.check(WHOLE_DRAFT, data is not None and not differences(submission, data),
                                 f"{where}: the stored draft is not the whole of save {tag}")
            if submission is not None:
                link = {"plan": submission} if noun == "plan" else {"reflection": submission}
                problems = history_problems(submission, list(SubmissionVersion.objects.filter(**link)))
                checks.check(HISTORY, not problems, f"{where}: {'; '.join(problems)}")
    return checks, tallies
