"""Coding statements into learning themes: which statements a facilitator is
shown, which themes are suggested for them, and saving the codes.

Only submitted statements are coded (drafts and returned work may still
change). Retired themes are not offered: their codings are kept as history
and left alone by `set_codes`."""
from django.db import transaction
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When

from programme.enums import Section, SubmissionStatus, ThemeKind
from programme.learning.aggregation import submitted_statements
from programme.learning.suggestions import suggest_themes
from programme.models import CodedStatement, Cohort, LearningTheme
from programme.pages import purge_public_pages

# How many coded statements the suggestions learn from (the most recent):
# enough to know every theme, bounded so the screen stays fast.
SUGGESTION_SAMPLE = 3000
SUGGESTIONS_PER_STATEMENT = 3
PREVIOUS_COHORTS = 2
# Below this cosine score a suggestion is mostly shared filler words ("young
# people", "council"): better to suggest nothing.
MIN_SUGGESTION_SCORE = 0.15

# The kinds of theme that usually fit a section, shown first beside it.
SECTION_KINDS = {
    Section.PROGRESS: [ThemeKind.KEY_LEARNING, ThemeKind.ENABLER],
    Section.CHALLENGES: [ThemeKind.CHALLENGE],
    Section.ENABLERS: [ThemeKind.ENABLER, ThemeKind.KEY_LEARNING],
    Section.NEXT: [ThemeKind.KEY_LEARNING, ThemeKind.ENABLER],
    Section.VALUABLE: [ThemeKind.FEEDBACK],
    Section.EVEN_BETTER: [ThemeKind.FEEDBACK],
}

CODED = "coded"
UNCODED = "uncoded"


def active_themes():
    """Themes offered for coding, in the order of ThemeKind, then group."""
    kind_order = Case(
        *[When(kind=kind.value, then=Value(n)) for n, kind in enumerate(ThemeKind)],
        default=Value(len(ThemeKind)), output_field=IntegerField(),
    )
    return (
        LearningTheme.objects.filter(retired=False)
        .annotate(kind_order=kind_order)
        .order_by("kind_order", "group", "sort_order", "name")
    )


def statements_for_coding(*, cohort, section=None, organisation_id=None, status=None, theme_id=None, text=None):
    """The cohort's submitted statements, filtered, in reading order:
    organisation, reflection, section (in the order of the form), position.
    `theme_id`: only those coded with that theme; `text`: only those whose
    words contain it (any case)."""
    section_order = Case(
        *[When(section=value.value, then=Value(n)) for n, value in enumerate(Section)],
        default=Value(len(Section)), output_field=IntegerField(),
    )
    statements = (
        submitted_statements(cohort=cohort)
        .select_related("reflection__membership__organisation")
        .annotate(
            section_order=section_order,
            is_coded=Exists(CodedStatement.objects.filter(statement_id=OuterRef("pk"))),
        )
        .order_by(
            "reflection__membership__organisation__name", "reflection__created_at", "reflection_id",
            "section_order", "position", "pk",
        )
    )
    if section:
        statements = statements.filter(section=section)
    if organisation_id:
        statements = statements.filter(reflection__membership__organisation_id=organisation_id)
    if theme_id:
        statements = statements.filter(Exists(CodedStatement.objects.filter(statement_id=OuterRef("pk"), theme_id=theme_id)))
    if text:
        statements = statements.filter(text__icontains=text)
    if status == CODED:
        statements = statements.filter(is_coded=True)
    elif status == UNCODED:
        statements = statements.filter(is_coded=False)
    return statements


# --------------------------------------------------------------------------- moving through the statements
#
# The screen pages through the statements, and "next uncoded" jumps to the
# first statement nobody has coded yet. Both work from the reading order of
# the filtered statements, fetched as (id, coded) pairs in one query: a few
# thousand small rows at most, so the page makes the same number of queries
# whatever the number of statements, and positions are worked out from
# what is in the database now (a page coded a moment ago, here or in another
# tab, has already left the "not coded yet" list).


def coding_order(*, cohort, **filters):
    """[(statement id, coded)] of the statements `statements_for_coding`
    gives for these filters, in reading order. One query."""
    return list(statements_for_coding(cohort=cohort, **filters).values_list("pk", "is_coded"))


def shown(order, *, status=None):
    """The ids of `order` that the coded / not coded filter shows."""
    if status == CODED:
        return [pk for pk, coded in order if coded]
    if status == UNCODED:
        return [pk for pk, coded in order if not coded]
    return [pk for pk, _coded in order]


def next_uncoded(order, *, after=None):
    """The first statement not coded yet after `after` in `order`, going
    round to the start once the end is reached (statements skipped earlier
    are still to do); from the start when `after` is None or not in `order`.
    None when every statement is coded."""
    ids = [pk for pk, _coded in order]
    start = ids.index(after) + 1 if after in ids else 0
    for pk, coded in order[start:] + order[:start]:
        if not coded:
            return pk
    return None


def page_of(ids, statement_id, *, per_page):
    """The page (from 1) of `ids`, `per_page` to a page, holding the statement."""
    return ids.index(statement_id) // per_page + 1


def page_beside(order, *, status, first, last, forward, per_page):
    """The page to show after the page that ran from statement `first` to
    `last` was saved: the one holding the next statement after `last` (or,
    going back, the one before `first`) that the filter still shows. So a
    facilitator working through the statements not coded yet, whose page has
    just left that list, still lands on the statements that came next rather
    than skipping a page of them."""
    ids = [pk for pk, _coded in order]
    listed = shown(order, status=status)
    if not listed:
        return 1
    anchor = last if forward else first
    if anchor not in ids:
        return 1
    position = ids.index(anchor)
    candidates = order[position + 1:] if forward else reversed(order[:position])
    keep = set(listed)
    for pk, _coded in candidates:
        if pk in keep:
            return page_of(listed, pk, per_page=per_page)
    # Nothing beyond it: the last page going forward, the first going back.
    return (len(listed) - 1) // per_page + 1 if forward else 1


def codes_of(statement_ids):
    """{statement id: set of (non-retired) theme ids}. One query."""
    codes = {statement_id: set() for statement_id in statement_ids}
    rows = CodedStatement.objects.filter(statement_id__in=statement_ids, theme__retired=False).values_list(
        "statement_id", "theme_id"
    )
    for statement_id, theme_id in rows:
        codes[statement_id].add(theme_id)
    return codes


def coded_statement_ids(statement_ids):
    """Those of these statements that are coded, with any theme (retired
    ones too, as `statements_for_coding`'s "coded" counts them). One query."""
    return set(
        CodedStatement.objects.filter(statement_id__in=statement_ids).values_list("statement_id", flat=True).distinct()
    )


def suggestions_for(*, cohort, statements, themes):
    """{statement id: [(theme id, score)]}, best first, for `statements`
    (objects with pk, text and section).

    Learns from the statements already coded in this cohort and in the
    programme's two most recent other cohorts (so a new cohort starts from
    its predecessors' codes, and the cost does not grow with the programme's
    history), the statements asked about left out so a statement never
    suggests its own codes; and from each theme's name and description, so
    that suggestions start before anything is coded. Only themes of the
    kinds that fit the statement's section are suggested (a challenge for
    "Challenges faced", feedback for "What was valuable"). Two queries.

    Other programmes' statements are not used: themes are shared, but what
    one programme's organisations wrote stays with that programme."""
    asked = [statement.pk for statement in statements]
    kinds = {theme.pk: theme.kind for theme in themes}
    others = (
        Cohort.objects.filter(programme_id=cohort.programme_id).exclude(pk=cohort.pk)
        .order_by(F("starts_on").desc(nulls_last=True), "-pk").values_list("pk", flat=True)[:PREVIOUS_COHORTS]
    )
    rows = (
        CodedStatement.objects.filter(
            statement__reflection__membership__cohort_id__in=[cohort.pk, *others],
            statement__reflection__status=SubmissionStatus.SUBMITTED,
            theme__retired=False,
        )
        .exclude(statement_id__in=asked)
        .order_by("-statement_id")
        .values_list("statement_id", "statement__text", "theme_id")[: SUGGESTION_SAMPLE * 2]
    )
    coded = {}
    for statement_id, text, theme_id in rows:
        coded.setdefault(statement_id, (text, []))[1].append(theme_id)
    examples = list(coded.values())[:SUGGESTION_SAMPLE]
    examples += [(f"{theme.name}. {theme.description}", [theme.pk]) for theme in themes]
    suggestions = suggest_themes(
        coded=examples,
        uncoded=[(statement.pk, statement.text) for statement in statements],
        top=len(kinds),
        min_score=MIN_SUGGESTION_SCORE,
    )
    answer = {}
    for statement in statements:
        fitting = SECTION_KINDS.get(statement.section) or list(ThemeKind)
        answer[statement.pk] = [
            (theme_id, score) for theme_id, score in suggestions[statement.pk] if kinds.get(theme_id) in fitting
        ][:SUGGESTIONS_PER_STATEMENT]
    return answer


def set_codes(*, cohort, codes, user):
    """Replace the codes of each statement in `codes` ({statement id: set of
    theme ids}) with the given themes, in one transaction. An empty set
    clears the statement's codes. Codings on retired themes are history and
    are kept.

    Every statement must be a submitted statement of `cohort`, and every
    theme must exist and not be retired: otherwise ValueError, and nothing is
    saved. Returns {"added": n, "removed": n}."""
    try:
        wanted = {
            int(statement_id): {int(theme_id) for theme_id in theme_ids} for statement_id, theme_ids in codes.items()
        }
    except (TypeError, ValueError):
        raise ValueError("The codes were not understood: nothing was saved. Reload the page and try again.") from None
    if not wanted:
        return {"added": 0, "removed": 0}
    with transaction.atomic():
        found = set(submitted_statements(cohort=cohort).filter(pk__in=wanted).values_list("pk", flat=True))
        if missing := set(wanted) - found:
            raise ValueError(
                f"{len(missing)} of the statements sent {'is' if len(missing) == 1 else 'are'} not a submitted "
                f"statement of {cohort.name}: nothing was saved. Reload the page and try again."
            )
        theme_ids = set().union(*wanted.values())
        usable = set(LearningTheme.objects.filter(pk__in=theme_ids, retired=False).values_list("pk", flat=True))
        if theme_ids - usable:
            raise ValueError(
                "A theme you chose has been retired or merged into another since the page was opened: "
                "nothing was saved. Check the ticks below and save again."
            )
        existing = list(
            CodedStatement.objects.filter(statement_id__in=wanted, theme__retired=False).values_list(
                "pk", "statement_id", "theme_id"
            )
        )
        remove = [pk for pk, statement_id, theme_id in existing if theme_id not in wanted[statement_id]]
        have = {(statement_id, theme_id) for _, statement_id, theme_id in existing}
        add = [
            CodedStatement(statement_id=statement_id, theme_id=theme_id, coded_by=user)
            for statement_id, theme_ids in sorted(wanted.items())
            for theme_id in sorted(theme_ids)
            if (statement_id, theme_id) not in have
        ]
        if remove:
            CodedStatement.objects.filter(pk__in=remove).delete()
        # ignore_conflicts: another facilitator saving the same code at the same moment is not an error.
        CodedStatement.objects.bulk_create(add, ignore_conflicts=True)
        if add or remove:
            purge_public_pages()
    return {"added": len(add), "removed": len(remove)}


set_codes.alters_data = True
