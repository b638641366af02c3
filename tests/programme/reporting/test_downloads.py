"""Every download is linked where a facilitator looks for it
(programme/reporting/downloads.py), and the participants and attendance
export: who is in the cohort and who came to what."""
import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse

from programme.enums import AttendanceStatus, MembershipStatus, SessionStatus
from programme.models import Attendance
from programme.reporting.downloads import DOWNLOADS, cohort_downloads
from programme.reporting.spreadsheets import participants_attendance_csv
from tests.builders import add_organisations
from tests.factories import ParticipantFactory, ProgrammeSessionFactory
from tests.helpers import count_queries

LONDON = zoneinfo.ZoneInfo("Europe/London")


def rows_of(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def every_download_url(cohort):
    return {reverse(url_name, args=[cohort.pk]) for _, _, _, url_name, _ in DOWNLOADS}


@pytest.fixture
def x(programme_x):
    """Programme X's two sessions pinned to March and April 2021."""
    for n, session in enumerate(programme_x.sessions):
        session.starts_at = datetime.datetime(2021, 3 + n, 2, 9, 30, tzinfo=LONDON)
        session.ends_at = session.starts_at + datetime.timedelta(hours=3)
        session.save()
    return programme_x


# --------------------------------------------------------------------------- where they are linked


def test_every_download_answers_its_programmes_facilitator(x, login):
    client = login(x.facilitator)

    for url in every_download_url(x.cohort):
        assert client.get(url).status_code == 200, url


def test_the_overview_links_every_download(x, login):
    page = login(x.facilitator).get(reverse("programme_admin:cohort_overview", args=[x.cohort.pk])).content.decode()

    for url in every_download_url(x.cohort):
        assert f'href="{url}"' in page, url
    assert 'id="downloads"' in page
    assert "Participants and attendance (CSV)" in page and "Programme report (Word)" in page


@pytest.mark.parametrize("screen, args, expected", [
    ("submissions", "cohort", ["report_docx", "report_print", "participants_attendance_csv"]),
    ("coding", "cohort", ["coded_statements_csv", "coded_statements_xlsx", "theme_counts_csv"]),
    ("register", "session", ["participants_attendance_csv"]),
    ("cohort_actions", "cohort", ["cohort_actions_csv"]),
])
def test_each_screen_links_the_downloads_a_facilitator_looks_for_there(x, login, screen, args, expected):
    target = x.cohort if args == "cohort" else x.sessions[0]
    page = login(x.facilitator).get(reverse(f"programme_admin:{screen}", args=[target.pk])).content.decode()

    for name in expected:
        assert f'href="{reverse(f"programme_admin:{name}", args=[x.cohort.pk])}' in page, name


def test_the_cohort_list_has_buttons_for_actions_and_downloads(x, login):
    page = login(x.facilitator).get(reverse("programme_cohort_modeladmin_index")).content.decode()

    assert f'href="{reverse("programme_admin:cohort_actions", args=[x.cohort.pk])}"' in page
    assert f'href="{reverse("programme_admin:cohort_overview", args=[x.cohort.pk])}#downloads"' in page


def test_the_list_of_downloads_names_every_downloads_url():
    """A new download must be added to the list the screens link."""
    from programme.actions import views as action_views
    from programme.reporting import views

    names = {pattern.name for pattern in views.urlpatterns} | {"cohort_actions_csv"}
    assert "cohort_actions_csv" in {pattern.name for pattern in action_views.urlpatterns}
    listed = {url_name.split(":")[1] for _, _, _, url_name, _ in DOWNLOADS}
    assert names <= listed


def test_groups_pick_the_downloads_of_a_screen(x):
    labels = [item.label for item in cohort_downloads(cohort=x.cohort, groups=("people",))]

    assert labels == ["Participants and attendance"]
    assert len(cohort_downloads(cohort=x.cohort)) == len(DOWNLOADS)


# --------------------------------------------------------------------------- participants and attendance


def test_attendance_export_lists_every_participant_and_each_session(x, login):
    first, second = x.sessions
    people = {person.name: person for person in x.participants}
    Attendance.objects.create(session=first, participant=people["X person 0-0"], status=AttendanceStatus.ATTENDED)
    Attendance.objects.create(session=second, participant=people["X person 0-0"], status=AttendanceStatus.ATTENDED)
    Attendance.objects.create(session=first, participant=people["X person 0-1"], status=AttendanceStatus.APOLOGIES)
    Attendance.objects.create(session=first, participant=people["X person 1-0"], status=AttendanceStatus.ABSENT)

    response = login(x.facilitator).get(reverse("programme_admin:participants_attendance_csv", args=[x.cohort.pk]))

    assert response["Content-Disposition"].endswith('-participants-attendance.csv"')
    assert "no-store" in response["Cache-Control"]
    rows = rows_of(response.content)
    assert rows[0] == ["organisation", "membership", "participant", "role or department", "email",
                       "X workshop 1 (Tuesday 2 March 2021)", "X workshop 2 (Friday 2 April 2021)",
                       "sessions attended"]
    assert len(rows) == 1 + 6
    person = people["X person 0-0"]
    assert rows[1] == ["X Council 0", "Accepted", "X person 0-0", person.role, person.email, "Attended", "Attended",
                       "2"]
    assert rows[2][5:] == ["Sent apologies", "", "0"]
    assert rows[3][5:] == ["Absent", "", "0"]
    assert rows[4][5:] == ["", "", "0"]  # no register entry


def test_attendance_export_leaves_out_cancelled_sessions_and_phone_numbers(x):
    ProgrammeSessionFactory(cohort=x.cohort, title="Cancelled workshop", status=SessionStatus.CANCELLED)
    x.participants[0].phone = "07700 900123"
    x.participants[0].save()

    content = participants_attendance_csv(cohort=x.cohort).decode("utf-8-sig")

    assert "Cancelled workshop" not in content and "07700 900123" not in content


def test_attendance_export_names_the_membership_of_a_withdrawn_organisation(x):
    withdrawn = x.memberships[2]
    withdrawn.status = MembershipStatus.WITHDRAWN
    withdrawn.save()

    rows = rows_of(participants_attendance_csv(cohort=x.cohort))

    assert [row[1] for row in rows if row[0] == "X Council 2"] == ["Withdrawn", "Withdrawn"]


def test_attendance_export_holds_only_its_own_cohort(x, programme_y):
    content = participants_attendance_csv(cohort=x.cohort).decode("utf-8-sig")

    assert "Y Council" not in content and "Y person" not in content


def test_attendance_export_cells_never_run_as_formulas(x):
    ParticipantFactory(membership=x.memberships[0], name="=HYPERLINK(\"http://evil\")", role="-HR",
                       email="at@council.example.org")
    x.sessions[0].title = "@SUM(1+1)"
    x.sessions[0].save()

    rows = rows_of(participants_attendance_csv(cohort=x.cohort))

    assert rows[0][5].startswith("'@SUM(1+1)")
    person = next(row for row in rows if "HYPERLINK" in row[2])
    assert person[2] == "'=HYPERLINK(\"http://evil\")" and person[3] == "'-HR"


def test_attendance_export_queries_stay_the_same_for_6_and_206_people(x, login):
    client = login(x.facilitator)
    url = reverse("programme_admin:participants_attendance_csv", args=[x.cohort.pk])
    at_six = count_queries(client, url)
    people = add_organisations(x.cohort, 100)
    for session in x.sessions:
        Attendance.objects.bulk_create(
            Attendance(session=session, participant=p, status=AttendanceStatus.ATTENDED) for p in people)

    assert count_queries(client, url) == at_six
    assert len(rows_of(client.get(url).content)) == 1 + 206
