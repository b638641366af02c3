"""The one-page report's rating of how far the organisation got towards its
goal: stored with the report and in each version, needed to submit (not to
save a draft), and shown to the facilitators of that programme only."""
import pytest
from django.urls import reverse

from programme.enums import GoalProgress, ReflectionKind, Section, SubmissionStatus
from programme.models import Reflection, SubmissionVersion
from programme.submissions.progress import cohort_goal_progress
from programme.submissions.writing import (
    GOAL_PROGRESS_INVALID,
    GOAL_PROGRESS_REQUIRED,
    SubmissionRefused,
    final_report_for,
    return_for_changes,
    save_reflection,
    submit,
)
from tests.builders import FULL_REPORT, build_programme


def saved(membership, user, *, goal_progress=None, report=None):
    report = report or final_report_for(membership)
    return save_reflection(reflection=report, sections=FULL_REPORT, user=user, expected_version=report.version,
                           goal_progress=goal_progress)


def submitted(membership, user, goal_progress):
    report = saved(membership, user, goal_progress=goal_progress)
    return submit(submission=report, user=user, expected_version=report.version, notify=False)


# --------------------------------------------------------------------------- the rules


def test_draft_without_a_rating_is_saved(programme_x, writer):
    report = saved(programme_x.memberships[0], writer)

    assert (report.status, report.goal_progress) == (SubmissionStatus.DRAFT, "")


def test_submit_without_a_rating_is_refused_by_name_and_the_draft_kept(programme_x, writer):
    report = saved(programme_x.memberships[0], writer)

    with pytest.raises(SubmissionRefused) as refused:
        submit(submission=report, user=writer, expected_version=report.version, notify=False)

    assert refused.value.errors == {"goal_progress": GOAL_PROGRESS_REQUIRED}
    report.refresh_from_db()
    assert report.status == SubmissionStatus.DRAFT
    assert report.statements.count() == 4


def test_submit_with_a_rating_stores_it(programme_x, writer):
    report = submitted(programme_x.memberships[0], writer, GoalProgress.ACHIEVED)

    assert Reflection.objects.get(pk=report.pk).goal_progress == GoalProgress.ACHIEVED


def test_a_rating_not_on_the_scale_is_refused_and_nothing_changes(programme_x, writer):
    report = saved(programme_x.memberships[0], writer, goal_progress=GoalProgress.SOME)

    with pytest.raises(SubmissionRefused) as refused:
        saved(programme_x.memberships[0], writer, goal_progress="brilliant", report=report)

    assert refused.value.errors == {"goal_progress": GOAL_PROGRESS_INVALID}
    report.refresh_from_db()
    assert (report.goal_progress, report.version) == (GoalProgress.SOME, 2)


def test_saving_without_naming_a_rating_keeps_the_saved_one(programme_x, writer):
    report = saved(programme_x.memberships[0], writer, goal_progress=GoalProgress.GOOD)

    saved(programme_x.memberships[0], writer, report=report)

    report.refresh_from_db()
    assert report.goal_progress == GoalProgress.GOOD


def test_a_check_in_takes_no_rating(programme_x, writer):
    check_in = Reflection.objects.create(membership=programme_x.memberships[0], kind=ReflectionKind.CHECK_IN)

    with pytest.raises(SubmissionRefused):
        save_reflection(reflection=check_in, sections={Section.PROGRESS: ["Met HR."]}, user=writer,
                        expected_version=check_in.version, goal_progress=GoalProgress.GOOD)


def test_every_version_keeps_the_rating_it_had(programme_x, writer):
    membership = programme_x.memberships[0]
    report = saved(membership, writer, goal_progress=GoalProgress.SOME)
    report = saved(membership, writer, goal_progress=GoalProgress.GOOD, report=report)
    submit(submission=report, user=writer, expected_version=report.version, notify=False)

    history = list(SubmissionVersion.objects.filter(reflection=report).order_by("version")
                   .values_list("note", "data__goal_progress"))

    assert history == [("Saved as draft", "some"), ("Saved as draft", "good"), ("Submitted", "good")]


# --------------------------------------------------------------------------- the facilitator's screens


def detail_url(report):
    return reverse("programme_admin:reflection_detail", args=[report.pk])


def test_submission_detail_shows_the_rating_now_and_in_an_earlier_version(programme_x, writer, client):
    membership = programme_x.memberships[0]
    report = saved(membership, writer, goal_progress=GoalProgress.LITTLE)
    report = saved(membership, writer, goal_progress=GoalProgress.ACHIEVED, report=report)
    client.force_login(programme_x.facilitator)

    now = client.get(detail_url(report)).content.decode()
    first = client.get(detail_url(report) + "?version=2").content.decode()

    assert '<p id="goal-progress">Goal achieved</p>' in now
    assert '<p id="goal-progress">Little or no progress</p>' in first
    assert "goal_progress" not in first  # the key is not read as a section


def test_submission_detail_of_an_unrated_draft_says_so(programme_x, writer, client):
    report = saved(programme_x.memberships[0], writer)
    client.force_login(programme_x.facilitator)

    assert "Not rated yet" in client.get(detail_url(report)).content.decode()


def test_submissions_list_shows_each_rating_and_the_count(programme_x, writer, client):
    first, second, third = programme_x.memberships
    submitted(first, writer, GoalProgress.GOOD)
    submitted(second, writer, GoalProgress.SOME)
    saved(third, writer, goal_progress=GoalProgress.ACHIEVED)  # a draft: not counted
    client.force_login(programme_x.facilitator)

    shown = client.get(reverse("programme_admin:submissions", args=[programme_x.cohort.pk])).content.decode()

    assert "Progress towards the goal: Good progress" in shown
    assert "Progress towards the goal: Some progress" in shown
    assert '<p class="w-mt-4" id="goal-progress-sentence">1 of 2 councils rated good progress or better' in shown


def test_cohort_overview_counts_good_progress_or_better(programme_x, writer, client):
    first, second, third = programme_x.memberships
    submitted(first, writer, GoalProgress.GOOD)
    submitted(second, writer, GoalProgress.ACHIEVED)
    submitted(third, writer, GoalProgress.LITTLE)
    client.force_login(programme_x.facilitator)

    shown = client.get(reverse("programme_admin:cohort_overview", args=[programme_x.cohort.pk])).content.decode()

    assert '<p class="w-font-bold" id="goal-progress-sentence">2 of 3 councils rated good progress or better</p>' \
        in shown


def test_a_returned_report_is_not_counted_until_submitted_again(programme_x, writer):
    first, second, _ = programme_x.memberships
    submitted(first, writer, GoalProgress.GOOD)
    returned = submitted(second, writer, GoalProgress.GOOD)
    return_for_changes(submission=returned, user=programme_x.facilitator, comment="Add a next step.",
                       reopen_until=None, notify=False)

    assert cohort_goal_progress(cohort=programme_x.cohort) == "1 of 1 council rated good progress or better"


def test_cohort_overview_before_any_rating_says_so(programme_x, client):
    client.force_login(programme_x.facilitator)

    shown = client.get(reverse("programme_admin:cohort_overview", args=[programme_x.cohort.pk])).content.decode()

    assert "No submitted one-page report has rated its progress yet." in shown


def test_another_programmes_facilitator_sees_no_rating(programme_x, programme_y, writer, client):
    report = submitted(programme_x.memberships[0], writer, GoalProgress.GOOD)
    submitted(programme_y.memberships[0], writer, GoalProgress.LITTLE)
    client.force_login(programme_y.facilitator)

    assert client.get(detail_url(report)).status_code == 404
    assert client.get(reverse("programme_admin:cohort_overview", args=[programme_x.cohort.pk])).status_code == 404
    own = client.get(reverse("programme_admin:cohort_overview", args=[programme_y.cohort.pk])).content.decode()
    assert "0 of 1 council rated good progress or better" in own
    assert cohort_goal_progress(cohort=programme_x.cohort) == "1 of 1 council rated good progress or better"


@pytest.mark.parametrize("organisations", [3, 40])
def test_the_cohorts_count_is_one_query_however_many_reports(db, organisations, django_assert_num_queries):
    built = build_programme("Q", organisations=organisations, participants_each=0, sessions=0)
    Reflection.objects.bulk_create(
        Reflection(membership=m, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED,
                   goal_progress=GoalProgress.GOOD if n % 2 else GoalProgress.SOME)
        for n, m in enumerate(built.memberships)
    )

    with django_assert_num_queries(1):
        sentence = cohort_goal_progress(cohort=built.cohort)

    assert sentence == f"{organisations // 2} of {organisations} councils rated good progress or better"
