"""Build the benchmark library: a home page, the two index pages, topics,
categories, organisations, 1,000 case studies and 2,000 resources.

Creating pages one by one through the editor path (add_child, then
save_revision().publish()) takes minutes. Here every page is still created with
Wagtail's add_child (so tree paths, url_paths and validation are Wagtail's own),
but live, with publication dates set directly and without revisions, inside a
single transaction, and with the per-save search and reference index signal
handlers switched off. The search index is then built in bulk with Wagtail's
`update_index` command, so that search finds every page.

The reference index (the admin's "usage" counts) is left empty: public pages
never read it, and rebuilding it adds a quarter to the build. Run
`manage.py rebuild_references_index` against the bench database before using
its admin.

Run on its own with `python -m bench.build_library [--rebuild]`."""
import io
import random
import time
from contextlib import contextmanager
from datetime import timedelta

from bench.environment import DB_PATH

CASE_STUDY_COUNT = 1000
RESOURCE_COUNT = 2000
ORGANISATION_COUNT = 50
SEED = 20240601

TOPICS = [
    "Understanding the local economy",
    "Engaging employers",
    "Pre-employment support",
    "Work experience and placements",
    "Apprenticeships",
    "Ring-fenced jobs and guaranteed interviews",
    "In-work support and mentoring",
    "The council as corporate parent",
    "Social value in procurement",
    "Data and tracking outcomes",
    "Wellbeing and mental health",
    "Education, training and the Virtual School",
]

CATEGORIES = [
    "Strategic guidance",
    "Toolkits and templates",
    "Research and evidence",
    "Employer guides",
    "Services to refer young people to",
    "Funding and grants",
    "Training for staff",
    "Policy and legislation",
]

TAGS = [
    "apprenticeships", "traineeships", "kickstart", "supported internships", "mentoring",
    "job coaching", "work tasters", "care leaver covenant", "social value", "procurement",
    "HR policy", "guaranteed interview", "ring-fenced roles", "NEET", "UASC",
    "personal advisers", "virtual school", "further education", "higher education",
    "bursaries", "employer network", "DWP", "youth hub", "local enterprise partnership",
    "data sharing", "outcomes tracking", "co-production", "youth voice", "wellbeing",
    "housing", "transport", "digital skills", "interview skills", "CV writing",
    "in-work support", "retention", "leadership", "corporate parenting", "council as employer",
    "covid recovery",
]

PLACES = [
    "Ashford", "Blackmoor", "Bramley", "Castleton", "Dunmore", "Eastwick", "Fernhill",
    "Glenfield", "Harrowgate", "Highcliffe", "Kingsmere", "Langley", "Marshfield", "Newbridge",
    "Northwold", "Oakham Vale", "Pemberton", "Queensbury", "Redmoor", "Riverside", "Saltash",
    "Southmead", "Stonebridge", "Thornbury", "Upton", "Wakeford", "Westmarsh", "Whitcombe",
    "Woodhurst", "Yarnfield", "Ashcombe", "Birchfield", "Coldharbour", "Deepdale", "Elmstead",
    "Foxley", "Greystone", "Hartwell", "Ivybridge", "Larkhill",
]
LA_SUFFIX = {
    "county": "County Council",
    "unitary": "Council",
    "metropolitan": "Metropolitan Borough Council",
    "london_borough": "London Borough Council",
    "district": "District Council",
}
PARTNERS = [
    ("Pathways Employment Trust", "voluntary"),
    ("Care Leavers Futures", "voluntary"),
    ("Northern Youth Works", "voluntary"),
    ("Bright Start Foundation", "voluntary"),
    ("Greenline Buses", "employer"),
    ("Harbour Hotels Group", "employer"),
    ("Mercia Construction", "employer"),
    ("Regional NHS Trust", "employer"),
    ("Department for Work and Pensions", "government"),
    ("Department for Education", "government"),
]

ROLES = [
    "Head of leaving care", "Personal adviser", "Virtual School head", "HR business partner",
    "Regeneration officer", "Youth employment lead", "Participation worker",
    "Apprenticeship coordinator", "Service manager", "Employer engagement officer",
]
FIRST_NAMES = [
    "Aisha", "Ben", "Chloe", "Dan", "Ella", "Farah", "George", "Hannah", "Imran", "Jess",
    "Kwame", "Laura", "Mo", "Nadia", "Owen", "Priya", "Rob", "Sara", "Tom", "Zoe",
]
SURNAMES = [
    "Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Morris", "Nowak", "Okafor", "Patel", "Roberts", "Smith",
    "Turner", "Walker",
]

VERBS = ["built", "ran", "opened", "tested", "grew", "funded", "redesigned", "piloted", "scaled"]
THINGS = [
    "a ring-fenced apprenticeship scheme", "a work-taster programme", "an employer pledge",
    "a mentoring network", "a guaranteed interview policy", "a pre-employment course",
    "a paid internship route", "a jobs brokerage with the youth hub",
    "a social value clause in council contracts", "a tracking dashboard for outcomes",
]
OUTCOMES = [
    "more care leavers moved into sustained work",
    "fewer young people left their first job in the first three months",
    "personal advisers had better conversations about work",
    "local employers offered new entry-level roles",
    "the council hired care leavers into its own services",
    "young people said they felt listened to",
]
SENTENCES = [
    "The leaving care team worked with the Virtual School and HR to agree who does what.",
    "Young people with care experience helped design the offer and interview the providers.",
    "Senior manager support mattered more than any single budget line.",
    "Covid restrictions slowed the first placements, but online tasters kept momentum.",
    "Personal advisers were trained to talk about work from the first pathway plan.",
    "Employers were asked what help they needed, not only what they could offer.",
    "A named contact in each department made the ring-fenced roles real.",
    "The data showed who was not in education, employment or training, and why.",
    "Travel costs and the first month's wages were the most common barriers.",
    "Mentors met young people before the first day and checked in every week after.",
    "The scheme was written into the corporate parenting strategy so it would last.",
    "Procurement teams added care leaver opportunities to the social value framework.",
]


def _paragraph(rng, count=3):
    return " ".join(rng.sample(SENTENCES, count))


@contextmanager
def _index_signals_disabled():
    """Switch off the per-save search index and reference index updates."""
    from django.db.models.signals import post_save
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    models = list(get_indexed_models())
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def library_status():
    """(ok, description) of the library in the bench database."""
    from wagtail.models import Site
    from wagtail.search.models import IndexEntry

    from resources.models import CaseStudyIndexPage, CaseStudyPage, HomePage, ResourcePage

    # Live ones: a page a crashed run left unpublished means building afresh.
    case_studies = CaseStudyPage.objects.live().count()
    resources = ResourcePage.objects.live().count()
    site = Site.objects.filter(is_default_site=True).first()
    home_ok = bool(site) and HomePage.objects.filter(pk=site.root_page_id).exists()
    index_ok = CaseStudyIndexPage.objects.filter(slug="case-studies", live=True).exists()
    indexed = IndexEntry.objects.count()
    ok = (
        case_studies == CASE_STUDY_COUNT
        and resources == RESOURCE_COUNT
        and home_ok
        and index_ok
        and indexed >= CASE_STUDY_COUNT + RESOURCE_COUNT
    )
    return ok, (
        f"{case_studies} live case studies, {resources} live resources, "
        f"{indexed} search index entries, home page {'ok' if home_ok else 'missing'}"
    )


def migrate(stdout=print):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("migrate", interactive=False, verbosity=1, stdout=out)
    applied = out.getvalue().count(" OK")
    stdout(f"migrate: {applied} migration(s) applied" if applied else "migrate: up to date")


def build(stdout=print):
    """Fill an empty (migrated) database. Returns the seconds it took."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page, Site

    from programme.enums import LAType, OrganisationKind, ProgrammeStatus, Region
    from programme.models import Organisation, Programme
    from resources.models import (
        CaseStudyIndexPage,
        CaseStudyPage,
        CaseStudyPresenter,
        HomePage,
        ResourceCategory,
        ResourceIndexPage,
        ResourcePage,
        Topic,
    )
    from resources.models.case_studies import CaseStudyRelatedResource

    rng = random.Random(SEED)
    started = time.perf_counter()
    now = timezone.now()
    regions = [r for r in Region.values if r not in ("scotland", "northern-ireland", "wales")]
    la_types = list(LAType.values)

    def published(page, days_ago, minutes):
        moment = now - timedelta(days=days_ago, minutes=minutes)
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = moment
        page.last_published_at = moment
        return page

    with transaction.atomic(), _index_signals_disabled():
        # The home page replaces Wagtail's welcome page as the default site's root.
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        Site.objects.all().delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=published(
                HomePage(
                    title="Leaving Care Peer Learning",
                    slug="home",
                    intro="Peer learning for local authority leaving care teams: "
                    "case studies, resources and programme reports.",
                    body="<p>We bring leaving care teams together to learn from each other "
                    "about helping young people with care experience into work.</p>",
                ),
                800, 0,
            )
        )
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name="Leaving Care Peer Learning",
        )
        case_index = home.add_child(
            instance=published(
                CaseStudyIndexPage(
                    title="Case studies", slug="case-studies",
                    intro="What councils and their partners did, and what came of it.",
                ),
                800, 0,
            )
        )
        resource_index = home.add_child(
            instance=published(
                ResourceIndexPage(
                    title="Resources", slug="resources",
                    intro="Guidance, toolkits and services, grouped by category.",
                ),
                800, 0,
            )
        )

        topics = [Topic.objects.create(name=name, sort_order=i) for i, name in enumerate(TOPICS)]
        categories = [
            ResourceCategory.objects.create(name=name, sort_order=i)
            for i, name in enumerate(CATEGORIES)
        ]
        tags = [Tag.objects.create(name=name, slug=name.lower().replace(" ", "-")) for name in TAGS]

        organisations = []
        for i in range(ORGANISATION_COUNT - len(PARTNERS)):
            la_type = la_types[i % len(la_types)]
            organisations.append(
                Organisation.objects.create(
                    name=f"{PLACES[i]} {LA_SUFFIX[la_type]}",
                    kind=OrganisationKind.LOCAL_AUTHORITY,
                    la_type=la_type,
                    region=regions[i % len(regions)],
                    website=f"https://www.{PLACES[i].lower().replace(' ', '')}.example.gov.uk",
                )
            )
        for name, kind in PARTNERS:
            organisations.append(
                Organisation.objects.create(name=name, kind=kind, region="national")
            )
        local_authorities = organisations[: ORGANISATION_COUNT - len(PARTNERS)]

        Programme.objects.create(
            title="Increasing employment opportunities for young people with care experience",
            host="National Leaving Care Benchmarking Forum", funder="A national charity",
            summary="Ten local authorities worked on one goal each for a year.",
            starts_on=(now - timedelta(days=700)).date(), ends_on=(now - timedelta(days=400)).date(),
            status=ProgrammeStatus.COMPLETED,
        )
        Programme.objects.create(
            title="Council as employer: ring-fenced roles for care leavers",
            host="National Leaving Care Benchmarking Forum",
            summary="A second cohort on the council's own jobs.",
            starts_on=(now - timedelta(days=60)).date(), ends_on=(now + timedelta(days=240)).date(),
            status=ProgrammeStatus.RUNNING,
        )
        stdout(f"  taxonomy: {len(topics)} topics, {len(categories)} categories, "
               f"{len(tags)} tags, {len(organisations)} organisations")

        resources = []
        for n in range(1, RESOURCE_COUNT + 1):
            category = categories[n % len(categories)]
            org = organisations[(n * 7) % len(organisations)]
            page = ResourcePage(
                title=f"{category.name.split(' ')[0]} resource {n}: {rng.choice(THINGS)}",
                slug=f"resource-{n}",
                description=f"{_paragraph(rng, 2)} Published by {org.name}.",
                category=category,
                organisation=org,
                link_url=f"https://example.org/resources/{n}",
                featured=n % 200 == 0,
            )
            page.tags.add(*rng.sample(tags, 2))
            resources.append(resource_index.add_child(instance=published(page, 2 * n // 3, n)))
        stdout(f"  {len(resources)} resources ({time.perf_counter() - started:.1f}s)")

        for n in range(1, CASE_STUDY_COUNT + 1):
            la = local_authorities[n % len(local_authorities)]
            partner = organisations[len(local_authorities) + n % len(PARTNERS)]
            topic = topics[n % len(topics)]
            thing, outcome = rng.choice(THINGS), rng.choice(OUTCOMES)
            body = [
                {"type": "heading", "value": {"text": "What they did", "level": "h2"}},
                {"type": "paragraph", "value": f"<p>{la.name} {rng.choice(VERBS)} {thing}. "
                 f"{_paragraph(rng)}</p><p>{_paragraph(rng)}</p>"},
                {"type": "key_points", "value": {
                    "title": "Key points",
                    "points": [s for s in rng.sample(SENTENCES, 4)],
                }},
                {"type": "quote", "value": {
                    "quote": f"Because of this, {outcome}.",
                    "attribution": f"{rng.choice(ROLES)}, {la.name}",
                }},
            ]
            if n % 3 == 0:
                body.append({"type": "partnership", "value": {
                    "partners": f"<p>{la.name}, {partner.name}</p>",
                    "model": f"<p>{_paragraph(rng, 2)}</p>",
                    "activities": "<ul><li>Work tasters</li><li>Mock interviews</li>"
                                  "<li>Mentoring</li></ul>",
                    "outcomes": f"<p>{outcome.capitalize()}.</p>",
                }})
            if n % 3 == 1:
                body.append({"type": "discussion", "value": {
                    "title": "Discussion",
                    "questions": [
                        {"question": "What made senior managers say yes?",
                         "answer": f"<p>{_paragraph(rng, 2)}</p>"},
                        {"question": "What would you do differently?",
                         "answer": f"<p>{_paragraph(rng, 2)}</p>"},
                    ],
                }})
            page = CaseStudyPage(
                title=f"{la.name}: {thing} ({n})",
                slug=f"case-study-{n}",
                summary=f"How {la.name} {rng.choice(VERBS)} {thing} with {partner.name}, "
                        f"and {outcome}.",
                topic=topic,
                region=la.region,
                la_type=la.la_type,
                body=body,
            )
            page.organisations = [la, partner]
            page.tags.add(*rng.sample(tags, 3))
            page.presenters = [
                CaseStudyPresenter(
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                    role=rng.choice(ROLES), organisation=org,
                )
                for org in (la, partner)[: 1 + n % 2]
            ]
            page.related_resources = [
                CaseStudyRelatedResource(resource=resource)
                for resource in rng.sample(resources, n % 4)
            ]
            case_index.add_child(instance=published(page, n // 2, n))
        stdout(f"  {CASE_STUDY_COUNT} case studies ({time.perf_counter() - started:.1f}s)")

    out = io.StringIO()
    call_command("update_index", stdout=out, stderr=out)
    stdout(f"  search index ({time.perf_counter() - started:.1f}s)")
    return time.perf_counter() - started


def ensure_library(rebuild=False, stdout=print):
    """Reuse the bench database if it holds the full library, else build it afresh."""
    from django.db import connections

    if DB_PATH.exists() and not rebuild:
        try:
            migrate(stdout)
            ok, status = library_status()
        except Exception as exc:  # a schema the current migrations cannot bring up to date
            ok, status = False, f"unusable ({exc.__class__.__name__}: {exc})"
        if ok:
            stdout(f"library: reusing {DB_PATH.relative_to(DB_PATH.parents[2])} ({status})")
            return 0.0
        stdout(f"library: existing bench database not complete ({status}); rebuilding")
    connections.close_all()
    for suffix in ("", "-journal", "-wal", "-shm"):
        DB_PATH.with_name(DB_PATH.name + suffix).unlink(missing_ok=True)
    migrate(stdout)
    stdout(f"library: building {CASE_STUDY_COUNT} case studies and {RESOURCE_COUNT} resources…")
    seconds = build(stdout)
    ok, status = library_status()
    if not ok:
        raise SystemExit(f"library build incomplete: {status}")
    stdout(f"library: built in {seconds:.1f}s ({status})")
    return seconds


if __name__ == "__main__":
    import argparse

    from bench.environment import configure_django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build afresh even if complete")
    args = parser.parse_args()
    configure_django()
    ensure_library(rebuild=args.rebuild)
