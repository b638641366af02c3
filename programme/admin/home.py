"""The admin's home for a facilitator: their programmes' cohorts and what
needs attention in each (programme/cohorts/attention.py), each line linking
to its screen. Site administrators see every programme. (Wagtail's page and
document counts are left to those who edit the public site:
resources/wagtail_hooks.py.)"""
from django.utils import timezone
from wagtail.admin.ui.components import Component

from programme.cohorts.attention import attention
from programme.enums import ProgrammeStatus
from programme.models import Cohort, User
from programme.permissions import is_facilitator, scope_to_facilitator


class CohortsNeedingAttentionPanel(Component):
    name = "cohorts_needing_attention"
    template_name = "programme/admin/home_attention.html"
    order = 10  # before Wagtail's own panels

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        now = timezone.now()
        since = user.dashboard_seen_at
        cohorts = attention(user=user, now=now, since=since)
        # With nothing running, the finished cohorts are still a click away
        # (their overview, submissions and report): one query, only then.
        finished = [] if cohorts else list(
            scope_to_facilitator(Cohort.objects.filter(programme__status=ProgrammeStatus.COMPLETED), user)
            .select_related("programme")
            .order_by("-starts_on", "name", "pk")[:10]
        )
        # "New since your last visit" counts from this visit on next time.
        User.objects.filter(pk=user.pk).update(dashboard_seen_at=now)
        return {
            **super().get_context_data(parent_context),
            "cohorts": cohorts,
            "finished": finished,
            "now": now,
            "since": since,
            "everyone": user.is_superuser,
            "attention": [item for item in cohorts if item.items(now)],
        }


def add_attention_panel(request, panels):
    if is_facilitator(request.user):
        panels.insert(0, CohortsNeedingAttentionPanel())
