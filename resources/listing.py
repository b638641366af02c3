"""Filtering and paging of the public listings. Plain functions, so the page
models stay thin and the rules can be tested without rendering templates.

Filter values arrive in the URL and may be anything: a value we do not know is
dropped (the list is shown unfiltered by it), never an error."""
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from taggit.models import Tag

from programme.enums import Region
from programme.models import Organisation

from .models.case_studies import (
    CASE_STUDIES_PER_PAGE,
    CaseStudyPage,
    CaseStudyPresenter,
    CaseStudyTag,
)
from .models.resource_pages import ResourcePage, ResourceTag
from .models.taxonomy import ResourceCategory, Topic

RESOURCES_PER_PAGE = 50


def _tag_choices(through):
    """(slug, name) of every tag used on a live page, through a tagged-item model."""
    related = through._meta.get_field("tag").remote_field.related_name or (
        f"{through._meta.app_label}_{through._meta.model_name}_items"
    )
    return list(
        Tag.objects.filter(**{f"{related}__content_object__live": True})
        .distinct().order_by("name").values_list("slug", "name")
    )


class CaseStudyFilterForm(forms.Form):
    topic = forms.ChoiceField(required=False)
    tag = forms.ChoiceField(required=False)
    region = forms.ChoiceField(required=False)
    organisation = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", "Any")]
        self.fields["topic"].choices = anything + list(
            Topic.objects.filter(case_studies__live=True).distinct().values_list("slug", "name")
        )
        self.fields["tag"].choices = anything + _tag_choices(CaseStudyTag)
        self.fields["region"].choices = anything + list(Region.choices)
        self.fields["organisation"].choices = anything + list(
            Organisation.objects.filter(case_studies__live=True).distinct().values_list("slug", "name")
        )

    def valid_filters(self):
        """The filters whose values are known; unknown values are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name)}


def filter_case_studies(queryset, filters):
    if "topic" in filters:
        queryset = queryset.filter(topic__slug=filters["topic"])
    if "tag" in filters:
        queryset = queryset.filter(tags__slug=filters["tag"])
    if "region" in filters:
        queryset = queryset.filter(region=filters["region"])
    if "organisation" in filters:
        queryset = queryset.filter(organisations__slug=filters["organisation"])
    # Only the many-to-many filters can repeat a row; DISTINCT costs a lot otherwise.
    if "tag" in filters or "organisation" in filters:
        queryset = queryset.distinct()
    return queryset


def case_study_listing(*, index_page, params):
    form = CaseStudyFilterForm(params)
    filters = form.valid_filters()
    queryset = filter_case_studies(
        CaseStudyPage.objects.live().public().descendant_of(index_page), filters
    )
    queryset = (
        queryset.select_related("topic")
        .prefetch_related(
            "tags",
            "organisations",
            Prefetch("presenters", queryset=CaseStudyPresenter.objects.select_related("organisation")),
        )
        .order_by("-first_published_at", "title")
    )
    page = Paginator(queryset, CASE_STUDIES_PER_PAGE).get_page(params.get("page"))
    return {
        "filter_form": form,
        "active_filters": filters,
        "case_studies": page,
        "result_count": page.paginator.count,
        "query_string": _query_string_without_page(params, filters),
    }


class ResourceFilterForm(forms.Form):
    category = forms.ChoiceField(required=False)
    tag = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", "Any")]
        self.fields["category"].choices = anything + list(
            ResourceCategory.objects.values_list("slug", "name")
        )
        self.fields["tag"].choices = anything + _tag_choices(ResourceTag)

    valid_filters = CaseStudyFilterForm.valid_filters


def resource_listing(*, index_page, params):
    form = ResourceFilterForm(params)
    filters = form.valid_filters()
    queryset = ResourcePage.objects.live().public().descendant_of(index_page)
    if "category" in filters:
        queryset = queryset.filter(category__slug=filters["category"])
    if "tag" in filters:
        queryset = queryset.filter(tags__slug=filters["tag"]).distinct()
    queryset = (
        queryset.select_related("category", "organisation", "document")
        .prefetch_related("tags")
        # Uncategorised resources come last; nulls sort differently per database.
        .order_by("category__sort_order", "category__name", "title")
    )
    page = Paginator(queryset, RESOURCES_PER_PAGE).get_page(params.get("page"))
    return {
        "filter_form": form,
        "active_filters": filters,
        "resources": page,
        "result_count": page.paginator.count,
        "query_string": _query_string_without_page(params, filters),
    }


def _query_string_without_page(params, filters):
    """The active filters as a query string, for pagination links."""
    return urlencode(filters)
