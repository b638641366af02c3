"""Code a cohort's statements into learning themes.

One page shows 50 submitted statements as compact rows, filtered by words,
section, organisation, theme and coded / not coded, each with its ticked
themes and up to three suggested ones (highlighted, never ticked for the
facilitator) up front and every other theme under "More themes".

Nothing ticked is lost:
- with JavaScript (static/programme/admin/coding.js), each statement's ticks
  are saved as they change, by posting that statement to `coding_save`;
- without it, "Save codes" saves every statement on the page, and the
  buttons that move to another page save first. The page lists its
  statement ids in hidden inputs, so a statement whose boxes are all
  unticked has its codes cleared.

"Next statement not coded yet" (`coding_next_uncoded`) works from what is in
the database at the moment it is asked, so it also works without JavaScript
and after coding in another tab. A facilitator adds a theme to the shared
library from the bottom of the page, in the same form: the ticks on the page
are saved with it, or neither is.

Each screen makes the same number of queries whatever the number of
statements. Mounted under /admin/peer-learning/ by programme/admin/urls.py:
Wagtail's `require_admin_access` sends anonymous users and users without
admin access to the login page, and turns the PermissionDenied raised here
into its standard "permission denied" response. Statement text goes through
the `participant_html` filter in the template.
"""
import html
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import GoalCategory, Section, ThemeKind
from programme.learning.aggregation import coding_progress, goal_categories
from programme.learning.coding import (
    CODED,
    SECTION_KINDS,
    UNCODED,
    active_themes,
    coded_statement_ids,
    codes_of,
    coding_order,
    next_uncoded,
    page_beside,
    page_of,
    set_codes,
    shown,
    statements_for_coding,
    suggestions_for,
)
from programme.learning.library import add_theme, theme_name_problem, tidy_theme_name
from programme.models import Cohort, LearningTheme, Organisation
from programme.reporting.downloads import CODING, cohort_downloads

PER_PAGE = 50
LEGEND_LENGTH = 90
CODES_PREFIX = "codes-"
# The page's submit buttons: "Save codes", and "Add the theme" (which also saves the codes).
ADD_THEME = "add_theme"
# Where to go after saving: the pages before and after this one.
GO_PREVIOUS, GO_NEXT = "previous", "next"
FILTER_NAMES = ("q", "section", "organisation", "theme", "status")


class CodingFilterForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=100, strip=True)
    section = forms.ChoiceField(label="Section", required=False, choices=[("", "All sections"), *Section.choices])
    organisation = forms.TypedChoiceField(label="Organisation", required=False, coerce=int, empty_value=None)
    theme = forms.TypedChoiceField(label="Coded with", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Show", required=False,
        choices=[("", "Coded and not coded"), (UNCODED, "Not coded yet"), (CODED, "Coded")],
    )

    def __init__(self, *args, organisations, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "size": 16})
        self.fields["organisation"].choices = [("", "All organisations"), *((o.pk, o.name) for o in organisations)]
        self.fields["theme"].choices = [("", "Any theme or none"), *theme_choices(themes)]

    def filters(self):
        """The valid filters; an invalid one (a hand-edited URL) is ignored
        and its error shown beside it."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q") or None,
            "section": data.get("section") or None,
            "organisation_id": data.get("organisation"),
            "theme_id": data.get("theme"),
            "status": data.get("status") or None,
        }

    def query(self):
        """The valid filters as query parameters, for the addresses the
        screen makes (pages, "next not coded yet", after saving)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in FILTER_NAMES if data.get(name) not in (None, "")}


class NewThemeForm(forms.Form):
    """A theme for the shared library, added without leaving the screen."""

    prefix = "new_theme"

    name = forms.CharField(
        label="Name of the theme", max_length=LearningTheme._meta.get_field("name").max_length, required=False,
    )
    kind = forms.ChoiceField(label="Kind", choices=ThemeKind.choices, initial=ThemeKind.CHALLENGE)
    group = forms.CharField(
        label="Group", required=False, max_length=LearningTheme._meta.get_field("group").max_length,
        help_text="Choose one the library has, or type a new one. Optional.",
    )

    def __init__(self, *args, name_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_required = name_required

    def has_name(self):
        return bool(tidy_theme_name(self.data.get(self.add_prefix("name"), "")))

    def clean_name(self):
        name = tidy_theme_name(self.cleaned_data.get("name"))
        if not name:
            if self.name_required:
                raise forms.ValidationError("Give the new theme a name.")
            return ""
        if problem := theme_name_problem(name):
            raise forms.ValidationError(problem)
        return name


def theme_choices(themes):
    """Themes for a select, grouped under their group (or kind)."""
    grouped = {}
    for theme in themes:
        grouped.setdefault(theme.group or ThemeKind(theme.kind).label, []).append((theme.pk, theme.name))
    return list(grouped.items())


def short_label(text, length=LEGEND_LENGTH):
    """The statement as plain words, shortened, for a legend. Returned as
    plain text: the template escapes it."""
    words = " ".join(html.unescape(strip_tags(text or "")).split())
    return Truncator(words).chars(length)


def posted_codes(post, *, allow_none=False):
    """{statement id: set of theme ids} from the form, or ValueError if it
    cannot have come from this screen. `allow_none`: a form with no
    statements on it is fine (a theme added from an empty page)."""
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
    if not codes and not allow_none:
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
        shown_themes = [{"theme": theme, "checked": True} for theme in themes_by_id.values() if theme.pk in ticked]
        shown_themes += [
            {"theme": theme, "checked": False, "suggested": True, "score": score} for theme, score in suggested
        ]
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
            "shown": shown_themes,
            "more": more,
            "more_count": sum(len(group["themes"]) for group in more),
        })
    return rows


def row_groups(rows):
    """The rows in runs of the same organisation's same reflection (the
    order they come in), each run under one heading, so the organisation is
    not repeated on every row: [{"organisation", "reflection", "rows"}]."""
    groups = []
    for row in rows:
        reflection = row["statement"].reflection
        if not groups or groups[-1]["reflection"].pk != reflection.pk:
            groups.append({"organisation": row["organisation"], "reflection": reflection, "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def goal_category_rows(counts):
    """[(label, count)] for every category, and plans without one if any."""
    rows = [(category.label, counts.get(category.value, 0)) for category in GoalCategory]
    if counts.get(""):
        rows.append(("No category given", counts[""]))
    return rows


def _cohort_for(request, cohort_id):
    return facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)


def _filter_form(request, cohort, themes):
    organisations = Organisation.objects.filter(memberships__cohort=cohort).order_by("name").only("pk", "name")
    return CodingFilterForm(request.GET or None, organisations=list(organisations), themes=themes)


def _address(name, cohort, params):
    url = reverse(name, args=[cohort.pk])
    return f"{url}?{urlencode(params)}" if params else url


def _screen_url(cohort, query, *, page=None, statement_id=None):
    url = _address("programme_admin:coding", cohort, {**query, **({"page": page} if page and page > 1 else {})})
    return url + (f"#statement-{statement_id}" if statement_id else "")


def _after_saving(request, cohort, filter_form, sent):
    """Where the page goes once it is saved: the same page, or the page
    before or after it (worked out from what the filters show now, see
    coding.page_beside), back at the statement the facilitator was on."""
    query = filter_form.query() if filter_form.is_bound else {}
    go = request.POST.get("go")
    posted = [int(pk) for pk in request.POST.getlist("statement")]
    if go in (GO_PREVIOUS, GO_NEXT) and posted:
        filters = filter_form.filters() if filter_form.is_bound else {}
        status = filters.pop("status", None)
        page = page_beside(
            coding_order(cohort=cohort, **filters), status=status, first=posted[0], last=posted[-1],
            forward=go == GO_NEXT, per_page=PER_PAGE,
        )
        return _screen_url(cohort, query, page=page)
    focus = request.POST.get("focus", "")
    focus = int(focus) if focus.isdigit() and int(focus) in sent else None
    page = request.GET.get("page", "")
    return _screen_url(cohort, query, page=int(page) if page.isdigit() else None, statement_id=focus)


THEME_NOT_ADDED = "The theme was not added and the codes were not saved: see “Add a theme” below."


def _add_theme(theme_form):
    try:
        return add_theme(**theme_form.cleaned_data)
    except ValueError as problem:  # the name was taken a moment ago
        theme_form.add_error("name", str(problem))
        raise ValueError(THEME_NOT_ADDED) from None


@require_http_methods(["GET", "POST"])
def coding(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    themes = list(active_themes())
    filter_form = _filter_form(request, cohort, themes)

    status, error, sent = 200, None, {}
    theme_form = NewThemeForm()
    if request.method == "POST":
        theme_form = NewThemeForm(request.POST, name_required=request.POST.get("action") == ADD_THEME)
        adding = theme_form.has_name() or theme_form.name_required
        try:
            sent = posted_codes(request.POST, allow_none=adding)
            if adding and not theme_form.is_valid():
                raise ValueError(THEME_NOT_ADDED)
            with transaction.atomic():
                counts = set_codes(cohort=cohort, codes=sent, user=request.user)
                theme = _add_theme(theme_form) if adding else None
        except ValueError as problem:
            error, status = str(problem), 400
            messages.error(request, "The codes were not saved.")
        else:
            if sent:
                messages.success(
                    request, f"Codes saved for {len(sent)} statement{'s' if len(sent) != 1 else ''}: "
                    f"{counts['added']} added, {counts['removed']} removed.",
                )
            if theme is not None:
                messages.success(request, f"“{theme.name}” is in the library: it is offered under “More themes” "
                                          "beside every statement.")
            return redirect(_after_saving(request, cohort, filter_form, sent))
        # Offer a theme that was added a moment ago, or drop one retired since the page was opened.
        themes = list(active_themes())

    filters = filter_form.filters() if filter_form.is_bound else {}
    show = filters.pop("status", None)
    order = coding_order(cohort=cohort, **filters)
    listed = shown(order, status=show)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    page_ids = list(page.object_list)
    position = {pk: n for n, pk in enumerate(page_ids)}
    statements = sorted(
        statements_for_coding(cohort=cohort).filter(pk__in=page_ids), key=lambda statement: position[statement.pk]
    )
    themes_by_id = {theme.pk: theme for theme in themes}
    # After a refused save, the page shows the ticks as they were sent, so none are lost.
    codes = {**codes_of(page_ids), **sent}

    rows = statement_rows(
        statements, groups=theme_groups(themes), themes_by_id=themes_by_id, codes=codes,
        suggestions=suggestions_for(cohort=cohort, statements=statements, themes=themes),
    )
    for number, row in enumerate(rows, start=page.start_index()):
        row["number"] = number
    ids = [pk for pk, _coded in order]
    # "Next not coded yet" starts from the top of this page, so it finds one on this page first.
    before_page = ids[ids.index(page_ids[0]) - 1] if page_ids and ids.index(page_ids[0]) > 0 else None
    query = filter_form.query() if filter_form.is_bound else {}
    progress = coding_progress(cohort=cohort)
    context = {
        "cohort": cohort,
        "filter_form": filter_form,
        "filtered": any(value for value in (*filters.values(), show)),
        "page": page,
        "rows": rows,
        "row_groups": row_groups(rows),
        "error": error,
        "theme_form": theme_form,
        "theme_groups": sorted({theme.group for theme in themes if theme.group}),
        "progress": progress,
        "progress_percent": round(100 * progress["coded"] / progress["total"]) if progress["total"] else 0,
        "goal_categories": goal_category_rows(goal_categories(cohort=cohort)),
        "action_url": request.get_full_path(),
        "save_url": reverse("programme_admin:coding_save", args=[cohort.pk]),
        "next_uncoded_url": _address(
            "programme_admin:coding_next_uncoded", cohort, {**query, **({"after": before_page} if before_page else {})}
        ),
        "overview_url": reverse("programme_admin:cohort_overview", args=[cohort.pk]),
        "themes_url": reverse("programme_learningtheme_modeladmin_index"),
        "downloads": cohort_downloads(cohort=cohort, groups=(CODING,)),
    }
    return TemplateResponse(request, "programme/admin/coding.html", context, status=status)


@require_POST
def coding_save(request, cohort_id):
    """Save the ticks of the statements posted (the screen's script posts
    one statement each time its boxes change), and answer in JSON: which
    statements are now coded, and the cohort's progress. A refusal is a 400
    with the reason, and nothing saved."""
    cohort = _cohort_for(request, cohort_id)
    try:
        sent = posted_codes(request.POST)
        counts = set_codes(cohort=cohort, codes=sent, user=request.user)
    except ValueError as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    progress = coding_progress(cohort=cohort)
    return JsonResponse({
        "saved": sorted(sent),
        "coded": sorted(coded_statement_ids(sent)),
        "added": counts["added"],
        "removed": counts["removed"],
        "progress": {**progress, "text": f"{progress['coded']} of {progress['total']} statement"
                                        f"{'s' if progress['total'] != 1 else ''} coded"},
    })


@require_GET
def coding_next_uncoded(request, cohort_id):
    """To the first statement not coded yet after statement `after` (in
    the filters' reading order, going round to the start), on its page."""
    cohort = _cohort_for(request, cohort_id)
    themes = list(active_themes())
    filter_form = _filter_form(request, cohort, themes)
    filters = filter_form.filters() if filter_form.is_bound else {}
    show = filters.pop("status", None)
    query = filter_form.query() if filter_form.is_bound else {}
    order = coding_order(cohort=cohort, **filters)
    after = request.GET.get("after", "")
    target = next_uncoded(order, after=int(after) if after.isdigit() else None)
    if target is None:
        messages.success(request, "Every statement shown here is coded." if order else "There are no statements to code here.")
        return redirect(_screen_url(cohort, query))
    listed = shown(order, status=show)
    if target not in listed:  # "Coded" only: show it among all
        query.pop("status", None)
        listed = shown(order)
    return redirect(_screen_url(cohort, query, page=page_of(listed, target, per_page=PER_PAGE), statement_id=target))


urlpatterns = [
    path("cohorts/<int:cohort_id>/coding/", coding, name="coding"),
    path("cohorts/<int:cohort_id>/coding/save/", coding_save, name="coding_save"),
    path("cohorts/<int:cohort_id>/coding/next-uncoded/", coding_next_uncoded, name="coding_next_uncoded"),
]
