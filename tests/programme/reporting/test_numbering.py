"""One numbering (programme/reporting/numbering.py): "LA n" is fixed the
first time a report of the cohort is published, later arrivals take the next
number, and withdrawing consent removes words without renumbering anyone."""
import pytest

from programme.cohorts.consent import override_consent
from programme.enums import GoalCategory, SubmissionStatus
from programme.models import Membership, OnePagePlan
from programme.reporting.build import build_report
from programme.reporting.numbering import fix_numbers
from tests.builders import add_final_report, build_report_cohort
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def built(db):
    return build_report_cohort("Num", base=False, extra_organisations=4)


def _labels(report):
    return {r.organisation: r.label for r in report.reflections}


def test_numbers_before_publication_are_the_ones_publication_fixes(built):
    previewed = _labels(build_report(cohort=built.cohort, public=False))

    fixed = fix_numbers(cohort=built.cohort)

    names = {m.pk: m.organisation.name for m in Membership.objects.filter(cohort=built.cohort)}
    assert {names[pk]: f"LA {n}" for pk, n in fixed.items()} == previewed
    stored = dict(Membership.objects.filter(cohort=built.cohort, report_number__isnull=False)
                  .values_list("organisation__name", "report_number"))
    assert {name: f"LA {n}" for name, n in stored.items()} == previewed


def test_a_late_organisation_takes_the_next_number_and_nobody_moves(built):
    fix_numbers(cohort=built.cohort)
    before = _labels(build_report(cohort=built.cohort, public=False))
    late = MembershipFactory(cohort=built.cohort, organisation=OrganisationFactory(name="Late Council"),
                             consent_to_publish=True)
    OnePagePlan.objects.create(membership=late, goal="Late goal", goal_category=GoalCategory.INTERNAL,
                               status=SubmissionStatus.SUBMITTED)
    add_final_report(late, "Late", {})

    after = _labels(build_report(cohort=built.cohort, public=False))

    assert after["Late Council"] == "LA 5"
    assert {name: label for name, label in after.items() if name != "Late Council"} == before
    fix_numbers(cohort=built.cohort)
    assert Membership.objects.get(pk=late.pk).report_number == 5


def test_withdrawing_consent_keeps_every_other_number(built, django_user_model):
    fix_numbers(cohort=built.cohort)
    public_before = {r.goal: r.label for r in build_report(cohort=built.cohort, public=True).reflections}
    second = Membership.objects.get(cohort=built.cohort, report_number=2)
    override_consent(membership=second, consent=False, reason="Asked us to take their words out.",
                     user=built.facilitator)

    public = build_report(cohort=built.cohort, public=True)
    private = build_report(cohort=built.cohort, public=False)

    assert [r.label for r in public.reflections] == ["LA 1", "LA 3", "LA 4"]
    assert {r.goal: r.label for r in public.reflections} == {
        goal: label for goal, label in public_before.items() if label != "LA 2"
    }
    withdrawn = next(r for r in private.reflections if r.organisation == second.organisation.name)
    assert withdrawn.label == ""
    assert withdrawn.note == "Not in the public report: no consent to publish (its number, LA 2, is kept)."
    # Consenting again brings the same number back.
    override_consent(membership=second, consent=True, reason="Changed their mind.", user=built.facilitator)
    assert "LA 2" in [r.label for r in build_report(cohort=built.cohort, public=True).reflections]


def test_a_withdrawn_memberships_number_is_never_handed_out_again(built):
    fix_numbers(cohort=built.cohort)
    Membership.objects.filter(cohort=built.cohort, report_number=4).update(status="withdrawn")
    late = MembershipFactory(cohort=built.cohort, organisation=OrganisationFactory(name="Later Council"),
                             consent_to_publish=True)
    add_final_report(late, "Later", {})

    assert _labels(build_report(cohort=built.cohort, public=False))["Later Council"] == "LA 5"
    assert fix_numbers(cohort=built.cohort)[late.pk] == 5
