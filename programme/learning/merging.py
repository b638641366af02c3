"""Merging one learning theme into another: every coding of the merged theme
moves to the theme kept (a statement coded with both keeps one coding), and
the merged theme is retired with a pointer to the one kept, so nothing is lost."""
from django.db import transaction
from django.db.models import OuterRef, Subquery

from programme.models import CodedStatement, LearningTheme
from programme.pages import purge_public_pages


def merge_preview(*, source, target):
    """How many codings move, and how many statements already carry the target."""
    codings = CodedStatement.objects.filter(theme=source)
    both = codings.filter(statement__codings__theme=target).count()
    return {"codings": codings.count(), "both": both}


@transaction.atomic
def merge_themes(*, source, target, user=None):
    """Move every coding of `source` onto `target`, then retire `source`.
    Returns how many codings moved."""
    if source.pk == target.pk:
        raise ValueError("A theme cannot be merged into itself.")
    already = CodedStatement.objects.filter(theme=target, statement_id=OuterRef("statement_id"))
    CodedStatement.objects.filter(theme=source).annotate(dupe=Subquery(already.values("pk")[:1])).filter(
        dupe__isnull=False
    ).delete()
    moved = CodedStatement.objects.filter(theme=source).update(theme=target)
    LearningTheme.objects.filter(pk=source.pk).update(retired=True, merged_into=target)
    purge_public_pages()
    return moved


merge_themes.alters_data = True
