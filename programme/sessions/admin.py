"""The ModelAdmin screens of sessions and their case-study presentations."""
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from programme.admin.buttons import link_buttons
from programme.admin.scoping import ScopedModelAdmin, scoped_filter
from programme.models import Cohort, Presentation, ProgrammeSession


class ProgrammeSessionAdmin(ScopedModelAdmin):
    model = ProgrammeSession
    button_helper_class = link_buttons(
        ("Register", "programme_admin:register", lambda s: s.status != "cancelled"),
        ("Breakout groups", "programme_admin:breakouts", lambda s: s.status != "cancelled"),
    )
    menu_label = "Sessions"
    menu_icon = "date"
    list_display = ("title", "cohort", "kind", "starts_at", "status")
    list_filter = (scoped_filter("cohort", Cohort, "cohort"), "kind", "status")
    search_fields = ("title",)
    panels = [
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("online"), FieldPanel("join_url"), FieldPanel("location")],
            heading="Where",
        ),
        FieldPanel("agenda"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cohort__programme")


class PresentationAdmin(ScopedModelAdmin):
    model = Presentation
    menu_icon = "pick"
    list_display = ("topic", "presenters", "organisation", "session")
    list_filter = (scoped_filter("session__cohort", Cohort, "cohort"),)
    panels = [
        FieldPanel("session"),
        FieldPanel("topic"),
        FieldPanel("presenters"),
        FieldPanel("organisation"),
        FieldPanel("case_study"),
        FieldPanel("follow_up_resources"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "session__cohort")
