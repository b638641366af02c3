"""Publishing a programme report freezes it.

When a report page is published, `freeze_revision` builds the public report
from the cohort's data as it stands (after fixing the "LA n" numbers:
programme/reporting/numbering.py) and writes it into the revision being
published, as the page's `snapshot` field. Wagtail then copies the revision
onto the page, so the live page, and the revision kept in its history, hold
exactly what the public sees.

Wagtail publishes through several doors; each reaches one of these:

- `revision.publish()` (the page "create" view, bulk publishing, workflows,
  scheduled publishing, code and the demo) calls `Page.publish`, which
  `ProgrammeReportPage.publish` extends;
- the page "edit" view runs the `before_publish_page` hook and then publishes
  the revision itself;
- anything else (the admin API's publish action) is caught by the
  `page_published` signal: the page is frozen just after it went live.

A page scheduled to go live later is frozen again when it goes live.
"""
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.search import index
from wagtail.signals import page_published

from programme.models import Cohort
from programme.pages import purge_public_pages
from programme.reporting.numbering import fix_numbers
from programme.reporting.snapshot import freeze


def frozen_report(page, *, revision_id=None):
    """Fix the cohort's numbers, then freeze the public report of `page` (a
    report page as a revision has it) from the data as it stands."""
    cohort = Cohort.objects.select_related("programme").get(pk=page.cohort_id)
    fix_numbers(cohort=cohort)
    report = page.live_report(public=True, cohort=cohort)
    return freeze(report, revision_id=revision_id, frozen_at=timezone.now())


@transaction.atomic
def freeze_revision(revision):
    """Write the frozen report into `revision` (once per publication: the
    create view reaches this twice for the same revision object)."""
    if getattr(revision, "_report_frozen", False):
        return revision.content.get("snapshot")
    snapshot = frozen_report(revision.as_object(), revision_id=revision.pk)
    revision.content["snapshot"] = snapshot
    revision.save(update_fields=["content"])
    revision._report_frozen = True
    return snapshot


freeze_revision.alters_data = True


def is_report_page(page):
    # Asked of the class (the report page model imports this module, not the reverse).
    return getattr(type(page), "freezes_on_publish", False)


@hooks.register("before_publish_page")
def freeze_report_before_publish(request, page):
    if is_report_page(page) and page.latest_revision is not None:
        freeze_revision(page.latest_revision)


def freeze_after_publish(sender, instance, revision=None, **kwargs):
    """The door of last resort: a report published without passing through
    either of the above is frozen now, and its revision and index updated."""
    if not is_report_page(instance) or revision is None:
        return
    if (instance.snapshot or {}).get("revision_id") == revision.pk:
        return
    snapshot = frozen_report(instance, revision_id=revision.pk)
    revision.content["snapshot"] = snapshot
    revision.save(update_fields=["content"])
    type(instance).objects.filter(pk=instance.pk).update(snapshot=snapshot)
    instance.snapshot = snapshot
    index.insert_or_update_object(instance)
    purge_public_pages()


page_published.connect(freeze_after_publish, dispatch_uid="freeze-report-after-publish")
