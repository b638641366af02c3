"""Check-ins between sessions and the one-page report at the end: four
sections, one statement per line."""
import datetime

import pytest
from django.utils import timezone

from programme.enums import ReflectionKind
from programme.models import OnePagePlan, Reflection, Statement
from programme.models.submissions import STATEMENT_MAX
from programme.submissions.writing import return_for_changes

REPORT_URL = "/portal/report/"
NEW_CHECK_IN_URL = "/portal/check-ins/new/"


def report_of(membership):
    return Reflection.objects.get(membership=membership, kind=ReflectionKind.FINAL_REPORT)


def lines(reflection, section):
    return list(reflection.statements.filter(section=section).order_by("position").values_list("text", flat=True))


def page(response):
    return response.content.decode()


def test_report_statements_are_parsed_one_per_line_in_order(login, world, report_data):
    client = login(world.a_user)
    response = client.post(REPORT_URL, report_data(
        progress="• Built relationships\r\n\r\n  - Identified 13 offers  \r\n* Secured funds for four years\r\n",
        action="save",
    ))
    assert response.status_code == 302
    report = report_of(world.a)
    assert lines(report, "progress") == ["Built relationships", "Identified 13 offers", "Secured funds for four years"]
    assert lines(report, "challenges") == ["Covid delayed a live event with employers"]
    shown = page(client.get(REPORT_URL))
    assert "• Built relationships\n• Identified 13 offers\n• Secured funds for four years</textarea>" in shown


def test_report_reopened_and_saved_unchanged_keeps_every_statement(login, world, report_data):
    client = login(world.a_user)
    client.post(REPORT_URL, report_data(progress="See https://example.org/a?b=1&c=2 & more\nTwo", action="save"))
    report = report_of(world.a)
    before = list(report.statements.values_list("pk", "section", "position", "text"))
    form = client.get(REPORT_URL).context["form"]
    data = {name: form[name].value() for name in ("progress", "challenges", "enablers", "next", "version")}
    assert data["progress"] == "• See https://example.org/a?b=1&c=2 & more\n• Two"
    client.post(REPORT_URL, {**data, "action": "save"})
    assert list(report.statements.values_list("pk", "section", "position", "text")) == before


def test_report_reordering_and_removing_lines_keeps_unchanged_statements(login, world, report_data):
    client = login(world.a_user)
    client.post(REPORT_URL, report_data(progress="One\nTwo\nThree", action="save"))
    report = report_of(world.a)
    ids = {s.text: s.pk for s in report.statements.filter(section="progress")}
    client.post(REPORT_URL, report_data(progress="Three\nOne\nFour", version="2", action="save"))
    assert lines(report, "progress") == ["Three", "One", "Four"]
    kept = {s.text: s.pk for s in report.statements.filter(section="progress")}
    assert (kept["Three"], kept["One"]) == (ids["Three"], ids["One"])
    assert "Two" not in kept


def test_report_page_shows_the_plans_goal_above_the_report(login, world):
    OnePagePlan.objects.create(membership=world.a, goal="Increase employment in construction & related trades")
    shown = page(login(world.a_user).get(REPORT_URL))
    assert "Your goal" in shown
    goal_at = shown.index("Increase employment in construction &amp; related trades")
    assert goal_at < shown.index('name="progress"')


def test_report_page_without_a_goal_links_to_the_plan(login, world):
    shown = page(login(world.a_user).get(REPORT_URL))
    assert "has not written its goal yet" in shown and 'href="/portal/plan/"' in shown


def test_report_help_text_says_one_statement_per_line(login, world):
    shown = page(login(world.a_user).get(REPORT_URL))
    assert shown.count("One statement per line") == 4
    for section, label in (("progress", "Progress made"), ("challenges", "Challenges faced"),
                           ("enablers", "What enabled progress?"), ("next", "What&#x27;s next?")):
        assert f'<label for="id_{section}">{label}</label>' in shown


def test_report_submit_with_sections_empty_names_each_and_keeps_the_draft(login, world, report_data):
    client = login(world.a_user)
    response = client.post(REPORT_URL, report_data(challenges="", enablers="  \n • \n", action="submit"))
    shown = page(response)
    assert response.status_code == 200
    assert '<a href="#id_challenges">Add at least one challenge you faced.</a>' in shown
    assert '<a href="#id_enablers">Add at least one thing that enabled progress.</a>' in shown
    assert "Add at least one statement on the progress" not in shown
    report = report_of(world.a)
    assert report.status == "draft"
    assert lines(report, "progress") == ["Built relationships with local organisations",
                                         "Identified 13 apprenticeship offers"]


def test_report_submit_when_complete_becomes_read_only(login, world, report_data):
    client = login(world.a_user)
    assert client.post(REPORT_URL, report_data(action="submit")).status_code == 302
    assert report_of(world.a).status == "submitted"
    shown = page(client.get(REPORT_URL))
    assert "<textarea" not in shown
    assert "<li>Identified 13 apprenticeship offers</li>" in shown
    assert "Your one-page report has been submitted" in shown


def test_report_returned_shows_the_comment(login, world, report_data):
    client = login(world.a_user)
    client.post(REPORT_URL, report_data(action="submit"))
    return_for_changes(submission=report_of(world.a), user=world.facilitator, comment="Say what's next for HR.")
    shown = page(client.get(REPORT_URL))
    assert "Your facilitator returned this one-page report for changes" in shown
    assert "Say what&#x27;s next for HR." in shown or "Say what's next for HR." in shown
    assert "<textarea" in shown


def test_report_overlong_statement_is_refused_and_nothing_changes(login, world, report_data):
    client = login(world.a_user)
    client.post(REPORT_URL, report_data(action="save"))
    long_line = "y" * (STATEMENT_MAX + 1)
    response = client.post(REPORT_URL, report_data(enablers=f"Short one\n{long_line}", version="2", action="save"))
    shown = page(response)
    message = (f"Statement 2 in “What enabled progress?” has 601 characters. Keep each statement to "
               f"{STATEMENT_MAX} characters or fewer")
    assert message in shown
    assert '<a href="#id_enablers">' in shown
    assert f"{long_line}</textarea>" in shown
    report = report_of(world.a)
    assert (report.version, lines(report, "enablers")) == (2, ["Starting with a focused project"])


def test_report_too_many_statements_is_refused(login, world, report_data):
    many = "\n".join(f"Point {n}" for n in range(31))
    shown = page(login(world.a_user).post(REPORT_URL, report_data(progress=many, action="save")))
    assert "“Progress made” has 31 statements. Keep to 30 or fewer" in shown
    assert not Statement.objects.filter(reflection__membership=world.a).exists()


def test_report_submit_after_the_deadline_is_refused_and_the_draft_kept(login, world, report_data):
    world.cohort.report_deadline = timezone.now() - datetime.timedelta(hours=1)
    world.cohort.save()
    client = login(world.a_user)
    shown = page(client.post(REPORT_URL, report_data(action="submit")))
    assert "The deadline has passed, so this can no longer be submitted." in shown
    assert "has been saved, but it has <strong>not</strong> been submitted" in shown
    report = report_of(world.a)
    assert report.status == "draft" and report.statements.count() == 5


def test_report_conflict_keeps_both_texts(world, make_client, report_data):
    alice, amir = make_client(world.a_user), make_client(world.a_user2)
    alice.get(REPORT_URL)
    amir.get(REPORT_URL)
    alice.post(REPORT_URL, report_data(next="Alice's next step", action="save"))
    response = amir.post(REPORT_URL, report_data(next="Amir's next step", action="save"))
    shown = page(response)
    assert "This one-page report has changed since you opened it" in shown
    assert "Amir&#x27;s next step</textarea>" in shown
    assert "<li>Alice's next step</li>" in shown
    assert lines(report_of(world.a), "next") == ["Alice's next step"]


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_report_script_typed_into_a_statement_is_never_shown_raw(world, make_client, report_data, attack):
    world.cohort.sharing_enabled = True
    world.cohort.save()
    alice, bea = make_client(world.a_user), make_client(world.b_user)
    alice.post(REPORT_URL, report_data(progress=f"Real progress {attack}\n{attack}", action="submit"))
    assert report_of(world.a).status == "submitted"
    pages = [page(alice.get(REPORT_URL)), page(bea.get(f"/portal/peers/{world.a.pk}/"))]
    for shown in pages:
        assert "Real progress" in shown
        assert attack not in shown
        assert "<script" not in shown and "<img" not in shown


def test_check_in_new_is_saved_with_its_session(login, world, report_data):
    client = login(world.a_user)
    form = page(client.get(f"{NEW_CHECK_IN_URL}?session={world.next_session.pk}"))
    assert f'<option value="{world.next_session.pk}" selected>' in form
    assert f'<option value="{world.past_session.pk}"' not in form  # only sessions still to come
    response = client.post(NEW_CHECK_IN_URL, report_data(session=world.next_session.pk, action="save"))
    check_in = Reflection.objects.get(membership=world.a, kind=ReflectionKind.CHECK_IN)
    assert response["Location"] == f"/portal/check-ins/{check_in.pk}/"
    assert (check_in.session, check_in.updated_by, check_in.status) == (world.next_session, world.a_user, "draft")
    assert lines(check_in, "progress") == ["Built relationships with local organisations",
                                           "Identified 13 apprenticeship offers"]
    listing = page(client.get("/portal/check-ins/"))
    assert f"Before “{world.next_session.title}”" in listing


def test_check_in_new_with_another_cohorts_session_is_not_found(login, world, other_world, report_data):
    response = login(world.a_user).post(NEW_CHECK_IN_URL, report_data(session=other_world.next_session.pk))
    assert response.status_code == 404
    assert not Reflection.objects.exists()


def test_check_in_submit_with_nothing_written_is_refused(login, world):
    client = login(world.a_user)
    response = client.post(NEW_CHECK_IN_URL, {"version": "1", "action": "submit"}, follow=True)
    assert "Add at least one statement before submitting." in page(response)
    assert Reflection.objects.get(membership=world.a).status == "draft"


def test_check_in_edit_and_submit(login, world, report_data):
    client = login(world.a_user)
    client.post(NEW_CHECK_IN_URL, report_data(action="save"))
    check_in = Reflection.objects.get(membership=world.a)
    url = f"/portal/check-ins/{check_in.pk}/"
    response = client.post(url, report_data(progress="Started drop-ins", version=str(check_in.version),
                                            session="", action="submit"))
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert (check_in.status, check_in.session, lines(check_in, "progress")) == ("submitted", None,
                                                                                 ["Started drop-ins"])
    assert "<textarea" not in page(client.get(url))


def test_check_in_of_another_organisation_is_not_listed(login, world, report_data, make_client):
    make_client(world.b_user).post(NEW_CHECK_IN_URL, report_data(progress="B's secret progress", action="save"))
    listing = page(login(world.a_user).get("/portal/check-ins/"))
    assert "None yet." in listing
