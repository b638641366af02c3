"""The admin's home for a facilitator: their programmes' cohorts and what
needs attention in each, each line linking to its screen, in a fixed number
of queries."""
import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programme.cohorts.attention import attention
from programme.enums import ProgrammeStatus, RAGStatus, SubmissionStatus
from programme.models import Action, OnePagePlan
from tests.builders import add_organisations, make_facilitator
from tests.factories import CohortFactory, ProgrammeFactory, ProgrammeSessionFactory, UserFactory


def home(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_home_lists_what_needs_doing_in_the_facilitators_cohorts(client, world, other_world):
    now = timezone.now()
    world.cohort.plan_deadline = now - datetime.timedelta(days=1)
    world.cohort.save()
    OnePagePlan.objects.create(membership=world.b, status=SubmissionStatus.RETURNED, version=3)
    OnePagePlan.objects.create(membership=world.a, status=SubmissionStatus.SUBMITTED, version=2, submitted_at=now)
    Action.objects.create(membership=world.a, description="Brief HR", owner="Alice", status=RAGStatus.RED)
    client.force_login(world.facilitator)

    shown = home(client)

    assert world.cohort.name in shown and other_world.cohort.name not in shown
    assert "Register not taken" in shown and world.past_session.title in shown
    assert reverse("programme_admin:register", args=[world.past_session.pk]) in shown
    assert "1 plans overdue" in shown  # B's plan is returned, not submitted
    assert "1 plans returned for changes" in shown
    assert "1 new</strong> plans submitted" in shown
    assert "1 action at red" in shown
    assert reverse("programme_admin:cohort_actions", args=[world.cohort.pk]) + "?status=red" in shown
    assert f"Next session: <a href=\"{reverse('programme_programmesession_modeladmin_edit', args=[world.next_session.pk])}\">" in shown


def test_new_since_the_last_visit_counts_from_that_visit(client, world):
    client.force_login(world.facilitator)
    home(client)
    OnePagePlan.objects.create(membership=world.a, status=SubmissionStatus.SUBMITTED, version=2,
                               submitted_at=timezone.now())
    assert "1 new</strong> plans submitted since your last visit" in home(client)
    assert "new</strong> plans submitted" not in home(client)


def test_people_not_in_the_portal_link_to_their_invitations(client, programme_x):
    client.force_login(programme_x.facilitator)
    shown = home(client)
    assert "6 people have not joined the portal yet" in shown
    assert reverse("programme_admin:cohort_people", args=[programme_x.cohort.pk]) in shown


def test_a_site_administrator_sees_every_programme(client, world, other_world):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    shown = home(client)
    assert world.cohort.name in shown and other_world.cohort.name in shown


def test_a_facilitator_is_not_shown_the_sites_page_counts(client, world):
    client.force_login(world.facilitator)
    assert 'class="w-summary"' not in home(client)


def test_the_home_makes_a_fixed_number_of_queries_for_1_and_30_cohorts(client, db):
    facilitator = make_facilitator("busy")
    now = timezone.now()

    def add_cohorts(count, start):
        for n in range(start, start + count):
            programme = ProgrammeFactory(title=f"Programme {n}")
            programme.facilitators.add(facilitator)
            cohort = CohortFactory(programme=programme, name=f"Cohort {n}",
                                   plan_deadline=now + datetime.timedelta(days=3))
            add_organisations(cohort, 2, start=n * 10)
            ProgrammeSessionFactory(cohort=cohort, starts_at=now - datetime.timedelta(days=3),
                                    ends_at=now - datetime.timedelta(days=3, hours=-3))
            ProgrammeSessionFactory(cohort=cohort, starts_at=now + datetime.timedelta(days=3),
                                    ends_at=now + datetime.timedelta(days=3, hours=3))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = attention(user=facilitator, now=now)
        return len(captured), rows

    add_cohorts(1, 0)
    one, rows = queries()
    assert len(rows) == 1 and rows[0].registers_missing and rows[0].next_sessions
    add_cohorts(29, 1)
    thirty, rows = queries()
    assert len(rows) == 30
    assert thirty == one
    client.force_login(facilitator)
    assert "Cohort 29" in home(client)


def test_with_only_finished_programmes_the_home_links_their_cohorts(client, world, other_world):
    world.cohort.programme.status = ProgrammeStatus.COMPLETED
    world.cohort.programme.save()
    client.force_login(world.facilitator)

    shown = home(client)

    assert "None of your programmes is running" in shown
    assert reverse("programme_admin:cohort_overview", args=[world.cohort.pk]) in shown
    assert other_world.cohort.name not in shown
