"""A programme's outcome measures, for its facilitators: the list with
each measure's national and neighbour figures, adding the starter set,
adding a measure and typing in a comparator figure. Mounted under
/admin/peer-learning/; another programme answers 404."""
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.models import Comparator, Programme
from programme.outcomes.forms import ComparatorForm, MeasureForm
from programme.outcomes.measures import (
    add_measure,
    add_starter_measures,
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
    return TemplateResponse(request, "programme/admin/outcome_measures.html", {
        "programme": programme,
        "measures": measures,
        "measure_form": measure_form,
        "comparator_form": comparator_form,
        "cohorts": [
            (cohort, reverse("programme_admin:cohort_outcomes", args=[cohort.pk]))
            for cohort in programme.cohorts.order_by("starts_on", "name", "pk")
        ],
    }, status=400 if refused else 200)


urlpatterns = [
    path("programmes/<int:programme_id>/measures/", outcome_measures, name="outcome_measures"),
]
