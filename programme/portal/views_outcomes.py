"""The organisation's outcome figures: what it sent at each point (baseline,
end, follow-up) with each figure's history, and the form to send or correct
the figures of one point. Only the person's own organisation's figures are
ever read here (every query is of `membership`)."""
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from programme.enums import ReturnPoint
from programme.outcomes.figures import number
from programme.outcomes.forms import ReturnForm
from programme.outcomes.measures import measures_of
from programme.outcomes.returns import history_of, open_points, record_figure
from programme.portal.views import participant_view


def _point_label(point, cohort):
    if point == ReturnPoint.FOLLOW_UP and cohort.outcomes_follow_up_on:
        return f"Follow-up ({cohort.outcomes_follow_up_on:%-d %B %Y})"
    return ReturnPoint(point).label


@participant_view
@require_safe
def outcomes(request, membership):
    cohort = membership.cohort
    measures = list(measures_of(cohort.programme))
    history = history_of(membership)
    points = open_points(cohort)
    rows = []
    for measure in measures:
        cells = []
        for point in points:
            rows_here = history.get((measure.pk, point), [])
            cells.append({
                "current": rows_here[0] if rows_here else None,
                "shown": number(rows_here[0].value, measure.unit) if rows_here else "",
                "earlier": [(row, number(row.value, measure.unit)) for row in rows_here[1:]],
            })
        rows.append({"measure": measure, "cells": cells})
    return render(request, "portal/outcomes.html", {
        "membership": membership,
        "points": [{"value": point, "label": _point_label(point, cohort)} for point in points],
        "rows": rows,
    })


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def outcomes_return(request, membership, point):
    cohort = membership.cohort
    if point not in open_points(cohort):
        raise Http404("Not a point this cohort sends figures at.")
    measures = list(measures_of(cohort.programme))
    history = history_of(membership)
    current = {m.pk: history[(m.pk, point)][0] for m in measures if (m.pk, point) in history}
    form = ReturnForm(request.POST or None, measures=measures, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = [
                    record_figure(membership=membership, measure=measure, point=point, value=value,
                                  refers_to=refers_to, note=note, user=request.user)
                    for measure, value, refers_to, note in form.cleaned_data["figures"].values()
                ]
        except ValueError:  # a facilitator deleted a measure while the form was open: nothing was saved
            messages.error(request, "The programme's measures changed while you were typing, so nothing was "
                                    "saved. Check the figures below and send them again.")
            return redirect(request.path)
        changed = sum(1 for row in saved if row is not None)
        messages.success(request, f"{changed} figure{'s' if changed != 1 else ''} saved. Earlier figures are kept "
                         "in the history." if changed else "Nothing changed: the figures are as they were.")
        return redirect("portal:outcomes")
    return render(request, "portal/outcomes_return.html", {
        "membership": membership,
        "point_label": _point_label(point, cohort),
        "form": form,
        "current": current,
    }, status=400 if form.errors else 200)
