"""Template tags for what every public page shares: the site's name, its main
sections and the summary of active listing filters."""
from urllib.parse import urlencode

from django import template
from django.conf import settings

from resources.navigation import site_sections as _site_sections

register = template.Library()


@register.simple_tag
def site_name():
    """The site's name for <title> and the like. Not the `site_name` context
    variable: Django's auth views set that to the request's host name."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The live section indexes, for the header and for links into them."""
    return _site_sections(context.get("request"))


@register.simple_tag
def active_filter_list(form, active_filters):
    """Each active filter as {"label", "value", "remove_query"}: what it is, the
    value's display name and the query string without it (other filters kept)."""
    items = []
    for name, value in active_filters.items():
        field = form.fields[name]
        choices = dict((str(key), label) for key, label in field.choices)
        others = {other: kept for other, kept in active_filters.items() if other != name}
        items.append({
            "label": form[name].label,
            "value": choices.get(str(value), value),
            "remove_query": urlencode(others),
        })
    return items
