"""What the tests of the coding screen share: making themes and statements,
the screen's addresses and the POST it sends, and reading its rows."""
import re

from django.urls import reverse

from programme.enums import ReflectionKind, Section, SubmissionStatus, ThemeKind
from programme.models import CodedStatement, LearningTheme, Reflection, Statement

SUBMITTED, DRAFT = SubmissionStatus.SUBMITTED, SubmissionStatus.DRAFT


def theme(name, kind=ThemeKind.CHALLENGE, group="Challenges from the system", **fields):
    return LearningTheme.objects.create(name=name, kind=kind, group=group, **fields)


def reflection(membership, texts, *, status=SUBMITTED, kind=ReflectionKind.CHECK_IN, section=Section.CHALLENGES):
    made = Reflection.objects.create(membership=membership, kind=kind, status=status)
    return Statement.objects.bulk_create(
        Statement(reflection=made, section=section, position=n, text=text) for n, text in enumerate(texts)
    )


def codes(statement):
    return set(CodedStatement.objects.filter(statement=statement).values_list("theme__name", flat=True))


def coding_url(cohort, **params):
    url = reverse("programme_admin:coding", args=[cohort.pk])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def statement_texts(response):
    """The statements a coding page shows, in order."""
    html = response.content.decode()
    return re.findall(r'<div class="coding-text">(.*?)</div>', html, flags=re.S)


def save_form(statements, ticked):
    """The POST the screen sends: every statement on the page, and the ticks."""
    data = {"statement": [s.pk for s in statements]}
    for statement, themes in ticked.items():
        data[f"codes-{statement.pk}"] = [t.pk for t in themes]
    return data
