"""Load the demo public library: the home page, the two index pages, topics,
resource categories, organisations, resources and case studies.

Idempotent: every row is looked up by its natural key (a name, or a page slug
under its parent) and only what is missing is created. Existing rows and pages
are never updated, so facilitators' edits survive a second run.
"""

import copy

from demo import library_data as demo_data
from programme.models import Organisation
from resources.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyPresenter,
    ResourceCategory,
    ResourceIndexPage,
    ResourcePage,
    Topic,
)
from resources.models.case_studies import CaseStudyRelatedResource
from resources.site_setup import ensure_site


def load_public_library(*, stdout=None):
    """Create whatever part of the demo public library is missing."""

    def report(message):
        if stdout is not None:
            stdout.write(message + "\n")

    organisations, created = ensure_organisations(rows=demo_data.ORGANISATIONS)
    report(_created(created, "organisation", "organisations"))
    topics, created = ensure_named(model=Topic, rows=demo_data.TOPICS)
    report(_created(created, "topic", "topics"))
    categories, created = ensure_named(model=ResourceCategory, rows=demo_data.RESOURCE_CATEGORIES)
    report(_created(created, "resource category", "resource categories"))

    # The page tree itself is the site's own (made by migrate): the demo
    # only writes the home page's welcome where nobody has yet.
    home = ensure_site()
    if not home.body:
        home.body = demo_data.HOME_BODY
        home.save_revision().publish()
        report("Wrote the home page's welcome")
    case_study_index = CaseStudyIndexPage.objects.descendant_of(home).get()
    resource_index = ResourceIndexPage.objects.descendant_of(home).get()

    created = ensure_resources(
        index=resource_index,
        rows=demo_data.RESOURCES,
        categories=categories,
        organisations=organisations,
    )
    report(_created(created, "resource", "resources"))
    created = ensure_case_studies(
        index=case_study_index,
        rows=demo_data.CASE_STUDIES,
        topics=topics,
        organisations=organisations,
    )
    report(_created(created, "case study", "case studies"))


def _created(count, singular, plural):
    return f"Created {count} {singular if count == 1 else plural}"


# --- Snippets and organisations ---------------------------------------------


def ensure_organisations(*, rows):
    """Return ({name: Organisation}, number created)."""
    by_name, created = {}, 0
    for row in rows:
        organisation, was_created = Organisation.objects.get_or_create(
            name=row["name"],
            defaults={
                "kind": row["kind"],
                "la_type": row.get("la_type", ""),
                "region": row.get("region", ""),
            },
        )
        by_name[organisation.name] = organisation
        created += was_created
    return by_name, created


def ensure_named(*, model, rows):
    """Topics and resource categories: return ({name: instance}, number created)."""
    by_name, created = {}, 0
    for row in rows:
        instance, was_created = model.objects.get_or_create(
            name=row["name"],
            defaults={"description": row["description"], "sort_order": row["sort_order"]},
        )
        by_name[instance.name] = instance
        created += was_created
    return by_name, created


# --- The page tree ----------------------------------------------------------


def _publish(page):
    page.save_revision().publish()


def ensure_resources(*, index, rows, categories, organisations):
    existing = set(ResourcePage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for row in rows:
        if row["slug"] in existing:
            continue
        page = ResourcePage(
            title=row["title"],
            slug=row["slug"],
            description=row["description"],
            category=categories[row["category"]],
            organisation=organisations[row["organisation"]],
            link_url=row["link_url"],
            featured=row.get("featured", False),
        )
        page.tags.add(*row.get("tags", []))
        index.add_child(instance=page)
        _publish(page)
        created += 1
    return created


def ensure_case_studies(*, index, rows, topics, organisations):
    existing = set(CaseStudyPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for row in rows:
        if row["slug"] in existing:
            continue
        page = CaseStudyPage(
            title=row["title"],
            slug=row["slug"],
            summary=row["summary"],
            topic=topics[row["topic"]],
            region=row.get("region", ""),
            la_type=row.get("la_type", ""),
            # The stored JSON form; a copy, because Wagtail adds block ids to it.
            body=copy.deepcopy(row["body"]),
        )
        page.organisations.set([organisations[name] for name in row.get("organisations", [])])
        page.tags.add(*row.get("tags", []))
        page.presenters.set(
            [
                CaseStudyPresenter(
                    name=presenter["name"],
                    role=presenter.get("role", ""),
                    organisation=organisations.get(presenter.get("organisation") or ""),
                    sort_order=position,
                )
                for position, presenter in enumerate(row.get("presenters", []))
            ]
        )
        resources = {
            resource.slug: resource
            for resource in ResourcePage.objects.filter(slug__in=row.get("related_resources", []))
        }
        page.related_resources.set(
            [
                CaseStudyRelatedResource(resource=resources[slug], sort_order=position)
                for position, slug in enumerate(row.get("related_resources", []))
                if slug in resources
            ]
        )
        index.add_child(instance=page)
        _publish(page)
        created += 1
    return created
