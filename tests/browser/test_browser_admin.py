"""A facilitator's journey through the Wagtail admin, in a real browser: set
up a cohort (create it, import its councils and participants from the CSV
they keep); sign in, Peer learning → Sessions, schedule a session for their
cohort, see it listed, take its register."""
import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import describe_violations, run_axe
from tests.builders import make_facilitator
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    ProgrammeSessionFactory,
)

pytestmark = pytest.mark.browser

LONDON = zoneinfo.ZoneInfo("Europe/London")
PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture
def facilitated_cohort(home_page):
    """A facilitator in the Facilitators group, named on a programme whose
    cohort has two councils with a participant each; and another programme's
    cohort they must not be offered."""
    facilitator = make_facilitator("fiona")
    facilitator.first_name, facilitator.last_name = "Fiona", "Facilitator"
    facilitator.save()
    programme = ProgrammeFactory(title="Increasing employment opportunities")
    programme.facilitators.add(facilitator)
    cohort = CohortFactory(programme=programme, name="Cohort 2031")
    for council, person in [("Kent County Council", "Priya Shah"), ("Salford City Council", "Tom Reid")]:
        membership = MembershipFactory(cohort=cohort, organisation=OrganisationFactory(name=council))
        ParticipantFactory(membership=membership, name=person, role="Leaving care")
    ProgrammeSessionFactory(cohort=cohort, title="Directors' briefing", kind="briefing")
    CohortFactory(programme=ProgrammeFactory(title="Someone else's programme"), name="Other cohort")
    return cohort


def sign_in_to_admin(page, username="fiona"):
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


ROSTER = (
    "Organisation,Participant_name,Email,Role,LA_type,Region\n"
    "Kent County Council,Priya Shah,priya.shah@kent.example.org,Leaving care manager,county,south-east\n"
    "Wirral Council,Joe Burns,joe.burns@wirral.example.org,Personal adviser,metropolitan,north-west\n"
    "Wirral Council,Amy Lee,amy.lee@wirral.example.org,EET coordinator,metropolitan,north-west\n"
)


def test_facilitator_sets_up_a_cohort_and_imports_its_participants(page, facilitated_cohort):
    from programme.models import Cohort, Participant

    sign_in_to_admin(page)
    sidebar = page.get_by_role("navigation", name="Main menu")
    sidebar.get_by_role("button", name="Peer learning").click()
    sidebar.get_by_role("link", name="Cohorts").click()
    page.wait_for_url(re.compile(r"/admin/programme/cohort/$"))
    page.get_by_role("link", name=re.compile(r"Add cohort", re.I)).click()
    programme_select = page.get_by_role("combobox", name=re.compile(r"^Programme\*?$"))
    offered = programme_select.locator("option").all_inner_texts()
    assert "Someone else's programme" not in offered
    programme_select.select_option(label="Increasing employment opportunities")
    page.get_by_role("textbox", name=re.compile(r"^Name\*?$")).fill("Cohort 2032")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/programme/cohort/$"))
    cohort = Cohort.objects.get(name="Cohort 2032")
    assert cohort.programme == facilitated_cohort.programme

    # The row's "Import participants" button, then the CSV they already keep.
    row = page.locator("table.listing tr", has_text="Cohort 2032")
    row.get_by_role("link", name="Import participants").click()
    page.wait_for_url(re.compile(rf"/admin/peer-learning/cohorts/{cohort.pk}/import/$"))
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "cohort-2032.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}]
    )
    page.get_by_label("Create missing organisations").check()
    page.get_by_role("button", name="Check the file").click()
    # The preview: nothing is saved until the facilitator confirms.
    import_button = page.get_by_role("button", name="Import 3 participants")
    expect(import_button).to_be_visible()
    assert not Participant.objects.filter(membership__cohort=cohort).exists()
    violations = run_axe(page)
    assert violations == [], describe_violations(violations, "the import preview")
    import_button.click()
    expect(page.get_by_text(re.compile(r"Imported 3 participants"))).to_be_visible()
    people = set(Participant.objects.filter(membership__cohort=cohort).values_list(
        "name", "membership__organisation__name"))
    assert people == {("Priya Shah", "Kent County Council"), ("Joe Burns", "Wirral Council"),
                      ("Amy Lee", "Wirral Council")}
    assert page.errors == []


def test_facilitator_schedules_a_session_and_opens_its_register(page, facilitated_cohort):
    from programme.models import ProgrammeSession

    sign_in_to_admin(page)

    # Peer learning → Sessions, through the sidebar menu.
    sidebar = page.get_by_role("navigation", name="Main menu")
    sidebar.get_by_role("button", name="Peer learning").click()
    sidebar.get_by_role("link", name="Sessions").click()
    page.wait_for_url(re.compile(r"/admin/programme/programmesession/$"))
    # Each row's title cell: the title (a link to the edit view), then action buttons.
    listed = page.locator("table.listing td.field-title .title-wrapper > a")
    expect(listed).to_have_text(["Directors' briefing"])

    # Add a session through the form. Wagtail marks required labels "Title*";
    # each panel's heading and anchors carry the label too, hence the role.
    def field(label, role="textbox"):
        return page.get_by_role(role, name=re.compile(rf"^{label}\*?$"))

    page.get_by_role("link", name=re.compile(r"Add programme session", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/programme/programmesession/create/$"))
    cohort_select = field("Cohort", "combobox")
    expect(cohort_select).to_be_visible()
    # Only the facilitator's own cohort is offered.
    offered = cohort_select.locator("option").all_inner_texts()
    assert str(facilitated_cohort) in offered
    assert not any("Other cohort" in text for text in offered), offered
    cohort_select.select_option(label=str(facilitated_cohort))
    field("Kind", "combobox").select_option(label="Half-day workshop")
    field("Number", "spinbutton").fill("2")
    field("Title").fill("Workshop 2: working with employers")
    # Wagtail's date-time widget: type into the input, as a facilitator would.
    for label, value in (("Starts at", "2031-02-24 09:30"), ("Ends at", "2031-02-24 12:30")):
        when = field(label)
        when.click()
        when.press_sequentially(value)
        when.press("Escape")  # close the date picker
    field("Join link").fill("https://meet.example.org/workshop-2")
    field("Agenda").fill("Case studies from two councils, then breakout groups.")
    page.get_by_role("button", name="Save", exact=True).click()

    # Back on the list, with the new session in it.
    page.wait_for_url(re.compile(r"/admin/programme/programmesession/$"))
    expect(listed).to_have_text(["Directors' briefing", "Workshop 2: working with employers"])
    session = ProgrammeSession.objects.get(title="Workshop 2: working with employers")
    assert session.cohort == facilitated_cohort
    assert session.starts_at.astimezone(LONDON).replace(tzinfo=None) == datetime.datetime(2031, 2, 24, 9, 30)
    assert session.ends_at.astimezone(LONDON).replace(tzinfo=None) == datetime.datetime(2031, 2, 24, 12, 30)
    assert (session.kind, session.number, session.online) == ("workshop", 2, True)

    # Its register.
    response = page.goto(f"/admin/peer-learning/sessions/{session.pk}/register/")
    assert response.status == 200
    expect(page.get_by_role("heading", name="Register", exact=False).first).to_be_visible()
    for council, person in [("Kent County Council", "Priya Shah"), ("Salford City Council", "Tom Reid")]:
        expect(page.get_by_role("heading", name=council)).to_be_visible()
        expect(page.get_by_role("group", name=re.compile(person))).to_be_visible()
    violations = run_axe(page)
    assert violations == [], describe_violations(violations, "the register")
    # Before the session starts, apologies can be recorded.
    page.get_by_role("group", name=re.compile("Priya Shah")).get_by_label("Sent apologies").check()
    page.get_by_role("button", name="Save register").click()
    expect(page.get_by_text(re.compile("Register saved"))).to_be_visible()
    assert session.attendance.get().status == "apologies"
    assert page.errors == []
    # Wagtail's admin asks gravatar.com for the facilitator's avatar unless
    # WAGTAIL_GRAVATAR_PROVIDER_URL is None; nothing else may leave the site.
    assert {urlsplit(url).hostname for url in page.outside_requests} <= {"www.gravatar.com"}
