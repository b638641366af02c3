"""The site's main sections (case studies, resources, programme reports), and
the notices the footer links (accessibility statement, privacy notice), found
from the live page tree rather than written into templates, so that an editor
who renames a slug or moves an index does not break the header.

One query per request: the site comes from `Site.find_for_request`, which
Wagtail has already run (and cached on the request) when it serves a page; the
first live index of each kind under that site's root is then fetched at once.
The result is kept on the request, so the header, the home page and the error
pages can all ask for it. Anonymous visitors mostly get whole pages from the
page cache (resources.cache), which is purged when pages are published,
unpublished or moved, so the links never go stale there either."""
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from .models import (
    AccessibilityStatementPage,
    CaseStudyIndexPage,
    PrivacyNoticePage,
    ProgrammeReportIndexPage,
    ResourceIndexPage,
)

# The order the sections appear in the header.
SECTION_MODELS = (
    ("case_studies", CaseStudyIndexPage),
    ("resources", ResourceIndexPage),
    ("reports", ProgrammeReportIndexPage),
)
# The footer's, in its order (found in the same query).
NOTICE_MODELS = (
    ("accessibility", AccessibilityStatementPage),
    ("privacy", PrivacyNoticePage),
)

_REQUEST_ATTRIBUTE = "_site_sections"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    url: str
    # "page" on the index itself, "true" anywhere below it, "" elsewhere:
    # the value of the link's aria-current attribute.
    current: str = ""


class SiteSections:
    """The sections in header order; each is also an attribute by key
    (`sections.case_studies`), None when the site has no such live index."""

    def __init__(self, sections, notices=()):
        self._sections = list(sections)
        self.notices = list(notices)  # the footer's links
        for key, _model in SECTION_MODELS + NOTICE_MODELS:
            setattr(self, key, None)
        for section in self._sections + self.notices:
            setattr(self, section.key, section)

    def __iter__(self):
        return iter(self._sections)

    def __len__(self):
        return len(self._sections)


def _current(url, path):
    if path == url:
        return "page"
    if url.startswith("/") and path.startswith(url):
        return "true"
    return ""


def find_sections(request):
    """The first live index of each kind under the request's site root."""
    site = Site.find_for_request(request)
    if site is None:
        return SiteSections([])
    models = SECTION_MODELS + NOTICE_MODELS
    content_types = ContentType.objects.get_for_models(*(model for _key, model in models))
    key_for_type = {content_types[model].pk: key for key, model in models}
    candidates = (
        Page.objects.live()
        .descendant_of(site.root_page)
        .filter(content_type_id__in=key_for_type)
        .order_by("path")
    )
    first = {}
    for page in candidates:
        first.setdefault(key_for_type[page.content_type_id], page)
    def found(kinds):
        for key, _model in kinds:
            page = first.get(key)
            url = page.get_url(request) if page is not None else None
            if url:
                yield Section(key=key, title=page.title, url=url, current=_current(url, request.path))

    return SiteSections(found(SECTION_MODELS), found(NOTICE_MODELS))


def site_sections(request):
    """`find_sections`, at most once per request."""
    if request is None:
        return SiteSections([])
    sections = getattr(request, _REQUEST_ATTRIBUTE, None)
    if sections is None:
        sections = find_sections(request)
        setattr(request, _REQUEST_ATTRIBUTE, sections)
    return sections
