"""A new programme from nothing, without a site administrator's help after
the first step, in a real browser: a site administrator makes a facilitator;
the facilitator (not an administrator) creates a programme and its cohort,
imports the roster, reads and sends the invitations; a participant opens the
link, chooses a password and submits the organisation's plan. Meanwhile a
second programme's facilitator and participant see none of it."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.helpers import describe_violations, run_axe
from tests.builders import PASSWORD, build_cohort
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

ROSTER = (
    "organisation,participant_name,email,role,la_type,region\n"
    "Northshire County Council,Priya Shah,priya.shah@northshire.example.org,Leaving care manager,county,north-west\n"
    "Northshire County Council,Tom Reid,tom.reid@northshire.example.org,Virtual School,county,north-west\n"
    "Eastwick Borough Council,Ana Lopes,ana.lopes@eastwick.example.org,HR,metropolitan,north-west\n"
)
NEW_PASSWORD = "Priya-chose-this-2032"


def sign_in(page, username, password=PASSWORD, *, where="/admin/"):
    page.goto(where)
    page.get_by_label("Username").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()


def no_axe_violations(page, where):
    violations = run_axe(page)
    assert violations == [], describe_violations(violations, where)


def test_a_new_programme_runs_from_an_empty_site(new_page, site_url):
    from django.contrib.auth import get_user_model

    from programme.enums import SubmissionStatus
    from programme.models import Cohort, OnePagePlan, Participant, Programme

    UserFactory(username="root", is_superuser=True, is_staff=True)
    other = build_cohort("Y")

    # 1. The site administrator makes a facilitator: an account in the Facilitators group.
    admin = new_page()
    sign_in(admin, "root")
    admin.goto("/admin/users/new/")
    admin.locator("input[name=username]").fill("fatima")
    admin.locator("input[name=email]").fill("fatima@forum.example.org")
    admin.locator("input[name=first_name]").fill("Fatima")
    admin.locator("input[name=last_name]").fill("Ahmed")
    admin.locator("input[name=password1]").fill(PASSWORD)
    admin.locator("input[name=password2]").fill(PASSWORD)
    admin.locator("#tab-label-roles").click()
    admin.get_by_label("Facilitators").check()
    admin.get_by_role("button", name="Create", exact=True).click()
    expect(admin.get_by_text(re.compile(r"User '.*' created"))).to_be_visible()
    fatima = get_user_model().objects.get(username="fatima")
    assert not fatima.is_superuser and fatima.groups.filter(name="Facilitators").exists()

    # 2. The facilitator sets up the programme and its cohort.
    page = new_page()
    sign_in(page, "fatima")
    expect(page.get_by_role("heading", name="Your cohorts")).to_be_visible()
    page.goto("/admin/programme/programme/create/")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill("Care leavers into work 2032")
    assert page.locator("[name=facilitators]").count() == 0  # no list of the site's accounts
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/programme/programme/$"))
    programme = Programme.objects.get(title="Care leavers into work 2032")
    assert list(programme.facilitators.all()) == [fatima]
    page.goto("/admin/programme/cohort/create/")
    page.get_by_role("combobox", name=re.compile(r"^Programme")).select_option(label="Care leavers into work 2032")
    page.get_by_role("textbox", name=re.compile(r"^Name")).fill("2032 cohort")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/programme/cohort/$"))
    cohort = Cohort.objects.get(name="2032 cohort")

    # 3. The roster they keep, imported.
    page.goto(f"/admin/peer-learning/cohorts/{cohort.pk}/import/")
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}])
    page.get_by_label("Create missing organisations").check()
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 3 participants").click()
    expect(page.get_by_text(re.compile("Imported 3 participants"))).to_be_visible()

    # 4. Everyone invited, after reading the email and its recipients.
    page.goto(f"/admin/peer-learning/cohorts/{cohort.pk}/overview/")
    page.goto(f"/admin/peer-learning/cohorts/{cohort.pk}/people/")
    expect(page.get_by_text("Not invited").first).to_be_visible()
    no_axe_violations(page, "people and invitations")
    page.get_by_role("button", name=re.compile(r"everyone not invited yet \(3\)")).click()
    expect(page.get_by_role("heading", name="3 people will get it")).to_be_visible()
    assert mail.outbox == []
    no_axe_violations(page, "the invitation preview")
    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_text("Invitations sent to 3 people.")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["priya.shah@northshire.example.org", "tom.reid@northshire.example.org", "ana.lopes@eastwick.example.org"])

    # 5. Priya opens her link, chooses a password, lands on the portal and submits the plan.
    message = next(m for m in mail.outbox if m.to == ["priya.shah@northshire.example.org"])
    link = re.search(r"https?://\S+(/portal/join/\S+/)", message.body).group(1)
    priya = new_page()
    priya.goto(link)
    expect(priya.get_by_role("heading", name="Join the peer learning portal")).to_be_visible()
    no_axe_violations(priya, "the invitation link")
    priya.get_by_label("Choose a password").fill(NEW_PASSWORD)
    priya.get_by_label("Type it again").fill(NEW_PASSWORD)
    priya.get_by_role("button", name="Choose password and join").click()
    expect(priya.get_by_role("heading", level=1)).to_have_text("Your portal")
    expect(priya.get_by_text("Northshire County Council").first).to_be_visible()
    priya.goto("/portal/plan/")
    for label, text in [("The issue", "Few care leavers find work in the county."),
                        ("The goal", "Twenty work placements in the council."),
                        ("What success looks like", "Twenty placements; ten offers of work.")]:
        priya.get_by_label(re.compile(f"^{label}")).fill(text)
    priya.get_by_label("Internal / LA as employer or corporate parent").check()
    priya.get_by_role("button", name=re.compile("^Submit")).click()
    expect(priya.get_by_role("status")).to_contain_text("submitted")
    plan = OnePagePlan.objects.get(membership__cohort=cohort)
    assert (plan.status, plan.membership.organisation.name) == (SubmissionStatus.SUBMITTED, "Northshire County Council")
    assert Participant.objects.get(email="priya.shah@northshire.example.org").user.check_password(NEW_PASSWORD)

    # 6. The other programme's facilitator and participant see none of it.
    stranger = new_page()
    sign_in(stranger, other.facilitator.username)
    for url in ("/admin/", "/admin/programme/cohort/", "/admin/programme/participant/"):
        stranger.goto(url)
        text = stranger.content()
        assert "2032 cohort" not in text and "Priya Shah" not in text, url
    response = stranger.goto(f"/admin/peer-learning/cohorts/{cohort.pk}/people/")
    assert response.status == 404
    stranger.errors.clear()  # the browser logs the 404 just asserted
    outsider = new_page()
    sign_in(outsider, other.a_user.username, where="/accounts/login/")
    outsider.goto("/portal/")
    assert "2032 cohort" not in outsider.content() and "Northshire" not in outsider.content()
    for each in (admin, page, priya, stranger, outsider):
        assert each.errors == []
