"""Links on each row of a ModelAdmin list to the screens beyond create/edit
(a cohort's overview, a session's register…)."""
from django.urls import reverse
from wagtail_modeladmin.helpers import ButtonHelper


def link_buttons(*links):
    """A button helper adding links to screens beyond create/edit on each row.
    `links` are (label, url name, condition) where condition(obj) may hide it;
    a url name may end in "#fragment" to link a part of that screen."""

    class LinkButtonHelper(ButtonHelper):
        def get_buttons_for_obj(self, obj, *args, **kwargs):
            buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
            for label, url_name, condition in links:
                if condition is None or condition(obj):
                    name, _, fragment = url_name.partition("#")
                    url = reverse(name, args=[obj.pk]) + (f"#{fragment}" if fragment else "")
                    buttons.append({
                        "url": url, "label": label,
                        "classname": "button button-small button-secondary", "title": f"{label}: {obj}",
                    })
            return buttons

    return LinkButtonHelper
