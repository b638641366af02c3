"""Every vector of tests/security/xss_vectors.txt, typed into every free-text
field a participant or a facilitator can fill, through the real portal forms
and the real admin create/edit forms; then every page and download that shows
those fields is opened and checked (see tests/security/xss_checks.py for what
"inert" means, element by element).

Each field gets its vectors in a batch that starts with a marker word
("xssmark-…"); a page is only trusted to have been tested if the markers of
what it shows are on it. Vectors holding a null character are refused by
every Django form field ("Null characters are not allowed"), so they are
posted on their own and must be refused, leaving nothing saved.

One world is built and read once (a single test), which keeps the whole
corpus well under a minute on SQLite."""
import csv
import html
import io
import json

import pytest
from django.urls import reverse

from programme.enums import ReflectionKind, SubmissionStatus, ThemeKind
from programme.models import (
    Action,
    LearningTheme,
    OnePagePlan,
    Organisation,
    Participant,
    Presentation,
    Programme,
    ProgrammeSession,
    Reflection,
    SentEmail,
    Statement,
)
from tests.builders import build_cohort
from tests.security.form_values import form_values, submit_form
from tests.security.xss_checks import (
    csv_cells,
    csv_problems,
    docx_problems,
    docx_text,
    load_vectors,
    page_problems,
    pdf_problems,
    pdf_text,
    visible_text,
    xlsx_problems,
    xlsx_strings,
)

VECTORS = load_vectors()
POSTABLE = [v for v in VECTORS if "\x00" not in v]
WITH_NUL = [v for v in VECTORS if "\x00" in v]
FORMULAS = [v for v in POSTABLE if v.startswith(("=", "+", "-", "@", "\t"))]
# The ones that most often get through a filter: a subset for the short fields.
SHARP = [
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>',
    '<a href="javascript:alert(1)">plain javascript link</a>', '"><script>alert(document.domain)</script>',
    '" autofocus onfocus=alert(1) x="', "' onfocus='alert(1)' autofocus='",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>', '<details open ontoggle=alert(1)>',
    '</textarea><script>alert(1)</script>', '</title><script>alert(1)</script>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="https://evil.example/">',
    '<form action="javascript:alert(1)"><button>Go</button></form>', '{{7*7}}', '${alert(1)}',
    '=HYPERLINK("https://evil.example/","Click for more")', "@SUM(1+1)*cmd|' /C calc'!A0",
]
REPORT_SECTIONS = ["progress", "challenges", "enablers", "next"]
PER_SECTION = 29  # 30 statements a section at most; one line is the marker


def test_the_corpus_has_over_a_hundred_distinct_vectors():
    assert len(VECTORS) >= 100
    assert len(set(VECTORS)) == len(VECTORS)
    assert all(v in POSTABLE for v in SHARP)
    assert WITH_NUL and FORMULAS


def pack(vectors, *, limit, marker):
    """Batches of `vectors`, one per line after the marker line, each at most
    `limit` characters."""
    batches, current = [], [marker]
    for vector in vectors:
        if len("\n".join([*current, vector])) > limit and len(current) > 1:
            batches.append(current)
            current = [marker]
        current.append(vector)
    batches.append(current)
    return ["\n".join(batch) for batch in batches]


def spread(vectors, parts):
    """`vectors` dealt into `parts` lists in turn."""
    return [vectors[n::parts] for n in range(parts)]


def mark(name):
    return f"xssmark-{name}"


# --------------------------------------------------------------------------- writing


def write_as_participants(world, client_a, client_b):
    """A writes every vector into its plan, into its one-page report and a
    check-in (between them), into its actions and into their update notes,
    and a share of them into its feedback, submitting each; B submits a plan
    for the facilitator to return."""
    plan_parts = spread(POSTABLE, 5)
    plan_fields = ["issue", "goal", "success", "first_actions", "team"]
    response = client_a.post(reverse("portal:plan"), {
        **{name: "\n".join([mark(f"plan-{name}"), *part]) for name, part in zip(plan_fields, plan_parts, strict=True)},
        "goal_category": "external", "version": "1", "action": "submit",
    })
    assert response.status_code == 302, _errors(response)

    lines = list(POSTABLE)
    report, rest = lines[:4 * PER_SECTION], lines[4 * PER_SECTION:]
    response = client_a.post(reverse("portal:report"), {
        **{section: "\n".join([mark(f"report-{section}"), *report[n * PER_SECTION:(n + 1) * PER_SECTION]])
           for n, section in enumerate(REPORT_SECTIONS)},
        "goal_progress": "good", "version": "1", "action": "submit",
    })
    assert response.status_code == 302, _errors(response)

    # The check-in holds what the report had no room for, and the sharpest ones again.
    check_in_lines = rest + [v for v in SHARP if v not in rest]
    check_in_parts = spread(check_in_lines, 4)
    response = client_a.post(reverse("portal:reflection_new"), {
        "session": world.next_session.pk,
        **{section: "\n".join([mark(f"check-in-{section}"), *part])
           for section, part in zip(REPORT_SECTIONS, check_in_parts, strict=True)},
        "version": "1", "action": "submit",
    })
    assert response.status_code == 302, _errors(response)

    feedback = spread(POSTABLE[:58], 2)
    response = client_a.post(reverse("portal:feedback"), {
        "valuable": "\n".join([mark("feedback-valuable"), *feedback[0]]),
        "even_better": "\n".join([mark("feedback-even-better"), *feedback[1]]),
        "version": "1", "action": "submit",
    })
    assert response.status_code == 302, _errors(response)

    # Feedback after the session held: as many vectors as the two short answers hold.
    response = client_a.post(reverse("portal:session_feedback", args=[world.past_session.pk]), {
        "rating": "4",
        "useful": pack(POSTABLE, limit=1000, marker=mark("session-useful"))[0],
        "better": pack(SHARP, limit=1000, marker=mark("session-better"))[0],
    })
    assert response.status_code == 302, _errors(response)

    # Actions: every vector in a description, an owner each from the sharp
    # ones, and every vector again in the update notes.
    for n, description in enumerate(pack(POSTABLE, limit=1000, marker=mark("action"))):
        response = client_a.post(reverse("portal:actions"), {
            "description": description, "owner": SHARP[n % len(SHARP)],
        })
        assert response.status_code == 302, _errors(response)
    actions = list(Action.objects.filter(membership=world.a).order_by("pk"))
    notes = pack(POSTABLE, limit=2000, marker=mark("update"))
    assert len(notes) <= len(actions)
    for action, note in zip(actions, notes, strict=False):
        response = client_a.post(reverse("portal:action", args=[action.pk]), {"note": note, "status": "red"})
        assert response.status_code == 302, _errors(response)

    response = client_b.post(reverse("portal:plan"), {
        "issue": "Few care leavers in work.", "goal": "More apprenticeships.", "goal_category": "internal",
        "success": "Ten offers.", "first_actions": "Meet HR.", "team": "Bea", "version": "1", "action": "submit",
    })
    assert response.status_code == 302, _errors(response)
    return actions


def _errors(response):
    text = visible_text(response.content.decode())
    return text[:1500]


def _saved(response, url):
    assert response.status_code == 302, f"{url}: {_errors(response)}"


def write_as_facilitator(world, client, report_page):
    """The facilitator's free text: themes, coding, the return comment, the
    programme, cohort, sessions, presentation, organisations, membership,
    participant, and the report page's commentary."""
    themes = []
    kinds = [ThemeKind.CHALLENGE, ThemeKind.ENABLER, ThemeKind.KEY_LEARNING, ThemeKind.FEEDBACK]
    names = [v for v in SHARP if len(v) <= 110][:8]
    for n, name in enumerate(names):
        url = reverse("programme_learningtheme_modeladmin_create")
        _saved(submit_form(client, url, {
            "name": name, "kind": kinds[n % len(kinds)], "group": SHARP[-(n + 1)][:120],
            "description": "\n".join([mark("theme-description"), *POSTABLE]) if n == 0 else mark("theme-description"),
        }), url)
        themes.append(LearningTheme.objects.get(name=name))

    # Code every submitted statement of A's with a theme of each kind that fits.
    statements = list(Statement.objects.filter(reflection__membership=world.a,
                                               reflection__status=SubmissionStatus.SUBMITTED))
    by_kind = {}
    for theme in themes:
        by_kind.setdefault(theme.kind, []).append(theme.pk)
    data = {"statement": [s.pk for s in statements]}
    for statement in statements:
        kind = {"valuable": ThemeKind.FEEDBACK, "even_better": ThemeKind.FEEDBACK, "enablers": ThemeKind.ENABLER,
                "next": ThemeKind.KEY_LEARNING}.get(statement.section, ThemeKind.CHALLENGE)
        data[f"codes-{statement.pk}"] = by_kind[kind]
    url = reverse("programme_admin:coding", args=[world.cohort.pk])
    _saved(client.post(url, data), url)

    # Return B's plan with a comment holding a batch of vectors.
    plan_b = OnePagePlan.objects.get(membership=world.b)
    comment = pack(POSTABLE, limit=2000, marker=mark("return-comment"))[0]
    url = reverse("programme_admin:plan_detail", args=[plan_b.pk])
    _saved(client.post(url, {"comment": comment}), url)

    parts = spread(POSTABLE, 3)
    url = reverse("programme_programme_modeladmin_edit", args=[world.programme.pk])
    _saved(submit_form(client, url, {
        "title": f"{mark('programme')} {SHARP[0]}", "host": SHARP[1], "funder": SHARP[2],
        "summary": "\n".join([mark("programme-summary"), *parts[0]]),
        "objective": "\n".join([mark("programme-objective"), *POSTABLE]),
        "outcomes_for_each_la": "\n".join([mark("outcomes-la"), *parts[1]]),
        "outcomes_for_system": "\n".join([mark("outcomes-system"), *parts[2]]),
    }), url)

    url = reverse("programme_cohort_modeladmin_edit", args=[world.cohort.pk])
    _saved(submit_form(client, url, {"name": f"{mark('cohort')} {SHARP[3]}"}), url)

    for session, vector in ((world.next_session, SHARP[4]), (world.past_session, SHARP[5])):
        url = reverse("programme_programmesession_modeladmin_edit", args=[session.pk])
        _saved(submit_form(client, url, {
            "title": f"{mark('session')} {vector}", "agenda": "\n".join([mark("agenda"), *POSTABLE]),
        }), url)

    url = reverse("programme_presentation_modeladmin_create")
    _saved(submit_form(client, url, {
        "session": str(world.past_session.pk), "topic": f"{mark('topic')} {SHARP[6]}",
        "presenters": f"{mark('presenters')} {SHARP[7]}",
    }), url)

    for membership, vector in ((world.a, FORMULAS[0]), (world.b, SHARP[8])):
        url = reverse("programme_organisation_modeladmin_edit", args=[membership.organisation.pk])
        _saved(submit_form(client, url, {"name": vector}), url)

    url = reverse("programme_membership_modeladmin_edit", args=[world.a.pk])
    _saved(submit_form(client, url, {
        "application_statement": "\n".join([mark("application"), *POSTABLE]),
    }), url)

    url = reverse("programme_participant_modeladmin_edit", args=[world.a_participant.pk])
    _saved(submit_form(client, url, {"name": f"{mark('person')} {SHARP[9]}", "role": SHARP[10]}), url)

    # The report page, in Wagtail's page editor: the title, the summary, and
    # rich text typed into Draftail (every vector as a paragraph; links to
    # javascript:, vbscript: and data: addresses as link entities).
    url = reverse("wagtailadmin_pages:edit", args=[report_page.pk])
    summary = pack(POSTABLE, limit=600, marker=mark("report-summary"))[0]
    quoted = Statement.objects.filter(reflection__membership=world.a, reflection__kind=ReflectionKind.FINAL_REPORT,
                                      reflection__status=SubmissionStatus.SUBMITTED).order_by("pk").first()
    # The written synthesis: rich text, a numbered list, and one row of each inline panel.
    inline = {}
    for relation, fields in (
        ("session_write_ups", {"session": str(world.past_session.pk),
                               "write_up": contentstate([mark("write-up"), *SHARP]), "show_discussion": "on"}),
        ("headline_quotes", {"statement": str(quoted.pk)}),
        ("theme_narratives", {"theme": str(themes[0].pk), "narrative": contentstate([mark("narrative"), *SHARP])}),
        ("useful_links", {"title": f"{mark('link-title')} {SHARP[12]}"[:200], "url": "https://example.org/typed",
                          "description": pack(POSTABLE, limit=1000, marker=mark("link-description"))[0]}),
    ):
        inline.update({f"{relation}-TOTAL_FORMS": ["1"], f"{relation}-INITIAL_FORMS": ["0"],
                       f"{relation}-MIN_NUM_FORMS": ["0"], f"{relation}-MAX_NUM_FORMS": ["1000"],
                       f"{relation}-0-ORDER": ["1"], f"{relation}-0-DELETE": [""], f"{relation}-0-id": [""]})
        inline.update({f"{relation}-0-{name}": [value] for name, value in fields.items()})
    response = submit_form(client, url, {
        "title": f"{mark('report-title')} {SHARP[11]}", "summary": summary,
        "introduction": contentstate([mark("commentary"), *POSTABLE]),
        "background": contentstate([mark("background"), *SHARP]),
        "session_format": contentstate([mark("session-format"), *SHARP]),
        "approach_commentary": contentstate([mark("approach"), *SHARP]),
        "key_learning_points": "\n".join([mark("key-points"), *[v for v in POSTABLE if "\n" not in v][:40]])[:4000],
        "conclusion": contentstate([mark("conclusion"), *FORMULAS], embeds=True),
    }, extra={"action-publish": ["action-publish"], **inline})
    _saved(response, url)

    # Emails and the session screens that list people: an invitation (its
    # subject and body carry the programme and organisation names), the
    # register, and breakout groups formed from it.
    newcomer = Participant.objects.create(membership=world.a, name=f"{mark('newcomer')} {SHARP[3]}",
                                          email="newcomer@council.example.org", role=SHARP[4])
    url = reverse("programme_admin:cohort_people", args=[world.cohort.pk])
    _saved(client.post(url, {"one": newcomer.pk, "action": "send"}), url)
    url = reverse("programme_admin:cohort_message", args=[world.cohort.pk])
    _saved(client.post(url, {"subject": f"{mark('message')} {SHARP[5]}", "body": "\n".join(POSTABLE[:20]),
                             "who": "everyone", "action": "send"}), url)
    url = reverse("programme_admin:register", args=[world.past_session.pk])
    people = [world.a_participant, world.a_participant2, world.b_participant, newcomer]
    _saved(client.post(url, {f"participant_{person.pk}": "attended" for person in people}), url)
    url = reverse("programme_admin:breakouts", args=[world.past_session.pk])
    _saved(client.post(url, {"action": "generate", "group_size": "2", "keep_organisations_apart": "on"}), url)
    return themes


def import_roster(world, client, failures):
    """A CSV roster whose organisations, names, roles and breakout tags are
    vectors: its preview is checked, then it is imported."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["organisation", "participant_name", "email", "role", "phone", "la_type", "region",
                     "membership_status", "breakout_tags"])
    short = [v for v in POSTABLE if len(v) <= 190 and "," not in v and ";" not in v]
    for n in range(12):
        organisation = f"{mark('import')} {short[n]}"
        writer.writerow([organisation, short[n + 12], f"person{n}@council{n}.example.org", short[n + 24], "",
                         "unitary", "", "accepted", short[n + 36]])
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = "roster.csv"
    url = reverse("programme_admin:import_roster", args=[world.cohort.pk])
    preview = client.post(url, {"file": upload, "create_organisations": "on"})
    page = preview.content.decode()
    failures += [f"{url} (preview): {problem}" for problem in page_problems(page, inline_scripts_allowed=True)]
    if mark("import") not in visible_text(page):
        failures.append(f"{url}: the preview does not show the rows: {visible_text(page)[:600]}")
        return
    payload = form_values(page, reverse("programme_admin:import_confirm", args=[world.cohort.pk]))["payload"][0]
    confirm = reverse("programme_admin:import_confirm", args=[world.cohort.pk])
    response = client.post(confirm, {"payload": payload})
    assert response.status_code == 302, _errors(response)
    check_page(client, response["Location"], [mark("import")], failures)


LINK_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "https://example.org/\"onmouseover=\"alert(1)",
]


def contentstate(paragraphs, *, embeds=False):
    """Draftail's value: one paragraph per item, the first few carrying a
    link entity to one of LINK_URLS (as a crafted POST could send); with
    `embeds`, also an image and an embed the commentary's features do not allow."""
    blocks, entities = [], {}
    if embeds:
        for key, entity in (("img", {"type": "IMAGE", "mutability": "IMMUTABLE", "data": {
            "id": 1, "src": "javascript:alert(1)", "alt": 'x" onerror="alert(1)', "format": "left"}}),
                            ("emb", {"type": "EMBED", "mutability": "IMMUTABLE", "data": {
                                "url": "javascript:alert(1)", "html": "<script>alert(1)</script>"}})):
            entities[key] = entity
            blocks.append({"key": key, "type": "atomic", "depth": 0, "text": " ", "inlineStyleRanges": [],
                           "entityRanges": [{"offset": 0, "length": 1, "key": key}], "data": {}})
    for n, text in enumerate(paragraphs):
        ranges = []
        if n < len(LINK_URLS) and text:
            entities[str(n)] = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": LINK_URLS[n]}}
            ranges = [{"offset": 0, "length": len(text), "key": n}]
        blocks.append({"key": f"b{n}", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [],
                       "entityRanges": ranges, "data": {}})
    return json.dumps({"blocks": blocks, "entityMap": entities})


# --------------------------------------------------------------------------- reading


def admin_pages(world, actions, themes, report_page):
    """(url, markers it must show) of every admin screen that shows the text."""
    a_plan = OnePagePlan.objects.get(membership=world.a)
    b_plan = OnePagePlan.objects.get(membership=world.b)
    reflections = {r.kind: r for r in Reflection.objects.filter(membership=world.a)}
    report, check_in, feedback = (reflections[ReflectionKind.FINAL_REPORT], reflections[ReflectionKind.CHECK_IN],
                                  reflections[ReflectionKind.FEEDBACK])
    presentation = Presentation.objects.get(session=world.past_session)
    pages = []
    # (model, object, markers its list shows, markers its inspect and edit views show)
    for model, obj, listed, shown in (
        ("programme", world.programme, ["xssmark-programme"], ["xssmark-programme", "xssmark-programme-objective"]),
        ("cohort", world.cohort, ["xssmark-cohort"], ["xssmark-cohort"]),
        ("membership", world.a, ["xssmark-cohort"], ["xssmark-application"]),
        ("participant", world.a_participant, ["xssmark-person"], ["xssmark-person"]),
        ("programmesession", world.next_session, ["xssmark-session"], ["xssmark-session", "xssmark-agenda"]),
        ("presentation", presentation, ["xssmark-topic"], ["xssmark-topic", "xssmark-presenters"]),
        ("organisation", world.a.organisation, [], []),
        ("learningtheme", themes[0], [], ["xssmark-theme-description"]),
    ):
        pages.append((reverse(f"programme_{model}_modeladmin_index"), listed))
        pages.append((reverse(f"programme_{model}_modeladmin_inspect", args=[obj.pk]), shown))
        pages.append((reverse(f"programme_{model}_modeladmin_edit", args=[obj.pk]), shown))
    email = SentEmail.objects.get(cohort=world.cohort, to="newcomer@council.example.org", kind="invitation")
    pages.append((reverse("programme_sentemail_modeladmin_index"), ["xssmark-programme"]))
    pages.append((reverse("programme_sentemail_modeladmin_inspect", args=[email.pk]), ["xssmark-programme"]))
    for theme in themes[1:]:
        pages.append((reverse("programme_learningtheme_modeladmin_inspect", args=[theme.pk]), []))
    cohort = world.cohort.pk
    pages += [
        (reverse("programme_admin:cohort_overview", args=[cohort]), ["xssmark-cohort", "xssmark-session"]),
        (reverse("programme_admin:submissions", args=[cohort]), ["xssmark-cohort"]),
        (reverse("programme_admin:plan_detail", args=[a_plan.pk]), [f"xssmark-plan-{f}" for f in
                                                                    ("issue", "goal", "success", "team")]),
        (reverse("programme_admin:plan_detail", args=[b_plan.pk]), ["xssmark-return-comment"]),
        (reverse("programme_admin:reflection_detail", args=[report.pk]), ["xssmark-report-progress",
                                                                          "xssmark-report-next"]),
        (reverse("programme_admin:reflection_detail", args=[check_in.pk]), ["xssmark-check-in-progress"]),
        (reverse("programme_admin:reflection_detail", args=[feedback.pk]), ["xssmark-feedback-valuable"]),
        (reverse("programme_admin:register", args=[world.past_session.pk]), ["xssmark-person"]),
        (reverse("programme_admin:breakouts", args=[world.past_session.pk]), ["xssmark-session", "xssmark-person"]),
        (reverse("programme_admin:breakouts", args=[world.past_session.pk]) + "?print=1", ["xssmark-person"]),
        (reverse("programme_admin:theme_merge", args=[themes[0].pk]), []),
        (reverse("programme_admin:cohort_people", args=[cohort]), ["xssmark-newcomer"]),
        (reverse("programme_admin:cohort_messages", args=[cohort]), ["xssmark-message"]),
        (reverse("programme_admin:programme_learning", args=[world.programme.pk]), ["xssmark-programme",
                                                                                     "xssmark-cohort"]),
        (reverse("programme_admin:report_print", args=[cohort]), ["xssmark-programme-objective",
                                                                  "xssmark-report-challenges"]),
        (reverse("programme_admin:cohort_actions", args=[cohort]), ["xssmark-action", "xssmark-update"]),
        (reverse("programme_admin:session_feedback", args=[world.past_session.pk]),
         ["xssmark-session-useful", "xssmark-session-better"]),
        (reverse("programme_admin:cohort_actions", args=[cohort]) + "?status=red", ["xssmark-update"]),
        (reverse("wagtailadmin_explore", args=[report_page.get_parent().pk]), ["xssmark-report-title"]),
    ]
    # Version history: every saved version of A's plan and report, and of B's returned plan.
    for submission, view in ((a_plan, "plan_detail"), (b_plan, "plan_detail"), (report, "reflection_detail")):
        for version in submission.versions.values_list("version", flat=True):
            pages.append((reverse(f"programme_admin:{view}", args=[submission.pk]) + f"?version={version}", []))
    return pages


def portal_pages(world, actions):
    a_check_in = Reflection.objects.get(membership=world.a, kind=ReflectionKind.CHECK_IN)
    a_pages = [
        (reverse("portal:dashboard"), ["xssmark-session", "xssmark-agenda", "xssmark-action"]),
        (reverse("portal:sessions"), ["xssmark-agenda", "xssmark-topic"]),
        (reverse("portal:plan"), [f"xssmark-plan-{f}" for f in ("issue", "goal", "success", "first_actions", "team")]),
        (reverse("portal:report"), [f"xssmark-report-{s}" for s in REPORT_SECTIONS]),
        (reverse("portal:feedback"), ["xssmark-feedback-valuable", "xssmark-feedback-even-better"]),
        (reverse("portal:reflections"), []),
        (reverse("portal:reflection", args=[a_check_in.pk]), [f"xssmark-check-in-{s}" for s in REPORT_SECTIONS]),
        (reverse("portal:actions"), ["xssmark-action", "xssmark-update"]),
        (reverse("portal:session_feedback", args=[world.past_session.pk]),
         ["xssmark-session-useful", "xssmark-session-better"]),
        (reverse("portal:peers"), []),
        *[(reverse("portal:action", args=[action.pk]), ["xssmark-action"]) for action in actions],
    ]
    b_pages = [
        (reverse("portal:dashboard"), ["xssmark-return-comment"]),
        (reverse("portal:plan"), ["xssmark-return-comment"]),
        (reverse("portal:peers"), []),
        (reverse("portal:peer", args=[world.a.pk]), ["xssmark-plan-issue", "xssmark-report-progress"]),
    ]
    return a_pages, b_pages


def check_page(client, url, markers, failures):
    response = client.get(url)
    if response.status_code != 200:
        failures.append(f"{url}: status {response.status_code}")
        return ""
    page = response.content.decode()
    admin = url.startswith("/admin/")
    failures += [f"{url}: {problem}" for problem in page_problems(page, inline_scripts_allowed=admin)]
    text = visible_text(page)
    failures += [f"{url}: does not show {marker} (so it was not tested)" for marker in markers if marker not in text]
    return page


# --------------------------------------------------------------------------- the test


@pytest.fixture
def make_client(db):
    """make_client(user): a separate browser, logged in as `user` (or nobody)."""
    from django.test import Client

    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client
    return make


@pytest.fixture
def report_page(home_page):
    from resources.models import ProgrammeReportIndexPage, ProgrammeReportPage

    def make(cohort):
        index = ProgrammeReportIndexPage(title="Programme reports", slug="reports", intro="What cohorts learned.")
        home_page.add_child(instance=index)
        index.save_revision().publish()
        page = ProgrammeReportPage(title="Report", slug="report", cohort=cohort, summary="What was learned.")
        index.add_child(instance=page)
        page.save_revision().publish()
        return page
    return make


def test_every_vector_is_inert_on_every_page_and_download(db, report_page, make_client):
    world = build_cohort("X")
    world.cohort.sharing_enabled = True
    world.cohort.save()
    # Every theme shown, however few named it, so that every word reaches the public report.
    world.cohort.report_threshold = 1
    world.cohort.save()
    page = report_page(world.cohort)
    client_a, client_b, facilitator = make_client(world.a_user), make_client(world.b_user), make_client(world.facilitator)

    actions = write_as_participants(world, client_a, client_b)
    # A consents for its organisation in the portal, after seeing its words there.
    response = client_a.post(reverse("portal:consent"), {"action": "give", "confirm": "on"})
    assert response.status_code == 302, _errors(response)
    themes = write_as_facilitator(world, facilitator, page)
    page.refresh_from_db()

    failures = []
    import_roster(world, facilitator, failures)
    a_pages, b_pages = portal_pages(world, actions)
    for url, markers in a_pages:
        check_page(client_a, url, markers, failures)
    for url, markers in b_pages:
        check_page(client_b, url, markers, failures)
    for url, markers in admin_pages(world, actions, themes, page):
        check_page(facilitator, url, markers, failures)

    # The coding screen, every page of it.
    url = reverse("programme_admin:coding", args=[world.cohort.pk])
    number, seen = 1, 0
    while True:
        html_page = check_page(facilitator, f"{url}?page={number}", [], failures)
        seen += visible_text(html_page).count("xssmark-")
        if f"page={number + 1}" not in html_page:
            break
        number += 1
    if seen < 10:
        failures.append(f"{url}: the statements were not on the coding screen")

    # The public report and where it is listed and found.
    anonymous = make_client()
    public_marks = ["xssmark-report-title", "xssmark-report-summary", "xssmark-commentary", "xssmark-approach",
                    "xssmark-conclusion", "xssmark-programme-objective", "xssmark-report-progress",
                    "xssmark-plan-goal", "xssmark-background", "xssmark-session-format", "xssmark-key-points",
                    "xssmark-write-up", "xssmark-narrative", "xssmark-link-title", "xssmark-link-description"]
    public = check_page(anonymous, page.url, public_marks, failures)
    check_page(client_a, reverse("portal:consent"), ["xssmark-plan-goal", "xssmark-report-progress",
                                                     "xssmark-feedback-valuable"], failures)
    check_page(facilitator, reverse("programme_admin:membership_consent", args=[world.a.pk]), [], failures)
    failures += check_public_downloads(anonymous, page, public_marks)
    check_page(anonymous, page.get_parent().url, ["xssmark-report-title"], failures)
    check_page(anonymous, "/", ["xssmark-report-title"], failures)
    check_page(anonymous, reverse("search") + "?q=xssmark", ["xssmark-report-title"], failures)
    if "{{7*7}}" not in visible_text(public):
        failures.append("the template-like text {{7*7}} is not shown as typed on the public report")

    failures += check_downloads(world, facilitator)
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures[:80])


def check_public_downloads(client, page, marks):
    """The public Word file and PDF of the published report: nothing in them
    runs, and every new field's words are there (so they were tested)."""
    failures = []
    word = client.get(page.url + "download/word/")
    if word.status_code != 200:
        return [f"public Word file: {word.status_code}"]
    failures += [f"public docx: {problem}" for problem in docx_problems(word.content)]
    words = docx_text(word.content)
    pdf = client.get(page.url + "download/pdf/")
    if pdf.status_code != 200:
        return failures + [f"public PDF: {pdf.status_code}"]
    failures += [f"public pdf: {problem}" for problem in pdf_problems(pdf.content)]
    text = pdf_text(pdf.content).replace("\n", " ")
    for marker in marks:
        if marker not in words:
            failures.append(f"public docx: {marker} missing, so it was not tested")
        if marker not in text.replace("- ", "-"):
            failures.append(f"public pdf: {marker} missing, so it was not tested")
    return failures


def check_downloads(world, client):
    failures = []
    cohort = world.cohort.pk
    for name in ("coded_statements_csv", "theme_counts_csv"):
        response = client.get(reverse(f"programme_admin:{name}", args=[cohort]))
        failures += [f"{name}: {problem}" for problem in csv_problems(response.content)]
        cells = csv_cells(response.content)
        if not any(cell.startswith("'=") for cell in cells):
            failures.append(f"{name}: no neutralised formula, so the formula vectors were not in it")
    organisation = Organisation.objects.get(pk=world.a.organisation.pk).name
    # The participants, attendance and actions files hold the organisation's name (a formula) and every
    # name, role, email, action, owner and update note the vectors went into.
    for name in ("coded_statements_csv", "participants_attendance_csv", "cohort_actions_csv"):
        response = client.get(reverse(f"programme_admin:{name}", args=[cohort]))
        if name != "coded_statements_csv":
            failures += [f"{name}: {problem}" for problem in csv_problems(response.content)]
        if f"'{organisation}" not in set(csv_cells(response.content)):
            failures.append(f"{name}: the organisation {organisation!r} is not neutralised")

    xlsx = client.get(reverse("programme_admin:coded_statements_xlsx", args=[cohort])).content
    failures += [f"xlsx: {problem}" for problem in xlsx_problems(xlsx)]
    if organisation not in xlsx_strings(xlsx):
        failures.append("xlsx: the organisation's name is not kept as text")

    docx = client.get(reverse("programme_admin:report_docx", args=[cohort])).content
    failures += [f"docx: {problem}" for problem in docx_problems(docx)]
    words = docx_text(docx)
    for marker in ("xssmark-programme-objective", "xssmark-report-progress", "xssmark-plan-goal"):
        if marker not in words:
            failures.append(f"docx: {marker} missing, so it was not tested")
    return failures


# --------------------------------------------------------------------------- refused outright


def test_vectors_with_null_characters_are_refused_by_participant_and_facilitator_forms(
    db, make_client, home_page
):
    world = build_cohort("X")
    client_a, facilitator = make_client(world.a_user), make_client(world.facilitator)
    for vector in WITH_NUL:
        response = client_a.post(reverse("portal:plan"), {"goal": vector, "version": "1", "action": "save"})
        assert response.status_code == 200, vector
        assert "Null characters are not allowed" in response.content.decode()
        response = client_a.post(reverse("portal:report"), {"progress": vector, "version": "1", "action": "save"})
        assert "Null characters are not allowed" in response.content.decode()
        url = reverse("programme_programme_modeladmin_edit", args=[world.programme.pk])
        response = submit_form(facilitator, url, {"objective": vector})
        assert response.status_code == 200, vector
        assert "Null characters are not allowed" in response.content.decode()
    # (Compared in Python: SQLite's LIKE stops at a null character.)
    assert not any("\x00" in goal for goal in OnePagePlan.objects.values_list("goal", flat=True))
    assert not Statement.objects.exists()
    assert not any("\x00" in text for text in Programme.objects.values_list("objective", flat=True))


@pytest.mark.parametrize("address", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
                                     "vbscript:msgbox(1)", "http://meet.example.org/room"])
def test_address_fields_refuse_anything_but_https(db, make_client, address):
    world = build_cohort("X")
    facilitator = make_client(world.facilitator)
    url = reverse("programme_programmesession_modeladmin_edit", args=[world.next_session.pk])
    response = submit_form(facilitator, url, {"join_url": address})
    assert response.status_code == 200
    assert "Enter the full https:// address" in response.content.decode()
    assert ProgrammeSession.objects.get(pk=world.next_session.pk).join_url.startswith("https://")
    if address.startswith("http://"):
        return
    url = reverse("programme_organisation_modeladmin_edit", args=[world.a.organisation.pk])
    response = submit_form(facilitator, url, {"website": address})
    assert response.status_code == 200
    assert Organisation.objects.get(pk=world.a.organisation.pk).website == ""


# --------------------------------------------------------------------------- the checker itself

# Vectors that are plain words when put into a page as they are: their danger
# is in what a filter or a template might make of them (a half-removed tag,
# an attribute they could close, a spreadsheet or a template engine).
INERT_AS_TEXT = {
    "<scr<script>ipt>alert(1)</scr</script>ipt>", "<img src=`x`onerror=alert(1)>",
    "<a href=`javascript:alert(1)`>backticks</a>",
    '<a href="mailto:x@example.org?body=<script>alert(1)</script>">mail link</a>',
    '<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">quoted query</a>',
    '<a href="//evil.example/" target="_top">protocol-relative</a>',
    "javascript:alert(1)", "JAVASCRIPT:window.__xss=1", "vbscript:msgbox(1)",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", "<![CDATA[<script>alert(1)</script>]]>",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-", "+ADw-img src=x onerror=alert(1)+AD4-",
    "<scr\x00ipt>alert(1)</scr\x00ipt>", "{{7*7}}", "${alert(1)}", "{{constructor.constructor('alert(1)')()}}",
    "#{7*7}", "<%= 7*7 %>", "{% debug %}", "{{ request.user.password }}", "[click me](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", '![picture](x" onerror="alert(1))',
    '"onmouseover="alert(1)', "' onfocus='alert(1)' autofocus='", "`onmouseover=alert(1)",
    '" autofocus onfocus=alert(1) x="', '\\";alert(1);//', *FORMULAS,
}
ATTRIBUTE_BREAKERS = ['"onmouseover="alert(1)', '" autofocus onfocus=alert(1) x="', "' onfocus='alert(1)' autofocus='"]


@pytest.mark.parametrize("vector", [v for v in VECTORS if v not in INERT_AS_TEXT])
def test_the_checker_catches_the_vector_left_unescaped(vector):
    assert page_problems(f"<html><body><main><p>{vector}</p></main></body></html>")


@pytest.mark.parametrize("vector", VECTORS)
def test_the_checker_passes_the_vector_escaped(vector):
    escaped = html.escape(vector)
    assert page_problems(f'<p title="{escaped}">{escaped}</p><textarea>{escaped}</textarea>') == []


@pytest.mark.parametrize("vector", ATTRIBUTE_BREAKERS)
def test_the_checker_catches_an_attribute_closed_by_the_vector(vector):
    quote = vector.strip()[0]
    assert page_problems(f"<input value={quote}{vector}{quote}>")


def test_the_checker_catches_formulas_in_csv_and_excel_and_fields_in_word():
    assert csv_problems(b"name,note\r\n=1+1,'=2+2\r\n")
    assert not csv_problems(b"name,note\r\n'=1+1,fine\r\n")

    import docx
    import openpyxl
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "=1+1"  # openpyxl writes a string starting with = as a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert xlsx_problems(buffer.getvalue())

    document = docx.Document()
    document.add_paragraph("plain words <script>alert(1)</script>")
    clean = io.BytesIO()
    document.save(clean)
    assert docx_problems(clean.getvalue()) == []
    document.paragraphs[0]._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="HYPERLINK &quot;javascript:alert(1)&quot;"><w:r><w:t>x</w:t></w:r>'
        "</w:fldSimple>"
    ))
    fielded = io.BytesIO()
    document.save(fielded)
    assert docx_problems(fielded.getvalue())


def test_the_checker_catches_scripts_and_odd_links_in_a_pdf():
    import pypdf
    from pypdf.annotations import Link
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    clean = io.BytesIO()
    writer.write(clean)
    assert pdf_problems(clean.getvalue()) == []

    scripted = pypdf.PdfWriter()
    scripted.add_blank_page(width=200, height=200)
    scripted._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1);")})
    buffer = io.BytesIO()
    scripted.write(buffer)
    assert pdf_problems(buffer.getvalue())

    linked = pypdf.PdfWriter()
    linked.add_blank_page(width=200, height=200)
    linked.add_annotation(0, Link(rect=ArrayObject([FloatObject(0)] * 4), url="javascript:alert(1)"))
    buffer = io.BytesIO()
    linked.write(buffer)
    assert pdf_problems(buffer.getvalue())
