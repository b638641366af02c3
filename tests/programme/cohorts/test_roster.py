"""Importing a cohort's organisations and participants from CSV: the checks
each row gets (programme/imports.py), and the upload → preview → confirm
screens (programme/cohorts/views_roster.py), including who may use them."""
import codecs
import io
import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programme.cohorts.roster import (
    MAX_BYTES,
    MAX_ROWS,
    RosterFileError,
    RosterHasProblems,
    apply_roster,
    parse_roster,
)
from programme.cohorts.views_roster import TEMPLATE_CSV, sign_preview
from programme.enums import LAType, MembershipStatus, Region
from programme.models import Membership, Organisation, Participant
from tests.factories import OrganisationFactory, ParticipantFactory

HEADER = "organisation,participant_name,email,role"


def csv_bytes(*lines, header=HEADER, encoding="utf-8"):
    return ("\r\n".join([header, *lines]) + "\r\n").encode(encoding)


def upload(data, name="roster.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def counts():
    return (Participant.objects.count(), Membership.objects.count(), Organisation.objects.count())


def import_url(cohort):
    return reverse("programme_admin:import_roster", args=[cohort.pk])


def confirm_url(cohort):
    return reverse("programme_admin:import_confirm", args=[cohort.pk])


def parse(cohort, data, *, create=False):
    return parse_roster(file=io.BytesIO(data), cohort=cohort, create_organisations=create)


def problems_of(preview):
    return {row.number: row.problems for row in preview.rows if row.problems}


def row_html(response, number):
    match = re.search(rf'<tr id="row-{number}".*?</tr>', response.content.decode(), re.S)
    assert match, f"row {number} not in the preview"
    return match.group(0)


@pytest.fixture
def good_csv(programme_x):
    """Four rows: two for an organisation already in the cohort, one for an
    organisation in the directory but not the cohort, one written differently."""
    OrganisationFactory(name="Northshire County Council")
    return csv_bytes(
        "X Council 0,Asha Patel,asha@x0.example.org,Virtual School",
        "x council 0 ,Ben Okafor,ben@x0.example.org,Leaving care",
        "Northshire County Council,Cara Jones,cara@northshire.example.org,HR",
        "The Northshire County Council,Dev Shah,dev@northshire.example.org,Regeneration",
    )


# Parsing: each row's problems, nothing saved -------------------------------


def test_parse_roster_good_file_has_no_problems_and_saves_nothing(programme_x, good_csv):
    before = counts()

    preview = parse(programme_x.cohort, good_csv)

    assert problems_of(preview) == {}
    assert [row.number for row in preview.rows] == [2, 3, 4, 5]
    assert (preview.ok_count, preview.error_count, preview.organisation_count) == (4, 0, 2)
    assert counts() == before


def test_parse_roster_matches_organisations_by_name_case_the_and_slug(programme_x):
    council = OrganisationFactory(name="The Royal Borough of Example")
    data = csv_bytes(
        "royal borough of example,A,a@example.org,",
        "  THE ROYAL BOROUGH OF EXAMPLE  ,B,b@example.org,",
        "the-royal-borough-of-example,C,c@example.org,",
    )

    preview = parse(programme_x.cohort, data)

    assert [row.organisation for row in preview.rows] == [council, council, council]
    assert problems_of(preview) == {}


def test_parse_roster_matches_names_differing_only_in_punctuation(programme_x):
    st_helens = OrganisationFactory(name="St Helens Council")

    preview = parse(programme_x.cohort, csv_bytes("St. Helens Council,A,a@example.org,"), create=True)

    assert preview.rows[0].organisation == st_helens
    assert preview.new_organisations == {}


def test_parse_roster_prefers_the_exact_name_and_flags_ambiguous_ones(programme_x):
    the_trust = OrganisationFactory(name="The Foo Trust", kind="voluntary", la_type="")
    OrganisationFactory(name="Foo Trust", kind="voluntary", la_type="")
    OrganisationFactory(name="FOO TRUST", slug="foo-trust-2", kind="voluntary", la_type="")
    data = csv_bytes("the foo trust,A,a@example.org,", "foo trust,B,b@example.org,")

    preview = parse(programme_x.cohort, data, create=True)

    assert preview.rows[0].organisation == the_trust
    assert problems_of(preview) == {
        3: ["“foo trust” could be “FOO TRUST” or “Foo Trust” or “The Foo Trust”: "
            "use the organisation’s full name"],
    }


def test_parse_roster_explains_each_bad_value(programme_x):
    data = csv_bytes(
        "X Council 0,,nameless@example.org,HR,,,,",
        "X Council 0,Bob,bob@,HR,,,,",
        "X Council 0,Cy,cy@example.org,HR,shire,,",
        "X Council 0,Di,di@example.org,HR,,Atlantis,",
        "X Council 0,Ed,ed@example.org,HR,,,maybe",
        header=HEADER + ",la_type,region,membership_status",
    )

    preview = parse(programme_x.cohort, data)

    assert problems_of(preview) == {
        2: ["Missing participant name"],
        3: ["“bob@” is not a valid email address"],
        4: ["Unknown LA type “shire”: use county, unitary, metropolitan, london_borough or district"],
        5: ["Unknown region “Atlantis”: use " + ", ".join(Region.values[:-1]) + " or national"],
        6: ["Unknown membership status “maybe”: use invited, applied, accepted, declined or withdrawn"],
    }


def test_parse_roster_flags_duplicates_within_the_file(programme_x):
    data = csv_bytes(
        "X Council 1,Asha,asha@example.org,HR",
        "X Council 1,Asha again,ASHA@example.org ,HR",
        "X Council 2,Asha,asha@example.org,HR",  # another organisation: allowed
    )

    preview = parse(programme_x.cohort, data)

    assert problems_of(preview) == {3: ["Duplicate of row 2 (same email in the same organisation)"]}


def test_parse_roster_flags_participants_already_in_the_cohort(programme_x):
    existing = programme_x.participants[0]
    organisation = existing.membership.organisation
    data = csv_bytes(f"{organisation.name},Someone,{existing.email.upper()},HR")

    preview = parse(programme_x.cohort, data)

    assert problems_of(preview) == {2: ["Already registered for this cohort"]}


def test_parse_roster_does_not_count_other_cohorts_registrations(programme_x, programme_y):
    elsewhere = ParticipantFactory(
        membership__cohort=programme_y.cohort,
        membership__organisation=programme_x.memberships[0].organisation,
    )
    data = csv_bytes(f"X Council 0,Someone,{elsewhere.email},HR")

    assert problems_of(parse(programme_x.cohort, data)) == {}


def test_parse_roster_unknown_organisation_without_create_flag_is_a_problem(programme_x):
    preview = parse(programme_x.cohort, csv_bytes("Foo,Ann,ann@foo.example.org,HR"))

    assert problems_of(preview) == {
        2: ["Unknown organisation “Foo” (tick ‘create missing organisations’ to add it)"]
    }


def test_parse_roster_unknown_organisation_with_create_flag_is_new(programme_x):
    data = csv_bytes(
        "Foo Council,Ann,ann@foo.example.org,HR,county,london",
        "foo council,Bea,bea@foo.example.org,HR,,",
        header=HEADER + ",la_type,region",
    )

    preview = parse(programme_x.cohort, data, create=True)

    assert problems_of(preview) == {}
    assert [row.new_organisation for row in preview.rows] == ["foo-council", "foo-council"]
    assert preview.new_organisation_count == 1
    assert Organisation.objects.filter(name__iexact="foo council").exists() is False


def test_parse_roster_accepts_utf8_with_bom(programme_x):
    data = codecs.BOM_UTF8 + csv_bytes("X Council 0,Zoë Brontë,zoe@example.org,Virtual School")

    preview = parse(programme_x.cohort, data)

    assert problems_of(preview) == {}
    assert preview.rows[0].values["participant_name"] == "Zoë Brontë"


def test_parse_roster_accepts_excel_cp1252(programme_x):
    data = csv_bytes("X Council 0,Zoë O’Brien,zoe@example.org,Leaving care – 16+", encoding="cp1252")

    preview = parse(programme_x.cohort, data)

    assert problems_of(preview) == {}
    assert preview.rows[0].values["participant_name"] == "Zoë O’Brien"
    assert preview.rows[0].values["role"] == "Leaving care – 16+"


def test_parse_roster_accepts_columns_in_any_order_and_case(programme_x):
    data = csv_bytes(
        "HR,ann@example.org,Ann,X Council 0,07700 900000",
        header="ROLE, Email ,Participant Name,Organisation,phone",
    )

    row = parse(programme_x.cohort, data).rows[0]

    assert row.values == {
        "role": "HR", "email": "ann@example.org", "participant_name": "Ann",
        "organisation": "X Council 0", "phone": "07700 900000",
    }


def test_parse_roster_keeps_formula_like_values_as_text(programme_x):
    data = csv_bytes('X Council 0,"=HYPERLINK(""http://evil"")",ann@example.org,+44 role')

    row = parse(programme_x.cohort, data).rows[0]

    assert row.values["participant_name"] == '=HYPERLINK("http://evil")'
    assert row.values["role"] == "+44 role"


def test_parse_roster_missing_columns_is_a_file_error(programme_x):
    with pytest.raises(RosterFileError, match="Missing: email, role"):
        parse(programme_x.cohort, csv_bytes("X Council 0,Ann", header="organisation,participant_name"))


def test_parse_roster_workbook_is_a_file_error(programme_x):
    with pytest.raises(RosterFileError, match="not a CSV file"):
        parse(programme_x.cohort, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100)


def test_parse_roster_too_many_rows_is_a_file_error(programme_x):
    lines = [f"X Council 0,Person {n},p{n}@example.org,HR" for n in range(MAX_ROWS + 1)]

    with pytest.raises(RosterFileError, match="more than 2,000 rows"):
        parse(programme_x.cohort, csv_bytes(*lines))


def test_parse_roster_queries_do_not_grow_with_rows(programme_x, django_assert_num_queries):
    one = csv_bytes("X Council 0,Ann,ann@example.org,HR")
    many = csv_bytes(*[f"X Council {n % 3},P{n},p{n}@example.org,HR" for n in range(200)])

    with django_assert_num_queries(3):
        parse(programme_x.cohort, one)
    with django_assert_num_queries(3):
        parse(programme_x.cohort, many)


def test_template_csv_parses_cleanly_with_create_flag(programme_x):
    preview = parse(programme_x.cohort, TEMPLATE_CSV.read_bytes(), create=True)

    assert preview.error_count == 0
    assert preview.columns == [
        "organisation", "participant_name", "email", "role", "phone", "la_type", "region",
        "membership_status", "breakout_tags",
    ]


# Applying: all or nothing ----------------------------------------------------


def test_apply_roster_saves_organisations_memberships_participants_and_tags(programme_x):
    cohort = programme_x.cohort
    data = csv_bytes(
        "X Council 0,Ann,ann@example.org,HR,,,,",
        "Foo Council,Bea,bea@foo.example.org,Virtual School,county,london,applied,large UASC cohort; rural",
        "foo council,Cal,cal@foo.example.org,,,,,rural",
        header=HEADER + ",la_type,region,membership_status,breakout_tags",
    )
    preview = parse(cohort, data, create=True)

    result = apply_roster(preview=preview, cohort=cohort, user=programme_x.facilitator)

    assert (result.participants, result.organisations) == (3, 2)
    assert (result.organisations_created, result.memberships_created) == (1, 1)
    foo = Organisation.objects.get(name="Foo Council")
    assert (foo.slug, foo.la_type, foo.region) == ("foo-council", LAType.COUNTY, Region.LONDON)
    membership = Membership.objects.get(cohort=cohort, organisation=foo)
    assert membership.status == MembershipStatus.APPLIED
    assert sorted(membership.group_tags.names()) == ["large UASC cohort", "rural"]
    assert sorted(membership.participants.values_list("name", flat=True)) == ["Bea", "Cal"]
    assert programme_x.memberships[0].participants.filter(email="ann@example.org").exists()


def test_apply_roster_new_membership_defaults_to_accepted(programme_x):
    other = OrganisationFactory(name="Westshire Council")
    preview = parse(programme_x.cohort, csv_bytes("Westshire Council,Ann,ann@example.org,HR"))

    apply_roster(preview=preview, cohort=programme_x.cohort, user=programme_x.facilitator)

    assert Membership.objects.get(organisation=other).status == MembershipStatus.ACCEPTED


def test_apply_roster_with_a_bad_row_saves_nothing(programme_x):
    data = csv_bytes(
        "Foo Council,Ann,ann@foo.example.org,HR",
        "X Council 0,Bob,bob@,HR",
    )
    preview = parse(programme_x.cohort, data, create=True)
    before = counts()

    with pytest.raises(RosterHasProblems, match="1 of 2 rows have problems"):
        apply_roster(preview=preview, cohort=programme_x.cohort, user=programme_x.facilitator)

    assert counts() == before


def test_apply_roster_rolls_back_everything_when_data_changed_since_preview(programme_x):
    preview = parse(
        programme_x.cohort,
        csv_bytes("Foo Council,Ann,ann@foo.example.org,HR", "X Council 0,Bob,bob@example.org,HR"),
        create=True,
    )
    ParticipantFactory(membership=programme_x.memberships[0], email="bob@example.org")
    before = counts()

    with pytest.raises(RosterHasProblems, match="changed"):
        apply_roster(preview=preview, cohort=programme_x.cohort, user=programme_x.facilitator)

    assert counts() == before
    assert not Organisation.objects.filter(name="Foo Council").exists()


def test_apply_roster_refuses_another_programmes_facilitator(programme_x, programme_y):
    from django.core.exceptions import PermissionDenied

    preview = parse(programme_x.cohort, csv_bytes("X Council 0,Ann,ann@example.org,HR"))
    before = counts()

    with pytest.raises(PermissionDenied):
        apply_roster(preview=preview, cohort=programme_x.cohort, user=programme_y.facilitator)

    assert counts() == before


# The screens -----------------------------------------------------------------


def test_import_roster_get_shows_upload_form_and_template_link(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)

    response = client.get(import_url(programme_x.cohort))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'type="file"' in content
    assert 'name="create_organisations"' in content
    assert reverse("programme_admin:import_template") in content


def test_import_template_downloads_csv(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)

    response = client.get(reverse("programme_admin:import_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert b"".join(response.streaming_content) == TEMPLATE_CSV.read_bytes()


def test_import_preview_shows_rows_and_saves_nothing_until_confirmed(
    programme_x, good_csv, facilitator_client
):
    client = facilitator_client(programme_x.facilitator)
    before = counts()

    response = client.post(import_url(programme_x.cohort), {"file": upload(good_csv)})

    assert response.status_code == 200
    assert counts() == before
    content = response.content.decode()
    assert "4 rows ready, 0 with problems" in content
    assert "Cara Jones" in row_html(response, 4)
    assert f'action="{confirm_url(programme_x.cohort)}"' in content

    confirmed = client.post(confirm_url(programme_x.cohort), {"payload": response.context["payload"]})

    assert confirmed.status_code == 302
    assert counts() == (before[0] + 4, before[1] + 1, before[2])
    northshire = Organisation.objects.get(name="Northshire County Council")
    assert sorted(
        Participant.objects.filter(membership__organisation=northshire).values_list("name", flat=True)
    ) == ["Cara Jones", "Dev Shah"]
    followed = client.get(confirmed["Location"])
    assert followed.status_code == 200
    assert "Imported 4 participants from 2 organisations" in followed.content.decode()


def test_import_preview_with_a_bad_row_lists_it_and_confirm_saves_nothing(
    programme_x, facilitator_client
):
    client = facilitator_client(programme_x.facilitator)
    data = csv_bytes(
        "X Council 0,Ann,ann@example.org,HR",
        "X Council 0,Bob,bob@,HR",
        "X Council 1,Cy,cy@example.org,HR",
    )
    before = counts()

    response = client.post(import_url(programme_x.cohort), {"file": upload(data)})

    assert response.status_code == 200
    assert "2 rows ready, 1 with problems" in response.content.decode()
    assert "“bob@” is not a valid email address" in row_html(response, 3)
    assert "not a valid email" not in row_html(response, 2)
    assert response.context["payload"] == ""
    assert 'name="payload"' not in response.content.decode()

    # Even a correctly signed payload of this file saves nothing.
    preview = parse(programme_x.cohort, data)
    payload = sign_preview(preview, programme_x.facilitator)
    confirmed = client.post(confirm_url(programme_x.cohort), {"payload": payload})

    assert confirmed.status_code == 200
    assert "Nothing was imported" in confirmed.content.decode()
    assert counts() == before


def test_import_unknown_organisation_without_and_with_create_flag(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)
    data = csv_bytes("Foo Council,Ann,ann@foo.example.org,HR")
    before = counts()

    refused = client.post(import_url(programme_x.cohort), {"file": upload(data)})

    assert "Unknown organisation “Foo Council”" in row_html(refused, 2)
    assert refused.context["payload"] == ""

    allowed = client.post(
        import_url(programme_x.cohort), {"file": upload(data), "create_organisations": "on"}
    )
    assert "New organisation" in row_html(allowed, 2)
    assert counts() == before

    client.post(confirm_url(programme_x.cohort), {"payload": allowed.context["payload"]})

    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert Membership.objects.get(organisation__name="Foo Council").cohort == programme_x.cohort


def test_import_preview_escapes_html_in_values(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)
    data = csv_bytes('X Council 0,<script>alert("x")</script>,ann@example.org,<b>HR</b>')

    response = client.post(import_url(programme_x.cohort), {"file": upload(data)})

    html = row_html(response, 2)
    assert "<script>" not in response.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;HR&lt;/b&gt;" in html


def test_import_bom_and_cp1252_files_through_the_screen(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)
    for data in (
        codecs.BOM_UTF8 + csv_bytes("X Council 0,Zoë,zoe@example.org,HR"),
        csv_bytes("X Council 0,Zoë,zoe@example.org,HR", encoding="cp1252"),
    ):
        response = client.post(import_url(programme_x.cohort), {"file": upload(data)})

        assert "1 row ready, 0 with problems" in response.content.decode()
        assert "Zoë" in row_html(response, 2)


def test_import_oversize_file_gets_a_clear_error(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)
    data = csv_bytes("X Council 0,Ann,ann@example.org,HR") + b"#" * MAX_BYTES
    before = counts()

    response = client.post(import_url(programme_x.cohort), {"file": upload(data)})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is larger than 2 MB. This file is 2.0 MB. Split it into smaller files "
        "(up to 2,000 rows each) and import each one."
    ]
    assert "The file is larger than 2 MB" in response.content.decode()
    assert counts() == before


def test_import_non_csv_file_gets_a_clear_error(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)
    workbook = b"PK\x03\x04" + b"\x00" * 200

    response = client.post(import_url(programme_x.cohort), {"file": upload(workbook, "roster.xlsx")})

    assert "This is an Excel or spreadsheet workbook, not a CSV file" in response.context["form"].errors["file"][0]


def test_import_confirm_with_tampered_payload_is_400_and_saves_nothing(
    programme_x, good_csv, facilitator_client
):
    client = facilitator_client(programme_x.facilitator)
    response = client.post(import_url(programme_x.cohort), {"file": upload(good_csv)})
    payload = response.context["payload"]
    forged = signing.dumps(
        {"cohort": programme_x.cohort.pk, "user": programme_x.facilitator.pk, "create": True,
         "csv": "organisation,participant_name,email,role\nEvil Org,Eve,eve@example.org,HR\n"},
        salt="not-the-right-salt", compress=True,
    )
    before = counts()

    for bad in (payload[:-2] + ("AA" if not payload.endswith("AA") else "BB"), forged, "", "junk"):
        confirmed = client.post(confirm_url(programme_x.cohort), {"payload": bad})

        assert confirmed.status_code == 400
        assert "Nothing was imported" in confirmed.content.decode()
    assert counts() == before


def test_import_confirm_payload_is_bound_to_its_cohort(programme_x, facilitator_client):
    from tests.factories import CohortFactory

    other_cohort = CohortFactory(programme=programme_x.programme)
    client = facilitator_client(programme_x.facilitator)
    preview = parse(programme_x.cohort, csv_bytes("X Council 0,Ann,ann@example.org,HR"))
    before = counts()

    confirmed = client.post(
        confirm_url(other_cohort), {"payload": sign_preview(preview, programme_x.facilitator)}
    )

    assert confirmed.status_code == 400
    assert counts() == before


def test_import_by_another_programmes_facilitator_is_404_and_saves_nothing(
    programme_x, programme_y, good_csv, facilitator_client
):
    client = facilitator_client(programme_y.facilitator)
    preview = parse(programme_x.cohort, good_csv)
    before = counts()

    assert client.get(import_url(programme_x.cohort)).status_code == 404
    assert client.post(import_url(programme_x.cohort), {"file": upload(good_csv)}).status_code == 404
    for user in (programme_x.facilitator, programme_y.facilitator):
        payload = sign_preview(preview, user)
        assert client.post(confirm_url(programme_x.cohort), {"payload": payload}).status_code == 404
    assert counts() == before


def test_import_unknown_cohort_is_404(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)

    assert client.get(reverse("programme_admin:import_roster", args=[999999])).status_code == 404
    assert client.post(reverse("programme_admin:import_confirm", args=[999999])).status_code == 404


def test_import_confirm_of_an_old_preview_asks_for_the_file_again(
    programme_x, facilitator_client, monkeypatch
):
    from programme.cohorts import views_roster as views

    client = facilitator_client(programme_x.facilitator)
    preview = parse(programme_x.cohort, csv_bytes("X Council 0,Ann,ann@example.org,HR"))
    payload = sign_preview(preview, programme_x.facilitator)
    monkeypatch.setattr(views, "PREVIEW_MAX_AGE", -1)
    before = counts()

    response = client.post(confirm_url(programme_x.cohort), {"payload": payload})

    assert response.status_code == 302
    assert response["Location"] == import_url(programme_x.cohort)
    assert "more than two hours old" in client.get(response["Location"]).content.decode()
    assert counts() == before


def test_import_confirm_refuses_get(programme_x, facilitator_client):
    client = facilitator_client(programme_x.facilitator)

    assert client.get(confirm_url(programme_x.cohort)).status_code == 405


def test_import_anonymous_is_sent_to_login(programme_x, client):
    for url in (import_url(programme_x.cohort), confirm_url(programme_x.cohort),
                reverse("programme_admin:import_template")):
        response = client.post(url) if "confirm" in url else client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
