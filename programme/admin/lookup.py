"""The one object lookup of every facilitator screen.

A programme's record that the user may not see answers exactly as a missing
one does: 404, on the ModelAdmin screens and the custom ones alike, so that
nobody can tell another programme's ids from ids that do not exist; and an
id that is not an id ("abc", "-1") is not found either."""
from django.core.exceptions import ValidationError
from django.http import Http404

from programme.permissions import is_facilitator, scope_to_facilitator


def facilitated_or_404(queryset, user, **lookup):
    """The one object of `queryset` matching `lookup` that `user` may see and
    change, or Http404. `queryset` may select and prefetch what the screen needs."""
    if not is_facilitator(user):
        raise Http404("Not found.")
    try:
        obj = scope_to_facilitator(queryset, user).filter(**lookup).first()
    except (ValueError, TypeError, ValidationError):  # an id that is not one ("abc") names nothing
        obj = None
    if obj is None:
        raise Http404("Not found.")
    return obj
