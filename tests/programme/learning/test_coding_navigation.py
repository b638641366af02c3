"""Moving through many statements on the coding screen: the reading order
(programme/learning/coding.py coding_order, next_uncoded, page_beside), the
"next statement not coded yet" address, the buttons that save a page and move
to the next, the filters by words and theme, compact rows under one heading
per organisation, and a fixed number of queries at 300 statements."""
import re

from django.urls import reverse

from programme.enums import ReflectionKind, Section
from programme.learning.coding import CODED, UNCODED, coding_order, next_uncoded, page_beside, shown
from programme.learning.views_coding import PER_PAGE
from programme.models import CodedStatement
from tests.helpers import count_queries
from tests.programme.learning.coding_helpers import (
    codes,
    coding_url,
    reflection,
    save_form,
    statement_texts,
)

ORDER = [(1, True), (2, False), (3, True), (4, False), (5, True)]


def next_uncoded_url(cohort, **params):
    url = reverse("programme_admin:coding_next_uncoded", args=[cohort.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def many(world, count, *, prefix="Line"):
    """`count` more submitted statements from the third organisation, after
    the world's three (its name sorts last)."""
    return reflection(world.memberships[2], [f"{prefix} {n:03}" for n in range(count)])


def code_all(statements, theme):
    CodedStatement.objects.bulk_create(CodedStatement(statement=s, theme=theme) for s in statements)


# --------------------------------------------------------------------------- the pure functions


def test_shown_keeps_the_coded_or_the_uncoded():
    assert shown(ORDER) == [1, 2, 3, 4, 5]
    assert shown(ORDER, status=CODED) == [1, 3, 5]
    assert shown(ORDER, status=UNCODED) == [2, 4]


def test_next_uncoded_goes_forward_then_round_to_the_start():
    assert next_uncoded(ORDER) == 2
    assert next_uncoded(ORDER, after=2) == 4
    assert next_uncoded(ORDER, after=4) == 2  # round to the start: 2 was skipped
    assert next_uncoded(ORDER, after=999) == 2  # not in the order: from the start


def test_next_uncoded_is_none_when_everything_is_coded():
    assert next_uncoded([(1, True), (2, True)], after=1) is None
    assert next_uncoded([]) is None


def test_page_beside_lands_on_what_came_next_when_the_page_left_the_filter():
    # 7 statements, 2 to a page, "not coded yet" only. Page 1 showed 1 and 2;
    # both are now coded, so they have left the list: the next page is the
    # one that starts with 3, which is page 1 of what the filter shows now.
    order = [(1, True), (2, True), (3, False), (4, False), (5, False), (6, False), (7, False)]

    assert page_beside(order, status=UNCODED, first=1, last=2, forward=True, per_page=2) == 1
    assert page_beside(order, status=None, first=1, last=2, forward=True, per_page=2) == 2
    assert page_beside(order, status=UNCODED, first=5, last=6, forward=False, per_page=2) == 1
    assert page_beside(order, status=None, first=5, last=6, forward=False, per_page=2) == 2


def test_page_beside_stays_in_range_at_either_end():
    order = [(1, False), (2, False), (3, False)]

    assert page_beside(order, status=None, first=3, last=3, forward=True, per_page=2) == 2
    assert page_beside(order, status=None, first=1, last=1, forward=False, per_page=2) == 1
    assert page_beside([], status=None, first=1, last=1, forward=True, per_page=2) == 1


def test_coding_order_follows_the_filters_and_says_what_is_coded(world, themes):
    covid, funding = world.first
    CodedStatement.objects.create(statement=funding, theme=themes["funding"])

    assert coding_order(cohort=world.cohort) == [(covid.pk, False), (funding.pk, True), (world.second[0].pk, False)]
    assert coding_order(cohort=world.cohort, text="FUNDING") == [(funding.pk, True)]
    assert coding_order(cohort=world.cohort, theme_id=themes["funding"].pk) == [(funding.pk, True)]


# --------------------------------------------------------------------------- next statement not coded yet


def test_next_uncoded_address_goes_to_the_statement_on_its_page(world, themes, client):
    later = many(world, 60)
    code_all(later[:55], themes["covid"])  # statements 4 to 58 coded; 59 is the first not coded after them
    first_three = [*world.first, *world.second]
    code_all(first_three, themes["covid"])
    client.force_login(world.facilitator)

    response = client.get(next_uncoded_url(world.cohort))

    assert response.status_code == 302
    target = later[55]
    assert response.url == coding_url(world.cohort, page=2) + f"#statement-{target.pk}"
    assert f'id="statement-{target.pk}"' in client.get(coding_url(world.cohort, page=2)).content.decode()


def test_next_uncoded_address_goes_round_to_statements_skipped_earlier(world, themes, client):
    covid, funding = world.first
    code_all([funding, *world.second], themes["funding"])
    client.force_login(world.facilitator)

    response = client.get(next_uncoded_url(world.cohort, after=world.second[0].pk))

    assert response.url == coding_url(world.cohort) + f"#statement-{covid.pk}"


def test_next_uncoded_address_keeps_the_filters(world, client):
    client.force_login(world.facilitator)

    response = client.get(next_uncoded_url(world.cohort, section=Section.ENABLERS.value, status=UNCODED))

    assert response.url == coding_url(world.cohort, section="enablers", status="uncoded") + (
        f"#statement-{world.second[0].pk}"
    )


def test_next_uncoded_address_from_the_coded_filter_shows_the_statement_among_all(world, themes, client):
    covid, funding = world.first
    CodedStatement.objects.create(statement=covid, theme=themes["covid"])
    client.force_login(world.facilitator)

    response = client.get(next_uncoded_url(world.cohort, status=CODED))

    assert response.url == coding_url(world.cohort) + f"#statement-{funding.pk}"


def test_next_uncoded_address_says_when_everything_is_coded(world, themes, client):
    code_all([*world.first, *world.second], themes["covid"])
    client.force_login(world.facilitator)

    response = client.get(next_uncoded_url(world.cohort), follow=True)

    assert response.redirect_chain == [(coding_url(world.cohort), 302)]
    assert "Every statement shown here is coded." in response.content.decode()


def test_next_uncoded_address_ignores_a_hand_edited_after(world, programme_y, client):
    theirs = reflection(programme_y.memberships[0], ["Y's statement"])[0]
    client.force_login(world.facilitator)

    for after in ("nonsense", str(theirs.pk), "-1"):
        response = client.get(next_uncoded_url(world.cohort, after=after))
        assert response.url == coding_url(world.cohort) + f"#statement-{world.first[0].pk}"


def test_next_uncoded_address_of_another_programme_is_404(world, programme_y, client):
    client.force_login(programme_y.facilitator)

    assert client.get(next_uncoded_url(world.cohort)).status_code == 404


def test_the_page_links_next_uncoded_from_the_top_of_the_page(world, client):
    later = many(world, 60)
    client.force_login(world.facilitator)

    first = client.get(coding_url(world.cohort)).content.decode()
    second = client.get(coding_url(world.cohort, page=2)).content.decode()

    assert f'href="{next_uncoded_url(world.cohort)}" data-coding-next-uncoded' in first
    # Page 2 starts with the 51st statement: the search starts just before it.
    assert f'href="{next_uncoded_url(world.cohort, after=later[46].pk)}" data-coding-next-uncoded' in second


def test_next_uncoded_queries_do_not_grow_with_statements(world, themes, client):
    client.force_login(world.facilitator)
    url = next_uncoded_url(world.cohort)

    def queries():
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 302
        return len(context.captured_queries)

    with_three = queries()
    code_all(many(world, 300), themes["covid"])
    assert queries() == with_three


# --------------------------------------------------------------------------- moving between pages saves first


def test_save_and_go_to_the_next_page_saves_then_moves(world, themes, client):
    statements = [*world.first, *world.second, *many(world, 60)]
    page_one = statements[:PER_PAGE]
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {
        **save_form(page_one, {page_one[0]: [themes["covid"]]}), "go": "next",
    })

    assert response.status_code == 302
    assert response.url == coding_url(world.cohort, page=2)
    assert codes(page_one[0]) == {"Coding: Covid restrictions"}


def test_save_and_go_to_the_next_page_of_the_uncoded_skips_nothing(world, themes, client):
    # Coding the whole first page of "not coded yet" takes it out of that
    # list: the next page is then the new page 1, which starts with the 51st.
    statements = [*world.first, *world.second, *many(world, 60)]
    page_one = statements[:PER_PAGE]
    client.force_login(world.facilitator)
    url = coding_url(world.cohort, status=UNCODED, page=1)

    response = client.post(url, {
        **save_form(page_one, {statement: [themes["covid"]] for statement in page_one}), "go": "next",
    })

    assert response.url == coding_url(world.cohort, status=UNCODED)
    assert statement_texts(client.get(response.url))[0] == statements[PER_PAGE].text


def test_save_and_go_to_the_previous_page(world, themes, client):
    statements = [*world.first, *world.second, *many(world, 60)]
    page_two = statements[PER_PAGE:]
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort, page=2), {**save_form(page_two, {}), "go": "previous"})

    assert response.url == coding_url(world.cohort)


def test_a_refused_save_does_not_move_to_another_page(world, programme_y, themes, client):
    theirs = reflection(programme_y.memberships[0], ["Y's statement"])[0]
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort), {**save_form([world.first[0], theirs], {}), "go": "next"})

    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()


def test_saving_returns_to_the_statement_the_facilitator_was_on(world, themes, client):
    statement = world.first[1]
    client.force_login(world.facilitator)

    response = client.post(coding_url(world.cohort, section="challenges"), {
        **save_form(world.first, {}), "focus": str(statement.pk),
    })

    assert response.url == coding_url(world.cohort, section="challenges") + f"#statement-{statement.pk}"


# --------------------------------------------------------------------------- filters and rows


def test_coding_screen_filters_by_words(world, client):
    client.force_login(world.facilitator)

    response = client.get(coding_url(world.cohort, q="covid"))

    assert statement_texts(response) == ["Covid restrictions delayed our employer event"]


def test_coding_screen_filters_by_theme(world, themes, client):
    CodedStatement.objects.create(statement=world.second[0], theme=themes["senior"])
    client.force_login(world.facilitator)

    response = client.get(coding_url(world.cohort, theme=themes["senior"].pk))

    assert statement_texts(response) == ["Senior managers gave us time"]


def test_coding_screen_names_each_organisation_once_above_its_statements(world, client):
    reflection(world.memberships[0], ["A second check-in"], kind=ReflectionKind.CHECK_IN)
    client.force_login(world.facilitator)

    html = client.get(coding_url(world.cohort)).content.decode()

    headings = re.findall(r'<h3 class="coding-group__heading"[^>]*>(.*?)</h3>', html, flags=re.S)
    assert [" ".join(re.sub("<[^>]+>", "", heading).split()) for heading in headings] == [
        "X Council 0 · Progress check-in", "X Council 0 · Progress check-in", "X Council 1 · Progress check-in",
    ]
    one = world.memberships[0].organisation.name
    assert html.count(f"<strong>{one}</strong>") == 0  # not repeated on the rows


def test_coding_screen_numbers_the_rows_across_pages(world, client):
    many(world, 60)
    client.force_login(world.facilitator)

    html = client.get(coding_url(world.cohort, page=2)).content.decode()

    assert re.findall(r'<span class="coding-number">(\d+)\.</span>', html)[:2] == ["51", "52"]


def test_coding_screen_queries_are_the_same_at_one_and_at_three_hundred_statements(world, themes, client):
    """One statement of the organisation on the page, then a full page out
    of 300 (a third coded, so some ticked, some suggested, some not)."""
    client.force_login(world.facilitator)
    url = coding_url(world.cohort, organisation=world.memberships[2].organisation.pk)
    code_all(many(world, 1, prefix="First"), themes["covid"])
    with_one = count_queries(client, url)

    more = many(world, 299)
    code_all(more[::3], themes["covid"])
    with_three_hundred = count_queries(client, url)

    assert len(statement_texts(client.get(url))) == PER_PAGE
    assert with_one == with_three_hundred
