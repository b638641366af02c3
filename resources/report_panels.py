"""The panel at the top of a programme report's editor: when it was last
published, what would change if it were published again ("changed since
publication", a list of differences between the published snapshot and the
report built now from the cohort's data and the page as edited), and the
downloads: the public Word file and PDF of what is published, and the
facilitator's named copy (Word, print view)."""
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from wagtail.admin.panels import Panel

from programme.models import Cohort
from programme.permissions import can_facilitate
from programme.reporting.snapshot import changes, freeze, is_frozen


class ReportPublicationPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "resources/admin/report_publication_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context.update(page=page, published=None, changes=None, public_downloads={}, private_downloads={})
            cohort = Cohort.objects.select_related("programme").filter(pk=page.cohort_id).first() \
                if page.cohort_id else None
            if cohort is None:
                return context
            # The page row holds the live version's fields: its snapshot is what the public sees.
            live = type(page).objects.filter(pk=page.pk, live=True).values_list("snapshot", flat=True).first() \
                if page.pk else None
            if is_frozen(live):
                context["published"] = live
                context["published_at"] = parse_datetime(live.get("frozen_at") or "")
                context["public_downloads"] = {
                    "Word": page.url + "download/word/" if page.url else "",
                    "PDF": page.url + "download/pdf/" if page.url else "",
                }
            current = freeze(page.live_report(public=True, cohort=cohort))
            context["changes"] = changes(live or {}, current)
            if can_facilitate(self.request.user, cohort):
                context["private_downloads"] = {
                    "Word, with names": reverse("programme_admin:report_docx", args=[cohort.pk]),
                    "Print view, with names": reverse("programme_admin:report_print", args=[cohort.pk]),
                }
            return context
