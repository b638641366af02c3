"""The facilitators' daily digest of new submissions
(programme/notifications/digest.py, `manage.py send_submission_digests`)
and the facilitator's own switch for it in their account settings."""
import datetime
import io
import zoneinfo

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.enums import EmailKind, MembershipStatus, ReflectionKind, SubmissionStatus
from programme.models import OnePagePlan, Reflection, SentEmail, User
from programme.notifications.digest import send_submission_digests, set_digest_wanted
from programme.permissions import FACILITATORS_GROUP
from tests.builders import build_programme, make_facilitator
from tests.factories import CohortFactory, MembershipFactory, OrganisationFactory, UserFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
MORNING = datetime.datetime(2031, 3, 2, 7, 0, tzinfo=LONDON)  # the scheduler runs it at 7am


def hours_before(moment, hours):
    return moment - datetime.timedelta(hours=hours)


def plan_submitted(membership, at, **fields):
    return OnePagePlan.objects.create(membership=membership, status=SubmissionStatus.SUBMITTED, submitted_at=at,
                                      goal="A goal", **fields)


def reflection_submitted(membership, at, kind=ReflectionKind.FINAL_REPORT, **fields):
    return Reflection.objects.create(membership=membership, kind=kind, status=SubmissionStatus.SUBMITTED,
                                     submitted_at=at, **fields)


def digests(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


@pytest.fixture
def x(programme_x):
    programme_x.facilitator.first_name, programme_x.facilitator.last_name = "Fiona", "Facilitator"
    programme_x.facilitator.save()
    return programme_x


# --------------------------------------------------------------------------- what it says


def test_digest_lists_each_cohorts_new_submissions_with_links(x, mailoutbox, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://peer.example.org"
    first, second, third = x.memberships
    plan = plan_submitted(first, hours_before(MORNING, 15))
    report = reflection_submitted(second, hours_before(MORNING, 3))
    check_in = reflection_submitted(third, hours_before(MORNING, 2), kind=ReflectionKind.CHECK_IN)
    feedback = reflection_submitted(third, hours_before(MORNING, 1), kind=ReflectionKind.FEEDBACK)

    assert send_submission_digests(now=MORNING) == 1

    (message,) = digests(mailoutbox, x.facilitator)
    assert message.subject == "Daily digest: 4 new submissions to read"
    body = message.body
    assert body.startswith("Hello Fiona Facilitator,\n\n4 new submissions since Saturday 1 March 2031, 7am (UK time)")
    assert "Programme X, Cohort X: 4 new\n" in body
    base = "https://peer.example.org/admin/peer-learning/submissions"
    assert (f"- X Council 0: one-page plan, Saturday 1 March 2031, 4pm\n  Read it: {base}/plan/{plan.pk}/\n") in body
    assert f"- X Council 1: one-page report, Sunday 2 March 2031, 4am\n  Read it: {base}/reflection/{report.pk}/" in body
    assert f"- X Council 2: progress check-in, Sunday 2 March 2031, 5am\n  Read it: {base}/reflection/{check_in.pk}/" in body
    assert f"- X Council 2: feedback on the programme, Sunday 2 March 2031, 6am\n  Read it: {base}/reflection/{feedback.pk}/" in body
    assert (f"Every plan and report of Cohort X: https://peer.example.org/admin/peer-learning/cohorts/"
            f"{x.cohort.pk}/submissions/") in body
    assert "https://peer.example.org/admin/account/#tab-notifications" in body
    assert SentEmail.objects.get(kind=EmailKind.DIGEST).cohort is None


def test_digest_groups_by_cohort(x, mailoutbox):
    later = CohortFactory(programme=x.programme, name="Cohort X2")
    member = MembershipFactory(cohort=later, organisation=OrganisationFactory(name="Later Council"))
    plan_submitted(member, hours_before(MORNING, 2))
    plan_submitted(x.memberships[0], hours_before(MORNING, 1))

    send_submission_digests(now=MORNING)

    body = digests(mailoutbox, x.facilitator)[0].body
    assert "Programme X, Cohort X: 1 new\n- X Council 0" in body
    assert "Programme X, Cohort X2: 1 new\n- Later Council" in body


def test_work_submitted_again_after_changes_says_so(x, mailoutbox):
    plan_submitted(x.memberships[0], hours_before(MORNING, 1), returned_at=hours_before(MORNING, 30))

    send_submission_digests(now=MORNING)

    assert "X Council 0: one-page plan, submitted again after changes," in digests(mailoutbox, x.facilitator)[0].body


def test_drafts_returned_work_and_other_members_are_left_out(x, mailoutbox):
    first, second, third = x.memberships
    OnePagePlan.objects.create(membership=first, status=SubmissionStatus.DRAFT)
    reflection_submitted(second, hours_before(MORNING, 2)).__class__.objects.filter(membership=second).update(
        status=SubmissionStatus.RETURNED)
    third.status = MembershipStatus.WITHDRAWN
    third.save()
    plan_submitted(third, hours_before(MORNING, 1))

    assert send_submission_digests(now=MORNING) == 0
    assert mailoutbox == []


# --------------------------------------------------------------------------- once a day, since the last one


def test_no_email_on_a_day_with_nothing_new(x, mailoutbox):
    plan_submitted(x.memberships[0], hours_before(MORNING, 30))  # before the first digest's day

    assert send_submission_digests(now=MORNING) == 0
    assert mailoutbox == []
    assert User.objects.get(pk=x.facilitator.pk).digest_covered_until is None


def test_running_it_again_the_same_day_sends_nothing_more(x, mailoutbox):
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))
    send_submission_digests(now=MORNING)
    reflection_submitted(x.memberships[1], MORNING + datetime.timedelta(hours=1))

    assert send_submission_digests(now=MORNING + datetime.timedelta(hours=3)) == 0
    assert len(mailoutbox) == 1


def test_the_next_digest_covers_only_what_came_since_the_last(x, mailoutbox):
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))
    send_submission_digests(now=MORNING)
    reflection_submitted(x.memberships[1], MORNING + datetime.timedelta(hours=1))  # after today's digest

    tomorrow = MORNING + datetime.timedelta(days=1)
    assert send_submission_digests(now=tomorrow) == 1

    body = mailoutbox[-1].body
    assert "1 new submission since Sunday 2 March 2031, 7am (UK time)" in body
    assert "X Council 1: one-page report" in body and "X Council 0" not in body


def test_a_day_with_nothing_keeps_the_mark_so_nothing_is_skipped(x, mailoutbox):
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))
    send_submission_digests(now=MORNING)
    day_two, day_three = MORNING + datetime.timedelta(days=1), MORNING + datetime.timedelta(days=2)
    send_submission_digests(now=day_two)  # nothing new
    reflection_submitted(x.memberships[1], day_two + datetime.timedelta(hours=5))

    send_submission_digests(now=day_three)

    assert len(mailoutbox) == 2
    assert "since Sunday 2 March 2031, 7am" in mailoutbox[-1].body


# --------------------------------------------------------------------------- who gets it


def test_each_facilitator_hears_only_of_their_own_programmes(x, programme_y, mailoutbox):
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))
    plan_submitted(programme_y.memberships[0], hours_before(MORNING, 2))

    assert send_submission_digests(now=MORNING) == 2

    x_body = digests(mailoutbox, x.facilitator)[0].body
    y_body = digests(mailoutbox, programme_y.facilitator)[0].body
    assert "Programme X" in x_body and "Programme Y" not in x_body and "Y Council" not in x_body
    assert "Programme Y" in y_body and "Programme X" not in y_body and "X Council" not in y_body


def test_a_facilitator_of_two_programmes_gets_one_digest(x, programme_y, mailoutbox):
    programme_y.programme.facilitators.add(x.facilitator)
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))
    plan_submitted(programme_y.memberships[0], hours_before(MORNING, 2))

    send_submission_digests(now=MORNING)

    (message,) = digests(mailoutbox, x.facilitator)
    assert "Programme X, Cohort X: 1 new" in message.body and "Programme Y, Cohort Y: 1 new" in message.body


def test_a_facilitator_who_turned_it_off_gets_nothing(x, mailoutbox):
    set_digest_wanted(user=x.facilitator, wanted=False)
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))

    assert send_submission_digests(now=MORNING) == 0
    assert mailoutbox == []


def test_turning_it_back_on_starts_afresh(x, mailoutbox):
    set_digest_wanted(user=x.facilitator, wanted=False)
    plan_submitted(x.memberships[0], hours_before(MORNING, 20))  # while it was off
    set_digest_wanted(user=x.facilitator, wanted=True, now=hours_before(MORNING, 10))
    reflection_submitted(x.memberships[1], hours_before(MORNING, 5))

    send_submission_digests(now=MORNING)

    body = mailoutbox[0].body
    assert "1 new submission since Saturday 1 March 2031, 9pm" in body
    assert "X Council 1" in body and "X Council 0" not in body


@pytest.mark.parametrize("change", ["left the Facilitators group", "inactive", "no email"])
def test_accounts_that_cannot_open_the_screens_get_nothing(x, mailoutbox, change):
    user = x.facilitator
    if change == "left the Facilitators group":
        user.groups.remove(Group.objects.get(name=FACILITATORS_GROUP))
    elif change == "inactive":
        user.is_active = False
    else:
        user.email = ""
    user.save()
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))

    assert send_submission_digests(now=MORNING) == 0


def test_a_site_administrator_facilitating_a_programme_gets_it(x, mailoutbox):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    x.programme.facilitators.add(admin)
    UserFactory(username="root_elsewhere", is_superuser=True, is_staff=True)  # facilitates nothing
    plan_submitted(x.memberships[0], hours_before(MORNING, 2))

    assert send_submission_digests(now=MORNING) == 2
    assert len(digests(mailoutbox, admin)) == 1


def test_the_digest_takes_the_same_queries_for_1_and_for_30_cohorts(db, tasks_queued_only):
    def count():
        SentEmail.objects.filter(kind=EmailKind.DIGEST).delete()
        User.objects.update(digest_covered_until=None)
        with CaptureQueriesContext(connection) as context:
            queued = send_submission_digests(now=MORNING)
        return queued, len(context.captured_queries)

    small = build_programme("S", organisations=1, participants_each=0, sessions=0)
    plan_submitted(small.memberships[0], hours_before(MORNING, 2))
    at_one = count()
    for n in range(5):
        facilitator = make_facilitator(f"many_{n}")
        for m in range(6):
            built = build_programme(f"M{n}{m}", organisations=1, participants_each=0, sessions=0)
            built.programme.facilitators.add(facilitator)
            plan_submitted(built.memberships[0], hours_before(MORNING, 2))
            reflection_submitted(built.memberships[0], hours_before(MORNING, 1))
    at_many = count()

    # One digest each: S's facilitator, the five of six programmes, and the 30 programmes' own.
    assert (at_one[0], at_many[0]) == (1, 1 + 5 + 30)
    assert at_one[1] == at_many[1]


def test_the_command_says_how_many_it_sent(x):
    plan_submitted(x.memberships[0], datetime.datetime.now(tz=LONDON) - datetime.timedelta(hours=1))
    out = io.StringIO()

    call_command("send_submission_digests", stdout=out)
    call_command("send_submission_digests", stdout=out)

    assert out.getvalue() == "Sent 1 digest.\nSent 0 digests.\n"


# --------------------------------------------------------------------------- the facilitator's switch


ACCOUNT_URL = "/admin/account/"


def account_post_data(response):
    """What the account page's form posts as it stands: every panel's fields."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name, field in form.fields.items():
                value = form[name].value()
                if isinstance(field, forms.BooleanField):
                    if value:
                        data[form.add_prefix(name)] = "on"
                elif value not in (None, ""):
                    data[form.add_prefix(name)] = value
    return data


def test_account_settings_show_a_facilitator_the_digest_switch(x, login):
    response = login(x.facilitator).get(ACCOUNT_URL)

    page = response.content.decode()
    assert "Daily digest of new submissions" in page
    assert 'name="peer_learning_digest-submission_digest"' in page


def test_account_settings_do_not_offer_it_to_staff_who_are_not_facilitators(db, login):
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))

    page = login(editor).get(ACCOUNT_URL).content.decode()

    assert "Daily digest of new submissions" not in page


def test_a_facilitator_turns_the_digest_off_and_on_in_their_account(x, login):
    client = login(x.facilitator)
    data = account_post_data(client.get(ACCOUNT_URL))
    data.pop("peer_learning_digest-submission_digest")

    assert client.post(ACCOUNT_URL, data).status_code == 302
    assert User.objects.get(pk=x.facilitator.pk).submission_digest is False

    data["peer_learning_digest-submission_digest"] = "on"
    client.post(ACCOUNT_URL, data)
    stored = User.objects.get(pk=x.facilitator.pk)
    assert stored.submission_digest is True and stored.digest_covered_until is not None
