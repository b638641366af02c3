"""Load the demo public library: the home page, the two index pages, topics,
resource categories, organisations, resources and case studies.

Idempotent: every row is looked up by its natural key (a name, or a page slug
under its parent) and only what is missing is created. Existing rows and pages
are never updated, so facilitators' edits survive a second run.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from demo import library_data as demo_data
from programme.models import Organisation
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

# The page Wagtail's first migration creates and points the default site at.
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


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

    home, created, replaced_welcome = ensure_home_page(data=demo_data.HOME)
    report(_created(int(created), "home page", "home pages"))
    if replaced_welcome:
        report("Replaced Wagtail's welcome page with the home page")

    case_study_index, created_cs = ensure_child_page(
        parent=home, model=CaseStudyIndexPage, data=demo_data.CASE_STUDY_INDEX
    )
    resource_index, created_r = ensure_child_page(
        parent=home, model=ResourceIndexPage, data=demo_data.RESOURCE_INDEX
    )
    report(_created(int(created_cs) + int(created_r), "index page", "index pages"))

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


def wagtail_welcome_page():
    """Wagtail's default "Welcome" page, if it is still there and untouched in type."""
    return Page.objects.filter(
        depth=2,
        title=WAGTAIL_WELCOME_TITLE,
        content_type=ContentType.objects.get_for_model(Page),
    ).first()


def ensure_home_page(*, data):
    """Return (home page, created?, replaced the welcome page?).

    Creates the home page under the root when there is none, points the default
    site at it, and deletes Wagtail's welcome page once nothing points at it."""
    home = HomePage.objects.first()
    created = False
    welcome = wagtail_welcome_page()
    if home is None:
        root = Page.get_first_root_node()
        slug = data["slug"]
        if welcome is not None and welcome.slug == slug:
            # Free the slug: the welcome page is deleted below.
            Page.objects.filter(pk=welcome.pk).update(slug=f"{slug}-wagtail-welcome")
        home = HomePage(title=data["title"], slug=slug, intro=data["intro"], body=data["body"])
        root.add_child(instance=home)
        _publish(home)
        created = True

    _point_default_site_at(home)

    replaced_welcome = False
    if (
        welcome is not None
        and welcome.get_children_count() == 0
        and not Site.objects.filter(root_page_id=welcome.pk).exists()
    ):
        welcome.delete()
        replaced_welcome = True
    return home, created, replaced_welcome


def _point_default_site_at(home):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=getattr(settings, "WAGTAIL_SITE_NAME", ""),
        )
    elif site.root_page.specific_class is not HomePage:
        # Still Wagtail's welcome page (or another placeholder): the home page
        # takes its place. A site already rooted at the home page is left alone.
        site.root_page = home
        site.save()


def ensure_child_page(*, parent, model, data):
    """Return (page, created?) for a page found by its slug under the parent."""
    existing = model.objects.child_of(parent).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    page = model(**data)
    parent.add_child(instance=page)
    _publish(page)
    return page, True


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
