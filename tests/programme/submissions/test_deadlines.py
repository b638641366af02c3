"""Deadlines: a date means the end of that day (UK time), written one way
everywhere; one organisation can be given longer (by the facilitator, or by
returning its work after the deadline) without reopening anyone else's."""
import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.dates import end_of_day, format_deadline
from programme.enums import DeadlineKind, SubmissionStatus
from programme.models import DeadlineExtension
from programme.sessions.calendar import cohort_calendar
from programme.submissions.deadlines import (
    DeadlineRefused,
    deadline_for,
    end_extension,
    extend_deadline,
    organisation_deadline,
)
from programme.submissions.writing import (
    SubmissionRefused,
    final_report_for,
    plan_for,
    return_for_changes,
    save_plan,
    submit,
)
from tests.builders import FULL_PLAN

LONDON = zoneinfo.ZoneInfo("Europe/London")
PLAN_URL = "/portal/plan/"


def today():
    return timezone.localtime(timezone.now(), LONDON).date()


def in_days(days):
    return today() + datetime.timedelta(days=days)


def passed_plan_deadline(world):
    world.cohort.plan_deadline = timezone.now() - datetime.timedelta(days=1)
    world.cohort.save()


def submitted_plan(world):
    plan = plan_for(world.a)
    save_plan(plan=plan, data=FULL_PLAN, user=world.a_user, expected_version=plan.version)
    submit(submission=plan, user=world.a_user, expected_version=plan.version, notify=False)
    return plan


# --------------------------------------------------------------------------- the wording


def test_end_of_day_is_1159pm_uk_time_in_winter_and_summer():
    assert end_of_day(datetime.date(2020, 12, 6)) == datetime.datetime(2020, 12, 6, 23, 59, tzinfo=LONDON)
    assert end_of_day(datetime.date(2021, 6, 6)).utcoffset() == datetime.timedelta(hours=1)


def test_format_deadline_says_1159pm_on_the_day():
    assert format_deadline(end_of_day(datetime.date(2020, 12, 6))) == "11:59pm on Sunday 6 December 2020"
    assert format_deadline(None) == ""


# --------------------------------------------------------------------------- one organisation's deadline


def test_organisation_deadline_is_the_cohorts_without_an_extension(world):
    deadline = organisation_deadline(world.a, DeadlineKind.PLAN)

    assert (deadline.due, deadline.extended, deadline.passed) == (world.cohort.plan_deadline, False, False)


def test_extending_one_organisation_leaves_the_others_on_the_cohort_deadline(world):
    passed_plan_deadline(world)

    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(7), user=world.facilitator)

    mine = organisation_deadline(world.a, DeadlineKind.PLAN)
    theirs = organisation_deadline(world.b, DeadlineKind.PLAN)
    assert (mine.due, mine.extended, mine.passed) == (end_of_day(in_days(7)), True, False)
    assert (theirs.due, theirs.extended, theirs.passed) == (world.cohort.plan_deadline, False, True)
    assert organisation_deadline(world.a, DeadlineKind.REPORT).extended is False


def test_an_extended_organisation_can_submit_after_the_cohort_deadline(world):
    passed_plan_deadline(world)
    plan = plan_for(world.a)
    save_plan(plan=plan, data=FULL_PLAN, user=world.a_user, expected_version=plan.version)
    with pytest.raises(SubmissionRefused):
        submit(submission=plan, user=world.a_user, expected_version=plan.version, notify=False)

    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=today(), user=world.facilitator)
    plan = plan_for(world.a)
    submit(submission=plan, user=world.a_user, expected_version=plan.version, notify=False)

    assert plan_for(world.a).status == SubmissionStatus.SUBMITTED


def test_extending_again_replaces_the_earlier_extension(world):
    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(40), user=world.facilitator)
    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(50), user=world.facilitator)

    assert list(DeadlineExtension.objects.values_list("until", flat=True)) == [end_of_day(in_days(50))]


def test_ending_an_extension_goes_back_to_the_cohort_deadline(world):
    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(40), user=world.facilitator)

    end_extension(membership=world.a, kind=DeadlineKind.PLAN)

    assert organisation_deadline(world.a, DeadlineKind.PLAN).due == world.cohort.plan_deadline


@pytest.mark.parametrize("days, message", [
    (-1, "The new deadline must be today or later"),
    (3, "The new deadline must be later than the cohort's deadline, 11:59pm on"),
])
def test_extending_to_a_date_that_cannot_be_a_deadline_is_refused(world, days, message):
    world.cohort.plan_deadline = end_of_day(in_days(10))
    world.cohort.save()

    with pytest.raises(DeadlineRefused) as refused:
        extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(days), user=world.facilitator)

    assert message in str(refused.value)
    assert not DeadlineExtension.objects.exists()


# --------------------------------------------------------------------------- returning after the deadline


def test_returning_after_the_deadline_needs_a_date_and_changes_nothing_without_one(world):
    plan = submitted_plan(world)
    passed_plan_deadline(world)

    with pytest.raises(SubmissionRefused) as refused:
        return_for_changes(submission=plan, user=world.facilitator, comment="Say more.", notify=False)

    assert "give the date until which this organisation may submit it again" in refused.value.errors["reopen_until"]
    assert plan_for(world.a).status == SubmissionStatus.SUBMITTED


def test_returning_after_the_deadline_reopens_it_for_that_organisation_only(world):
    plan = submitted_plan(world)
    passed_plan_deadline(world)

    return_for_changes(submission=plan, user=world.facilitator, comment="Say more.", reopen_until=in_days(5),
                       notify=False)

    plan = plan_for(world.a)
    assert deadline_for(plan).due == end_of_day(in_days(5))
    assert deadline_for(plan).passed is False
    assert organisation_deadline(world.b, DeadlineKind.PLAN).passed is True
    submit(submission=plan, user=world.a_user, expected_version=plan.version, notify=False)
    assert plan_for(world.a).status == SubmissionStatus.SUBMITTED


def test_a_report_without_an_extension_has_the_cohorts_deadline(world):
    assert deadline_for(final_report_for(world.a)).due == world.cohort.report_deadline


# --------------------------------------------------------------------------- the screens


def test_portal_after_the_deadline_offers_no_submit_button_and_says_what_to_do(login, world):
    passed_plan_deadline(world)
    client = login(world.a_user)

    html = client.get(PLAN_URL).content.decode()

    assert 'value="submit"' not in html
    assert f"The deadline for your plan was {format_deadline(world.cohort.plan_deadline)}" in html
    assert f"ask your facilitator to give {world.a.organisation.name} longer" in html


def test_portal_with_an_extension_offers_submit_and_gives_the_organisations_deadline(login, world):
    passed_plan_deadline(world)
    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(3), user=world.facilitator)
    client = login(world.a_user)

    html = client.get(PLAN_URL).content.decode()
    dashboard = client.get("/portal/").content.decode()

    assert 'value="submit"' in html
    assert format_deadline(end_of_day(in_days(3))) in html
    assert format_deadline(end_of_day(in_days(3))) in dashboard


def test_facilitator_extends_one_organisations_deadline_on_its_screen(client, world):
    client.force_login(world.facilitator)
    url = reverse("programme_admin:organisation_deadlines", args=[world.a.pk])
    until = in_days(45)

    response = client.post(url, {"action": "extend", "kind": "plan", "until": until.isoformat(), "reason": "Ill"})

    assert response.status_code == 302
    assert DeadlineExtension.objects.get().until == end_of_day(until)
    page = client.get(url).content.decode()
    assert f"can now submit its one-page plan until {format_deadline(end_of_day(until))}" in page
    assert f"Extended to {format_deadline(end_of_day(until))}" in page


def test_facilitator_extension_with_a_bad_date_shows_the_error_beside_the_field(client, world):
    client.force_login(world.facilitator)
    url = reverse("programme_admin:organisation_deadlines", args=[world.a.pk])

    response = client.post(url, {"action": "extend", "kind": "plan", "until": "31/02/2021"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert '<a href="#id_until">Enter the new deadline as a real date' in html
    assert not DeadlineExtension.objects.exists()


def test_another_programmes_facilitator_cannot_open_the_deadline_screen(client, world):
    from tests.builders import build_cohort

    other = build_cohort("Y", sessions=False)
    client.force_login(other.facilitator)

    response = client.post(reverse("programme_admin:organisation_deadlines", args=[world.a.pk]),
                           {"action": "extend", "kind": "plan", "until": in_days(45).isoformat()})

    assert response.status_code == 404
    assert not DeadlineExtension.objects.exists()


def test_return_form_after_the_deadline_refuses_without_a_date_beside_the_field(client, world):
    plan = submitted_plan(world)
    passed_plan_deadline(world)
    client.force_login(world.facilitator)
    url = reverse("programme_admin:plan_detail", args=[plan.pk])

    response = client.post(url, {"comment": "Say more."})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_reopen_until">The deadline has passed: give the date' in html
    assert plan_for(world.a).status == SubmissionStatus.SUBMITTED


def test_cohort_form_turns_a_date_into_the_end_of_that_day(client, world):
    client.force_login(world.facilitator)
    url = reverse("programme_cohort_modeladmin_edit", args=[world.cohort.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"plan_deadline": "2030-12-06", "report_deadline": "", "sharing_enabled": ""})
    data = {k: v for k, v in data.items() if v not in (False,)}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    world.cohort.refresh_from_db()
    assert world.cohort.plan_deadline == datetime.datetime(2030, 12, 6, 23, 59, tzinfo=LONDON)
    assert world.cohort.report_deadline is None


# --------------------------------------------------------------------------- calendar


def test_calendar_feed_carries_the_organisations_deadlines_in_the_same_words(world):
    extend_deadline(membership=world.a, kind=DeadlineKind.PLAN, until_date=in_days(40), user=world.facilitator)

    ics = cohort_calendar(cohort=world.cohort, participant=world.a_participant).decode()

    unfolded = ics.replace("\r\n ", "")
    assert f"SUMMARY:One-page plan due by {format_deadline(end_of_day(in_days(40)))}" in unfolded
    assert f"SUMMARY:One-page report due by {format_deadline(world.cohort.report_deadline)}" in unfolded
