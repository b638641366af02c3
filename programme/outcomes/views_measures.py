"""A programme's outcome measures, for its facilitators: the list with
each measure's national and neighbour figures, adding the starter set,
adding a measure and typing in a comparator figure; and one measure's
screen, to change it, remove a comparator figure typed wrong, or delete it
while nobody has sent a figure for it. Mounted under /admin/peer-learning/;
another programme answers 404."""
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.bad_input import as_id
from programme.models import Comparator, OutcomeMeasure, Programme
from programme.outcomes.forms import ComparatorForm, MeasureForm
from programme.outcomes.measures import (
    STARTER_SET,
    MeasureInUse,
    add_measure,
    add_starter_measures,
    change_measure,
    delete_measure,
    figures_sent,
    measures_of,
    set_comparator,
)


@require_http_methods(["GET", "HEAD", "POST"])
def outcome_measures(request, programme_id):
    programme = facilitated_or_404(Programme.objects.all(), request.user, pk=programme_id)
    here = reverse("programme_admin:outcome_measures", args=[programme.pk])
    action = request.POST.get("action") if request.method == "POST" else None
    measure_form = MeasureForm(request.POST if action == "measure" else None, programme=programme,
                               prefix="measure")
    comparator_form = ComparatorForm(request.POST if action == "comparator" else None, programme=programme,
                                     prefix="comparator")
    if action == "starter":
        added = add_starter_measures(programme=programme)
        messages.success(request, f"{len(added)} starter measure{'s' if len(added) != 1 else ''} added."
                         if added else "The programme already has every starter measure.")
        return redirect(here)
    if action == "measure" and measure_form.is_valid():
        data = measure_form.cleaned_data
        measure = add_measure(programme=programme, name=data["name"], unit=data["unit"],
                              direction=data["direction"], description=data["description"])
        messages.success(request, f"Measure added: {measure.name}.")
        return redirect(here)
    if action == "comparator" and comparator_form.is_valid():
        data = comparator_form.cleaned_data
        comparator = set_comparator(measure=data["measure"], kind=data["kind"], refers_to=data["refers_to"],
                                    value=data["value"], source=data["source"])
        messages.success(request, f"{comparator.get_kind_display()} figure recorded for {data['measure'].name}.")
        return redirect(here)
    measures = measures_of(programme).prefetch_related(
        Prefetch("comparators", queryset=Comparator.objects.order_by("kind", "-refers_to"))
    )
    refused = bool(measure_form.errors or comparator_form.errors)
    names = {measure.name for measure in measures}
    return TemplateResponse(request, "programme/admin/outcome_measures.html", {
        "programme": programme,
        "measures": measures,
        "starter_missing": [name for name, *_ in STARTER_SET if name not in names],
        "measure_form": measure_form,
        "comparator_form": comparator_form,
        "cohorts": [
            (cohort, reverse("programme_admin:cohort_outcomes", args=[cohort.pk]))
            for cohort in programme.cohorts.order_by("starts_on", "name", "pk")
        ],
    }, status=400 if refused else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def outcome_measure(request, programme_id, measure_id):
    measure = facilitated_or_404(OutcomeMeasure.objects.select_related("programme"), request.user,
                                 pk=measure_id, programme_id=programme_id)
    programme = measure.programme
    listing = reverse("programme_admin:outcome_measures", args=[programme.pk])
    here = reverse("programme_admin:outcome_measure", args=[programme.pk, measure.pk])
    sent = figures_sent(measure)
    action = request.POST.get("action") if request.method == "POST" else None
    form = MeasureForm(request.POST if action == "save" else None, instance=measure, programme=programme,
                       figures_sent=sent)
    if action == "delete":
        try:
            delete_measure(measure=measure)
        except MeasureInUse as refusal:
            messages.error(request, str(refusal))
            return redirect(here)
        messages.success(request, f"Measure deleted: {measure.name}.")
        return redirect(listing)
    if action == "remove_comparator":
        # Only this measure's own figures: another measure's id names nothing here.
        chosen = as_id(request.POST.get("comparator"))
        removed = Comparator.objects.filter(measure_id=measure.pk, pk=chosen).delete()[0] if chosen else 0
        if removed:
            messages.success(request, "Figure removed.")
        else:
            messages.error(request, "That figure was not found: it may have been removed already.")
        return redirect(here)
    if action == "save" and form.is_valid():
        data = form.cleaned_data
        try:
            change_measure(measure=measure, name=data["name"],
                           description=data["description"], unit=data["unit"], direction=data["direction"])
        except MeasureInUse as refusal:  # a figure arrived while the form was open
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Measure saved: {data['name']}.")
            return redirect(listing)
    return TemplateResponse(request, "programme/admin/outcome_measure.html", {
        "programme": programme, "measure": measure, "form": form, "figures_sent": sent,
        "comparators": measure.comparators.order_by("kind", "-refers_to"), "listing": listing,
    }, status=400 if form.errors else 200)


urlpatterns = [
    path("programmes/<int:programme_id>/measures/", outcome_measures, name="outcome_measures"),
    path("programmes/<int:programme_id>/measures/<int:measure_id>/", outcome_measure, name="outcome_measure"),
]
