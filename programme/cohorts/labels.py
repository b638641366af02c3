"""Short names for cohorts in lists and filters.

A cohort's full name, "Increasing employment opportunities for young people
with care experience – 2021 cohort", is most of a list's row when it is
repeated on every row. So a list says "2021 cohort", and adds its programme
(shortened) only where the person sees two cohorts of that name."""
from collections import Counter

from django.db.models import Exists, OuterRef
from django.utils.text import Truncator

from programme.models import Cohort
from programme.permissions import scope_to_facilitator

PROGRAMME_CHARS = 32


def cohort_label(name, programme_title, *, shared):
    """ "2021 cohort", or "2021 cohort (Increasing employment opportun…)"
    when another cohort the person sees has the same name."""
    if not shared:
        return name
    return f"{name} ({Truncator(programme_title).chars(PROGRAMME_CHARS)})"


def short_cohort_labels(cohorts):
    """{cohort id: label} for cohorts shown together (their programmes loaded)."""
    names = Counter(cohort.name.casefold() for cohort in cohorts)
    return {
        cohort.pk: cohort_label(cohort.name, cohort.programme.title, shared=names[cohort.name.casefold()] > 1)
        for cohort in cohorts
    }


def with_shared_cohort_names(queryset, *, user, path="cohort"):
    """`queryset` with `cohort_name_shared` on each row: whether another
    cohort this user sees has the same name as the row's cohort (`path` leads
    from the row to its cohort). In the same query, not one per row."""
    others = scope_to_facilitator(Cohort.objects.all(), user).filter(
        name__iexact=OuterRef(f"{path}__name")
    ).exclude(pk=OuterRef(path))
    return queryset.annotate(cohort_name_shared=Exists(others))
