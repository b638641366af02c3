"""The site's main sections (case studies, resources, programme reports), found
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

from .models import CaseStudyIndexPage, ProgrammeReportIndexPage, ResourceIndexPage

# The order the sections appear in the header.
SECTION_MODELS = (
    ("case_studies", CaseStudyIndexPage),
    ("resources", ResourceIndexPage),
    ("reports", ProgrammeReportIndexPage),
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

    def __init__(self, sections):
        self._sections = list(sections)
        for key, _model in SECTION_MODELS:
            setattr(self, key, None)
        for section in self._sections:
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
    content_types = ContentType.objects.get_for_models(*(model for _key, model in SECTION_MODELS))
    key_for_type = {content_types[model].pk: key for key, model in SECTION_MODELS}
    candidates = (
        Page.objects.live()
        .descendant_of(site.root_page)
        .filter(content_type_id__in=key_for_type)
        .order_by("path")
    )
    first = {}
    for page in candidates:
        first.setdefault(key_for_type[page.content_type_id], page)
    sections = []
    for key, _model in SECTION_MODELS:
        page = first.get(key)
        if page is None:
            continue
        url = page.get_url(request)
        if url:
            sections.append(Section(key=key, title=page.title, url=url, current=_current(url, request.path)))
    return SiteSections(sections)


def site_sections(request):
    """`find_sections`, at most once per request."""
    if request is None:
        return SiteSections([])
    sections = getattr(request, _REQUEST_ATTRIBUTE, None)
    if sections is None:
        sections = find_sections(request)
        setattr(request, _REQUEST_ATTRIBUTE, sections)
    return sections
