"""The load test's PostgreSQL database and the data it starts from.

The database named in LOADTEST_DATABASE_URL is created for the run and
dropped after it. Only a name ending in `_load` is ever dropped (a stale one
left by a crashed run is dropped and created afresh); any other name is used as
it is and left in place, so a mistyped address cannot delete real data. Every
row the run adds carries a run number, so it can share a database with earlier
runs' rows."""
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote, urlsplit

DEFAULT_URL = "postgres://ci:ci@127.0.0.1:5432/peerlearning_load"
OWN_SUFFIX = "_load"
PASSWORD = "load-test-participant-2026"

# (name, role) of the people an organisation sends: the first two or all three.
PEOPLE = [("Leaving care lead", "Leaving care"), ("HR partner", "Human resources"),
          ("Virtual School head", "Virtual School")]
PLACES = [
    "Ashford", "Blackmoor", "Bramley", "Castleton", "Dunmore", "Eastwick", "Fernhill", "Glenfield",
    "Harrowgate", "Highcliffe", "Kingsmere", "Langley", "Marshfield", "Newbridge", "Northwold",
    "Oakham Vale", "Pemberton", "Queensbury", "Redmoor", "Riverside", "Saltash", "Southmead",
    "Stonebridge", "Thornbury", "Upton", "Wakeford", "Westmarsh", "Whitcombe", "Woodhurst",
    "Yarnfield", "Ashcombe", "Birchfield", "Coldharbour", "Deepdale", "Elmstead", "Foxley",
    "Greystone", "Hartwell", "Ivybridge", "Larkhill",
]


class NoDatabase(Exception):
    """PostgreSQL is not reachable, or the address is not a PostgreSQL one."""


@dataclass
class Person:
    username: str
    user_id: int
    organisation: str
    index: int  # 0, 1, 2 within the organisation
    session_key: str = ""  # set when they start the run already signed in


@dataclass
class Organisation:
    name: str
    membership_id: int
    people: list = field(default_factory=list)


def _parts(url):
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise NoDatabase(f"LOADTEST_DATABASE_URL must be a postgres:// address, not {parts.scheme or url!r}")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise NoDatabase("LOADTEST_DATABASE_URL names no database")
    return {
        "host": parts.hostname or "127.0.0.1", "port": parts.port or 5432,
        "user": unquote(parts.username or ""), "password": unquote(parts.password or ""),
    }, name


def _connect(params, dbname):
    import psycopg

    try:
        return psycopg.connect(dbname=dbname, connect_timeout=5, autocommit=True, **params)
    except psycopg.OperationalError as exc:
        raise NoDatabase(
            f"cannot connect to PostgreSQL at {params['host']}:{params['port']} as "
            f"{params['user'] or '(no user)'} (database {dbname}): {' '.join(str(exc).split())}"
        ) from exc


def prepare_database(url, say):
    """Make sure the database exists and is reachable. Returns True when this
    run created it (and so should drop it at the end)."""
    import psycopg
    from psycopg import sql

    params, name = _parts(url)
    own = name.endswith(OWN_SUFFIX)
    try:
        admin = _connect(params, "postgres")
    except NoDatabase:
        # No maintenance database to create from: use the named one as it is.
        _connect(params, name).close()
        say(f"database: using {name} as it is (cannot reach the postgres database to create one)")
        return False
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        try:
            if exists and own:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                say(f"database: dropped {name} left by an earlier run")
            if own or not exists:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                say(f"database: created {name} on {params['host']}:{params['port']}")
                return True
        except psycopg.errors.InsufficientPrivilege as exc:
            if not exists:
                raise NoDatabase(f"database {name} does not exist and {params['user']} may not create it") from exc
            say(f"database: using {name} as it is ({params['user']} may not drop and create it)")
            return False
    _connect(params, name).close()
    say(f"database: using {name} as it is (its name does not end in {OWN_SUFFIX}, so it is never dropped)")
    return False


def drop_database(url, say):
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    params, name = _parts(url)
    with _connect(params, "postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    say(f"database: dropped {name}")


def migrate_and_load_demo(say):
    import io

    from django.core.management import call_command

    from demo.loading import load_demo

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    say(f"setup: migrate took {time.perf_counter() - began:.1f}s")
    began = time.perf_counter()
    load_demo()  # the demo app is not installed under production settings; its loader needs it not
    say(f"setup: load_demo took {time.perf_counter() - began:.1f}s")


def build_cohort(*, run, organisations, form_logins, say):
    """A running programme with one cohort of `organisations` councils, each
    with two or three participants who have portal logins; the plan and report
    deadlines are weeks away. Every person shares one password hash, made once
    (PBKDF2 at Django's full strength costs most of a second per hash).

    People who do not sign in through the form during the run start with a
    session made here, as someone who signed in earlier the same week would.
    Returns the organisations, each with its people."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from programme.enums import (
        LAType,
        MembershipStatus,
        OrganisationKind,
        ProgrammeStatus,
        Region,
        SessionKind,
    )
    from programme.models import Cohort, Membership, Participant, Programme, ProgrammeSession, User
    from programme.models import Organisation as OrganisationRow

    began = time.perf_counter()
    now = timezone.now()
    password_hash = make_password(PASSWORD)
    regions = [r for r in Region.values if r not in ("wales", "scotland", "northern-ireland", "national")]
    la_types = list(LAType.values)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    result = []
    with transaction.atomic():
        programme = Programme.objects.create(
            title=f"Load test programme {run}", slug=f"load-test-{run}",
            host="National Leaving Care Benchmarking Forum", status=ProgrammeStatus.RUNNING,
            starts_on=(now - timedelta(days=30)).date(), ends_on=(now + timedelta(days=300)).date(),
        )
        cohort = Cohort.objects.create(
            programme=programme, name=f"Load test cohort {run}",
            starts_on=(now - timedelta(days=30)).date(), ends_on=(now + timedelta(days=300)).date(),
            plan_deadline=now + timedelta(days=21), report_deadline=now + timedelta(days=280),
        )
        for number, (kind, days) in enumerate(
            [(SessionKind.BRIEFING, -20), (SessionKind.WORKSHOP, -6), (SessionKind.WORKSHOP, 14),
             (SessionKind.WORKSHOP, 42), (SessionKind.REVIEW, 270)], start=1,
        ):
            starts = (now + timedelta(days=days)).replace(hour=9, minute=30, second=0, microsecond=0)
            ProgrammeSession.objects.create(
                cohort=cohort, kind=kind, number=number, title=f"Load test session {number}",
                starts_at=starts, ends_at=starts + timedelta(hours=3), join_url="https://meet.example.org/load",
            )
        for i in range(organisations):
            place = PLACES[i % len(PLACES)] + (f" {i // len(PLACES) + 1}" if i >= len(PLACES) else "")
            la_type = la_types[i % len(la_types)]
            organisation = OrganisationRow.objects.create(
                name=f"{place} Council (load test {run})", slug=f"load-{run}-{i}",
                kind=OrganisationKind.LOCAL_AUTHORITY, la_type=la_type, region=regions[i % len(regions)],
            )
            membership = Membership.objects.create(
                cohort=cohort, organisation=organisation, status=MembershipStatus.ACCEPTED,
            )
            entry = Organisation(name=organisation.name, membership_id=membership.pk)
            for index, (title, role) in enumerate(PEOPLE[: 2 + (i % 2)]):
                username = f"load{run}-{i}-{index}"
                user = User.objects.create(
                    username=username, password=password_hash, first_name=title, last_name=place,
                    email=f"{username}@council.example.org",
                )
                Participant.objects.create(
                    membership=membership, user=user, name=f"{title}, {place}", role=role,
                    email=user.email,
                )
                entry.people.append(Person(username=username, user_id=user.pk, organisation=organisation.name,
                                           index=index))
            result.append(entry)

        # Who signs in through the form: `form_logins` people spread evenly over
        # the cohort; everyone else has a session already.
        people = [person for entry in result for person in entry.people]
        form_logins = min(form_logins, len(people))
        chosen = {k * len(people) // form_logins for k in range(form_logins)} if form_logins else set()
        for position, person in enumerate(people):
            if position in chosen:
                continue
            user = User.objects.get(pk=person.user_id)
            session = store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            person.session_key = session.session_key
    say(f"setup: cohort of {len(result)} organisations, {len(people)} participants "
        f"({len(chosen)} sign in through the login form during the run, the rest arrive signed in) "
        f"in {time.perf_counter() - began:.1f}s")
    return result


def public_paths():
    """The public pages visitors move between: the home page, the case study
    index unfiltered and filtered each way, every case study, the resource
    index, and searches."""
    from urllib.parse import quote_plus

    from resources.listing import CaseStudyFilterForm
    from resources.models import CaseStudyIndexPage, CaseStudyPage, ResourceIndexPage

    index = CaseStudyIndexPage.objects.live().first()
    resources = ResourceIndexPage.objects.live().first()
    form = CaseStudyFilterForm()
    filtered = [
        f"{index.url}?{name}={value}"
        for name in ("topic", "tag", "region", "organisation")
        for value, _ in form.fields[name].choices if value
    ]
    case_studies = [page.url for page in CaseStudyPage.objects.live().order_by("path")]
    searches = [f"/search/?q={quote_plus(q)}" for q in (
        "apprenticeship", "employer", "internship", "care leaver covenant", "mentoring",
        "social value", "Virtual School", "work experience", "immigration", "housing",
    )]
    return {
        "home": ["/"],
        "index": [index.url, resources.url] if resources else [index.url],
        "filtered index": filtered,
        "case study": case_studies,
        "search": searches,
    }
