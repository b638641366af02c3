"""Other organisations' submitted plans and one-page reports, inside the
cohort, when the facilitators have turned sharing on. Never drafts, never work
returned for changes, never another cohort's."""
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from programme.enums import MembershipStatus, ReflectionKind, SubmissionStatus
from programme.models import Membership, OnePagePlan, Reflection
from programme.portal.views import participant_view
from programme.portal.views_reflections import sections_of


def peer_memberships(membership):
    if not membership.cohort.sharing_enabled:
        raise Http404("Sharing is not turned on for this cohort.")
    return (
        Membership.objects.filter(cohort=membership.cohort, status=MembershipStatus.ACCEPTED)
        .exclude(pk=membership.pk)
        .select_related("organisation")
    )


@participant_view
@require_safe
def peers(request, membership):
    others = list(peer_memberships(membership))
    plans = {
        plan.membership_id: plan
        for plan in OnePagePlan.objects.filter(membership__in=others, status=SubmissionStatus.SUBMITTED)
    }
    reports = set(
        Reflection.objects.filter(
            membership__in=others, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED,
        ).values_list("membership_id", flat=True)
    )
    return render(request, "portal/peers.html", {
        "membership": membership,
        "peers": [
            {"membership": other, "plan": plans.get(other.pk), "has_report": other.pk in reports}
            for other in others
        ],
    })


@participant_view
@require_safe
def peer(request, membership, pk):
    if pk == membership.pk:
        peer_memberships(membership)  # 404 unless sharing is on
        return redirect("portal:plan")
    other = get_object_or_404(peer_memberships(membership), pk=pk)
    plan = OnePagePlan.objects.filter(membership=other, status=SubmissionStatus.SUBMITTED).first()
    report = (
        Reflection.objects.filter(membership=other, kind=ReflectionKind.FINAL_REPORT, status=SubmissionStatus.SUBMITTED)
        .prefetch_related("statements").first()
    )
    return render(request, "portal/peer.html", {
        "membership": membership,
        "other": other,
        "plan": plan,
        "report": report,
        "sections": sections_of(report) if report else [],
    })
