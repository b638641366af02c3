"""The facilitator's actions tracker (programme/actions/tracker.py and
views.py): every organisation's actions of a cohort on one screen in the
layout of a council's action tracker (seed 002), filters that ignore what
they do not offer, the CSV, and the cohort overview's RAG counts."""
import csv
import datetime
import io
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programme.actions.tracker import TrackerFilters, read_filters, tracker_csv, tracker_rows
from programme.actions.tracking import add_action, update_action
from programme.enums import MembershipStatus, RAGStatus
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(month, day):
    return datetime.datetime(2023, month, day, 10, 0, tzinfo=LONDON)


def tracker_url(cohort, query=""):
    return reverse("programme_admin:cohort_actions", args=[cohort.pk]) + query


def csv_url(cohort, query=""):
    return reverse("programme_admin:cohort_actions_csv", args=[cohort.pk]) + query


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def tracked(world):
    """County: a hub (amber → green → done on 10 April), a map (red, due 1
    June 2023); Borough: a briefing (amber, never updated, no date)."""
    hub = add_action(membership=world.a, user=world.a_user, description="Set up a drop-in hub for care leavers",
                     owner="Alice (leaving care)", due_on=datetime.date(2023, 4, 30), session=world.past_session)
    update_action(action=hub, user=world.a_user, note="Venue agreed with the library", status=RAGStatus.GREEN,
                  now=at(3, 20))
    update_action(action=hub, user=world.a_user2, note="Hub opened on Mondays", status=RAGStatus.DONE, now=at(4, 10))
    map_ = add_action(membership=world.a, user=world.a_user, description="Write a careers map",
                      owner="Virtual School head", due_on=datetime.date(2023, 6, 1))
    update_action(action=map_, user=world.a_user, note="No time this term", status=RAGStatus.RED, now=at(5, 2))
    briefing = add_action(membership=world.b, user=world.b_user, description="Brief the HR team", owner="Bea")
    world.hub, world.map, world.briefing = hub, map_, briefing
    return world


def shown(response):
    assert response.status_code == 200
    return response.content.decode()


# --------------------------------------------------------------------------- the screen


def test_tracker_shows_each_action_in_the_layout_of_an_action_tracker(tracked, login):
    page = shown(login(tracked.facilitator).get(tracker_url(tracked.cohort)))

    for heading in ("Organisation", "Action", "Owner", "Latest update", "RAG status", "Completion date"):
        assert f'<th scope="col">{heading}</th>' in page
    hub_row = page[page.index("Set up a drop-in hub"):page.index("Write a careers map")]
    assert "Alice (leaving care)" in hub_row
    assert "Hub opened on Mondays" in hub_row  # the latest update, not the first
    assert "10 April 2023" in hub_row  # completed
    assert 'admin-rag-done"><span class="w-sr-only">Status: </span>Done</strong>' in hub_row
    assert f"Agreed at {tracked.past_session.title}" in hub_row
    map_row = page[page.index("Write a careers map"):]
    assert "Due 1 June 2023 <strong>(overdue)</strong>" in map_row
    assert "No time this term" in map_row
    briefing_row = page[page.index("Brief the HR team"):page.index("Set up a drop-in hub")]
    assert "No updates yet" in briefing_row and "No date set" in briefing_row


def test_tracker_lists_organisations_in_name_order(tracked, login):
    page = shown(login(tracked.facilitator).get(tracker_url(tracked.cohort)))

    assert page.index("Brief the HR team") < page.index("Set up a drop-in hub")  # Borough before County


def test_tracker_shows_each_actions_rag_history(tracked, login):
    page = shown(login(tracked.facilitator).get(tracker_url(tracked.cohort)))

    history = page[page.index("Set up a drop-in hub"):page.index("Write a careers map")]
    history = history[history.index("<details"):history.index("</details>")]
    assert "(2 changes)" in history
    assert "added as" in history and "Amber</strong>" in history
    assert "20 March 2023:" in history and "Amber to" in history
    assert "10 April 2023:" in history and "Green to" in history
    assert history.index("20 March 2023") < history.index("10 April 2023")  # oldest first
    assert ", by Amir" in history  # who marked it done


def test_tracker_counts_every_action_by_rag_status(tracked, login):
    response = login(tracked.facilitator).get(tracker_url(tracked.cohort, "?status=red"))

    counts = [(item["status"], item["count"]) for item in response.context["counts"]]
    assert counts == [("red", 1), ("amber", 1), ("green", 0), ("done", 1)]  # of the cohort, whatever the filter
    assert response.context["total"] == 3


def test_tracker_filters_by_organisation(tracked, login):
    county = tracked.a.organisation
    page = shown(login(tracked.facilitator).get(tracker_url(tracked.cohort, f"?organisation={county.pk}")))

    assert "Set up a drop-in hub" in page and "Write a careers map" in page
    assert "Brief the HR team" not in page
    assert f'<option value="{county.pk}" selected>{county.name}</option>' in page
    assert "2 actions matching the filters." in page


@pytest.mark.parametrize("status, expected", [
    ("red", ["Write a careers map"]),
    ("done", ["Set up a drop-in hub for care leavers"]),
    ("open", ["Brief the HR team", "Write a careers map"]),
])
def test_tracker_filters_by_status(tracked, login, status, expected):
    response = login(tracked.facilitator).get(tracker_url(tracked.cohort, f"?status={status}"))

    assert [row.action.description for row in response.context["rows"]] == expected


def test_tracker_filters_combine(tracked, login):
    county = tracked.a.organisation
    response = login(tracked.facilitator).get(tracker_url(tracked.cohort, f"?organisation={county.pk}&status=open"))

    assert [row.action.description for row in response.context["rows"]] == ["Write a careers map"]


@pytest.mark.parametrize("query", [
    "?organisation=abc", "?organisation=-1", "?organisation=999999", "?organisation=1.5", "?status=purple",
    "?status=RED", "?organisation=&status=", "?membership__organisation__name__startswith=P",
    "?status=red&status=done&status=purple",
])
def test_tracker_ignores_filter_values_it_does_not_offer(tracked, login, query):
    response = login(tracked.facilitator).get(tracker_url(tracked.cohort, query))

    rows = response.context["rows"]
    if query.startswith("?status=red&"):  # the last value wins, and "purple" is not offered
        assert response.context["filters"] == TrackerFilters()
    assert response.status_code == 200
    assert len(rows) == 3


def test_tracker_ignores_another_cohorts_organisation(tracked, other_world, login):
    stranger = other_world.a.organisation
    add_action(membership=other_world.a, user=other_world.a_user, description="Y's own action", owner="Y")

    page = shown(login(tracked.facilitator).get(tracker_url(tracked.cohort, f"?organisation={stranger.pk}")))

    assert "Y's own action" not in page and stranger.name not in page
    assert "3 actions." in page


def test_read_filters_offers_accepted_members_and_those_with_actions(tracked):
    from programme.actions.tracker import organisation_choices

    withdrawn = MembershipFactory(cohort=tracked.cohort, organisation=OrganisationFactory(name="Gone Council"),
                                  status=MembershipStatus.WITHDRAWN)
    invited = MembershipFactory(cohort=tracked.cohort, organisation=OrganisationFactory(name="Asked Council"),
                                status=MembershipStatus.INVITED)
    add_action(membership=withdrawn, user=None, description="Left half done", owner="Them")

    choices = organisation_choices(cohort=tracked.cohort)

    names = [name for _, name in choices]
    assert "Gone Council" in names and "Asked Council" not in names
    assert read_filters({"organisation": str(invited.organisation_id)}, organisations=choices) == TrackerFilters()


def test_tracker_of_a_cohort_without_actions_says_so(world, login):
    page = shown(login(world.facilitator).get(tracker_url(world.cohort)))

    assert "No organisation has added an action yet." in page


def test_tracker_escapes_and_cleans_what_participants_wrote(world, login):
    action = add_action(membership=world.a, user=world.a_user, description='<img src=x onerror="alert(1)">Hub',
                        owner="<b>Alice</b>")
    update_action(action=action, user=world.a_user, note="<script>alert(2)</script>Opened", status=RAGStatus.GREEN)

    page = shown(login(world.facilitator).get(tracker_url(world.cohort)))

    assert "onerror" not in page and "<script>alert(2)" not in page
    assert "&lt;b&gt;Alice&lt;/b&gt;" in page


def test_tracker_of_another_programmes_cohort_is_404(tracked, other_world, login):
    client = login(other_world.facilitator)

    assert client.get(tracker_url(tracked.cohort)).status_code == 404
    assert client.get(csv_url(tracked.cohort)).status_code == 404


def test_tracker_is_not_cached(tracked, login):
    response = login(tracked.facilitator).get(tracker_url(tracked.cohort))

    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def _add_many(world, count):
    author = UserFactory(username=f"many_{count}")
    for n in range(count):
        action = add_action(membership=world.a if n % 2 else world.b, user=author, description=f"Action {n}",
                            owner=f"Owner {n}", session=world.past_session)
        update_action(action=action, user=author, note=f"Note {n}", status=RAGStatus.GREEN)
        update_action(action=action, user=author, note=f"Later {n}", status=RAGStatus.DONE)


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_for", [tracker_url, csv_url], ids=["screen", "csv"])
def test_tracker_queries_stay_the_same_for_1_and_40_actions(world, login, url_for):
    client = login(world.facilitator)
    _add_many(world, 1)
    at_one = _queries(client, url_for(world.cohort))
    _add_many(world, 39)
    at_forty = _queries(client, url_for(world.cohort))

    assert at_one == at_forty
    assert len(tracker_rows(cohort=world.cohort)) == 40


def test_tracker_rows_are_two_queries(tracked, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = tracker_rows(cohort=tracked.cohort)
        assert [row.status_changes for row in rows] == [0, 2, 1]


# --------------------------------------------------------------------------- the CSV


def test_csv_holds_what_the_screen_shows(tracked, login):
    response = login(tracked.facilitator).get(csv_url(tracked.cohort))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('-actions.csv"')
    assert "no-store" in response["Cache-Control"]
    rows = csv_rows(response.content)
    assert rows[0] == ["organisation", "action", "owner", "agreed at", "due", "latest update", "latest update on",
                       "RAG status", "completion date", "RAG history"]
    county = tracked.a.organisation.name
    added = timezone.localdate().isoformat()  # the day the fixture added it
    assert rows[2] == [
        county, "Set up a drop-in hub for care leavers", "Alice (leaving care)", tracked.past_session.title,
        "2023-04-30", "Hub opened on Mondays", "2023-04-10", "Done", "2023-04-10",
        f"{added}: added as Amber; 2023-03-20: Amber to Green; 2023-04-10: Green to Done",
    ]
    assert [row[1] for row in rows[1:]] == ["Brief the HR team", "Set up a drop-in hub for care leavers",
                                             "Write a careers map"]
    assert rows[1][8] == "" and rows[3][8] == ""  # not done: no completion date


def test_csv_follows_the_filters_and_ignores_the_rest(tracked, login):
    client = login(tracked.facilitator)

    red = csv_rows(client.get(csv_url(tracked.cohort, "?status=red")).content)
    junk = csv_rows(client.get(csv_url(tracked.cohort, "?status=purple&organisation=x")).content)

    assert [row[1] for row in red[1:]] == ["Write a careers map"]
    assert len(junk) == 4


def test_screen_links_the_csv_with_its_filters(tracked, login):
    county = tracked.a.organisation
    response = login(tracked.facilitator).get(tracker_url(tracked.cohort, f"?status=open&organisation={county.pk}"))

    assert response.context["csv_url"] == csv_url(tracked.cohort, f"?organisation={county.pk}&status=open")
    assert "Download these actions (CSV)" in response.content.decode()


def test_csv_cells_never_run_as_formulas(world):
    action = add_action(membership=world.a, user=world.a_user, description="=HYPERLINK(\"http://x\",\"y\")",
                        owner="@SUM(A1)")
    update_action(action=action, user=world.a_user, note="+44 20 7946 0000 called", status=RAGStatus.RED)

    rows = csv_rows(tracker_csv(cohort=world.cohort))

    assert rows[1][1] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert rows[1][2] == "'@SUM(A1)"
    assert rows[1][5] == "'+44 20 7946 0000 called"


# --------------------------------------------------------------------------- the cohort overview


def overview(client, cohort):
    return client.get(reverse("programme_admin:cohort_overview", args=[cohort.pk]))


def test_overview_counts_actions_by_rag_with_links_to_the_tracker(tracked, login):
    response = overview(login(tracked.facilitator), tracked.cohort)
    page = shown(response)

    assert [(item["label"], item["count"]) for item in response.context["action_counts"]] == [
        ("Red", 1), ("Amber", 1), ("Green", 0), ("Done", 1)]
    assert f'href="{tracker_url(tracked.cohort)}?status=red">1<span class="w-sr-only"> red action</span>' in page
    assert f'href="{tracker_url(tracked.cohort)}">3<span class="w-sr-only"> actions in all</span>' in page


def test_overview_counts_only_its_own_cohorts_actions(tracked, other_world, login):
    add_action(membership=other_world.a, user=other_world.a_user, description="Y's", owner="Y")

    response = overview(login(tracked.facilitator), tracked.cohort)

    assert response.context["actions_total"] == 3


def test_overview_queries_stay_the_same_for_1_and_40_actions(world, login):
    client = login(world.facilitator)
    _add_many(world, 1)
    url = reverse("programme_admin:cohort_overview", args=[world.cohort.pk])
    at_one = _queries(client, url)
    _add_many(world, 39)

    assert _queries(client, url) == at_one


def test_overview_without_actions_says_so(world, login):
    assert "No organisation has added an action yet." in shown(overview(login(world.facilitator), world.cohort))


def test_a_withdrawn_organisations_actions_are_counted_nowhere_but_shown_when_picked(tracked, login):
    from programme.actions.tracker import rag_counts

    before = rag_counts(cohort=tracked.cohort)
    gone = MembershipFactory(cohort=tracked.cohort, organisation=OrganisationFactory(name="Gone Council"),
                             status=MembershipStatus.WITHDRAWN)
    add_action(membership=gone, user=None, description="Left half done", owner="Them")
    client = login(tracked.facilitator)

    assert rag_counts(cohort=tracked.cohort) == before  # as the facilitator's home counts them
    assert "Left half done" not in shown(client.get(tracker_url(tracked.cohort)))
    picked = shown(client.get(tracker_url(tracked.cohort, f"?organisation={gone.organisation_id}")))
    assert "Left half done" in picked and "1 action matching the filters." in picked
