"""The facilitator's plans-and-reports screens in the Wagtail admin: a
cohort's submission progress, each plan or reflection with its history, and
returning one for changes."""
import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from programme.enums import (
    GoalProgress,
    MembershipStatus,
    ReflectionKind,
    Section,
    SubmissionStatus,
)
from programme.models import (
    Membership,
    OnePagePlan,
    Organisation,
    Reflection,
    Statement,
    SubmissionVersion,
)
from programme.submissions.views import progress, submission_rows
from programme.submissions.writing import (
    final_report_for,
    plan_for,
    return_for_changes,
    save_plan,
    save_reflection,
    submit,
)
from tests.builders import FULL_PLAN, FULL_REPORT
from tests.factories import CohortFactory, UserFactory
from tests.helpers import count_queries

LONDON = zoneinfo.ZoneInfo("Europe/London")
# The cohorts' deadlines are in 2021: returning work now reopens it until this day.
REOPEN_UNTIL = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
SUBMITTED, DRAFT, RETURNED = (SubmissionStatus.SUBMITTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)



def submitted_plan(membership, user, data=FULL_PLAN):
    plan = plan_for(membership)
    save_plan(plan=plan, data=data, user=user, expected_version=plan.version)
    submit(submission=plan, user=user, expected_version=plan.version)
    return plan


def submitted_report(membership, user, sections=FULL_REPORT):
    report = final_report_for(membership)
    save_reflection(reflection=report, sections=sections, user=user, expected_version=report.version,
                    goal_progress=GoalProgress.GOOD)
    submit(submission=report, user=user, expected_version=report.version)
    return report


@pytest.fixture
def cohort_x(programme_x, writer):
    """Council 0 submitted its plan and report and wrote two check-ins (one
    submitted); Council 1 has a draft plan; Council 2's plan was returned."""
    first, second, third = programme_x.memberships
    submitted_plan(first, writer)
    submitted_report(first, writer)
    for n, sections in enumerate([{Section.PROGRESS: ["Met HR."]}, {Section.PROGRESS: ["Drafting."]}]):
        check_in = Reflection.objects.create(membership=first, kind=ReflectionKind.CHECK_IN)
        save_reflection(reflection=check_in, sections=sections, user=writer, expected_version=check_in.version)
        if n == 0:
            submit(submission=check_in, user=writer, expected_version=check_in.version)
    draft = plan_for(second)
    save_plan(plan=draft, data={"issue": "Jobs"}, user=writer, expected_version=draft.version)
    returned = submitted_plan(third, writer)
    return_for_changes(submission=returned, user=programme_x.facilitator, comment="Say who is in the team.")
    cohort = programme_x.cohort
    cohort.plan_deadline = datetime.datetime(2021, 3, 12, 17, 0, tzinfo=LONDON)
    cohort.report_deadline = datetime.datetime(2021, 7, 30, 12, 0, tzinfo=LONDON)
    cohort.save()
    return programme_x


def submissions_url(cohort):
    return reverse("programme_admin:submissions", args=[cohort.pk])


def plan_url(plan):
    return reverse("programme_admin:plan_detail", args=[plan.pk])


def reflection_url(reflection):
    return reverse("programme_admin:reflection_detail", args=[reflection.pk])


def add_organisations(cohort, count, *, start=0, plans_submitted=0, reports_submitted=0):
    """`count` accepted organisations, each with a plan, a one-page report and
    a check-in; the first `plans_submitted` plans and `reports_submitted`
    reports submitted, the rest drafts. A handful of bulk inserts whatever
    the count."""
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{cohort.name} council {n:03}", slug=slugify(f"{cohort.name} council {n:03}"))
        for n in range(start, start + count)
    )
    memberships = Membership.objects.bulk_create(
        Membership(cohort=cohort, organisation=organisation, status=MembershipStatus.ACCEPTED)
        for organisation in organisations
    )
    now = timezone.now()

    def status(n, submitted):
        return (SUBMITTED, now) if n < submitted else (DRAFT, None)

    OnePagePlan.objects.bulk_create(
        OnePagePlan(membership=m, status=status(n, plans_submitted)[0], submitted_at=status(n, plans_submitted)[1],
                    version=3, goal="A goal")
        for n, m in enumerate(memberships)
    )
    Reflection.objects.bulk_create(
        Reflection(membership=m, kind=ReflectionKind.FINAL_REPORT, status=status(n, reports_submitted)[0],
                   submitted_at=status(n, reports_submitted)[1], version=3)
        for n, m in enumerate(memberships)
    )
    Reflection.objects.bulk_create(
        Reflection(membership=m, kind=ReflectionKind.CHECK_IN, status=SUBMITTED, submitted_at=now, version=3)
        for m in memberships
    )
    return memberships


# --------------------------------------------------------------------------- the cohort's figures


def test_submission_rows_give_each_organisations_plan_report_and_check_ins(cohort_x, django_assert_num_queries):
    with django_assert_num_queries(3):
        rows = submission_rows(cohort=cohort_x.cohort)

    assert [(row.organisation.name, row.plan.status, row.report.status, row.check_ins_submitted, len(row.check_ins))
            for row in rows] == [
        ("X Council 0", SUBMITTED, SUBMITTED, 1, 2),
        ("X Council 1", DRAFT, "not_started", 0, 0),
        ("X Council 2", RETURNED, "not_started", 0, 0),
    ]


def test_progress_sentences_for_ten_organisations(db):
    cohort = CohortFactory(name="Ten")
    add_organisations(cohort, 10, plans_submitted=7, reports_submitted=9)
    rows = submission_rows(cohort=cohort)

    plans = progress(rows, noun="plans", pick=lambda row: row.plan)
    reports = progress(rows, noun="one-page reports", pick=lambda row: row.report)

    assert plans.sentence == "7 of 10 plans submitted"
    assert reports.sentence == "9 of 10 one-page reports submitted"
    assert plans.breakdown == [("draft", 3)]


def test_plan_opened_but_never_saved_counts_as_not_started(programme_x):
    plan_for(programme_x.memberships[0])  # the portal creates it when first shown

    rows = submission_rows(cohort=programme_x.cohort)

    assert rows[0].plan.status == "not_started"


def test_submission_rows_leave_out_organisations_not_accepted(cohort_x):
    Membership.objects.filter(pk=cohort_x.memberships[1].pk).update(status=MembershipStatus.WITHDRAWN)

    rows = submission_rows(cohort=cohort_x.cohort)

    assert [row.organisation.name for row in rows] == ["X Council 0", "X Council 2"]


# --------------------------------------------------------------------------- the submissions screen


def test_submissions_screen_shows_progress_deadlines_and_each_organisation(cohort_x, client):
    client.force_login(cohort_x.facilitator)
    plans = {m.organisation.name: OnePagePlan.objects.get(membership=m) for m in cohort_x.memberships}
    report = Reflection.objects.get(membership=cohort_x.memberships[0], kind=ReflectionKind.FINAL_REPORT)

    response = client.get(submissions_url(cohort_x.cohort))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="w-font-bold w-mb-1" id="plans-progress">1 of 3 plans submitted</p>' in html
    assert '<progress max="3" value="1" aria-labelledby="plans-progress">1 of 3</progress>' in html
    assert '<p class="w-font-bold w-mb-1" id="reports-progress">1 of 3 one-page reports submitted</p>' in html
    assert '<progress max="3" value="1" aria-labelledby="reports-progress">1 of 3</progress>' in html
    assert "1 returned for changes, 1 draft" in html
    assert "2 not started" in html
    assert "Friday 12 March 2021, 17:00" in html
    assert "Friday 30 July 2021, 12:00" in html
    for name, plan in plans.items():
        assert f'href="{plan_url(plan)}"' in html, name
    assert f'href="{reflection_url(report)}"' in html
    assert "Returned for changes<span class=\"w-sr-only\">: X Council 2's plan</span>" in html
    assert "1 submitted of 2" in html  # Council 0's check-ins


def test_submissions_screen_with_no_accepted_organisations(programme_x, client):
    Membership.objects.update(status=MembershipStatus.INVITED)
    client.force_login(programme_x.facilitator)

    response = client.get(submissions_url(programme_x.cohort))

    assert response.status_code == 200
    assert "No organisations have been accepted into this cohort yet." in response.content.decode()
    assert "<progress" not in response.content.decode()


def test_submissions_screen_queries_same_for_10_and_125_organisations(programme_x, client):
    cohort = programme_x.cohort
    Membership.objects.filter(cohort=cohort).delete()
    client.force_login(programme_x.facilitator)
    url = submissions_url(cohort)

    add_organisations(cohort, 10, plans_submitted=7, reports_submitted=9)
    ten = count_queries(client, url)
    assert "7 of 10 plans submitted" in client.get(url).content.decode()

    add_organisations(cohort, 115, start=10)
    many = count_queries(client, url)
    assert "7 of 125 plans submitted" in client.get(url).content.decode()

    assert ten == many


# --------------------------------------------------------------------------- the detail screens


def test_plan_detail_shows_content_status_and_version_history(cohort_x, client):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    client.force_login(cohort_x.facilitator)

    response = client.get(plan_url(plan))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Status: Submitted" in html
    assert "Submitted by Sam Writer" in html
    assert FULL_PLAN["goal"] in html
    assert "Internal / LA as employer or corporate parent" in html
    versions = response.context["versions"]
    assert [(v["version"].version, v["version"].note, v["version"].author) for v in versions] == [
        (3, "Submitted", UserFactory(username="writer")),
        (2, "Saved as draft", UserFactory(username="writer")),
    ]
    assert f'<a href="{plan_url(plan)}?version=2">Read version 2</a>' in html
    assert "Return for changes" in html
    assert 'name="comment"' in html
    # The cohort's plan deadline (March 2021) has passed: returning it asks until when it reopens.
    assert "has passed: say until when X Council 0 may submit it again" in html
    assert 'name="reopen_until"' in html


def test_plan_detail_earlier_version_shows_that_snapshot(programme_x, writer, client):
    plan = plan_for(programme_x.memberships[0])
    save_plan(plan=plan, data={**FULL_PLAN, "goal": "An early goal"}, user=writer, expected_version=plan.version)
    save_plan(plan=plan, data=FULL_PLAN, user=writer, expected_version=plan.version)
    client.force_login(programme_x.facilitator)

    earlier = client.get(f"{plan_url(plan)}?version=2")
    current = client.get(plan_url(plan))

    assert "An early goal" in earlier.content.decode()
    assert FULL_PLAN["goal"] not in earlier.content.decode()
    assert "You are reading version 2 (draft)" in earlier.content.decode()
    assert earlier.context["shown_version"].version == 2
    assert "An early goal" not in current.content.decode()
    assert FULL_PLAN["goal"] in current.content.decode()


@pytest.mark.parametrize("version", ["99", "two", "1"])
def test_plan_detail_unknown_version_is_404(cohort_x, client, version):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    client.force_login(cohort_x.facilitator)

    assert client.get(f"{plan_url(plan)}?version={version}").status_code == 404


def test_plan_detail_version_of_another_plan_is_404(cohort_x, client):
    ours = OnePagePlan.objects.get(membership=cohort_x.memberships[1])  # version 2 only
    theirs = OnePagePlan.objects.get(membership=cohort_x.memberships[2])  # versions 2, 3 and 4
    assert SubmissionVersion.objects.filter(plan=theirs, version=4).exists()
    client.force_login(cohort_x.facilitator)

    assert client.get(f"{plan_url(ours)}?version=4").status_code == 404


def test_reflection_detail_shows_statements_by_section_and_history(cohort_x, client):
    report = Reflection.objects.get(membership=cohort_x.memberships[0], kind=ReflectionKind.FINAL_REPORT)
    client.force_login(cohort_x.facilitator)

    response = client.get(reflection_url(report))

    html = response.content.decode()
    assert response.status_code == 200
    assert [(item["heading"], item["statements"]) for item in response.context["sections"]] == [
        ("Progress made", ["Ring-fenced five apprenticeships."]),
        ("Challenges faced", ["Covid restrictions."]),
        ("What enabled progress?", ["Senior manager support."]),
        ("What's next?", ["Extend to the NHS trust."]),
    ]
    assert "<li>Covid restrictions.</li>" in html
    assert "One-page report" in html
    assert len(response.context["versions"]) == 2


def test_reflection_detail_earlier_version_shows_that_snapshot(programme_x, writer, client):
    report = final_report_for(programme_x.memberships[0])
    save_reflection(reflection=report, sections={Section.PROGRESS: ["Early words"]}, user=writer,
                    expected_version=report.version)
    save_reflection(reflection=report, sections=FULL_REPORT, user=writer, expected_version=report.version)
    client.force_login(programme_x.facilitator)

    response = client.get(f"{reflection_url(report)}?version=2")

    assert response.context["sections"][0]["statements"] == ["Early words"]
    assert "Ring-fenced five apprenticeships." not in response.content.decode()
    assert "Return for changes" not in response.content.decode()


def test_detail_screens_escape_participant_text_written_by_any_route(cohort_x, client):
    attack = '<script>alert("x")</script><img src=x onerror="alert(1)">Jobs & <b>more</b> a < b'
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    OnePagePlan.objects.filter(pk=plan.pk).update(goal=attack, return_comment=attack)
    SubmissionVersion.objects.filter(plan=plan).update(data={"goal": attack, "issue": attack})
    report = Reflection.objects.get(membership=cohort_x.memberships[0], kind=ReflectionKind.FINAL_REPORT)
    Statement.objects.filter(reflection=report).update(text=attack)
    client.force_login(cohort_x.facilitator)

    pages = [client.get(plan_url(plan)), client.get(f"{plan_url(plan)}?version=2"), client.get(reflection_url(report))]

    for page in pages:
        html = page.content.decode()
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "<img" not in html
        assert 'alert("x")Jobs &amp; <b>more</b> a &lt; b' in html


# --------------------------------------------------------------------------- returning for changes


def test_return_for_changes_returns_it_with_the_comment_and_lets_them_edit(cohort_x, writer, client):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    client.force_login(cohort_x.facilitator)

    response = client.post(plan_url(plan), {"comment": "Make the goal measurable.", "reopen_until": REOPEN_UNTIL})

    assert response.status_code == 302
    assert response.url == plan_url(plan)
    plan.refresh_from_db()
    assert (plan.status, plan.return_comment, plan.updated_by) == (
        RETURNED, "Make the goal measurable.", cohort_x.facilitator
    )
    page = client.get(response.url).content.decode()
    assert "Returned to X Council 0 for changes." in page
    assert "Status: Returned for changes" in page
    assert "Make the goal measurable." in page
    assert "Returned for changes</td>" in page  # the history's latest entry
    # The organisation can edit it again.
    save_plan(plan=plan, data={**FULL_PLAN, "goal": "Ten apprenticeships by March."}, user=writer,
              expected_version=plan.version)
    assert OnePagePlan.objects.get(pk=plan.pk).goal == "Ten apprenticeships by March."


def test_return_for_changes_of_a_report(cohort_x, client):
    report = Reflection.objects.get(membership=cohort_x.memberships[0], kind=ReflectionKind.FINAL_REPORT)
    client.force_login(cohort_x.facilitator)

    response = client.post(reflection_url(report), {"comment": "Add a challenge from the system.",
                                                    "reopen_until": REOPEN_UNTIL})

    assert response.status_code == 302
    assert Reflection.objects.get(pk=report.pk).status == RETURNED


def test_return_for_changes_without_comment_shows_error_beside_field_and_saves_nothing(cohort_x, client):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    versions = SubmissionVersion.objects.count()
    client.force_login(cohort_x.facilitator)

    response = client.post(plan_url(plan), {"comment": "   "})

    assert response.status_code == 200
    html = response.content.decode()
    message = "Say what should change, so the organisation knows what to do."
    assert '<div class="w-field__errors" id="id_comment-error">' in html
    assert f'<p class="error-message">{message} </p>' in html
    assert f'<li><a href="#id_comment">{message}</a></li>' in html  # the error summary
    assert 'aria-invalid="true"' in html
    assert OnePagePlan.objects.get(pk=plan.pk).status == SUBMITTED
    assert SubmissionVersion.objects.count() == versions


def test_return_for_changes_of_a_draft_is_refused(cohort_x, client):
    draft = OnePagePlan.objects.get(membership=cohort_x.memberships[1])
    client.force_login(cohort_x.facilitator)

    page = client.get(plan_url(draft))
    response = client.post(plan_url(draft), {"comment": "Too early."})

    assert 'name="comment"' not in page.content.decode()
    assert response.status_code == 200
    assert "Only a submitted plan or report can be returned." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.return_comment) == (DRAFT, "")


# --------------------------------------------------------------------------- who may see it


@pytest.mark.parametrize("name", ["submissions", "plan_detail", "reflection_detail"])
def test_unknown_ids_are_404(programme_x, client, name):
    client.force_login(programme_x.facilitator)

    assert client.get(reverse(f"programme_admin:{name}", args=[999999])).status_code == 404


def test_other_programmes_facilitator_is_denied_every_screen(cohort_x, programme_y, client):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    report = Reflection.objects.get(membership=cohort_x.memberships[0], kind=ReflectionKind.FINAL_REPORT)
    client.force_login(programme_y.facilitator)

    for url in [submissions_url(cohort_x.cohort), plan_url(plan), f"{plan_url(plan)}?version=2",
                reflection_url(report)]:
        page = client.get(url)
        ajax = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        # Wagtail answers a PermissionDenied in the admin with a redirect to
        # the dashboard and a message (a real 403 for XHR).
        assert page.status_code == 404, url
        assert ajax.status_code == 404, url


def test_other_programmes_facilitator_post_changes_nothing(cohort_x, programme_y, client):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])
    report = Reflection.objects.get(membership=cohort_x.memberships[0], kind=ReflectionKind.FINAL_REPORT)
    versions = SubmissionVersion.objects.count()
    client.force_login(programme_y.facilitator)

    responses = [client.post(plan_url(plan), {"comment": "Mine now."}),
                 client.post(reflection_url(report), {"comment": "Mine now."})]

    assert [r.status_code for r in responses] == [404, 404]
    assert OnePagePlan.objects.get(pk=plan.pk).status == SUBMITTED
    assert Reflection.objects.get(pk=report.pk).status == SUBMITTED
    assert SubmissionVersion.objects.count() == versions


def test_own_programmes_screen_is_not_shown_to_other_facilitator_in_their_cohort(cohort_x, programme_y, client):
    client.force_login(cohort_x.facilitator)

    assert client.get(submissions_url(programme_y.cohort)).status_code == 404


def test_anonymous_is_sent_to_login_and_post_changes_nothing(cohort_x, client):
    plan = OnePagePlan.objects.get(membership=cohort_x.memberships[0])

    page = client.get(submissions_url(cohort_x.cohort))
    response = client.post(plan_url(plan), {"comment": "Anonymous."})

    for answer in (page, response):
        assert answer.status_code == 302
        assert answer.url.startswith(reverse("wagtailadmin_login"))
    assert OnePagePlan.objects.get(pk=plan.pk).status == SUBMITTED


def test_participant_is_sent_to_login(cohort_x, client):
    person = cohort_x.participants[0]
    person.user = UserFactory(username="participant")
    person.save()
    plan = OnePagePlan.objects.get(membership=person.membership)
    client.force_login(person.user)

    response = client.post(plan_url(plan), {"comment": "Returning my own plan."})

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert OnePagePlan.objects.get(pk=plan.pk).status == SUBMITTED
