"""Code a cohort's statements into learning themes: one page of 50 submitted
statements at a time, filtered by section, organisation and coded / not
coded, each with its themes as checkboxes and up to three suggested themes
highlighted (never ticked for the facilitator). One "Save codes" button saves
the whole page; the page lists its statement ids in hidden inputs, so a
statement whose boxes are all unticked has its codes cleared.

The page makes the same number of queries whatever the number of statements
on it. Mounted under /admin/peer-learning/ by programme/admin/urls.py:
Wagtail's `require_admin_access` sends anonymous users and users without admin
access to the login page, and turns the PermissionDenied raised here into its
standard "permission denied" response. Statement text goes through the
`participant_html` filter in the template.
"""
import html

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import GoalCategory, Section, ThemeKind
from programme.learning.aggregation import coding_progress, goal_categories
from programme.learning.coding import (
    CODED,
    SECTION_KINDS,
    UNCODED,
    active_themes,
    codes_of,
    set_codes,
    statements_for_coding,
    suggestions_for,
)
from programme.models import Cohort, Organisation
from programme.reporting.downloads import CODING, cohort_downloads

PER_PAGE = 50
LEGEND_LENGTH = 90
CODES_PREFIX = "codes-"


class CodingFilterForm(forms.Form):
    section = forms.ChoiceField(label="Section", required=False, choices=[("", "All sections"), *Section.choices])
    organisation = forms.TypedChoiceField(label="Organisation", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Show", required=False,
        choices=[("", "Coded and not coded"), (UNCODED, "Not coded yet"), (CODED, "Coded")],
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "All organisations"), *((o.pk, o.name) for o in organisations)]

    def filters(self):
        """The valid filters; an invalid one (a hand-edited URL) is ignored
        and its error shown beside it."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "section": data.get("section") or None,
            "organisation_id": data.get("organisation"),
            "status": data.get("status") or None,
        }


def short_label(text, length=LEGEND_LENGTH):
    """The statement as plain words, shortened, for a legend. Returned as
    plain text: the template escapes it."""
    words = " ".join(html.unescape(strip_tags(text or "")).split())
    return Truncator(words).chars(length)


def posted_codes(post):
    """{statement id: set of theme ids} from the form, or ValueError if it
    cannot have come from this screen."""
    statement_ids = post.getlist("statement")
    try:
        codes = {int(statement_id): set() for statement_id in statement_ids}
        for key in post:
            if key.startswith(CODES_PREFIX):
                statement_id = int(key.removeprefix(CODES_PREFIX))
                if statement_id not in codes:
                    raise ValueError(key)
                codes[statement_id] = {int(theme_id) for theme_id in post.getlist(key)}
    except ValueError:
        raise ValueError(
            "The form sent codes for statements that were not on the page: nothing was saved. "
            "Reload the page and try again."
        ) from None
    if not codes:
        raise ValueError("There were no statements on the page to save.")
    return codes


def theme_groups(themes):
    """[(kind, kind label, group, [themes])] in the order of `themes`."""
    groups = []
    for theme in themes:
        if not groups or groups[-1][0] != theme.kind or groups[-1][2] != theme.group:
            groups.append((theme.kind, ThemeKind(theme.kind).label, theme.group, []))
        groups[-1][3].append(theme)
    return groups


def statement_rows(statements, *, groups, themes_by_id, codes, suggestions):
    """What the template shows for each statement: the ticked and the
    suggested themes up front, every other theme in "More themes", grouped by
    kind and group with the kinds that fit the section first. Each theme
    appears once per statement."""
    rows = []
    for statement in statements:
        ticked = codes.get(statement.pk, set())
        suggested = [
            (themes_by_id[theme_id], score)
            for theme_id, score in suggestions.get(statement.pk, [])
            if theme_id not in ticked and theme_id in themes_by_id
        ]
        suggested_ids = {theme.pk for theme, _ in suggested}
        shown = [{"theme": theme, "checked": True} for theme in themes_by_id.values() if theme.pk in ticked]
        shown += [{"theme": theme, "checked": False, "suggested": True, "score": score} for theme, score in suggested]
        fitting = SECTION_KINDS.get(statement.section, [])
        ordered = sorted(groups, key=lambda group: 0 if group[0] in fitting else 1)
        more = []
        for _kind, kind_label, group, themes in ordered:
            rest = [theme for theme in themes if theme.pk not in ticked and theme.pk not in suggested_ids]
            if rest:
                more.append({"kind": kind_label, "group": group, "themes": rest})
        membership = statement.reflection.membership
        rows.append({
            "statement": statement,
            "label": short_label(statement.text),
            "organisation": membership.organisation,
            "shown": shown,
            "more": more,
            "more_count": sum(len(group["themes"]) for group in more),
        })
    return rows


def goal_category_rows(counts):
    """[(label, count)] for every category, and plans without one if any."""
    rows = [(category.label, counts.get(category.value, 0)) for category in GoalCategory]
    if counts.get(""):
        rows.append(("No category given", counts[""]))
    return rows


@require_http_methods(["GET", "POST"])
def coding(request, cohort_id):
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)

    status, error, sent = 200, None, {}
    if request.method == "POST":
        try:
            sent = posted_codes(request.POST)
            counts = set_codes(cohort=cohort, codes=sent, user=request.user)
        except ValueError as problem:
            error, status = str(problem), 400
            messages.error(request, "The codes were not saved.")
        else:
            messages.success(
                request, f"Codes saved for {len(sent)} statement{'s' if len(sent) != 1 else ''}: "
                f"{counts['added']} added, {counts['removed']} removed.",
            )
            return redirect(request.get_full_path())

    organisations = list(
        Organisation.objects.filter(memberships__cohort=cohort).order_by("name").only("pk", "name")
    )
    filter_form = CodingFilterForm(request.GET or None, organisations=organisations)
    filters = filter_form.filters() if filter_form.is_bound else {}
    page = Paginator(statements_for_coding(cohort=cohort, **filters), PER_PAGE).get_page(request.GET.get("page"))
    statements = list(page.object_list)
    themes = list(active_themes())
    themes_by_id = {theme.pk: theme for theme in themes}
    # After a refused save, the page shows the ticks as they were sent, so none are lost.
    codes = {**codes_of([statement.pk for statement in statements]), **sent}

    rows = statement_rows(
        statements, groups=theme_groups(themes), themes_by_id=themes_by_id, codes=codes,
        suggestions=suggestions_for(cohort=cohort, statements=statements, themes=themes),
    )
    progress = coding_progress(cohort=cohort)
    context = {
        "cohort": cohort,
        "filter_form": filter_form,
        "filtered": any(filters.values()),
        "page": page,
        "rows": rows,
        "error": error,
        "progress": progress,
        "progress_percent": round(100 * progress["coded"] / progress["total"]) if progress["total"] else 0,
        "goal_categories": goal_category_rows(goal_categories(cohort=cohort)),
        "action_url": request.get_full_path(),
        "overview_url": reverse("programme_admin:cohort_overview", args=[cohort.pk]),
        "themes_url": reverse("programme_learningtheme_modeladmin_index"),
        "downloads": cohort_downloads(cohort=cohort, groups=(CODING,)),
    }
    return TemplateResponse(request, "programme/admin/coding.html", context, status=status)


urlpatterns = [
    path("cohorts/<int:cohort_id>/coding/", coding, name="coding"),
]
