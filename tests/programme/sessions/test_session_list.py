"""The admin list of sessions (programme/sessions/admin.py) reads cleanly:
a short cohort label instead of "Programme title – cohort" on every row, no
cohort column at all when the list is of one cohort (named once, in the
heading), short dates, and the same number of queries at 1 and at 40
sessions. programme/cohorts/labels.py makes the labels; the widths are
static/programme/admin/lists.css."""
import datetime
import re

from django.urls import reverse

from programme.cohorts.labels import cohort_label, short_cohort_labels
from programme.dates import LONDON, format_short_moment
from tests.factories import CohortFactory, ProgrammeFactory, ProgrammeSessionFactory, UserFactory
from tests.helpers import count_queries

INDEX = reverse("programme_programmesession_modeladmin_index")
LONG_TITLE = "Increasing employment opportunities for young people with care experience"


def listing(html):
    return html.split('<table class="listing', 1)[1].split("</table>", 1)[0]


def column_headings(html):
    return [" ".join(re.sub(r"<[^>]+>", " ", heading).split())
            for heading in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', listing(html), flags=re.S)]


def cells(html, column):
    """The text of a column's cells, spaces as they are (a no-break space stays one)."""
    return [re.sub("<[^>]+>", "", cell).strip(" \n")
            for cell in re.findall(rf'<td class="field-{column}[^"]*"[^>]*>(.*?)</td>', listing(html), flags=re.S)]


def test_cohort_label_adds_the_programme_only_when_the_name_is_shared():
    assert cohort_label("2021 cohort", LONG_TITLE, shared=False) == "2021 cohort"
    assert cohort_label("2021 cohort", LONG_TITLE, shared=True) == "2021 cohort (Increasing employment opportuni…)"


def test_short_cohort_labels_tell_apart_two_cohorts_of_one_name(db):
    one = CohortFactory(name="2021 cohort", programme=ProgrammeFactory(title="Employment"))
    two = CohortFactory(name="2021 Cohort", programme=ProgrammeFactory(title="Housing"))
    three = CohortFactory(name="2027 cohort", programme=one.programme)

    assert short_cohort_labels([one, two, three]) == {
        one.pk: "2021 cohort (Employment)", two.pk: "2021 Cohort (Housing)", three.pk: "2027 cohort",
    }


def test_format_short_moment_is_a_day_and_a_time_in_uk_time():
    summer = datetime.datetime(2021, 6, 16, 8, 30, tzinfo=datetime.UTC)  # 9:30 in London
    assert format_short_moment(summer) == "Wed 16 Jun 2021, 9:30am"
    assert format_short_moment(datetime.datetime(2021, 2, 4, 10, 0, tzinfo=LONDON)) == "Thu 4 Feb 2021, 10am"


def test_a_facilitator_of_one_cohort_sees_no_cohort_column(client, programme_x):
    client.force_login(programme_x.facilitator)

    html = client.get(INDEX).content.decode()

    assert column_headings(html) == ["Title", "Kind", "Starts", "Status"]
    assert str(programme_x.cohort) not in html.split('<table class="listing')[1]


def test_two_cohorts_are_told_apart_by_a_short_label_not_the_programme_title(client, programme_x):
    programme_x.programme.title = LONG_TITLE
    programme_x.programme.save()
    later = CohortFactory(programme=programme_x.programme, name="2027 cohort")
    ProgrammeSessionFactory(cohort=later, title="Later workshop")
    client.force_login(programme_x.facilitator)

    html = client.get(INDEX).content.decode()

    assert column_headings(html) == ["Title", "Cohort", "Kind", "Starts", "Status"]
    assert sorted(set(cells(html, "cohort_label"))) == ["2027 cohort", "Cohort X"]
    assert LONG_TITLE not in html.split('<table class="listing')[1]
    # The filter offers the same short labels.
    assert f'<a href="?cohort={later.pk}">2027 cohort</a>' in html


def test_cohorts_of_one_name_in_two_programmes_name_their_programme(client, programme_x):
    other = ProgrammeFactory(title="Housing for care leavers")
    other.facilitators.add(programme_x.facilitator)
    twin = CohortFactory(programme=other, name="Cohort X")
    ProgrammeSessionFactory(cohort=twin, title="Housing workshop")
    client.force_login(programme_x.facilitator)

    html = client.get(INDEX).content.decode()

    assert sorted(set(cells(html, "cohort_label"))) == ["Cohort X (Housing for care leavers)", "Cohort X (Programme X)"]


def test_another_programmes_cohort_of_the_same_name_is_not_hinted_at(client, programme_x, programme_y):
    CohortFactory(programme=programme_y.programme, name="Cohort X")
    CohortFactory(programme=programme_x.programme, name="Second cohort")
    client.force_login(programme_x.facilitator)

    html = client.get(INDEX).content.decode()

    assert set(cells(html, "cohort_label")) == {"Cohort X"}
    assert "Programme Y" not in html


def test_filtered_to_one_cohort_the_heading_names_it_once(client, programme_x):
    second = CohortFactory(programme=programme_x.programme, name="Second cohort")
    ProgrammeSessionFactory(cohort=second, title="Second workshop")
    client.force_login(programme_x.facilitator)

    html = client.get(f"{INDEX}?cohort={programme_x.cohort.pk}").content.decode()

    assert column_headings(html) == ["Title", "Kind", "Starts", "Status"]
    assert re.search(r'<h1[^>]*>.*?Programme sessions.*?Cohort X.*?</h1>', html, flags=re.S)
    assert "Second workshop" not in html


def test_a_hand_edited_cohort_filter_names_no_other_programmes_cohort(client, programme_x, programme_y):
    client.force_login(programme_x.facilitator)

    html = client.get(f"{INDEX}?cohort={programme_y.cohort.pk}").content.decode()

    assert "Cohort Y" not in html
    assert "Y workshop" not in html


def test_the_list_gives_a_short_start_time(client, programme_x):
    session = programme_x.sessions[0]
    session.starts_at = datetime.datetime(2031, 2, 24, 9, 30, tzinfo=LONDON)
    session.save()
    client.force_login(programme_x.facilitator)

    html = client.get(INDEX).content.decode()

    # The day is held together (no-break spaces), so a narrow column breaks only before the time.
    assert "Mon\u00a024\u00a0Feb\u00a02031, 9:30am" in cells(html, "when")


def test_the_session_list_queries_do_not_grow_with_sessions(client, programme_x):
    """As a site administrator: for a facilitator, wagtail-modeladmin's
    permission helper also asks, for each row's buttons, whether they
    facilitate its programme (programme/admin/scoping.py), which this list
    does not change."""
    CohortFactory(programme=programme_x.programme, name="Second cohort")  # the cohort column is shown
    client.force_login(UserFactory(username="lists_root", is_superuser=True, is_staff=True))
    few = count_queries(client, INDEX)

    for n in range(40):
        ProgrammeSessionFactory(cohort=programme_x.cohort, title=f"Extra {n}", number=n + 10)
    many = count_queries(client, INDEX)

    assert few == many


def test_the_list_brings_its_stylesheet(client, programme_x):
    client.force_login(programme_x.facilitator)

    assert "programme/admin/lists.css" in client.get(INDEX).content.decode()
