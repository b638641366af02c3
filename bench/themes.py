"""Learning themes at scale: aggregation in the database and suggestions in Python.

    .venv/bin/python -m bench.themes [--keep]

Builds a throw-away SQLite database (var/bench/themes.sqlite3, rebuilt each
run unless --keep finds one) with one programme of 20 cohorts × 10
organisations, each organisation writing four check-ins and a one-page report:
100,000 submitted statements, every one coded to one or two of the starter
themes (plus a draft per organisation, which must not be counted). Then it
times, as the median of several runs, with the number of queries:

- learning_summary for one cohort and for the whole programme;
- theme_counts over every submitted statement;
- coding_progress of a cohort, and the coding screen's suggestions for a page
  of 50 statements (which learn from up to 5,000 of the programme's codings);
- suggest_themes on 5,000 coded and 1,000 uncoded texts, with how often the
  theme a synthetic statement was written from comes first / in the top 3.

Statement texts are synthetic: words of the theme's name and description
mixed with words every statement shares, so the suggestion figures measure
speed honestly and accuracy only roughly.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from bench import measuring
from bench.environment import REPO, VAR
from bench.measuring import say, use_sqlite

DB_PATH = VAR / "themes.sqlite3"
COHORTS = 20
ORGANISATIONS_PER_COHORT = 10
CHECK_INS = 4
STATEMENTS = 100_000
RUNS = 5
SEED = 2021

FILLER = (
    "young people care leavers council team staff work we our have been with the local programme "
    "support project opportunities employment training plan progress year month session partners"
).split()


def statement_text(rng, theme_words):
    words = rng.sample(theme_words, k=min(len(theme_words), rng.randint(3, 6)))
    words += rng.choices(FILLER, k=rng.randint(6, 12))
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def theme_vocabulary(themes):
    from programme.learning.suggestions import tokens

    return {theme.pk: list(dict.fromkeys(tokens(f"{theme.name} {theme.description}"))) for theme in themes}


def build(rng):
    """Migrate a fresh database and fill it with bulk inserts."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils.text import slugify

    from programme.enums import MembershipStatus, ReflectionKind, Section, SubmissionStatus
    from programme.models import (
        CodedStatement,
        Cohort,
        LearningTheme,
        Membership,
        Organisation,
        Programme,
        Reflection,
        Statement,
    )

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)  # also adds the starter themes
    say(f"migrate: {time.perf_counter() - began:.1f}s")
    began = time.perf_counter()
    themes = list(LearningTheme.objects.filter(retired=False))
    vocabulary = theme_vocabulary(themes)
    theme_ids = [theme.pk for theme in themes]
    sections = [Section.PROGRESS, Section.CHALLENGES, Section.ENABLERS, Section.NEXT]
    reflections_total = COHORTS * ORGANISATIONS_PER_COHORT * (CHECK_INS + 1)
    per_reflection = STATEMENTS // reflections_total
    with transaction.atomic():
        programme = Programme.objects.create(title="Bench programme", slug="bench-programme", host="Bench")
        cohorts = Cohort.objects.bulk_create(
            Cohort(programme=programme, name=f"Cohort {n + 1:02}") for n in range(COHORTS)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Bench council {n:03}", slug=slugify(f"Bench council {n:03}"))
            for n in range(COHORTS * ORGANISATIONS_PER_COHORT)
        )
        memberships = Membership.objects.bulk_create(
            Membership(cohort=cohorts[n // ORGANISATIONS_PER_COHORT], organisation=organisation,
                       status=MembershipStatus.ACCEPTED)
            for n, organisation in enumerate(organisations)
        )
        reflections = Reflection.objects.bulk_create(
            Reflection(membership=membership, kind=kind, status=status, version=2)
            for membership in memberships
            for kind, status in (
                [(ReflectionKind.CHECK_IN, SubmissionStatus.SUBMITTED)] * CHECK_INS
                + [(ReflectionKind.FINAL_REPORT, SubmissionStatus.SUBMITTED),
                   (ReflectionKind.CHECK_IN, SubmissionStatus.DRAFT)]
            )
        )
        plan = []
        for reflection in reflections:
            count = per_reflection if reflection.status == SubmissionStatus.SUBMITTED else 10
            for position in range(count):
                theme_id = rng.choice(theme_ids)
                plan.append((theme_id, Statement(
                    reflection=reflection, section=sections[position % len(sections)], position=position,
                    text=statement_text(rng, vocabulary[theme_id]),
                )))
        statements = Statement.objects.bulk_create([statement for _, statement in plan], batch_size=2000)
        codings = []
        for (theme_id, _), statement in zip(plan, statements, strict=True):
            codings.append(CodedStatement(statement=statement, theme_id=theme_id))
            if rng.random() < 0.3:
                extra = rng.choice(theme_ids)
                if extra != theme_id:
                    codings.append(CodedStatement(statement=statement, theme_id=extra))
        CodedStatement.objects.bulk_create(codings, batch_size=5000)
    say(f"built: {len(cohorts)} cohorts, {len(organisations)} organisations, {len(reflections)} reflections, "
        f"{len(statements):,} statements ({len(statements) - STATEMENTS:,} in drafts), {len(codings):,} codings "
        f"in {time.perf_counter() - began:.1f}s")


def timed(label, function):
    return measuring.timed(label, function, runs=RUNS)


def measure_database():
    from django.urls import reverse

    from programme.learning.aggregation import (
        coding_progress,
        learning_summary,
        submitted_statements,
        theme_counts,
    )
    from programme.learning.coding import active_themes, statements_for_coding, suggestions_for
    from programme.models import Cohort, Programme

    programme = Programme.objects.get(slug="bench-programme")
    cohort = Cohort.objects.filter(programme=programme).order_by("name").first()
    say()
    say(f"{'database (SQLite), median of ' + str(RUNS):<62} {'time':>12} {'queries':>12}")
    rows = timed(f"learning_summary, one cohort ({cohort.name})", lambda: learning_summary(cohort=cohort))
    assert sum(len(row["examples"]) for row in rows) <= 3 * len(rows)
    timed("learning_summary, whole programme (20 cohorts)", lambda: learning_summary(programme=programme))
    rows = timed("theme_counts, every submitted statement", lambda: theme_counts(statements=submitted_statements()))
    say(f"  ({len(rows)} themes; largest: {rows[0]['name']}, {rows[0]['organisations']} organisations, "
        f"{rows[0]['statements']:,} statements)")
    progress = timed("coding_progress, one cohort", lambda: coding_progress(cohort=cohort))
    say(f"  ({progress['coded']:,} of {progress['total']:,} statements coded)")
    themes = list(active_themes())
    page = list(statements_for_coding(cohort=cohort)[:50])
    timed("coding screen suggestions for 50 statements (learns from 3,000)",
          lambda: suggestions_for(cohort=cohort, statements=page, themes=themes))
    client = admin_client()
    url = reverse("programme_admin:coding", args=[cohort.pk])
    for label, query in (("", ""), (", not coded yet, page 2", "?status=uncoded&page=2")):
        response = timed(f"coding screen, whole GET request{label}", lambda q=query: client.get(url + q))
        assert response.status_code == 200, response.status_code


def admin_client():
    """A test client logged in as a superuser of the bench database."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def measure_suggestions(rng):
    from programme.learning.suggestions import suggest_themes
    from programme.models import LearningTheme

    themes = list(LearningTheme.objects.filter(retired=False))
    vocabulary = theme_vocabulary(themes)
    theme_ids = [theme.pk for theme in themes]
    coded = []
    for _ in range(5000):
        theme_id = rng.choice(theme_ids)
        coded.append((statement_text(rng, vocabulary[theme_id]), [theme_id]))
    truth, uncoded = {}, []
    for n in range(1000):
        theme_id = rng.choice(theme_ids)
        truth[n] = theme_id
        uncoded.append((n, statement_text(rng, vocabulary[theme_id])))
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        suggestions = suggest_themes(coded=coded, uncoded=uncoded)
        timings.append((time.perf_counter() - began) * 1000)
    first = sum(1 for n, ranked in suggestions.items() if ranked and ranked[0][0] == truth[n])
    top3 = sum(1 for n, ranked in suggestions.items() if truth[n] in [theme_id for theme_id, _ in ranked])
    say()
    say(f"{'suggest_themes, 5,000 coded + 1,000 uncoded texts':<62} {statistics.median(timings):>9.1f} ms "
        f"(no database)")
    say(f"  synthetic texts, {len(themes)} themes: right theme first {first / 10:.1f}%, in the top 3 {top3 / 10:.1f}%")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="reuse var/bench/themes.sqlite3 if it exists")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    reuse = args.keep and DB_PATH.exists()
    if not reuse:
        for path in (DB_PATH, DB_PATH.with_name(DB_PATH.name + "-wal"), DB_PATH.with_name(DB_PATH.name + "-shm")):
            path.unlink(missing_ok=True)
    use_sqlite(DB_PATH, fresh=False)
    rng = random.Random(SEED)
    say(f"Learning themes bench: {DB_PATH.relative_to(REPO)}")
    if reuse:
        say("reusing the database (--keep)")
    else:
        build(rng)
    measure_database()
    measure_suggestions(rng)
    say(f"\ntotal {time.perf_counter() - began:.0f}s")


if __name__ == "__main__":
    main()
