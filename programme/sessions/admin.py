"""The ModelAdmin screens of sessions and their case-study presentations."""
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from programme.admin.buttons import link_buttons
from programme.admin.scoping import ScopedIndexView, ScopedModelAdmin, scoped_filter
from programme.cohorts.labels import cohort_label, short_cohort_labels, with_shared_cohort_names
from programme.dates import format_short_moment
from programme.models import BriefingContact, Cohort, Presentation, ProgrammeSession
from programme.permissions import scope_to_facilitator

NBSP = "\u00a0"
COHORT_FILTER = "cohort"  # the query parameter of the cohort filter below


def chosen_cohort_label(request):
    """The short label of the cohort the list is filtered to ("" when it is
    not filtered, or to a cohort the user may not see)."""
    value = request.GET.get(COHORT_FILTER, "")
    if not value.isdigit():
        return ""
    cohorts = list(scope_to_facilitator(Cohort.objects.select_related("programme"), request.user))
    return short_cohort_labels(cohorts).get(int(value), "")


class ProgrammeSessionIndexView(ScopedIndexView):
    """Filtered to one cohort, the list names it once, in its heading,
    rather than on every row."""

    def get_page_subtitle(self):
        return self.cohort_label

    def dispatch(self, request, *args, **kwargs):
        self.cohort_label = chosen_cohort_label(request)
        return super().dispatch(request, *args, **kwargs)


class ProgrammeSessionAdmin(ScopedModelAdmin):
    model = ProgrammeSession
    index_view_class = ProgrammeSessionIndexView
    index_view_extra_css = ["programme/admin/lists.css"]
    button_helper_class = link_buttons(
        ("Register", "programme_admin:register", lambda s: s.status != "cancelled"),
        ("Feedback", "programme_admin:session_feedback", lambda s: s.status != "cancelled"),
        ("Breakout groups", "programme_admin:breakouts", lambda s: s.status != "cancelled"),
        ("Organisations", "programme_admin:session_places", lambda s: s.for_some_organisations),
        ("Directors", "programme_admin:briefing", lambda s: s.kind == "briefing"),
        ("Notes", "programme_admin:session_notes", lambda s: s.status != "cancelled"),
    )
    menu_label = "Sessions"
    menu_icon = "date"
    list_display = ("title", "cohort_label", "kind", "when", "status")
    list_filter = (
        scoped_filter(COHORT_FILTER, Cohort, "cohort", labels=short_cohort_labels, select_related=["programme"]),
        "kind", "status",
    )
    search_fields = ("title",)
    panels = [
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("status")]),
        FieldPanel("bookable"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("online"), FieldPanel("join_url"), FieldPanel("location")],
            heading="Where",
        ),
        FieldPanel("agenda"),
    ]

    def get_queryset(self, request):
        sessions = super().get_queryset(request).select_related("cohort__programme")
        return with_shared_cohort_names(sessions, user=request.user)

    def get_list_display(self, request):
        """No cohort column when the list is filtered to one cohort (its
        heading names it) or the user sees only one."""
        # wagtail-modeladmin asks once per row: work it out once per request.
        one_cohort = getattr(request, "_sessions_of_one_cohort", None)
        if one_cohort is None:
            one_cohort = request.GET.get(COHORT_FILTER, "").isdigit() or (
                scope_to_facilitator(Cohort.objects.all(), request.user).count() == 1
            )
            request._sessions_of_one_cohort = one_cohort
        if one_cohort:
            return tuple(column for column in self.list_display if column != "cohort_label")
        return self.list_display

    def cohort_label(self, session):
        return cohort_label(session.cohort.name, session.cohort.programme.title, shared=session.cohort_name_shared)

    cohort_label.short_description = "Cohort"
    cohort_label.admin_order_field = "cohort__name"

    def when(self, session):
        # The day held together, so a narrow column breaks only before the time.
        day, _, time = format_short_moment(session.starts_at).partition(", ") if session.starts_at else ("", "", "")
        return f"{day.replace(' ', NBSP)}, {time}" if time else day

    when.short_description = "Starts"
    when.admin_order_field = "starts_at"


class PresentationAdmin(ScopedModelAdmin):
    model = Presentation
    menu_icon = "pick"
    list_display = ("topic", "presenters", "organisation", "session")
    list_filter = (
        scoped_filter("session__cohort", Cohort, "cohort", labels=short_cohort_labels, select_related=["programme"]),
    )
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


class BriefingContactAdmin(ScopedModelAdmin):
    """Directors and heads of service, one or more per organisation, invited
    to the briefing without becoming portal participants."""

    model = BriefingContact
    menu_label = "Briefing contacts"
    menu_icon = "mail"
    list_display = ("name", "role", "organisation_name", "email")
    list_filter = (scoped_filter("membership__cohort", Cohort, "cohort", labels=short_cohort_labels,
                                 select_related=["programme"]),)
    search_fields = ("name", "role", "email", "membership__organisation__name")
    panels = [
        FieldPanel("membership"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("email"),
    ]
    inspect_view_fields = ["membership", "name", "role", "email"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership__organisation")

    @staticmethod
    def organisation_name(obj):
        return obj.membership.organisation.name

    organisation_name.short_description = "Organisation"
