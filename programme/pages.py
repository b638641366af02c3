"""The one door from the programme domain to the public site's pages.

`resources` (the Wagtail pages) builds on `programme`; `programme` never
imports `resources`. What the domain needs of the pages, it asks here: the
page models are looked up in Django's app registry, and the whole-page cache
for anonymous visitors is named here, so that the domain functions which
change what the public sees can purge it.

Why the domain purges and not a signal: `QuerySet.update()` and
`bulk_create()` send no signals, and most of what changes a public page
(coding, a register, returning a report) is written in bulk. Each domain
function that changes public data calls `purge_public_pages()` once its
transaction has committed."""
from django.apps import apps
from django.core.cache import caches
from django.db import transaction

PAGE_CACHE = "pages"


def page_cache():
    return caches[PAGE_CACHE]


def purge_public_pages():
    """Forget every cached public page, on every server sharing the cache:
    now, and again when the current transaction commits (a visitor's request
    in between could otherwise cache the page as it was before the change)."""
    page_cache().clear()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(page_cache().clear)


def page_path(page) -> str:
    """A page's address on the site, as a path ("/case-studies/…/"); "" if it
    has none (not under a site's root). programme/addresses.py makes it absolute."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def report_page_model():
    return apps.get_model("resources", "ProgrammeReportPage")


def resource_page_model():
    return apps.get_model("resources", "ResourcePage")


def case_study_page_model():
    return apps.get_model("resources", "CaseStudyPage")


def live_resources():
    """Resource pages a visitor may open: live and public."""
    return resource_page_model().objects.live().public()


def live_case_studies():
    return case_study_page_model().objects.live().public()


def organisation_on_pages(organisation):
    """Whether any page names the organisation (a case study, one of its
    presenters, a resource's publisher)."""
    return (
        case_study_page_model().objects.filter(organisations=organisation).exists()
        or apps.get_model("resources", "CaseStudyPresenter").objects.filter(organisation=organisation).exists()
        or resource_page_model().objects.filter(organisation=organisation).exists()
    )
