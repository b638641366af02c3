"""programme/submissions.py through its functions: optimistic saves, statements
that keep their rows, what stops a submission, returning one, and the
snapshot taken at every save."""
import datetime

import pytest
from django.utils import timezone

from programme.enums import GoalProgress, ReflectionKind, Section, SubmissionStatus
from programme.models import OnePagePlan, Reflection, Statement, SubmissionVersion
from programme.submissions.writing import (
    PLAN_REQUIRED,
    REPORT_REQUIRED,
    EditConflict,
    SubmissionRefused,
    final_report_for,
    parse_statements,
    plan_for,
    return_for_changes,
    save_plan,
    save_reflection,
    submit,
)
from tests.builders import FULL_PLAN, FULL_REPORT


@pytest.fixture
def membership(programme_x):
    return programme_x.memberships[0]


def fresh(submission):
    return type(submission).objects.get(pk=submission.pk)


def saved_plan(membership, user, data=FULL_PLAN):
    plan = plan_for(membership)
    return save_plan(plan=plan, data=data, user=user, expected_version=plan.version)


def saved_report(membership, user, sections=FULL_REPORT):
    report = final_report_for(membership)
    return save_reflection(reflection=report, sections=sections, user=user, expected_version=report.version,
                           goal_progress=GoalProgress.GOOD)


def statement_ids(reflection):
    return {(s.section, s.text): s.pk for s in Statement.objects.filter(reflection=reflection)}


# --------------------------------------------------------------------------- optimistic saves


def test_save_plan_with_same_expected_version_twice_raises_edit_conflict(membership, writer, other_writer):
    # Two people open the plan before anyone has saved it: two unsaved plans.
    first_tab, second_tab = plan_for(membership), plan_for(membership)
    opened_at = first_tab.version

    save_plan(plan=first_tab, data=FULL_PLAN, user=writer, expected_version=opened_at)
    with pytest.raises(EditConflict) as conflict:
        save_plan(plan=second_tab, data={**FULL_PLAN, "goal": "Something else"}, user=other_writer,
                  expected_version=opened_at)

    stored = OnePagePlan.objects.get(membership=membership)
    assert stored.goal == FULL_PLAN["goal"]
    assert stored.updated_by == writer
    assert stored.version == opened_at + 1
    assert conflict.value.current.goal == FULL_PLAN["goal"]


def test_save_reflection_with_same_expected_version_twice_raises_edit_conflict(membership, writer, other_writer):
    first_tab, second_tab = final_report_for(membership), final_report_for(membership)
    opened_at = first_tab.version

    save_reflection(reflection=first_tab, sections=FULL_REPORT, user=writer, expected_version=opened_at)
    with pytest.raises(EditConflict):
        save_reflection(reflection=second_tab, sections={Section.PROGRESS: ["Overwritten"]},
                        user=other_writer, expected_version=opened_at)

    assert sorted(Statement.objects.filter(reflection=first_tab).values_list("text", flat=True)) == sorted(
        line for lines in FULL_REPORT.values() for line in lines
    )


def test_save_plan_with_current_version_after_another_save_succeeds(membership, writer):
    plan = saved_plan(membership, writer)

    save_plan(plan=plan, data={**FULL_PLAN, "team": "Leaving care, HR, regeneration."}, user=writer,
              expected_version=plan.version)

    assert fresh(plan).team == "Leaving care, HR, regeneration."


def test_save_plan_sanitises_what_was_typed(membership, writer):
    plan = saved_plan(membership, writer, {**FULL_PLAN, "issue": 'Jobs<script>alert("x")</script> <b>now</b>'})

    assert fresh(plan).issue == 'Jobsalert("x") <b>now</b>'


# --------------------------------------------------------------------------- statements


def test_save_reflection_keeps_row_ids_of_unchanged_and_reordered_statements(membership, writer):
    report = saved_report(membership, writer, {
        Section.PROGRESS: ["First", "Second", "Third"],
        Section.CHALLENGES: ["Covid restrictions."],
    })
    before = statement_ids(report)

    save_reflection(reflection=report, sections={
        Section.PROGRESS: ["Third", "First", "New one"],  # reordered, one removed, one added
        Section.CHALLENGES: ["Covid restrictions."],
    }, user=writer, expected_version=report.version)

    after = statement_ids(report)
    assert after[(Section.PROGRESS, "Third")] == before[(Section.PROGRESS, "Third")]
    assert after[(Section.PROGRESS, "First")] == before[(Section.PROGRESS, "First")]
    assert after[(Section.CHALLENGES, "Covid restrictions.")] == before[(Section.CHALLENGES, "Covid restrictions.")]
    assert (Section.PROGRESS, "Second") not in after
    assert (Section.PROGRESS, "New one") not in before
    assert list(
        Statement.objects.filter(reflection=report, section=Section.PROGRESS).values_list("text", "position")
    ) == [("Third", 0), ("First", 1), ("New one", 2)]


def test_parse_statements_drops_bullets_and_blank_lines():
    assert parse_statements("• Ring-fenced jobs\n\n- Work experience\n  * Mentoring  \n") == [
        "Ring-fenced jobs", "Work experience", "Mentoring",
    ]


def test_save_reflection_with_too_many_statements_is_refused_and_saves_nothing(membership, writer):
    report = saved_report(membership, writer)

    with pytest.raises(SubmissionRefused) as refused:
        save_reflection(reflection=report, sections={Section.PROGRESS: [f"S{n}" for n in range(31)]},
                        user=writer, expected_version=report.version)

    assert refused.value.errors == {
        Section.PROGRESS: "“Progress made” has 31 statements. Keep to 30 or fewer: combine or remove some.",
    }
    assert Statement.objects.filter(reflection=report).count() == 4
    assert fresh(report).version == report.version


# --------------------------------------------------------------------------- submitting


def test_submit_plan_with_empty_required_fields_is_refused_with_field_errors(membership, writer):
    plan = saved_plan(membership, writer, {"first_actions": "Meet HR."})

    with pytest.raises(SubmissionRefused) as refused:
        submit(submission=plan, user=writer, expected_version=plan.version)

    assert refused.value.errors == PLAN_REQUIRED
    assert fresh(plan).status == SubmissionStatus.DRAFT


def test_submit_report_with_empty_sections_is_refused_with_section_errors(membership, writer):
    report = saved_report(membership, writer, {Section.PROGRESS: ["Five apprenticeships."]})

    with pytest.raises(SubmissionRefused) as refused:
        submit(submission=report, user=writer, expected_version=report.version)

    assert refused.value.errors == {
        section: message for section, message in REPORT_REQUIRED.items() if section != Section.PROGRESS
    }
    assert fresh(report).status == SubmissionStatus.DRAFT


def test_submit_check_in_without_statements_is_refused(membership, writer):
    check_in = Reflection.objects.create(membership=membership, kind=ReflectionKind.CHECK_IN)

    with pytest.raises(SubmissionRefused) as refused:
        submit(submission=check_in, user=writer, expected_version=check_in.version)

    assert refused.value.errors == {"__all__": "Add at least one statement before submitting."}


def test_submit_after_deadline_is_refused_and_keeps_the_draft(membership, writer):
    cohort = membership.cohort
    cohort.plan_deadline = timezone.now() - datetime.timedelta(hours=1)
    cohort.save()
    plan = saved_plan(membership, writer)
    version = plan.version

    with pytest.raises(SubmissionRefused) as refused:
        submit(submission=plan, user=writer, expected_version=version)

    assert list(refused.value.errors) == ["__all__"]
    assert "The deadline has passed" in refused.value.errors["__all__"]
    stored = fresh(plan)
    assert (stored.status, stored.version, stored.goal) == (SubmissionStatus.DRAFT, version, FULL_PLAN["goal"])


def test_submit_before_deadline_records_who_and_when(membership, writer):
    cohort = membership.cohort
    cohort.plan_deadline = timezone.now() + datetime.timedelta(days=1)
    cohort.save()
    plan = saved_plan(membership, writer)
    now = timezone.now()

    submit(submission=plan, user=writer, expected_version=plan.version, now=now)

    stored = fresh(plan)
    assert (stored.status, stored.submitted_by, stored.submitted_at) == (SubmissionStatus.SUBMITTED, writer, now)


def test_save_plan_when_submitted_is_refused(membership, writer):
    plan = saved_plan(membership, writer)
    submit(submission=plan, user=writer, expected_version=plan.version)

    with pytest.raises(SubmissionRefused):
        save_plan(plan=plan, data={**FULL_PLAN, "goal": "Changed"}, user=writer, expected_version=plan.version)

    assert fresh(plan).goal == FULL_PLAN["goal"]


def test_save_reflection_when_submitted_is_refused(membership, writer):
    report = saved_report(membership, writer)
    submit(submission=report, user=writer, expected_version=report.version)

    with pytest.raises(SubmissionRefused):
        save_reflection(reflection=report, sections={Section.PROGRESS: ["Changed"]}, user=writer,
                        expected_version=report.version)

    assert Statement.objects.filter(reflection=report).count() == 4


def test_submit_twice_is_refused(membership, writer):
    plan = saved_plan(membership, writer)
    submit(submission=plan, user=writer, expected_version=plan.version)

    with pytest.raises(SubmissionRefused) as refused:
        submit(submission=plan, user=writer, expected_version=plan.version)

    assert refused.value.errors == {"__all__": "This has already been submitted."}


# --------------------------------------------------------------------------- returning


def test_return_for_changes_needs_a_comment(membership, writer, programme_x):
    plan = saved_plan(membership, writer)
    submit(submission=plan, user=writer, expected_version=plan.version)

    with pytest.raises(SubmissionRefused) as refused:
        return_for_changes(submission=plan, user=programme_x.facilitator, comment="   ")

    assert list(refused.value.errors) == ["comment"]
    assert fresh(plan).status == SubmissionStatus.SUBMITTED


def test_return_for_changes_of_a_draft_is_refused(membership, writer, programme_x):
    plan = saved_plan(membership, writer)

    with pytest.raises(SubmissionRefused) as refused:
        return_for_changes(submission=plan, user=programme_x.facilitator, comment="Say more.")

    assert refused.value.errors == {"__all__": "Only a submitted plan or report can be returned."}
    assert fresh(plan).status == SubmissionStatus.DRAFT


def test_returned_plan_can_be_saved_and_submitted_again(membership, writer, programme_x):
    plan = saved_plan(membership, writer)
    submit(submission=plan, user=writer, expected_version=plan.version)
    return_for_changes(submission=plan, user=programme_x.facilitator, comment="Make the goal measurable.")

    save_plan(plan=plan, data={**FULL_PLAN, "goal": "Ten apprenticeships by March."}, user=writer,
              expected_version=plan.version)
    submit(submission=plan, user=writer, expected_version=plan.version)

    stored = fresh(plan)
    assert (stored.status, stored.goal) == (SubmissionStatus.SUBMITTED, "Ten apprenticeships by March.")
    assert stored.return_comment == "Make the goal measurable."


# --------------------------------------------------------------------------- snapshots


def test_snapshot_recorded_at_each_save_submit_and_return(membership, writer, programme_x):
    plan = plan_for(membership)
    save_plan(plan=plan, data={"issue": "First go"}, user=writer, expected_version=plan.version)
    save_plan(plan=plan, data=FULL_PLAN, user=writer, expected_version=plan.version)
    submit(submission=plan, user=writer, expected_version=plan.version)
    return_for_changes(submission=plan, user=programme_x.facilitator, comment="More detail, please.")

    versions = list(SubmissionVersion.objects.filter(plan=plan).order_by("version"))
    assert [(v.version, v.note, v.status, v.author) for v in versions] == [
        (2, "Saved as draft", SubmissionStatus.DRAFT, writer),
        (3, "Saved as draft", SubmissionStatus.DRAFT, writer),
        (4, "Submitted", SubmissionStatus.SUBMITTED, writer),
        (5, "Returned for changes", SubmissionStatus.RETURNED, programme_x.facilitator),
    ]
    assert versions[0].data["issue"] == "First go"
    assert versions[0].data["goal"] == ""
    assert versions[1].data == FULL_PLAN
    assert {v.membership_id for v in versions} == {membership.pk}


def test_snapshot_of_reflection_holds_its_statements_by_section(membership, writer):
    report = saved_report(membership, writer)

    version = SubmissionVersion.objects.get(reflection=report)

    assert version.data[Section.PROGRESS] == "Ring-fenced five apprenticeships."
    assert version.data[Section.NEXT] == "Extend to the NHS trust."
    assert version.plan is None


def test_opening_a_plan_or_report_stores_nothing_until_it_is_saved(membership, writer):
    plan, report = plan_for(membership), final_report_for(membership)
    assert (plan.pk, report.pk) == (None, None)
    assert OnePagePlan.objects.count() == 0 and Reflection.objects.count() == 0

    save_plan(plan=plan, data=FULL_PLAN, user=writer, expected_version=plan.version)
    save_reflection(reflection=report, sections=FULL_REPORT, user=writer, expected_version=report.version)

    assert plan_for(membership).pk == plan.pk
    assert final_report_for(membership).pk == report.pk
    assert OnePagePlan.objects.count() == 1 and Reflection.objects.count() == 1